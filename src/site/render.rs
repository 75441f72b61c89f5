//! The Tera engine of a build: the theme's templates, the filters that write numbers for
//! readers, and template errors turned into diagnostics with file, line and column.
//!
//! Autoescaping is on for `.html` and `.xml` templates (Tera's default), so text from articles
//! and fact files never becomes markup; only values built here as HTML (`article_html`, `jsonld`)
//! are marked safe, in the templates, by name.

use std::borrow::Cow;
use std::path::Path;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::format::{Figure, Locale};
use super::theme::Theme;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::facts::{Basis, Kind, Qualifier, Unit};

/// A Tera with every template of `theme` and the site's filters, or every problem found.
pub fn engine(theme: &Theme, locale: Locale) -> Result<Tera> {
    let mut tera = Tera::default();
    register_filters(&mut tera, locale);
    let mut problems = Vec::new();
    let mut sources: Vec<(&str, Cow<'_, str>)> = Vec::new();
    for (name, file) in &theme.templates {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => sources.push((name.as_str(), as_parsed(name, text))),
            Err(_) => problems.push(
                Diagnostic::error(&file.origin, "not UTF-8")
                    .with_help("save the template as UTF-8 text"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // Tera checks inheritance across the whole set, so the templates go in together; a syntax
    // error names its own template.
    tera.add_raw_templates(sources)
        .map_err(|error| Error::Invalid(vec![diagnostic(theme, None, &error)]))?;
    Ok(tera)
}

/// A template as Tera parses it: an HTML template without the indentation of its lines
/// ([`trim_indentation`]), which is there for whoever edits it, not for readers of the
/// page: a tenth of a page's bytes. Dropping it from the template, not from each page, costs
/// nothing per page.
fn as_parsed<'t>(name: &str, text: &'t str) -> Cow<'t, str> {
    if name.ends_with(".html") {
        Cow::Owned(trim_indentation(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Drops the indentation of lines, outside `<pre>` and `<textarea>` where it is content.
fn trim_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.split_inclusive('\n') {
        let kept = if verbatim {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        out.push_str(kept);
        verbatim = match verbatim_tags(line.as_bytes()) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => verbatim,
        };
    }
    out
}

/// Where the last `<pre` or `<textarea` and the last `</pre` or `</textarea` of a line start,
/// in any case.
fn verbatim_tags(line: &[u8]) -> (Option<usize>, Option<usize>) {
    let starts = |at: usize, tag: &[u8]| {
        line.get(at..at + tag.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(tag))
    };
    let (mut opens, mut closes) = (None, None);
    for at in (0..line.len()).filter(|&at| line[at] == b'<') {
        if starts(at + 1, b"pre") || starts(at + 1, b"textarea") {
            opens = Some(at);
        } else if starts(at + 1, b"/pre") || starts(at + 1, b"/textarea") {
            closes = Some(at);
        }
    }
    (opens, closes)
}

/// Renders `template` with `context`.
pub fn render(
    tera: &Tera,
    theme: &Theme,
    template: &str,
    context: &tera::Context,
) -> std::result::Result<String, Diagnostic> {
    let mut page = Bounded::new();
    match tera.render_to(template, context, &mut page) {
        Ok(()) => Ok(String::from_utf8(page.bytes).expect("Tera writes UTF-8")),
        Err(_) if page.overrun.is_some() => {
            let why = page.overrun.unwrap_or_default();
            Err(Diagnostic::error(format!("templates/{template}"), why).with_help(
                "a loop in the template (or in one it includes) runs far longer than any page needs",
            ))
        }
        Err(error) => Err(diagnostic(theme, Some(template), &error)),
    }
}

/// A page being rendered, stopped when it grows past any real page or takes too long: Tera
/// bounds recursion and `range()`, but loops nested in loops could otherwise run for hours.
struct Bounded {
    bytes: Vec<u8>,
    started: std::time::Instant,
    /// Writes so far: the clock is read every [`Bounded::CLOCK_EVERY`] writes, not on each
    /// (reading it on every write cost a twentieth of a build).
    writes: u32,
    /// Why the page was stopped.
    overrun: Option<String>,
}

impl Bounded {
    const MAX_BYTES: usize = 256 << 20;
    const MAX_TIME: std::time::Duration = std::time::Duration::from_secs(60);
    const CLOCK_EVERY: u32 = 1024;

    fn new() -> Bounded {
        Bounded {
            // Most pages are tens of kilobytes: fewer reallocations and copies as they grow.
            bytes: Vec::with_capacity(32 << 10),
            started: std::time::Instant::now(),
            writes: 0,
            overrun: None,
        }
    }
}

impl std::io::Write for Bounded {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + data.len() > Bounded::MAX_BYTES {
            self.overrun = Some("the page grew past 256 MiB; rendering was stopped".into());
        } else if self.writes % Bounded::CLOCK_EVERY == 0
            && self.started.elapsed() > Bounded::MAX_TIME
        {
            self.overrun =
                Some("the page took more than 60 s to render; rendering was stopped".into());
        }
        if let Some(why) = &self.overrun {
            return Err(std::io::Error::other(why.clone()));
        }
        self.writes = self.writes.wrapping_add(1);
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The filters templates use to write values for readers, in the site's language.
fn register_filters(tera: &mut Tera, locale: Locale) {
    tera.register_filter(
        "headline",
        move |fact: &Value, _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(locale.headline(&figure(fact)?))
        },
    );
    tera.register_filter(
        "amount",
        move |fact: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let signed = kwargs.get::<bool>("signed")?.unwrap_or(false);
            Ok(locale.amount(&figure(fact)?, signed))
        },
    );
    tera.register_filter(
        "number",
        move |value: f64, _: Kwargs, _: &State| -> String { locale.number(value) },
    );
    tera.register_filter("date", move |iso: &str, _: Kwargs, _: &State| -> String {
        locale.date(iso)
    });
    tera.register_filter(
        "period",
        move |period: &str, _: Kwargs, _: &State| -> String { locale.period(period) },
    );
    tera.register_filter(
        "kind_label",
        move |kind: &str, _: Kwargs, _: &State| -> String { locale.kind_label(&Kind::parse(kind)) },
    );
    tera.register_filter("slug", |text: &str, _: Kwargs, _: &State| -> String {
        super::links::slug(text)
    });
    tera.register_filter(
        "basis",
        move |basis: &str, _: Kwargs, _: &State| -> String {
            crate::facts::Basis::parse(basis)
                .map(|b| locale.basis(b).to_string())
                .unwrap_or_else(|| basis.to_string())
        },
    );
}

/// The fields of a fact a filter needs, from whatever map the template passed. They are read
/// by name: a fact view has two dozen fields, and deserializing all of them for each filter on
/// each fact of each page was a seventh of a build.
fn figure(value: &Value) -> TeraResult<Figure> {
    let map = value
        .as_map()
        .ok_or_else(|| not_a_fact(format!("got {}", value.name())))?;
    // A field set to none reads as missing, as it does for serde.
    let field = |name: &'static str| {
        map.get(&tera::value::Key::Str(name))
            .filter(|field| !(field.is_none() || field.is_undefined()))
    };
    let text = |name: &'static str| -> TeraResult<Option<&str>> {
        field(name)
            .map(|field| {
                field
                    .as_str()
                    .ok_or_else(|| not_a_fact(format!("`{name}` is {}, not text", field.name())))
            })
            .transpose()
    };
    let number = |name: &'static str| -> TeraResult<Option<f64>> {
        field(name)
            .map(|field| {
                field.as_number().map(|n| n.as_float()).ok_or_else(|| {
                    not_a_fact(format!("`{name}` is {}, not a number", field.name()))
                })
            })
            .transpose()
    };
    // A word of a closed vocabulary, which `parse` knows or not.
    fn known<T>(
        name: &str,
        word: Option<&str>,
        parse: fn(&str) -> Option<T>,
    ) -> TeraResult<Option<T>> {
        match word {
            None => Ok(None),
            Some(word) => parse(word)
                .map(Some)
                .ok_or_else(|| not_a_fact(format!("unknown {name} `{word}`"))),
        }
    }
    let kind = text("kind")?.ok_or_else(|| not_a_fact("missing field `kind`".into()))?;
    Ok(Figure {
        kind: Kind::parse(kind),
        value: number("value")?,
        min: number("min")?,
        max: number("max")?,
        unit: known("unit", text("unit")?, Unit::parse)?,
        qualifier: known("qualifier", text("qualifier")?, Qualifier::parse)?,
        basis: known("basis", text("basis")?, Basis::parse)?,
        text: text("text")?.unwrap_or_default().to_string(),
    })
}

/// What a filter says when it is given something other than a fact.
fn not_a_fact(what: String) -> tera::Error {
    tera::Error::message(format!(
        "expected a fact (a map with `kind`, `value` or `min` and `max`, `unit`, ...): {what}"
    ))
}

/// A Tera error as a diagnostic at the template's file, line and column when Tera knows them.
fn diagnostic(theme: &Theme, rendering: Option<&str>, error: &tera::Error) -> Diagnostic {
    use std::error::Error as _;
    let origin = |name: &str| {
        theme
            .templates
            .get(name)
            .map(|file| file.origin.clone())
            .unwrap_or_else(|| Path::new("templates").join(name))
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() {
                rendering.unwrap_or("")
            } else {
                report.filename()
            };
            let text = theme
                .templates
                .get(name)
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                .unwrap_or_default();
            let span = report.span();
            // Tera counts columns in the template as parsed: add back the indentation dropped.
            let parsed = as_parsed(name, &text);
            let dropped = |line: usize| {
                let length = |text: &str| text.lines().nth(line.checked_sub(1)?).map(str::len);
                Some(length(&text)? - length(&parsed)?)
            };
            let column = span.start_col + 1 + dropped(span.start_line).unwrap_or(0);
            let mut diagnostic = Diagnostic::error(origin(name), report.message()).at(
                &text,
                span.start_line,
                column,
            );
            if let Some(page) = rendering.filter(|page| *page != name) {
                diagnostic = diagnostic.with_help(format!("while rendering {page}"));
            }
            diagnostic
        }
        _ => {
            let mut message = error.to_string();
            let mut source = error.source();
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::error(
                rendering.map(origin).unwrap_or_else(|| "templates".into()),
                message,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::theme::ThemeFile;

    #[test]
    fn a_filter_reads_the_fields_of_a_fact_it_needs_and_names_what_is_wrong() {
        let fact = |fields: serde_json::Value| figure(&Value::from_serializable(&fields));
        let read = fact(serde_json::json!({
            "kind": "price_cut", "value": 97, "min": null, "unit": "percent",
            "qualifier": "up_to", "text": "97%", "quote": "ignored", "article": {"slug": "a"},
        }))
        .unwrap();
        assert_eq!(read.kind, Kind::PriceCut);
        assert_eq!((read.value, read.min, read.max), (Some(97.0), None, None));
        assert_eq!(read.unit, Some(Unit::Percent));
        assert_eq!(read.qualifier, Some(Qualifier::UpTo));
        assert_eq!(read.text, "97%");
        let error = |fields| fact(fields).unwrap_err().to_string();
        assert!(error(serde_json::json!({"value": 1})).contains("missing field `kind`"));
        assert!(
            error(serde_json::json!({"kind": "growth", "unit": "parsecs"}))
                .contains("unknown unit `parsecs`")
        );
        assert!(
            error(serde_json::json!({"kind": "growth", "value": "lots"})).contains("`value` is")
        );
        assert!(error(serde_json::json!("growth")).contains("expected a fact"));
    }

    fn theme_with(name: &str, text: &str) -> Theme {
        let mut theme = Theme::default();
        theme.templates.insert(
            name.to_string(),
            ThemeFile {
                bytes: text.as_bytes().to_vec(),
                origin: Path::new("templates").join(name),
            },
        );
        theme
    }

    #[test]
    fn a_syntax_error_names_the_template_line_and_column() {
        let theme = theme_with("kind.html", "<p>\n  {{ kind.label }\n</p>\n");
        let Err(Error::Invalid(problems)) = engine(&theme, crate::site::format::EN) else {
            panic!("the broken template was accepted");
        };
        assert_eq!(problems.len(), 1);
        let problem = &problems[0];
        assert_eq!(problem.path, Path::new("templates/kind.html"));
        // Tera points at the lone `}` that should have been `}}`.
        assert_eq!((problem.line, problem.column), (2, 17));
        assert_eq!(problem.source_line.as_deref(), Some("  {{ kind.label }"));
    }

    #[test]
    fn an_undefined_variable_is_located_where_it_is_used() {
        let theme = theme_with("robots.txt", "User-agent: *\n{{ nothing_here }}\n");
        let tera = engine(&theme, crate::site::format::EN).unwrap();
        let problem = render(&tera, &theme, "robots.txt", &tera::Context::new()).unwrap_err();
        assert_eq!(problem.path, Path::new("templates/robots.txt"));
        assert_eq!((problem.line, problem.column), (2, 4));
        assert_eq!(problem.message, "Variable `nothing_here` is not defined.");
    }

    #[test]
    fn indentation_is_dropped_except_inside_pre() {
        let html = "<ul>\n  <li>a</li>\n</ul>\n<pre>x\n    indented\n</pre>\n  <p>b</p>\n";
        assert_eq!(
            trim_indentation(html),
            "<ul>\n<li>a</li>\n</ul>\n<pre>x\n    indented\n</pre>\n<p>b</p>\n"
        );
        let html =
            "<P><TEXTAREA>\n  kept</TEXTAREA><pre>\n  kept\n</PRE> <Pre>x</pre>\n  dropped\n";
        assert_eq!(
            trim_indentation(html),
            "<P><TEXTAREA>\n  kept</TEXTAREA><pre>\n  kept\n</PRE> <Pre>x</pre>\ndropped\n"
        );
    }

    #[test]
    fn an_html_template_loses_its_indentation_but_errors_keep_the_columns_of_the_file() {
        let text = "<ul>\n    <li>{{ site }}</li>\n<pre>\n    {{ site }}\n</pre>\n    <p>{{ nothing_here }}</p>\n";
        let theme = theme_with("404.html", text);
        let tera = engine(&theme, crate::site::format::EN).unwrap();
        let mut context = tera::Context::new();
        context.insert("site", "S");
        let problem = render(&tera, &theme, "404.html", &context).unwrap_err();
        assert_eq!((problem.line, problem.column), (6, 11));
        assert_eq!(
            problem.source_line.as_deref(),
            Some("    <p>{{ nothing_here }}</p>")
        );
        context.insert("nothing_here", "N");
        assert_eq!(
            render(&tera, &theme, "404.html", &context).unwrap(),
            "<ul>\n<li>S</li>\n<pre>\n    S\n</pre>\n<p>N</p>\n"
        );
    }

    #[test]
    fn filters_write_values_for_readers() {
        let mut tera = Tera::default();
        register_filters(&mut tera, crate::site::format::EN);
        let mut context = tera::Context::new();
        context.insert(
            "fact",
            &serde_json::json!({"kind": "downloads", "value": 40000000.0, "unit": "count", "qualifier": "over", "text": "over 40 million"}),
        );
        let shown = tera
            .render_str(
                "{{ fact | headline }}; {{ 76400000000 | number }}; {{ '2024-Q2' | period }}; {{ '2024-09-24' | date }}; {{ 'price_cut' | kind_label }}",
                &context,
                false,
            )
            .unwrap();
        assert_eq!(
            shown,
            "over 40 million downloads; 76.4 billion; Q2 2024; September 24, 2024; Price cuts"
        );
    }

    #[test]
    fn text_from_articles_is_escaped_in_html_templates() {
        let theme = theme_with("x.html", "<p>{{ quote }}</p>");
        let tera = engine(&theme, crate::site::format::EN).unwrap();
        let mut context = tera::Context::new();
        context.insert("quote", "<script>alert(1)</script> & \"more\"");
        assert_eq!(
            render(&tera, &theme, "x.html", &context).unwrap(),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</p>"
        );
    }
}
