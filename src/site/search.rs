//! The search index, in fragments that `static/search.js` loads as it needs them, as Pagefind
//! does: a query of a few words loads a few small files, not the whole site's facts.
//!
//! What a query finds is what the single index of earlier versions found: a fact matches when
//! every word of the query occurs in its folded text (lower case, NFKD, accents dropped) as a
//! substring, and a word in its subject, metric, value or kind scores 2, elsewhere (period,
//! article title, quote) 1. A query word holds no white space, so it occurs in the text exactly
//! when it occurs in one of the text's white-space separated *tokens*; the index is built of
//! tokens:
//!
//! - Every token has its postings: the facts whose primary text holds it, and the facts whose
//!   other fields only hold it, as numbers in site order.
//! - A word of three characters or more is looked up by its first three, its *key*. The key's
//!   entry lists the tokens that start with the key, with their postings (their *home*), and the
//!   tokens that hold the key further in, with their postings when they are few and otherwise
//!   a pointer to their home. Every token that holds the word holds its key, so it is listed.
//! - A word of one or two characters matches too many tokens to list: its key's entry holds the
//!   union of their postings, worked out here.
//!
//! Keys are hashed into a fixed number of *buckets*, one file each (`search/t/<hex>.js`), so the
//! site's paths depend on its number of facts only. The facts themselves, to show a result,
//! are in chunks of [`RECORDS_PER_CHUNK`] (`search/r/<n>.js`). Every file is a script that hands
//! its data to a callback `search.js` registers (`factsheetSearch.t(...)`, `.r(...)`), loaded
//! with a `<script>` element: that works on any static host and from disk (`file://`), where
//! `fetch` of a JSON file is refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization as _;

use super::format::{Figure, Locale};
use super::{Site, links};

/// The folder of the index, relative to the site root.
pub const FOLDER: &str = "search/";

/// Facts per record chunk: a result list of 12 loads at most 12 chunks of about 7 KB. A chunk
/// names each of its articles and kinds once ([`chunk_script`]), so its facts take about half
/// the bytes they would alone, and a chunk holds twice as many as it did: half the files.
pub const RECORDS_PER_CHUNK: usize = 40;

/// A token that holds a key further in has its postings copied into the key's entry when it
/// has at most this many; otherwise the entry points to its home, one more file to load. Most
/// tokens are rare, so copies cost little, and the few common ones are not copied.
pub const COPIED_POSTINGS: usize = 16;

/// A key's entry whose tokens hold more postings than this is split into the keys one
/// character longer: at 10,000 articles the tokens that start with "202" ("2024", "2024-q1",
/// ...) held 430,000, and their bucket alone was 300 KB. About 12 KB of postings at most.
pub const SPLIT_POSTINGS: usize = 12_000;

/// Keys are split up to this many characters; a longer word is looked up by its first ones.
pub const MAX_KEY: usize = 12;

/// One fact in the index. The keys are short because the records are downloaded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Subject.
    pub s: String,
    /// Metric (or, for a comparison, what the subject is compared with).
    pub m: String,
    /// The value for readers: "+155% year-over-year".
    pub v: String,
    /// Kind label.
    pub k: String,
    /// Period for readers.
    pub p: String,
    /// The quote.
    pub q: String,
    /// The article's title.
    pub a: String,
    /// The fact's row, relative to the site root.
    pub u: String,
}

impl Entry {
    /// The text whose words score 2, as `search.js` joined it.
    fn primary(&self) -> String {
        [&self.s, &self.m, &self.v, &self.k]
            .map(String::as_str)
            .join(" ")
    }

    /// Every field's text.
    fn all(&self) -> String {
        [
            &self.s, &self.m, &self.v, &self.k, &self.p, &self.a, &self.q,
        ]
        .map(String::as_str)
        .join(" ")
    }
}

/// The facts (by number in site order) that hold a token: in their primary text, or only
/// elsewhere. Both sorted, and no fact in both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub primary: Vec<u32>,
    pub secondary: Vec<u32>,
}

impl Postings {
    fn len(&self) -> usize {
        self.primary.len() + self.secondary.len()
    }
}

