//! Tests of the quiz HTML: snapshots of the form and the answer key for a
//! quiz with every kind of question, ids unique across quizzes on one page,
//! every reference bound, order items shuffled, the JSON island safe.

use std::collections::{BTreeMap, HashSet};

use crate::i18n::Strings;
use crate::markdown::Typography;
use crate::quiz::testing::{page, quiz, EXAMPLE};
use crate::quiz::{render, render_answer_key, Quiz, QuizContext};

/// Every value of `attr="..."` in `html`.
fn values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

fn ctx_for<'a>(strings: &'a Strings, index: usize) -> QuizContext<'a> {
    QuizContext {
        file: 0,
        page_path: "m/quiz.md",
        index,
        typography: Typography::English,
        highlight: false,
        strings,
        pass_mark: 75,
    }
}

fn parse_at(block: &str, index: usize, strings: &Strings) -> Quiz {
    let mut diags = Vec::new();
    let q = crate::quiz::parse("quiz", block, 20, &ctx_for(strings, index), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    q.unwrap()
}

#[test]
fn form_snapshot() {
    let p = page(EXAMPLE);
    let q = quiz(EXAMPLE);
    insta::assert_snapshot!(render(&q, &p.ctx()));
}

#[test]
fn answer_key_snapshot() {
    let p = page(EXAMPLE);
    let q = quiz(EXAMPLE);
    let key = render_answer_key(&q, &p.ctx());
    assert!(!key.contains(" id=\""), "the key has no ids");
    insta::assert_snapshot!(key);
}

#[test]
fn ids_are_unique_and_every_reference_is_bound() {
    let strings = Strings::new("en", &BTreeMap::new());
    let block = format!(
        "{EXAMPLE}\n## Code choice\n\n- [x] This:\n\n  ```\n  x\n  ```\n\n- [ ] That one\n"
    );
    let page_html: String = (0..2)
        .map(|i| render(&parse_at(&block, i, &strings), &ctx_for(&strings, i)))
        .collect();
    let ids = values(&page_html, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    assert!(ids
        .iter()
        .all(|id| id.starts_with("m-quiz-1") || id.starts_with("m-quiz-2")));
    for attr in ["for", "aria-describedby", "aria-labelledby"] {
        for target in values(&page_html, attr).iter().flat_map(|v| v.split(' ')) {
            assert!(unique.contains(target), "{attr}={target} points nowhere");
        }
    }
    // Every input has a label or is described by the legend's fieldset.
    let inputs = page_html.matches("<input ").count();
    assert_eq!(inputs, values(&page_html, "for").len());
    assert!(page_html.contains("aria-describedby=\"m-quiz-1-q7-c1-more\""));
}

#[test]
fn inputs_and_order_buttons_are_named_by_their_question() {
    let html = render(&quiz(EXAMPLE), &page(EXAMPLE).ctx());
    let named: Vec<&str> = values(&html, "aria-labelledby");
    // Each text and number input: the legend, then its own label.
    for input in html.match_indices("<input type=\"text\"") {
        let tag = &html[input.0..input.0 + html[input.0..].find('>').unwrap()];
        let id = values(tag, "id")[0].trim_end_matches("-in").to_string();
        assert!(
            tag.contains(&format!("aria-labelledby=\"{id}-legend {id}-label\"")),
            "{tag}"
        );
        assert!(html.contains(&format!("<legend id=\"{id}-legend\">")));
    }
    // Each move button: its own text, then the item it moves.
    let buttons: Vec<&&str> = named
        .iter()
        .filter(|v| v.contains("-up ") || v.contains("-down "))
        .collect();
    assert_eq!(buttons.len(), 8, "{named:?}");
    for b in buttons {
        let (own, item) = b.split_once(' ').unwrap();
        assert!(own.starts_with(item), "{b}");
    }
}

#[test]
fn order_items_are_shown_shuffled() {
    let q = quiz(EXAMPLE);
    let html = render(&q, &page(EXAMPLE).ctx());
    let shown: Vec<&str> = values(&html, "data-i");
    assert_eq!(shown.len(), 4);
    assert_ne!(shown, ["0", "1", "2", "3"]);
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["0", "1", "2", "3"]);
}

#[test]
fn json_island_cannot_close_its_script() {
    let q = quiz("## Q {.text}\n\n- </script><!--\n");
    let html = render(&q, &page("").ctx());
    assert_eq!(html.matches("</script>").count(), 1);
    let start = html
        .find("<script type=\"application/json\" class=\"quiz-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["q"][0]["a"][0], "</script><!--");
    assert_eq!(value["s"]["score"], "{score}/{max} points ({percent}%)");
    assert_eq!(value["passMark"], 100);
}

#[test]
fn finnish_course() {
    let strings = Strings::new("fi", &BTreeMap::new());
    let mut ctx = ctx_for(&strings, 0);
    ctx.typography = Typography::Finnish;
    let mut diags = Vec::new();
    let block = "## Mikä on \"metsä\"? {.number}\n\n- 3.5 +- 0.5\n";
    let q = crate::quiz::parse("quiz", block, 0, &ctx, &mut diags).unwrap();
    let html = render(&q, &ctx);
    assert!(html.contains("Mikä on ”metsä”?"), "{html}");
    assert!(html.contains(">Tarkista vastaukset</button>"));
    assert!(html.contains("3,5 ± 0,5"));
    assert!(html.contains("Hyväksymisraja 75 %"));
    assert!(html.contains("\"score\":\"{score}/{max} pistettä ({percent} %)\""));
}

#[test]
fn a_pool_says_so_with_javascript_and_in_the_key() {
    use crate::quiz::testing::page_with_info;
    let block = "## A {.text}\n\n- a\n\n## B {.text}\n\n- b\n\n## C {.text}\n\n- c\n";
    let p = page_with_info("quiz pick=2", block);
    let q = p.parse().0.unwrap();
    let html = render(&q, &p.ctx());
    assert!(html.contains(
        "<p class=\"quiz-pool\" hidden>Each try shows 2 of these 3 questions, drawn at random.</p>"
    ));
    assert!(html.contains("\"pick\":2"));
    assert_eq!(
        html.matches("<fieldset").count(),
        3,
        "the whole pool is in the page"
    );
    let key = render_answer_key(&q, &p.ctx());
    assert!(key.contains("<p class=\"quiz-pool\">Each try shows 2 of these 3 questions"));
    assert_eq!(key.matches("class=\"quiz-key-q\"").count(), 3);
}
