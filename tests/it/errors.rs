//! One case per kind of author mistake: exit status 1 and the `PATH:LINE`
//! of the mistake on stderr. Warnings keep status 0.

use crate::support::TestCourse;

const BOOK: &str = "[book]\ntitle = \"T\"\nsrc = \"src\"\n";

fn course(files: &[(&str, &str)]) -> TestCourse {
    let mut all = vec![("book.toml", BOOK)];
    all.extend_from_slice(files);
    TestCourse::with_files(&all)
}

fn expect_error(files: &[(&str, &str)], location: &str, words: &str) {
    let run = course(files).run(&["build"]);
    run.expect_status(1)
        .expect_stderr(location)
        .expect_stderr(words);
}

#[test]
fn malformed_book_toml() {
    let c = TestCourse::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\nsrc = \n"),
        ("src/a.md", "# A\n"),
    ]);
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("book.toml:3:");
}

#[test]
fn summary_lists_a_missing_file() {
    expect_error(
        &[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [A](a.md)\n- [Gone](gone.md)\n",
            ),
            ("src/a.md", "# A\n"),
        ],
        "src/SUMMARY.md:4:",
        "gone.md",
    );
}

#[test]
fn link_to_a_missing_page() {
    expect_error(
        &[("src/a.md", "# A\n\nSee [b](b.md).\n")],
        "src/a.md:3:5",
        "b.md",
    );
}

/// A build frees each page's text once it is rendered; the page that a
/// later check finds fault with is read again to quote its line.
#[test]
fn a_link_checked_after_rendering_quotes_its_line() {
    course(&[("src/a.md", "# A\n\nSee [b](b.md).\n")])
        .run(&["build"])
        .expect_status(1)
        .expect_stderr("3 │ See [b](b.md).");
}

/// The print view and the search index are streamed to their files apart
/// from the other pages; a course file of the same name is still caught.
#[test]
fn a_course_file_where_a_generated_one_goes() {
    for name in ["print.html", "search-index.js"] {
        course(&[("src/a.md", "# A\n"), (&format!("src/{name}"), "x")])
            .run(&["build"])
            .expect_status(1)
            .expect_stderr(name)
            .expect_stderr("two files of the site would be written to this path");
    }
}

#[test]
fn link_to_a_missing_anchor() {
    expect_error(
        &[
            ("src/a.md", "# A\n\nSee [b](b.md#nope).\n"),
            ("src/b.md", "# B\n"),
        ],
        "src/a.md:3:5",
        "nope",
    );
}

#[test]
fn missing_image() {
    expect_error(
        &[("src/a.md", "# A\n\n![a cat](cat.png)\n")],
        "src/a.md:3:1",
        "cat.png",
    );
}

#[test]
fn front_matter_error_points_into_the_page() {
    expect_error(
        &[("src/a.md", "---\ntitle: A\nduration: long\n---\n\n# A\n")],
        "src/a.md:3:",
        "duration",
    );
    expect_error(
        &[(
            "src/a.md",
            "+++\ntitle = \"A\"\nduration = \"long\"\n+++\n\n# A\n",
        )],
        "src/a.md:3:",
        "duration",
    );
}

#[test]
fn include_outside_the_course_is_refused() {
    expect_error(
        &[("src/a.md", "# A\n\n{{#include /etc/passwd}}\n")],
        "src/a.md:3:",
        "include",
    );
    expect_error(
        &[(
            "src/a.md",
            "# A\n\ntext\n\n{{#include ../../../../../../etc/hostname}}\n",
        )],
        "src/a.md:5:",
        "include",
    );
}

#[test]
fn quiz_without_a_correct_choice() {
    expect_error(
        &[(
            "src/a.md",
            "# A\n\n```quiz\n## Pick one\n\n- [ ] no\n- [ ] nope\n```\n",
        )],
        "src/a.md:6:1",
        "no choice is marked right",
    );
}

#[test]
fn broken_theme_template_names_the_template() {
    let c = course(&[
        ("src/a.md", "# A\n"),
        ("themes/mine/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.body | safe }\n{% endblock %}\n"),
    ]);
    c.write("book.toml", format!("{BOOK}\n[course]\ntheme = \"mine\"\n"));
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("themes/mine/templates/page.html");
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let run = course(&[
        ("src/a.md", "# A\n\n[x](x.md)\n"),
        ("src/b.md", "# B\n\n[y](y.md)\n"),
    ])
    .run(&["build"]);
    run.expect_status(1)
        .expect_stderr("src/a.md:3:1")
        .expect_stderr("src/b.md:3:1")
        .expect_stderr("2 errors");
}

#[test]
fn warnings_keep_status_zero_unless_denied() {
    let files = [
        ("src/a.md", "# A\n\n![](pic.svg)\n"),
        ("src/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
    ];
    course(&files)
        .run(&["build"])
        .expect_status(0)
        .expect_stderr("src/a.md:3:1")
        .expect_stderr("alt text");
    let c = course(&files);
    c.run(&["build", "--deny-warnings"]).expect_status(1);
    assert!(!c.path().join("book").exists());
}

#[test]
fn additional_files_outside_the_course_are_refused_and_never_touched() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.css");
    std::fs::write(&target, "body{}").unwrap();
    let c = course(&[("src/a.md", "# A\n")]);
    c.write(
        "book.toml",
        format!(
            "{BOOK}\n[output.html]\nadditional-css = [{:?}, \"../x.css\"]\n",
            target.display().to_string()
        ),
    );
    c.run(&["build"])
        .expect_status(1)
        .expect_stderr("inside the course folder");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "body{}");
}

#[test]
fn two_quizzes_with_one_id() {
    let quiz = "```quiz {#same}\n## Q\n\n- [x] a\n- [ ] b\n```\n";
    expect_error(
        &[
            ("src/a.md", &format!("# A\n\n{quiz}")),
            ("src/b.md", &format!("# B\n\ntext\n\n{quiz}")),
        ],
        "src/b.md:5:1",
        "`same` is also used",
    );
}

#[test]
fn broken_link_inside_a_quiz() {
    expect_error(
        &[("src/a.md", "# A\n\n```quiz\n## Pick one\n\n- [x] yes\n- [ ] no\n\n> See [the page](gone.md).\n```\n")],
        "src/a.md:9:7",
        "gone.md",
    );
}

#[test]
fn output_folder_inside_the_sources_is_refused() {
    let c = course(&[("src/a.md", "# A\n")]);
    c.run(&["build", "-d", "src/out"])
        .expect_status(1)
        .expect_stderr("inside the source folder");
    assert!(!c.path().join("src/out").exists());
}

#[test]
fn image_without_alt_inside_a_quiz_is_a_warning() {
    let files = [
        (
            "src/a.md",
            "# A\n\n```quiz\n## Which one?\n\n![](pic.svg)\n\n- [x] yes\n- [ ] no\n```\n",
        ),
        ("src/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
    ];
    course(&files)
        .run(&["build"])
        .expect_status(0)
        .expect_stderr("src/a.md:6:1")
        .expect_stderr("alt text");
}
