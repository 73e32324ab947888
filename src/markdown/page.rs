//! One page's Markdown to HTML.
//!
//! Walks pulldown-cmark's events once and, on the way, gives every heading a
//! stable de-duplicated id and a self-link, rewrites relative `.md` links to
//! the `.html` output, records every link and image for the cross-page check,
//! turns GFM alerts into labelled admonitions, localises quotes, highlights
//! code blocks (the shared [`Transform`]), hands other modules' code blocks
//! (quizzes, worksheets) to their [`CodeBlockHook`], and collects the plain
//! text of each section, which the analysis after it (`crate::analysis`:
//! search keys, word count) reads. Spans in what it reports
//! point into the page file, so diagnostics show `PATH:LINE:COL`. It knows
//! nothing of quizzes, worksheets or templates: it is a function of the
//! page's text, its settings and the hooks.

use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};

use super::slug::Slugger;
use super::trainer::{self, MarkKind, TrainerPart};
use super::transform::{code_lang, Transform};
use super::{highlight, parser_options, Typography};
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, OffsetMap};

/// What a page needs besides its text.
pub struct PageInput<'a> {
    /// The page file.
    pub file: FileId,
    /// The page body, its includes expanded by the loader.
    pub text: &'a str,
    /// Turns offsets in `text` into offsets in the page file.
    pub map: &'a OffsetMap,
    /// Quote style.
    pub typography: Typography,
    /// Highlight code at build time.
    pub highlight: bool,
    /// The words the page's HTML shows (alert titles, ...).
    pub labels: &'a Labels,
}

/// The words of the interface a page's HTML holds, in the course language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// Title of a `> [!NOTE]` alert.
    pub note: String,
    /// Title of a `> [!TIP]` alert.
    pub tip: String,
    /// Title of a `> [!IMPORTANT]` alert.
    pub important: String,
    /// Title of a `> [!WARNING]` alert.
    pub warning: String,
    /// Title of a `> [!CAUTION]` alert.
    pub caution: String,
    /// What a ticked task list box says to a screen reader.
    pub task_done: String,
    /// What an unticked one says.
    pub task_todo: String,
    /// What the `#` link after a heading that holds a link says.
    pub section_link: String,
}

impl Labels {
    /// The labels from a lookup of the interface strings by key
    /// (`alert-note`, `task-done`, `section-link`, ...).
    pub fn from_strings(get: impl Fn(&str) -> String) -> Labels {
        Labels {
            note: get("alert-note"),
            tip: get("alert-tip"),
            important: get("alert-important"),
            warning: get("alert-warning"),
            caution: get("alert-caution"),
            task_done: get("task-done"),
            task_todo: get("task-todo"),
            section_link: get("section-link"),
        }
    }
}

/// A fenced code block another module may render (see [`CodeBlockHook`]).
pub struct CodeBlock<'b> {
    /// The info string after the fence (`quiz {#id}`).
    pub info: &'b str,
    /// Its first word (`quiz`).
    pub lang: &'b str,
    /// The text between the fences (without a list's or a quote's markers).
    pub text: &'b str,
    /// The file the opening fence is in: the page's, or a file it includes.
    pub file: FileId,
    /// Where `text` starts in that file.
    pub offset: usize,
    /// Where the opening fence is in that file.
    pub fence: usize,
    /// Whether a closing fence ends it (else it runs to the page's end).
    pub closed: bool,
    code: &'b PendingCode,
    map: &'b OffsetMap,
    page: FileId,
}

impl CodeBlock<'_> {
    /// Where `range` of [`CodeBlock::text`] is: the text is one run of its
    /// file only in the simplest case (in a list or a quote each line loses
    /// its indent or `> `, and an include may have put text in).
    pub fn locate(&self, range: Range<usize>) -> (FileId, Range<usize>) {
        let start = self.code.expanded_offset(range.start);
        let end = self.code.expanded_offset(range.end).max(start);
        self.map.locate_span(self.page, start..end)
    }

    /// Points the diagnostics a hook made for this block at their files: a
    /// hook gives a span in the text as [`CodeBlock::offset`] plus the
    /// offset in the text, and one before `offset` (the fence and its info
    /// string) as it is.
    pub fn relocate(&self, diags: &mut [Diagnostic]) {
        for d in diags {
            if let crate::diagnostics::Location::Span(file, span) = &mut d.location {
                if span.start >= self.offset {
                    (*file, *span) = self.locate(span.start - self.offset..span.end - self.offset);
                } else {
                    *file = self.file;
                }
            }
        }
    }
}

