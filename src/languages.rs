//! One course in several languages: each `[language.<code>]` of book.toml
//! is an edition of its own (its own source folder, written under
//! `<code>/`), and this module pairs their pages with the default
//! language's: by the same path, or by `translation-of` in front matter.
//! The pairs give every page's language switcher ([`Alternate`]), and the
//! checks here report what cannot be paired.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::markdown::slug::course_key;
use crate::model::{Alternate, PageId};
use crate::site::Site;

/// The folder of an edition under the site root: none for the default
/// language, `en/` for `[language.en]`.
pub fn subfolder(site: &Site, default_language: &str) -> String {
    let code = &site.course.config.language;
    if code == default_language {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// Pairs the pages of `sites` (the default language first, then each
/// other language) and sets every page's alternates and the shared quiz
/// storage key. Returns the problems found, per site.
pub fn pair(sites: &mut [Site]) -> Vec<Vec<Diagnostic>> {
    let mut problems: Vec<Vec<Diagnostic>> = vec![Vec::new(); sites.len()];
    let Some((default, others)) = sites.split_first_mut() else {
        return problems;
    };
    let default_language = default.course.config.language.clone();
    let by_source: HashMap<&str, PageId> = default
        .course
        .pages
        .with_ids()
        .map(|(i, p)| (p.source_path.as_str(), i))
        .collect();
    // For each other language: the default page each of its pages
    // translates, and the page translating each default page.
    let mut originals: Vec<Vec<Option<PageId>>> = Vec::new();
    let mut translations: Vec<HashMap<PageId, PageId>> = Vec::new();
    for (k, site) in others.iter().enumerate() {
        let diags = &mut problems[k + 1];
        let mut original_of = vec![None; site.course.pages.len()];
        let mut translation_of: HashMap<PageId, PageId> = HashMap::new();
        // Default pages a misspelt `translation-of` most likely means: not
        // reported untranslated too, as that follows from the error.
        let mut meant: Vec<PageId> = Vec::new();
        for (j, page) in site.course.pages.with_ids() {
            let named = page.front.translation_of.as_ref();
            let key = named.map_or(page.source_path.as_str(), |(path, _)| path.as_str());
            let at = named.map_or(0, |(_, at)| *at);
            let Some(&i) = by_source.get(key) else {
                if let Some((path, _)) = named {
                    let shown = format!("{}{path}", default.course.src_prefix);
                    let mut d = Diagnostic::error(
                        page.file,
                        at..at + path.len().max(1),
                        format!("`translation-of` names `{shown}`, which is not a page of the course's default language"),
                    );
                    let known = by_source.keys().copied();
                    match crate::suggest::nearest(path, known) {
                        Some(near) => {
                            d = d.with_note(format!("did you mean `{near}`?"));
                            meant.extend(by_source.get(near));
                        }
                        None => {
                            d = d.with_note(
                                "give the page's path under the default language's source folder",
                            )
                        }
                    }
                    diags.push(d);
                }
                continue;
            };
            if let Some(&first) = translation_of.get(&i) {
                let first_path = &site.course.pages[first].source_path;
                diags.push(
                    Diagnostic::error(
                        page.file,
                        at..at + key.len().max(1),
                        format!(
                            "`{}{}` is translated twice: by this page and by `{}{first_path}`",
                            default.course.src_prefix, key, site.course.src_prefix
                        ),
                    )
                    .with_note("keep one translation of a page; fix `translation-of` in the other"),
                );
                continue;
            }
            translation_of.insert(i, j);
            original_of[j.index()] = Some(i);
            check_quizzes(default, i, site, j, diags);
        }
        let untranslated: Vec<String> = default
            .course
            .pages
            .ids()
            .filter(|i| !translation_of.contains_key(i) && !meant.contains(i))
            .map(|i| {
                format!(
                    "{}{}",
                    default.course.src_prefix, default.course.pages[i].source_path
                )
            })
            .collect();
        if !untranslated.is_empty() {
            let code = &site.course.config.language;
            let shown: Vec<&str> = untranslated.iter().take(8).map(String::as_str).collect();
            let more = if untranslated.len() > shown.len() {
                ", ..."
            } else {
                ""
            };
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Location::None,
                    format!(
                        "{} of the course's pages {} no `{code}` translation: {}{more}",
                        untranslated.len(),
                        if untranslated.len() == 1 { "has" } else { "have" },
                        shown.join(", ")
                    ),
                )
                .with_note(format!(
                    "their language switcher leads to the `{code}` home page; translate them in `{}`, \
                     named alike or paired with `translation-of`",
                    site.course.src_prefix.trim_end_matches('/')
                )),
            );
        }
        originals.push(original_of);
        translations.push(translation_of);
    }

    let key = course_key(&default.course.config.title);
    let codes: Vec<(String, String)> = std::iter::once(&*default)
        .chain(others.iter())
        .map(|s| {
            let code = s.course.config.language.clone();
            let folder = subfolder(s, &default_language);
            (code, folder)
        })
        .collect();
    // The version of default page `i` (or of none) in each language.
    let versions = |i: Option<PageId>, others: &[Site]| -> Vec<(String, bool)> {
        let mut out = Vec::with_capacity(codes.len());
        match i {
            Some(i) => out.push((default.course.pages[i].output_path.clone(), true)),
            None => out.push(("index.html".to_owned(), false)),
        }
        for (k, site) in others.iter().enumerate() {
            let folder = &codes[k + 1].1;
            match i.and_then(|i| translations[k].get(&i)) {
                Some(&j) => out.push((
                    format!("{folder}{}", site.course.pages[j].output_path),
                    true,
                )),
                None => out.push((format!("{folder}index.html"), false)),
            }
        }
        out
    };
    let alternates = |versions: Vec<(String, bool)>, current: usize| -> Vec<Alternate> {
        versions
            .into_iter()
            .zip(&codes)
            .enumerate()
            .map(|(n, ((path, translated), (code, _)))| Alternate {
                code: code.clone(),
                name: crate::i18n::endonym(code),
                path,
                translated: translated || n == current,
                current: n == current,
            })
            .collect()
    };
    let default_alternates: Vec<Vec<Alternate>> = default
        .course
        .pages
        .ids()
        .map(|i| alternates(versions(Some(i), others), 0))
        .collect();
    let other_alternates: Vec<Vec<Vec<Alternate>>> = others
        .iter()
        .enumerate()
        .map(|(k, site)| {
            site.course
                .pages
                .with_ids()
                .map(|(j, page)| {
                    let mut v = versions(originals[k][j.index()], others);
                    // The page itself, also when it translates no page.
                    v[k + 1] = (format!("{}{}", codes[k + 1].1, page.output_path), true);
                    alternates(v, k + 1)
                })
                .collect()
        })
        .collect();
    set_alternates(default, default_alternates);
    // The one sitemap, at the site root, lists every language's pages.
    default.other_pages = other_alternates.iter().flatten().cloned().collect();
    for (site, alternates) in others.iter_mut().zip(other_alternates) {
        set_alternates(site, alternates);
        site.storage_key = Some(key.clone());
    }
    problems
}

