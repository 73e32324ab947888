//! Inputs that must not crash, hang or lose output.

use crate::support::TestCourse;

const BOOK: &str = "[book]\ntitle = \"T\"\n";

#[test]
fn invalid_utf8_is_an_error_with_the_path() {
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/a.md", "# A\n")]);
    c.write("src/bad.md", b"# Bad\n\nline two \xff\xfe\n");
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("src/bad.md");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_not_a_hang() {
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/a.md", "# A\n")]);
    std::os::unix::fs::symlink("..", c.path().join("src/loop")).unwrap();
    let run = c.run(&["build"]);
    run.expect_status(1).expect_stderr("loop");
}

#[test]
fn a_five_megabyte_page_builds() {
    let mut text = String::from("# Big\n\n");
    let para = "Words of a long page with `code` and *emphasis* and [a link](#big).\n\n";
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(para);
    }
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/big.md", &text)]);
    c.run(&["build"]).expect_status(0);
}

#[test]
fn deeply_nested_quotes_and_lists_do_not_crash() {
    let quotes = ">".repeat(10_000) + " deep\n";
    let mut lists = String::new();
    for depth in 0..10_000 {
        lists.push_str(&"  ".repeat(depth.min(2000)));
        lists.push_str("- item\n");
    }
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/quotes.md", &format!("# Q\n\n{quotes}")),
        ("src/lists.md", &format!("# L\n\n{lists}")),
    ]);
    let run = c.run(&["build"]);
    assert!(
        run.status == 0 || run.status == 1,
        "status {}: {}",
        run.status,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
