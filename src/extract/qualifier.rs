//! How the article bounds an amount: "over 40 million" is `over`, "at least" `at_least`,
//! "under 1 cent" `under`, "up to 90%" and "the highest reduction reaching 85%" `up_to`,
//! "nearly 300%" `approx`, "6-12" `range`; anything else is `exact`. The phrases themselves
//! are the lexicon's ([`crate::lexicon::bounds`]), which a hint for a hand-edited fact reads too.

use super::number::Amount;
use super::text::Token;
use crate::facts::Qualifier;
use crate::lexicon::bounds;
pub use crate::lexicon::bounds::is_qualifier_word;

/// The qualifier phrase that ends right before token `first` ("more than", "up to"), and
/// its first token.
pub fn phrase_before(tokens: &[Token], first: usize) -> Option<(Qualifier, usize)> {
    bounds::phrase_before(tokens, first).map(|(bound, start)| (bound.into(), start))
}

/// The qualifier of `amount` and the first token of its wording (the qualifier's own words
/// included, so that `text` reads "over 40 million").
pub fn qualify(tokens: &[Token], amount: &Amount) -> (Qualifier, usize) {
    if amount.is_range() {
        let first = if amount.first > 0 && tokens[amount.first - 1].is("between") {
            amount.first - 1
        } else {
            amount.first
        };
        return (Qualifier::Range, first);
    }
    if let Some((qualifier, start)) = phrase_before(tokens, amount.first) {
        return (qualifier, start);
    }
    // After the amount: "500 or more", "20% and above", "10 or so".
    let after = |k: usize| tokens.get(amount.last + k).map_or("", |t| t.lower.as_str());
    match (after(1), after(2)) {
        ("or", "more") | ("and", "above") | ("or", "higher") => {
            return (Qualifier::AtLeast, amount.first);
        }
        ("or", "so") => return (Qualifier::Approx, amount.first),
        _ => {}
    }
    // "the highest reduction reaching 85%": a maximum among several.
    let reached = amount.first > 0
        && matches!(
            tokens[amount.first - 1].lower.as_str(),
            "reaching" | "reached" | "hitting" | "of" | "at" | "was" | "is"
        );
    let highest = tokens[amount.first.saturating_sub(6)..amount.first]
        .iter()
        .any(|t| {
            matches!(
                t.lower.as_str(),
                "highest" | "maximum" | "biggest" | "largest" | "steepest" | "deepest"
            )
        });
    if reached && highest {
        return (Qualifier::UpTo, amount.first);
    }
    (Qualifier::Exact, amount.first)
}

#[cfg(test)]
mod tests {
    use super::super::number::scan;
    use super::super::text::tokens;
    use super::*;

    fn qualified(s: &str) -> (Qualifier, String) {
        let toks = tokens(s, 0, s.len());
        let taken = vec![None; toks.len()];
        let (amounts, _) = scan(
            &toks,
            &taken,
            super::super::number::Money {
                currency: "USD",
                pence: false,
            },
        );
        let amount = amounts.last().expect("an amount");
        let (q, first) = qualify(&toks, amount);
        (q, s[toks[first].start..toks[amount.last].end()].to_string())
    }

    #[test]
    fn reads_the_qualifier_and_includes_it_in_the_wording() {
        let cases: &[(&str, Qualifier, &str)] = &[
            (
                "boasts over 1 million partners",
                Qualifier::Over,
                "over 1 million",
            ),
            ("more than 80% of all", Qualifier::Over, "more than 80%"),
            ("exceeding 50,000", Qualifier::Over, "exceeding 50,000"),
            (
                "surpassed 100 million",
                Qualifier::Over,
                "surpassed 100 million",
            ),
            (
                "users crossed 100 million",
                Qualifier::Over,
                "crossed 100 million",
            ),
            ("at least 5 firms", Qualifier::AtLeast, "at least 5"),
            ("under 1 cent", Qualifier::Under, "under 1 cent"),
            ("fewer than 30 staff", Qualifier::Under, "fewer than 30"),
            ("reaching up to 90%", Qualifier::UpTo, "up to 90%"),
            ("by as much as 17%", Qualifier::UpTo, "as much as 17%"),
            (
                "with the highest reduction reaching 85%",
                Qualifier::UpTo,
                "85%",
            ),
            ("about $30 billion", Qualifier::Approx, "about $30 billion"),
            ("nearly 300%", Qualifier::Approx, "nearly 300%"),
            ("closer to 25%", Qualifier::Approx, "closer to 25%"),
            ("roughly 12", Qualifier::Approx, "roughly 12"),
            ("between 6 and 12", Qualifier::Range, "between 6 and 12"),
            ("a cycle of 6-12 months", Qualifier::Range, "6-12"),
            ("grew by 155%", Qualifier::Exact, "155%"),
            ("500 or more", Qualifier::AtLeast, "500"),
        ];
        let mut failures = Vec::new();
        for (s, q, text) in cases {
            let got = qualified(s);
            if got != (*q, text.to_string()) {
                failures.push(format!("{s}: {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