/// The whole index in memory: what the fragments are cut from, and what a test compares them
/// with.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// Every token of every fact's folded text.
    pub tokens: BTreeMap<String, Postings>,
    /// A key's entry whose tokens hold more postings than this is split ([`SPLIT_POSTINGS`]).
    pub split_at: usize,
}

/// Text as `search.js` compares it: lower case, compatibility-decomposed (NFKD), without the
/// combining accents, so "Nestlé" is found by "nestle" and a no-break space is a space.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfkd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// What JavaScript's `\s` matches, by which `search.js` splits a query into words.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// The tokens of folded text.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(is_js_space).filter(|t| !t.is_empty())
}

/// The key a word is looked up by: its first three characters (code points, as `search.js`
/// counts them with `Array.from`), or the whole word when shorter.
pub fn key(word: &str) -> &str {
    match word.char_indices().nth(3) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

/// How many buckets the keys of a site of `facts` facts are hashed into: about one for every
/// 64 facts, a power of two, so that a bucket holds a key or two on a large site and a small
/// site does not have thousands of files. Not one per 128, which saves 2,048 files at 10,000
/// articles: a query's first results then loaded up to 294 KB, against a limit of 300.
pub fn bucket_count(facts: usize) -> usize {
    (facts / 64).next_power_of_two().clamp(16, 32_768)
}

/// The bucket of `key`: FNV-1a over its UTF-16 code units, which `search.js` computes the same
/// way with `charCodeAt`.
pub fn bucket(key: &str, buckets: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for unit in key.encode_utf16() {
        hash ^= u32::from(unit);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize & (buckets - 1)
}

/// The path of a bucket's file.
pub fn bucket_path(bucket: usize) -> String {
    format!("{FOLDER}t/{bucket:x}.js")
}

/// The path of a record chunk's file.
pub fn chunk_path(chunk: usize) -> String {
    format!("{FOLDER}r/{chunk}.js")
}

/// Every file of the index of a site of `facts` facts: known without reading the facts.
pub fn paths(facts: usize) -> impl Iterator<Item = String> {
    let buckets = (0..bucket_count(facts)).map(bucket_path);
    buckets.chain((0..facts.div_ceil(RECORDS_PER_CHUNK)).map(chunk_path))
}

/// Every fact of the site, in site order.
fn entries(site: &Site, locale: &Locale) -> Vec<Entry> {
    site.sheets
        .par_iter()
        .flat_map_iter(|sheet| {
            let page = links::article_page(&sheet.facts.article.slug);
            sheet.facts.facts.iter().map(move |fact| Entry {
                s: fact.subject.clone(),
                m: fact
                    .metric
                    .clone()
                    .or_else(|| fact.object.clone())
                    .unwrap_or_default(),
                v: locale.headline(&Figure::of(fact)),
                k: locale.kind_label(&fact.kind),
                p: fact
                    .period
                    .as_ref()
                    .map(|p| locale.period(p.as_str()))
                    .unwrap_or_default(),
                q: fact.quote.clone(),
                a: sheet.facts.article.title.clone(),
                u: format!(
                    "{page}#{}",
                    links::fact_anchor(&sheet.facts.article.slug, &fact.id)
                ),
            })
        })
        .collect()
}

impl Index {
    /// The index of every fact of `site`.
    pub fn of(site: &Site, locale: &Locale) -> Index {
        Index::from_entries(entries(site, locale))
    }

    /// The index of `entries`, numbered in the order given.
    pub fn from_entries(entries: Vec<Entry>) -> Index {
        let mut tokens: BTreeMap<String, Postings> = BTreeMap::new();
        // Folded in parallel a block at a time, so that only one block's tokens are held
        // apart from the index; gathered in order, so postings come sorted.
        for (block, chunk) in entries.chunks(4096).enumerate() {
            let folded: Vec<(Vec<String>, Vec<String>)> = chunk
                .par_iter()
                .map(|entry| {
                    let mut primary: Vec<String> = tokens_of(&fold(&entry.primary())).collect();
                    primary.sort_unstable();
                    primary.dedup();
                    let mut other: Vec<String> = tokens_of(&fold(&entry.all()))
                        .filter(|t| primary.binary_search(t).is_err())
                        .collect();
                    other.sort_unstable();
                    other.dedup();
                    (primary, other)
                })
                .collect();
            for (offset, (primary, other)) in folded.into_iter().enumerate() {
                let number = (block * 4096 + offset) as u32;
                for token in primary {
                    postings_of(&mut tokens, token).primary.push(number);
                }
                for token in other {
                    postings_of(&mut tokens, token).secondary.push(number);
                }
            }
        }
        Index {
            entries,
            tokens,
            split_at: SPLIT_POSTINGS,
        }
    }

    /// The facts that match `query`, best first, as `search.js` ranks them: found by reading
    /// every fact's text, not the index. The reference the fragments are tested against.
    pub fn search_text(&self, query: &str) -> Vec<u32> {
        let words: Vec<String> = tokens(&fold(query)).map(str::to_string).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u32, u32)> = Vec::new();
        'entries: for (number, entry) in self.entries.iter().enumerate() {
            let (primary, all) = (fold(&entry.primary()), fold(&entry.all()));
            let mut score = 0;
            for word in &words {
                if primary.contains(word.as_str()) {
                    score += 2;
                } else if all.contains(word.as_str()) {
                    score += 1;
                } else {
                    continue 'entries;
                }
            }
            found.push((number as u32, score));
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found.into_iter().map(|(number, _)| number).collect()
    }

    /// Every file of the index, by path, in no particular order.
    pub fn files(&self) -> Vec<(String, String)> {
        let files = std::sync::Mutex::new(Vec::new());
        self.write(&|path, text| {
            files
                .lock()
                .expect("no thread panics holding it")
                .push((path, text));
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap_or_else(|never| match never {});
        files.into_inner().expect("no thread panics holding it")
    }

    /// Hands every file of the index to `sink`, in parallel, each made when it is written: a
    /// bucket's unions and postings are worked out for it alone, so the index is never held
    /// twice.
    pub fn write<E: Send>(
        &self,
        sink: &(dyn Fn(String, String) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        let count = self.entries.len();
        let buckets = bucket_count(count);
        let (keys, homes) = self.keys();
        // A split key's union is an entry of its own, the key and a space (no token holds
        // one), loaded only for a word that is the key exactly: a word walking past the key
        // to a longer one loads a few bytes.
        let mut by_bucket: Vec<Vec<(String, &KeyEntry)>> = vec![Vec::new(); buckets];
        for (key, entry) in &keys {
            by_bucket[bucket(key, buckets)].push((key.to_string(), entry));
            if entry.split {
                let union = format!("{key} ");
                by_bucket[bucket(&union, buckets)].push((union, entry));
            }
        }
        by_bucket
            .par_iter()
            .enumerate()
            .map_init(
                || vec![0u8; count],
                |marks, (number, keys)| {
                    let script = self.bucket_script(number, keys, &homes, marks);
                    sink(bucket_path(number), script)
                },
            )
            .collect::<Result<(), E>>()?;
        self.entries
            .par_chunks(RECORDS_PER_CHUNK)
            .enumerate()
            .try_for_each(|(number, chunk)| sink(chunk_path(number), chunk_script(number, chunk)))
    }

    /// Every key's entry, by key, and each long token's home (the key whose entry lists it
    /// with its postings); keys and tokens borrowed from the index.
    fn keys(&self) -> (BTreeMap<&str, KeyEntry<'_>>, HashMap<&str, &str>) {
        let mut keys: BTreeMap<&str, KeyEntry> = BTreeMap::new();
        let starts: Vec<Vec<usize>> = self
            .tokens
            .keys()
            .map(|t| {
                t.char_indices()
                    .map(|(at, _)| at)
                    .chain([t.len()])
                    .collect()
            })
            .collect();
        // Short keys: every one or two characters of a token.
        for (token, starts) in self.tokens.keys().zip(&starts) {
            let mut grams: BTreeSet<&str> = BTreeSet::new();
            for n in 0..starts.len() - 1 {
                grams.insert(&token[starts[n]..starts[n + 1]]);
                if let Some(&two) = starts.get(n + 2) {
                    grams.insert(&token[starts[n]..two]);
                }
            }
            for gram in grams {
                keys.entry(gram).or_default().holders.push(token);
            }
        }
        // Long keys, three characters first; a key whose tokens hold too many postings is split
        // into the keys one character longer that start with it, and so on.
        let mut split: Option<BTreeSet<&str>> = None;
        for length in 3..=MAX_KEY {
            let mut level: BTreeMap<&str, KeyEntry> = BTreeMap::new();
            for (token, starts) in self.tokens.keys().zip(&starts) {
                let token = token.as_str();
                let chars = starts.len() - 1;
                for at in 0..(chars + 1).saturating_sub(length) {
                    let gram = &token[starts[at]..starts[at + length]];
                    if let Some(split) = &split {
                        let parent = &gram[..starts[at + length - 1] - starts[at]];
                        if !split.contains(parent) {
                            continue;
                        }
                    }
                    let entry = level.entry(gram).or_default();
                    if at == 0 {
                        entry.home.push(token);
                    } else if !token.starts_with(gram) && entry.inside.last() != Some(&token) {
                        entry.inside.push(token);
                    }
                }
            }
            let mut splits = BTreeSet::new();
            for (key, entry) in &mut level {
                let postings = |t: &&str| self.tokens[*t].len();
                let home: Vec<usize> = entry.home.iter().map(postings).collect();
                let cost: usize = home.iter().sum::<usize>()
                    + entry
                        .inside
                        .iter()
                        .map(postings)
                        .filter(|&n| n <= COPIED_POSTINGS)
                        .sum::<usize>();
                // Less its largest token's: splitting cannot make one token's postings smaller,
                // and a key that is mostly one token ("revenue") would only add steps.
                let largest = home.iter().max().copied().unwrap_or(0);
                if cost - largest > self.split_at && length < MAX_KEY {
                    entry.split = true;
                    splits.insert(*key);
                }
            }
            keys.extend(level);
            if splits.is_empty() {
                break;
            }
            split = Some(splits);
        }
        // A token's home: its shortest prefix of three characters or more that is not split,
        // or the token itself when every prefix is (a split key lists the token it spells).
        let mut homes = HashMap::new();
        for (token, starts) in self.tokens.keys().zip(&starts) {
            let chars = starts.len() - 1;
            if chars < 3 {
                continue;
            }
            let home = (3..=chars.min(MAX_KEY))
                .map(|length| &token[..starts[length]])
                .find(|prefix| keys.get(prefix).is_some_and(|e| !e.split))
                .unwrap_or(&token[..starts[chars.min(MAX_KEY)]]);
            homes.insert(token.as_str(), home);
        }
        (keys, homes)
    }

    /// The postings of any of `tokens`, using `marks` (one byte a fact, all zero) as scratch.
    fn union(&self, holding: &[&str], marks: &mut [u8]) -> Postings {
        let mut touched: Vec<u32> = Vec::new();
        for token in holding {
            let postings = &self.tokens[*token];
            for &n in &postings.primary {
                if marks[n as usize] == 0 {
                    touched.push(n);
                }
                marks[n as usize] = 2;
            }
            for &n in &postings.secondary {
                if marks[n as usize] == 0 {
                    touched.push(n);
                    marks[n as usize] = 1;
                }
            }
        }
        touched.sort_unstable();
        let mut union = Postings::default();
        for n in touched {
            match std::mem::take(&mut marks[n as usize]) {
                2 => union.primary.push(n),
                _ => union.secondary.push(n),
            }
        }
        union
    }

    /// `factsheetSearch.t(N, {key: {...}, ...});` for one bucket. For a short key, `w`: the
    /// union of the postings of the tokens that hold it. For a long key, `h`: the tokens that
    /// start with it, and `i`: those that hold it further in, with their postings, or, when
    /// they are many, the key of their home. For a split key, `s: 1` and in `h` the token the
    /// key spells, if any; the key and a space, `w`: the union of the postings of the tokens
    /// that hold the key, which answers a word that is the key exactly.
    /// Postings are two strings ([`encode`]).
    fn bucket_script(
        &self,
        number: usize,
        keys: &[(String, &KeyEntry)],
        homes: &HashMap<&str, &str>,
        marks: &mut [u8],
    ) -> String {
        let count = self.entries.len();
        let mut out = format!("factsheetSearch.t({number},{{");
        for (n, (key, entry)) in keys.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            push_json(&mut out, key);
            out.push_str(":{");
            let mut fields = Vec::new();
            let union = |holders: &[&str], marks: &mut [u8]| {
                let mut field = String::from("\"w\":");
                push_postings(&mut field, &self.union(holders, marks), count);
                field
            };
            if key.chars().nth(2).is_none() {
                fields.push(union(&entry.holders, marks));
            } else if key.ends_with(' ') {
                let holders: Vec<&str> = entry.home.iter().chain(&entry.inside).copied().collect();
                fields.push(union(&holders, marks));
            } else if entry.split {
                fields.push("\"s\":1".into());
                if entry.home.contains(&key.as_str()) {
                    let mut field = String::from("\"h\":{");
                    push_json(&mut field, key);
                    field.push(':');
                    push_postings(&mut field, &self.tokens[key.as_str()], count);
                    field.push('}');
                    fields.push(field);
                }
            } else {
                for (name, tokens) in [("h", &entry.home), ("i", &entry.inside)] {
                    if tokens.is_empty() {
                        continue;
                    }
                    let mut field = format!("\"{name}\":{{");
                    for (n, token) in tokens.iter().enumerate() {
                        if n > 0 {
                            field.push(',');
                        }
                        push_json(&mut field, token);
                        field.push(':');
                        let postings = &self.tokens[*token];
                        if name == "h" || postings.len() <= COPIED_POSTINGS {
                            push_postings(&mut field, postings, count);
                        } else {
                            push_json(&mut field, homes[token]);
                        }
                    }
                    field.push('}');
                    fields.push(field);
                }
            }
            out.push_str(&fields.join(","));
            out.push('}');
        }
        out.push_str("});\n");
        out
    }
}

/// The postings of `token` in `tokens`, made when it is new.
fn postings_of(tokens: &mut BTreeMap<String, Postings>, token: String) -> &mut Postings {
    tokens.entry(token).or_default()
}

/// The tokens of folded text, owned.
fn tokens_of(folded: &str) -> impl Iterator<Item = String> + '_ {
    tokens(folded).map(str::to_string)
}

/// What a key's entry holds: tokens of the index.
#[derive(Debug, Clone, Default)]
struct KeyEntry<'a> {
    /// Tokens that start with the key (keys of three characters).
    home: Vec<&'a str>,
    /// Tokens that hold the key further in (keys of three characters).
    inside: Vec<&'a str>,
    /// Tokens that hold the key anywhere (keys of one or two characters), whose postings the
    /// key's entry holds as one union.
    holders: Vec<&'a str>,
    /// Its tokens hold more than [`Index::split_at`] postings: words longer than the key are
    /// looked up by their next character too.
    split: bool,
}

/// One chunk of records as it is downloaded: each article (its title, and the start its
/// facts' links share) and each kind label once, and each fact as an array that points to
/// them. `search.js` makes the facts' [`Entry`] objects of it again (`expand`).
#[derive(Serialize)]
struct Chunk<'e> {
    /// Kind labels.
    k: Vec<&'e str>,
    /// Articles: title, and the start of the links of its facts in the chunk.
    a: Vec<(&'e str, &'e str)>,
    /// Facts: subject, metric, value, kind (index in `k`), period, quote, article (index in
    /// `a`), and the rest of the link after the article's start.
    #[allow(clippy::type_complexity)]
    f: Vec<(
        &'e str,
        &'e str,
        &'e str,
        usize,
        &'e str,
        &'e str,
        usize,
        &'e str,
    )>,
}

