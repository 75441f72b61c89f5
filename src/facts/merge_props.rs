//! Property tests of re-extraction: for random sequences of hand edits (a value changed, a
//! fact added or deleted, comments and blank lines added, facts reordered, quoting changed)
//! on files of several layouts, followed by a re-extraction that finds old and new facts,
//! every edit survives byte for byte, no deleted fact returns, and a second re-extraction
//! changes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;

use super::load::load;
use super::merge::merge;
use super::raw;
use super::write::{SCHEMA_COMMENT, fact_item};
use super::{Fact, Kind, Number, Qualifier, Unit};

/// Cases per property; each case is a whole edit session.
const CASES: u32 = 256;

/// How the person laid the file out.
#[derive(Debug, Clone)]
struct Layout {
    /// `facts:` above `article:`.
    facts_first: bool,
    /// Columns before each `-`.
    dash: usize,
    crlf: bool,
    /// A comment after everything else.
    closing_comment: bool,
}

/// One hand edit, with indices taken modulo the number of facts at the time.
#[derive(Debug, Clone)]
enum Edit {
    ChangeValue(usize, u32),
    ChangeSubject(usize, String),
    AddFact(Box<Fact>),
    Delete(usize),
    CommentAbove(usize),
    CommentAfterId(usize),
    BlankLine(usize),
    Swap(usize, usize),
    SingleQuoteText(usize),
}

/// The file as a person keeps it: its facts as blocks of text, edited as text.
struct Model {
    layout: Layout,
    items: Vec<(String, String)>,
    comments: usize,
}

impl Model {
    fn new(layout: Layout, facts: &[Fact]) -> Model {
        let items = facts
            .iter()
            .map(|f| (f.id.clone(), indent(&fact_item(f), layout.dash)))
            .collect();
        Model {
            layout,
            items,
            comments: 0,
        }
    }

    fn apply(&mut self, edit: &Edit) {
        let count = self.items.len();
        let pad = " ".repeat(self.layout.dash + 2);
        self.comments += 1;
        let note = format!("# note {}: keep this", self.comments);
        match edit {
            Edit::AddFact(fact) => {
                if !self.items.iter().any(|(id, _)| *id == fact.id) {
                    let text = indent(&fact_item(fact), self.layout.dash);
                    self.items.push((fact.id.clone(), text));
                }
            }
            _ if count == 0 => {}
            Edit::ChangeValue(i, value) => {
                let item = &mut self.items[i % count].1;
                *item = replace_line(item, "value: ", &format!("value: {value}"));
            }
            Edit::ChangeSubject(i, subject) => {
                let item = &mut self.items[i % count].1;
                *item = replace_line(item, "subject: ", &format!("subject: \"{subject}\""));
            }
            Edit::Delete(i) => {
                self.items.remove(i % count);
            }
            Edit::CommentAbove(i) => {
                let item = &mut self.items[i % count].1;
                *item = format!("{}{note}\n{item}", " ".repeat(self.layout.dash));
            }
            Edit::CommentAfterId(i) => {
                let item = &mut self.items[i % count].1;
                let end = item.find('\n').expect("an item has lines");
                item.insert_str(end, &format!("   {note}"));
            }
            Edit::BlankLine(i) => {
                let item = &mut self.items[i % count].1;
                let end = item.find('\n').expect("an item has lines");
                item.insert_str(end + 1, &format!("\n{pad}{note}\n"));
            }
            Edit::Swap(i, j) => self.items.swap(i % count, j % count),
            Edit::SingleQuoteText(i) => {
                let item = &mut self.items[i % count].1;
                if let Some(line) = item
                    .lines()
                    .find(|l| l.trim_start().starts_with("text: \""))
                {
                    let value = line.trim_start().trim_start_matches("text: ");
                    let plain: String =
                        serde_json::from_str(value).expect("write.rs quotes as JSON");
                    let single = format!("text: '{}'", plain.replace('\'', "''"));
                    *item = replace_line(item, "text: ", &single);
                }
            }
        }
    }

    fn text(&self) -> String {
        let article =
            "article:\n  slug: a\n  title: \"A: the title\"  # edited\n  source: seeds/a.txt\n";
        let facts = if self.items.is_empty() {
            "facts: []\n".to_string()
        } else {
            let items: String = self.items.iter().map(|(_, text)| text.as_str()).collect();
            format!("facts:\n{items}")
        };
        let mut text = format!("{SCHEMA_COMMENT}\n");
        if self.layout.facts_first {
            text.push_str(&facts);
            text.push_str(article);
        } else {
            text.push_str(article);
            text.push_str(&facts);
        }
        if self.layout.closing_comment {
            text.push_str("\n# the end\n");
        }
        if self.layout.crlf {
            text = text.replace('\n', "\r\n");
        }
        text
    }

    fn ids(&self) -> BTreeSet<String> {
        self.items.iter().map(|(id, _)| id.clone()).collect()
    }
}

/// `fact_item`'s text with its `-` moved to column `dash`.
fn indent(item: &str, dash: usize) -> String {
    item.lines()
        .map(|line| format!("{}{}\n", " ".repeat(dash), &line[2..]))
        .collect()
}

