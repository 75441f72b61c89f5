//! The fragments against the whole index: a query answered from the files `search.js` loads
//! finds what reading every fact's text finds, in the same order.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::project::Project;

/// The index of the small site of `tests/cases/browser-site`.
fn fixture() -> Index {
    let project = Project::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/browser-site"
    ));
    let config = crate::workspace::read_config(&project).unwrap();
    let site = Site::new(config, crate::workspace::load_sheets(&project).unwrap());
    Index::of(&site, &Locale::for_language("en"))
}

fn entry(s: &str, m: &str, v: &str, q: &str) -> Entry {
    Entry {
        s: s.into(),
        m: m.into(),
        v: v.into(),
        k: "Growth".into(),
        p: "Q3 2025".into(),
        q: q.into(),
        a: "Nestlé's year".into(),
        u: "articles/x/index.html#f01".into(),
    }
}

/// The files of an index, read back: buckets by number, records by chunk.
struct Fragments {
    buckets: BTreeMap<usize, serde_json::Map<String, serde_json::Value>>,
    records: BTreeMap<usize, Vec<serde_json::Value>>,
    count: usize,
}

impl Fragments {
    fn of(index: &Index) -> Fragments {
        let mut buckets = BTreeMap::new();
        let mut records = BTreeMap::new();
        let files = index.files();
        let paths: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            paths,
            paths_of(index.entries.len()),
            "the files are the ones `paths` names"
        );
        for (path, text) in files {
            assert!(!text.contains("</"), "{path}");
            let (call, rest) = text.split_once('(').unwrap();
            let (number, json) = rest.split_once(',').unwrap();
            let json = json.strip_suffix(");\n").unwrap();
            let number: usize = number.parse().unwrap();
            match call {
                "factsheetSearch.t" => {
                    assert_eq!(path, bucket_path(number));
                    buckets.insert(number, serde_json::from_str(json).unwrap());
                }
                "factsheetSearch.r" => {
                    assert_eq!(path, chunk_path(number));
                    records.insert(number, expand(&serde_json::from_str(json).unwrap()));
                }
                other => panic!("{path}: {other}"),
            }
        }
        Fragments {
            buckets,
            records,
            count: index.entries.len(),
        }
    }

    /// A key's entry, as `search.js` finds it, with the buckets it loaded.
    fn key_entry(&self, key: &str, loaded: &mut BTreeSet<usize>) -> Option<&serde_json::Value> {
        let number = bucket(key, bucket_count(self.count));
        loaded.insert(number);
        self.buckets[&number].get(key)
    }

    /// The postings of one query word, as `search.js` works them out: score 2 or 1 by fact.
    fn word(&self, word: &str, loaded: &mut BTreeSet<usize>) -> BTreeMap<u32, u32> {
        let mut scores = BTreeMap::new();
        let mut add = |pair: &serde_json::Value| {
            let primary = decode(pair[0].as_str().unwrap()).unwrap();
            let secondary = decode(pair[1].as_str().unwrap()).unwrap();
            for n in primary {
                scores.insert(n, 2);
            }
            for n in secondary {
                scores.entry(n).or_insert(1);
            }
        };
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 3 {
            if let Some(entry) = self.key_entry(word, loaded) {
                add(&entry["w"]);
            }
            return scores;
        }
        // The key, longer while it is split and the word is longer.
        let mut length = 3;
        let entry = loop {
            let key: String = chars[..length].iter().collect();
            let Some(entry) = self.key_entry(&key, loaded) else {
                return scores;
            };
            if entry.get("s").is_none() {
                break entry;
            }
            if chars.len() == length {
                add(&self.key_entry(&format!("{key} "), loaded).unwrap()["w"]);
                return scores;
            }
            length += 1;
        };
        let mut homes = Vec::new();
        if let Some(home) = entry.get("h").and_then(|h| h.as_object()) {
            for (token, pair) in home {
                if token.contains(word) {
                    add(pair);
                }
            }
        }
        if let Some(inside) = entry.get("i").and_then(|h| h.as_object()) {
            for (token, pair) in inside {
                if token.contains(word) {
                    match pair.as_str() {
                        Some(home) => homes.push((token.clone(), home.to_string())),
                        None => add(pair),
                    }
                }
            }
        }
        for (token, home) in homes {
            let entry = self.key_entry(&home, loaded).unwrap();
            add(&entry["h"][&token]);
        }
        scores
    }

    /// The facts that match `query`, best first, and the buckets it loaded.
    fn search(&self, query: &str) -> (Vec<u32>, BTreeSet<usize>) {
        let mut loaded = BTreeSet::new();
        let words: Vec<String> = tokens(&fold(query)).map(str::to_string).collect();
        if words.is_empty() {
            return (Vec::new(), loaded);
        }
        let mut total: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
        for word in &words {
            for (n, score) in self.word(word, &mut loaded) {
                let sum = total.entry(n).or_default();
                sum.0 += score;
                sum.1 += 1;
            }
        }
        let mut found: Vec<(u32, u32)> = total
            .into_iter()
            .filter(|(_, (_, matched))| *matched == words.len())
            .map(|(n, (score, _))| (n, score))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (found.into_iter().map(|(n, _)| n).collect(), loaded)
    }

    /// The record of fact `n`, from its chunk.
    fn record(&self, n: u32) -> &serde_json::Value {
        let n = n as usize;
        &self.records[&(n / RECORDS_PER_CHUNK)][n % RECORDS_PER_CHUNK]
    }
}

