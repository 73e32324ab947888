//! Every error and warning kurssi can print, one [`Entry`] each: the
//! message as printed, what causes it, how to fix it, and an example.
//!
//! The guide's page "Messages and what to do" (`docs/src/messages.md`) is
//! written from this catalogue by [`guide_page`], and the tests in
//! `tests/it/messages.rs` keep the two honest:
//!
//! - every message the code can build (found by reading `src/` with `syn`)
//!   is claimed by an entry's [`Entry::code`], and every literal an entry
//!   claims is still in the code;
//! - `docs/src/messages.md` is what [`guide_page`] writes (after a change:
//!   `UPDATE_GUIDE=1 cargo test --test it messages`);
//! - each example that is a course ([`Example::Course`] or
//!   [`Example::Fixture`]) is checked and prints the message.
//!
//! To add a message to the code, add its entry here too: the test names
//! the literal that no entry claims.

use super::Severity;

/// Where a problem is: the page's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// The course folder, its files and folders.
    Files,
    /// `book.toml`.
    BookToml,
    /// `SUMMARY.md`.
    Summary,
    /// Front matter of a page.
    FrontMatter,
    /// The Markdown of a page.
    Pages,
    /// `{{#include}}` and the other `{{#...}}` directives.
    Includes,
    /// Links and images.
    Links,
    /// ```` ```quiz ```` blocks.
    Quizzes,
    /// ```` ```worksheet ```` blocks.
    Worksheets,
    /// Courses in several languages.
    Languages,
    /// The theme and the files it adds.
    Theme,
    /// mdbook-quiz TOML files.
    MdbookQuiz,
    /// `kurssi export gift` and `moodle-xml`.
    QuestionBanks,
    /// `kurssi export scorm`.
    Scorm,
    /// The output folder and the other commands.
    Commands,
    /// `kurssi serve`.
    Serve,
}

impl Group {
    /// Every group, in the page's order.
    pub const ALL: [Group; 16] = [
        Group::Files,
        Group::BookToml,
        Group::Summary,
        Group::FrontMatter,
        Group::Pages,
        Group::Includes,
        Group::Links,
        Group::Quizzes,
        Group::Worksheets,
        Group::Languages,
        Group::Theme,
        Group::MdbookQuiz,
        Group::QuestionBanks,
        Group::Scorm,
        Group::Commands,
        Group::Serve,
    ];

    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Files => "The course folder",
            Group::BookToml => "book.toml",
            Group::Summary => "SUMMARY.md",
            Group::FrontMatter => "Front matter",
            Group::Pages => "Pages",
            Group::Includes => "Includes",
            Group::Links => "Links and images",
            Group::Quizzes => "Quizzes",
            Group::Worksheets => "Worksheets",
            Group::Languages => "Courses in several languages",
            Group::Theme => "Theme and added files",
            Group::MdbookQuiz => "mdbook-quiz files",
            Group::QuestionBanks => "Question banks (export gift, moodle-xml)",
            Group::Scorm => "SCORM packages (export scorm)",
            Group::Commands => "The output folder and the commands",
            Group::Serve => "kurssi serve",
        }
    }

    /// A paragraph under the heading.
    pub fn intro(self) -> &'static str {
        match self {
            Group::Files => "Problems with the course folder itself, and with files kurssi cannot read.",
            Group::BookToml => "Problems in the course's settings file; see the [book.toml reference](configuration/README.md).",
            Group::Summary => "Problems in the table of contents. Paths in SUMMARY.md are relative to SUMMARY.md itself; messages show them relative to the course folder.",
            Group::FrontMatter => "Problems in the block of settings at the top of a page; see [Front matter](writing/front-matter.md).",
            Group::Pages => "Problems in the Markdown of a page.",
            Group::Includes => "Messages about an include point at the `\\{{#include ...}}` line. When the problem is in a file that was itself included, the message starts with \"in included file `X`:\".",
            Group::Links => "Every link and image of every page is checked; see [Links and the link check](writing/links.md). With `[build] link-check = \"warn\"` in book.toml (or `--links warn`), a broken link is a warning instead of an error.",
            Group::Quizzes => "Each of these has a longer example on the page [Quiz errors](quizzes/errors.md).",
            Group::Worksheets => "See [Worksheets and the participant's record](worksheets.md).",
            Group::Languages => "See [Courses in several languages](configuration/several-languages.md).",
            Group::Theme => "See [Themes](configuration/themes.md).",
            Group::MdbookQuiz => "Messages about `\\{{#quiz file.toml}}` point at that line of the page and start with the quiz file's `PATH:LINE:COL`; `kurssi convert mdbook-quiz` points into the file itself. See [Coming from mdBook](mdbook.md#quizzes-from-mdbook-quiz).",
            Group::QuestionBanks => "Warnings of `kurssi export gift` and `kurssi export moodle-xml`, at the question's heading. The rest of the bank is written. See [Quizzes in Moodle](quizzes/moodle.md).",
            Group::Scorm => "See [Into an LMS](publishing/lms.md).",
            Group::Commands => "Messages of `build`, `check`, `clean`, `init`, `export` and `convert` about the command itself, printed without a file and line. See the [command reference](commands.md).",
            Group::Serve => "Messages of `kurssi serve` about serving; problems of the course are reported as by `kurssi check`.",
        }
    }
}

/// A short example of what causes a message.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// The files of a small course; `kurssi check` in it prints the
    /// message. A `book.toml` with a title and a `src/README.md` are added
    /// when not given.
    Course(&'static [(&'static str, &'static str)]),
    /// A course under `tests/fixtures/messages/`; `kurssi check` in it
    /// prints the message. With the part of its files that is shown (each
    /// text is a part of that file; an empty one is not shown).
    Fixture(&'static str, &'static [(&'static str, &'static str)]),
    /// The heading id of the message's section on the page of quiz errors,
    /// whose examples `tests/it/docs.rs` runs.
    QuizPage(&'static str),
    /// `kurssi ARGS` run in a small course of these files (completed as
    /// for [`Example::Course`]) prints the message.
    Run(
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
    ),
    /// What is shown: a situation a test course cannot make (a full disk,
    /// a busy port), so it is not run.
    Shown(&'static str),
}

/// One message.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The page's section.
    pub group: Group,
    /// Error or warning.
    pub severity: Severity,
    /// The first line as printed, with `X`, `Y` and `N` for what varies.
    pub message: &'static str,
    /// The string literals of `src/` the message is built from, exactly as
    /// written there (format strings with their `{}`); the first is the
    /// message's own, and an example's output must match it.
    pub code: &'static [&'static str],
    /// What causes it.
    pub cause: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// An example.
    pub example: Example,
}

use Example::{Course, Fixture, QuizPage, Run, Shown};
use Group::*;
use Severity::{Error, Warning};

