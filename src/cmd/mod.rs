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

/// What a command has to say when it succeeds.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that did not stop the command.
    pub warnings: Vec<Diagnostic>,
    /// Lines for the user, printed after the warnings.
    pub lines: Vec<String>,
}
