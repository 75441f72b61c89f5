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
    let rendered = render_project(project)?;
    let out = options.out.clone().unwrap_or_else(|| project.public());
    write_site(&out, &rendered.outputs)?;
    let mut lines: Vec<String> = rendered
        .extracted
        .iter()
        .map(|p| format!("extracted {p}"))
        .collect();
    lines.push(format!(
        "{} into {} in {:.2} s",
        rendered.summary(),
        project.display(&out).display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(Report {
        lines,
        ..Report::default()
    })
}

/// A site rendered in memory, before it is written anywhere.
#[derive(Debug)]
pub struct Rendered {
    pub site: Site,
    pub outputs: Vec<Output>,
    /// Fact files written for articles that had none.
    pub extracted: Vec<String>,
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

/// Everything `build` does short of writing the site: extract new articles, load and validate
/// `content/`, render. `serve` keeps the result in memory.
pub fn render_project(project: &Project) -> Result<Rendered> {
    let config = super::read_config(project)?;
    let articles = super::read_articles(project)?;
    let (files, problems) = super::read_content(project)?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let extracted = super::extract::extract_missing(project, &articles, &files)?;
    let sheets = super::load_sheets(project)?;
    let theme = Theme::load(project)?;
    let site = Site::new(config, sheets);
    let outputs = site::render(&site, &theme)?;
    Ok(Rendered {
        site,
        outputs,
        extracted,
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
