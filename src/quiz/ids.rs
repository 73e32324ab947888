//! Stable identity: a quiz's id (from its info string, else from the page
//! path and the block's position) and the seeded shuffle of `{.order}`
//! items, which must be the same on every build.

use std::ops::Range;

use crate::diagnostics::Diagnostic;

use super::QuizContext;

/// The default id of the `index`-th (0-based) quiz of a page: the page path
/// without its extension, lower-cased, with every run of other characters
/// than letters and digits as `-`, then the 1-based position:
/// `01-a/Quiz.md`, 0 -> `01-a-quiz-1`.
pub fn default_id(page_path: &str, index: usize) -> String {
    let stem = page_path
        .strip_suffix(".md")
        .or_else(|| page_path.strip_suffix(".markdown"))
        .unwrap_or(page_path);
    let mut out = String::with_capacity(stem.len() + 4);
    for ch in stem.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if !out.is_empty() && !out.ends_with('-') {
        out.push('-');
    }
    if out.is_empty() {
        out.push_str("quiz-");
    }
    out.push_str(&(index + 1).to_string());
    out
}

/// The quiz's id from its info string (`quiz {#my-id}`, `quiz id=my-id`),
/// else [`default_id`]. `fence` is the span to blame for a bad info string.
pub(super) fn quiz_id(
    info: &str,
    fence: Range<usize>,
    ctx: &QuizContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut id = None;
    for token in info.split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ',')) {
        // The page renderer takes `quiz`, `.quiz` and `{.quiz}` alike.
        if matches!(token, "quiz" | ".quiz") || token.starts_with("pick=") {
            continue;
        }
        let value = if let Some(v) = token.strip_prefix('#') {
            v
        } else if let Some(v) = token.strip_prefix("id=") {
            v.trim_matches(|c| c == '"' || c == '\'')
        } else {
            if !token.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        ctx.file,
                        fence.clone(),
                        format!("unknown quiz option `{token}` is ignored"),
                    )
                    .with_note("a quiz block takes an id and a pool size: ```quiz {#my-id pick=5}"),
                );
            }
            continue;
        };
        if value.is_empty()
            || !value
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    fence.clone(),
                    format!("`{value}` cannot be a quiz id"),
                )
                .with_note(
                    "a quiz id is made of letters, digits, `-` and `_`, e.g. ```quiz {#week-1}",
                ),
            );
            return None;
        }
        id = Some(value.to_string());
    }
    Some(id.unwrap_or_else(|| default_id(ctx.page_path, ctx.index)))
}

/// `pick=N` of the info string: how many of the quiz's `questions` each
/// attempt shows. `Some(None)` without one, `None` after an error.
pub(super) fn quiz_pick(
    info: &str,
    fence: Range<usize>,
    questions: usize,
    ctx: &QuizContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<usize>> {
    let Some(value) = info
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ','))
        .rev()
        .find_map(|t| t.strip_prefix("pick="))
    else {
        return Some(None);
    };
    match value
        .trim_matches(|c| c == '"' || c == '\'')
        .parse::<usize>()
    {
        Ok(n) if n >= 1 && n < questions => Some(Some(n)),
        Ok(n) if n >= questions => {
            diags.push(
                Diagnostic::warning(
                    ctx.file,
                    fence,
                    format!("`pick={n}` picks every question of this quiz of {questions}"),
                )
                .with_note("pick fewer questions than the quiz has, or remove `pick`"),
            );
            Some(None)
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    fence,
                    format!("`pick={value}` is not a number of questions"),
                )
                .with_note(
                    "write how many questions each attempt shows, e.g. ```quiz {#week-1 pick=5}",
                ),
            );
            None
        }
    }
}

/// The display order of `n` `{.order}` items: `result[k]` is the index (in
/// the correct order) of the item shown at position `k`. Seeded by the quiz
/// id and question index, so builds are deterministic; never the correct
/// order when `n >= 2`.
pub fn shuffled_order(quiz_id: &str, question: usize, n: usize) -> Vec<usize> {
    let mut next = rng(quiz_id, question, b"");
    let mut order = fisher_yates(&mut next, n);
    if n >= 2 && order.iter().enumerate().all(|(k, &i)| k == i) {
        order.rotate_left(1);
    }
    order
}

/// The display order of a choice question's choices, `right[j]` telling
/// whether choice `j` (in the author's order) is right: `result[k]` is the
/// author's index of the choice shown at position `k`. Seeded by the quiz id
/// and question index (0-based), so every build, the page without
/// JavaScript and the answer key show the same order. Whenever there is a
/// wrong choice, the shown order never begins with every right choice (so
/// the right answer of a single-choice question is never shown first).
pub fn choice_order(quiz_id: &str, question: usize, right: &[bool]) -> Vec<usize> {
    let n = right.len();
    let mut next = rng(quiz_id, question, b"choices");
    let mut order = fisher_yates(&mut next, n);
    let rights = right.iter().filter(|&&r| r).count();
    if rights < n && order[..rights].iter().all(|&j| right[j]) {
        // Swap the first shown choice with one of the wrong ones after the
        // right ones.
        let k = rights + (next() % (n - rights) as u64) as usize;
        order.swap(0, k);
    }
    order
}

