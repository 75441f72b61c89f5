//! `factsheet build`: extract what is new, validate everything, render the site, and write it.
//!
//! A first build (or one into a folder that no manifest describes) writes the whole site into a
//! fresh folder beside the output and swaps it in only when all of it succeeded. Later builds
//! are incremental: the manifest of `.factsheet-cache/` holds a hash of every input and of every
//! file written, so a build with nothing changed stops after reading the inputs, and any other
//! renders only the pages the change touches ([`crate::site::incremental`]) and replaces only
//! the files whose bytes differ, each atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::{Fingerprint, Output, Renderer, Selection, Sink, Site, Theme};
use crate::workspace::plan::{Update, update_changed};
use crate::workspace::{read_articles, read_config, read_records};

use super::Report;
use super::output::{MARKER, MARKER_TEXT};

/// Where and how to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
    /// Replace an output folder that holds files factsheet did not write.
    pub force: bool,
}

/// How far a build has got, for a progress bar.
pub trait Progress: Sync {
    /// `total` files are to be rendered.
    fn start(&self, total: usize);
    /// One more file has been rendered and written (or found unchanged).
    fn advance(&self);
    fn finish(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
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
            let written = update_site(&out, &site, &renderer, &selection, &old.outputs, progress)?;
            (inputs, written)
        }
        None => {
            let (inputs, written) =
                rayon::join(inputs_now, || build_site(&out, &site, &renderer, progress));
            // A failed write is the error to report, before one of the hash.
            let written = written?;
            (inputs?, written)
        }
    };
    project.reads.clear();
    let made = built(&site, &written);
    let manifest = Manifest {
        version: MANIFEST_VERSION,
        out: out.clone(),
        inputs,
        fingerprint,
        outputs: written.outputs,
    };
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

