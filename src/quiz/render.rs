//! A [`Quiz`] as the page's `<form>`: a `<fieldset>` per question, labelled
//! inputs, the answer behind a `<details>` so the page reads well without
//! JavaScript, and an inline JSON island that `quiz.js` checks against.
//!
//! Every `id` starts with the quiz id, so several quizzes fit on one page.
//! The controls that only work with JavaScript (the check, retry and reorder
//! buttons) are rendered `hidden` and the check button `disabled`, so that
//! without it nothing invites a click that does nothing, and Enter in a text
//! field does not submit the page.

use std::fmt::Write;

use serde_json::json;

use super::html::escape;
use super::key::solution;
use super::matcher::{accepted, regex_of, stemmer};
use super::{shuffled_order, Answers, NumberAnswer, Question, Quiz, QuizContext};
use crate::i18n::Strings;

pub(super) fn form(quiz: &Quiz, ctx: &QuizContext) -> String {
    let s = ctx.strings;
    let mut id = String::new();
    escape(&mut id, &quiz.id);
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "<form class=\"quiz\" id=\"{id}\" data-quiz=\"{id}\">");
    let _ = writeln!(
        out,
        "<p class=\"quiz-pass-mark\">{}</p>",
        pass_mark(quiz, s)
    );
    if let Some(line) = pool(quiz, s) {
        // Shown by quiz.js: without it every question is there.
        let _ = writeln!(out, "<p class=\"quiz-pool\" hidden>{line}</p>");
    }
    let _ = writeln!(out, "<p class=\"quiz-previous\" hidden></p>");
    for (i, q) in quiz.questions.iter().enumerate() {
        question(&mut out, &id, &quiz.id, i, q, s);
    }
    let _ = writeln!(
        out,
        "<div class=\"quiz-actions\" hidden><button type=\"submit\" class=\"quiz-check\" disabled>{}</button> \
         <button type=\"reset\" class=\"quiz-retry\" hidden>{}</button></div>",
        text(s, "quiz-check"),
        text(s, "quiz-retry"),
    );
    let _ = writeln!(
        out,
        "<div class=\"quiz-result\" id=\"{id}-result\" role=\"status\" tabindex=\"-1\"></div>"
    );
    let _ = writeln!(
        out,
        "<script type=\"application/json\" class=\"quiz-data\">{}</script>",
        data(quiz, s)
    );
    out.push_str("</form>\n");
    out
}

/// The localised "Pass mark 80 %".
pub(super) fn pass_mark(quiz: &Quiz, s: &Strings) -> String {
    text(s, "quiz-pass-mark").replace("{percent}", &quiz.pass_mark.to_string())
}

/// The localised "Each try shows 5 of these 8 questions" of a pool.
pub(super) fn pool(quiz: &Quiz, s: &Strings) -> Option<String> {
    let pick = quiz.pick?;
    Some(
        text(s, "quiz-pool")
            .replace("{pick}", &pick.to_string())
            .replace("{count}", &quiz.questions.len().to_string()),
    )
}

/// A UI string escaped for HTML.
pub(super) fn text(s: &Strings, key: &str) -> String {
    let mut out = String::new();
    escape(&mut out, s.get(key));
    out
}

