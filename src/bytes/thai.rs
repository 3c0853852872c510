//! Thai spelling, as far as telling Thai text from other bytes read as
//! windows-874 needs: which signs may follow which.

/// The parts of Thai spelling that [`broken`] tells apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Thai {
    Consonant,
    /// ล, the one letter that follows ฯ (in ฯลฯ, "et cetera").
    Lo,
    /// เ แ โ ใ ไ, written before the consonant they follow in speech.
    LeadingVowel,
    /// ะ า ำ ๅ, written after a syllable's consonant and its marks.
    FollowingVowel,
    /// Vowels written above or below a consonant (ั ิ ี ึ ื ุ ู ฺ).
    VowelMark,
    /// Tone marks and the other signs above a consonant (็ ่ ้ ๊ ๋ ์ ํ ๎).
    ToneMark,
    /// ๐ to ๙.
    Digit,
    /// ฯ, which ends an abbreviated word.
    Paiyannoi,
    /// Signs that modern text does not use: ๏ ๚ ๛.
    Obsolete,
    Other,
}

impl Thai {
    fn of(c: char) -> Thai {
        match c {
            '\u{E25}' => Thai::Lo,
            '\u{E2F}' => Thai::Paiyannoi,
            '\u{E01}'..='\u{E2E}' => Thai::Consonant,
            '\u{E40}'..='\u{E44}' => Thai::LeadingVowel,
            '\u{E30}' | '\u{E32}' | '\u{E33}' | '\u{E45}' => Thai::FollowingVowel,
            '\u{E31}' | '\u{E34}'..='\u{E3A}' => Thai::VowelMark,
            '\u{E47}'..='\u{E4E}' => Thai::ToneMark,
            '\u{E50}'..='\u{E59}' => Thai::Digit,
            '\u{E4F}' | '\u{E5A}' | '\u{E5B}' => Thai::Obsolete,
            _ => Thai::Other,
        }
    }

    fn is_letter(self) -> bool {
        matches!(
            self,
            Thai::Consonant | Thai::Lo | Thai::LeadingVowel | Thai::FollowingVowel
        )
    }
}

/// Is `next` right after `prev` a break of Thai spelling? A mark with no
/// consonant under it, a following vowel with no syllable before it, a
/// leading vowel with no consonant after it, a Thai digit glued to a Thai
/// letter, a letter glued to the end of an abbreviation, an obsolete sign.
/// Pass a space as `next` to check the end of a text.
pub(super) fn broken(prev: char, next: char) -> bool {
    use Thai::*;
    let (a, b) = (Thai::of(prev), Thai::of(next));
    if a == Other && b == Other {
        return false;
    }
    let consonant = matches!(a, Consonant | Lo);
    match b {
        _ if a == LeadingVowel && !matches!(b, Consonant | Lo) => true,
        VowelMark => !consonant,
        ToneMark => !consonant && a != VowelMark,
        FollowingVowel => !(consonant || matches!(a, VowelMark | ToneMark)),
        Obsolete => true,
        Digit => a.is_letter(),
        _ if a == Digit => b.is_letter(),
        Consonant | LeadingVowel => a == Paiyannoi,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::broken;

    /// The number of breaks in `text`, ends included.
    fn breaks(text: &str) -> usize {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(text.chars())
            .chain(std::iter::once(' '))
            .collect();
        chars.windows(2).filter(|w| broken(w[0], w[1])).count()
    }

    #[test]
    fn thai_text_is_not_broken() {
        for text in [
            "ภาษาไทยเป็นภาษาที่สวยงาม",
            "สวัสดีครับ ยินดีต้อนรับ",
            "กรุงเทพฯ เป็นเมืองหลวง",
            "ฯลฯ",
            "ปี ๒๕๖๗",
        ] {
            assert_eq!(breaks(text), 0, "{text}");
        }
    }

    #[test]
    fn bytes_of_other_scripts_read_as_thai_are() {
        // 안녕, 세상아! and 감사합니다. in EUC-KR, read as windows-874.
        assert!(breaks("พศณ็, ผผป๓พฦ!") >= 1);
        assert!(breaks("ฐจป็วีดฯดู.") >= 1);
        assert_eq!(breaks("่ก"), 1);
        assert_eq!(breaks("าก"), 1);
        assert_eq!(breaks("เ"), 1);
        assert_eq!(breaks("๏"), 1);
    }
}
