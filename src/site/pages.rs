//! What each page shows, as plain data for its template: the index, one fact sheet per article,
//! one page per kind and per subject, the feed, the sitemap and the 404 page.
//!
//! The structs here are the template variables documented in the README; their field names
//! are FACTS.md's where they carry a fact's fields. Every list is in a total order, so two builds
//! give the same bytes.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use super::article;
use super::charts::{self, Chart, Point};
use super::compare::{self, Group, Ids, Series, Spellings};
use super::conflicts::{self, Conflicts};
use super::format::{Figure, Locale};
use super::links;
use std::sync::OnceLock;

use super::{Sheet, Site};
use crate::error::Result;
use crate::facts::{Fact, Kind};

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
    /// How many files the search index's keys are hashed into (`search::bucket_count`):
    /// `search.js` needs it to name the file of a key.
    pub search_buckets: usize,
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
    /// Always empty: the article's fact file is no longer published beside its JSON and CSV,
    /// which hold the same facts (a third copy of each fact on every sheet). Kept, with
    /// `yaml_name`, so that templates that test it still render.
    pub yaml: String,
    /// Suggested file names for the `download` attribute.
    pub json_name: String,
    pub csv_name: String,
    pub yaml_name: String,
}

/// An article as lists and headers show it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'v> {
    pub slug: String,
    pub title: String,
    /// ISO 8601, or none.
    pub date: Option<String>,
    /// The article's file, relative to the site root where it was built: `seeds/a.txt`.
    pub source: String,
    pub url: String,
    /// Where the article was first published, and by whom.
    pub original_url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub fact_count: usize,
    /// How many of them a person has reviewed.
    pub reviewed_count: usize,
    /// A few facts that sum the article up: the first of each kind, in FACTS.md's kind order.
    pub headline_facts: Vec<FactView<'v>>,
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

/// A fact with everything a template needs to show and link it. It borrows what it can from
/// the fact and the model: a fact is made a view on three pages or more.
#[derive(Debug, Clone, Serialize)]
pub struct FactView<'v> {
    pub id: &'v str,
    /// The id of its row on the fact sheet.
    pub anchor: String,
    pub kind: &'v str,
    pub kind_label: Cow<'v, str>,
    pub kind_url: Cow<'v, str>,
    pub subject: &'v str,
    pub subject_url: Cow<'v, str>,
    pub metric: Option<&'v str>,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<&'v str>,
    pub qualifier: Option<&'static str>,
    pub basis: Option<&'static str>,
    pub object: Option<&'v str>,
    pub period: Option<&'v str>,
    pub text: &'v str,
    pub quote: &'v str,
    pub span: [usize; 2],
    /// What the `headline` filter gives, made once for every page that shows the fact.
    pub headline: String,
    /// `text`, when it is not what the `amount` filter gives: the figure as the article wrote
    /// it, shown beside the formatted one. None for comparisons.
    pub written: Option<&'v str>,
    /// The fact's row on its fact sheet, relative to the root.
    pub url: String,
    /// Its sentence, highlighted in the article text; none when the sentence is not shown.
    pub quote_url: Option<String>,
    /// The id of that sentence on the fact sheet, for links within the sheet.
    pub quote_anchor: Option<String>,
    /// The *article ref* of its article, made once for every fact of the article.
    pub article: tera::Value,
    /// The extractor was unsure of it (`confidence` below the review threshold) and no one
    /// has removed the mark: readers see it flagged until a person checks it.
    pub to_check: bool,
    /// A person has checked it (`reviewed: true`).
    pub reviewed: bool,
    /// Another article states the same measure with a figure this one rules out: where the
    /// two are listed side by side, relative to the root.
    pub conflict: Option<String>,
}

/// Figures of one measure that articles state differently.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView<'v> {
    pub anchor: &'v str,
    pub title: &'v str,
    /// On the conflicts page, relative to the root.
    pub url: String,
    /// The facts of the measure, from two articles at least: on a fact sheet its own first,
    /// then a few of the others.
    pub facts: Vec<FactView<'v>>,
    /// Facts of the measure left out here, listed at `url`.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub slug: String,
    pub title: String,
    /// What a listing row names the article by: its title's lead before a colon, or its
    /// first words (see [`short_title`]). A listing of 200 rows repeated whole titles of
    /// 60 characters; the sheet the link opens has the title.
    pub short_title: String,
    pub date: Option<String>,
    pub url: String,
    /// Where the article was first published, and by whom: for citations.
    pub original_url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

/// The facts of one kind within a page.
#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    pub kind: String,
    pub label: String,
    pub url: String,
    /// An id for the section's heading.
    pub anchor: String,
    /// [`FactView`]s, made into template values once for the page: the same facts are listed
    /// whole and by kind, and a value is shared, not copied.
    pub facts: Vec<tera::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindView {
    pub kind: String,
    pub label: String,
    pub url: String,
    pub count: usize,
    pub article_count: usize,
    /// The kind's facts across the site: `kinds/<kind>/facts.csv` (`json` is empty).
    pub downloads: Downloads,
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
    /// The front page of this number, from 1: [`ARTICLES_PER_PAGE`] articles each.
    Index(usize),
    /// The fact sheet of the sheet at this position of `Site::sheets`.
    Sheet(usize),
    /// The kind at this position of `Model::kinds`, and the page of its listing, from 1.
    Kind(usize, usize),
    /// The subject at this position of `Model::subjects`, and the page of its listing, from 1.
    Subject(usize, usize),
    /// Every subject, by name: [`SUBJECTS_PAGE`].
    Subjects,
    NotFound,
    /// The search results page, `search/index.html?q=...`.
    Search,
    /// The list of figures that articles state differently, the page of it from 1:
    /// [`conflicts::PER_PAGE`] each.
    Conflicts(usize),
    Feed,
    /// `sitemap.xml`, the whole sitemap or, past [`SITEMAP_URLS`], the index of its parts.
    Sitemap,
    /// Part of the sitemap, from 1: `sitemap-1.xml`.
    SitemapPart(usize),
    Robots,
}

/// The list of every subject. The front page names the [`FRONT_SUBJECTS`] with the most facts
/// and links here: at 10,000 articles the whole list was 150 KB of a 240 KB front page.
pub const SUBJECTS_PAGE: &str = "subjects/index.html";

