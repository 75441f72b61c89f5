//! Re-extraction meets a hand-edited fact file: new facts are added as text, and nothing a
//! person wrote is touched.
//!
//! No YAML serialiser keeps comments, blank lines and quoting styles, so the file is never
//! serialised again: each new fact is rendered on its own ([`super::write::fact_item`]) and
//! spliced in after the last item of `facts:`, under a comment that asks for a review. Which
//! facts are new is decided by id: a fact is added when its id is neither in the file nor in
//! `known`, the ids extraction proposed before (see [`super::record`]); an id that is known and
//! missing from the file was deleted by hand and stays deleted.
//!
//! Lines end where YAML ends them (`\r\n`, `\n` or a lone `\r`), and the added lines end
//! as the file's first line does; the person's own line breaks are left as they are.

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
    let NodeKind::Mapping { flow: top_flow, .. } = &tree.kind else {
        return Err(MergeError::NoPlace {
            offset: tree.span.start,
            message: "the file is not a mapping with `article:` and `facts:`".into(),
        });
    };
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
    let file = File {
        text,
        top_flow: *top_flow,
        newline: line_break_style(text),
    };
    let mut merged = text.to_string();
    match facts {
        None => file.add_key(&mut merged, tree, &new)?,
        Some(entry) => file.add_to_value(&mut merged, entry, &new)?,
    }
    let added: Vec<String> = new.iter().map(|f| f.id.clone()).collect();
    check_sound(&merged, &old_ids, &added)?;
    Ok(Merged {
        text: merged,
        added,
    })
}

/// The file the new facts go into, as it was read: each step of a merge edits a copy of the
/// text and finds the places it edits in the original.
struct File<'t> {
    text: &'t str,
    /// The whole file is one `{...}` mapping.
    top_flow: bool,
    /// What the added lines end with: the file's own line break.
    newline: &'static str,
}

