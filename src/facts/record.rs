//! The extraction record: which fact ids extraction has ever proposed for an article, and a
//! hash of the article text they were proposed from.
//!
//! It is what lets a person delete a fact for good: a fact whose id is in the record and not
//! in the fact file was deleted by hand, and re-extraction leaves it out. The record is a
//! committed file beside the content (`content/.extracted/<name>.txt`), so the memory travels
//! with the repository: a fresh clone keeps deleted facts deleted. It is plain text, one
//! sorted line per id, so it is deterministic, diffs well and merges by hand; it is not YAML,
//! so the loader never mistakes it for a fact file.
//!
//! ```text
//! # Facts extraction has proposed for this article. A fact listed here and missing from the
//! # fact file was deleted by hand and is not proposed again. Commit this file with content/.
//! source seeds/000_d4d941a4b011dfac.txt
//! xxh3 5f2c1a09b3d4e6f7
//! fact alpha-cloud-revenue-growth
//! fact beta-app-downloads
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The folder of records, inside `content/`.
pub const DIR: &str = ".extracted";

/// What extraction has proposed for one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// The article, relative to the site root, as in the fact file's `source`.
    pub source: String,
    /// xxh3 of the article text at the last extraction; `None` when unknown (a record merged
    /// by hand from two versions), which makes the next build extract the article again.
    pub hash: Option<u64>,
    /// Every fact id extraction has proposed for the article.
    pub facts: BTreeSet<String>,
}

const HEADER: &str = "# Facts extraction has proposed for this article. A fact listed here and missing from the\n\
# fact file was deleted by hand and is not proposed again. Commit this file with content/.\n";

impl Record {
    /// A record of extracting `facts` from the article at `source` whose text is `text`.
    pub fn new(source: &str, text: &str, facts: impl IntoIterator<Item = String>) -> Record {
        Record {
            source: source.to_string(),
            hash: Some(source_hash(text)),
            facts: facts.into_iter().collect(),
        }
    }

    /// Parses a record; `path` labels the diagnostic. Lines of a git conflict are read as the
    /// union of both sides, which is the right merge of two sets of ids; two different hashes
    /// make the hash unknown.
    pub fn parse(path: &Path, text: &str) -> Result<Record, Diagnostic> {
        let mut record = Record::default();
        let mut hashes = BTreeSet::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let line = line.trim_end();
            let conflict = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
                .iter()
                .any(|marker| line.starts_with(marker));
            if line.is_empty() || line.starts_with('#') || conflict {
                continue;
            }
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            let value = value.trim();
            match key {
                "source" if !value.is_empty() => record.source = value.to_string(),
                "xxh3" if u64::from_str_radix(value, 16).is_ok() => {
                    hashes.insert(u64::from_str_radix(value, 16).expect("checked"));
                }
                "fact" if !value.is_empty() => {
                    record.facts.insert(value.to_string());
                }
                _ => {
                    return Err(Diagnostic::error(path, format!("cannot read the line `{line}`"))
                        .at_offset(text, start)
                        .with_help("an extraction record has `source PATH`, `xxh3 HEX` and `fact ID` lines; delete the file to start it anew (deleted facts may then be proposed again)"));
                }
            }
        }
        if record.source.is_empty() {
            return Err(Diagnostic::error(path, "the record names no `source`")
                .with_help("add a line `source seeds/NAME.txt` naming the article"));
        }
        record.hash = match hashes.len() {
            1 => hashes.pop_first(),
            _ => None,
        };
        Ok(record)
    }

    /// The file's text: always the same bytes for the same record.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        out.push_str(&format!("source {}\n", self.source));
        if let Some(hash) = self.hash {
            out.push_str(&format!("xxh3 {hash:016x}\n"));
        }
        for id in &self.facts {
            out.push_str(&format!("fact {id}\n"));
        }
        out
    }

    /// Whether `text` is the article text this record was made from.
    pub fn is_current(&self, text: &str) -> bool {
        self.hash == Some(source_hash(text))
    }
}

/// The hash of an article's text: xxh3, stable across runs and machines.
pub fn source_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_what_it_writes() {
        let record = Record::new(
            "seeds/a.txt",
            "Sales rose.",
            ["b-id".to_string(), "a-id".to_string()],
        );
        let text = record.to_text();
        assert!(
            text.starts_with(&format!("{HEADER}source seeds/a.txt\nxxh3 ")),
            "{text}"
        );
        assert_eq!(Record::parse(Path::new("r.txt"), &text), Ok(record.clone()));
        assert!(text.ends_with("fact a-id\nfact b-id\n"), "{text}");
        assert!(record.is_current("Sales rose."));
        assert!(!record.is_current("Sales fell."));
    }

    #[test]
    fn a_git_conflict_reads_as_the_union_with_an_unknown_hash() {
        let text = "source seeds/a.txt\n<<<<<<< ours\nxxh3 00000000000000aa\nfact a\n=======\nxxh3 00000000000000bb\nfact b\n>>>>>>> theirs\n";
        let record = Record::parse(Path::new("r.txt"), text).unwrap();
        assert_eq!(record.hash, None);
        assert_eq!(
            record.facts,
            BTreeSet::from(["a".to_string(), "b".to_string()])
        );
    }

    #[test]
    fn a_line_it_cannot_read_is_located() {
        let problem =
            Record::parse(Path::new("r.txt"), "source seeds/a.txt\nfacts a\n").unwrap_err();
        assert_eq!(
            (problem.line, problem.message.as_str()),
            (2, "cannot read the line `facts a`")
        );
    }
}
