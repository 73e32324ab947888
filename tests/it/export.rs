//! `kurssi export gift` and `kurssi export moodle-xml` on the fixture
//! `tests/fixtures/export` (every question kind, every GIFT special
//! character, an image, a hint, two quizzes on a page, weights Moodle does
//! not have), on the bundled course and on the guide. The GIFT output is
//! also parsed by a real GIFT parser in `tests/export/` (run by
//! scripts/test).

use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::support::{Run, TestCourse};

fn export(course: &TestCourse, format: &str) -> Run {
    course.run(&["export", format])
}

/// An XML element with its children and text, read back with quick-xml.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'a>(&'a self, name: &'a str) -> &'a Node {
        let found: Vec<&Node> = self.all(name).collect();
        assert_eq!(found.len(), 1, "<{}> has one <{name}>", self.name);
        found[0]
    }

    /// The text of the `<text>` child.
    fn text_of<'a>(&'a self, name: &'a str) -> &'a str {
        &self.one(name).one("text").text
    }
}

/// Parses a whole document (well-formedness included) into its root.
fn parse_xml(xml: &str) -> Node {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let mut node = Node {
                    name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                    ..Node::default()
                };
                for a in e.attributes() {
                    let a = a.unwrap();
                    node.attrs.push((
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    ));
                }
                stack.push(node);
            }
            Event::Empty(_) => panic!("the exporter writes no empty elements"),
            Event::End(_) => {
                let node = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(node);
            }
            Event::Text(t) => {
                let text = t.decode().unwrap();
                let text = quick_xml::escape::unescape(&text).unwrap().into_owned();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .unwrap()
                    .into_owned();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::CData(c) => {
                let text = String::from_utf8(c.into_inner().into_owned()).unwrap();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element is closed");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &v)| n | (u32::from(v) << (18 - 6 * i)));
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    out
}

#[test]
fn gift_export_of_every_kind() {
    let course = TestCourse::fixture("export");
    let run = export(&course, "gift");
    run.expect_status(0);
    insta::assert_snapshot!("gift", run.stdout);
    insta::assert_snapshot!("gift_warnings", run.stderr);
}

#[test]
fn moodle_xml_export_of_every_kind() {
    let course = TestCourse::fixture("export");
    let run = export(&course, "moodle-xml");
    run.expect_status(0);
    insta::assert_snapshot!("moodle_xml", run.stdout);
    insta::assert_snapshot!("moodle_xml_warnings", run.stderr);
}

#[test]
fn moodle_xml_reads_back_with_the_structure_moodle_needs() {
    let course = TestCourse::fixture("export");
    let run = export(&course, "moodle-xml");
    run.expect_status(0);
    assert!(run
        .stdout
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>"));
    let quiz = parse_xml(&run.stdout);
    assert_eq!(quiz.name, "quiz");
    let mut categories = Vec::new();
    let mut names = Vec::new();
    for q in quiz.all("question") {
        let kind = q.attr("type").expect("type attribute");
        if kind == "category" {
            categories.push(q.text_of("category").to_owned());
            continue;
        }
        names.push(q.text_of("name").to_owned());
        // Elements every question type of Moodle's XML format reads.
        assert_eq!(q.one("questiontext").attr("format"), Some("html"));
        assert!(q.text_of("questiontext").starts_with("<p>"));
        q.one("generalfeedback");
        assert_eq!(q.one("defaultgrade").text, "1");
        q.one("penalty");
        assert_eq!(q.one("hidden").text, "0");
        let answers: Vec<&Node> = q.all("answer").collect();
        assert!(!answers.is_empty(), "{kind} has answers");
        for a in &answers {
            assert!(a.attr("fraction").is_some());
            a.one("text");
        }
        let fractions: Vec<f64> = answers
            .iter()
            .map(|a| a.attr("fraction").unwrap().parse().unwrap())
            .collect();
        match kind {
            "multichoice" => {
                let single = q.one("single").text == "true";
                for a in &answers {
                    a.one("feedback");
                }
                if single {
                    assert_eq!(fractions.iter().filter(|f| **f == 100.0).count(), 1);
                } else {
                    let right: f64 = fractions.iter().filter(|f| **f > 0.0).sum();
                    assert!(
                        (right - 100.0).abs() < 0.01 || right > 100.0,
                        "{fractions:?}"
                    );
                }
                for name in [
                    "correctfeedback",
                    "partiallycorrectfeedback",
                    "incorrectfeedback",
                ] {
                    q.one(name);
                }
            }
            "shortanswer" => {
                assert_eq!(q.one("usecase").text, "0");
                assert!(fractions.iter().all(|f| *f == 100.0));
            }
            "numerical" => {
                for a in &answers {
                    a.one("tolerance");
                }
            }
            "ordering" => {
                let positions: Vec<f64> = (1..=answers.len()).map(|i| i as f64).collect();
                assert_eq!(fractions, positions);
                assert_eq!(q.one("layouttype").text, "VERTICAL");
                assert_eq!(q.one("selecttype").text, "ALL");
            }
            other => panic!("unexpected question type {other}"),
        }
    }
    assert_eq!(
        categories,
        [
            "Export test: GIFT//XML/Basics/Escaping",
            "Export test: GIFT//XML/Basics/Every kind",
            "Export test: GIFT//XML/More/More (1)",
            "Export test: GIFT//XML/More/More (2)",
        ]
    );
    assert_eq!(
        names,
        [
            "escaping-1",
            "escaping-2",
            "escaping-3",
            "kinds-1",
            "kinds-2",
            "kinds-3",
            "kinds-4",
            "kinds-5",
            "kinds-6",
            "02-more-readme-1-1",
            "eleven-1",
        ]
    );

    let by_name = |name: &str| {
        quiz.all("question")
            .find(|q| q.all("name").any(|n| n.one("text").text == name))
            .unwrap()
    };
    // Special characters come back exactly as written.
    let q = by_name("escaping-1");
    assert!(q
        .text_of("questiontext")
        .contains("<code>a = {b}</code> ~ c # d: e \\ f true?"));
    assert!(q
        .text_of("questiontext")
        .contains("x = {y}\n~z # w: v \\ u\n\nafter a blank line"));
    let answer = q.all("answer").next().unwrap();
    assert_eq!(answer.one("text").text, "Yes = {right} ~ # : \\");
    let texts: Vec<&str> = by_name("escaping-2")
        .all("answer")
        .map(|a| a.one("text").text.as_str())
        .collect();
    assert_eq!(texts, ["C# {x}: a = b", "5\\*", "~tilde"]);
    // The range 40..60 is 50 with tolerance 10; 50 +- 2 is 50 with 2.
    let numbers: Vec<(String, String)> = by_name("kinds-4")
        .all("answer")
        .map(|a| (a.one("text").text.clone(), a.one("tolerance").text.clone()))
        .collect();
    assert_eq!(
        numbers,
        [
            ("52".into(), "0".into()),
            ("50".into(), "2".into()),
            ("50".into(), "10".into())
        ]
    );
    // The hint is a Moodle hint.
    let hint = by_name("kinds-3").one("hint");
    assert!(hint.one("text").text.contains("It answers when you shout"));
    // The image is embedded, its bytes intact.
    let q = by_name("kinds-6");
    assert!(q
        .text_of("questiontext")
        .contains("src=\"@@PLUGINFILE@@/dot.png\""));
    let file = q.one("questiontext").one("file");
    assert_eq!(file.attr("name"), Some("dot.png"));
    assert_eq!(file.attr("encoding"), Some("base64"));
    let png = std::fs::read(course.path().join("src/01-basics/images/dot.png")).unwrap();
    assert_eq!(base64_decode(&file.text), png);
}

#[test]
fn gift_escapes_every_special_character() {
    let course = TestCourse::fixture("export");
    let run = export(&course, "gift");
    let gift = &run.stdout;
    // No question holds a blank line: each ends at its closing brace.
    for block in gift.split("\n\n").filter(|b| b.starts_with("::")) {
        assert!(block.trim_end().ends_with('}'), "{block}");
    }
    assert!(gift.contains(
        "::escaping-1::[html]<p>Is <code>a \\= \\{b\\}</code> \\~ c \\# d\\: e \\\\ f true?</p>"
    ));
    assert!(gift.contains("x \\= \\{y\\}\\n\\~z \\# w\\: v \\\\ u\\n\\nafter a blank line"));
    assert!(gift.contains("\t=Yes \\= \\{right\\} \\~ \\# \\: \\\\#<p>Because"));
    assert!(
        gift.contains("\t~%0%%50% off\n"),
        "a weight-like choice keeps its text"
    );
    assert!(gift.contains("\t=C\\# \\{x\\}\\: a \\= b\n\t=5\\\\*\n\t=\\~tilde\n"));
    // Nothing unescaped is left in any text: strip the escapes and the
    // structure, and no special character remains.
    for line in gift.lines().filter(|l| l.starts_with('\t')) {
        let body = line.trim_start_matches('\t');
        let body = body
            .strip_prefix("####")
            .or_else(|| body.strip_prefix('='))
            .or_else(|| body.strip_prefix('~'))
            .unwrap_or(body);
        if body
            .chars()
            .all(|c| c.is_ascii_digit() || ".-:".contains(c))
        {
            // A numerical answer: `50:2` is structure, not text.
            continue;
        }
        let mut chars = body.chars();
        let mut hashes = 0;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '#' => hashes += 1,
                '{' | '}' | '~' | '=' | ':' => panic!("unescaped {c} in {line:?}"),
                _ => {}
            }
        }
        assert!(hashes <= 1, "one feedback separator at most: {line:?}");
    }
}

