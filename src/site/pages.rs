//! What each page shows, as plain data for its template: the index, one fact sheet per article,
//! one page per kind and per subject, the feed, the sitemap and the 404 page.
//!
//! The structs here are the template variables documented in the README; their field names
//! are FACTS.md's where they carry a fact's fields. Every list is in a total order, so two builds
//! give the same bytes.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::article;
use super::charts::{self, Chart, Point};
use super::format::{Figure, Locale};
use super::links;
use std::sync::OnceLock;

use super::{Sheet, Site};
use crate::facts::{Fact, Kind, Unit};

/// One page to render: which template, where, and with what.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// Variables every template receives.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    /// Ends with `/`, or is empty when the site has none.
    pub base_url: String,
    pub language: String,
    pub article_count: usize,
    pub fact_count: usize,
    /// The whole site's data files, relative to the root.
    pub downloads: Downloads,
}

/// Where the page is and what it is called.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The page's path in the site: `articles/x/index.html`.
    pub path: String,
    /// `index`, `sheet`, `kind`, `subject` or `404`.
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    /// The absolute URL of the page when the site has a `base_url`.
    pub canonical: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Downloads {
    pub json: String,
    pub csv: String,
    /// The article's fact file; empty for the whole site.
    pub yaml: String,
    /// Suggested file names for the `download` attribute.
    pub json_name: String,
    pub csv_name: String,
    pub yaml_name: String,
}

/// An article as lists and headers show it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub slug: String,
    pub title: String,
    /// ISO 8601, or none.
    pub date: Option<String>,
    /// The article's file, relative to the site root where it was built: `seeds/a.txt`.
    pub source: String,
    pub url: String,
    pub fact_count: usize,
    /// A few facts that sum the article up: the first of each kind, in FACTS.md's kind order.
    pub headline_facts: Vec<FactView>,
    pub kinds: Vec<KindCount>,
    pub downloads: Downloads,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub kind: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A fact with everything a template needs to show and link it.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub id: String,
    /// The id of its row on the fact sheet.
    pub anchor: String,
    pub kind: String,
    pub kind_label: String,
    pub kind_url: String,
    pub subject: String,
    pub subject_url: String,
    pub metric: Option<String>,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub basis: Option<String>,
    pub object: Option<String>,
    pub period: Option<String>,
    pub text: String,
    pub quote: String,
    pub span: [usize; 2],
    /// The fact's row on its fact sheet, relative to the root.
    pub url: String,
    /// Its sentence, highlighted in the article text; none when the sentence is not shown.
    pub quote_url: Option<String>,
    /// The id of that sentence on the fact sheet, for links within the sheet.
    pub quote_anchor: Option<String>,
    pub article: ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
    pub url: String,
}

/// The facts of one kind within a page.
#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    pub kind: String,
    pub label: String,
    pub url: String,
    /// An id for the section's heading.
    pub anchor: String,
    pub facts: Vec<FactView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindView {
    pub kind: String,
    pub label: String,
    pub url: String,
    pub count: usize,
    pub article_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub name: String,
    /// Every spelling the fact files use for it, when there is more than one.
    pub names: Vec<String>,
    pub slug: String,
    pub url: String,
    pub count: usize,
    pub article_count: usize,
}

/// One page of the site, named by what it shows. Pages are built one at a time from the
/// [`Model`], so a build never holds more than the pages being rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Index,
    /// The fact sheet of the sheet at this position of `Site::sheets`.
    Sheet(usize),
    /// The page of the kind at this position of `Model::kinds`.
    Kind(usize),
    /// The page of the subject at this position of `Model::subjects`.
    Subject(usize),
    NotFound,
    Feed,
    Sitemap,
    Robots,
}

/// Every page of the site.
pub fn pages(site: &Site, locale: &Locale) -> Vec<Page> {
    let model = Model::new(site, locale);
    model
        .page_ids()
        .into_iter()
        .map(|id| model.page(id))
        .collect()
}

/// Per subject slug while counting: each spelling with its use count, the facts, and the
/// articles (slugs) it appears in.
type SubjectTally<'a> = (BTreeMap<&'a str, usize>, FactList, Vec<&'a str>);

