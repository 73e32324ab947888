//! `book.toml`: read with serde into raw tables, then resolved into a typed
//! [`Config`]. mdBook's keys are understood; kurssi's own settings live under
//! `[course]`, `[quiz]` and `[scorm]` (the SCORM [`Version`] and
//! [`Completion`] are settings, so they are defined here and `scorm` takes
//! them from the config). Unknown keys and unsupported preprocessor or
//! renderer tables are warnings naming the key; a malformed file is an error
//! at its line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml::{Table, Value};

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Sources};

/// The resolved course configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Course title (`[book] title`).
    pub title: String,
    /// Authors (`[book] authors`).
    pub authors: Vec<String>,
    /// Course description (`[book] description`).
    pub description: Option<String>,
    /// Language code (`[book] language`), `en` when absent.
    pub language: String,
    /// Source folder relative to the root (`[book] src`, default `src`).
    pub src: PathBuf,
    /// Output folder relative to the root (`[build] build-dir`, default `book`).
    pub build_dir: PathBuf,
    /// Where `build-dir` is written in book.toml, when it is.
    pub build_dir_at: Option<(FileId, std::ops::Range<usize>)>,
    /// Absolute URL the site is published at (`[output.html] site-url`), with a trailing `/`.
    pub site_url: Option<String>,
    /// Link to the course's repository (`[output.html] git-repository-url`).
    pub git_repository_url: Option<String>,
    /// Edit link template with `{path}` (`[output.html] edit-url-template`).
    pub edit_url_template: Option<String>,
    /// Extra stylesheets, relative to the root (`[output.html] additional-css`).
    pub additional_css: Vec<String>,
    /// Extra scripts, relative to the root (`[output.html] additional-js`).
    pub additional_js: Vec<String>,
    /// Theme folder relative to the root: `[course] theme = "name"` gives
    /// `themes/name`, `[output.html] theme` is a path.
    pub theme_dir: Option<PathBuf>,
    /// Highlight code at build time (`[course] highlight`, default true).
    pub highlight: bool,
    /// Typographic quotes in the course language's style (`[course]
    /// smart-quotes`, or mdBook's `[output.html] smart-punctuation`; default
    /// true); false keeps straight quotes.
    pub smart_quotes: bool,
    /// Build the search index (`[course] search`, or `[output.html.search] enable`).
    pub search: bool,
    /// Write `print.html` (`[course] print`, or `[output.html.print] enable`).
    pub print: bool,
    /// `[course] certificate`: a sentence the certificate of completion
    /// shows (what the course covered, who stands behind it).
    pub certificate: Option<String>,
    /// `[course] certificate = false`: no certificate page.
    pub no_certificate: bool,
    /// Overrides of UI strings (`[course.strings]`).
    pub strings: BTreeMap<String, String>,
    /// Percentage needed to pass a quiz (`[quiz] pass-mark`, default 100).
    pub pass_mark: u8,
    /// The course's other languages (`[language.<code>]`), in the order
    /// written; the default language is `language`.
    pub languages: Vec<Language>,
    /// Whether a broken link is an error (the default) or a warning
    /// (`[build] link-check = "warn"`, or `--links warn`), for migrating a
    /// book first and fixing its links next.
    pub links_are_errors: bool,
    /// The LMS package's settings (`[scorm]`).
    pub scorm: ScormConfig,
}

/// `[scorm]`: how `kurssi export scorm` packages the course.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScormConfig {
    /// `version`: `"1.2"` or `"2004"` (the command line's `--version` wins).
    pub version: Option<Version>,
    /// Where `version` is written, for the state budget error.
    pub version_at: Option<(FileId, std::ops::Range<usize>)>,
    /// `completion`: when the course counts as completed.
    pub completion: Completion,
    /// `identifier`: the manifest's identifier (default from the title).
    pub identifier: Option<String>,
}

/// Which SCORM (`[scorm] version`, or `--version` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// SCORM 1.2.
    V12,
    /// SCORM 2004 4th edition.
    #[default]
    V2004,
}

