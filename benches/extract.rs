//! Extraction throughput over a generated corpus of article-like text (at least 100 MB):
//! mostly sentences without figures, some with facts, from templates and a fixed seed, so every
//! run reads the same bytes. Single thread; prints MB/s per core, and the syntax layer's own
//! speed (tagging and parsing sentences that hold a figure) in sentences and tokens per second.
//!
//! Run with `cargo bench --bench extract` (release profile). Results: `benches/README.md`.

use std::hint::black_box;
use std::time::Instant;

use factsheet::extract::extract;
use factsheet::source::Article;

/// Sentences of the genre without a figure: most of any article.
const PROSE: &[&str] = &[
    "The company said demand for its cloud services remained strong across every region.",
    "Analysts expect the market to keep consolidating as smaller vendors struggle to compete.",
    "Executives described the quarter as a turning point for the business.",
    "The new model is aimed at developers who want lower latency and simpler pricing.",
    "Competition among the largest providers has pushed many customers to renegotiate contracts.",
    "Investors have rewarded companies that show a clear path from research to revenue.",
    "The firm is expanding its data centers in several regions to meet demand for computing power.",
    "Regulators are watching the sector closely, and several inquiries remain open.",
    "Partners said the platform made it easier to build and deploy agents inside existing tools.",
    "Its chief executive argued that open models would win over developers in the long run.",
    "Smaller rivals have responded by focusing on niche markets and specialised hardware.",
    "The update brings better reasoning, longer context and support for images and audio.",
];

/// Sentences with facts; `{n}` is replaced by a generated figure.
const FACTS: &[&str] = &[
    "Nimbus Cloud's quarterly revenue grew by {n}% year-over-year in the second quarter.",
    "To date, Orbitly boasts over {n} million users, {n},000 partners and {n} million daily requests.",
    "In May, the company cut the price of its flagship model by {n}%.",
    "Vantor spent ${n}.5 billion on capital expenditures in the quarter.",
    "The three largest providers hold {n}% of that market.",
    "Its app has been downloaded more than {n} million times since launch.",
    "The rollout took {n} months, and the firm now serves customers in {n} countries.",
];

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn article(rng: &mut Rng, index: usize) -> Article {
    let mut text = String::from("09/24 2024 0\nA market in motion\n");
    for _ in 0..40 {
        for _ in 0..8 {
            let sentence = if rng.below(100) < 12 {
                let template = FACTS[rng.below(FACTS.len())];
                let mut out = String::new();
                for (i, part) in template.split("{n}").enumerate() {
                    if i > 0 {
                        out.push_str(&(2 + rng.below(97)).to_string());
                    }
                    out.push_str(part);
                }
                out
            } else {
                PROSE[rng.below(PROSE.len())].to_string()
            };
            text.push_str(&sentence);
            text.push(' ');
        }
        text.push('\n');
    }
    Article::parse(&format!("seeds/{index:05}.txt"), text).expect("a generated article parses")
}

fn main() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut corpus = Vec::new();
    let mut bytes = 0usize;
    while bytes < 100 * 1024 * 1024 {
        let a = article(&mut rng, corpus.len());
        bytes += a.text.len();
        corpus.push(a);
    }
    let start = Instant::now();
    let mut facts = 0usize;
    for a in &corpus {
        facts += black_box(extract(black_box(a))).len();
    }
    let seconds = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "extract: {mb:.1} MB in {} articles, {facts} facts, {seconds:.2} s, {:.1} MB/s per core",
        corpus.len(),
        mb / seconds
    );
    syntax_throughput();
}

/// The tagger and parser alone, on the sentences with figures: the ones extraction parses.
fn syntax_throughput() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let sentences: Vec<String> = (0..50_000)
        .map(|_| {
            let template = FACTS[rng.below(FACTS.len())];
            template.replace("{n}", &(2 + rng.below(97)).to_string())
        })
        .collect();
    let start = Instant::now();
    let mut tokens = 0usize;
    for sentence in &sentences {
        tokens += black_box(factsheet::extract::syntax::parse_text(black_box(sentence))).len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "syntax: {} sentences, {tokens} tokens, {seconds:.2} s: {:.0} sentences/s, {:.0} tokens/s per core",
        sentences.len(),
        sentences.len() as f64 / seconds,
        tokens as f64 / seconds
    );
}
