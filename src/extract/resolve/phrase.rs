//! Noun phrases read off the tree: the words a phrase is written with (without determiners,
//! possessors and the figure itself), and what a phrase names: a company or product by its
//! proper name, one named before ("the firm", "it"), a part of one ("its retail arm"), or a
//! measure ("quarterly profits"), which is no subject but says what was measured.

use super::super::clause::Tree;
use super::super::scene::Scene;
use super::super::syntax::{Dep, Upos};
use super::super::text::TokenKind;
use super::super::words;

/// What a resolver reads: the sentence and its tree.
pub(crate) struct Reading<'r, 'a> {
    pub scene: &'r Scene<'a>,
    pub tree: &'r Tree<'r>,
    /// What "it" and "the company" refer to, from the sentences before.
    pub topic: &'r Topic<'r>,
    /// The names the article has described so far, oldest first, by the noun that described
    /// them ("app" for "Orbitly's mobile app"): what "the app" refers to.
    pub described: &'r [(String, String)],
}

/// What "it" and "the company" refer to, found only when a resolver asks: finding it parses
/// the sentences before, and most figures name their subject themselves.
pub(crate) struct Topic<'r> {
    found: std::cell::OnceCell<Option<String>>,
    find: Box<dyn Fn() -> Option<String> + 'r>,
}

impl<'r> Topic<'r> {
    pub fn new(find: impl Fn() -> Option<String> + 'r) -> Topic<'r> {
        Topic {
            found: std::cell::OnceCell::new(),
            find: Box::new(find),
        }
    }

    pub fn get(&self) -> Option<&str> {
        self.found.get_or_init(|| (self.find)()).as_deref()
    }
}

/// A name for a fact's subject, and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Named {
    pub name: String,
    pub reason: &'static str,
    pub confidence: f32,
}

impl Reading<'_, '_> {
    pub fn lower(&self, i: usize) -> &str {
        self.scene.word(i)
    }

    /// Whether `head` names a measure: "revenue", "quarterly profits", "paying users".
    pub fn is_measure(&self, head: usize) -> bool {
        let w = self.lower(head);
        words::MEASURES.contains(&w) || self.scene.vocabulary.metrics.iter().any(|m| m == w)
    }

    /// The tokens of the noun phrase headed by `head`, end exclusive: its modifiers and name
    /// parts, without determiners, a possessor, the figure `skip` and what follows the head
    /// but "per ..." and name parts.
    pub fn span(&self, head: usize, skip: (usize, usize)) -> (usize, usize) {
        let tree = self.tree;
        let mut lo = head;
        let mut hi = head + 1;
        for &c in tree.children(head) {
            let (a, b) = tree.span(c);
            match tree.label(c) {
                Dep::Amod | Dep::Compound | Dep::Flat | Dep::Nummod | Dep::Det if c < head => {
                    lo = lo.min(a)
                }
                Dep::Poss if c < head => lo = lo.max(b),
                Dep::Flat | Dep::Compound if c > head => hi = hi.max(b),
                Dep::Nmod
                    if c > head
                        && tree
                            .child(c, &[Dep::Case])
                            .is_some_and(|k| self.lower(k) == "per") =>
                {
                    // "per diluted share", not what hangs on it ("for the quarter").
                    hi = hi.max(c + 1).min(b)
                }
                _ => {}
            }
        }
        let tokens = &self.scene.tokens;
        let dropped = |i: usize| {
            (skip.0..=skip.1).contains(&i)
                || words::DETERMINERS.contains(&tokens[i].lower.as_str())
                || tokens[i].kind == TokenKind::Symbol
                || tokens[i].kind == TokenKind::Possessive
                || super::super::qualifier::is_qualifier_word(&tokens[i].lower)
                || self.scene.in_mention[i]
        };
        // A phrase does not run across a figure, a clause's verb or a comma, whatever the tree
        // hung from its head ("advertising revenue rose 21% and net income climbed").
        let breaks = |i: usize| {
            self.in_figure(i)
                || matches!(tokens[i].text, "," | ";" | ":" | "(" | ")")
                || matches!(tree.tag(i), Upos::Verb | Upos::Aux)
                    && !matches!(tree.label(i), Dep::Amod | Dep::Compound | Dep::Flat)
        };
        if let Some(b) = (lo..head).rev().find(|&i| breaks(i)) {
            lo = b + 1;
        }
        if let Some(b) = (head + 1..hi).find(|&i| breaks(i)) {
            hi = b;
        }
        while lo < hi && dropped(lo) {
            lo += 1;
        }
        while hi > lo && dropped(hi - 1) {
            hi -= 1;
        }
        (lo, hi)
    }

