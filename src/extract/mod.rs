//! Article -> facts, Duckling-style: shared readers of numbers ([`number`]), qualifiers
//! ([`qualifier`]), times ([`period`]) and subjects ([`subject`]), and one module per kind, each a
//! list of named rules over an amount in its sentence, with its corpus of example sentences.
//!
//! For every sentence that may hold a fact (a cheap byte scan, [`text::may_hold_fact`], skips the
//! rest), the amounts are read once; each amount goes to the kinds' rules in a fixed order and
//! the first rule that matches makes the fact. The subject, metric and period come from the
//! clause around the amount, else from the sentence, the paragraph and the article so far. Every
//! fact keeps the name of its rule, and every number left out keeps its reason, for
//! `extract --explain`.

mod comparison;
mod count;
mod downloads;
mod duration;
mod growth;
mod money;
mod number;
mod period;
mod price_cut;
mod qualifier;
mod share;
mod subject;
mod text;
mod vocabulary;
mod words;

#[cfg(test)]
mod corpus;

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;

use crate::facts::{Basis, Fact, Kind, Number, Period, Qualifier, Unit};
use crate::source::Article;
use number::{Amount, Measure};
use period::{Mention, Role, When};
use text::{Sentence, Token, TokenKind};

pub use vocabulary::{CustomKind, Vocabulary};

/// What extraction found in one article, and why.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// In order of appearance, with stable ids unique in the article.
    pub facts: Vec<Fact>,
    /// For `extract --explain`: one note per fact (the rule and the text it matched), and one per
    /// number that yielded no fact (why it was left out).
    pub notes: Vec<Note>,
}

/// One line of `extract --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Byte offsets in the article of the text the note is about.
    pub span: [usize; 2],
    /// That text.
    pub text: String,
    /// The fact's id, or `None` for a number left out.
    pub fact: Option<String>,
    /// The rule that produced the fact, or the reason the number was left out.
    pub reason: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fact {
            Some(id) => write!(f, "{id}: \"{}\" by rule {}", self.text, self.reason),
            None => write!(f, "left out \"{}\": {}", self.text, self.reason),
        }
    }
}

/// Every fact stated in `article` with the built-in vocabulary.
pub fn extract(article: &Article) -> Vec<Fact> {
    extract_with(article, &Vocabulary::default()).facts
}

/// Every fact stated in `article`, with a site's vocabulary, and the notes explaining them.
pub fn extract_with(article: &Article, vocabulary: &Vocabulary) -> Extraction {
    let mut state = State {
        date: article.date,
        currency: default_currency(&article.text),
        ..State::default()
    };
    let mut found: Vec<Found> = Vec::new();
    let mut left: Vec<Note> = Vec::new();
    for sentence in text::sentences(article) {
        if sentence.paragraph != state.paragraph {
            state.paragraph = sentence.paragraph;
            state.paragraph_period = None;
            state.price_in_paragraph = false;
        }
        let quote = &article.text[sentence.start..sentence.end];
        if sentence.heading {
            continue;
        }
        if !text::may_hold_fact(quote) {
            state.price_in_paragraph |= mentions_price(quote);
            state.unread.push((sentence.start, sentence.end));
            continue;
        }
        if let Some(&(start, end)) = state.unread.last() {
            // Names for "..., respectively" come from the sentence just before.
            let scene = light_scene(&article.text, start, end, vocabulary, state.date);
            state.previous_names = names_in(&scene, 0, scene.tokens.len());
        }
        read_sentence(
            article, &sentence, vocabulary, &mut state, &mut found, &mut left,
        );
        state.unread.clear();
        state.price_in_paragraph |= mentions_price(quote);
    }
    assemble(article, found, left)
}

/// What a rule recognised: the kind, and whatever the rule knows better than the shared readers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub kind: Kind,
    /// A fall of something other than a price: the value is negated.
    pub negative: bool,
    pub metric: Option<String>,
    pub subject: Option<String>,
    pub object: Option<String>,
    /// The unit, when the amount's own words do not give it (durations, custom kinds).
    pub unit: Option<Unit>,
    /// A factor on the amount's value: "3 weeks" is 21 days.
    pub factor: f64,
}

impl Claim {
    pub fn of(kind: Kind) -> Claim {
        Claim {
            kind,
            negative: false,
            metric: None,
            subject: None,
            object: None,
            unit: None,
            factor: 1.0,
        }
    }

    pub fn metric(mut self, metric: Option<String>) -> Claim {
        self.metric = metric;
        self
    }
}

/// A named rule over one amount of a sentence.
pub(crate) struct Rule {
    pub name: &'static str,
    pub apply: fn(&Scene, &Amount) -> Option<Claim>,
}

/// A named rule over a phrase without a figure ("outperforms", "for a full year"): at token
/// `i`, the claim, the amount it stands for (if any) and the tokens it covers.
pub(crate) struct PhraseRule {
    pub name: &'static str,
    pub apply: fn(&Scene, usize) -> Option<PhraseMatch>,
}

/// What a phrase rule matched: the claim, the value it stands for, its first and last token.
pub(crate) type PhraseMatch = (Claim, Option<f64>, usize, usize);

/// A claim on tokens `first..=last` of a sentence, before it becomes a fact.
struct Pending<'s> {
    first: usize,
    last: usize,
    rule: &'static str,
    claim: Claim,
    amount: Option<&'s Amount>,
    value: Option<f64>,
}

