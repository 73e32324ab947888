//! The one render path, and the only user of Tera's rendering: [`render`]
//! turns a [`Site`] into the files of an [`Edition`] with the templates of
//! the [`theme`] and hands them to a [`Sink`]. Templates get view structs
//! built here and in [`nav`] (never the course model itself), each page
//! only the slice of navigation it shows. The theme, the navigation and the
//! sinks are modules of their own (re-exported here), so that the site and
//! the output, which the renderer reads and writes, need not import it.

pub mod edition;
pub mod print;
mod record;
pub mod slides;
pub mod trainer;

use std::borrow::Cow;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::markdown::slug::course_key;
use crate::model::pages_under;
use crate::model::{Alternate, PageId, TocItem};
use crate::output::{Content, OutFile};
use crate::paths::root_prefix;
use crate::site::Site;
use nav::{nav_for, PageInfo};

pub use crate::output::sink::{self, Discard, Memory, Sink, SinkError};
pub use crate::{nav, theme};
pub use edition::{Audience, Edition, Part};

#[derive(Serialize)]
struct CourseView<'a> {
    title: &'a str,
    description: &'a str,
    authors: &'a [String],
    key: String,
    site_url: &'a str,
    repository_url: &'a str,
}

#[derive(Serialize, Default)]
struct PageView<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    kind: &'a str,
    /// The page's `<h1>` element, empty when it has none; the theme puts
    /// the reading time and objectives between it and `body`.
    heading: &'a str,
    /// The rest of the page's HTML.
    body: &'a str,
    has_code: bool,
    reading_minutes: usize,
    objectives: &'a [String],
    duration: u32,
    edit_url: String,
    canonical_url: String,
    quiz_ids: Vec<String>,
    number: String,
}

#[derive(Serialize)]
struct ModuleView {
    title: String,
    url: String,
    description: String,
    duration: u32,
    objectives: Vec<String>,
    page_count: usize,
    quiz_ids: Vec<String>,
    /// Output paths of its pages, for the count of pages read.
    pages: Vec<String>,
}

#[derive(Serialize)]
struct ModulePageView {
    title: String,
    url: String,
    duration: u32,
    reading_minutes: usize,
    quiz_ids: Vec<String>,
}

/// Renders `part` of `edition` and hands each file to `sink` as soon as it
/// is made, in parallel: pages, the files that gather them and the course's
/// own files side by side, the print view and the search index streamed.
/// Returns the problems: template errors, files the sink could not take,
/// and (for [`Part::Everything`]) two files with one path.
pub fn render(site: &Site, edition: &Edition, part: Part<'_>, sink: &dyn Sink) -> Vec<Diagnostic> {
    let Some(theme) = &site.theme else {
        return Vec::new();
    };
    let prefixed = sink::Prefixed {
        inner: sink,
        prefix: &edition.subfolder,
    };
    let sink: &dyn Sink = if edition.subfolder.is_empty() {
        sink
    } else {
        &prefixed
    };
    let paths = Mutex::new(Vec::new());
    let diags = Mutex::new(Vec::new());
    let mut base = base_context(site);
    base.insert("trainer", &edition.is_trainer());
    base.insert("trainer_page", &trainer::TrainerPageView::default());
    let r = Renderer {
        site,
        theme,
        edition,
        sink,
        decks: if edition.is_trainer() {
            trainer::decks(site).unwrap_or_else(|d| {
                diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                Vec::new()
            })
        } else {
            Vec::new()
        },
        base,
        paths: &paths,
        diags: &diags,
    };
    match part {
        Part::Pages(indices) => r.pages(indices.par_iter().copied()),
        Part::Gathered => r.gathered(),
        Part::GatheredFile("print.html") => r.print_view(),
        Part::GatheredFile("search-index.js") => r.search_index(),
        Part::GatheredFile(_) => r.small_gathered(),
        Part::CourseFiles => r.course_files(),
        Part::Everything => {
            rayon::join(
                || {
                    let ids = (0..site.course.pages.len()).into_par_iter();
                    r.pages(ids.map(PageId::new))
                },
                || rayon::join(|| r.gathered(), || r.course_files()),
            );
        }
    }
    let mut diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Part::Everything = part {
        diags.extend(clashes(
            paths.into_inner().unwrap_or_else(|e| e.into_inner()),
        ));
    }
    diags
}

