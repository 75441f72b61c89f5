//! Reading a site: its configuration, vocabulary, articles, fact files and records of
//! extraction, each read once here for every command and the preview. Problems in the files
//! are returned as diagnostics, every one of them; only a failure to read is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::extract::Vocabulary;
use crate::facts::load::{self, Loaded};
use crate::facts::record::{self, Record};
use crate::facts::{FactSheet, validate};
use crate::project::Project;
use crate::source::{self, Article};

/// Reads `config.toml`, or the defaults when there is none.
pub fn read_config(project: &Project) -> Result<Config> {
    let path = project.config_file();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            Config::parse(&project.display(&path), &text).map_err(|d| Error::Invalid(vec![d]))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Reads the site's `extract.toml`, or the built-in vocabulary alone when there is none.
pub fn read_vocabulary(project: &Project) -> Result<Vocabulary> {
    let path = project.root.join(Vocabulary::FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            Vocabulary::parse(&project.display(&path), &text).map_err(|d| Error::Invalid(vec![d]))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vocabulary::default()),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Every article of `seeds/`; unreadable ones are errors.
pub fn read_articles(project: &Project) -> Result<Vec<Article>> {
    let outside = read_config(project)?.links_outside_site;
    let (articles, problems) =
        source::read_dir(&project.root, &project.seeds(), &project.reads, outside);
    if problems.is_empty() {
        Ok(articles)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A fact file as found on disk, read as far as it could be.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Relative to the site root, for messages: `content/x.yaml`.
    pub path: PathBuf,
    pub text: String,
    /// The tree, the sheet, where each field is, and the problems of syntax and type. Shared:
    /// the tree is most of a loaded file's memory, and a file is handed on without a copy.
    pub loaded: std::sync::Arc<Loaded>,
}

impl ContentFile {
    /// Loads `text`, the contents of the fact file at `path` (relative to the site root).
    pub fn new(path: PathBuf, text: String) -> ContentFile {
        let loaded = std::sync::Arc::new(load::load(&path, &text));
        ContentFile { path, text, loaded }
    }

    /// The sheet, when the file has no error of syntax or type.
    pub fn sheet(&self) -> Option<&FactSheet> {
        self.loaded.sheet()
    }

    /// What the checks across files need of it.
    pub fn identity(&self) -> validate::Identity {
        validate::Identity::of(&self.path, &self.text, &self.loaded)
    }

    /// The article the file names as its `source`, when that can be read.
    pub fn source(&self) -> Option<&str> {
        self.loaded
            .places
            .article
            .valid("source")
            .then_some(self.loaded.sheet.article.source.as_str())
    }
}

/// Reads and loads every `content/*.yaml`, sorted by path, handing each file to `take` as
/// soon as it is loaded (in parallel): `|file| file` keeps them all, and a build checks each
/// one there and lets its text go, so that the whole of `content/` is never in memory at
/// once. Files that cannot be read as text are returned as problems; the problems of the
/// others stay with each file.
pub fn read_content<T: Send>(
    project: &Project,
    take: impl Fn(ContentFile) -> T + Sync,
) -> Result<(Vec<T>, Vec<Diagnostic>)> {
    let dir = project.content();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.exists() {
        return Ok((files, problems));
    }
    // The records of extraction live in a folder of their own, not among the fact files.
    let found = files_in(&dir, &["yaml", "yml"], Some(record::DIR))?;
    // Reading and parsing are the work of loading a large site: in parallel, kept in order.
    let read: Vec<Result<std::result::Result<T, Diagnostic>>> = found
        .par_iter()
        .map(|full| {
            let path = project.display(full);
            match project.reads.read_to_string(full) {
                Ok(text) => Ok(Ok(take(ContentFile::new(path, text)))),
                Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                    Ok(Err(Diagnostic::error(&path, "not UTF-8")
                        .with_help("save the file as UTF-8 text")))
                }
                Err(error) => Err(Error::io(full, error)),
            }
        })
        .collect();
    for outcome in read {
        match outcome? {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    Ok((files, problems))
}

/// The files under `dir` with one of `extensions`, sorted by path, without looking into
/// folders named `skip`. A folder that cannot be read is an error.
fn files_in(dir: &Path, extensions: &[&str], skip: Option<&str>) -> Result<Vec<PathBuf>> {
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || skip.is_none_or(|skip| e.file_name() != skip));
    let mut found = Vec::new();
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(path, std::io::Error::other(e.to_string()))
        })?;
        let wanted = entry
            .path()
            .extension()
            .is_some_and(|e| extensions.iter().any(|wanted| e == *wanted));
        // A link is a file of the site too: read through, and written through by
        // `fs::write_atomic` (a link to nothing is an error when it is read, never replaced).
        if (entry.file_type().is_file() || entry.path_is_symlink() && !is_dir(&entry)) && wanted {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

fn is_dir(entry: &walkdir::DirEntry) -> bool {
    entry.path().is_dir()
}

/// What an extraction is planned from: the articles, the site's vocabulary, every fact file and
/// the records of earlier extractions.
#[derive(Debug)]
pub struct Inputs {
    pub articles: Vec<Article>,
    pub vocabulary: Vocabulary,
    /// Every fact file, sorted by path.
    pub files: Vec<ContentFile>,
    pub records: Records,
}

impl Inputs {
    /// Reads them all. A fact file that cannot be read as text is an error, every one of them:
    /// a plan has to see every fact file to leave what a person wrote alone.
    pub fn read(project: &Project) -> Result<Inputs> {
        let articles = read_articles(project)?;
        let vocabulary = read_vocabulary(project)?;
        let (files, problems) = read_content(project, |file| file)?;
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let records = read_records(project)?;
        Ok(Inputs {
            articles,
            vocabulary,
            files,
            records,
        })
    }
}

/// The extraction records of `content/.extracted/`, by the article they are about.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub by_source: BTreeMap<String, StoredRecord>,
}

/// A record and the file it was read from.
#[derive(Debug, Clone)]
pub struct StoredRecord {
    /// Relative to the site root.
    pub path: PathBuf,
    pub text: String,
    pub record: Record,
}

impl Records {
    pub fn get(&self, source: &str) -> Option<&StoredRecord> {
        self.by_source.get(source)
    }
}

/// Reads every record of `content/.extracted/`. A record that cannot be read is an error:
/// without it, facts deleted by hand could come back.
pub fn read_records(project: &Project) -> Result<Records> {
    let dir = project.content().join(record::DIR);
    let mut records = Records::default();
    let mut problems = Vec::new();
    if !dir.exists() {
        return Ok(records);
    }
    let found = files_in(&dir, &["txt"], None)?;
    type Read = (PathBuf, String, std::result::Result<Record, Diagnostic>);
    let read: Vec<Result<Read>> = found
        .par_iter()
        .map(|full| {
            let path = project.display(full);
            let text = project
                .reads
                .read_to_string(full)
                .map_err(|e| Error::io(full, e))?;
            let record = Record::parse(&path, &text);
            Ok((path, text, record))
        })
        .collect();
    for outcome in read {
        let (path, text, record) = outcome?;
        match record {
            Ok(record) => {
                if let Some(first) = records.by_source.get(&record.source) {
                    problems.push(
                        Diagnostic::error(&path, format!("{} has a record already: {}", record.source, first.path.display()))
                            .with_help("keep one record per article: move the `fact` lines of one file into the other and delete it"),
                    );
                } else {
                    let stored = StoredRecord { path, text, record };
                    records
                        .by_source
                        .insert(stored.record.source.clone(), stored);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The article a fact file's `source` names, refusing paths that leave the site root.
pub fn read_source(project: &Project, source: &str) -> std::result::Result<Article, String> {
    let relative = Path::new(source);
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        return Err(format!("source `{source}` is outside the site"));
    }
    let path = project.root.join(relative);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("source `{source}` does not exist"));
        }
        Err(e) => return Err(format!("source `{source}` cannot be read: {e}")),
        // A FIFO would block the build forever; a folder cannot be an article.
        Ok(metadata) if !metadata.is_file() => {
            return Err(format!("source `{source}` is not a regular file"));
        }
        Ok(_) => {}
    }
    Article::read(&path, source, &project.reads).map_err(|d| d.message)
}
