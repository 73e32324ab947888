//! mdBook's built-in links preprocessor: `{{#include}}`, `{{#rustdoc_include}}`,
//! `{{#title}}` and mdbook-quiz's `{{#quiz}}` in a page body, expanded while
//! the course loads, before Markdown parsing.
//!
//! Included files may include others (up to [`MAX_DEPTH`] levels). Every
//! path is checked against a [`Boundary`] before it is opened, so a page can
//! never pull in a file outside the course or its git work tree. The expanded
//! text keeps a map back to the page ([`OffsetMap`]), so later diagnostics
//! still point at `PATH:LINE:COL` in the page file; the text of every file
//! read is returned, for the loader to add to the sources.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::boundary::absolute;
pub use crate::boundary::Boundary;
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, OffsetMap, Segment};

/// How deep includes may nest, as in mdBook.
pub const MAX_DEPTH: usize = 10;

/// A page body with its links expanded.
#[derive(Debug, Clone)]
pub struct Expanded<'a> {
    /// The expanded Markdown (borrowed when there was nothing to expand).
    pub text: Cow<'a, str>,
    /// The title set by `{{#title ...}}`, if any (the last one wins).
    pub title: Option<String>,
    /// Every file read, with symbolic links resolved (for `serve` to watch).
    pub included: Vec<PathBuf>,
    /// The text of each file in `included` (in the same order), for
    /// [`crate::source::Sources`].
    pub files: Vec<IncludedFile>,
    /// Turns offsets in `text` into offsets in the page file.
    pub map: OffsetMap,
}

/// A file an include read.
#[derive(Debug, Clone)]
pub struct IncludedFile {
    /// Its path relative to the course root as shown to users (absolute
    /// when it lies outside the course, in its git work tree).
    pub shown: String,
    /// Its whole text.
    pub text: String,
}

/// Expands the links of a page body. `body` starts at `body_offset` in page
/// file `file`; `page_dir` is the folder of the page, which relative include
/// paths start from. Problems are pushed to `diags` at the directive's span.
pub fn expand<'a>(
    body: &'a str,
    body_offset: usize,
    page_dir: &Path,
    boundary: &Boundary,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Expanded<'a> {
    let mut expanded = Expanded {
        text: Cow::Borrowed(body),
        title: None,
        included: Vec::new(),
        files: Vec::new(),
        map: OffsetMap::new(body_offset, Vec::new()),
    };
    if !body.contains("{{") {
        return expanded;
    }
    let mut ex = Expander {
        boundary,
        file,
        diags,
        title: None,
        included: Vec::new(),
        files: Vec::new(),
        stack: Vec::new(),
    };
    let mut out = String::with_capacity(body.len());
    let mut map = Vec::new();
    let from = Place {
        included: None,
        pieces: &[(0, body_offset)],
    };
    ex.run(
        body,
        &from,
        &absolute(page_dir),
        0,
        None,
        &mut out,
        &mut map,
    );
    if map.iter().all(|s| s.copied) && out == body {
        map.clear();
    } else {
        expanded.text = Cow::Owned(out);
    }
    expanded.map = OffsetMap::new(body_offset, map);
    expanded.title = ex.title;
    expanded.included = ex.included;
    expanded.files = ex.files;
    expanded
}

/// A link found in the text.
struct Directive<'t> {
    kind: &'t str,
    args: &'t str,
    /// Length of the whole `{{#...}}`.
    len: usize,
}

/// Parses mdBook's `\{\{\s*#(\w+)\s+([^}]+)\}\}` at the start of `s` (which starts with `{{`).
fn directive(s: &str) -> Option<Directive<'_>> {
    let rest = s.get(2..)?.trim_start();
    let rest = rest.strip_prefix('#')?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (kind, rest) = rest.split_at(name_len);
    let args = rest.trim_start();
    if kind.is_empty() || args.len() == rest.len() {
        return None;
    }
    let close = args.find('}')?;
    if close == 0 || !args[close..].starts_with("}}") {
        return None;
    }
    let args_start = s.len() - args.len();
    Some(Directive {
        kind,
        args: &args[..close],
        len: args_start + close + 2,
    })
}