/// An error for each path that occurs twice among `paths`: two files of
/// the site that would be written to one path.
pub fn clashes(mut paths: Vec<String>) -> Vec<Diagnostic> {
    paths.sort_unstable();
    paths
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| {
            Diagnostic::path_error(
                pair[0].clone(),
                "two files of the site would be written to this path (a course file clashes with a generated one)",
            )
            .with_note("rename your file: kurssi writes a file of this name itself")
        })
        .collect()
}

/// One render: what every file needs, and where its results go.
struct Renderer<'a> {
    site: &'a Site,
    theme: &'a theme::Theme,
    edition: &'a Edition,
    sink: &'a dyn Sink,
    /// The module decks (the trainer's edition only).
    decks: Vec<trainer::Deck>,
    /// The context keys every page shares.
    base: Context,
    /// Every path handed to the sink, to find two files with one path.
    paths: &'a Mutex<Vec<String>>,
    diags: &'a Mutex<Vec<Diagnostic>>,
}

impl Renderer<'_> {
    fn problem(&self, d: Diagnostic) {
        self.diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    fn note_path(&self, path: &str) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_owned());
    }

    /// Hands a file to the sink, or its problem to the diagnostics.
    fn take(&self, file: Result<OutFile, Diagnostic>) {
        match file {
            Ok(file) => {
                self.note_path(&file.path);
                if let Err(e) = self.sink.put(file) {
                    self.problem(e.into());
                }
            }
            Err(d) => self.problem(d),
        }
    }

    /// Streams a large file into the sink.
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        self.note_path(path);
        if let Err(e) = self.sink.stream(path, fill) {
            self.problem(e.into());
        }
    }

    /// The pages `indices`, each through its template.
    fn pages(&self, indices: impl IntoParallelIterator<Item = PageId>) {
        indices
            .into_par_iter()
            .for_each(|i| self.take(self.page_file(self.base.clone(), i)));
    }

    /// The files that gather every page: the home page when no page is
    /// one, 404, the answer key, the sitemap, and (side by side, each read
    /// the whole course) the print view and the search index.
    fn gathered(&self) {
        rayon::join(
            || self.small_gathered(),
            || rayon::join(|| self.print_view(), || self.search_index()),
        );
    }

    /// The files that gather every page but are small: all of them but
    /// the print view and the search index.
    fn small_gathered(&self) {
        let (site, theme, base, edition) = (self.site, self.theme, &self.base, self.edition);
        if !site
            .course
            .pages
            .iter()
            .any(|p| p.output_path == "index.html")
        {
            let ctx = special_context(site, base, "home", "index.html", &site.course.config.title);
            self.take(render_one(
                theme,
                "home.html",
                &ctx,
                "index.html",
                edition,
                0,
            ));
        }
        let title = site.strings.get("not-found-title");
        let ctx = special_context(site, base, "404", "404.html", title);
        self.take(render_one(theme, "404.html", &ctx, "404.html", edition, 0));
        if edition.is_trainer() {
            self.trainer_files();
        } else {
            self.record_files();
        }
        // One sitemap at the site root lists every language's pages.
        let root = edition.subfolder.is_empty();
        if let (false, true, Some(url)) = (edition.is_trainer(), root, &site.course.config.site_url)
        {
            self.take(Ok(OutFile::bytes("sitemap.xml", sitemap(site, url))));
        }
    }

    /// The files only the trainer's edition has: the answer key, the
    /// overview and a deck per module.
    fn trainer_files(&self) {
        let (site, theme, base, edition) = (self.site, self.theme, &self.base, self.edition);
        let title = site.strings.get("answers-title");
        let mut ctx = special_context(site, base, "answers", "answers.html", title);
        ctx.insert("quizzes", &answer_keys(site));
        self.take(render_one(
            theme,
            "answers.html",
            &ctx,
            "answers.html",
            edition,
            0,
        ));
        let title = site.strings.get("trainer-overview");
        let mut ctx = special_context(site, base, "trainer", trainer::OVERVIEW, title);
        let modules = trainer::overview(site, &self.decks);
        let total: u32 = modules.iter().map(|m| m.duration).sum();
        ctx.insert("trainer_modules", &modules);
        ctx.insert("total_duration", &total);
        ctx.insert(
            "has_answers",
            &site
                .course
                .pages
                .iter()
                .any(|p| !p.rendered.answer_keys.is_empty()),
        );
        self.take(render_one(
            theme,
            "trainer.html",
            &ctx,
            trainer::OVERVIEW,
            edition,
            0,
        ));
        self.decks.par_iter().for_each(|deck| {
            let page = &site.course.pages[deck.page];
            let title = &page.title;
            let mut ctx = special_context(site, base, "deck", &deck.path, title);
            ctx.insert("slides", &trainer::slide_views(site, deck));
            ctx.insert("module_url", &page.output_path);
            ctx.insert("duration", &page.front.duration.unwrap_or(0));
            ctx.insert(
                "deck_key",
                &format!("{}:{}", course_key(&site.course.config.title), deck.path),
            );
            self.take(render_one(theme, "deck.html", &ctx, &deck.path, edition, 0));
        });
    }

    /// Renders page `i` through its template: in the trainer's edition with
    /// its notes in place and its deck.
    fn page_file(&self, mut ctx: Context, i: PageId) -> Result<OutFile, Diagnostic> {
        let site = self.site;
        let html = site.html(i)?;
        if !self.edition.is_trainer() {
            return page_file(site, self.theme, &mut ctx, i, &html, self.edition);
        }
        let html = trainer::html_with_notes(
            &site.course.pages[i].rendered,
            &html,
            site.strings.get("trainer-notes"),
        );
        ctx.insert("trainer_page", &trainer::page_view(site, &self.decks, i));
        page_file(site, self.theme, &mut ctx, i, &html, self.edition)
    }

    /// `print.html`: the template rendered with a placeholder for each
    /// page, then streamed with the pages' HTML put in.
    fn print_view(&self) {
        let site = self.site;
        if !site.course.config.print {
            return;
        }
        let mut ctx = special_context(
            site,
            &self.base,
            "print",
            "print.html",
            &site.course.config.title,
        );
        ctx.insert("pages", &print::pages(site));
        match render_one(
            self.theme,
            "print.html",
            &ctx,
            "print.html",
            self.edition,
            0,
        ) {
            Ok(OutFile {
                content: Content::Bytes(shell),
                path,
            }) => {
                let shell = String::from_utf8_lossy(&shell);
                self.stream(&path, &mut |out| print::write_filled(&shell, site, out));
            }
            Ok(_) => {}
            Err(d) => self.problem(d),
        }
    }

    /// `search-index.js`, when the course has search.
    fn search_index(&self) {
        if self.site.course.config.search {
            self.stream("search-index.js", &mut |out| {
                write_search_index(self.site, out)
            });
        }
    }

    /// The files copied as they are: the theme's static files,
    /// `additional-css`/`-js`, and the course's assets; and an LMS
    /// package's own files.
    fn course_files(&self) {
        let site = self.site;
        if let Some(lms) = &self.edition.lms {
            for file in crate::scorm::files(site, lms) {
                self.take(Ok(file));
            }
        }
        for (name, bytes) in &self.theme.statics {
            if !self.edition.is_trainer() && name.starts_with("deck.") {
                continue;
            }
            self.take(Ok(OutFile::bytes(format!("theme/{name}"), bytes.clone())));
        }
        for extra in site
            .course
            .config
            .additional_css
            .iter()
            .chain(&site.course.config.additional_js)
        {
            self.take(additional_file(site, extra));
        }
        site.course.assets.par_iter().for_each(|asset| {
            self.take(Ok(OutFile {
                path: asset.clone(),
                content: Content::Copy(site.course.src_dir.join(asset)),
            }))
        });
    }
}

