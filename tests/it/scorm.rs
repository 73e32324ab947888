//! `kurssi export scorm`: the default file name, the output rules (never
//! inside the sources, never over a file kurssi did not write), the SCORM
//! 1.2 state budget, and a byte-identical zip from the same course.

use std::fs;

use crate::support::TestCourse;

const QUIZ: &str =
    "```quiz\n## One?\n\n- [x] yes\n- [ ] no\n\n## Two?\n\n- [ ] yes\n- [x] no\n```\n";

fn course(book_toml: &str) -> TestCourse {
    TestCourse::with_files(&[
        ("book.toml", book_toml),
        ("src/README.md", "# Home\n\nWelcome.\n"),
        ("src/a.md", &format!("# Ä page\n\n{QUIZ}")),
    ])
}

/// A course of `pages` pages with `quizzes` one-question quizzes on each.
fn big_course(book_toml: &str, pages: usize, quizzes: usize) -> TestCourse {
    let c = TestCourse::with_files(&[("book.toml", book_toml), ("src/README.md", "# Home\n")]);
    let quiz = "```quiz\n## Yes?\n\n- [x] yes\n- [ ] no\n```\n\n".repeat(quizzes);
    for i in 0..pages {
        c.write(&format!("src/p{i:04}.md"), format!("# Page {i}\n\n{quiz}"));
    }
    c
}

fn zip_names(path: &std::path::Path) -> Vec<String> {
    let z = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    z.file_names().map(str::to_owned).collect()
}

#[test]
fn default_file_is_named_after_the_course_and_version_in_the_root() {
    let c = course("[book]\ntitle = \"Sosiaalinen media yrityksessä\"\n");
    c.run(&["export", "scorm"])
        .expect_status(0)
        .expect_stderr("Exported a SCORM 2004 package");
    let zip = c
        .path()
        .join("sosiaalinen-media-yrityksessa-scorm-2004.zip");
    let names = zip_names(&zip);
    for name in [
        "imsmanifest.xml",
        "kurssi-lms.html",
        "theme/kurssi-scorm.js",
        "index.html",
        "a.html",
        "imscp_v1p1.xsd",
        "imsss_v1p0.xsd",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    c.run(&["export", "scorm", "--version", "1.2"])
        .expect_status(0);
    let names = zip_names(&c.path().join("sosiaalinen-media-yrityksessa-scorm-1.2.zip"));
    assert!(names.iter().any(|n| n == "imscp_rootv1p1p2.xsd"));
    assert!(!names.iter().any(|n| n == "imscp_v1p1.xsd"));
    // The sources were not touched and the package is not among them.
    assert!(!c
        .path()
        .join("src")
        .join("sosiaalinen-media-yrityksessa-scorm-1.2.zip")
        .exists());
}

#[test]
fn the_manifest_describes_one_sco_with_relative_hrefs() {
    let c = course("[book]\ntitle = \"Course\"\n[quiz]\npass-mark = 75\n[scorm]\nidentifier = \"com.example.course\"\n");
    c.run(&["export", "scorm", "-o", "out.zip"])
        .expect_status(0);
    let mut z = zip::ZipArchive::new(fs::File::open(c.path().join("out.zip")).unwrap()).unwrap();
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut z.by_name("imsmanifest.xml").unwrap(), &mut manifest)
        .unwrap();
    assert!(manifest.contains("<manifest identifier=\"com.example.course\""));
    assert!(manifest.contains("adlcp:scormType=\"sco\" href=\"kurssi-lms.html\""));
    assert!(manifest.contains("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>"));
    assert!(manifest.contains("satisfiedByMeasure=\"true\""));
    assert_eq!(manifest.matches("<resource ").count(), 1);
    assert!(manifest.contains("<file href=\"a.html\"/>"));
    assert!(!manifest.contains("href=\"/"), "relative hrefs only");
    c.run(&["export", "scorm", "--version", "1.2", "-o", "out12.zip"])
        .expect_status(0);
    let mut z = zip::ZipArchive::new(fs::File::open(c.path().join("out12.zip")).unwrap()).unwrap();
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut z.by_name("imsmanifest.xml").unwrap(), &mut manifest)
        .unwrap();
    assert!(manifest.contains("adlcp:scormtype=\"sco\""));
    assert!(manifest.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"));
}

