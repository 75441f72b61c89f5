//! `factsheet serve`: build into memory, serve over HTTP on loopback, watch the site's folders,
//! rebuild on every change and tell open pages to reload. A broken file never stops the
//! server: the last good site stays up and the error shows in the browser and the terminal.

pub mod change;
pub mod http;
pub mod inject;
pub mod server;
pub mod sources;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};
use crate::project::Project;
use crate::site::{Fingerprint, Output, Renderer, Selection, Site, Theme};
use change::Change;
use server::Limits;
use sources::Sources;

/// Where to listen and whether to open a browser.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub open: bool,
}

/// What the server shows: the last good site, and the problem of the last build if it failed.
#[derive(Debug, Default)]
pub struct State {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
    pub problem: Option<String>,
    /// Bumped on every rebuild, good or bad; event streams wait for it to move.
    pub generation: u64,
}

/// The state shared by the rebuilds and the server, and the signal that wakes event streams.
#[derive(Debug)]
pub struct Live {
    pub state: Mutex<State>,
    /// Sent the generation after each rebuild. A watch channel, because the event streams wait
    /// on the server's runtime, where a blocking wait would stop every other request.
    pub rebuilt: tokio::sync::watch::Sender<u64>,
}

impl Default for Live {
    fn default() -> Live {
        Live {
            state: Mutex::default(),
            rebuilt: tokio::sync::watch::Sender::new(0),
        }
    }
}

impl Live {
    /// The state, for a moment.
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .expect("no thread panics holding the state")
    }

    /// The rebuild the served site comes from.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Records the outcome of a rebuild and wakes every event stream.
    pub fn announce(&self, problem: Option<String>) {
        let generation = {
            let mut state = self.lock();
            state.problem = problem;
            state.generation += 1;
            state.generation
        };
        self.rebuilt.send_replace(generation);
    }
}

type Shared = Arc<Live>;

/// How long a path's events settle before they count: editors write a file in several steps.
/// notify-debouncer-full does the waiting (and checks every `SETTLE / 3`), so a save is seen
/// 15 to 20 ms after its last write.
const SETTLE: Duration = Duration::from_millis(15);

