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
    tokens.iter().map(atoms_of).collect()
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

fn atoms_of(token: &Token) -> Atoms {
    // Numbers differ in their digits, which say nothing of their part of speech; their letters
    // ("bn", "th", "m") do.
    let normal: String = match token.kind {
        TokenKind::Number => {
            let letters: String = token.lower.chars().filter(|c| c.is_alphabetic()).collect();
            format!("#{letters}")
        }
        _ => token.lower.clone(),
    };
    let chars: Vec<char> = normal.chars().collect();
    let mut suffix = [0; 4];
    for (n, s) in suffix.iter_mut().enumerate() {
        let from = chars.len().saturating_sub(n + 1);
        *s = hash_str(&chars[from..].iter().collect::<String>(), 10 + n as u64);
    }
    Atoms {
        word: hash_str(&normal, 3),
        shape: hash_str(&shape(token.text), 4),
        prefix: hash_str(&chars.iter().take(1).collect::<String>(), 5),
        prefix3: hash_str(&chars.iter().take(3).collect::<String>(), 6),
        suffix,
        last_part: hash_str(normal.rsplit('-').next().unwrap_or(&normal), 7),
        capital: token.text.chars().next().is_some_and(char::is_uppercase),
    }
}

/// "Xxxx" → "Xx", "U.S." → "X.X.", "3.5bn" → "d.dx": letter case and digits, runs folded.
fn shape(text: &str) -> String {
    let mut out = String::new();
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
    out
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
