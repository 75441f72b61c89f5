//! Article -> facts. (Interface only so far; the rules land with the extraction work.)

use std::fmt;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::facts::Fact;
use crate::source::Article;

/// A site's own extraction vocabulary, read from `extract.toml` at the site root.
/// The default is the built-in vocabulary alone.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {}

impl Vocabulary {
    /// The name of the file at the site root this is read from.
    pub const FILE: &'static str = "extract.toml";

    /// Parses the text of `extract.toml`; `path` labels the diagnostic.
    pub fn parse(path: &Path, text: &str) -> Result<Vocabulary, Diagnostic> {
        let _ = (path, text);
        Ok(Vocabulary {})
    }
}

/// What extraction found in one article, and why.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// In order of appearance, with stable ids unique in the article.
    pub facts: Vec<Fact>,
    /// For `extract --explain`: one note per fact (the rule and the text it matched), and one per
    /// number that yielded no fact (why it was left out).
    pub notes: Vec<Note>,
}

/// One line of `extract --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Byte offsets in the article of the text the note is about.
    pub span: [usize; 2],
    /// That text.
    pub text: String,
    /// The fact's id, or `None` for a number left out.
    pub fact: Option<String>,
    /// The rule that produced the fact, or the reason the number was left out.
    pub reason: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fact {
            Some(id) => write!(f, "{id}: \"{}\" by rule {}", self.text, self.reason),
            None => write!(f, "left out \"{}\": {}", self.text, self.reason),
        }
    }
}

/// Every fact stated in `article` with the built-in vocabulary.
pub fn extract(article: &Article) -> Vec<Fact> {
    extract_with(article, &Vocabulary::default()).facts
}

/// Every fact stated in `article`, with a site's vocabulary, and the notes explaining them.
pub fn extract_with(article: &Article, vocabulary: &Vocabulary) -> Extraction {
    let _ = (article, vocabulary);
    Extraction::default()
}