/// A chunk's facts as `search.js` makes them of it (`expand`): each fact's array with its
/// kind and article looked up, and its link the article's start and the rest.
fn expand(chunk: &serde_json::Value) -> Vec<serde_json::Value> {
    let text = |value: &serde_json::Value| value.as_str().unwrap().to_string();
    let facts = chunk["f"].as_array().unwrap();
    facts
        .iter()
        .map(|f| {
            let article = &chunk["a"][f[6].as_u64().unwrap() as usize];
            serde_json::json!({
                "s": f[0], "m": f[1], "v": f[2],
                "k": chunk["k"][f[3].as_u64().unwrap() as usize],
                "p": f[4], "q": f[5], "a": article[0],
                "u": text(&article[1]) + &text(&f[7]),
            })
        })
        .collect()
}

fn paths_of(facts: usize) -> BTreeSet<String> {
    paths(facts).collect()
}

/// Queries of every kind: each token whole, each token's substrings of one to five characters
/// and its end, and a few of several words.
fn queries(index: &Index) -> BTreeSet<String> {
    let mut queries = BTreeSet::new();
    for token in index.tokens.keys() {
        queries.insert(token.clone());
        let chars: Vec<char> = token.chars().collect();
        for len in 1..=5.min(chars.len()) {
            for start in 0..=chars.len() - len {
                queries.insert(chars[start..start + len].iter().collect());
            }
        }
        if chars.len() > 5 {
            queries.insert(chars[1..].iter().collect());
        }
    }
    let words: Vec<&String> = index.tokens.keys().collect();
    for pair in words.windows(2).step_by(3) {
        queries.insert(format!("{} {}", pair[0], pair[1]));
    }
    queries.extend(["zzz-never", "re ve", "  "].map(String::from));
    queries
}

#[test]
fn the_fragments_answer_every_query_as_the_whole_index_does() {
    let mut index = fixture();
    assert!(index.entries.len() > 5 && index.tokens.len() > 50);
    let queries = queries(&index);
    assert!(queries.len() > 500, "{}", queries.len());
    // As built, and with keys split at a few postings, as a large site's common ones are.
    for split_at in [SPLIT_POSTINGS, 8, 1] {
        index.split_at = split_at;
        let fragments = Fragments::of(&index);
        let splits = fragments
            .buckets
            .values()
            .flat_map(|bucket| bucket.values())
            .filter(|entry| entry.get("s").is_some())
            .count();
        assert_eq!(
            splits > 0,
            split_at < SPLIT_POSTINGS,
            "{splits} keys split at {split_at}"
        );
        for query in &queries {
            let (found, _) = fragments.search(query);
            assert_eq!(
                found,
                index.search_text(query),
                "query {query:?}, split at {split_at}"
            );
        }
    }
    let fragments = Fragments::of(&index);
    // The records are the facts, in order.
    for (n, entry) in index.entries.iter().enumerate() {
        assert_eq!(
            fragments.record(n as u32),
            &serde_json::to_value(entry).unwrap()
        );
    }
}

#[test]
fn every_token_is_at_home_in_its_bucket_with_its_postings() {
    let mut index = fixture();
    for split_at in [SPLIT_POSTINGS, 1] {
        index.split_at = split_at;
        every_token_at_home(&index);
    }
}

fn every_token_at_home(index: &Index) {
    let fragments = Fragments::of(index);
    let count = index.entries.len();
    for (token, postings) in &index.tokens {
        let mut loaded = BTreeSet::new();
        let Some(entry) = fragments.key_entry(key(token), &mut loaded) else {
            panic!("no key for {token:?}");
        };
        if token.chars().count() < 3 {
            // A short token is found through its key's union, which holds it.
            let union = &entry["w"];
            let primary = decode(union[0].as_str().unwrap()).unwrap();
            assert!(postings.primary.iter().all(|n| primary.contains(n)));
            continue;
        }
        // Its home: the first of its prefixes that is not split, or itself.
        let chars: Vec<char> = token.chars().collect();
        let mut entry = entry;
        let mut length = 3;
        while entry.get("s").is_some() && length < chars.len() {
            length += 1;
            let prefix: String = chars[..length].iter().collect();
            entry = fragments.key_entry(&prefix, &mut loaded).unwrap();
        }
        let pair = &entry["h"][token];
        assert_eq!(pair[0], encode(&postings.primary, count), "{token}");
        assert_eq!(pair[1], encode(&postings.secondary, count), "{token}");
    }
}

