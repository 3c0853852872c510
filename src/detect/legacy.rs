//! Chains with a CJK codec or a legacy code page on either side: UTF-8
//! read as GBK (`鍙戝睍` for 发展), GBK read as windows-1252 (`ÖÐÎÄ` for
//! 中文), EUC-KR read as windows-1252 (`¾È³ç` for 안녕), windows-1251 read
//! as windows-1252 (`Ïðèâåò` for Привет), Shift_JIS file names read as
//! cp437.
//!
//! A chain proposes the runs of characters its wrong decoder can have
//! produced; a run whose bytes decode under the intended codec and whose
//! decoding the model finds more plausible by a margin is repaired. The
//! structure that vouches for UTF-8 (lead and continuation bytes) is absent
//! when the intended codec is a legacy one, so those chains also weigh what
//! the codec's own users write: Japanese has kana, Korean has Hangul,
//! Chinese has neither.

use crate::score::is_alphabetic;
use std::ops::Range;

use super::{cjk_flags, cjk_scan, cjk_shapes, orthography, Candidate, Chars};
use crate::codec::{sb_tables, single_byte, Codec};
use crate::layer;
use crate::plan::ByteRepair;
use crate::score;
use crate::score::classes::{
    CYR_LOWER, CYR_UPPER, GREEK_LOWER, GREEK_UPPER, HALF_KANA, HAN, HANGUL, HANGUL_RARE, HAN_MID,
    HAN_RARE, HIRAGANA, KATAKANA, LATIN_LEAD, LATIN_LOWER, LATIN_MID, LATIN_RARE, LATIN_UPPER,
    LOWER, UPPER,
};

/// A chain: text encoded with `decode` was read with `encode`.
#[derive(Clone, Copy)]
struct Chain {
    /// The wrong decoder, which the repair encodes with.
    encode: Codec,
    /// The intended codec, which the repair decodes with.
    decode: Codec,
    /// The flag (see `cjk_flags`) of the characters the wrong decoder
    /// produces, and that the scan found two of in a row.
    flag: u16,
    /// How unlikely the chain is, charged per run.
    prior: i32,
    /// Whether Shift_JIS's FA-FC pairs go back to their ED-EE twins (see
    /// [`ByteRepair::NecSelected`]): always where the bytes were UTF-8,
    /// which is never FA-FC; asked both ways where they were another CJK
    /// codec's, which has both. For Big5, whether its pairs go where
    /// CPython's codecs put them ([`ByteRepair::CpythonBig5`]), asked both
    /// ways where a character has two places.
    twins: bool,
    /// Whether each U+FFFD stands for one lost byte (see
    /// [`ByteRepair::RestoreLost`]), as CPython's CJK decoders write
    /// them, rather than for one or two, as the WHATWG decoders of every
    /// CJK codec but GBK do: asked both ways where a line has U+FFFD.
    one_by_one: bool,
}

const UTF8_AS_GBK: u8 = 1;
const UTF8_AS_BIG5: u8 = 1 << 1;
const UTF8_AS_SHIFT_JIS: u8 = 1 << 2;
const UTF8_AS_EUC_JP: u8 = 1 << 3;
const UTF8_AS_EUC_KR: u8 = 1 << 4;
pub(super) const AS_WINDOWS_1252: u8 = 1 << 5;
const AS_CP437: u8 = 1 << 6;
/// Any character windows-1252 or Latin-1 encodes above 0x7F; two in a row
/// count for [`AS_WINDOWS_1252`] if one of them is from U+00A0-U+00FF.
const HIGH_1252: u8 = 1 << 7;
/// Not a character's flag but the scan's: a lowercase Cyrillic letter
/// right before an uppercase one, which windows-1251 and KOI8-R read as
/// each other leave everywhere (`пРИВЕТ`, their cases are swapped).
pub(super) const KOI8_CASE: u16 = 1 << 8;
/// Nor this: CJK characters that one CJK codec's text read as another's
/// leaves (see `cjk_scan::Oddness`).
pub(super) const CJK_AS_CJK: u16 = 1 << 9;
/// Nor this: a character after an ASCII letter that may be one whole
/// 2-byte UTF-8 sequence read as a CJK codec (see [`glued_letters`]).
pub(super) const GLUED_LETTERS: u16 = 1 << 10;

pub(super) const UTF8_FLAGS: u8 =
    UTF8_AS_GBK | UTF8_AS_BIG5 | UTF8_AS_SHIFT_JIS | UTF8_AS_EUC_JP | UTF8_AS_EUC_KR;
/// The UTF-8 flags in the order of the codecs in `cjk_shapes`.
const UTF8_FLAG_ORDER: [u8; 5] = [
    UTF8_AS_GBK,
    UTF8_AS_BIG5,
    UTF8_AS_SHIFT_JIS,
    UTF8_AS_EUC_JP,
    UTF8_AS_EUC_KR,
];

/// The flags the scan looks for pairs of.
pub(super) const FLAGS: u8 = UTF8_AS_GBK
    | UTF8_AS_BIG5
    | UTF8_AS_SHIFT_JIS
    | UTF8_AS_EUC_JP
    | UTF8_AS_EUC_KR
    | AS_WINDOWS_1252
    | AS_CP437;

const fn chain(encode: Codec, decode: Codec, flag: u8, prior: i32) -> Chain {
    Chain {
        encode,
        decode,
        flag: flag as u16,
        prior,
        twins: matches!(encode, Codec::ShiftJis) && matches!(decode, Codec::Utf8),
        one_by_one: false,
    }
}

const CJK_AS_CJK_PRIOR: i32 = 5;

const fn cjk_chain(encode: Codec, decode: Codec) -> Chain {
    Chain {
        encode,
        decode,
        flag: CJK_AS_CJK,
        // Two CJK readings of the same bytes are both text to the model,
        // which only has frequency tiers to tell them apart: the evidence
        // must be plain.
        prior: CJK_AS_CJK_PRIOR,
        twins: false,
        one_by_one: false,
    }
}

/// Every chain, most likely first: ties go to the earlier one, and a chain
/// that decodes a whole line to plain text ends the search. Where two
/// legacy codecs decode the same bytes to equally plausible text, the one
/// whose users would have written it wins: Shift_JIS and EUC-KR before
/// GBK, whose decoding of Japanese and Korean bytes is plausible Chinese,
/// and EUC-JP before Big5, whose first rows (A4, A5) are EUC-JP's kana but
/// common ideographs in Big5; of the bytes Shift_JIS misread, EUC-JP's
/// reading before GBK's, whose kana rows are EUC-JP's.
static CHAINS: &[Chain] = &[
    chain(Codec::Gbk, Codec::Utf8, UTF8_AS_GBK, 0),
    chain(Codec::Big5, Codec::Utf8, UTF8_AS_BIG5, 1),
    chain(Codec::ShiftJis, Codec::Utf8, UTF8_AS_SHIFT_JIS, 0),
    chain(Codec::EucJp, Codec::Utf8, UTF8_AS_EUC_JP, 1),
    chain(Codec::EucKr, Codec::Utf8, UTF8_AS_EUC_KR, 1),
    chain(
        Codec::SloppyWindows1252,
        Codec::ShiftJis,
        AS_WINDOWS_1252,
        2,
    ),
    chain(Codec::SloppyWindows1252, Codec::EucKr, AS_WINDOWS_1252, 2),
    chain(Codec::SloppyWindows1252, Codec::Gbk, AS_WINDOWS_1252, 2),
    chain(Codec::SloppyWindows1252, Codec::EucJp, AS_WINDOWS_1252, 3),
    chain(Codec::SloppyWindows1252, Codec::Big5, AS_WINDOWS_1252, 2),
    chain(
        Codec::SloppyWindows1252,
        Codec::Windows1251,
        AS_WINDOWS_1252,
        2,
    ),
    chain(
        Codec::SloppyWindows1252,
        Codec::Windows1253,
        AS_WINDOWS_1252,
        3,
    ),
    chain(
        Codec::SloppyWindows1252,
        Codec::Windows1255,
        AS_WINDOWS_1252,
        3,
    ),
    chain(
        Codec::SloppyWindows1252,
        Codec::Windows1256,
        AS_WINDOWS_1252,
        3,
    ),
    chain(
        Codec::SloppyWindows1252,
        Codec::Windows874,
        AS_WINDOWS_1252,
        3,
    ),
    chain(Codec::Latin1, Codec::ShiftJis, AS_WINDOWS_1252, 2),
    chain(Codec::Latin1, Codec::Gbk, AS_WINDOWS_1252, 2),
    chain(Codec::Latin1, Codec::Big5, AS_WINDOWS_1252, 2),
    chain(Codec::Cp437, Codec::ShiftJis, AS_CP437, 3),
    chain(Codec::Cp437, Codec::Gbk, AS_CP437, 3),
    cjk_chain(Codec::Gbk, Codec::Big5),
    cjk_chain(Codec::Big5, Codec::Gbk),
    cjk_chain(Codec::Gbk, Codec::ShiftJis),
    cjk_chain(Codec::ShiftJis, Codec::EucJp),
    cjk_chain(Codec::ShiftJis, Codec::Gbk),
    Chain {
        encode: Codec::Koi8R,
        decode: Codec::Windows1251,
        flag: KOI8_CASE,
        prior: 2,
        twins: false,
        one_by_one: false,
    },
    Chain {
        encode: Codec::SloppyWindows1251,
        decode: Codec::Koi8R,
        flag: KOI8_CASE,
        prior: 2,
        twins: false,
        one_by_one: false,
    },
];

/// Fewest bytes above 0x7F, in runs of two or more, that a CJK decoding
/// needs in a line: two would be one ideograph, which letters spell by
/// chance.
const CJK_BYTES: usize = 3;
/// Fewest characters beyond ASCII a decoding must yield, for the same
/// reason; from a legacy codec, one more in a line with ASCII letters,
/// where two ideographs from `«sí»` are a coincidence in Catalan text
/// (UTF-8's structure is evidence enough without).
const MIN_WIDE: usize = 2;

fn min_wide(chars: &Chars<'_>, chain: &Chain) -> usize {
    if chain.decode != Codec::Utf8 && chars.items.iter().any(|it| it.c.is_ascii_alphabetic()) {
        MIN_WIDE + 1
    } else {
        MIN_WIDE
    }
}
/// Most one character of a plain decoding costs: an ideograph.
pub(super) const PLAIN: i32 = 2;
/// [`MESS`] for decodings into an alphabet (Cyrillic, Greek, Hebrew,
/// Arabic, Thai), whose letters cost about 1.
const MESS_LETTERS: i32 = 2;
/// Most a decoded run may cost per character (and once more): text costs
/// about 1 a letter and 2 an ideograph.
const MESS: i32 = 3;
/// Ranking bonus for a line that decodes whole (as for UTF-8).
const CONSISTENT_LINE: i32 = 20;
/// Minimum gain of a line's runs together, after the chain's prior and
/// the language check; and of a run in a line whose other runs do not
/// decode.
const MARGIN: i32 = 4;
const MARGIN_ALONE: i32 = 16;
/// What a decoding pays for each character its codec's users do not write
/// (kana in Chinese, Hangul in Japanese or Chinese, kana in Korean).
const FOREIGN: i32 = 3;
/// What a decoding pays for lacking the script its codec's users always
/// write in a run of this many CJK characters or more: kana for Japanese,
/// Hangul for Korean.
const MISSING_SCRIPT: i32 = 6;
const MISSING_SCRIPT_RUN: usize = 4;
const HANJA_ONLY_RUN: usize = 2;
/// What a Cyrillic or Greek decoding pays for each consonant in a row past
/// [`CLUSTER_FREE`] (`взгляд` and `здравствуйте` have four).
const CLUSTER: i32 = 3;
const CLUSTER_FREE: usize = 4;
const VOWELS_FREE: usize = 3;
/// Evidence from a streak of letters beyond ASCII with no ASCII letter
/// among them, for each letter past [`SOUP_FREE`]: no language writes
/// words like `Ïðèâåò`, which is what Cyrillic, Greek, Hebrew, Arabic and
/// Thai read as windows-1252 look like.
const SOUP: i32 = 3;
const SOUP_FREE: usize = 2;
const SOUP_CAP: usize = 8;
/// Fewest letters of a word with swapped cases (see [`case_soup`]).
const CASE_WORD: usize = 3;
/// A run may gain this little (or lose this much) if its line as a whole
/// gains enough under the same chain; an ASCII word glued to it, as CJK
/// text glues them (`API의`), costs it nothing here.
const LINE_FLOOR: i32 = -2;

/// The chains of a legacy codec read as a single-byte one that characters
/// in a row with flags `a`, `b`, `c` call for (the UTF-8 chains are
/// `cjk_scan`'s): three that windows-1252 or Latin-1 has, two that cp437
/// has (the scan wants three, or a character of cp437's that
/// windows-1252 lacks in the line, see [`cp437_only`]). Two Latin letters are not
/// enough: clean text in Finnish, German or Portuguese has two accented
/// letters in a row (`ää`, `ção`) in one line in ten, while a CJK
/// character alone is two such characters and a word of any of these
/// codecs' scripts is more.
#[inline]
pub(super) fn run_flags(a: u8, b: u8, c: u8) -> u8 {
    let both = b & c;
    let latin1 = if a & both & HIGH_1252 != 0 && (a | b | c) & AS_WINDOWS_1252 != 0 {
        AS_WINDOWS_1252
    } else {
        0
    };
    (both & AS_CP437) | latin1
}

/// Whether cp437 has `u` and windows-1252 does not (or near enough: its
/// Greek letters, box drawing, math and blocks): CJK file names read as
/// cp437 have them in nearly every line, as their lead bytes are there,
/// and Latin text with two accented letters in a row does not.
#[inline]
pub(super) fn cp437_only(u: u32) -> bool {
    matches!(u, 0x391..=0x3C9 | 0x207F | 0x20A7 | 0x2219..=0x25A0)
}

/// The flag that needs [`cp437_only`] characters in the line, or three
/// characters in a row.
pub(super) const CP437_RUN: u8 = AS_CP437;

/// Two-byte characters at or above this have no flag but the UTF-8
/// chains' (a test checks it): the scan need not look theirs up.
pub(super) const FLAGGED_2_BYTE: u32 = 0x300;

/// The UTF-8 chains (bits of [`UTF8_FLAG_ORDER`]) under which a character
/// with `shapes` may be part of one whole 2-byte sequence: a lead and a
/// continuation byte of its own, or (Shift_JIS's half-width katakana) a
/// lead or a continuation byte alone that a neighbour may complete.
/// Beside an ASCII letter, such a character may be a Latin letter's
/// UTF-8 read so (`Mazatl谩n`, `caf茅`, `Lomﾃｩ`; see [`glued_letters`]).
#[inline]
pub(super) fn glued_sequence_flags(shapes: u32) -> u8 {
    let mut flags = 0;
    for (k, flag) in UTF8_FLAG_ORDER.iter().enumerate() {
        let sh = (shapes >> (6 * k)) & 0o77;
        if sh == 0o12 || (*flag == UTF8_AS_SHIFT_JIS && (sh == 0o02 || sh == 0o01)) {
            flags |= flag;
        }
    }
    flags
}

/// Whether windows-1252 reads `c` from a byte from 0x81 to 0x9F, a lead
/// byte of Shift_JIS (`ƒ` for 0x83, the katakana row's).
#[inline]
pub(super) fn sjis_lead_in_1252(c: char) -> bool {
    matches!(
        c,
        'ƒ' | '‚'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
    )
}

/// Whether windows-1252 reads `c` from a byte from 0xA1 to 0xBF, a lead
/// byte of Big5 (`¥` for 0xA5, `¦` for 0xA6: the rows of its commonest
/// ideographs) that Latin text seldom glues to a word.
#[inline]
pub(super) fn big5_symbol_lead(c: char) -> bool {
    ('\u{A1}'..='\u{BF}').contains(&c)
}

/// Whether `c` may start a [`pairs_at`]: windows-1252's reading of a
/// lead byte of Shift_JIS or Big5 that text rarely writes before a letter.
#[inline]
pub(super) fn pair_lead_in_1252(c: char) -> bool {
    sjis_lead_in_1252(c) || big5_symbol_lead(c)
}

/// Whether windows-1252 reads `c` from a second byte of Shift_JIS or Big5
/// (0x40 to 0x7E, 0x80 to 0xFC).
fn trail_in_1252(c: char) -> bool {
    matches!(c, '\u{40}'..='\u{7E}') || lead_in_1252(c)
}

/// Whether windows-1252 reads `c` from a lead byte of Shift_JIS or Big5
/// other than A0 and FD-FF.
fn lead_in_1252(c: char) -> bool {
    !c.is_ascii()
        && !matches!(c, 'ý' | 'þ' | 'ÿ' | '\u{A0}')
        && single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c).is_some()
}

/// Whether `text` from byte `at` holds two characters of Shift_JIS or
/// Big5 in a row as windows-1252 reads them, the first with an ASCII
/// second byte (`ƒJƒb` for `カッ`, `¥dµ^` for `卡琴`): katakana, and half
/// the ideographs of both, have one, so such garble may never have three
/// characters beyond ASCII in a row, while clean text seldom glues a
/// letter between two such marks.
#[inline]
pub(super) fn pairs_at(text: &str, at: usize) -> bool {
    // Most such marks in clean text (`don’t`, `“I”`, `°C`) have no second
    // lead after the character that follows them: the bytes tell first.
    // Leads spell U+00A1-U+00BF (a letter is no second lead, below),
    // U+0152-U+02DC and U+2013-U+2122, starting C2, C5, C6, CB or E2.
    let bytes = text.as_bytes();
    let len = |b: u8| match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let Some(&lead) = bytes.get(at) else {
        return false;
    };
    // Latin letters among the marks start no pair: Czech and Lithuanian
    // write `šeš` and `žiž`.
    if lead == 0xC5 {
        return false;
    }
    let trail = at + len(lead);
    if !bytes.get(trail).is_some_and(|b| (0x40..=0x7E).contains(b)) {
        return false;
    }
    if !matches!(bytes.get(trail + 1), Some(0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2)) {
        return false;
    }
    // The second lead is no Latin-1 letter: a quote or `¿` before a
    // capitalised word is text (`¿Dónde`, `d’Hélène`, `“Não`).
    let mut chars = text[at..].chars();
    let first = chars.next().unwrap_or_default();
    let first_trail = chars.next().unwrap_or_default();
    let Some(second) = chars
        .next()
        .filter(|&c| lead_in_1252(c) && !('\u{C0}'..='\u{FF}').contains(&c))
    else {
        return false;
    };
    let Some(second_trail) = chars.next().filter(|&c| trail_in_1252(c)) else {
        return false;
    };
    // Ewe writes `ƒ` before its vowels (`ƒoƒu`): two lowercase letters
    // after Shift_JIS leads are no katakana unless something else is.
    let lower = |c: char| c.is_ascii_lowercase();
    if sjis_lead_in_1252(first)
        && sjis_lead_in_1252(second)
        && lower(first_trail)
        && lower(second_trail)
    {
        return false;
    }
    // Units and logic glue their signs to letters (`W·m²·K`, `°C±°F`,
    // `¬p·¬q`): after a Latin-1 sign, both second bytes are ASCII.
    if big5_symbol_lead(first) && !second_trail.is_ascii() {
        return false;
    }
    true
}

