//! YAML text -> a tree of nodes that remember their byte range, before any meaning is given to
//! them (ripgrep's "low" arguments before the "high" ones).
//!
//! Keeping the ranges lets every later problem point at the offending key or value, lets one
//! bad fact be reported without hiding the others, and lets re-extraction and `check --fix`
//! change a file by splicing text into it instead of serialising it again (which would lose
//! the comments and the layout a person chose).

use std::ops::Range;

mod simple;

use granit_parser::{ErrorKind, Event, Marker, Options, Parser, ScalarStyle, StructureStyle};

/// The longest fact file read, in bytes. A file of a thousand facts with long quotes is well
/// under 2 MiB; past this the file is not one a person edits, and refusing it bounds the memory
/// and time a build spends on it.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of lists and mappings read. A fact file needs four levels (the file,
/// `facts:`, a fact, its `span`); the limit stops a hostile file from filling the stack of
/// everything that walks the tree.
pub const MAX_DEPTH: usize = 64;

/// One YAML node and the bytes of the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range in the text: for a scalar its characters (with quotes), for a collection from
    /// its first character to the end of its last item.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence {
        items: Vec<Node>,
        flow: bool,
    },
    Mapping {
        entries: Vec<Entry>,
        flow: bool,
    },
    /// `*name`: a reference to an anchored node. Fact files have no use for them.
    Alias,
}

/// A scalar as written: its text after escapes, and whether it was a plain (unquoted) scalar,
/// which is the only kind YAML reads as a number, a boolean or null.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub plain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// Why the text is not YAML, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

impl Node {
    /// The text of a scalar, whatever its style.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The entries of a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping { entries, .. } => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence { items, .. } => Some(items),
            _ => None,
        }
    }

    /// The value of the first entry whose key is the scalar `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .find(|entry| entry.key.scalar().is_some_and(|s| s.text == key))
    }

    /// Whether YAML reads this node as null: nothing at all, `~` or `null`, unquoted.
    pub fn is_null(&self) -> bool {
        self.scalar().is_some_and(|s| {
            s.plain
                && (self.span.is_empty()
                    || matches!(s.text.as_str(), "~" | "null" | "Null" | "NULL"))
        })
    }

    /// What a person would call this node's type, for messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            _ if self.is_null() => "empty",
            NodeKind::Scalar(s) if !s.plain => "text",
            NodeKind::Scalar(s) if s.text.parse::<f64>().is_ok() => "a number",
            NodeKind::Scalar(s) if matches!(s.text.as_str(), "true" | "false") => "a boolean",
            NodeKind::Scalar(_) => "text",
            NodeKind::Sequence { .. } => "a list",
            NodeKind::Mapping { .. } => "a mapping",
            NodeKind::Alias => "an alias",
        }
    }
}

/// Parses one YAML document. `Ok(None)` for a text with no document (empty or only comments).
///
/// Bounded: a text longer than [`MAX_BYTES`] or nested deeper than [`MAX_DEPTH`] is an error,
/// and aliases (`*name`) are kept as [`NodeKind::Alias`] nodes, never expanded, so anchors
/// that refer to each other ("billion laughs") cost no more than their text.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    if text.len() > MAX_BYTES {
        let mut at = MAX_BYTES;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        return Err(SyntaxError {
            offset: at,
            message: format!(
                "the file is too long: {} bytes, a fact file is at most {} MiB",
                text.len(),
                MAX_BYTES / 1024 / 1024
            ),
            help:
                "split the article, or remove what is not a fact; this is where the limit is passed"
                    .into(),
        });
    }
    if let Some(node) = simple::parse(text) {
        return Ok(Some(node));
    }
    general(text)
}

