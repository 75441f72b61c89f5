//! One sentence, read once and shared by every stage: its tokens, the amounts and the time
//! mentions in them, the asides a phrase is read past, and (for a sentence that holds a
//! candidate) its tags and dependency tree.

use jiff::civil::Date;

use super::number::{self, Amount, LeftOut};
use super::period::{self, Mention, When};
use super::segment;
use super::syntax::{self, Parse};
use super::text::{self, Token, TokenKind};
use super::vocabulary::Vocabulary;
use super::words;

/// One sentence of an article, read.
pub(crate) struct Scene<'a> {
    /// The whole article: token offsets index it.
    pub text: &'a str,
    /// The sentence's byte range in `text`.
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token<'a>>,
    pub amounts: Vec<Amount>,
    pub mentions: Vec<Mention>,
    /// Tokens of asides (", which ...,") that a phrase is read past.
    pub asides: Vec<bool>,
    /// Tokens inside a time mention.
    pub in_mention: Vec<bool>,
    /// Where the main clause starts, after an opening adverbial.
    pub main: usize,
    /// Whether this paragraph has spoken of prices before this sentence.
    pub price_context: bool,
    /// A headline or heading rather than a sentence of the body.
    pub heading: bool,
    /// Tags and tree; empty until [`Scene::parse`] runs.
    pub parse: Parse,
    pub vocabulary: &'a Vocabulary,
}

/// What reading a sentence needs from the article around it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setting {
    pub date: Option<Date>,
    /// The article's currency for "cents": `CNY` in an article about yuan.
    pub currency: &'static str,
    pub price_context: bool,
}

impl<'a> Scene<'a> {
    /// Reads `text[start..end]`: tokens, time mentions and amounts, and the numbers left out
    /// with their reasons.
    pub fn read(
        text: &'a str,
        sentence: &text::Sentence,
        vocabulary: &'a Vocabulary,
        setting: Setting,
    ) -> (Scene<'a>, Vec<LeftOut>) {
        let (start, end) = (sentence.start, sentence.end);
        let mut scene = Scene::light(text, start, end, vocabulary, setting.date);
        scene.heading = sentence.heading;
        scene.price_context = setting.price_context;
        let mut taken: Vec<Option<&'static str>> = vec![None; scene.tokens.len()];
        for m in &scene.mentions {
            if m.when != When::Event {
                for slot in &mut taken[m.first..=m.last] {
                    *slot = Some(m.reason());
                }
            }
        }
        let quote = &text[start..end];
        let currency = if setting.currency == "CNY" || quote.contains("yuan") {
            "CNY"
        } else {
            "USD"
        };
        // "Shares in Pellow rose 4% to 312p": the words may open the sentence.
        let pence = [
            "share", "Share", "dividend", "Dividend", "\u{a3}", "pence", "stock", "Stock",
        ]
        .iter()
        .any(|w| quote.contains(w));
        let (amounts, left) =
            number::scan(&scene.tokens, &taken, number::Money { currency, pence });
        scene.amounts = amounts;
        (scene, left)
    }

