//! Clauses by their punctuation and conjunctions: where a sentence's main clause starts, the
//! asides a phrase is read past, where the clause of a token begins. The kind rules read words
//! within these bounds; the dependency tree ([`super::clause`]) says who does what inside them.
//!
//! The genre's sentences put the subject before the verb ("Nimbus Cloud's revenue grew"), name
//! an owner with a possessive, set the subject apart in an appositive, and refer back with
//! "it", "its", "the company". Names are recognised by their capital letters and position,
//! never looked up: no company or product is known here.

use super::text::{Token, TokenKind};
use crate::lexicon::words;

/// Words that head a measure in a phrase though the lexicon does not count them as measures:
/// a change or a count of something ("the reduction", "the figure", "the total").
const METRIC_NOT_MEASURE: &[&str] = &[
    "reduction",
    "reductions",
    "cut",
    "cuts",
    "increase",
    "decline",
    "figure",
    "number",
    "total",
    "count",
];

/// The lexicon's measures that a phrase is not read as naming: the phrase rules were tuned on a
/// list without them, so a phrase headed by one reads as it did then.
const MEASURE_NOT_METRIC: &[&str] = &[
    "accounts",
    "advertising",
    "assets",
    "audience",
    "bill",
    "bills",
    "capitalisation",
    "capitalization",
    "charge",
    "charges",
    "debts",
    "deposits",
    "dividend",
    "employment",
    "exports",
    "factor",
    "gdp",
    "imports",
    "inflation",
    "jobs",
    "lending",
    "members",
    "numbers",
    "passengers",
    "pay",
    "premium",
    "premiums",
    "product",
    "provisions",
    "rates",
    "ratings",
    "ratio",
    "reserves",
    "retention",
    "salaries",
    "savings",
    "stake",
    "stock",
    "subscriptions",
    "tax",
    "taxes",
    "unemployment",
    "value",
    "viewers",
    "visitors",
    "volumes",
    "wages",
    "worth",
    "write-down",
    "writedown",
    "yield",
    "yields",
];

/// Finite verbs and auxiliaries that end a subject. Participles in "-ing" that the genre uses
/// as the verb of a "with ..." clause are included; nouns in "-ing" ("spending") are not.
const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "reach",
    "reached",
    "reaches",
    "grew",
    "grow",
    "grows",
    "rose",
    "rise",
    "rises",
    "risen",
    "increased",
    "increases",
    "surged",
    "surges",
    "jumped",
    "jumps",
    "climbed",
    "climbs",
    "gained",
    "gains",
    "soared",
    "soars",
    "expanded",
    "expands",
    "fell",
    "falls",
    "fall",
    "dropped",
    "drops",
    "declined",
    "declines",
    "slid",
    "slides",
    "plunged",
    "tumbled",
    "sank",
    "shrank",
    "decreased",
    "decreases",
    "spent",
    "spends",
    "spend",
    "put",
    "puts",
    "invested",
    "invests",
    "plans",
    "planned",
    "expect",
    "expects",
    "expected",
    "forecasts",
    "forecast",
    "projects",
    "projected",
    "estimates",
    "estimated",
    "boasts",
    "boasted",
    "counts",
    "counted",
    "stands",
    "stood",
    "hold",
    "holds",
    "held",
    "ranks",
    "ranked",
    "appears",
    "appeared",
    "says",
    "said",
    "reports",
    "reported",
    "announced",
    "announces",
    "unveiled",
    "unveils",
    "launched",
    "launches",
    "set",
    "sets",
    "lifted",
    "lifts",
    "raised",
    "raises",
    "narrowed",
    "narrows",
    "cut",
    "cuts",
    "slashed",
    "slashes",
    "lowered",
    "lowers",
    "reduced",
    "reduces",
    "outperforms",
    "outperformed",
    "accounted",
    "accounts",
    "made",
    "makes",
    "make",
    "posted",
    "posts",
    "generated",
    "generates",
    "earned",
    "earns",
    "recorded",
    "records",
    "saw",
    "sees",
    "amassed",
    "amasses",
    "exceeded",
    "exceeds",
    "topped",
    "tops",
    "surpassed",
    "surpasses",
    "passed",
    "hit",
    "hits",
    "totaled",
    "totalled",
    "totals",
    "came",
    "comes",
    "brought",
    "brings",
    "lay",
    "run",
    "runs",
    "ran",
    "costs",
    "paid",
    "pays",
    "charged",
    "charges",
    "sold",
    "sells",
    "shipped",
    "ships",
    "served",
    "serves",
    "employs",
    "employed",
    "hired",
    "hires",
    "added",
    "adds",
    "lost",
    "loses",
    "won",
    "wins",
    "received",
    "receives",
    "attracted",
    "attracts",
    "secured",
    "secures",
    "closed",
    "closes",
    "guided",
    "witnessed",
    "downloaded",
    "hosts",
    "hosted",
    "offers",
    "offered",
    "provides",
    "provided",
    "delivered",
    "delivers",
    "led",
    "leads",
    "drove",
    "drives",
    "pushed",
    "pushes",
    "took",
    "takes",
    "remained",
    "remains",
    "became",
    "becomes",
    "got",
    "gets",
    "doubled",
    "tripled",
    "halved",
    "sent",
    "sends",
    "went",
    "goes",
    "earmarked",
    "allocated",
    "values",
    "valued",
    "pegs",
    "pegged",
    "entered",
    "enters",
    "registered",
    "logged",
    "processed",
    "handled",
    "reaching",
    "surging",
    "exceeding",
    "growing",
    "rising",
    "climbing",
    "jumping",
    "soaring",
    "falling",
    "dropping",
    "declining",
    "experiencing",
    "accounting",
    "totaling",
    "totalling",
    "hitting",
    "topping",
    "boasting",
    "recording",
    "amassing",
    "surpassing",
    "lowering",
    "cutting",
    "stands",
    "warned",
    "claims",
    "claimed",
    "shows",
    "showed",
    "show",
    "tops",
    "trails",
    "trailed",
    "dragged",
    "lasted",
    "lasts",
    "signed",
    "signs",
    "bought",
    "buys",
    "acquired",
    "acquires",
    "outpaced",
    "outpaces",
    "beats",
    "beat",
    "widened",
    "widens",
    "improved",
    "improves",
    "eased",
    "eases",
    "edged",
    "dipped",
    "slipped",
    "swelled",
    "ballooned",
    "contracted",
    "predicts",
    "cancelled",
    "canceled",
];