impl<'e> Chunk<'e> {
    fn of(entries: &'e [Entry]) -> Chunk<'e> {
        let mut chunk = Chunk {
            k: Vec::new(),
            a: Vec::new(),
            f: Vec::with_capacity(entries.len()),
        };
        // A site's facts come article by article: a run of entries of one title and one page
        // is one article.
        let page = |entry: &'e Entry| entry.u.split('#').next().unwrap_or_default();
        let mut start = 0;
        while start < entries.len() {
            let first = &entries[start];
            let run = entries[start..]
                .iter()
                .take_while(|e| e.a == first.a && page(e) == page(first))
                .count();
            let facts = &entries[start..start + run];
            let shared = facts.iter().fold(first.u.as_str(), |shared, entry| {
                common_prefix(shared, &entry.u)
            });
            let article = chunk.a.len();
            chunk.a.push((&first.a, shared));
            for entry in facts {
                let kind = match chunk.k.iter().position(|k| *k == entry.k) {
                    Some(kind) => kind,
                    None => {
                        chunk.k.push(&entry.k);
                        chunk.k.len() - 1
                    }
                };
                chunk.f.push((
                    &entry.s,
                    &entry.m,
                    &entry.v,
                    kind,
                    &entry.p,
                    &entry.q,
                    article,
                    &entry.u[shared.len()..],
                ));
            }
            start += run;
        }
        chunk
    }
}

/// The longest start `a` and `b` share, ending on a character boundary.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at);
    &a[..end]
}

