//! `kurssi build` and `kurssi check`, composed of the pipeline's stages:
//! load, check, render(edition, sink), and for `build` the commit of the
//! staging folder in place of the old output.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{self, Diagnostic, Location, Severity};
use crate::output::{self, guard, OutFile};
use crate::render::{self, Discard, Edition, Memory, Part, Sink};
use crate::site::Site;

use crate::cli::{COURSE_ERRORS, SUCCESS};

/// Loads the course in one of its languages (`None`: the default) and
/// renders its Markdown, then runs the checks that span pages: everything
/// before the theme.
pub(super) fn load_and_check(
    root: &Path,
    language: Option<&str>,
    links_are_errors: Option<bool>,
    timer: &PhaseTimer,
) -> (Site, Vec<Diagnostic>) {
    let mut site = Site::load_language(root, language);
    if let Some(level) = links_are_errors {
        site.course.config.links_are_errors = level;
    }
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

/// Every edition of the course, loaded and checked: the default language
/// first, then each `[language.*]`, with the diagnostics of each.
struct Editions {
    sites: Vec<Site>,
    diags: Vec<Vec<Diagnostic>>,
}

impl Editions {
    fn load(root: &Path, links_are_errors: Option<bool>, timer: &PhaseTimer) -> Editions {
        let (first, first_diags) = load_and_check(root, None, links_are_errors, timer);
        let codes = first.course.config.language_codes();
        let mut editions = Editions {
            sites: vec![first],
            diags: vec![first_diags],
        };
        for code in &codes {
            let (site, mut diags) = load_and_check(root, Some(code), links_are_errors, timer);
            // book.toml says the same in every language: reported once.
            diags.retain(|d| {
                d.file()
                    .is_none_or(|f| site.course.sources.get(f).path != "book.toml")
            });
            editions.sites.push(site);
            editions.diags.push(diags);
        }
        if editions.sites.len() > 1 {
            let problems = crate::languages::pair_checked(&mut editions.sites);
            for (diags, more) in editions.diags.iter_mut().zip(problems) {
                diags.extend(more);
            }
            // The pages these quote were freed once rendered: read again.
            for (site, diags) in editions.sites.iter_mut().zip(&editions.diags) {
                let quoted: Vec<_> = diags.iter().filter_map(Diagnostic::file).collect();
                site.course.sources.reread(root, quoted);
            }
        }
        editions
    }

    /// Each edition's site with how it is rendered.
    fn each<'a>(&'a self, base: &'a Edition) -> impl Iterator<Item = (&'a Site, Edition)> + 'a {
        let default = self.sites[0].course.config.language.clone();
        self.sites.iter().map(move |site| {
            let folder = crate::languages::subfolder(site, &default);
            (site, base.clone().in_subfolder(folder))
        })
    }

    /// Renders every language of `base` (the participants' or the
    /// trainer's edition) into `sink`.
    fn render(&mut self, base: &Edition, sink: &dyn Sink) {
        let rendered: Vec<Vec<Diagnostic>> = self
            .each(base)
            .map(|(site, edition)| render::render(site, &edition, Part::Everything, sink))
            .collect();
        for (diags, more) in self.diags.iter_mut().zip(rendered) {
            diags.extend(more);
        }
    }

    fn all(&self) -> Vec<Diagnostic> {
        self.diags.iter().flatten().cloned().collect()
    }

    fn sort(&mut self) {
        for (site, diags) in self.sites.iter().zip(self.diags.iter_mut()) {
            diagnostics::sort(diags, &site.course.sources);
        }
    }

    /// Prints the diagnostics: warnings too unless quiet, or when they are
    /// denied (then they are what fails the run).
    fn report(&self, quiet: bool, deny_warnings: bool) {
        let shown: Vec<Vec<Diagnostic>> = self
            .diags
            .iter()
            .map(|diags| {
                diags
                    .iter()
                    .filter(|d| !quiet || deny_warnings || d.is_error())
                    .cloned()
                    .collect()
            })
            .collect();
        let groups: Vec<(&[Diagnostic], &crate::source::Sources)> = shown
            .iter()
            .zip(&self.sites)
            .map(|(d, site)| (d.as_slice(), &site.course.sources))
            .collect();
        diagnostics::emit_groups(&groups);
    }

    /// How many pages there are, as the last line of a build or check says
    /// it: `35 pages`, or `70 pages in 2 languages`.
    fn pages(&self) -> String {
        let n: usize = self.sites.iter().map(|s| s.course.pages.len()).sum();
        let pages = if n == 1 { "page" } else { "pages" };
        match self.sites.len() {
            1 => format!("{n} {pages}"),
            languages => format!("{n} {pages} in {languages} languages"),
        }
    }
}

