//! Loading a course from disk: `book.toml`, the source folder, the order of
//! the pages (from `SUMMARY.md` in [`summary`], else from the folders in
//! [`walk`]), each page's text and front matter, its includes expanded
//! ([`include`]; the included files join the sources), and the assets.
//!
//! Loading never stops at the first problem: every problem becomes a
//! diagnostic and the loader carries on with what it could read, so one run
//! reports everything. Page files are read in parallel but added to
//! [`Sources`] in a fixed order, so file ids and output are deterministic.

pub mod include;
mod scan;
mod summary;
mod walk;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::boundary::{normalize, Boundary};
use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::front_matter::{self, FrontMatter};
use crate::model::{Body, Course, Page, PageId, Pages};
use crate::paths::output_path_of;
use crate::source::{FileId, Sources};

/// Loads the course at `root`. Always returns a course (with no pages when
/// nothing could be loaded); its `sources` hold every file the pushed
/// diagnostics point into.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Course {
    load_language(root, None, diags)
}

/// Loads the course at `root` in one of its languages: `None` for the
/// default one, else the code of a `[language.<code>]` table, whose
/// source folder, title, description and UI strings then take the place
/// of the default language's.
pub fn load_language(root: &Path, language: Option<&str>, diags: &mut Vec<Diagnostic>) -> Course {
    let mut sources = Sources::default();
    let boundary = Boundary::new(root);
    let read = read_config(root, &boundary, &mut sources, diags);
    // After a book.toml that cannot be read, nothing else is certain (not
    // even where the pages are), so nothing else is reported.
    let broken = read.is_none();
    let (mut config, has_book) = read.unwrap_or((Config::default(), true));
    if let Some(lang) = language
        .and_then(|code| config.languages.iter().find(|l| l.code == code))
        .cloned()
    {
        // Its pages' addresses (canonical links, the 404 page) are in its folder.
        config.site_url = config.site_url.map(|url| format!("{url}{}/", lang.code));
        config.language = lang.code;
        config.src = lang.src;
        if let Some(title) = lang.title {
            config.title = title;
        }
        if lang.description.is_some() {
            config.description = lang.description;
        }
        config.strings.extend(lang.strings);
    }
    let src_dir = root.join(&config.src);
    let prefix = src_prefix(root, &config.src);
    let mut course = Course {
        config,
        root: root.to_path_buf(),
        src_dir: src_dir.clone(),
        src_prefix: prefix.clone(),
        sources,
        pages: Pages::default(),
        toc: Vec::new(),
        assets: Vec::new(),
    };
    if broken {
        return course;
    }
    if !src_dir.is_dir() {
        let d = if has_book {
            let shown = prefix.trim_end_matches('/');
            Diagnostic::path_error(shown, "the source folder does not exist").with_note(
                "create it, or set `src` under `[book]` in book.toml to the folder holding the pages",
            )
        } else {
            Diagnostic::new(
                Severity::Error,
                Location::None,
                format!(
                    "no course in `{}`: it holds neither book.toml nor a `src` folder",
                    root.display()
                ),
            )
            .with_note(
                "run kurssi in the course folder (the one with book.toml), give that folder \
                 as ROOT, or start a course with `kurssi init`",
            )
        };
        diags.push(d);
        return course;
    }

    let mut skip = Vec::new();
    if let Some(build) = inside(&root.join(&course.config.build_dir), &src_dir) {
        skip.push(build);
    }
    if prefix.is_empty() {
        skip.push("book.toml".to_owned());
    }
    if let Err(why) = boundary.check(&src_dir) {
        let shown = prefix.trim_end_matches('/');
        let (message, note) = why.describe();
        diags.push(Diagnostic::path_error(shown, message).with_note(note));
        return course;
    }
    let found = scan::scan(&src_dir, &prefix, &skip, &boundary, diags);
    let mut ctx = Ctx {
        boundary,
        src_dir,
        prefix,
        sources: std::mem::take(&mut course.sources),
        pages: Pages::default(),
        outputs: HashMap::new(),
        included: HashMap::new(),
        diags,
    };
    course.toc = if ctx.src_dir.join("SUMMARY.md").is_file() {
        summary::load(&mut ctx, &found.markdown)
    } else {
        walk::load(&mut ctx, &found.markdown)
    };
    course.assets = found.assets;
    course.sources = ctx.sources;
    course.pages = ctx.pages;
    course
}

