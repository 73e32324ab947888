//! The course model: one [`Page`] per page in course order, indexed by
//! [`PageId`] (its source as the loader found it, then what rendering made
//! of it: output, title, diagnostics, versions in other languages), the
//! table of contents with the helpers that walk it, and the assets. No I/O
//! and no templates here.

use std::ops::{Index, IndexMut};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Section;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::FrontMatter;
use crate::markdown::page::{Heading, LinkRef};
use crate::markdown::trainer::TrainerPart;
use crate::quiz::Quiz;
use crate::source::{FileId, OffsetMap, Position, Sources};
use crate::spool::Spooled;
use crate::worksheet::Worksheet;

/// A loaded course, ready to render.
#[derive(Debug, Clone)]
pub struct Course {
    /// The resolved `book.toml`.
    pub config: Config,
    /// The course root (the folder holding `book.toml`).
    pub root: PathBuf,
    /// The source folder (`[book] src`), absolute or relative to the working directory.
    pub src_dir: PathBuf,
    /// What turns a path under the source folder into one under the root,
    /// as every message writes paths: `content/`, or empty.
    pub src_prefix: String,
    /// Text of every loaded file.
    pub sources: Sources,
    /// Every page, in course order (the order of the table of contents,
    /// depth first), followed by pages not in the table of contents.
    pub pages: Pages,
    /// The table of contents: `SUMMARY.md`, or the folder structure.
    pub toc: Vec<TocItem>,
    /// Non-Markdown files to copy, relative to `src_dir`, `/`-separated, sorted.
    pub assets: Vec<String>,
}

/// Which page of a course: its place in [`Course::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(usize);

impl PageId {
    /// The page at `index` in [`Course::pages`].
    pub const fn new(index: usize) -> Self {
        PageId(index)
    }

    /// Its place in [`Course::pages`].
    pub const fn index(self) -> usize {
        self.0
    }
}

/// The pages of a course, in course order, indexed by [`PageId`].
#[derive(Debug, Clone, Default)]
pub struct Pages(Vec<Page>);

impl Pages {
    /// Adds a page after the others; returns its id.
    pub fn push(&mut self, page: Page) -> PageId {
        self.0.push(page);
        PageId::new(self.0.len() - 1)
    }

    /// How many pages there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every page's id, in course order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = PageId> + ExactSizeIterator + Clone {
        (0..self.0.len()).map(PageId::new)
    }

    /// Every page, in course order.
    pub fn iter(&self) -> std::slice::Iter<'_, Page> {
        self.0.iter()
    }

    /// Every page, in course order, to change.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Page> {
        self.0.iter_mut()
    }

    /// Every page with its id, in course order.
    pub fn with_ids(&self) -> impl DoubleEndedIterator<Item = (PageId, &Page)> + ExactSizeIterator {
        self.0.iter().enumerate().map(|(i, p)| (PageId::new(i), p))
    }

    /// Every page, in course order, to go through in parallel.
    pub fn par_iter(&self) -> rayon::slice::Iter<'_, Page> {
        self.0.par_iter()
    }

    /// Every page with its id, in course order, to go through in parallel.
    pub fn par_with_ids(&self) -> impl IndexedParallelIterator<Item = (PageId, &Page)> {
        self.0
            .par_iter()
            .enumerate()
            .map(|(i, p)| (PageId::new(i), p))
    }
}

impl Index<PageId> for Pages {
    type Output = Page;

    fn index(&self, id: PageId) -> &Page {
        &self.0[id.index()]
    }
}

impl IndexMut<PageId> for Pages {
    fn index_mut(&mut self, id: PageId) -> &mut Page {
        &mut self.0[id.index()]
    }
}

