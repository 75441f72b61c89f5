//! `factsheet check`: load and validate `content/`, write nothing.

use crate::error::Result;
use crate::project::Project;

use super::Report;

pub fn run(project: &Project) -> Result<Report> {
    let sheets = super::load_sheets(project)?;
    let facts: usize = sheets.iter().map(|s| s.facts.facts.len()).sum();
    Ok(Report {
        lines: vec![format!(
            "{} articles, {facts} facts: no problems found",
            sheets.len()
        )],
        ..Report::default()
    })
}
