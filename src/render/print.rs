//! The print view: every page's HTML in course order on one page. Ids are
//! prefixed per page so they stay unique, links between pages become links
//! to the page's place in the print view, and relative file URLs are rebased
//! from the page's folder to the site root.

use std::collections::HashMap;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::check::resolve;
use crate::model::{PageId, TocItem};
use crate::site::Site;

/// Moves every heading one level down (`<h1>` to `<h2>`, ..., `<h6>` stays),
/// so the course title is the only `<h1>` of the print view.
#[cfg(test)]
fn demote_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    push_demoted(&mut out, html);
    out
}

/// Appends `html` with its headings one level down.
fn push_demoted(out: &mut String, html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let (slash, level_at) = if tag.starts_with("</h") {
            ("/", 3)
        } else {
            ("", 2)
        };
        let level = tag.as_bytes().get(level_at).copied();
        let is_heading = tag.as_bytes().get(level_at - 1) == Some(&b'h')
            && matches!(level, Some(b'1'..=b'5'))
            && matches!(tag.as_bytes().get(level_at + 1), Some(b'>' | b' '));
        if let (true, Some(level)) = (is_heading, level) {
            out.push('<');
            out.push_str(slash);
            out.push('h');
            out.push(char::from(level + 1));
            rest = &tag[level_at + 1..];
        } else {
            out.push('<');
            rest = &tag[1..];
        }
    }
    out.push_str(rest);
}

/// One page in the print view.
#[derive(Debug, Serialize)]
pub struct PrintPage {
    /// Page title.
    pub title: String,
    /// Output path of the page.
    pub path: String,
    /// Id of the page's place in the print view.
    pub anchor: String,
    /// Rebased HTML.
    pub content: String,
    /// `home`, `module` (a top-level chapter, which starts a new sheet) or `page`.
    pub kind: &'static str,
    /// Whether the HTML holds its own `<h1>`.
    pub has_h1: bool,
    /// Section number or empty.
    pub number: String,
    /// Depth in the table of contents, 2 for a top-level chapter.
    pub depth: usize,
}

/// Every page of the table of contents for `print.html`. The views carry a
/// placeholder instead of the page's HTML, which [`write_filled`] puts in
/// after rendering: handing the whole course's HTML to the template engine
/// would copy it several times over.
pub fn pages(site: &Site) -> Vec<PrintPage> {
    let top_level: std::collections::HashSet<PageId> = site
        .course
        .toc
        .iter()
        .filter_map(|item| match item {
            TocItem::Chapter(c) => c.page,
            _ => None,
        })
        .collect();
    site.toc_index
        .order()
        .iter()
        .enumerate()
        .map(|(n, &i)| (n, i, &site.course.pages[i]))
        .map(|(n, i, p)| PrintPage {
            title: p.title.clone(),
            path: p.output_path.clone(),
            anchor: anchor(i),
            content: placeholder(n),
            kind: if p.output_path == "index.html" {
                "home"
            } else if top_level.contains(&i) {
                "module"
            } else {
                "page"
            },
            has_h1: p.rendered.has_h1,
            number: super::nav::number_label(site.chapter_of(i).and_then(|c| c.number.as_deref())),
            depth: site.toc_index.depth(i) + 1,
        })
        .collect()
}

fn placeholder(n: usize) -> String {
    format!("<!--kurssi-print-body-{n}-->")
}

/// Pages rebased at once: enough to keep both cores busy, few enough that
/// the print view is never held twice in memory.
const CHUNK: usize = 256;

/// Writes the print view: the rendered `shell` with each placeholder
/// replaced by its page's rebased HTML, a chunk of pages at a time, so
/// `build` can stream a large course's print view to disk without ever
/// holding it whole.
pub fn write_filled(shell: &str, site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let by_output: HashMap<&str, PageId> = site
        .course
        .pages
        .with_ids()
        .map(|(i, p)| (p.output_path.as_str(), i))
        .collect();
    let order = site.toc_index.order();
    let mut chunk: Vec<String> = Vec::new();
    let mut chunk_start = 0;
    let mut rest = shell;
    let marker = "<!--kurssi-print-body-";
    while let Some(at) = rest.find(marker) {
        out.write_all(&rest.as_bytes()[..at])?;
        let after = &rest[at + marker.len()..];
        let Some(end) = after.find("-->") else { break };
        let n = after[..end]
            .parse::<usize>()
            .ok()
            .filter(|&n| n < order.len());
        match n {
            Some(n) => {
                if n < chunk_start || n >= chunk_start + chunk.len() {
                    chunk_start = n;
                    chunk = order[n..(n + CHUNK).min(order.len())]
                        .par_iter()
                        .map(|&i| {
                            let p = &site.course.pages[i];
                            let html = site.html(i).map_err(|d| io::Error::other(d.message))?;
                            Ok(rebase(&html, i, &p.output_path, &by_output))
                        })
                        .collect::<io::Result<_>>()?;
                }
                out.write_all(chunk[n - chunk_start].as_bytes())?;
            }
            None => out.write_all(&rest.as_bytes()[at..at + marker.len() + end + 3])?,
        }
        rest = &after[end + 3..];
    }
    out.write_all(rest.as_bytes())
}

