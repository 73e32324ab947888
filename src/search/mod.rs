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
//! Pages are analysed right after their Markdown is rendered, in the same
//! task (`crate::analysis`): each section's text becomes [`SectionTerms`]
//! (its keys, from a per-thread [`Vocabulary`]) and a short stored passage,
//! so no page's whole text is kept until the index is written. [`assemble`] then joins the vocabularies and writes
//! the index; [`build_index`] does both for plain texts.
//!
//! Invariants: the output is deterministic (keys sorted, docs in the order
//! given); for every indexed word `w` of a doc, one of the doc's keys is a
//! prefix of `normalise(w)`, so typing a word exactly as it is written always
//! finds it, and the client can find the passage to show.

use std::io;
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use rustc_hash::FxHashMap;

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

/// One doc whose text was analysed already ([`Vocabulary::analyse`]).
#[derive(Debug, Clone, Copy)]
pub struct IndexDoc<'a> {
    /// URL relative to the site root, may end with `#anchor`.
    pub url: &'a str,
    /// What the result shows as its title, e.g. `Page › Section`.
    pub title: &'a str,
    /// The passage kept for showing results ([`stored_text`]).
    pub stored: &'a str,
    /// The keys of its text.
    pub terms: &'a SectionTerms,
}

/// The keys of one section's text: ids local to the part of the
/// [`Vocabulary`] that analysed it, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionTerms {
    part: usize,
    keys: Box<[u32]>,
}

/// Words to keys for a whole course, shared by the threads that render its
/// pages: one [`Analyser`] per thread (each with its own memo, so no thread
/// waits for another), joined by [`assemble`].
pub struct Vocabulary {
    lang: Lang,
    parts: Vec<Mutex<Analyser>>,
}

impl Vocabulary {
    /// A vocabulary for `language` (`fi…` Finnish, else English) with one
    /// part per rendering thread.
    #[must_use]
    pub fn new(language: &str) -> Self {
        Self::with_parts(Lang::from_code(language), rayon::current_num_threads())
    }

    fn with_parts(lang: Lang, parts: usize) -> Self {
        Vocabulary {
            lang,
            parts: (0..parts.max(1))
                .map(|_| Mutex::new(Analyser::new(lang)))
                .collect(),
        }
    }

    /// The keys of `text`, each once, from the calling thread's part.
    pub fn analyse(&self, text: &str) -> SectionTerms {
        let part = rayon::current_thread_index().unwrap_or(0) % self.parts.len();
        let mut analyser = lock(&self.parts[part]);
        // Collected in a buffer kept from text to text, then copied out at
        // their size: one allocation per text instead of a vector grown
        // and shrunk.
        let mut keys = std::mem::take(&mut analyser.scratch);
        keys.clear();
        analyser.distinct_keys_of(text, |k| keys.push(k));
        let terms = SectionTerms {
            part,
            keys: keys.as_slice().into(),
        };
        analyser.scratch = keys;
        terms
    }
}

/// A lock that a panic elsewhere does not poison for good: an analyser's
/// tables are consistent after every word.
fn lock(part: &Mutex<Analyser>) -> MutexGuard<'_, Analyser> {
    part.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// How many characters of each section's text the index keeps for a course
/// of `docs` sections: about [`TEXT_BUDGET_CHARS`] in all, within
/// [`MIN_TEXT_CHARS`]..=[`MAX_TEXT_CHARS`] per section.
#[must_use]
pub fn stored_chars(docs: usize) -> usize {
    (TEXT_BUDGET_CHARS / docs.max(1)).clamp(MIN_TEXT_CHARS, MAX_TEXT_CHARS)
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
    build(
        Lang::from_code(language),
        docs,
        rayon::current_num_threads(),
    )
}

