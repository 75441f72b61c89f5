//! Planning an extraction: articles of `seeds/` -> the fact files and records it would write,
//! `content/<slug>.yaml`, one file per article, worked out before anything is written.
//!
//! An article without a fact file gets a new one. An article with one is extracted again and
//! the facts found anew are merged into the file as text ([`crate::facts::merge`]): what a
//! person wrote stays byte for byte, and facts they deleted stay deleted, remembered by the
//! extraction records of `content/.extracted/` ([`crate::facts::record`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, line_column};
use crate::error::{Error, Result};
use crate::extract::{self, Vocabulary};
use crate::facts::merge::{self, MergeError};
use crate::facts::record::{self, Record};
use crate::facts::{ArticleMeta, FactSheet, write};
use crate::fs::write_atomic;
use crate::project::Project;
use crate::site::Sheet;
use crate::source::Article;

use super::check::{Checked, check_content_owned, check_owned};
use super::read::{ContentFile, Records, StoredRecord, read_content, read_vocabulary};

/// Which articles are extracted again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every article (`extract`).
    All,
    /// Articles without a fact file, and those whose text changed since the last extraction
    /// (`build`).
    Changed,
}

/// One file a plan writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The file's contents now; `None` for a new file.
    pub old: Option<String>,
    pub new: String,
    /// The article it comes from, as its `source` (`seeds/a.txt`).
    pub article: String,
}

impl FileChange {
    /// The file and its article are still as the plan read them: the file holds `old` (or is
    /// absent for a new one) and the article exists. Otherwise a person saved or deleted one of
    /// them while the plan was made, and writing would undo what they did.
    fn still_fits(&self, project: &Project) -> bool {
        let on_disk = match std::fs::read_to_string(project.root.join(&self.path)) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return false,
        };
        on_disk == self.old && project.root.join(&self.article).is_file()
    }
}

/// What an extraction would write, worked out before anything is written.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Fact files first, then records: a record never names a fact before its file holds it,
    /// so an interrupted run can lose no proposal.
    pub changes: Vec<FileChange>,
    /// One line per article whose files change, and one per article explained.
    pub lines: Vec<String>,
    /// Articles extracted and facts added, for the summary.
    pub extracted: usize,
    pub added: usize,
}

impl Plan {
    /// Writes every change, each atomically, but for the articles whose fact file, record or
    /// text was saved or deleted since the plan read them: those are left as they are and
    /// returned (by `source`), for the next run to plan again from what is there. An article's
    /// fact file and record are written both or neither, so a record never names a fact its
    /// file does not hold.
    pub fn apply(&self, project: &Project) -> Result<Vec<String>> {
        let moved: BTreeSet<&str> = self
            .changes
            .iter()
            .filter(|c| !c.still_fits(project))
            .map(|c| c.article.as_str())
            .collect();
        for change in &self.changes {
            if !moved.contains(change.article.as_str()) {
                write_atomic(&project.root.join(&change.path), change.new.as_bytes())?;
            }
        }
        Ok(moved.into_iter().map(String::from).collect())
    }

    /// The changes as one unified diff.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let path = change.path.display().to_string().replace('\\', "/");
            let old_name = match change.old {
                Some(_) => format!("a/{path}"),
                None => "/dev/null".to_string(),
            };
            let old = change.old.as_deref().unwrap_or("");
            let diff = similar::TextDiff::from_lines(old, change.new.as_str());
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&old_name, &format!("b/{path}"))
                    .to_string(),
            );
        }
        out
    }

    /// The fact files as they will be once the plan is applied.
    pub fn files_after(&self, files: &[ContentFile]) -> Vec<ContentFile> {
        self.into_files_after(files.to_vec())
    }

    /// [`Plan::files_after`], taking the files as they are.
    pub fn into_files_after(&self, files: Vec<ContentFile>) -> Vec<ContentFile> {
        let changed: BTreeMap<&PathBuf, &FileChange> =
            self.changes.iter().map(|c| (&c.path, c)).collect();
        let mut after: Vec<ContentFile> = files
            .into_par_iter()
            .map(|file| match changed.get(&file.path) {
                Some(change) => ContentFile::new(file.path, change.new.clone()),
                None => file,
            })
            .collect();
        for change in &self.changes {
            let is_fact_file = change.path.extension().is_some_and(|e| e == "yaml");
            if change.old.is_none() && is_fact_file {
                after.push(ContentFile::new(change.path.clone(), change.new.clone()));
            }
        }
        after.sort_by(|a, b| a.path.cmp(&b.path));
        after
    }
}

