//! Navigation views: the table of contents shown on each page, previous and
//! next links, module lists and the course map, built for `render` from
//! what the site tells of each page ([`PageInfo`]).
//!
//! Each page gets a bounded slice of the table of contents: every top-level
//! entry while the course is small, and only the current module's branch
//! once it is large, so output size grows linearly with the number of pages
//! rather than with its square.

use serde::Serialize;

use crate::model::{Chapter, PageId, TocIndex, TocItem};
use crate::theme::push_escaped;

/// Above this many top-level entries, a page shows only its own module.
pub const FULL_NAV_TOP_LEVEL: usize = 40;
/// Up to this many entries in all, every branch is shown open.
pub const EXPAND_ALL_ENTRIES: usize = 120;

/// One entry of the navigation as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NavItem {
    /// `chapter`, `part` or `separator`.
    pub kind: &'static str,
    /// Shown title.
    pub title: String,
    /// Relative URL from the current page; empty for a draft chapter.
    pub url: String,
    /// Section number such as `1.2.`, or empty.
    pub number: String,
    /// Whether this is the current page.
    pub current: bool,
    /// Whether the current page is this entry or inside it.
    pub open: bool,
    /// Quizzes on this entry's page.
    pub quiz_ids: Vec<String>,
    /// Sub-entries (only for open branches, or every branch of a small course).
    pub children: Vec<NavItem>,
}

/// A link with a title.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NavLink {
    /// Shown title.
    pub title: String,
    /// Relative URL.
    pub url: String,
}

/// The navigation of one page.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    /// Entries to show. Templates get them as [`Nav::html`] instead: a
    /// recursive template macro over them cost more than the rest of a
    /// page's template together.
    #[serde(skip)]
    pub items: Vec<NavItem>,
    /// `items` as `<li>` elements, for inside `<ul class="toc-list">`
    /// (see [`items_html`]); empty until the renderer fills it in.
    pub html: String,
    /// Previous page in course order.
    pub prev: Option<NavLink>,
    /// Next page in course order.
    pub next: Option<NavLink>,
    /// Whether `items` is the whole table of contents.
    pub complete: bool,
}

/// What navigation needs to know about each page.
pub trait PageInfo {
    /// Output path of page `i`.
    fn output_path(&self, i: PageId) -> &str;
    /// Title of page `i`.
    fn title(&self, i: PageId) -> &str;
    /// Quiz ids of page `i`.
    fn quiz_ids(&self, i: PageId) -> Vec<String>;
}

/// Builds the navigation of page `current` (None for pages outside the
/// course such as 404 or print).
pub fn nav_for(
    toc: &[TocItem],
    index: &TocIndex,
    current: Option<PageId>,
    info: &dyn PageInfo,
) -> Nav {
    let expand_all = index.entries() <= EXPAND_ALL_ENTRIES;
    let complete = toc.len() <= FULL_NAV_TOP_LEVEL;
    let open_path: &[usize] = current.and_then(|c| index.path(c)).unwrap_or(&[]);
    let views = ViewCtx {
        current,
        info,
        expand_all,
    };
    let items = toc
        .iter()
        .enumerate()
        .filter(|(i, _)| complete || open_path.first() == Some(i))
        .map(|(i, item)| {
            let open = open_path.first() == Some(&i);
            views.view(item, open, if open { &open_path[1..] } else { &[] })
        })
        .collect();
    let (prev, next) = match current.and_then(|c| index.position(c)) {
        Some(pos) => {
            let link = |i: PageId| NavLink {
                title: info.title(i).to_string(),
                url: info.output_path(i).to_string(),
            };
            (
                pos.checked_sub(1).map(|p| link(index.order()[p])),
                index.order().get(pos + 1).map(|&n| link(n)),
            )
        }
        None => (None, None),
    };
    Nav {
        items,
        html: String::new(),
        prev,
        next,
        complete,
    }
}