/// What a hook made of a code block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// Its HTML (empty when it has errors).
    pub html: String,
    /// Ids an anchor may point to.
    pub ids: Vec<String>,
    /// Text read as prose: found by search and counted in the reading time.
    pub prose: String,
    /// Text found by search only (not read as prose).
    pub search: String,
    /// Whether the HTML holds highlighted code.
    pub has_code: bool,
    /// When it is the page's quiz number `n`: the slides show it apart.
    pub quiz: Option<usize>,
}

/// Renders the code blocks of one language its own way (```` ```quiz ````
/// blocks by the `quiz` module, ```` ```worksheet ```` by `worksheet`), so
/// that Markdown need not know them. Links and images in a block a hook
/// takes are recorded for the link check when the block is closed.
pub trait CodeBlockHook {
    /// The block's rendering, or `None` when the hook does not take it.
    /// Problems go to `diags`, at offsets in the page file.
    fn code_block(&mut self, block: &CodeBlock<'_>, diags: &mut Vec<Diagnostic>) -> Option<Block>;
}

/// A heading of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The id it got.
    pub id: String,
    /// Its plain text.
    pub text: String,
}

/// A link or image destination found on the page, for the link check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The destination as written.
    pub dest: String,
    /// The file it is in: the page's, or one the page includes.
    pub file: FileId,
    /// Where it is in that file.
    pub span: Range<usize>,
    /// Whether it is an image.
    pub image: bool,
}

/// A part of the page between headings: its text is
/// [`Rendered::text`] from where the section before it ends to `end`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionText {
    /// Id of the heading that starts it (`None` before the first heading).
    pub id: Option<String>,
    /// Text of that heading.
    pub title: String,
    /// Where its text ends in [`Rendered::text`].
    pub end: usize,
}

/// A run of [`Rendered::text`] as the Markdown gave it (one text event,
/// a block's separating space, a quiz's prompts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Where it ends in the text (it starts where the one before ends).
    pub end: usize,
    /// Whether it is prose, read in the reading time; else it is there for
    /// search only (a quiz's prompts).
    pub prose: bool,
}

/// A page's Markdown rendered (without what the hooks keep).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// `{{#title}}`, else the first level-1 heading's text.
    pub title: Option<String>,
    /// Whether the HTML holds an `<h1>`.
    pub has_h1: bool,
    /// Every heading.
    pub headings: Vec<Heading>,
    /// Every id an anchor may point to (headings, footnotes, raw HTML ids, quizzes).
    pub ids: Vec<String>,
    /// Links and images to check.
    pub links: Vec<LinkRef>,
    /// The plain text of the page's sections, one after another (not of
    /// headings, code blocks, image descriptions or trainer notes).
    pub text: String,
    /// The runs of `text`, in order.
    pub runs: Vec<Run>,
    /// The sections, in order; the first one (before any heading) may be
    /// empty.
    pub sections: Vec<SectionText>,
    /// Whether the page has a highlighted code block (and so needs the
    /// highlighting stylesheet).
    pub has_code: bool,
    /// Notes, slides-only blocks and slide breaks: the trainer's edition
    /// only (never part of `html` or `text`).
    pub trainer: TrainerPart,
}

/// Renders one page body; code blocks go to the first of `hooks` that
/// takes them; problems go to `diags`. The sections' text is collected in
/// `text` (cleared first): a caller that renders many pages hands the
/// same buffer back each time, grown once rather than for every page.
pub fn render<'h>(
    input: &PageInput,
    hooks: &'h mut [&'h mut dyn CodeBlockHook],
    mut text: String,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    text.clear();
    let body = input.text;
    let mut walker = Walker {
        input,
        transform: Transform {
            typography: input.typography,
            highlight: input.highlight,
        },
        hooks,
        source: body,
        out: Vec::new(),
        page: Rendered {
            html: String::with_capacity(body.len() * 3 / 2),
            text,
            ..Rendered::default()
        },
        slugger: Slugger::default(),
        heading: None,
        code: None,
        image_alt: None,
        alerts: Vec::new(),
        section: (None, String::new()),
        in_code: false,
        depth: 0,
        marks: Vec::new(),
    };
    let parser = Parser::new_ext(body, parser_options(input.typography));
    for (event, range) in parser.into_offset_iter() {
        walker.event(event, range, diags);
    }
    walker.finish()
}

