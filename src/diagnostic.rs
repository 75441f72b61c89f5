//! Problems found in a person's files, as data: where (file, line, column), what, and what to do.
//!
//! Stages collect every `Diagnostic` they find instead of stopping at the first, so one run of
//! `check` or `build` reports everything; the binary prints them once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the site root where possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The text of the offending line, shown under the message with a caret.
    pub source_line: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            help: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at `line`:`column` (1-based) of `text`, quoting that line.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self.source_line = line
            .checked_sub(1)
            .and_then(|index| text.lines().nth(index))
            .map(str::to_string);
        self
    }

    /// Points the diagnostic at byte `offset` of `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Diagnostic {
        let (line, column) = line_column(text, offset);
        self.at(text, line, column)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        if self.line == 0 {
            writeln!(f, "{path}: {label}: {}", self.message)?;
        } else {
            writeln!(
                f,
                "{path}:{}:{}: {label}: {}",
                self.line, self.column, self.message
            )?;
        }
        if let Some(source_line) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the caret; show them as single spaces.
            let shown: String = source_line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(
                f,
                "{gutter} | {}^",
                " ".repeat(self.column.saturating_sub(1))
            )?;
        }
        if let Some(help) = &self.help {
            // Under the gutter's bar, as rustc puts it.
            let width = match &self.source_line {
                Some(_) => self.line.to_string().len(),
                None => 1,
            };
            writeln!(f, "{} = help: {help}", " ".repeat(width))?;
        }
        Ok(())
    }
}

/// A serde-saphyr error as a diagnostic: its message without the library's own snippet, since
/// `Diagnostic` prints the line and caret itself.
pub fn yaml_diagnostic(path: &Path, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let rendered = error.to_string();
    let message = rendered
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim_start_matches("error: ")
        .to_string();
    let message = strip_location_suffix(&message);
    let diagnostic = Diagnostic::error(path, message);
    match error.location() {
        Some(location) if location.line() > 0 => {
            diagnostic.at(text, location.line() as usize, location.column() as usize)
        }
        _ => diagnostic,
    }
}

/// serde-saphyr ends some messages with " at line N, column M"; the diagnostic says that already.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_one_based_and_count_characters() {
        let text = "a: 1\nbé: x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 5), (2, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 5));
    }

    #[test]
    fn prints_the_place_the_line_a_caret_and_the_help() {
        let text = "facts:\n  - vlaue: 3\n";
        let shown = Diagnostic::error("content/a.yaml", "unknown field `vlaue`")
            .at(text, 2, 5)
            .with_help("did you mean `value`?")
            .to_string();
        assert_eq!(
            shown,
            "content/a.yaml:2:5: error: unknown field `vlaue`\n  |\n2 |   - vlaue: 3\n  |     ^\n  = help: did you mean `value`?\n"
        );
    }
}
