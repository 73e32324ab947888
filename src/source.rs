//! The loaded text of every course file that diagnostics may quote.
//!
//! `Sources` is the one owner of file text: pages, `SUMMARY.md`,
//! `book.toml` and the files pages include are added here once, and
//! everything else refers to them by [`FileId`] and byte offsets, so any
//! stage can report `PATH:LINE:COL` and show the offending line without
//! reading the file again. [`OffsetMap`] turns an offset in a page body
//! whose includes were expanded back into one in the page file.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Index of a file in [`Sources`].
pub type FileId = usize;

/// A place in a loaded file: where a quiz, question or worksheet starts,
/// which may be in a file the page includes rather than in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// The file.
    pub file: FileId,
    /// Byte offset in its text.
    pub offset: usize,
}

impl Position {
    /// The `len` bytes from here, as a diagnostic's file and span.
    pub fn span(self, len: usize) -> (FileId, Range<usize>) {
        (self.file, self.offset..self.offset + len)
    }
}

/// One loaded text file: its path relative to the course root and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the course root, with `/` separators, as shown to users.
    pub path: String,
    /// The whole text of the file: an `Arc<String>` rather than an
    /// `Arc<str>`, so that the text read from disk is shared as it is
    /// instead of copied once more (109 MB at 10,000 pages).
    pub text: Arc<String>,
    /// Indexed on first use: only diagnostics need it, and a large course
    /// would otherwise scan every byte of its text once more while loading.
    line_starts: OnceLock<Vec<usize>>,
    /// Whether the text was freed (see [`Sources::release_texts`]) and must
    /// be read again before a diagnostic can quote it.
    released: bool,
}

impl SourceFile {
    fn release(&mut self) {
        self.text = Arc::default();
        self.line_starts = OnceLock::new();
        self.released = true;
    }

    /// Wraps a file's text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: Arc::new(text.into()),
            line_starts: OnceLock::new(),
            released: false,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        (line + 1, self.text[start..end].chars().count() + 1)
    }

    /// Byte offsets where each line starts (the first is always 0).
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Byte range of the 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let idx = line.saturating_sub(1).min(starts.len() - 1);
        let start = starts[idx];
        let end = starts
            .get(idx + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

/// Where each piece of a page body expanded by the loader (see
/// [`crate::load::include`]) came from: turns an offset in the expanded text
/// into a file and an offset in it. Text copied from the page maps into the
/// page file, text copied from an included file into that file, and text
/// an include made (an mdbook-quiz file turned into a quiz block) to the
/// start of the directive that inserted it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Where the body starts in the page file.
    body_offset: usize,
    /// Pieces of the expanded text in order; empty when it is the body
    /// unchanged.
    segments: Vec<Segment>,
    /// The files [`Segment::included`] numbers.
    included: Vec<FileId>,
}

/// Where a piece of the expanded text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Start of the piece in the expanded text.
    pub out: usize,
    /// Offset in its file: of the copied text, or of the directive the
    /// piece was inserted by.
    pub src: usize,
    /// Whether the piece is copied as it is from its file (else inserted).
    pub copied: bool,
    /// The included file the piece is copied from, numbered in the order
    /// the expansion read them; `None` for the page file.
    pub included: Option<usize>,
}

impl OffsetMap {
    /// The map of a body at `body_offset`, made of `segments` (empty: the
    /// body unchanged), whose included files are not known yet.
    pub fn new(body_offset: usize, segments: Vec<Segment>) -> Self {
        OffsetMap {
            body_offset,
            segments,
            included: Vec::new(),
        }
    }

    /// Names the included files the segments number, in order.
    pub fn set_included(&mut self, files: Vec<FileId>) {
        self.included = files;
    }

    /// Maps an offset in the expanded text of page file `page` back to its
    /// file: the page's or an included one's.
    pub fn locate(&self, page: FileId, expanded_offset: usize) -> (FileId, usize) {
        let (file, span) = self.locate_span(page, expanded_offset..expanded_offset);
        (file, span.start)
    }

