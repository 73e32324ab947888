//! The course as `serve` keeps it between edits, and what an edit redoes.
//!
//! An edit of one page's text re-renders that page's Markdown and template,
//! re-checks the links, publishes the page and reloads the browsers showing
//! it; nothing else is rendered before the reload is sent. When the edit
//! changed what other pages show of it (title, headings, quizzes, front
//! matter), the other pages follow right after. The files that gather every
//! page (print view, answers, search index) are refreshed once edits pause.
//! Anything that can change the structure (book.toml, SUMMARY.md, the
//! theme, files added or removed) loads the whole course again.
//!
//! A page whose file has errors keeps its last good version on the server;
//! errors that are not in a page (book.toml, the theme) keep the whole last
//! good site. Either way the errors go to the terminal and, as text, to the
//! open pages.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use notify::RecursiveMode;

use super::reload::{Hub, Target};
use super::store::Store;
use super::watch::{self, Known, Plan};
use crate::diagnostics::{self, Diagnostic, Location};
use crate::model::TocItem;
use crate::render::{self, nav, RenderOptions};
use crate::site::{PageEdit, Site};

/// At most this many errors are sent to the browser overlay.
const OVERLAY_ERRORS: usize = 30;

/// The served course and what is needed to update it.
pub struct Session {
    root: PathBuf,
    options: RenderOptions,
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
    /// The diagnostics last printed, to print them again only when they change.
    printed: Vec<String>,
    store: Arc<Store>,
    hub: Arc<Hub>,
}

/// Whether and what to publish after a rebuild.
struct Verdict {
    /// Errors outside any page: keep the whole last good site.
    blocked: bool,
    /// Pages with errors: keep their last good version.
    keep: HashSet<String>,
    /// The errors as text for the browser, `None` when there are none.
    problems: Option<String>,
}

impl Session {
    /// Builds the course at `root` (absolute) and publishes it into `store`.
    pub fn start(
        root: PathBuf,
        options: RenderOptions,
        quiet: bool,
        store: Arc<Store>,
        hub: Arc<Hub>,
    ) -> Session {
        let started = Instant::now();
        let site = load(&root);
        let known = known(&site, &root);
        let mut session = Session {
            root,
            options,
            quiet,
            site,
            known,
            link_diags: Vec::new(),
            quiz_diags: Vec::new(),
            render_diags: Vec::new(),
            blocked: false,
            printed: Vec::new(),
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

    /// What to watch: the source folder, the folder of book.toml, the theme,
    /// and the folders of included files outside those.
    pub fn watch_targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let k = &self.known;
        let mut targets = vec![(k.src_dir.clone(), RecursiveMode::Recursive)];
        let covered = |p: &Path, targets: &[(PathBuf, RecursiveMode)]| {
            targets.iter().any(|(t, mode)| {
                p == t
                    || (*mode == RecursiveMode::Recursive && p.starts_with(t))
                    || p.parent() == Some(t.as_path())
            })
        };
        if !covered(&k.book_toml, &targets) {
            targets.push((self.root.clone(), RecursiveMode::NonRecursive));
        }
        if let Some(theme) = &k.theme_dir {
            if !covered(theme, &targets) {
                targets.push((theme.clone(), RecursiveMode::Recursive));
            }
        }
        let mut included: Vec<&PathBuf> = k.included.keys().collect();
        included.sort();
        for file in included {
            if !covered(file, &targets) {
                if let Some(dir) = file.parent() {
                    targets.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
                }
            }
        }
        targets
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
        }
    }