#[test]
fn never_writes_inside_the_source_folder_even_when_forced() {
    let c = course("[book]\ntitle = \"Course\"\n");
    let r = c.run(&["export", "scorm", "-o", "src/pkg.zip", "--force"]);
    r.expect_status(1)
        .expect_stderr(
            "will not write the package to `src/pkg.zip`: it lies inside the source folder `src`",
        )
        .expect_stderr("write the package outside the course's sources");
    assert!(!c.path().join("src/pkg.zip").exists());
    c.run(&["export", "scorm", "-o", "book.toml", "--force"])
        .expect_status(1)
        .expect_stderr("is the course's book.toml");
    assert!(fs::read_to_string(c.path().join("book.toml"))
        .unwrap()
        .contains("Course"));
}

#[test]
fn replaces_its_own_zip_but_not_another_file_without_force() {
    let c = course("[book]\ntitle = \"Course\"\n");
    c.write("mine.zip", "my own file");
    c.run(&["export", "scorm", "-o", "mine.zip"])
        .expect_status(1)
        .expect_stderr("it exists and was not written by kurssi")
        .expect_stderr("`--force`");
    assert_eq!(
        fs::read_to_string(c.path().join("mine.zip")).unwrap(),
        "my own file"
    );
    c.run(&["export", "scorm", "-o", "mine.zip", "--force"])
        .expect_status(0);
    // Now it is kurssi's: replaced without --force.
    c.run(&["export", "scorm", "-o", "mine.zip"])
        .expect_status(0);
    // No temporary file is left beside it.
    let leftovers: Vec<_> = fs::read_dir(c.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("kurssi-new"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_state_over_4096_characters_is_refused_for_1_2_and_fine_for_2004() {
    let c = big_course("[book]\ntitle = \"Big\"\n", 300, 5);
    let r = c.run(&["export", "scorm", "--version", "1.2"]);
    r.expect_status(1)
        .expect_stderr("error: book.toml: the course is too large for a SCORM 1.2 package")
        .expect_stderr("SCORM 1.2 keeps at most 4096 in `cmi.suspend_data` (301 pages, 1500 quizzes)")
        .expect_stderr("export SCORM 2004, which keeps 64,000 characters: `kurssi export scorm --version 2004`");
    assert!(!c.path().join("big-scorm-1.2.zip").exists());
    c.run(&["export", "scorm"]).expect_status(0);
    assert!(c.path().join("big-scorm-2004.zip").exists());
}

#[test]
fn the_budget_points_at_scorm_version_in_book_toml_and_check_reports_it() {
    let c = big_course(
        "[book]\ntitle = \"Big\"\n\n[scorm]\nversion = \"1.2\"\n",
        300,
        5,
    );
    c.run(&["export", "scorm"])
        .expect_status(1)
        .expect_stderr("book.toml:5:1")
        .expect_stderr("too large for a SCORM 1.2 package");
    c.run(&["check"])
        .expect_status(1)
        .expect_stderr("book.toml:5:1")
        .expect_stderr("export SCORM 2004");
    // `build` makes a website, where the budget does not matter.
    c.run(&["build"]).expect_status(0);
}

#[test]
fn bad_scorm_settings_are_errors_at_their_line() {
    let c = course("[book]\ntitle = \"Course\"\n[scorm]\nversion = \"3\"\ncompletion = \"all\"\nidentifier = \"1 bad\"\ncolour = 1\n");
    c.run(&["check"])
        .expect_status(1)
        .expect_stderr("book.toml:4:1")
        .expect_stderr("`scorm.version` must be \"1.2\" or \"2004\"")
        .expect_stderr("book.toml:5:1")
        .expect_stderr("`scorm.completion` must be")
        .expect_stderr("book.toml:6:1")
        .expect_stderr("book.toml:7:1")
        .expect_stderr("unknown key `scorm.colour`");
}

#[test]
fn the_same_course_gives_the_same_bytes() {
    let c = course("[book]\ntitle = \"Course\"\n");
    c.run(&["export", "scorm", "-o", "one.zip"])
        .expect_status(0);
    c.run(&["export", "scorm", "-o", "two.zip"])
        .expect_status(0);
    let one = fs::read(c.path().join("one.zip")).unwrap();
    let two = fs::read(c.path().join("two.zip")).unwrap();
    assert!(one == two, "two exports of one course differ");
}

#[test]
fn a_course_with_errors_writes_no_package() {
    let c = course("[book]\ntitle = \"Course\"\n");
    c.write("src/b.md", "# B\n\n[broken](missing.md)\n");
    c.run(&["export", "scorm"])
        .expect_status(1)
        .expect_stderr("src/b.md:3:1")
        .expect_stderr("the package was not written");
    assert!(!c.path().join("course-scorm-2004.zip").exists());
}

#[test]
fn a_bad_version_is_a_usage_error() {
    let c = course("[book]\ntitle = \"Course\"\n");
    c.run(&["export", "scorm", "--version", "3"])
        .expect_status(2);
}
