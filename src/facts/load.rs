//! YAML text -> `FactSheet`, with every problem located at its file, line and column.
//!
//! Two steps, raw then checked: [`raw::parse`] reads the YAML into nodes that keep their
//! places, then this module reads each node as the field FACTS.md says it is. A field that
//! cannot be read is reported and skipped, so one bad value never hides the problems of the
//! other fields and facts. What the fields mean together (a `min` above its `max`, a quote
//! the article lacks) is [`super::validate`]'s business.
//!
//! Reading files is the caller's business: this module parses a `&str` so it can be tested and
//! fuzzed without a disk.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;

use super::hints::{
    article_help, closest, field_help, is_plain_decimal, number_hint, period_hint,
    qualifier_for_words,
};
use super::raw::{self, Node, NodeKind};
use super::{
    ArticleMeta, Basis, Fact, FactSheet, Kind, Number, Period, Provenance, Qualifier, Unit,
};
use crate::diagnostic::Diagnostic;

/// The fields of a fact, in FACTS.md's order.
pub const FACT_FIELDS: [&str; 17] = [
    "id",
    "kind",
    "subject",
    "metric",
    "value",
    "min",
    "max",
    "unit",
    "qualifier",
    "basis",
    "object",
    "period",
    "text",
    "quote",
    "span",
    "confidence",
    "reviewed",
];

/// The fields of the `article:` block.
pub const ARTICLE_FIELDS: [&str; 7] = [
    "slug",
    "title",
    "date",
    "source",
    "url",
    "publisher",
    "author",
];

/// The keys of a fact file.
pub const TOP_FIELDS: [&str; 2] = ["article", "facts"];

/// One fact file, read as far as it could be.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Whether the text is YAML at all. The tree itself is not kept: it is many times the
    /// size of the text, and only a merge needs it, for the few files it changes
    /// ([`crate::facts::raw::parse`] again).
    pub yaml: bool,
    /// What could be read. A field that could not is left empty, so the sheet is the file's
    /// meaning only when `problems` holds no error.
    pub sheet: FactSheet,
    /// Where each field is, for locating later problems and for editing the text in place.
    pub places: Places,
    /// Problems of syntax, shape and type, in the order of the text.
    pub problems: Vec<Diagnostic>,
}

/// Where the parts of a fact file are.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub article: Fields,
    /// One per item of `facts:`, in order, including items that are not mappings.
    pub facts: Vec<Fields>,
}

/// Where each field of one mapping is.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// Byte offset of the mapping: of a fact, its first key.
    pub start: usize,
    /// Whether the node is a mapping at all; when it is not, that is its one problem.
    pub mapping: bool,
    /// Fields an unknown key was taken for (`vlaue` for `value`): reported there already, so
    /// not reported again as missing.
    pub misspelt: Vec<&'static str>,
    pub fields: BTreeMap<&'static str, Field>,
}

/// One `key: value` of a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Byte offset of the key.
    pub key: usize,
    /// Byte range of the value.
    pub value: Range<usize>,
    /// Byte ranges of the items, when the value is a sequence (`span: [1, 2]`).
    pub items: Vec<Range<usize>>,
    /// Whether the value was read; a field that was not has a problem of its own already.
    pub valid: bool,
}

impl Fields {
    /// Whether the field is there, readable or not.
    pub fn has(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }

    /// Whether the field is there or a key was taken for a misspelling of it: either way a
    /// problem about it has been reported, and "missing" would say it twice.
    pub fn mentioned(&self, name: &str) -> bool {
        self.has(name) || self.misspelt.contains(&name)
    }

    /// Whether the field is there and was read.
    pub fn valid(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|f| f.valid)
    }

    /// Byte offset of the field's value, or of the mapping when the field is missing.
    pub fn value_at(&self, name: &str) -> usize {
        self.fields.get(name).map_or(self.start, |f| f.value.start)
    }

    /// Byte offset of the field's key, or of the mapping when the field is missing.
    pub fn key_at(&self, name: &str) -> usize {
        self.fields.get(name).map_or(self.start, |f| f.key)
    }
}

impl Loaded {
    /// The sheet, when the file has no error of syntax, shape or type.
    pub fn sheet(&self) -> Option<&FactSheet> {
        (!self.problems.iter().any(Diagnostic::is_error)).then_some(&self.sheet)
    }
}

