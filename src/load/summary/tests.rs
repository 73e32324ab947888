//! Parsing SUMMARY.md text.

use super::*;
use crate::source::Sources;

fn read(text: &str) -> (Vec<Entry>, Vec<String>) {
    let mut sources = Sources::default();
    let id = sources.add("src/SUMMARY.md", text);
    let mut diags = Vec::new();
    let entries = parse(text, id, &mut diags);
    (
        entries,
        diags.iter().map(|d| d.one_line(&sources)).collect(),
    )
}

/// A compact view: `1.2 Title -> dest`, indented by depth.
fn outline(entries: &[Entry], depth: usize, out: &mut Vec<String>) {
    for e in entries {
        let pad = "  ".repeat(depth);
        match e {
            Entry::Part(t) => out.push(format!("{pad}# {t}")),
            Entry::Separator => out.push(format!("{pad}---")),
            Entry::Link(l) => {
                let n = l.number.as_ref().map_or(String::new(), |n| {
                    n.iter().map(|x| format!("{x}.")).collect::<String>() + " "
                });
                out.push(format!("{pad}{n}{} -> {}", l.title, l.dest));
                outline(&l.children, depth + 1, out);
            }
        }
    }
}

fn shape(text: &str) -> (Vec<String>, Vec<String>) {
    let (entries, diags) = read(text);
    let mut out = Vec::new();
    outline(&entries, 0, &mut out);
    (out, diags)
}

#[test]
fn every_feature() {
    let text = "\
<!-- comment -->
# Summary

[Introduction](README.md)
[Foreword](./fore%20word.md)

---

- [First](01/README.md)
  - [A `code` title](01/a.md)
  - [Draft]()
    - [Deep](01/deep.md)
- [Second](02.md)

---

- [Third](03.md)

# Part Two

- [Fourth](04.md)
  1. [Sub](04/sub.md)

[Afterword](after.md)

---

[Credits](credits.md)
";
    let (out, diags) = shape(text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        out,
        vec![
            "Introduction -> README.md",
            "Foreword -> ./fore%20word.md",
            "---",
            "1. First -> 01/README.md",
            "  1.1. A code title -> 01/a.md",
            "  1.2. Draft -> ",
            "    1.2.1. Deep -> 01/deep.md",
            "2. Second -> 02.md",
            "---",
            "3. Third -> 03.md",
            "# Part Two",
            "4. Fourth -> 04.md",
            "  4.1. Sub -> 04/sub.md",
            "Afterword -> after.md",
            "---",
            "Credits -> credits.md",
        ]
    );
}

#[test]
fn separators_between_suffix_chapters() {
    let (out, diags) = shape("- [A](a.md)\n\n[B](b.md)\n\n---\n\n[C](c.md)\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out, vec!["1. A -> a.md", "B -> b.md", "---", "C -> c.md"]);
}

#[test]
fn spans_point_at_links() {
    let text = "# Summary\n\n- [A](a.md)\n  - [B](b.md)\n";
    let (entries, _) = read(text);
    let Entry::Link(a) = &entries[0] else {
        panic!()
    };
    assert_eq!(&text[a.span.clone()], "[A](a.md)");
    let Entry::Link(b) = &a.children[0] else {
        panic!()
    };
    assert_eq!(&text[b.span.clone()], "[B](b.md)");
}

#[test]
fn items_that_are_not_links() {
    let (out, diags) =
        shape("# Summary\n\n- [A](a.md)\n- Not a link\n  - [Lost](lost.md)\n-\n- [B](b.md)\n");
    assert_eq!(out, vec!["1. A -> a.md", "2. B -> b.md"]);
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].starts_with("error: src/SUMMARY.md:4:3: each list item"),
        "{diags:?}"
    );
    assert!(
        diags[1].starts_with("error: src/SUMMARY.md:6:1: each list item"),
        "{diags:?}"
    );
}

#[test]
fn list_after_suffix_chapters() {
    let (out, diags) = shape("- [A](a.md)\n\n[B](b.md)\n\n- [C](c.md)\n");
    assert_eq!(out, vec!["1. A -> a.md", "B -> b.md"]);
    assert_eq!(
        diags,
        vec!["error: src/SUMMARY.md:5:1: a numbered list or part title cannot follow the suffix chapters"]
    );
}

#[test]
fn destinations() {
    assert_eq!(
        normalize_dest("./a/./b%20c.md#x").as_deref(),
        Ok("a/b c.md")
    );
    assert_eq!(normalize_dest("a/../b.md").as_deref(), Ok("b.md"));
    assert!(normalize_dest("../b.md").unwrap_err().contains("outside"));
    assert!(normalize_dest("/b.md").unwrap_err().contains("relative"));
    assert!(normalize_dest("https://x.fi/a.md")
        .unwrap_err()
        .contains("not a Markdown"));
    assert!(normalize_dest("img.png")
        .unwrap_err()
        .contains("not a Markdown"));
    assert!(normalize_dest("%ff.md").is_err());
}

#[test]
fn byte_order_mark() {
    let text = "\u{feff}- [A](a.md)\n";
    let (entries, diags) = read(text);
    assert!(diags.is_empty());
    let Entry::Link(a) = &entries[0] else {
        panic!()
    };
    assert_eq!(&text[a.span.clone()], "[A](a.md)");
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    for text in [
        "",
        "# Summary",
        "-",
        "- [",
        "---\n---",
        "# A\n# B\n\n- [x]()",
        "\u{feff}- [A](a.md)",
        "1. [A](a.md)\n\n   - [B](b.md)\n\n      text\n",
    ] {
        let _ = read(text);
    }
}

proptest::proptest! {
    #[test]
    fn any_text_parses_without_panic(text in "[-#\\[\\]()*a-z0-9 \n\t>`]{0,80}") {
        let _ = read(&text);
    }
}