/// FNV-1a over the id, question index and salt, then xorshift64*: tiny,
/// stable across platforms and Rust versions, which std's hasher is not.
fn rng(quiz_id: &str, question: usize, salt: &[u8]) -> impl FnMut() -> u64 {
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = quiz_id.bytes().chain((question as u64).to_le_bytes());
    for b in bytes.chain(salt.iter().copied()) {
        state ^= u64::from(b);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    if state == 0 {
        state = 0x9e37_79b9_7f4a_7c15;
    }
    move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn fisher_yates(next: &mut impl FnMut() -> u64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::testing::{page, page_with_info};

    #[test]
    fn default_ids_follow_path_and_position() {
        assert_eq!(default_id("01-a/quiz.md", 0), "01-a-quiz-1");
        assert_eq!(default_id("01-a/Tietovisa ä.md", 2), "01-a-tietovisa-ä-3");
        assert_eq!(default_id("README.md", 0), "readme-1");
        assert_eq!(default_id("", 0), "quiz-1");
        assert_eq!(default_id("../?.md", 1), "quiz-2");
    }

    #[test]
    fn ids_from_the_info_string() {
        for info in [
            "quiz {#my-id}",
            "quiz id=my-id",
            "quiz {id=\"my-id\"}",
            "quiz  #my-id",
        ] {
            let (quiz, diags) = page_with_info(info, "## Q {.text}\n\n- a\n").parse();
            assert!(diags.is_empty(), "{info}: {diags:?}");
            assert_eq!(quiz.unwrap().id, "my-id", "{info}");
        }
        assert_eq!(
            page("## Q {.text}\n\n- a\n").parse().0.unwrap().id,
            "m-quiz-1"
        );
    }

    #[test]
    fn bad_ids_and_options_point_at_the_fence() {
        let (quiz, diags) = page_with_info("quiz {#a:b}", "## Q {.text}\n\n- a\n").parse();
        assert!(quiz.is_none());
        assert_eq!(diags, ["m/quiz.md:3:4 `a:b` cannot be a quiz id"]);
        let (quiz, diags) = page_with_info("quiz shuffle", "## Q {.text}\n\n- a\n").parse();
        assert!(quiz.is_some());
        assert_eq!(
            diags,
            ["m/quiz.md:3:4 unknown quiz option `shuffle` is ignored"]
        );
    }

    #[test]
    fn shuffle_is_stable_and_never_correct() {
        assert_eq!(shuffled_order("x", 0, 5), shuffled_order("x", 0, 5));
        assert_eq!(shuffled_order("x", 0, 0), Vec::<usize>::new());
        assert_eq!(shuffled_order("x", 0, 1), vec![0]);
        for n in 2..12 {
            for q in 0..50 {
                let order = shuffled_order("week-1", q, n);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert_ne!(order, sorted, "n={n} q={q}");
            }
        }
        // Pinned, so a change of algorithm (which reorders every published
        // course's items) is a deliberate one.
        assert_eq!(shuffled_order("m-quiz-1", 5, 4), [2, 1, 3, 0]);
    }

    #[test]
    fn choices_are_shuffled_stably_and_never_all_right_first() {
        let right = [true, false, false, false];
        assert_eq!(choice_order("q", 3, &right), choice_order("q", 3, &right));
        let mut first_shown = [0usize; 4];
        for n in 1..9 {
            for rights in 1..=n {
                let right: Vec<bool> = (0..n).map(|j| j < rights).collect();
                for q in 0..200 {
                    let order = choice_order("week-1", q, &right);
                    let mut sorted = order.clone();
                    sorted.sort_unstable();
                    assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                    if rights < n {
                        assert!(
                            !order[..rights].iter().all(|&j| right[j]),
                            "n={n} rights={rights} q={q}: {order:?}"
                        );
                    }
                    if n == 4 && rights == 1 {
                        first_shown[order[0]] += 1;
                    }
                }
            }
        }
        // The right choice is never first; the wrong ones share that place.
        assert_eq!(first_shown[0], 0);
        assert!(first_shown[1..].iter().all(|&c| c > 40), "{first_shown:?}");
        // Pinned, like the order items.
        assert_eq!(
            choice_order("m-quiz-1", 0, &[false, true, false]),
            [2, 1, 0]
        );
    }
}