/// An `additional-css` or `additional-js` file, copied when it lies inside
/// the course (a link out of it is never followed).
fn additional_file(site: &Site, extra: &str) -> Result<OutFile, Diagnostic> {
    let src = site.course.root.join(extra);
    if !crate::output::is_inside_path(extra.trim_start_matches("./")) {
        return Err(Diagnostic::path_error(
            extra,
            "additional-css and additional-js files must lie inside the course folder",
        )
        .with_note("give the path relative to book.toml, without `..`"));
    }
    if std::fs::symlink_metadata(&src).is_err() {
        return Err(Diagnostic::path_error(
            extra,
            "additional file listed in book.toml does not exist",
        )
        .with_note("fix the path in `additional-css` or `additional-js`: it is relative to the course folder"));
    }
    match site.boundary().check(&src) {
        Ok(real) if real.is_file() => Ok(OutFile {
            path: extra.trim_start_matches("./").to_string(),
            content: Content::Copy(real),
        }),
        Ok(_) => Err(Diagnostic::path_error(
            extra,
            "is a folder; list the files in it one by one",
        )),
        Err(why) => {
            let (message, note) = why.describe();
            Err(Diagnostic::path_error(extra, message).with_note(note))
        }
    }
}

/// Renders page `i` through its template; `ctx` is a fresh copy of the
/// shared context.
fn page_file(
    site: &Site,
    theme: &theme::Theme,
    ctx: &mut Context,
    i: PageId,
    html: &str,
    edition: &Edition,
) -> Result<OutFile, Diagnostic> {
    fill_page_context(ctx, site, i, html, edition);
    let template = match kind_of(site, i) {
        "home" => "home.html",
        "module" => "module.html",
        _ => "page.html",
    };
    render_one(
        theme,
        template,
        ctx,
        &site.course.pages[i].output_path,
        edition,
        html.len(),
    )
}

