//! The trainer's guide in `docs/` is a kurssi course of its own, tested
//! against every change:
//!
//! - it passes `kurssi check --deny-warnings`;
//! - every live ```` ```quiz ```` block becomes a quiz form in the built page;
//! - every quiz it shows as an example (a `quiz` block inside a `markdown`
//!   block) is a real quiz that passes the check, and every broken example on
//!   the quiz error page gives exactly the message the page shows after it;
//! - the example CI files in `docs/examples/` run only real `kurssi`
//!   commands with real options, checked against the binary's `--help`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::TestCourse;

/// The repository root.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The guide's source folder.
fn docs_src() -> PathBuf {
    repo().join("docs/src")
}

/// The example CI files that the publishing pages include.
const WORKFLOWS: &[&str] = &["github-pages.yml", "gitlab-ci.yml"];

/// Runs kurssi in the repository root; returns (status, stdout, stderr).
fn kurssi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("run kurssi");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_guide_passes_check_with_deny_warnings() {
    let (status, _, stderr) = kurssi(&["check", "--deny-warnings", "docs"]);
    assert_eq!(status, 0, "kurssi check --deny-warnings docs:\n{stderr}");
}

// --- fenced blocks -----------------------------------------------------

/// A fenced code block: its opening line, content lines and closing line.
#[derive(Debug, Clone)]
struct Fence {
    open: String,
    body: Vec<String>,
    close: String,
}

impl Fence {
    /// The first word of the info string, as kurssi reads it: `{.quiz #a}`
    /// and `quiz,x` are both `quiz`.
    fn lang(&self) -> &str {
        let info = self.open.trim_start().trim_start_matches(['`', '~']).trim();
        info.split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("")
            .trim_start_matches('{')
            .trim_start_matches('.')
    }

    fn text(&self) -> String {
        let mut s = self.open.clone();
        s.push('\n');
        for line in &self.body {
            s.push_str(line);
            s.push('\n');
        }
        s.push_str(&self.close);
        s.push('\n');
        s
    }
}

/// The opening of a code fence on this line: its character and length.
fn fence_open(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    if n < 3 || (c == '`' && t[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

/// The top-level fenced code blocks of some Markdown lines (CommonMark's
/// rules: a fence closes at a line of at least as many of the same
/// character, with nothing else on it).
fn fences(lines: &[String]) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize, Fence)> = None;
    for line in lines {
        match &mut open {
            None => {
                if let Some((c, n)) = fence_open(line) {
                    let fence = Fence {
                        open: line.clone(),
                        body: Vec::new(),
                        close: String::new(),
                    };
                    open = Some((c, n, fence));
                }
            }
            Some((c, n, fence)) => {
                let t = line.trim();
                let closes = line.len() - line.trim_start().len() <= 3
                    && t.chars().count() >= *n
                    && t.chars().all(|x| x == *c);
                if closes {
                    fence.close = line.clone();
                    out.push(open.take().unwrap().2);
                } else {
                    fence.body.push(line.clone());
                }
            }
        }
    }
    out
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Every page of the guide: path relative to `docs/src`, and its text.
fn pages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(docs_src()).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.extension().is_some_and(|e| e == "md") && name != "SUMMARY.md" {
            let rel = path.strip_prefix(docs_src()).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, fs::read_to_string(path).unwrap()));
        }
    }
    assert!(out.len() > 10, "the guide has pages");
    out
}

