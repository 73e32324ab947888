//! `book.toml` as a build reads it: the input is the file's text, parsed
//! into the course configuration by [`kurssi::config::parse`].
//!
//! Asserted: nothing panics; parsing twice gives the same configuration and
//! diagnostics; every diagnostic span lies inside the file; the pass mark is
//! a percentage; a site URL ends in `/`; on an error the rest of the
//! configuration is still usable.
//!
//! Run with `cargo +nightly fuzz run book_toml` from the repository root.

#![no_main]

use kurssi::diagnostics::Location;
use kurssi::source::Sources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = Sources::default();
    let file = sources.add("book.toml", text);
    let mut diags = Vec::new();
    let config = kurssi::config::parse(&sources, file, &mut diags);
    for d in &diags {
        if let Location::Span(_, span) = &d.location {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "span {span:?}: {}",
                d.message
            );
        }
        d.one_line(&sources);
    }
    // `None`: the file does not parse, and its one error says so.
    if let Some(config) = &config {
        assert!(config.pass_mark <= 100);
        if let Some(url) = &config.site_url {
            assert!(url.ends_with('/'), "site URL {url:?}");
        }
        // What a build does next with the configuration.
        let _ = kurssi::i18n::Strings::new(&config.language, &config.strings);
        let _ = kurssi::markdown::Typography::for_language(&config.language);
        let _ = kurssi::search::Vocabulary::new(&config.language);
        for language in &config.languages {
            let _ = kurssi::i18n::Strings::new(&language.code, &language.strings);
        }
    } else {
        assert!(diags.iter().any(|d| d.is_error()), "no error for a file that does not parse");
    }

    let mut diags_again = Vec::new();
    let again = kurssi::config::parse(&sources, file, &mut diags_again);
    assert_eq!(config, again);
    assert_eq!(diags, diags_again);
});