/// The chain-family flags of `c` (0 for ASCII and beyond the BMP).
pub(super) fn flags(c: u32) -> u8 {
    if c > 0xFFFF {
        return 0;
    }
    let block = cjk_flags::FLAG_INDEX[(c >> 8) as usize];
    cjk_flags::FLAG_BLOCKS[usize::from(block)][(c & 0xFF) as usize]
}

/// The best candidate among the chains whose flags the scan found (`flags`).
/// `shaped` holds the shapes of the characters (see [`shape_text`]).
pub(super) fn propose(chars: &Chars<'_>, flags: u16, shaped: &[u32]) -> Option<Candidate> {
    let mut best: Option<Candidate> = glued_letters(chars, flags, shaped);
    let mut cache = RunCache::default();
    // Set once a chain has read the whole line as plain text.
    let mut settled = false;
    // Set once a CJK codec has read the whole line as plain text in
    // uncommon characters.
    let mut cjk_only = false;
    let mut best_excess = None;
    for chain in CHAINS {
        if flags & chain.flag == 0
            || (settled && !chain.decode.is_single_byte())
            || (cjk_only && chain.decode.is_single_byte())
        {
            continue;
        }
        if chain.encode == Codec::Latin1 && !has_latin1_only(chars) {
            // Without C1 controls that windows-1252 lacks, Latin-1 encodes
            // the text as windows-1252 does.
            continue;
        }
        let mut proposed = propose_chain(chars, chain, shaped, &mut cache);
        // A second reading of the same chain, kept where it ranks higher.
        // A variant of the chain replaces its reading if it ranks higher,
        // or as high in commoner ideographs (fewer steps from common use
        // an ideograph): the same bytes read with
        // another layout of a few rows land on rarer characters where the
        // layout is the wrong one (`疲勿吸烟` for `请勿吸烟`).
        let mut ask_also = |variant: Chain, proposed: &mut Option<Proposed>| {
            let other = propose_chain(chars, &variant, shaped, &mut cache);
            // Steps from common use, and ideographs, of a reading.
            let steps = |x: &Proposed| match x.2 {
                Some(Rarity::Ideographs(steps, n)) if n > 0 => Some((steps, n)),
                _ => None,
            };
            if other.as_ref().is_some_and(|o| {
                proposed.as_ref().is_none_or(|p| {
                    o.0.rank > p.0.rank
                        || (o.0.rank == p.0.rank
                            && matches!((steps(o), steps(p)),
                                (Some((a, an)), Some((b, bn))) if a * bn < b * an))
                })
            }) {
                *proposed = other;
            }
        };
        // Big5 read another CJK codec's bytes: with the WHATWG index's
        // rows C6 and C7, or with CPython's? The reading that ranks higher
        // says; a tie, the one in commoner ideographs, and then the WHATWG
        // index, whose layout is the standard's.
        if chain.encode == Codec::Big5
            && chain.decode != Codec::Utf8
            && !chain.twins
            && has_cpython_big5_twins(chars)
        {
            let cpython = Chain {
                twins: true,
                ..*chain
            };
            ask_also(cpython, &mut proposed);
        }
        if chain.encode == Codec::ShiftJis && !chain.twins && has_twins(chars) {
            // Shift_JIS read another CJK codec's bytes: which of the two
            // pairs of a character it has twice were they? The reading
            // that ranks higher says.
            let twins = Chain {
                twins: true,
                ..*chain
            };
            ask_also(twins, &mut proposed);
        }
        if chain.decode == Codec::Utf8
            && matches!(
                chain.encode,
                Codec::Big5 | Codec::EucJp | Codec::EucKr | Codec::ShiftJis
            )
            && chars.wide.iter().any(|&i| chars.items[i].c == '\u{FFFD}')
        {
            let one_by_one = Chain {
                one_by_one: true,
                ..*chain
            };
            ask_also(one_by_one, &mut proposed);
        }
        if let Some((c, plain, excess)) = proposed {
            let better = best.as_ref().is_none_or(|b| match (excess, best_excess) {
                // Two alphabets read from the same bytes: the letters'
                // rarity weighs in (see `orthography::rarity_excess`).
                (Some(Rarity::Letters(e)), Some(Rarity::Letters(be))) => {
                    RARITY_SCALE * c.rank - e > RARITY_SCALE * b.rank - be
                }
                // Two CJK readings: each step from common use weighs a
                // point, which the decodings' own costs count only beyond
                // what text has.
                (Some(Rarity::Ideographs(s, n)), Some(Rarity::Ideographs(bs, bn)))
                    if n.min(bn) >= WEIGHED_IDEOGRAPHS =>
                {
                    c.rank - s > b.rank - bs
                }
                _ => c.rank > b.rank,
            });
            // Text of a CJK codec takes half a step from common use an
            // ideograph at most; a word or two may take more.
            let common_reading = match excess {
                Some(Rarity::Ideographs(steps, ideographs)) => {
                    ideographs < WEIGHED_IDEOGRAPHS || 2 * steps <= ideographs
                }
                _ => true,
            };
            if better {
                best = Some(c);
                best_excess = excess;
            }
            // The first chain that reads the whole line as plain text
            // wins over the multi-byte codecs after it (and a multi-byte
            // one over every chain after it): the order of CHAINS
            // says which codec's users would have written it, which the
            // priors alone do not (a later chain with a smaller prior may
            // rank higher by a point or two, and is not asked). The
            // alphabets are still asked, cheaply: a plain Cyrillic reading
            // of Hebrew bytes loses to the Hebrew one on its final forms.
            // A CJK reading in uncommon characters is plain to the model,
            // but the other CJK codecs may read the bytes in commoner ones:
            // they are asked, the alphabets no more.
            if plain && !chain.decode.is_single_byte() {
                if common_reading {
                    break;
                }
                cjk_only = true;
            }
            settled |= plain && common_reading;
        }
    }
    best
}

/// Fewest ideographs in a CJK reading for their steps from common use to
/// weigh: a name of two or three may have any.
const WEIGHED_IDEOGRAPHS: i32 = 4;

/// Whether the text has a character Shift_JIS has twice (see
/// [`Chain::twins`]).
fn has_twins(chars: &Chars<'_>) -> bool {
    chars
        .wide
        .iter()
        .any(|&i| crate::codec::shift_jis_has_twin(chars.items[i].c))
}

/// Whether the text has a character that Big5 writes elsewhere as
/// CPython's codecs read it (see [`ByteRepair::CpythonBig5`]).
fn has_cpython_big5_twins(chars: &Chars<'_>) -> bool {
    chars
        .wide
        .iter()
        .any(|&i| crate::codec::big5_has_cpython_twin(chars.items[i].c))
}

/// Does the text have a C1 control that sloppy windows-1252 cannot encode?
fn has_latin1_only(chars: &Chars<'_>) -> bool {
    chars.wide.iter().any(|&i| {
        let c = chars.items[i].c;
        ('\u{80}'..'\u{A0}').contains(&c)
            && single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c).is_none()
    })
}

/// Runs found once for each wrong decoder and way of taking ASCII second
/// bytes, since several chains share them.
#[derive(Default)]
struct RunCache {
    entries: Vec<((Codec, bool, bool), Vec<Run>)>,
}

/// A run of characters, and whether it has two flagged ones in a row.
type Run = (Range<usize>, bool);

impl RunCache {
    fn get(&mut self, chars: &Chars<'_>, chain: &Chain) -> &[Run] {
        // Shift_JIS's lead bytes are not GBK's and Big5's (see `runs`).
        let key = (chain.encode, trails(chain), chain.decode == Codec::ShiftJis);
        let at = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.entries.push((key, runs(chars, chain).collect()));
                self.entries.len() - 1
            }
        };
        &self.entries[at].1
    }
}

/// What [`propose_chain`] gives: see there.
type Proposed = (Candidate, bool, Option<Rarity>);

/// How rare the characters of a decoding are, where two decodings of the
/// same bytes in one family of scripts are weighed on it.
#[derive(Clone, Copy)]
enum Rarity {
    /// An alphabet's letters (see `orthography::rarity_excess`).
    Letters(i32),
    /// A CJK codec's ideographs: their steps from common use, all of them,
    /// and how many there are (see [`uncommon_steps`]).
    Ideographs(i32, i32),
}

/// The chain's candidate, whether it explains the whole line with text
/// as plain as text gets (then no later chain is tried), and, for an
/// alphabet read from windows-1252's bytes or a CJK codec's ideographs,
/// how rare they are.
fn propose_chain(
    chars: &Chars<'_>,
    chain: &Chain,
    shaped: &[u32],
    cache: &mut RunCache,
) -> Option<Proposed> {
    let mut scored: Vec<Scored> = Vec::new();
    let mut all_decode = true;
    let mut any_pair = false;
    let utf8 = if chain.decode == Codec::Utf8 {
        utf8_codec(chain.encode)
    } else {
        None
    };
    let found: Vec<(Range<usize>, bool)> = match utf8 {
        Some(k) => utf8_runs(shaped, k)
            .into_iter()
            .map(|r| (r, true))
            .collect(),
        None => cache.get(chars, chain).to_vec(),
    };
    if found.is_empty() {
        return None;
    }
    // Cheap checks first, before anything is encoded. A single-byte
    // decoding (Cyrillic, Greek, Hebrew, Arabic, Thai) has only the soup of
    // accented letters for evidence: it needs one. A CJK one needs two
    // characters' worth of bytes in runs of two or more.
    if chain.flag == KOI8_CASE {
        // A Cyrillic letter neither code page has (Chuvash `ӗ`, Kazakh
        // `ә`) says the line is in a language they do not serve.
        let foreign = |c: char| {
            ('\u{0400}'..='\u{052F}').contains(&c)
                && !chain.encode.encodes_char(c)
                && !chain.decode.encodes_char(c)
        };
        if chars.items.iter().any(|it| foreign(it.c)) {
            return None;
        }
        if !found.iter().any(|(r, _)| case_soup(chars, chain, r) > 0)
            && rarity_gain(chars, chain, found.iter().map(|(r, _)| r)) < RARITY_GATE
            && letter_gain(chars, chain, found.iter().map(|(r, _)| r)) < LETTER_GATE
        {
            return None;
        }
    } else if chain.decode.is_single_byte() {
        if max_streak(chars, chain, found.iter().map(|(r, _)| r.clone())) <= soup_free(chain) {
            return None;
        }
    } else if chain.decode != Codec::Utf8 {
        let high: usize = found
            .iter()
            .filter(|(_, pair)| *pair)
            .map(|(r, _)| wide_in(chars, r))
            .sum();
        if high < CJK_BYTES {
            return None;
        }
    }
    // Runs that decode to their losses alone (`鍙�` for `号`, its last
    // byte lost): they neither count for the line nor against it, and go
    // with its other runs if those are repaired.
    let mut losses_only = Vec::new();
    for (run, pair) in found.iter().cloned() {
        any_pair |= pair;
        match score_run(chars, chain, run.clone()) {
            Some(s) => scored.push(s),
            None if only_losses(chars, chain, &run) => losses_only.push(run),
            // A lone character that does not decode is text of its own,
            // unless the codec meant has two-byte characters only: text in
            // it leaves no byte alone.
            None => all_decode &= !pair && chain.decode.is_single_byte(),
        }
    }
    // Satellites come along with a line that its runs repair together:
    // where those gain too little, they are not looked for.
    let promising = all_decode
        && scored
            .iter()
            .all(|s| s.delta + s.junctions + chain.prior >= LINE_FLOOR)
        && scored.iter().map(|s| s.delta).sum::<i32>() >= MARGIN;
    if let (Some(k), true) = (utf8, promising) {
        let runs: Vec<Range<usize>> = found.iter().map(|(r, _)| r.clone()).collect();
        for run in satellites(shaped, k, &runs) {
            // Taken only where it keeps the line's floor, and only if it
            // spells no letter: a lone ideograph of the line's own may
            // spell one.
            if let Some(s) = score_run(chars, chain, run) {
                if !s.decoded.chars().any(is_alphabetic)
                    && s.delta + s.junctions + chain.prior >= LINE_FLOOR
                {
                    scored.push(s);
                }
            }
        }
        scored.sort_by_key(|s| s.range.start);
    }
    if !any_pair {
        return None;
    }
    // Runs of one line are one text's: if every one decodes and they gain
    // enough together, with none much worse off, they are repaired
    // together, and the scripts of the codec's users are judged on them
    // together (a Korean line's Hanja in parentheses need no Hangul of
    // their own). Some run must have a letter: rows of symbols and box
    // drawing are decoration. Alone, a run needs more, must be mostly
    // letters, and must decode to two characters or more (one ideograph
    // from two letters is a coincidence).
    // An alphabet's spelling is judged on the line as the chain would
    // leave it, where words end where they do; CJK scripts on the runs.
    let all = if chain.decode.is_single_byte() {
        decoded_line(chars, &scored)
    } else {
        scored.iter().map(|s| s.decoded.as_str()).collect()
    };
    // UTF-8 that spells Latin letters is one language's text: a run that
    // decodes to a word of accented letters alone, of no one alphabet, is
    // a CJK codec's text that a walk read as UTF-8 by chance (`ﾅｯﾄｳ`,
    // natto in half-width katakana, is `ůĳ`). Words with ASCII letters
    // are let be: the alphabets listed are not every language's
    // (`ʻŌlelo`, `Ŋkɔnye`).
    if chain.decode == Codec::Utf8 && scored.iter().any(|s| lone_mixed_word(chars, s)) {
        return None;
    }
    // Windows-1251 and KOI8-R read as each other turn most vowels into
    // consonants: a line that the chain would leave with hardly a vowel
    // (`фунт/дюйм` as `ТСМР/ДЧИЛ`) was text, its rarer letters and all.
    if chain.flag == KOI8_CASE && few_vowels(&all) {
        return None;
    }
    // An alphabet's prior is charged once for the line (each run's delta
    // has it, for runs repaired alone): a line of short words is no less
    // likely to be one text in the code page than a line of long ones. A
    // CJK codec pays it for every run: ideographs from pairs of symbols
    // (`«\u{A0}` in French) are a coincidence that repeats.
    let refund = if chain.decode.is_single_byte() {
        chain.prior * (scored.len() as i32 - 1).max(0)
    } else {
        0
    };
    // Spacing is the line's: the runs of a CJK decoding end at spaces.
    let spaced = if chain.decode.is_single_byte() {
        0
    } else {
        spaced_ideographs(chain.decode, &decoded_line(chars, &scored))
    };
    // One word of Hangul is judged by its jamo too; Korean spaces its
    // words, which Chinese does not.
    let lang = language(chain.decode, &all)
        - spelt_half_width_refund(chain.decode, &all, || decoded_line(chars, &scored))
        + if chain.decode == Codec::EucKr && scored.len() == 1 {
            odd_hangul(&all)
        } else {
            0
        }
        - garbled_uncommon(
            chain,
            scored
                .iter()
                .flat_map(|s| chars.items[s.range.clone()].iter().map(|it| it.c)),
        );
    // The shuffle of windows-1251 and KOI8-R read as each other is judged
    // on the line, as a word or two may shuffle into commoner letters: by
    // how rare its letters are, and by their order (`letter_gain`).
    let rarity = if chain.flag == KOI8_CASE {
        let garbled = scored
            .iter()
            .flat_map(|s| chars.items[s.range.clone()].iter().map(|it| it.c));
        let decoded = scored.iter().flat_map(|s| s.decoded.chars());
        (orthography::cyrillic_rarity(garbled) - orthography::cyrillic_rarity(decoded))
            / RARITY_BITS
            // The reading's letters count in `lang`; the runs' here.
            - letter_evidence(chars, chain, scored.iter().map(|s| &s.range))[1] / LETTER_BITS
    } else {
        0
    };
    // A decoding's letters count for it only beyond what the line's own
    // letters count for the line: a clean word of one script (`дюйм`)
    // read as another's bytes may make a word there too (`היל`).
    let own_letters = if weighs_own_letters(chain) {
        let runs: Vec<String> = scored
            .iter()
            .map(|s| chars.items[s.range.clone()].iter().map(|it| it.c).collect())
            .collect();
        letter_bonus(&runs.join(" "))
    } else {
        0
    };
    let total: i32 =
        scored.iter().map(|s| s.delta).sum::<i32>() + refund - lang - spaced + rarity - own_letters;
    let wide: usize = scored.iter().map(|s| s.wide).sum();
    // For cp437, whose garble has letters beyond ASCII (`é╨é╞`), ASCII
    // letters do not count: between box drawing they are line art
    // (`├┤a┼┐a`).
    let cp437 = chain.encode == Codec::Cp437;
    let lettered = chain.decode == Codec::Utf8
        || scored.iter().any(|s| {
            chars.items[s.range.clone()]
                .iter()
                .any(|it| letter(it.class) && !(cp437 && it.c.is_ascii()))
        })
        || (scored
            .iter()
            .map(|s| wide_in(chars, &s.range))
            .sum::<usize>()
            == chars.wide.len()
            && chars.wide.iter().any(|&i| !box_drawing(chars.items[i].c))
            && ideograph_line(chain.decode, &all));
    let together = all_decode
        && lettered
        && total >= MARGIN
        && wide >= min_wide(chars, chain)
        && scored
            .iter()
            .all(|s| s.delta + s.junctions + chain.prior >= LINE_FLOOR);
    let plain = scored.iter().all(|s| s.plain);
    let mut ranges = Vec::new();
    // Whether a run taken has losses: the candidate repairs them all so.
    let mut any_lossy = false;
    let mut gain = if together { total } else { 0 };
    let mut covered = 0;
    for s in scored {
        let range = s.range;
        // What the run gains on its own, weighed only where it is asked.
        let mut alone_gain = None;
        let mut alone = || {
            *alone_gain.get_or_insert_with(|| {
                let garbled = chars.items[range.clone()].iter().map(|it| it.c);
                let own = if weighs_own_letters(chain) {
                    letter_bonus(&garbled.clone().collect::<String>())
                } else {
                    0
                };
                s.delta - language(chain.decode, &s.decoded) + garbled_uncommon(chain, garbled)
                    - own
            })
        };
        if together
            || (s.wide >= min_wide(chars, chain) && wordy(chars, &range) && alone() >= MARGIN_ALONE)
        {
            any_lossy |= lossy(chars, &range);
            if !together {
                gain += alone();
            }
            covered += wide_in(chars, &range);
            ranges.push(range);
        }
    }
    if ranges.is_empty() || gain <= 0 {
        return None;
    }
    // So do the losses outside the runs found, too short to find alone.
    if let Some(k) = utf8 {
        let runs: Vec<Range<usize>> = found.iter().map(|(r, _)| r.clone()).collect();
        losses_only.extend(
            lost_satellites(shaped, k, &runs)
                .into_iter()
                .filter(|r| only_losses(chars, chain, r)),
        );
    }
    if !losses_only.is_empty() {
        any_lossy = true;
        ranges.extend(losses_only);
        ranges.sort_by_key(|r| r.start);
    }
    // A line this chain explains whole ranks as the UTF-8 detectors rank
    // theirs; a character the chain reads as itself needs no explaining
    // (`€` is 80 in windows-1252 and -1253 alike, while windows-1251
    // "explains" it as `Ђ`).
    let whole = together && covered + unchanged(chars, chain, &ranges) == chars.wide.len();
    if whole {
        gain += CONSISTENT_LINE;
    }
    let alphabet = chain.flag == u16::from(AS_WINDOWS_1252) && chain.decode.is_single_byte();
    // Korean is read in Hangul, which has no such steps: its readings are
    // weighed on their costs alone.
    let excess = if alphabet {
        orthography::rarity_excess(&all).map(Rarity::Letters)
    } else if matches!(
        chain.decode,
        Codec::Gbk | Codec::Gb18030 | Codec::Big5 | Codec::ShiftJis | Codec::EucJp
    ) {
        let (steps, ideographs) = uncommon_steps(chain.decode, all.chars());
        (ideographs > 0).then_some(Rarity::Ideographs(steps, ideographs))
    } else {
        None
    };
    Some((
        Candidate {
            encode: chain.encode,
            repairs: final_repairs(chain, repairs_for(chain, any_lossy)).to_vec(),
            decode: chain.decode,
            ranges,
            rank: gain,
        },
        whole && plain && lang + spaced <= 0,
        excess,
    ))
}

