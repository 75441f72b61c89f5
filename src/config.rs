//! `config.toml` at the site root: the few settings a site has.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// The site's settings; every field has a default, so an empty or missing file is valid.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Shown in the header of every page and in the feed.
    pub title: String,
    /// The site's one-sentence description, for the index and meta tags.
    pub description: String,
    /// Where the site will be published, e.g. `https://example.org/facts/`. Empty: links stay
    /// relative and no canonical URLs are written.
    pub base_url: String,
    /// BCP 47 language tag of the pages, e.g. `en`.
    pub language: String,
    /// Whether `seeds/` may hold links to files or folders outside the site. Off, such a link is
    /// an error: a link made by mistake (or by someone else) would publish whatever it points to.
    pub links_outside_site: bool,
    /// Publish only the facts a person has reviewed (`reviewed: true`): the others are left
    /// out of every page, chart, feed, search and download, and the fact files themselves are
    /// not offered for download.
    pub hide_unreviewed: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "Fact sheets".into(),
            description: "Quantitative facts from news articles, each with its source sentence."
                .into(),
            base_url: String::new(),
            language: "en".into(),
            links_outside_site: false,
            hide_unreviewed: false,
        }
    }
}

impl Config {
    /// `base_url` ending in `/`, ready to put a page's path after; empty when not set.
    pub fn base(&self) -> String {
        match self.base_url.trim() {
            "" => String::new(),
            url if url.ends_with('/') => url.to_string(),
            url => format!("{url}/"),
        }
    }

    /// Parses the text of `config.toml`; `path` labels the diagnostic.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|error| {
            let message = error.message().to_string();
            let diagnostic = Diagnostic::error(path, message)
                .with_help("config.toml takes `title`, `description`, `base_url`, `language`, `links_outside_site` and `hide_unreviewed`");
            match error.span() {
                Some(span) => diagnostic.at_offset(text, span.start),
                None => diagnostic,
            }
        })?;
        let web = config.base_url.starts_with("https://") || config.base_url.starts_with("http://");
        if !config.base_url.is_empty() && !web {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("base_url"))
                .map_or(1, |i| i + 1);
            let column = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.find('"'))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::error(path, format!("`{}` is not a web address", config.base_url))
                .at(text, line, column)
                .with_help("write the address the site is published at, e.g. \"https://example.org/facts/\", or leave it empty"));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(
            Config::parse(Path::new("config.toml"), "").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn base_url_must_be_a_web_address() {
        let text = "title = \"Facts\"\nbase_url = \"javascript:alert(1)\"\n";
        let problem = Config::parse(Path::new("config.toml"), text).unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 12));
        assert_eq!(
            problem.message,
            "`javascript:alert(1)` is not a web address"
        );
        let config = Config::parse(
            Path::new("config.toml"),
            "base_url = \"https://example.org/\"",
        )
        .unwrap();
        assert_eq!(config.base_url, "https://example.org/");
    }

    #[test]
    fn an_unknown_key_is_located() {
        let text = "title = \"Facts\"\nbase_rul = \"https://example.org/\"\n";
        let problem = Config::parse(Path::new("config.toml"), text).unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 1));
        assert!(problem.message.contains("base_rul"), "{}", problem.message);
    }
}
