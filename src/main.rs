//! The `factsheet` binary: parse the command line, run the command, print its report or its
//! errors once. Exit status: 0 done, 1 problems in the user's files, 2 failure of the tool.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use factsheet::cli::{Cli, Command};
use factsheet::cmd::{self, build::BuildOptions, check::CheckOptions, extract::ExtractOptions};
use factsheet::error::Error;
use factsheet::project::Project;
use factsheet::serve::ServeOptions;
use factsheet::site::output::Progress;
use indicatif::{ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};

/// Builds allocate and free many small values (template contexts, rows, strings) from two
/// threads; glibc's allocator spent a quarter of a large build's time on them, mimalloc a
/// fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_decommits` option (the position in its list of options).
const PURGE_DECOMMITS: libmimalloc_sys::mi_option_t = 5;

/// Tunes how the process gives memory back to the kernel, for a program that allocates up to
/// gigabytes in a few seconds and frees most of it as it goes.
fn tune_memory() {
    // Freed memory is handed back lazily (`MADV_FREE`), not at once (`MADV_DONTNEED`): the
    // kernel takes it only when it needs it, and a build that allocates it again finds it
    // there. Handed back at once, each reuse faulted in and zeroed a huge page again. Lazily, a
    // 100,000-article build takes 68 s of CPU time instead of 77 s, and 3 % more memory.
    // `MIMALLOC_PURGE_DECOMMITS` in the environment still wins.
    // SAFETY: called before any other thread exists, as mimalloc's options require.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DECOMMITS, 0) };
}

/// `text` with its control characters but the line break written as escapes (`\u{1b}`): a
/// file name or a line of an article may hold an escape sequence that would otherwise drive the
/// terminal (move the cursor, retitle the window, hide what follows).
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\n' => "\n".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

fn main() -> ExitCode {
    tune_memory();
    let cli = Cli::parse();
    let writes = !matches!(
        &cli.command,
        Command::Check(_) | Command::Schema | Command::Serve(_)
    );
    // A panic is a fault of the tool, never of the user's files: exit 2 like any failure.
    let result = match std::panic::catch_unwind(|| run(cli.command)) {
        Ok(result) => result,
        Err(_) => {
            eprintln!("error: factsheet stopped on an internal fault (a bug; please report it)");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                eprint!("{}", printable(&warning.to_string()));
            }
            for line in &report.lines {
                println!("{}", printable(line));
            }
            ExitCode::SUCCESS
        }
        Err(Error::Invalid(problems)) => {
            for problem in &problems {
                eprint!("{}", printable(&problem.to_string()));
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found{}",
                if errors == 1 { "" } else { "s" },
                if writes { "; nothing was written" } else { "" }
            );
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("error: {}", printable(&error.to_string()));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(command: Command) -> Result<cmd::Report, Error> {
    let project = |root: std::path::PathBuf| -> Result<Project, Error> {
        // A mistyped --root would otherwise read as an empty site with nothing wrong.
        if !root.is_dir() {
            let why = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
            return Err(Error::io(root, why));
        }
        let project = Project::new(root);
        project.remove_leftovers();
        Ok(project)
    };
    match command {
        Command::Init(args) => cmd::init::run(&args.dir),
        Command::Extract(args) => cmd::extract::run(
            &project(args.root.root)?,
            &ExtractOptions {
                dry_run: args.dry_run,
                explain: args.explain,
            },
        ),
        Command::Build(args) => cmd::build::run_with(
            &project(args.root.root)?,
            &BuildOptions {
                out: args.out,
                force: args.force,
            },
            &Bar::new(),
        ),
        Command::Check(args) => {
            cmd::check::run(&project(args.root.root)?, &CheckOptions { fix: args.fix })
        }
        Command::Schema => Ok(cmd::schema::run()),
        Command::Review(args) => {
            use std::io::IsTerminal;
            let options = cmd::review::ReviewOptions {
                list: args.list,
                all: args.all,
                accept: args.accept,
                delete: args.delete,
            };
            let (stdin, mut stdout) = (std::io::stdin(), std::io::stdout());
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let terminal = cmd::review::Terminal {
                input: &mut stdin.lock(),
                output: &mut stdout,
                color,
            };
            cmd::review::run(&project(args.root.root)?, &options, terminal)
        }
        Command::Serve(args) => {
            let options = ServeOptions {
                bind: args.bind,
                port: args.port,
                open: args.open,
            };
            let log = |line: &str| println!("{}", printable(line));
            factsheet::serve::run(&project(args.root.root)?, &options, &log)
                .map(|()| cmd::Report::default())
        }
    }
}

/// A progress bar on standard error for builds that last more than a second; none when
/// standard error is not a terminal.
struct Bar {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            started: Instant::now(),
            // A bar that is never to be drawn counts as drawn already.
            shown: AtomicBool::new(!std::io::stderr().is_terminal()),
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn advance(&self) {
        self.bar.inc(1);
        // A quick build prints no bar at all.
        if self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
