//! Watching the course for changes: the file watcher (notify), gathering its
//! events into batches, and deciding what a batch means for the site.
//!
//! A batch ends once the files have been quiet for a few milliseconds and
//! every file that was written has been closed, so an editor's whole save
//! (write to a temporary file and rename it, or back up, write and delete)
//! is one batch. A batch is judged by the state of its paths when it ends,
//! not by the events: a temporary file that came and went is nothing, a page
//! that exists again after a rename was edited.
//!
//! The watcher is notify's own rather than notify-debouncer-full: that
//! debouncer emits each event a fixed timeout after it happened, polled by a
//! thread that wakes every tick, so it either adds its timeout to every
//! reload or keeps waking an idle machine. Here an idle watcher sleeps, and
//! a save is handled a few milliseconds after it ends.

use std::collections::{BTreeSet, HashSet};

pub use super::known::Known;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::model::PageId;

/// How long the files must be quiet before a batch ends, where the platform
/// reports files closed after writing (then a save's steps follow each other
/// within microseconds once its last file is closed).
const QUIET_CLOSED: Duration = Duration::from_millis(3);
/// How long the files must be quiet before a batch ends elsewhere.
const QUIET: Duration = Duration::from_millis(10);
/// A batch ends after this long even if the files are still changing.
const LONGEST: Duration = Duration::from_millis(250);

/// What a batch of changes means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Nothing the site depends on changed.
    Nothing,
    /// Load and render the whole course again, for this reason.
    Full(String),
    /// These pages' files (or files they include) changed, and these assets.
    Update {
        /// Pages to render again.
        pages: BTreeSet<PageId>,
        /// Assets whose content changed (served from disk: only a reload is needed).
        assets: bool,
    },
    /// Only the theme changed: its templates (compile them again and
    /// render again what is shown) and these static files (stylesheets,
    /// scripts: serve their new content, nothing needs rendering).
    Theme {
        /// Whether a template changed.
        templates: bool,
        /// Static files with new content.
        statics: Vec<PathBuf>,
    },
}

/// Names editors give their temporary, swap, lock and backup files.
pub fn is_editor_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".kate-swp",
            ".crswap",
            "___jb_tmp___",
            "___jb_old___",
            ".bak",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Decides what the changed `paths` mean; `exists` says whether a path is
/// there now.
pub fn classify(paths: &BTreeSet<PathBuf>, known: &Known, exists: &dyn Fn(&Path) -> bool) -> Plan {
    let mut pages = BTreeSet::new();
    let mut assets = false;
    let mut statics = Vec::new();
    let mut templates = false;
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if is_editor_junk(&name) {
            continue;
        }
        if *path == known.book_toml {
            return Plan::Full("book.toml changed".into());
        }
        // Whether a new link stays inside the course is the loader's to
        // check (see `boundary`), so it takes a full rebuild.
        if path.is_symlink() {
            return Plan::Full(format!("{} is now a symbolic link", path.display()));
        }
        if let Some(theme) = &known.theme_dir {
            if let Ok(rel) = path.strip_prefix(theme) {
                let hidden = rel
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                if hidden {
                    continue;
                }
                if rel.starts_with("static") && exists(path) && !path.is_dir() {
                    statics.push(path.clone());
                    continue;
                }
                // Added, changed or removed: the templates are read again.
                if rel.starts_with("templates") {
                    templates = true;
                    continue;
                }
                return Plan::Full("the theme changed".into());
            }
        }
        if let Some(by) = known.included.get(path) {
            pages.extend(by.iter().copied());
        }
        let Ok(rel) = path.strip_prefix(&known.src_dir) else {
            continue;
        };
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden
            || (known.build_dir.starts_with(&known.src_dir) && path.starts_with(&known.build_dir))
        {
            continue;
        }
        let shown = rel.to_string_lossy().replace('\\', "/");
        if shown == "SUMMARY.md" {
            return Plan::Full("SUMMARY.md changed".into());
        }
        if let Some(&i) = known.pages.get(path) {
            if !exists(path) {
                return Plan::Full(format!("{shown} was removed"));
            }
            pages.insert(i);
        } else if known.assets.contains(path) {
            if !exists(path) {
                return Plan::Full(format!("{shown} was removed"));
            }
            assets = true;
        } else if exists(path) {
            return Plan::Full(format!("{shown} was added"));
        } else if known
            .pages
            .keys()
            .chain(&known.assets)
            .any(|k| k.starts_with(path))
        {
            // A folder that held pages was moved or removed.
            return Plan::Full(format!("{shown} was removed"));
        }
    }
    let theme = templates || !statics.is_empty();
    match (pages.is_empty() && !assets, theme) {
        (true, false) => Plan::Nothing,
        (true, true) => Plan::Theme { templates, statics },
        (false, false) => Plan::Update { pages, assets },
        (false, true) => Plan::Full("the theme changed".into()),
    }
}

