//! What a request target names: a file of the site, a redirect, or a refusal of anything that
//! tries to leave the site. Kept by hand, apart from the HTTP stack ([`super::server`]): the
//! refusals are the preview's own safety rule, and here they are tested on their own.

/// What a request target names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its output path (`index.html`, `kinds/growth/index.html`).
    File(String),
    /// The same resource under its canonical URL (a folder without its `/`, the root of a site
    /// served under a subpath).
    Redirect(String),
    /// The target tries to leave the site: `..` segments, encoded or not, backslashes, NUL.
    Forbidden,
    NotFound,
}

/// Maps `target` to a file of a site mounted at `prefix` (`/` or `/sub/path/`); `exists` tells
/// whether the site has an output path.
pub fn resolve(target: &str, prefix: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    if path.contains(['\\', '\0']) || !path.starts_with('/') {
        return Resolved::Forbidden;
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::Forbidden;
    }
    let Some(inside) = path.strip_prefix(prefix) else {
        return if format!("{path}/") == prefix || path == "/" {
            Resolved::Redirect(prefix.to_string())
        } else {
            Resolved::NotFound
        };
    };
    let file = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    };
    if exists(&file) {
        Resolved::File(file)
    } else if exists(&format!("{inside}/index.html")) {
        Resolved::Redirect(format!("{path}/"))
    } else {
        Resolved::NotFound
    }
}

/// `%XX` escapes decoded; `None` when an escape is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "yaml" | "yml" | "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "kinds/growth/index.html", "style.css"].contains(&path)
    }

    #[test]
    fn maps_targets_to_files_and_folders_to_their_index() {
        assert_eq!(resolve("/", "/", site), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/style.css?v=2", "/", site),
            Resolved::File("style.css".into())
        );
        assert_eq!(
            resolve("/kinds/growth/", "/", site),
            Resolved::File("kinds/growth/index.html".into())
        );
        assert_eq!(
            resolve("/kinds/growth", "/", site),
            Resolved::Redirect("/kinds/growth/".into())
        );
        assert_eq!(resolve("/missing.html", "/", site), Resolved::NotFound);
    }

    #[test]
    fn refuses_targets_that_leave_the_site() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/kinds/../../x",
            "/..%5c..%5cx",
            "/a%00b",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "../x",
        ] {
            assert_eq!(resolve(target, "/", site), Resolved::Forbidden, "{target}");
        }
    }

    #[test]
    fn a_site_under_a_subpath_is_served_there() {
        assert_eq!(
            resolve("/facts/", "/facts/", site),
            Resolved::File("index.html".into())
        );
        assert_eq!(
            resolve("/facts", "/facts/", site),
            Resolved::Redirect("/facts/".into())
        );
        assert_eq!(
            resolve("/", "/facts/", site),
            Resolved::Redirect("/facts/".into())
        );
        assert_eq!(resolve("/other/", "/facts/", site), Resolved::NotFound);
    }
}
