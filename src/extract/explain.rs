//! What `extract --explain` says: for every fact the rule that found it, the clause it was read
//! from and each resolver's choice with its reason; for every other number why it was left out.

use std::fmt;

/// One entry of `extract --explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Byte offsets in the article of the text the note is about.
    pub span: [usize; 2],
    /// That text.
    pub text: String,
    /// The fact's id, or `None` for a number left out.
    pub fact: Option<String>,
    /// The rule that produced the fact, or the reason the number was left out.
    pub reason: String,
    /// For a fact: the clause it was read from, then one line per field chosen.
    pub detail: Vec<String>,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fact {
            Some(id) => write!(f, "{id}: \"{}\" by rule {}", self.text, self.reason)?,
            None => write!(f, "left out \"{}\": {}", self.text, self.reason)?,
        }
        for line in &self.detail {
            write!(f, "\n    {line}")?;
        }
        Ok(())
    }
}

/// A resolver's choice as a line: `subject: Carrow Media (the owner of the measure; 0.90)`.
pub(crate) fn choice_line(field: &str, value: &str, reason: &str, confidence: f32) -> String {
    let value = if value.is_empty() { "(none)" } else { value };
    format!("{field}: {value} ({reason}; {confidence:.2})")
}
