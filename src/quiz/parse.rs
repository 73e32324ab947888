//! A quiz block's Markdown to a [`Quiz`]: headings start questions, the
//! first list under one is its answer list, a `> [!TIP]` alert its hint, a
//! blockquote after the list its explanation. Every mistake is reported at
//! the offending line of the page, and parsing carries on so one build shows
//! them all.

use std::ops::Range;

use super::answers::answers;
use super::html::Style;
use super::ids::{quiz_id, quiz_pick};
use super::{Kind, Question, Quiz, QuizContext};
use crate::diagnostics::Diagnostic;
use crate::markdown::fragment::{self, Fragment, HeadingAttrs, Piece};
use crate::source::{FileId, Position};

/// What answer parsing needs: how to render and where to report.
pub(super) struct Ctx<'d> {
    file: FileId,
    offset: usize,
    pub block: &'d str,
    pub style: Style,
    diags: &'d mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Reports an error at the first line of `at` (a range in the block).
    pub fn error(&mut self, at: &Range<usize>, message: impl Into<String>, note: &str) {
        let span = self.span(at);
        self.diags
            .push(Diagnostic::error(self.file, span, message).with_note(note));
    }

    /// Reports a warning at the first line of `at`.
    pub fn warning(&mut self, at: &Range<usize>, message: impl Into<String>, note: &str) {
        let span = self.span(at);
        self.diags
            .push(Diagnostic::warning(self.file, span, message).with_note(note));
    }

    /// The page span of the first line of `at`.
    fn span(&self, at: &Range<usize>) -> Range<usize> {
        let start = at.start.min(self.block.len());
        let line_end = self
            .block
            .get(start..)
            .unwrap_or("")
            .find(['\r', '\n'])
            .map_or(self.block.len(), |i| start + i);
        let end = at.end.clamp(start, line_end);
        self.offset + start..self.offset + end
    }
}

/// A question being collected: block nodes in the order they came.
struct Draft<'e, 'a> {
    heading: Piece<'e, 'a>,
    attrs: HeadingAttrs<'e>,
    body: Vec<Piece<'e, 'a>>,
    hints: Vec<Piece<'e, 'a>>,
    list: Option<Piece<'e, 'a>>,
    explanation: Vec<Piece<'e, 'a>>,
    /// Already reported in a way that makes the question's own checks moot.
    reported: bool,
}

