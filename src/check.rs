//! Cross-page checks: every relative link and image must lead to a page or
//! file of the course, and every `#anchor` to an id on that page; no two
//! quizzes, nor two worksheets, may share an id. External links are left
//! alone and never fetched.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::markdown::page::{is_relative, LinkRef};
use crate::model::PageId;
use crate::output::guard::Protected;
use crate::site::Site;
use rustc_hash::{FxHashMap, FxHashSet};

/// The places of the course that no output folder may touch: its root,
/// source and theme folders, its `.git`, and every included file.
pub fn protected(site: &Site) -> Protected {
    let course = &site.course;
    Protected::of_course(
        &course.root,
        &course.config.src,
        course.config.theme_dir.as_deref(),
    )
    .with_sources(
        &course.root,
        course.config.languages.iter().map(|l| l.src.as_path()),
    )
    .with_included(
        &course.root,
        site.course
            .pages
            .iter()
            .flat_map(|p| p.body.included.iter().map(|(f, _)| f.as_path())),
    )
}

/// In a course with several languages, each language but the default is
/// written under `<code>/`: a page of the default language there would be
/// overwritten.
pub fn language_folders(sites: &[Site]) -> Vec<Diagnostic> {
    let Some((default, others)) = sites.split_first() else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    for other in others {
        let folder = format!("{}/", other.course.config.language);
        for page in &default.course.pages {
            if page.output_path.starts_with(&folder) {
                diags.push(
                    Diagnostic::error(
                        page.file,
                        0..0,
                        format!(
                            "this page would be written to `{}`, where the `{}` edition of the course goes",
                            page.output_path, other.course.config.language
                        ),
                    )
                    .with_note("rename its folder: each other language has the folder named by its code"),
                );
            }
        }
    }
    diags
}

/// `[build] build-dir` must name a folder of its own, never the course or
/// a part of it: reported at its line, so `check` catches it before a build.
pub fn output_folder(site: &Site) -> Option<Diagnostic> {
    let config = &site.course.config;
    let (file, span) = config.build_dir_at.clone()?;
    let refusal = protected(site).refusal(&site.course.root.join(&config.build_dir))?;
    let written = if span.is_empty() {
        format!("the default output folder `{}`", config.build_dir.display())
    } else {
        format!("`build-dir = \"{}\"`", config.build_dir.display())
    };
    Some(
        Diagnostic::error(
            file,
            span,
            format!(
                "{written} cannot be the output folder: it {}",
                refusal.reason
            ),
        )
        .with_note(refusal.hint),
    )
}

/// Checks the links of every page.
pub fn links(site: &Site) -> Vec<Diagnostic> {
    let index = Index::new(site);
    // In parallel, in page order: a large course has links by the hundred
    // thousand, and this runs between two parallel phases of a build.
    site.course
        .pages
        .par_with_ids()
        .flat_map_iter(|(i, page)| {
            let index = &index;
            page.rendered
                .links
                .iter()
                .filter_map(move |link| check_link(site, index, i, link))
        })
        .map(|d| at_level(site, d))
        .collect()
}

/// A broken link is a warning when the course says so (`link-check = "warn"`).
fn at_level(site: &Site, mut d: Diagnostic) -> Diagnostic {
    if !site.course.config.links_are_errors {
        d.severity = crate::diagnostics::Severity::Warning;
    }
    d
}

/// Checks the links of the pages `pages` only: what `serve` redoes after an
/// edit that changed no page's headings or ids.
pub fn links_of(site: &Site, pages: &[PageId]) -> Vec<Diagnostic> {
    // The id sets of every page cost more than the few lookups made here.
    let index = Index::new_without_ids(site);
    let mut diags = Vec::new();
    for &i in pages {
        for link in &site.course.pages[i].rendered.links {
            if let Some(d) = check_link(site, &index, i, link) {
                diags.push(at_level(site, d));
            }
        }
    }
    diags
}

/// Every quiz id must be unique in the course: results are stored under it.
pub fn quiz_ids(site: &Site) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut diags = Vec::new();
    for page in &site.course.pages {
        let path = &page.source_path;
        for (n, quiz) in page.rendered.quizzes.iter().enumerate() {
            if let Some(first) = seen.insert(&quiz.id, path) {
                let (file, span) = page.rendered.quiz_positions[n].span(3);
                diags.push(
                    Diagnostic::error(
                        file,
                        span,
                        format!("the quiz id `{}` is also used in `{first}`", quiz.id),
                    )
                    .with_note("give one of the quizzes its own id: ```quiz {#another-id}"),
                );
            }
        }
    }
    diags.extend(worksheet_ids(site));
    diags
}

