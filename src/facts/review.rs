//! Review of extracted facts: which wait for a person, and the edit of the fact file each
//! decision of a person makes. Accepting a fact writes `reviewed: true` (in place of its
//! `confidence` line, whose "check this fact" comment would no longer be true); deleting
//! removes the fact; setting a field writes one value.
//! Every edit leaves every other byte of the file as it was, and is refused, with the reason,
//! when the file would no longer load as the same facts with that one change.

use std::ops::Range;
use std::path::Path;

use super::load::{self, Fields, Loaded};
use super::write::{quoted, scalar};
use super::{Fact, FactSheet};
use crate::diagnostic::Diagnostic;

/// What a person decided about one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The fact is right: it is no longer marked "to check".
    Accept,
    /// The fact is wrong: it goes (and the extraction record keeps it from coming back).
    Delete,
    /// One field takes a new value, written as a person would type it.
    Set { field: String, value: String },
}

/// Whether `fact` waits for a person first: extraction gave it a confidence below the
/// threshold, and no one has reviewed it since.
pub fn is_to_check(fact: &Fact) -> bool {
    !fact.reviewed
        && fact
            .confidence
            .is_some_and(|c| c.0 < f64::from(super::REVIEW_BELOW))
}

/// The indexes of the facts of `sheet` no person has reviewed, in file order.
pub fn unreviewed(sheet: &FactSheet) -> Vec<usize> {
    (0..sheet.facts.len())
        .filter(|&i| !sheet.facts[i].reviewed)
        .collect()
}

/// The indexes of the facts of `sheet` that wait for a person, in file order.
pub fn to_check(sheet: &FactSheet) -> Vec<usize> {
    (0..sheet.facts.len())
        .filter(|&i| is_to_check(&sheet.facts[i]))
        .collect()
}