/// Reads and resolves `book.toml`; the defaults when there is none. Also
/// says whether the file exists. `None` when it exists but cannot be read
/// or parsed (with the problem pushed).
fn read_config(
    root: &Path,
    boundary: &Boundary,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Config, bool)> {
    let path = root.join("book.toml");
    if std::fs::symlink_metadata(&path).is_err() {
        return Some((Config::default(), false));
    }
    match read_text(boundary, &path) {
        Ok(text) => {
            let id = sources.add("book.toml", text);
            config::parse(sources, id, diags).map(|c| (c, true))
        }
        Err(e) => {
            diags.push(e.report("book.toml".to_owned(), sources));
            None
        }
    }
}

/// Why a text file could not be read.
pub(crate) enum ReadError {
    /// Outside the course, special, or unreadable.
    Refused(crate::boundary::Refused),
    /// The file is not UTF-8: its text with the bad bytes replaced, and
    /// the offset of the first one.
    NotUtf8 { lossy: String, offset: usize },
}

impl ReadError {
    /// The diagnostic for file `shown`, adding a readable copy of a
    /// non-UTF-8 file to `sources` so that its bad line is quoted at
    /// `PATH:LINE:COL`.
    fn report(self, shown: String, sources: &mut Sources) -> Diagnostic {
        match self {
            ReadError::Refused(why) => {
                let (message, note) = why.describe();
                Diagnostic::path_error(shown, message).with_note(note)
            }
            ReadError::NotUtf8 { lossy, offset } => {
                let end = lossy[offset..]
                    .chars()
                    .next()
                    .map_or(offset, |c| offset + c.len_utf8());
                let id = sources.add(shown, lossy);
                Diagnostic::error(id, offset..end, "this line is not valid UTF-8").with_note(
                    "save the file with the UTF-8 encoding (most editors offer it under \"Save as\" or \"Encoding\")",
                )
            }
        }
    }
}

/// Reads a text file of the course, when the boundary allows.
pub(crate) fn read_text(boundary: &Boundary, path: &Path) -> Result<String, ReadError> {
    let bytes = boundary.read(path).map_err(ReadError::Refused)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        ReadError::NotUtf8 {
            lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            offset,
        }
    })
}

/// How paths under the source folder are shown: `content/` for `src =
/// "content"`, empty when the source folder is the root.
fn src_prefix(root: &Path, src: &Path) -> String {
    let rel = if src.is_absolute() {
        src.strip_prefix(root).unwrap_or(src)
    } else {
        src
    };
    let shown = slash_path(&normalize(rel));
    if shown.is_empty() {
        shown
    } else {
        format!("{shown}/")
    }
}

/// `path` relative to `dir` as a `/`-separated string, when it lies strictly
/// inside it (compared lexically).
fn inside(path: &Path, dir: &Path) -> Option<String> {
    let path = normalize(&std::path::absolute(path).ok()?);
    let dir = normalize(&std::path::absolute(dir).ok()?);
    let rel = slash_path(path.strip_prefix(&dir).ok()?);
    (!rel.is_empty()).then_some(rel)
}

/// A relative path with `/` separators on every platform.
fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| match c {
            Component::RootDir => "".into(),
            c => c.as_os_str().to_string_lossy(),
        })
        .collect();
    parts.join("/")
}

/// A page file read and added to the sources, with its front matter and
/// its body expanded.
struct Loaded {
    file: FileId,
    front: FrontMatter,
    body_offset: usize,
    body: Expansion,
}

/// A page body with its includes expanded, before the files it read join
/// the sources.
pub struct Expansion {
    body: Body,
    files: Vec<(PathBuf, include::IncludedFile)>,
}

/// Expands the includes of a page body: `text` is the whole text of page
/// file `file`, at `source_path` under the course's source folder
/// `src_dir`, and its body starts at `body_offset`. Reads only what
/// `boundary` allows. Problems go into the body's diagnostics.
pub fn expand_body(
    boundary: &Boundary,
    src_dir: &Path,
    source_path: &str,
    file: FileId,
    text: &str,
    body_offset: usize,
) -> Expansion {
    let page_dir = src_dir.join(source_path.rsplit_once('/').map_or("", |(dir, _)| dir));
    let body_text = &text[body_offset.min(text.len())..];
    let mut diagnostics = Vec::new();
    let expanded = include::expand(
        body_text,
        body_offset,
        &page_dir,
        boundary,
        file,
        &mut diagnostics,
    );
    let expanded_text = match expanded.text {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(t) => Some(t),
    };
    Expansion {
        body: Body {
            expanded: expanded_text,
            map: expanded.map,
            title: expanded.title,
            included: Vec::new(),
            diagnostics,
        },
        files: expanded.included.into_iter().zip(expanded.files).collect(),
    }
}

