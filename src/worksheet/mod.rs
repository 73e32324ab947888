//! Worksheets: a ```` ```worksheet ```` block of prompts that the
//! participant answers in text areas. Nothing is graded; the browser keeps
//! each answer (`themes/default/static/record.js`) in `localStorage` under
//! `kurssi:<course key>:ws:<worksheet id>:<prompt id>`, beside the quiz
//! results, and the "My answers" page (`my-answers.html`) gathers every
//! answer of the course in course order.
//!
//! ````markdown
//! ```worksheet
//! ## Why are we on social media? (one sentence)
//!
//! Optional Markdown under a heading is a hint shown with its text area.
//!
//! ## Which channels, and why those? {#channels}
//! ```
//! ````
//!
//! The Markdown stage hands a page's worksheet blocks over through
//! [`PageWorksheets`], a code-block hook.
//!
//! Every heading (any level) is a prompt; `{#id}` on it gives the prompt a
//! stable id (else its position), and `worksheet {#id}` on the fence names
//! the worksheet (else the page path and position). Anything before the
//! first heading, an empty heading, a repeated prompt id and a block without
//! prompts are errors at their `PATH:LINE:COL`.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::markdown::fragment::{self, Fragment, Piece};
use crate::markdown::page::{escape, Block, CodeBlock, CodeBlockHook};
use crate::markdown::transform::Transform;
use crate::markdown::{localise_quotes, Typography};
use crate::source::{FileId, Position};

/// What the page renderer knows about one worksheet block.
pub struct WorksheetContext<'a> {
    /// The page file, for diagnostics.
    pub file: FileId,
    /// Page source path relative to the source folder, e.g. `01-a/b.md`.
    pub page_path: &'a str,
    /// 0-based position of this block among the page's worksheet blocks.
    pub index: usize,
    /// Quote style of the course.
    pub typography: Typography,
    /// The course's UI strings.
    pub strings: &'a Strings,
}

/// One worksheet block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worksheet {
    /// Stable id: from the info string, else `ws-` and the page path and
    /// position. Part of every answer's storage key.
    pub id: String,
    /// The prompts, in order; never empty.
    pub prompts: Vec<Prompt>,
    /// Where its opening fence is: in the page file or a file it includes.
    pub at: Position,
}

/// One prompt of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// Stable id within the worksheet: the heading's `{#id}`, else its
    /// 1-based position.
    pub id: String,
    /// The heading as inline HTML.
    pub html: String,
    /// The heading as plain text.
    pub text: String,
    /// Block HTML under the heading, if any.
    pub help: Option<String>,
}

impl Worksheet {
    /// The storage key (after `kurssi:<course>:ws:`) of prompt `p`.
    pub fn key(&self, p: &Prompt) -> String {
        format!("{}:{}", self.id, p.id)
    }
}

/// The default id of the `index`-th (0-based) worksheet of a page:
/// `ws-` and the page path as quiz ids make it: `01-a/b.md`, 0 ->
/// `ws-01-a-b-1`.
pub fn default_id(page_path: &str, index: usize) -> String {
    format!("ws-{}", crate::quiz::default_id(page_path, index))
}

/// Whether `id` is fit for an HTML id and a storage key.
fn good_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// The worksheet's id from its info string (`worksheet {#plan}`,
/// `worksheet id=plan`), else [`default_id`].
fn worksheet_id(
    info: &str,
    fence: Range<usize>,
    ctx: &WorksheetContext,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut id = None;
    for token in info.split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ',')) {
        if token.is_empty() || matches!(token, "worksheet" | ".worksheet") {
            continue;
        }
        let value = token
            .strip_prefix('#')
            .or_else(|| token.strip_prefix("id="))
            .map(|v| v.trim_matches(|c| c == '"' || c == '\''));
        match value {
            Some(v) if good_id(v) => id = Some(v.to_string()),
            Some(v) => diags.push(
                Diagnostic::error(
                    ctx.file,
                    fence.clone(),
                    format!("`{v}` cannot be a worksheet id"),
                )
                .with_note("use letters, digits, `-`, `_` and `.` only, as in `worksheet {#plan}`"),
            ),
            None => diags.push(
                Diagnostic::warning(
                    ctx.file,
                    fence.clone(),
                    format!("`{token}` after `worksheet` is not understood and is ignored"),
                )
                .with_note("a worksheet block takes only an id: ```worksheet {#my-id}"),
            ),
        }
    }
    id.unwrap_or_else(|| default_id(ctx.page_path, ctx.index))
}

