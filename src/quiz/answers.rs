//! A question's answer list to [`Answers`]: choices from task-list items,
//! accepted texts and numbers from plain items, `{.order}` items from a
//! numbered list, with an error at the item or list for every mistake.

use pulldown_cmark::{Event, Tag};

use super::html::{inner, is_block, nodes, plain_text, Ev};
use super::number::parse_number;
use super::parse::Ctx;
use super::{Answers, Choice, Kind, NumberAnswer};

/// One list item, split into its first line and what follows.
struct Item<'e, 'a> {
    node: &'e [Ev<'a>],
    /// `Some(true)` for `[x]`, `Some(false)` for `[ ]`.
    marker: Option<bool>,
    /// Inline events of the first paragraph, without the task marker.
    label: &'e [Ev<'a>],
    /// Block nodes after the first paragraph.
    rest: Vec<&'e [Ev<'a>]>,
}

impl<'e, 'a> Item<'e, 'a> {
    fn new(node: &'e [Ev<'a>]) -> Self {
        let content = inner(node);
        let children = nodes(content);
        let (mut label, rest) = match children.first() {
            Some(first) if matches!(first[0].0, Event::Start(Tag::Paragraph)) => {
                (inner(first), children[1..].to_vec())
            }
            _ => {
                // A tight item: its first line is loose inline events.
                let lead = children.iter().take_while(|n| !is_block(n)).count();
                let len = children[..lead].iter().map(|n| n.len()).sum();
                (&content[..len], children[lead..].to_vec())
            }
        };
        let marker = match label.first() {
            Some((Event::TaskListMarker(done), _)) => {
                label = &label[1..];
                Some(*done)
            }
            _ => None,
        };
        Item {
            node,
            marker,
            label,
            rest,
        }
    }

    fn is_empty(&self) -> bool {
        !self.label.iter().any(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => !t.trim().is_empty(),
            Event::Start(Tag::Image { .. }) => true,
            _ => false,
        })
    }

    fn quotes(&self) -> Vec<&'e [Ev<'a>]> {
        self.rest.iter().copied().filter(|n| is_quote(n)).collect()
    }

    fn others(&self) -> Vec<&'e [Ev<'a>]> {
        self.rest.iter().copied().filter(|n| !is_quote(n)).collect()
    }
}

fn is_quote(node: &[Ev]) -> bool {
    matches!(node[0].0, Event::Start(Tag::BlockQuote(_)))
}

/// The answers of a question of kind `declared` (or the kind its list
/// implies) from its list node.
pub(super) fn answers(declared: Option<Kind>, list: &[Ev], cx: &mut Ctx) -> Option<Answers> {
    let items: Vec<Item> = nodes(inner(list)).into_iter().map(Item::new).collect();
    match declared {
        Some(Kind::Text) => {
            let texts = plain_answers(&items, Kind::Text, cx)?;
            let mut ok = true;
            for (text, at) in &texts {
                if let Some(pattern) = super::matcher::regex_of(text) {
                    if let Err((message, note)) = super::matcher::check_regex(pattern) {
                        cx.error(&at.1, message, note);
                        ok = false;
                    }
                }
            }
            ok.then(|| Answers::Text(texts.into_iter().map(|(t, _)| t).collect()))
        }
        Some(Kind::Number) => numbers(&items, cx).map(Answers::Number),
        Some(Kind::Order) => order(list, &items, cx).map(Answers::Order),
        Some(kind) => choices(Some(kind), list, &items, cx),
        None if items.iter().any(|i| i.marker.is_some()) => choices(None, list, &items, cx),
        None => {
            cx.error(
                &list[0].1,
                "this list has no choices marked right `[x]` or wrong `[ ]`",
                "mark each choice (`- [x] right`, `- [ ] wrong`), or put the kind of answer after the question: \
                 `{.text}`, `{.number}` or `{.order}`",
            );
            None
        }
    }
}

