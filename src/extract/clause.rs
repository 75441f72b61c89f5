//! The clause a figure sits in, read from the sentence's dependency tree: the noun the figure
//! measures ("500,000 agents", "revenue of $94 billion", "a 20% stake"), the predicate that
//! governs it, that predicate's subject (followed through coordination, relative clauses and
//! control verbs), its object and recipient, the preposition that introduces the figure ("to
//! £212m", "from £1.3bn") and who reports it ("the bank said").
//!
//! Everything here is a token index into the sentence; the resolvers decide what the tokens
//! mean. A tree from the parser may be wrong or flat: every step is bounded and may give
//! nothing, never a panic.

use super::qualifier;
use super::syntax::{Dep, Parse, Upos};
use super::text::Token;
use super::words;

/// A dependency tree with each token's children, for walking down as well as up.
pub struct Tree<'p> {
    parse: &'p Parse,
    children: Vec<Vec<usize>>,
}

impl<'p> Tree<'p> {
    pub fn new(parse: &'p Parse) -> Tree<'p> {
        let mut children = vec![Vec::new(); parse.heads.len()];
        for (i, head) in parse.heads.iter().enumerate() {
            if let Some(h) = head.filter(|&h| h < children.len() && h != i) {
                children[h].push(i);
            }
        }
        Tree { parse, children }
    }

    pub fn len(&self) -> usize {
        self.parse.heads.len()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.parse
            .heads
            .get(i)
            .copied()
            .flatten()
            .filter(|&h| h < self.len() && h != i)
    }

    pub fn label(&self, i: usize) -> Dep {
        self.parse.labels.get(i).copied().unwrap_or(Dep::Other)
    }

    pub fn tag(&self, i: usize) -> Upos {
        self.parse.tags.get(i).copied().unwrap_or(Upos::X)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        self.children.get(i).map_or(&[], Vec::as_slice)
    }

    /// The first child of `i` with one of `labels`.
    pub fn child(&self, i: usize, labels: &[Dep]) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| labels.contains(&self.label(c)))
    }

    pub fn is_noun(&self, i: usize) -> bool {
        matches!(
            self.tag(i),
            Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::Sym | Upos::X
        )
    }

    /// A verb, an auxiliary, or a word with a copula ("revenue was $3bn": `$` is the
    /// predicate).
    pub fn is_predicate(&self, i: usize) -> bool {
        matches!(self.tag(i), Upos::Verb | Upos::Aux)
            || self.child(i, &[Dep::Cop]).is_some()
            || self.head(i).is_none() && self.child(i, &[Dep::Nsubj]).is_some()
    }

    /// Whether `a` lies in the subtree of `b`.
    pub fn within(&self, a: usize, b: usize) -> bool {
        let mut at = a;
        for _ in 0..=self.len() {
            if at == b {
                return true;
            }
            match self.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// The tokens of `i`'s subtree as a range, end exclusive.
    pub fn span(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            seen += 1;
            if seen > self.len() {
                break;
            }
            lo = lo.min(n);
            hi = hi.max(n);
            stack.extend_from_slice(self.children(n));
        }
        (lo, hi + 1)
    }

    /// The chain of heads above `i`, nearest first, bounded by the sentence's length.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = Some(i);
        let mut left = self.len();
        std::iter::from_fn(move || {
            let next = self.head(at?)?;
            if left == 0 {
                return None;
            }
            left -= 1;
            at = Some(next);
            Some(next)
        })
    }
}

/// How a predicate's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The predicate's own subject.
    Own,
    /// The subject of the verb it is coordinated with ("rose 11% and added ...").
    Shared,
    /// The noun a relative or participle clause describes ("Harlow, which has ...").
    Described,
    /// The subject or object of the verb that controls it ("saw profits slip 4%").
    Controlled,
}

/// The clause of one figure.
#[derive(Debug, Clone, Default)]
pub struct Clause {
    /// The figure's head token.
    pub head: usize,
    /// The noun the figure measures or counts directly.
    pub noun: Option<usize>,
    /// The verb (or copular word) that governs the figure.
    pub predicate: Option<usize>,
    /// The head of the predicate's subject, and how it was found.
    pub subject: Option<(usize, Via)>,
    /// The head of the predicate's object, when that is not the figure.
    pub object: Option<usize>,
    /// The predicate's indirect object ("gives Orbis a 19% share").
    pub recipient: Option<usize>,
    /// The head of whoever reports the clause ("the bank said", "according to ...").
    pub reporter: Option<usize>,
    /// The preposition that introduces the figure: "to", "from", "of", "at", "by", ...
    pub preposition: Option<usize>,
    /// The figure stands for the base of a comparison ("from £1.3bn", "compared with ...").
    pub base: bool,
}

