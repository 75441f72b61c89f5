//! `comparison`: a claim that one thing beats or matches another ("Zephyr 2.5-72B outperforms
//! Llamo 3.1-405B", "was downloaded nearly 300% more often than Querix").

use super::number::{Amount, Measure};
use super::segment as subject;
use super::{Claim, PhraseRule, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[Rule {
    name: "<percent> more/faster ... than <a name>",
    apply: more_than_a_name,
}];

pub(crate) const PHRASE_RULES: &[PhraseRule] = &[PhraseRule {
    name: "<name> outperforms/beats/surpasses <name>",
    apply: beats,
}];

const VERBS: &[&str] = &[
    "outperforms",
    "outperformed",
    "beats",
    "surpasses",
    "outpaces",
    "outpaced",
    "outsells",
    "outsold",
    "outscores",
    "outscored",
];

/// The run of capitalized words and name numbers starting at `i`.
fn name_at(scene: &Scene, i: usize) -> Option<String> {
    let mut end = i;
    while end < scene.tokens.len() {
        let t = &scene.tokens[end];
        let part = t.is_capitalized()
            || (end > i
                && t.kind == super::text::TokenKind::Number
                && scene.tokens[end - 1].is_capitalized());
        if !part || scene.in_mention[end] {
            break;
        }
        end += 1;
    }
    (end > i).then(|| scene.slice(i, end))
}

fn more_than_a_name(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if amount.measure != Measure::Percent || amount.vague {
        return None;
    }
    let mut i = amount.last + 1;
    if !matches!(
        scene.word(i),
        "more"
            | "less"
            | "faster"
            | "better"
            | "higher"
            | "cheaper"
            | "larger"
            | "bigger"
            | "greater"
    ) {
        return None;
    }
    i += 1;
    if matches!(
        scene.word(i),
        "often" | "likely" | "frequently" | "efficient" | "popular"
    ) {
        i += 1;
    }
    if scene.word(i) != "than" {
        return None;
    }
    let object = name_at(scene, i + 1)?;
    let mut claim = Claim::of(Kind::Comparison);
    claim.object = Some(object);
    Some(claim)
}

fn beats(scene: &Scene, i: usize) -> Option<(Claim, Option<f64>, usize, usize)> {
    if !VERBS.contains(&scene.word(i)) {
        return None;
    }
    let object = name_at(scene, i + 1)?;
    let start = subject::phrase_before(&scene.tokens, i, 0, &scene.asides);
    let reading = subject::read_phrase(
        scene.text,
        &scene.tokens,
        start,
        i,
        &scene.asides,
        &scene.vocabulary.metrics,
    );
    let name = reading
        .subject
        .filter(|s| s.chars().next().is_some_and(char::is_uppercase))?;
    let mut claim = Claim::of(Kind::Comparison);
    claim.subject = Some(name);
    claim.object = Some(object);
    Some((claim, None, i, i + 1))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::Kind;

    #[test]
    fn corpus() {
        check(
            "2025-01-27",
            &[
                (
                    "It is reported that the new generation of open-source flagship model Zephyr 2.5-72B outperforms Llamo 3.1-405B, reclaiming the throne.",
                    vec![
                        fact(Kind::Comparison, "outperforms Llamo", 0.0)
                            .subject("Zephyr 2.5-72B")
                            .object("Llamo 3.1-405B"),
                    ],
                ),
                (
                    "During that stretch, Orbitly was downloaded nearly 300% more often than Querix, another popular app.",
                    vec![
                        fact(Kind::Comparison, "nearly 300%", 300.0)
                            .subject("Orbitly")
                            .object("Querix"),
                    ],
                ),
            ],
            &["The app shot up to the No. 1 position, overtaking Querix, the chatbot."],
        );
    }
}
