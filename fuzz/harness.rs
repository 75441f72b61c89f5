//! What each fuzz target checks, shared with the regression tests (`tests/robust.rs` runs every
//! file of `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` through the same function), so
//! an input that once crashed stays a test in the normal suite without needing nightly.
//!
//! Each function takes raw bytes and panics only when factsheet misbehaves: a panic inside the
//! library, or an answer that breaks a promise of FACTS.md.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Component, Path};
use std::time::{Duration, Instant};

use factsheet::diagnostic::Diagnostic;
use factsheet::facts::load::load as load_yaml;
use factsheet::facts::merge::{MergeError, merge as merge_facts};
use factsheet::facts::{Fact, Kind, Number, Qualifier, Unit, raw, validate};
use factsheet::site::{Sheet, Site, Theme};
use factsheet::source::Article;

/// The article reader and the extractor. The first byte picks the format (odd: Markdown); the
/// rest is the file. Every fact's `span` must select its `quote` in the file.
pub fn article(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let source = if first & 1 == 1 {
        "seeds/fuzz.md"
    } else {
        "seeds/fuzz.txt"
    };
    let Ok(article) = Article::from_bytes(source, bytes.to_vec()) else {
        return;
    };
    assert!(article.body <= article.text.len());
    assert!(!article.slug.is_empty(), "an article without a slug");
    assert!(
        factsheet::facts::load::is_slug(&article.slug),
        "slug {:?} is not a slug",
        article.slug
    );
    for fact in factsheet::extract::extract(&article) {
        let [start, end] = fact.span;
        assert!(
            start <= end && end <= article.text.len(),
            "span {:?} outside the article of {} bytes",
            fact.span,
            article.text.len()
        );
        assert_eq!(
            article.text.get(start..end),
            Some(fact.quote.as_str()),
            "span {:?} does not select the quote",
            fact.span
        );
    }
}

/// The loader and the validator. The text before the first NUL byte is the fact file, the rest
/// (if any) is its article. Every problem must be located inside the text.
pub fn load(data: &[u8]) {
    let (yaml, article) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Ok(yaml) = std::str::from_utf8(yaml) else {
        return;
    };
    let article = article.and_then(|a| std::str::from_utf8(a).ok());
    let path = Path::new("content/fuzz.yaml");
    let loaded = load_yaml(path, yaml);
    let mut problems = loaded.problems.clone();
    problems.extend(validate::validate(path, yaml, &loaded, article));
    let twin = Path::new("content/twin.yaml");
    problems.extend(validate::validate_site(&[
        validate::Identity::of(path, yaml, &loaded),
        validate::Identity::of(twin, yaml, &loaded),
    ]));
    let lines = yaml.split('\n').count();
    for problem in &problems {
        assert_located(problem, lines);
    }
    if loaded.sheet().is_some() {
        // A file without problems of syntax or type is one the site can be built from.
        assert!(loaded.yaml);
    }
}

fn assert_located(problem: &Diagnostic, lines: usize) {
    assert!(!problem.message.is_empty(), "a problem without a message");
    assert!(
        problem.line <= lines,
        "{problem:?} is past the last line ({lines})"
    );
    assert!(
        problem.line > 0 || problem.column == 0,
        "{problem:?} has a column but no line"
    );
}

/// The longest rendering one fuzzed site may take: a one-article site renders in milliseconds.
pub const RENDER_BOUND: Duration = Duration::from_secs(5);

