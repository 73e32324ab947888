//! The course as `serve` keeps it between edits, and what an edit redoes.
//!
//! An edit of one page's text re-renders that page's Markdown and template,
//! re-checks its links, publishes it and reloads the browsers showing it;
//! nothing else is done before that reload. When the edit changed what other
//! pages show of it (title, headings, quizzes, front matter), the links into
//! it are checked and the pages most likely to show it (see [`depends`])
//! follow at once; every other page is rendered again in the background, a
//! step at a time between saves. The files that gather every page (print
//! view, answers, search index) are only marked stale, and rendered when
//! one is asked for. A theme stylesheet is served anew without rendering.
//! Anything that can change the structure (book.toml, SUMMARY.md, theme
//! templates, files added or removed) loads the whole course again.
//!
//! A page whose file has errors keeps its last good version on the server;
//! errors that are not in a page keep the whole last good site (see
//! [`verdict`]).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use notify::RecursiveMode;

use super::depends;
use super::reload::{Hub, Target};
use super::store::Store;
use super::verdict::{self, Printer, Verdict};
use super::watch::{self, Known, Plan};
use crate::diagnostics::{Diagnostic, Location};
use crate::output::OutFile;
use crate::render::{self, Edition, Memory, Part};
use crate::site::{PageEdit, Site};

/// Pages rendered in one step of background work; a save that comes
/// meanwhile waits for at most one step.
const BACKGROUND_STEP: usize = 200;

/// The served course and what is needed to update it.
pub struct Session {
    root: PathBuf,
    edition: Edition,
    /// `--links`, applied again on every full reload.
    links_are_errors: Option<bool>,
    quiet: bool,
    site: Site,
    known: Known,
    /// Problems of links and anchors.
    link_diags: Vec<Diagnostic>,
    /// Quiz ids used twice.
    quiz_diags: Vec<Diagnostic>,
    /// Problems of rendering the templates.
    render_diags: Vec<Diagnostic>,
    /// Whether the last rebuild kept the whole last good site.
    blocked: bool,
    /// Pages with errors, whose last good version is kept.
    keep: HashSet<String>,
    /// Pages whose served version may lag behind an edit of another page,
    /// rendered again in the background.
    behind: BTreeSet<usize>,
    printer: Printer,
    store: Arc<Store>,
    hub: Arc<Hub>,
}

impl Session {
    /// Builds the course at `root` (absolute) and publishes it into `store`.
    pub fn start(
        root: PathBuf,
        edition: Edition,
        links_are_errors: Option<bool>,
        quiet: bool,
        store: Arc<Store>,
        hub: Arc<Hub>,
    ) -> Session {
        let started = Instant::now();
        let site = load(&root, links_are_errors);
        let known = Known::of(&site, &root);
        let mut session = Session {
            root,
            edition,
            links_are_errors,
            quiet,
            site,
            known,
            link_diags: Vec::new(),
            quiz_diags: Vec::new(),
            render_diags: Vec::new(),
            blocked: false,
            keep: HashSet::new(),
            behind: BTreeSet::new(),
            printer: Printer::new(quiet),
            store,
            hub,
        };
        session.render_all(true);
        let n = session.site.course.pages.len();
        session.status(&format!(
            "Built {n} pages in {} ms",
            started.elapsed().as_millis()
        ));
        session
    }

    /// The course title, for messages.
    pub fn title(&self) -> &str {
        &self.site.course.config.title
    }

