//! An article's text as HTML, with every quoted sentence marked and given an anchor.
//!
//! The sentences are found by their byte `span` in `Article::text`, never by searching for the
//! quote, so a sentence that occurs twice is marked where the fact says. Everything from the
//! article is escaped: raw HTML in a Markdown article is shown as text.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::links;
use crate::source::{Article, Format};

/// The HTML of an article and the anchors it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHtml {
    pub html: String,
    /// The spans that got an anchor (`links::sentence_anchor`); a fact whose span is missing
    /// here (say, in a header line) is shown without a link to its sentence.
    pub anchors: BTreeSet<[usize; 2]>,
}

/// Renders `article`'s body with the sentences at `spans` marked.
pub fn render(article: &Article, spans: &[[usize; 2]]) -> ArticleHtml {
    let text = article.text.as_str();
    let mut marker = Marker::new(text, spans);
    let html = match article.format {
        Format::Text => {
            let mut html = String::new();
            let mut start = article.body.min(text.len());
            for line in text[start..].split_inclusive('\n') {
                let end = start + line.trim_end_matches(['\n', '\r']).len();
                let content = &text[start..end];
                let leading = content.len() - content.trim_start().len();
                let trailing = content.len() - content.trim_end().len();
                if !content.trim().is_empty() {
                    html.push_str("<p>");
                    marker.segment_into(&mut html, start + leading, end - trailing);
                    html.push_str("</p>\n");
                }
                start += line.len();
            }
            html
        }
        Format::Markdown => markdown(text, article.body.min(text.len()), &mut marker),
    };
    ArticleHtml {
        html,
        anchors: marker.emitted,
    }
}

