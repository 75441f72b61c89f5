//! A JSON Schema of a fact file, for editors: a YAML language server reads it from the
//! `# yaml-language-server: $schema=...` line that heads every fact file, then completes field
//! names and flags a wrong word as it is typed.
//!
//! The schema is built from the same vocabularies the loader reads with (`Kind::BUILT_IN`,
//! `Qualifier::ALL`, `Basis::ALL`, the field lists), so the two cannot drift apart; the
//! repository keeps a copy at [`PATH`] and a test holds it equal to [`schema_text`].

use serde_json::{Value, json};

use super::load::{ARTICLE_FIELDS, FACT_FIELDS, TOP_FIELDS};
use super::{Basis, Kind, Qualifier};

/// Where the repository keeps the schema, relative to its root; fact files name it relative
/// to `content/`.
pub const PATH: &str = "schema/factsheet.schema.json";

/// The words `unit` takes besides ISO 4217 codes.
const UNIT_WORDS: [&str; 5] = ["percent", "count", "days", "months", "years"];

/// One end of a period: `2024`, `2024-Q2`, `2024-05` or `2024-09-19`.
const PERIOD_POINT: &str = r"[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?";

/// The schema as pretty-printed JSON with a final line break; same bytes on every run.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// The schema of a fact file (JSON Schema draft-07, which editors support best).
pub fn schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "factsheet fact file",
        "description": "One article's facts, as content/<slug>.yaml holds them (see FACTS.md).",
        "type": "object",
        "additionalProperties": false,
        "required": ["article"],
        "properties": {
            "article": article(),
            "facts": { "type": "array", "items": { "$ref": "#/definitions/fact" } }
        },
        "definitions": { "fact": fact() }
    })
}

/// A slug: lower-case words of letters and digits joined by `-`.
fn slug() -> Value {
    json!({ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" })
}

/// A text that may not be empty.
fn text(description: &str) -> Value {
    json!({ "type": "string", "minLength": 1, "description": description })
}

fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

/// An ISO 4217 code.
fn currency() -> Value {
    json!({ "type": "string", "pattern": "^[A-Z]{3}$" })
}

/// The fields of a fact, each with what it holds.
fn fact_properties() -> Value {
    let kinds: Vec<&str> = Kind::BUILT_IN.iter().map(Kind::as_str).collect();
    let qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
    let bases: Vec<&str> = Basis::ALL.iter().map(|b| b.as_str()).collect();
    let properties = json!({
        "id": with(&slug(), "Unique in the file; stable: the same fact extracted again gets the same id."),
        "kind": {
            "description": "What the fact records; any other word must be a kind the site declares in extract.toml, rendered generically.",
            "anyOf": [{ "enum": kinds }, { "type": "string", "minLength": 1 }]
        },
        "subject": text("Who or what the fact is about, as a reader would name it."),
        "metric": text("What was measured: \"public cloud revenue\", \"paying users\"."),
        "value": number("A plain number, no separators: 40000000, not \"40 million\"."),
        "min": number("Lower bound of a range (with `qualifier: range`)."),
        "max": number("Upper bound of a range (with `qualifier: range`)."),
        "unit": {
            "description": "percent, count, days, months, years, or an ISO 4217 code (USD, CNY) for money.",
            "anyOf": [{ "enum": UNIT_WORDS }, currency()]
        },
        "qualifier": { "enum": qualifiers, "description": "How the article bounds the value." },
        "basis": { "enum": bases, "description": "For growth: what the change is measured against." },
        "object": text("For a comparison: what the subject is compared with."),
        "period": {
            "description": "When the fact holds, ISO 8601: 2024, 2024-Q2, 2024-05, 2024-09-19, or an interval 2023-01/2023-07.",
            "anyOf": [
                { "type": "string", "pattern": format!("^{PERIOD_POINT}(/{PERIOD_POINT})?$") },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        },
        "text": text("The value as the article words it: \"over 40 million\"."),
        "quote": text("The sentence that states the fact, exactly as in the source."),
        "confidence": {
            "description": "How sure extraction was of the fact's fields, 0 to 1; below 0.6 a person should check it.",
            "type": "number",
            "minimum": 0,
            "maximum": 1
        },
        "reviewed": {
            "description": "true once a person has checked the fact against its article; extraction never writes it.",
            "type": "boolean"
        },
        "span": {
            "description": "[start, end] byte offsets of `quote` in the source, end exclusive.",
            "type": "array",
            "items": { "type": "integer", "minimum": 0 },
            "minItems": 2,
            "maxItems": 2
        }
    });
    debug_assert_eq!(
        properties.as_object().map(|o| o.len()),
        Some(FACT_FIELDS.len())
    );
    properties
}

/// A fact: its fields, and which of them each kind requires.
fn fact() -> Value {
    let kind_is =
        |kind: &str| json!({ "properties": { "kind": { "const": kind } }, "required": ["kind"] });
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "kind", "subject", "text", "quote", "span"],
        "properties": fact_properties(),
        "allOf": [
            {
                "if": kind_is("comparison"),
                "then": { "required": ["object"] },
                "else": {
                    "required": ["unit", "qualifier"],
                    "anyOf": [{ "required": ["value"] }, { "required": ["min", "max"] }]
                }
            },
            { "not": { "required": ["value", "min"] } },
            { "not": { "required": ["value", "max"] } },
            {
                "if": { "anyOf": [{ "required": ["min"] }, { "required": ["max"] }] },
                "then": { "required": ["min", "max"], "properties": { "qualifier": { "const": "range" } } }
            },
            { "if": kind_is("money"), "then": { "properties": { "unit": currency() } } },
            { "if": kind_is("share"), "then": { "properties": { "unit": { "const": "percent" } } } },
            { "if": kind_is("duration"), "then": { "properties": { "unit": { "enum": ["days", "months", "years"] } } } }
        ]
    })
}

/// The `article:` block.
fn article() -> Value {
    let article = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["slug", "title", "source"],
        "properties": {
            "slug": with(&slug(), "URL-safe, unique across the site."),
            "title": text("The article's title."),
            "date": { "type": "string", "format": "date", "description": "Publication date, YYYY-MM-DD." },
            "source": text("Path of the article relative to the site root, e.g. seeds/000_x.txt."),
            "url": { "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$", "description": "Where the article was first published: an http or https address." },
            "publisher": text("Who published the article."),
            "author": text("Who wrote the article.")
        }
    });
    debug_assert_eq!(
        article["properties"].as_object().map(|o| o.len()),
        Some(ARTICLE_FIELDS.len())
    );
    debug_assert_eq!(TOP_FIELDS, ["article", "facts"]);
    article
}

/// `schema` with a description added.
fn with(schema: &Value, description: &str) -> Value {
    let mut schema = schema.clone();
    schema["description"] = json!(description);
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schema_is_the_one_built_here() {
        assert_eq!(
            include_str!("../../schema/factsheet.schema.json"),
            schema_text()
        );
    }

    #[test]
    fn the_schema_lists_every_field_of_a_fact() {
        let schema = schema();
        let properties = schema["definitions"]["fact"]["properties"]
            .as_object()
            .unwrap();
        let names: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut expected = FACT_FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }

    #[test]
    fn fact_files_point_at_the_committed_schema() {
        assert!(super::super::write::SCHEMA_COMMENT.ends_with(&format!("=../{PATH}")));
    }
}
