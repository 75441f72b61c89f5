//! Fact records -> YAML text, written by hand rather than by a serializer so the layout is the
//! one FACTS.md shows (flow `span`, fields in contract order) and a fact can be appended as text
//! to a file a person has edited without touching a byte of what they wrote.

use std::fmt::Write as _;

use super::{Fact, FactSheet};

/// The first line of every fact file extraction writes: editors with a YAML language server
/// validate and complete fields against the schema it names.
pub const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=../schema/factsheet.schema.json";

/// The whole fact file for `sheet`.
pub fn fact_file(sheet: &FactSheet) -> String {
    let mut out = String::new();
    out.push_str(SCHEMA_COMMENT);
    out.push('\n');
    let article = &sheet.article;
    out.push_str("article:\n");
    field(&mut out, "  ", "slug", &scalar(&article.slug));
    field(&mut out, "  ", "title", &quoted(&article.title));
    if let Some(date) = article.date {
        field(&mut out, "  ", "date", &date.to_string());
    }
    field(&mut out, "  ", "source", &scalar(&article.source));
    for (name, value) in [
        ("url", &article.url),
        ("publisher", &article.publisher),
        ("author", &article.author),
    ] {
        if let Some(value) = value {
            field(&mut out, "  ", name, &quoted(value));
        }
    }
    if sheet.facts.is_empty() {
        out.push_str("facts: []\n");
    } else {
        out.push_str("facts:\n");
        for fact in &sheet.facts {
            out.push_str(&fact_item(fact));
        }
    }
    out
}

/// One fact as an item of the `facts:` sequence, indented as `fact_file` writes it.
pub fn fact_item(fact: &Fact) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  - id: {}", scalar(&fact.id));
    let indent = "    ";
    field(&mut out, indent, "kind", fact.kind.as_str());
    field(&mut out, indent, "subject", &scalar(&fact.subject));
    if let Some(metric) = &fact.metric {
        field(&mut out, indent, "metric", &scalar(metric));
    }
    for (name, number) in [("value", fact.value), ("min", fact.min), ("max", fact.max)] {
        if let Some(number) = number {
            field(&mut out, indent, name, &number.to_string());
        }
    }
    if let Some(unit) = &fact.unit {
        field(&mut out, indent, "unit", unit.as_str());
    }
    if let Some(qualifier) = fact.qualifier {
        field(&mut out, indent, "qualifier", qualifier.as_str());
    }
    if let Some(basis) = fact.basis {
        field(&mut out, indent, "basis", basis.as_str());
    }
    if let Some(object) = &fact.object {
        field(&mut out, indent, "object", &scalar(object));
    }
    if let Some(period) = &fact.period {
        // Periods are ISO forms that read back as written (a bare year as a number).
        field(&mut out, indent, "period", period.as_str());
    }
    field(&mut out, indent, "text", &quoted(&fact.text));
    field(&mut out, indent, "quote", &quoted(&fact.quote));
    let [start, end] = fact.span;
    field(&mut out, indent, "span", &format!("[{start}, {end}]"));
    if let Some(confidence) = fact.confidence {
        let review = if super::review::is_to_check(fact) {
            "  # below the review threshold: check this fact"
        } else {
            ""
        };
        field(
            &mut out,
            indent,
            "confidence",
            &format!("{confidence}{review}"),
        );
    }
    if fact.reviewed {
        field(&mut out, indent, "reviewed", "true");
    }
    out
}

fn field(out: &mut String, indent: &str, name: &str, value: &str) {
    let _ = writeln!(out, "{indent}{name}: {value}");
}

/// `text` as a plain scalar when YAML reads it back as the same string, else double-quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// `text` double-quoted. JSON string escapes are a subset of YAML's double-quoted escapes.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "~"
    );
    let looks_numeric = text.parse::<f64>().is_ok()
        || text.starts_with(|c: char| c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || "-:.".contains(c));
    (first.is_alphanumeric() || first == '(')
        && !reserved
        && !looks_numeric
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ArticleMeta, Kind, Number, Period, Qualifier, Unit};

    fn sample() -> FactSheet {
        let mut fact = Fact::new(Kind::Count, "the network", "over 1 million");
        fact.id = "network-partners".into();
        fact.metric = Some("partners".into());
        fact.value = Some(Number(1_000_000.0));
        fact.unit = Some(Unit::Count);
        fact.qualifier = Some(Qualifier::Over);
        fact.period = Some(Period::parse("2024-09").unwrap());
        fact.quote = "It has \"over 1 million\" partners: a record.".into();
        fact.span = [10, 54];
        FactSheet {
            article: ArticleMeta {
                slug: "a-record".into(),
                title: "A record: partners".into(),
                date: Some(jiff::civil::date(2024, 9, 24)),
                source: "seeds/a.txt".into(),
                ..Default::default()
            },
            facts: vec![fact],
        }
    }

    #[test]
    fn writes_the_layout_of_facts_md() {
        let text = fact_file(&sample());
        assert_eq!(
            text,
            format!(
                "{SCHEMA_COMMENT}\n\
                 article:\n  slug: a-record\n  title: \"A record: partners\"\n  date: 2024-09-24\n  source: seeds/a.txt\n\
                 facts:\n  - id: network-partners\n    kind: count\n    subject: the network\n    metric: partners\n    \
                 value: 1000000\n    unit: count\n    qualifier: over\n    period: 2024-09\n    text: \"over 1 million\"\n    \
                 quote: \"It has \\\"over 1 million\\\" partners: a record.\"\n    span: [10, 54]\n"
            )
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let sheet = sample();
        let back: FactSheet = serde_saphyr::from_str(&fact_file(&sheet)).unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn strings_yaml_would_misread_are_quoted() {
        for tricky in [
            "yes", "null", "2024", "12:30", "- item", "a: b", "x #y", "", " lead", "[list]", "*ref",
        ] {
            let written = scalar(tricky);
            let back: String = serde_saphyr::from_str(&written).unwrap();
            assert_eq!(back, tricky, "{written}");
        }
        assert_eq!(
            scalar("Alpha Cloud's AI platform"),
            "Alpha Cloud's AI platform"
        );
    }
}
