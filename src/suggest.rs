//! "Did you mean": the known name nearest to a misspelt one, for every
//! message about an unknown key, kind, language, page or anchor.
//!
//! Names are compared without regard to case and with `_` and `-` counted
//! alike, by edit distance (with swapped neighbours as one edit); a suggestion is made only when
//! the distance is small for the word's length, so a wild guess is never
//! offered.

/// The candidate nearest to `word`, when it is near enough.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted = fold(word);
    let limit = match wanted.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .filter(|c| !c.is_empty() && *c != word)
        .map(|c| (distance(&wanted, &fold(c)), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for the nearest candidate, when there is one.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    nearest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Lower case, with `_` as `-`.
fn fold(s: &str) -> String {
    s.to_lowercase().replace('_', "-")
}

/// Edit distance by characters, with a swap of two neighbours counting as
/// one edit (optimal string alignment), since `titel` is one slip.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_the_issue_find_their_key() {
        let keys = ["title", "authors", "description", "language", "src"];
        assert_eq!(nearest("author", keys), Some("authors"));
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("Language", keys), Some("language"));
        let quiz = ["pass-mark"];
        assert_eq!(nearest("passmark", quiz), Some("pass-mark"));
        assert_eq!(nearest("pass_mark", quiz), Some("pass-mark"));
        let front = ["objectives", "duration", "weight"];
        assert_eq!(nearest("objetives", front), Some("objectives"));
        assert_eq!(nearest("durration", front), Some("duration"));
        assert_eq!(nearest("site_url", ["site-url", "theme"]), Some("site-url"));
        assert_eq!(nearest("quizz", ["quiz", "book", "build"]), Some("quiz"));
        assert_eq!(nearest("pyhton", ["python", "rust"]), Some("python"));
    }

    #[test]
    fn no_wild_guesses() {
        assert_eq!(nearest("colour", ["title", "src"]), None);
        assert_eq!(nearest("xy", ["xz"]), None);
        assert_eq!(nearest("tags", ["title"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("titel", "title"), 1);
    }
}
