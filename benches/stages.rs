//! criterion micro-benchmarks of kurssi's hot stages (`cargo bench`), so a
//! change that slows one stage shows here before it shows in the whole-build
//! figures of `bench/run.sh`:
//!
//! - `markdown/page`: one lesson page's Markdown to HTML, with and without
//!   build-time highlighting, its quizzes included
//!   (`kurssi::site::render_page`);
//! - `quiz/parse`: one quiz block of every question kind (`kurssi::quiz::parse`);
//! - `highlight/*`: one fenced code block per language
//!   (`kurssi::markdown::highlight::code_block_html`);
//! - `site/load`: loading a small course and rendering its Markdown
//!   (`kurssi::site::Site::load`), and `site/render`: every page of it
//!   through the templates (`kurssi::render::render` into memory);
//! - `search/build_index`: the search index of that course.
//!
//! The stages run on the binary's allocator (mimalloc), as in a build.
//!
//! Inputs are built here, not read from the repository, so the figures do
//! not move when the bundled course is edited. Timings are never asserted:
//! benchmarks stay out of `cargo test`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use kurssi::i18n::Strings;
use kurssi::markdown::highlight::code_block_html;
use kurssi::markdown::page::Labels;
use kurssi::markdown::Typography;
use kurssi::quiz::{self, QuizContext};
use kurssi::render::{render, Edition, Memory, Part};
use kurssi::search::{build_index, SearchDoc};
use kurssi::site::{render_page, PageText, Settings, Site};

/// Pages of the course that `site/*` and `search/*` build: enough for the
/// per-page cost to dominate the fixed costs (theme, syntax set), small
/// enough that one iteration stays in milliseconds.
const SITE_PAGES: usize = 60;

const RUST: &str = r#"impl Student {
    pub fn new(writer: &str) -> Self {
        Self { writer: writer.to_string(), index: 0, items: Vec::new() }
    }

    /// Sums the items, rejecting any above the limit.
    pub fn compute(&mut self, items: &[u64]) -> Result<u64, String> {
        let mut total = 0u64;
        for (i, item) in items.iter().enumerate() {
            if *item > 3581 {
                return Err(format!("item {} too large: {}", i, item));
            }
            total += item;
        }
        self.items.push(total);
        Ok(total)
    }
}
"#;

const PYTHON: &str = r#"import json
from pathlib import Path


def load_scores(path: Path, limit: int = 4688) -> list[int]:
    """Reads the scores, skipping any above the limit."""
    with path.open() as f:
        data = json.load(f)
    return [s for s in data["scores"] if 0 < s <= limit]


class Report:
    def __init__(self, name):
        self.name = name
        self.rows = []

    def add(self, row):
        self.rows.append(row)
        return len(self.rows)
"#;

const JAVASCRIPT: &str = r#"function remove(items, limit = 4688) {
  let total = 0;
  for (const [i, item] of items.entries()) {
    if (item > limit) {
      throw new Error(`item ${i} too large: ${item}`);
    }
    total += item;
  }
  return total;
}

document.querySelectorAll(".score").forEach((el, idx) => {
  el.addEventListener("click", () => el.classList.toggle("open"));
});
"#;

const BASH: &str = r#"cargo build --release
./target/release/index --input data/request.csv --limit 2385 | tee out.log
grep -c ERROR out.log || true
"#;

const TOML: &str = r#"[book]
title = "Course"
language = "fi"

[course]
highlight = true
pass-mark = 80
"#;

/// One quiz of every question kind, with feedback, hints and explanations.
const QUIZ: &str = r#"## Which explains the quiet page best?

The restaurant has posted its lunch menu every Monday for a month. Nobody comments.

- [ ] The channel does not suit restaurants.
  > The channel is rarely the reason.
- [x] The posts are announcements that give the reader no reason to answer.
  > Right. A menu helps regulars but gives nobody a new reason to follow.
- [ ] There are too few posts.
  > More of the same does not make it more interesting.

> Being present is not enough: conversation and useful content bring results.

## Which of these give a reason to follow? {.multiple}