fn anchor(page: PageId) -> String {
    let mut out = String::new();
    push_anchor(&mut out, page);
    out
}

/// Appends the id of a page's place in the print view, which also prefixes
/// the ids inside it.
fn push_anchor(out: &mut String, page: PageId) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(out, "p{}", page.index());
}

/// Attributes holding a URL, rebased from the page's folder.
const LINK_ATTRS: &[&str] = &["href", "src"];

/// Attributes holding ids, prefixed with the page's anchor.
const ID_ATTRS: &[&str] = &[
    "id",
    "for",
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "list",
];

/// Rewrites one page's HTML for the print view, in one pass: ids prefixed,
/// links rebased, headings one level down. Only the tags that need it are
/// rewritten; text and the many tags of highlighted code (`<span
/// class="…">`) are copied as they are.
pub fn rebase(html: &str, page: PageId, path: &str, by_output: &HashMap<&str, PageId>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let bytes = html.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'<' {
            at = next_tag(bytes, at + 1);
            continue;
        }
        let start = at;
        // Most tags of a page with code are the highlighter's spans, which
        // carry only a class: step over them without a closer look.
        if let Some(len) = plain_span_len(&bytes[start..]) {
            at = start + len;
            continue;
        }
        let end = tag_end(bytes, start);
        let tag = &html[start..end];
        if is_heading_tag(tag) || has_rewritten_attribute(tag) {
            out.push_str(&html[copied..start]);
            rewrite_tag(&mut out, tag, page, path, by_output);
            copied = end;
        }
        at = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Where the next `<` at or after `from` is, or the end. Highlighted code
/// has a tag every few bytes, where a search call per tag costs more than
/// looking at the bytes one by one; prose runs for hundreds of bytes between
/// tags, where `memchr` does 8 or more at a time. So a few bytes are looked
/// at one by one before the search.
fn next_tag(bytes: &[u8], from: usize) -> usize {
    const BYTEWISE: usize = 16;
    let near = bytes.len().min(from + BYTEWISE);
    if let Some(i) = bytes[from..near].iter().position(|&b| b == b'<') {
        return from + i;
    }
    memchr::memchr(b'<', &bytes[near..]).map_or(bytes.len(), |i| near + i)
}

/// The length of `</span>` or of a `<span class="…">` with no other
/// attribute at the start of `tag`.
fn plain_span_len(tag: &[u8]) -> Option<usize> {
    const OPEN: &[u8] = b"<span class=\"";
    const CLOSE: &[u8] = b"</span>";
    if tag.starts_with(CLOSE) {
        return Some(CLOSE.len());
    }
    let value = tag.strip_prefix(OPEN)?;
    let quote = value.iter().position(|&b| b == b'"')?;
    (value.get(quote + 1) == Some(&b'>')).then_some(OPEN.len() + quote + 2)
}

/// Where the tag starting at `start` ends: after its `>`, skipping quoted
/// attribute values (which may hold `>`), or at the end of the text.
fn tag_end(html: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < html.len() {
        match html[i] {
            b'>' => return i + 1,
            b'"' if html[i - 1] == b'=' => match html[i + 1..].iter().position(|&b| b == b'"') {
                Some(len) => i += len + 2,
                None => return html.len(),
            },
            _ => i += 1,
        }
    }
    html.len()
}

/// Whether a tag opens or closes a heading that the print view demotes.
fn is_heading_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    let level_at = if tag.starts_with("</") { 3 } else { 2 };
    b.get(level_at - 1) == Some(&b'h')
        && matches!(b.get(level_at), Some(b'1'..=b'5'))
        && matches!(b.get(level_at + 1), Some(b'>' | b' '))
}

