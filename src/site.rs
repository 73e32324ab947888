//! A course being built: the loaded course with the theme and what every
//! page's rendering needs, and the rendering of the pages' Markdown into
//! the model ([`crate::model::Page`]), kept so that `serve` can re-render
//! one page and redo only what depends on it. [`render_page`] is one
//! page's whole Markdown stage: the Markdown walk with the quiz and
//! worksheet hooks, then the analysis of its text.

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;

use crate::analysis;
use crate::boundary::Boundary;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load;
use crate::markdown::page::{self, Labels, PageInput};
use crate::markdown::Typography;
use crate::model::{
    chapter_mut, Alternate, Chapter, Course, PageHtml, PageId, RenderedPage, TocIndex,
};
use crate::nav::PageInfo;
use crate::quiz::PageQuizzes;
use crate::search::{self, Vocabulary};
use crate::source::{FileId, OffsetMap};
use crate::spool::Spool;
use crate::theme::{self, Theme};
use crate::worksheet::PageWorksheets;

/// Sections a page has, about: how much of each section's text the search
/// index keeps must be known before the pages are rendered, and so comes
/// from the number of pages.
const SECTIONS_PER_PAGE: usize = 5;

/// Pages rendered per parallel task, at most (see
/// [`Site::render_all_markdown_once`]).
const PAGES_PER_TASK: usize = 4;

/// A loaded course, its pages rendered into its model.
pub struct Site {
    /// The course model, every page's rendering included.
    pub course: Course,
    /// The theme, or `None` when its templates do not compile.
    pub theme: Option<Theme>,
    /// UI strings of the course language.
    pub strings: Strings,
    /// The words of those a page's Markdown shows.
    pub labels: Labels,
    /// Quote style of the course language.
    pub typography: Typography,
    /// Where each page sits in the table of contents.
    pub toc_index: TocIndex,
    /// Diagnostics of loading and the theme.
    pub load_diags: Vec<Diagnostic>,
    /// The search keys of every page's text, when the course has search.
    pub vocabulary: Option<Vocabulary>,
    /// In the default language's site of a course in several languages:
    /// every page of the other languages with its versions (as in
    /// [`crate::model::Page::alternates`]), for the one `sitemap.xml` that
    /// lists them all.
    pub other_pages: Vec<Vec<Alternate>>,
    /// The key quiz results are kept under in the browser, when it is not
    /// this edition's own title's (every language shares the default's).
    pub storage_key: Option<String>,
    boundary: Boundary,
    /// Where a one-off build sets its pages' HTML aside (see
    /// [`Site::render_all_markdown_once`]).
    spool: Option<Spool>,
}

impl Site {
    /// What the course may read: see [`crate::boundary`].
    pub fn boundary(&self) -> &Boundary {
        &self.boundary
    }

    /// Loads the course at `root` and its theme, and renders every page's Markdown.
    pub fn load(root: &Path) -> Site {
        let mut site = Site::load_unrendered(root);
        site.render_all_markdown();
        site
    }

    /// Loads the course at `root` and its theme; the pages' Markdown is
    /// left for [`Site::render_all_markdown`].
    pub fn load_unrendered(root: &Path) -> Site {
        Site::load_language(root, None)
    }

    /// Loads the course at `root` in one of its languages (`None`: the
    /// default one; see [`load::load_language`]), unrendered.
    pub fn load_language(root: &Path, language: Option<&str>) -> Site {
        let mut load_diags = Vec::new();
        let course = load::load_language(root, language, &mut load_diags);
        let theme = theme::load(root, course.config.theme_dir.as_deref(), &mut load_diags);
        let strings = Strings::new(&course.config.language, &course.config.strings);
        let labels = Labels::from_strings(|key| strings.get(key).to_owned());
        let typography = if course.config.smart_quotes {
            Typography::for_language(&course.config.language)
        } else {
            Typography::Plain
        };
        let boundary = Boundary::new(root);
        let toc_index = TocIndex::new(&course.toc, course.pages.len());
        let vocabulary = course
            .config
            .search
            .then(|| Vocabulary::new(&course.config.language));
        Site {
            vocabulary,
            toc_index,
            course,
            theme,
            strings,
            labels,
            typography,
            load_diags,
            boundary,
            other_pages: Vec::new(),
            storage_key: None,
            spool: None,
        }
    }