/// Gives each page of `site` its alternates (in course order).
fn set_alternates(site: &mut Site, alternates: Vec<Vec<Alternate>>) {
    for (page, alternates) in site.course.pages.iter_mut().zip(alternates) {
        page.alternates = alternates;
    }
}

/// Pairs the pages of `sites` (see [`pair`]) when there are several
/// languages, and checks that no page of the default language is written
/// into another language's folder. Returns the problems found, per site.
pub fn pair_checked(sites: &mut [Site]) -> Vec<Vec<Diagnostic>> {
    if sites.len() < 2 {
        return vec![Vec::new(); sites.len()];
    }
    let mut problems = pair(sites);
    problems[0].extend(crate::check::language_folders(sites));
    problems
}

/// A quiz is the same quiz in every language (its result counts once), so
/// its translation must have as many questions.
fn check_quizzes(default: &Site, i: PageId, site: &Site, j: PageId, diags: &mut Vec<Diagnostic>) {
    let originals = &default.course.pages[i].rendered.quizzes;
    let translation = &site.course.pages[j];
    for (n, quiz) in translation.rendered.quizzes.iter().enumerate() {
        let Some(original) = originals.iter().find(|q| q.id == quiz.id) else {
            continue;
        };
        if original.questions.len() != quiz.questions.len() {
            let (file, span) = translation.rendered.quiz_positions[n].span(3);
            diags.push(
                Diagnostic::error(
                    file,
                    span,
                    format!(
                        "the quiz `{}` has {} questions here and {} in `{}{}`",
                        quiz.id,
                        quiz.questions.len(),
                        original.questions.len(),
                        default.course.src_prefix,
                        default.course.pages[i].source_path
                    ),
                )
                .with_note("a quiz is the same quiz in every language: translate every question, and add none"),
            );
        }
    }
}
