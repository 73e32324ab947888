//! Folder order, for courses without `SUMMARY.md`: files and folders in
//! name order with numeric prefixes compared as numbers (`2-x` before
//! `10-x`), and `weight` in front matter overriding it
//! (an item without a weight counts as 0). A folder's
//! `README.md` or `index.md` is its overview page; the root's is the course
//! home. Draft pages are not built.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{Ctx, Loaded};
use crate::diagnostics::Diagnostic;
use crate::model::{Chapter, PageId, TocItem};

/// A folder of pages, as found under the source folder.
#[derive(Default)]
struct Folder {
    /// Its overview candidates (`README.md`, `index.md`), in name order.
    overviews: Vec<usize>,
    /// Its other pages.
    files: Vec<usize>,
    folders: BTreeMap<String, Folder>,
}

/// Builds the table of contents from the folders and loads every page.
/// `markdown` is every Markdown file under the source folder.
pub(super) fn load(ctx: &mut Ctx<'_>, markdown: &[String]) -> Vec<TocItem> {
    let mut loaded = ctx.load_pages(markdown);
    let mut root = Folder::default();
    for (i, rel) in markdown.iter().enumerate() {
        // Drafts are left out here, so they neither build nor take an overview's place.
        if loaded[i].as_ref().is_none_or(|l| l.front.draft) {
            continue;
        }
        let mut folder = &mut root;
        let mut parts: Vec<&str> = rel.split('/').collect();
        let name = parts.pop().unwrap_or_default();
        for part in parts {
            folder = folder.folders.entry(part.to_owned()).or_default();
        }
        if is_overview(name) {
            folder.overviews.push(i);
        } else {
            folder.files.push(i);
        }
    }
    let mut w = Walker {
        ctx,
        markdown,
        loaded: &mut loaded,
    };
    let mut toc = Vec::new();
    if let Some(home) = w.overview(&root) {
        if let Some(page) = w.add(home) {
            let title = w.title(page);
            toc.push(chapter(title, Some(page), Vec::new()));
        }
    }
    toc.extend(w.children(root));
    toc
}

fn chapter(title: String, page: Option<PageId>, children: Vec<TocItem>) -> TocItem {
    TocItem::Chapter(Chapter {
        title,
        page,
        number: None,
        children,
    })
}

/// Whether a file name is a folder's overview page.
fn is_overview(name: &str) -> bool {
    let stem = stem(name);
    stem.eq_ignore_ascii_case("readme") || stem == "index"
}

/// A file name without its Markdown extension.
fn stem(name: &str) -> &str {
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .unwrap_or(name)
}

struct Walker<'w, 'd> {
    ctx: &'w mut Ctx<'d>,
    markdown: &'w [String],
    loaded: &'w mut Vec<Option<Loaded>>,
}

/// A child of a folder, to be sorted.
enum Child {
    Page(usize),
    Folder(String, Folder, Option<usize>),
}

impl Walker<'_, '_> {
    /// The overview of a folder; every other candidate is an error, as it
    /// would be written to the same `index.html`.
    fn overview(&mut self, folder: &Folder) -> Option<usize> {
        let (&first, rest) = folder.overviews.split_first()?;
        for &other in rest {
            let Some(page) = self.loaded[other].as_ref() else {
                continue;
            };
            let message = format!(
                "`{}` and `{}` would both become `index.html` of their folder, so this one is not built",
                self.ctx.shown(&self.markdown[other]),
                self.ctx.shown(&self.markdown[first]),
            );
            self.ctx.diags.push(
                Diagnostic::error(page.file, 0..0, message)
                    .with_note("keep only one of README.md and index.md in a folder"),
            );
        }
        Some(first)
    }

    /// Adds the page of Markdown file `i` to the course.
    fn add(&mut self, i: usize) -> Option<PageId> {
        let loaded = self.loaded[i].take()?;
        self.ctx.add_page(loaded, &self.markdown[i], None, None)
    }

    fn title(&self, page: PageId) -> String {
        self.ctx.pages[page].front.title.clone().unwrap_or_default()
    }

    fn weight(&self, i: usize) -> Option<i64> {
        self.loaded[i].as_ref().and_then(|l| l.front.weight)
    }