- [x] Short tips on payroll when the rules change
- [x] An invitation to test a new service first
- [ ] The same list of services every Monday
  > The same list every week is an announcement.

## What is social media compared to, instead of a mirror? {.text}

> [!TIP]
> An old proverb says the answer depends on how you shout.

- forest
- a forest
- the forest

## How many posts a week did the plan say? {.number}

- 3

## Put the steps in order. {.order}

1. Decide why you are on social media
2. Set a goal and a measure
3. Publish and take part in the conversation
4. Look at the results and adjust
"#;

/// A lesson page shaped like the benchmark corpus's (prose, links with
/// anchors, a footnote, lists, a table, an alert and three code blocks):
/// about 6 KB, the corpus's average.
fn lesson(n: usize) -> String {
    let prose = "Projects is mutable render run render return some thread packages exercise server \
                 libraries skill structure read protocol. Voi ympäristö harjoitus `limit.py` edellinen \
                 paketti hidas hyvin paketti uusi turvallinen harjoitus pitää tapahtuma kirjasto? \
                 **hyvin myös** poistaa kysymys tietokanta tehtävä siksi seuraava tyyppi kirjoittaa.";
    let mut s = String::new();
    let _ = writeln!(s, "# Lesson {n}\n");
    let _ = writeln!(
        s,
        "{prose} [see also](l{:02}.md#results-for-styles) and [the intro](index.md).[^1]\n",
        (n % 9) + 1
    );
    for section in [
        "Johdanto with Servers",
        "Results for Styles",
        "Parsing Options",
    ] {
        let _ = writeln!(s, "## {section}\n");
        for _ in 0..3 {
            let _ = writeln!(s, "{prose} {prose}\n");
        }
        s.push_str("- Check typical tasks our simple summary\n- Summary loops public strings\n  - Tiedon opiskelija nopea\n- Loads pattern some interface\n\n");
        s.push_str("> [!NOTE]\n> Dependencies are learn number defines parse every define.\n\n");
    }
    s.push_str("| The just | Arviointi | Number must |\n| :---: | --- | :--- |\n");
    s.push_str("| `users_size()` | `State::flush` | Tapahtuma tehtävä |\n| 8828 | `record()` | Jos käsittely |\n\n");
    if n % 3 == 0 {
        let _ = write!(
            s,
            "```rust\n{RUST}```\n\n```bash\n{BASH}```\n\n```toml\n{TOML}```\n\n"
        );
    }
    s.push_str("![A diagram](../images/diagram.svg)\n\n[^1]: A footnote.\n");
    s
}

fn bench_markdown(c: &mut Criterion) {
    let strings = Strings::new("en", &BTreeMap::new());
    let map = kurssi::source::OffsetMap::default();
    let labels = Labels::from_strings(|key| strings.get(key).to_owned());
    // A page's sections are analysed for search right after its Markdown.
    let vocabulary = kurssi::search::Vocabulary::new("en");
    let text = lesson(3);
    let mut group = c.benchmark_group("markdown/page");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for highlight in [true, false] {
        let page = PageText {
            file: 0,
            text: &text,
            map: &map,
            source_path: "m001/l03.md",
            pass_mark: 80,
        };
        let settings = Settings {
            typography: Typography::English,
            highlight,
            strings: &strings,
            labels: &labels,
            vocabulary: Some(&vocabulary),
            stored_chars: kurssi::search::MAX_TEXT_CHARS,
        };
        let name = if highlight {
            "highlight"
        } else {
            "no-highlight"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut diags = Vec::new();
                black_box(render_page(black_box(&page), &settings, &mut diags))
            })
        });
    }
    group.finish();
}

fn bench_quiz(c: &mut Criterion) {
    let strings = Strings::new("en", &BTreeMap::new());
    let ctx = QuizContext {
        file: 0,
        page_path: "m/quiz.md",
        index: 0,
        typography: Typography::English,
        highlight: false,
        strings: &strings,
        pass_mark: 80,
    };
    // The block must parse cleanly, or the benchmark would time error paths.
    let mut diags = Vec::new();
    assert!(
        quiz::parse("quiz", QUIZ, 0, &ctx, &mut diags).is_some() && diags.is_empty(),
        "the benchmark quiz no longer parses cleanly: {diags:?}"
    );
    let mut group = c.benchmark_group("quiz");
    group.throughput(Throughput::Bytes(QUIZ.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            black_box(quiz::parse("quiz", black_box(QUIZ), 0, &ctx, &mut diags))
        })
    });
    group.finish();
}

