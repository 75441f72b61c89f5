//! Swapping a finished site in for the old one: the new site is written into a folder beside
//! the output, which takes the output's place only when all of it is there, so that readers see
//! the old site or the new one, never half of each.

use std::path::{Path, PathBuf};

use super::{MARKER, MARKER_TEXT};
use crate::error::{Error, Result};

/// Fills a fresh folder beside `out` with `fill`, then swaps it in: the old site stays whole
/// until the new one is complete, and a build killed at any moment leaves it in place.
///
/// The folder is `.NAME.new-PID` beside `out`. On Linux the swap is one atomic exchange of the
/// two folders (`renameat2` with `RENAME_EXCHANGE`), so there is no moment without a site;
/// elsewhere, or on a file system that cannot exchange, the old site is first moved aside to
/// `.NAME.old-PID`. Folders of either kind left by a build that was killed are removed first.
/// On an error (a full disk, a read-only folder) the new folder is removed and the old site is
/// left as it was.
pub fn write_site(out: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let parent = crate::fs::make_parent(out)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    remove_stale(parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = std::fs::create_dir(&staging)
        .and_then(|()| std::fs::write(staging.join(MARKER), MARKER_TEXT))
        .map_err(|e| Error::io(out, e))
        .and_then(|()| fill(&staging))
        .and_then(|()| swap_in(&staging, out));
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written
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
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
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
        if !crate::fs::process_is_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::staging::Staging;
    use super::*;
    use crate::fs::names;
    use crate::site::Output;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// `write_site` with a list of outputs, as a cold build writes them.
    fn write_outputs(out: &Path, outputs: &[Output]) -> Result<()> {
        write_site(out, |staging| {
            let staging = Staging::new(staging, out);
            outputs.iter().try_for_each(|o| staging.write(o))
        })
    }

    #[test]
    fn a_new_site_replaces_the_old_one_whole_and_leaves_no_work_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_outputs(
            &out,
            &[output("index.html", "one"), output("a/b.html", "b")],
        )
        .unwrap();
        write_outputs(&out, &[output("index.html", "two")]).unwrap();
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
        write_outputs(&out, &[output("index.html", "old")]).unwrap();
        let error = write_outputs(&out, &[output("../escaped.html", "x")]).unwrap_err();
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
