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

use std::ops::Range;

use super::{cjk_flags, Candidate, Chars};
use crate::codec::{sb_tables, single_byte, Codec};

/// A chain: text encoded with `decode` was read with `encode`.
struct Chain {
    /// The wrong decoder, which the repair encodes with.
    encode: Codec,
    /// The intended codec, which the repair decodes with.
    decode: Codec,
    /// The flag (see `cjk_flags`) of the characters the wrong decoder
    /// produces, and that the scan found two of in a row.
    flag: u8,
    /// How unlikely the chain is, charged per run.
    prior: i32,
}

const UTF8_AS_GBK: u8 = 1;
const UTF8_AS_BIG5: u8 = 1 << 1;
const UTF8_AS_SHIFT_JIS: u8 = 1 << 2;
const UTF8_AS_EUC_JP: u8 = 1 << 3;
const UTF8_AS_EUC_KR: u8 = 1 << 4;
const AS_WINDOWS_1252: u8 = 1 << 5;
const AS_CP437: u8 = 1 << 6;

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
        flag,
        prior,
    }
}

/// Every chain, most likely first: ties go to the earlier one. Where two
/// legacy codecs decode the same bytes to equally plausible text, the one
/// whose users would have written it wins: Shift_JIS and EUC-KR before
/// GBK, whose decoding of Japanese and Korean bytes is plausible Chinese.
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
    chain(Codec::SloppyWindows1252, Codec::Big5, AS_WINDOWS_1252, 2),
    chain(Codec::SloppyWindows1252, Codec::EucJp, AS_WINDOWS_1252, 3),
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
];

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
/// A run may gain this little (or lose this much) if its line as a whole
/// gains enough under the same chain.
const LINE_FLOOR: i32 = -2;

/// The chain-family flags of `c` (0 for ASCII and beyond the BMP).
#[inline]
pub(super) fn flags(c: u32) -> u8 {
    if c > 0xFFFF {
        return 0;
    }
    let block = cjk_flags::FLAG_INDEX[(c >> 8) as usize];
    cjk_flags::FLAG_BLOCKS[usize::from(block)][(c & 0xFF) as usize]
}

/// The best candidate among the chains whose flags the scan found (`flags`).
pub(super) fn propose(chars: &Chars<'_>, flags: u8) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    for chain in CHAINS {
        if flags & chain.flag == 0 {
            continue;
        }
        if chain.encode == Codec::Latin1 && !has_latin1_only(chars) {
            // Without C1 controls that windows-1252 lacks, Latin-1 encodes
            // the text as windows-1252 does.
            continue;
        }
        if let Some(c) = propose_chain(chars, chain) {
            if best.as_ref().is_none_or(|b| c.rank > b.rank) {
                best = Some(c);
            }
        }
    }
    best
}

/// Does the text have a C1 control that sloppy windows-1252 cannot encode?
fn has_latin1_only(chars: &Chars<'_>) -> bool {
    chars.wide.iter().any(|&i| {
        let c = chars.items[i].c;
        ('\u{80}'..'\u{A0}').contains(&c)
            && single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c).is_none()
    })
}

fn propose_chain(chars: &Chars<'_>, chain: &Chain) -> Option<Candidate> {
    let mut scored: Vec<(Range<usize>, i32, usize)> = Vec::new();
    let mut all_decode = true;
    let mut any_pair = false;
    for (run, pair) in runs(chars, chain) {
        any_pair |= pair;
        match score_run(chars, chain, run) {
            Some(s) => scored.push(s),
            // A lone character that does not decode is text of its own.
            None => all_decode &= !pair,
        }
    }
    if !any_pair {
        return None;
    }
    // Runs of one line are one text's: if every one decodes and they gain
    // enough together, with none much worse off, they are repaired
    // together. Alone, a run needs more, and must decode to two characters
    // or more (one ideograph from two letters is a coincidence).
    let total: i32 = scored.iter().map(|(_, d, _)| d).sum();
    let wide: usize = scored.iter().map(|(_, _, w)| w).sum();
    // A single-byte decoding (Cyrillic, Greek, Hebrew, Arabic, Thai) has
    // only the soup of accented letters for evidence: it needs one.
    if chain.decode.is_single_byte()
        && max_streak(chars, runs(chars, chain).map(|(r, _)| r)) <= SOUP_FREE
    {
        return None;
    }
    let together = all_decode
        && total >= MARGIN
        && wide >= 2
        && scored.iter().all(|(_, d, _)| *d >= LINE_FLOOR);
    let mut ranges = Vec::new();
    let mut gain = 0;
    let mut covered = 0;
    for (range, delta, wide) in scored {
        if together || (delta >= MARGIN_ALONE && wide >= 2 && wordy(chars, &range)) {
            gain += delta;
            covered += chars.items[range.clone()]
                .iter()
                .filter(|i| !i.c.is_ascii())
                .count();
            ranges.push(range);
        }
    }
    if ranges.is_empty() || gain <= 0 {
        return None;
    }
    // A line this chain explains whole ranks as the UTF-8 detectors rank
    // theirs.
    if together && covered == chars.wide.len() {
        gain += CONSISTENT_LINE;
    }
    Some(Candidate {
        encode: chain.encode,
        repairs: Vec::new(),
        decode: chain.decode,
        ranges,
        rank: gain,
    })
}