pub fn is_verb(t: &Token) -> bool {
    t.kind == TokenKind::Word && VERBS.contains(&t.lower.as_str())
}

const ADVERBS: &[&str] = &[
    "now",
    "currently",
    "also",
    "again",
    "still",
    "consequently",
    "only",
    "even",
    "already",
    "reportedly",
    "further",
    "together",
    "alone",
    "then",
    "just",
    "recently",
    "once",
    "finally",
    "meanwhile",
    "however",
    "thus",
    "therefore",
    "so",
    "yet",
    "reported",
    "jointly",
    "combined",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "all",
    "both", "each", "every", "such", "my", "your",
];

const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "of",
    "from",
    "with",
    "into",
    "over",
    "under",
    "across",
    "among",
    "between",
    "through",
    "during",
    "since",
    "after",
    "before",
    "within",
    "without",
    "per",
    "via",
    "about",
    "around",
    "against",
    "toward",
    "towards",
    "behind",
    "beyond",
    "as",
    "than",
    "like",
    "utilizing",
    "using",
    "including",
    "covering",
    "excluding",
];

const PRONOUNS: &[&str] = &[
    "it", "they", "this", "that", "which", "he", "she", "we", "these", "those", "who", "its",
    "their", "them",
];

/// Words that start a subordinate or coordinate clause.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whose", "where", "when", "while", "whereas", "what", "because",
    "although", "though", "if", "with", "but", "so",
];

/// Words that open a subordinate clause before the main one.
const SUBORDINATORS: &[&str] = &[
    "when", "if", "although", "though", "while", "since", "because", "once", "until", "after",
    "before", "as", "unless", "whereas",
];

/// Sentence openers that introduce an adverbial before the subject ("In May, ...").
const OPENER_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "as",
    "after",
    "before",
    "during",
    "since",
    "over",
    "under",
    "with",
    "without",
    "among",
    "despite",
    "according",
    "taken",
    "notably",
    "additionally",
    "meanwhile",
    "however",
    "currently",
    "today",
    "now",
    "also",
    "still",
    "moreover",
    "furthermore",
    "consequently",
    "therefore",
    "thus",
    "instead",
    "overall",
    "plainly",
    "increasingly",
    "technologically",
    "coincidentally",
    "recently",
    "earlier",
    "later",
    "last",
    "this",
    "following",
    "like",
    "unlike",
    "beyond",
    "from",
    "once",
    "when",
    "if",
    "although",
    "though",
    "while",
    "since",
    "unlike",
    "until",
    "within",
    "across",
    "globally",
    "worldwide",
    "separately",
    "elsewhere",
    "still",
    "even",
    "yet",
    "but",
    "and",
    "so",
    "here",
    "there",
    "then",
    "first",
    "second",
    "finally",
    "together",
    "combined",
];

