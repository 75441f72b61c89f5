//! A fact's permalink anchor, which both the site (every link to a fact) and check (no two
//! facts of a sheet may share one) need.

/// The id of a fact's row on the sheet of the article `slug`: the fact's id (issue 19), without
/// the article's slug when the id starts with it (`f07` for `acme-q3-f07`), since the page is
/// the article's already and the slug was a tenth of every listing's bytes. An id that could
/// be another id of the sheet's (its headings, charts, kinds, sentences, the masthead's) keeps
/// a `fact-` prefix, as does any id starting with `fact-`, so that no two facts share an
/// anchor: check reports the one case left, `acme-q3-f07` beside `f07` on one sheet.
pub fn fact_anchor(slug: &str, id: &str) -> String {
    let id = id_safe(id);
    let bare = id
        .strip_prefix(slug)
        .and_then(|rest| rest.strip_prefix('-'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&id);
    if page_id(bare) {
        format!("fact-{id}")
    } else {
        bare.to_string()
    }
}

/// Whether `id` starts or is one of the ids a fact sheet gives its own parts.
fn page_id(id: &str) -> bool {
    const PREFIXES: [&str; 4] = ["fact-", "kind-", "chart-", "s-"];
    const IDS: [&str; 4] = ["main", "search-input", "search-results", "search-status"];
    PREFIXES.iter().any(|prefix| id.starts_with(prefix))
        || IDS.contains(&id)
        || id.ends_with("-heading")
        || id == "chart"
}

/// An HTML id may not hold whitespace; fact ids are slugs, but people edit them by hand.
fn id_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect()
}