impl Version {
    /// `1.2` or `2004`, as written on the command line and in book.toml.
    pub fn parse(s: &str) -> Option<Version> {
        match s.trim() {
            "1.2" | "12" => Some(Version::V12),
            "2004" | "2004-4" | "2004-4th" => Some(Version::V2004),
            _ => None,
        }
    }

    /// `1.2` or `2004`.
    pub fn label(self) -> &'static str {
        match self {
            Version::V12 => "1.2",
            Version::V2004 => "2004",
        }
    }

    /// The most characters `cmi.suspend_data` may hold.
    pub fn state_limit(self) -> usize {
        match self {
            Version::V12 => 4096,
            Version::V2004 => 64000,
        }
    }
}

/// When the LMS is told the course is completed (`[scorm] completion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Completion {
    /// Every quiz passed (a course without quizzes: every page visited).
    #[default]
    QuizzesPassed,
    /// Every page visited.
    PagesVisited,
    /// Whichever comes first.
    Either,
}

impl Completion {
    /// From its book.toml name.
    pub fn parse(s: &str) -> Option<Completion> {
        match s {
            "quizzes-passed" => Some(Completion::QuizzesPassed),
            "pages-visited" => Some(Completion::PagesVisited),
            "either" => Some(Completion::Either),
            _ => None,
        }
    }

    /// Its book.toml name.
    pub fn name(self) -> &'static str {
        match self {
            Completion::QuizzesPassed => "quizzes-passed",
            Completion::PagesVisited => "pages-visited",
            Completion::Either => "either",
        }
    }
}

/// Whether `id` may be a manifest identifier (an XML `NCName` of plain
/// ASCII: a letter or `_` first, then letters, digits, `-`, `_`, `.`).
pub fn valid_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Config {
    /// The codes of the course's other languages, in book.toml's order.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            authors: Vec::new(),
            description: None,
            language: "en".into(),
            src: PathBuf::from("src"),
            build_dir: PathBuf::from("book"),
            build_dir_at: None,
            site_url: None,
            git_repository_url: None,
            edit_url_template: None,
            additional_css: Vec::new(),
            additional_js: Vec::new(),
            theme_dir: None,
            highlight: true,
            smart_quotes: true,
            search: true,
            print: true,
            certificate: None,
            no_certificate: false,
            strings: BTreeMap::new(),
            pass_mark: 100,
            links_are_errors: true,
            languages: Vec::new(),
            scorm: ScormConfig::default(),
        }
    }
}

/// One more language of the course: `[language.<code>]` in book.toml.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Language {
    /// Its code, as in `[book] language` (`en`, `sv`, `fi`).
    pub code: String,
    /// The course title in it (else the default language's).
    pub title: Option<String>,
    /// The course description in it (else the default language's).
    pub description: Option<String>,
    /// Its source folder, relative to the root.
    pub src: PathBuf,
    /// UI string overrides for it, over `[course.strings]`.
    pub strings: BTreeMap<String, String>,
}

/// mdBook `[output.html]` keys that are valid but have no effect in kurssi.
const IGNORED_HTML_KEYS: &[&str] = &[
    "default-theme",
    "preferred-dark-theme",
    "mathjax-support",
    "copy-fonts",
    "no-section-label",
    "git-repository-icon",
    "input-404",
    "cname",
    "live-reload-endpoint",
    "fold",
    "playground",
    "code",
    "redirect",
    "hash-files",
    "sidebar-header-nav",
];

/// Every table and key that book.toml may hold, per table (the top level
/// is ""), for "did you mean" (with [`IGNORED_HTML_KEYS`] for
/// `output.html`).
const KNOWN: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "book",
            "build",
            "output",
            "preprocessor",
            "course",
            "quiz",
            "rust",
        ],
    ),
    (
        "book",
        &[
            "title",
            "description",
            "language",
            "src",
            "authors",
            "multilingual",
            "text-direction",
        ],
    ),
    (
        "build",
        &[
            "build-dir",
            "create-missing",
            "use-default-preprocessors",
            "extra-watch-dirs",
        ],
    ),
    (
        "output.html",
        &[
            "site-url",
            "git-repository-url",
            "edit-url-template",
            "additional-css",
            "additional-js",
            "theme",
            "smart-punctuation",
            "curly-quotes",
            "search",
            "print",
        ],
    ),
    (
        "course",
        &[
            "theme",
            "highlight",
            "search",
            "smart-quotes",
            "print",
            "strings",
            "certificate",
        ],
    ),
    ("quiz", &["pass-mark"]),
    ("scorm", &["version", "completion", "identifier"]),
];

