//! A good course builds completely, links resolve, output is deterministic
//! and written atomically.

use std::collections::HashSet;

use crate::support::{attribute_values, TestCourse};

/// Every `href` and `src` of every HTML file resolves to a file of the
/// output, and every fragment to an id in that file.
fn assert_links_resolve(course: &TestCourse) {
    let files: HashSet<String> = course.output_files().into_iter().collect();
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = course.output(file);
        let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            if url.contains("://") || url.starts_with("mailto:") || url.is_empty() {
                continue;
            }
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                normalise(dir, path)
            };
            assert!(
                files.contains(&target),
                "{file}: {url} -> {target} is missing"
            );
            if !fragment.is_empty() && target.ends_with(".html") {
                let target_html = course.output(&target);
                assert!(
                    target_html.contains(&format!(" id=\"{fragment}\"")),
                    "{file}: {url}: no id {fragment} in {target}"
                );
            }
        }
    }
}

fn normalise(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if dir.is_empty() {
        vec![]
    } else {
        dir.split('/').collect()
    };
    for p in rel.split('/') {
        match p {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn good_course_builds_every_page_and_file() {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    let files = course.output_files();
    for expected in [
        "index.html",
        "01-basics/index.html",
        "01-basics/02-second.html",
        "01-basics/10-tenth.html",
        "01-basics/quiz.html",
        "02-more/index.html",
        "02-more/code.html",
        "images/pic.svg",
        "404.html",
        "print.html",
        "search-index.js",
        "sitemap.xml",
        "theme/style.css",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "missing {expected} in {files:?}"
        );
    }
    for trainers_only in ["answers.html", "trainer.html", "theme/deck.js"] {
        assert!(
            !files.iter().any(|f| f == trainers_only),
            "{trainers_only} is in the participants' site"
        );
    }
    assert_links_resolve(&course);
}

#[test]
fn folder_order_is_natural_and_weight_puts_the_quiz_last() {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    let print = course.output("print.html");
    let pos = |needle: &str| {
        print
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in print.html"))
    };
    assert!(pos("The second page") < pos("The tenth page"));
    assert!(pos("The tenth page") < pos("Basics quiz"));
    assert!(pos("Basics quiz") < pos("Overview of the second module"));
}

#[test]
fn markdown_features_render() {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    let page = course.output("01-basics/02-second.html");
    assert!(page.contains("<table>"), "table");
    assert!(page.contains("<del>old</del>"), "strikethrough");
    assert!(page.contains("<dl>"), "definition list");
    assert!(page.contains("class=\"footnote-definition\""), "footnote");
    assert!(page.contains("class=\"alert alert-tip\""), "tip alert");
    assert!(page.contains("id=\"custom\""), "heading attribute id");
    assert!(page.contains("“quoted”"), "English quotes: {page}");
    let tenth = course.output("01-basics/10-tenth.html");
    assert!(tenth.contains("id=\"intro\"") && tenth.contains("id=\"intro-1\""));
    let code = course.output("02-more/code.html");
    assert!(code.contains("class=\"hl-"), "highlighted code");
    assert!(
        code.contains("fn</span>") || code.contains("included"),
        "included code"
    );
    assert!(!code.contains("ANCHOR"), "anchor markers are dropped");
    assert!(!code.contains("style=\""), "no inline styles");
    let home = course.output("index.html");
    assert!(
        home.contains("href=\"01-basics/index.html\""),
        "md links rewritten: {home}"
    );
    assert!(home.contains("02-more/code.html#rust-code"));
}

#[test]
fn second_build_is_byte_identical() {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    let first = course.snapshot_output();
    course.run(&["build"]).expect_status(0);
    assert!(
        first == course.snapshot_output(),
        "output differs between builds"
    );
}

#[test]
fn failed_build_leaves_old_output_untouched() {
    let course = TestCourse::fixture("good");
    course.run(&["build"]).expect_status(0);
    let before = course.snapshot_output();
    course.write(
        "content/01-basics/10-tenth.md",
        "# Broken\n\n[gone](missing.md)\n",
    );
    course
        .run(&["build"])
        .expect_status(1)
        .expect_stderr("content/01-basics/10-tenth.md:3:1");
    assert!(before == course.snapshot_output(), "old output changed");
    let leftovers: Vec<_> = std::fs::read_dir(course.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kurssi"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_writes_nothing_and_clean_removes_output() {
    let course = TestCourse::fixture("good");
    course.run(&["check"]).expect_status(0);
    assert!(!course.path().join("book").exists());
    course.run(&["build"]).expect_status(0);
    course.run(&["clean"]).expect_status(0);
    assert!(!course.path().join("book").exists());
    assert!(course.path().join("book.toml").exists());
}

#[test]
fn mdbook_book_with_every_summary_feature_builds() {
    let course = TestCourse::fixture("mdbook");
    let run = course.run(&["build"]);
    run.expect_status(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let files = course.output_files();
    for expected in [
        "index.html",
        "foreword.html",
        "part1/start.html",
        "part1/install.html",
        "part1/linux.html",
        "part2/use.html",
        "appendix.html",
    ] {
        assert!(files.iter().any(|f| f == expected), "missing {expected}");
    }
    let linux = course.output("part1/linux.html");
    assert!(linux.contains("<title>A Better Title"), "{{#title}}");
    assert!(linux.contains("1.1.1."), "nested numbering");
    assert!(
        linux.contains("Part One") && linux.contains("Part Two"),
        "part titles"
    );
    assert!(linux.contains("Not written yet"), "draft chapter listed");
    assert_links_resolve(&course);
}

#[test]
fn init_writes_a_course_that_checks_clean_and_never_overwrites() {
    let course = TestCourse::with_files(&[]);
    course.run(&["init", "new"]).expect_status(0);
    let run = course.run(&["check", "new"]);
    run.expect_status(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let readme = course.path().join("new/content/README.md");
    std::fs::write(&readme, "mine").unwrap();
    course
        .run(&["init", "new"])
        .expect_status(1)
        .expect_stderr("already exists");
    assert_eq!(std::fs::read_to_string(readme).unwrap(), "mine");
    course
        .run(&["init", "fi", "--language", "fi"])
        .expect_status(0);
    course
        .run(&["check", "--deny-warnings", "fi"])
        .expect_status(0);
}

#[test]
fn print_and_search_can_be_left_out() {
    let course = TestCourse::fixture("mdbook");
    let book = std::fs::read_to_string(course.path().join("book.toml")).unwrap();
    course.write(
        "book.toml",
        format!("{book}\n[output.html.print]\nenable = false\n\n[course]\nsearch = false\n"),
    );
    course.run(&["build"]).expect_status(0);
    let files = course.output_files();
    assert!(
        !files
            .iter()
            .any(|f| f == "print.html" || f == "search-index.js"),
        "{files:?}"
    );
    let page = course.output("foreword.html");
    assert!(!page.contains("print.html") && !page.contains("search.js"));
}

/// Each rendering thread reuses one template context from page to page: a
/// key that one kind of page sets (the home page's `modules`, a module's
/// `module_pages`) must not show on the pages rendered after it.
#[test]
fn page_keys_do_not_carry_over_to_the_next_page() {
    let mut files = vec![
        (
            "book.toml".to_string(),
            "[book]\ntitle = \"T\"\n\n[course]\ntheme = \"mine\"\n".to_string(),
        ),
        ("src/README.md".to_string(), "# Home\n".to_string()),
        ("src/m/README.md".to_string(), "# Module\n".to_string()),
        (
            "themes/mine/templates/page.html".to_string(),
            "{% extends \"base.html\" %}{% block after_content %}<p id=\"left\">{{ modules | length }}/{{ module_pages | length }}</p>{% endblock after_content %}".to_string(),
        ),
    ];
    for n in 1..=40 {
        files.push((format!("src/m/p{n:02}.md"), format!("# Page {n}\n")));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let course = TestCourse::with_files(&files);
    course.run(&["build"]).expect_status(0);
    for n in 1..=40 {
        let page = course.output(&format!("m/p{n:02}.html"));
        assert!(page.contains("<p id=\"left\">0/0</p>"), "m/p{n:02}.html");
    }
}