/// [`parse`] by the general YAML parser.
fn general(text: &str) -> Result<Option<Node>, SyntaxError> {
    let mut options = Options::default();
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = MAX_DEPTH;
    let mut builder = Builder::default();
    for event in Parser::new_from_str_with_options(text, options) {
        let (event, span) = event.map_err(|error| {
            syntax_error(text, offset(error.marker()), error.kind(), &error.info())
        })?;
        let (start, end) = (offset(&span.start), offset(&span.end));
        match event {
            Event::DocumentStart(..) if builder.documents == 1 => {
                return Err(SyntaxError {
                    offset: start,
                    message: "a second YAML document".into(),
                    help: "a fact file holds one document: remove this `---` and what follows, or move it to its own file".into(),
                });
            }
            Event::DocumentStart(..) => {}
            Event::DocumentEnd => builder.documents += 1,
            Event::Scalar(value, style, ..) => builder.add(Node {
                kind: NodeKind::Scalar(Scalar {
                    text: value.into_owned(),
                    plain: style == ScalarStyle::Plain,
                }),
                span: start..end,
            }),
            Event::Alias(_) | Event::UnresolvedAlias(_) => builder.add(Node {
                kind: NodeKind::Alias,
                span: start..end,
            }),
            Event::SequenceStart(style, ..) => builder.open(Open {
                start,
                flow: style == StructureStyle::Flow,
                mapping: false,
                children: Vec::new(),
            }),
            Event::MappingStart(style, ..) => builder.open(Open {
                start,
                flow: style == StructureStyle::Flow,
                mapping: true,
                children: Vec::new(),
            }),
            Event::SequenceEnd | Event::MappingEnd => builder.close(end),
            _ => {}
        }
    }
    Ok(builder.root)
}

fn offset(marker: &Marker) -> usize {
    marker.byte_offset().unwrap_or_else(|| marker.index())
}

/// A collection whose end has not been read yet.
struct Open {
    start: usize,
    flow: bool,
    mapping: bool,
    children: Vec<Node>,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    fn open(&mut self, open: Open) {
        self.stack.push(open);
    }

    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(open) => open.children.push(node),
            None => self.root = Some(node),
        }
    }

    fn close(&mut self, end_of_event: usize) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        // A block collection ends with its last item: the end event comes only at the next
        // token, after any comments and blank lines, which belong to what follows.
        let end = if open.flow {
            end_of_event
        } else {
            open.children
                .iter()
                .map(|c| c.span.end)
                .max()
                .unwrap_or(end_of_event)
                .max(open.start)
        };
        let kind = if open.mapping {
            let mut entries = Vec::new();
            let mut children = open.children.into_iter();
            while let (Some(key), Some(value)) = (children.next(), children.next()) {
                entries.push(Entry { key, value });
            }
            NodeKind::Mapping {
                entries,
                flow: open.flow,
            }
        } else {
            NodeKind::Sequence {
                items: open.children,
                flow: open.flow,
            }
        };
        self.add(Node {
            kind,
            span: open.start..end,
        });
    }
}

