//! Snapshots of the `<main>` element of a few rendered pages. Review
//! changes with `cargo insta review` (or `INSTA_UPDATE=always` and git diff).

use crate::support::{main_element, TestCourse};

fn snapshot_page(path: &str) -> String {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    main_element(&course.output(path)).to_string()
}

#[test]
fn second_page_main() {
    insta::assert_snapshot!(snapshot_page("01-basics/02-second.html"));
}

#[test]
fn code_page_main() {
    insta::assert_snapshot!(snapshot_page("02-more/code.html"));
}

#[test]
fn module_overview_main() {
    insta::assert_snapshot!(snapshot_page("01-basics/index.html"));
}