/// The table of contents as `<li>` elements: one per item, sub-items in a
/// nested `<ul>`, the current page with `aria-current`, and the ids of a
/// page's quizzes in `data-quiz` so that `nav.js` can mark it passed. `root`
/// is the prefix from the page to the site root; `draft_label` is read out
/// after a draft chapter's title.
pub fn items_html(items: &[NavItem], root: &str, draft_label: &str, out: &mut String) {
    for item in items {
        match item.kind {
            "separator" => out.push_str("<li class=\"toc-separator\" aria-hidden=\"true\"></li>"),
            "part" => {
                out.push_str("<li class=\"toc-part\"><span class=\"toc-part-title\">");
                push_escaped(out, &item.title);
                out.push_str("</span>");
                children_html(item, root, draft_label, out);
                out.push_str("</li>");
            }
            _ => {
                out.push_str("<li class=\"toc-item");
                if !item.children.is_empty() {
                    out.push_str(" toc-group");
                }
                if item.open {
                    out.push_str(" toc-open");
                }
                out.push_str("\">");
                if item.url.is_empty() {
                    out.push_str("<span class=\"toc-draft\">");
                    number_html(&item.number, out);
                    push_escaped(out, &item.title);
                    out.push_str("<span class=\"visually-hidden\"> (");
                    push_escaped(out, draft_label);
                    out.push_str(")</span></span>");
                } else {
                    out.push_str("<a href=\"");
                    push_escaped(out, root);
                    push_escaped(out, &item.url);
                    out.push('"');
                    if item.current {
                        out.push_str(" aria-current=\"page\"");
                    }
                    if !item.quiz_ids.is_empty() {
                        out.push_str(" data-quiz=\"");
                        push_escaped(out, &item.quiz_ids.join(" "));
                        out.push('"');
                    }
                    out.push('>');
                    number_html(&item.number, out);
                    push_escaped(out, &item.title);
                    out.push_str("</a>");
                }
                children_html(item, root, draft_label, out);
                out.push_str("</li>");
            }
        }
    }
}

fn children_html(item: &NavItem, root: &str, draft_label: &str, out: &mut String) {
    if !item.children.is_empty() {
        out.push_str("<ul>");
        items_html(&item.children, root, draft_label, out);
        out.push_str("</ul>");
    }
}

fn number_html(number: &str, out: &mut String) {
    if !number.is_empty() {
        out.push_str("<span class=\"toc-number\">");
        push_escaped(out, number);
        out.push_str("</span> ");
    }
}

struct ViewCtx<'a> {
    current: Option<PageId>,
    info: &'a dyn PageInfo,
    expand_all: bool,
}

