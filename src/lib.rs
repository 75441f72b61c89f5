//! factsheet turns news articles into fact records people can edit, and those records into a
//! static site.
//!
//! The pipeline, in the order of the modules below:
//!
//! 1. [`source`] reads the articles of `seeds/` (`.txt` or `.md`) into [`source::Article`]s.
//!    [`lexicon`] reads their words (sentences, tokens, numbers, word classes) for both
//!    extraction and the hints of the fact record.
//! 2. [`extract`] finds the quantitative facts of an article: `&Article -> Vec<Fact>`.
//! 3. [`facts`] is the record of `../FACTS.md`: written to `content/<slug>.yaml`, edited by
//!    people, loaded back with every problem located, and validated.
//! 4. [`workspace`] reads a whole site (configuration, vocabulary, articles, fact files),
//!    plans what an extraction would write, and checks the fact files: once, for every command.
//! 5. [`site`] renders the validated sheets through Tera templates: `&Site -> Vec<Output>`.
//! 6. [`cmd`] holds the commands: arguments in, calls of the stages, files and reports out.
//!    [`serve`] is the preview server that rebuilds on every change.
//!
//! The library never prints; the binary prints what the commands return.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod facts;
pub mod fs;
pub mod lexicon;
pub mod project;
pub mod serve;
pub mod site;
pub mod source;
pub mod workspace;
