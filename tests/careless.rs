//! A careless or hostile user: an output folder that holds other work, fact files that are
//! links, numbers too large to be numbers, leftovers of killed runs, a byte-order mark, escape
//! sequences in names, links out of the site, and a client that floods the server. Each test is
//! a reproducer of a way factsheet once lost data or crashed.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;

use crate::robust::{GOOD, fails, names, run, run_ok, run_within, site_with, write};
use crate::support::*;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// --out

#[test]
fn a_folder_of_other_work_is_refused_as_output_unless_forced() {
    let site = site_with(&[("a.txt", GOOD)]);
    write(&site.path().join("docs/thesis.txt"), b"precious\n");
    assert_eq!(
        fails(site.path(), &["build", "--out", "docs"], 1),
        "docs: error: the output folder holds files factsheet did not write (such as `thesis.txt`): a build replaces everything in it\n  \
         = help: choose an empty or new folder, or pass --force to replace what docs holds\n\
         error: 1 problem found; nothing was written\n"
    );
    assert_eq!(read(&site.path().join("docs/thesis.txt")), "precious\n");
    assert_eq!(names(&site.path().join("docs")), ["thesis.txt"]);

    // Asked for in so many words, the folder becomes the site's, marked as such.
    run_ok(site.path(), &["build", "--out", "docs", "--force"]);
    assert!(site.path().join("docs/index.html").is_file());
    assert!(site.path().join("docs/.factsheet-output").is_file());
    // From then on it is factsheet's own: no --force needed.
    run_ok(site.path(), &["build", "--out", "docs"]);
}

#[test]
fn the_root_and_the_input_folders_are_never_an_output_forced_or_not() {
    let site = site_with(&[("a.txt", GOOD)]);
    run_ok(site.path(), &["extract"]);
    let before = tree(site.path());
    for (out, why) in [
        (
            ".",
            "is the site's root: a build would replace the whole site",
        ),
        (
            "..",
            "contains the site's root: a build would replace the whole site",
        ),
        (
            "seeds",
            "is the site's seeds/: a build would delete what it reads",
        ),
        (
            "seeds/x",
            "lies inside the site's seeds/: a build would delete what it reads",
        ),
        (
            "content",
            "is the site's content/: a build would delete what it reads",
        ),
    ] {
        for force in [false, true] {
            let mut args = vec!["build", "--out", out];
            if force {
                args.push("--force");
            }
            let stderr = fails(site.path(), &args, 1);
            assert!(
                stderr.starts_with(&format!("{out}: error: the output folder {why}\n")),
                "{stderr}"
            );
        }
    }
    // `--root x --out x`, from the folder above.
    let parent = site.path().parent().unwrap();
    let name = site.path().file_name().unwrap().to_str().unwrap();
    let stderr = fails(parent, &["build", "--root", name, "--out", name], 1);
    assert!(
        stderr.contains("error: the output folder is the site's root"),
        "{stderr}"
    );
    assert_eq!(tree(site.path()), before);
}

/// A folder tree that a person may have anywhere an output folder could point.
fn other_work() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = "[a-z]{1,6}(\\.[a-z]{1,3})?";
    let path = prop::collection::vec(name, 1..3).prop_map(|parts| parts.join("/"));
    prop::collection::vec((path, prop::collection::vec(any::<u8>(), 0..32)), 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever a folder holds and wherever `--out` points, a build without `--force` deletes
    /// or changes no file it did not write.
    #[test]
    fn a_build_never_deletes_a_file_it_did_not_write(
        files in other_work(),
        out in prop::sample::select(vec!["public", "out", "seeds", "seeds/sub", "content", ".", "docs/site"]),
    ) {
        let site = site_with(&[("a.txt", GOOD)]);
        for (path, bytes) in &files {
            let full = site.path().join(out).join(path);
            // Two generated paths may make one a file and the other a folder of the same name.
            if full.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok()) && !full.is_dir() {
                let _ = std::fs::write(&full, bytes);
            }
        }
        let before = tree(site.path());
        let output = run(site.path(), &["build", "--out", out]);
        let after = tree(site.path());
        for (path, bytes) in &before {
            prop_assert_eq!(after.get(path), Some(bytes), "{} after build --out {}: {:?}", path, out, output);
        }
    }
}

// Fact files that are links

