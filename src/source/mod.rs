//! Articles in `seeds/`: plain text with optional header lines (a date, `MM/DD YYYY` or ISO, then
//! `URL:`, `Publisher:`, `Author:`), or Markdown with YAML front matter. Parsing is pure
//! (`Article::parse`); `read_dir` is the I/O edge.

pub mod plain;

use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::fs::ReadLog;

/// Where an article was first published, as its header or front matter says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

impl Provenance {
    /// Whether `url` may be a link to the original: `http` or `https` only, so that no
    /// `javascript:` or `file:` address reaches a page.
    pub fn is_web_url(url: &str) -> bool {
        let lower = url.trim().to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://"))
            && lower.len() > "https://".len()
            && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    }
}

/// How an article's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One paragraph a line.
    Text,
    /// CommonMark, after front matter.
    Markdown,
}

impl Format {
    /// The format of the article file `source` (a path ending in `.md` or `.txt`).
    pub fn of(source: &str) -> Format {
        if source.ends_with(".md") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// One article, with the title, slug and date proposed for its fact file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path relative to the site root, with `/` separators: `seeds/000_x.txt`.
    pub source: String,
    pub slug: String,
    pub title: String,
    pub date: Option<Date>,
    pub format: Format,
    /// The whole file: `span`s are byte offsets into it.
    pub text: String,
    /// Byte offset where the article's own words start (after a header line or front matter).
    pub body: usize,
    /// Where it was first published, as its header or front matter says.
    pub provenance: Provenance,
}

/// File extensions read as articles.
pub const EXTENSIONS: [&str; 2] = ["txt", "md"];

#[derive(Deserialize)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
}

impl Article {
    /// Reads the article at `path` (`source` is how the site names it): refuses what is not a
    /// regular file, such as a FIFO, which would block the build forever, or a folder.
    pub fn read(path: &Path, source: &str, log: &ReadLog) -> Result<Article, Diagnostic> {
        let metadata = std::fs::metadata(path).map_err(|error| cannot_read(source, &error))?;
        if !metadata.is_file() {
            return Err(Diagnostic::error(
                source,
                format!("not a regular file: {}", file_type_name(&metadata)),
            )
            .with_help(
                "an article is a .txt or .md file: replace this with one, or move it out of seeds/",
            ));
        }
        let bytes = log
            .read(path)
            .map_err(|error| cannot_read(source, &error))?;
        Article::from_bytes(source, bytes)
    }

    /// Parses the bytes of the file `source`, which must be UTF-8: the first invalid byte is
    /// named with its offset, line and column.
    pub fn from_bytes(source: &str, bytes: Vec<u8>) -> Result<Article, Diagnostic> {
        match String::from_utf8(bytes) {
            Ok(text) => Article::parse(source, text),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let bytes = error.as_bytes();
                let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
                let line = valid.matches('\n').count() + 1;
                let column = valid[line_start..].chars().count() + 1;
                let line_end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| at + i);
                // Only the offending line is decoded for display: the file may be huge.
                let shown = String::from_utf8_lossy(&bytes[line_start..line_end]);
                let mut problem = Diagnostic::error(
                    source,
                    format!("not UTF-8: invalid byte 0x{:02x} at offset {at}", bytes[at]),
                )
                .at(&shown, 1, column)
                .with_help("save the article as UTF-8 text");
                problem.line = line;
                Err(problem)
            }
        }
    }

    /// Parses the file `source` (relative to the site root) whose contents are `text`.
    pub fn parse(source: &str, text: String) -> Result<Article, Diagnostic> {
        if let Some(at) = text.find('\0') {
            return Err(Diagnostic::error(
                source,
                format!("looks like a binary file: NUL byte at offset {at}"),
            )
            .with_help("articles are UTF-8 text (.txt) or Markdown (.md)"));
        }
        let format = Format::of(source);
        // Editors on Windows start a UTF-8 file with a byte-order mark; the header or front
        // matter comes after it. The text keeps it, so that spans stay offsets of the file.
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let (mut title, date, body, provenance) = match format {
            Format::Text => {
                let (date, after_date) = text_header(&text[bom..]);
                let (provenance, body) = provenance_lines(source, &text[bom..], after_date)?;
                (None, date, body, provenance)
            }
            Format::Markdown => front_matter(source, &text[bom..])?,
        };
        let body = body + bom;
        if text[body..].trim().is_empty() {
            return Err(Diagnostic::error(source, "the article is empty")
                .with_help("add the article's text, or remove the file from seeds/"));
        }
        if title.is_none() {
            title = propose_title(&text[body..], format);
        }
        let stem = Path::new(source)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article");
        // A control character (an escape sequence, a bell) in a title would reach terminals,
        // feeds and pages as it is.
        let title: String = title
            .unwrap_or_else(|| stem.to_string())
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let slug = Some(slugify(&title))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(stem));
        Ok(Article {
            source: source.to_string(),
            slug,
            title,
            date,
            format,
            text,
            body,
            provenance,
        })
    }

    /// The article's own words, without header line or front matter.
    pub fn body_text(&self) -> &str {
        &self.text[self.body..]
    }
}