/// How many of the items `run` are characters beyond ASCII.
fn wide_in(chars: &Chars<'_>, run: &Range<usize>) -> usize {
    chars.items[run.clone()]
        .iter()
        .filter(|it| !it.c.is_ascii())
        .count()
}

/// What a chain between two single-byte code pages reads `c` as.
fn sb_reading(chain: &Chain, c: char) -> Option<char> {
    let byte = single_byte::encode_char(chain.encode.sb()?, c)?;
    single_byte::decode_byte(chain.decode.sb()?, byte)
}

/// How many characters beyond ASCII outside `ranges` a single-byte chain
/// reads as themselves.
fn unchanged(chars: &Chars<'_>, chain: &Chain, ranges: &[Range<usize>]) -> usize {
    chars
        .wide
        .iter()
        .filter(|&&i| {
            let c = chars.items[i].c;
            !ranges.iter().any(|r| r.contains(&i)) && sb_reading(chain, c) == Some(c)
        })
        .count()
}

/// The text with each scored run replaced by its decoding.
fn decoded_line(chars: &Chars<'_>, scored: &[Scored]) -> String {
    let mut out = String::with_capacity(chars.text.len() * 2);
    let mut at = 0;
    for s in scored {
        let bytes = chars.byte_range(&s.range);
        out.push_str(&chars.text[at..bytes.start]);
        out.push_str(&s.decoded);
        at = bytes.end;
    }
    out.push_str(&chars.text[at..]);
    out
}

/// The index in `cjk_shapes` of a codec that UTF-8 is read as.
fn utf8_codec(codec: Codec) -> Option<u32> {
    match codec {
        Codec::Gbk => Some(0),
        Codec::Big5 => Some(1),
        Codec::ShiftJis => Some(2),
        Codec::EucJp => Some(3),
        Codec::EucKr => Some(4),
        _ => None,
    }
}

/// The UTF-8 roles of the bytes each CJK codec encodes `c` as (see the
/// generator of `cjk_shapes`): 6 bits per codec, the first byte's role in
/// the low 3; bit 30 if some codec has the character at all (a byte UTF-8
/// never has leaves its codec's 6 bits 0); and bit 31, `cjk_scan::RESTING`.
pub(super) fn shapes(c: char) -> u32 {
    let u = c as u32;
    if u > 0xFFFF {
        return 0;
    }
    let block = cjk_shapes::SHAPE_INDEX[(u >> 8) as usize];
    SHAPES[usize::from(block)][(u & 0xFF) as usize]
}

/// The generated shapes, marked where they leave the scan's walks at rest
/// (see `cjk_scan::RESTING`).
static SHAPES: [[u32; 256]; cjk_shapes::SHAPE_BLOCKS.len()] =
    cjk_scan::mark_resting(&cjk_shapes::SHAPE_BLOCKS);

/// Fewest characters in a run of UTF-8 read as a CJK codec: two could be
/// two short sequences by chance in clean CJK text, while one CJK
/// character read so is already three of them with its neighbours.
pub(super) const UTF8_RUN: usize = 3;

pub(super) const ROLE_CONT: u32 = 1;
/// Fewest losses, and sequences recovered, for a run with no stretch of
/// [`UTF8_RUN`] intact characters.
const LOSSY_RUN: usize = 3;
const LOSSY_WHOLE: usize = 2;
pub(super) const ROLE_ASCII: u32 = 5;
/// `?`, which a decoder may have written for lost bytes: a loss where it
/// cuts a sequence, the end of a run otherwise.
pub(super) const ROLE_MAYBE_LOST: u32 = 6;
/// U+FFFD: bytes lost, one or two.
pub(super) const ROLE_LOST: u32 = 7;
/// The automaton's state after a loss.
pub(super) const RESYNC: u32 = 8;
/// The shapes of U+FFFD and `?` under every codec.
pub(super) const LOST_SHAPES: u32 = 0o07_07_07_07_07;
pub(super) const MAYBE_LOST_SHAPES: u32 = 0o06_06_06_06_06;

/// The runs of characters whose bytes under codec `k` spell whole UTF-8
/// sequences, found from the generated shapes without encoding anything:
/// clean CJK text under a CJK codec breaks the structure within a
/// character or two.
fn utf8_runs(shaped: &[u32], k: u32) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    each_utf8_run(shaped, k, |run| {
        out.push(run);
        true
    });
    out
}

/// Characters outside the runs `found` whose bytes under codec `k` spell
/// whole UTF-8 sequences in fewer than [`UTF8_RUN`] characters, with
/// nothing pending at either end: too short to find alone (`楼` is `¥`,
/// `馃槶` an emoji, read as GBK), but taken along by a line whose runs
/// are repaired together.
fn satellites(shaped: &[u32], k: u32, found: &[Range<usize>]) -> Vec<Range<usize>> {
    short_sequences(shaped, k, found, false)
}

/// Characters outside the runs `found` that begin one UTF-8 sequence under
/// codec `k` which U+FFFD after them ends: the surviving bytes of a
/// character that lost the rest (`鍙�` for `号`).
fn lost_satellites(shaped: &[u32], k: u32, found: &[Range<usize>]) -> Vec<Range<usize>> {
    short_sequences(shaped, k, found, true)
}

/// The walk of [`satellites`] (`lost` false) and [`lost_satellites`]
/// (`lost` true: one sequence, of up to four characters, that a loss
/// ends).
fn short_sequences(
    shaped: &[u32],
    k: u32,
    found: &[Range<usize>],
    lost: bool,
) -> Vec<Range<usize>> {
    let shape = |i: usize| (shaped[i] >> (6 * k)) & 0x3F;
    let taken = |i: usize| found.iter().any(|r| r.contains(&i));
    let limit = if lost { 4 } else { UTF8_RUN - 1 };
    let mut out = Vec::new();
    let mut i = 0;
    while i < shaped.len() {
        if taken(i) || !(2..=4).contains(&(shape(i) & 7)) {
            i += 1;
            continue;
        }
        let (mut pending, mut had_loss, mut end) = (0, false, None);
        let mut j = i;
        'walk: while j < shaped.len() && j - i < limit && !taken(j) && shape(j) != 0 {
            for role in [shape(j) & 7, shape(j) >> 3] {
                pending = match (role, pending) {
                    (0, p) => p,
                    (2..=4, 0) if !lost || j == i => role - 1,
                    (ROLE_CONT, 1..=3) => pending - 1,
                    (ROLE_LOST, 1..=3) if lost => {
                        had_loss = true;
                        pending - 1
                    }
                    _ => break 'walk,
                };
            }
            j += 1;
            if pending == 0 {
                if lost {
                    end = had_loss.then_some(j);
                    break;
                }
                end = Some(j);
            }
        }
        match end {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Calls `found` with each run of [`utf8_runs`] until it returns false.
fn each_utf8_run(shaped: &[u32], k: u32, mut found: impl FnMut(Range<usize>) -> bool) {
    let shape = |i: usize| (shaped[i] >> (6 * k)) & 0x3F;
    // A `?` between sequences is a lost byte, not a question mark, when
    // what follows it is a continuation byte or another loss.
    let lost_here = |i: usize| {
        shape(i) & 7 == ROLE_MAYBE_LOST
            && shaped.get(i + 1).is_some_and(|_| {
                matches!(shape(i + 1) & 7, ROLE_CONT | ROLE_LOST | ROLE_MAYBE_LOST)
            })
    };
    let mut i = 0;
    while i < shaped.len() {
        let first = shape(i) & 7;
        if !(2..=4).contains(&first) && first != ROLE_LOST && !lost_here(i) {
            i += 1;
            continue;
        }
        // Continuation bytes still wanted, and where the sequences last
        // ended at a character boundary.
        let mut pending = 0;
        let mut end = None;
        // Characters in a row decoded without a loss, and the most of them
        // that ended a sequence: a run with losses needs a stretch of
        // [`UTF8_RUN`] intact ones, or clean text with a U+FFFD in it
        // would pass (after a loss, any continuation byte is accepted).
        let (mut intact, mut most) = (0, 0);
        // Sequences completed, and bytes lost, in the walk: a line that
        // lost a byte in most characters (UTF-8 read as Big5 or EUC-JP
        // keeps a few in ten) has no stretch of intact ones, but many
        // losses and sequences between them.
        let (mut whole, mut losses) = (0, 0);
        // The last character that put the automaton in RESYNC: it forgets
        // all before it, so no start up to it can do better than this one.
        let mut forgot = None;
        // Continuation bytes right after a loss: two of them, then the
        // next character's first byte, are a character of three bytes
        // that lost its lead, which counts as a sequence under EUC-KR
        // (UTF-8 Hangul read by CPython's cp949 keeps the two, as one
        // character of its extension, where it cannot read the lead with
        // the first). Other codecs' readers lose bytes no such way.
        let lost_leads = utf8_codec(Codec::EucKr) == Some(k);
        let mut after_loss: Option<u32> = None;
        let mut j = i;
        'walk: while j < shaped.len() {
            let sh = shape(j);
            if sh == 0 {
                break;
            }
            let first = sh & 7;
            intact = match (first, pending) {
                (ROLE_LOST | ROLE_MAYBE_LOST, _) => 0,
                (2..=4, RESYNC) => 1,
                (_, RESYNC) => 0,
                _ => intact + 1,
            };
            losses += usize::from(first == ROLE_LOST || first == ROLE_MAYBE_LOST);
            for role in [sh & 7, sh >> 3] {
                if lost_leads && role == ROLE_CONT && pending == RESYNC {
                    after_loss = after_loss.map(|n| n + 1);
                } else if lost_leads && role != 0 {
                    whole += usize::from(after_loss == Some(2));
                    after_loss = (role == ROLE_LOST).then_some(0);
                }
                pending = match (role, pending) {
                    (0, _) => continue,
                    // After a loss, the count of bytes is unknown: any
                    // continuation byte may follow, and a lead resumes.
                    (ROLE_LOST, _) => RESYNC,
                    (ROLE_MAYBE_LOST, 1..=3 | RESYNC) => RESYNC,
                    (ROLE_MAYBE_LOST, 0) if lost_here(j) => RESYNC,
                    (ROLE_CONT, RESYNC) => RESYNC,
                    (ROLE_CONT, 1) => {
                        whole += 1;
                        0
                    }
                    (ROLE_CONT, p) if p > 0 => p - 1,
                    (2..=4, 0 | RESYNC) => role - 1,
                    (ROLE_ASCII, 0 | RESYNC) => 0,
                    _ => break 'walk,
                };
            }
            j += 1;
            if pending == RESYNC {
                intact = 0;
                forgot = Some(j);
            }
            if pending == 0 {
                most = most.max(intact);
            }
            if pending == 0 || pending == RESYNC {
                end = Some(j);
            }
        }
        whole += usize::from(after_loss == Some(2));
        match end {
            Some(end)
                if end - i >= UTF8_RUN
                    && (most >= UTF8_RUN || (whole >= LOSSY_WHOLE && losses >= LOSSY_RUN)) =>
            {
                if !found(i..end) {
                    return;
                }
                i = end;
            }
            // Linear on any input (a line of U+FFFD included).
            _ => i = forgot.unwrap_or(i + 1).max(i + 1),
        }
    }
}

/// Fills `shaped` with the CJK codecs' shapes of the characters of `text`
/// if `flags` name a UTF-8 chain or a CJK codec read as another (and
/// empties it otherwise).
pub(super) fn shape_text(text: &str, flags: u16, shaped: &mut Vec<u32>) {
    shaped.clear();
    if flags & (u16::from(UTF8_FLAGS) | CJK_AS_CJK | GLUED_LETTERS) == 0 {
        return;
    }
    shaped.extend(text.chars().map(|c| match c {
        '\u{FFFD}' => LOST_SHAPES,
        '?' => MAYBE_LOST_SHAPES,
        c => shapes(c),
    }));
}

/// Oddness at which the CJK characters of a text look like one CJK
/// codec's text read as another's: rare ideographs, half-width katakana
/// among ideographs, kana among Greek letters (see `cjk_scan::Oddness`).
pub(super) const ODD_CJK: i32 = 6;

/// The UTF-8 chains among `flags` that have a run to look at in the text
/// whose shapes are `shaped` (the scan only saw characters in a row that
/// might be pieces), with the other flags as they are: most clean CJK
/// lines stop here.
pub(super) fn narrow(shaped: &[u32], flags: u16) -> u16 {
    if flags & u16::from(UTF8_FLAGS) == 0 {
        return flags;
    }
    let mut out = flags & !u16::from(UTF8_FLAGS);
    for (k, &flag) in UTF8_FLAG_ORDER.iter().enumerate() {
        let flag = u16::from(flag);
        if flags & flag != 0 {
            each_utf8_run(shaped, k as u32, |_| {
                out |= flag;
                false
            });
        }
    }
    out
}

/// Whether a run of the chain may take in ASCII second bytes.
fn trails(chain: &Chain) -> bool {
    chain.encode.is_single_byte() && ascii_trails(chain.decode)
}

/// Whether ASCII bytes can be the second byte of a two-byte character (in
/// EUC-KR as encoding_rs has it, windows-949, whose extra Hangul take
/// second bytes from `A` to `z`).
fn ascii_trails(codec: Codec) -> bool {
    matches!(
        codec,
        Codec::Gbk | Codec::Big5 | Codec::ShiftJis | Codec::EucKr
    )
}

/// The runs of items the chain's wrong decoder can have produced: items
/// with its flag, and for an intended codec whose second bytes may be
/// ASCII, an ASCII character from `@` to `~` right after one; and whether
/// the run has two flagged items in a row (a lone one is a one-letter
/// word, or an accented letter of real text).
fn runs<'c>(
    chars: &'c Chars<'_>,
    chain: &'c Chain,
) -> impl Iterator<Item = (Range<usize>, bool)> + 'c {
    let items = &chars.items;
    let trails = trails(chain);
    // The characters a run is made of: all that the wrong decoder encodes
    // above 0x7F (the scan's flags name a narrower set, to start a run).
    let member = if chain.flag == u16::from(AS_WINDOWS_1252) {
        HIGH_1252
    } else {
        chain.flag as u8
    };
    // Code pages without a flag in the tables: every character they
    // encode above 0x7F.
    let table = match chain.flag {
        KOI8_CASE => chain.encode.sb(),
        _ if chain.encode == Codec::Cp437 => Some(sb_tables::CP437),
        _ => None,
    };
    // A CJK codec read as another: what that other encodes.
    let cjk = match chain.flag {
        CJK_AS_CJK => utf8_codec(chain.encode),
        _ => None,
    };
    let undefined = fills_undefined(chain);
    // Lead bytes with ASCII second bytes make pairs only in a line that
    // windows-1252 could have read whole: Ewe writes `ƒ` as a letter
    // (`gaƒoƒo`) beside letters no code page has (`ɖ`, `ŋ`).
    // (Asked once, when a run first has such a pair.)
    let ascii_pairs = std::cell::OnceCell::new();
    let in_1252 = move || {
        *ascii_pairs.get_or_init(|| {
            items.iter().all(|it| {
                it.c.is_ascii()
                    || single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, it.c).is_some()
            })
        })
    };
    // Whether the wrong decoder's byte for `c` is a lead byte of the codec
    // meant, which wants a second byte.
    let leads = move |c: char| {
        // U+FFFD stands for one of the five bytes windows-1252 leaves
        // undefined, all lead bytes of the CJK codecs.
        if undefined && c == '\u{FFFD}' {
            return true;
        }
        let byte = chain
            .encode
            .sb()
            .and_then(|id| single_byte::encode_char(id, c));
        byte.is_some_and(|b| match chain.decode {
            Codec::ShiftJis => matches!(b, 0x81..=0x9F | 0xE0..=0xFC),
            _ => (0x81..=0xFE).contains(&b),
        })
    };
    // For a CJK codec, each character is asked once: the shapes are 0 for a
    // character whose bytes both have no role in UTF-8 (`瞳` is C0 FB in
    // Big5), and then the codec must be asked.
    let encoded: Vec<bool> = match cjk {
        Some(k) => items
            .iter()
            .map(|it| {
                !it.c.is_ascii()
                    && ((shapes(it.c) >> (6 * k)) & 0o77 != 0 || chain.encode.encodes_char(it.c))
            })
            .collect(),
        None => Vec::new(),
    };
    let flagged = move |i: usize| {
        let c = items[i].c;
        if c.is_ascii() {
            false
        } else if undefined && c == '\u{FFFD}' {
            true
        } else if cjk.is_some() {
            encoded[i]
        } else if let Some(table) = table {
            single_byte::encode_char(table, c).is_some()
        } else {
            flags(u32::from(c)) & member != 0
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < items.len() {
            if !flagged(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut pair = false;
            // Whether the last byte is a lead byte of the codec meant that
            // no second byte has followed yet.
            let mut pending = trails && leads(items[i].c);
            i += 1;
            while i < items.len() {
                if flagged(i) {
                    pair |= flagged(i - 1);
                    pending = trails && !pending && leads(items[i].c);
                    i += 1;
                } else if trails
                    && flagged(i - 1)
                    && ('@'..='~').contains(&items[i].c)
                    && items[i + 1..]
                        .iter()
                        .take_while(|next| next.c.is_ascii_alphabetic())
                        .count()
                        < match (pending, items[i - 1].c) {
                            (true, '\u{80}'..='\u{9F}' | '\u{FFFD}') if undefined => usize::MAX,
                            (true, _) => 2,
                            (false, _) => 1,
                        }
                {
                    // A second byte, unless it starts an ASCII word; or,
                    // after a lead byte that wants one, a word of three
                    // letters or more (`°C` in Big5 is A2 58 and `C`, while
                    // `¡¡¡HAY` is Spanish); or after a C1 control that
                    // stands for a byte windows-1252 leaves undefined, any
                    // word (Shift_JIS's `、` is 81 41, and `、AI` reads
                    // `\u{81}AAI`). Read as Latin-1, C1 controls are as
                    // likely UTF-8's continuation bytes (`â\u{80}\u{9C}`).
                    // A Shift_JIS lead from 0x81 to 0x9F and an ASCII
                    // second byte are a character's pair of bytes: katakana
                    // read as windows-1252 is all such (`ƒJƒbƒv`).
                    pair |= pending
                        && match chain.decode {
                            Codec::ShiftJis => sjis_lead_in_1252(items[i - 1].c),
                            Codec::Big5 => big5_symbol_lead(items[i - 1].c),
                            _ => false,
                        }
                        && in_1252();
                    pending = false;
                    i += 1;
                } else {
                    break;
                }
            }
            return Some((start..i, pair));
        }
        None
    })
}