#[cfg(unix)]
#[test]
fn a_fact_file_that_is_a_link_is_read_and_written_through_never_replaced() {
    let site = site_with(&[("a.txt", GOOD)]);
    let root = site.path();
    run_ok(root, &["extract"]);
    let kept = root.join("kept");
    std::fs::create_dir(&kept).unwrap();
    let link = root.join("content/cloud-revenue-rises.yaml");
    let target = kept.join("facts.yaml");
    std::fs::rename(&link, &target).unwrap();
    std::os::unix::fs::symlink("../kept/facts.yaml", &link).unwrap();
    // A hand edit in the file the link points to.
    let edited = read(&target).replace("title: \"Cloud revenue rises\"", "title: Edited by hand");
    std::fs::write(&target, &edited).unwrap();

    assert_eq!(
        run_ok(root, &["check"]),
        "1 articles, 1 facts: no problems found\n"
    );
    // A new sentence: extraction adds its fact to the linked file, in place.
    let article = format!(
        "{}Storage sales fell 4% in 2024.\n",
        String::from_utf8_lossy(GOOD)
    );
    write(&root.join("seeds/a.txt"), article.as_bytes());
    run_ok(root, &["build"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let now = read(&target);
    assert!(now.contains("title: Edited by hand"), "{now}");
    assert!(now.contains("Storage sales fell 4% in 2024."), "{now}");
    let page = read(&root.join("public/index.html"));
    assert!(page.contains("Edited by hand"));

    // A link to nothing is an error that names it, and nothing replaces it.
    std::fs::remove_file(&target).unwrap();
    let stderr = fails(root, &["build"], 2);
    assert!(
        stderr.contains("cloud-revenue-rises.yaml") && stderr.contains("No such file"),
        "{stderr}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// Numbers

#[test]
fn a_number_too_large_to_be_finite_is_refused_where_it_is_written() {
    let site = site_with(&[("a.txt", GOOD)]);
    run_ok(site.path(), &["extract"]);
    let file = site.path().join("content/cloud-revenue-rises.yaml");
    let text = read(&file);
    let huge = format!("1{}", "0".repeat(309));
    let at = text.find("value: 12").unwrap();
    std::fs::write(
        &file,
        text.replacen("value: 12", &format!("value: {huge}"), 1),
    )
    .unwrap();
    let line = text[..at].matches('\n').count() + 1;
    for command in ["check", "build"] {
        let stderr = fails(site.path(), &[command], 1);
        assert!(
            stderr.starts_with(&format!(
                "content/cloud-revenue-rises.yaml:{line}:12: error: `value` has 310 digits: too large to be a number\n"
            )),
            "{stderr}"
        );
    }
}

// Leftovers

#[test]
fn temporary_files_of_killed_runs_are_removed_by_the_next_command() {
    let site = site_with(&[("a.txt", GOOD)]);
    run_ok(site.path(), &["build"]);
    // No process has this id (Linux allows at most 2^22).
    let dead = 4_999_999;
    let leftovers = [
        format!("content/.cloud-revenue-rises.yaml.{dead}.tmp"),
        format!("content/.extracted/.cloud-revenue-rises.txt.{dead}.Ab12Cd.tmp"),
        format!("public/.index.html.{dead}.Zz09Yy.tmp"),
    ];
    for path in &leftovers {
        write(&site.path().join(path), b"truncated");
    }
    // What is not factsheet's, or belongs to a running process, stays.
    let mine = format!("content/.notes.yaml.{}.tmp", std::process::id());
    for path in ["content/.notes.tmp", "content/keep.tmp", mine.as_str()] {
        write(&site.path().join(path), b"someone's");
    }
    run_ok(site.path(), &["check"]);
    for path in &leftovers {
        assert!(!site.path().join(path).exists(), "{path} is still there");
    }
    for path in ["content/.notes.tmp", "content/keep.tmp", mine.as_str()] {
        assert!(site.path().join(path).exists(), "{path} was removed");
    }
}

// Articles

#[test]
fn a_byte_order_mark_does_not_hide_the_date_line_or_the_front_matter() {
    let site = site_with(&[
        (
            "a.txt",
            "\u{feff}09/24 2024 1\nCloud revenue rises\nCloud revenue grew by 12% in 2024.\n"
                .as_bytes(),
        ),
        (
            "b.md",
            "\u{feff}---\ntitle: Storage slows\ndate: 2024-10-01\n---\n\nStorage sales fell 4% in 2024.\n"
                .as_bytes(),
        ),
    ]);
    run_ok(site.path(), &["extract"]);
    let a = read(&site.path().join("content/cloud-revenue-rises.yaml"));
    assert!(a.contains("  date: 2024-09-24\n"), "{a}");
    let b = read(&site.path().join("content/storage-slows.yaml"));
    assert!(
        b.contains("  title: \"Storage slows\"\n") && b.contains("  date: 2024-10-01\n"),
        "{b}"
    );
    // Spans stay offsets of the file, mark included.
    let article = std::fs::read(site.path().join("seeds/a.txt")).unwrap();
    let start = 3 + "09/24 2024 1\nCloud revenue rises\n".len();
    assert!(a.contains(&format!("span: [{start}, ")), "{a}");
    assert!(article[start..].starts_with(b"Cloud revenue grew"));
}

#[test]
fn escape_sequences_in_names_and_titles_never_reach_the_terminal_or_the_pages() {
    let site = site_with(&[
        ("evil\x1b]0;owned\x07.txt", b"09/24 2024 1\n   \n"),
        (
            "title.txt",
            b"09/24 2024 1\nCloud \x1b[2Jrevenue rises\nCloud revenue grew by 12% in 2024.\n",
        ),
    ]);
    let stderr = fails(site.path(), &["build"], 1);
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07'),
        "{stderr:?}"
    );
    assert!(
        stderr.starts_with("seeds/evil\\u{1b}]0;owned\\u{7}.txt: error: the article is empty\n"),
        "{stderr}"
    );
    std::fs::remove_file(site.path().join("seeds/evil\x1b]0;owned\x07.txt")).unwrap();
    run_ok(site.path(), &["build"]);
    for (path, bytes) in tree(&site.path().join("public"))
        .into_iter()
        .chain(tree(&site.path().join("content")))
    {
        assert!(!bytes.contains(&0x1b), "{path} holds an escape byte");
    }
}

#[cfg(unix)]
#[test]
fn a_link_in_seeds_to_a_file_outside_the_site_is_refused_unless_allowed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(
        &secret,
        "09/24 2024 1\nPrivate notes\nPayroll grew by 3% in 2024.\n",
    )
    .unwrap();
    let site = site_with(&[("a.txt", GOOD)]);
    std::os::unix::fs::symlink(&secret, site.path().join("seeds/notes.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("seeds/folder")).unwrap();
    let real = secret.canonicalize().unwrap();
    let folder = outside.path().canonicalize().unwrap();
    assert_eq!(
        fails(site.path(), &["build"], 1),
        format!(
            "seeds/folder: error: a link to `{}`, outside the site\n  \
             = help: copy the article into seeds/, or set `links_outside_site = true` in config.toml to publish what links point to\n\
             seeds/notes.txt: error: a link to `{}`, outside the site\n  \
             = help: copy the article into seeds/, or set `links_outside_site = true` in config.toml to publish what links point to\n\
             error: 2 problems found; nothing was written\n",
            folder.display(),
            real.display()
        )
    );
    assert!(!site.path().join("public").exists());
    // A link inside the site is fine.
    write(&site.path().join("drafts/b.txt"), GOOD);
    std::fs::remove_file(site.path().join("seeds/notes.txt")).unwrap();
    std::fs::remove_file(site.path().join("seeds/folder")).unwrap();
    std::os::unix::fs::symlink("../drafts/b.txt", site.path().join("seeds/b.txt")).unwrap();
    run_ok(site.path(), &["build"]);
    // And one outside, when the site says so.
    std::os::unix::fs::symlink(&secret, site.path().join("seeds/notes.txt")).unwrap();
    write(
        &site.path().join("config.toml"),
        b"links_outside_site = true\n",
    );
    run_ok(site.path(), &["build"]);
    assert!(read(&site.path().join("public/index.html")).contains("Private notes"));
}

#[test]
fn extract_refuses_a_fact_file_larger_than_check_and_build_accept() {
    // Long sentences of one figure each: about 4 KB of quote a fact.
    let filler = "the unit said in a statement on its results ".repeat(80);
    let mut article = String::from("09/24 2024 1\nA long report\n");
    for n in 0..5000 {
        article.push_str(&format!(
            "Cloud revenue grew by {}% in 2024, {filler}.\n",
            n % 90 + 1
        ));
    }
    let site = site_with(&[("a.txt", article.as_bytes())]);
    // 5,000 sentences through the tagger and parser: 25-40 s in a debug build on a quiet
    // machine, more than the minute of `run` beside the other tests of a full run.
    let output = run_within(site.path(), &["extract"], Duration::from_secs(300));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "content/a-long-report.yaml: error: the facts extracted would make a fact file of "
        ) && stderr.contains(" MiB; a fact file is at most 16 MiB\n"),
        "{stderr}"
    );
    assert!(!site.path().join("content").exists());
}

// serve

#[test]
fn a_flood_of_request_headers_is_cut_off_with_431() {
    let site = site_with(&[("a.txt", GOOD)]);
    let (mut child, address, _) = serve(site.path(), &[]);
    let status = |request: &[u8]| {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        // The server may close before all is sent; what it answered is what counts.
        let _ = stream.write_all(request);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response[..12.min(response.len())]).into_owned()
    };
    let long = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Flood: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    assert_eq!(status(long.as_bytes()), "HTTP/1.1 431");
    let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(500));
    assert_eq!(status(many.as_bytes()), "HTTP/1.1 431");
    assert_eq!(
        status(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        "HTTP/1.1 200"
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn serving_beyond_loopback_says_who_can_read_the_preview() {
    let site = site_with(&[("a.txt", GOOD)]);
    let (mut child, _, printed) = serve(site.path(), &["--bind", "0.0.0.0"]);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        printed.iter().any(|l| l
            == "warning: listening on 0.0.0.0, not on loopback: anyone who can reach this machine can read the preview"),
        "{printed:?}"
    );
    let (mut child, _, printed) = serve(site.path(), &[]);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !printed.iter().any(|l| l.starts_with("warning")),
        "{printed:?}"
    );
}
