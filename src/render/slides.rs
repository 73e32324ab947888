//! A page's slides, from its HTML and the marks the Markdown stage left
//! (see [`crate::markdown::trainer`]). The rules:
//!
//! - the page gives a title slide: its `<h1>` (or its title) and what
//!   stands before the first `##`;
//! - every `##` section gives one slide, unless its heading has
//!   `{.slides-skip}`, which leaves the whole section out;
//! - a `---` line alone inside a section starts a new slide;
//! - a quiz gives one slide per question (in place of its form), and what
//!   follows it in the section goes on a new slide;
//! - a ```` ```slides ```` block is shown on the slide it stands in (and
//!   nowhere else); a ```` ```notes ```` block belongs to that slide's notes.
//!
//! Slides left empty are dropped (their notes go to the slide before),
//! except the title slide.

use crate::markdown::trainer::MarkKind;
use crate::model::RenderedPage;

/// One slide of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    /// What the slide shows.
    pub body: Body,
    /// The notes HTML of the slide (may be empty).
    pub notes: String,
}

/// What a slide shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A piece of the page's HTML.
    Html(String),
    /// Question `question` of the page's quiz `quiz`.
    Question { quiz: usize, question: usize },
}

/// The `<hr>` that pulldown-cmark writes for a `---` line.
const RULE: &str = "<hr />";

