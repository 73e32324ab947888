//! Build-time code highlighting with syntect, as CSS classes so that pages
//! carry no inline styles and one light and one dark stylesheet theme them.
//!
//! syntect's default syntaxes are loaded once, lazily, the first time a page
//! has code. TOML, which the defaults lack, lives in a small set of its own
//! (built from `syntaxes/toml.sublime-syntax` on first use) so that adding it
//! never means rebuilding the large default set.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class, so they never clash with the theme's.
pub const CLASS_PREFIX: &str = "hl-";

/// Info strings that mean "plain text": shown as code, never warned about.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "console",
    "output",
    "none",
];

/// Common names that syntect knows under another token.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("zsh", "bash"),
    ("ts", "js"),
    ("typescript", "js"),
    ("jsx", "js"),
    ("yml", "yaml"),
    ("py", "python"),
    ("rs", "rust"),
    ("golang", "go"),
    ("c++", "cpp"),
    ("md", "markdown"),
    ("htm", "html"),
];

fn defaults() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn extras() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut builder = SyntaxSetBuilder::new();
        if let Ok(toml) = SyntaxDefinition::load_from_str(
            include_str!("syntaxes/toml.sublime-syntax"),
            true,
            None,
        ) {
            builder.add(toml);
        }
        builder.build()
    })
}

fn find(lang: &str) -> Option<(&'static SyntaxSet, &'static SyntaxReference)> {
    let lower = lang.to_ascii_lowercase();
    let token = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, real)| real);
    if token == "toml" {
        let set = extras();
        return set.find_syntax_by_token(token).map(|s| (set, s));
    }
    let set = defaults();
    set.find_syntax_by_token(token).map(|s| (set, s))
}

/// Whether `lang` is plain text or names a syntax that can be highlighted.
pub fn knows(lang: &str) -> bool {
    PLAIN.contains(&lang.to_ascii_lowercase().as_str()) || find(lang).is_some()
}

/// A whole `<pre><code>` element for a fenced code block. With `highlight`
/// off, or for an unknown language, the code is escaped and left plain.
pub fn code_block_html(lang: &str, code: &str, highlight: bool) -> String {
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre><code");
    if !lang.is_empty() {
        out.push_str(" class=\"language-");
        pulldown_cmark_escape::escape_html(&mut out, lang).ok();
        out.push('"');
    }
    out.push('>');
    match highlighted(lang, code, highlight) {
        Some(html) => out.push_str(&html),
        None => {
            pulldown_cmark_escape::escape_html_body_text(&mut out, code).ok();
        }
    }
    out.push_str("</code></pre>\n");
    out
}

fn highlighted(lang: &str, code: &str, highlight: bool) -> Option<String> {
    if !highlight || PLAIN.contains(&lang) {
        return None;
    }
    let (set, syntax) = find(lang)?;
    let mut gen = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed {
            prefix: CLASS_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        gen.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(gen.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted() {
        let html = code_block_html("toml", "[book]\ntitle = \"T\" # c\nn = 1\n", true);
        assert!(html.contains("hl-entity hl-name hl-section"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-constant hl-numeric"), "{html}");
    }

    #[test]
    fn aliases_plain_and_unknown() {
        assert!(knows("shell") && knows("rust") && knows("text") && knows("TOML"));
        assert!(!knows("klingon"));
        let plain = code_block_html("klingon", "<a>", true);
        assert_eq!(
            plain,
            "<pre><code class=\"language-klingon\">&lt;a&gt;</code></pre>\n"
        );
        let off = code_block_html("rust", "fn x() {}", false);
        assert!(!off.contains("hl-"));
    }
}