/// Whether a noun names a measure rather than the thing measured: one of the lexicon's
/// [`words::MEASURES`] but those named in [`MEASURE_NOT_METRIC`], one of
/// [`METRIC_NOT_MEASURE`], or one a site adds in `extract.toml` (`extra`).
pub fn is_metric_word(lower: &str, extra: &[String]) -> bool {
    (words::MEASURES.contains(&lower) && !MEASURE_NOT_METRIC.contains(&lower))
        || METRIC_NOT_MEASURE.contains(&lower)
        || extra.iter().any(|w| w == lower)
}

/// Where the main clause of a sentence starts: after an opening adverbial and its comma
/// ("In May, ..."), after "It is reported that", after a dateline ending in a dash.
pub fn main_start(tokens: &[Token]) -> usize {
    let mut start = tokens
        .iter()
        .position(|t| !(t.kind == TokenKind::Symbol && t.text != "\u{201c}" && t.text != "\""))
        .unwrap_or(0);
    while start < tokens.len()
        && (tokens[start].is_symbol('*')
            || tokens[start].is_symbol('"')
            || tokens[start].is_symbol('\u{201c}'))
        && tokens[start].is_symbol('*')
    {
        start += 1;
    }
    if let Some(dash) = tokens.iter().take(16).position(|t| t.is_symbol('\u{2014}')) {
        if tokens[..dash].iter().any(|t| t.kind == TokenKind::Number) {
            start = dash + 1;
        }
    }
    let first = match tokens.get(start) {
        Some(t) => t,
        None => return start,
    };
    // "Now that ..., X puts", "When ..., X": a subordinate clause may hold verbs; a
    // prepositional opener ("In Q1 their shares stood at 29%, ...") may not.
    let subordinate = SUBORDINATORS.contains(&first.lower.as_str())
        || first.is("now") && tokens.get(start + 1).is_some_and(|t| t.is("that"));
    let adverb =
        first.lower.ends_with("ly") && tokens.get(start + 1).is_some_and(|t| t.is_symbol(','));
    let opener = subordinate
        || adverb
        || OPENER_WORDS.contains(&first.lower.as_str())
        || first.lower.ends_with("ing")
        || first.lower.ends_with("ed")
        || first.lower.ends_with("en");
    if opener
        && let Some(comma) = tokens[start..]
            .iter()
            .take(18)
            .position(|t| t.is_symbol(','))
        && (subordinate
            || !tokens[start..start + comma]
                .iter()
                .enumerate()
                .any(|(k, t)| {
                    // "In May, ...": a capitalised word inside the opener is a name, not a verb.
                    (is_verb(t) && !t.lower.ends_with("ed") && (k == 0 || !t.is_capitalized()))
                        || t.kind == TokenKind::Number && t.text.len() != 4
                }))
    {
        return start + comma + 1;
    }
    if first.is("it")
        && tokens
            .get(start + 1)
            .is_some_and(|t| t.is("is") || t.is("was"))
        && let Some(that) = tokens[start..].iter().take(6).position(|t| t.is("that"))
    {
        return start + that + 1;
    }
    start
}

/// Whether `tokens[i]` ends a clause for the purpose of finding a subject, scanning leftwards.
fn is_hard_break(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if t.kind == TokenKind::Symbol {
        return matches!(t.text, ";" | ":" | "\u{2014}" | "(" | ")" | "\u{2013}");
    }
    if CLAUSE_OPENERS.contains(&t.lower.as_str()) {
        // "that" as a determiner ("that budget") does not open a clause.
        return !(t.is("that")
            && tokens.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::Word
                    && !is_verb(n)
                    && !n.is_capitalized()
                    && !DETERMINERS.contains(&n.lower.as_str())
                    && !PRONOUNS.contains(&n.lower.as_str())
                    && tokens.get(i + 2).is_some_and(is_verb)
            }));
    }
    if t.is("and") || t.is("or") {
        return and_opens_clause(tokens, i);
    }
    false
}

