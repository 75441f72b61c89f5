//! The HTTP side of the preview, on hyper (HTTP/1.1 only) and a tokio runtime of one thread.
//!
//! Why this stack: hyper is the HTTP implementation most Rust servers run on, and it gives what a
//! preview needs against slow or hostile clients: a deadline on the request head, a cap on its
//! size, and no thread per connection, so that a client that reads slowly or never costs a little
//! memory, not a thread. tiny_http (fewer crates) reads every connection on a thread of its own,
//! without bound, and has no timeouts that can be set; axum, tower-http and tower-livereload
//! add routing and a reload script of their own that the preview does not use (it injects its own
//! script, which also shows build errors). What stays ours: mapping a target to a file of the site
//! ([`super::http::resolve`]) and the server-sent events.

use std::convert::Infallible;
use std::net::TcpListener as StdListener;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, HeaderValue, LOCATION};
use hyper::server::conn::http1;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, mpsc};

use super::http::{self, Resolved};
use super::inject;
use super::{Live, State};

/// How much the server lets clients take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once; more are answered 503 at once and closed.
    pub connections: usize,
    /// The time a client has to send its request line and headers.
    pub head: Duration,
    /// The time a response may take to be sent (all but event streams, which last).
    pub response: Duration,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        connections: 64,
        head: Duration::from_secs(10),
        response: Duration::from_secs(60),
    };
}

/// The most bytes of a request's head (hyper's smallest buffer is 8 KiB).
const HEAD_BYTES: usize = 16 * 1024;
/// An event stream sends a comment this often when nothing happens, so that a closed one is
/// found and proxies keep it open.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// Serves the site of `live`, mounted at `prefix`, on `listener` from a thread of its own.
pub fn spawn(
    listener: StdListener,
    live: Arc<Live>,
    prefix: String,
    limits: Limits,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    listener.set_nonblocking(true)?;
    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    std::thread::Builder::new()
        .name("preview-http".into())
        .spawn(move || runtime.block_on(accept(listener, live, prefix.into(), limits)))?;
    Ok(())
}

async fn accept(
    listener: tokio::net::TcpListener,
    live: Arc<Live>,
    prefix: Arc<str>,
    limits: Limits,
) {
    let permits = Arc::new(Semaphore::new(limits.connections));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, say: wait for connections to close rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            // A bound on connections bounds memory, whatever clients do.
            tokio::spawn(turn_away(stream));
            continue;
        };
        let (live, prefix) = (Arc::clone(&live), Arc::clone(&prefix));
        tokio::spawn(async move {
            connection(stream, live, prefix, limits).await;
            drop(permit);
        });
    }
}

/// Answers 503 to a connection past the bound. What the client sent is read (for a moment) before
/// the connection closes: closing with unread bytes resets it, and the client would lose the
/// answer.
async fn turn_away(stream: tokio::net::TcpStream) {
    let _ = stream.try_write(BUSY);
    let drain = async {
        let mut buffer = [0; 4096];
        while stream.readable().await.is_ok() {
            match stream.try_read(&mut buffer) {
                Ok(0) => break,
                Err(e) if e.kind() != std::io::ErrorKind::WouldBlock => break,
                _ => {}
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(200), drain).await;
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 20\r\nRetry-After: 1\r\nCache-Control: no-store\r\nConnection: close\r\n\r\ntoo many connections";

/// One connection, one request (as before: every response closes its connection, so no idle
/// connection holds a place).
async fn connection(
    stream: tokio::net::TcpStream,
    live: Arc<Live>,
    prefix: Arc<str>,
    limits: Limits,
) {
    let streaming = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&streaming);
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let response = answer(&request, &live, &prefix, &flag);
        async move { Ok::<_, Infallible>(response) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .max_buf_size(HEAD_BYTES)
        .keep_alive(false);
    let serving = builder.serve_connection(TokioIo::new(stream), service);
    let mut serving = std::pin::pin!(serving);
    let timed = tokio::time::timeout(limits.response, serving.as_mut()).await;
    if timed.is_err() && streaming.load(Ordering::Relaxed) {
        // An event stream lasts as long as its page is open.
        let _ = serving.await;
    }
}

/// The response to `request`; an event stream is started on the runtime.
fn answer(
    request: &Request<Incoming>,
    live: &Arc<Live>,
    prefix: &str,
    streaming: &AtomicBool,
) -> Response<Payload> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = reply(Reply::text(405, "method not allowed"));
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == format!("{prefix}{}", inject::EVENTS) {
        let since = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        streaming.store(true, Ordering::Relaxed);
        return events(Arc::clone(live), since);
    }
    let state = live.lock();
    reply(page(target, prefix, &state))
}

/// What a page request is answered, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            location: None,
        }
    }
}

