//! `factsheet check`: load and validate `content/`, and with `--fix` correct the spans whose
//! quote is found elsewhere in the article, writing nothing else.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::facts::validate::{QuoteProblem, quote_problem};
use crate::fs::write_atomic;
use crate::project::Project;

use super::{ContentFile, Report};

/// How `check` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Correct spans that do not match their quote.
    pub fix: bool,
}

pub fn run(project: &Project, options: &CheckOptions) -> Result<Report> {
    let (mut files, mut problems) = super::read_content(project)?;
    let mut lines = Vec::new();
    if options.fix {
        for file in &mut files {
            let Some(source) = file.source() else {
                continue;
            };
            let Ok(article) = super::read_source(project, source) else {
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
    let (sheets, found) = super::check_content(project, &files, &super::read_vocabulary(project)?);
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(problems));
    }
    let facts: usize = sheets.iter().map(|s| s.facts.facts.len()).sum();
    lines.push(format!(
        "{} articles, {facts} facts: no problems found",
        sheets.len()
    ));
    Ok(Report {
        warnings: problems,
        lines,
    })
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
