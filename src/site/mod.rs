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
pub mod incremental;
pub mod links;
pub mod pages;
pub mod render;
pub mod search;
pub mod theme;

pub use incremental::{Fingerprint, Selection};
pub use theme::Theme;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rayon::prelude::*;

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
    let renderer = Renderer::new(theme.clone(), &site.config.language)?;
    let files = Mutex::new(BTreeMap::new());
    renderer.render_each(site, &Selection::everything(), &|output| {
        files
            .lock()
            .expect("no thread panics holding the files")
            .insert(output.path, output.bytes);
        Ok(())
    })?;
    Ok(files
        .into_inner()
        .expect("no thread panics holding the files")
        .into_iter()
        .map(|(path, bytes)| Output { path, bytes })
        .collect())
}

/// The theme with its templates parsed, ready to render any number of builds of a site.
pub struct Renderer {
    tera: tera::Tera,
    theme: Theme,
    locale: format::Locale,
}

/// A unit of rendering work: one page, or a few data files that go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Page(pages::PageId),
    /// `facts.json`, `facts.csv` and `facts.yaml` of the sheet at this position.
    SheetData(usize),
    /// The site's `facts.json` and `facts.csv`.
    SiteData,
    Search,
    Statics,
}

impl Renderer {
    /// Parses the templates of `theme` once, for a site in `language`.
    pub fn new(theme: Theme, language: &str) -> Result<Renderer> {
        let locale = format::Locale::for_language(language);
        let tera = render::engine(&theme, locale)?;
        Ok(Renderer {
            tera,
            theme,
            locale,
        })
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// This renderer with `theme` for a site in `language`, parsing the templates again only
    /// when they changed.
    pub fn with_theme(self, theme: Theme, language: &str) -> Result<Renderer> {
        if theme.templates == self.theme.templates && self.speaks(language) {
            Ok(Renderer { theme, ..self })
        } else {
            Renderer::new(theme, language)
        }
    }

    /// Whether this renderer renders for a site in `language`.
    pub fn speaks(&self, language: &str) -> bool {
        self.locale == format::Locale::for_language(language)
    }

    /// Renders the files of `site` that `selection` names, in parallel, handing each to `sink`
    /// as soon as it is done: a build never holds the whole site in memory. The order in which
    /// `sink` is called varies; what it is given does not. Problems of the templates are all
    /// returned, each once, in the order of the pages.
    pub fn render_each(
        &self,
        site: &Site,
        selection: &Selection,
        sink: &(dyn Fn(Output) -> Result<()> + Sync),
    ) -> Result<()> {
        let model = pages::Model::new(site, &self.locale);
        let jobs = jobs(&model, site, selection);
        // A static file of the same path as a page gives way to the page.
        let generated = if jobs.contains(&Job::Statics) {
            self.generated_paths(&model, site)
        } else {
            BTreeSet::new()
        };
        let outcomes: Vec<Result<Option<Diagnostic>>> = jobs
            .par_iter()
            .map(|job| match self.run(&model, site, *job, &generated) {
                Ok(outputs) => outputs.into_iter().try_for_each(sink).map(|()| None),
                Err(problem) => Ok(Some(problem)),
            })
            .collect();
        let mut problems: Vec<Diagnostic> = Vec::new();
        for outcome in outcomes {
            // One broken template breaks many pages the same way: report it once.
            match outcome? {
                Some(problem) if !problems.contains(&problem) => problems.push(problem),
                _ => {}
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// The path of every file of `site`, without rendering any.
    pub fn paths(&self, site: &Site) -> BTreeSet<String> {
        let model = pages::Model::new(site, &self.locale);
        let mut paths = self.generated_paths(&model, site);
        paths.extend(self.theme.statics.keys().cloned());
        paths
    }

    /// The path of every file rendered from the site's data.
    fn generated_paths(&self, model: &pages::Model, site: &Site) -> BTreeSet<String> {
        let mut paths: BTreeSet<String> = model
            .page_ids()
            .into_iter()
            .map(|id| model.path(id))
            .collect();
        for sheet in &site.sheets {
            let folder = links::folder(&links::article_page(&sheet.facts.article.slug)).to_string();
            for name in ["facts.json", "facts.csv", "facts.yaml"] {
                paths.insert(format!("{folder}{name}"));
            }
        }
        paths.extend(["facts.json".into(), "facts.csv".into(), search::PATH.into()]);
        paths
    }

    fn run(
        &self,
        model: &pages::Model,
        site: &Site,
        job: Job,
        generated: &BTreeSet<String>,
    ) -> std::result::Result<Vec<Output>, Diagnostic> {
        let output = |path: String, text: String| Output {
            path,
            bytes: text.into_bytes(),
        };
        Ok(match job {
            Job::Page(id) => {
                let page = model.page(id);
                let text = render::render(&self.tera, &self.theme, page.template, &page.context)?;
                let text = if page.path.ends_with(".html") {
                    trim_indentation(&text)
                } else {
                    text
                };
                vec![output(page.path, text)]
            }
            Job::SheetData(index) => {
                let sheet = &site.sheets[index];
                let folder =
                    links::folder(&links::article_page(&sheet.facts.article.slug)).to_string();
                vec![
                    output(format!("{folder}facts.json"), downloads::json(&sheet.facts)),
                    output(format!("{folder}facts.csv"), downloads::csv([&sheet.facts])),
                    output(format!("{folder}facts.yaml"), sheet.yaml.clone()),
                ]
            }
            Job::SiteData => {
                let everything = downloads::SiteData {
                    title: &site.config.title,
                    articles: site.sheets.iter().map(|s| &s.facts).collect(),
                };
                vec![
                    output("facts.json".into(), downloads::json(&everything)),
                    output(
                        "facts.csv".into(),
                        downloads::csv(site.sheets.iter().map(|s| &s.facts)),
                    ),
                ]
            }
            Job::Search => vec![output(
                search::PATH.into(),
                search::script(&search::entries(site, &self.locale)),
            )],
            Job::Statics => self
                .theme
                .statics
                .iter()
                .filter(|(path, _)| !generated.contains(*path))
                .map(|(path, file)| Output {
                    path: path.clone(),
                    bytes: file.bytes.clone(),
                })
                .collect(),
        })
    }
}

/// The work `selection` asks for, the biggest pages first so that no thread is left with a
/// long page at the end.
fn jobs(model: &pages::Model, site: &Site, selection: &Selection) -> Vec<Job> {
    use pages::PageId;
    let mut jobs = Vec::new();
    let all = selection.everything;
    if all || selection.listings {
        jobs.extend([
            Job::Page(PageId::Index),
            Job::SiteData,
            Job::Search,
            Job::Page(PageId::Feed),
            Job::Page(PageId::Sitemap),
            Job::Page(PageId::NotFound),
        ]);
    }
    for (index, kind) in model.kinds.iter().enumerate() {
        if all || selection.pages.contains(&kind.url) {
            jobs.push(Job::Page(PageId::Kind(index)));
        }
    }
    for (index, subject) in model.subjects.iter().enumerate() {
        if all || selection.pages.contains(&subject.url) {
            jobs.push(Job::Page(PageId::Subject(index)));
        }
    }
    for (index, sheet) in site.sheets.iter().enumerate() {
        if all || selection.sheets.contains(&sheet.facts.article.slug) {
            jobs.push(Job::Page(PageId::Sheet(index)));
            jobs.push(Job::SheetData(index));
        }
    }
    if all {
        jobs.push(Job::Page(PageId::Robots));
    }
    if all || selection.statics {
        jobs.push(Job::Statics);
    }
    jobs
}

/// Drops the indentation templates give their lines, outside `<pre>` and `<textarea>` where
/// it is content: a tenth of a page's bytes, with no change to how the page reads.
pub fn trim_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.split_inclusive('\n') {
        out.push_str(if verbatim {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        });
        let (opens, closes) = verbatim_tags(line.as_bytes());
        verbatim = match (opens, closes) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => verbatim,
        };
    }
    out
}

/// Where the last `<pre` or `<textarea` and the last `</pre` or `</textarea` of a line start,
/// in any case.
fn verbatim_tags(line: &[u8]) -> (Option<usize>, Option<usize>) {
    let starts = |at: usize, tag: &[u8]| {
        line.get(at..at + tag.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(tag))
    };
    let (mut opens, mut closes) = (None, None);
    for (at, _) in line.iter().enumerate().filter(|(_, b)| **b == b'<') {
        if starts(at + 1, b"pre") || starts(at + 1, b"textarea") {
            opens = Some(at);
        } else if starts(at + 1, b"/pre") || starts(at + 1, b"/textarea") {
            closes = Some(at);
        }
    }
    (opens, closes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    /// The small site of `tests/cases/browser-site`, rendered with `edit` applied to its config.
    fn fixture(edit: impl FnOnce(&mut Config)) -> BTreeMap<String, String> {
        let project = Project::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/browser-site"
        ));
        let mut config = crate::cmd::read_config(&project).unwrap();
        edit(&mut config);
        let site = Site::new(config, crate::cmd::load_sheets(&project).unwrap());
        render(&site, &Theme::default())
            .unwrap()
            .into_iter()
            .map(|o| (o.path, String::from_utf8(o.bytes).unwrap()))
            .collect()
    }

    /// Every `href` and `src` of every page that stays inside the site, with its page.
    fn internal_links(files: &BTreeMap<String, String>) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            for attribute in ["href=\"", "src=\""] {
                for piece in text.split(attribute).skip(1) {
                    let link = &piece[..piece.find('"').unwrap()];
                    if !link.contains("://") && !link.starts_with("mailto:") {
                        found.push((path.clone(), link.to_string()));
                    }
                }
            }
        }
        found
    }

    /// `link` as seen from `page`, resolved to a path in the site and a fragment.
    fn resolve(page: &str, link: &str) -> (String, String) {
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        if path.is_empty() {
            return (page.to_string(), fragment.to_string());
        }
        let mut parts: Vec<&str> = links::folder(page)
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        for part in path.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                part => parts.push(part),
            }
        }
        (parts.join("/"), fragment.to_string())
    }

    #[test]
    fn every_internal_link_and_anchor_resolves_and_names_a_file() {
        let files = fixture(|_| {});
        let links = internal_links(&files);
        assert!(links.len() > 100, "only {} links", links.len());
        for (page, link) in links {
            assert!(!link.starts_with('/'), "{page}: {link} is not relative");
            let (target, fragment) = resolve(&page, &link);
            let Some(text) = files.get(&target) else {
                panic!("{page}: {link} leads to {target}, which is not in the site");
            };
            if !fragment.is_empty() {
                assert!(
                    text.contains(&format!("id=\"{fragment}\"")),
                    "{page}: {link} has no #{fragment} in {target}"
                );
            }
        }
    }

    #[test]
    fn the_site_has_every_page_download_and_feed() {
        let files = fixture(|_| {});
        let paths: Vec<&str> = files.keys().map(String::as_str).collect();
        for path in [
            "index.html",
            "404.html",
            "articles/harbor-analytics-first-quarter/index.html",
            "articles/harbor-analytics-first-quarter/facts.json",
            "articles/harbor-analytics-first-quarter/facts.csv",
            "articles/harbor-analytics-first-quarter/facts.yaml",
            "kinds/price-cut/index.html",
            "subjects/harbor-analytics/index.html",
            "facts.json",
            "facts.csv",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "search-index.js",
            "search.js",
            "style.css",
        ] {
            assert!(paths.contains(&path), "{path} missing from {paths:?}");
        }
    }

    #[test]
    fn article_text_is_escaped_and_quotes_are_marked() {
        let files = fixture(|_| {});
        let sheet = &files["articles/harbor-analytics-first-quarter/index.html"];
        assert!(sheet.contains("and &lt;b&gt;bold&lt;/b&gt; claims"));
        assert!(!sheet.contains("<b>bold</b>"));
        assert!(sheet.contains("<td class=\"value\"><strong>+42% year-over-year</strong>"));
        assert!(sheet.contains("<strong>over 3 million downloads</strong>"));
        assert!(sheet.contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Dataset\""));
    }

    #[test]
    fn absolute_urls_appear_only_with_a_base_url() {
        let relative = fixture(|_| {});
        assert!(!relative["index.html"].contains("rel=\"canonical\""));
        assert!(
            relative["feed.xml"].contains("<id>urn:factsheet:article:northwind-lowers-prices</id>")
        );
        assert!(
            relative["sitemap.xml"]
                .contains("<loc>articles/northwind-lowers-prices/index.html</loc>")
        );
        assert_eq!(relative["robots.txt"], "User-agent: *\nAllow: /\n");

        let absolute = fixture(|config| config.base_url = "https://example.org/facts".into());
        assert!(absolute["articles/northwind-lowers-prices/index.html"]
            .contains("<link rel=\"canonical\" href=\"https://example.org/facts/articles/northwind-lowers-prices/\">"));
        assert!(absolute["feed.xml"].contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/facts/articles/northwind-lowers-prices/index.html\"/>"));
        assert!(
            absolute["sitemap.xml"]
                .contains("<loc>https://example.org/facts/articles/northwind-lowers-prices/</loc>")
        );
        assert!(absolute["robots.txt"].contains("Sitemap: https://example.org/facts/sitemap.xml"));
    }

    #[test]
    fn two_renders_give_the_same_bytes() {
        assert_eq!(fixture(|_| {}), fixture(|_| {}));
    }

    #[test]
    fn indentation_is_dropped_except_inside_pre() {
        let html = "<ul>\n  <li>a</li>\n</ul>\n<pre>x\n    indented\n</pre>\n  <p>b</p>\n";
        assert_eq!(
            trim_indentation(html),
            "<ul>\n<li>a</li>\n</ul>\n<pre>x\n    indented\n</pre>\n<p>b</p>\n"
        );
        let html =
            "<P><TEXTAREA>\n  kept</TEXTAREA><pre>\n  kept\n</PRE> <Pre>x</pre>\n  dropped\n";
        assert_eq!(
            trim_indentation(html),
            "<P><TEXTAREA>\n  kept</TEXTAREA><pre>\n  kept\n</PRE> <Pre>x</pre>\ndropped\n"
        );
    }
}
