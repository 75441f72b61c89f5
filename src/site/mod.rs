//! The static site: every fact sheet rendered through the theme's templates into files.
//! (Interface only in the skeleton; pages, templates and styles land with the site work.)

use crate::config::Config;
use crate::error::Result;
use crate::facts::FactSheet;
use crate::project::Project;
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

/// Templates and static files: the built-in ones, each overridden by a site file of the same name.
#[derive(Debug, Clone, Default)]
pub struct Theme {}

impl Theme {
    pub fn load(_project: &Project) -> Result<Theme> {
        Ok(Theme {})
    }

    /// The built-in files as (path relative to the site root, contents), for `init`.
    pub fn builtin_files() -> Vec<(String, &'static [u8])> {
        Vec::new()
    }
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

/// Every file of the site.
pub fn render(site: &Site, _theme: &Theme) -> Result<Vec<Output>> {
    let mut html = String::from("<!doctype html><title>facts</title><ul>");
    for sheet in &site.sheets {
        html.push_str(&format!(
            "<li>{} ({} facts)</li>",
            sheet.facts.article.slug,
            sheet.facts.facts.len()
        ));
    }
    Ok(vec![Output {
        path: "index.html".into(),
        bytes: html.into_bytes(),
    }])
}