/// Replaces each line that is only `{{#include PATH}}` by that file,
/// relative to the page `page` (a path under `docs/src`).
fn expand_includes(text: &str, page: &str) -> String {
    let dir = docs_src().join(page).parent().unwrap().to_path_buf();
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim();
        match t
            .strip_prefix("{{#include ")
            .and_then(|r| r.strip_suffix("}}"))
        {
            Some(path) => {
                let file = dir.join(path.trim());
                let content = fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{page}: {}: {e}", file.display()));
                out.push_str(content.trim_end_matches('\n'));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The output file of a page: `a/README.md` -> `a/index.html`.
fn output_of(page: &str) -> String {
    let (dir, file) = page.rsplit_once('/').unwrap_or(("", page));
    let stem = file.strip_suffix(".md").unwrap();
    let name = if stem.eq_ignore_ascii_case("readme") || stem == "index" {
        "index".to_owned()
    } else {
        stem.to_owned()
    };
    if dir.is_empty() {
        format!("{name}.html")
    } else {
        format!("{dir}/{name}.html")
    }
}

#[test]
fn fence_scanner_follows_commonmark() {
    let text = "# T\n\n````markdown\n```quiz\n## Q\n```\n````\n\n```quiz {#a}\n## Q {.text}\n\n- a\n```\n\n~~~\nx\n~~~\n";
    let found = fences(&lines_of(text));
    let langs: Vec<&str> = found.iter().map(Fence::lang).collect();
    assert_eq!(langs, ["markdown", "quiz", ""]);
    let nested = fences(&found[0].body);
    assert_eq!(nested.len(), 1);
    assert_eq!(nested[0].lang(), "quiz");
    assert_eq!(output_of("README.md"), "index.html");
    assert_eq!(output_of("quizzes/README.md"), "quizzes/index.html");
    assert_eq!(output_of("writing/links.md"), "writing/links.html");
}

// --- live quizzes ------------------------------------------------------

#[test]
fn every_live_quiz_becomes_a_form() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let dest_arg = dest.to_string_lossy().into_owned();
    let (status, _, stderr) = kurssi(&["build", "--deny-warnings", "docs", "-d", &dest_arg]);
    assert_eq!(status, 0, "kurssi build docs:\n{stderr}");

    let mut total = 0;
    let mut all_html = String::new();
    for (page, text) in pages() {
        let live = fences(&lines_of(&text))
            .iter()
            .filter(|f| f.lang() == "quiz")
            .count();
        let html = fs::read_to_string(dest.join(output_of(&page)))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        let forms = html.matches("<form class=\"quiz").count();
        assert_eq!(
            forms, live,
            "{page}: {live} quiz blocks, {forms} quiz forms"
        );
        total += live;
        all_html.push_str(&html);
    }
    assert!(total >= 10, "the guide has live quizzes ({total})");
    for kind in ["single", "multiple", "text", "number", "order"] {
        assert!(
            all_html.contains(&format!("data-kind=\"{kind}\"")),
            "the guide has a live `{kind}` question"
        );
    }
    assert!(
        !dest.join("answers.html").exists(),
        "the answer key is not in the participants' site"
    );
    let trainer = out.path().join("trainer");
    let trainer_arg = trainer.to_string_lossy().into_owned();
    let (status, _, stderr) = kurssi(&["build", "--trainer", "docs", "-d", &trainer_arg]);
    assert_eq!(status, 0, "kurssi build --trainer docs:\n{stderr}");
    let answers = fs::read_to_string(trainer.join("answers.html")).unwrap();
    assert_eq!(answers.matches("class=\"quiz-key\"").count(), total);
}

// --- quiz examples -----------------------------------------------------

/// A quiz shown as an example: the page, and the block as written.
struct Example {
    page: String,
    block: String,
    /// For a broken example: the first line of the output shown after it.
    expected: Option<String>,
}

/// Every `quiz` block shown inside a `markdown` block. On the error page,
/// each is paired with the first line of the `text` block after it.
fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    for (page, text) in pages() {
        // The examples of the page of messages are courses of their own,
        // each run by `tests/it/messages.rs`.
        if page == "messages.md" {
            continue;
        }
        let top = fences(&lines_of(&text));
        for (i, fence) in top.iter().enumerate() {
            if !matches!(fence.lang(), "markdown" | "md") {
                continue;
            }
            for quiz in fences(&fence.body).iter().filter(|f| f.lang() == "quiz") {
                let expected = (page == "quizzes/errors.md").then(|| {
                    let next = top.get(i + 1).filter(|f| f.lang() == "text");
                    let first = next.and_then(|f| f.body.first());
                    first
                        .unwrap_or_else(|| panic!("{page}: no output after {}", quiz.open))
                        .clone()
                });
                out.push(Example {
                    block: expand_includes(&quiz.text(), &page),
                    page: page.clone(),
                    expected,
                });
            }
        }
    }
    out
}

/// A course with one page per block; its book.toml sets src = "src".
fn course_of(blocks: &[&str]) -> TestCourse {
    let course = TestCourse::with_files(&[("book.toml", "[book]\ntitle = \"Examples\"\n")]);
    for (i, block) in blocks.iter().enumerate() {
        course.write(
            &format!("src/ex-{i:02}.md"),
            format!("# Example {i}\n\n{block}"),
        );
    }
    course
}

/// The guide's quiz examples that show an error message (`true`), or the
/// ones that show a working quiz (`false`).
fn examples_expecting_errors(errors: bool) -> Vec<Example> {
    examples()
        .into_iter()
        .filter(|e| e.expected.is_some() == errors)
        .collect()
}

#[test]
fn every_quiz_example_outside_the_error_page_is_a_real_quiz() {
    let good = examples_expecting_errors(false);
    assert!(good.len() >= 8, "the guide shows quiz examples");
    let blocks: Vec<&str> = good.iter().map(|e| e.block.as_str()).collect();
    let run = course_of(&blocks).run(&["check", "--deny-warnings"]);
    if run.status != 0 {
        let pages: Vec<String> = good
            .iter()
            .enumerate()
            .map(|(i, e)| format!("src/ex-{i:02}.md is from {}", e.page))
            .collect();
        panic!("{}\n\n{}", run.stderr, pages.join("\n"));
    }
}

/// The messages of a run, by the file they are about: `error: ...` or
/// `warning: ...` lines, each followed by a `┌─ PATH:LINE:COL` line.
fn messages_by_file(stderr: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let lines: Vec<&str> = stderr.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !(line.starts_with("error: ") || line.starts_with("warning: ")) {
            continue;
        }
        let Some(at) = lines.get(i + 1).and_then(|l| l.split("┌─ ").nth(1)) else {
            continue;
        };
        let file = at.split(':').next().unwrap_or("").to_owned();
        out.entry(file).or_default().push((*line).to_owned());
    }
    out
}

