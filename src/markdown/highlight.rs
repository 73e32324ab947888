//! Build-time code highlighting with syntect, as a few short CSS classes so
//! that pages carry no inline styles and one light and one dark stylesheet
//! theme them.
//!
//! syntect gives every token a stack of scopes (`keyword.control.rust`
//! inside `meta.block.rust` inside `source.rust`). Writing each scope as a
//! class, as syntect's own HTML writer does, made highlighted code three
//! times the size of the code, and most of those classes styled nothing.
//! Instead [`CLASSES`] maps scopes to one token class each, resolved per
//! token with TextMate's rule as editors apply a theme: the deepest scope
//! that any selector matches decides, and among the selectors matching it
//! the longest. A run of tokens with one class becomes one `<span>`, and
//! text without a class is written bare.
//!
//! syntect's default syntaxes are loaded once, lazily, the first time a page
//! has code. TOML, which the defaults lack, lives in a small set of its own
//! (built from `syntaxes/toml.sublime-syntax` on first use) so that adding it
//! never means rebuilding the large default set.

use std::sync::OnceLock;

use std::cell::RefCell;
use std::collections::HashMap;

use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet,
    SyntaxSetBuilder,
};
use syntect::util::LinesWithEndings;

use rustc_hash::FxHashMap;

/// Prefix of every highlighting class, so they never clash with the theme's.
pub const CLASS_PREFIX: &str = "hl-";

/// The token classes (without [`CLASS_PREFIX`]) and the scopes each one
/// styles. `themes/default/static/highlight.css` colours them; a theme's
/// stylesheet must know the same names.
const CLASSES: &[(&str, &str)] = &[
    ("k", "keyword, storage, variable.language.this"),
    ("s", "string, markup.raw"),
    ("e", "string.regexp, constant.character.escape"),
    (
        "c",
        "constant, variable.language, variable.other.constant, support.constant, \
         entity.other.attribute-name, support.type.property-name",
    ),
    (
        "f",
        "entity.name.function, support.function, variable.function, support.macro, \
         entity.name.macro",
    ),
    (
        "t",
        "entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, \
         entity.name.trait, entity.name.interface, entity.other.inherited-class, support.type, \
         support.class, entity.name.namespace, entity.name.lifetime, storage.modifier.lifetime, \
         variable.parameter, entity.name.label, punctuation.definition.list_item, markup.changed",
    ),
    (
        "g",
        "entity.name.tag, entity.name.selector, entity.other.attribute-name.class",
    ),
    ("m", "comment, markup.quote"),
    ("h", "markup.heading"),
    ("l", "markup.underline.link"),
    ("ins", "markup.inserted"),
    ("del", "markup.deleted"),
    ("x", "invalid"),
];

/// Selectors that look at an ancestor too: (ancestor, scope, class). They
/// beat a plain selector on the same scope, as a longer selector path does
/// in TextMate. A string in a mapping key is a key (JSON, YAML), a
/// character constant in a string is an escape or placeholder.
const DESCENDANT_CLASSES: &[(&str, &str, &str)] = &[
    ("meta.mapping.key", "string", "c"),
    ("string", "constant.character", "e"),
];

/// Emphasis in marked-up text (Markdown in a code block): a second class,
/// since it combines with a colour class.
const FONT_CLASSES: &[(&str, &str)] = &[("b", "markup.bold"), ("i", "markup.italic")];

/// One selector of the tables above, parsed.
struct Selector {
    scope: Scope,
    /// Index into [`CLASSES`] or [`FONT_CLASSES`].
    class: u8,
}

/// The tables above as scopes, parsed once.
struct Rules {
    colours: Vec<Selector>,
    fonts: Vec<Selector>,
    /// (ancestor, scope, index into [`CLASSES`]).
    descendants: Vec<(Scope, Scope, u8)>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // The selectors are the constants above; a typo shows in the tests.
        let scope = |s: &str| Scope::new(s.trim()).unwrap_or_default();
        let class_of = |name: &str| {
            let i = CLASSES.iter().position(|(n, _)| *n == name).unwrap_or(0);
            i as u8
        };
        let table = |entries: &mut dyn Iterator<Item = (u8, &str)>| {
            entries
                .flat_map(|(class, selectors)| {
                    selectors.split(',').map(move |s| Selector {
                        scope: scope(s),
                        class,
                    })
                })
                .collect()
        };
        Rules {
            colours: table(&mut (0u8..).zip(CLASSES.iter().map(|(_, sel)| *sel))),
            fonts: table(&mut (0u8..).zip(FONT_CLASSES.iter().map(|(_, sel)| *sel))),
            descendants: DESCENDANT_CLASSES
                .iter()
                .map(|&(ancestor, sel, name)| (scope(ancestor), scope(sel), class_of(name)))
                .collect(),
        }
    })
}

