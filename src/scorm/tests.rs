//! Unit tests of the SCORM state: bit packing, size limit, fingerprint, ids.

use super::*;
use crate::config::valid_identifier;

fn layout(pages: usize, quizzes: &[usize]) -> Layout {
    Layout {
        pages: (0..pages).map(|i| format!("p{i}.html")).collect(),
        quizzes: quizzes
            .iter()
            .enumerate()
            .map(|(i, &n)| (format!("q{i}"), n, 80))
            .collect(),
    }
}

#[test]
fn bits_hold_the_numbers() {
    assert_eq!(bits(0), 1);
    assert_eq!(bits(1), 1);
    assert_eq!(bits(2), 2);
    assert_eq!(bits(3), 2);
    assert_eq!(bits(4), 3);
    assert_eq!(bits(255), 8);
    assert_eq!(bits(256), 9);
}

#[test]
fn the_largest_state_counts_bits_per_page_and_question() {
    // 1 page: loc 1 bit + best 7 + visited 1 = 9 bits = 2 chars, + header 5.
    assert_eq!(layout(1, &[]).max_state_chars(), 7);
    // 10 pages (loc 4 bits) + 7 + 10 = 21; two quizzes of 5 questions:
    // 2 * (3 + 16) = 38; 59 bits = 10 chars.
    assert_eq!(layout(10, &[5, 5]).max_state_chars(), 15);
    // 1,500 one-question quizzes on 300 pages go over SCORM 1.2's limit.
    let big = layout(300, &[1; 1500]);
    assert!(big.max_state_chars() > Version::V12.state_limit());
    assert!(big.max_state_chars() < Version::V2004.state_limit());
}

#[test]
fn the_fingerprint_follows_the_layout() {
    let a = layout(3, &[2]);
    assert_eq!(a.fingerprint().len(), 4);
    assert_eq!(a.fingerprint(), layout(3, &[2]).fingerprint());
    assert_ne!(a.fingerprint(), layout(3, &[3]).fingerprint());
    assert_ne!(a.fingerprint(), layout(4, &[2]).fingerprint());
}

#[test]
fn default_identifiers_are_xml_names() {
    assert_eq!(
        default_identifier("Sosiaalinen media"),
        "kurssi-sosiaalinen-media"
    );
    assert_eq!(ascii_slug("Yrityksessä, öisin!"), "yrityksessa-oisin");
    assert_eq!(ascii_slug("日本"), "kurssi");
    assert!(valid_identifier(&default_identifier("")));
    assert!(valid_identifier(&default_identifier("123 ÄÖ")));
}