#[test]
fn every_broken_example_gives_the_message_the_error_page_shows() {
    let bad = examples_expecting_errors(true);
    assert!(bad.len() >= 20, "the error page shows every error");
    let blocks: Vec<&str> = bad.iter().map(|e| e.block.as_str()).collect();
    let run = course_of(&blocks).run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let by_file = messages_by_file(&run.stderr);
    for (i, example) in bad.iter().enumerate() {
        let expected = example.expected.as_deref().unwrap();
        let file = format!("src/ex-{i:02}.md");
        let got = by_file.get(&file).cloned().unwrap_or_default();
        assert!(
            got.iter().any(|m| m == expected),
            "{}: the example\n{}\ngives {got:?}, not {expected:?}\n\n{}",
            example.page,
            example.block,
            run.stderr
        );
    }
}

// --- workflow files ----------------------------------------------------

/// The options of a `--help` text: every `-x` and `--long` at the start of
/// a line of its Options section.
fn options_of(help: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_options = false;
    for line in help.lines() {
        // `Options:`, and Cargo's `Manifest Options:` and the like.
        if !line.starts_with(' ') && line.trim_end().ends_with("Options:") {
            in_options = true;
            continue;
        }
        if !line.starts_with(' ') {
            in_options = false;
        }
        let t = line.trim_start();
        if !in_options || !t.starts_with('-') {
            continue;
        }
        let spec = t.split("  ").next().unwrap_or("");
        for word in spec.split([',', ' ']) {
            let word = word.split(['=', '<']).next().unwrap_or("");
            if word.starts_with('-') && word.len() > 1 {
                out.insert(word.to_owned());
            }
        }
    }
    out
}

