//! The question bank as Moodle XML: a `<quiz>` of `type="category"`
//! pseudo-questions, each followed by its quiz's questions.
//!
//! Written with quick-xml, so every text and attribute is escaped by the
//! same writer that tests read it back with. Kinds: single and multiple
//! choice to `multichoice`, text to `shortanswer`, number to `numerical`
//! and order to `ordering` (core since Moodle 4.4). Hints are Moodle hints;
//! images are embedded as `@@PLUGINFILE@@` files with base64 content.

use std::io;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use quick_xml::events::{BytesCData, BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::diagnostics::Diagnostic;
use crate::quiz::{Answers, NumberAnswer, Question};

use super::{
    category_segment, choice_html, multiple_weights, number_text, percent_text, question_html,
    rounding_warning, BankQuiz,
};

/// Reads a file of the course by its path relative to the source folder
/// (`/`-separated, already normalised); `None` when it cannot be read.
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// The bank as a Moodle XML document, with a warning for each problem.
pub fn export(bank: &[BankQuiz], read: ReadFile) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = write_bank(&mut w, bank, read, &mut diags);
    // Writing into memory cannot fail.
    debug_assert!(written.is_ok());
    let mut xml = String::from_utf8(w.into_inner()).unwrap_or_default();
    xml.push('\n');
    (xml, diags)
}

type W = Writer<Vec<u8>>;