impl File<'_> {
    /// No `facts:` at all: add the key, in line with the other top-level keys, and the list
    /// after the last of them (before any closing comments or `...`).
    fn add_key(&self, merged: &mut String, tree: &Node, new: &[&Fact]) -> Result<(), MergeError> {
        if self.top_flow {
            return Err(MergeError::NoPlace {
                offset: tree.span.start,
                message: "the file is one `{...}` mapping without `facts`, and facts are \
                          added only as a block list"
                    .into(),
            });
        }
        let indent = top_level_indent(self.text, tree.span.start)?;
        let at = line_end(merged, content_end(self.text, tree.span.end), self.newline);
        let key = format!("{}facts:\n{}", " ".repeat(indent), block(new, indent + 2));
        merged.insert_str(at, &key.replace('\n', self.newline));
        Ok(())
    }

    /// `facts` is there: the new facts go after the last item of its list, in the list's own
    /// style, or make the list where its value is empty; any other value has no place for
    /// them.
    fn add_to_value(
        &self,
        merged: &mut String,
        entry: &raw::Entry,
        new: &[&Fact],
    ) -> Result<(), MergeError> {
        let (text, newline) = (self.text, self.newline);
        let value = &entry.value;
        match &value.kind {
            NodeKind::Sequence { items, flow: false } if !items.is_empty() => {
                let at = line_end(merged, content_end(text, value.span.end), newline);
                let list = block(new, dash_column(text, entry.key.span.end, &items[0])?);
                merged.insert_str(at, &list.replace('\n', newline));
            }
            NodeKind::Sequence { items, flow: true } if !items.is_empty() => {
                // `facts: [{...}]`: add flow mappings after the last item (before a
                // trailing comma, if any). JSON is YAML's flow style.
                let last = items.last().map_or(value.span.start, |item| item.span.end);
                let flow: String = new.iter().map(|fact| format!(", {}", json(fact))).collect();
                merged.insert_str(last, &flow);
            }
            NodeKind::Sequence { flow: true, .. } if self.top_flow => {
                // `{..., facts: []}`: a block list cannot go inside a flow mapping.
                let flow: Vec<String> = new.iter().map(|fact| json(fact)).collect();
                merged.insert_str(value.span.start + 1, &flow.join(", "));
            }
            _ if self.top_flow => {
                return Err(MergeError::NoPlace {
                    offset: value.span.start,
                    message: format!(
                        "`facts` is {} inside a `{{...}}` mapping, not a list",
                        value.describe()
                    ),
                });
            }
            _ => self.add_under_key(merged, entry, new)?,
        }
        Ok(())
    }

    /// The new facts as a block list under the key's line (and any comment on it), where
    /// the key allows one and its value is empty (`facts: []` or `facts:` alone), which
    /// goes.
    fn add_under_key(
        &self,
        merged: &mut String,
        entry: &raw::Entry,
        new: &[&Fact],
    ) -> Result<(), MergeError> {
        let text = self.text;
        let key = &entry.key.span;
        let before_key = &text[line_start(text, key.start)..key.start];
        // A list added under `? facts` or after a tab would not be the key's value.
        if !before_key.bytes().all(|b| b == b' ') {
            return Err(MergeError::NoPlace {
                offset: key.start,
                message: format!(
                    "`facts` follows `{}` on its line, so a list cannot be added under \
                     it; write `facts:` at the start of its line",
                    before_key.trim()
                ),
            });
        }
        // `? facts` over lines: the key's own line has no `:`, and a list added under it
        // would belong to the key.
        if !text[key.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(':')
        {
            return Err(MergeError::NoPlace {
                offset: key.start,
                message: "`facts` is an explicit key (`? facts`) without `:` on its \
                          line, so a list cannot be added under it; write `facts:`"
                    .into(),
            });
        }
        let value = &entry.value;
        if !matches!(value.kind, NodeKind::Sequence { .. }) && !value.is_null() {
            return Err(MergeError::NoPlace {
                offset: value.span.start,
                message: format!("`facts` is {}, not a list", value.describe()),
            });
        }
        let at = clear_value(merged, value.span.clone(), self.newline);
        let list = block(new, column(text, key.start) + 2);
        merged.insert_str(at, &list.replace('\n', self.newline));
        Ok(())
    }
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

/// Where the content of a node ending at `end` ends: a block scalar's range runs over the
/// blank lines after it, which belong to what follows, so go back to its last non-blank
/// character; but an empty node sits where the `:` after it stands, perhaps lines below the
/// last character, and that line is part of it.
fn content_end(text: &str, end: usize) -> usize {
    let line_end = next_line_break(text, end).map_or(text.len(), |b| b.start);
    if text[end..line_end]
        .trim_start_matches(YAML_SPACE)
        .starts_with(':')
    {
        end
    } else {
        text[..end].trim_end_matches(YAML_SPACE).len()
    }
}

/// Removes an empty value (`[]`, `~`), and the spaces before it when nothing but spaces
/// follows it on its line. Returns where the next line starts.
fn clear_value(text: &mut String, span: std::ops::Range<usize>, newline: &str) -> usize {
    let rest_end = next_line_break(text, span.end).map_or(text.len(), |b| b.start);
    let (start, end) = if text[span.end..rest_end].trim_matches(YAML_SPACE).is_empty() {
        (text[..span.start].trim_end_matches(' ').len(), rest_end)
    } else {
        (span.start, span.end)
    };
    text.replace_range(start..end, "");
    line_end(text, start, newline)
}

/// The offset just after the line break ending the line that holds `offset`; at the end of a
/// text without a final line break, one is added first.
fn line_end(text: &mut String, offset: usize, newline: &str) -> usize {
    match next_line_break(text, offset) {
        Some(line_break) => line_break.end,
        None => {
            text.push_str(newline);
            text.len()
        }
    }
}

/// What YAML counts as white space. Rust's `trim` also takes Unicode spaces such as NEL
/// (U+0085), which YAML 1.2 reads as content, so a trim with it could cut into a scalar.
const YAML_SPACE: [char; 4] = [' ', '\t', '\r', '\n'];

/// The first line break at or after `from`. YAML breaks lines at `\r\n`, `\n` and a lone `\r`.
fn next_line_break(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let at = from + text[from..].find(['\n', '\r'])?;
    let width = if text[at..].starts_with("\r\n") { 2 } else { 1 };
    Some(at..at + width)
}

/// Where the line holding `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The line break the file uses (its first one), for the lines added to it.
fn line_break_style(text: &str) -> &'static str {
    match next_line_break(text, 0).map(|b| &text[b]) {
        Some("\r\n") => "\r\n",
        Some("\r") => "\r",
        _ => "\n",
    }
}

