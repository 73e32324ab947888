//! The search index: turns the plain text of every page section into
//! `search-index.js`, a script that assigns `window.kurssiSearch`, so the
//! theme's `search.js` can load it with a `<script>` element and search works
//! offline and from `file://` (where `fetch` of a local file is refused).
//!
//! This module owns tokenising, the stop words, stemming (Snowball, through
//! `rust-stemmers`, with the course language) and the normalisation of index
//! keys. The client does not stem: it matches each query word against the
//! keys with a stem-prefix rule (a key matches a query word that starts with
//! it, and tolerates a changed last letter or two). `search.js` repeats
//! `normalise`'s two rules and the matching rule; the tests here hold a
//! Rust copy of that rule, so change the three places together.
//!
//! Invariants: the output is deterministic (keys sorted, docs in the order
//! given); for every indexed word `w` of a doc, one of the doc's keys is a
//! prefix of `normalise(w)`, so typing a word exactly as it is written always
//! finds it, and the client can find the passage to show.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

/// One searchable unit: a page section.
#[derive(Debug, Clone, Copy)]
pub struct SearchDoc<'a> {
    /// URL relative to the site root, may end with `#anchor`.
    pub url: &'a str,
    /// What the result shows as its title, e.g. `Page › Section`.
    pub title: &'a str,
    /// Plain text of the section.
    pub text: &'a str,
}

/// Stored text per doc is cut after about this many characters: the client
/// shows a passage around the first match found in it, and the text is most
/// of the index's size. The whole text is still indexed; a match past the
/// cut shows the section's beginning instead.
pub const MAX_TEXT_CHARS: usize = 1000;
/// For a large course the cut comes sooner, so that all the stored text
/// together stays near this many characters...
const TEXT_BUDGET_CHARS: usize = 2_000_000;
/// ...but never sooner than this, which is about a passage.
const MIN_TEXT_CHARS: usize = 280;

/// Version of the format in `search-index.js`, for `search.js` to check.
pub const FORMAT_VERSION: u32 = 1;

/// The digits of the postings' base-32 numbers: a digit's value is its
/// position, less 32 from `W` on, where a digit means "more digits follow".
/// None needs escaping in JSON.
const POSTING_DIGITS: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Shorter words carry no meaning worth a key (and one letter would match
/// everything as a prefix).
const MIN_WORD_CHARS: usize = 2;
/// Longer "words" are URLs, hashes or base64 runs, not something to search.
const MAX_WORD_CHARS: usize = 40;
/// A key that a word does not start with, after the stemmer changed letters,
/// is backed by the common prefix of both when it is at least this long, else
/// by the whole word.
const MIN_SHARED_CHARS: usize = 3;

/// The languages with a stemmer and a stop-word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fi,
}

impl Lang {
    /// `fi`, `fi-FI`, `FI_fi`... are Finnish; everything else is English,
    /// the same fallback as the UI strings.
    fn from_code(language: &str) -> Self {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fi") {
            Lang::Fi
        } else {
            Lang::En
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Lang::En => Algorithm::English,
            Lang::Fi => Algorithm::Finnish,
        }
    }

    /// Words too common to search for. They are neither indexed nor, since
    /// the list ships in the index, required in a query.
    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => EN_STOP,
            Lang::Fi => FI_STOP,
        }
    }
}

const EN_STOP: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "if", "in",
    "into", "is", "it", "its", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we", "were",
    "what", "when", "which", "who", "will", "with", "you", "your",
];

const FI_STOP: &[&str] = &[
    "ei", "eivät", "eli", "emme", "en", "et", "että", "he", "hän", "ja", "jo", "joka", "jonka",
    "jos", "jotka", "kanssa", "koska", "kuin", "kun", "me", "mikä", "minkä", "minä", "mitä",
    "mutta", "myös", "ne", "niin", "niiden", "niitä", "nyt", "nämä", "oli", "olivat", "olla",
    "olen", "olet", "olemme", "on", "ovat", "se", "sekä", "sen", "siinä", "siis", "siitä", "sille",
    "sinä", "sitten", "sitä", "tai", "te", "tuo", "tämä", "tämän", "tätä", "vaan", "vain", "vielä",
];

/// The whole contents of `search-index.js`, deterministic:
///
/// ```text
/// window.kurssiSearch = {"version":1,"lang":"fi","stop":[...],
///   "docs":[[url,title,text],...],"keys":{"key":"postings",...}};
/// ```
///
/// - `url`: as given; when it is on the same page as the doc before it,
///   only its `#anchor`.
/// - `text`: whitespace made single spaces, cut at a word after about
///   [`MAX_TEXT_CHARS`] (fewer in a large course), with ` …` at the cut.
/// - `keys`: stemmed, normalised words, sorted. Their postings are the docs
///   (by position in `docs`) that hold the key, ascending, as numbers
///   `(doc - previous doc) * 2 + (1 if in the title)`, the first counted from
///   doc 0, each in base 32, lowest digit first: `0-9A-V` are the digits 0
///   to 31 ending a number, `W-Za-z-_` the digits 0 to 31 with more to
///   follow.
///
/// `language` picks the stemmer and stop words: `fi…` Finnish, anything
/// else English.
#[must_use]
pub fn build_index(language: &str, docs: &[SearchDoc]) -> String {
    // Docs are analysed in a few parallel parts, each with its own word memo
    // (a shared one would serialise the threads); few parts, because each
    // stems its vocabulary again.
    let parts = if docs.len() < 200 {
        1
    } else {
        rayon::current_num_threads().clamp(1, 16)
    };
    build(Lang::from_code(language), docs, parts)
}