    /// The folders to watch for changes of the course.
    pub fn watch_targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        self.known.watch_targets()
    }

    /// Handles a batch of changed paths; true when the course was loaded
    /// again (so what to watch may have changed).
    pub fn handle(&mut self, paths: &BTreeSet<PathBuf>, rescan: bool) -> bool {
        let plan = if rescan {
            Plan::Full("the file watcher lost track of changes".into())
        } else {
            watch::classify(paths, &self.known, &|p| p.exists())
        };
        match plan {
            Plan::Nothing => false,
            Plan::Full(why) => {
                self.reload(&why);
                true
            }
            Plan::Update { pages, assets } => self.update(&pages, assets),
            Plan::ThemeStatics(paths) => {
                self.update_statics(&paths);
                false
            }
        }
    }

    /// Loads and renders the whole course again.
    fn reload(&mut self, why: &str) {
        let started = Instant::now();
        self.site = load(&self.root, self.links_are_errors);
        self.known = Known::of(&self.site, &self.root);
        self.render_all(false);
        let n = self.site.course.pages.len();
        self.status(&format!(
            "{why}: rebuilt all {n} pages in {} ms",
            started.elapsed().as_millis()
        ));
    }

    /// Checks and renders every file and publishes what may be published.
    fn render_all(&mut self, first: bool) {
        self.link_diags = crate::check::links(&self.site);
        self.quiz_diags = crate::check::quiz_ids(&self.site);
        let (files, render_diags) = self.rendered(Part::Everything);
        self.behind.clear();
        self.render_diags = render_diags;
        let verdict = self.judge();
        // The first build has no last good site: serve what there is.
        if first || !verdict.blocked {
            self.store.replace_all(files, &verdict.keep);
            self.store.set_lazy(lazy_paths(&self.site, &self.edition));
            self.store.set_stale(false);
        }
        self.blocked = verdict.blocked;
        self.hub.set_problems(verdict.problems);
        if !first && !verdict.blocked {
            self.hub.reload(Target::All);
        }
    }

    /// Redoes the pages whose files (or included files) changed; true when
    /// that turned into loading the whole course again.
    fn update(&mut self, pages: &BTreeSet<usize>, assets: bool) -> bool {
        let started = Instant::now();
        let mut first = BTreeSet::new();
        let mut navigation = false;
        for &i in pages {
            let minutes = self.site.reading_minutes(i);
            let page = &self.site.course.pages[i];
            let shown = self.site.course.sources.get(page.file).path.clone();
            // Through the boundary: a page replaced by a link out of the
            // course makes a full reload, which reports it.
            let path = self.site.course.src_dir.join(&page.source_path);
            let edit = match self
                .site
                .boundary()
                .read(&path)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            {
                Some(text) => self.site.update_page_text(i, text),
                None => PageEdit::Reload,
            };
            // Unchanged text but listed: a file it includes changed.
            let edit = match edit {
                PageEdit::Same if !self.site.course.pages[i].body.included.is_empty() => {
                    if self.site.rerender_page(i) {
                        PageEdit::Navigation
                    } else {
                        PageEdit::Body
                    }
                }
                e => e,
            };
            match edit {
                PageEdit::Same => {}
                PageEdit::Body => {
                    first.insert(i);
                    if self.site.reading_minutes(i) != minutes {
                        depends::listing_pages(&self.site.course.toc, i, &mut first);
                    }
                }
                PageEdit::Navigation => {
                    first.insert(i);
                    navigation = true;
                }
                PageEdit::Reload => {
                    self.reload(&format!("{shown} changed its place in the course"));
                    return true;
                }
            }
        }
        if first.is_empty() && !assets {
            return false;
        }
        self.quiz_diags = crate::check::quiz_ids(&self.site);
        if self.blocked {
            // The last good site was kept whole; only a full render catches up.
            self.render_all(false);
            self.status(&format!(
                "rebuilt all pages in {} ms",
                started.elapsed().as_millis()
            ));
            return false;
        }
        let indices: Vec<usize> = first.iter().copied().collect();
        // Links out of the edited pages; links into them change only with
        // their headings or ids, and are checked with the navigation below.
        self.recheck_links(&indices);
        let (files, render_diags) = self.rendered(Part::Pages(&indices));
        self.render_diags = render_diags;
        let verdict = self.judge();
        if verdict.blocked {
            self.blocked = true;
            self.hub.set_problems(verdict.problems);
            return false;
        }
        // Stale before the reload is announced: a browser that reloads and
        // asks for the print view at once must get it refreshed, not the
        // version from before the edit.
        self.store.set_stale(true);
        let changed = self.store.update(files, &verdict.keep);
        self.hub.set_problems(verdict.problems);
        if assets {
            self.hub.reload(Target::All);
        } else {
            self.hub.reload(Target::Pages(&changed));
        }
        let names: Vec<&str> = indices
            .iter()
            .map(|&i| self.site.course.pages[i].output_path.as_str())
            .take(3)
            .collect();
        let what = if names.is_empty() {
            "files".to_string()
        } else {
            names.join(", ")
        };
        self.status(&format!(
            "Reloaded {what} in {} ms",
            started.elapsed().as_millis()
        ));
        if navigation {
            // Links into the edited pages may have broken or been mended.
            self.link_diags = crate::check::links(&self.site);
            let verdict = self.judge();
            self.hub.set_problems(verdict.problems);
            let near: BTreeSet<usize> = first
                .iter()
                .flat_map(|&i| depends::showing(&self.site, i))
                .filter(|i| !first.contains(i))
                .collect();
            let near_list: Vec<usize> = near.iter().copied().collect();
            let (files, _) = self.rendered(Part::Pages(&near_list));
            let changed = self.store.update(files, &verdict.keep);
            self.hub.reload(Target::Pages(&changed));
            self.behind = (0..self.site.course.pages.len())
                .filter(|i| !first.contains(i) && !near.contains(i))
                .collect();
        }
        // A page showing one of the stale files is reloaded with it now.
        if self.hub.viewing(&lazy_paths(&self.site, &self.edition)) {
            self.refresh_extras();
        }
        false
    }

    /// Serves the new content of these theme static files.
    fn update_statics(&mut self, paths: &[PathBuf]) {
        let started = Instant::now();
        let Some(dir) = self.known.theme_dir.as_ref().map(|t| t.join("static")) else {
            return;
        };
        let mut files = Vec::new();
        for path in paths {
            let read = self.site.boundary().read(path);
            let (Ok(rel), Ok(bytes)) = (path.strip_prefix(&dir), read) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if let Some(theme) = self.site.theme.as_mut() {
                theme.statics.insert(rel.clone(), bytes.clone());
            }
            files.push(crate::output::OutFile::bytes(format!("theme/{rel}"), bytes));
        }
        let changed = self.store.update(files, &HashSet::new());
        if !changed.is_empty() {
            self.hub.reload(Target::All);
            let mut names: Vec<&str> = changed.iter().map(String::as_str).collect();
            names.sort_unstable();
            let names = names.join(", ");
            self.status(&format!(
                "Reloaded {names} in {} ms",
                started.elapsed().as_millis()
            ));
        }
    }

    /// Whether pages are waiting to be rendered in the background.
    pub fn has_background_work(&self) -> bool {
        !self.behind.is_empty() && !self.blocked
    }

    /// Renders the next few pages that lag behind and reloads those that changed.
    pub fn background_step(&mut self) {
        let step: Vec<usize> = self.behind.iter().copied().take(BACKGROUND_STEP).collect();
        for i in &step {
            self.behind.remove(i);
        }
        let (files, _) = self.rendered(Part::Pages(&step));
        let changed = self.store.update(files, &self.keep);
        self.hub.reload(Target::Pages(&changed));
    }

    /// Checks the links of these pages again, keeping the other pages' results.
    fn recheck_links(&mut self, pages: &[usize]) {
        let files: HashSet<usize> = pages
            .iter()
            .map(|&i| self.site.course.pages[i].file)
            .collect();
        self.link_diags
            .retain(|d| !matches!(d.location, Location::Span(f, _) if files.contains(&f)));
        self.link_diags
            .extend(crate::check::links_of(&self.site, pages));
    }

    /// Refreshes the files that gather every page (print view, answers,
    /// search index, 404), which edits only mark stale.
    pub fn refresh_extras(&mut self) {
        if !self.store.is_stale() {
            return;
        }
        // With the last good site kept whole, its versions are the ones to serve.
        if !self.blocked {
            let (files, diags) = self.rendered(Part::Gathered);
            if diags.is_empty() {
                let changed = self.store.update(files, &HashSet::new());
                self.hub.reload(Target::Pages(&changed));
            }
        }
        self.store.set_stale(false);
    }

    /// Renders `part` of the served edition into memory.
    fn rendered(&self, part: Part<'_>) -> (Vec<OutFile>, Vec<Diagnostic>) {
        let sink = Memory::new();
        let diags = render::render(&self.site, &self.edition, part, &sink);
        (sink.into_files(), diags)
    }

    /// Prints the diagnostics if they changed and decides what to publish.
    fn judge(&mut self) -> Verdict {
        let extra = [&self.link_diags[..], &self.quiz_diags, &self.render_diags];
        let verdict = verdict::judge(&self.site, &extra, &mut self.printer);
        self.keep = verdict.keep.clone();
        verdict
    }

    fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

/// The generated files that gather every page, refreshed only when asked
/// for after an edit: those [`Part::Gathered`] holds.
fn lazy_paths(site: &Site, edition: &Edition) -> HashSet<String> {
    let mut paths: HashSet<String> = [
        "404.html",
        "print.html",
        "answers.html",
        "my-answers.html",
        "certificate.html",
        "search-index.js",
        "sitemap.xml",
    ]
    .map(String::from)
    .into();
    if edition.is_trainer() {
        paths.insert(render::trainer::OVERVIEW.into());
        paths.extend(render::trainer::decks(site).into_iter().map(|d| d.path));
    }
    if !site
        .course
        .pages
        .iter()
        .any(|p| p.output_path == "index.html")
    {
        paths.insert("index.html".into());
    }
    paths
}

/// Loads the course as served: at the root of this server, so that the 404
/// page, served at any depth, links from `/` (as `mdbook serve` does).
fn load(root: &Path, links_are_errors: Option<bool>) -> Site {
    let mut site = Site::load(root);
    if let Some(level) = links_are_errors {
        site.course.config.links_are_errors = level;
    }
    site.course.config.site_url = Some("/".into());
    site
}