const CLAUSAL: &[Dep] = &[
    Dep::Acl,
    Dep::Relcl,
    Dep::Advcl,
    Dep::Ccomp,
    Dep::Xcomp,
    Dep::Parataxis,
];

impl Clause {
    /// The clause of the figure on tokens `first..=last`.
    pub fn of(tree: &Tree, tokens: &[Token], first: usize, last: usize) -> Clause {
        let last = last.min(tree.len().saturating_sub(1));
        let inside = |i: usize| (first..=last).contains(&i);
        let head = (first..=last)
            .rev()
            .find(|&i| tree.head(i).is_none_or(|h| !inside(h)))
            .unwrap_or(last);
        let mut clause = Clause {
            head,
            ..Clause::default()
        };
        if tree.len() == 0 {
            return clause;
        }
        // The words of the figure's own bound ("more than a million") introduce no base.
        let bound = qualifier::phrase_before(tokens, first).map_or(first, |(_, start)| start);
        clause.preposition = preposition(tree, tokens, head, bound);
        clause.base = clause.preposition.is_some_and(|p| is_base_word(tokens, p))
            || base_before(tokens, bound);
        // A figure in a list or an apposition ("$17.5 billion, or 23%") shares the role of the
        // one it follows.
        let mut at = head;
        for _ in 0..tree.len() {
            match (tree.label(at), tree.head(at)) {
                (Dep::Conj | Dep::Appos, Some(h)) if tree.is_noun(h) && !tree.is_predicate(h) => {
                    at = h
                }
                _ => break,
            }
        }
        if let Some(g) = tree.head(at)
            && tree.is_noun(g)
            && !tree.is_predicate(at)
            && matches!(
                tree.label(at),
                Dep::Nummod | Dep::Amod | Dep::Compound | Dep::Nmod | Dep::Flat
            )
        {
            clause.noun = Some(g);
            at = g;
        }
        clause.predicate = predicate(tree, at);
        if let Some(p) = clause.predicate {
            clause.subject = subject_of(tree, tokens, p);
            clause.object = tree
                .child(p, &[Dep::Obj])
                .filter(|&o| !tree.within(head, o) && o != at);
            clause.recipient = tree.child(p, &[Dep::Iobj]);
            clause.reporter = reporter_of(tree, tokens, p);
        }
        clause
    }

