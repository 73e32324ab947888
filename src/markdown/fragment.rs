//! A fragment of course Markdown read as a tree, for the modules that give
//! a block's structure a meaning of their own (a quiz's questions and
//! answer lists, a worksheet's prompts) without knowing pulldown-cmark: a
//! [`Fragment`] is parsed once; a [`Piece`] is a run of its sibling nodes,
//! which says what kind of node it starts with, where it is, its text, and
//! its HTML through the shared [`Transform`].

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Event, Parser, Tag};

use super::transform::Transform;
use super::{parser_options, Typography};

type Ev<'a> = (Event<'a>, Range<usize>);

/// A parsed fragment: its events with their byte ranges in its text.
pub struct Fragment<'a> {
    events: Vec<Ev<'a>>,
}

impl<'a> Fragment<'a> {
    /// Parses `text` with every extension a page has but footnotes, whose
    /// ids would clash with those of the page the fragment sits in.
    pub fn parse(text: &'a str, typography: Typography) -> Fragment<'a> {
        let options = parser_options(typography) - pulldown_cmark::Options::ENABLE_FOOTNOTES;
        Fragment {
            events: Parser::new_ext(text, options).into_offset_iter().collect(),
        }
    }

    /// The whole fragment.
    pub fn all(&self) -> Piece<'_, 'a> {
        Piece {
            events: &self.events,
        }
    }
}

/// A run of sibling nodes of a [`Fragment`] (one node, several, or none).
#[derive(Clone, Copy)]
pub struct Piece<'e, 'a> {
    events: &'e [Ev<'a>],
}

/// What a node is: what the modules reading a fragment tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'e> {
    /// A heading, with its `{#id .class key=value}` attributes.
    Heading(HeadingAttrs<'e>),
    /// A list; `numbered` for `1.` items.
    List { numbered: bool },
    /// A list item.
    Item,
    /// A paragraph.
    Paragraph,
    /// A blockquote; `tip` for a `> [!TIP]` alert.
    Quote { tip: bool },
    /// A block of raw HTML.
    HtmlBlock,
    /// A task list item's `[x]` (`true`) or `[ ]` (`false`).
    TaskMarker(bool),
    /// Inline content: text, emphasis, links, code spans...
    Inline,
    /// Any other block: code, tables, rules...
    OtherBlock,
}

/// A heading's attributes: `## Title {#id .class key=value flag}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeadingAttrs<'e> {
    /// `#id`.
    pub id: Option<&'e str>,
    /// `.class` names, in order.
    pub classes: Vec<&'e str>,
    /// `key=value` pairs and bare `flag`s (value `None`), in order.
    pub attrs: Vec<(&'e str, Option<&'e str>)>,
}

impl<'e> HeadingAttrs<'e> {
    /// Whether `.name` is among the classes.
    pub fn has_class(&self, name: &str) -> bool {
        self.classes.contains(&name)
    }

    /// The last `key=value` or bare `key` of that name: `Some(None)` for a
    /// bare one.
    pub fn attr(&self, key: &str) -> Option<Option<&'e str>> {
        self.attrs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// A list item split as answer lists read it.
pub struct ListItem<'e, 'a> {
    /// The item's `[x]` (`Some(true)`) or `[ ]` (`Some(false)`), if any.
    pub marker: Option<bool>,
    /// Its first paragraph (or first line of a tight item), inline, without
    /// the task marker.
    pub label: Piece<'e, 'a>,
    /// The block nodes after it.
    pub rest: Vec<Piece<'e, 'a>>,
}

impl<'e, 'a> Piece<'e, 'a> {
    /// The piece's sibling nodes: each a start with everything up to its
    /// end, or a single inline event.
    pub fn nodes(self) -> Vec<Piece<'e, 'a>> {
        let events = self.events;
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
            out.push(Piece {
                events: &events[start..i],
            });
        }
        out
    }

