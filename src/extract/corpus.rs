//! The test harness of the kinds' corpora (Duckling's `makeCorpusTest`): each example is a short
//! article with a fixed date; it must yield exactly the expected facts, and each negative must
//! yield none. Every failing example is reported in one run, with what was found instead.

use super::extract_with;
use super::vocabulary::Vocabulary;
use crate::facts::{Basis, Fact, Kind, Qualifier, Unit};
use crate::source::Article;

/// One expected fact; fields left `None` are not checked.
#[derive(Debug, Clone)]
pub struct Expect {
    pub kind: Kind,
    pub text: &'static str,
    pub value: Option<f64>,
    pub range: Option<(f64, f64)>,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
    pub subject: Option<&'static str>,
    pub metric: Option<&'static str>,
    pub period: Option<&'static str>,
    pub basis: Option<Basis>,
    pub object: Option<&'static str>,
}

/// A fact of `kind` worded `text` with `value`, exact unless said otherwise.
pub fn fact(kind: Kind, text: &'static str, value: f64) -> Expect {
    Expect {
        kind,
        text,
        value: Some(value),
        range: None,
        unit: None,
        qualifier: Some(Qualifier::Exact),
        subject: None,
        metric: None,
        period: None,
        basis: None,
        object: None,
    }
}

impl Expect {
    pub fn range(mut self, min: f64, max: f64) -> Expect {
        self.value = None;
        self.range = Some((min, max));
        self.qualifier = Some(Qualifier::Range);
        self
    }
    pub fn unit(mut self, unit: &str) -> Expect {
        self.unit = Unit::parse(unit);
        self
    }
    pub fn qualifier(mut self, q: Qualifier) -> Expect {
        self.qualifier = Some(q);
        self
    }
    pub fn subject(mut self, s: &'static str) -> Expect {
        self.subject = Some(s);
        self
    }
    pub fn metric(mut self, m: &'static str) -> Expect {
        self.metric = Some(m);
        self
    }
    pub fn period(mut self, p: &'static str) -> Expect {
        self.period = Some(p);
        self
    }
    pub fn basis(mut self, b: Basis) -> Expect {
        self.basis = Some(b);
        self
    }
    pub fn object(mut self, o: &'static str) -> Expect {
        self.object = Some(o);
        self.value = None;
        self.qualifier = None;
        self
    }
}

/// The facts of `body`, as an article dated `date` (YYYY-MM-DD).
pub fn facts_of(date: &str, body: &str, vocabulary: &Vocabulary) -> Vec<Fact> {
    let (y, rest) = date.split_at(4);
    let header = format!("{}/{} {} 0\n", &rest[1..3], &rest[4..6], y);
    let article =
        Article::parse("seeds/example.txt", format!("{header}{body}\n")).expect("a valid article");
    extract_with(&article, vocabulary).facts
}

/// Checks every example and every negative, and panics with all failures at once.
pub fn check(date: &str, examples: &[(&str, Vec<Expect>)], negatives: &[&str]) {
    check_with(date, examples, negatives, &Vocabulary::default());
}

