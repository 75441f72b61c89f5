//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! affixes and shape, its neighbours and the two tags before it (the design of Honnibal's
//! "A good part-of-speech tagger in about 200 lines of Python", 2013).

use super::super::text::{Token, TokenKind};
use super::features::{self, Atoms, END, START, key, key3};
use super::model::Model;
use super::perceptron::{Perceptron, best};
use super::{Upos, closed};
use crate::lexicon::words::MEASURES;

/// The tags of `tokens` by `model` as the extractor reads them: the model's guesses, with the
/// words it reads wrongly for a reason we can state set right ([`corrected`]) and a word of a
/// closed class only where [`closed`] lists it. Where the first reading shows a word the model
/// reads wrongly in its context (a name's first word, a measure's qualifier, an owned measure),
/// the sentence is read again with that word's tag fixed, so the tags after it follow.
pub fn tag(model: &Model, tokens: &[Token], atoms: &[Atoms]) -> Vec<Upos> {
    let read = |fixes: &[(usize, Upos)]| {
        tag_with(
            model,
            tokens,
            atoms,
            |i, token| {
                let fix = fixes.iter().find(|&&(at, _)| at == i);
                tokenized(token)
                    .or_else(|| corrected(token))
                    .or(fix.map(|&(_, tag)| tag))
            },
            |tag, token| closed::allows(tag, &token.lower),
        )
    };
    let tags = read(&[]);
    let mut fixes: Vec<(usize, Upos)> = qualifiers_of_measures(tokens, &tags);
    fixes.extend(owned_measures(tokens, &tags));
    fixes.extend(opens_a_name(model, tokens, atoms, &tags).map(|i| (i, Upos::Propn)));
    if fixes.is_empty() { tags } else { read(&fixes) }
}

/// "its guidance for underlying operating profit": a word that qualifies the measure after it
/// read as a verb ("underlying", "operating") takes the measure for its object, and the
/// measure loses the words that say which it is.
fn qualifiers_of_measures(tokens: &[Token], tags: &[Upos]) -> Vec<(usize, Upos)> {
    let qualifies = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| QUALIFIERS_OF_MEASURES.contains(&t.lower.as_str()))
    };
    let measure = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| MEASURES.contains(&t.lower.as_str()))
    };
    (0..tokens.len())
        .filter(|&i| tags[i] == Upos::Verb && qualifies(i))
        .filter(|&i| measure(i + 1) || qualifies(i + 1) && measure(i + 2))
        .map(|i| (i, Upos::Adj))
        .collect()
}

/// "saw its market share slip": a measure right after a possessive, or after a possessive and
/// a noun, is the thing owned, not a verb.
fn owned_measures(tokens: &[Token], tags: &[Upos]) -> Vec<(usize, Upos)> {
    let possessive = |i: usize| {
        matches!(
            tokens[i].lower.as_str(),
            "its" | "their" | "his" | "her" | "our" | "your" | "my"
        ) || tokens[i].kind == TokenKind::Possessive
    };
    (1..tokens.len())
        .filter(|&i| tags[i] == Upos::Verb)
        .filter(|&i| MEASURES.contains(&tokens[i].lower.as_str()))
        .filter(|&i| possessive(i - 1) || i >= 2 && tags[i - 1] == Upos::Noun && possessive(i - 2))
        .map(|i| (i, Upos::Noun))
        .collect()
}

const QUALIFIERS_OF_MEASURES: &[&str] = &[
    "underlying",
    "operating",
    "adjusted",
    "diluted",
    "recurring",
    "trading",
    "remaining",
];

/// "Pellow Foods, the UK's third-largest grocer, said ...": a capitalised word the treebank
/// never showed, opening the sentence right before a name, is the name's first word. The model
/// reads it as a verb, as it would read "Take" or "Consider", and the tree then falls apart.
fn opens_a_name(model: &Model, tokens: &[Token], atoms: &[Atoms], tags: &[Upos]) -> Option<usize> {
    let first = tokens.iter().position(|t| t.kind == TokenKind::Word)?;
    let next = tokens.get(first + 1)?;
    let before_a_name = next.kind == TokenKind::Word
        && next.is_capitalized()
        && tags.get(first + 1) == Some(&Upos::Propn);
    if tags[first] == Upos::Propn || !tokens[first].is_capitalized() || !before_a_name {
        return None;
    }
    let mut scores = [0f32; Upos::ALL.len()];
    model.add_all(&[key(1, atoms[first].word, 0)], &mut scores);
    scores.iter().all(|&s| s == 0.0).then_some(first)
}

/// The model's own guesses, with only the tags the tokenizer decides. Training sees these,
/// so the weights are what the treebank alone makes and the corrections stay rules of reading.
pub fn guess(model: &Model, tokens: &[Token], atoms: &[Atoms]) -> Vec<Upos> {
    tag_with(
        model,
        tokens,
        atoms,
        |_, token| tokenized(token),
        |_, _| true,
    )
}

