//! The rules of FACTS.md that serde cannot say: fields each kind needs, ranges, ids, and that
//! every `quote` and `span` point at the article's own words.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Fact, FactSheet, Kind, Qualifier};
use crate::diagnostic::Diagnostic;

/// Every problem of one fact file. `yaml` is the file's text (for locations); `source` is the
/// article text its `span`s index, or `None` when the article could not be read.
pub fn validate(
    path: &Path,
    yaml: &str,
    sheet: &FactSheet,
    source: Option<&str>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, fact) in sheet.facts.iter().enumerate() {
        let at = |message: String| {
            let diagnostic = Diagnostic::error(path, message);
            match fact_offset(yaml, index) {
                Some(offset) => diagnostic.at_offset(yaml, offset),
                None => diagnostic,
            }
        };
        if let Some(first) = seen.insert(&fact.id, index) {
            problems.push(
                at(format!("duplicate fact id `{}`", fact.id)).with_help(format!(
                    "fact {} has this id already; ids must be unique in a file",
                    first + 1
                )),
            );
        }
        for (message, help) in fact_problems(fact) {
            problems.push(at(message).with_help(help));
        }
        if let Some(source) = source {
            match quote_problem(fact, source) {
                None => {}
                Some(QuoteProblem::Missing) => problems.push(
                    at(format!(
                        "the quote of fact `{}` does not occur in {}",
                        fact.id, sheet.article.source
                    ))
                    .with_help("copy the sentence from the article exactly, or delete the fact"),
                ),
                Some(QuoteProblem::SpanMismatch { found }) => problems.push(
                    at(format!(
                        "the span of fact `{}` is [{}, {}] but its quote is at [{}, {}]",
                        fact.id,
                        fact.span[0],
                        fact.span[1],
                        found,
                        found + fact.quote.len()
                    ))
                    .with_help("run `factsheet check --fix` to correct spans"),
                ),
            }
        }
    }
    problems
}

/// Where a quote stands against its source.
#[derive(Debug, PartialEq, Eq)]
pub enum QuoteProblem {
    /// The quote is nowhere in the article.
    Missing,
    /// The quote is in the article, at `found`, but not where `span` says.
    SpanMismatch { found: usize },
}

/// Whether `fact.quote` is at `fact.span` of `source`.
pub fn quote_problem(fact: &Fact, source: &str) -> Option<QuoteProblem> {
    let [start, end] = fact.span;
    if source.get(start..end) == Some(fact.quote.as_str()) && !fact.quote.is_empty() {
        return None;
    }
    match source.find(&fact.quote).filter(|_| !fact.quote.is_empty()) {
        Some(found) => Some(QuoteProblem::SpanMismatch { found }),
        None => Some(QuoteProblem::Missing),
    }
}