#[test]
fn accents_case_and_odd_spaces_fold_as_the_browser_folds_them() {
    let index = Index::from_entries(vec![
        entry(
            "Nestlé",
            "Café sales",
            "+12%\u{a0}year-over-year",
            "Sales ROSE.",
        ),
        entry("Ärzte", "Umsatz", "5%", "Ein\u{202f}Satz."),
    ]);
    let fragments = Fragments::of(&index);
    for (query, expected) in [
        ("nestle", vec![0, 1]),
        ("CAFE", vec![0]),
        ("nestle's", vec![0, 1]),
        ("nestles", vec![]),
        ("year-over", vec![0]),
        ("arzte umsatz", vec![1]),
        ("satz", vec![1]),
        ("rose.", vec![0]),
        ("é", vec![0, 1]),
        ("q3", vec![0, 1]),
    ] {
        assert_eq!(index.search_text(query), expected, "{query}");
        assert_eq!(fragments.search(query).0, expected, "{query}");
    }
}

#[test]
fn postings_encode_as_gaps_or_a_bitmap_and_decode_again() {
    assert_eq!(encode(&[], 10), "");
    assert_eq!(encode(&[0], 10), "W");
    assert_eq!(encode(&[0, 40], 1000), "W7X");
    // Three in a row: a bitmap of one character is shorter.
    assert_eq!(encode(&[0, 1, 2], 1000), "~7");
    assert_eq!(encode(&[40], 1000), "8X");
    let dense: Vec<u32> = (0..600).step_by(2).collect();
    let encoded = encode(&dense, 600);
    assert!(
        encoded.starts_with('~') && encoded.len() == 101,
        "{encoded}"
    );
    for list in [vec![], vec![0], vec![5, 6, 7, 1000, 40_000], dense] {
        assert_eq!(decode(&encode(&list, 40_001)).unwrap(), list);
        assert_eq!(decode(&encode(&list, 0)).unwrap(), list);
    }
    assert_eq!(decode("0"), None, "a gap without its last digit");
    assert_eq!(decode("!"), None);
}

#[test]
fn a_word_found_only_inside_common_tokens_loads_their_homes_too() {
    // "evenue" is inside "revenue" of every fact: too many postings to copy, so the entry of
    // "eve" points to the home of "revenue".
    let entries: Vec<Entry> = (0..40)
        .map(|n| entry("Acme", "revenue", &format!("{n}%"), "Revenue grew."))
        .collect();
    let index = Index::from_entries(entries);
    let fragments = Fragments::of(&index);
    let (found, loaded) = fragments.search("evenue");
    assert_eq!(found, (0..40).collect::<Vec<u32>>());
    let buckets = bucket_count(40);
    assert_eq!(
        loaded,
        BTreeSet::from([bucket("eve", buckets), bucket("rev", buckets)])
    );
}

#[test]
fn buckets_and_chunks_are_named_from_the_count_of_facts_alone() {
    assert_eq!(bucket_count(0), 16);
    assert_eq!(bucket_count(150_026), 4096);
    assert_eq!(bucket_count(10_000_000), 32_768);
    assert_eq!(paths_of(81).len(), 16 + 3);
    // The hash `search.js` computes: FNV-1a of "rev" in UTF-16.
    assert_eq!(bucket("rev", 1 << 30), 0x32f4_6ad2 & ((1 << 30) - 1));
}

#[test]
fn a_chunk_names_each_article_and_kind_once_and_gives_back_every_record() {
    let mut entries = Vec::new();
    for (article, facts) in [("a", 3), ("b", 1), ("a", 2)] {
        for n in 1..=facts {
            let mut e = entry("Nestlé", "sales", "+5%", "Sales rose 5%.");
            e.u = format!("articles/{article}/index.html#f{n:02}");
            e.k = if n == 2 { "Money" } else { "Growth" }.into();
            entries.push(e);
        }
    }
    let script = chunk_script(7, &entries);
    let json = script
        .strip_prefix("factsheetSearch.r(7,")
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap();
    let chunk: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(chunk["k"], serde_json::json!(["Growth", "Money"]));
    // The second run of article a is an article of its own: the records keep their order.
    assert_eq!(
        chunk["a"],
        serde_json::json!([
            ["Nestlé's year", "articles/a/index.html#f0"],
            ["Nestlé's year", "articles/b/index.html#f01"],
            ["Nestlé's year", "articles/a/index.html#f0"],
        ])
    );
    assert_eq!(script.matches("Sales rose").count(), entries.len());
    let records: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    assert_eq!(expand(&chunk), records);
}