/// What `build` extracts: the plan for new and changed articles, and the sheets of `content/`
/// validated as they will be once the plan is written.
#[derive(Debug)]
pub struct Update {
    pub plan: Plan,
    pub sheets: Vec<Sheet>,
    pub warnings: Vec<Diagnostic>,
}

/// A fact file as [`update_changed`] takes it in: kept whole for the plan, or checked as soon
/// as it was loaded.
enum Intake {
    Kept(ContentFile),
    Checked(Box<Checked>),
}

/// Plans the extraction of new and changed articles and validates the content it would
/// leave, writing nothing. Any error in the content is returned, every one of them.
///
/// An article whose record is current has nothing new to extract, so its fact file is checked
/// the moment it is loaded and only its sheet is kept: a large site is never in memory both as
/// loaded files and as sheets. The files of new and changed articles are kept whole for the
/// plan, and checked as the plan leaves them.
pub fn update_changed(
    project: &Project,
    articles: Vec<Article>,
    records: Records,
) -> Result<Update> {
    let vocabulary = read_vocabulary(project)?;
    let (settled, mut due): (Vec<Article>, Vec<Article>) = articles.into_iter().partition(|a| {
        records
            .get(&a.source)
            .is_some_and(|r| r.record.is_current(&a.text))
    });
    let slots: BTreeMap<String, Mutex<Option<Article>>> = settled
        .into_iter()
        .map(|a| (a.source.clone(), Mutex::new(Some(a))))
        .collect();
    let (intake, mut problems) = read_content(project, |file| {
        let slot = file.source().and_then(|source| slots.get(source));
        match slot {
            Some(slot) => {
                let article = slot.lock().expect("no thread panics holding it").take();
                Intake::Checked(Box::new(check_owned(project, file, article, &vocabulary)))
            }
            None => Intake::Kept(file),
        }
    })?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // A settled article that no file claimed is due after all: its fact file is gone.
    due.extend(
        slots
            .into_values()
            .filter_map(|slot| slot.into_inner().expect("no thread panics holding it")),
    );
    due.sort_by(|a, b| a.source.cmp(&b.source));
    let (mut files, mut checked) = (Vec::new(), Vec::new());
    for file in intake {
        match file {
            Intake::Kept(file) => files.push(file),
            Intake::Checked(file) => checked.push(*file),
        }
    }
    // The names a new fact file must not take; with no article due, no file is made.
    let mut taken = BTreeSet::new();
    for identity in checked
        .iter()
        .map(|c| &c.identity)
        .filter(|_| !due.is_empty())
    {
        taken.extend(
            identity
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned()),
        );
        taken.extend(identity.slug.as_ref().map(|(slug, _)| slug.clone()));
    }
    let plan = plan_with(
        project,
        &due,
        &files,
        taken,
        &records,
        &vocabulary,
        Scope::Changed,
        false,
    )?;
    let files = plan.into_files_after(files);
    let (sheets, found) = check_content_owned(project, files, due, checked, &vocabulary);
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(problems));
    }
    Ok(Update {
        plan,
        sheets,
        warnings: problems,
    })
}

/// Works out what extracting `articles` would write, against the fact files and records as
/// they are. Writes nothing.
pub fn plan(
    project: &Project,
    articles: &[Article],
    files: &[ContentFile],
    records: &Records,
    vocabulary: &Vocabulary,
    scope: Scope,
    explain: bool,
) -> Result<Plan> {
    plan_with(
        project,
        articles,
        files,
        BTreeSet::new(),
        records,
        vocabulary,
        scope,
        explain,
    )
}