/// The renderer over a site a build would render. The input is a fact file, a NUL byte, its
/// article, and optionally another NUL byte and the site's `config.toml` (an article holds no
/// NUL). When the three are what a build accepts (no error loading or validating the file
/// against its article, a config that parses), the site of that one sheet must render with
/// the built-in theme without an error, a panic or taking longer than [`RENDER_BOUND`], into
/// files whose paths stay inside the output folder.
pub fn render(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (Some(yaml), Some(article)) = (parts.next(), parts.next()) else {
        return;
    };
    let config = parts.next();
    let Ok(yaml) = std::str::from_utf8(yaml) else {
        return;
    };
    let config = match config.map(std::str::from_utf8) {
        None => factsheet::config::Config::default(),
        Some(Err(_)) => return,
        Some(Ok(text)) => match factsheet::config::Config::parse(Path::new("config.toml"), text) {
            Ok(config) => config,
            Err(_) => return,
        },
    };
    let path = Path::new("content/fuzz.yaml");
    let loaded = load_yaml(path, yaml);
    if !loaded.yaml || loaded.problems.iter().any(Diagnostic::is_error) {
        return;
    }
    // The article as a build reads it: `source` names a file inside the site.
    let source = loaded.sheet.article.source.clone();
    let relative = Path::new(&source);
    let inside = !relative.is_absolute()
        && relative.components().next().is_some()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !inside || source.contains('\0') {
        return;
    }
    let Ok(article) = Article::from_bytes(&source, article.to_vec()) else {
        return;
    };
    let mut problems = validate::validate(path, yaml, &loaded, Some(&article.text));
    problems.extend(validate::validate_site(&[validate::Identity::of(
        path, yaml, &loaded,
    )]));
    if problems.iter().any(Diagnostic::is_error) {
        return;
    }
    let site = Site::new(
        config,
        vec![Sheet::new(loaded.sheet.clone(), article, yaml.to_string())],
    );
    let started = Instant::now();
    let outputs = factsheet::site::render(&site, &Theme::default())
        .unwrap_or_else(|e| panic!("a valid site does not render: {e}: {e:?}"));
    let elapsed = started.elapsed();
    assert!(
        elapsed <= RENDER_BOUND,
        "rendering took {elapsed:?}, more than {RENDER_BOUND:?}"
    );
    assert!(
        outputs.iter().any(|o| o.path == "index.html"),
        "no index.html"
    );
    for output in &outputs {
        let inside = !output.path.is_empty()
            && Path::new(&output.path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        assert!(inside, "output path {:?} leaves the site", output.path);
    }
}

/// Re-extraction merged into a hand-edited file: the input is the file. The merge must not
/// panic nor call its own result unsound, and merging the same facts again changes nothing.
pub fn merge(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(Some(tree)) = raw::parse(text) else {
        return;
    };
    let extracted = extracted_facts(text);
    let known: BTreeSet<String> = ["deleted-by-hand".to_string()].into();
    let merged = match merge_facts(text, &tree, &extracted, &known) {
        Ok(merged) => merged,
        Err(MergeError::NoPlace { offset, .. }) => {
            assert!(offset <= text.len());
            return;
        }
        Err(MergeError::Unsound(why)) => panic!("unsound merge: {why}"),
    };
    let again_tree = raw::parse(&merged.text)
        .expect("the merged text is YAML")
        .expect("the merged text has a document");
    let again = merge_facts(&merged.text, &again_tree, &extracted, &known)
        .unwrap_or_else(|e| panic!("a second merge failed: {e:?}"));
    assert_eq!(
        again.added,
        Vec::<String>::new(),
        "a second merge added facts"
    );
    assert_eq!(again.text, merged.text, "a second merge changed the text");
}

/// What a re-extraction could propose: two new facts with awkward text, one the file has
/// already (its first `id:` word, if any), and one that was deleted by hand.
fn extracted_facts(text: &str) -> Vec<Fact> {
    let mut growth = Fact::new(Kind::Growth, "Nimbus: \"Cloud\" #1", "155%");
    growth.id = "nimbus-cloud-growth".into();
    growth.metric = Some("revenue\nand 'profit'".into());
    growth.value = Some(Number(155.0));
    growth.unit = Some(Unit::Percent);
    growth.qualifier = Some(Qualifier::Exact);
    growth.quote = "Revenue grew by 155% - a record: {yes}, [really] & *more*".into();
    growth.span = [10, 67];
    let mut count = Fact::new(Kind::Count, "- dash", "\u{2028}over 40 million\t");
    count.id = "dash-count".into();
    count.quote = "tab\tand\r\nnewline \\ backslash".into();
    let mut existing = count.clone();
    existing.id = text
        .split("id:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("x")
        .to_string();
    let mut deleted = growth.clone();
    deleted.id = "deleted-by-hand".into();
    let mut facts = vec![growth, count, deleted];
    // Extraction proposes slug ids, unique in the article.
    if factsheet::facts::load::is_slug(&existing.id) && facts.iter().all(|f| f.id != existing.id) {
        facts.push(existing);
    }
    facts
}
