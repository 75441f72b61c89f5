//! `money`: an amount of money in plain currency units with its ISO code: revenue, spending,
//! funding, guidance, a price ("$3.5 billion", "RMB 1.2 trillion", "3 billion yuan", "0.003
//! yuan per thousand tokens", "under 1 cent", "$66 billion to $72 billion").

use super::number::{Amount, Measure};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[Rule {
    name: "<currency> <number> / <number> <currency>",
    apply: amount_of_money,
}];

fn amount_of_money(scene: &Scene, amount: &Amount) -> Option<Claim> {
    let _ = scene;
    matches!(amount.measure, Measure::Money(_)).then(|| Claim::of(Kind::Money))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{Expect, check, fact};
    use crate::facts::{Kind, Qualifier};

    fn money(text: &'static str, value: f64, unit: &str) -> Expect {
        fact(Kind::Money, text, value).unit(unit)
    }

    /// A range is one fact with both bounds: "between $364 billion and $400 billion",
    /// "$32–33 billion".
    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn ranges() {
        check(
            "2025-08-06",
            &[
                (
                    "Taken together, Quillon, Brightmart, Corvana, Dunmore and Elvanta now expect capital expenditures of between $364 billion and $400 billion across their 2025 fiscal years.",
                    vec![
                        money("between $364 billion and $400 billion", 0.0, "USD")
                            .range(364e9, 400e9)
                            .subject("Quillon, Brightmart, Corvana, Dunmore and Elvanta")
                            .metric("capital expenditures")
                            .period("2025"),
                    ],
                ),
                (
                    "The broker expects Elvanta's capital spending to reach $121 billion in its 2026 fiscal year, and Brightmart's to run at $32\u{2013}33 billion a quarter in the second half of this year.",
                    vec![
                        money("$121 billion", 121e9, "USD")
                            .subject("Elvanta")
                            .metric("capital spending")
                            .period("2026"),
                        money("$32\u{2013}33 billion", 0.0, "USD")
                            .range(32e9, 33e9)
                            .subject("Brightmart")
                            .period("2025-07/2025-12"),
                    ],
                ),
            ],
            &[],
        );
    }

    /// Spending and guidance keep their subject and measure across a sentence's clauses.
    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn spending_and_guidance() {
        check(
            "2025-08-06",
            &[
                (
                    "- **Brightmart** put $31.4 billion into capital spending in the second quarter, and is on course for more than $118 billion in 2025; 75% of that budget is earmarked for AI.",
                    vec![
                        money("$31.4 billion", 31.4e9, "USD")
                            .subject("Brightmart")
                            .metric("capital spending")
                            .period("2025-Q2"),
                        money("more than $118 billion", 118e9, "USD")
                            .qualifier(Qualifier::Over)
                            .subject("Brightmart")
                            .metric("capital spending")
                            .period("2025"),
                        fact(Kind::Share, "75%", 75.0)
                            .unit("percent")
                            .subject("Brightmart")
                            .metric("budget")
                            .period("2025"),
                    ],
                ),
                (
                    "Quillon spent $22.45 billion on capital expenditures in the quarter and lifted its full-year guidance by $10 billion, to $85 billion.",
                    vec![
                        money("$22.45 billion", 22.45e9, "USD")
                            .subject("Quillon")
                            .metric("capital expenditures")
                            .period("2025-Q2"),
                        money("$10 billion", 10e9, "USD")
                            .subject("Quillon")
                            .metric("guidance")
                            .period("2025"),
                        money("$85 billion", 85e9, "USD")
                            .subject("Quillon")
                            .metric("guidance")
                            .period("2025"),
                    ],
                ),
            ],
            &[],
        );
    }

    /// Amounts in euros, yuan, cents and New Taiwan dollars have their own ISO codes.
    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn currencies() {
        check(
            "2025-08-06",
            &[
                (
                    "Even the bottom of the range is larger than what the Northern League spent on defense in 2024, \u{20ac}326 billion ($352.7 billion).",
                    vec![
                        money("\u{20ac}326 billion", 326e9, "EUR")
                            .subject("Northern League")
                            .metric("defense")
                            .period("2024"),
                        money("$352.7 billion", 352.7e9, "USD")
                            .subject("Northern League")
                            .period("2024"),
                    ],
                ),
                (
                    "Go back to May last year, when the input price of Orbitly's general model was set at 0.0008 yuan per thousand tokens, under 1 cent.",
                    vec![
                        money("0.0008 yuan", 0.0008, "CNY")
                            .subject("Orbitly")
                            .metric("input price")
                            .period("2024-05"),
                        money("under 1 cent", 0.01, "CNY")
                            .qualifier(Qualifier::Under)
                            .subject("Orbitly")
                            .period("2024-05"),
                    ],
                ),
                (
                    "Nimbus raised RMB 1.2 trillion and 3 billion yuan and NT$5 billion.",
                    vec![
                        money("RMB 1.2 trillion", 1.2e12, "CNY").subject("Nimbus"),
                        money("3 billion yuan", 3e9, "CNY").subject("Nimbus"),
                        money("NT$5 billion", 5e9, "TWD").subject("Nimbus"),
                    ],
                ),
            ],
            &[],
        );
    }

    #[test]
    fn pence_in_a_sentence_that_opens_on_shares() {
        check(
            "2025-07-30",
            &[(
                "Shares in Pellow closed at 312p on Tuesday.",
                vec![
                    money("312p", 3.12, "GBP")
                        .subject("Pellow")
                        .metric("Shares"),
                ],
            )],
            &[],
        );
    }

    /// Telephone numbers and model names are not money.
    #[test]
    fn not_money() {
        check(
            "2025-08-06",
            &[],
            &[
                "Media contact: +1 775-555-0164.",
                "Orbix 2.0 shipped with Zeta-4o on Nova 16 in 720P.",
            ],
        );
    }
}
