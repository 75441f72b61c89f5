//! Sentences and words with byte spans in the article's file.
//!
//! `quote` and `span` of every fact come from here only: a [`Sentence`] is a byte range of
//! `article.text`, never a cleaned copy, so a quote is always the exact bytes of the file.
//! Markdown headings and plain-text headlines are kept apart (they state no facts), list bullets
//! and block-quote marks are left outside the sentence, and emphasis stays inside it.

use crate::source::{Article, Format};

/// One sentence of the article: `text[start..end]` is its exact wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (a line of a text article, a block or list item of Markdown).
    pub paragraph: usize,
    /// A heading or headline: no facts are read from it.
    pub heading: bool,
}

/// Every sentence of the article's body, in order.
pub fn sentences(article: &Article) -> Vec<Sentence> {
    let text = article.text.as_str();
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut in_paragraph = false;
    let mut fenced = false;
    let mut offset = article.body;
    let mut first_line = true;
    // The words of a Markdown paragraph read so far: its lines are one text, as a sentence
    // may go on over a line break.
    let mut pending: Option<(usize, usize, usize)> = None;
    let flush = |pending: &mut Option<(usize, usize, usize)>, out: &mut Vec<Sentence>| {
        if let Some((start, end, paragraph)) = pending.take() {
            split_sentences(text, start, end, paragraph, false, out);
        }
    };
    for line in text[article.body..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if article.format == Format::Markdown && trimmed.starts_with("```") {
            flush(&mut pending, &mut out);
            fenced = !fenced;
            continue;
        }
        if trimmed.is_empty() || fenced {
            flush(&mut pending, &mut out);
            if in_paragraph {
                paragraph += 1;
                in_paragraph = false;
            }
            continue;
        }
        let (content, heading, new_block) = match article.format {
            Format::Markdown => markdown_line(line),
            // The first line of a text article is its headline (the title comes from it).
            Format::Text => (
                line.len() - line.trim_start().len(),
                is_headline(trimmed) || first_line && crate::source::is_headline_line(trimmed),
                true,
            ),
        };
        first_line = false;
        if new_block || heading {
            flush(&mut pending, &mut out);
            if in_paragraph {
                paragraph += 1;
            }
        }
        let start = line_start + content;
        let end = line_start + line.trim_end().len();
        if start < end {
            match &mut pending {
                Some((_, pending_end, _)) if article.format == Format::Markdown => {
                    *pending_end = end;
                }
                _ if article.format == Format::Markdown && !heading => {
                    pending = Some((start, end, paragraph));
                }
                _ => split_sentences(text, start, end, paragraph, heading, &mut out),
            }
        }
        in_paragraph = true;
        if heading {
            paragraph += 1;
            in_paragraph = false;
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Where the words of a Markdown line start, whether it is a heading, and whether it opens a
/// new block (a heading or a list item; other lines continue the paragraph above).
fn markdown_line(line: &str) -> (usize, bool, bool) {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if rest.starts_with('#') {
        return (indent, true, true);
    }
    let mut skip = 0;
    let bytes = rest.as_bytes();
    while skip < bytes.len() && bytes[skip] == b'>' {
        skip += 1;
        while skip < bytes.len() && bytes[skip] == b' ' {
            skip += 1;
        }
    }
    let after_quote = &rest[skip..];
    let bullet = ["- ", "* ", "+ "]
        .iter()
        .find(|b| after_quote.starts_with(**b))
        .map(|b| b.len())
        .or_else(|| {
            let digits = after_quote.bytes().take_while(u8::is_ascii_digit).count();
            let tail = &after_quote[digits..];
            (digits > 0 && digits < 4 && (tail.starts_with(". ") || tail.starts_with(") ")))
                .then_some(digits + 2)
        });
    match bullet {
        Some(len) => (indent + skip + len, false, true),
        None => (indent + skip, false, skip > 0),
    }
}

/// A line of a plain-text article that reads as a headline: no closing punctuation.
fn is_headline(line: &str) -> bool {
    !line.ends_with([
        '.', '!', '?', '"', '\u{201d}', ':', ';', ')', '\u{2026}', '\'', '\u{2019}',
    ])
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "llc", "plc", "no", "nos", "st",
    "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "est", "fig", "gov", "sen", "rep", "jr", "sr", "dept", "mt",
];

fn split_sentences(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    heading: bool,
    out: &mut Vec<Sentence>,
) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence they close.
            let mut close = i + 1;
            while close < end {
                let rest = &text[close..end];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(
                    c,
                    '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '*' | '.'
                ) {
                    close += c.len_utf8();
                } else {
                    break;
                }
            }
            let next_word = text[close..end].trim_start();
            let spaced = next_word.len() < end - close;
            let opens = next_word.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '*' | '(')
            });
            if spaced && opens && !(b == b'.' && is_abbreviation(text, sentence_start, i)) {
                push(text, sentence_start, close, paragraph, heading, out);
                sentence_start = end - next_word.len();
                i = sentence_start;
                continue;
            }
            i = close;
            continue;
        }
        i += 1;
    }
    push(text, sentence_start, end, paragraph, heading, out);
}