/// The facts of a kind or subject, as (sheet, fact) positions in site order.
type FactList = Vec<(usize, usize)>;

/// The site, indexed once for every page: what each page lists is looked up, never searched
/// for, so the work of a build grows with the size of the site, not with its square.
pub struct Model<'a> {
    site: &'a Site,
    locale: &'a Locale,
    base_url: String,
    site_view: SiteView,
    /// Per sheet, in site order: its article as HTML and the anchors that holds, made when a
    /// page first needs them.
    article_html: Vec<OnceLock<article::ArticleHtml>>,
    pub kinds: Vec<KindView>,
    kind_facts: Vec<FactList>,
    pub subjects: Vec<SubjectView>,
    subject_facts: Vec<FactList>,
    /// Subject slug by subject as written.
    subject_slugs: BTreeMap<String, String>,
}

impl<'a> Model<'a> {
    pub fn new(site: &'a Site, locale: &'a Locale) -> Model<'a> {
        let base_url = match site.config.base_url.trim() {
            "" => String::new(),
            url if url.ends_with('/') => url.to_string(),
            url => format!("{url}/"),
        };
        let article_html = site.sheets.iter().map(|_| OnceLock::new()).collect();

        let mut kinds: BTreeMap<(usize, String), (Kind, FactList, Vec<&str>)> = BTreeMap::new();
        let mut subjects: BTreeMap<String, SubjectTally> = BTreeMap::new();
        // Slugs by subject as written: most facts share their subject with others.
        let mut slug_of: BTreeMap<&str, String> = BTreeMap::new();
        for (sheet_index, sheet) in site.sheets.iter().enumerate() {
            let slug = sheet.facts.article.slug.as_str();
            for (fact_index, fact) in sheet.facts.facts.iter().enumerate() {
                let entry = kinds
                    .entry((fact.kind.rank(), links::kind_slug(&fact.kind)))
                    .or_insert_with(|| (fact.kind.clone(), Vec::new(), Vec::new()));
                entry.1.push((sheet_index, fact_index));
                if entry.2.last() != Some(&slug) {
                    entry.2.push(slug);
                }
                let subject_slug = slug_of
                    .entry(fact.subject.as_str())
                    .or_insert_with(|| links::subject_slug(&fact.subject));
                let entry = subjects.entry(subject_slug.clone()).or_default();
                *entry.0.entry(fact.subject.as_str()).or_default() += 1;
                entry.1.push((sheet_index, fact_index));
                if entry.2.last() != Some(&slug) {
                    entry.2.push(slug);
                }
            }
        }
        let (kinds, kind_facts) = kinds
            .into_values()
            .map(|(kind, facts, articles)| {
                let view = KindView {
                    label: locale.kind_label(&kind),
                    url: links::kind_page(&kind),
                    kind: kind.to_string(),
                    count: facts.len(),
                    article_count: articles.len(),
                };
                (view, facts)
            })
            .unzip();
        let mut subject_slugs = BTreeMap::new();
        let mut subjects: Vec<(SubjectView, FactList)> = subjects
            .into_iter()
            .map(|(slug, (spellings, facts, articles))| {
                // The spelling used most often names the subject; ties go to the first in order.
                let name = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(name, _)| name.to_string())
                    .unwrap_or_default();
                for spelling in spellings.keys() {
                    subject_slugs.insert(spelling.to_string(), slug.clone());
                }
                let view = SubjectView {
                    name,
                    names: if spellings.len() > 1 {
                        spellings.keys().map(|s| s.to_string()).collect()
                    } else {
                        Vec::new()
                    },
                    url: links::subject_page(&slug),
                    slug,
                    count: facts.len(),
                    article_count: articles.len(),
                };
                (view, facts)
            })
            .collect();
        subjects.sort_by_cached_key(|(s, _)| (s.name.to_lowercase(), s.slug.clone()));
        let (subjects, subject_facts) = subjects.into_iter().unzip();
        let site_view = site_view(site, &base_url);
        Model {
            site,
            locale,
            base_url,
            site_view,
            article_html,
            kinds,
            kind_facts,
            subjects,
            subject_facts,
            subject_slugs,
        }
    }

    /// Every page of the site, in the order they are listed in the sitemap.
    pub fn page_ids(&self) -> Vec<PageId> {
        let mut ids = vec![PageId::Index];
        ids.extend((0..self.site.sheets.len()).map(PageId::Sheet));
        ids.extend((0..self.kinds.len()).map(PageId::Kind));
        ids.extend((0..self.subjects.len()).map(PageId::Subject));
        ids.extend([
            PageId::NotFound,
            PageId::Feed,
            PageId::Sitemap,
            PageId::Robots,
        ]);
        ids
    }

    /// Where the page is written, without building it.
    pub fn path(&self, id: PageId) -> String {
        match id {
            PageId::Index => "index.html".into(),
            PageId::Sheet(index) => {
                links::article_page(&self.site.sheets[index].facts.article.slug)
            }
            PageId::Kind(index) => self.kinds[index].url.clone(),
            PageId::Subject(index) => self.subjects[index].url.clone(),
            PageId::NotFound => "404.html".into(),
            PageId::Feed => "feed.xml".into(),
            PageId::Sitemap => "sitemap.xml".into(),
            PageId::Robots => "robots.txt".into(),
        }
    }

    /// The page: its path, template and variables.
    pub fn page(&self, id: PageId) -> Page {
        match id {
            PageId::Index => self.index(),
            PageId::Sheet(index) => self.sheet(index),
            PageId::Kind(index) => self.kind_page(index),
            PageId::Subject(index) => self.subject_page(index),
            PageId::NotFound => self.not_found(),
            PageId::Feed => self.feed(),
            PageId::Sitemap => self.sitemap(),
            PageId::Robots => self.robots(),
        }
    }
}

