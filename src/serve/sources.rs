//! The inputs of the preview, kept in memory between rebuilds: a save of one fact file reloads
//! and checks that file alone, and the checks across files (one slug, one fact file per
//! article) run again over what is kept, so a site of any size answers a save in about the time
//! one file takes.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::extract::Vocabulary;
use crate::project::Project;
use crate::site::Site;
use crate::source::Article;
use crate::workspace::plan::{self, Plan, Scope};
use crate::workspace::{self, Checked, ContentFile, Inputs, Records};

/// Every input a build reads but the theme, as last read from disk.
pub struct Sources {
    config: Config,
    vocabulary: Vocabulary,
    articles: Vec<Article>,
    records: Records,
    /// Every fact file, sorted by path.
    files: Vec<ContentFile>,
    /// Beside each file: its sheet when it has no error, and its own problems; `None` until it
    /// has been checked since it was loaded.
    checked: Vec<Option<Checked>>,
}

/// A site checked and ready to render, with the extraction still to be written.
pub struct Prepared {
    pub site: Site,
    pub plan: Plan,
}

impl Sources {
    /// Reads every input of `project`.
    pub fn read(project: &Project) -> Result<Sources> {
        let config = workspace::read_config(project)?;
        let inputs = Inputs::read(project)?;
        Ok(Sources {
            config,
            checked: vec![None; inputs.files.len()],
            vocabulary: inputs.vocabulary,
            articles: inputs.articles,
            records: inputs.records,
            files: inputs.files,
        })
    }

    /// Reads again the fact files at `paths` (relative to the site root), each created, changed
    /// or deleted. An error leaves the sources unfit for use: read them all again.
    pub fn reload(&mut self, project: &Project, paths: &[&Path]) -> Result<()> {
        for &path in paths {
            let at = self.files.binary_search_by(|f| f.path.as_path().cmp(path));
            let full = project.root.join(path);
            match std::fs::read_to_string(&full) {
                Ok(text) => {
                    let file = ContentFile::new(path.to_path_buf(), text);
                    match at {
                        Ok(at) => {
                            self.files[at] = file;
                            self.checked[at] = None;
                        }
                        Err(at) => {
                            self.files.insert(at, file);
                            self.checked.insert(at, None);
                        }
                    }
                }
                Err(error) if error.kind() == std::io::ErrorKind::NotFound && !full.exists() => {
                    if let Ok(at) = at {
                        self.files.remove(at);
                        self.checked.remove(at);
                    }
                }
                Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                    return Err(Error::Invalid(vec![
                        Diagnostic::error(path, "not UTF-8")
                            .with_help("save the file as UTF-8 text"),
                    ]));
                }
                Err(error) => return Err(Error::io(full, error)),
            }
        }
        Ok(())
    }

    /// What `build` would render: the extraction of new and changed articles planned, and every
    /// fact file checked as it will be once the plan is written. Only files not checked since
    /// they were loaded are checked again, unless the plan changes fact files.
    pub fn prepare(&mut self, project: &Project) -> Result<Prepared> {
        let plan = plan::plan(
            project,
            &self.articles,
            &self.files,
            &self.records,
            &self.vocabulary,
            Scope::Changed,
            false,
        )?;
        let by_source: BTreeMap<&str, &Article> = self
            .articles
            .iter()
            .map(|a| (a.source.as_str(), a))
            .collect();
        let checked: Vec<Checked> = if plan.changes.is_empty() {
            let missing: Vec<(usize, Checked)> = self
                .checked
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_none())
                .collect::<Vec<_>>()
                .par_iter()
                .map(|(at, _)| {
                    let file = &self.files[*at];
                    let checked =
                        workspace::check_file(project, file, &by_source, &self.vocabulary);
                    (*at, checked)
                })
                .collect();
            for (at, checked) in missing {
                self.checked[at] = Some(checked);
            }
            self.checked.iter().flatten().cloned().collect()
        } else {
            // The files as the plan leaves them are not on disk yet: checked, not kept.
            plan.files_after(&self.files)
                .par_iter()
                .map(|file| workspace::check_file(project, file, &by_source, &self.vocabulary))
                .collect()
        };
        let (sheets, problems) = workspace::gather(checked);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(problems));
        }
        Ok(Prepared {
            site: Site::new(self.config.clone(), sheets),
            plan,
        })
    }
}