/// [`build_index`] with the texts analysed by a vocabulary of `parts` parts.
fn build(lang: Lang, docs: &[SearchDoc], parts: usize) -> String {
    let vocabulary = Vocabulary::with_parts(lang, parts);
    let cap = stored_chars(docs.len());
    let analysed: Vec<(String, SectionTerms)> = docs
        .par_iter()
        .map(|d| (stored_text(d.text, cap), vocabulary.analyse(d.text)))
        .collect();
    let docs: Vec<IndexDoc> = docs
        .iter()
        .zip(&analysed)
        .map(|(d, (stored, terms))| IndexDoc {
            url: d.url,
            title: d.title,
            stored,
            terms,
        })
        .collect();
    assemble(&vocabulary, &docs)
}

/// The whole contents of `search-index.js` (see [`build_index`]) for docs
/// whose texts `vocabulary` analysed.
#[must_use]
pub fn assemble(vocabulary: &Vocabulary, docs: &[IndexDoc]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the index is UTF-8.
    let _ = write_index(vocabulary, docs, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `search-index.js` (see [`assemble`]) to `out` as it is made: at
/// 10,000 pages it is tens of megabytes that need not sit in memory. Titles
/// are analysed here: a page's title is settled only once every page is
/// rendered.
pub fn write_index(
    vocabulary: &Vocabulary,
    docs: &[IndexDoc],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let lang = vocabulary.lang;
    let parts: Vec<MutexGuard<Analyser>> = vocabulary.parts.iter().map(lock).collect();
    let mut titles = Analyser::new(lang);
    let title_keys: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            let mut keys = Vec::new();
            titles.distinct_keys_of(d.title, |k| keys.push(k));
            keys
        })
        .collect();

    // One key table: each part's local key ids (the titles' last) -> global ones.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let tables = parts.iter().map(|p| &p.keys).chain([&titles.keys]);
    let remaps: Vec<Vec<u32>> = tables
        .map(|table| {
            let remap = table.iter().map(|k| {
                *ids.entry(k.as_str()).or_insert_with(|| {
                    keys.push(k);
                    (keys.len() - 1) as u32
                })
            });
            remap.collect()
        })
        .collect();
    // Freed as soon as they are done with: this runs at a large build's
    // peak of memory.
    drop(ids);
    let title_remap = &remaps[parts.len()];
    // postings[key] = the encoded numbers; last[key] = the last doc added,
    // plus one (0: none yet).
    let mut postings: Vec<String> = vec![String::new(); keys.len()];
    let mut last: Vec<u32> = vec![0; keys.len()];
    for (n, (doc, title_keys)) in (1u32..).zip(docs.iter().zip(&title_keys)) {
        // The title first, so that a key's one entry per doc carries the
        // title flag; `last` then says the key has its entry.
        let title = title_keys.iter().map(|&k| (title_remap[k as usize], 1));
        let remap = &remaps[doc.terms.part];
        let text = doc.terms.keys.iter().map(|&k| (remap[k as usize], 0));
        for (k, flag) in title.chain(text) {
            let k = k as usize;
            if last[k] != n {
                // The first doc counts from doc 0.
                let previous = last[k].max(1);
                push_number(&mut postings[k], (n - previous) << 1 | flag);
                last[k] = n;
            }
        }
    }

    drop((title_keys, remaps));

    // Keys no doc holds any more (a page edited in `serve`) are left out.
    let mut order: Vec<u32> = (0..keys.len() as u32)
        .filter(|&k| last[k as usize] != 0)
        .collect();
    drop(last);
    order.sort_unstable_by_key(|&k| keys[k as usize]);
    let index = Index {
        version: FORMAT_VERSION,
        lang: lang.code(),
        stop: lang.stop_words(),
        docs: (0..docs.len())
            .map(|i| (short_url(docs, i), docs[i].title, docs[i].stored))
            .collect(),
        keys: SortedKeys {
            order: &order,
            keys: &keys,
            postings: &postings,
        },
    };
    out.write_all(b"window.kurssiSearch = ")?;
    let mut json = serde_json::Serializer::with_formatter(&mut *out, JavaScriptFormatter);
    index.serialize(&mut json).map_err(io::Error::other)?;
    out.write_all(b";\n")
}

/// Compact JSON that is also valid JavaScript before ES2019, where U+2028
/// and U+2029, allowed in JSON strings, ended a line: strings escape them.
struct JavaScriptFormatter;