    /// Loads and renders the whole course again.
    fn reload(&mut self, why: &str) {
        let started = Instant::now();
        self.site = load(&self.root);
        self.known = known(&self.site, &self.root);
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
        let mut render_diags = Vec::new();
        let files = render::render_site(&self.site, &self.options, &mut render_diags);
        self.render_diags = render_diags;
        let verdict = self.judge();
        // The first build has no last good site: serve what there is.
        if first || !verdict.blocked {
            self.store.replace_all(files, &verdict.keep);
            self.store.set_lazy(lazy_paths(&self.site));
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
            let edit = match std::fs::read(self.site.course.src_dir.join(&page.source_path))
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            {
                Some(text) => self.site.update_page_text(i, text),
                None => PageEdit::Reload,
            };
            // Unchanged text but listed: a file it includes changed.
            let edit = match edit {
                PageEdit::Same if !self.site.pages[i].included.is_empty() => {
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
                        listing_pages(&self.site.course.toc, i, &mut first);
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
        let mut render_diags = Vec::new();
        let files = render::render_pages(&self.site, &indices, &self.options, &mut render_diags);
        self.render_diags = render_diags;
        let verdict = self.judge();
        if verdict.blocked {
            self.blocked = true;
            self.hub.set_problems(verdict.problems);
            return false;
        }
        let changed = self.store.update(files, &verdict.keep);
        self.hub.set_problems(verdict.problems);
        if assets {
            self.hub.reload(Target::All);
        } else {
            self.hub.reload(Target::Pages(&changed));
        }
        self.store.set_stale(true);
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
            let started = Instant::now();
            self.link_diags = crate::check::links(&self.site);
            let verdict = self.judge();
            self.hub.set_problems(verdict.problems);
            let rest: Vec<usize> = (0..self.site.course.pages.len())
                .filter(|i| !first.contains(i))
                .collect();
            let files = render::render_pages(&self.site, &rest, &self.options, &mut Vec::new());
            let changed = self.store.update(files, &verdict.keep);
            self.hub.reload(Target::Pages(&changed));
            self.status(&format!(
                "Updated the navigation of {} pages in {} ms",
                changed.len(),
                started.elapsed().as_millis()
            ));
        }
        // A page showing one of the stale files is reloaded with it now.
        if self.hub.viewing(&lazy_paths(&self.site)) {
            self.refresh_extras();
        }
        false
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
            let mut diags = Vec::new();
            let files = render::render_extras(&self.site, &self.options, &mut diags);
            if diags.is_empty() {
                let changed = self.store.update(files, &HashSet::new());
                self.hub.reload(Target::Pages(&changed));
            }
        }
        self.store.set_stale(false);
    }

    /// Prints the diagnostics if they changed and decides what to publish.
    fn judge(&mut self) -> Verdict {
        let mut all = self.site.diagnostics();
        all.extend(self.link_diags.iter().cloned());
        all.extend(self.quiz_diags.iter().cloned());
        all.extend(self.render_diags.iter().cloned());
        let sources = &self.site.course.sources;
        diagnostics::sort(&mut all, sources);
        let shown: Vec<Diagnostic> = all
            .iter()
            .filter(|d| !self.quiet || d.is_error())
            .cloned()
            .collect();
        let lines: Vec<String> = shown.iter().map(|d| d.one_line(sources)).collect();
        if lines != self.printed {
            if shown.is_empty() {
                if !self.quiet {
                    eprintln!("No errors or warnings now.");
                }
            } else {
                diagnostics::emit(&shown, sources);
            }
            self.printed = lines;
        }
        let page_of: HashMap<usize, &str> = self
            .site
            .course
            .pages
            .iter()
            .map(|p| (p.file, p.output_path.as_str()))
            .collect();
        let errors: Vec<Diagnostic> = all.into_iter().filter(Diagnostic::is_error).collect();
        let mut blocked = self.site.theme.is_none();
        let mut keep = HashSet::new();
        for e in &errors {
            match &e.location {
                Location::Span(file, _) if page_of.contains_key(file) => {
                    keep.insert(page_of[file].to_string());
                }
                _ => blocked = true,
            }
        }
        let problems = (!errors.is_empty()).then(|| {
            let mut text =
                diagnostics::render_plain(&errors[..errors.len().min(OVERLAY_ERRORS)], sources);
            if errors.len() > OVERLAY_ERRORS {
                text.push_str(&format!(
                    "… and {} more errors: see the terminal\n",
                    errors.len() - OVERLAY_ERRORS
                ));
            }
            text
        });
        Verdict {
            blocked,
            keep,
            problems,
        }
    }

    fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

/// The generated files that gather every page, refreshed only when asked
/// for after an edit: those [`render::render_extras`] makes.
fn lazy_paths(site: &Site) -> HashSet<String> {
    let mut paths: HashSet<String> = [
        "404.html",
        "print.html",
        "answers.html",
        "search-index.js",
        "sitemap.xml",
    ]
    .map(String::from)
    .into();
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
fn load(root: &Path) -> Site {
    let mut site = Site::load(root);
    site.course.config.site_url = Some("/".into());
    site
}

/// Module pages that list page `i` (with its reading time).
fn listing_pages(toc: &[TocItem], i: usize, out: &mut BTreeSet<usize>) {
    for item in toc {
        if let TocItem::Chapter(c) = item {
            if !c.children.is_empty() && nav::contains(c, Some(i)) {
                out.extend(c.page.filter(|&j| j != i));
                listing_pages(&c.children, i, out);
            }
        }
    }
}

/// What the course is made of, for judging changes.
fn known(site: &Site, root: &Path) -> Known {
    let c = &site.course;
    let mut included: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for file in &page.included {
            included.entry(file.clone()).or_default().push(i);
        }
    }
    Known {
        book_toml: root.join("book.toml"),
        src_dir: c.src_dir.clone(),
        build_dir: root.join(&c.config.build_dir),
        theme_dir: c.config.theme_dir.as_ref().map(|d| root.join(d)),
        pages: c
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (c.src_dir.join(&p.source_path), i))
            .collect(),
        assets: c.assets.iter().map(|a| c.src_dir.join(a)).collect(),
        included,
    }
}
