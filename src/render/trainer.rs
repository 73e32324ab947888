//! The trainer's edition: pages with their notes in place, a slide deck
//! per module (with its presenter view and handout, see
//! `themes/default/static/deck.js`), the overview page and the answer key.
//! Only [`super::render`] for [`super::edition::Audience::Trainer`] calls
//! what is here; the participants' edition never reads a page's
//! [`crate::markdown::trainer::TrainerPart`].

use serde::Serialize;

use super::slides::{self, Body};
use crate::diagnostics::Diagnostic;
use crate::markdown::page::{escape, is_relative};
use crate::markdown::trainer::MarkKind;
use crate::model::{Chapter, PageId, RenderedPage, TocItem};
use crate::paths::root_prefix;
use crate::quiz::{self, Quiz, QuizContext};
use crate::site::Site;

/// The overview page of the trainer's edition.
pub const OVERVIEW: &str = "trainer.html";

/// One module's deck.
#[derive(Debug, Clone)]
pub struct Deck {
    /// Output path: `slides/<module>.html`.
    pub path: String,
    /// The module's page.
    pub page: PageId,
    /// The pages, in course order (the module's own first).
    pub pages: Vec<PageId>,
    /// Where each of `pages` starts among the slides (1-based).
    pub first_slide: Vec<usize>,
    /// The slides of every page, in order, each with its page.
    pub slides: Vec<(PageId, slides::Slide)>,
}

/// The decks of the course: one per top-level chapter that is a module
/// (has sub-chapters, a duration or a quiz), the course home excepted.
pub fn decks(site: &Site) -> Result<Vec<Deck>, Diagnostic> {
    site.course
        .toc
        .iter()
        .filter_map(|item| match item {
            TocItem::Chapter(c) => Some(c),
            _ => None,
        })
        .filter_map(|c| {
            let page = c.page?;
            let p = &site.course.pages[page];
            let is_module = !c.children.is_empty()
                || p.front.duration.is_some()
                || !p.rendered.quizzes.is_empty();
            (is_module && p.output_path != "index.html").then(|| deck(site, c, page))
        })
        .collect()
}

fn deck(site: &Site, c: &Chapter, page: PageId) -> Result<Deck, Diagnostic> {
    let mut pages = Vec::new();
    crate::model::pages_under(c, &mut pages);
    let out = &site.course.pages[page].output_path;
    let name = out
        .strip_suffix("/index.html")
        .or_else(|| out.strip_suffix(".html"))
        .unwrap_or(out)
        .replace('/', "-");
    let mut slides = Vec::new();
    let mut first_slide = Vec::new();
    for &i in &pages {
        first_slide.push(slides.len() + 1);
        let p = &site.course.pages[i];
        let title = format!("<h1>{}</h1>\n", escape(&p.title));
        slides.extend(
            slides::split(&p.rendered, &site.html(i)?, &title)
                .into_iter()
                .map(|s| (i, s)),
        );
    }
    Ok(Deck {
        path: format!("slides/{name}.html"),
        page,
        pages,
        first_slide,
        slides,
    })
}