/// How many subjects the front page names.
pub const FRONT_SUBJECTS: usize = 60;

/// The search results page; a query is its `?q=`, so a search can be shared as a link.
pub const SEARCH_PAGE: &str = "search/index.html";

/// Figures of other articles a fact sheet shows for each of its conflicts; the conflicts page
/// has them all.
pub const SHEET_CONFLICT_OTHERS: usize = 5;

/// Articles on each page of the front page.
pub const ARTICLES_PER_PAGE: usize = 50;

/// Facts on each page of a kind's or a subject's listing: a listing of a large site runs to
/// thousands of facts, which no reader scrolls and no browser lays out quickly.
pub const FACTS_PER_PAGE: usize = 200;

/// Facts on a page of a subject's listing. Fewer than a kind's: the first page also holds up to
/// [`SERIES_CHARTS`] timelines, and at 200 a subject's page averaged 90 KB at 10,000 articles.
pub const SUBJECT_FACTS_PER_PAGE: usize = 50;

/// URLs in one sitemap file, the limit of the sitemap protocol: a larger site's
/// `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml`, ...
pub const SITEMAP_URLS: usize = 50_000;

/// Articles in the feed: the newest. A reader subscribes for what comes next; a feed of every
/// article of a large site would be megabytes fetched again on every poll.
pub const FEED_ENTRIES: usize = 50;

/// Bars in a chart of a kind or a subject: the largest figures of a kind, the latest of a
/// subject. A chart of thousands of bars shows nothing; the tables hold every fact.
pub const CHART_BARS: usize = 30;

/// Time series charted on a subject's page: the longest ones.
pub const SERIES_CHARTS: usize = 8;

/// Charts on a kind's page: its groups of like facts with the most facts. A kind has as many
/// groups as metrics and periods; past a few the page is a wall of charts.
pub const KIND_CHARTS: usize = 6;

/// Where a page stands among the pages of its listing, and links to the others: the first, the
/// last, and the two either side of it.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// From 1.
    pub number: usize,
    pub count: usize,
    /// Relative to the site root, like every URL of the templates.
    pub previous: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out before this one.
    pub gap: bool,
}

impl Pager {
    /// Page `number` of `count`, where the first page is at `first` (`kinds/growth/index.html`).
    pub fn new(first: &str, number: usize, count: usize) -> Pager {
        let url = |n: usize| links::paged(first, n);
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=count {
            if n == 1 || n == count || n.abs_diff(number) <= 2 {
                links.push(PagerLink {
                    number: n,
                    url: url(n),
                    current: n == number,
                    gap: n > last_shown + 1,
                });
                last_shown = n;
            }
        }
        Pager {
            number,
            count,
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            links,
        }
    }
}

/// How many pages a listing of `items` takes, `per_page` each; an empty listing has one page.
fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The items on page `number` (from 1).
fn page_of<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    let start = ((number - 1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

/// A listing's title on its later pages: "Growth, page 2 of 130".
fn paged_title(title: &str, pager: &Pager) -> String {
    if pager.number == 1 {
        title.to_string()
    } else {
        format!("{title}, page {} of {}", pager.number, pager.count)
    }
}

/// Per subject slug while counting: each spelling with its use count, the facts, and the
/// articles (slugs) it appears in.
type SubjectTally<'a> = (BTreeMap<&'a str, usize>, FactList, Vec<&'a str>);

/// The facts of a kind or subject, as (sheet, fact) positions in site order.
type FactList = Vec<(usize, usize)>;

/// Facts by the largest number each reaches ([`fact_top`]), with their (sheet, fact) positions.
type ByTop = Vec<(f64, (usize, usize))>;

/// The site, indexed once for every page: what each page lists is looked up, never searched
/// for, so the work of a build grows with the size of the site, not with its square.
pub struct Model<'a> {
    site: &'a Site,
    locale: &'a Locale,
    base_url: String,
    site_view: SiteView,
    /// Per sheet, in site order: the spans its article's HTML has an anchor for, found when a
    /// page first needs them. Only the anchors are kept: the HTML, the size of the article, is
    /// made again for the one page that shows it.
    anchors: Vec<OnceLock<BTreeSet<[usize; 2]>>>,
    /// Per sheet: its [`ArticleRef`] as a template value, which each of its facts carries.
    article_refs: Vec<OnceLock<tera::Value>>,
    pub kinds: Vec<KindView>,
    kind_facts: Vec<FactList>,
    pub subjects: Vec<SubjectView>,
    subject_facts: Vec<FactList>,
    /// The page of the subject, by each spelling of its name.
    subject_urls: HashMap<String, String>,
    conflicts: Conflicts<'a>,
}

/// The longest a listing's name of an article runs, in characters.
const SHORT_TITLE: usize = 32;

/// A title as a listing names its article: the lead before the first colon when it is short
/// ("Adyen adoption" of "Adyen adoption: list price 77% in 2023-Q3"), the whole title when
/// it is short, else its first words to [`SHORT_TITLE`] characters and an ellipsis.
pub fn short_title(title: &str) -> String {
    let title = title.trim();
    let lead = title.split_once(": ").map(|(lead, _)| lead);
    if let Some(lead) = lead.filter(|lead| (3..=SHORT_TITLE).contains(&lead.chars().count())) {
        return lead.to_string();
    }
    if title.chars().count() <= SHORT_TITLE {
        return title.to_string();
    }
    let cut = title
        .char_indices()
        .nth(SHORT_TITLE)
        .map_or(title.len(), |(at, _)| at);
    let words = title[..cut]
        .rfind(' ')
        .filter(|&space| space > 0)
        .map_or(&title[..cut], |space| &title[..space]);
    format!(
        "{}…",
        words.trim_end_matches([',', ';', ' ', '-', '–', '—'])
    )
}

/// Per kind, keyed by its rank and slug so kinds list in their order: the kind, its facts and
/// the articles (slugs) it appears in.
type KindTally<'a> = BTreeMap<(usize, String), (Kind, FactList, Vec<&'a str>)>;

