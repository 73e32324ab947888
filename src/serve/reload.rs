//! Live reload: the script `serve` injects into every page it serves, and the
//! hub that keeps the open pages' server-sent-event streams and tells them
//! what happened.
//!
//! Events on `/__kurssi/events`:
//! - `hello` (data: the server's identity) on connecting; a page that sees a
//!   different identity after reconnecting reloads, so a restarted server
//!   never leaves a stale page behind;
//! - `reload`: the page changed; the script reloads it and keeps its scroll
//!   position;
//! - `problems` (data: the diagnostics as text): the course has errors; the
//!   script shows them over the last good page;
//! - `ok`: the errors are gone.
//!
//! Each page says which page it is (`?path=`), so an edit reloads only the
//! pages it changed, and the server knows which pages are open: after an
//! edit those are rendered again at once (see [`super::session`]).

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;

/// The HTML that `serve` injects before `</body>` of every page.
pub fn script() -> String {
    format!("<script>{}</script>\n", include_str!("reload.js"))
}

/// Which open pages to reload.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Every open page.
    All,
    /// The pages with these site paths (`a/b.html`), and pages that did not
    /// say which page they are.
    Pages(&'a HashSet<String>),
}

struct Client {
    /// The site path of the page, when it said.
    page: Option<String>,
    out: Box<dyn Write + Send>,
}

struct Inner {
    clients: Vec<Client>,
    /// The current errors as text, sent to every page that connects.
    problems: Option<String>,
}

/// The open event streams.
pub struct Hub {
    id: String,
    inner: Mutex<Inner>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// A hub with no clients, identified by the process and the time it started.
    pub fn new() -> Hub {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Hub {
            id: format!("{}-{nanos}", std::process::id()),
            inner: Mutex::new(Inner {
                clients: Vec::new(),
                problems: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock must not take live reload down with it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts an event stream on a connection whose request was for the
    /// events endpoint: writes the response head and the greeting, then
    /// keeps the connection to send events to.
    pub fn attach(&self, page: Option<String>, mut out: Box<dyn Write + Send>) {
        let mut inner = self.lock();
        let mut greeting = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
             Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\nConnection: keep-alive\r\n\r\n\
             retry: 1000\n\n",
        );
        greeting.push_str(&event("hello", &self.id));
        if let Some(text) = &inner.problems {
            greeting.push_str(&event("problems", text));
        }
        if out
            .write_all(greeting.as_bytes())
            .and_then(|()| out.flush())
            .is_ok()
        {
            inner.clients.push(Client { page, out });
        }
    }

    /// Tells the open pages in `target` to reload.
    pub fn reload(&self, target: Target) {
        if matches!(target, Target::Pages(set) if set.is_empty()) {
            return;
        }
        let message = event("reload", "");
        self.send(&message, |page| match (target, page) {
            (Target::All, _) | (Target::Pages(_), None) => true,
            (Target::Pages(set), Some(p)) => set.contains(p),
        });
    }

    /// Sets the current errors (`None` when there are none) and tells every
    /// open page when that changes.
    pub fn set_problems(&self, text: Option<String>) {
        let message = {
            let mut inner = self.lock();
            if inner.problems == text {
                return;
            }
            inner.problems = text.clone();
            match &text {
                Some(t) => event("problems", t),
                None => event("ok", ""),
            }
        };
        self.send(&message, |_| true);
    }

    /// Sends a comment to every stream, so that closed connections are
    /// noticed and dropped.
    pub fn heartbeat(&self) {
        self.send(": ping\n\n", |_| true);
    }

    /// Whether an open page is one of these.
    pub fn viewing(&self, pages: &HashSet<String>) -> bool {
        self.lock()
            .clients
            .iter()
            .any(|c| c.page.as_ref().is_some_and(|p| pages.contains(p)))
    }

    /// The site paths of the open pages that said which page they are.
    pub fn pages(&self) -> HashSet<String> {
        self.lock()
            .clients
            .iter()
            .filter_map(|c| c.page.clone())
            .collect()
    }

    /// Number of open streams.
    pub fn clients(&self) -> usize {
        self.lock().clients.len()
    }

    fn send(&self, message: &str, to: impl Fn(Option<&str>) -> bool) {
        let mut inner = self.lock();
        inner.clients.retain_mut(|c| {
            if !to(c.page.as_deref()) {
                return true;
            }
            c.out
                .write_all(message.as_bytes())
                .and_then(|()| c.out.flush())
                .is_ok()
        });
    }
}

/// One server-sent event; every line of `data` gets its own `data:` field,
/// so no text can end the event early or inject another one.
pub fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.trim_end_matches('\r'));
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    /// A writer whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Sink(Arc<StdMutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn events_split_lines_so_text_cannot_inject_events() {
        assert_eq!(event("reload", ""), "event: reload\ndata: \n\n");
        assert_eq!(
            event("problems", "a\r\n\nevent: reload"),
            "event: problems\ndata: a\ndata: \ndata: event: reload\n\n"
        );
    }

    #[test]
    fn reloads_only_the_pages_that_changed() {
        let hub = Hub::new();
        let (a, b, any) = (Sink::default(), Sink::default(), Sink::default());
        hub.attach(Some("a.html".into()), Box::new(a.clone()));
        hub.attach(Some("b.html".into()), Box::new(b.clone()));
        hub.attach(None, Box::new(any.clone()));
        let changed: HashSet<String> = ["a.html".to_string()].into();
        hub.reload(Target::Pages(&changed));
        assert!(a.text().contains("event: reload"));
        assert!(!b.text().contains("event: reload"));
        assert!(any.text().contains("event: reload"));
        assert!(a.text().starts_with("HTTP/1.1 200 OK\r\n"));
    }

    #[test]
    fn problems_are_sent_once_and_to_new_pages() {
        let hub = Hub::new();
        let a = Sink::default();
        hub.attach(None, Box::new(a.clone()));
        hub.set_problems(Some("error: x.md:3: bad".into()));
        hub.set_problems(Some("error: x.md:3: bad".into()));
        assert_eq!(a.text().matches("event: problems").count(), 1);
        let late = Sink::default();
        hub.attach(None, Box::new(late.clone()));
        assert!(late.text().contains("data: error: x.md:3: bad"));
        hub.set_problems(None);
        assert!(a.text().contains("event: ok"));
        assert_eq!(hub.clients(), 2);
    }
}
