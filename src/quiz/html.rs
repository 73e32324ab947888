//! Pieces of a quiz's Markdown to HTML or plain text, and the event-tree
//! helpers the parser walks with.
//!
//! A quiz is parsed once into pulldown-cmark events with offsets; prompts,
//! choices, feedback and explanations are slices of those events, turned into
//! HTML by Markdown's shared [`Transform`], the same treatment as the page:
//! localised quotes, build-time highlighting, `.md` links pointing at the
//! `.html` output.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use crate::markdown::transform::Transform;
use crate::markdown::Typography;

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

/// How fragments are rendered: the course's quotes and highlighting, the
/// same treatment as the rest of the page ([`Transform`]).
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub typography: Typography,
    pub highlight: bool,
}

impl Style {
    /// Events to HTML (inline events give inline HTML).
    pub fn html(self, events: &[Ev]) -> String {
        let transform = Transform {
            typography: self.typography,
            highlight: self.highlight,
        };
        transform.html(events.iter().map(|(e, _)| e.clone()))
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

/// Escapes text for an HTML attribute or element.
pub(super) fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).ok();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(md: &str) -> Vec<Ev<'_>> {
        crate::markdown::transform::events(md, Typography::Finnish)
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
    fn fragments_get_the_pages_quotes_code_and_links() {
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