/// The page's HTML (`html`) with its notes in place, each in a labelled box.
pub fn html_with_notes(page: &RenderedPage, html: &str, label: &str) -> String {
    let t = &page.trainer;
    if !t.has_notes() {
        return html.to_owned();
    }
    let mut out =
        String::with_capacity(html.len() + t.notes.iter().map(String::len).sum::<usize>() + 256);
    let mut pos = 0;
    for mark in &t.marks {
        if let MarkKind::Note(n) = mark.kind {
            let at = mark.at.min(html.len());
            out.push_str(&html[pos..at]);
            pos = at;
            // No accessible name: inside the page's <article> an unnamed
            // <aside> is no landmark, so several notes do not clash.
            out.push_str("<aside class=\"trainer-notes\">\n<p class=\"trainer-notes-title\">");
            out.push_str(&escape(label));
            out.push_str("</p>\n");
            out.push_str(t.notes.get(n).map_or("", String::as_str));
            out.push_str("</aside>\n");
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// A slide as the deck template gets it.
#[derive(Serialize)]
pub struct SlideView {
    /// 1-based.
    pub n: usize,
    /// `title`, `content` or `question`.
    pub kind: &'static str,
    pub html: String,
    pub notes: String,
    pub page_title: String,
}

/// The slides of `deck` ready for the template: ids made unique in the
/// deck, relative links made relative to the deck, each question a quiz
/// of its own.
pub fn slide_views(site: &Site, deck: &Deck) -> Vec<SlideView> {
    let deck_root = root_prefix(&deck.path);
    let mut previous_page = None;
    deck.slides
        .iter()
        .enumerate()
        .map(|(k, (page, slide))| {
            let n = k + 1;
            let first = Some(*page) != previous_page;
            previous_page = Some(*page);
            let p = &site.course.pages[*page];
            let page_dir = p.output_path.rsplit_once('/').map_or("", |(d, _)| d);
            let prefix = if page_dir.is_empty() {
                deck_root.clone()
            } else {
                format!("{deck_root}{page_dir}/")
            };
            let (kind, html) = match &slide.body {
                Body::Html(html) => (
                    if first { "title" } else { "content" },
                    rebase(&unique_ids(html, n), &prefix),
                ),
                Body::Question { quiz, question } => (
                    "question",
                    p.rendered
                        .quizzes
                        .get(*quiz)
                        .map(|q| rebase(&question_form(site, *page, *quiz, q, *question), &prefix))
                        .unwrap_or_default(),
                ),
            };
            SlideView {
                n,
                kind,
                html,
                notes: rebase(&slide.notes, &prefix),
                page_title: p.title.clone(),
            }
        })
        .collect()
}

/// One question of a quiz as a quiz of its own, checked on its slide.
fn question_form(site: &Site, page: PageId, index: usize, q: &Quiz, question: usize) -> String {
    let p = &site.course.pages[page];
    let ctx = QuizContext {
        file: p.file,
        page_path: &p.source_path,
        index,
        typography: site.typography,
        highlight: site.course.config.highlight,
        strings: &site.strings,
        pass_mark: q.pass_mark,
    };
    let Some(one) = q.questions.get(question) else {
        return String::new();
    };
    let single = Quiz {
        id: format!("{}-slide-{}", q.id, question + 1),
        questions: vec![one.clone()],
        pass_mark: q.pass_mark,
        // One question per slide: no pool.
        pick: None,
    };
    quiz::render(&single, &ctx)
}

/// Prefixes every `id` (and the in-page links to them) with the slide's
/// number, so that two pages of a deck may share a heading id.
fn unique_ids(html: &str, n: usize) -> String {
    // A label's `for` names an id too (a worksheet's text areas).
    html.replace(" id=\"", &format!(" id=\"s{n}-"))
        .replace(" for=\"", &format!(" for=\"s{n}-"))
        .replace(" href=\"#", &format!(" href=\"#s{n}-"))
}

/// Makes the relative `href` and `src` links of a page's HTML relative to
/// the deck: `prefix` leads from the deck's folder to the page's.
fn rebase(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| (i, attr.len())))
            .min();
        let Some((i, len)) = next else { break };
        let value_start = i + len;
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        if is_relative(&rest[..end]) {
            out.push_str(prefix);
        }
    }
    out.push_str(rest);
    out
}

/// A module of the overview page.
#[derive(Serialize)]
pub struct OverviewModule {
    pub title: String,
    pub url: String,
    pub deck_url: String,
    pub duration: u32,
    pub slides: usize,
    pub notes: usize,
    pub start: u32,
    pub pages: Vec<OverviewPage>,
}

/// A page of a module on the overview page.
#[derive(Serialize)]
pub struct OverviewPage {
    pub title: String,
    pub url: String,
    pub duration: u32,
    pub slide: usize,
    pub notes: usize,
}

/// The overview page's modules, with the minute each starts at when they
/// are taught in order.
pub fn overview(site: &Site, decks: &[Deck]) -> Vec<OverviewModule> {
    let mut start = 0;
    decks
        .iter()
        .map(|d| {
            let module = &site.course.pages[d.page];
            let duration = module.front.duration.unwrap_or(0);
            let m = OverviewModule {
                title: module.title.clone(),
                url: module.output_path.clone(),
                deck_url: d.path.clone(),
                duration,
                slides: d.slides.len(),
                notes: d
                    .pages
                    .iter()
                    .map(|&i| site.course.pages[i].rendered.trainer.notes.len())
                    .sum(),
                start,
                pages: d
                    .pages
                    .iter()
                    .zip(&d.first_slide)
                    .map(|(&i, &slide)| {
                        let p = &site.course.pages[i];
                        OverviewPage {
                            title: p.title.clone(),
                            url: p.output_path.clone(),
                            duration: p.front.duration.unwrap_or(0),
                            slide,
                            notes: p.rendered.trainer.notes.len(),
                        }
                    })
                    .collect(),
            };
            start += duration;
            m
        })
        .collect()
}

/// What a trainer's page shows above its text: its deck and slide, its
/// module's duration.
#[derive(Serialize, Default)]
pub struct TrainerPageView {
    pub deck_url: String,
    pub slide: usize,
    pub module_title: String,
    pub module_duration: u32,
}

/// The trainer's view of page `i`.
pub fn page_view(site: &Site, decks: &[Deck], i: PageId) -> TrainerPageView {
    for d in decks {
        if let Some(k) = d.pages.iter().position(|&p| p == i) {
            let module = &site.course.pages[d.page];
            return TrainerPageView {
                deck_url: d.path.clone(),
                slide: d.first_slide[k],
                module_title: module.title.clone(),
                module_duration: module.front.duration.unwrap_or(0),
            };
        }
    }
    TrainerPageView::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_rebased_and_ids_made_unique() {
        assert_eq!(
            rebase(
                "<a href=\"b.html\">x</a><img src=\"../i.svg\"><a href=\"https://x.fi\">",
                "../01/"
            ),
            "<a href=\"../01/b.html\">x</a><img src=\"../01/../i.svg\"><a href=\"https://x.fi\">"
        );
        assert_eq!(
            unique_ids("<h2 id=\"a\"><a href=\"#a\">", 3),
            "<h2 id=\"s3-a\"><a href=\"#s3-a\">"
        );
    }
}
