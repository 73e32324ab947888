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

/// A message with every `name` made alike, cut at its first `: `, `;` or
/// `?` (what follows is detail): the shape the guide lists.
fn shape(message: &str) -> String {
    let out = shape_line(message);
    let cut = out.find([';', '?']).into_iter().chain(out.find(": ")).min();
    out[..cut.unwrap_or(out.len())].trim().to_owned()
}

/// Every message of the cases above is listed in the guide's page of
/// messages, so the page cannot fall behind the code's messages.
#[test]
fn the_guide_lists_every_message_of_the_cases() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/src/messages.md"))
            .unwrap();
    let quizzes = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/src/quizzes/errors.md"
    ))
    .unwrap();
    let links = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/src/writing/links.md"
    ))
    .unwrap();
    let listed = shape_all(&format!("{guide}\n{quizzes}\n{links}"));
    let snapshots = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/snapshots");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().contains("it__messages__message@") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some(message) = line
                .strip_prefix("error: ")
                .or_else(|| line.strip_prefix("warning: "))
            else {
                continue;
            };
            let shaped = shape(message);
            if !listed.contains(&shaped) && !missing.contains(&shaped) {
                missing.push(shaped);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/src/messages.md lacks these messages:\n{}",
        missing.join("\n")
    );
}

/// The guide's text with names made alike as in [`shape`].
fn shape_all(text: &str) -> String {
    text.lines().map(shape_line).collect::<Vec<_>>().join("\n")
}

/// A line with every `name` written `X`.
fn shape_line(line: &str) -> String {
    let mut out = String::new();
    let mut in_name = false;
    for c in line.chars() {
        match c {
            '`' if in_name => {
                out.push_str("X`");
                in_name = false;
            }
            '`' => {
                out.push('`');
                in_name = true;
            }
            _ if in_name => {}
            _ => out.push(c),
        }
    }
    out
}