/// One sentence, read once and shared by every rule.
pub(crate) struct Scene<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    pub amounts: Vec<Amount>,
    pub mentions: Vec<Mention>,
    /// Tokens of asides (", which ...,") that a subject is read past.
    pub asides: Vec<bool>,
    /// Tokens inside a time mention.
    pub in_mention: Vec<bool>,
    /// Tokens a noun phrase is read past: asides and time mentions.
    pub skip: Vec<bool>,
    /// Where the main clause starts, after an opening adverbial.
    pub main: usize,
    /// Whether this paragraph has spoken of prices before this sentence.
    pub price_context: bool,
    pub vocabulary: &'a Vocabulary,
}

impl Scene<'_> {
    /// The lower-case word at `i`, or "" outside the sentence.
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// The first token of the clause holding `amount`.
    pub fn clause_start(&self, amount: &Amount) -> usize {
        subject::clause_start(&self.tokens, amount.first, 0, &self.asides)
    }

    /// One past the last token of the clause holding `amount`.
    pub fn clause_end(&self, amount: &Amount) -> usize {
        let mut i = amount.last + 1;
        while i < self.tokens.len() {
            let t = &self.tokens[i];
            if t.kind == TokenKind::Symbol
                && matches!(t.text, "," | ";" | ":" | "\u{2014}" | "(" | ")")
            {
                break;
            }
            if matches!(t.lower.as_str(), "while" | "whereas" | "but") {
                break;
            }
            i += 1;
        }
        i
    }

    /// Whether any of `words` is in `tokens[from..to]`.
    pub fn any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        self.tokens[from.min(to)..to.min(self.tokens.len())]
            .iter()
            .any(|t| words.contains(&t.lower.as_str()))
    }

    /// The last token before `amount` in its clause that is one of `words`, with no other
    /// amount in between.
    pub fn nearest_before(&self, amount: &Amount, words: &[&str]) -> Option<usize> {
        let from = self
            .clause_start(amount)
            .max(self.previous_amount_end(amount));
        (from..amount.first)
            .rev()
            .find(|&i| words.contains(&self.tokens[i].lower.as_str()))
    }

    /// One past the last token of the amount before `amount` in the sentence, or 0.
    pub fn previous_amount_end(&self, amount: &Amount) -> usize {
        self.amounts
            .iter()
            .filter(|a| a.last < amount.first && !a.spelled)
            .map(|a| a.last + 1)
            .max()
            .unwrap_or(0)
    }

    /// The noun phrase right after token `from`: modifiers and a head noun, up to punctuation,
    /// a preposition, a verb or another amount. Returns its token range.
    pub fn phrase_after(&self, from: usize) -> Option<(usize, usize)> {
        let mut end = from;
        while end < self.tokens.len() {
            let t = &self.tokens[end];
            let stop = match t.kind {
                TokenKind::Symbol | TokenKind::Possessive => true,
                TokenKind::Number => !is_name_like_number(t.text),
                TokenKind::Word => {
                    subject::is_verb(t)
                        || is_preposition(&t.lower)
                        || matches!(
                            t.lower.as_str(),
                            "and"
                                | "or"
                                | "but"
                                | "that"
                                | "which"
                                | "who"
                                | "so"
                                | "while"
                                | "than"
                                | "ago"
                                | "earlier"
                                | "later"
                        )
                        || self.in_mention[end]
                        || self.amounts.iter().any(|a| a.first == end)
                }
            };
            if stop {
                break;
            }
            end += 1;
        }
        (end > from).then_some((from, end))
    }

    /// The exact words of `tokens[from..to]`.
    pub fn slice(&self, from: usize, to: usize) -> String {
        subject::clean(&self.text[self.tokens[from].start..self.tokens[to - 1].end()])
    }
}

/// "720P", "5nm": a figure that is part of a label, allowed inside a noun phrase.
fn is_name_like_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphabetic())
        && text.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "by"
            | "for"
            | "to"
            | "of"
            | "from"
            | "with"
            | "into"
            | "over"
            | "under"
            | "across"
            | "among"
            | "between"
            | "through"
            | "during"
            | "since"
            | "after"
            | "before"
            | "within"
            | "per"
            | "via"
            | "as"
            | "like"
            | "against"
            | "worldwide"
            | "globally"
            | "combined"
            | "together"
            | "so"
            | "alone"
    )
}

/// The rules over amounts, in the order they are tried: the most specific wording first.
fn amount_rules() -> impl Iterator<Item = &'static Rule> {
    growth::BASE_RULES
        .iter()
        .chain(comparison::RULES)
        .chain(price_cut::RULES)
        .chain(growth::RULES)
        .chain(share::RULES)
        .chain(downloads::RULES)
        .chain(duration::RULES)
        .chain(money::RULES)
        .chain(count::RULES)
}

fn phrase_rules() -> impl Iterator<Item = &'static PhraseRule> {
    comparison::PHRASE_RULES
        .iter()
        .chain(duration::PHRASE_RULES)
}

