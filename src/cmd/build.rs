//! `factsheet build`: extract what is new, validate everything, render the site, and swap it
//! into the output folder only when all of it succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::{self, Output, Site, Theme};

use super::Report;

/// Where and how to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
}

pub fn run(project: &Project, options: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    let config = super::read_config(project)?;
    let articles = super::read_articles(project)?;
    // New and changed articles are merged into content/ only once everything has validated.
    let update = super::extract::update_changed(project, &articles)?;
    let sheets = update.sheets;
    let theme = Theme::load(project)?;
    let site = Site::new(config, sheets);
    let outputs = site::render(&site, &theme)?;
    let out = options.out.clone().unwrap_or_else(|| project.public());
    update.plan.apply(project)?;
    write_site(&out, &outputs)?;
    let facts: usize = site.sheets.iter().map(|s| s.facts.facts.len()).sum();
    let pages = outputs.iter().filter(|o| o.path.ends_with(".html")).count();
    let mut lines = update.plan.lines;
    lines.push(format!(
        "built {} articles, {facts} facts, {pages} pages ({} files) into {} in {:.2} s",
        site.sheets.len(),
        outputs.len(),
        project.display(&out).display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(Report {
        lines,
        warnings: update.warnings,
    })
}

/// Writes the site into a fresh folder beside `out`, then swaps it in: the old site stays
/// whole until the new one is complete.
pub fn write_site(out: &Path, outputs: &[Output]) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    for output in outputs {
        let path = staging.join(&output.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, &output.bytes).map_err(|e| Error::io(&path, e))?;
    }
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &retired).map_err(|e| Error::io(out, e))?;
    }
    if let Err(error) = std::fs::rename(&staging, out) {
        if had_old {
            let _ = std::fs::rename(&retired, out);
        }
        return Err(Error::io(out, error));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&retired);
    }
    Ok(())
}
