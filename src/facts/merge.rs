//! Re-extraction meets a hand-edited fact file: new facts are added as text, and nothing a
//! person wrote is touched.
//!
//! No YAML serialiser keeps comments, blank lines and quoting styles, so the file is never
//! serialised again: each new fact is rendered on its own ([`super::write::fact_item`]) and
//! spliced in after the last item of `facts:`, under a comment that asks for a review. Which
//! facts are new is decided by id: a fact is added when its id is neither in the file nor in
//! `known`, the ids extraction proposed before (see [`super::record`]); an id that is known and
//! missing from the file was deleted by hand and stays deleted.

use std::collections::BTreeSet;

use super::Fact;
use super::raw::{self, Node, NodeKind};
use super::write;

/// The comment written above each fact that re-extraction adds.
pub const NEW_FACT_COMMENT: &str =
    "# new from extraction: review this fact, then delete this comment";

/// A fact file with the new facts added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    /// Ids of the facts added, in the order they were added.
    pub added: Vec<String>,
}

/// Why new facts could not be added to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// The file's shape leaves no place for facts (its problem is reported by the loader).
    NoPlace { offset: usize, message: String },
    /// The merged text did not read back as the old facts followed by the new ones. This is
    /// a fault of factsheet, caught before anything is written.
    Unsound(String),
}

