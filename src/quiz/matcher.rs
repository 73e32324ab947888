//! How a typed answer to a `{.text}` question is compared with the accepted
//! answers, as a person would: any inflection of the accepted words, a typing
//! error when the author allows one, or a regular expression.
//!
//! The browser cannot run the Snowball stemmer, so the rule is one that both
//! sides compute alike from what the build ships: for every word of an
//! accepted answer its **key**, the course language's Snowball stem
//! (evened out as by [`fold`]). `quiz.js` applies [`word_matches`]'s rule
//! with those keys; the tests hold both to one table.
//!
//! The rule, word by word (an answer matches an accepted answer when it has
//! as many words and every word matches its counterpart):
//! - a word equal to the accepted word matches;
//! - a word of letters only matches when, folded, it starts with the key of
//!   an accepted word of letters only whose key has at least
//!   [`MIN_KEY_CHARS`] letters, and at most [`MAX_ENDING_CHARS`] letters
//!   follow the key;
//! - with `typo=1`, an accepted word of at least [`TYPO_MIN_CHARS`] letters
//!   also matches a word one edit away from it, or whose beginning is one
//!   edit away from its key.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Keys shorter than this match only the whole word (a three-letter stem
/// such as `kis` of `kissa` would accept `kisko`).
pub const MIN_KEY_CHARS: usize = 4;
/// The most letters an inflection may add after the key.
pub const MAX_ENDING_CHARS: usize = 6;
/// `typo=1` forgives a typing error only in words at least this long.
pub const TYPO_MIN_CHARS: usize = 6;

/// The stemmer of a course language: `fi…` Finnish, anything else English.
pub fn stemmer(language: &str) -> (Stemmer, bool) {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let finnish = primary.eq_ignore_ascii_case("fi");
    let algorithm = if finnish {
        Algorithm::Finnish
    } else {
        Algorithm::English
    };
    (Stemmer::create(algorithm), finnish)
}

/// An answer as words: NFC, lower case, white space split, punctuation
/// trimmed from both ends of each word (a word of punctuation only is kept
/// as it is).
pub fn words(text: &str) -> Vec<String> {
    let nfc: String = text.nfc().collect();
    nfc.to_lowercase()
        .split_whitespace()
        .map(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            if t.is_empty() { w } else { t }.to_string()
        })
        .collect()
}