fn question(out: &mut String, id: &str, raw_id: &str, i: usize, q: &Question, s: &Strings) {
    let qid = format!("{id}-q{}", i + 1);
    let kind = q.kind().name();
    let described = if q.body.is_some() {
        format!(" aria-describedby=\"{qid}-body\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<fieldset class=\"quiz-q\" id=\"{qid}\" data-kind=\"{kind}\"{described}>"
    );
    let _ = writeln!(
        out,
        "<legend id=\"{qid}-legend\"><span class=\"quiz-n\">{}.</span> {}</legend>",
        i + 1,
        q.prompt.trim_end()
    );
    if let Some(body) = &q.body {
        let _ = writeln!(
            out,
            "<div class=\"quiz-body\" id=\"{qid}-body\">\n{body}</div>"
        );
    }
    if let Some(hint) = &q.hint {
        let _ = writeln!(
            out,
            "<details class=\"quiz-hint\"><summary>{}</summary>\n<div class=\"quiz-hint-body\">\n{hint}</div></details>",
            text(s, "quiz-hint")
        );
    }
    match &q.answers {
        Answers::Choices { multiple, choices } => {
            let input = if *multiple { "checkbox" } else { "radio" };
            out.push_str("<ul class=\"quiz-choices\">\n");
            for j in q.shown_order(raw_id, i) {
                let c = &choices[j];
                let cid = format!("{qid}-c{}", j + 1);
                let more_ref = if c.more.is_some() {
                    format!(" aria-describedby=\"{cid}-more\"")
                } else {
                    String::new()
                };
                let _ = write!(
                    out,
                    "<li><input type=\"{input}\" name=\"{qid}\" id=\"{cid}\" value=\"{j}\"{more_ref}> \
                     <label for=\"{cid}\">{}</label>",
                    c.html.trim_end()
                );
                if let Some(more) = &c.more {
                    let _ = write!(
                        out,
                        "<div class=\"quiz-more\" id=\"{cid}-more\">\n{more}</div>"
                    );
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Answers::Text(_) | Answers::Number(_) => {
            let (label, mode) = match q.answers {
                Answers::Number(_) => ("quiz-number-label", " inputmode=\"decimal\""),
                _ => ("quiz-your-answer", ""),
            };
            let _ = writeln!(
                out,
                "<p class=\"quiz-input\"><label for=\"{qid}-in\" id=\"{qid}-label\">{}</label> <input type=\"text\" id=\"{qid}-in\" \
                 name=\"{qid}\" aria-labelledby=\"{qid}-legend {qid}-label\"{mode} autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"></p>",
                text(s, label)
            );
        }
        Answers::Order(items) => {
            let _ = writeln!(
                out,
                "<p class=\"quiz-order-help\" hidden>{}</p>",
                text(s, "quiz-order-help")
            );
            out.push_str("<ol class=\"quiz-order\">\n");
            for k in shuffled_order(raw_id, i, items.len()) {
                let iid = format!("{qid}-i{}", k + 1);
                let _ = writeln!(
                    out,
                    "<li data-i=\"{k}\"><div class=\"quiz-order-text\" id=\"{iid}\">{}</div>\
                     <div class=\"quiz-order-buttons\" hidden>\
                     <button type=\"button\" class=\"quiz-up\" id=\"{iid}-up\" aria-labelledby=\"{iid}-up {iid}\">{}</button> \
                     <button type=\"button\" class=\"quiz-down\" id=\"{iid}-down\" aria-labelledby=\"{iid}-down {iid}\">{}</button></div></li>",
                    items[k].trim_end(),
                    text(s, "quiz-move-up"),
                    text(s, "quiz-move-down"),
                );
            }
            out.push_str("</ol>\n");
        }
    }
    let _ = writeln!(
        out,
        "<div class=\"quiz-out\" id=\"{qid}-out\" hidden></div>"
    );
    let _ = writeln!(
        out,
        "<details class=\"quiz-answer\"><summary>{}</summary>\n{}</details>",
        text(s, "quiz-show-answer"),
        solution(q, &q.shown_order(raw_id, i), s)
    );
    out.push_str("</fieldset>\n");
}

/// What `quiz.js` needs: the right answers per question and every string it
/// shows. `<` is escaped so no text can close the script element.
fn data(quiz: &Quiz, s: &Strings) -> String {
    let (stemmer, finnish) = stemmer(s.language());
    let questions: Vec<_> = quiz
        .questions
        .iter()
        .map(|q| {
            let kind = q.kind().name();
            let mut value = match &q.answers {
                Answers::Choices { choices, .. } => {
                    let right: Vec<usize> =
                        (0..choices.len()).filter(|&j| choices[j].correct).collect();
                    json!({ "k": kind, "c": right })
                }
                Answers::Text(texts) => {
                    // Plain answers compare whole (as before); every answer
                    // also as words with their keys, or as a pattern.
                    let plain: Vec<&String> =
                        texts.iter().filter(|t| regex_of(t).is_none()).collect();
                    let matchers: Vec<_> = texts
                        .iter()
                        .map(|t| match regex_of(t) {
                            Some(pattern) => json!({ "r": pattern }),
                            None => {
                                let words: Vec<_> = accepted(&stemmer, finnish, t)
                                    .into_iter()
                                    .map(|a| json!([a.word, a.key]))
                                    .collect();
                                json!({ "w": words })
                            }
                        })
                        .collect();
                    json!({ "k": kind, "a": plain, "m": matchers, "f": finnish, "t": q.typo })
                }
                Answers::Number(numbers) => {
                    let ranges: Vec<[f64; 2]> = numbers
                        .iter()
                        .map(|n| NumberAnswer::bounds(*n))
                        .map(|(a, b)| [a, b])
                        .collect();
                    json!({ "k": kind, "r": ranges })
                }
                Answers::Order(_) => json!({ "k": kind }),
            };
            if let serde_json::Value::Object(map) = &mut value {
                map.insert("w".into(), q.weight.into());
                if q.partial {
                    map.insert("p".into(), true.into());
                }
            }
            value
        })
        .collect();
    let strings: serde_json::Map<String, serde_json::Value> = [
        ("correct", "quiz-correct"),
        ("incorrect", "quiz-incorrect"),
        ("unanswered", "quiz-unanswered"),
        ("score", "quiz-score"),
        ("passed", "quiz-passed"),
        ("failed", "quiz-failed"),
        ("previous", "quiz-previous-result"),
        ("passedOn", "quiz-passed-on"),
        ("moved", "quiz-moved"),
        ("notNumber", "quiz-not-a-number"),
        ("partial", "quiz-partly-correct"),
        ("point", "quiz-decimal-point"),
    ]
    .into_iter()
    .map(|(name, key)| (name.to_string(), s.get(key).into()))
    .collect();
    let value = json!({
        "id": quiz.id,
        "passMark": quiz.pass_mark,
        "pick": quiz.pick,
        "s": strings,
        "q": questions,
    });
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