/// [`plan`], where `taken` holds the names (file stems and slugs) of fact files checked
/// already, which a new fact file must not take either.
#[allow(clippy::too_many_arguments)]
fn plan_with(
    project: &Project,
    articles: &[Article],
    files: &[ContentFile],
    mut taken: BTreeSet<String>,
    records: &Records,
    vocabulary: &Vocabulary,
    scope: Scope,
    explain: bool,
) -> Result<Plan> {
    // Each file is matched to its article by `source`: a file whose source cannot be read
    // could be any article's, and extracting now could give an article a second file.
    let unmatched: Vec<Diagnostic> = files
        .iter()
        .filter(|f| f.source().is_none())
        .flat_map(|f| f.loaded.problems.iter().filter(|p| p.is_error()).cloned())
        .collect();
    if !unmatched.is_empty() {
        return Err(Error::Invalid(unmatched));
    }
    taken.extend(
        files
            .iter()
            .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned())),
    );
    taken.extend(files.iter().map(|f| f.loaded.sheet.article.slug.clone()));
    let mut plan = Plan::default();
    let mut records_written = Vec::new();
    let mut problems = Vec::new();
    // Each article's fact file, the first by path when several claim it (a problem that
    // validation reports).
    let mut file_of: BTreeMap<&str, &ContentFile> = BTreeMap::new();
    for file in files {
        if let Some(source) = file.source() {
            file_of.entry(source).or_insert(file);
        }
    }
    let due: Vec<(&Article, Option<&ContentFile>, Option<&StoredRecord>)> = articles
        .iter()
        .map(|article| {
            let file = file_of.get(article.source.as_str()).copied();
            (article, file, records.get(&article.source))
        })
        .filter(|(article, file, record)| {
            let unchanged = record.is_some_and(|r| r.record.is_current(&article.text));
            !(scope == Scope::Changed && file.is_some() && unchanged)
        })
        .collect();
    // Extraction is pure and the bulk of the work: in parallel; the rest in article order.
    let extractions: Vec<extract::Extraction> = due
        .par_iter()
        .map(|(article, _, _)| extract::extract_with(article, vocabulary))
        .collect();
    for ((article, file, record), extraction) in due.into_iter().zip(extractions) {
        if explain {
            explain_into(&mut plan.lines, article, &extraction);
        }
        let written = match file {
            None => Some(plan_new_file(
                &mut plan,
                article,
                &extraction,
                &mut taken,
                record,
            )),
            Some(file) => plan_merge(project, &mut plan, article, file, record, &extraction)?
                .map_err(|problem| problems.push(problem))
                .ok(),
        };
        records_written.extend(written);
    }
    problems.extend(plan.changes.iter().filter_map(too_large));
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    plan.changes.extend(records_written.into_iter().flatten());
    Ok(plan)
}

/// Why each fact of `extraction` was found and each other number left out, for `--explain`.
fn explain_into(lines: &mut Vec<String>, article: &Article, extraction: &extract::Extraction) {
    lines.push(format!("{}:", article.source));
    if extraction.notes.is_empty() {
        lines.push("  no numbers found".to_string());
    }
    for note in &extraction.notes {
        let (line, column) = line_column(&article.text, note.span[0]);
        lines.push(format!("  {line}:{column}: {note}"));
    }
}

/// A new fact file for an article that has none, under a slug no other file takes; returns the
/// change of its record.
fn plan_new_file(
    plan: &mut Plan,
    article: &Article,
    extraction: &extract::Extraction,
    taken: &mut BTreeSet<String>,
    record: Option<&StoredRecord>,
) -> Option<FileChange> {
    let slug = unique_slug(&article.slug, taken);
    taken.insert(slug.clone());
    let sheet = FactSheet {
        article: ArticleMeta {
            slug: slug.clone(),
            title: article.title.clone(),
            date: article.date,
            source: article.source.clone(),
            url: article.provenance.url.clone(),
            publisher: article.provenance.publisher.clone(),
            author: article.provenance.author.clone(),
        },
        facts: extraction.facts.clone(),
    };
    let path = PathBuf::from(format!("content/{slug}.yaml"));
    plan.lines.push(format!(
        "{}: {} fact{} extracted into {}",
        article.source,
        sheet.facts.len(),
        plural(sheet.facts.len()),
        path.display()
    ));
    plan.changes.push(FileChange {
        path,
        old: None,
        new: write::fact_file(&sheet),
        article: article.source.clone(),
    });
    plan.extracted += 1;
    let ids = extraction.facts.iter().map(|f| f.id.clone());
    record_change(
        record,
        &slug,
        Record::new(&article.source, &article.text, ids),
    )
}