/// Where a text being expanded comes from: the page or an included file,
/// and where each of its pieces is in that file (an included part may be
/// cut from several runs of lines).
struct Place<'p> {
    /// The included file's number among those read; `None` for the page.
    included: Option<usize>,
    /// `(offset in the text, offset in the file)` where each run starts.
    pieces: &'p [(usize, usize)],
}

impl Place<'_> {
    /// The offset in the file of `at` in the text.
    fn offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(t, _)| t <= at)
            .saturating_sub(1);
        let (t, f) = self.pieces.get(i).copied().unwrap_or((0, 0));
        f + at.saturating_sub(t)
    }

    /// `range` of the text cut where its runs end: each part with its
    /// offset in the file.
    fn split(&self, range: Range<usize>) -> Vec<(Range<usize>, usize)> {
        let mut parts = Vec::new();
        let mut start = range.start;
        while start < range.end {
            let i = self.pieces.partition_point(|&(t, _)| t <= start);
            let end = self
                .pieces
                .get(i)
                .map_or(range.end, |&(t, _)| t.min(range.end));
            parts.push((start..end, self.offset(start)));
            start = end;
        }
        parts
    }
}

struct Expander<'a> {
    boundary: &'a Boundary,
    file: FileId,
    diags: &'a mut Vec<Diagnostic>,
    title: Option<String>,
    included: Vec<PathBuf>,
    files: Vec<IncludedFile>,
    /// Files being included, outermost first, to catch cycles early.
    stack: Vec<PathBuf>,
}

/// Where in the page a problem is: the directive (of the page itself, or the
/// page's directive whose inclusion led to it), and which included file it is in.
#[derive(Clone)]
struct Origin<'o> {
    span: Range<usize>,
    file_name: &'o str,
}