/// Whether the word before the full stop at `dot` is an abbreviation or an initial ("U.S.").
fn is_abbreviation(text: &str, from: usize, dot: usize) -> bool {
    let before = &text[from..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().next().is_some_and(char::is_uppercase))
        || (lower.contains('.') && lower.len() <= 6)
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// The longest sentence read as one, in bytes. Real sentences are a few hundred bytes; a text
/// without full stops (a table flattened to one line, a generated file) is read in pieces of
/// this size, cut at a space, so the work on each piece is bounded and reading stays linear.
const LONGEST_SENTENCE: usize = 4096;

fn push(
    text: &str,
    mut start: usize,
    end: usize,
    paragraph: usize,
    heading: bool,
    out: &mut Vec<Sentence>,
) {
    while end - start > LONGEST_SENTENCE {
        let mut cut = start + LONGEST_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut]
            .rfind(char::is_whitespace)
            .filter(|&at| at > LONGEST_SENTENCE / 2)
            .map_or(cut, |at| start + at);
        push_one(text, start, cut, paragraph, heading, out);
        start = cut;
    }
    push_one(text, start, end, paragraph, heading, out);
}

fn push_one(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    heading: bool,
    out: &mut Vec<Sentence>,
) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let start = start + lead;
        out.push(Sentence {
            start,
            end: start + trimmed.len(),
            paragraph,
            heading,
        });
    }
}

/// Where the words of a sentence start after a news agency's dateline ("SAN JOSE, Calif., May
/// 1 (NEWSWIRE) —": a place in capitals, then a dash); 0 when there is none.
pub fn dateline_end(tokens: &[Token]) -> usize {
    let upper = |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    let opens = tokens
        .first()
        .is_some_and(|t| t.is_word() && t.text.len() > 1 && upper(t.text));
    tokens
        .iter()
        .take(20)
        .position(|t| matches!(t.text, "\u{2014}" | "\u{2013}" | "--"))
        .filter(|&d| opens && d > 0)
        .map_or(0, |d| d + 1)
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter: "revenue", "Zeta-4o", "U.S.", "year-over-year".
    Word,
    /// Starts with a digit: "40", "500,000", "1.2bn", "6-12", "720P", "19th".
    Number,
    /// One character of punctuation or a symbol: "$", "%", ",", "(".
    Symbol,
    /// The possessive ending "'s" split off the word before it.
    Possessive,
}

/// A word, number or symbol of a sentence, with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// Exactly as written.
    pub text: &'a str,
    /// Lower case, with typographic apostrophes straightened.
    pub lower: String,
    /// Byte offset in the article's file.
    pub start: usize,
    pub kind: TokenKind,
}

impl Token<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter or holds one after the first ("VoltMind", "eReader").
    pub fn is_capitalized(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().any(char::is_uppercase)
    }

    pub fn is_symbol(&self, c: char) -> bool {
        self.kind == TokenKind::Symbol && self.text.starts_with(c)
    }
}

