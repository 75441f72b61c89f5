//! Reading a CoNLL-U treebank and projecting its trees onto factsheet's own tokens.
//!
//! The treebank splits words its own way ("all - girl", "do n't", "$ 5 bn") and the extractor
//! reads the tokens of [`super::super::text::tokens`]. Training on the extractor's tokens
//! means the tagger and parser never see a split at run time that they did not learn: each
//! of our tokens takes the tag, head and label of the treebank word it covers that is the
//! head of the others it covers.

use super::super::text::{self, Token};
use super::{Dep, Upos};

/// One sentence of the treebank on our tokens, with its gold annotation.
pub struct Sentence {
    pub text: String,
    pub tags: Vec<Upos>,
    /// `None` for the root.
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Dep>,
}

impl Sentence {
    pub fn tokens(&self) -> Vec<Token<'_>> {
        text::tokens(&self.text, 0, self.text.len())
    }
}

/// A treebank word: its form, tag, head (1-based, 0 for the root) and relation.
struct Word {
    form: String,
    tag: Upos,
    head: usize,
    label: Dep,
}

/// The sentences of a CoNLL-U file; multiword-token ranges and empty nodes are skipped (the
/// words they stand for carry the annotation). A sentence whose words cannot be found in its
/// `# text` is dropped.
pub fn read(conllu: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut words = Vec::new();
    for line in conllu.lines().chain(std::iter::once("")) {
        if line.is_empty() {
            if !words.is_empty()
                && let Some(sentence) = project(&text, &words)
            {
                out.push(sentence);
            }
            words.clear();
            text.clear();
        } else if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_string();
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 8 || cols[0].contains(['-', '.']) {
                continue;
            }
            words.push(Word {
                form: cols[1].to_string(),
                tag: upos(cols[3]),
                head: cols[6].parse().unwrap_or(0),
                label: dep(cols[7]),
            });
        }
    }
    out
}

/// The gold annotation on our tokens of `text`.
fn project(text: &str, words: &[Word]) -> Option<Sentence> {
    // Where each treebank word lies in the text.
    let mut spans = Vec::with_capacity(words.len());
    let mut at = 0;
    for w in words {
        let found = text[at..].find(&w.form)? + at;
        spans.push((found, found + w.form.len()));
        at = found + w.form.len();
    }
    let tokens = text::tokens(text, 0, text.len());
    if tokens.is_empty() {
        return None;
    }
    // The token covering each word (by its first byte), and the words of each token.
    let token_of = |byte: usize| tokens.iter().rposition(|t| t.start <= byte);
    let word_token: Vec<usize> = spans
        .iter()
        .map(|&(s, _)| token_of(s).unwrap_or(0))
        .collect();
    let mut tags = Vec::with_capacity(tokens.len());
    let mut heads = Vec::with_capacity(tokens.len());
    let mut labels = Vec::with_capacity(tokens.len());
    for (t, token) in tokens.iter().enumerate() {
        let covered: Vec<usize> = (0..words.len()).filter(|&w| word_token[w] == t).collect();
        // The covered word whose head lies outside the token; a token inside a word (our
        // tokenizer split what the treebank kept whole) attaches to the token before it.
        let Some(&w) = covered
            .iter()
            .find(|&&w| words[w].head == 0 || word_token[words[w].head - 1] != t)
        else {
            let before = t.checked_sub(1)?;
            tags.push(tags.last().copied().unwrap_or(Upos::X));
            heads.push(Some(before));
            labels.push(if token.kind == text::TokenKind::Symbol {
                Dep::Punct
            } else {
                Dep::Flat
            });
            continue;
        };
        let word = &words[w];
        tags.push(word.tag);
        labels.push(word.label);
        heads.push(match word.head {
            0 => None,
            h => Some(*word_token.get(h - 1)?),
        });
    }
    Some(Sentence {
        text: text.to_string(),
        tags,
        heads,
        labels,
    })
}

