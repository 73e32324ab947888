//! `kurssi build` and `kurssi check`: load, render and check the course;
//! `build` then writes the site atomically.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, OutFile};
use crate::render::{self, RenderOptions};
use crate::site::Site;

use super::{COURSE_ERRORS, SUCCESS};

/// The result of building a course in memory.
pub struct Built {
    /// The site with its rendered pages.
    pub site: Site,
    /// Every output file.
    pub files: Vec<OutFile>,
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads, renders and checks the course at `root` in memory.
pub fn build_in_memory(root: &Path, options: &RenderOptions) -> Built {
    let timer = PhaseTimer::from_env();
    let site = Site::load(root);
    timer.lap("load and render Markdown");
    let mut diags = site.diagnostics();
    diags.extend(crate::check::links(&site));
    diags.extend(crate::check::quiz_ids(&site));
    timer.lap("check links");
    let files = render::render_site(&site, options, &mut diags);
    timer.lap("render templates, print, search");
    diagnostics::sort(&mut diags, &site.course.sources);
    Built {
        site,
        files,
        diagnostics: diags,
    }
}

/// Prints diagnostics (warnings only when not quiet).
pub fn report(built: &Built, quiet: bool) {
    let shown: Vec<Diagnostic> = built
        .diagnostics
        .iter()
        .filter(|d| !quiet || d.is_error())
        .cloned()
        .collect();
    diagnostics::emit(&shown, &built.site.course.sources);
}

fn failed(built: &Built, deny_warnings: bool) -> bool {
    let counts = diagnostics::count(&built.diagnostics);
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// `kurssi build`.
pub fn run_build(root: &Path, dest: Option<PathBuf>, deny_warnings: bool, quiet: bool) -> u8 {
    let started = Instant::now();
    let built = build_in_memory(root, &RenderOptions::default());
    report(&built, quiet);
    if failed(&built, deny_warnings) {
        eprintln!("error: the course has problems; nothing was written");
        return COURSE_ERRORS;
    }
    let dest = dest.unwrap_or_else(|| root.join(&built.site.course.config.build_dir));
    let writing = Instant::now();
    if let Err(e) = output::write_atomically(&dest, &built.files) {
        eprintln!("error: cannot write the site: {e}");
        return COURSE_ERRORS;
    }
    if std::env::var_os("KURSSI_TIMINGS").is_some() {
        eprintln!("timing: write: {} ms", writing.elapsed().as_millis());
    }
    if !quiet {
        eprintln!(
            "Built {} pages into {} in {} ms; open {}",
            built.site.course.pages.len(),
            dest.display(),
            started.elapsed().as_millis(),
            dest.join("index.html").display()
        );
    }
    SUCCESS
}

/// `kurssi check`.
pub fn run_check(root: &Path, deny_warnings: bool, quiet: bool) -> u8 {
    let built = build_in_memory(root, &RenderOptions::default());
    report(&built, quiet);
    if failed(&built, deny_warnings) {
        return COURSE_ERRORS;
    }
    if !quiet {
        eprintln!("Checked {} pages: no errors", built.site.course.pages.len());
    }
    SUCCESS
}

/// Prints how long each phase took when `KURSSI_TIMINGS` is set: the
/// cheapest profiler for "where does a build spend its time".
struct PhaseTimer {
    last: Option<std::cell::Cell<Instant>>,
}

impl PhaseTimer {
    fn from_env() -> Self {
        PhaseTimer {
            last: std::env::var_os("KURSSI_TIMINGS").map(|_| std::cell::Cell::new(Instant::now())),
        }
    }

    fn lap(&self, phase: &str) {
        if let Some(last) = &self.last {
            let now = Instant::now();
            eprintln!("timing: {phase}: {} ms", (now - last.get()).as_millis());
            last.set(now);
        }
    }
}