/// Room for a page's layout around its own HTML: enough for the header, the
/// table of contents of its module and the footer, so that the output buffer
/// is allocated once.
const SHELL_BYTES: usize = 16 * 1024;

fn render_one(
    theme: &theme::Theme,
    template: &str,
    ctx: &Context,
    path: &str,
    edition: &Edition,
    content_bytes: usize,
) -> Result<OutFile, Diagnostic> {
    // Rendered into a buffer of about the right size: Tera's own `render`
    // starts small, grows by copying, and checks the UTF-8 it wrote itself.
    let mut html = Vec::with_capacity(content_bytes + SHELL_BYTES);
    match theme.tera.render_to(template, ctx, &mut html) {
        Ok(()) => {
            if let Some(inject) = &edition.inject {
                let body_end = html.windows(7).rposition(|w| w == b"</body>");
                let at = body_end.unwrap_or(html.len());
                html.splice(at..at, inject.bytes());
            }
            Ok(OutFile::bytes(path, html))
        }
        Err(e) => Err(Diagnostic::path_error(
            format!("templates/{template}"),
            format!("rendering {path} failed: {}", theme::template_error(&e)),
        )
        .with_note("fix the template of your theme that the message names")),
    }
}

/// The context keys every page shares.
fn base_context(site: &Site) -> Context {
    let c = &site.course.config;
    let mut ctx = Context::new();
    ctx.insert("lang", &c.language);
    ctx.insert("strings", &site.strings);
    ctx.insert(
        "course",
        &CourseView {
            title: &c.title,
            description: c.description.as_deref().unwrap_or(""),
            authors: &c.authors,
            key: site
                .storage_key
                .clone()
                .unwrap_or_else(|| course_key(&c.title)),
            site_url: c.site_url.as_deref().unwrap_or(""),
            repository_url: c.git_repository_url.as_deref().unwrap_or(""),
        },
    );
    ctx.insert("search", &c.search);
    ctx.insert("record", &record::view(site));
    ctx.insert("print", &c.print);
    ctx.insert(
        "generator",
        &format!("kurssi {}", env!("CARGO_PKG_VERSION")),
    );
    ctx.insert("modules", &Vec::<ModuleView>::new());
    ctx.insert("module_pages", &Vec::<ModulePageView>::new());
    ctx
}

