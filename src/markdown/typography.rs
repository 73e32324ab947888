//! Typographic quotes that follow the course language.
//!
//! pulldown-cmark's smart punctuation produces English curly quotes; a
//! Finnish course needs `”…”` and `’` on both sides, and a course may want
//! straight quotes kept as they are.

use std::borrow::Cow;

/// Which quotation marks a course uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typography {
    /// English: “…” and ‘…’.
    English,
    /// Finnish and Swedish: ”…” and ’…’.
    Finnish,
    /// Keep straight quotes.
    Plain,
}

impl Typography {
    /// The convention of a language code (`fi`, `sv-FI`, `en`...).
    pub fn for_language(language: &str) -> Self {
        match language.split(['-', '_']).next().unwrap_or("") {
            "fi" | "sv" => Typography::Finnish,
            "" => Typography::Plain,
            _ => Typography::English,
        }
    }

    /// Whether pulldown-cmark's smart punctuation should run.
    pub fn smart(self) -> bool {
        self != Typography::Plain
    }
}

/// Rewrites the English curly quotes that smart punctuation produced into
/// the course language's marks.
pub fn localise_quotes(text: &str, typography: Typography) -> Cow<'_, str> {
    if typography != Typography::Finnish || !text.contains(['“', '‘']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('“', "”").replace('‘', "’"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_quotes() {
        assert_eq!(localise_quotes("“a” ‘b’", Typography::Finnish), "”a” ’b’");
        assert_eq!(localise_quotes("“a”", Typography::English), "“a”");
        assert_eq!(Typography::for_language("fi-FI"), Typography::Finnish);
        assert_eq!(Typography::for_language("en"), Typography::English);
    }
}
