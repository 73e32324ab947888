//! Listing the source folder: which files are Markdown pages and which are
//! assets. Hidden files and folders, `SUMMARY.md` and the output folder are
//! left out. Symbolic links are followed while they stay inside the course
//! ([`Boundary`]); a link that leads out of it, or to a special file, is an
//! error and is never entered or read, and a link back to one of its own
//! parent folders is reported and not entered, so a loop never hangs.

use std::path::Path;

use walkdir::WalkDir;

use super::{is_markdown, slash_path};
use crate::boundary::Boundary;
use crate::diagnostics::Diagnostic;

/// The files of the source folder, relative to it and `/`-separated.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Markdown files, folder by folder, each folder's entries sorted by name.
    pub markdown: Vec<String>,
    /// Every other file, sorted.
    pub assets: Vec<String>,
}

/// Lists `src_dir`. `prefix` turns a path under it into one under the course
/// root (for messages); `skip` holds paths under it to leave out entirely.
pub(super) fn scan(
    src_dir: &Path,
    prefix: &str,
    skip: &[String],
    boundary: &Boundary,
    diags: &mut Vec<Diagnostic>,
) -> Found {
    let mut found = Found::default();
    let rel_of = |path: &Path| {
        path.strip_prefix(src_dir)
            .map(slash_path)
            .unwrap_or_default()
    };
    let shown = |path: &Path| {
        let s = format!("{prefix}{}", rel_of(path));
        match s.trim_end_matches('/') {
            "" => ".".to_owned(),
            t => t.to_owned(),
        }
    };
    // Links are checked before walkdir follows them: a refused one is
    // neither entered nor read.
    let mut refused = Vec::new();
    let walker = WalkDir::new(src_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0
                && (e.file_name().to_string_lossy().starts_with('.')
                    || skip.contains(&rel_of(e.path())))
            {
                return false;
            }
            if let Err(why) = boundary.check_entry(e) {
                let (message, note) = why.describe();
                refused.push(Diagnostic::path_error(shown(e.path()), message).with_note(note));
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| ".".to_owned(), shown);
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!(
                        "this symbolic link loops back to `{}`, so it is skipped",
                        shown(ancestor)
                    ),
                    None => match e.io_error() {
                        Some(io) => format!("cannot be read: {io}"),
                        None => format!("cannot be read: {e}"),
                    },
                };
                diags.push(Diagnostic::path_error(path, message));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_of(entry.path());
        if entry.path().to_str().is_none() {
            diags.push(Diagnostic::path_error(
                shown(entry.path()),
                "the file name is not valid UTF-8, so the file is skipped",
            ));
        } else if is_markdown(&rel) {
            // The table of contents is not a page.
            if rel != "SUMMARY.md" {
                found.markdown.push(rel);
            }
        } else {
            found.assets.push(rel);
        }
    }
    diags.append(&mut refused);
    found.assets.sort();
    found
}
