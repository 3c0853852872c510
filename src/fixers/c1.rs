//! C1 control characters that stand for windows-1252 characters.

use std::borrow::Cow;

use super::rewrite::map_chars;
use crate::codec::{sb_tables, single_byte};

/// Replaces each C1 control character U+0080–U+009F with the windows-1252
/// character of the same byte: `\u{93}` → `“`, `\u{80}` → `€`.
///
/// Text with C1 controls was almost always windows-1252 decoded as
/// Latin-1, and this is what web browsers do with such bytes too. The five
/// bytes that windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
/// stay as they are. This is ftfy's `fix_c1_controls`.
///
/// ```
/// use unmojibake::fixers::fix_c1_controls;
///
/// assert_eq!(fix_c1_controls("\u{93}quoted\u{94} \u{80}5"), "“quoted” €5");
/// assert_eq!(fix_c1_controls("\u{81}"), "\u{81}");
/// ```
pub fn fix_c1_controls(text: &str) -> Cow<'_, str> {
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    map_chars(
        text,
        |b| b == 0xC2,
        |c| {
            let byte = u8::try_from(u32::from(c))
                .ok()
                .filter(|b| (0x80..0xA0).contains(b))?;
            single_byte::decode_byte(sb_tables::SLOPPY_WINDOWS_1252, byte)
                .filter(|&decoded| decoded != c)
                .map(Into::into)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(fix_c1_controls, CLEAN, CLEAN);
        check(
            fix_c1_controls,
            "\u{7f}\u{a0}¡ÿ \u{81}\u{8d}\u{8f}\u{90}\u{9d}",
            "\u{7f}\u{a0}¡ÿ \u{81}\u{8d}\u{8f}\u{90}\u{9d}",
        );
    }

    #[test]
    fn reads_windows_1252() {
        check(fix_c1_controls, "\u{93}quoted\u{94}", "“quoted”");
        check(fix_c1_controls, "\u{80}\u{85}\u{8a}\u{99}\u{9f}", "€…Š™Ÿ");
        check(fix_c1_controls, "\u{81}\u{80}\u{9d}", "\u{81}€\u{9d}");
    }

    #[test]
    fn every_c1_control_matches_encoding_rs() {
        for byte in 0x80u8..0xA0 {
            let c1 = char::from(byte).to_string();
            let bytes = [byte];
            let (want, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            assert_eq!(fix_c1_controls(&c1), want, "byte {byte:#04x}");
        }
    }
}
