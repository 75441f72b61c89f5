//! `factsheet review`: the facts extraction was unsure of ("to check" on the site), or with
//! `--all` every fact no person has reviewed (those to check first), one at a time in the
//! terminal (the sentence with the figure marked, each field, a key to accept,
//! edit a field, delete or skip), or by id for scripts (`--list`, `--accept`, `--delete`).
//! Each decision is written to its fact file at once, as a hand edit would be: comments,
//! order and every other fact stay byte for byte.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, line_column};
use crate::error::{Error, Result};
use crate::facts::Fact;
use crate::facts::review::{self, Decision};
use crate::fs::write_atomic;
use crate::project::Project;

use crate::workspace::{self, ContentFile};

use super::Report;

/// What `review` does.
#[derive(Debug, Clone, Default)]
pub struct ReviewOptions {
    /// List the facts to check and change nothing.
    pub list: bool,
    /// Every unreviewed fact, not only those to check.
    pub all: bool,
    /// Facts to accept, as `ID` or `SLUG/ID`.
    pub accept: Vec<String>,
    /// Facts to delete, as `ID` or `SLUG/ID`.
    pub delete: Vec<String>,
}

/// The terminal of an interactive review: where answers come from, where questions go, and
/// whether the figure may be marked with reverse video.
pub struct Terminal<'a> {
    pub input: &'a mut dyn BufRead,
    pub output: &'a mut dyn Write,
    pub color: bool,
}

pub fn run(project: &Project, options: &ReviewOptions, terminal: Terminal) -> Result<Report> {
    let (files, problems) = workspace::read_content(project, |file| file)?;
    let broken: Vec<Diagnostic> = problems
        .into_iter()
        .chain(files.iter().flat_map(|f| f.loaded.problems.clone()))
        .filter(Diagnostic::is_error)
        .collect();
    if !broken.is_empty() {
        // A decision is an edit of a file that must load before and after it.
        return Err(Error::Invalid(broken));
    }
    let mut review = Review {
        project,
        files,
        all: options.all,
    };
    if options.list {
        return Ok(Report {
            lines: review.list(),
            ..Report::default()
        });
    }
    if !options.accept.is_empty() || !options.delete.is_empty() {
        let mut lines = Vec::new();
        for (names, decision, done) in [
            (&options.accept, Decision::Accept, "accepted"),
            (&options.delete, Decision::Delete, "deleted"),
        ] {
            for name in names {
                let (file, id) = review.find(name)?;
                review.decide(file, &id, &decision)?;
                lines.push(format!(
                    "{}: {done} `{id}`",
                    review.files[file].path.display()
                ));
            }
        }
        return Ok(Report {
            lines,
            ..Report::default()
        });
    }
    review.interactive(terminal)
}

struct Review<'p> {
    project: &'p Project,
    files: Vec<ContentFile>,
    /// Every unreviewed fact is in the queue, not only those to check.
    all: bool,
}

