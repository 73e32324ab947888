//! Tests of quiz parsing: every kind of question, every authoring mistake
//! at its exact `PATH:LINE:COL` (the block starts on line 4 of the fake
//! page), and property tests that no input panics.

use proptest::prelude::*;

use crate::diagnostics::Location;
use crate::quiz::testing::{page, quiz, EXAMPLE};
use crate::quiz::{render_standalone, Answers, Choice, Kind, NumberAnswer};

#[test]
fn every_kind_of_question() {
    let q = quiz(EXAMPLE);
    assert_eq!(q.id, "m-quiz-1");
    assert_eq!(q.pass_mark, 100);
    let kinds: Vec<Kind> = q.questions.iter().map(|q| q.kind()).collect();
    use Kind::*;
    assert_eq!(kinds, [Single, Multiple, Text, Number, Single, Order]);

    let first = &q.questions[0];
    assert_eq!(
        first.prompt_text,
        "What do customers value most from a company on social media?"
    );
    let Answers::Choices {
        multiple: false,
        choices,
    } = &first.answers
    else {
        panic!()
    };
    assert_eq!(
        choices.iter().map(|c| c.correct).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert_eq!(choices[0].html, "Daily special offers");
    assert_eq!(
        choices[1].feedback.as_deref(),
        Some("<p>Right: messages are sent and a “quick” answer is expected.</p>\n")
    );
    assert_eq!(choices[2].feedback, None);
    assert_eq!(
        first.explanation.as_deref(),
        Some("<p>Customer service came first in what users themselves asked for.</p>\n")
    );
    assert_eq!(first.hint, None);
    assert_eq!(first.body, None);

    let Answers::Choices {
        multiple: true,
        choices,
    } = &q.questions[1].answers
    else {
        panic!()
    };
    assert_eq!(choices.iter().filter(|c| c.correct).count(), 1);

    let text = &q.questions[2];
    assert_eq!(
        text.answers,
        Answers::Text(vec!["forest".into(), "a forest".into()])
    );
    assert_eq!(
        text.hint.as_deref(),
        Some("<p>It answers when you shout into it.</p>\n")
    );

    use NumberAnswer::*;
    let expected = vec![Exact(52.0), Range(50.0, 53.0), Tolerance(52.0, 1.5)];
    assert_eq!(q.questions[3].answers, Answers::Number(expected));

    let code = &q.questions[4];
    assert!(code
        .body
        .as_deref()
        .unwrap()
        .starts_with("<pre><code class=\"language-rust\">fn main()"));
    let Answers::Choices { choices, .. } = &code.answers else {
        panic!()
    };
    assert_eq!(choices[1].html, "<code>2</code>");

    let Answers::Order(items) = &q.questions[5].answers else {
        panic!()
    };
    assert_eq!(items[0], "Decide why you are on social media");
    assert_eq!(items.len(), 4);
}

#[test]
fn loose_items_code_in_choices_and_links() {
    let q = quiz(
        "## Pick [the docs](../a/b.md#x)\n\n- [x] This one:\n\n  ```sh\n  ls\n  ```\n\n  > Yes.\n\n- [ ] That one\n\n<!-- a comment -->\n",
    );
    let question = &q.questions[0];
    assert_eq!(
        question.prompt,
        "Pick <a href=\"../a/b.html#x\">the docs</a>"
    );
    let Answers::Choices { choices, .. } = &question.answers else {
        panic!()
    };
    assert_eq!(
        choices[0],
        Choice {
            html: "This one:".into(),
            more: Some("<pre><code class=\"language-sh\">ls\n</code></pre>\n".into()),
            correct: true,
            feedback: Some("<p>Yes.</p>\n".into()),
        }
    );
}

#[test]
fn several_right_choices_give_checkboxes_and_single_may_be_explicit() {
    let q = quiz("## Q\n\n- [x] a\n- [X] b\n- [ ] c\n\n## R {.single}\n\n- [x] a\n- [ ] b\n");
    assert_eq!(q.questions[0].kind(), Kind::Multiple);
    assert_eq!(q.questions[1].kind(), Kind::Single);
}

#[test]
fn pass_mark_comes_from_the_context() {
    let p = page("## Q {.text}\n\n- a\n");
    let mut ctx = p.ctx();
    ctx.pass_mark = 80;
    let q = crate::quiz::parse("quiz", p.block(), p.offset, &ctx, &mut Vec::new()).unwrap();
    assert_eq!(q.pass_mark, 80);
}

/// The diagnostics of a block as `PATH:LINE:COL message`.
fn errors(block: &str) -> Vec<String> {
    let (quiz, diags) = page(block).parse();
    assert!(quiz.is_none(), "no quiz when there are errors");
    diags
}

#[test]
fn question_without_answer_list() {
    assert_eq!(
        errors("## First {.text}\n\n- a\n\n## Second?\n\nJust text.\n"),
        ["m/quiz.md:8:1 this question has no answer list"]
    );
}

#[test]
fn no_right_choice_and_only_one_choice() {
    assert_eq!(
        errors("## Q\n\n- [ ] a\n- [ ] b\n"),
        ["m/quiz.md:6:1 no choice is marked right"]
    );
    assert_eq!(
        errors("## Q\n\n- [x] a\n"),
        ["m/quiz.md:6:1 a choice question needs at least two choices"]
    );
    assert_eq!(
        errors("## Q {.single}\n\n- [x] a\n- [x] b\n"),
        ["m/quiz.md:6:1 a `{.single}` question has 2 choices marked right"]
    );
}

#[test]
fn empty_answers_and_choices() {
    assert_eq!(
        errors("## Q {.text}\n\n- a\n-\n"),
        ["m/quiz.md:7:1 this answer is empty"]
    );
    assert_eq!(
        errors("## Q\n\n- [x] a\n- [ ]\n"),
        ["m/quiz.md:7:1 this choice has no text"]
    );
    assert_eq!(
        errors("## Q {.order}\n\n1. a\n2.\n"),
        ["m/quiz.md:7:1 this item is empty"]
    );
    assert_eq!(
        errors("##\n\n- [x] a\n- [ ] b\n"),
        ["m/quiz.md:4:1 this question has no text"]
    );
}

#[test]
fn unreadable_numbers() {
    assert_eq!(
        errors("## Q {.number}\n\n- 52\n- 3,5\n- 60..40\n- lots\n"),
        [
            "m/quiz.md:7:1 `3,5` is not a number",
            "m/quiz.md:8:1 the range `60..40` ends before it starts",
            "m/quiz.md:9:1 `lots` is not a number",
        ]
    );
}

#[test]
fn unknown_kind_suggests_the_near_one() {
    let p = page("## Q {.mutliple}\n\n- [x] a\n- [ ] b\n");
    assert_eq!(
        p.parse().1,
        ["m/quiz.md:4:1 unknown question kind `{.mutliple}`"]
    );
    let diags = p.diagnostics().1;
    assert!(
        diags[0].notes[0].starts_with("did you mean `{.multiple}`?"),
        "{:?}",
        diags[0].notes
    );
    assert_eq!(
        errors("## Q {.text .number}\n\n- 1\n"),
        ["m/quiz.md:4:1 a question has only one kind"]
    );
}

#[test]
fn order_needs_a_numbered_list() {
    assert_eq!(
        errors("## Q {.order}\n\n- a\n- b\n"),
        ["m/quiz.md:6:1 the items of an `{.order}` question must be a numbered list"]
    );
    assert_eq!(
        errors("## Q {.order}\n\n1. a\n"),
        ["m/quiz.md:6:1 an `{.order}` question needs at least two items"]
    );
}

#[test]
fn text_outside_questions() {
    assert_eq!(
        errors("Intro text\n\n## Q {.text}\n\n- a\n"),
        ["m/quiz.md:4:1 this text is outside any question"]
    );
    assert_eq!(
        errors("Just text\n- [x] a\n"),
        ["m/quiz.md:4:1 this quiz has no questions"]
    );
    assert_eq!(errors(""), ["m/quiz.md:3:4 this quiz has no questions"]);
}

#[test]
fn list_shape_mistakes() {
    assert_eq!(
        errors("## Q\n\n- [x] a\n- [ ] b\n\n* [ ] c\n"),
        ["m/quiz.md:9:1 a question has only one answer list"]
    );
    assert_eq!(
        errors("## Q\n\n- [x] a\n- [ ] b\n\nMore words.\n"),
        ["m/quiz.md:9:1 only an explanation may follow the answer list"]
    );
    assert_eq!(
        errors("## Q\n\n- [x]a\n- [ ] b\n"),
        ["m/quiz.md:6:1 this choice is not marked right `[x]` or wrong `[ ]`"]
    );
    assert_eq!(
        errors("## Q\n\n- a\n- b\n"),
        ["m/quiz.md:6:1 this list has no choices marked right `[x]` or wrong `[ ]`"]
    );
    assert_eq!(
        errors("## Q {.text}\n\n- [x] a\n- b\n  > nice\n"),
        [
            "m/quiz.md:6:1 the answers of a `{.text}` question are not marked `[x]` or `[ ]`",
            "m/quiz.md:8:3 an accepted answer is one line",
        ]
    );
}

#[test]
fn every_error_of_a_block_is_reported() {
    assert_eq!(
        errors(
            "Stray\n\n## A {.nope}\n\n- x\n\n## B\n\n- [ ] a\n- [ ] b\n\n## C {.number}\n\n- x\n"
        ),
        [
            "m/quiz.md:4:1 this text is outside any question",
            "m/quiz.md:6:1 unknown question kind `{.nope}`",
            "m/quiz.md:12:1 no choice is marked right",
            "m/quiz.md:17:1 `x` is not a number",
        ]
    );
}

/// Parses and renders; checks the diagnostics point inside the page.
fn never_panics(info: &str, block: &str) {
    let offset = 12;
    let (html, diags) = render_standalone(info, block, offset);
    let mut sources = crate::source::Sources::default();
    sources.add("quiz.md", format!("{}{block}", " ".repeat(offset)));
    for d in &diags {
        let Location::Span(_, span) = &d.location else {
            panic!("{d:?}")
        };
        assert!(
            span.start <= span.end && span.end <= offset + block.len(),
            "{span:?} {d:?}"
        );
        d.position(&sources);
    }
    crate::diagnostics::render_plain(&diags, &sources);
    assert_eq!(
        html.is_empty(),
        diags.iter().any(|d| d.is_error()),
        "{diags:?}"
    );
}

fn quiz_line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "## Q?",
            "## Q {.text}",
            "## Q {.number}",
            "## Q {.order}",
            "## Q {.multiple}",
            "## Q {.single}",
            "## {.bogus}",
            "# Q {#id .text}",
            "Q\n---",
            "- [x] right",
            "- [ ] wrong",
            "- [x]",
            "- [ ]",
            "-",
            "- 52",
            "- 1..2",
            "- 5 +- x",
            "- 3,5",
            "1. first",
            "2. second",
            "3.",
            "  > feedback",
            "> explanation",
            "> [!TIP]",
            "> [!NOTE]",
            "```",
            "```rust",
            "~~~",
            "    indented",
            "<!-- c -->",
            "<div>",
            "| a | b |",
            "|---|---|",
            "---",
            "",
            "* [x] star",
            "\t- [ ] tab",
            "  - [x] nested",
            "- forest",
            "[^1]: note",
            "![img](a.png)",
            "- [x] `code`",
            "  ```",
            "> - [x] quoted",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(info in "\\PC{0,20}", block in "\\PC{0,300}") {
        never_panics(&info, &block);
    }

    #[test]
    fn quiz_like_lines_never_panic(lines in prop::collection::vec(quiz_line(), 0..40), crlf in any::<bool>()) {
        let block = lines.join(if crlf { "\r\n" } else { "\n" });
        never_panics("quiz", &block);
    }
}

