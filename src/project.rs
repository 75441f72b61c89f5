//! The site root and the folders factsheet reads and writes under it.

use std::path::{Path, PathBuf};

/// A site on disk: `config.toml`, `seeds/`, `content/`, `templates/`, `static/`, `public/`.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Project {
        Project { root: root.into() }
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

    /// `path` as the user should read it in a message: relative to the root where it can be.
    pub fn display(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}
