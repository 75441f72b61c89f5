//! File events -> what has to be redone. Pure, so the mapping is tested without a file system.

use std::path::Path;

/// What a changed path asks of the preview.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A fact file: re-render the pages that show its facts.
    Content(String),
    /// An article: extract it if new, drop it if gone, re-render what shows it.
    Seed(String),
    /// A template: re-render every page.
    Template(String),
    /// A static file: copy it, nothing else.
    Static(String),
    /// `config.toml` or `extract.toml`: rebuild everything.
    Config,
}

/// The change `path` (relative to the site root, `/`-separated) makes, or `None` for files the
/// preview does not depend on: editors' swap and backup files, our own temporary files, output.
pub fn classify(path: &str) -> Option<Change> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if scratch || name.is_empty() {
        return None;
    }
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let (folder, rest) = path.split_once('/').unwrap_or(("", path));
    match folder {
        "" if matches!(rest, "config.toml" | "extract.toml") => Some(Change::Config),
        "content" if matches!(extension, "yaml" | "yml") => Some(Change::Content(path.into())),
        "seeds" if matches!(extension, "txt" | "md") => Some(Change::Seed(path.into())),
        "templates" => Some(Change::Template(path.into())),
        "static" => Some(Change::Static(path.into())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_folder_has_its_change() {
        assert_eq!(
            classify("content/a.yaml"),
            Some(Change::Content("content/a.yaml".into()))
        );
        assert_eq!(
            classify("seeds/new.md"),
            Some(Change::Seed("seeds/new.md".into()))
        );
        assert_eq!(
            classify("templates/sheet.html"),
            Some(Change::Template("templates/sheet.html".into()))
        );
        assert_eq!(
            classify("static/style.css"),
            Some(Change::Static("static/style.css".into()))
        );
        assert_eq!(classify("config.toml"), Some(Change::Config));
        assert_eq!(classify("extract.toml"), Some(Change::Config));
    }

    #[test]
    fn scratch_files_and_output_are_ignored() {
        for path in [
            "content/.a.yaml.123.tmp",
            "content/a.yaml~",
            "content/.a.yaml.swp",
            "templates/4913",
            "public/index.html",
            "content/notes.txt",
            "seeds/image.png",
            "README.md",
        ] {
            assert_eq!(classify(path), None, "{path}");
        }
    }
}
