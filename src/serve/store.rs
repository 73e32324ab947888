//! The site being served, held in memory: the build's output files by their
//! path in the site, and the mapping of request paths onto them.
//!
//! Only paths in this map are ever served. A request path is decoded and
//! checked (no `.`/`..` segments, backslashes or NUL), but safety does not
//! rest on that check: whatever it produces is only a key to look up, never
//! a path to open, so nothing outside the built site can be reached.
//!
//! The files that gather every page (print view, answers, search index) are
//! costly on a large course and seldom asked for, so after an edit they are
//! only marked stale; a request for one has them refreshed first.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use percent_encoding::percent_decode_str;

use crate::output::{Content, OutFile};

/// The content of one served file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Bytes made by the build.
    Bytes(Arc<Vec<u8>>),
    /// A course file served as it is, read when requested (as `build` copies it).
    File(PathBuf),
}

impl From<Content> for Body {
    fn from(c: Content) -> Body {
        match c {
            Content::Bytes(b) => Body::Bytes(Arc::new(b)),
            Content::Copy(p) => Body::File(p),
        }
    }
}

/// How long a request waits for stale files to be refreshed.
const FRESH_WAIT: Duration = Duration::from_secs(60);

/// Asks the rebuild thread to refresh the stale files.
pub type Waker = Box<dyn Fn() + Send + Sync>;

/// The served files, shared between the rebuild thread and the HTTP workers.
#[derive(Default)]
pub struct Store {
    files: RwLock<HashMap<String, Body>>,
    /// Paths refreshed only when asked for.
    lazy: RwLock<HashSet<String>>,
    /// Whether the lazy paths lag behind the pages.
    stale: Mutex<bool>,
    fresh: Condvar,
    waker: Mutex<Option<Waker>>,
    /// What course files may be served (see [`crate::boundary`]).
    boundary: std::sync::OnceLock<crate::boundary::Boundary>,
}

impl Store {
    /// An empty site.
    pub fn new() -> Store {
        Store::default()
    }

    /// Sets the course boundary that every copied file is checked against
    /// again when it is served (it may have become a link since the build).
    pub fn set_boundary(&self, boundary: crate::boundary::Boundary) {
        let _ = self.boundary.set(boundary);
    }

