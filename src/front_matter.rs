//! Front matter: TOML between `+++` lines or YAML between `---` lines at the
//! top of a page, read into one typed struct.
//!
//! Both formats are first read into a generic value with the position of each
//! key, then checked key by key by hand rather than through serde's derive, so
//! that one page reports every bad key (not only the first) and each problem
//! points at its own line in the page.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Sources};

/// The keys a page's front matter may set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct FrontMatter {
    /// Page title; without it the first heading is the title.
    pub title: Option<String>,
    /// One-sentence description (meta description, module cards).
    pub description: Option<String>,
    /// Learning objectives, shown on module overview pages.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Estimated duration in minutes.
    pub duration: Option<u32>,
    /// Order among siblings in folder order (lower first).
    pub weight: Option<i64>,
    /// A draft page is not built.
    #[serde(default)]
    pub draft: bool,
    /// Percentage needed to pass this page's quizzes.
    pub pass_mark: Option<u8>,
    /// In a translation: the page of the default language it translates
    /// (its path under that language's source folder), with the offset of
    /// the value in the page file.
    #[serde(skip)]
    pub translation_of: Option<(String, usize)>,
}

/// The keys [`FrontMatter`] understands, as written in a page.
const KEYS: &[&str] = &[
    "title",
    "description",
    "objectives",
    "duration",
    "weight",
    "draft",
    "pass-mark",
    "translation-of",
];

/// Reads the front matter of a loaded page. Returns the front matter (the
/// default when the page has none or it is broken) and the byte offset where
/// the Markdown body starts. Problems are pushed to `diags`.
pub fn parse(sources: &Sources, file: FileId, diags: &mut Vec<Diagnostic>) -> (FrontMatter, usize) {
    let text: &str = &sources.get(file).text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (first, first_end) = line_at(text, start);
    let delim = match first.trim_end() {
        "+++" => "+++",
        "---" => "---",
        _ => return (FrontMatter::default(), start),
    };
    let mut pos = first_end;
    let close = loop {
        if pos >= text.len() {
            break None;
        }
        let (line, end) = line_at(text, pos);
        if line.trim_end() == delim {
            break Some((pos, end));
        }
        pos = end;
    };
    let Some((close_start, body_offset)) = close else {
        diags.push(
            Diagnostic::error(
                file,
                start..start + 3,
                "this front matter block is never closed",
            )
            .with_note(format!("end it with a line holding only `{delim}`")),
        );
        return (FrontMatter::default(), start);
    };
    let fragment = &text[first_end..close_start];
    let mut reader = Reader {
        file,
        base: first_end,
        diags,
        front: FrontMatter::default(),
    };
    let entries = if delim == "+++" {
        reader.toml_entries(fragment)
    } else {
        reader.yaml_entries(fragment)
    };
    for entry in entries {
        reader.entry(entry);
    }
    (reader.front, body_offset)
}

/// The line starting at `start` (without its line break) and where the next begins.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    match text[start..].find('\n') {
        Some(i) => (&text[start..start + i], start + i + 1),
        None => (&text[start..], text.len()),
    }
}

/// A front matter value in a form both formats convert to.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    List(Vec<Val>),
    /// Anything else, named for the message (`a table`, `a date`).
    Other(&'static str),
}

/// One `key = value` of the front matter, with spans relative to the fragment.
struct Entry {
    key: String,
    key_span: Range<usize>,
    value: Val,
    value_span: Range<usize>,
}

struct Reader<'a> {
    file: FileId,
    /// Offset of the fragment in the page.
    base: usize,
    diags: &'a mut Vec<Diagnostic>,
    front: FrontMatter,
}

