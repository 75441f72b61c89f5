//! The built site in a real browser: headless Chromium, driven over the DevTools protocol,
//! searches for a fact on the index, follows it to its fact sheet, clicks through to the
//! highlighted sentence and finds the chart, with no console error on the way; once over HTTP
//! and once opened from disk.
//!
//! The site is `tests/cases/browser-site`, built by the real binary into a temporary folder.
//! The test needs Chromium (`/usr/bin/chromium`, or the path in `FACTSHEET_CHROMIUM`); without
//! it, it says so and passes. The HTTP server and the WebSocket client are small and written
//! here, so the test adds no dependency.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[test]
fn search_leads_to_the_highlighted_quote_over_http() {
    let Some(chromium) = chromium() else { return };
    let site = built_site();
    let base = serve(site.path().join("public"));
    walk_through(&chromium, &format!("{base}/index.html"));
}

#[test]
fn search_leads_to_the_highlighted_quote_from_disk() {
    let Some(chromium) = chromium() else { return };
    let site = built_site();
    let index = site.path().join("public/index.html");
    walk_through(&chromium, &format!("file://{}", index.display()));
}

/// The user's path through the site, asserted step by step.
fn walk_through(chromium: &Path, index_url: &str) {
    let mut browser = Browser::launch(chromium);
    browser.navigate(index_url);

    // Search: type, see results, pick the first with the arrow key and Enter.
    browser.eval("document.getElementById('search-input').focus()");
    browser.call("Input.insertText", json!({"text": "archival"}));
    browser.wait_for("document.querySelectorAll('#search-results [role=option][id]').length > 0");
    let first = browser.eval("document.querySelector('#search-results [role=option]').textContent");
    assert_eq!(
        first,
        json!(
            "35% price cutHarbor Analytics · archival storage price · March 2025Price cuts · Harbor Analytics' first quarter"
        )
    );
    assert_eq!(
        browser.eval("document.getElementById('search-input').getAttribute('aria-expanded')"),
        json!("true")
    );
    // What the query loaded: fragments of the index, not all of it. Every prefix typed loads
    // the bucket of its key ("a", "ar", "arc"), and the one chunk of records shown.
    let loaded = browser.eval(
        "Array.from(document.querySelectorAll('script[src]')).map(s => s.getAttribute('src')).filter(s => s.startsWith('search/'))",
    );
    let loaded: Vec<&str> = loaded
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        loaded.iter().any(|s| s.starts_with("search/t/"))
            && loaded.iter().any(|s| s.starts_with("search/r/"))
            && loaded.len() <= 8,
        "{loaded:?}"
    );
    browser.key("ArrowDown", 40);
    assert_eq!(
        browser
            .eval("document.getElementById('search-input').getAttribute('aria-activedescendant')"),
        json!("search-option-0")
    );
    browser.key("Enter", 13);
    browser.wait_for(
        "location.hash === '#harbor-archival-price-cut' && document.readyState === 'complete'",
    );
    assert!(
        browser
            .eval("location.pathname")
            .as_str()
            .unwrap()
            .ends_with("/articles/harbor-analytics-first-quarter/index.html")
    );
    assert_eq!(
        browser.eval("document.querySelector(':target').tagName"),
        json!("TR")
    );

    // The fact sheet charts its two cuts of one price in one month side by side: an SVG with
    // a title that says what is compared, a description and a bar each.
    let chart = "#chart-price-cut-archival-storage-price-2025-03";
    assert_eq!(
        browser.eval(&format!(
            "document.querySelector('{chart} svg[role=img] title').textContent"
        )),
        json!("Archival storage price cuts, March 2025")
    );
    assert_eq!(
        browser.eval(&format!(
            "document.querySelectorAll('{chart} svg .bar').length"
        )),
        json!(2)
    );
    // Growth figures of different metrics are not compared: no chart of them.
    assert_eq!(
        browser.eval("document.querySelectorAll('figure.chart').length"),
        json!(1)
    );

    // From the fact to its sentence, highlighted in the article.
    browser.eval("document.querySelector(':target td:nth-child(4) a').click()");
    browser.wait_for("location.hash.startsWith('#s-')");
    let target = browser.eval(
        "(() => { const t = document.querySelector(':target'); return [t.tagName, t.textContent, \
         getComputedStyle(t).backgroundColor !== getComputedStyle(document.querySelector('mark:not(:target)')).backgroundColor]; })()",
    );
    assert_eq!(
        target,
        json!([
            "MARK",
            "The company also announced a 35% price cut for its archival storage tier.",
            true
        ])
    );

    // Enter with no fact chosen: the results page, whose address holds the query.
    browser.navigate(index_url);
    browser.eval("document.getElementById('search-input').focus()");
    browser.call("Input.insertText", json!({"text": "harbor price"}));
    browser.wait_for("document.querySelectorAll('#search-results [role=option][id]').length > 0");
    browser.key("Enter", 13);
    browser.wait_for(
        "location.pathname.endsWith('/search/index.html') && document.querySelectorAll('#search-page-results li').length > 0",
    );
    assert_eq!(browser.eval("location.search"), json!("?q=harbor+price"));
    assert_eq!(
        browser.eval("document.getElementById('search-page-input').value"),
        json!("harbor price")
    );
    let status = browser.eval("document.getElementById('search-page-status').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .ends_with("for \u{201c}harbor price\u{201d}."),
        "{status}"
    );
    // Each result links to its fact's row.
    browser.eval("document.querySelector('#search-page-results a').click()");
    browser.wait_for("location.hash.length > 1 && document.readyState === 'complete'");
    assert_eq!(
        browser.eval("document.querySelector(':target').tagName"),
        json!("TR")
    );

    let problems = browser.console_errors();
    assert!(problems.is_empty(), "console errors: {problems:#?}");
}

