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
    /// Extract facts from the articles in seeds/ into content/*.yaml
    #[command(
        long_about = "Read every article in seeds/ (.txt with an optional `MM/DD YYYY` \
        first line, or .md with `title` and `date` front matter) and write its facts to \
        content/<slug>.yaml. Files that exist already are left as they are.\n\n\
        Example:\n  factsheet extract --root my-facts"
    )]
    Extract(ExtractArgs),
    /// Extract new articles, validate content/ and render the site into public/
    #[command(
        long_about = "Extract articles that have no fact file yet, load and validate \
        every file of content/, and render the site. On any error nothing is written and the \
        previous output stays as it was.\n\n\
        Example:\n  factsheet build --root my-facts --out /tmp/site"
    )]
    Build(BuildArgs),
    /// Load and validate content/ without writing anything
    #[command(
        long_about = "Load every fact file of content/ and check it against FACTS.md \
        and its article: fields, ranges, ids, slugs, quotes and spans. Prints every problem \
        with file:line:column; exit status 1 when there is one.\n\n\
        Example:\n  factsheet check --root my-facts"
    )]
    Check(CheckArgs),
    /// Build into memory, serve on loopback, rebuild and reload pages on every change
    #[command(long_about = "Build the site into memory and serve it, by default on \
        http://127.0.0.1:1111/. seeds/, content/, templates/, static/ and config.toml are watched: \
        each change rebuilds what it touches and open pages reload by themselves. A broken file \
        shows its error in the browser and the terminal while the last good site stays up.\n\n\
        Example:\n  factsheet serve --root my-facts --port 8000 --open")]
    Serve(ServeArgs),
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
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
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
}