/// What a setting is when it is not given: said when a misspelt key leaves
/// the setting at its default without a word.
fn default_of(table: &str, key: &str) -> Option<&'static str> {
    Some(match (table, key) {
        ("quiz", "pass-mark") => "every quiz needs 100 % to pass (the default).",
        ("book", "src") => "the pages are read from `src/` (the default).",
        ("book", "language") => "the course is in English (the default).",
        ("book", "title") => "the course has no title.",
        ("build", "build-dir") => "the site is built into `book/` (the default).",
        ("output.html", "site-url") => "no sitemap.xml is written and links stay relative.",
        ("course", "theme") | ("output.html", "theme") => "the default theme is used.",
        _ => return None,
    })
}

/// Preprocessors whose work kurssi does itself: mdBook's own, and
/// mdbook-quiz (`{{#quiz file.toml}}`, see [`crate::import::mdbook_quiz`]).
const BUILTIN_PREPROCESSORS: &[&str] = &["links", "index", "anchor", "quiz"];

/// Reads `book.toml` text into a [`Config`], pushing warnings and errors.
/// On a syntax error, `None` with the error pushed: nothing else about the
/// course is certain then.
pub fn parse(sources: &Sources, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let text = &sources.get(file).text;
    let table: Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let e: toml::de::Error = e;
            let span = e.span().unwrap_or(0..0);
            let mut d = Diagnostic::error(
                file,
                span,
                format!("book.toml is not valid TOML: {}", e.message()),
            );
            if e.message().contains("invalid string") || e.message().contains("expected `\"`") {
                d = d.with_note("put a text value in double quotes: `title = \"Safe ladder use\"`");
            }
            diags.push(d);
            return None;
        }
    };
    let mut r = Reader {
        text,
        file,
        diags,
        config: Config::default(),
    };
    r.read(&table);
    let default = r.config.language.clone();
    if let Some(same) = r.config.languages.iter().find(|l| l.code == default) {
        let span = r.key_span("language", &same.code);
        r.diags.push(
            Diagnostic::error(
                file,
                span,
                format!("`{default}` is the course's default language (`[book] language`) already"),
            )
            .with_note("a `[language.X]` table is for each other language"),
        );
        r.config.languages.retain(|l| l.code != default);
    }
    // A default build-dir is checked too (`src = "book"` would make it the
    // sources): it is reported at the file's start.
    r.config.build_dir_at.get_or_insert((file, 0..0));
    Some(r.config)
}

struct Reader<'a> {
    text: &'a str,
    file: FileId,
    diags: &'a mut Vec<Diagnostic>,
    config: Config,
}