/// The facts found anew merged into an article's fact file; returns the change of its record,
/// or the problem that leaves the file no place for new facts.
fn plan_merge(
    project: &Project,
    plan: &mut Plan,
    article: &Article,
    file: &ContentFile,
    record: Option<&StoredRecord>,
    extraction: &extract::Extraction,
) -> Result<std::result::Result<Option<FileChange>, Diagnostic>> {
    let extracted_ids = extraction.facts.iter().map(|f| f.id.clone());
    // A file with a source was read as YAML once already.
    let Ok(Some(tree)) = crate::facts::raw::parse(&file.text) else {
        return Err(Error::io(
            project.root.join(&file.path),
            std::io::Error::other("the fact file no longer reads as YAML"),
        ));
    };
    // Without a record nothing tells a deleted fact from a new one; take what is found
    // now as known, so that no deleted fact can come back, and add only what later
    // extractions find anew.
    let known = match record {
        Some(stored) => stored.record.facts.clone(),
        None => extracted_ids.clone().collect(),
    };
    match merge::merge(&file.text, &tree, &extraction.facts, &known) {
        Ok(merged) => {
            if !merged.added.is_empty() {
                plan.lines.push(format!(
                    "{}: {} new fact{} added for review: {}",
                    file.path.display(),
                    merged.added.len(),
                    plural(merged.added.len()),
                    merged.added.join(", ")
                ));
                plan.added += merged.added.len();
                plan.changes.push(FileChange {
                    path: file.path.clone(),
                    old: Some(file.text.clone()),
                    new: merged.text,
                    article: article.source.clone(),
                });
            }
        }
        Err(MergeError::NoPlace { offset, message }) => {
            return Ok(Err(Diagnostic::error(&file.path, message)
                .at_offset(&file.text, offset)
                .with_help("write `facts:` as a list, `facts: []` when there are none, so new facts can be added")));
        }
        Err(MergeError::Unsound(why)) => {
            return Err(Error::io(
                project.root.join(&file.path),
                std::io::Error::other(format!(
                    "refusing to write a merge that would lose an edit: {why}"
                )),
            ));
        }
    }
    let stem = file.path.file_stem().map_or_else(
        || article.slug.clone(),
        |s| s.to_string_lossy().into_owned(),
    );
    let new = Record::new(
        &article.source,
        &article.text,
        known.into_iter().chain(extracted_ids),
    );
    Ok(Ok(record_change(record, &stem, new)))
}

/// `check` and `build` refuse a fact file past the loader's limit: writing one would leave a
/// site that no longer builds.
fn too_large(change: &FileChange) -> Option<Diagnostic> {
    (change.new.len() > crate::facts::raw::MAX_BYTES).then(|| {
        Diagnostic::error(
            &change.path,
            format!(
                "the facts extracted would make a fact file of {:.1} MiB; a fact file is at most {} MiB",
                change.new.len() as f64 / (1024.0 * 1024.0),
                crate::facts::raw::MAX_BYTES / 1024 / 1024
            ),
        )
        .with_help("split the article into several files of seeds/")
    })
}

