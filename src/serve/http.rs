//! The HTTP side of `serve`, on tiny_http: binding the port, a fixed pool of
//! worker threads answering `GET` and `HEAD` from the in-memory site (a
//! worker renders a page that is not in the store's cache), and handing
//! event-stream requests to the live-reload hub.
//!
//! tiny_http reads each connection on its own thread and queues the parsed
//! requests; the workers here take them from the queue, so a burst of
//! requests waits in line instead of spawning threads without limit. An
//! event stream takes a worker only long enough to write its greeting.

use std::io::Cursor;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::reload::Hub;
use super::store::{self, Body, Resolved, Store};

/// Path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__kurssi/events";

/// Worker threads answering requests.
const WORKERS: usize = 8;

/// Binds `host:port`; the error is a message naming the address and, for a
/// busy port, what to do.
pub fn bind(host: &str, port: u16) -> Result<TcpListener, String> {
    let addrs: Vec<SocketAddr> = match (host, port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => return Err(format!("cannot listen on `{host}`: {e}")),
    };
    let mut last = None;
    for addr in &addrs {
        match TcpListener::bind(addr) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some((addr, e)),
        }
    }
    Err(match last {
        Some((addr, e)) if e.kind() == std::io::ErrorKind::AddrInUse => format!(
            "port {port} is already in use on {}; stop what is using it, or choose another port with `-p`, for example `kurssi serve -p {}`",
            addr.ip(),
            port.wrapping_add(1).max(1024)
        ),
        Some((addr, e)) => format!("cannot listen on {addr}: {e}"),
        None => format!("`{host}` is not an address to listen on"),
    })
}

/// The URL the site is served at.
pub fn url_of(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
    }
}

/// Starts serving `store` on `listener` with the worker threads.
pub fn start(listener: TcpListener, store: Arc<Store>, hub: Arc<Hub>) -> Result<(), String> {
    let server = Server::from_listener(listener, None)
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let server = Arc::new(server);
    for n in 0..WORKERS {
        let (server, store, hub) = (server.clone(), store.clone(), hub.clone());
        std::thread::Builder::new()
            .name(format!("kurssi-http-{n}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &store, &hub);
                }
            })
            .map_err(|e| format!("cannot start a server thread: {e}"))?;
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

/// Answers one request.
pub fn handle(request: Request, store: &Store, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = Response::from_string("only GET and HEAD are served\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == EVENTS_PATH && *request.method() == Method::Head {
        let response =
            Response::empty(200).with_header(header("Content-Type", "text/event-stream"));
        let _ = request.respond(response);
        return;
    }
    if path == EVENTS_PATH {
        let page = page_of_query(query, store);
        hub.attach(page, request.into_writer());
        return;
    }
    let _ = match store::resolve(store, &url) {
        Resolved::File(key) => match store.get_fresh(&key) {
            Some(Body::File(path)) if !store.may_serve(&path) => not_found(request, &url, store),
            Some(body) => respond_file(request, &key, body, 200),
            None => not_found(request, &url, store),
        },
        Resolved::Redirect(to) => {
            let location = if query.is_empty() {
                to
            } else {
                format!("{to}?{query}")
            };
            request.respond(Response::empty(301).with_header(header("Location", &location)))
        }
        Resolved::NotFound => not_found(request, &url, store),
    };
}

/// The site path of the page that opened an event stream
/// (`path=/a/b.html`), resolved as a request for it would be.
fn page_of_query(query: &str, store: &Store) -> Option<String> {
    let value = query.split('&').find_map(|kv| kv.strip_prefix("path="))?;
    let decoded = percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .ok()?;
    match store::resolve(store, &decoded) {
        Resolved::File(key) => Some(key),
        // A missing page: reloaded with every full rebuild only.
        _ => store::site_path(&decoded),
    }
}

fn respond_file(request: Request, key: &str, body: Body, status: u16) -> std::io::Result<()> {
    let headers = vec![
        header("Content-Type", store::content_type(key)),
        // Every reload must fetch the new version.
        header("Cache-Control", "no-cache"),
        header("X-Content-Type-Options", "nosniff"),
    ];
    match body {
        Body::Bytes(bytes) => {
            let len = bytes.len();
            let reader = Cursor::new(Shared(bytes));
            request.respond(Response::new(
                StatusCode(status),
                headers,
                reader,
                Some(len),
                None,
            ))
        }
        Body::File(path) => match std::fs::File::open(&path) {
            Ok(file) => {
                let len = file.metadata().ok().map(|m| m.len() as usize);
                request.respond(Response::new(StatusCode(status), headers, file, len, None))
            }
            // Removed since the last build: the next rebuild will notice.
            Err(_) => request.respond(Response::from_string("not found\n").with_status_code(404)),
        },
    }
}

/// The course's `404.html` with status 404: under a language's folder
/// (`/en/...`), that language's.
fn not_found(request: Request, url: &str, store: &Store) -> std::io::Result<()> {
    let page = not_found_page(url, store);
    match store.get_fresh(&page) {
        Some(body) => respond_file(request, &page, body, 404),
        None => {
            // No 404 page (the course does not build yet): still load the
            // live-reload script, so the page appears once it is fixed.
            let html = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><p>Not found.</p>{}</body></html>",
                super::reload::script()
            );
            respond_file(
                request,
                "404.html",
                Body::Bytes(Arc::new(html.into_bytes())),
                404,
            )
        }
    }
}

