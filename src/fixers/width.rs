//! Halfwidth and fullwidth forms.

use std::borrow::Cow;

use super::rewrite::map_chars;
use super::tables::{WIDTH, WIDTH_FIRST};

/// Replaces the halfwidth and fullwidth forms (U+FF01–U+FFEF) with their
/// compatibility (NFKC) forms, and the ideographic space U+3000 with a space.
///
/// Fullwidth ASCII becomes ASCII (`ＬＯＵＤ` → `LOUD`), halfwidth katakana
/// becomes ordinary katakana (`ﾀｰﾝ` → `ターン`), halfwidth Hangul becomes
/// conjoining jamo, and the fullwidth and halfwidth symbols (`￥`, `￩`) their
/// ordinary forms. Each character is replaced on its own, so `ｶﾞ` becomes
/// `カ` followed by a combining voiced mark, which NFC then composes. This
/// is ftfy's `fix_character_width`.
///
/// ```
/// use unmojibake::fixers::fix_character_width;
///
/// assert_eq!(fix_character_width("ＬＯＵＤ　ＮＯＩＳＥＳ"), "LOUD NOISES");
/// assert_eq!(fix_character_width("Ｕﾀｰﾝ"), "Uターン");
/// ```
pub fn fix_character_width(text: &str) -> Cow<'_, str> {
    // U+3000 is E3 80 80 in UTF-8; U+FF01..U+FFEF all start with EF.
    map_chars(
        text,
        |b| b == 0xE3 || b == 0xEF,
        |c| match c {
            '\u{3000}' => Some(' '.into()),
            _ => {
                let i = (c as u32).checked_sub(WIDTH_FIRST)?;
                match WIDTH.get(usize::try_from(i).ok()?) {
                    Some(&s) if !s.is_empty() => Some(s.into()),
                    _ => None,
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn clean_text_is_borrowed() {
        check(fix_character_width, CLEAN, CLEAN);
        let clean = "カタカナ 한글 ㄱ 。 \u{FFEF} \u{FFF0} \u{FEFF} \u{3001}";
        check(fix_character_width, clean, clean);
    }

    #[test]
    fn narrows_and_widens() {
        check(fix_character_width, "ＬＯＵＤ　ＮＯＩＳＥＳ", "LOUD NOISES");
        check(fix_character_width, "Ｕﾀｰﾝ", "Uターン");
        check(fix_character_width, "！～｟｠", "!~⦅⦆");
        check(fix_character_width, "ｶﾞ", "カ\u{3099}");
        check(fix_character_width, "\u{FFA1}\u{FFC2}", "\u{1100}\u{1161}");
        check(fix_character_width, "￠￡￢￣￤￥￦", "¢£¬ \u{304}¦¥₩");
        check(fix_character_width, "￨￩￪￫￬￭￮", "│←↑→↓■○");
    }

    #[test]
    fn every_form_matches_nfkc() {
        for cp in (WIDTH_FIRST..=0xFFEF).chain([0x3000]) {
            let c = char::from_u32(cp).unwrap();
            let one = c.to_string();
            let fixed = fix_character_width(&one);
            let nfkc: String = one.nfkc().collect();
            // Unassigned code points (and U+FFEF) are their own NFKC forms.
            if nfkc == one {
                assert!(matches!(fixed, Cow::Borrowed(_)), "U+{cp:04X}");
            } else {
                assert_eq!(fixed, nfkc, "U+{cp:04X}");
            }
        }
    }
}