/// What carries from sentence to sentence.
#[derive(Debug, Default)]
struct State {
    date: Option<Date>,
    currency: &'static str,
    paragraph: usize,
    paragraph_period: Option<String>,
    article_period: Option<String>,
    /// The last subject named outright: what "it", "the company", "the app" refer to.
    topic: Option<String>,
    price_in_paragraph: bool,
    /// The names of the previous sentence, for "..., respectively".
    previous_names: Vec<String>,
    /// Sentences without figures since the last one read, newest last: read only when an
    /// anaphor needs their subject, so the fast path stays fast.
    unread: Vec<(usize, usize)>,
}

/// A fact before its id is made, with what `--explain` says about it.
struct Found {
    fact: Fact,
    rule: &'static str,
    text_span: [usize; 2],
}

/// A sentence read for its names and subject only.
fn light_scene<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    vocabulary: &'a Vocabulary,
    date: Option<Date>,
) -> Scene<'a> {
    let tokens = text::tokens(text, start, end);
    let mentions = period::mentions(&tokens, date);
    let mut in_mention = vec![false; tokens.len()];
    for m in &mentions {
        for flag in &mut in_mention[m.first..=m.last] {
            *flag = true;
        }
    }
    let asides = subject::asides(&tokens);
    let skip = asides
        .iter()
        .zip(&in_mention)
        .map(|(a, m)| *a || *m)
        .collect();
    let main = subject::main_start(&tokens);
    Scene {
        text,
        tokens,
        amounts: Vec::new(),
        mentions,
        asides,
        in_mention,
        skip,
        main,
        price_context: false,
        vocabulary,
    }
}

/// What "it" and "the company" refer to: the subject of the latest sentence that names one,
/// counting the unread sentences since the last fact.
fn topic(state: &State, text: &str, vocabulary: &Vocabulary) -> Option<String> {
    for &(start, end) in state.unread.iter().rev().take(3) {
        let scene = light_scene(text, start, end, vocabulary, state.date);
        if let Some(s) = main_subject(&scene).filter(|s| s.starts_with(char::is_uppercase)) {
            return Some(s);
        }
    }
    state.topic.clone()
}

fn default_currency(text: &str) -> &'static str {
    if text.contains("yuan") || text.contains("RMB") {
        "CNY"
    } else {
        "USD"
    }
}

fn mentions_price(quote: &str) -> bool {
    quote.contains("price") || quote.contains("Price") || quote.contains("pricing")
}

/// A mention resolved against the article's date and a period in context, as ISO text.
fn resolve_str(m: &Mention, date: Option<Date>, context: Option<&str>) -> Option<String> {
    let context = period::Context {
        date,
        period: context.and_then(period::Time::parse),
        ahead: false,
    };
    m.resolve(&context).map(|t| t.iso())
}