    /// The words of `tokens[lo..hi]`.
    pub fn text(&self, (lo, hi): (usize, usize)) -> Option<String> {
        (lo < hi).then(|| self.scene.slice(lo, hi))
    }

    /// A capitalised word that is a name rather than the first word of a sentence, a month
    /// or a day.
    pub fn is_proper(&self, i: usize) -> bool {
        let t = &self.scene.tokens[i];
        if !t.is_capitalized() || self.scene.in_mention[i] {
            return false;
        }
        let tag = self.tree.tag(i);
        if i == self.first_word() {
            // "Net income was $1.07 billion": a sentence opening on a word that qualifies the
            // measure after it is capitalised by its place, not as a name.
            let qualifies =
                MEASURE_QUALIFIERS.contains(&t.lower.as_str()) && self.is_measure(i + 1);
            tag == Upos::Propn && !words::OPENERS.contains(&t.lower.as_str()) && !qualifies
        } else {
            tag != Upos::Verb && tag != Upos::Aux
        }
    }

    /// An acronym ("GAAP", "AI") before a measure is part of what was measured, not its owner.
    fn is_acronym(&self, i: usize) -> bool {
        // "non-IFRS operating profit", "non-GAAP earnings": a standard it is not measured by.
        let t = self.scene.tokens[i].text;
        let t = t.strip_prefix("non-").unwrap_or(t);
        t.len() > 1 && !t.chars().any(char::is_lowercase)
    }

    /// The sentence's first word, after a dateline: the one capitalised as a sentence opens.
    pub fn first_word(&self) -> usize {
        let tokens = &self.scene.tokens;
        let from = super::super::text::dateline_end(tokens);
        (from..tokens.len())
            .find(|&i| tokens[i].is_word())
            .unwrap_or(from)
    }

    /// The proper name around `head`: the run of name words of its phrase that holds it.
    pub fn proper_name(&self, head: usize) -> Option<String> {
        if !self.is_proper(head) {
            return None;
        }
        let (lo, hi) = self.span(head, (usize::MAX, usize::MAX));
        let part = |i: usize| {
            let t = &self.scene.tokens[i];
            self.is_proper(i)
                || t.is_symbol('&')
                || t.is_symbol('+')
                || t.kind == TokenKind::Number && i > lo
        };
        // "US media group Nimbus": where the phrase names a second run after common words, that
        // last run is what the words before it describe, and the name.
        let head = (head + 1..hi)
            .rev()
            .find(|&j| self.is_proper(j) && (head + 1..j).any(|k| !part(k)))
            .unwrap_or(head);
        let mut a = head;
        while a > lo && part(a - 1) {
            a -= 1;
        }
        let mut b = head + 1;
        while b < hi && part(b) {
            b += 1;
        }
        // "Rival Glenmoor said ...": a sentence opening on what the name is says so, as
        // "rival Glenmoor" would.
        if a == self.first_word() && a + 1 < b && words::ORGANISATIONS.contains(&self.lower(a)) {
            a += 1;
        }
        self.text((a, b))
    }

    /// Whether the proper name at `head` is a person's: a title right before its run or set
    /// beside it after a comma ("chief executive Marta Quill", "Quill, the finance
    /// director"), or an honorific in it ("Ms Quill").
    pub fn is_person(&self, head: usize) -> bool {
        if !self.is_proper(head) {
            return false;
        }
        let tokens = &self.scene.tokens;
        let titled = |i: usize| words::PERSON_TITLES.contains(&self.lower(i));
        let mut a = head;
        while a > 0 && self.is_proper(a - 1) {
            a -= 1;
        }
        let mut b = head + 1;
        while b < tokens.len() && self.is_proper(b) {
            b += 1;
        }
        let named_in_run = (a..b).any(|i| {
            let w = self.lower(i);
            titled(i) || words::HONORIFICS.contains(&w.trim_end_matches('.'))
        });
        let titled_before = a > 0 && titled(a - 1);
        // "Quill, the group's finance director, said": only words that describe a title may
        // come between the comma and it.
        let titled_beside = b < tokens.len()
            && tokens[b].text == ","
            && (b + 1..tokens.len().min(b + 6))
                .take_while(|&i| tokens[i].is_word() || tokens[i].kind == TokenKind::Possessive)
                .any(titled);
        named_in_run || titled_before || titled_beside
    }

