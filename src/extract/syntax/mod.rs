//! TEMPORARY stand-in for the trained tagger and parser: the same interface, no model.

use super::text::{Token, TokenKind};

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

#[derive(Debug, Clone, Default)]
pub struct Parse {
    pub tags: Vec<Upos>,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Dep>,
}

pub fn parse(tokens: &[Token]) -> Parse {
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