    /// Page `i`'s body HTML, read back from the spool if it was set aside.
    pub fn html(&self, i: PageId) -> Result<Cow<'_, str>, Diagnostic> {
        match &self.course.pages[i].rendered.html {
            PageHtml::InMemory(html) => Ok(Cow::Borrowed(html)),
            PageHtml::Spooled(at) => self
                .spool
                .as_ref()
                .ok_or_else(|| std::io::Error::other("the temporary file is gone"))
                .and_then(|spool| spool.get(*at))
                .map(Cow::Owned)
                .map_err(|e| {
                    Diagnostic::path_error(
                        self.course.pages[i].output_path.clone(),
                        format!("cannot read the page's HTML back from its temporary file: {e}"),
                    )
                    .with_note(
                        "check that the system's temporary folder (TMPDIR) has room and can be \
                         read, and build again",
                    )
                }),
        }
    }

    /// Renders every page's Markdown, in parallel.
    pub fn render_all_markdown(&mut self) {
        let results: Vec<(RenderedPage, Vec<Diagnostic>)> = (0..self.course.pages.len())
            .into_par_iter()
            .with_max_len(PAGES_PER_TASK)
            .map(|i| self.render_markdown(PageId::new(i)))
            .collect();
        for (page, (rendered, diags)) in self.course.pages.iter_mut().zip(results) {
            page.rendered = rendered;
            page.diagnostics = diags;
        }
        self.resolve_titles();
    }

    /// Gives every rendered page its final title.
    fn resolve_titles(&mut self) {
        for id in self.course.pages.ids() {
            self.course.pages[id].title = self.resolve_title(id);
        }
    }

    /// Renders every page's Markdown, in parallel, for a one-off build:
    /// each page's text is freed as soon as the page is rendered (unless
    /// its diagnostics quote it); so is a body that its includes changed
    /// (it is not needed for diagnostics, which point into the files).
    /// [`crate::source::Sources::reread`] brings a text back for a later
    /// diagnostic. Each page's HTML goes to a [`Spool`] (kept in memory
    /// when there is none to be had), to be read back by the templates:
    /// then the memory a build holds is that of the pages' structure, not
    /// of their text or HTML.
    pub fn render_all_markdown_once(&mut self) {
        self.spool = Spool::new().ok();
        // Cloned, then released: a file shown as two pages stays whole
        // until both are rendered.
        let sources = &mut self.course.sources;
        let texts: Vec<_> = self
            .course
            .pages
            .iter()
            .map(|p| sources.get(p.file).text.clone())
            .collect();
        let page_files: std::collections::HashSet<_> =
            self.course.pages.iter().map(|p| p.file).collect();
        sources.release_texts(|id| !page_files.contains(&id));
        // The bodies that includes changed go the same way: each is dropped
        // once its page is rendered.
        let expanded: Vec<_> = self
            .course
            .pages
            .iter_mut()
            .map(|p| p.body.expanded.take())
            .collect();
        let this = &*self;
        let results: Vec<_> = texts
            .into_par_iter()
            .zip(expanded)
            // Small tasks: rayon otherwise leaves runs of hundreds of pages
            // unsplit, and at the end of a large course one core renders
            // the last run alone while the other waits (200 ms at 10,000
            // pages). A task costs about a microsecond, a page hundreds.
            .with_max_len(PAGES_PER_TASK)
            .enumerate()
            .map(|(i, (text, expanded))| {
                let i = PageId::new(i);
                let body_offset = this.course.pages[i].body_offset;
                let body = match &expanded {
                    Some(body) => body,
                    None => &text[body_offset.min(text.len())..],
                };
                let (mut rendered, diags) = this.render_markdown_body(i, body);
                if let (Some(spool), PageHtml::InMemory(html)) = (&this.spool, &rendered.html) {
                    if let Ok(at) = spool.put(html) {
                        rendered.html = PageHtml::Spooled(at);
                    }
                }
                let quoted = (!diags.is_empty()).then_some(text);
                (rendered, diags, quoted)
            })
            .collect();
        for (page, (rendered, diags, quoted)) in self.course.pages.iter_mut().zip(results) {
            if let Some(text) = quoted {
                self.course.sources.restore_text(page.file, text);
            }
            page.rendered = rendered;
            page.diagnostics = diags;
        }
        self.resolve_titles();
    }

    /// Expands page `i`'s includes again (the page or a file it includes
    /// changed) and re-renders its Markdown; returns whether its title or
    /// headings changed, which means other pages' navigation and link
    /// checks must be redone.
    pub fn rerender_page(&mut self, i: PageId) -> bool {
        self.expand_page(i);
        let (rendered, diags) = self.render_markdown(i);
        let old = &self.course.pages[i].rendered;
        let changed = rendered.headings != old.headings
            || rendered.ids != old.ids
            || rendered.quizzes.len() != old.quizzes.len();
        let page = &mut self.course.pages[i];
        page.rendered = rendered;
        page.diagnostics = diags;
        let title = self.resolve_title(i);
        let page = &mut self.course.pages[i];
        let title_changed = title != page.title;
        page.title = title;
        changed || title_changed
    }

    /// Takes new text for page `i`'s file (for `serve`): re-reads its front
    /// matter and re-renders its Markdown. Says what other pages must be
    /// redone; [`PageEdit::Reload`] when the change can move pages (weight
    /// or draft changed) and the course must be loaded again.
    pub fn update_page_text(&mut self, i: PageId, text: String) -> PageEdit {
        let file = self.course.pages[i].file;
        if *self.course.sources.get(file).text == *text {
            return PageEdit::Same;
        }
        self.course.sources.replace(file, text);
        let mut diags = Vec::new();
        let (front, body_offset) =
            crate::front_matter::parse(&self.course.sources, file, &mut diags);
        let page = &mut self.course.pages[i];
        if front.weight != page.front.weight || front.draft != page.front.draft {
            return PageEdit::Reload;
        }
        let front_changed = front != page.front;
        // In folder order a chapter shows the front matter title (SUMMARY.md
        // gives its own, which a page cannot change).
        let toc_title = (front.title != page.front.title && page.summary_title.is_none())
            .then(|| front.title.clone().unwrap_or_default());
        page.front = front;
        page.body_offset = body_offset;
        // Loading reports only front matter problems inside a page's own file.
        self.load_diags.retain(
            |d| !matches!(d.location, crate::diagnostics::Location::Span(f, _) if f == file),
        );
        self.load_diags.extend(diags);
        if let Some(title) = toc_title {
            if let Some(chapter) = chapter_mut(&mut self.course.toc, i) {
                chapter.title = title;
            }
        }
        if self.rerender_page(i) || front_changed {
            PageEdit::Navigation
        } else {
            PageEdit::Body
        }
    }

    /// Expands page `i`'s includes anew from disk, as loading did.
    fn expand_page(&mut self, i: PageId) {
        let p = &self.course.pages[i];
        let text = self.course.sources.get(p.file).text.clone();
        let expansion = load::expand_body(
            &self.boundary,
            &self.course.src_dir,
            &p.source_path,
            p.file,
            &text,
            p.body_offset,
        );
        let mut ids = p.body.included.iter().cloned().collect();
        let body = expansion.attach(&mut self.course.sources, &mut ids, true);
        self.course.pages[i].body = body;
    }

    fn render_markdown(&self, i: PageId) -> (RenderedPage, Vec<Diagnostic>) {
        let text = &self.course.sources.get(self.course.pages[i].file).text;
        self.render_markdown_text(i, text)
    }

    /// Renders page `i`'s Markdown from `text`, the whole text of its file.
    fn render_markdown_text(&self, i: PageId, text: &str) -> (RenderedPage, Vec<Diagnostic>) {
        let p = &self.course.pages[i];
        self.render_markdown_body(i, p.body.text(text, p.body_offset))
    }

    /// Renders page `i`'s Markdown from `body`, its body with the includes
    /// expanded. The diagnostics start with those of expanding them.
    fn render_markdown_body(&self, i: PageId, body: &str) -> (RenderedPage, Vec<Diagnostic>) {
        let p = &self.course.pages[i];
        let page = PageText {
            file: p.file,
            text: body,
            map: &p.body.map,
            source_path: &p.source_path,
            pass_mark: p.front.pass_mark.unwrap_or(self.course.config.pass_mark),
        };
        let settings = Settings {
            typography: self.typography,
            highlight: self.course.config.highlight,
            strings: &self.strings,
            labels: &self.labels,
            vocabulary: self.vocabulary.as_ref(),
            stored_chars: search::stored_chars(self.course.pages.len() * SECTIONS_PER_PAGE),
        };
        let mut diags = p.body.diagnostics.clone();
        let mut rendered = render_page(&page, &settings, &mut diags);
        if let Some(title) = &p.body.title {
            rendered.title = Some(title.clone());
        }
        (rendered, diags)
    }

    fn resolve_title(&self, i: PageId) -> String {
        let p = &self.course.pages[i];
        p.front
            .title
            .clone()
            .or_else(|| p.rendered.title.clone())
            .or_else(|| p.summary_title.clone())
            .unwrap_or_else(|| title_from_path(&p.source_path))
    }

    /// The table-of-contents chapter of page `i`.
    pub fn chapter_of(&self, i: PageId) -> Option<&Chapter> {
        self.toc_index.chapter(&self.course.toc, i)
    }

    /// Estimated reading time of page `i` in whole minutes, at least one.
    pub fn reading_minutes(&self, i: PageId) -> usize {
        analysis::reading_minutes(self.course.pages[i].rendered.words)
    }

    /// Every diagnostic so far (loading, theme, pages), sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.load_diags.clone();
        all.extend(
            self.course
                .pages
                .iter()
                .flat_map(|p| &p.diagnostics)
                .cloned(),
        );
        crate::diagnostics::sort(&mut all, &self.course.sources);
        all
    }
}

