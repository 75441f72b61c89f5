//! The phrases that bound a figure ("more than", "at least", "up to", "nearly"), in one table
//! that extraction reads before an amount and a hint reads in a hand-edited `qualifier`.
//! [`Bound`] is the lexicon's own name for each bound; the fact record's `Qualifier` is made
//! from it, so this module needs nothing of the record.

use super::text::Token;

/// How a phrase before a figure bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Over,
    AtLeast,
    Under,
    UpTo,
    Approx,
}

/// Phrases before an amount, longest first within each qualifier.
pub const BEFORE: &[(&[&str], Bound)] = &[
    (&["more", "than"], Bound::Over),
    (&["greater", "than"], Bound::Over),
    (&["in", "excess", "of"], Bound::Over),
    (&["upwards", "of"], Bound::Over),
    (&["north", "of"], Bound::Over),
    (&["just", "over"], Bound::Over),
    (&["well", "over"], Bound::Over),
    (&["over"], Bound::Over),
    (&["exceeding"], Bound::Over),
    (&["exceeded"], Bound::Over),
    (&["exceeds"], Bound::Over),
    (&["exceed"], Bound::Over),
    (&["surpassed"], Bound::Over),
    (&["surpassing"], Bound::Over),
    (&["passed"], Bound::Over),
    (&["crossed"], Bound::Over),
    (&["crossing"], Bound::Over),
    (&["topped"], Bound::Over),
    (&["past"], Bound::Over),
    (&["above"], Bound::Over),
    (&["topping"], Bound::Over),
    (&["at", "least"], Bound::AtLeast),
    (&["no", "less", "than"], Bound::AtLeast),
    (&["not", "less", "than"], Bound::AtLeast),
    (&["a", "minimum", "of"], Bound::AtLeast),
    (&["fewer", "than"], Bound::Under),
    (&["less", "than"], Bound::Under),
    (&["just", "under"], Bound::Under),
    (&["under"], Bound::Under),
    (&["below"], Bound::Under),
    (&["short", "of"], Bound::Under),
    (&["up", "to"], Bound::UpTo),
    (&["as", "much", "as"], Bound::UpTo),
    (&["as", "many", "as"], Bound::UpTo),
    (&["as", "high", "as"], Bound::UpTo),
    (&["at", "most"], Bound::UpTo),
    (&["no", "more", "than"], Bound::UpTo),
    (&["a", "maximum", "of"], Bound::UpTo),
    (&["close", "to"], Bound::Approx),
    (&["closer", "to"], Bound::Approx),
    (&["an", "estimated"], Bound::Approx),
    (&["about"], Bound::Approx),
    (&["around"], Bound::Approx),
    (&["nearly"], Bound::Approx),
    (&["almost"], Bound::Approx),
    (&["roughly"], Bound::Approx),
    (&["approximately"], Bound::Approx),
    (&["approx"], Bound::Approx),
    (&["some"], Bound::Approx),
    (&["circa"], Bound::Approx),
    (&["estimated"], Bound::Approx),
];

/// A word that may stand between the figures of a list: "over", "about", "at least", ...
pub fn is_qualifier_word(lower: &str) -> bool {
    BEFORE.iter().any(|(words, _)| words.contains(&lower))
}

/// The bound phrase that ends right before token `first` ("more than", "up to"), and its
/// first token.
pub fn phrase_before(tokens: &[Token], first: usize) -> Option<(Bound, usize)> {
    BEFORE.iter().find_map(|(phrase, bound)| {
        let start = first.checked_sub(phrase.len())?;
        tokens[start..first]
            .iter()
            .zip(phrase.iter())
            .all(|(t, w)| t.lower == *w)
            .then_some((*bound, start))
    })
}

/// The bound that a whole phrase names, in lower case with single spaces: "more than" is
/// `Over`, "40 million" nothing.
pub fn bound_named(phrase: &str) -> Option<Bound> {
    BEFORE
        .iter()
        .find(|(words, _)| words.iter().copied().eq(phrase.split(' ')))
        .map(|(_, bound)| *bound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::text::tokens;

    #[test]
    fn a_phrase_is_found_before_a_figure_and_by_itself() {
        let text = "rose by more than 40%";
        let toks = tokens(text, 0, text.len());
        let figure = toks.iter().position(|t| t.text.starts_with("40")).unwrap();
        assert_eq!(phrase_before(&toks, figure), Some((Bound::Over, 2)));
        assert_eq!(phrase_before(&toks, 1), None);
        assert_eq!(bound_named("more than"), Some(Bound::Over));
        assert_eq!(bound_named("a minimum of"), Some(Bound::AtLeast));
        assert_eq!(bound_named("more"), None);
        assert_eq!(bound_named("than more"), None);
    }
}