    /// Whether a course file may be served now.
    pub fn may_serve(&self, path: &std::path::Path) -> bool {
        match self.boundary.get() {
            Some(b) => b.check(path).is_ok_and(|real| real.is_file()),
            None => true,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Body>> {
        self.files.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Body>> {
        self.files.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The file at this site path.
    pub fn get(&self, path: &str) -> Option<Body> {
        self.read().get(path).cloned()
    }

    /// The file at this site path, refreshed first if it is stale (waiting
    /// a bounded time; then the stale version is served).
    pub fn get_fresh(&self, path: &str) -> Option<Body> {
        if self.is_lazy(path) {
            let stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
            if *stale {
                if let Some(wake) = &*self.waker.lock().unwrap_or_else(|e| e.into_inner()) {
                    wake();
                    let _ = self.fresh.wait_timeout_while(stale, FRESH_WAIT, |s| *s);
                }
            }
        }
        self.get(path)
    }

    /// Sets the paths that are refreshed only when asked for.
    pub fn set_lazy(&self, paths: HashSet<String>) {
        *self.lazy.write().unwrap_or_else(|e| e.into_inner()) = paths;
    }

    /// Whether this path is one of the files refreshed only when asked for.
    pub fn is_lazy(&self, path: &str) -> bool {
        self.lazy
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
    }

    /// Sets how to ask for a refresh; without it nothing is ever stale.
    pub fn set_waker(&self, waker: Waker) {
        *self.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(waker);
    }

    /// Marks the lazy paths stale or fresh; fresh wakes waiting requests.
    pub fn set_stale(&self, stale: bool) {
        *self.stale.lock().unwrap_or_else(|e| e.into_inner()) = stale;
        if !stale {
            self.fresh.notify_all();
        }
    }

    /// Whether the lazy paths lag behind the pages.
    pub fn is_stale(&self) -> bool {
        *self.stale.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the site has a file at this path.
    pub fn contains(&self, path: &str) -> bool {
        self.read().contains_key(path)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether the site has no files.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Replaces the whole site with `files`, except that a path in `keep`
    /// keeps its current content where it has one (the last good version of
    /// a page that now has errors).
    pub fn replace_all(&self, files: Vec<OutFile>, keep: &HashSet<String>) {
        self.replace_owned(files, keep, &|_| true);
    }

    /// Replaces the files whose paths `owned` says are one edition's (one
    /// language of several) with `files`, keeping every other file; a path
    /// in `keep` keeps its current content where it has one.
    pub fn replace_owned(
        &self,
        files: Vec<OutFile>,
        keep: &HashSet<String>,
        owned: &dyn Fn(&str) -> bool,
    ) {
        let mut new: HashMap<String, Body> = HashMap::with_capacity(files.len());
        {
            let old = self.read();
            for (path, body) in old.iter().filter(|(p, _)| !owned(p)) {
                new.insert(path.clone(), body.clone());
            }
            for f in files {
                let body = match old.get(&f.path) {
                    Some(b) if keep.contains(&f.path) => b.clone(),
                    _ => f.content.into(),
                };
                new.insert(f.path, body);
            }
        }
        *self.write() = new;
    }

    /// Adds or replaces `files`, except paths in `keep` that already have
    /// content. Returns the paths whose content changed.
    pub fn update(&self, files: Vec<OutFile>, keep: &HashSet<String>) -> HashSet<String> {
        let mut changed = HashSet::new();
        let mut map = self.write();
        for f in files {
            if keep.contains(&f.path) && map.contains_key(&f.path) {
                continue;
            }
            let body: Body = f.content.into();
            if map.get(&f.path) != Some(&body) {
                changed.insert(f.path.clone());
                map.insert(f.path, body);
            }
        }
        changed
    }
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The file at this site path.
    File(String),
    /// A folder asked for without its trailing slash: redirect there, so
    /// that the page's relative links work.
    Redirect(String),
    /// Nothing.
    NotFound,
}

/// Decodes the path of a request URL (`/a/b.html?x`) into a site path
/// (`a/b.html`): `None` for anything that is not a plain path inside the
/// site. A folder (`/a/`) becomes its `index.html`.
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "." | ".." => return None,
            "" => {}
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if key.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// Resolves a request URL against the site.
pub fn resolve(store: &Store, url: &str) -> Resolved {
    let Some(key) = site_path(url) else {
        return Resolved::NotFound;
    };
    if store.contains(&key) {
        return Resolved::File(key);
    }
    let index = format!("{key}/index.html");
    if store.contains(&index) {
        return Resolved::Redirect(format!("/{key}/"));
    }
    let html = format!("{key}.html");
    if store.contains(&html) {
        return Resolved::File(html);
    }
    Resolved::NotFound
}

/// The content type of a site path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" | "rs" | "py" | "toml" | "sh" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(paths: &[&str]) -> Store {
        let s = Store::new();
        let files = paths
            .iter()
            .map(|p| OutFile::bytes(*p, p.as_bytes()))
            .collect();
        s.replace_all(files, &HashSet::new());
        s
    }

    #[test]
    fn request_paths_map_onto_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/a/").as_deref(), Some("a/index.html"));
        assert_eq!(site_path("/a/b.html?x=1#y").as_deref(), Some("a/b.html"));
        assert_eq!(
            site_path("/a%20b/c%C3%A4.html").as_deref(),
            Some("a b/cä.html")
        );
        assert_eq!(site_path("/a//b.html").as_deref(), Some("a/b.html"));
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/..%2f..%2fetc",
            "/a/%5c..%5cx",
            "/./index.html",
            "/a%00.html",
            "//etc/passwd/..",
            "relative.html",
            "/%ff.html",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        // An absolute path is only ever a key into the site.
        let s = store(&["index.html"]);
        assert_eq!(resolve(&s, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&s, "/etc/passwd"), Resolved::NotFound);
    }

    #[test]
    fn folders_redirect_and_extensions_are_optional() {
        let s = store(&["index.html", "a/index.html", "a/b.html", "img/x.png"]);
        assert_eq!(resolve(&s, "/"), Resolved::File("index.html".into()));
        assert_eq!(resolve(&s, "/a"), Resolved::Redirect("/a/".into()));
        assert_eq!(resolve(&s, "/a/"), Resolved::File("a/index.html".into()));
        assert_eq!(resolve(&s, "/a/b"), Resolved::File("a/b.html".into()));
        assert_eq!(
            resolve(&s, "/img/x.png"),
            Resolved::File("img/x.png".into())
        );
        assert_eq!(resolve(&s, "/nope.html"), Resolved::NotFound);
    }

    #[test]
    fn kept_paths_keep_their_last_good_content() {
        let s = store(&["a.html", "b.html"]);
        let keep: HashSet<String> = ["a.html".to_string()].into();
        let changed = s.update(
            vec![
                OutFile::bytes("a.html", "new"),
                OutFile::bytes("b.html", "new"),
            ],
            &keep,
        );
        assert_eq!(changed, ["b.html".to_string()].into());
        assert_eq!(
            s.get("a.html"),
            Some(Body::Bytes(Arc::new(b"a.html".to_vec())))
        );
        s.replace_all(
            vec![OutFile::bytes("a.html", "x"), OutFile::bytes("c.html", "c")],
            &keep,
        );
        assert_eq!(
            s.get("a.html"),
            Some(Body::Bytes(Arc::new(b"a.html".to_vec())))
        );
        assert!(!s.contains("b.html"));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn one_language_is_replaced_and_the_others_kept() {
        let s = store(&["index.html", "old.html", "en/index.html", "en/old.html"]);
        s.replace_owned(
            vec![OutFile::bytes("en/index.html", "new")],
            &HashSet::new(),
            &|p| p.starts_with("en/"),
        );
        let mut paths: Vec<String> = s.read().keys().cloned().collect();
        paths.sort();
        assert_eq!(paths, ["en/index.html", "index.html", "old.html"]);
        assert_eq!(
            s.get("en/index.html"),
            Some(Body::Bytes(Arc::new(b"new".to_vec())))
        );
    }

    #[test]
    fn a_stale_lazy_file_is_refreshed_before_it_is_served() {
        let s = Arc::new(store(&["print.html"]));
        s.set_lazy(["print.html".to_string()].into());
        let refresher = s.clone();
        s.set_waker(Box::new(move || {
            let s = refresher.clone();
            std::thread::spawn(move || {
                s.update(vec![OutFile::bytes("print.html", "fresh")], &HashSet::new());
                s.set_stale(false);
            });
        }));
        s.set_stale(true);
        assert_eq!(
            s.get_fresh("print.html"),
            Some(Body::Bytes(Arc::new(b"fresh".to_vec())))
        );
        assert!(!s.is_stale());
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("theme/style.CSS"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("search-index.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
