//! Incremental builds through the binary: a build after a change rewrites only the files the
//! change touches, and leaves the same tree a cold build gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::SystemTime;

use crate::support::{copy_tree, factsheet_ok, repo, tree};

/// A built copy of the small site of `tests/cases/browser-site`.
fn built_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/cases/browser-site"), dir.path());
    let summary = factsheet_ok(dir.path(), &["build"]);
    assert!(summary.contains("built 2 articles"), "{summary}");
    dir
}

/// Every file of `dir` with the time it was last written.
fn written_at(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (
                relative.replace('\\', "/"),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// The site built from nothing into a folder of its own.
fn cold_build(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    factsheet_ok(dir, &["build", "--out", "cold"]);
    tree(&dir.join("cold"))
}

#[test]
fn a_build_with_nothing_changed_says_so_and_touches_no_file() {
    let dir = built_site();
    let public = dir.path().join("public");
    let (bytes, times) = (tree(&public), written_at(&public));
    let summary = factsheet_ok(dir.path(), &["build"]);
    assert!(
        summary.starts_with(&format!(
            "nothing changed: public is up to date ({} files) in ",
            bytes.len()
        )),
        "{summary}"
    );
    assert_eq!(tree(&public), bytes);
    assert_eq!(written_at(&public), times);
}

#[test]
fn one_changed_fact_file_rewrites_only_the_pages_showing_its_facts() {
    let dir = built_site();
    let public = dir.path().join("public");
    let (before, times) = (tree(&public), written_at(&public));
    let file = dir.path().join("content/northwind-lowers-prices.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let edited = yaml.replace(
        "title: Northwind lowers prices",
        "title: Northwind halves a price",
    );
    assert_ne!(edited, yaml);
    std::fs::write(&file, edited).unwrap();

    let summary = factsheet_ok(dir.path(), &["build"]);
    let after = tree(&public);
    let changed: BTreeSet<&str> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.as_str())
        .collect();
    let now = written_at(&public);
    let rewritten: BTreeSet<&str> = now
        .iter()
        .filter(|(path, time)| times.get(*path) != Some(*time))
        .map(|(path, _)| path.as_str())
        .collect();
    // Files whose bytes are the same are left alone.
    assert_eq!(rewritten, changed);
    // The selection: the article's own files, the kind and subject pages listing its one
    // fact, and the pages and data files that list every article.
    let selection = BTreeSet::from([
        "articles/northwind-lowers-prices/index.html",
        "articles/northwind-lowers-prices/facts.json",
        "articles/northwind-lowers-prices/facts.csv",
        "kinds/price-cut/index.html",
        "kinds/price-cut/facts.csv",
        "kinds/articles.csv",
        "subjects/northwind/index.html",
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
    ]);
    // The search index's files too: the buckets of the title's words and the chunk of records
    // that holds the article's facts.
    let outside: Vec<&&str> = changed
        .iter()
        .filter(|p| !selection.contains(*p) && !p.starts_with("search/"))
        .collect();
    assert!(
        outside.is_empty(),
        "rewritten outside the selection: {outside:?}"
    );
    for shows_the_title in [
        "articles/northwind-lowers-prices/index.html",
        "articles/northwind-lowers-prices/facts.json",
        "kinds/price-cut/index.html",
        "kinds/articles.csv",
        "subjects/northwind/index.html",
        "index.html",
        "feed.xml",
    ] {
        assert!(changed.contains(shows_the_title), "{shows_the_title} kept");
    }
    assert!(changed.iter().any(|p| p.starts_with("search/r/")));
    assert!(changed.iter().any(|p| p.starts_with("search/t/")));
    assert!(
        summary.contains(&format!(
            "({} files, {} written) into public",
            after.len(),
            changed.len()
        )),
        "{summary}"
    );
    assert_eq!(after, cold_build(dir.path()));
}

#[test]
fn a_deleted_article_has_its_pages_removed() {
    let dir = built_site();
    let public = dir.path().join("public");
    assert!(
        public
            .join("articles/northwind-lowers-prices/index.html")
            .is_file()
    );
    std::fs::remove_file(dir.path().join("seeds/northwind.md")).unwrap();
    std::fs::remove_file(dir.path().join("content/northwind-lowers-prices.yaml")).unwrap();

    let summary = factsheet_ok(dir.path(), &["build"]);
    let after = tree(&public);
    let left: Vec<&String> = after.keys().filter(|p| p.contains("northwind")).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!public.join("articles/northwind-lowers-prices").exists());
    assert!(!public.join("subjects/northwind").exists());
    // The three files of the article (its page, JSON and CSV) and the one subject page of its
    // one fact.
    assert!(summary.contains(", 4 removed) into public"), "{summary}");
    assert_eq!(after, cold_build(dir.path()));
}
