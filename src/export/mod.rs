//! Question banks: every quiz of a course as Moodle questions, in GIFT
//! ([`gift`]) or Moodle XML ([`moodle_xml`]).
//!
//! Both formats take the same walk over the loaded course ([`bank`]): each
//! quiz with the module it belongs to (its top-level chapter) and the title
//! of its page, so that both write one category per module and per quiz
//! and name each question by its stable id (`<quiz id>-<n>`). What a format
//! cannot carry is a warning at the question's line in the page, never a
//! silent loss.

pub mod gift;
pub mod moodle_xml;

use crate::diagnostics::Diagnostic;
use crate::model::{PageId, TocItem};
use crate::quiz::{Question, Quiz};
use crate::site::Site;
use crate::source::Position;

/// One quiz of the course, placed in the question bank.
pub struct BankQuiz<'s> {
    /// Category path below the bank's root: course, module, quiz.
    pub category: [String; 3],
    /// The quiz.
    pub quiz: &'s Quiz,
    /// Where the quiz block's opening fence is, for diagnostics.
    pub at: Position,
    /// The page's folder relative to the source folder (`01-a` or ``), which
    /// relative image paths start from.
    pub page_dir: String,
    /// Where each question's diagnostics point: its heading.
    pub question_positions: Vec<Position>,
    /// `[output.html] site-url`, ending in `/`, which links to the course's
    /// pages are made absolute with.
    pub site_url: Option<String>,
}

impl BankQuiz<'_> {
    /// The stable name of question `n` (0-based): `<quiz id>-<n + 1>`.
    pub fn question_name(&self, n: usize) -> String {
        format!("{}-{}", self.quiz.id, n + 1)
    }

    /// `html` with its relative links made absolute with the site's URL
    /// (Moodle shows the question far from the course's pages). Without a
    /// `site-url`, a warning about question `n` names the links left as
    /// they are.
    pub fn absolute_links(&self, n: usize, html: &str, diags: &mut Vec<Diagnostic>) -> String {
        let mut out = String::with_capacity(html.len());
        let mut left = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find("<a href=\"") {
            let s = i + "<a href=\"".len();
            let e = rest[s..].find('"').map_or(rest.len(), |e| s + e);
            out.push_str(&rest[..s]);
            let href = &rest[s..e];
            let relative = !href.is_empty()
                && !href.starts_with(['#', '/'])
                && !href.split('/').next().unwrap_or("").contains(':');
            match (relative, &self.site_url) {
                (true, Some(url)) => match join(&self.page_dir, href) {
                    Some(path) => {
                        out.push_str(url);
                        out.push_str(&path);
                    }
                    None => {
                        left.push(href.to_owned());
                        out.push_str(href);
                    }
                },
                (true, None) => {
                    left.push(href.to_owned());
                    out.push_str(href);
                }
                (false, _) => out.push_str(href),
            }
            rest = &rest[e..];
        }
        out.push_str(rest);
        if !left.is_empty() {
            let links = left
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ");
            diags.push(
                self.warn(
                    n,
                    format!(
                        "`{}` links to {links} in the course site, which Moodle does not know",
                        self.question_name(n)
                    ),
                )
                .with_note(
                    "set `site-url` under `[output.html]` in book.toml to make such links absolute",
                ),
            );
        }
        out
    }

    /// A warning about question `n` (0-based), at its heading.
    pub fn warn(&self, n: usize, message: impl Into<String>) -> Diagnostic {
        let at = self.question_positions.get(n).copied().unwrap_or(self.at);
        let (file, span) = at.span(1);
        Diagnostic::warning(file, span, message)
    }
}

/// Every quiz of the loaded course, in course order.
pub fn bank(site: &Site) -> Vec<BankQuiz<'_>> {
    let course = &site.course.config.title;
    let modules = module_of_page(site);
    let mut out = Vec::new();
    for (source, module) in site.course.pages.iter().zip(modules) {
        let page = &source.rendered;
        let title = source.title.clone();
        let module = module
            .map(|m| site.course.pages[m].title.clone())
            .unwrap_or_else(|| title.clone());
        let page_dir = source
            .source_path
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .to_owned();
        let several = page.quizzes.len() > 1;
        for (n, quiz) in page.quizzes.iter().enumerate() {
            let name = if several {
                format!("{title} ({})", n + 1)
            } else {
                title.clone()
            };
            out.push(BankQuiz {
                category: [course.clone(), module.clone(), name],
                quiz,
                at: page.quiz_positions[n],
                page_dir: page_dir.clone(),
                question_positions: quiz.questions.iter().map(|q| q.at).collect(),
                site_url: site.course.config.site_url.clone(),
            });
        }
    }
    out
}

