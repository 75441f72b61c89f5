//! The static site: every fact sheet rendered through the theme's templates into files.
//!
//! `render(&Site, &Theme) -> Vec<Output>` is pure: the pages (`pages.rs`) are plain data handed
//! to Tera (`render.rs`) with filters that write numbers for readers (`format.rs`); charts are
//! geometry for hand-written SVG (`charts.rs`); article text is escaped HTML with the quoted
//! sentences marked (`article.rs`); `downloads.rs` and `search.rs` write the data files. All links
//! are relative (`links.rs`), so the output works at any address and from disk.

pub mod article;
pub mod charts;
pub mod compare;
pub mod conflicts;
pub mod downloads;
pub mod format;
pub mod incremental;
pub mod links;
pub mod output;
pub mod pages;
pub mod render;
pub mod search;
pub mod theme;

pub use incremental::{Fingerprint, Selection};
pub use theme::Theme;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

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
    /// Figures that articles state differently, with positions in `sheets`.
    pub conflicts: Vec<crate::facts::conflicts::Conflict>,
}

/// One article's fact file with the article it was extracted from.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub facts: FactSheet,
    pub article: Article,
    /// The fact file as written on disk, offered for download.
    pub yaml: String,
    /// Set when a build has let go of `yaml` and of the article's text ([`Site::release`]).
    pub released: Option<Released>,
}

/// What a sheet keeps of the texts it let go: where to read them again, their hashes, to know
/// them unchanged, and the quoted sentences its article's HTML has an anchor for, which pages
/// that list facts link to.
#[derive(Debug, Clone)]
pub struct Released {
    /// The fact file and the article, as paths from the current folder.
    pub yaml_path: PathBuf,
    pub article_path: PathBuf,
    pub yaml_hash: u64,
    pub text_hash: u64,
    pub anchors: BTreeSet<[usize; 2]>,
}

impl Sheet {
    /// The sheet of the fact file `facts` (whose text is `yaml`) and its `article`. The
    /// original's URL, publisher and author are the fact file's, or where it has none, the
    /// article's own header's.
    ///
    /// Quotes are shown and downloaded as plain text: a Markdown article's marks go (the fact
    /// file keeps the exact bytes, as FACTS.md has it).
    pub fn new(mut facts: FactSheet, article: Article, yaml: String) -> Sheet {
        facts.article = std::mem::take(&mut facts.article).with_provenance_of(&article.provenance);
        for fact in &mut facts.facts {
            if let Cow::Owned(plain) = crate::source::plain::quote(article.format, &fact.quote) {
                fact.quote = plain;
            }
        }
        Sheet {
            facts,
            article,
            yaml,
            released: None,
        }
    }

    /// Lets go of the fact file's text and the article's, to be read again from `yaml_path`
    /// and the article's source under `root` for the pages that show them. A site of 100,000
    /// articles is then held in memory as its facts, not its texts.
    pub fn release(&mut self, root: &Path, yaml_path: &Path) {
        let spans: Vec<[usize; 2]> = self.facts.facts.iter().map(|f| f.span).collect();
        let anchors = article::render(&self.article, &spans).anchors;
        self.released = Some(Released {
            yaml_path: root.join(yaml_path),
            article_path: root.join(&self.article.source),
            yaml_hash: xxh3_64(self.yaml.as_bytes()),
            text_hash: xxh3_64(self.article.text.as_bytes()),
            anchors,
        });
        self.yaml = String::new();
        self.article.text = String::new();
    }

    /// The fact file's text, read again when it was let go.
    pub fn yaml(&self) -> Result<Cow<'_, str>> {
        match &self.released {
            None => Ok(Cow::Borrowed(&self.yaml)),
            Some(released) => {
                let text = std::fs::read_to_string(&released.yaml_path)
                    .map_err(|e| Error::io(&released.yaml_path, e))?;
                unchanged(&released.yaml_path, &text, released.yaml_hash)?;
                Ok(Cow::Owned(text))
            }
        }
    }

    /// The article whole, its text read again when it was let go.
    pub fn article(&self) -> Result<Cow<'_, Article>> {
        match &self.released {
            None => Ok(Cow::Borrowed(&self.article)),
            Some(released) => {
                let path = &released.article_path;
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    Error::io(
                        path,
                        std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                    )
                })?;
                unchanged(path, &text, released.text_hash)?;
                Ok(Cow::Owned(Article {
                    text,
                    ..self.article.clone()
                }))
            }
        }
    }
}

