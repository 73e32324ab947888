//! What kurssi says about a mistake, case by case: each folder under
//! `tests/fixtures/messages/` is a course with one kind of mistake, checked
//! with `kurssi check` from inside it; its exit status and every line of
//! stderr are snapshotted (`snapshots/it__messages__<case>.snap`). After an
//! intended change: `INSTA_UPDATE=always cargo test`, then read the diff.

use crate::support::{fixtures, Run, TestCourse};

/// Runs `kurssi check` inside a copy of the case and snapshots what it says.
fn case(name: &str) {
    let course = TestCourse::fixture(&format!("messages/{name}"));
    let run: Run = course.run(&["check"]);
    let said = format!("exit status: {}\n\n{}", run.status, run.stderr);
    insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => true }, {
        insta::assert_snapshot!("message", said);
    });
}

#[test]
fn every_case_has_a_test() {
    let dir = fixtures().join("messages");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let this = include_str!("messages.rs");
    for c in cases {
        let test = c.replace('-', "_");
        assert!(
            this.contains(&format!("fn {test}()")),
            "no test for the case `{c}`"
        );
    }
}

#[test]
fn toml_unquoted() {
    case("toml-unquoted");
}

#[test]
fn summary_typo() {
    case("summary-typo");
}

#[test]
fn quiz_feedback_unindented() {
    case("quiz-feedback-unindented");
}

#[test]
fn quiz_unclosed() {
    case("quiz-unclosed");
}

#[test]
fn quiz_kind() {
    case("quiz-kind");
}

#[test]
fn yaml_tab() {
    case("yaml-tab");
}

#[test]
fn yaml_colon() {
    case("yaml-colon");
}

#[test]
fn misspelt_keys() {
    case("misspelt-keys");
}

#[test]
fn code_language() {
    case("code-language");
}

#[test]
fn link_typos() {
    case("link-typos");
}

#[test]
fn links_warn() {
    case("links-warn");
}

#[test]
fn not_utf8() {
    case("not-utf8");
}

#[test]
fn no_course() {
    case("no-course");
}
