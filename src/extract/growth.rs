//! `growth`: a relative rise or fall of a metric ("revenue grew by 155% year-over-year",
//! "users increased by over 200%", "down by as much as 17%", "52% larger than at the end of
//! 2022", "grew by double digits"). A fall is a negative value.

use super::number::{Amount, Measure};
use super::period::Role;
use super::words::{FALL, RISE};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

/// Growth measured against a base the sentence names: tried before comparisons, which take
/// "more than <a name>".
pub(crate) const BASE_RULES: &[Rule] = &[Rule {
    name: "<percent> more/larger/higher than <a time>",
    apply: more_than_a_base,
}];

pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "<rise or fall word> (by) <percent>",
        apply: change_word_before,
    },
    Rule {
        name: "<percent> <rise or fall noun>",
        apply: change_noun_after,
    },
    Rule {
        name: "<rise or fall word> <amount>, or <percent>",
        apply: change_then_or_percent,
    },
    Rule {
        name: "doubled/tripled/halved",
        apply: multiple,
    },
];

fn is_percent(amount: &Amount) -> bool {
    amount.measure == Measure::Percent
}

fn growth(negative: bool) -> Claim {
    let mut claim = Claim::of(Kind::Growth);
    claim.negative = negative;
    claim
}

fn more_than_a_base(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !is_percent(amount) || amount.vague {
        return None;
    }
    let mut i = amount.last + 1;
    if scene.word(i) == "," {
        i += 1;
    }
    let comparative = matches!(
        scene.word(i),
        "more"
            | "larger"
            | "higher"
            | "bigger"
            | "greater"
            | "up"
            | "above"
            | "less"
            | "lower"
            | "smaller"
            | "fewer"
            | "below"
    );
    // "17% above Q2", "94% over the year-earlier quarter": the base follows at once.
    let direct = matches!(scene.word(i), "above" | "below" | "over")
        && scene
            .mentions
            .iter()
            .any(|m| m.role == Role::Base && m.first > i && m.first <= i + 3);
    if direct {
        return Some(growth(scene.word(i) == "below"));
    }
    if !comparative || scene.word(i + 1) != "than" {
        return None;
    }
    let after = i + 2;
    let base = scene
        .mentions
        .iter()
        .any(|m| m.role == Role::Base && m.first >= after && m.first <= after + 5);
    let said = matches!(
        scene.word(after),
        "it" | "they" | "a" | "last" | "in" | "the"
    ) && !scene
        .tokens
        .get(after + 1)
        .is_some_and(|t| t.is_capitalized());
    (base || said).then(|| {
        growth(matches!(
            scene.word(i),
            "less" | "lower" | "smaller" | "fewer" | "below"
        ))
    })
}

fn change_word_before(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !is_percent(amount) {
        return None;
    }
    let all: Vec<&str> = RISE.iter().chain(FALL).copied().collect();
    let at = scene.nearest_before(amount, &all)?;
    // "up to 90%" is a qualifier, not a rise.
    if scene.word(at) == "up" && scene.word(at + 1) == "to" {
        return None;
    }
    // "makes up 52% of what it sells": a part of a whole, not a rise.
    let makes = at > 0
        && matches!(
            scene.word(at - 1),
            "make" | "makes" | "made" | "making" | "take" | "takes" | "took"
        );
    if scene.word(at) == "up" && makes {
        return None;
    }
    if amount.first - at > 8 {
        return None;
    }
    Some(growth(FALL.contains(&scene.word(at))))
}

/// "rose £380m, or 12.5%": the change as an amount, then as a percentage of the base.
fn change_then_or_percent(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !is_percent(amount) || amount.first < 2 || scene.word(amount.first - 1) != "or" {
        return None;
    }
    let previous = scene.amounts.iter().rfind(|a| a.last < amount.first)?;
    let between = amount.first - previous.last;
    if between > 3 || previous.measure == Measure::Percent {
        return None;
    }
    let all: Vec<&str> = RISE.iter().chain(FALL).copied().collect();
    let at = scene.nearest_before(previous, &all)?;
    Some(growth(FALL.contains(&scene.word(at))))
}

fn change_noun_after(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !is_percent(amount) {
        return None;
    }
    let mut i = amount.last + 1;
    while matches!(
        scene.word(i),
        "year-over-year" | "year-on-year" | "annual" | "sequential" | "yoy" | "quarterly"
    ) {
        i += 1;
    }
    let w = scene.word(i);
    let nouns = [
        "increase", "growth", "rise", "jump", "gain", "surge", "decline", "drop", "decrease",
        "fall", "up", "down", "higher", "lower",
    ];
    nouns.contains(&w).then(|| {
        growth(matches!(
            w,
            "decline" | "drop" | "decrease" | "fall" | "down" | "lower"
        ))
    })
}