fn choices(declared: Option<Kind>, list: &[Ev], items: &[Item], cx: &mut Ctx) -> Option<Answers> {
    let mut ok = true;
    for item in items {
        if item.marker.is_none() {
            let text = plain_text(item.label).to_ascii_lowercase();
            let note = if text.starts_with("[x]") || text.starts_with("[ ]") {
                "put a space after the `]`: `- [x] Right choice`"
            } else {
                "start the item with `[x]` if it is right or `[ ]` if it is wrong"
            };
            cx.error(
                &item.node[0].1,
                "this choice is not marked right `[x]` or wrong `[ ]`",
                note,
            );
            ok = false;
        } else if item.is_empty() {
            cx.error(
                &item.node[0].1,
                "this choice has no text",
                "write the choice on the same line as its `[ ]`; code or images may follow on the next lines",
            );
            ok = false;
        }
    }
    if items.len() < 2 {
        cx.error(
            &list[0].1,
            "a choice question needs at least two choices",
            "add the wrong choices with `- [ ]`, or make it a `{.text}` or `{.number}` question",
        );
        return None;
    }
    let right = items.iter().filter(|i| i.marker == Some(true)).count();
    if right == 0 && items.iter().all(|i| i.marker.is_some()) {
        cx.error(
            &list[0].1,
            "no choice is marked right",
            "mark the right choice (or choices) with `[x]`",
        );
        ok = false;
    }
    if declared == Some(Kind::Single) && right > 1 {
        cx.error(
            &list[0].1,
            format!("a `{{.single}}` question has {right} choices marked right"),
            "leave one `[x]`, or use `{.multiple}` to let participants tick several",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let choices = items
        .iter()
        .map(|item| {
            let others = item.others();
            Choice {
                html: cx.style.html(item.label),
                more: (!others.is_empty()).then(|| cx.style.blocks(&others)),
                correct: item.marker == Some(true),
                feedback: cx.style.quoted(&item.quotes()),
            }
        })
        .collect();
    Some(Answers::Choices {
        multiple: declared == Some(Kind::Multiple) || right > 1,
        choices,
    })
}

/// The plain text of each item of a `{.text}` or `{.number}` list, with
/// the item's first event (to blame).
fn plain_answers<'e, 'a>(
    items: &[Item<'e, 'a>],
    kind: Kind,
    cx: &mut Ctx,
) -> Option<Vec<(String, &'e Ev<'a>)>> {
    let mut out = Vec::new();
    for item in items {
        let at = &item.node[0];
        if item.marker.is_some() {
            cx.error(
                &at.1,
                format!(
                    "the answers of a `{{.{}}}` question are not marked `[x]` or `[ ]`",
                    kind.name()
                ),
                "list each accepted answer as a plain item: `- 52`",
            );
        } else if let Some(extra) = item.rest.first() {
            cx.error(
                &extra[0].1,
                "an accepted answer is one line",
                "to explain the answer, put a blockquote (`> ...`) after the list",
            );
        } else if item.is_empty() {
            cx.error(
                &at.1,
                "this answer is empty",
                "write the accepted answer after the `-`, or remove the item",
            );
        } else {
            // A `/regular expression/` is taken as written, before
            // Markdown reads `\.` or `*` in it.
            let raw = match (item.label.first(), item.label.last()) {
                (Some(first), Some(last)) => cx.block.get(first.1.start..last.1.end),
                _ => None,
            }
            .map(str::trim)
            .filter(|raw| super::matcher::regex_of(raw).is_some());
            match raw {
                Some(raw) => out.push((raw.to_string(), at)),
                None => out.push((answer_text(item.label, cx.block), at)),
            }
        }
    }
    (out.len() == items.len()).then_some(out)
}

/// An accepted answer as the author typed it: smart punctuation undone (a
/// participant types `'`, not `’`), raw HTML kept as text.
fn answer_text(label: &[Ev], block: &str) -> String {
    let mut out = String::new();
    for (e, range) in label {
        match e {
            Event::Text(t) => match block.get(range.clone()) {
                Some(source @ ("'" | "\"" | "--" | "---" | "...")) => out.push_str(source),
                _ => out.push_str(t),
            },
            Event::Code(t) | Event::InlineHtml(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn numbers(items: &[Item], cx: &mut Ctx) -> Option<Vec<NumberAnswer>> {
    let texts = plain_answers(items, Kind::Number, cx)?;
    let mut out = Vec::new();
    for (text, at) in texts {
        match parse_number(&text) {
            Ok(n) => out.push(n),
            Err((message, note)) => cx.error(&at.1, message, note),
        }
    }
    (out.len() == items.len()).then_some(out)
}

fn order(list: &[Ev], items: &[Item], cx: &mut Ctx) -> Option<Vec<String>> {
    if !matches!(list[0].0, Event::Start(Tag::List(Some(_)))) {
        cx.error(
            &list[0].1,
            "the items of an `{.order}` question must be a numbered list",
            "number the items in the right order: `1. First`, `2. Second`, ...",
        );
        return None;
    }
    if items.len() < 2 {
        cx.error(
            &list[0].1,
            "an `{.order}` question needs at least two items",
            "add the other items in order",
        );
        return None;
    }
    let mut ok = true;
    for item in items {
        if item.marker.is_some() {
            cx.error(
                &item.node[0].1,
                "the items of an `{.order}` question are not marked `[x]` or `[ ]`",
                "remove the `[ ]`",
            );
            ok = false;
        } else if item.is_empty() {
            cx.error(
                &item.node[0].1,
                "this item is empty",
                "write the item's text after its number, or remove it",
            );
            ok = false;
        }
    }
    ok.then(|| {
        items
            .iter()
            .map(|item| {
                let label = cx.style.html(item.label);
                if item.rest.is_empty() {
                    label
                } else {
                    format!("<p>{label}</p>{}", cx.style.blocks(&item.rest))
                }
            })
            .collect()
    })
}