/// What waiting for changes gave.
#[derive(Debug)]
pub enum Next {
    /// These paths changed; `rescan` when the watcher lost events and
    /// everything must be looked at again.
    Batch {
        /// The changed paths.
        paths: BTreeSet<PathBuf>,
        /// Whether events were lost.
        rescan: bool,
        /// Whether gathered files were asked for meanwhile.
        refresh: bool,
    },
    /// Gathered files were asked for, to be rendered (see [`Watch::waker`]).
    Refresh,
    /// Nothing happened within the idle time given.
    Idle,
    /// The watcher is gone.
    Closed,
}

/// What the rebuild thread waits for.
enum Message {
    File(notify::Result<Event>),
    Refresh,
}

/// The file watcher and the folders it watches.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<Message>,
    sender: Sender<Message>,
    targets: Vec<(PathBuf, RecursiveMode)>,
    /// Whether the platform reports files closed after writing (inotify
    /// does); then a batch waits for every written file to be closed.
    sees_close: bool,
}

impl Watch {
    /// A watcher that watches nothing yet.
    pub fn new() -> notify::Result<Watch> {
        let (sender, events) = channel();
        let tx = sender.clone();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(Message::File(e));
        })?;
        Ok(Watch {
            watcher,
            events,
            sender,
            targets: Vec::new(),
            sees_close: false,
        })
    }

    /// A function that other threads call to ask for the gathered files
    /// requested (print view, search index) to be rendered: [`Watch::next`]
    /// then returns [`Next::Refresh`].
    pub fn waker(&self) -> impl Fn() + Send + Sync + 'static {
        let tx = self.sender.clone();
        move || {
            let _ = tx.send(Message::Refresh);
        }
    }

    /// Watches exactly these paths (those that exist); returns a warning
    /// for each that cannot be watched.
    pub fn set_targets(&mut self, targets: Vec<(PathBuf, RecursiveMode)>) -> Vec<String> {
        let mut warnings = Vec::new();
        for old in &self.targets {
            if !targets.contains(old) {
                let _ = self.watcher.unwatch(&old.0);
            }
        }
        let mut now = Vec::new();
        for t in targets {
            if !t.0.exists() {
                continue;
            }
            if !self.targets.contains(&t) {
                if let Err(e) = self.watcher.watch(&t.0, t.1) {
                    warnings.push(format!("cannot watch {} for changes: {e}", t.0.display()));
                    continue;
                }
            }
            now.push(t);
        }
        self.targets = now;
        warnings
    }

    /// Waits for the next batch of changes, or `idle` without any.
    pub fn next(&mut self, idle: Option<Duration>) -> Next {
        let mut paths = BTreeSet::new();
        let mut unclosed = HashSet::new();
        let mut rescan = false;
        let mut refresh = false;
        // Events that change nothing (a file opened for reading, also by
        // the server itself) neither start a batch nor end the idle wait.
        let idle_until = idle.map(|t| Instant::now() + t);
        let mut started = None;
        loop {
            let wait = match (started, idle_until) {
                (Some(start), _) => {
                    let waited = Instant::now().duration_since(start);
                    if waited >= LONGEST {
                        break;
                    }
                    Some(match (self.sees_close, unclosed.is_empty()) {
                        (true, false) => LONGEST - waited,
                        (true, true) => QUIET_CLOSED,
                        (false, _) => QUIET,
                    })
                }
                (None, Some(until)) => Some(until.saturating_duration_since(Instant::now())),
                (None, None) => None,
            };
            let event = match wait {
                Some(t) => match self.events.recv_timeout(t) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) if started.is_some() => break,
                    Err(RecvTimeoutError::Timeout) => return Next::Idle,
                    Err(RecvTimeoutError::Disconnected) => return Next::Closed,
                },
                None => match self.events.recv() {
                    Ok(e) => e,
                    Err(_) => return Next::Closed,
                },
            };
            let event = match event {
                Message::File(e) => e,
                Message::Refresh if started.is_none() => return Next::Refresh,
                Message::Refresh => {
                    refresh = true;
                    continue;
                }
            };
            if let Ok(e) = event {
                rescan |= e.need_rescan();
                if self.take(e, &mut paths, &mut unclosed) && started.is_none() {
                    started = Some(Instant::now());
                }
            }
        }
        Next::Batch {
            paths,
            rescan,
            refresh,
        }
    }

    /// Adds an event's paths to the batch; false when the event changes nothing.
    fn take(
        &mut self,
        e: Event,
        paths: &mut BTreeSet<PathBuf>,
        unclosed: &mut HashSet<PathBuf>,
    ) -> bool {
        match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                self.sees_close = true;
                for p in &e.paths {
                    unclosed.remove(p);
                }
            }
            EventKind::Access(_)
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return false,
            EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(CreateKind::File) => {
                unclosed.extend(e.paths.iter().cloned());
            }
            _ => {}
        }
        let any = !e.paths.is_empty() || e.need_rescan();
        paths.extend(e.paths);
        any
    }
}

#[cfg(test)]
mod tests;