#[test]
fn fixed_keeps_the_authors_order_and_only_choices_take_it() {
    let block = "## Q {.fixed}\n\n- [ ] A\n- [ ] B\n- [ ] C\n- [x] All of the above\n\n\
                 ## R {.multiple .fixed}\n\n- [x] a\n- [x] b\n- [ ] c\n\n## S\n\n- [x] a\n- [ ] b\n- [ ] c\n";
    let q = quiz(block);
    assert!(q.questions[0].fixed && q.questions[1].fixed && !q.questions[2].fixed);
    assert_eq!(q.questions[0].kind(), Kind::Single);
    assert_eq!(q.questions[1].kind(), Kind::Multiple);
    assert_eq!(q.questions[0].shown_order(&q.id, 0), [0, 1, 2, 3]);
    assert_eq!(q.questions[1].shown_order(&q.id, 1), [0, 1, 2]);
    assert_ne!(q.questions[2].shown_order(&q.id, 2)[0], 0);

    let (quiz, diags) = page("## T {.text .fixed}\n\n- a\n").parse();
    assert!(quiz.is_some());
    assert_eq!(
        diags,
        ["m/quiz.md:4:1 `{.fixed}` keeps the order of choices, and this question has none"]
    );
}

#[test]
fn warns_once_when_the_right_choice_is_mostly_the_longest() {
    let q = |right: &str| format!("## Q\n\n- [x] {right}\n- [ ] short\n- [ ] brief\n\n");
    let three = format!(
        "{}{}{}",
        q("a long right answer"),
        q("another long one"),
        q("yes")
    );
    let (quiz, diags) = page(&three).parse();
    assert!(quiz.is_some());
    assert_eq!(
        diags,
        ["m/quiz.md:3:4 in 2 of the 3 single-choice questions of this quiz the right choice is the longest"]
    );
    // Two of four is not most; fewer than three questions say nothing.
    let four = format!("{three}{}", q("no"));
    assert!(page(&four).parse().1.is_empty());
    let two = format!("{}{}", q("a long right answer"), q("another long one"));
    assert!(page(&two).parse().1.is_empty());
    // Markup does not count, the text does: `<code>x</code>` is 1 long.
    let code = format!("{}{}{}", q("`x`"), q("`y`"), q("`z`"));
    assert!(page(&code).parse().1.is_empty());
}