/// Reads every article under `dir` (sorted by path, so the order never depends on the disk).
/// `root` is the site root the `source` paths are relative to. Symbolic links are followed;
/// unreadable files, links that lead nowhere or back to a folder above them, and articles that
/// are not regular files become diagnostics. Hidden files and folders are skipped: editors keep
/// their locks there (Emacs's `.#a.txt` is a link to nowhere while `a.txt` is being edited).
///
/// Links are followed; one that leads outside the site is an error unless `outside` (the
/// `links_outside_site` setting) allows it.
pub fn read_dir(
    root: &Path,
    dir: &Path,
    log: &ReadLog,
    outside: bool,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    if !dir.exists() {
        return (articles, problems);
    }
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
    let mut paths = Vec::new();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) if error.path().is_some_and(is_hidden) => continue,
            Err(error) => {
                problems.push(walk_problem(root, dir, &error));
                continue;
            }
        };
        if entry.path_is_symlink() && !outside {
            let target = entry.path().canonicalize().ok();
            if let Some(target) = target.filter(|t| !t.starts_with(&site)) {
                problems.push(link_outside(root, entry.path(), &target));
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
        }
        let is_article = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !entry.file_type().is_dir() && is_article {
            paths.push(entry.into_path());
        }
    }
    // Reading is most of the work of a large `seeds/`: in parallel, kept in order.
    let read: Vec<Result<Article, Diagnostic>> = paths
        .par_iter()
        .map(|path| Article::read(path, &relative(root, path), log))
        .collect();
    for outcome in read {
        match outcome {
            Ok(article) => articles.push(article),
            Err(problem) => problems.push(problem),
        }
    }
    (articles, problems)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// A problem met while walking `seeds/`, said in the words of the file system's user.
/// A link in `seeds/` to a file or folder outside the site.
fn link_outside(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        relative(root, link),
        format!("a link to `{}`, outside the site", target.display()),
    )
    .with_help(
        "copy the article into seeds/, or set `links_outside_site = true` in config.toml to publish what links point to",
    )
}

fn walk_problem(root: &Path, dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(dir);
    let source = relative(root, path);
    if let Some(ancestor) = error.loop_ancestor() {
        return Diagnostic::error(
            &source,
            format!(
                "a symbolic link loop: this link leads back to {}",
                relative(root, ancestor)
            ),
        )
        .with_help("remove the link, or point it at the article itself");
    }
    let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err();
    if dangling {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return Diagnostic::error(
            &source,
            format!("a broken symbolic link: `{target}` does not exist"),
        )
        .with_help("remove the link, or restore the file it points to");
    }
    match error.io_error() {
        Some(io) => cannot_read(&source, io),
        None => Diagnostic::error(&source, format!("cannot read: {error}")),
    }
}

fn cannot_read(source: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(source, format!("cannot read: {error}"))
}

fn file_type_name(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// `path` relative to `root`, with `/` separators, as written in `article.source`.
pub fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The date of a `MM/DD YYYY ...` first line, and where the body starts.
fn text_header(text: &str) -> (Option<Date>, usize) {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_line_end].trim();
    let mut words = first.split_whitespace();
    let date = (|| {
        let (month, day) = words.next()?.split_once('/')?;
        let year: i16 = words.next()?.parse().ok()?;
        Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()
    })()
    // An ISO date alone on the line, "2025-10-28", as tools and people also write it.
    .or_else(|| {
        let mut words = first.split_whitespace();
        let word = words.next()?;
        let date = (word.len() == 10).then(|| word.parse::<Date>().ok())??;
        words.next().is_none().then_some(date)
    });
    match date {
        Some(date) => (Some(date), first_line_end),
        None => (None, 0),
    }
}

