//! What choosing a legacy code page needs on top of the plausibility
//! model. The model judges characters one by one and in pairs, as it must
//! to find mojibake; some wrong readings of a line are made of characters
//! that are each plausible, and plausible in pairs. Cyrillic bytes read as
//! windows-1252 are accented Latin letters (`Ïðèâåò` for `Привет`);
//! Japanese bytes read as GBK hold kana, which Chinese text does not;
//! Korean bytes read as windows-874 are Thai letters that break Thai
//! spelling. And some right readings hold what the model suspects in
//! mojibake: `¡` and `«` before a word. These costs are added to the
//! model's only when the candidate decodings of one line are compared.

use super::thai;
use crate::codec::Codec;
use crate::score::classes::{
    HALF_KANA, HAN, HANGUL, HANGUL_RARE, HAN_MID, HAN_RARE, HIRAGANA, KATAKANA, LATIN_LEAD,
    LATIN_LOWER, LATIN_MID, LATIN_RARE, LATIN_UPPER,
};
use crate::score::{class, pair_cost, unary_cost};

/// What a decoding pays for each Latin letter beyond ASCII past
/// [`SOUP_FREE`] in a row: no language writes words like `Ïðèâåò`, which
/// is what Cyrillic, Greek, Hebrew or Arabic bytes read as a Latin code
/// page look like, while `öö` or `ęż` are common enough.
const SOUP: i32 = 3;
const SOUP_FREE: usize = 2;
/// What a decoding pays for each character its codec's users do not
/// write: kana in Chinese or Korean, Hangul in Chinese or Japanese.
const FOREIGN: i32 = 3;
/// What a decoding pays for each break of Thai spelling (see `thai.rs`).
/// The model scores Thai letters one by one, so without this any bytes
/// from A1 to FB read as windows-874 are plausible Thai; Korean and
/// Chinese bytes read so break its spelling often.
const THAI_BROKEN: i32 = 4;
/// What a decoding pays for an ASCII space between two ideographs, and
/// for ASCII sentence punctuation right after one: Chinese and Japanese
/// do not space words and punctuate with full-width marks, while Korean,
/// whose EUC-KR bytes read as GBK or Big5 are common ideographs, does both.
const SPACED_HAN: i32 = 2;
const HAN_ASCII_PUNCT: i32 = 1;
/// What a decoding pays for an ASCII symbol or bracket glued between two
/// letters beyond ASCII (`จฎด[คบ`): the trail bytes of GBK, Big5,
/// Shift_JIS and EUC-KR include 0x40 to 0x7E, so other readings of their
/// text have these in the middle of words, where no script puts them.
const GLUED_ASCII: i32 = 4;
/// What a decoding pays for each bopomofo letter: real in Taiwanese
/// phonetic annotation, but GB2312's full-width digits and punctuation
/// read as Big5 are bopomofo, which the model finds cheaper than what
/// they are.
const BOPOMOFO: i32 = 2;

/// The writing a CJK codec's users produce, for [`FOREIGN`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Users {
    Chinese,
    Japanese,
    Korean,
    Other,
}

fn users(codec: Option<Codec>) -> Users {
    match codec {
        Some(Codec::Gbk | Codec::Gb18030 | Codec::Big5) => Users::Chinese,
        Some(Codec::ShiftJis | Codec::EucJp) => Users::Japanese,
        Some(Codec::EucKr) => Users::Korean,
        _ => Users::Other,
    }
}

/// The extra cost of `text` as the decoding of a line by `codec` (`None`
/// for UTF-8).
pub(super) fn fit_cost(text: &str, codec: Option<Codec>) -> i32 {
    let users = users(codec);
    let mut cost = 0i32;
    let mut streak = 0usize;
    // The two characters before `c`; spaces stand for the start of text.
    let (mut prev2, mut prev) = (' ', ' ');
    for c in text.chars() {
        let k = class(c);
        let is_han = matches!(k, HAN | HAN_MID | HAN_RARE);
        let mut extra = 0;
        if is_han && prev == ' ' && is_ideograph(prev2) {
            extra += SPACED_HAN;
        }
        if is_ideograph(prev) && matches!(c, '.' | ',' | '!' | '?') {
            extra += HAN_ASCII_PUNCT;
        }
        if is_wide_letter(prev2) && is_glue(prev) && is_wide_letter(c) {
            extra += GLUED_ASCII;
        }
        if thai::broken(prev, c) {
            extra += THAI_BROKEN;
        }
        if matches!(c, '\u{3105}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}') {
            extra += BOPOMOFO;
        }
        if matches!(
            k,
            LATIN_LOWER | LATIN_UPPER | LATIN_LEAD | LATIN_MID | LATIN_RARE
        ) {
            streak += 1;
            if streak > SOUP_FREE {
                extra += SOUP;
            }
        } else {
            streak = 0;
        }
        let foreign = match users {
            Users::Chinese => matches!(k, HIRAGANA | KATAKANA | HALF_KANA | HANGUL | HANGUL_RARE),
            Users::Japanese => matches!(k, HANGUL | HANGUL_RARE),
            Users::Korean => matches!(k, HIRAGANA | KATAKANA | HALF_KANA),
            Users::Other => false,
        };
        if foreign {
            extra += FOREIGN;
        }
        extra -= western_mark_refund(prev, c);
        cost = cost.saturating_add(extra);
        (prev2, prev) = (prev, c);
    }
    if thai::broken(prev, ' ') {
        cost = cost.saturating_add(THAI_BROKEN);
    }
    cost
}

