//! `kurssi serve` end to end: the binary serves a small course on a free
//! port; the tests fetch pages over plain TCP (so that paths reach the
//! server exactly as written), listen to the live-reload events, edit and
//! break files, and try to get out of the site. Every wait is bounded and
//! the server is always killed, also when a test fails.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

const FILES: &[(&str, &str)] = &[
    (
        "book.toml",
        "[book]\ntitle = \"Serve test\"\nlanguage = \"en\"\nsrc = \"content\"\n\n[course]\ntheme = \"t\"\n",
    ),
    ("themes/t/static/extra.css", "body { color: black; }\n"),
    (
        "content/README.md",
        "# Welcome\n\nStart with [the module](01-m/README.md).\n",
    ),
    ("content/01-m/README.md", "# The module\n\nAn overview.\n"),
    ("content/01-m/a.md", "# Page A\n\nFirst version of A.\n"),
    (
        "content/01-m/b.md",
        "# Page B\n\nSee [A](a.md#page-a).\n\n![pic](../images/x.svg)\n",
    ),
    (
        "content/images/x.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    ),
];

/// A course in a temporary folder with `kurssi serve` running on it.
struct Served {
    dir: tempfile::TempDir,
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

/// Copies the folder `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Served {
    fn start() -> Served {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in FILES {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        Served::serve(dir)
    }

    /// The course of `tests/fixtures/<name>`, served.
    fn fixture(name: &str) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_tree(&from, dir.path());
        Served::serve(dir)
    }

    fn serve(dir: tempfile::TempDir) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kurssi"))
            .args(["serve", "-p", "0"])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut served = Served {
            dir,
            child,
            port: 0,
            stderr,
        };
        let line = rx
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no URL printed; stderr:\n{}", served.stderr()));
        let url = line
            .split("http://127.0.0.1:")
            .nth(1)
            .expect("the URL line");
        served.port = url.split('/').next().unwrap().parse().unwrap();
        served
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    fn events(&self, page: &str) -> Events {
        Events::open(self.port, page)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One request over a fresh connection, the path sent exactly as given.
fn request(port: u16, method: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// The live-reload event stream of one page.
struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    fn open(port: u16, page: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__kurssi/events?path={page} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            buf: String::new(),
        };
        events.wait_for("hello").expect("the greeting");
        events
    }

    /// Waits for the next event called `name`; its data.
    fn wait_for(&mut self, name: &str) -> Option<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let event: String = self.buf.drain(..end + 2).collect();
                if event.lines().any(|l| l == format!("event: {name}")) {
                    let data: Vec<&str> = event
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect();
                    return Some(data.join("\n"));
                }
                continue;
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return None,
                Ok(n) => self
                    .buf
                    .push_str(&String::from_utf8_lossy(&chunk[..n]).replace("\r\n", "\n")),
            }
        }
    }

    /// The number of `name` events that arrive within `wait`.
    fn count(&mut self, name: &str, wait: Duration) -> usize {
        let deadline = Instant::now() + wait;
        let mut n = 0;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let event: String = self.buf.drain(..end + 2).collect();
                n += usize::from(event.lines().any(|l| l == format!("event: {name}")));
                continue;
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return n;
            };
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return n,
                Err(_) => continue,
                Ok(k) => self
                    .buf
                    .push_str(&String::from_utf8_lossy(&chunk[..k]).replace("\r\n", "\n")),
            }
        }
    }
}

/// Saves as many editors do: write a temporary file, rename it over the old.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