/// The fact file a changed path names, relative to the site root, when it is one that
/// [`workspace::read_content`] would read (not one of the records of extraction).
pub fn fact_file(path: &str) -> Option<&Path> {
    let inside = path.strip_prefix("content/")?;
    let is_record = inside
        .split('/')
        .next()
        .is_some_and(|first| first == crate::facts::record::DIR && inside.contains('/'));
    (!is_record).then(|| Path::new(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The small site of `tests/cases/browser-site` in a folder of its own, extracted once so
    /// that nothing is left to extract.
    fn site() -> (tempfile::TempDir, Project) {
        let (dir, project) = crate::project::fixture_copy();
        let prepared = Sources::read(&project).unwrap().prepare(&project).unwrap();
        prepared.plan.apply(&project).unwrap();
        (dir, project)
    }

    fn slugs(site: &Site) -> Vec<&str> {
        site.sheets
            .iter()
            .map(|s| s.facts.article.slug.as_str())
            .collect()
    }

    #[test]
    fn a_reloaded_file_is_checked_against_the_others_kept() {
        let (_dir, project) = site();
        let mut sources = Sources::read(&project).unwrap();
        let prepared = sources.prepare(&project).unwrap();
        assert!(prepared.plan.changes.is_empty());
        assert_eq!(
            slugs(&prepared.site),
            ["harbor-analytics-first-quarter", "northwind-lowers-prices"]
        );
        let path = Path::new("content/northwind-lowers-prices.yaml");
        let original = std::fs::read_to_string(project.root.join(path)).unwrap();
        let clash = original.replace(
            "slug: northwind-lowers-prices",
            "slug: harbor-analytics-first-quarter",
        );
        std::fs::write(project.root.join(path), clash).unwrap();
        sources.reload(&project, &[path]).unwrap();
        let Err(Error::Invalid(problems)) = sources.prepare(&project) else {
            panic!("a duplicate slug passed");
        };
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "slug `harbor-analytics-first-quarter` is used by content/harbor-analytics-first-quarter.yaml too"
            ]
        );
        let retitled = original.replace("title: Northwind lowers prices", "title: Cheaper");
        std::fs::write(project.root.join(path), retitled).unwrap();
        sources.reload(&project, &[path]).unwrap();
        let prepared = sources.prepare(&project).unwrap();
        assert_eq!(prepared.site.sheets[1].facts.article.title, "Cheaper");
        assert_eq!(
            slugs(&prepared.site),
            ["harbor-analytics-first-quarter", "northwind-lowers-prices"]
        );
    }

    #[test]
    fn a_deleted_fact_file_leaves_its_article_to_extract_again() {
        let (_dir, project) = site();
        let mut sources = Sources::read(&project).unwrap();
        let path = Path::new("content/northwind-lowers-prices.yaml");
        std::fs::remove_file(project.root.join(path)).unwrap();
        sources.reload(&project, &[path]).unwrap();
        let prepared = sources.prepare(&project).unwrap();
        let written: Vec<&Path> = prepared
            .plan
            .changes
            .iter()
            .map(|c| c.path.as_path())
            .collect();
        // The record of extraction stays as it was: it still knows every fact.
        assert_eq!(written, [path]);
        assert_eq!(
            slugs(&prepared.site),
            ["harbor-analytics-first-quarter", "northwind-lowers-prices"]
        );
    }

    #[test]
    fn fact_files_are_those_of_content_outside_the_records() {
        assert_eq!(
            fact_file("content/a.yaml"),
            Some(Path::new("content/a.yaml"))
        );
        assert_eq!(
            fact_file("content/more/b.yaml"),
            Some(Path::new("content/more/b.yaml"))
        );
        assert_eq!(fact_file("content/.extracted/a.yaml"), None);
        assert_eq!(fact_file("seeds/a.yaml"), None);
    }
}