/// Title, date and body offset of a Markdown article with optional `---` front matter.
fn front_matter(
    source: &str,
    text: &str,
) -> Result<(Option<String>, Option<Date>, usize, Provenance), Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((None, None, 0, Provenance::default()));
    };
    let opening = text.len() - rest.len();
    let Some(close) = find_closing_fence(rest) else {
        return Err(Diagnostic::error(source, "front matter is not closed")
            .at(text, 1, 1)
            .with_help("end the front matter with a line holding only `---`"));
    };
    let yaml = &rest[..close];
    let body = opening
        + close
        + rest[close..]
            .find('\n')
            .map_or(rest.len() - close, |i| i + 1);
    let matter: FrontMatter = serde_saphyr::from_str(yaml).map_err(|error| {
        let mut problem = crate::diagnostic::yaml_diagnostic(Path::new(source), yaml, &error);
        // Lines of the front matter are one below their place in the file.
        if problem.line > 0 {
            let (line, column) = (problem.line + 1, problem.column);
            problem = problem.at(text, line, column);
        }
        problem
    })?;
    let date = match matter.date {
        Some(date) => Some(date.trim().parse::<Date>().map_err(|_| {
            let line = text[..opening + close]
                .lines()
                .position(|l| l.starts_with("date:"));
            Diagnostic::error(source, format!("`{date}` is not a date"))
                .at(text, line.map_or(1, |l| l + 1), 7)
                .with_help("write the date as YYYY-MM-DD, e.g. 2025-08-06")
        })?),
        None => None,
    };
    let url = match matter.url {
        Some(url) if !Provenance::is_web_url(&url) => {
            let line = text[..opening + close]
                .lines()
                .position(|l| l.starts_with("url:"));
            return Err(not_a_web_url(source, &url).at(text, line.map_or(1, |l| l + 1), 6));
        }
        url => url.map(|u| u.trim().to_string()),
    };
    let provenance = Provenance {
        url,
        publisher: matter.publisher.filter(|p| !p.trim().is_empty()),
        author: matter.author.filter(|a| !a.trim().is_empty()),
    };
    Ok((matter.title, date, body, provenance))
}

/// The `URL:`, `Publisher:` and `Author:` lines of a text article's header, from byte `from`
/// on (after the date line, when there is one), in any order and case; and where the body
/// starts after them. The first line of another form ends the header.
fn provenance_lines(
    source: &str,
    text: &str,
    from: usize,
) -> Result<(Provenance, usize), Diagnostic> {
    let mut provenance = Provenance::default();
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim();
        let key = key.trim().to_ascii_lowercase();
        if key == "url" && !value.is_empty() && !Provenance::is_web_url(value) {
            let line_number = text[..at].matches('\n').count() + 1;
            let column = line[..line.find(value).unwrap_or(0)].chars().count() + 1;
            return Err(not_a_web_url(source, value).at(text, line_number, column));
        }
        let slot = match key.as_str() {
            "url" => &mut provenance.url,
            "publisher" => &mut provenance.publisher,
            "author" => &mut provenance.author,
            _ => break,
        };
        if value.is_empty() || slot.is_some() {
            break;
        }
        *slot = Some(value.to_string());
        at += line.len();
    }
    Ok((provenance, at))
}

fn not_a_web_url(source: &str, url: &str) -> Diagnostic {
    Diagnostic::error(source, format!("`{url}` is not a web address"))
        .with_help("the URL of the original article is an http or https address, e.g. https://example.org/news/cloud-revenue-rises")
}

