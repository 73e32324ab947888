//! mdbook-quiz's TOML quiz files as kurssi's Markdown quiz syntax, for
//! `{{#quiz file.toml}}` in a page (rendered as if the page held the
//! ```` ```quiz ```` block) and for `kurssi convert mdbook-quiz`.
//!
//! - `MultipleChoice`: the answer (a string, or an array for several right
//!   ones) and the `distractors` as choices, in a fixed shuffled order
//!   (mdbook-quiz shuffles them too), sorted when `sortAnswers` is set, the
//!   answer at `answerIndex` when that is set;
//! - `ShortAnswer`: `answer` and `alternatives` as a `{.text}` question;
//! - `Tracing`: the program as a code block with its output as a `{.text}`
//!   answer, or, when `doesCompile = false`, a "does it compile?" choice;
//! - `context` is the explanation, `id` a comment before the question.
//!
//! Every field is Markdown, kept as written. A TOML error or an unknown
//! field is a [`Problem`] at its byte span in the TOML text.

use std::ops::Range;

use serde::Deserialize;
use toml::{Spanned, Table, Value};

/// Something wrong in a quiz file, at a byte span of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the TOML text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

const TOP_KEYS: &[&str] = &["questions", "multipart"];
const QUESTION_KEYS: &[&str] = &[
    "type",
    "id",
    "prompt",
    "answer",
    "context",
    "promptExplanation",
    "multipart",
];