/// Reads one fact file and its problems of syntax, shape and type. `path` labels the diagnostics.
pub fn load(path: &Path, text: &str) -> Loaded {
    let mut reader = Reader {
        path,
        text,
        problems: Vec::new(),
    };
    let mut loaded = Loaded {
        yaml: false,
        sheet: FactSheet {
            article: ArticleMeta {
                slug: String::new(),
                title: String::new(),
                date: None,
                source: String::new(),
                ..Default::default()
            },
            facts: Vec::new(),
        },
        places: Places::default(),
        problems: Vec::new(),
    };
    match raw::parse(text) {
        Err(error) => reader.problems.push(
            Diagnostic::error(path, error.message)
                .at_offset(text, error.offset)
                .with_help(error.help),
        ),
        Ok(None) => reader
            .problems
            .push(Diagnostic::error(path, "the file is empty").with_help(
                "a fact file has an `article:` block and a `facts:` list; see FACTS.md",
            )),
        Ok(Some(root)) => {
            reader.read_sheet(&root, &mut loaded);
            loaded.yaml = true;
        }
    }
    loaded.problems = reader.problems;
    loaded
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(
            Diagnostic::error(self.path, message)
                .at_offset(self.text, offset)
                .with_help(help),
        );
    }

    fn read_sheet(&mut self, root: &Node, loaded: &mut Loaded) {
        let Some(entries) = self.mapping(root, "a fact file", "`article:` and `facts:`") else {
            return;
        };
        let fields = self.keys(entries, &TOP_FIELDS, "a fact file", &mut Vec::new());
        let field = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, e)| *e);
        match field("article") {
            Some(entry) => {
                if let Some(article) = self.read_article(&entry.value, &mut loaded.places.article) {
                    loaded.sheet.article = article;
                }
            }
            None => self.error(
                root.span.start,
                "the file has no `article:` block",
                "start the file with `article:` and its `slug`, `title`, `date` and `source`",
            ),
        }
        if let Some(entry) = field("facts") {
            let facts = &entry.value;
            if facts.is_null() {
                return;
            }
            let Some(items) = facts.items() else {
                return self.error(
                    facts.span.start,
                    format!("`facts` is {}, not a list", facts.describe()),
                    "write each fact as an item of a list: `facts:` then `  - id: ...` lines, or `facts: []`",
                );
            };
            for item in items {
                let mut places = Fields {
                    start: item.span.start,
                    ..Fields::default()
                };
                let fact = self.read_fact(item, &mut places);
                loaded.places.facts.push(places);
                loaded.sheet.facts.push(fact);
            }
        }
    }

    /// The entries of `node` if it is a mapping; else a problem naming what was expected.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        expected: &str,
    ) -> Option<&'n [raw::Entry]> {
        let entries = node.entries();
        if entries.is_none() {
            self.error(
                node.span.start,
                format!(
                    "{what} must be a mapping of fields, not {}",
                    node.describe()
                ),
                format!("write {expected} as `key: value` lines"),
            );
        }
        entries
    }

    /// The entries of a mapping whose keys are known, in the order of the text, each key once;
    /// unknown and repeated keys are reported.
    fn keys<'n>(
        &mut self,
        entries: &'n [raw::Entry],
        known: &[&'static str],
        what: &str,
        misspelt: &mut Vec<&'static str>,
    ) -> Vec<(&'static str, &'n raw::Entry)> {
        let mut found: Vec<(&'static str, &raw::Entry)> = Vec::new();
        for entry in entries {
            let offset = entry.key.span.start;
            let Some(key) = entry.key.scalar().map(|s| s.text.as_str()) else {
                self.error(
                    offset,
                    format!(
                        "a key of {what} must be a name, not {}",
                        entry.key.describe()
                    ),
                    "write `name: value`",
                );
                continue;
            };
            match known.iter().find(|k| **k == key) {
                Some(&name) => match found.iter().find(|(n, _)| *n == name) {
                    Some((_, first)) => {
                        let (line, _) =
                            crate::diagnostic::line_column(self.text, first.key.span.start);
                        self.error(
                            offset,
                            format!("`{name}` appears twice in {what}"),
                            format!("line {line} has it already; keep one of the two"),
                        );
                    }
                    None => found.push((name, entry)),
                },
                None => {
                    let help = match closest(key, known) {
                        Some(near) => {
                            misspelt.push(near);
                            format!("did you mean `{near}`?")
                        }
                        None => format!("the fields of {what} are {}", known.join(", ")),
                    };
                    self.error(offset, format!("unknown field `{key}` in {what}"), help);
                }
            }
        }
        found
    }

    fn read_article(&mut self, node: &Node, places: &mut Fields) -> Option<ArticleMeta> {
        places.start = node.span.start;
        let entries = self.mapping(node, "`article`", "`slug`, `title`, `date` and `source`")?;
        places.mapping = true;
        let fields = self.keys(entries, &ARTICLE_FIELDS, "`article`", &mut places.misspelt);
        let mut article = ArticleMeta {
            slug: String::new(),
            title: String::new(),
            date: None,
            source: String::new(),
            ..Default::default()
        };
        for &(name, entry) in &fields {
            let value = &entry.value;
            let valid = match name {
                "slug" => self.slug(name, value).map(|s| article.slug = s).is_some(),
                "title" => self
                    .text_of(name, value)
                    .map(|s| article.title = s)
                    .is_some(),
                "source" => self
                    .text_of(name, value)
                    .map(|s| article.source = s)
                    .is_some(),
                "date" => self.date(value).map(|d| article.date = Some(d)).is_some(),
                "url" => self.web_url(value).map(|u| article.url = Some(u)).is_some(),
                "publisher" => self
                    .text_of(name, value)
                    .map(|s| article.publisher = Some(s))
                    .is_some(),
                "author" => self
                    .text_of(name, value)
                    .map(|s| article.author = Some(s))
                    .is_some(),
                _ => unreachable!("`keys` returns known fields only"),
            };
            places.fields.insert(name, field(entry, valid));
        }
        for required in ["slug", "title", "source"] {
            if !places.has(required) && !places.misspelt.contains(&required) {
                self.error(
                    node.span.start,
                    format!("`article` has no `{required}`"),
                    article_help(required),
                );
            }
        }
        Some(article)
    }

    fn read_fact(&mut self, node: &Node, places: &mut Fields) -> Fact {
        let mut fact = Fact::new(Kind::Custom(String::new()), "", "");
        let Some(entries) = self.mapping(node, "a fact", "its `id`, `kind`, `subject`, ...") else {
            return fact;
        };
        places.mapping = true;
        let fields = self.keys(entries, &FACT_FIELDS, "a fact", &mut places.misspelt);
        for &(name, entry) in &fields {
            let value = &entry.value;
            let valid = match name {
                "id" => self.slug(name, value).map(|s| fact.id = s).is_some(),
                "kind" => self.kind(value).map(|k| fact.kind = k).is_some(),
                "subject" => self
                    .text_of(name, value)
                    .map(|s| fact.subject = s)
                    .is_some(),
                "metric" => self
                    .text_of(name, value)
                    .map(|s| fact.metric = Some(s))
                    .is_some(),
                "object" => self
                    .text_of(name, value)
                    .map(|s| fact.object = Some(s))
                    .is_some(),
                "text" => self.text_of(name, value).map(|s| fact.text = s).is_some(),
                "quote" => self.text_of(name, value).map(|s| fact.quote = s).is_some(),
                "value" => self
                    .number(name, value)
                    .map(|n| fact.value = Some(n))
                    .is_some(),
                "min" => self
                    .number(name, value)
                    .map(|n| fact.min = Some(n))
                    .is_some(),
                "max" => self
                    .number(name, value)
                    .map(|n| fact.max = Some(n))
                    .is_some(),
                "unit" => self.unit(value).map(|u| fact.unit = Some(u)).is_some(),
                "qualifier" => self
                    .qualifier(value)
                    .map(|q| fact.qualifier = Some(q))
                    .is_some(),
                "basis" => self.basis(value).map(|b| fact.basis = Some(b)).is_some(),
                "period" => self.period(value).map(|p| fact.period = Some(p)).is_some(),
                "span" => self.span(value).map(|s| fact.span = s).is_some(),
                "confidence" => self
                    .confidence(value)
                    .map(|n| fact.confidence = Some(n))
                    .is_some(),
                "reviewed" => self.flag(name, value).map(|b| fact.reviewed = b).is_some(),
                _ => unreachable!("`keys` returns known fields only"),
            };
            places.fields.insert(name, field(entry, valid));
        }
        fact
    }

    /// Reports that field `name` has no value; returns the `None` its reader gives back.
    fn empty<T>(&mut self, name: &str, node: &Node) -> Option<T> {
        self.error(
            node.span.start,
            format!("`{name}` is empty"),
            field_help(name),
        );
        None
    }

    /// A scalar's text, for a field that holds words. Numbers and booleans are taken as the
    /// words they are written with: `title: 2024` means the text "2024".
    fn text_of(&mut self, name: &str, node: &Node) -> Option<String> {
        if node.is_null() {
            return self.empty(name, node);
        }
        match node.scalar() {
            Some(scalar) if scalar.text.trim().is_empty() => self.empty(name, node),
            Some(scalar) => Some(scalar.text.clone()),
            None => {
                self.error(
                    node.span.start,
                    format!("`{name}` must be text, not {}", node.describe()),
                    field_help(name),
                );
                None
            }
        }
    }

    /// `article.url`: where the article was first published, linked from every page that
    /// cites it, so only a web address.
    fn web_url(&mut self, node: &Node) -> Option<String> {
        let text = self.text_of("url", node)?;
        if Provenance::is_web_url(&text) {
            return Some(text.trim().to_string());
        }
        self.error(
            node.span.start,
            format!("`url` `{text}` is not a web address"),
            article_help("url"),
        );
        None
    }

    /// A field that must be a slug: `id` and `article.slug`.
    fn slug(&mut self, name: &str, node: &Node) -> Option<String> {
        let text = self.text_of(name, node)?;
        if is_slug(&text) {
            return Some(text);
        }
        let proposal = crate::source::slugify(&text);
        let help = if proposal.is_empty() {
            "use lower-case letters, digits and `-`, e.g. `cloud-revenue-growth`".to_string()
        } else {
            format!("use lower-case letters, digits and `-`: `{proposal}`")
        };
        self.error(
            node.span.start,
            format!("`{name}` `{text}` is not a slug"),
            help,
        );
        None
    }

    /// Any word: one that is neither FACTS.md's nor the site's is refused later, against the
    /// site's vocabulary ([`super::validate::undeclared_kinds`]).
    fn kind(&mut self, node: &Node) -> Option<Kind> {
        self.text_of("kind", node).map(|word| Kind::parse(&word))
    }

    /// A plain number, as FACTS.md writes it.
    /// How sure extraction was of a fact: a number from 0 to 1.
    fn confidence(&mut self, node: &Node) -> Option<Number> {
        let n = self.number("confidence", node)?;
        if (0.0..=1.0).contains(&n.0) {
            return Some(n);
        }
        self.error(
            node.span.start,
            format!("`confidence` is {}, not between 0 and 1", n.0),
            field_help("confidence"),
        );
        None
    }

    /// `true` or `false`, as YAML's core schema writes them.
    fn flag(&mut self, name: &str, node: &Node) -> Option<bool> {
        if node.is_null() {
            return self.empty(name, node);
        }
        let word = node.scalar().filter(|s| s.plain).map(|s| s.text.as_str());
        match word {
            Some("true" | "True" | "TRUE") => Some(true),
            Some("false" | "False" | "FALSE") => Some(false),
            _ => {
                self.error(
                    node.span.start,
                    format!(
                        "`{name}` must be `true` or `false`, not {}",
                        node.describe()
                    ),
                    field_help(name),
                );
                None
            }
        }
    }

    fn number(&mut self, name: &str, node: &Node) -> Option<Number> {
        if node.is_null() {
            return self.empty(name, node);
        }
        let Some(scalar) = node.scalar() else {
            self.error(
                node.span.start,
                format!("`{name}` must be a number, not {}", node.describe()),
                field_help(name),
            );
            return None;
        };
        let text = scalar.text.as_str();
        if scalar.plain && is_plain_decimal(text) {
            let number: f64 = text.parse().ok()?;
            if number.is_finite() {
                return Some(Number(number));
            }
            // A plain decimal of more than 308 digits reads as infinity, which no chart or
            // sum can use.
            self.error(
                node.span.start,
                format!("`{name}` has {} digits: too large to be a number", text.len()),
                "write a number below 1e308 in plain digits, or leave `value` empty and keep the figure in `text`",
            );
            return None;
        }
        let hint = number_hint(text);
        let help = match &hint {
            Some(hint) => format!("write the number: {hint}"),
            None => "write a plain number without words or separators, e.g. 40000000".into(),
        };
        let message = if scalar.plain && text.parse::<f64>().is_ok() {
            format!("`{name}` is `{text}`: write numbers without exponent or separators")
        } else {
            format!("`{name}` is {} `{text}`, not a number", node.describe())
        };
        self.error(node.span.start, message, help);
        None
    }

    fn span(&mut self, node: &Node) -> Option<[usize; 2]> {
        let help = "write `span: [start, end]`, the byte offsets of `quote` in the article; `factsheet check --fix` corrects them";
        let offsets: Option<Vec<usize>> = node.items().and_then(|items| {
            items
                .iter()
                .map(|item| {
                    item.scalar()
                        .filter(|s| s.plain && s.text.bytes().all(|b| b.is_ascii_digit()))
                        .and_then(|s| s.text.parse().ok())
                })
                .collect()
        });
        match offsets.as_deref() {
            Some(&[start, end]) => Some([start, end]),
            _ => {
                self.error(
                    node.span.start,
                    format!(
                        "`span` must be two byte offsets, not {}",
                        span_description(node)
                    ),
                    help,
                );
                None
            }
        }
    }

    fn unit(&mut self, node: &Node) -> Option<Unit> {
        let word = self.text_of("unit", node)?;
        let unit = Unit::parse(&word);
        if unit.is_none() {
            let words = ["percent", "count", "days", "months", "years"];
            let near = match word.trim().to_ascii_lowercase().as_str() {
                "%" | "percentage" | "pct" | "per cent" => Some("percent".to_string()),
                "day" => Some("days".into()),
                "month" => Some("months".into()),
                "year" => Some("years".into()),
                upper
                    if upper.len() == 3
                        && upper.bytes().all(|b| b.is_ascii_lowercase())
                        && !words.contains(&upper) =>
                {
                    Some(upper.to_ascii_uppercase())
                }
                "$" | "dollars" | "us dollars" => Some("USD".into()),
                "yuan" | "rmb" | "renminbi" => Some("CNY".into()),
                "euros" | "euro" | "€" => Some("EUR".into()),
                _ => closest(&word, &words).map(str::to_string),
            };
            let help = match near {
                Some(near) => format!(
                    "did you mean `{near}`? A unit is percent, count, days, months, years or an ISO 4217 code such as USD"
                ),
                None => {
                    "a unit is percent, count, days, months, years or an ISO 4217 code such as USD"
                        .into()
                }
            };
            self.error(node.span.start, format!("unknown unit `{word}`"), help);
        }
        unit
    }

    fn qualifier(&mut self, node: &Node) -> Option<Qualifier> {
        let word = self.text_of("qualifier", node)?;
        let qualifier = Qualifier::parse(&word);
        if qualifier.is_none() {
            let words: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
            let near = qualifier_for_words(&word)
                .map(Qualifier::as_str)
                .or_else(|| closest(&word, &words));
            self.unknown_word(node, "qualifier", &word, &words, near);
        }
        qualifier
    }

    /// `word` is not one of the `words` a `field` takes; `near` is the one probably meant.
    fn unknown_word(
        &mut self,
        node: &Node,
        field: &str,
        word: &str,
        words: &[&str],
        near: Option<&str>,
    ) {
        let all = words.join(", ");
        let help = match near {
            Some(near) => format!("did you mean `{near}`? A {field} is one of {all}"),
            None => format!("a {field} is one of {all}"),
        };
        self.error(node.span.start, format!("unknown {field} `{word}`"), help);
    }

    fn basis(&mut self, node: &Node) -> Option<Basis> {
        let word = self.text_of("basis", node)?;
        let basis = Basis::parse(&word);
        if basis.is_none() {
            let words: Vec<&str> = Basis::ALL.iter().map(|b| b.as_str()).collect();
            let near = match word.to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
                "yoy" | "y-o-y" | "year-on-year" | "annual" => Some("year-over-year"),
                "qoq" | "q-o-q" | "quarter-on-quarter" | "sequential" => {
                    Some("quarter-over-quarter")
                }
                "mom" | "m-o-m" | "month-on-month" => Some("month-over-month"),
                normalised => closest(normalised, &words),
            };
            self.unknown_word(node, "basis", &word, &words, near);
        }
        basis
    }

    fn period(&mut self, node: &Node) -> Option<Period> {
        let text = self.text_of("period", node)?;
        let period = Period::parse(&text);
        if period.is_none() {
            let forms = "2024, 2024-Q2, 2024-05, 2024-09-19 or an interval such as 2023-01/2023-07";
            let help = match period_hint(&text) {
                Some(hint) => format!("write `{hint}`; a period is {forms}"),
                None => format!("a period is {forms}"),
            };
            self.error(node.span.start, format!("`{text}` is not a period"), help);
        }
        period
    }

    fn date(&mut self, node: &Node) -> Option<Date> {
        let text = self.text_of("date", node)?;
        let date = text.parse::<Date>().ok().filter(|_| text.len() == 10);
        if date.is_none() {
            self.error(
                node.span.start,
                format!("`{text}` is not a date"),
                "write the publication date as YYYY-MM-DD, e.g. 2024-09-24",
            );
        }
        date
    }
}