pub fn upos(tag: &str) -> Upos {
    match tag {
        "ADJ" => Upos::Adj,
        "ADP" => Upos::Adp,
        "ADV" => Upos::Adv,
        "AUX" => Upos::Aux,
        "CCONJ" => Upos::Cconj,
        "DET" => Upos::Det,
        "INTJ" => Upos::Intj,
        "NOUN" => Upos::Noun,
        "NUM" => Upos::Num,
        "PART" => Upos::Part,
        "PRON" => Upos::Pron,
        "PROPN" => Upos::Propn,
        "PUNCT" => Upos::Punct,
        "SCONJ" => Upos::Sconj,
        "SYM" => Upos::Sym,
        "VERB" => Upos::Verb,
        _ => Upos::X,
    }
}

/// The relations the extractor reads, from the treebank's (subtypes folded in).
pub fn dep(label: &str) -> Dep {
    let (base, sub) = label.split_once(':').unwrap_or((label, ""));
    match (base, sub) {
        ("nsubj" | "csubj", _) => Dep::Nsubj,
        ("obj", _) => Dep::Obj,
        ("iobj", _) => Dep::Iobj,
        ("obl", _) => Dep::Obl,
        ("nmod", "poss") => Dep::Poss,
        ("nmod", _) => Dep::Nmod,
        ("amod", _) => Dep::Amod,
        ("compound", "prt") => Dep::Other,
        ("compound", _) => Dep::Compound,
        ("flat", _) => Dep::Flat,
        ("nummod", _) => Dep::Nummod,
        ("det", _) => Dep::Det,
        ("case", _) => Dep::Case,
        ("conj", _) => Dep::Conj,
        ("cc", _) => Dep::Cc,
        ("appos", _) => Dep::Appos,
        ("advmod", _) => Dep::Advmod,
        ("aux", _) => Dep::Aux,
        ("cop", _) => Dep::Cop,
        ("mark", _) => Dep::Mark,
        ("acl", "relcl") => Dep::Relcl,
        ("acl", _) => Dep::Acl,
        ("advcl", _) => Dep::Advcl,
        ("ccomp", _) => Dep::Ccomp,
        ("xcomp", _) => Dep::Xcomp,
        ("parataxis", _) => Dep::Parataxis,
        ("root", _) => Dep::Root,
        ("punct", _) => Dep::Punct,
        _ => Dep::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Sales rose 5% at all-girl shops.
1\tSales\tsale\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\trose\trise\tVERB\tVBD\t_\t0\troot\t_\t_
3\t5\t5\tNUM\tCD\t_\t4\tnummod\t_\t_
4\t%\t%\tSYM\tNN\t_\t2\tobj\t_\t_
5\tat\tat\tADP\tIN\t_\t9\tcase\t_\t_
6\tall\tall\tDET\tDT\t_\t8\tcompound\t_\t_
7\t-\t-\tPUNCT\tHYPH\t_\t6\tpunct\t_\t_
8\tgirl\tgirl\tNOUN\tNN\t_\t9\tcompound\t_\t_
9\tshops\tshop\tNOUN\tNNS\t_\t2\tobl\t_\t_
10\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

    #[test]
    fn a_hyphenated_word_takes_the_annotation_of_its_head_word() {
        let s = &read(SAMPLE)[0];
        let words: Vec<&str> = s.tokens().iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            ["Sales", "rose", "5", "%", "at", "all-girl", "shops", "."]
        );
        assert_eq!(s.tags[5], Upos::Noun);
        assert_eq!(s.heads[5], Some(6));
        assert_eq!(s.labels[5], Dep::Compound);
        assert_eq!(s.heads[1], None);
        assert_eq!(s.heads[0], Some(1));
        assert_eq!(s.labels[6], Dep::Obl);
    }

    #[test]
    fn subtypes_fold_into_the_relations_the_extractor_reads() {
        assert_eq!(dep("nsubj:pass"), Dep::Nsubj);
        assert_eq!(dep("nmod:poss"), Dep::Poss);
        assert_eq!(dep("acl:relcl"), Dep::Relcl);
        assert_eq!(dep("obl:tmod"), Dep::Obl);
        assert_eq!(dep("discourse"), Dep::Other);
    }
}