/// The answer to GET `target` from the site in `state`: a file, with the reload script in its
/// pages; a redirect to a folder's canonical URL; 403 for a path that leaves the site; the
/// site's 404 page (or the build error, when there is no site yet).
pub fn page(target: &str, prefix: &str, state: &State) -> Reply {
    let resolved = http::resolve(target, prefix, |p| state.files.contains_key(p));
    let (status, path) = match &resolved {
        Resolved::File(path) => (200, path.as_str()),
        Resolved::Redirect(to) => {
            return Reply {
                location: Some(to.clone()),
                ..Reply::text(301, "moved")
            };
        }
        Resolved::Forbidden => return Reply::text(403, "forbidden: the path leaves the site"),
        Resolved::NotFound => (404, "404.html"),
    };
    let problem = state.problem.as_deref();
    match state.files.get(path) {
        Some(body) if path.ends_with(".html") => Reply {
            status,
            content_type: http::content_type(path),
            body: inject::inject(body, prefix, problem, state.generation),
            location: None,
        },
        Some(body) => Reply {
            status,
            content_type: http::content_type(path),
            body: body.to_vec(),
            location: None,
        },
        None => match problem {
            Some(problem) => Reply {
                status,
                content_type: "text/html; charset=utf-8",
                body: inject::problem_page(prefix, problem, state.generation),
                location: None,
            },
            None => Reply::text(status, "not found"),
        },
    }
}

/// `reply` as a response. Previews are never cached: every load is fresh.
fn reply(reply: Reply) -> Response<Payload> {
    let mut response = Response::new(Payload::Full(Some(Bytes::from(reply.body))));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(to) = reply
        .location
        .and_then(|to| HeaderValue::from_str(&to).ok())
    {
        headers.insert(LOCATION, to);
    }
    response
}

