//! `SUMMARY.md`: mdBook's table of contents syntax, parsed the way mdBook
//! parses it (an optional `# Summary` title, prefix chapters, `# Part`
//! titles between numbered lists, nested numbered chapters, draft chapters
//! `[Title]()`, `---` separators and suffix chapters), but with every entry
//! keeping its span, and every problem collected instead of stopping at the
//! first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Ctx;
use crate::diagnostics::Diagnostic;
use crate::model::{Chapter, TocItem};
use crate::source::FileId;

/// One entry of `SUMMARY.md` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// `# Part title`.
    Part(String),
    /// `---`.
    Separator,
    /// `[Title](file.md)`, possibly with sub-chapters.
    Link(Link),
}

/// A chapter link of `SUMMARY.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// The link text.
    pub title: String,
    /// The link destination as written; empty for a draft chapter.
    pub dest: String,
    /// Where the link is in `SUMMARY.md`.
    pub span: Range<usize>,
    /// Section number of a numbered chapter.
    pub number: Option<Vec<u32>>,
    /// Sub-chapters.
    pub children: Vec<Entry>,
}

/// Builds the table of contents from `SUMMARY.md` and loads the pages it
/// lists, in order. `markdown` is every Markdown file under the source
/// folder: those not listed are warned about and not built.
pub(super) fn load(ctx: &mut Ctx<'_>, markdown: &[String]) -> Vec<TocItem> {
    let Some(Some(file)) = ctx.read_files(&["SUMMARY.md".to_owned()]).pop() else {
        return Vec::new();
    };
    let text = ctx.sources.get(file).text.clone();
    let entries = parse(&text, file, ctx.diags);

    // First pass: check every destination, so that all pages can be read at once.
    let existing: HashSet<&str> = markdown.iter().map(String::as_str).collect();
    let mut resolver = Resolver {
        ctx,
        file,
        existing,
        first_listed: HashMap::new(),
        order: Vec::new(),
        meant: HashSet::new(),
    };
    let targets = resolver.resolve_all(&entries);
    let order = std::mem::take(&mut resolver.order);
    let listed = std::mem::take(&mut resolver.first_listed);
    let meant = std::mem::take(&mut resolver.meant);

    let loaded = ctx.load_pages(&order);
    let mut loaded: HashMap<String, _> = order.into_iter().zip(loaded).collect();
    let mut targets = targets.into_iter();
    let toc = build(ctx, file, &entries, &mut targets, &mut loaded);

    for rel in markdown {
        if !listed.contains_key(rel) && !meant.contains(rel) {
            ctx.diags.push(
                Diagnostic::path_warning(ctx.shown(rel), "not listed in SUMMARY.md, so it is not built")
                    .with_note("add it to SUMMARY.md as `- [Its title](path/to/page.md)`, or move it out of the source folder if it is not a page"),
            );
        }
    }
    toc
}

/// Turns entries into table of contents items, adding each listed page in
/// order. `targets` gives, link by link depth first, the page file to build.
fn build(
    ctx: &mut Ctx<'_>,
    file: FileId,
    entries: &[Entry],
    targets: &mut impl Iterator<Item = Option<String>>,
    loaded: &mut HashMap<String, Option<super::Loaded>>,
) -> Vec<TocItem> {
    entries
        .iter()
        .map(|entry| match entry {
            Entry::Part(title) => TocItem::PartTitle(title.clone()),
            Entry::Separator => TocItem::Separator,
            Entry::Link(link) => {
                let target = targets.next().flatten();
                let page = target.and_then(|rel| {
                    let page = loaded.remove(&rel).flatten()?;
                    if page.front.draft {
                        return None;
                    }
                    let at = Some((file, link.span.clone()));
                    ctx.add_page(page, &rel, Some(link.title.clone()), at)
                });
                TocItem::Chapter(Chapter {
                    title: link.title.clone(),
                    page,
                    number: link.number.clone(),
                    children: build(ctx, file, &link.children, targets, loaded),
                })
            }
        })
        .collect()
}

/// Checks link destinations and finds the files they name.
struct Resolver<'c, 'd> {
    ctx: &'c mut Ctx<'d>,
    file: FileId,
    /// Markdown files found under the source folder.
    existing: HashSet<&'c str>,
    /// Each listed file, with the span of its first listing.
    first_listed: HashMap<String, Range<usize>>,
    /// Listed files in order, each once.
    order: Vec<String>,
    /// Files that a misspelt entry surely meant (its "did you mean"): not
    /// warned about as unlisted too, which would only repeat the cause.
    meant: HashSet<String>,
}

impl Resolver<'_, '_> {
    /// The file of each link, depth first; `None` for a draft or a bad link.
    fn resolve_all(&mut self, entries: &[Entry]) -> Vec<Option<String>> {
        let mut out = Vec::new();
        self.walk(entries, &mut out);
        out
    }