fn read_sentence(
    article: &Article,
    sentence: &Sentence,
    vocabulary: &Vocabulary,
    state: &mut State,
    found: &mut Vec<Found>,
    left: &mut Vec<Note>,
) {
    let text = article.text.as_str();
    let tokens = text::tokens(text, sentence.start, sentence.end);
    let mentions = period::mentions(&tokens, state.date);
    let mut taken: Vec<Option<&'static str>> = vec![None; tokens.len()];
    let mut in_mention = vec![false; tokens.len()];
    for m in &mentions {
        for i in m.first..=m.last {
            in_mention[i] = true;
            if m.when != When::Event {
                taken[i] = Some(m.reason());
            }
        }
    }
    let currency = if state.currency == "CNY" || text[sentence.start..sentence.end].contains("yuan")
    {
        "CNY"
    } else {
        "USD"
    };
    let pence = ["share", "dividend", "\u{a3}", "pence", "stock"]
        .iter()
        .any(|w| text[sentence.start..sentence.end].contains(w));
    let (amounts, left_out) = number::scan(&tokens, &taken, number::Money { currency, pence });
    let asides = subject::asides(&tokens);
    let main = subject::main_start(&tokens);
    let skip = asides
        .iter()
        .zip(&in_mention)
        .map(|(a, m)| *a || *m)
        .collect();
    let scene = Scene {
        text,
        tokens,
        amounts,
        mentions,
        asides,
        in_mention,
        skip,
        main,
        price_context: state.price_in_paragraph,
        vocabulary,
    };
    for out in &left_out {
        left.push(note_left(&scene, out.first, out.last, out.reason));
    }
    let quote = &text[sentence.start..sentence.end];
    let main_subject = main_subject(&scene);
    let first_in_sentence = found.len();
    let mut sentence_periods: Vec<String> = Vec::new();

    // Claims over amounts, then over phrases, in order of appearance.
    let mut claims: Vec<Pending> = Vec::new();
    let mut last_claim: Option<(&'static str, Claim)> = None;
    for amount in &scene.amounts {
        let mut claim = custom_kind(&scene, amount).map(|c| ("custom kind trigger", c));
        if claim.is_none() {
            claim = amount_rules()
                .find_map(|rule| (rule.apply)(&scene, amount).map(|c| (rule.name, c)));
        }
        if claim.is_none() {
            claim = list_continuation(&scene, amount, last_claim.as_ref());
        }
        match claim {
            Some((rule, claim)) => {
                last_claim = Some((rule, claim.clone()));
                claims.push(Pending {
                    first: amount.first,
                    last: amount.last,
                    rule,
                    claim,
                    amount: Some(amount),
                    value: None,
                });
            }
            None => {
                last_claim = None;
                let reason = why_left_out(amount);
                left.push(note_left(&scene, amount.first, amount.last, reason));
            }
        }
    }
    for i in 0..scene.tokens.len() {
        if let Some((rule, (claim, value, first, last))) =
            phrase_rules().find_map(|rule| (rule.apply)(&scene, i).map(|c| (rule.name, c)))
            && !claims.iter().any(|c| c.first <= last && first <= c.last)
        {
            claims.push(Pending {
                first,
                last,
                rule,
                claim,
                amount: None,
                value,
            });
        }
    }
    claims.sort_by_key(|c| c.first);

    // "29%, 22% and 12% respectively": one subject each, from the names before.
    let respectively = scene.tokens.iter().any(|t| t.is("respectively"));
    let names_for_list = if respectively {
        let names = names_in(&scene, 0, scene.main);
        if names.len() >= 2 {
            names
        } else {
            state.previous_names.clone()
        }
    } else {
        Vec::new()
    };
    let mut list_index = 0;

    for Pending {
        first,
        last,
        rule,
        claim,
        amount,
        value: phrase_value,
    } in claims
    {
        let whole = Amount {
            first,
            last,
            value: phrase_value,
            min: None,
            max: None,
            measure: Measure::Plain,
            spelled: false,
            vague: false,
        };
        let amount_ref = amount.unwrap_or(&whole);
        let (qualifier, text_first) = match amount {
            Some(a) => qualifier::qualify(&scene.tokens, a),
            None => (Qualifier::Exact, first),
        };
        let text_span = [
            scene.tokens[text_first].start,
            scene.tokens[amount_ref.last].end(),
        ];
        let previous = found[first_in_sentence..].last().map(|f| &f.fact);

        // Subject and metric.
        let reading = read_subject(&scene, amount_ref);
        let mut explicit = false;
        let mut subject = claim.subject.clone();
        if respectively
            && names_for_list.len() >= 2
            && amount.is_some()
            && list_index < names_for_list.len()
        {
            subject = Some(names_for_list[list_index].clone());
            list_index += 1;
        }
        if subject.is_some() {
            explicit = true;
        }
        if subject.is_none() {
            if let Some(s) = reading.subject.clone() {
                subject = Some(s);
                explicit = true;
            } else if reading.anaphor {
                subject = topic(state, text, vocabulary);
            }
        }
        let subject = subject
            .or_else(|| previous.map(|p| p.subject.clone()))
            .or_else(|| main_subject.clone())
            .or_else(|| topic(state, text, vocabulary))
            .unwrap_or_else(|| "article".to_string());
        if explicit {
            state.topic = Some(subject.clone());
        }
        let metric = claim.metric.clone().or(reading.metric.clone()).or_else(|| {
            let follows_to = amount_ref.first > 0 && scene.word(amount_ref.first - 1) == "to";
            previous
                .filter(|p| same_class(&p.kind, &claim.kind) || follows_to)
                .and_then(|p| p.metric.clone())
        });

        // Value and unit.
        let sign = if claim.negative { -1.0 } else { 1.0 };
        let factor = claim.factor * sign;
        let unit = claim.unit.clone().or(match amount_ref.measure {
            Measure::Percent => Some(Unit::Percent),
            Measure::Money(code) => Some(Unit::Currency(code.to_string())),
            Measure::Plain | Measure::Points => Some(Unit::Count),
        });
        let mut fact = Fact::new(
            claim.kind.clone(),
            subject,
            scene.text[text_span[0]..text_span[1]].to_string(),
        );
        // Every fact but a comparison has a metric: when the sentence names none, the kind's own
        // noun says what was measured ("a 97% price cut" measures a price).
        fact.metric = metric
            .filter(|m| !m.is_empty())
            .or_else(|| Some(default_metric(&claim.kind).to_string()));
        fact.quote = quote.to_string();
        fact.span = [sentence.start, sentence.end];
        if claim.kind == Kind::Comparison {
            fact.object = claim.object.clone();
            fact.metric = None;
            if amount.is_some() {
                fact.value = amount_ref.value.map(|v| Number(v * factor));
                fact.unit = unit;
                fact.qualifier = Some(qualifier);
            }
        } else {
            fact.value = amount_ref.value.map(|v| Number(round(v * factor)));
            fact.min = amount_ref.min.map(|v| Number(round(v * factor)));
            fact.max = amount_ref.max.map(|v| Number(round(v * factor)));
            if let (Some(a), Some(b)) = (fact.min, fact.max)
                && a.0 > b.0
            {
                fact.min = Some(b);
                fact.max = Some(a);
            }
            fact.unit = unit;
            fact.qualifier = Some(qualifier);
        }

        // Period and basis.
        let period = resolve_period(&scene, amount_ref, state, previous, &claim.kind);
        if let Some(p) = &period {
            sentence_periods.push(p.clone());
        }
        fact.period = period.as_deref().and_then(Period::parse);
        if claim.kind == Kind::Growth {
            fact.basis =
                growth::basis(&scene, amount_ref, fact.period.as_ref().map(Period::as_str));
        }
        found.push(Found {
            fact,
            rule,
            text_span,
        });
    }

    // What carries on to the next sentences.
    let carried = sentence_periods.last().cloned().or_else(|| {
        scene
            .mentions
            .iter()
            .filter(|m| m.role == Role::Time && m.when != When::Now)
            .find_map(|m| resolve_str(m, state.date, state.paragraph_period.as_deref()))
    });
    if let Some(p) = carried {
        // A reporting period (a year, a quarter) frames the whole article; a month, a day or a
        // stretch of them dates one event and frames its paragraph only.
        let ended = period::Time::parse(&p)
            .zip(state.date)
            .is_none_or(|(t, d)| t.last_month() <= (d.year(), d.month()));
        if is_reporting_period(&p) && ended {
            state.article_period = Some(p.clone());
        }
        state.paragraph_period = Some(p);
    }
    if let Some(s) = main_subject
        && s.chars().next().is_some_and(char::is_uppercase)
    {
        state.topic = Some(s);
    }
    state.previous_names = names_in(&scene, 0, scene.tokens.len());
    state.unread.clear();
}

fn round(v: f64) -> f64 {
    // Scale words multiply decimals ("18.337 billion"); keep the figure the article wrote.
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-6 * v.abs().max(1.0) {
        r
    } else {
        v
    }
}

fn same_class(a: &Kind, b: &Kind) -> bool {
    // "revenue reached $22 billion, up 265%": a change and an amount of one measure.
    let measured = |k: &Kind| matches!(k, Kind::Money | Kind::Growth | Kind::Share);
    a == b || measured(a) && measured(b)
}

/// A figure right after a fact of the same sentence, in a list ("29%, 22% and 12%"): the same
/// rule holds for it.
fn list_continuation(
    scene: &Scene,
    amount: &Amount,
    last: Option<&(&'static str, Claim)>,
) -> Option<(&'static str, Claim)> {
    let (rule, claim) = last?;
    let previous_end = scene.previous_amount_end(amount);
    let between = &scene.tokens[previous_end.min(amount.first)..amount.first];
    let joined = between.len() <= 4
        && between.iter().all(|t| {
            t.is_symbol(',')
                || matches!(t.lower.as_str(), "and" | "or" | "by" | "to")
                || qualifier_word(&t.lower)
        });
    joined.then(|| {
        (
            *rule,
            Claim {
                metric: None,
                subject: None,
                ..claim.clone()
            },
        )
    })
}

fn qualifier_word(lower: &str) -> bool {
    matches!(
        lower,
        "over"
            | "more"
            | "than"
            | "about"
            | "around"
            | "nearly"
            | "almost"
            | "roughly"
            | "up"
            | "under"
            | "at"
            | "least"
            | "some"
    )
}

fn why_left_out(amount: &Amount) -> &'static str {
    match amount.measure {
        Measure::Points => "percentage points: a change of a rate",
        _ if amount.spelled => "a number word in a turn of phrase",
        _ => "no kind matched",
    }
}

fn note_left(scene: &Scene, first: usize, last: usize, reason: &str) -> Note {
    let span = [scene.tokens[first].start, scene.tokens[last].end()];
    Note {
        span,
        text: scene.text[span[0]..span[1]].to_string(),
        fact: None,
        reason: reason.to_string(),
    }
}

/// The subject of the sentence's main clause, if named outright and not a source of a report.
fn main_subject(scene: &Scene) -> Option<String> {
    let verb = (scene.main..scene.tokens.len())
        .find(|&i| subject::is_verb(&scene.tokens[i]) && !scene.skip[i])?;
    // "X says that ...", "X reports the app ...": X is a source, not the subject.
    let reported = matches!(
        scene.word(verb + 1),
        "that" | "the" | "a" | "an" | "it" | "its" | "their" | "they"
    );
    if subject::is_reporting(&scene.tokens[verb]) && reported {
        return None;
    }
    let (start, end) = subject::phrase_span(&scene.tokens, verb, scene.main, &scene.skip);
    let reading = subject::read_phrase(
        scene.text,
        &scene.tokens,
        start,
        end,
        &scene.skip,
        &scene.vocabulary.metrics,
    );
    reading.subject
}

/// The names (runs of capitalized words) of `tokens[from..to]`, leaving out sentence openers.
fn names_in(scene: &Scene, from: usize, to: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut i = from;
    while i < to.min(scene.tokens.len()) {
        let t = &scene.tokens[i];
        let opener = i == 0 || scene.tokens[i - 1].kind == TokenKind::Symbol && i <= 2;
        if t.is_capitalized() && !scene.in_mention[i] && !(opener && is_common_opener(&t.lower)) {
            let start = i;
            while i < to && scene.tokens[i].is_capitalized() {
                i += 1;
            }
            names.push(scene.slice(start, i));
        } else {
            i += 1;
        }
    }
    names
}

fn is_common_opener(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "as"
            | "after"
            | "it"
            | "its"
            | "this"
            | "that"
            | "these"
            | "there"
            | "a"
            | "an"
            | "and"
            | "but"
            | "among"
            | "since"
            | "while"
            | "although"
            | "during"
            | "over"
            | "with"
            | "to"
            | "from"
            | "we"
            | "they"
            | "he"
            | "she"
    )
}