/// Whether a fenced code block's text (fences included) ends with a
/// closing fence of the same kind and at least the same length.
fn fence_is_closed(block: &str) -> bool {
    // Inside a list or a blockquote the lines carry their markers.
    fn strip(line: &str) -> &str {
        line.trim_start_matches([' ', '>', '\t'])
    }
    let mut lines = block.lines();
    let Some(first) = lines.next().map(strip) else {
        return false;
    };
    let Some(fence) = first.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return false;
    };
    let len = first.chars().take_while(|c| *c == fence).count();
    let Some(last) = lines.rfind(|l| !l.trim().is_empty()).map(strip) else {
        return false;
    };
    let run = last.chars().take_while(|c| *c == fence).count();
    run >= len && last[run * fence.len_utf8()..].trim().is_empty()
}

struct PendingHeading<'e> {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    events: Vec<Event<'e>>,
    text: String,
    has_link: bool,
    /// Its file and where it starts there.
    start: (FileId, usize),
}

struct PendingCode {
    info: String,
    text: String,
    /// Where each piece of `text` starts in it, with the range in the
    /// expanded body it came from. The text of a block is one run of the
    /// page only in the simplest case: in a list or a quote each line
    /// loses its indent or `> `, and text an include put in the block
    /// maps back to the directive. Offsets in `text` are mapped piece by
    /// piece ([`PendingCode::expanded_offset`]).
    pieces: Vec<(usize, Range<usize>)>,
    block_start: usize,
    /// Whether a closing fence ends it (else it runs to the page's end).
    closed: bool,
}

impl PendingCode {
    /// The offset in the expanded body of byte `pos` of `text`.
    fn expanded_offset(&self, pos: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(at, _)| *at <= pos)
            .saturating_sub(1);
        match self.pieces.get(i) {
            // Clamped to the piece: a tab that became spaces is longer in
            // `text` than in the page.
            Some((at, range)) => (range.start + pos.saturating_sub(*at)).min(range.end),
            None => self.block_start,
        }
    }
}

struct Walker<'a, 'h, 'e> {
    input: &'a PageInput<'a>,
    transform: Transform,
    hooks: &'h mut [&'h mut dyn CodeBlockHook],
    /// The expanded body being walked.
    source: &'e str,
    out: Vec<Event<'e>>,
    page: Rendered,
    slugger: Slugger,
    heading: Option<PendingHeading<'e>>,
    code: Option<PendingCode>,
    image_alt: Option<(String, (FileId, usize))>,
    alerts: Vec<bool>,
    /// The id and title of the section being walked.
    section: (Option<String>, String),
    in_code: bool,
    /// How deep in lists, block quotes and footnotes the walk is: slides
    /// break only between top-level blocks.
    depth: usize,
    /// The marks put into the HTML so far, in order (see [`trainer::resolve_marks`]).
    marks: Vec<MarkKind>,
}

impl<'e> Walker<'_, '_, 'e> {
    /// Maps an offset in the expanded body to its file and offset there.
    fn at(&self, offset: usize) -> (FileId, usize) {
        self.input.map.locate(self.input.file, offset)
    }