/// Chromium's path, or `None` (after saying why) when it is not installed.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("FACTSHEET_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipping the browser test: no Chromium at {} (install it with `apt-get install -y chromium` or set FACTSHEET_CHROMIUM)",
            path.display()
        );
        None
    }
}

/// A temporary copy of the browser-site case, built with the real binary.
fn built_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/browser-site");
    copy_dir(&case, dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Serves `root` on a free loopback port from a thread; returns `http://127.0.0.1:PORT`.
pub fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = respond(&root, stream);
        }
    });
    format!("http://{address}")
}

fn respond(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let escapes = path.split('/').any(|part| part == "..");
    let (status, body, file) = match std::fs::read(&file) {
        Ok(body) if !escapes => ("200 OK", body, file),
        _ => (
            "404 Not Found",
            std::fs::read(root.join("404.html"))?,
            root.join("404.html"),
        ),
    };
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.0 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// One headless Chromium and a DevTools connection to its page.
pub struct Browser {
    child: Child,
    socket: TcpStream,
    next_id: u64,
    /// Events received while waiting for answers.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

const TIMEOUT: Duration = Duration::from_secs(30);

impl Browser {
    pub fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--allow-file-access-from-files",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Chromium starts");
        // Chromium prints the address of its DevTools endpoint on stderr.
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = sender.send(url.to_string());
                }
            }
        });
        let browser_url = receiver
            .recv_timeout(TIMEOUT)
            .expect("Chromium reports its DevTools address");
        let host = browser_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let page_url = page_socket_url(&host);
        let socket = websocket_connect(&host, &page_url);
        let mut browser = Browser {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(domain, json!({}));
        }
        browser
    }

    /// Sends a command and returns its result; events that arrive meanwhile are kept.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"id": id, "method": method, "params": params}).to_string();
        send_frame(&mut self.socket, message.as_bytes());
        let started = Instant::now();
        loop {
            assert!(started.elapsed() < TIMEOUT, "no answer to {method}");
            let message: Value = serde_json::from_slice(&read_message(&mut self.socket)).unwrap();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "`{expression}` threw: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Polls `condition` until it is true.
    pub fn wait_for(&mut self, condition: &str) {
        let started = Instant::now();
        while self.eval(&format!("!!({condition})")) != json!(true) {
            assert!(
                started.elapsed() < TIMEOUT,
                "timed out waiting for {condition}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(&format!(
            "location.href === {} && document.readyState === 'complete'",
            json!(url)
        ));
    }

    /// Presses and releases a key, as a keyboard would.
    pub fn key(&mut self, key: &str, code: u32) {
        let text = if key == "Enter" { "\r" } else { "" };
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text}),
        );
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code}),
        );
    }

    /// Exceptions, `console.error` calls and error log entries seen so far.
    pub fn console_errors(&mut self) -> Vec<String> {
        // A last round trip collects events still in flight.
        self.eval("0");
        self.events
            .iter()
            .filter_map(|event| match event["method"].as_str()? {
                "Runtime.exceptionThrown" => Some(event["params"]["exceptionDetails"].to_string()),
                "Runtime.consoleAPICalled" if event["params"]["type"] == "error" => {
                    Some(event["params"]["args"].to_string())
                }
                "Log.entryAdded" if event["params"]["entry"]["level"] == "error" => {
                    Some(event["params"]["entry"].to_string())
                }
                _ => None,
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The WebSocket address of the browser's page, from `/json/list`.
fn page_socket_url(host: &str) -> String {
    let started = Instant::now();
    loop {
        let mut stream = TcpStream::connect(host).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(stream, "GET /json/list HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        // Chromium keeps the connection open: read the head, then Content-Length bytes.
        let head = read_head(&mut stream);
        let length = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        if let Ok(Value::Array(targets)) = serde_json::from_slice::<Value>(&body)
            && let Some(url) = targets
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        {
            return url.to_string();
        }
        assert!(started.elapsed() < TIMEOUT, "Chromium lists no page");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Opens a WebSocket (RFC 6455) to `url`: the upgrade handshake over a plain TCP stream.
fn websocket_connect(host: &str, url: &str) -> TcpStream {
    let path = url
        .trim_start_matches("ws://")
        .split_once('/')
        .map_or("/".to_string(), |(_, p)| format!("/{p}"));
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    let head = read_head(&mut stream);
    assert!(
        head.starts_with("HTTP/1.1 101"),
        "no WebSocket upgrade: {head}"
    );
    stream
}

/// The status line and headers of an HTTP response, up to the blank line.
fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Sends one text frame; a client masks what it sends.
fn send_frame(stream: &mut TcpStream, payload: &[u8]) {
    let mask = [0x12u8, 0x34, 0x56, 0x78];
    let mut frame = vec![0x81u8];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n <= 0xffff => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    stream.write_all(&frame).unwrap();
}

/// Reads one whole message, joining continuation frames and answering pings.
fn read_message(stream: &mut TcpStream) -> Vec<u8> {
    let mut message = Vec::new();
    loop {
        let mut head = [0u8; 2];
        stream.read_exact(&mut head).unwrap();
        let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
        let length = match head[1] & 0x7f {
            126 => {
                let mut bytes = [0u8; 2];
                stream.read_exact(&mut bytes).unwrap();
                u64::from(u16::from_be_bytes(bytes))
            }
            127 => {
                let mut bytes = [0u8; 8];
                stream.read_exact(&mut bytes).unwrap();
                u64::from_be_bytes(bytes)
            }
            n => u64::from(n),
        };
        let mut payload = vec![0u8; length as usize];
        stream.read_exact(&mut payload).unwrap();
        match opcode {
            0x8 => panic!("Chromium closed the DevTools connection"),
            0x9 => {
                // A pong carries the ping's payload back.
                let mut pong = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                pong.extend_from_slice(&payload);
                stream.write_all(&pong).unwrap();
                continue;
            }
            _ => message.extend_from_slice(&payload),
        }
        if fin {
            return message;
        }
    }
}
