//! `SUMMARY.md` as a build reads it: the input becomes `src/SUMMARY.md` of a
//! small course on disk (pages `README.md`, `a.md`, `b/README.md`,
//! `b/c.md`, a draft page, a `.markdown` page, a page with broken front
//! matter, an image and an empty folder), and the course is loaded with
//! [`kurssi::load::load`]: the file is read (bytes that are not UTF-8
//! included), parsed, every link resolved and every listed page loaded.
//!
//! Asserted: nothing panics; loading twice gives the same table of
//! contents, pages and diagnostics; every page in the table of contents
//! exists and appears once; every diagnostic span lies inside its file.
//!
//! Run with `cargo +nightly fuzz run summary` from the repository root.

#![no_main]

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use kurssi::diagnostics::{Diagnostic, Location};
use kurssi::model::{Course, PageId, TocItem};
use libfuzzer_sys::fuzz_target;

/// The pages of the course, under its source folder.
const FILES: &[(&str, &str)] = &[
    ("README.md", "# Welcome\n"),
    ("a.md", "+++\ntitle = \"A\"\nweight = 2\n+++\n# A\n"),
    ("b/README.md", "# B\n"),
    ("b/c.md", "---\ntitle: C\n---\nText.\n"),
    ("draft.md", "+++\ndraft = true\n+++\n# Draft\n"),
    ("d.markdown", "# D\n"),
    ("broken.md", "+++\ntitle = \n+++\n# Broken\n"),
    ("images/a.png", "not really a png"),
];

fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("kurssi-fuzz-summary-{}", std::process::id()));
        for (path, text) in FILES {
            let path = root.join("src").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(root.join("src/empty")).unwrap();
        root
    })
}

fn load(data: &[u8]) -> (Course, Vec<Diagnostic>) {
    let root = root();
    std::fs::write(root.join("src/SUMMARY.md"), data).unwrap();
    let mut diags = Vec::new();
    let course = kurssi::load::load(root, &mut diags);
    (course, diags)
}

/// Checks the pages of the table of contents: each exists and is listed once.
fn check_toc(items: &[TocItem], pages: usize, seen: &mut HashSet<PageId>) {
    for item in items {
        if let TocItem::Chapter(c) = item {
            if let Some(page) = c.page {
                assert!(page.index() < pages, "{page:?} of {pages}");
                assert!(seen.insert(page), "{page:?} listed twice");
            }
            check_toc(&c.children, pages, seen);
        }
    }
}

fn shape(course: &Course) -> Vec<(String, String, Option<String>)> {
    course
        .pages
        .iter()
        .map(|p| {
            (
                p.source_path.clone(),
                p.output_path.clone(),
                p.summary_title.clone(),
            )
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let (course, diags) = load(data);
    check_toc(&course.toc, course.pages.len(), &mut HashSet::new());
    for d in &diags {
        if let Location::Span(file, span) = &d.location {
            let text = &course.sources.get(*file).text;
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "span {span:?} of {}: {}",
                text.len(),
                d.message
            );
        }
        d.one_line(&course.sources);
    }

    let (again, diags_again) = load(data);
    assert_eq!(course.toc, again.toc);
    assert_eq!(shape(&course), shape(&again));
    assert_eq!(diags, diags_again);
});
