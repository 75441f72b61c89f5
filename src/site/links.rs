//! Where each page lives and how pages link to each other.
//!
//! Every link of the site is relative, so the site works at a domain root, under any subpath and
//! opened from disk: a path here is relative to the site root (`articles/x/index.html`, always
//! naming the file, never `dir/`), and a page reaches it through its [`root`] prefix.

use crate::facts::Kind;

/// The fact sheet of an article.
pub fn article_page(slug: &str) -> String {
    format!("articles/{slug}/index.html")
}

/// Every article's title, date, URL, publisher and sheet, which the kinds' `facts.csv` name by
/// slug.
pub const ARTICLES_CSV: &str = "kinds/articles.csv";

/// The page of one kind across articles.
pub fn kind_page(kind: &Kind) -> String {
    format!("kinds/{}/index.html", kind_slug(kind))
}

/// The page of one subject across articles.
pub fn subject_page(slug: &str) -> String {
    format!("subjects/{slug}/index.html")
}

/// Page `number` (from 1) of the listing whose first page is `first`: `kinds/growth/index.html`
/// is followed by `kinds/growth/page/2/index.html`, and the front page by `page/2/index.html`.
pub fn paged(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{}page/{number}/index.html", folder(first))
    }
}

/// The prefix that leads from the page at `path` back to the site root: `""` for `index.html`,
/// `"../../"` for `articles/x/index.html`.
pub fn root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The folder part of a page path, to name files beside it: `articles/x/`.
pub fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

pub use crate::facts::anchor::fact_anchor;

/// The id of a quoted sentence in the article text, from its byte span: several facts quoting
/// one sentence share one anchor.
pub fn sentence_anchor(span: [usize; 2]) -> String {
    format!("s-{}-{}", span[0], span[1])
}

/// A kind in a URL: `price_cut` is `price-cut`.
pub fn kind_slug(kind: &Kind) -> String {
    let slug = slug(kind.as_str());
    if slug.is_empty() {
        format!("kind-{:08x}", fnv(kind.as_str()))
    } else {
        slug
    }
}

/// A subject in a URL: "Nimbus Cloud's AI platform" is `nimbus-clouds-ai-platform`. A subject
/// with no ASCII letter or digit gets a stable name from a hash of its text.
pub fn subject_slug(subject: &str) -> String {
    let slug = slug(subject);
    if slug.is_empty() {
        format!("subject-{:08x}", fnv(subject))
    } else {
        slug
    }
}

/// Lower-case ASCII letters and digits joined by single hyphens; apostrophes are dropped first
/// so that "Cloud's" becomes `clouds`, not `cloud-s`.
pub fn slug(text: &str) -> String {
    crate::source::slug_words(text)
        .collect::<Vec<_>>()
        .join("-")
}

/// FNV-1a: a hash that is the same on every machine and every run, for names in URLs.
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_name_their_file_so_links_work_from_disk() {
        assert_eq!(article_page("a-b"), "articles/a-b/index.html");
        assert_eq!(kind_page(&Kind::PriceCut), "kinds/price-cut/index.html");
        assert_eq!(subject_page("orbitly"), "subjects/orbitly/index.html");
    }

    #[test]
    fn the_root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root("index.html"), "");
        assert_eq!(root("articles/a/index.html"), "../../");
        assert_eq!(root("feed.xml"), "");
        assert_eq!(folder("articles/a/index.html"), "articles/a/");
        assert_eq!(folder("index.html"), "");
    }

    #[test]
    fn subject_slugs_drop_apostrophes_and_punctuation() {
        assert_eq!(
            subject_slug("Nimbus Cloud's AI platform"),
            "nimbus-clouds-ai-platform"
        );
        assert_eq!(subject_slug("Nimbus 2.5-72B"), "nimbus-2-5-72b");
        assert_eq!(subject_slug("  Big   Tech "), "big-tech");
    }

    #[test]
    fn a_subject_without_ascii_letters_gets_a_stable_hashed_slug() {
        assert_eq!(subject_slug("阿里云"), subject_slug("阿里云"));
        assert!(subject_slug("阿里云").starts_with("subject-"));
        assert_ne!(subject_slug("阿里云"), subject_slug("钉钉"));
    }

    #[test]
    fn anchors_are_valid_html_ids() {
        assert_eq!(fact_anchor("a", "cloud growth"), "cloud-growth");
        assert_eq!(fact_anchor("acme-q3", "acme-q3-f07"), "f07");
        assert_eq!(fact_anchor("acme-q3", "acme-q3"), "acme-q3");
        assert_eq!(fact_anchor("acme-q3", "acme-q3-main"), "fact-acme-q3-main");
        assert_eq!(fact_anchor("a", "facts-heading"), "fact-facts-heading");
        assert_eq!(fact_anchor("a", "fact-1"), "fact-fact-1");
        assert_eq!(fact_anchor("a", "s-12-40"), "fact-s-12-40");
        assert_eq!(sentence_anchor([4126, 4346]), "s-4126-4346");
        assert_eq!(kind_slug(&Kind::Custom("head count".into())), "head-count");
    }
}
