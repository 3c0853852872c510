//! Unicode normalization forms.

use std::borrow::Cow;

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
    let chars = text.chars();
    let quick = match form {
        Normalization::Nfc => is_nfc_quick(chars),
        Normalization::Nfd => is_nfd_quick(chars),
        Normalization::Nfkc => is_nfkc_quick(chars),
        Normalization::Nfkd => is_nfkd_quick(chars),
    };
    let normal = match quick {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => text.chars().eq(normalized(text, form)),
    };
    if normal {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalized(text, form).collect())
    }
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
}
