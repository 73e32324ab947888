//! Which pages show something of another page's text: the module pages
//! that list a page with its reading time, rendered again with it when an
//! edit of its text changes that time. (An edit that changes what every
//! page may show, a title or the quizzes, forgets every rendered page of
//! its language instead; see [`super::session`].)

use std::collections::BTreeSet;

use crate::model::{contains, PageId, TocItem};

/// Module pages that list page `i` (with its title and reading time).
pub fn listing_pages(toc: &[TocItem], i: PageId, out: &mut BTreeSet<PageId>) {
    for item in toc {
        if let TocItem::Chapter(c) = item {
            if !c.children.is_empty() && contains(c, Some(i)) {
                out.extend(c.page.filter(|&j| j != i));
                listing_pages(&c.children, i, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(page: usize, children: Vec<TocItem>) -> TocItem {
        TocItem::page(PageId::new(page), children)
    }

    /// The module pages that list page `i`.
    fn listing(toc: &[TocItem], i: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        listing_pages(toc, PageId::new(i), &mut out);
        out.into_iter().map(PageId::index).collect()
    }

    #[test]
    fn module_pages_list_their_descendants() {
        // 0 home; 1 module with 2 and 3 (3 a sub-module with 4); 5 another module with 6.
        let toc = vec![
            ch(0, vec![]),
            ch(1, vec![ch(2, vec![]), ch(3, vec![ch(4, vec![])])]),
            ch(5, vec![ch(6, vec![])]),
        ];
        assert_eq!(listing(&toc, 4), [1, 3].into());
        assert_eq!(listing(&toc, 6), [5].into());
        assert!(listing(&toc, 1).is_empty());
    }
}
