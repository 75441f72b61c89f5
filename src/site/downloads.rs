//! The facts as data files: `facts.json` and `facts.csv` for one article, and `facts.csv` for
//! each kind.
//!
//! The site's facts are offered kind by kind (`kinds/<kind>/facts.csv`), not as one file: at
//! 10,000 articles one JSON of every fact was 79 MB, which no browser opens. A kind has no JSON:
//! it would say the facts of the articles' `facts.json` again.
//!
//! The CSV follows RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted,
//! quotes doubled) and is safe to open in a spreadsheet: a cell that would start a formula gets
//! a leading apostrophe, unless it is a plain number such as `-17`.

use std::io::Write as _;

use serde::Serialize;

use super::links;
use crate::facts::load::FACT_FIELDS;
use crate::facts::{ArticleMeta, Fact, FactSheet};

/// The columns of `facts.csv`: the article's (its slug, title, date, and where it was first
/// published), FACTS.md's fields of the fact, how sure extraction was and whether a person has
/// reviewed it, and the fact's permalink on its sheet.
pub const CSV_COLUMNS: [&str; 25] = csv_columns();

/// The columns of the article, before each fact's.
const ARTICLE_COLUMNS: [&str; 6] = [
    "article",
    "article_title",
    "article_date",
    "article_url",
    "publisher",
    "author",
];

/// [`CSV_COLUMNS`], made from the fact record's own list of fields so that the two cannot
/// drift apart: a field FACTS.md gains changes the length, and the build fails until
/// `csv_fields` writes it. `span` is two columns, since a spreadsheet holds one number a cell.
const fn csv_columns() -> [&'static str; ARTICLE_COLUMNS.len() + FACT_FIELDS.len() + 2] {
    let mut columns = [""; ARTICLE_COLUMNS.len() + FACT_FIELDS.len() + 2];
    let mut at = 0;
    while at < ARTICLE_COLUMNS.len() {
        columns[at] = ARTICLE_COLUMNS[at];
        at += 1;
    }
    let mut field = 0;
    while field < FACT_FIELDS.len() {
        if same(FACT_FIELDS[field], "span") {
            columns[at] = "span_start";
            columns[at + 1] = "span_end";
            at += 2;
        } else {
            columns[at] = FACT_FIELDS[field];
            at += 1;
        }
        field += 1;
    }
    columns[at] = "permalink";
    columns
}

/// `a == b`, which a `const fn` cannot write yet.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The facts of `sheets` as CSV, one row a fact, in the order given. Permalinks start with
/// `base_url` (absolute when the site has one, else relative to the site's root).
pub fn csv<'a>(base_url: &str, sheets: impl IntoIterator<Item = &'a FactSheet>) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, base_url, sheets).expect("writing to memory does not fail");
    String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
}

/// [`csv`], written to `out` a row at a time.
pub fn write_csv<'a>(
    out: &mut dyn std::io::Write,
    base_url: &str,
    sheets: impl IntoIterator<Item = &'a FactSheet>,
) -> std::io::Result<()> {
    let rows = sheets
        .into_iter()
        .map(|sheet| (&sheet.article, sheet.facts.iter().collect::<Vec<_>>()));
    write_csv_rows(out, base_url, rows)
}

/// [`write_csv`] of some facts of each article.
pub fn write_csv_rows<'a>(
    out: &mut dyn std::io::Write,
    base_url: &str,
    articles: impl IntoIterator<Item = (&'a ArticleMeta, Vec<&'a Fact>)>,
) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for (article, facts) in articles {
        let page = format!("{base_url}{}", links::article_page(&article.slug));
        for fact in facts {
            let fields = csv_fields(article, &page, fact);
            writer.write_record(fields.map(|field| defused(field).into_bytes()))?;
        }
    }
    writer.flush()
}

