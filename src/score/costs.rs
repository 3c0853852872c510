//! The model's weights. Every number is a named constant; the pair table is
//! computed from the rules below at compile time.

use super::classes::*;

/// What a letter-bearing character class is written in, for script-change costs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    None,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    Cjk,
    HalfKana,
    Other,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
}

/// The script of a letter's class, as a small number (0 for a class
/// that is not a letter's), for detectors that compare scripts.
pub(crate) const fn script_id(k: u8) -> u8 {
    script(k) as u8
}

const fn script(k: u8) -> Script {
    match k {
        LOWER | UPPER | LATIN_LOWER | LATIN_UPPER | LATIN_LEAD | LATIN_RARE | LATIN_MID => {
            Script::Latin
        }
        GREEK_UPPER | GREEK_LOWER => Script::Greek,
        CYR_UPPER | CYR_LOWER | CYR_RARE => Script::Cyrillic,
        ARMENIAN => Script::Armenian,
        HEBREW => Script::Hebrew,
        ARABIC => Script::Arabic,
        INDIC => Script::Indic,
        BENGALI => Script::Bengali,
        GURMUKHI => Script::Gurmukhi,
        GUJARATI => Script::Gujarati,
        ORIYA => Script::Oriya,
        TAMIL => Script::Tamil,
        TELUGU => Script::Telugu,
        KANNADA => Script::Kannada,
        MALAYALAM => Script::Malayalam,
        SINHALA => Script::Sinhala,
        THAI => Script::Thai,
        GEORGIAN => Script::Georgian,
        HAN | HAN_MID | HAN_RARE | HIRAGANA | KATAKANA | HANGUL | HANGUL_RARE | BOPOMOFO => {
            Script::Cjk
        }
        HALF_KANA => Script::HalfKana,
        OTHER_LETTER | PRESENTATION => Script::Other,
        _ => Script::None,
    }
}

/// Whether two classes are an ASCII letter and a CJK character, either
/// way round: CJK text glues English words to its own (`API의`, `APIの`,
/// `API的`), so the pair costs a little but is plain text.
pub(crate) const fn cjk_ascii_junction(a: u8, b: u8) -> bool {
    (matches!(script(a), Script::Cjk) && matches!(b, LOWER | UPPER))
        || (matches!(script(b), Script::Cjk) && matches!(a, LOWER | UPPER))
}

const fn is_upper(k: u8) -> bool {
    matches!(
        k,
        UPPER | LATIN_UPPER | LATIN_LEAD | GREEK_UPPER | CYR_UPPER
    )
}

const fn is_hangul(k: u8) -> bool {
    matches!(k, HANGUL | HANGUL_RARE)
}

const fn is_han(k: u8) -> bool {
    matches!(k, HAN | HAN_MID | HAN_RARE)
}

const fn is_lower(k: u8) -> bool {
    matches!(k, LOWER | LATIN_LOWER | GREEK_LOWER | CYR_LOWER)
}

/// Symbols that real text rarely glues to letters or to each other, and
/// that single-byte code pages are full of.
const fn is_odd_symbol(k: u8) -> bool {
    matches!(
        k,
        L1_SYMBOL
            | L1_ODD
            | CURRENCY
            | LETTERLIKE
            | MATH
            | BOX
            | DINGBAT
            | MODIFIER
            | C1
            | CONTROL
            | PRIVATE
            | NONCHAR
            | OTHER
            | EXOTIC
    )
}

/// Scripts whose letters are seldom glued to ASCII digits.
const fn shuns_digits(s: Script) -> bool {
    matches!(
        s,
        Script::Hebrew
            | Script::Arabic
            | Script::Indic
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Thai
            | Script::Armenian
            | Script::Georgian
            | Script::Other
    )
}

