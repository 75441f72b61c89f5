//! The block YAML that fact files are written in, read without the general parser.
//!
//! `factsheet` writes fact files as indented mappings and lists of one-line scalars, and most
//! hand edits keep to that. Reading such a file directly is many times faster than running it
//! through a full YAML parser, which was the largest part of loading a big site. Anything
//! outside that shape (escapes, multi-line scalars, flow mappings, anchors, tags, empty values,
//! tabs, a document marker...) gives `None`, and the general parser reads the file instead, so
//! the tree is the same either way: [`parse`] promises the tree [`super::parse`] would give,
//! spans included, and the tests below hold it to that on mutated files.

use super::{Entry, Node, NodeKind, Scalar};

/// Collections nested deeper than this go to the general parser, which has the limits and
/// the messages for hostile nesting.
const MAX_NESTING: usize = 16;

/// The tree of `text` when it is simple block YAML with a document in it; `None` otherwise.
pub fn parse(text: &str) -> Option<Node> {
    if !text.chars().all(|c| c == '\n' || printable(c)) {
        return None;
    }
    let lines = content_lines(text)?;
    let mut reader = Reader {
        text,
        lines,
        next: 0,
    };
    let first = reader.lines.first()?;
    let root = reader.block(first.indent, 0)?;
    (reader.next == reader.lines.len()).then_some(root)
}

/// Printable in YAML and not a break or a byte-order mark: anything else is for the general
/// parser to accept or to explain.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
}

/// A line with something on it other than a comment.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Offset of the line's first byte.
    start: usize,
    /// Spaces before its content.
    indent: usize,
    /// Offset of the line's end, before the newline.
    end: usize,
}

/// The lines that hold content, or `None` when a line is a document marker or a directive.
fn content_lines(text: &str) -> Option<Vec<Line>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let content = body.trim_start_matches(' ');
        if body.starts_with("---") || body.starts_with("...") || body.starts_with('%') {
            return None;
        }
        if !content.is_empty() && !content.starts_with('#') {
            lines.push(Line {
                start,
                indent: body.len() - content.len(),
                end: start + body.len(),
            });
        }
        start += line.len();
    }
    Some(lines)
}

struct Reader<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// The first line not read yet.
    next: usize,
}

impl Reader<'_> {
    /// The node that starts in column `column` of the next line: a sequence, a mapping or a
    /// scalar, with everything that belongs to it on the lines after.
    fn block(&mut self, column: usize, depth: usize) -> Option<Node> {
        if depth > MAX_NESTING {
            return None;
        }
        let line = *self.lines.get(self.next)?;
        let at = line.start + column;
        let rest = &self.text[at..line.end];
        if rest == "-" {
            None
        } else if rest.starts_with("- ") {
            self.sequence(column, depth, false)
        } else if key_end(rest).is_some() {
            self.mapping(column, depth)
        } else {
            let node = self.inline(at, line.end)?;
            self.next += 1;
            self.no_continuation(column)?;
            Some(node)
        }
    }

    /// A block sequence whose dashes stand in `column`. An `indentless` one, whose dashes
    /// stand under the key it belongs to, starts where its first item does.
    fn sequence(&mut self, column: usize, depth: usize, indentless: bool) -> Option<Node> {
        let dash = self.lines[self.next].start + column;
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.next).copied() {
            // The first item of a list in a list item stands after the dash.
            let first = items.is_empty();
            if line.indent > column {
                return None;
            }
            let at = line.start + column;
            if !first && (line.indent < column || !self.text[at..line.end].starts_with("- ")) {
                break;
            }
            let after = &self.text[at + 2..line.end];
            let content = after.trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                // An item on the lines below its dash, or an empty one.
                return None;
            }
            let item_column = column + 2 + (after.len() - content.len());
            let before = self.next;
            items.push(self.block(item_column, depth + 1)?);
            if self.next == before {
                return None;
            }
        }
        let start = match items.first() {
            Some(first) if indentless => first.span.start,
            _ => dash,
        };
        Some(collection(start, NodeKind::Sequence { items, flow: false }))
    }

    /// A block mapping whose keys stand in `column`.
    fn mapping(&mut self, column: usize, depth: usize) -> Option<Node> {
        let start = self.lines[self.next].start + column;
        let mut entries = Vec::new();
        while let Some(line) = self.lines.get(self.next).copied() {
            let line_index = self.next;
            if line.indent < column && !entries.is_empty() {
                break;
            }
            // The first key of a mapping in a list item stands after the dash.
            let first = entries.is_empty();
            if !first && line.indent > column {
                return None;
            }
            let at = line.start + column;
            let rest = &self.text[at..line.end];
            if !first && rest.starts_with("- ") {
                break;
            }
            let colon = key_end(rest)?;
            let key = Node {
                kind: NodeKind::Scalar(Scalar {
                    text: rest[..colon].to_string(),
                    plain: true,
                }),
                span: at..at + colon,
            };
            let after = at + colon + 1;
            let value_text = &self.text[after..line.end];
            let value_start = after + (value_text.len() - value_text.trim_start_matches(' ').len());
            let value = if value_start == line.end || self.text[value_start..].starts_with('#') {
                self.next += 1;
                let below = *self.lines.get(self.next)?;
                let below_rest = &self.text[below.start + below.indent..below.end];
                if below.indent > column {
                    self.block(below.indent, depth + 1)?
                } else if below.indent == column && below_rest.starts_with("- ") {
                    self.sequence(column, depth + 1, true)?
                } else {
                    // An empty value: null, with a range the general parser knows best.
                    return None;
                }
            } else {
                let value = self.inline(value_start, line.end)?;
                self.next += 1;
                self.no_continuation(column)?;
                value
            };
            entries.push(Entry { key, value });
            if self.next == line_index {
                return None;
            }
        }
        Some(collection(
            start,
            NodeKind::Mapping {
                entries,
                flow: false,
            },
        ))
    }

    /// `None` when the next line is indented deeper than `column`: the line before runs on.
    fn no_continuation(&self, column: usize) -> Option<()> {
        match self.lines.get(self.next) {
            Some(line) if line.indent > column => None,
            _ => Some(()),
        }
    }

    /// The one-line value at `at`, which must be followed by nothing but a comment.
    fn inline(&self, at: usize, end: usize) -> Option<Node> {
        let rest = &self.text[at..end];
        let (node, used) = match rest.as_bytes()[0] {
            b'"' => quoted(rest, at, '"')?,
            b'\'' => quoted(rest, at, '\'')?,
            b'[' => flow_sequence(rest, at)?,
            _ => {
                let length = plain_length(rest)?;
                (plain(&rest[..length], at), length)
            }
        };
        let trailing = &rest[used..];
        let comment = trailing.trim_start_matches(' ');
        let ends_well =
            comment.is_empty() || (comment.starts_with('#') && comment.len() < trailing.len());
        ends_well.then_some(node)
    }
}

