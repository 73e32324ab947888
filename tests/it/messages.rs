//! What kurssi says about a mistake, case by case: each folder under
//! `tests/fixtures/messages/` is a course with one kind of mistake, checked
//! with `kurssi check` from inside it; its exit status and every line of
//! stderr are snapshotted (`snapshots/it__messages__<case>.snap`). After an
//! intended change: `INSTA_UPDATE=always cargo test`, then read the diff.

use std::path::Path;

use kurssi::diagnostics::catalogue::{guide_page, Entry, Example, CATALOGUE};
use kurssi::diagnostics::Severity;

use crate::support::{fixtures, Run, TestCourse};

pub mod scan;

/// Runs `kurssi check` inside a copy of the case and snapshots what it says.
fn case(name: &str) {
    let course = TestCourse::fixture(&format!("messages/{name}"));
    let run: Run = course.run(&["check"]);
    let said = format!("exit status: {}\n\n{}", run.status, run.stderr);
    insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => true }, {
        insta::assert_snapshot!("message", said);
    });
}

#[test]
fn every_case_has_a_test() {
    let dir = fixtures().join("messages");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let this = include_str!("messages.rs");
    for c in cases {
        let test = c.replace('-', "_");
        assert!(
            this.contains(&format!("fn {test}()")),
            "no test for the case `{c}`"
        );
    }
}

#[test]
fn toml_unquoted() {
    case("toml-unquoted");
}

#[test]
fn summary_typo() {
    case("summary-typo");
}

#[test]
fn quiz_feedback_unindented() {
    case("quiz-feedback-unindented");
}

#[test]
fn quiz_unclosed() {
    case("quiz-unclosed");
}

#[test]
fn quiz_kind() {
    case("quiz-kind");
}

#[test]
fn yaml_tab() {
    case("yaml-tab");
}

#[test]
fn yaml_colon() {
    case("yaml-colon");
}

#[test]
fn misspelt_keys() {
    case("misspelt-keys");
}

#[test]
fn code_language() {
    case("code-language");
}

#[test]
fn link_typos() {
    case("link-typos");
}

#[test]
fn links_warn() {
    case("links-warn");
}

#[test]
fn not_utf8() {
    case("not-utf8");
}

#[test]
fn no_course() {
    case("no-course");
}

/// A message with every `name` made alike, cut at its first `: `, `;` or
/// `?` (what follows is detail): the shape the guide lists.
fn shape(message: &str) -> String {
    let out = shape_line(message);
    let cut = out.find([';', '?']).into_iter().chain(out.find(": ")).min();
    out[..cut.unwrap_or(out.len())].trim().to_owned()
}

/// Every message of the cases above is listed in the guide's page of
/// messages, so the page cannot fall behind the code's messages.
#[test]
fn the_guide_lists_every_message_of_the_cases() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/src/messages.md"))
            .unwrap();
    let quizzes = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/src/quizzes/errors.md"
    ))
    .unwrap();
    let links = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/src/writing/links.md"
    ))
    .unwrap();
    let listed = shape_all(&format!("{guide}\n{quizzes}\n{links}"));
    let snapshots = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/snapshots");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().contains("it__messages__message@") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some(message) = line
                .strip_prefix("error: ")
                .or_else(|| line.strip_prefix("warning: "))
            else {
                continue;
            };
            let shaped = shape(message);
            if !listed.contains(&shaped) && !missing.contains(&shaped) {
                missing.push(shaped);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/src/messages.md lacks these messages:\n{}",
        missing.join("\n")
    );
}

/// The guide's text with names made alike as in [`shape`].
fn shape_all(text: &str) -> String {
    text.lines().map(shape_line).collect::<Vec<_>>().join("\n")
}

/// A line with every `name` written `X`.
fn shape_line(line: &str) -> String {
    let mut out = String::new();
    let mut in_name = false;
    for c in line.chars() {
        match c {
            '`' if in_name => {
                out.push_str("X`");
                in_name = false;
            }
            '`' => {
                out.push('`');
                in_name = true;
            }
            _ if in_name => {}
            _ => out.push(c),
        }
    }
    out
}

// --- The catalogue of messages -------------------------------------------

