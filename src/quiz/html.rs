//! Pieces of a quiz's Markdown to HTML: prompts, choices, feedback and
//! explanations are [`Piece`]s of the quiz block's [`Fragment`](crate::markdown::fragment::Fragment),
//! turned into HTML by Markdown's shared [`Transform`], the same treatment
//! as the page: localised quotes, build-time highlighting, `.md` links
//! pointing at the `.html` output.

use crate::markdown::fragment::Piece;
use crate::markdown::transform::Transform;
use crate::markdown::Typography;

/// How fragments are rendered: the course's quotes and highlighting, the
/// same treatment as the rest of the page ([`Transform`]).
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub typography: Typography,
    pub highlight: bool,
}

impl Style {
    /// A piece to HTML (inline content gives inline HTML).
    pub fn html(self, piece: Piece) -> String {
        piece.html(Transform {
            typography: self.typography,
            highlight: self.highlight,
        })
    }

    /// Block nodes to HTML, in order.
    pub fn blocks(self, nodes: &[Piece]) -> String {
        nodes.iter().map(|&n| self.html(n)).collect()
    }

    /// The insides of blockquote nodes to HTML, as one piece (feedback,
    /// hints and explanations drop the quote itself).
    pub fn quoted(self, quotes: &[Piece]) -> Option<String> {
        if quotes.is_empty() {
            return None;
        }
        Some(quotes.iter().map(|q| self.html(q.inner())).collect())
    }
}

/// Escapes text for an HTML attribute or element.
pub(super) fn escape(out: &mut String, text: &str) {
    out.push_str(&crate::markdown::page::escape(text));
}
