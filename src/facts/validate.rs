//! The rules of FACTS.md that concern fields together: what each kind needs, ranges, unique
//! ids and slugs, and that every `quote` and `span` point at the article's own words (a
//! Markdown article's quote is its words without markup, at the bytes of the span).
//!
//! Rules look only at fields the loader could read ([`Fields::valid`]); a field it could not
//! read has its own problem already, and a second one about the same mistake would be noise.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::hints::{closest, field_help};
use super::load::{Fields, Loaded, load};
use super::{Fact, FactSheet, Kind, Qualifier, Unit};
use crate::diagnostic::{Diagnostic, line_column};
use crate::source::{Format, plain};

/// Every problem of one loaded fact file beyond those of its syntax and types. `yaml` is the
/// file's text; `source` is the article text its `span`s index, or `None` when the article
/// could not be read.
pub fn validate(path: &Path, yaml: &str, loaded: &Loaded, source: Option<&str>) -> Vec<Diagnostic> {
    let at = |offset: usize, message: String, help: &str| {
        Diagnostic::error(path, message)
            .at_offset(yaml, offset)
            .with_help(help)
    };
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut anchors: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    let anchor = |id: &str| super::anchor::fact_anchor(&loaded.sheet.article.slug, id);
    let facts = loaded.sheet.facts.iter().zip(&loaded.places.facts);
    for (index, (fact, places)) in facts.enumerate() {
        if !places.mapping {
            continue;
        }
        let name = if places.valid("id") {
            format!("fact `{}`", fact.id)
        } else {
            format!("fact {}", index + 1)
        };
        if places.valid("id") {
            let offset = places.value_at("id");
            if let Some(first) = ids.insert(&fact.id, offset) {
                let (line, _) = line_column(yaml, first);
                problems.push(at(
                    offset,
                    format!("duplicate fact id `{}`", fact.id),
                    &format!("line {line} has this id already; ids must be unique in a file"),
                ));
                ids.insert(&fact.id, first);
            } else if let Some(&(other, first)) = anchors.get(&anchor(&fact.id)) {
                let (line, _) = line_column(yaml, first);
                problems.push(at(
                    offset,
                    format!("fact ids `{other}` and `{}` have one permalink", fact.id),
                    &format!(
                        "line {line} has `{other}`; on the article's sheet both are `#{}`, as an id is linked without the article's slug; rename one",
                        anchor(&fact.id)
                    ),
                ));
            } else {
                anchors.insert(anchor(&fact.id), (&fact.id, offset));
            }
        }
        for (offset, message, help) in fact_problems(fact, places, &name) {
            problems.push(at(offset, message, &help));
        }
        if let Some((offset, message, help)) = value_against_text(fact, places, &name) {
            problems.push(
                Diagnostic::warning(path, message)
                    .at_offset(yaml, offset)
                    .with_help(help),
            );
        }
        if let Some(source) = source {
            problems.extend(
                quote_problems(fact, places, &name, source, &loaded.sheet.article.source)
                    .map(|(offset, message, help)| at(offset, message, help)),
            );
        }
    }
    problems
}

/// Errors for the facts whose kind is neither one of FACTS.md's nor one the site declares
/// (`declared`, the `[[kind]]` names of `extract.toml`): a slip such as `grwoth` would
/// otherwise pass, and the site would gain a kind page of its own for it.
pub fn undeclared_kinds(
    path: &Path,
    yaml: &str,
    loaded: &Loaded,
    declared: &[&str],
) -> Vec<Diagnostic> {
    let built_in: Vec<&str> = Kind::BUILT_IN.iter().map(Kind::as_str).collect();
    let facts = loaded.sheet.facts.iter().zip(&loaded.places.facts);
    facts
        .filter(|(_, places)| places.valid("kind"))
        .filter_map(|(fact, places)| match &fact.kind {
            Kind::Custom(name) if !declared.contains(&name.as_str()) => Some((name, places)),
            _ => None,
        })
        .map(|(name, places)| {
            let known: Vec<&str> = built_in.iter().chain(declared).copied().collect();
            let declare = format!(
                "a kind of your own is declared in extract.toml: [[kind]] then name = \"{name}\""
            );
            let help = match closest(name, &known) {
                Some(near) => format!("did you mean `{near}`? Or {declare}"),
                None => format!("write one of {}; or {declare}", built_in.join(", ")),
            };
            Diagnostic::error(path, format!("unknown kind `{name}`"))
                .at_offset(yaml, places.value_at("kind"))
                .with_help(help)
        })
        .collect()
}

