//! What the tagger and the parser see of a token: its word, shape, prefix and suffixes, each
//! hashed once per sentence, and the mixing of those hashes into feature keys. Training and
//! tagging call the same functions, so a feature means the same thing in both.

use super::super::text::{Token, TokenKind};

/// The hashed views of one token.
#[derive(Clone, Copy)]
pub struct Atoms {
    pub word: u64,
    pub shape: u64,
    pub prefix: u64,
    pub prefix3: u64,
    pub suffix: [u64; 4],
    /// The last part of a hyphenated word ("all-girl": "girl"), or the word.
    pub last_part: u64,
    pub capital: bool,
}

/// The atoms of each token, and of the two boundaries either side.
pub fn atoms(tokens: &[Token]) -> Vec<Atoms> {
    // Two buffers for all the tokens: a sentence's atoms are made for every sentence parsed.
    let mut number = String::new();
    let mut shape_of = String::new();
    tokens
        .iter()
        .map(|t| atoms_of(t, &mut number, &mut shape_of))
        .collect()
}

pub const START: Atoms = boundary(1);
pub const END: Atoms = boundary(2);

const fn boundary(n: u64) -> Atoms {
    Atoms {
        word: n,
        shape: n,
        prefix: n,
        prefix3: n,
        suffix: [n; 4],
        last_part: n,
        capital: false,
    }
}

fn atoms_of(token: &Token, number: &mut String, shape_of: &mut String) -> Atoms {
    // Numbers differ in their digits, which say nothing of their part of speech; their letters
    // ("bn", "th", "m") do.
    let normal: &str = match token.kind {
        TokenKind::Number => {
            number.clear();
            number.push('#');
            number.extend(token.lower.chars().filter(|c| c.is_alphabetic()));
            number
        }
        _ => &token.lower,
    };
    // Affixes are counted in characters and hashed as the bytes of those characters.
    let mut suffix = [0; 4];
    let mut tail = normal.char_indices().rev().map(|(at, _)| at);
    for (n, s) in suffix.iter_mut().enumerate() {
        // Fewer characters than the suffix's length: the whole word.
        let from = tail.next().unwrap_or(0);
        *s = hash_str(&normal[from..], 10 + n as u64);
    }
    let prefix_end = |chars: usize| {
        normal
            .char_indices()
            .nth(chars)
            .map_or(normal.len(), |(at, _)| at)
    };
    shape(token.text, shape_of);
    Atoms {
        word: hash_str(normal, 3),
        shape: hash_str(shape_of, 4),
        prefix: hash_str(&normal[..prefix_end(1)], 5),
        prefix3: hash_str(&normal[..prefix_end(3)], 6),
        suffix,
        last_part: hash_str(normal.rsplit('-').next().unwrap_or(normal), 7),
        capital: token.text.chars().next().is_some_and(char::is_uppercase),
    }
}

/// "Xxxx" → "Xx", "U.S." → "X.X.", "3.5bn" → "d.dx": letter case and digits, runs folded.
fn shape(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
}

fn hash_str(s: &str, seed: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(s.as_bytes(), seed)
}

/// The murmur3 finaliser: a bijection that spreads every input bit over the output.
fn spread(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The key of feature template `template` over the values `a` and `b`.
#[inline]
pub fn key(template: u64, a: u64, b: u64) -> u64 {
    spread(spread(a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15)) ^ b)
}

/// The key of a template over three values.
#[inline]
pub fn key3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    key(template, key(template, a, b), c)
}
