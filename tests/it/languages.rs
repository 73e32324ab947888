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
        run.stderr.matches("no `en` translation").count(),
        1,
        "{}",
        run.stderr
    );
    run.expect_stderr(
        "1 of the course's pages has no `en` translation: content/01-perusteet/tarkastus.md",
    )
    .expect_stderr("Built 7 pages in 2 languages into");
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
    // Every version, itself included, at its address under the site URL.
    let links = "<link rel=\"alternate\" hreflang=\"fi\" href=\"https://example.org/tikkaat/01-perusteet/kulma.html\">\n\
                 <link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/tikkaat/en/01-basics/angle.html\">\n";
    assert!(fi.contains(links), "{fi}");
    let en = c.output("en/01-basics/angle.html");
    assert!(en.contains(r#"<html lang="en""#));
    assert!(
        en.contains(r#"<a href="../../01-perusteet/kulma.html" hreflang="fi" lang="fi">Suomi</a>"#),
        "{en}"
    );
    assert!(en.contains(r#"aria-current="page">English</a>"#));
    assert!(en.contains(links), "{en}");
}

#[test]
fn without_a_site_url_the_alternates_are_relative() {
    let c = TestCourse::fixture("languages");
    let toml = std::fs::read_to_string(c.path().join("book.toml")).unwrap();
    let toml = toml.replace("site-url = \"https://example.org/tikkaat/\"", "");
    c.write("book.toml", toml);
    c.run(&["build"]).expect_status(0);
    let en = c.output("en/01-basics/angle.html");
    assert!(
        en.contains(
            "<link rel=\"alternate\" hreflang=\"fi\" href=\"../../01-perusteet/kulma.html\">\n\
             <link rel=\"alternate\" hreflang=\"en\" href=\"../../en/01-basics/angle.html\">\n"
        ),
        "{en}"
    );
    assert!(!en.contains("rel=\"canonical\""));
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

/// A misspelt `translation-of` is the one mistake: the page it means is
/// not listed as untranslated as well.
#[test]
fn a_misspelt_translation_of_is_reported_once() {
    let c = TestCourse::fixture("languages");
    let angle = std::fs::read_to_string(c.path().join("content-en/01-basics/angle.md")).unwrap();
    c.write(
        "content-en/01-basics/angle.md",
        angle.replace("01-perusteet/kulma.md", "01-perusteet/kulmaa.md"),
    );
    let run = c.run(&["check"]);
    run.expect_status(1)
        .expect_stderr("did you mean `01-perusteet/kulma.md`?");
    let untranslated = run
        .stderr
        .lines()
        .find(|l| l.contains("has no `en` translation"));
    assert!(
        untranslated.is_some_and(|l| !l.contains("kulma.md")),
        "the meant page is listed untranslated too, or the fixture's untranslated page is not:\n{}",
        run.stderr
    );
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

/// One sitemap at the site root lists every language's pages, each with
/// its translations (itself included) as Google reads them; a page without
/// a translation has none.
#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let (c, run) = built();
    run.expect_status(0);
    let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://example.org/tikkaat/index.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/index.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/index.html"/>
  </url>
  <url>
    <loc>https://example.org/tikkaat/01-perusteet/index.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/01-perusteet/index.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/01-basics/index.html"/>
  </url>
  <url>
    <loc>https://example.org/tikkaat/01-perusteet/kulma.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/01-perusteet/kulma.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/01-basics/angle.html"/>
  </url>
  <url><loc>https://example.org/tikkaat/01-perusteet/tarkastus.html</loc></url>
  <url>
    <loc>https://example.org/tikkaat/en/index.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/index.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/index.html"/>
  </url>
  <url>
    <loc>https://example.org/tikkaat/en/01-basics/index.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/01-perusteet/index.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/01-basics/index.html"/>
  </url>
  <url>
    <loc>https://example.org/tikkaat/en/01-basics/angle.html</loc>
    <xhtml:link rel="alternate" hreflang="fi" href="https://example.org/tikkaat/01-perusteet/kulma.html"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/tikkaat/en/01-basics/angle.html"/>
  </url>
</urlset>
"#;
    assert_eq!(c.output("sitemap.xml"), expected);
    assert!(!c.path().join("book/en/sitemap.xml").exists());
    // Each page's canonical address is in its own language's folder.
    assert!(c.output("en/01-basics/angle.html").contains(
        r#"<link rel="canonical" href="https://example.org/tikkaat/en/01-basics/angle.html">"#
    ));
    assert!(c
        .output("en/index.html")
        .contains(r#"<link rel="canonical" href="https://example.org/tikkaat/en/index.html">"#));
}

/// A course in one language keeps its plain sitemap.
#[test]
fn a_course_in_one_language_has_a_sitemap_without_alternates() {
    let c = TestCourse::fixture("languages");
    let toml = std::fs::read_to_string(c.path().join("book.toml")).unwrap();
    let (before, after) = toml.split_once("[language.en]").unwrap();
    let rest = after.split_once("[output.html]").unwrap().1;
    c.write("book.toml", format!("{before}[output.html]{rest}"));
    c.run(&["build"]).expect_status(0);
    assert_eq!(
        c.output("sitemap.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  \
         <url><loc>https://example.org/tikkaat/index.html</loc></url>\n  \
         <url><loc>https://example.org/tikkaat/01-perusteet/index.html</loc></url>\n  \
         <url><loc>https://example.org/tikkaat/01-perusteet/kulma.html</loc></url>\n  \
         <url><loc>https://example.org/tikkaat/01-perusteet/tarkastus.html</loc></url>\n\
         </urlset>\n"
    );
}
