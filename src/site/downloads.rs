//! The facts as data files: `facts.json` and `facts.csv` for one article, and `facts.csv` for
//! each kind.
//!
//! The site's facts are offered kind by kind (`kinds/<kind>/facts.csv`), not as one file: at
//! 10,000 articles one JSON of every fact was 79 MB, which no browser opens. A kind has no JSON:
//! it would say the facts of the articles' `facts.json` again.
//!
//! An article's `facts.csv` has the fact's columns only: its article (slug, title, date, where
//! it was first published) is the same on every row, said once by the sheet and its
//! `facts.json`, and was a quarter of the file. A kind's CSV spans articles, so each of its rows
//! names its article, by slug: `kinds/articles.csv` gives each article's title, date, URL,
//! publisher, author and sheet once, where every row of every kind's CSV said them again.
//!
//! The CSV follows RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted,
//! quotes doubled) and is safe to open in a spreadsheet: a cell that would start a formula gets
//! a leading apostrophe, unless it is a plain number such as `-17`.

use std::io::Write as _;

use serde::Serialize;

use super::links;
use crate::facts::load::FACT_FIELDS;
use crate::facts::{ArticleMeta, Fact, FactSheet};

/// The columns of an article's `facts.csv`: FACTS.md's fields of the fact, how sure
/// extraction was and whether a person has reviewed it, and the fact's permalink on its sheet.
/// A kind's `facts.csv` has `article` (its slug) before them.
pub const CSV_COLUMNS: [&str; FACT_FIELDS.len() + 2] = csv_columns();

/// The columns of `kinds/articles.csv`, one row an article: what a kind's CSV names by slug
/// alone (issue 19's title, date, URL and publisher of each fact's article), and its sheet.
pub const ARTICLE_CSV_COLUMNS: [&str; 7] = [
    "article",
    "article_title",
    "article_date",
    "article_url",
    "publisher",
    "author",
    "sheet",
];

/// [`CSV_COLUMNS`], made from the fact record's own list of fields so that the two cannot
/// drift apart: a field FACTS.md gains changes the length, and the build fails until
/// `csv_fields` writes it. `span` is two columns, since a spreadsheet holds one number a cell.
const fn csv_columns() -> [&'static str; FACT_FIELDS.len() + 2] {
    let mut columns = [""; FACT_FIELDS.len() + 2];
    let mut at = 0;
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

fn writer(out: &mut dyn std::io::Write) -> csv::Writer<&mut dyn std::io::Write> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The facts of one article as CSV, one row a fact. Permalinks start with `base_url`
/// (absolute when the site has one, else relative to the site's root).
pub fn csv(base_url: &str, sheet: &FactSheet) -> String {
    let mut out = Vec::new();
    let mut write = || -> std::io::Result<()> {
        let mut writer = writer(&mut out);
        writer.write_record(CSV_COLUMNS)?;
        let page = format!("{base_url}{}", links::article_page(&sheet.article.slug));
        for fact in &sheet.facts {
            writer.write_record(csv_fields(&sheet.article, &page, fact).map(bytes))?;
        }
        writer.flush()
    };
    write().expect("writing to memory does not fail");
    String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
}

/// Some facts of each article as CSV, each row led by its article's slug: a kind's
/// `facts.csv`, written to `out` a row at a time. The article's other columns are in
/// [`write_articles_csv`]'s table, joined by slug: on every row they were a third of the file.
pub fn write_csv_rows<'a>(
    out: &mut dyn std::io::Write,
    base_url: &str,
    articles: impl IntoIterator<Item = (&'a ArticleMeta, Vec<&'a Fact>)>,
) -> std::io::Result<()> {
    let mut writer = writer(out);
    writer.write_record(std::iter::once("article").chain(CSV_COLUMNS))?;
    for (article, facts) in articles {
        let page = format!("{base_url}{}", links::article_page(&article.slug));
        for fact in facts {
            let fields =
                std::iter::once(article.slug.clone()).chain(csv_fields(article, &page, fact));
            writer.write_record(fields.map(bytes))?;
        }
    }
    writer.flush()
}

/// Every article as CSV, one row each ([`ARTICLE_CSV_COLUMNS`]): `kinds/articles.csv`.
pub fn write_articles_csv<'a>(
    out: &mut dyn std::io::Write,
    base_url: &str,
    articles: impl IntoIterator<Item = &'a ArticleMeta>,
) -> std::io::Result<()> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut writer = writer(out);
    writer.write_record(ARTICLE_CSV_COLUMNS)?;
    for article in articles {
        let fields = [
            article.slug.clone(),
            article.title.clone(),
            article.date.map(|d| d.to_string()).unwrap_or_default(),
            text(&article.url),
            text(&article.publisher),
            text(&article.author),
            format!("{base_url}{}", links::article_page(&article.slug)),
        ];
        writer.write_record(fields.map(bytes))?;
    }
    writer.flush()
}

/// A field as the CSV writer takes it, defused.
fn bytes(field: String) -> Vec<u8> {
    defused(field).into_bytes()
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
        format!("{page}#{}", links::fact_anchor(&article.slug, &fact.id)),
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
        let mut kind = Vec::new();
        let facts = sheet.facts.iter().collect();
        write_csv_rows(&mut kind, "https://example.org/", [(&sheet.article, facts)]).unwrap();
        let kind = String::from_utf8(kind).unwrap();
        let lines: Vec<&str> = kind.split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len() + 1);
        let fact = "x,growth,\"S, Inc.\",revenue,-17,,,percent,exact,,,,17%,It fell 17%.,0,12,,false,https://example.org/articles/a/index.html#x";
        assert_eq!(
            lines[0],
            "article,id,kind,subject,metric,value,min,max,unit,qualifier,basis,object,period,text,quote,span_start,span_end,confidence,reviewed,permalink"
        );
        assert_eq!(lines[1], format!("a,{fact}"));
        assert_eq!(lines[2], "");

        // The article's own CSV: the same rows without the slug.
        let article = csv("https://example.org/", &sheet);
        let lines: Vec<&str> = article.split("\r\n").collect();
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert_eq!(lines[1], fact);

        // The articles table the slug joins.
        let mut articles = Vec::new();
        write_articles_csv(&mut articles, "https://example.org/", [&sheet.article]).unwrap();
        assert_eq!(
            String::from_utf8(articles).unwrap(),
            "article,article_title,article_date,article_url,publisher,author,sheet\r\na,T,2024-09-24,https://example.org/news/a,Example News,,https://example.org/articles/a/index.html\r\n"
        );
    }
}
