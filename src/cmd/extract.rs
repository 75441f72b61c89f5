//! `factsheet extract`: articles of `seeds/` -> `content/<slug>.yaml`, one file per article,
//! as planned by [`crate::workspace::plan`]; this writes the plan or shows it as a diff.

use crate::error::Result;
use crate::project::Project;
use crate::workspace::{self, Inputs, plan::Scope, plan::plural};

use super::Report;

/// How `extract` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractOptions {
    /// Print the change as a unified diff and write nothing.
    pub dry_run: bool,
    /// Print why each fact was extracted and why numbers were left out.
    pub explain: bool,
}

pub fn run(project: &Project, options: &ExtractOptions) -> Result<Report> {
    let inputs = Inputs::read(project)?;
    let plan = workspace::plan::plan(
        project,
        &inputs.articles,
        &inputs.files,
        &inputs.records,
        &inputs.vocabulary,
        Scope::All,
        options.explain,
    )?;
    let mut lines = plan.lines.clone();
    if options.dry_run {
        let diff = plan.diff();
        if !diff.is_empty() {
            lines.push(diff.trim_end().to_string());
        }
        lines.push(format!(
            "dry run: {} file{} would change; nothing was written",
            plan.changes.len(),
            plural(plan.changes.len())
        ));
    } else {
        for source in plan.apply(project)? {
            lines.push(format!(
                "{source}: left as it is, as it or its fact file changed while extracting; run `factsheet extract` again"
            ));
        }
        lines.push(format!(
            "{} articles: {} new fact file{}, {} new fact{} added to existing files",
            inputs.articles.len(),
            plan.extracted,
            plural(plan.extracted),
            plan.added,
            plural(plan.added)
        ));
    }
    Ok(Report {
        lines,
        ..Report::default()
    })
}