/// Problems of one fact on its own, each with a hint.
fn fact_problems(fact: &Fact) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let id = &fact.id;
    let mut need = |present: bool, field: &str, help: &str| {
        if !present {
            problems.push((format!("fact `{id}` has no `{field}`"), help.to_string()));
        }
    };
    need(
        !fact.id.trim().is_empty(),
        "id",
        "give every fact a unique slug, e.g. `cloud-revenue-growth`",
    );
    need(
        !fact.subject.trim().is_empty(),
        "subject",
        "name who or what the fact is about",
    );
    need(
        !fact.text.trim().is_empty(),
        "text",
        "copy the value as the article words it, e.g. \"over 40 million\"",
    );
    if fact.kind == Kind::Comparison {
        need(
            fact.object.is_some(),
            "object",
            "name what the subject is compared with",
        );
    } else {
        need(
            fact.metric.is_some(),
            "metric",
            "name what was measured, e.g. `paying users`",
        );
        need(
            fact.unit.is_some(),
            "unit",
            "one of percent, count, days, months, years or an ISO 4217 code",
        );
        need(
            fact.qualifier.is_some(),
            "qualifier",
            "one of exact, over, at_least, under, up_to, approx, range",
        );
        let bounds = fact.min.is_some() || fact.max.is_some();
        if fact.value.is_some() && bounds {
            problems.push((
                format!("fact `{id}` has both `value` and `min`/`max`"),
                "keep `value` for one number, or `min` and `max` with `qualifier: range`".into(),
            ));
        } else if fact.value.is_none() && !bounds {
            problems.push((
                format!("fact `{id}` has no `value`"),
                "write the number, e.g. `value: 40000000`, or `min` and `max` for a range".into(),
            ));
        } else if bounds {
            match (fact.min, fact.max) {
                (Some(min), Some(max)) if min.0 > max.0 => problems.push((
                    format!("fact `{id}` has `min` {min} above `max` {max}"),
                    "swap the two bounds".into(),
                )),
                (Some(_), Some(_)) => {}
                _ => problems.push((
                    format!("fact `{id}` has only one of `min` and `max`"),
                    "a range needs both bounds".into(),
                )),
            }
            if fact.qualifier.is_some_and(|q| q != Qualifier::Range) {
                problems.push((
                    format!(
                        "fact `{id}` has `min`/`max` but qualifier `{}`",
                        fact.qualifier.unwrap()
                    ),
                    "a range takes `qualifier: range`".into(),
                ));
            }
        } else if fact.qualifier == Some(Qualifier::Range) {
            problems.push((
                format!("fact `{id}` has `qualifier: range` but a single `value`"),
                "write `min` and `max` instead of `value`, or choose another qualifier".into(),
            ));
        }
    }
    if fact.span[0] > fact.span[1] {
        problems.push((
            format!("fact `{id}` has a span that ends before it starts"),
            "write `span: [start, end]` with start <= end, or run `factsheet check --fix`".into(),
        ));
    }
    problems
}

/// Byte offset of the `index`th item of the `facts:` sequence, found in the text so the
/// diagnostic can point at it.
fn fact_offset(yaml: &str, index: usize) -> Option<usize> {
    let facts = yaml.find("\nfacts:")? + 1;
    let mut offset = facts;
    let mut count = 0;
    for line in yaml[facts..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("- ") || trimmed == "-\n" {
            if count == index {
                return Some(offset + (line.len() - trimmed.len()) + 2);
            }
            count += 1;
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::load::parse;

    const SOURCE: &str = "Intro.\nUsers grew by 20% this year.\n";

    fn yaml(fact_fields: &str) -> String {
        format!(
            "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  - id: users-growth\n    kind: growth\n{fact_fields}"
        )
    }

    fn problems(fact_fields: &str) -> Vec<String> {
        let text = yaml(fact_fields);
        let path = Path::new("content/a.yaml");
        let sheet = parse(path, &text).unwrap();
        validate(path, &text, &sheet, Some(SOURCE))
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    const GOOD: &str = "    subject: users\n    metric: users\n    value: 20\n    unit: percent\n    qualifier: exact\n    text: \"20%\"\n    quote: \"Users grew by 20% this year.\"\n    span: [7, 35]\n";

    #[test]
    fn a_correct_fact_has_no_problems() {
        assert_eq!(problems(GOOD), Vec::<String>::new());
    }

    #[test]
    fn a_wrong_span_is_reported_with_where_the_quote_is() {
        let fields = GOOD.replace("[7, 35]", "[0, 28]");
        assert_eq!(
            problems(&fields),
            ["6:5 the span of fact `users-growth` is [0, 28] but its quote is at [7, 35]"]
        );
    }

    #[test]
    fn a_quote_not_in_the_article_is_an_error() {
        let fields = GOOD.replace("this year", "last year");
        assert_eq!(
            problems(&fields),
            ["6:5 the quote of fact `users-growth` does not occur in seeds/a.txt"]
        );
    }

    #[test]
    fn min_above_max_and_value_with_bounds_are_errors() {
        let fields = GOOD
            .replace("    value: 20\n", "    min: 12\n    max: 6\n")
            .replace("exact", "range");
        assert_eq!(
            problems(&fields),
            ["6:5 fact `users-growth` has `min` 12 above `max` 6"]
        );
        let fields = GOOD.replace("    value: 20\n", "    value: 20\n    min: 1\n    max: 2\n");
        assert_eq!(
            problems(&fields),
            ["6:5 fact `users-growth` has both `value` and `min`/`max`"]
        );
    }
}