fn markdown(text: &str, body: usize, marker: &mut Marker) -> String {
    let source = &text[body..];
    let mut events: Vec<Event> = Vec::new();
    // Links to other files of the author's folder would be broken here; their text is kept.
    let mut dropped_links: Vec<bool> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let (start, end) = (body + range.start, body + range.end);
        match event {
            Event::Text(cow) => {
                if *cow == text[start..end] {
                    events.push(Event::InlineHtml(marker.segment(start, end).into()));
                } else {
                    events.push(Event::Text(cow));
                }
            }
            Event::Code(cow) => {
                let inner = if text[start..end].contains(&*cow) {
                    let offset = start + text[start..end].find(&*cow).unwrap_or(0);
                    marker.segment(offset, offset + cow.len())
                } else {
                    escape(&cow)
                };
                events.push(Event::InlineHtml(format!("<code>{inner}</code>").into()));
            }
            Event::Html(cow) | Event::InlineHtml(cow) => events.push(Event::Text(cow)),
            Event::Start(Tag::Heading {
                level,
                id: _,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(demote(level))))
            }
            Event::Start(Tag::Link { dest_url, .. }) if !is_external(&dest_url) => {
                dropped_links.push(true);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                dropped_links.push(false);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if dropped_links.pop() != Some(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Article headings sit below the page's own `<h1>` and its "The article" `<h2>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn is_external(url: &CowStr) -> bool {
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// Writes stretches of the article, wrapping the quoted parts in `<mark>`.
struct Marker<'a> {
    text: &'a str,
    /// Disjoint, sorted: the union of all spans.
    marked: Vec<[usize; 2]>,
    /// Sorted by start: each distinct span, which gets one anchor.
    spans: Vec<[usize; 2]>,
    emitted: BTreeSet<[usize; 2]>,
}

impl<'a> Marker<'a> {
    fn new(text: &'a str, spans: &[[usize; 2]]) -> Marker<'a> {
        let valid = |s: &&[usize; 2]| {
            s[0] < s[1]
                && s[1] <= text.len()
                && text.is_char_boundary(s[0])
                && text.is_char_boundary(s[1])
        };
        let spans: Vec<[usize; 2]> = spans
            .iter()
            .filter(valid)
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut marked: Vec<[usize; 2]> = Vec::new();
        for span in &spans {
            match marked.last_mut() {
                Some(last) if span[0] <= last[1] => last[1] = last[1].max(span[1]),
                _ => marked.push(*span),
            }
        }
        Marker {
            text,
            marked,
            spans,
            emitted: BTreeSet::new(),
        }
    }

    /// The escaped HTML of `text[start..end]`, marks and anchors included.
    fn segment(&mut self, start: usize, end: usize) -> String {
        let mut html = String::new();
        self.segment_into(&mut html, start, end);
        html
    }

    /// Appends the escaped HTML of `text[start..end]` to `html`, marks and anchors included. An
    /// anchor goes where its span starts, or at the start of the first stretch written inside
    /// it.
    fn segment_into(&mut self, html: &mut String, start: usize, end: usize) {
        let mut cuts: Vec<usize> = vec![start, end];
        for range in &self.marked {
            cuts.extend(
                [range[0], range[1]]
                    .into_iter()
                    .filter(|&c| c > start && c < end),
            );
        }
        let mut pending: Vec<([usize; 2], usize)> = Vec::new();
        for span in &self.spans {
            if !self.emitted.contains(span) && span[0] < end && span[1] > start {
                let at = span[0].max(start);
                cuts.push(at);
                pending.push((*span, at));
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let piece = &self.text[from..to];
            if !self.marked.iter().any(|r| r[0] <= from && to <= r[1]) {
                escape_into(html, piece);
                continue;
            }
            let mut ids = pending
                .iter()
                .filter(|(_, at)| *at == from)
                .map(|(span, _)| *span)
                .filter(|span| self.emitted.insert(*span))
                .map(links::sentence_anchor)
                .collect::<Vec<_>>()
                .into_iter();
            let first = ids.next();
            for id in ids {
                html.push_str("<span id=\"");
                html.push_str(&id);
                html.push_str("\" class=\"anchor\"></span>");
            }
            html.push_str("<mark");
            if let Some(id) = first {
                html.push_str(" id=\"");
                html.push_str(&id);
                html.push('"');
            }
            html.push('>');
            escape_into(html, piece);
            html.push_str("</mark>");
        }
    }
}

/// The five characters that matter in HTML text and attribute values, and the control
/// characters HTML does not allow.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    escape_into(&mut escaped, text);
    escaped
}

/// [`escape`], appending to `out`.
fn escape_into(out: &mut String, text: &str) {
    let mut done = 0;
    // The five are ASCII, and no byte of a longer UTF-8 character is: bytes are safe to cut at.
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // Control characters are not allowed in HTML, and an escape sequence in a page
            // would reach the terminal of whoever prints it: shown as U+FFFD.
            0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&text[done..at]);
        out.push_str(replacement);
        done = at + 1;
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: &str, text: &str) -> Article {
        Article::parse(source, text.to_string()).unwrap()
    }

    #[test]
    fn each_line_of_a_text_article_is_a_paragraph_with_its_sentence_marked() {
        let text = "01/02 2025 0\nFirst line. Sales rose 5%.\n\nSecond <b>line</b>.\n";
        let start = text.find("Sales").unwrap();
        let span = [start, start + "Sales rose 5%.".len()];
        let html = render(&article("seeds/a.txt", text), &[span]);
        assert_eq!(
            html.html,
            format!(
                "<p>First line. <mark id=\"s-{}-{}\">Sales rose 5%.</mark></p>\n<p>Second &lt;b&gt;line&lt;/b&gt;.</p>\n",
                span[0], span[1]
            )
        );
        assert_eq!(html.anchors, BTreeSet::from([span]));
    }

    #[test]
    fn a_sentence_across_markdown_emphasis_is_marked_piece_by_piece_with_one_anchor() {
        let text = "---\ntitle: T\n---\n# Head\n\nProfit *grew* 3%. Next.\n";
        let start = text.find("Profit").unwrap();
        let span = [start, start + "Profit *grew* 3%.".len()];
        let html = render(&article("seeds/b.md", text), &[span]);
        let id = links::sentence_anchor(span);
        assert_eq!(
            html.html,
            format!(
                "<h3>Head</h3>\n<p><mark id=\"{id}\">Profit </mark><em><mark>grew</mark></em><mark> 3%.</mark> Next.</p>\n"
            )
        );
    }

    #[test]
    fn raw_html_in_markdown_is_shown_as_text() {
        let text = "Hello <script>alert(1)</script> world.\n";
        let html = render(&article("seeds/c.md", text), &[]);
        assert!(!html.html.contains("<script>"), "{}", html.html);
        assert!(html.html.contains("&lt;script&gt;"), "{}", html.html);
    }

    #[test]
    fn overlapping_sentences_share_one_mark_and_keep_both_anchors() {
        let text = "abc def ghi\n";
        let html = render(&article("seeds/d.txt", text), &[[0, 7], [4, 11]]);
        assert_eq!(
            html.html,
            "<p><mark id=\"s-0-7\">abc </mark><mark id=\"s-4-11\">def ghi</mark></p>\n"
        );
        assert_eq!(html.anchors.len(), 2);
    }

    #[test]
    fn a_span_outside_the_text_gets_no_anchor() {
        let html = render(&article("seeds/e.txt", "Short.\n"), &[[3, 99]]);
        assert_eq!(html.html, "<p>Short.</p>\n");
        assert!(html.anchors.is_empty());
    }
}
