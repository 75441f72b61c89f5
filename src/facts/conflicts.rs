//! Conflicts between articles: two articles that give the same subject, metric and period
//! different figures. That is what a fact-checker wants to see first, and no single article
//! can show it.
//!
//! Facts are the same measure when kind, subject, metric, period, unit and basis agree (subject
//! and metric compared without case and runs of spaces); a fact without a subject, metric or
//! period is never compared, as it could be anything. Figures disagree when no number fits both:
//! each stands for the values its words allow ("$3.2 billion" is 3.15 to 3.25 billion, "about"
//! five percent either way, "over 40 million" anything above), and two of them conflict when
//! those sets do not meet. Facts of one article are not compared with each other: an article
//! may give an old figure and a corrected one.

use std::collections::BTreeMap;

use super::validate::written_precision;
use super::{Fact, FactSheet, Qualifier};

/// One measure that articles state differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Every fact of the site that states the measure, as (sheet, fact) positions in the
    /// order of the sheets given; from two articles at least.
    pub facts: Vec<(usize, usize)>,
}

/// The conflicts among `sheets`, in the order of the first fact of each.
pub fn find(sheets: &[&FactSheet]) -> Vec<Conflict> {
    let mut by_measure: BTreeMap<Measure, Vec<(usize, usize)>> = BTreeMap::new();
    for (sheet, facts) in sheets.iter().enumerate() {
        for (index, fact) in facts.facts.iter().enumerate() {
            if let Some(measure) = Measure::of(fact) {
                by_measure.entry(measure).or_default().push((sheet, index));
            }
        }
    }
    let fact = |&(sheet, index): &(usize, usize)| &sheets[sheet].facts[index];
    let mut conflicts: Vec<Conflict> = by_measure
        .into_values()
        .filter(|found| {
            found.iter().enumerate().any(|(i, a)| {
                found[i + 1..]
                    .iter()
                    .any(|b| a.0 != b.0 && !Bounds::of(fact(a)).meets(&Bounds::of(fact(b))))
            })
        })
        .map(|facts| Conflict { facts })
        .collect();
    conflicts.sort_by_key(|c| c.facts[0]);
    conflicts
}

/// What makes two facts figures of the same thing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Measure {
    kind: String,
    subject: String,
    metric: String,
    period: String,
    unit: String,
    basis: String,
}

impl Measure {
    fn of(fact: &Fact) -> Option<Measure> {
        let fold = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let subject = fold(&fact.subject);
        let metric = fold(fact.metric.as_deref()?);
        if subject.is_empty() || metric.is_empty() || (fact.value.is_none() && fact.min.is_none()) {
            return None;
        }
        Some(Measure {
            kind: fact.kind.as_str().to_string(),
            subject,
            metric,
            period: fact.period.as_ref()?.as_str().to_string(),
            unit: fact
                .unit
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            basis: fact
                .basis
                .map(|b| b.as_str().to_string())
                .unwrap_or_default(),
        })
    }
}

/// The values a figure's words allow, from `low` to `high`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    low: f64,
    high: f64,
}

impl Bounds {
    fn of(fact: &Fact) -> Bounds {
        let around = |value: f64| written_precision(&fact.text, value.abs());
        match (fact.qualifier, fact.value, fact.min, fact.max) {
            (Some(Qualifier::Range), _, Some(min), Some(max)) => Bounds {
                low: min.0 - around(min.0),
                high: max.0 + around(max.0),
            },
            (qualifier, Some(value), _, _) => {
                let v = value.0;
                let slack = match qualifier {
                    Some(Qualifier::Approx) => around(v).max(v.abs() * 0.05),
                    _ => around(v),
                };
                match qualifier {
                    Some(Qualifier::Over | Qualifier::AtLeast) => Bounds {
                        low: v - slack,
                        high: f64::INFINITY,
                    },
                    Some(Qualifier::Under | Qualifier::UpTo) => Bounds {
                        low: f64::NEG_INFINITY,
                        high: v + slack,
                    },
                    _ => Bounds {
                        low: v - slack,
                        high: v + slack,
                    },
                }
            }
            // A range without both ends, or nothing at all: it allows any value.
            _ => Bounds {
                low: f64::NEG_INFINITY,
                high: f64::INFINITY,
            },
        }
    }

