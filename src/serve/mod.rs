//! `kurssi serve`: builds the course in memory, serves it over HTTP, watches
//! its files and, on every save, redoes what the change affects and reloads
//! the open pages.
//!
//! - [`http`]: the port and the worker threads answering requests;
//! - [`store`]: the served files in memory (a cache of rendered pages) and
//!   the mapping of request paths;
//! - [`reload`]: the injected script and the event streams of open pages;
//! - [`watch`]: file events, batched per save and judged;
//! - [`known`]: the course's files and the folders to watch;
//! - [`session`]: the course model kept between edits (its pages rendered
//!   through their templates when asked for) and what an edit redoes;
//! - [`depends`]: which pages show what of another page;
//! - [`verdict`]: printing the diagnostics and what may be published.
//!
//! Threads: the main thread waits for Ctrl-C; one thread owns the session
//! and the watcher and does all rebuilding, so rebuilds never overlap; the
//! HTTP workers read the store, render pages from the model (under a lock
//! that a rebuild takes only to change the model), and ask that thread
//! (through the watcher's channel) to render a gathered file (print view,
//! search index) before serving it.

pub mod depends;
pub mod http;
pub mod known;
pub mod reload;
pub mod session;
pub mod store;
pub mod verdict;
pub mod watch;

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{COURSE_ERRORS, SUCCESS, USAGE};
use crate::render::Edition;
use reload::Hub;
use session::Session;
use store::Store;
use watch::{Next, Watch};

/// How often open event streams get a keep-alive comment.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What `kurssi serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The course folder.
    pub root: PathBuf,
    /// Address to listen on.
    pub host: String,
    /// Port to listen on (0: any free port).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Print only errors (and the URL).
    pub quiet: bool,
    /// `--links`: whether broken links are errors, over book.toml's say.
    pub links_are_errors: Option<bool>,
    /// Serve the trainer's edition.
    pub trainer: bool,
}

/// Serves the course until Ctrl-C; returns the exit status.
pub fn run(opts: &Options) -> u8 {
    let root = match std::fs::canonicalize(&opts.root) {
        Ok(r) if r.is_dir() => r,
        _ => {
            eprintln!("error: {} is not a folder", opts.root.display());
            return COURSE_ERRORS;
        }
    };
    // Bind before building, so a busy port is reported at once.
    let listener = match http::bind(&opts.host, opts.port) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return USAGE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot listen: {e}");
            return USAGE;
        }
    };
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    // Ctrl-C, and also the termination signals a service manager sends.
    // Fails only if a handler is already set (kurssi run twice in one process).
    let ctrl_c = stop_tx.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = ctrl_c.send(());
    });

    let store = Arc::new(Store::new());
    store.set_boundary(crate::boundary::Boundary::new(&root));
    let hub = Arc::new(Hub::new());
    let mut edition = Edition::served(reload::script());
    if opts.trainer {
        edition = edition.for_audience(crate::render::Audience::Trainer);
    }
    let mut watch = match Watch::new() {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("warning: cannot watch files for changes ({e}); pages will not reload");
            None
        }
    };
    let mut session = Session::start(
        root,
        edition,
        opts.links_are_errors,
        opts.quiet,
        store.clone(),
        hub.clone(),
    );
    let title = session.title();
    if watch.is_none() {
        // Nothing would render the gathered files when they are asked for.
        session.render_all_extras();
    }
    if let Some(w) = watch.as_mut() {
        store.set_waker(Box::new(w.waker()));
        for warning in w.set_targets(session.watch_targets()) {
            eprintln!("warning: {warning}");
        }
    }
    if let Err(message) = http::start(listener, store, hub.clone()) {
        eprintln!("error: {message}");
        return COURSE_ERRORS;
    }
    let url = http::url_of(addr);
    // On stdout, so that scripts and tests can read where the site is.
    println!("Serving “{title}” at {url} (press Ctrl-C to stop)");
    if opts.open {
        open_browser(&url);
    }
    if let Some(watch) = watch {
        std::thread::Builder::new()
            .name("kurssi-rebuild".into())
            .spawn(move || rebuild_loop(session, watch))
            .expect("cannot start the rebuild thread");
    }
    let beat = hub.clone();
    std::thread::Builder::new()
        .name("kurssi-heartbeat".into())
        .spawn(move || loop {
            std::thread::sleep(HEARTBEAT);
            beat.heartbeat();
        })
        .expect("cannot start the heartbeat thread");
    let _ = stop_rx.recv();
    if !opts.quiet {
        eprintln!("Stopped serving.");
    }
    SUCCESS
}

/// Waits for changes and rebuilds, forever.
fn rebuild_loop(mut session: Session, mut watch: Watch) {
    loop {
        // Background work goes on while no file changes.
        let idle = session.has_background_work().then_some(Duration::ZERO);
        match watch.next(idle) {
            Next::Batch {
                paths,
                rescan,
                refresh,
            } => {
                if session.handle(&paths, rescan) {
                    for warning in watch.set_targets(session.watch_targets()) {
                        eprintln!("warning: {warning}");
                    }
                }
                if refresh {
                    session.refresh_extras();
                }
            }
            Next::Refresh => session.refresh_extras(),
            Next::Idle => session.background_step(),
            Next::Closed => return,
        }
    }
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(e) = command.spawn() {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}