impl Review<'_> {
    /// Every fact to check (with `all`, then every other unreviewed one), as (file, id), in
    /// file order.
    fn queue(&self) -> Vec<(usize, String)> {
        let mut queue: Vec<(bool, usize, String)> = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            for fact in &file.loaded.sheet.facts {
                let first = review::is_to_check(fact);
                if first || self.all && !fact.reviewed {
                    queue.push((!first, i, fact.id.clone()));
                }
            }
        }
        // Stable: the facts to check first, each part in file order.
        queue.sort_by_key(|(later, ..)| *later);
        queue.into_iter().map(|(_, i, id)| (i, id)).collect()
    }

    /// What the queue holds, for counts.
    fn waiting(&self) -> &'static str {
        if self.all { "unreviewed" } else { "to check" }
    }

    fn fact(&self, file: usize, id: &str) -> Option<(&Fact, usize)> {
        let loaded = &self.files[file].loaded;
        let index = loaded.sheet.facts.iter().position(|f| f.id == id)?;
        Some((&loaded.sheet.facts[index], loaded.places.facts[index].start))
    }

    fn list(&self) -> Vec<String> {
        let queue = self.queue();
        let mut lines = Vec::new();
        for (file, id) in &queue {
            let Some((fact, start)) = self.fact(*file, id) else {
                continue;
            };
            let path = &self.files[*file].path;
            let (line, column) = line_column(&self.files[*file].text, start);
            lines.push(format!(
                "{}:{line}:{column}: {} {}",
                path.display(),
                self.files[*file].loaded.sheet.article.slug,
                summary(fact)
            ));
            lines.push(format!("    “{}”", plain(&fact.quote)));
        }
        let waiting = self.waiting();
        lines.push(match queue.len() {
            0 => format!("no facts {waiting}"),
            1 => format!("1 fact {waiting}"),
            n => format!("{n} facts {waiting}"),
        });
        lines
    }

    /// The file and id `name` (`ID` or `SLUG/ID`) stands for.
    fn find(&self, name: &str) -> Result<(usize, String)> {
        let (slug, id) = match name.split_once('/') {
            Some((slug, id)) => (Some(slug), id),
            None => (None, name),
        };
        let found: Vec<usize> = (0..self.files.len())
            .filter(|&i| slug.is_none_or(|s| self.files[i].loaded.sheet.article.slug == s))
            .filter(|&i| self.fact(i, id).is_some())
            .collect();
        match found.as_slice() {
            [file] => Ok((*file, id.to_string())),
            [] => Err(invalid(
                format!("no fact `{name}` in content/"),
                "`factsheet review --list` lists the facts to check, with their article's slug and id",
            )),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .map(|&i| format!("{}/{id}", self.files[i].loaded.sheet.article.slug))
                    .collect();
                Err(invalid(
                    format!("`{name}` is a fact of {} articles", many.len()),
                    format!("name one as SLUG/ID: {}", names.join(", ")),
                ))
            }
        }
    }

    /// Makes `decision` about fact `id` of file `file`, writes the file and reads it again.
    fn decide(&mut self, file: usize, id: &str, decision: &Decision) -> Result<()> {
        let current = &self.files[file];
        let edited = review::apply(&current.path, &current.text, &current.loaded, id, decision)
            .map_err(|why| {
                invalid(
                    format!("cannot change `{id}` in {}: {why}", current.path.display()),
                    "edit the fact file by hand",
                )
            })?;
        let path: PathBuf = current.path.clone();
        write_atomic(&self.project.root.join(&path), edited.as_bytes())?;
        self.files[file] = ContentFile::new(path, edited);
        Ok(())
    }

    fn interactive(&mut self, terminal: Terminal) -> Result<Report> {
        let Terminal {
            input,
            output,
            color,
        } = terminal;
        let queue = self.queue();
        let (mut accepted, mut deleted, mut edited, mut skipped) = (0, 0, 0, 0);
        let io = |e: std::io::Error| Error::io(PathBuf::from("the terminal"), e);
        'facts: for (n, (file, id)) in queue.iter().enumerate() {
            loop {
                let Some((fact, start)) = self.fact(*file, id) else {
                    continue 'facts;
                };
                let path = &self.files[*file].path;
                let (line, _) = line_column(&self.files[*file].text, start);
                writeln!(
                    output,
                    "\n[{} of {}] {}:{line}  {id}",
                    n + 1,
                    queue.len(),
                    path.display()
                )
                .map_err(io)?;
                writeln!(output, "  “{}”", marked(&fact.quote, &fact.text, color)).map_err(io)?;
                for (field, value) in fields(fact) {
                    writeln!(output, "  {field:>10}: {value}").map_err(io)?;
                }
                write!(
                    output,
                    "[a]ccept  [e]dit a field  [d]elete  [s]kip  [q]uit > "
                )
                .map_err(io)?;
                output.flush().map_err(io)?;
                let Some(answer) = read_line(input).map_err(io)? else {
                    break 'facts;
                };
                let decision = match answer.to_ascii_lowercase().as_str() {
                    "a" | "accept" => Decision::Accept,
                    "d" | "delete" => Decision::Delete,
                    "s" | "skip" | "" => {
                        skipped += 1;
                        continue 'facts;
                    }
                    "q" | "quit" => break 'facts,
                    "e" | "edit" => {
                        write!(output, "field > ").map_err(io)?;
                        output.flush().map_err(io)?;
                        let Some(field) = read_line(input).map_err(io)? else {
                            break 'facts;
                        };
                        write!(output, "{field} > ").map_err(io)?;
                        output.flush().map_err(io)?;
                        let Some(value) = read_line(input).map_err(io)? else {
                            break 'facts;
                        };
                        Decision::Set {
                            field: field.to_ascii_lowercase(),
                            value,
                        }
                    }
                    other => {
                        writeln!(output, "`{other}`: answer a, e, d, s or q").map_err(io)?;
                        continue;
                    }
                };
                match self.decide(*file, id, &decision) {
                    Ok(()) => match decision {
                        Decision::Accept => {
                            accepted += 1;
                            continue 'facts;
                        }
                        Decision::Delete => {
                            deleted += 1;
                            continue 'facts;
                        }
                        // Shown again, to check the edit, accept it or edit more.
                        Decision::Set { .. } => edited += 1,
                    },
                    Err(Error::Invalid(problems)) => {
                        for problem in problems {
                            writeln!(output, "not changed: {}", problem.message).map_err(io)?;
                        }
                    }
                    Err(other) => return Err(other),
                }
            }
        }
        writeln!(output).map_err(io)?;
        let left = self.queue().len();
        Ok(Report {
            lines: vec![format!(
                "{accepted} accepted, {edited} edits, {deleted} deleted, {skipped} skipped; {left} still {}",
                self.waiting()
            )],
            ..Report::default()
        })
    }
}

