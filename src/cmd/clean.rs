//! `kurssi clean`: removes the output folder, and only one that kurssi
//! wrote (see [`crate::output::guard`]).

use std::path::{Path, PathBuf};

use crate::cli::{COURSE_ERRORS, SUCCESS};
use crate::diagnostics::{self, Diagnostic, Location, Severity};
use crate::output::guard::{self, Existing};
use crate::site::Site;

/// Removes `dest`, or the course's configured output folder and the
/// trainer's edition beside it (`book-trainer`) when there is one.
pub fn run(root: &Path, dest: Option<PathBuf>, quiet: bool) -> u8 {
    // The whole course is loaded: the protected places include the files
    // its pages include.
    let site = Site::load(root);
    let Some(dest) = dest else {
        let dest = root.join(&site.course.config.build_dir);
        let status = remove(&site, &dest, quiet);
        let trainer = super::build::trainer_dir(&dest);
        if std::fs::symlink_metadata(&trainer).is_err() {
            return status;
        }
        return status.max(remove(&site, &trainer, quiet));
    };
    remove(&site, &dest, quiet)
}

/// Removes one output folder, if kurssi wrote it.
fn remove(site: &Site, dest: &Path, quiet: bool) -> u8 {
    let refuse = |reason: String, hint: String| {
        let d = Diagnostic::new(
            Severity::Error,
            Location::None,
            format!("will not remove `{}`: it {reason}", dest.display()),
        )
        .with_note(hint);
        diagnostics::emit(&[d], &site.course.sources);
        COURSE_ERRORS
    };
    if let Some(r) = crate::check::protected(site).refusal(dest) {
        return refuse(r.reason, r.hint);
    }
    let existing = match guard::inspect(dest) {
        Ok(e) => e,
        Err(e) => {
            let reason = format!("cannot be read: {}", crate::output::explain(&e));
            return refuse(reason, "check the folder's permissions".to_owned());
        }
    };
    if existing == Existing::Missing {
        if !quiet {
            eprintln!("Nothing to clean: {} does not exist", dest.display());
        }
        return SUCCESS;
    }
    if let Err(r) = guard::may_remove(&existing) {
        return refuse(r.reason, r.hint);
    }
    match crate::output::remove_tree(dest) {
        Ok(()) => {
            if !quiet {
                eprintln!("Removed {}", dest.display());
            }
            SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: cannot remove {}: {}",
                dest.display(),
                crate::output::explain(&e)
            );
            COURSE_ERRORS
        }
    }
}
