//! The fact record of FACTS.md: what extraction writes, people edit and the site renders.
//!
//! The names here are the YAML names (`kind`, `qualifier`, `span`, ...), so a reader of a fact
//! file, a template or this module meets one word per concept.

pub mod anchor;
pub mod conflicts;
mod hints;
pub mod load;
pub mod merge;
#[cfg(test)]
mod merge_props;
pub mod raw;
pub mod record;
pub mod review;
pub mod schema;
pub mod validate;
pub mod write;

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lexicon::bounds::Bound;

// Where an article was published is the article's: `source` reads it. The record names it too.
pub use crate::source::Provenance;

/// Facts whose confidence is below this wait for a person to check them: extraction marks
/// its weakest guesses by it, and `review` lists them first. The record's, as both the writer
/// and the readers of a confidence go by it.
pub const REVIEW_BELOW: f32 = 0.6;

/// One YAML file of `content/`: the article it comes from and the facts stated in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSheet {
    pub article: ArticleMeta,
    #[serde(default)]
    pub facts: Vec<Fact>,
}

/// The `article:` block of a fact file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// URL-safe and unique across the site; names the fact file and the page.
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The article's path relative to the site root, e.g. `seeds/000_x.txt`.
    pub source: String,
    /// Where the article was first published: an `http` or `https` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl ArticleMeta {
    /// This block, with what it leaves out of the original's URL, publisher and author taken
    /// from the article's own header: what a person wrote in the fact file comes first.
    pub fn with_provenance_of(mut self, article: &Provenance) -> ArticleMeta {
        self.url = self.url.or_else(|| article.url.clone());
        self.publisher = self.publisher.or_else(|| article.publisher.clone());
        self.author = self.author.or_else(|| article.author.clone());
        self
    }
}

/// One quantitative statement of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub kind: Kind,
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub text: String,
    pub quote: String,
    pub span: [usize; 2],
    /// How sure extraction was of the fact's fields, 0 to 1; below
    /// [`REVIEW_BELOW`] a person should check it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Number>,
    /// A person has checked the fact against its article (`reviewed: true`). Extraction never
    /// sets it; `factsheet review` does, as a person may by hand.
    #[serde(default)]
    pub reviewed: bool,
}

impl Fact {
    /// A fact with the required fields set and every optional one empty; extraction fills in the rest.
    pub fn new(kind: Kind, subject: impl Into<String>, text: impl Into<String>) -> Fact {
        Fact {
            id: String::new(),
            kind,
            subject: subject.into(),
            metric: None,
            value: None,
            min: None,
            max: None,
            unit: None,
            qualifier: None,
            basis: None,
            object: None,
            period: None,
            text: text.into(),
            quote: String::new(),
            span: [0, 0],
            confidence: None,
            reviewed: false,
        }
    }
}

/// Declares a closed vocabulary of FACTS.md: the Rust names, their YAML words, and parsing.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order FACTS.md lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The value a YAML word names, if any.
            pub fn parse(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                $name::parse(&word).ok_or_else(|| {
                    let expected = [$($word),+].join(", ");
                    serde::de::Error::custom(format!("unknown {} `{word}`, expected one of: {expected}", stringify!($name).to_lowercase()))
                })
            }
        }
    };
}

vocabulary! {
    /// How the article bounds the value: "over 40 million" is `Over`, "6-12 months" is `Range`.
    Qualifier {
        Exact => "exact",
        Over => "over",
        AtLeast => "at_least",
        Under => "under",
        UpTo => "up_to",
        Approx => "approx",
        Range => "range",
    }
}

impl From<Bound> for Qualifier {
    fn from(bound: Bound) -> Qualifier {
        match bound {
            Bound::Over => Qualifier::Over,
            Bound::AtLeast => Qualifier::AtLeast,
            Bound::Under => Qualifier::Under,
            Bound::UpTo => Qualifier::UpTo,
            Bound::Approx => Qualifier::Approx,
        }
    }
}

vocabulary! {
    /// What a growth figure is measured against, when the article says so.
    Basis {
        YearOverYear => "year-over-year",
        QuarterOverQuarter => "quarter-over-quarter",
        MonthOverMonth => "month-over-month",
    }
}