/// `item` with the line whose field starts with `prefix` replaced by `line` (same indent).
fn replace_line(item: &str, prefix: &str, line: &str) -> String {
    item.lines()
        .map(|l| {
            let trimmed = l.trim_start();
            if trimmed.starts_with(prefix) {
                format!("{}{line}\n", &l[..l.len() - trimmed.len()])
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Alpha Cloud".to_string()),
        Just("yes".to_string()),
        Just("2024".to_string()),
        Just("the \"Pro\" plan: v2".to_string()),
        Just("it's # not a comment".to_string()),
        "[a-z]{1,8}( [a-z]{1,8}){0,3}",
    ]
}

fn fact(id: String) -> impl Strategy<Value = Fact> {
    (
        prop_oneof![
            Just(Kind::Growth),
            Just(Kind::Count),
            Just(Kind::Custom("ratio".into()))
        ],
        words(),
        words(),
        0u32..1_000_000,
        words(),
        0usize..500,
    )
        .prop_map(move |(kind, subject, text, value, quote, start)| {
            let mut fact = Fact::new(kind, subject, text);
            fact.id = id.clone();
            fact.metric = Some("users".into());
            fact.value = Some(Number(f64::from(value)));
            fact.unit = Some(Unit::Count);
            fact.qualifier = Some(Qualifier::Over);
            fact.span = [start, start + quote.len()];
            fact.quote = quote;
            fact
        })
}

/// Facts with the given ids, in that order.
fn facts(ids: Vec<String>) -> impl Strategy<Value = Vec<Fact>> {
    ids.into_iter().map(fact).collect::<Vec<_>>()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u32>()).prop_map(|(i, v)| Edit::ChangeValue(i, v)),
        (any::<usize>(), "[a-z]{1,10}").prop_map(|(i, s)| Edit::ChangeSubject(i, s)),
        (0u8..4)
            .prop_flat_map(|k| fact(format!("hand-{k}")))
            .prop_map(|f| Edit::AddFact(Box::new(f))),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::CommentAbove),
        any::<usize>().prop_map(Edit::CommentAfterId),
        any::<usize>().prop_map(Edit::BlankLine),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Swap(i, j)),
        any::<usize>().prop_map(Edit::SingleQuoteText),
    ]
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        any::<bool>(),
        prop_oneof![Just(0usize), Just(2), Just(4)],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(facts_first, dash, crlf, closing_comment)| Layout {
            facts_first,
            dash,
            crlf,
            closing_comment,
        })
}

/// A session: the first extraction, the edits, and what the second extraction finds (some
/// of the first facts, some new ones, and maybe an id a person chose for a fact of their own).
fn session() -> impl Strategy<Value = (Layout, Vec<Fact>, Vec<Edit>, Vec<Fact>)> {
    let first = proptest::sample::subsequence((0..6).collect::<Vec<u8>>(), 0..6);
    let again = proptest::sample::subsequence((0..10).collect::<Vec<u8>>(), 0..8);
    (first, again, any::<bool>()).prop_flat_map(|(first, again, hand_id)| {
        let first_ids: Vec<String> = first.iter().map(|k| format!("fact-{k}")).collect();
        let mut again_ids: Vec<String> = again.iter().map(|k| format!("fact-{k}")).collect();
        if hand_id {
            again_ids.push("hand-0".into());
        }
        (
            layout(),
            facts(first_ids),
            proptest::collection::vec(edit(), 0..12),
            facts(again_ids),
        )
    })
}

fn parsed_facts(text: &str) -> Vec<Fact> {
    let loaded = load(Path::new("content/a.yaml"), text);
    assert_eq!(loaded.problems, [], "{text}");
    loaded.sheet.facts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn hand_edits_survive_re_extraction((layout, first, edits, again) in session()) {
        let mut model = Model::new(layout, &first);
        for edit in &edits {
            model.apply(edit);
        }
        let edited = model.text();
        let record: BTreeSet<String> = first.iter().map(|f| f.id.clone()).collect();
        let tree = raw::parse(&edited).unwrap().unwrap();
        let merged = merge(&edited, &tree, &again, &record).unwrap();

        // Every byte of the edited file is still there, in order: the merge only inserted
        // (after turning an empty `facts: []` into the `facts:` of a block list).
        let kept = if merged.added.is_empty() { edited.clone() } else { edited.replacen("facts: []", "facts:", 1) };
        let prefix = kept.bytes().zip(merged.text.bytes()).take_while(|(a, b)| a == b).count();
        let suffix = kept.bytes().rev().zip(merged.text.bytes().rev()).take_while(|(a, b)| a == b).count();
        prop_assert!(
            prefix + suffix >= kept.len() && merged.text.len() >= kept.len(),
            "an edit was changed:\n{edited}\n---\n{}", merged.text
        );

        // The facts read back are the edited ones, then exactly the new ones.
        let in_file = model.ids();
        let expected_new: Vec<Fact> = again
            .iter()
            .filter(|f| !in_file.contains(&f.id) && !record.contains(&f.id))
            .cloned()
            .collect();
        let mut expected = parsed_facts(&edited);
        expected.extend(expected_new.iter().cloned());
        prop_assert_eq!(parsed_facts(&merged.text), expected);

        // No fact deleted by hand came back.
        let deleted: Vec<&String> = record.difference(&in_file).collect();
        prop_assert!(deleted.iter().all(|id| !merged.added.contains(id)));

        // A second re-extraction, with the record updated, changes nothing.
        let record: BTreeSet<String> = record.into_iter().chain(again.iter().map(|f| f.id.clone())).collect();
        let tree = raw::parse(&merged.text).unwrap().unwrap();
        let twice = merge(&merged.text, &tree, &again, &record).unwrap();
        prop_assert_eq!(&twice.text, &merged.text);
        prop_assert!(twice.added.is_empty());
    }
}
