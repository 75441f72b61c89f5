//! Bad input and faults: every hostile article, fact file or path gives its exact message and
//! writes nothing; a build or an extraction killed at any moment, a full disk or a read-only
//! folder leaves the previous site and fact files whole; the same input gives the same bytes
//! whatever the order of the disk; and every input the fuzzers kept stays a test here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use factsheet::source::Article;

use crate::harness;
use crate::support::*;

/// The longest any command may take on hostile input before the test calls it a hang.
const DEADLINE: Duration = Duration::from_secs(60);

/// An empty site with these articles in `seeds/`.
pub(crate) fn site_with(seeds: &[(&str, &[u8])]) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(site.path().join("seeds")).unwrap();
    for (name, bytes) in seeds {
        write(&site.path().join("seeds").join(name), bytes);
    }
    site
}

pub(crate) fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `factsheet ARGS` in `dir`, killing it and failing the test if it outlives [`DEADLINE`].
pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    run_within(dir, args, DEADLINE)
}

/// [`run`] with a deadline of its own, for a call whose work is large by design: what would
/// show a hang is a deadline several times the work's time on a busy machine, not one minute.
pub(crate) fn run_within(dir: &Path, args: &[&str], deadline: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            child.kill().unwrap();
            panic!("factsheet {args:?} hung for {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs `factsheet ARGS`, insists on exit status `code`, and returns stderr.
pub(crate) fn fails(dir: &Path, args: &[&str], code: i32) -> String {
    let output = run(dir, args);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    stderr
}

/// The names in `dir`, sorted; empty when it does not exist.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Insists that a failed command left the site as it was: no fact file, no output folder.
pub(crate) fn assert_nothing_written(site: &Path) {
    assert_eq!(names(&site.join("content")), Vec::<String>::new());
    let mut left = names(site);
    left.retain(|name| name != "seeds");
    assert_eq!(left, Vec::<String>::new(), "written into the site root");
}

pub(crate) const GOOD: &[u8] =
    b"09/24 2024 1\nCloud revenue rises\nCloud revenue grew by 12% in 2024.\n";

// Articles

#[test]
fn an_empty_article_is_refused_and_nothing_is_written() {
    let site = site_with(&[("a.txt", GOOD), ("b.txt", b"09/24 2024 1\n \n")]);
    assert_eq!(
        fails(site.path(), &["build"], 1),
        "seeds/b.txt: error: the article is empty\n  \
         = help: add the article's text, or remove the file from seeds/\n\
         error: 1 problem found; nothing was written\n"
    );
    assert_nothing_written(site.path());
}

#[test]
fn a_binary_article_is_refused_and_nothing_is_written() {
    let site = site_with(&[("a.txt", GOOD), ("b.txt", b"PK\x03\x04\0\0\x14\x00")]);
    assert_eq!(
        fails(site.path(), &["build"], 1),
        "seeds/b.txt: error: looks like a binary file: NUL byte at offset 4\n  \
         = help: articles are UTF-8 text (.txt) or Markdown (.md)\n\
         error: 1 problem found; nothing was written\n"
    );
    assert_nothing_written(site.path());
}

#[test]
fn an_article_that_is_not_utf8_names_the_file_line_column_and_byte() {
    let site = site_with(&[
        ("a.txt", GOOD),
        (
            "b.md",
            b"---\ntitle: T\n---\nRevenue grew.\nCaf\xe9 sales rose.\n",
        ),
    ]);
    assert_eq!(
        fails(site.path(), &["extract"], 1),
        "seeds/b.md:5:4: error: not UTF-8: invalid byte 0xe9 at offset 34\n  \
         |\n\
         5 | Caf\u{fffd} sales rose.\n  \
         |    ^\n  \
         = help: save the article as UTF-8 text\n\
         error: 1 problem found; nothing was written\n"
    );
    assert_nothing_written(site.path());
}

/// A long article, `words` words on one line with no punctuation, or numbers only.
fn long_article(bytes: usize, numbers: bool) -> Vec<u8> {
    let word: &[u8] = if numbers { b"1234 " } else { b"revenue " };
    word.iter().copied().cycle().take(bytes).collect()
}

/// Time to read and extract an article of `bytes` bytes.
fn read_and_extract(bytes: usize, numbers: bool) -> (Duration, Article) {
    let text = long_article(bytes, numbers);
    let started = Instant::now();
    let article = Article::from_bytes("seeds/long.txt", text).unwrap();
    let facts = factsheet::extract::extract(&article);
    let elapsed = started.elapsed();
    for fact in facts {
        assert_eq!(
            article.text.get(fact.span[0]..fact.span[1]),
            Some(fact.quote.as_str())
        );
    }
    (elapsed, article)
}

/// Reading and extraction are linear: ten times the text takes about ten times as long, not a
/// hundred. A line without full stops is read in pieces of bounded length, so even a megabyte
/// of numbers on one line is read in linear time.
#[test]
fn a_long_article_of_one_line_is_read_and_extracted_in_linear_time() {
    for numbers in [false, true] {
        // The fastest of three runs: a busy machine only ever slows a run down.
        let fastest = |bytes| {
            (0..3)
                .map(|_| read_and_extract(bytes, numbers))
                .min_by_key(|(elapsed, _)| *elapsed)
                .unwrap()
        };
        let (small, _) = fastest(100_000);
        let (large, article) = fastest(1_000_000);
        let expected_title = if numbers {
            format!("{}…", ["1234"; 12].join(" "))
        } else {
            format!("{}…", ["revenue"; 12].join(" "))
        };
        assert_eq!(article.title, expected_title);
        // Linear is 10x; allow for a noisy machine, but not for quadratic (100x).
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.001);
        assert!(
            ratio < 40.0,
            "100 KB took {small:?}, 1 MB took {large:?}: not linear"
        );
    }
}

#[test]
fn the_binary_builds_a_long_article_of_one_line_and_one_of_numbers_only() {
    let site = site_with(&[
        ("long.txt", &long_article(20_000_000, false)),
        ("numbers.txt", b"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n"),
    ]);
    let output = run(site.path(), &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        names(&site.path().join("content")),
        [
            ".extracted",
            "1-2-3-4-5-6-7-8.yaml",
            "revenue-revenue-revenue-revenue-revenue-revenue-revenue-revenue.yaml"
        ]
    );
}

// Fact files

/// A site with one good article and `content/x.yaml` holding `yaml`.
fn site_with_fact_file(yaml: &str) -> tempfile::TempDir {
    let site = site_with(&[("a.txt", GOOD)]);
    write(&site.path().join("content/x.yaml"), yaml.as_bytes());
    site
}

/// `check` on `yaml`, which must fail with exit status 1; returns its stderr.
fn check_fails(yaml: &str) -> String {
    let site = site_with_fact_file(yaml);
    let stderr = fails(site.path(), &["check"], 1);
    // `check` writes nothing, and neither does a build that fails on the same file.
    let build = fails(site.path(), &["build"], 1);
    assert!(build.ends_with("; nothing was written\n"), "{build}");
    assert_eq!(names(&site.path().join("content")), ["x.yaml"]);
    assert_eq!(names(site.path()), ["content", "seeds"]);
    stderr
}

const ARTICLE: &str = "article:\n  slug: x\n  title: T\n  source: seeds/a.txt\n";

#[test]
fn a_huge_fact_file_is_refused_where_it_passes_the_limit() {
    let line = "# a comment line that pads the file to well past any fact file's size\n";
    let mut yaml = format!("{ARTICLE}facts: []\n");
    while yaml.len() <= factsheet::facts::raw::MAX_BYTES {
        yaml.push_str(line);
    }
    let stderr = check_fails(&yaml);
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "content/x.yaml:239679:45: error: the file is too long: {} bytes, a fact file is at most 16 MiB",
            yaml.len()
        )
    );
}