    fn walk(&mut self, entries: &[Entry], out: &mut Vec<Option<String>>) {
        for entry in entries {
            if let Entry::Link(link) = entry {
                let target = self.resolve(link);
                out.push(target);
                self.walk(&link.children, out);
            }
        }
    }

    fn resolve(&mut self, link: &Link) -> Option<String> {
        if link.dest.is_empty() {
            return None;
        }
        let rel = match normalize_dest(&link.dest) {
            Ok(rel) => rel,
            Err(message) => {
                self.error(
                    link,
                    message,
                    "link each entry to a Markdown page inside the source folder, by its path from SUMMARY.md: `- [Title](01-module/page.md)`",
                );
                return None;
            }
        };
        if let Some(first) = self.first_listed.get(&rel) {
            let (line, _) = self.ctx.sources.get(self.file).line_col(first.start);
            self.error(
                link,
                format!("`{rel}` is already listed on line {line}"),
                "a page is built once: remove one of the two entries (link to the page from another page instead)",
            );
            return None;
        }
        let path = self.ctx.src_dir.join(&rel);
        if !self.existing.contains(rel.as_str()) && !path.is_file() {
            if path.is_dir() {
                let message =
                    format!("`{rel}` is a folder; list a Markdown file such as `{rel}/README.md`");
                self.error(link, message, "");
                return None;
            }
            let message = format!("`{}` does not exist", self.ctx.shown(&rel));
            let near =
                crate::suggest::nearest(&rel, self.existing.iter().copied()).map(str::to_owned);
            let mut d = Diagnostic::error(self.file, link.span.clone(), message);
            if let Some(near) = near {
                d = d.with_note(format!(
                    "did you mean `{}`? (it is not built until SUMMARY.md lists it)",
                    self.ctx.shown(&near)
                ));
                self.meant.insert(near);
            } else {
                d = d.with_note(
                    "create the page, or correct the path: it is relative to SUMMARY.md",
                );
            }
            self.ctx.diags.push(d);
            return None;
        }
        self.first_listed.insert(rel.clone(), link.span.clone());
        self.order.push(rel.clone());
        Some(rel)
    }

    fn error(&mut self, link: &Link, message: String, fix: &str) {
        let mut d = Diagnostic::error(self.file, link.span.clone(), message);
        if !fix.is_empty() {
            d = d.with_note(fix);
        }
        self.ctx.diags.push(d);
    }
}