/// The quiz as the body of a ```` ```quiz ```` block (without the fences),
/// or every problem found.
pub fn to_markdown(toml_text: &str) -> Result<String, Vec<Problem>> {
    #[derive(Deserialize)]
    struct Doc {
        #[serde(default)]
        questions: Vec<Spanned<Table>>,
    }
    let whole = |message: String| Problem {
        span: 0..0,
        message,
    };
    let top: Table = toml::from_str(toml_text).map_err(|e| vec![toml_error(&e)])?;
    let doc: Doc = toml::from_str(toml_text).map_err(|e| vec![toml_error(&e)])?;
    let mut problems = Vec::new();
    for key in top.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            problems.push(Problem {
                span: key_span(toml_text, 0..toml_text.len(), key),
                message: format!("unknown field `{key}` in an mdbook-quiz file"),
            });
        }
    }
    if doc.questions.is_empty() {
        problems.push(whole(
            "this quiz file has no questions: add a `[[questions]]` table".to_owned(),
        ));
    }
    let mut out = String::new();
    for (n, q) in doc.questions.iter().enumerate() {
        match question(toml_text, q.span(), q.get_ref(), n) {
            Ok(md) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&md);
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A fenced ```` ```quiz ```` block holding `body`, with a fence longer
/// than any backtick run inside.
pub fn fenced(body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}quiz\n{body}{fence}\n")
}

fn toml_error(e: &toml::de::Error) -> Problem {
    Problem {
        span: e.span().unwrap_or(0..0),
        message: e.message().trim().to_owned(),
    }
}

/// Where `key` is written inside `within`: the line that sets it (also as
/// `prompt.key` or `answer.key`), else the start of `within`.
fn key_span(text: &str, within: Range<usize>, key: &str) -> Range<usize> {
    let part = text.get(within.clone()).unwrap_or("");
    let mut offset = within.start;
    for line in part.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let mut candidates = vec![trimmed];
        for prefix in ["prompt.", "answer."] {
            if let Some(rest) = trimmed.strip_prefix(prefix) {
                candidates.push(rest);
            }
        }
        for c in candidates {
            let c = c.strip_prefix('"').unwrap_or(c);
            if let Some(rest) = c.strip_prefix(key) {
                if rest.starts_with([' ', '=', '.', '"', '\t']) {
                    let start = offset + lead + (trimmed.len() - c.len());
                    return start..start + key.len();
                }
            }
        }
        offset += line.len();
    }
    within.start..within.start
}

/// What a question's fields may hold.
struct Fields<'t> {
    text: &'t str,
    span: Range<usize>,
    problems: Vec<Problem>,
}

impl Fields<'_> {
    fn problem(&mut self, key: &str, message: String) {
        let span = key_span(self.text, self.span.clone(), key);
        self.problems.push(Problem { span, message });
    }

    /// Reports keys of `table` (named `what`) outside `allowed`.
    fn only(&mut self, table: &Table, what: &str, allowed: &[&str]) {
        for key in table.keys() {
            if !allowed.contains(&key.as_str()) {
                let known = allowed
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.problem(
                    key,
                    format!("unknown field `{key}` in {what}; it takes {known}"),
                );
            }
        }
    }

    fn table<'v>(&mut self, q: &'v Table, key: &str) -> Option<&'v Table> {
        match q.get(key) {
            Some(Value::Table(t)) => Some(t),
            Some(_) => {
                self.problem(
                    key,
                    format!("`{key}` must be a table (`{key}.field = ...`)"),
                );
                None
            }
            None => {
                let at = self.span.start..self.span.start;
                self.problems.push(Problem {
                    span: at,
                    message: format!("this question has no `{key}`"),
                });
                None
            }
        }
    }

    /// The string at `path` (`answer.stdout`: the last part is looked up
    /// in `t`; the whole path names it in messages).
    fn string(&mut self, t: &Table, path: &str, required: bool) -> Option<String> {
        let key = path.rsplit('.').next().unwrap_or(path);
        match t.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.problem(key, format!("`{path}` must be a string"));
                None
            }
            None => {
                if required {
                    let at = self.span.start..self.span.start;
                    self.problems.push(Problem {
                        span: at,
                        message: format!("this question has no `{path}`"),
                    });
                }
                None
            }
        }
    }

    fn strings(&mut self, t: &Table, key: &str) -> Option<Vec<String>> {
        match t.get(key) {
            None => Some(Vec::new()),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => {
                            self.problem(key, format!("every item of `{key}` must be a string"));
                            return None;
                        }
                    }
                }
                Some(out)
            }
            Some(_) => {
                self.problem(key, format!("`{key}` must be an array of strings"));
                None
            }
        }
    }
}

fn question(text: &str, span: Range<usize>, q: &Table, n: usize) -> Result<String, Vec<Problem>> {
    let mut f = Fields {
        text,
        span,
        problems: Vec::new(),
    };
    f.only(q, "a question", QUESTION_KEYS);
    let kind = f.string(q, "type", true);
    let id = f.string(q, "id", false);
    let context = f.string(q, "context", false);
    let prompt = f.table(q, "prompt");
    let answer = f.table(q, "answer");
    let (Some(kind), Some(prompt), Some(answer)) = (kind, prompt, answer) else {
        return Err(f.problems);
    };
    let mut md = String::new();
    if let Some(id) = &id {
        md.push_str(&format!(
            "<!-- mdbook-quiz id: {} -->\n",
            id.replace("--", "- -")
        ));
    }
    match kind.as_str() {
        "MultipleChoice" => {
            f.only(
                prompt,
                "`prompt`",
                &["prompt", "distractors", "answerIndex", "sortAnswers"],
            );
            f.only(answer, "`answer`", &["answer"]);
            let text = f.string(prompt, "prompt.prompt", true);
            let distractors = f.strings(prompt, "distractors");
            let right = match answer.get("answer") {
                Some(Value::String(s)) => Some(vec![s.clone()]),
                Some(Value::Array(_)) => f.strings(answer, "answer"),
                Some(_) => {
                    f.problem(
                        "answer",
                        "`answer` must be a string or an array of strings".into(),
                    );
                    None
                }
                None => {
                    f.problem("answer", "this question has no `answer.answer`".into());
                    None
                }
            };
            let sort = matches!(prompt.get("sortAnswers"), Some(Value::Boolean(true)));
            let index = match prompt.get("answerIndex") {
                Some(Value::Integer(i)) if *i >= 0 => Some(*i as usize),
                Some(_) => {
                    f.problem(
                        "answerIndex",
                        "`answerIndex` must be a number from 0".into(),
                    );
                    None
                }
                None => None,
            };
            let (Some(text), Some(distractors), Some(right)) = (text, distractors, right) else {
                return Err(f.problems);
            };
            if right.is_empty() {
                f.problem("answer", "`answer` names no right answer".into());
                return Err(f.problems);
            }
            let several = right.len() > 1;
            let mut choices: Vec<(String, bool)> = right
                .iter()
                .map(|r| (r.clone(), true))
                .chain(distractors.iter().map(|d| (d.clone(), false)))
                .collect();
            if sort {
                choices.sort_by(|a, b| a.0.cmp(&b.0));
            } else if let (Some(i), false) = (index, several) {
                let answer = choices.remove(0);
                let i = i.min(choices.len());
                choices.insert(i, answer);
            } else {
                let seed = id.clone().unwrap_or_else(|| text.clone());
                let order = crate::quiz::shuffled_order(&seed, n, choices.len());
                choices = order.iter().map(|&i| choices[i].clone()).collect();
            }
            let kind = if several { Some("multiple") } else { None };
            prompt_md(&mut md, &text, kind, n);
            md.push('\n');
            for (k, (choice, right)) in choices.iter().enumerate() {
                let mark = if *right { "[x]" } else { "[ ]" };
                md.push_str(&item(&format!("- {mark} "), choice, k));
            }
        }
        "ShortAnswer" => {
            f.only(prompt, "`prompt`", &["prompt", "response"]);
            f.only(answer, "`answer`", &["answer", "alternatives"]);
            let text = f.string(prompt, "prompt.prompt", true);
            let first = f.string(answer, "answer.answer", true);
            let alternatives = f.strings(answer, "alternatives");
            let (Some(text), Some(first), Some(alternatives)) = (text, first, alternatives) else {
                return Err(f.problems);
            };
            prompt_md(&mut md, &text, Some("text"), n);
            md.push('\n');
            for a in std::iter::once(&first).chain(&alternatives) {
                md.push_str(&format!("- {}\n", literal(a)));
            }
        }
        "Tracing" => {
            f.only(prompt, "`prompt`", &["program"]);
            f.only(answer, "`answer`", &["doesCompile", "stdout", "lineNumber"]);
            let program = f.string(prompt, "prompt.program", true);
            let compiles = match answer.get("doesCompile") {
                Some(Value::Boolean(b)) => Some(*b),
                _ => {
                    f.problem(
                        "doesCompile",
                        "`answer.doesCompile` must be `true` or `false`".into(),
                    );
                    None
                }
            };
            let stdout = f.string(answer, "answer.stdout", false);
            let line = match answer.get("lineNumber") {
                Some(Value::Integer(i)) => Some(*i),
                _ => None,
            };
            let (Some(program), Some(compiles)) = (program, compiles) else {
                return Err(f.problems);
            };
            let code = code_block("rust", &program);
            if compiles {
                md.push_str("## What does this program print? {.text}\n\n");
                md.push_str(&code);
                md.push('\n');
                let printed = stdout.unwrap_or_default();
                let printed = literal(&printed);
                if printed.is_empty() {
                    f.problem(
                        "stdout",
                        "a program that compiles needs its `stdout` as the answer".into(),
                    );
                    return Err(f.problems);
                }
                md.push_str(&format!("- {printed}\n"));
            } else {
                md.push_str("## Does this program compile?\n\n");
                md.push_str(&code);
                md.push('\n');
                md.push_str("- [ ] Yes\n- [x] No\n");
                if let Some(line) = line {
                    md.push_str(&format!("  > The compiler stops at line {line}.\n"));
                }
            }
        }
        other => {
            f.problem(
                "type",
                format!("unknown question type `{other}`; mdbook-quiz has `MultipleChoice`, `ShortAnswer` and `Tracing`"),
            );
            return Err(f.problems);
        }
    }
    if let Some(context) = context.filter(|c| !c.trim().is_empty()) {
        md.push('\n');
        for line in context.trim().lines() {
            md.push_str(if line.trim().is_empty() { ">" } else { "> " });
            md.push_str(line.trim_end());
            md.push('\n');
        }
    }
    if f.problems.is_empty() {
        Ok(md)
    } else {
        Err(f.problems)
    }
}

/// The heading (the prompt's first line, or "Question N" when the prompt
/// starts with something a heading cannot hold) and the rest as its body.
fn prompt_md(md: &mut String, prompt: &str, kind: Option<&str>, n: usize) {
    let prompt = prompt.trim();
    let first_para_end = prompt.find("\n\n").unwrap_or(prompt.len());
    let first = &prompt[..first_para_end];
    let plain = !first.starts_with("```")
        && !first.starts_with("~~~")
        && !first.starts_with("    ")
        && !first
            .lines()
            .any(|l| l.trim_start().starts_with(['#', '>', '-', '*', '|']));
    let (heading, body) = if plain {
        (
            first.lines().map(str::trim).collect::<Vec<_>>().join(" "),
            prompt[first_para_end..].trim(),
        )
    } else {
        (format!("Question {}", n + 1), prompt)
    };
    md.push_str("## ");
    md.push_str(&heading);
    if let Some(kind) = kind {
        md.push_str(&format!(" {{.{kind}}}"));
    }
    md.push('\n');
    if !body.is_empty() {
        md.push('\n');
        md.push_str(body);
        md.push('\n');
    }
}

