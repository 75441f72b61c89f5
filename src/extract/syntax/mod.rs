//! The sentence's structure: part-of-speech tags (Universal Dependencies' UPOS) and a
//! dependency tree, from an averaged perceptron tagger and a greedy arc-eager parser trained on
//! English treebanks (GUM and UD English EWT; see `NOTICE`). The weights are committed in
//! `weights/` and read in place; `scripts/train-syntax` retrains them from the treebank.
//!
//! Only the relations the extractor reads are kept apart (`Dep`); the rest are `Other`.

mod closed;
mod features;
mod model;
mod parser;
mod perceptron;
mod tagger;
pub mod train;
mod treebank;

use std::sync::LazyLock;

use self::model::Model;
use super::text::{Token, TokenKind};

static TAGGER: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::read(include_bytes!("weights/tagger.bin")));
static PARSER: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::read(include_bytes!("weights/parser.bin")));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in the order of the declaration (a tag's index is its class in the model).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dep {
    Nsubj,
    Obj,
    Iobj,
    Obl,
    Nmod,
    Poss,
    Amod,
    Compound,
    Flat,
    Nummod,
    Det,
    Case,
    Conj,
    Cc,
    Appos,
    Advmod,
    Aux,
    Cop,
    Mark,
    Acl,
    Relcl,
    Advcl,
    Ccomp,
    Xcomp,
    Parataxis,
    Root,
    Punct,
    Other,
}

impl Dep {
    /// Every relation, in the order of the declaration (its index is its class in the model).
    pub const ALL: [Dep; 28] = [
        Dep::Nsubj,
        Dep::Obj,
        Dep::Iobj,
        Dep::Obl,
        Dep::Nmod,
        Dep::Poss,
        Dep::Amod,
        Dep::Compound,
        Dep::Flat,
        Dep::Nummod,
        Dep::Det,
        Dep::Case,
        Dep::Conj,
        Dep::Cc,
        Dep::Appos,
        Dep::Advmod,
        Dep::Aux,
        Dep::Cop,
        Dep::Mark,
        Dep::Acl,
        Dep::Relcl,
        Dep::Advcl,
        Dep::Ccomp,
        Dep::Xcomp,
        Dep::Parataxis,
        Dep::Root,
        Dep::Punct,
        Dep::Other,
    ];
}

#[derive(Debug, Clone, Default)]
pub struct Parse {
    pub tags: Vec<Upos>,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Dep>,
}

/// The most tokens a sentence may have to be tagged and parsed. Sentences of news are far
/// shorter; a longer "sentence" is a table or a page without full stops, where a tree would
/// mean nothing and parsing would cost time in proportion to the article's size squared.
pub const LONGEST_PARSED: usize = 250;

/// The tags and tree of a sentence's tokens.
pub fn parse(tokens: &[Token]) -> Parse {
    let (Some(tagger), Some(parser)) = (TAGGER.as_ref(), PARSER.as_ref()) else {
        return flat(tokens);
    };
    if tokens.len() > LONGEST_PARSED {
        return flat(tokens);
    }
    // The tagger and the parser read the same views of each token: made once.
    let atoms = features::atoms(tokens);
    let tags = tagger::tag(tagger, tokens, &atoms);
    let (heads, labels) = parser::parse(parser, &tags, &atoms);
    Parse {
        tags,
        heads,
        labels,
    }
}

/// The tags and tree of a sentence whose first `from` tokens are outside its grammar (a news
/// agency's dateline, "RENO, Nev., May 1 —"): the rest is parsed alone, as the model never saw
/// a place and a date run into a subject, and the outside tokens hang off its root.
pub fn parse_from(tokens: &[Token], from: usize) -> Parse {
    if from == 0 || from >= tokens.len() {
        return parse(tokens);
    }
    let rest = parse(&tokens[from..]);
    let root = rest
        .heads
        .iter()
        .position(Option::is_none)
        .map(|r| r + from);
    let mut whole = flat(&tokens[..from]);
    whole.heads = vec![root; from];
    whole.labels = vec![Dep::Other; from];
    whole.tags.extend(rest.tags);
    whole
        .heads
        .extend(rest.heads.iter().map(|h| h.map(|h| h + from)));
    whole.labels.extend(rest.labels);
    whole
}

/// Tags from the tokens' kinds and no tree: what a build without weights can do (the weights
/// are being retrained), so that extraction still runs.
fn flat(tokens: &[Token]) -> Parse {
    let tags = tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Number => Upos::Num,
            TokenKind::Symbol => Upos::Punct,
            TokenKind::Possessive => Upos::Part,
            TokenKind::Word if t.is_capitalized() => Upos::Propn,
            TokenKind::Word => Upos::Noun,
        })
        .collect();
    Parse {
        tags,
        heads: vec![None; tokens.len()],
        labels: vec![Dep::Root; tokens.len()],
    }
}

/// Each token of `text` with its tag, head and relation: for `examples/parse.rs`, to see the
/// tree the extractor reads.
pub fn parse_text(text: &str) -> Vec<(String, Upos, Option<usize>, Dep)> {
    let tokens = super::text::tokens(text, 0, text.len());
    let parse = parse(&tokens);
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                t.text.to_string(),
                parse.tags[i],
                parse.heads[i],
                parse.labels[i],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_capitalised_word_opening_a_sentence_before_a_name_is_part_of_it() {
        let tag_of = |text: &str, word: &str| {
            let tokens = super::super::text::tokens(text, 0, text.len());
            let parse = parse_from(&tokens, 0);
            let at = tokens.iter().position(|t| t.text == word).unwrap();
            parse.tags[at]
        };
        let text = "Pellow Foods, the third-largest grocer, said sales rose 3.8%.";
        assert_eq!(tag_of(text, "Pellow"), Upos::Propn);
        // A verb the treebank knows keeps its reading.
        assert_eq!(
            tag_of("Take Nimbus, whose sales rose 4%.", "Take"),
            Upos::Verb
        );
    }

    #[test]
    fn a_word_that_qualifies_the_measure_after_it_is_no_verb() {
        let text = "The retailer repeated its guidance for underlying operating profit of £1.35bn.";
        let tokens = super::super::text::tokens(text, 0, text.len());
        let parse = parse_from(&tokens, 0);
        for word in ["underlying", "operating"] {
            let at = tokens.iter().position(|t| t.text == word).unwrap();
            assert_eq!(parse.tags[at], Upos::Adj, "{word}");
        }
    }

    #[test]
    fn a_dateline_hangs_off_the_root_of_the_sentence_after_it() {
        let text = "LONDON, May 1 — Kestrel revenue rose 5% in the quarter.";
        let tokens = super::super::text::tokens(text, 0, text.len());
        let from = super::super::text::dateline_end(&tokens);
        assert_eq!(tokens[from].text, "Kestrel");
        let parse = parse_from(&tokens, from);
        assert_eq!(parse.tags.len(), tokens.len());
        let root = parse.heads.iter().position(Option::is_none).unwrap();
        assert!(
            root >= from,
            "the root is in the sentence, not the dateline"
        );
        for i in 0..from {
            assert_eq!((parse.heads[i], parse.labels[i]), (Some(root), Dep::Other));
        }
        // Heads of the sentence point into the sentence.
        assert!(parse.heads[from..].iter().flatten().all(|&h| h >= from));
    }
}