fn field(entry: &raw::Entry, valid: bool) -> Field {
    Field {
        key: entry.key.span.start,
        value: entry.value.span.clone(),
        items: entry
            .value
            .items()
            .map(|items| items.iter().map(|i| i.span.clone()).collect())
            .unwrap_or_default(),
        valid,
    }
}

fn span_description(node: &Node) -> String {
    match &node.kind {
        NodeKind::Sequence { items, .. } if items.len() != 2 => {
            format!("a list of {}", items.len())
        }
        NodeKind::Sequence { .. } => "a list of other things".into(),
        _ => node.describe().into(),
    }
}

/// Lower-case ASCII letters and digits in words joined by single `-`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        load(Path::new("content/a.yaml"), text)
            .problems
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    /// The sheet of `text`, which loads without a problem.
    fn loaded_sheet(text: &str) -> FactSheet {
        let loaded = load(Path::new("content/a.yaml"), text);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.sheet
    }

    const HEAD: &str = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n";

    #[test]
    fn parses_a_minimal_fact_file() {
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts: []\n";
        let sheet = loaded_sheet(text);
        assert_eq!(sheet.article.slug, "a");
        assert!(sheet.facts.is_empty());
    }

    #[test]
    fn the_article_block_may_name_the_original_and_only_a_web_address_links_to_it() {
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\n  url: https://example.org/a\n  publisher: Example News\n  author: Jane Doe\nfacts: []\n";
        let sheet = loaded_sheet(text);
        assert_eq!(sheet.article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(sheet.article.publisher.as_deref(), Some("Example News"));
        assert_eq!(sheet.article.author.as_deref(), Some("Jane Doe"));
        let bad = text.replace("https://example.org/a", "javascript:alert(1)");
        assert_eq!(
            messages(&bad),
            ["5:8 `url` `javascript:alert(1)` is not a web address"]
        );
    }

    #[test]
    fn a_misspelt_field_is_located_at_its_key_with_a_suggestion() {
        let text = format!("{HEAD}  - id: x\n    vlaue: 3\n");
        let loaded = load(Path::new("content/a.yaml"), &text);
        let problem = &loaded.problems[0];
        assert_eq!(
            (problem.line, problem.column, problem.message.as_str()),
            (7, 5, "unknown field `vlaue` in a fact")
        );
        assert_eq!(problem.help.as_deref(), Some("did you mean `value`?"));
    }

    #[test]
    fn every_bad_field_of_every_fact_is_reported() {
        let text = format!(
            "{HEAD}  - id: a\n    value: \"40 million\"\n    unit: dollars\n  - id: b\n    qualifier: more than\n    period: May 2024\n"
        );
        assert_eq!(
            messages(&text),
            [
                "7:12 `value` is text `40 million`, not a number",
                "8:11 unknown unit `dollars`",
                "10:16 unknown qualifier `more than`",
                "11:13 `May 2024` is not a period",
            ]
        );
    }

    #[test]
    fn a_repeated_key_is_an_error_at_the_second() {
        let text = format!("{HEAD}  - id: a\n    id: b\n");
        assert_eq!(messages(&text), ["7:5 `id` appears twice in a fact"]);
    }
}