/// The kind of a fact. Any word outside FACTS.md's list is a custom kind, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Growth,
    PriceCut,
    Downloads,
    Count,
    Money,
    Share,
    Duration,
    Comparison,
    Custom(String),
}

impl Kind {
    /// The kinds FACTS.md defines, in its order (the order of a fact sheet's sections).
    pub const BUILT_IN: [Kind; 8] = [
        Kind::Growth,
        Kind::PriceCut,
        Kind::Downloads,
        Kind::Count,
        Kind::Money,
        Kind::Share,
        Kind::Duration,
        Kind::Comparison,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Kind::Growth => "growth",
            Kind::PriceCut => "price_cut",
            Kind::Downloads => "downloads",
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Share => "share",
            Kind::Duration => "duration",
            Kind::Comparison => "comparison",
            Kind::Custom(word) => word,
        }
    }

    pub fn parse(word: &str) -> Kind {
        Kind::BUILT_IN
            .into_iter()
            .find(|kind| kind.as_str() == word)
            .unwrap_or_else(|| Kind::Custom(word.to_string()))
    }

    /// Position among the built-in kinds; custom kinds sort after them.
    pub fn rank(&self) -> usize {
        Kind::BUILT_IN
            .iter()
            .position(|kind| kind == self)
            .unwrap_or(Kind::BUILT_IN.len())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Kind::parse(&String::deserialize(d)?))
    }
}

/// The unit of a value: a percentage, a count, a length of time, or a currency by ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Percent,
    Count,
    Days,
    Months,
    Years,
    /// Three upper-case letters: `USD`, `CNY`, `EUR`.
    Currency(String),
}

impl Unit {
    pub fn as_str(&self) -> &str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::Currency(code) => code,
        }
    }

    /// The unit a YAML word names: one of FACTS.md's words or an ISO 4217 code.
    pub fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "percent" => Unit::Percent,
            "count" => Unit::Count,
            "days" => Unit::Days,
            "months" => Unit::Months,
            "years" => Unit::Years,
            code if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
                Unit::Currency(code.to_string())
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        Unit::parse(&word).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown unit `{word}`, expected percent, count, days, months, years or an ISO 4217 code such as USD"
            ))
        })
    }
}

/// A plain number as FACTS.md writes it: `40000000`, `0.003`, `-17`; never `4e7` or `"40 million"`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Deserialize)]
#[serde(transparent)]
pub struct Number(pub f64);

/// A whole number is written as an integer (`230000000`, not `230000000.0`): JSON readers and
/// spreadsheets then take it as the count it is.
impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact
        if self.0.fract() == 0.0 && self.0.abs() < EXACT {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Rust's `Display` for f64 is the shortest round-tripping decimal and never uses an
        // exponent, which is exactly the plain-number form the YAML wants.
        let value = if self.0 == 0.0 { 0.0 } else { self.0 };
        write!(f, "{value}")
    }
}

/// When a fact holds, in one of FACTS.md's ISO 8601 forms: `2024`, `2024-Q2`, `2024-05`,
/// `2024-09-19`, or an interval of two of them joined by `/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Period(String);

impl Period {
    /// The period a string names, if it is one of the accepted forms.
    pub fn parse(text: &str) -> Option<Period> {
        let valid = match text.split_once('/') {
            Some((start, end)) => {
                matches!((PeriodPoint::parse(start), PeriodPoint::parse(end)), (Some(a), Some(b)) if a.first_day() <= b.last_day())
            }
            None => PeriodPoint::parse(text).is_some(),
        };
        valid.then(|| Period(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first and last day the period covers, for sorting and charting over time.
    pub fn days(&self) -> (Date, Date) {
        let (start, end) = self.0.split_once('/').unwrap_or((&self.0, &self.0));
        // Both halves were checked in `parse`, the only constructor.
        let start = PeriodPoint::parse(start).expect("checked in Period::parse");
        let end = PeriodPoint::parse(end).expect("checked in Period::parse");
        (start.first_day(), end.last_day())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A year written bare (`period: 2024`) arrives as a number.
        let text = match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => other.to_string(),
        };
        Period::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a period; write 2024, 2024-Q2, 2024-05, 2024-09-19 or an interval such as 2023-01/2023-07"
            ))
        })
    }
}