/// Subject and metric from the clause around `amount`: a possessive owner, the measure named
/// between verb and amount ("puts revenue for X at $Y"), the subject before the verb, or a
/// measure named after the amount ("$3 billion on capital expenditures").
fn read_subject(scene: &Scene, amount: &Amount) -> subject::Reading {
    let tokens = &scene.tokens;
    let metrics = &scene.vocabulary.metrics;
    let start = scene.clause_start(amount);
    let previous = scene.previous_amount_end(amount);
    let lo = start.max(previous);
    let mut reading = subject::Reading::default();
    // The verb governing the amount: in its clause, else in the clause before when the
    // amount stands alone after a comma ("what X spent on Y in 2024, €326 billion").
    let mut verb = (lo..amount.first)
        .rev()
        .find(|&i| subject::is_verb(&tokens[i]) && !scene.asides[i]);
    let mut object_end = amount.first;
    let mut floor = start;
    if verb.is_none()
        && previous <= start
        && start > 0
        && start < amount.first
        && tokens[start - 1].is_symbol(',')
        || verb.is_none() && previous <= start && start == amount.first && start > 0
    {
        let before = subject::clause_start(tokens, start.saturating_sub(1), 0, &scene.asides);
        if before >= previous {
            verb = (before..start)
                .rev()
                .find(|&i| subject::is_verb(&tokens[i]));
            object_end = start.saturating_sub(1);
            floor = before;
        }
    }
    if let Some(v) = verb {
        let mut group = v;
        while group > floor
            && (subject::is_verb(&tokens[group - 1]) || is_adverb_between(&tokens[group - 1].lower))
        {
            group -= 1;
        }
        let (np_start, np_end) =
            subject::phrase_span(tokens, group, floor.max(scene.main.min(group)), &scene.skip);
        let np_start = if np_start < scene.main && group >= scene.main {
            scene.main.max(np_start)
        } else {
            np_start
        };
        reading = subject::read_phrase(scene.text, tokens, np_start, np_end, &scene.skip, metrics);
        // The measure between the verb and the amount: "expect capital expenditures of".
        let object = object_phrase(scene, v + 1, object_end, &scene.skip);
        if let Some((a, b)) = object {
            let obj = subject::read_phrase(scene.text, tokens, a, b, &scene.skip, metrics);
            // "Gaugely puts revenue for X at $Y": the measure's own subject wins over a
            // source; "Nimbus lowered the price of its plan" keeps Nimbus.
            let named = reading
                .subject
                .as_deref()
                .is_some_and(|s| s.starts_with(char::is_uppercase));
            let estimating = matches!(
                tokens[v].lower.as_str(),
                "puts"
                    | "put"
                    | "estimates"
                    | "estimated"
                    | "values"
                    | "valued"
                    | "pegs"
                    | "pegged"
                    | "sizes"
            );
            if obj.metric.is_some() {
                if obj.subject.is_some() && !obj.anaphor && (!named || estimating) {
                    reading.subject = obj.subject;
                    reading.anaphor = false;
                }
                reading.metric = obj.metric;
            } else if reading.metric.is_none()
                && obj.subject.is_some()
                && matches!(
                    tokens[v].lower.as_str(),
                    "spent" | "spends" | "spend" | "invested" | "invests"
                )
            {
                reading.metric = obj.subject;
            }
        }
    }
    // A clause without a verb names its measure first: ", and revenue over the year at $X".
    let lead_start = if start < scene.main && scene.main < amount.first {
        scene.main
    } else {
        start
    };
    if verb.is_none()
        && lead_start < amount.first
        && let Some((a, b)) = object_phrase(scene, lead_start, amount.first, &scene.skip)
    {
        let lead = subject::read_phrase(scene.text, tokens, a, b, &scene.skip, metrics);
        if lead.metric.is_some() {
            reading.metric = lead.metric;
        }
    }
    // A possessive owner nearest before the amount: "sent Orbitly's share price down".
    let verb_in_clause = (lo..amount.first).any(|i| subject::is_verb(&tokens[i]));
    if verb_in_clause
        && let Some(p) = (lo..amount.first)
            .rev()
            .find(|&i| tokens[i].kind == TokenKind::Possessive)
    {
        let mut a = p;
        while a > lo
            && (tokens[a - 1].is_capitalized()
                || tokens[a - 1].kind == TokenKind::Number
                    && a >= 2
                    && tokens[a - 2].is_capitalized())
        {
            a -= 1;
        }
        if a < p && !scene.in_mention[p - 1] {
            let owner = scene.slice(a, p);
            let of_before = a > lo && tokens[a - 1].is("of");
            let named = reading
                .subject
                .as_deref()
                .is_some_and(|s| s.starts_with(char::is_uppercase));
            if !of_before && !named || reading.subject.is_none() {
                reading.subject = Some(owner);
                reading.anaphor = false;
                let mut end = p + 1;
                while end < amount.first
                    && !subject::is_verb(&tokens[end])
                    && !is_preposition(&tokens[end].lower)
                    && tokens[end].kind == TokenKind::Word
                    && !is_adverb_between(&tokens[end].lower)
                    && !matches!(tokens[end].lower.as_str(), "down" | "up")
                {
                    end += 1;
                }
                if end > p + 1 && !of_before && reading.metric.is_none() {
                    reading.metric = Some(scene.slice(p + 1, end));
                }
            }
        }
    }
    // A measure named after the amount: "$3 billion into capital spending".
    if matches!(amount.measure, Measure::Money(_)) {
        let after = amount.last + 1;
        if matches!(scene.word(after), "into" | "on" | "of")
            && !scene.in_mention.get(after + 1).copied().unwrap_or(true)
            && let Some((a, b)) = scene.phrase_after(after + 1)
        {
            let mut b = b;
            while b + 1 < tokens.len() && tokens[b].is("and") && scene.phrase_after(b + 1).is_some()
            {
                b = scene.phrase_after(b + 1).map_or(b, |r| r.1);
            }
            let words: Vec<&Token> = tokens[a..b]
                .iter()
                .filter(|t| !matches!(t.lower.as_str(), "the" | "its" | "their"))
                .collect();
            if !words.is_empty() {
                reading.metric = Some(subject::clean(
                    &scene.text[words[0].start..words[words.len() - 1].end()],
                ));
            }
        }
    }
    reading
}

