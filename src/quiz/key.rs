//! The right answers of a question: inside each question's "Show the answer"
//! `<details>` on the page, and for every question in the trainers' answer
//! key. Carries no `id` attributes, so it can appear any number of times.
//!
//! Right and wrong choices are told apart in words and by an icon, never by
//! colour alone. `quiz.js` copies the chosen choices' feedback
//! (`.quiz-feedback[data-c]`) and the `.quiz-explanation` from here once the
//! participant checks the answers.

use std::fmt::Write;

use super::matcher;
use super::render::{pass_mark, pool, text};
use super::{Answers, NumberAnswer, Question, Quiz, QuizContext};
use crate::i18n::Strings;

pub(super) fn answer_key(quiz: &Quiz, ctx: &QuizContext) -> String {
    let s = ctx.strings;
    let mut out = String::with_capacity(2048);
    let mut id = String::new();
    super::html::escape(&mut id, &quiz.id);
    let _ = writeln!(out, "<div class=\"quiz-key\" data-quiz=\"{id}\">");
    let _ = writeln!(
        out,
        "<p class=\"quiz-pass-mark\">{}</p>",
        pass_mark(quiz, s)
    );
    if let Some(line) = pool(quiz, s) {
        let _ = writeln!(out, "<p class=\"quiz-pool\">{line}</p>");
    }
    out.push_str("<ol class=\"quiz-key-questions\">\n");
    for (i, q) in quiz.questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li class=\"quiz-key-q\"><p class=\"quiz-key-prompt\"><strong>{}</strong></p>",
            q.prompt.trim_end()
        );
        if let Some(body) = &q.body {
            let _ = writeln!(out, "<div class=\"quiz-body\">\n{body}</div>");
        }
        if let Some(hint) = &q.hint {
            let _ = writeln!(
                out,
                "<div class=\"quiz-hint\"><p class=\"quiz-key-title\">{}</p>\n{hint}</div>",
                text(s, "quiz-hint")
            );
        }
        out.push_str(&solution(q, &q.shown_order(&quiz.id, i), s));
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</div>\n");
    out
}

/// The right answer(s), each choice's feedback and the explanation; the
/// choices in `order` (author's indices, as shown on the page).
pub(super) fn solution(q: &Question, order: &[usize], s: &Strings) -> String {
    let mut out = String::from("<div class=\"quiz-solution\">\n");
    match &q.answers {
        Answers::Choices { choices, .. } => {
            out.push_str("<ul class=\"quiz-key-list\">\n");
            for &j in order {
                let Some(c) = choices.get(j) else { continue };
                let (class, icon, word) = if c.correct {
                    ("quiz-key-right", "✓", "quiz-answer-label")
                } else {
                    ("quiz-key-wrong", "✗", "quiz-wrong-answer")
                };
                let _ = write!(
                    out,
                    "<li class=\"{class}\"><span class=\"quiz-icon\" aria-hidden=\"true\">{icon}</span> \
                     <span class=\"quiz-key-word\">{}:</span> {}",
                    text(s, word),
                    c.html.trim_end()
                );
                if let Some(more) = &c.more {
                    let _ = write!(out, "<div class=\"quiz-more\">\n{more}</div>");
                }
                if let Some(feedback) = &c.feedback {
                    let _ = write!(
                        out,
                        "<div class=\"quiz-feedback\" data-c=\"{j}\">\n{feedback}</div>"
                    );
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Answers::Text(texts) => {
            let (stemmer, finnish) = matcher::stemmer(s.language());
            let items = texts.iter().map(|t| {
                let mut e = String::new();
                if let Some(pattern) = matcher::regex_of(t) {
                    super::html::escape(&mut e, pattern);
                    let code = format!("<code>/{e}/</code>");
                    text(s, "quiz-answer-pattern").replace("{pattern}", &code)
                } else {
                    super::html::escape(&mut e, t);
                    let inflects = matcher::accepted(&stemmer, finnish, t)
                        .iter()
                        .any(|a| a.key.is_some());
                    if inflects {
                        text(s, "quiz-answer-any-form")
                            .replace("{answer}", &format!("<em>{e}</em>"))
                    } else {
                        e
                    }
                }
            });
            list(&mut out, s, "quiz-accepted-answers", "ul", items);
            if q.typo > 0 {
                let _ = writeln!(
                    out,
                    "<p class=\"quiz-typo-note\">{}</p>",
                    text(s, "quiz-typo-note")
                );
            }
        }
        Answers::Number(numbers) => {
            let point = s.get("quiz-decimal-point");
            let items = numbers.iter().map(|n| number_answer(*n, point));
            list(&mut out, s, "quiz-accepted-answers", "ul", items);
        }
        Answers::Order(items) => {
            list(
                &mut out,
                s,
                "quiz-correct-order",
                "ol",
                items.iter().map(|i| i.trim_end().to_string()),
            );
        }
    }
    if let Some(explanation) = &q.explanation {
        let _ = writeln!(
            out,
            "<div class=\"quiz-explanation\"><p class=\"quiz-key-title\">{}</p>\n{explanation}</div>",
            text(s, "quiz-explanation")
        );
    }
    out.push_str("</div>\n");
    out
}

fn list(
    out: &mut String,
    s: &Strings,
    title: &str,
    tag: &str,
    items: impl Iterator<Item = String>,
) {
    let _ = writeln!(out, "<p class=\"quiz-key-title\">{}</p>", text(s, title));
    let _ = writeln!(out, "<{tag} class=\"quiz-key-list\">");
    for item in items {
        let _ = writeln!(out, "<li>{item}</li>");
    }
    let _ = writeln!(out, "</{tag}>");
}

/// `52`, `40–60` or `52 ± 2`, with the course's decimal point and a true
/// minus sign (which screen readers read as "minus").
pub(super) fn number_answer(n: NumberAnswer, point: &str) -> String {
    let f = |v: f64| {
        let plain = if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        };
        plain.replace('.', point).replace('-', "\u{2212}")
    };
    match n {
        NumberAnswer::Exact(v) => f(v),
        NumberAnswer::Range(a, b) => format!("{}\u{2013}{}", f(a), f(b)),
        NumberAnswer::Tolerance(v, t) => format!("{} ± {}", f(v), f(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number_answer(NumberAnswer::Exact(52.0), "."), "52");
        assert_eq!(number_answer(NumberAnswer::Exact(-3.5), ","), "\u{2212}3,5");
        assert_eq!(
            number_answer(NumberAnswer::Range(40.0, 60.0), "."),
            "40\u{2013}60"
        );
        assert_eq!(
            number_answer(NumberAnswer::Tolerance(52.0, 0.5), ","),
            "52 ± 0,5"
        );
    }
}
