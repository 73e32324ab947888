//! Navigation views: the table of contents shown on each page, previous and
//! next links, module lists and the course map.
//!
//! Each page gets a bounded slice of the table of contents: every top-level
//! entry while the course is small, and only the current module's branch
//! once it is large, so output size grows linearly with the number of pages
//! rather than with its square.

use serde::Serialize;

use crate::model::{Chapter, TocItem};

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
    /// Entries to show.
    pub items: Vec<NavItem>,
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
    fn output_path(&self, i: usize) -> &str;
    /// Title of page `i`.
    fn title(&self, i: usize) -> &str;
    /// Quiz ids of page `i`.
    fn quiz_ids(&self, i: usize) -> Vec<String>;
}

/// URL of an output file as templates get it: relative to the site root,
/// which templates prefix with `root` (the way back from the current page).
pub fn relative_url(_from: &str, to: &str) -> String {
    to.to_string()
}

/// Builds the navigation of page `current` (None for pages outside the
/// course such as 404 or print).
pub fn nav_for(
    toc: &[TocItem],
    order: &[usize],
    current: Option<usize>,
    from: &str,
    info: &dyn PageInfo,
) -> Nav {
    let total = count_entries(toc);
    let expand_all = total <= EXPAND_ALL_ENTRIES;
    let complete = toc.len() <= FULL_NAV_TOP_LEVEL;
    let items = if complete {
        toc.iter()
            .map(|item| view(item, current, from, info, expand_all))
            .collect()
    } else {
        toc.iter()
            .filter(|item| matches!(item, TocItem::Chapter(c) if contains(c, current)))
            .map(|item| view(item, current, from, info, expand_all))
            .collect()
    };
    let (prev, next) = match current.and_then(|c| order.iter().position(|&p| p == c)) {
        Some(pos) => {
            let link = |i: usize| NavLink {
                title: info.title(i).to_string(),
                url: relative_url(from, info.output_path(i)),
            };
            (
                pos.checked_sub(1).map(|p| link(order[p])),
                order.get(pos + 1).map(|&n| link(n)),
            )
        }
        None => (None, None),
    };
    Nav {
        items,
        prev,
        next,
        complete,
    }
}

fn view(item: &TocItem, current: Option<usize>, from: &str, info: &dyn PageInfo, expand_all: bool) -> NavItem {
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
            let open = contains(c, current);
            let children = if open || expand_all {
                c.children
                    .iter()
                    .map(|child| view(child, current, from, info, expand_all))
                    .collect()
            } else {
                Vec::new()
            };
            NavItem {
                kind: "chapter",
                title: chapter_title(c, info),
                url: c
                    .page
                    .map(|p| relative_url(from, info.output_path(p)))
                    .unwrap_or_default(),
                number: number_label(c.number.as_deref()),
                current: c.page.is_some() && c.page == current,
                open,
                quiz_ids: c.page.map(|p| info.quiz_ids(p)).unwrap_or_default(),
                children,
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
    c.page.map(|p| info.title(p).to_string()).unwrap_or_default()
}

/// `[1, 2]` -> `1.2.`
pub fn number_label(number: Option<&[u32]>) -> String {
    number
        .map(|n| n.iter().map(|x| format!("{x}.")).collect())
        .unwrap_or_default()
}

/// Whether page `current` is this chapter or one of its descendants.
pub fn contains(c: &Chapter, current: Option<usize>) -> bool {
    let Some(cur) = current else { return false };
    c.page == Some(cur)
        || c.children
            .iter()
            .any(|item| matches!(item, TocItem::Chapter(child) if contains(child, Some(cur))))
}

fn count_entries(toc: &[TocItem]) -> usize {
    toc.iter()
        .map(|item| match item {
            TocItem::Chapter(c) => 1 + count_entries(&c.children),
            _ => 1,
        })
        .sum()
}

/// Every page of a chapter and its descendants, depth first.
pub fn pages_under(c: &Chapter, out: &mut Vec<usize>) {
    out.extend(c.page);
    for item in &c.children {
        if let TocItem::Chapter(child) = item {
            pages_under(child, out);
        }
    }
}

/// Finds the chapter whose page is `page`.
pub fn find_chapter(toc: &[TocItem], page: usize) -> Option<&Chapter> {
    toc.iter().find_map(|item| match item {
        TocItem::Chapter(c) if c.page == Some(page) => Some(c),
        TocItem::Chapter(c) => find_chapter(&c.children, page),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages(Vec<(&'static str, &'static str)>);
    impl PageInfo for Pages {
        fn output_path(&self, i: usize) -> &str {
            self.0[i].0
        }
        fn title(&self, i: usize) -> &str {
            self.0[i].1
        }
        fn quiz_ids(&self, _: usize) -> Vec<String> {
            Vec::new()
        }
    }

    fn ch(page: usize, children: Vec<TocItem>) -> TocItem {
        TocItem::Chapter(Chapter {
            title: String::new(),
            page: Some(page),
            number: None,
            children,
        })
    }

    #[test]
    fn marks_current_and_links_prev_next_relatively() {
        let pages = Pages(vec![("index.html", "Home"), ("m/index.html", "M"), ("m/a.html", "A")]);
        let toc = vec![ch(0, vec![]), ch(1, vec![ch(2, vec![])])];
        let nav = nav_for(&toc, &[0, 1, 2], Some(2), "m/a.html", &pages);
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
        let toc: Vec<TocItem> = (0..50).map(|i| ch(i * 2, vec![ch(i * 2 + 1, vec![])])).collect();
        let nav = nav_for(&toc, &(0..100).collect::<Vec<_>>(), Some(7), "x.html", &pages);
        assert!(!nav.complete);
        assert_eq!(nav.items.len(), 1);
        assert!(nav.items[0].children[0].current);
    }
}
