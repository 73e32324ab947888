//! One course in two languages (tests/fixtures/languages: Finnish by
//! default, English under `en/`, one Finnish page untranslated, file
//! names that differ and are paired by `translation-of`).

use crate::support::TestCourse;

fn built() -> (TestCourse, crate::support::Run) {
    let c = TestCourse::fixture("languages");
    let run = c.run(&["build"]);
    (c, run)
}

#[test]
fn both_editions_are_built_and_the_untranslated_page_is_said_once() {
    let (c, run) = built();
    run.expect_status(0);
    assert_eq!(
        run.stderr.matches("have no `en` translation").count(),
        1,
        "{}",
        run.stderr
    );
    run.expect_stderr(
        "1 of the course's pages have no `en` translation: content/01-perusteet/tarkastus.md",
    );
    for path in [
        "index.html",
        "01-perusteet/kulma.html",
        "en/index.html",
        "en/01-basics/angle.html",
        "en/search-index.js",
        "en/theme/style.css",
    ] {
        assert!(c.path().join("book").join(path).is_file(), "{path}");
    }
}

#[test]
fn the_switcher_goes_to_the_same_page_in_the_other_language() {
    let (c, run) = built();
    run.expect_status(0);
    let fi = c.output("01-perusteet/kulma.html");
    assert!(fi.contains(r#"<html lang="fi""#));
    assert!(
        fi.contains(r#"<a href="../en/01-basics/angle.html" hreflang="en" lang="en">English</a>"#),
        "{fi}"
    );
    assert!(
        fi.contains(r#"<link rel="alternate" hreflang="en" href="../en/01-basics/angle.html">"#)
    );
    let en = c.output("en/01-basics/angle.html");
    assert!(en.contains(r#"<html lang="en""#));
    assert!(
        en.contains(r#"<a href="../../01-perusteet/kulma.html" hreflang="fi" lang="fi">Suomi</a>"#),
        "{en}"
    );
    assert!(en.contains(r#"aria-current="page">English</a>"#));
}

#[test]
fn an_untranslated_page_leads_to_the_other_home_with_a_notice() {
    let (c, _) = built();
    let fi = c.output("01-perusteet/tarkastus.html");
    assert!(
        fi.contains(r#"<a href="../en/index.html" hreflang="en" lang="en">English</a> <span class="muted">(ei käännetty: vie etusivulle)</span>"#),
        "{fi}"
    );
    assert!(!fi.contains(r#"rel="alternate" hreflang="en""#));
}

#[test]
fn a_quiz_keeps_one_result_across_languages() {
    let (c, _) = built();
    let key = |html: &str| {
        let at = html.find("data-course=\"").unwrap() + "data-course=\"".len();
        html[at..].split('"').next().unwrap().to_owned()
    };
    assert_eq!(
        key(&c.output("index.html")),
        key(&c.output("en/index.html"))
    );
}

#[test]
fn pairing_mistakes_are_errors_at_their_line() {
    let c = TestCourse::fixture("languages");
    c.write(
        "content-en/01-basics/extra.md",
        "---\ntranslation-of: 01-perusteet/kulmaa.md\n---\n\n# Extra\n",
    );
    c.write(
        "content-en/01-basics/twice.md",
        "---\ntranslation-of: 01-perusteet/kulma.md\n---\n\n# Twice\n",
    );
    let run = c.run(&["check"]);
    run.expect_status(1)
        .expect_stderr("`translation-of` names `content/01-perusteet/kulmaa.md`, which is not a page of the course's default language")
        .expect_stderr("content-en/01-basics/extra.md:2:17")
        .expect_stderr("did you mean `01-perusteet/kulma.md`?")
        .expect_stderr("is translated twice");
}

#[test]
fn a_translated_quiz_must_keep_its_questions() {
    let c = TestCourse::fixture("languages");
    c.write(
        "content-en/01-basics/angle.md",
        "---\ntranslation-of: 01-perusteet/kulma.md\n---\n\n# Angle\n\n```quiz {#kulma}\n## One?\n\n- [x] Yes\n- [ ] No\n\n## Two?\n\n- [x] Yes\n- [ ] No\n```\n",
    );
    c.run(&["check"]).expect_status(1).expect_stderr(
        "the quiz `kulma` has 2 questions here and 1 in `content/01-perusteet/kulma.md`",
    );
}

#[test]
fn a_course_in_one_language_has_no_switcher() {
    let c = TestCourse::fixture("good");
    c.run(&["build"]).expect_status(0);
    assert!(!c.output("index.html").contains("class=\"languages\""));
}