#[test]
fn export_is_deterministic_and_writes_the_output_file() {
    let course = TestCourse::fixture("export");
    for format in ["gift", "moodle-xml"] {
        let first = export(&course, format);
        let second = export(&course, format);
        assert_eq!(first.stdout, second.stdout, "{format}");
        assert_eq!(first.stderr, second.stderr, "{format}");
        let run = course.run(&["export", format, ".", "-o", "bank.out"]);
        run.expect_status(0)
            .expect_stderr("Exported 4 quizzes to bank.out");
        assert!(run.stdout.is_empty());
        let written = std::fs::read_to_string(course.path().join("bank.out")).unwrap();
        assert_eq!(written, first.stdout, "{format}");
        let names: Vec<_> = std::fs::read_dir(course.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kurssi-tmp"))
            .collect();
        assert!(names.is_empty(), "no temporary file is left: {names:?}");
    }
}

#[test]
fn a_quiz_with_errors_stops_the_export_with_path_line_col() {
    let course = TestCourse::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        (
            "src/README.md",
            "# T\n\n```quiz\n## Fine\n\n- [x] a\n- [ ] b\n\n## Broken\n\nno list\n```\n",
        ),
    ]);
    for format in ["gift", "moodle-xml"] {
        let run = course.run(&["export", format, "-o", "bank.out"]);
        run.expect_status(1)
            .expect_stderr("src/README.md:9:1")
            .expect_stderr("this question has no answer list")
            .expect_stderr("nothing was exported");
        assert!(run.stdout.is_empty());
        assert!(!course.path().join("bank.out").exists());
    }
}

