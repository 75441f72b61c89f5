//! `factsheet build`: extract what is new, validate everything, render the site, and write it.
//!
//! A first build (or one into a folder that no manifest describes) writes the whole site into a
//! fresh folder beside the output and swaps it in only when all of it succeeded. Later builds
//! are incremental: the manifest of `.factsheet-cache/` ([`crate::workspace::manifest`]) holds a
//! hash of every input and of every file written, so a build with nothing changed stops after
//! reading the inputs, and any other renders only the pages the change touches
//! ([`crate::site::incremental`]) and replaces only the files whose bytes differ, each
//! atomically. Writing, either way, is [`crate::site::output`]'s.

use std::path::PathBuf;
use std::time::Instant;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::project::Project;
use crate::site::output::{self, Progress, Quiet, Written};
use crate::site::{Fingerprint, Renderer, Site, Theme};
use crate::workspace::manifest::{Manifest, hash_inputs};
use crate::workspace::plan::{Update, update_changed};
use crate::workspace::{read_articles, read_config, read_records};

use super::Report;

/// Where and how to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
    /// Replace an output folder that holds files factsheet did not write.
    pub force: bool,
}

pub fn run(project: &Project, options: &BuildOptions) -> Result<Report> {
    run_with(project, options, &Quiet)
}

