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
/// whole until the new one is complete, and a build killed at any moment leaves it in place.
///
/// The folder is `.NAME.new-PID` beside `out`. On Linux the swap is one atomic exchange of the
/// two folders (`renameat2` with `RENAME_EXCHANGE`), so there is no moment without a site;
/// elsewhere, or on a file system that cannot exchange, the old site is first moved aside to
/// `.NAME.old-PID`. Folders of either kind left by a build that was killed are removed first.
/// On an error (a full disk, a read-only folder) the new folder is removed and the old site is
/// left as it was.
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
    remove_stale(parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = write_outputs(&staging, out, outputs).and_then(|()| swap_in(&staging, out));
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written
}

/// Writes every output under `staging`; errors name the file as it will be in `out`.
fn write_outputs(staging: &Path, out: &Path, outputs: &[Output]) -> Result<()> {
    std::fs::create_dir(staging).map_err(|e| Error::io(out, e))?;
    for output in outputs {
        let relative = Path::new(&output.path);
        // Output paths come from slugs, which are checked; this keeps a bug in a page's path
        // from writing outside the site.
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside || output.path.is_empty() {
            return Err(Error::io(
                out.join(relative),
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a page path that leaves the output folder",
                ),
            ));
        }
        let path = staging.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(out.join(relative), e))?;
        }
        std::fs::write(&path, &output.bytes).map_err(|e| Error::io(out.join(relative), e))?;
    }
    Ok(())
}

/// Puts the complete site at `staging` in the place of `out`, and removes the old one.
fn swap_in(staging: &Path, out: &Path) -> Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out).map_err(|e| Error::io(out, e));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the old site.
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let retired = retired_name(staging);
    std::fs::rename(out, &retired).map_err(|e| Error::io(out, e))?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&retired, out);
        return Err(Error::io(out, error));
    }
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

/// `.NAME.old-PID` for the staging folder `.NAME.new-PID`.
fn retired_name(staging: &Path) -> PathBuf {
    let name = staging
        .file_name()
        .map(|n| n.to_string_lossy().replacen(".new-", ".old-", 1))
        .unwrap_or_default();
    staging.with_file_name(name)
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are NUL-terminated paths that live across the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes `.NAME.new-PID` and `.NAME.old-PID` folders in `parent` left by builds that were
/// killed: those whose process is gone (on Linux; elsewhere, every one but this process's).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_is_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_is_alive(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_site_replaces_the_old_one_whole_and_leaves_no_work_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[output("index.html", "one"), output("a/b.html", "b")],
        )
        .unwrap();
        write_site(&out, &[output("index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("a").exists());
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn two_folders_are_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("from-a").exists() && !a.join("from-a").exists());
    }

    #[test]
    fn a_page_path_that_leaves_the_output_folder_is_refused_and_the_old_site_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[output("index.html", "old")]).unwrap();
        let error = write_site(&out, &[output("../escaped.html", "x")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: a page path that leaves the output folder",
                out.join("../escaped.html").display()
            )
        );
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn work_folders_of_dead_builds_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".public.new-4194305",
            ".public.old-4194305",
            ".public.new-x",
            ".site.new-4194305",
        ] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        let own = format!(".public.new-{}", std::process::id());
        std::fs::create_dir(dir.path().join(&own)).unwrap();
        remove_stale(dir.path(), "public");
        let mut expected = vec![
            own,
            ".public.new-x".to_string(),
            ".site.new-4194305".to_string(),
        ];
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }
}
