//! The participant's record (issue 28): worksheets become labelled text
//! areas, a course with worksheets gets "My answers" and one with quizzes a
//! certificate page, malformed worksheets are errors at their `PATH:LINE:COL`.

use crate::support::{main_element, TestCourse};

const BOOK: &str = "[book]\ntitle = \"Oma kurssi\"\nlanguage = \"fi\"\nsrc = \"src\"\n\n[course]\ncertificate = \"Kurssi kattaa neljä tuntia opiskelua.\"\n";

const PAGE: &str = "# Harjoitus\n\nKirjoita suunnitelma.\n\n```worksheet {#suunnitelma}\n## Miksi olemme mukana? {#miksi}\n\nYksi lause riittää.\n\n## Missä kanavissa?\n```\n";

const QUIZ: &str = "# Testi\n\n```quiz\n## Kaksi ja kaksi? {.number}\n\n- 4\n```\n";

fn course() -> TestCourse {
    TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/README.md", "# Oma kurssi\n"),
        ("src/01-osa/index.md", "# Osa\n"),
        ("src/01-osa/harjoitus.md", PAGE),
        ("src/01-osa/quiz.md", QUIZ),
    ])
}

#[test]
fn worksheets_gather_into_my_answers_and_the_certificate_page_is_made() {
    let c = course();
    c.run(&["build"]).expect_status(0);
    let files = c.output_files();
    assert!(files.contains(&"my-answers.html".to_string()), "{files:?}");
    assert!(files.contains(&"certificate.html".to_string()), "{files:?}");
    assert!(files.contains(&"theme/record.js".to_string()), "{files:?}");
    let page = c.output("01-osa/harjoitus.html");
    insta::assert_snapshot!("worksheet_page", main_element(&page));
    let answers = c.output("my-answers.html");
    insta::assert_snapshot!("my_answers", main_element(&answers));
    let certificate = c.output("certificate.html");
    assert!(certificate.contains("Kurssi kattaa neljä tuntia opiskelua."));
    assert!(certificate.contains("data-quizzes=\"01-osa-quiz-1\""));
    let home = c.output("index.html");
    assert!(home.contains("href=\"my-answers.html\""));
    assert!(home.contains("href=\"certificate.html\""));
    assert!(
        home.contains("data-pages=\"01-osa/index.html 01-osa/harjoitus.html 01-osa/quiz.html\"")
    );
}

#[test]
fn a_course_without_worksheets_or_quizzes_has_neither_page() {
    let c = TestCourse::with_files(&[("book.toml", BOOK), ("src/README.md", "# Oma kurssi\n")]);
    c.run(&["build"]).expect_status(0);
    let files = c.output_files();
    assert!(!files.contains(&"my-answers.html".to_string()), "{files:?}");
    assert!(
        !files.contains(&"certificate.html".to_string()),
        "{files:?}"
    );
    assert!(!c.output("index.html").contains("my-answers.html"));
}

#[test]
fn malformed_worksheets_are_errors_at_their_line_and_column() {
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        (
            "src/README.md",
            "# A\n\n```worksheet\nJohdanto ensin.\n\n## Kysymys\n```\n\n```worksheet\n## Sama {#x}\n## Sama taas {#x}\n```\n\n```worksheet\n```\n\n```worksheet\n## Auki\n",
        ),
    ]);
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("src/README.md:4:1")
        .expect_stderr("comes before the worksheet's first prompt")
        .expect_stderr("src/README.md:11:1")
        .expect_stderr("two prompts of this worksheet have the id `x`")
        .expect_stderr("src/README.md:14:1")
        .expect_stderr("this worksheet has no prompts")
        .expect_stderr("src/README.md:17:1")
        .expect_stderr("this worksheet block is never closed");
}

#[test]
fn two_worksheets_with_one_id_are_an_error() {
    let ws = "# A\n\n```worksheet {#plan}\n## Goal\n```\n";
    let c = TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("src/README.md", "# Oma kurssi\n"),
        ("src/a.md", ws),
        ("src/b.md", ws),
    ]);
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("src/b.md:3:1")
        .expect_stderr("the worksheet id `plan` is also used in `a.md`");
}

#[test]
fn certificate_false_leaves_the_certificate_out() {
    let c = TestCourse::with_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"src\"\n[course]\ncertificate = false\n",
        ),
        ("src/README.md", "# T\n"),
        ("src/q.md", QUIZ),
    ]);
    c.run(&["build"]).expect_status(0);
    assert!(!c.output_files().contains(&"certificate.html".to_string()));
    assert!(!c.output("index.html").contains("certificate.html"));
    c.write(
        "book.toml",
        "[book]\ntitle = \"T\"\nsrc = \"src\"\n[course]\ncertificate = 3\n",
    );
    c.run(&["build"]).expect_stderr("book.toml:5:");
}