impl Reader<'_> {
    fn toml_entries(&mut self, fragment: &str) -> Vec<Entry> {
        match toml::from_str::<BTreeMap<Spanned<String>, Spanned<toml::Value>>>(fragment) {
            Ok(map) => map
                .into_iter()
                .map(|(k, v)| Entry {
                    key_span: k.span(),
                    value_span: v.span(),
                    key: k.into_inner(),
                    value: from_toml(v.into_inner()),
                })
                .collect(),
            Err(e) => {
                let span = self.shift(e.span().unwrap_or(0..0));
                self.diags.push(
                    Diagnostic::error(
                        self.file,
                        span,
                        format!("the front matter is not valid TOML: {}", e.message().trim()),
                    )
                    .with_note("fix the line shown; text needs double quotes: `title = \"Safe ladder use\"`"),
                );
                Vec::new()
            }
        }
    }

    fn yaml_entries(&mut self, fragment: &str) -> Vec<Entry> {
        let value = match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(fragment) {
            Ok(v) => v,
            Err(e) => {
                let at = e
                    .location()
                    .map_or(0, |l| offset_of(fragment, l.line(), l.column()));
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                let span = self.shift(at..at);
                let mut d = Diagnostic::error(
                    self.file,
                    span,
                    format!("the front matter is not valid YAML: {message}"),
                );
                if let Some(note) = yaml_hint(fragment, message) {
                    d = d.with_note(note);
                }
                self.diags.push(d);
                return Vec::new();
            }
        };
        let map = match value {
            serde_yaml_ng::Value::Null => return Vec::new(),
            serde_yaml_ng::Value::Mapping(m) => m,
            _ => {
                let span = self.shift(0..0);
                self.diags.push(
                    Diagnostic::error(
                        self.file,
                        span,
                        "the front matter must be `key: value` lines",
                    )
                    .with_note("write one setting per line, such as `title: Safe ladder use`"),
                );
                return Vec::new();
            }
        };
        map.into_iter()
            .map(|(k, v)| {
                let key = match from_yaml(k) {
                    Val::Str(s) => s,
                    Val::Int(n) => n.to_string(),
                    Val::Bool(b) => b.to_string(),
                    other => format!("{other:?}"),
                };
                let (key_span, value_span) = yaml_key_spans(fragment, &key);
                Entry {
                    key,
                    key_span,
                    value: from_yaml(v),
                    value_span,
                }
            })
            .collect()
    }

    fn entry(&mut self, e: Entry) {
        let span = e.value_span.clone();
        let value_at = self.shift(span.clone()).start;
        let front = &mut self.front;
        let result = match e.key.as_str() {
            "title" => text(e.value).map(|v| front.title = v),
            "description" => text(e.value).map(|v| front.description = v),
            "objectives" => texts(e.value).map(|v| front.objectives = v),
            "duration" => whole(
                e.value,
                0,
                u32::MAX.into(),
                "a whole number of minutes, 0 or more",
            )
            .map(|v| front.duration = v.map(|n| n as u32)),
            "weight" => whole(e.value, i64::MIN.into(), i64::MAX.into(), "a whole number")
                .map(|v| front.weight = v.map(|n| n as i64)),
            "draft" => match e.value {
                Val::Bool(b) => {
                    front.draft = b;
                    Ok(())
                }
                Val::Null => Ok(()),
                _ => Err("true or false"),
            },
            "pass-mark" => whole(e.value, 0, 100, "a whole number from 0 to 100")
                .map(|v| front.pass_mark = v.map(|n| n as u8)),
            "translation-of" => {
                text(e.value).map(|v| front.translation_of = v.map(|path| (path, value_at)))
            }
            key => {
                let mut d = Diagnostic::warning(
                    self.file,
                    self.shift(e.key_span),
                    format!("unknown front matter key `{key}` is ignored"),
                );
                if let Some(hint) = crate::suggest::did_you_mean(key, KEYS.iter().copied()) {
                    d = d.with_note(hint);
                }
                self.diags.push(d);
                Ok(())
            }
        };
        if let Err(expected) = result {
            self.error(span, format!("`{}` must be {expected}", e.key));
        }
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        self.base + span.start..self.base + span.end
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        let span = self.shift(span);
        self.diags.push(Diagnostic::error(self.file, span, message));
    }
}

/// A text value; numbers and booleans count as text (`title: 1984` in YAML).
fn text(v: Val) -> Result<Option<String>, &'static str> {
    match v {
        Val::Null => Ok(None),
        Val::Str(s) => Ok(Some(s)),
        Val::Int(n) => Ok(Some(n.to_string())),
        Val::Float(f) => Ok(Some(f.to_string())),
        Val::Bool(b) => Ok(Some(b.to_string())),
        _ => Err("text"),
    }
}

