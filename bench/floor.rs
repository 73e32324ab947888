//! The floor of a build: only the work no static site generator can skip, so
//! that `bench/run.sh` can say how much kurssi's full build costs above it.
//!
//! It reads every Markdown page under a book's source folder, turns it into
//! HTML with pulldown-cmark (kurssi's extensions), highlights fenced code with
//! kurssi's own highlighting function (syntect, classed HTML, `hl-` prefix,
//! the same languages, TOML included), wraps the body in a fixed HTML shell, writes one file per page
//! and copies the other files, all in parallel with rayon, with the same
//! global allocator as kurssi (mimalloc). No navigation, no templates, no
//! search index, no link checks, no diagnostics.
//!
//! Usage: `cargo run --release --example floor -- SRC_DIR OUT_DIR [--no-highlight]`
//! where SRC_DIR is the folder that holds `SUMMARY.md` (a book's `src/`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kurssi::markdown::highlight::code_block_html;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

/// The page shell: the same for every page, so the floor pays for writing
/// a realistic page size but not for any per-page navigation.
const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Course</title>\n<link rel=\"stylesheet\" href=\"/theme/style.css\">\n</head>\n\
<body>\n<main id=\"content\">\n";
const TAIL: &str = "</main>\n<script src=\"/theme/page.js\" defer></script>\n</body>\n</html>\n";

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
                // kurssi's own function: the same languages (TOML, which
                // syntect's defaults lack, included), the same classes.
                out.push_str(&code_block_html(&lang, &text, highlight));
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

/// The same allocator as kurssi's binary, so that the floor measures the
/// work and not a choice of allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