/// [`build_index`] with the docs analysed in `parts` parts.
fn build(lang: Lang, docs: &[SearchDoc], parts: usize) -> String {
    let cap = (TEXT_BUDGET_CHARS / docs.len().max(1)).clamp(MIN_TEXT_CHARS, MAX_TEXT_CHARS);
    let size = docs.len().div_ceil(parts.max(1)).max(1);
    let parts: Vec<Part> = docs
        .par_chunks(size)
        .map(|c| analyse(lang, c, cap))
        .collect();

    // One key table: a part's local key ids -> global ones.
    let mut ids: HashMap<&str, u32, FastHash> = HashMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| {
            let remap = part.keys.iter().map(|k| {
                *ids.entry(k.as_str()).or_insert_with(|| {
                    keys.push(k);
                    (keys.len() - 1) as u32
                })
            });
            remap.collect()
        })
        .collect();
    // postings[key] = the encoded numbers; last[key] = the last doc added.
    let mut postings: Vec<String> = vec![String::new(); keys.len()];
    let mut last: Vec<u32> = vec![0; keys.len()];
    let mut n = 0u32;
    for (part, remap) in parts.iter().zip(&remaps) {
        for doc_keys in &part.doc_keys {
            for &packed in doc_keys {
                let k = remap[(packed >> 1) as usize] as usize;
                // The first doc counts from 0, which `last` starts at.
                push_number(&mut postings[k], (n - last[k]) << 1 | packed & 1);
                last[k] = n;
            }
            n += 1;
        }
    }

    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by_key(|&k| keys[k]);
    let texts = parts.iter().flat_map(|p| &p.texts);
    let index = Index {
        version: FORMAT_VERSION,
        lang: lang.code(),
        stop: lang.stop_words(),
        docs: (0..docs.len())
            .zip(texts)
            .map(|(i, text)| (short_url(docs, i), docs[i].title, text.as_str()))
            .collect(),
        keys: SortedKeys(
            order
                .iter()
                .map(|&k| (keys[k], postings[k].as_str()))
                .collect(),
        ),
    };
    let mut out = Vec::with_capacity(
        docs.iter()
            .map(|d| d.url.len() + d.title.len() + 16)
            .sum::<usize>()
            + parts
                .iter()
                .flat_map(|p| &p.texts)
                .map(String::len)
                .sum::<usize>()
            + keys
                .iter()
                .zip(&postings)
                .map(|(k, p)| k.len() + p.len() + 8)
                .sum::<usize>()
            + 1024,
    );
    out.extend_from_slice(b"window.kurssiSearch = ");
    // Writing strings and numbers to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut out, &index);
    out.extend_from_slice(b";\n");
    // serde_json wrote UTF-8.
    let out = String::from_utf8(out).unwrap_or_default();
    // JSON allows U+2028 and U+2029 in strings; JavaScript before ES2019
    // ended a line there.
    if out.contains(['\u{2028}', '\u{2029}']) {
        out.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        out
    }
}

/// Appends `value` in base 32 with [`POSTING_DIGITS`], lowest digit first.
fn push_number(out: &mut String, mut value: u32) {
    while value >= 32 {
        out.push(char::from(POSTING_DIGITS[(value & 31 | 32) as usize]));
        value >>= 5;
    }
    out.push(char::from(POSTING_DIGITS[value as usize]));
}

/// Doc `i`'s URL, or only its `#anchor` when the doc before is on the same
/// page: most docs are the sections of a page, in order.
fn short_url<'a>(docs: &[SearchDoc<'a>], i: usize) -> &'a str {
    let url = docs[i].url;
    let page = |u: &'a str| u.split('#').next().unwrap_or(u);
    match (url.find('#'), i.checked_sub(1)) {
        (Some(hash), Some(before)) if hash > 0 && page(docs[before].url) == &url[..hash] => {
            &url[hash..]
        }
        _ => url,
    }
}

/// What one part of the docs gives.
struct Part {
    /// Local key ids -> keys.
    keys: Vec<String>,
    /// Per doc, its distinct keys as `local id * 2 + (1 if in the title)`.
    doc_keys: Vec<Vec<u32>>,
    /// Per doc, the text to store.
    texts: Vec<String>,
}

fn analyse(lang: Lang, docs: &[SearchDoc], cap: usize) -> Part {
    let mut analyser = Analyser::new(lang);
    let mut doc_keys = Vec::with_capacity(docs.len());
    // seen[local key] = 1 + the doc it was last seen in: dedup without a sort.
    let mut seen: Vec<u32> = Vec::new();
    for (n, doc) in (1u32..).zip(docs) {
        let mut packed = Vec::new();
        // The title first, so that a key's one entry carries the title flag.
        for (text, title) in [(doc.title, 1), (doc.text, 0)] {
            analyser.keys_of(text, |k| {
                let k = k as usize;
                if seen.len() <= k {
                    seen.resize(k + 1, 0);
                }
                if seen[k] != n {
                    seen[k] = n;
                    packed.push((k as u32) << 1 | title);
                }
            });
        }
        doc_keys.push(packed);
    }
    Part {
        keys: analyser.keys,
        doc_keys,
        texts: docs.iter().map(|d| stored_text(d.text, cap)).collect(),
    }
}

