//! `kurssi build` and `kurssi check`: load, render and check the course;
//! `build` then writes the site atomically.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{self, Diagnostic, Location, Severity};
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

/// Loads the course and renders its Markdown, then runs the checks that
/// span pages: everything before the theme.
fn load_and_check(root: &Path, timer: &PhaseTimer) -> (Site, Vec<Diagnostic>) {
    let mut site = Site::load_unrendered(root);
    timer.lap("load");
    site.render_all_markdown_once();
    timer.lap("render Markdown");
    let mut diags = site.diagnostics();
    diags.extend(crate::check::links(&site));
    diags.extend(crate::check::quiz_ids(&site));
    diags.extend(crate::check::output_folder(&site));
    // Pages were freed once rendered; the few that these diagnostics quote
    // are read again.
    let quoted: Vec<_> = diags.iter().filter_map(Diagnostic::file).collect();
    site.course.sources.reread(root, quoted);
    timer.lap("check links");
    (site, diags)
}

/// Loads, renders and checks the course at `root` in memory.
pub fn build_in_memory(root: &Path, options: &RenderOptions) -> Built {
    let timer = PhaseTimer::from_env();
    let (site, mut diags) = load_and_check(root, &timer);
    let files = render::render_site(&site, options, &mut diags);
    timer.lap("render templates, print, search");
    diagnostics::sort(&mut diags, &site.course.sources);
    Built {
        site,
        files,
        diagnostics: diags,
    }
}

/// Streams the print view into `staging` (rendered and thrown away when
/// there is none, so its template errors are still reported).
fn write_print(
    site: &Site,
    options: &RenderOptions,
    staging: Option<&output::Staging>,
) -> Vec<Diagnostic> {
    match render::print_shell(site, options) {
        Some(Ok(shell)) => {
            if let (Some(staging), output::Content::Bytes(bytes)) = (staging, &shell.content) {
                let text = String::from_utf8_lossy(bytes);
                let written = staging.write_with(&shell.path, |out| {
                    render::print::write_filled(&text, site, out)
                });
                if let Err(e) = written {
                    let message = format!("cannot write: {}", e.error);
                    return vec![Diagnostic::path_error(shell.path.clone(), message)];
                }
            }
            Vec::new()
        }
        Some(Err(d)) => vec![d],
        None => Vec::new(),
    }
}

