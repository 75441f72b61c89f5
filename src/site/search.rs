//! The search index: every fact as a few short strings, written as a script that sets one
//! global, so that `static/search.js` can load it with a `<script>` element. That works on any
//! static host and from disk (`file://`), where `fetch` of a JSON file would be refused.

use std::io::Write as _;

use serde::Serialize;

use super::format::{Figure, Locale};
use super::{Site, links};

/// The file the index is written to, relative to the site root.
pub const PATH: &str = "search-index.js";

/// One fact in the index. The keys are short because the index is loaded whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Subject.
    pub s: String,
    /// Metric (or, for a comparison, what the subject is compared with).
    pub m: String,
    /// The value for readers: "+155% year-over-year".
    pub v: String,
    /// Kind label.
    pub k: String,
    /// Period for readers.
    pub p: String,
    /// The quote.
    pub q: String,
    /// The article's title.
    pub a: String,
    /// The fact's row, relative to the site root.
    pub u: String,
}

/// Every fact of the site, in site order, one at a time.
fn each_entry<'a>(site: &'a Site, locale: &'a Locale) -> impl Iterator<Item = Entry> + 'a {
    site.sheets.iter().flat_map(move |sheet| {
        let page = links::article_page(&sheet.facts.article.slug);
        sheet.facts.facts.iter().map(move |fact| Entry {
            s: fact.subject.clone(),
            m: fact
                .metric
                .clone()
                .or_else(|| fact.object.clone())
                .unwrap_or_default(),
            v: locale.headline(&Figure::of(fact)),
            k: locale.kind_label(&fact.kind),
            p: fact
                .period
                .as_ref()
                .map(|p| locale.period(p.as_str()))
                .unwrap_or_default(),
            q: fact.quote.clone(),
            a: sheet.facts.article.title.clone(),
            u: format!("{page}#{}", links::fact_anchor(&fact.id)),
        })
    })
}

/// The script of every fact of `site`, written to `out` an entry at a time.
pub fn write_script(
    out: &mut dyn std::io::Write,
    site: &Site,
    locale: &Locale,
) -> std::io::Result<()> {
    write_entries(out, each_entry(site, locale))
}

/// The script: `window.factsheetIndex = [...];`. `<` is escaped so that no text in it can
/// end a `<script>` element early, should a page ever inline it.
fn write_entries(
    out: &mut dyn std::io::Write,
    entries: impl Iterator<Item = Entry>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"window.factsheetIndex = [")?;
    for (number, entry) in entries.enumerate() {
        if number > 0 {
            out.write_all(b",")?;
        }
        let json = serde_json::to_string(&entry).map_err(std::io::Error::other)?;
        out.write_all(json.replace('<', "\\u003c").as_bytes())?;
    }
    out.write_all(b"];\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_sets_one_global_and_cannot_close_a_script_element() {
        let entry = Entry {
            s: "A</script>".into(),
            m: String::new(),
            v: "+5%".into(),
            k: "Growth".into(),
            p: String::new(),
            q: "q".into(),
            a: "t".into(),
            u: "articles/t/index.html#fact-x".into(),
        };
        let mut out = Vec::new();
        write_entries(&mut out, [entry].into_iter()).unwrap();
        let script = String::from_utf8(out).unwrap();
        assert!(script.starts_with("window.factsheetIndex = [{\"s\":\"A\\u003c/script>\""));
        assert!(!script.contains("</"));
    }
}