/// Loads, checks and renders the course at `root` into memory: every file
/// of `edition`, and every diagnostic, sorted.
pub fn build_in_memory(root: &Path, edition: &Edition) -> (Site, Vec<OutFile>, Vec<Diagnostic>) {
    let (site, mut diags) = load_and_check(root, None, None, &PhaseTimer::from_env());
    let sink = Memory::new();
    diags.extend(render::render(&site, edition, Part::Everything, &sink));
    diagnostics::sort(&mut diags, &site.course.sources);
    (site, sink.into_files(), diags)
}

/// Prints diagnostics: warnings too unless quiet, or when they are denied
/// (then they are what fails the run).
pub(super) fn report(site: &Site, diagnostics: &[Diagnostic], quiet: bool, deny_warnings: bool) {
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| !quiet || deny_warnings || d.is_error())
        .cloned()
        .collect();
    diagnostics::emit(&shown, &site.course.sources);
}

pub(super) fn failed(diagnostics: &[Diagnostic], deny_warnings: bool) -> bool {
    let counts = diagnostics::count(diagnostics);
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// Why `dest` may not be the output folder now, if it may not: a folder
/// given with `-d` that is part of the course (a `build-dir` that is was
/// reported by the checks, at its line), or a folder kurssi did not write.
fn refuse_dest(site: &Site, dest: &Path, from_book_toml: bool, force: bool) -> Option<Diagnostic> {
    let refusal = match crate::check::protected(site).refusal(dest) {
        Some(_) if from_book_toml => return None,
        Some(r) => r,
        None => match guard::inspect(dest) {
            Ok(existing) => guard::may_replace(&existing, force).err()?,
            Err(e) => guard::Refusal {
                reason: format!("cannot be read: {}", output::explain(&e)),
                hint: "choose another output folder with `-d DIR`".to_owned(),
            },
        },
    };
    let message = format!(
        "will not build into `{}`: it {}",
        dest.display(),
        refusal.reason
    );
    Some(Diagnostic::new(Severity::Error, Location::None, message).with_note(refusal.hint))
}

/// Replaces the "disk is full" error of every file that could not be
/// written with one that says what happened and what the site needs.
fn disk_full(diags: &mut Vec<Diagnostic>, dest: &Path, (files, bytes): (usize, u64)) {
    diags.retain(|d| {
        !(matches!(d.location, Location::Path(_)) && d.message.contains("the disk is full"))
    });
    let folder = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let megabytes = bytes.div_ceil(1 << 20);
    diags.push(
        Diagnostic::new(
            Severity::Error,
            Location::None,
            format!(
                "the disk that holds {} is full: {files} files of the site could not be written",
                folder.display()
            ),
        )
        .with_note(format!(
            "the site needs about {megabytes} MB (twice that while the old output is replaced): \
             free some space there, or build into a folder on another disk with `-d`"
        )),
    );
}

/// `kurssi build`: load, check, render the participants' edition into a
/// staging folder beside the destination, and commit it in place of the
/// old output only when nothing failed.
pub fn run_build(
    root: &Path,
    dest: Option<PathBuf>,
    deny_warnings: bool,
    force: bool,
    links_are_errors: Option<bool>,
    quiet: bool,
    edition: &Edition,
) -> u8 {
    let started = Instant::now();
    let timer = PhaseTimer::from_env();
    let mut editions = Editions::load(root, links_are_errors, &timer);
    // From here on only the diagnostics found so far quote the sources
    // (rendering reports problems by path), so the rest of the text can go.
    for (site, diags) in editions.sites.iter_mut().zip(&editions.diags) {
        let quoted: std::collections::HashSet<crate::source::FileId> =
            diags.iter().filter_map(Diagnostic::file).collect();
        site.course.sources.release_texts(|id| quoted.contains(&id));
    }
    let site = &editions.sites[0];
    // The trainer's folder is checked here (the checks know only build-dir).
    let from_book_toml =
        dest.is_none() && site.course.config.build_dir_at.is_some() && !edition.is_trainer();
    let dest = dest.unwrap_or_else(|| {
        let dir = root.join(&site.course.config.build_dir);
        if edition.is_trainer() {
            trainer_dir(&dir)
        } else {
            dir
        }
    });
    let refused = refuse_dest(site, &dest, from_book_toml, force);
    let dest_refused = refused.is_some();
    editions.diags[0].extend(refused);
    let staging = if failed(&editions.all(), deny_warnings) {
        None
    } else {
        output::stop::install(&dest);
        let mut say = |line: String| {
            if !quiet {
                eprintln!("{line}");
            }
        };
        match output::Staging::new(&dest, &mut say) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("error: cannot write the site: {e}");
                return COURSE_ERRORS;
            }
        }
    };
    // With errors in the course the templates are still rendered (and the
    // files thrown away), so that template errors are reported in the same run.
    let sink: &dyn Sink = match &staging {
        Some(staging) => staging,
        None => &Discard,
    };
    editions.render(edition, sink);
    // Errors about the output folder, not the course: they say it all.
    let mut output_errors = usize::from(dest_refused);
    if let Some(full) = staging.as_ref().and_then(|s| s.disk_full()) {
        for diags in &mut editions.diags {
            disk_full(diags, &dest, full);
        }
        editions
            .diags
            .iter_mut()
            .skip(1)
            .for_each(|d| d.retain(|d| !d.message.starts_with("the disk that holds")));
        output_errors += 1;
    }
    timer.lap("render and write");
    editions.sort();
    editions.report(quiet, deny_warnings);
    let all = editions.all();
    let Some(staging) = staging.filter(|_| !failed(&all, deny_warnings)) else {
        let errors = diagnostics::count(&all).errors;
        if errors == 0 {
            eprintln!("error: warnings are denied (--deny-warnings); nothing was written");
        } else if errors > output_errors {
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
        let (what, open) = if edition.is_trainer() {
            ("the trainer's edition of ", render::trainer::OVERVIEW)
        } else {
            ("", "index.html")
        };
        eprintln!(
            "Built {what}{} into {} in {} ms; open {}",
            editions.pages(),
            dest.display(),
            started.elapsed().as_millis(),
            dest.join(open).display()
        );
    }
    // The process ends here: freeing a large course piece by piece would
    // only add to the build time.
    std::mem::forget(editions);
    SUCCESS
}

