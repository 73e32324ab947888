//! The floor of a build: only the work no static site generator can skip, so
//! that `bench/run.sh` can say how much kurssi's full build costs above it.
//!
//! It reads every Markdown page under a book's source folder, turns it into
//! HTML with pulldown-cmark (kurssi's extensions), highlights fenced code with
//! syntect exactly as kurssi does (classed HTML, `hl-` prefix, the default
//! syntax set), wraps the body in a fixed HTML shell, writes one file per page
//! and copies the other files, all in parallel with rayon. No navigation, no
//! templates, no search index, no link checks, no diagnostics.
//!
//! Usage: `cargo run --release --example floor -- SRC_DIR OUT_DIR [--no-highlight]`
//! where SRC_DIR is the folder that holds `SUMMARY.md` (a book's `src/`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The page shell: the same for every page, so the floor pays for writing
/// a realistic page size but not for any per-page navigation.
const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Course</title>\n<link rel=\"stylesheet\" href=\"/theme/style.css\">\n</head>\n\
<body>\n<main id=\"content\">\n";
const TAIL: &str = "</main>\n<script src=\"/theme/page.js\" defer></script>\n</body>\n</html>\n";

/// Loaded on first use, like kurssi's, so a run without code (or with
/// `--no-highlight`) does not pay for it.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The same extensions as `kurssi::markdown::parser_options` (English, so no
/// smart punctuation), so both parse the same amount of syntax.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// A fenced code block as `<pre><code>`, highlighted when the language is
/// known, escaped otherwise (the same output shape as kurssi's).
fn code_block(lang: &str, code: &str, highlight: bool, out: &mut String) {
    out.push_str("<pre><code");
    if !lang.is_empty() {
        out.push_str(" class=\"language-");
        pulldown_cmark_escape::escape_html(&mut *out, lang).ok();
        out.push('"');
    }
    out.push('>');
    let syntax = if highlight && !lang.is_empty() {
        let set = syntaxes();
        set.find_syntax_by_token(lang).map(|syntax| (set, syntax))
    } else {
        None
    };
    match syntax {
        Some((set, syntax)) => {
            let mut gen = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                set,
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            );
            for line in LinesWithEndings::from(code) {
                gen.parse_html_for_line_which_includes_newline(line).ok();
            }
            out.push_str(&gen.finalize());
        }
        None => {
            pulldown_cmark_escape::escape_html_body_text(&mut *out, code).ok();
        }
    }
    out.push_str("</code></pre>\n");
}

/// One page's Markdown to a whole HTML document.
fn render(markdown: &str, highlight: bool) -> String {
    let mut out = String::with_capacity(markdown.len() * 2 + HEAD.len() + TAIL.len());
    out.push_str(HEAD);
    // Code blocks are collected and rendered by hand; every other event goes
    // to pulldown-cmark's HTML writer in runs between them.
    let mut pending: Vec<Event> = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                pulldown_cmark::html::push_html(&mut out, pending.drain(..));
                code = Some((lang, String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (lang, text) = code.take().unwrap_or_default();
                code_block(&lang, &text, highlight, &mut out);
            }
            (_, event) => pending.push(event),
        }
    }
    pulldown_cmark::html::push_html(&mut out, pending.into_iter());
    out.push_str(TAIL);
    out
}

/// Every file under `dir`, relative to it, skipping `SUMMARY.md`.
fn list(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .filter(|p| p != Path::new("SUMMARY.md"))
        .collect()
}

fn run(src: &Path, out: &Path, highlight: bool) -> std::io::Result<usize> {
    let files = list(src);
    // Folders first, once each, so the parallel writers never race on them.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(|d| out.join(d)))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    fs::create_dir_all(out)?;
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    files
        .par_iter()
        .map(|rel| {
            let from = src.join(rel);
            if rel.extension().is_some_and(|e| e == "md") {
                let text = fs::read_to_string(&from)?;
                fs::write(
                    out.join(rel.with_extension("html")),
                    render(&text, highlight),
                )?;
                Ok(1)
            } else {
                fs::copy(&from, out.join(rel)).map(|_| 0)
            }
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let highlight = !args.iter().any(|a| a == "--no-highlight");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [src, out] = paths[..] else {
        eprintln!("usage: floor SRC_DIR OUT_DIR [--no-highlight]");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match run(Path::new(src), Path::new(out), highlight) {
        Ok(pages) => {
            eprintln!(
                "floor: {pages} pages in {} ms",
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
