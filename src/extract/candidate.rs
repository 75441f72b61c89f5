//! Candidates: the amounts of a sentence that a kind's rule recognises, and the phrases without
//! a figure that state a fact ("outperforms", "for a full year"). This is the kind resolver:
//! each amount goes to the kinds' named rules in a fixed order, the most specific wording
//! first, and the first rule that matches says what kind of fact it is.

use super::number::{Amount, Measure};
use super::scene::Scene;
use super::{
    comparison, count, downloads, duration, growth, money, price_cut, share, vocabulary, words,
};
use crate::facts::{Kind, Unit};

/// What a rule recognised: the kind, and whatever the rule knows better than the resolvers.
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

/// One fact to be: a claim on an amount (or a phrase) of the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub rule: &'static str,
    pub claim: Claim,
    /// The figure; for a phrase claim, its tokens and the value it stands for.
    pub amount: Amount,
    /// Read from a phrase rule, without a figure of its own.
    pub phrase: bool,
}

/// A number of the sentence that yielded no candidate, and why.
pub(crate) struct LeftOut {
    pub first: usize,
    pub last: usize,
    pub reason: &'static str,
}

/// The rules over amounts, in the order they are tried: the most specific wording first.
fn amount_rules() -> impl Iterator<Item = &'static Rule> {
    growth::BASE_RULES
        .iter()
        .chain(comparison::RULES)
        .chain(price_cut::RULES)
        .chain(share::LEVEL_RULES)
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

/// The candidates of a sentence in order of appearance, and the amounts no rule took.
pub(crate) fn candidates(scene: &Scene, names_before: &[String]) -> (Vec<Candidate>, Vec<LeftOut>) {
    let mut found: Vec<Candidate> = Vec::new();
    let mut left = Vec::new();
    let mut last: Option<(&'static str, Claim)> = None;
    for amount in &scene.amounts {
        let claim = vocabulary::custom_kind(scene, amount)
            .map(|c| ("custom kind trigger", c))
            .or_else(|| {
                amount_rules().find_map(|rule| (rule.apply)(scene, amount).map(|c| (rule.name, c)))
            })
            .or_else(|| list_continuation(scene, amount, last.as_ref()));
        last = claim.clone();
        match claim {
            Some((rule, claim)) => found.push(Candidate {
                rule,
                claim,
                amount: amount.clone(),
                phrase: false,
            }),
            None => left.push(LeftOut {
                first: amount.first,
                last: amount.last,
                reason: why_left_out(amount),
            }),
        }
    }
    for i in 0..scene.tokens.len() {
        if let Some((rule, (claim, value, first, last))) =
            phrase_rules().find_map(|rule| (rule.apply)(scene, i).map(|c| (rule.name, c)))
            && !found
                .iter()
                .any(|c| c.amount.first <= last && first <= c.amount.last)
        {
            found.push(Candidate {
                rule,
                claim,
                amount: Amount {
                    first,
                    last,
                    value,
                    min: None,
                    max: None,
                    measure: Measure::Plain,
                    spelled: false,
                    vague: false,
                },
                phrase: true,
            });
        }
    }
    found.sort_by_key(|c| c.amount.first);
    respectively(scene, names_before, &mut found);
    (found, left)
}

/// A figure right after a fact of the same sentence and of the same measure, in a list ("29%,
/// 22% and 12%"): the same rule holds for it.
fn list_continuation(
    scene: &Scene,
    amount: &Amount,
    last: Option<&(&'static str, Claim)>,
) -> Option<(&'static str, Claim)> {
    let (rule, claim) = last?;
    let previous = scene.amounts.iter().rfind(|a| a.last < amount.first)?;
    let same_measure =
        std::mem::discriminant(&previous.measure) == std::mem::discriminant(&amount.measure);
    // The noun of the figure before and a base ("9.5 million homes, up from 7.1 million",
    // "14% from the prior quarter and 41%") may stand between.
    let from = scene
        .phrase_after(previous.last + 1)
        .map_or(previous.last + 1, |(_, end)| end);
    let between: Vec<&super::text::Token> = (from..amount.first)
        .filter(|&i| !scene.in_mention[i])
        .map(|i| &scene.tokens[i])
        .collect();
    let joined = between.len() <= 5
        && between.iter().all(|t| {
            t.is_symbol(',')
                || LIST_WORDS.contains(&t.lower.as_str())
                || super::qualifier::is_qualifier_word(&t.lower)
        });
    let _ = rule;
    (joined && same_measure).then(|| {
        (
            CONTINUATION,
            Claim {
                metric: None,
                subject: None,
                ..claim.clone()
            },
        )
    })
}

/// Words that may join the figures of a list or a figure and its base.
const LIST_WORDS: &[&str] = &[
    "and", "or", "by", "to", "up", "down", "the", "compared", "with", "against", "versus", "from",
    "than", "higher", "lower", "more", "less", "above", "below", "in",
];

/// "29%, 22% and 12% respectively": one subject each, from the names before the figures, else
/// from the sentence before.
fn respectively(scene: &Scene, names_before: &[String], found: &mut [Candidate]) {
    if !scene.tokens.iter().any(|t| t.is("respectively")) {
        return;
    }
    let own = names_in(scene, 0, scene.main);
    let names = if own.len() >= 2 {
        &own[..]
    } else {
        names_before
    };
    if names.len() < 2 {
        return;
    }
    for (candidate, name) in found.iter_mut().filter(|c| !c.phrase).zip(names) {
        candidate.claim.subject = Some(name.clone());
    }
}

/// The names (runs of capitalized words) of `tokens[from..to]`, leaving out sentence openers.
pub(crate) fn names_in(scene: &Scene, from: usize, to: usize) -> Vec<String> {
    let mut names = Vec::new();
    let to = to.min(scene.tokens.len());
    let mut i = from;
    while i < to {
        let t = &scene.tokens[i];
        let opener = i == 0 || scene.tokens[i - 1].kind == super::text::TokenKind::Symbol && i <= 2;
        let common = words::OPENERS.contains(&t.lower.as_str());
        if t.is_capitalized() && !scene.in_mention[i] && !(opener && common) {
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

fn why_left_out(amount: &Amount) -> &'static str {
    match amount.measure {
        Measure::Points => "percentage points: a change of a rate",
        _ if amount.spelled => "a number word in a turn of phrase",
        _ => "no kind matched",
    }
}

impl Candidate {
    /// How sure the kind's rule is: a figure taken only because it continues a list, or a
    /// magnitude without a figure, less than a rule's own wording.
    pub fn confidence(&self) -> f32 {
        if self.rule == CONTINUATION {
            0.7
        } else if self.amount.vague {
            0.75
        } else {
            0.85
        }
    }
}

/// The rule name of a figure that continues a list.
const CONTINUATION: &str = "a figure continuing the list before it";
