//! The dependency parser: greedy arc-eager transitions (Nivre 2003) chosen by an averaged
//! perceptron over the words, tags, labels, distance and valency of the stack and buffer
//! (a subset of the features of Zhang and Nivre 2011). Linear in the sentence's length: one
//! pass, at most two transitions a token.
//!
//! The artificial root sits at the end of the buffer (Ballesteros and Nivre 2013), so the
//! parser decides last what hangs from it: fewer sentences fall apart into fragments.

use super::super::text::Token;
use super::features::{self, Atoms, key, key3};
use super::model::Model;
use super::perceptron::{Perceptron, best};
use super::{Dep, Upos};

const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = LEFT + Dep::ALL.len();
/// Shift, reduce, and a left and a right arc for each relation.
pub const CLASSES: usize = RIGHT + Dep::ALL.len();

/// A parser configuration.
struct State {
    stack: Vec<usize>,
    next: usize,
    heads: Vec<Option<usize>>,
    labels: Vec<Dep>,
    leftmost: Vec<Option<usize>>,
    rightmost: Vec<Option<usize>>,
    lefts: Vec<u8>,
    rights: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: Vec::with_capacity(n),
            next: 0,
            heads: vec![None; n],
            labels: vec![Dep::Root; n],
            leftmost: vec![None; n],
            rightmost: vec![None; n],
            lefts: vec![0; n],
            rights: vec![0; n],
        }
    }

    /// The index of the root, after the last token.
    fn root(&self) -> usize {
        self.heads.len()
    }

    fn done(&self) -> bool {
        self.next >= self.root() && self.stack.is_empty()
    }

    fn legal(&self, class: usize) -> bool {
        let s0 = self.stack.last().copied();
        let word = self.next < self.root();
        match class {
            SHIFT => word,
            REDUCE => s0.is_some_and(|s| self.heads[s].is_some()),
            // Only the root's dependents are labelled root, and only the root takes them.
            c if c < RIGHT => {
                (Dep::ALL[c - LEFT] == Dep::Root) != word
                    && s0.is_some_and(|s| self.heads[s].is_none())
            }
            c => Dep::ALL[c - RIGHT] != Dep::Root && word && s0.is_some(),
        }
    }

    fn apply(&mut self, class: usize) {
        match class {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            c if c < RIGHT => {
                if let Some(s0) = self.stack.pop() {
                    if self.next < self.root() {
                        self.attach(s0, self.next, Dep::ALL[c - LEFT]);
                    } else {
                        self.labels[s0] = Dep::Root;
                    }
                }
            }
            c => {
                if let Some(&s0) = self.stack.last() {
                    self.attach(self.next, s0, Dep::ALL[c - RIGHT]);
                    self.stack.push(self.next);
                    self.next += 1;
                }
            }
        }
    }

    fn attach(&mut self, child: usize, head: usize, label: Dep) {
        self.heads[child] = Some(head);
        self.labels[child] = label;
        if child < head {
            self.lefts[head] = self.lefts[head].saturating_add(1);
            if self.leftmost[head].is_none_or(|l| child < l) {
                self.leftmost[head] = Some(child);
            }
        } else {
            self.rights[head] = self.rights[head].saturating_add(1);
            if self.rightmost[head].is_none_or(|r| child > r) {
                self.rightmost[head] = Some(child);
            }
        }
    }

    fn features(&self, atoms: &[Atoms], tags: &[Upos], out: &mut Vec<u64>) {
        out.clear();
        let n = self.heads.len();
        let word = |i: Option<usize>| i.map_or(7, |i| atoms[i].word);
        let tag = |i: Option<usize>| i.map_or(0, |i| tags[i] as u64 + 1);
        let label = |i: Option<usize>| i.map_or(0, |i| self.labels[i] as u64 + 1);
        let s0 = self.stack.last().copied();
        let s1 = self.stack.len().checked_sub(2).map(|i| self.stack[i]);
        let b = |k: usize| Some(self.next + k).filter(|&i| i < n);
        let at_root = self.next >= n;
        let (b0, b1, b2) = (b(0), b(1), b(2));
        let s0h = s0.and_then(|s| self.heads[s]);
        let s0l = s0.and_then(|s| self.leftmost[s]);
        let s0r = s0.and_then(|s| self.rightmost[s]);
        let b0l = b0.and_then(|s| self.leftmost[s]);
        let s0_label = s0.filter(|&s| self.heads[s].is_some());
        let (s0w, s0t, b0w, b0t) = (word(s0), tag(s0), word(b0), tag(b0));
        let distance = match (s0, b0) {
            (Some(s), Some(b)) => (b - s).min(6) as u64,
            _ => 0,
        };
        let count = |v: &[u8], i: Option<usize>| i.map_or(9, |i| u64::from(v[i].min(4)));
        let (s0_rights, s0_lefts, b0_lefts) = (
            count(&self.rights, s0),
            count(&self.lefts, s0),
            count(&self.lefts, b0),
        );
        out.extend([
            key(100, 0, 0),
            key(101, s0w, 0),
            key(102, s0t, 0),
            key(103, s0w, s0t),
            key(104, b0w, 0),
            key(105, b0t, 0),
            key(106, b0w, b0t),
            key(107, word(b1), 0),
            key(108, tag(b1), 0),
            key(109, word(b1), tag(b1)),
            key(110, word(b2), 0),
            key(111, tag(b2), 0),
            key(112, word(s1), 0),
            key(113, tag(s1), 0),
            key(114, s0w, b0w),
            key(115, s0t, b0t),
            key3(116, s0w, s0t, b0t),
            key3(117, s0t, b0w, b0t),
            key3(118, s0w, b0w, b0t),
            key3(119, s0w, s0t, b0w),
            key3(120, b0t, tag(b1), tag(b2)),
            key3(121, s0t, b0t, tag(b1)),
            key3(122, tag(s0h), s0t, b0t),
            key3(123, s0t, tag(s0l), b0t),
            key3(124, s0t, tag(s0r), b0t),
            key3(125, s0t, b0t, tag(b0l)),
            key3(126, tag(s1), s0t, b0t),
            key(127, s0w, distance),
            key(128, s0t, distance),
            key(129, b0w, distance),
            key(130, b0t, distance),
            key3(131, s0w, b0w, distance),
            key3(132, s0t, b0t, distance),
            key(133, s0w, s0_rights),
            key(134, s0t, s0_rights),
            key(135, s0w, s0_lefts),
            key(136, s0t, s0_lefts),
            key(137, b0w, b0_lefts),
            key(138, b0t, b0_lefts),
            key(139, word(s0h), 0),
            key(140, tag(s0h), 0),
            key(141, label(s0_label), s0t),
            key(142, word(s0l), 0),
            key(143, tag(s0l), 0),
            key(144, label(s0l), 0),
            key(145, word(s0r), 0),
            key(146, tag(s0r), 0),
            key(147, label(s0r), 0),
            key(148, word(b0l), 0),
            key(149, tag(b0l), 0),
            key(150, label(b0l), 0),
            key3(151, s0t, label(s0l), label(s0r)),
            key3(152, b0t, label(b0l), 0),
            key3(153, s0t, label(s0_label), b0t),
            key3(154, s0w, label(s0_label), b0w),
            key(155, u64::from(at_root), s0t),
            key3(
                156,
                u64::from(at_root),
                s0w,
                u64::from(self.stack.len().min(4) as u8),
            ),
        ]);
    }

    /// What each transition costs from here: how many arcs of the gold tree it makes
    /// unreachable, a wrong label counting as one more (the arc-eager dynamic oracle of
    /// Goldberg and Nivre 2012; the root, at the end of the buffer, is one of its words).
    /// Illegal transitions cost `u32::MAX`.
    fn costs(&self, gold: &[Option<usize>], labels: &[Dep], out: &mut [u32]) {
        let root = self.root();
        let head = |i: usize| gold[i].unwrap_or(root);
        let b = self.next;
        let in_buffer = |k: usize| k >= b;
        let s0 = self.stack.last().copied();
        let unattached_on_stack_of = |h: usize| {
            self.stack
                .iter()
                .filter(|&&k| self.heads[k].is_none() && head(k) == h)
                .count() as u32
        };
        let dependents_in_buffer = |h: usize| (b..root).filter(|&k| head(k) == h).count() as u32;
        let on_stack = |k: usize| self.stack.contains(&k);
        for (class, cost) in out.iter_mut().enumerate() {
            if !self.legal(class) {
                *cost = u32::MAX;
                continue;
            }
            *cost = match (class, s0) {
                (SHIFT, _) => u32::from(on_stack(head(b))) + unattached_on_stack_of(b),
                // Only a shift is legal on an empty stack.
                (_, None) => u32::MAX,
                (REDUCE, Some(s)) => dependents_in_buffer(s),
                (c, Some(s)) if c < RIGHT => {
                    let h = head(s);
                    let lost_head = u32::from(h != b && in_buffer(h));
                    let wrong_label = u32::from(h == b && Dep::ALL[c - LEFT] != labels[s]);
                    lost_head + dependents_in_buffer(s) + wrong_label
                }
                (c, Some(s)) => {
                    let h = head(b);
                    let lost_head = u32::from(h != s && (in_buffer(h) || on_stack(h)));
                    let wrong_label = u32::from(h == s && Dep::ALL[c - RIGHT] != labels[b]);
                    lost_head + unattached_on_stack_of(b) + wrong_label
                }
            };
        }
    }

    /// The transition the gold tree asks for (the static oracle): what tells a tree the
    /// parser can build, which training needs, from one it cannot.
    fn oracle(&self, gold: &[Option<usize>], labels: &[Dep]) -> usize {
        let Some(&s0) = self.stack.last() else {
            return SHIFT;
        };
        let b0 = self.next;
        let root = self.root();
        let head = |i: usize| gold[i].unwrap_or(root);
        if b0 == root {
            return if self.heads[s0].is_some() {
                REDUCE
            } else {
                LEFT + Dep::Root as usize
            };
        }
        if head(s0) == b0 {
            return LEFT + labels[s0] as usize;
        }
        if gold[b0] == Some(s0) {
            return RIGHT + labels[b0] as usize;
        }
        let deeper = self.stack[..self.stack.len() - 1]
            .iter()
            .any(|&k| gold[b0] == Some(k) || gold[k] == Some(b0));
        // s0 is done when b0 hangs from the root and nothing left of it in the buffer is s0's.
        let deeper = deeper || (gold[b0].is_none() && self.heads[s0].is_some());
        if deeper && self.heads[s0].is_some() {
            REDUCE
        } else {
            SHIFT
        }
    }
}

