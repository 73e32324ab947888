//! The repository's own course in `content/` checks with no errors and no
//! warnings, and every module has what the course issue requires.

use std::fs;
use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_course_checks_without_warnings() {
    let out = Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args(["check", "--deny-warnings"])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn every_module_has_overview_content_and_quiz() {
    let content = repo().join("content");
    let mut modules: Vec<_> = fs::read_dir(&content)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.path().is_dir()
                && e.file_name()
                    .to_string_lossy()
                    .starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|e| e.path())
        .collect();
    modules.sort();
    assert_eq!(modules.len(), 4, "four modules: {modules:?}");
    for m in modules {
        let overview = ["index.md", "README.md"]
            .iter()
            .map(|f| m.join(f))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{} has no overview", m.display()));
        let text = fs::read_to_string(&overview).unwrap();
        assert!(
            text.contains("objectives:") || text.contains("objectives ="),
            "{}: objectives",
            overview.display()
        );
        assert!(
            text.contains("duration:") || text.contains("duration ="),
            "{}: duration",
            overview.display()
        );
        let quiz = fs::read_to_string(m.join("quiz.md"))
            .unwrap_or_else(|_| panic!("{}: quiz.md", m.display()));
        assert!(quiz.contains("```quiz"), "{}: quiz block", m.display());
        let pages = fs::read_dir(&m)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.ends_with(".md") && !["index.md", "README.md", "quiz.md"].contains(&n.as_str())
            })
            .count();
        // Up to seven: module 3 of the second edition (issue 26) has five
        // reading pages, the giveaway rules page and the exercise.
        assert!(
            (3..=7).contains(&pages),
            "{}: {pages} content pages",
            m.display()
        );
    }
}