fn is_adverb_between(lower: &str) -> bool {
    matches!(
        lower,
        "now"
            | "currently"
            | "also"
            | "again"
            | "still"
            | "consequently"
            | "only"
            | "already"
            | "reportedly"
            | "further"
            | "not"
            | "never"
            | "just"
            | "once"
            | "then"
            | "out"
    )
}

/// The tokens between a verb and its amount that may name a measure, without fillers at the
/// end ("to a range of", "by", "at").
fn object_phrase(scene: &Scene, from: usize, to: usize, skip: &[bool]) -> Option<(usize, usize)> {
    let mut end = to;
    while end > from {
        let t = &scene.tokens[end - 1];
        let filler = skip[end - 1]
            || t.kind == TokenKind::Symbol
            || matches!(
                t.lower.as_str(),
                "to" | "a"
                    | "an"
                    | "range"
                    | "of"
                    | "between"
                    | "at"
                    | "by"
                    | "about"
                    | "around"
                    | "the"
                    | "total"
                    | "level"
                    | "record"
                    | "new"
                    | "down"
                    | "up"
                    | "as"
                    | "much"
                    | "more"
                    | "than"
                    | "over"
                    | "nearly"
                    | "roughly"
                    | "some"
                    | "only"
                    | "just"
                    | "for"
                    | "with"
                    | "on"
                    | "in"
                    | "out"
                    | "further"
                    | "another"
            );
        if filler {
            end -= 1;
        } else {
            break;
        }
    }
    let words: Vec<&Token> = (from..end)
        .filter(|&i| !skip[i])
        .map(|i| &scene.tokens[i])
        .collect();
    if words.is_empty()
        || words
            .iter()
            .any(|t| t.kind == TokenKind::Number && !is_name_like_number(t.text))
    {
        return None;
    }
    Some((from, end))
}