/// A block collection from `start` to the end of its last child, as the general parser sees it.
fn collection(start: usize, kind: NodeKind) -> Node {
    let children_end = match &kind {
        NodeKind::Sequence { items, .. } => items.iter().map(|n| n.span.end).max(),
        NodeKind::Mapping { entries, .. } => entries
            .iter()
            .map(|e| e.key.span.end.max(e.value.span.end))
            .max(),
        _ => None,
    };
    let end = children_end.unwrap_or(start).max(start);
    Node {
        kind,
        span: start..end,
    }
}

fn plain(text: &str, at: usize) -> Node {
    Node {
        kind: NodeKind::Scalar(Scalar {
            text: text.to_string(),
            plain: true,
        }),
        span: at..at + text.len(),
    }
}

/// Where the key of `line` ends, when it is a simple key: a plain word or words followed by
/// `:` and a space or the end of the line.
fn key_end(line: &str) -> Option<usize> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let after = &line[colon + 1..];
    let simple = !key.is_empty()
        && !key.ends_with(' ')
        && (after.is_empty() || after.starts_with(' '))
        && plain_length(key) == Some(key.len())
        && !key.contains(['#', '[', ']', '{', '}', ',']);
    simple.then_some(colon)
}

/// The length of the plain scalar at the start of `text` in a block, trailing spaces and any
/// comment left out; `None` when it is not one the simple reader takes.
fn plain_length(text: &str) -> Option<usize> {
    let first = *text.as_bytes().first()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
        return None;
    }
    let end = text.find(" #").unwrap_or(text.len());
    let value = text[..end].trim_end_matches(' ');
    if value.contains(": ") || value.ends_with(':') {
        return None;
    }
    Some(value.len())
}

/// A one-line quoted scalar, and the bytes it takes. Of the escapes, only `\"` and `\\` (the
/// ones `factsheet` writes) are read here.
fn quoted(text: &str, at: usize, mark: char) -> Option<(Node, usize)> {
    let mut inner = String::new();
    let mut rest = text[1..].char_indices();
    let close = loop {
        match rest.next()? {
            (i, c) if c == mark => {
                if text[1 + i + 1..].starts_with(mark) {
                    // `''` inside '...' quotes is an escaped quote.
                    return None;
                }
                break 1 + i;
            }
            (_, '\\') if mark == '"' => match rest.next()? {
                (_, escaped @ ('"' | '\\')) => inner.push(escaped),
                _ => return None,
            },
            (_, c) => inner.push(c),
        }
    };
    let node = Node {
        kind: NodeKind::Scalar(Scalar {
            text: inner,
            plain: false,
        }),
        span: at..at + close + 1,
    };
    Some((node, close + 1))
}

