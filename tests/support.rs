//! Helpers shared by the integration tests: temporary sites, running the binary, reading pages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod serve;
pub use serve::serve;

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the repository's site: seeds, templates, static files and config,
/// without `content/` (so extraction starts from nothing) unless `with_content`.
pub fn copy_of_repo(with_content: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut folders = vec!["seeds", "templates", "static"];
    if with_content {
        folders.push("content");
    }
    for folder in folders {
        copy_tree(&repo().join(folder), &dir.path().join(folder));
    }
    if repo().join("config.toml").exists() {
        std::fs::copy(repo().join("config.toml"), dir.path().join("config.toml")).unwrap();
    }
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `factsheet ARGS` in `dir`.
pub fn factsheet(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Runs `factsheet ARGS` in `dir` and insists that it succeeds; returns its stdout.
pub fn factsheet_ok(dir: &Path, args: &[&str]) -> String {
    let output = factsheet(dir, args);
    assert!(
        output.status.success(),
        "factsheet {args:?} failed with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        // The marker that says factsheet wrote the folder is not a file of the site.
        .filter(|e| e.file_type().is_file() && e.file_name() != ".factsheet-output")
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The values of attribute `name` in `html` (`href`, `src`, `id`), unescaped for `&amp;`.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = html[start..].find('"').map_or(html.len(), |i| start + i);
            html[start..end].replace("&amp;", "&")
        })
        .collect()
}

/// Every link in the built site that points inside it but at a missing file or anchor, as
/// "page -> href".
pub fn broken_links(site: &Path) -> Vec<String> {
    let files = tree(site);
    let mut broken = Vec::new();
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for href in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                resolve(page, path)
            };
            let target = if target.ends_with('/') || target.is_empty() {
                format!("{target}index.html")
            } else {
                target
            };
            let Some(target_bytes) = files.get(&target) else {
                broken.push(format!("{page} -> {href} (no file {target})"));
                continue;
            };
            if !fragment.is_empty() {
                let target_html = String::from_utf8_lossy(target_bytes);
                if !attributes(&target_html, "id")
                    .iter()
                    .any(|id| id == fragment)
                {
                    broken.push(format!("{page} -> {href} (no id {fragment} in {target})"));
                }
            }
        }
    }
    broken
}

/// `href` relative to the page `page` (both `/`-separated, relative to the site root).
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let trailing = if href.ends_with('/') { "/" } else { "" };
    format!("{}{trailing}", parts.join("/"))
}
