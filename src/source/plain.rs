//! The words of an article as a reader sees them: a quote is stored and shown without the
//! Markdown around its words (`**Helio Solar** grew` is `Helio Solar grew`), while its `span`
//! still indexes the article's own bytes. This module turns the bytes of a span into the
//! quote, and finds a quote again in an article whose text moved.
//!
//! pulldown-cmark reads the Markdown (emphasis, links, code, escapes and entities as
//! CommonMark has them); a text article's words are its bytes.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Format;

/// The quote of the article bytes `raw`: for Markdown, its text without markup, line breaks
/// as spaces (struck-through words stay: a reader of the page sees them, struck). A fragment Markdown would read as a block of its own (a heading, a list, a
/// table) is kept as it is, since its marks are then not markup of the sentence.
pub fn quote(format: Format, raw: &str) -> Cow<'_, str> {
    match format {
        Format::Text => Cow::Borrowed(raw),
        Format::Markdown => markdown_quote(raw).map_or(Cow::Borrowed(raw), Cow::Owned),
    }
}

fn markdown_quote(raw: &str) -> Option<String> {
    if !raw.contains(['*', '_', '`', '[', '<', '&', '\\', '~', '\n']) {
        return None;
    }
    let mut events = Parser::new_ext(raw, Options::ENABLE_STRIKETHROUGH);
    if !matches!(events.next(), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for event in events {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // A second block: the fragment was not one sentence of running text.
            Event::Start(Tag::Paragraph) => return None,
            _ => {}
        }
    }
    Some(out)
}

/// Where `quote` stands in `text` (an article in `format`): the byte range whose
/// [`quote`] it is, nearest `near` when it stands in several places.
pub fn find(format: Format, text: &str, quote_text: &str, near: usize) -> Option<Range<usize>> {
    if quote_text.is_empty() {
        return None;
    }
    let mut raw = text
        .match_indices(quote_text)
        .map(|(at, _)| at..at + quote_text.len());
    let nearest = |ranges: &mut dyn Iterator<Item = Range<usize>>| {
        ranges.min_by_key(|range| range.start.abs_diff(near))
    };
    if format == Format::Text {
        return nearest(&mut raw);
    }
    // A quote written with its markup (as factsheet once stored them) is found as it is.
    let raw: Vec<Range<usize>> = raw.collect();
    let plain = Plain::of(text);
    let mut found = plain
        .text
        .match_indices(quote_text)
        .filter_map(|(at, _)| plain.source_range(text, at..at + quote_text.len(), quote_text))
        .chain(raw);
    nearest(&mut found)
}

/// An article's Markdown as plain text, with the source offset of each of its bytes.
struct Plain {
    text: String,
    /// For each byte of `text`: the range of source bytes it comes from.
    origin: Vec<Range<usize>>,
}

impl Plain {
    fn of(source: &str) -> Plain {
        let mut plain = Plain {
            text: String::new(),
            origin: Vec::new(),
        };
        let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
        for (event, range) in parser {
            match event {
                Event::Text(words) | Event::Code(words) => {
                    let written = &source[range.clone()];
                    // Words written as they read map byte for byte; an escape or entity maps
                    // to all of its source.
                    match written.find(&*words) {
                        Some(at) => {
                            let start = range.start + at;
                            plain.push(&words, |i| start + i..start + i + 1);
                        }
                        None => plain.push(&words, |_| range.clone()),
                    }
                }
                Event::SoftBreak | Event::HardBreak => plain.push(" ", |_| range.clone()),
                // Inline markup ends within the sentence; a block ends it.
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image,
                ) => {}
                Event::End(_) => plain.push("\n", |_| range.end..range.end),
                _ => {}
            }
        }
        plain
    }

    fn push(&mut self, words: &str, origin: impl Fn(usize) -> Range<usize>) {
        self.text.push_str(words);
        self.origin.extend((0..words.len()).map(origin));
    }

    /// The source bytes of the plain bytes `range`, widened over the markup that opens and
    /// closes them, when their quote is `expected`.
    fn source_range(
        &self,
        source: &str,
        range: Range<usize>,
        expected: &str,
    ) -> Option<Range<usize>> {
        let start = self.origin.get(range.start)?.start;
        let end = self.origin.get(range.end - 1)?.end;
        let opening = source[..start]
            .bytes()
            .rev()
            .take_while(|b| b"*_~`[".contains(b))
            .count();
        let closing = source[end..]
            .bytes()
            .take_while(|b| b"*_~`".contains(b))
            .count();
        [
            start - opening..end + closing,
            start - opening..end,
            start..end + closing,
            start..end,
        ]
        .into_iter()
        .find(|r| quote(Format::Markdown, &source[r.clone()]) == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_quotes_lose_their_markup() {
        let cases = [
            ("**Helio Solar** grew 12%.", "Helio Solar grew 12%."),
            ("Sales at _Ovo_ fell `3%`.", "Sales at Ovo fell 3%."),
            (
                "See [the report](https://example.org/r) on 40 sites.",
                "See the report on 40 sites.",
            ),
            (
                "Profit rose 5%\nin the quarter.",
                "Profit rose 5% in the quarter.",
            ),
            ("AT&amp;T paid \\*twice\\*.", "AT&T paid *twice*."),
            ("Costs fell ~~4%~~ 6%.", "Costs fell 4% 6%."),
            ("Revenue rose 8%.", "Revenue rose 8%."),
        ];
        for (raw, plain) in cases {
            assert_eq!(quote(Format::Markdown, raw), plain, "{raw}");
        }
    }

    #[test]
    fn marks_that_make_a_block_and_text_articles_stay_as_written() {
        assert_eq!(quote(Format::Markdown, "# 12% up"), "# 12% up");
        assert_eq!(
            quote(Format::Markdown, "1. Sales *rose*."),
            "1. Sales *rose*."
        );
        assert_eq!(quote(Format::Text, "**Bold** 5%."), "**Bold** 5%.");
    }

    #[test]
    fn a_plain_quote_is_found_at_the_bytes_of_its_marked_up_sentence() {
        let text = "---\ntitle: T\n---\nIntro here.\n\n**Helio Solar** grew [12%](x).\n";
        let at = text.find("**Helio").unwrap();
        let found = find(Format::Markdown, text, "Helio Solar grew 12%.", 0).unwrap();
        assert_eq!(found, at..text.len() - 1);
        assert_eq!(
            quote(Format::Markdown, &text[found]),
            "Helio Solar grew 12%."
        );
    }

    #[test]
    fn the_occurrence_nearest_the_old_span_is_found_and_raw_quotes_still_match() {
        let text = "Up 5%. Then *up* 5%. And up 5%.";
        assert_eq!(find(Format::Markdown, text, "up 5%.", 30), Some(25..31));
        assert_eq!(find(Format::Markdown, text, "up 5%.", 12), Some(12..20));
        assert_eq!(find(Format::Text, text, "*up* 5%.", 0), Some(12..20));
        assert_eq!(find(Format::Text, text, "gone", 0), None);
    }
}