/// A letter written in a different script from the letter before it.
const SCRIPT_CHANGE: i32 = 5;
/// A Greek letter next to a Latin one: common in science (`IL2Rγ`, `µm`).
const GREEK_LATIN_CHANGE: i32 = 2;
/// A CJK character next to an ASCII letter: common in mixed text.
const CJK_LATIN_CHANGE: i32 = 1;
/// An ASCII capital after an ASCII lowercase letter (camelCase exists).
const ASCII_CASE_FLIP: i32 = 1;
/// Any other capital right after a lowercase letter: `fÃ`, `ÑƒÑ`.
const CASE_FLIP: i32 = 5;
/// A letter followed by a common Latin-1 symbol: `Ã©`, `Ã³`.
const LETTER_THEN_SYMBOL: i32 = 3;
/// A letter followed by a rare symbol: `Ã¨`, `â€`, `Å¡`.
const LETTER_THEN_ODD: i32 = 5;
/// A letter followed by a letterlike symbol: brand names take `™`.
const LETTER_THEN_LETTERLIKE: i32 = 1;
/// An ASCII digit glued to a letter of a script that keeps them apart.
const DIGIT_GLUE: i32 = 3;
/// A symbol followed by a letter: `©x`, `€œ`.
const SYMBOL_THEN_LETTER: i32 = 2;
/// A rare symbol followed by a letter.
const ODD_THEN_LETTER: i32 = 3;
/// Two rare symbols in a row: `Â¢â€`, `™Â`.
const ODD_THEN_ODD: i32 = 2;
/// `Ã` or `Â` glued to anything but an ASCII letter or punctuation, a
/// space, an apostrophe or a brand mark.
const LEAD_GLUE: i32 = 4;
/// `Ã` or `Â` right after a digit or punctuation.
const LEAD_AFTER_NONLETTER: i32 = 3;
/// A capital accented letter followed by a dash, bullet or dagger: `Ä†`, `Ã—`.
const UPPER_THEN_PUNCT: i32 = 2;
/// A dash, bullet, dagger or per-mille sign glued to the letter after it.
const PUNCT_THEN_LETTER: i32 = 2;
/// A closing quote with a letter right after it.
const CLOSE_THEN_LETTER: i32 = 2;
/// `Ã` or `Â` right after a lowercase letter, on top of the case flip.
const LEAD_AFTER_LOWER: i32 = 3;
/// A capital accented letter followed by a Latin-1 symbol: `Ã©`, `Î³`.
const UPPER_THEN_SYMBOL: i32 = 2;
/// A no-break space glued to a letter.
const NBSP_GLUE: i32 = 1;
/// A Hangul syllable next to a Latin letter.
const HANGUL_LATIN_CHANGE: i32 = 3;
/// A letter glued to an opening low-9 quote (`Г‚`, `â„`).
const LETTER_THEN_LOW_QUOTE: i32 = 4;
/// A no-break space next to a plain space.
const NBSP_SPACE: i32 = 2;
/// Two punctuation marks of the general-punctuation block in a row: `€œ`
/// is not, but `â€œ` leaves `”‚`, `•‘`, `†”`.
const PUNCT_PILE: i32 = 2;
/// A combining mark with no letter to combine with.
const STRAY_COMBINING: i32 = 5;
/// Half-width katakana next to a letter of another script.
const HALF_KANA_MIX: i32 = 3;
/// A Hangul syllable next to an ideograph: Korean writes Hanja in whole
/// words, while Chinese bytes read as Korean alternate the two at random.
const HANGUL_HAN_MIX: i32 = 2;

