//! The help of a problem in a fact file: what each field holds, the word a slip of the
//! keyboard was meant to be, and the plain form of a number or period written in words, so that
//! a message can say what to write instead. Loading ([`super::load`]) and validating
//! ([`super::validate`]) both point here; neither knows the other's help.

use super::{Number, Period, Qualifier};
use crate::lexicon::words::MONTHS;
use crate::lexicon::{bounds, number};

/// What a field holds, for the help of a problem with it.
pub fn field_help(name: &str) -> &'static str {
    match name {
        "id" => "give every fact a unique slug, e.g. `cloud-revenue-growth`",
        "kind" => {
            "one of growth, price_cut, downloads, count, money, share, duration, comparison, or a word of your own"
        }
        "subject" => "name who or what the fact is about, e.g. \"Alpha Cloud\"",
        "metric" => "name what was measured, e.g. `paying users`",
        "value" => "write the number, e.g. `value: 40000000`, or `min` and `max` for a range",
        "min" | "max" => "a range has `min` and `max`, plain numbers, and `qualifier: range`",
        "unit" => "one of percent, count, days, months, years or an ISO 4217 code such as USD",
        "qualifier" => "one of exact, over, at_least, under, up_to, approx, range",
        "basis" => "one of year-over-year, quarter-over-quarter, month-over-month",
        "object" => "name what the subject is compared with",
        "period" => "2024, 2024-Q2, 2024-05, 2024-09-19 or an interval such as 2023-01/2023-07",
        "confidence" => {
            "a number from 0 to 1: how sure extraction was; delete it once you have checked the fact"
        }
        "reviewed" => {
            "`reviewed: true` once a person has checked the fact against its article (what `factsheet review` writes)"
        }
        "text" => "copy the value as the article words it, e.g. \"over 40 million\"",
        "quote" => "copy the sentence that states the fact from the article, exactly",
        "span" => "write `span: [start, end]`; `factsheet check --fix` corrects it from the quote",
        _ => "see FACTS.md",
    }
}

pub(crate) fn article_help(name: &str) -> &'static str {
    match name {
        "slug" => "a URL-safe name unique across the site, e.g. `cloud-revenue-rises`",
        "title" => "the article's title, e.g. \"Cloud revenue rises\"",
        "source" => "the article's path relative to the site root, e.g. seeds/a.txt",
        "url" => {
            "where the article was first published: an http or https address, e.g. https://example.org/news/cloud-revenue-rises"
        }
        "publisher" => "who published the article, e.g. \"Example News\"",
        "author" => "who wrote the article, e.g. \"Jane Doe\"",
        _ => "see FACTS.md",
    }
}

/// `-?digits(.digits)?`: the only number form FACTS.md writes.
pub(crate) fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// The plain number a person most likely meant by `text`: "40 million" -> 40000000,
/// "$3.5bn" -> 3500000000, "1,200" -> 1200, "20%" -> 20, "4e7" -> 40000000. The words of
/// numbers, scales and currencies are the lexicon's ([`number::stated_value`]), so a hint
/// reads a figure as extraction would have written it.
pub fn number_hint(text: &str) -> Option<String> {
    let value = text
        .trim()
        .parse::<f64>()
        .ok()
        .or_else(|| number::stated_value(text))?;
    value.is_finite().then(|| Number(value).to_string())
}

/// The qualifier for the words an article uses: "more than" -> `over`. The phrases are the
/// ones extraction reads before a figure ([`bounds`]); the rest are what a person may type in
/// a field but no article writes before a figure: symbols, a bare "minimum" or "maximum", and
/// the words of a range (extraction reads a range from its two figures).
pub(crate) fn qualifier_for_words(words: &str) -> Option<Qualifier> {
    let lower = words.trim().to_ascii_lowercase().replace('_', " ");
    let phrase = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(bound) = bounds::bound_named(&phrase) {
        return Some(bound.into());
    }
    Some(match phrase.as_str() {
        ">" => Qualifier::Over,
        "minimum" | ">=" => Qualifier::AtLeast,
        "<" => Qualifier::Under,
        "maximum" | "<=" => Qualifier::UpTo,
        "approximate" | "~" => Qualifier::Approx,
        "between" | "from to" => Qualifier::Range,
        _ => return None,
    })
}

