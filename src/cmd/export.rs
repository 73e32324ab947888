//! `kurssi export gift` and `kurssi export moodle-xml`: every quiz of the
//! course as a Moodle question bank, on standard output or into a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{COURSE_ERRORS, SUCCESS};
use crate::diagnostics::{self, Diagnostic};
use crate::export::{self, gift, moodle_xml};
use crate::site::Site;

/// The formats of `kurssi export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Moodle's GIFT text format.
    Gift,
    /// Moodle XML.
    MoodleXml,
}

/// Exports the course at `root` as `format` into `out` (standard output
/// when `None`). Course errors stop the export: nothing is written.
pub fn run(root: &Path, format: Format, out: Option<&Path>, quiet: bool) -> u8 {
    let site = Site::load(root);
    // Only what concerns the quizzes: the export does not render the
    // theme, and a broken link is no reason to refuse a question bank.
    let mut diags: Vec<Diagnostic> = site
        .diagnostics()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    diags.extend(crate::check::quiz_ids(&site));
    let text = if diagnostics::count(&diags).errors == 0 {
        let bank = export::bank(&site);
        let (text, found) = match format {
            Format::Gift => gift::export(&bank),
            Format::MoodleXml => {
                let src = site.course.src_dir.clone();
                let boundary = site.boundary();
                let read =
                    move |path: &str| -> Option<Vec<u8>> { boundary.read(&src.join(path)).ok() };
                moodle_xml::export(&bank, &read)
            }
        };
        diags.extend(found);
        Some((text, bank.len()))
    } else {
        None
    };
    diagnostics::sort(&mut diags, &site.course.sources);
    let shown: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| !quiet || d.is_error())
        .cloned()
        .collect();
    diagnostics::emit(&shown, &site.course.sources);
    let Some((text, quizzes)) = text else {
        eprintln!("error: the course has problems; nothing was exported");
        return COURSE_ERRORS;
    };
    let written = match out {
        Some(path) => write_file(path, text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
        }
    };
    if let Err(e) = written {
        let to = out.map_or("standard output".to_owned(), |p| p.display().to_string());
        eprintln!("error: cannot write {to}: {e}");
        return COURSE_ERRORS;
    }
    if !quiet {
        if let Some(path) = out {
            eprintln!("Exported {quizzes} quizzes to {}", path.display());
        }
    }
    SUCCESS
}

/// Writes `path` whole or not at all: into a file beside it, then renamed.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "it is not a file name")
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(".kurssi-tmp");
    let temp: PathBuf = path.with_file_name(temp_name);
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