fn csv_fields<'a>(
    article: &'a ArticleMeta,
    page: &'a str,
    fact: &'a Fact,
) -> impl Iterator<Item = String> + 'a {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let number =
        |value: Option<crate::facts::Number>| value.map(|n| n.to_string()).unwrap_or_default();
    [
        article.slug.clone(),
        article.title.clone(),
        article.date.map(|d| d.to_string()).unwrap_or_default(),
        text(&article.url),
        text(&article.publisher),
        text(&article.author),
        fact.id.clone(),
        fact.kind.to_string(),
        fact.subject.clone(),
        text(&fact.metric),
        number(fact.value),
        number(fact.min),
        number(fact.max),
        fact.unit
            .as_ref()
            .map(|u| u.to_string())
            .unwrap_or_default(),
        fact.qualifier.map(|q| q.to_string()).unwrap_or_default(),
        fact.basis.map(|b| b.to_string()).unwrap_or_default(),
        text(&fact.object),
        fact.period
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        fact.text.clone(),
        fact.quote.clone(),
        fact.span[0].to_string(),
        fact.span[1].to_string(),
        number(fact.confidence),
        fact.reviewed.to_string(),
        format!("{page}#{}", links::fact_anchor(&fact.id)),
    ]
    .into_iter()
}

/// A field that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1" pasted from an
/// article), written with a leading apostrophe so that it shows as text; numbers stay numbers.
/// The CSV writer quotes; this is the one thing it cannot know to do.
fn defused(value: String) -> String {
    let starts_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(&value) {
        format!("'{value}")
    } else {
        value
    }
}

/// `-17`, `+3.5`: numbers a spreadsheet reads as numbers, not formulas.
fn is_plain_number(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.matches('.').count() <= 1
}

/// JSON with a final newline; struct field order keeps it the same from build to build. Not
/// indented: indentation made a third of the file, and browsers and `jq` indent it for reading.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    write_json(&mut out, value).expect("our data serializes to JSON in memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`json`], written to `out` as it is made.
pub fn write_json<T: Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer(&mut out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One field as the downloads write it.
    fn csv_field(value: &str) -> String {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer
            .write_record(["x".to_string(), defused(value.to_string())])
            .unwrap();
        let row = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        row.strip_prefix("x,")
            .unwrap()
            .trim_end_matches('\n')
            .to_string()
    }

    #[test]
    fn csv_fields_are_quoted_with_doubled_quotes() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formula_starts_get_an_apostrophe_but_numbers_do_not() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1 call"), "'+1 call");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("-cmd"), "'-cmd");
        assert_eq!(csv_field("-17"), "-17");
        assert_eq!(csv_field("+3.5"), "+3.5");
        assert_eq!(csv_field("-"), "'-");
    }

    #[test]
    fn rows_end_with_crlf_and_hold_every_column() {
        let sheet: FactSheet = serde_saphyr::from_str(
            "article: {slug: a, title: T, date: 2024-09-24, source: seeds/a.txt, url: \"https://example.org/news/a\", publisher: Example News}\nfacts:\n  - {id: x, kind: growth, subject: \"S, Inc.\", metric: revenue, value: -17, unit: percent, qualifier: exact, text: \"17%\", quote: \"It fell 17%.\", span: [0, 12]}\n",
        )
        .unwrap();
        let csv = csv("https://example.org/", [&sheet]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
        assert_eq!(
            lines[0],
            "article,article_title,article_date,article_url,publisher,author,id,kind,subject,metric,value,min,max,unit,qualifier,basis,object,period,text,quote,span_start,span_end,confidence,reviewed,permalink"
        );
        assert_eq!(
            lines[1],
            "a,T,2024-09-24,https://example.org/news/a,Example News,,x,growth,\"S, Inc.\",revenue,-17,,,percent,exact,,,,17%,It fell 17%.,0,12,,false,https://example.org/articles/a/index.html#fact-x"
        );
        assert_eq!(lines[2], "");
    }
}
