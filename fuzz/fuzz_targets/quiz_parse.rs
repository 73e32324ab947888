//! Feeds arbitrary bytes to the quiz parser and renderer: the first line is
//! the info string, the rest the block. Nothing may panic, and every
//! diagnostic must point inside the page.
//!
//! Run with `cargo fuzz run quiz_parse` from the repository root.

#![no_main]

use kurssi::diagnostics::Location;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (info, block) = text.split_once('\n').unwrap_or(("quiz", text));
    let prefix = format!("# Page\n\n```{info}\n");
    let (html, diags) = kurssi::quiz::render_standalone(info, block, prefix.len());
    let mut sources = kurssi::source::Sources::default();
    sources.add("quiz.md", format!("{prefix}{block}```\n"));
    for d in &diags {
        if let Location::Span(_, span) = &d.location {
            assert!(span.start <= span.end && span.end <= prefix.len() + block.len());
        }
        d.position(&sources);
    }
    assert_eq!(html.is_empty(), diags.iter().any(|d| d.is_error()));
});