pub(super) fn parse(
    info: &str,
    block: &str,
    block_offset: usize,
    ctx: &QuizContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<Quiz> {
    // The info string sits on the fence line, just before the block's first
    // byte; blaming its length back from there stays on that line.
    let fence_end = block_offset.saturating_sub(1);
    let fence = fence_end.saturating_sub(info.len())..fence_end;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let id = quiz_id(info, fence.clone(), ctx, diags);

    let fragment = Fragment::parse(block, ctx.typography);
    let mut cx = Ctx {
        file: ctx.file,
        offset: block_offset,
        block,
        style: Style {
            typography: ctx.typography,
            highlight: ctx.highlight,
        },
        diags,
    };

    let top: Vec<Piece> = fragment
        .all()
        .nodes()
        .into_iter()
        .filter(|n| !n.is_comment())
        .collect();
    if !top
        .iter()
        .any(|n| matches!(n.kind(), fragment::Kind::Heading(_)))
    {
        let at = top.first().map_or(0..0, |n| n.at());
        if top.is_empty() {
            cx.diags.push(
                Diagnostic::error(ctx.file, fence, "this quiz has no questions")
                    .with_note("start each question with a heading: `## What is ...?`"),
            );
        } else {
            cx.error(
                &at,
                "this quiz has no questions",
                "start each question with a heading (`## What is ...?`) and list the answers under it",
            );
        }
        return None;
    }

    let mut drafts: Vec<Draft> = Vec::new();
    for node in top {
        let kind = node.kind();
        if let fragment::Kind::Heading(attrs) = kind {
            drafts.push(Draft {
                heading: node,
                attrs,
                body: Vec::new(),
                hints: Vec::new(),
                list: None,
                explanation: Vec::new(),
                reported: false,
            });
            continue;
        }
        let Some(draft) = drafts.last_mut() else {
            cx.error(
                &node.at(),
                "this text is outside any question",
                "each question starts with a heading (`## What is ...?`); move the text under one, or out of the quiz block",
            );
            continue;
        };
        match kind {
            fragment::Kind::Quote { tip: true } => draft.hints.push(node),
            fragment::Kind::List { .. } if draft.list.is_none() => draft.list = Some(node),
            // list, `>`, list: a choice's feedback written without its
            // indent ends the list there.
            fragment::Kind::List { .. } if !draft.explanation.is_empty() => {
                if !draft.reported {
                    cx.error(
                        &draft.explanation[0].at(),
                        "this `>` line is not indented, so it ends the list of choices",
                        "indent it by two spaces to make it the feedback of the choice above it, \
                         or leave a blank line after the last choice and put it there to make it \
                         the question's explanation",
                    );
                }
                draft.reported = true;
            }
            fragment::Kind::List { .. } => cx.error(
                &node.at(),
                "a question has only one answer list",
                "use the same bullet (`-`) for every item, or start a new question with a heading",
            ),
            _ if draft.list.is_none() => draft.body.push(node),
            fragment::Kind::Quote { .. } => draft.explanation.push(node),
            _ => cx.error(
                &node.at(),
                "only an explanation may follow the answer list",
                "put the explanation in a blockquote (`> ...`), or start a new question with a heading",
            ),
        }
    }

    let questions: Vec<Question> = drafts
        .iter()
        .filter(|d| !d.reported)
        .filter_map(|d| question(d, &mut cx))
        .collect();
    let failed = diags.iter().filter(|d| d.is_error()).count() > errors_before;
    if failed {
        return None;
    }
    let pick = quiz_pick(info, fence.clone(), questions.len(), ctx, diags)?;
    if let Some((longest, of)) = right_is_longest(&questions) {
        diags.push(
            Diagnostic::warning(
                ctx.file,
                fence,
                format!(
                    "in {longest} of the {of} single-choice questions of this quiz the right choice is the longest"
                ),
            )
            .with_note(
                "a participant can guess by length alone; shorten the right choices or \
                 lengthen some wrong ones so that length tells nothing",
            ),
        );
    }
    Some(Quiz {
        id: id?,
        questions,
        pass_mark: ctx.pass_mark.min(100),
        pick,
    })
}

/// When, in at least three single-choice questions, the right choice is
/// the (strictly) longest in most of them: how many, of how many.
fn right_is_longest(questions: &[Question]) -> Option<(usize, usize)> {
    let mut of = 0;
    let mut longest = 0;
    for q in questions {
        let super::Answers::Choices { choices, .. } = &q.answers else {
            continue;
        };
        if q.kind() != Kind::Single {
            continue;
        }
        of += 1;
        let len = |c: &super::Choice| text_len(&c.html);
        let Some(right) = choices.iter().find(|c| c.correct) else {
            continue;
        };
        if choices.iter().all(|c| c.correct || len(c) < len(right)) {
            longest += 1;
        }
    }
    (of >= 3 && longest * 2 > of).then_some((longest, of))
}

/// The length in characters of inline HTML's text (tags left out, an
/// entity counted once).
fn text_len(html: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.trim().chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                in_entity = true;
                n += 1;
            }
            ';' if in_entity => in_entity = false,
            _ if in_entity && (c == '#' || c.is_ascii_alphanumeric()) => {}
            _ => {
                in_entity = false;
                n += 1;
            }
        }
    }
    n
}