/// Every message, by group.
pub const CATALOGUE: &[Entry] = &[
    // --- The course folder -------------------------------------------
    Entry {
        group: Files,
        severity: Error,
        message: "no course in `X`: it holds neither book.toml nor a `src` folder",
        code: &["no course in `{}`: it holds neither book.toml nor a `src` folder"],
        cause: "kurssi was run in, or given, a folder that is not a course.",
        fix: "Run the command in the course folder (the one with `book.toml`), give that folder: `kurssi check my-course`, or start a course with `kurssi init`. Without ROOT, kurssi also looks in the folders above for a `book.toml`.",
        example: Fixture("no-course", &[("notes.txt", "")]),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "the source folder does not exist",
        code: &["the source folder does not exist"],
        cause: "`book.toml` exists, but the folder named by `src` under `[book]` (`src` when not set) does not.",
        fix: "Create the folder, or set `src` under `[book]` to the folder that holds the pages.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\nsrc = \"content\"\n")]),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "cannot be read: X",
        code: &["cannot be read: {e}", "cannot be read: {io}"],
        cause: "A file or folder of the course cannot be opened; the end of the message is the system's reason. A symbolic link whose target is missing is a common cause.",
        fix: "Check the file's permissions, or fix or remove the broken link.",
        example: Shown("error: src/m/lesson.md: cannot be read: Permission denied (os error 13)"),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "this line is not valid UTF-8",
        code: &["this line is not valid UTF-8"],
        cause: "A text file of the course (a page, `SUMMARY.md`, `book.toml`) is saved in another encoding, such as Windows-1252. The message points at the first byte that is not UTF-8.",
        fix: "Save the file with the UTF-8 encoding; most editors offer it under \"Save as\" or \"Encoding\".",
        example: Fixture("not-utf8", &[("src/README.md", "")]),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "this symbolic link points to `X`, outside the course, so it is never read or published",
        code: &["this symbolic link points to `{}`, outside the course, so it is never read or published"],
        cause: "A symbolic link in the course points outside the course folder (and outside its git work tree). kurssi never reads or publishes files from outside, so a course cannot leak another file by accident.",
        fix: "Replace the link with the file itself, or point it at a file inside the course (see [Images and other files](writing/files.md#symbolic-links-only-inside-the-course)).",
        example: Shown("src/notes.md -> /home/me/private/notes.md"),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "this is X, not a regular file, so it is never read or published",
        code: &["this is {kind}, not a regular file, so it is never read or published"],
        cause: "The course folder holds a named pipe, a socket or a device instead of a file.",
        fix: "Remove it from the course folder.",
        example: Shown("error: src/fifo: this is a named pipe (FIFO), not a regular file, so it is never read or published"),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "this symbolic link loops back to `X`, so it is skipped",
        code: &["this symbolic link loops back to `{}`, so it is skipped"],
        cause: "A symbolic link points to a folder that contains it, which would make the course endless.",
        fix: "Remove the link.",
        example: Shown("src/m/again -> .."),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "the file name is not valid UTF-8, so the file is skipped",
        code: &["the file name is not valid UTF-8, so the file is skipped"],
        cause: "A file's name is not in UTF-8, as written by some old archivers.",
        fix: "Rename the file.",
        example: Shown("a file named `kuva-\\xe4.png` (Latin-1 `ä`)"),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "`X` and `Y` would both become `index.html` of their folder, so this one is not built",
        code: &["`{}` and `{}` would both become `index.html` of their folder, so this one is not built"],
        cause: "A folder has both a `README.md` and an `index.md`; both are the folder's overview page.",
        fix: "Keep only one of them.",
        example: Course(&[("src/m/README.md", "# Module\n"), ("src/m/index.md", "# Module too\n")]),
    },
    Entry {
        group: Files,
        severity: Error,
        message: "`X` and `Y` would both become `Z`, so this one is not built",
        code: &["`{}` and `{other}` would both become `{output_path}`, so this one is not built"],
        cause: "Two files give the same web page, such as `a.md` and `a.markdown`.",
        fix: "Rename or remove one of them.",
        example: Course(&[("src/a.md", "# A\n"), ("src/a.markdown", "# A again\n")]),
    },
    // --- book.toml -----------------------------------------------------
    Entry {
        group: BookToml,
        severity: Error,
        message: "book.toml is not valid TOML: X",
        code: &["book.toml is not valid TOML: {}"],
        cause: "`book.toml` does not follow the TOML syntax; the end of the message says what the reader expected. Nothing else is reported until it parses, because where the pages are is not known before.",
        fix: "Fix the line shown. Text needs double quotes: `title = \"Safe ladder use\"`.",
        example: Fixture("toml-unquoted", &[("book.toml", "[book]\ntitle = Safe ladder use\n")]),
    },
    Entry {
        group: BookToml,
        severity: Error,
        message: "`X` must be Y",
        code: &["`{}` must be {expected}"],
        cause: "A setting has a value of the wrong type, such as a number where text is expected. Y says what it takes: a string, true or false, a list of strings, a table of strings, a whole number from 0 to 100, \"error\" or \"warn\"...",
        fix: "Write the value as the message says: text in quotes (`title = \"My course\"`), `true` or `false` without quotes, a list as `[\"a\", \"b\"]`, a number such as `80` without `%` or quotes.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[quiz]\npass-mark = \"80%\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "unknown key `X` in book.toml is ignored",
        code: &["unknown key `{table}.{key}` in book.toml is ignored"],
        cause: "A key that kurssi does not know, most often a misspelt one. When it is close to a known key, the message names that key and says what the setting is until it is spelt right (for `passmark`: every quiz needs 100 %).",
        fix: "Check the spelling against the [book.toml reference](configuration/README.md), or remove the key.",
        example: Fixture("misspelt-keys", &[("book.toml", "[quiz]\npassmark = 80\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "unknown table `X` in book.toml is ignored",
        code: &["unknown {what} `{name}` in book.toml is ignored"],
        cause: "A `[section]` that kurssi does not know, such as `[quizz]`; the nearest known one is named.",
        fix: "Fix the section's name, or remove it.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[quizz]\npass-mark = 80\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "preprocessor `X` is not supported by kurssi and is ignored",
        code: &["preprocessor `{name}` is not supported by kurssi and is ignored"],
        cause: "An mdBook book's `[preprocessor.X]` section; kurssi runs no preprocessors.",
        fix: "Remove the section; see [Coming from mdBook](mdbook.md).",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "renderer `X` is not supported by kurssi and is ignored",
        code: &["renderer `{name}` is not supported by kurssi and is ignored"],
        cause: "An mdBook book's `[output.X]` section other than `[output.html]`.",
        fix: "Remove the section; kurssi writes its web site (and a print page) only.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[output.pdf]\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "there is no UI string `X`; the override is ignored",
        code: &["there is no UI string `{k}`; the override is ignored"],
        cause: "A key under `[course.strings]` that is not one of the interface's texts.",
        fix: "Check the key's spelling against `themes/default/i18n/en.toml` (see [Languages and UI strings](configuration/languages.md)).",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[course.strings]\nnext-pgae = \"Onwards\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Error,
        message: "`X` is not a language code",
        code: &["`{code}` is not a language code"],
        cause: "A `[language.X]` table's name is not a language code such as `fi`, `en` or `pt-BR`.",
        fix: "Name the table by the language's code: `[language.sv]`.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.\"swedish!\"]\nsrc = \"sv\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Error,
        message: "`X` is the course's default language (`[book] language`) already",
        code: &["`{default}` is the course's default language (`[book] language`) already"],
        cause: "A `[language.X]` table names the language the course is written in.",
        fix: "A `[language.X]` table is for each other language: remove this one, or change `[book] language`.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\nlanguage = \"en\"\n\n[language.en]\nsrc = \"en\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Error,
        message: "`[language.X]` has no `src`",
        code: &["`[{table}]` has no `src`"],
        cause: "A language's table does not say where its pages are.",
        fix: "Add `src = \"folder\"` to the table.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\ntitle = \"Stegar\"\n")]),
    },
    Entry {
        group: BookToml,
        severity: Warning,
        message: "kurssi has no UI strings in `X`; its pages use the English ones",
        code: &["kurssi has no UI strings in `{code}`; its pages use the English ones"],
        cause: "The course's language is one kurssi's interface is not translated into, so buttons and labels are in English.",
        fix: "Translate the texts under `[course.strings]` (see [Languages and UI strings](configuration/languages.md)), or ignore the warning.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.is]\nsrc = \"is\"\n"), ("is/README.md", "# Stigar\n")]),
    },
    // --- SUMMARY.md ----------------------------------------------------
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` does not exist",
        code: &["`{}` does not exist"],
        cause: "SUMMARY.md lists a page that is not there, most often a typo; a near name is suggested.",
        fix: "Fix the path, or create the page.",
        example: Fixture("summary-typo", &[("src/SUMMARY.md", "- [Module](m/README.md)\n  - [First lesson](m/first-lessen.md)\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` is a folder; list a Markdown file such as `X/README.md`",
        code: &["`{rel}` is a folder; list a Markdown file such as `{rel}/README.md`"],
        cause: "An entry links to a folder whose name ends in `.md`.",
        fix: "Link to a page in the folder, such as its overview page `X/README.md`.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Notes](notes.md)\n"), ("src/notes.md/README.md", "# Notes\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` is already listed on line N",
        code: &["`{rel}` is already listed on line {line}"],
        cause: "The same page is listed twice.",
        fix: "List each page once.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n- [Again](README.md)\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` is not a Markdown file in the source folder",
        code: &["`{dest}` is not a Markdown file in the source folder"],
        cause: "An entry links to a web address, or to a file that is not a page (`.md`).",
        fix: "SUMMARY.md lists only the course's `.md` pages: link to other files from a page instead.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n- [Slides](slides.pdf)\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` must be a path relative to SUMMARY.md",
        code: &["`{dest}` must be a path relative to SUMMARY.md"],
        cause: "An entry's path starts with `/`.",
        fix: "Remove the `/` at the start.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](/README.md)\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "`X` is outside the source folder",
        code: &["`{dest}` is outside the source folder"],
        cause: "An entry's path leads out of the source folder with `../`.",
        fix: "Remove a `../` too many; the pages must be in the source folder.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](../README.md)\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "each list item in SUMMARY.md must be a link: `- [Title](file.md)`, or `- [Title]()` for a draft",
        code: &["each list item in SUMMARY.md must be a link: `- [Title](file.md)`, or `- [Title]()` for a draft"],
        cause: "A list item of SUMMARY.md is plain text.",
        fix: "Write the item as a link to its page, or as `- [Title]()` for a chapter not written yet.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- Home\n")]),
    },
    Entry {
        group: Summary,
        severity: Error,
        message: "a numbered list or part title cannot follow the suffix chapters",
        code: &["a numbered list or part title cannot follow the suffix chapters"],
        cause: "Plain links after the last list (suffix chapters, such as an appendix) are followed by another list or a `# Part` title.",
        fix: "Move the plain links below the last list, or turn them into list items.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n\n[Appendix](a.md)\n\n- [More](b.md)\n"), ("src/a.md", "# A\n"), ("src/b.md", "# B\n")]),
    },
    Entry {
        group: Summary,
        severity: Warning,
        message: "not listed in SUMMARY.md, so it is not built",
        code: &["not listed in SUMMARY.md, so it is not built"],
        cause: "A page is in the source folder but not in SUMMARY.md.",
        fix: "Add the page to SUMMARY.md, or move it out of the source folder.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n"), ("src/extra.md", "# Extra\n")]),
    },
    // --- Front matter --------------------------------------------------
    Entry {
        group: FrontMatter,
        severity: Error,
        message: "this front matter block is never closed",
        code: &["this front matter block is never closed"],
        cause: "A page starts with `---` (or `+++`) and no line below ends the block.",
        fix: "End the block with a line holding only `---` (or `+++`).",
        example: Course(&[("src/README.md", "---\ntitle: Ladders\n\n# Ladders\n")]),
    },
    Entry {
        group: FrontMatter,
        severity: Error,
        message: "the front matter is not valid YAML: X",
        code: &["the front matter is not valid YAML: {message}"],
        cause: "The YAML between the `---` lines does not parse; the note says the likely cause. A tab used to indent, and a value holding `: `, are the common ones.",
        fix: "Indent with spaces, and put a value that holds `: ` or `#` in quotes: `title: \"Rule 1: three steps\"`.",
        example: Fixture("yaml-colon", &[("src/README.md", "---\ntitle: Rule 1: three steps\n---\n")]),
    },
    Entry {
        group: FrontMatter,
        severity: Error,
        message: "the front matter is not valid TOML: X",
        code: &["the front matter is not valid TOML: {}"],
        cause: "The TOML between the `+++` lines does not parse.",
        fix: "Fix the line shown; text needs double quotes: `title = \"Ladders\"`.",
        example: Course(&[("src/README.md", "+++\ntitle = Ladders\n+++\n\n# Ladders\n")]),
    },
    Entry {
        group: FrontMatter,
        severity: Error,
        message: "the front matter must be `key: value` lines",
        code: &["the front matter must be `key: value` lines"],
        cause: "The front matter is valid YAML but not a list of settings, such as a bare list.",
        fix: "Write one `key: value` per line.",
        example: Course(&[("src/README.md", "---\n- Ladders\n---\n\n# Ladders\n")]),
    },
    Entry {
        group: FrontMatter,
        severity: Error,
        message: "`X` must be text / a list of texts / a whole number / true or false",
        code: &["`{}` must be {expected}", "text", "a list of texts", "a whole number", "true or false", "a whole number of minutes, 0 or more", "a whole number from 0 to 100"],
        cause: "A front matter key has a value of the wrong type. Y says what it takes: text, a list of texts, a whole number, true or false, a whole number of minutes (`duration`), a whole number from 0 to 100 (`pass-mark`).",
        fix: "See [Front matter](writing/front-matter.md) for each key's value, such as `duration: 90`.",
        example: Course(&[("src/README.md", "---\nduration: an hour\n---\n\n# Ladders\n")]),
    },
    Entry {
        group: FrontMatter,
        severity: Warning,
        message: "unknown front matter key `X` is ignored",
        code: &["unknown front matter key `{key}` is ignored"],
        cause: "A key kurssi does not know, most often a misspelt one; the note suggests the nearest known key.",
        fix: "Fix the spelling (see [Front matter](writing/front-matter.md)), or remove the key.",
        example: Fixture("misspelt-keys", &[("src/README.md", "objetives:\n  - one\ndurration: 20\n")]),
    },
    // --- Pages -----------------------------------------------------------
    Entry {
        group: Pages,
        severity: Warning,
        message: "the page has more than one level-1 heading",
        code: &["the page has more than one level-1 heading"],
        cause: "A page has two `#` headings; the first is the page's title.",
        fix: "Keep one `#` heading, the title, and use `##` for sections.",
        example: Course(&[("src/README.md", "# Ladders\n\n# Safety\n")]),
    },
    Entry {
        group: Pages,
        severity: Error,
        message: "the id `X` is used twice on this page",
        code: &["the id `{id}` is used twice on this page"],
        cause: "Two headings of a page are given the same `{#id}`, so a link to it could not tell them apart.",
        fix: "Give one of them another id.",
        example: Course(&[("src/README.md", "# Ladders\n\n## Before {#check}\n\n## After {#check}\n")]),
    },
    Entry {
        group: Pages,
        severity: Warning,
        message: "image has no alt text",
        code: &["image has no alt text"],
        cause: "An image has nothing between its brackets, so a screen reader cannot say what it shows.",
        fix: "Describe the image: `![A ladder at a 75° angle](ladder.png)`.",
        example: Course(&[("src/README.md", "# Ladders\n\n![](ladder.png)\n"), ("src/ladder.png", "PNG")]),
    },
    Entry {
        group: Pages,
        severity: Warning,
        message: "no syntax highlighting is known for `X`; the code is shown plain",
        code: &["no syntax highlighting is known for `{lang}`; the code is shown plain"],
        cause: "A code block names a language kurssi cannot highlight, often a typo such as `pyhton`.",
        fix: "Use a known name (`sh`, `python`, `yaml`...) or `text`. See [Markdown](writing/markdown.md#code).",
        example: Fixture("code-language", &[("src/README.md", "```pyhton\nprint(1)\n```\n")]),
    },
    Entry {
        group: Pages,
        severity: Error,
        message: "this quiz block is never closed, so it takes in the rest of the page",
        code: &["this quiz block is never closed, so it takes in the rest of the page"],
        cause: "A ```` ```quiz ```` block has no closing ```` ``` ```` line.",
        fix: "Close the block with a line of three backticks after its last question.",
        example: Fixture("quiz-unclosed", &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which one?\n\n- [ ] Wrong\n- [x] Right\n\n## Later heading of the page\n\nText after the quiz.\n")]),
    },
    Entry {
        group: Pages,
        severity: Error,
        message: "this worksheet block is never closed, so it takes in the rest of the page",
        code: &["this worksheet block is never closed, so it takes in the rest of the page"],
        cause: "A ```` ```worksheet ```` block has no closing ```` ``` ```` line.",
        fix: "Close the block with a line of three backticks after its last prompt.",
        example: Course(&[("src/README.md", "# Ladders\n\n```worksheet\n## What will you check first?\n\n## More\n")]),
    },
    Entry {
        group: Pages,
        severity: Error,
        message: "this X block is never closed, so it takes in the rest of the page",
        code: &["this {lang} block is never closed, so it takes in the rest of the page"],
        cause: "A code block of another kind kurssi reads (such as a trainer's note) has no closing line.",
        fix: "Close the block with a line of three backticks.",
        example: Course(&[("src/README.md", "# H\n\n```notes\nSay this first.\n")]),
    },
    // --- Includes ---------------------------------------------------------
    Entry {
        group: Includes,
        severity: Error,
        message: "included file `X` does not exist",
        code: &["included file `{path}` does not exist"],
        cause: "The file named by `\\{{#include}}` is not there.",
        fix: "Fix the path; it is relative to the page's folder.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include missing.md}}\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X` is an absolute path; include files by a path relative to the page",
        code: &["`{path}` is an absolute path; include files by a path relative to the page"],
        cause: "The include's path starts with `/` (or a drive letter on Windows).",
        fix: "Write the path from the page's folder.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include /etc/hostname}}\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X` is outside the course folder and its git work tree, so it is not read",
        code: &["`{path}` is outside the course folder and its git work tree, so it is not read"],
        cause: "The include leads out of the course folder (and out of its git repository). kurssi never reads files from outside, so a course cannot publish another file by accident.",
        fix: "Move the file into the course folder or its repository.",
        example: Shown("\\{{#include ../../../notes.md}}"),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X` is a folder, not a file",
        code: &["`{path}` is a folder, not a file"],
        cause: "The include names a folder.",
        fix: "Name a file in it.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include m}}\n"), ("src/m/a.md", "# A\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X` is Y, not a file, so it is not read",
        code: &["`{path}` is {kind}, not a file, so it is not read"],
        cause: "The include names a named pipe, a socket or a device.",
        fix: "Name a text file.",
        example: Shown("\\{{#include /dev/zero}}"),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "the include names no file",
        code: &["the include names no file"],
        cause: "`\\{{#include}}` has a line number but no file before it.",
        fix: "Write the file after `#include`: `\\{{#include steps.md:2}}`.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include :2}}\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "cannot read `X`: Y",
        code: &["cannot read `{path}`: {e}"],
        cause: "The included file cannot be opened; Y is the system's reason.",
        fix: "Check the file and its permissions; a file outside the course folder and its git work tree is never read.",
        example: Shown("error: cannot read `../../secret.md`: ..."),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "cannot include `X`: line N is not valid UTF-8",
        code: &["cannot include `{path}`: line {line} is not valid UTF-8"],
        cause: "The included file is not UTF-8 text (or not text at all).",
        fix: "Save it as UTF-8; only text files can be included.",
        example: Shown("\\{{#include old.txt}}  (old.txt saved as Windows-1252)"),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X` includes itself",
        code: &["`{path}` includes itself"],
        cause: "A file includes itself, directly or through other included files.",
        fix: "Remove the include that leads back to the same file.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include part.md}}\n"), ("src/part.md", "Text\n\n{{#include part.md}}\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "includes nest more than 10 levels deep",
        code: &["includes nest more than {MAX_DEPTH} levels deep"],
        cause: "Included files include others more than 10 levels deep.",
        fix: "Include the files from fewer levels.",
        example: Course(&[("src/README.md", "# H\n\n{{#include a.md}}\n"), ("src/a.md", "{{#include b.md}}\n"), ("src/b.md", "{{#include c.md}}\n"), ("src/c.md", "{{#include d.md}}\n"), ("src/d.md", "{{#include e.md}}\n"), ("src/e.md", "{{#include f.md}}\n"), ("src/f.md", "{{#include g.md}}\n"), ("src/g.md", "{{#include h.md}}\n"), ("src/h.md", "{{#include i.md}}\n"), ("src/i.md", "{{#include j.md}}\n"), ("src/j.md", "{{#include k.md}}\n"), ("src/k.md", "{{#include l.md}}\n"), ("src/l.md", "end\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X`: line N is past the end of the file (M lines)",
        code: &["`{path}`: {message}", "line {} is past the end of the file ({count} lines)"],
        cause: "`\\{{#include file:N}}` or a line range starts after the file's last line.",
        fix: "Fix the line number.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include part.md:9}}\n"), ("src/part.md", "one\ntwo\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X`: the line range A:B ends before it starts",
        code: &["the line range {selector} ends before it starts"],
        cause: "A line range such as `file.md:5:2` has its numbers the wrong way round.",
        fix: "Write the smaller line number first.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include part.md:2:1}}\n"), ("src/part.md", "one\ntwo\n")]),
    },
    Entry {
        group: Includes,
        severity: Warning,
        message: "`X`: the line range A:B goes past the end of the file (M lines)",
        code: &["`{path}`: {w}", "the line range {selector} goes past the end of the file ({count} lines)"],
        cause: "A line range ends after the file's last line; the rest of the file is included.",
        fix: "Fix the range.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include part.md:1:9}}\n"), ("src/part.md", "one\ntwo\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "`X`: there is no `ANCHOR: name` in the file",
        code: &["there is no `ANCHOR: {name}` in the file"],
        cause: "`\\{{#include file:name}}` names an anchor the file does not have.",
        fix: "Add the line `ANCHOR: name` (usually in a comment) where the part starts, and `ANCHOR_END: name` where it ends; or fix the name.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include steps.md:check}}\n"), ("src/steps.md", "<!-- ANCHOR: setup -->\nStand it on firm ground.\n<!-- ANCHOR_END: setup -->\n")]),
    },
    Entry {
        group: Includes,
        severity: Warning,
        message: "`X`: anchor `name` has no `ANCHOR_END: name`, so the rest of the file is included",
        code: &["anchor `{name}` has no `ANCHOR_END: {name}`, so the rest of the file is included"],
        cause: "The part's start is marked, its end is not.",
        fix: "Add the line `ANCHOR_END: name` where the part ends.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#include steps.md:setup}}\n"), ("src/steps.md", "<!-- ANCHOR: setup -->\nStand it on firm ground.\n")]),
    },
    Entry {
        group: Includes,
        severity: Error,
        message: "in included file `X`: ...",
        code: &["in included file `{}`: {message}"],
        cause: "Any of the include messages above, about an include inside an included file: X is that file.",
        fix: "Fix the include in the file named.",
        example: Course(&[("src/README.md", "# H\n\n{{#include parts/intro.md}}\n"), ("src/parts/intro.md", "{{#include missing.md}}\n")]),
    },
    Entry {
        group: Includes,
        severity: Warning,
        message: "`{{#X}}` is not supported by kurssi; the text is left as it is",
        code: &["`{{{{#{kind}}}}}` is not supported by kurssi; the text is left as it is"],
        cause: "An mdBook directive kurssi does not have, such as `\\{{#playground}}`.",
        fix: "Remove it; only `include`, `rustdoc_include`, `title` and `quiz` are supported.",
        example: Course(&[("src/README.md", "# Ladders\n\n{{#playground example.rs}}\n")]),
    },
    // --- Links ------------------------------------------------------------
    Entry {
        group: Links,
        severity: Error,
        message: "the link goes to `X`, which does not exist",
        code: &["the {what} goes to `{prefix}{target}`, which does not exist"],
        cause: "A link or image leads to a file that is not there, most often a typo; the note suggests the nearest existing file, never the page itself. For an image the message says \"the image goes to\". In text a page includes, the path is read from the including page's folder, and a second note says which folder that was.",
        fix: "Fix the path; it is relative to the page (for included text, to the page that includes it).",
        example: Fixture("link-typos", &[("src/README.md", "See [the lesson](m/lessn.md)\n")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "the link goes to `X`, but the file is named `Y`",
        code: &["the {what} goes to `{prefix}{target}`, but the file is named `{prefix}{real}`"],
        cause: "The names differ only in upper and lower case. That works on Windows and macOS but breaks on most web servers, so it is an error everywhere.",
        fix: "Write the name exactly as the file is named.",
        example: Fixture("link-typos", &[("src/README.md", "![the angle](images/Ladder-Angle.svg)\n")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "the link goes to `X`, which is not built (not in SUMMARY.md, or a draft)",
        code: &["the {what} goes to `{prefix}{target}`, which is not built (not in SUMMARY.md, or a draft)"],
        cause: "The page exists, but it is not part of the site.",
        fix: "List the page in SUMMARY.md (or remove `draft: true`), or remove the link.",
        example: Course(&[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n"), ("src/README.md", "# Home\n\nSee [more](more.md).\n"), ("src/more.md", "# More\n")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "the link goes to the folder `X`, which has no page",
        code: &["the {what} goes to the folder `{prefix}{target}`, which has no page"],
        cause: "A link to a folder works on a web server only when the folder has an overview page; kurssi points such a link at that page, and this folder has none.",
        fix: "Link to a page in the folder, or give the folder a `README.md`.",
        example: Course(&[("src/README.md", "# Home\n\nSee [the images](images/).\n"), ("src/images/a.png", "PNG")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "there is no heading or id `X` on this page",
        code: &["there is no heading or id `{fragment}` on this page"],
        cause: "A `#anchor` link within the page names no heading; the note suggests the nearest heading id.",
        fix: "Use the heading's id (its text in lower case, with `-` for spaces), or give the heading an id: `## Safety {#safety}`.",
        example: Fixture("link-typos", &[("src/README.md", "[above](#hom)\n")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "there is no heading or id `X` on `Y`",
        code: &["there is no heading or id `{fragment}` on `{prefix}{}`"],
        cause: "A link's `#anchor` names no heading of the page it goes to.",
        fix: "Use the heading's id on that page; the note suggests the nearest one.",
        example: Fixture("link-typos", &[("src/README.md", "[the goals](m/lesson.md#goalz)\n")]),
    },
    Entry {
        group: Links,
        severity: Error,
        message: "`X` points outside the course's source folder",
        code: &["`{dest}` points outside the course's source folder"],
        cause: "A relative link leads out of the source folder with `../`, so it would break on the published site.",
        fix: "Link to a file inside the source folder, or use a full address (`https://...`).",
        example: Course(&[("src/README.md", "# Home\n\nSee [the settings](../book.toml).\n")]),
    },
    Entry {
        group: Links,
        severity: Warning,
        message: "the absolute link `X` breaks when the course is opened from disk or under a sub-path",
        code: &["the absolute link `{dest}` breaks when the course is opened from disk or under a sub-path"],
        cause: "A link starts with `/`, which means the top of the web server, not of the course.",
        fix: "Write the path relative to this page.",
        example: Course(&[("src/README.md", "# Home\n\nSee [more](/more.html).\n")]),
    },
    // --- Quizzes ----------------------------------------------------------
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this quiz has no questions",
        code: &["this quiz has no questions"],
        cause: "A quiz block holds no heading, or nothing at all.",
        fix: "Start each question with a heading: `## What is ...?`.",
        example: QuizPage("this-quiz-has-no-questions"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "`X` cannot be a quiz id",
        code: &["`{value}` cannot be a quiz id"],
        cause: "A quiz id holds a character other than letters, digits, `-` and `_`.",
        fix: "Write the id with those only: `{#week-1}`.",
        example: QuizPage("x-cannot-be-a-quiz-id"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the quiz id `X` is also used in `Y`",
        code: &["the quiz id `{}` is also used in `{first}`"],
        cause: "Two quizzes of the course have the same id, so they would share one result.",
        fix: "Give one of them an id of its own.",
        example: QuizPage("the-quiz-id-x-is-also-used-in-y"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "unknown quiz option `X` is ignored",
        code: &["unknown quiz option `{token}` is ignored"],
        cause: "Something after `quiz` that is not an id or `pick=N`.",
        fix: "Remove it.",
        example: QuizPage("unknown-quiz-option-x-is-ignored"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "`pick=X` is not a number of questions",
        code: &["`pick={value}` is not a number of questions"],
        cause: "A pool's size is not a whole number of at least 1.",
        fix: "Write `pick=N` with N a whole number.",
        example: QuizPage("pickx-is-not-a-number-of-questions"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "`pick=N` picks every question of this quiz of M",
        code: &["`pick={n}` picks every question of this quiz of {questions}"],
        cause: "The pool is as large as the quiz, so it only shuffles.",
        fix: "Pick fewer questions, or remove `pick=`.",
        example: QuizPage("pickn-picks-every-question-of-this-quiz-of-m"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "in N of the M single-choice questions of this quiz the right choice is the longest",
        code: &["in {longest} of the {of} single-choice questions of this quiz the right choice is the longest"],
        cause: "A participant could guess by length alone.",
        fix: "Shorten the right choices or lengthen some wrong ones.",
        example: QuizPage("in-n-of-the-m-single-choice-questions-of-this-quiz-the-right-choice-is-the-longest"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this text is outside any question",
        code: &["this text is outside any question"],
        cause: "Text comes before the quiz's first heading.",
        fix: "Move the text under a question, or out of the quiz block.",
        example: QuizPage("this-text-is-outside-any-question"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this question has no text",
        code: &["this question has no text"],
        cause: "A question's heading is empty.",
        fix: "Write the question after the `##`.",
        example: QuizPage("this-question-has-no-text"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this `>` line is not indented, so it ends the list of choices",
        code: &["this `>` line is not indented, so it ends the list of choices"],
        cause: "A choice's feedback is written without its two-space indent.",
        fix: "Indent it by two spaces to make it the choice's feedback, or leave a blank line after the last choice to make it the question's explanation.",
        example: Fixture("quiz-feedback-unindented", &[("src/README.md", "- [ ] Wrong\n> Not this one.\n- [x] Right\n")]),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this question has no answer list",
        code: &["this question has no answer list"],
        cause: "A question has no list of choices or answers under it.",
        fix: "List the choices (`- [x] right`, `- [ ] wrong`) or the accepted answers.",
        example: QuizPage("this-question-has-no-answer-list"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "unknown question kind `{.X}`",
        code: &["unknown question kind `{{.{class}}}`"],
        cause: "A heading's `{.kind}` is not one of kurssi's kinds, often a typo; the note suggests the nearest.",
        fix: "Use `{.single}`, `{.multiple}`, `{.text}`, `{.number}` or `{.order}`.",
        example: Fixture("quiz-kind", &[("src/README.md", "## How many? {.numbr}\n")]),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "a question has only one kind",
        code: &["a question has only one kind"],
        cause: "A heading names two kinds.",
        fix: "Keep one of the `{.kind}` classes.",
        example: QuizPage("a-question-has-only-one-kind"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "a question has only one answer list",
        code: &["a question has only one answer list"],
        cause: "A question has two lists, most often because the bullets differ (`-` and `*`).",
        fix: "Use the same bullet for every item, or start a new question with a heading.",
        example: QuizPage("a-question-has-only-one-answer-list"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "only an explanation may follow the answer list",
        code: &["only an explanation may follow the answer list"],
        cause: "Text that is not a `>` blockquote follows the list.",
        fix: "Put the explanation in a blockquote (`> ...`), or start a new question with a heading.",
        example: QuizPage("only-an-explanation-may-follow-the-answer-list"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "`{.fixed}` keeps the order of choices, and this question has none",
        code: &["`{.fixed}` keeps the order of choices, and this question has none"],
        cause: "`{.fixed}` on a question that has no choices.",
        fix: "Remove `{.fixed}`.",
        example: QuizPage("fixed-keeps-the-order-of-choices-and-this-question-has-none"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "`weight=X` is not a whole number from 1 to 100",
        code: &["`weight={}` is not a whole number from 1 to 100"],
        cause: "A question's weight is not a whole number from 1 to 100.",
        fix: "Write the points the question is worth: `{.multiple weight=2}`.",
        example: QuizPage("weightx-is-not-a-whole-number-from-1-to-100"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "partial credit applies to `{.multiple}` questions only",
        code: &["partial credit applies to `{.multiple}` questions only"],
        cause: "`partial` on a question that is not `{.multiple}`.",
        fix: "Remove `partial`, or make the question `{.multiple partial}`.",
        example: QuizPage("partial-credit-applies-to-multiple-questions-only"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this list has no choices marked right `[x]` or wrong `[ ]`",
        code: &["this list has no choices marked right `[x]` or wrong `[ ]`"],
        cause: "A choice question's items have no `[x]` or `[ ]`.",
        fix: "Mark each choice right `[x]` or wrong `[ ]`.",
        example: QuizPage("this-list-has-no-choices-marked-right-x-or-wrong--"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this choice is not marked right `[x]` or wrong `[ ]`",
        code: &["this choice is not marked right `[x]` or wrong `[ ]`"],
        cause: "One choice lacks its mark.",
        fix: "Add `[x]` or `[ ]` after the bullet.",
        example: QuizPage("this-choice-is-not-marked-right-x-or-wrong--"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this choice has no text",
        code: &["this choice has no text"],
        cause: "A choice is only its mark.",
        fix: "Write the choice after `[x]` or `[ ]`, or remove it.",
        example: QuizPage("this-choice-has-no-text"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "a choice question needs at least two choices",
        code: &["a choice question needs at least two choices"],
        cause: "A choice question has one choice.",
        fix: "Add a wrong choice.",
        example: QuizPage("a-choice-question-needs-at-least-two-choices"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "no choice is marked right",
        code: &["no choice is marked right"],
        cause: "Every choice is marked `[ ]`.",
        fix: "Mark the right choice (or choices) with `[x]`.",
        example: QuizPage("no-choice-is-marked-right"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "a `{.single}` question has N choices marked right",
        code: &["a `{{.single}}` question has {right} choices marked right"],
        cause: "A question declared `{.single}` has more than one `[x]`.",
        fix: "Mark one choice right, or make the question `{.multiple}`.",
        example: QuizPage("a-single-question-has-n-choices-marked-right"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the answers of a `{.text}` question are not marked `[x]` or `[ ]`",
        code: &["the answers of a `{{.{}}}` question are not marked `[x]` or `[ ]`"],
        cause: "A `{.text}` or `{.number}` question's accepted answers carry choice marks.",
        fix: "List the accepted answers without marks, or remove the kind to make a choice question.",
        example: QuizPage("the-answers-of-a-text-question-are-not-marked-x-or--"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "an accepted answer is one line",
        code: &["an accepted answer is one line"],
        cause: "An accepted answer spans several lines.",
        fix: "Write each accepted answer as one list item of one line.",
        example: QuizPage("an-accepted-answer-is-one-line"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this answer is empty",
        code: &["this answer is empty"],
        cause: "A list item of accepted answers is empty.",
        fix: "Write the answer, or remove the item.",
        example: QuizPage("this-answer-is-empty"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "`X` is not a number",
        code: &["`{written}` is not a number"],
        cause: "An accepted answer of a `{.number}` question is not a number, a range or a number with a tolerance.",
        fix: "Write `52`, `40..60` or `52 +- 2`, with a dot as the decimal separator.",
        example: QuizPage("x-is-not-a-number"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the range `X` ends before it starts",
        code: &["the range `{written}` ends before it starts"],
        cause: "A range's numbers are the wrong way round.",
        fix: "Write the smaller number first: `40..60`.",
        example: QuizPage("the-range-x-ends-before-it-starts"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the tolerance in `X` must be a positive number",
        code: &["the tolerance in `{written}` must be a positive number"],
        cause: "The tolerance after `+-` is negative or too large.",
        fix: "Write it as `52 +- 2`.",
        example: QuizPage("the-tolerance-in-x-must-be-a-positive-number"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "`typo=X` is not 0 or 1",
        code: &["`typo={}` is not 0 or 1"],
        cause: "`typo` forgives at most one typing error.",
        fix: "Write `typo=1`, or remove it.",
        example: QuizPage("typox-is-not-0-or-1"),
    },
    Entry {
        group: Quizzes,
        severity: Warning,
        message: "`typo` applies to `{.text}` questions only",
        code: &["`typo` applies to `{.text}` questions only"],
        cause: "`typo=` on a question that is not `{.text}`.",
        fix: "Remove `typo=...` from the question.",
        example: QuizPage("typo-applies-to-text-questions-only"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this regular expression is not valid: X",
        code: &["this regular expression is not valid: {why}"],
        cause: "An accepted answer written `/.../` does not parse as a regular expression.",
        fix: "Fix the expression; the message says where it fails.",
        example: QuizPage("this-regular-expression-is-not-valid-x"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this regular expression uses X, which browsers read differently",
        code: &["this regular expression uses {what}, which browsers read differently"],
        cause: "The expression uses a feature whose meaning differs between kurssi's check and the browser.",
        fix: "Write it without that feature, as the note says.",
        example: QuizPage("this-regular-expression-uses-x-which-browsers-read-differently"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "write a Unicode class with braces: `\\p{L}`, not `\\pL`",
        code: &["write a Unicode class with braces: `\\p{L}`, not `\\pL`"],
        cause: "Browsers read `\\pL` differently from `\\p{L}`.",
        fix: "Write the class with braces.",
        example: QuizPage("write-a-unicode-class-with-braces"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the items of an `{.order}` question must be a numbered list",
        code: &["the items of an `{.order}` question must be a numbered list"],
        cause: "An order question's items are a bulleted list.",
        fix: "Number the items in their right order: `1.`, `2.`, ...",
        example: QuizPage("the-items-of-an-order-question-must-be-a-numbered-list"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "an `{.order}` question needs at least two items",
        code: &["an `{.order}` question needs at least two items"],
        cause: "An order question has one item.",
        fix: "Add the items to put in order.",
        example: QuizPage("an-order-question-needs-at-least-two-items"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "the items of an `{.order}` question are not marked `[x]` or `[ ]`",
        code: &["the items of an `{.order}` question are not marked `[x]` or `[ ]`"],
        cause: "An order question's items carry choice marks.",
        fix: "Remove the marks; the numbers give the right order.",
        example: QuizPage("the-items-of-an-order-question-are-not-marked-x-or--"),
    },
    Entry {
        group: Quizzes,
        severity: Error,
        message: "this item is empty",
        code: &["this item is empty"],
        cause: "An order question's item has no text.",
        fix: "Write the item, or remove it.",
        example: QuizPage("this-item-is-empty"),
    },
    // --- Worksheets -------------------------------------------------------
    Entry {
        group: Worksheets,
        severity: Error,
        message: "`X` cannot be a worksheet id",
        code: &["`{v}` cannot be a worksheet id"],
        cause: "A worksheet id holds a character other than letters, digits, `-` and `_`.",
        fix: "Write the id with those only: `{#plan}`.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#my:plan}\n## What will you check first?\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Warning,
        message: "`X` after `worksheet` is not understood and is ignored",
        code: &["`{token}` after `worksheet` is not understood and is ignored"],
        cause: "Something after `worksheet` that is not an id.",
        fix: "Remove it; only an id, `{#my-id}`, may follow.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan} big\n## What will you check first?\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "this text comes before the worksheet's first prompt",
        code: &["this text comes before the worksheet's first prompt"],
        cause: "Text before the first `##` prompt heading of a worksheet.",
        fix: "Move the text out of the block, or under a prompt.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\nThink first.\n\n## What will you check first?\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "this worksheet has no prompts",
        code: &["this worksheet has no prompts"],
        cause: "A worksheet block has no `##` prompt heading.",
        fix: "Start each prompt with a heading: `## What will you check first?`.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "this worksheet prompt is empty",
        code: &["this worksheet prompt is empty"],
        cause: "A prompt's heading has no text.",
        fix: "Write the prompt after the `##`.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\n##\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "`X` cannot be a prompt id",
        code: &["`{id}` cannot be a prompt id"],
        cause: "A prompt's `{#id}` holds a character other than letters, digits, `-` and `_`.",
        fix: "Write the id with those only.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\n## What first? {#a:b}\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "two prompts of this worksheet have the id `X`",
        code: &["two prompts of this worksheet have the id `{pid}`"],
        cause: "Two prompts of one worksheet have the same id, so their answers would be kept as one.",
        fix: "Give one of them another `{#id}`.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\n## First {#a}\n\n## Second {#a}\n```\n")]),
    },
    Entry {
        group: Worksheets,
        severity: Error,
        message: "the worksheet id `X` is also used in `Y`",
        code: &["the worksheet id `{}` is also used in `{first}`"],
        cause: "Two worksheets of the course have the same id, so their answers would be kept as one.",
        fix: "Give one of them an id of its own.",
        example: Course(&[("src/README.md", "# Home\n\n```worksheet {#plan}\n## First?\n```\n\n```worksheet {#plan}\n## Second?\n```\n")]),
    },
    // --- Languages ----------------------------------------------------
    Entry {
        group: Languages,
        severity: Error,
        message: "`translation-of` names `X`, which is not a page of the course's default language",
        code: &["`translation-of` names `{shown}`, which is not a page of the course's default language"],
        cause: "A translated page's `translation-of` front matter names no page of the default language.",
        fix: "Fix the path; it is the default language's page, relative to the course folder.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\nsrc = \"sv\"\n"), ("sv/README.md", "---\ntranslation-of: READM.md\n---\n# Stegar\n")]),
    },
    Entry {
        group: Languages,
        severity: Error,
        message: "`X` is translated twice: by this page and by `Y`",
        code: &["`{}{}` is translated twice: by this page and by `{}{first_path}`"],
        cause: "Two pages of one language are translations of the same page.",
        fix: "Fix the `translation-of` of one of them.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\nsrc = \"sv\"\n"), ("sv/README.md", "---\ntranslation-of: README.md\n---\n# Stegar\n"), ("sv/b.md", "---\ntranslation-of: README.md\n---\n# B\n")]),
    },
    Entry {
        group: Languages,
        severity: Error,
        message: "the quiz `X` has N questions here and M in `Y`",
        code: &["the quiz `{}` has {} questions here and {} in `{}{}`"],
        cause: "A translated quiz has not the same questions as the original, so results could not be compared.",
        fix: "Translate every question of the quiz, and add no others.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\nsrc = \"sv\"\n"), ("src/README.md", "# Home\n\n```quiz {#q}\n## One?\n\n- [x] Yes\n- [ ] No\n```\n"), ("sv/README.md", "---\ntranslation-of: README.md\n---\n# Stegar\n\n```quiz {#q}\n## En?\n\n- [x] Ja\n- [ ] Nej\n\n## Två?\n\n- [x] Ja\n- [ ] Nej\n```\n")]),
    },
    Entry {
        group: Languages,
        severity: Warning,
        message: "N of the course's pages have no `X` translation: ...",
        code: &["{} of the course's pages {} no `{code}` translation: {}{more}"],
        cause: "Pages of the default language have no translation in language X; they are shown in the default language there.",
        fix: "Translate the pages named, or ignore the warning while the translation is under way.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\nsrc = \"sv\"\n"), ("src/a.md", "# A\n"), ("sv/README.md", "---\ntranslation-of: README.md\n---\n# Stegar\n")]),
    },
    Entry {
        group: Languages,
        severity: Error,
        message: "this page would be written to `X`, where the `Y` edition of the course goes",
        code: &["this page would be written to `{}`, where the `{}` edition of the course goes"],
        cause: "In a course in several languages, a page's path is the folder of another language's edition, such as `sv/index.html`.",
        fix: "Rename the page's folder.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[language.sv]\nsrc = \"sv\"\n"), ("src/sv/README.md", "# Sv\n"), ("sv/README.md", "# Stegar\n")]),
    },
    // --- Theme ------------------------------------------------------------
    Entry {
        group: Theme,
        severity: Error,
        message: "the theme folder does not exist",
        code: &["the theme folder does not exist"],
        cause: "`theme` under `[course]` (or `[output.html]`) names a folder that is not there.",
        fix: "Create the folder, or fix `theme` in book.toml.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[course]\ntheme = \"my-theme\"\n")]),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "this line of the template is not valid UTF-8",
        code: &["this line of the template is not valid UTF-8"],
        cause: "A template of the theme is saved in another encoding.",
        fix: "Save the template as UTF-8.",
        example: Shown("theme/page.html saved as Windows-1252"),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "(a message of the Tera template engine, naming the template)",
        code: &[],
        cause: "A template of your theme has a mistake in the Tera syntax.",
        fix: "Fix the template at the place the message names; see [Themes](configuration/themes.md).",
        example: Shown("error: theme: Failed to parse 'page.html': expected `%}`"),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "rendering X failed: Y",
        code: &["rendering {path} failed: {}"],
        cause: "A template of your theme failed while making page X; Y says why (a message from the Tera template engine).",
        fix: "Fix the template named.",
        example: Shown("error: rendering index.html failed: Variable `pgae.title` not found"),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "two files of the site would be written to this path (a course file clashes with a generated one)",
        code: &["two files of the site would be written to this path (a course file clashes with a generated one)"],
        cause: "A file of yours has the name of one kurssi makes, such as `404.html`, `print.html`, `answers.html`, `search-index.js` or a file in `theme/`.",
        fix: "Rename your file.",
        example: Course(&[("src/404.html", "<p>Lost</p>\n")]),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "additional file listed in book.toml does not exist",
        code: &["additional file listed in book.toml does not exist"],
        cause: "A file in `additional-css` or `additional-js` is not there.",
        fix: "Fix the path; it is relative to the course folder.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[output.html]\nadditional-css = [\"custom.css\"]\n")]),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "additional-css and additional-js files must lie inside the course folder",
        code: &["additional-css and additional-js files must lie inside the course folder"],
        cause: "A path in `additional-css` or `additional-js` leads out of the course folder.",
        fix: "Copy the file into the course and name it from there.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[output.html]\nadditional-css = [\"../site.css\"]\n")]),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "is a folder; list the files in it one by one",
        code: &["is a folder; list the files in it one by one"],
        cause: "`additional-css` or `additional-js` names a folder.",
        fix: "List each file of the folder.",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[output.html]\nadditional-css = [\"src\"]\n")]),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "cannot write: X",
        code: &["cannot write: {}"],
        cause: "A file of the site could not be written; X is the system's reason.",
        fix: "Check that the output folder can be written, and that the disk has room.",
        example: Shown("error: book/index.html: cannot write: Permission denied (os error 13)"),
    },
    Entry {
        group: Theme,
        severity: Error,
        message: "cannot read the page's HTML back from its temporary file: X",
        code: &["cannot read the page's HTML back from its temporary file: {e}"],
        cause: "A build sets each page's HTML aside in a file of the system's temporary folder until the templates read it, and reading it back failed; X is the system's reason.",
        fix: "Check that the temporary folder (`TMPDIR`, else `/tmp`) has room and can be read, and build again.",
        example: Shown("error: index.html: cannot read the page's HTML back from its temporary file: failed to fill whole buffer"),
    },
    // --- mdbook-quiz ---------------------------------------------------
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "(a message of the TOML reader)",
        code: &[],
        cause: "The quiz file is not valid TOML.",
        fix: "Fix the line shown; text needs double quotes.",
        example: Shown("prompt.prompt = What is 2 + 2?"),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "PATH:LINE:COL: X",
        code: &["{name}:{line}:{col}: {}"],
        cause: "A problem in the quiz file of a `\\{{#quiz file.toml}}` line: the message points at the line of the page, and starts with the place in the quiz file. X is one of the messages of this section.",
        fix: "Fix the quiz file at the place named.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "# no questions\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "this quiz file has no questions: add a `[[questions]]` table",
        code: &["this quiz file has no questions: add a `[[questions]]` table"],
        cause: "The TOML file holds no question.",
        fix: "Add the questions, each under `[[questions]]`.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "# no questions\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "unknown field `X` in an mdbook-quiz file",
        code: &["unknown field `{key}` in an mdbook-quiz file"],
        cause: "The file's top level holds a key other than `questions` and `multipart`.",
        fix: "Remove or fix the key.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "title = \"Week 1\"\n\n[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"What is 2 + 2?\"\nanswer.answer = \"4\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "unknown field `X` in Y; it takes ...",
        code: &["unknown field `{key}` in {what}; it takes {known}"],
        cause: "A question, its `prompt` or its `answer` holds a misspelt or unknown key.",
        fix: "Use one of the keys the message lists.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"ShortAnswer\"\nprompt.promt = \"What is 2 + 2?\"\nanswer.answer = \"4\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "this question has no `X`",
        code: &["this question has no `{key}`", "this question has no `{path}`", "this question has no `answer.answer`"],
        cause: "A question lacks a field it needs, such as `prompt.prompt` or `answer.answer`.",
        fix: "Add the field.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"What is 2 + 2?\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`X` must be a string",
        code: &["`{path}` must be a string"],
        cause: "A field holds a number, a list or a table where text is expected.",
        fix: "Put the value in quotes.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = 4\nanswer.answer = \"4\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`X` must be a table (`X.field = ...`)",
        code: &["`{key}` must be a table (`{key}.field = ...`)"],
        cause: "`prompt` or `answer` is a value instead of a table.",
        fix: "Write its fields: `prompt.prompt = \"...\"`.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"ShortAnswer\"\nprompt = \"What is 2 + 2?\"\nanswer.answer = \"4\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`X` must be an array of strings",
        code: &["`{key}` must be an array of strings", "every item of `{key}` must be a string"],
        cause: "A list field, such as `distractors`, is not a list of texts.",
        fix: "Write it as `[\"a\", \"b\"]`.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Capital of Finland?\"\nprompt.distractors = \"Turku\"\nanswer.answer = \"Helsinki\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`answer` must be a string or an array of strings",
        code: &["`answer` must be a string or an array of strings"],
        cause: "A question's `answer.answer` is neither text nor a list of texts.",
        fix: "Write one answer in quotes, or a list of them.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Capital of Finland?\"\nprompt.distractors = [\"Turku\"]\nanswer.answer = 4\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`answerIndex` must be a number from 0",
        code: &["`answerIndex` must be a number from 0"],
        cause: "A multiple-choice question's `answerIndex` is negative or not a number.",
        fix: "Write the right choice's position, counting from 0.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Capital of Finland?\"\nprompt.distractors = [\"Turku\"]\nprompt.answerIndex = -1\nanswer.answer = \"Helsinki\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`answer` names no right answer",
        code: &["`answer` names no right answer"],
        cause: "A multiple-choice question's answer list is empty.",
        fix: "Name at least one right answer.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Capital of Finland?\"\nprompt.distractors = [\"Turku\"]\nanswer.answer = []\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "`answer.doesCompile` must be `true` or `false`",
        code: &["`answer.doesCompile` must be `true` or `false`"],
        cause: "A `Tracing` question's `doesCompile` is not a boolean.",
        fix: "Write `true` or `false`, without quotes.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = \"yes\"\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "a program that compiles needs its `stdout` as the answer",
        code: &["a program that compiles needs its `stdout` as the answer"],
        cause: "A `Tracing` question says the program compiles but gives no output.",
        fix: "Add `answer.stdout` to the question.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = true\n")]),
    },
    Entry {
        group: MdbookQuiz,
        severity: Error,
        message: "unknown question type `X`; mdbook-quiz has `MultipleChoice`, `ShortAnswer` and `Tracing`",
        code: &["unknown question type `{other}`; mdbook-quiz has `MultipleChoice`, `ShortAnswer` and `Tracing`"],
        cause: "A question's `type` is not one of mdbook-quiz's.",
        fix: "Use `MultipleChoice`, `ShortAnswer` or `Tracing`.",
        example: Course(&[("src/README.md", "# Home\n\n{{#quiz week1.toml}}\n"), ("src/week1.toml", "[[questions]]\ntype = \"Multiple\"\nprompt.prompt = \"Capital of Finland?\"\nanswer.answer = \"Helsinki\"\n")]),
    },
    // --- Question banks ---------------------------------------------------
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "GIFT has no ordering questions: `X` is left out",
        code: &["GIFT has no ordering questions: `{name}` is left out"],
        cause: "An `{.order}` question cannot be written in the GIFT format.",
        fix: "Export with `moodle-xml` to keep it.",
        example: Run(&["export", "gift", "-o", "bank.txt"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Put in order. {.order}\n\n1. First\n2. Second\n```\n")]),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "GIFT has no hints: the hint of `X` is left out",
        code: &["GIFT has no hints: the hint of `{name}` is left out"],
        cause: "GIFT cannot carry a question's hint.",
        fix: "Export with `moodle-xml` to keep it.",
        example: Run(&["export", "gift", "-o", "bank.txt"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which?\n\n> [!TIP]\n> Think.\n\n- [x] A\n- [ ] B\n```\n")]),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "GIFT carries no files: the images of `X` will be missing in Moodle",
        code: &["GIFT carries no files: the images of `{name}` will be missing in Moodle"],
        cause: "A question shows an image, and a GIFT file is text only.",
        fix: "Export with `moodle-xml`, which embeds the images.",
        example: Run(&["export", "gift", "-o", "bank.txt"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which? ![a ladder](l.png)\n\n- [x] A\n- [ ] B\n```\n"), ("src/l.png", "PNG")]),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "Moodle's GIFT import reads `->` in an answer as a matching question: `X` may not import as a short answer",
        code: &["Moodle's GIFT import reads `->` in an answer as a matching question: `{name}` may not import as a short answer"],
        cause: "An accepted answer of a `{.text}` question holds `->`.",
        fix: "Export with `moodle-xml`, or write the answer without `->`.",
        example: Run(&["export", "gift", "-o", "bank.txt"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which? {.text}\n\n- A -> B\n```\n")]),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "Moodle allows only fixed grades: in `X`, ...",
        code: &["Moodle allows only fixed grades: in `{}`, {}"],
        cause: "A `{.multiple}` question's right or wrong choices weigh a share Moodle has no grade for; Moodle gets the nearest one it has.",
        fix: "Fewer or more choices of one kind give exact weights (2, 3, 4, 5 or 10 right choices, for example).",
        example: Shown("a {.multiple} question with 7 right choices"),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "the image `X` cannot be read, so it is not in the export",
        code: &["the image `{path}` cannot be read, so it is not in the export"],
        cause: "An image of a question is missing or unreadable.",
        fix: "Fix the image's path.",
        example: Run(&["export", "moodle-xml", "-o", "bank.xml"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which? ![a ladder](missing.png)\n\n- [x] A\n- [ ] B\n```\n")]),
    },
    Entry {
        group: QuestionBanks,
        severity: Warning,
        message: "`X` links to Y in the course site, which Moodle does not know",
        code: &["`{}` links to {links} in the course site, which Moodle does not know"],
        cause: "A question links to a page of the course; in Moodle the relative link leads nowhere.",
        fix: "Set `site-url` under `[output.html]` in book.toml to make the links absolute.",
        example: Run(&["export", "moodle-xml", "-o", "bank.xml"], &[("src/README.md", "# Home\n\n```quiz {#q}\n## Which? See [more](more.md).\n\n- [x] A\n- [ ] B\n```\n"), ("src/more.md", "# More\n")]),
    },
    // --- SCORM ----------------------------------------------------------
    Entry {
        group: Scorm,
        severity: Error,
        message: "the course is too large for a SCORM X package: ...",
        code: &["the course is too large for a SCORM {} package: its saved state (quiz results, visited pages, the current page) can take {size} characters, and SCORM {} keeps at most {limit} in `cmi.suspend_data` ({} pages, {} quizzes)"],
        cause: "An LMS keeps at most 4,096 characters of a participant's state in SCORM 1.2 (64,000 in SCORM 2004), and this course's pages and quizzes can need more.",
        fix: "Export SCORM 2004, which keeps 64,000 characters: `kurssi export scorm --version 2004`, or `[scorm] version = \"2004\"` in book.toml. A course too large for that too: split it into several packages.",
        example: Shown("a course of 400 pages exported as SCORM 1.2"),
    },
    Entry {
        group: Scorm,
        severity: Error,
        message: "the course has a file with the name of the package's manifest",
        code: &["the course has a file with the name of the package's manifest"],
        cause: "The course has a file `imsmanifest.xml`, which the package needs for itself.",
        fix: "Rename or remove that file.",
        example: Run(&["export", "scorm", "-o", "c.zip"], &[("src/imsmanifest.xml", "<x/>")]),
    },
    Entry {
        group: Scorm,
        severity: Error,
        message: "will not write the package to `X`: it ...",
        code: &["will not write the package to `{}`: it {}"],
        cause: "The package's file would be inside the course, or replace a file kurssi did not write.",
        fix: "Choose another file with `-o`, or use `--force` to replace a file of yours.",
        example: Run(&["export", "scorm", "-o", "src/c.zip"], &[]),
    },
    Entry {
        group: Scorm,
        severity: Error,
        message: "the package was not written",
        code: &["error: the package was not written"],
        cause: "The course has errors; they are listed above.",
        fix: "Fix the errors above.",
        example: Run(&["export", "scorm", "-o", "src/c.zip"], &[]),
    },
    Entry {
        group: Scorm,
        severity: Error,
        message: "cannot write the package, so nothing was changed: X",
        code: &["error: cannot write the package, so nothing was changed: {e}"],
        cause: "The package's file cannot be written; X is the system's reason.",
        fix: "Check the path and its permissions, and the disk's room.",
        example: Shown("error: cannot write the package, so nothing was changed: Permission denied (os error 13)"),
    },
    Entry {
        group: Scorm,
        severity: Error,
        message: "the path leaves the package",
        code: &["the path leaves the package"],
        cause: "A file of the site would be written outside the package; this is a fault in kurssi.",
        fix: "Please report it, with the course if you can.",
        example: Shown("error: the path leaves the package"),
    },
    // --- Commands -------------------------------------------------------
    Entry {
        group: Commands,
        severity: Error,
        message: "the course folder `X` does not exist",
        code: &["error: the course folder `{}` does not exist\n = give the folder that holds book.toml, or leave ROOT out inside the course"],
        cause: "ROOT names no folder (exit status 2).",
        fix: "Give the folder that holds book.toml, or leave ROOT out inside the course.",
        example: Run(&["check", "my-corse"], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "`X` is a file; ROOT is the course folder, the one that holds book.toml",
        code: &["error: `{}` is a file; ROOT is the course folder, the one that holds book.toml"],
        cause: "ROOT names a file, such as `book.toml` itself.",
        fix: "Give the folder that holds the file.",
        example: Run(&["check", "book.toml"], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "the course has problems; nothing was written",
        code: &["error: the course has problems; nothing was written"],
        cause: "`build` found errors; they are listed above it. The output folder is left as it was.",
        fix: "Fix the errors above.",
        example: Run(&["build"], &[("src/SUMMARY.md", "# Summary\n\n- [Home](README.md)\n- [Lesson](lesson.md)\n")]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "warnings are denied (--deny-warnings); nothing was written",
        code: &["error: warnings are denied (--deny-warnings); nothing was written", "error: warnings are denied (--deny-warnings)"],
        cause: "`--deny-warnings` was given and the course has warnings; they are listed above, even with `-q`.",
        fix: "Fix the warnings, or build without `--deny-warnings`.",
        example: Run(&["build", "--deny-warnings"], &[("src/README.md", "# Home\n\n# Two\n")]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "the course has problems; nothing was exported",
        code: &["error: the course has problems; nothing was exported"],
        cause: "`export` found errors in the course's quizzes; they are listed above it.",
        fix: "Fix the errors above.",
        example: Run(&["export", "gift"], &[("src/README.md", "# Home\n\n```quiz\n```\n")]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "X cannot be the output folder: it ...",
        code: &["{written} cannot be the output folder: it {}"],
        cause: "The output folder is replaced whole on every build, so it may not be the course folder, the source or theme folder, a folder holding any of them, or one inside the sources.",
        fix: "Choose another `build-dir` (see [the output folder](commands.md#the-output-folder-is-kurssis-alone)).",
        example: Course(&[("book.toml", "[book]\ntitle = \"Ladders\"\n\n[build]\nbuild-dir = \"src\"\n")]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "will not build into `X`: it ...",
        code: &["will not build into `{}`: it {}"],
        cause: "The output folder would be part of the course (no option overrides this), or it holds files kurssi did not write.",
        fix: "Choose another folder with `-d`; `--force` replaces a folder of files kurssi did not write. See [the output folder](commands.md#the-output-folder-is-kurssis-alone).",
        example: Run(&["build", "-d", "src"], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "will not remove `X`: it ...",
        code: &["will not remove `{}`: it {reason}"],
        cause: "`clean` removes only an output folder that kurssi wrote, and never the course.",
        fix: "Remove the folder yourself if you mean it.",
        example: Run(&["clean", "-d", "src"], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "cannot remove X: Y",
        code: &["error: cannot remove {}: {}"],
        cause: "`clean` could not remove the output folder; Y is the system's reason.",
        fix: "Close programs that use the folder, and check its permissions.",
        example: Shown("error: cannot remove book: Permission denied (os error 13)"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "cannot write the site: X",
        code: &["error: cannot write the site: {e}"],
        cause: "The output folder cannot be written; X says why.",
        fix: "Check the path and its permissions.",
        example: Shown("error: cannot write the site: permission denied: the folder or a file in it is read-only or belongs to another user (os error 13)"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "cannot replace the output folder, so it was left as it was: X",
        code: &["error: cannot replace the output folder, so it was left as it was: {e}", "{words} ({error})"],
        cause: "The new site was written beside the output folder, but could not take its place; X says why, such as another program using the folder.",
        fix: "Close programs that use the folder (a file manager, a web server), and build again.",
        example: Shown("error: cannot replace the output folder, so it was left as it was: the folder is in use: it may be a mount point, or another program's current folder (os error 16)"),
    },
    Entry {
        group: Commands,
        severity: Warning,
        message: "the site is built, but the previous output could not be removed entirely: X; remove that folder yourself",
        code: &["warning: the site is built, but the previous output could not be removed entirely: {leftover}; remove that folder yourself"],
        cause: "The old site, moved aside, could not be deleted.",
        fix: "Remove the folder named.",
        example: Shown("warning: the site is built, but the previous output could not be removed entirely: .book.old-1234; remove that folder yourself"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "the disk that holds X is full: N files of the site could not be written",
        code: &["the disk that holds {} is full: {files} files of the site could not be written"],
        cause: "The disk ran out of space while the site was written; the old output is untouched.",
        fix: "Free space on that disk, or build into another with `-d`; the note says about how much the site needs.",
        example: Shown("error: the disk that holds /mnt/usb/book is full: 120 files of the site could not be written"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "kurssi: stopped by X; nothing was written, Y is as it was",
        code: &["kurssi: stopped by {name}; nothing was written, {dest} is as it was"],
        cause: "The build was stopped by Ctrl-C or a signal such as SIGTERM.",
        fix: "Nothing to fix: the old output is untouched. Build again.",
        example: Shown("kurssi: stopped by SIGINT; nothing was written, book is as it was"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "X already exists",
        code: &["error: {} already exists", "error: nothing was written; kurssi init never overwrites a file"],
        cause: "`init` found files in the way; it never overwrites one, and then writes nothing (\"nothing was written; kurssi init never overwrites a file\").",
        fix: "Choose another folder, or move the files away.",
        example: Run(&["init", "."], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "no starter course in the language `X`; use `fi` or `en`",
        code: &["error: no starter course in the language `{language}`; use `fi` or `en`"],
        cause: "`init --language` takes `fi` or `en`.",
        fix: "Use one of them, and translate the starter course.",
        example: Run(&["init", "--language", "sv", "new"], &[]),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "cannot write X: Y",
        code: &["error: cannot write {}: {e}", "error: cannot write {to}: {e}", "error: cannot write to standard output: {e}"],
        cause: "`init`, `export` or `convert` could not write a file; Y is the system's reason.",
        fix: "Check the path and its permissions.",
        example: Shown("error: cannot write bank.xml: Permission denied (os error 13)"),
    },
    Entry {
        group: Commands,
        severity: Error,
        message: "cannot read X: Y",
        code: &["error: cannot read {shown}: {e}"],
        cause: "`convert mdbook-quiz` could not read the file given.",
        fix: "Check the path.",
        example: Run(&["convert", "mdbook-quiz", "quizes/week1.toml"], &[]),
    },
    // --- serve ----------------------------------------------------------
    Entry {
        group: Serve,
        severity: Error,
        message: "X is not a folder",
        code: &["error: {} is not a folder"],
        cause: "`serve` was given a folder that does not exist.",
        fix: "Fix the path.",
        example: Shown("kurssi serve my-corse"),
    },
    Entry {
        group: Serve,
        severity: Error,
        message: "port N is already in use on X; stop what is using it, or choose another port with `-p`, ...",
        code: &["port {port} is already in use on {}; stop what is using it, or choose another port with `-p`, for example `kurssi serve -p {}`"],
        cause: "Another program, often another `kurssi serve`, listens on the port.",
        fix: "Stop it, or choose another port: `kurssi serve -p 3001`.",
        example: Shown("kurssi serve  (while another kurssi serve runs)"),
    },
    Entry {
        group: Serve,
        severity: Error,
        message: "`X` is not an address to listen on",
        code: &["`{host}` is not an address to listen on"],
        cause: "`-n` names no address of this computer.",
        fix: "Use `127.0.0.1` (this computer only) or `0.0.0.0` (the whole network).",
        example: Shown("kurssi serve -n localhostt"),
    },
    Entry {
        group: Serve,
        severity: Error,
        message: "cannot listen on X: Y",
        code: &["cannot listen on `{host}`: {e}", "cannot listen on {addr}: {e}", "error: cannot listen: {e}"],
        cause: "The address or port cannot be used; Y is the system's reason (a port below 1024 needs administrator rights, for example).",
        fix: "Choose another port with `-p`, or check `-n`.",
        example: Shown("kurssi serve -p 80"),
    },
    Entry {
        group: Serve,
        severity: Error,
        message: "cannot start the server: X",
        code: &["cannot start the server: {e}", "cannot start a server thread: {e}"],
        cause: "The system refused to start the server; X says why.",
        fix: "Try again; if it persists, the computer is out of resources.",
        example: Shown("error: cannot start the server: ..."),
    },
    Entry {
        group: Serve,
        severity: Warning,
        message: "cannot watch files for changes (X); pages will not reload",
        code: &["warning: cannot watch files for changes ({e}); pages will not reload", "cannot watch {} for changes: {e}"],
        cause: "The system cannot tell kurssi about changed files (on Linux, the limit of watched files may be reached). The course is still served.",
        fix: "Restart `serve` after edits, or raise the limit (`fs.inotify.max_user_watches` on Linux).",
        example: Shown("warning: cannot watch files for changes (too many open files); pages will not reload"),
    },
    Entry {
        group: Serve,
        severity: Warning,
        message: "cannot open a browser (X); open Y yourself",
        code: &["warning: cannot open a browser ({e}); open {url} yourself"],
        cause: "`serve --open` found no browser to start.",
        fix: "Open the address shown in a browser.",
        example: Shown("kurssi serve --open  (on a server without a desktop)"),
    },
];

/// The guide's page "Messages and what to do", written from [`CATALOGUE`].
pub fn guide_page() -> String {
    let mut out = String::from(HEAD);
    for group in Group::ALL {
        let entries: Vec<&Entry> = CATALOGUE.iter().filter(|e| e.group == group).collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n{}\n", group.title(), group.intro()));
        for e in entries {
            out.push_str(&format!("\n### {}\n\n", escape(e.message)));
            let word = match e.severity {
                Severity::Error => "Error",
                Severity::Warning => "Warning",
            };
            out.push_str(&format!("**{word}.** {}\n\n", escape(e.cause)));
            out.push_str(&format!("**Fix:** {}\n", escape(e.fix)));
            match e.example {
                Course(files) | Fixture(_, files) | Run(_, files) => {
                    match e.example {
                        Run(args, []) => {
                            out.push_str(&format!("\nFor example, `kurssi {}`.\n", args.join(" ")))
                        }
                        Run(args, _) => out.push_str(&format!(
                            "\nFor example, `kurssi {}` in a course with:\n",
                            args.join(" ")
                        )),
                        _ => out.push_str("\nFor example:\n"),
                    }
                    for (path, text) in files {
                        if text.is_empty() {
                            let case = match e.example {
                                Fixture(case, _) => case,
                                _ => "",
                            };
                            out.push_str(&format!(
                                "\n`{path}`, as in kurssi's test course `tests/fixtures/messages/{case}`.\n"
                            ));
                            continue;
                        }
                        let lang = match path.rsplit('.').next() {
                            Some("toml") => "toml",
                            Some("md") => "markdown",
                            _ => "text",
                        };
                        let fence = if text.contains("```") { "````" } else { "```" };
                        out.push_str(&format!(
                            "\n`{path}`:\n\n{fence}{lang}\n{}{}{fence}\n",
                            escape_code(text),
                            if text.ends_with('\n') { "" } else { "\n" }
                        ));
                    }
                }
                QuizPage(id) => {
                    out.push_str(&format!("\nSee [the example](quizzes/errors.md#{id}).\n"))
                }
                Shown(text) => {
                    let fence = if text.contains("```") { "````" } else { "```" };
                    out.push_str(&format!(
                        "\nFor example:\n\n{fence}text\n{}\n{fence}\n",
                        escape_code(text)
                    ));
                }
            }
        }
    }
    out
}

/// Text of the page outside code: `{{#` would be read as a directive.
fn escape(text: &str) -> String {
    text.replace("{{#", "\\{{#").replace("\\\\{{#", "\\{{#")
}

/// Text of a code block: `{{#` would be read as a directive there too.
fn escape_code(text: &str) -> String {
    text.replace("{{#", "\\{{#").replace("\\\\{{#", "\\{{#")
}

const HEAD: &str = "---
title: Messages and what to do
description: Every error and warning kurssi can print, what causes it, how to fix it, and an example.
---

<!-- Written by kurssi's tests from src/diagnostics/catalogue.rs: edit that
file, then run `UPDATE_GUIDE=1 cargo test --test it messages`. -->

# Messages and what to do

This page lists every error and warning kurssi can print, grouped by where
the problem is. In the messages, `X`, `Y` and `N` stand for a name, a path,
a value or a number from your course.

An **error** stops the build: nothing is written, and the output folder is
left as it was. A **warning** does not, unless you use `--deny-warnings`.
Each message comes with the file, usually the line and column, the line
itself, and often a note on what to do:

```text
error: `src/m/first-lessen.md` does not exist
  ┌─ src/SUMMARY.md:6:5
  │
6 │   - [First lesson](m/first-lessen.md)
  │     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  │
  = did you mean `src/m/first-lesson.md`? (it is not built until SUMMARY.md lists it)
```

All problems of a course are reported in one go, the ones that cause others
first.
";