/// A site's custom kinds: a trigger word in the noun after the amount (or, for a kind
/// measured in percent, anywhere in the clause).
fn custom_kind(scene: &Scene, amount: &Amount) -> Option<Claim> {
    for kind in &scene.vocabulary.kinds {
        let unit = Unit::parse(&kind.unit)?;
        let hit = match (&unit, amount.measure) {
            (Unit::Percent, Measure::Percent) | (Unit::Currency(_), Measure::Money(_)) => {
                let (a, b) = (scene.clause_start(amount), scene.clause_end(amount));
                scene.tokens[a..b]
                    .iter()
                    .any(|t| kind.triggers.contains(&t.lower))
            }
            (Unit::Count | Unit::Days | Unit::Months | Unit::Years, Measure::Plain)
                if !amount.spelled =>
            {
                let (a, b) = scene.phrase_after(amount.last + 1)?;
                scene.tokens[a..b]
                    .iter()
                    .any(|t| kind.triggers.contains(&t.lower))
            }
            _ => false,
        };
        if hit {
            let metric = scene
                .phrase_after(amount.last + 1)
                .map(|(a, b)| scene.slice(a, b));
            let mut claim = Claim::of(Kind::Custom(kind.name.clone())).metric(metric);
            claim.unit = Some(unit);
            return Some(claim);
        }
    }
    None
}

/// Whether `period` is a year or a quarter, rather than a month, a day or a stretch of them.
fn is_reporting_period(period: &str) -> bool {
    !period.contains('/') && (period.len() == 4 || period.contains('Q'))
}

