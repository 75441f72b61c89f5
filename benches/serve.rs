//! Benchmark of `factsheet serve` on a generated site of 1,000 articles: the time from starting
//! the server to the first page served, and from saving one fact file to the rebuilt page being
//! served. Run with `cargo bench --bench serve`; `SERVE_BENCH_ARTICLES` changes the size.

#[path = "../examples/gen_site.rs"]
#[allow(dead_code)]
mod gen_site;

#[path = "../tests/support/serve.rs"]
mod serve_child;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn get(address: &str, target: &str) -> Option<String> {
    let mut stream = TcpStream::connect(address).ok()?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.starts_with("HTTP/1.1 200").then_some(response)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let articles: usize = std::env::var("SERVE_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    // The newest article: the first on the front page, which lists fifty.
    let mut newest: Option<(jiff::civil::Date, String)> = None;
    for index in 0..articles {
        let (file, text, sheet) = gen_site::article(index);
        if let Some(date) = sheet.article.date {
            let candidate = (date, sheet.article.slug.clone());
            let newer = newest
                .as_ref()
                .is_none_or(|(d, slug)| date > *d || (date == *d && candidate.1 < *slug));
            if newer {
                newest = Some(candidate);
            }
        }
        std::fs::write(root.join("seeds").join(file), text).unwrap();
        let yaml = factsheet::facts::write::fact_file(&sheet);
        std::fs::write(
            root.join("content")
                .join(format!("{}.yaml", sheet.article.slug)),
            yaml,
        )
        .unwrap();
    }

    let started = Instant::now();
    let (mut child, address, _) = serve_child::serve(root, &["--root", root.to_str().unwrap()]);
    while get(&address, "/").is_none() {
        std::thread::sleep(Duration::from_millis(1));
    }
    let first_page = started.elapsed();

    let slug = newest.expect("the generated articles are dated").1;
    let file = root.join(format!("content/{slug}.yaml"));
    let original = std::fs::read_to_string(&file).unwrap();
    // The edited article's own page is what its editor looks at; the front page lists the
    // newest articles and is rebuilt right after it.
    let own_page = format!("/articles/{slug}/index.html");
    let own_page = own_page.as_str();
    let (mut own, mut index) = (Vec::new(), Vec::new());
    for round in 0..15 {
        let marker = format!("Edited title {round}");
        let edited =
            original.replacen("  title: ", &format!("  title: \"{marker}\"\n  # was: "), 1);
        let saved = Instant::now();
        write_file(&file, &edited);
        own.push(wait_for(&address, own_page, &marker, saved));
        index.push(wait_for(&address, "/", &marker, saved));
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "serve, {articles} articles: first page served {:.0} ms after start; save to the edited article's page served: {}; to the index served: {}",
        first_page.as_secs_f64() * 1e3,
        summary(&own),
        summary(&index),
    );
}

/// Polls `target` until it shows `marker`; the time since `saved`.
fn wait_for(address: &str, target: &str, marker: &str, saved: Instant) -> Duration {
    loop {
        if get(address, target).is_some_and(|page| page.contains(marker)) {
            return saved.elapsed();
        }
        assert!(
            saved.elapsed() < Duration::from_secs(30),
            "the edit never showed on {target}"
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn summary(samples: &[Duration]) -> String {
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    format!(
        "median {:.1} ms (min {:.1}, max {:.1}, {} saves)",
        ms(&median(samples.to_vec())),
        ms(samples.iter().min().unwrap()),
        ms(samples.iter().max().unwrap()),
        samples.len()
    )
}

fn write_file(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}