/// Every fact of the site counted once, under its kind and under its subject.
fn tally(site: &Site) -> (KindTally<'_>, BTreeMap<String, SubjectTally<'_>>) {
    let mut kinds: KindTally = BTreeMap::new();
    let mut subjects: BTreeMap<String, SubjectTally> = BTreeMap::new();
    // Slugs by subject as written: most facts share their subject with others.
    let mut slug_of: BTreeMap<&str, String> = BTreeMap::new();
    let mut kind_slugs: Vec<(Kind, String)> = Vec::new();
    for (sheet_index, sheet) in site.sheets.iter().enumerate() {
        let slug = sheet.facts.article.slug.as_str();
        for (fact_index, fact) in sheet.facts.facts.iter().enumerate() {
            // A site has a handful of kinds and many facts: each kind is slugged once.
            let kind_slug = match kind_slugs.iter().find(|(kind, _)| *kind == fact.kind) {
                Some((_, slug)) => slug.clone(),
                None => {
                    let slug = links::kind_slug(&fact.kind);
                    kind_slugs.push((fact.kind.clone(), slug.clone()));
                    slug
                }
            };
            let entry = kinds
                .entry((fact.kind.rank(), kind_slug))
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
    (kinds, subjects)
}

/// Each kind's view and its facts, in the kinds' order.
fn kind_views(kinds: KindTally, locale: &Locale) -> (Vec<KindView>, Vec<FactList>) {
    kinds
        .into_values()
        .map(|(kind, facts, articles)| {
            let url = links::kind_page(&kind);
            let folder = links::folder(&url);
            let name = links::kind_page(&kind)
                .trim_start_matches("kinds/")
                .trim_end_matches("/index.html")
                .to_string();
            let view = KindView {
                label: locale.kind_label(&kind),
                // CSV only: a spreadsheet takes every growth figure in one file, and
                // JSON readers have each article's `facts.json`; a kind's JSON said
                // the same facts a third time (58 MB at 10,000 articles).
                downloads: Downloads {
                    json: String::new(),
                    csv: format!("{folder}facts.csv"),
                    yaml: String::new(),
                    json_name: String::new(),
                    csv_name: format!("facts-{name}.csv"),
                    yaml_name: String::new(),
                },
                url,
                kind: kind.to_string(),
                count: facts.len(),
                article_count: articles.len(),
            };
            (view, facts)
        })
        .unzip()
}

/// Each subject's view and its facts, by name, with the page of each spelling of a name.
fn subject_views(
    subjects: BTreeMap<String, SubjectTally>,
    site: &Site,
) -> (Vec<SubjectView>, Vec<FactList>, HashMap<String, String>) {
    let mut subject_urls = HashMap::new();
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
                subject_urls.insert(spelling.to_string(), links::subject_page(&slug));
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
    let (subjects, mut subject_facts): (Vec<SubjectView>, Vec<FactList>) =
        subjects.into_iter().unzip();
    // Over time: oldest period first, whichever article states it. Sorted once here, not
    // on each of a subject's pages.
    subject_facts.par_iter_mut().for_each(|facts| {
        facts.sort_by_cached_key(|&(index, fact_index)| {
            let sheet = &site.sheets[index];
            period_key(&sheet.facts.facts[fact_index], &sheet.facts.article.slug)
        });
    });
    (subjects, subject_facts, subject_urls)
}

impl<'a> Model<'a> {
    pub fn new(site: &'a Site, locale: &'a Locale) -> Model<'a> {
        let base_url = site.config.base();
        let anchors = site.sheets.iter().map(|_| OnceLock::new()).collect();
        let article_refs = site.sheets.iter().map(|_| OnceLock::new()).collect();
        let (kinds, subjects) = tally(site);
        let (kinds, kind_facts) = kind_views(kinds, locale);
        let (subjects, subject_facts, subject_urls) = subject_views(subjects, site);
        let site_view = site_view(site, &base_url);
        Model {
            conflicts: Conflicts::new(site, locale),
            site,
            locale,
            base_url,
            site_view,
            anchors,
            article_refs,
            kinds,
            kind_facts,
            subjects,
            subject_facts,
            subject_urls,
        }
    }

    /// Every page of the site, in the order they are listed in the sitemap.
    pub fn page_ids(&self) -> Vec<PageId> {
        let mut ids: Vec<PageId> = (1..=self.index_pages()).map(PageId::Index).collect();
        ids.extend((0..self.site.sheets.len()).map(PageId::Sheet));
        for kind in 0..self.kinds.len() {
            ids.extend(self.kind_pages(kind));
        }
        ids.push(PageId::Subjects);
        for subject in 0..self.subjects.len() {
            ids.extend(self.subject_pages(subject));
        }
        ids.extend([PageId::NotFound, PageId::Search]);
        ids.extend((1..=self.conflict_pages()).map(PageId::Conflicts));
        ids.extend([PageId::Feed, PageId::Sitemap]);
        ids.extend(self.sitemap_parts().map(PageId::SitemapPart));
        ids.push(PageId::Robots);
        ids
    }

    /// The pages of the front page.
    pub fn index_pages(&self) -> usize {
        page_count(self.site.sheets.len(), ARTICLES_PER_PAGE)
    }

    /// The pages of the list of conflicts.
    pub fn conflict_pages(&self) -> usize {
        self.conflicts.pages()
    }

    /// The pages of the kind at position `kind`.
    pub fn kind_pages(&self, kind: usize) -> impl Iterator<Item = PageId> + use<> {
        let count = page_count(self.kind_facts[kind].len(), FACTS_PER_PAGE);
        (1..=count).map(move |n| PageId::Kind(kind, n))
    }

    /// The facts of the kind at position `kind`, in site order, as (sheet, fact) positions.
    pub fn kind_facts(&self, kind: usize) -> &[(usize, usize)] {
        &self.kind_facts[kind]
    }

    /// The pages of the subject at position `subject`.
    pub fn subject_pages(&self, subject: usize) -> impl Iterator<Item = PageId> + use<> {
        let count = page_count(self.subject_facts[subject].len(), SUBJECT_FACTS_PER_PAGE);
        (1..=count).map(move |n| PageId::Subject(subject, n))
    }

    /// Where the page is written, without building it.
    pub fn path(&self, id: PageId) -> String {
        match id {
            PageId::Index(number) => links::paged("index.html", number),
            PageId::Sheet(index) => {
                links::article_page(&self.site.sheets[index].facts.article.slug)
            }
            PageId::Kind(index, number) => links::paged(&self.kinds[index].url, number),
            PageId::Subject(index, number) => links::paged(&self.subjects[index].url, number),
            PageId::Subjects => SUBJECTS_PAGE.into(),
            PageId::NotFound => "404.html".into(),
            PageId::Search => SEARCH_PAGE.into(),
            PageId::Conflicts(number) => links::paged(conflicts::PAGE, number),
            PageId::Feed => "feed.xml".into(),
            PageId::Sitemap => "sitemap.xml".into(),
            PageId::SitemapPart(number) => format!("sitemap-{number}.xml"),
            PageId::Robots => "robots.txt".into(),
        }
    }

    /// The page: its path, template and variables.
    /// Fails only when a text a build let go cannot be read again ([`Sheet::release`]).
    pub fn page(&self, id: PageId) -> Result<Page> {
        Ok(match id {
            PageId::Index(number) => self.index(number),
            PageId::Sheet(index) => self.sheet(index)?,
            PageId::Kind(index, number) => self.kind_page(index, number),
            PageId::Subject(index, number) => self.subject_page(index, number),
            PageId::Subjects => self.subjects_page(),
            PageId::NotFound => self.not_found(),
            PageId::Search => self.search_page(),
            PageId::Conflicts(number) => self.conflicts_page(number),
            PageId::Feed => self.feed(),
            PageId::Sitemap => self.sitemap(None),
            PageId::SitemapPart(number) => self.sitemap(Some(number)),
            PageId::Robots => self.robots(),
        })
    }
}

/// The variables every page shows of the site as a whole.
fn site_view(site: &Site, base_url: &str) -> SiteView {
    let config = &site.config;
    let fact_count = site.sheets.iter().map(|s| s.facts.facts.len()).sum();
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: base_url.to_string(),
        language: config.language.clone(),
        article_count: site.sheets.len(),
        fact_count,
        search_buckets: super::search::bucket_count(fact_count),
        // The site's facts are downloaded kind by kind (`KindView::downloads`); `csv` is the
        // table of the articles their rows name by slug.
        downloads: Downloads {
            json: String::new(),
            csv: links::ARTICLES_CSV.to_string(),
            yaml: String::new(),
            json_name: String::new(),
            csv_name: "articles.csv".to_string(),
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

    fn index(&self, number: usize) -> Page {
        let config = &self.site.config;
        let pager = Pager::new("index.html", number, self.index_pages());
        let path = links::paged("index.html", number);
        let title = paged_title(&config.title, &pager);
        let mut context = self.context(&path, "index", &title, &config.description);
        let first = (number - 1) * ARTICLES_PER_PAGE;
        let articles: Vec<ArticleView> = page_of(&self.site.sheets, number, ARTICLES_PER_PAGE)
            .iter()
            .enumerate()
            .map(|(offset, sheet)| self.article_view(first + offset, sheet))
            .collect();
        context.insert("articles", &articles);
        context.insert("pager", &pager);
        // The kinds and the subjects with the most facts are listed on the first page only.
        let (kinds, subjects) = if number == 1 {
            (&self.kinds[..], self.front_subjects())
        } else {
            (&[][..], Vec::new())
        };
        context.insert("kinds", kinds);
        context.insert("subjects", &subjects);
        context.insert("subjects_url", SUBJECTS_PAGE);
        context.insert("kind_count", &self.kinds.len());
        context.insert("subject_count", &self.subjects.len());
        Page {
            path,
            template: "index.html",
            context,
        }
    }

    /// The [`FRONT_SUBJECTS`] subjects with the most facts (ties by name), in name order.
    fn front_subjects(&self) -> Vec<&SubjectView> {
        let mut by_count: Vec<(usize, &SubjectView)> = self.subjects.iter().enumerate().collect();
        by_count.sort_by(|(a, x), (b, y)| y.count.cmp(&x.count).then(a.cmp(b)));
        by_count.truncate(FRONT_SUBJECTS);
        by_count.sort_by_key(|(n, _)| *n);
        by_count.into_iter().map(|(_, s)| s).collect()
    }

    fn subjects_page(&self) -> Page {
        let description = format!(
            "Every subject of {}: {} subjects, each with its facts.",
            self.site.config.title,
            self.subjects.len()
        );
        let mut context = self.context(SUBJECTS_PAGE, "subjects", "Subjects", &description);
        context.insert("subjects", &self.subjects);
        Page {
            path: SUBJECTS_PAGE.into(),
            template: "subjects.html",
            context,
        }
    }

    fn sheet(&self, index: usize) -> Result<Page> {
        let sheet = &self.site.sheets[index];
        // Its anchors first: the views of its facts link to them.
        let article_html = self.article_html(index)?;
        let _ = self.anchors[index].set(article_html.anchors.clone());
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
        let fact_values = values(&facts);
        let groups = group_by_kind(self.locale, &facts, &fact_values);
        let charts = self.sheet_charts(sheet, &facts);
        context.insert("article", &view);
        context.insert("conflicts", &self.sheet_conflict_views(index));
        context.insert("facts", &fact_values);
        context.insert("groups", &groups);
        context.insert("charts", &charts);
        context.insert("article_html", &article_html.html);
        context.insert("jsonld", &self.dataset_json_ld(sheet, &view, &description));
        Ok(Page {
            path,
            template: "sheet.html",
            context,
        })
    }

    fn kind_page(&self, number: usize, page: usize) -> Page {
        let kind_view = &self.kinds[number];
        let all = &self.kind_facts[number];
        let pager = Pager::new(&kind_view.url, page, page_count(all.len(), FACTS_PER_PAGE));
        let path = links::paged(&kind_view.url, page);
        let root = links::root(&path);
        let mut facts = Vec::new();
        let mut articles = Vec::new();
        for &(index, fact_index) in page_of(all, page, FACTS_PER_PAGE) {
            let sheet = &self.site.sheets[index];
            facts.push(self.fact_view(index, sheet, &sheet.facts.facts[fact_index]));
            if articles
                .last()
                .is_none_or(|a: &ArticleRef| a.slug != sheet.facts.article.slug)
            {
                articles.push(self.article_ref(sheet));
            }
        }
        let charts = if page == 1 {
            self.kind_charts(all, &root)
        } else {
            Vec::new()
        };
        let description = format!(
            "{} — {} facts from {} articles, each with the sentence that states it.",
            kind_view.label, kind_view.count, kind_view.article_count
        );
        let title = paged_title(&kind_view.label, &pager);
        let mut context = self.context(&path, "kind", &title, &description);
        context.insert("kind", kind_view);
        context.insert("facts", &facts);
        context.insert("charts", &charts);
        context.insert("articles", &articles);
        context.insert("pager", &pager);
        Page {
            path,
            template: "kind.html",
            context,
        }
    }

    fn subject_page(&self, number: usize, page: usize) -> Page {
        let subject = &self.subjects[number];
        let all = &self.subject_facts[number];
        let pager = Pager::new(
            &subject.url,
            page,
            page_count(all.len(), SUBJECT_FACTS_PER_PAGE),
        );
        let path = links::paged(&subject.url, page);
        let root = links::root(&path);
        let mut facts = Vec::new();
        let mut articles: Vec<ArticleRef> = Vec::new();
        for &(index, fact_index) in page_of(all, page, SUBJECT_FACTS_PER_PAGE) {
            let sheet = &self.site.sheets[index];
            facts.push(self.fact_view(index, sheet, &sheet.facts.facts[fact_index]));
            if !articles.iter().any(|a| a.slug == sheet.facts.article.slug) {
                articles.push(self.article_ref(sheet));
            }
        }
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let fact_values = values(&facts);
        let groups = group_by_kind(self.locale, &facts, &fact_values);
        let charts = if page == 1 {
            self.subject_charts(all, &root)
        } else {
            Vec::new()
        };
        let description = format!(
            "Everything the articles say about {} in figures: {} facts from {} articles.",
            subject.name, subject.count, subject.article_count
        );
        let title = paged_title(&subject.name, &pager);
        let mut context = self.context(&path, "subject", &title, &description);
        context.insert("subject", subject);
        context.insert("facts", &fact_values);
        context.insert("groups", &groups);
        context.insert("charts", &charts);
        context.insert("articles", &articles);
        context.insert("pager", &pager);
        Page {
            path,
            template: "subject.html",
            context,
        }
    }

    /// A fact sheet's charts: one per group of two or more like facts ([`Group`]), in the
    /// order of the sheet's sections, each fact's bar in file order.
    fn sheet_charts(&self, sheet: &Sheet, views: &[FactView]) -> Vec<Chart> {
        let mut groups: BTreeMap<Group, (Vec<Point>, Spellings)> = BTreeMap::new();
        for (fact, view) in sheet.facts.facts.iter().zip(views) {
            if let Some(group) = Group::of(fact) {
                let (points, spellings) = groups.entry(group).or_default();
                points.push(point(
                    fact,
                    format!("#{}", view.anchor),
                    subject_metric(fact),
                ));
                spellings.add(fact.metric.as_deref());
            }
        }
        let mut ids = Ids::default();
        groups
            .into_iter()
            .filter(|(_, (points, _))| points.len() >= 2)
            .filter_map(|(group, (points, spellings))| {
                let title = group.title(spellings.most_used(), self.locale);
                charts::bars(&ids.claim(group.id()), &title, &points, self.locale)
            })
            .collect()
    }

    /// A kind page's charts: the [`KIND_CHARTS`] groups of like facts with the most facts,
    /// each of its [`CHART_BARS`] largest figures, largest first. A kind can have hundreds of
    /// thousands of facts: only those that can be among the largest become points.
    fn kind_charts(&self, all: &[(usize, usize)], root: &str) -> Vec<Chart> {
        let mut groups: BTreeMap<Group, (ByTop, Spellings)> = BTreeMap::new();
        for &(index, fact_index) in all {
            let fact = &self.site.sheets[index].facts.facts[fact_index];
            if let Some(group) = Group::of(fact) {
                let (facts, spellings) = groups.entry(group).or_default();
                facts.push((fact_top(fact), (index, fact_index)));
                spellings.add(fact.metric.as_deref());
            }
        }
        let mut groups: Vec<_> = groups
            .into_iter()
            .filter(|(_, (facts, _))| facts.len() >= 2)
            .collect();
        // A stable sort: of groups as large, the first in group order.
        groups.sort_by_key(|(_, (facts, _))| std::cmp::Reverse(facts.len()));
        groups.truncate(KIND_CHARTS);
        let mut ids = Ids::default();
        groups
            .into_iter()
            .filter_map(|(group, (facts, spellings))| {
                let count = facts.len();
                let mut points: Vec<Point> = largest(facts, CHART_BARS)
                    .into_iter()
                    .map(|(_, (index, fact_index))| {
                        let sheet = &self.site.sheets[index];
                        let fact = &sheet.facts.facts[fact_index];
                        point(fact, fact_url(root, sheet, fact), subject_metric(fact))
                    })
                    .collect();
                points.sort_by(|a, b| {
                    top(&b.figure)
                        .total_cmp(&top(&a.figure))
                        .then_with(|| a.url.cmp(&b.url))
                });
                let mut title = group.title(spellings.most_used(), self.locale);
                if count > CHART_BARS {
                    title = format!("{title}: the {CHART_BARS} largest of {count}");
                    points.truncate(CHART_BARS);
                }
                charts::bars(&ids.claim(group.id()), &title, &points, self.locale)
            })
            .collect()
    }

    /// A subject's charts, "over time": a timeline per [`Series`] (one metric, kind, unit,
    /// basis and length of period) with two periods or more, one column per period; the
    /// [`SERIES_CHARTS`] longest, in series order, each of its latest [`CHART_BARS`] periods.
    fn subject_charts(&self, all: &[(usize, usize)], root: &str) -> Vec<Chart> {
        let mut series: BTreeMap<Series, (Vec<Point>, Spellings)> = BTreeMap::new();
        for &(index, fact_index) in all {
            let sheet = &self.site.sheets[index];
            let fact = &sheet.facts.facts[fact_index];
            let Some(key) = Group::of(fact).and_then(|group| group.series()) else {
                continue;
            };
            let label = fact
                .metric
                .clone()
                .unwrap_or_else(|| self.locale.kind_label(&fact.kind));
            let (points, spellings) = series.entry(key).or_default();
            points.push(point(fact, fact_url(root, sheet, fact), label));
            spellings.add(fact.metric.as_deref());
        }
        let mut series: Vec<_> = series
            .into_iter()
            .map(|(key, (points, spellings))| (key, compare::one_per_period(points), spellings))
            .filter(|(_, points, _)| points.len() >= 2)
            .collect();
        // The longest series: a chart for every metric ever named would bury the ones with a
        // history.
        if series.len() > SERIES_CHARTS {
            let mut longest: Vec<usize> = (0..series.len()).collect();
            longest.sort_by_key(|&i| std::cmp::Reverse(series[i].1.len()));
            let keep: BTreeSet<usize> = longest.into_iter().take(SERIES_CHARTS).collect();
            series = series
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep.contains(i))
                .map(|(_, s)| s)
                .collect();
        }
        let mut ids = Ids::default();
        series
            .into_iter()
            .filter_map(|(key, mut points, spellings)| {
                let mut title = key.title(spellings.most_used(), self.locale);
                // A column per period: past a few dozen they crowd one another.
                if let Some(count) = keep_latest(&mut points) {
                    title = format!("{title}: the latest {CHART_BARS} of {count}");
                }
                charts::timeline(&ids.claim(key.id()), &title, &points, self.locale)
            })
            .collect()
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

    fn search_page(&self) -> Page {
        let description = format!(
            "Search the {} facts of {}.",
            self.site_view.fact_count, self.site.config.title
        );
        Page {
            path: SEARCH_PAGE.into(),
            template: "search.html",
            context: self.context(SEARCH_PAGE, "search", "Search", &description),
        }
    }

    fn feed(&self) -> Page {
        let mut context = self.context("feed.xml", "feed", &self.site.config.title, "");
        let articles: Vec<ArticleView> = self
            .site
            .sheets
            .iter()
            .take(FEED_ENTRIES)
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

    /// The parts of the sitemap, from 1; none when one file holds it.
    pub fn sitemap_parts(&self) -> std::ops::Range<usize> {
        let count = self.sitemap_url_count();
        let parts = if count <= SITEMAP_URLS {
            0
        } else {
            count.div_ceil(SITEMAP_URLS)
        };
        1..parts + 1
    }

    fn sitemap_url_count(&self) -> usize {
        1 + self.site.sheets.len() + self.kinds.len() + self.subjects.len()
    }

    /// The sitemap (`part` none) or one part of it. The sitemap lists every page, or, when
    /// there are more than [`SITEMAP_URLS`], the parts that do.
    fn sitemap(&self, part: Option<usize>) -> Page {
        let path = match part {
            None => "sitemap.xml".to_string(),
            Some(number) => format!("sitemap-{number}.xml"),
        };
        let mut context = self.context(&path, "sitemap", "", "");
        let parts: Vec<String> = self
            .sitemap_parts()
            .map(|n| format!("sitemap-{n}.xml"))
            .collect();
        let (first, last) = match part {
            _ if part.is_none() && !parts.is_empty() => (0, 0),
            None => (0, SITEMAP_URLS),
            Some(number) => ((number - 1) * SITEMAP_URLS, number * SITEMAP_URLS),
        };
        let urls = std::iter::once("index.html".to_string())
            .chain(
                self.site
                    .sheets
                    .iter()
                    .map(|s| links::article_page(&s.facts.article.slug)),
            )
            .chain(self.kinds.iter().map(|k| k.url.clone()))
            .chain(self.subjects.iter().map(|s| s.url.clone()))
            .skip(first)
            .take(last - first)
            // With a base URL, pages are named as servers name them (`articles/x/`); without
            // one, by their file, as on disk.
            .map(|mut url| {
                if !self.base_url.is_empty() {
                    url.truncate(url.strip_suffix("index.html").unwrap_or(&url).len());
                }
                url
            })
            .collect::<Vec<String>>();
        context.insert("urls", &urls);
        context.insert("sitemaps", &if part.is_none() { parts } else { Vec::new() });
        Page {
            path,
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

    /// The article of the sheet at `index` as HTML, its quoted sentences marked.
    fn article_html(&self, index: usize) -> Result<article::ArticleHtml> {
        let sheet = &self.site.sheets[index];
        let spans: Vec<[usize; 2]> = sheet.facts.facts.iter().map(|f| f.span).collect();
        Ok(article::render(&*sheet.article()?, &spans))
    }

    /// The spans of the sheet at `index` that have an anchor in its article's HTML.
    fn anchors(&self, index: usize) -> &BTreeSet<[usize; 2]> {
        let sheet = &self.site.sheets[index];
        match &sheet.released {
            Some(released) => &released.anchors,
            None => self.anchors[index].get_or_init(|| {
                let spans: Vec<[usize; 2]> = sheet.facts.facts.iter().map(|f| f.span).collect();
                article::render(&sheet.article, &spans).anchors
            }),
        }
    }

    fn article_ref(&self, sheet: &Sheet) -> ArticleRef {
        let meta = &sheet.facts.article;
        ArticleRef {
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            short_title: short_title(&meta.title),
            date: meta.date.map(|d| d.to_string()),
            url: links::article_page(&meta.slug),
            original_url: meta.url.clone(),
            publisher: meta.publisher.clone(),
            author: meta.author.clone(),
        }
    }

    fn article_view<'v>(&'v self, index: usize, sheet: &'v Sheet) -> ArticleView<'v> {
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
            original_url: meta.url.clone(),
            publisher: meta.publisher.clone(),
            author: meta.author.clone(),
            fact_count: facts.len(),
            reviewed_count: facts.iter().filter(|f| f.reviewed).count(),
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
                yaml: String::new(),
                json_name: format!("{}.json", meta.slug),
                csv_name: format!("{}.csv", meta.slug),
                yaml_name: String::new(),
            },
            url,
        }
    }

    fn fact_view<'v>(&'v self, index: usize, sheet: &'v Sheet, fact: &'v Fact) -> FactView<'v> {
        let page = links::article_page(&sheet.facts.article.slug);
        let anchor = links::fact_anchor(&sheet.facts.article.slug, &fact.id);
        let quote_anchor = self
            .anchors(index)
            .contains(&fact.span)
            .then(|| links::sentence_anchor(fact.span));
        let kind = self.kinds.iter().find(|k| k.kind == fact.kind.as_str());
        let (headline, amount) = self.locale.headline_and_amount(&Figure::of(fact));
        FactView {
            id: &fact.id,
            url: format!("{page}#{anchor}"),
            anchor,
            kind: fact.kind.as_str(),
            kind_label: kind.map_or_else(
                || Cow::Owned(self.locale.kind_label(&fact.kind)),
                |k| Cow::Borrowed(k.label.as_str()),
            ),
            kind_url: kind.map_or_else(
                || Cow::Owned(links::kind_page(&fact.kind)),
                |k| Cow::Borrowed(k.url.as_str()),
            ),
            subject: &fact.subject,
            subject_url: self.subject_urls.get(&fact.subject).map_or_else(
                || Cow::Owned(links::subject_page(&links::subject_slug(&fact.subject))),
                |url| Cow::Borrowed(url.as_str()),
            ),
            metric: fact.metric.as_deref(),
            value: fact.value.map(|n| n.0),
            min: fact.min.map(|n| n.0),
            max: fact.max.map(|n| n.0),
            unit: fact.unit.as_ref().map(|u| u.as_str()),
            qualifier: fact.qualifier.map(|q| q.as_str()),
            basis: fact.basis.map(|b| b.as_str()),
            object: fact.object.as_deref(),
            period: fact.period.as_ref().map(|p| p.as_str()),
            text: &fact.text,
            quote: &fact.quote,
            span: fact.span,
            headline,
            written: amount
                .filter(|amount| *amount != fact.text)
                .map(|_| fact.text.as_str()),
            quote_url: quote_anchor
                .as_ref()
                .map(|anchor| format!("{page}#{anchor}")),
            quote_anchor,
            article: self.article_refs[index]
                .get_or_init(|| tera::Value::from_serializable(&self.article_ref(sheet)))
                .clone(),
            to_check: crate::facts::review::is_to_check(fact),
            reviewed: fact.reviewed,
            conflict: self.conflicts.of(index, &fact.id).map(conflicts::url),
        }
    }

    /// The conflicts the sheet at `sheet` has a fact in: its own facts of each, then up to
    /// [`SHEET_CONFLICT_OTHERS`] of the other articles'.
    fn sheet_conflict_views(&self, sheet: usize) -> Vec<ConflictView<'_>> {
        self.conflicts
            .of_sheet(sheet)
            .map(|entry| {
                let (own, others): (Vec<_>, Vec<_>) =
                    entry.facts.iter().partition(|&&(s, _)| s == sheet);
                let shown = others.len().min(SHEET_CONFLICT_OTHERS);
                let facts = own.iter().chain(&others[..shown]).copied();
                self.conflict_view(entry, facts, others.len() - shown)
            })
            .collect()
    }

    fn conflict_view(
        &self,
        entry: &'a conflicts::Entry,
        facts: impl Iterator<Item = (usize, usize)>,
        more: usize,
    ) -> ConflictView<'_> {
        ConflictView {
            anchor: &entry.anchor,
            title: &entry.title,
            url: conflicts::url(entry),
            facts: facts
                .map(|(index, fact)| {
                    let sheet = &self.site.sheets[index];
                    // Among the conflict's own figures a mark pointing to it says nothing.
                    FactView {
                        conflict: None,
                        ..self.fact_view(index, sheet, &sheet.facts.facts[fact])
                    }
                })
                .collect(),
            more,
        }
    }

    fn conflicts_page(&self, number: usize) -> Page {
        let pages = self.conflicts.pages();
        let pager = Pager::new(conflicts::PAGE, number, pages);
        let path = links::paged(conflicts::PAGE, number);
        let count = self.conflicts.entries.len();
        let description = format!(
            "{count} figures that articles of {} state differently, side by side.",
            self.site.config.title
        );
        let title = paged_title("Conflicts", &pager);
        let mut context = self.context(&path, "conflicts", &title, &description);
        let conflicts: Vec<ConflictView> = self
            .conflicts
            .on_page(number)
            .iter()
            .map(|entry| self.conflict_view(entry, entry.facts.iter().copied(), 0))
            .collect();
        context.insert("conflicts", &conflicts);
        context.insert("conflict_count", &count);
        context.insert("pager", &pager);
        Page {
            path,
            template: "conflicts.html",
            context,
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
    fn dataset_json_ld(&self, sheet: &Sheet, view: &ArticleView<'_>, description: &str) -> String {
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
            ],
        });
        if let Some(date) = &view.date {
            dataset["datePublished"] = date.clone().into();
        }
        // The article the facts are taken from, as schema.org cites a creative work: once, as
        // `isBasedOn` (a `citation` beside it said the same again on every sheet).
        let mut based_on = serde_json::json!({
            "@type": "NewsArticle",
            "headline": view.title,
        });
        if let Some(url) = &view.original_url {
            based_on["url"] = url.clone().into();
        }
        if let Some(publisher) = &view.publisher {
            based_on["publisher"] = serde_json::json!({"@type": "Organization", "name": publisher});
        }
        if let Some(author) = &view.author {
            based_on["author"] = serde_json::json!({"@type": "Person", "name": author});
        }
        if let Some(date) = &view.date {
            based_on["datePublished"] = date.clone().into();
        }
        dataset["isBasedOn"] = based_on;
        if !self.base_url.is_empty() {
            dataset["url"] = absolute(&view.url.replace("index.html", "")).into();
        }
        serde_json::to_string(&dataset)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }
}