#[test]
fn regular_expressions_are_checked_when_built() {
    let q = quiz("## Q {.text}\n\n- /kiss(a|an)/\n- `/3\\.5/`\n- /3\\.5 %/\n- /a*b*/\n");
    let Answers::Text(texts) = &q.questions[0].answers else {
        panic!()
    };
    // Taken as written, before Markdown reads `\.` or `*`.
    assert_eq!(texts, &["/kiss(a|an)/", "/3\\.5/", "/3\\.5 %/", "/a*b*/"]);

    let (quiz, diags) =
        page("## Q {.text}\n\n- kissa\n- /kiss(a/\n- /(?i)x/\n- /\\pL+/\n- /a{2,1}/\n").parse();
    assert!(quiz.is_none());
    assert_eq!(diags.len(), 4, "{diags:#?}");
    assert!(
        diags[0].starts_with("m/quiz.md:7:1 this regular expression is not valid: "),
        "{}",
        diags[0]
    );
    assert_eq!(
        diags[1],
        "m/quiz.md:8:1 this regular expression uses an inline flag `(?i)`, which browsers read differently"
    );
    assert_eq!(
        diags[2],
        "m/quiz.md:9:1 write a Unicode class with braces: `\\p{L}`, not `\\pL`"
    );
    assert!(
        diags[3].starts_with("m/quiz.md:10:1 this regular expression is not valid: "),
        "{}",
        diags[3]
    );
    // One slash, or two with nothing between, are plain answers.
    assert!(page("## Q {.text}\n\n- /\n- //\n- a/b\n")
        .parse()
        .1
        .is_empty());
}