/// `text` (whose YAML tree is `tree`) with every fact of `extracted` appended whose id is
/// neither in the file nor in `known`.
pub fn merge(
    text: &str,
    tree: &Node,
    extracted: &[Fact],
    known: &BTreeSet<String>,
) -> Result<Merged, MergeError> {
    if tree.entries().is_none() {
        return Err(MergeError::NoPlace {
            offset: tree.span.start,
            message: "the file is not a mapping with `article:` and `facts:`".into(),
        });
    }
    let facts = tree.get("facts");
    let old_ids = facts.map(|entry| ids(&entry.value)).unwrap_or_default();
    let present: BTreeSet<&str> = old_ids.iter().flatten().map(String::as_str).collect();
    let new: Vec<&Fact> = extracted
        .iter()
        .filter(|f| !present.contains(f.id.as_str()) && !known.contains(&f.id))
        .collect();
    if new.is_empty() {
        return Ok(Merged {
            text: text.to_string(),
            added: Vec::new(),
        });
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut merged = text.to_string();
    match facts {
        None => {
            // No `facts:` at all: add the key and the list at the end.
            if !merged.is_empty() && !merged.ends_with('\n') {
                merged.push_str(newline);
            }
            merged.push_str("facts:\n");
            merged.push_str(&block(&new, 2));
        }
        Some(entry) => {
            let value = &entry.value;
            let key_column = column(text, entry.key.span.start);
            match &value.kind {
                NodeKind::Sequence { items, flow: false } if !items.is_empty() => {
                    let at = line_end(&mut merged, content_end(text, value.span.end), newline);
                    merged.insert_str(at, &block(&new, dash_column(text, &items[0])));
                }
                NodeKind::Sequence { items, flow: true } if !items.is_empty() => {
                    // `facts: [{...}]`: add flow mappings before the closing bracket. JSON is
                    // YAML's flow style.
                    let close = value.span.end - 1;
                    let flow: String = new
                        .iter()
                        .map(|fact| {
                            format!(
                                ", {}",
                                serde_json::to_string(fact).expect("facts serialize")
                            )
                        })
                        .collect();
                    merged.insert_str(close, &flow);
                }
                // `facts: []` or `facts:` alone: the empty value goes, the list follows the
                // key's line (and any comment on it).
                NodeKind::Sequence { .. } => {
                    let at = clear_value(&mut merged, value.span.clone(), newline);
                    merged.insert_str(at, &block(&new, key_column + 2));
                }
                _ if value.is_null() => {
                    let at = clear_value(&mut merged, value.span.clone(), newline);
                    merged.insert_str(at, &block(&new, key_column + 2));
                }
                _ => {
                    return Err(MergeError::NoPlace {
                        offset: value.span.start,
                        message: format!("`facts` is {}, not a list", value.describe()),
                    });
                }
            }
        }
    }
    if newline == "\r\n" {
        merged = normalise_newlines(text, &merged);
    }
    let added: Vec<String> = new.iter().map(|f| f.id.clone()).collect();
    check_sound(&merged, &old_ids, &added)?;
    Ok(Merged {
        text: merged,
        added,
    })
}

/// The `id` of each item of a `facts:` list, `None` for an item without one.
pub fn ids(facts: &Node) -> Vec<Option<String>> {
    facts
        .items()
        .unwrap_or_default()
        .iter()
        .map(|item| {
            item.get("id")
                .and_then(|entry| entry.value.scalar())
                .map(|s| s.text.clone())
        })
        .collect()
}

/// The facts as a block list whose `-` stand in `indent` columns, each under the review comment.
fn block(facts: &[&Fact], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for fact in facts {
        out.push_str(&pad);
        out.push_str(NEW_FACT_COMMENT);
        out.push('\n');
        // `fact_item` indents the `-` by two spaces; move every line by the difference.
        for line in write::fact_item(fact).lines() {
            out.push_str(&pad);
            out.push_str(line.strip_prefix("  ").unwrap_or(line));
            out.push('\n');
        }
    }
    out
}

/// The end of the last non-blank character at or before `end`: a block scalar's range runs
/// over the blank lines after it, which belong to what follows.
fn content_end(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

/// Removes an empty value (`[]`, `~`), and the spaces before it when nothing but spaces
/// follows it on its line. Returns where the next line starts.
fn clear_value(text: &mut String, span: std::ops::Range<usize>, newline: &str) -> usize {
    let rest = text[span.end..].split('\n').next().unwrap_or("");
    let start = if rest.trim().is_empty() {
        text[..span.start].trim_end_matches(' ').len()
    } else {
        span.start
    };
    let end = if rest.trim().is_empty() {
        span.end + rest.trim_end_matches('\r').len()
    } else {
        span.end
    };
    text.replace_range(start..end, "");
    line_end(text, start, newline)
}

/// The offset just after the line break ending the line that holds `offset`; at the end of a
/// text without a final line break, one is added first.
fn line_end(text: &mut String, offset: usize, newline: &str) -> usize {
    match text[offset..].find('\n') {
        Some(i) => offset + i + 1,
        None => {
            text.push_str(newline);
            text.len()
        }
    }
}

/// 0-based column of the `-` that introduces `item`. (The parser's sequence start is at the
/// `-` of an indented list but at the item of a list level with its key, so look at the text.)
fn dash_column(text: &str, item: &Node) -> usize {
    let start = item.span.start;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let dash = text[line_start..start]
        .rfind('-')
        .map_or(start, |i| line_start + i);
    column(text, dash)
}

/// 0-based column (in characters) of `offset`.
fn column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count()
}

/// `merged` with the bare `\n` of the added text turned into `\r\n`, as in the rest of the file.
fn normalise_newlines(original: &str, merged: &str) -> String {
    debug_assert!(original.contains("\r\n"));
    merged.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Re-reads the merged text: it must be YAML whose facts are the old ones, in their order,
/// followed by the added ones.
fn check_sound(merged: &str, old: &[Option<String>], added: &[String]) -> Result<(), MergeError> {
    let tree = raw::parse(merged)
        .map_err(|e| MergeError::Unsound(format!("the merged text is not YAML: {}", e.message)))?
        .ok_or_else(|| MergeError::Unsound("the merged text is empty".into()))?;
    let found = tree.get("facts").map(|e| ids(&e.value)).unwrap_or_default();
    let expected: Vec<Option<String>> = old
        .iter()
        .cloned()
        .chain(added.iter().cloned().map(Some))
        .collect();
    if found == expected {
        Ok(())
    } else {
        Err(MergeError::Unsound(format!(
            "the merged text has the facts {found:?}, expected {expected:?}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Kind, Number, Qualifier, Unit};

    fn fact(id: &str) -> Fact {
        let mut fact = Fact::new(Kind::Count, "the service", "500,000");
        fact.id = id.into();
        fact.metric = Some("users".into());
        fact.value = Some(Number(500_000.0));
        fact.unit = Some(Unit::Count);
        fact.qualifier = Some(Qualifier::Exact);
        fact.quote = "It has 500,000 users.".into();
        fact.span = [0, 21];
        fact
    }

    fn merged(text: &str, extracted: &[Fact], known: &[&str]) -> Merged {
        let tree = raw::parse(text).unwrap().unwrap();
        let known = known.iter().map(|s| s.to_string()).collect();
        merge(text, &tree, extracted, &known).unwrap()
    }

    const HEAD: &str = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\n";

    fn item(id: &str, indent: usize) -> String {
        block(&[&fact(id)], indent)
    }

    #[test]
    fn a_new_fact_is_appended_after_the_last_one_under_a_comment() {
        let text = format!("{HEAD}facts:\n  - id: kept # mine\n\n    kind: count\n# after\n");
        let result = merged(&text, &[fact("kept"), fact("fresh")], &["kept"]);
        assert_eq!(result.added, ["fresh"]);
        assert_eq!(
            result.text,
            format!(
                "{HEAD}facts:\n  - id: kept # mine\n\n    kind: count\n{}# after\n",
                item("fresh", 2)
            )
        );
    }

    #[test]
    fn a_known_fact_missing_from_the_file_stays_deleted() {
        let text = format!("{HEAD}facts:\n  - id: kept\n");
        let result = merged(&text, &[fact("kept"), fact("gone")], &["kept", "gone"]);
        assert_eq!((result.text, result.added), (text, vec![]));
    }

    #[test]
    fn an_empty_list_becomes_a_block_list() {
        let text = format!("{HEAD}facts: []   # none yet\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("{HEAD}facts:    # none yet\n{}", item("fresh", 2))
        );
        let text = format!("{HEAD}facts: []\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(result.text, format!("{HEAD}facts:\n{}", item("fresh", 2)));
    }

    #[test]
    fn a_file_without_facts_gets_the_key() {
        let text = HEAD.trim_end();
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(result.text, format!("{HEAD}facts:\n{}", item("fresh", 2)));
    }

    #[test]
    fn the_list_keeps_its_own_indentation_when_facts_come_first() {
        let text = format!("facts:\n- id: kept\n  kind: count\n{HEAD}");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!(
                "facts:\n- id: kept\n  kind: count\n{}{HEAD}",
                item("fresh", 0)
            )
        );
    }

    #[test]
    fn a_literal_quote_keeps_its_blank_lines_after_the_new_fact() {
        let text = format!("{HEAD}facts:\n  - id: kept\n    quote: |\n      Hello.\n\n\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!(
                "{HEAD}facts:\n  - id: kept\n    quote: |\n      Hello.\n{}\n\n",
                item("fresh", 2)
            )
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = format!("{HEAD}facts:\n  - id: kept\n").replace('\n', "\r\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert!(result.text.starts_with(&text));
        assert!(!result.text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn a_flow_list_gets_flow_items() {
        let text = format!("{HEAD}facts: [{{id: kept}}]\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(result.added, ["fresh"]);
        assert!(
            result
                .text
                .starts_with(&format!("{HEAD}facts: [{{id: kept}}, {{\"id\":\"fresh\""))
        );
    }

    #[test]
    fn facts_that_are_not_a_list_leave_no_place() {
        let text = format!("{HEAD}facts: 3\n");
        let tree = raw::parse(&text).unwrap().unwrap();
        assert_eq!(
            merge(&text, &tree, &[fact("fresh")], &BTreeSet::new()),
            Err(MergeError::NoPlace {
                offset: text.len() - 2,
                message: "`facts` is a number, not a list".into()
            })
        );
    }
}