fn find_closing_fence(rest: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// A title proposed from the text: a Markdown article's first heading; else a headline-like
/// first line (short, no closing full stop); else the first sentence of the opening line, which
/// in news writing is a standfirst or lede, cut to a headline's length.
fn propose_title(body: &str, format: Format) -> Option<String> {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    if format == Format::Markdown
        && let Some(heading) = lines.clone().find_map(|l| l.strip_prefix("# "))
    {
        return Some(heading.trim().to_string());
    }
    // A title is a dozen words: looking further into a line that never ends (a file of one
    // line, with no punctuation) would cost time for nothing.
    let first = prefix(lines.next()?, TITLE_SEARCH_BYTES);
    if is_headline_line(first) {
        return Some(first.trim_end_matches('.').to_string());
    }
    let unquoted = first.trim_matches(['"', '\u{201c}', '\u{201d}']);
    Some(headline_cut(first_sentence(unquoted)))
}

/// Whether the first line of a text article is its headline: a line without closing
/// punctuation, or a short one (a dozen words or so) even with a full stop, as some newsrooms
/// write them. A long first line ending in a full stop is the lede.
pub fn is_headline_line(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let quoted = line.starts_with(['"', '\u{201c}']);
    let closed = line.ends_with([
        '.', '!', '?', '"', '\u{201d}', ':', ';', ')', '\u{2026}', '\'', '\u{2019}',
    ]);
    line.chars().count() <= 160 && !quoted && (!closed || words <= 14 && line.ends_with('.'))
}

/// How far into the first line a title is looked for.
const TITLE_SEARCH_BYTES: usize = 2048;

/// The first `max` bytes of `text`, or fewer to end on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The text up to the first sentence end that is not an abbreviation ("No. 1", "U.S. sales").
fn first_sentence(text: &str) -> &str {
    let mut search = 0;
    while let Some(found) = text[search..].find(['.', '!', '?']) {
        let end = search + found;
        let word = text[..end].rsplit(' ').next().unwrap_or("");
        let abbreviation = ABBREVIATIONS.contains(&word) || word.contains('.');
        let at_space = text[end + 1..].starts_with(' ') || end + 1 == text.len();
        if at_space && !abbreviation {
            return &text[..end];
        }
        search = end + 1;
    }
    text
}

/// Words a full stop follows without ending the sentence.
const ABBREVIATIONS: [&str; 12] = [
    "No", "Nos", "Mr", "Mrs", "Ms", "Dr", "Inc", "Co", "Corp", "Ltd", "St", "vs",
];

/// At most twelve words: up to the first comma when that keeps five or more, else the first
/// twelve words and an ellipsis.
fn headline_cut(sentence: &str) -> String {
    const MAX_WORDS: usize = 12;
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return words.join(" ");
    }
    if let Some(clause) = sentence.split(',').next()
        && (5..=MAX_WORDS).contains(&clause.split_whitespace().count())
    {
        return clause.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    format!("{}…", words[..MAX_WORDS].join(" ").trim_end_matches(','))
}

/// A URL-safe slug: lower-case ASCII letters and digits joined by `-`, at most eight words.
pub fn slugify(text: &str) -> String {
    const MAX_WORDS: usize = 8;
    let words: Vec<String> = slug_words(text).take(MAX_WORDS + 1).collect();
    if words.len() <= MAX_WORDS {
        return words.join("-");
    }
    // A title longer than a slug is cut before its last linking word, so the slug ends on a
    // whole phrase ("...-pass-300-million", not "...-300-million-as-short").
    let cut = (4..MAX_WORDS)
        .rev()
        .find(|&i| LINKING_WORDS.contains(&words[i].as_str()))
        .unwrap_or(MAX_WORDS);
    words[..cut].join("-")
}

/// Words a title's phrase may be cut before.
const LINKING_WORDS: &[&str] = &[
    "as", "after", "before", "while", "for", "of", "in", "on", "at", "to", "with", "from", "by",
    "and", "but", "amid", "despite", "over", "than", "the", "a", "an", "who", "which", "that",
];

/// The words of a slug: runs of ASCII letters and digits, lower-cased, with apostrophes
/// dropped first so that "Cloud's" gives `clouds`, not `cloud` and `s`. Every slug of the
/// site (articles, subjects, fact ids) is made of these.
pub fn slug_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '\'' | '\u{2019}'))
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_header_names_the_original_its_publisher_and_author() {
        let text = "2025-10-28\nURL: https://example.org/news/sales\npublisher: Example News\nAuthor: Jane Doe\nSales climb\nSales rose 5%.\n";
        let a = Article::parse("seeds/a.txt", text.into()).unwrap();
        assert_eq!(
            a.provenance,
            Provenance {
                url: Some("https://example.org/news/sales".into()),
                publisher: Some("Example News".into()),
                author: Some("Jane Doe".into()),
            }
        );
        assert_eq!(a.title, "Sales climb");
        assert_eq!(a.body_text(), "Sales climb\nSales rose 5%.\n");
        // Without a date line too; a line of another form ends the header.
        let b = Article::parse(
            "seeds/b.txt",
            "Author: Jane Doe\nNote: Sales rose 5%.\n".into(),
        )
        .unwrap();
        assert_eq!(b.provenance.author.as_deref(), Some("Jane Doe"));
        assert_eq!(b.body_text(), "Note: Sales rose 5%.\n");
    }

    #[test]
    fn a_url_that_is_not_a_web_address_is_refused_where_it_stands() {
        let problem = Article::parse(
            "seeds/a.txt",
            "2025-10-28\nURL: javascript:alert(1)\nSales rose 5%.\n".into(),
        )
        .unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 6));
        assert!(problem.message.contains("is not a web address"));
        let problem = Article::parse(
            "seeds/a.md",
            "---\ntitle: Sales\nurl: file:///etc/passwd\n---\nSales rose 5%.\n".into(),
        )
        .unwrap_err();
        assert_eq!(problem.line, 3);
        let front = Article::parse(
            "seeds/a.md",
            "---\ntitle: Sales\nurl: https://example.org/a\npublisher: Example News\n---\nSales rose 5%.\n".into(),
        )
        .unwrap();
        assert_eq!(front.provenance.publisher.as_deref(), Some("Example News"));
    }

    #[test]
    fn a_text_article_may_start_with_an_iso_date() {
        let a = Article::parse(
            "seeds/a.txt",
            "2025-10-28\nSales climb\nSales rose 5%.\n".into(),
        )
        .unwrap();
        assert_eq!(a.date, Some(jiff::civil::date(2025, 10, 28)));
        assert_eq!(a.title, "Sales climb");
        // A date with more on the line is a headline, not a header.
        let b = Article::parse(
            "seeds/b.txt",
            "2025-10-28 was busy\nSales rose 5%.\n".into(),
        )
        .unwrap();
        assert_eq!(b.date, None);
    }

    #[test]
    fn a_text_article_takes_its_date_from_the_header_line() {
        let article = Article::parse(
            "seeds/a.txt",
            "09/24 2024 531\nCloud revenue rises again\nRevenue grew.\n".into(),
        )
        .unwrap();
        assert_eq!(article.date, Some(jiff::civil::date(2024, 9, 24)));
        assert_eq!(article.title, "Cloud revenue rises again");
        assert_eq!(article.slug, "cloud-revenue-rises-again");
        assert_eq!(
            article.body_text(),
            "Cloud revenue rises again\nRevenue grew.\n"
        );
    }

    #[test]
    fn a_text_article_without_header_starts_at_its_first_byte() {
        let article = Article::parse("seeds/b.txt", "Sales doubled in May.\n".into()).unwrap();
        assert_eq!((article.date, article.body), (None, 0));
        assert_eq!(article.title, "Sales doubled in May");
    }

    #[test]
    fn a_quoted_first_line_gives_a_title_from_its_first_sentence() {
        let text = "01/03 2025 1\n\"Prices fall.\"\nThe price war has lasted a year.\n";
        let article = Article::parse("seeds/c.txt", text.into()).unwrap();
        assert_eq!(article.title, "Prices fall");
        let text = "\"Vendors keep cutting their prices, because scale wins, and scale is everything to them now.\"\n";
        let article = Article::parse("seeds/c.txt", text.into()).unwrap();
        assert_eq!(article.title, "Vendors keep cutting their prices");
        let text = "Over the weekend the app rose to No. 1 in the U.S. store and in fifty other countries.\n";
        let article = Article::parse("seeds/c.txt", text.into()).unwrap();
        assert_eq!(
            article.title,
            "Over the weekend the app rose to No. 1 in the U.S.…"
        );
    }

    #[test]
    fn markdown_front_matter_gives_title_and_date() {
        let text = "---\ntitle: \"Capex: the race\"\ndate: 2025-08-06\n---\n\n# Heading\n\nText.\n";
        let article = Article::parse("seeds/d.md", text.into()).unwrap();
        assert_eq!(article.title, "Capex: the race");
        assert_eq!(article.slug, "capex-the-race");
        assert_eq!(article.date, Some(jiff::civil::date(2025, 8, 6)));
        assert_eq!(article.body_text(), "\n# Heading\n\nText.\n");
    }

    #[test]
    fn a_bad_front_matter_date_is_located() {
        let text = "---\ntitle: T\ndate: soon\n---\nText.\n";
        let problem = Article::parse("seeds/e.md", text.into()).unwrap_err();
        assert_eq!(
            (problem.line, problem.message.as_str()),
            (3, "`soon` is not a date")
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error_with_a_hint() {
        let problem = Article::parse("seeds/f.md", "---\ntitle: T\nText.\n".into()).unwrap_err();
        assert_eq!(problem.message, "front matter is not closed");
    }

    #[test]
    fn empty_and_binary_articles_are_refused_with_a_reason() {
        let problem = Article::parse("seeds/e.txt", "09/24 2024 1\n \n".into()).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "seeds/e.txt: error: the article is empty\n  = help: add the article's text, or remove the file from seeds/\n"
        );
        let problem = Article::parse("seeds/b.txt", "PK\u{3}\u{4}\0\0data".into()).unwrap_err();
        assert_eq!(
            problem.message,
            "looks like a binary file: NUL byte at offset 4"
        );
    }

    #[test]
    fn a_line_without_punctuation_or_full_of_numbers_still_gets_a_title() {
        let long = "word ".repeat(5000);
        let article = Article::parse("seeds/l.txt", long).unwrap();
        assert_eq!(article.title, format!("{}…", ["word"; 12].join(" ")));
        let numbers = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n".to_string();
        let article = Article::parse("seeds/n.txt", numbers).unwrap();
        assert_eq!(article.slug, "1-2-3-4-5-6-7-8");
    }

    #[test]
    fn slugs_drop_apostrophes_and_punctuation() {
        assert_eq!(
            slugify("The Cloud's AI+Cloud course!"),
            "the-clouds-ai-cloud-course"
        );
        assert_eq!(slugify("  "), "");
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
        let problem =
            Article::from_bytes("seeds/u.txt", b"One.\nCaf\xc3\xa9 \xff!\n".to_vec()).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "seeds/u.txt:2:6: error: not UTF-8: invalid byte 0xff at offset 11\n  |\n2 | Caf\u{e9} \u{fffd}!\n  |      ^\n  = help: save the article as UTF-8 text\n"
        );
    }

    #[test]
    fn a_long_title_gives_a_slug_that_ends_on_a_whole_phrase() {
        assert_eq!(
            slugify("Lumo's monthly users pass 300 million as short-video rivals slow"),
            "lumos-monthly-users-pass-300-million"
        );
        assert_eq!(
            slugify("Harlow Bank profits hit record"),
            "harlow-bank-profits-hit-record"
        );
    }

    #[test]
    fn the_first_line_of_a_text_article_is_its_headline_even_with_a_full_stop() {
        let article = Article::parse("seeds/h.txt", "Orbis buys Kestrel for $4bn.\n\nOrbis has agreed to buy its rival Kestrel for $4bn in cash, the company said on Tuesday.\n".into()).unwrap();
        assert_eq!(article.title, "Orbis buys Kestrel for $4bn");
        let lede = Article::parse("seeds/l.txt", "Orbis has agreed to buy its rival Kestrel for $4bn in cash, the company said on Tuesday, ending months of talks.\n".into()).unwrap();
        assert_eq!(
            lede.title,
            "Orbis has agreed to buy its rival Kestrel for $4bn in cash"
        );
    }

    #[test]
    fn a_title_is_found_in_linear_time_in_a_line_of_full_stops() {
        // Every full stop here follows a word with a full stop in it, an abbreviation: a
        // search through the whole line would look back from each one.
        let text = "a.".repeat(2_000_000);
        let started = std::time::Instant::now();
        let article = Article::parse("seeds/s.txt", text).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(article.slug, "a-a-a-a-a-a-a");
    }
}