/// "and" starts a new clause before "the ...", "its ...", "it", or a short subject and a finite
/// verb ("and net income climbed"); not inside a list ("IaaS and PaaS", "property and equipment").
fn and_opens_clause(tokens: &[Token], i: usize) -> bool {
    if i > 0 && tokens[i - 1].is_symbol(',') {
        return true;
    }
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    if i > 0 && tokens[i - 1].is_capitalized() && next.is_capitalized() {
        return false;
    }
    if DETERMINERS.contains(&next.lower.as_str())
        || PRONOUNS.contains(&next.lower.as_str())
        || is_verb(next)
    {
        return true;
    }
    tokens[i + 1..]
        .iter()
        .take(4)
        .position(|t| is_verb(t) && !t.lower.ends_with("ing"))
        .is_some_and(|p| {
            p <= 3
                && tokens[i + 1..i + 1 + p]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && !is_verb(t))
        })
}

/// The first token of the clause holding token `i`.
pub fn clause_start(tokens: &[Token], i: usize, floor: usize, skip: &[bool]) -> usize {
    let mut j = i;
    while j > floor {
        if skip[j - 1] {
            j -= 1;
            continue;
        }
        // An aside in brackets is passed over whole.
        if tokens[j - 1].is_symbol(')')
            && let Some(open) = tokens[floor..j - 1].iter().rposition(|t| t.is_symbol('('))
        {
            j = floor + open;
            continue;
        }
        if is_hard_break(tokens, j - 1) {
            // "and" between two parts of a subject ("property and equipment") does not break
            // unless a verb follows before `i`.
            return j;
        }
        j -= 1;
    }
    floor
}

/// Tokens set off by commas as a relative clause or aside (", which ...,", "(...)"); a subject
/// is read past them.
pub fn asides(tokens: &[Token]) -> Vec<bool> {
    let mut masked = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.is_symbol('(')
            && let Some(close) = tokens[i..].iter().position(|t| t.is_symbol(')'))
        {
            let close = i + close;
            let has_amount = tokens[i..close]
                .iter()
                .any(|t| t.kind == TokenKind::Number || t.is_symbol('$'));
            if !has_amount {
                for m in &mut masked[i..=close] {
                    *m = true;
                }
                i = close + 1;
                continue;
            }
        }
        let relative = t.is_symbol(',')
            && tokens.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "which" | "who" | "whose" | "for" | "covering" | "including"
                )
            });
        if relative {
            // A list after "covering" or "including" runs to the comma after its "and".
            let list = matches!(tokens[i + 1].lower.as_str(), "covering" | "including");
            let and_at = tokens[i + 1..]
                .iter()
                .position(|t| t.is("and"))
                .map(|p| i + 1 + p);
            let from = match and_at {
                Some(a) if list => a,
                _ => i + 1,
            };
            if let Some(close) = tokens[from..].iter().position(|t| t.is_symbol(',')) {
                let close = from + close;
                let has_amount = tokens[i..close].iter().any(|t| t.kind == TokenKind::Number);
                if !has_amount || tokens[i + 1].is("which") || tokens[i + 1].is("who") {
                    for m in &mut masked[i..=close] {
                        *m = true;
                    }
                    i = close + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    masked
}

/// The subject and metric a noun phrase names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub subject: Option<String>,
    pub metric: Option<String>,
    /// "it", "the company", "that figure": the subject is the one in context.
    pub anaphor: bool,
}

/// Reads the noun phrase `tokens[from..to]` (exclusive), skipping `skip`ped tokens.
pub fn read_phrase(
    text: &str,
    tokens: &[Token],
    from: usize,
    to: usize,
    skip: &[bool],
    extra_metrics: &[String],
) -> Reading {
    let mut idx = phrase_indices(tokens, from, to, skip);
    let owned = idx
        .first()
        .is_some_and(|&i| matches!(tokens[i].lower.as_str(), "its" | "their"));
    let had_determiner = drop_leading_function_words(tokens, &mut idx);
    if idx.is_empty() {
        return Reading::default();
    }
    let phrase = Phrase {
        text,
        tokens,
        words: idx.iter().map(|&i| &tokens[i]).collect(),
        extra_metrics,
    };
    phrase.read(owned, had_determiner)
}

/// The tokens of `tokens[from..to]` that can be part of a noun phrase: emphasis marks and
/// quotes, trailing adverbs and punctuation, and an opening place named without a comma are
/// not.
fn phrase_indices(tokens: &[Token], from: usize, to: usize, skip: &[bool]) -> Vec<usize> {
    let mut idx: Vec<usize> = (from..to)
        .filter(|&i| !skip[i])
        .filter(|&i| {
            let t = &tokens[i];
            !(t.kind == TokenKind::Symbol
                && matches!(t.text, "*" | "\"" | "\u{201c}" | "\u{201d}" | "_"))
        })
        .collect();
    // Trailing adverbs, commas and "to" ("Brightmart's to run").
    while let Some(&last) = idx.last() {
        let t = &tokens[last];
        if ADVERBS.contains(&t.lower.as_str())
            || matches!(
                t.lower.as_str(),
                "more"
                    | "than"
                    | "less"
                    | "nearly"
                    | "almost"
                    | "over"
                    | "about"
                    | "around"
                    | "roughly"
            )
            || t.is_symbol(',')
            || t.is("to")
            || t.is_symbol('.')
        {
            idx.pop();
        } else {
            break;
        }
    }
    // An opening place without a comma: "On Orbit Play it is ..." is about "it".
    if idx.len() > 2 && PREPOSITIONS.contains(&tokens[idx[0]].lower.as_str()) {
        let run = idx[1..]
            .iter()
            .take_while(|&&i| tokens[i].is_capitalized())
            .count();
        if run > 0 && run + 1 < idx.len() {
            idx.drain(..=run);
        }
    }
    idx
}

/// Drops the determiners, prepositions, conjunctions and commas that open the phrase, and says
/// whether a determiner was among them: a lone common noun after one ("the company") refers
/// back.
fn drop_leading_function_words(tokens: &[Token], idx: &mut Vec<usize>) -> bool {
    let mut had_determiner = false;
    while let Some(&first) = idx.first() {
        let t = &tokens[first];
        if DETERMINERS.contains(&t.lower.as_str())
            && !(idx.len() == 1 && PRONOUNS.contains(&t.lower.as_str()))
        {
            had_determiner = true;
            idx.remove(0);
        } else if (PREPOSITIONS.contains(&t.lower.as_str())
            || matches!(t.lower.as_str(), "and" | "or" | "but"))
            && idx.len() > 1
            || t.is_symbol(',')
        {
            idx.remove(0);
        } else {
            break;
        }
    }
    had_determiner
}

/// A noun phrase's words, none of them a leading function word, with what reading them needs.
struct Phrase<'a, 't> {
    text: &'a str,
    tokens: &'a [Token<'t>],
    words: Vec<&'a Token<'t>>,
    extra_metrics: &'a [String],
}