/// A server-sent event stream: `reload` after each good rebuild, `problem` after a bad one.
/// `since` is the rebuild the page was served from: one finished since then is told at once.
fn events(live: Arc<Live>, since: Option<u64>) -> Response<Payload> {
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(tell(live, since, sender));
    let mut response = Response::new(Payload::Events(receiver));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Sends the events of one stream until its page goes away.
async fn tell(live: Arc<Live>, since: Option<u64>, sender: mpsc::Sender<Bytes>) {
    let mut rebuilt = live.rebuilt.subscribe();
    let mut seen = since.unwrap_or_else(|| live.generation());
    if sender
        .send(Bytes::from_static(b"retry: 500\n\n"))
        .await
        .is_err()
    {
        return;
    }
    loop {
        // Marked as seen before the state is read: a rebuild after this wakes the wait below.
        rebuilt.borrow_and_update();
        let message = {
            let state = live.lock();
            (state.generation != seen).then(|| {
                seen = state.generation;
                event(state.problem.as_deref())
            })
        };
        let message = match message {
            Some(message) => message,
            None => match tokio::time::timeout(HEARTBEAT, rebuilt.changed()).await {
                Ok(Ok(())) => continue,
                // The server is going away.
                Ok(Err(_)) => return,
                // A comment keeps proxies from closing the stream and finds closed ones.
                Err(_) => ":\n\n".to_string(),
            },
        };
        if sender.send(Bytes::from(message)).await.is_err() {
            return;
        }
    }
}

fn event(problem: Option<&str>) -> String {
    match problem {
        Some(problem) => format!(
            "event: problem\ndata: {}\n\n",
            serde_json::to_string(problem).unwrap_or_default()
        ),
        None => "event: reload\ndata: 1\n\n".to_string(),
    }
}

/// A response body: all of it at once, or the events of a stream as they come.
enum Payload {
    Full(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl Body for Payload {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Payload::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Payload::Events(events) => events
                .poll_recv(context)
                .map(|event| event.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Payload::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Payload::Full(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Payload::Events(_) => SizeHint::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Instant;

    use super::*;

    /// A server on a free loopback port over a site of two files.
    fn serve(limits: Limits) -> (String, Arc<Live>) {
        let live = Arc::new(Live::default());
        {
            let mut state = live.state.lock().unwrap();
            let page = b"<html><body>hello</body></html>".to_vec();
            state.files.insert("index.html".into(), Arc::new(page));
            state
                .files
                .insert("style.css".into(), Arc::new(b"p{}".to_vec()));
        }
        let listener = StdListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        spawn(listener, Arc::clone(&live), "/".into(), limits).unwrap();
        (address, live)
    }

    /// Sends `request` as it is and reads until the server closes the connection.
    fn exchange(address: &str, request: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    fn get(target: &str) -> String {
        format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n")
    }

    #[test]
    fn a_file_is_served_with_its_length_and_never_cached() {
        let (address, _live) = serve(Limits::DEFAULT);
        let response = exchange(&address, &get("/style.css"));
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        let lower = response.to_ascii_lowercase();
        assert!(lower.contains("content-length: 3\r\n"), "{response}");
        assert!(lower.contains("cache-control: no-store\r\n"), "{response}");
        assert!(lower.contains("content-type: text/css; charset=utf-8\r\n"));
        assert!(response.ends_with("\r\n\r\np{}"), "{response}");
        let head = exchange(&address, "HEAD /style.css HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.ends_with("\r\n\r\n"), "HEAD sends no body: {head}");
        let post = exchange(&address, "POST / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(
            post.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{post}"
        );
        assert!(post.to_ascii_lowercase().contains("allow: get, head\r\n"));
    }

    #[test]
    fn a_client_that_never_finishes_its_request_is_cut_off() {
        let limits = Limits {
            head: Duration::from_millis(300),
            ..Limits::DEFAULT
        };
        let (address, _live) = serve(limits);
        for partial in ["", "GET / HTTP/1.1\r\nHost: x\r\n"] {
            let started = Instant::now();
            exchange(&address, partial);
            let waited = started.elapsed();
            assert!(waited < Duration::from_secs(5), "{partial:?}: {waited:?}");
        }
    }

    #[test]
    fn connections_past_the_bound_are_turned_away() {
        let limits = Limits {
            connections: 1,
            head: Duration::from_secs(5),
            ..Limits::DEFAULT
        };
        let (address, _live) = serve(limits);
        // Holds the one place: a request that has not ended its head.
        let mut holder = TcpStream::connect(&address).unwrap();
        holder.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let turned_away = exchange(&address, &get("/"));
        assert!(
            turned_away.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{turned_away}"
        );
        holder.write_all(b"Host: x\r\n\r\n").unwrap();
        let mut served = String::new();
        holder.read_to_string(&mut served).unwrap();
        assert!(served.starts_with("HTTP/1.1 200 OK\r\n"), "{served}");
    }

    #[test]
    fn an_event_stream_tells_of_each_rebuild() {
        let (address, live) = serve(Limits::DEFAULT);
        let mut stream = TcpStream::connect(&address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .write_all(get("/__factsheet/events?since=0").as_bytes())
            .unwrap();
        let mut seen = String::new();
        let mut read_until = |stream: &mut TcpStream, wanted: &str| {
            let mut buffer = [0; 1024];
            while !seen.contains(wanted) {
                let n = stream.read(&mut buffer).unwrap();
                assert!(n > 0, "the stream closed; read:\n{seen}");
                seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        };
        read_until(&mut stream, "retry: 500");
        live.announce(None);
        read_until(&mut stream, "event: reload\n");
        live.announce(Some("content/a.yaml: broken".into()));
        read_until(
            &mut stream,
            "event: problem\ndata: \"content/a.yaml: broken\"\n\n",
        );
        assert!(
            seen.to_ascii_lowercase()
                .contains("content-type: text/event-stream")
        );
    }

    #[test]
    fn pages_carry_the_reload_script_and_misses_the_404_page_or_the_problem() {
        let mut state = State::default();
        state.files.insert(
            "index.html".into(),
            Arc::new(b"<html><body>hi</body></html>".to_vec()),
        );
        let index = page("/", "/", &state);
        assert_eq!(
            (index.status, index.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert!(
            String::from_utf8(index.body)
                .unwrap()
                .contains("EventSource")
        );
        assert_eq!(page("/missing", "/", &state), Reply::text(404, "not found"));
        assert_eq!(
            page("/%2e%2e/x", "/", &state),
            Reply::text(403, "forbidden: the path leaves the site")
        );
        let moved = page("/", "/facts/", &state);
        assert_eq!(
            (moved.status, moved.location.as_deref()),
            (301, Some("/facts/"))
        );
        state.files.clear();
        state.problem = Some("content/a.yaml: broken".into());
        let problem = page("/", "/", &state);
        assert_eq!(problem.status, 404);
        assert!(
            String::from_utf8(problem.body)
                .unwrap()
                .contains("content/a.yaml: broken")
        );
    }
}
