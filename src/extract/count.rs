//! `count`: how many of something exist, were launched, served or used ("500,000 AI agents",
//! "130 large models", "51 other countries", "64 of them", "the total number of models
//! exceeding 50,000"). Small numbers in words ("three layers", "two flagship products") are
//! turns of phrase, not counts.

use super::number::{Amount, Measure};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "<number> <plural noun>",
        apply: number_then_noun,
    },
    Rule {
        name: "<number> of them/these",
        apply: number_of_them,
    },
    Rule {
        name: "the number of <things> ... <number>",
        apply: number_of_things,
    },
    Rule {
        name: "<plural noun> rose/fell ... to <number>",
        apply: things_changed_to,
    },
    Rule {
        name: "<things counted> ... <large number>",
        apply: counted_before,
    },
];

/// Nouns after a figure that make it something other than a count.
const NOT_COUNTED: &[&str] = &[
    "times", "points", "percent", "days", "weeks", "months", "years", "quarters", "hours",
    "minutes", "seconds", "decades", "tokens", "basis", "cents", "dollars", "yuan", "euros",
    "pounds", "yen",
];

const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "staff",
    "personnel",
    "children",
    "media",
    "data",
    "equipment",
    "aircraft",
    "men",
    "women",
    "series",
    "species",
    "vehicles",
];

fn countable(amount: &Amount) -> bool {
    amount.measure == Measure::Plain && !amount.spelled && !amount.is_range() && !amount.vague
}

fn is_plural(word: &str) -> bool {
    IRREGULAR_PLURALS.contains(&word)
        || word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is")
}

fn number_then_noun(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !countable(amount) || amount.first > 0 && scene.word(amount.first - 1) == "per" {
        return None;
    }
    let (a, b) = scene.phrase_after(amount.last + 1)?;
    if b - a > 5 {
        return None;
    }
    let head = scene.word(b - 1);
    if NOT_COUNTED.contains(&head)
        || !is_plural(head)
        || scene.tokens[b - 1].is_capitalized() && b - a == 1
    {
        return None;
    }
    let a = if matches!(scene.word(a), "other" | "more" | "additional") && b - a > 1 {
        a + 1
    } else {
        a
    };
    Some(Claim::of(Kind::Count).metric(Some(scene.slice(a, b))))
}

fn number_of_them(scene: &Scene, amount: &Amount) -> Option<Claim> {
    (countable(amount)
        && scene.word(amount.last + 1) == "of"
        && matches!(
            scene.word(amount.last + 2),
            "them" | "these" | "those" | "which"
        ))
    .then(|| Claim::of(Kind::Count))
}

fn number_of_things(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !countable(amount) {
        return None;
    }
    let next = scene.tokens.get(amount.last + 1);
    if next.is_some_and(|t| t.is_word() && !super::words::PREPOSITIONS.contains(&t.lower.as_str()))
    {
        return None;
    }
    let start = scene.clause_start(amount);
    // "the number of X ... 50,000", "bringing its total to 247 million".
    let number_of =
        (start..amount.first).any(|i| scene.word(i) == "number" && scene.word(i + 1) == "of");
    let total = amount.first >= 2
        && scene.word(amount.first - 2) == "total"
        && matches!(scene.word(amount.first - 1), "to" | "of" | "at");
    (number_of || total).then(|| Claim::of(Kind::Count))
}

/// "daily users averaged 141 million", "ending June with 301.6 million": a large figure with
/// no noun of its own in a sentence that counts users, subscribers, orders, ... before it.
fn counted_before(scene: &Scene, amount: &Amount) -> Option<Claim> {
    let large = amount.value.is_some_and(|v| v >= 10_000.0);
    if !countable(amount) || !large {
        return None;
    }
    let next = scene.word(amount.last + 1);
    if is_plural(next) || NOT_COUNTED.contains(&next) {
        return None;
    }
    (0..amount.first)
        .any(|i| super::words::COUNTED.contains(&scene.word(i)))
        .then(|| Claim::of(Kind::Count))
}

