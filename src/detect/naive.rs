//! A slow, obvious version of [`super::scan`]: one code page at a time, one
//! `match` per character. The property test below checks that the
//! bit-parallel scan flags exactly the code pages this one does.

use proptest::prelude::*;

use super::utf8_as_sb::WRONG_DECODERS;
use crate::codec::sb_tables as t;
use crate::codec::single_byte::encode_char;

/// What one character is to code page `id`.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A lead byte wanting this many continuation bytes; the flag says it
    /// is one of C2, C3, C5 in a Latin code page (its sequence may end in a
    /// space that stood for A0).
    Lead(u8, bool),
    /// A continuation byte; the flag says the char is not a letter.
    Cont(bool),
    /// Anything else: ASCII, unmappable, or a byte no sequence uses.
    Other,
}

fn role(id: u8, c: char) -> Role {
    if c.is_ascii() {
        return Role::Other;
    }
    let Some(b) = encode_char(id, c) else {
        return Role::Other;
    };
    let latin = (c as u32) < 0x250 || matches!(id, t::MAC_ROMAN | t::CP437 | t::CP850);
    match b {
        0x80..=0xBF => Role::Cont(!c.is_alphabetic()),
        0xC0 | 0xC2..=0xDF => Role::Lead(1, matches!(b, 0xC2 | 0xC3 | 0xC5) && latin),
        0xE0..=0xEF => Role::Lead(2, false),
        0xF0..=0xF4 => Role::Lead(3, false),
        _ => Role::Other,
    }
}

/// Does code page `id` have a word with a complete sequence and no broken one?
fn flags(id: u8, text: &str) -> bool {
    let (mut want, mut done, mut bad) = (0u8, false, false);
    let mut a0_lead = false;
    for c in text.chars() {
        let r = role(id, c);
        // Damaged forms: `?` and U+FFFD stand for any pending byte, a space
        // for the last byte of an A0-ending lead.
        let cont = match (c, r) {
            ('?' | '\u{FFFD}', _) => want > 0,
            (' ', _) => a0_lead && want == 1,
            (_, Role::Cont(_)) => true,
            _ => false,
        };
        let punct = matches!(r, Role::Cont(true));
        let lead = matches!(r, Role::Lead(..));
        let pending = want > 0;
        let stray = cont && !pending;
        bad |= (stray && !punct) || (pending && !cont);
        done |= want == 1 && cont;
        let boundary = !(lead || cont) || (stray && punct);
        if done && !bad && boundary {
            return true;
        }
        if boundary {
            done = false;
            bad = false;
        }
        (want, a0_lead) = match r {
            Role::Lead(n, a0) => (n, a0 && n == 1),
            _ if cont && pending => (want - 1, false),
            _ => (0, false),
        };
    }
    done && !bad && want == 0
}

fn naive_scan(text: &str) -> u32 {
    WRONG_DECODERS
        .iter()
        .filter(|&&id| flags(id, text))
        .fold(0, |mask, &id| mask | 1 << id)
}

/// Characters that matter to the scan, in every role.
const ALPHABET: &[char] = &[
    'a', 'Z', ' ', '?', '.', '\u{FFFD}', '\u{A0}', 'Ã', 'Â', 'Å', 'Ä', 'é', '©', '¨', '¤', '€',
    '™', '’', '“', '”', '–', '…', 'œ', 'Š', 'ž', '\u{81}', '\u{9D}', 'Ð', 'Ñ', 'ƒ', 'Р', 'С', 'а',
    'ё', 'і', 'Γ', 'ο', '╨', '┐', '√', '≈', 'ร', 'ק', 'ع', '中', 'ｶ', '😀',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn scan_agrees_with_the_naive_scan(picks in proptest::collection::vec(0..ALPHABET.len(), 0..24)) {
        let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
        prop_assert_eq!(super::scan(&text).utf8_pairs, naive_scan(&text), "text {:?}", text);
    }
}