    fn event(&mut self, event: Event<'e>, range: Range<usize>, diags: &mut Vec<Diagnostic>) {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => {
                    code.pieces.push((code.text.len(), range));
                    code.text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => self.finish_code(diags),
                _ => {}
            }
            return;
        }
        match &event {
            Event::Start(Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::BlockQuote(_)) => {
                self.depth += 1
            }
            Event::End(TagEnd::List(_) | TagEnd::FootnoteDefinition | TagEnd::BlockQuote(_)) => {
                self.depth = self.depth.saturating_sub(1)
            }
            Event::Rule if self.depth == 0 => self.mark(MarkKind::Break),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.heading = Some(PendingHeading {
                    level,
                    id: id.map(|s| s.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    events: Vec::new(),
                    text: String::new(),
                    has_link: false,
                    start: self.at(range.start),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(diags),
            Event::Start(Tag::CodeBlock(kind)) => {
                let (info, closed) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let block = self.source.get(range.clone()).unwrap_or("");
                        (info.to_string(), fence_is_closed(block))
                    }
                    CodeBlockKind::Indented => (String::new(), true),
                };
                self.code = Some(PendingCode {
                    info,
                    text: String::new(),
                    pieces: Vec::new(),
                    block_start: range.start,
                    closed,
                });
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                self.alerts.push(kind.is_some());
                match kind {
                    Some(kind) => self.emit(Event::Html(self.alert_open(kind).into())),
                    None => self.emit(Event::Start(Tag::BlockQuote(None))),
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if self.alerts.pop().unwrap_or(false) {
                    self.emit(Event::Html("</div>\n".into()));
                } else {
                    self.emit(Event::End(TagEnd::BlockQuote(None)));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.link(&dest_url, link_type, &range, false);
                if let Some(h) = &mut self.heading {
                    h.has_link = true;
                }
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link(&dest_url, link_type, &range, true);
                self.image_alt = Some((String::new(), self.at(range.start)));
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, start)) = self.image_alt.take() {
                    if alt.trim().is_empty() {
                        diags.push(missing_alt(start));
                    }
                }
                self.emit(Event::End(TagEnd::Image));
            }
            Event::Text(text) => {
                let text = self.transform.text(text);
                self.note_text(&text);
                self.emit(Event::Text(text));
            }
            Event::Code(code) => {
                self.note_text(&code);
                self.emit(Event::Code(code));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.note_html_ids(&html);
                self.emit(Event::Html(html));
            }
            Event::FootnoteReference(label) => {
                self.emit(Event::FootnoteReference(label));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.page.ids.push(label.to_string());
                self.emit(Event::Start(Tag::FootnoteDefinition(label)));
            }
            Event::TaskListMarker(done) => {
                let labels = self.input.labels;
                let key = if done {
                    &labels.task_done
                } else {
                    &labels.task_todo
                };
                let mark = if done { "☑" } else { "☐" };
                let label = escape(key);
                self.emit(Event::Html(
                    format!("<span class=\"task-mark\" role=\"img\" aria-label=\"{label}\">{mark}</span> ")
                        .into(),
                ));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_text(" ");
                self.emit(event);
            }
            other => {
                // Blocks end in a space so search text never glues words together.
                if matches!(
                    other,
                    Event::End(
                        TagEnd::Paragraph
                            | TagEnd::Item
                            | TagEnd::TableCell
                            | TagEnd::DefinitionListTitle
                            | TagEnd::DefinitionListDefinition
                    )
                ) {
                    self.note_text(" ");
                }
                self.emit(other)
            }
        }
    }

    /// Puts a mark of the trainer's edition at this point of the HTML.
    fn mark(&mut self, kind: MarkKind) {
        self.marks.push(kind);
        self.out
            .push(Event::Html(trainer::PLACEHOLDER.to_string().into()));
    }

    fn emit(&mut self, event: Event<'e>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.out.push(event),
        }
    }

    fn note_text(&mut self, text: &str) {
        if let Some((alt, _)) = &mut self.image_alt {
            alt.push_str(text);
            return;
        }
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
            return;
        }
        if !self.in_code {
            self.push_text(text, true);
        }
    }

    /// Records the links and images of a block a hook rendered (a quiz)
    /// for the link check, and warns about images without alt text: the
    /// hook renders them itself, but a broken link in an explanation is as
    /// broken as one anywhere else.
    fn note_block_links(&mut self, code: &PendingCode, diags: &mut Vec<Diagnostic>) {
        let (map, page) = (self.input.map, self.input.file);
        let at = |pos: usize| map.locate(page, code.expanded_offset(pos));
        let parser = Parser::new_ext(&code.text, parser_options(self.input.typography));
        let mut alt: Option<(String, (FileId, usize))> = None;
        for (event, range) in parser.into_offset_iter() {
            match (&event, &mut alt) {
                (Event::Text(t) | Event::Code(t), Some((text, _))) => text.push_str(t),
                (Event::End(TagEnd::Image), Some((text, at))) => {
                    if text.trim().is_empty() {
                        diags.push(missing_alt(*at));
                    }
                    alt = None;
                }
                _ => {}
            }
            if let Event::Start(Tag::Image { .. }) = event {
                alt = Some((String::new(), at(range.start)));
            }
            let (dest, image) = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) if !matches!(link_type, LinkType::Email | LinkType::Autolink) => {
                    (dest_url, false)
                }
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                _ => continue,
            };
            let (file, start) = at(range.start);
            let end = match at(range.end) {
                (f, end) if f == file => end.max(start),
                _ => start,
            };
            self.page.links.push(LinkRef {
                dest: dest.to_string(),
                file,
                span: start..end,
                image,
            });
        }
    }

    fn note_html_ids(&mut self, html: &str) {
        let mut rest = html;
        while let Some(i) = rest.find("id=\"") {
            let after = &rest[i + 4..];
            let Some(end) = after.find('"') else { break };
            let preceded_ok = i == 0 || rest[..i].ends_with(char::is_whitespace);
            if preceded_ok {
                self.page.ids.push(after[..end].to_string());
            }
            rest = &after[end..];
        }
    }

    fn alert_open(&self, kind: BlockQuoteKind) -> String {
        let labels = self.input.labels;
        let (class, label) = match kind {
            BlockQuoteKind::Note => ("note", &labels.note),
            BlockQuoteKind::Tip => ("tip", &labels.tip),
            BlockQuoteKind::Important => ("important", &labels.important),
            BlockQuoteKind::Warning => ("warning", &labels.warning),
            BlockQuoteKind::Caution => ("caution", &labels.caution),
        };
        format!(
            "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
            escape(label)
        )
    }

    /// Records a link or image and returns the destination to write.
    fn link(
        &mut self,
        dest: &str,
        link_type: LinkType,
        range: &Range<usize>,
        image: bool,
    ) -> String {
        if matches!(link_type, LinkType::Email | LinkType::Autolink) {
            return dest.to_string();
        }
        let (file, span) = self.input.map.locate_span(self.input.file, range.clone());
        self.page.links.push(LinkRef {
            dest: dest.to_string(),
            file,
            span,
            image,
        });
        if image {
            dest.to_string()
        } else {
            self.transform.link(&dest.into()).into_string()
        }
    }

    fn finish_heading(&mut self, diags: &mut Vec<Diagnostic>) {
        let Some(h) = self.heading.take() else { return };
        let id = match h.id {
            Some(id) => {
                if !self.slugger.claim(&id) {
                    diags.push(Diagnostic::error(
                        h.start.0,
                        h.start.1..h.start.1 + 1,
                        format!("the id `{id}` is used twice on this page"),
                    ));
                }
                id
            }
            None => self.slugger.slug(&h.text),
        };
        let level = h.level as u8;
        let text = h.text.trim().to_string();
        if level == 1 {
            if self.page.has_h1 {
                diags.push(
                    Diagnostic::warning(
                        h.start.0,
                        h.start.1..h.start.1 + 1,
                        "the page has more than one level-1 heading",
                    )
                    .with_note("a page has one `#` title; use `##` for its sections"),
                );
            }
            self.page.has_h1 = true;
            self.page.title.get_or_insert_with(|| text.clone());
        }
        self.start_section(Some(id.clone()), text.clone());
        self.page.ids.push(id.clone());
        self.page.headings.push(Heading {
            level,
            id: id.clone(),
            text,
        });

        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, h.events.into_iter());
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(&h.classes.join(" ")))
        };
        let id = escape(&id);
        if level == 2 && self.depth == 0 {
            let skip = h.classes.iter().any(|c| c == "slides-skip");
            self.mark(MarkKind::Section { skip });
        }
        let html = if h.has_link {
            format!(
                "<h{level} id=\"{id}\"{class}>{inner} <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"{}\">#</a></h{level}>\n",
                escape(&self.input.labels.section_link)
            )
        } else {
            format!("<h{level} id=\"{id}\"{class}><a class=\"heading-link\" href=\"#{id}\">{inner}</a></h{level}>\n")
        };
        self.out.push(Event::Html(html.into()));
    }

    fn start_section(&mut self, id: Option<String>, title: String) {
        let (id, title) = std::mem::replace(&mut self.section, (id, title));
        self.page.sections.push(SectionText {
            id,
            title,
            end: self.page.text.len(),
        });
    }

    /// Adds a run to the sections' text.
    fn push_text(&mut self, text: &str, prose: bool) {
        self.page.text.push_str(text);
        self.page.runs.push(Run {
            end: self.page.text.len(),
            prose,
        });
    }

    fn finish_code(&mut self, diags: &mut Vec<Diagnostic>) {
        let Some(code) = self.code.take() else { return };
        let lang = code_lang(&code.info).to_string();
        if lang == "notes" || lang == "slides" {
            if !code.closed {
                // Everything after it would vanish from the participants' page.
                let (file, at) = self.at(code.block_start);
                diags.push(
                    Diagnostic::error(
                        file,
                        at..at + 3,
                        format!("this {lang} block is never closed, so it takes in the rest of the page"),
                    )
                    .with_note(format!(
                        "end the {lang} block with a line of three backticks (```)"
                    )),
                );
            }
            let html = trainer::block_html(&code.text, self.input.typography);
            let t = &mut self.page.trainer;
            let kind = if lang == "notes" {
                t.notes.push(html);
                MarkKind::Note(t.notes.len() - 1)
            } else {
                t.slides_only.push(html);
                MarkKind::SlidesOnly(t.slides_only.len() - 1)
            };
            self.mark(kind);
            return;
        }
        let start = code.pieces.first().map_or(code.block_start, |p| p.1.start);
        let (file, fence) = self.at(code.block_start);
        let block = CodeBlock {
            info: &code.info,
            lang: &lang,
            text: &code.text,
            file,
            offset: self.at(start).1,
            fence,
            closed: code.closed,
            code: &code,
            map: self.input.map,
            page: self.input.file,
        };
        let taken = self
            .hooks
            .iter_mut()
            .find_map(|hook| hook.code_block(&block, diags));
        let html = if let Some(block) = taken {
            if code.closed {
                self.note_block_links(&code, diags);
            }
            self.page.has_code |= block.has_code;
            self.page.ids.extend(block.ids);
            if !block.prose.is_empty() {
                self.note_text(&block.prose);
            }
            if !block.search.is_empty() {
                self.push_text(&block.search, false);
            }
            if let (Some(n), 0) = (block.quiz, self.depth) {
                self.mark(MarkKind::QuizStart(n));
                self.out.push(Event::Html(block.html.into()));
                self.mark(MarkKind::QuizEnd);
                return;
            }
            block.html
        } else {
            if self.input.highlight && !highlight::knows(&lang) {
                let (file, at) = self.at(code.block_start);
                let mut d = Diagnostic::warning(
                    file,
                    at..at + 3,
                    format!(
                        "no syntax highlighting is known for `{lang}`; the code is shown plain"
                    ),
                );
                if let Some(near) = highlight::nearest_language(&lang) {
                    d = d.with_note(format!("did you mean `{near}`?"));
                }
                diags.push(d);
            }
            self.page.has_code |= self.input.highlight && !lang.is_empty();
            self.transform.code_block(&lang, &code.text)
        };
        self.out.push(Event::Html(html.into()));
    }

    fn finish(mut self) -> Rendered {
        self.start_section(None, String::new());
        pulldown_cmark::html::push_html(&mut self.page.html, self.out.into_iter());
        self.page.trainer.marks = trainer::resolve_marks(&mut self.page.html, self.marks);
        // Every page's HTML is held until the print view is written.
        self.page.html.shrink_to_fit();
        self.page
    }
}

