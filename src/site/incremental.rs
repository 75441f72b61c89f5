//! What a change of the inputs asks to render again.
//!
//! A [`Fingerprint`] sums up the inputs of a rendered site: one hash for what every page shows
//! (configuration, templates, the counts in the footer), one for the static files, and per
//! article a hash of its fact file and text with the kind and subject pages that list its
//! facts. Two fingerprints give the [`Selection`] of files whose bytes may differ: the sheet of
//! each changed article, the kind and subject pages it is (or was) listed on, and the pages that
//! list every article. Both `build` (with the fingerprint kept on disk) and `serve` (in memory)
//! use it; files whose bytes come out unchanged are then left alone by the caller.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::{Sheet, Site, Theme, links};
use crate::facts::Kind;

/// The inputs of a rendered site, summed up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// What every page shows: the configuration, the templates, the numbers of articles and
    /// facts, and the version of factsheet that rendered them.
    pub global: u64,
    pub statics: u64,
    /// By article slug.
    pub sheets: BTreeMap<String, SheetPrint>,
}

/// One article's part of a fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetPrint {
    /// Of the fact file and the article it cites.
    pub hash: u64,
    /// The kind and subject pages that list its facts.
    pub pages: BTreeSet<String>,
}

/// The files of a site to render again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub everything: bool,
    pub statics: bool,
    /// The pages and data files that list every article: index, feed, sitemap, 404, search
    /// index, the site's `facts.json` and `facts.csv`.
    pub listings: bool,
    /// Article slugs: their sheets and data files.
    pub sheets: BTreeSet<String>,
    /// Kind and subject pages, by path.
    pub pages: BTreeSet<String>,
}

impl Selection {
    pub fn everything() -> Selection {
        Selection {
            everything: true,
            ..Selection::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Selection::default()
    }
}

impl Fingerprint {
    pub fn of(site: &Site, theme: &Theme) -> Fingerprint {
        let mut global = Xxh3::new();
        add(&mut global, env!("CARGO_PKG_VERSION").as_bytes());
        add(&mut global, format!("{:?}", site.config).as_bytes());
        for (name, file) in &theme.templates {
            add(&mut global, name.as_bytes());
            add(&mut global, &file.bytes);
        }
        let facts: usize = site.sheets.iter().map(|s| s.facts.facts.len()).sum();
        add(
            &mut global,
            format!("{} articles, {facts} facts", site.sheets.len()).as_bytes(),
        );
        let mut statics = Xxh3::new();
        for (path, file) in &theme.statics {
            add(&mut statics, path.as_bytes());
            add(&mut statics, &file.bytes);
        }
        // A sheet shows the other side of each of its conflicts: an edit of that other article
        // changes it too.
        let mut conflicts = vec![Xxh3::new(); site.sheets.len()];
        for conflict in &site.conflicts {
            let mut about = Xxh3::new();
            for &(sheet, index) in &conflict.facts {
                let sheet = &site.sheets[sheet];
                add(&mut about, sheet.facts.article.slug.as_bytes());
                add(
                    &mut about,
                    format!("{:?}", sheet.facts.facts[index]).as_bytes(),
                );
            }
            let about = about.digest().to_le_bytes();
            for &(sheet, _) in &conflict.facts {
                add(&mut conflicts[sheet], &about);
            }
        }
        Fingerprint {
            global: global.digest(),
            statics: statics.digest(),
            sheets: site
                .sheets
                .par_iter()
                .zip(&conflicts)
                .map(|(sheet, conflicts)| {
                    let print = SheetPrint::of(sheet, conflicts.digest());
                    (sheet.facts.article.slug.clone(), print)
                })
                .collect::<Vec<_>>()
                .into_iter()
                .collect(),
        }
    }