/// Every worksheet id must be unique in the course: answers are kept
/// under it. One error for each worksheet that reuses an earlier one's id.
fn worksheet_ids(site: &Site) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut diags = Vec::new();
    for page in &site.course.pages {
        let path = &page.source_path;
        for ws in &page.rendered.worksheets {
            if let Some(first) = seen.insert(&ws.id, path) {
                let (file, span) = ws.at.span(3);
                diags.push(
                    Diagnostic::error(
                        file,
                        span,
                        format!("the worksheet id `{}` is also used in `{first}`", ws.id),
                    )
                    .with_note("give one of the worksheets its own id: ```worksheet {#another-id}; the id keeps the participant's answers"),
                );
            }
        }
    }
    diags
}

/// Lookup tables built once per check.
struct Index<'a> {
    by_source: FxHashMap<&'a str, PageId>,
    by_output: FxHashMap<&'a str, PageId>,
    assets: FxHashSet<&'a str>,
    /// Each page's ids, by [`PageId::index`].
    ids: Vec<FxHashSet<&'a str>>,
}

impl<'a> Index<'a> {
    fn new(site: &'a Site) -> Self {
        Index {
            ids: site
                .course
                .pages
                .par_iter()
                .map(|p| p.rendered.ids.iter().map(String::as_str).collect())
                .collect(),
            ..Self::new_without_ids(site)
        }
    }

    /// The tables without the id sets; ids are then looked up in the page.
    fn new_without_ids(site: &'a Site) -> Self {
        let pages = &site.course.pages;
        Index {
            by_source: pages
                .with_ids()
                .map(|(i, p)| (p.source_path.as_str(), i))
                .collect(),
            by_output: pages
                .with_ids()
                .map(|(i, p)| (p.output_path.as_str(), i))
                .collect(),
            assets: site.course.assets.iter().map(String::as_str).collect(),
            ids: Vec::new(),
        }
    }

    /// Whether page `page` has the id `id`.
    fn has_id(&self, site: &Site, page: PageId, id: &str) -> bool {
        match self.ids.get(page.index()) {
            Some(set) => set.contains(id),
            None => site.course.pages[page].rendered.ids.iter().any(|x| x == id),
        }
    }
}

fn check_link(site: &Site, index: &Index, page: PageId, link: &LinkRef) -> Option<Diagnostic> {
    let d = check_link_of_page(site, index, page, link)?;
    let page = &site.course.pages[page];
    if link.file == page.file {
        return Some(d);
    }
    // Included text is read as if written in the page, so its relative
    // links start from the page's folder, not the included file's. Pages
    // in one folder give one message; pages in two give two, each naming
    // its folder.
    let dir = page.source_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let folder = format!("{}{dir}", site.course.src_prefix);
    let folder = folder.trim_end_matches('/');
    let folder = if folder.is_empty() { "." } else { folder };
    Some(d.with_note(format!(
        "this text is included by a page in `{folder}/`, so its links are read from that folder"
    )))
}