/// The warning for an image without alt text at byte `start`.
fn missing_alt((file, start): (FileId, usize)) -> Diagnostic {
    Diagnostic::warning(file, start..start + 2, "image has no alt text")
        .with_note("describe the image between the brackets: ![what it shows](file.png)")
}

/// Rewrites a relative link to a Markdown page into a link to its HTML
/// output; other links are returned unchanged.
pub fn rewrite_md_link(dest: &str) -> String {
    if !is_relative(dest) {
        return dest.to_string();
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let (path, query) = match path.find('?') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    if path.ends_with(".md") || path.ends_with(".markdown") {
        format!("{}{query}{fragment}", crate::paths::output_path_of(path))
    } else if path.ends_with('/') {
        // A folder works on a web server, which serves its index.html, but
        // not opened from disk: link to the page itself.
        format!("{path}index.html{query}{fragment}")
    } else {
        dest.to_string()
    }
}

/// Whether a destination is a relative path within the site (not a URL
/// with a scheme, not protocol-relative, not absolute, not only a fragment).
pub fn is_relative(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') {
        return false;
    }
    let scheme_end = dest.find(':');
    let path_char = dest.find(['/', '?', '#']);
    match (scheme_end, path_char) {
        (Some(c), Some(p)) => c > p,
        (Some(_), None) => false,
        _ => true,
    }
}