impl serde_json::ser::Formatter for JavaScriptFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        // One char at a time: a single-char search runs memchr over the
        // bytes, a search for either of two decodes every char.
        while let Some(at) = [rest.find('\u{2028}'), rest.find('\u{2029}')]
            .into_iter()
            .flatten()
            .min()
        {
            out.write_all(&rest.as_bytes()[..at])?;
            let separator = if rest[at..].starts_with('\u{2028}') {
                b"\\u2028"
            } else {
                b"\\u2029"
            };
            out.write_all(separator)?;
            rest = &rest[at + '\u{2028}'.len_utf8()..];
        }
        out.write_all(rest.as_bytes())
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
fn short_url<'a>(docs: &[IndexDoc<'a>], i: usize) -> &'a str {
    let url = docs[i].url;
    let page = |u: &'a str| u.split('#').next().unwrap_or(u);
    match (url.find('#'), i.checked_sub(1)) {
        (Some(hash), Some(before)) if hash > 0 && page(docs[before].url) == &url[..hash] => {
            &url[hash..]
        }
        _ => url,
    }
}

/// Keys in sorted order with their postings, written as one JSON object.
struct SortedKeys<'a> {
    /// Key numbers, sorted by key.
    order: &'a [u32],
    keys: &'a [&'a str],
    postings: &'a [String],
}

impl Serialize for SortedKeys<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.order.iter().map(|&k| {
            let k = k as usize;
            (self.keys[k], self.postings[k].as_str())
        }))
    }
}

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
    key_ids: FxHashMap<String, u32>,
    /// Lowercased word -> its keys (none for a stop word).
    memo: FxHashMap<String, [Option<u32>; 2]>,
    lower: String,
    /// seen[key] = the text it was last seen in: dedup without a sort.
    seen: Vec<u32>,
    texts: u32,
    /// Reused by [`Vocabulary::analyse`].
    scratch: Vec<u32>,
}

impl Analyser {
    fn new(lang: Lang) -> Self {
        Analyser {
            lang,
            stemmer: Stemmer::create(lang.algorithm()),
            keys: Vec::new(),
            key_ids: FxHashMap::default(),
            memo: FxHashMap::default(),
            lower: String::new(),
            seen: Vec::new(),
            texts: 0,
            scratch: Vec::new(),
        }
    }

    /// Calls `f` with the id of each key of `text`, once per key.
    fn distinct_keys_of(&mut self, text: &str, mut f: impl FnMut(u32)) {
        self.texts += 1;
        let (mut seen, n) = (std::mem::take(&mut self.seen), self.texts);
        self.keys_of(text, |k| {
            let k = k as usize;
            if seen.len() <= k {
                seen.resize(k + 1, 0);
            }
            if seen[k] != n {
                seen[k] = n;
                f(k as u32);
            }
        });
        self.seen = seen;
    }