/// The tokens of `text[start..end]`, with offsets into `text`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = text[i..end].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let token_end = if c.is_ascii_digit() {
            number_end(text, i, end)
        } else if c.is_alphabetic() {
            // An abbreviation keeps its last full stop: "U.S." is one word, not "U.S" and ".".
            let word = word_end(text, i, end);
            let dotted = text[i..word].contains('.') && text[word..end].starts_with('.');
            if dotted { word + 1 } else { word }
        } else if (c == '\'' || c == '\u{2019}') && possessive_at(text, i, end) && !out.is_empty() {
            let token_end = i + len + 1;
            out.push(Token {
                text: &text[i..token_end],
                lower: "'s".into(),
                start: i,
                kind: TokenKind::Possessive,
            });
            i = token_end;
            continue;
        } else {
            i + len
        };
        let slice = &text[i..token_end];
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else if c.is_alphabetic() {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        };
        let lower = if slice
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            slice.to_string()
        } else {
            slice.to_lowercase().replace('\u{2019}', "'")
        };
        out.push(Token {
            text: slice,
            lower,
            start: i,
            kind,
        });
        i = token_end;
    }
    out
}

/// `'s` or `’s` ending a word at `i` (followed by a non-letter).
fn possessive_at(text: &str, i: usize, end: usize) -> bool {
    let rest = &text[i..end];
    let after = rest.chars().next().map_or(0, char::len_utf8);
    let mut chars = rest[after..].chars();
    matches!(chars.next(), Some('s')) && !chars.next().is_some_and(char::is_alphanumeric)
}

