//! The command line itself: help, version and usage errors.

use crate::support::TestCourse;

#[test]
fn help_and_version_exit_zero() {
    let c = TestCourse::with_files(&[]);
    let run = c.run(&["--help"]);
    run.expect_status(0);
    for cmd in ["build", "check", "serve", "init", "clean"] {
        assert!(run.stdout.contains(cmd), "{cmd} missing from --help");
    }
    let run = c.run(&["--version"]);
    run.expect_status(0);
    assert!(run.stdout.starts_with("kurssi "));
    c.run(&["build", "--help"]).expect_status(0);
}

#[test]
fn bad_usage_exits_two() {
    let c = TestCourse::with_files(&[]);
    c.run(&["frobnicate"]).expect_status(2);
    c.run(&["build", "--no-such-flag"]).expect_status(2);
    c.run(&[]).expect_status(2);
}

#[test]
fn a_folder_without_a_course_is_an_error() {
    let c = TestCourse::with_files(&[("notes.txt", "x")]);
    c.run(&["build"]).expect_status(1).expect_stderr("error");
}

#[test]
fn the_version_is_in_version_and_in_every_built_page() {
    let version = env!("CARGO_PKG_VERSION");
    let c = TestCourse::fixture("good");
    let run = c.run(&["--version"]);
    run.expect_status(0);
    assert_eq!(run.stdout.trim(), format!("kurssi {version}"));

    c.run(&["build"]).expect_status(0);
    let meta = format!("<meta name=\"generator\" content=\"kurssi {version}\">");
    let pages: Vec<String> = c
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 3, "{pages:?}");
    for page in pages {
        let html = c.output(&page);
        assert!(html.contains(&meta), "{page} has {meta}");
    }
}
