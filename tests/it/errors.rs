//! One case per kind of author mistake: each folder under
//! `tests/fixtures/errors/` is a course with one mistake. kurssi runs inside
//! a copy of it (`kurssi check`, or the arguments in the case's `args`
//! file), and its exit status and every line of stderr are snapshotted
//! (`snapshots/it__errors__error@<case>.snap`). A run that fails must leave
//! the course exactly as it was. After an intended change:
//! `INSTA_UPDATE=always cargo test --test it errors`, then read the diff.
//!
//! A case that needs more than a course folder (a file outside the course
//! that must stay untouched) is a test of its own at the end.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{fixtures, TestCourse};

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Runs the case `name` and snapshots what kurssi says.
fn case(name: &str) {
    let course = TestCourse::fixture(&format!("errors/{name}"));
    let args =
        std::fs::read_to_string(course.path().join("args")).unwrap_or_else(|_| "check".into());
    let args: Vec<&str> = args.split_whitespace().collect();
    let before = tree(course.path());
    let run = course.run(&args);
    if run.status != 0 {
        assert!(
            tree(course.path()) == before,
            "`kurssi {}` failed and changed the course",
            args.join(" ")
        );
    }
    let said = format!(
        "$ kurssi {}\nexit status: {}\n\n{}",
        args.join(" "),
        run.status,
        run.stderr
    );
    insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => true }, {
        insta::assert_snapshot!("error", said);
    });
}

#[test]
fn every_case_has_a_test() {
    let this = include_str!("errors.rs");
    for entry in std::fs::read_dir(fixtures().join("errors")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let test = name.replace('-', "_");
        assert!(
            this.contains(&format!("fn {test}()")),
            "no test for the case `{name}`"
        );
    }
}

#[test]
fn book_toml_malformed() {
    case("book-toml-malformed");
}

#[test]
fn errors_all_reported() {
    case("errors-all-reported");
}

#[test]
fn front_matter_toml_type() {
    case("front-matter-toml-type");
}

#[test]
fn front_matter_yaml_type() {
    case("front-matter-yaml-type");
}

#[test]
fn generated_file_clash() {
    case("generated-file-clash");
}

#[test]
fn image_missing() {
    case("image-missing");
}

#[test]
fn image_no_alt() {
    case("image-no-alt");
}

#[test]
fn image_no_alt_denied() {
    case("image-no-alt-denied");
}

#[test]
fn include_absolute() {
    case("include-absolute");
}

/// Problems in text a page includes are reported in the included file,
/// at their line there, once however many pages include it.
#[test]
fn include_problems_in_included_file() {
    case("include-problems-in-included-file");
}

/// Quiz and worksheet ids written in a file that two pages include are
/// used twice: the errors point at the blocks in that file.
#[test]
fn ids_twice_in_included_file() {
    case("ids-twice-in-included-file");
}

#[test]
fn include_climbing_out() {
    case("include-climbing-out");
}

#[test]
fn link_missing_anchor() {
    case("link-missing-anchor");
}

#[test]
fn link_missing_page() {
    case("link-missing-page");
}

#[test]
fn output_inside_sources() {
    case("output-inside-sources");
}

#[test]
fn quiz_id_twice() {
    case("quiz-id-twice");
}

#[test]
fn quiz_image_no_alt() {
    case("quiz-image-no-alt");
}

#[test]
fn quiz_link_broken() {
    case("quiz-link-broken");
}

#[test]
fn quiz_no_right_choice() {
    case("quiz-no-right-choice");
}

#[test]
fn summary_missing_file() {
    case("summary-missing-file");
}

#[test]
fn theme_template_broken() {
    case("theme-template-broken");
}

#[test]
fn additional_files_outside_the_course_are_refused_and_never_touched() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.css");
    std::fs::write(&target, "body{}").unwrap();
    let c = TestCourse::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\nsrc = \"src\"\n"),
        ("src/a.md", "# A\n"),
    ]);
    c.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"T\"\nsrc = \"src\"\n\n[output.html]\nadditional-css = [{:?}, \"../x.css\"]\n",
            target.display().to_string()
        ),
    );
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("inside the course folder");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "body{}");
}