/// Streams `search-index.js` into `staging`, when the course has search and
/// there is somewhere to write it.
fn write_search_index(site: &Site, staging: Option<&output::Staging>) -> Option<Diagnostic> {
    const PATH: &str = "search-index.js";
    let staging = staging.filter(|_| site.course.config.search)?;
    let written = staging.write_with(PATH, |out| render::write_search_index(site, out));
    written
        .err()
        .map(|e| Diagnostic::path_error(PATH, format!("cannot write: {}", e.error)))
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

fn failed(diagnostics: &[Diagnostic], deny_warnings: bool) -> bool {
    let counts = diagnostics::count(diagnostics);
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// `kurssi build`: renders straight into a new folder beside the
/// destination, which replaces the old output only when nothing failed.
pub fn run_build(
    root: &Path,
    dest: Option<PathBuf>,
    deny_warnings: bool,
    force: bool,
    quiet: bool,
) -> u8 {
    let started = Instant::now();
    let timer = PhaseTimer::from_env();
    let (mut site, mut diags) = load_and_check(root, &timer);
    // From here on only the diagnostics found so far quote the sources
    // (rendering reports problems by path), so the rest of the text can go.
    let quoted: std::collections::HashSet<crate::source::FileId> =
        diags.iter().filter_map(Diagnostic::file).collect();
    site.course.sources.release_texts(|id| quoted.contains(&id));
    // A build-dir from book.toml was reported at its line by the checks.
    let reported = dest.is_none() && site.course.config.build_dir_at.is_some();
    let dest = dest.unwrap_or_else(|| root.join(&site.course.config.build_dir));
    let refusal = match crate::check::protected(&site).refusal(&dest) {
        Some(_) if reported => None,
        Some(r) => Some(r),
        None => match output::guard::inspect(&dest) {
            Ok(existing) => output::guard::may_replace(&existing, force).err(),
            Err(e) => Some(output::guard::Refusal {
                reason: format!("cannot be read: {}", output::explain(&e)),
                hint: "choose another output folder with `-d DIR`".to_owned(),
            }),
        },
    };
    let dest_refused = refusal.is_some();
    if let Some(refusal) = refusal {
        diags.push(
            Diagnostic::new(
                Severity::Error,
                Location::None,
                format!(
                    "will not build into `{}`: it {}",
                    dest.display(),
                    refusal.reason
                ),
            )
            .with_note(refusal.hint),
        );
    }
    let content_ok = !failed(&diags, deny_warnings);
    let staging = if content_ok {
        match output::Staging::new(&dest) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("error: cannot write the site: {e}");
                return COURSE_ERRORS;
            }
        }
    } else {
        None
    };
    // With errors in the course, templates are still rendered (and thrown
    // away) so that template errors are reported in the same run.
    let options = RenderOptions {
        print_separately: true,
        search_separately: true,
        ..RenderOptions::default()
    };
    let sink = |file: OutFile| {
        let staging = staging.as_ref()?;
        staging.write(&file).err().map(|e| {
            Diagnostic::path_error(file.path.clone(), format!("cannot write: {}", e.error))
        })
    };
    // The print view and the search index are large files written by one
    // thread each: write them while the other pages render rather than
    // after them.
    let (_, (print_diags, search_diags)) = rayon::join(
        || render::render_site_into(&site, &options, &mut diags, &sink),
        || {
            rayon::join(
                || write_print(&site, &options, staging.as_ref()),
                || write_search_index(&site, staging.as_ref()),
            )
        },
    );
    diags.extend(print_diags);
    diags.extend(search_diags);
    timer.lap("render and write");
    diagnostics::sort(&mut diags, &site.course.sources);
    let built = Built {
        site,
        files: Vec::new(),
        diagnostics: diags,
    };
    report(&built, quiet);
    let Some(staging) = staging.filter(|_| !failed(&built.diagnostics, deny_warnings)) else {
        let errors = diagnostics::count(&built.diagnostics).errors;
        if errors == 0 {
            eprintln!("error: warnings are denied (--deny-warnings); nothing was written");
        } else if dest_refused && errors == 1 {
            // The refusal said it all.
        } else {
            eprintln!("error: the course has problems; nothing was written");
        }
        return COURSE_ERRORS;
    };
    match staging.commit() {
        Ok(None) => {}
        Ok(Some(leftover)) => eprintln!(
            "warning: the site is built, but the previous output could not be removed entirely: {leftover}; remove that folder yourself"
        ),
        Err(e) => {
            eprintln!("error: cannot replace the output folder, so it was left as it was: {e}");
            return COURSE_ERRORS;
        }
    }
    timer.lap("replace the old output");
    if !quiet {
        eprintln!(
            "Built {} pages into {} in {} ms; open {}",
            built.site.course.pages.len(),
            dest.display(),
            started.elapsed().as_millis(),
            dest.join("index.html").display()
        );
    }
    // The process ends here: freeing a large course piece by piece would
    // only add to the build time.
    std::mem::forget(built);
    SUCCESS
}

/// `kurssi check`: everything `build` does, in memory, writing nothing.
pub fn run_check(root: &Path, deny_warnings: bool, quiet: bool) -> u8 {
    let built = build_in_memory(root, &RenderOptions::default());
    report(&built, quiet);
    if failed(&built.diagnostics, deny_warnings) {
        if diagnostics::count(&built.diagnostics).errors == 0 {
            eprintln!("error: warnings are denied (--deny-warnings)");
        }
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
    last: Option<std::cell::Cell<(Instant, Option<u64>)>>,
}

impl PhaseTimer {
    fn from_env() -> Self {
        PhaseTimer {
            last: std::env::var_os("KURSSI_TIMINGS")
                .map(|_| std::cell::Cell::new((Instant::now(), cpu_ticks()))),
        }
    }

    /// Prints the wall time since the last lap, and the CPU time of all
    /// threads where the system tells it: their ratio shows how well a
    /// phase uses the cores.
    fn lap(&self, phase: &str) {
        if let Some(last) = &self.last {
            let (now, cpu) = (Instant::now(), cpu_ticks());
            let (then, cpu_then) = last.get();
            let wall = (now - then).as_millis();
            match cpu.zip(cpu_then) {
                Some((cpu, cpu_then)) => {
                    let cpu_ms = (cpu - cpu_then) * 10;
                    eprintln!(
                        "timing: {phase}: {wall} ms, {cpu_ms} ms CPU{}",
                        memory().unwrap_or_default()
                    );
                }
                None => eprintln!("timing: {phase}: {wall} ms"),
            }
            last.set((now, cpu));
        }
    }
}

/// The resident memory now and at its peak, from `/proc` (empty elsewhere):
/// memory first touched costs time too, so the phases show where it grows.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024)
    };
    Some(format!(
        ", {} MiB resident ({} MiB peak)",
        field("VmRSS:")?,
        field("VmHWM:")?
    ))
}

/// User and system time of the whole process in clock ticks (1/100 s on
/// Linux), from `/proc`; `None` elsewhere.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}