    /// Whether token `i` belongs to this clause's predicate and not to a clause inside it.
    pub fn holds(&self, tree: &Tree, i: usize) -> bool {
        let Some(p) = self.predicate else {
            return false;
        };
        let mut at = i;
        for _ in 0..tree.len() {
            if at == p {
                return true;
            }
            if CLAUSAL.contains(&tree.label(at)) {
                return false;
            }
            match tree.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }
}

/// The preposition introducing the figure: its own `case` child, else the word before it.
fn preposition(tree: &Tree, tokens: &[Token], head: usize, first: usize) -> Option<usize> {
    tree.child(head, &[Dep::Case])
        .filter(|&p| p < first)
        .or_else(|| {
            // "up from 4.9%", "down to 84%": the particle before the preposition is no case.
            let before = first.checked_sub(1)?;
            words::PREPOSITIONS
                .contains(&tokens[before].lower.as_str())
                .then_some(before)
        })
        .filter(|&p| p < first)
}

fn is_base_word(tokens: &[Token], p: usize) -> bool {
    let w = tokens[p].lower.as_str();
    matches!(w, "from" | "than" | "versus" | "vs" | "against")
        || w == "with" && p > 0 && tokens[p - 1].lower.starts_with("compar")
}

/// "compared with £1.32bn", "up from 7.1 million", "than $3bn a year earlier".
fn base_before(tokens: &[Token], first: usize) -> bool {
    (first.saturating_sub(3)..first).any(|i| is_base_word(tokens, i))
        && !(first.saturating_sub(3)..first).any(|i| tokens[i].is("to"))
}

/// The predicate governing token `at`: the nearest verb or copular word above it, or `at`
/// itself when it is the root of a copular clause.
fn predicate(tree: &Tree, at: usize) -> Option<usize> {
    if tree.is_predicate(at) {
        return Some(at);
    }
    let mut x = at;
    for _ in 0..tree.len() {
        let Some(g) = tree.head(x) else {
            // A sentence whose root is a noun ("Revenue of $3bn in the quarter."): the root.
            return Some(x);
        };
        if tree.is_predicate(g) {
            return Some(g);
        }
        if CLAUSAL.contains(&tree.label(x)) {
            return Some(g);
        }
        x = g;
    }
    None
}

/// The subject of predicate `p`, following coordination, control and relative clauses.
fn subject_of(tree: &Tree, tokens: &[Token], p: usize) -> Option<(usize, Via)> {
    let mut at = p;
    let mut via = Via::Own;
    for _ in 0..tree.len() {
        if let Some(s) = tree.child(at, &[Dep::Nsubj]) {
            // "which", "that", "who" stand for the noun the clause describes.
            let relative = words::RELATIVES.contains(&tokens[s].lower.as_str());
            if !(relative && tree.label(at) == Dep::Relcl) {
                return Some((s, via));
            }
        }
        let Some(h) = tree.head(at) else {
            break;
        };
        match tree.label(at) {
            Dep::Conj => via = Via::Shared,
            Dep::Xcomp => {
                via = Via::Controlled;
                if let Some(o) = tree.child(h, &[Dep::Obj]) {
                    return Some((o, via));
                }
            }
            Dep::Relcl | Dep::Acl if tree.is_noun(h) => return Some((h, Via::Described)),
            Dep::Advcl => via = Via::Shared,
            _ => break,
        }
        at = h;
    }
    subject_before(tree, tokens, p).map(|s| (s, Via::Own))
}

/// Where the tree gives a verb no subject ("Taken together, Quillon and Vantor now expect
/// ..." read as hanging from "Taken"), the noun phrase right before it, past adverbs, is its
/// subject, as English word order has it: unless that phrase has a role of its own.
fn subject_before(tree: &Tree, tokens: &[Token], p: usize) -> Option<usize> {
    if !matches!(tree.tag(p), Upos::Verb | Upos::Aux) {
        return None;
    }
    let mut i = p.checked_sub(1)?;
    while matches!(tree.tag(i), Upos::Adv | Upos::Aux | Upos::Part) {
        i = i.checked_sub(1)?;
    }
    if !matches!(tree.tag(i), Upos::Noun | Upos::Propn | Upos::Pron)
        || words::RELATIVES.contains(&tokens[i].lower.as_str())
    {
        return None;
    }
    // The phrase's head: the first of a coordination, the head of a compound.
    let mut n = i;
    for _ in 0..tree.len() {
        match (tree.label(n), tree.head(n)) {
            (Dep::Conj | Dep::Compound | Dep::Flat, Some(h)) if h < p && tree.is_noun(h) => n = h,
            _ => break,
        }
    }
    let has_role = matches!(
        tree.label(n),
        Dep::Obl | Dep::Nmod | Dep::Obj | Dep::Iobj | Dep::Nsubj | Dep::Appos
    );
    (tree.child(n, &[Dep::Case]).is_none() && !has_role).then_some(n)
}

/// Who reports the clause of `p`: the subject of a reporting verb above it ("X said revenue
/// rose") or beside it ("revenue rose, the bank said"), or the object of "according to".
fn reporter_of(tree: &Tree, tokens: &[Token], p: usize) -> Option<usize> {
    let reports = |v: usize| words::REPORTING.contains(&tokens[v].lower.as_str());
    for &c in tree.children(p) {
        if tree.label(c) == Dep::Parataxis && reports(c) {
            return tree.child(c, &[Dep::Nsubj]);
        }
        if tree.label(c) == Dep::Obl
            && tree
                .child(c, &[Dep::Case])
                .is_some_and(|k| tokens[k].is("according"))
        {
            return Some(c);
        }
    }
    let mut at = p;
    for _ in 0..tree.len() {
        let h = tree.head(at)?;
        if matches!(tree.label(at), Dep::Ccomp | Dep::Parataxis) && reports(h) {
            return tree.child(h, &[Dep::Nsubj]);
        }
        if !matches!(tree.label(at), Dep::Conj | Dep::Ccomp | Dep::Xcomp) {
            return None;
        }
        at = h;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokens;

    /// A hand-made tree: (head, label, tag) per token, heads 1-based as in CoNLL-U (0: root).
    fn tree_of(rows: &[(usize, Dep, Upos)]) -> Parse {
        Parse {
            tags: rows.iter().map(|r| r.2).collect(),
            heads: rows.iter().map(|r| r.0.checked_sub(1)).collect(),
            labels: rows.iter().map(|r| r.1).collect(),
        }
    }

    #[test]
    fn a_verb_the_tree_gave_no_subject_takes_the_phrase_right_before_it() {
        // The tree hangs the coordination and the verb from an opening participle.
        let s = "Taken together, Nimbus and Orbis now expect sales of $3 billion";
        let toks = tokens(s, 0, s.len());
        use Dep::*;
        use Upos::*;
        let parse = tree_of(&[
            (0, Root, Verb),
            (1, Advmod, Adv),
            (1, Dep::Punct, Upos::Punct),
            (1, Other, Propn),
            (6, Cc, Cconj),
            (4, Conj, Propn),
            (8, Advmod, Adv),
            (1, Advcl, Verb),
            (8, Obj, Noun),
            (11, Case, Adp),
            (9, Nmod, Sym),
            (11, Nummod, Num),
            (11, Nummod, Num),
        ]);
        let tree = Tree::new(&parse);
        let clause = Clause::of(&tree, &toks, 10, 12);
        assert_eq!(clause.predicate, Some(7));
        assert_eq!(clause.subject, Some((3, Via::Own)));
        // A phrase with a role of its own is not taken: "in May" before "Nimbus expects".
        let s = "In May expect sales of $3 billion";
        let toks = tokens(s, 0, s.len());
        let parse = tree_of(&[
            (2, Case, Adp),
            (3, Obl, Propn),
            (0, Root, Verb),
            (3, Obj, Noun),
            (6, Case, Adp),
            (4, Nmod, Sym),
            (6, Nummod, Num),
            (6, Nummod, Num),
        ]);
        let tree = Tree::new(&parse);
        assert_eq!(Clause::of(&tree, &toks, 5, 7).subject, None);
    }

    #[test]
    fn a_figure_in_a_coordinated_verb_shares_the_first_verbs_subject() {
        // Nimbus rose 11% and added 6 million users
        let s = "Nimbus rose 11% and added 6 million users";
        let toks = tokens(s, 0, s.len());
        use Dep::*;
        use Upos::*;
        let parse = tree_of(&[
            (2, Nsubj, Propn),
            (0, Root, Verb),
            (4, Nummod, Num),
            (2, Obj, Noun),
            (6, Cc, Cconj),
            (2, Conj, Verb),
            (8, Compound, Num),
            (9, Nummod, Num),
            (6, Obj, Noun),
        ]);
        let tree = Tree::new(&parse);
        let clause = Clause::of(&tree, &toks, 6, 7);
        assert_eq!(clause.noun, Some(8));
        assert_eq!(clause.predicate, Some(5));
        assert_eq!(clause.subject, Some((0, Via::Shared)));
    }

    #[test]
    fn a_relative_clause_takes_the_noun_it_describes_as_its_subject() {
        let s = "Harlow, which has 14 million customers, said";
        let toks = tokens(s, 0, s.len());
        use Dep::*;
        use Upos::*;
        let parse = tree_of(&[
            (9, Nsubj, Propn),
            (1, Dep::Punct, Upos::Punct),
            (4, Nsubj, Pron),
            (1, Relcl, Verb),
            (6, Compound, Num),
            (7, Nummod, Num),
            (4, Obj, Noun),
            (1, Dep::Punct, Upos::Punct),
            (0, Root, Verb),
        ]);
        let tree = Tree::new(&parse);
        let clause = Clause::of(&tree, &toks, 4, 5);
        assert_eq!(clause.predicate, Some(3));
        assert_eq!(clause.subject, Some((0, Via::Described)));
    }

    #[test]
    fn a_figure_after_from_is_the_base_of_a_comparison() {
        let s = "fell to 1.1bn from 1.3bn";
        let toks = tokens(s, 0, s.len());
        use Dep::*;
        use Upos::*;
        let parse = tree_of(&[
            (0, Root, Verb),
            (3, Case, Adp),
            (1, Obl, Num),
            (5, Case, Adp),
            (1, Obl, Num),
        ]);
        let tree = Tree::new(&parse);
        assert!(!Clause::of(&tree, &toks, 2, 2).base);
        assert!(Clause::of(&tree, &toks, 4, 4).base);
    }

    #[test]
    fn the_than_of_a_figures_own_bound_marks_no_base() {
        let s = "and more than 4 million cups went out, up from more than 3 million";
        let toks = tokens(s, 0, s.len());
        let at = |w: &str| toks.iter().position(|t| t.text == w).unwrap();
        let parse = Parse {
            tags: vec![Upos::X; toks.len()],
            heads: vec![None; toks.len()],
            labels: vec![Dep::Other; toks.len()],
        };
        let tree = Tree::new(&parse);
        assert!(!Clause::of(&tree, &toks, at("4"), at("million")).base);
        assert!(Clause::of(&tree, &toks, at("3"), toks.len() - 1).base);
    }

    #[test]
    fn a_flat_parse_gives_an_empty_clause_without_panicking() {
        let s = "12% 14% 16%";
        let toks = tokens(s, 0, s.len());
        let parse = Parse {
            tags: vec![Upos::Num; toks.len()],
            heads: vec![None; toks.len()],
            labels: vec![Dep::Root; toks.len()],
        };
        let tree = Tree::new(&parse);
        let clause = Clause::of(&tree, &toks, 2, 3);
        assert_eq!(clause.subject, None);
    }
}
