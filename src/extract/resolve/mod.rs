//! Resolvers, one per field: each reads a candidate and its clause and returns the field with
//! the reason it chose it and how sure that reason makes it ([`Choice`]). [`resolve`] runs them
//! in turn and makes the fact; the weakest choice is the fact's confidence, and a fact below
//! [`crate::facts::REVIEW_BELOW`] is proposed for a person to check.

pub(crate) mod basis;
mod metric;
pub(crate) mod period;
pub(crate) mod phrase;
mod subject;

use super::candidate::Candidate;
use super::clause::Clause;
use super::discourse::Discourse;
use super::number::Measure;
use super::period::{Context, Time};
use super::qualifier;
use crate::facts::{Fact, Kind, Number, Period, Qualifier, Unit};
use phrase::Reading;

/// A resolver's answer: the value, the reason, and how sure the reason makes it (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice<T> {
    pub value: T,
    pub reason: &'static str,
    pub confidence: f32,
}

impl<T> Choice<T> {
    pub fn new(value: T, reason: &'static str, confidence: f32) -> Choice<T> {
        Choice {
            value,
            reason,
            confidence,
        }
    }
}

/// One field's choice as `extract --explain` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub field: &'static str,
    pub value: String,
    pub reason: &'static str,
    pub confidence: f32,
}

/// A fact and how each of its fields was chosen.
pub(crate) struct Resolved {
    pub fact: Fact,
    pub choices: Vec<Traced>,
    /// The predicate the figure hangs on, for the figures after it.
    pub predicate: Option<usize>,
    /// The clause, as `--explain` shows it.
    pub clause: String,
    /// Byte offsets of the fact's `text` in the article.
    pub text_span: [usize; 2],
    /// The figure's last token, for a figure after it that leans on it.
    pub figure_last: usize,
}

fn trace<T>(field: &'static str, choice: &Choice<T>, show: impl Fn(&T) -> String) -> Traced {
    Traced {
        field,
        value: show(&choice.value),
        reason: choice.reason,
        confidence: choice.confidence,
    }
}

/// The fact `candidate` states, with every field resolved from its clause and the discourse.
/// `previous` is the fact before it in the same sentence.
pub(crate) fn resolve(
    r: &Reading,
    candidate: &Candidate,
    discourse: &Discourse,
    previous: Option<&Resolved>,
    next_growth: usize,
) -> Resolved {
    let scene = r.scene;
    let amount = &candidate.amount;
    let clause = Clause::of(r.tree, &scene.tokens, amount.first, amount.last);
    let (qualifier, text_first) = if candidate.phrase {
        (Qualifier::Exact, amount.first)
    } else {
        qualifier::qualify(&scene.tokens, amount)
    };
    let text_span = [
        scene.tokens[text_first].start,
        scene.tokens[amount.last].end(),
    ];
    let text = &scene.text[text_span[0]..text_span[1]];
    let subject = subject::subject(r, &clause, candidate);
    let previous_metric = previous.and_then(|p| Some((p.fact.metric.as_deref()?, p.figure_last)));
    let metric = metric::metric(r, &clause, candidate, previous_metric);
    let previous_period = previous
        .filter(|p| p.predicate == clause.predicate)
        .and_then(|p| p.fact.period.as_ref())
        .and_then(|p| Time::parse(p.as_str()));
    let period = period::period(r, &clause, candidate, discourse, previous_period);
    let kind = &candidate.claim.kind;
    let mut fact = Fact::new(kind.clone(), subject.value.clone(), text.to_string());
    fact.quote = scene.quote().to_string();
    fact.span = [scene.start, scene.end];
    fact.metric = metric.value.clone().filter(|_| *kind != Kind::Comparison);
    fact.period = period.value.and_then(|t| Period::parse(&t.iso()));
    set_value(&mut fact, candidate, qualifier);
    let mut choices = vec![
        Traced {
            field: "kind",
            value: kind.to_string(),
            reason: candidate.rule,
            confidence: candidate.confidence(),
        },
        trace("subject", &subject, String::clone),
        trace("metric", &metric, |m| m.clone().unwrap_or_default()),
        trace("period", &period, |p| {
            p.map(|t| t.iso()).unwrap_or_default()
        }),
    ];
    if basis::applies(kind) {
        let context = Context {
            date: discourse.date,
            period: period.value,
            ahead: false,
        };
        let basis = basis::basis(scene, candidate, period.value, &context, next_growth);
        fact.basis = basis.value;
        choices.push(trace("basis", &basis, |b| {
            b.map(|b| b.to_string()).unwrap_or_default()
        }));
    }
    let confidence = choices.iter().map(|c| c.confidence).fold(1.0f32, f32::min);
    fact.confidence = Some(Number((confidence as f64 * 100.0).round() / 100.0));
    Resolved {
        fact,
        choices,
        predicate: clause.predicate,
        clause: describe(r, &clause),
        text_span,
        figure_last: amount.last,
    }
}

/// The clause in words: "clause: verb «rose», subject «Quarterly profits at ...», ...".
fn describe(r: &Reading, clause: &Clause) -> String {
    let phrase = |i: usize| {
        let (a, b) = r.tree.span(i);
        let b = b.min(a + 12);
        r.scene.slice(a, b.max(a + 1))
    };
    let mut parts = Vec::new();
    let roles = [
        (
            "verb",
            clause.predicate.map(|p| r.scene.tokens[p].text.to_string()),
        ),
        ("subject", clause.subject.map(|(s, _)| phrase(s))),
        (
            "measures",
            clause.noun.map(|n| r.scene.tokens[n].text.to_string()),
        ),
        ("object", clause.object.map(phrase)),
        ("reported by", clause.reporter.map(phrase)),
        (
            "after",
            clause
                .preposition
                .map(|p| r.scene.tokens[p].text.to_string()),
        ),
    ];
    for (role, text) in roles {
        if let Some(text) = text {
            parts.push(format!("{role} \u{ab}{text}\u{bb}"));
        }
    }
    if clause.base {
        parts.push("the base of a comparison".to_string());
    }
    if parts.is_empty() {
        return "clause: (no structure found)".to_string();
    }
    format!("clause: {}", parts.join(", "))
}

/// Value, range, unit and qualifier from the amount and the claim.
fn set_value(fact: &mut Fact, candidate: &Candidate, qualifier: Qualifier) {
    let claim = &candidate.claim;
    let amount = &candidate.amount;
    let factor = claim.factor * if claim.negative { -1.0 } else { 1.0 };
    let unit = claim.unit.clone().unwrap_or(match amount.measure {
        Measure::Percent => Unit::Percent,
        Measure::Money(code) => Unit::Currency(code.to_string()),
        Measure::Plain | Measure::Points => Unit::Count,
    });
    if claim.kind == Kind::Comparison {
        fact.object = claim.object.clone();
        if !candidate.phrase {
            fact.value = amount.value.map(|v| Number(v * factor));
            fact.unit = Some(unit);
            fact.qualifier = Some(qualifier);
        }
        return;
    }
    fact.value = amount.value.map(|v| Number(round(v * factor)));
    fact.min = amount.min.map(|v| Number(round(v * factor)));
    fact.max = amount.max.map(|v| Number(round(v * factor)));
    if let (Some(a), Some(b)) = (fact.min, fact.max)
        && a.0 > b.0
    {
        fact.min = Some(b);
        fact.max = Some(a);
    }
    fact.unit = Some(unit);
    fact.qualifier = Some(qualifier);
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
