//! mdbook-quiz files: `{{#quiz file.toml}}` renders natively (fixture
//! `tests/fixtures/mdbook-quiz`, every field kurssi reads), `[preprocessor.quiz]`
//! is recognised, `kurssi convert mdbook-quiz` prints a block that builds to
//! the same quiz, and TOML mistakes are reported at their line in the file.

use crate::support::TestCourse;

/// The quiz form of a built page.
fn form(html: &str) -> &str {
    let start = html.find("<form class=\"quiz").expect("a quiz form");
    let end = html[start..].find("</form>").expect("form end") + start + "</form>".len();
    &html[start..end]
}

#[test]
fn quiz_files_render_natively_without_warnings() {
    let course = TestCourse::fixture("mdbook-quiz");
    course.run(&["build", "--deny-warnings"]).expect_status(0);
    let html = course.output("variables.html");
    let quiz = form(&html);
    assert_eq!(quiz.matches("<fieldset").count(), 6);
    for text in [
        "is <em>immutable</em>?",
        "Which of these are integer types?",
        "What is the keyword for declaring a variable in Rust?",
        "What does this program print?",
        "Does this program compile?",
        "<code>x</code> cannot be changed after being assigned a value.",
        "Immutable means",
        "The compiler stops at line 3.",
    ] {
        assert!(quiz.contains(text), "the quiz shows {text:?}");
    }
    // Several right answers give checkboxes.
    assert!(quiz.contains("type=\"checkbox\""));
    // The text around the directive stays.
    assert!(html.contains("Variables are immutable by default."));
    assert!(html.contains("The end of the page."));
}

#[test]
fn converted_quiz_builds_to_the_same_quiz() {
    let course = TestCourse::fixture("mdbook-quiz");
    let run = course.run(&["convert", "mdbook-quiz", "quizzes/variables.toml"]);
    run.expect_status(0);
    assert!(run.stdout.starts_with("````quiz\n"));
    insta::assert_snapshot!("converted_variables", run.stdout);
    course.run(&["build"]).expect_status(0);
    let native = course.output("variables.html");

    let page = std::fs::read_to_string(course.path().join("src/variables.md")).unwrap();
    let converted = page.replace("{{#quiz ../quizzes/variables.toml}}", run.stdout.trim_end());
    course.write("src/variables.md", converted);
    course.run(&["build", "--deny-warnings"]).expect_status(0);
    let built = course.output("variables.html");
    assert_eq!(form(&built), form(&native));
}

#[test]
fn toml_mistakes_are_reported_at_their_line_in_the_file() {
    let bad = "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\"\nanswer.answr = \"x\"\nhint = \"h\"\n";
    let course = TestCourse::with_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"src\"\n\n[preprocessor.quiz]\n",
        ),
        ("src/README.md", "# T\n\n{{#quiz ../quizzes/bad.toml}}\n"),
        ("quizzes/bad.toml", bad),
        ("quizzes/broken.toml", "[[questions]\ntype = 1\n"),
    ]);
    let run = course.run(&["build"]);
    run.expect_status(1)
        .expect_stderr("quizzes/bad.toml:4:8: unknown field `answr` in `answer`")
        .expect_stderr("quizzes/bad.toml:5:1: unknown field `hint` in a question")
        .expect_stderr("src/README.md:3:1");

    let run = course.run(&["convert", "mdbook-quiz", "quizzes/bad.toml"]);
    run.expect_status(1)
        .expect_stderr("quizzes/bad.toml:4:8")
        .expect_stderr("unknown field `answr`")
        .expect_stderr("quizzes/bad.toml:5:1");
    assert!(run.stdout.is_empty());

    let run = course.run(&["convert", "mdbook-quiz", "quizzes/broken.toml"]);
    run.expect_status(1).expect_stderr("quizzes/broken.toml:1:");

    course
        .run(&["convert", "mdbook-quiz", "quizzes/missing.toml"])
        .expect_status(1)
        .expect_stderr("cannot read quizzes/missing.toml");
    course.run(&["convert", "mdbook-quiz"]).expect_status(2);
    course.run(&["convert", "json", "x"]).expect_status(2);
}

#[test]
fn quiz_files_stay_inside_the_course() {
    let course = TestCourse::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        (
            "src/README.md",
            "# T\n\n{{#quiz /etc/passwd}}\n\n{{#quiz nope.toml}}\n",
        ),
    ]);
    course
        .run(&["build"])
        .expect_status(1)
        .expect_stderr("is an absolute path")
        .expect_stderr("`nope.toml` does not exist");
}
