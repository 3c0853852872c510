//! Unicode normalization forms.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{
    is_nfc_quick, is_nfd_quick, is_nfkc_quick, is_nfkd_quick, IsNormalized, UnicodeNormalization,
};

/// A Unicode normalization form, as defined by UAX #15.
///
/// ```
/// use unmojibake::fixers::Normalization;
///
/// assert_eq!(Normalization::default(), Normalization::Nfc);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Normalization {
    /// Canonical composition: `e` + U+0301 becomes `é`. What ftfy applies
    /// by default, and the form most text is already in.
    #[default]
    Nfc,
    /// Canonical decomposition: `é` becomes `e` + U+0301.
    Nfd,
    /// Compatibility composition: NFC that also replaces compatibility
    /// characters (`ﬁ` → `fi`, `²` → `2`, `Ｌ` → `L`). It changes meaning
    /// in places (`x²` → `x2`).
    Nfkc,
    /// Compatibility decomposition.
    Nfkd,
}

/// Puts `text` into the normalization form `form`, borrowing it when it is
/// in that form already.
///
/// A quick check decides most texts without building anything; only where
/// it cannot tell is the normalized text compared with the input, still
/// without allocating. This is the `normalization` step of ftfy's
/// `fix_text`.
///
/// ```
/// use std::borrow::Cow;
/// use unmojibake::fixers::{normalize, Normalization};
///
/// assert_eq!(normalize("cafe\u{301}", Normalization::Nfc), "café");
/// assert_eq!(normalize("café", Normalization::Nfd), "cafe\u{301}");
/// assert_eq!(normalize("ﬁ²", Normalization::Nfkc), "fi2");
/// assert!(matches!(normalize("café", Normalization::Nfc), Cow::Borrowed(_)));
/// ```
pub fn normalize(text: &str, form: Normalization) -> Cow<'_, str> {
    // Every normalization form leaves ASCII alone, and this test is much
    // faster than the quick check's walk over the chars.
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    // Line by line: a line break is a starter that composes with nothing,
    // so no form reaches across it, and the slow path (a quick check that
    // says "maybe", or "no") then costs only the lines that need it.
    let mut out: Option<String> = None;
    let mut done = 0;
    for line in text.split_inclusive('\n') {
        let start = done;
        done += line.len();
        if line.is_ascii() || is_normal(line, form) {
            if let Some(out) = out.as_mut() {
                out.push_str(line);
            }
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let mut s = String::with_capacity(text.len() + 16);
            s.push_str(&text[..start]);
            s
        });
        out.extend(normalized(line, form));
    }
    match out {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// Whether `text` is in `form`: the quick check, and where it cannot tell,
/// a comparison with the normalized text.
fn is_normal(text: &str, form: Normalization) -> bool {
    if form == Normalization::Nfc && {
        let bmp = plain_bmp();
        text.chars().all(|c| plainly_nfc(bmp, c))
    } {
        return true;
    }
    let chars = text.chars();
    let quick = match form {
        Normalization::Nfc => is_nfc_quick(chars),
        Normalization::Nfd => is_nfd_quick(chars),
        Normalization::Nfkc => is_nfkc_quick(chars),
        Normalization::Nfkd => is_nfkd_quick(chars),
    };
    match quick {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => text.chars().eq(normalized(text, form)),
    }
}

/// Characters that are in NFC whatever surrounds them: NFC quick check
/// "yes" and combining class 0 (a text of only such characters is in NFC).
/// Most text is made of them, and the library's quick check is slow; so
/// the property is looked up, from a bitset of the BMP that the library
/// fills on first use, and for the emoji and the ideographs beyond it.
/// `bmp` is [`plain_bmp`], fetched once for a whole text.
#[inline]
fn plainly_nfc(bmp: &[u64; 1024], c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x2FF => true,
        0x300..=0xFFFF => bmp[u as usize / 64] >> (u % 64) & 1 != 0,
        0x1_F000..=0x1_FAFF | 0x2_0000..=0x2_A6DF => true,
        _ => false,
    }
}

/// Bit `u` (of word `u / 64`) for each BMP code point `u` whose character
/// is plainly in NFC (see [`plainly_nfc`]).
fn plain_bmp() -> &'static [u64; 1024] {
    static TABLE: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u64; 1024]);
        for u in 0..0x1_0000u32 {
            let plain = char::from_u32(u).is_some_and(|c| {
                canonical_combining_class(c) == 0
                    && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            });
            if plain {
                table[u as usize / 64] |= 1 << (u % 64);
            }
        }
        table
    })
}

