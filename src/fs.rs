//! Writing files so that an interrupted run never leaves half a file behind, and reading
//! them so that the hash of what a build read costs no second reading.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// readers see the old file or the new one, never a mix. A `path` that is a symbolic link is
/// written through: the file it leads to gets the bytes and the link stays, since a person who
/// linked a fact file elsewhere keeps their edits there. Unchanged files are not rewritten.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = through_links(path)?;
    // Only a regular file is compared: reading a FIFO would block for ever.
    let is_file = std::fs::metadata(&target).is_ok_and(|m| m.is_file());
    if is_file && std::fs::read(&target).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    replace(&target, bytes, true).map_err(|error| match error {
        Error::Io { source, .. } => Error::io(path, source),
        other => other,
    })
}

/// The file `path` leads to: itself, or the target of the symbolic link it is.
fn through_links(path: &Path) -> Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            let to = std::fs::read_link(path).unwrap_or_default();
            Error::io(
                path,
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "a symbolic link to {}, which cannot be written: {e}",
                        to.display()
                    ),
                ),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Replaces `path` with `bytes` through a temporary file in the same folder and a rename;
/// `sync` also waits for the bytes to reach the disk, for files that are the only copy of a
/// person's work (fact files), not for output that a build can make again.
///
/// The temporary file is `.NAME.PID.RANDOM.tmp` ([`tempfile`] makes the random part, so two
/// threads or processes never share one); a process killed halfway leaves it behind, and
/// [`remove_leftovers`] deletes it at the start of the next command.
pub fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = make_parent(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let written = (|| {
        let mut file = tempfile::Builder::new()
            .prefix(&format!(".{name}.{}.", std::process::id()))
            .suffix(TEMPORARY)
            .rand_bytes(6)
            .tempfile_in(dir)?;
        // Through the `File`: `NamedTempFile`'s own writes add its name to every error.
        file.as_file_mut().write_all(bytes)?;
        if sync {
            file.as_file().sync_all()?;
        }
        // On failure the temporary file is removed as it is dropped.
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    written.map_err(|e: std::io::Error| Error::io(path, without_temporary_path(e)))
}

/// The folder `path` is in (the current one for a bare name), made when it is missing.
pub fn make_parent(path: &Path) -> Result<&Path> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    Ok(dir)
}

/// The error of the operating system without the name of the temporary file, which [`tempfile`]
/// adds and which means nothing to a person: the message names the file being written.
fn without_temporary_path(error: std::io::Error) -> std::io::Error {
    // `tempfile` hides the operating system's error inside one of its own, whose message ends
    // with " at path ...": keep the kind and the words before it.
    let message = error.to_string();
    match message.split_once(" at path ") {
        Some((reason, _)) if error.raw_os_error().is_none() => {
            std::io::Error::new(error.kind(), reason.to_string())
        }
        _ => error,
    }
}

/// How the name of every temporary file factsheet writes ends.
const TEMPORARY: &str = ".tmp";

/// Deletes the temporary files that killed runs left in `dir` and its subfolders: only names
/// [`replace`] makes (`.NAME.PID.tmp` of older versions too), only of processes that are no
/// longer running, so a command never takes the file another one is writing.
pub fn remove_leftovers(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(leftover_pid) else {
            continue;
        };
        if entry.file_type().is_file() && !process_is_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name: `.a.yaml.123.tmp` or `.a.yaml.123.Xy9z0Q.tmp`.
fn leftover_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(TEMPORARY)?;
    let mut parts = inner.rsplit('.');
    let last = parts.next()?;
    let pid = match last.parse() {
        Ok(pid) => pid,
        Err(_) if last.len() == 6 && last.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            parts.next()?.parse().ok()?
        }
        Err(_) => return None,
    };
    // Something before the process id: the name of the file being replaced.
    parts.next().filter(|s| !s.is_empty())?;
    Some(pid)
}

/// Whether a process of this id is running: on Linux, where `/proc` says; elsewhere only this
/// process is known to be, and leftovers of any other are taken to be a dead one's.
pub fn process_is_alive(pid: u32) -> bool {
    pid == std::process::id()
        || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

/// The hash of the bytes of every file read through it, by path. A build hashes all its
/// inputs for the next build to compare with; on a large site that is hundreds of thousands of
/// files, which it has just read once to load them.
#[derive(Debug, Default)]
pub struct ReadLog {
    hashes: Mutex<HashMap<PathBuf, u64>>,
}

impl ReadLog {
    /// The bytes of `path`, noted.
    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let bytes = std::fs::read(path)?;
        let hash = xxh3_64(&bytes);
        self.lock().insert(path.to_path_buf(), hash);
        Ok(bytes)
    }

    /// The text of `path`, noted; an error of kind `InvalidData` when it is not UTF-8.
    pub fn read_to_string(&self, path: &Path) -> std::io::Result<String> {
        String::from_utf8(self.read(path)?)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// The hash of `path` as it was read last, if it was.
    pub fn hash(&self, path: &Path) -> Option<u64> {
        self.lock().get(path).copied()
    }

    /// Forgets every file: after some were written, they must be read again.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, u64>> {
        self.hashes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The names in `dir`, sorted: what the tests of files written and left compare.
#[cfg(test)]
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_is_noted_with_the_hash_of_its_bytes_until_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let log = ReadLog::default();
        assert_eq!(log.hash(&path), None);
        assert_eq!(log.read_to_string(&path).unwrap(), "one");
        assert_eq!(log.hash(&path), Some(xxh3_64(b"one")));
        std::fs::write(&path, [0xff]).unwrap();
        let error = log.read_to_string(&path).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        // Noted all the same: the hash is of what is on disk.
        assert_eq!(log.hash(&path), Some(xxh3_64(&[0xff])));
        log.clear();
        assert_eq!(log.hash(&path), None);
    }

    #[test]
    fn only_leftovers_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = u32::MAX - 1;
        let own = std::process::id();
        for name in [
            format!(".a.yaml.{dead}.tmp"),
            format!(".a.yaml.{dead}.Xy9z0Q.tmp"),
            format!(".b.txt.{own}.abcdef.tmp"),
            format!(".{dead}.tmp"),
            format!("a.yaml.{dead}.tmp"),
            "notes.tmp".into(),
            "a.yaml".into(),
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_leftovers(dir.path());
        let mut kept = vec![
            format!(".b.txt.{own}.abcdef.tmp"),
            format!(".{dead}.tmp"),
            format!("a.yaml.{dead}.tmp"),
            "notes.tmp".into(),
            "a.yaml".into(),
        ];
        kept.sort();
        assert_eq!(names(dir.path()), kept);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_file_is_written_through_and_the_link_kept() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.yaml");
        std::fs::write(&elsewhere, "old").unwrap();
        let link = dir.path().join("content/a.yaml");
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"new");
        assert_eq!(names(&dir.path().join("content")), ["a.yaml"]);
        // A link to nowhere is an error, not replaced by a file.
        std::fs::remove_file(&elsewhere).unwrap();
        let error = write_atomic(&link, b"newer").unwrap_err().to_string();
        assert!(error.contains("a symbolic link to"), "{error}");
        assert!(link.is_symlink());
    }

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn a_failed_write_names_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename fails after the data is written.
        let path = dir.path().join("a.yaml");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        let error = write_atomic(&path, b"new").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: Is a directory (os error 21)", path.display())
        );
        assert_eq!(names(dir.path()), ["a.yaml"]);
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_the_way_is_replaced_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
