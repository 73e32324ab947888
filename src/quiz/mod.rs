//! Quizzes: a ```` ```quiz ```` block's Markdown to a typed model (with a
//! `PATH:LINE` error for every authoring mistake), to an accessible HTML form
//! that reads well without JavaScript, and to the trainers' answer key.
//! The Markdown stage hands a page's quiz blocks over through
//! [`PageQuizzes`], a code-block hook; quiz fragments are turned into HTML
//! by Markdown's shared transform.
//!
//! The browser side lives in `themes/default/static/quiz.js` and `quiz.css`;
//! it reads the form's inline JSON (answers, pass mark, localised strings)
//! and keeps results in `localStorage` under `kurssi:<course key>:<quiz id>`.

mod answers;
mod blocks;
mod html;
mod ids;
mod key;
pub mod matcher;
mod number;
mod parse;
mod render;

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::markdown::Typography;
use crate::source::{FileId, Position};

pub use blocks::PageQuizzes;
pub use ids::{choice_order, default_id, shuffled_order};

/// What the page renderer knows about one quiz block.
pub struct QuizContext<'a> {
    /// The page file, for diagnostics.
    pub file: FileId,
    /// Page source path relative to the source folder, e.g. `01-a/quiz.md`.
    pub page_path: &'a str,
    /// 0-based position of this block among the page's quiz blocks.
    pub index: usize,
    /// Quote style of the course.
    pub typography: Typography,
    /// Whether code in prompts is highlighted at build time.
    pub highlight: bool,
    /// The course's UI strings.
    pub strings: &'a Strings,
    /// Effective pass mark in percent (front matter or book.toml).
    pub pass_mark: u8,
}

/// One quiz block.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// Stable id: the block's `id` attribute, else page path plus position
    /// (see [`default_id`]). Also the form's HTML id and part of the
    /// browser's storage key.
    pub id: String,
    /// The questions, in order; never empty.
    pub questions: Vec<Question>,
    /// Percent of questions that must be right to pass.
    pub pass_mark: u8,
    /// `pick=N`: each attempt shows N questions drawn from all of them (a
    /// pool); the page without JavaScript and the answer key show them all.
    /// Always fewer than the questions.
    pub pick: Option<usize>,
}

/// One question: a heading, optional Markdown under it, and an answer list.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The heading as inline HTML (phrasing content, fit for a `<legend>`).
    pub prompt: String,
    /// The heading as plain text.
    pub prompt_text: String,
    /// Block HTML between the heading and the answer list (paragraphs, code,
    /// images), if any.
    pub body: Option<String>,
    /// What counts as right.
    pub answers: Answers,
    /// Block HTML of the `> [!TIP]` alert, if any.
    pub hint: Option<String>,
    /// Block HTML of the blockquote after the list, if any.
    pub explanation: Option<String>,
    /// `{.fixed}`: the choices are shown in the author's order, not
    /// shuffled (for "all of the above" and scales).
    pub fixed: bool,
    /// `{.text typo=1}`: how many typing errors are forgiven in an accepted
    /// word of six letters or more (0 or 1).
    pub typo: u8,
    /// `{weight=2}`: the points the question is worth (1 to 100; 1 when not
    /// given).
    pub weight: u32,
    /// `{.multiple partial}`: a multiple-choice question scores a share of
    /// its weight, (right picks − wrong picks) / right choices, not below 0.
    pub partial: bool,
    /// Where the question's heading is (in the page file or a file it
    /// includes), for diagnostics about the question (e.g. from the
    /// exporters).
    pub at: Position,
}

/// The kinds of question, as written in a heading's `{.kind}` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One right choice: radio buttons.
    Single,
    /// Any number of right choices: checkboxes, all-or-nothing.
    Multiple,
    /// Free text compared without regard to case or spacing.
    Text,
    /// A number, range or number with a tolerance.
    Number,
    /// Items to put in order.
    Order,
}

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Single,
        Kind::Multiple,
        Kind::Text,
        Kind::Number,
        Kind::Order,
    ];

    /// The class name authors write: `single`, `multiple`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Text => "text",
            Kind::Number => "number",
            Kind::Order => "order",
        }
    }

    /// The kind with this class name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The accepted answers of a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answers {
    /// Task-list items; `multiple` gives checkboxes instead of radio buttons.
    Choices {
        /// Checkboxes (several right, or `{.multiple}`).
        multiple: bool,
        /// The choices in the author's order.
        choices: Vec<Choice>,
    },
    /// Accepted texts as written: words, matched in any inflection (see
    /// [`matcher`]), or a `/regular expression/` (validated when parsed).
    Text(Vec<String>),
    /// Accepted numbers.
    Number(Vec<NumberAnswer>),
    /// Items as inline or block HTML, in the correct order.
    Order(Vec<String>),
}

