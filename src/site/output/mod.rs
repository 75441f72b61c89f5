//! Writing a rendered site to disk, the one way `build` does it.
//!
//! A first build writes every file into a fresh folder that is swapped in whole when all of it
//! is written (`swap`, `staging`): a build that fails or is killed leaves the old site as it
//! was. A later build writes into the site in place and replaces only the files whose bytes
//! changed, each atomically. Either way the caller gets the hash of every file of the site, so
//! that the next build can tell which files it has to write again.

mod staging;
pub mod swap;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use xxhash_rust::xxh3::xxh3_64;

use super::{Output, Renderer, Selection, Site};
use crate::error::{Error, Result};
use staging::{Fresh, Staging};

/// The file that marks a folder as factsheet's own output.
pub const MARKER: &str = ".factsheet-output";

/// What the marker file says to someone who finds it.
pub const MARKER_TEXT: &str = "This folder is a site written by `factsheet build`: \
the next build replaces everything in it.\n";

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

/// What a whole or an incremental write left in the output folder.
#[derive(Debug)]
pub struct Written {
    /// Every file of the site with the hash of its bytes.
    pub outputs: BTreeMap<String, u64>,
    pub rewritten: usize,
    pub removed: usize,
}

/// A cold build: every page of `site` into a new `out`, swapped in whole when all is written.
pub fn write_whole(
    out: &Path,
    site: &Site,
    renderer: &Renderer,
    progress: &dyn Progress,
) -> Result<Written> {
    let outputs = Mutex::new(BTreeMap::new());
    swap::write_site(out, |staging| {
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

/// Renders what `selection` names into the existing site at `out` (whose files had the hashes
/// `old`), replacing each file whose bytes changed through a temporary file and a rename, and
/// removes the files the site no longer has.
pub fn write_changes(
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