/// Escapes text for an HTML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;
    use std::collections::BTreeMap;

    fn render_text(text: &str, language: &str) -> (Rendered, Vec<String>) {
        let mut sources = Sources::default();
        let file = sources.add("src/a.md", text);
        let strings = crate::i18n::Strings::new(language, &BTreeMap::new());
        let labels = Labels::from_strings(|key| strings.get(key).to_owned());
        let map = OffsetMap::default();
        let input = PageInput {
            file,
            text,
            map: &map,
            typography: Typography::for_language(language),
            highlight: true,
            labels: &labels,
        };
        let mut diags = Vec::new();
        let page = render(&input, &mut [], String::new(), &mut diags);
        (page, diags.iter().map(|d| d.one_line(&sources)).collect())
    }

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let (page, _) = render_text("# Title\n\n## Same\n\n## Same\n", "en");
        assert_eq!(page.title.as_deref(), Some("Title"));
        assert!(page.has_h1);
        assert!(page.html.contains(
            "<h2 id=\"same-1\"><a class=\"heading-link\" href=\"#same-1\">Same</a></h2>"
        ));
        assert_eq!(page.ids, vec!["title", "same", "same-1"]);
    }

    #[test]
    fn notes_stay_out_of_the_page_and_an_unclosed_block_is_an_error() {
        let (page, diags) = render_text("# A\n\nText.\n\n```notes\nSECRET\n```\n", "en");
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!page.html.contains("SECRET") && !page.html.contains('\0'));
        assert_eq!(page.text.trim(), "Text.", "only \"Text.\" is prose");
        assert!(page.trainer.notes[0].contains("SECRET"));
        let (page, diags) = render_text("# A\n\n```notes\nSECRET\n\nMore.\n", "en");
        assert!(!page.html.contains("SECRET"));
        assert_eq!(
            diags,
            vec!["error: src/a.md:3:1: this notes block is never closed, so it takes in the rest of the page"]
        );
    }

    #[test]
    fn finnish_course_gets_finnish_quotes() {
        let (page, _) = render_text("Hän sanoi \"moi\" ja 'hei'.\n", "fi");
        assert!(page.html.contains("”moi”"), "{}", page.html);
        assert!(page.html.contains("’hei’"), "{}", page.html);
        assert!(!page.html.contains('“'));
    }

    #[test]
    fn alerts_are_labelled_admonitions() {
        let (page, _) = render_text("> [!TIP]\n> Do this.\n", "fi");
        assert!(page
            .html
            .contains("<div class=\"alert alert-tip\" role=\"note\">"));
        assert!(
            page.html.contains("<p class=\"alert-title\">Vinkki</p>"),
            "{}",
            page.html
        );
    }

    #[test]
    fn md_links_are_rewritten_and_recorded_with_spans() {
        let (page, _) = render_text(
            "x\n\nSee [b](dir/README.md#part) and [w](https://x.fi/a.md).\n",
            "en",
        );
        assert!(page.html.contains("href=\"dir/index.html#part\""));
        assert!(page.html.contains("href=\"https://x.fi/a.md\""));
        assert_eq!(page.links[0].dest, "dir/README.md#part");
        assert_eq!(page.links[0].span.start, 7);
    }

    #[test]
    fn image_without_alt_is_a_warning_at_its_line() {
        let (_, diags) = render_text("# A\n\n![](x.png)\n", "en");
        assert_eq!(diags, vec!["warning: src/a.md:3:1: image has no alt text"]);
    }

    #[test]
    fn section_text_keeps_blocks_apart() {
        let (page, _) = render_text(
            "Intro.\n\n# T\n\nOne two.\n\n| a | b |\n|---|---|\n| c | d |\n",
            "en",
        );
        assert_eq!(page.sections.len(), 2);
        assert_eq!(page.sections[0].id, None);
        assert_eq!(&page.text[..page.sections[0].end], "Intro. ");
        assert_eq!(page.sections[1].id.as_deref(), Some("t"));
        assert_eq!(page.sections[1].title, "T");
        let text = &page.text[page.sections[0].end..page.sections[1].end];
        assert!(text.contains("two. "), "{text:?}");
        assert!(text.contains("a b") || text.contains("a  b"), "{text:?}");
        // The runs cover the text, as the Markdown gave it.
        assert_eq!(page.runs.last().unwrap().end, page.text.len());
        assert!(page.runs.iter().all(|r| r.prose));
    }

    /// A hook that takes ```` ```shout ```` blocks.
    struct Shout;

    impl CodeBlockHook for Shout {
        fn code_block(
            &mut self,
            block: &CodeBlock<'_>,
            diags: &mut Vec<Diagnostic>,
        ) -> Option<Block> {
            if block.lang != "shout" {
                return None;
            }
            if let Some(at) = block.text.find('!') {
                let (file, span) = block.locate(at..at + 1);
                diags.push(Diagnostic::error(file, span, "no bangs"));
            }
            Some(Block {
                html: format!("<p>{}</p>", block.text.trim().to_uppercase()),
                ids: vec!["loud".into()],
                prose: "said loudly".into(),
                search: " hidden ".into(),
                has_code: false,
                quiz: None,
            })
        }
    }

    #[test]
    fn hooks_render_their_blocks_with_links_recorded_and_spans_in_the_page() {
        let text = "# T\n\n> ```shout\n> hey [x](a.md)!\n> ```\n\n```rust\nfn x() {}\n```\n";
        let mut sources = Sources::default();
        let file = sources.add("src/a.md", text);
        let labels = Labels::default();
        let map = OffsetMap::default();
        let input = PageInput {
            file,
            text,
            map: &map,
            typography: Typography::English,
            highlight: false,
            labels: &labels,
        };
        let mut diags = Vec::new();
        let page = render(&input, &mut [&mut Shout], String::new(), &mut diags);
        assert!(page.html.contains("<p>HEY [X](A.MD)!</p>"), "{}", page.html);
        // Other blocks are left to Markdown.
        assert!(page.html.contains("language-rust"), "{}", page.html);
        let lines: Vec<_> = diags.iter().map(|d| d.one_line(&sources)).collect();
        assert_eq!(lines, ["error: src/a.md:4:16: no bangs"]);
        assert_eq!(page.links[0].dest, "a.md");
        assert_eq!(&text[page.links[0].span.clone()], "[x](a.md)");
        assert_eq!(page.ids, ["t", "loud"]);
        // Its prose is read; its search text is searched, not read.
        let runs: Vec<_> = page
            .runs
            .iter()
            .scan(0, |start, r| {
                let run = (&page.text[*start..r.end], r.prose);
                *start = r.end;
                Some(run)
            })
            .collect();
        assert_eq!(runs, [("said loudly", true), (" hidden ", false)]);
    }

    #[test]
    fn relative_destinations() {
        assert!(is_relative("a/b.md") && is_relative("../x.png") && is_relative("dir/a:b.md"));
        assert!(!is_relative("a:b/c"));
        assert!(!is_relative("https://x") && !is_relative("/abs") && !is_relative("#f"));
        assert!(!is_relative("mailto:a@b.fi"));
        assert_eq!(rewrite_md_link("a.md?x=1#y"), "a.html?x=1#y");
        assert_eq!(rewrite_md_link("../01-m/"), "../01-m/index.html");
        assert_eq!(rewrite_md_link("../01-m/#top"), "../01-m/index.html#top");
    }
}
