//! The course model: pages in course order, the table of contents and the
//! assets, as the loader found them. No I/O and no templates here.

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::FrontMatter;
use crate::source::{FileId, OffsetMap, Sources};

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
}