impl Reader<'_> {
    fn read(&mut self, root: &Table) {
        for (key, value) in root {
            match (key.as_str(), value) {
                ("book", Value::Table(t)) => self.book(t),
                ("build", Value::Table(t)) => self.build(t),
                ("output", Value::Table(t)) => self.output(t),
                ("preprocessor", Value::Table(t)) => {
                    for name in t.keys() {
                        if !BUILTIN_PREPROCESSORS.contains(&name.as_str()) {
                            self.warn(
                                &format!("preprocessor.{name}"),
                                format!("preprocessor `{name}` is not supported by kurssi and is ignored"),
                                Some("remove the section: kurssi builds the pages itself (see \"Coming from mdBook\" in kurssi's guide)"),
                            );
                        }
                    }
                }
                ("course", Value::Table(t)) => self.course(t),
                ("language", Value::Table(t)) => self.languages(t),
                ("quiz", Value::Table(t)) => self.quiz(t),
                ("scorm", Value::Table(t)) => self.scorm(t),
                ("rust", _) => {}
                _ => self.unknown("", key),
            }
        }
    }

    fn book(&mut self, t: &Table) {
        for (key, v) in t {
            match key.as_str() {
                "title" => self.config.title = self.string("book", key, v).unwrap_or_default(),
                "description" => self.config.description = self.string("book", key, v),
                "language" => {
                    if let Some(s) = self.string("book", key, v) {
                        self.config.language = s;
                    }
                }
                "src" => {
                    if let Some(s) = self.string("book", key, v) {
                        self.config.src = PathBuf::from(s);
                    }
                }
                "authors" => self.config.authors = self.strings("book", key, v),
                "multilingual" | "text-direction" => {}
                _ => self.unknown("book", key),
            }
        }
    }

    fn build(&mut self, t: &Table) {
        for (key, v) in t {
            match key.as_str() {
                "build-dir" => {
                    if let Some(s) = self.string("build", key, v) {
                        self.config.build_dir = PathBuf::from(s);
                        self.config.build_dir_at = Some((self.file, self.key_span("build", key)));
                    }
                }
                "link-check" => match v.as_str() {
                    Some("error") => self.config.links_are_errors = true,
                    Some("warn") => self.config.links_are_errors = false,
                    _ => self.type_error("build", key, "\"error\" or \"warn\""),
                },
                "create-missing" | "use-default-preprocessors" | "extra-watch-dirs" => {}
                _ => self.unknown("build", key),
            }
        }
    }

    fn output(&mut self, t: &Table) {
        for (name, v) in t {
            match (name.as_str(), v) {
                ("html", Value::Table(html)) => self.html(html),
                _ => self.warn(
                    &format!("output.{name}"),
                    format!("renderer `{name}` is not supported by kurssi and is ignored"),
                    Some(
                        "remove the section: kurssi writes the web site (with its print page) only",
                    ),
                ),
            }
        }
    }

    fn html(&mut self, t: &Table) {
        const T: &str = "output.html";
        for (key, v) in t {
            match key.as_str() {
                "site-url" => {
                    self.config.site_url = self.string(T, key, v).map(|mut s| {
                        if !s.ends_with('/') {
                            s.push('/');
                        }
                        s
                    })
                }
                "git-repository-url" => self.config.git_repository_url = self.string(T, key, v),
                "edit-url-template" => self.config.edit_url_template = self.string(T, key, v),
                "additional-css" => self.config.additional_css = self.strings(T, key, v),
                "additional-js" => self.config.additional_js = self.strings(T, key, v),
                "theme" => self.config.theme_dir = self.string(T, key, v).map(PathBuf::from),
                "smart-punctuation" | "curly-quotes" => {
                    self.config.smart_quotes =
                        self.bool(T, key, v).unwrap_or(self.config.smart_quotes)
                }
                "search" => self.config.search = enable(v).unwrap_or(self.config.search),
                "print" => self.config.print = enable(v).unwrap_or(self.config.print),
                k if IGNORED_HTML_KEYS.contains(&k) => {}
                _ => self.unknown(T, key),
            }
        }
    }

    fn course(&mut self, t: &Table) {
        for (key, v) in t {
            match key.as_str() {
                "theme" => {
                    self.config.theme_dir = self
                        .string("course", key, v)
                        .map(|name| PathBuf::from("themes").join(name))
                }
                "highlight" => {
                    self.config.highlight =
                        self.bool("course", key, v).unwrap_or(self.config.highlight)
                }
                "search" => {
                    self.config.search = self.bool("course", key, v).unwrap_or(self.config.search)
                }
                "smart-quotes" => {
                    self.config.smart_quotes = self
                        .bool("course", key, v)
                        .unwrap_or(self.config.smart_quotes)
                }
                "print" => {
                    self.config.print = self.bool("course", key, v).unwrap_or(self.config.print)
                }
                "certificate" => match v {
                    Value::Boolean(on) => self.config.no_certificate = !on,
                    Value::String(text) => self.config.certificate = Some(text.clone()),
                    _ => self.type_error("course", key, "a string, or false for no certificate"),
                },
                "strings" => match v {
                    Value::Table(s) => {
                        for (k, v) in s {
                            if !crate::i18n::is_known_key(k) {
                                self.warn(
                                    &format!("course.strings.{k}"),
                                    format!("there is no UI string `{k}`; the override is ignored"),
                                    Some("the keys are those of themes/default/i18n/en.toml in kurssi's repository; check the spelling"),
                                );
                            }
                            if let Some(text) = self.string("course.strings", k, v) {
                                self.config.strings.insert(k.clone(), text);
                            }
                        }
                    }
                    _ => self.type_error("course", key, "a table of strings"),
                },
                _ => self.unknown("course", key),
            }
        }
    }

    fn quiz(&mut self, t: &Table) {
        for (key, v) in t {
            match key.as_str() {
                "pass-mark" => match v {
                    Value::Integer(n) if (0..=100).contains(n) => self.config.pass_mark = *n as u8,
                    _ => self.type_error("quiz", key, "a whole number from 0 to 100"),
                },
                _ => self.unknown("quiz", key),
            }
        }
    }

    fn scorm(&mut self, t: &Table) {
        for (key, v) in t {
            match key.as_str() {
                "version" => {
                    let parsed = match v {
                        Value::String(s) => Version::parse(s),
                        Value::Float(f) if (*f - 1.2).abs() < 1e-9 => Some(Version::V12),
                        Value::Integer(2004) => Some(Version::V2004),
                        _ => None,
                    };
                    match parsed {
                        Some(version) => {
                            self.config.scorm.version = Some(version);
                            self.config.scorm.version_at =
                                Some((self.file, self.key_span("scorm", key)));
                        }
                        None => self.type_error("scorm", key, "\"1.2\" or \"2004\""),
                    }
                }
                "completion" => match v.as_str().and_then(Completion::parse) {
                    Some(c) => self.config.scorm.completion = c,
                    None => self.type_error(
                        "scorm",
                        key,
                        "\"quizzes-passed\", \"pages-visited\" or \"either\"",
                    ),
                },
                "identifier" => match v.as_str() {
                    Some(id) if valid_identifier(id) => {
                        self.config.scorm.identifier = Some(id.to_owned());
                    }
                    _ => self.type_error(
                        "scorm",
                        key,
                        "a name that starts with a letter and holds only letters, digits, `-`, `_` and `.`",
                    ),
                },
                _ => self.unknown("scorm", key),
            }
        }
    }

    fn string(&mut self, table: &str, key: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.type_error(table, key, "a string");
                None
            }
        }
    }

    fn bool(&mut self, table: &str, key: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Boolean(b) => Some(*b),
            _ => {
                self.type_error(table, key, "true or false");
                None
            }
        }
    }

    fn strings(&mut self, table: &str, key: &str, v: &Value) -> Vec<String> {
        match v {
            Value::Array(items) if items.iter().all(Value::is_str) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            Value::String(s) => vec![s.clone()],
            _ => {
                self.type_error(table, key, "a list of strings");
                Vec::new()
            }
        }
    }

    /// `[language.<code>]` tables: one more language each.
    fn languages(&mut self, t: &Table) {
        for (code, v) in t {
            let table = format!("language.{code}");
            let Value::Table(lang) = v else {
                self.type_error(
                    "language",
                    code,
                    "a table (`[language.en]` with `src = \"content-en\"`)",
                );
                continue;
            };
            let valid = code.len() >= 2
                && code
                    .split('-')
                    .next()
                    .is_some_and(|p| p.len() <= 3 && p.chars().all(|c| c.is_ascii_lowercase()))
                && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !valid {
                let span = self.key_span("language", code);
                self.diags.push(
                    Diagnostic::error(self.file, span, format!("`{code}` is not a language code"))
                        .with_note("write a code such as `en`, `sv` or `en-GB`: `[language.en]`"),
                );
                continue;
            }
            let mut language = Language {
                code: code.clone(),
                ..Language::default()
            };
            for (key, v) in lang {
                match key.as_str() {
                    "title" => language.title = self.string(&table, key, v),
                    "description" => language.description = self.string(&table, key, v),
                    "src" => {
                        language.src = self
                            .string(&table, key, v)
                            .map(PathBuf::from)
                            .unwrap_or_default()
                    }
                    "strings" => match v {
                        Value::Table(strings) => {
                            for (k, v) in strings {
                                if let Some(text) = self.string(&format!("{table}.strings"), k, v) {
                                    language.strings.insert(k.clone(), text);
                                }
                            }
                        }
                        _ => self.type_error(&table, key, "a table of strings"),
                    },
                    _ => {
                        let known = ["title", "description", "src", "strings"];
                        let mut message =
                            format!("unknown key `{table}.{key}` in book.toml is ignored");
                        if let Some(near) = crate::suggest::nearest(key, known) {
                            message = format!("{message}; did you mean `{near}`?");
                        }
                        self.warn(&format!("{table}.{key}"), message, None);
                    }
                }
            }
            if language.src.as_os_str().is_empty() {
                let span = self.key_span("language", code);
                self.diags.push(
                    Diagnostic::error(self.file, span, format!("`[{table}]` has no `src`"))
                        .with_note(
                            "each language has a source folder of its own: `src = \"content-en\"`",
                        ),
                );
                continue;
            }
            if !crate::i18n::has_table(code) && language.strings.is_empty() {
                let span = self.key_span("language", code);
                self.diags.push(
                    Diagnostic::warning(
                        self.file,
                        span,
                        format!("kurssi has no UI strings in `{code}`; its pages use the English ones"),
                    )
                    .with_note(format!("give them under `[{table}.strings]` (the keys are in themes/default/i18n/en.toml)")),
                );
            }
            self.config.languages.push(language);
        }
    }

    fn type_error(&mut self, table: &str, key: &str, expected: &str) {
        let span = self.key_span(table, key);
        self.diags.push(Diagnostic::error(
            self.file,
            span,
            format!("`{}` must be {expected}", dotted(table, key)),
        ));
    }

    fn unknown(&mut self, table: &str, key: &str) {
        let name = dotted(table, key);
        let what = if table.is_empty() { "table" } else { "key" };
        let mut message = format!("unknown {what} `{name}` in book.toml is ignored");
        let known = KNOWN
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(&[][..], |(_, k)| k);
        let extra = if table == "output.html" {
            IGNORED_HTML_KEYS
        } else {
            &[]
        };
        if let Some(near) = crate::suggest::nearest(key, known.iter().chain(extra).copied()) {
            message = format!("{message}; did you mean `{near}`?");
            if let Some(default) = default_of(table, near) {
                message = format!("{message} Until it is spelt so, {default}");
            }
        }
        self.warn(&name, message, None);
    }

    fn warn(&mut self, dotted_key: &str, message: String, note: Option<&str>) {
        let (table, key) = match dotted_key.rsplit_once('.') {
            Some((t, k)) => (t, k),
            None => ("", dotted_key),
        };
        let span = self.key_span(table, key);
        let mut d = Diagnostic::warning(self.file, span, message);
        if let Some(note) = note {
            d = d.with_note(note);
        }
        self.diags.push(d);
    }

    /// Finds where `key` is written: under its `[table]` header, as a
    /// `[table.key]` header, or as a dotted key. Falls back to the file start.
    fn key_span(&self, table: &str, key: &str) -> std::ops::Range<usize> {
        let full = dotted(table, key);
        let mut offset = 0;
        let mut current = String::new();
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim();
            let lead = line.len() - line.trim_start().len();
            if let Some(header) = trimmed.strip_prefix('[') {
                let name = header.trim_start_matches('[');
                let name = name.split(']').next().unwrap_or("").trim().replace(' ', "");
                if name == full || name.starts_with(&format!("{full}.")) {
                    return offset + lead..offset + line.trim_end().len();
                }
                current = name;
            } else if let Some((k, _)) = trimmed.split_once('=') {
                let k = k.trim().trim_matches('"');
                let here = dotted(&current, k);
                if here == full || here.starts_with(&format!("{full}.")) {
                    return offset + lead..offset + line.trim_end().len();
                }
            }
            offset += line.len();
        }
        0..0
    }
}