/// One page's Markdown to render.
pub struct PageText<'a> {
    /// The page file.
    pub file: FileId,
    /// Its body, includes expanded.
    pub text: &'a str,
    /// Turns offsets in `text` into offsets in the page file.
    pub map: &'a OffsetMap,
    /// Path relative to the source folder (`01-a/b.md`).
    pub source_path: &'a str,
    /// The page's effective quiz pass mark.
    pub pass_mark: u8,
}

/// What rendering any page of a course needs.
pub struct Settings<'a> {
    /// Quote style.
    pub typography: Typography,
    /// Highlight code at build time.
    pub highlight: bool,
    /// UI strings (quiz and worksheet texts).
    pub strings: &'a Strings,
    /// The words the page's Markdown shows.
    pub labels: &'a Labels,
    /// Where sections' words become search keys; `None` without a search index.
    pub vocabulary: Option<&'a Vocabulary>,
    /// How much of each section's text the search index keeps.
    pub stored_chars: usize,
}

thread_local! {
    /// The buffer that collects a page's section texts, kept between the
    /// pages a thread renders: grown once, not for every page.
    static SECTION_TEXT: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// Renders one page's Markdown, its quizzes and worksheets by their hooks,
/// then analyses its text (words, search keys) and drops it; problems go
/// to `diags`.
pub fn render_page(
    page: &PageText,
    settings: &Settings,
    diags: &mut Vec<Diagnostic>,
) -> RenderedPage {
    let mut quizzes = PageQuizzes::new(
        page.file,
        page.source_path,
        settings.typography,
        settings.highlight,
        settings.strings,
        page.pass_mark,
    );
    let mut worksheets = PageWorksheets {
        file: page.file,
        page_path: page.source_path,
        typography: settings.typography,
        strings: settings.strings,
        worksheets: Vec::new(),
    };
    let input = PageInput {
        file: page.file,
        text: page.text,
        map: page.map,
        typography: settings.typography,
        highlight: settings.highlight,
        labels: settings.labels,
    };
    let hooks: &mut [&mut dyn page::CodeBlockHook] = &mut [&mut quizzes, &mut worksheets];
    let r = page::render(&input, hooks, SECTION_TEXT.take(), diags);
    let analysed = analysis::analyse(
        &r.text,
        &r.runs,
        &r.sections,
        settings.vocabulary,
        settings.stored_chars,
    );
    SECTION_TEXT.set(r.text);
    RenderedPage {
        html: PageHtml::InMemory(r.html),
        title: r.title,
        has_h1: r.has_h1,
        headings: r.headings,
        ids: r.ids,
        links: r.links,
        sections: analysed.sections,
        has_code: r.has_code,
        words: analysed.words,
        trainer: r.trainer,
        quizzes: quizzes.quizzes,
        answer_keys: quizzes.answer_keys,
        quiz_positions: quizzes.positions,
        worksheets: worksheets.worksheets,
    }
}

/// What an edit of one page changed, as [`Site::update_page_text`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageEdit {
    /// The text is the same as before.
    Same,
    /// Only the page's own body: other pages are unaffected.
    Body,
    /// Its title, headings, quizzes or front matter: other pages'
    /// navigation, module lists and link checks may change.
    Navigation,
    /// Something that can reorder the course: load it again.
    Reload,
}

