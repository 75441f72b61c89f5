//! `factsheet init DIR`: a new site that builds at once, written from the files the binary embeds.

use std::path::Path;

use crate::error::{Error, Result};
use crate::fs::write_atomic;
use crate::site::Theme;

use super::Report;

/// The sample article every new site starts with: the article factsheet was first built for.
pub const SAMPLE_ARTICLE: (&str, &str) = (
    "seeds/000_d4d941a4b011dfac.txt",
    include_str!("../../seeds/000_d4d941a4b011dfac.txt"),
);

const CONFIG: &str = "# Settings of this factsheet site.\n\
title = \"Fact sheets\"\n\
description = \"Quantitative facts from news articles, each with its source sentence.\"\n\
# Where the site will be published, e.g. \"https://example.org/facts/\"; empty keeps every link relative.\n\
base_url = \"\"\n\
language = \"en\"\n";

pub fn run(dir: &Path) -> Result<Report> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Invalid(vec![
                crate::diagnostic::Diagnostic::error(dir, "the folder is not empty")
                    .with_help("choose a new folder name; init never overwrites files"),
            ]));
        }
    }
    let schema = crate::facts::schema::schema_text();
    let mut files: Vec<(String, &[u8])> = vec![
        ("config.toml".into(), CONFIG.as_bytes()),
        (SAMPLE_ARTICLE.0.into(), SAMPLE_ARTICLE.1.as_bytes()),
        // Fact files name the schema in their first line, for editors.
        (crate::facts::schema::PATH.into(), schema.as_bytes()),
    ];
    files.extend(Theme::builtin_files());
    for (path, bytes) in &files {
        write_atomic(&dir.join(path), bytes)?;
    }
    std::fs::create_dir_all(dir.join("content")).map_err(|e| Error::io(dir.join("content"), e))?;
    Ok(Report {
        lines: vec![
            format!(
                "created a site in {} ({} files)",
                dir.display(),
                files.len()
            ),
            format!(
                "next: cd {} && factsheet build, then open public/index.html",
                dir.display()
            ),
        ],
        ..Report::default()
    })
}
