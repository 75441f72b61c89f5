//! A site's own extraction vocabulary, read from `extract.toml` at the site root, so a site
//! teaches the extractor its words without recompiling.
//!
//! ```toml
//! # Nouns that name a measure, on top of the built-in ones (revenue, price, users, ...).
//! # A phrase ending in one of them is read as the fact's metric, not its subject.
//! metrics = ["bookings", "churn", "headroom"]
//!
//! # Kinds of your own. A figure followed by one of the triggers (for `unit = "count"`, `days`,
//! # `months` or `years`), or a percentage or amount of money with a trigger in its clause (for
//! # `unit = "percent"` or a currency code), becomes a fact of this kind.
//! [[kind]]
//! name = "headcount"
//! unit = "count"
//! triggers = ["employees", "staff", "workers"]
//!
//! [[kind]]
//! name = "churn"
//! unit = "percent"
//! triggers = ["churn"]
//!
//! # A kind that only hand-written facts use: declared, so that `check` accepts it.
//! [[kind]]
//! name = "market_cap"
//! ```
//!
//! A fact file may use FACTS.md's kinds and the kinds declared here; any other `kind` is an
//! error (most often a slip such as `grwoth`).
//!
//! Every field is optional; an empty file is the built-in vocabulary. Words are matched in
//! lower case. `name` must be a word other than the built-in kinds (growth, price_cut,
//! downloads, count, money, share, duration, comparison); `unit` is one of FACTS.md's units
//! (`percent`, `count`, `days`, `months`, `years`) or an ISO 4217 code such as `USD`.

use std::path::Path;

use serde::Deserialize;

use super::candidate::Claim;
use super::number::{Amount, Measure};
use super::scene::Scene;
use crate::diagnostic::Diagnostic;
use crate::facts::{Kind, Unit};

/// A site's own extraction vocabulary, read from `extract.toml` at the site root.
/// The default is the built-in vocabulary alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Extra nouns that name a measure, in lower case.
    pub metrics: Vec<String>,
    /// Custom kinds, tried before the built-in ones.
    pub kinds: Vec<CustomKind>,
}

/// One `[[kind]]` of `extract.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomKind {
    pub name: String,
    /// Needed with `triggers`; a kind without them is for facts written by hand.
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub triggers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    #[serde(default)]
    metrics: Vec<String>,
    #[serde(default, rename = "kind")]
    kinds: Vec<CustomKind>,
}

impl Vocabulary {
    /// The name of the file at the site root this is read from.
    pub const FILE: &'static str = "extract.toml";

    /// Parses the text of `extract.toml`; `path` labels the diagnostic.
    /// The names of the site's own kinds, which fact files may use beside FACTS.md's.
    pub fn kind_names(&self) -> Vec<&str> {
        self.kinds.iter().map(|k| k.name.as_str()).collect()
    }

    pub fn parse(path: &Path, text: &str) -> Result<Vocabulary, Diagnostic> {
        let raw: RawVocabulary = toml::from_str(text).map_err(|error| {
            let message = error.message().to_string();
            let problem = Diagnostic::error(path, message).with_help(
                "see the format in the documentation: `metrics = [...]` and `[[kind]]` tables with name, unit, triggers",
            );
            match error.span() {
                Some(span) => problem.at_offset(text, span.start),
                None => problem,
            }
        })?;
        let mut kinds = Vec::with_capacity(raw.kinds.len());
        for kind in raw.kinds {
            let at = text.find(&format!("\"{}\"", kind.name)).unwrap_or(0);
            if Kind::parse(&kind.name) != Kind::Custom(kind.name.clone())
                || kind.name.trim().is_empty()
            {
                return Err(
                    Diagnostic::error(path, format!("`{}` is a built-in kind", kind.name))
                        .at_offset(text, at)
                        .with_help("give a custom kind a name of its own, e.g. `headcount`"),
                );
            }
            if kind.unit.is_empty() && kind.triggers.is_empty() {
                // Declared for facts written by hand: extraction never proposes it.
                kinds.push(kind);
                continue;
            }
            if Unit::parse(&kind.unit).is_none() {
                let at = text.find(&format!("\"{}\"", kind.unit)).unwrap_or(at);
                return Err(Diagnostic::error(
                    path,
                    format!("unknown unit `{}` for kind `{}`", kind.unit, kind.name),
                )
                .at_offset(text, at)
                .with_help(
                    "write percent, count, days, months, years or an ISO 4217 code such as USD",
                ));
            }
            if kind.triggers.is_empty() {
                return Err(Diagnostic::error(
                    path,
                    format!("kind `{}` has no triggers", kind.name),
                )
                .at_offset(text, at)
                .with_help(
                    "add the words that name it, e.g. triggers = [\"employees\", \"staff\"]",
                ));
            }
            kinds.push(CustomKind {
                triggers: kind.triggers.iter().map(|t| t.to_lowercase()).collect(),
                ..kind
            });
        }
        Ok(Vocabulary {
            metrics: raw.metrics.iter().map(|m| m.to_lowercase()).collect(),
            kinds,
        })
    }
}