/// The column of the top-level keys, given where the top-level mapping starts: a `facts:`
/// added in another column would not be one of them. Refused when the first key does not
/// start its line after spaces (a tab, say), as then no column is sure to line up with it.
fn top_level_indent(text: &str, mapping_start: usize) -> Result<usize, MergeError> {
    let start = line_start(text, mapping_start);
    let before = &text[start..mapping_start];
    // A byte order mark is not part of the first line's indentation.
    let before = if start == 0 {
        before.trim_start_matches('\u{feff}')
    } else {
        before
    };
    if before.bytes().all(|b| b == b' ') {
        return Ok(before.len());
    }
    let message = if before.contains('\t') {
        "the top-level keys are indented with a tab, so `facts:` cannot be added in line with \
         them; indent with spaces"
            .to_string()
    } else {
        format!(
            "the first top-level key follows `{}` on its line, so `facts:` cannot be added in \
             line with it",
            before.trim()
        )
    };
    Err(MergeError::NoPlace {
        offset: mapping_start,
        message,
    })
}

/// 0-based column of the `-` that introduces `item`, the first item of the list of the key
/// ending at `key_end`. (The parser's sequence start is at the `-` of an indented list but at
/// the item of a list level with its key, and an item may start lines below its `-`, so look
/// for the first line after the key's that starts with `-`.) Refused when a tab stands before
/// that `-`: the parser takes it, but no column of spaces is sure to line up with it.
fn dash_column(text: &str, key_end: usize, item: &Node) -> Result<usize, MergeError> {
    let mut at = key_end;
    while let Some(line_break) = next_line_break(text, at).filter(|b| b.start < item.span.start) {
        at = line_break.end;
        let line = &text[at..next_line_break(text, at).map_or(text.len(), |b| b.start)];
        let content = line.trim_start_matches([' ', '\t']);
        if content.starts_with('-') {
            let before = &line[..line.len() - content.len()];
            if before.contains('\t') {
                return Err(MergeError::NoPlace {
                    offset: at + before.len(),
                    message: "the `-` of the first fact follows a tab, so new facts cannot be \
                              added in line with it; indent with spaces"
                        .into(),
                });
            }
            return Ok(before.len());
        }
    }
    Ok(column(text, item.span.start))
}

/// 0-based column (in characters) of `offset`.
fn column(text: &str, offset: usize) -> usize {
    text[line_start(text, offset)..offset].chars().count()
}