/// What the checks across fact files need of one file: its path, and its slug and source with
/// the place of each, ready to point a problem at. A build keeps this of every file, and lets
/// the rest of a loaded file go once the file is checked.
#[derive(Debug, Clone)]
pub struct Identity {
    pub path: PathBuf,
    pub slug: Option<(String, Diagnostic)>,
    pub source: Option<(String, Diagnostic)>,
}

impl Identity {
    /// The identity of the fact file at `path`, whose text is `text`, as `loaded`.
    pub fn of(path: &Path, text: &str, loaded: &Loaded) -> Identity {
        let places = &loaded.places.article;
        let located = |name: &str, value: &str| {
            places.valid(name).then(|| {
                let at =
                    Diagnostic::error(path, String::new()).at_offset(text, places.value_at(name));
                (value.to_string(), at)
            })
        };
        Identity {
            path: path.to_path_buf(),
            slug: located("slug", &loaded.sheet.article.slug),
            source: located("source", &loaded.sheet.article.source),
        }
    }
}

/// The problems across fact files: two files with one slug, or two with one source.
pub fn validate_site<'a>(files: impl IntoIterator<Item = &'a Identity>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut sources: BTreeMap<&str, &Path> = BTreeMap::new();
    for file in files {
        let path = file.path.as_path();
        if let Some((slug, at)) = &file.slug {
            if let Some(first) = slugs.get(slug.as_str()) {
                problems.push(
                    Diagnostic {
                        message: format!("slug `{slug}` is used by {} too", first.display()),
                        ..at.clone()
                    }
                    .with_help("give each article its own slug"),
                );
            } else {
                slugs.insert(slug, path);
            }
        }
        if let Some((source, at)) = &file.source {
            if let Some(first) = sources.get(source.as_str()) {
                problems.push(Diagnostic {
                    message: format!("{source} has a fact file already: {}", first.display()),
                    ..at.clone()
                }
                .with_help("an article has one fact file; move these facts into the other and delete this file"));
            } else {
                sources.insert(source, path);
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
    SpanMismatch { found: Range<usize> },
}

/// Whether `fact.quote` is the quote of the bytes `fact.span` of `source` (an article in
/// `format`: a Markdown article's quotes are its words without markup, see
/// [`crate::source::plain`]). When the quote occurs more than once, `found` is the occurrence
/// nearest the old span.
pub fn quote_problem(fact: &Fact, source: &str, format: Format) -> Option<QuoteProblem> {
    let [start, end] = fact.span;
    if fact.quote.is_empty() {
        return Some(QuoteProblem::Missing);
    }
    if let Some(written) = source.get(start..end)
        && (written == fact.quote || plain::quote(format, written) == fact.quote)
    {
        return None;
    }
    plain::find(format, source, &fact.quote, start).map_or(Some(QuoteProblem::Missing), |found| {
        Some(QuoteProblem::SpanMismatch { found })
    })
}

fn quote_problems(
    fact: &Fact,
    places: &Fields,
    name: &str,
    source: &str,
    source_path: &str,
) -> Option<(usize, String, &'static str)> {
    if !places.valid("quote") {
        return None;
    }
    let mut checked = fact.clone();
    if !places.valid("span") {
        // Without a readable span only the quote itself can be checked.
        checked.span = [0, 0];
    }
    match quote_problem(&checked, source, Format::of(source_path))? {
        QuoteProblem::Missing => Some((
            places.value_at("quote"),
            format!("{name} is stale: its quote does not occur in {source_path}"),
            "the article changed or the quote was edited: copy the sentence from the article exactly, or delete the fact",
        )),
        QuoteProblem::SpanMismatch { found } if places.valid("span") => Some((
            places.value_at("span"),
            format!(
                "the span of {name} is [{}, {}] but its quote is at [{}, {}]",
                fact.span[0], fact.span[1], found.start, found.end
            ),
            "run `factsheet check --fix` to correct spans",
        )),
        QuoteProblem::SpanMismatch { .. } => None,
    }
}

/// A `value` that is not the number its `text` states (315 against "312"): most often one of
/// the two was edited by hand and the other not. The sign is the verb's ("fell 5%" is -5), so
/// only sizes are compared, to the precision the text is written in ("$3.2 billion" is any
/// value from 3.15 to 3.25 billion).
fn value_against_text(fact: &Fact, places: &Fields, name: &str) -> Option<(usize, String, String)> {
    if !(places.valid("value") && places.valid("text")) {
        return None;
    }
    let value = fact.value?.0;
    let stated = crate::lexicon::number::stated_value(&fact.text)?;
    if (value.abs() - stated.abs()).abs() <= written_precision(&fact.text, stated) {
        return None;
    }
    Some((
        places.value_at("value"),
        format!(
            "{name} has `value` {} but its `text` \"{}\" states {}",
            fact.value?,
            fact.text,
            super::Number(stated)
        ),
        "correct the one that is wrong: `value` is the number `text` states, in plain digits"
            .into(),
    ))
}

/// Half a unit of the last digit `text` writes its number with, at the scale `stated` (the
/// number it states) has: 0.05 billion for "$3.2 billion", 0.5 for "312".
pub(super) fn written_precision(text: &str, stated: f64) -> f64 {
    let literal: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .filter(|&c| c != ',')
        .collect();
    let literal = literal.trim_end_matches('.');
    match literal.parse::<f64>() {
        Ok(number) if number != 0.0 => {
            let decimals = literal.split_once('.').map_or(0, |(_, f)| f.len());
            let decimals = i32::try_from(decimals).unwrap_or(i32::MAX);
            0.5 * 10f64.powi(-decimals) * (stated / number).abs() * (1.0 + 1e-9)
        }
        // Words only ("seven", "half a million"): within half a percent.
        _ => (stated.abs() * 0.005).max(0.5),
    }
}

/// Problems of one fact on its own: (offset in the file, message, help).
fn fact_problems(fact: &Fact, places: &Fields, name: &str) -> Vec<(usize, String, String)> {
    let mut problems = Vec::new();
    let mut need = |field: &str| {
        if !places.mentioned(field) {
            problems.push((
                places.start,
                format!("{name} has no `{field}`"),
                field_help(field).to_string(),
            ));
        }
    };
    for field in ["id", "kind", "subject", "text", "quote", "span"] {
        need(field);
    }
    if places.valid("kind") {
        if fact.kind == Kind::Comparison {
            need("object");
        } else {
            for field in ["unit", "qualifier"] {
                need(field);
            }
        }
    }
    let (has_min, has_max) = (places.has("min"), places.has("max"));
    let bounds = has_min || has_max;
    let needs_value = places.valid("kind") && fact.kind != Kind::Comparison;
    let qualifier = fact.qualifier.filter(|_| places.valid("qualifier"));
    if places.has("value") && bounds {
        let bound = if has_min { "min" } else { "max" };
        problems.push((
            places.key_at(bound),
            format!("{name} has both `value` and `min`/`max`"),
            "keep `value` for one number, or `min` and `max` with `qualifier: range`".into(),
        ));
    } else if bounds {
        if has_min != has_max {
            let present = if has_min { "min" } else { "max" };
            problems.push((
                places.key_at(present),
                format!("{name} has only one of `min` and `max`"),
                "a range needs both bounds; for one bound write `value` with `qualifier: at_least` or `up_to`".into(),
            ));
        }
        if let (Some(min), Some(max), true, true) =
            (fact.min, fact.max, places.valid("min"), places.valid("max"))
            && min.0 > max.0
        {
            problems.push((
                places.value_at("min"),
                format!("{name} has `min` {min} above `max` {max}"),
                "swap the two bounds".into(),
            ));
        }
        if let Some(q) = qualifier.filter(|q| *q != Qualifier::Range) {
            problems.push((
                places.value_at("qualifier"),
                format!("{name} has `min`/`max` but qualifier `{q}`"),
                "a range takes `qualifier: range`".into(),
            ));
        }
    } else if places.has("value") {
        if qualifier == Some(Qualifier::Range) {
            problems.push((
                places.value_at("qualifier"),
                format!("{name} has `qualifier: range` but a single `value`"),
                "write `min` and `max` instead of `value`, or choose another qualifier".into(),
            ));
        }
    } else if needs_value && !["value", "min", "max"].iter().any(|f| places.mentioned(f)) {
        problems.push((
            places.start,
            format!("{name} has no `value`"),
            field_help("value").into(),
        ));
    }
    problems.extend(unit_problem(fact, places, name));
    if places.valid("span") && fact.span[0] > fact.span[1] {
        problems.push((
            places.value_at("span"),
            format!("{name} has a span that ends before it starts"),
            "write `span: [start, end]` with start <= end, or run `factsheet check --fix`".into(),
        ));
    }
    problems
}

/// A unit that does not fit the fact's kind (money in a currency, a share in percent, a
/// duration in days, months or years).
fn unit_problem(fact: &Fact, places: &Fields, name: &str) -> Option<(usize, String, String)> {
    let unit = fact
        .unit
        .as_ref()
        .filter(|_| places.valid("unit") && places.valid("kind"))?;
    let fits = match fact.kind {
        Kind::Money => matches!(unit, Unit::Currency(_)),
        Kind::Share => *unit == Unit::Percent,
        Kind::Duration => matches!(unit, Unit::Days | Unit::Months | Unit::Years),
        _ => true,
    };
    let help = match fact.kind {
        Kind::Money => "money is in a currency: its ISO 4217 code, e.g. USD or CNY",
        Kind::Share => "a share of a whole is in `percent`",
        _ => "a duration is in `days`, `months` or `years`",
    };
    (!fits).then(|| {
        (
            places.value_at("unit"),
            format!("{name} is `{}` but its unit is `{unit}`", fact.kind),
            help.into(),
        )
    })
}

/// Parses and validates one fact file on its own (without its article): the sheet, or every
/// error found.
pub fn parse(path: &Path, text: &str) -> Result<FactSheet, Vec<Diagnostic>> {
    let loaded = load(path, text);
    let mut problems = loaded.problems.clone();
    problems.extend(validate(path, text, &loaded, None));
    if problems.iter().any(Diagnostic::is_error) {
        Err(problems)
    } else {
        Ok(loaded.sheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Intro.\nUsers grew by 20% this year.\n";

    fn yaml(fact_fields: &str) -> String {
        format!(
            "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  - id: users-growth\n    kind: growth\n{fact_fields}"
        )
    }

    fn problems(fact_fields: &str) -> Vec<String> {
        let text = yaml(fact_fields);
        let path = Path::new("content/a.yaml");
        let loaded = load(path, &text);
        assert_eq!(loaded.problems, [], "{text}");
        validate(path, &text, &loaded, Some(SOURCE))
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    const GOOD: &str = "    subject: users\n    metric: users\n    value: 20\n    unit: percent\n    qualifier: exact\n    text: \"20%\"\n    quote: \"Users grew by 20% this year.\"\n    span: [7, 35]\n";

    #[test]
    fn a_value_that_is_not_the_number_of_its_text_is_a_warning() {
        let edited = GOOD.replace("value: 20", "value: 21");
        assert_eq!(
            problems(&edited),
            ["10:12 fact `users-growth` has `value` 21 but its `text` \"20%\" states 20"]
        );
        let text = yaml(&edited);
        let path = Path::new("content/a.yaml");
        let warning = &validate(path, &text, &load(path, &text), Some(SOURCE))[0];
        assert!(!warning.is_error());
        // A fall's sign is the verb's, and a rounded text admits the value it rounds.
        assert_eq!(
            problems(&GOOD.replace("value: 20", "value: -20")),
            [] as [&str; 0]
        );
        let rounded = GOOD
            .replace("value: 20", "value: 3240000000")
            .replace("unit: percent", "unit: USD")
            .replace("\"20%\"", "\"$3.2 billion\"");
        assert_eq!(problems(&rounded), [] as [&str; 0]);
        let off = rounded.replace("3240000000", "3300000000");
        assert_eq!(problems(&off).len(), 1);
    }

    #[test]
    fn a_correct_fact_has_no_problems() {
        assert_eq!(problems(GOOD), Vec::<String>::new());
    }

    #[test]
    fn a_wrong_span_is_reported_at_the_span_with_where_the_quote_is() {
        let fields = GOOD.replace("[7, 35]", "[0, 28]");
        assert_eq!(
            problems(&fields),
            ["15:11 the span of fact `users-growth` is [0, 28] but its quote is at [7, 35]"]
        );
    }

    #[test]
    fn a_quote_not_in_the_article_makes_the_fact_stale() {
        let fields = GOOD.replace("this year", "last year");
        assert_eq!(
            problems(&fields),
            ["14:12 fact `users-growth` is stale: its quote does not occur in seeds/a.txt"]
        );
    }

    #[test]
    fn min_above_max_and_value_with_bounds_are_errors_at_the_bound() {
        let fields = GOOD
            .replace("    value: 20\n", "    min: 12\n    max: 6\n")
            .replace("exact", "range");
        assert_eq!(
            problems(&fields),
            ["10:10 fact `users-growth` has `min` 12 above `max` 6"]
        );
        let fields = GOOD.replace("    value: 20\n", "    value: 20\n    min: 1\n    max: 2\n");
        assert_eq!(
            problems(&fields),
            ["11:5 fact `users-growth` has both `value` and `min`/`max`"]
        );
    }

    #[test]
    fn a_missing_field_is_reported_once_at_the_fact() {
        let fields = GOOD.replace("    unit: percent\n", "");
        assert_eq!(problems(&fields), ["6:5 fact `users-growth` has no `unit`"]);
    }

    #[test]
    fn a_money_fact_needs_a_currency() {
        let text = yaml(GOOD).replace("kind: growth", "kind: money");
        let path = Path::new("content/a.yaml");
        let found: Vec<String> = validate(path, &text, &load(path, &text), Some(SOURCE))
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            found,
            ["fact `users-growth` is `money` but its unit is `percent`"]
        );
    }

    #[test]
    fn duplicate_ids_point_at_the_second_and_name_the_first_line() {
        let text = format!(
            "{}  - id: users-growth\n    kind: growth\n{GOOD}",
            yaml(GOOD)
        );
        let path = Path::new("content/a.yaml");
        let found = validate(path, &text, &load(path, &text), Some(SOURCE));
        assert_eq!(
            (
                found[0].line,
                found[0].column,
                found[0].message.as_str(),
                found[0].help.as_deref()
            ),
            (
                16,
                9,
                "duplicate fact id `users-growth`",
                Some("line 6 has this id already; ids must be unique in a file")
            )
        );
    }

    #[test]
    fn two_ids_with_one_permalink_are_an_error() {
        let text = format!(
            "{}  - id: a-users-growth\n    kind: growth\n{GOOD}",
            yaml(GOOD)
        );
        let path = Path::new("content/a.yaml");
        let found = validate(path, &text, &load(path, &text), Some(SOURCE));
        assert!(found[0].is_error());
        assert_eq!(
            found[0].message,
            "fact ids `users-growth` and `a-users-growth` have one permalink"
        );
    }

    #[test]
    fn a_repeated_quote_is_found_nearest_the_old_span() {
        let mut fact = Fact::new(Kind::Count, "s", "t");
        fact.quote = "ab".into();
        fact.span = [5, 7];
        assert_eq!(
            quote_problem(&fact, "ab ab ab", Format::Text),
            Some(QuoteProblem::SpanMismatch { found: 6..8 })
        );
    }

    #[test]
    fn a_kind_neither_built_in_nor_declared_is_an_error_with_the_nearest_word() {
        let path = Path::new("content/a.yaml");
        let yaml = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  - id: a\n    kind: grwoth\n  - id: b\n    kind: headcount\n";
        let loaded = super::super::load::load(path, yaml);
        let problems = undeclared_kinds(path, yaml, &loaded, &[]);
        let messages: Vec<(&str, usize, &str)> = problems
            .iter()
            .map(|p| (p.message.as_str(), p.line, p.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, "unknown kind `grwoth`");
        assert_eq!(messages[0].1, 7);
        assert!(
            messages[0].2.starts_with("did you mean `growth`?"),
            "{}",
            messages[0].2
        );
        assert!(
            messages[1].2.starts_with("write one of growth, price_cut"),
            "{}",
            messages[1].2
        );
        assert!(undeclared_kinds(path, yaml, &loaded, &["grwoth", "headcount"]).is_empty());
    }

    #[test]
    fn a_fact_file_parses_alone_into_its_sheet_or_its_errors() {
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts: []\n";
        let sheet = parse(Path::new("content/a.yaml"), text).unwrap();
        assert_eq!(sheet.article.slug, "a");
        let broken = text.replace("slug: a", "slug: A b");
        assert!(parse(Path::new("content/a.yaml"), &broken).is_err());
    }
}