    /// The span in its file of `range` of the expanded text, cut at the end
    /// of the piece its start is in (the text after it may come from
    /// elsewhere).
    pub fn locate_span(&self, page: FileId, range: Range<usize>) -> (FileId, Range<usize>) {
        let len = range.end.saturating_sub(range.start);
        if self.segments.is_empty() {
            let start = self.body_offset + range.start;
            return (page, start..start + len);
        }
        let i = self
            .segments
            .partition_point(|s| s.out <= range.start)
            .saturating_sub(1);
        let s = self.segments[i];
        let file = s
            .included
            .and_then(|n| self.included.get(n).copied())
            .unwrap_or(page);
        if !s.copied {
            return (file, s.src..s.src);
        }
        let start = s.src + range.start.saturating_sub(s.out);
        let piece_end = self.segments.get(i + 1).map_or(usize::MAX, |next| next.out);
        let len = len.min(piece_end.saturating_sub(range.start));
        (file, start..start + len)
    }
}

/// Every file loaded for one build.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(path, text));
        self.files.len() - 1
    }

    /// Makes room for `more` files, which a course adds all at once.
    pub fn reserve(&mut self, more: usize) {
        self.files.reserve(more);
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// Replaces a file's text in place (used by `serve` for incremental rebuilds).
    pub fn replace(&mut self, id: FileId, text: impl Into<String>) {
        let path = std::mem::take(&mut self.files[id].path);
        self.files[id] = SourceFile::new(path, text);
    }

    /// Frees the text of every file for which `keep` says no; their paths
    /// stay. For `build`, once only diagnostics will quote the sources, so
    /// that the course's text does not sit in memory through the rendering.
    pub fn release_texts(&mut self, keep: impl Fn(FileId) -> bool) {
        for (id, file) in self.files.iter_mut().enumerate() {
            if !keep(id) {
                file.release();
            }
        }
    }

    /// Gives a released file its text back.
    pub fn restore_text(&mut self, id: FileId, text: Arc<String>) {
        let file = &mut self.files[id];
        file.text = text;
        file.line_starts = OnceLock::new();
        file.released = false;
    }

    /// Reads the released files among `ids` again from disk (their paths
    /// are relative to `root`), so that diagnostics can quote them. A file
    /// that can no longer be read is quoted as empty.
    pub fn reread(&mut self, root: &Path, ids: impl IntoIterator<Item = FileId>) {
        for id in ids {
            if self.files[id].released {
                let text = std::fs::read(root.join(&self.files[id].path))
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                self.restore_text(id, Arc::new(text));
            }
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is loaded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_from_offset() {
        let f = SourceFile::new("a.md", "ab\ncä d\n\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(6), (2, 3));
        assert_eq!(f.line_col(9), (3, 1));
        assert_eq!(f.line_col(10), (4, 1));
        assert_eq!(f.line_col(999), (4, 2));
        assert_eq!(&f.text[f.line_range(2)], "cä d");
        assert_eq!(&f.text[f.line_range(4)], "x");
    }

    #[test]
    fn released_texts_keep_their_paths_and_the_kept_ones_their_lines() {
        let mut sources = Sources::default();
        let a = sources.add("a.md", "one\ntwo");
        let b = sources.add("b.md", "three\nfour");
        sources.release_texts(|id| id == b);
        assert_eq!(sources.get(a).path, "a.md");
        assert_eq!(&*sources.get(a).text, "");
        assert_eq!(sources.get(a).line_col(5), (1, 1));
        assert_eq!(sources.get(b).line_col(6), (2, 1));
    }

    #[test]
    fn released_texts_are_read_again_from_disk_and_kept_ones_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "from disk\nline 2").unwrap();
        std::fs::write(dir.path().join("b.md"), "changed on disk").unwrap();
        let mut sources = Sources::default();
        let a = sources.add("a.md", "in memory");
        let b = sources.add("b.md", "kept");
        sources.release_texts(|id| id != a);
        sources.reread(dir.path(), [a, b]);
        assert_eq!(&*sources.get(a).text, "from disk\nline 2");
        assert_eq!(sources.get(a).line_col(12), (2, 3));
        assert_eq!(&*sources.get(b).text, "kept");
    }
}