/// A cold build: every page of `site` into a new `out`, swapped in whole when all is written.
fn build_site(
    out: &Path,
    site: &Site,
    renderer: &Renderer,
    progress: &dyn Progress,
) -> Result<Written> {
    let outputs = Mutex::new(BTreeMap::new());
    write_site(out, |staging| {
        let sink = Fresh {
            staging: Staging::new(staging, out),
            outputs: &outputs,
            progress,
        };
        renderer.render_to(site, &Selection::everything(), &sink)
    })?;
    progress.finish();
    let outputs = outputs.into_inner().expect("no thread panics holding it");
    Ok(Written {
        rewritten: outputs.len(),
        removed: 0,
        outputs,
    })
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

/// What an incremental or full write left in the output folder.
struct Written {
    /// Every file of the site with the hash of its bytes.
    outputs: BTreeMap<String, u64>,
    rewritten: usize,
    removed: usize,
}

/// Renders what `selection` names into the existing site at `out`, replacing each file whose
/// bytes changed through a temporary file and a rename, and removes the files the site no
/// longer has.
fn update_site(
    out: &Path,
    site: &Site,
    renderer: &Renderer,
    selection: &Selection,
    old: &BTreeMap<String, u64>,
    progress: &dyn Progress,
) -> Result<Written> {
    let marker = out.join(MARKER);
    if !marker.is_file() {
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
    }
    let paths = renderer.paths(site);
    let mut outputs: BTreeMap<String, u64> = old
        .iter()
        .filter(|(path, _)| paths.contains(*path))
        .map(|(path, hash)| (path.clone(), *hash))
        .collect();
    let rendered = Mutex::new(BTreeMap::new());
    let rewritten = AtomicUsize::new(0);
    if selection.everything {
        progress.start(paths.len());
    }
    renderer.render_each(site, selection, &|output: Output| {
        let hash = xxh3_64(&output.bytes);
        let path = out.join(&output.path);
        if old.get(&output.path) != Some(&hash) || !path.is_file() {
            // Pages are rebuilt from their inputs after a crash, so they are not synced.
            crate::fs::replace(&path, &output.bytes, false)?;
            rewritten.fetch_add(1, Ordering::Relaxed);
        }
        lock(&rendered).insert(output.path, hash);
        progress.advance();
        Ok(())
    })?;
    progress.finish();
    outputs.extend(rendered.into_inner().expect("no thread panics holding it"));
    // A file the manifest had that the site no longer has: gone, with its folder when empty.
    let mut removed = 0;
    for path in old.keys().filter(|p| !paths.contains(*p)) {
        let full = out.join(path);
        match std::fs::remove_file(&full) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(full, e)),
        }
        let mut folder = full.parent();
        while let Some(dir) = folder.filter(|d| *d != out) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
    Ok(Written {
        outputs,
        rewritten: rewritten.into_inner(),
        removed,
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().expect("no thread panics holding it")
}

/// Fills a fresh folder beside `out` with `fill`, then swaps it in: the old site stays whole
/// until the new one is complete, and a build killed at any moment leaves it in place.
///
/// The folder is `.NAME.new-PID` beside `out`. On Linux the swap is one atomic exchange of the
/// two folders (`renameat2` with `RENAME_EXCHANGE`), so there is no moment without a site;
/// elsewhere, or on a file system that cannot exchange, the old site is first moved aside to
/// `.NAME.old-PID`. Folders of either kind left by a build that was killed are removed first.
/// On an error (a full disk, a read-only folder) the new folder is removed and the old site is
/// left as it was.
pub fn write_site(out: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    remove_stale(parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = std::fs::create_dir(&staging)
        .and_then(|()| std::fs::write(staging.join(MARKER), MARKER_TEXT))
        .map_err(|e| Error::io(out, e))
        .and_then(|()| fill(&staging))
        .and_then(|()| swap_in(&staging, out));
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written
}

/// The files of a cold build, written into the folder that will become the site, each with
/// the hash of its bytes for the manifest.
struct Fresh<'a> {
    staging: Staging<'a>,
    outputs: &'a Mutex<BTreeMap<String, u64>>,
    progress: &'a dyn Progress,
}

impl Sink for Fresh<'_> {
    fn expect(&self, files: usize) {
        self.progress.start(files);
    }

    fn file(&self, output: Output) -> Result<()> {
        self.staging.write(&output)?;
        lock(self.outputs).insert(output.path, xxh3_64(&output.bytes));
        self.progress.advance();
        Ok(())
    }

    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.staging.path(path)?;
        let named = || self.staging.out.join(path);
        let file = std::fs::File::create(&target).map_err(|e| Error::io(named(), e))?;
        let mut hashed = Hashed {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            hash: Xxh3::new(),
        };
        write(&mut hashed)
            .and_then(|()| std::io::Write::flush(&mut hashed.inner))
            .map_err(|e| Error::io(named(), e))?;
        lock(self.outputs).insert(path.to_string(), hashed.hash.digest());
        self.progress.advance();
        Ok(())
    }
}

/// A writer that hashes what passes through it: the same hash as `xxh3_64` of the whole.
struct Hashed<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: std::io::Write> std::io::Write for Hashed<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(data)?;
        self.hash.update(&data[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The folder `staging` that will become `out`, filled file by file from many threads.
struct Staging<'a> {
    staging: &'a Path,
    out: &'a Path,
    /// The folders made so far: a site has one folder for every three or four files, and
    /// asking the file system again for each file costs more than the file.
    made: Mutex<std::collections::HashSet<PathBuf>>,
}

impl<'a> Staging<'a> {
    fn new(staging: &'a Path, out: &'a Path) -> Staging<'a> {
        Staging {
            staging,
            out,
            made: Mutex::new(std::collections::HashSet::new()),
        }
    }

    /// Writes one output; errors name the file as it will be in `out`.
    fn write(&self, output: &Output) -> Result<()> {
        let path = self.path(&output.path)?;
        std::fs::write(&path, &output.bytes).map_err(|e| Error::io(self.out.join(&output.path), e))
    }

    /// Where the file at `relative_path` of the site goes, with its folder made.
    fn path(&self, relative_path: &str) -> Result<PathBuf> {
        let relative = Path::new(relative_path);
        // Output paths come from slugs, which are checked; this keeps a bug in a page's path
        // from writing outside the site.
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside || relative_path.is_empty() {
            return Err(Error::io(
                self.out.join(relative),
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a page path that leaves the output folder",
                ),
            ));
        }
        let path = self.staging.join(relative);
        if let Some(dir) = relative.parent().filter(|d| !d.as_os_str().is_empty())
            && !lock(&self.made).contains(dir)
        {
            std::fs::create_dir_all(self.staging.join(dir))
                .map_err(|e| Error::io(self.out.join(relative), e))?;
            lock(&self.made).insert(dir.to_path_buf());
        }
        Ok(path)
    }
}

