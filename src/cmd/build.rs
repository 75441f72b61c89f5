//! `factsheet build`: extract what is new, validate everything, render the site, and swap it
//! into the output folder only when all of it succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::{self, Output, Site, Theme};

use super::Report;
use super::extract::Update;

/// Where and how to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
}

pub fn run(project: &Project, options: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    let rendered = render_project(project)?;
    let out = options.out.clone().unwrap_or_else(|| project.public());
    rendered.update.plan.apply(project)?;
    write_site(&out, &rendered.outputs)?;
    let mut lines = rendered.update.plan.lines.clone();
    lines.push(format!(
        "{} into {} in {:.2} s",
        rendered.summary(),
        project.display(&out).display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(Report {
        lines,
        warnings: rendered.update.warnings,
    })
}

/// A site rendered in memory, before anything is written.
#[derive(Debug)]
pub struct Rendered {
    pub site: Site,
    pub outputs: Vec<Output>,
    /// The extraction of new and changed articles, still to be written to `content/`.
    pub update: Update,
}

impl Rendered {
    /// "built 3 articles, 41 facts, 12 pages (20 files)".
    pub fn summary(&self) -> String {
        let facts: usize = self.site.sheets.iter().map(|s| s.facts.facts.len()).sum();
        let pages = self
            .outputs
            .iter()
            .filter(|o| o.path.ends_with(".html"))
            .count();
        format!(
            "built {} articles, {facts} facts, {pages} pages ({} files)",
            self.site.sheets.len(),
            self.outputs.len()
        )
    }
}

/// Everything `build` does short of writing: plan the extraction of new and changed articles,
/// validate `content/` as it will be, render. Writes nothing, so a failure anywhere leaves
/// `content/` and the output as they were; `serve` keeps the result in memory.
pub fn render_project(project: &Project) -> Result<Rendered> {
    let config = super::read_config(project)?;
    let articles = super::read_articles(project)?;
    let mut update = super::extract::update_changed(project, &articles)?;
    let sheets = std::mem::take(&mut update.sheets);
    let theme = Theme::load(project)?;
    let site = Site::new(config, sheets);
    let outputs = site::render(&site, &theme)?;
    Ok(Rendered {
        site,
        outputs,
        update,
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