impl<'a> IntoIterator for &'a Pages {
    type Item = &'a Page;
    type IntoIter = std::slice::Iter<'a, Page>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One Markdown page of the course: what the loader found, then what
/// rendering made of it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file in [`Sources`]; its path there is relative to the course root.
    pub file: FileId,
    /// Path relative to the source folder, `/`-separated: `01-a/b.md`.
    pub source_path: String,
    /// Output path relative to the output folder: `01-a/b.html`,
    /// `01-a/index.html` for a folder's `README.md` or `index.md`.
    pub output_path: String,
    /// The page's front matter (default when it has none).
    pub front: FrontMatter,
    /// Byte offset in the file where the Markdown body starts (after front matter).
    pub body_offset: usize,
    /// The title given to the page by `SUMMARY.md`, if any.
    pub summary_title: Option<String>,
    /// Whether the page is listed in the table of contents.
    pub in_toc: bool,
    /// The body with its includes expanded (by the loader's `include`).
    pub body: Body,
    /// The rendered Markdown; empty until the page is rendered.
    pub rendered: RenderedPage,
    /// The final title: the front matter's, else the rendered page's,
    /// else `SUMMARY.md`'s, else one made from the file name; empty until
    /// the page is rendered.
    pub title: String,
    /// Problems found rendering the page's Markdown (those of expanding
    /// its includes first).
    pub diagnostics: Vec<Diagnostic>,
    /// In a course with several languages: the page's versions in every
    /// language (paired by the `languages` module); empty otherwise.
    pub alternates: Vec<Alternate>,
}

/// A page's body HTML: in memory, or set aside in the spool of a one-off
/// build until the templates read it (see [`crate::spool`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageHtml {
    /// Held here.
    InMemory(String),
    /// In the site's spool.
    Spooled(Spooled),
}

#[cfg(test)]
impl PageHtml {
    /// The HTML when it is held in memory (always, but in a one-off build).
    pub fn in_memory(&self) -> Option<&str> {
        match self {
            PageHtml::InMemory(html) => Some(html),
            PageHtml::Spooled(_) => None,
        }
    }
}

impl Default for PageHtml {
    fn default() -> Self {
        PageHtml::InMemory(String::new())
    }
}

/// A page's rendered Markdown with what the code-block hooks made of its
/// quizzes and worksheets.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// The body HTML (read it with [`crate::site::Site::html`]).
    pub html: PageHtml,
    /// `{{#title}}`, else the first level-1 heading's text.
    pub title: Option<String>,
    /// Whether the HTML holds an `<h1>`.
    pub has_h1: bool,
    /// Every heading.
    pub headings: Vec<Heading>,
    /// Every id an anchor may point to (headings, footnotes, raw HTML ids,
    /// quizzes, worksheets).
    pub ids: Vec<String>,
    /// Links and images to check.
    pub links: Vec<LinkRef>,
    /// Sections for search.
    pub sections: Vec<Section>,
    /// Whether the page has a highlighted code block (and so needs the
    /// highlighting stylesheet).
    pub has_code: bool,
    /// Words of prose, for the reading time.
    pub words: usize,
    /// Notes, slides-only blocks and slide breaks: the trainer's edition
    /// only.
    pub trainer: TrainerPart,
    /// The quizzes, in page order.
    pub quizzes: Vec<Quiz>,
    /// Answer-key HTML of each quiz, for the trainers' `answers.html`.
    pub answer_keys: Vec<String>,
    /// Where each quiz block's opening fence is: in the page file or a file
    /// it includes.
    pub quiz_positions: Vec<Position>,
    /// The worksheets, in page order.
    pub worksheets: Vec<Worksheet>,
}

/// One language's version of a page, for the language switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternate {
    /// The language code (`hreflang`, `lang`).
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    /// The page in that language, from the site root (the default
    /// language's root): `a/b.html`, `en/x/y.html`; that language's home
    /// page when the page has no translation.
    pub path: String,
    /// Whether `path` is this page's translation (else a home page).
    pub translated: bool,
    /// Whether it is the language of the page itself.
    pub current: bool,
}

/// A page body as the loader expanded it: the Markdown the renderer reads.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The expanded text; `None` when it is the page file's text from
    /// [`Page::body_offset`] on, unchanged (no copy is kept then).
    /// A one-off build drops it once the page is rendered, with the page
    /// file's text (`Site::render_all_markdown_once`).
    pub expanded: Option<String>,
    /// Turns offsets in the body into offsets in the page file.
    pub map: OffsetMap,
    /// The title set by `{{#title ...}}`, if any.
    pub title: Option<String>,
    /// Files pulled in with `{{#include}}` or `{{#quiz}}`, with symbolic
    /// links resolved (for `serve` to watch, and for the output folder
    /// guard), each with its text's id in the sources.
    pub included: Vec<(PathBuf, FileId)>,
    /// Problems found expanding the includes, reported with the page's
    /// own (they are found again when `serve` expands the page anew).
    pub diagnostics: Vec<Diagnostic>,
}

