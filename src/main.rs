//! The `factsheet` binary: parse the command line, run the command, print its report or its
//! errors once. Exit status: 0 done, 1 problems in the user's files, 2 failure of the tool.

use std::process::ExitCode;

use clap::Parser;
use factsheet::cli::{Cli, Command};
use factsheet::cmd::{self, build::BuildOptions};
use factsheet::error::Error;
use factsheet::project::Project;
use factsheet::serve::ServeOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => cmd::init::run(&args.dir),
        Command::Extract(args) => cmd::extract::run(&Project::new(args.root.root)),
        Command::Build(args) => cmd::build::run(
            &Project::new(args.root.root),
            &BuildOptions { out: args.out },
        ),
        Command::Check(args) => cmd::check::run(&Project::new(args.root.root)),
        Command::Serve(args) => {
            let options = ServeOptions {
                bind: args.bind,
                port: args.port,
                open: args.open,
            };
            let log = |line: &str| println!("{line}");
            factsheet::serve::run(&Project::new(args.root.root), &options, &log)
                .map(|()| Default::default())
        }
    };
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                eprint!("{warning}");
            }
            for line in &report.lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(Error::Invalid(problems)) => {
            for problem in &problems {
                eprint!("{problem}");
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