/// The commands listed by `kurssi --help`.
fn commands_of(help: &str) -> BTreeSet<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// Every `kurssi ...` invocation in a CI file, as its words: each line is
/// stripped of a YAML list dash and a `run:` or `script:` key, then split
/// into commands at `&&`, `||`, `;` and `|`.
fn invocations(ci: &str) -> Vec<Vec<String>> {
    invocations_of(ci, "kurssi")
}

/// Every invocation of `program` in a CI file or shell text, as its words.
fn invocations_of(ci: &str, program: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in ci.lines() {
        let mut t = line.trim();
        if t.starts_with('#') {
            continue;
        }
        t = t.strip_prefix("- ").unwrap_or(t).trim_start();
        for key in ["run:", "script:", "before_script:", "after_script:"] {
            if let Some(rest) = t.strip_prefix(key) {
                t = rest.trim_start();
            }
        }
        let t = t.replace("&&", ";").replace("||", ";").replace('|', ";");
        for command in t.split(';') {
            let words: Vec<String> = command
                .split_whitespace()
                .map(|w| w.trim_matches(['"', '\'']).to_owned())
                .collect();
            if words.first().is_some_and(|w| w == program) {
                out.push(words);
            }
        }
    }
    out
}

/// The help texts of the real binary: `""` for the top level, else per command.
struct Help {
    texts: BTreeMap<String, String>,
}

impl Help {
    fn new() -> Help {
        Help {
            texts: BTreeMap::new(),
        }
    }

    fn of(&mut self, command: &str) -> &str {
        self.texts.entry(command.to_owned()).or_insert_with(|| {
            let mut args: Vec<&str> = Vec::new();
            if !command.is_empty() {
                args.push(command);
            }
            args.push("--help");
            let (status, stdout, stderr) = kurssi(&args);
            assert_eq!(status, 0, "kurssi {command} --help: {stderr}");
            stdout
        })
    }

    /// What is wrong with one invocation (its words, `kurssi` first).
    fn problems(&mut self, words: &[String]) -> Vec<String> {
        let shown = words.join(" ");
        let mut problems = Vec::new();
        let top_options = options_of(self.of(""));
        let commands = commands_of(self.of(""));
        let mut rest = words[1..].iter();
        let command = loop {
            match rest.next() {
                Some(w) if w.starts_with('-') => {
                    if !top_options.contains(w.as_str()) {
                        problems.push(format!("`{shown}`: kurssi has no option `{w}`"));
                    }
                }
                Some(w) => break Some(w.clone()),
                None => break None,
            }
        };
        let Some(command) = command else {
            // `kurssi --version` and `kurssi --help` need no command.
            if words.len() == 1 {
                problems.push(format!("`{shown}`: no command"));
            }
            return problems;
        };
        if !commands.contains(&command) {
            problems.push(format!("`{shown}`: kurssi has no command `{command}`"));
            return problems;
        }
        let options = options_of(self.of(&command));
        for w in rest {
            if w == "--" {
                break;
            }
            let flag = w.split('=').next().unwrap_or(w);
            let flags: Vec<String> = if flag.starts_with("--") {
                vec![flag.to_owned()]
            } else if flag.starts_with('-') && flag.len() > 1 {
                flag[1..].chars().map(|c| format!("-{c}")).collect()
            } else {
                continue;
            };
            for f in flags {
                if !options.contains(&f) {
                    problems.push(format!("`{shown}`: `kurssi {command}` has no option `{f}`"));
                }
            }
        }
        problems
    }
}

