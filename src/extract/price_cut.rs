//! `price_cut`: a relative fall of a price, as a positive value ("a 97% price cut", "prices
//! were lowered by over 80%", "price reductions ..., with the highest reduction reaching 85%",
//! "another round of reductions ... reaching up to 90%" in a paragraph about prices). A share
//! price that falls is a `growth`, not a price cut.

use super::number::{Amount, Measure};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "<percent> price cut/reduction/discount",
        apply: percent_then_cut,
    },
    Rule {
        name: "<price> ... cut/lowered/reduction ... <percent>",
        apply: price_and_cut_in_clause,
    },
    Rule {
        name: "<cut/reduction> ... <percent> in a paragraph about prices",
        apply: cut_among_prices,
    },
];

const PRICE: &[&str] = &[
    "price", "prices", "pricing", "cost", "costs", "fee", "fees", "tariff", "tariffs",
];

const CUT: &[&str] = &[
    "cut",
    "cuts",
    "reduction",
    "reductions",
    "lowered",
    "lower",
    "reduced",
    "reduce",
    "reduces",
    "slashed",
    "slash",
    "slashes",
    "discount",
    "discounts",
    "decrease",
    "decreased",
    "cheaper",
    "markdown",
    "dropped",
    "fell",
    "down",
    "price-cut",
    "price-cuts",
];

/// Metrics that make a fall a growth of something else.
const NOT_PRICES: &[&str] = &[
    "revenue", "revenues", "sales", "profit", "income", "users", "shares", "stock", "share",
    "margin", "spending",
];

fn percent(amount: &Amount) -> bool {
    amount.measure == Measure::Percent && !amount.vague
}

fn percent_then_cut(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) {
        return None;
    }
    let mut i = amount.last + 1;
    while PRICE.contains(&scene.word(i)) {
        i += 1;
    }
    (CUT.contains(&scene.word(i)) && scene.word(i) != "down").then(|| Claim::of(Kind::PriceCut))
}

/// A price word that is not a share price, anywhere in `tokens[from..to]`.
fn has_price(scene: &Scene, from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        PRICE.contains(&scene.word(i)) && !(i > 0 && matches!(scene.word(i - 1), "share" | "stock"))
    })
}

fn price_and_cut_in_clause(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) {
        return None;
    }
    let start = scene.clause_start(amount);
    let cut = scene.nearest_before(amount, CUT)?;
    if scene.any(start, amount.first, NOT_PRICES) {
        return None;
    }
    (has_price(scene, start, amount.first)
        || has_price(scene, 0, cut) && !scene.any(0, start, NOT_PRICES))
    .then(|| Claim::of(Kind::PriceCut))
}

fn cut_among_prices(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !percent(amount) || !scene.price_context {
        return None;
    }
    let start = scene.clause_start(amount);
    scene.nearest_before(
        amount,
        &[
            "reduction",
            "reductions",
            "cut",
            "cuts",
            "discount",
            "discounts",
        ],
    )?;
    (!scene.any(start, amount.first, NOT_PRICES)).then(|| Claim::of(Kind::PriceCut))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::{Kind, Qualifier};

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        let cut = |text, value| fact(Kind::PriceCut, text, value).unit("percent");
        check(
            "2024-09-24",
            &[
                (
                    "In May, Nimbus spearheaded a price reduction in the industry, with the Zephyr Zeta-4-level flagship model Zephyr-Long API experiencing a 97% price cut.",
                    vec![
                        cut("97%", 97.0)
                            .subject("Zephyr-Long API")
                            .period("2024-05"),
                    ],
                ),
                (
                    "At the Cloud Summit, Nimbus Cloud announced further price reductions for three of its flagship models, with the highest reduction reaching 85%.",
                    vec![
                        cut("85%", 85.0)
                            .qualifier(Qualifier::UpTo)
                            .subject("Nimbus Cloud")
                            .period("2024-09"),
                    ],
                ),
                (
                    "On the eve of the new year, Nimbus Cloud unveiled its third round of price cuts in 2024: the prices of Zephyr's vision models were lowered across the board, by over 80%.",
                    vec![
                        cut("over 80%", 80.0)
                            .qualifier(Qualifier::Over)
                            .subject("Zephyr")
                            .metric("prices")
                            .period("2024-12"),
                    ],
                ),
                (
                    "Orbitly set its input price at a new low. That move pushed Nimbus Cloud into another round of reductions on its core models, reaching up to 90%.",
                    vec![
                        cut("up to 90%", 90.0)
                            .qualifier(Qualifier::UpTo)
                            .subject("Nimbus Cloud"),
                    ],
                ),
            ],
            &["Nimbus announced further price reductions for three of its models."],
        );
    }
}