/// `enable` of an mdBook sub-table such as `[output.html.search]`.
fn enable(v: &Value) -> Option<bool> {
    v.as_table()?.get("enable")?.as_bool()
}

fn dotted(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_owned()
    } else {
        format!("{table}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Config, Vec<String>, Sources) {
        let mut sources = Sources::default();
        let id = sources.add("book.toml", text);
        let mut diags = Vec::new();
        let c = parse(&sources, id, &mut diags).unwrap_or_default();
        let lines = diags.iter().map(|d| d.one_line(&sources)).collect();
        (c, lines, sources)
    }

    #[test]
    fn versions_and_completions_parse() {
        assert_eq!(Version::parse("1.2"), Some(Version::V12));
        assert_eq!(Version::parse("2004"), Some(Version::V2004));
        assert_eq!(Version::parse("3"), None);
        assert_eq!(Version::default(), Version::V2004);
        for c in [
            Completion::QuizzesPassed,
            Completion::PagesVisited,
            Completion::Either,
        ] {
            assert_eq!(Completion::parse(c.name()), Some(c));
        }
        assert_eq!(Completion::parse("all"), None);
    }

    #[test]
    fn identifiers_are_xml_names() {
        assert!(valid_identifier("kurssi-some-course"));
        assert!(valid_identifier("_a.b"));
        assert!(!valid_identifier("1course"));
        assert!(!valid_identifier("a b"));
        assert!(!valid_identifier(""));
    }

    #[test]
    fn reads_mdbook_keys_and_defaults() {
        let (c, diags, _) = read(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"fi\"\n\n[output.html]\nsite-url = \"https://x.fi/k\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c.title, "T");
        assert_eq!(c.language, "fi");
        assert_eq!(c.src, PathBuf::from("src"));
        assert_eq!(c.build_dir, PathBuf::from("book"));
        assert_eq!(c.site_url.as_deref(), Some("https://x.fi/k/"));
        assert_eq!(c.pass_mark, 100);
    }

    #[test]
    fn unknown_keys_and_tables_are_warnings_at_their_line() {
        let (_, diags, _) = read(
            "[book]\ntitle = \"T\"\ncolour = 1\n\n[preprocessor.mermaid]\ncommand = \"x\"\n\n[output.pdf]\n",
        );
        assert_eq!(
            diags,
            vec![
                "warning: book.toml:3:1: unknown key `book.colour` in book.toml is ignored",
                "warning: book.toml:8:1: renderer `pdf` is not supported by kurssi and is ignored",
                "warning: book.toml:5:1: preprocessor `mermaid` is not supported by kurssi and is ignored",
            ]
        );
    }

    #[test]
    fn malformed_file_is_an_error_at_its_line() {
        let (_, diags, _) = read("[book]\ntitle = \"T\"\nsrc = \n");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("error: book.toml:3:"), "{diags:?}");
    }

    #[test]
    fn course_and_quiz_tables() {
        let (c, diags, _) = read(
            "[course]\ntheme = \"mine\"\nhighlight = false\nsmart-quotes = false\n[course.strings]\nnext = \"Seuraava!\"\n[quiz]\npass-mark = 80\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c.theme_dir, Some(PathBuf::from("themes/mine")));
        assert!(!c.highlight);
        assert!(!c.smart_quotes);
        assert_eq!(c.strings["next"], "Seuraava!");
        assert_eq!(c.pass_mark, 80);
        let (_, diags, _) = read("[course.strings]\nnxet = \"x\"\n");
        assert_eq!(
            diags,
            vec!["warning: book.toml:2:1: there is no UI string `nxet`; the override is ignored"]
        );
    }
}
