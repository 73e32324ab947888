//! After a rebuild: printing the diagnostics (only when they changed, so an
//! edit that fixes nothing does not repeat them) and deciding what may be
//! published.
//!
//! An error inside a page keeps that page's last good version; an error
//! anywhere else (book.toml, SUMMARY.md, the theme) keeps the whole last
//! good site. The errors also go to the browser as plain text.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{self, Diagnostic, Location};
use crate::site::Site;

/// At most this many errors are sent to the browser overlay.
const OVERLAY_ERRORS: usize = 30;

/// Whether and what to publish after a rebuild.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Errors outside any page: keep the whole last good site.
    pub blocked: bool,
    /// Output paths of pages with errors: keep their last good version.
    pub keep: HashSet<String>,
    /// The errors as text for the browser, `None` when there are none.
    pub problems: Option<String>,
}

/// Prints diagnostics to the terminal when they differ from the last ones.
#[derive(Debug, Default)]
pub struct Printer {
    quiet: bool,
    printed: Vec<String>,
}

impl Printer {
    /// A printer; `quiet` prints errors only.
    pub fn new(quiet: bool) -> Printer {
        Printer {
            quiet,
            printed: Vec::new(),
        }
    }
}

/// Gathers the site's diagnostics and `extra` ones, prints them if they
/// changed, and decides what to publish. `book_toml`: whether problems in
/// book.toml are told (a course in several languages tells them with its
/// default language only; they still keep every language's last good site).
pub fn judge(
    site: &Site,
    extra: &[&[Diagnostic]],
    printer: &mut Printer,
    book_toml: bool,
) -> Verdict {
    let sources = &site.course.sources;
    let mut all = site.diagnostics();
    for part in extra {
        all.extend(part.iter().cloned());
    }
    diagnostics::sort(&mut all, sources);
    let told =
        |d: &Diagnostic| book_toml || d.file().is_none_or(|f| sources.get(f).path != "book.toml");
    let shown: Vec<Diagnostic> = all
        .iter()
        .filter(|d| (!printer.quiet || d.is_error()) && told(d))
        .cloned()
        .collect();
    let lines: Vec<String> = shown.iter().map(|d| d.one_line(sources)).collect();
    if lines != printer.printed {
        if shown.is_empty() {
            if !printer.quiet {
                eprintln!("No errors or warnings now.");
            }
        } else {
            diagnostics::emit(&shown, sources);
        }
        printer.printed = lines;
    }
    let page_of: HashMap<usize, &str> = site
        .course
        .pages
        .iter()
        .map(|p| (p.file, p.output_path.as_str()))
        .collect();
    let errors: Vec<Diagnostic> = all.into_iter().filter(Diagnostic::is_error).collect();
    let mut verdict = Verdict {
        blocked: site.theme.is_none(),
        ..Verdict::default()
    };
    for e in &errors {
        match &e.location {
            Location::Span(file, _) if page_of.contains_key(file) => {
                verdict.keep.insert(page_of[file].to_string());
            }
            _ => verdict.blocked = true,
        }
    }
    let errors: Vec<Diagnostic> = errors.into_iter().filter(told).collect();
    if !errors.is_empty() {
        let mut text =
            diagnostics::render_plain(&errors[..errors.len().min(OVERLAY_ERRORS)], sources);
        if errors.len() > OVERLAY_ERRORS {
            let more = errors.len() - OVERLAY_ERRORS;
            text.push_str(&format!("… and {more} more errors: see the terminal\n"));
        }
        verdict.problems = Some(text);
    }
    verdict
}
