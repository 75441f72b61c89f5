//! Article -> facts, in stages that each take a value and give one:
//!
//! 1. **Sentences and tokens** ([`text`]): byte spans in the article, so a quote is its exact bytes.
//! 2. **Syntax** ([`syntax`]): part-of-speech tags and a dependency tree, from a model trained
//!    on English treebanks; only sentences that hold a candidate are parsed.
//! 3. **Candidates** ([`candidate`]): the amounts the shared readers find ([`number`],
//!    [`qualifier`], [`period`]) that a kind's named rule recognises (one module per kind,
//!    Duckling-style, each with its corpus of example sentences).
//! 4. **Resolvers** ([`resolve`]), one per field: subject, metric, period, basis, each reading
//!    the figure's clause ([`clause`]) and the discourse so far ([`discourse`]).
//! 5. **Confidence**: the weakest field's, so a person checks the facts that need it.
//!
//! Every fact keeps the rule that found it and each resolver's reason, and every number left
//! out keeps its own, for `extract --explain` ([`explain`]).

mod candidate;
mod clause;
mod comparison;
#[cfg(test)]
mod corpus;
mod count;
mod discourse;
mod downloads;
mod duration;
mod explain;
mod growth;
mod ids;
mod money;
mod period;
mod price_cut;
mod qualifier;
mod resolve;
mod scene;
mod segment;
mod share;
pub mod syntax;
mod vocabulary;

use crate::facts::{Fact, Kind};
use crate::lexicon::{number, text, words};
use crate::source::Article;
use candidate::{Candidate, names_in};
use clause::Tree;
use discourse::Discourse;
use period::{Mention, Role, Time, When};
use resolve::Resolved;
use resolve::phrase::{Reading, Topic};
pub(crate) use scene::Scene;
use scene::Setting;
use text::Sentence;

pub(crate) use candidate::{Claim, PhraseRule, Rule};
pub use explain::Note;
pub use vocabulary::{CustomKind, Vocabulary};

/// What extraction found in one article, and why.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// In order of appearance, with stable ids unique in the article.
    pub facts: Vec<Fact>,
    /// For `extract --explain`: one note per fact and one per number that yielded no fact.
    pub notes: Vec<Note>,
}

/// Every fact stated in `article` with the built-in vocabulary.
pub fn extract(article: &Article) -> Vec<Fact> {
    extract_with(article, &Vocabulary::default()).facts
}

/// Every fact stated in `article`, with a site's vocabulary, and the notes explaining them.
pub fn extract_with(article: &Article, vocabulary: &Vocabulary) -> Extraction {
    let mut reader = Reader {
        text: &article.text,
        vocabulary,
        discourse: Discourse::new(article.date, &article.text),
        found: Vec::new(),
        notes: Vec::new(),
    };
    let sentences = text::sentences(article);
    // The headline names what the article is about; its figures are read after the body, so
    // that they take the period the body sets.
    let headings: Vec<&Sentence> = sentences.iter().filter(|s| s.heading).collect();
    if let Some(first) = headings.first() {
        reader.discourse.headline = reader.headline_subject(first);
    }
    for sentence in sentences.iter().filter(|s| !s.heading) {
        reader.discourse.enter(sentence.paragraph);
        reader.read(sentence);
    }
    reader.discourse.paragraph_period = None;
    // A headline that names no one ("Quarterly revenue reaches a record") is about whoever
    // the lede's first fact is about.
    let lede = reader.found.first().map(|f| f.fact.subject.clone());
    for sentence in headings {
        reader.discourse.unread.clear();
        reader.discourse.topic = reader.discourse.headline.clone().or_else(|| lede.clone());
        reader.read(sentence);
    }
    // The quote stays the exact bytes of the span, as FACTS.md has it; the site and the
    // downloads show it without Markdown (`source::plain`).
    reader.finish()
}

/// One article being read, sentence by sentence.
struct Reader<'a> {
    text: &'a str,
    vocabulary: &'a Vocabulary,
    discourse: Discourse,
    found: Vec<Found>,
    notes: Vec<Note>,
}

/// A fact before its id is made, with what `--explain` says about it.
struct Found {
    fact: Fact,
    rule: &'static str,
    text_span: [usize; 2],
    detail: Vec<String>,
}

