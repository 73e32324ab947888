//! Helpers for the quiz tests: a fake page that holds one block, and a
//! quiz with every kind of question.

use super::*;
use crate::source::Sources;

/// The contract's example, plus a prompt with code and feedback on a
/// wrong choice: every kind of question.
pub const EXAMPLE: &str = r#"## What do customers value most from a company on social media?

- [ ] Daily special offers
  > Offers alone give little reason to follow a company.
- [x] Fast, helpful customer service
  > Right: messages are sent and a "quick" answer is expected.
- [ ] Captivating brand stories

> Customer service came first in what users themselves asked for.

## Which of these can a company hand to an outside partner? {.multiple}

- [x] Building the technical tools for customer participation
- [ ] Answering the comments under its own posts

## A company account should be less like a mirror and more like a ... {.text}

> [!TIP]
> It answers when you shout into it.

- forest
- a forest

## Posting once a week, how many posts is that in a year? {.number}

- 52
- 50..53
- 52 +- 1.5

## What does this print? {.single}

```rust
fn main() { println!("{}", 1 + 1); }
```

- [ ] `11`
- [x] `2`

## Put the steps in order. {.order}

1. Decide why you are on social media
2. Set a goal and a measure
3. Publish and take part in the conversation
4. Look at the results and adjust
"#;

/// A page `m/quiz.md` with a heading and a blank line, then the block
/// fenced with the info string `info`.
pub struct Page {
    pub sources: Sources,
    pub offset: usize,
    pub info: String,
    pub strings: Strings,
}

/// The fence opens on line 3; the block's first line is line 4.
pub fn page(block: &str) -> Page {
    page_with_info("quiz", block)
}

/// Like [`page`], with another info string.
pub fn page_with_info(info: &str, block: &str) -> Page {
    let prefix = format!("# Quiz\n\n```{info}\n");
    let text = format!("{prefix}{block}```\n");
    let mut sources = Sources::default();
    sources.add("m/quiz.md", text);
    Page {
        sources,
        offset: prefix.len(),
        info: info.to_string(),
        strings: Strings::new("en", &BTreeMap::new()),
    }
}

impl Page {
    pub fn ctx(&self) -> QuizContext<'_> {
        QuizContext {
            file: 0,
            page_path: "m/quiz.md",
            index: 0,
            typography: Typography::English,
            highlight: false,
            strings: &self.strings,
            pass_mark: 100,
        }
    }

    /// The block's text.
    pub fn block(&self) -> &str {
        let text = &self.sources.get(0).text;
        &text[self.offset..text.len() - 4]
    }

    /// Parses the block; the diagnostics too.
    pub fn diagnostics(&self) -> (Option<Quiz>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let quiz = parse(
            &self.info,
            self.block(),
            self.offset,
            &self.ctx(),
            &mut diags,
        );
        (quiz, diags)
    }

    /// Parses the block; the diagnostics as `PATH:LINE:COL message`.
    pub fn parse(&self) -> (Option<Quiz>, Vec<String>) {
        let (quiz, diags) = self.diagnostics();
        let lines = diags
            .iter()
            .map(|d| format!("{} {}", d.position(&self.sources), d.message))
            .collect();
        (quiz, lines)
    }
}

/// Parses a block that must be free of errors.
pub fn quiz(block: &str) -> Quiz {
    let (quiz, diags) = page(block).parse();
    assert!(diags.is_empty(), "{diags:#?}");
    quiz.expect("a quiz")
}