/// The trainer's edition's default folder beside the participants' `dir`:
/// `book` -> `book-trainer`.
pub fn trainer_dir(dir: &Path) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "book".into());
    name.push("-trainer");
    dir.with_file_name(name)
}

/// `kurssi check`: everything `build` does, writing nothing.
pub fn run_check(
    root: &Path,
    deny_warnings: bool,
    links_are_errors: Option<bool>,
    quiet: bool,
) -> u8 {
    let mut editions = Editions::load(root, links_are_errors, &PhaseTimer::from_env());
    // What matters only for an LMS package: its state budget, when
    // book.toml chooses the SCORM version.
    let site = &editions.sites[0];
    if let (Some(version), Some((file, span))) = (
        site.course.config.scorm.version,
        &site.course.config.scorm.version_at,
    ) {
        let budget = crate::scorm::budget(site, version, Location::Span(*file, span.clone()));
        editions.diags[0].extend(budget);
    }
    editions.render(&Edition::participants(), &Discard);
    editions.sort();
    editions.report(quiet, deny_warnings);
    let all = editions.all();
    if failed(&all, deny_warnings) {
        if diagnostics::count(&all).errors == 0 {
            eprintln!("error: warnings are denied (--deny-warnings)");
        }
        return COURSE_ERRORS;
    }
    if !quiet {
        eprintln!("Checked {}: no errors", editions.pages());
    }
    SUCCESS
}

/// Prints how long each phase took when `KURSSI_TIMINGS` is set: the
/// cheapest profiler for "where does a build spend its time".
pub(super) struct PhaseTimer {
    last: Option<std::cell::Cell<(Instant, Option<u64>)>>,
}

impl PhaseTimer {
    pub(super) fn from_env() -> Self {
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