/// Heads and labels of the tokens whose atoms are `atoms`, tagged `tags`, by `model`.
pub fn parse(model: &Model, tags: &[Upos], atoms: &[Atoms]) -> (Vec<Option<usize>>, Vec<Dep>) {
    let mut state = State::new(atoms.len());
    let mut scores = vec![0f32; CLASSES];
    let mut feats = Vec::with_capacity(64);
    while !state.done() {
        state.features(atoms, tags, &mut feats);
        scores.fill(0.0);
        model.add_all(&feats, &mut scores);
        // Some transition is always legal before the end; the check keeps a bug from looping.
        let Some(class) = best(&scores, |c| state.legal(c)) else {
            break;
        };
        state.apply(class);
    }
    (state.heads, state.labels)
}

/// A training sentence: tokens, tags as the tagger gives them, and the gold tree.
pub struct Example<'a> {
    pub tokens: Vec<Token<'a>>,
    pub tags: Vec<Upos>,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Dep>,
}

/// Whether the oracle rebuilds `example`'s tree: it cannot for crossing arcs, which the
/// trainer then skips.
pub fn reachable(example: &Example) -> bool {
    let mut state = State::new(example.tokens.len());
    while !state.done() {
        let class = state.oracle(&example.heads, &example.labels);
        if !state.legal(class) {
            return false;
        }
        state.apply(class);
    }
    state.heads == example.heads
}