/// A list of texts; a single text is a list of one.
fn texts(v: Val) -> Result<Vec<String>, &'static str> {
    const EXPECTED: &str = "a list of texts";
    match v {
        Val::Null => Ok(Vec::new()),
        Val::List(items) => items
            .into_iter()
            .map(|i| match text(i) {
                Ok(Some(s)) => Ok(s),
                _ => Err(EXPECTED),
            })
            .collect(),
        other => match text(other) {
            Ok(Some(s)) => Ok(vec![s]),
            _ => Err(EXPECTED),
        },
    }
}

/// A whole number in `min..=max`.
fn whole(
    v: Val,
    min: i128,
    max: i128,
    expected: &'static str,
) -> Result<Option<i128>, &'static str> {
    match v {
        Val::Null => Ok(None),
        Val::Int(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(expected),
    }
}

fn from_toml(v: toml::Value) -> Val {
    match v {
        toml::Value::String(s) => Val::Str(s),
        toml::Value::Integer(n) => Val::Int(n.into()),
        toml::Value::Float(f) => Val::Float(f),
        toml::Value::Boolean(b) => Val::Bool(b),
        toml::Value::Datetime(_) => Val::Other("a date"),
        toml::Value::Array(items) => Val::List(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(_) => Val::Other("a table"),
    }
}

/// What to do about a YAML error, in words: the parser's own names
/// ("token", "mapping values") mean nothing to a trainer.
fn yaml_hint(fragment: &str, message: &str) -> Option<&'static str> {
    if message.contains("cannot start any token") && fragment.contains('\t') {
        Some("YAML does not allow tabs: indent with spaces")
    } else if message.contains("mapping values are not allowed") {
        Some("a value that holds `: ` must be quoted: `title: \"Rule 1: three steps\"`")
    } else if message.contains("did not find expected") {
        Some("check the line's indentation and that every quote that opens also closes")
    } else {
        None
    }
}

fn from_yaml(v: serde_yaml_ng::Value) -> Val {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::Null => Val::Null,
        Y::Bool(b) => Val::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Val::Int(i.into())
            } else if let Some(u) = n.as_u64() {
                Val::Int(u.into())
            } else {
                Val::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Y::String(s) => Val::Str(s),
        Y::Sequence(items) => Val::List(items.into_iter().map(from_yaml).collect()),
        Y::Mapping(_) => Val::Other("a table"),
        Y::Tagged(_) => Val::Other("a tagged value"),
    }
}