/// The variables every page shows of the site as a whole.
fn site_view(site: &Site, base_url: &str) -> SiteView {
    let config = &site.config;
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: base_url.to_string(),
        language: config.language.clone(),
        article_count: site.sheets.len(),
        fact_count: site.sheets.iter().map(|s| s.facts.facts.len()).sum(),
        downloads: Downloads {
            json: "facts.json".into(),
            csv: "facts.csv".into(),
            yaml: String::new(),
            json_name: "facts.json".into(),
            csv_name: "facts.csv".into(),
            yaml_name: String::new(),
        },
    }
}

impl<'a> Model<'a> {
    /// The context every page starts from.
    fn context(
        &self,
        path: &str,
        kind: &'static str,
        title: &str,
        description: &str,
    ) -> tera::Context {
        let mut context = tera::Context::new();
        let canonical = (!self.base_url.is_empty()).then(|| {
            let clean = path.strip_suffix("index.html").unwrap_or(path);
            format!("{}{clean}", self.base_url)
        });
        context.insert("site", &self.site_view);
        context.insert("root", &links::root(path));
        context.insert(
            "page",
            &PageView {
                path: path.to_string(),
                kind,
                title: title.to_string(),
                description: description.to_string(),
                canonical,
            },
        );
        context
    }

    fn index(&self) -> Page {
        let config = &self.site.config;
        let mut context = self.context("index.html", "index", &config.title, &config.description);
        let articles: Vec<ArticleView> = self
            .site
            .sheets
            .iter()
            .enumerate()
            .map(|(index, sheet)| self.article_view(index, sheet))
            .collect();
        context.insert("articles", &articles);
        context.insert("kinds", &self.kinds);
        context.insert("subjects", &self.subjects);
        Page {
            path: "index.html".into(),
            template: "index.html",
            context,
        }
    }

