//! The command line: clap types only. Each command's `long_about` carries an example.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turns news articles into hand-editable YAML fact records and a static fact-sheet site.
#[derive(Debug, Parser)]
#[command(name = "factsheet", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site that builds at once
    #[command(
        long_about = "Create a new site that builds at once: config.toml, the default \
        templates and static files, and one sample article in seeds/.\n\n\
        Example:\n  factsheet init my-facts && cd my-facts && factsheet build"
    )]
    Init(InitArgs),
    /// Extract facts from the articles in seeds/ into content/*.yaml, keeping every hand edit
    #[command(
        long_about = "Read every article in seeds/ (.txt with an optional `MM/DD YYYY` \
        first line, or .md with `title` and `date` front matter) and extract its facts. An \
        article without a fact file gets content/<slug>.yaml. An article with one is extracted \
        again and only the facts found anew are appended, each under a comment asking for a \
        review: everything written by hand stays byte for byte, and a fact deleted by hand is \
        not proposed again (content/.extracted/ remembers what was proposed; commit it). \
        The site's extract.toml, when present, adds to the extraction vocabulary.\n\n\
        Examples:\n  factsheet extract --root my-facts\n  \
        factsheet extract --dry-run      # show the change as a unified diff, write nothing\n  \
        factsheet extract --explain      # say which rule found each fact"
    )]
    Extract(ExtractArgs),
    /// Extract new and changed articles, validate content/ and render the site into public/
    #[command(
        long_about = "Extract articles that have no fact file yet or whose text changed since \
        their last extraction (merging new facts as `extract` does), load and validate every \
        file of content/, and render the site. On any error nothing is written: content/ and \
        the previous output stay as they were.\n\n\
        Example:\n  factsheet build --root my-facts --out /tmp/site"
    )]
    Build(BuildArgs),
    /// Load and validate content/ without writing anything (but spans, with --fix)
    #[command(
        long_about = "Load every fact file of content/ and check it against FACTS.md \
        and its article: syntax, fields, types, ranges, ids, slugs, quotes and spans. Prints \
        every problem of every file with file:line:column, the line and a hint; exit status 1 \
        when there is one. A fact whose quote is no longer in its article is reported as stale. \
        With --fix, spans that do not match their quote are corrected in place, and nothing \
        else is written.\n\n\
        Examples:\n  factsheet check --root my-facts\n  factsheet check --fix"
    )]
    Check(CheckArgs),
    /// Check the facts extraction was unsure of: accept, edit, delete or skip each
    #[command(
        long_about = "Walk through the facts extraction was unsure of (marked \"to check\" \
        on the site, with a `confidence` below 0.6 in their fact file), or with --all every \
        fact without `reviewed: true`, one at a time: the sentence with the figure marked, each \
        field, and a key to accept it (`reviewed: true` is written), edit a field, delete it \
        (it is not proposed again) or skip it. Each decision is written at once, as a hand \
        edit: comments, order and every other fact stay as they were. For scripts, --list \
        prints them and --accept/--delete take ids (ID, or SLUG/ID when several articles have \
        one).\n\n\
        Examples:\n  factsheet review\n  factsheet review --all --list\n  \
        factsheet review --accept cloud-revenue-growth --delete my-article/bottom-money"
    )]
    Review(ReviewArgs),
    /// Build into memory, serve on loopback, rebuild and reload pages on every change
    #[command(long_about = "Build the site into memory and serve it, by default on \
        http://127.0.0.1:1111/. seeds/, content/, templates/, static/ and config.toml are watched: \
        each change rebuilds what it touches and open pages reload by themselves. A broken file \
        shows its error in the browser and the terminal while the last good site stays up.\n\n\
        Example:\n  factsheet serve --root my-facts --port 8000 --open")]
    Serve(ServeArgs),
    /// Print the JSON Schema of a fact file, for editors
    #[command(
        long_about = "Print the JSON Schema of a fact file. Fact files name it in their \
        first line (`# yaml-language-server: $schema=../schema/factsheet.schema.json`), so an \
        editor with a YAML language server completes fields and flags mistakes as you type; \
        the repository keeps a copy at schema/factsheet.schema.json.\n\n\
        Example:\n  factsheet schema > schema/factsheet.schema.json"
    )]
    Schema,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The site root (the folder with seeds/ and content/)
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must be empty if it exists)
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print, for each article, the rule behind each fact and why other numbers were left out
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the output folder even if it holds files factsheet did not write
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Correct spans that do not match their quote (and write nothing else)
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// List the facts to check, with where each is, and change nothing
    #[arg(long, conflicts_with_all = ["accept", "delete"])]
    pub list: bool,
    /// Every fact no person has reviewed, not only those extraction was unsure of (they come first)
    #[arg(long)]
    pub all: bool,
    /// Accept these facts (ID or SLUG/ID): they are marked `reviewed: true`
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub accept: Vec<String>,
    /// Delete these facts (ID or SLUG/ID): they are not proposed again
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub delete: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The port to listen on (0: any free port)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; keep the loopback default unless others must see the preview
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_an_example_in_its_help() {
        let command = Cli::command();
        for sub in command.get_subcommands() {
            let help = sub
                .get_long_about()
                .map(|s| s.to_string())
                .unwrap_or_default();
            assert!(
                help.contains("Example:") || help.contains("Examples:"),
                "`factsheet help {}` has no example",
                sub.get_name()
            );
        }
    }

    #[test]
    fn extract_takes_dry_run_and_explain() {
        let cli = Cli::try_parse_from(["factsheet", "extract", "--dry-run", "--explain"]).unwrap();
        match cli.command {
            Command::Extract(args) => assert!(args.dry_run && args.explain),
            other => panic!("parsed as {other:?}"),
        }
    }
}