    /// The people the sentence names ("chief executive Marta Quill"), in order; the words of
    /// one name, each a person's, give it once.
    pub fn people(&self) -> Vec<String> {
        let mut found: Vec<String> = (0..self.tree.len())
            .filter(|&i| self.is_person(i))
            .filter_map(|i| self.proper_name(i))
            .collect();
        found.dedup();
        found
    }

    /// What the phrase headed by `head` names as a subject, if anything.
    pub fn named(&self, head: usize) -> Option<Named> {
        let w = self.lower(head);
        if words::NOT_SUBJECTS.contains(&w)
            || words::WEEKDAYS.contains(&w)
            || words::MONTHS.contains(&w)
            // "EBITA grew 155%": a measure, however capitalised, is whose it is, not who.
            || self.is_measure(head)
            || self.tree.tag(head) == Upos::Num
            || !self.is_word_outside_figures(head)
        {
            return None;
        }
        if words::PRONOUNS.contains(&w) {
            return self.antecedent(head).map(|name| Named {
                name,
                reason: "a pronoun: the company named before",
                confidence: 0.7,
            });
        }
        if let Some(name) = self.proper_name(head) {
            return Some(Named {
                name,
                reason: "a proper name",
                confidence: 0.9,
            });
        }
        if self.tree.tag(head) == Upos::Verb {
            return None;
        }
        let (lo, hi) = self.span(head, (usize::MAX, usize::MAX));
        let bare = lo == head && hi == head + 1;
        let organisation = words::ORGANISATIONS.contains(&w);
        if organisation && bare {
            return self.antecedent(head).map(|name| Named {
                name,
                reason: "\"the company\": the one named before",
                confidence: 0.75,
            });
        }
        if let Some(named) = self.whose(head) {
            return Some(named);
        }
        let text = self.text((lo, hi))?;
        // "its retail arm": a part of the company named before.
        let owner = self
            .tree
            .child(head, &[Dep::Poss, Dep::Det])
            .filter(|&p| matches!(self.lower(p), "its" | "their"))
            .and_then(|_| self.antecedent(head));
        if let Some(owner) = owner {
            return Some(Named {
                name: format!("{owner}'s {text}"),
                reason: "a part of the company named before",
                confidence: 0.75,
            });
        }
        Some(Named {
            name: text,
            reason: if organisation {
                "an organisation described"
            } else {
                "a noun phrase"
            },
            confidence: if organisation { 0.65 } else { 0.55 },
        })
    }

    /// The name a common noun at `head` stands for: the name it is set beside ("its product,
    /// Omni Boost"), the name that owns it ("Zephyr's open-source models"), or, for "the app"
    /// with nothing more, the name the article described by that noun before.
    fn whose(&self, head: usize) -> Option<Named> {
        let tree = self.tree;
        if tree.tag(head) != Upos::Noun {
            return None;
        }
        // "UK broadcaster Carrow Media", "rival Bluejet": a common noun right before a name
        // says what the name is.
        if head + 1 < tree.len()
            && self.is_proper(head + 1)
            && let Some(name) = self.proper_name(head + 1)
        {
            return Some(Named {
                name,
                reason: "the name the noun describes",
                confidence: 0.8,
            });
        }
        if let Some(name) = tree
            .children(head)
            .iter()
            .filter(|&&c| c > head && tree.label(c) == Dep::Appos)
            .find_map(|&c| self.proper_name(c))
        {
            return Some(Named {
                name,
                reason: "the name set beside it",
                confidence: 0.8,
            });
        }
        if let Some(name) = self.owning_name(head) {
            return Some(Named {
                name,
                reason: "the name that owns it",
                confidence: 0.75,
            });
        }
        let definite = tree.children(head).iter().any(|&c| {
            tree.label(c) == Dep::Det && matches!(self.lower(c), "the" | "this" | "that")
        });
        let plain = tree.children(head).iter().all(|&c| {
            c > head
                || matches!(tree.label(c), Dep::Det | Dep::Amod | Dep::Compound)
                    && !self.scene.tokens[c].is_capitalized()
        });
        if !(definite && plain) {
            return None;
        }
        let noun = self.lower(head);
        self.described
            .iter()
            .rev()
            .find(|(n, _)| n == noun)
            .map(|(_, name)| Named {
                name: name.clone(),
                reason: "the name the article described by this noun",
                confidence: 0.7,
            })
    }