/// `facts` as template values, once for a page that shows them twice.
fn values(facts: &[FactView<'_>]) -> Vec<tera::Value> {
    facts.iter().map(tera::Value::from_serializable).collect()
}

/// The facts by kind, in FACTS.md's order of kinds; `values` are the facts as [`values`] made
/// them.
fn group_by_kind(
    locale: &Locale,
    facts: &[FactView<'_>],
    values: &[tera::Value],
) -> Vec<FactGroup> {
    let mut groups: BTreeMap<(usize, String), FactGroup> = BTreeMap::new();
    for (fact, value) in facts.iter().zip(values) {
        let kind = Kind::parse(fact.kind);
        groups
            .entry((kind.rank(), fact.kind.to_string()))
            .or_insert_with(|| FactGroup {
                label: locale.kind_label(&kind),
                url: links::kind_page(&kind),
                anchor: format!("kind-{}", links::kind_slug(&kind)),
                kind: fact.kind.to_string(),
                facts: Vec::new(),
            })
            .facts
            .push(value.clone());
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

/// A fact's row on its fact sheet, from a page whose way to the site root is `root`.
fn fact_url(root: &str, sheet: &Sheet, fact: &Fact) -> String {
    format!(
        "{root}{}#{}",
        links::article_page(&sheet.facts.article.slug),
        links::fact_anchor(&sheet.facts.article.slug, &fact.id)
    )
}

/// A bar's label: the subject, and the metric as the fact spells it unless it names none
/// (a metric that only restates the basis, which the chart's title gives).
fn subject_metric(fact: &Fact) -> String {
    match &fact.metric {
        Some(metric) if !compare::fold_metric(metric).is_empty() => {
            format!("{} · {metric}", fact.subject)
        }
        _ => fact.subject.clone(),
    }
}

/// The largest number a figure reaches, to sort bars.
fn top(figure: &Figure) -> f64 {
    figure.max.or(figure.value).unwrap_or(0.0)
}

/// The `n` entries with the largest numbers, and those tied with the last of them, in no
/// order: what a chart of the `n` largest chooses from, its ties settled as among all entries.
fn largest<T>(mut entries: Vec<(f64, T)>, n: usize) -> Vec<(f64, T)> {
    if n > 0 && entries.len() > n {
        let (_, nth, _) = entries.select_nth_unstable_by(n - 1, |a, b| b.0.total_cmp(&a.0));
        let least = nth.0;
        entries.retain(|(top, _)| top.total_cmp(&least).is_ge());
    }
    entries
}

/// Cuts `points`, oldest period first and undated ones last, to the latest [`CHART_BARS`]: the
/// last dated ones (or the first, when fewer are dated). The number there were, when some were
/// cut.
fn keep_latest(points: &mut Vec<Point>) -> Option<usize> {
    let count = points.len();
    if count <= CHART_BARS {
        return None;
    }
    let dated = points.iter().filter(|p| p.period.is_some()).count();
    let first = dated.saturating_sub(CHART_BARS);
    points.truncate(first + CHART_BARS);
    points.drain(..first);
    Some(count)
}

/// [`top`] of the fact's figure, without making the figure.
fn fact_top(fact: &Fact) -> f64 {
    fact.max.or(fact.value).map_or(0.0, |n| n.0)
}

/// Dated facts first, oldest period first; then the undated ones; ties in article and text
/// order. `slug` is the fact's article's.
fn period_key(fact: &Fact, slug: &str) -> (bool, Option<(Date, Date)>, String, [usize; 2]) {
    let days = fact.period.as_ref().map(|p| p.days());
    (days.is_none(), days, slug.to_string(), fact.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(pager: &Pager) -> Vec<(usize, bool, bool)> {
        pager
            .links
            .iter()
            .map(|l| (l.number, l.current, l.gap))
            .collect()
    }

    #[test]
    fn a_short_title_is_the_lead_before_a_colon_or_the_first_words() {
        assert_eq!(
            short_title("Adyen adoption: database service list price 77% in 2023-Q3"),
            "Adyen adoption"
        );
        assert_eq!(short_title("Cloud revenue rises"), "Cloud revenue rises");
        assert_eq!(
            short_title("Northwind lowers its prices again, and rivals follow within a week"),
            "Northwind lowers its prices…"
        );
        // A lead too long to be a name is cut like any title; one word longer than the limit
        // is cut inside it, on a character boundary.
        assert_eq!(
            short_title("A very long lead that runs on and on: then the rest"),
            "A very long lead that runs on…"
        );
        assert_eq!(short_title(&"é".repeat(40)), format!("{}…", "é".repeat(32)));
    }

    #[test]
    fn a_pager_links_the_ends_and_the_neighbours_and_marks_the_gaps() {
        let pager = Pager::new("kinds/growth/index.html", 6, 12);
        assert_eq!(
            numbers(&pager),
            [
                (1, false, false),
                (4, false, true),
                (5, false, false),
                (6, true, false),
                (7, false, false),
                (8, false, false),
                (12, false, true),
            ]
        );
        assert_eq!(
            pager.previous.as_deref(),
            Some("kinds/growth/page/5/index.html")
        );
        assert_eq!(
            pager.next.as_deref(),
            Some("kinds/growth/page/7/index.html")
        );
        assert_eq!(pager.links[0].url, "kinds/growth/index.html");
    }

    #[test]
    fn the_first_and_last_pages_have_no_link_beyond_them() {
        let first = Pager::new("index.html", 1, 3);
        assert_eq!(first.previous, None);
        assert_eq!(first.next.as_deref(), Some("page/2/index.html"));
        let last = Pager::new("index.html", 3, 3);
        assert_eq!(last.previous.as_deref(), Some("page/2/index.html"));
        assert_eq!(last.next, None);
        assert_eq!(
            numbers(&last),
            [(1, false, false), (2, false, false), (3, true, false)]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_largest_are_chosen_as_a_sort_of_all_would_choose_them(
            tops in proptest::collection::vec(0u8..6, 0..80),
            n in 0usize..40,
        ) {
            // Few distinct numbers: ties at the cut are the rule, settled by the second field.
            let entries: Vec<(f64, usize)> =
                tops.iter().enumerate().map(|(i, &t)| (f64::from(t), i)).collect();
            let first_n = |mut v: Vec<(f64, usize)>| {
                v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                v.truncate(n);
                v
            };
            proptest::prop_assert_eq!(
                first_n(largest(entries.clone(), n)),
                first_n(entries)
            );
        }
    }

    #[test]
    fn listings_are_cut_into_whole_pages() {
        assert_eq!(page_count(0, 200), 1);
        assert_eq!(page_count(200, 200), 1);
        assert_eq!(page_count(201, 200), 2);
        let items: Vec<usize> = (0..450).collect();
        assert_eq!(page_of(&items, 3, 200), &items[400..]);
        assert!(page_of(&items, 4, 200).is_empty());
    }
}