fn bench_highlight(c: &mut Criterion) {
    // Load the syntax set outside the timings: it happens once per build.
    black_box(code_block_html("rust", "fn main() {}\n", true));
    let mut group = c.benchmark_group("highlight");
    for (lang, code) in [
        ("rust", RUST),
        ("python", PYTHON),
        ("javascript", JAVASCRIPT),
        ("bash", BASH),
        ("toml", TOML),
    ] {
        group.throughput(Throughput::Bytes(code.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("code_block_html", lang),
            &(lang, code),
            |b, &(lang, code)| {
                b.iter(|| black_box(code_block_html(black_box(lang), black_box(code), true)))
            },
        );
    }
    group.bench_function("code_block_html/rust-off", |b| {
        b.iter(|| black_box(code_block_html("rust", black_box(RUST), false)))
    });
    group.finish();
}

/// Writes a course of `pages` lessons in modules of ten, mdBook-style.
fn write_course(root: &Path, pages: usize) {
    let src = root.join("src");
    fs::create_dir_all(src.join("images")).expect("create src");
    fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Benchmark course\"\nlanguage = \"en\"\nsrc = \"src\"\n",
    )
    .expect("write book.toml");
    fs::write(
        src.join("images/diagram.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    )
    .expect("write image");
    let mut summary = String::from("# Summary\n\n");
    for m in 0..pages.div_ceil(10) {
        let dir = format!("m{m:03}");
        fs::create_dir_all(src.join(&dir)).expect("create module");
        fs::write(
            src.join(&dir).join("index.md"),
            format!("# Module {m}\n\nWhat this module covers.\n"),
        )
        .expect("write module");
        let _ = writeln!(summary, "- [Module {m}]({dir}/index.md)");
        for l in 1..=10.min(pages - m * 10) {
            fs::write(src.join(&dir).join(format!("l{l:02}.md")), lesson(l)).expect("write lesson");
            let _ = writeln!(summary, "  - [Lesson {l}]({dir}/l{l:02}.md)");
        }
    }
    fs::write(src.join("SUMMARY.md"), summary).expect("write SUMMARY.md");
}

fn bench_site(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_course(dir.path(), SITE_PAGES);
    let site = Site::load(dir.path());
    let errors: Vec<_> = site
        .diagnostics()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "the benchmark course has errors: {errors:?}"
    );

    let mut group = c.benchmark_group("site");
    group.sample_size(20);
    group.throughput(Throughput::Elements(site.course.pages.len() as u64));
    group.bench_function("load", |b| {
        b.iter(|| black_box(Site::load(black_box(dir.path()))))
    });
    group.bench_function("render", |b| {
        b.iter(|| {
            let sink = Memory::new();
            let diags = render(
                black_box(&site),
                &Edition::participants(),
                Part::Everything,
                &sink,
            );
            black_box((sink.into_files(), diags))
        })
    });
    group.finish();

    // The search index's input, as the renderer builds it: one doc per section.
    let docs: Vec<(String, String, &str)> = site
        .course
        .pages
        .iter()
        .flat_map(|page| {
            let path = &page.output_path;
            let title = &page.title;
            page.rendered.sections.iter().map(move |s| {
                let url =
                    s.id.as_ref()
                        .map_or_else(|| path.clone(), |id| format!("{path}#{id}"));
                (url, format!("{title} › {}", s.title), s.text.as_str())
            })
        })
        .collect();
    let docs: Vec<SearchDoc> = docs
        .iter()
        .map(|(url, title, text)| SearchDoc { url, title, text })
        .collect();
    let mut group = c.benchmark_group("search");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("build_index", |b| {
        b.iter(|| black_box(build_index("en", black_box(&docs))))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_markdown,
    bench_quiz,
    bench_highlight,
    bench_site
);
criterion_main!(benches);

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
