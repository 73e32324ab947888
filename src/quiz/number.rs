//! The accepted answers of a `{.number}` question as authors write them:
//! `52`, a range `40..60`, or a tolerance `52 +- 2` (also `52 ± 2`), with a
//! dot as the decimal separator.

use super::NumberAnswer;

const NUMBER_NOTE: &str =
    "write a number (`52`, `3.5`), a range (`40..60`) or a number with a tolerance (`52 +- 2`)";

/// `52`, `40..60`, `52 +- 2` or `52 ± 2` to an answer; on failure, the
/// message and a note.
pub(super) fn parse_number(written: &str) -> Result<NumberAnswer, (String, &'static str)> {
    let normal = written
        .replace('…', "...")
        .replace('±', "+-")
        .replace('\u{2212}', "-");
    let s = normal.trim();
    let not_a_number = || {
        let note = if s.contains(',') {
            "use a dot as the decimal separator: `3.5` (participants may type `3,5`)"
        } else {
            NUMBER_NOTE
        };
        (format!("`{written}` is not a number"), note)
    };
    if let Some((a, b)) = s.split_once("...").or_else(|| s.split_once("..")) {
        let (a, b) = (
            plain(a).ok_or_else(not_a_number)?,
            plain(b).ok_or_else(not_a_number)?,
        );
        if a > b {
            return Err((
                format!("the range `{written}` ends before it starts"),
                "write the smaller number first: `40..60`",
            ));
        }
        Ok(NumberAnswer::Range(a, b))
    } else if let Some((v, t)) = s.split_once("+-") {
        let (v, t) = (
            plain(v).ok_or_else(not_a_number)?,
            plain(t).ok_or_else(not_a_number)?,
        );
        if t < 0.0 || !(v - t).is_finite() || !(v + t).is_finite() {
            return Err((
                format!("the tolerance in `{written}` must be a positive number"),
                "write it as `52 +- 2`",
            ));
        }
        Ok(NumberAnswer::Tolerance(v, t))
    } else {
        plain(s).map(NumberAnswer::Exact).ok_or_else(not_a_number)
    }
}

/// A plain decimal number; Rust's own parser also takes `inf` and `NaN`,
/// which are no answer a participant can type.
fn plain(s: &str) -> Option<f64> {
    let s = s.trim();
    let digits = s.bytes().any(|b| b.is_ascii_digit());
    let allowed = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if !digits || !allowed {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberAnswer::*;

    #[test]
    fn numbers_exact_ranges_and_tolerances() {
        assert_eq!(parse_number("52"), Ok(Exact(52.0)));
        assert_eq!(parse_number(" -3.5 "), Ok(Exact(-3.5)));
        assert_eq!(parse_number("1e3"), Ok(Exact(1000.0)));
        assert_eq!(parse_number("40..60"), Ok(Range(40.0, 60.0)));
        assert_eq!(parse_number("-10 .. -5"), Ok(Range(-10.0, -5.0)));
        assert_eq!(parse_number("1…3"), Ok(Range(1.0, 3.0)));
        assert_eq!(parse_number("52 +- 2"), Ok(Tolerance(52.0, 2.0)));
        assert_eq!(parse_number("52 ± 0.5"), Ok(Tolerance(52.0, 0.5)));
        assert_eq!(Tolerance(52.0, 2.0).bounds(), (50.0, 54.0));
    }

    #[test]
    fn bad_numbers() {
        for bad in [
            "", "abc", "inf", "NaN", "1e999", "3,5", "1..", "..2", "5 +- x", "--", ".",
        ] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
        assert!(parse_number("3,5").unwrap_err().1.contains("decimal"));
        assert!(parse_number("60..40")
            .unwrap_err()
            .0
            .contains("ends before"));
        assert!(parse_number("5 +- -1").unwrap_err().0.contains("tolerance"));
    }
}
