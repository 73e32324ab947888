//! Loading whole courses from temporary folders.

use std::fs;
use std::path::Path;

use super::*;
use crate::model::{PageId, TocItem};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn load_dir(root: &Path) -> (Course, Vec<String>) {
    let mut diags = Vec::new();
    let course = load(root, &mut diags);
    crate::diagnostics::sort(&mut diags, &course.sources);
    let lines = diags.iter().map(|d| d.one_line(&course.sources)).collect();
    (course, lines)
}

/// The toc as `title [output]` lines, indented by depth, with numbers.
fn outline(course: &Course) -> Vec<String> {
    fn go(c: &Course, items: &[TocItem], depth: usize, out: &mut Vec<String>) {
        for item in items {
            let pad = "  ".repeat(depth);
            match item {
                TocItem::PartTitle(t) => out.push(format!("{pad}# {t}")),
                TocItem::Separator => out.push(format!("{pad}---")),
                TocItem::Chapter(ch) => {
                    let number = ch.number.as_ref().map_or(String::new(), |n| {
                        n.iter().map(|x| format!("{x}.")).collect::<String>() + " "
                    });
                    let page = ch
                        .page
                        .map_or("-".to_owned(), |p| c.pages[p].output_path.clone());
                    let line = format!("{number}{} [{page}]", ch.title);
                    out.push(format!("{pad}{}", line.trim_start()));
                    go(c, &ch.children, depth + 1, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    go(course, &course.toc, 0, &mut out);
    out
}

fn page_order(course: &Course) -> Vec<&str> {
    course
        .pages
        .iter()
        .map(|p| p.source_path.as_str())
        .collect()
}

#[test]
fn folder_order_with_weights_overviews_and_home() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("book.toml", "[book]\nsrc = \"content\"\n"),
            ("content/README.md", "+++\ntitle = \"Home\"\n+++\n# Home\n"),
            ("content/10-last/a.md", "# A"),
            ("content/2-second/index.md", "---\ntitle: Second\n---\n"),
            ("content/2-second/b.md", "# B"),
            ("content/2-second/a.md", "+++\nweight = 1\n+++\n"),
            ("content/2-second/draft.md", "+++\ndraft = true\n+++\n"),
            ("content/1-first/README.md", "+++\nweight = 5\n+++\n"),
            ("content/extra.md", "# Extra"),
            ("content/images/logo.png", "png"),
            ("content/.hidden/x.md", "# Hidden"),
            ("content/.notes.md", "# Hidden"),
            ("content/empty/pic.svg", "<svg/>"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        outline(&course),
        vec![
            "Home [index.html]",
            "Second [2-second/index.html]",
            "  [2-second/b.html]",
            "  [2-second/a.html]",
            "Last [-]",
            "  [10-last/a.html]",
            "[extra.html]",
            "[1-first/index.html]",
        ]
    );
    assert_eq!(
        page_order(&course),
        vec![
            "README.md",
            "2-second/index.md",
            "2-second/b.md",
            "2-second/a.md",
            "10-last/a.md",
            "extra.md",
            "1-first/README.md",
        ]
    );
    assert_eq!(course.assets, vec!["empty/pic.svg", "images/logo.png"]);
    let home = &course.pages[PageId::new(0)];
    assert_eq!(course.sources.get(home.file).path, "content/README.md");
    assert_eq!(home.body_offset, 23);
    assert!(home.in_toc && home.summary_title.is_none());
}

#[test]
fn summary_order_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "src/SUMMARY.md",
                "# Summary\n\n[Intro](README.md)\n\n- [One](one%20x.md)\n  - [Sub](./sub/a.md)\n  - [Draft]()\n- [Missing](nope.md)\n- [Again](README.md)\n\n# Part\n\n- [Two](two.md)\n",
            ),
            ("src/README.md", "# Intro"),
            ("src/one x.md", "# One"),
            ("src/sub/a.md", "# Sub"),
            ("src/two.md", "+++\ntitle = 1\npass-mark = 200\n+++\n"),
            ("src/unlisted.md", "# Not listed"),
            ("src/.hidden.md", "# Hidden"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert_eq!(
        diags,
        vec![
            "error: src/SUMMARY.md:8:3: `src/nope.md` does not exist",
            "error: src/SUMMARY.md:9:3: `README.md` is already listed on line 3",
            "error: src/two.md:3:13: `pass-mark` must be a whole number from 0 to 100",
            "warning: src/unlisted.md: not listed in SUMMARY.md, so it is not built",
        ]
    );
    assert_eq!(
        outline(&course),
        vec![
            "Intro [index.html]",
            "1. One [one x.html]",
            "  1.1. Sub [sub/a.html]",
            "  1.2. Draft [-]",
            "2. Missing [-]",
            "3. Again [-]",
            "# Part",
            "4. Two [two.html]",
        ]
    );
    assert_eq!(
        course.pages[PageId::new(1)].summary_title.as_deref(),
        Some("One")
    );
    assert_eq!(
        course.pages[PageId::new(3)].front.title.as_deref(),
        Some("1")
    );
}

#[test]
fn no_course_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (course, diags) = load_dir(dir.path());
    assert!(course.pages.is_empty());
    assert_eq!(diags.len(), 1);
    assert!(diags[0].starts_with("error: no course in "), "{diags:?}");

    write(dir.path(), &[("book.toml", "[book]\nsrc = \"content\"\n")]);
    let (_, diags) = load_dir(dir.path());
    assert_eq!(
        diags,
        vec!["error: content: the source folder does not exist"]
    );
}

#[test]
fn readme_and_index_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("src/m/README.md", "# R"),
            ("src/m/index.md", "# I"),
            ("src/m/a.md", "# A"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].starts_with(
        "error: src/m/index.md:1:1: `src/m/index.md` and `src/m/README.md` would both become"
    ));
    assert_eq!(page_order(&course), vec!["m/README.md", "m/a.md"]);
}