/// A link destination as a `/`-separated path under the source folder:
/// percent-decoded, without `./`, `#fragment` or `?query`.
fn normalize_dest(dest: &str) -> Result<String, String> {
    let not_a_page = || format!("`{dest}` is not a Markdown file in the source folder");
    if dest.contains("://") || dest.starts_with("mailto:") {
        return Err(not_a_page());
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| not_a_page())?;
    if path.starts_with(['/', '\\']) {
        return Err(format!("`{dest}` must be a path relative to SUMMARY.md"));
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{dest}` is outside the source folder"));
                }
            }
            p => parts.push(p),
        }
    }
    let rel = parts.join("/");
    if !super::is_markdown(&rel) {
        return Err(not_a_page());
    }
    Ok(rel)
}

/// Parses `SUMMARY.md` text into entries, pushing errors at their spans.
pub(super) fn parse(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    // Offsets stay those of the file, also past a byte order mark.
    let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = SummaryParser {
        events: Parser::new_ext(&text[skip..], Options::empty())
            .into_offset_iter()
            .map(|(e, r)| (e, r.start + skip..r.end + skip))
            .collect(),
        pos: 0,
        file,
        diags,
    };
    p.title();
    let mut entries = p.affix(true);
    entries.extend(p.parts());
    entries.extend(p.affix(false));
    entries
}

type Spanned<'t> = (Event<'t>, Range<usize>);

struct SummaryParser<'t, 'd> {
    events: Vec<Spanned<'t>>,
    pos: usize,
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

fn is_h1(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })
    )
}

impl<'t> SummaryParser<'t, '_> {
    fn next(&mut self) -> Option<Spanned<'t>> {
        let e = self.events.get(self.pos).cloned();
        self.pos += 1;
        e
    }

    /// Steps back over the event just read.
    fn back(&mut self) {
        self.pos -= 1;
    }

    /// Skips the optional `# Summary` title (HTML comments may precede it).
    fn title(&mut self) {
        while let Some((event, _)) = self.next() {
            match event {
                Event::Html(_) | Event::InlineHtml(_) => {}
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                e if is_h1(&e) => {
                    self.text_until_end();
                    return;
                }
                _ => {
                    self.back();
                    return;
                }
            }
        }
    }

    /// Prefix chapters (before the first list) or suffix chapters (after the last).
    fn affix(&mut self, prefix: bool) -> Vec<Entry> {
        let mut entries = Vec::new();
        while let Some((event, span)) = self.next() {
            match event {
                Event::Start(Tag::List(_))
                | Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }) => {
                    if prefix {
                        self.back();
                        break;
                    }
                    self.error(
                        span,
                        "a numbered list or part title cannot follow the suffix chapters",
                    );
                    self.text_until_end();
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    entries.push(Entry::Link(self.link(dest_url.to_string(), span)));
                }
                Event::Rule => entries.push(Entry::Separator),
                _ => {}
            }
        }
        entries
    }

    /// Part titles and numbered chapters, numbered on across parts.
    fn parts(&mut self) -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut root_items = 0;
        while let Some((event, _)) = self.next() {
            let title = match event {
                Event::Start(Tag::Paragraph) => {
                    self.back();
                    break;
                }
                e if is_h1(&e) => Some(self.text_until_end()),
                _ => {
                    self.back();
                    None
                }
            };
            let numbered = self.numbered(&mut root_items);
            entries.extend(title.map(Entry::Part));
            entries.extend(numbered);
        }
        entries
    }

    /// The lists (and separators) of one part.
    fn numbered(&mut self, root_items: &mut u32) -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut first = true;
        while let Some((event, _)) = self.next() {
            match event {
                // A paragraph right after a part title is skipped, as in
                // mdBook; any later one starts the suffix chapters.
                Event::Start(Tag::Paragraph) if first => {}
                Event::Start(Tag::Paragraph) => {
                    self.back();
                    break;
                }
                e if is_h1(&e) => {
                    self.back();
                    break;
                }
                Event::Start(Tag::List(_)) => {
                    self.back();
                    let mut items = self.nested(&[]);
                    renumber(&mut items, *root_items);
                    *root_items += items.len() as u32;
                    entries.extend(items);
                }
                Event::Start(_) => {
                    self.text_until_end();
                }
                Event::Rule => entries.push(Entry::Separator),
                _ => {}
            }
            first = false;
        }
        entries
    }

    /// The items of one list, numbered under `parent`.
    fn nested(&mut self, parent: &[u32]) -> Vec<Entry> {
        let mut items: Vec<Entry> = Vec::new();
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(Tag::Item) => {
                    if let Some(link) = self.item(parent, items.len()) {
                        items.push(Entry::Link(link));
                    }
                }
                Event::Start(Tag::List(_)) => {
                    // A list with no item before it is read as part of this one, as in mdBook.
                    if let Some(Entry::Link(last)) = items.last_mut() {
                        let number = last.number.clone().unwrap_or_default();
                        last.children = self.nested(&number);
                    }
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        items
    }

    /// One list item, which must be a link. A bad item is reported and
    /// skipped with everything inside it.
    fn item(&mut self, parent: &[u32], existing: usize) -> Option<Link> {
        let mut depth = 1;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::Start(Tag::Paragraph) => depth += 1,
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let mut link = self.link(dest_url.to_string(), span);
                    let mut number = parent.to_vec();
                    number.push(existing as u32 + 1);
                    link.number = Some(number);
                    return Some(link);
                }
                event => {
                    self.error(
                        span,
                        "each list item in SUMMARY.md must be a link: `- [Title](file.md)`, or `- [Title]()` for a draft",
                    );
                    depth += depth_change(&event);
                    while depth > 0 {
                        let (event, _) = self.next()?;
                        depth += depth_change(&event);
                    }
                    return None;
                }
            }
        }
    }

    /// Reads a link's text up to its end.
    fn link(&mut self, dest: String, span: Range<usize>) -> Link {
        let title = self.text_until_end();
        Link {
            title,
            dest,
            span,
            number: None,
            children: Vec::new(),
        }
    }

    /// The plain text of the element whose start was just read, consuming
    /// it to its end (mdBook's `stringify_events`).
    fn text_until_end(&mut self) -> String {
        self.back();
        let mut depth = 0;
        let mut text = String::new();
        while let Some((event, _)) = self.next() {
            depth += depth_change(&event);
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            if depth <= 0 {
                break;
            }
        }
        text
    }

    fn error(&mut self, span: Range<usize>, message: &str) {
        self.diags.push(Diagnostic::error(self.file, span, message));
    }
}

fn depth_change(event: &Event<'_>) -> i32 {
    match event {
        Event::Start(_) => 1,
        Event::End(_) => -1,
        _ => 0,
    }
}

/// Continues top-level numbers across lists split by separators or parts.
fn renumber(entries: &mut [Entry], by: u32) {
    for entry in entries {
        if let Entry::Link(link) = entry {
            if let Some(first) = link.number.as_mut().and_then(|n| n.first_mut()) {
                *first += by;
            }
            renumber(&mut link.children, by);
        }
    }
}

#[cfg(test)]
mod tests;