/// Keys in sorted order, written as one JSON object.
struct SortedKeys<'a>(Vec<(&'a str, &'a str)>);

impl Serialize for SortedKeys<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

/// FxHash (as in rustc): the word maps are hashed once per word of text, and
/// the input is the course's own text, so a DoS-resistant hash buys nothing.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The tail in one step: most words are shorter than 8 bytes.
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // A product's low bits, which pick the bucket, depend only on the
        // low bits of its factors: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

type FastHash = BuildHasherDefault<FxHasher>;

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    lang: &'static str,
    stop: &'static [&'static str],
    docs: Vec<(&'a str, &'a str, &'a str)>,
    keys: SortedKeys<'a>,
}

/// Words to keys, with the keys interned and the work per distinct word
/// done once.
struct Analyser {
    lang: Lang,
    stemmer: Stemmer,
    keys: Vec<String>,
    key_ids: HashMap<String, u32, FastHash>,
    /// Lowercased word -> its keys (none for a stop word).
    memo: HashMap<String, [Option<u32>; 2], FastHash>,
    lower: String,
}

impl Analyser {
    fn new(lang: Lang) -> Self {
        Analyser {
            lang,
            stemmer: Stemmer::create(lang.algorithm()),
            keys: Vec::new(),
            key_ids: HashMap::default(),
            memo: HashMap::default(),
            lower: String::new(),
        }
    }

    /// Calls `f` with the id of each key of each word of `text`.
    fn keys_of(&mut self, text: &str, mut f: impl FnMut(u32)) {
        for_each_word(text, |word, case| {
            // Most words are lowercase ASCII already: no copy for them.
            let lower = match case {
                Case::Lower => word,
                Case::Ascii => {
                    self.lower.clear();
                    self.lower.push_str(word);
                    self.lower.make_ascii_lowercase();
                    self.lower.as_str()
                }
                Case::Other => {
                    self.lower.clear();
                    self.lower.extend(word.chars().flat_map(char::to_lowercase));
                    self.lower.as_str()
                }
            };
            let ids = match self.memo.get(lower) {
                Some(ids) => *ids,
                None => {
                    let lower = lower.to_string();
                    let ids = match word_keys(self.lang, &self.stemmer, &lower) {
                        None => [None, None],
                        Some((first, second)) => {
                            [Some(self.intern(first)), second.map(|k| self.intern(k))]
                        }
                    };
                    self.memo.insert(lower, ids);
                    ids
                }
            };
            ids.into_iter().flatten().for_each(&mut f);
        });
    }

    fn intern(&mut self, key: String) -> u32 {
        if let Some(&id) = self.key_ids.get(&key) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push(key.clone());
        self.key_ids.insert(key, id);
        id
    }
}

/// What lowercasing a word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Case {
    /// Nothing: the word is lowercase.
    Lower,
    /// ASCII lowercasing: only ASCII letters are uppercase.
    Ascii,
    /// Unicode lowercasing.
    Other,
}

/// Calls `f(word, case)` for the words of `text`: runs of letters and digits
/// (`search.js` splits on `[^\p{Alphabetic}\p{N}]`, the same classes) of a
/// searchable length. One pass over the bytes, as this is most of the
/// indexing time.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, Case)) {
    let bytes = text.as_bytes();
    let (mut i, mut start, mut chars, mut case) = (0, 0, 0, Case::Lower);
    let mut emit = |start: usize, end: usize, chars: usize, case: Case| {
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars) {
            f(&text[start..end], case);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        let (alphanumeric, len, char_case) = if b.is_ascii() {
            let case = if b.is_ascii_uppercase() {
                Case::Ascii
            } else {
                Case::Lower
            };
            (b.is_ascii_alphanumeric(), 1, case)
        } else {
            // `i` is always at a char boundary: ASCII bytes are whole chars.
            let c = text[i..].chars().next().unwrap_or(' ');
            // `ä` needs no lowercasing, `Ä` does; ASCII lowercasing leaves
            // both as they are.
            let case = if c.is_lowercase() || !c.is_alphabetic() {
                Case::Lower
            } else {
                Case::Other
            };
            (c.is_alphanumeric(), c.len_utf8(), case)
        };
        if alphanumeric {
            if chars == 0 {
                start = i;
                case = Case::Lower;
            }
            chars += 1;
            case = case.max(char_case);
        } else if chars > 0 {
            emit(start, i, chars, case);
            chars = 0;
        }
        i += len;
    }
    if chars > 0 {
        emit(start, bytes.len(), chars, case);
    }
}

/// The keys of a lowercased word: its normalised stem, and when the stemmer
/// changed letters so that the word does not start with it (English
/// `using` -> `use`), a second key the word does start with. `None` for stop
/// words.
fn word_keys(lang: Lang, stemmer: &Stemmer, lower: &str) -> Option<(String, Option<String>)> {
    if lang.stop_words().contains(&lower) {
        return None;
    }
    let whole = normalise(lang, lower);
    let mut key = normalise(lang, &stemmer.stem(lower));
    if key.chars().count() < MIN_WORD_CHARS {
        key.clone_from(&whole);
    }
    if whole.starts_with(&key) {
        return Some((key, None));
    }
    let shared = common_prefix(&whole, &key);
    let second = if shared.chars().count() >= MIN_SHARED_CHARS {
        shared.to_string()
    } else {
        whole.clone()
    };
    Some((key, Some(second)))
}

