//! Expanding includes in temporary course folders.

use super::*;
use crate::source::Sources;
use std::fs;

/// Expands `body` as page `src/page.md` of a course in `root`, returning
/// the text, the title and the diagnostics as one-liners.
fn run(root: &Path, body: &str) -> (String, Option<String>, Vec<String>) {
    let mut sources = Sources::default();
    let id = sources.add("src/page.md", body);
    let mut diags = Vec::new();
    let e = expand(
        body,
        0,
        &root.join("src"),
        &Boundary::new(root),
        id,
        &mut diags,
    );
    let lines = diags.iter().map(|d| d.one_line(&sources)).collect();
    (e.text.into_owned(), e.title, lines)
}

fn course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("src/listings")).unwrap();
    fs::write(dir.path().join("src/five.txt"), "1\n2\n3\n4\n5\n").unwrap();
    fs::write(
        dir.path().join("src/listings/main.rs"),
        "// ANCHOR: all\nfn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n// ANCHOR_END: all\n",
    )
    .unwrap();
    dir
}

#[test]
fn fast_path_borrows_the_body() {
    let mut diags = Vec::new();
    let e = expand(
        "# Hi\n",
        7,
        Path::new("."),
        &Boundary::new(Path::new(".")),
        0,
        &mut diags,
    );
    assert!(matches!(e.text, Cow::Borrowed(_)));
    assert_eq!(e.map.locate(0, 2), (0, 9));
    assert!(diags.is_empty());
}

#[test]
fn line_ranges() {
    let dir = course();
    let cases = [
        ("{{#include five.txt}}", "1\n2\n3\n4\n5"),
        ("{{#include five.txt:2}}", "2"),
        ("{{#include five.txt:4:}}", "4\n5"),
        ("{{#include five.txt::2}}", "1\n2"),
        ("{{#include five.txt:2:3}}", "2\n3"),
        ("{{ #rustdoc_include ./five.txt:3:3 }}", "3"),
    ];
    for (body, want) in cases {
        let (text, _, diags) = run(dir.path(), &format!("a\n{body}\nb"));
        assert_eq!(text, format!("a\n{want}\nb"), "{body}");
        assert!(diags.is_empty(), "{body}: {diags:?}");
    }
}

#[test]
fn anchors_drop_marker_lines() {
    let dir = course();
    let (text, _, diags) = run(dir.path(), "{{#include listings/main.rs:all}}");
    assert_eq!(text, "fn main() {\n    run();\n}");
    assert!(diags.is_empty(), "{diags:?}");
    let (text, _, _) = run(dir.path(), "{{#include listings/main.rs:body}}");
    assert_eq!(text, "    run();");
    fs::write(dir.path().join("src/open.rs"), "// ANCHOR: a\nx\ny").unwrap();
    let (text, _, diags) = run(dir.path(), "{{#include open.rs:a}}");
    assert_eq!(text, "x\ny");
    assert_eq!(diags.len(), 1);
    assert!(diags[0].starts_with("warning: src/page.md:1:1: `open.rs`: anchor `a` has no"));
    let (_, _, diags) = run(dir.path(), "x\n  {{#include listings/main.rs:nope}}");
    assert_eq!(
        diags,
        vec!["error: src/page.md:2:3: `listings/main.rs`: there is no `ANCHOR: nope` in the file"]
    );
}

#[test]
fn title_escape_and_unknown() {
    let dir = course();
    let (text, title, diags) = run(
        dir.path(),
        "{{#title Custom Title}}\n\\{{#include five.txt}}\n{{#playground x.rs}}\n{{ not a link }}",
    );
    assert_eq!(title.as_deref(), Some("Custom Title"));
    assert_eq!(
        text,
        "\n{{#include five.txt}}\n{{#playground x.rs}}\n{{ not a link }}"
    );
    assert_eq!(
        diags,
        vec!["warning: src/page.md:3:1: `{{#playground}}` is not supported by kurssi; the text is left as it is"]
    );
}

#[test]
fn errors_point_at_the_directive() {
    let dir = course();
    let (text, _, diags) = run(
        dir.path(),
        "one\ntwo {{#include missing.md}}\n{{#include five.txt:9}}\n{{#include five.txt:3:2}}\n{{#include five.txt:2:9}}",
    );
    assert_eq!(
        diags,
        vec![
            "error: src/page.md:2:5: included file `missing.md` does not exist",
            "error: src/page.md:3:1: `five.txt`: line 9 is past the end of the file (5 lines)",
            "error: src/page.md:4:1: `five.txt`: the line range 3:2 ends before it starts",
            "warning: src/page.md:5:1: `five.txt`: the line range 2:9 goes past the end of the file (5 lines)",
        ]
    );
    assert!(
        text.starts_with("one\ntwo {{#include missing.md}}\n"),
        "{text}"
    );
    assert!(text.ends_with("\n2\n3\n4\n5"), "{text}");
}