/// The byte repairs a run needs: Shift_JIS's twins where the chain takes
/// them (see [`Chain::twins`]); for UTF-8 read as a CJK codec, with bytes
/// lost to U+FFFD or `?` in it, resynchronising on UTF-8's structure; for
/// CJK text read by a strict windows-1252 decoder, its undefined bytes
/// filled.
fn repairs(chars: &Chars<'_>, chain: &Chain, run: &Range<usize>) -> &'static [ByteRepair] {
    repairs_for(chain, lossy(chars, run))
}

/// Whether a run has a character a decoder may have written for lost
/// bytes.
fn lossy(chars: &Chars<'_>, run: &Range<usize>) -> bool {
    chars.items[run.clone()]
        .iter()
        .any(|it| it.c == '\u{FFFD}' || it.c == '?')
}

/// See [`repairs`]: for runs with losses or without.
fn repairs_for(chain: &Chain, lossy: bool) -> &'static [ByteRepair] {
    if chain.twins && chain.encode == Codec::Big5 {
        return &[ByteRepair::CpythonBig5];
    }
    let nec = chain.twins;
    if lossy && nec && chain.one_by_one {
        &[ByteRepair::NecSelected, ByteRepair::RestoreLost]
    } else if lossy && nec {
        &[ByteRepair::NecSelected, ByteRepair::ResyncLost]
    } else if nec {
        &[ByteRepair::NecSelected]
    } else if lossy && chain.decode == Codec::Utf8 && chain.one_by_one {
        &[ByteRepair::RestoreLost]
    } else if lossy && chain.decode == Codec::Utf8 {
        &[ByteRepair::ResyncLost]
    } else if lossy && fills_undefined(chain) {
        &[ByteRepair::FillUndefined]
    } else {
        &[]
    }
}

/// The repairs a candidate applies, given those its runs were scored
/// with: losses in UTF-8 read as GBK are judged as losses (a run is not
/// repaired for what it restores), then restored where the surviving
/// bytes allow (see [`ByteRepair::RestoreLost`], which falls back to
/// [`ByteRepair::ResyncLost`]). Only GBK's decoders, CPython's and the
/// WHATWG one alike, lose one byte for each U+FFFD; the other CJK codecs'
/// WHATWG decoders lose a pair at once where its second byte is not
/// ASCII, and a restoration that takes such a loss for one byte makes up
/// characters (`ɱ京` for `東京`).
fn final_repairs(chain: &Chain, scored: &'static [ByteRepair]) -> &'static [ByteRepair] {
    if scored == [ByteRepair::ResyncLost] && matches!(chain.encode, Codec::Gbk | Codec::Gb18030) {
        &[ByteRepair::RestoreLost]
    } else {
        scored
    }
}

/// Whether the chain reads a multi-byte codec's bytes as windows-1252,
/// whose strict decoders write U+FFFD for the five bytes it leaves
/// undefined (see [`ByteRepair::FillUndefined`]).
fn fills_undefined(chain: &Chain) -> bool {
    chain.encode == Codec::SloppyWindows1252
        && !chain.decode.is_single_byte()
        && chain.decode != Codec::Utf8
}

/// A run's repair: its range, its gain before the language check, how
/// many characters beyond ASCII it decodes to, and what; for a run whose
/// bytes decode (for a run that ends in an ASCII character taken for a
/// second byte, with or without it) to something other than the run.
struct Scored {
    range: Range<usize>,
    delta: i32,
    wide: usize,
    decoded: String,
    /// The decoding is as plain as text gets: no pair of characters costs
    /// anything (but an ASCII word glued to CJK), and none costs more than
    /// an ideograph.
    plain: bool,
    /// What the decoding's pairs of an ASCII letter and a CJK character
    /// cost (see [`cjk_ascii_junctions`]).
    junctions: i32,
}

/// Whether a run of UTF-8 read as a CJK codec holds the surviving bytes
/// of characters whose other bytes the decoder lost, and nothing else: it
/// has a U+FFFD, and decodes to U+FFFD alone.
fn only_losses(chars: &Chars<'_>, chain: &Chain, run: &Range<usize>) -> bool {
    let items = &chars.items[run.clone()];
    if chain.decode != Codec::Utf8 || !items.iter().any(|it| it.c == '\u{FFFD}') {
        return false;
    }
    let spec = layer::Spec {
        encode: chain.encode,
        repairs: final_repairs(chain, repairs(chars, chain, run)),
        decode: chain.decode,
    };
    layer::convert(&spec, &chars.text[chars.byte_range(run)])
        .is_ok_and(|d| !d.is_empty() && d.chars().all(|c| c == '\u{FFFD}'))
}

/// Whether a resynchronized decoding that counts its losses as mess (see
/// [`score_run`]) reads as text on the characters that survive: a CJK
/// line of a few characters may lose half of them (`第三章　归途` read as
/// GBK by CPython keeps three), and a decoding that keeps at least as many
/// as it loses is judged on those, as a restoring one is.
fn survivors_read(
    chars: &Chars<'_>,
    run: &Range<usize>,
    spec: &layer::Spec<'_>,
    decoded: &str,
    wide: usize,
    mess: i32,
) -> bool {
    if !spec.repairs.contains(&ByteRepair::ResyncLost) {
        return false;
    }
    let lost = decoded.chars().filter(|&c| c == '\u{FFFD}').count();
    if lost > wide {
        return false;
    }
    let kept = decoded.chars().filter(|&c| c != '\u{FFFD}');
    let own_cost = chars.cost_as(run, kept.clone());
    own_cost <= mess * kept.count() as i32 + mess
}

fn score_run(chars: &Chars<'_>, chain: &Chain, mut run: Range<usize>) -> Option<Scored> {
    let spec = layer::Spec {
        encode: chain.encode,
        repairs: repairs(chars, chain, &run),
        decode: chain.decode,
    };
    let decoded = loop {
        let piece = &chars.text[chars.byte_range(&run)];
        if piece.is_ascii() {
            return None;
        }
        match layer::convert(&spec, piece) {
            Ok(decoded) if decoded != piece => break decoded,
            Ok(_) => return None,
            Err(_) if run.len() > 2 && chars.items[run.end - 1].c.is_ascii() => run.end -= 1,
            Err(_) => return None,
        }
    };
    let restored = spec.repairs.contains(&ByteRepair::RestoreLost);
    // Losses taken one byte each must be so: where they are not, the
    // repair falls back to resynchronising, the other reading's (see
    // [`Chain::one_by_one`]).
    if restored && !layer::losses_one_by_one(&spec, &chars.text[chars.byte_range(&run)]) {
        return None;
    }
    // A decoding's losses explain nothing: a run that decodes to U+FFFD
    // alone (`¢` between losses, read as Shift_JIS) is not repaired.
    let wide = decoded
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    // Nor does it decode at all, for the line: a lone byte that a loss
    // beside it pairs up (`¸` after U+FFFD in a row of decoration) would
    // otherwise let the line count as read whole.
    if wide == 0 && decoded.contains('\u{FFFD}') {
        return None;
    }
    // What survives the losses must read as CJK text: a clean line that
    // lost a few characters of its own resynchronises into a symbol and a
    // stray letter of some other script between the losses, which the
    // model prices low for being few.
    if lossy_utf8(&spec) && cjk_share(&decoded) * 2 < wide {
        return None;
    }
    // Read by a strict windows-1252, Shift_JIS loses the lead byte of
    // most of its punctuation (0x81), but GBK, Big5 and the EUC codecs
    // write their text with lead bytes it defines: their reading that
    // keeps fewer characters than it loses halves is bytes of another
    // kind, such as UTF-8 read so twice, whose lost lead bytes of Cyrillic
    // or Greek they pair with anything (`����褉��` for `Доброе`).
    let lost = decoded.chars().filter(|&c| c == '\u{FFFD}').count();
    if spec.repairs.contains(&ByteRepair::FillUndefined)
        && !chain.decode.is_single_byte()
        && chain.decode != Codec::ShiftJis
        && lost * 2 > wide
    {
        return None;
    }
    let mut new_cost = chars.cost_as(&run, decoded.chars());
    if restored || spec.repairs.contains(&ByteRepair::ResyncLost) {
        // Losses are neither gained nor repaired: the decoding's U+FFFD
        // (one per lost character, where the decoder wrote one per lost
        // byte, or `?`) cost what the run's own U+FFFD do.
        let before = chars.items[run.clone()]
            .iter()
            .filter(|it| it.c == '\u{FFFD}')
            .count() as i32;
        let after = decoded.chars().filter(|&c| c == '\u{FFFD}').count() as i32;
        new_cost += (before - after) * score::unary_cost(score::classes::REPLACEMENT);
    }
    // A decoding must read as text, not merely as less of a mess: the
    // hopeless garble of several layers decodes to Cyrillic or ideographs
    // still glued to symbols.
    // An alphabet's letter costs half an ideograph.
    let mess = if chain.decode.is_single_byte() {
        MESS_LETTERS
    } else {
        MESS
    };
    // Losses a decoding that restores bytes keeps are no mess of its own
    // (a resynchronized one may be all losses: it counts them).
    let lost = if restored || spec.repairs.contains(&ByteRepair::FillUndefined) {
        decoded.chars().filter(|&c| c == '\u{FFFD}').count() as i32
    } else {
        0
    };
    // Where each loss was one byte, most characters of UTF-8 read as Big5
    // or EUC-JP lost one: the mess is judged on those that survive, as
    // they stand together.
    let own_cost = if restored {
        chars.cost_as(&run, decoded.chars().filter(|&c| c != '\u{FFFD}'))
    } else {
        new_cost - lost * score::unary_cost(score::classes::REPLACEMENT)
    };
    // Between windows-1251 and KOI8-R, a line is read whole with the wrong
    // code page: a run of symbols between its words (`╟` for `°`) is
    // repaired with them, or not at all.
    let symbols = chain.flag == KOI8_CASE && !decoded.chars().any(is_alphabetic);
    if !symbols
        && own_cost > mess * (decoded.chars().count() as i32 - lost) + mess
        && !survivors_read(chars, &run, &spec, &decoded, wide, mess)
    {
        return None;
    }
    let evidence = match chain.flag {
        KOI8_CASE => case_soup(chars, chain, &run),
        CJK_AS_CJK => {
            let garbled = chars.items[run.clone()].iter().map(|it| it.c);
            // Bopomofo glued to ideographs is what Big5 makes of GBK's
            // punctuation: evidence only where Big5 is the wrong decoder.
            let bopomofo = if chain.encode == Codec::Big5 {
                cjk_scan::glued_bopomofos(garbled.clone())
                    - cjk_scan::glued_bopomofos(decoded.chars())
            } else {
                0
            };
            // Likewise half-width marks every other character, where
            // Shift_JIS is.
            let marks = if chain.encode == Codec::ShiftJis {
                cjk_scan::glued_marks(garbled.clone()) - cjk_scan::glued_marks(decoded.chars())
            } else {
                0
            };
            // And kanji of the one row Shift_JIS makes of EUC-JP's
            // half-width katakana, where EUC-JP is the codec meant.
            let kana = if chain.encode == Codec::ShiftJis && chain.decode == Codec::EucJp {
                cjk_scan::kana_as_kanji(garbled.clone()) - cjk_scan::kana_as_kanji(decoded.chars())
            } else {
                0
            };
            // Ideographs Japanese does not write, beside kana.
            let foreign = cjk_scan::foreign_kanji_by_kana(garbled.clone())
                - cjk_scan::foreign_kanji_by_kana(decoded.chars());
            // The wrong CJK decoder makes ideographs, kana or private use
            // characters (the other codec's punctuation) of most pairs,
            // and Greek, Cyrillic, pinyin or box drawing of some, one here
            // and there: a run of several with none of the first (a row
            // of box drawing) is no garble of the kind.
            let wide = chars.items[run.clone()]
                .iter()
                .filter(|it| !it.c.is_ascii() && it.c != '\u{FFFD}');
            let own = |k: u8| cjk_class(k) || k == score::classes::PRIVATE;
            if wide.clone().count() >= FOREIGN_RUN && !wide.clone().any(|it| own(it.class)) {
                return None;
            }
            let rarer =
                infrequent(chain.decode, decoded.chars()) - infrequent(chain.encode, garbled);
            // One CJK codec's text read as another's lands on the reader's
            // rare ideographs; a repair that lands on rarer ones of the
            // writer's (`你是ㄙㄟˊ啦`, slang, as `斕岆佻兔杓徽`) undoes nothing.
            if rarer > 0 {
                return None;
            }
            bopomofo + marks + kana + FOREIGN_KANJI * foreign - TIER * rarer
        }
        _ => soup(chars, &run) - capitals_as_pairs(chars, chain, &run),
    };
    let delta = chars.cost(&run) + evidence - new_cost - chain.prior;
    let (own, worst) = decoded.chars().fold((0, 0), |(sum, worst), c| {
        let unary = score::unary_cost(score::class(c));
        (sum + unary, worst.max(unary))
    });
    let junctions = cjk_ascii_junctions(chars, &run, &decoded);
    Some(Scored {
        range: run,
        delta,
        wide,
        decoded,
        plain: new_cost - junctions == own && worst <= PLAIN,
        junctions,
    })
}

/// Whether run `s` decodes to two Latin letters beyond ASCII or more, with
/// no ASCII letter among them or glued to the run, that no one alphabet
/// has together (see `orthography::latin_alphabet_fits`).
fn lone_mixed_word(chars: &Chars<'_>, s: &Scored) -> bool {
    let ascii_letter = |i: Option<usize>| {
        i.and_then(|i| chars.items.get(i))
            .is_some_and(|it| it.c.is_ascii_alphabetic())
    };
    let latin = s
        .decoded
        .chars()
        .filter(|&c| orthography::latin_beyond_ascii(c))
        .count();
    latin >= 2
        && !s.decoded.chars().any(|c| c.is_ascii_alphabetic())
        && !ascii_letter(s.range.start.checked_sub(1))
        && !ascii_letter(Some(s.range.end))
        && orthography::latin_alphabet_fits(s.decoded.chars()) == Some(false)
}

/// Fewest characters in a run of a CJK codec read as another that has
/// none of CJK's own.
const FOREIGN_RUN: usize = 3;

/// Gain of a Latin letter restored from a CJK character glued inside a
/// word, as a rank (the model's gain comes on top).
const GLUED_LETTER: i32 = 6;

/// UTF-8 read as a CJK codec in Latin text: each accented letter of a
/// word is one 2-byte sequence, which GBK, Big5 or EUC reads as one
/// ideograph or syllable and Shift_JIS as two half-width katakana, glued
/// to the word's ASCII letters (`Mazatl谩n` for `Mazatlán`, `caf茅`,
/// `Lomﾃｩ`). Too short for the runs of [`utf8_runs`], they are taken
/// where every such character of the line, after an ASCII letter and
/// before one or a word's end, decodes to a Latin letter that the model
/// prefers there, and the line has no other CJK character.
fn glued_letters(chars: &Chars<'_>, flags: u16, shaped: &[u32]) -> Option<Candidate> {
    let items = &chars.items;
    let mut best: Option<Candidate> = None;
    if flags & GLUED_LETTERS == 0 {
        return None;
    }
    for chain in CHAINS
        .iter()
        .filter(|c| c.decode == Codec::Utf8 && utf8_codec(c.encode).is_some())
    {
        let k = utf8_codec(chain.encode)?;
        let shape = |i: usize| shaped.get(i).map_or(0, |s| (s >> (6 * k)) & 0o77);
        let spec = layer::Spec {
            encode: chain.encode,
            repairs: if chain.twins {
                &[ByteRepair::NecSelected]
            } else {
                &[]
            },
            decode: Codec::Utf8,
        };
        // The characters that spell one whole sequence, in clusters of
        // adjacent ones (`禳獺lky`, `metrické šálky` read as Big5).
        let mut spans: Vec<Range<usize>> = Vec::new();
        for &i in &chars.wide {
            if spans.last().is_some_and(|r| r.end > i) {
                continue;
            }
            let len = match shape(i) {
                0o12 => 1,
                0o02 if chain.encode == Codec::ShiftJis && shape(i + 1) == 0o01 => 2,
                _ => continue,
            };
            spans.push(i..i + len);
        }
        // A cluster is a word's letters when it touches an ASCII letter on
        // one side and has an ASCII letter or no letter on the other.
        let ascii = |i: Option<usize>| {
            i.and_then(|i| items.get(i))
                .is_some_and(|it| it.c.is_ascii_alphabetic())
        };
        let open = |i: Option<usize>| {
            i.and_then(|i| items.get(i))
                .is_none_or(|it| it.c.is_ascii() || !is_alphabetic(it.c))
        };
        // The clusters that are words' letters, and those that stand
        // alone (Portuguese `é`, Icelandic `á`), taken with the first.
        // CJK text glues a word of its own to an English one (`API키`,
        // `Kitty猫`, and a word list's `猫mao`), never inside one: a line
        // needs a cluster with ASCII letters on both sides (`Mazatl谩n`),
        // or two at a word's edge that spell Latin-1 letters (`Jos茅
        // Mar铆a`).
        let mut clusters: Vec<(Range<usize>, bool)> = Vec::new();
        let (mut inside, mut edges) = (0, 0);
        let mut k = 0;
        while k < spans.len() {
            let mut end = k + 1;
            while end < spans.len() && spans[end].start == spans[end - 1].end {
                end += 1;
            }
            let (first, last) = (spans[k].start, spans[end - 1].end);
            let (before, after) = (first.checked_sub(1), Some(last));
            let word =
                (ascii(before) && (ascii(after) || open(after))) || (ascii(after) && open(before));
            if ascii(before) && ascii(after) {
                inside += 1;
            } else if word {
                edges += 1;
            }
            if word || (open(before) && open(after)) {
                clusters.push((k..end, word));
            }
            k = end;
        }
        if inside == 0 && edges < 2 {
            continue;
        }
        // Without a cluster inside a word, only Latin-1's letters (the
        // ordinal indicators of `nº`, `1ª` among them); with one, the
        // letters of living languages' alphabets too, and the ʻokina
        // (`Hawai驶i`), not the rare ones a syllable spells by chance
        // (Korean `Team환Chen` is `TeamȯChen`).
        let letter_ok = |c: char| {
            is_alphabetic(c)
                && (('\u{AA}'..='\u{FF}').contains(&c)
                    || (inside > 0
                        && (matches!(c, 'ʻ' | 'ʼ')
                            || matches!(
                                score::class(c),
                                score::classes::LATIN_LOWER | score::classes::LATIN_UPPER
                            ))))
        };
        let mut ranges = Vec::new();
        let mut gain = 0;
        let mut ok = true;
        // Each span decodes to one Latin letter, and the model prefers the
        // cluster's letters in its place.
        'clusters: for (cluster, _) in &clusters {
            let mut letters = String::new();
            for range in &spans[cluster.clone()] {
                let piece = &chars.text[chars.byte_range(range)];
                let Ok(decoded) = layer::convert(&spec, piece) else {
                    ok = false;
                    break 'clusters;
                };
                let mut one = decoded.chars();
                match (one.next(), one.next()) {
                    (Some(c), None) if letter_ok(c) => {
                        letters.push(c);
                    }
                    _ => {
                        ok = false;
                        break 'clusters;
                    }
                }
            }
            let whole = spans[cluster.start].start..spans[cluster.end - 1].end;
            let delta = chars.cost(&whole) - chars.cost_as(&whole, letters.chars());
            // The model prices the ordinal indicators as signs (`nº`
            // gains nothing on `n潞`): they come with the line's letters.
            if delta <= 0 && !letters.chars().all(|c| matches!(c, 'ª' | 'º')) {
                ok = false;
                break;
            }
            gain += delta + (GLUED_LETTER - chain.prior) * cluster.len() as i32;
            ranges.extend(spans[cluster.clone()].iter().cloned());
        }
        // CJK text glues its own characters to ASCII words (`API的`,
        // `每%s天`): a line with CJK letters outside the candidates is such.
        let mut r = 0;
        let cjk_outside = chars.wide.iter().any(|&i| {
            while r < ranges.len() && ranges[r].end <= i {
                r += 1;
            }
            !ranges.get(r).is_some_and(|g| g.contains(&i)) && cjk_class(items[i].class)
        });
        if !ok || ranges.is_empty() || cjk_outside {
            continue;
        }
        if best.as_ref().is_none_or(|b| gain > b.rank) {
            best = Some(Candidate {
                encode: chain.encode,
                repairs: spec.repairs.to_vec(),
                decode: Codec::Utf8,
                ranges,
                rank: gain,
            });
        }
    }
    best
}