    fn meets(&self, other: &Bounds) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ArticleMeta, Kind, Number, Period, Unit};
    use super::*;

    fn revenue(text: &str, value: f64, qualifier: Qualifier) -> Fact {
        let mut fact = Fact::new(Kind::Money, "Nimbus Cloud", text);
        fact.metric = Some("revenue".into());
        fact.value = Some(Number(value));
        fact.unit = Some(Unit::parse("USD").unwrap());
        fact.qualifier = Some(qualifier);
        fact.period = Period::parse("2025-Q3");
        fact
    }

    fn sheet(slug: &str, facts: Vec<Fact>) -> FactSheet {
        FactSheet {
            article: ArticleMeta {
                slug: slug.into(),
                ..Default::default()
            },
            facts,
        }
    }

    fn conflicts(a: Fact, b: Fact) -> Vec<Conflict> {
        find(&[&sheet("a", vec![a]), &sheet("b", vec![b])])
    }

    #[test]
    fn figures_that_no_number_fits_both_conflict() {
        let exact = Qualifier::Exact;
        let cases = [
            // (first, second, conflict?)
            (
                revenue("$3.2 billion", 3.2e9, exact),
                revenue("$3.5 billion", 3.5e9, exact),
                true,
            ),
            // Rounded differently: 3.2 billion is 3.15 to 3.25 billion.
            (
                revenue("$3.2 billion", 3.2e9, exact),
                revenue("$3.21 billion", 3.21e9, exact),
                false,
            ),
            (
                revenue("about $3 billion", 3e9, Qualifier::Approx),
                revenue("$3.1 billion", 3.1e9, exact),
                false,
            ),
            (
                revenue("over $3 billion", 3e9, Qualifier::Over),
                revenue("$3.4 billion", 3.4e9, exact),
                false,
            ),
            (
                revenue("over $3 billion", 3e9, Qualifier::Over),
                revenue("$2.4 billion", 2.4e9, exact),
                true,
            ),
            (
                revenue("up to $2 billion", 2e9, Qualifier::UpTo),
                revenue("$2.6 billion", 2.6e9, exact),
                true,
            ),
        ];
        for (a, b, expected) in cases {
            let (ta, tb) = (a.text.clone(), b.text.clone());
            assert_eq!(!conflicts(a, b).is_empty(), expected, "{ta} against {tb}");
        }
    }

    #[test]
    fn only_the_same_measure_of_two_articles_is_compared() {
        let a = revenue("$3.2 billion", 3.2e9, Qualifier::Exact);
        let mut other_period = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        other_period.period = Period::parse("2025-Q2");
        assert!(conflicts(a.clone(), other_period).is_empty());
        let mut other_metric = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        other_metric.metric = Some("operating profit".into());
        assert!(conflicts(a.clone(), other_metric).is_empty());
        let mut undated = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        undated.period = None;
        assert!(conflicts(a.clone(), undated).is_empty());
        // Case and spaces of the subject do not make another measure.
        let mut spelt = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        spelt.subject = "nimbus  cloud".into();
        assert_eq!(conflicts(a.clone(), spelt).len(), 1);
        // One article may give two figures.
        let b = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        assert!(find(&[&sheet("a", vec![a, b])]).is_empty());
    }

    #[test]
    fn a_conflict_lists_every_fact_of_the_measure() {
        let a = revenue("$3.2 billion", 3.2e9, Qualifier::Exact);
        let b = revenue("$3.2 billion", 3.2e9, Qualifier::Exact);
        let c = revenue("$3.5 billion", 3.5e9, Qualifier::Exact);
        let found = find(&[
            &sheet("a", vec![a]),
            &sheet("b", vec![b]),
            &sheet("c", vec![c]),
        ]);
        assert_eq!(
            found,
            [Conflict {
                facts: vec![(0, 0), (1, 0), (2, 0)]
            }]
        );
    }
}
