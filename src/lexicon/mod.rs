//! The words of the genre and how they are read, before anything is a fact: sentences and
//! tokens with their byte spans ([`text`]), numbers as articles write them ([`number`]), the
//! phrases that bound a figure ([`bounds`]), and the closed word classes: months, words of
//! change and the rest ([`words`]).
//!
//! It sits below both extraction and the fact record, so that one reader serves both: a hint
//! for a hand-edited fact reads "over 40 million" or "May 2024" with the same words extraction
//! read the article with, and neither layer has to call the other for them. It knows nothing
//! of facts; it uses only [`crate::source`], for the article a sentence is cut from.
//!
//! Hand-written rather than a general tokenizer or number-parsing crate: every token keeps its
//! byte span (a quote is the article's exact bytes), and the number forms are the genre's
//! ("1.2bn", "RMB 1.2 trillion", "a dozen", "double digits"), each with the reason a number
//! was left out.

pub mod bounds;
pub mod number;
pub mod text;
pub mod words;
