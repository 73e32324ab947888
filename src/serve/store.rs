//! The site being served, held in memory, and the mapping of request paths
//! onto it.
//!
//! Only the course's model is kept whole (see [`super::session`]): a page is
//! rendered through its template when it is asked for, and its bytes are
//! kept in a small cache ([`CACHE_BYTES`]) until an edit makes them old.
//! What is kept whole here are the small files (the theme's static files,
//! the course's assets as paths to read when asked for), the last good
//! version of each page that now has errors (pinned), and a hash of the last
//! bytes of every generated file, so that after an edit only the pages
//! whose bytes changed are reloaded.
//!
//! Only paths known here are ever served. A request path is decoded and
//! checked (no `.`/`..` segments, backslashes or NUL), but safety does not
//! rest on that check: whatever it produces is only a key to look up, never
//! a path to open, so nothing outside the built site can be reached.
//!
//! The files that gather every page (print view, answers, search index) are
//! costly on a large course and seldom asked for: they are rendered when one
//! is asked for, and dropped when an edit makes them stale.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
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

/// How long a request waits for a gathered file to be rendered.
const FRESH_WAIT: Duration = Duration::from_secs(60);

/// Rendered pages kept, at most, in bytes (a page of the bundled course is
/// 20 to 40 KB).
pub const CACHE_BYTES: usize = 32 << 20;

/// Asks the rebuild thread to render the gathered files asked for.
pub type Waker = Box<dyn Fn() + Send + Sync>;

/// The course's pages, rendered when asked for.
pub trait Pages: Send + Sync {
    /// Whether the site has a page at this path.
    fn has(&self, path: &str) -> bool;
    /// The page at this path through its template: `None` when there is
    /// none, the error when its template fails.
    fn render(&self, path: &str) -> Option<Result<Vec<u8>, String>>;
}

/// Rendered pages kept between requests, and the last bytes' hashes.
#[derive(Default)]
struct Cache {
    pages: HashMap<String, (Arc<Vec<u8>>, u64)>,
    /// Bytes held in `pages`.
    bytes: usize,
    /// Counts uses, for dropping the least recently used page.
    tick: u64,
    /// Changes with every invalidation: a page rendered before one is not kept.
    generation: u64,
    /// The hash of the last bytes of each generated file (pages and
    /// gathered files), also of those no longer held.
    hashes: HashMap<String, u64>,
}

impl Cache {
    fn insert(&mut self, path: &str, bytes: Arc<Vec<u8>>) {
        self.tick += 1;
        self.bytes += bytes.len();
        if let Some((old, _)) = self.pages.insert(path.to_owned(), (bytes, self.tick)) {
            self.bytes -= old.len();
        }
        while self.bytes > CACHE_BYTES && self.pages.len() > 1 {
            let oldest = self
                .pages
                .iter()
                .min_by_key(|(_, (_, t))| *t)
                .map(|(p, _)| p.clone());
            let Some(oldest) = oldest else { break };
            if let Some((old, _)) = self.pages.remove(&oldest) {
                self.bytes -= old.len();
            }
        }
    }