/// `href` relative to the folder `dir`, as a `/`-separated path from the
/// site's root; `None` when it climbs out of it.
fn join(dir: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let (path, tail) = match href.find(['#', '?']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/") + tail)
}

/// For each page, in course order, the page of the top-level chapter it
/// is under (itself when it is one); `None` for pages outside the table of
/// contents or under a chapter without a page.
fn module_of_page(site: &Site) -> Vec<Option<PageId>> {
    fn mark(items: &[TocItem], module: Option<PageId>, out: &mut [Option<PageId>]) {
        for item in items {
            if let TocItem::Chapter(ch) = item {
                if let Some(p) = ch.page {
                    if let Some(slot) = out.get_mut(p.index()) {
                        *slot = module;
                    }
                }
                mark(&ch.children, module, out);
            }
        }
    }
    let mut out = vec![None; site.course.pages.len()];
    for item in &site.course.toc {
        if let TocItem::Chapter(ch) = item {
            if let Some(p) = ch.page {
                if let Some(slot) = out.get_mut(p.index()) {
                    *slot = Some(p);
                }
            }
            mark(&ch.children, ch.page, &mut out);
        }
    }
    out
}

/// Moodle's fixed list of grade fractions, in percent: a multiple-choice
/// answer may carry only these (and their negatives).
pub const MOODLE_FRACTIONS: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// The allowed fraction nearest to `percent` (sign kept).
pub fn nearest_fraction(percent: f64) -> f64 {
    let magnitude = percent.abs();
    let best = MOODLE_FRACTIONS
        .iter()
        .copied()
        .min_by(|a, b| (a - magnitude).abs().total_cmp(&(b - magnitude).abs()))
        .unwrap_or(0.0);
    if percent < 0.0 {
        -best
    } else {
        best
    }
}

/// The weights of a multiple-answer question: each right choice `100 / k`
/// and each wrong one `-100 / w`, as Moodle's nearest fractions, and a
/// description of each weight that had to be rounded.
pub fn multiple_weights(right: usize, wrong: usize) -> ((f64, f64), Vec<String>) {
    let exact_right = 100.0 / right.max(1) as f64;
    let exact_wrong = -100.0 / wrong.max(1) as f64;
    let (r, w) = (nearest_fraction(exact_right), nearest_fraction(exact_wrong));
    // The list holds 7 significant digits: a weight within that of the exact
    // value is the one Moodle means.
    let mut rounded = Vec::new();
    if (r - exact_right).abs() > 1e-4 {
        rounded.push(format!(
            "each of the {right} right choices weighs {} % instead of 100/{right} %",
            percent_text(r)
        ));
    }
    if wrong > 0 && (w - exact_wrong).abs() > 1e-4 {
        rounded.push(format!(
            "each of the {wrong} wrong choices weighs {} % instead of -100/{wrong} %",
            percent_text(w)
        ));
    }
    ((r, w), rounded)
}

/// The warning about a multiple-answer question whose weights were rounded.
pub fn rounding_warning(entry: &BankQuiz, n: usize, rounded: &[String]) -> Option<Diagnostic> {
    if rounded.is_empty() {
        return None;
    }
    Some(
        entry
            .warn(
                n,
                format!(
                    "Moodle allows only fixed grades: in `{}`, {}",
                    entry.question_name(n),
                    rounded.join(", and ")
                ),
            )
            .with_note(
                "the nearest of Moodle's grades (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10 and 5 %) is used",
            ),
    )
}

/// A percentage as Moodle writes it: at most 5 decimals, no trailing zeros.
pub fn percent_text(p: f64) -> String {
    let s = format!("{p:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// A number as plain decimal text (`52`, `-3.5`), never with an exponent.
pub fn number_text(v: f64) -> String {
    let s = format!("{v}");
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

/// One category segment: Moodle splits paths at `/`, and reads `//` as a
/// slash inside a name; line breaks would end the GIFT line.
pub fn category_segment(name: &str) -> String {
    let one_line: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        // Moodle reads an empty segment as no category at all.
        return "-".to_owned();
    }
    one_line.replace('/', "//")
}

/// The question text as HTML: the prompt as a paragraph, then its body.
pub fn question_html(question: &Question) -> String {
    let mut html = format!("<p>{}</p>", question.prompt);
    if let Some(body) = &question.body {
        html.push_str(body);
    }
    html
}

/// A choice as HTML: its label, then any blocks that follow it.
pub fn choice_html(choice: &crate::quiz::Choice) -> String {
    match &choice.more {
        Some(more) => format!("<p>{}</p>{more}", choice.html),
        None => choice.html.clone(),
    }
}

/// Whether an HTML fragment shows an image.
pub fn has_image(html: &str) -> bool {
    html.contains("<img ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_use_moodle_fractions() {
        let none: Vec<String> = Vec::new();
        assert_eq!(multiple_weights(2, 2), ((50.0, -50.0), none.clone()));
        assert_eq!(multiple_weights(3, 1), ((33.33333, -100.0), none.clone()));
        assert_eq!(
            multiple_weights(7, 6),
            ((14.28571, -16.66667), none.clone())
        );
        assert_eq!(multiple_weights(1, 0), ((100.0, -100.0), none));
        // 100 / 11 = 9.09 is no Moodle fraction: 10 is the nearest.
        let ((r, w), rounded) = multiple_weights(11, 1);
        assert_eq!((r, w), (10.0, -100.0));
        assert_eq!(
            rounded,
            ["each of the 11 right choices weighs 10 % instead of 100/11 %"]
        );
        assert_eq!(multiple_weights(2, 13).1.len(), 1);
    }

    #[test]
    fn texts_of_numbers() {
        assert_eq!(percent_text(33.33333), "33.33333");
        assert_eq!(percent_text(-50.0), "-50");
        assert_eq!(percent_text(100.0), "100");
        assert_eq!(percent_text(-0.0), "0");
        assert_eq!(number_text(52.0), "52");
        assert_eq!(number_text(-3.5), "-3.5");
        assert_eq!(number_text(1e21), "1000000000000000000000");
    }

    #[test]
    fn links_join_the_page_folder() {
        assert_eq!(join("01-a", "b.html#x").as_deref(), Some("01-a/b.html#x"));
        assert_eq!(join("01-a", "../index.html").as_deref(), Some("index.html"));
        assert_eq!(join("", "../x.html"), None);
    }

    #[test]
    fn category_names() {
        assert_eq!(category_segment("A/B  test\nx"), "A//B test x");
        assert_eq!(category_segment(" "), "-");
    }
}