/// What one scope says on its own: the class of the longest selector that
/// matches it, if any (`NONE` otherwise), for colour and font.
#[derive(Clone, Copy)]
struct ScopeClasses {
    colour: u8,
    font: u8,
    /// Bit `i`: the scope is rule `i`'s ancestor in [`DESCENDANT_CLASSES`].
    ancestor_of: u8,
    /// Bit `i`: the scope is rule `i`'s own scope.
    descendant_in: u8,
}

const NONE: u8 = u8::MAX;

impl ScopeClasses {
    fn of(scope: Scope) -> ScopeClasses {
        let best = |selectors: &[Selector]| {
            selectors
                .iter()
                .filter(|s| s.scope.is_prefix_of(scope))
                .max_by_key(|s| s.scope.len())
                .map_or(NONE, |s| s.class)
        };
        let rules = rules();
        let mut classes = ScopeClasses {
            colour: best(&rules.colours),
            font: best(&rules.fonts),
            ancestor_of: 0,
            descendant_in: 0,
        };
        for (i, (ancestor, own, _)) in rules.descendants.iter().enumerate() {
            if ancestor.is_prefix_of(scope) {
                classes.ancestor_of |= 1 << i;
            }
            if own.is_prefix_of(scope) {
                classes.descendant_in |= 1 << i;
            }
        }
        classes
    }

    /// The same, from a per-thread memo: a code block pushes a scope for
    /// almost every token, and a course uses a few hundred scopes.
    fn cached(scope: Scope) -> ScopeClasses {
        thread_local! {
            static MEMO: RefCell<FxHashMap<Scope, ScopeClasses>> =
                RefCell::new(HashMap::default());
        }
        MEMO.with(|memo| {
            *memo
                .borrow_mut()
                .entry(scope)
                .or_insert_with(|| Self::of(scope))
        })
    }
}

/// The resolved classes at one depth of the scope stack.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Level {
    colour: u8,
    font: u8,
    /// Bit `i`: an ancestor of rule `i` is on the stack at or below here.
    ancestors: u8,
}

const ROOT: Level = Level {
    colour: NONE,
    font: NONE,
    ancestors: 0,
};

impl Level {
    /// The level above `self` once `scope` is pushed: the deepest match wins.
    fn push(self, scope: Scope) -> Level {
        let own = ScopeClasses::cached(scope);
        let mut colour = if own.colour == NONE {
            self.colour
        } else {
            own.colour
        };
        let matched = own.descendant_in & self.ancestors;
        if matched != 0 {
            colour = rules().descendants[matched.trailing_zeros() as usize].2;
        }
        Level {
            colour,
            font: if own.font == NONE {
                self.font
            } else {
                own.font
            },
            ancestors: self.ancestors | own.ancestor_of,
        }
    }

    /// Writes the `class` attribute's value; nothing when no class applies.
    fn push_classes(self, out: &mut String) {
        if let Some((name, _)) = CLASSES.get(usize::from(self.colour)) {
            out.push_str(CLASS_PREFIX);
            out.push_str(name);
        }
        if let Some((name, _)) = FONT_CLASSES.get(usize::from(self.font)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(CLASS_PREFIX);
            out.push_str(name);
        }
    }
}

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

/// The known language name nearest to a misspelt one (`pyhton`).
pub fn nearest_language(lang: &str) -> Option<String> {
    let names: Vec<String> = [defaults(), extras()]
        .iter()
        .flat_map(|set| set.syntaxes())
        .flat_map(|s| {
            s.file_extensions
                .iter()
                .cloned()
                .chain([s.name.to_lowercase()])
        })
        .chain(ALIASES.iter().map(|(alias, _)| alias.to_string()))
        .chain(PLAIN.iter().map(|p| p.to_string()))
        .collect();
    crate::suggest::nearest(lang, names.iter().map(String::as_str)).map(str::to_owned)
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
    let mut parse = ParseState::new(syntax);
    let mut scopes = ScopeStack::new();
    // Parallel to `scopes`: the classes resolved at each depth.
    let mut levels = vec![ROOT];
    let mut out = String::with_capacity(code.len() * 3 / 2);
    let mut run = Run::default();
    for line in LinesWithEndings::from(code) {
        let ops = parse.parse_line(line, set).ok()?;
        let mut pos = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > pos {
                run.write(
                    &mut out,
                    levels.last().copied().unwrap_or(ROOT),
                    &line[pos..at],
                );
                pos = at;
            }
            scopes
                .apply_with_hook(op, |op, _| match op {
                    BasicScopeStackOp::Push(scope) => {
                        let top = levels.last().copied().unwrap_or(ROOT);
                        levels.push(top.push(scope));
                    }
                    BasicScopeStackOp::Pop => {
                        if levels.len() > 1 {
                            levels.pop();
                        }
                    }
                })
                .ok()?;
        }
        if pos < line.len() {
            run.write(
                &mut out,
                levels.last().copied().unwrap_or(ROOT),
                &line[pos..],
            );
        }
    }
    run.close(&mut out);
    Some(out)
}