/// The period of a fact: a time in its clause, else the time of the fact before it in the
/// sentence, else a time of the sentence, else the one carried from the paragraph or article.
fn resolve_period(
    scene: &Scene,
    amount: &Amount,
    state: &State,
    previous: Option<&Fact>,
    kind: &Kind,
) -> Option<String> {
    let carried = state
        .paragraph_period
        .as_deref()
        .or(state.article_period.as_deref());
    let date = state.date;
    // The sentence's own time, if it names one outright, is the context of "the first seven
    // months" and "the quarter".
    let own = scene
        .mentions
        .iter()
        .find(|m| m.role == Role::Time && matches!(m.when, When::Fixed(_)))
        .and_then(|m| resolve_str(m, date, carried));
    let context = own.as_deref().or(carried);
    let start = scene.clause_start(amount);
    let end = scene.clause_end(amount);
    let in_clause = |m: &&Mention| m.first >= start && m.last < end && m.role != Role::Base;
    let nearest = scene
        .mentions
        .iter()
        .filter(in_clause)
        .filter(|m| resolve_str(m, date, context).is_some())
        .min_by_key(|m| {
            let distance = if m.first > amount.last {
                m.first - amount.last
            } else {
                amount.first.saturating_sub(m.last) + 100
            };
            (m.when == When::Now, distance)
        });
    let current = nearest
        .and_then(|m| resolve_str(m, date, context))
        .or_else(|| {
            present_perfect(scene, start, amount.first)
                .then(|| date.map(|d| d.to_string()))
                .flatten()
        })
        .or_else(|| previous.and_then(|p| p.period.as_ref().map(|p| p.as_str().to_string())))
        .or_else(|| {
            let sentence: Vec<&Mention> = scene
                .mentions
                .iter()
                .filter(|m| m.role == Role::Time)
                .collect();
            let opener = sentence.iter().find(|m| m.last < scene.main);
            let before = sentence.iter().rev().find(|m| m.last < amount.first);
            opener
                .or(before)
                .or(sentence.first())
                .and_then(|m| resolve_str(m, date, context))
        })
        .or_else(|| carried.map(str::to_string));
    // "52% larger than at the end of 2022": the change over the time since that point.
    if *kind == Kind::Growth
        && let Some(base) = scene.mentions.iter().find(|m| {
            m.role == Role::Base && m.first >= start && m.last < end && scene.word(m.first) == "end"
        })
        && let Some(base) = resolve_str(base, date, context)
    {
        let end_month = previous
            .and_then(|p| p.period.as_ref())
            .map(|p| p.as_str().to_string())
            .or_else(|| carried.map(str::to_string))
            .or(current)
            .as_deref()
            .and_then(period::Time::parse)
            .map(|t| t.last_month())
            .or_else(|| date.map(|d| (d.year(), d.month())))?;
        return Some(format!("{base}/{:04}-{:02}", end_month.0, end_month.1));
    }
    current
}

/// "have amassed", "has grown": a state at the article's date.
fn present_perfect(scene: &Scene, from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        let t = &scene.tokens[i];
        (t.is("have") || t.is("has"))
            && scene.tokens[i + 1..to.min(i + 4)].iter().any(|n| {
                n.lower.ends_with("ed")
                    || matches!(
                        n.lower.as_str(),
                        "grown"
                            | "risen"
                            | "seen"
                            | "become"
                            | "made"
                            | "won"
                            | "gone"
                            | "taken"
                            | "built"
                    )
            })
    })
}

/// Ids, notes, and the final order.
fn assemble(article: &Article, found: Vec<Found>, mut left: Vec<Note>) -> Extraction {
    let _ = article;
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut facts = Vec::with_capacity(found.len());
    let mut notes = Vec::with_capacity(found.len() + left.len());
    for Found {
        mut fact,
        rule,
        text_span,
    } in found
    {
        let base = fact_id(&fact);
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        fact.id = if *n == 1 { base } else { format!("{base}-{n}") };
        notes.push(Note {
            span: text_span,
            text: fact.text.clone(),
            fact: Some(fact.id.clone()),
            reason: rule.to_string(),
        });
        facts.push(fact);
    }
    notes.append(&mut left);
    notes.sort_by(|a, b| {
        a.span
            .cmp(&b.span)
            .then_with(|| a.fact.is_none().cmp(&b.fact.is_none()))
    });
    Extraction { facts, notes }
}

/// The metric of a fact whose sentence names none: the measure its kind implies.
fn default_metric(kind: &Kind) -> &str {
    match kind {
        Kind::Growth => "growth",
        Kind::PriceCut => "price",
        Kind::Downloads => "downloads",
        Kind::Count => "number",
        Kind::Money => "amount",
        Kind::Share => "share",
        Kind::Duration => "duration",
        Kind::Comparison => "comparison",
        Kind::Custom(name) => name,
    }
}

/// `subject-metric-kind` as a slug, e.g. `nimbus-cloud-adjusted-ebita-growth`; a metric that
/// only repeats the kind adds nothing to it.
fn fact_id(fact: &Fact) -> String {
    let mut words: Vec<String> = slug_words(&fact.subject, 4);
    if let Some(metric) = fact
        .metric
        .as_deref()
        .filter(|m| *m != default_metric(&fact.kind))
    {
        words.extend(slug_words(metric, 4));
    }
    if let Some(object) = &fact.object {
        words.push("vs".into());
        words.extend(slug_words(object, 3));
    }
    words.push(fact.kind.as_str().replace('_', "-"));
    words.join("-")
}

fn slug_words(text: &str, max: usize) -> Vec<String> {
    crate::source::slug_words(text)
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "of" | "and" | "s"))
        .take(max)
        .collect()
}

/// The basis words of a growth, shared by the growth rules and `basis`.
pub(crate) fn basis_word(scene: &Scene, i: usize) -> Option<Basis> {
    let w = scene.word(i);
    let next = |k: usize| scene.word(i + k);
    Some(match w {
        "year-over-year" | "year-on-year" | "yoy" | "y-o-y" => Basis::YearOverYear,
        "quarter-over-quarter" | "quarter-on-quarter" | "qoq" | "sequentially" => {
            Basis::QuarterOverQuarter
        }
        "month-over-month" | "month-on-month" | "mom" => Basis::MonthOverMonth,
        "year" if matches!(next(1), "on" | "over") && next(2) == "year" => Basis::YearOverYear,
        "quarter" if matches!(next(1), "on" | "over") && next(2) == "quarter" => {
            Basis::QuarterOverQuarter
        }
        _ => return None,
    })
}
