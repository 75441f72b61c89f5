//! `factsheet serve` end to end: a real server on a free loopback port, real file edits.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::*;

/// A running `factsheet serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(root: &std::path::Path) -> Server {
        let (child, address, _) = serve(root, &[]);
        Server { child, address }
    }

    /// Status code and body of GET `target`, sent exactly as given.
    fn get(&self, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Polls `target` until its body satisfies `ready`, for at most ten seconds.
    fn wait_for(&self, target: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (_, body) = self.get(target);
            if ready(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn only_fact_file(root: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .unwrap()
}

fn retitle(file: &std::path::Path, title: &str) {
    let yaml = std::fs::read_to_string(file).unwrap();
    let line = yaml
        .lines()
        .find(|l| l.trim_start().starts_with("title:"))
        .unwrap();
    std::fs::write(
        file,
        yaml.replacen(line, &format!("  title: \"{title}\""), 1),
    )
    .unwrap();
}

#[test]
fn edits_show_up_errors_show_in_the_page_and_the_server_recovers() {
    let site = copy_of_repo(true);
    let server = Server::start(site.path());
    let file = only_fact_file(site.path());

    retitle(&file, "Edited while serving");
    let index = server.wait_for("/", "the edited title", |b| {
        b.contains("Edited while serving")
    });
    assert!(
        index.contains("EventSource"),
        "the reload script is injected"
    );

    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        good.replacen("facts:", "facts:\n  - id: [unclosed", 1),
    )
    .unwrap();
    let broken = server.wait_for("/", "the error overlay", |b| {
        b.contains("<div id=\"factsheet-problem\"")
    });
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        broken.contains(&format!("content/{name}")),
        "the overlay names the file:\n{broken}"
    );
    assert!(
        broken.contains("Edited while serving"),
        "the last good site is still served"
    );

    retitle(&file, "Fixed again");
    let fixed =
        std::fs::read_to_string(&file)
            .unwrap()
            .replacen("facts:\n  - id: [unclosed", "facts:", 1);
    std::fs::write(&file, fixed).unwrap();
    let index = server.wait_for("/", "recovery", |b| b.contains("Fixed again"));
    assert!(!index.contains("<div id=\"factsheet-problem\""));
}

#[test]
fn a_new_article_is_extracted_and_appears_without_a_restart() {
    let site = copy_of_repo(true);
    let server = Server::start(site.path());
    std::fs::write(
        site.path().join("seeds/zz_new.txt"),
        "11/02 2025 1\nSubscriptions at Orbitly pass a new mark\nOrbitly said paying subscribers rose by 40% year-over-year to 3 million.\n",
    )
    .unwrap();
    server.wait_for("/", "the new article", |b| {
        b.contains("Subscriptions at Orbitly pass a new mark")
    });
    assert!(
        site.path()
            .join("content/subscriptions-at-orbitly-pass-a-new-mark.yaml")
            .exists()
    );

    std::fs::remove_file(site.path().join("seeds/zz_new.txt")).unwrap();
    std::fs::remove_file(
        site.path()
            .join("content/subscriptions-at-orbitly-pass-a-new-mark.yaml"),
    )
    .unwrap();
    server.wait_for("/", "the article to disappear", |b| {
        !b.contains("Subscriptions at Orbitly")
    });
}

#[test]
fn requests_outside_the_site_are_refused_and_unknown_paths_get_the_404_page() {
    let site = copy_of_repo(true);
    let server = Server::start(site.path());
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "/static/..%5c..%5cCargo.toml",
    ] {
        let (status, body) = server.get(target);
        assert_eq!(status, 403, "{target}: {body}");
        assert!(!body.contains("[package]"));
    }
    let (status, _) = server.get("/no/such/page.html");
    assert_eq!(status, 404);
}

#[test]
fn an_open_page_reloads_by_itself_after_an_edit_also_under_a_subpath() {
    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let site = copy_of_repo(true);
    std::fs::write(
        site.path().join("config.toml"),
        "title = \"Preview\"\nbase_url = \"https://example.org/facts/\"\n",
    )
    .unwrap();
    let server = Server::start(site.path());
    let mut browser = crate::browser::Browser::launch(&chromium);
    browser.navigate(&format!("http://{}/facts/", server.address));
    // State set on the page now is gone once the page has reloaded.
    browser.eval("window.__before_reload = true");
    retitle(&only_fact_file(site.path()), "Reloaded by itself");
    browser.wait_for(
        "document.readyState === 'complete' && window.__before_reload === undefined \
         && document.body.textContent.includes('Reloaded by itself')",
    );
    let problems = browser.console_errors();
    assert!(problems.is_empty(), "console errors: {problems:#?}");
}
