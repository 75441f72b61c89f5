//! The site root and the folders factsheet reads and writes under it.

use std::path::{Path, PathBuf};

/// A site on disk: `config.toml`, `seeds/`, `content/`, `templates/`, `static/`, `public/`.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    /// The hashes of the inputs read so far ([`crate::fs::ReadLog`]).
    pub reads: std::sync::Arc<crate::fs::ReadLog>,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Project {
        Project {
            root: root.into(),
            reads: Default::default(),
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    /// Articles to extract facts from.
    pub fn seeds(&self) -> PathBuf {
        self.root.join("seeds")
    }

    /// One YAML fact file per article.
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The site's own templates; each overrides the built-in one of the same name.
    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The site's own static files; each overrides the built-in one of the same path.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Deletes what killed runs left behind in the folders factsheet writes: temporary copies of
    /// fact files, extraction records and pages ([`crate::fs::remove_leftovers`]). Every command
    /// starts with it, so such files are never read, committed or published.
    pub fn remove_leftovers(&self) {
        crate::fs::remove_leftovers(&self.content());
        crate::fs::remove_leftovers(&self.public());
    }

    /// `path` as the user should read it in a message: relative to the root where it can be.
    pub fn display(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

/// A copy of the small site of `tests/cases/browser-site` in a folder of its own, for unit
/// tests that write into their site.
#[cfg(test)]
pub(crate) fn fixture_copy() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/browser-site");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join(entry.path().strip_prefix(&fixture).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(to).unwrap();
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    let project = Project::new(dir.path());
    (dir, project)
}