fn tag_with(
    model: &Model,
    tokens: &[Token],
    atoms: &[Atoms],
    fixed: impl Fn(usize, &Token) -> Option<Upos>,
    allowed: impl Fn(Upos, &Token) -> bool,
) -> Vec<Upos> {
    let mut tags = Vec::with_capacity(tokens.len());
    let mut scores = vec![0f32; Upos::ALL.len()];
    let mut feats = Vec::with_capacity(32);
    for (i, token) in tokens.iter().enumerate() {
        let tag = fixed(i, token).unwrap_or_else(|| {
            features_at(atoms, &tags, i, &mut feats);
            scores.fill(0.0);
            model.add_all(&feats, &mut scores);
            Upos::ALL[best(&scores, |c| allowed(Upos::ALL[c], token)).unwrap_or(0)]
        });
        tags.push(tag);
    }
    tags
}

/// Tokens whose tag our tokenizer already decides.
fn tokenized(token: &Token) -> Option<Upos> {
    match token.kind {
        TokenKind::Possessive => Some(Upos::Part),
        TokenKind::Number
            if token
                .lower
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',') =>
        {
            Some(Upos::Num)
        }
        _ => None,
    }
}

/// Words of business news the treebanks hardly hold, whose tag we know better than the model.
fn corrected(token: &Token) -> Option<Upos> {
    if token.kind != TokenKind::Word {
        return None;
    }
    let word = token.lower.as_str();
    // "grew 155% year-over-year": read as nouns these take the figure for their own; they say
    // how, as an adverb does.
    if BASIS_ADVERBS.contains(&word) {
        return Some(Upos::Adv);
    }
    // "the market stood at 31%": irregular past forms carry no suffix for the model to read,
    // and one tagged a noun joins the measure before it. Written in lower case they are verbs;
    // capitalised they may be names.
    (token.text == token.lower && PAST_FORMS.contains(&word)).then_some(Upos::Verb)
}

const BASIS_ADVERBS: &[&str] = &[
    "year-over-year",
    "year-on-year",
    "quarter-over-quarter",
    "quarter-on-quarter",
    "month-over-month",
    "month-on-month",
    "week-over-week",
    "yoy",
    "qoq",
];

const PAST_FORMS: &[&str] = &[
    "stood", "grew", "rose", "fell", "sank", "shrank", "slid", "swung", "leapt", "came", "became",
    "went", "began", "bought", "took", "drew", "threw", "ran",
];

/// The features of token `i`, given the tags before it.
fn features_at(atoms: &[Atoms], tags: &[Upos], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = |d: isize| -> Atoms {
        let j = i as isize + d;
        if j < 0 {
            START
        } else {
            atoms.get(j as usize).copied().unwrap_or(END)
        }
    };
    let tag_at = |d: usize| i.checked_sub(d).map_or(99, |j| tags[j] as u64 + 1);
    let w = at(0);
    let (t1, t2) = (tag_at(1), tag_at(2));
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    out.extend([
        key(0, 0, 0),
        key(1, w.word, 0),
        key(2, w.suffix[2], 0),
        key(3, w.prefix, 0),
        key(4, t1, 0),
        key(5, t2, 0),
        key(6, t1, t2),
        key(7, t1, w.word),
        key(8, p1.word, 0),
        key(9, p1.suffix[2], 0),
        key(10, p2.word, 0),
        key(11, n1.word, 0),
        key(12, n1.suffix[2], 0),
        key(13, n2.word, 0),
        key(14, w.shape, 0),
        key(15, w.suffix[1], 0),
        key(16, w.suffix[3], 0),
        key(17, w.suffix[0], 0),
        key(18, w.shape, u64::from(i == 0)),
        key(19, p1.word, w.word),
        key(20, w.word, n1.word),
        key(21, n1.shape, 0),
        key(22, p1.shape, 0),
        key3(23, t1, w.suffix[2], 0),
        key(24, n1.suffix[1], w.suffix[2]),
        key(25, u64::from(w.capital), t1),
        key(26, w.prefix3, 0),
        key(27, w.last_part, 0),
        key(28, n1.suffix[2], n2.suffix[2]),
        key(29, p1.word, t1),
        // A capital inside the sentence marks a name more surely than any suffix ("Orbitly").
        key(30, u64::from(w.capital && i > 0), w.suffix[1]),
        key(31, u64::from(w.capital && i > 0), 0),
    ]);
}

/// Trains the tagger on `sentences` (tokens and gold tags) for `epochs` passes, visiting
/// them in the order `order` gives for each pass.
pub fn train(
    sentences: &[(Vec<Token>, Vec<Upos>)],
    epochs: usize,
    mut order: impl FnMut(usize) -> Vec<usize>,
) -> Perceptron {
    let mut p = Perceptron::new(Upos::ALL.len());
    let mut scores = vec![0f32; Upos::ALL.len()];
    let mut feats = Vec::new();
    for epoch in 0..epochs {
        for s in order(epoch) {
            let (tokens, gold) = &sentences[s];
            let atoms = features::atoms(tokens);
            let mut tags = Vec::with_capacity(tokens.len());
            for (i, token) in tokens.iter().enumerate() {
                if let Some(t) = tokenized(token) {
                    tags.push(t);
                    continue;
                }
                features_at(&atoms, &tags, i, &mut feats);
                p.scores(&feats, &mut scores);
                let guess = best(&scores, |_| true).unwrap_or(0);
                p.update(&feats, gold[i] as usize, guess);
                // The guess, not the gold tag, feeds the next token's features: tagging has no gold.
                tags.push(Upos::ALL[guess]);
            }
        }
    }
    p
}
