//! ANSI terminal escape sequences.

use std::borrow::Cow;

use super::rewrite::rewrite;
use super::tables::DECIMAL_DIGITS;

/// Removes ANSI "CSI" escape sequences: ESC `[`, any number of parameters
/// (decimal digits and `;`), then one ASCII letter, as in `\x1b[1;31m`.
///
/// Other escapes (`\x1b[?25h`, `\x1b]0;title\x07`, a lone ESC) are left
/// whole; in the pipeline [`remove_control_chars`](super::remove_control_chars)
/// then removes their ESC only. This is ftfy's `remove_terminal_escapes`;
/// as with the `\d` of its regular expression, a parameter digit may be any
/// Unicode decimal digit.
///
/// ```
/// use unmojibake::fixers::remove_terminal_escapes;
///
/// assert_eq!(remove_terminal_escapes("\x1b[36;44mI'm blue\x1b[0m"), "I'm blue");
/// assert_eq!(remove_terminal_escapes("\x1b[?25h"), "\x1b[?25h");
/// ```
pub fn remove_terminal_escapes(text: &str) -> Cow<'_, str> {
    rewrite(
        text,
        |b| b == 0x1B,
        |rest| Some((csi_len(rest)?, "".into())),
    )
}

/// The length of the CSI sequence at the start of `rest`, if there is one.
fn csi_len(rest: &str) -> Option<usize> {
    let params = rest.strip_prefix("\x1b[")?;
    let end = params
        .char_indices()
        .find(|&(_, c)| c != ';' && !is_decimal_digit(c))
        .filter(|&(_, c)| c.is_ascii_alphabetic())
        .map(|(i, _)| i)?;
    Some(2 + end + 1)
}

/// Whether `c` is a decimal digit in any script (general category Nd).
fn is_decimal_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii()
            && DECIMAL_DIGITS
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        std::cmp::Ordering::Less
                    } else if lo > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(remove_terminal_escapes, CLEAN, CLEAN);
        check(remove_terminal_escapes, "", "");
    }

    #[test]
    fn removes_csi() {
        check(
            remove_terminal_escapes,
            "\x1b[36;44mI'm blue\x1b[0m",
            "I'm blue",
        );
        check(remove_terminal_escapes, "\x1b[m\x1b[K\x1b[2J\x1b[;;H", "");
        check(remove_terminal_escapes, "a\x1b[1mb\x1b[22mc", "abc");
        check(remove_terminal_escapes, "\x1b[1m\x1b[1m", "");
    }

    #[test]
    fn unicode_digits_count_as_parameters() {
        check(remove_terminal_escapes, "\x1b[٣١mx", "x");
        check(remove_terminal_escapes, "\x1b[²m", "\x1b[²m");
    }

    #[test]
    fn other_escapes_stay() {
        for text in [
            "\x1b[?25h",
            "\x1b]0;title\x07",
            "\x1b(B",
            "\x1b",
            "\x1b[",
            "\x1b[1",
            "\x1b[1;",
            "\x1b[1 m",
            "\x1b[1;é",
            "\x1b [1m",
            "[1m",
        ] {
            check(remove_terminal_escapes, text, text);
        }
    }

    #[test]
    fn escape_at_the_end() {
        check(remove_terminal_escapes, "text\x1b[0m", "text");
        check(remove_terminal_escapes, "text\x1b[0", "text\x1b[0");
        check(remove_terminal_escapes, "text\x1b", "text\x1b");
        check(remove_terminal_escapes, "\x1b\x1b[0m", "\x1b");
    }

    #[test]
    fn digit_ranges_are_sorted_and_decimal() {
        assert!(DECIMAL_DIGITS.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(DECIMAL_DIGITS
            .iter()
            .all(|&(lo, hi)| lo <= hi && lo.is_numeric() && hi.is_numeric()));
        assert!(is_decimal_digit('٠') && is_decimal_digit('９') && !is_decimal_digit('½'));
    }
}