#[test]
fn nested_includes_and_offset_map() {
    let dir = course();
    let src = dir.path().join("src");
    fs::write(src.join("listings/outer.md"), "O {{#include inner.md}} O").unwrap();
    fs::write(
        src.join("listings/inner.md"),
        "I {{#include ../five.txt:1}} I\n",
    )
    .unwrap();
    let body = "ab {{#include listings/outer.md}} cd";
    let mut diags = Vec::new();
    let e = expand(body, 100, &src, &Boundary::new(dir.path()), 0, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(e.text, "ab O I 1 I O cd");
    assert_eq!(e.included.len(), 3);
    // Their texts, for the sources, by their paths from the course root.
    let shown: Vec<_> = e.files.iter().map(|f| f.shown.as_str()).collect();
    assert_eq!(
        shown,
        [
            "src/listings/outer.md",
            "src/listings/inner.md",
            "src/five.txt"
        ]
    );
    assert_eq!(e.files[0].text, "O {{#include inner.md}} O");
    // Offsets map into the file each piece came from: the page (file 0
    // here), outer.md, inner.md, five.txt (given ids 10, 11, 12).
    let mut map = e.map.clone();
    map.set_included(vec![10, 11, 12]);
    assert_eq!(map.locate(0, 1), (0, 101));
    assert_eq!(map.locate(0, 3), (10, 0), "outer.md's first `O`");
    assert_eq!(map.locate(0, 5), (11, 0), "inner.md's first `I`");
    assert_eq!(map.locate(0, 7), (12, 0), "five.txt's line 1");
    assert_eq!(map.locate(0, 9), (11, 29), "inner.md's last `I`");
    assert_eq!(map.locate(0, 11), (10, 24), "outer.md's last `O`");
    let cd = e.text.find("cd").unwrap();
    assert_eq!(map.locate(0, cd), (0, 100 + body.find("cd").unwrap()));
    assert_eq!(
        map.locate_span(0, 3..8),
        (10, 0..2),
        "cut where outer.md's run ends"
    );
}

#[test]
fn errors_in_included_files_name_the_file() {
    let dir = course();
    let src = dir.path().join("src");
    fs::write(src.join("a.md"), "x\n{{#include nope.md}}").unwrap();
    fs::write(src.join("self.md"), "{{#include self.md}}").unwrap();
    let (_, _, diags) = run(dir.path(), "{{#include a.md}}\n{{#include self.md}}");
    assert_eq!(
        diags,
        vec![
            "error: src/page.md:1:1: in included file `src/a.md`: included file `nope.md` does not exist",
            "error: src/page.md:2:1: in included file `src/self.md`: `self.md` includes itself",
        ]
    );
}

#[test]
fn depth_limit() {
    let dir = course();
    let src = dir.path().join("src");
    for i in 0..12 {
        fs::write(
            src.join(format!("d{i}.md")),
            format!("{{{{#include d{}.md}}}}", i + 1),
        )
        .unwrap();
    }
    fs::write(src.join("d12.md"), "end").unwrap();
    let (_, _, diags) = run(dir.path(), "{{#include d0.md}}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].contains("more than 10 levels"), "{diags:?}");
}

#[test]
fn boundary_violations_are_never_read() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("course");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(outer.path().join("secret.txt"), "secret").unwrap();
    let (text, _, diags) = run(
        &root,
        "{{#include /etc/passwd}}\n{{#include ../../secret.txt}}\n{{#include ../src/../../secret.txt:1}}",
    );
    assert!(
        !text.contains("secret\n") && !text.contains("root:"),
        "{text}"
    );
    assert_eq!(diags.len(), 3, "{diags:?}");
    assert!(diags[0].starts_with("error: src/page.md:1:1:") && diags[0].contains("absolute"));
    assert!(diags[1].starts_with("error: src/page.md:2:1:") && diags[1].contains("outside"));
    assert!(diags[2].starts_with("error: src/page.md:3:1:") && diags[2].contains("outside"));
    // Inside the course, `..` is fine.
    fs::write(root.join("top.txt"), "top").unwrap();
    let (text, _, diags) = run(&root, "{{#include ../top.txt}}");
    assert_eq!((text.as_str(), diags.len()), ("top", 0));
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_course_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("course");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(outer.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.txt"), root.join("src/link.txt")).unwrap();
    let (text, _, diags) = run(&root, "{{#include link.txt}}");
    assert_eq!(text, "{{#include link.txt}}");
    assert_eq!(diags.len(), 1);
    assert!(diags[0].contains("outside the course folder"), "{diags:?}");
}

#[cfg(unix)]
#[test]
fn course_reached_through_a_symlink() {
    let outer = tempfile::tempdir().unwrap();
    let real = outer.path().join("real");
    fs::create_dir_all(real.join("src/sub")).unwrap();
    fs::write(real.join("src/sub/a.md"), "A {{#include b.md}}").unwrap();
    fs::write(real.join("src/sub/b.md"), "B").unwrap();
    std::os::unix::fs::symlink(&real, outer.path().join("link")).unwrap();
    let (text, _, diags) = run(&outer.path().join("link"), "{{#include sub/a.md}}");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(text, "A B");
}

#[test]
fn git_work_tree_widens_the_boundary() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("docs");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::create_dir_all(outer.path().join(".git")).unwrap();
    fs::write(outer.path().join("lib.rs"), "fn x() {}").unwrap();
    let (text, _, diags) = run(&root, "{{#include ../../lib.rs}}");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(text, "fn x() {}");
}

#[test]
fn directive_parsing() {
    assert!(directive("{{#include a}}").is_some_and(|d| d.len == 14 && d.args == "a"));
    assert!(directive("{{#include}}").is_none());
    assert!(directive("{{#include a}b}}").is_none());
    assert!(directive("{{#}}").is_none());
    assert!(directive("{{é").is_none());
    assert!(directive("{{").is_none());
}

proptest::proptest! {
    #[test]
    fn any_text_expands_without_panic(body in "[a-z{}#\\:./ \nä]{0,60}") {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Vec::new();
        let e = expand(&body, 5, dir.path(), &Boundary::new(dir.path()), 0, &mut diags);
        for i in 0..=e.text.len() {
            proptest::prop_assert!(e.map.locate(0, i).1 <= body.len() + 5);
        }
    }
}