/// Runs until the process is stopped. `log` receives one line per event worth telling.
pub fn run(project: &Project, options: &ServeOptions, log: &(dyn Fn(&str) + Sync)) -> Result<()> {
    // The watcher reports absolute paths; an absolute root lets them be matched to folders.
    let root = std::path::absolute(&project.root).map_err(|e| Error::io(&project.root, e))?;
    let project = &Project::new(root);
    let prefix = mount_point(project);
    let shared: Shared = Arc::default();
    let started = Instant::now();
    let inputs = Inputs::watch(project)?;
    let mut preview = Preview::default();
    rebuild(project, &mut preview, None, &shared, log, "start", started);

    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|e| {
        Error::io(
            format!("{address}"),
            std::io::Error::new(e.kind(), format!("{e}; try another --port")),
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io(format!("{address}"), e))?;
    let url = format!("http://{local}{prefix}");
    if !options.bind.is_loopback() {
        // The preview serves drafts and every file of the site, and has no login: say so.
        log(&format!(
            "warning: listening on {}, not on loopback: anyone who can reach this machine can read the preview",
            options.bind
        ));
    }
    log(&format!(
        "serving {} at {url} (Ctrl-C to stop)",
        project.root.display()
    ));
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    server::spawn(listener, Arc::clone(&shared), prefix, Limits::DEFAULT)
        .map_err(|e| Error::io(format!("{local}"), e))?;
    watch(project, inputs, preview, &shared, log)
}

/// Where the site lives on the server: the path of `base_url`, so that a site configured under
/// a subpath is previewed there.
fn mount_point(project: &Project) -> String {
    let base_url = crate::workspace::read_config(project)
        .map(|c| c.base_url)
        .unwrap_or_default();
    let path = base_url
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
        .unwrap_or("/");
    let path = path.trim_end_matches('/');
    format!("{path}/")
}

/// The watched inputs: the root (for `config.toml`) and each of the site's folders that exists.
struct Inputs {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// Each settled batch of changed paths. Batches sent during a rebuild wait here and are
    /// taken after it, so no change is lost.
    events: mpsc::Receiver<Vec<std::path::PathBuf>>,
    folders: Vec<(std::path::PathBuf, bool)>,
}

impl Inputs {
    /// Starts watching. Done before the first build, so no change made after it is missed.
    fn watch(project: &Project) -> Result<Inputs> {
        let (sender, events) = mpsc::channel();
        // A lost event (the kernel's queue overflowed) could be any change: reading the
        // configuration again reads everything again.
        let everything = project.config_file();
        let debouncer = new_debouncer(
            SETTLE,
            Some(SETTLE / 3),
            move |result: DebounceEventResult| {
                let Ok(events) = result else { return };
                let mut paths = Vec::new();
                for event in events {
                    if event.need_rescan() {
                        paths.push(everything.clone());
                    } else if is_change(&event.kind) {
                        paths.extend(event.event.paths);
                    }
                }
                if !paths.is_empty() {
                    let _ = sender.send(paths);
                }
            },
        );
        let mut debouncer =
            debouncer.map_err(|e| Error::io(&project.root, std::io::Error::other(e)))?;
        debouncer
            .watch(&project.root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::io(&project.root, std::io::Error::other(e)))?;
        let folders = [
            project.seeds(),
            project.content(),
            project.templates(),
            project.static_dir(),
        ];
        let mut inputs = Inputs {
            debouncer,
            events,
            folders: folders.into_iter().map(|f| (f, false)).collect(),
        };
        inputs.watch_new_folders();
        Ok(inputs)
    }

    /// Watches folders created since the start (a first template, say).
    fn watch_new_folders(&mut self) {
        for (folder, watched) in &mut self.folders {
            if !*watched && folder.is_dir() {
                *watched = self
                    .debouncer
                    .watch(folder, RecursiveMode::Recursive)
                    .is_ok();
            }
        }
    }
}

/// Rebuilds on each settled batch of changes to the inputs.
fn watch(
    project: &Project,
    mut inputs: Inputs,
    mut preview: Preview,
    shared: &Shared,
    log: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    while let Ok(paths) = inputs.events.recv() {
        let started = Instant::now();
        let mut changed = paths;
        // Batches settled while the last rebuild ran are taken together.
        while let Ok(more) = inputs.events.try_recv() {
            changed.extend(more);
        }
        inputs.watch_new_folders();
        let mut changes: Vec<Change> = changed
            .iter()
            .filter_map(|p| p.strip_prefix(&project.root).ok())
            .filter_map(|p| change::classify(&crate::source::relative(Path::new(""), p)))
            .collect();
        changes.sort();
        changes.dedup();
        if changes.is_empty() {
            continue;
        }
        let reason = describe(&changes);
        if changes.iter().all(|c| matches!(c, Change::Static(_)))
            && copy_static(project, &changes, shared)
        {
            shared.announce(None);
            log(&format!(
                "copied {reason} in {} ms",
                started.elapsed().as_millis()
            ));
        } else {
            rebuild(
                project,
                &mut preview,
                Some(&changes),
                shared,
                log,
                &reason,
                started,
            );
        }
    }
    Ok(())
}

/// A file made, removed, or changed in its bytes or name. Reading a file is an event too (our
/// own rebuild reads every input), and so is a change of its metadata (times, permissions):
/// neither counts.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::ModifyKind;
    kind.is_create()
        || kind.is_remove()
        || matches!(kind, notify::EventKind::Modify(modify) if !matches!(modify, ModifyKind::Metadata(_)))
}

fn describe(changes: &[Change]) -> String {
    let names: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Content(p) | Change::Seed(p) | Change::Template(p) | Change::Static(p) => {
                p.as_str()
            }
            Change::Config => "configuration",
        })
        .collect();
    names.join(", ")
}