/// Fetches `path` until its body holds `text` (or the wait ends).
fn eventually(served: &Served, path: &str, text: &str) -> Response {
    let deadline = Instant::now() + WAIT;
    loop {
        let r = served.get(path);
        if r.body.contains(text) || Instant::now() > deadline {
            return r;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_pages_assets_and_a_404_with_content_types() {
    let s = Served::start();
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/__kurssi/events"),
        "reload script injected"
    );
    let page = s.get("/01-m/a.html");
    assert!(page.body.contains("First version of A."));
    assert_eq!(s.get("/01-m").status, 301);
    assert_eq!(s.get("/01-m").header("location").as_deref(), Some("/01-m/"));
    let svg = s.get("/images/x.svg");
    assert_eq!(
        (svg.status, svg.header("content-type").as_deref()),
        (200, Some("image/svg+xml"))
    );
    let css = s.get("/theme/style.css");
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let head = request(s.port, "HEAD", "/01-m/a.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), page.header("content-length"));
    let missing = s.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the course's 404 page");
    assert_eq!(request(s.port, "POST", "/").status, 405);
}

#[test]
fn build_output_has_no_reload_script() {
    let s = Served::start();
    let dest = s.path("out");
    let status = Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args(["build", "-q", "-d"])
        .arg(&dest)
        .arg(s.dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let html = fs::read_to_string(dest.join("01-m/a.html")).unwrap();
    assert!(!html.contains("__kurssi"));
}

#[test]
fn paths_out_of_the_site_are_refused() {
    let s = Served::start();
    fs::write(s.path("secret.txt"), "TOP SECRET").unwrap();
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/01-m/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/content/01-m/a.md",
        "/book.toml",
        "/01-m/%00a.html",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.body.contains("TOP SECRET") && !r.body.contains("root:"),
            "{path}"
        );
    }
}

/// An asset replaced by a symbolic link out of the course after the build
/// is never served (nor is the link's target read into a later rebuild).
#[cfg(unix)]
#[test]
fn a_link_out_of_the_course_is_never_served() {
    let s = Served::start();
    assert_eq!(s.get("/images/x.svg").status, 200);
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("key");
    fs::write(&secret, "TOP SECRET KEY").unwrap();
    let asset = s.path("content/images/x.svg");
    fs::remove_file(&asset).unwrap();
    std::os::unix::fs::symlink(&secret, &asset).unwrap();
    // Right away and after the rebuild that the change starts.
    for _ in 0..2 {
        let r = s.get("/images/x.svg");
        assert_eq!(r.status, 404, "{}", r.body);
        assert!(!r.body.contains("TOP SECRET"));
        std::thread::sleep(Duration::from_millis(1500));
    }
    let deadline = Instant::now() + WAIT;
    while !s.stderr().contains("outside the course") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        s.stderr().contains("content/images/x.svg"),
        "{}",
        s.stderr()
    );
}

#[test]
fn a_burst_of_requests_is_answered() {
    let s = Served::start();
    let port = s.port;
    let threads: Vec<_> = (0..64)
        .map(|i| {
            std::thread::spawn(move || {
                let path = ["/", "/01-m/a.html", "/theme/style.css", "/missing"][i % 4];
                request(port, "GET", path).status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(
        statuses.iter().all(|&st| st == 200 || st == 404),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|&&st| st == 404).count(), 16);
}

#[test]
fn an_edit_reloads_the_page_with_the_new_text() {
    let s = Served::start();
    let mut events = s.events("/01-m/a.html");
    save(
        &s.path("content/01-m/a.md"),
        "# Page A\n\nSecond version of A.\n",
    );
    events.wait_for("reload").expect("a reload event");
    assert!(s.get("/01-m/a.html").body.contains("Second version of A."));
    // The print view gathers every page; it is brought up to date when asked for.
    assert!(s.get("/print.html").body.contains("Second version of A."));
}

#[test]
fn a_new_title_refreshes_the_other_pages_navigation() {
    let s = Served::start();
    let mut events = s.events("/01-m/a.html");
    // A front matter title keeps the heading, which page B links to.
    save(
        &s.path("content/01-m/a.md"),
        "---\ntitle: Renamed page\n---\n# Page A\n\nText.\n",
    );
    events.wait_for("reload").expect("a reload event");
    assert!(eventually(&s, "/01-m/b.html", "Renamed page")
        .body
        .contains("Renamed page"));
    // The home page is not next to it: only its table of contents shows it.
    assert!(eventually(&s, "/", "Renamed page")
        .body
        .contains("Renamed page"));
}

#[test]
fn a_broken_file_is_reported_while_the_last_good_page_is_served() {
    let s = Served::start();
    let mut events = s.events("/01-m/a.html");
    let broken = "# Page A\n\nBroken version.\n\n```quiz\n## A question with no correct choice\n\n- [ ] one\n- [ ] two\n```\n";
    save(&s.path("content/01-m/a.md"), broken);
    let problems = events.wait_for("problems").expect("the errors");
    assert!(problems.contains("content/01-m/a.md:"), "{problems}");
    let page = s.get("/01-m/a.html");
    assert!(
        page.body.contains("First version of A."),
        "the last good page is served"
    );
    let deadline = Instant::now() + WAIT;
    while !s.stderr().contains("content/01-m/a.md:") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(s.stderr().contains("content/01-m/a.md:"), "{}", s.stderr());

    save(&s.path("content/01-m/a.md"), "# Page A\n\nFixed version.\n");
    events.wait_for("ok").expect("the errors cleared");
    assert!(eventually(&s, "/01-m/a.html", "Fixed version.")
        .body
        .contains("Fixed version."));
}

#[test]
fn a_bad_link_is_reported_and_fixing_it_clears_it() {
    let s = Served::start();
    let mut events = s.events("/01-m/b.html");
    save(
        &s.path("content/01-m/b.md"),
        "# Page B\n\nSee [A](a.md#nowhere).\n",
    );
    let problems = events.wait_for("problems").expect("the errors");
    assert!(problems.contains("content/01-m/b.md:3"), "{problems}");
    save(
        &s.path("content/01-m/b.md"),
        "# Page B\n\nSee [A](a.md#page-a).\n",
    );
    events.wait_for("ok").expect("the errors cleared");
}

#[test]
fn a_theme_stylesheet_edit_reloads_every_page() {
    let s = Served::start();
    assert!(s.get("/theme/extra.css").body.contains("black"));
    let mut events = s.events("/01-m/b.html");
    fs::write(
        s.path("themes/t/static/extra.css"),
        "body { color: navy; }\n",
    )
    .unwrap();
    events.wait_for("reload").expect("a reload event");
    assert!(s.get("/theme/extra.css").body.contains("navy"));
}

/// A template edit compiles the templates again and reloads only the open
/// pages whose bytes changed; a template that does not compile is
/// reported and the last good templates stay in use.
#[test]
fn a_template_edit_reloads_the_open_pages_it_changed() {
    let s = Served::start();
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let base = fs::read_to_string(default.join("base.html")).unwrap();
    let not_found = fs::read_to_string(default.join("404.html")).unwrap();
    assert!(s.get("/01-m/a.html").body.contains("First version of A."));
    let mut events = s.events("/01-m/a.html");
    fs::create_dir_all(s.path("themes/t/templates")).unwrap();
    // Only the 404 page shows this template: the open page stays.
    fs::write(
        s.path("themes/t/templates/404.html"),
        not_found.replace("{% endblock title %}", " (edited 404){% endblock title %}"),
    )
    .unwrap();
    assert!(eventually(&s, "/no/such.html", "(edited 404)")
        .body
        .contains("(edited 404)"));
    assert_eq!(events.count("reload", Duration::from_millis(500)), 0);
    // Every page shows this one.
    fs::write(
        s.path("themes/t/templates/base.html"),
        format!("{base}<!-- edited base -->\n"),
    )
    .unwrap();
    events
        .wait_for("reload")
        .expect("a reload of the open page");
    assert!(s.get("/01-m/a.html").body.contains("<!-- edited base -->"));
    // A template that does not compile: reported, the last good one used.
    fs::write(
        s.path("themes/t/templates/base.html"),
        format!("{base}{{% if %}}\n"),
    )
    .unwrap();
    let problems = events.wait_for("problems").expect("the error");
    assert!(problems.contains("base.html"), "{problems}");
    assert!(s.get("/01-m/b.html").body.contains("<!-- edited base -->"));
    fs::write(s.path("themes/t/templates/base.html"), &base).unwrap();
    events.wait_for("ok").expect("the error cleared");
    assert!(!eventually(&s, "/01-m/b.html", "Page B")
        .body
        .contains("<!-- edited base -->"));
}

#[test]
fn a_new_page_is_served_after_a_full_rebuild() {
    let s = Served::start();
    let mut events = s.events("/index.html");
    fs::write(s.path("content/01-m/c.md"), "# Page C\n\nNew.\n").unwrap();
    events.wait_for("reload").expect("a reload event");
    assert_eq!(eventually(&s, "/01-m/c.html", "New.").status, 200);
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args(["serve", "-p", &port])
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break Some(st);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{err}");
    assert!(
        err.contains(&format!("port {port}")) && err.contains("-p"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut s = Served::start();
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", s.stderr());
}

/// The two-language fixture (tests/fixtures/languages): Finnish at the
/// root, English under `/en/`.
#[test]
fn every_language_is_served() {
    let s = Served::fixture("languages");
    let fi = s.get("/01-perusteet/kulma.html");
    assert_eq!(fi.status, 200);
    assert!(fi.body.contains("<html lang=\"fi\""), "{}", fi.body);
    let en = s.get("/en/01-basics/angle.html");
    assert_eq!(en.status, 200, "{}", s.stderr());
    assert!(en.body.contains("<html lang=\"en\""), "{}", en.body);
    assert!(en.body.contains("The right angle"));
    assert!(
        en.body.contains("/__kurssi/events"),
        "reload script injected"
    );
    assert!(
        en.body.contains(
            r#"<a href="../../01-perusteet/kulma.html" hreflang="fi" lang="fi">Suomi</a>"#
        ),
        "the switcher leads to the Finnish page"
    );
    assert_eq!(s.get("/en").header("location").as_deref(), Some("/en/"));
    assert!(s.get("/en/").body.contains("Safe ladder use"));
    for path in [
        "/en/search-index.js",
        "/en/theme/style.css",
        "/en/print.html",
    ] {
        assert_eq!(s.get(path).status, 200, "{path}");
    }
    // Each language's search index holds its own pages only.
    let index = s.get("/en/search-index.js").body;
    assert!(index.contains("01-basics/angle.html") && !index.contains("kulma"));
    // A page missing under /en/ gets the English 404 page.
    let missing = s.get("/en/no/such.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"en\""),
        "{}",
        missing.body
    );
    assert!(s.get("/no/such.html").body.contains("<html lang=\"fi\""));
}

#[test]
fn an_edit_in_one_language_reloads_that_language_only() {
    let s = Served::fixture("languages");
    let finnish = s.get("/01-perusteet/kulma.html").body;
    let mut fi_events = s.events("/01-perusteet/kulma.html");
    let mut en_events = s.events("/en/01-basics/angle.html");
    save(
        &s.path("content-en/01-basics/angle.md"),
        "---\ntranslation-of: 01-perusteet/kulma.md\n---\n\n# The right angle\n\nEdited in English.\n\n```quiz {#kulma}\n## What is a good angle?\n\n- [x] About 75 degrees\n- [ ] About 45 degrees\n```\n",
    );
    en_events
        .wait_for("reload")
        .expect("a reload of the English page");
    assert!(s
        .get("/en/01-basics/angle.html")
        .body
        .contains("Edited in English."));
    assert_eq!(s.get("/01-perusteet/kulma.html").body, finnish);
    // An edit of the Finnish page is seen by a page opened after the
    // English edit; by then every reload of the English edit has been
    // sent, so the Finnish page's first stream holds only this one.
    save(
        &s.path("content/01-perusteet/kulma.md"),
        "# Oikea kulma\n\nMuokattu suomeksi.\n\n```quiz {#kulma}\n## Mikä on hyvä kulma?\n\n- [x] Noin 75 astetta\n- [ ] Noin 45 astetta\n```\n",
    );
    let mut late = s.events("/01-perusteet/kulma.html");
    late.wait_for("reload")
        .expect("a reload of the Finnish page");
    assert_eq!(fi_events.count("reload", Duration::from_millis(500)), 1);
    assert!(s
        .get("/01-perusteet/kulma.html")
        .body
        .contains("Muokattu suomeksi."));
    // The English page did not change with it.
    assert_eq!(en_events.count("reload", Duration::from_millis(200)), 0);
}

#[test]
fn a_page_no_longer_paired_changes_the_other_languages_switcher() {
    let s = Served::fixture("languages");
    let mut fi_events = s.events("/01-perusteet/kulma.html");
    save(
        &s.path("content-en/01-basics/angle.md"),
        "# The right angle\n\nNo longer paired.\n",
    );
    fi_events
        .wait_for("reload")
        .expect("a reload of the Finnish page");
    let fi = s.get("/01-perusteet/kulma.html").body;
    assert!(
        fi.contains(
            r#"<a href="../en/index.html" hreflang="en" lang="en">English</a> <span class="muted">"#
        ),
        "{fi}"
    );
}

#[test]
fn a_language_taken_out_of_book_toml_is_no_longer_served() {
    let s = Served::fixture("languages");
    assert_eq!(s.get("/en/01-basics/angle.html").status, 200);
    let mut events = s.events("/index.html");
    let toml = fs::read_to_string(s.path("book.toml")).unwrap();
    let (before, after) = toml.split_once("[language.en]").unwrap();
    let rest = after.split_once("[output.html]").unwrap().1;
    fs::write(s.path("book.toml"), format!("{before}[output.html]{rest}")).unwrap();
    events
        .wait_for("reload")
        .expect("a reload after book.toml changed");
    assert_eq!(s.get("/en/01-basics/angle.html").status, 404);
    assert_eq!(s.get("/en/").status, 404);
    let fi = s.get("/01-perusteet/kulma.html");
    assert_eq!(fi.status, 200);
    assert!(!fi.body.contains("hreflang=\"en\""), "no switcher left");
}