/// Messages the scan cannot follow to a literal of the code, and why that
/// is fine. A new one fails `every_message_of_the_code_is_in_the_catalogue`:
/// give the message a literal the scan finds, or add it here with the
/// reason.
const PASSTHROUGH: &[(&str, &str)] = &[
    (
        "src/cmd/convert.rs: fn run_mdbook_quiz: p . message",
        "mdbook-quiz problems, scanned where they are made",
    ),
    (
        "src/cmd/scorm.rs: fn run: e . message",
        "the system's text of a write error",
    ),
    (
        "src/import/mdbook_quiz.rs: fn toml_error: e . message () . trim ()",
        "the TOML reader's own message",
    ),
    (
        "src/output/sink.rs: fn stream: e",
        "the system's text of a write error",
    ),
    (
        "src/serve/mod.rs: fn run: warning",
        "watch warnings: `cannot watch {} for changes: {e}`",
    ),
    (
        "src/serve/mod.rs: fn rebuild_loop: warning",
        "watch warnings: `cannot watch {} for changes: {e}`",
    ),
    (
        "src/theme.rs: fn load: template_error (& e)",
        "the Tera template engine's message",
    ),
];

fn src_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every message the code can build is claimed by an entry of the
/// catalogue, with the same severity.
#[test]
fn every_message_of_the_code_is_in_the_catalogue() {
    let found = scan::scan(&src_dir());
    assert!(found.literals.len() > 100, "the scan finds the messages");
    let mut problems = Vec::new();
    for (literal, sites) in &found.literals {
        let claims: Vec<&Entry> = CATALOGUE
            .iter()
            .filter(|e| e.code.contains(&literal.as_str()))
            .collect();
        if claims.is_empty() {
            problems.push(format!(
                "no entry of src/diagnostics/catalogue.rs claims the message {literal:?} ({})",
                sites[0].at
            ));
            continue;
        }
        // A literal used for errors and warnings alike (`in included file
        // `X`: ...`) is not checked.
        let both = sites.iter().any(|s| s.error == Some(true))
            && sites.iter().any(|s| s.error == Some(false));
        for site in sites.iter().filter(|_| !both) {
            let Some(error) = site.error else { continue };
            let severity = if error {
                Severity::Error
            } else {
                Severity::Warning
            };
            if !claims.iter().any(|e| e.severity == severity) {
                problems.push(format!(
                    "{literal:?} is {severity:?} at {}, but its entry says {:?}",
                    site.at, claims[0].severity
                ));
            }
        }
    }
    for helper in &found.helpers {
        problems.push(format!(
            "fn {helper} passes its parameter on as a message, so the messages its callers \
             give it are not scanned: add `{helper}` to HELPERS in tests/it/messages/scan.rs \
             (the message is its second argument), or build the message where it is reported"
        ));
    }
    let mut unresolved = found.unresolved.clone();
    unresolved.sort();
    unresolved.dedup();
    for u in &unresolved {
        if !PASSTHROUGH.iter().any(|(p, _)| p == u) {
            problems.push(format!(
                "the scan cannot follow this message to its text: `{u}`; build it from a \
                 literal, or add it to PASSTHROUGH in tests/it/messages.rs with the reason"
            ));
        }
    }
    for (p, _) in PASSTHROUGH {
        if !unresolved.iter().any(|u| u == p) {
            problems.push(format!(
                "PASSTHROUGH names `{p}`, which is no longer in the code"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every literal an entry claims is still in the code, and each message is
/// listed once.
#[test]
fn every_entry_of_the_catalogue_is_in_the_code() {
    let found = scan::scan(&src_dir());
    let mut problems = Vec::new();
    let mut messages = std::collections::BTreeSet::new();
    for entry in CATALOGUE {
        for literal in entry.code {
            if !found.literals.contains_key(*literal) && !found.all.contains(*literal) {
                problems.push(format!(
                    "the entry `{}` claims {literal:?}, which is not in src/ any more",
                    entry.message
                ));
            }
        }
        if let Some(code) = entry.code.first() {
            if !shows(entry.message, code) {
                problems.push(format!(
                    "the entry `{}` does not show its message {code:?}",
                    entry.message
                ));
            }
        }
        for (what, text) in [("cause", entry.cause), ("fix", entry.fix)] {
            if !text.ends_with('.') {
                problems.push(format!(
                    "the {what} of `{}` is not a sentence ending in a full stop",
                    entry.message
                ));
            }
        }
        if !messages.insert(entry.message) {
            problems.push(format!("`{}` is listed twice", entry.message));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The guide's page of messages is written from the catalogue.
#[test]
fn the_guide_page_of_messages_is_written_from_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/messages.md");
    let page = guide_page();
    if std::env::var_os("UPDATE_GUIDE").is_some() {
        std::fs::write(&path, &page).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != page {
        let first = committed
            .lines()
            .zip(page.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(page.lines().count()));
        panic!(
            "docs/src/messages.md is not what src/diagnostics/catalogue.rs gives (first \
             difference at line {}); edit the catalogue, not the page, then run \
             `UPDATE_GUIDE=1 cargo test --test it messages` and commit the page",
            first + 1
        );
    }
}

/// Whether an entry's message, as the guide shows it (`X`, `Y`, `N`... for
/// what varies, `...` for a rest), is the message its format string builds.
fn shows(message: &str, format: &str) -> bool {
    // (A message may be shown with the prefix it is printed with, as in
    // "`X`: the line range A:B ends before it starts".)
    let whole =
        regex::Regex::new(&format!("^(?:`X`: )?(?:{})$", pattern(format).as_str())).unwrap();
    if whole.is_match(message) {
        return true;
    }
    // The other way round: the message's placeholders and `...` stand for
    // anything, and the format string's `{}` are written `X`.
    let mut re = String::from("^");
    for (i, part) in message.split("...").enumerate() {
        if i > 0 {
            re.push_str(".*");
        }
        let mut word = String::new();
        let flush = |word: &mut String, re: &mut String| {
            let placeholder = matches!(word.as_str(), "PATH" | "LINE" | "COL")
                || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()));
            re.push_str(&if placeholder {
                ".*".to_owned()
            } else {
                regex::escape(word)
            });
            word.clear();
        };
        for c in part.chars() {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                flush(&mut word, &mut re);
                re.push_str(&regex::escape(&c.to_string()));
            }
        }
        flush(&mut word, &mut re);
    }
    re.push('$');
    let built = pattern(format)
        .as_str()
        .replace(".*", "X")
        .replace('\\', "");
    regex::Regex::new(&re).unwrap().is_match(&built)
}

/// A regular expression for the message a format string builds: `{...}`
/// stands for anything.
fn pattern(format: &str) -> regex::Regex {
    let format = format
        .strip_prefix("error: ")
        .or_else(|| format.strip_prefix("warning: "))
        .unwrap_or(format);
    // A line is matched: the first line of the message.
    let format = format.lines().next().unwrap_or("");
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push_str(&regex::escape("{"));
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push_str(&regex::escape("}"));
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push_str(".*");
            }
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    regex::Regex::new(&out).unwrap()
}

/// Whether stderr has a line with the entry's message and severity.
fn prints(entry: &Entry, stderr: &str) -> bool {
    let re = pattern(entry.code[0]);
    let word = match entry.severity {
        Severity::Error => "error: ",
        Severity::Warning => "warning: ",
    };
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(word))
        .any(|m| re.is_match(m))
}

/// Each example that is a course prints its entry's message.
#[test]
fn every_example_of_the_catalogue_prints_its_message() {
    let mut problems = Vec::new();
    let mut run = 0;
    for entry in CATALOGUE {
        let mut args: &[&str] = &["check"];
        let course = match entry.example {
            Example::Course(files) | Example::Run(_, files) => {
                if let Example::Run(a, _) = entry.example {
                    args = a;
                }
                let mut all: Vec<(&str, &str)> = files.to_vec();
                if !files.iter().any(|(p, _)| *p == "book.toml") {
                    all.push(("book.toml", "[book]\ntitle = \"Example\"\n"));
                }
                if !files.iter().any(|(p, _)| *p == "src/README.md") {
                    all.push(("src/README.md", "# Home\n"));
                }
                TestCourse::with_files(&all)
            }
            Example::Fixture(case, shown) => {
                let dir = fixtures().join("messages").join(case);
                for (path, text) in shown {
                    let file = std::fs::read(dir.join(path)).unwrap_or_default();
                    if !String::from_utf8_lossy(&file).contains(text.trim_end()) {
                        problems.push(format!(
                            "the example of `{}` shows a part of {case}/{path} that is not in it",
                            entry.message
                        ));
                    }
                }
                TestCourse::fixture(&format!("messages/{case}"))
            }
            Example::QuizPage(_) | Example::Shown(_) => continue,
        };
        run += 1;
        let out = course.run(args);
        if !prints(entry, &out.stderr) {
            problems.push(format!(
                "the example of `{}` does not print it; it prints:\n{}",
                entry.message, out.stderr
            ));
        }
    }
    assert!(run > 50, "most entries have an example that is run ({run})");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_pattern_matches_the_message_its_format_string_builds() {
    let re = pattern("unknown question kind `{{.{class}}}`");
    assert!(re.is_match("unknown question kind `{.numbr}`"));
    assert!(!re.is_match("unknown question kind `numbr`"));
}

/// The scan finds a message however the code builds it: so a new message
/// cannot slip past `every_message_of_the_code_is_in_the_catalogue`.
#[test]
fn the_scan_finds_messages_however_they_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        r#"
fn direct(file: FileId) -> Diagnostic {
    Diagnostic::error(file, 0..1, "one")
}
fn by_path() -> Diagnostic {
    Diagnostic::path_warning("book.toml", format!("two `{}`", 2))
}
fn helper(cx: &mut Ctx) {
    cx.error(&at, "three", "a note, not a message");
}
fn bound(file: FileId, x: bool) -> Diagnostic {
    let message = if x { "four" } else { "five" };
    Diagnostic::error(file, 0..1, message)
}
fn tuple(file: FileId) -> Diagnostic {
    let (message, note) = why.describe();
    Diagnostic::error(file, 0..1, message).with_note(note)
}
fn describe(&self) -> (String, &'static str) {
    match self {
        A => (format!("six {x}"), "a note"),
        B => ("seven".into(), "a note"),
    }
}
fn closure(file: FileId) -> Option<Diagnostic> {
    let err = |msg: String| Some(Diagnostic::error(file, 0..1, msg));
    err(format!("eight"))
}
fn from_err(file: FileId) {
    match parse(x) {
        Ok(_) => {}
        Err(message) => diags.push(Diagnostic::error(file, 0..1, message)),
    }
}
fn parse(x: &str) -> Result<(), String> {
    let nine = || format!("nine");
    if x.is_empty() {
        return Err(nine());
    }
    if x == "a" {
        return deeper(x);
    }
    Err("ten".to_owned())
}
fn deeper(x: &str) -> Result<(), String> {
    Err(format!("eleven"))
}
fn kept() -> Problem {
    Problem { span: 0..1, message: "twelve".to_owned() }
}
fn printed() {
    eprintln!("error: thirteen {}", 13);
    eprintln!("Built the course");
}
fn passed(file: FileId, m: String) -> Diagnostic {
    Diagnostic::error(file, 0..1, m)
}
#[cfg(test)]
mod tests {
    fn test_only(file: FileId) -> Diagnostic {
        Diagnostic::error(file, 0..1, "not a message: a test's")
    }
}
"#,
    )
    .unwrap();
    let found = scan::scan(&src);
    let literals: Vec<&str> = found.literals.keys().map(String::as_str).collect();
    assert_eq!(
        literals,
        [
            "eight",
            "eleven",
            "error: thirteen {}",
            "five",
            "four",
            "nine",
            "one",
            "seven",
            "six {x}",
            "ten",
            "three",
            "twelve",
            "two `{}`"
        ]
    );
    assert_eq!(found.literals["three"][0].error, Some(true));
    assert_eq!(found.literals["two `{}`"][0].error, Some(false));
    // A message passed in by a function that is no known helper.
    assert_eq!(found.unresolved, ["src/lib.rs: fn passed: m"]);
    assert_eq!(found.helpers, ["passed"]);
}

#[test]
#[ignore = "a listing for maintainers: cargo test --test it unnoted -- --ignored --nocapture"]
fn unnoted() {
    let found = scan::scan(&src_dir());
    for (literal, sites) in &found.literals {
        if sites.iter().all(|s| s.noted == Some(false)) {
            println!("{literal:?}\t{}", sites[0].at);
        }
    }
}