    /// The items of a folder in order, adding their pages depth first.
    fn children(&mut self, folder: Folder) -> Vec<TocItem> {
        let mut children: Vec<(Option<i64>, String, Child)> = Vec::new();
        for &i in &folder.files {
            let name = self.markdown[i].rsplit('/').next().unwrap_or_default();
            children.push((self.weight(i), stem(name).to_owned(), Child::Page(i)));
        }
        for (name, sub) in folder.folders {
            let overview = self.overview(&sub);
            let weight = overview.and_then(|i| self.weight(i));
            children.push((weight, name.clone(), Child::Folder(name, sub, overview)));
        }
        children.sort_by(|a, b| order(a.0, &a.1, b.0, &b.1));

        let mut items = Vec::new();
        for (_, _, child) in children {
            match child {
                Child::Page(i) => {
                    if let Some(page) = self.add(i) {
                        items.push(chapter(self.title(page), Some(page), Vec::new()));
                    }
                }
                Child::Folder(name, sub, overview) => {
                    let page = overview.and_then(|i| self.add(i));
                    let children = self.children(sub);
                    if page.is_none() && children.is_empty() {
                        continue;
                    }
                    let title = match (page, overview) {
                        (Some(page), _) => self.title(page),
                        (None, Some(_)) => String::new(),
                        (None, None) => folder_title(&name),
                    };
                    items.push(chapter(title, page, children));
                }
            }
        }
        items
    }
}

/// By weight, an item without one counting as 0 (so `weight: 100` puts a
/// quiz last and a negative weight puts a page first); equal weights in
/// natural name order.
fn order(wa: Option<i64>, a: &str, wb: Option<i64>, b: &str) -> Ordering {
    wa.unwrap_or(0)
        .cmp(&wb.unwrap_or(0))
        .then_with(|| natural(a, b))
}

/// Compares names with runs of digits compared as numbers, letters without
/// regard to case; ties are broken by the plain bytes so the order is total.
pub(super) fn natural(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        let (Some(cx), Some(cy)) = (x.chars().next(), y.chars().next()) else {
            return x.len().cmp(&y.len()).then_with(|| a.cmp(b));
        };
        if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let (nx, rx) = split_digits(x);
            let (ny, ry) = split_digits(y);
            let (tx, ty) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
            let by_value = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
            if by_value != Ordering::Equal {
                return by_value;
            }
            (x, y) = (rx, ry);
        } else {
            let by_char = cx.to_lowercase().cmp(cy.to_lowercase());
            if by_char != Ordering::Equal {
                return by_char;
            }
            (x, y) = (&x[cx.len_utf8()..], &y[cy.len_utf8()..]);
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// A folder's name made readable: `01-why-be-social` -> `Why be social`.
pub(super) fn folder_title(name: &str) -> String {
    let (digits, rest) = split_digits(name);
    let rest = match rest.strip_prefix(['-', '_', '.', ' ']) {
        Some(r) if !digits.is_empty() && !r.is_empty() => r,
        _ => name,
    };
    let spaced = rest.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut names = vec![
            "10-x", "2-x", "01-a", "b", "A", "1-b", "item10", "item9", "ä",
        ];
        names.sort_by(|a, b| natural(a, b));
        assert_eq!(
            names,
            vec!["01-a", "1-b", "2-x", "10-x", "A", "b", "item9", "item10", "ä"]
        );
        assert_eq!(natural("01", "1"), Ordering::Less);
        assert_eq!(natural("a", "a"), Ordering::Equal);
    }

    #[test]
    fn weight_order() {
        let mut items = [
            (None, "a"),
            (Some(5), "z"),
            (Some(-1), "y"),
            (None, "2"),
            (Some(5), "b"),
        ];
        items.sort_by(|x, y| order(x.0, x.1, y.0, y.1));
        let names: Vec<_> = items.iter().map(|i| i.1).collect();
        assert_eq!(names, vec!["y", "2", "a", "b", "z"]);
    }

    #[test]
    fn folder_titles() {
        assert_eq!(folder_title("01-why-be-social"), "Why be social");
        assert_eq!(folder_title("extra_material"), "Extra material");
        assert_eq!(folder_title("2024"), "2024");
        assert_eq!(folder_title("3-"), "3");
        assert_eq!(folder_title("älä"), "Älä");
    }

    #[test]
    fn overview_names() {
        assert!(is_overview("README.md") && is_overview("readme.md") && is_overview("index.md"));
        assert!(!is_overview("INDEX.md") && !is_overview("readme.txt.md"));
    }
}