/// One choice of a choice question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The first line as inline HTML (fit for a `<label>`).
    pub html: String,
    /// Block HTML that follows the first line inside the item (code...).
    pub more: Option<String>,
    /// Whether it is marked `[x]`.
    pub correct: bool,
    /// Block HTML of the blockquote inside the item.
    pub feedback: Option<String>,
}

/// One accepted answer of a `{.number}` question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberAnswer {
    /// `52`
    Exact(f64),
    /// `40..60`, both ends included.
    Range(f64, f64),
    /// `52 +- 2` (or `52 ± 2`): value and tolerance.
    Tolerance(f64, f64),
}

impl NumberAnswer {
    /// Smallest and largest accepted value.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            NumberAnswer::Exact(v) => (v, v),
            NumberAnswer::Range(a, b) => (a, b),
            NumberAnswer::Tolerance(v, t) => (v - t, v + t),
        }
    }
}

impl Question {
    /// The points scored by ticking the choices `chosen` (author's indices):
    /// the weight when exactly the right ones are chosen, else 0, except
    /// that a `partial` question scores its share. What `quiz.js` scores.
    pub fn choice_points(&self, chosen: &[usize]) -> f64 {
        let Answers::Choices { choices, .. } = &self.answers else {
            return 0.0;
        };
        let right = |j: &usize| choices.get(*j).is_some_and(|c| c.correct);
        let rights = choices.iter().filter(|c| c.correct).count();
        let picked_right = chosen.iter().filter(|j| right(j)).count();
        let picked_wrong = chosen.len() - picked_right;
        let weight = f64::from(self.weight);
        if picked_right == rights && picked_wrong == 0 {
            weight
        } else if self.partial && rights > 0 {
            let share = picked_right.saturating_sub(picked_wrong) as f64 / rights as f64;
            weight * share
        } else {
            0.0
        }
    }

    /// The order its choices are shown in on the page, without JavaScript
    /// and in the answer key: author's indices, shuffled by
    /// [`choice_order`] unless `{.fixed}`. Identity for other kinds.
    /// `index` is the question's 0-based position in `quiz_id`.
    pub fn shown_order(&self, quiz_id: &str, index: usize) -> Vec<usize> {
        match &self.answers {
            Answers::Choices { choices, .. } if !self.fixed => {
                let right: Vec<bool> = choices.iter().map(|c| c.correct).collect();
                choice_order(quiz_id, index, &right)
            }
            Answers::Choices { choices, .. } => (0..choices.len()).collect(),
            _ => Vec::new(),
        }
    }

    /// The kind of question this is.
    pub fn kind(&self) -> Kind {
        match &self.answers {
            Answers::Choices {
                multiple: false, ..
            } => Kind::Single,
            Answers::Choices { multiple: true, .. } => Kind::Multiple,
            Answers::Text(_) => Kind::Text,
            Answers::Number(_) => Kind::Number,
            Answers::Order(_) => Kind::Order,
        }
    }
}

/// Parses one quiz block. `info` is the whole info string, `block` the code
/// block's text and `block_offset` the byte offset of its first byte in the
/// page file. Every problem goes to `diags`; `None` when there was an error.
pub fn parse(
    info: &str,
    block: &str,
    block_offset: usize,
    ctx: &QuizContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<Quiz> {
    parse::parse(info, block, block_offset, ctx, diags)
}

/// The quiz as a `<form>` for the page.
pub fn render(quiz: &Quiz, ctx: &QuizContext) -> String {
    render::form(quiz, ctx)
}

/// Every question with its right answers, feedback and explanation, for the
/// trainers' `answers.html`. Carries no `id` attributes, so any number of
/// keys fit on one page.
pub fn render_answer_key(quiz: &Quiz, ctx: &QuizContext) -> String {
    key::answer_key(quiz, ctx)
}

/// Parses and renders one block outside any course (English strings, no
/// highlighting, page `quiz.md`, file id 0): the entry point of the fuzz
/// target. Returns the form and answer key HTML (empty on errors) and the
/// diagnostics, whose spans end by `block_offset + block.len()` (those about
/// the info string lie on the fence line, just before `block_offset`).
pub fn render_standalone(
    info: &str,
    block: &str,
    block_offset: usize,
) -> (String, Vec<Diagnostic>) {
    let strings = Strings::new("en", &BTreeMap::new());
    let ctx = QuizContext {
        file: 0,
        page_path: "quiz.md",
        index: 0,
        typography: Typography::English,
        highlight: false,
        strings: &strings,
        pass_mark: 100,
    };
    let mut diags = Vec::new();
    let html = match parse(info, block, block_offset, &ctx, &mut diags) {
        Some(quiz) => render(&quiz, &ctx) + &render_answer_key(&quiz, &ctx),
        None => String::new(),
    };
    (html, diags)
}

#[cfg(test)]
pub(crate) mod testing;
