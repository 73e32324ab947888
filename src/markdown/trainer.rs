//! What a page holds for the trainer's edition only: ```` ```notes ````
//! blocks, ```` ```slides ```` blocks and where the page breaks into
//! slides. The Markdown stage returns them here, apart from the page's
//! HTML: a note is never written into [`super::page::Rendered::html`],
//! its sections (the search index) or its word count, so the participants'
//! edition, which reads only those, cannot show one.

use pulldown_cmark::Parser;

use super::{parser_options, Typography};

/// A mark in the page's HTML: where something of the trainer's edition
/// stands or where a slide may break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the page's HTML.
    pub at: usize,
    /// What stands there.
    pub kind: MarkKind,
}

/// The kinds of [`Mark`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkKind {
    /// A `##` heading starts here; `skip` when it has `{.slides-skip}`.
    Section { skip: bool },
    /// A `---` line alone (a thematic break `<hr>`) starts here.
    Break,
    /// Quiz `n` of the page (its form) starts here.
    QuizStart(usize),
    /// The quiz form that started last ends here.
    QuizEnd,
    /// Notes block `n` stood here.
    Note(usize),
    /// Slides-only block `n` stood here.
    SlidesOnly(usize),
}

/// The trainer's part of a rendered page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainerPart {
    /// Each ```` ```notes ```` block as HTML, in page order.
    pub notes: Vec<String>,
    /// Each ```` ```slides ```` block as HTML, in page order.
    pub slides_only: Vec<String>,
    /// The marks, in page order.
    pub marks: Vec<Mark>,
}

impl TrainerPart {
    /// Whether the page has any trainer notes.
    pub fn has_notes(&self) -> bool {
        !self.notes.is_empty()
    }
}

/// The byte that stands for a mark in the HTML until the page is done:
/// Markdown text never holds a NUL (the parser replaces it), so a NUL in
/// the HTML is always one of these.
pub const PLACEHOLDER: char = '\0';

/// Renders the Markdown inside a notes or slides block.
pub fn block_html(markdown: &str, typography: Typography) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let parser = Parser::new_ext(markdown, parser_options(typography)).map(|e| match e {
        pulldown_cmark::Event::Text(t) => match super::localise_quotes(&t, typography) {
            std::borrow::Cow::Borrowed(_) => pulldown_cmark::Event::Text(t),
            std::borrow::Cow::Owned(s) => pulldown_cmark::Event::Text(s.into()),
        },
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Takes the placeholders out of `html` and gives each pending mark its
/// offset in what is left.
pub fn resolve_marks(html: &mut String, pending: Vec<MarkKind>) -> Vec<Mark> {
    if pending.is_empty() {
        return Vec::new();
    }
    let mut marks = Vec::with_capacity(pending.len());
    let mut out = String::with_capacity(html.len());
    let mut kinds = pending.into_iter();
    for (i, piece) in html.split(PLACEHOLDER).enumerate() {
        if i > 0 {
            if let Some(kind) = kinds.next() {
                marks.push(Mark {
                    at: out.len(),
                    kind,
                });
            }
        }
        out.push_str(piece);
    }
    *html = out;
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_offsets() {
        let mut html = "<p>a</p>\0<h2>b</h2>\0".to_string();
        let marks = resolve_marks(
            &mut html,
            vec![MarkKind::Section { skip: false }, MarkKind::Break],
        );
        assert_eq!(html, "<p>a</p><h2>b</h2>");
        assert_eq!(marks[0].at, 8);
        assert_eq!(marks[1].at, html.len());
    }

    #[test]
    fn notes_are_markdown() {
        assert_eq!(
            block_html("*10 min*", Typography::Plain),
            "<p><em>10 min</em></p>\n"
        );
    }
}
