//! Inputs the fuzz targets of `fuzz/` found to crash kurssi or break what
//! it promises, each built with the real binary (see fuzz/README.md).

use crate::support::TestCourse;

const BOOK: &str = "[book]\ntitle = \"T\"\n";

/// `fuzz/artifacts/page/crash-0ae82799…`, minimised: an `{{#include}}`
/// inside a quiz block makes the block's text longer than the page, and
/// the quiz's mistakes were reported at offsets in that text as if it were
/// the page, past the page's end.
#[test]
fn a_quiz_error_after_an_include_in_the_quiz_is_on_its_line() {
    let long = "Included text that is longer than the rest of the page. ".repeat(4);
    let page = "# P\n\n```quiz\n## Q\n- [x] a\n- [ ] b\n\n{{#include long.md}}\n\n- [ ] c\n```\n";
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/page.md", page),
        ("src/long.md", &long),
    ]);
    let run = c.run(&["build"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.contains("src/page.md:12"), "{}", run.stderr);
    // Line 10 is `- [ ] c`, a second answer list; it was reported at line
    // 12, which the page does not have.
    run.expect_status(1)
        .expect_stderr("src/page.md:10:1")
        .expect_stderr("a question has only one answer list");
}

/// The same mapping for a quiz inside a quote: every line of the block's
/// text has lost its `> `, and the error must still point at its own line
/// and column.
#[test]
fn a_quiz_error_in_a_quote_is_on_its_line() {
    let page = "# P\n\n> ```quiz\n> ## Q\n> - [x] a\n> - [ ] b\n>\n> Text.\n>\n> * [ ] c\n> ```\n";
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/page.md", page)]);
    let run = c.run(&["build"]);
    // `Text.` (line 8) may not follow the list, and `* [ ] c` (line 10)
    // is a second list; both were reported two lines too early.
    run.expect_status(1)
        .expect_stderr("src/page.md:8:3")
        .expect_stderr("src/page.md:10:3")
        .expect_stderr("a question has only one answer list");
}

/// Links in a quiz block are checked like any other, and a broken one in
/// a quote must be reported at its own column (it was at column 2, the
/// offset of the stripped block text taken as one of the page).
#[test]
fn a_broken_link_in_a_quiz_in_a_quote_is_at_its_column() {
    let page = "# P\n\n> ```quiz\n> ## Q\n> - [x] a\n> - [ ] b\n>\n> > See [the page](missing.md).\n> ```\n";
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/page.md", page)]);
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("src/page.md:8:9")
        .expect_stderr("missing.md");
}

/// `fuzz/artifacts/page/crash-1e555008…`: a quiz block in an included file
/// whose closing fence the page's text runs on from (`{{#include part.md}}`
/// then more text on the line) is never closed, and is reported at its
/// opening fence in the included file, not at an offset of the page.
#[test]
fn a_quiz_left_open_in_an_included_file_is_reported_there() {
    let part = "## Part\n\n```quiz\n## Which?\n- [x] This\n- [ ] That\n```\n";
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/page.md", "{{#include part.md}}[ fo\n`"),
        ("src/part.md", part),
        ("src/SUMMARY.md", "- [Page](page.md)\n"),
    ]);
    let run = c.run(&["build"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_status(1)
        .expect_stderr("src/part.md:3:1")
        .expect_stderr("this quiz block is never closed");
}

/// `fuzz/artifacts/page/crash-9f0764af…` (CI, 2026-12-06): a quiz in a file
/// included through another include was recorded at its offset in that
/// file but read as one in the page, so the duplicate-id check, the
/// language check and the exporters pointed past the page's end or at a
/// wrong line. Quizzes, their questions and worksheets now carry their file.
#[test]
fn an_included_quiz_is_reported_in_its_own_file() {
    let part = "## Shared part\n\nSome text before the quiz, longer than the page that includes it.\n\n```quiz {#shared}\n## Which one?\n\n> [!TIP]\n> Think first.\n\n- [x] This\n- [ ] That\n```\n";
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/SUMMARY.md", "- [Page](page.md)\n"),
        ("src/page.md", "{{#include nested.md}}\n"),
        ("src/nested.md", "{{#include part.md}}\n"),
        ("src/part.md", part),
    ]);
    // GIFT has no hints: the warning is at the question's heading, line 6
    // of the file it is written in.
    let run = c.run(&["export", "gift"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_status(0)
        .expect_stderr("src/part.md:6:1")
        .expect_stderr("GIFT has no hints");
}