/// A fact in YAML's flow style, which JSON is.
fn json(fact: &Fact) -> String {
    serde_json::to_string(fact).expect("facts serialize")
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

    #[test]
    fn facts_is_added_in_the_column_of_indented_top_level_keys() {
        let text = "  article:\n    slug: a\n# the end\n";
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!(
                "  article:\n    slug: a\n  facts:\n{}# the end\n",
                item("fresh", 4)
            )
        );
    }

    #[test]
    fn facts_is_added_before_the_end_of_the_document() {
        let text = format!("{HEAD}...\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("{HEAD}facts:\n{}...\n", item("fresh", 2))
        );
    }

    #[test]
    fn top_level_keys_after_a_tab_leave_no_place_for_facts() {
        let text = "\t:\n";
        let tree = raw::parse(text).unwrap().unwrap();
        assert_eq!(
            merge(text, &tree, &[fact("fresh")], &BTreeSet::new()),
            Err(MergeError::NoPlace {
                offset: 1,
                message: "the top-level keys are indented with a tab, so `facts:` cannot be \
                          added in line with them; indent with spaces"
                    .into()
            })
        );
    }

    #[test]
    fn a_flow_mapping_without_facts_leaves_no_place_for_them() {
        let text = "{article: {slug: a}}\n";
        let tree = raw::parse(text).unwrap().unwrap();
        assert_eq!(
            merge(text, &tree, &[fact("fresh")], &BTreeSet::new()),
            Err(MergeError::NoPlace {
                offset: 0,
                message: "the file is one `{...}` mapping without `facts`, and facts are added \
                          only as a block list"
                    .into()
            })
        );
    }

    #[test]
    fn an_empty_flow_list_in_a_flow_mapping_gets_flow_items() {
        let text = "{article: {slug: a}, facts: []}\n";
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!(
                "{{article: {{slug: a}}, facts: [{}]}}\n",
                json(&fact("fresh"))
            )
        );
    }

    #[test]
    fn a_flow_list_with_a_trailing_comma_gets_items_before_it() {
        let text = format!("{HEAD}facts: [{{id: kept}},]\n");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("{HEAD}facts: [{{id: kept}}, {},]\n", json(&fact("fresh")))
        );
    }

    #[test]
    fn a_lone_carriage_return_breaks_the_line_as_in_yaml() {
        let text = "facts:\r\r: :";
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("facts:\r{}\r: :", item("fresh", 2).replace('\n', "\r"))
        );
    }

    #[test]
    fn lines_added_to_a_file_of_lone_carriage_returns_end_with_one() {
        let text = format!("{HEAD}facts:\n  - id: kept\n").replace('\n', "\r");
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("{text}{}", item("fresh", 2).replace('\n', "\r"))
        );
    }

    #[test]
    fn a_line_break_of_another_kind_in_the_file_is_left_as_it_is() {
        // The file breaks lines with `\r\n`, but one line with `\n` alone: only the added
        // lines take the file's style.
        let text = format!("{HEAD}facts:\n  - id: kept\n").replace('\n', "\r\n");
        let text = text.replacen("slug: a\r\n", "slug: a\n", 1);
        let result = merged(&text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("{text}{}", item("fresh", 2).replace('\n', "\r\n"))
        );
    }

    #[test]
    fn a_colon_on_a_line_of_its_own_stays_before_the_new_facts() {
        let text = "a: 1\n? x\n\n:\n";
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("a: 1\n? x\n\n:\nfacts:\n{}", item("fresh", 2))
        );
    }

    #[test]
    fn new_items_line_up_with_a_dash_whose_item_starts_lines_below() {
        let text = "facts:\n-\n\n  kept\n";
        let result = merged(text, &[fact("fresh")], &[]);
        assert_eq!(
            result.text,
            format!("facts:\n-\n\n  kept\n{}", item("fresh", 0))
        );
    }

    #[test]
    fn a_tab_before_the_first_dash_leaves_no_place() {
        let text = "facts:\n  \t-\n";
        let known = BTreeSet::new();
        let tree = raw::parse(text).unwrap().unwrap();
        match merge(text, &tree, &[fact("fresh")], &known) {
            Err(MergeError::NoPlace { offset, message }) => {
                assert_eq!(offset, 10);
                assert!(message.contains("follows a tab"), "{message}");
            }
            other => panic!("expected no place, got {other:?}"),
        }
    }

    #[test]
    fn an_explicit_facts_key_leaves_no_place() {
        let text = "? facts\n";
        let tree = raw::parse(text).unwrap().unwrap();
        match merge(text, &tree, &[fact("fresh")], &BTreeSet::new()) {
            Err(MergeError::NoPlace { offset, message }) => {
                assert_eq!(offset, 2);
                assert!(message.contains("follows `?`"), "{message}");
            }
            other => panic!("expected no place, got {other:?}"),
        }
    }

    #[test]
    fn an_explicit_facts_key_on_a_later_line_leaves_no_place() {
        let text = "?\n\n  \n  facts\r\n\t";
        let tree = raw::parse(text).unwrap().unwrap();
        match merge(text, &tree, &[fact("fresh")], &BTreeSet::new()) {
            Err(MergeError::NoPlace { offset, message }) => {
                assert_eq!(offset, 8);
                assert!(message.contains("explicit key"), "{message}");
            }
            other => panic!("expected no place, got {other:?}"),
        }
    }

    #[test]
    fn a_nel_is_content_not_space_so_the_new_key_goes_after_it() {
        // YAML 1.2 reads NEL (U+0085) as a character of the explicit key, not white space.
        let text = "?\n\n  \u{85}\t\r\n\t";
        let tree = raw::parse(text).unwrap().unwrap();
        let merged = merge(text, &tree, &[fact("fresh")], &BTreeSet::new()).unwrap();
        assert!(
            merged.text.starts_with(text.trim_end_matches('\t')),
            "{:?}",
            merged.text
        );
        assert_eq!(merged.added, ["fresh"]);
    }
}
