//! The commands end to end on copies of the repository's own site.

use crate::support::*;

#[test]
fn build_extracts_the_seed_and_renders_a_site_with_working_links() {
    let site = copy_of_repo(false);
    let stdout = factsheet_ok(site.path(), &["build"]);
    assert!(stdout.contains("built 1 articles"), "{stdout}");

    let mut content = tree(&site.path().join("content"));
    content.retain(|path, _| path.ends_with(".yaml"));
    assert_eq!(
        content.len(),
        1,
        "one fact file for the one seed: {:?}",
        content.keys()
    );
    let yaml = String::from_utf8(content.values().next().unwrap().clone()).unwrap();
    assert!(
        yaml.contains("source: seeds/000_d4d941a4b011dfac.txt"),
        "{yaml}"
    );

    let public = site.path().join("public");
    assert!(public.join("index.html").exists());
    let broken = broken_links(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn extracting_twice_gives_the_same_bytes() {
    let first = copy_of_repo(false);
    let second = copy_of_repo(false);
    factsheet_ok(first.path(), &["extract"]);
    factsheet_ok(second.path(), &["extract"]);
    assert_eq!(
        tree(&first.path().join("content")),
        tree(&second.path().join("content"))
    );
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let site = copy_of_repo(true);
    factsheet_ok(site.path(), &["build", "--out", "one"]);
    factsheet_ok(site.path(), &["build", "--out", "two"]);
    assert_eq!(
        tree(&site.path().join("one")),
        tree(&site.path().join("two"))
    );
}

#[test]
fn the_committed_content_is_valid() {
    let site = copy_of_repo(true);
    let stdout = factsheet_ok(site.path(), &["check"]);
    assert!(stdout.contains("no problems found"), "{stdout}");
}

#[test]
fn a_new_site_from_init_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("facts");
    factsheet_ok(dir.path(), &["init", "facts"]);
    assert!(site.join("config.toml").exists());
    assert!(site.join("schema/factsheet.schema.json").exists());
    factsheet_ok(&site, &["build"]);
    assert!(site.join("public/index.html").exists());
    assert!(broken_links(&site.join("public")).is_empty());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let output = factsheet(dir.path(), &["init", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the folder is not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn invalid_content_fails_the_build_and_leaves_the_previous_site() {
    let site = copy_of_repo(false);
    factsheet_ok(site.path(), &["build"]);
    let before = tree(&site.path().join("public"));
    let content = site.path().join("content");
    let file = std::fs::read_dir(&content)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        yaml.replacen(
            "facts:",
            "facts:\n  - id: broken\n    kind: growth\n    vlaue: 3",
            1,
        ),
    )
    .unwrap();

    let output = factsheet(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(stderr.contains(&format!("content/{name}:")), "{stderr}");
    assert_eq!(tree(&site.path().join("public")), before);
}

#[test]
fn a_fact_extracted_with_low_confidence_is_marked_to_check_until_a_person_removes_the_mark() {
    let site = crate::robust::site_with(&[("a.txt", crate::robust::GOOD)]);
    factsheet_ok(site.path(), &["extract"]);
    let file = site.path().join("content/cloud-revenue-rises.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    // Whatever extraction thought of this one, make it unsure.
    let kept: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.trim_start().starts_with("confidence:"))
        .collect();
    let checked = format!("{}\n", kept.join("\n"));
    let span_line = kept
        .iter()
        .find(|l| l.trim_start().starts_with("span:"))
        .unwrap();
    let unsure = checked.replacen(span_line, &format!("{span_line}\n    confidence: 0.4"), 1);
    std::fs::write(&file, &unsure).unwrap();
    factsheet_ok(site.path(), &["build"]);
    let page = |site: &std::path::Path| {
        std::fs::read_to_string(site.join("public/articles/cloud-revenue-rises/index.html"))
            .unwrap()
    };
    assert!(page(site.path()).contains(">to check</span>"));

    // Checked: the person deletes the line, and the mark goes.
    std::fs::write(&file, &checked).unwrap();
    factsheet_ok(site.path(), &["build"]);
    assert!(!page(site.path()).contains(">to check</span>"));
}

#[test]
fn a_build_without_base_url_warns_that_the_feed_links_are_relative() {
    let site = copy_of_repo(true);
    let output = factsheet(site.path(), &["build"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("config.toml:5:1: warning: `base_url` is empty"),
        "{stderr}"
    );
    let config = site.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let published = text.replace(
        "base_url = \"\"",
        "base_url = \"https://example.org/facts/\"",
    );
    std::fs::write(&config, published).unwrap();
    let output = factsheet(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("base_url"), "{stderr}");
}

#[test]
fn review_lists_accepts_and_walks_through_the_facts_to_check() {
    let site = copy_of_repo(true);
    let yaml = std::fs::read_dir(site.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "yaml"))
        .unwrap();
    let text = std::fs::read_to_string(&yaml).unwrap();
    // Two facts marked to check, as extraction marks them.
    let marked: String = text
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with("    span: ") {
                format!(
                    "{line}    confidence: 0.5  # below the review threshold: check this fact\n"
                )
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(&yaml, &marked).unwrap();
    let listed = factsheet_ok(site.path(), &["review", "--list"]);
    let count = marked.matches("confidence: 0.5").count();
    assert!(
        listed.ends_with(&format!("{count} facts to check\n")),
        "{listed}"
    );
    let first_id = marked
        .split("  - id: ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap();
    let accepted = factsheet_ok(site.path(), &["review", "--accept", first_id]);
    assert!(
        accepted.contains(&format!("accepted `{first_id}`")),
        "{accepted}"
    );
    // A scripted session: delete the next, quit.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["review"])
        .current_dir(site.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(b"d\nq\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "0 accepted, 0 edits, 1 deleted, 0 skipped; {} still to check",
            count - 2
        )),
        "{stdout}"
    );
    let after = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(
        after.matches("  - id: ").count(),
        marked.matches("  - id: ").count() - 1
    );
    let checked = factsheet_ok(site.path(), &["check"]);
    assert!(checked.contains("no problems found"), "{checked}");
}

#[test]
fn reviewed_facts_are_marked_and_a_site_can_publish_only_them() {
    let article: &[u8] = b"09/24 2024 1\nCloud revenue rises\nCloud revenue grew by 12% in 2024. \
        The service has 40 million users. Prices fell 30% for storage.\n";
    let site = crate::robust::site_with(&[("a.txt", article)]);
    factsheet_ok(site.path(), &["extract"]);
    let file = site.path().join("content/cloud-revenue-rises.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let ids: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .collect();
    assert!(ids.len() >= 2, "{yaml}");
    let listed = factsheet_ok(site.path(), &["review", "--all", "--list"]);
    assert!(
        listed.ends_with(&format!("{} facts unreviewed\n", ids.len())),
        "{listed}"
    );
    factsheet_ok(site.path(), &["review", "--accept", ids[0]]);
    let accepted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(accepted.matches("reviewed: true").count(), 1, "{accepted}");

    factsheet_ok(site.path(), &["build"]);
    let public = site.path().join("public");
    let page =
        std::fs::read_to_string(public.join("articles/cloud-revenue-rises/index.html")).unwrap();
    assert!(page.contains(">reviewed</span>"), "{page}");
    assert!(page.contains(&format!("1 of {} facts have been checked", ids.len())));
    let csv =
        std::fs::read_to_string(public.join("articles/cloud-revenue-rises/facts.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains(",reviewed,"));
    assert_eq!(csv.matches(",true,").count(), 1, "{csv}");

    // Published with only what a person checked: the others appear nowhere.
    let config = site.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    std::fs::write(&config, format!("{text}\nhide_unreviewed = true\n")).unwrap();
    factsheet_ok(site.path(), &["build"]);
    let csv =
        std::fs::read_to_string(public.join("articles/cloud-revenue-rises/facts.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    let json =
        std::fs::read_to_string(public.join("articles/cloud-revenue-rises/facts.json")).unwrap();
    for id in &ids[1..] {
        assert!(!json.contains(&format!("\"{id}\"")), "{id} in {json}");
    }
    let folder = public.join("articles/cloud-revenue-rises");
    assert!(!folder.join("facts.yaml").exists());
    let page = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(!page.contains("facts.yaml"));
    assert!(page.contains("Every fact on this sheet has been checked"));
}

#[test]
fn markdown_quotes_are_plain_text_and_their_spans_index_the_file() {
    let article: &[u8] = b"---\ntitle: Tile sales climb\ndate: 2025-03-02\n---\n\n\
        **Brightwater Tiles** said its sales grew by 14% in 2024, helped by\n\
        [new showrooms](https://example.org/showrooms).\n";
    let site = crate::robust::site_with(&[("tiles.md", article)]);
    factsheet_ok(site.path(), &["extract"]);
    let file = site.path().join("content/tile-sales-climb.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let plain = "Brightwater Tiles said its sales grew by 14% in 2024, helped by new showrooms.";
    let text = std::str::from_utf8(article).unwrap();
    let start = text.find("**Brightwater").unwrap();
    let end = text.find("showrooms).").unwrap() + "showrooms).".len();
    assert!(yaml.contains(&format!("span: [{start}, {end}]")), "{yaml}");
    assert!(factsheet_ok(site.path(), &["check"]).contains("no problems found"));

    // A span that no longer fits is found again from the plain quote.
    std::fs::write(
        &file,
        yaml.replace(&format!("span: [{start}, {end}]"), "span: [0, 5]"),
    )
    .unwrap();
    factsheet_ok(site.path(), &["check", "--fix"]);
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(
        fixed.contains(&format!("span: [{start}, {end}]")),
        "{fixed}"
    );

    factsheet_ok(site.path(), &["build"]);
    let public = site.path().join("public");
    let csv = std::fs::read_to_string(public.join("kinds/growth/facts.csv")).unwrap();
    let json =
        std::fs::read_to_string(public.join("articles/tile-sales-climb/facts.json")).unwrap();
    for download in [&csv, &json] {
        assert!(download.contains(plain), "{download}");
        assert!(!download.contains("**"), "{download}");
    }
}

#[test]
fn a_kind_that_is_neither_built_in_nor_declared_is_an_error() {
    let article: &[u8] = b"09/24 2024 1\nCloud revenue rises\nCloud revenue grew by 12% in 2024.\n";
    let site = crate::robust::site_with(&[("a.txt", article)]);
    factsheet_ok(site.path(), &["extract"]);
    let file = site.path().join("content/cloud-revenue-rises.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, yaml.replacen("kind: growth", "kind: grwoth", 1)).unwrap();

    let output = factsheet(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown kind `grwoth`"), "{stderr}");
    assert!(stderr.contains("did you mean `growth`?"), "{stderr}");
    assert!(
        stderr.contains("content/cloud-revenue-rises.yaml:"),
        "{stderr}"
    );
    let output = factsheet(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!site.path().join("public/kinds/grwoth").exists());

    // Declared in extract.toml, the word is a kind of the site's own, with a page of its own.
    std::fs::write(
        site.path().join("extract.toml"),
        "[[kind]]\nname = \"grwoth\"\n",
    )
    .unwrap();
    factsheet_ok(site.path(), &["check"]);
    factsheet_ok(site.path(), &["build"]);
    assert!(site.path().join("public/kinds/grwoth/index.html").exists());
}

#[test]
fn two_articles_that_disagree_are_reported_by_check_and_shown_on_both_sheets() {
    let first: &[u8] = b"2025-03-02\nNimbus Cloud closes its year\n\
        Nimbus Cloud reported revenue of $3.2 billion for 2024, helped by storage sales.\n";
    let second: &[u8] = b"2025-03-09\nA second look at Nimbus Cloud\n\
        Nimbus Cloud reported revenue of $4.1 billion for 2024, the filing shows.\n";
    let site = crate::robust::site_with(&[("a.txt", first), ("b.txt", second)]);
    factsheet_ok(site.path(), &["extract"]);

    // check names both places, and still passes: a conflict is for a person to settle.
    let output = factsheet(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "content/nimbus-cloud-closes-its-year.yaml:12:12: warning: `Nimbus Cloud` revenue in \
             2024 is \"$3.2 billion\" here, but \"$4.1 billion\" in \
             content/a-second-look-at-nimbus-cloud.yaml:12:12"
        ),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("2 conflicting figures"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    factsheet_ok(site.path(), &["build"]);
    let public = site.path().join("public");
    let anchor = "conflicts/index.html#conflict-nimbus-cloud-revenue-2024";
    for (slug, other) in [
        ("nimbus-cloud-closes-its-year", "$4.1 billion"),
        ("a-second-look-at-nimbus-cloud", "$3.2 billion"),
    ] {
        let sheet =
            std::fs::read_to_string(public.join(format!("articles/{slug}/index.html"))).unwrap();
        assert!(sheet.contains("Other articles disagree"), "{slug}");
        assert!(sheet.contains(other), "{slug} does not show {other}");
        // The fact's row is marked, linking to the sheet's list of its conflicts, which links
        // the conflict.
        assert!(
            sheet.contains(r##"class="conflict" href="#conflicts-heading""##),
            "{slug}"
        );
        assert_eq!(
            sheet.matches(&format!("../../{anchor}")).count(),
            1,
            "{slug}"
        );
    }
    let page = std::fs::read_to_string(public.join("conflicts/index.html")).unwrap();
    assert!(page.contains("id=\"conflict-nimbus-cloud-revenue-2024\""));
    assert!(page.contains("$3.2 billion") && page.contains("$4.1 billion"));
    assert!(page.contains("1 conflict<"), "{page}");

    // Once one figure is corrected, nothing conflicts.
    let file = site
        .path()
        .join("content/a-second-look-at-nimbus-cloud.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        yaml.replace("value: 4100000000", "value: 3200000000"),
    )
    .unwrap();
    let output = factsheet(site.path(), &["check"]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("revenue in 2024"));
    factsheet_ok(site.path(), &["build"]);
    let sheet =
        std::fs::read_to_string(public.join("articles/nimbus-cloud-closes-its-year/index.html"))
            .unwrap();
    assert!(!sheet.contains("Other articles disagree"));
}