/// Whether `spec` reads UTF-8 from a CJK codec's bytes that lost some.
fn lossy_utf8(spec: &layer::Spec) -> bool {
    spec.decode == Codec::Utf8
        && spec
            .repairs
            .iter()
            .any(|r| matches!(r, ByteRepair::ResyncLost | ByteRepair::RestoreLost))
}

/// The characters of `text` written in a CJK script: ideographs, kana,
/// Hangul, CJK punctuation, full-width and half-width forms.
fn cjk_share(text: &str) -> usize {
    text.chars().filter(|&c| cjk_class(score::class(c))).count()
}

fn cjk_class(k: u8) -> bool {
    use score::classes::{CJK_PUNCT, FULLWIDTH, HALF_KANA, HAN};
    score::script_id(k) == score::script_id(HAN) || matches!(k, CJK_PUNCT | FULLWIDTH | HALF_KANA)
}

/// What the pairs of an ASCII letter and a CJK character cost in `decoded`
/// standing for the items `run`, with its neighbours: they do not make a
/// decoding less plain (see `score::cjk_ascii_junction`).
fn cjk_ascii_junctions(chars: &Chars<'_>, run: &Range<usize>, decoded: &str) -> i32 {
    let (prev, next) = chars.neighbours(run);
    let classes = prev
        .into_iter()
        .chain(decoded.chars().map(score::class))
        .chain(next);
    let mut last = None;
    let mut cost = 0;
    for k in classes {
        if let Some(p) = last {
            if score::cjk_ascii_junction(p, k) {
                cost += score::pair_cost(p, k);
            }
        }
        last = Some(k);
    }
    cost
}

/// Whether letters make up at least half of the run: text read with the
/// wrong code page is mostly letters, decoration mostly symbols.
fn wordy(chars: &Chars<'_>, run: &Range<usize>) -> bool {
    let items = &chars.items[run.clone()];
    2 * items.iter().filter(|it| letter(it.class)).count() >= items.len()
}

/// Evidence from the longest streak of letters (and windows-1252's
/// symbols) beyond ASCII in the run: the same for every chain, which
/// compete on it.
fn soup(chars: &Chars<'_>, run: &Range<usize>) -> i32 {
    SOUP * streak(chars, |_| true, run).saturating_sub(SOUP_FREE) as i32
}

/// What a CJK codec's reading of a run of windows-1252 capitals costs: an
/// alphabet's capitals read as windows-1252 are Latin-1 capitals only
/// (Greek `ΕΛΛΑΔΑ` is `ÅËËÁÄÁ`, which GBK reads as `潘肆牧`), while a
/// two-byte character has both its bytes in their range (C0-DE) about one
/// time in seven. Six capitals or more (Chinese spells `中文` in four),
/// [`CAPITAL_PAIR`] for each pair: those odds, about three bits.
fn capitals_as_pairs(chars: &Chars<'_>, chain: &Chain, run: &Range<usize>) -> i32 {
    if chain.decode.is_single_byte()
        || chain.decode == Codec::Utf8
        || !chain.encode.is_single_byte()
    {
        return 0;
    }
    let mut capitals = 0;
    for it in &chars.items[run.clone()] {
        match it.c {
            'À'..='Þ' if it.c != '×' => capitals += 1,
            c if c.is_ascii() && !c.is_ascii_alphabetic() => {}
            _ => return 0,
        }
    }
    if capitals >= CAPITALS_MIN {
        CAPITAL_PAIR * (capitals / 2) as i32
    } else {
        0
    }
}

/// See [`capitals_as_pairs`].
const CAPITALS_MIN: usize = 6;
const CAPITAL_PAIR: i32 = 3;

/// Evidence that a run of Cyrillic letters has its cases swapped, as
/// windows-1251 and KOI8-R read as each other leave them: a word of
/// [`CASE_WORD`] letters or more whose first letter alone is lowercase
/// (`пРИВЕТ`), which no text writes; units such as `кВт` are shorter, or
/// not so shaped.
fn case_soup(chars: &Chars<'_>, chain: &Chain, run: &Range<usize>) -> i32 {
    let mut evidence = 0;
    let items = &chars.items[run.clone()];
    // A symbol the chain reads as a letter is one of the word's letters,
    // of either case: KOI8-R's box drawing holds windows-1251's `Ё` and
    // `ё` (`яВ╦Р` for `Счёт`).
    let letter_of = |c: char| !is_alphabetic(c) && sb_reading(chain, c).is_some_and(is_alphabetic);
    for word in items.split(|it| !is_alphabetic(it.c) && !letter_of(it.c)) {
        let Some((first, rest)) = word.split_first() else {
            continue;
        };
        if word.len() >= CASE_WORD
            && first.c.is_lowercase()
            && rest.iter().all(|it| it.c.is_uppercase() || letter_of(it.c))
        {
            evidence += SOUP * (word.len() - 2).min(SOUP_CAP) as i32;
        }
    }
    evidence
}

/// How many of the ideographs `text` holds are outside the frequent set
/// that `codec`'s own standard defines (GB2312 level 1, Big5's frequent
/// block, JIS X 0208 level 1): text in a CJK codec is mostly within it,
/// and another codec's text read with it mostly not.
fn infrequent(codec: Codec, text: impl Iterator<Item = char>) -> i32 {
    text.filter(|&c| ideograph(c) && !codec.frequent_ideograph(c))
        .count() as i32
}

/// How many of [`orthography::cyrillic_rarity`]'s half-bits make a unit
/// of evidence: one a bit, as the model's costs are about that.
const RARITY_BITS: i32 = 2;
/// A unit of evidence in [`orthography::rarity_excess`]'s hundredths.
const RARITY_SCALE: i32 = 100 * RARITY_BITS;

/// How much rarer the letters of the runs are than those of the chain's
/// decoding of them (see [`orthography::cyrillic_rarity`]).
fn rarity_gain<'r>(
    chars: &Chars<'_>,
    chain: &Chain,
    runs: impl Iterator<Item = &'r Range<usize>>,
) -> i32 {
    let mut gain = 0;
    for it in runs.flat_map(|r| &chars.items[r.clone()]) {
        let Some(read) = sb_reading(chain, it.c) else {
            return 0;
        };
        gain += orthography::cyrillic_rarity([it.c].into_iter())
            - orthography::cyrillic_rarity([read].into_iter());
    }
    gain
}

/// How much likelier the letter models find the chain's reading of the
/// runs than the runs (see [`crate::score::letter_model::evidence`]), in
/// half-bits, each run a word or more of its own; 0 unless the reading is
/// likelier than random letters (text of a language no model knows, as
/// Adyghe or Chuvash, may be rarer still than its reading).
fn letter_gain<'r>(
    chars: &Chars<'_>,
    chain: &Chain,
    runs: impl Iterator<Item = &'r Range<usize>>,
) -> i32 {
    let [read, garbled] = letter_evidence(chars, chain, runs);
    read - garbled
}

/// The two parts of [`letter_gain`]: what the letter models find for the
/// reading, and against the runs (0 and 0 unless the reading is likelier
/// than random letters).
fn letter_evidence<'r>(
    chars: &Chars<'_>,
    chain: &Chain,
    runs: impl Iterator<Item = &'r Range<usize>>,
) -> [i32; 2] {
    let (mut garbled, mut read) = (String::new(), String::new());
    for run in runs {
        for it in &chars.items[run.clone()] {
            garbled.push(it.c);
            read.push(sb_reading(chain, it.c).unwrap_or(it.c));
        }
        garbled.push(' ');
        read.push(' ');
    }
    use crate::score::letter_model::{evidence, evidence_known};
    // The reading must be likelier than random letters itself.
    match evidence(&read) {
        read if read > 0 => [read, evidence_known(&garbled)],
        _ => [0, 0],
    }
}

/// The [`letter_gain`] that lets a windows-1251/KOI8-R chain look at a
/// line with no word of swapped cases and letters no rarer than their
/// reading's: `онцндю мю бшундмше` (`ПОГОДА НА ВЫХОДНЫЕ` in windows-1251,
/// read as KOI8-R) is as common a set of letters, in an order no Russian
/// writes. Twelve bits; the scan sends such a line only if it gains
/// more (see `cyrillic::LETTER_GAIN`).
const LETTER_GATE: i32 = 24;

/// The [`rarity_gain`] that lets a windows-1251/KOI8-R chain look at a
/// line without a word of swapped cases (a lowercase sentence read so is
/// all capitals, with one lowercase letter at its start).
const RARITY_GATE: i32 = 12;

/// For each character of U+0400-U+045F, what it adds to [`rarity_gain`]
/// under the two chains of windows-1251 and KOI8-R read as each other
/// (nothing for a letter outside U+0410-U+044F, which one of the two code
/// pages lacks), each plus [`RARITY_BIAS`] (so never negative), packed in
/// the low and high halves: the scan sums them over a line in one add.
pub(super) fn koi8_rarity_steps() -> &'static [u32; 96] {
    static STEPS: std::sync::OnceLock<[u32; 96]> = std::sync::OnceLock::new();
    STEPS.get_or_init(|| {
        std::array::from_fn(|k| {
            let c = char::from_u32(0x400 + k as u32).unwrap_or_default();
            let [a, b] = koi8_readings(c).map(|read| {
                let gain = orthography::cyrillic_rarity([c].into_iter())
                    - orthography::cyrillic_rarity([read].into_iter());
                (gain + RARITY_BIAS) as u32
            });
            a | (b << 16)
        })
    })
}

/// What the two chains between windows-1251 and KOI8-R (in the order of
/// [`CHAINS`]) read `c` as: a letter of U+0410-U+044F as the other code
/// page's letter at its byte, anything else as itself (one of the two
/// code pages lacks it).
pub(super) fn koi8_readings(c: char) -> [char; 2] {
    let mut koi8 = CHAINS.iter().filter(|chain| chain.flag == KOI8_CASE);
    [koi8.next(), koi8.next()].map(|chain| match (c, chain) {
        ('\u{0410}'..='\u{044F}', Some(chain)) => sb_reading(chain, c).unwrap_or(c),
        _ => c,
    })
}

/// See [`koi8_rarity_steps`]: more than any letter's rarity.
pub(super) const RARITY_BIAS: i32 = 16;

/// Whether a line's Cyrillic letters, `letters` of them from U+0400 to
/// U+045F with `steps` the sum of their [`koi8_rarity_steps`], are rarer
/// than their reading under either chain between windows-1251 and KOI8-R
/// by [`RARITY_GATE`] and by 2 half-bits a letter on average (2.5 in a
/// line of `capitals`): what a line of capitals read so leaves (`онцндю мю гюбрпю`
/// for `ПОГОДА НА ЗАВТРА`), which has no case to swap, and what a line of
/// small letters leaves (`ЛЮЙЮПНМШ` for `макароны`). The scan asks only
/// of lines in one case and with [`RARER_LETTERS`] letters or more:
/// a word in capitals in a sentence (`ФАЙЛ`, a placeholder in a program's
/// help) is as rare a set of letters as this shuffle makes, and so is a
/// word or two (`дюйм`); of the 86,933 lines of the Cyrillic gettext
/// catalogs on the development machine without a capital, 2 pass both
/// bounds (Ukrainian and Mongolian, whose `і` and `ү` KOI8-R lacks), and
/// of their 1,774 lines of capitals, none.
pub(super) fn koi8_rarer(steps: u32, letters: u32, capitals: bool) -> bool {
    let gain = koi8_gains(steps, letters).into_iter().max().unwrap_or(0);
    // In quarter-bits: capitals take more, as abbreviations are written in
    // them (`ПНМ/ПБМ/ПГМ/ППМ`, 25 half-bits over 12 letters).
    let per_letter = if capitals { 5 } else { 4 };
    letters >= RARER_LETTERS && gain >= RARITY_GATE && 2 * gain >= per_letter * letters as i32
}

/// The rarity gains under the two chains between windows-1251 and KOI8-R
/// of a line's `letters` Cyrillic letters from U+0400 to U+045F, `steps`
/// the sum of their [`koi8_rarity_steps`] (see [`koi8_rarer`]); 0 for a
/// line too long for the sums.
pub(super) fn koi8_gains(steps: u32, letters: u32) -> [i32; 2] {
    // The halves hold sums of at most 28 a letter: past this many letters
    // the low one may have carried into the high one.
    if letters > PACKED_LETTERS {
        return [0; 2];
    }
    let bias = RARITY_BIAS * letters as i32;
    [(steps & 0xFFFF) as i32 - bias, (steps >> 16) as i32 - bias]
}

/// See [`koi8_rarer`].
pub(super) const RARER_LETTERS: u32 = 8;
const PACKED_LETTERS: u32 = 0xFFFF / (2 * RARITY_BIAS as u32 - 4);

/// What an ideograph outside its codec's frequent set is worth as evidence
/// (see [`infrequent`]).
const TIER: i32 = 3;

/// What an ideograph that Shift_JIS lacks, beside kana, is worth as
/// evidence (see `cjk_scan::foreign_kanji_by_kana`).
const FOREIGN_KANJI: i32 = 3;

/// The longest streak a chain's runs must beat to be tried: for Thai,
/// whose streaks take in symbols, two more (`«Ñ»` is no soup).
fn soup_free(chain: &Chain) -> usize {
    if chain.decode == Codec::Windows874 {
        SOUP_FREE + 2
    } else {
        SOUP_FREE
    }
}

/// Whether a class is a letter's: ASCII, Latin beyond it, Greek,
/// Cyrillic, ideographs, kana or Hangul (the letters that windows-1252's,
/// cp437's, KOI8-R's and the CJK codecs' garble is made of).
fn letter(class: u8) -> bool {
    latin_letter(class)
        || matches!(
            class,
            GREEK_LOWER
                | GREEK_UPPER
                | CYR_LOWER
                | CYR_UPPER
                | HAN
                | HAN_MID
                | HAN_RARE
                | HIRAGANA
                | KATAKANA
                | HALF_KANA
                | HANGUL
                | HANGUL_RARE
        )
}

fn latin_letter(class: u8) -> bool {
    matches!(
        class,
        LOWER | UPPER | LATIN_LOWER | LATIN_UPPER | LATIN_LEAD | LATIN_MID | LATIN_RARE
    )
}

/// The longest streak of Latin letters beyond ASCII in the run, counting
/// each letter once (`éééé` is one letter repeated, not a soup), up to
/// [`SOUP_CAP`]. For Thai, whose consonants are half in windows-1252's
/// rows of symbols (`¢Íº¤Ø³ÁÒ¡` for `ขอบคุณมาก`), the symbols of
/// U+00A1-U+00BF count too.
fn streak(chars: &Chars<'_>, symbols: impl Fn(char) -> bool, run: &Range<usize>) -> usize {
    let mut longest = 0usize;
    let mut seen = ['\0'; SOUP_CAP];
    // Distinct letters of the streak, and its letters but repeats.
    let (mut distinct, mut n) = (0, 0);
    let mut last = None;
    for it in &chars.items[run.clone()] {
        if !it.c.is_ascii()
            && (latin_letter(it.class) || (('\u{A1}'..='\u{BF}').contains(&it.c) && symbols(it.c)))
        {
            if distinct < SOUP_CAP && !seen[..distinct].contains(&it.c) {
                seen[distinct] = it.c;
                distinct += 1;
            }
            if last != Some(it.c) {
                n += 1;
            }
            last = Some(it.c);
            // A word may spell a letter twice (`ìéìä` is Hebrew `לילה`);
            // more repeats are a pattern (`ðíðíðí`), and a letter doubled
            // is one (`éééé!`).
            longest = longest.max(n.min(distinct + 1));
        } else {
            (distinct, n, last) = (0, 0, None);
        }
    }
    longest
}

fn max_streak(chars: &Chars<'_>, chain: &Chain, runs: impl Iterator<Item = Range<usize>>) -> usize {
    // Windows-1252's symbols count where the codec meant has letters at
    // their bytes (Thai's consonants, Ukrainian `ї` at `¿`, Greek `Ά` at
    // `¢`).
    let letter = |c: char| sb_reading(chain, c).is_some_and(is_alphabetic);
    runs.map(|r| streak(chars, letter, &r)).max().unwrap_or(0)
}

/// How many of [`crate::score::letter_model::evidence`]'s half-bits make
/// a unit of evidence (see [`RARITY_BITS`]).
const LETTER_BITS: i32 = 2;

/// Whether a chain's decoding gains only beyond what the letter models
/// find for the line's own letters: the single-byte chains but those
/// between windows-1251 and KOI8-R, which weigh them in `letter_gain`.
fn weighs_own_letters(chain: &Chain) -> bool {
    chain.decode.is_single_byte() && chain.flag != KOI8_CASE
}

/// What the letter models find for `text`'s letters, in units, never
/// below zero: a decoding's gain in [`language`], and the line's own
/// letters' count against it where [`weighs_own_letters`] says so.
fn letter_bonus(text: &str) -> i32 {
    crate::score::letter_model::evidence(text).max(0) / LETTER_BITS
}