struct Pending<'e, 'a> {
    id: Option<String>,
    span: Range<usize>,
    heading: Piece<'e, 'a>,
    help: Vec<Piece<'e, 'a>>,
}

/// Parses a worksheet block's text (`offset`: where it starts in the page
/// file; `fence`: the opening fence, blamed for block-wide problems).
/// `None` when it has errors, each reported in `diags`.
pub fn parse(
    info: &str,
    text: &str,
    offset: usize,
    fence: Range<usize>,
    ctx: &WorksheetContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<Worksheet> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let at = fence.start;
    let id = worksheet_id(info, fence.clone(), ctx, diags);
    let span = |r: &Range<usize>| offset + r.start..offset + r.end.max(r.start + 1);
    let fragment = Fragment::parse(text, ctx.typography);
    let mut pending: Vec<Pending> = Vec::new();
    let mut stray_reported = false;
    for node in fragment.all().nodes() {
        if let fragment::Kind::Heading(attrs) = node.kind() {
            pending.push(Pending {
                id: attrs.id.map(str::to_string),
                span: span(&node.at()),
                heading: node.inner(),
                help: Vec::new(),
            });
            continue;
        }
        let Some(p) = pending.last_mut() else {
            // Before the first prompt: only blank lines and comments.
            if !node.is_comment() && !stray_reported {
                stray_reported = true;
                diags.push(
                    Diagnostic::error(
                        ctx.file,
                        span(&node.at()),
                        "this text comes before the worksheet's first prompt",
                    )
                    .with_note("start each prompt with a heading such as `## What is your goal?`; put an introduction above the ```worksheet line"),
                );
            }
            continue;
        };
        p.help.push(node);
    }
    if pending.is_empty() && !stray_reported {
        diags.push(
            Diagnostic::error(ctx.file, fence, "this worksheet has no prompts").with_note(
                "write each prompt as a heading inside the block, such as `## What is your goal?`",
            ),
        );
    }
    // Code in a worksheet's help is left plain.
    let transform = Transform {
        typography: ctx.typography,
        highlight: false,
    };
    let mut prompts: Vec<Prompt> = Vec::with_capacity(pending.len());
    for (n, p) in pending.into_iter().enumerate() {
        let text = p.heading.plain_text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            diags.push(
                Diagnostic::error(ctx.file, p.span.clone(), "this worksheet prompt is empty")
                    .with_note("write the question after the `#` marks"),
            );
            continue;
        }
        let pid = match p.id {
            Some(id) if good_id(&id) => id,
            Some(id) => {
                diags.push(
                    Diagnostic::error(
                        ctx.file,
                        p.span.clone(),
                        format!("`{id}` cannot be a prompt id"),
                    )
                    .with_note("use letters, digits, `-`, `_` and `.` only, as in `{#goal}`"),
                );
                continue;
            }
            None => (n + 1).to_string(),
        };
        if prompts.iter().any(|q| q.id == pid) {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    p.span.clone(),
                    format!("two prompts of this worksheet have the id `{pid}`"),
                )
                .with_note(
                    "give each prompt its own `{#id}`: the id keeps the participant's answer",
                ),
            );
            continue;
        }
        let help: String = p.help.iter().map(|n| n.html(transform)).collect();
        prompts.push(Prompt {
            id: pid,
            html: p.heading.html(transform).trim().to_string(),
            text: localise_quotes(&text, ctx.typography).into_owned(),
            help: (!help.trim().is_empty()).then_some(help),
        });
    }
    let errors_after = diags.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before && !prompts.is_empty()).then_some(Worksheet {
        id,
        prompts,
        at: Position {
            file: ctx.file,
            offset: at,
        },
    })
}