/// An error unless `text`, read again from `path`, is what was checked.
fn unchanged(path: &Path, text: &str, hash: u64) -> Result<()> {
    if xxh3_64(text.as_bytes()) == hash {
        Ok(())
    } else {
        Err(Error::io(
            path,
            std::io::Error::other("the file changed while the site was being built; build again"),
        ))
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated: `index.html`, `kinds/growth/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Site {
    /// The site of `sheets`; with `hide_unreviewed`, of their reviewed facts only.
    pub fn new(config: Config, mut sheets: Vec<Sheet>) -> Site {
        if config.hide_unreviewed {
            for sheet in &mut sheets {
                sheet.facts.facts.retain(|fact| fact.reviewed);
            }
        }
        sheets.par_sort_by(|a, b| {
            b.facts
                .article
                .date
                .cmp(&a.facts.article.date)
                .then_with(|| a.facts.article.slug.cmp(&b.facts.article.slug))
        });
        let facts: Vec<&FactSheet> = sheets.iter().map(|s| &s.facts).collect();
        let conflicts = crate::facts::conflicts::find(&facts);
        Site {
            config,
            sheets,
            conflicts,
        }
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
    /// `facts.json` and `facts.csv` of the sheet at this position.
    SheetData(usize),
    /// `facts.csv` of the kind at this position of `Model::kinds`.
    KindData(usize),
    /// `kinds/articles.csv`, the articles the kinds' CSVs name.
    ArticlesData,
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
        self.render_to(site, selection, &Whole(sink))
    }

    /// [`Renderer::render_each`] into a [`Sink`] that may take the files that list the whole
    /// site (its data files, its search index) piece by piece.
    pub fn render_to(&self, site: &Site, selection: &Selection, sink: &dyn Sink) -> Result<()> {
        let model = pages::Model::new(site, &self.locale);
        let jobs = jobs(&model, site, selection);
        // A static file of the same path as a page gives way to the page.
        let generated = if jobs.contains(&Job::Statics) {
            self.generated_paths(&model, site)
        } else {
            BTreeSet::new()
        };
        if selection.everything {
            let statics = self.theme.statics.keys();
            sink.expect(generated.len() + statics.filter(|p| !generated.contains(*p)).count());
        }
        // Taken in order, not split in halves, so the biggest jobs start first and the last
        // ones to finish are small.
        let mut outcomes: Vec<(usize, Result<Option<Diagnostic>>)> = jobs
            .iter()
            .enumerate()
            .par_bridge()
            .map(|(n, job)| (n, self.run(&model, site, *job, &generated, sink)))
            .collect();
        outcomes.sort_unstable_by_key(|(n, _)| *n);
        let mut problems: Vec<Diagnostic> = Vec::new();
        for (_, outcome) in outcomes {
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
        // Made in parallel and sorted before the set is built: on a large site, hundreds of
        // thousands of paths, which a build waits for before it renders.
        let mut paths: Vec<String> = model
            .page_ids()
            .par_iter()
            .map(|id| model.path(*id))
            .collect();
        let files: &[&str] = &["facts.json", "facts.csv"];
        paths.par_extend(site.sheets.par_iter().flat_map_iter(|sheet| {
            let folder = links::folder(&links::article_page(&sheet.facts.article.slug)).to_string();
            files.iter().map(move |name| format!("{folder}{name}"))
        }));
        for kind in &model.kinds {
            paths.push(kind.downloads.csv.clone());
        }
        paths.push(links::ARTICLES_CSV.to_string());
        let facts = site.sheets.iter().map(|s| s.facts.facts.len()).sum();
        paths.extend(search::paths(facts));
        paths.par_sort_unstable();
        paths.into_iter().collect()
    }

    /// Renders one job into `sink`: a problem of the templates is returned as such, to be
    /// reported once for all the pages it breaks; a failure to write is an error.
    fn run(
        &self,
        model: &pages::Model,
        site: &Site,
        job: Job,
        generated: &BTreeSet<String>,
        sink: &dyn Sink,
    ) -> Result<Option<Diagnostic>> {
        let output = |path: String, text: String| Output {
            path,
            bytes: text.into_bytes(),
        };
        match job {
            Job::Page(id) => {
                let page = model.page(id)?;
                let rendered =
                    render::render(&self.tera, &self.theme, page.template, &page.context);
                let text = match rendered {
                    Ok(text) => text,
                    Err(problem) => return Ok(Some(problem)),
                };
                sink.file(output(page.path, text))?;
            }
            Job::SheetData(index) => {
                let sheet = &site.sheets[index];
                let folder =
                    links::folder(&links::article_page(&sheet.facts.article.slug)).to_string();
                sink.file(output(
                    format!("{folder}facts.json"),
                    downloads::json(&sheet.facts),
                ))?;
                sink.file(output(
                    format!("{folder}facts.csv"),
                    downloads::csv(&site.config.base(), &sheet.facts),
                ))?;
            }
            Job::KindData(kind) => {
                let view = &model.kinds[kind];
                // The kind's facts, article by article, in site order.
                let mut articles: Vec<(&crate::facts::ArticleMeta, Vec<&crate::facts::Fact>)> =
                    Vec::new();
                for &(index, fact) in model.kind_facts(kind) {
                    let sheet = &site.sheets[index].facts;
                    match articles.last_mut() {
                        Some((article, facts)) if std::ptr::eq(*article, &sheet.article) => {
                            facts.push(&sheet.facts[fact]);
                        }
                        _ => articles.push((&sheet.article, vec![&sheet.facts[fact]])),
                    }
                }
                sink.stream(&view.downloads.csv, &mut |out| {
                    downloads::write_csv_rows(out, &site.config.base(), articles.iter().cloned())
                })?;
            }
            Job::ArticlesData => {
                sink.stream(links::ARTICLES_CSV, &mut |out| {
                    let articles = site.sheets.iter().map(|sheet| &sheet.facts.article);
                    downloads::write_articles_csv(out, &site.config.base(), articles)
                })?;
            }
            Job::Search => {
                let index = search::Index::of(site, &self.locale);
                index.write(&|path, text| sink.file(output(path, text)))?;
            }
            Job::Statics => {
                for (path, file) in &self.theme.statics {
                    if !generated.contains(path) {
                        sink.file(Output {
                            path: path.clone(),
                            bytes: file.bytes.clone(),
                        })?;
                    }
                }
            }
        }
        Ok(None)
    }
}

/// Where rendered files go: a folder on disk, a server's memory, a test's map.
pub trait Sink: Sync {
    /// How many files are coming, when the whole site is: for a progress bar.
    fn expect(&self, _files: usize) {}

    /// One file, whole.
    fn file(&self, output: Output) -> Result<()>;

    /// One file that `write` writes piece by piece: the files that list the whole site, which
    /// on a large site are hundreds of megabytes. By default the pieces are gathered and handed
    /// to [`Sink::file`]; a sink that writes to disk can write them as they come.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io(path, e))?;
        self.file(Output {
            path: path.to_string(),
            bytes,
        })
    }
}

/// A sink that takes every file whole, through a function.
struct Whole<'a>(&'a (dyn Fn(Output) -> Result<()> + Sync));

impl Sink for Whole<'_> {
    fn file(&self, output: Output) -> Result<()> {
        (self.0)(output)
    }
}

/// The work `selection` asks for, the biggest pages first so that no thread is left with a
/// long page at the end.
fn jobs(model: &pages::Model, site: &Site, selection: &Selection) -> Vec<Job> {
    use pages::PageId;
    let mut jobs = Vec::new();
    let all = selection.everything;
    if all || selection.listings {
        jobs.extend((1..=model.index_pages()).map(|n| Job::Page(PageId::Index(n))));
        jobs.extend((0..model.kinds.len()).map(Job::KindData));
        jobs.push(Job::ArticlesData);
        jobs.extend([
            Job::Search,
            Job::Page(PageId::Feed),
            Job::Page(PageId::Sitemap),
            Job::Page(PageId::NotFound),
            Job::Page(PageId::Search),
            Job::Page(PageId::Subjects),
        ]);
        jobs.extend((1..=model.conflict_pages()).map(|n| Job::Page(PageId::Conflicts(n))));
        jobs.extend(
            model
                .sitemap_parts()
                .map(|n| Job::Page(PageId::SitemapPart(n))),
        );
    }
    for (index, kind) in model.kinds.iter().enumerate() {
        if all || selection.pages.contains(&kind.url) {
            jobs.extend(model.kind_pages(index).map(Job::Page));
        }
    }
    for (index, subject) in model.subjects.iter().enumerate() {
        if all || selection.pages.contains(&subject.url) {
            jobs.extend(model.subject_pages(index).map(Job::Page));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;
    use pages::PageId;

    /// The small site of `tests/cases/browser-site`, rendered with `edit` applied to its config.
    fn fixture(edit: impl FnOnce(&mut Config)) -> BTreeMap<String, String> {
        let project = Project::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/browser-site"
        ));
        let mut config = crate::workspace::read_config(&project).unwrap();
        edit(&mut config);
        let site = Site::new(config, crate::workspace::load_sheets(&project).unwrap());
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

    /// Every internal link of `files` leads to one of them, and its fragment to an id there.
    fn assert_links_resolve(files: &BTreeMap<String, String>) {
        for (page, link) in internal_links(files) {
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
    fn every_internal_link_and_anchor_resolves_and_names_a_file() {
        let files = fixture(|_| {});
        let links = internal_links(&files);
        assert!(links.len() > 100, "only {} links", links.len());
        for (page, link) in links {
            assert!(!link.starts_with('/'), "{page}: {link} is not relative");
        }
        assert_links_resolve(&files);
    }

    #[test]
    fn the_site_has_every_page_download_and_feed() {
        let files = fixture(|_| {});
        let paths: Vec<&str> = files.keys().map(String::as_str).collect();
        for path in [
            "index.html",
            "404.html",
            "search/index.html",
            "conflicts/index.html",
            "articles/harbor-analytics-first-quarter/index.html",
            "articles/harbor-analytics-first-quarter/facts.json",
            "articles/harbor-analytics-first-quarter/facts.csv",
            "kinds/price-cut/index.html",
            "subjects/harbor-analytics/index.html",
            "kinds/price-cut/facts.csv",
            "kinds/articles.csv",
            "subjects/index.html",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "search/t/0.js",
            "search/r/0.js",
            "search.js",
            "style.css",
        ] {
            assert!(paths.contains(&path), "{path} missing from {paths:?}");
        }
        // A kind's facts as JSON would be the articles' `facts.json` again.
        assert!(!paths.contains(&"kinds/price-cut/facts.json"));
    }

    #[test]
    fn article_text_is_escaped_and_quotes_are_marked() {
        let files = fixture(|_| {});
        let sheet = &files["articles/harbor-analytics-first-quarter/index.html"];
        assert!(sheet.contains("and &lt;b&gt;bold&lt;/b&gt; claims"));
        assert!(!sheet.contains("<b>bold</b>"));
        assert!(
            sheet.contains("<td><a href=\"#harbor-cloud-revenue-growth\">+42% year-over-year</a>")
        );
        assert!(sheet.contains("\">over 3 million downloads</a>"));
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

    /// A site of `articles` articles of `per_article` growth facts each, about one of
    /// `subjects` companies in turn.
    fn large_site(articles: usize, per_article: usize, subjects: usize) -> Site {
        let sheets = (0..articles)
            .map(|a| {
                let mut text = format!("Report {a}\n\n");
                let mut facts = Vec::new();
                for f in 0..per_article {
                    let subject = format!("Company {}", (a * per_article + f) % subjects);
                    let sentence = format!("{subject} revenue grew {}% in 2024. ", f + 1);
                    let mut fact = crate::facts::Fact::new(
                        crate::facts::Kind::Growth,
                        &subject,
                        format!("{}%", f + 1),
                    );
                    fact.id = format!("growth-{f}");
                    fact.metric = Some("revenue".into());
                    fact.value = Some(crate::facts::Number((f + 1) as f64));
                    fact.unit = Some(crate::facts::Unit::Percent);
                    // The first fact of each article is of one year, for a kind chart of
                    // many facts; the others of the article's month, for subjects' series.
                    let period = match f {
                        0 => "2024".to_string(),
                        _ => format!("{:04}-{:02}", 2000 + a / 12, a % 12 + 1),
                    };
                    fact.period = crate::facts::Period::parse(&period);
                    fact.span = [text.len(), text.len() + sentence.trim_end().len()];
                    fact.quote = sentence.trim_end().into();
                    text.push_str(&sentence);
                    facts.push(fact);
                }
                let source = format!("seeds/{a:04}.txt");
                Sheet::new(
                    FactSheet {
                        article: crate::facts::ArticleMeta {
                            slug: format!("report-{a:04}"),
                            title: format!("Report {a}"),
                            date: jiff::civil::Date::new(2024, 1 + (a % 12) as i8, 1).ok(),
                            source: source.clone(),
                            ..Default::default()
                        },
                        facts,
                    },
                    Article::parse(&source, text).unwrap(),
                    String::new(),
                )
            })
            .collect();
        let project = Project::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/browser-site"
        ));
        Site::new(crate::workspace::read_config(&project).unwrap(), sheets)
    }

    fn rendered(site: &Site) -> BTreeMap<String, String> {
        render(site, &Theme::default())
            .unwrap()
            .into_iter()
            .map(|o| (o.path, String::from_utf8(o.bytes).unwrap()))
            .collect()
    }

    #[test]
    fn a_sheet_shows_a_few_of_the_figures_it_conflicts_with_and_the_list_is_paged() {
        // 16 articles, each with revenue growth of 1%, 2% and 3% for one company: one conflict
        // of 48 figures (1% and 3% cannot both be right), of which a sheet shows its own three
        // and five of the others.
        let files = rendered(&of_one_year(large_site(16, 3, 1), |_| {}));
        let sheet = &files["articles/report-0000/index.html"];
        let section = &sheet[sheet.find("Other articles disagree").unwrap()..];
        let section = &section[..section.find("</section>").unwrap()];
        // One line of figures for the measure: its link, the sheet's three and five others.
        assert_eq!(section.matches("<li>").count(), 1);
        assert_eq!(section.matches("<a href=").count(), 1 + 3 + 5);
        assert!(
            section.contains("40 more figures of other articles"),
            "{section}"
        );
        let list = &files["conflicts/index.html"];
        assert!(list.contains(">1 conflict<"));
        assert_eq!(list.matches("<tr").count(), 1 + 48);

        // 60 companies, each with one figure in one article and another in the second: two
        // pages of conflicts, and a fact links to the page its conflict is on.
        let site = of_one_year(large_site(2, 60, 60), |sheets| {
            for fact in &mut sheets[1].facts.facts {
                fact.value = fact.value.map(|v| crate::facts::Number(v.0 + 5.0));
            }
        });
        let files = rendered(&site);
        assert!(files["conflicts/index.html"].contains(">60 conflicts<"));
        let second = &files["conflicts/page/2/index.html"];
        assert_eq!(second.matches("class=\"conflict\" id=").count(), 10);
        assert!(second.contains("rel=\"prev\""));
        assert!(!files.contains_key("conflicts/page/3/index.html"));
        let last = site_last_conflict_anchor(second);
        assert!(
            files["articles/report-0001/index.html"]
                .contains(&format!("../../conflicts/page/2/index.html#{last}")),
            "{last}"
        );
    }

    /// `site` with every fact of 2024, so that facts of one subject measure the same thing,
    /// and `change` made to its sheets.
    fn of_one_year(site: Site, change: impl FnOnce(&mut Vec<Sheet>)) -> Site {
        let mut sheets = site.sheets;
        for fact in sheets.iter_mut().flat_map(|s| s.facts.facts.iter_mut()) {
            fact.period = crate::facts::Period::parse("2024");
        }
        change(&mut sheets);
        Site::new(site.config, sheets)
    }

    /// The anchor of the last conflict listed on a page of the list.
    fn site_last_conflict_anchor(page: &str) -> String {
        let at = page.rfind("class=\"conflict\" id=\"").unwrap() + "class=\"conflict\" id=\"".len();
        page[at..page[at..].find('"').unwrap() + at].to_string()
    }

    #[test]
    fn long_listings_are_paged_and_every_page_links_to_the_others() {
        // 120 articles: three pages of the front page. 1,200 growth facts: six pages of the
        // kind. Subject 0 has 400 facts: eight pages of 50.
        let site = large_site(120, 10, 3);
        let files: BTreeMap<String, String> = render(&site, &Theme::default())
            .unwrap()
            .into_iter()
            .map(|o| (o.path, String::from_utf8(o.bytes).unwrap()))
            .collect();
        for path in [
            "page/2/index.html",
            "page/3/index.html",
            "kinds/growth/page/6/index.html",
            "subjects/company-0/page/8/index.html",
        ] {
            assert!(files.contains_key(path), "{path} missing");
        }
        assert!(!files.contains_key("page/4/index.html"));
        assert!(!files.contains_key("kinds/growth/page/7/index.html"));
        assert!(!files.contains_key("subjects/company-0/page/9/index.html"));
        let second = &files["kinds/growth/page/2/index.html"];
        assert!(second.contains("<title>Growth, page 2 of 6 ·"));
        assert!(second.contains("<a href=\"../../../../kinds/growth/index.html\" rel=\"prev\">"));
        assert!(second.contains("<span aria-current=\"page\">2</span>"));
        assert_eq!(second.matches("<tr><td>").count(), pages::FACTS_PER_PAGE);
        // Charts are on the first page only, of the largest figures.
        assert!(!second.contains("<svg"));
        let first = &files["kinds/growth/index.html"];
        assert!(
            first.contains("Revenue growth, 2024: the 30 largest of 120"),
            "no capped chart title"
        );
        // A subject's timeline shows its latest 30 periods, not all 120 of its 400 facts.
        let subject = &files["subjects/company-0/index.html"];
        assert!(
            subject.contains("Revenue growth, by month: the latest 30 of 120"),
            "no capped timeline title"
        );
        let timeline = &subject[subject.find("chart-timeline").unwrap()..];
        let timeline = &timeline[..timeline.find("</figure>").unwrap()];
        assert_eq!(timeline.matches("<tr").count(), 30 + 1);
        // The front page's later pages list articles only.
        let index_two = &files["page/2/index.html"];
        assert_eq!(
            index_two.matches("class=\"article-card\"").count(),
            pages::ARTICLES_PER_PAGE
        );
        assert!(!index_two.contains("id=\"subjects-heading\""));
        assert_links_resolve(&files);
    }

    /// One article of invented facts: (kind, subject, metric, value, qualifier, basis, period).
    fn one_article(facts: &[(&str, &str, &str, f64, &str, &str, &str)]) -> Site {
        let mut text = String::from("Lumen Freight's quarter\n\n");
        let facts = facts
            .iter()
            .enumerate()
            .map(
                |(n, &(kind, subject, metric, value, qualifier, basis, period))| {
                    let sentence = format!("{subject} reported {value} for {metric} ({n}). ");
                    let mut fact = crate::facts::Fact::new(
                        crate::facts::Kind::parse(kind),
                        subject,
                        value.to_string(),
                    );
                    fact.id = format!("fact-{n}");
                    fact.metric = Some(metric.into());
                    fact.value = Some(crate::facts::Number(value));
                    fact.unit = Some(if kind == "count" {
                        crate::facts::Unit::Count
                    } else {
                        crate::facts::Unit::Percent
                    });
                    fact.qualifier = crate::facts::Qualifier::parse(qualifier);
                    fact.basis = crate::facts::Basis::parse(basis);
                    fact.period = crate::facts::Period::parse(period);
                    fact.span = [text.len(), text.len() + sentence.trim_end().len()];
                    fact.quote = sentence.trim_end().into();
                    text.push_str(&sentence);
                    fact
                },
            )
            .collect();
        let source = "seeds/lumen.txt".to_string();
        let sheet = Sheet::new(
            FactSheet {
                article: crate::facts::ArticleMeta {
                    slug: "lumen-quarter".into(),
                    title: "Lumen Freight's quarter".into(),
                    date: jiff::civil::Date::new(2025, 10, 20).ok(),
                    source: source.clone(),
                    ..Default::default()
                },
                facts,
            },
            Article::parse(&source, text).unwrap(),
            String::new(),
        );
        let project = Project::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/browser-site"
        ));
        Site::new(
            crate::workspace::read_config(&project).unwrap(),
            vec![sheet],
        )
    }

    /// The ids of a page's charts, each with its number of marks.
    fn charts_of(page: &str) -> Vec<(String, usize)> {
        page.split("<figure class=\"chart ")
            .skip(1)
            .map(|chart| {
                let id = chart.split("id=\"").nth(1).unwrap();
                let id = id[..id.find('"').unwrap()].to_string();
                let chart = &chart[..chart.find("</figure>").unwrap()];
                (id, chart.matches("<g class=\"mark ").count())
            })
            .collect()
    }

    /// One article's figures for the chart tests: year-over-year Q3 growth (three facts, one
    /// of them approximate) and the depots chart; the quarter-over-quarter, Q2 and truck
    /// figures are alone in their groups.
    const FREIGHT_FACTS: [(&str, &str, &str, f64, &str, &str, &str); 8] = [
        (
            "growth",
            "Lumen Freight",
            "parcel revenue",
            12.0,
            "exact",
            "year-over-year",
            "2025-Q3",
        ),
        (
            "growth",
            "Keel Logistics",
            "Parcel revenue",
            9.0,
            "exact",
            "year-over-year",
            "2025-Q3",
        ),
        (
            "growth",
            "Lumen Freight",
            "parcel revenue",
            3.0,
            "exact",
            "quarter-over-quarter",
            "2025-Q3",
        ),
        (
            "growth",
            "Lumen Freight",
            "parcel revenue",
            10.0,
            "exact",
            "year-over-year",
            "2025-Q2",
        ),
        (
            "growth",
            "Lumen Freight",
            "parcel revenue",
            12.0,
            "approx",
            "year-over-year",
            "2025-Q3",
        ),
        (
            "count",
            "Lumen Freight",
            "depots",
            40.0,
            "exact",
            "",
            "2025",
        ),
        (
            "count",
            "Keel Logistics",
            "depots",
            25.0,
            "over",
            "",
            "2025",
        ),
        (
            "count",
            "Keel Logistics",
            "trucks",
            900.0,
            "exact",
            "",
            "2025",
        ),
    ];

    /// The files of the site of [`FREIGHT_FACTS`], by path.
    fn freight_files() -> BTreeMap<String, String> {
        render(&one_article(&FREIGHT_FACTS), &Theme::default())
            .unwrap()
            .into_iter()
            .map(|o| (o.path, String::from_utf8(o.bytes).unwrap()))
            .collect()
    }

    #[test]
    fn a_sheet_charts_like_facts_only_and_never_one_alone() {
        let files = freight_files();
        let sheet = &files["articles/lumen-quarter/index.html"];
        assert_eq!(
            charts_of(sheet),
            [
                ("chart-growth-parcel-revenue-yoy-2025-q3".to_string(), 3),
                ("chart-count-depots-2025".to_string(), 2),
            ]
        );
        assert!(sheet.contains(">Parcel revenue growth, year-over-year, Q3 2025</title>"));
        assert!(sheet.contains(">Depots, 2025</title>"));
    }

    #[test]
    fn a_kind_page_has_the_sheets_chart_of_like_facts() {
        let files = freight_files();
        let kind = &files["kinds/growth/index.html"];
        assert_eq!(
            charts_of(kind),
            [("chart-growth-parcel-revenue-yoy-2025-q3".to_string(), 3)]
        );
    }

    #[test]
    fn a_subject_charts_its_quarters_with_one_column_a_quarter_the_exact_figure() {
        // Two quarters; the third quarter's two figures are one column, the exact one.
        let files = freight_files();
        let subject = &files["subjects/lumen-freight/index.html"];
        assert_eq!(
            charts_of(subject),
            [("chart-growth-parcel-revenue-yoy-by-quarter".to_string(), 2)]
        );
        assert!(subject.contains(">Parcel revenue growth, year-over-year, by quarter</title>"));
        let timeline = &subject[subject.find("chart-timeline").unwrap()..];
        let timeline = &timeline[..timeline.find("</figure>").unwrap()];
        assert!(timeline.contains(">12%<") && !timeline.contains("about 12%"));
    }

    #[test]
    fn the_pages_with_charts_link_only_to_files_that_exist() {
        assert_links_resolve(&freight_files());
    }

    #[test]
    fn a_sitemap_of_more_than_fifty_thousand_pages_is_an_index_of_parts() {
        // The front page and 50,000 fact sheets: one page more than a sitemap may list.
        let site = large_site(50_000, 0, 1);
        let renderer = Renderer::new(Theme::default(), "en").unwrap();
        let model = pages::Model::new(&site, &renderer.locale);
        assert_eq!(model.sitemap_parts(), 1..3);
        let render = |id| {
            let page = model.page(id).unwrap();
            render::render(
                &renderer.tera,
                &renderer.theme,
                page.template,
                &page.context,
            )
            .unwrap()
        };
        let index = render(PageId::Sitemap);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains("<loc>sitemap-1.xml</loc>")
                && index.contains("<loc>sitemap-2.xml</loc>")
        );
        assert!(!index.contains("<url>"));
        let first = render(PageId::SitemapPart(1));
        assert_eq!(first.matches("<url>").count(), pages::SITEMAP_URLS);
        assert!(first.contains("<loc>index.html</loc>"));
        let second = render(PageId::SitemapPart(2));
        assert_eq!(second.matches("<url>").count(), 1);
        assert!(second.contains("<loc>articles/report-"), "{second}");
    }

    #[test]
    fn a_released_sheet_reads_its_texts_again_and_refuses_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let article_text = "Title\n\nNimbus revenue grew 12% in 2024.\n";
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("seeds/a.txt"), article_text).unwrap();
        std::fs::write(dir.path().join("content/a.yaml"), "yaml text\n").unwrap();
        let article = Article::parse("seeds/a.txt", article_text.to_string()).unwrap();
        let facts = FactSheet {
            article: crate::facts::ArticleMeta {
                slug: "a".into(),
                title: "Title".into(),
                date: None,
                source: "seeds/a.txt".into(),
                ..Default::default()
            },
            facts: Vec::new(),
        };
        let mut sheet = Sheet::new(facts, article, "yaml text\n".into());
        sheet.release(dir.path(), Path::new("content/a.yaml"));
        assert!(sheet.yaml.is_empty() && sheet.article.text.is_empty());
        assert_eq!(sheet.yaml().unwrap(), "yaml text\n");
        assert_eq!(sheet.article().unwrap().text, article_text);
        std::fs::write(dir.path().join("content/a.yaml"), "edited\n").unwrap();
        let error = sheet.yaml().unwrap_err().to_string();
        assert!(
            error.ends_with("the file changed while the site was being built; build again"),
            "{error}"
        );
    }

    #[test]
    fn two_renders_give_the_same_bytes() {
        assert_eq!(fixture(|_| {}), fixture(|_| {}));
    }
}