#[test]
fn an_unreadable_image_is_a_warning_at_the_question() {
    let course = TestCourse::with_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\n[build]\nlink-check = \"warn\"\n",
        ),
        (
            "src/README.md",
            "# T\n\n```quiz\n## Which?\n\n![gone](missing.png)\n\n- [x] a\n- [ ] b\n```\n",
        ),
    ]);
    let run = course.run(&["export", "moodle-xml"]);
    run.expect_status(0)
        .expect_stderr("warning: the image `missing.png` cannot be read")
        .expect_stderr("src/README.md:4:1");
    assert!(run.stdout.contains("src=\"missing.png\""));
}

#[test]
fn bad_usage_exits_with_2() {
    let course = TestCourse::fixture("export");
    for args in [
        &["export"][..],
        &["export", "pdf"],
        &["export", "gift", "--nope"],
        &["export", "gift", "a", "b"],
    ] {
        course.run(args).expect_status(2);
    }
    let help = course.run(&["export", "--help"]);
    help.expect_status(0);
    assert!(help.stdout.contains("gift") && help.stdout.contains("moodle-xml"));
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_bundled_course_and_the_guide_export_without_errors() {
    for root in [".", "docs"] {
        for format in ["gift", "moodle-xml"] {
            let out = Command::new(env!("CARGO_BIN_EXE_kurssi"))
                .args(["export", format, root])
                .current_dir(repo())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let run = Run::from(out);
            run.expect_status(0);
            assert!(
                !run.stderr.contains("error:"),
                "{root} {format}: {}",
                run.stderr
            );
            if format == "moodle-xml" {
                let quiz = parse_xml(&run.stdout);
                assert!(quiz.all("question").count() > 5);
            } else {
                assert!(run.stdout.contains("$CATEGORY: "));
            }
        }
    }
}

#[test]
fn links_to_course_pages_become_absolute_with_site_url() {
    let files = |toml: &'static str| {
        TestCourse::with_files(&[
            ("book.toml", toml),
            ("src/README.md", "# T\n"),
            (
                "src/01-a/quiz.md",
                "# Q\n\n```quiz\n## See [the home page](../README.md#top) or [x](https://x.org/)\n\n- [x] a\n  > Read [this](other.md).\n- [ ] b\n```\n",
            ),
            ("src/01-a/other.md", "# Other\n"),
        ])
    };
    let course = files("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"https://x.fi/k\"\n");
    for format in ["gift", "moodle-xml"] {
        let run = export(&course, format);
        run.expect_status(0);
        assert!(!run.stderr.contains("warning"), "{}", run.stderr);
        assert!(
            run.stdout.contains("https\\://x.fi/k/index.html\\#top")
                || run.stdout.contains("https://x.fi/k/index.html#top"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("x.fi/k/01-a/other.html"),
            "{}",
            run.stdout
        );
    }
    let course = files("[book]\ntitle = \"T\"\n");
    export(&course, "moodle-xml")
        .expect_status(0)
        .expect_stderr("warning: `01-a-quiz-1-1` links to `../index.html#top` in the course site")
        .expect_stderr("warning: `01-a-quiz-1-1` links to `other.html` in the course site")
        .expect_stderr("src/01-a/quiz.md:4:1");
}
