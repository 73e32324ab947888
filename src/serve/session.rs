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
//!
//! A course in several languages is served whole: each `[language.<code>]`
//! edition under `/<code>/` beside the default language's at the root, every
//! language's source folder watched. An edit redoes only its own language's
//! pages, and those of another language only where it changed which pages
//! are paired (their language switcher).

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
    /// The edition served (the participants' or the trainer's), before
    /// each language puts it in its folder.
    base: Edition,
    /// `--links`, applied again on every full reload.
    links_are_errors: Option<bool>,
    quiet: bool,
    /// The course in each of its languages: the default first, then each
    /// `[language.*]` in book.toml's order.
    sites: Vec<Site>,
    /// What is kept of each language between edits, parallel to `sites`.
    langs: Vec<Lang>,
    store: Arc<Store>,
    hub: Arc<Hub>,
}

/// One language's edition as it is served.
struct Lang {
    /// How it is rendered: under its folder (`en/`), none for the default.
    edition: Edition,
    known: Known,
    /// Problems of links and anchors.
    link_diags: Vec<Diagnostic>,
    /// Quiz ids used twice.
    quiz_diags: Vec<Diagnostic>,
    /// Problems of rendering the templates.
    render_diags: Vec<Diagnostic>,
    /// Problems of pairing its pages with the default language's.
    pair_diags: Vec<Diagnostic>,
    /// Whether the last rebuild kept its whole last good edition.
    blocked: bool,
    /// Site paths (with the language's folder) of pages with errors,
    /// whose last good version is kept.
    keep: HashSet<String>,
    /// Pages whose served version may lag behind an edit of another page,
    /// rendered again in the background.
    behind: BTreeSet<usize>,
    /// Whether its files that gather every page lag behind its pages.
    stale: bool,
    /// Its errors as text for the browser.
    problems: Option<String>,
    printer: Printer,
}

impl Session {
    /// Builds the course at `root` (absolute), in every language, and
    /// publishes it into `store`.
    pub fn start(
        root: PathBuf,
        edition: Edition,
        links_are_errors: Option<bool>,
        quiet: bool,
        store: Arc<Store>,
        hub: Arc<Hub>,
    ) -> Session {
        let started = Instant::now();
        let mut session = Session {
            root,
            base: edition,
            links_are_errors,
            quiet,
            sites: Vec::new(),
            langs: Vec::new(),
            store,
            hub,
        };
        session.load_all();
        session.render_all(true);
        let n = session.page_count();
        session.status(&format!(
            "Built {n} pages in {} ms",
            started.elapsed().as_millis()
        ));
        session
    }