/// A list item: the first line after `marker`, the rest indented under it.
/// A choice that starts with a code block gets a letter as its label.
fn item(marker: &str, text: &str, k: usize) -> String {
    let text = text.trim();
    let mut out = String::from(marker);
    let starts_with_block = text.starts_with("```") || text.starts_with("~~~");
    let (label, rest) = if starts_with_block {
        let letter = char::from(b'A' + (k % 26) as u8);
        (letter.to_string(), text)
    } else {
        match text.split_once('\n') {
            Some((l, r)) => (l.to_owned(), r),
            None => (text.to_owned(), ""),
        }
    };
    out.push_str(&label);
    out.push('\n');
    if !rest.trim().is_empty() {
        out.push('\n');
        for line in rest.lines() {
            if !line.is_empty() {
                out.push_str("  ");
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A plain-text answer as Markdown that reads back as the same text: every
/// ASCII punctuation character backslash-escaped (`*`, `` ` ``, a leading
/// `1.`...), as CommonMark allows.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in one_line(text).chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn code_block(lang: &str, code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let code = code.trim_matches('\n');
    format!("{fence}{lang}\n{code}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind() {
        let toml = r#"
[[questions]]
id = "q-1"
type = "MultipleChoice"
prompt.prompt = "What is 1 + 1?"
prompt.distractors = ["1", "3"]
answer.answer = "2"
context = "Count them."

[[questions]]
type = "MultipleChoice"
prompt.prompt = "Which are even?"
prompt.distractors = ["1"]
prompt.sortAnswers = true
answer.answer = ["4", "2"]

[[questions]]
type = "ShortAnswer"
prompt.prompt = "The keyword for a variable?"
answer.answer = "let"
answer.alternatives = ["`let`"]

[[questions]]
type = "Tracing"
prompt.program = "fn main() { println!(\"hi\"); }"
answer.doesCompile = true
answer.stdout = "hi"

[[questions]]
type = "Tracing"
prompt.program = "fn main() { let x: u8 = -1; }"
answer.doesCompile = false
answer.lineNumber = 1
"#;
        let md = to_markdown(toml).unwrap();
        insta::assert_snapshot!(md);
    }

    #[test]
    fn answer_index_places_the_answer() {
        let toml = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"P\"\nprompt.distractors = [\"a\", \"b\"]\nprompt.answerIndex = 1\nanswer.answer = \"R\"\n";
        let md = to_markdown(toml).unwrap();
        assert!(md.contains("- [ ] a\n- [x] R\n- [ ] b\n"), "{md}");
    }

    #[test]
    fn unknown_fields_and_toml_errors_are_at_their_line() {
        let toml = "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\"\nanswer.answr = \"x\"\nhint = 1\n";
        let problems = to_markdown(toml).unwrap_err();
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| {
                let line = toml[..p.span.start].matches('\n').count() + 1;
                (line, p.message.as_str())
            })
            .collect();
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 5 && m.contains("unknown field `hint`")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 4 && m.contains("unknown field `answr`")),
            "{lines:?}"
        );
        let bad = to_markdown("[[questions]\n").unwrap_err();
        assert_eq!(bad.len(), 1);
        assert!(bad[0].span.start < 14);
    }

    #[test]
    fn fences_outgrow_the_content() {
        assert_eq!(fenced("x\n"), "```quiz\nx\n```\n");
        assert!(fenced("```rust\n```\n").starts_with("````quiz\n"));
    }
}