fn write_bank(
    w: &mut W,
    bank: &[BankQuiz],
    read: ReadFile,
    diags: &mut Vec<Diagnostic>,
) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("quiz").write_inner_content(|w| {
        for entry in bank {
            let path: Vec<String> = entry.category.iter().map(|s| category_segment(s)).collect();
            w.create_element("question")
                .with_attribute(("type", "category"))
                .write_inner_content(|w| {
                    w.create_element("category")
                        .write_inner_content(|w| plain(w, "text", &path.join("/")))?;
                    Ok(())
                })?;
            for (n, question) in entry.quiz.questions.iter().enumerate() {
                let mut cx = Cx {
                    entry,
                    n,
                    question,
                    read,
                    diags,
                };
                write_question(w, &mut cx)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// What writing one question needs.
struct Cx<'a, 'b> {
    entry: &'a BankQuiz<'a>,
    /// The question's position in its quiz.
    n: usize,
    question: &'a Question,
    read: ReadFile<'b>,
    diags: &'a mut Vec<Diagnostic>,
}

fn write_question(w: &mut W, cx: &mut Cx) -> io::Result<()> {
    let q = cx.question;
    let n = cx.n;
    let name = cx.entry.question_name(n);
    let qtype = match q.answers {
        Answers::Choices { .. } => "multichoice",
        Answers::Text(_) => "shortanswer",
        Answers::Number(_) => "numerical",
        Answers::Order(_) => "ordering",
    };
    w.create_element("question")
        .with_attribute(("type", qtype))
        .write_inner_content(|w| {
            w.create_element("name")
                .write_inner_content(|w| plain(w, "text", &name))?;
            html_text(w, cx, "questiontext", &question_html(q))?;
            html_text(
                w,
                cx,
                "generalfeedback",
                q.explanation.as_deref().unwrap_or(""),
            )?;
            plain(w, "defaultgrade", &q.weight.to_string())?;
            plain(w, "penalty", "0.3333333")?;
            plain(w, "hidden", "0")?;
            match &q.answers {
                Answers::Choices { multiple, choices } => {
                    let right = choices.iter().filter(|c| c.correct).count();
                    let wrong = choices.len() - right;
                    let ((r, wr), rounded) = multiple_weights(right, wrong);
                    if *multiple {
                        cx.diags.extend(rounding_warning(cx.entry, n, &rounded));
                    }
                    plain(w, "single", if *multiple { "false" } else { "true" })?;
                    // kurssi shuffles choices unless the question is `{.fixed}`.
                    plain(w, "shuffleanswers", if q.fixed { "false" } else { "true" })?;
                    plain(w, "answernumbering", "abc")?;
                    combined_feedback(w)?;
                    for choice in choices {
                        let fraction = match (multiple, choice.correct) {
                            (false, true) => 100.0,
                            (false, false) => 0.0,
                            (true, true) => r,
                            (true, false) => wr,
                        };
                        answer(
                            w,
                            cx,
                            &percent_text(fraction),
                            &choice_html(choice),
                            choice.feedback.as_deref(),
                        )?;
                    }
                }
                Answers::Text(texts) => {
                    plain(w, "usecase", "0")?;
                    for text in texts {
                        w.create_element("answer")
                            .with_attribute(("fraction", "100"))
                            .with_attribute(("format", "moodle_auto_format"))
                            .write_inner_content(|w| {
                                // `*` is a wildcard in Moodle's short answers.
                                plain(w, "text", &text.replace('*', "\\*"))?;
                                empty_feedback(w)
                            })?;
                    }
                }
                Answers::Number(numbers) => {
                    for number in numbers {
                        let (value, tolerance) = match *number {
                            NumberAnswer::Exact(v) => (v, 0.0),
                            NumberAnswer::Tolerance(v, t) => (v, t),
                            NumberAnswer::Range(a, b) => ((a + b) / 2.0, (b - a) / 2.0),
                        };
                        w.create_element("answer")
                            .with_attribute(("fraction", "100"))
                            .with_attribute(("format", "moodle_auto_format"))
                            .write_inner_content(|w| {
                                plain(w, "text", &number_text(value))?;
                                empty_feedback(w)?;
                                plain(w, "tolerance", &number_text(tolerance))
                            })?;
                    }
                    plain(w, "unitgradingtype", "0")?;
                    plain(w, "unitpenalty", "0.1000000")?;
                    plain(w, "showunits", "3")?;
                    plain(w, "unitsleft", "0")?;
                }
                Answers::Order(items) => {
                    plain(w, "layouttype", "VERTICAL")?;
                    plain(w, "selecttype", "ALL")?;
                    plain(w, "selectcount", "0")?;
                    plain(w, "gradingtype", "ABSOLUTE_POSITION")?;
                    plain(w, "showgrading", "SHOW")?;
                    plain(w, "numberingstyle", "none")?;
                    combined_feedback(w)?;
                    for (i, item) in items.iter().enumerate() {
                        answer(w, cx, &(i + 1).to_string(), item, None)?;
                    }
                }
            }
            if let Some(hint) = &q.hint {
                html_text(w, cx, "hint", hint)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `<name>text</name>`.
fn plain(w: &mut W, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// `<text>` with HTML in CDATA sections, as Moodle writes it (one section
/// per piece when the HTML holds `]]>`); empty HTML gives `<text></text>`.
fn cdata_text(w: &mut W, html: &str) -> io::Result<()> {
    let html = html.trim();
    if html.is_empty() {
        return plain(w, "text", "");
    }
    let mut markup = String::with_capacity(html.len() + 12);
    for section in BytesCData::escaped(html) {
        markup.push_str("<![CDATA[");
        markup.push_str(&String::from_utf8_lossy(&section));
        markup.push_str("]]>");
    }
    // Already markup: written as it is, inline like any text.
    w.create_element("text")
        .write_text_content(BytesText::from_escaped(markup))?;
    Ok(())
}

/// `<name format="html"><text>html</text><file .../>...</name>`.
fn html_text(w: &mut W, cx: &mut Cx, name: &str, html: &str) -> io::Result<()> {
    let (html, files) = embed_images(html, cx);
    w.create_element(name)
        .with_attribute(("format", "html"))
        .write_inner_content(|w| {
            cdata_text(w, &html)?;
            write_files(w, &files)
        })?;
    Ok(())
}

fn write_files(w: &mut W, files: &[(String, String)]) -> io::Result<()> {
    for (name, data) in files {
        w.create_element("file")
            .with_attribute(("name", name.as_str()))
            .with_attribute(("path", "/"))
            .with_attribute(("encoding", "base64"))
            .write_text_content(BytesText::new(data))?;
    }
    Ok(())
}

/// An `<answer>` with HTML text and optional feedback.
fn answer(
    w: &mut W,
    cx: &mut Cx,
    fraction: &str,
    html: &str,
    feedback: Option<&str>,
) -> io::Result<()> {
    let (html, files) = embed_images(html, cx);
    w.create_element("answer")
        .with_attribute(("fraction", fraction))
        .with_attribute(("format", "html"))
        .write_inner_content(|w| {
            cdata_text(w, &html)?;
            write_files(w, &files)?;
            html_text(w, cx, "feedback", feedback.unwrap_or(""))
        })?;
    Ok(())
}

fn empty_feedback(w: &mut W) -> io::Result<()> {
    w.create_element("feedback")
        .with_attribute(("format", "html"))
        .write_inner_content(|w| plain(w, "text", ""))?;
    Ok(())
}

/// The feedback Moodle shows for a right, partly right or wrong response:
/// left empty, since kurssi's feedback is per choice and per question.
fn combined_feedback(w: &mut W) -> io::Result<()> {
    for name in [
        "correctfeedback",
        "partiallycorrectfeedback",
        "incorrectfeedback",
    ] {
        w.create_element(name)
            .with_attribute(("format", "html"))
            .write_inner_content(|w| plain(w, "text", ""))?;
    }
    Ok(())
}

/// Characters `rawurlencode` leaves alone, as Moodle writes file names.
const FILE_NAME: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Replaces the `src` of every local image with `@@PLUGINFILE@@/<name>` and
/// returns the files (name, base64) to attach; an image that cannot be read
/// is a warning and keeps its `src`.
fn embed_images(html: &str, cx: &mut Cx) -> (String, Vec<(String, String)>) {
    let linked = cx.entry.absolute_links(cx.n, html, cx.diags);
    let html = linked.as_str();
    let mut out = String::with_capacity(html.len());
    let mut files: Vec<(String, String)> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<img ") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let Some(s) = rest[i..tag_end].find(" src=\"").map(|s| i + s + 6) else {
            out.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
            continue;
        };
        let e = rest[s..].find('"').map_or(rest.len(), |e| s + e);
        out.push_str(&rest[..s]);
        let src = &rest[s..e];
        match local_path(&cx.entry.page_dir, src) {
            Some(path) => match (cx.read)(&path) {
                Some(bytes) => {
                    let base = path.rsplit('/').next().unwrap_or(&path).to_owned();
                    let data = base64(&bytes);
                    let name = match files.iter().find(|(_, d)| *d == data) {
                        Some((name, _)) => name.clone(),
                        None => {
                            let mut name = base.clone();
                            let mut k = 2;
                            while files.iter().any(|(n, _)| *n == name) {
                                name = format!("{k}-{base}");
                                k += 1;
                            }
                            files.push((name.clone(), data));
                            name
                        }
                    };
                    out.push_str("@@PLUGINFILE@@/");
                    out.extend(utf8_percent_encode(&name, FILE_NAME));
                }
                None => {
                    let d = cx
                        .entry
                        .warn(
                            cx.n,
                            format!(
                                "the image `{path}` cannot be read, so it is not in the export"
                            ),
                        )
                        .with_note(
                            "fix the image's path in the question; the rest of it is exported",
                        );
                    cx.diags.push(d);
                    out.push_str(src);
                }
            },
            None => out.push_str(src),
        }
        rest = &rest[e..];
    }
    out.push_str(rest);
    (out, files)
}

/// The path relative to the source folder of an image `src` written in a
/// page in `page_dir`; `None` for a URL, an absolute path or a path out of
/// the source folder.
fn local_path(page_dir: &str, src: &str) -> Option<String> {
    let src = src.replace("&amp;", "&");
    let src = percent_encoding::percent_decode_str(&src)
        .decode_utf8()
        .ok()?;
    let src = src.split(['#', '?']).next().unwrap_or("");
    if src.is_empty() || src.starts_with('/') || src.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = page_dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), encoded);
        }
    }

    #[test]
    fn local_image_paths() {
        assert_eq!(
            local_path("01-a", "kuva.png").as_deref(),
            Some("01-a/kuva.png")
        );
        assert_eq!(
            local_path("01-a", "../images/a%20b.png").as_deref(),
            Some("images/a b.png")
        );
        assert_eq!(local_path("", "./x.png").as_deref(), Some("x.png"));
        assert_eq!(local_path("", "../x.png"), None);
        assert_eq!(local_path("a", "https://x.org/y.png"), None);
        assert_eq!(local_path("a", "/y.png"), None);
        assert_eq!(local_path("a", "data:image/png;base64,xx"), None);
    }
}
