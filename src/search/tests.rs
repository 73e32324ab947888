//! Tests of the search index: stemming, stop words, determinism, sizes and
//! the browser's matching rule.

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
            title: "B › Seuraajat\u{2028}ja\u{2029}\u{2028}",
            text: "Seuraajien määrä.",
        },
        SearchDoc {
            url: "c.html",
            title: "C",
            text: "",
        },
    ];
    let js = build_index("fi-FI", &docs);
    assert!(js.contains(r#""B › Seuraajat\u2028ja\u2029\u2028""#));
    assert!(!js.contains(['\u{2028}', '\u{2029}']));
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
    // Exactly twice the cap is kept whole; one more char is cut.
    assert_eq!(stored_text(&"x".repeat(12), 6), "x".repeat(12));
    assert_eq!(stored_text("ab cdefghijklmnop", 3), "ab cde …");
    // Counted in chars, not bytes.
    assert_eq!(stored_text("ää öööööö", 3), "ää ööö …");
    assert_eq!(stored_text("ääää", 2), "ääää");
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
    let terms = SectionTerms::default();
    let doc = |url| IndexDoc {
        url,
        title: "",
        stored: "",
        terms: &terms,
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
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
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

/// The words of `text` as the definition says, a char at a time.
fn words_by_chars(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric() && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&word.chars().count()) {
                    out.push(word);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn the_byte_scan_finds_the_words_a_char_scan_finds(
        text in "([a-zA-Z0-9 .,'_-]|ä|Ä|ß|ǅ|€|\u{2028}|\u{00a0}|٣|\u{1F600}){0,300}"
    ) {
        proptest::prop_assert_eq!(words(&text), words_by_chars(&text));
    }
}

proptest::proptest! {
    #[test]
    fn words_split_bytewise_are_the_words_split_whitespace_finds(
        text in "([a-z]{1,6}|ä|€| |\t|\n|\u{0b}|\u{0c}|\u{85}|\u{a0}|\u{2003}|\u{3000}){0,120}",
    ) {
        let bytewise: Vec<(&str, usize)> = whitespace_words(&text).collect();
        let by_chars: Vec<(&str, usize)> =
            text.split_whitespace().map(|w| (w, w.chars().count())).collect();
        proptest::prop_assert_eq!(bytewise, by_chars);
    }
}
