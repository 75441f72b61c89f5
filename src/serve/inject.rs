//! What `serve` adds to a page on its way to the browser, and never to `public/`: the script
//! that reloads the page after a rebuild, and the overlay that shows a build error.

/// The path, under the site's mount point, of the server-sent event stream.
pub const EVENTS: &str = "__factsheet/events";

/// `html` with the reload script (and the overlay for `problem`, if any) before `</body>`.
/// `prefix` is where the site is mounted (`/` or `/sub/`); `generation` is the rebuild the page
/// comes from, so that a rebuild finished while the page was loading still reloads it.
pub fn inject(html: &[u8], prefix: &str, problem: Option<&str>, generation: u64) -> Vec<u8> {
    let mut addition = String::new();
    if let Some(problem) = problem {
        addition.push_str(&overlay(problem));
    }
    addition.push_str(&script(prefix, generation));
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + addition.len());
    out.push_str(&text[..at]);
    out.push_str(&addition);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// A page of its own for when the first build fails and there is no site to show yet.
pub fn problem_page(prefix: &str, problem: &str, generation: u64) -> Vec<u8> {
    let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>Build error</title></head><body></body></html>";
    inject(page.as_bytes(), prefix, Some(problem), generation)
}

fn script(prefix: &str, generation: u64) -> String {
    let url = serde_json::to_string(&format!("{prefix}{EVENTS}?since={generation}"))
        .expect("a string serializes");
    format!(
        "<script>(()=>{{const s=new EventSource({url});\
         s.addEventListener(\"reload\",()=>location.reload());\
         s.addEventListener(\"problem\",e=>{{let o=document.getElementById(\"factsheet-problem\");\
         if(!o){{o=document.createElement(\"div\");o.id=\"factsheet-problem\";o.setAttribute(\"style\",{style});\
         o.setAttribute(\"role\",\"alert\");document.body.append(o)}}\
         o.replaceChildren(Object.assign(document.createElement(\"pre\"),{{textContent:JSON.parse(e.data)}}))}})}})();</script>",
        style = serde_json::to_string(OVERLAY_STYLE).expect("a string serializes"),
    )
}

const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;\
    padding:2rem;background:rgba(20,20,20,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;\
    white-space:pre-wrap";

fn overlay(problem: &str) -> String {
    format!(
        "<div id=\"factsheet-problem\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><pre>{}</pre></div>",
        escape(problem)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            "/sub/",
            None,
            7,
        ))
        .unwrap();
        assert!(page.starts_with("<html><body><p>x</p><script>"));
        assert!(page.contains("new EventSource(\"/sub/__factsheet/events?since=7\")"));
        assert!(page.ends_with("</script></body></html>"));
    }

    #[test]
    fn the_problem_overlay_is_escaped_text() {
        let page =
            String::from_utf8(inject(b"<body></body>", "/", Some("bad <b> & \"x\""), 1)).unwrap();
        assert!(
            page.contains("<pre>bad &lt;b&gt; &amp; &quot;x&quot;</pre>"),
            "{page}"
        );
    }
}