/// The ISO form of a period written in words: "May 2024" -> 2024-05, "Q2 2024" -> 2024-Q2.
/// A month is known by its first three letters, from the lexicon's names of months.
pub(crate) fn period_hint(text: &str) -> Option<String> {
    let lower = text
        .trim()
        .to_ascii_lowercase()
        .replace([',', '-', '/'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    let other = words.iter().find(|w| *w != year)?;
    if let Some(q) = other
        .strip_prefix('q')
        .filter(|q| matches!(*q, "1" | "2" | "3" | "4"))
    {
        return Some(format!("{year}-Q{q}"));
    }
    // `get`, not indexing: the word may be any text, and its third byte inside a character.
    let prefix = other.get(..3)?;
    let month = MONTHS.iter().position(|m| m.starts_with(prefix))?;
    let hint = format!("{year}-{:02}", month + 1);
    Period::parse(&hint).map(|_| hint)
}

/// The candidate nearest to `word` in edits (a swap of two letters counts as one), if near
/// enough to be a slip of the keyboard.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(&word, c), *c))
        .filter(|(distance, c)| *distance <= 2 && *distance * 3 <= c.len().max(word.len()))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::load::FACT_FIELDS;

    #[test]
    fn number_hints_turn_words_into_plain_numbers() {
        for (text, hint) in [
            ("40 million", "40000000"),
            ("over 40 million", "40000000"),
            ("$3.5 billion", "3500000000"),
            ("1.2 billion users", "1200000000"),
            ("1,200", "1200"),
            ("20%", "20"),
            ("4e7", "40000000"),
            ("0.5 million", "500000"),
        ] {
            assert_eq!(number_hint(text).as_deref(), Some(hint), "{text}");
        }
        assert_eq!(number_hint("many"), None);
    }

    #[test]
    fn period_hints_read_months_and_quarters() {
        assert_eq!(period_hint("May 2024").as_deref(), Some("2024-05"));
        assert_eq!(period_hint("Q2 2024").as_deref(), Some("2024-Q2"));
        assert_eq!(period_hint("2024 q3").as_deref(), Some("2024-Q3"));
        assert_eq!(period_hint("september 2024").as_deref(), Some("2024-09"));
        assert_eq!(period_hint("soon"), None);
        // A word whose third byte falls inside a character is no month, and no panic.
        assert_eq!(period_hint("éé 2024"), None);
        assert_eq!(period_hint("ma 2024"), None);
    }

    #[test]
    fn qualifier_hints_read_the_phrases_extraction_reads() {
        assert_eq!(qualifier_for_words("more than"), Some(Qualifier::Over));
        assert_eq!(qualifier_for_words("More  Than"), Some(Qualifier::Over));
        assert_eq!(qualifier_for_words("north_of"), Some(Qualifier::Over));
        assert_eq!(qualifier_for_words("as much as"), Some(Qualifier::UpTo));
        assert_eq!(qualifier_for_words("nearly"), Some(Qualifier::Approx));
        assert_eq!(qualifier_for_words(">="), Some(Qualifier::AtLeast));
        assert_eq!(qualifier_for_words("between"), Some(Qualifier::Range));
        assert_eq!(qualifier_for_words("lots"), None);
    }

    #[test]
    fn near_misses_are_found_and_strangers_are_not() {
        assert_eq!(closest("vlaue", &FACT_FIELDS), Some("value"));
        assert_eq!(closest("qualifer", &FACT_FIELDS), Some("qualifier"));
        assert_eq!(closest("colour", &FACT_FIELDS), None);
    }
}