/// Byte offset of a 1-based line and character column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let (rest, _) = line_at(text, start);
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Where a top-level YAML key and its value are written. serde_yaml_ng keeps
/// no positions, so this looks for an unindented `key:` line; a value on
/// later lines (a block list) is reported at the key.
fn yaml_key_spans(fragment: &str, key: &str) -> (Range<usize>, Range<usize>) {
    let quoted = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")];
    let mut start = 0;
    while start < fragment.len() {
        let (line, next) = line_at(fragment, start);
        let found = quoted.iter().find(|q| {
            line.strip_prefix(q.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
        if let Some(q) = found {
            let key_span = start..start + q.len();
            let after_key = &line[q.len()..];
            let colon = q.len() + (after_key.len() - after_key.trim_start().len()) + 1;
            let after_colon = &line[colon..];
            let value = after_colon.trim();
            if value.is_empty() {
                return (key_span.clone(), key_span);
            }
            let value_start = start + colon + (after_colon.len() - after_colon.trim_start().len());
            return (key_span, value_start..value_start + value.len());
        }
        start = next;
    }
    (0..0, 0..0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, usize, Vec<String>) {
        let mut sources = Sources::default();
        let id = sources.add("m/p.md", text);
        let mut diags = Vec::new();
        let (front, offset) = parse(&sources, id, &mut diags);
        let lines = diags.iter().map(|d| d.one_line(&sources)).collect();
        (front, offset, lines)
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(read("# Hi\n"), (FrontMatter::default(), 0, vec![]));
        assert_eq!(read("\u{feff}# Hi\n").1, 3);
        assert_eq!(read("").1, 0);
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"T\"\nobjectives = [\"a\", \"b\"]\nduration = 30\nweight = -2\ndraft = true\npass-mark = 80\n+++\n# Body\n";
        let (front, offset, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(&text[offset..], "# Body\n");
        assert_eq!(
            front,
            FrontMatter {
                title: Some("T".into()),
                description: None,
                objectives: vec!["a".into(), "b".into()],
                duration: Some(30),
                weight: Some(-2),
                draft: true,
                pass_mark: Some(80),
                translation_of: None,
            }
        );
    }

    #[test]
    fn yaml_front_matter_with_bom_and_crlf() {
        let text =
            "\u{feff}---\r\ntitle: Hei\r\nobjectives:\r\n  - yksi\r\npass-mark: 50\r\n---\r\nBody";
        let (front, offset, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(&text[offset..], "Body");
        assert_eq!(front.title.as_deref(), Some("Hei"));
        assert_eq!(front.objectives, vec!["yksi".to_owned()]);
        assert_eq!(front.pass_mark, Some(50));
    }

    #[test]
    fn empty_blocks() {
        assert_eq!(read("---\n---\nx").1, 8);
        assert_eq!(read("+++\n+++\n").1, 8);
        assert_eq!(read("+++\n+++").1, 7);
    }

    #[test]
    fn unknown_keys_warn_at_their_line() {
        let (_, _, diags) = read("+++\ntitle = \"T\"\ntags = [\"x\"]\n+++\n");
        assert_eq!(
            diags,
            vec!["warning: m/p.md:3:1: unknown front matter key `tags` is ignored"]
        );
        let (_, _, diags) = read("---\ntitle: T\n\npass_mark: 3\n---\n");
        assert_eq!(
            diags,
            vec!["warning: m/p.md:4:1: unknown front matter key `pass_mark` is ignored"]
        );
    }

    #[test]
    fn type_errors_at_their_line_and_all_reported() {
        let (front, _, diags) =
            read("+++\ntitle = \"ok\"\nduration = -5\npass-mark = 101\ndraft = \"yes\"\n+++\n");
        assert_eq!(front.title.as_deref(), Some("ok"));
        assert_eq!(
            diags,
            vec![
                "error: m/p.md:5:9: `draft` must be true or false",
                "error: m/p.md:3:12: `duration` must be a whole number of minutes, 0 or more",
                "error: m/p.md:4:13: `pass-mark` must be a whole number from 0 to 100",
            ]
        );
        let (_, _, diags) = read("---\ntitle: T\nweight: heavy\n---\n");
        assert_eq!(
            diags,
            vec!["error: m/p.md:3:9: `weight` must be a whole number"]
        );
    }

    #[test]
    fn syntax_errors_at_their_line() {
        let (_, offset, diags) = read("+++\ntitle = \"T\"\nweight = \n+++\nbody");
        assert_eq!(offset, 30);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("error: m/p.md:3:"), "{diags:?}");
        assert!(diags[0].contains("not valid TOML"), "{diags:?}");
        let (_, _, diags) = read("---\ntitle: T\nweight: [1\ndraft: true\n---\n");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("error: m/p.md:4:"), "{diags:?}");
        assert!(diags[0].contains("not valid YAML"), "{diags:?}");
        assert!(!diags[0].contains(" at line "), "{diags:?}");
    }

    #[test]
    fn unclosed_block_is_an_error_at_the_opening_line() {
        let (_, offset, diags) = read("\n---\ntitle: x\n");
        assert_eq!(
            (offset, diags.len()),
            (0, 0),
            "a later --- is not front matter"
        );
        let (_, offset, diags) = read("---\ntitle: x\n\n# Body\n");
        assert_eq!(offset, 0);
        assert_eq!(
            diags,
            vec!["error: m/p.md:1:1: this front matter block is never closed"]
        );
    }

    #[test]
    fn yaml_that_is_not_a_mapping() {
        let (_, _, diags) = read("---\n- a\n---\n");
        assert_eq!(
            diags,
            vec!["error: m/p.md:2:1: the front matter must be `key: value` lines"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_without_panic(text in "(\\+\\+\\+|---)\n[-+a-z:=\"'\\[\\] 0-9\nä\r]{0,60}") {
            let _ = read(&text);
        }
    }
}
