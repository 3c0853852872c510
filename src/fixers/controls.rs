//! Control and format characters that are never meant as text.

use std::borrow::Cow;

use super::rewrite::map_chars;

/// Removes control characters that text almost never means to contain:
///
/// * the ASCII controls U+0000–U+0008, U+000B, U+000E–U+001F and U+007F;
/// * the deprecated format characters U+206A–U+206F;
/// * the byte order mark U+FEFF, wherever it is;
/// * the interlinear annotation characters U+FFF9–U+FFFB and the object
///   replacement character U+FFFC.
///
/// Kept: tab, line feed, form feed and carriage return; the C1 controls
/// U+0080–U+009F, which are evidence for the encoding repair; joiners and
/// bidirectional marks (U+200C–U+200F, U+202A–U+202E); the musical
/// notation format characters; and the tag characters of emoji flags.
/// ESC is removed too, which is why the pipeline removes terminal escapes
/// first. This is ftfy's `remove_control_chars`.
///
/// ```
/// use unmojibake::fixers::remove_control_chars;
///
/// assert_eq!(remove_control_chars("\u{FEFF}Hello\u{0}\u{7}, world\u{7F}"), "Hello, world");
/// assert_eq!(remove_control_chars("tab\tnew\nline\u{200D}"), "tab\tnew\nline\u{200D}");
/// ```
pub fn remove_control_chars(text: &str) -> Cow<'_, str> {
    // U+206A..U+206F start with E2 in UTF-8, U+FEFF and U+FFF9..U+FFFC with EF.
    map_chars(
        text,
        |b| {
            (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0C) & (b != b'\r')
                | (b == 0x7F)
                | (b == 0xE2)
                | (b == 0xEF)
        },
        |c| {
            matches!(
                c,
                '\u{0}'..='\u{8}'
                    | '\u{B}'
                    | '\u{E}'..='\u{1F}'
                    | '\u{7F}'
                    | '\u{206A}'..='\u{206F}'
                    | '\u{FEFF}'
                    | '\u{FFF9}'..='\u{FFFC}'
            )
            .then_some("".into())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(remove_control_chars, CLEAN, CLEAN);
        let kept = "\t\n\x0c\r\u{80}\u{85}\u{9f}\u{200c}\u{200d}\u{200e}\u{200f}\u{202a}\u{202e}\
            \u{2028}\u{2029}\u{2069}\u{2070}\u{FEFE}\u{FFF8}\u{FFFD}\u{1D173}\u{E0067}";
        check(remove_control_chars, kept, kept);
    }

    #[test]
    fn removes() {
        check(
            remove_control_chars,
            "\u{0}\u{8}\u{b}\u{e}\u{1b}\u{1f}\u{7f}",
            "",
        );
        check(remove_control_chars, "a\u{206a}b\u{206f}c", "abc");
        check(
            remove_control_chars,
            "\u{FEFF}Where do you want to go today?",
            "Where do you want to go today?",
        );
        check(remove_control_chars, "mid\u{FEFF}dle", "middle");
        check(
            remove_control_chars,
            "\u{FFF9}ruby\u{FFFA}note\u{FFFB}\u{FFFC}",
            "rubynote",
        );
    }

    #[test]
    fn every_character_below_0x80() {
        for b in 0u8..0x80 {
            let one = char::from(b).to_string();
            let removed = remove_control_chars(&one).is_empty();
            let kept = b >= 0x20 && b != 0x7F || matches!(b, b'\t' | b'\n' | 0x0C | b'\r');
            assert_eq!(removed, !kept, "byte {b:#04x}");
        }
    }
}
