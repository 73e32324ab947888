//! `kurssi export scorm`: renders
//! the participants' edition with the SCORM launch page, runtime and
//! manifest into a zip (one SCO), written atomically beside its
//! destination, under the same rules as an output folder: never among the
//! course's sources, and replacing only a package that kurssi wrote.

use std::path::{Path, PathBuf};

use crate::cli::{ScormArgs, COURSE_ERRORS, SUCCESS};
use crate::config::Version;
use crate::diagnostics::{self, Diagnostic, Location, Severity};
use crate::output::{self, zip};
use crate::render::{self, Discard, Edition, Part, Sink};
use crate::scorm::{self, Lms};
use crate::site::Site;

use super::build::{failed, load_and_check, report, PhaseTimer};

/// The package's file when `-o` is not given: `<course>-scorm-<version>.zip`
/// in the course folder.
pub fn default_scorm_file(root: &Path, site: &Site, version: Version) -> PathBuf {
    let key = scorm::ascii_slug(&site.course.config.title);
    root.join(format!("{key}-scorm-{}.zip", version.label()))
}

/// Why the package may not be written at `dest`, if it may not.
fn refuse_file(site: &Site, dest: &Path, force: bool) -> Option<Diagnostic> {
    let refusal = match crate::check::protected(site).file_refusal(dest) {
        Some(r) => r,
        None => match zip::inspect(dest) {
            Ok(zip::Existing::Missing | zip::Existing::Ours) => return None,
            Ok(zip::Existing::Foreign) if force => return None,
            Ok(zip::Existing::Foreign) => output::guard::Refusal {
                reason: "exists and was not written by kurssi".to_owned(),
                hint: "choose another file with `-o FILE.zip`, or pass `--force` to replace it"
                    .to_owned(),
            },
            Ok(zip::Existing::NotAFile) => output::guard::Refusal {
                reason: "is a folder or a link, not a file".to_owned(),
                hint: "choose a file name ending in `.zip` with `-o FILE.zip`".to_owned(),
            },
            Err(e) => output::guard::Refusal {
                reason: format!("cannot be read: {}", output::explain(&e)),
                hint: "choose another file with `-o FILE.zip`".to_owned(),
            },
        },
    };
    let message = format!(
        "will not write the package to `{}`: it {}",
        dest.display(),
        refusal.reason
    );
    Some(Diagnostic::new(Severity::Error, Location::None, message).with_note(refusal.hint))
}

/// `kurssi export scorm` of the course at `root`.
pub fn run(root: &Path, a: &ScormArgs, quiet: bool) -> u8 {
    let (site, mut diags) = load_and_check(root, None, None, &PhaseTimer::from_env());
    let chosen = a.scorm_version.as_deref().and_then(Version::parse);
    let lms = Lms::of(&site, chosen);
    // The budget error points at `[scorm] version` when that chose it.
    let at = match (&chosen, &site.course.config.scorm.version_at) {
        (None, Some((file, span))) => Location::Span(*file, span.clone()),
        _ => Location::Path("book.toml".to_owned()),
    };
    diags.extend(scorm::budget(&site, lms.version, at));
    let dest = a
        .output
        .clone()
        .unwrap_or_else(|| default_scorm_file(root, &site, lms.version));
    diags.extend(refuse_file(&site, &dest, a.force));
    let package = (!failed(&diags, false)).then(zip::ZipSink::new);
    let sink: &dyn Sink = match &package {
        Some(p) => p,
        None => &Discard,
    };
    diags.extend(render::render(
        &site,
        &Edition::lms(lms.clone()),
        Part::Everything,
        sink,
    ));
    let paths = package.as_ref().map(|p| p.paths()).unwrap_or_default();
    if paths.iter().any(|p| p == scorm::MANIFEST) {
        diags.push(
            Diagnostic::path_error(
                scorm::MANIFEST,
                "the course has a file with the name of the package's manifest",
            )
            .with_note("rename or remove it: `kurssi export scorm` writes its own imsmanifest.xml"),
        );
    }
    diagnostics::sort(&mut diags, &site.course.sources);
    report(&site, &diags, quiet, false);
    let Some(package) = package.filter(|_| !failed(&diags, false)) else {
        eprintln!("error: the package was not written");
        return COURSE_ERRORS;
    };
    let mut all = paths.clone();
    all.push(scorm::MANIFEST.to_owned());
    all.sort();
    let manifest = scorm::manifest(&site, &lms, &all);
    if let Err(e) = package.put(output::OutFile::bytes(scorm::MANIFEST, manifest)) {
        eprintln!("error: {}", e.message);
        return COURSE_ERRORS;
    }
    let comment = format!(
        "{} {}: a SCORM {} package of \"{}\"; `kurssi export scorm` replaces it.",
        zip::GENERATOR_MARK,
        env!("CARGO_PKG_VERSION"),
        lms.version.label(),
        site.course.config.title
    );
    if let Err(e) = package.write(&dest, &comment) {
        eprintln!("error: cannot write the package, so nothing was changed: {e}");
        return COURSE_ERRORS;
    }
    if !quiet {
        let layout = scorm::Layout::of(&site);
        eprintln!(
            "Exported a SCORM {} package of {} pages and {} quizzes into {} (saved state at most {} of {} characters)",
            lms.version.label(),
            layout.pages.len(),
            layout.quizzes.len(),
            dest.display(),
            layout.max_state_chars(),
            lms.version.state_limit()
        );
    }
    SUCCESS
}
