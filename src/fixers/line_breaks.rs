//! Line break conventions.

use std::borrow::Cow;

use super::rewrite::rewrite;

/// Turns every line break into `\n`: CRLF, a lone CR, LINE SEPARATOR
/// U+2028, PARAGRAPH SEPARATOR U+2029 and NEXT LINE U+0085.
///
/// A form feed and a vertical tab are not line breaks here. U+0085 is more
/// often mojibake for `…` than a line break, so the pipeline runs this after
/// the encoding repair. This is ftfy's `fix_line_breaks`.
///
/// ```
/// use unmojibake::fixers::fix_line_breaks;
///
/// assert_eq!(fix_line_breaks("one\r\ntwo\rthree\u{2028}four"), "one\ntwo\nthree\nfour");
/// assert_eq!(fix_line_breaks("\r\n\r"), "\n\n");
/// ```
pub fn fix_line_breaks(text: &str) -> Cow<'_, str> {
    // U+0085 is C2 85 in UTF-8, and U+2028 and U+2029 are E2 80 A8 and A9.
    rewrite(
        text,
        |b| (b == b'\r') | (b == 0xC2) | (b == 0xE2),
        |rest| match rest.chars().next()? {
            '\r' if rest.as_bytes().get(1) == Some(&b'\n') => Some((2, '\n'.into())),
            c @ ('\r' | '\u{85}' | '\u{2028}' | '\u{2029}') => Some((c.len_utf8(), '\n'.into())),
            _ => None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(fix_line_breaks, CLEAN, CLEAN);
        check(
            fix_line_breaks,
            "a\nb\n\n\x0c\x0b\u{a0}\u{84}\u{2027}\u{202a}",
            "a\nb\n\n\x0c\x0b\u{a0}\u{84}\u{2027}\u{202a}",
        );
    }

    #[test]
    fn unifies() {
        check(
            fix_line_breaks,
            "Content-type: text/plain\r\n\r\nHi.",
            "Content-type: text/plain\n\nHi.",
        );
        check(
            fix_line_breaks,
            "Microsoft \r trolls",
            "Microsoft \n trolls",
        );
        check(
            fix_line_breaks,
            "What is this \u{85} I don't",
            "What is this \n I don't",
        );
        check(
            fix_line_breaks,
            "made of:\u{2029}1. Unicode\u{2028}2. Spite",
            "made of:\n1. Unicode\n2. Spite",
        );
    }

    #[test]
    fn runs_of_cr_and_lf() {
        check(fix_line_breaks, "\r\n\r", "\n\n");
        check(fix_line_breaks, "\r\r\n", "\n\n");
        check(fix_line_breaks, "\n\r", "\n\n");
        check(fix_line_breaks, "\r\n\r\n", "\n\n");
        check(fix_line_breaks, "\r", "\n");
        check(fix_line_breaks, "end\r", "end\n");
        check(fix_line_breaks, "\r\u{85}\u{2028}\n", "\n\n\n\n");
    }
}