#[test]
fn a_deeply_nested_fact_file_is_an_error_at_the_level_too_deep() {
    let yaml = format!("{ARTICLE}facts: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let stderr = check_fails(&yaml);
    assert!(
        stderr.starts_with(
            "content/x.yaml:5:72: error: nested too deeply: more than 64 levels of lists and mappings\n"
        ),
        "{stderr}"
    );
    let mut block = String::from(ARTICLE);
    for depth in 0..200 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    let stderr = check_fails(&block);
    assert!(
        stderr.starts_with(
            "content/x.yaml:69:65: error: nested too deeply: more than 64 levels of lists and mappings\n"
        ),
        "{stderr}"
    );
}

#[test]
fn anchors_and_aliases_are_never_expanded() {
    // Nine to the power of nine "lol"s if expanded: the classic "billion laughs".
    let mut yaml = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    yaml.push_str("article:\n  slug: x\n  title: *l9\n  source: seeds/a.txt\nfacts: []\n");
    let started = Instant::now();
    let stderr = check_fails(&yaml);
    assert!(started.elapsed() < Duration::from_secs(20));
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 12, "{stderr}");
    assert_eq!(
        errors[0],
        "content/x.yaml:1:1: error: unknown field `l0` in a fact file"
    );
    assert_eq!(
        errors[10],
        "content/x.yaml:13:10: error: `title` must be text, not an alias"
    );
    assert_eq!(errors[11], "error: 11 problems found");
}