#[test]
fn same_output_path_in_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("src/SUMMARY.md", "- [A](a.md)\n- [B](a.markdown)\n"),
            ("src/a.md", "# A"),
            ("src/a.markdown", "# B"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert_eq!(
        diags,
        vec!["error: src/SUMMARY.md:2:3: `src/a.markdown` and `src/a.md` would both become `a.html`, so this one is not built"]
    );
    assert_eq!(course.pages.len(), 1);
}

#[test]
fn unreadable_and_non_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("src/ok.md", "# Ok")]);
    fs::write(dir.path().join("src/bad.md"), b"# Bad\n\nok\n\xff\xfe\n").unwrap();
    let (course, diags) = load_dir(dir.path());
    assert_eq!(
        diags,
        vec!["error: src/bad.md:4:1: this line is not valid UTF-8"]
    );
    assert_eq!(page_order(&course), vec!["ok.md"]);
}

#[test]
fn output_folder_inside_src_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "book.toml",
                "[book]\nsrc = \".\"\n[build]\nbuild-dir = \"out\"\n",
            ),
            ("README.md", "# Home"),
            ("out/index.html", "old"),
            ("out/stale.md", "# Stale"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(page_order(&course), vec!["README.md"]);
    assert!(course.assets.is_empty(), "{:?}", course.assets);
    assert_eq!(
        course.sources.get(course.pages[PageId::new(0)].file).path,
        "README.md"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("src/m/a.md", "# A")]);
    std::os::unix::fs::symlink(dir.path().join("src"), dir.path().join("src/m/loop")).unwrap();
    let (course, diags) = load_dir(dir.path());
    assert_eq!(
        diags,
        vec!["error: src/m/loop: this symbolic link loops back to `src`, so it is skipped"]
    );
    assert_eq!(page_order(&course), vec!["m/a.md"]);
}

#[test]
fn source_prefixes() {
    let root = Path::new("/c");
    assert_eq!(src_prefix(root, Path::new("content")), "content/");
    assert_eq!(src_prefix(root, Path::new("./content/")), "content/");
    assert_eq!(src_prefix(root, Path::new(".")), "");
    assert_eq!(src_prefix(root, Path::new("/c/docs")), "docs/");
    assert_eq!(src_prefix(root, Path::new("/elsewhere/x")), "/elsewhere/x/");
    assert_eq!(src_prefix(root, Path::new("../shared")), "../shared/");
}

#[test]
fn draft_front_matter_in_summary_makes_a_draft_chapter() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("src/SUMMARY.md", "- [A](a.md)\n  - [B](b.md)\n"),
            ("src/a.md", "---\ndraft: true\n---\n"),
            ("src/b.md", "# B"),
        ],
    );
    let (course, diags) = load_dir(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(outline(&course), vec!["1. A [-]", "  1.1. B [b.html]"]);
}

#[test]
fn includes_are_expanded_while_loading_and_their_files_join_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "src/a.md",
                "+++\ntitle = \"A\"\n+++\nX {{#include part.txt}} Y\n",
            ),
            ("src/b.md", "{{#include part.txt}}{{#title Bee}}\n"),
            ("src/c.md", "No includes.\n"),
            ("src/part.txt", "part"),
        ],
    );
    let (course, diags) = load_dir(root);
    assert!(diags.is_empty(), "{diags:?}");
    let a = &course.pages[PageId::new(
        page_order(&course)
            .iter()
            .position(|p| *p == "a.md")
            .unwrap(),
    )];
    let text = &course.sources.get(a.file).text;
    assert_eq!(a.body.text(text, a.body_offset), "X part Y\n");
    // Offsets in the body map back to the page file, and those in the text
    // an include put in to the included file.
    let x = text.find('X').unwrap();
    assert_eq!(a.body.map.locate(a.file, 0), (a.file, x));
    let part = a.body.included[0].1;
    assert_eq!(a.body.map.locate(a.file, 3), (part, 1));
    assert_eq!(a.body.map.locate(a.file, 7), (a.file, x + 24), "the `Y`");
    // Both pages include part.txt: it joins the sources once.
    let b = &course.pages[PageId::new(
        page_order(&course)
            .iter()
            .position(|p| *p == "b.md")
            .unwrap(),
    )];
    assert_eq!(b.body.title.as_deref(), Some("Bee"));
    assert_eq!(a.body.included.len(), 1);
    assert_eq!(a.body.included, b.body.included);
    let (path, id) = &a.body.included[0];
    assert!(path.ends_with("part.txt"));
    assert_eq!(course.sources.get(*id).path, "src/part.txt");
    assert_eq!(&**course.sources.get(*id).text, "part");
    // A page without includes keeps no copy of its body.
    let c = &course.pages[PageId::new(
        page_order(&course)
            .iter()
            .position(|p| *p == "c.md")
            .unwrap(),
    )];
    assert!(c.body.expanded.is_none() && c.body.included.is_empty());
}

#[test]
fn include_problems_of_a_page_stay_with_the_page() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("src/a.md", "{{#include nope.md}}\n")]);
    let (course, diags) = load_dir(dir.path());
    // Reported with the page's Markdown, not by loading.
    assert!(diags.is_empty(), "{diags:?}");
    let lines: Vec<_> = course.pages[PageId::new(0)]
        .body
        .diagnostics
        .iter()
        .map(|d| d.one_line(&course.sources))
        .collect();
    assert_eq!(
        lines,
        ["error: src/a.md:1:1: included file `nope.md` does not exist"]
    );
}
