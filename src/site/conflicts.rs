//! The site's conflicts ([`crate::facts::conflicts`]) as pages show them: each with an anchor
//! on `conflicts/index.html` that stays the same while other articles come and go (it is made
//! of what the facts measure, not of a position), a title a reader can scan, and a look-up from
//! each fact to its conflict, for the mark on its row.
//!
//! A measure can be stated by hundreds of articles (a figure every report repeats): the list is
//! paged, and a sheet shows a few of the other figures with a link to the rest, so the site
//! grows with the number of facts, not with its square.

use std::collections::{BTreeSet, HashMap};

use super::format::Locale;
use super::{Site, links};

/// The first page of the list of conflicts.
pub const PAGE: &str = "conflicts/index.html";

/// Conflicts on one page of the list.
pub const PER_PAGE: usize = 50;

/// One conflict of the site, ready to show.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its id on [`PAGE`]: `conflict-nimbus-cloud-revenue-2025-q3`.
    pub anchor: String,
    /// "Nimbus Cloud · revenue · Q3 2025 · year-over-year".
    pub title: String,
    /// (sheet, fact) positions in site order.
    pub facts: Vec<(usize, usize)>,
    /// The page of the list it is on, from 1.
    pub page: usize,
}

/// Every conflict of a site, and which one each fact is part of.
#[derive(Debug, Default)]
pub struct Conflicts<'a> {
    pub entries: Vec<Entry>,
    /// By (sheet position, fact id): the conflict's position in `entries`.
    of_fact: HashMap<(usize, &'a str), usize>,
    /// By sheet position: the positions in `entries` of its conflicts, in order.
    of_sheet: Vec<Vec<usize>>,
}

impl<'a> Conflicts<'a> {
    pub fn new(site: &'a Site, locale: &Locale) -> Conflicts<'a> {
        let mut taken = BTreeSet::new();
        let mut of_fact = HashMap::new();
        let mut of_sheet = vec![Vec::new(); site.sheets.len()];
        let mut entries = Vec::with_capacity(site.conflicts.len());
        for conflict in &site.conflicts {
            let (sheet, index) = conflict.facts[0];
            let fact = &site.sheets[sheet].facts.facts[index];
            let metric = fact.metric.as_deref().unwrap_or_default();
            let period = fact.period.as_ref().map(|p| p.as_str()).unwrap_or_default();
            let mut title = format!("{} · {metric} · {}", fact.subject, locale.period(period));
            if let Some(basis) = fact.basis {
                title = format!("{title} · {}", locale.basis(basis));
            }
            // Two measures that differ only in kind, unit or case slug alike: the later one
            // is numbered.
            let base = format!(
                "conflict-{}",
                links::subject_slug(&format!("{} {metric} {period}", fact.subject))
            );
            let mut anchor = base.clone();
            for n in 2.. {
                if taken.insert(anchor.clone()) {
                    break;
                }
                anchor = format!("{base}-{n}");
            }
            let position = entries.len();
            for &(sheet, index) in &conflict.facts {
                let id = site.sheets[sheet].facts.facts[index].id.as_str();
                of_fact.insert((sheet, id), position);
                if of_sheet[sheet].last() != Some(&position) {
                    of_sheet[sheet].push(position);
                }
            }
            entries.push(Entry {
                anchor,
                title,
                facts: conflict.facts.clone(),
                page: position / PER_PAGE + 1,
            });
        }
        Conflicts {
            entries,
            of_fact,
            of_sheet,
        }
    }

    /// The pages of the list: one at least, which says when there is nothing to list.
    pub fn pages(&self) -> usize {
        self.entries.len().div_ceil(PER_PAGE).max(1)
    }

    /// The conflicts on page `number` of the list, from 1.
    pub fn on_page(&self, number: usize) -> &[Entry] {
        let start = ((number - 1) * PER_PAGE).min(self.entries.len());
        &self.entries[start..(start + PER_PAGE).min(self.entries.len())]
    }

    /// The conflict the fact `id` of the sheet at `sheet` is part of.
    pub fn of(&self, sheet: usize, id: &str) -> Option<&Entry> {
        self.of_fact.get(&(sheet, id)).map(|&n| &self.entries[n])
    }

    /// The conflicts the sheet at `sheet` has a fact in, in site order.
    pub fn of_sheet(&self, sheet: usize) -> impl Iterator<Item = &Entry> {
        self.of_sheet[sheet].iter().map(|&n| &self.entries[n])
    }
}

/// Where a conflict is listed, relative to the site root.
pub fn url(entry: &Entry) -> String {
    format!("{}#{}", links::paged(PAGE, entry.page), entry.anchor)
}
