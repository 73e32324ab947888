//! The course as `serve` keeps it between edits, and what an edit redoes.
//!
//! What is kept is the model: every page's Markdown rendered once (the
//! per-page cache), with the theme's templates. Pages are rendered through
//! their templates only when asked for ([`Model`] renders them for the HTTP
//! workers, [`super::store`] keeps a few in a cache), so that memory is the
//! model and no rendered copy of the whole course.
//!
//! An edit of one page's text renders that page's Markdown again, checks its
//! links, renders it through its template, publishes it and reloads the
//! browsers showing it; nothing else is done before that reload. When the
//! edit changed what other pages show of it (title, headings, quizzes,
//! front matter), the links into it are checked, the rendered pages of its
//! language are forgotten, and the pages that browsers show (the hub knows
//! them) are rendered again and reloaded where their bytes changed. The
//! files that gather every page (print view, answers, search index) are
//! dropped, and rendered when one is asked for. A theme stylesheet is
//! served anew without rendering. An edit of the theme's templates compiles
//! them again, forgets the rendered pages and renders those that browsers
//! show (a template that does not compile leaves the last good ones in use).
//! Anything else that can change the structure (book.toml, SUMMARY.md,
//! files added or removed) loads the whole course again.
//!
//! Template errors are still reported for every page: after the start, a
//! full reload or a template edit, every page and gathered file is rendered
//! once in the background (a few pages at a time between saves) and the
//! bytes thrown away; only the problems are kept.
//!
//! A page whose file has errors keeps its last good version on the server
//! (pinned in the store); errors that are not in a page keep the whole last
//! good course (see [`verdict`]): the pages already rendered stay, and a
//! full reload with such errors keeps the last good model.
//!
//! A course in several languages is served whole: each `[language.<code>]`
//! edition under `/<code>/` beside the default language's at the root, every
//! language's source folder watched. An edit redoes only its own language's
//! pages, and those of another language only where it changed which pages
//! are paired (their language switcher).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use notify::RecursiveMode;

use super::depends;
use super::reload::{Hub, Target};
use super::store::{Pages, Store};
use super::verdict::{self, Printer, Verdict};
use super::watch::{self, Known, Plan};
use crate::diagnostics::{Diagnostic, Location};
use crate::model::PageId;
use crate::output::{Content, OutFile};
use crate::render::{self, Discard, Edition, Memory, Part};
use crate::site::{PageEdit, Site};

/// Pages whose templates are checked in one step of background work; a
/// save that comes meanwhile waits for at most one step.
const CHECK_STEP: usize = 16;

/// The course in each of its languages as it is served: the default first,
/// then each `[language.*]` in book.toml's order. Shared with the HTTP
/// workers, who render its pages when they are asked for.
#[derive(Default)]
pub struct Model {
    sites: Vec<Site>,
    /// How each language is rendered: under its folder (`en/`), none for
    /// the default.
    editions: Vec<Edition>,
    /// Each page's site path (with its language's folder): its language
    /// and the page.
    paths: HashMap<String, (usize, PageId)>,
}