impl<'a> Reader<'a> {
    fn read(&mut self, sentence: &Sentence) {
        let quote = &self.text[sentence.start..sentence.end];
        if !text::may_hold_fact(quote) {
            self.discourse.price_in_paragraph |= mentions_price(quote);
            self.discourse.unread.push((sentence.start, sentence.end));
            return;
        }
        let setting = Setting {
            date: self.discourse.date,
            currency: self.discourse.currency,
            price_context: self.discourse.price_in_paragraph,
        };
        let (mut scene, left) = Scene::read(self.text, sentence, self.vocabulary, setting);
        for out in &left {
            self.notes
                .push(left_note(&scene, out.first, out.last, out.reason));
        }
        let names_before = self.names_before(quote);
        let (candidates, left) = candidate::candidates(&scene, &names_before);
        for out in &left {
            self.notes
                .push(left_note(&scene, out.first, out.last, out.reason));
        }
        if !candidates.is_empty() {
            scene.parse();
            place_fiscal_quarters(&mut scene.mentions, &mut self.discourse);
            self.resolve_all(&scene, &candidates);
        } else {
            self.carry_period(&scene, None);
        }
        self.discourse.price_in_paragraph |= mentions_price(quote);
        self.discourse.previous_names = names_in(&scene, 0, scene.tokens.len());
        self.discourse.unread.clear();
    }

    /// Resolves every candidate of a parsed sentence and carries what the next sentences need.
    fn resolve_all(&mut self, scene: &Scene, candidates: &[Candidate]) {
        let tree = Tree::new(&scene.parse);
        let none = Topic::new(|| None);
        let plain = Reading {
            scene,
            tree: &tree,
            topic: &none,
            described: &[],
        };
        self.discourse.described.extend(plain.descriptions());
        for person in plain.people() {
            if !self.discourse.people.contains(&person) {
                self.discourse.people.push(person);
            }
        }
        let resolved = self.resolve_each(scene, &tree, candidates);
        self.carry(scene, candidates, resolved);
    }

    /// Every candidate of the sentence resolved, in order, with the topic found only if asked.
    fn resolve_each(&self, scene: &Scene, tree: &Tree, candidates: &[Candidate]) -> Vec<Resolved> {
        let topic = Topic::new(|| self.topic());
        let reading = Reading {
            scene,
            tree,
            topic: &topic,
            described: &self.discourse.described,
        };
        let mut resolved: Vec<Resolved> = Vec::new();
        for (i, candidate) in candidates.iter().enumerate() {
            let next_growth = candidates[i + 1..]
                .iter()
                .find(|c| c.claim.kind == Kind::Growth)
                .map_or(scene.tokens.len(), |c| c.amount.first);
            let mut r = resolve::resolve(
                &reading,
                candidate,
                &self.discourse,
                resolved.last(),
                next_growth,
            );
            // A figure whose own clause names no one ("..., an increase of 17% over the prior
            // quarter") is about whoever the figure before it in the sentence is about.
            if let Some(before) = resolved.last()
                && subject_confidence(&r) < 0.3
                && subject_confidence(before) > subject_confidence(&r)
            {
                r.fact.subject = before.fact.subject.clone();
                if let Some(choice) = r.choices.iter_mut().find(|c| c.field == "subject") {
                    choice.value = before.fact.subject.clone();
                    choice.reason = "the subject of the figure before it in the sentence";
                    choice.confidence = subject_confidence(before).min(0.5);
                }
                settle_confidence(&mut r);
            }
            resolved.push(r);
        }
        share_clause_time(&mut resolved);
        resolved
    }

    /// Records the facts and carries their subject and period to the sentences after.
    fn carry(&mut self, scene: &Scene, candidates: &[Candidate], resolved: Vec<Resolved>) {
        let mut carried = None;
        for (candidate, mut r) in candidates.iter().zip(resolved) {
            let subject = r.choices.iter().find(|c| c.field == "subject");
            let named = subject.is_some_and(|c| c.confidence >= 0.7);
            r.fact.subject = self.discourse.canonical(&r.fact.subject);
            if named {
                self.discourse.name_topic(&r.fact.subject);
            }
            let explicit = r.choices.iter().any(|c| {
                c.field == "period" && c.reason.starts_with("a time") && !c.value.is_empty()
            });
            if explicit && !scene.heading {
                carried = r.fact.period.as_ref().and_then(|p| Time::parse(p.as_str()));
            }
            self.found.push(found(candidate, r));
        }
        self.carry_period(scene, carried);
    }