#[test]
fn a_repeated_key_is_an_error_at_its_second_place() {
    let stderr = check_fails(
        "article:\n  slug: x\n  title: A\n  title: B\n  source: seeds/a.txt\nfacts: []\n",
    );
    assert_eq!(
        stderr,
        "content/x.yaml:4:3: error: `title` appears twice in `article`\n  \
         |\n\
         4 |   title: B\n  \
         |   ^\n  \
         = help: line 3 has it already; keep one of the two\n\
         error: 1 problem found\n"
    );
}

#[test]
fn a_fact_with_every_field_of_the_wrong_type_has_every_field_reported() {
    let yaml = format!(
        "{ARTICLE}facts:\n  - id: [x]\n    kind: {{a: 1}}\n    subject: [s]\n    metric: {{m: 1}}\n    \
         value: [1]\n    unit: 7\n    qualifier: [exact]\n    basis: 3\n    object: [o]\n    \
         period: {{p: 1}}\n    text: [t]\n    quote: {{q: 1}}\n    span: \"0-10\"\n"
    );
    let stderr = check_fails(&yaml);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(
        errors,
        [
            "content/x.yaml:6:9: error: `id` must be text, not a list",
            "content/x.yaml:7:11: error: `kind` must be text, not a mapping",
            "content/x.yaml:8:14: error: `subject` must be text, not a list",
            "content/x.yaml:9:13: error: `metric` must be text, not a mapping",
            "content/x.yaml:10:12: error: `value` must be a number, not a list",
            "content/x.yaml:11:11: error: unknown unit `7`",
            "content/x.yaml:12:16: error: `qualifier` must be text, not a list",
            "content/x.yaml:13:12: error: unknown basis `3`",
            "content/x.yaml:14:13: error: `object` must be text, not a list",
            "content/x.yaml:15:13: error: `period` must be text, not a mapping",
            "content/x.yaml:16:11: error: `text` must be text, not a list",
            "content/x.yaml:17:12: error: `quote` must be text, not a mapping",
            "content/x.yaml:18:11: error: `span` must be two byte offsets, not text",
            "error: 13 problems found",
        ]
    );
}

// Paths