/// `factsheetSearch.r(N, {...});` of one chunk of facts ([`Chunk`]).
fn chunk_script(number: usize, entries: &[Entry]) -> String {
    let json = serde_json::to_string(&Chunk::of(entries)).expect("strings serialize to JSON");
    format!(
        "factsheetSearch.r({number},{});\n",
        json.replace('<', "\\u003c")
    )
}

/// `text` as a JSON string, `<` escaped so that no text can end a `<script>` element early
/// should a page ever inline the file.
fn push_json(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).expect("strings serialize to JSON");
    out.push_str(&json.replace('<', "\\u003c"));
}

fn push_postings(out: &mut String, postings: &Postings, count: usize) {
    out.push_str("[\"");
    out.push_str(&encode(&postings.primary, count));
    out.push_str("\",\"");
    out.push_str(&encode(&postings.secondary, count));
    out.push_str("\"]");
}

/// The 64 characters of the encoding: none needs escaping in JSON or a URL.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Sorted fact numbers as a string, whichever is shorter of: the gaps between them (the first
/// number, then each one less one above the one before), each in 5-bit digits, lowest first,
/// of which the last has its sixth bit set; or, after `~`, a bitmap of all `count` facts, six
/// to a character. A common token costs at most `count / 6` characters.
pub fn encode(numbers: &[u32], count: usize) -> String {
    let mut gaps = String::new();
    let mut next = 0u32;
    for &n in numbers {
        let mut gap = n - next;
        next = n + 1;
        loop {
            let low = (gap & 31) as usize;
            gap >>= 5;
            if gap == 0 {
                gaps.push(DIGITS[32 + low] as char);
                break;
            }
            gaps.push(DIGITS[low] as char);
        }
    }
    let last = numbers.last().map_or(0, |&n| n as usize + 1);
    let bitmap_len = 1 + last.div_ceil(6);
    if gaps.len() <= bitmap_len || count == 0 {
        return gaps;
    }
    let mut bits = vec![0u8; last.div_ceil(6)];
    for &n in numbers {
        bits[n as usize / 6] |= 1 << (n % 6);
    }
    let mut map = String::with_capacity(bitmap_len);
    map.push('~');
    map.extend(bits.iter().map(|&b| DIGITS[b as usize] as char));
    map
}

/// The numbers of an [`encode`]d string; `None` if it is not one.
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let digit = |c: u8| DIGITS.iter().position(|&d| d == c).map(|p| p as u32);
    let mut numbers = Vec::new();
    if let Some(map) = text.strip_prefix('~') {
        for (n, c) in map.bytes().enumerate() {
            let bits = digit(c)?;
            numbers.extend(
                (0..6)
                    .filter(|b| bits & (1 << b) != 0)
                    .map(|b| n as u32 * 6 + b),
            );
        }
        return Some(numbers);
    }
    let (mut next, mut gap, mut shift) = (0u32, 0u32, 0u32);
    for c in text.bytes() {
        let d = digit(c)?;
        gap |= (d & 31).checked_shl(shift)?;
        shift += 5;
        if d >= 32 {
            let n = next.checked_add(gap)?;
            numbers.push(n);
            next = n + 1;
            (gap, shift) = (0, 0);
        }
    }
    (shift == 0).then_some(numbers)
}

#[cfg(test)]
mod tests;