    /// What is inside the piece's first node (nothing for an inline event).
    pub fn inner(self) -> Piece<'e, 'a> {
        let events = match self.nodes().first().map(|n| n.events) {
            Some([(Event::Start(_), _), rest @ .., (Event::End(_), _)]) => rest,
            _ => &[],
        };
        Piece { events }
    }

    /// Whether the piece holds nothing.
    pub fn is_empty(self) -> bool {
        self.events.is_empty()
    }

    /// The kind of the piece's first node.
    pub fn kind(self) -> Kind<'e> {
        match self.events.first().map(|(e, _)| e) {
            Some(Event::Start(tag)) => match tag {
                Tag::Heading {
                    id, classes, attrs, ..
                } => Kind::Heading(HeadingAttrs {
                    id: id.as_deref(),
                    classes: classes.iter().map(|c| &**c).collect(),
                    attrs: attrs.iter().map(|(k, v)| (&**k, v.as_deref())).collect(),
                }),
                Tag::List(start) => Kind::List {
                    numbered: start.is_some(),
                },
                Tag::Item => Kind::Item,
                Tag::Paragraph => Kind::Paragraph,
                Tag::BlockQuote(kind) => Kind::Quote {
                    tip: *kind == Some(BlockQuoteKind::Tip),
                },
                Tag::HtmlBlock => Kind::HtmlBlock,
                _ if is_inline(tag) => Kind::Inline,
                _ => Kind::OtherBlock,
            },
            Some(Event::TaskListMarker(done)) => Kind::TaskMarker(*done),
            Some(Event::Rule) => Kind::OtherBlock,
            _ => Kind::Inline,
        }
    }

    /// Whether the first node is a block, as opposed to inline content of
    /// a tight list item.
    pub fn is_block(self) -> bool {
        !matches!(self.kind(), Kind::Inline | Kind::TaskMarker(_))
    }

    /// Whether the piece is only HTML comments (and blank HTML), which
    /// quizzes and worksheets ignore anywhere.
    pub fn is_comment(self) -> bool {
        matches!(self.events.first(), Some((Event::Start(Tag::HtmlBlock), _)))
            && self.events.iter().all(|(e, _)| match e {
                Event::Html(h) => {
                    let h = h.trim();
                    h.is_empty() || (h.starts_with("<!--") && h.ends_with("-->"))
                }
                _ => matches!(e, Event::Start(_) | Event::End(_)),
            })
    }

    /// Where the piece's first node is in the fragment's text.
    pub fn at(self) -> Range<usize> {
        self.events.first().map_or(0..0, |(_, r)| r.clone())
    }

    /// From the start of the first node to the end of the last one.
    pub fn span(self) -> Option<Range<usize>> {
        match (self.events.first(), self.events.last()) {
            (Some(first), Some(last)) => Some(first.1.start..last.1.end),
            _ => None,
        }
    }

    /// The text, with breaks as spaces and markup dropped.
    pub fn plain_text(self) -> String {
        let mut out = String::new();
        for (e, _) in self.events {
            match e {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out
    }

    /// The text as the author typed it in `source` (the fragment's text):
    /// smart punctuation undone (a participant types `'`, not `’`), raw
    /// HTML kept as text, breaks as spaces; trimmed.
    pub fn typed_text(self, source: &str) -> String {
        let mut out = String::new();
        for (e, range) in self.events {
            match e {
                Event::Text(t) => match source.get(range.clone()) {
                    Some(typed @ ("'" | "\"" | "--" | "---" | "...")) => out.push_str(typed),
                    _ => out.push_str(t),
                },
                Event::Code(t) | Event::InlineHtml(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out.trim().to_string()
    }

    /// Whether the piece shows anything: text, code, HTML or an image.
    pub fn has_content(self) -> bool {
        self.events.iter().any(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => !t.trim().is_empty(),
            Event::Start(Tag::Image { .. }) => true,
            _ => false,
        })
    }

    /// The piece's first node read as a list item.
    pub fn list_item(self) -> ListItem<'e, 'a> {
        let content = self.inner();
        let children = content.nodes();
        let (mut label, rest) = match children.first() {
            Some(first) if first.kind() == Kind::Paragraph => {
                (first.inner(), children[1..].to_vec())
            }
            _ => {
                // A tight item: its first line is loose inline events.
                let lead = children.iter().take_while(|n| !n.is_block()).count();
                let len = children[..lead].iter().map(|n| n.events.len()).sum();
                let label = Piece {
                    events: &content.events[..len],
                };
                (label, children[lead..].to_vec())
            }
        };
        let marker = match label.events.first() {
            Some((Event::TaskListMarker(done), _)) => {
                label.events = &label.events[1..];
                Some(*done)
            }
            _ => None,
        };
        ListItem {
            marker,
            label,
            rest,
        }
    }

    /// The piece as HTML (inline content gives inline HTML), treated as on
    /// a page.
    pub fn html(self, transform: Transform) -> String {
        transform.html(self.events.iter().map(|(e, _)| e.clone()))
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transform() -> Transform {
        Transform {
            typography: Typography::Finnish,
            highlight: false,
        }
    }

    #[test]
    fn nodes_split_siblings() {
        let f = Fragment::parse("# A\n\npara *x*\n\n- a\n- b\n\n---\n", Typography::Finnish);
        let n = f.all().nodes();
        assert_eq!(n.len(), 4);
        assert!(n.iter().all(|n| n.is_block()));
        assert_eq!(n[1].inner().plain_text(), "para x");
        assert_eq!(n[2].kind(), Kind::List { numbered: false });
    }

    #[test]
    fn headings_carry_their_attributes() {
        let f = Fragment::parse("## Q? {#q .multiple weight=2 partial}\n", Typography::Plain);
        let Kind::Heading(h) = f.all().kind() else {
            panic!("not a heading");
        };
        assert_eq!(h.id, Some("q"));
        assert!(h.has_class("multiple"));
        assert_eq!(h.attr("weight"), Some(Some("2")));
        assert_eq!(h.attr("partial"), Some(None));
        assert_eq!(h.attr("typo"), None);
    }

    #[test]
    fn list_items_split_into_marker_label_and_rest() {
        let text = "- [x] Right *one*\n\n  > Yes\n- plain\n";
        let f = Fragment::parse(text, Typography::Plain);
        let items = f.all().inner().nodes();
        let first = items[0].list_item();
        assert_eq!(first.marker, Some(true));
        assert_eq!(first.label.plain_text(), "Right one");
        assert_eq!(first.rest.len(), 1);
        assert_eq!(first.rest[0].kind(), Kind::Quote { tip: false });
        let second = items[1].list_item();
        assert_eq!(second.marker, None);
        assert!(second.label.has_content());
    }

    #[test]
    fn typed_text_undoes_smart_punctuation() {
        let text = "- it's -- \"so\"\n";
        let f = Fragment::parse(text, Typography::English);
        let item = f.all().inner().nodes()[0].list_item();
        assert_eq!(item.label.typed_text(text), "it's -- \"so\"");
    }

    #[test]
    fn a_piece_is_html_as_on_a_page_and_an_inner_piece_without_its_wrapper() {
        let md = "> \"Hei\" [a](b/c.md#d)\n";
        let fragment = Fragment::parse(md, Typography::Finnish);
        let quote = fragment.all();
        let whole = quote.html(transform());
        assert!(whole.starts_with("<blockquote>"), "{whole}");
        let inner = quote.inner().html(transform());
        assert_eq!(inner, "<p>”Hei” <a href=\"b/c.html#d\">a</a></p>\n");
    }

    #[test]
    fn comments_are_recognised() {
        assert!(Fragment::parse("<!-- note -->\n", Typography::Plain)
            .all()
            .is_comment());
        assert!(!Fragment::parse("<div>x</div>\n", Typography::Plain)
            .all()
            .is_comment());
    }
}
