//! The whole pipeline of one page, as a build runs it: the input is the page
//! file's text (`src/chapter/page.md` of a small course on disk, whose
//! `snippet.rs`, `part.md`, `nested.md` and `loop.md` it may include), read
//! for front matter, its includes expanded, then its Markdown rendered, quiz
//! blocks parsed and rendered, `.md` links rewritten and links collected for
//! the link check, which then resolves each relative link as `check` does.
//!
//! Asserted: nothing panics; rendering the same text twice gives the same
//! HTML, headings, links, quizzes and diagnostics; every span (diagnostics,
//! links, quiz blocks, questions, worksheets) lies inside the file it names
//! (the page or one it includes) on character boundaries;
//! heading ids are unique unless an error says so; the body offset lies
//! inside the page.
//!
//! Run with `cargo +nightly fuzz run page` from the repository root.

#![no_main]

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use kurssi::diagnostics::{Diagnostic, Location};
use kurssi::i18n::Strings;
use kurssi::boundary::Boundary;
use kurssi::markdown::page::{self, Labels};
use kurssi::markdown::Typography;
use kurssi::model::RenderedPage;
use kurssi::search::{self, Vocabulary};
use kurssi::site::{render_page, PageText, Settings};
use kurssi::source::Sources;
use libfuzzer_sys::fuzz_target;

/// Where the page sits under the source folder.
const SOURCE_PATH: &str = "chapter/page.md";

/// Files the page may include, relative to the source folder.
const FILES: &[(&str, &str)] = &[
    (
        "chapter/snippet.rs",
        "// ANCHOR: main\nfn main() {\n    println!(\"hi\");\n}\n// ANCHOR_END: main\n",
    ),
    (
        "chapter/part.md",
        "## Included part\n\nSee [the other page](../other.md#top).\n\n```quiz\n## Which?\n- [x] This\n- [ ] That\n```\n",
    ),
    ("chapter/nested.md", "{{#include part.md}}\n{{#title Nested}}\n"),
    ("chapter/loop.md", "Again: {{#include loop.md}}\n"),
    ("other.md", "# Top\n"),
];

struct Course {
    root: PathBuf,
    boundary: Boundary,
    strings: [Strings; 2],
    labels: [Labels; 2],
    vocabulary: [Vocabulary; 2],
}

/// The small course on disk, made once per process.
fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("kurssi-fuzz-page-{}", std::process::id()));
        for (path, text) in FILES {
            let path = root.join("src").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        // Outside the source folder but inside the course root.
        std::fs::write(root.join("outside.md"), "outside\n").unwrap();
        let strings = [
            Strings::new("en", &BTreeMap::new()),
            Strings::new("fi", &BTreeMap::new()),
        ];
        Course {
            boundary: Boundary::new(&root),
            labels: strings
                .each_ref()
                .map(|s| Labels::from_strings(|key| s.get(key).to_owned())),
            strings,
            vocabulary: [Vocabulary::new("en"), Vocabulary::new("fi")],
            root,
        }
    })
}

fn run(text: &str) -> (RenderedPage, Vec<Diagnostic>, Sources, usize) {
    let c = course();
    let mut sources = Sources::default();
    let file = sources.add(format!("src/{SOURCE_PATH}"), text);
    let mut diags = Vec::new();
    let (front, body_offset) = kurssi::front_matter::parse(&sources, file, &mut diags);
    // Includes are expanded as the loader does.
    let body = kurssi::load::expand_body(
        &c.boundary,
        &c.root.join("src"),
        SOURCE_PATH,
        file,
        text,
        body_offset,
    )
    .attach(&mut sources, &mut Default::default(), false);
    diags.extend(body.diagnostics.iter().cloned());
    // The settings vary with the text's length, so that the corpus covers
    // both languages' quotes and the build without highlighting.
    let lang = text.len() % 2;
    let typography = [Typography::English, Typography::Finnish, Typography::Plain][text.len() % 3];
    let page = PageText {
        file,
        text: body.text(text, body_offset),
        map: &body.map,
        source_path: SOURCE_PATH,
        pass_mark: front.pass_mark.unwrap_or(100),
    };
    let settings = Settings {
        typography,
        highlight: text.len() % 5 != 0,
        strings: &c.strings[lang],
        labels: &c.labels[lang],
        vocabulary: (text.len() % 7 != 0).then_some(&c.vocabulary[lang]),
        stored_chars: search::MAX_TEXT_CHARS,
    };
    let mut page = render_page(&page, &settings, &mut diags);
    if let Some(title) = &body.title {
        page.title = Some(title.clone());
    }
    (page, diags, sources, body_offset)
}

fn in_text(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (page, diags, sources, body_offset) = run(text);

    assert!(body_offset <= text.len() && text.is_char_boundary(body_offset));
    // A span lies in the file it names: the page, or a file it includes.
    for d in &diags {
        if let Location::Span(file, span) = &d.location {
            assert!(
                in_text(&sources.get(*file).text, span),
                "diagnostic span {span:?} of file {file}: {}",
                d.message
            );
        }
        d.one_line(&sources);
    }
    for link in &page.links {
        assert!(
            in_text(&sources.get(link.file).text, &link.span),
            "link span {:?} of file {}",
            link.span,
            link.file
        );
        if page::is_relative(&link.dest) {
            let path = link.dest.split(['#', '?']).next().unwrap_or("");
            let _ = kurssi::check::resolve(SOURCE_PATH, path);
            let rewritten = page::rewrite_md_link(&link.dest);
            assert_eq!(page::rewrite_md_link(&rewritten), rewritten);
        }
    }
    // Quizzes, their questions and worksheets lie in the file they name.
    let questions = page.quizzes.iter().flat_map(|q| q.questions.iter().map(|q| q.at));
    let worksheets = page.worksheets.iter().map(|w| w.at);
    for at in page.quiz_positions.iter().copied().chain(questions).chain(worksheets) {
        assert!(
            in_text(&sources.get(at.file).text, &(at.offset..at.offset)),
            "{at:?}"
        );
    }
    assert_eq!(page.quizzes.len(), page.quiz_positions.len());
    // Ids made from heading text are unique; an id written twice
    // (`{#same}`) is an error of the page.
    let mut ids = HashSet::new();
    for h in &page.headings {
        assert!(
            ids.insert(&h.id)
                || diags
                    .iter()
                    .any(|d| d.is_error() && d.message.contains("is used twice")),
            "heading id {:?} twice",
            h.id
        );
    }

    let (again, diags_again, _, _) = run(text);
    assert_eq!(page.html, again.html);
    assert_eq!(page.title, again.title);
    assert_eq!(page.headings, again.headings);
    assert_eq!(page.ids, again.ids);
    assert_eq!(page.links, again.links);
    assert_eq!(page.sections, again.sections);
    assert_eq!(page.answer_keys, again.answer_keys);
    assert_eq!(diags, diags_again);
});