/// [`run`], telling `progress` how far it has got.
pub fn run_with(
    project: &Project,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Report> {
    let started = Instant::now();
    let out = options.out.clone().unwrap_or_else(|| project.public());
    let recorded = Manifest::recorded_out(project).is_some_and(|last| last == out);
    super::output::check(project, &out, recorded, options.force)?;
    if out != project.public() {
        crate::fs::remove_leftovers(&out);
    }
    let manifest = Manifest::read(project, &out);
    // Hashes noted by an earlier build in the same process (`serve`) may be out of date.
    project.reads.clear();
    let (inputs, prepared) = match &manifest {
        Some(manifest) => {
            let inputs = hash_inputs(project)?;
            if manifest.inputs == inputs && manifest.outputs_exist(&out) {
                return Ok(Report {
                    lines: vec![format!(
                        "nothing changed: {} is up to date ({} files) in {:.2} s",
                        project.display(&out).display(),
                        manifest.outputs.len(),
                        started.elapsed().as_secs_f64()
                    )],
                    warnings: Vec::new(),
                });
            }
            (Some(inputs), prepare(project)?)
        }
        // With no manifest to compare with, the hash is only for the next build: taken
        // beside the rendering, of the files as they were read.
        None => (None, prepare(project)?),
    };
    let left_alone = prepared.update.plan.apply(project)?;
    let inputs = if prepared.update.plan.changes.is_empty() {
        inputs
    } else {
        // Written now: read again for their hash.
        project.reads.clear();
        None
    };
    let inputs_now = || inputs.map_or_else(|| hash_inputs(project), Ok);
    let Prepared {
        site,
        theme,
        update,
    } = prepared;
    let renderer = Renderer::new(theme, &site.config.language)?;
    let fingerprint = Fingerprint::of(&site, renderer.theme());
    let (inputs, written) = match manifest {
        Some(old) => {
            let selection = fingerprint.changes_since(&old.fingerprint);
            // Until the new manifest is written, the output matches no manifest: an
            // interrupted build is followed by a full one.
            Manifest::remove(project)?;
            let inputs = inputs_now()?;
            let written =
                output::write_changes(&out, &site, &renderer, &selection, &old.outputs, progress)?;
            (inputs, written)
        }
        None => {
            let (inputs, written) = rayon::join(inputs_now, || {
                output::write_whole(&out, &site, &renderer, progress)
            });
            // A failed write is the error to report, before one of the hash.
            let written = written?;
            (inputs?, written)
        }
    };
    project.reads.clear();
    let made = built(&site, &written);
    let manifest = Manifest::new(out.clone(), inputs, fingerprint, written.outputs);
    manifest.write(project)?;
    let mut lines = update.plan.lines;
    lines.push(format!(
        "built {} into {} in {:.2} s",
        made,
        project.display(&out).display(),
        started.elapsed().as_secs_f64()
    ));
    let warnings = warnings(project, &site, update.warnings, &left_alone);
    // Freeing a large site, fact by fact, and the manifest's list of its files takes a
    // noticeable part of a second at the end of the build: it happens beside the report, and
    // the program may end before it is done.
    std::thread::spawn(move || drop((site, manifest)));
    Ok(Report { lines, warnings })
}

/// The build's warnings: extraction's, then the articles whose extraction was left unwritten
/// (`left_alone`), then a feed that can only hold relative links.
fn warnings(
    project: &Project,
    site: &Site,
    mut warnings: Vec<Diagnostic>,
    left_alone: &[String],
) -> Vec<Diagnostic> {
    warnings.extend(left_alone.iter().map(|source| {
        Diagnostic::warning(
            source,
            "changed while building, so its extraction was not written and the site shows it as extracted from before",
        )
        .with_help("run `factsheet build` again")
    }));
    if site.config.base_url.trim().is_empty() && !site.sheets.is_empty() {
        warnings.push(relative_feed_warning(project));
    }
    warnings
}

/// What a build made, for its report: "12 articles, 150 facts, 40 pages (90 files, 3
/// written)".
fn built(site: &Site, written: &Written) -> String {
    let facts: usize = site.sheets.iter().map(|s| s.facts.facts.len()).sum();
    let pages = written
        .outputs
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    format!(
        "{} articles, {facts} facts, {pages} pages ({} files, {} written{})",
        site.sheets.len(),
        written.outputs.len(),
        written.rewritten,
        match written.removed {
            0 => String::new(),
            n => format!(", {n} removed"),
        },
    )
}

/// Without a `base_url`, the feed and the sitemap can only hold links relative to where they
/// are, which feed readers and search engines do not follow; pointed at the `base_url` line
/// when config.toml has one.
fn relative_feed_warning(project: &Project) -> Diagnostic {
    let path = project.config_file();
    let warning = Diagnostic::warning(
        project.display(&path),
        "`base_url` is empty, so atom.xml and sitemap.xml hold relative links, which feed \
         readers and search engines do not follow",
    )
    .with_help(
        "set `base_url` in config.toml to where the site is published, e.g. \
         base_url = \"https://example.org/facts/\"",
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match text.find("base_url") {
        Some(offset) if text[..offset].ends_with('\n') || offset == 0 => {
            warning.at_offset(&text, offset)
        }
        _ => warning,
    }
}

/// A site loaded and validated, before anything is rendered or written.
#[derive(Debug)]
pub struct Prepared {
    pub site: Site,
    pub theme: Theme,
    /// The extraction of new and changed articles, still to be written to `content/`.
    pub update: Update,
}

/// Everything `build` does short of rendering: plan the extraction of new and changed
/// articles, validate `content/` as it will be. Writes nothing, so a failure anywhere leaves
/// `content/` and the output as they were.
pub fn prepare(project: &Project) -> Result<Prepared> {
    let config = read_config(project)?;
    // Two folders of many small files: read side by side.
    let (articles, records) = rayon::join(|| read_articles(project), || read_records(project));
    let mut update = update_changed(project, articles?, records?)?;
    let sheets = std::mem::take(&mut update.sheets);
    let theme = Theme::load(project)?;
    Ok(Prepared {
        site: Site::new(config, sheets),
        theme,
        update,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::site::output::MARKER;

    /// Counts what a build tells its progress bar.
    #[derive(Default)]
    struct Counted {
        total: AtomicUsize,
        advanced: AtomicUsize,
    }

    impl Progress for Counted {
        fn start(&self, total: usize) {
            self.total.store(total, Ordering::Relaxed);
        }
        fn advance(&self) {
            self.advanced.fetch_add(1, Ordering::Relaxed);
        }
        fn finish(&self) {}
    }

    #[test]
    fn a_cold_build_announces_as_many_files_as_it_writes() {
        let (_dir, project) = crate::project::fixture_copy();
        let counted = Counted::default();
        run_with(
            &project,
            &BuildOptions {
                out: None,
                force: false,
            },
            &counted,
        )
        .unwrap();
        let files = walkdir::WalkDir::new(project.public())
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count()
            - 1; // the marker
        assert!(project.public().join(MARKER).is_file());
        assert!(files > 20, "{files} files");
        assert_eq!(counted.total.load(Ordering::Relaxed), files);
        assert_eq!(counted.advanced.load(Ordering::Relaxed), files);
    }
}