/// Whether a tag may hold an attribute that [`rewrite_tag`] changes (a
/// false yes only costs time). Byte comparisons only: this runs for every
/// tag of highlighted code.
fn has_rewritten_attribute(tag: &str) -> bool {
    let b = tag.as_bytes();
    let mut i = 1;
    while i + 1 < b.len() {
        if b[i] == b'=' && b[i + 1] == b'"' {
            let name = &b[..i];
            let rewritten = ID_ATTRS
                .iter()
                .chain(LINK_ATTRS)
                .any(|attr| name.ends_with(attr.as_bytes()));
            if rewritten {
                return true;
            }
            match b[i + 2..].iter().position(|&c| c == b'"') {
                Some(len) => i += len + 3,
                None => return false,
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Appends one tag with its ids prefixed, its links rebased and, for a
/// heading, its level one down.
fn rewrite_tag(
    out: &mut String,
    tag: &str,
    page: PageId,
    path: &str,
    by_output: &HashMap<&str, PageId>,
) {
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        push_demoted(out, &rest[..value_start]);
        if ID_ATTRS.contains(&name) {
            for (n, id) in value.split_whitespace().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                push_anchor(out, page);
                out.push('-');
                out.push_str(id);
            }
        } else if LINK_ATTRS.contains(&name) {
            out.push_str(&rebase_url(value, page, path, by_output));
        } else {
            out.push_str(value);
        }
        rest = &rest[value_start + len..];
    }
    push_demoted(out, rest);
}

fn rebase_url(url: &str, page: PageId, path: &str, by_output: &HashMap<&str, PageId>) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{}-{fragment}", anchor(page));
    }
    if !crate::markdown::page::is_relative(url) {
        return url.to_string();
    }
    let (target, fragment) = match url.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (url, None),
    };
    let Some(resolved) = resolve(path, target) else {
        return url.to_string();
    };
    match by_output.get(resolved.as_str()) {
        Some(&i) => match fragment {
            Some(f) => format!("#{}-{f}", anchor(i)),
            None => format!("#{}", anchor(i)),
        },
        None => match fragment {
            Some(f) => format!("{resolved}#{f}"),
            None => resolved,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demotes_headings_once() {
        assert_eq!(
            demote_headings("<h1 id=\"a\">A</h1><h2>B</h2><h6>F</h6><hr><header>"),
            "<h2 id=\"a\">A</h2><h3>B</h3><h6>F</h6><hr><header>"
        );
    }

    #[test]
    fn prefixes_ids_and_rebases_links() {
        let mut by = HashMap::new();
        by.insert("m/b.html", PageId::new(3));
        let html = r##"<h2 id="x"><a href="#x">X</a></h2><a href="b.html#y">b</a><img src="../img/a.png" alt=""><label for="q"><h1>T</h1>"##;
        let out = rebase(html, PageId::new(2), "m/a.html", &by);
        assert_eq!(
            out,
            r##"<h3 id="p2-x"><a href="#p2-x">X</a></h3><a href="#p3-y">b</a><img src="img/a.png" alt=""><label for="p2-q"><h2>T</h2>"##
        );
    }

    #[test]
    fn leaves_code_text_and_other_attributes_alone() {
        let by = HashMap::new();
        // Quotes in text are not escaped by the Markdown renderer, so
        // `id="…"` in code is text, not an attribute.
        let html = r##"<p><code>quiz id="week-1"</code></p><span class="hl-k">fn</span><a title="a > b" href="#z">z</a>"##;
        let out = rebase(html, PageId::new(4), "a.html", &by);
        assert_eq!(
            out,
            r##"<p><code>quiz id="week-1"</code></p><span class="hl-k">fn</span><a title="a > b" href="#p4-z">z</a>"##
        );
    }

    #[test]
    fn keeps_text_around_skipped_spans_whole() {
        let mut by = HashMap::new();
        by.insert("b.html", PageId::new(1));
        let html = "<p>ö<span class=\"hl-s\">ä</span>å <a href=\"b.html\">ü</a> a < b</p><h2 id=\"é\">é</h2>";
        let out = rebase(html, PageId::new(0), "a.html", &by);
        assert_eq!(
            out,
            "<p>ö<span class=\"hl-s\">ä</span>å <a href=\"#p1\">ü</a> a < b</p><h3 id=\"p0-é\">é</h3>"
        );
    }

    proptest::proptest! {
        /// Any text, however broken its tags, is rewritten without a panic.
        #[test]
        fn never_panics(html in "([<>=\" /]|h[1-6]|span|class|id|href|ö|a){0,40}") {
            rebase(&html, PageId::new(3), "m/a.html", &HashMap::new());
        }

        /// Text without a tag comes through unchanged, quotes and all.
        #[test]
        fn text_without_tags_is_kept(text in "([>=\" /]|id|href|ö|a){0,40}") {
            proptest::prop_assert_eq!(rebase(&text, PageId::new(3), "m/a.html", &HashMap::new()), text);
        }
    }
}