impl Expander<'_> {
    /// Expands `text`, which comes from `from`, into `out`, and records
    /// where each piece of it came from in `map`.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        text: &str,
        from: &Place<'_>,
        dir: &Path,
        depth: usize,
        origin: Option<&Origin<'_>>,
        out: &mut String,
        map: &mut Vec<Segment>,
    ) {
        let mut copied_from = 0;
        let mut pos = 0;
        let copy = |out: &mut String, map: &mut Vec<Segment>, r: Range<usize>| {
            if r.is_empty() {
                return;
            }
            for (piece, src) in from.split(r) {
                map.push(Segment {
                    out: out.len(),
                    src,
                    copied: true,
                    included: from.included,
                });
                out.push_str(&text[piece]);
            }
        };
        while let Some(found) = text[pos..].find("{{") {
            let at = pos + found;
            if at > 0 && text.as_bytes()[at - 1] == b'\\' && text[at + 2..].starts_with('#') {
                // mdBook's escape `\\\{\{\#.*\}\}`: drop the backslash and keep
                // everything up to the last `}}` on the line as it is.
                let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
                if let Some(close) = text[at..line_end].rfind("}}") {
                    copy(out, map, copied_from..at - 1);
                    copied_from = at;
                    pos = at + close + 2;
                    continue;
                }
            }
            let Some(d) = directive(&text[at..]) else {
                pos = at + 2;
                continue;
            };
            let span = at..at + d.len;
            let here = match origin {
                Some(o) => o.clone(),
                None => {
                    let base = from.offset(span.start);
                    Origin {
                        span: base..base + d.len,
                        file_name: "",
                    }
                }
            };
            // What the directive is replaced with: text an include read
            // (mapped into its file as it is copied), or text made here
            // (mapped to the directive).
            let replacement = match d.kind {
                "include" | "rustdoc_include" => {
                    let before = (out.len(), map.len());
                    copy(out, map, copied_from..span.start);
                    if self.include(d.args, dir, depth, &here, out, map) {
                        Some(None)
                    } else {
                        out.truncate(before.0);
                        map.truncate(before.1);
                        None
                    }
                }
                "title" => {
                    self.title = Some(d.args.trim().to_owned());
                    Some(Some(String::new()))
                }
                "quiz" => self.quiz(d.args, dir, &here).map(Some),
                kind => {
                    self.warn(
                        &here,
                        format!("`{{{{#{kind}}}}}` is not supported by kurssi; the text is left as it is"),
                        "kurssi knows {{#include}}, {{#rustdoc_include}}, {{#title}} and {{#quiz}}: use one of them, or write the text out",
                    );
                    None
                }
            };
            pos = span.end;
            match replacement {
                Some(Some(made)) => {
                    copy(out, map, copied_from..span.start);
                    map.push(Segment {
                        out: out.len(),
                        src: from.offset(span.start),
                        copied: false,
                        included: from.included,
                    });
                    out.push_str(&made);
                    copied_from = span.end;
                }
                Some(None) => copied_from = span.end,
                None => {}
            }
        }
        copy(out, map, copied_from..text.len());
    }

    /// Reads, cuts and expands one included file into `out`; false (with the
    /// problem pushed) when it cannot be included.
    fn include(
        &mut self,
        args: &str,
        dir: &Path,
        depth: usize,
        here: &Origin<'_>,
        out: &mut String,
        map: &mut Vec<Segment>,
    ) -> bool {
        if depth >= MAX_DEPTH {
            self.error(
                here,
                format!("includes nest more than {MAX_DEPTH} levels deep"),
                "an included file includes others in turn: include the innermost files from the page itself",
            );
            return false;
        }
        let spec = args.split_whitespace().next().unwrap_or("");
        let (path, selector) = match spec.split_once(':') {
            Some((p, s)) => (p, Some(s)),
            None => (spec, None),
        };
        let (written, target) = match self.resolve(path, dir) {
            Ok(t) => t,
            Err(message) => {
                self.error(here, message, PATH_FIX);
                return false;
            }
        };
        if self.stack.contains(&target) {
            self.error(
                here,
                format!("`{path}` includes itself"),
                "remove the include of the file from the file itself (or from a file it includes)",
            );
            return false;
        }
        let content = match std::fs::read(&target) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    self.error(
                        here,
                        format!("cannot include `{path}`: line {line} is not valid UTF-8"),
                        "save the file as UTF-8 in your editor",
                    );
                    return false;
                }
            },
            Err(e) => {
                self.error(
                    here,
                    format!("cannot read `{path}`: {e}"),
                    "check that the file can be read (its permissions) and try again",
                );
                return false;
            }
        };
        let included = self.note_file(&target, &written, &content);
        let (part, pieces) = match select(&content, selector) {
            Ok((part, pieces, warning)) => {
                if let Some(w) = warning {
                    self.warn(
                        here,
                        format!("`{path}`: {w}"),
                        "fix the line range after the file name, e.g. `{{#include file.rs:2:10}}`",
                    );
                }
                (part, pieces)
            }
            Err(message) => {
                self.error(
                    here,
                    format!("`{path}`: {message}"),
                    "choose lines that exist (`file.rs:2:10`) or an anchor the file marks with `ANCHOR: name` and `ANCHOR_END: name`",
                );
                return false;
            }
        };
        let name = self.shown(&written);
        let nested = Origin {
            span: here.span.clone(),
            file_name: &name,
        };
        // Like mdBook, nested paths start from where the file was found, not
        // from where a symbolic link to it points.
        let parent = written.parent().unwrap_or(dir).to_path_buf();
        let from = Place {
            included: Some(included),
            pieces: &pieces,
        };
        self.stack.push(target);
        self.run(&part, &from, &parent, depth + 1, Some(&nested), out, map);
        self.stack.pop();
        true
    }

    /// mdbook-quiz's `{{#quiz file.toml}}`: the file's quiz as a
    /// ```` ```quiz ```` block, on lines of its own; `None` (with the
    /// problems pushed, at their line in the TOML file) when it cannot be.
    fn quiz(&mut self, args: &str, dir: &Path, here: &Origin<'_>) -> Option<String> {
        let path = args.split_whitespace().next().unwrap_or("");
        let (written, target) = match self.resolve(path, dir) {
            Ok(t) => t,
            Err(message) => {
                self.error(here, message, PATH_FIX);
                return None;
            }
        };
        let content = match std::fs::read_to_string(&target) {
            Ok(s) => s,
            Err(e) => {
                self.error(
                    here,
                    format!("cannot read `{path}`: {e}"),
                    "check that the file can be read (its permissions) and try again",
                );
                return None;
            }
        };
        self.note_file(&target, &written, &content);
        match crate::import::mdbook_quiz::to_markdown(&content) {
            Ok(body) => Some(format!(
                "\n\n{}\n",
                crate::import::mdbook_quiz::fenced(&body)
            )),
            Err(problems) => {
                let name = self.shown(&written);
                for p in problems {
                    let before = &content[..p.span.start.min(content.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    self.error(
                        here,
                        format!("{name}:{line}:{col}: {}", p.message),
                        "fix the quiz file at that line; the guide's page on mdbook-quiz lists what kurssi reads",
                    );
                }
                None
            }
        }
    }

    /// The file a directive names, after the boundary checks: the path is
    /// checked as written first, and again with symbolic links resolved,
    /// before anything is read. Returns it as written (made absolute, `..`
    /// resolved) and with links resolved; the latter is what gets read.
    fn resolve(&self, path: &str, dir: &Path) -> Result<(PathBuf, PathBuf), String> {
        let leaves = || {
            format!(
                "`{path}` is outside the course folder and its git work tree, so it is not read"
            )
        };
        if path.is_empty() {
            return Err("the include names no file".to_owned());
        }
        let p = Path::new(path);
        if p.has_root() || p.is_absolute() || path.starts_with(['/', '\\']) {
            return Err(format!(
                "`{path}` is an absolute path; include files by a path relative to the page"
            ));
        }
        let joined = absolute(&dir.join(p));
        if !self.boundary.contains_lexically(&joined) {
            return Err(leaves());
        }
        let canonical = std::fs::canonicalize(&joined).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("included file `{path}` does not exist"),
            _ => format!("cannot read `{path}`: {e}"),
        })?;
        if !self.boundary.contains_canonical(&canonical) {
            return Err(leaves());
        }
        if canonical.is_dir() {
            return Err(format!("`{path}` is a folder, not a file"));
        }
        if let Some(kind) = crate::boundary::special_kind(&canonical) {
            return Err(format!("`{path}` is {kind}, not a file, so it is not read"));
        }
        Ok((joined, canonical))
    }

    /// Records a file read (once), for `serve` to watch and for the
    /// sources; returns its number among the files read.
    fn note_file(&mut self, target: &Path, written: &Path, content: &str) -> usize {
        if let Some(n) = self.included.iter().position(|p| p == target) {
            return n;
        }
        self.included.push(target.to_path_buf());
        self.files.push(IncludedFile {
            shown: self.shown(written),
            text: content.to_owned(),
        });
        self.included.len() - 1
    }

    /// A path as shown to users: relative to the course root when inside it.
    fn shown(&self, written: &Path) -> String {
        written
            .strip_prefix(self.boundary.root())
            .unwrap_or(written)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn error(&mut self, at: &Origin<'_>, message: String, fix: &str) {
        let d = Diagnostic::error(self.file, at.span.clone(), in_file(at, message));
        self.diags.push(d.with_note(fix));
    }

    fn warn(&mut self, at: &Origin<'_>, message: String, fix: &str) {
        let d = Diagnostic::warning(self.file, at.span.clone(), in_file(at, message));
        self.diags.push(d.with_note(fix));
    }
}