/// The text of the fact file `text` (loaded as `loaded`, read from `path`) with `decision`
/// made about the fact `id`; or why it cannot be made in place.
pub fn apply(
    path: &Path,
    text: &str,
    loaded: &Loaded,
    id: &str,
    decision: &Decision,
) -> Result<String, String> {
    let index = loaded
        .sheet
        .facts
        .iter()
        .position(|f| f.id == id)
        .ok_or_else(|| format!("no fact `{id}` in {}", path.display()))?;
    let places = &loaded.places.facts[index];
    let mut edited = text.to_string();
    let mut expected = loaded.sheet.clone();
    match decision {
        Decision::Accept => {
            if loaded.sheet.facts[index].reviewed {
                return Err(format!("fact `{id}` is already reviewed"));
            }
            let confidence_line = places.fields.get("confidence").and_then(|field| {
                own_line(text, field.key, field.value.end).map(|line| (line, field.key))
            });
            let written = places.fields.get("reviewed");
            match (written, confidence_line) {
                // `reviewed: false` written by hand: the one word changes.
                (Some(found), _) => edited.replace_range(found.value.clone(), "true"),
                (None, Some((line, key))) => {
                    let indent = &text[line.start..key];
                    let newline = if text[..line.end].ends_with("\r\n") {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    edited.replace_range(line, &format!("{indent}reviewed: true{newline}"));
                    expected.facts[index].confidence = None;
                }
                (None, None) => {
                    let (at, indent) = after_last_field(text, places)
                        .ok_or("it is written in `{...}` style; add `reviewed: true` by hand")?;
                    edited.insert_str(at, &format!("{indent}reviewed: true\n"));
                }
            }
            expected.facts[index].reviewed = true;
        }
        Decision::Delete => {
            let range = item_lines(text, loaded, index)
                .ok_or("it is written in `{...}` style; delete it by hand")?;
            edited.replace_range(range, "");
            expected.facts.remove(index);
        }
        Decision::Set { field, value } => {
            let name = load::FACT_FIELDS
                .iter()
                .find(|f| **f == field.as_str())
                .ok_or_else(|| format!("a fact has no field `{field}`"))?;
            let written = yaml_value(name, value.trim());
            match places.fields.get(name) {
                Some(found) => edited.replace_range(found.value.clone(), &written),
                None => {
                    let (at, indent) = after_last_field(text, places)
                        .ok_or("it is written in `{...}` style; edit it by hand")?;
                    edited.insert_str(at, &format!("{indent}{name}: {written}\n"));
                }
            }
        }
    }
    let again = load::load(path, &edited);
    if let Some(problem) = again.problems.iter().find(|p| p.is_error()) {
        return Err(describe(problem));
    }
    if let Decision::Set { .. } = decision {
        // The one fact may change as the new value says; every other byte must not.
        expected.facts[index] = again
            .sheet
            .facts
            .get(index)
            .cloned()
            .ok_or("the fact is gone")?;
    }
    if again.sheet != expected {
        return Err("the file would change more than this fact; edit it by hand".into());
    }
    Ok(edited)
}

fn describe(problem: &Diagnostic) -> String {
    match &problem.help {
        Some(help) => format!("{} ({help})", problem.message),
        None => problem.message.clone(),
    }
}

/// The value as YAML: numbers and plain words as they are, other text double-quoted.
fn yaml_value(field: &str, value: &str) -> String {
    match field {
        "subject" | "metric" | "object" | "text" | "quote" => quoted(value),
        _ => scalar(value),
    }
}

/// The whole line of the entry from `key` to `value_end`, line break included, when nothing
/// but spaces stands before it and nothing but a comment after it.
fn own_line(text: &str, key: usize, value_end: usize) -> Option<Range<usize>> {
    let start = text[..key].rfind('\n').map_or(0, |i| i + 1);
    let end = text[value_end..]
        .find('\n')
        .map_or(text.len(), |i| value_end + i + 1);
    let before = &text[start..key];
    let after = text[value_end..end].trim();
    (before.bytes().all(|b| b == b' ') && (after.is_empty() || after.starts_with('#')))
        .then_some(start..end)
}

/// The lines of fact `index` of a block list: from its `-` line to the line before the next
/// item (or to the end of its last field's line, for the last item).
fn item_lines(text: &str, loaded: &Loaded, index: usize) -> Option<Range<usize>> {
    let places = &loaded.places.facts[index];
    let start = text[..places.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[start..places.start].trim_start().starts_with('-') {
        return None;
    }
    let end = match loaded.places.facts.get(index + 1) {
        Some(next) => text[..next.start].rfind('\n').map_or(0, |i| i + 1),
        None => {
            let last = places.fields.values().map(|f| f.value.end).max()?;
            text[last..].find('\n').map_or(text.len(), |i| last + i + 1)
        }
    };
    (start < end).then_some(start..end)
}

/// Where a new field of the fact goes (after its last field's line) and its indentation.
fn after_last_field(text: &str, places: &Fields) -> Option<(usize, String)> {
    let first = places.fields.values().map(|f| f.key).min()?;
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..first].chars().count();
    let last = places.fields.values().map(|f| f.value.end).max()?;
    let at = text[last..].find('\n').map(|i| last + i + 1)?;
    if text[line_start..first].contains('{') {
        return None;
    }
    Some((at, " ".repeat(column)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  # kept\n  - id: one\n    kind: count\n    subject: the service\n    metric: users\n    value: 500000\n    unit: count\n    qualifier: exact\n    text: \"500,000\"\n    quote: \"It has 500,000 users.\"\n    span: [0, 21]\n    confidence: 0.5  # below the review threshold: check this fact\n  - id: two\n    kind: count\n    subject: the app\n    metric: downloads\n    value: 7\n    unit: count\n    qualifier: exact\n    text: \"7\"\n    quote: \"It has 7 downloads.\"\n    span: [22, 41]\n    confidence: 0.9\n";

    fn decide(id: &str, decision: Decision) -> Result<String, String> {
        let path = Path::new("content/a.yaml");
        apply(path, FILE, &load::load(path, FILE), id, &decision)
    }

    #[test]
    fn only_facts_below_the_threshold_wait_for_a_person() {
        let sheet = load::load(Path::new("content/a.yaml"), FILE).sheet;
        assert_eq!(to_check(&sheet), [0]);
    }

    #[test]
    fn accepting_writes_reviewed_in_place_of_the_confidence_line_and_nothing_else() {
        let accepted = decide("one", Decision::Accept).unwrap();
        assert_eq!(
            accepted,
            FILE.replace(
                "    confidence: 0.5  # below the review threshold: check this fact\n",
                "    reviewed: true\n"
            )
        );
        let sheet = load::load(Path::new("content/a.yaml"), &accepted).sheet;
        assert_eq!(to_check(&sheet), Vec::<usize>::new());
        assert_eq!(unreviewed(&sheet), [1]);
    }

    #[test]
    fn accepting_a_fact_without_confidence_adds_reviewed_and_false_becomes_true() {
        let bare = FILE.replace("    confidence: 0.9\n", "");
        let path = Path::new("content/a.yaml");
        let accepted = apply(
            path,
            &bare,
            &load::load(path, &bare),
            "two",
            &Decision::Accept,
        )
        .unwrap();
        assert!(
            accepted.ends_with("    span: [22, 41]\n    reviewed: true\n"),
            "{accepted}"
        );
        let unchecked = FILE.replace("    confidence: 0.9\n", "    reviewed: false  # mine\n");
        let accepted = apply(
            path,
            &unchecked,
            &load::load(path, &unchecked),
            "two",
            &Decision::Accept,
        )
        .unwrap();
        assert!(
            accepted.ends_with("    reviewed: true  # mine\n"),
            "{accepted}"
        );
    }

    #[test]
    fn deleting_removes_the_fact_lines_and_keeps_comments_above_it() {
        let deleted = decide("two", Decision::Delete).unwrap();
        assert_eq!(deleted, FILE[..FILE.find("  - id: two").unwrap()]);
        let first = decide("one", Decision::Delete).unwrap();
        assert!(first.contains("  # kept\n  - id: two\n"), "{first}");
    }

    #[test]
    fn setting_a_field_writes_it_in_place_or_adds_it_in_line() {
        let set = |field: &str, value: &str| {
            decide(
                "one",
                Decision::Set {
                    field: field.into(),
                    value: value.into(),
                },
            )
        };
        let subject = set("subject", "Nimbus: the service").unwrap();
        assert!(subject.contains("    subject: \"Nimbus: the service\"\n"));
        let period = set("period", "2024-Q2").unwrap();
        assert!(period.contains(
            "# below the review threshold: check this fact\n    period: 2024-Q2\n  - id: two"
        ));
        let wrong = set("period", "last spring").unwrap_err();
        assert!(wrong.contains("period"), "{wrong}");
        assert!(
            set("colour", "red")
                .unwrap_err()
                .contains("no field `colour`")
        );
    }

    #[test]
    fn a_fact_that_is_not_there_or_already_accepted_is_said_so() {
        assert!(
            decide("three", Decision::Accept)
                .unwrap_err()
                .contains("no fact `three`")
        );
        let two = decide("two", Decision::Accept).unwrap();
        let path = Path::new("content/a.yaml");
        let again = apply(
            path,
            &two,
            &load::load(path, &two),
            "two",
            &Decision::Accept,
        );
        assert!(again.unwrap_err().contains("already reviewed"));
    }
}