/// Whether ASCII bytes can be the second byte of a two-byte character.
fn ascii_trails(codec: Codec) -> bool {
    matches!(codec, Codec::Gbk | Codec::Big5 | Codec::ShiftJis)
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
    let trails = chain.encode.is_single_byte() && ascii_trails(chain.decode);
    let flagged = move |i: usize| {
        let c = items[i].c;
        !c.is_ascii() && flags(u32::from(c)) & chain.flag != 0
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
            i += 1;
            while i < items.len() {
                if flagged(i) {
                    pair |= flagged(i - 1);
                    i += 1;
                } else if trails && flagged(i - 1) && ('@'..='~').contains(&items[i].c) {
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

/// The run's repair, its gain and how many characters beyond ASCII it
/// decodes to, if its bytes decode (for a run that ends in an ASCII
/// character taken for a second byte, with or without it) to something
/// other than the run. A legacy decoding needs a letter in the run: a row
/// of symbols or box drawing is decoration.
fn score_run(
    chars: &Chars<'_>,
    chain: &Chain,
    mut run: Range<usize>,
) -> Option<(Range<usize>, i32, usize)> {
    if chain.decode != Codec::Utf8
        && !chars.items[run.clone()]
            .iter()
            .any(|it| it.c.is_alphabetic())
    {
        return None;
    }
    let decoded = loop {
        let piece = &chars.text[chars.byte_range(&run)];
        if piece.is_ascii() {
            return None;
        }
        let encoded = chain.encode.encode(piece).ok()?;
        match chain.decode.decode(&encoded) {
            Ok(decoded) if decoded != piece => break decoded,
            Ok(_) => return None,
            Err(_) if run.len() > 2 && chars.items[run.end - 1].c.is_ascii() => run.end -= 1,
            Err(_) => return None,
        }
    };
    let wide = decoded.chars().filter(|c| !c.is_ascii()).count();
    let delta = chars.cost(&run) + soup(chars, &run)
        - chars.cost_as(&run, decoded.chars())
        - chain.prior
        - language(chain.decode, &decoded);
    Some((run, delta, wide))
}

/// Whether letters make up at least half of the run: text read with the
/// wrong code page is mostly letters, decoration mostly symbols.
fn wordy(chars: &Chars<'_>, run: &Range<usize>) -> bool {
    let items = &chars.items[run.clone()];
    2 * items.iter().filter(|it| it.c.is_alphabetic()).count() >= items.len()
}

/// Evidence from the longest streak of letters beyond ASCII in the run.
fn soup(chars: &Chars<'_>, run: &Range<usize>) -> i32 {
    SOUP * streak(chars, run).saturating_sub(SOUP_FREE) as i32
}

/// The longest streak of letters beyond ASCII in the run, counting each
/// letter once (`éééé` is one letter repeated, not a soup), up to
/// [`SOUP_CAP`].
fn streak(chars: &Chars<'_>, run: &Range<usize>) -> usize {
    let mut longest = 0usize;
    let mut seen: Vec<char> = Vec::new();
    for it in &chars.items[run.clone()] {
        if !it.c.is_ascii() && it.c.is_alphabetic() {
            if !seen.contains(&it.c) && seen.len() < SOUP_CAP {
                seen.push(it.c);
            }
            longest = longest.max(seen.len());
        } else {
            seen.clear();
        }
    }
    longest
}

fn max_streak(chars: &Chars<'_>, runs: impl Iterator<Item = Range<usize>>) -> usize {
    runs.map(|r| streak(chars, &r)).max().unwrap_or(0)
}

/// What a decoding costs for the scripts its codec's users write.
fn language(codec: Codec, text: &str) -> i32 {
    let (mut kana, mut hangul, mut cjk, mut half) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30FF}' => kana += 1,
            // Halfwidth katakana is rare in text of this century, and it is
            // what single bytes from 0xA1 to 0xDF decode to in Shift_JIS.
            '\u{FF61}'..='\u{FF9F}' => half += 1,
            '\u{AC00}'..='\u{D7A3}' | '\u{3130}'..='\u{318F}' => hangul += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => cjk += 1,
            _ => {}
        }
    }
    let cjk_total = kana + hangul + cjk;
    let missing = |present: usize| {
        if present == 0 && cjk_total >= MISSING_SCRIPT_RUN {
            MISSING_SCRIPT
        } else {
            0
        }
    };
    let foreign = |n: usize| FOREIGN * n as i32;
    let half = foreign(half);
    let clusters = CLUSTER * consonant_excess(text);
    match codec {
        Codec::ShiftJis | Codec::EucJp => half + foreign(hangul) + missing(kana),
        Codec::EucKr => half + foreign(kana) + missing(hangul),
        Codec::Gbk | Codec::Gb18030 | Codec::Big5 => half + foreign(kana + hangul),
        _ => clusters,
    }
}

/// Consonants past [`CLUSTER_FREE`] in a row, and vowels past
/// [`VOWELS_FREE`], summed over a Cyrillic or Greek text: bytes of one
/// alphabet read as the other come out as unpronounceable strings
/// (`Ехчбсйуфю` for `Ευχαριστώ`).
fn consonant_excess(text: &str) -> i32 {
    let mut excess = 0;
    let mut streak = 0usize;
    let mut vowels = 0usize;
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let consonant = match lower {
            'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ў' | 'ј' | 'љ' | 'њ' | 'ћ' | 'ђ' | 'џ' | 'ґ' => {
                !"аеёиоуыэюяіїєў".contains(lower)
            }
            'α'..='ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ό' | 'ύ' | 'ώ' | 'ΐ' | 'ΰ' | 'ϊ' | 'ϋ' => {
                !"αεηιουωάέήίόύώϊϋΐΰ".contains(lower)
            }
            _ => false,
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