/// What a decoding costs for the scripts its codec's users write.
fn language(codec: Codec, text: &str) -> i32 {
    match codec {
        Codec::ShiftJis
        | Codec::EucJp
        | Codec::EucKr
        | Codec::Gbk
        | Codec::Gb18030
        | Codec::Big5 => {}
        Codec::Utf8 | Codec::Utf8Variants => return 0,
        _ => {
            return CLUSTER * consonant_excess(text) + orthography::cost(text) - letter_bonus(text)
        }
    }
    let (mut kana, mut hangul, mut cjk, mut half) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30FF}' => kana += 1,
            // Halfwidth katakana is rare in text of this century, and it is
            // what single bytes from 0xA1 to 0xDF decode to in Shift_JIS.
            '\u{FF61}'..='\u{FF9F}' => half += 1,
            '\u{AC00}'..='\u{D7A3}' => hangul += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => cjk += 1,
            _ => {}
        }
    }
    let cjk_total = kana + hangul + cjk;
    let missing_in = |present: usize, run: usize| {
        if present == 0 && cjk_total >= run {
            MISSING_SCRIPT
        } else {
            0
        }
    };
    // Kanji alone are Japanese too where every one is a Jōyō kanji
    // (addresses, names, headings: `京都府京都市左京区`): another codec's
    // bytes read as Japanese land on the rest of JIS's first level as
    // often as not.
    let joyo_only = matches!(codec, Codec::ShiftJis | Codec::EucJp)
        && text
            .chars()
            .all(|c| codec.ideograph_use(c).is_none_or(|tier| tier == 0));
    let missing = |present: usize| {
        if joyo_only {
            0
        } else {
            missing_in(present, MISSING_SCRIPT_RUN)
        }
    };
    let foreign = |n: usize| FOREIGN * n as i32;
    // Ideographs outside the codec's own frequent set: its users write
    // few, while another codec's bytes read with it land there at random
    // (Shift_JIS's kanji rows are GBK's extension, full of traditional
    // forms that the model, which knows only the union of the frequent
    // sets, finds common).
    let rare = RARE_IDEOGRAPH * infrequent(codec, text.chars());
    // A lone ASCII letter between two ideographs: a second byte that the
    // decoding left standing (`么a趴a` from box drawing read as GBK); text
    // writes Latin in words.
    let sandwiched = triples(text)
        .filter(|&(a, b, c)| ideograph(a) && b.is_ascii_alphabetic() && ideograph(c))
        .count() as i32;
    rare + SANDWICH * sandwiched
        + match codec {
            // EUC-JP writes half-width katakana with a prefix byte (SS2), which
            // no byte sequence has by chance: they are its users' text.
            Codec::EucJp => foreign(hangul) + missing(kana + half),
            // Half-width katakana spelled as Japanese spells them (a voicing
            // mark after a kana that takes it) are legacy systems' text
            // (receipts, bank transfers: `ﾌﾘｺﾐ ﾔﾏﾀﾞ`), not a Latin
            // letter's byte read as one.
            Codec::ShiftJis if voiced_half_width(text) => foreign(hangul) + missing(kana),
            Codec::ShiftJis => foreign(half) + foreign(hangul) + missing(kana),
            // Korean is written in Hangul, with Hanja beside it at most:
            // two Hanja alone are already another script's bytes (EUC-KR's
            // Hanja rows are where windows-1251 keeps its lowercase
            // letters, and GB2312 its second level). Japanese addresses
            // and names are kanji only, so kana are missed later.
            Codec::EucKr => foreign(half) + foreign(kana) + missing_in(hangul, HANJA_ONLY_RUN),
            _ => foreign(half) + foreign(kana + hangul),
        }
}

/// Whether `text` has two half-width voicing marks (`ﾞ`, `ﾟ`) or more,
/// and each follows a half-width kana that takes it (`ｶﾞ`, `ﾊﾟ`, `ｳﾞ`).
/// One is not enough: windows-1251's capitals are Shift_JIS's half-width
/// kana, `Я` its `ﾟ`, so `ДНЯ` read as windows-1252 spells `ﾄﾍﾟ`.
fn voiced_half_width(text: &str) -> bool {
    let mut prev = None;
    let mut marks = 0;
    for c in text.chars() {
        let fits = match c {
            'ﾞ' | 'ﾟ' => mark_fits(prev, c),
            _ => true,
        };
        if !fits {
            return false;
        }
        marks += usize::from(matches!(c, 'ﾞ' | 'ﾟ'));
        prev = Some(c);
    }
    marks >= VOICED_MARKS
}

/// See [`voiced_half_width`].
const VOICED_MARKS: usize = 2;

/// Whether the half-width voicing mark `mark` may follow `prev`: `ﾞ` a
/// kana of the `k`, `s`, `t` and `h` rows or `ｳ`, `ﾟ` one of the `h` row.
fn mark_fits(prev: Option<char>, mark: char) -> bool {
    match mark {
        'ﾞ' => matches!(prev, Some('ｳ' | 'ｶ'..='ﾄ' | 'ﾊ'..='ﾎ')),
        _ => matches!(prev, Some('ﾊ'..='ﾎ')),
    }
}

/// What [`language`] charged a Shift_JIS reading for half-width kana
/// beyond [`SPELT_HALF_WIDTH`] each, where the line as the reading would
/// leave it spells them as Japanese does (see [`kana_spelt_half_width`]).
fn spelt_half_width_refund(codec: Codec, all: &str, line: impl FnOnce() -> String) -> i32 {
    if codec != Codec::ShiftJis || voiced_half_width(all) {
        return 0;
    }
    let half = all
        .chars()
        .filter(|c| ('\u{FF61}'..='\u{FF9F}').contains(c))
        .count() as i32;
    if half == 0 || !kana_spelt_half_width(&line()) {
        return 0;
    }
    (FOREIGN - SPELT_HALF_WIDTH) * half
}

/// Whether `text`, half-width katakana and ASCII alone, spells the kana
/// as Japanese does, short of [`voiced_half_width`]'s two marks: every
/// voicing mark after a kana that takes it, `ｬ`, `ｭ`, `ｮ` after a kana of
/// the `i` row, the other small kana, `ｰ` and `ﾝ` after a kana (never to
/// start a word), the half-width punctuation (`｡｢｣､･`) never between two
/// kana; and a quarter of the kana from the first half of their bytes
/// (B0-BF: `ｰ`, the vowels, the `k` and `s` rows), two at least, which
/// Japanese writes in most words (`ﾌﾘｺﾐ ﾀﾛｳ ｻﾏ`) while windows-1251's
/// capitals, Greek's and most Arabic letters are bytes C0-DF, from `ﾀ`
/// on, and Greek's accented capitals a few in A2-BF (`ΚΛΕΙΣΤΌ` spells `ﾊﾋﾅﾉﾓﾔｼ`). Another double-byte codec's
/// bytes may spell such kana too (Korean's `내일` is `ｳｻﾀﾏ`), so the
/// reading still pays [`SPELT_HALF_WIDTH`] a kana, less than
/// [`FOREIGN`], and never reads as plain text that settles the line.
fn kana_spelt_half_width(text: &str) -> bool {
    let kana = |c: Option<char>| c.is_some_and(|c| ('ｦ'..='ﾝ').contains(&c));
    let mark = |c: Option<char>| matches!(c, Some('ﾞ' | 'ﾟ'));
    let i_row = |c: Option<char>| matches!(c, Some('ｷ' | 'ｼ' | 'ﾁ' | 'ﾆ' | 'ﾋ' | 'ﾐ' | 'ﾘ'));
    let chars: Vec<char> = text.chars().collect();
    let (mut letters, mut first_half) = (0, 0);
    for (i, &c) in chars.iter().enumerate() {
        let at = |k: usize| i.checked_sub(k).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let fits = match c {
            _ if c.is_ascii() => true,
            'ﾞ' | 'ﾟ' => mark_fits(at(1), c),
            'ｬ' | 'ｭ' | 'ｮ' => i_row(at(1)) || (mark(at(1)) && i_row(at(2))),
            'ｧ'..='ｯ' | 'ｰ' | 'ﾝ' => kana(at(1)) || mark(at(1)),
            '｡'..='･' => !(kana(at(1)) || mark(at(1))) || !kana(next),
            'ｦ'..='ﾝ' => true,
            _ => false,
        };
        if !fits {
            return false;
        }
        letters += usize::from(kana(Some(c)));
        first_half += usize::from(matches!(c, 'ｰ'..='ｿ'));
    }
    letters >= HALF_WIDTH_WORD && first_half >= 2 && 4 * first_half >= letters
}

/// See [`kana_spelt_half_width`]: what a Shift_JIS reading pays for each
/// half-width kana so spelt, and the fewest kana that count.
const SPELT_HALF_WIDTH: i32 = 1;
const HALF_WIDTH_WORD: usize = 4;

/// What a decoding pays for each ASCII letter alone between ideographs.
const SANDWICH: i32 = 3;
/// What a Chinese or Japanese decoding pays for each space between two
/// ideographs (see [`spaced_ideographs`]).
const SPACED: i32 = 1;

/// What a decoding of the line `line` with `codec` pays for the spaces it
/// leaves between ideographs: Chinese and Japanese write none between
/// words, while Korean does, and EUC-KR's Hangul rows are GB2312's first
/// level (`그는 매일` read as GBK is `弊绰 概老`, every ideograph common).
fn spaced_ideographs(codec: Codec, line: &str) -> i32 {
    if !matches!(
        codec,
        Codec::Gbk | Codec::Gb18030 | Codec::Big5 | Codec::ShiftJis | Codec::EucJp
    ) {
        return 0;
    }
    let spaced = triples(line)
        .filter(|&(a, b, c)| ideograph(a) && b == ' ' && ideograph(c))
        .count();
    SPACED * spaced as i32
}

/// Whether `decoded`, the decoding of a whole line's characters beyond
/// ASCII, is [`IDEOGRAPH_LINE`] ideographs or more of `codec`'s frequent
/// set and nothing else beyond ASCII, few of them repeated: what GBK's
/// text is in cp437 (`杭州西湖断桥` is `║╝╓▌╬≈║■╢╧╟┼`), where a run with
/// no letter would be decoration. Box art repeats its strokes, and the
/// ideographs it decodes to repeat with them (`┌──────────┐` is
/// `谀哪哪哪哪目`).
fn ideograph_line(codec: Codec, decoded: &str) -> bool {
    let mut seen: Vec<char> = Vec::new();
    let mut count = 0;
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        if !ideograph(c) || !codec.frequent_ideograph(c) {
            return false;
        }
        count += 1;
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    count >= IDEOGRAPH_LINE && 4 * seen.len() >= 3 * count
}

/// See [`ideograph_line`].
const IDEOGRAPH_LINE: usize = 4;

/// Box drawing and block elements: a line of nothing else is decoration,
/// even when its strokes decode to distinct ideographs (`╔╗╚╝╠╣╦╩` is
/// `苫燃坦耸` in GBK), while a CJK codec's text read as cp437 has second
/// bytes all over the code page (`西安城墙` is `╬≈░▓│╟╟╜`).
fn box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259F}').contains(&c)
}

/// A unified ideograph of the main block, the one the frequency tiers of
/// the national standards cover.
pub(super) fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Every three characters in a row of `text`.
fn triples(text: &str) -> impl Iterator<Item = (char, char, char)> + '_ {
    let mut chars = text.chars();
    let mut window = chars.next().zip(chars.next());
    chars.filter_map(move |c| {
        let (a, b) = window?;
        window = Some((b, c));
        Some((a, b, c))
    })
}

/// What a decoding pays for each ideograph outside its codec's frequent
/// set (see [`infrequent`]).
const RARE_IDEOGRAPH: i32 = 1;

/// How far the ideographs of `text` are from common use, beyond what text
/// has (see [`Codec::ideograph_use`]). The national standards' first
/// levels are thousands of characters in the order of their readings, so
/// other bytes read with a CJK codec land on first-level characters as
/// often as not (`東京都` in EUC-JP is `澎叠旁` in GBK); a writer picks the
/// common ones of those levels far more often than chance does. Only a
/// comparison: names, terms and classical text have their rare characters
/// (`珺`, `氦`, `魑魅魍魉`), and a penalty on any reading that has them
/// handed such Chinese lines to Korean readings with few ideographs.
fn uncommon(codec: Codec, text: impl Iterator<Item = char>) -> i32 {
    let (steps, ideographs) = uncommon_steps(codec, text);
    // Text has three quarters of a step an ideograph at most.
    (4 * steps - 3 * ideographs).max(0) / 4
}

/// The steps from common use of the ideographs of `text` under `codec`
/// (see [`Codec::ideograph_use`]), and how many ideographs it has.
fn uncommon_steps(codec: Codec, text: impl Iterator<Item = char>) -> (i32, i32) {
    let (mut steps, mut ideographs) = (0, 0);
    for tier in text.filter_map(|c| codec.ideograph_use(c)) {
        steps += i32::from(tier);
        ideographs += 1;
    }
    (steps, ideographs)
}

/// What the garble of UTF-8 read as a CJK codec has to show for itself
/// in its [`uncommon`] ideographs: UTF-8's bytes land on them at random
/// (`鍙戝睍` for `发展`). Not asked of one CJK codec's text read as
/// another's, whose garble is as common as the text it came from, and
/// clean lists of rare characters (given names: `珺、琰、玥`) look the same.
fn garbled_uncommon(chain: &Chain, garbled: impl Iterator<Item = char>) -> i32 {
    if chain.decode != Codec::Utf8 {
        return 0;
    }
    UNCOMMON_IDEOGRAPH * uncommon(chain.encode, garbled)
}

/// What each step from common use beyond what text has is worth (see
/// [`uncommon`]).
const UNCOMMON_IDEOGRAPH: i32 = 1;

/// Whether `c` is a Cyrillic consonant (`Some(true)`) or vowel
/// (`Some(false)`), of the Slavic languages' letters (the soft sign
/// counts as a consonant, the hard sign as a vowel).
pub(super) fn cyrillic_sound(c: char) -> Option<bool> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ў' | 'ј' | 'љ' | 'њ' | 'ћ' | 'ђ' | 'џ' | 'ґ' => {
            Some(!"аеёиоуыэюяіїєъў".contains(lower))
        }
        _ => None,
    }
}

/// Consonants past [`CLUSTER_FREE`] in a row, and vowels past
/// [`VOWELS_FREE`], summed over a Cyrillic or Greek text: bytes of one
/// alphabet read as the other come out as unpronounceable strings
/// (`Ехчбсйуфю` for `Ευχαριστώ`).
/// What the Hangul syllables of `text` cost for spelling more than Korean
/// does with rare jamo: a final other than the common ones (`ㄴㄹㅇㅁㄱㅂㅆ`,
/// or none), a tense initial (`ㄲㄸㅃㅉㅆ`), a rare vowel (`ㅒㅙㅞㅝㅟㅖㅚ`),
/// one count each. Korean text has few (a tenth of its syllables, and
/// short lines at most half); the syllables that other codecs' bytes
/// land on in EUC-KR, its 2,350 in code point order, have one or more in
/// most (GBK's `Â×¶Ø`, 伦敦, reads `쬈뛔`). Over four in ten syllables,
/// each tenth costs [`ODD_HANGUL`] tenths. Asked of a line read as one
/// word: Korean spaces its words, and a line of several is judged by
/// them (`뷁! 이게 뭐야?`).
fn odd_hangul(text: &str) -> i32 {
    let (mut syllables, mut odd) = (0, 0);
    for c in text.chars() {
        let Some(s) = (c as u32).checked_sub(0xAC00).filter(|&s| s < 11172) else {
            continue;
        };
        let (initial, vowel, last) = (s / 588, (s % 588) / 28, s % 28);
        syllables += 1;
        // Jamo indices of Unicode's Hangul syllable composition.
        odd += i32::from(!matches!(last, 0 | 1 | 4 | 8 | 16 | 17 | 20 | 21))
            + i32::from(matches!(initial, 1 | 4 | 8 | 10 | 13))
            + i32::from(matches!(vowel, 3 | 7 | 10 | 11 | 14 | 15 | 16));
    }
    (10 * odd - 4 * syllables).max(0) * ODD_HANGUL / 10
}

const ODD_HANGUL: i32 = 2;

/// Whether the Cyrillic letters of `text`, [`VOWEL_LETTERS`] or more,
/// are less than a sixth vowels: Russian, Ukrainian and Bulgarian text
/// has two in five, a word in capitals (`СПОРТ`, `Львів`) one in five.
fn few_vowels(text: &str) -> bool {
    let (mut letters, mut vowels) = (0, 0);
    for c in text.chars() {
        if let Some(consonant) = cyrillic_sound(c) {
            letters += 1;
            vowels += usize::from(!consonant);
        }
    }
    letters >= VOWEL_LETTERS && vowels * 6 < letters
}

const VOWEL_LETTERS: usize = 5;

