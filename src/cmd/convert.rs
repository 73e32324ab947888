//! `kurssi convert mdbook-quiz FILE.toml`: prints an mdbook-quiz file as a
//! ```` ```quiz ```` block, for an author moving to kurssi's syntax.

use std::io::Write;
use std::path::Path;

use crate::cli::{COURSE_ERRORS, SUCCESS};
use crate::diagnostics::{self, Diagnostic};
use crate::import::mdbook_quiz;
use crate::source::Sources;

/// Converts `file`, printing the block on standard output; problems are
/// reported at their line in the file.
pub fn run_mdbook_quiz(file: &Path) -> u8 {
    let shown = file.to_string_lossy().replace('\\', "/");
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {shown}: {e}");
            return COURSE_ERRORS;
        }
    };
    match mdbook_quiz::to_markdown(&text) {
        Ok(body) => {
            let block = mdbook_quiz::fenced(&body);
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(block.as_bytes()).and_then(|()| out.flush()) {
                eprintln!("error: cannot write to standard output: {e}");
                return COURSE_ERRORS;
            }
            SUCCESS
        }
        Err(problems) => {
            let len = text.len();
            let mut sources = Sources::default();
            let id = sources.add(shown, text);
            let diags: Vec<Diagnostic> = problems
                .into_iter()
                .map(|p| {
                    let start = p.span.start.min(len);
                    Diagnostic::error(id, start..p.span.end.clamp(start, len), p.message)
                })
                .collect();
            diagnostics::emit(&diags, &sources);
            COURSE_ERRORS
        }
    }
}