/// Copies changed static files into the served site; false when one is gone or unreadable and
/// only a rebuild can tell what should be served in its place.
fn copy_static(project: &Project, changes: &[Change], shared: &Shared) -> bool {
    let mut copied = Vec::new();
    for change in changes {
        let Change::Static(path) = change else {
            return false;
        };
        match std::fs::read(project.root.join(path)) {
            Ok(bytes) => copied.push((path.trim_start_matches("static/").to_string(), bytes)),
            Err(_) => return false,
        }
    }
    let mut state = shared.lock();
    for (path, bytes) in copied {
        state.files.insert(path, Arc::new(bytes));
    }
    true
}

/// What is kept between rebuilds so that a change reads and renders only what it touches.
#[derive(Default)]
struct Preview {
    /// The inputs as on disk, checked or not; none after a failure to read them.
    sources: Option<Sources>,
    /// The site as last rendered, when there is one.
    rendered: Option<Rendered>,
    /// A change other than to fact files (a template, say) has not been rendered yet.
    stale: bool,
}

/// The last good site: the templates stay parsed, and the fingerprint says which pages to render
/// again.
struct Rendered {
    renderer: Renderer,
    fingerprint: Fingerprint,
    /// Every file of the site.
    paths: std::collections::BTreeSet<String>,
}

/// Renders what changed into memory; on failure keeps the last good site and records the
/// problem.
fn rebuild(
    project: &Project,
    preview: &mut Preview,
    changes: Option<&[Change]>,
    shared: &Shared,
    log: &(dyn Fn(&str) + Sync),
    reason: &str,
    started: Instant,
) {
    match render_changes(project, preview, changes, shared) {
        Ok((lines, rendered)) => {
            for line in &lines {
                log(line);
            }
            shared.announce(None);
            log(&format!(
                "rebuilt ({reason}): {rendered} files in {} ms",
                started.elapsed().as_millis()
            ));
        }
        Err(error) => {
            let problem = match &error {
                Error::Invalid(problems) => {
                    problems.iter().map(ToString::to_string).collect::<String>()
                }
                other => format!("error: {other}\n"),
            };
            log(&format!(
                "build failed ({reason}); still serving the last good site:\n{problem}"
            ));
            shared.announce(Some(problem));
        }
    }
}

/// Loads what changed, renders what differs from the preview and puts it in the served files,
/// all at once. `changes` is `None` at the start. Returns the lines of the extraction and the
/// number of files rendered.
fn render_changes(
    project: &Project,
    preview: &mut Preview,
    changes: Option<&[Change]>,
    shared: &Shared,
) -> Result<(Vec<String>, usize)> {
    // Fact files alone changed: the templates, articles and configuration are as they were.
    let fact_files: Option<Vec<&Path>> = changes.and_then(|changes| {
        changes
            .iter()
            .map(|c| match c {
                Change::Content(path) => sources::fact_file(path),
                _ => None,
            })
            .collect()
    });
    let fact_files = fact_files.filter(|_| !preview.stale);
    preview.stale = fact_files.is_none();
    let sources = match (&fact_files, preview.sources.take()) {
        (Some(paths), Some(mut kept)) => {
            kept.reload(project, paths)?;
            kept
        }
        _ => Sources::read(project)?,
    };
    let sources = preview.sources.insert(sources);
    let prepared = sources.prepare(project)?;
    let templates_unchanged = fact_files.is_some();
    let language = &prepared.site.config.language;
    let (renderer, old) = renderer_for(
        project,
        preview.rendered.take(),
        templates_unchanged,
        language,
    )?;
    let site: &Site = &prepared.site;
    let fingerprint = Fingerprint::of(site, renderer.theme());
    let selection = match &old {
        Some((old, _)) => fingerprint.changes_since(old),
        None => Selection::everything(),
    };
    let outcome = render_in_order(&renderer, site, selection, shared);
    let paths = renderer.paths(site);
    let rendered = match outcome {
        Ok(rendered) => rendered,
        Err(error) => {
            if let Some((fingerprint, paths)) = old {
                preview.rendered = Some(Rendered {
                    renderer,
                    fingerprint,
                    paths,
                });
            }
            return Err(error);
        }
    };
    if !prepared.plan.changes.is_empty() {
        // An article saved meanwhile is left as it is: its save is the next change.
        prepared.plan.apply(project)?;
        // The fact files and records written are read again at the next change.
        preview.sources = None;
    }
    let count = rendered.len();
    {
        let mut state = shared.lock();
        if old.is_none() {
            state.files.clear();
        }
        state.files.retain(|path, _| paths.contains(path));
        for output in rendered {
            state.files.insert(output.path, Arc::new(output.bytes));
        }
    }
    preview.rendered = Some(Rendered {
        renderer,
        fingerprint,
        paths,
    });
    preview.stale = false;
    Ok((prepared.plan.lines, count))
}