/// The 404 page for a request URL: `en/404.html` for one under `/en/`
/// when the site has that language's 404 page (one of the generated
/// files, never a course file of that name), else `404.html`.
fn not_found_page(url: &str, store: &Store) -> String {
    let first =
        store::site_path(url).and_then(|p| p.split_once('/').map(|(first, _)| first.to_owned()));
    match first {
        Some(folder) if store.is_lazy(&format!("{folder}/404.html")) => {
            format!("{folder}/404.html")
        }
        _ => "404.html".to_owned(),
    }
}

/// Shared bytes that tiny_http can read from without copying them.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_is_named_with_what_to_do() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = bind("127.0.0.1", port).unwrap_err();
        assert!(err.contains(&format!("port {port}")), "{err}");
        assert!(err.contains("-p"), "{err}");
    }

    #[test]
    fn urls_and_event_pages() {
        assert_eq!(
            url_of("127.0.0.1:3000".parse().unwrap()),
            "http://127.0.0.1:3000/"
        );
        assert_eq!(url_of("[::1]:80".parse().unwrap()), "http://[::1]:80/");
        let store = Store::new();
        let files = ["a/index.html", "a/b.html"].map(|p| crate::output::OutFile::bytes(p, "x"));
        store.replace_all(files.to_vec(), &Default::default());
        let page = |q: &str| page_of_query(q, &store);
        assert_eq!(page("path=%2Fa%2F").as_deref(), Some("a/index.html"));
        assert_eq!(page("x=1&path=/a/b").as_deref(), Some("a/b.html"));
        assert_eq!(page("path=/new.html").as_deref(), Some("new.html"));
        assert_eq!(page("path=%2F..%2Fx"), None);
    }

    #[test]
    fn a_language_folder_has_its_own_404_page() {
        let store = Store::new();
        let files = ["404.html", "en/404.html", "a/404.html"]
            .map(|p| crate::output::OutFile::bytes(p, "x"));
        store.replace_all(files.to_vec(), &Default::default());
        store.set_lazy(["404.html", "en/404.html"].map(String::from).into());
        assert_eq!(not_found_page("/en/no/such.html", &store), "en/404.html");
        assert_eq!(not_found_page("/en/", &store), "en/404.html");
        assert_eq!(not_found_page("/no/such.html", &store), "404.html");
        // A course file named 404.html is not the 404 page of its folder.
        assert_eq!(not_found_page("/a/b.html", &store), "404.html");
        assert_eq!(not_found_page("/en", &store), "404.html");
    }
}