/// A site's custom kinds: a trigger word in the noun after the amount (or, for a kind
/// measured in percent, anywhere in the clause).
pub(crate) fn custom_kind(scene: &Scene, amount: &Amount) -> Option<Claim> {
    for kind in &scene.vocabulary.kinds {
        let Some(unit) = Unit::parse(&kind.unit) else {
            continue;
        };
        let hit = match (&unit, amount.measure) {
            (Unit::Percent, Measure::Percent) | (Unit::Currency(_), Measure::Money(_)) => {
                let (a, b) = (scene.clause_start(amount), scene.clause_end(amount));
                scene.tokens[a..b]
                    .iter()
                    .any(|t| kind.triggers.contains(&t.lower))
            }
            (Unit::Count | Unit::Days | Unit::Months | Unit::Years, Measure::Plain)
                if !amount.spelled =>
            {
                let (a, b) = scene.phrase_after(amount.last + 1)?;
                scene.tokens[a..b]
                    .iter()
                    .any(|t| kind.triggers.contains(&t.lower))
            }
            _ => false,
        };
        if hit {
            let metric = scene
                .phrase_after(amount.last + 1)
                .map(|(a, b)| scene.slice(a, b));
            let mut claim = Claim::of(Kind::Custom(kind.name.clone())).metric(metric);
            claim.unit = Some(unit);
            return Some(claim);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_metrics_and_custom_kinds() {
        let text = "metrics = [\"Bookings\"]\n\n[[kind]]\nname = \"headcount\"\nunit = \"count\"\ntriggers = [\"employees\", \"Staff\"]\n";
        let vocabulary = Vocabulary::parse(Path::new("extract.toml"), text).unwrap();
        assert_eq!(
            vocabulary,
            Vocabulary {
                metrics: vec!["bookings".into()],
                kinds: vec![CustomKind {
                    name: "headcount".into(),
                    unit: "count".into(),
                    triggers: vec!["employees".into(), "staff".into()],
                }],
            }
        );
    }

    #[test]
    fn a_kind_with_a_name_alone_is_declared_for_hand_written_facts() {
        let text = "[[kind]]\nname = \"market_cap\"\n";
        let vocabulary = Vocabulary::parse(Path::new("extract.toml"), text).unwrap();
        assert_eq!(vocabulary.kind_names(), ["market_cap"]);
        let half = "[[kind]]\nname = \"market_cap\"\nunit = \"USD\"\n";
        let problem = Vocabulary::parse(Path::new("extract.toml"), half).unwrap_err();
        assert_eq!(problem.message, "kind `market_cap` has no triggers");
    }

    #[test]
    fn a_custom_kind_is_extracted_from_its_triggers() {
        use super::super::corpus::{check_with, fact};
        let text = "metrics = [\"bookings\"]\n[[kind]]\nname = \"headcount\"\nunit = \"count\"\ntriggers = [\"employees\", \"staff\"]\n\n[[kind]]\nname = \"churn\"\nunit = \"percent\"\ntriggers = [\"churn\"]\n";
        let vocabulary = Vocabulary::parse(Path::new("extract.toml"), text).unwrap();
        let headcount = Kind::Custom("headcount".into());
        let churn = Kind::Custom("churn".into());
        check_with(
            "2025-03-01",
            &[
                (
                    "Nimbus now has 12,000 employees.",
                    vec![
                        fact(headcount.clone(), "12,000", 12_000.0)
                            .unit("count")
                            .subject("Nimbus")
                            .metric("employees"),
                    ],
                ),
                (
                    "Monthly churn at Orbitly was 3% in January.",
                    vec![fact(churn, "3%", 3.0).unit("percent").period("2025-01")],
                ),
                (
                    "Orbitly's bookings rose 12% in the quarter.",
                    vec![
                        fact(Kind::Growth, "12%", 12.0)
                            .unit("percent")
                            .subject("Orbitly")
                            .metric("bookings"),
                    ],
                ),
            ],
            &["The staff of Nimbus met in January."],
            &vocabulary,
        );
    }

    #[test]
    fn an_empty_file_is_the_built_in_vocabulary() {
        assert_eq!(
            Vocabulary::parse(Path::new("extract.toml"), "").unwrap(),
            Vocabulary::default()
        );
    }

    #[test]
    fn an_unknown_unit_is_located() {
        let text = "[[kind]]\nname = \"headcount\"\nunit = \"heads\"\ntriggers = [\"staff\"]\n";
        let problem = Vocabulary::parse(Path::new("extract.toml"), text).unwrap_err();
        assert_eq!(
            (problem.line, problem.column, problem.message.as_str()),
            (3, 8, "unknown unit `heads` for kind `headcount`")
        );
    }

    #[test]
    fn a_built_in_kind_name_is_refused() {
        let text = "[[kind]]\nname = \"growth\"\nunit = \"percent\"\ntriggers = [\"x\"]\n";
        let problem = Vocabulary::parse(Path::new("extract.toml"), text).unwrap_err();
        assert_eq!(problem.message, "`growth` is a built-in kind");
    }

    #[test]
    fn a_misspelt_field_is_a_located_error() {
        let text = "[[kind]]\nname = \"headcount\"\nunits = \"count\"\ntriggers = [\"staff\"]\n";
        let problem = Vocabulary::parse(Path::new("extract.toml"), text).unwrap_err();
        assert_eq!(problem.line, 3);
        assert!(
            problem.message.starts_with("unknown field `units`"),
            "{}",
            problem.message
        );
    }
}
