//! Markdown to HTML: the one place that sets pulldown-cmark's options and
//! walks its events. It reads a page body whose includes the loader has
//! already expanded. Page rendering adds heading ids and self-links, rewrites
//! `.md` links, collects links for checking, turns GFM alerts into
//! admonitions, localises quotes, highlights code and hands `quiz` blocks to
//! the quiz module.

pub mod highlight;
pub mod page;
pub mod slug;
pub mod trainer;
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