    /// Carries the period the sentence set, or a time it names, to the sentences after it.
    fn carry_period(&mut self, scene: &Scene, period: Option<Time>) {
        if scene.heading {
            return;
        }
        let context = period::Context {
            date: self.discourse.date,
            period: self.discourse.period(),
            ahead: false,
        };
        let named = || {
            scene
                .mentions
                .iter()
                .filter(|m| m.role == Role::Time && m.when != When::Now)
                .find_map(|m| m.resolve(&context))
        };
        if let Some(p) = period.or_else(named) {
            self.discourse.carry(p);
        }
    }

    /// What "it" and "the company" refer to: the subject named in the latest of the sentences
    /// read since the last fact, else the topic so far, else the headline's subject.
    fn topic(&self) -> Option<String> {
        let unread: Vec<(usize, usize)> = self
            .discourse
            .unread
            .iter()
            .rev()
            .take(3)
            .copied()
            .collect();
        for (start, end) in unread {
            let sentence = Sentence {
                start,
                end,
                paragraph: 0,
                heading: false,
            };
            if let Some(name) = self.headline_subject(&sentence) {
                // Its fact registers the name (`carry`); here it is only looked up.
                let name = self
                    .discourse
                    .known(&name)
                    .map_or(name.clone(), str::to_string);
                return Some(name);
            }
        }
        self.discourse
            .topic
            .clone()
            .or_else(|| self.discourse.headline.clone())
    }

    /// The proper name a sentence is about: its root verb's subject, or its first name.
    fn headline_subject(&self, sentence: &Sentence) -> Option<String> {
        let mut scene = Scene::light(
            self.text,
            sentence.start,
            sentence.end,
            self.vocabulary,
            self.discourse.date,
        );
        // Parsing is most of extraction's time: a sentence with no capitalised word but an
        // opener ("The company said ...", "It added ...") names no one, and is not parsed.
        let first = scene.tokens.iter().position(|t| t.is_word());
        let may_name = scene.tokens.iter().enumerate().any(|(i, t)| {
            t.is_capitalized()
                && (Some(i) != first
                    || !(words::OPENERS.contains(&t.lower.as_str())
                        || words::DETERMINERS.contains(&t.lower.as_str())
                        || words::PRONOUNS.contains(&t.lower.as_str())))
        });
        if !may_name {
            return None;
        }
        scene.parse();
        let tree = Tree::new(&scene.parse);
        let none = Topic::new(|| None);
        let reading = Reading {
            scene: &scene,
            tree: &tree,
            topic: &none,
            described: &[],
        };
        let by_subject = (0..tree.len())
            .filter(|&i| tree.head(i).is_none())
            .find_map(|root| tree.child(root, &[syntax::Dep::Nsubj]))
            .filter(|&subject| !reading.is_person(subject))
            .and_then(|subject| {
                reading
                    .proper_name(subject)
                    .or_else(|| reading.owner(subject).map(|n| n.name))
            });
        // A headline without a verb ("Record quarter for Nimbus") still names what it is about.
        by_subject
            .or_else(|| {
                (0..tree.len())
                    .filter(|&i| !reading.is_person(i))
                    .find_map(|i| reading.proper_name(i))
            })
            .filter(|n| n.starts_with(char::is_uppercase))
    }

    /// The names of the sentence before, for "..., respectively".
    fn names_before(&self, quote: &str) -> Vec<String> {
        if !quote.contains("respectively") {
            return Vec::new();
        }
        match self.discourse.unread.last() {
            Some(&(start, end)) => {
                let scene =
                    Scene::light(self.text, start, end, self.vocabulary, self.discourse.date);
                names_in(&scene, 0, scene.tokens.len())
            }
            None => self.discourse.previous_names.clone(),
        }
    }

    /// The facts with their ids, and the notes in the order of the article.
    fn finish(self) -> Extraction {
        let mut found = self.found;
        found.sort_by_key(|f| f.fact.span[0]);
        let mut facts: Vec<Fact> = found.iter().map(|f| f.fact.clone()).collect();
        ids::number_ids(&mut facts);
        let mut notes = self.notes;
        for (f, fact) in found.into_iter().zip(&facts) {
            notes.push(Note {
                span: f.text_span,
                text: fact.text.clone(),
                fact: Some(fact.id.clone()),
                reason: f.rule.to_string(),
                detail: f.detail,
            });
        }
        notes.sort_by(|a, b| {
            a.span
                .cmp(&b.span)
                .then_with(|| a.fact.is_none().cmp(&b.fact.is_none()))
        });
        Extraction { facts, notes }
    }
}