#[test]
fn a_made_up_command_or_option_in_a_workflow_is_caught() {
    let ci = "steps:\n  - run: kurssi deploy\n  - run: kurssi build --no-such-flag -d public\n  - run: cargo install kurssi && kurssi check --deny-warnings docs\n  - kurssi -q build -x\n  # kurssi nonsense in a comment\n";
    let found = invocations(ci);
    assert_eq!(found.len(), 4, "{found:?}");
    let mut help = Help::new();
    let problems: Vec<String> = found.iter().flat_map(|w| help.problems(w)).collect();
    assert_eq!(
        problems,
        [
            "`kurssi deploy`: kurssi has no command `deploy`",
            "`kurssi build --no-such-flag -d public`: `kurssi build` has no option `--no-such-flag`",
            "`kurssi -q build -x`: `kurssi build` has no option `-x`",
        ]
    );
}

#[test]
fn the_example_workflows_run_real_commands_and_are_in_the_guide() {
    let mut help = Help::new();
    for name in WORKFLOWS {
        let path = repo().join("docs/examples").join(name);
        let ci = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = invocations(&ci);
        let commands: BTreeSet<&str> = found.iter().map(|w| w[1].as_str()).collect();
        assert!(
            commands.contains("check") && commands.contains("build"),
            "{name} checks and builds the course: {found:?}"
        );
        assert!(
            found
                .iter()
                .any(|w| w[1] == "check" && w.iter().any(|x| x == "--deny-warnings")),
            "{name} checks with --deny-warnings"
        );
        let problems: Vec<String> = found.iter().flat_map(|w| help.problems(w)).collect();
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));

        let include = format!("{{{{#include ../../examples/{name}}}}}");
        let shown = pages()
            .iter()
            .any(|(page, text)| page.starts_with("publishing/") && text.contains(&include));
        assert!(shown, "a publishing page includes {name} with `{include}`");
    }
}

#[test]
fn the_command_reference_names_every_command_and_option() {
    let reference = fs::read_to_string(docs_src().join("commands.md")).unwrap();
    let mut help = Help::new();
    let commands = commands_of(help.of(""));
    for command in commands.iter().filter(|c| *c != "help") {
        assert!(
            reference.contains(&format!("## kurssi {command}")),
            "commands.md has a section for `kurssi {command}`"
        );
        for option in options_of(help.of(command)) {
            assert!(
                reference.contains(&format!("`{option}")),
                "commands.md names `{option}` of `kurssi {command}`"
            );
        }
    }
}

// --- install commands --------------------------------------------------

/// The lines of a guide page's shell blocks (`sh`, `console` and the like).
fn shell_lines(page: &str) -> String {
    let text = fs::read_to_string(docs_src().join(page)).unwrap();
    let mut out = Vec::new();
    for fence in fences(&lines_of(&text)) {
        if matches!(fence.lang(), "sh" | "console" | "bash" | "shell") {
            out.extend(fence.body.iter().cloned());
        }
    }
    out.join("\n")
}

/// What is wrong with a `cargo ...` invocation: `cargo SUB --help` must
/// succeed and name every option given.
fn cargo_problems(words: &[String], helps: &mut BTreeMap<String, String>) -> Vec<String> {
    let shown = words.join(" ");
    let Some(sub) = words.get(1).filter(|w| !w.starts_with('-')) else {
        return vec![format!("`{shown}`: no cargo command")];
    };
    let help = helps.entry(sub.clone()).or_insert_with(|| {
        let out = Command::new(env!("CARGO"))
            .args([sub.as_str(), "--help"])
            .output()
            .expect("run cargo");
        if out.status.success() {
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            String::new()
        }
    });
    if help.is_empty() {
        return vec![format!("`{shown}`: `cargo {sub} --help` fails")];
    }
    let options = options_of(help);
    words[2..]
        .iter()
        .filter(|w| w.starts_with('-'))
        .map(|w| w.split('=').next().unwrap_or(w))
        .filter(|flag| !options.contains(*flag))
        .map(|flag| format!("`{shown}`: `cargo {sub}` has no option `{flag}`"))
        .collect()
}

