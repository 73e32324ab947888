//! The course model: pages in course order, the table of contents with the
//! helpers that walk it, and the assets, as the loader found them. No I/O
//! and no templates here.

use std::path::PathBuf;

use serde::Serialize;

use crate::analysis::Section;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::FrontMatter;
use crate::markdown::page::{Heading, LinkRef};
use crate::markdown::trainer::TrainerPart;
use crate::quiz::Quiz;
use crate::source::{FileId, OffsetMap, Sources};
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
    pub pages: Vec<PageSource>,
    /// The table of contents: `SUMMARY.md`, or the folder structure.
    pub toc: Vec<TocItem>,
    /// Non-Markdown files to copy, relative to `src_dir`, `/`-separated, sorted.
    pub assets: Vec<String>,
}

/// One Markdown page of the course.
#[derive(Debug, Clone)]
pub struct PageSource {
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
    /// The body with its includes expanded (see [`crate::load::include`]).
    pub body: Body,
}

/// A page's rendered Markdown with what the code-block hooks made of its
/// quizzes and worksheets.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// The body HTML.
    pub html: String,
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
    /// Where each quiz block starts in the page file.
    pub quiz_offsets: Vec<usize>,
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
    /// [`PageSource::body_offset`] on, unchanged (no copy is kept then).
    /// A one-off build drops it once the page is rendered, with the page
    /// file's text (`crate::site::Site::render_all_markdown_once`).
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
    pub fn page(page: usize, children: Vec<TocItem>) -> Self {
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
    /// Index into [`Course::pages`]; `None` for a draft chapter (`[Title]()`)
    /// or a folder without an overview page.
    pub page: Option<usize>,
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
    /// For each page, the child indices leading to its chapter from the top.
    paths: Vec<Option<Vec<usize>>>,
    /// Pages in reading order (the table of contents, depth first).
    order: Vec<usize>,
    /// For each page, its position in `order`.
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
            if let Some(slot) = index.position.get_mut(page) {
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
                if let Some(slot) = c.page.and_then(|p| self.paths.get_mut(p)) {
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
    pub fn chapter<'a>(&self, toc: &'a [TocItem], page: usize) -> Option<&'a Chapter> {
        let path = self.paths.get(page)?.as_ref()?;
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

    /// How deep page `i` sits: 1 for a top-level chapter, 0 when not listed.
    pub fn depth(&self, i: usize) -> usize {
        self.paths
            .get(i)
            .and_then(|p| p.as_ref())
            .map_or(0, Vec::len)
    }

    /// Pages in reading order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Where page `page` is in [`TocIndex::order`]; `None` when not listed.
    pub fn position(&self, page: usize) -> Option<usize> {
        self.position.get(page).copied().flatten()
    }

    /// The child indices that lead from the top of the table of contents
    /// to page `page`'s chapter; `None` when not listed.
    pub fn path(&self, page: usize) -> Option<&[usize]> {
        self.paths.get(page)?.as_deref()
    }

    /// Entries in the whole table of contents (parts and separators too).
    pub fn entries(&self) -> usize {
        self.total
    }
}

/// Whether page `current` is this chapter or one of its descendants.
pub fn contains(c: &Chapter, current: Option<usize>) -> bool {
    let Some(cur) = current else { return false };
    c.page == Some(cur)
        || c.children
            .iter()
            .any(|item| matches!(item, TocItem::Chapter(child) if contains(child, Some(cur))))
}

/// Every page of a chapter and its descendants, depth first.
pub fn pages_under(c: &Chapter, out: &mut Vec<usize>) {
    out.extend(c.page);
    for item in &c.children {
        if let TocItem::Chapter(child) = item {
            pages_under(child, out);
        }
    }
}

/// The chapter of page `i` in the table of contents.
pub fn chapter_mut(toc: &mut [TocItem], i: usize) -> Option<&mut Chapter> {
    for item in toc {
        if let TocItem::Chapter(c) = item {
            if c.page == Some(i) {
                return Some(c);
            }
            if let Some(found) = chapter_mut(&mut c.children, i) {
                return Some(found);
            }
        }
    }
    None
}

/// Output path of a Markdown source path: `a/b.md` -> `a/b.html`,
/// `a/README.md` and `a/index.md` -> `a/index.html`.
pub fn output_path_of(source_path: &str) -> String {
    let (dir, file) = match source_path.rfind('/') {
        Some(i) => (&source_path[..=i], &source_path[i + 1..]),
        None => ("", source_path),
    };
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))
        .unwrap_or(file);
    if stem.eq_ignore_ascii_case("readme") || stem == "index" {
        format!("{dir}index.html")
    } else {
        format!("{dir}{stem}.html")
    }
}

/// The prefix that leads from an output file back to the output root:
/// `""` for `index.html`, `"../"` for `a/b.html`.
pub fn root_prefix(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path_of("a/b.md"), "a/b.html");
        assert_eq!(output_path_of("README.md"), "index.html");
        assert_eq!(output_path_of("a/readme.md"), "a/index.html");
        assert_eq!(output_path_of("a/index.md"), "a/index.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }

    fn ch(page: Option<usize>, children: Vec<TocItem>) -> TocItem {
        TocItem::Chapter(Chapter {
            title: String::new(),
            page,
            number: None,
            children,
        })
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
        assert_eq!(index.order(), [0, 1, 2, 3, 4]);
        assert_eq!(index.position(3), Some(3));
        assert_eq!(index.position(5), None);
        assert_eq!(index.path(3), Some(&[2, 1, 0][..]));
        assert_eq!(index.path(5), None);
        assert_eq!((index.depth(0), index.depth(3), index.depth(5)), (1, 3, 0));
        assert_eq!(index.entries(), 8);
        assert_eq!(index.chapter(&toc, 2).and_then(|c| c.page), Some(2));
        assert!(index.chapter(&toc, 5).is_none());
    }

    #[test]
    fn a_page_listed_twice_keeps_its_first_place() {
        let toc = vec![ch(Some(0), vec![ch(Some(1), vec![])]), ch(Some(1), vec![])];
        let index = TocIndex::new(&toc, 2);
        assert_eq!(index.order(), [0, 1]);
        assert_eq!(index.path(1), Some(&[0, 0][..]));
    }

    #[test]
    fn walking_a_chapter() {
        let mut toc = toc();
        let TocItem::Chapter(module) = &toc[2] else {
            panic!("not a chapter")
        };
        let mut under = Vec::new();
        pages_under(module, &mut under);
        assert_eq!(under, [1, 2, 3]);
        assert!(contains(module, Some(3)));
        assert!(!contains(module, Some(4)));
        assert!(!contains(module, None));
        chapter_mut(&mut toc, 3).unwrap().title = "Found".into();
        let index = TocIndex::new(&toc, 6);
        assert_eq!(index.chapter(&toc, 3).unwrap().title, "Found");
        assert!(chapter_mut(&mut toc, 5).is_none());
    }
}
