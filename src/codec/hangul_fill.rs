//! KS X 1001's eight-byte Hangul: a syllable outside its 2,350 written as
//! the Hangul filler and three jamo (initial, vowel, final or the filler
//! again), which CPython's `euc_kr` codec writes and reads back (`똠` is
//! A4D4 A4A8 A4C7 A4B1). encoding_rs decodes each of the four to its
//! compatibility character; this puts the syllable back together.

/// The Hangul filler, U+3164.
const FILLER: char = '\u{3164}';

/// The compatibility jamo in the order of the conjoining initials
/// (U+1100 ...) and finals (U+11A8 ...), as the Unicode standard's
/// syllable composition numbers them; the vowels U+314F to U+3163 are in
/// the order of the medials already.
const INITIALS: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const FINALS: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

fn initial(c: char) -> Option<u32> {
    INITIALS.chars().position(|x| x == c).map(|i| i as u32)
}

fn vowel(c: char) -> Option<u32> {
    ('\u{314F}'..='\u{3163}')
        .contains(&c)
        .then(|| c as u32 - 0x314F)
}

/// The final's index, 0 for the filler (no final).
fn last(c: char) -> Option<u32> {
    if c == FILLER {
        return Some(0);
    }
    FINALS.chars().position(|x| x == c).map(|i| i as u32 + 1)
}

/// `text` with each filler-initial-vowel-final run made one syllable.
pub(crate) fn compose(text: String) -> String {
    if !text.contains(FILLER) {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let [FILLER, l, v, t, ..] = chars[i..] {
            if let (Some(l), Some(v), Some(t)) = (initial(l), vowel(v), last(t)) {
                let syllable = 0xAC00 + (l * 21 + v) * 28 + t;
                out.push(char::from_u32(syllable).expect("a Hangul syllable"));
                i += 4;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_byte_syllables_are_put_together() {
        let jamo = |s: &str| s.to_string();
        assert_eq!(compose(jamo("\u{3164}ㄸㅗㅁ방각하")), "똠방각하");
        assert_eq!(
            compose(jamo("\u{3164}ㅂㅞㄺ! \u{3164}ㅎㅐ\u{3164}")),
            "뷁! 해"
        );
        // A filler on its own, or before what spells no syllable, stays.
        assert_eq!(compose(jamo("\u{3164}ㅏㅏㅏ")), "\u{3164}ㅏㅏㅏ");
        assert_eq!(compose(jamo("a\u{3164}")), "a\u{3164}");
        // Every syllable the composition can make is a Hangul syllable.
        for (l, v, t) in [(0, 0, 0), (18, 20, 27)] {
            let c = char::from_u32(0xAC00 + (l * 21 + v) * 28 + t).unwrap();
            assert!(('\u{AC00}'..='\u{D7A3}').contains(&c));
        }
    }
}