/// The parser's error, reworded where a person needs a hint to fix it.
fn syntax_error(text: &str, offset: usize, kind: &ErrorKind, info: &str) -> SyntaxError {
    // A tab in the indentation often surfaces one line later, as a scalar that runs on or a
    // key out of place; point at the tab itself.
    let line_end = text[offset.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    let until = text[line_end..]
        .find('\n')
        .map_or(text.len(), |i| line_end + i + 1);
    if let Some(tab) = first_indentation_tab(&text[..until]) {
        return SyntaxError {
            offset: tab,
            message: "a tab in the indentation".into(),
            help: "YAML indents with spaces only: replace the tab with spaces".into(),
        };
    }
    let unclosed = (
        "a quoted string is not closed".to_string(),
        "end the string with the quote mark it starts with; write a `\"` inside a \"...\" string as `\\\"`",
    );
    if let ErrorKind::InvalidTrailingDoubleQuotedScalar
    | ErrorKind::InvalidTrailingSingleQuotedScalar = kind
    {
        // A string left open runs on to the next quote mark, and the parser stumbles only
        // after that: point at the mark that opened it, when it is on an earlier line.
        let mark = if matches!(kind, ErrorKind::InvalidTrailingDoubleQuotedScalar) {
            '"'
        } else {
            '\''
        };
        if let Some(opening) = opening_quote(text, offset, mark) {
            let (message, help) = unclosed;
            return SyntaxError {
                offset: opening,
                message,
                help: help.to_string(),
            };
        }
    }
    let offset = match kind {
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidIndentation => {
            // The key of the misplaced line, not the colon after it.
            let line_start = text[..offset.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let indentation =
                text[line_start..].len() - text[line_start..].trim_start_matches(' ').len();
            line_start + indentation
        }
        _ => offset,
    };
    let (message, help) = match kind {
        ErrorKind::RecursionLimitExceeded => (
            format!("nested too deeply: more than {MAX_DEPTH} levels of lists and mappings"),
            "a fact file has four levels: the file, `facts:`, a fact and its fields, a `span`",
        ),
        ErrorKind::UnclosedQuotedScalar => unclosed,
        ErrorKind::MappingValueNotAllowed
        | ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::InvalidIndentation => (
            format!("bad indentation: {info}"),
            "the keys of one mapping start in the same column (the fields of a fact under its `id`); text containing `: ` needs quotes",
        ),
        ErrorKind::UnknownQuotedScalarEscape => (
            info.to_string(),
            "inside \"...\" a backslash starts an escape; write `\\\\` for a backslash, or use '...' quotes",
        ),
        _ => (
            info.to_string(),
            "fact files are YAML: see FACTS.md for the layout",
        ),
    };
    SyntaxError {
        offset,
        message,
        help: help.to_string(),
    }
}

/// The opening `mark` of the quoted string that ends just before `offset`, if it lies on an
/// earlier line than its closing mark (quoted strings in fact files are one line long).
fn opening_quote(text: &str, offset: usize, mark: char) -> Option<usize> {
    let before = &text[..offset.min(text.len())];
    let closing = before.rfind(mark)?;
    let is_escape = |at: usize| mark == '"' && text[..at].ends_with('\\');
    let opening = before[..closing]
        .char_indices()
        .rev()
        .find(|&(at, c)| c == mark && !is_escape(at))
        .map(|(at, _)| at)?;
    text[opening..closing].contains('\n').then_some(opening)
}

/// Byte offset of the first tab among the leading whitespace of a line.
fn first_indentation_tab(text: &str) -> Option<usize> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indentation].find('\t') {
            let rest = line[indentation..].trim();
            if !rest.is_empty() {
                return Some(line_start + tab);
            }
        }
        line_start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_at<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.span.clone()]
    }

    #[test]
    fn scalars_keep_their_byte_range_with_quotes() {
        let text = "a: 1\nb: \"two words\"\n";
        let root = parse(text).unwrap().unwrap();
        let b = root.get("b").unwrap();
        assert_eq!(scalar_at(text, &b.value), "\"two words\"");
        assert_eq!(b.value.scalar().unwrap().text, "two words");
        assert!(!b.value.scalar().unwrap().plain);
    }

    #[test]
    fn a_block_sequence_ends_with_its_last_item_not_the_comment_after_it() {
        let text = "facts:\n  - id: a\n    span: [1, 2]\n  # trailing\n\nnext: 1\n";
        let root = parse(text).unwrap().unwrap();
        let facts = &root.get("facts").unwrap().value;
        assert_eq!(&text[facts.span.clone()], "- id: a\n    span: [1, 2]");
        assert_eq!(facts.items().unwrap().len(), 1);
    }

    #[test]
    fn an_empty_value_is_null_with_an_empty_range() {
        let root = parse("facts:\nb: ~\nc: \"~\"\n").unwrap().unwrap();
        assert!(root.get("facts").unwrap().value.is_null());
        assert!(root.get("b").unwrap().value.is_null());
        assert!(!root.get("c").unwrap().value.is_null());
    }

    #[test]
    fn an_empty_text_has_no_document() {
        assert_eq!(parse("# only a comment\n"), Ok(None));
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        let text = "facts:\n  - id: x\n\tvalue: 3\n";
        let error = parse(text).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (17, "a tab in the indentation")
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_opening_mark() {
        let text = "article:\n  title: \"A b\nfacts: []\n";
        let error = parse(text).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (18, "a quoted string is not closed")
        );
    }

    #[test]
    fn a_second_document_is_refused() {
        let error = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (5, "a second YAML document")
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_where_it_goes_too_deep() {
        let text = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse(&text).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (
                3 + MAX_DEPTH,
                "nested too deeply: more than 64 levels of lists and mappings"
            )
        );
        let fine = format!("a: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn aliases_stay_aliases_however_many_they_stand_for() {
        let mut text = String::from("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for level in 1..20 {
            let refs = vec![format!("*l{}", level - 1); 10].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
        }
        let root = parse(&text).unwrap().unwrap();
        let last = &root.get("l19").unwrap().value;
        assert_eq!(last.items().unwrap().len(), 10);
        assert_eq!(last.items().unwrap()[0].kind, NodeKind::Alias);
    }

    #[test]
    fn a_text_longer_than_the_limit_is_refused_without_being_parsed() {
        let text = "#".repeat(MAX_BYTES + 1);
        let error = parse(&text).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (
                MAX_BYTES,
                "the file is too long: 16777217 bytes, a fact file is at most 16 MiB"
            )
        );
    }
}