    fn sheet(&self, index: usize) -> Page {
        let sheet = &self.site.sheets[index];
        let view = self.article_view(index, sheet);
        let path = view.url.clone();
        let description = self.sheet_description(sheet);
        let mut context = self.context(&path, "sheet", &view.title, &description);
        let facts: Vec<FactView> = sheet
            .facts
            .facts
            .iter()
            .map(|fact| self.fact_view(index, sheet, fact))
            .collect();
        let groups = group_by_kind(self.locale, facts.iter().cloned());
        let mut charts = Vec::new();
        for (kind, id) in [
            (Kind::Growth, "chart-growth"),
            (Kind::PriceCut, "chart-price-cut"),
        ] {
            let points: Vec<Point> = sheet
                .facts
                .facts
                .iter()
                .zip(&facts)
                .filter(|(fact, _)| fact.kind == kind && fact.unit == Some(Unit::Percent))
                .map(|(fact, view)| point(fact, format!("#{}", view.anchor), subject_metric(fact)))
                .collect();
            if !points.is_empty() {
                charts.push(charts::bars(
                    id,
                    &self.locale.kind_label(&kind),
                    &points,
                    self.locale,
                ));
            }
        }
        context.insert("article", &view);
        context.insert("facts", &facts);
        context.insert("groups", &groups);
        context.insert("charts", &charts);
        context.insert("article_html", &self.article_html(index).html);
        context.insert("jsonld", &self.dataset_json_ld(sheet, &view, &description));
        Page {
            path,
            template: "sheet.html",
            context,
        }
    }

    fn kind_page(&self, number: usize) -> Page {
        let kind_view = &self.kinds[number];
        let root = links::root(&kind_view.url);
        let mut facts = Vec::new();
        let mut points: BTreeMap<Option<Unit>, Vec<Point>> = BTreeMap::new();
        let mut articles = Vec::new();
        for &(index, fact_index) in &self.kind_facts[number] {
            let sheet = &self.site.sheets[index];
            let fact = &sheet.facts.facts[fact_index];
            let view = self.fact_view(index, sheet, fact);
            if fact.kind != Kind::Comparison {
                points.entry(fact.unit.clone()).or_default().push(point(
                    fact,
                    format!("{root}{}", view.url),
                    subject_metric(fact),
                ));
            }
            facts.push(view);
            if articles
                .last()
                .is_none_or(|a: &ArticleRef| a.slug != sheet.facts.article.slug)
            {
                articles.push(self.article_ref(sheet));
            }
        }
        let charts: Vec<Chart> = points
            .into_iter()
            .enumerate()
            .map(|(number, (unit, mut points))| {
                points.sort_by(|a, b| {
                    top(&b.figure)
                        .total_cmp(&top(&a.figure))
                        .then_with(|| a.url.cmp(&b.url))
                });
                let title = unit_title(&kind_view.label, unit.as_ref());
                charts::bars(
                    &format!("chart-{}", number + 1),
                    &title,
                    &points,
                    self.locale,
                )
            })
            .collect();
        let description = format!(
            "{} — {} facts from {} articles, each with the sentence that states it.",
            kind_view.label,
            facts.len(),
            articles.len()
        );
        let mut context = self.context(&kind_view.url, "kind", &kind_view.label, &description);
        context.insert("kind", kind_view);
        context.insert("facts", &facts);
        context.insert("charts", &charts);
        context.insert("articles", &articles);
        Page {
            path: kind_view.url.clone(),
            template: "kind.html",
            context,
        }
    }

