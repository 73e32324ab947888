//! The question bank in Moodle's GIFT format: a `$CATEGORY:` line per
//! quiz, then each question as `::name::[html]text{answers}`, separated by
//! blank lines.
//!
//! Every piece of text is one line: GIFT's special characters (`~ = # { }
//! :` and the backslash) are escaped with a backslash and line breaks are
//! written as `\n`, which Moodle reads back as a line break. A blank line
//! would end the question and a line starting with `//` would be dropped as
//! a comment, so no text may bring its own.
//!
//! GIFT has no ordering questions, no hints and no files: those are left
//! out with a warning at the question (use Moodle XML to keep them).

use crate::diagnostics::Diagnostic;
use crate::quiz::{Answers, NumberAnswer, Question};

use super::{
    category_segment, choice_html, has_image, multiple_weights, number_text, percent_text,
    question_html, rounding_warning, BankQuiz,
};

/// The bank as GIFT text, with a warning for everything left out.
pub fn export(bank: &[BankQuiz]) -> (String, Vec<Diagnostic>) {
    let mut out = String::new();
    let mut diags = Vec::new();
    for entry in bank {
        let path: Vec<String> = entry.category.iter().map(|s| category_segment(s)).collect();
        out.push_str("$CATEGORY: ");
        out.push_str(&path.join("/"));
        out.push_str("\n\n");
        for (n, question) in entry.quiz.questions.iter().enumerate() {
            if let Some(text) = gift_question(entry, n, question, &mut diags) {
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    (out, diags)
}

/// Escapes text for any part of a GIFT question (without the line breaks
/// that end it).
pub fn escape(text: &str) -> String {
    let text = text.trim_end();
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out
}

/// One question with the blank line after it; `None` when GIFT cannot hold it.
fn gift_question(
    entry: &BankQuiz,
    n: usize,
    question: &Question,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let name = entry.question_name(n);
    if matches!(question.answers, Answers::Order(_)) {
        diags.push(
            entry
                .warn(
                    n,
                    format!("GIFT has no ordering questions: `{name}` is left out"),
                )
                .with_note(
                    "export with `kurssi export moodle-xml` to keep it (Moodle 4.4 or later)",
                ),
        );
        return None;
    }
    if question.hint.is_some() {
        diags.push(
            entry
                .warn(
                    n,
                    format!("GIFT has no hints: the hint of `{name}` is left out"),
                )
                .with_note("export with `kurssi export moodle-xml` to keep it"),
        );
    }
    if question_has_image(question) {
        diags.push(
            entry
                .warn(
                    n,
                    format!(
                        "GIFT carries no files: the images of `{name}` will be missing in Moodle"
                    ),
                )
                .with_note("export with `kurssi export moodle-xml` to include them"),
        );
    }
    let html =
        |text: &str, diags: &mut Vec<Diagnostic>| escape(&entry.absolute_links(n, text, diags));
    let mut q = format!(
        "::{}::[html]{}{{\n",
        escape(&name),
        html(&question_html(question), diags)
    );
    match &question.answers {
        Answers::Choices { multiple, choices } => {
            let right = choices.iter().filter(|c| c.correct).count();
            let wrong = choices.len() - right;
            let ((r, w), rounded) = multiple_weights(right, wrong);
            if *multiple {
                diags.extend(rounding_warning(entry, n, &rounded));
            }
            for choice in choices {
                let text = html(&choice_html(choice), diags);
                let prefix = match (multiple, choice.correct) {
                    (false, true) => "=".to_owned(),
                    // A weight-like start would be read as one.
                    (false, false) if text.starts_with('%') => "~%0%".to_owned(),
                    (false, false) => "~".to_owned(),
                    (true, true) => format!("~%{}%", percent_text(r)),
                    (true, false) => format!("~%{}%", percent_text(w)),
                };
                q.push('\t');
                q.push_str(&prefix);
                q.push_str(&text);
                if let Some(feedback) = &choice.feedback {
                    q.push('#');
                    q.push_str(&html(feedback, diags));
                }
                q.push('\n');
            }
        }
        Answers::Text(texts) => {
            if texts.iter().any(|t| t.contains("->")) {
                diags.push(
                    entry
                        .warn(
                            n,
                            format!("Moodle's GIFT import reads `->` in an answer as a matching question: `{name}` may not import as a short answer"),
                        )
                        .with_note("export with `kurssi export moodle-xml`, or write the answer without `->`"),
                );
            }
            for text in texts {
                q.push_str("\t=");
                // `*` is a wildcard in Moodle's short answers.
                q.push_str(&escape(&text.replace('*', "\\*")));
                q.push('\n');
            }
        }
        Answers::Number(numbers) => {
            q.insert(q.len() - 1, '#');
            for number in numbers {
                q.push('\t');
                if numbers.len() > 1 {
                    q.push('=');
                }
                q.push_str(&number_gift(*number));
                q.push('\n');
            }
        }
        Answers::Order(_) => return None,
    }
    if let Some(explanation) = &question.explanation {
        q.push_str("\t####");
        q.push_str(&html(explanation, diags));
        q.push('\n');
    }
    q.push_str("}\n");
    Some(q)
}

/// A numerical answer: `52`, `52:2` or `40..60`.
fn number_gift(number: NumberAnswer) -> String {
    match number {
        NumberAnswer::Exact(v) => number_text(v),
        NumberAnswer::Tolerance(v, t) => format!("{}:{}", number_text(v), number_text(t)),
        NumberAnswer::Range(a, b) => format!("{}..{}", number_text(a), number_text(b)),
    }
}

/// Whether any text of the question shows an image.
pub(super) fn question_has_image(question: &Question) -> bool {
    let mut texts: Vec<&str> = vec![&question.prompt];
    texts.extend(question.body.as_deref());
    texts.extend(question.hint.as_deref());
    texts.extend(question.explanation.as_deref());
    match &question.answers {
        Answers::Choices { choices, .. } => {
            for c in choices {
                texts.push(&c.html);
                texts.extend(c.more.as_deref());
                texts.extend(c.feedback.as_deref());
            }
        }
        Answers::Order(items) => texts.extend(items.iter().map(String::as_str)),
        _ => {}
    }
    texts.into_iter().any(has_image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape("a~b=c#d{e}f:g\\h\ni\r\nj\n"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni\\nj"
        );
        assert_eq!(escape("&#39;"), "&\\#39;");
    }

    #[test]
    fn numbers() {
        assert_eq!(number_gift(NumberAnswer::Exact(52.0)), "52");
        assert_eq!(number_gift(NumberAnswer::Tolerance(52.0, 2.0)), "52:2");
        assert_eq!(number_gift(NumberAnswer::Range(40.0, 60.5)), "40..60.5");
    }
}