/// [`check_link`], without saying which page included the text.
fn check_link_of_page(
    site: &Site,
    index: &Index,
    page: PageId,
    link: &LinkRef,
) -> Option<Diagnostic> {
    // The page's file, or the file the page includes the link from.
    let file = link.file;
    let err = |msg: String| Some(Diagnostic::error(file, link.span.clone(), msg));
    // The nearest name when there is one, else how to mend it.
    let err_near = |msg: String, near: Option<String>, otherwise: &str| {
        let d = Diagnostic::error(file, link.span.clone(), msg);
        Some(match near {
            Some(n) => d.with_note(format!("did you mean `{n}`?")),
            None => d.with_note(otherwise),
        })
    };
    const NO_ID: &str = "link to a heading's id (its text in lower case, with `-` for spaces), \
                         or give the heading one: `## Safety {#safety}`";
    let near_id = |i: PageId, id: &str| {
        let ids = site.course.pages[i].rendered.ids.iter().map(String::as_str);
        crate::suggest::nearest(id, ids).map(str::to_owned)
    };
    // Paths in messages are relative to the course root, as everywhere.
    let prefix = &site.course.src_prefix;
    let dest = link.dest.trim();
    if let Some(fragment) = dest.strip_prefix('#') {
        let fragment = decode(fragment);
        if !fragment.is_empty() && !index.has_id(site, page, &fragment) {
            return err_near(
                format!("there is no heading or id `{fragment}` on this page"),
                near_id(page, &fragment).map(|n| format!("#{n}")),
                NO_ID,
            );
        }
        return None;
    }
    if dest.starts_with('/') && !dest.starts_with("//") {
        return Some(
            Diagnostic::warning(
                file,
                link.span.clone(),
                format!("the absolute link `{dest}` breaks when the course is opened from disk or under a sub-path"),
            )
            .with_note("write the path relative to this page"),
        );
    }
    if !is_relative(dest) {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let from = &site.course.pages[page].source_path;
    let Some(target) = resolve(from, &decode(path)) else {
        return err(format!(
            "`{dest}` points outside the course's source folder"
        ));
    };
    let what = if link.image { "image" } else { "link" };
    let is_page = |p: &str| p.ends_with(".md") || p.ends_with(".markdown");
    // Only for a link that leads nowhere (a large course has links by the
    // hundred thousand): a name that differs only in case, which works on
    // Windows and macOS and breaks on a Linux web server, is an error
    // everywhere; else the nearest name is suggested.
    let missing = || {
        let mut known = index.by_source.keys().chain(index.assets.iter()).copied();
        if let Some(real) = known.find(|k| *k != target && k.eq_ignore_ascii_case(&target)) {
            return Some(
                Diagnostic::error(
                    file,
                    link.span.clone(),
                    format!("the {what} goes to `{prefix}{target}`, but the file is named `{prefix}{real}`"),
                )
                .with_note(
                    "the letters' case differs: that works on Windows and macOS but breaks on \
                     most web servers; write the name exactly as the file is named",
                ),
            );
        }
        // The page itself is never what a link to elsewhere meant.
        let known = index.by_source.keys().chain(index.assets.iter()).copied();
        let known = known.filter(|k| *k != from.as_str());
        err_near(
            format!("the {what} goes to `{prefix}{target}`, which does not exist"),
            // Said as it would be written in this page's link.
            crate::suggest::nearest(&target, known).map(|n| relative_to(from, n)),
            "fix the path, which is relative to this page, or add the file",
        )
    };
    let target_page = if is_page(&target) {
        match index.by_source.get(target.as_str()) {
            Some(&i) => Some(i),
            None => {
                let exists = site.course.src_dir.join(&target).is_file();
                return if exists {
                    err(format!("the {what} goes to `{prefix}{target}`, which is not built (not in SUMMARY.md, or a draft)"))
                } else {
                    missing()
                };
            }
        }
    } else if let Some(&i) = index.by_output.get(target.as_str()) {
        Some(i)
    } else if index.assets.contains(target.as_str()) {
        None
    } else if target.is_empty() || target.ends_with('/') {
        let dir_index = format!("{target}index.html");
        match index.by_output.get(dir_index.as_str()) {
            Some(&i) => Some(i),
            None => {
                return err(format!(
                    "the {what} goes to the folder `{prefix}{target}`, which has no page"
                ))
            }
        }
    } else {
        return missing();
    };
    if let (Some(i), Some(fragment)) = (target_page, fragment) {
        if !fragment.is_empty() && !index.has_id(site, i, &fragment) {
            return err_near(
                format!(
                    "there is no heading or id `{fragment}` on `{prefix}{}`",
                    site.course.pages[i].source_path
                ),
                near_id(i, &fragment).map(|n| format!("#{n}")),
                NO_ID,
            );
        }
    }
    None
}

/// `to` (under the source folder) as a link from page `from` writes it.
fn relative_to(from: &str, to: &str) -> String {
    let mut from_dirs: Vec<&str> = from.split('/').collect();
    from_dirs.pop();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out: Vec<&str> = vec![".."; from_dirs.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Resolves a relative path against the folder of `from` (both relative to
/// the source folder); `None` if it climbs out of it.
pub fn resolve(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    let trailing = rel.ends_with('/');
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("a/b.md", "c.md").as_deref(), Some("a/c.md"));
        assert_eq!(resolve("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(
            resolve("a/b.md", "./x/../d.png").as_deref(),
            Some("a/d.png")
        );
        assert_eq!(resolve("b.md", "../c.md"), None);
        assert_eq!(resolve("a/b.md", "../").as_deref(), Some(""));
    }

    #[test]
    fn links_are_suggested_relative_to_the_page() {
        assert_eq!(relative_to("README.md", "m/lesson.md"), "m/lesson.md");
        assert_eq!(relative_to("m/a.md", "m/b.md"), "b.md");
        assert_eq!(relative_to("m/a.md", "n/b.md"), "../n/b.md");
        assert_eq!(relative_to("m/x/a.md", "README.md"), "../../README.md");
    }
}