/// What the model charges for a Western punctuation mark used as Western
/// text uses it, handed back so that the right reading of a windows-1252
/// line does not lose to the windows-1250 or ISO-8859-2 one (`¡Olé` is
/// `ĄOlé` there, `«Sí»` is `ŤSíť`, `1.º` is `1.ş`): `¡`, `¿` and `«`
/// before a letter, `»` after one, `º` and `ª` after a digit or a full
/// stop, `µ` before a letter.
fn western_mark_refund(prev: char, c: char) -> i32 {
    let mark = match (prev, c) {
        ('¡' | '¿' | '«' | 'µ', c) if c.is_alphabetic() => prev,
        (p, '»') if p.is_alphabetic() => c,
        ('0'..='9' | '.', 'º' | 'ª') => c,
        _ => return 0,
    };
    unary_cost(class(mark)) + pair_cost(class(prev), class(c))
}

fn is_ideograph(c: char) -> bool {
    matches!(class(c), HAN | HAN_MID | HAN_RARE)
}

/// A letter beyond ASCII, of any script.
fn is_wide_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

/// ASCII symbols and brackets that no script glues inside a word.
fn is_glue(c: char) -> bool {
    matches!(
        c,
        '@' | '[' | '\\' | ']' | '^' | '_' | '`' | '{' | '|' | '}' | '~' | '<' | '>' | '='
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soup_costs_only_past_two_letters() {
        assert_eq!(fit_cost("Töölö café", Some(Codec::Windows1252)), 0);
        assert_eq!(fit_cost("Ïðèâåò", Some(Codec::Windows1252)), 4 * SOUP);
    }

    #[test]
    fn thai_spelling() {
        assert_eq!(fit_cost("ภาษาไทย เป็นภาษาที่สวยงาม", None), 0);
        // Korean bytes read as windows-874: a letter after the
        // abbreviation sign ฯ, a leading vowel before `!`.
        assert_eq!(fit_cost("พศณ็วฯผผฟไ!", None), 2 * THAI_BROKEN);
        assert_eq!(fit_cost("เ", None), THAI_BROKEN);
    }

    #[test]
    fn spaced_ideographs() {
        assert_eq!(fit_cost("救崇窍技夸!", None), HAN_ASCII_PUNCT);
        assert_eq!(fit_cost("宑规阿窍 捞具扁", None), SPACED_HAN);
        assert_eq!(fit_cost("你好，世界！", None), 0);
    }

    #[test]
    fn glued_ascii_and_bopomofo() {
        assert_eq!(fit_cost("จฎด[คบ", None), GLUED_ASCII);
        assert_eq!(fit_cost("l'été [été]", None), 0);
        assert_eq!(fit_cost("菴ㄠㄡ", None), 2 * BOPOMOFO);
    }

    #[test]
    fn western_marks_are_refunded() {
        let refund = |text: &str| -fit_cost(text, Some(Codec::Windows1252));
        assert_eq!(
            refund("a ¡Olé!"),
            crate::score::text_cost("¡O") - crate::score::text_cost("O")
        );
        assert!(refund("«Sí», 1.º, 5 µg") > 0);
        assert_eq!(refund("¡ ¿"), 0);
    }

    #[test]
    fn foreign_scripts() {
        assert_eq!(fit_cost("これは", Some(Codec::Gbk)), 3 * FOREIGN);
        assert_eq!(fit_cost("これは", Some(Codec::ShiftJis)), 0);
        assert_eq!(fit_cost("中文汉字", Some(Codec::EucJp)), 0);
        assert_eq!(fit_cost("한국어", Some(Codec::Gbk)), 3 * FOREIGN);
        assert_eq!(fit_cost("한국어", Some(Codec::EucKr)), 0);
    }
}