/// The fingerprint and the paths of the site last rendered.
type LastSite = (Fingerprint, std::collections::BTreeSet<String>);

/// The renderer for a rebuild, and the fingerprint and paths of the site it last rendered: kept
/// as it was when only fact files changed, else with the theme read again. The templates that
/// fail stay the preview's, so the next change is compared with the site still served.
fn renderer_for(
    project: &Project,
    old: Option<Rendered>,
    templates_unchanged: bool,
    language: &str,
) -> Result<(Renderer, Option<LastSite>)> {
    match old {
        Some(old) if templates_unchanged => Ok((old.renderer, Some((old.fingerprint, old.paths)))),
        Some(old) => {
            let renderer = old.renderer.with_theme(Theme::load(project)?, language)?;
            Ok((renderer, Some((old.fingerprint, old.paths))))
        }
        None => Ok((Renderer::new(Theme::load(project)?, language)?, None)),
    }
}

/// Renders `selection` of `site`: the pages of the changed articles first, served and announced
/// at once, as they are what the person who saved is looking at; the pages that list the whole
/// site (index, kinds, feed, data files) grow with it and are returned, to follow a moment later.
fn render_in_order(
    renderer: &Renderer,
    site: &Site,
    selection: Selection,
    shared: &Shared,
) -> Result<Vec<Output>> {
    let (first, selection) = split_own_pages(selection);
    let rendered = Mutex::new(Vec::new());
    let render = |selection: &Selection| {
        renderer.render_each(site, selection, &|output| {
            rendered
                .lock()
                .expect("no thread panics holding it")
                .push(output);
            Ok(())
        })
    };
    if let Some(first) = first {
        render(&first)?;
        let early = std::mem::take(&mut *rendered.lock().expect("no thread panics holding it"));
        let mut state = shared.lock();
        for output in early {
            state.files.insert(output.path, Arc::new(output.bytes));
        }
        drop(state);
        shared.announce(None);
    }
    render(&selection)?;
    Ok(rendered.into_inner().expect("no thread panics holding it"))
}

/// Splits a partial selection into the changed articles' own pages (their sheets, data files and
/// subject pages) and the rest; `None` first when there is nothing to put ahead.
fn split_own_pages(selection: Selection) -> (Option<Selection>, Selection) {
    if selection.everything || selection.sheets.is_empty() {
        return (None, selection);
    }
    let (subjects, pages) = selection
        .pages
        .into_iter()
        .partition(|p| p.starts_with("subjects/"));
    let first = Selection {
        sheets: selection.sheets,
        pages: subjects,
        ..Selection::default()
    };
    let rest = Selection {
        pages,
        sheets: Default::default(),
        ..selection
    };
    (Some(first), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mount_point_is_the_path_of_base_url() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::new(dir.path());
        assert_eq!(mount_point(&project), "/");
        std::fs::write(
            project.config_file(),
            "base_url = \"https://example.org/facts\"\n",
        )
        .unwrap();
        assert_eq!(mount_point(&project), "/facts/");
        std::fs::write(
            project.config_file(),
            "base_url = \"https://example.org/\"\n",
        )
        .unwrap();
        assert_eq!(mount_point(&project), "/");
    }
}