/// Trains the parser on `examples` for `epochs` passes in the order `order` gives.
///
/// With a dynamic oracle (Goldberg and Nivre 2012): any transition that loses no more of the
/// gold tree than the best one could is right, and after the first pass the parser mostly
/// follows its own guesses, mistakes included, so it learns what to do after a mistake too,
/// which is where it will be at run time.
pub fn train(
    examples: &[Example],
    epochs: usize,
    mut order: impl FnMut(usize) -> Vec<usize>,
) -> Perceptron {
    let mut p = Perceptron::new(CLASSES);
    let mut scores = vec![0f32; CLASSES];
    let mut costs = vec![0u32; CLASSES];
    let mut feats = Vec::new();
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    for epoch in 0..epochs {
        for e in order(epoch) {
            let example = &examples[e];
            let atoms = features::atoms(&example.tokens);
            let mut state = State::new(example.tokens.len());
            while !state.done() {
                state.features(&atoms, &example.tags, &mut feats);
                p.scores(&feats, &mut scores);
                let Some(guess) = best(&scores, |c| state.legal(c)) else {
                    break;
                };
                state.costs(&example.heads, &example.labels, &mut costs);
                let least = costs.iter().copied().min().unwrap_or(0);
                let truth = if costs[guess] == least {
                    guess
                } else {
                    best(&scores, |c| costs[c] == least).unwrap_or(guess)
                };
                p.update(&feats, truth, guess);
                let explore = epoch >= EXPLORE_FROM && dice.below(EXPLORE);
                state.apply(if explore { guess } else { truth });
            }
        }
    }
    p
}

