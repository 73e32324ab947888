//! Listing the source folder: which files are Markdown pages and which are
//! assets. Hidden files and folders, `SUMMARY.md` and the output folder are
//! left out. Symbolic links are followed while they stay inside the course
//! ([`Boundary`]); a link that leads out of it, or to a special file, is an
//! error and is never entered or read, and a link back to one of its own
//! parent folders is reported and not entered, so a loop never hangs.

use std::path::Path;

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
    let skipped = |path: &Path| skip.contains(&rel_of(path));
    for path in boundary.walk_files(src_dir, &shown, &skipped, diags) {
        let rel = rel_of(&path);
        if path.to_str().is_none() {
            diags.push(Diagnostic::path_error(
                shown(&path),
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
    found.assets.sort();
    found
}