    /// The name that owns the noun at `head`: its possessor ("Orbitly's app") or a name before
    /// it ("the Orbitly app").
    fn owning_name(&self, head: usize) -> Option<String> {
        let tree = self.tree;
        tree.children(head)
            .iter()
            .copied()
            .filter(|&c| {
                tree.label(c) == Dep::Poss
                    || tree.label(c) == Dep::Compound && c < head && !self.is_acronym(c)
            })
            .find_map(|c| self.proper_name(c))
    }

    /// The names the sentence describes by a common noun: "Orbitly's mobile app", "the app
    /// of Orbitly", "the Orbitly app" (app), "Orbitly, a Chinese AI lab" (lab).
    pub fn descriptions(&self) -> Vec<(String, String)> {
        let tree = self.tree;
        let mut found = Vec::new();
        for i in 0..tree.len() {
            if tree.tag(i) != Upos::Noun || self.is_measure(i) || !self.scene.tokens[i].is_word() {
                continue;
            }
            let of = || {
                tree.children(i)
                    .iter()
                    .filter(|&&c| {
                        tree.label(c) == Dep::Nmod
                            && tree
                                .child(c, &[Dep::Case])
                                .is_some_and(|k| self.lower(k) == "of")
                    })
                    .find_map(|&c| self.proper_name(c))
            };
            let by_child = self.owning_name(i).or_else(of);
            let by_head = tree
                .head(i)
                .filter(|_| tree.label(i) == Dep::Appos)
                .and_then(|h| self.proper_name(h));
            if let Some(name) = by_child.or(by_head) {
                found.push((self.lower(i).to_string(), name));
            }
        }
        found
    }

    /// Whether `i` is a word and not part of a figure: "41" of "a margin of 41%" and the "$"
    /// of "$85 billion" name no one, however the tree hangs them.
    fn is_word_outside_figures(&self, i: usize) -> bool {
        self.scene.tokens[i].kind == TokenKind::Word && !self.in_figure(i)
    }

    /// Whether token `i` is part of one of the sentence's figures.
    pub fn in_figure(&self, i: usize) -> bool {
        self.scene
            .amounts
            .iter()
            .any(|a| (a.first..=a.last).contains(&i))
    }

    /// What a pronoun or "the company" at `at` refers to: a name earlier in the sentence that
    /// is the subject of a verb, else the topic of the sentences before.
    pub fn antecedent(&self, at: usize) -> Option<String> {
        let tree = self.tree;
        (0..at)
            .rev()
            .filter(|&i| tree.label(i) == Dep::Nsubj || tree.head(i).is_none())
            .filter(|&i| !self.is_person(i))
            .find_map(|i| self.proper_name(i))
            .or_else(|| self.topic.get().map(str::to_string))
    }

    /// Whoever owns the measure headed by `head`: "Sparrow's revenue", "the bank's profits",
    /// "profits at Carrow Media", "shares in Skyward", "Nimbus revenue".
    pub fn owner(&self, head: usize) -> Option<Named> {
        let tree = self.tree;
        if let Some(p) = tree.child(head, &[Dep::Poss])
            && let Some(named) = self.named(p)
        {
            return Some(Named {
                reason: "the owner of the measure",
                confidence: named.confidence.max(0.8),
                ..named
            });
        }
        let shares = matches!(self.lower(head), "shares" | "stock" | "share");
        for &c in tree.children(head) {
            if tree.label(c) != Dep::Nmod || c < head {
                continue;
            }
            let case = tree.child(c, &[Dep::Case]).map(|k| self.lower(k));
            let owns = match case {
                Some("at" | "of" | "for") => true,
                Some("in") => shares,
                _ => false,
            };
            if owns && let Some(named) = self.named(c).filter(|n| n.confidence >= 0.7) {
                return Some(Named {
                    reason: "the company the measure is of",
                    ..named
                });
            }
        }
        tree.children(head)
            .iter()
            .copied()
            .filter(|&c| c < head && tree.label(c) == Dep::Compound && !self.is_acronym(c))
            .find_map(|c| self.proper_name(c))
            .map(|name| Named {
                name,
                reason: "a name before the measure",
                confidence: 0.8,
            })
    }
}

/// Words that open a measure's phrase and qualify it: "Net income", "Total sales".
const MEASURE_QUALIFIERS: &[&str] = &[
    "net",
    "gross",
    "total",
    "operating",
    "adjusted",
    "underlying",
    "core",
    "diluted",
    "basic",
    "comparable",
    "organic",
    "average",
    "combined",
    "overall",
    "annual",
    "quarterly",
    "monthly",
    "weekly",
    "daily",
    "pre-tax",
    "pretax",
    "after-tax",
    "like-for-like",
    "headline",
];
