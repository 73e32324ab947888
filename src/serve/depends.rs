//! Which pages show something of another page, so that after an edit the
//! pages a trainer is likely to look at are rendered first.
//!
//! These sets only order the work: when an edit changes what other pages
//! show (a title, the quizzes), every page is rendered again in the end, in
//! the background, so a page left out here is late, never wrong.

use std::collections::BTreeSet;

use crate::model::TocItem;
use crate::model::{contains, pages_under};
use crate::site::Site;

/// Module pages that list page `i` (with its title and reading time).
pub fn listing_pages(toc: &[TocItem], i: usize, out: &mut BTreeSet<usize>) {
    for item in toc {
        if let TocItem::Chapter(c) = item {
            if !c.children.is_empty() && contains(c, Some(i)) {
                out.extend(c.page.filter(|&j| j != i));
                listing_pages(&c.children, i, out);
            }
        }
    }
}

/// Pages that show page `i`'s title or quizzes: its previous and next page,
/// the module pages listing it, every page of its top-level module (their
/// navigation shows its branch) and the home page (module cards). Not `i`.
pub fn showing(site: &Site, i: usize) -> BTreeSet<usize> {
    let pages = &site.course.pages;
    let mut out = BTreeSet::new();
    let order: Vec<usize> = (0..pages.len()).filter(|&p| pages[p].in_toc).collect();
    if let Some(pos) = order.iter().position(|&p| p == i) {
        out.extend(pos.checked_sub(1).map(|p| order[p]));
        out.extend(order.get(pos + 1).copied());
    }
    listing_pages(&site.course.toc, i, &mut out);
    for item in &site.course.toc {
        if let TocItem::Chapter(c) = item {
            if contains(c, Some(i)) {
                let mut under = Vec::new();
                pages_under(c, &mut under);
                out.extend(under);
            }
        }
    }
    out.extend(pages.iter().position(|p| p.output_path == "index.html"));
    out.remove(&i);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(page: usize, children: Vec<TocItem>) -> TocItem {
        TocItem::page(page, children)
    }

    #[test]
    fn module_pages_list_their_descendants() {
        // 0 home; 1 module with 2 and 3 (3 a sub-module with 4); 5 another module with 6.
        let toc = vec![
            ch(0, vec![]),
            ch(1, vec![ch(2, vec![]), ch(3, vec![ch(4, vec![])])]),
            ch(5, vec![ch(6, vec![])]),
        ];
        let mut out = BTreeSet::new();
        listing_pages(&toc, 4, &mut out);
        assert_eq!(out, [1, 3].into());
        out.clear();
        listing_pages(&toc, 6, &mut out);
        assert_eq!(out, [5].into());
        out.clear();
        listing_pages(&toc, 1, &mut out);
        assert!(out.is_empty());
    }
}
