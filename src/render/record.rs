//! The participant's own record: the gathered pages that show what the
//! browser keeps for one participant ("My answers" and the certificate),
//! and what the home page and every page need to know about it. The browser
//! side is `themes/default/static/record.js`.

use serde::Serialize;
use tera::Context;

use super::{modules, render_one, special_context, Renderer};
use crate::site::Site;

/// What every page's template knows of the record (`record` in templates).
#[derive(Serialize)]
pub(super) struct RecordView<'a> {
    /// Whether the course has a worksheet (and so a "My answers" page).
    worksheets: bool,
    /// Whether the course has a quiz (and so a certificate page).
    certificate: bool,
    /// The course's `[course] certificate` text, empty when not set.
    certificate_text: &'a str,
}

pub(super) fn view(site: &Site) -> RecordView<'_> {
    let pages = &site.course.pages;
    RecordView {
        worksheets: pages.iter().any(|p| !p.rendered.worksheets.is_empty()),
        certificate: !site.course.config.no_certificate
            && pages.iter().any(|p| !p.rendered.quizzes.is_empty()),
        certificate_text: site
            .course
            .config
            .certificate
            .as_deref()
            .unwrap_or_default(),
    }
}

#[derive(Serialize)]
struct PromptView<'a> {
    key: &'a str,
    html: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct WorksheetPageView<'a> {
    title: &'a str,
    url: &'a str,
    prompts: Vec<PromptView<'a>>,
}

/// The keys of every page's prompts, in course order, kept alive while
/// the views borrow them.
fn keys(site: &Site) -> Vec<Vec<String>> {
    site.course
        .pages
        .iter()
        .map(|p| {
            p.rendered
                .worksheets
                .iter()
                .flat_map(|w| w.prompts.iter().map(|q| w.key(q)))
                .collect()
        })
        .collect()
}

fn worksheet_pages<'a>(site: &'a Site, keys: &'a [Vec<String>]) -> Vec<WorksheetPageView<'a>> {
    site.course
        .pages
        .iter()
        .zip(keys)
        .filter(|(p, _)| !p.rendered.worksheets.is_empty())
        .map(|(p, keys)| WorksheetPageView {
            title: &p.title,
            url: &p.output_path,
            prompts: p
                .rendered
                .worksheets
                .iter()
                .flat_map(|w| &w.prompts)
                .zip(keys)
                .map(|(q, key)| PromptView {
                    key,
                    html: &q.html,
                    text: &q.text,
                })
                .collect(),
        })
        .collect()
}

impl Renderer<'_> {
    /// `my-answers.html` when the course has worksheets, and
    /// `certificate.html` when it has quizzes.
    pub(super) fn record_files(&self) {
        let (site, theme, edition) = (self.site, self.theme, self.edition);
        let record = view(site);
        if record.worksheets {
            let title = site.strings.get("my-answers-title");
            let mut ctx: Context =
                special_context(site, &self.base, "my-answers", "my-answers.html", title);
            let keys = keys(site);
            ctx.insert("worksheet_pages", &worksheet_pages(site, &keys));
            self.take(render_one(
                theme,
                "my-answers.html",
                &ctx,
                "my-answers.html",
                edition,
                0,
            ));
        }
        if record.certificate {
            let title = site.strings.get("certificate-title");
            let mut ctx =
                special_context(site, &self.base, "certificate", "certificate.html", title);
            let mods: Vec<_> = modules(site)
                .into_iter()
                .filter(|m| !m.quiz_ids.is_empty())
                .collect();
            ctx.insert("modules", &mods);
            self.take(render_one(
                theme,
                "certificate.html",
                &ctx,
                "certificate.html",
                edition,
                0,
            ));
        }
    }
}