fn kind_of(site: &Site, i: PageId) -> &'static str {
    if site.course.pages[i].output_path == "index.html" {
        "home"
    } else if site.chapter_of(i).is_some_and(|c| !c.children.is_empty()) {
        "module"
    } else {
        "page"
    }
}

/// Adds the page's link prefixes and the extra files linked with them;
/// returns the prefix for links to the site's pages ([`link_root`]).
fn add_root_relative(ctx: &mut Context, site: &Site, kind: &str, path: &str) -> String {
    let root = root_prefix(path);
    let c = &site.course.config;
    let rel = |v: &Vec<String>| -> Vec<String> {
        v.iter()
            .map(|p| format!("{root}{}", p.trim_start_matches("./")))
            .collect()
    };
    ctx.insert("additional_css", &rel(&c.additional_css));
    ctx.insert("additional_js", &rel(&c.additional_js));
    ctx.insert("root", &root);
    let links = link_root(site, kind, &root);
    ctx.insert("link_root", &links);
    links
}

/// Puts page `i`'s own keys into `ctx`, a copy of the shared context.
fn fill_page_context(ctx: &mut Context, site: &Site, i: PageId, html: &str, edition: &Edition) {
    let p = &site.course.pages[i];
    let r = &p.rendered;
    let c = &site.course.config;
    let kind = kind_of(site, i);
    let links = add_root_relative(ctx, site, kind, &p.output_path);
    let chapter = site.chapter_of(i);
    let (heading, body) = split_heading(html, r.has_h1);
    ctx.insert(
        "page",
        &PageView {
            title: &p.title,
            description: p
                .front
                .description
                .as_deref()
                .or(c.description.as_deref())
                .unwrap_or(""),
            path: &p.output_path,
            kind,
            heading,
            body,
            has_code: r.has_code,
            reading_minutes: site.reading_minutes(i),
            objectives: &p.front.objectives,
            duration: p.front.duration.unwrap_or(0),
            edit_url: c
                .edit_url_template
                .as_deref()
                .map(|t| t.replace("{path}", &p.source_path))
                .unwrap_or_default(),
            canonical_url: c
                .site_url
                .as_deref()
                .map(|u| format!("{u}{}", p.output_path))
                .unwrap_or_default(),
            quiz_ids: site.quiz_ids(i),
            number: nav::number_label(chapter.and_then(|c| c.number.as_deref())),
        },
    );
    ctx.insert("nav", &nav_view(site, Some(i), &links));
    ctx.insert("languages", &languages_view(site, i, &links, edition));
    let home_modules = if kind == "home" {
        modules(site)
    } else {
        Vec::new()
    };
    let course_minutes: u32 = home_modules.iter().map(|m| m.duration).sum();
    ctx.insert("course_minutes", &course_minutes);
    ctx.insert("modules", &home_modules);
    let mut module_pages = Vec::new();
    if let (Some(ch), "module") = (chapter, kind) {
        let mut under = Vec::new();
        pages_under(ch, &mut under);
        module_pages = under
            .into_iter()
            .filter(|&j| j != i)
            .map(|j| ModulePageView {
                title: site.course.pages[j].title.clone(),
                url: site.course.pages[j].output_path.clone(),
                duration: site.course.pages[j].front.duration.unwrap_or(0),
                reading_minutes: site.reading_minutes(j),
                quiz_ids: site.quiz_ids(j),
            })
            .collect();
    }
    ctx.insert("module_pages", &module_pages);
}

#[derive(Serialize)]
struct LanguageView<'a> {
    code: &'a str,
    name: &'a str,
    href: String,
    /// Its address for `<link rel="alternate" hreflang>`: absolute under
    /// the site URL when there is one (as search engines want it), else `href`.
    url: String,
    translated: bool,
    current: bool,
}

