//! Writing files so that an interrupted run never leaves half a file behind, and reading
//! them so that the hash of what a build read costs no second reading.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// readers see the old file or the new one, never a mix, and a process killed halfway leaves
/// at most a stray `.NAME.PID.tmp` beside it, which no command reads. Unchanged files are not
/// rewritten.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // Only a regular file is compared: reading a FIFO would block for ever.
    let is_file = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if is_file && std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    replace(path, bytes, true)
}

/// Replaces `path` with `bytes` through a temporary file in the same folder and a rename;
/// `sync` also waits for the bytes to reach the disk, for files that are the only copy of a
/// person's work (fact files), not for output that a build can make again.
pub fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        std::fs::rename(&temp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
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

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
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