    fn subject_page(&self, number: usize) -> Page {
        let subject = &self.subjects[number];
        let root = links::root(&subject.url);
        let mut facts = Vec::new();
        let mut articles = Vec::new();
        // By kind and unit: every figure, as bars in order of time. By kind, unit and metric:
        // a true series, drawn on a time axis when it has two dated points or more.
        let mut by_kind: BTreeMap<(usize, String, Option<Unit>), Vec<Point>> = BTreeMap::new();
        let mut series: BTreeMap<(usize, String, Option<Unit>, String), Vec<Point>> =
            BTreeMap::new();
        for &(index, fact_index) in &self.subject_facts[number] {
            let sheet = &self.site.sheets[index];
            let fact = &sheet.facts.facts[fact_index];
            {
                let view = self.fact_view(index, sheet, fact);
                if fact.kind != Kind::Comparison {
                    let url = format!("{root}{}", view.url);
                    let metric = fact.metric.clone().unwrap_or_default();
                    let when = fact
                        .period
                        .as_ref()
                        .map(|p| format!("{} · ", self.locale.period(p.as_str())))
                        .unwrap_or_default();
                    let key = (fact.kind.rank(), fact.kind.to_string(), fact.unit.clone());
                    by_kind.entry(key.clone()).or_default().push(point(
                        fact,
                        url.clone(),
                        format!("{when}{metric}"),
                    ));
                    if fact.period.is_some() {
                        series
                            .entry((key.0, key.1, key.2, metric.clone()))
                            .or_default()
                            .push(point(fact, url, metric));
                    }
                }
                facts.push(view);
            }
            if articles
                .last()
                .is_none_or(|a: &ArticleRef| a.slug != sheet.facts.article.slug)
            {
                articles.push(self.article_ref(sheet));
            }
        }
        // Over time: oldest period first, whichever article states it.
        facts.sort_by_key(period_key);
        let groups = group_by_kind(self.locale, facts.iter().cloned());
        let by_time = |a: &Point, b: &Point| {
            let days = |p: &Point| p.period.as_ref().map(|p| p.days());
            (days(a).is_none(), days(a))
                .cmp(&(days(b).is_none(), days(b)))
                .then_with(|| a.url.cmp(&b.url))
        };
        let mut charts: Vec<Chart> = Vec::new();
        for ((_, kind, unit), mut points) in by_kind {
            points.sort_by(by_time);
            let title = unit_title(&self.locale.kind_label(&Kind::parse(&kind)), unit.as_ref());
            let id = format!("chart-{}", charts.len() + 1);
            charts.push(charts::bars(&id, &title, &points, self.locale));
        }
        for ((_, kind, unit, metric), mut points) in series {
            if points.len() < 2 {
                continue;
            }
            points.sort_by(by_time);
            let label = unit_title(&self.locale.kind_label(&Kind::parse(&kind)), unit.as_ref());
            let title = if metric.is_empty() {
                label
            } else {
                format!("{label}: {metric}")
            };
            let id = format!("chart-{}", charts.len() + 1);
            charts.push(charts::timeline(&id, &title, &points, self.locale));
        }
        let description = format!(
            "Everything the articles say about {} in figures: {} facts from {} articles.",
            subject.name,
            facts.len(),
            articles.len()
        );
        let mut context = self.context(&subject.url, "subject", &subject.name, &description);
        context.insert("subject", subject);
        context.insert("facts", &facts);
        context.insert("groups", &groups);
        context.insert("charts", &charts);
        context.insert("articles", &articles);
        Page {
            path: subject.url.clone(),
            template: "subject.html",
            context,
        }
    }

    fn not_found(&self) -> Page {
        let mut context = self.context(
            "404.html",
            "404",
            "Page not found",
            &self.site.config.description,
        );
        // A host serves this page at whatever address was missing, so relative links would
        // point nowhere; with a base URL they are absolute.
        if !self.base_url.is_empty() {
            context.insert("root", &self.base_url);
        }
        context.insert("kinds", &self.kinds);
        Page {
            path: "404.html".into(),
            template: "404.html",
            context,
        }
    }

    fn feed(&self) -> Page {
        let mut context = self.context("feed.xml", "feed", &self.site.config.title, "");
        let articles: Vec<ArticleView> = self
            .site
            .sheets
            .iter()
            .enumerate()
            .map(|(index, sheet)| self.article_view(index, sheet))
            .collect();
        let updated = self
            .site
            .sheets
            .iter()
            .filter_map(|s| s.facts.article.date)
            .max()
            .map(|d| d.to_string());
        context.insert("articles", &articles);
        context.insert("updated", &updated);
        Page {
            path: "feed.xml".into(),
            template: "atom.xml",
            context,
        }
    }

    fn sitemap(&self) -> Page {
        let mut context = self.context("sitemap.xml", "sitemap", "", "");
        let mut urls = vec!["index.html".to_string()];
        urls.extend(
            self.site
                .sheets
                .iter()
                .map(|s| links::article_page(&s.facts.article.slug)),
        );
        urls.extend(self.kinds.iter().map(|k| k.url.clone()));
        urls.extend(self.subjects.iter().map(|s| s.url.clone()));
        // With a base URL, pages are named as servers name them (`articles/x/`); without
        // one, by their file, as on disk.
        if !self.base_url.is_empty() {
            for url in &mut urls {
                url.truncate(url.strip_suffix("index.html").unwrap_or(url).len());
            }
        }
        context.insert("urls", &urls);
        Page {
            path: "sitemap.xml".into(),
            template: "sitemap.xml",
            context,
        }
    }

