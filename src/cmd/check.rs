//! `factsheet check`: load and validate `content/`, and with `--fix` correct the spans whose
//! quote is found elsewhere in the article, writing nothing else.

use crate::diagnostic::{Diagnostic, line_column};
use crate::error::{Error, Result};
use crate::facts::conflicts;
use crate::facts::validate::{QuoteProblem, quote_problem};
use crate::fs::write_atomic;
use crate::project::Project;

use crate::workspace::{self, ContentFile};

use super::Report;

/// How `check` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Correct spans that do not match their quote.
    pub fix: bool,
}

pub fn run(project: &Project, options: &CheckOptions) -> Result<Report> {
    let (mut files, mut problems) = workspace::read_content(project, |file| file)?;
    let mut lines = Vec::new();
    if options.fix {
        for file in &mut files {
            let Some(source) = file.source() else {
                continue;
            };
            let Ok(article) = workspace::read_source(project, source) else {
                continue;
            };
            let (text, fixed) = fix_spans(file, &article.text);
            if fixed > 0 {
                write_atomic(&project.root.join(&file.path), text.as_bytes())?;
                lines.push(format!(
                    "{}: corrected {fixed} span{}",
                    file.path.display(),
                    if fixed == 1 { "" } else { "s" }
                ));
                *file = ContentFile::new(file.path.clone(), text);
            }
        }
    }
    let (sheets, found) =
        workspace::check_content(project, &files, &workspace::read_vocabulary(project)?);
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(problems));
    }
    let conflicting = conflict_warnings(&files);
    let facts: usize = sheets.iter().map(|s| s.facts.facts.len()).sum();
    lines.push(format!(
        "{} articles, {facts} facts: no problems found{}",
        sheets.len(),
        match conflicting.len() {
            0 => String::new(),
            n => format!(", {n} conflicting figure{}", if n == 1 { "" } else { "s" }),
        }
    ));
    problems.extend(conflicting);
    Ok(Report {
        warnings: problems,
        lines,
    })
}

/// Other figures a conflict warning names.
const WARNING_OTHERS: usize = 3;

/// A warning at each fact whose figure another article contradicts ([`conflicts::find`]),
/// naming where the other figures are.
fn conflict_warnings(files: &[ContentFile]) -> Vec<Diagnostic> {
    let loaded: Vec<&ContentFile> = files.iter().filter(|f| f.sheet().is_some()).collect();
    let sheets: Vec<&crate::facts::FactSheet> = loaded.iter().map(|f| &f.loaded.sheet).collect();
    let place = |(file, index): (usize, usize)| {
        let file = loaded[file];
        let places = &file.loaded.places.facts[index];
        let offset = if places.has("value") {
            places.value_at("value")
        } else {
            places.value_at("min")
        };
        (file, &file.loaded.sheet.facts[index], offset)
    };
    let mut warnings = Vec::new();
    for conflict in conflicts::find(&sheets) {
        for &here in &conflict.facts {
            let (file, fact, offset) = place(here);
            // A measure a hundred articles repeat would make each warning a page long: a few
            // places say where to look.
            let others: Vec<(usize, usize)> = conflict
                .facts
                .iter()
                .copied()
                .filter(|other| other.0 != here.0)
                .collect();
            let mut named: Vec<String> = others
                .iter()
                .take(WARNING_OTHERS)
                .map(|&other| {
                    let (file, fact, offset) = place(other);
                    let (line, column) = line_column(&file.text, offset);
                    format!(
                        "\"{}\" in {}:{line}:{column}",
                        fact.text,
                        file.path.display()
                    )
                })
                .collect();
            if others.len() > WARNING_OTHERS {
                named.push(format!("{} more", others.len() - WARNING_OTHERS));
            }
            let period = fact.period.as_ref().map_or("", |p| p.as_str());
            warnings.push(
                Diagnostic::warning(
                    &file.path,
                    format!(
                        "`{}` {} in {period} is \"{}\" here, but {}",
                        fact.subject,
                        fact.metric.as_deref().unwrap_or_default(),
                        fact.text,
                        named.join(" and ")
                    ),
                )
                .at_offset(&file.text, offset)
                .with_help(
                    "the articles disagree: check both, and correct the fact that is wrong (the \
                     site shows both figures on each sheet and on conflicts/)",
                ),
            );
        }
    }
    warnings
}

/// The file's text with every span whose quote is elsewhere in `source` set to where the
/// quote is, and how many were corrected. Only the numbers of those spans change.
pub fn fix_spans(file: &ContentFile, source: &str) -> (String, usize) {
    let loaded = &file.loaded;
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let format = crate::source::Format::of(&loaded.sheet.article.source);
    for (fact, places) in loaded.sheet.facts.iter().zip(&loaded.places.facts) {
        if !(places.valid("quote") && places.valid("span")) {
            continue;
        }
        let Some(QuoteProblem::SpanMismatch { found }) = quote_problem(fact, source, format) else {
            continue;
        };
        let items = &places.fields["span"].items;
        let correct = [found.start, found.end];
        for (range, number) in items.iter().zip(correct) {
            edits.push((range.clone(), number.to_string()));
        }
    }
    let fixed = edits.len() / 2;
    let mut text = file.text.clone();
    // From the end, so the offsets of the edits still to make stay true.
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, number) in edits {
        text.replace_range(range, &number);
    }
    (text, fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn fixing_spans_changes_only_their_numbers() {
        let source = "Intro.\nUsers grew by 20% this year.\n";
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  - id: x  # mine\n    quote: \"Users grew by 20% this year.\"\n    span: [0, 28]   # wrong\n  - id: y\n    quote: 'Intro.'\n    span:\n      - 0\n      - 6\n";
        let file = ContentFile::new(PathBuf::from("content/a.yaml"), text.to_string());
        let (fixed, count) = fix_spans(&file, source);
        assert_eq!(count, 1);
        assert_eq!(fixed, text.replace("[0, 28]", "[7, 35]"));
    }
}