impl ViewCtx<'_> {
    /// `open`: the current page is this item or below it; `rest`: the
    /// remaining path from this item down to the current page.
    fn view(&self, item: &TocItem, open: bool, rest: &[usize]) -> NavItem {
        match item {
            TocItem::PartTitle(title) => NavItem {
                kind: "part",
                title: title.clone(),
                ..empty()
            },
            TocItem::Separator => NavItem {
                kind: "separator",
                ..empty()
            },
            TocItem::Chapter(c) => {
                let children = if open || self.expand_all {
                    c.children
                        .iter()
                        .enumerate()
                        .map(|(i, child)| {
                            let child_open = open && rest.first() == Some(&i);
                            self.view(child, child_open, if child_open { &rest[1..] } else { &[] })
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                NavItem {
                    kind: "chapter",
                    title: chapter_title(c, self.info),
                    url: c
                        .page
                        .map(|p| self.info.output_path(p).to_string())
                        .unwrap_or_default(),
                    number: number_label(c.number.as_deref()),
                    current: open && rest.is_empty() && c.page.is_some() && c.page == self.current,
                    open,
                    quiz_ids: c.page.map(|p| self.info.quiz_ids(p)).unwrap_or_default(),
                    children,
                }
            }
        }
    }
}

fn empty() -> NavItem {
    NavItem {
        kind: "chapter",
        title: String::new(),
        url: String::new(),
        number: String::new(),
        current: false,
        open: false,
        quiz_ids: Vec::new(),
        children: Vec::new(),
    }
}

/// The title a chapter shows: its own, else its page's.
pub fn chapter_title(c: &Chapter, info: &dyn PageInfo) -> String {
    if !c.title.is_empty() {
        return c.title.clone();
    }
    c.page
        .map(|p| info.title(p).to_string())
        .unwrap_or_default()
}

/// `[1, 2]` -> `1.2.`
pub fn number_label(number: Option<&[u32]>) -> String {
    use std::fmt::Write as _;
    // One string written into, not one per part: every item of every
    // page's table of contents has a label.
    let mut label = String::new();
    for x in number.unwrap_or_default() {
        // Writing into a String cannot fail.
        let _ = write!(label, "{x}.");
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages(Vec<(&'static str, &'static str)>);
    impl PageInfo for Pages {
        fn output_path(&self, i: PageId) -> &str {
            self.0[i.index()].0
        }
        fn title(&self, i: PageId) -> &str {
            self.0[i.index()].1
        }
        fn quiz_ids(&self, _: PageId) -> Vec<String> {
            Vec::new()
        }
    }

    fn ch(page: usize, children: Vec<TocItem>) -> TocItem {
        TocItem::page(PageId::new(page), children)
    }

    #[test]
    fn marks_current_and_links_prev_next_relatively() {
        let pages = Pages(vec![
            ("index.html", "Home"),
            ("m/index.html", "M"),
            ("m/a.html", "A"),
        ]);
        let toc = vec![ch(0, vec![]), ch(1, vec![ch(2, vec![])])];
        let index = TocIndex::new(&toc, 3);
        let nav = nav_for(&toc, &index, Some(PageId::new(2)), &pages);
        assert!(nav.complete);
        assert!(nav.items[1].open);
        assert!(nav.items[1].children[0].current);
        assert_eq!(nav.items[1].children[0].url, "m/a.html");
        assert_eq!(nav.prev.unwrap().url, "m/index.html");
        assert!(nav.next.is_none());
    }

    #[test]
    fn a_large_course_shows_only_the_current_module() {
        let paths: Vec<(&'static str, &'static str)> = (0..100).map(|_| ("x.html", "X")).collect();
        let pages = Pages(paths);
        let toc: Vec<TocItem> = (0..50)
            .map(|i| ch(i * 2, vec![ch(i * 2 + 1, vec![])]))
            .collect();
        let index = TocIndex::new(&toc, 100);
        let page = PageId::new(7);
        assert_eq!(index.chapter(&toc, page).and_then(|c| c.page), Some(page));
        let nav = nav_for(&toc, &index, Some(page), &pages);
        assert!(!nav.complete);
        assert_eq!(nav.items.len(), 1);
        assert!(nav.items[0].children[0].current);
    }

    #[test]
    fn items_render_as_nested_list_items() {
        let item = |kind, title: &str, url: &str, number: &str| NavItem {
            kind,
            title: title.into(),
            url: url.into(),
            number: number.into(),
            ..empty()
        };
        let mut module = item("chapter", "M & N", "m/index.html", "1.");
        module.open = true;
        let mut current = item("chapter", "A", "m/a.html", "1.1.");
        current.current = true;
        current.open = true;
        current.quiz_ids = vec!["q1".into(), "q2".into()];
        module.children = vec![current, item("chapter", "Draft", "", "1.2.")];
        let items = vec![
            item("part", "Part <1>", "", ""),
            item("separator", "", "", ""),
            module,
        ];
        let mut html = String::new();
        items_html(&items, "../", "draft", &mut html);
        assert_eq!(
            html,
            "<li class=\"toc-part\"><span class=\"toc-part-title\">Part &lt;1&gt;</span></li>\
             <li class=\"toc-separator\" aria-hidden=\"true\"></li>\
             <li class=\"toc-item toc-group toc-open\"><a href=\"../m/index.html\">\
             <span class=\"toc-number\">1.</span> M &amp; N</a><ul>\
             <li class=\"toc-item toc-open\"><a href=\"../m/a.html\" aria-current=\"page\" data-quiz=\"q1 q2\">\
             <span class=\"toc-number\">1.1.</span> A</a></li>\
             <li class=\"toc-item\"><span class=\"toc-draft\"><span class=\"toc-number\">1.2.</span> \
             Draft<span class=\"visually-hidden\"> (draft)</span></span></li></ul></li>"
        );
    }
}