impl Body {
    /// The body's Markdown, given the whole text of the page file.
    pub fn text<'t>(&'t self, file_text: &'t str, body_offset: usize) -> &'t str {
        match &self.expanded {
            Some(text) => text,
            None => &file_text[body_offset.min(file_text.len())..],
        }
    }
}

/// An entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TocItem {
    /// A part title (`# Part` in `SUMMARY.md`).
    PartTitle(String),
    /// A separator line (`---` in `SUMMARY.md`).
    Separator,
    /// A chapter, possibly with sub-chapters.
    Chapter(Chapter),
}

impl TocItem {
    /// A chapter entry for page `page`, titled from the page, unnumbered.
    pub fn page(page: PageId, children: Vec<TocItem>) -> Self {
        TocItem::Chapter(Chapter {
            title: String::new(),
            page: Some(page),
            number: None,
            children,
        })
    }
}

/// A chapter in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The title shown in navigation.
    pub title: String,
    /// The chapter's page; `None` for a draft chapter (`[Title]()`) or a
    /// folder without an overview page.
    pub page: Option<PageId>,
    /// Section number (`[1, 2]` is "1.2.") of a numbered chapter; `None` for
    /// prefix and suffix chapters and in folder order.
    pub number: Option<Vec<u32>>,
    /// Sub-chapters.
    pub children: Vec<TocItem>,
}

/// Where each page sits in the table of contents, computed once per course
/// so that per-page navigation never searches the whole tree (which would
/// make a build quadratic in the number of pages).
#[derive(Debug, Clone, Default)]
pub struct TocIndex {
    /// For each page (by [`PageId::index`]), the child indices leading to
    /// its chapter from the top.
    paths: Vec<Option<Vec<usize>>>,
    /// Pages in reading order (the table of contents, depth first).
    order: Vec<PageId>,
    /// For each page (by [`PageId::index`]), its position in `order`.
    position: Vec<Option<usize>>,
    /// Entries in the whole table of contents.
    total: usize,
}

impl TocIndex {
    /// Indexes `toc` for a course of `page_count` pages.
    pub fn new(toc: &[TocItem], page_count: usize) -> Self {
        let mut index = TocIndex {
            paths: vec![None; page_count],
            order: Vec::new(),
            position: vec![None; page_count],
            total: 0,
        };
        let mut path = Vec::new();
        index.walk(toc, &mut path);
        for (pos, &page) in index.order.iter().enumerate() {
            if let Some(slot) = index.position.get_mut(page.index()) {
                *slot = Some(pos);
            }
        }
        index
    }

    fn walk(&mut self, items: &[TocItem], path: &mut Vec<usize>) {
        for (i, item) in items.iter().enumerate() {
            self.total += 1;
            if let TocItem::Chapter(c) = item {
                path.push(i);
                if let Some(slot) = c.page.and_then(|p| self.paths.get_mut(p.index())) {
                    if slot.is_none() {
                        *slot = Some(path.clone());
                        self.order.extend(c.page);
                    }
                }
                self.walk(&c.children, path);
                path.pop();
            }
        }
    }

    /// The chapter whose page is `page`.
    pub fn chapter<'a>(&self, toc: &'a [TocItem], page: PageId) -> Option<&'a Chapter> {
        let path = self.path(page)?;
        let mut items = toc;
        let mut found = None;
        for &i in path {
            match items.get(i) {
                Some(TocItem::Chapter(c)) => {
                    found = Some(c);
                    items = &c.children;
                }
                _ => return None,
            }
        }
        found
    }

    /// How deep `page` sits: 1 for a top-level chapter, 0 when not listed.
    pub fn depth(&self, page: PageId) -> usize {
        self.path(page).map_or(0, <[usize]>::len)
    }

    /// Pages in reading order.
    pub fn order(&self) -> &[PageId] {
        &self.order
    }

    /// Where `page` is in [`TocIndex::order`]; `None` when not listed.
    pub fn position(&self, page: PageId) -> Option<usize> {
        self.position.get(page.index()).copied().flatten()
    }

    /// The child indices that lead from the top of the table of contents
    /// to `page`'s chapter; `None` when not listed.
    pub fn path(&self, page: PageId) -> Option<&[usize]> {
        self.paths.get(page.index())?.as_deref()
    }

    /// Entries in the whole table of contents (parts and separators too).
    pub fn entries(&self) -> usize {
        self.total
    }
}

