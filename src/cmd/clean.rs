//! `kurssi clean`: removes the output folder.

use std::path::{Path, PathBuf};

use super::{COURSE_ERRORS, SUCCESS};

/// Removes `dest`, or the course's configured output folder.
pub fn run(root: &Path, dest: Option<PathBuf>, quiet: bool) -> u8 {
    let dest = match dest {
        Some(d) => d,
        None => {
            let mut sources = crate::source::Sources::default();
            let mut diags = Vec::new();
            let build_dir = match std::fs::read_to_string(root.join("book.toml")) {
                Ok(text) => {
                    let id = sources.add("book.toml", text);
                    crate::config::parse(&sources, id, &mut diags).build_dir
                }
                Err(_) => crate::config::Config::default().build_dir,
            };
            root.join(build_dir)
        }
    };
    if !dest.exists() {
        if !quiet {
            eprintln!("Nothing to clean: {} does not exist", dest.display());
        }
        return SUCCESS;
    }
    let holds_course = match (dest.canonicalize(), root.canonicalize()) {
        (Ok(d), Ok(r)) => r.starts_with(&d),
        _ => false,
    };
    if holds_course || dest.join("book.toml").exists() {
        eprintln!(
            "error: refusing to remove {}: it holds the course itself",
            dest.display()
        );
        return COURSE_ERRORS;
    }
    match crate::output::remove_tree(&dest) {
        Ok(()) => {
            if !quiet {
                eprintln!("Removed {}", dest.display());
            }
            SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot remove {}: {e}", dest.display());
            COURSE_ERRORS
        }
    }
}