    /// What to render again to turn the site of `old` into the site of `self`.
    pub fn changes_since(&self, old: &Fingerprint) -> Selection {
        if self.global != old.global {
            return Selection::everything();
        }
        let mut selection = Selection {
            statics: self.statics != old.statics,
            ..Selection::default()
        };
        let slugs: BTreeSet<&String> = self.sheets.keys().chain(old.sheets.keys()).collect();
        for slug in slugs {
            let (new, was) = (self.sheets.get(slug), old.sheets.get(slug));
            if new.map(|p| p.hash) == was.map(|p| p.hash) {
                continue;
            }
            selection.listings = true;
            if new.is_some() {
                selection.sheets.insert(slug.clone());
            }
            for print in new.into_iter().chain(was) {
                selection.pages.extend(print.pages.iter().cloned());
            }
        }
        selection
    }
}

impl SheetPrint {
    /// `conflicts`: a hash of the conflicts the sheet has a fact in.
    fn of(sheet: &Sheet, conflicts: u64) -> SheetPrint {
        // Of the texts' hashes, which a sheet keeps when it lets go of its texts.
        let (yaml, text) = match &sheet.released {
            Some(released) => (released.yaml_hash, released.text_hash),
            None => (
                xxh3_64(sheet.yaml.as_bytes()),
                xxh3_64(sheet.article.text.as_bytes()),
            ),
        };
        let mut hash = Xxh3::new();
        add(&mut hash, &yaml.to_le_bytes());
        add(&mut hash, sheet.article.source.as_bytes());
        add(&mut hash, &text.to_le_bytes());
        add(&mut hash, &conflicts.to_le_bytes());
        // Facts share a few kinds and subjects: each is made a link once.
        let kinds: BTreeSet<&Kind> = sheet.facts.facts.iter().map(|f| &f.kind).collect();
        let subjects: BTreeSet<&str> = sheet
            .facts
            .facts
            .iter()
            .map(|f| f.subject.as_str())
            .collect();
        let mut pages: BTreeSet<String> = kinds.into_iter().map(links::kind_page).collect();
        pages.extend(
            subjects
                .into_iter()
                .map(|subject| links::subject_page(&links::subject_slug(subject))),
        );
        SheetPrint {
            hash: hash.digest(),
            pages,
        }
    }
}

/// Adds `bytes` with its length, so that no two sequences of pieces hash alike by shifting a
/// boundary.
fn add(hash: &mut Xxh3, bytes: &[u8]) {
    hash.update(&(bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    fn fixture() -> (Site, Theme) {
        let project = Project::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/browser-site"
        ));
        let config = crate::workspace::read_config(&project).unwrap();
        let site = Site::new(config, crate::workspace::load_sheets(&project).unwrap());
        (site, Theme::default())
    }

    /// Every file of the site rendered in full, by path.
    fn files(site: &Site, theme: &Theme) -> BTreeMap<String, Vec<u8>> {
        super::super::render(site, theme)
            .unwrap()
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect()
    }

    /// The files of `old` with what `selection` renders of `new` laid over them, and the files
    /// `new` no longer has removed: what an incremental build leaves.
    fn updated(
        old: &BTreeMap<String, Vec<u8>>,
        new: &Site,
        theme: &Theme,
        selection: &Selection,
    ) -> BTreeMap<String, Vec<u8>> {
        let renderer = super::super::Renderer::new(theme.clone(), &new.config.language).unwrap();
        let files = std::sync::Mutex::new(old.clone());
        renderer
            .render_each(new, selection, &|output| {
                files.lock().unwrap().insert(output.path, output.bytes);
                Ok(())
            })
            .unwrap();
        let paths = renderer.paths(new);
        let mut files = files.into_inner().unwrap();
        files.retain(|path, _| paths.contains(path));
        files
    }

    #[test]
    fn nothing_changed_selects_nothing() {
        let (site, theme) = fixture();
        let print = Fingerprint::of(&site, &theme);
        assert!(print.changes_since(&print).is_empty());
    }

    #[test]
    fn a_changed_title_selects_its_sheet_its_kinds_and_subjects_and_the_listings() {
        let (site, theme) = fixture();
        let old = Fingerprint::of(&site, &theme);
        let mut changed = site.clone();
        let sheet = &mut changed.sheets[0];
        sheet.facts.article.title = "A new title".into();
        sheet.yaml = sheet.yaml.replacen("title:", "title: \"A new title\" #", 1);
        let slug = sheet.facts.article.slug.clone();
        let selection = Fingerprint::of(&changed, &theme).changes_since(&old);
        assert!(!selection.everything && selection.listings && !selection.statics);
        assert_eq!(selection.sheets, BTreeSet::from([slug]));
        let expected: BTreeSet<String> = old.sheets[&changed.sheets[0].facts.article.slug]
            .pages
            .clone();
        assert_eq!(selection.pages, expected);
        assert!(expected.contains("kinds/growth/index.html"), "{expected:?}");
    }

    #[test]
    fn an_incremental_render_gives_the_bytes_of_a_full_one() {
        let (site, theme) = fixture();
        let before = files(&site, &theme);
        let old = Fingerprint::of(&site, &theme);
        // A changed title and subject in one article, and a second article removed.
        let mut changed = site.clone();
        let sheet = &mut changed.sheets[0];
        sheet.facts.article.title = "A new title".into();
        sheet.facts.facts[0].subject = "Someone Else Entirely".into();
        sheet.yaml.push_str("# edited\n");
        changed.sheets.truncate(1);
        for new in [changed, site.clone()] {
            let selection = Fingerprint::of(&new, &theme).changes_since(&old);
            assert_eq!(
                updated(&before, &new, &theme, &selection),
                files(&new, &theme)
            );
        }
    }

    #[test]
    fn a_template_change_selects_everything_and_a_static_one_only_statics() {
        let (site, theme) = fixture();
        let old = Fingerprint::of(&site, &theme);
        let mut changed = theme.clone();
        changed
            .templates
            .get_mut("sheet.html")
            .unwrap()
            .bytes
            .push(b'\n');
        assert!(
            Fingerprint::of(&site, &changed)
                .changes_since(&old)
                .everything
        );
        let mut changed = theme.clone();
        changed
            .statics
            .get_mut("style.css")
            .unwrap()
            .bytes
            .push(b'\n');
        let selection = Fingerprint::of(&site, &changed).changes_since(&old);
        assert_eq!(
            selection,
            Selection {
                statics: true,
                ..Selection::default()
            }
        );
    }
}