/// Splits page `page`, whose body HTML is `html`, into slides. `title` is
/// put on the title slide as an `<h1>` when the page has none.
pub fn split(page: &RenderedPage, html: &str, title_html: &str) -> Vec<Slide> {
    let t = &page.trainer;
    let mut slides: Vec<Slide> = Vec::new();
    let mut current = String::new();
    if !page.has_h1 {
        current.push_str(title_html);
    }
    let mut notes = String::new();
    let mut is_title = true;
    let mut skip = false;
    let mut in_quiz = false;
    let mut pos = 0;
    // Ends the slide being filled: kept when it shows something.
    let flush =
        |slides: &mut Vec<Slide>, current: &mut String, notes: &mut String, is_title: &mut bool| {
            let keep = *is_title || !current.trim().is_empty();
            if keep {
                slides.push(Slide {
                    body: Body::Html(std::mem::take(current)),
                    notes: std::mem::take(notes),
                });
            } else {
                current.clear();
                if let Some(last) = slides.last_mut() {
                    last.notes.push_str(&std::mem::take(notes));
                }
            }
            *is_title = false;
        };
    for mark in &t.marks {
        let at = mark.at.min(html.len());
        if !skip && !in_quiz {
            current.push_str(html.get(pos..at).unwrap_or(""));
        }
        pos = at;
        match &mark.kind {
            MarkKind::Section { skip: s } => {
                flush(&mut slides, &mut current, &mut notes, &mut is_title);
                skip = *s;
            }
            MarkKind::Break if !skip => {
                flush(&mut slides, &mut current, &mut notes, &mut is_title);
                let rest = &html[pos..];
                let trimmed = rest.trim_start();
                if trimmed.starts_with(RULE) {
                    pos += rest.len() - trimmed.len() + RULE.len();
                }
            }
            MarkKind::Break => {}
            MarkKind::QuizStart(q) => {
                in_quiz = true;
                if !skip {
                    flush(&mut slides, &mut current, &mut notes, &mut is_title);
                    let n = page.quizzes.get(*q).map_or(0, |quiz| quiz.questions.len());
                    slides.extend((0..n).map(|question| Slide {
                        body: Body::Question { quiz: *q, question },
                        notes: String::new(),
                    }));
                }
            }
            MarkKind::QuizEnd => in_quiz = false,
            MarkKind::Note(n) => {
                let note = t.notes.get(*n).map_or("", String::as_str);
                if skip {
                    // A note of a section left out still reaches the presenter.
                    match slides.last_mut() {
                        Some(last) => last.notes.push_str(note),
                        None => notes.push_str(note),
                    }
                } else {
                    notes.push_str(note);
                }
            }
            MarkKind::SlidesOnly(n) if !skip => {
                current.push_str(t.slides_only.get(*n).map_or("", String::as_str));
            }
            MarkKind::SlidesOnly(_) => {}
        }
    }
    if !skip && !in_quiz {
        current.push_str(html.get(pos..).unwrap_or(""));
    }
    flush(&mut slides, &mut current, &mut notes, &mut is_title);
    slides
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Strings;
    use crate::markdown::page::Labels;
    use crate::markdown::Typography;
    use crate::site::{render_page, PageText, Settings};
    use std::collections::BTreeMap;

    fn slides_of(text: &str) -> Vec<Slide> {
        let strings = Strings::new("en", &BTreeMap::new());
        let labels = Labels::from_strings(|key| strings.get(key).to_owned());
        let map = crate::source::OffsetMap::default();
        let page = PageText {
            file: 0,
            text,
            map: &map,
            source_path: "a.md",
            pass_mark: 100,
        };
        let settings = Settings {
            typography: Typography::English,
            highlight: false,
            strings: &strings,
            labels: &labels,
            vocabulary: None,
            stored_chars: 0,
        };
        let mut diags = Vec::new();
        let page = render_page(&page, &settings, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        split(&page, page.html.in_memory().unwrap(), "<h1>Title</h1>")
    }

    fn html(s: &Slide) -> &str {
        match &s.body {
            Body::Html(h) => h,
            Body::Question { .. } => "(question)",
        }
    }

    #[test]
    fn a_page_gives_a_title_slide_with_its_introduction() {
        let s = slides_of("# Page\n\nIntro.\n");
        assert_eq!(s.len(), 1);
        assert!(html(&s[0]).contains("<h1") && html(&s[0]).contains("Intro."));
    }

    #[test]
    fn a_page_without_h1_gets_its_title_on_the_title_slide() {
        let s = slides_of("Just text.\n");
        assert_eq!(s.len(), 1);
        assert!(html(&s[0]).starts_with("<h1>Title</h1>"));
    }

    #[test]
    fn every_h2_section_is_a_slide_and_h3_is_not() {
        let s = slides_of("# P\n\n## A\n\na\n\n### A.1\n\nb\n\n## B\n\nc\n");
        assert_eq!(s.len(), 3);
        assert!(html(&s[1]).contains("A.1") && html(&s[1]).contains(">b<"));
        assert!(html(&s[2]).contains(">c<"));
    }

    #[test]
    fn a_rule_line_forces_a_break_and_is_not_shown() {
        let s = slides_of("# P\n\n## A\n\none\n\n---\n\ntwo\n");
        assert_eq!(s.len(), 3);
        assert!(html(&s[1]).contains("one"));
        assert!(html(&s[2]).contains("two") && !html(&s[2]).contains("<hr"));
    }

    #[test]
    fn a_rule_in_a_list_or_quote_does_not_break() {
        let s = slides_of("# P\n\n> a\n>\n> ---\n>\n> b\n");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn slides_skip_leaves_the_section_out() {
        let s = slides_of("# P\n\n## A {.slides-skip}\n\nlong\n\n---\n\nmore\n\n## B\n\nb\n");
        assert_eq!(s.len(), 2);
        assert!(!s
            .iter()
            .any(|x| html(x).contains("long") || html(x).contains("more")));
    }

    #[test]
    fn a_slides_block_shows_only_on_the_slide() {
        let s = slides_of("# P\n\n## A\n\nLong paragraph.\n\n```slides\nShort **summary**.\n```\n");
        assert!(html(&s[1]).contains("<strong>summary</strong>"));
    }

    #[test]
    fn notes_go_with_their_slide_and_never_into_the_html() {
        let text = "# P\n\n```notes\nN-TITLE\n```\n\n## A\n\n```notes\nN-A\n```\n";
        let s = slides_of(text);
        assert!(s[0].notes.contains("N-TITLE") && s[1].notes.contains("N-A"));
        assert!(!s.iter().any(|x| html(x).contains("N-")));
    }

    #[test]
    fn a_quiz_gives_a_slide_per_question() {
        let quiz = "```quiz\n## One?\n\n- [x] a\n- [ ] b\n\n## Two?\n\n- [x] c\n- [ ] d\n```\n";
        let s = slides_of(&format!("# P\n\nIntro.\n\n{quiz}\nAfter.\n"));
        assert_eq!(s.len(), 4, "{s:#?}");
        assert_eq!(
            s[1].body,
            Body::Question {
                quiz: 0,
                question: 0
            }
        );
        assert_eq!(
            s[2].body,
            Body::Question {
                quiz: 0,
                question: 1
            }
        );
        assert!(html(&s[3]).contains("After."));
        assert!(!html(&s[0]).contains("<form"));
    }

    #[test]
    fn an_empty_slide_is_dropped_and_its_notes_kept() {
        let quiz = "```quiz\n## One?\n\n- [x] a\n- [ ] b\n```\n";
        let s = slides_of(&format!("# P\n\n{quiz}\n```notes\nAFTER-QUIZ\n```\n"));
        assert_eq!(s.len(), 2);
        assert!(s[1].notes.contains("AFTER-QUIZ"));
    }
}
