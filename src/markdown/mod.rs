//! Markdown to HTML: the one place that sets pulldown-cmark's options and
//! walks its events, a pure function of a page body (its includes already
//! expanded by the loader), the course's settings and the UI labels. Page
//! rendering adds heading ids and self-links, rewrites `.md` links, collects
//! links for checking, turns GFM alerts into admonitions, localises quotes
//! and highlights code ([`transform`], which quiz fragments go through too),
//! and hands the code blocks other modules own (quizzes, worksheets) to
//! their [`page::CodeBlockHook`], which read the block's structure as a
//! [`fragment`] tree without knowing pulldown-cmark. It imports none of
//! those modules.

pub mod fragment;
pub mod highlight;
pub mod page;
pub mod slug;
pub mod trainer;
pub mod transform;
pub mod typography;

use pulldown_cmark::Options;

pub use typography::{localise_quotes, Typography};

/// The Markdown extensions every kurssi page has.
pub fn parser_options(typography: Typography) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST;
    if typography.smart() {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}
