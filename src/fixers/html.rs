//! HTML character references: `&eacute;`, `&#233;`, `&#xE9;`.

use std::borrow::Cow;

use super::rewrite::{rewrite, Replacement};
use super::tables::{ENTITY_ENDS, ENTITY_NAMES, ENTITY_VALUES};
use crate::codec::{sb_tables, single_byte};

/// ftfy only looks at 1 to 24 letters and digits between `&` or `&#` and
/// the `;`; a longer run is left alone even when it names an entity.
const MAX_BODY: usize = 24;

/// Decodes the HTML character references in `text` that end in `;`.
///
/// Named references are those of HTML5, plus an all-capitals spelling of
/// each all-lowercase name (`&EACUTE;` → `É`, `&SZLIG;` → `SS`) where that
/// spelling is not itself an entity or the start of one; mixed case such as
/// `&nTILDE;` is left alone. Numeric references (`&#233;`, `&#xE9;`) decode
/// as in an HTML5 parser: 0, surrogates and values past U+10FFFF become
/// U+FFFD, 128–159 are read as windows-1252, and noncharacters and most C0
/// and C1 controls are removed. Legacy references without the `;`
/// (`&amp`, `&eacute`) are not decoded, as they are too often plain text
/// (`this&not that`). Each reference is decoded once: `&amp;lt;` becomes
/// `&lt;`.
///
/// This is ftfy's `unescape_html`; see [`unescape_html_auto`] for the form
/// that leaves HTML source alone.
///
/// ```
/// use unmojibake::fixers::unescape_html;
///
/// assert_eq!(unescape_html("P&eacute;rez &amp; P&EACUTE;REZ"), "Pérez & PÉREZ");
/// assert_eq!(unescape_html("&#x263A; &#9731; &lt;b&gt;"), "☺ ☃ <b>");
/// assert_eq!(unescape_html("AT&T and this&not that"), "AT&T and this&not that");
/// assert_eq!(unescape_html("&amp;eacute;"), "&eacute;");
/// ```
pub fn unescape_html(text: &str) -> Cow<'_, str> {
    rewrite(text, |b| b == b'&', reference)
}

/// [`unescape_html`], unless `text` contains a `<`: then it is probably
/// HTML source, whose entities are meant to stay as they are, and comes back
/// unchanged.
///
/// This is what ftfy's default `unescape_html="auto"` does for each piece
/// of text it fixes.
///
/// ```
/// use std::borrow::Cow;
/// use unmojibake::fixers::unescape_html_auto;
///
/// assert_eq!(unescape_html_auto("caf&eacute;"), "café");
/// assert!(matches!(unescape_html_auto("<p>caf&eacute;</p>"), Cow::Borrowed(_)));
/// ```
pub fn unescape_html_auto(text: &str) -> Cow<'_, str> {
    if text.contains('<') {
        Cow::Borrowed(text)
    } else {
        unescape_html(text)
    }
}

/// The reference at the start of `rest` (which starts with `&`), with its
/// length, if it is one that is decoded.
fn reference(rest: &str) -> Option<(usize, Replacement)> {
    let bytes = rest.as_bytes();
    let numeric = bytes.get(1) == Some(&b'#');
    let start = 1 + usize::from(numeric);
    let body_len = bytes[start..]
        .iter()
        .take(MAX_BODY + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if body_len == 0 || body_len > MAX_BODY || bytes.get(start + body_len) != Some(&b';') {
        return None;
    }
    let body = &rest[start..start + body_len];
    let replacement = if numeric {
        numeric_reference(body)?
    } else {
        Replacement::Str(named_reference(body)?)
    };
    Some((start + body_len + 1, replacement))
}

/// The value of the named entity `name` (without `&` and `;`).
fn named_reference(name: &str) -> Option<&'static str> {
    let span = |i: usize, text: &'static str, end: fn(&(u16, u16)) -> u16| {
        let start = if i == 0 { 0 } else { end(&ENTITY_ENDS[i - 1]) };
        &text[usize::from(start)..usize::from(end(&ENTITY_ENDS[i]))]
    };
    let (mut lo, mut hi) = (0, ENTITY_ENDS.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match span(mid, ENTITY_NAMES, |e| e.0).cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(span(mid, ENTITY_VALUES, |e| e.1)),
        }
    }
    None
}

