//! The theme: Tera templates and static files. The repository's own `templates/` and `static/`
//! are embedded in the binary (listed once, below), so a site without them still builds and
//! `init` can write them out; a site's own files override them one by one, by path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::project::Project;

/// The built-in templates, by name (their path under `templates/`).
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("sheet.html", include_str!("../../templates/sheet.html")),
    ("kind.html", include_str!("../../templates/kind.html")),
    ("subject.html", include_str!("../../templates/subject.html")),
    (
        "subjects.html",
        include_str!("../../templates/subjects.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "conflicts.html",
        include_str!("../../templates/conflicts.html"),
    ),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// The built-in static files, by path under `static/` (and in the built site).
const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

/// One file of the theme and where it came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// As the user should read it: `templates/sheet.html`, or `templates/sheet.html (built-in)`.
    pub origin: PathBuf,
}

/// Templates and static files: the built-in ones, each overridden by a site file of the same name.
#[derive(Debug, Clone)]
pub struct Theme {
    /// By template name: `sheet.html`.
    pub templates: BTreeMap<String, ThemeFile>,
    /// By path in the built site: `style.css`.
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Default for Theme {
    /// The built-in theme alone.
    fn default() -> Theme {
        let builtin = |folder: &str, name: &str, bytes: &[u8]| {
            (
                name.to_string(),
                ThemeFile {
                    bytes: bytes.to_vec(),
                    origin: PathBuf::from(format!("{folder}/{name} (built-in)")),
                },
            )
        };
        Theme {
            templates: TEMPLATES
                .iter()
                .map(|(name, text)| builtin("templates", name, text.as_bytes()))
                .collect(),
            statics: STATIC
                .iter()
                .map(|(name, bytes)| builtin("static", name, bytes))
                .collect(),
        }
    }
}

impl Theme {
    /// The built-in theme with the site's own `templates/` and `static/` files laid over it.
    pub fn load(project: &Project) -> Result<Theme> {
        let mut theme = Theme::default();
        overlay(
            project,
            &project.templates(),
            "templates",
            &mut theme.templates,
        )?;
        overlay(project, &project.static_dir(), "static", &mut theme.statics)?;
        Ok(theme)
    }

    /// The built-in files as (path relative to the site root, contents), for `init`.
    pub fn builtin_files() -> Vec<(String, &'static [u8])> {
        let templates = TEMPLATES
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), text.as_bytes()));
        let statics = STATIC
            .iter()
            .map(|(name, bytes)| (format!("static/{name}"), *bytes));
        templates.chain(statics).collect()
    }
}

/// Adds or replaces every file under `dir` (sorted, so the result never depends on the disk).
fn overlay(
    project: &Project,
    dir: &Path,
    folder: &str,
    files: &mut BTreeMap<String, ThemeFile>,
) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(path, std::io::Error::other(e.to_string()))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::source::relative(dir, entry.path());
        // Editor leftovers such as `.sheet.html.swp` are not part of the theme.
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        let origin = project.display(entry.path());
        debug_assert!(origin.starts_with(folder) || origin.is_absolute());
        files.insert(name, ThemeFile { bytes, origin });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_file_overrides_the_built_in_one_of_the_same_name() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("templates")).unwrap();
        std::fs::create_dir_all(root.path().join("static/img")).unwrap();
        std::fs::write(root.path().join("templates/sheet.html"), "mine").unwrap();
        std::fs::write(root.path().join("static/img/logo.svg"), "<svg/>").unwrap();
        let theme = Theme::load(&Project::new(root.path())).unwrap();
        let sheet = &theme.templates["sheet.html"];
        assert_eq!(sheet.bytes, b"mine");
        assert_eq!(sheet.origin, PathBuf::from("templates/sheet.html"));
        assert_eq!(
            theme.templates["base.html"].origin,
            PathBuf::from("templates/base.html (built-in)")
        );
        assert_eq!(theme.statics["img/logo.svg"].bytes, b"<svg/>");
        assert!(theme.statics.contains_key("style.css"));
    }

    #[test]
    fn init_gets_every_built_in_file_under_its_folder() {
        let files: Vec<String> = Theme::builtin_files().into_iter().map(|f| f.0).collect();
        assert!(files.contains(&"templates/sheet.html".to_string()));
        assert!(files.contains(&"static/style.css".to_string()));
        assert_eq!(files.len(), TEMPLATES.len() + STATIC.len());
    }
}