    /// Calls `f` with the id of each key of each word of `text`.
    fn keys_of(&mut self, text: &str, mut f: impl FnMut(u32)) {
        for_each_word(text, |word, case| {
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
                Some(&ids) => ids,
                None => {
                    let lower = lower.to_string();
                    let ids = self.word_ids(lower.clone());
                    self.memo.insert(lower, ids);
                    ids
                }
            };
            ids.into_iter().flatten().for_each(&mut f);
        });
    }

    /// The key ids of a lowercased word not seen before.
    fn word_ids(&mut self, lower: String) -> [Option<u32>; 2] {
        match word_keys(self.lang, &self.stemmer, &lower) {
            None => [None, None],
            Some((first, second)) => [Some(self.intern(first)), second.map(|k| self.intern(k))],
        }
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

/// What a byte is to [`for_each_word`]: ASCII separators, lowercase ASCII
/// letters and digits, uppercase ASCII letters, or a byte of a non-ASCII
/// char, which needs decoding.
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const NON_ASCII: u8 = 3;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Calls `f(word, case)` for the words of `text`: runs of letters and digits
/// (`search.js` splits on `[^\p{Alphabetic}\p{N}]`, the same classes) of a
/// searchable length. A byte at a time: a table lookup per ASCII byte and a
/// decode for each non-ASCII char.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, Case)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if BYTE_CLASS[usize::from(bytes[i])] == SEPARATOR {
            i += 1;
            continue;
        }
        let (start, mut chars, mut case) = (i, 0, Case::Lower);
        // `end` is where the word stops; `i` then steps past what stopped it.
        let end = loop {
            let Some(&b) = bytes.get(i) else { break i };
            match BYTE_CLASS[usize::from(b)] {
                LOWER => i += 1,
                UPPER => {
                    case = case.max(Case::Ascii);
                    i += 1;
                }
                SEPARATOR => break i,
                _ => {
                    // `i` is at a char boundary: ASCII bytes are whole chars.
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        let end = i;
                        i += c.len_utf8();
                        break end;
                    }
                    // `ä` needs no lowercasing, `Ä` does; ASCII lowercasing
                    // leaves both as they are.
                    if !c.is_lowercase() && c.is_alphabetic() {
                        case = Case::Other;
                    }
                    i += c.len_utf8();
                }
            }
            chars += 1;
        };
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars) {
            f(&text[start..end], case);
        }
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

/// [`push_stored_text`] into a new string of about the right size: a
/// passage is made for every section of the course, and growing each from
/// empty cost as much as cutting it.
#[must_use]
pub fn stored_text(text: &str, cap: usize) -> String {
    // ASCII text fits: the cut comes by 2 * cap chars, and ` …` is 4 bytes.
    let mut out = String::with_capacity(text.len().min(2 * cap) + 4);
    push_stored_text(&mut out, text, cap);
    out.shrink_to_fit();
    out
}

/// Appends to the empty `out` the text kept for showing passages:
/// whitespace runs made one space, cut at the first space after `cap`
/// characters (mid-word at twice that), with ` …` at the cut. This runs
/// over the start of every section of the course, so it steps over bytes,
/// decoding only non-ASCII chars, where `split_whitespace` decodes every
/// char (five times the instructions).
fn push_stored_text(out: &mut String, text: &str, cap: usize) {
    let mut chars = 0;
    let mut cut = false;
    for (word, len) in whitespace_words(text) {
        if !out.is_empty() {
            if chars >= cap {
                cut = true;
                break;
            }
            out.push(' ');
            chars += 1;
        }
        let room = (2 * cap).saturating_sub(chars);
        if len > room {
            let end = word.char_indices().nth(room).map_or(word.len(), |(i, _)| i);
            out.push_str(&word[..end]);
            cut = true;
            break;
        }
        out.push_str(word);
        chars += len;
    }
    if cut {
        out.push_str(" …");
    }
}

/// The words of `text` as `split_whitespace` splits it, each with its
/// length in chars.
fn whitespace_words(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end, len) = next_word(text, at)?;
        at = end;
        Some((&text[start..end], len))
    })
}

/// The next run of non-whitespace chars (as `split_whitespace` splits) in
/// `text` from byte `from`: its byte range and its length in chars.
fn next_word(text: &str, from: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    // The char at `i` and its length in bytes, and whether it is whitespace.
    let at = |i: usize| -> (usize, bool) {
        let b = bytes[i];
        if b.is_ascii() {
            // `char::is_whitespace` on ASCII: also vertical tab, unlike
            // `u8::is_ascii_whitespace`.
            (1, b == b' ' || (b'\t'..=b'\r').contains(&b))
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), c.is_whitespace())
        }
    };
    let mut i = from;
    while i < bytes.len() {
        let (width, space) = at(i);
        if !space {
            break;
        }
        i += width;
    }
    if i >= bytes.len() {
        return None;
    }
    let (start, mut len) = (i, 0);
    while i < bytes.len() {
        let (width, space) = at(i);
        if space {
            break;
        }
        i += width;
        len += 1;
    }
    Some((start, i, len))
}

#[cfg(test)]
mod tests;