pub fn check_with(
    date: &str,
    examples: &[(&str, Vec<Expect>)],
    negatives: &[&str],
    vocabulary: &Vocabulary,
) {
    let mut failures = Vec::new();
    for (body, expected) in examples {
        let found = facts_of(date, body, vocabulary);
        let mut problems = Vec::new();
        if found.is_empty() && !expected.is_empty() {
            problems.push("nothing found".to_string());
        } else if found.len() != expected.len() {
            problems.push(format!(
                "{} facts found, {} expected",
                found.len(),
                expected.len()
            ));
        }
        for (i, e) in expected.iter().enumerate() {
            let Some(f) = found.get(i) else { break };
            problems.extend(
                differences(e, f)
                    .into_iter()
                    .map(|d| format!("fact {}: {d}", i + 1)),
            );
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{body}\n    {}\n    found: {}",
                problems.join("\n    "),
                describe(&found)
            ));
        }
    }
    for body in negatives {
        let found = facts_of(date, body, vocabulary);
        if !found.is_empty() {
            failures.push(format!(
                "{body}\n    expected nothing, found: {}",
                describe(&found)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn differences(e: &Expect, f: &Fact) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, ok: bool, expected: String, got: String| {
        if !ok {
            out.push(format!("{name} {got}, expected {expected}"));
        }
    };
    check(
        "kind",
        e.kind == f.kind,
        e.kind.to_string(),
        f.kind.to_string(),
    );
    check(
        "text",
        e.text == f.text,
        format!("{:?}", e.text),
        format!("{:?}", f.text),
    );
    if let Some(v) = e.value {
        check(
            "value",
            f.value.map(|n| n.0) == Some(v),
            v.to_string(),
            format!("{:?}", f.value.map(|n| n.0)),
        );
    }
    if let Some((a, b)) = e.range {
        let got = f.min.zip(f.max).map(|(x, y)| (x.0, y.0));
        check(
            "range",
            got == Some((a, b)),
            format!("{a}..{b}"),
            format!("{got:?}"),
        );
    }
    if e.unit.is_some() {
        check(
            "unit",
            e.unit == f.unit,
            format!("{:?}", e.unit),
            format!("{:?}", f.unit),
        );
    }
    if e.qualifier.is_some() {
        check(
            "qualifier",
            e.qualifier == f.qualifier,
            format!("{:?}", e.qualifier),
            format!("{:?}", f.qualifier),
        );
    }
    if let Some(s) = e.subject {
        check("subject", s == f.subject, s.into(), f.subject.clone());
    }
    if let Some(m) = e.metric {
        check(
            "metric",
            Some(m) == f.metric.as_deref(),
            m.into(),
            format!("{:?}", f.metric),
        );
    }
    if let Some(p) = e.period {
        check(
            "period",
            Some(p) == f.period.as_ref().map(|p| p.as_str()),
            p.into(),
            format!("{:?}", f.period),
        );
    }
    if e.basis.is_some() {
        check(
            "basis",
            e.basis == f.basis,
            format!("{:?}", e.basis),
            format!("{:?}", f.basis),
        );
    }
    if let Some(o) = e.object {
        check(
            "object",
            Some(o) == f.object.as_deref(),
            o.into(),
            format!("{:?}", f.object),
        );
    }
    out
}

fn describe(facts: &[Fact]) -> String {
    if facts.is_empty() {
        return "nothing".into();
    }
    facts
        .iter()
        .map(|f| {
            format!(
                "[{} {:?} {:?}..{:?} {:?} {:?} subject={:?} metric={:?} period={:?} basis={:?} object={:?}]",
                f.kind,
                f.text,
                f.value.or(f.min).map(|n| n.0),
                f.max.map(|n| n.0),
                f.unit.as_ref().map(Unit::as_str),
                f.qualifier,
                f.subject,
                f.metric,
                f.period.as_ref().map(|p| p.as_str()),
                f.basis,
                f.object
            )
        })
        .collect::<Vec<_>>()
        .join("\n           ")
}

/// One resolver case: an article body, the `text` of one of its facts, and the field expected
/// for it (`None`: the field must be absent).
pub type FieldCase = (&'static str, &'static str, Option<&'static str>);

/// Checks one field of one fact in each case, reporting every failing case at once.
pub fn check_field(date: &str, field: fn(&Fact) -> Option<String>, cases: &[FieldCase]) {
    let mut failures = Vec::new();
    for (body, text, expected) in cases {
        let found = facts_of(date, body, &Vocabulary::default());
        match found.iter().find(|f| f.text == *text) {
            None => failures.push(format!(
                "{body}\n    no fact worded {text:?}: {}",
                describe(&found)
            )),
            Some(fact) => {
                let got = field(fact);
                if got.as_deref() != *expected {
                    failures.push(format!(
                        "{body}\n    {text:?}: {got:?}, expected {expected:?}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