impl Expansion {
    /// The body, its included files added to `sources`: once for each
    /// file in `ids` (which maps a file already there to its id), whose
    /// text is replaced by the one just read when `replace`.
    pub fn attach(
        self,
        sources: &mut Sources,
        ids: &mut HashMap<PathBuf, FileId>,
        replace: bool,
    ) -> Body {
        let mut body = self.body;
        let mut numbered = Vec::with_capacity(self.files.len());
        for (path, file) in self.files {
            let id = match ids.get(&path) {
                Some(&id) => {
                    if replace {
                        sources.replace(id, file.text);
                    }
                    id
                }
                None => {
                    let id = sources.add(file.shown, file.text);
                    ids.insert(path.clone(), id);
                    id
                }
            };
            body.included.push((path, id));
            numbered.push(id);
        }
        // The expansion numbered the files in the order it read them.
        body.map.set_included(numbered);
        body
    }
}

/// The state shared by the two ways of ordering pages.
struct Ctx<'d> {
    boundary: Boundary,
    src_dir: PathBuf,
    /// Prefix that turns a path under the source folder into one under the root.
    prefix: String,
    sources: Sources,
    pages: Pages,
    /// Output path of each page built so far, with its page.
    outputs: HashMap<String, PageId>,
    /// The id in `sources` of every included file added so far.
    included: HashMap<PathBuf, FileId>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// A path under the source folder as shown to users (relative to the root).
    fn shown(&self, src_rel: &str) -> String {
        format!("{}{src_rel}", self.prefix)
    }

    /// Reads text files under the source folder in parallel and adds them to
    /// the sources in the order given. `None` for a file that could not be
    /// read (with the problem pushed).
    fn read_files(&mut self, src_rels: &[String]) -> Vec<Option<FileId>> {
        let texts: Vec<_> = src_rels
            .par_iter()
            .map(|rel| read_text(&self.boundary, &self.src_dir.join(rel)))
            .collect();
        self.sources.reserve(src_rels.len());
        src_rels
            .iter()
            .zip(texts)
            .map(|(rel, text)| match text {
                Ok(text) => Some(self.sources.add(self.shown(rel), text)),
                Err(e) => {
                    let d = e.report(self.shown(rel), &mut self.sources);
                    self.diags.push(d);
                    None
                }
            })
            .collect()
    }

    /// Reads pages and their front matter, in the order given, and expands
    /// their bodies.
    fn load_pages(&mut self, src_rels: &[String]) -> Vec<Option<Loaded>> {
        let ids = self.read_files(src_rels);
        let sources = &self.sources;
        let (boundary, src_dir) = (&self.boundary, &self.src_dir);
        let parsed: Vec<_> = ids
            .par_iter()
            .zip(src_rels)
            .map(|(id, rel)| {
                id.map(|file| {
                    let mut diags = Vec::new();
                    let (front, body_offset) = front_matter::parse(sources, file, &mut diags);
                    let text = &sources.get(file).text;
                    let body = expand_body(boundary, src_dir, rel, file, text, body_offset);
                    let loaded = Loaded {
                        file,
                        front,
                        body_offset,
                        body,
                    };
                    (loaded, diags)
                })
            })
            .collect();
        parsed
            .into_iter()
            .map(|p| {
                p.map(|(loaded, diags)| {
                    self.diags.extend(diags);
                    loaded
                })
            })
            .collect()
    }

    /// Adds a page to the course; `None` (with an error at `at`, or at the
    /// page's first line) when an earlier page has the same output path.
    fn add_page(
        &mut self,
        loaded: Loaded,
        source_path: &str,
        summary_title: Option<String>,
        at: Option<(FileId, Range<usize>)>,
    ) -> Option<PageId> {
        let output_path = output_path_of(source_path);
        if let Some(&earlier) = self.outputs.get(&output_path) {
            let (file, span) = at.unwrap_or((loaded.file, 0..0));
            let other = self.shown(&self.pages[earlier].source_path);
            self.diags.push(
                Diagnostic::error(
                    file,
                    span,
                    format!(
                        "`{}` and `{other}` would both become `{output_path}`, so this one is not built",
                        self.shown(source_path)
                    ),
                )
                .with_note("rename or remove one of them"),
            );
            return None;
        }
        let body = loaded
            .body
            .attach(&mut self.sources, &mut self.included, false);
        let id = self.pages.push(Page {
            file: loaded.file,
            source_path: source_path.to_owned(),
            output_path,
            front: loaded.front,
            body_offset: loaded.body_offset,
            summary_title,
            in_toc: true,
            body,
            rendered: Default::default(),
            title: String::new(),
            diagnostics: Vec::new(),
            alternates: Vec::new(),
        });
        self.outputs.insert(self.pages[id].output_path.clone(), id);
        Some(id)
    }
}

/// Whether a file name is a Markdown page.
fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

#[cfg(test)]
mod tests;
