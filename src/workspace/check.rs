//! Checking a site: each fact file on its own, against its article and against the vocabulary,
//! then the checks across files (one slug, one fact file per article). Every check gives a
//! [`Checked`], and [`gather`] alone turns many into sheets and problems.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::extract::Vocabulary;
use crate::facts::validate;
use crate::project::Project;
use crate::site::Sheet;
use crate::source::Article;

use super::read::{ContentFile, read_content, read_source, read_vocabulary};

/// One fact file checked: what the checks across files need of it, its sheet when it has no
/// error, and its own problems.
#[derive(Debug, Clone)]
pub struct Checked {
    pub identity: validate::Identity,
    pub sheet: Option<Sheet>,
    pub problems: Vec<Diagnostic>,
}

/// Validates fact files against their articles and each other. Returns the sheets of the
/// files without errors, ready to render, and every problem of every file, in file order.
pub fn check_content(
    project: &Project,
    files: &[ContentFile],
    vocabulary: &Vocabulary,
) -> (Vec<Sheet>, Vec<Diagnostic>) {
    // Every article is read as its file is checked, in parallel.
    let by_source = BTreeMap::new();
    let checked = files
        .par_iter()
        .map(|file| check_file(project, file, &by_source, vocabulary))
        .collect();
    gather(checked)
}

/// Checked files with the checks across files added: the sheets without errors, in the order
/// of their paths, and every problem in file order.
pub fn gather(mut checked: Vec<Checked>) -> (Vec<Sheet>, Vec<Diagnostic>) {
    checked.sort_by(|a, b| a.identity.path.cmp(&b.identity.path));
    let mut problems = validate::validate_site(checked.iter().map(|c| &c.identity));
    let mut sheets = Vec::new();
    for file in checked {
        sheets.extend(file.sheet);
        problems.extend(file.problems);
    }
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    (sheets, problems)
}

/// One fact file against its article, taken from `articles` or read from its `source`; the
/// file is left as it is.
pub fn check_file(
    project: &Project,
    file: &ContentFile,
    articles: &BTreeMap<&str, &Article>,
    vocabulary: &Vocabulary,
) -> Checked {
    let article = file
        .source()
        .and_then(|source| articles.get(source))
        .map(|article| (*article).clone());
    check(project, file.clone(), article, vocabulary)
}

/// [`check_file`] for a build, which needs the file and its article no more: the sheet takes the
/// file's text and facts and the article without a copy, and lets go of the two texts at once
/// ([`Sheet::release`]): a build reads them again for the article's own pages.
pub fn check_owned(
    project: &Project,
    file: ContentFile,
    article: Option<Article>,
    vocabulary: &Vocabulary,
) -> Checked {
    let mut checked = check(project, file, article, vocabulary);
    if let Some(sheet) = &mut checked.sheet {
        sheet.release(&project.root, &checked.identity.path);
    }
    checked
}

/// `file` against `article`, read from the file's `source` when not given.
fn check(
    project: &Project,
    file: ContentFile,
    article: Option<Article>,
    vocabulary: &Vocabulary,
) -> Checked {
    let identity = file.identity();
    let article = file.source().map(|source| match article {
        Some(article) => Ok(article),
        None => read_source(project, source),
    });
    let problems = problems_against(&file, article.as_ref(), vocabulary);
    let sheet = match article {
        Some(Ok(article)) if !problems.iter().any(Diagnostic::is_error) => {
            let ContentFile { text, loaded, .. } = file;
            // The loaded file is shared when the caller kept it: its facts are copied then.
            let facts = std::sync::Arc::try_unwrap(loaded)
                .map(|loaded| loaded.sheet)
                .unwrap_or_else(|shared| shared.sheet.clone());
            Some(Sheet::new(facts, article, text))
        }
        _ => None,
    };
    Checked {
        identity,
        sheet,
        problems,
    }
}

/// [`check_content`] for a build, which needs the files and articles no more (see
/// [`check_owned`]), so that a large site is never held twice. `earlier` are files checked
/// already, for the checks across files.
pub fn check_content_owned(
    project: &Project,
    files: Vec<ContentFile>,
    articles: Vec<Article>,
    earlier: Vec<Checked>,
    vocabulary: &Vocabulary,
) -> (Vec<Sheet>, Vec<Diagnostic>) {
    let mut by_source: BTreeMap<String, Article> = articles
        .into_iter()
        .map(|a| (a.source.clone(), a))
        .collect();
    // Two files naming one article (a problem of the checks across files) read it each.
    let paired: Vec<(ContentFile, Option<Article>)> = files
        .into_iter()
        .map(|file| {
            let article = file.source().and_then(|source| by_source.remove(source));
            (file, article)
        })
        .collect();
    let mut checked: Vec<Checked> = paired
        .into_par_iter()
        .map(|(file, article)| check_owned(project, file, article, vocabulary))
        .collect();
    checked.extend(earlier);
    gather(checked)
}

/// The problems of `file`, its own and against its article: `None` when it names no source,
/// an error when the article it names could not be read.
fn problems_against(
    file: &ContentFile,
    article: Option<&std::result::Result<Article, String>>,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let mut own = file.loaded.problems.clone();
    if let Some(Err(message)) = article {
        let offset = file.loaded.places.article.value_at("source");
        own.push(
            Diagnostic::error(&file.path, message.clone())
                .at_offset(&file.text, offset)
                .with_help(
                    "`source` is the article's path relative to the site root, e.g. seeds/a.txt",
                ),
        );
    }
    if file.loaded.yaml {
        own.extend(validate::validate(
            &file.path,
            &file.text,
            &file.loaded,
            article
                .and_then(|a| a.as_ref().ok())
                .map(|a| a.text.as_str()),
        ));
        own.extend(validate::undeclared_kinds(
            &file.path,
            &file.text,
            &file.loaded,
            &vocabulary.kind_names(),
        ));
    }
    own
}

/// Loads and validates all of `content/` against the articles it cites: the sheets ready to
/// render, or every problem found.
pub fn load_sheets(project: &Project) -> Result<Vec<Sheet>> {
    let (files, mut problems) = read_content(project, |file| file)?;
    let (sheets, found) = check_content(project, &files, &read_vocabulary(project)?);
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(problems));
    }
    Ok(sheets)
}