    /// Records the hash of `bytes` as the last of `path`; true when it differs.
    fn record(&mut self, path: &str, bytes: &[u8]) -> bool {
        let hash = hash_of(bytes);
        self.hashes.insert(path.to_owned(), hash) != Some(hash)
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The served files, shared between the rebuild thread and the HTTP workers.
#[derive(Default)]
pub struct Store {
    /// Files held whole: static files, assets, gathered files once rendered.
    files: RwLock<HashMap<String, Body>>,
    /// The pages, rendered on request.
    pages: RwLock<Option<Arc<dyn Pages>>>,
    cache: Mutex<Cache>,
    /// The last good version of pages with errors, served instead of them.
    pinned: RwLock<HashMap<String, Arc<Vec<u8>>>>,
    /// Paths of the gathered files, rendered only when asked for.
    lazy: RwLock<HashSet<String>>,
    /// Gathered files asked for and not rendered yet.
    wanted: Mutex<HashSet<String>>,
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

    /// Sets where pages are rendered from.
    pub fn set_pages(&self, pages: Arc<dyn Pages>) {
        *self.pages.write().unwrap_or_else(|e| e.into_inner()) = Some(pages);
    }

    fn page_source(&self) -> Option<Arc<dyn Pages>> {
        self.pages.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Body>> {
        self.files.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Body>> {
        self.files.write().unwrap_or_else(|e| e.into_inner())
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn pins(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.pinned.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The file at this site path: a page is rendered if it is not in the
    /// cache; one whose template fails is a page that says so.
    pub fn get(&self, path: &str) -> Option<Body> {
        if let Some(bytes) = self.pins().get(path) {
            return Some(Body::Bytes(bytes.clone()));
        }
        if let Some(body) = self.read().get(path) {
            return Some(body.clone());
        }
        let source = self.page_source()?;
        if !source.has(path) {
            return None;
        }
        let generation = {
            let mut cache = self.cache();
            cache.tick += 1;
            let tick = cache.tick;
            if let Some((bytes, used)) = cache.pages.get_mut(path) {
                *used = tick;
                return Some(Body::Bytes(bytes.clone()));
            }
            cache.generation
        };
        let bytes = match source.render(path)? {
            Ok(bytes) => Arc::new(bytes),
            Err(message) => return Some(Body::Bytes(Arc::new(failed_page(&message)))),
        };
        let mut cache = self.cache();
        cache.record(path, &bytes);
        // Rendered from a model an edit has changed since: not kept.
        if cache.generation == generation {
            cache.insert(path, bytes.clone());
        }
        Some(Body::Bytes(bytes))
    }

    /// A page's bytes if they are at hand (pinned or in the cache), without rendering.
    pub fn cached(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.pins().get(path) {
            return Some(bytes.clone());
        }
        self.cache().pages.get(path).map(|(b, _)| b.clone())
    }

    /// The file at this site path; a gathered file that is not rendered is
    /// asked for first (waiting a bounded time).
    pub fn get_fresh(&self, path: &str) -> Option<Body> {
        if self.is_lazy(path) && !self.read().contains_key(path) {
            let mut wanted = self.wanted.lock().unwrap_or_else(|e| e.into_inner());
            let woken = match &*self.waker.lock().unwrap_or_else(|e| e.into_inner()) {
                Some(wake) => {
                    wanted.insert(path.to_owned());
                    wake();
                    true
                }
                None => false,
            };
            // Without the waker's lock: another request may wake it meanwhile.
            if woken {
                let _ = self
                    .fresh
                    .wait_timeout_while(wanted, FRESH_WAIT, |w| w.contains(path));
            }
        }
        let body = self.get(path)?;
        // A gathered file larger than the page cache (the print view of a
        // large course: 108 MB at 10,000 pages) is not held once served:
        // it is rarely asked for, and rendered again when it is.
        if let Body::Bytes(bytes) = &body {
            if bytes.len() > CACHE_BYTES && self.is_lazy(path) {
                let mut files = self.write();
                if matches!(files.get(path), Some(Body::Bytes(held)) if Arc::ptr_eq(held, bytes)) {
                    files.remove(path);
                }
            }
        }
        Some(body)
    }

    /// The gathered files asked for and not rendered yet.
    pub fn wanted(&self) -> HashSet<String> {
        self.wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Says that these gathered files were rendered (or cannot be), and
    /// wakes the requests waiting for them.
    pub fn done(&self, paths: &HashSet<String>) {
        self.wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p| !paths.contains(p));
        self.fresh.notify_all();
    }

    /// Sets the paths of the gathered files, rendered only when asked for.
    pub fn set_lazy(&self, paths: HashSet<String>) {
        *self.lazy.write().unwrap_or_else(|e| e.into_inner()) = paths;
    }

    /// Whether this path is one of the gathered files.
    pub fn is_lazy(&self, path: &str) -> bool {
        self.lazy
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
    }

    /// Drops the gathered files that `stale` says lag behind the pages;
    /// they are rendered again when asked for.
    pub fn drop_stale(&self, stale: &dyn Fn(&str) -> bool) {
        let lazy = self.lazy.read().unwrap_or_else(|e| e.into_inner());
        self.write().retain(|p, _| !(lazy.contains(p) && stale(p)));
    }

    /// Sets how to ask for gathered files; without it they are never
    /// rendered on request.
    pub fn set_waker(&self, waker: Waker) {
        *self.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(waker);
    }

    /// Whether the site has a file at this path (a gathered file that
    /// the course turns out not to have is missing only once asked for).
    pub fn contains(&self, path: &str) -> bool {
        self.read().contains_key(path)
            || self.pins().contains_key(path)
            || self.is_lazy(path)
            || self.page_source().is_some_and(|s| s.has(path))
    }

    /// Whether a file is held whole at this path (a gathered file once rendered).
    pub fn holds(&self, path: &str) -> bool {
        self.read().contains_key(path)
    }

    /// Number of files held whole.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether no file is held whole.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Replaces the files held whole with `files`, except that a path in
    /// `keep` keeps its current content where it has one (the last good
    /// version of a page that now has errors).
    pub fn replace_all(&self, files: Vec<OutFile>, keep: &HashSet<String>) {
        let mut new: HashMap<String, Body> = HashMap::with_capacity(files.len());
        {
            let old = self.read();
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

    /// Adds or replaces `files` held whole, except paths in `keep` that
    /// already have content. Returns the paths whose content changed
    /// (a gathered file dropped as stale is compared with its last bytes).
    pub fn update(&self, files: Vec<OutFile>, keep: &HashSet<String>) -> HashSet<String> {
        let mut changed = HashSet::new();
        let mut map = self.write();
        let mut cache = self.cache();
        for f in files {
            if keep.contains(&f.path) && map.contains_key(&f.path) {
                continue;
            }
            let body: Body = f.content.into();
            let differs = match &body {
                Body::Bytes(b) => cache.record(&f.path, b),
                Body::File(_) => true,
            };
            if map.get(&f.path) != Some(&body) {
                if differs {
                    changed.insert(f.path.clone());
                }
                map.insert(f.path, body);
            }
        }
        changed
    }

    /// Puts freshly rendered pages into the cache (not over a pinned
    /// version); returns the paths whose bytes differ from the last ones.
    pub fn put_pages(&self, files: Vec<OutFile>) -> HashSet<String> {
        let pins = self.pins();
        let mut cache = self.cache();
        let mut changed = HashSet::new();
        for f in files {
            let Content::Bytes(bytes) = f.content else {
                continue;
            };
            if pins.contains_key(&f.path) {
                continue;
            }
            if cache.record(&f.path, &bytes) {
                changed.insert(f.path.clone());
            }
            cache.insert(&f.path, Arc::new(bytes));
        }
        changed
    }

    /// Forgets the rendered pages whose paths `old` says an edit changed.
    pub fn invalidate(&self, old: &dyn Fn(&str) -> bool) {
        let mut cache = self.cache();
        cache.generation += 1;
        let mut freed = 0;
        cache.pages.retain(|p, (b, _)| {
            let drop = old(p);
            if drop {
                freed += b.len();
            }
            !drop
        });
        cache.bytes -= freed;
    }

    /// Serves `bytes` for this page until it is unpinned: its last good version.
    pub fn pin(&self, path: &str, bytes: Arc<Vec<u8>>) {
        self.pinned
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_owned(), bytes);
    }

    /// Whether this page's last good version is served instead of it.
    pub fn is_pinned(&self, path: &str) -> bool {
        self.pins().contains_key(path)
    }

    /// Unpins the pages `unpin` says; returns their paths.
    pub fn unpin(&self, unpin: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut pins = self.pinned.write().unwrap_or_else(|e| e.into_inner());
        let gone: Vec<String> = pins.keys().filter(|p| unpin(p)).cloned().collect();
        for p in &gone {
            pins.remove(p);
        }
        gone
    }
}

/// The page served where a page's template fails: the error, and the
/// live-reload script, so the page comes back once it is fixed.
fn failed_page(message: &str) -> Vec<u8> {
    let mut escaped = String::new();
    crate::render::theme::push_escaped(&mut escaped, message);
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Error</title></head><body><pre>{escaped}</pre>{}</body></html>",
        super::reload::script()
    )
    .into_bytes()
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

    /// Pages that count their renders.
    struct Counted(std::sync::atomic::AtomicUsize);

    impl Pages for Counted {
        fn has(&self, path: &str) -> bool {
            path.ends_with(".html")
        }
        fn render(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
            if path == "bad.html" {
                return Some(Err("unknown variable `x`".into()));
            }
            let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Some(Ok(format!("{path} {n}").into_bytes()))
        }
    }

    fn bytes(body: Option<Body>) -> String {
        match body {
            Some(Body::Bytes(b)) => String::from_utf8(b.to_vec()).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn pages_are_rendered_when_asked_for_and_kept_until_an_edit() {
        let s = Store::new();
        s.set_pages(Arc::new(Counted(Default::default())));
        assert!(s.contains("a.html") && !s.contains("a.png"));
        assert_eq!(bytes(s.get("a.html")), "a.html 0");
        assert_eq!(bytes(s.get("a.html")), "a.html 0", "from the cache");
        s.invalidate(&|p| p == "a.html");
        assert_eq!(bytes(s.get("a.html")), "a.html 1");
        // Put anew: only pages whose bytes differ from the last served count.
        let changed = s.put_pages(vec![
            OutFile::bytes("a.html", "a.html 1"),
            OutFile::bytes("b.html", "new"),
        ]);
        assert_eq!(changed, ["b.html".to_string()].into());
        // A pinned page is served as it was.
        s.pin("b.html", Arc::new(b"last good".to_vec()));
        assert!(s
            .put_pages(vec![OutFile::bytes("b.html", "broken")])
            .is_empty());
        assert_eq!(bytes(s.get("b.html")), "last good");
        assert_eq!(s.unpin(&|_| true), ["b.html".to_string()]);
        assert_eq!(bytes(s.get("b.html")), "new");
        // A template error is a page that says so.
        assert!(bytes(s.get("bad.html")).contains("unknown variable `x`"));
    }

    #[test]
    fn the_cache_is_bounded() {
        let s = Store::new();
        let big = vec![b'x'; CACHE_BYTES / 4];
        for n in 0..8 {
            s.put_pages(vec![OutFile::bytes(format!("{n}.html"), big.clone())]);
        }
        let cache = s.cache();
        assert!(cache.bytes <= CACHE_BYTES);
        assert_eq!(cache.pages.len(), 4);
        assert!(cache.pages.contains_key("7.html") && !cache.pages.contains_key("0.html"));
    }

    #[test]
    fn a_gathered_file_is_rendered_before_it_is_served() {
        let s = Arc::new(Store::new());
        s.set_lazy(["print.html".to_string()].into());
        assert!(s.contains("print.html"));
        let renderer = s.clone();
        s.set_waker(Box::new(move || {
            let s = renderer.clone();
            std::thread::spawn(move || {
                let wanted = s.wanted();
                s.update(vec![OutFile::bytes("print.html", "fresh")], &HashSet::new());
                s.done(&wanted);
            });
        }));
        assert_eq!(
            s.get_fresh("print.html"),
            Some(Body::Bytes(Arc::new(b"fresh".to_vec())))
        );
        assert!(s.wanted().is_empty());
        // Stale: dropped, and rendered again when asked for.
        s.drop_stale(&|_| true);
        assert!(!s.holds("print.html"));
        assert!(s.get_fresh("print.html").is_some());
    }

    #[test]
    fn a_gathered_file_larger_than_the_cache_is_not_held_once_served() {
        let s = Store::new();
        s.set_lazy(["print.html".to_string(), "search-index.js".to_string()].into());
        let big = vec![b'x'; CACHE_BYTES + 1];
        s.update(
            vec![
                OutFile::bytes("print.html", big.clone()),
                OutFile::bytes("search-index.js", "small"),
            ],
            &HashSet::new(),
        );
        assert_eq!(s.get_fresh("print.html"), Some(Body::Bytes(Arc::new(big))));
        assert!(!s.holds("print.html"), "the large one is dropped");
        assert!(s.contains("print.html"), "and still served when asked for");
        assert!(s.get_fresh("search-index.js").is_some());
        assert!(s.holds("search-index.js"), "a small one is kept");
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