impl PageInfo for Site {
    fn output_path(&self, i: PageId) -> &str {
        &self.course.pages[i].output_path
    }

    fn title(&self, i: PageId) -> &str {
        &self.course.pages[i].title
    }

    fn quiz_ids(&self, i: PageId) -> Vec<String> {
        let quizzes = &self.course.pages[i].rendered.quizzes;
        quizzes.iter().map(|q| q.id.clone()).collect()
    }
}

/// A title made from a file name: `02-dialogue-first.md` -> `Dialogue first`.
pub fn title_from_path(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => file.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Position, Sources};
    use std::collections::BTreeMap;

    /// Page `text` (file `src/a.md`, no includes) rendered as a build
    /// does, with the diagnostics as one-liners.
    fn render_text(text: &str, language: &str) -> (RenderedPage, Vec<String>) {
        let mut sources = Sources::default();
        let file = sources.add("src/a.md", text);
        let strings = Strings::new(language, &BTreeMap::new());
        let labels = Labels::from_strings(|key| strings.get(key).to_owned());
        let vocabulary = Vocabulary::new(language);
        let map = OffsetMap::default();
        let page = PageText {
            file,
            text,
            map: &map,
            source_path: "a.md",
            pass_mark: 100,
        };
        let settings = Settings {
            typography: Typography::for_language(language),
            highlight: true,
            strings: &strings,
            labels: &labels,
            vocabulary: Some(&vocabulary),
            stored_chars: search::MAX_TEXT_CHARS,
        };
        let mut diags = Vec::new();
        let page = render_page(&page, &settings, &mut diags);
        (page, diags.iter().map(|d| d.one_line(&sources)).collect())
    }

    #[test]
    fn search_text_has_quiz_prompts_but_no_answers() {
        let (page, _) = render_text(
            "# T

Intro.

```quiz
## Which bird sings at dawn?

- [x] Blackbird
  > Feedback here
- [ ] Crowbar

> Explained here

## Name the tool {.text}

- hammer
```
",
            "en",
        );
        let text = &page.sections[0].text;
        assert!(text.contains("Which bird sings at dawn?"), "{text:?}");
        assert!(text.contains("Name the tool"), "{text:?}");
        for hidden in ["Blackbird", "Crowbar", "Feedback", "Explained", "hammer"] {
            assert!(!text.contains(hidden), "{hidden} in {text:?}");
        }
    }

    #[test]
    fn quizzes_and_worksheets_are_rendered_by_their_hooks() {
        let (page, diags) = render_text(
            "# T\n\n```quiz\n## Which?\n\n- [x] This\n- [ ] That\n```\n\n```worksheet\n## Why?\n```\n\n> ```quiz\n> ## Broken\n> ```\n",
            "en",
        );
        assert_eq!(page.quizzes.len(), 1);
        assert_eq!(page.quiz_positions, [Position { file: 0, offset: 5 }]);
        assert_eq!(page.answer_keys.len(), 1);
        assert_eq!(page.worksheets.len(), 1);
        assert_eq!(page.ids, ["t", "a-1", "ws-a-1"]);
        let html = page.html.in_memory().unwrap();
        assert!(html.contains("data-worksheet=\"ws-a-1\""), "{html}");
        // The slides know where the quiz form stands.
        assert_eq!(page.trainer.marks.len(), 2);
        // The broken quiz in the quote is reported at its line of the page.
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0],
            "error: src/a.md:15:3: this question has no answer list"
        );
    }

    #[test]
    fn a_page_is_expanded_anew_when_a_file_it_includes_changes() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("a.md"), "# A\n\n{{#include part.txt}}\n").unwrap();
        std::fs::write(src.join("part.txt"), "Old text.").unwrap();
        let mut site = Site::load(dir.path());
        let a = PageId::new(0);
        assert!(site.html(a).unwrap().contains("Old text."));
        let (path, id) = site.course.pages[a].body.included[0].clone();
        assert!(path.ends_with("part.txt"));
        std::fs::write(src.join("part.txt"), "New text.").unwrap();
        site.rerender_page(a);
        let html = site.html(a).unwrap();
        assert!(html.contains("New text."), "{html}");
        // The sources quote the file as it is now, under the same id.
        assert_eq!(site.course.pages[a].body.included, [(path, id)]);
        assert_eq!(&**site.course.sources.get(id).text, "New text.");
    }

    #[test]
    fn a_one_off_build_sets_the_html_aside_and_reads_it_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        for (name, text) in [
            ("a.md", "# A\n\nÄiti *ja* isä.\n"),
            ("b.md", "# B\n\n- x\n"),
        ] {
            std::fs::write(src.join(name), text).unwrap();
        }
        let kept = Site::load(dir.path());
        let mut once = Site::load_unrendered(dir.path());
        once.render_all_markdown_once();
        for i in once.course.pages.ids() {
            assert!(
                matches!(once.course.pages[i].rendered.html, PageHtml::Spooled(_)),
                "page {i:?} is not spooled"
            );
            assert_eq!(once.html(i).unwrap(), kept.html(i).unwrap());
        }
    }
}