    /// The course title, for messages.
    pub fn title(&self) -> &str {
        &self.sites[0].course.config.title
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
        // The theme is every language's: each sees the same change.
        let statics = plans.iter().find_map(|p| match p {
            Plan::ThemeStatics(paths) => Some(paths.clone()),
            _ => None,
        });
        if let Some(statics) = statics {
            self.update_statics(&statics);
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

    /// Loads every language of the course again and pairs their pages;
    /// each language's printer is kept, so unchanged problems are not
    /// printed again.
    fn load_all(&mut self) {
        let mut sites = load_all(&self.root, self.links_are_errors);
        let pair_diags = crate::languages::pair_checked(&mut sites);
        let mut printers: Vec<Printer> = self.langs.drain(..).map(|l| l.printer).collect();
        printers.resize_with(sites.len(), || Printer::new(self.quiet));
        let default = sites[0].course.config.language.clone();
        self.langs = sites
            .iter()
            .zip(pair_diags)
            .zip(printers)
            .map(|((site, pair_diags), printer)| Lang {
                edition: self
                    .base
                    .clone()
                    .in_subfolder(crate::languages::subfolder(site, &default)),
                known: Known::of(site, &self.root),
                link_diags: Vec::new(),
                quiz_diags: Vec::new(),
                render_diags: Vec::new(),
                pair_diags,
                blocked: false,
                keep: HashSet::new(),
                behind: BTreeSet::new(),
                stale: false,
                problems: None,
                printer,
            })
            .collect();
        self.sites = sites;
    }

    /// Loads and renders the whole course again.
    fn reload(&mut self, why: &str) {
        let started = Instant::now();
        self.load_all();
        self.render_all(false);
        let n = self.page_count();
        self.status(&format!(
            "{why}: rebuilt all {n} pages in {} ms",
            started.elapsed().as_millis()
        ));
    }

    /// Checks and renders every file of every language and publishes what
    /// may be published.
    fn render_all(&mut self, first: bool) {
        let mut rendered = Vec::with_capacity(self.sites.len());
        for k in 0..self.sites.len() {
            let site = &self.sites[k];
            let link_diags = crate::check::links(site);
            let quiz_diags = crate::check::quiz_ids(site);
            let (files, render_diags) = self.rendered(k, Part::Everything);
            let lang = &mut self.langs[k];
            lang.link_diags = link_diags;
            lang.quiz_diags = quiz_diags;
            lang.render_diags = render_diags;
            lang.behind.clear();
            let verdict = self.judge(k);
            self.langs[k].blocked = verdict.blocked;
            rendered.push((files, verdict));
        }
        let any_blocked = rendered.iter().any(|(_, v)| v.blocked);
        let mut replaced = false;
        if first || !any_blocked {
            // The first build has no last good site: serve what there is.
            // Everything is replaced, so a language no longer in book.toml
            // is no longer served.
            let mut keep = HashSet::new();
            let mut all = Vec::new();
            for (files, verdict) in rendered {
                keep.extend(verdict.keep);
                all.extend(files);
            }
            self.store.replace_all(all, &keep);
            replaced = true;
            self.langs.iter_mut().for_each(|l| l.stale = false);
        } else {
            for (k, (files, verdict)) in rendered.into_iter().enumerate() {
                if !verdict.blocked {
                    let owned = self.owner(k);
                    self.store.replace_owned(files, &verdict.keep, &owned);
                    self.langs[k].stale = false;
                    replaced = true;
                }
            }
        }
        self.store.set_lazy(self.lazy_paths());
        self.store
            .set_stale(self.langs.iter().any(|l| l.stale && !l.blocked));
        self.publish_problems();
        if !first && replaced {
            self.hub.reload(Target::All);
        }
    }

    /// Which site paths are language `k`'s: those under its folder, or for
    /// the default language, those under no other language's folder.
    fn owner(&self, k: usize) -> impl Fn(&str) -> bool {
        let folders: Vec<String> = self
            .langs
            .iter()
            .map(|l| l.edition.subfolder.clone())
            .filter(|f| !f.is_empty())
            .collect();
        let own = self.langs[k].edition.subfolder.clone();
        move |path: &str| {
            if own.is_empty() {
                !folders.iter().any(|f| path.starts_with(f.as_str()))
            } else {
                path.starts_with(own.as_str())
            }
        }
    }

    /// Redoes language `k`'s pages whose files (or included files)
    /// changed; true when that turned into loading the whole course again.
    fn update(&mut self, k: usize, pages: &BTreeSet<usize>, assets: bool) -> bool {
        let started = Instant::now();
        let mut first = BTreeSet::new();
        let mut navigation = false;
        for &i in pages {
            let site = &mut self.sites[k];
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
                    self.reload(&format!("{shown} changed its place in the course"));
                    return true;
                }
            }
        }
        if first.is_empty() && !assets {
            return false;
        }
        // `translation-of` or a quiz's questions may pair pages otherwise.
        let paired = self.pair_again();
        first.extend(paired.switched[k].iter().copied());
        self.langs[k].quiz_diags = crate::check::quiz_ids(&self.sites[k]);
        if self.langs[k].blocked {
            // The last good edition was kept whole; only a full render catches up.
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
        self.recheck_links(k, &indices);
        let (files, render_diags) = self.rendered(k, Part::Pages(&indices));
        self.langs[k].render_diags = render_diags;
        let verdict = self.judge(k);
        if verdict.blocked {
            self.langs[k].blocked = true;
            self.publish_problems();
            return false;
        }
        // Stale before the reload is announced: a browser that reloads and
        // asks for the print view at once must get it refreshed, not the
        // version from before the edit.
        self.mark_stale(k);
        let changed = self.store.update(files, &verdict.keep);
        self.publish_problems();
        if assets {
            self.hub.reload(Target::All);
        } else {
            self.hub.reload(Target::Pages(&changed));
        }
        let folder = &self.langs[k].edition.subfolder;
        let names: Vec<String> = indices
            .iter()
            .map(|&i| format!("{folder}{}", self.sites[k].course.pages[i].output_path))
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
        if navigation {
            // Links into the edited pages may have broken or been mended.
            self.langs[k].link_diags = crate::check::links(&self.sites[k]);
            let verdict = self.judge(k);
            self.publish_problems();
            let site = &self.sites[k];
            let near: BTreeSet<usize> = first
                .iter()
                .flat_map(|&i| depends::showing(site, i))
                .filter(|i| !first.contains(i))
                .collect();
            let near_list: Vec<usize> = near.iter().copied().collect();
            let (files, _) = self.rendered(k, Part::Pages(&near_list));
            let changed = self.store.update(files, &verdict.keep);
            self.hub.reload(Target::Pages(&changed));
            self.langs[k].behind = (0..self.sites[k].course.pages.len())
                .filter(|i| !first.contains(i) && !near.contains(i))
                .collect();
        }
        // A page showing one of the stale files is reloaded with it now.
        if self.hub.viewing(&self.lazy_paths()) {
            self.refresh_extras();
        }
        false
    }

    /// Pairs the languages' pages again after an edit: which pages'
    /// alternates changed in each language, and whose pairing problems.
    fn pair_again(&mut self) -> Paired {
        let n = self.sites.len();
        let mut paired = Paired {
            switched: vec![Vec::new(); n],
            problems_changed: vec![false; n],
        };
        if n < 2 {
            return paired;
        }
        let before: Vec<_> = self.sites.iter().map(|s| s.alternates.clone()).collect();
        let problems = crate::languages::pair_checked(&mut self.sites);
        for (k, (site, old)) in self.sites.iter().zip(before).enumerate() {
            paired.switched[k] = (0..site.alternates.len())
                .filter(|&i| old.get(i) != site.alternates.get(i))
                .collect();
        }
        for (k, (lang, new)) in self.langs.iter_mut().zip(problems).enumerate() {
            paired.problems_changed[k] = lang.pair_diags != new;
            lang.pair_diags = new;
        }
        paired
    }

    /// After an edit in language `k`: the other languages' pages whose
    /// language switcher changed are rendered again, and their problems
    /// told; the sitemap, which lists every pair, is marked stale.
    fn follow_pairing(&mut self, k: usize, paired: &Paired) {
        if paired.switched.iter().any(|s| !s.is_empty()) {
            self.mark_stale(0);
        }
        for m in (0..self.sites.len()).filter(|&m| m != k) {
            if paired.switched[m].is_empty() && !paired.problems_changed[m] {
                continue;
            }
            let verdict = self.judge(m);
            self.publish_problems();
            if verdict.blocked || self.langs[m].blocked {
                continue;
            }
            let (files, _) = self.rendered(m, Part::Pages(&paired.switched[m]));
            let changed = self.store.update(files, &verdict.keep);
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
        for path in paths {
            let read = self.sites[0].boundary().read(path);
            let (Ok(rel), Ok(bytes)) = (path.strip_prefix(&dir), read) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            for (site, lang) in self.sites.iter_mut().zip(&self.langs) {
                if let Some(theme) = site.theme.as_mut() {
                    theme.statics.insert(rel.clone(), bytes.clone());
                }
                files.push(OutFile::bytes(
                    format!("{}theme/{rel}", lang.edition.subfolder),
                    bytes.clone(),
                ));
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

    /// Whether pages are waiting to be rendered in the background.
    pub fn has_background_work(&self) -> bool {
        self.langs
            .iter()
            .any(|l| !l.behind.is_empty() && !l.blocked)
    }

    /// Renders the next few pages that lag behind and reloads those that changed.
    pub fn background_step(&mut self) {
        let Some(k) = self
            .langs
            .iter()
            .position(|l| !l.behind.is_empty() && !l.blocked)
        else {
            return;
        };
        let lang = &mut self.langs[k];
        let step: Vec<usize> = lang.behind.iter().copied().take(BACKGROUND_STEP).collect();
        for i in &step {
            lang.behind.remove(i);
        }
        let (files, _) = self.rendered(k, Part::Pages(&step));
        let changed = self.store.update(files, &self.langs[k].keep);
        self.hub.reload(Target::Pages(&changed));
    }

    /// Checks the links of these pages of language `k` again, keeping the
    /// other pages' results.
    fn recheck_links(&mut self, k: usize, pages: &[usize]) {
        let site = &self.sites[k];
        let files: HashSet<usize> = pages.iter().map(|&i| site.course.pages[i].file).collect();
        let lang = &mut self.langs[k];
        lang.link_diags
            .retain(|d| !matches!(d.location, Location::Span(f, _) if files.contains(&f)));
        lang.link_diags.extend(crate::check::links_of(site, pages));
    }

    /// Marks language `k`'s files that gather every page stale.
    fn mark_stale(&mut self, k: usize) {
        self.langs[k].stale = true;
        self.store.set_stale(true);
    }

    /// Refreshes the files that gather every page (print view, answers,
    /// search index, 404) of each language whose pages were edited, which
    /// edits only mark stale.
    pub fn refresh_extras(&mut self) {
        if !self.store.is_stale() {
            return;
        }
        for k in 0..self.sites.len() {
            if !self.langs[k].stale {
                continue;
            }
            // With the last good edition kept whole, its versions are the ones to serve.
            if !self.langs[k].blocked {
                let (files, diags) = self.rendered(k, Part::Gathered);
                if diags.is_empty() {
                    let changed = self.store.update(files, &HashSet::new());
                    self.hub.reload(Target::Pages(&changed));
                }
            }
            self.langs[k].stale = false;
        }
        self.store.set_stale(false);
    }

    /// Renders `part` of language `k`'s edition into memory.
    fn rendered(&self, k: usize, part: Part<'_>) -> (Vec<OutFile>, Vec<Diagnostic>) {
        let sink = Memory::new();
        let diags = render::render(&self.sites[k], &self.langs[k].edition, part, &sink);
        (sink.into_files(), diags)
    }

    /// Prints language `k`'s diagnostics if they changed and decides what
    /// of it to publish.
    fn judge(&mut self, k: usize) -> Verdict {
        let lang = &mut self.langs[k];
        let extra = [
            &lang.link_diags[..],
            &lang.quiz_diags,
            &lang.render_diags,
            &lang.pair_diags,
        ];
        // book.toml is every language's: its problems are told once.
        let mut verdict = verdict::judge(&self.sites[k], &extra, &mut lang.printer, k == 0);
        let folder = &lang.edition.subfolder;
        if !folder.is_empty() {
            verdict.keep = verdict
                .keep
                .into_iter()
                .map(|p| format!("{folder}{p}"))
                .collect();
        }
        lang.keep = verdict.keep.clone();
        lang.problems = verdict.problems.clone();
        verdict
    }

    /// Tells the browsers every language's errors, or that there are none.
    fn publish_problems(&self) {
        let texts: Vec<&str> = self
            .langs
            .iter()
            .filter_map(|l| l.problems.as_deref())
            .collect();
        self.hub
            .set_problems((!texts.is_empty()).then(|| texts.join("\n")));
    }

    /// Every language's files that are refreshed only when asked for.
    fn lazy_paths(&self) -> HashSet<String> {
        self.sites
            .iter()
            .zip(&self.langs)
            .flat_map(|(site, lang)| {
                let folder = &lang.edition.subfolder;
                lazy_paths(site, &lang.edition)
                    .into_iter()
                    .map(move |p| format!("{folder}{p}"))
            })
            .collect()
    }

    fn page_count(&self) -> usize {
        self.sites.iter().map(|s| s.course.pages.len()).sum()
    }

    fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

/// What pairing the languages again after an edit changed.
struct Paired {
    /// Per language, the pages whose alternates changed.
    switched: Vec<Vec<usize>>,
    /// Per language, whether its pairing problems changed.
    problems_changed: Vec<bool>,
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
    if !edition.subfolder.is_empty() {
        // One sitemap, at the site root, lists every language.
        paths.remove("sitemap.xml");
    }
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

/// Loads the course in every language: the default first, then each
/// `[language.*]`.
fn load_all(root: &Path, links_are_errors: Option<bool>) -> Vec<Site> {
    let first = load(root, None, links_are_errors);
    let codes: Vec<String> = first
        .course
        .config
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
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
