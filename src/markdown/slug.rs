//! Heading ids: a slug of the heading text, made unique within the page;
//! and the course key, a slug of the course title.

use std::collections::HashSet;

/// Hands out ids that are unique within one page.
#[derive(Debug, Default)]
pub struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    /// A unique id for a heading with this text: `Mitä käyttäjät haluavat?`
    /// gives `mitä-käyttäjät-haluavat`, a second one `…-1`.
    pub fn slug(&mut self, text: &str) -> String {
        let base = slugify(text);
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or(base)
    }

    /// Reserves an id given explicitly; false if it was already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
}

/// Lower-cases, keeps letters, digits, `-` and `_`, turns whitespace into
/// `-`, drops the rest (mdBook's rule, but lower-casing every letter).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == '-' {
            out.extend(ch.to_lowercase());
        } else if ch.is_whitespace() {
            out.push('-');
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// The key under which the browser keeps this course's quiz results: the
/// title as a slug, `kurssi` for a course without one.
pub fn course_key(title: &str) -> String {
    let slug = slugify(title);
    if title.trim().is_empty() {
        "kurssi".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_keep_finnish_letters() {
        let mut s = Slugger::default();
        assert_eq!(
            s.slug("Mitä käyttäjät haluavat?"),
            "mitä-käyttäjät-haluavat"
        );
        assert_eq!(s.slug("Intro"), "intro");
        assert_eq!(s.slug("Intro"), "intro-1");
        assert_eq!(s.slug("Intro"), "intro-2");
        assert_eq!(s.slug("???"), "section");
        assert!(!s.claim("intro"));
    }
}