/// What `&#BODY;` decodes to, with `body` such as `233` or `xE9`.
fn numeric_reference(body: &str) -> Option<Replacement> {
    let (digits, radix) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (body, 10),
    };
    // A body that is not all digits is left whole: ftfy keeps a reference
    // that an HTML parser would decode only in part (`&#12ab;`).
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Every value past U+10FFFF decodes alike, so counting stops there and
    // 24 digits cannot overflow.
    let value = digits.chars().fold(0u32, |acc, c| {
        (acc * radix + c.to_digit(radix).unwrap_or(0)).min(0x11_0000)
    });
    let decoded = match value {
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
        // As in the HTML5 parser: a reference to a C1 control is read as
        // the windows-1252 byte, which is what its author had in mind.
        0x80..=0x9F => single_byte::decode_byte(sb_tables::SLOPPY_WINDOWS_1252, value as u8)?,
        0x01..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F | 0xFDD0..=0xFDEF => return Some("".into()),
        v if v & 0xFFFE == 0xFFFE => return Some("".into()),
        v => char::from_u32(v)?,
    };
    // ftfy keeps a reference whose decoding still holds a `;`, which is how
    // it spots a partial decoding, and so it keeps `&#59;` too.
    (decoded != ';').then_some(Replacement::Char(decoded))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(unescape_html, CLEAN, CLEAN);
        check(unescape_html, "", "");
        check(
            unescape_html,
            "AT&T; this&not that; &; &&; &#; &#x;",
            "AT&T; this&not that; &; &&; &#; &#x;",
        );
    }

    #[test]
    fn named() {
        check(unescape_html, "&lt;tag&gt;", "<tag>");
        check(unescape_html, "P&eacute;rez", "Pérez");
        check(
            unescape_html,
            "&Jscr;ohn &HilbertSpace;ancock",
            "𝒥ohn ℋancock",
        );
        check(unescape_html, "&checkmark;&frac12;&nbsp;", "✓½\u{a0}");
        check(unescape_html, "&NotEqualTilde;", "\u{2242}\u{338}");
        check(unescape_html, "&ClockwiseContourIntegral;", "∲");
    }

    #[test]
    fn names_longer_than_ftfy_looks_at_stay() {
        let long = "&CounterClockwiseContourIntegral;";
        check(unescape_html, long, long);
    }

    #[test]
    fn capitals() {
        check(unescape_html, "P&EACUTE;REZ", "PÉREZ");
        check(unescape_html, "BUNDESSTRA&SZLIG;E", "BUNDESSTRASSE");
        check(
            unescape_html,
            "&ntilde; &Ntilde; &NTILDE; &nTILDE;",
            "ñ Ñ Ñ &nTILDE;",
        );
        check(unescape_html, "&FRAC12;", "½");
        // Real entities keep their own meaning: `&ETH;` is not `&eth;` in capitals.
        check(unescape_html, "&ETH; &eth; &AMP; &LT;", "Ð ð & <");
        // `&LTIMES;` starts with the legacy `&LT`, so it has no capital form.
        check(unescape_html, "&LTIMES; &ltimes;", "&LTIMES; ⋉");
    }

    #[test]
    fn without_semicolon_stays() {
        for text in [
            "&amp",
            "&eacute",
            "caf&eacute ",
            "&lt3",
            "&#233",
            "&#xE9 ",
            "&",
        ] {
            check(unescape_html, text, text);
        }
    }

    #[test]
    fn decoded_once_only() {
        check(unescape_html, "&amp;eacute;", "&eacute;");
        check(unescape_html, "&amp;amp;", "&amp;");
        check(unescape_html, "&amp;#233;", "&#233;");
        check(unescape_html, "&&amp;", "&&");
        check(unescape_html, "&#38;amp;", "&amp;");
    }

    #[test]
    fn at_the_ends() {
        check(unescape_html, "caf&eacute;", "café");
        check(unescape_html, "&eacute;t&eacute;", "été");
        check(unescape_html, "end &", "end &");
        check(unescape_html, "end &amp", "end &amp");
        check(unescape_html, "end &#", "end &#");
        check(unescape_html, "end &#x", "end &#x");
    }

    #[test]
    fn numeric() {
        check(unescape_html, "&#233;&#xE9;&#XE9;&#xe9;&#000233;", "ééééé");
        check(unescape_html, "&#x1F600;&#128512;", "😀😀");
        check(unescape_html, "&#13;&#9;&#10;", "\r\t\n");
        check(unescape_html, "&#128;&#x99;&#150;", "€™–");
        // windows-1252 leaves these five undefined; they stay C1 controls.
        check(
            unescape_html,
            "&#x81;&#x8D;&#x8F;&#x90;&#x9D;",
            "\u{81}\u{8d}\u{8f}\u{90}\u{9d}",
        );
    }

    #[test]
    fn invalid_numbers() {
        check(unescape_html, "a&#0;b&#x0;", "a\u{FFFD}b\u{FFFD}");
        check(
            unescape_html,
            "&#xD800;&#xDFFF;&#55296;",
            "\u{FFFD}\u{FFFD}\u{FFFD}",
        );
        check(
            unescape_html,
            "&#x110000;&#1114112;&#x10FFFF0;",
            "\u{FFFD}\u{FFFD}\u{FFFD}",
        );
        check(
            unescape_html,
            "x&#1;&#x7F;&#11;&#31;&#xFDD0;&#xFFFE;&#x10FFFF;y",
            "xy",
        );
        check(unescape_html, "&#x10FFFD;", "\u{10FFFD}");
    }

    #[test]
    fn huge_numbers() {
        let decimal = format!("&#{};", "9".repeat(24));
        check(unescape_html, &decimal, "\u{FFFD}");
        let hex = format!("&#x{};", "F".repeat(23));
        check(unescape_html, &hex, "\u{FFFD}");
        // Past 24 characters ftfy does not look at all.
        let longer = format!("&#{};", "9".repeat(25));
        check(unescape_html, &longer, &longer);
    }

    #[test]
    fn malformed_numbers_stay() {
        for text in [
            "&#x;", "&#X;", "&#xG1;", "&#12ab;", "&#-1;", "&#ab;", "&#xx41;", "&#ﾀ;",
        ] {
            check(unescape_html, text, text);
        }
        // ftfy keeps a reference that decodes to `;`.
        check(unescape_html, "&#59;&#x3B;", "&#59;&#x3B;");
    }

    #[test]
    fn unknown_names_stay() {
        for text in ["&bogus;", "&nTILDE;", "&Eacute2;", "&éacute;", "&a-b;"] {
            check(unescape_html, text, text);
        }
    }

    #[test]
    fn auto_leaves_html_source() {
        check(unescape_html_auto, "caf&eacute; &amp; bar", "café & bar");
        check(
            unescape_html_auto,
            "<b>caf&eacute;</b>",
            "<b>caf&eacute;</b>",
        );
        check(unescape_html_auto, "1 &lt; 2 < 3", "1 &lt; 2 < 3");
    }

    #[test]
    fn entity_table_is_sorted_and_whole() {
        let names: Vec<&str> = (0..ENTITY_ENDS.len())
            .map(|i| {
                let start = if i == 0 { 0 } else { ENTITY_ENDS[i - 1].0 };
                &ENTITY_NAMES[usize::from(start)..usize::from(ENTITY_ENDS[i].0)]
            })
            .collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.iter().all(|n| (1..=MAX_BODY).contains(&n.len())));
        assert_eq!(
            ENTITY_ENDS.last().map(|e| usize::from(e.0)),
            Some(ENTITY_NAMES.len())
        );
        assert_eq!(
            ENTITY_ENDS.last().map(|e| usize::from(e.1)),
            Some(ENTITY_VALUES.len())
        );
        assert!(names.iter().all(|n| named_reference(n).is_some()));
    }
}