fn word_end(text: &str, start: usize, end: usize) -> usize {
    let mut i = start;
    let mut chars = text[start..end].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let joins = matches!(c, '-' | '.' | '&' | '\'' | '\u{2019}' | '_')
            && next.is_some_and(char::is_alphanumeric)
            && !((c == '\'' || c == '\u{2019}') && possessive_at(text, start + at, end));
        if c.is_alphanumeric() || joins {
            i = start + at + c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn number_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let digit = |j: usize| j < end && bytes[j].is_ascii_digit();
    let mut i = start;
    loop {
        while digit(i) {
            i += 1;
        }
        if i < end && (bytes[i] == b'.' || bytes[i] == b',') && digit(i + 1) {
            i += 1;
            continue;
        }
        if i < end && bytes[i] == b'-' && i + 1 < end && bytes[i + 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // An en dash between digits: "32–33".
        if text[i..end].starts_with('\u{2013}') && digit(i + 3) {
            i += 3;
            continue;
        }
        if i < end && bytes[i].is_ascii_alphabetic() {
            while i < end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        break;
    }
    i
}

/// Whether the sentence may hold a fact: a digit, a number word, or a comparison verb.
/// Most sentences of an article have none of them, so this runs over every byte and must be
/// cheap: one pass, no allocation.
pub fn may_hold_fact(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    if bytes.iter().any(u8::is_ascii_digit) {
        return true;
    }
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i - start >= 3 && i - start <= 12 && is_trigger_word(&bytes[start..i]) {
            return true;
        }
    }
    false
}

fn is_trigger_word(word: &[u8]) -> bool {
    let mut lower = [0u8; 12];
    for (slot, b) in lower.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    let lower = &lower[..word.len()];
    matches!(
        lower,
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"trillion"
            | b"dozen"
            | b"digits"
            | b"digit"
            | b"doubled"
            | b"tripled"
            | b"quadrupled"
            | b"halved"
            | b"year"
            | b"outperforms"
            | b"outperformed"
            | b"outperform"
            | b"beats"
            | b"surpasses"
            | b"outpaces"
            | b"outpaced"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(format: Format, text: &str) -> Article {
        let source = if format == Format::Markdown {
            "seeds/a.md"
        } else {
            "seeds/a.txt"
        };
        Article::parse(source, text.to_string()).unwrap()
    }

    fn quotes(article: &Article) -> Vec<(&str, usize, bool)> {
        sentences(article)
            .iter()
            .map(|s| (&article.text[s.start..s.end], s.paragraph, s.heading))
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_after_abbreviations_or_initials() {
        let a = article(
            Format::Text,
            "01/27 2025 0\nIt ranks No. 1 in the U.S. Play Mart. Sales rose 5%. \"Good.\" Then more.\n",
        );
        assert_eq!(
            quotes(&a),
            vec![
                ("It ranks No. 1 in the U.S. Play Mart.", 0, false),
                ("Sales rose 5%.", 0, false),
                ("\"Good.\"", 0, false),
                ("Then more.", 0, false),
            ]
        );
    }

    #[test]
    fn a_sentence_without_full_stops_is_read_in_bounded_pieces_cut_at_spaces() {
        let line = "caf\u{e9} 12 ".repeat(3_000);
        let a = article(Format::Text, &format!("01/27 2025 0\n{line}\n"));
        let body = sentences(&a);
        assert!(body.len() > 5, "{} pieces", body.len());
        for s in &body {
            let quote = &a.text[s.start..s.end];
            assert!(quote.len() <= LONGEST_SENTENCE, "{} bytes", quote.len());
            assert!(
                quote.starts_with("caf") || quote.starts_with("12"),
                "{quote:.20}"
            );
        }
        // Nothing is lost between the pieces.
        let covered: usize = body.iter().map(|s| s.end - s.start).sum();
        assert!(covered + body.len() >= line.trim_end().len());
    }

    #[test]
    fn spans_are_byte_offsets_of_the_file() {
        let a = article(
            Format::Text,
            "01/27 2025 0\nCaf\u{e9} sales rose. Then fell.\n",
        );
        let s = sentences(&a);
        assert_eq!(&a.text[s[1].start..s[1].end], "Then fell.");
        assert_eq!(s[1].start, 13 + "Caf\u{e9} sales rose. ".len());
    }

    #[test]
    fn text_headlines_and_markdown_headings_are_marked() {
        let a = article(
            Format::Text,
            "01/27 2025 0\n01 Discounts too good to be true\nPrices fell.\n",
        );
        assert_eq!(
            quotes(&a),
            vec![
                ("01 Discounts too good to be true", 0, true),
                ("Prices fell.", 1, false)
            ]
        );
        let m = article(
            Format::Markdown,
            "---\ntitle: T\ndate: 2025-08-06\n---\n# Head 1\n\n- **Nimbus** spent $3 billion.\n- **Orbitly** spent less.\n\nA line\ncontinues here.\n",
        );
        assert_eq!(
            quotes(&m),
            vec![
                ("# Head 1", 0, true),
                ("**Nimbus** spent $3 billion.", 1, false),
                ("**Orbitly** spent less.", 2, false),
                ("A line\ncontinues here.", 3, false),
            ]
        );
    }

    #[test]
    fn tokens_keep_numbers_names_and_possessives_apart() {
        let text =
            "Nimbus Cloud\u{2019}s 1.2bn rose 6-12 and $32\u{2013}33 in Zeta-4o's U.S. 720P 19th";
        let words: Vec<(&str, TokenKind)> = tokens(text, 0, text.len())
            .iter()
            .map(|t| (t.text, t.kind))
            .collect();
        use TokenKind::*;
        assert_eq!(
            words,
            vec![
                ("Nimbus", Word),
                ("Cloud", Word),
                ("\u{2019}s", Possessive),
                ("1.2bn", Number),
                ("rose", Word),
                ("6-12", Number),
                ("and", Word),
                ("$", Symbol),
                ("32\u{2013}33", Number),
                ("in", Word),
                ("Zeta-4o", Word),
                ("'s", Possessive),
                ("U.S.", Word),
                ("720P", Number),
                ("19th", Number),
            ]
        );
    }

    #[test]
    fn the_prefilter_passes_digits_and_number_words_only() {
        assert!(may_hold_fact("Revenue grew 5%."));
        assert!(may_hold_fact("Seven firms joined."));
        assert!(may_hold_fact("It grew by double digits."));
        assert!(!may_hold_fact("The market keeps growing, analysts say."));
    }
}