    /// Reads only tokens, time mentions and asides: for a sentence read for its names.
    pub fn light(
        text: &'a str,
        start: usize,
        end: usize,
        vocabulary: &'a Vocabulary,
        date: Option<Date>,
    ) -> Scene<'a> {
        let tokens = text::tokens(text, start, end);
        let mut mentions = period::mentions(&tokens, date);
        let mut in_mention = vec![false; tokens.len()];
        for m in &mentions {
            for flag in &mut in_mention[m.first..=m.last] {
                *flag = true;
            }
        }
        // The date of a dateline is when the news was sent, not when its figures hold.
        let dateline = text::dateline_end(&tokens);
        mentions.retain(|m| m.first >= dateline);
        let asides = segment::asides(&tokens);
        let main = segment::main_start(&tokens);
        Scene {
            text,
            start,
            end,
            tokens,
            amounts: Vec::new(),
            mentions,
            asides,
            in_mention,
            main,
            price_context: false,
            heading: false,
            parse: Parse::default(),
            vocabulary,
        }
    }

    /// Tags the sentence and parses it; only sentences that hold a candidate pay for it.
    pub fn parse(&mut self) {
        if self.parse.tags.len() != self.tokens.len() {
            self.parse = syntax::parse_from(&self.tokens, text::dateline_end(&self.tokens));
        }
    }

    /// The sentence's exact wording.
    pub fn quote(&self) -> &'a str {
        &self.text[self.start..self.end]
    }

    /// The lower-case word at `i`, or "" outside the sentence.
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// The first token of the clause holding `amount`, by punctuation and conjunctions.
    pub fn clause_start(&self, amount: &Amount) -> usize {
        segment::clause_start(&self.tokens, amount.first, 0, &self.asides)
    }

    /// One past the last token of the clause holding `amount`.
    pub fn clause_end(&self, amount: &Amount) -> usize {
        let mut i = amount.last + 1;
        while i < self.tokens.len() {
            let t = &self.tokens[i];
            if t.kind == TokenKind::Symbol
                && matches!(t.text, "," | ";" | ":" | "\u{2014}" | "(" | ")")
            {
                break;
            }
            if matches!(t.lower.as_str(), "while" | "whereas" | "but") {
                break;
            }
            i += 1;
        }
        i
    }

    /// Whether any of `words` is in `tokens[from..to]`.
    pub fn any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        self.tokens[from.min(to).min(self.tokens.len())..to.min(self.tokens.len())]
            .iter()
            .any(|t| words.contains(&t.lower.as_str()))
    }

    /// The last token before `amount` in its clause that is one of `words`, with no other
    /// amount in between.
    pub fn nearest_before(&self, amount: &Amount, words: &[&str]) -> Option<usize> {
        let from = self
            .clause_start(amount)
            .max(self.previous_amount_end(amount));
        (from..amount.first)
            .rev()
            .find(|&i| words.contains(&self.tokens[i].lower.as_str()))
    }

    /// One past the last token of the amount before `amount` in the sentence, or 0.
    pub fn previous_amount_end(&self, amount: &Amount) -> usize {
        self.amounts
            .iter()
            .filter(|a| a.last < amount.first && !a.spelled)
            .map(|a| a.last + 1)
            .max()
            .unwrap_or(0)
    }

    /// The noun phrase right after token `from`: modifiers and a head noun, up to punctuation,
    /// a preposition, a verb or another amount. Returns its token range.
    pub fn phrase_after(&self, from: usize) -> Option<(usize, usize)> {
        let mut end = from;
        while end < self.tokens.len() {
            let t = &self.tokens[end];
            let stop = match t.kind {
                TokenKind::Symbol | TokenKind::Possessive => true,
                TokenKind::Number => !is_name_like_number(t.text),
                TokenKind::Word => {
                    segment::is_verb(t)
                        && !(end == from && (t.lower.ends_with("ed") || t.is("paid")))
                        || words::PREPOSITIONS.contains(&t.lower.as_str())
                        || matches!(
                            t.lower.as_str(),
                            "and"
                                | "or"
                                | "but"
                                | "that"
                                | "which"
                                | "who"
                                | "so"
                                | "while"
                                | "ago"
                                | "earlier"
                                | "later"
                                | "worldwide"
                                | "globally"
                                | "combined"
                                | "together"
                                | "alone"
                                | "a"
                                | "an"
                                | "each"
                        )
                        || self.in_mention[end]
                        || self.amounts.iter().any(|a| a.first == end)
                }
            };
            if stop {
                break;
            }
            end += 1;
        }
        (end > from).then_some((from, end))
    }

    /// The exact words of `tokens[from..to]`, emphasis and brackets trimmed.
    pub fn slice(&self, from: usize, to: usize) -> String {
        segment::clean(&self.text[self.tokens[from].start..self.tokens[to - 1].end()])
    }
}

/// "720P", "5nm": a figure that is part of a label, allowed inside a noun phrase.
pub fn is_name_like_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphabetic())
        && text.bytes().next().is_some_and(|b| b.is_ascii_digit())
}
