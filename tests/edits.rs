//! Hand edits through the binary: extract, edit, extract again; dry runs; stale facts; exit
//! statuses; and the full message for each kind of broken fact file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A site in a temporary folder.
struct Site {
    dir: tempfile::TempDir,
}

/// What a run of the binary did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

const ARTICLE: &str = "09/24 2024 1\nCloud revenue rises again\n\
Alpha Cloud revenue grew by 20% year-over-year in the second quarter. \
The assistant app has over 40 million downloads. \
A price cut of 97% followed in May.\n";

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("seeds/a.txt", ARTICLE);
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// Every file under `content/`, with its contents, sorted.
    fn content(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walk(&self.path("content"))
            .into_iter()
            .map(|p| {
                let name = p.strip_prefix(self.root()).unwrap().display().to_string();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

const FACT_FILE: &str = "content/cloud-revenue-rises-again.yaml";

/// A fact file for `seeds/a.txt` with one correct fact and the given extra lines.
fn fact_file(extra: &str) -> String {
    let lines = [
        "article:",
        "  slug: a",
        "  title: A",
        "  date: 2024-09-24",
        "  source: seeds/a.txt",
        "facts:",
        "  - id: cloud-revenue-growth",
        "    kind: growth",
        "    subject: Alpha Cloud",
        "    metric: revenue",
        "    value: 20",
        "    unit: percent",
        "    qualifier: exact",
        "    basis: year-over-year",
        "    period: 2024-Q2",
        "    text: \"20%\"",
        "    quote: \"Alpha Cloud revenue grew by 20% year-over-year in the second quarter.\"",
        "    span: [39, 108]",
    ];
    format!("{}\n{extra}", lines.join("\n"))
}

/// Lines of YAML joined, each ended by a line break.
fn lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn re_extraction_keeps_every_hand_edit_and_no_deleted_fact_returns() {
    let site = Site::new();
    let first = site.run(&["extract"]);
    assert_eq!(first.code, 0, "{first:?}");
    let extracted = site.read(FACT_FILE);
    let record = site.read("content/.extracted/cloud-revenue-rises-again.txt");
    assert!(record.contains("source seeds/a.txt\nxxh3 "), "{record}");

    // Edit as a person would: retitle, comment, add a fact of their own, and delete and
    // change what extraction proposed.
    let mut edited = extracted
        .replace(
            "title: \"Cloud revenue rises again\"",
            "title: 'Cloud revenue, again'  # shorter",
        )
        .replace("article:\n", "# checked by hand\narticle:\n\n");
    let deleted = first_fact_id(&edited);
    if let Some(id) = &deleted {
        edited = delete_fact(&edited, id);
    }
    if let Some(start) = edited.find("    value: ") {
        let end = start + edited[start..].find('\n').unwrap();
        let old = edited[start + 11..end].to_string();
        edited.replace_range(start..end, &format!("    value: 21  # was {old}"));
    }
    let own = lines(&[
        "  - id: my-own-fact   # added by hand",
        "    kind: count",
        "    subject: Alpha Cloud",
        "    metric: regions",
        "    value: 3",
        "    unit: count",
        "    qualifier: exact",
        "    text: three",
        "    quote: 'A price cut of 97% followed in May.'",
        "    span: [158, 193]",
    ]);
    edited = match edited.strip_suffix("facts: []\n") {
        Some(head) => format!("{head}facts:\n{own}"),
        None => format!("{edited}{own}"),
    };
    site.write(FACT_FILE, &edited);

    let again = site.run(&["extract"]);
    assert_eq!(again.code, 0, "{again:?}");
    let after = site.read(FACT_FILE);
    assert!(
        after.starts_with(&edited),
        "hand edits were changed:\n{after}"
    );
    if let Some(id) = deleted {
        assert!(
            !after.contains(&format!("id: {id}\n")),
            "{id} came back:\n{after}"
        );
    }
    assert_eq!(site.run(&["extract"]).code, 0);
    assert_eq!(
        site.read(FACT_FILE),
        after,
        "a second re-extraction changed the file"
    );
}

/// The id of the first fact of a fact file, if it has one.
fn first_fact_id(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("  - id: "))
        .map(str::to_string)
}

/// `text` without the fact item whose id is `id`.
fn delete_fact(text: &str, id: &str) -> String {
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let end = text[start + 4..]
        .find("\n  - ")
        .map_or(text.len(), |i| start + 4 + i + 1);
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn a_deleted_fact_stays_deleted_in_a_fresh_clone() {
    let site = Site::new();
    assert_eq!(site.run(&["extract"]).code, 0);
    let extracted = site.read(FACT_FILE);
    let id = first_fact_id(&extracted).expect("the article states facts");
    let edited = delete_fact(&extracted, &id);
    site.write(FACT_FILE, &edited);

    // A clone has the committed files only: seeds, fact files and the records beside them.
    let clone = Site::new();
    crate::support::copy_tree(&site.path("content"), &clone.path("content"));
    let run = clone.run(&["extract"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(clone.read(FACT_FILE), edited, "{id} came back");
    let record = clone.read("content/.extracted/cloud-revenue-rises-again.txt");
    assert!(record.contains(&format!("fact {id}\n")), "{record}");
}

#[test]
fn dry_run_prints_a_unified_diff_and_writes_nothing() {
    let site = Site::new();
    let run = site.run(&["extract", "--dry-run"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains(&format!("--- /dev/null\n+++ b/{FACT_FILE}\n@@ -0,0 +1,")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "\n+# yaml-language-server: $schema=../schema/factsheet.schema.json\n+article:\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("nothing was written\n"),
        "{}",
        run.stdout
    );
    assert_eq!(site.content(), []);

    site.run(&["extract"]);
    let before = site.content();
    let run = site.run(&["extract", "--dry-run"]);
    assert_eq!(
        run.stdout,
        "dry run: 0 files would change; nothing was written\n"
    );
    assert_eq!(site.content(), before);
}

#[test]
fn check_reports_a_stale_fact_with_its_id() {
    let site = Site::new();
    site.write(
        "content/a.yaml",
        &fact_file("").replace("in the second quarter", "in the third quarter"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/a.yaml:17:12: error: fact `cloud-revenue-growth` is stale: its quote does not occur in seeds/a.txt\n   |\n17 |     quote: \"Alpha Cloud revenue grew by 20% year-over-year in the third quarter.\"\n   |            ^\n   = help: the article changed or the quote was edited: copy the sentence from the article exactly, or delete the fact\nerror: 1 problem found\n"
    );
}

#[test]
fn check_fix_corrects_spans_and_nothing_else() {
    let site = Site::new();
    let broken = fact_file("").replace("span: [39, 108]", "span: [0, 69]  # guessed");
    site.write("content/a.yaml", &broken);
    let run = site.run(&["check", "--fix"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        site.read("content/a.yaml"),
        broken.replace("[0, 69]", "[39, 108]")
    );
}

#[test]
fn content_errors_exit_1_and_tool_failures_exit_2() {
    let site = Site::new();
    site.write("content/a.yaml", "article: [\n");
    assert_eq!(site.run(&["check"]).code, 1);
    assert_eq!(site.run(&["extract"]).code, 1);

    let missing = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["check", "--root", "/nonexistent/site"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "error: /nonexistent/site: no such folder\n"
    );

    let site = Site::new();
    std::fs::create_dir_all(site.path("extract.toml")).unwrap();
    let run = site.run(&["extract"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn a_build_with_an_error_writes_nothing() {
    let site = Site::new();
    site.write("public/index.html", "the old site");
    site.write(
        "content/a.yaml",
        &fact_file("").replace("value: 20", "value: twenty"),
    );
    let before = site.content();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .ends_with("error: 1 problem found; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/index.html"), "the old site");
    assert_eq!(site.content(), before);
}

#[test]
fn the_committed_schema_is_what_factsheet_schema_prints() {
    let output = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let committed = include_str!("../schema/factsheet.schema.json");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), committed);
}

#[test]
fn every_command_shows_an_example_in_its_help() {
    for command in ["init", "extract", "build", "check", "schema"] {
        let output = Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(["help", command])
            .output()
            .unwrap();
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains("Example"),
            "factsheet help {command}:\n{help}"
        );
    }
}

/// The whole message `check` prints for one broken fact file (or several, for problems
/// between files), as a person sees it.
fn check_message(files: &[(&str, &str)]) -> String {
    let site = Site::new();
    for (path, text) in files {
        site.write(path, text);
    }
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    run.stderr
}

macro_rules! broken_file {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(check_message(&[("content/a.yaml", &$text)]));
        }
    };
}

broken_file!(
    a_tab_in_the_indentation,
    fact_file("").replace("    kind: growth", "\tkind: growth")
);
broken_file!(
    an_unclosed_quote,
    fact_file("").replace("text: \"20%\"", "text: \"20%")
);
broken_file!(
    a_bad_indent,
    fact_file("").replace("    metric: revenue", "      metric: revenue")
);
broken_file!(
    an_unknown_field,
    fact_file("").replace("value: 20", "vlaue: 20")
);
broken_file!(
    a_number_written_in_words,
    fact_file("").replace("value: 20", "value: \"40 million\"")
);
broken_file!(
    a_missing_required_field,
    fact_file("").replace("    subject: Alpha Cloud\n", "")
);
broken_file!(
    a_min_above_its_max,
    fact_file("")
        .replace("value: 20", "min: 12\n    max: 6")
        .replace("exact", "range")
);
broken_file!(
    an_unknown_qualifier,
    fact_file("").replace("qualifier: exact", "qualifier: more than")
);
broken_file!(
    an_unknown_unit,
    fact_file("").replace("unit: percent", "unit: percentage")
);
broken_file!(
    a_period_in_words,
    fact_file("").replace("period: 2024-Q2", "period: Q2 2024")
);
broken_file!(
    a_value_with_bounds,
    fact_file("").replace("value: 20", "value: 20\n    min: 10\n    max: 30")
);
broken_file!(
    a_duplicate_fact_id,
    fact_file(
        &fact_file("")[fact_file("").find("  - id").unwrap()..].replace("value: 20", "value: 20.0")
    )
);
broken_file!(
    a_source_that_does_not_exist,
    fact_file("").replace("seeds/a.txt", "seeds/b.txt")
);
broken_file!(
    a_quote_not_in_the_article,
    fact_file("").replace("20% year-over-year", "20 percent year-over-year")
);
broken_file!(
    a_span_that_misses_its_quote,
    fact_file("").replace("[39, 108]", "[40, 109]")
);

#[test]
fn a_duplicate_slug_across_files() {
    let other = fact_file("").replace("source: seeds/a.txt", "source: seeds/b.txt");
    let site_files = [("content/a.yaml", fact_file("")), ("content/b.yaml", other)];
    let files: Vec<(&str, &str)> = site_files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = Site::new();
    site.write("seeds/b.txt", ARTICLE);
    for (path, text) in &files {
        site.write(path, text);
    }
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn every_problem_of_every_fact_in_one_run() {
    let second = lines(&[
        "  - id: app-downloads",
        "    kind: downloads",
        "    subject: the app",
        "    metric: downloads",
        "    value: 40 million",
        "    unit: count",
        "    qualifier: over",
        "    text: \"over 40 million\"",
        "    quote: \"The assistant app has over 40 million downloads.\"",
        "    span: [109, 157]",
    ]);
    let text = fact_file(&second).replace("unit: percent", "unit: pct");
    insta::assert_snapshot!(check_message(&[("content/a.yaml", &text)]));
}
