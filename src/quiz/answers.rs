//! A question's answer list to [`Answers`]: choices from task-list items,
//! accepted texts and numbers from plain items, `{.order}` items from a
//! numbered list, with an error at the item or list for every mistake.

use super::number::parse_number;
use super::parse::Ctx;
use super::{Answers, Choice, Kind, NumberAnswer};
use crate::markdown::fragment::{self, Piece};

/// One list item: its node, and its marker, label and what follows.
struct Item<'e, 'a> {
    node: Piece<'e, 'a>,
    split: fragment::ListItem<'e, 'a>,
}

impl<'e, 'a> Item<'e, 'a> {
    fn new(node: Piece<'e, 'a>) -> Self {
        Item {
            node,
            split: node.list_item(),
        }
    }

    fn marker(&self) -> Option<bool> {
        self.split.marker
    }

    fn label(&self) -> Piece<'e, 'a> {
        self.split.label
    }

    fn is_empty(&self) -> bool {
        !self.split.label.has_content()
    }

    fn quotes(&self) -> Vec<Piece<'e, 'a>> {
        self.split
            .rest
            .iter()
            .copied()
            .filter(|n| is_quote(*n))
            .collect()
    }

    fn others(&self) -> Vec<Piece<'e, 'a>> {
        self.split
            .rest
            .iter()
            .copied()
            .filter(|n| !is_quote(*n))
            .collect()
    }
}

fn is_quote(node: Piece) -> bool {
    matches!(node.kind(), fragment::Kind::Quote { .. })
}

/// The answers of a question of kind `declared` (or the kind its list
/// implies) from its list node.
pub(super) fn answers(declared: Option<Kind>, list: Piece, cx: &mut Ctx) -> Option<Answers> {
    let items: Vec<Item> = list.inner().nodes().into_iter().map(Item::new).collect();
    match declared {
        Some(Kind::Text) => {
            let texts = plain_answers(&items, Kind::Text, cx)?;
            let mut ok = true;
            for (text, at) in &texts {
                if let Some(pattern) = super::matcher::regex_of(text) {
                    if let Err((message, note)) = super::matcher::check_regex(pattern) {
                        cx.error(at, message, note);
                        ok = false;
                    }
                }
            }
            ok.then(|| Answers::Text(texts.into_iter().map(|(t, _)| t).collect()))
        }
        Some(Kind::Number) => numbers(&items, cx).map(Answers::Number),
        Some(Kind::Order) => order(list, &items, cx).map(Answers::Order),
        Some(kind) => choices(Some(kind), list, &items, cx),
        None if items.iter().any(|i| i.marker().is_some()) => choices(None, list, &items, cx),
        None => {
            cx.error(
                &list.at(),
                "this list has no choices marked right `[x]` or wrong `[ ]`",
                "mark each choice (`- [x] right`, `- [ ] wrong`), or put the kind of answer after the question: \
                 `{.text}`, `{.number}` or `{.order}`",
            );
            None
        }
    }
}

fn choices(declared: Option<Kind>, list: Piece, items: &[Item], cx: &mut Ctx) -> Option<Answers> {
    let mut ok = true;
    for item in items {
        if item.marker().is_none() {
            let text = item.label().plain_text().to_ascii_lowercase();
            let note = if text.starts_with("[x]") || text.starts_with("[ ]") {
                "put a space after the `]`: `- [x] Right choice`"
            } else {
                "start the item with `[x]` if it is right or `[ ]` if it is wrong"
            };
            cx.error(
                &item.node.at(),
                "this choice is not marked right `[x]` or wrong `[ ]`",
                note,
            );
            ok = false;
        } else if item.is_empty() {
            cx.error(
                &item.node.at(),
                "this choice has no text",
                "write the choice on the same line as its `[ ]`; code or images may follow on the next lines",
            );
            ok = false;
        }
    }
    if items.len() < 2 {
        cx.error(
            &list.at(),
            "a choice question needs at least two choices",
            "add the wrong choices with `- [ ]`, or make it a `{.text}` or `{.number}` question",
        );
        return None;
    }
    let right = items.iter().filter(|i| i.marker() == Some(true)).count();
    if right == 0 && items.iter().all(|i| i.marker().is_some()) {
        cx.error(
            &list.at(),
            "no choice is marked right",
            "mark the right choice (or choices) with `[x]`",
        );
        ok = false;
    }
    if declared == Some(Kind::Single) && right > 1 {
        cx.error(
            &list.at(),
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
                html: cx.style.html(item.label()),
                more: (!others.is_empty()).then(|| cx.style.blocks(&others)),
                correct: item.marker() == Some(true),
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
/// where the item is (to blame).
fn plain_answers(
    items: &[Item],
    kind: Kind,
    cx: &mut Ctx,
) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    let mut out = Vec::new();
    for item in items {
        let at = item.node.at();
        if item.marker().is_some() {
            cx.error(
                &at,
                format!(
                    "the answers of a `{{.{}}}` question are not marked `[x]` or `[ ]`",
                    kind.name()
                ),
                "list each accepted answer as a plain item: `- 52`",
            );
        } else if let Some(extra) = item.split.rest.first() {
            cx.error(
                &extra.at(),
                "an accepted answer is one line",
                "to explain the answer, put a blockquote (`> ...`) after the list",
            );
        } else if item.is_empty() {
            cx.error(
                &at,
                "this answer is empty",
                "write the accepted answer after the `-`, or remove the item",
            );
        } else {
            // A `/regular expression/` is taken as written, before
            // Markdown reads `\.` or `*` in it.
            let raw = item
                .label()
                .span()
                .and_then(|span| cx.block.get(span))
                .map(str::trim)
                .filter(|raw| super::matcher::regex_of(raw).is_some());
            match raw {
                Some(raw) => out.push((raw.to_string(), at)),
                None => out.push((item.label().typed_text(cx.block), at)),
            }
        }
    }
    (out.len() == items.len()).then_some(out)
}

fn numbers(items: &[Item], cx: &mut Ctx) -> Option<Vec<NumberAnswer>> {
    let texts = plain_answers(items, Kind::Number, cx)?;
    let mut out = Vec::new();
    for (text, at) in texts {
        match parse_number(&text) {
            Ok(n) => out.push(n),
            Err((message, note)) => cx.error(&at, message, note),
        }
    }
    (out.len() == items.len()).then_some(out)
}

fn order(list: Piece, items: &[Item], cx: &mut Ctx) -> Option<Vec<String>> {
    if list.kind() != (fragment::Kind::List { numbered: true }) {
        cx.error(
            &list.at(),
            "the items of an `{.order}` question must be a numbered list",
            "number the items in the right order: `1. First`, `2. Second`, ...",
        );
        return None;
    }
    if items.len() < 2 {
        cx.error(
            &list.at(),
            "an `{.order}` question needs at least two items",
            "add the other items in order",
        );
        return None;
    }
    let mut ok = true;
    for item in items {
        if item.marker().is_some() {
            cx.error(
                &item.node.at(),
                "the items of an `{.order}` question are not marked `[x]` or `[ ]`",
                "remove the `[ ]`",
            );
            ok = false;
        } else if item.is_empty() {
            cx.error(
                &item.node.at(),
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
                let label = cx.style.html(item.label());
                if item.split.rest.is_empty() {
                    label
                } else {
                    format!("<p>{label}</p>{}", cx.style.blocks(&item.split.rest))
                }
            })
            .collect()
    })
}
