//! The treatment every piece of course Markdown gets, whether it is a page
//! ([`super::page`]) or a piece of a [`super::fragment`] that another module
//! reads (a quiz's prompts, choices and explanations): quotes in the course
//! language, relative `.md` links pointing at the `.html` output, code
//! blocks highlighted at build time.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::highlight::code_block_html;
use super::page::rewrite_md_link;
use super::{localise_quotes, Typography};

/// How course Markdown is turned into HTML: the course's quotes and
/// whether code is highlighted at build time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transform {
    /// Quote style.
    pub typography: Typography,
    /// Highlight code at build time.
    pub highlight: bool,
}

impl Transform {
    /// An event with the course's quotes in its text and a link's `.md`
    /// destination rewritten; other events as they are.
    pub fn inline<'e>(self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Text(t) => Event::Text(self.text(t)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.link(&dest_url),
                title,
                id,
            }),
            e => e,
        }
    }

    /// Text with the course's quotes.
    pub fn text<'e>(self, text: CowStr<'e>) -> CowStr<'e> {
        match localise_quotes(&text, self.typography) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(changed) => changed.into(),
        }
    }

    /// A link's destination as the HTML has it: a relative link to a
    /// Markdown page points at its HTML output.
    pub fn link<'e>(self, dest: &CowStr<'e>) -> CowStr<'e> {
        let rewritten = rewrite_md_link(dest);
        if rewritten == **dest {
            dest.clone()
        } else {
            rewritten.into()
        }
    }

    /// A code block of language `lang` as HTML.
    pub fn code_block(self, lang: &str, code: &str) -> String {
        code_block_html(lang, code, self.highlight)
    }

    /// A fragment's events to HTML (inline events give inline HTML), each
    /// treated as on a page; task list markers are dropped (a quiz's
    /// `[x]` is an answer, not a task).
    pub fn html<'e>(self, events: impl IntoIterator<Item = Event<'e>>) -> String {
        let mut out = String::new();
        let mut code: Option<(String, String)> = None;
        let mut prepared: Vec<Event> = Vec::new();
        for e in events {
            if let Some((lang, text)) = &mut code {
                match e {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let html = self.code_block(lang, text);
                        prepared.push(Event::Html(html.into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            prepared.push(match e {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match &kind {
                        CodeBlockKind::Fenced(info) => code_lang(info),
                        CodeBlockKind::Indented => "",
                    };
                    code = Some((lang.to_string(), String::new()));
                    continue;
                }
                Event::TaskListMarker(_) => continue,
                e => self.inline(e),
            });
        }
        pulldown_cmark::html::push_html(&mut out, prepared.into_iter());
        out
    }
}

/// The language of a fenced code block's info string: its first word,
/// without the `{.` of an attribute block (`rust,ignore` -> `rust`,
/// `{.quiz}` -> `quiz`).
pub fn code_lang(info: &str) -> &str {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches('{')
        .trim_start_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_code_and_links() {
        let t = Transform {
            typography: Typography::Finnish,
            highlight: false,
        };
        let md = "\"Hei\" [a](b/c.md#d) [w](https://x.org/a.md)\n\n```rust\nfn x<T>() {}\n```\n";
        let events =
            pulldown_cmark::Parser::new_ext(md, super::super::parser_options(t.typography));
        let html = t.html(events);
        assert!(html.contains("”Hei”"), "{html}");
        assert!(html.contains("href=\"b/c.html#d\""), "{html}");
        assert!(html.contains("href=\"https://x.org/a.md\""), "{html}");
        assert!(
            html.contains("<pre><code class=\"language-rust\">fn x&lt;T&gt;() {}"),
            "{html}"
        );
    }

    #[test]
    fn languages_of_info_strings() {
        assert_eq!(code_lang("rust,ignore"), "rust");
        assert_eq!(code_lang("{.quiz #id}"), "quiz");
        assert_eq!(code_lang("quiz id=x"), "quiz");
        assert_eq!(code_lang(""), "");
    }
}
