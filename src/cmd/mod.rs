//! The commands: each reads what it needs, calls the pure stages, and writes. All the I/O of
//! factsheet happens here; the binary prints what a command returns.

pub mod build;
pub mod check;
pub mod extract;
pub mod init;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::facts::{FactSheet, load, validate};
use crate::project::Project;
use crate::site::Sheet;
use crate::source::{self, Article};

/// What a command has to say when it succeeds.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that did not stop the command.
    pub warnings: Vec<Diagnostic>,
    /// Lines for the user, printed after the warnings.
    pub lines: Vec<String>,
}

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

/// Every article of `seeds/`; unreadable ones are errors.
pub fn read_articles(project: &Project) -> Result<Vec<Article>> {
    let (articles, problems) = source::read_dir(&project.root, &project.seeds());
    if problems.is_empty() {
        Ok(articles)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A fact file as found on disk.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Relative to the site root, for messages: `content/x.yaml`.
    pub path: PathBuf,
    pub text: String,
    /// `None` when the file does not parse; its problem is in the diagnostics.
    pub sheet: Option<FactSheet>,
}

/// Reads and parses every `content/*.yaml`, sorted by path. Parse problems are returned, not raised.
pub fn read_content(project: &Project) -> Result<(Vec<ContentFile>, Vec<Diagnostic>)> {
    let dir = project.content();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.exists() {
        return Ok((files, problems));
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            Error::io(path, std::io::Error::other(e.to_string()))
        })?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        if !entry.file_type().is_file() || !is_yaml {
            continue;
        }
        let path = project.display(entry.path());
        let text = match std::fs::read_to_string(entry.path()) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                problems.push(
                    Diagnostic::error(&path, "not UTF-8").with_help("save the file as UTF-8 text"),
                );
                continue;
            }
            Err(error) => return Err(Error::io(entry.path(), error)),
        };
        let sheet = match load::parse(&path, &text) {
            Ok(sheet) => Some(sheet),
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        files.push(ContentFile { path, text, sheet });
    }
    Ok((files, problems))
}

/// Loads and validates all of `content/` against the articles it cites: the sheets ready to
/// render, or every problem found.
pub fn load_sheets(project: &Project) -> Result<Vec<Sheet>> {
    let (files, mut problems) = read_content(project)?;
    let mut sheets = Vec::new();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in files {
        let Some(sheet) = file.sheet.clone() else {
            continue;
        };
        if let Some(first) = slugs.insert(sheet.article.slug.clone(), file.path.clone()) {
            problems.push(
                slug_diagnostic(
                    &file,
                    format!(
                        "slug `{}` is used by {} too",
                        sheet.article.slug,
                        first.display()
                    ),
                )
                .with_help("give each article its own slug"),
            );
        }
        let article = match read_source(project, &sheet.article.source) {
            Ok(article) => Some(article),
            Err(message) => {
                problems.push(source_diagnostic(&file, message).with_help(
                    "`source` is the article's path relative to the site root, e.g. seeds/a.txt",
                ));
                None
            }
        };
        problems.extend(validate::validate(
            &file.path,
            &file.text,
            &sheet,
            article.as_ref().map(|a| a.text.as_str()),
        ));
        if let Some(article) = article {
            sheets.push(Sheet {
                facts: sheet,
                article,
                yaml: file.text,
            });
        }
    }
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(problems));
    }
    Ok(sheets)
}

/// The article a fact file's `source` names, refusing paths that leave the site root.
fn read_source(project: &Project, source: &str) -> std::result::Result<Article, String> {
    let relative = Path::new(source);
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        return Err(format!("source `{source}` is outside the site"));
    }
    let text = std::fs::read_to_string(project.root.join(relative))
        .map_err(|e| format!("source `{source}` cannot be read: {e}"))?;
    Article::parse(source, text).map_err(|d| d.message)
}

fn line_of(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let column = line.find(key)?;
        line[column + key.len()..]
            .starts_with(':')
            .then_some((i + 1, column + 1))
    })
}

fn slug_diagnostic(file: &ContentFile, message: String) -> Diagnostic {
    located(file, "slug", message)
}

fn source_diagnostic(file: &ContentFile, message: String) -> Diagnostic {
    located(file, "source", message)
}

fn located(file: &ContentFile, key: &str, message: String) -> Diagnostic {
    let diagnostic = Diagnostic::error(&file.path, message);
    match line_of(&file.text, key) {
        Some((line, column)) => diagnostic.at(&file.text, line, column),
        None => diagnostic,
    }
}