    fn robots(&self) -> Page {
        Page {
            path: "robots.txt".into(),
            template: "robots.txt",
            context: self.context("robots.txt", "robots", "", ""),
        }
    }

    fn article_html(&self, index: usize) -> &article::ArticleHtml {
        self.article_html[index].get_or_init(|| {
            let sheet = &self.site.sheets[index];
            let spans: Vec<[usize; 2]> = sheet.facts.facts.iter().map(|f| f.span).collect();
            article::render(&sheet.article, &spans)
        })
    }

    fn article_ref(&self, sheet: &Sheet) -> ArticleRef {
        let meta = &sheet.facts.article;
        ArticleRef {
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            date: meta.date.map(|d| d.to_string()),
            url: links::article_page(&meta.slug),
        }
    }

    fn article_view(&self, index: usize, sheet: &Sheet) -> ArticleView {
        let meta = &sheet.facts.article;
        let url = links::article_page(&meta.slug);
        let folder = links::folder(&url).to_string();
        let facts = &sheet.facts.facts;
        let mut headline_facts = Vec::new();
        let mut kinds: Vec<(usize, String, Kind, usize)> = Vec::new();
        for fact in facts {
            match kinds.iter_mut().find(|k| k.2 == fact.kind) {
                Some(entry) => entry.3 += 1,
                None => kinds.push((
                    fact.kind.rank(),
                    fact.kind.to_string(),
                    fact.kind.clone(),
                    1,
                )),
            }
        }
        kinds.sort();
        for (_, _, kind, _) in kinds.iter().take(3) {
            if let Some(fact) = facts.iter().find(|f| &f.kind == kind) {
                headline_facts.push(self.fact_view(index, sheet, fact));
            }
        }
        ArticleView {
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            date: meta.date.map(|d| d.to_string()),
            source: meta.source.clone(),
            fact_count: facts.len(),
            headline_facts,
            kinds: kinds
                .into_iter()
                .map(|(_, _, kind, count)| KindCount {
                    label: self.locale.kind_label(&kind),
                    url: links::kind_page(&kind),
                    kind: kind.to_string(),
                    count,
                })
                .collect(),
            downloads: Downloads {
                json: format!("{folder}facts.json"),
                csv: format!("{folder}facts.csv"),
                yaml: format!("{folder}facts.yaml"),
                json_name: format!("{}.json", meta.slug),
                csv_name: format!("{}.csv", meta.slug),
                yaml_name: format!("{}.yaml", meta.slug),
            },
            url,
        }
    }

    fn fact_view(&self, index: usize, sheet: &Sheet, fact: &Fact) -> FactView {
        let page = links::article_page(&sheet.facts.article.slug);
        let anchor = links::fact_anchor(&fact.id);
        let quote_anchor = self
            .article_html(index)
            .anchors
            .contains(&fact.span)
            .then(|| links::sentence_anchor(fact.span));
        let subject_slug = self
            .subject_slugs
            .get(&fact.subject)
            .cloned()
            .unwrap_or_else(|| links::subject_slug(&fact.subject));
        FactView {
            id: fact.id.clone(),
            url: format!("{page}#{anchor}"),
            anchor,
            kind: fact.kind.to_string(),
            kind_label: self.locale.kind_label(&fact.kind),
            kind_url: links::kind_page(&fact.kind),
            subject: fact.subject.clone(),
            subject_url: links::subject_page(&subject_slug),
            metric: fact.metric.clone(),
            value: fact.value.map(|n| n.0),
            min: fact.min.map(|n| n.0),
            max: fact.max.map(|n| n.0),
            unit: fact.unit.as_ref().map(|u| u.to_string()),
            qualifier: fact.qualifier.map(|q| q.to_string()),
            basis: fact.basis.map(|b| b.to_string()),
            object: fact.object.clone(),
            period: fact.period.as_ref().map(|p| p.to_string()),
            text: fact.text.clone(),
            quote: fact.quote.clone(),
            span: fact.span,
            quote_url: quote_anchor
                .as_ref()
                .map(|anchor| format!("{page}#{anchor}")),
            quote_anchor,
            article: self.article_ref(sheet),
        }
    }

