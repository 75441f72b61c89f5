//! Which folder a build may write its site into.
//!
//! A build replaces its output folder whole, so a folder that holds anything else would lose
//! it. A build writes a marker file into every output folder it makes; a folder may be
//! replaced when it is missing, empty, marked, or the folder of the last build this site
//! recorded. The site's root and its input folders are never an output, forced or not: a
//! build that replaced them would delete what it reads.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::output::MARKER;

/// Refuses `out` unless a build may replace it. `recorded` is true when the site's last build
/// went to `out`; `force` allows a folder that holds files factsheet did not write.
pub fn check(project: &Project, out: &Path, recorded: bool, force: bool) -> Result<()> {
    let shown = out.display().to_string();
    let refuse = |message: String, help: String| {
        Err(Error::Invalid(vec![
            Diagnostic::error(&shown, message).with_help(help),
        ]))
    };
    let out_abs = resolved(out);
    let root = resolved(&project.root);
    if root.starts_with(&out_abs) {
        return refuse(
            if root == out_abs {
                "the output folder is the site's root: a build would replace the whole site".into()
            } else {
                "the output folder contains the site's root: a build would replace the whole site"
                    .into()
            },
            "write the site into a folder of its own, e.g. --out public (the default)".into(),
        );
    }
    for (name, input) in [
        ("seeds", project.seeds()),
        ("content", project.content()),
        ("templates", project.templates()),
        ("static", project.static_dir()),
    ] {
        let input = resolved(&input);
        let relation = if input == out_abs {
            "is"
        } else if input.starts_with(&out_abs) {
            "contains"
        } else if out_abs.starts_with(&input) {
            "lies inside"
        } else {
            continue;
        };
        return refuse(
            format!(
                "the output folder {relation} the site's {name}/: a build would delete what it reads"
            ),
            "write the site into a folder of its own, e.g. --out public (the default)".into(),
        );
    }
    if force || recorded || out.join(MARKER).is_file() {
        return Ok(());
    }
    let Ok(mut entries) = std::fs::read_dir(out) else {
        // Missing (it will be made), or not a folder (writing it reports why).
        return Ok(());
    };
    if let Some(entry) = entries.next() {
        let first = entry.map_or_else(
            |_| "files".into(),
            |e| e.file_name().to_string_lossy().into_owned(),
        );
        return refuse(
            format!(
                "the output folder holds files factsheet did not write (such as `{first}`): a build replaces everything in it"
            ),
            format!("choose an empty or new folder, or pass --force to replace what {shown} holds"),
        );
    }
    Ok(())
}

/// `path` made absolute, with the symbolic links of the part that exists resolved, so that two
/// spellings of one folder compare equal.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return lexical(&absolute),
        }
    }
}

/// `path` with `.` and `..` folded, for a path none of whose folders exist.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::output::MARKER_TEXT;

    fn site() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::new(dir.path().join("site"));
        for folder in ["seeds", "content", "templates", "static"] {
            std::fs::create_dir_all(project.root.join(folder)).unwrap();
        }
        (dir, project)
    }

    fn message(result: Result<()>) -> String {
        match result {
            Err(Error::Invalid(problems)) => problems[0].message.clone(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn the_root_and_its_inputs_are_never_an_output() {
        let (dir, project) = site();
        let root = &project.root;
        for (out, expected) in [
            (root.clone(), "is the site's root"),
            (dir.path().to_path_buf(), "contains the site's root"),
            (root.join("seeds"), "is the site's seeds/"),
            (root.join("content/../content"), "is the site's content/"),
            (root.join("static/site"), "lies inside the site's static/"),
        ] {
            assert!(
                message(check(&project, &out, true, true)).contains(expected),
                "{}",
                out.display()
            );
        }
    }

    #[test]
    fn a_folder_of_other_files_is_refused_unless_forced() {
        let (dir, project) = site();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("thesis.txt"), "precious").unwrap();
        let refusal = message(check(&project, &docs, false, false));
        assert!(refusal.contains("`thesis.txt`"), "{refusal}");
        assert!(check(&project, &docs, false, true).is_ok());
        assert!(check(&project, &docs, true, false).is_ok());
        std::fs::write(docs.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check(&project, &docs, false, false).is_ok());
    }

    #[test]
    fn a_new_or_empty_folder_and_the_default_are_fine() {
        let (dir, project) = site();
        assert!(check(&project, &project.public(), false, false).is_ok());
        assert!(check(&project, &dir.path().join("new/deeper"), false, false).is_ok());
        std::fs::create_dir(dir.path().join("empty")).unwrap();
        assert!(check(&project, &dir.path().join("empty"), false, false).is_ok());
    }
}