impl Model {
    /// Page `i` of language `k` through its template.
    fn render_page(&self, k: usize, i: PageId) -> Result<Vec<u8>, String> {
        let sink = Memory::new();
        let diags = render::render(&self.sites[k], &self.editions[k], Part::Pages(&[i]), &sink);
        match sink.into_files().pop() {
            Some(OutFile {
                content: Content::Bytes(bytes),
                ..
            }) if diags.is_empty() => Ok(bytes),
            _ => Err(diags
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }
}

/// The model behind its lock: the rebuild thread writes it, the HTTP
/// workers read it.
#[derive(Default)]
pub struct Shared(RwLock<Model>);

impl Shared {
    fn read(&self) -> RwLockReadGuard<'_, Model> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Model> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }
}

impl Pages for Shared {
    fn has(&self, path: &str) -> bool {
        self.read().paths.contains_key(path)
    }

    fn render(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        let model = self.read();
        let &(k, i) = model.paths.get(path)?;
        Some(model.render_page(k, i))
    }
}

/// The served course and what is needed to update it.
pub struct Session {
    root: PathBuf,
    /// The edition served (the participants' or the trainer's), before
    /// each language puts it in its folder.
    base: Edition,
    /// `--links`, applied again on every full reload.
    links_are_errors: Option<bool>,
    quiet: bool,
    model: Arc<Shared>,
    /// What is kept of each language between edits, parallel to the model's sites.
    langs: Vec<Lang>,
    /// The errors of a full reload that was not published (the last good
    /// course is served meanwhile, and the next change loads it again).
    broken: Option<Option<String>>,
    store: Arc<Store>,
    hub: Arc<Hub>,
}

/// One language's edition as it is served.
struct Lang {
    /// Its folder under the site root (`en/`), empty for the default.
    folder: String,
    known: Known,
    /// Problems of links and anchors.
    link_diags: Vec<Diagnostic>,
    /// Quiz ids used twice.
    quiz_diags: Vec<Diagnostic>,
    /// Problems of rendering the templates.
    render_diags: Vec<Diagnostic>,
    /// Problems of pairing its pages with the default language's.
    pair_diags: Vec<Diagnostic>,
    /// Problems of the theme (loaded again when its templates change).
    theme_diags: Vec<Diagnostic>,
    /// Course files that clash with generated ones.
    file_diags: Vec<Diagnostic>,
    /// Whether an error outside its pages keeps its last good pages.
    blocked: bool,
    /// Site paths (with the language's folder) of pages with errors,
    /// whose last good version is kept.
    keep: HashSet<String>,
    /// Pages whose templates are still to be rendered once in the
    /// background, for their problems.
    unchecked: BTreeSet<PageId>,
    /// Whether the gathered files are still to be checked so.
    gathered_unchecked: bool,
    /// Its errors as text for the browser.
    problems: Option<String>,
    printer: Printer,
}

impl Session {
    /// Loads the course at `root` (absolute), in every language, and
    /// serves it from `store`.
    pub fn start(
        root: PathBuf,
        edition: Edition,
        links_are_errors: Option<bool>,
        quiet: bool,
        store: Arc<Store>,
        hub: Arc<Hub>,
    ) -> Session {
        let started = Instant::now();
        let model = Arc::new(Shared::default());
        store.set_pages(model.clone());
        let mut session = Session {
            root,
            base: edition,
            links_are_errors,
            quiet,
            model,
            langs: Vec::new(),
            broken: None,
            store,
            hub,
        };
        session.load_and_publish(true);
        let n = session.page_count();
        session.status(&format!(
            "Built {n} pages in {} ms",
            started.elapsed().as_millis()
        ));
        session
    }

    /// The course title, for messages.
    pub fn title(&self) -> String {
        self.model.read().sites[0].course.config.title.clone()
    }

    /// The folders to watch for changes of the course, in every language.
    pub fn watch_targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut all: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for target in self.langs.iter().flat_map(|l| l.known.watch_targets()) {
            if !all.contains(&target) {
                all.push(target);
            }
        }
        // A folder inside another watched with everything in it is not
        // watched twice.
        let recursive: Vec<PathBuf> = all
            .iter()
            .filter(|(_, m)| *m == RecursiveMode::Recursive)
            .map(|(p, _)| p.clone())
            .collect();
        all.retain(|(p, m)| {
            !recursive
                .iter()
                .any(|r| p.starts_with(r) && (p != r || *m == RecursiveMode::NonRecursive))
        });
        all
    }

    /// Handles a batch of changed paths; true when the course was loaded
    /// again (so what to watch may have changed).
    pub fn handle(&mut self, paths: &BTreeSet<PathBuf>, rescan: bool) -> bool {
        if rescan {
            self.reload("the file watcher lost track of changes");
            return true;
        }
        let plans: Vec<Plan> = self
            .langs
            .iter()
            .map(|l| watch::classify(paths, &l.known, &|p| p.exists()))
            .collect();
        let full = plans.iter().find_map(|p| match p {
            Plan::Full(why) => Some(why.clone()),
            _ => None,
        });
        if let Some(why) = full {
            self.reload(&why);
            return true;
        }
        if self.broken.is_some() && plans.iter().any(|p| *p != Plan::Nothing) {
            self.reload("a file changed while the course had errors");
            return true;
        }
        // The theme is every language's: each sees the same change.
        let theme = plans.iter().find_map(|p| match p {
            Plan::Theme { templates, statics } => Some((*templates, statics.clone())),
            _ => None,
        });
        if let Some((templates, statics)) = theme {
            if !statics.is_empty() {
                self.update_statics(&statics);
            }
            if templates {
                self.update_templates();
            }
            return false;
        }
        for (k, plan) in plans.into_iter().enumerate() {
            if let Plan::Update { pages, assets } = plan {
                if self.update(k, &pages, assets) {
                    return true;
                }
            }
        }
        false
    }

    /// Loads every language of the course, checks it and, unless it has
    /// errors that keep the last good course (and this is not the first
    /// load), serves it. Each language's printer is kept, so unchanged
    /// problems are not printed again.
    fn load_and_publish(&mut self, first: bool) {
        let mut sites = load_all(&self.root, self.links_are_errors);
        let pair_diags = crate::languages::pair_checked(&mut sites);
        let mut printers: Vec<Printer> = self
            .langs
            .iter_mut()
            .map(|l| std::mem::take(&mut l.printer))
            .collect();
        printers.resize_with(sites.len(), || Printer::new(self.quiet));
        let default = sites[0].course.config.language.clone();
        let editions: Vec<Edition> = sites
            .iter()
            .map(|site| {
                self.base
                    .clone()
                    .in_subfolder(crate::languages::subfolder(site, &default))
            })
            .collect();
        let mut course_files = Vec::new();
        let mut langs = Vec::with_capacity(sites.len());
        for (k, ((site, pair_diags), printer)) in
            sites.iter_mut().zip(pair_diags).zip(printers).enumerate()
        {
            let edition = &editions[k];
            let theme_diags = theme_diags(&self.root, site);
            let sink = Memory::new();
            let mut file_diags = render::render(site, edition, Part::CourseFiles, &sink);
            let files = sink.into_files();
            // The generated files' paths and the course's own: none twice.
            let mut paths: Vec<String> = files
                .iter()
                .map(|f| f.path[edition.subfolder.len()..].to_owned())
                .collect();
            paths.extend(site.course.pages.iter().map(|p| p.output_path.clone()));
            paths.extend(lazy_paths(site, edition));
            file_diags.extend(render::clashes(paths));
            course_files.extend(files);
            let mut lang = Lang {
                folder: edition.subfolder.clone(),
                known: Known::of(site, &self.root),
                link_diags: crate::check::links(site),
                quiz_diags: crate::check::quiz_ids(site),
                render_diags: Vec::new(),
                pair_diags,
                theme_diags,
                file_diags,
                blocked: false,
                keep: HashSet::new(),
                unchecked: site.course.pages.ids().collect(),
                gathered_unchecked: true,
                problems: None,
                printer,
            };
            lang.blocked = judge_lang(site, &mut lang, k).blocked;
            langs.push(lang);
        }
        if !first && langs.iter().any(|l| l.blocked) {
            // The last good course stays; its printers learn what was printed.
            let problems: Vec<&str> = langs.iter().filter_map(|l| l.problems.as_deref()).collect();
            self.broken = Some((!problems.is_empty()).then(|| problems.join("\n")));
            for (old, new) in self.langs.iter_mut().zip(&mut langs) {
                old.printer = std::mem::take(&mut new.printer);
            }
            self.publish_problems();
            return;
        }
        self.broken = None;
        let mut paths = HashMap::new();
        for (k, (site, edition)) in sites.iter().zip(&editions).enumerate() {
            for (i, page) in site.course.pages.with_ids() {
                paths.insert(format!("{}{}", edition.subfolder, page.output_path), (k, i));
            }
        }
        let lazy: HashSet<String> = sites
            .iter()
            .zip(&editions)
            .flat_map(|(site, edition)| {
                lazy_paths(site, edition)
                    .into_iter()
                    .map(move |p| format!("{}{p}", edition.subfolder))
            })
            .collect();
        let old = std::mem::replace(
            &mut *self.model.write(),
            Model {
                sites,
                editions,
                paths,
            },
        );
        // Freed outside the lock.
        drop(old);
        self.langs = langs;
        let keep: HashSet<String> = self.langs.iter().flat_map(|l| l.keep.clone()).collect();
        self.store.unpin(&|p| !keep.contains(p));
        for path in &keep {
            if let Some(bytes) = self.store.cached(path) {
                self.store.pin(path, bytes);
            }
        }
        self.store.replace_all(course_files, &HashSet::new());
        self.store.set_lazy(lazy);
        self.store.invalidate(&|_| true);
        self.publish_problems();
        if !first {
            self.hub.reload(Target::All);
        }
    }

    /// Loads and serves the whole course again.
    fn reload(&mut self, why: &str) {
        let started = Instant::now();
        self.load_and_publish(false);
        let n = self.page_count();
        if self.broken.is_some() {
            self.status(&format!(
                "{why}: the course has errors; the last good version is served"
            ));
            return;
        }
        self.status(&format!(
            "{why}: loaded all {n} pages again in {} ms",
            started.elapsed().as_millis()
        ));
    }

    /// Which site paths are language `k`'s: those under its folder, or for
    /// the default language, those under no other language's folder.
    fn owner(&self, k: usize) -> impl Fn(&str) -> bool {
        let folders: Vec<String> = self
            .langs
            .iter()
            .map(|l| l.folder.clone())
            .filter(|f| !f.is_empty())
            .collect();
        let own = self.langs[k].folder.clone();
        move |path: &str| {
            if own.is_empty() {
                !folders.iter().any(|f| path.starts_with(f.as_str()))
            } else {
                path.starts_with(own.as_str())
            }
        }
    }

    /// The site path of page `i` of language `k`.
    fn page_path(&self, k: usize, i: PageId) -> String {
        let model = self.model.read();
        format!(
            "{}{}",
            self.langs[k].folder, model.sites[k].course.pages[i].output_path
        )
    }

    /// Redoes language `k`'s pages whose files (or included files)
    /// changed; true when that turned into loading the whole course again.
    fn update(&mut self, k: usize, pages: &BTreeSet<PageId>, assets: bool) -> bool {
        let started = Instant::now();
        // The edited pages as they are served now: their last good version
        // should the edit give them errors.
        let before: HashMap<String, Arc<Vec<u8>>> = pages
            .iter()
            .filter_map(|&i| {
                let path = self.page_path(k, i);
                let bytes = match self.store.cached(&path) {
                    Some(b) => b,
                    None => Arc::new(self.model.read().render_page(k, i).ok()?),
                };
                Some((path, bytes))
            })
            .collect();
        let mut first = BTreeSet::new();
        let mut navigation = false;
        let mut moved = None;
        {
            let mut model = self.model.write();
            let site = &mut model.sites[k];
            for &i in pages {
                let minutes = site.reading_minutes(i);
                let page = &site.course.pages[i];
                let shown = site.course.sources.get(page.file).path.clone();
                // Through the boundary: a page replaced by a link out of the
                // course makes a full reload, which reports it.
                let path = site.course.src_dir.join(&page.source_path);
                let edit = match site
                    .boundary()
                    .read(&path)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                {
                    Some(text) => site.update_page_text(i, text),
                    None => PageEdit::Reload,
                };
                // Unchanged text but listed: a file it includes changed.
                let edit = match edit {
                    PageEdit::Same if !site.course.pages[i].body.included.is_empty() => {
                        if site.rerender_page(i) {
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
                        if site.reading_minutes(i) != minutes {
                            depends::listing_pages(&site.course.toc, i, &mut first);
                        }
                    }
                    PageEdit::Navigation => {
                        first.insert(i);
                        navigation = true;
                    }
                    PageEdit::Reload => {
                        moved = Some(shown);
                        break;
                    }
                }
            }
        }
        if let Some(shown) = moved {
            self.reload(&format!("{shown} changed its place in the course"));
            return true;
        }
        if first.is_empty() && !assets {
            return false;
        }
        // `translation-of` or a quiz's questions may pair pages otherwise.
        let paired = self.pair_again();
        first.extend(paired.switched[k].iter().copied());
        self.langs[k].quiz_diags = crate::check::quiz_ids(&self.model.read().sites[k]);
        let indices: Vec<PageId> = first.iter().copied().collect();
        // Links out of the edited pages; links into them change only with
        // their headings or ids, and are checked with the navigation below.
        self.recheck_links(k, &indices);
        let (files, render_diags) = self.rendered(k, Part::Pages(&indices));
        self.langs[k].render_diags = render_diags;
        let verdict = self.judge(k);
        if verdict.blocked {
            // The pages served stay as they are, the edited ones too.
            for (path, bytes) in before {
                if !self.store.is_pinned(&path) {
                    self.store.pin(&path, bytes);
                }
            }
            self.langs[k].blocked = true;
            self.publish_problems();
            return false;
        }
        let was_blocked = std::mem::take(&mut self.langs[k].blocked);
        // Dropped before the reload is announced: a browser that reloads
        // and asks for the print view at once must get it rendered anew,
        // not the version from before the edit.
        self.store.drop_stale(&self.owner(k));
        self.apply_keep(k, &before);
        let whole = navigation || was_blocked;
        if whole {
            self.store.invalidate(&self.owner(k));
        } else {
            let edited: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
            self.store.invalidate(&|p| edited.contains(p));
        }
        let changed = self.store.put_pages(files);
        self.publish_problems();
        if assets {
            self.hub.reload(Target::All);
        } else {
            self.hub.reload(Target::Pages(&changed));
        }
        let names: Vec<String> = indices
            .iter()
            .map(|&i| self.page_path(k, i))
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
        self.follow_pairing(k, &paired);
        if whole {
            if navigation {
                // Links into the edited pages may have broken or been mended.
                self.langs[k].link_diags = crate::check::links(&self.model.read().sites[k]);
                self.judge(k);
                self.publish_problems();
            }
            // Every page may show the edited ones: those open are rendered now.
            let changed = self.refresh_open(k, None);
            self.hub.reload(Target::Pages(&changed));
        }
        self.refresh_open_extras();
        false
    }

    /// Pins the last good version of language `k`'s pages with errors
    /// (from `before`, or as served now) and unpins the others.
    fn apply_keep(&mut self, k: usize, before: &HashMap<String, Arc<Vec<u8>>>) {
        let keep = self.langs[k].keep.clone();
        let owner = self.owner(k);
        self.store.unpin(&|p| owner(p) && !keep.contains(p));
        for path in &keep {
            if self.store.is_pinned(path) {
                continue;
            }
            if let Some(bytes) = before
                .get(path)
                .cloned()
                .or_else(|| self.store.cached(path))
            {
                self.store.pin(path, bytes);
            }
        }
    }

    /// Renders again the pages of language `k` that browsers show (only
    /// those in `only`, when given) and keeps them; returns those whose
    /// bytes changed.
    fn refresh_open(&mut self, k: usize, only: Option<&HashSet<PageId>>) -> HashSet<String> {
        if self.langs[k].blocked {
            return HashSet::new();
        }
        let open = self.hub.pages();
        let indices: Vec<PageId> = {
            let model = self.model.read();
            let mut v: Vec<PageId> = open
                .iter()
                .filter_map(|p| model.paths.get(p))
                .filter(|&&(l, i)| l == k && only.is_none_or(|o| o.contains(&i)))
                .map(|&(_, i)| i)
                .collect();
            v.sort_unstable();
            v
        };
        if indices.is_empty() {
            return HashSet::new();
        }
        let (files, diags) = self.rendered(k, Part::Pages(&indices));
        if self.note_render_problems(k, diags) {
            self.publish_problems();
        }
        self.store.put_pages(files)
    }

    /// Adds template problems found for language `k`; true when any is new
    /// (then they were judged).
    fn note_render_problems(&mut self, k: usize, diags: Vec<Diagnostic>) -> bool {
        let lang = &mut self.langs[k];
        let mut new = false;
        for d in diags {
            if !lang.render_diags.contains(&d) {
                lang.render_diags.push(d);
                new = true;
            }
        }
        if new {
            self.judge(k);
        }
        new
    }

    /// Renders the gathered files that browsers show, after an edit
    /// dropped them, and reloads those that changed.
    fn refresh_open_extras(&mut self) {
        let open: HashSet<String> = self
            .hub
            .pages()
            .into_iter()
            .filter(|p| self.store.is_lazy(p))
            .collect();
        if !open.is_empty() {
            let changed = self.render_extras(&open);
            self.hub.reload(Target::Pages(&changed));
        }
    }

    /// Pairs the languages' pages again after an edit: which pages'
    /// alternates changed in each language, and whose pairing problems.
    fn pair_again(&mut self) -> Paired {
        let mut model = self.model.write();
        let n = model.sites.len();
        let mut paired = Paired {
            switched: vec![Vec::new(); n],
            problems_changed: vec![false; n],
        };
        if n < 2 {
            return paired;
        }
        let before: Vec<Vec<_>> = model
            .sites
            .iter()
            .map(|s| {
                s.course
                    .pages
                    .iter()
                    .map(|p| p.alternates.clone())
                    .collect()
            })
            .collect();
        let problems = crate::languages::pair_checked(&mut model.sites);
        for (k, (site, old)) in model.sites.iter().zip(before).enumerate() {
            paired.switched[k] = site
                .course
                .pages
                .with_ids()
                .zip(old)
                .filter(|((_, page), old)| page.alternates != *old)
                .map(|((i, _), _)| i)
                .collect();
        }
        for (k, (lang, new)) in self.langs.iter_mut().zip(problems).enumerate() {
            paired.problems_changed[k] = lang.pair_diags != new;
            lang.pair_diags = new;
        }
        paired
    }

    /// After an edit in language `k`: the other languages' pages whose
    /// language switcher changed are rendered again where browsers show
    /// them, and their problems told; the sitemap, which lists every pair,
    /// is dropped.
    fn follow_pairing(&mut self, k: usize, paired: &Paired) {
        if paired.switched.iter().any(|s| !s.is_empty()) {
            self.store.drop_stale(&self.owner(0));
        }
        for m in (0..self.langs.len()).filter(|&m| m != k) {
            if paired.switched[m].is_empty() && !paired.problems_changed[m] {
                continue;
            }
            let verdict = self.judge(m);
            self.publish_problems();
            if verdict.blocked || self.langs[m].blocked {
                continue;
            }
            let switched: HashSet<PageId> = paired.switched[m].iter().copied().collect();
            let paths: HashSet<String> = switched.iter().map(|&i| self.page_path(m, i)).collect();
            self.store.invalidate(&|p| paths.contains(p));
            let changed = self.refresh_open(m, Some(&switched));
            self.hub.reload(Target::Pages(&changed));
        }
    }

    /// Serves the new content of these theme static files, in every language.
    fn update_statics(&mut self, paths: &[PathBuf]) {
        let started = Instant::now();
        let Some(dir) = self.langs[0]
            .known
            .theme_dir
            .as_ref()
            .map(|t| t.join("static"))
        else {
            return;
        };
        let mut files = Vec::new();
        {
            let mut model = self.model.write();
            for path in paths {
                let read = model.sites[0].boundary().read(path);
                let (Ok(rel), Ok(bytes)) = (path.strip_prefix(&dir), read) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                for (site, lang) in model.sites.iter_mut().zip(&self.langs) {
                    if let Some(theme) = site.theme.as_mut() {
                        theme.statics.insert(rel.clone(), bytes.clone());
                    }
                    files.push(OutFile::bytes(
                        format!("{}theme/{rel}", lang.folder),
                        bytes.clone(),
                    ));
                }
            }
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

    /// Compiles the theme's templates again, in every language; when they
    /// compile, forgets every rendered page, renders the pages browsers
    /// show, reloads those that changed and checks every page in the
    /// background. When they do not, the last good templates stay in use.
    fn update_templates(&mut self) {
        let started = Instant::now();
        let mut compiled = false;
        {
            let mut model = self.model.write();
            for (site, lang) in model.sites.iter_mut().zip(&mut self.langs) {
                let mut diags = Vec::new();
                let dir = site.course.config.theme_dir.clone();
                let theme = crate::render::theme::load(&self.root, dir.as_deref(), &mut diags);
                lang.theme_diags = diags;
                if let Some(theme) = theme {
                    site.theme = Some(theme);
                    compiled = true;
                }
            }
        }
        for k in 0..self.langs.len() {
            let lang = &mut self.langs[k];
            if compiled {
                lang.render_diags.clear();
                lang.unchecked = self.model.read().sites[k].course.pages.ids().collect();
                lang.gathered_unchecked = true;
            }
            let verdict = self.judge(k);
            self.langs[k].blocked = verdict.blocked;
        }
        if !compiled {
            self.publish_problems();
            self.status("the theme's templates have errors; the last good ones are used");
            return;
        }
        self.store.invalidate(&|_| true);
        self.store.drop_stale(&|_| true);
        let mut changed = HashSet::new();
        for k in 0..self.langs.len() {
            // The theme's static files too, should the last templates
            // not have compiled (then the site had none).
            let (files, _) = self.rendered(k, Part::CourseFiles);
            self.store.update(files, &HashSet::new());
            changed.extend(self.refresh_open(k, None));
        }
        self.publish_problems();
        self.hub.reload(Target::Pages(&changed));
        self.status(&format!(
            "Reloaded the templates ({} open pages changed) in {} ms",
            changed.len(),
            started.elapsed().as_millis()
        ));
        self.refresh_open_extras();
    }

    /// Whether templates are waiting to be checked in the background.
    pub fn has_background_work(&self) -> bool {
        self.langs
            .iter()
            .any(|l| !l.unchecked.is_empty() || l.gathered_unchecked)
    }

    /// Renders the next few pages (or the gathered files) whose templates
    /// are not checked yet, for their problems only.
    pub fn background_step(&mut self) {
        let Some(k) = self
            .langs
            .iter()
            .position(|l| !l.unchecked.is_empty() || l.gathered_unchecked)
        else {
            return;
        };
        let lang = &mut self.langs[k];
        let diags = if lang.unchecked.is_empty() {
            lang.gathered_unchecked = false;
            let model = self.model.read();
            let (site, edition) = (&model.sites[k], &model.editions[k]);
            // The small gathered files together, then the print view; the
            // search index has no template.
            let mut diags = render::render(site, edition, Part::GatheredFile(""), &Discard);
            diags.extend(render::render(
                site,
                edition,
                Part::GatheredFile("print.html"),
                &Discard,
            ));
            diags
        } else {
            let step: Vec<PageId> = lang.unchecked.iter().copied().take(CHECK_STEP).collect();
            for i in &step {
                lang.unchecked.remove(i);
            }
            let model = self.model.read();
            render::render(
                &model.sites[k],
                &model.editions[k],
                Part::Pages(&step),
                &Discard,
            )
        };
        if self.note_render_problems(k, diags) {
            self.publish_problems();
        }
    }

    /// Checks the links of these pages of language `k` again, keeping the
    /// other pages' results.
    fn recheck_links(&mut self, k: usize, pages: &[PageId]) {
        let model = self.model.read();
        let site = &model.sites[k];
        let files: HashSet<usize> = pages.iter().map(|&i| site.course.pages[i].file).collect();
        let lang = &mut self.langs[k];
        lang.link_diags
            .retain(|d| !matches!(d.location, Location::Span(f, _) if files.contains(&f)));
        lang.link_diags.extend(crate::check::links_of(site, pages));
    }

    /// Renders the gathered files asked for (print view, answers, search
    /// index, 404) and wakes the requests waiting for them.
    pub fn refresh_extras(&mut self) {
        let wanted = self.store.wanted();
        if wanted.is_empty() {
            return;
        }
        let changed = self.render_extras(&wanted);
        self.store.done(&wanted);
        self.hub.reload(Target::Pages(&changed));
    }

    /// Renders every gathered file now: without a file watcher, nothing
    /// would render them when they are asked for.
    pub fn render_all_extras(&mut self) {
        let lazy: HashSet<String> = self.lazy_paths();
        self.render_extras(&lazy);
    }

    /// Renders these gathered files that are not held yet; returns those
    /// whose bytes changed.
    fn render_extras(&mut self, paths: &HashSet<String>) -> HashSet<String> {
        let mut changed = HashSet::new();
        let mut paths: Vec<&String> = paths.iter().collect();
        paths.sort();
        for path in paths {
            if self.store.holds(path) {
                continue;
            }
            let Some(k) = (0..self.langs.len()).find(|&k| (self.owner(k))(path)) else {
                continue;
            };
            let rel = &path[self.langs[k].folder.len()..];
            let (files, _) = self.rendered(k, Part::GatheredFile(rel));
            changed.extend(self.store.update(files, &HashSet::new()));
        }
        changed
    }

    /// Renders `part` of language `k`'s edition into memory.
    fn rendered(&self, k: usize, part: Part<'_>) -> (Vec<OutFile>, Vec<Diagnostic>) {
        let model = self.model.read();
        let sink = Memory::new();
        let diags = render::render(&model.sites[k], &model.editions[k], part, &sink);
        (sink.into_files(), diags)
    }

    /// Prints language `k`'s diagnostics if they changed and decides what
    /// of it to publish.
    fn judge(&mut self, k: usize) -> Verdict {
        let model = self.model.read();
        judge_lang(&model.sites[k], &mut self.langs[k], k)
    }

    /// Tells the browsers every language's errors, or that there are none.
    fn publish_problems(&self) {
        let texts: Vec<&str> = match &self.broken {
            Some(text) => text.as_deref().into_iter().collect(),
            None => self
                .langs
                .iter()
                .filter_map(|l| l.problems.as_deref())
                .collect(),
        };
        self.hub
            .set_problems((!texts.is_empty()).then(|| texts.join("\n")));
    }

    /// Every language's gathered files.
    fn lazy_paths(&self) -> HashSet<String> {
        let model = self.model.read();
        model
            .sites
            .iter()
            .zip(&model.editions)
            .flat_map(|(site, edition)| {
                let folder = &edition.subfolder;
                lazy_paths(site, edition)
                    .into_iter()
                    .map(move |p| format!("{folder}{p}"))
            })
            .collect()
    }

    fn page_count(&self) -> usize {
        self.model
            .read()
            .sites
            .iter()
            .map(|s| s.course.pages.len())
            .sum()
    }

    fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

/// Prints language `k`'s diagnostics if they changed and decides what of
/// it to publish; keeps what it decided in `lang`.
fn judge_lang(site: &Site, lang: &mut Lang, k: usize) -> Verdict {
    let extra = [
        &lang.link_diags[..],
        &lang.quiz_diags,
        &lang.render_diags,
        &lang.pair_diags,
        &lang.theme_diags,
        &lang.file_diags,
    ];
    // book.toml is every language's: its problems are told once.
    let mut verdict = verdict::judge(site, &extra, &mut lang.printer, k == 0);
    if !lang.folder.is_empty() {
        verdict.keep = verdict
            .keep
            .into_iter()
            .map(|p| format!("{}{p}", lang.folder))
            .collect();
    }
    lang.keep = verdict.keep.clone();
    lang.problems = verdict.problems.clone();
    verdict
}

/// The theme's problems, taken out of the site's load diagnostics (and
/// kept apart, so that loading the templates again replaces them).
fn theme_diags(root: &Path, site: &mut Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let dir = site.course.config.theme_dir.clone();
    let _ = crate::render::theme::load(root, dir.as_deref(), &mut diags);
    site.load_diags.retain(|d| !diags.contains(d));
    diags
}

/// What pairing the languages again after an edit changed.
struct Paired {
    /// Per language, the pages whose alternates changed.
    switched: Vec<Vec<PageId>>,
    /// Per language, whether its pairing problems changed.
    problems_changed: Vec<bool>,
}

/// The generated files that gather every page, rendered only when asked
/// for: those [`Part::Gathered`] holds.
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
    if !edition.subfolder.is_empty() {
        // One sitemap, at the site root, lists every language.
        paths.remove("sitemap.xml");
    }
    if edition.is_trainer() {
        paths.insert(render::trainer::OVERVIEW.into());
        // `serve` keeps the pages' HTML in memory, so reading it cannot fail.
        let decks = render::trainer::decks(site).unwrap_or_default();
        paths.extend(decks.into_iter().map(|d| d.path));
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

/// Loads the course in every language: the default first, then each
/// `[language.*]`.
fn load_all(root: &Path, links_are_errors: Option<bool>) -> Vec<Site> {
    let first = load(root, None, links_are_errors);
    let codes = first.course.config.language_codes();
    let mut sites = vec![first];
    sites.extend(
        codes
            .iter()
            .map(|code| load(root, Some(code), links_are_errors)),
    );
    sites
}

/// Loads the course in one language (`None`: the default) as served: at
/// the root of this server (another language in its folder), so that the
/// 404 page, served at any depth, links from there (as `mdbook serve` does).
fn load(root: &Path, language: Option<&str>, links_are_errors: Option<bool>) -> Site {
    let mut site = Site::load_language(root, language);
    site.render_all_markdown();
    if let Some(level) = links_are_errors {
        site.course.config.links_are_errors = level;
    }
    site.course.config.site_url = Some(match language {
        Some(code) => format!("/{code}/"),
        None => "/".into(),
    });
    site
}