fn question(draft: &Draft, cx: &mut Ctx) -> Option<Question> {
    let attrs = &draft.attrs;
    let at = &draft.heading.at();
    let fixed = attrs.has_class("fixed");
    let kind = declared_kind(&attrs.classes, at, cx)?;
    let title = draft.heading.inner();
    let prompt_text = title.plain_text().trim().to_string();
    if prompt_text.is_empty() {
        cx.error(
            at,
            "this question has no text",
            "write the question after the `##`",
        );
        return None;
    }
    let Some(list) = draft.list else {
        cx.error(
            at,
            "this question has no answer list",
            "list the choices under it (`- [x] right`, `- [ ] wrong`), or the accepted answers of a \
             `{.text}`, `{.number}` or `{.order}` question",
        );
        return None;
    };
    let answers = answers(kind, list, cx)?;
    let typo = typo(attrs, &answers, at, cx)?;
    let weight = weight(attrs, at, cx)?;
    let partial = attrs.has_class("partial") || attrs.attrs.contains(&("partial", None));
    let partial = partial && {
        let multiple = matches!(answers, super::Answers::Choices { multiple: true, .. });
        if !multiple {
            cx.warning(
                at,
                "partial credit applies to `{.multiple}` questions only",
                "remove `partial`, or make the question `{.multiple partial}`",
            );
        }
        multiple
    };
    if fixed && !matches!(answers, super::Answers::Choices { .. }) {
        cx.warning(
            at,
            "`{.fixed}` keeps the order of choices, and this question has none",
            "remove `{.fixed}`; the items of an `{.order}` question are always shown shuffled",
        );
    }
    Some(Question {
        prompt: cx.style.html(title),
        prompt_text,
        body: (!draft.body.is_empty()).then(|| cx.style.blocks(&draft.body)),
        answers,
        hint: cx.style.quoted(&draft.hints),
        explanation: cx.style.quoted(&draft.explanation),
        fixed,
        typo,
        weight,
        partial,
        at: Position {
            file: cx.file,
            offset: cx.offset + at.start,
        },
    })
}

/// `typo=N` of a heading: 0 or 1, on a `{.text}` question.
fn typo(
    attrs: &HeadingAttrs,
    answers: &super::Answers,
    at: &Range<usize>,
    cx: &mut Ctx,
) -> Option<u8> {
    let Some(value) = attrs.attr("typo") else {
        return Some(0);
    };
    let Some(n) = value.and_then(|v| v.parse::<u8>().ok()).filter(|&n| n <= 1) else {
        cx.error(
            at,
            format!("`typo={}` is not 0 or 1", value.unwrap_or("")),
            "write `typo=1` to forgive one typing error in words of six letters or more",
        );
        return None;
    };
    if !matches!(answers, super::Answers::Text(_)) {
        cx.warning(
            at,
            "`typo` applies to `{.text}` questions only",
            "remove `typo=...` from this question",
        );
        return Some(0);
    }
    Some(n)
}

/// `weight=N` of a heading: a whole number from 1 to 100; 1 when not given.
fn weight(attrs: &HeadingAttrs, at: &Range<usize>, cx: &mut Ctx) -> Option<u32> {
    let Some(value) = attrs.attr("weight") else {
        return Some(1);
    };
    let n = value.and_then(|v| v.parse::<u32>().ok());
    match n {
        Some(n @ 1..=100) => Some(n),
        _ => {
            cx.error(
                at,
                format!(
                    "`weight={}` is not a whole number from 1 to 100",
                    value.unwrap_or("")
                ),
                "write the points the question is worth, e.g. `{.multiple weight=2}`",
            );
            None
        }
    }
}

/// The classes of a question heading that are options, not kinds.
const OPTIONS: [&str; 2] = ["fixed", "partial"];

/// The kind a heading's classes declare; `Some(None)` when none does,
/// `None` after an error.
fn declared_kind(classes: &[&str], at: &Range<usize>, cx: &mut Ctx) -> Option<Option<Kind>> {
    let mut kinds = Vec::new();
    let mut ok = true;
    for &class in classes.iter().filter(|c| !OPTIONS.contains(c)) {
        match Kind::from_name(class) {
            Some(kind) => kinds.push(kind),
            None => {
                let names = Kind::ALL.map(|k| format!("`{{.{}}}`", k.name())).join(", ");
                let note = match closest(class) {
                    Some(near) => {
                        format!("did you mean `{{.{}}}`? The kinds are {names}", near.name())
                    }
                    None => format!("the kinds are {names}"),
                };
                cx.error(at, format!("unknown question kind `{{.{class}}}`"), &note);
                ok = false;
            }
        }
    }
    if kinds.len() > 1 {
        cx.error(
            at,
            "a question has only one kind",
            "keep one of the `{.kind}` classes",
        );
        ok = false;
    }
    ok.then(|| kinds.first().copied())
}

/// The kind whose name is a small typo away from `class`.
fn closest(class: &str) -> Option<Kind> {
    let lower = class.to_lowercase();
    Kind::ALL
        .into_iter()
        .map(|k| (edit_distance(&lower, k.name()), k))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