/// "paid subscribers rose 12% to 48.5 million": the level a count reached, named by the plural
/// noun that rose or fell earlier in the clause.
fn things_changed_to(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !countable(amount) || amount.first == 0 || scene.word(amount.first - 1) != "to" {
        return None;
    }
    let start = scene.clause_start(amount);
    let changed =
        |word: &str| super::words::RISE.contains(&word) || super::words::FALL.contains(&word);
    (start..amount.first.saturating_sub(1))
        .find(|&i| {
            let noun = scene.word(i);
            // Shares that rise "to 18" are a price quoted without its currency.
            let price = matches!(noun, "shares" | "stocks");
            is_plural(noun) && !NOT_COUNTED.contains(&noun) && !price && changed(scene.word(i + 1))
        })
        .map(|i| Claim::of(Kind::Count).metric(Some(scene.slice(i, i + 1))))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::{Kind, Qualifier};

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        let count = |text, value| fact(Kind::Count, text, value).unit("count");
        check(
            "2024-09-24",
            &[
                (
                    "To date, Lumen boasts over 1 million AI ecosystem partners, 500,000 AI agents, and over 10 million daily AI invocations.",
                    vec![
                        count("over 1 million", 1e6)
                            .qualifier(Qualifier::Over)
                            .subject("Lumen")
                            .metric("AI ecosystem partners")
                            .period("2024-09-24"),
                        count("500,000", 5e5)
                            .subject("Lumen")
                            .metric("AI agents")
                            .period("2024-09-24"),
                        count("over 10 million", 1e7)
                            .qualifier(Qualifier::Over)
                            .subject("Lumen")
                            .metric("daily AI invocations")
                            .period("2024-09-24"),
                    ],
                ),
                (
                    "By the end of July 2023, Freedonia had witnessed the launch of 130 large models, with 64 of them unveiled in the first seven months alone.",
                    vec![
                        count("130", 130.0)
                            .subject("Freedonia")
                            .metric("large models")
                            .period("2023-07"),
                        count("64", 64.0)
                            .subject("Freedonia")
                            .metric("large models")
                            .period("2023-01/2023-07"),
                    ],
                ),
                (
                    "Zephyr's models have amassed over 40 million downloads, with the total number of native and derivative Zephyr models exceeding 50,000.",
                    vec![
                        fact(Kind::Downloads, "over 40 million", 4e7)
                            .unit("count")
                            .qualifier(Qualifier::Over)
                            .subject("Zephyr"),
                        count("exceeding 50,000", 5e4)
                            .qualifier(Qualifier::Over)
                            .subject("Zephyr")
                            .metric("native and derivative Zephyr models")
                            .period("2024-09-24"),
                    ],
                ),
                (
                    "On phones, Orbitly currently ranks as the top free download in the U.S. Play Mart and in 51 other countries.",
                    vec![
                        count("51", 51.0)
                            .subject("Orbitly")
                            .metric("countries")
                            .period("2024-09-24"),
                    ],
                ),
                (
                    "Only 1 yuan pays for processing 284 720P images.",
                    vec![
                        fact(Kind::Money, "1 yuan", 1.0).unit("CNY"),
                        count("284", 284.0).metric("720P images"),
                    ],
                ),
                (
                    "Kestrel Media's paid subscribers fell 3% to 48.5 million in the second quarter.",
                    vec![
                        fact(Kind::Growth, "3%", -3.0)
                            .unit("percent")
                            .subject("Kestrel Media")
                            .metric("subscribers")
                            .period("2024-Q2"),
                        count("48.5 million", 48.5e6)
                            .subject("Kestrel Media")
                            .metric("subscribers")
                            .period("2024-Q2"),
                    ],
                ),
            ],
            &[
                "The value unfolds in three layers: the first involves marketing.",
                "Nimbus's exploration of AI unfolds along three paths.",
                "It ranks No. 1 among the Top 10 free apps, a climb from No. 133 on January 24.",
                "01 Discounts too good to be true? A bag of tricks.",
                "Two flagship products would become free, and the second half starts.",
                "At the 2024 Cloud Town Conference on September 19th, the AI 2.0 era began for the 2B business.",
            ],
        );
    }
}
