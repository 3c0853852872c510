//! Curly quotation marks.

use std::borrow::Cow;

use super::rewrite::map_chars;

/// Replaces curly quotation marks with straight ones: `‘ ’ ‚ ‛` and the
/// modifier letter apostrophe `ʼ` with `'`, and `“ ” „ ‟` with `"`.
///
/// Other quotation marks (`« »`, `‹ ›`, `「 」`, primes) are left alone.
/// This is ftfy's `uncurl_quotes`.
///
/// ```
/// use unmojibake::fixers::uncurl_quotes;
///
/// assert_eq!(uncurl_quotes("“here’s a test”"), "\"here's a test\"");
/// assert_eq!(uncurl_quotes("«ça»"), "«ça»");
/// ```
pub fn uncurl_quotes(text: &str) -> Cow<'_, str> {
    // U+02BC is CA BC in UTF-8, and U+2018..U+201F are E2 80 98..9F.
    map_chars(
        text,
        |b| b == 0xCA || b == 0xE2,
        |c| match c {
            '\u{2BC}' | '\u{2018}'..='\u{201B}' => Some('\''.into()),
            '\u{201C}'..='\u{201F}' => Some('"'.into()),
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
        check(uncurl_quotes, CLEAN, CLEAN);
        check(
            uncurl_quotes,
            "«» ‹› 「」 ′ ″ ` ´ ʻ ʽ — … ⁗",
            "«» ‹› 「」 ′ ″ ` ´ ʻ ʽ — … ⁗",
        );
    }

    #[test]
    fn straightens() {
        check(uncurl_quotes, "“here’s a test”", "\"here's a test\"");
        check(uncurl_quotes, "‘‚‛ʼ", "''''");
        check(uncurl_quotes, "“”„‟", "\"\"\"\"");
        check(uncurl_quotes, "’", "'");
    }
}