const fn unary(k: u8) -> i32 {
    match k {
        SPACE | DIGIT | LOWER | UPPER | PUNCT => 0,
        SYMBOL => 1,
        CONTROL => 10,
        C1 => 20,
        NBSP => 2,
        L1_SYMBOL => 3,
        L1_ODD => 3,
        LATIN_LOWER | LATIN_UPPER => 1,
        LATIN_LEAD => 2,
        LATIN_RARE | MODIFIER => 6,
        COMBINING => 3,
        GREEK_UPPER | GREEK_LOWER | CYR_UPPER | CYR_LOWER => 1,
        CYR_RARE => 7,
        ARMENIAN => 4,
        HEBREW | ARABIC | INDIC | THAI => 1,
        BENGALI | GURMUKHI | GUJARATI | ORIYA | TAMIL | TELUGU | KANNADA | MALAYALAM | SINHALA => 1,
        GEORGIAN => 2,
        OTHER_LETTER => 6,
        // An ideograph or a syllable carries what two letters do (it takes
        // two bytes in the legacy codecs, where a letter takes one), so
        // decodings that halve the character count gain nothing by it.
        HAN | HANGUL => 2,
        HIRAGANA | KATAKANA | CJK_PUNCT => 1,
        HALF_KANA => 2,
        FULLWIDTH => 2,
        GEN_PUNCT | QUOTE | APOSTROPHE | LOW_QUOTE | CLOSE_QUOTE => 1,
        CURRENCY => 2,
        LETTERLIKE => 3,
        MATH => 2,
        BOX => 2,
        DINGBAT => 2,
        EMOJI => 2,
        FORMAT => 3,
        PRIVATE => 10,
        REPLACEMENT => 4,
        NONCHAR => 20,
        PRESENTATION => 5,
        OTHER_DIGIT => 2,
        HAN_RARE => 7,
        HAN_MID => 4,
        HANGUL_RARE => 5,
        BOPOMOFO => 4,
        EXOTIC => 10,
        LATIN_MID => 3,
        _ => 5,
    }
}

const fn pair(a: u8, b: u8) -> i32 {
    let (sa, sb) = (script(a), script(b));
    let mut cost = 0;
    if !matches!(sa, Script::None) && !matches!(sb, Script::None) {
        // Two letters in a row.
        if !matches_script(sa, sb) {
            cost += if (matches!(a, HANGUL | HANGUL_RARE) && matches!(sb, Script::Latin))
                || (matches!(b, HANGUL | HANGUL_RARE) && matches!(sa, Script::Latin))
            {
                HANGUL_LATIN_CHANGE
            } else if (matches!(sa, Script::Cjk) && matches!(b, LOWER | UPPER))
                || (matches!(sb, Script::Cjk) && matches!(a, LOWER | UPPER))
            {
                CJK_LATIN_CHANGE
            } else if (matches!(sa, Script::Greek) && matches!(sb, Script::Latin))
                || (matches!(sa, Script::Latin) && matches!(sb, Script::Greek))
            {
                GREEK_LATIN_CHANGE
            } else {
                SCRIPT_CHANGE
            };
            if matches!(sa, Script::HalfKana) || matches!(sb, Script::HalfKana) {
                cost += HALF_KANA_MIX;
            }
        } else if (is_hangul(a) && is_han(b)) || (is_han(a) && is_hangul(b)) {
            cost += HANGUL_HAN_MIX;
        } else if is_lower(a) && is_upper(b) {
            cost += if a == LOWER && b == UPPER {
                ASCII_CASE_FLIP
            } else {
                CASE_FLIP
            };
            if b == LATIN_LEAD {
                cost += LEAD_AFTER_LOWER;
            }
        }
    } else if !matches!(sa, Script::None) {
        // A letter, then something else.
        if b == GEN_PUNCT && matches!(a, LATIN_UPPER | LATIN_LEAD) {
            cost += UPPER_THEN_PUNCT;
        }
        if matches!(b, L1_SYMBOL | L1_ODD) && matches!(a, LATIN_UPPER | LATIN_LEAD) {
            cost += UPPER_THEN_SYMBOL;
        }
        if b == NBSP {
            cost += NBSP_GLUE;
        }
        if b == LOW_QUOTE {
            cost += LETTER_THEN_LOW_QUOTE;
        }
        if b == LETTERLIKE {
            cost += LETTER_THEN_LETTERLIKE;
        } else if is_odd_symbol(b) {
            cost += if b == L1_SYMBOL {
                LETTER_THEN_SYMBOL
            } else {
                LETTER_THEN_ODD
            };
        }
        if b == DIGIT && shuns_digits(sa) {
            cost += DIGIT_GLUE;
        }
    } else if !matches!(sb, Script::None) {
        // Something else, then a letter.
        if is_odd_symbol(a) {
            cost += if a == L1_SYMBOL {
                SYMBOL_THEN_LETTER
            } else {
                ODD_THEN_LETTER
            };
        }
        if a == DIGIT && shuns_digits(sb) {
            cost += DIGIT_GLUE;
        }
        if a == GEN_PUNCT {
            cost += PUNCT_THEN_LETTER;
        }
        if a == CLOSE_QUOTE {
            cost += CLOSE_THEN_LETTER;
        }
        if a == NBSP {
            cost += NBSP_GLUE;
        }
        if b == LATIN_LEAD && matches!(a, DIGIT | PUNCT | SYMBOL) {
            cost += LEAD_AFTER_NONLETTER;
        }
    } else if is_odd_symbol(a) && is_odd_symbol(b) {
        cost += ODD_THEN_ODD;
    } else if matches!(a, GEN_PUNCT | QUOTE | APOSTROPHE | LOW_QUOTE | CLOSE_QUOTE)
        && matches!(b, GEN_PUNCT | QUOTE | APOSTROPHE | LOW_QUOTE | CLOSE_QUOTE)
    {
        cost += PUNCT_PILE;
    } else if (a == NBSP && b == SPACE) || (a == SPACE && b == NBSP) {
        cost += NBSP_SPACE;
    }
    if a == LATIN_LEAD
        && !matches!(
            b,
            SPACE | NBSP | APOSTROPHE | LOWER | UPPER | PUNCT | LETTERLIKE
        )
    {
        cost += LEAD_GLUE;
    }
    if b == COMBINING && matches!(a, SPACE | PUNCT | SYMBOL | NBSP | CONTROL | C1) {
        cost += STRAY_COMBINING;
    }
    cost
}

