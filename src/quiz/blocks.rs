//! A page's ```` ```quiz ```` blocks, as the Markdown stage meets them: the
//! [`CodeBlockHook`] that parses and renders each one and keeps the page's
//! quizzes, answer keys and block offsets.

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::markdown::page::{Block, CodeBlock, CodeBlockHook};
use crate::markdown::Typography;
use crate::source::{FileId, Position};

use super::{parse, render, render_answer_key, Quiz, QuizContext};

/// The quizzes of one page, filled as its Markdown is rendered.
pub struct PageQuizzes<'a> {
    /// The page file.
    pub file: FileId,
    /// Page source path relative to the source folder.
    pub page_path: &'a str,
    /// Quote style of the course.
    pub typography: Typography,
    /// Whether code in prompts is highlighted at build time.
    pub highlight: bool,
    /// The course's UI strings.
    pub strings: &'a Strings,
    /// Effective pass mark of the page.
    pub pass_mark: u8,
    /// The quizzes, in page order.
    pub quizzes: Vec<Quiz>,
    /// Answer-key HTML of each quiz, for the trainers' `answers.html`.
    pub answer_keys: Vec<String>,
    /// Where each quiz block's opening fence is: in the page file or a file
    /// it includes.
    pub positions: Vec<Position>,
}

impl<'a> PageQuizzes<'a> {
    /// No quizzes yet.
    pub fn new(
        file: FileId,
        page_path: &'a str,
        typography: Typography,
        highlight: bool,
        strings: &'a Strings,
        pass_mark: u8,
    ) -> Self {
        PageQuizzes {
            file,
            page_path,
            typography,
            highlight,
            strings,
            pass_mark,
            quizzes: Vec::new(),
            answer_keys: Vec::new(),
            positions: Vec::new(),
        }
    }
}

impl CodeBlockHook for PageQuizzes<'_> {
    fn code_block(&mut self, block: &CodeBlock<'_>, diags: &mut Vec<Diagnostic>) -> Option<Block> {
        if block.lang != "quiz" {
            return None;
        }
        if !block.closed {
            // Its questions would run into the rest of the page and be
            // reported there, far from the cause.
            let at = block.fence;
            diags.push(
                Diagnostic::error(
                    block.file,
                    at..at + 3,
                    "this quiz block is never closed, so it takes in the rest of the page",
                )
                .with_note(
                    "end the quiz with a line of three backticks (```) after its last question",
                ),
            );
            return Some(Block::default());
        }
        let first = diags.len();
        let ctx = QuizContext {
            file: self.file,
            page_path: self.page_path,
            index: self.quizzes.len(),
            typography: self.typography,
            highlight: self.highlight,
            strings: self.strings,
            pass_mark: self.pass_mark,
        };
        let offset = block.offset;
        let out = match parse(block.info, block.text, offset, &ctx, diags) {
            Some(mut q) => {
                let html = render(&q, &ctx);
                self.answer_keys.push(render_answer_key(&q, &ctx));
                self.positions.push(Position {
                    file: block.file,
                    offset: block.fence,
                });
                // Like the diagnostics below, each heading's place is
                // mapped to its file.
                for question in &mut q.questions {
                    let local = question.at.offset.saturating_sub(offset);
                    let (file, span) = block.locate(local..local);
                    question.at = Position {
                        file,
                        offset: span.start,
                    };
                }
                // Search finds a quiz by its questions' prompts; never
                // by answers, feedback or explanations.
                let mut search = String::new();
                for question in &q.questions {
                    search.push(' ');
                    search.push_str(&question.prompt_text);
                    search.push(' ');
                }
                let out = Block {
                    has_code: html.contains("class=\"hl-"),
                    html,
                    ids: vec![q.id.clone()],
                    prose: String::new(),
                    search,
                    quiz: Some(self.quizzes.len()),
                };
                self.quizzes.push(q);
                out
            }
            None => Block::default(),
        };
        // The quiz reports offsets in the block's text as `offset` plus
        // the offset in the text (and blames the info string just before
        // `offset`): mapped here to their file, since the text is not one
        // run of it. Unmapped, an error after an include in the block
        // pointed past the end of the page, and one in a quote at the
        // wrong line (found by fuzzing; tests/it/fuzz_regressions.rs).
        block.relocate(&mut diags[first..]);
        Some(out)
    }
}