#[test]
fn a_slug_or_source_that_leaves_the_site_is_refused() {
    let stderr = check_fails(
        "article:\n  slug: ../../etc/passwd\n  title: T\n  source: ../../etc/passwd\nfacts: []\n",
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(
        errors,
        [
            "content/x.yaml:2:9: error: `slug` `../../etc/passwd` is not a slug",
            "content/x.yaml:4:11: error: source `../../etc/passwd` is outside the site",
            "error: 2 problems found",
        ]
    );
    let stderr = check_fails("article:\n  slug: x\n  title: T\n  source: /etc/passwd\nfacts: []\n");
    assert!(
        stderr
            .starts_with("content/x.yaml:4:11: error: source `/etc/passwd` is outside the site\n"),
        "{stderr}"
    );
}

#[test]
fn two_articles_with_the_same_slug_get_two_fact_files() {
    let site = site_with(&[("a.txt", GOOD), ("b.txt", GOOD)]);
    run_ok(site.path(), &["extract"]);
    assert_eq!(
        names(&site.path().join("content")),
        [
            ".extracted",
            "cloud-revenue-rises-2.yaml",
            "cloud-revenue-rises.yaml"
        ]
    );
    let second =
        std::fs::read_to_string(site.path().join("content/cloud-revenue-rises-2.yaml")).unwrap();
    assert!(
        second.contains("  slug: cloud-revenue-rises-2\n")
            && second.contains("source: seeds/b.txt"),
        "{second}"
    );
}

pub(crate) fn run_ok(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, args);
    assert!(
        output.status.success(),
        "factsheet {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_a_dangling_link_and_a_fifo_in_seeds_are_errors_not_hangs() {
    let site = site_with(&[("a.txt", GOOD), ("nested/b.txt", GOOD)]);
    let seeds = site.path().join("seeds");
    std::os::unix::fs::symlink("..", seeds.join("nested/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", seeds.join("gone.txt")).unwrap();
    mkfifo(&seeds.join("pipe.txt"));
    // An editor's lock beside an article it is editing, a hidden link to nowhere: ignored.
    std::os::unix::fs::symlink("user@host.123", seeds.join(".#a.txt")).unwrap();
    assert_eq!(
        fails(site.path(), &["build"], 1),
        "seeds/gone.txt: error: a broken symbolic link: `nowhere.txt` does not exist\n  \
         = help: remove the link, or restore the file it points to\n\
         seeds/nested/loop: error: a symbolic link loop: this link leads back to seeds\n  \
         = help: remove the link, or point it at the article itself\n\
         seeds/pipe.txt: error: not a regular file: a named pipe (FIFO)\n  \
         = help: an article is a .txt or .md file: replace this with one, or move it out of seeds/\n\
         error: 3 problems found; nothing was written\n"
    );
    assert_nothing_written(site.path());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_source_that_is_a_fifo_or_a_folder_is_an_error_not_a_hang() {
    let site = site_with(&[("a.txt", GOOD)]);
    mkfifo(&site.path().join("pipe.txt"));
    std::fs::create_dir(site.path().join("folder.txt")).unwrap();
    for (source, column) in [("pipe.txt", 11), ("folder.txt", 11)] {
        write(
            &site.path().join("content/x.yaml"),
            format!("article:\n  slug: x\n  title: T\n  source: {source}\nfacts: []\n").as_bytes(),
        );
        let stderr = fails(site.path(), &["check"], 1);
        assert!(
            stderr.starts_with(&format!(
                "content/x.yaml:4:{column}: error: source `{source}` is not a regular file\n"
            )),
            "{stderr}"
        );
    }
}

// Faults

/// A small deterministic generator, so a failing run can be repeated from its seed.
struct Random(u64);

impl Random {
    fn from_clock() -> Random {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        println!("random seed {seed}");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// The text of generated article `n`: a headline and a few paragraphs with numbers in them.
pub(crate) fn generated_article(n: usize) -> String {
    let mut text = format!(
        "{:02}/{:02} 2024 {n}\nCompany {n} reports quarter {n}\n",
        n % 12 + 1,
        n % 28 + 1
    );
    for paragraph in 0..6 {
        text.push_str(&format!(
            "Revenue of unit {paragraph} grew by {}% year-over-year to ${}.{} billion, and the \
             company said it now serves over {} million paying users in {} countries.\n",
            (n * 7 + paragraph) % 300,
            n % 9 + 1,
            paragraph,
            (n + paragraph) % 90 + 10,
            paragraph + 3
        ));
    }
    text
}

/// A site of `count` generated articles.
pub(crate) fn generated_site(count: usize) -> tempfile::TempDir {
    let site = site_with(&[]);
    for n in 0..count {
        write(
            &site.path().join(format!("seeds/{n:04}.txt")),
            generated_article(n).as_bytes(),
        );
    }
    site
}

/// Starts `factsheet ARGS` in `dir`, kills it with SIGKILL after `delay`, and reaps it.
fn kill_after(dir: &Path, args: &[&str], delay: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    std::thread::sleep(delay);
    // Kill sends SIGKILL on Unix; a process that finished already is reaped all the same.
    let _ = child.kill();
    child.wait().unwrap();
}

/// Names beside the output folder that a build uses for its work.
fn work_folders(parent: &Path) -> Vec<String> {
    names(parent)
        .into_iter()
        .filter(|n| n.starts_with(".public."))
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_whole() {
    let site = generated_site(300);
    let root = site.path();
    // Two states of the site, one article apart, each with its fact files extracted already:
    // a build must leave exactly one of their two sites in `public/`.
    write(
        &root.join("seeds/extra.txt"),
        generated_article(300).as_bytes(),
    );
    let started = Instant::now();
    run_ok(root, &["build", "--out", "with-extra"]);
    let full_build = started.elapsed();
    let with_extra = tree(&root.join("with-extra"));
    let extra_files: Vec<PathBuf> = [
        "seeds/extra.txt",
        "content/company-300-reports-quarter-300.yaml",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    let aside = tempfile::tempdir().unwrap();
    let toggle = |present: bool| {
        for (n, path) in extra_files.iter().enumerate() {
            let kept = aside.path().join(n.to_string());
            let (from, to) = if present {
                (&kept, path)
            } else {
                (path, &kept)
            };
            std::fs::rename(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        }
    };
    toggle(false);
    run_ok(root, &["build"]);
    let without_extra = tree(&root.join("public"));
    assert_ne!(with_extra, without_extra);

    let mut random = Random::from_clock();
    let window = full_build.as_millis() as u64 + 20;
    for round in 0..8 {
        let present = round % 2 == 0;
        toggle(present);
        // A build with the cache of the last one only rewrites what changed, file by file, each
        // atomically; the whole-site swap tested here is that of a cold build.
        let _ = std::fs::remove_dir_all(root.join(".factsheet-cache"));
        let delay = Duration::from_millis(random.below(window));
        kill_after(root, &["build"], delay);
        let public = tree(&root.join("public"));
        assert!(
            public == without_extra || public == with_extra,
            "round {round}: killed after {delay:?}, public/ is neither site ({} files)",
            public.len()
        );
    }
    // The last round left the extra article out. Whatever the kills left beside the site, the
    // next build cleans it up and succeeds.
    run_ok(root, &["build"]);
    assert_eq!(tree(&root.join("public")), without_extra);
    assert_eq!(work_folders(root), Vec::<String>::new());
}

#[test]
fn a_later_build_removes_the_work_folders_of_killed_builds() {
    let site = site_with(&[("a.txt", GOOD)]);
    let root = site.path();
    // A process id that is not running: the largest a Linux system can have, plus one.
    for stale in [".public.new-4194305", ".public.old-4194305"] {
        write(&root.join(stale).join("index.html"), b"half a site");
    }
    write(&root.join(".public.new-notapid/keep"), b"not ours");
    run_ok(root, &["build"]);
    assert_eq!(
        names(root),
        [
            ".factsheet-cache",
            ".public.new-notapid",
            "content",
            "public",
            "seeds"
        ]
    );
}

#[test]
fn an_extraction_killed_at_any_moment_leaves_each_fact_file_whole() {
    let reference = generated_site(300);
    run_ok(reference.path(), &["extract"]);
    let expected = tree(&reference.path().join("content"));
    let started = Instant::now();
    let site = generated_site(300);
    run_ok(site.path(), &["extract"]);
    let window = started.elapsed().as_millis() as u64;
    std::fs::remove_dir_all(site.path().join("content")).unwrap();

    let mut random = Random::from_clock();
    for round in 0..6 {
        let delay = Duration::from_millis(random.below(window));
        kill_after(site.path(), &["extract"], delay);
        if !site.path().join("content").exists() {
            continue; // killed before the first file
        }
        for (path, bytes) in tree(&site.path().join("content")) {
            if path.ends_with(".tmp") {
                continue;
            }
            assert_eq!(
                Some(&bytes),
                expected.get(&path),
                "round {round}: killed after {delay:?}, {path} is not whole"
            );
        }
    }
    run_ok(site.path(), &["extract"]);
    let mut after = tree(&site.path().join("content"));
    after.retain(|path, _| !path.ends_with(".tmp"));
    assert_eq!(after, expected);
}

#[test]
fn an_output_folder_under_a_file_is_an_error_that_writes_nothing() {
    let site = site_with(&[("a.txt", GOOD)]);
    write(&site.path().join("file"), b"a file, not a folder");
    let stderr = fails(site.path(), &["build", "--out", "file/public"], 2);
    assert_eq!(stderr, "error: file: File exists (os error 17)\n");
    assert_eq!(names(site.path()), ["content", "file", "seeds"]);
}

/// A small tmpfs mounted for the life of the value; unmounted on drop.
struct Mount(PathBuf);

impl Mount {
    /// A tmpfs of `size` at a new folder, or why there can be none here.
    fn tmpfs(size: &str) -> Result<(Mount, tempfile::TempDir), String> {
        let dir = tempfile::tempdir().unwrap();
        let point = dir.path().join("disk");
        std::fs::create_dir(&point).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .stderr(Stdio::null())
            .status();
        match status {
            Ok(status) if status.success() => Ok((Mount(point), dir)),
            Ok(status) => Err(format!("`mount -t tmpfs` failed ({status}): not root?")),
            Err(error) => Err(format!("no `mount` command: {error}")),
        }
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_output_folder_leaves_the_previous_site() {
    let (disk, _holder) = match Mount::tmpfs("16m") {
        Ok(mount) => mount,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let site = generated_site(3);
    let out = disk.0.join("public");
    let out_arg = out.to_str().unwrap();
    run_ok(site.path(), &["build", "--out", out_arg]);
    let before = tree(&out);

    // A bigger site on a disk with no room left.
    for n in 3..40 {
        write(
            &site.path().join(format!("seeds/{n:04}.txt")),
            generated_article(n).as_bytes(),
        );
    }
    let filler = disk.0.join("filler");
    let _ = std::fs::write(&filler, vec![b'x'; 32 * 1024 * 1024]);
    let stderr = fails(site.path(), &["build", "--out", out_arg], 2);
    // Which page meets the full disk first depends on the order pages finish in.
    assert!(
        stderr.starts_with(&format!("error: {}/", out.display()))
            && stderr.ends_with(": No space left on device (os error 28)\n"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before);
    assert_eq!(names(&disk.0), ["filler", "public"]);

    // Room again, but the folder is read-only.
    std::fs::remove_file(&filler).unwrap();
    disk.remount("ro");
    let stderr = fails(site.path(), &["build", "--out", out_arg], 2);
    assert_eq!(
        stderr,
        format!(
            "error: {}: Read-only file system (os error 30)\n",
            out.display()
        )
    );
    assert_eq!(tree(&out), before);
    disk.remount("rw");
    run_ok(site.path(), &["build", "--out", out_arg]);
    assert_ne!(tree(&out), before);
    assert_eq!(names(&disk.0), ["public"]);
}

// Determinism

#[test]
fn two_builds_of_the_same_articles_written_in_different_orders_give_the_same_bytes() {
    let articles: Vec<(String, String)> = (0..40)
        .map(|n| (format!("seeds/{n:02}.txt"), generated_article(n)))
        .chain([
            ("seeds/same-title.txt".to_string(), generated_article(5)),
            (
                "seeds/z/nested.md".to_string(),
                format!("---\ntitle: Nested\n---\n{}", generated_article(41)),
            ),
        ])
        .collect();
    let sites = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    // Files created in opposite orders sit in opposite orders in most directories' listings.
    for (site, reverse) in sites.iter().zip([false, true]) {
        let mut order: Vec<&(String, String)> = articles.iter().collect();
        if reverse {
            order.reverse();
        }
        for (path, text) in order {
            write(&site.path().join(path), text.as_bytes());
        }
        run_ok(site.path(), &["build"]);
    }
    for folder in ["content", "public"] {
        let [first, second] = &sites;
        assert_eq!(
            tree(&first.path().join(folder)),
            tree(&second.path().join(folder)),
            "{folder}/ differs"
        );
    }
}

// Fuzzing

/// Every file of `fuzz/corpus/TARGET/` and `fuzz/artifacts/TARGET/`: the inputs the fuzzers
/// kept, and any that once crashed.
fn fuzz_inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut inputs = Vec::new();
    for folder in ["corpus", "artifacts"] {
        let dir = repo().join("fuzz").join(folder).join(target);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            inputs.push((path, bytes));
        }
    }
    inputs
}

/// Runs every kept input of `target` through `check`: each must pass, but for the `known`
/// faults (file name, panic message), which must still fail exactly so.
fn replay(target: &str, check: fn(&[u8]), known: &[(&str, &str)]) {
    let inputs = fuzz_inputs(target);
    assert!(!inputs.is_empty(), "no corpus for {target}");
    for (path, bytes) in inputs {
        let name = path.file_name().unwrap().to_string_lossy();
        let failure = std::panic::catch_unwind(|| check(&bytes))
            .err()
            .map(|panic| match panic.downcast::<String>() {
                Ok(message) => *message,
                Err(panic) => panic
                    .downcast_ref::<&str>()
                    .map_or_else(String::new, |m| m.to_string()),
            });
        let expected = known
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, message)| message.to_string());
        assert_eq!(failure, expected, "{}", path.display());
    }
}

/// What merging one new fact into each hand edit the fuzzer once caught `merge` refusing
/// (`MergeError::Unsound`) gives now: the `facts:` line and what precedes the review comment
/// of the new fact (no byte of the file changed), or the place and message of the error a person can act on.
#[test]
fn the_hand_edits_merge_once_refused_now_merge_in_line_with_the_top_level_keys() {
    use factsheet::facts::merge::{MergeError, NEW_FACT_COMMENT, merge};
    use factsheet::facts::{Fact, Kind, raw};

    let mut fact = Fact::new(Kind::Count, "the service", "500,000");
    fact.id = "fresh".into();
    let outcome = |name: &str| {
        let bytes = std::fs::read(repo().join("fuzz/artifacts/merge").join(name)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let tree = raw::parse(&text).unwrap().unwrap();
        match merge(
            &text,
            &tree,
            std::slice::from_ref(&fact),
            &Default::default(),
        ) {
            Ok(merged) => {
                let (old, new) = (text.as_bytes(), merged.text.as_bytes());
                let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
                let suffix = old[prefix..]
                    .iter()
                    .rev()
                    .zip(new[prefix..].iter().rev())
                    .take_while(|(a, b)| a == b)
                    .count();
                assert_eq!(prefix + suffix, old.len(), "{name}: a byte was changed");
                let lines: Vec<&str> = merged.text.split_inclusive(['\n', '\r']).collect();
                let key = lines.iter().find(|line| line.trim() == "facts:");
                let comment = lines.iter().find_map(|line| {
                    line.split(NEW_FACT_COMMENT)
                        .nth(1)
                        .map(|_| line.split(NEW_FACT_COMMENT).next().unwrap())
                });
                Ok(format!(
                    "{}{}",
                    key.expect("a `facts:` line"),
                    comment.expect("the review comment")
                ))
            }
            Err(MergeError::NoPlace { offset, message }) => Err((offset, message)),
            Err(MergeError::Unsound(why)) => panic!("{name}: {why}"),
        }
    };
    let indented = |key_line: &str| Ok(key_line.to_string());
    assert_eq!(
        outcome("indented-top-level-without-facts"),
        indented("  facts:\n    ")
    );
    assert_eq!(
        outcome("crash-fbb8375c71c9514195cc2a0bedc62560d2fbc974"),
        indented("  facts:\n    ")
    );
    assert_eq!(
        outcome("top-level-key-in-column-2"),
        indented(" facts:\n   ")
    );
    assert_eq!(
        outcome("tagged-top-level-mapping"),
        indented(" facts:\n   ")
    );
    assert_eq!(
        outcome("tab-before-a-top-level-key"),
        Err((
            1,
            "the top-level keys are indented with a tab, so `facts:` cannot be added in line \
             with them; indent with spaces"
                .to_string()
        ))
    );
    // A NEL is a character of the `?` key's text (YAML 1.2), so `facts:` goes after its line.
    assert_eq!(
        outcome("nel-line-after-an-explicit-key"),
        indented("facts:\n  ")
    );
    // `facts:\r\r: :`: the list goes under `facts:`, its lines broken with `\r` as the file's.
    assert_eq!(outcome("bare-carriage-returns"), indented("facts:\r  "));
}

#[test]
fn every_article_the_fuzzer_kept_is_read_and_extracted() {
    replay("article", harness::article, &[]);
}

#[test]
fn every_fact_file_the_fuzzer_kept_is_loaded_and_validated() {
    replay("load", harness::load, &[]);
}

#[test]
fn every_hand_edit_the_fuzzer_kept_merges_soundly() {
    replay("merge", harness::merge, &[]);
}

#[test]
fn every_site_the_fuzzer_kept_renders_in_bounded_time() {
    replay("render", harness::render, &[]);
}

// Templates

#[test]
fn a_template_that_recurses_forever_stops_the_build_with_a_clear_error() {
    let site = site_with(&[("a.txt", GOOD)]);
    write(
        &site.path().join("templates/404.html"),
        b"{% component again(n) %}{{ <again n={n} /> }}{% endcomponent again %}{{ <again n={1} /> }}\n",
    );
    let stderr = fails(site.path(), &["build"], 1);
    assert_eq!(
        stderr,
        "templates/404.html: error: Maximum render recursion depth for components exceeded.\n\
         error: 1 problem found; nothing was written\n"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_template_loop_over_a_huge_range_stops_the_build_with_a_clear_error() {
    let site = site_with(&[("a.txt", GOOD)]);
    write(
        &site.path().join("templates/404.html"),
        b"{% for i in range(end=100000000000) %}{{ i }}{% endfor %}\n",
    );
    let stderr = fails(site.path(), &["build"], 1);
    assert!(
        stderr.starts_with(
            "templates/404.html:1:13: error: Function `range` would produce 100000000000 elements, which exceeds the limit of 100000\n"
        ),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_templates_does_not_hang_the_build() {
    let site = site_with(&[("a.txt", GOOD)]);
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::os::unix::fs::symlink("..", site.path().join("templates/loop")).unwrap();
    let stdout = run_ok(site.path(), &["build"]);
    assert!(stdout.contains("built 1 articles"), "{stdout}");
}

#[test]
fn one_thread_or_two_give_the_same_bytes() {
    let site = generated_site(40);
    for (threads, out) in [("1", "one"), ("2", "two")] {
        let output = Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(["build", "--out", out])
            .current_dir(site.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // The second build starts cold too, as the first did.
        std::fs::remove_dir_all(site.path().join(".factsheet-cache")).unwrap();
    }
    let (one, two) = (
        tree(&site.path().join("one")),
        tree(&site.path().join("two")),
    );
    assert!(one.len() > 40);
    assert_eq!(one, two);
}

#[test]
fn a_template_whose_loops_run_away_stops_the_build_with_a_clear_error() {
    let site = site_with(&[("a.txt", GOOD)]);
    write(
        &site.path().join("templates/404.html"),
        b"{% for i in range(end=100000) %}{% for j in range(end=100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}\n",
    );
    let stderr = fails(site.path(), &["build"], 1);
    assert_eq!(
        stderr,
        "templates/404.html: error: the page grew past 256 MiB; rendering was stopped\n  \
         = help: a loop in the template (or in one it includes) runs far longer than any page needs\n\
         error: 1 problem found; nothing was written\n"
    );
    assert!(!site.path().join("public").exists());
}