/// Whether page `current` is this chapter's or one of its descendants'.
pub fn contains(c: &Chapter, current: Option<PageId>) -> bool {
    let Some(cur) = current else { return false };
    c.page == Some(cur)
        || c.children
            .iter()
            .any(|item| matches!(item, TocItem::Chapter(child) if contains(child, Some(cur))))
}

/// Every page of a chapter and its descendants, depth first.
pub fn pages_under(c: &Chapter, out: &mut Vec<PageId>) {
    out.extend(c.page);
    for item in &c.children {
        if let TocItem::Chapter(child) = item {
            pages_under(child, out);
        }
    }
}

/// The chapter of `page` in the table of contents.
pub fn chapter_mut(toc: &mut [TocItem], page: PageId) -> Option<&mut Chapter> {
    for item in toc {
        if let TocItem::Chapter(c) = item {
            if c.page == Some(page) {
                return Some(c);
            }
            if let Some(found) = chapter_mut(&mut c.children, page) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(page: Option<usize>, children: Vec<TocItem>) -> TocItem {
        TocItem::Chapter(Chapter {
            title: String::new(),
            page: page.map(PageId::new),
            number: None,
            children,
        })
    }

    fn ids<const N: usize>(indices: [usize; N]) -> [PageId; N] {
        indices.map(PageId::new)
    }

    /// Pages 0..=4 and a page 5 that is not listed: 0, part title,
    /// 1 (with 2 and a draft holding 3), separator, 4.
    fn toc() -> Vec<TocItem> {
        vec![
            ch(Some(0), vec![]),
            TocItem::PartTitle("Part".into()),
            ch(
                Some(1),
                vec![ch(Some(2), vec![]), ch(None, vec![ch(Some(3), vec![])])],
            ),
            TocItem::Separator,
            ch(Some(4), vec![]),
        ]
    }

    #[test]
    fn the_index_knows_each_pages_place_and_the_reading_order() {
        let toc = toc();
        let index = TocIndex::new(&toc, 6);
        assert_eq!(index.order(), ids([0, 1, 2, 3, 4]));
        assert_eq!(index.position(PageId::new(3)), Some(3));
        assert_eq!(index.position(PageId::new(5)), None);
        assert_eq!(index.path(PageId::new(3)), Some(&[2, 1, 0][..]));
        assert_eq!(index.path(PageId::new(5)), None);
        assert_eq!(
            (
                index.depth(PageId::new(0)),
                index.depth(PageId::new(3)),
                index.depth(PageId::new(5))
            ),
            (1, 3, 0)
        );
        assert_eq!(index.entries(), 8);
        assert_eq!(
            index.chapter(&toc, PageId::new(2)).and_then(|c| c.page),
            Some(PageId::new(2))
        );
        assert!(index.chapter(&toc, PageId::new(5)).is_none());
    }

    #[test]
    fn a_page_listed_twice_keeps_its_first_place() {
        let toc = vec![ch(Some(0), vec![ch(Some(1), vec![])]), ch(Some(1), vec![])];
        let index = TocIndex::new(&toc, 2);
        assert_eq!(index.order(), ids([0, 1]));
        assert_eq!(index.path(PageId::new(1)), Some(&[0, 0][..]));
    }

    #[test]
    fn walking_a_chapter() {
        let mut toc = toc();
        let TocItem::Chapter(module) = &toc[2] else {
            panic!("not a chapter")
        };
        let mut under = Vec::new();
        pages_under(module, &mut under);
        assert_eq!(under, ids([1, 2, 3]));
        assert!(contains(module, Some(PageId::new(3))));
        assert!(!contains(module, Some(PageId::new(4))));
        assert!(!contains(module, None));
        chapter_mut(&mut toc, PageId::new(3)).unwrap().title = "Found".into();
        let index = TocIndex::new(&toc, 6);
        assert_eq!(index.chapter(&toc, PageId::new(3)).unwrap().title, "Found");
        assert!(chapter_mut(&mut toc, PageId::new(5)).is_none());
    }
}