impl Phrase<'_, '_> {
    /// The phrase's reading; `owned` when it opened with "its" or "their".
    fn read(&self, owned: bool, had_determiner: bool) -> Reading {
        let words = &self.words;
        if owned && !words.iter().any(|t| t.is_capitalized()) {
            // "its software platform": the subject is the owner in context.
            let last = words.len() - 1;
            let metric = self
                .is_metric(&words[last].lower)
                .then(|| self.slice(0, last));
            return Reading {
                subject: None,
                metric,
                anaphor: true,
            };
        }
        if words
            .iter()
            .any(|t| t.kind == TokenKind::Number && !is_name_number(self.tokens, t))
        {
            return Reading::default();
        }
        let anaphor = Reading {
            anaphor: true,
            ..Reading::default()
        };
        if words.len() == 1 && PRONOUNS.contains(&words[0].lower.as_str()) {
            return anaphor;
        }
        let is_itself = |t: &Token| matches!(t.lower.as_str(), "itself" | "themselves");
        let core: Vec<&Token> = words.iter().copied().filter(|t| !is_itself(t)).collect();
        if had_determiner
            && core.len() == 1
            && !core[0].is_capitalized()
            && !self.is_metric(&core[0].lower)
        {
            return anaphor;
        }
        self.number_of()
            .or_else(|| self.possessive())
            .or_else(|| self.measure_of())
            .unwrap_or_else(|| self.plain())
    }

    fn is_metric(&self, lower: &str) -> bool {
        is_metric_word(lower, self.extra_metrics)
    }

    /// The text of `words[a..=b]`.
    fn slice(&self, a: usize, b: usize) -> String {
        clean(&self.text[self.words[a].start..self.words[b].end()])
    }

    fn head_is_metric(&self, a: usize, b: usize) -> bool {
        // The head of "revenue over the trailing twelve months" is "revenue".
        let end = (a..=b)
            .find(|&k| PREPOSITIONS.contains(&self.words[k].lower.as_str()))
            .map_or(b, |k| k.saturating_sub(1).max(a));
        self.is_metric(&self.words[end].lower)
    }