/// The language switcher of page `i`: each language's version of it,
/// linked relative to the page (through the site root, which is above a
/// language's own folder).
fn languages_view<'a>(
    site: &'a Site,
    i: PageId,
    links: &str,
    edition: &Edition,
) -> Vec<LanguageView<'a>> {
    let alternates = &site.course.pages[i].alternates;
    if alternates.is_empty() {
        return Vec::new();
    }
    let up = "../".repeat(edition.subfolder.matches('/').count());
    // The site URL of another language is its folder's; the paths are from
    // the site root.
    let root_url = site.course.config.site_url.as_deref().map(|url| {
        url.strip_suffix(edition.subfolder.as_str())
            .unwrap_or(url)
            .to_owned()
    });
    alternates
        .iter()
        .map(|a| {
            let href = format!("{links}{up}{}", a.path);
            LanguageView {
                code: &a.code,
                name: &a.name,
                url: root_url
                    .as_ref()
                    .map_or_else(|| href.clone(), |root| format!("{root}{}", a.path)),
                href,
                translated: a.translated,
                current: a.current,
            }
        })
        .collect()
}

/// Splits a page's HTML after its first `</h1>`, when it has one.
fn split_heading(html: &str, has_h1: bool) -> (&str, &str) {
    const END: &str = "</h1>";
    match has_h1.then(|| html.find(END)).flatten() {
        Some(at) => html.split_at(at + END.len()),
        None => ("", html),
    }
}

/// The navigation of a page with its table of contents rendered, its links
/// starting with `links`.
fn nav_view(site: &Site, current: Option<PageId>, links: &str) -> nav::Nav {
    let mut nav = nav_for(&site.course.toc, &site.toc_index, current, site);
    nav::items_html(
        &nav.items,
        links,
        site.strings.get("draft-chapter"),
        &mut nav.html,
    );
    nav
}

/// The prefix of links to the site's pages: the relative `root`, except on
/// 404.html, which is served from any depth, so it uses the site URL when
/// there is one (as mdBook's site-url does).
fn link_root(site: &Site, kind: &str, root: &str) -> String {
    match site.course.config.site_url.as_deref() {
        Some(url) if kind == "404" && !url.is_empty() => {
            format!("{}/", url.trim_end_matches('/'))
        }
        _ => root.to_owned(),
    }
}

fn special_context(site: &Site, base: &Context, kind: &str, path: &str, title: &str) -> Context {
    let mut ctx = base.clone();
    let links = add_root_relative(&mut ctx, site, kind, path);
    ctx.insert(
        "page",
        &PageView {
            title,
            description: site.course.config.description.as_deref().unwrap_or(""),
            path,
            kind,
            canonical_url: site
                .course
                .config
                .site_url
                .as_deref()
                .filter(|_| kind == "home")
                .map(|u| u.to_string())
                .unwrap_or_default(),
            ..PageView::default()
        },
    );
    ctx.insert("nav", &nav_view(site, None, &links));
    if kind == "home" {
        let modules = modules(site);
        let course_minutes: u32 = modules.iter().map(|m| m.duration).sum();
        ctx.insert("course_minutes", &course_minutes);
        ctx.insert("modules", &modules);
    }
    ctx
}

