//! Which pages show something of another page's text: the module pages
//! that list a page with its reading time, rendered again with it when an
//! edit of its text changes that time. (An edit that changes what every
//! page may show, a title or the quizzes, forgets every rendered page of
//! its language instead; see [`super::session`].)

use std::collections::BTreeSet;

use crate::model::{contains, TocItem};

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
