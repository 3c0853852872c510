//! Latin ligatures and digraphs stored as one character.

use std::borrow::Cow;

use super::rewrite::map_chars;
use super::tables::LIGATURES;

/// Takes apart the Latin ligatures and digraphs that are single
/// characters: `ﬁ` → `fi`, `ﬄ` → `ffl`, `ﬅ` → `ſt`, `Ĳ` → `IJ`, `ŉ` → `ʼn`,
/// and the Serbo-Croatian digraphs `Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǳ ǲ ǳ`.
///
/// These rarely mean anything but a copy-and-paste from typeset text.
/// Ligatures that are letters in their own right (`æ`, `œ`) and those of
/// other scripts are left alone. This is ftfy's `fix_latin_ligatures`.
///
/// ```
/// use unmojibake::fixers::fix_latin_ligatures;
///
/// assert_eq!(fix_latin_ligatures("ﬂuﬃest"), "fluffiest");
/// assert_eq!(fix_latin_ligatures("Cæsar"), "Cæsar");
/// ```
pub fn fix_latin_ligatures(text: &str) -> Cow<'_, str> {
    // The UTF-8 lead bytes of U+0132..U+01F3 and U+FB00..U+FB06.
    map_chars(
        text,
        |b| (b == 0xC4) | (b == 0xC5) | (b == 0xC7) | (b == 0xEF),
        |c| {
            let i = LIGATURES.binary_search_by_key(&c, |&(l, _)| l).ok()?;
            Some(LIGATURES[i].1.into())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        check(fix_latin_ligatures, CLEAN, CLEAN);
        check(
            fix_latin_ligatures,
            "æ œ Æ Œ ß ſ ĸ Ŀ ŀ ʣ ﬓ ﬗ ﬡ ｆ",
            "æ œ Æ Œ ß ſ ĸ Ŀ ŀ ʣ ﬓ ﬗ ﬡ ｆ",
        );
    }

    #[test]
    fn takes_apart() {
        check(fix_latin_ligatures, "ﬂuﬃeﬆ", "fluffiest");
        check(
            fix_latin_ligatures,
            "ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ",
            "ff fi fl ffi ffl ſt st",
        );
        check(fix_latin_ligatures, "Ĳsselmeer ĳs", "IJsselmeer ijs");
        check(fix_latin_ligatures, "ŉ", "ʼn");
        check(
            fix_latin_ligatures,
            "ǄǅǆǇǈǉǊǋǌǱǲǳ",
            "DŽDždžLJLjljNJNjnjDZDzdz",
        );
    }

    #[test]
    fn table_is_sorted() {
        assert!(LIGATURES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
