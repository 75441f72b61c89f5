//! Writing files so that an interrupted run never leaves half a file behind.

use std::io::Write as _;
use std::path::Path;

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
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}
