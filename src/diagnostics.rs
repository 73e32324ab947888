//! Errors and warnings about a course, collected rather than thrown.
//!
//! Every stage pushes [`Diagnostic`]s and carries on, so one run reports every
//! problem of a course. A diagnostic points at a file in [`Sources`] by byte
//! span (rendered as `PATH:LINE:COL` with the source line quoted), or names
//! only a path when the file could not be read. Rendering goes through
//! codespan-reporting, coloured only on a terminal and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};

use crate::source::{FileId, Sources};

pub mod catalogue;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The course cannot be built correctly; the run exits with status 1.
    Error,
    /// Something the trainer should look at; the build still succeeds.
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// No particular file (for example a problem with the whole course).
    None,
    /// A file that was not loaded, named by its path relative to the course root.
    Path(String),
    /// A byte span in a loaded file.
    Span(FileId, Range<usize>),
}

/// One problem found in a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong, in words a trainer understands.
    pub message: String,
    /// Extra lines: what to do about it.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at a byte span of a loaded file.
    pub fn error(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Location::Span(file, span), message)
    }

    /// A warning at a byte span of a loaded file.
    pub fn warning(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Location::Span(file, span), message)
    }

    /// An error about a path that could not be loaded.
    pub fn path_error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Location::Path(path.into()), message)
    }

    /// A warning about a path that was not loaded.
    pub fn path_warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Location::Path(path.into()), message)
    }

    /// A diagnostic with any severity and location.
    pub fn new(severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// Adds a note saying what to do.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The loaded file this diagnostic points into, if any.
    pub fn file(&self) -> Option<FileId> {
        match self.location {
            Location::Span(file, _) => Some(file),
            _ => None,
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `PATH:LINE:COL` (or just `PATH`) of this diagnostic, for tests and one-line output.
    pub fn position(&self, sources: &Sources) -> String {
        match &self.location {
            Location::None => String::new(),
            Location::Path(p) => p.clone(),
            Location::Span(id, span) => {
                let file = sources.get(*id);
                let (line, col) = file.line_col(span.start);
                format!("{}:{line}:{col}", file.path)
            }
        }
    }

    /// One line: `error: PATH:LINE:COL: message`.
    pub fn one_line(&self, sources: &Sources) -> String {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let pos = self.position(sources);
        if pos.is_empty() {
            format!("{word}: {}", self.message)
        } else {
            format!("{word}: {pos}: {}", self.message)
        }
    }

    /// Problems of the whole course first, then book.toml, then SUMMARY.md
    /// (a mistake there is the cause of others), then the rest by path and
    /// position.
    fn sort_key(&self, sources: &Sources) -> (u8, String, usize, Severity) {
        let (path, at) = match &self.location {
            Location::None => (String::new(), 0),
            Location::Path(p) => (p.clone(), 0),
            Location::Span(id, span) => (sources.get(*id).path.clone(), span.start),
        };
        let rank = if path.is_empty() {
            0
        } else if path == "book.toml" {
            1
        } else if path == "SUMMARY.md" || path.ends_with("/SUMMARY.md") {
            2
        } else {
            3
        };
        (rank, path, at, self.severity)
    }
}

/// Counts of a run's diagnostics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

/// Counts errors and warnings.
pub fn count(diagnostics: &[Diagnostic]) -> Counts {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Counts {
        errors,
        warnings: diagnostics.len() - errors,
    }
}

/// Sorts diagnostics by file and position and drops exact duplicates, so
/// output does not depend on the order of parallel work.
pub fn sort(diagnostics: &mut Vec<Diagnostic>, sources: &Sources) {
    diagnostics.sort_by_cached_key(|d| d.sort_key(sources));
    diagnostics.dedup();
}

/// Whether stderr should be coloured: a terminal, and `NO_COLOR` unset or empty.
pub fn use_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes every diagnostic to stderr, then a summary line when there are any.
pub fn emit(diagnostics: &[Diagnostic], sources: &Sources) {
    emit_groups(&[(diagnostics, sources)]);
}

/// Writes the diagnostics of several sites (one per language, each with
/// its own sources) to stderr, then one summary line when there are any.
pub fn emit_groups(groups: &[(&[Diagnostic], &Sources)]) {
    let choice = if use_colour() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let stream = termcolor::StandardStream::stderr(choice);
    let mut out = stream.lock();
    let mut counts = Counts::default();
    for (diagnostics, sources) in groups {
        for d in *diagnostics {
            let _ = write_one(&mut out, d, sources);
        }
        let c = count(diagnostics);
        counts.errors += c.errors;
        counts.warnings += c.warnings;
    }
    if counts.errors + counts.warnings > 0 {
        let _ = writeln!(out, "{}", summary(counts));
    }
}

/// Renders diagnostics into a plain string (for tests and the serve overlay).
pub fn render_plain(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut buf = termcolor::NoColor::new(Vec::new());
    for d in diagnostics {
        let _ = write_one(&mut buf, d, sources);
    }
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

/// `2 errors, 1 warning`.
pub fn summary(counts: Counts) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning")
    )
}

fn write_one(
    out: &mut dyn termcolor::WriteColor,
    d: &Diagnostic,
    sources: &Sources,
) -> std::io::Result<()> {
    let mut report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    match &d.location {
        Location::None => report = report.with_message(&d.message),
        Location::Path(p) => report = report.with_message(format!("{p}: {}", d.message)),
        Location::Span(id, span) => {
            report = report
                .with_message(&d.message)
                .with_labels(vec![Label::primary(*id, span.clone())]);
        }
    }
    report = report.with_notes(d.notes.clone());
    let config = term::Config::default();
    term::emit_to_write_style(out, &config, &SourcesDb(sources), &report)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Adapter so codespan-reporting can read our sources.
struct SourcesDb<'a>(&'a Sources);

impl<'a> Files<'a> for SourcesDb<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.0.get(id).path)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.0.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.0.get(id).line_col(byte_index).0 - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.0.get(id);
        let starts = file.line_starts();
        if line_index >= starts.len() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: starts.len() - 1,
            });
        }
        let end = starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(file.text.len());
        Ok(starts[line_index]..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_and_source_line() {
        let mut sources = Sources::default();
        let id = sources.add("m/a.md", "# T\n\nsome bad line\n");
        let d = Diagnostic::error(id, 10..13, "this is bad");
        let text = render_plain(std::slice::from_ref(&d), &sources);
        assert!(text.contains("error: this is bad"), "{text}");
        assert!(text.contains("m/a.md:3:6"), "{text}");
        assert!(text.contains("some bad line"), "{text}");
        assert_eq!(d.one_line(&sources), "error: m/a.md:3:6: this is bad");
    }

    #[test]
    fn summary_counts() {
        assert_eq!(
            summary(Counts {
                errors: 1,
                warnings: 2
            }),
            "1 error, 2 warnings"
        );
    }
}
