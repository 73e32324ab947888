//! Analysis after rendering: what a page's text gives besides its HTML.
//! From the section texts and runs that the Markdown stage returns
//! ([`crate::markdown::page::Rendered`]), this module counts the words of
//! prose (for the reading time) and turns each section into its search
//! keys ([`SectionTerms`], from the course's [`Vocabulary`]) and the short
//! passage the search index shows.
//!
//! It runs for each page right after its Markdown, in the same parallel
//! task ([`crate::site::render_page`]), so that only the keys and passages
//! are kept, never a page's whole text: the text buffer goes back to the
//! thread for its next page.

use crate::markdown::page::{Run, SectionText};
use crate::search::{self, SectionTerms, Vocabulary};

/// Words read per minute, for the estimated reading time.
const WORDS_PER_MINUTE: usize = 200;

/// A part of the page between headings, for the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Id of the heading that starts it (`None` before the first heading).
    pub id: Option<String>,
    /// Text of that heading.
    pub title: String,
    /// The passage of its plain text that the search index shows
    /// (whitespace made single spaces, cut after `stored_chars`); empty
    /// without a search index.
    pub text: String,
    /// The search keys of its whole text.
    pub terms: SectionTerms,
}

/// What the analysis of one page found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Words of prose, for the reading time.
    pub words: usize,
    /// Its sections for search: every section that starts at a heading,
    /// and the one before the first heading when it has text (and the
    /// course has search).
    pub sections: Vec<Section>,
}

/// Analyses a page's `text`, made of `runs` and cut into `sections` (see
/// [`crate::markdown::page::Rendered`]): words are counted in its runs of
/// prose, and with a `vocabulary` (a course with search) each section's
/// whole text becomes its keys and a passage of `stored_chars` characters.
pub fn analyse(
    text: &str,
    runs: &[Run],
    sections: &[SectionText],
    vocabulary: Option<&Vocabulary>,
    stored_chars: usize,
) -> Analysis {
    // Words are counted in each stretch of prose runs side by side, not run
    // by run: a word the Markdown split (`**bold**text`) is one word.
    let mut words = 0;
    let mut start = 0;
    let mut prose_from = None;
    for run in runs {
        if run.prose {
            prose_from.get_or_insert(start);
        } else if let Some(from) = prose_from.take() {
            words += count_words(&text[from..start]);
        }
        start = run.end;
    }
    if let Some(from) = prose_from {
        words += count_words(&text[from..start]);
    }
    let mut out = Vec::with_capacity(sections.len());
    let mut start = 0;
    for s in sections {
        let section_text = &text[start..s.end];
        start = s.end;
        // Without search the text is not looked at: only sections that
        // start at a heading are kept, as they were.
        let has_text = vocabulary.is_some() && !section_text.trim().is_empty();
        if !has_text && s.id.is_none() {
            continue;
        }
        let mut section = Section {
            id: s.id.clone(),
            title: s.title.clone(),
            ..Section::default()
        };
        if let Some(vocabulary) = vocabulary {
            section.terms = vocabulary.analyse(section_text);
            section.text = search::stored_text(section_text, stored_chars);
        }
        out.push(section);
    }
    Analysis {
        words,
        sections: out,
    }
}

/// Estimated reading time of `words` words in whole minutes, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Words in `text`: runs of other than ASCII whitespace (other Unicode
/// spaces are rare enough in prose not to matter for a reading time).
fn count_words(text: &str) -> usize {
    text.split_ascii_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_in_prose_runs_and_sections_analysed() {
        let text = "Intro. One two. hidden prompt Three ";
        let runs = [
            Run {
                end: 7,
                prose: true,
            },
            Run {
                end: 16,
                prose: true,
            },
            Run {
                end: 30,
                prose: false,
            },
            Run {
                end: 36,
                prose: true,
            },
        ];
        let sections = [
            SectionText {
                id: None,
                title: String::new(),
                end: 7,
            },
            SectionText {
                id: Some("t".into()),
                title: "T".into(),
                end: 36,
            },
        ];
        let vocabulary = Vocabulary::new("en");
        let a = analyse(text, &runs, &sections, Some(&vocabulary), 10);
        assert_eq!(a.words, 4, "not the search-only run");
        assert_eq!(a.sections.len(), 2);
        assert_eq!(a.sections[1].id.as_deref(), Some("t"));
        assert_eq!(a.sections[1].title, "T");
        assert!(
            a.sections[1].text.starts_with("One two."),
            "{:?}",
            a.sections[1].text
        );
        assert_ne!(a.sections[1].terms, SectionTerms::default());
        // Without search, no text is kept and the untitled intro is left out.
        let a = analyse(text, &runs, &sections, None, 10);
        assert_eq!(a.words, 4);
        assert_eq!(a.sections.len(), 1);
        assert!(a.sections[0].text.is_empty());
    }

    #[test]
    fn a_word_split_across_runs_is_one_word() {
        // `**bold**text and more`, then a quiz's search text, then prose.
        let text = "boldtext and more hidden words last";
        let ends = [(4, true), (17, true), (30, false), (35, true)];
        let runs: Vec<Run> = ends.map(|(end, prose)| Run { end, prose }).into();
        let a = analyse(text, &runs, &[], None, 10);
        // `boldtext`, `and`, `more` and ` last`: the quiz's words are not
        // read, and `more` does not run into them.
        assert_eq!(a.words, 4);
    }

    #[test]
    fn an_empty_intro_is_no_section() {
        let sections = [SectionText {
            id: None,
            title: String::new(),
            end: 1,
        }];
        let vocabulary = Vocabulary::new("en");
        let a = analyse(
            " ",
            &[Run {
                end: 1,
                prose: true,
            }],
            &sections,
            Some(&vocabulary),
            10,
        );
        assert!(a.sections.is_empty() && a.words == 0);
    }

    #[test]
    fn reading_time_is_whole_minutes_at_least_one() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(200), 1);
        assert_eq!(reading_minutes(201), 2);
        assert_eq!(count_words("  one two\tthree\n"), 3);
    }

    /// The definition of [`count_words`], a byte at a time.
    fn count_words_bytewise(text: &str) -> usize {
        let mut words = 0;
        let mut in_word = false;
        for &b in text.as_bytes() {
            let space = b.is_ascii_whitespace();
            if !space && !in_word {
                words += 1;
            }
            in_word = !space;
        }
        words
    }

    #[test]
    fn words_are_counted_as_the_byte_by_byte_definition_says() {
        let long = "word ".repeat(30) + "x\x0c y\rz" + &"ab".repeat(40) + " \t";
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "ä ö",
            &long,
            &long[1..],
            &long[..64],
            &long[..65],
        ] {
            assert_eq!(count_words(text), count_words_bytewise(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_matches_the_bytewise_count(text in "[a \t\n\x0bäx]{0,200}") {
            proptest::prop_assert_eq!(count_words(&text), count_words_bytewise(&text));
        }
    }
}
