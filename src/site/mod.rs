//! The static site: every fact sheet rendered through the theme's templates into files.
//!
//! `render(&Site, &Theme) -> Vec<Output>` is pure: the pages (`pages.rs`) are plain data handed
//! to Tera (`render.rs`) with filters that write numbers for readers (`format.rs`); charts are
//! geometry for hand-written SVG (`charts.rs`); article text is escaped HTML with the quoted
//! sentences marked (`article.rs`); `downloads.rs` and `search.rs` write the data files. All links
//! are relative (`links.rs`), so the output works at any address and from disk.

pub mod article;
pub mod charts;
pub mod downloads;
pub mod format;
pub mod links;
pub mod pages;
pub mod render;
pub mod search;
pub mod theme;

pub use theme::Theme;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::facts::FactSheet;
use crate::source::Article;

/// Everything a build renders, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Sorted newest first, then by slug.
    pub sheets: Vec<Sheet>,
}

/// One article's fact file with the article it was extracted from.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub facts: FactSheet,
    pub article: Article,
    /// The fact file as written on disk, offered for download.
    pub yaml: String,
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated: `index.html`, `kinds/growth/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Site {
    pub fn new(config: Config, mut sheets: Vec<Sheet>) -> Site {
        sheets.sort_by(|a, b| {
            b.facts
                .article
                .date
                .cmp(&a.facts.article.date)
                .then_with(|| a.facts.article.slug.cmp(&b.facts.article.slug))
        });
        Site { config, sheets }
    }
}

/// Every file of the site, sorted by path.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Output>> {
    let locale = format::Locale::for_language(&site.config.language);
    let tera = render::engine(theme, locale)?;
    let mut files: BTreeMap<String, Vec<u8>> = theme
        .statics
        .iter()
        .map(|(path, file)| (path.clone(), file.bytes.clone()))
        .collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for page in pages::pages(site, &locale) {
        match render::render(&tera, theme, page.template, &page.context) {
            Ok(text) => {
                files.insert(page.path, text.into_bytes());
            }
            // One broken template breaks many pages the same way: report it once.
            Err(problem) if problems.contains(&problem) => {}
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    for sheet in &site.sheets {
        let folder = links::folder(&links::article_page(&sheet.facts.article.slug)).to_string();
        files.insert(
            format!("{folder}facts.json"),
            downloads::json(&sheet.facts).into_bytes(),
        );
        files.insert(
            format!("{folder}facts.csv"),
            downloads::csv([&sheet.facts]).into_bytes(),
        );
        files.insert(
            format!("{folder}facts.yaml"),
            sheet.yaml.clone().into_bytes(),
        );
    }
    let everything = downloads::SiteData {
        title: &site.config.title,
        articles: site.sheets.iter().map(|s| &s.facts).collect(),
    };
    files.insert(
        "facts.json".into(),
        downloads::json(&everything).into_bytes(),
    );
    files.insert(
        "facts.csv".into(),
        downloads::csv(site.sheets.iter().map(|s| &s.facts)).into_bytes(),
    );
    files.insert(
        search::PATH.into(),
        search::script(&search::entries(site, &locale)).into_bytes(),
    );
    Ok(files
        .into_iter()
        .map(|(path, bytes)| Output { path, bytes })
        .collect())
}