/// Evens out letter changes that stemming makes inconsistently, so that the
/// client, which does not stem, can compare by prefix. English: `y` is `i`
/// (Snowball writes `study`, `studies` as `studi`). Finnish: a doubled
/// consonant is single (Snowball undoubles `käyttö` to `käytö` but keeps
/// `käyttäjä`, and consonant gradation doubles `kauppa` but not `kaupan`).
/// `search.js` applies the same to query words and to the words of a passage.
fn normalise(lang: Lang, lower: &str) -> String {
    match lang {
        Lang::En => lower.replace('y', "i"),
        Lang::Fi => {
            let mut out = String::with_capacity(lower.len());
            let mut previous = None;
            for c in lower.chars() {
                let consonant = c.is_alphabetic() && !"aeiouyåäö".contains(c);
                if !(consonant && previous == Some(c)) {
                    out.push(c);
                }
                previous = Some(c);
            }
            out
        }
    }
}

/// The longest common prefix of `a` and `b`, on a char boundary.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    &a[..end]
}

/// The text kept for showing passages: whitespace runs made one space, cut
/// at the first space after `cap` characters (mid-word at twice that), with
/// ` …` at the cut.
fn stored_text(text: &str, cap: usize) -> String {
    let mut out = String::with_capacity(text.len().min(cap * 4 + 8));
    let mut chars = 0;
    let mut space = false;
    let mut cut = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space && chars >= cap || chars >= 2 * cap {
            cut = true;
            break;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        out.push(c);
        chars += 1;
    }
    if cut {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The client's matching rule (`quality` in search.js), for tests: how
    /// well the normalised query word `q` matches the key `t`, 0 for no match.
    /// A stem match (`q` is `t` plus an ending) scores above 0.5, a near match
    /// (the key's last letter or two differ: `yritys`/`yrityks`) 0.4..0.8, a
    /// typed prefix of a key under 0.5.
    fn quality(q: &str, t: &str) -> f64 {
        if q == t {
            return 1.0;
        }
        let (lq, lt) = (q.chars().count(), t.chars().count());
        let p = common_prefix(q, t).chars().count();
        let mut best: f64 = 0.0;
        if p == lt && lt >= 3 && lq - lt <= 9 {
            best = best.max(0.35 + 0.65 * lt as f64 / lq as f64);
        }
        let tolerance = if lt >= 7 { 2 } else { 1 };
        if p >= 4 && p < lt && p + tolerance >= lt && lq - p <= 9 {
            best = best.max(0.4 + 0.4 * p as f64 / lq.max(lt) as f64);
        }
        if p == lq && lq >= 2 && lq < lt {
            best = best.max(0.1 + 0.4 * lq as f64 / lt as f64);
        }
        best
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |w, case| {
            let want = if w.to_lowercase() == w {
                Case::Lower
            } else if w.to_ascii_lowercase() == w.to_lowercase() {
                Case::Ascii
            } else {
                Case::Other
            };
            assert_eq!(case, want, "{w}");
            out.push(w);
        });
        out
    }

    /// The keys that `build_index` gives `word` in `lang`.
    fn keys(lang: Lang, word: &str) -> Vec<String> {
        let stemmer = Stemmer::create(lang.algorithm());
        let lower = word.to_lowercase();
        match word_keys(lang, &stemmer, &lower) {
            None => vec![],
            Some((a, b)) => std::iter::once(a).chain(b).collect(),
        }
    }

    /// Whether a query of `query` finds a doc that holds `word`.
    fn finds(lang: Lang, query: &str, word: &str) -> bool {
        let q = normalise(lang, &query.to_lowercase());
        keys(lang, word).iter().any(|k| quality(&q, k) > 0.0)
    }

    fn parse(js: &str) -> serde_json::Value {
        let json = js
            .strip_prefix("window.kurssiSearch = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("the script is one assignment");
        serde_json::from_str(json).expect("valid JSON")
    }

    /// Docs (numbers) in a key's postings, with the title flag.
    fn decode(postings: &serde_json::Value) -> Vec<(u64, bool)> {
        let (mut doc, mut value, mut shift) = (0, 0, 0);
        let mut out = Vec::new();
        for b in postings.as_str().unwrap().bytes() {
            let digit = POSTING_DIGITS.iter().position(|&d| d == b).unwrap() as u64;
            value |= (digit & 31) << shift;
            shift += 5;
            if digit < 32 {
                doc += value >> 1;
                out.push((doc, value & 1 == 1));
                (value, shift) = (0, 0);
            }
        }
        out
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("fi"), Lang::Fi);
        assert_eq!(Lang::from_code("fi-FI"), Lang::Fi);
        assert_eq!(Lang::from_code("FI_fi"), Lang::Fi);
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code("sv"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
        assert_eq!(Lang::from_code("fil"), Lang::En);
    }

    #[test]
    fn stop_words_are_lowercase_unique_and_not_indexed() {
        for lang in [Lang::En, Lang::Fi] {
            let list = lang.stop_words();
            assert!((50..=70).contains(&list.len()), "{lang:?}: {}", list.len());
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "{lang:?} has a duplicate");
            for w in list {
                assert_eq!(w.to_lowercase(), *w);
                assert_eq!(keys(lang, w), Vec::<String>::new(), "{w}");
            }
        }
        assert_eq!(keys(Lang::Fi, "Että"), Vec::<String>::new());
        assert_eq!(keys(Lang::En, "The"), Vec::<String>::new());
    }

    #[test]
    fn finnish_stems_and_keys() {
        let fi = |w| keys(Lang::Fi, w);
        assert_eq!(fi("asiakaspalvelussa"), ["asiakaspalvelu"]);
        assert_eq!(fi("julkaisuja"), ["julkaisu"]);
        assert_eq!(fi("seuraajien"), ["seuraaj"]);
        assert_eq!(fi("kärsivällisyyttä"), ["kärsivälisyyt"]);
        // Snowball undoubles inside the word; the normalised word agrees.
        assert_eq!(fi("käyttöön"), ["käytö"]);
        assert_eq!(fi("helppo"), ["helpo"]);
    }

    #[test]
    fn english_stems_and_keys() {
        let en = |w| keys(Lang::En, w);
        assert_eq!(en("measuring"), ["measur"]);
        assert_eq!(en("Studies"), ["studi"]);
        assert_eq!(en("happy"), ["happi"]);
        // Snowball puts back an `e`: a second key the word starts with.
        assert_eq!(en("writing"), ["write", "writ"]);
        assert_eq!(en("using"), ["use", "using"]);
        assert_eq!(en("dying"), ["die", "diing"]);
    }

    #[test]
    fn every_word_starts_with_one_of_its_keys() {
        let text = "Kuka tuntee yrityksen paremmin kuin yrittäjä itse? Käyttö, käyttäjä, \
                    helppoa, kunnossa, osallistumispyynnöt, siirrytään, väärinkäyttöä. \
                    Using writing naming already many studies dying lying hoping.";
        for lang in [Lang::En, Lang::Fi] {
            for word in words(text) {
                let lower = word.to_lowercase();
                let whole = normalise(lang, &lower);
                let ks = keys(lang, word);
                assert!(
                    ks.is_empty() || ks.iter().any(|k| whole.starts_with(k.as_str())),
                    "{lang:?} {word}: {ks:?}"
                );
                assert!(ks.is_empty() || finds(lang, word, word), "{lang:?} {word}");
            }
        }
    }

    #[test]
    fn each_inflected_form_finds_every_other() {
        let groups: &[(Lang, &[&str])] = &[
            (
                Lang::Fi,
                &[
                    "asiakaspalvelu",
                    "asiakaspalvelua",
                    "asiakaspalvelussa",
                    "asiakaspalvelun",
                    "asiakaspalveluun",
                ],
            ),
            (
                Lang::Fi,
                &["julkaisu", "julkaisuja", "julkaisut", "julkaisun"],
            ),
            (
                Lang::Fi,
                &[
                    "seuraaja",
                    "seuraajia",
                    "seuraajien",
                    "seuraajat",
                    "seuraajan",
                ],
            ),
            (
                Lang::Fi,
                &["kärsivällisyys", "kärsivällisyyttä", "kärsivällisyyden"],
            ),
            (
                Lang::Fi,
                &[
                    "yritys",
                    "yrityksen",
                    "yrityksiä",
                    "yritykset",
                    "yrityksessä",
                ],
            ),
            (
                Lang::Fi,
                &["asiakas", "asiakkaan", "asiakkaat", "asiakkaita"],
            ),
            (
                Lang::Fi,
                &["kauppa", "kaupan", "kauppaa", "kaupassa", "kaupat"],
            ),
            (Lang::Fi, &["käyttö", "käytön", "käyttöön", "käyttöä"]),
            (Lang::Fi, &["tavoite", "tavoitteen", "tavoitteita"]),
            (Lang::Fi, &["viesti", "viestit", "viestejä", "viestien"]),
            (Lang::Fi, &["kysymys", "kysymyksen", "kysymyksiä"]),
            (Lang::Fi, &["sosiaalinen", "sosiaalisen", "sosiaalisessa"]),
            (Lang::Fi, &["ihminen", "ihmisen", "ihmisiä"]),
            (
                Lang::En,
                &[
                    "measure",
                    "measuring",
                    "measured",
                    "measures",
                    "measurement",
                ],
            ),
            (Lang::En, &["study", "studies", "studying", "studied"]),
            (Lang::En, &["customer", "customers", "customer's"]),
            (Lang::En, &["publish", "published", "publishing"]),
            (Lang::En, &["run", "runs", "running"]),
        ];
        for (lang, forms) in groups {
            for query in *forms {
                for doc_word in *forms {
                    let doc_word = words(doc_word)[0];
                    assert!(
                        finds(*lang, query, doc_word),
                        "{lang:?}: `{query}` does not find `{doc_word}` ({:?})",
                        keys(*lang, doc_word)
                    );
                }
            }
        }
    }

    #[test]
    fn stem_matches_score_above_prefix_matches() {
        let fi = |q: &str, t: &str| quality(&normalise(Lang::Fi, q), t);
        assert_eq!(fi("julkaisu", "julkaisu"), 1.0);
        let stem = fi("julkaisuja", "julkaisu");
        let near = fi("yritys", "yrityks");
        let prefix = fi("julk", "julkaisu");
        assert!(
            stem > near && near > prefix && prefix > 0.0,
            "{stem} {near} {prefix}"
        );
        // A closer stem scores higher, by more than search.js's TITLE_BONUS
        // (0.1), so a title does not lift a doc over a closer stem.
        assert!(fi("kaupunki", "kaupunk") > fi("kaupunki", "kaup"));
        assert!(fi("seuraajien", "seuraaj") - fi("seuraajien", "seura") > 0.1);
        // Every stem match above every typed prefix that is not also a near
        // match (`kysymy` for `kysymyks` is both), at any length.
        for lt in 3..40 {
            for lq in lt + 1..=lt + 9 {
                let (q, t) = ("x".repeat(lq), "x".repeat(lt));
                assert!(quality(&q, &t) > 0.5, "stem {lq} {lt}");
                if lt < 4 || lq - lt > 2 {
                    assert!(quality(&t, &q) < 0.5, "prefix {lt} {lq}");
                }
            }
        }
        // Too short a key is not a stem of a longer word, nor is an unrelated word.
        assert_eq!(fi("työtä", "ty"), 0.0);
        assert_eq!(fi("kauhu", "kaupa"), 0.0);
        assert_eq!(fi("pöytä", "kirja"), 0.0);
        assert_eq!(fi("a", "asiak"), 0.0);
    }

    #[test]
    fn normalising() {
        assert_eq!(normalise(Lang::Fi, "kauppa"), "kaupa");
        assert_eq!(normalise(Lang::Fi, "kärsivällisyyttä"), "kärsivälisyytä");
        assert_eq!(normalise(Lang::Fi, "2000"), "2000");
        assert_eq!(normalise(Lang::En, "studying"), "studiing");
        assert_eq!(common_prefix("käyttö", "käytö"), "käyt");
        assert_eq!(common_prefix("abc", "abcd"), "abc");
        assert_eq!(common_prefix("", "x"), "");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let text = "Läsnäolo- ja päivityspalveluita, “tuote-”; x 42 a1 https://e.com/a?b=c \
                    customer's";
        let got = words(text);
        assert_eq!(
            got,
            [
                "Läsnäolo",
                "ja",
                "päivityspalveluita",
                "tuote",
                "42",
                "a1",
                "https",
                "com",
                "customer"
            ]
        );
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(words(&long).len(), 0);
        assert_eq!(words(&"ä".repeat(MAX_WORD_CHARS)).len(), 1);
        assert_eq!(words("ab"), ["ab"]);
        assert_eq!(
            words("Ää-ÖÖ, x. Käyttö KÄYTTÖ käyttö"),
            ["Ää", "ÖÖ", "Käyttö", "KÄYTTÖ", "käyttö"]
        );
        let mut a = Analyser::new(Lang::Fi);
        let mut ids = Vec::new();
        a.keys_of("Käyttö KÄYTTÖ käyttö", |k| ids.push(k));
        assert_eq!(ids, [0, 0, 0]);
    }

    #[test]
    fn index_format() {
        let docs = [
            SearchDoc {
                url: "a.html",
                title: "Julkaisut",
                text: "Julkaisuja  ja\nseuraajia.",
            },
            SearchDoc {
                url: "b.html#x",
                title: "B › Seuraajat\u{2028}",
                text: "Seuraajien määrä.",
            },
            SearchDoc {
                url: "c.html",
                title: "C",
                text: "",
            },
        ];
        let js = build_index("fi-FI", &docs);
        assert!(js.contains("\\u2028") && !js.contains('\u{2028}'));
        let v = parse(&js);
        assert_eq!(v["version"], 1);
        assert_eq!(v["lang"], "fi");
        assert_eq!(v["stop"].as_array().unwrap().len(), FI_STOP.len());
        assert_eq!(
            v["docs"][0],
            serde_json::json!(["a.html", "Julkaisut", "Julkaisuja ja seuraajia."])
        );
        assert_eq!(v["docs"][1][0], "b.html#x");
        assert_eq!(decode(&v["keys"]["julkaisu"]), [(0, true)]);
        assert_eq!(decode(&v["keys"]["seuraaj"]), [(0, false), (1, true)]);
        assert_eq!(decode(&v["keys"]["määrä"]), [(1, false)]);
        assert!(v["keys"].get("ja").is_none(), "stop word indexed");
        let keys: Vec<&String> = v["keys"].as_object().unwrap().keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        // English for anything but Finnish.
        assert_eq!(parse(&build_index("de", &docs))["lang"], "en");
    }

    #[test]
    fn postings_deltas_over_many_docs() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                if i % 7 == 0 {
                    format!("kauppa {i}")
                } else {
                    format!("muu {i}")
                }
            })
            .collect();
        let docs: Vec<SearchDoc> = texts
            .iter()
            .map(|t| SearchDoc {
                url: "x.html",
                title: "T",
                text: t,
            })
            .collect();
        let v = parse(&build_index("fi", &docs));
        let got: Vec<u64> = decode(&v["keys"]["kaup"])
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        let want: Vec<u64> = (0..300).filter(|i| i % 7 == 0).collect();
        assert_eq!(got, want);
        assert_eq!(decode(&v["keys"]["42"]), [(42, false)]);
    }

    #[test]
    fn deterministic() {
        let texts: Vec<String> = (0..40).map(|i| synthetic_text(i, 80)).collect();
        let urls: Vec<String> = (0..40).map(|i| format!("p{}.html#s{i}", i / 3)).collect();
        let docs: Vec<SearchDoc> = (0..40)
            .map(|i| SearchDoc {
                url: &urls[i],
                title: "Otsikko › Osa",
                text: &texts[i],
            })
            .collect();
        let a = build_index("fi", &docs);
        assert_eq!(a, build_index("fi", &docs));
        // The same whatever the number of threads.
        for parts in [2, 3, 7, 40, 100] {
            assert_eq!(a, build(Lang::Fi, &docs, parts), "{parts} parts");
        }
        assert!(a.starts_with("window.kurssiSearch = {\"version\":1,"));
    }

    #[test]
    fn stored_text_is_cut_at_a_word() {
        assert_eq!(stored_text("  a \n b\tc ", 10), "a b c");
        assert_eq!(stored_text("abcd efgh ijkl", 6), "abcd efgh …");
        assert_eq!(stored_text("abcd efgh", 6), "abcd efgh");
        assert_eq!(stored_text("abcd efgh  ", 6), "abcd efgh");
        assert_eq!(
            stored_text(&"x".repeat(20), 6),
            format!("{} …", "x".repeat(12))
        );
        assert_eq!(stored_text("", 6), "");
    }

    #[test]
    fn postings_numbers_round_trip() {
        for value in [0, 1, 31, 32, 1023, 1024, 123_456, u32::MAX >> 1] {
            let mut s = String::new();
            push_number(&mut s, value);
            let doc = u64::from(value >> 1);
            assert_eq!(
                decode(&serde_json::Value::String(s)),
                [(doc, value & 1 == 1)]
            );
        }
    }

    #[test]
    fn urls_on_the_page_before_keep_only_the_anchor() {
        let doc = |url| SearchDoc {
            url,
            title: "",
            text: "",
        };
        let docs = [
            doc("a.html"),
            doc("a.html#x"),
            doc("a.html#y"),
            doc("b.html#z"),
            doc("#w"),
            doc("b.html"),
        ];
        let got: Vec<&str> = (0..docs.len()).map(|i| short_url(&docs, i)).collect();
        assert_eq!(got, ["a.html", "#x", "#y", "b.html#z", "#w", "b.html"]);
    }

    /// Runs the core of the real `search.js` (with node, when installed)
    /// on a real index: inflected queries find their docs, passages mark the
    /// match, and `norm` and `quality` agree with the Rust copies.
    #[test]
    fn client_finds_inflected_forms() {
        if std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("node is not installed: skipping the search.js test");
            return;
        }
        // Docs that match nothing first, so that doc numbers take several
        // digits in the postings.
        const PAD: u64 = 1100;
        let pad: Vec<String> = (0..PAD).map(|i| format!("muuta tekstiä {i}")).collect();
        let mut docs: Vec<SearchDoc> = pad
            .iter()
            .map(|text| SearchDoc {
                url: "pad.html",
                title: "Muuta",
                text,
            })
            .collect();
        let filler = "Täytettä ennen varsinaista asiaa. ".repeat(60);
        let late = format!("{filler} Lopussa puhutaan asiakaspalvelua koskevista asioista.");
        for (url, title, text) in [
            (
                "a.html#nopeus",
                "Asiakaspalvelu › Nopeus",
                "Asiakaspalvelussa nopeus on tärkeintä. Vastaa viesteihin saman päivän aikana.",
            ),
            (
                "b.html",
                "Julkaisut",
                "Julkaisuja kannattaa tehdä säännöllisesti, ja seuraajien kysymyksiin vastataan.",
            ),
            (
                "c.html",
                "Kärsivällisyys",
                "Tulokset vaativat kärsivällisyyttä. Yritysten kannattaa mitata tuloksia.",
            ),
            (
                "d.html",
                "Kauppa",
                "Kaupassa käyttäjät odottavat helppoa käyttöä.",
            ),
            ("d.html#pitka", "Pitkä", &late),
        ] {
            docs.push(SearchDoc { url, title, text });
        }
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("search-index.js");
        std::fs::write(&index, build_index("fi", &docs)).unwrap();
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/static/search.js");
        let queries = [
            "asiakaspalvelua",
            "julkaisu",
            "seuraaja",
            "kärsivällisyys",
            "kauppa",
            "käyttö",
            "käyttöön",
            "yritys",
            "julk",
            "asiakaspalvelussa nopeus",
            "ja",
            "xyzzy",
            "kärsivällisyyttä tuloksia",
        ];
        let words = [
            "Kauppa",
            "kärsivällisyyttä",
            "asiakkaat",
            "2000",
            "KÄYTTÖÖN",
        ];
        let pairs = [
            ("julkaisuja", "julkaisu"),
            ("yritys", "yrityks"),
            ("julk", "julkaisu"),
            ("kauhu", "kaupa"),
            ("työtä", "ty"),
            ("kaupunki", "kaup"),
        ];
        let harness = r#"
            const [core, index, queries, words, pairs] = [require(process.argv[1]), process.argv[2], ...process.argv.slice(3).map(JSON.parse)];
            global.window = {};
            require(index);
            const ix = core.prepare(window.kurssiSearch);
            console.log(JSON.stringify({
                results: queries.map(q => {
                    const r = core.search(ix, q);
                    return r && { count: r.count, hits: r.hits.map(h => [h.doc, core.passage(ix, ix.docs[h.doc][2], h.keys), ix.docs[h.doc][0]]) };
                }),
                norms: words.map(w => core.norm("fi", w)),
                qualities: pairs.map(([q, t]) => core.quality(q, t)),
            }));
        "#;
        let out = std::process::Command::new("node")
            .args(["-e", harness])
            .arg(&script)
            .arg(&index)
            .arg(serde_json::to_string(&queries).unwrap())
            .arg(serde_json::to_string(&words).unwrap())
            .arg(serde_json::to_string(&pairs).unwrap())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let docs_of = |i: usize| -> Vec<u64> {
            v["results"][i]["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h[0].as_u64().unwrap() - PAD)
                .collect()
        };
        let marked = |i: usize, hit: usize| -> Vec<String> {
            v["results"][i]["hits"][hit][1]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p[1] == true)
                .map(|p| p[0].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(docs_of(0), [0, 4], "asiakaspalvelua");
        assert_eq!(v["results"][0]["hits"][0][2], "a.html#nopeus");
        assert_eq!(v["results"][0]["hits"][1][2], "d.html#pitka");
        assert_eq!(marked(0, 0), ["Asiakaspalvelussa"]);
        // Doc 4's match is past the stored text: its start is shown, unmarked.
        assert_eq!(marked(0, 1), Vec::<String>::new());
        assert_eq!(docs_of(1), [1], "julkaisu");
        assert_eq!(marked(1, 0), ["Julkaisuja"]);
        assert_eq!(docs_of(2), [1], "seuraaja");
        assert_eq!(marked(2, 0), ["seuraajien"]);
        assert_eq!(docs_of(3), [2], "kärsivällisyys");
        assert_eq!(marked(3, 0), ["kärsivällisyyttä"]);
        assert_eq!(docs_of(4), [3], "kauppa");
        assert_eq!(docs_of(5), [3], "käyttö");
        assert_eq!(marked(5, 0), ["käyttöä"]);
        assert_eq!(docs_of(6), [3], "käyttöön");
        assert_eq!(docs_of(7), [2], "yritys");
        assert_eq!(docs_of(8), [1], "julk");
        assert_eq!(docs_of(9), [0], "and");
        assert_eq!(v["results"][10], serde_json::Value::Null, "stop words only");
        assert_eq!(v["results"][11]["count"], 0);
        assert_eq!(docs_of(12), [2]);
        assert_eq!(marked(12, 0), ["Tulokset", "kärsivällisyyttä", "tuloksia"]);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v["norms"][i], normalise(Lang::Fi, &w.to_lowercase()), "{w}");
        }
        for (i, (q, t)) in pairs.iter().enumerate() {
            let js = v["qualities"][i].as_f64().unwrap();
            assert!((js - quality(q, t)).abs() < 1e-9, "{q} {t}: {js}");
        }
    }

    /// Deterministic prose-like text from a small vocabulary of both
    /// languages, in the spirit of the benchmark corpus.
    fn synthetic_text(seed: u64, words: usize) -> String {
        const VOCAB: &str = "the value of a module is in its tests and examples compiler runtime \
            memory thread process request response server client file directory path string \
            number list table field record query index cache error result option lesson course \
            student teacher review feedback concept pattern design structure interface method \
            variable loop condition input output stream buffer parser token syntax grammar \
            configuration deployment service network message event handler state change version \
            release package dependency library project workflow pipeline stage goal skill practice \
            problem solution approach idea detail overview summary using writing reading running \
            checking measures improves explains understands applies careful clear correct wrong \
            important useful common typical explicit oppiminen tehtävä koulutus kurssi moduuli \
            harjoitus esimerkki tiedosto ohjelma muuttuja funktio tyyppi arvo virhe testi rakenne \
            tietokanta palvelin käyttäjä sivu luku kysymys vastaus tavoite taito kehitys ympäristö \
            työkalu asetus ratkaisu ongelma menetelmä yhteys verkko tietoturva salasana lähdekoodi \
            kääntäjä muisti prosessi tulos ehto silmukka lista taulukko opiskelija opettaja \
            arviointi palaute julkaisu julkaisuja asiakaspalvelussa seuraajien kärsivällisyyttä";
        let vocab: Vec<&str> = VOCAB.split_whitespace().collect();
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut out = String::new();
        for i in 0..words {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if i > 0 {
                out.push_str(if i % 12 == 0 { ". " } else { " " });
            }
            out.push_str(vocab[(x >> 33) as usize % vocab.len()]);
            // Some rarer words, as names and numbers are in real text.
            if (x >> 20) % 9 == 0 {
                out.push_str(&format!(" item{}", (x >> 40) % 5000));
            }
        }
        out
    }

    /// Reports the index size for 1,000 synthetic docs of 600 words each
    /// (`cargo test --lib search::tests::index_size -- --nocapture`) and
    /// keeps it in bounds: about 1.4 MB, of which 1.1 MB stored text.
    #[test]
    fn index_size_for_a_thousand_docs() {
        let texts: Vec<String> = (0..1000).map(|i| synthetic_text(i, 600)).collect();
        let titles: Vec<String> = (0..1000)
            .map(|i| format!("Lesson {i} › Section {}", i % 7))
            .collect();
        let urls: Vec<String> = (0..1000)
            .map(|i| format!("m{:03}/l{i:04}.html#section-{}", i / 15, i % 7))
            .collect();
        let docs: Vec<SearchDoc> = (0..1000)
            .map(|i| SearchDoc {
                url: &urls[i],
                title: &titles[i],
                text: &texts[i],
            })
            .collect();
        let js = build_index("en", &docs);
        let v = parse(&js);
        let key_bytes = serde_json::to_string(&v["keys"]).unwrap().len();
        let doc_bytes = serde_json::to_string(&v["docs"]).unwrap().len();
        println!(
            "1000 docs x 600 words: {} bytes ({} keys: {key_bytes} bytes, docs: {doc_bytes} bytes)",
            js.len(),
            v["keys"].as_object().unwrap().len()
        );
        assert!(js.len() < 1_800_000, "{}", js.len());
    }
}
