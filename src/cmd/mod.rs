//! The commands: each turns its arguments into calls of the library ([`crate::workspace`] for
//! reading, planning and checking a site) and writes what they return; the binary prints what a
//! command reports.

pub mod build;
pub mod check;
pub mod extract;
pub mod init;
pub mod output;
pub mod review;
pub mod schema;

use crate::diagnostic::Diagnostic;

// The workspace's functions under their old paths, for `build.rs` (another branch edits it) and
// the tests of `site/`; new code calls `crate::workspace`.
pub use crate::workspace::{load_sheets, read_articles, read_config, read_records};

/// What a command has to say when it succeeds.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that did not stop the command.
    pub warnings: Vec<Diagnostic>,
    /// Lines for the user, printed after the warnings.
    pub lines: Vec<String>,
}