    /// "the number of X", "the total number of X".
    fn number_of(&self) -> Option<Reading> {
        let words = &self.words;
        let of = words.iter().position(|t| t.is("of"))?;
        if !(of > 0
            && matches!(words[of - 1].lower.as_str(), "number" | "count" | "total")
            && of + 1 < words.len())
        {
            return None;
        }
        let rest_end = (of + 2..words.len())
            .find(|&k| {
                PREPOSITIONS.contains(&words[k].lower.as_str())
                    || words[k].lower.ends_with("ing")
                    || words[k].is_symbol('(')
            })
            .unwrap_or(words.len());
        let metric = (rest_end > of + 1).then(|| self.slice(of + 1, rest_end - 1));
        let subject = owner(self.text, &words[rest_end.min(words.len())..])
            .or_else(|| last_name_run(self.text, self.tokens, &words[of + 1..rest_end]));
        Some(Reading {
            subject,
            metric,
            anaphor: false,
        })
    }

    /// "X's Y": the owner is the subject when it is a name, else the subject is in context.
    fn possessive(&self) -> Option<Reading> {
        let words = &self.words;
        let p = words.iter().position(|t| t.kind == TokenKind::Possessive)?;
        let metric_part = &words[p + 1..];
        let metric_end = metric_part
            .iter()
            .position(|t| {
                PREPOSITIONS.contains(&t.lower.as_str()) || t.is_symbol(',') || t.is_symbol('(')
            })
            .unwrap_or(metric_part.len());
        let metric = (metric_end > 0).then(|| self.slice(p + 1, p + metric_end));
        let owner_words = &words[..p];
        // "the input price of X's model": the measure comes before "of".
        if let Some(of) = owner_words.iter().position(|t| t.is("of"))
            && of > 0
            && self.head_is_metric(0, of - 1)
        {
            return Some(Reading {
                subject: owner(self.text, &words[of + 1..]),
                metric: Some(self.slice(0, of - 1)),
                anaphor: false,
            });
        }
        let owner_run = last_name_run(self.text, self.tokens, owner_words);
        Some(Reading {
            anaphor: owner_run.is_none(),
            subject: owner_run,
            metric,
        })
    }

    /// "M of/for/on X": a measure of something.
    fn measure_of(&self) -> Option<Reading> {
        let words = &self.words;
        let prep = words.iter().position(|t| {
            matches!(
                t.lower.as_str(),
                "of" | "for" | "on" | "in" | "among" | "from" | "at"
            )
        })?;
        if !(prep > 0 && prep + 1 < words.len() && self.head_is_metric(0, prep - 1)) {
            return None;
        }
        let rest = &words[prep + 1..];
        let rest_end = rest
            .iter()
            .position(|t| t.is_symbol(',') || t.is_symbol('('))
            .unwrap_or(rest.len());
        let rest = &rest[..rest_end];
        let rest_head_metric = rest.last().is_some_and(|t| self.is_metric(&t.lower))
            || matches!(words[prep - 1].lower.as_str(), "share" | "shares" | "stake");
        if rest_head_metric || rest.is_empty() {
            return Some(Reading {
                subject: None,
                metric: Some(self.slice(0, prep + rest_end)),
                anaphor: false,
            });
        }
        let mut rest_start = prep + 1;
        while rest_start <= prep + rest_end
            && DETERMINERS.contains(&words[rest_start].lower.as_str())
        {
            rest_start += 1;
        }
        let owned = matches!(words[prep + 1].lower.as_str(), "its" | "their");
        if rest_start > prep + rest_end || owned {
            return Some(Reading {
                subject: None,
                metric: Some(self.slice(0, prep - 1)),
                anaphor: owned,
            });
        }
        Some(Reading {
            subject: Some(self.slice(rest_start, prep + rest_end)),
            metric: Some(self.slice(0, prep - 1)),
            anaphor: false,
        })
    }

    /// A phrase with no "of" or possessive to read by: a measure, a list of names, an
    /// appositive, or a head before a preposition.
    fn plain(&self) -> Reading {
        let words = &self.words;
        let last = words.len() - 1;
        if self.head_is_metric(0, last) {
            return Reading {
                subject: None,
                metric: Some(self.slice(0, last)),
                anaphor: false,
            };
        }
        // A list of names: "Quillon, Brightmart, Corvana and Dunmore".
        let all_names = words.iter().all(|t| {
            t.is_capitalized()
                || is_name_number(self.tokens, t)
                || t.is_symbol(',')
                || t.is_symbol('&')
                || matches!(t.lower.as_str(), "and" | "with" | "together" | "plus")
        });
        if all_names && words[0].is_capitalized() {
            return Reading {
                subject: Some(self.slice(0, last)),
                metric: None,
                anaphor: false,
            };
        }
        // An appositive: "the flagship model Zephyr-Long API" is Zephyr-Long API.
        if words[last].is_capitalized() || is_name_number(self.tokens, words[last]) {
            return Reading {
                subject: last_name_run(self.text, self.tokens, words),
                metric: None,
                anaphor: false,
            };
        }
        // The head of the phrase: "Nimbus Cloud into another round of cuts" is Nimbus Cloud.
        let head_end = (1..words.len())
            .find(|&k| PREPOSITIONS.contains(&words[k].lower.as_str()) && words[k].lower != "of")
            .map_or(last, |k| k - 1);
        Reading {
            subject: Some(self.slice(0, head_end)),
            metric: None,
            anaphor: false,
        }
    }
}