/// One line of a fact's fields for `--list`.
fn summary(fact: &Fact) -> String {
    fields(fact)
        .into_iter()
        .map(|(field, value)| format!("{field} {value}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The fields a person checks, in FACTS.md's order, as written in the file.
fn fields(fact: &Fact) -> Vec<(&'static str, String)> {
    let text = |t: &Option<String>| t.as_deref().map(plain);
    let shown = |t: Option<String>| t.unwrap_or_else(|| "—".into());
    let mut out = vec![
        ("id", fact.id.clone()),
        ("kind", fact.kind.to_string()),
        ("subject", plain(&fact.subject)),
        ("metric", shown(text(&fact.metric))),
    ];
    match (fact.value, fact.min, fact.max) {
        (Some(v), _, _) => out.push(("value", v.to_string())),
        (None, Some(min), Some(max)) => out.push(("min, max", format!("{min}, {max}"))),
        _ => {}
    }
    out.extend([
        ("unit", shown(fact.unit.as_ref().map(|u| u.to_string()))),
        ("qualifier", shown(fact.qualifier.map(|q| q.to_string()))),
        ("basis", shown(fact.basis.map(|b| b.to_string()))),
        ("period", shown(fact.period.as_ref().map(|p| p.to_string()))),
        ("text", plain(&fact.text)),
        ("confidence", shown(fact.confidence.map(|c| c.to_string()))),
    ]);
    if fact.object.is_some() {
        out.insert(4, ("object", shown(text(&fact.object))));
    }
    out
}

/// `quote` with the figure (`text`) marked: in reverse video on a terminal, else `[[...]]`.
fn marked(quote: &str, text: &str, color: bool) -> String {
    let quote = plain(quote);
    let Some(at) = quote.find(text).filter(|_| !text.is_empty()) else {
        return quote;
    };
    let (open, close) = if color {
        ("\u{1b}[7m", "\u{1b}[0m")
    } else {
        ("[[", "]]")
    };
    let end = at + text.len();
    format!(
        "{}{open}{}{close}{}",
        &quote[..at],
        &quote[at..end],
        &quote[end..]
    )
}

/// Text from a file, without the control characters that could drive the terminal.
fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The next line of input, trimmed; `None` at the end of the input.
fn read_line(input: &mut dyn BufRead) -> std::io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

fn invalid(message: impl Into<String>, help: impl Into<String>) -> Error {
    Error::Invalid(vec![Diagnostic::error("content", message).with_help(help)])
}
