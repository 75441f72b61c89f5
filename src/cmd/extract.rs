//! `factsheet extract`: articles of `seeds/` -> `content/<slug>.yaml`, one file per article.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::extract;
use crate::facts::{ArticleMeta, FactSheet, write};
use crate::fs::write_atomic;
use crate::project::Project;
use crate::source::Article;

use super::{ContentFile, Report};

pub fn run(project: &Project) -> Result<Report> {
    let articles = super::read_articles(project)?;
    let (files, problems) = super::read_content(project)?;
    if !problems.is_empty() {
        // A file that does not parse may be any article's: writing now could duplicate it.
        return Err(Error::Invalid(problems));
    }
    let written = extract_missing(project, &articles, &files)?;
    let kept = articles.len() - written.len();
    let mut lines: Vec<String> = written.iter().map(|w| format!("wrote {w}")).collect();
    lines.push(format!(
        "{} articles: {} extracted, {kept} with a fact file already (left as they are)",
        articles.len(),
        written.len()
    ));
    Ok(Report {
        lines,
        ..Report::default()
    })
}

/// Extracts every article that no fact file names as its `source` and writes its fact file.
/// Returns the paths written, relative to the root.
pub fn extract_missing(
    project: &Project,
    articles: &[Article],
    files: &[ContentFile],
) -> Result<Vec<String>> {
    let sheets = files.iter().filter_map(|f| f.sheet.as_ref());
    let covered: BTreeSet<&str> = sheets.clone().map(|s| s.article.source.as_str()).collect();
    let mut taken: BTreeSet<String> = sheets.map(|s| s.article.slug.clone()).collect();
    taken.extend(
        files
            .iter()
            .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned())),
    );
    let mut written = Vec::new();
    for article in articles
        .iter()
        .filter(|a| !covered.contains(a.source.as_str()))
    {
        let slug = unique_slug(&article.slug, &taken);
        taken.insert(slug.clone());
        let sheet = sheet_for(article, slug);
        let relative = format!("content/{}.yaml", sheet.article.slug);
        write_atomic(
            &project.root.join(&relative),
            write::fact_file(&sheet).as_bytes(),
        )?;
        written.push(relative);
    }
    Ok(written)
}

/// The fact file proposed for `article`.
pub fn sheet_for(article: &Article, slug: String) -> FactSheet {
    FactSheet {
        article: ArticleMeta {
            slug,
            title: article.title.clone(),
            date: article.date,
            source: article.source.clone(),
        },
        facts: extract::extract(article),
    }
}

/// `slug`, or `slug-2`, `slug-3`... whichever is free.
fn unique_slug(slug: &str, taken: &BTreeSet<String>) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .expect("an unbounded sequence has a free slug")
}
