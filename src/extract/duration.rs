//! `duration`: a span of time ("a performance release cycle of 6-12 months", "After 22 months
//! of rapid advances", "has dragged on for a full year"). Windows that date another fact ("in
//! the past seven days", "the first seven months") are periods, read by `period`, not durations.

use super::number::{Amount, Measure};
use super::{Claim, PhraseRule, Rule, Scene};
use crate::facts::{Kind, Unit};

pub(crate) const RULES: &[Rule] = &[Rule {
    name: "for/after/of <number> days/months/years",
    apply: number_then_unit,
}];

pub(crate) const PHRASE_RULES: &[PhraseRule] = &[PhraseRule {
    name: "for a full/whole year",
    apply: for_a_whole_unit,
}];

/// The unit and factor of a time noun: "weeks" are 7 days, "quarters" 3 months.
fn time_unit(word: &str) -> Option<(Unit, f64)> {
    Some(match word {
        "day" | "days" => (Unit::Days, 1.0),
        "week" | "weeks" => (Unit::Days, 7.0),
        "month" | "months" => (Unit::Months, 1.0),
        "quarter" | "quarters" => (Unit::Months, 3.0),
        "year" | "years" => (Unit::Years, 1.0),
        "decade" | "decades" => (Unit::Years, 10.0),
        _ => return None,
    })
}

const LEADS: &[&str] = &[
    "for", "after", "of", "within", "lasting", "took", "takes", "spanning", "lasted", "spent",
    "span",
];

fn number_then_unit(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if amount.measure != Measure::Plain || amount.vague {
        return None;
    }
    let (unit, factor) = time_unit(scene.word(amount.last + 1))?;
    let lead = scene.word(amount.first.checked_sub(1)?);
    if !LEADS.contains(&lead)
        || matches!(
            scene.word(amount.last + 2),
            "ago" | "earlier" | "later" | "before" | "old"
        )
    {
        return None;
    }
    let mut claim = Claim::of(Kind::Duration);
    claim.unit = Some(unit);
    claim.factor = factor;
    // "a release cycle of 6-12 months": the noun before "of" is what lasts.
    if lead == "of" {
        let of = amount.first - 1;
        let start = (0..of)
            .rev()
            .find(|&i| {
                !scene.tokens[i].is_word()
                    || matches!(scene.word(i), "a" | "an" | "the" | "its" | "their" | "with")
                    || super::words::PREPOSITIONS.contains(&scene.word(i))
            })
            .map_or(0, |i| i + 1);
        if start < of {
            claim.metric = Some(scene.slice(start, of));
        }
    }
    Some(claim)
}

fn for_a_whole_unit(scene: &Scene, i: usize) -> Option<(Claim, Option<f64>, usize, usize)> {
    if scene.word(i) != "for" || !matches!(scene.word(i + 1), "a" | "an" | "one") {
        return None;
    }
    let mut j = i + 2;
    if matches!(scene.word(j), "full" | "whole" | "entire") {
        j += 1;
    }
    let (unit, factor) = time_unit(scene.word(j))?;
    if scene.word(j).ends_with('s') {
        return None;
    }
    let mut claim = Claim::of(Kind::Duration);
    claim.unit = Some(unit);
    Some((claim, Some(factor), i + 1, j))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::Kind;

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        check(
            "2025-01-03",
            &[
                (
                    "Notably, Nimbus's advertising product, \"Omni Boost,\" was fully launched in August, with a performance release cycle of 6-12 months.",
                    vec![
                        fact(Kind::Duration, "6-12", 0.0)
                            .range(6.0, 12.0)
                            .unit("months")
                            .subject("Omni Boost")
                            .metric("performance release cycle"),
                    ],
                ),
                (
                    "After 22 months of rapid technological advancements, large models have entered a stage of consolidation.",
                    vec![
                        fact(Kind::Duration, "22", 22.0)
                            .unit("months")
                            .subject("large models"),
                    ],
                ),
                (
                    "The price war among big models has now dragged on for a full year...",
                    vec![
                        fact(Kind::Duration, "a full year", 1.0)
                            .unit("years")
                            .subject("price war"),
                    ],
                ),
                (
                    "The rollout took 3 weeks.",
                    vec![fact(Kind::Duration, "3", 21.0).unit("days")],
                ),
            ],
            &[
                "Most downloads were made in the past seven days.",
                "In a year's time, Nimbus has found its course.",
                "It was the one-year anniversary of the filing.",
                "Nimbus was barely on the map two years ago.",
                "Growth has accelerated over the last six quarters.",
            ],
        );
    }
}