/// A number token that belongs to a name: "Zephyr 2.5-72B", "Orbix 2.0".
fn is_name_number(tokens: &[Token], t: &Token) -> bool {
    if t.kind != TokenKind::Number {
        return false;
    }
    let i = tokens.iter().position(|x| x.start == t.start).unwrap_or(0);
    i > 0 && tokens[i - 1].is_capitalized() && tokens[i - 1].end() < t.start
}

/// The owner of the first possessive in `words`, if it is a name.
fn owner(text: &str, words: &[&Token]) -> Option<String> {
    let p = words.iter().position(|t| t.kind == TokenKind::Possessive)?;
    let mut a = p;
    while a > 0
        && (words[a - 1].is_capitalized()
            || words[a - 1].kind == TokenKind::Number && a >= 2 && words[a - 2].is_capitalized())
    {
        a -= 1;
    }
    (a < p).then(|| clean(&text[words[a].start..words[p - 1].end()]))
}

/// The last run of capitalized words (with name numbers) in `words`.
fn last_name_run(text: &str, tokens: &[Token], words: &[&Token]) -> Option<String> {
    let is_part = |t: &Token| t.is_capitalized() || is_name_number(tokens, t);
    let end = words.iter().rposition(|t| is_part(t))?;
    let mut start = end;
    while start > 0 && is_part(words[start - 1]) {
        start -= 1;
    }
    Some(clean(&text[words[start].start..words[end].end()]))
}

/// Markup and quotation marks out of a name: "**Nimbus**" is Nimbus.
pub fn clean(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '"' | '\u{201c}' | '\u{201d}' | '_' | '`'))
        .collect();
    cleaned
        .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The subject noun phrase ending before token `verb`: scanning left to a clause break, past
/// asides set off by commas, keeping lists of names together.
pub fn phrase_before(tokens: &[Token], verb: usize, floor: usize, skip: &[bool]) -> usize {
    phrase_span(tokens, verb, floor, skip).0
}

/// The subject noun phrase before token `verb` as a range: an aside set off by commas between
/// the phrase and the verb ("Daily users, worldwide and in the U.S. alike, rose") is left out.
pub fn phrase_span(tokens: &[Token], verb: usize, floor: usize, skip: &[bool]) -> (usize, usize) {
    let mut end = verb;
    let mut j = verb;
    let mut collected = 0;
    // A quoted name set off before the verb: `product, "Omni Boost," was launched`.
    let mut k = verb;
    while k > floor && (tokens[k - 1].is_symbol(',') || is_quote(&tokens[k - 1])) {
        k -= 1;
    }
    if k < verb
        && tokens[k..verb].iter().any(is_quote)
        && let Some(open) = tokens[floor..k].iter().rposition(is_quote)
    {
        let open = floor + open;
        if k - open <= 6
            && tokens[open + 1..k]
                .iter()
                .all(|t| t.is_capitalized() || t.is_symbol(',') || t.kind == TokenKind::Number)
        {
            return (open, verb);
        }
    }
    while j > floor {
        let k = j - 1;
        if skip[k] {
            j -= 1;
            continue;
        }
        let t = &tokens[k];
        if is_verb(t) || is_hard_break(tokens, k) {
            break;
        }
        if t.is_symbol(',') {
            if collected == 0 {
                // An aside between subject and verb: ", worldwide and in the U.S. alike,".
                let previous = tokens[floor..k]
                    .iter()
                    .rposition(|t| t.is_symbol(','))
                    .map(|p| p + floor);
                match previous {
                    Some(p) if k - p < 10 => {
                        j = p;
                        end = p;
                        continue;
                    }
                    _ => {
                        j -= 1;
                        continue;
                    }
                }
            }
            // A list of names goes on past the comma.
            let before_is_name = k > floor && tokens[k - 1].is_capitalized();
            let names_after = tokens[k + 1..verb]
                .iter()
                .filter(|t| !skip[tokens.iter().position(|x| x.start == t.start).unwrap_or(0)])
                .all(|t| {
                    t.is_capitalized()
                        || t.is_symbol(',')
                        || t.is_symbol('*')
                        || is_quote(t)
                        || matches!(t.lower.as_str(), "and" | "with" | "together" | "plus")
                        || ADVERBS.contains(&t.lower.as_str())
                });
            if before_is_name && names_after {
                j -= 1;
                continue;
            }
            break;
        }
        if !ADVERBS.contains(&t.lower.as_str()) && t.kind != TokenKind::Symbol {
            collected += 1;
        }
        j -= 1;
    }
    (j, end)
}