/// What to do when an include's path does not lead to a file kurssi reads.
const PATH_FIX: &str = "write the path relative to the page's folder, to a file inside the course folder: `{{#include ../code/example.rs}}`";

fn in_file(at: &Origin<'_>, message: String) -> String {
    if at.file_name.is_empty() {
        message
    } else {
        format!("in included file `{}`: {message}", at.file_name)
    }
}

/// A part of an included file: its text, where each run of it starts in
/// the file (see [`Place`]), and maybe a warning.
type Part = (String, Vec<(usize, usize)>, Option<String>);

/// The part of an included file a selector asks for: `N`, `N:`, `:M`, `N:M`
/// (1-based lines, inclusive) or an anchor name; `None` is the whole file.
/// Returns the part, or an error message.
fn select(content: &str, selector: Option<&str>) -> Result<Part, String> {
    let lines = lines_at(content);
    let Some(selector) = selector else {
        return Ok(joined(&lines, None));
    };
    let mut parts = selector.splitn(2, ':');
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return anchored(&lines, first),
    };
    // As in mdBook: `N` alone is one line, an unreadable end means "to the end".
    let end = match (start, second) {
        (Some(s), None) => Some(s + 1),
        (_, Some(e)) => e.parse::<usize>().ok(),
        (None, None) => None,
    };
    let count = lines.len();
    let from = start.unwrap_or(0);
    if start.is_some() && from >= count {
        return Err(format!(
            "line {} is past the end of the file ({count} lines)",
            from + 1
        ));
    }
    let to = end.unwrap_or(count);
    if to < from + 1 && end.is_some() {
        return Err(format!("the line range {selector} ends before it starts"));
    }
    let warning = (to > count).then(|| {
        format!("the line range {selector} goes past the end of the file ({count} lines)")
    });
    let chosen = &lines[from.min(count)..to.min(count).max(from.min(count))];
    Ok(joined(chosen, warning))
}