fn found(candidate: &Candidate, r: Resolved) -> Found {
    let mut detail = vec![r.clause];
    detail.extend(
        r.choices
            .iter()
            .map(|c| explain::choice_line(c.field, &c.value, c.reason, c.confidence)),
    );
    Found {
        text_span: r.text_span,
        fact: r.fact,
        rule: candidate.rule,
        detail,
    }
}

/// "the second quarter of fiscal 2026, which ended July 26, 2025": the quarter is the three
/// months that ended then, and later fiscal quarters of the article follow from it.
fn place_fiscal_quarters(mentions: &mut [Mention], discourse: &mut Discourse) {
    for i in 0..mentions.len() {
        let quarter = match mentions[i].when {
            When::FiscalQuarter { quarter, year } => Some((quarter, Some(year))),
            When::Fixed(Time::Quarter(_, q)) | When::QuarterOfYear(q) => Some((q, None)),
            _ => None,
        };
        let Some((q, fiscal_year)) = quarter else {
            continue;
        };
        let last = mentions[i].last;
        let Some(j) = (i + 1..mentions.len()).find(|&j| {
            mentions[j].first <= last + 6 && matches!(mentions[j].when, When::Fixed(Time::Day(_)))
        }) else {
            continue;
        };
        let When::Fixed(Time::Day(end)) = mentions[j].when else {
            continue;
        };
        let month = if end.day() >= 15 {
            (end.year(), end.month())
        } else {
            Time::Month(end.year(), end.month())
                .shifted(-1)
                .map_or((end.year(), end.month()), |t| t.last_month())
        };
        let time = Time::ending(3, month);
        if let Some(year) = fiscal_year {
            discourse.learn_fiscal(year, q, time);
        }
        mentions[i].when = When::Fixed(time);
        mentions[j].when = When::Unresolved;
        mentions[j].role = Role::Window;
    }
}

fn mentions_price(quote: &str) -> bool {
    quote.contains("price") || quote.contains("Price") || quote.contains("pricing")
}

fn left_note(scene: &Scene, first: usize, last: usize, reason: &str) -> Note {
    let span = [scene.tokens[first].start, scene.tokens[last].end()];
    Note {
        span,
        text: scene.text[span[0]..span[1]].to_string(),
        fact: None,
        reason: reason.to_string(),
        detail: Vec::new(),
    }
}

/// How sure the resolver was of a fact's subject.
fn subject_confidence(r: &Resolved) -> f32 {
    r.choices
        .iter()
        .find(|c| c.field == "subject")
        .map_or(0.0, |c| c.confidence)
}

/// "Profits rose 18% to £212m in the three months to December": a figure whose period came
/// only from the article or the sentences before takes the time a later figure of the same verb
/// states, as the time closes the clause both belong to.
fn share_clause_time(resolved: &mut [Resolved]) {
    let period_reason = |r: &Resolved| {
        r.choices
            .iter()
            .find(|c| c.field == "period")
            .map_or("", |c| c.reason)
    };
    for i in 0..resolved.len() {
        if !resolve::period::UNSTATED.contains(&period_reason(&resolved[i])) {
            continue;
        }
        let Some(p) = resolved[i].predicate else {
            continue;
        };
        let Some(later) = resolved[i + 1..].iter().find(|r| {
            r.predicate == Some(p) && resolve::period::STATED.contains(&period_reason(r))
        }) else {
            continue;
        };
        let period = later.fact.period.clone();
        let value = later
            .choices
            .iter()
            .find(|c| c.field == "period")
            .map(|c| c.value.clone())
            .unwrap_or_default();
        let r = &mut resolved[i];
        r.fact.period = period;
        if let Some(choice) = r.choices.iter_mut().find(|c| c.field == "period") {
            choice.value = value;
            choice.reason = "the time a later figure of the same verb states";
            choice.confidence = 0.75;
        }
        settle_confidence(r);
    }
}

/// The fact's confidence after a field was chosen again: its weakest choice.
fn settle_confidence(r: &mut Resolved) {
    let weakest = r
        .choices
        .iter()
        .map(|c| c.confidence)
        .fold(1.0f32, f32::min);
    r.fact.confidence = Some(crate::facts::Number(
        (weakest as f64 * 100.0).round() / 100.0,
    ));
}
