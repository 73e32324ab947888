//! Pieces of a quiz's Markdown to HTML or plain text, and the event-tree
//! helpers the parser walks with.
//!
//! A quiz is parsed once into pulldown-cmark events with offsets; prompts,
//! choices, feedback and explanations are slices of those events, turned into
//! HTML here with the same treatment as the page: localised quotes,
//! build-time highlighting, `.md` links pointing at the `.html` output.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::markdown::highlight::code_block_html;
use crate::markdown::{localise_quotes, Typography};

/// An event with its byte range in the block.
pub(super) type Ev<'a> = (Event<'a>, Range<usize>);

/// Splits a run of events into sibling nodes: a `Start` with everything up
/// to its `End`, or a single other event.
pub(super) fn nodes<'e, 'a>(events: &'e [Ev<'a>]) -> Vec<&'e [Ev<'a>]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let start = i;
        if matches!(events[i].0, Event::Start(_)) {
            let mut depth = 0usize;
            while i < events.len() {
                match events[i].0 {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        } else {
            i += 1;
        }
        out.push(&events[start..i]);
    }
    out
}

/// The events inside a `Start`..`End` node (empty for a single event).
pub(super) fn inner<'e, 'a>(node: &'e [Ev<'a>]) -> &'e [Ev<'a>] {
    match node {
        [(Event::Start(_), _), rest @ .., (Event::End(_), _)] => rest,
        _ => &[],
    }
}

/// Whether a node is block-level (as opposed to inline text of a tight item).
pub(super) fn is_block(node: &[Ev]) -> bool {
    match node.first().map(|(e, _)| e) {
        Some(Event::Start(tag)) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Some(Event::Rule) => true,
        _ => false,
    }
}

/// Whether a node is only an HTML comment, which a quiz ignores anywhere.
pub(super) fn is_comment(node: &[Ev]) -> bool {
    matches!(node.first(), Some((Event::Start(Tag::HtmlBlock), _)))
        && node.iter().all(|(e, _)| match e {
            Event::Html(h) => {
                let h = h.trim();
                h.is_empty() || (h.starts_with("<!--") && h.ends_with("-->"))
            }
            _ => matches!(e, Event::Start(_) | Event::End(_)),
        })
}

/// The text of events, with breaks as spaces and markup dropped.
pub(super) fn plain_text(events: &[Ev]) -> String {
    let mut out = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// How fragments are rendered: the course's quotes and highlighting.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub typography: Typography,
    pub highlight: bool,
}

impl Style {
    /// Events to HTML (inline events give inline HTML).
    pub fn html(self, events: &[Ev]) -> String {
        let mut out = String::new();
        let mut code: Option<(String, String)> = None;
        let mut prepared: Vec<Event> = Vec::with_capacity(events.len());
        for (e, _) in events {
            if let Some((lang, text)) = &mut code {
                match e {
                    Event::Text(t) => text.push_str(t),
                    Event::End(TagEnd::CodeBlock) => {
                        let html = code_block_html(lang, text, self.highlight);
                        prepared.push(Event::Html(html.into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            prepared.push(match e {
                Event::Start(Tag::CodeBlock(kind)) => {
                    code = Some((lang_of(kind), String::new()));
                    continue;
                }
                Event::Text(t) => match localise_quotes(t, self.typography) {
                    std::borrow::Cow::Borrowed(_) => e.clone(),
                    std::borrow::Cow::Owned(s) => Event::Text(s.into()),
                },
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: rewrite_md_link(dest_url),
                    title: title.clone(),
                    id: id.clone(),
                }),
                Event::TaskListMarker(_) => continue,
                _ => e.clone(),
            });
        }
        pulldown_cmark::html::push_html(&mut out, prepared.into_iter());
        out
    }

    /// Block nodes to HTML, in order.
    pub fn blocks(self, nodes: &[&[Ev]]) -> String {
        nodes.iter().map(|n| self.html(n)).collect()
    }

    /// The insides of blockquote nodes to HTML, as one piece (feedback,
    /// hints and explanations drop the quote itself).
    pub fn quoted(self, quotes: &[&[Ev]]) -> Option<String> {
        if quotes.is_empty() {
            return None;
        }
        Some(quotes.iter().map(|q| self.html(inner(q))).collect())
    }
}

fn lang_of(kind: &CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_start_matches('{')
            .trim_start_matches('.')
            .to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

/// A relative link to a Markdown page points at its HTML output, as on the
/// rest of the page.
fn rewrite_md_link<'a>(dest: &CowStr<'a>) -> CowStr<'a> {
    let rewritten = crate::markdown::page::rewrite_md_link(dest);
    if rewritten == **dest {
        dest.clone()
    } else {
        rewritten.into()
    }
}

/// Escapes text for an HTML attribute or element.
pub(super) fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).ok();
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn events(md: &str) -> Vec<Ev<'_>> {
        Parser::new_ext(md, crate::markdown::parser_options(Typography::Finnish))
            .into_offset_iter()
            .collect()
    }

    #[test]
    fn nodes_split_siblings() {
        let evs = events("# A\n\npara *x*\n\n- a\n- b\n\n---\n");
        let n = nodes(&evs);
        assert_eq!(n.len(), 4);
        assert!(n.iter().all(|n| is_block(n)));
        assert_eq!(plain_text(inner(n[1])), "para x");
    }

    #[test]
    fn quotes_code_and_links() {
        let style = Style {
            typography: Typography::Finnish,
            highlight: false,
        };
        let evs =
            events("\"Hei\" [a](b/c.md#d) [w](https://x.org/a.md)\n\n```rust\nfn x<T>() {}\n```\n");
        let html = style.html(&evs);
        assert!(html.contains("”Hei”"), "{html}");
        assert!(html.contains("href=\"b/c.html#d\""), "{html}");
        assert!(html.contains("href=\"https://x.org/a.md\""), "{html}");
        assert!(
            html.contains("<pre><code class=\"language-rust\">fn x&lt;T&gt;() {}"),
            "{html}"
        );
    }

    #[test]
    fn comments_are_recognised() {
        let evs = events("<!-- note -->\n");
        assert!(is_comment(&evs));
        let evs = events("<div>x</div>\n");
        assert!(!is_comment(&evs));
    }
}