fn consonant_excess(text: &str) -> i32 {
    let mut excess = 0;
    let mut streak = 0usize;
    let mut vowels = 0usize;
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let consonant = match lower {
            'α'..='ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ό' | 'ύ' | 'ώ' | 'ΐ' | 'ΰ' | 'ϊ' | 'ϋ' => {
                !"αεηιουωάέήίόύώϊϋΐΰ".contains(lower)
            }
            _ => cyrillic_sound(c) == Some(true),
        };
        let vowel = !consonant
            && matches!(lower, 'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ў' | 'α'..='ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ό' | 'ύ' | 'ώ' | 'ΐ' | 'ΰ' | 'ϊ' | 'ϋ');
        streak = if consonant { streak + 1 } else { 0 };
        vowels = if vowel { vowels + 1 } else { 0 };
        if streak > CLUSTER_FREE || vowels > VOWELS_FREE {
            excess += 1;
        }
    }
    excess
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix_mojibake;

    /// `text` written with `wrote` and read with `read` comes back.
    fn assert_repairs(text: &str, wrote: Codec, read: Codec) {
        let garbled = read.decode(&wrote.encode(text).unwrap()).unwrap();
        assert_eq!(fix_mojibake(&garbled), text, "{garbled}");
    }

    /// Half-width katakana that a Shift_JIS walk reads as UTF-8 for
    /// accented letters of no one alphabet stays (`ﾅｯﾄｳ` was `ůĳ`), while
    /// a word of accented letters that one language writes comes back.
    #[test]
    fn utf8_chains_spell_one_alphabet() {
        for clean in ["ﾅｯﾄｳ ｺﾂﾌﾞ 3P ¥88※", "ﾅｯﾄｳ"] {
            assert_eq!(fix_mojibake(clean), clean);
        }
        assert_repairs("Üç gün sonra", Codec::Utf8, Codec::ShiftJis);
    }

    /// UTF-8 Russian read twice by a strict windows-1252, the second time
    /// losing the lead bytes of its Cyrillic (`Ð` is C3 90): GBK, read
    /// over what is left, spelt ideographs of the losses; the UTF-8
    /// repair's partial reading stands instead.
    #[test]
    fn gbk_takes_no_line_of_losses() {
        let garbled = "Ã\u{FFFD}â€\u{FFFD}Ã\u{FFFD}Â¾Ã\u{FFFD}Â±Ã‘â‚¬Ã\u{FFFD}Â¾Ã\u{FFFD}Âµ Ã‘Æ’Ã‘â€šÃ‘â‚¬Ã\u{FFFD}Â¾";
        let fixed = fix_mojibake(garbled);
        assert!(fixed.contains("утр"), "{fixed}");
        assert!(
            !fixed
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{fixed}"
        );
    }

    /// GBK read by CPython's Big5 codecs, whose rows C6 and C7 hold kana
    /// and circled numbers at other pairs than the WHATWG index: the
    /// reading with CPython's pairs comes back where it ranks higher
    /// (`汽车` is `イ陬` either way, but `请` is `③`, which the WHATWG
    /// index writes where GBK has `疲`), or as high in commoner
    /// ideographs (`室内请勿吸烟`, where `疲` costs the model what `请`
    /// does).
    #[test]
    fn gbk_read_by_cpythons_big5() {
        for (garbled, text) in [
            ("毞ァю檄ㄛァ恲巠笢﹝", "天气晴朗，气温适中。"),
            ("ヶ醱腔イ陬③熬厒鞣俴﹝", "前面的汽车请减速慢行。"),
            ("弅囀③昦柲捈", "室内请勿吸烟"),
            (
                "す假珗腔俀奻ㄛ扂蠅珨れ艘萇荌﹝",
                "平安夜的晚上，我们一起看电影。",
            ),
        ] {
            assert_eq!(fix_mojibake(garbled), text);
        }
    }

    /// The words of the issue and the README, short as they are: EUC-KR's
    /// Hanja rows hold windows-1251's lowercase letters and GB2312's
    /// second level, so a reading in Hanja alone is not Korean.
    #[test]
    fn short_words_come_back_in_their_own_script() {
        for (text, codec) in [
            ("Привет", Codec::Windows1251),
            ("Москва", Codec::Windows1251),
            ("中文", Codec::Gbk),
            ("发展", Codec::Gbk),
            ("안녕하세요", Codec::EucKr),
            ("مرحبا", Codec::Windows1256),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
    }

    /// Capitals of an alphabet read as windows-1252 are Latin-1 capitals
    /// only, which GBK reads as common ideographs two by two; Chinese
    /// rarely spells so many capitals in a row (`中文` does, four).
    #[test]
    fn capitals_of_an_alphabet_are_not_ideographs() {
        for (text, codec) in [
            ("ΕΛΛΑΔΑ", Codec::Windows1253),
            ("ΚΟΣΜΟΣ", Codec::Windows1253),
            ("中文", Codec::Gbk),
            ("北京大学", Codec::Gbk),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
    }

    /// EUC-KR's Hangul rows are GB2312's first level, so Korean read as
    /// windows-1252 also decodes as GBK to common ideographs; the spaces
    /// between its words say Korean. Chinese written with spaces (word
    /// lists, segmented text) still comes back as Chinese.
    #[test]
    fn spaces_between_words_tell_korean_from_chinese() {
        for (text, codec) in [
            ("이 가방은 무게가 2kg이 넘는다.", Codec::EucKr),
            ("이 노트북은 무게가 1kg도 안 된다.", Codec::EucKr),
            ("우리 동네 도서관은 밤 열 시까지 문을 연다.", Codec::EucKr),
            ("北京 上海 广州 深圳", Codec::Gbk),
            ("今天 天气 很好 我们 去 公园", Codec::Gbk),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
    }

    /// Kanji alone in EUC-JP read as windows-1252 also read as GBK, in
    /// the uncommon characters of GB2312's first level (`澎叠旁` for
    /// `東京都`): a Japanese address of Jōyō kanji stays Japanese, and
    /// Chinese in common characters stays Chinese.
    #[test]
    fn common_use_tells_one_codec_from_another() {
        assert!(uncommon(Codec::Gbk, "澎叠旁糠缴惰谰糠缴".chars()) > 0);
        assert_eq!(uncommon(Codec::Gbk, "他们今天去北京开会".chars()), 0);
        assert_eq!(uncommon(Codec::EucJp, "東京都新宿区西新宿".chars()), 0);
        // Chinese that uses rare characters on purpose stays Chinese:
        // names, medical terms, classical phrases.
        for text in ["晟睿", "觊觎已久，虎视眈眈。", "扬州市邗江区"] {
            assert_repairs(text, Codec::Gbk, Codec::SloppyWindows1252);
        }
        for (text, codec) in [
            ("東京都新宿区西新宿", Codec::EucJp),
            ("大阪府大阪市北区", Codec::EucJp),
            ("東京都新宿区西新宿", Codec::ShiftJis),
            ("北京市朝阳区", Codec::Gbk),
            ("请稍等一下。", Codec::Gbk),
            ("新竹科學園區", Codec::Big5),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
        // GBK's reading is plain to the model but uncommon (`弟倦俯犁骆`),
        // so EUC-JP is asked too, and its commoner kanji win the tie.
        for text in ["宮城県仙台市青葉区", "長野県松本市", "静岡県浜松市"] {
            assert_repairs(text, Codec::EucJp, Codec::SloppyWindows1252);
        }
    }

    /// GB2312's first level is EUC-KR's Hangul, byte for byte: short
    /// Chinese read as windows-1252 also reads as Korean, in syllables
    /// with rare jamo (`Â×¶Ø`, 伦敦, is `쬈뛔`), which Korean writes few of.
    #[test]
    fn rare_jamo_tell_chinese_from_korean() {
        assert!(odd_hangul("쬈뛔") > 0);
        assert_eq!(odd_hangul("안녕하세요"), 0);
        for (text, codec) in [
            ("伦敦", Codec::Gbk),
            ("孟加拉", Codec::Gbk),
            ("阿拉伯联合酋长国", Codec::Gbk),
            ("괜찮아요?", Codec::EucKr),
            ("서울특별시", Codec::EucKr),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
    }

    /// Hebrew read as windows-1252 is plain Cyrillic under windows-1251
    /// (`озш ббечш`), which comes first among the alphabets; the Hebrew
    /// reading's letters are the commoner, and Russian stays Russian.
    #[test]
    fn letter_rarity_tells_one_alphabet_from_another() {
        for (text, codec) in [
            ("מחר בבוקר", Codec::Windows1255),
            ("מה קורה?", Codec::Windows1255),
            ("Χθες βράδυ", Codec::Windows1253),
            ("Скоро лето", Codec::Windows1251),
            ("Юрий ждёт", Codec::Windows1251),
            // Greek reads them as words Greek cannot spell.
            ("Кувейт", Codec::Windows1251),
            ("июль", Codec::Windows1251),
            // Windows-1253 reads `а` as `ΰ`, rare in Greek: `Δσαΰι`.
            ("Дубай", Codec::Windows1251),
            ("Τρίτη 3 Μαΐου", Codec::Windows1253),
        ] {
            assert_repairs(text, codec, Codec::SloppyWindows1252);
        }
    }

    /// UTF-8 read as GBK: `¥` is `楼`, an emoji two ideographs, each
    /// too short a run alone, repaired with the line.
    #[test]
    fn short_runs_come_along_with_their_line() {
        for text in ["苹果三斤 ¥15.8", "生日快乐 🎂"] {
            let garbled = Codec::Gbk.decode(text.as_bytes()).unwrap();
            assert_eq!(fix_mojibake(&garbled), text, "{garbled}");
        }
        // Alone, they are text.
        for clean in ["楼 15.8", "馃巶"] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// Half-width katakana from Shift_JIS read as windows-1252: spelled
    /// with voicing marks in place, they are text; Russian capitals read
    /// so spell them too (`ДНЯ` is `ﾄﾍﾟ`) and stay Russian.
    #[test]
    fn half_width_katakana_with_voicing_marks() {
        let garbled = Codec::SloppyWindows1252
            .decode(&Codec::ShiftJis.encode("ｺﾝﾋﾞﾆ ﾃﾞ ｶｲﾓﾉ").unwrap())
            .unwrap();
        assert_eq!(garbled, "ºÝËÞÆ ÃÞ ¶²ÓÉ");
        assert_eq!(fix_mojibake(&garbled), "ｺﾝﾋﾞﾆ ﾃﾞ ｶｲﾓﾉ");
        let russian = Codec::SloppyWindows1252
            .decode(&Codec::Windows1251.encode("СВЕЖИЕ НОВОСТИ ДНЯ").unwrap())
            .unwrap();
        assert_eq!(fix_mojibake(&russian), "СВЕЖИЕ НОВОСТИ ДНЯ");
    }

    /// GBK read as Big5: full-width punctuation becomes Bopomofo glued to
    /// the ideographs (`，` is `ㄛ`, `！` is `ㄐ`); Taiwanese slang that
    /// writes Bopomofo so is left.
    #[test]
    fn glued_bopomofo_is_gbk_punctuation() {
        let garbled = Codec::Big5
            .decode(&Codec::Gbk.encode("明天见，好吗？").unwrap())
            .unwrap();
        assert_eq!(garbled, "隴毞獗ㄛ疑鎘ˋ");
        assert_eq!(fix_mojibake(&garbled), "明天见，好吗？");
        for clean in ["好ㄉ，明天見", "我ㄉ天啊", "你是ㄙㄟˊ啦"] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// UTF-8 Latin text read as a CJK codec: each accented letter is one
    /// ideograph or syllable (two half-width katakana in Shift_JIS) glued
    /// to its word. CJK text glues its own characters to ASCII words.
    #[test]
    fn accented_letters_read_as_one_cjk_character() {
        for text in [
            "Mazatlán",
            "José María",
            "São Paulo",
            "Egyesült államok",
            "Pokémon à Lyon",
            "Tími á frönsku",
            "Señor Núñez, su pedido nº 4521 está listo.",
            "Hawaiʻi",
        ] {
            for codec in [Codec::Gbk, Codec::Big5, Codec::ShiftJis, Codec::EucKr] {
                let Ok(garbled) = codec.decode(text.as_bytes()) else {
                    continue;
                };
                assert_eq!(fix_mojibake(&garbled), text, "{codec}: {garbled}");
            }
        }
        // Nor inside one: a line needs a cluster between ASCII letters,
        // or two at a word's edge.
        for clean in [
            "%s只能在执行 CREATE EXTENSION的SQL脚本里调用",
            "每%s天",
            "新款iPhone手机",
            "APIの使い方",
            "Buy the API키 now, José",
            "| Café | API키 | 칩 |",
            "Hello Kitty猫 x2",
            "Note: see Kevin羅's email",
            "Team환Chen won",
            "猫mao - cat",
            "책chaek - book",
            "谷tani - valley",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// UTF-8 read by Windows' cp932 (or CPython's): the continuation byte
    /// A0, which Shift_JIS leaves undefined, comes out as U+F8F0 (`加` is
    /// E5 8A A0, `蜉` and U+F8F0).
    #[test]
    fn cp932_reads_a0_as_private_use() {
        for (garbled, text) in [
            ("鬩ｬ蜉\u{F8F0}荳ｹ譌ｶ髣ｴ", "马加丹时间"),
            ("蜉\u{F8F0}諡ｿ螟ｧ", "加拿大"),
        ] {
            assert_eq!(fix_mojibake(garbled), text);
        }
    }

    /// Katakana in Shift_JIS read as windows-1252: lead byte 0x83 is `ƒ`
    /// and the second bytes are ASCII letters, so the garble never has two
    /// characters beyond ASCII in a row (`ƒJƒbƒv`). Ewe writes `ƒ` as a
    /// letter, beside letters no code page has; English quotes a letter,
    /// Spanish and French a capitalised word.
    #[test]
    fn ascii_second_bytes_read_as_windows_1252() {
        for text in [
            "カップ",
            "ブラジル",
            "イド語",
            "CFP フラン",
            "ジャマイカ ドル",
        ] {
            assert_repairs(text, Codec::ShiftJis, Codec::SloppyWindows1252);
        }
        // Big5 likewise: half its ideographs have an ASCII second byte,
        // after a lead that windows-1252 reads as a Latin-1 symbol.
        for text in ["卡琴文", "夏威夷"] {
            assert_repairs(text, Codec::Big5, Codec::SloppyWindows1252);
        }
        for clean in [
            "Ɣetoɖoƒe Argentina gaƒoƒo me",
            "Afi ƒe ƒoƒu",
            "Heat: 5 W·m²·K; 6 W·m²·K",
            "°C±°F and °C±°F",
            "¬p·¬q; ¬p·¬q",
            "¿Dónde está Íñigo?",
            "Merci à tous d’être venus pour l’anniversaire d’Hélène.",
            "He said “I” and ‘a’ twice.",
            "ƒ(x) = ƒ(y)",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// Windows-1251 and KOI8-R read as each other leave few vowels: short
    /// lowercase words with rare letters (`ф`, `ю`, `й`) are text, not
    /// the garble of `ТСМР/ДЧИЛ`. Capitals read so still come back.
    #[test]
    fn a_case_swap_must_leave_vowels() {
        for clean in ["фунт/дюйм²", "фунт-вӑй-фут"] {
            assert_eq!(fix_mojibake(clean), clean);
        }
        assert_repairs("СВЕЖИЕ НОВОСТИ ДНЯ", Codec::Windows1251, Codec::Koi8R);
    }

    /// A row of box drawing is no CJK codec's garble, whatever the line
    /// around it holds (here a katakana mark and a letter U+FFFD took).
    #[test]
    fn box_drawing_beside_cjk_is_not_garble() {
        for clean in [
            "╠══════════╬════════╣ ー Rytoj Vilniuje snigs, o te\u{FFFD}\u{FFFD}mperatūra nukris iki −8 °C.",
            "╚══════\u{FFFD}蕐═══╩════════\u{FFFD}╝",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// EUC-JP and GBK read as Shift_JIS: a character Shift_JIS has twice
    /// came from ED-EE bytes (EUC-JP's `願`, `議`, `館` as read here) or
    /// from FA-FC ones (GBK's `李`, `闭`), and the reading that ranks
    /// higher says which.
    #[test]
    fn shift_jis_twins_asked_both_ways() {
        for (text, wrote) in [
            ("よろしくお願いします。", Codec::EucJp),
            ("図書館は月曜休館です。", Codec::EucJp),
            ("早上好，李老师！", Codec::Gbk),
            ("图书馆周一闭馆，其余时间开放至晚上十点。", Codec::Gbk),
        ] {
            let garbled = Codec::ShiftJis
                .decode(&wrote.encode(text).unwrap())
                .unwrap();
            assert!(
                garbled.chars().any(crate::codec::shift_jis_has_twin),
                "{garbled}"
            );
            assert_eq!(fix_mojibake(&garbled), text, "{garbled}");
        }
    }

    /// `garbled` repairs to `text` with some characters U+FFFD in their
    /// places (one for each character that lost bytes), and `kept` of
    /// them whole.
    fn assert_kept_in_place(garbled: &str, text: &str, kept: usize) {
        let fixed = fix_mojibake(garbled);
        assert_eq!(fixed.chars().count(), text.chars().count(), "{fixed}");
        assert!(
            fixed
                .chars()
                .zip(text.chars())
                .all(|(a, b)| a == b || a == '\u{FFFD}'),
            "{fixed}"
        );
        let same = fixed
            .chars()
            .zip(text.chars())
            .filter(|(a, b)| a == b)
            .count();
        assert_eq!(same, kept, "{fixed}");
    }

    /// UTF-8 read by CPython's Big5 decoder, which writes one U+FFFD for
    /// each byte it cannot read (garbled with CPython 3.11): most
    /// characters lose a byte, and the repair gives back those that kept
    /// all three, one U+FFFD for each of the others, in their places.
    #[test]
    fn cpython_losses_one_byte_each() {
        for (garbled, text, kept) in [
            (
                "\u{FFFD}\u{FFFD}\u{FFFD}隞砌\u{FFFD}\u{FFFD}憭拐\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}銝\u{FFFD}\u{FFFD}\u{FFFD}孵\u{FFFD}典\u{FFFD}曆髡擐\u{FFFD}\u{FFFD}\u{FFFD}典\u{FFFD}\u{FFFD}閫\u{FFFD}\u{FFFD}\u{FFFD}ｇ\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}怨\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}唬\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}",
                "我们今天下午三点在图书馆门口见面，别迟到了。",
                4,
            ),
            (
                "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}賊尹\u{FFFD}\u{FFFD}曹\u{FFFD}\u{FFFD}隡\u{FFFD}擗剁\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}園\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}曉\u{FFFD}唳\u{FFFD}\u{FFFD}銝\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}暺\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}",
                "圖書館週一休館，其餘時間開放到晚上十點。",
                2,
            ),
        ] {
            assert_kept_in_place(garbled, text, kept);
        }
    }

    /// UTF-8 Korean read by CPython's cp949 (garbled with CPython 3.11),
    /// which loses the lead byte of most syllables and reads the other two
    /// as one syllable of its extension (`�삤` for `오`): the repair finds
    /// the run by those, and restores each lead where one syllable of
    /// KS X 1001 fits (`울`, `종`), one U+FFFD for each of the others.
    #[test]
    fn cp949_losses_of_lead_bytes() {
        for (garbled, text, kept) in [
            (
                "\u{FFFD}꽌\u{FFFD}슱\u{FFFD}듅蹂꾩떆 醫낅줈援\u{FFFD} \u{FFFD}꽭醫낅\u{FFFD}\u{FFFD}濡\u{FFFD} 175",
                "서울특별시 종로구 세종대로 175",
                12,
            ),
            (
                "\u{FFFD}삤\u{FFFD}뒛\u{FFFD}\u{FFFD}\u{FFFD} \u{FFFD}꽌\u{FFFD}슱\u{FFFD}뿉\u{FFFD}꽌 \u{FFFD}쉶\u{FFFD}쓽媛\u{FFFD} \u{FFFD}엳\u{FFFD}뒿\u{FFFD}땲\u{FFFD}떎",
                "오늘은 서울에서 회의가 있습니다",
                6,
            ),
        ] {
            assert_kept_in_place(garbled, text, kept);
        }
    }

    /// A row of decoration with a U+FFFD in it: the lone `¸` after the
    /// loss would pair up with it under windows-1252 read as Big5, and the
    /// line count as read whole (`偕爻,虜,齯滌`); a run that decodes to
    /// losses alone decodes nothing, and the row stays as it is.
    #[test]
    fn a_loss_does_not_make_a_line_whole() {
        for text in [
            "°º¤ø,¸¸,ø¤º°`°º¤ø,\u{FFFD}\u{FFFD}¸",
            "°º¤ø,¸¸,ø¤º°`°º¤ø,\u{FFFD}¸",
        ] {
            assert_eq!(fix_mojibake(text), text);
        }
    }

    /// Japanese whose characters were lost whole (a layer under it was
    /// repaired with losses): under Shift_JIS its bytes do not fit one
    /// lost byte each, and the resynchronised reading is a mess; it stays.
    #[test]
    fn whole_characters_lost_stay_lost() {
        let text = "\u{FFFD}風10\u{FFFD}\u{FFFD}今夜\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}州\u{FFFD}部\u{FFFD}上陸\u{FFFD}る見込\u{FFFD}\u{FFFD}\u{FFFD}。";
        assert_eq!(fix_mojibake(text), text);
    }

    /// UTF-8 Hangul from U+D000 on starts with ED, which Shift_JIS reads
    /// into characters it writes at FA-FC: the repair takes their ED-EE
    /// twins (`nec-selected`). Japanese names written with them stay.
    #[test]
    fn utf8_hangul_read_as_shift_jis() {
        for text in [
            "한국", "한식", "행복", "허리", "홍차", "확인", "활동", "흐림",
        ] {
            let garbled = Codec::ShiftJis.decode(text.as_bytes()).unwrap();
            assert_eq!(fix_mojibake(&garbled), text, "{garbled}");
        }
        for clean in ["山﨑さんと髙橋さん", "德川家康の墓", "山﨑", "髙島屋の紙袋"]
        {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// EUC-JP's kana read as Shift_JIS: a half-width mark every other
    /// character (`､ｽ､ｦ､ﾇ､ｹ､ﾍ`), which half-width text does not write,
    /// even where it lists single letters.
    #[test]
    fn euc_jp_kana_read_as_shift_jis() {
        for text in [
            "そうですね",
            "はい、そうします",
            "ここにいます",
            "まだいます",
            "ほしいです",
        ] {
            let garbled = Codec::ShiftJis
                .decode(&Codec::EucJp.encode(text).unwrap())
                .unwrap();
            assert_eq!(fix_mojibake(&garbled), text, "{garbled}");
        }
        for clean in [
            "ｲ､ﾛ､ﾊ､ﾆ､ﾎ､ﾍ､ﾄ",
            "ｱ､ｲ､ｳ､ｴ､ｵ",
            "ﾊﾞｽ､ﾀｸｼｰ､ﾃﾞﾝｼｬ",
            "ﾄﾞ･ﾚ･ﾐ･ﾌｧ･ｿ･ﾗ･ｼ",
            "ｺｰﾋｰ｡ｹｰｷ｡ﾊﾟﾝ｡",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// windows-1251 and KOI8-R read as each other: a line of capitals
    /// comes out in small letters, with no case swapped to show it, and
    /// `ё` and `°` come out as box drawing.
    #[test]
    fn koi8_lines_in_one_case_and_with_box_drawing() {
        for (text, wrote, read) in [
            (
                "ОТКРЫТИЕ НОВОЙ БИБЛИОТЕКИ",
                Codec::Koi8R,
                Codec::Windows1251,
            ),
            ("Всё готово.", Codec::Windows1251, Codec::Koi8R),
            ("Мёд очень вкусный.", Codec::Windows1251, Codec::Koi8R),
            ("На улице 3 °C и снег", Codec::Windows1251, Codec::Koi8R),
        ] {
            assert_repairs(text, wrote, read);
        }
        // Capitals and small letters of real text, in one case: an
        // abbreviation's letters are rare, a word or two tell nothing.
        for clean in [
            "ФАЙЛ КЛЮЧ ШЛЯХ СХЕМА",
            "СВЕЖИЕ ОВОЩИ И ФРУКТЫ",
            "мы приедем завтра утром на поезде",
            "дюйм",
            "ПНМ/ПБМ/ПГМ/ППМ",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// EUC-JP's half-width katakana read as Shift_JIS are kanji of one
    /// row (`ﾐｿﾗｰﾒﾝ` is `社質邪鴫者爵`), three or more in a row, which
    /// Japanese never writes; two of them in a row are text.
    #[test]
    fn euc_jp_half_width_kana_read_as_shift_jis() {
        for text in [
            "ﾐｿﾗｰﾒﾝ 780ｴﾝ",
            "ﾆﾓﾂ ｦ ｵｸﾘﾏｽ",
            "ﾃﾞﾝﾜ ﾊﾞﾝｺﾞｳ ｦ ﾆｭｳﾘｮｸ",
            "ﾕｳﾋﾞﾝ ｷｮｸ ﾏｴ",
        ] {
            assert_repairs(text, Codec::EucJp, Codec::ShiftJis);
        }
        for clean in ["自治体の表示を確認する", "社長と実写の話"] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// Big5's text read as GBK puts kana among ideographs Japanese does
    /// not write (`高雄市苓雅區` is `蔼动カ璬懂跋`); Japanese names written
    /// with JIS X 0213's variants beside kana stay.
    #[test]
    fn big5_read_as_gbk_with_kana() {
        for text in ["高雄市苓雅區", "基隆市信義區", "嘉義市東區", "今日頭條新聞"]
        {
            assert_repairs(text, Codec::Big5, Codec::Gbk);
        }
        for clean in [
            "渡邊さんと齋藤さん",
            "髙橋さんは山﨑さんの隣に座った",
            "鷗外の小説を読む",
            "栁田さんの店で蕎麦を食べた",
            "魑魅魍魎のような上司だ",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    /// GBK's text read as cp437 may be box drawing and symbols alone, with
    /// no letter: a whole line of distinct common ideographs is repaired,
    /// while frames, rules, shading and lists of strokes stay.
    #[test]
    fn gbk_lines_read_as_cp437_without_a_letter() {
        for text in ["成都大熊猫基地", "西安城墙"] {
            assert_repairs(text, Codec::Gbk, Codec::Cp437);
        }
        for decoration in [
            "┌──────────┐",
            "└──────────┘",
            "╔════════╗",
            "╚════════╝",
            "║╚╗╔╝║",
            "─═─═─═",
            "┴┬┴┬┴┬",
            "▄▄▄▀▀▀",
            "░▒▓█▄▌▐▀",
            "╔╗╚╝╠╣╦╩",
            "▓▒░▒▓▒░▒",
        ] {
            assert_eq!(fix_mojibake(decoration), decoration);
        }
    }

    /// Capitals read with the other code page come out as small letters
    /// hardly rarer than Russian's, piled into unpronounceable strings
    /// (`мнбше опюбхкю` for `НОВЫЕ ПРАВИЛА`); real text with clusters of
    /// its own stays.
    #[test]
    fn koi8_capitals_read_as_small_letters_pile_up() {
        for (text, wrote, read) in [
            (
                "НОВЫЕ ПРАВИЛА ДЛЯ ВОДИТЕЛЕЙ ГРУЗОВИКОВ",
                Codec::Windows1251,
                Codec::Koi8R,
            ),
            (
                "СЕГОДНЯ ОТКРЫЛАСЬ ВЫСТАВКА СОВРЕМЕННОГО ИСКУССТВА",
                Codec::Windows1251,
                Codec::Koi8R,
            ),
            (
                "РАСПИСАНИЕ ПОЕЗДОВ ИЗМЕНИТСЯ С ПОНЕДЕЛЬНИКА",
                Codec::Windows1251,
                Codec::Koi8R,
            ),
        ] {
            assert_repairs(text, wrote, read);
        }
        for clean in [
            "без предшествующей строки",
            "здравствуйте, дорогие друзья",
            "взгляд сквозь стекло",
            "сторож вздремнул у входа",
            "ВЗГЛЯД СКВОЗЬ СТЕКЛО",
        ] {
            assert_eq!(fix_mojibake(clean), clean);
        }
    }

    #[test]
    fn two_byte_characters_past_the_flagged_ones_have_only_utf8_flags() {
        for u in FLAGGED_2_BYTE..0x800 {
            assert_eq!(flags(u) & !UTF8_FLAGS, 0, "U+{u:04X}");
        }
        // ˜ (U+02DC) is windows-1252's, and below the bound.
        assert_ne!(flags(0x2DC) & HIGH_1252, 0);
    }

    #[test]
    fn chains_both_ways() {
        // UTF-8 read as GBK, whole and with bytes lost (one U+FFFD per
        // character that lost one, but where one ideograph in common use
        // fits what survives: `是`, not `昮` nor `昫`).
        assert_eq!(fix_mojibake("鍙戝睍"), "发展");
        assert_eq!(
            fix_mojibake("鍙戝睍鏄\u{FFFD}纭\u{FFFD}閬撶悊 ok"),
            "发展是\u{FFFD}道理 ok"
        );
        // Shift_JIS read by a strict windows-1252 decoder, which wrote
        // U+FFFD for the lead bytes of `、` and `！` (0x81).
        assert_eq!(
            fix_mojibake("\u{201A}\u{00CD}\u{201A}\u{00A2}\u{FFFD}A\u{201A}\u{00B1}\u{201A}\u{00F1}\u{201A}\u{00C9}\u{201A}\u{00BF}\u{201A}\u{00CD}\u{FFFD}I"),
            "はい、こんにちは！"
        );
        // CJK codecs read as each other.
        assert_eq!(
            fix_mojibake("偁傝偑偲偆偛偞偄傑偡両"),
            "ありがとうございます！"
        );
        assert_eq!(fix_mojibake("ｻｶﾓｭｹ簔ﾙ｣｡"), "欢迎光临！");
        assert_eq!(
            fix_mojibake("\u{7724}\u{e6d4}\u{e4c7}\u{8227}\u{e04e}\u{e780}\u{7fac}\u{e4cf}"),
            "您好，歡迎光臨！"
        );
        assert_eq!(fix_mojibake("壅梗笭瑙ㄛ眈勤拸晟﹝"), "久别重逢，相对无言。");
        // UTF-8 read as EUC-KR by a decoder that wrote `?` for what it
        // could not read: most characters lost, two recovered.
        assert_eq!(
            fix_mojibake("?ф뿥??걡?쇻걲??"),
            "\u{FFFD}日\u{FFFD}\u{FFFD}す\u{FFFD}"
        );
        // Too short to tell, with a loss: left alone.
        assert_eq!(fix_mojibake("鍙戝\u{FFFD} is"), "鍙戝\u{FFFD} is");
        // Legacy codecs read as windows-1252.
        assert_eq!(fix_mojibake("ÖÐ»ªÈËÃñ¹²ºÍ¹ú"), "中华人民共和国");
        assert_eq!(fix_mojibake("¾È³çÇÏ¼¼¿ä"), "안녕하세요");
        assert_eq!(fix_mojibake("Ïðèâåò, êàê äåëà?"), "Привет, как дела?");
        // GBK read as Big5: `利` is C0 FB, Big5's `瞳`, two bytes with no
        // role in UTF-8.
        assert_eq!(
            fix_mojibake("坻佼瞳籵徹賸蕉彸ㄛ湮模飲竭詢倓﹝"),
            "他顺利通过了考试，大家都很高兴。"
        );
        // Windows-1253 reads `€` as itself, as windows-1252 wrote it: the
        // Greek line is whole without it, and windows-1251's `Ђ` is no gain.
        assert_eq!(fix_mojibake("ÊáöÝò 2,40 €"), "Καφές 2,40 €");
        // Hebrew words spell a letter twice (`דודה` is `ãåãä`): still a
        // streak of four letters no Latin text writes.
        assert_eq!(fix_mojibake("ãåãä ùìé"), "דודה שלי");
        // Ukrainian `ї`, `і` and `є` are windows-1252's `¿`, `³` and `ª`:
        // letters of the streak, not symbols that break it.
        assert_eq!(fix_mojibake("¯¿ ìð³ÿ"), "Її мрія");
        assert_eq!(fix_mojibake("ªâà"), "Єва");
        // Big5's `°` is A2 58: its second byte is `X`, which starts the
        // ASCII word `XC` but is the lead byte's.
        assert_eq!(
            fix_mojibake("»O¥_¤µ¤Ñ³Ì°ª·Å 33¢XC¡A½Ð¦h³Ü¤ô¡C"),
            "臺北今天最高溫 33°C，請多喝水。"
        );
        assert_eq!(
            fix_mojibake("¥~\u{AD}±¥u¦³ 5¢XC¡A°O±o¬ï¥~®M¡C"),
            "外面只有 5°C，記得穿外套。"
        );
        // Shift_JIS's punctuation before an English word: `「` is 81 75,
        // and windows-1252 leaves 81 undefined (a C1 control).
        for (garbled, meant) in [
            (
                "\u{81}uApple Watch\u{81}v‚Ì\u{90}Vƒ‚ƒfƒ‹‚ª”\u{AD}•\\‚³‚ê‚½\u{81}B",
                "「Apple Watch」の新モデルが発表された。",
            ),
            (
                "‰¿Ši‚Í\u{81}i\u{90}Å\u{8D}ž\u{81}jAmazon‚ÅŠm”F‚µ‚Ä‚\u{AD}‚¾‚³‚¢\u{81}B",
                "価格は（税込）Amazonで確認してください。",
            ),
        ] {
            assert_eq!(fix_mojibake(garbled), meant, "{garbled}");
        }
        // Read as Latin-1, a C1 control is as likely a continuation byte
        // of UTF-8: `\u{9C}m` is no GBK character here.
        assert_eq!(
            fix_mojibake("â\u{80}\u{9C}mixed-up quotes here\u{85}\u{94}"),
            "“mixed-up quotes here…”"
        );
        // The same read by a decoder that writes U+FFFD for 81.
        assert_eq!(
            fix_mojibake("\u{FFFD}uApple Watch\u{FFFD}v‚Ì”\u{AD}•\\‰ï"),
            "「Apple Watch」の発表会"
        );
        // Korean glues particles to English words; windows-949's extra
        // Hangul (`똠` is 8C 63) take ASCII second bytes.
        for (garbled, meant) in [
            (
                "ÀÌ ¾ÛÀº iOS¿Í Android¿¡¼\u{AD} ¸ðµÎ ÀÛµ¿ÇÕ´Ï´Ù.",
                "이 앱은 iOS와 Android에서 모두 작동합니다.",
            ),
            (
                "¾îÁ¦ Œc¾ä²áÀ» Ã³À½ ¸Ô¾î ºÃ´Ù.",
                "어제 똠얌꿍을 처음 먹어 봤다.",
            ),
            (
                "¿ì¸® ÆÀÀº SlackÀ¸·Î È¸ÀÇ ÀÏÁ¤À» Á¤ÇÑ´Ù.",
                "우리 팀은 Slack으로 회의 일정을 정한다.",
            ),
        ] {
            assert_eq!(fix_mojibake(garbled), meant, "{garbled}");
        }
        // UTF-8 read as cp437, with no box drawing of the line's own.
        assert_eq!(fix_mojibake("H├┤tel de ville"), "Hôtel de ville");
        // A Shift_JIS file name read as cp437.
        assert_eq!(fix_mojibake("é╨é╞é▌.png"), "ひとみ.png");
        // windows-1251 and KOI8-R read as each other: cases swapped.
        assert_eq!(
            fix_mojibake("оПХБЕР, ЙЮЙ ДЕКЮ? яЕЦНДМЪ УНПНЬЮЪ ОНЦНДЮ."),
            "Привет, как дела? Сегодня хорошая погода."
        );
        assert_eq!(
            fix_mojibake("рТЙЧЕФ, ЛБЛ ДЕМБ? уЕЗПДОС ИПТПЫБС РПЗПДБ."),
            "Привет, как дела? Сегодня хорошая погода."
        );
        // No word of three letters with swapped cases: the letters' rarity
        // alone tells the mistake, and which way it went.
        for (garbled, meant) in [
            (
                "лШ ЦСКЪКХ ОН ОЮПЙС ДН ЯЮЛНЦН БЕВЕПЮ.",
                "Мы гуляли по парку до самого вечера.",
            ),
            (
                "нЩ ЗХМСМЙ РП РБТЛХ ДП УБНПЗП ЧЕЮЕТБ.",
                "Мы гуляли по парку до самого вечера.",
            ),
            (
                "нМ ЙСОХК МНБШЕ ЙМХЦХ ДКЪ ЬЙНКШ.",
                "Он купил новые книги для школы.",
            ),
            (
                "пО ЛХРЙМ ОПЧЩЕ ЛОЙЗЙ ДМС ЫЛПМЩ.",
                "Он купил новые книги для школы.",
            ),
            // Not even a small letter before a capital: the first word has
            // one letter. Capitals but for a few small letters are the sign.
            ("ъ БХДЕК ЕЦН БВЕПЮ Б ОЮПЙЕ.", "Я видел его вчера в парке."),
            ("с ЧЙДЕМ ЕЗП ЧЮЕТБ Ч РБТЛЕ.", "Я видел его вчера в парке."),
            (
                "ч УХВВПФХ НЩ РПЕДЕН ОБ ДБЮХ.",
                "В субботу мы поедем на дачу.",
            ),
        ] {
            assert_eq!(fix_mojibake(garbled), meant, "{garbled}");
        }
    }

    #[test]
    fn clean_text_and_decoration_stay() {
        for clean in [
            "中文字符",
            "日本語のテキストです",
            "안녕하세요 여러분",
            "ｶﾀｶﾅ ﾃﾞｰﾀ",
            "réélu à Paris",
            "°º¤ø,¸¸,ø¤º°`°º¤ø,¸",
            "░▒▓█ LOADING █▓▒░",
            "suposa «sí» en la majoria",
            "до 8 кБ, < 64 кБ RAM",
            "мощность 5 кВт, напряжение 220 В",
            "ВКонтакте и СССРовские НОВОСТИ",
            "МОСКВА, 12 мая",
            "ЦЕНТРОБАНК СОХРАНИЛ КЛЮЧЕВУЮ СТАВКУ, пишет ТАСС",
            "¡¡¡HAY UN ERROR EN EL ENLAZADOR DINÁMICO!!!",
            "정말?? 왜요??",
            "ﾎﾟｲﾝﾄ残高 1,250P",
            "├┤a┼┐a┼┐a┼┐a┼┐a",
            "魑魅魍魎が跋扈する",
            "^[yYдДщЩ]",
            "葛飾北斎の富嶽三十六景",
            "你好吗？我很好??谢谢",
            "東京?? 大阪?",
            "\u{FFFD}\u{FFFD} 文字化け \u{FFFD}",
        ] {
            assert_eq!(fix_mojibake(clean), clean, "{clean}");
        }
    }

    #[test]
    fn utf8_runs_need_three_intact_characters() {
        let shaped: Vec<u32> = "鍙戝睍".chars().map(shapes).collect();
        assert_eq!(utf8_runs(&shaped, 0), vec![0..3]);
        // A line of losses alone is no run, and is walked in linear time.
        let lost = vec![LOST_SHAPES; 10_000];
        assert!(utf8_runs(&lost, 0).is_empty());
    }

    #[test]
    fn clusters_count_unpronounceable_strings() {
        assert_eq!(consonant_excess("здравствуйте"), 0);
        assert!(consonant_excess("Ехчбсйуфю") > 0);
        assert!(consonant_excess("ιιιιι") > 0);
    }

    #[test]
    fn what_a_codecs_users_write() {
        assert_eq!(language(Codec::ShiftJis, "日本語のテキスト"), 0);
        // Kanji alone are Japanese if all are Jōyō kanji.
        assert_eq!(language(Codec::EucJp, "東京都新宿区西新宿"), 0);
        assert!(language(Codec::EucJp, "檜原村役場前") > 0);
        assert!(language(Codec::Gbk, "こんにちは") > 0);
        assert!(language(Codec::EucKr, "世宗大王") > 0);
        assert_eq!(language(Codec::EucKr, "세종대왕(世宗大王)"), 0);
    }

    /// Half-width katakana as receipts and bank transfers write it, one
    /// voicing mark or none, against other codecs' bytes read as
    /// Shift_JIS: Greek and Cyrillic capitals (C0-DF alone but for a few
    /// accented ones), Korean, GBK's full-width forms.
    #[test]
    fn half_width_kana_spelt_as_japanese() {
        for text in ["ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ ｻﾏ", "ﾄｳｷｮｳﾄ ﾁﾖﾀﾞｸ", "ﾂｳｼﾝ ｴﾗｰ", "ｹｲｻﾝ ｶﾝﾘｮｳ"]
        {
            assert!(kana_spelt_half_width(text), "{text}");
        }
        for text in [
            // `ΚΛΕΙΣΤΌ ΤΗΝ ΚΥΡΙΑΚΉ` in windows-1253: one kana in ten from
            // the first half.
            "ﾊﾋﾅﾉﾓﾔｼ ﾔﾇﾍ ﾊﾕﾑﾉﾁﾊｹ",
            // A small kana or `ｰ` to start a word, `ｬ` after a kana
            // of another row, punctuation inside a word.
            "ｯｶｻﾀ ｱｲｳｴ",
            "ｶｻｬﾀ ｱｲｳｴ",
            "ｾｿ｡ﾀﾅ ｱｲｳｴ",
            // A mark after a kana that takes none, and kanji.
            "ｱﾞｶｻﾀ ｲｳ",
            "ｺｰﾋｰ 一杯",
            // Too few kana to tell.
            "ﾐﾁｦ",
        ] {
            assert!(!kana_spelt_half_width(text), "{text}");
        }
    }

    #[test]
    fn half_width_lines_come_back() {
        for text in ["ﾂｳｼﾝ ｴﾗｰ", "ﾄｳｷｮｳﾄ ﾁﾖﾀﾞｸ", "ｹｲｻﾝ ｶﾝﾘｮｳ", "ｿｳｺ ﾆ ｻﾞｲｺ ｱﾘ"]
        {
            assert_repairs(text, Codec::ShiftJis, Codec::SloppyWindows1252);
            assert_repairs(text, Codec::ShiftJis, Codec::Latin1);
        }
    }
}