/// The course map: top-level chapters that have sub-chapters, and
/// top-level pages with a quiz (such as a final test), so that overall
/// progress counts every quiz.
fn modules(site: &Site) -> Vec<ModuleView> {
    site.course
        .toc
        .iter()
        .filter_map(|item| match item {
            TocItem::Chapter(c) if !c.children.is_empty() => Some(c),
            TocItem::Chapter(c)
                if c.page.is_some_and(|p| {
                    !site.course.pages[p].rendered.quizzes.is_empty()
                        && site.course.pages[p].output_path != "index.html"
                }) =>
            {
                Some(c)
            }
            _ => None,
        })
        .map(|c| {
            let mut under = Vec::new();
            pages_under(c, &mut under);
            let front = c.page.map(|p| &site.course.pages[p].front);
            ModuleView {
                title: nav::chapter_title(c, site),
                url: c
                    .page
                    .or(under.first().copied())
                    .map(|p| site.course.pages[p].output_path.clone())
                    .unwrap_or_default(),
                description: front
                    .and_then(|f| f.description.clone())
                    .unwrap_or_default(),
                duration: front.and_then(|f| f.duration).unwrap_or(0),
                objectives: front.map(|f| f.objectives.clone()).unwrap_or_default(),
                page_count: under.len(),
                quiz_ids: under.iter().flat_map(|&p| site.quiz_ids(p)).collect(),
                pages: under
                    .iter()
                    .map(|&p| site.course.pages[p].output_path.clone())
                    .collect(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct AnswerKeyView<'a> {
    page_title: &'a str,
    page_url: &'a str,
    html: &'a str,
}

fn answer_keys(site: &Site) -> Vec<AnswerKeyView<'_>> {
    site.course
        .pages
        .iter()
        .flat_map(|page| {
            page.rendered
                .answer_keys
                .iter()
                .map(move |html| AnswerKeyView {
                    page_title: &page.title,
                    page_url: &page.output_path,
                    html,
                })
        })
        .collect()
}

/// Writes `search-index.js` (nothing when the course has no search).
pub fn write_search_index(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let Some(vocabulary) = &site.vocabulary else {
        return Ok(());
    };
    // Sized at once and borrowed where they can be: this runs beside the
    // pages' rendering, at a large build's peak of memory.
    let count = site
        .course
        .pages
        .iter()
        .map(|p| p.rendered.sections.len())
        .sum();
    let mut titles: Vec<Cow<str>> = Vec::with_capacity(count);
    let mut urls: Vec<Cow<str>> = Vec::with_capacity(count);
    for page in &site.course.pages {
        let path = &page.output_path;
        for s in &page.rendered.sections {
            urls.push(match &s.id {
                Some(id) => Cow::Owned(format!("{path}#{id}")),
                None => Cow::Borrowed(path),
            });
            titles.push(if s.title.is_empty() || s.title == page.title {
                Cow::Borrowed(&page.title)
            } else {
                Cow::Owned(format!("{} › {}", page.title, s.title))
            });
        }
    }
    let sections = site.course.pages.iter().flat_map(|p| &p.rendered.sections);
    let mut docs: Vec<crate::search::IndexDoc> = Vec::with_capacity(count);
    docs.extend(
        sections
            .zip(urls.iter().zip(&titles))
            .map(|(s, (url, title))| crate::search::IndexDoc {
                url,
                title,
                stored: &s.text,
                terms: &s.terms,
            }),
    );
    crate::search::write_index(vocabulary, &docs, out)
}

/// `sitemap.xml`: every page at its address under `base` (the site URL).
/// In a course with several languages (then `site` is the default
/// language's), every language's pages, each with its translations as
/// `xhtml:link` alternates, itself included, as Google's sitemaps of
/// localized pages have them.
fn sitemap(site: &Site, base: &str) -> String {
    let pages = &site.course.pages;
    let several = pages.iter().any(|p| !p.alternates.is_empty());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if several {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    let escape = crate::markdown::page::escape;
    let mut url = |path: &str, alternates: &[Alternate]| {
        let versions: Vec<_> = alternates.iter().filter(|a| a.translated).collect();
        let loc = escape(&format!("{base}{path}"));
        // A page with no translation has no alternates to list.
        if versions.len() < 2 {
            xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
            return;
        }
        xml.push_str(&format!("  <url>\n    <loc>{loc}</loc>\n"));
        for a in versions {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(&a.code),
                escape(&format!("{base}{}", a.path))
            ));
        }
        xml.push_str("  </url>\n");
    };
    if !pages.iter().any(|p| p.output_path == "index.html") {
        url("index.html", &[]);
    }
    for page in pages {
        url(&page.output_path, &page.alternates);
    }
    let own = |alternates: &[Alternate]| {
        alternates
            .iter()
            .find(|a| a.current)
            .map(|a| a.path.clone())
    };
    // Another language's home page is generated when none of its pages is one.
    let languages = pages.iter().next().map_or(&[][..], |p| &p.alternates);
    for language in languages.iter().skip(1) {
        let home = format!("{}/index.html", language.code);
        if !site
            .other_pages
            .iter()
            .any(|a| own(a).as_ref() == Some(&home))
        {
            url(&home, &[]);
        }
    }
    for alternates in &site.other_pages {
        if let Some(path) = own(alternates) {
            url(&path, alternates);
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests;