/// One end of a period: a year, a quarter, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodPoint {
    Year(i16),
    Quarter(i16, i8),
    Month(i16, i8),
    Day(Date),
}

impl PeriodPoint {
    pub fn parse(text: &str) -> Option<PeriodPoint> {
        let year = |s: &str| -> Option<i16> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] => year(y).map(PeriodPoint::Year),
            [y, q] if q.len() == 2 && q.starts_with('Q') => {
                let q: i8 = q[1..].parse().ok()?;
                (1..=4)
                    .contains(&q)
                    .then_some(PeriodPoint::Quarter(year(y)?, q))
            }
            [y, m] if m.len() == 2 => {
                let m: i8 = m.parse().ok()?;
                (1..=12)
                    .contains(&m)
                    .then_some(PeriodPoint::Month(year(y)?, m))
            }
            [y, m, d] if m.len() == 2 && d.len() == 2 => {
                let date = Date::new(year(y)?, m.parse().ok()?, d.parse().ok()?).ok()?;
                Some(PeriodPoint::Day(date))
            }
            _ => None,
        }
    }

    pub fn first_day(self) -> Date {
        match self {
            PeriodPoint::Year(y) => Date::new(y, 1, 1),
            PeriodPoint::Quarter(y, q) => Date::new(y, (q - 1) * 3 + 1, 1),
            PeriodPoint::Month(y, m) => Date::new(y, m, 1),
            PeriodPoint::Day(d) => Ok(d),
        }
        .expect("years, quarters and months parsed in range")
    }

    pub fn last_day(self) -> Date {
        let month_end = |y: i16, m: i8| {
            Date::new(y, m, 1)
                .expect("month parsed in range")
                .last_of_month()
        };
        match self {
            PeriodPoint::Year(y) => month_end(y, 12),
            PeriodPoint::Quarter(y, q) => month_end(y, q * 3),
            PeriodPoint::Month(y, m) => month_end(y, m),
            PeriodPoint::Day(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_serialize_as_integers_and_the_rest_as_decimals() {
        let json = |n: f64| serde_json::to_string(&Number(n)).unwrap();
        assert_eq!(json(230_000_000.0), "230000000");
        assert_eq!(json(-17.0), "-17");
        assert_eq!(json(0.003), "0.003");
        assert_eq!(json(1e300), "1e+300");
    }

    #[test]
    fn numbers_print_as_plain_decimals() {
        assert_eq!(Number(40_000_000.0).to_string(), "40000000");
        assert_eq!(Number(0.0008).to_string(), "0.0008");
        assert_eq!(Number(-17.0).to_string(), "-17");
        assert_eq!(Number(18_337_000_000.0).to_string(), "18337000000");
    }

    #[test]
    fn periods_accept_the_iso_forms_of_facts_md() {
        for ok in [
            "2024",
            "2024-Q2",
            "2024-05",
            "2024-09-19",
            "2023-01/2023-07",
            "2024-Q2/2025-Q1",
        ] {
            assert!(Period::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "24",
            "2024-Q5",
            "2024-13",
            "2024-02-30",
            "May 2024",
            "2024-07/2023-01",
            "",
        ] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_period_knows_the_days_it_covers() {
        let days = Period::parse("2024-Q2").unwrap().days();
        assert_eq!(
            days,
            (
                jiff::civil::date(2024, 4, 1),
                jiff::civil::date(2024, 6, 30)
            )
        );
        let days = Period::parse("2023-01/2023-07").unwrap().days();
        assert_eq!(
            days,
            (
                jiff::civil::date(2023, 1, 1),
                jiff::civil::date(2023, 7, 31)
            )
        );
    }

    #[test]
    fn custom_kinds_are_kept_as_written() {
        assert_eq!(Kind::parse("price_cut"), Kind::PriceCut);
        assert_eq!(Kind::parse("headcount"), Kind::Custom("headcount".into()));
        assert!(Kind::Comparison.rank() < Kind::parse("headcount").rank());
    }

    #[test]
    fn units_are_facts_md_words_or_currency_codes() {
        assert_eq!(Unit::parse("USD"), Some(Unit::Currency("USD".into())));
        assert_eq!(Unit::parse("months"), Some(Unit::Months));
        assert_eq!(Unit::parse("usd"), None);
        assert_eq!(Unit::parse("dollars"), None);
    }
}