/// `[a, b, c]` of plain scalars on one line, and the bytes it takes.
fn flow_sequence(text: &str, at: usize) -> Option<(Node, usize)> {
    let close = text.find(']')?;
    let inner = &text[1..close];
    let mut items = Vec::new();
    if !inner.trim_matches(' ').is_empty() {
        let mut offset = 1;
        for piece in inner.split(',') {
            let item = piece.trim_matches(' ');
            let lead = piece.len() - piece.trim_start_matches(' ').len();
            let simple = !item.is_empty()
                && plain_length(item) == Some(item.len())
                && !item.contains(['[', ']', '{', '}', ':', '#']);
            if !simple {
                return None;
            }
            items.push(plain(item, at + offset + lead));
            offset += piece.len() + 1;
        }
    }
    let node = Node {
        kind: NodeKind::Sequence { items, flow: true },
        span: at..at + close + 1,
    };
    Some((node, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The simple reader gives the general parser's tree, or declines.
    fn agrees(text: &str) -> bool {
        match parse(text) {
            Some(tree) => {
                assert_eq!(
                    super::super::general(text),
                    Ok(Some(tree)),
                    "the simple reader differs on {text:?}"
                );
                true
            }
            None => false,
        }
    }

    const SAMPLE: &str = "# yaml-language-server: $schema=../schema/factsheet.schema.json
article:
  slug: cloud-week
  title: \"Cloud week: prices fall\"
  date: 2025-03-04
  source: seeds/cloud-week.txt
facts:
  - id: storage-share
    kind: share
    subject: Norrsken Data
    metric: storage market # checked by hand
    value: 20
    unit: percent
    text: '20%'
    quote: \"Norrsken Data holds 20% of the \\\"storage\\\" market, C:\\\\.\"
    span: [148, 200]

  - id: price-cut
    kind: price_cut
    subject: Norrsken Data
    value: 35.5
    span: [ 300 , 340 ]
    tags: []
";

    #[test]
    fn a_written_fact_file_is_read_as_the_general_parser_reads_it() {
        assert!(agrees(SAMPLE));
        assert!(agrees("facts:\n- id: a\n  value: 1\nnext: 2\n"));
        assert!(agrees("a:\n  b:\n    c: d\n  e: f\ng: h\n"));
        assert!(agrees("- a\n- b: c\n  d: e\n- [1, 2]\n"));
        assert!(agrees("just text\n"));
    }

    #[test]
    fn what_the_simple_reader_does_not_take_goes_to_the_general_parser() {
        for text in [
            "a: \"line \\n break\"\n",
            "a: 'it''s'\n",
            "a:\nb: 1\n",
            "a: one\n  two\n",
            "a: {b: 1}\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "---\na: 1\n",
            "a:\tb\n",
            "\"a\": 1\n",
            "a: b: c\n",
            "- \n  a: 1\n",
            "",
            "# only a comment\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    /// Every one-byte change of the sample that the simple reader still takes gives the
    /// general parser's tree: the two never disagree, whatever a person types.
    #[test]
    fn the_two_readers_agree_on_every_small_edit_of_a_fact_file() {
        let bytes = SAMPLE.as_bytes();
        let mut edits: Vec<Vec<u8>> = Vec::new();
        for at in 0..bytes.len() {
            let mut removed = bytes.to_vec();
            removed.remove(at);
            edits.push(removed);
            for replacement in [
                b' ', b':', b'-', b'#', b'"', b'\'', b'\\', b'[', b',', b'\n', b'x',
            ] {
                let mut replaced = bytes.to_vec();
                replaced[at] = replacement;
                edits.push(replaced);
                let mut inserted = bytes.to_vec();
                inserted.insert(at, replacement);
                edits.push(inserted);
            }
        }
        let taken = edits
            .into_iter()
            .filter_map(|edit| String::from_utf8(edit).ok())
            .filter(|text| agrees(text))
            .count();
        // Most edits keep the file simple: the comparison is not vacuous.
        assert!(taken > bytes.len() * 10, "only {taken} edits were read");
    }

    /// The fact files of the repository, written by `factsheet` and edited by hand, are all
    /// simple, and read alike. `FACTSHEET_YAML_DIR` names another folder to compare on.
    #[test]
    fn the_repository_fact_files_are_read_alike_by_both_readers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("content"), root.join("tests")];
        dirs.extend(std::env::var_os("FACTSHEET_YAML_DIR").map(Into::into));
        let mut read = 0;
        for dir in dirs {
            for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(path).unwrap();
                    read += usize::from(agrees(&text));
                }
            }
        }
        assert!(read >= 3, "only {read} files were simple");
    }
}