/// Bumped whenever the manifest's meaning changes: an older one then reads as none.
const MANIFEST_VERSION: u32 = 2;

/// What the last build read and wrote, kept in `.factsheet-cache/build.json`.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// The output folder it describes.
    out: PathBuf,
    /// Of every input file ([`hash_inputs`]).
    inputs: u64,
    fingerprint: Fingerprint,
    /// Every file of the output with the hash of its bytes.
    outputs: BTreeMap<String, u64>,
}

impl Manifest {
    fn path(project: &Project) -> PathBuf {
        project.root.join(CACHE).join("build.json")
    }

    /// The manifest of the last build into `out`, if that build finished and `out` is still
    /// there; otherwise none, and the build is a full one.
    fn read(project: &Project, out: &Path) -> Option<Manifest> {
        let text = std::fs::read(Manifest::path(project)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        (manifest.version == MANIFEST_VERSION && manifest.out == out && out.is_dir())
            .then_some(manifest)
    }

    /// The output folder of the last build, whatever factsheet version wrote the manifest.
    fn recorded_out(project: &Project) -> Option<PathBuf> {
        #[derive(serde::Deserialize)]
        struct Recorded {
            out: PathBuf,
        }
        let text = std::fs::read(Manifest::path(project)).ok()?;
        serde_json::from_slice::<Recorded>(&text)
            .ok()
            .map(|r| r.out)
    }

    /// Whether every file it names is still in `out` (someone may have deleted one).
    fn outputs_exist(&self, out: &Path) -> bool {
        self.outputs
            .par_iter()
            .all(|(path, _)| out.join(path).is_file())
    }

    fn write(&self, project: &Project) -> Result<()> {
        let path = Manifest::path(project);
        let json =
            serde_json::to_vec(self).map_err(|e| Error::io(&path, std::io::Error::other(e)))?;
        crate::fs::write_atomic(&path, &json)?;
        let ignore = project.root.join(CACHE).join(".gitignore");
        if !ignore.exists() {
            crate::fs::write_atomic(
                &ignore,
                b"# Written by factsheet build; safe to delete.\n*\n",
            )?;
        }
        Ok(())
    }

    fn remove(project: &Project) -> Result<()> {
        let path = Manifest::path(project);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
            _ => Ok(()),
        }
    }
}

/// The folder of the build manifest, under the site root.
pub const CACHE: &str = ".factsheet-cache";

