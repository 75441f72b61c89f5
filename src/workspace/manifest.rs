//! What the last build read and wrote, kept in `.factsheet-cache/build.json`: one hash of
//! every input, the site's [`Fingerprint`], and the hash of every file written. With it a build
//! that finds nothing changed stops after reading the inputs, and any other renders only what
//! the change touches and rewrites only the files whose bytes differ.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::Fingerprint;

/// The folder of the build manifest, under the site root.
pub const CACHE: &str = ".factsheet-cache";

/// Bumped whenever the manifest's meaning changes: an older one then reads as none.
const MANIFEST_VERSION: u32 = 2;

/// What the last build read and wrote, kept in `.factsheet-cache/build.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    version: u32,
    /// The output folder it describes.
    pub out: PathBuf,
    /// Of every input file ([`hash_inputs`]).
    pub inputs: u64,
    pub fingerprint: Fingerprint,
    /// Every file of the output with the hash of its bytes.
    pub outputs: BTreeMap<String, u64>,
}

impl Manifest {
    /// The manifest of a build into `out` that has just finished.
    pub fn new(
        out: PathBuf,
        inputs: u64,
        fingerprint: Fingerprint,
        outputs: BTreeMap<String, u64>,
    ) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            out,
            inputs,
            fingerprint,
            outputs,
        }
    }

    fn path(project: &Project) -> PathBuf {
        project.root.join(CACHE).join("build.json")
    }

    /// The manifest of the last build into `out`, if that build finished and `out` is still
    /// there; otherwise none, and the build is a full one.
    pub fn read(project: &Project, out: &Path) -> Option<Manifest> {
        let text = std::fs::read(Manifest::path(project)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        (manifest.version == MANIFEST_VERSION && manifest.out == out && out.is_dir())
            .then_some(manifest)
    }

    /// The output folder of the last build, whatever factsheet version wrote the manifest.
    pub fn recorded_out(project: &Project) -> Option<PathBuf> {
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
    pub fn outputs_exist(&self, out: &Path) -> bool {
        self.outputs
            .par_iter()
            .all(|(path, _)| out.join(path).is_file())
    }

    pub fn write(&self, project: &Project) -> Result<()> {
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

    pub fn remove(project: &Project) -> Result<()> {
        let path = Manifest::path(project);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
            _ => Ok(()),
        }
    }
}

/// One hash of every file a build reads: `config.toml`, `extract.toml` and everything under
/// `seeds/`, `content/`, `templates/` and `static/`, with its path, and of the factsheet that
/// reads them. More than a build needs (a stray file counts too), never less. A file the build
/// has read already counts with the hash of the bytes it read ([`crate::fs::ReadLog`]).
pub fn hash_inputs(project: &Project) -> Result<u64> {
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
