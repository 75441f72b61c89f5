//! YAML text -> `FactSheet`, with every problem located at its file, line and column.
//!
//! Reading files is the caller's business: this module parses a `&str` so it can be tested and
//! fuzzed without a disk.

use std::path::Path;

use super::FactSheet;
use crate::diagnostic::Diagnostic;

/// Parses one fact file. `path` only labels the diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<FactSheet, Diagnostic> {
    serde_saphyr::from_str::<FactSheet>(text).map_err(|error| yaml_diagnostic(path, text, &error))
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
    fn parses_a_minimal_fact_file() {
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts: []\n";
        let sheet = parse(Path::new("content/a.yaml"), text).unwrap();
        assert_eq!(sheet.article.slug, "a");
        assert!(sheet.facts.is_empty());
    }

    #[test]
    fn a_wrong_field_is_located() {
        let text = "article:\n  slug: a\n  title: A\n  source: seeds/a.txt\nfacts:\n  - id: x\n    vlaue: 3\n";
        let error = parse(Path::new("content/a.yaml"), text).unwrap_err();
        assert_eq!(
            (error.line, error.path.to_str()),
            (7, Some("content/a.yaml"))
        );
        assert!(error.message.contains("vlaue"), "{}", error.message);
    }
}