/// One hash of every file a build reads: `config.toml`, `extract.toml` and everything under
/// `seeds/`, `content/`, `templates/` and `static/`, with its path, and of the factsheet that
/// reads them. More than a build needs (a stray file counts too), never less. A file the build
/// has read already counts with the hash of the bytes it read ([`crate::fs::ReadLog`]).
fn hash_inputs(project: &Project) -> Result<u64> {
    let mut files: Vec<PathBuf> = vec![
        project.config_file(),
        project.root.join(crate::extract::Vocabulary::FILE),
    ];
    for dir in [
        project.seeds(),
        project.content(),
        project.templates(),
        project.static_dir(),
    ] {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
                // A link to a file counts by what it points to (a link to nothing as an empty
                // file), so that an edit of the target, or its removal, is a change.
                Ok(entry) if entry.path_is_symlink() && !entry.path().is_dir() => {
                    files.push(entry.into_path())
                }
                Ok(_) => {}
                Err(e) if e.path() == Some(dir.as_path()) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(&dir).to_path_buf();
                    return Err(Error::io(path, std::io::Error::other(e.to_string())));
                }
            }
        }
    }
    let hashes: Vec<Result<u64>> = files
        .par_iter()
        .map(|path| {
            if let Some(hash) = project.reads.hash(path) {
                return Ok(hash);
            }
            match std::fs::read(path) {
                Ok(bytes) => Ok(xxh3_64(&bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
                Err(e) => Err(Error::io(path, e)),
            }
        })
        .collect();
    let mut all = Xxh3::new();
    all.update(env!("CARGO_PKG_VERSION").as_bytes());
    // Another build of factsheet may render differently under the same version number (its
    // built-in templates, a fix): the running program's size and time count as an input.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        all.update(&meta.len().to_le_bytes());
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        all.update(&modified.to_le_bytes());
    }
    for (path, hash) in files.iter().zip(hashes) {
        let name = path.to_string_lossy();
        all.update(&(name.len() as u64).to_le_bytes());
        all.update(name.as_bytes());
        all.update(&hash?.to_le_bytes());
    }
    Ok(all.digest())
}

/// Puts the complete site at `staging` in the place of `out`, and removes the old one.
fn swap_in(staging: &Path, out: &Path) -> Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out).map_err(|e| Error::io(out, e));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the old site.
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let retired = retired_name(staging);
    std::fs::rename(out, &retired).map_err(|e| Error::io(out, e))?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&retired, out);
        return Err(Error::io(out, error));
    }
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

/// `.NAME.old-PID` for the staging folder `.NAME.new-PID`.
fn retired_name(staging: &Path) -> PathBuf {
    let name = staging
        .file_name()
        .map(|n| n.to_string_lossy().replacen(".new-", ".old-", 1))
        .unwrap_or_default();
    staging.with_file_name(name)
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes `.NAME.new-PID` and `.NAME.old-PID` folders in `parent` left by builds that were
/// killed: those whose process is gone (on Linux; elsewhere, every one but this process's).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !crate::fs::process_is_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::names;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// `write_site` with a list of outputs, as a cold build writes them.
    fn write_outputs(out: &Path, outputs: &[Output]) -> Result<()> {
        write_site(out, |staging| {
            let staging = Staging::new(staging, out);
            outputs.iter().try_for_each(|o| staging.write(o))
        })
    }

    #[test]
    fn a_new_site_replaces_the_old_one_whole_and_leaves_no_work_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(
            &out,
            &[output("index.html", "one"), output("a/b.html", "b")],
        )
        .unwrap();
        write_outputs(&out, &[output("index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("a").exists());
        assert_eq!(names(dir.path()), ["public"]);
    }

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

    #[test]
    fn a_file_written_in_pieces_has_the_hash_of_the_whole() {
        use std::io::Write as _;
        let mut hashed = Hashed {
            inner: Vec::new(),
            hash: Xxh3::new(),
        };
        for piece in ["window.factsheetIndex = [", "{\"s\":\"A\"}", "];\n"] {
            hashed.write_all(piece.as_bytes()).unwrap();
        }
        assert_eq!(hashed.hash.digest(), xxh3_64(&hashed.inner));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn two_folders_are_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("from-a").exists() && !a.join("from-a").exists());
    }

    #[test]
    fn a_page_path_that_leaves_the_output_folder_is_refused_and_the_old_site_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(&out, &[output("index.html", "old")]).unwrap();
        let error = write_outputs(&out, &[output("../escaped.html", "x")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: a page path that leaves the output folder",
                out.join("../escaped.html").display()
            )
        );
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn work_folders_of_dead_builds_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".public.new-4194305",
            ".public.old-4194305",
            ".public.new-x",
            ".site.new-4194305",
        ] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        let own = format!(".public.new-{}", std::process::id());
        std::fs::create_dir(dir.path().join(&own)).unwrap();
        remove_stale(dir.path(), "public");
        let mut expected = vec![
            own,
            ".public.new-x".to_string(),
            ".site.new-4194305".to_string(),
        ];
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }
}