/// The pass from which training follows the parser's own guesses, and how often.
const EXPLORE_FROM: usize = 1;
const EXPLORE: f64 = 0.9;

/// A fixed stream of coin tosses (xorshift64), so that training is reproducible.
struct Dice(u64);

impl Dice {
    fn below(&mut self, p: f64) -> bool {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::text;
    use super::*;

    /// "Sales rose 5% in May" with its gold tree.
    fn sales_rose() -> Example<'static> {
        let tokens = text::tokens("Sales rose 5% in May", 0, 20);
        Example {
            tags: vec![Upos::Noun; tokens.len()],
            heads: vec![Some(1), None, Some(3), Some(1), Some(5), Some(1)],
            labels: vec![
                Dep::Nsubj,
                Dep::Root,
                Dep::Nummod,
                Dep::Obj,
                Dep::Case,
                Dep::Obl,
            ],
            tokens,
        }
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree() {
        assert!(reachable(&sales_rose()));
    }

    #[test]
    fn what_the_static_oracle_does_costs_nothing_and_a_mistake_costs_what_it_loses() {
        let Example {
            tokens,
            heads,
            labels,
            ..
        } = sales_rose();
        let mut costs = vec![0; CLASSES];
        let mut state = State::new(tokens.len());
        while !state.done() {
            state.costs(&heads, &labels, &mut costs);
            let class = state.oracle(&heads, &labels);
            assert_eq!(costs[class], 0, "the oracle's {class} at {}", state.next);
            state.apply(class);
        }
        // "Sales" on the stack, "rose" next: "rose" taking "Sales" as its subject costs
        // nothing; as its object, the label; "Sales" heading "rose" loses both their arcs.
        let mut state = State::new(tokens.len());
        state.apply(SHIFT);
        state.costs(&heads, &labels, &mut costs);
        assert_eq!(costs[LEFT + Dep::Nsubj as usize], 0);
        assert_eq!(costs[LEFT + Dep::Obj as usize], 1);
        assert_eq!(costs[RIGHT + Dep::Obj as usize], 2);
        assert_eq!(costs[REDUCE], u32::MAX);
    }

    #[test]
    fn crossing_arcs_are_not_reachable() {
        let tokens = text::tokens("a b c d", 0, 7);
        let example = Example {
            tags: vec![Upos::Noun; 4],
            heads: vec![Some(2), None, Some(1), Some(0)],
            labels: vec![Dep::Other; 4],
            tokens,
        };
        assert!(!reachable(&example));
    }
}
