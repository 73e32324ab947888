//! Unit tests of worksheet blocks: prompts and help, ids, errors at their line, rendering.

use super::*;
use crate::source::Sources;

fn ctx(strings: &Strings) -> WorksheetContext<'_> {
    WorksheetContext {
        file: FileId::default(),
        page_path: "01-a/harjoitus.md",
        index: 0,
        typography: Typography::Finnish,
        strings,
    }
}

fn parse_text(info: &str, text: &str) -> (Option<Worksheet>, Vec<String>) {
    let strings = Strings::new("en", &Default::default());
    let mut diags = Vec::new();
    // The block starts after a fence line of 13 bytes, as on a page.
    let page = format!("```worksheet\n{text}```\n");
    let ws = parse(info, text, 13, 0..3, &ctx(&strings), &mut diags);
    let mut sources = Sources::default();
    let id = sources.add("p.md", page);
    assert_eq!(id, FileId::default());
    let lines = diags.iter().map(|d| d.one_line(&sources)).collect();
    (ws, lines)
}

#[test]
fn headings_are_prompts_and_text_under_them_is_help() {
    let (ws, diags) = parse_text(
        "worksheet",
        "## Why are we there? (one sentence)\n\nSee [the plan](../plan.md).\n\n### Which channels? {#channels}\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ws = ws.unwrap();
    assert_eq!(ws.id, "ws-01-a-harjoitus-1");
    assert_eq!(ws.prompts.len(), 2);
    assert_eq!(ws.prompts[0].id, "1");
    assert_eq!(ws.prompts[0].text, "Why are we there? (one sentence)");
    assert!(ws.prompts[0]
        .help
        .as_deref()
        .unwrap()
        .contains("href=\"../plan.html\""));
    assert_eq!(ws.prompts[1].id, "channels");
    assert_eq!(ws.key(&ws.prompts[1]), "ws-01-a-harjoitus-1:channels");
}

#[test]
fn the_fence_may_name_the_worksheet() {
    let (ws, diags) = parse_text("worksheet {#plan-1}", "# Goal\n");
    assert!(diags.is_empty());
    assert_eq!(ws.unwrap().id, "plan-1");
    let (_, diags) = parse_text("worksheet colour=red", "# Goal\n");
    assert_eq!(diags.len(), 1);
    assert!(diags[0].starts_with("warning: p.md:1:1:"), "{diags:?}");
}

#[test]
fn malformed_blocks_are_errors_at_their_line_and_column() {
    let (ws, diags) = parse_text("worksheet", "Some text first\n\n## Goal\n");
    assert!(ws.is_none());
    assert!(
        diags[0].starts_with("error: p.md:2:1: this text comes before"),
        "{diags:?}"
    );

    let (ws, diags) = parse_text("worksheet", "\n\n");
    assert!(ws.is_none());
    assert!(diags[0].contains("has no prompts"), "{diags:?}");

    let (ws, diags) = parse_text("worksheet", "## Goal\n\n##\n");
    assert!(ws.is_none());
    assert!(
        diags[0].starts_with("error: p.md:4:1: this worksheet prompt is empty"),
        "{diags:?}"
    );

    let (ws, diags) = parse_text("worksheet", "## A {#x}\n## B {#x}\n");
    assert!(ws.is_none());
    assert!(
        diags[0].starts_with("error: p.md:3:1: two prompts"),
        "{diags:?}"
    );

    let (ws, diags) = parse_text("worksheet {#a:b}", "## A\n");
    assert!(ws.is_none());
    assert!(diags[0].contains("cannot be a worksheet id"), "{diags:?}");
}

#[test]
fn comments_before_the_first_prompt_are_fine() {
    let (ws, diags) = parse_text("worksheet", "<!-- for the trainer -->\n\n## Goal\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ws.unwrap().prompts.len(), 1);
}

#[test]
fn each_prompt_is_a_labelled_text_area() {
    let (ws, _) = parse_text("worksheet", "## Why \"us\"?\n\nA hint.\n\n## Next\n");
    let strings = Strings::new("fi", &Default::default());
    let html = render(&ws.unwrap(), "../", &strings);
    assert!(
        html.contains(
            "<label class=\"worksheet-label\" for=\"ws-01-a-harjoitus-1-1\">Why ”us”?</label>"
        ),
        "{html}"
    );
    assert!(html.contains("<textarea class=\"worksheet-answer\" id=\"ws-01-a-harjoitus-1-1\" name=\"ws-01-a-harjoitus-1-1\" rows=\"4\" data-key=\"ws-01-a-harjoitus-1:1\" aria-describedby=\"ws-01-a-harjoitus-1-1-help\"></textarea>"), "{html}");
    assert!(html.contains("href=\"../my-answers.html\""));
    assert!(!html.contains("ws-01-a-harjoitus-1-2-help"));
}

proptest::proptest! {
    #[test]
    fn any_text_parses_without_panic(text in "(#{0,3} ?[a-z{}#=:<!>-]{0,8}\n){0,6}") {
        let _ = parse_text("worksheet", &text);
    }
}
