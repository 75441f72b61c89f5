//! `share`: a part of a whole in percent: market shares, margins, parts of a budget ("holds
//! 30% of the market", "75% of that budget", "their shares ... stood at 29%, 22% and 12%
//! respectively", "a gross margin of 41%").

use super::number::{Amount, Measure};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "<percent> of <a whole>",
        apply: percent_of,
    },
    Rule {
        name: "<share/margin> ... <percent>",
        apply: share_word_before,
    },
    Rule {
        name: "<percent> <share/margin/stake>",
        apply: share_word_after,
    },
    Rule {
        name: "hold/account for/make up <percent>",
        apply: holding_verb,
    },
];

const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "stake",
    "margin",
    "margins",
    "penetration",
    "portion",
    "proportion",
];

/// A rate or share stated as a level the measure stood at, rose to or came from: tried before
/// the growth rules, which would read "improved to 48% from 51%" as two changes.
pub(crate) const LEVEL_RULES: &[Rule] = &[Rule {
    name: "<measure> rose/fell/stood to/at/from <percent>",
    apply: level,
}];

fn level(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) || amount.vague || amount.is_range() || amount.first == 0 {
        return None;
    }
    let mut at = amount.first - 1;
    while at > 0
        && matches!(
            scene.word(at),
            "just" | "only" | "almost" | "nearly" | "about"
        )
    {
        at -= 1;
    }
    let before = scene.word(at);
    let up_to = before == "to" && at > 0 && scene.word(at - 1) == "up";
    let start = scene.clause_start(amount);
    // "growth accelerated to 25%": a rate of growth is a growth.
    let changes = ["growth", "increase", "rise", "decline", "fall"];
    if up_to || scene.any(start, amount.first, &changes) {
        return None;
    }
    // "its retention averaged just 23.5%", "a ratio climbing above 30%": a rate named before.
    let rate_before = (0..amount.first).any(|i| super::words::RATES.contains(&scene.word(i)));
    let stated = matches!(
        before,
        "averaged"
            | "was"
            | "were"
            | "is"
            | "are"
            | "stood"
            | "above"
            | "below"
            | "past"
            | "over"
            | "under"
            | "reached"
            | "hit"
    );
    (matches!(before, "to" | "at" | "from") || stated && rate_before)
        .then(|| Claim::of(Kind::Share))
}

fn percent(amount: &Amount) -> bool {
    amount.measure == Measure::Percent && !amount.vague
}

fn percent_of(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) || scene.word(amount.last + 1) != "of" {
        return None;
    }
    let d = amount.last + 2;
    let mut a = d;
    while matches!(
        scene.word(a),
        "all" | "the" | "its" | "their" | "that" | "this" | "those" | "these"
    ) {
        a += 1;
    }
    let (a, b) = scene.phrase_after(a)?;
    let words: Vec<usize> = (a..b)
        .filter(|&i| {
            !matches!(
                scene.word(i),
                "all" | "the" | "its" | "their" | "that" | "this" | "those" | "these"
            )
        })
        .collect();
    let first = *words.first()?;
    let last = *words.last()?;
    if matches!(scene.word(last), "time" | "cases" | "respondents") && words.len() == 1 {
        return None;
    }
    let mut metric = scene.slice(first, last + 1);
    // "68% of that market" in a sentence opened by "In public cloud": the market named there.
    let demonstrative = a > d && matches!(scene.word(d), "that" | "this" | "the");
    if demonstrative && words.len() == 1 && scene.word(0) == "in" {
        let end = (1..scene.tokens.len())
            .find(|&i| {
                matches!(scene.word(i), "the" | "," | "a" | "its" | "their")
                    || super::segment::is_verb(&scene.tokens[i])
            })
            .unwrap_or(1);
        if end > 1 && end <= 5 {
            metric = format!("{} {metric}", scene.slice(1, end));
        }
    }
    Some(Claim::of(Kind::Share).metric(Some(metric)))
}

fn share_word_before(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) {
        return None;
    }
    let at = scene.nearest_before(amount, SHARE_WORDS)?;
    // "share price" is a price.
    if matches!(scene.word(at + 1), "price" | "prices") {
        return None;
    }
    Some(Claim::of(Kind::Share))
}

fn share_word_after(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) {
        return None;
    }
    let mut i = amount.last + 1;
    let mut words = Vec::new();
    while i < amount.last + 4 && scene.tokens.get(i).is_some_and(|t| t.is_word()) {
        words.push(i);
        if SHARE_WORDS.contains(&scene.word(i)) && !matches!(scene.word(i + 1), "price" | "prices")
        {
            let metric = scene.slice(amount.last + 1, i + 1);
            return Some(Claim::of(Kind::Share).metric(Some(metric)));
        }
        i += 1;
    }
    None
}

fn holding_verb(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) {
        return None;
    }
    let before = scene.word(amount.first.saturating_sub(1));
    let before2 = scene.word(amount.first.saturating_sub(2));
    let holds = matches!(
        before,
        "hold"
            | "holds"
            | "held"
            | "controls"
            | "commands"
            | "represents"
            | "represent"
            | "captured"
            | "captures"
    ) || (before == "for" && matches!(before2, "account" | "accounts" | "accounted"))
        || (before == "up" && matches!(before2, "make" | "makes" | "made"));
    holds.then(|| Claim::of(Kind::Share))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::{Kind, Qualifier};

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        let share = |text, value| fact(Kind::Share, text, value).unit("percent");
        check(
            "2025-05-01",
            &[
                (
                    "Nimbus remains ahead of its rivals, although Orbitly and Vantor again grew faster. In Q1 their shares of the worldwide market stood at 29%, 22% and 12% respectively.",
                    vec![
                        share("29%", 29.0)
                            .subject("Nimbus")
                            .metric("shares of the worldwide market")
                            .period("2025-Q1"),
                        share("22%", 22.0).subject("Orbitly").period("2025-Q1"),
                        share("12%", 12.0).subject("Vantor").period("2025-Q1"),
                    ],
                ),
                (
                    "In public cloud the concentration is even greater: the three largest providers hold 68% of that market.",
                    vec![
                        share("68%", 68.0)
                            .subject("three largest providers")
                            .metric("public cloud market"),
                    ],
                ),
                (
                    "Sensor firm Gaugely reports that more than 80% of all Orbitly mobile downloads so far were made in the past seven days.",
                    vec![
                        share("more than 80%", 80.0)
                            .qualifier(Qualifier::Over)
                            .metric("Orbitly mobile downloads")
                            .period("2025-04-24/2025-05-01"),
                    ],
                ),
                (
                    "Orbitly posted a gross margin of 41% in the quarter.",
                    vec![share("41%", 41.0).subject("Orbitly").period("2025-Q1")],
                ),
            ],
            &["Nimbus shares rose sharply."],
        );
    }
}
