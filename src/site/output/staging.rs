//! The folder that will become the site, filled by a cold build from many threads: each file
//! written as it is rendered, its folder made once, and the hash of its bytes noted for the
//! manifest without reading it back.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::{Progress, lock};
use crate::error::{Error, Result};
use crate::site::{Output, Sink};

/// The files of a cold build, written into the folder that will become the site, each with
/// the hash of its bytes for the manifest.
pub(super) struct Fresh<'a> {
    pub(super) staging: Staging<'a>,
    pub(super) outputs: &'a Mutex<BTreeMap<String, u64>>,
    pub(super) progress: &'a dyn Progress,
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
pub(super) struct Staging<'a> {
    staging: &'a Path,
    out: &'a Path,
    /// The folders made so far: a site has one folder for every three or four files, and
    /// asking the file system again for each file costs more than the file.
    made: Mutex<HashSet<PathBuf>>,
}

impl<'a> Staging<'a> {
    pub(super) fn new(staging: &'a Path, out: &'a Path) -> Staging<'a> {
        Staging {
            staging,
            out,
            made: Mutex::new(HashSet::new()),
        }
    }

    /// Writes one output; errors name the file as it will be in `out`.
    pub(super) fn write(&self, output: &Output) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