/// The worksheets of one page, filled as its Markdown is rendered: the
/// [`CodeBlockHook`] that parses and renders each ```` ```worksheet ````
/// block.
pub struct PageWorksheets<'a> {
    /// The page file.
    pub file: FileId,
    /// Page source path relative to the source folder.
    pub page_path: &'a str,
    /// Quote style of the course.
    pub typography: Typography,
    /// The course's UI strings.
    pub strings: &'a Strings,
    /// The worksheets, in page order.
    pub worksheets: Vec<Worksheet>,
}

impl CodeBlockHook for PageWorksheets<'_> {
    fn code_block(&mut self, block: &CodeBlock<'_>, diags: &mut Vec<Diagnostic>) -> Option<Block> {
        if block.lang != "worksheet" {
            return None;
        }
        let at = block.fence;
        if !block.closed {
            diags.push(
                Diagnostic::error(
                    block.file,
                    at..at + 3,
                    "this worksheet block is never closed, so it takes in the rest of the page",
                )
                .with_note(
                    "end the worksheet with a line of three backticks (```) after its last prompt",
                ),
            );
            return Some(Block::default());
        }
        let ctx = WorksheetContext {
            file: self.file,
            page_path: self.page_path,
            index: self.worksheets.len(),
            typography: self.typography,
            strings: self.strings,
        };
        let first = diags.len();
        let ws = parse(
            block.info,
            block.text,
            block.offset,
            at..at + 3,
            &ctx,
            diags,
        );
        // Spans in the block's text, mapped to their file (see the quiz's).
        block.relocate(&mut diags[first..]);
        let Some(mut ws) = ws else {
            return Some(Block::default());
        };
        ws.at.file = block.file;
        let root = crate::paths::root_prefix(self.page_path);
        let out = Block {
            html: render(&ws, &root, self.strings),
            ids: vec![ws.id.clone()],
            // The prompts are found by search and read in the reading time.
            prose: ws
                .prompts
                .iter()
                .map(|p| format!("\n{}\n", p.text))
                .collect(),
            ..Block::default()
        };
        self.worksheets.push(ws);
        Some(out)
    }
}

/// The worksheet's HTML: a labelled text area per prompt, which reads and
/// can be typed into without JavaScript; `root` is the prefix to the site
/// root (for the link to "My answers").
pub fn render(ws: &Worksheet, root: &str, strings: &Strings) -> String {
    let id = escape(&ws.id);
    let mut out = format!(
        "<div class=\"worksheet\" id=\"{id}\" data-worksheet=\"{id}\" data-str-saved=\"{}\">\n",
        escape(strings.get("worksheet-saved"))
    );
    for p in &ws.prompts {
        let field = format!("{id}-{}", escape(&p.id));
        out.push_str("<div class=\"worksheet-prompt\">\n");
        out.push_str(&format!(
            "<label class=\"worksheet-label\" for=\"{field}\">{}</label>\n",
            p.html
        ));
        let described = if let Some(help) = &p.help {
            out.push_str(&format!(
                "<div class=\"worksheet-help\" id=\"{field}-help\">\n{help}</div>\n"
            ));
            format!(" aria-describedby=\"{field}-help\"")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<textarea class=\"worksheet-answer\" id=\"{field}\" name=\"{field}\" rows=\"4\" data-key=\"{}\"{described}></textarea>\n</div>\n",
            escape(&ws.key(p))
        ));
    }
    out.push_str(&format!(
        "<p class=\"worksheet-note\">{} <a href=\"{root}my-answers.html\">{}</a>.</p>\n<p class=\"worksheet-status\" role=\"status\"></p>\n</div>\n",
        escape(strings.get("worksheet-note")),
        escape(strings.get("my-answers-title")),
    ));
    out
}

#[cfg(test)]
mod tests;