/// The change that turns the stored record, if any, into `new`; a new record is named after
/// its fact file, `content/.extracted/<name>.txt`.
fn record_change(old: Option<&StoredRecord>, name: &str, new: Record) -> Option<FileChange> {
    let article = new.source.clone();
    let new = new.to_text();
    match old {
        Some(old) if old.text == new => None,
        Some(old) => Some(FileChange {
            path: old.path.clone(),
            old: Some(old.text.clone()),
            new,
            article,
        }),
        None => Some(FileChange {
            path: PathBuf::from(format!("content/{}/{name}.txt", record::DIR)),
            old: None,
            new,
            article,
        }),
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

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Fact, Kind, Number, Qualifier, Unit, raw};
    use std::path::Path;

    /// The plan for the test site once `deleted` (a fact file) is gone: it writes it again.
    fn plan_after_deleting(deleted: &str) -> (tempfile::TempDir, Project, Plan) {
        let (dir, project) = crate::project::fixture_copy();
        std::fs::remove_file(project.root.join(deleted)).unwrap();
        let (files, problems) = super::super::read::read_content(&project, |file| file).unwrap();
        assert!(problems.is_empty());
        let plan = plan(
            &project,
            &super::super::read::read_articles(&project).unwrap(),
            &files,
            &super::super::read::read_records(&project).unwrap(),
            &super::super::read::read_vocabulary(&project).unwrap(),
            Scope::Changed,
            false,
        )
        .unwrap();
        assert!(plan.changes.iter().any(|c| c.path == Path::new(deleted)));
        (dir, project, plan)
    }

    #[test]
    fn a_file_saved_while_the_plan_was_made_is_not_overwritten() {
        let deleted = "content/northwind-lowers-prices.yaml";
        let (_dir, project, plan) = plan_after_deleting(deleted);
        let mine = "article:\n  slug: mine\n  title: Written by hand\n  source: seeds/northwind.md\nfacts: []\n";
        std::fs::write(project.root.join(deleted), mine).unwrap();
        assert_eq!(plan.apply(&project).unwrap(), ["seeds/northwind.md"]);
        assert_eq!(
            std::fs::read_to_string(project.root.join(deleted)).unwrap(),
            mine
        );
        // Nor is the article's record written: it would name facts its file does not hold.
        let records = project.root.join("content").join(record::DIR);
        assert!(
            !std::fs::read_dir(&records)
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("northwind"))
        );
    }

    #[test]
    fn an_article_deleted_while_the_plan_was_made_gets_no_fact_file_back() {
        let deleted = "content/northwind-lowers-prices.yaml";
        let (_dir, project, plan) = plan_after_deleting(deleted);
        std::fs::remove_file(project.root.join("seeds/northwind.md")).unwrap();
        assert_eq!(plan.apply(&project).unwrap(), ["seeds/northwind.md"]);
        assert!(!project.root.join(deleted).exists());
    }

    #[test]
    fn a_dry_run_shows_the_facts_added_as_added_lines() {
        let old = "article:\n  slug: a\n  title: A  # mine\n  source: seeds/a.txt\nfacts:\n  - id: kept\n    kind: count\n";
        let mut fact = Fact::new(Kind::Growth, "Alpha Cloud", "20%");
        fact.id = "alpha-cloud-revenue-growth".into();
        fact.metric = Some("revenue".into());
        fact.value = Some(Number(20.0));
        fact.unit = Some(Unit::Percent);
        fact.qualifier = Some(Qualifier::Exact);
        fact.quote = "Alpha Cloud revenue grew by 20% year-over-year.".into();
        fact.span = [39, 86];
        let tree = raw::parse(old).unwrap().unwrap();
        let merged = merge::merge(old, &tree, &[fact], &BTreeSet::new()).unwrap();
        let plan = Plan {
            changes: vec![FileChange {
                path: PathBuf::from("content/a.yaml"),
                old: Some(old.to_string()),
                new: merged.text,
                article: "seeds/a.txt".into(),
            }],
            ..Plan::default()
        };
        assert_eq!(
            plan.diff(),
            "--- a/content/a.yaml\n+++ b/content/a.yaml\n@@ -5,3 +5,14 @@\n facts:\n   - id: kept\n     kind: count\n\
             +  # new from extraction: review this fact, then delete this comment\n\
             +  - id: alpha-cloud-revenue-growth\n+    kind: growth\n+    subject: Alpha Cloud\n\
             +    metric: revenue\n+    value: 20\n+    unit: percent\n+    qualifier: exact\n\
             +    text: \"20%\"\n+    quote: \"Alpha Cloud revenue grew by 20% year-over-year.\"\n\
             +    span: [39, 86]\n"
        );
    }
}