fn multiple(scene: &Scene, amount: &Amount) -> Option<Claim> {
    let _ = scene;
    (amount.vague && amount.value.is_some()).then(|| growth(false))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::{Basis, Kind, Qualifier};

    #[test]
    fn a_part_that_makes_up_a_whole_is_a_share_not_a_rise() {
        check(
            "2025-07-30",
            &[(
                "Its own-label range now makes up 52% of what it sells.",
                vec![fact(Kind::Share, "52%", 52.0).unit("percent")],
            )],
            &[],
        );
    }

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        let growth = |text, value| fact(Kind::Growth, text, value).unit("percent");
        check(
            "2024-09-24",
            &[
                (
                    "In the second quarter of 2024, Nimbus Cloud's public cloud revenue grew by double digits, with AI-related product revenue surging by triple digits.",
                    vec![
                        growth("double digits", 0.0)
                            .range(10.0, 99.0)
                            .subject("Nimbus Cloud")
                            .metric("public cloud revenue")
                            .period("2024-Q2"),
                        growth("triple digits", 0.0)
                            .range(100.0, 999.0)
                            .subject("Nimbus Cloud")
                            .metric("AI-related product revenue")
                            .period("2024-Q2"),
                    ],
                ),
                (
                    "Nimbus Cloud's quarterly adjusted EBITA grew by 155% year-over-year, and the number of paying users utilizing Nimbus Cloud's AI platform (Lumen) increased by over 200% quarter-over-quarter.",
                    vec![
                        growth("155%", 155.0)
                            .subject("Nimbus Cloud")
                            .metric("quarterly adjusted EBITA")
                            .basis(Basis::YearOverYear),
                        growth("over 200%", 200.0)
                            .qualifier(Qualifier::Over)
                            .subject("Nimbus Cloud")
                            .metric("paying users")
                            .basis(Basis::QuarterOverQuarter),
                    ],
                ),
                (
                    "That jump sent Orbitly's share price down by as much as 17% on Monday.",
                    vec![
                        growth("as much as 17%", -17.0)
                            .qualifier(Qualifier::UpTo)
                            .subject("Orbitly")
                            .metric("share price")
                            .period("2024-09-23"),
                    ],
                ),
                (
                    "Orbitly's advertising revenue rose 21% year on year and net income climbed 36% to $18.337 billion.",
                    vec![
                        growth("21%", 21.0)
                            .subject("Orbitly")
                            .metric("advertising revenue")
                            .basis(Basis::YearOverYear),
                        growth("36%", 36.0).subject("Orbitly").metric("net income"),
                        fact(Kind::Money, "$18.337 billion", 18_337_000_000.0)
                            .unit("USD")
                            .subject("Orbitly")
                            .metric("net income"),
                    ],
                ),
                (
                    "Public IaaS and PaaS, which make up most of the market, grew by 24% in the quarter.",
                    vec![
                        growth("24%", 24.0)
                            .subject("Public IaaS and PaaS")
                            .period("2024-Q2"),
                    ],
                ),
                (
                    "GenAI-specific services grew by 140% to 160%.",
                    vec![
                        growth("140% to 160%", 0.0)
                            .range(140.0, 160.0)
                            .subject("GenAI-specific services"),
                    ],
                ),
                (
                    "Sales at Orbitly fell 8% in August.",
                    vec![growth("8%", -8.0).period("2024-08")],
                ),
            ],
            &[
                "The market's growth rate has risen by around seven percentage points.",
                "Revenue rose sharply in the second half.",
                "Nimbus plans to grow its staff.",
            ],
        );
    }

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus_of_growth_against_a_base() {
        let growth = |text, value| fact(Kind::Growth, text, value).unit("percent");
        check(
            "2025-05-01",
            &[
                (
                    "Spending on cloud services reached $94 billion in the first quarter. That is $17.5 billion, or 23%, more than in the first quarter of 2024.",
                    vec![
                        fact(Kind::Money, "$94 billion", 94e9)
                            .unit("USD")
                            .subject("cloud services")
                            .metric("Spending")
                            .period("2025-Q1"),
                        fact(Kind::Money, "$17.5 billion", 17.5e9)
                            .unit("USD")
                            .subject("cloud services")
                            .period("2025-Q1"),
                        growth("23%", 23.0)
                            .subject("cloud services")
                            .period("2025-Q1")
                            .basis(Basis::YearOverYear),
                    ],
                ),
                (
                    "Cloud spending reached $80 billion in the first quarter, and the market itself is now 52% larger than it was at the end of 2022.",
                    vec![
                        fact(Kind::Money, "$80 billion", 80e9)
                            .unit("USD")
                            .metric("Cloud spending")
                            .period("2025-Q1"),
                        growth("52%", 52.0).period("2022-12/2025-03"),
                    ],
                ),
            ],
            &[],
        );
    }
}