/// The installer's options in an `sh install.sh ...` or `... | sh -s -- ...`
/// invocation; `None` for any other `sh` command.
fn installer_flags(words: &[String]) -> Option<Vec<String>> {
    let rest = match words.get(1).map(String::as_str) {
        Some(script) if script.ends_with("install.sh") || script.ends_with("install-kurssi.sh") => {
            &words[2..]
        }
        Some("-s") if words.get(2).is_some_and(|w| w == "--") => &words[3..],
        _ => return None,
    };
    Some(
        rest.iter()
            .filter(|w| w.starts_with('-'))
            .map(|w| w.split('=').next().unwrap_or(w).to_owned())
            .collect(),
    )
}

#[test]
fn every_install_command_in_the_workflows_and_the_install_pages_exists() {
    let mut sources: Vec<(String, String)> = Vec::new();
    for name in WORKFLOWS {
        let path = repo().join("docs/examples").join(name);
        sources.push((name.to_string(), fs::read_to_string(path).unwrap()));
    }
    let release = fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    sources.push(("release.yml".into(), release.clone()));
    for page in ["install.md", "getting-started.md"] {
        sources.push((page.to_string(), shell_lines(page)));
    }

    let installer = Command::new("sh")
        .arg(repo().join("install.sh"))
        .arg("--help")
        .output()
        .expect("run sh install.sh --help");
    assert!(installer.status.success(), "sh install.sh --help");
    let installer_help = String::from_utf8_lossy(&installer.stdout).into_owned();
    assert!(installer_help.contains("--version"), "{installer_help}");

    let mut help = Help::new();
    let mut cargo_helps = BTreeMap::new();
    let mut problems = Vec::new();
    let (mut kurssi_seen, mut cargo_seen, mut installer_seen) = (0, 0, 0);
    for (name, text) in &sources {
        for words in invocations_of(text, "kurssi") {
            kurssi_seen += 1;
            problems.extend(
                help.problems(&words)
                    .into_iter()
                    .map(|p| format!("{name}: {p}")),
            );
        }
        let cargo = invocations_of(text, "cargo");
        for words in &cargo {
            cargo_seen += 1;
            let found = cargo_problems(words, &mut cargo_helps);
            problems.extend(found.into_iter().map(|p| format!("{name}: {p}")));
        }
        let installs: Vec<Vec<String>> = invocations_of(text, "sh")
            .iter()
            .filter_map(|w| installer_flags(w))
            .collect();
        for flags in &installs {
            installer_seen += 1;
            for flag in flags {
                let known = installer_help
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{flag} ")));
                if !known {
                    problems.push(format!("{name}: install.sh has no option `{flag}`"));
                }
            }
        }
        if name.ends_with(".yml") && name != "release.yml" {
            assert!(
                installs.iter().any(|f| f.iter().any(|x| x == "--version")),
                "{name} installs a pinned release with the installer"
            );
            assert!(
                cargo.iter().any(|w| w[1] == "install"),
                "{name} falls back to `cargo install`"
            );
        }
    }
    assert!(
        problems.is_empty(),
        "commands that do not exist:\n{}",
        problems.join("\n")
    );
    assert!(kurssi_seen >= 8 && cargo_seen >= 4 && installer_seen >= 3);
    assert!(
        release.contains("scripts/package-release --target")
            && release.contains("scripts/package-release --checksums"),
        "the release workflow packs with the script the tests run"
    );

    // The checks catch a made-up cargo command, cargo option and installer option.
    let bad = invocations_of(
        "cargo instal kurssi; cargo install --no-such kurssi",
        "cargo",
    );
    let mut found: Vec<String> = bad
        .iter()
        .flat_map(|w| cargo_problems(w, &mut cargo_helps))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "`cargo instal kurssi`: `cargo instal --help` fails",
            "`cargo install --no-such kurssi`: `cargo install` has no option `--no-such`",
        ]
    );
    let words: Vec<String> = ["sh", "-s", "--", "--versio", "v1"]
        .map(String::from)
        .into();
    assert_eq!(installer_flags(&words), Some(vec!["--versio".to_owned()]));
}