/// Each line of `content` (as [`str::lines`] cuts them) with its offset.
fn lines_at(content: &str) -> Vec<(usize, &str)> {
    content
        .lines()
        .map(|line| (line.as_ptr() as usize - content.as_ptr() as usize, line))
        .collect()
}

/// Lines joined with `\n`, with where each run of them starts in the file:
/// a run goes on as long as the file has them one `\n` apart.
fn joined(lines: &[(usize, &str)], warning: Option<String>) -> Part {
    let mut text = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut next_in_file = None;
    for (n, &(at, line)) in lines.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        if next_in_file != Some(at) {
            pieces.push((text.len(), at));
        }
        text.push_str(line);
        next_in_file = Some(at + line.len() + 1);
    }
    (text, pieces, warning)
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, without any
/// anchor marker lines. A missing end is a warning and the rest of the file
/// is taken, as mdBook does.
fn anchored(lines: &[(usize, &str)], name: &str) -> Result<Part, String> {
    let mut kept = Vec::new();
    let mut inside = false;
    for &(at, line) in lines {
        let start = marker(line, "ANCHOR:");
        let end = marker(line, "ANCHOR_END:");
        if inside {
            if end == Some(name) {
                return Ok(joined(&kept, None));
            }
            if start.is_none() && end.is_none() {
                kept.push((at, line));
            }
        } else if start == Some(name) {
            inside = true;
        }
    }
    if inside {
        let warning = format!(
            "anchor `{name}` has no `ANCHOR_END: {name}`, so the rest of the file is included"
        );
        Ok(joined(&kept, Some(warning)))
    } else {
        Err(format!("there is no `ANCHOR: {name}` in the file"))
    }
}

/// The anchor name after `tag` in a line (mdBook's `TAG\s*([\w_-]+)`).
fn marker<'l>(line: &'l str, tag: &str) -> Option<&'l str> {
    let at = line.find(tag)?;
    let rest = line[at + tag.len()..].trim_start();
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

#[cfg(test)]
mod tests;
