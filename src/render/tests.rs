//! The render path on its own: one small course, each edition and part into
//! a [`Memory`] sink.

use std::path::Path;

use super::{render, Edition, Memory, Part};
use crate::output::{Content, OutFile};
use crate::site::Site;

/// A two-page course with a quiz and a trainer's note, written into `dir`.
fn course(dir: &Path) -> Site {
    let files = [
        ("book.toml", "[book]\ntitle = \"Ladders\"\nlanguage = \"en\"\nsrc = \"src\"\n"),
        ("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n- [Angle](angle.md)\n"),
        ("src/README.md", "# Home\n\nWelcome.\n"),
        (
            "src/angle.md",
            "# Angle\n\nSet the ladder at one to four.\n\n```notes\nSECRET-NOTE\n```\n\n```quiz {#angle}\n## Which ratio?\n\n- [x] one to four\n- [ ] one to one\n```\n",
        ),
    ];
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let site = Site::load(dir);
    assert!(site.diagnostics().is_empty(), "{:?}", site.diagnostics());
    site
}

fn run(site: &Site, edition: &Edition, part: Part) -> Vec<OutFile> {
    let sink = Memory::new();
    let diags = render(site, edition, part, &sink);
    assert!(diags.is_empty(), "{diags:?}");
    sink.into_files()
}

fn text<'a>(files: &'a [OutFile], path: &str) -> &'a str {
    let file = files.iter().find(|f| f.path == path);
    match file.map(|f| &f.content) {
        Some(Content::Bytes(b)) => std::str::from_utf8(b).unwrap(),
        _ => panic!("no generated file {path}"),
    }
}

fn paths(files: &[OutFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

#[test]
fn the_participants_edition_has_every_page_and_no_trainer_file() {
    let dir = tempfile::tempdir().unwrap();
    let site = course(dir.path());
    let files = run(&site, &Edition::participants(), Part::Everything);
    let paths = paths(&files);
    for expected in [
        "index.html",
        "angle.html",
        "404.html",
        "print.html",
        "search-index.js",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert!(!paths.contains(&"answers.html"), "{paths:?}");
    for f in &files {
        if let Content::Bytes(b) = &f.content {
            let s = String::from_utf8_lossy(b);
            assert!(!s.contains("SECRET-NOTE"), "a trainer's note in {}", f.path);
        }
    }
    assert!(text(&files, "angle.html").contains("data-quiz"));
}

#[test]
fn the_trainers_edition_adds_the_notes_and_the_answer_key() {
    let dir = tempfile::tempdir().unwrap();
    let site = course(dir.path());
    let files = run(&site, &Edition::trainer(), Part::Everything);
    assert!(text(&files, "angle.html").contains("SECRET-NOTE"));
    assert!(text(&files, "answers.html").contains("one to four"));
}

#[test]
fn an_edition_in_a_subfolder_writes_every_file_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = course(dir.path());
    let edition = Edition::participants().in_subfolder("en/".into());
    let files = run(&site, &edition, Part::Everything);
    assert!(!files.is_empty());
    for f in &files {
        assert!(f.path.starts_with("en/"), "{} is outside en/", f.path);
    }
    assert!(paths(&files).contains(&"en/angle.html"));
}

#[test]
fn a_part_renders_only_what_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let site = course(dir.path());
    let angle = site
        .course
        .pages
        .with_ids()
        .find(|(_, p)| p.output_path == "angle.html")
        .unwrap()
        .0;
    let files = run(&site, &Edition::participants(), Part::Pages(&[angle]));
    assert_eq!(paths(&files), ["angle.html"]);
    let gathered = run(&site, &Edition::participants(), Part::Gathered);
    let gathered = paths(&gathered);
    assert!(gathered.contains(&"search-index.js"), "{gathered:?}");
    assert!(!gathered.contains(&"angle.html"), "{gathered:?}");
}

#[test]
fn a_served_edition_puts_its_script_before_the_end_of_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = course(dir.path());
    let edition = Edition::served("<script>RELOAD</script>".into());
    let files = run(&site, &edition, Part::Everything);
    for path in ["index.html", "angle.html"] {
        assert!(
            text(&files, path).contains("<script>RELOAD</script></body>"),
            "{path}"
        );
    }
}

#[test]
fn a_course_file_where_a_generated_file_goes_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/404.html"), "mine").unwrap();
    let site = course(dir.path());
    let diags = render(
        &site,
        &Edition::participants(),
        Part::Everything,
        &Memory::new(),
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].message.contains("two files of the site"),
        "{diags:?}"
    );
}