fn is_quote(t: &Token) -> bool {
    t.kind == TokenKind::Symbol && matches!(t.text, "\"" | "\u{201c}" | "\u{201d}")
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    /// The metric words as they were listed here before they were derived from the lexicon's
    /// measures: derived, they must be the same words.
    const METRIC_WORDS_BEFORE: &str = "\
            revenue revenues sales income profit profits earnings ebita ebitda ebit margin margins
            spending spend expenditure expenditures capex investment investments budget budgets
            funding valuation price prices pricing cost costs fee fees users customers subscribers
            downloads installs shipments orders deliveries growth rate share shares guidance outlook
            forecast reduction reductions cut cuts increase decline traffic usage visits volume gmv
            bookings debt payments dividends output production demand figure number total count
            invocations capacity turnover backlog arr cash losses loss";

    #[test]
    fn metric_words_are_the_ones_listed_before() {
        let before: Vec<&str> = METRIC_WORDS_BEFORE.split_whitespace().collect();
        assert_eq!(before.len(), 75);
        for w in words::MEASURES.iter().chain(&before) {
            assert_eq!(is_metric_word(w, &[]), before.contains(w), "{w}");
        }
    }

    fn read(s: &str) -> Reading {
        let toks = tokens(s, 0, s.len());
        let skip = vec![false; toks.len()];
        read_phrase(s, &toks, 0, toks.len(), &skip, &[])
    }

    fn reading(subject: Option<&str>, metric: Option<&str>, anaphor: bool) -> Reading {
        Reading {
            subject: subject.map(str::to_string),
            metric: metric.map(str::to_string),
            anaphor,
        }
    }

    #[test]
    fn reads_owners_measures_and_appositives() {
        let cases: &[(&str, Reading)] = &[
            (
                "Nimbus Cloud's quarterly adjusted EBITA",
                reading(
                    Some("Nimbus Cloud"),
                    Some("quarterly adjusted EBITA"),
                    false,
                ),
            ),
            (
                "the number of paying users utilizing Nimbus Cloud's AI platform",
                reading(Some("Nimbus Cloud"), Some("paying users"), false),
            ),
            (
                "the input price of Orbitly's visual model",
                reading(Some("Orbitly"), Some("input price"), false),
            ),
            (
                "Enterprise spending on cloud infrastructure services",
                reading(
                    Some("cloud infrastructure services"),
                    Some("Enterprise spending"),
                    false,
                ),
            ),
            (
                "the Zephyr Zeta-4-level flagship model Zephyr-Long API",
                reading(Some("Zephyr-Long API"), None, false),
            ),
            ("**Orbitly**", reading(Some("Orbitly"), None, false)),
            (
                "Quillon, Brightmart, Corvana and Dunmore",
                reading(
                    Some("Quillon, Brightmart, Corvana and Dunmore"),
                    None,
                    false,
                ),
            ),
            (
                "advertising revenue",
                reading(None, Some("advertising revenue"), false),
            ),
            ("the company", reading(None, None, true)),
            ("the market itself", reading(None, None, true)),
            ("it", reading(None, None, true)),
            (
                "the market's growth rate",
                reading(None, Some("growth rate"), true),
            ),
            (
                "the three largest providers",
                reading(Some("three largest providers"), None, false),
            ),
            (
                "The price war among big models",
                reading(Some("price war"), None, false),
            ),
        ];
        let mut failures = Vec::new();
        for (s, expected) in cases {
            let got = read(s);
            if &got != expected {
                failures.push(format!("{s}: got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_main_clause_starts_after_an_opening_adverbial() {
        let s = "In the second quarter of 2024, Nimbus grew.";
        let toks = tokens(s, 0, s.len());
        assert_eq!(toks[main_start(&toks)].text, "Nimbus");
        let s = "It is reported that Zephyr wins.";
        let toks = tokens(s, 0, s.len());
        assert_eq!(toks[main_start(&toks)].text, "Zephyr");
    }
}