/// The chars of `text` in `form`.
fn normalized(text: &str, form: Normalization) -> Box<dyn Iterator<Item = char> + '_> {
    match form {
        Normalization::Nfc => Box::new(text.nfc()),
        Normalization::Nfd => Box::new(text.nfd()),
        Normalization::Nfkc => Box::new(text.nfkc()),
        Normalization::Nfkd => Box::new(text.nfkd()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;

    #[test]
    fn plainly_nfc_is_the_property() {
        for c in [
            'a', 'é', 'Ά', 'Ж', 'Ա', 'ა', 'क', 'ก', '中', '가', '😀', '𠀀',
        ] {
            assert!(plainly_nfc(plain_bmp(), c), "{c:?}");
        }
        // Combining marks, and characters NFC replaces (Devanagari `क़`,
        // a CJK compatibility ideograph, the ohm sign).
        for c in [
            '\u{301}', '\u{94D}', '\u{E48}', '\u{958}', '\u{F900}', '\u{2126}',
        ] {
            assert!(!plainly_nfc(plain_bmp(), c), "{c:?}");
        }
        // Whatever the table says is plain is NFC alone and before any
        // plain character.
        for u in (0x300..0x1_0000u32).step_by(7) {
            let Some(c) = char::from_u32(u).filter(|&c| plainly_nfc(plain_bmp(), c)) else {
                continue;
            };
            let text: String = [c, 'a', c].iter().collect();
            assert!(text.nfc().eq(text.chars()), "{c:?}");
        }
    }

    fn nfc(text: &str) -> Cow<'_, str> {
        normalize(text, Normalization::Nfc)
    }

    fn nfd(text: &str) -> Cow<'_, str> {
        normalize(text, Normalization::Nfd)
    }

    fn nfkc(text: &str) -> Cow<'_, str> {
        normalize(text, Normalization::Nfkc)
    }

    fn nfkd(text: &str) -> Cow<'_, str> {
        normalize(text, Normalization::Nfkd)
    }

    #[test]
    fn clean_text_is_borrowed() {
        check(nfc, CLEAN, CLEAN);
        check(nfkc, CLEAN, CLEAN);
        check(nfd, "e\u{301} ascii", "e\u{301} ascii");
        check(nfkd, "e\u{301} ascii", "e\u{301} ascii");
        for form in [
            Normalization::Nfc,
            Normalization::Nfd,
            Normalization::Nfkc,
            Normalization::Nfkd,
        ] {
            assert!(matches!(normalize("", form), Cow::Borrowed(_)));
            assert!(matches!(normalize("plain ASCII", form), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn composes_and_decomposes() {
        check(nfc, "cafe\u{301}", "café");
        check(nfd, "café", "cafe\u{301}");
        check(nfkc, "ﬁ x² Ｌ ｶﾞ", "fi x2 L ガ");
        check(nfkd, "ﬁ é", "fi e\u{301}");
        check(nfc, "\u{1100}\u{1161}", "가");
    }

    #[test]
    fn maybe_that_is_normal_is_borrowed() {
        // U+0301 is "maybe" in NFC's quick check; after `q` nothing composes.
        check(nfc, "q\u{301}", "q\u{301}");
        check(nfkc, "q\u{301}", "q\u{301}");
    }

    #[test]
    fn reorders_marks() {
        // Dot below (class 220) sorts before acute (class 230).
        check(nfd, "q\u{301}\u{323}", "q\u{323}\u{301}");
        check(nfc, "q\u{301}\u{323}", "q\u{323}\u{301}");
    }

    #[test]
    fn the_plain_ranges_are_nfc() {
        for range in [
            0..0x300u32,
            0x388..0x400,
            0x400..0x483,
            0x48A..0x500,
            0x5D0..0x5EB,
            0x621..0x64B,
            0xE01..0xE31,
            0xE40..0xE47,
            0x1E00..0x1F00,
            0x2010..0x2028,
            0x2030..0x205F,
            0x20A0..0x20C0,
            0x3000..0x302A,
            0x3041..0x3097,
            0x30A0..0x3100,
            0x4E00..0xA000,
            0xAC00..0xD7A4,
            0xFF01..0xFFEF,
        ] {
            for c in range.filter_map(char::from_u32) {
                assert!(plainly_nfc(plain_bmp(), c));
                let s = c.to_string();
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
                assert_eq!(
                    unicode_normalization::char::canonical_combining_class(c),
                    0,
                    "{c:?}"
                );
            }
        }
    }
}