    fn sheet_description(&self, sheet: &Sheet) -> String {
        let meta = &sheet.facts.article;
        let count = sheet.facts.facts.len();
        let date = meta
            .date
            .map(|d| format!(" of {}", self.locale.date(&d.to_string())))
            .unwrap_or_default();
        format!(
            "{count} figures from the article “{}”{date}, each with the sentence that states it.",
            meta.title
        )
    }

    /// schema.org `Dataset` for search engines, with the downloads as distributions. Every `<`
    /// is escaped so that nothing in it can close the `<script>` element.
    fn dataset_json_ld(&self, sheet: &Sheet, view: &ArticleView, description: &str) -> String {
        let absolute = |path: &str| format!("{}{path}", self.base_url);
        let mut keywords: Vec<String> = view.kinds.iter().map(|k| k.label.clone()).collect();
        let mut subjects: Vec<&str> = sheet
            .facts
            .facts
            .iter()
            .map(|f| f.subject.as_str())
            .collect();
        subjects.sort_unstable();
        subjects.dedup();
        keywords.extend(subjects.iter().map(|s| s.to_string()));
        let mut measured: Vec<&str> = sheet
            .facts
            .facts
            .iter()
            .filter_map(|f| f.metric.as_deref())
            .collect();
        measured.sort_unstable();
        measured.dedup();
        let distribution = |path: &str, format: &str| {
            serde_json::json!({
                "@type": "DataDownload",
                "encodingFormat": format,
                "contentUrl": absolute(path),
            })
        };
        let mut dataset = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": format!("Facts of “{}”", view.title),
            "description": description,
            "keywords": keywords,
            "variableMeasured": measured,
            "isAccessibleForFree": true,
            "distribution": [
                distribution(&view.downloads.json, "application/json"),
                distribution(&view.downloads.csv, "text/csv"),
                distribution(&view.downloads.yaml, "application/yaml"),
            ],
        });
        if let Some(date) = &view.date {
            dataset["datePublished"] = date.clone().into();
        }
        if !self.base_url.is_empty() {
            dataset["url"] = absolute(&view.url.replace("index.html", "")).into();
        }
        serde_json::to_string(&dataset)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }
}

fn group_by_kind(locale: &Locale, facts: impl Iterator<Item = FactView>) -> Vec<FactGroup> {
    let mut groups: BTreeMap<(usize, String), FactGroup> = BTreeMap::new();
    for fact in facts {
        let kind = Kind::parse(&fact.kind);
        groups
            .entry((kind.rank(), fact.kind.clone()))
            .or_insert_with(|| FactGroup {
                label: locale.kind_label(&kind),
                url: links::kind_page(&kind),
                anchor: format!("kind-{}", links::kind_slug(&kind)),
                kind: fact.kind.clone(),
                facts: Vec::new(),
            })
            .facts
            .push(fact);
    }
    groups.into_values().collect()
}

/// `url`: the fact's row as linked from the page the chart is on.
fn point(fact: &Fact, url: String, label: String) -> Point {
    Point {
        label,
        figure: Figure::of(fact),
        period: fact.period.clone(),
        url,
    }
}

/// A chart's title: the kind, with the unit when it is not obvious ("Money (USD)").
fn unit_title(label: &str, unit: Option<&Unit>) -> String {
    match unit {
        Some(Unit::Percent | Unit::Count) | None => label.to_string(),
        Some(unit) => format!("{label} ({unit})"),
    }
}

fn subject_metric(fact: &Fact) -> String {
    match &fact.metric {
        Some(metric) => format!("{} · {metric}", fact.subject),
        None => fact.subject.clone(),
    }
}

/// The largest number a figure reaches, to sort bars.
fn top(figure: &Figure) -> f64 {
    figure.max.or(figure.value).unwrap_or(0.0)
}

/// Dated facts first, oldest period first; then the undated ones; ties in article and text order.
fn period_key(fact: &FactView) -> (bool, Option<(Date, Date)>, String, [usize; 2]) {
    let days = fact
        .period
        .as_deref()
        .and_then(crate::facts::Period::parse)
        .map(|p| p.days());
    (days.is_none(), days, fact.article.slug.clone(), fact.span)
}