/// The open `<span>`, so that tokens with one class share it.
#[derive(Default)]
struct Run {
    level: Option<Level>,
    class: String,
}

impl Run {
    fn write(&mut self, out: &mut String, level: Level, text: &str) {
        let same = self
            .level
            .is_some_and(|l| l.colour == level.colour && l.font == level.font);
        if !same {
            self.close(out);
            level.push_classes(&mut self.class);
            if !self.class.is_empty() {
                out.push_str("<span class=\"");
                out.push_str(&self.class);
                out.push_str("\">");
            }
            self.level = Some(level);
        }
        // Writing to a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html_body_text(out, text);
    }

    fn close(&mut self, out: &mut String) {
        if !self.class.is_empty() {
            out.push_str("</span>");
        }
        self.class.clear();
        self.level = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted() {
        let html = code_block_html("toml", "[book]\ntitle = \"T\" # c\nn = 1\n", true);
        assert!(
            html.contains(r#"<span class="hl-g">title</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="hl-s">&quot;T&quot;</span>"#)
                || html.contains(r#"<span class="hl-s">"T"</span>"#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="hl-m"># c</span>"#), "{html}");
        assert!(html.contains(r#"<span class="hl-c">1</span>"#), "{html}");
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

    #[test]
    fn a_token_takes_the_class_of_its_deepest_styled_scope() {
        let html = code_block_html("rust", "let s = \"a\\n\";\n", true);
        // The quotes and the text share one span; the escape inside has its own.
        assert!(
            html.contains(r#"<span class="hl-s">"a</span><span class="hl-e">\n</span><span class="hl-s">"</span>"#),
            "{html}"
        );
        let level = |scopes: &[&str]| {
            scopes.iter().fold(ROOT, |level, s| {
                level.push(Scope::new(s).expect("a valid scope"))
            })
        };
        let class = |scopes: &[&str]| {
            let mut out = String::new();
            level(scopes).push_classes(&mut out);
            out
        };
        assert_eq!(class(&["source.rust", "meta.block.rust"]), "");
        assert_eq!(
            class(&[
                "source.rust",
                "comment.line.rust",
                "punctuation.definition.comment"
            ]),
            "hl-m"
        );
        // A longer selector on the same scope wins: support.type.property-name.
        assert_eq!(
            class(&["source.css", "support.type.property-name.css"]),
            "hl-c"
        );
        assert_eq!(class(&["source.css", "support.type.css"]), "hl-t");
        // Selectors with an ancestor.
        assert_eq!(
            class(&[
                "source.yaml",
                "meta.mapping.key.yaml",
                "string.unquoted.yaml"
            ]),
            "hl-c"
        );
        assert_eq!(class(&["source.yaml", "string.unquoted.yaml"]), "hl-s");
        assert_eq!(
            class(&["source.c", "string.quoted.c", "constant.character.c"]),
            "hl-e"
        );
        assert_eq!(class(&["source.c", "constant.character.c"]), "hl-c");
        // Emphasis combines with a colour.
        assert_eq!(
            class(&["text.md", "markup.heading.md", "markup.bold.md"]),
            "hl-h hl-b"
        );
    }

    #[test]
    fn every_class_has_a_rule_in_the_default_theme() {
        let css = include_str!("../../themes/default/static/highlight.css");
        let names = CLASSES
            .iter()
            .map(|(n, _)| n)
            .chain(FONT_CLASSES.iter().map(|(n, _)| n));
        for name in names {
            let selector = format!(".{CLASS_PREFIX}{name}");
            let ruled = css
                .match_indices(&selector)
                .any(|(at, _)| css[at + selector.len()..].starts_with([' ', ',', '{']));
            assert!(ruled, "highlight.css has no rule for {selector}");
        }
        for (_, selectors) in CLASSES.iter().chain(FONT_CLASSES) {
            for s in selectors.split(',') {
                assert!(Scope::new(s.trim()).is_ok(), "bad selector {s:?}");
            }
        }
    }
}