const fn matches_script(a: Script, b: Script) -> bool {
    a as u8 == b as u8
}

const fn build_pairs() -> [[i8; COUNT]; COUNT] {
    let mut t = [[0i8; COUNT]; COUNT];
    let mut a = 0;
    while a < COUNT {
        let mut b = 0;
        while b < COUNT {
            t[a][b] = pair(a as u8, b as u8) as i8;
            b += 1;
        }
        a += 1;
    }
    t
}

const fn build_unary() -> [i8; COUNT] {
    let mut t = [0i8; COUNT];
    let mut k = 0;
    while k < COUNT {
        t[k] = unary(k as u8) as i8;
        k += 1;
    }
    t
}

/// A lowercase letter right after two capitals: `ROMî` for `ROMÃ®`.
const CAPS_BREAK: i32 = 4;

/// The model's one three-character feature, for words in capitals: a
/// lowercase letter right after two capitals (`ROMî` for `ROMÃ®`, `ÄŒo`
/// for `Čo`), where at least one of the three is beyond ASCII.
pub(crate) fn caps_break(a: u8, b: u8, c: u8) -> i32 {
    let beyond_ascii = a != UPPER || b != UPPER || c != LOWER;
    if is_upper(a) && is_upper(b) && is_lower(c) && beyond_ascii {
        CAPS_BREAK
    } else {
        0
    }
}

static PAIRS: [[i8; COUNT]; COUNT] = build_pairs();
static UNARY: [i8; COUNT] = build_unary();

/// Cost of one character of class `k`.
#[inline]
pub(crate) fn unary_cost(k: u8) -> i32 {
    i32::from(UNARY[usize::from(k)])
}

/// Cost of a character of class `b` right after one of class `a`.
#[inline]
pub(crate) fn pair_cost(a: u8, b: u8) -> i32 {
    i32::from(PAIRS[usize::from(a)][usize::from(b)])
}