#[test]
fn typo_is_zero_or_one_on_text_questions() {
    let q = quiz("## Q {.text typo=1}\n\n- separate\n\n## R {.text}\n\n- x\n");
    assert_eq!((q.questions[0].typo, q.questions[1].typo), (1, 0));
    let (quiz, diags) = page("## Q {.text typo=2}\n\n- a\n").parse();
    assert!(quiz.is_none());
    assert_eq!(diags, ["m/quiz.md:4:1 `typo=2` is not 0 or 1"]);
    let (quiz, diags) = page("## Q {.number typo=1}\n\n- 5\n").parse();
    assert_eq!(quiz.unwrap().questions[0].typo, 0);
    assert_eq!(
        diags,
        ["m/quiz.md:4:1 `typo` applies to `{.text}` questions only"]
    );
}

#[test]
fn weights_and_partial_credit() {
    let q = quiz(
        "## A {.multiple partial weight=3}\n\n- [x] a\n- [x] b\n- [x] c\n- [ ] d\n\n\
         ## B {weight=2}\n\n- [x] a\n- [ ] b\n\n## C {.multiple .partial}\n\n- [x] a\n- [ ] b\n\n\
         ## D {.multiple}\n\n- [x] a\n- [x] b\n- [ ] c\n",
    );
    let w: Vec<(u32, bool)> = q.questions.iter().map(|q| (q.weight, q.partial)).collect();
    assert_eq!(w, [(3, true), (2, false), (1, true), (1, false)]);
    let a = &q.questions[0];
    assert_eq!(a.choice_points(&[0, 1, 2]), 3.0);
    assert_eq!(a.choice_points(&[0, 1]), 2.0);
    assert_eq!(a.choice_points(&[0, 1, 3]), 1.0);
    assert_eq!(a.choice_points(&[0, 3]), 0.0);
    assert_eq!(a.choice_points(&[3]), 0.0, "never below zero");
    assert_eq!(a.choice_points(&[0, 1, 2, 3]), 2.0);
    assert_eq!(q.questions[1].choice_points(&[0]), 2.0);
    assert_eq!(q.questions[1].choice_points(&[1]), 0.0);
    let d = &q.questions[3];
    assert_eq!(d.choice_points(&[0]), 0.0, "all or nothing without partial");
    assert_eq!(d.choice_points(&[1, 0]), 1.0);

    for (heading, message) in [
        (
            "## Q {weight=0}",
            "m/quiz.md:4:1 `weight=0` is not a whole number from 1 to 100",
        ),
        (
            "## Q {weight=1.5}",
            "m/quiz.md:4:1 `weight=1.5` is not a whole number from 1 to 100",
        ),
        (
            "## Q {weight=101}",
            "m/quiz.md:4:1 `weight=101` is not a whole number from 1 to 100",
        ),
    ] {
        let (quiz, diags) = page(&format!("{heading}\n\n- [x] a\n- [ ] b\n")).parse();
        assert!(quiz.is_none());
        assert_eq!(diags, [message]);
    }
    let (quiz, diags) = page("## Q {partial}\n\n- [x] a\n- [ ] b\n").parse();
    assert!(!quiz.unwrap().questions[0].partial);
    assert_eq!(
        diags,
        ["m/quiz.md:4:1 partial credit applies to `{.multiple}` questions only"]
    );
}

#[test]
fn pools_pick_fewer_than_all_questions() {
    use crate::quiz::testing::page_with_info;
    let block = "## A {.text}\n\n- a\n\n## B {.text}\n\n- b\n\n## C {.text}\n\n- c\n";
    let (quiz, diags) = page_with_info("quiz {#week-1 pick=2}", block).parse();
    assert!(diags.is_empty(), "{diags:?}");
    let quiz = quiz.unwrap();
    assert_eq!((quiz.id.as_str(), quiz.pick), ("week-1", Some(2)));
    assert_eq!(crate::quiz::testing::quiz(block).pick, None);

    let (quiz, diags) = page_with_info("quiz pick=3", block).parse();
    assert_eq!(quiz.unwrap().pick, None);
    assert_eq!(
        diags,
        ["m/quiz.md:3:4 `pick=3` picks every question of this quiz of 3"]
    );
    for bad in ["pick=0", "pick=x", "pick=-1", "pick="] {
        let (quiz, diags) = page_with_info(&format!("quiz {bad}"), block).parse();
        assert!(quiz.is_none());
        assert_eq!(
            diags,
            [format!(
                "m/quiz.md:3:4 `{bad}` is not a number of questions"
            )]
        );
    }
}
