//! The little HTTP/1.1 that a preview server needs: read a request line, map its target to a
//! file of the site (refusing anything that tries to leave it), and write a response.

/// A request, as far as a static server cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent: `/kinds/growth/index.html?x=1`.
    pub target: String,
}

/// Parses the request line of `head` (the bytes up to the blank line).
pub fn parse_request(head: &str) -> Option<Request> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let version = parts.next()?;
    (version.starts_with("HTTP/1.") && parts.next().is_none()).then_some(Request { method, target })
}

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

/// A complete response with a body. Previews must never be cached: every load is fresh.
pub fn response(
    status: u16,
    content_type: &str,
    body: &[u8],
    extra_headers: &[(&str, &str)],
) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "kinds/growth/index.html", "style.css"].contains(&path)
    }

    #[test]
    fn parses_a_request_line() {
        let request = parse_request("GET /a/b.html?x=1 HTTP/1.1\r\nHost: x\r\n").unwrap();
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("GET", "/a/b.html?x=1")
        );
        assert_eq!(parse_request("GET /\r\n"), None);
        assert_eq!(parse_request(""), None);
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

    #[test]
    fn responses_carry_length_and_no_caching() {
        let bytes = response(404, "text/plain", b"gone", &[]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(
            text.contains("Content-Length: 4\r\n") && text.contains("Cache-Control: no-store\r\n")
        );
        assert!(text.ends_with("\r\n\r\ngone"));
    }
}
