//! Hostile content: markup, script, `javascript:` URLs and spreadsheet formulas in articles,
//! fact files and the configuration are rendered inert everywhere they appear: pages, charts,
//! search index, feed, sitemap, JSON-LD and CSV. A browser confirms that none of it runs.

use std::path::Path;

use crate::browser::{Browser, chromium, serve};
use crate::support::*;

const TAG: &str = "<script>window.__pwned=1</script>";
const ATTRIBUTE: &str = "\"><img src=x onerror=\"window.__pwned=2\">";
const URL: &str = "javascript:window.__pwned=3";
const CLOSE: &str = "</script><script>window.__pwned=4</script>";
const FORMULA: &str = "=HYPERLINK(\"https://evil.example/\",\"open\")";

/// A site whose every text field carries an attack.
fn hostile_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    let sentence =
        format!("The {ATTRIBUTE} unit grew revenue by 40% year-over-year, see {URL} and {CLOSE}.");
    let second = format!("Its share reached 12% of the {TAG} market.");
    let article = format!("03/01 2025 1\nA report {TAG}\n{sentence}\n{second}\n");
    std::fs::write(root.join("seeds/evil.txt"), &article).unwrap();
    let span = |quote: &str| {
        let start = article.find(quote).unwrap();
        format!("[{start}, {}]", start + quote.len())
    };
    let q = |text: &str| serde_json::to_string(text).unwrap();
    let yaml = format!(
        "article:\n  slug: evil\n  title: {title}\n  date: 2025-03-01\n  source: seeds/evil.txt\nfacts:\n\
         \x20 - id: evil-growth\n    kind: growth\n    subject: {subject}\n    metric: {metric}\n    value: 40\n\
         \x20   unit: percent\n    qualifier: exact\n    basis: year-over-year\n    period: 2025-Q1\n    text: \"40%\"\n\
         \x20   quote: {quote}\n    span: {span}\n\
         \x20 - id: evil-share\n    kind: share\n    subject: {formula}\n    metric: {url}\n    value: 12\n\
         \x20   unit: percent\n    qualifier: exact\n    text: \"12%\"\n    quote: {second_quote}\n    span: {second_span}\n",
        title = q(&format!("{CLOSE} {FORMULA}")),
        subject = q(ATTRIBUTE),
        metric = q(TAG),
        quote = q(&sentence),
        span = span(&sentence),
        formula = q(FORMULA),
        url = q(URL),
        second_quote = q(&second),
        second_span = span(&second),
    );
    std::fs::write(root.join("content/evil.yaml"), yaml).unwrap();
    let config = format!(
        "title = {}\ndescription = {}\nbase_url = \"https://example.org/facts/\"\nlanguage = \"en\"\n",
        q(&format!("Facts {TAG}")),
        q(&format!("About {ATTRIBUTE}")),
    );
    std::fs::write(root.join("config.toml"), config).unwrap();
    dir
}

#[test]
fn hostile_text_is_escaped_in_every_file_of_the_site() {
    let site = hostile_site();
    factsheet_ok(site.path(), &["build"]);
    let files = tree(&site.path().join("public"));
    assert!(
        files.contains_key("articles/evil/index.html"),
        "{:?}",
        files.keys()
    );
    // Markup is where text can turn into code; the downloads (CSV, JSON, YAML) and the search
    // index (a script file whose strings are data) carry the text as it was written.
    let markup = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml") || p.ends_with(".svg"));
    for (path, bytes) in markup {
        let text = String::from_utf8_lossy(bytes);
        for live in [
            "<script>window.__pwned",
            "<img src=x",
            "href=\"javascript:",
            "src=\"javascript:",
        ] {
            assert!(!text.contains(live), "{path} contains `{live}` unescaped");
        }
        if path.ends_with(".html") {
            assert_inert_json_ld(path, &text);
        }
    }
    // Every CSV of the site: the articles' and the kinds'.
    let csv: String = files
        .iter()
        .filter(|(path, _)| path.ends_with("facts.csv"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"open\"\")\""),
        "{csv}"
    );
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains("\"=HYPERLINK"),
        "{csv}"
    );
}

/// Inside a JSON-LD block, nothing may close the script element early.
fn assert_inert_json_ld(path: &str, html: &str) {
    let opening = "<script type=\"application/ld+json\">";
    for (at, _) in html.match_indices(opening) {
        let body = &html[at + opening.len()..];
        let end = body.find("</script>").unwrap();
        let json: serde_json::Value = serde_json::from_str(&body[..end])
            .unwrap_or_else(|e| panic!("{path}: JSON-LD is not JSON ({e})"));
        assert!(json.is_object(), "{path}");
        assert!(
            !body[..end].to_ascii_lowercase().contains("</script"),
            "{path}"
        );
    }
}

#[test]
fn no_hostile_script_runs_in_a_browser() {
    let Some(chromium) = chromium() else { return };
    let site = hostile_site();
    factsheet_ok(site.path(), &["build"]);
    let public = site.path().join("public");
    let base = serve(public.clone());
    let mut browser = Browser::launch(&chromium);
    for page in html_pages(&public) {
        browser.navigate(&format!("{base}/{page}"));
        assert_eq!(
            browser.eval("window.__pwned === undefined"),
            serde_json::json!(true),
            "{page}"
        );
    }
    // The search results render hostile subjects and metrics too.
    browser.navigate(&format!("{base}/index.html"));
    browser.eval("document.getElementById('search-input').focus()");
    browser.call("Input.insertText", serde_json::json!({"text": "revenue"}));
    browser.wait_for("document.querySelectorAll('#search-results [role=option][id]').length > 0");
    browser.call(
        "Input.insertText",
        serde_json::json!({"text": " HYPERLINK"}),
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        browser.eval("window.__pwned === undefined"),
        serde_json::json!(true)
    );
}

fn html_pages(public: &Path) -> Vec<String> {
    tree(public)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}
