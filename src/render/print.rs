//! The print view: every page's HTML in course order on one page. Ids are
//! prefixed per page so they stay unique, links between pages become links
//! to the page's place in the print view, and relative file URLs are rebased
//! from the page's folder to the site root.

use std::collections::HashMap;

use serde::Serialize;

use crate::check::resolve;
use crate::model::TocItem;
use crate::site::Site;

/// One page in the print view.
#[derive(Debug, Serialize)]
pub struct PrintPage {
    /// Page title.
    pub title: String,
    /// Output path of the page.
    pub path: String,
    /// Id of the page's place in the print view.
    pub anchor: String,
    /// Rebased HTML.
    pub content: String,
    /// `home`, `module` (a top-level chapter, which starts a new sheet) or `page`.
    pub kind: &'static str,
    /// Whether the HTML holds its own `<h1>`.
    pub has_h1: bool,
    /// Section number or empty.
    pub number: String,
}

/// Every page of the table of contents, rebased for `print.html`.
pub fn pages(site: &Site) -> Vec<PrintPage> {
    let by_output: HashMap<&str, usize> = site
        .course
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.output_path.as_str(), i))
        .collect();
    let top_level: Vec<usize> = site
        .course
        .toc
        .iter()
        .filter_map(|item| match item {
            TocItem::Chapter(c) => c.page,
            _ => None,
        })
        .collect();
    site.course
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.in_toc)
        .map(|(i, p)| PrintPage {
            title: site.titles[i].clone(),
            path: p.output_path.clone(),
            anchor: anchor(i),
            content: rebase(&site.pages[i].html, i, &p.output_path, &by_output),
            kind: if p.output_path == "index.html" {
                "home"
            } else if top_level.contains(&i) {
                "module"
            } else {
                "page"
            },
            has_h1: site.pages[i].has_h1,
            number: super::nav::number_label(
                super::nav::find_chapter(&site.course.toc, i).and_then(|c| c.number.as_deref()),
            ),
        })
        .collect()
}

fn anchor(page: usize) -> String {
    format!("p{page}")
}

const ID_ATTRS: &[&str] = &["id", "for", "aria-describedby", "aria-labelledby", "aria-controls", "list"];

/// Rewrites one page's HTML for the print view.
pub fn rebase(html: &str, page: usize, path: &str, by_output: &HashMap<&str, usize>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else { break };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        if ID_ATTRS.contains(&name) {
            let prefixed: Vec<String> = value.split_whitespace().map(|id| format!("{}-{id}", anchor(page))).collect();
            out.push_str(&prefixed.join(" "));
        } else if name == "href" || name == "src" {
            out.push_str(&rebase_url(value, page, path, by_output));
        } else {
            out.push_str(value);
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

fn rebase_url(url: &str, page: usize, path: &str, by_output: &HashMap<&str, usize>) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{}-{fragment}", anchor(page));
    }
    if !crate::markdown::page::is_relative(url) {
        return url.to_string();
    }
    let (target, fragment) = match url.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (url, None),
    };
    let Some(resolved) = resolve(path, target) else {
        return url.to_string();
    };
    match by_output.get(resolved.as_str()) {
        Some(&i) => match fragment {
            Some(f) => format!("#{}-{f}", anchor(i)),
            None => format!("#{}", anchor(i)),
        },
        None => match fragment {
            Some(f) => format!("{resolved}#{f}"),
            None => resolved,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_ids_and_rebases_links() {
        let mut by = HashMap::new();
        by.insert("m/b.html", 3);
        let html = r##"<h2 id="x"><a href="#x">X</a></h2><a href="b.html#y">b</a><img src="../img/a.png" alt=""><label for="q">"##;
        let out = rebase(html, 2, "m/a.html", &by);
        assert_eq!(
            out,
            r##"<h2 id="p2-x"><a href="#p2-x">X</a></h2><a href="#p3-y">b</a><img src="img/a.png" alt=""><label for="p2-q">"##
        );
    }
}