/// Whether a word is made of letters only (the words that inflect).
pub fn is_letters(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Evens out the letter changes of inflection that the stemmer leaves: in
/// Finnish a doubled consonant is single (`mittaus`, `mittauksen`; consonant
/// gradation `kauppa`, `kaupan`); in English `y` is `i` (`studi`).
pub fn fold(word: &str, finnish: bool) -> String {
    if !finnish {
        return word.replace('y', "i");
    }
    let mut out = String::with_capacity(word.len());
    let mut previous = None;
    for c in word.chars() {
        let consonant = c.is_alphabetic() && !"aeiouyåäö".contains(c);
        if !(consonant && previous == Some(c)) {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

/// The key of an accepted word: its folded stem, or `None` when the word
/// does not inflect (not letters only, or a stem too short).
pub fn key(stemmer: &Stemmer, finnish: bool, word: &str) -> Option<String> {
    if !is_letters(word) {
        return None;
    }
    let k = fold(&stemmer.stem(word), finnish);
    (k.chars().count() >= MIN_KEY_CHARS).then_some(k)
}

/// One accepted word with its key, as shipped to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub word: String,
    pub key: Option<String>,
}

/// The accepted words of an accepted answer.
pub fn accepted(stemmer: &Stemmer, finnish: bool, answer: &str) -> Vec<Accepted> {
    words(answer)
        .into_iter()
        .map(|w| Accepted {
            key: key(stemmer, finnish, &w),
            word: w,
        })
        .collect()
}

/// Whether the typed word `typed` (from [`words`]) matches `a`.
pub fn word_matches(typed: &str, a: &Accepted, finnish: bool, typo: bool) -> bool {
    if typed == a.word {
        return true;
    }
    if !is_letters(typed) {
        return false;
    }
    let folded = fold(typed, finnish);
    if let Some(k) = &a.key {
        if let Some(rest) = folded.strip_prefix(k.as_str()) {
            if rest.chars().count() <= MAX_ENDING_CHARS {
                return true;
            }
        }
    }
    if typo && a.word.chars().count() >= TYPO_MIN_CHARS {
        if edit_distance(typed, &a.word) <= 1 {
            return true;
        }
        if let Some(k) = &a.key {
            let typed: Vec<char> = folded.chars().collect();
            let k: Vec<char> = k.chars().collect();
            return prefix_distances(&typed, &k)
                .into_iter()
                .enumerate()
                .any(|(len, d)| d <= 1 && typed.len() - len <= MAX_ENDING_CHARS);
        }
    }
    false
}

/// Whether a typed answer matches an accepted answer's words.
pub fn matches(typed: &str, accepted: &[Accepted], finnish: bool, typo: bool) -> bool {
    let typed = words(typed);
    !typed.is_empty()
        && typed.len() == accepted.len()
        && typed
            .iter()
            .zip(accepted)
            .all(|(t, a)| word_matches(t, a, finnish, typo))
}

/// Whether a typed answer matches one accepted answer of a `{.text}`
/// question: the whole of it compared by [`norm`], its words by
/// [`word_matches`], or a `/pattern/` by [`regex_matches`]. What `quiz.js`
/// decides, with the keys the build ships.
pub fn text_matches(
    typed: &str,
    answer: &str,
    stemmer: &Stemmer,
    finnish: bool,
    typo: bool,
) -> bool {
    match regex_of(answer) {
        Some(pattern) => regex_matches(pattern, typed),
        None => {
            norm(typed) == norm(answer)
                || matches(typed, &accepted(stemmer, finnish, answer), finnish, typo)
        }
    }
}

/// Edit distance in characters (see [`prefix_distances`]).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    *prefix_distances(&a, &b).last().unwrap_or(&0)
}

/// For each prefix length `i` of `a` (0..=a.len()), the edit distance
/// between `a[..i]` and the whole of `b`: insertions, deletions,
/// substitutions and swaps of two neighbours each count one (the optimal
/// string alignment distance).
fn prefix_distances(a: &[char], b: &[char]) -> Vec<usize> {
    // Row by row over `a`: row[j] = distance(a[..i], b[..j]).
    let mut before: Vec<usize> = Vec::new();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    let mut out = vec![b.len()];
    for (i, &ca) in a.iter().enumerate() {
        let mut next = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let mut d = (row[j] + usize::from(ca != cb))
                .min(row[j + 1] + 1)
                .min(next[j] + 1);
            if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb {
                d = d.min(before[j - 1] + 1);
            }
            next[j + 1] = d;
        }
        out.push(next[b.len()]);
        before = std::mem::replace(&mut row, next);
    }
    out
}

/// The pattern of an accepted answer written `/pattern/`, if it is one.
pub fn regex_of(answer: &str) -> Option<&str> {
    answer
        .strip_prefix('/')
        .and_then(|a| a.strip_suffix('/'))
        .filter(|p| !p.is_empty())
}

/// A pattern as the whole-answer, case-insensitive expression both sides
/// run: `^(?:pattern)$`.
fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// Checks a pattern: it must compile in Rust's regex syntax and use only
/// what JavaScript's `RegExp` (with the `u` flag) reads the same way.
/// Returns what is wrong and how to fix it.
pub fn check_regex(pattern: &str) -> Result<(), (String, &'static str)> {
    const NOTE: &str = "write the pattern with the syntax common to most regular expressions: \
                        `.`, `*`, `+`, `?`, `{2,3}`, `|`, `(...)`, `[a-z]`, `\\d`, `\\s`, `\\w`, `\\b`";
    let unsupported = [
        ("(?i", "an inline flag `(?i)`"),
        ("(?s", "an inline flag `(?s)`"),
        ("(?m", "an inline flag `(?m)`"),
        ("(?x", "an inline flag `(?x)`"),
        ("(?u", "an inline flag `(?u)`"),
        ("(?-", "an inline flag `(?-...)`"),
        ("(?P", "a named group `(?P<name>...)`"),
        ("\\A", "`\\A`"),
        ("\\z", "`\\z`"),
        ("[[:", "a POSIX class `[[:...:]]`"),
        ("&&", "a class intersection `&&`"),
        ("~~", "a class difference `~~`"),
    ];
    if let Some((_, what)) = unsupported.iter().find(|(s, _)| pattern.contains(s)) {
        return Err((
            format!("this regular expression uses {what}, which browsers read differently"),
            NOTE,
        ));
    }
    let bytes = pattern.as_bytes();
    for (i, w) in bytes.windows(2).enumerate() {
        let escaped = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1;
        if !escaped
            && w[0] == b'\\'
            && matches!(w[1], b'p' | b'P')
            && bytes.get(i + 2) != Some(&b'{')
        {
            return Err((
                "write a Unicode class with braces: `\\p{L}`, not `\\pL`".to_string(),
                NOTE,
            ));
        }
    }
    match regex::RegexBuilder::new(&anchored(pattern))
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
    {
        Ok(_) => Ok(()),
        Err(e) => {
            let detail = e.to_string();
            let last = detail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            let why = last.trim().trim_start_matches("error: ");
            Err((format!("this regular expression is not valid: {why}"), NOTE))
        }
    }
}

/// The old, whole-answer comparison form, also the text a regular expression
/// is run on: NFC, typographic quotes and `…` as typed on a keyboard, white
/// space runs as one space, trimmed, one `.`, `!` or `?` at the end removed,
/// lower case. Matches `norm` in `quiz.js`.
pub fn norm(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for c in nfc.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => out.push('"'),
            '\u{2026}' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() >= 2 && s.ends_with(['.', '!', '?']) {
        let before = s[..s.len() - 1].chars().last();
        if before.is_some_and(|c| !c.is_whitespace()) {
            s.pop();
        }
    }
    s.to_lowercase()
}

/// Whether a typed answer matches an accepted `/pattern/` (as `quiz.js`
/// does: anchored, case-insensitive, on [`norm`]'s form).
pub fn regex_matches(pattern: &str, typed: &str) -> bool {
    regex::RegexBuilder::new(&anchored(pattern))
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
        .is_ok_and(|r| r.is_match(&norm(typed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The table both matchers are held to: `tests/fixtures/text-answers.json`,
    /// read here against rust-stemmers and by `tests/browser/quiz.test.mjs`
    /// against `quiz.js`. Its keys, `match` and `sameStem` columns were
    /// written from the real stemmer's output (`row` below computes them;
    /// run `print_table` to see them).
    const TABLE: &str = include_str!("../../tests/fixtures/text-answers.json");

    /// One row computed: the accepted answer's keys, whether the typed
    /// answer matches, and whether its words have the same Snowball stems as
    /// the accepted words (what a stemmer alone would say).
    fn row(lang: &str, accepted_answer: &str, typed: &str, typo: bool) -> Value {
        let (st, fi) = stemmer(lang);
        let keys: Vec<Option<String>> = accepted(&st, fi, accepted_answer)
            .into_iter()
            .map(|a| a.key)
            .collect();
        let (t, a) = (words(typed), words(accepted_answer));
        let same_stem = regex_of(accepted_answer).is_none()
            && t.len() == a.len()
            && t.iter().zip(&a).all(|(x, y)| st.stem(x) == st.stem(y));
        json!({
            "lang": lang,
            "accepted": accepted_answer,
            "typo": u8::from(typo),
            "typed": typed,
            "keys": if regex_of(accepted_answer).is_some() { json!(null) } else { json!(keys) },
            "match": text_matches(typed, accepted_answer, &st, fi, typo),
            "sameStem": same_stem,
        })
    }

    /// Words of the bundled course (and some English ones) with inflected,
    /// shortened and mistyped variants, computed the same way: the broad
    /// check that both sides give the same answer for the same words.
    const GENERATED: &str = include_str!("../../tests/fixtures/text-answers-generated.json");

    fn check(table: &str, least: usize) {
        let table: Value = serde_json::from_str(table).unwrap();
        let rows = table["rows"].as_array().unwrap();
        assert!(rows.len() >= least);
        for r in rows {
            let s = |k: &str| r[k].as_str().unwrap();
            let computed = row(s("lang"), s("accepted"), s("typed"), r["typo"] == 1);
            assert_eq!(&computed, r);
        }
    }

    #[test]
    fn the_shared_tables_hold_for_the_real_stemmer() {
        check(TABLE, 40);
        check(GENERATED, 1000);
    }

    #[test]
    #[ignore = "rewrites tests/fixtures/text-answers*.json from the real stemmer"]
    fn write_tables() {
        for (text, path) in [
            (TABLE, "tests/fixtures/text-answers.json"),
            (GENERATED, "tests/fixtures/text-answers-generated.json"),
        ] {
            let table: Value = serde_json::from_str(text).unwrap();
            let rows: Vec<String> = table["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let s = |k: &str| r[k].as_str().unwrap();
                    row(s("lang"), s("accepted"), s("typed"), r["typo"] == 1).to_string()
                })
                .collect();
            let out = format!("{{\"rows\": [\n{}\n]}}\n", rows.join(",\n"));
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            std::fs::write(path, out).unwrap();
        }
    }

    proptest::proptest! {
        /// Any answer matches itself, and with `typo=1` any one letter left
        /// out of a long word; nothing panics.
        #[test]
        fn an_answer_matches_itself_and_one_slip(
            answer in "[a-zäöå]{1,12}( [a-zäöå]{1,12}){0,2}",
            typed in "\\PC{0,30}",
            fi in proptest::bool::ANY,
        ) {
            let (st, finnish) = stemmer(if fi { "fi" } else { "en" });
            proptest::prop_assert!(text_matches(&answer, &answer, &st, finnish, false));
            let _ = text_matches(&typed, &answer, &st, finnish, true);
            let first = answer.split(' ').next().unwrap();
            if first.chars().count() >= TYPO_MIN_CHARS && !answer.contains(' ') {
                let slip: String = first.chars().skip(1).collect();
                proptest::prop_assert!(text_matches(&slip, &answer, &st, finnish, true));
            }
        }
    }
}
