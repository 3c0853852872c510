//! UTF-8 read as a single-byte code page: `cafÃ©`, `Ð¿Ñ€Ð¸`, `â€™`.
//!
//! Under a candidate code page W, each character maps to one byte. Runs of
//! bytes that form UTF-8 sequences (a lead byte and its continuation bytes)
//! are candidate repairs. Damaged forms are candidates too, at a cost: a
//! space where a continuation byte 0xA0 was (its no-break space was turned
//! into a space), and `?` or U+FFFD where a byte was lost.

use crate::score::is_alphabetic;
use std::ops::Range;

use super::{Candidate, Chars};
use crate::codec::sb_tables as t;
use crate::codec::{single_byte, utf8_variants, Codec};
use crate::layer::{utf8_len, LOST};
use crate::plan::ByteRepair;
use crate::repair;
use crate::score;

/// The code pages that get to play the wrong decoder, most likely first
/// (ties in gain go to the earlier one).
pub(super) const WRONG_DECODERS: &[u8] = &[
    t::SLOPPY_WINDOWS_1252,
    t::LATIN_1,
    t::SLOPPY_WINDOWS_1251,
    t::SLOPPY_WINDOWS_1250,
    t::SLOPPY_WINDOWS_1253,
    t::SLOPPY_WINDOWS_1254,
    t::SLOPPY_WINDOWS_1257,
    t::ISO_8859_2,
    t::MAC_ROMAN,
    t::CP437,
    t::SLOPPY_WINDOWS_1255,
    t::SLOPPY_WINDOWS_1256,
    t::SLOPPY_WINDOWS_1258,
    t::SLOPPY_WINDOWS_874,
    t::ISO_8859_15,
    t::ISO_8859_5,
    t::ISO_8859_7,
    t::KOI8_R,
    t::KOI8_U,
    t::IBM866,
    t::CP850,
];

/// The code pages of [`WRONG_DECODERS`], as a mask.
pub(super) const WRONG_DECODER_MASK: u32 = {
    let mut mask = 0;
    let mut i = 0;
    while i < WRONG_DECODERS.len() {
        mask |= 1 << WRONG_DECODERS[i];
        i += 1;
    }
    mask
};

/// Minimum gain for a run of repairs to be accepted on its own evidence.
const MARGIN: i32 = 4;
/// Minimum total gain when every non-ASCII character of a line is part of
/// a repair: the whole line decoding as UTF-8 is strong evidence.
const MARGIN_LINE: i32 = 5;
/// A run inside a wholly decodable line may be accepted with this little
/// gain (or even a small loss), if the line as a whole gains.
const LINE_FLOOR: i32 = -3;
/// Each continuation byte beyond the first: a run of symbols that happens
/// to spell a 3- or 4-byte UTF-8 sequence is itself unlikely.
const LONG_SEQUENCE: i32 = 4;
/// Runs longer than this (in characters) are judged without lookahead,
/// which bounds the work a run can cause. It is a line's worth: text
/// without spaces (Japanese, Chinese) is one run, and its inner layer may
/// look no better than the outer one until it comes off too.
const LOOKAHEAD_RUN: usize = 512;
/// Ranking bonus for each line that decodes as a whole under W.
const CONSISTENT_LINE: i32 = 20;
/// Price of a run that decodes to letters of a script that the letters
/// outside every candidate run do not use: a few characters that read as
/// text in the line spell a letter of another script by chance.
const ALIEN: i32 = 4;

/// Fewest letters of a script outside the candidate runs for the line to
/// count as written in it (see `own_script` in [`propose`]).
const OWN_SCRIPT_LETTERS: usize = 4;
/// Price of a decoded C1 control under a code page other than Latin-1.
const C1_RESULT: i32 = 4;
/// Price of restoring a byte that was damaged into a space.
const DAMAGE: i32 = 3;
/// Price of a sequence that lost bytes and becomes U+FFFD.
const LOSS: i32 = 1;

const RESTORE: u8 = 1;
const COMPLETE: u8 = 2;
const LOSSY: u8 = 4;
const VARIANT: u8 = 8;
/// A lossy sequence whose last lost byte, a `?`, has a letter or a
/// character beyond ASCII right after it.
const INSIDE_WORD: u8 = 16;
/// What such a sequence is worth: a `?` inside a word is no question mark.
const INSIDE_WORD_EVIDENCE: i32 = 3;
/// A lossy sequence that lost all of its two or three continuation bytes.
const BLIND: u8 = 32;
/// A lossy 2-byte sequence whose continuation byte a windows-1252 decoder
/// dropped without a trace (see [`ByteRepair::FillDropped`]).
const DROPPED: u8 = 64;

/// Whether a run is glued to an ASCII letter or digit in a way text never
/// glues what the run holds: a closing quote or a per-mille sign that a
/// word goes on after (`Î”x` is UTF-8's `Δx` read as windows-1252; `CAFÉ”`
/// ends a quotation and is left alone); quotes, daggers or bullets inside
/// a word; letters in a word that no one alphabet has together; a
/// lone `Â` that ends a word before a symbol (`BRANDÂ®`, `25Â°`), where
/// the symbol is all its 2-byte sequence decodes to; the symbols other
/// code pages have at C2 and C4 (`¬£4.99`, `Veƒçer`, `m┬▓`); Mac Roman's
/// reading of a dash or a quote (`‚Äî`).
fn glued_mark(items: &[super::Item], range: &Range<usize>, seqs: &[Seq]) -> bool {
    let alnum = |i: Option<usize>| {
        i.and_then(|i| items.get(i))
            .is_some_and(|it| it.c.is_ascii_alphanumeric())
    };
    let closing = matches!(items[range.end - 1].c, '”' | '‰' | '›') && alnum(Some(range.end));
    // Quotes, daggers and bullets inside a word, letters either side of
    // the run (`FÐ”Ñ“garaș`); dashes and apostrophes are text there
    // (`Ä–Ö`, `Ã’s`).
    let inside = alnum(range.start.checked_sub(1))
        && alnum(Some(range.end))
        && items[range.clone()].iter().any(|it| {
            matches!(
                it.c,
                '“' | '”' | '„' | '†' | '‡' | '•' | '‰' | '‹' | '›' | '™'
            )
        });
    // Letters in a word (glued to an ASCII letter or digit) that no one
    // language writes together, where what they spell is one of a
    // language's (`TĆŗnel`, windows-1257's reading of `Túnel`; `Èši-e`,
    // windows-1252's of Romanian `Ți-e`).
    let mixed = || {
        (alnum(range.start.checked_sub(1)) || alnum(Some(range.end)))
            && items[range.clone()].iter().all(|it| is_alphabetic(it.c))
            && super::orthography::latin_alphabet_fits(items[range.clone()].iter().map(|it| it.c))
                == Some(false)
            && super::orthography::latin_alphabet_fits(seqs.iter().map(|s| s.repl)) == Some(true)
    };
    let lone_a = seqs.len() == 1
        && range.len() == 2
        && items[range.start].c == 'Â'
        && !seqs[0].repl.is_alphanumeric()
        && alnum(range.start.checked_sub(1));
    // Mac Roman's lead bytes C2 and C4 are `¬` and `ƒ`: `¬` (or box
    // drawing or a math symbol, as other code pages have at C2) glued to a
    // word or a number before what spells a Latin-1 symbol (`¬£4.99`,
    // `m¬≤`), where logic writes a letter or a bracket after it (and an
    // emoticon stands apart: `¬´`); `ƒ` glued to a word, spelling a letter
    // (`Veƒçer`, `ƒÜma`), where a function or an aperture has a bracket or
    // a digit after it.
    let alpha = |i: Option<usize>| {
        i.and_then(|i| items.get(i))
            .is_some_and(|it| it.c.is_ascii_alphabetic())
    };
    let first = &items[range.start];
    let mac = match (first.c, seqs.first()) {
        // cp437's, cp850's and IBM866's C2 is `┬`, glued as well (`m┬▓`).
        (c, Some(s))
            if c == '¬' || matches!(first.class, score::classes::MATH | score::classes::BOX) =>
        {
            s.range.len() == 2
                && latin1_symbol(s.repl)
                && (alnum(range.start.checked_sub(1)) || alnum(Some(range.end)))
        }
        ('ƒ', Some(s)) => {
            is_alphabetic(s.repl) && (alpha(range.start.checked_sub(1)) || alpha(Some(range.end)))
        }
        // Mac Roman's E2 80 is `‚Ä`: with the byte after it, a dash, a
        // quote or an ellipsis (`‚Äî` for `—`, `‚Äô` for `’`); a German
        // single quote before `Ä` has a word after it (`‚Äpfel‘`), not one
        // of the accented vowels or symbols that complete the sequence.
        ('‚', Some(s)) => {
            s.range.len() == 3
                && ('\u{2010}'..='\u{205E}').contains(&s.repl)
                && items.get(range.start + 1).is_some_and(|it| it.c == 'Ä')
        }
        _ => false,
    };
    closing || lone_a || inside || mac || mixed()
}

/// Whether `c` is one of Latin-1's symbols, U+00A0-U+00BF: what C2 with
/// a second byte A0-BF decodes to in UTF-8 (`º` and `µ`, letters to Unicode,
/// included).
fn latin1_symbol(c: char) -> bool {
    ('\u{A0}'..='\u{BF}').contains(&c)
}

/// Whether the item at `i` continues a word: a letter, or a character
/// beyond ASCII (more mojibake).
fn word_goes_on(chars: &Chars<'_>, i: usize) -> bool {
    chars
        .items
        .get(i)
        .is_some_and(|it| !it.c.is_ascii() || it.c.is_ascii_alphabetic())
}

/// How unlikely a code page is to be the wrong decoder, charged per run.
fn prior(id: u8) -> i32 {
    match id {
        t::SLOPPY_WINDOWS_1252 | t::LATIN_1 => 0,
        t::SLOPPY_WINDOWS_1251 | t::SLOPPY_WINDOWS_1250 => 1,
        t::MAC_ROMAN | t::CP437 | t::CP850 | t::KOI8_R | t::KOI8_U | t::IBM866 => 3,
        _ => 2,
    }
}

/// Whether the run `range` is one letter and the closing quotation mark
/// after it, inside the opening one (`«Ð»`, `“Ð”`): a letter quoted as
/// such (Icelandic `Ð` in a line about it), which windows-1252's UTF-8
/// spells as well (`Ð»` is `л`). Text garbled whole garbles the opening
/// mark too (`Â«Ð»Â»` for `«л»`), and a mark no lead byte stands before
/// closes no garbled letter.
fn quoted_letter(items: &[super::Item], range: &Range<usize>) -> bool {
    if range.len() != 2 || !items[range.start].c.is_alphabetic() {
        return false;
    }
    let Some(before) = range.start.checked_sub(1).map(|i| items[i].c) else {
        return false;
    };
    let opens = match items[range.start + 1].c {
        '»' => '«',
        '”' => '“',
        '’' => '‘',
        '›' => '‹',
        _ => return false,
    };
    // The opening mark, not itself the end of a garbled sequence
    // (windows-1252's `Â«`, `â€œ`).
    let garbled = range
        .start
        .checked_sub(2)
        .is_some_and(|i| !items[i].c.is_ascii() && !items[i].c.is_whitespace());
    (before == opens || (opens == '“' && before == '„')) && !garbled
}

/// Whether ISO-8859-15 has `c` at another byte than windows-1252 (`€`,
/// `Š`, `š`, `Ž`, `ž`, `Œ`, `œ`, `Ÿ`): the characters of a windows-1252
/// reading that ISO-8859-15 reads otherwise.
fn elsewhere_in_8859_15(c: char) -> bool {
    matches!(
        (
            single_byte::encode_char(t::SLOPPY_WINDOWS_1252, c),
            single_byte::encode_char(t::ISO_8859_15, c),
        ),
        (Some(a), Some(b)) if a != b
    )
}

/// Letters the model counts as rare in their script: archaic, extended or
/// phonetic ones.
fn rare_letter(class: u8) -> bool {
    use crate::score::classes::*;
    matches!(class, LATIN_RARE | CYR_RARE)
}

/// Code pages whose upper half is mostly letters of one alphabet.
fn alphabetic(id: u8) -> bool {
    matches!(
        id,
        t::SLOPPY_WINDOWS_1251
            | t::SLOPPY_WINDOWS_1253
            | t::SLOPPY_WINDOWS_1255
            | t::SLOPPY_WINDOWS_1256
            | t::SLOPPY_WINDOWS_874
            | t::ISO_8859_5
            | t::ISO_8859_7
            | t::KOI8_R
            | t::KOI8_U
            | t::IBM866
    )
}

/// Classes no repair should count on: private use, noncharacters,
/// unassigned code points.
fn improbable(class: u8) -> bool {
    use crate::score::classes::*;
    matches!(class, PRIVATE | NONCHAR | OTHER)
}

fn is_cjk(class: u8) -> bool {
    use crate::score::classes::*;
    matches!(
        class,
        HAN | HAN_MID | HAN_RARE | HANGUL | HANGUL_RARE | HIRAGANA | KATAKANA
    )
}

/// The script numbers (see `score::script_id`) of Latin and Greek letters.
const LATIN: u8 = 1;
const GREEK: u8 = 2;
const CYRILLIC: u8 = 3;

/// One bit for the script of a letter's class, none for other classes.
fn script_bit(class: u8) -> u32 {
    match score::script_id(class) {
        0 => 0,
        s => 1 << s,
    }
}

/// The character a decoded C1 control will end up as: a later layer maps
/// it through windows-1252, so score it as that.
fn settled(c: char) -> char {
    if ('\u{80}'..'\u{A0}').contains(&c) {
        single_byte::decode_byte(t::WINDOWS_1252, c as u8).unwrap_or(c)
    } else {
        c
    }
}

/// Marks a character W cannot encode.
const NONE: u16 = 0x100;

const LOST_ROW: u16 = u16::MAX;
const NO_ROW: u16 = u16::MAX - 1;

/// A candidate UTF-8 sequence: the items it spans and what they decode to.
#[derive(PartialEq, Eq)]
pub(super) struct Seq {
    range: Range<usize>,
    repl: char,
    flags: u8,
}

/// The text's characters as one code page's bytes: U+FFFD as the
/// lost-byte marker, and [`NONE`] for what the code page cannot encode.
/// ASCII is the same under every code page tried, so only the wide items
/// are encoded again for each.
pub(super) struct Encoded<'b> {
    bytes: &'b mut Vec<u16>,
    /// The encoding-table row of each wide item ([`LOST_ROW`] for U+FFFD,
    /// [`NO_ROW`] where no code page has the character).
    rows: &'b mut Vec<u16>,
    /// Code pages that encode some wide item differently from sloppy
    /// windows-1252 (one bit each), and whether that code page is encoded.
    diff_1252: u32,
    did_1252: bool,
    /// The wide items' bytes under each code page encoded so far.
    seen: &'b mut Vec<u16>,
}

/// The buffers of an [`Encoded`], kept between uses.
#[derive(Default)]
pub(super) struct Buffers {
    bytes: Vec<u16>,
    rows: Vec<u16>,
    seen: Vec<u16>,
}

impl<'b> Encoded<'b> {
    pub(super) fn new(chars: &Chars<'_>, buffers: &'b mut Buffers) -> Self {
        let Buffers { bytes, rows, seen } = buffers;
        bytes.clear();
        bytes.extend(
            chars
                .items
                .iter()
                .map(|it| if it.c.is_ascii() { it.c as u16 } else { NONE }),
        );
        rows.clear();
        rows.extend(chars.wide.iter().map(|&i| match chars.items[i].c {
            '\u{FFFD}' => LOST_ROW,
            c => single_byte::row(c).unwrap_or(NO_ROW),
        }));
        seen.clear();
        let diff_1252 = rows
            .iter()
            .filter(|&&r| r < NO_ROW)
            .fold(0, |m, &r| m | single_byte::differs_from_1252(r));
        Encoded {
            bytes,
            rows,
            diff_1252,
            did_1252: false,
            seen,
        }
    }

    /// Encodes the text under code page `id`; false if a code page encoded
    /// it the same before.
    pub(super) fn encode(&mut self, chars: &Chars<'_>, id: u8) -> bool {
        if self.did_1252 && self.diff_1252 & (1 << id) == 0 {
            return false;
        }
        self.did_1252 |= id == t::SLOPPY_WINDOWS_1252;
        let start = self.seen.len();
        for (&i, &row) in chars.wide.iter().zip(self.rows.iter()) {
            let b = match row {
                LOST_ROW => u16::from(LOST),
                NO_ROW => NONE,
                row => single_byte::encode_row(row, id).map_or(NONE, u16::from),
            };
            self.bytes[i] = b;
            self.seen.push(b);
        }
        let (before, new) = self.seen.split_at(start);
        if !new.is_empty() && before.chunks_exact(new.len()).any(|s| s == new) {
            self.seen.truncate(start);
            return false;
        }
        true
    }

    pub(super) fn bytes(&self) -> &[u16] {
        self.bytes
    }
}

/// The text with the items `ranges` replaced by what the sequences in
/// them decode to.
pub(super) fn render(chars: &Chars<'_>, ranges: &[Range<usize>], seqs: &[Seq]) -> String {
    let text = chars.text;
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut k = 0;
    for range in ranges {
        let bytes = chars.byte_range(range);
        out.push_str(&text[done..bytes.start]);
        while k < seqs.len() && seqs[k].range.end <= range.start {
            k += 1;
        }
        while k < seqs.len() && seqs[k].range.start < range.end {
            out.push(seqs[k].repl);
            k += 1;
        }
        done = bytes.end;
    }
    out.push_str(&text[done..]);
    out
}

/// A bound no candidate from `seqs` can beat: its rank is its gain (at
/// most the cost of its runs as they stand, plus the long-sequence bonus
/// and the glued-run evidence, since repaired text costs at least nothing)
/// plus the bonus for each line it could decode whole and the one for a
/// line in one language's letters.
pub(super) fn rank_bound(chars: &Chars<'_>, seqs: &[Seq]) -> i32 {
    let mut bound = 0;
    let mut lines = 0;
    let mut last_line_end = None;
    for group in runs_of(seqs) {
        let range = seqs[group.start].range.start..seqs[group.end - 1].range.end;
        bound += chars.cost(&range) + ALIEN;
        for s in &seqs[group] {
            bound += LONG_SEQUENCE * (s.range.len() as i32 - 2).max(0);
            if s.flags & INSIDE_WORD != 0 {
                bound += INSIDE_WORD_EVIDENCE;
            }
        }
        // Count lines: a run after a newline past the previous run starts one.
        let newline_between = match last_line_end {
            None => true,
            Some(end) => chars.items[end..range.start].iter().any(|it| it.c == '\n'),
        };
        if newline_between {
            lines += 1;
        }
        last_line_end = Some(range.end);
    }
    bound + CONSISTENT_LINE * lines + ALPHABET_FIT
}

/// Whether a character outside every run, encoded as byte `b`, keeps its
/// line from decoding whole: a letter, or what W encodes as a UTF-8 lead
/// byte or cannot encode. (Stray punctuation such as `’` or `–` is common
/// beside mojibake and does not count against.)
fn breaks_line(c: char, b: u16) -> bool {
    !c.is_ascii() && (b == NONE || b >= 0xC0 || is_alphabetic(c))
}

/// The runs of adjacent sequences, as ranges of indices into `seqs`.
fn runs_of(seqs: &[Seq]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut k = 0;
    std::iter::from_fn(move || {
        let start = k;
        if start >= seqs.len() {
            return None;
        }
        k += 1;
        while k < seqs.len() && seqs[k - 1].range.end == seqs[k].range.start {
            k += 1;
        }
        Some(start..k)
    })
}

/// Scores the sequences `seqs` that code page `id` (whose encoding of the
/// text is `enc`) finds, and proposes the runs worth repairing.
pub(super) fn propose(
    chars: &Chars<'_>,
    id: u8,
    enc: &[u16],
    seqs: &[Seq],
    lookahead: u8,
) -> Option<Candidate> {
    let items = &chars.items;
    if seqs.is_empty() {
        return None;
    }

    // Runs of adjacent sequences are scored together.
    struct Run {
        range: Range<usize>,
        flags: u8,
        delta: i32,
        /// What the run pays on top when it stands alone, outside a line
        /// that decodes whole.
        alone: i32,
        line: usize,
        all_lossy: bool,
        /// Every sequence of the run is [`BLIND`].
        all_blind: bool,
        accept: bool,
    }
    let mut runs: Vec<Run> = Vec::with_capacity(seqs.len());
    // The scripts of the letters beyond ASCII outside every candidate run:
    // what the line is written in, as far as it is not garbled. (ASCII
    // letters do not count, so that ASCII around a line does not change
    // its repair; CJK is judged by the whole line, below.)
    let cjk_line = items.iter().any(|it| is_cjk(it.class));
    let ascii_letters = items.iter().any(|it| it.c.is_ascii_alphabetic());
    let mut outside = 0u32;
    // How many of those letters there are.
    let mut outside_letters = 0usize;
    {
        let mut k = 0;
        for (i, it) in items.iter().enumerate() {
            while k < seqs.len() && seqs[k].range.end <= i {
                k += 1;
            }
            if (k < seqs.len() && seqs[k].range.contains(&i)) || it.c.is_ascii() {
                continue;
            }
            outside |= script_bit(it.class);
            outside_letters += usize::from(script_bit(it.class) != 0);
        }
    }
    for group in runs_of(seqs) {
        let range = seqs[group.start].range.start..seqs[group.end - 1].range.end;
        if quoted_letter(items, &range) {
            continue;
        }
        let mut flags = 0;
        // The code page's prior is charged per run here, and once per line
        // for lines accepted whole (below).
        let mut penalty = prior(id);
        let mut all_lossy = true;
        let mut all_blind = true;
        for s in &seqs[group.clone()] {
            flags |= s.flags;
            all_blind &= s.flags & BLIND != 0;
            if s.flags & (RESTORE | COMPLETE) != 0 {
                penalty += DAMAGE;
            }
            if s.flags & LOSSY != 0 {
                penalty += LOSS;
            } else {
                all_lossy = false;
            }
            if s.flags & INSIDE_WORD != 0 {
                penalty -= INSIDE_WORD_EVIDENCE;
            }
            // A long sequence is evidence only if it spells a character
            // text has: chance spells private-use ones as well. A lead
            // byte that lost the rest spells nothing.
            if s.flags & (VARIANT | BLIND) == 0 && !improbable(score::class(s.repl)) {
                penalty -= LONG_SEQUENCE * (s.range.len() as i32 - 2).max(0);
            }
            if id != t::LATIN_1 && settled(s.repl) != s.repl {
                // A C1 control decoded through any code page but Latin-1
                // means two mistakes, not one.
                penalty += C1_RESULT;
            }
        }
        // Ideographs or syllables in a line with none of its own (`Brontë…”`
        // spells the Hangul 녔), or letters of a script the line's other
        // letters do not use (Cyrillic `кБ` spells the Arabic ڱ): a few
        // characters that read as text may spell them by chance.
        let decoded = seqs[group.clone()]
            .iter()
            .fold(0, |m, s| m | script_bit(score::class(s.repl)));
        // Greek letters among Latin ones are science (`IL2Rγc`), as the
        // model's pair costs know.
        let greek_in_latin = decoded == 1 << GREEK && outside & (1 << LATIN) != 0;
        let cjk_only = seqs[group.clone()]
            .iter()
            .all(|s| is_cjk(score::class(s.repl)));
        if (decoded != 0 && outside != 0 && decoded & outside == 0 && !greek_in_latin)
            || (cjk_only && !cjk_line)
        {
            penalty += ALIEN;
            // One ideograph alone from three characters that read as text
            // (French `é\u{a0}»` spells 頻) is twice as weak.
            if cjk_only && !cjk_line && group.len() == 1 {
                penalty += ALIEN;
            }
        }
        // The mirror image: letters of a script the line's other letters
        // (ASCII ones too) do not use, glued to an ASCII letter, which
        // decode to the line's own (a Cyrillic `Г–` in `Г–sterreich` is
        // UTF-8's `Ö` read as windows-1251), are evidence. Standing apart,
        // such letters are as often a word of their own (Russian `тип`
        // amid a program's English, `»З«` in German about Cyrillic).
        let original = items[range.clone()]
            .iter()
            .fold(0, |m, it| m | script_bit(it.class));
        let line = outside | if ascii_letters { 1 << LATIN } else { 0 };
        let glued = |i: Option<usize>| {
            i.and_then(|i| items.get(i))
                .is_some_and(|it| it.c.is_ascii_alphabetic())
        };
        // Or the run starts with a mathematical operator or box drawing
        // (Mac Roman's lead bytes C2-C6 are `¬√ƒ≈∆`, cp437's and cp850's
        // `┬├─┼`: `√Ñpfel`, `├äpfel` for `Äpfel`), which text does not
        // write before a letter glued to a word, as it writes `©` or `…`
        // after one (`BEBÊ©`, `BLÅ…`).
        let symbol = matches!(
            items[range.start].class,
            score::classes::MATH | score::classes::BOX
        );
        let letters = seqs[group.clone()].iter().all(|s| is_alphabetic(s.repl));
        let alien = original != 0 && original & line == 0;
        // The opposite: letters of the script the line's other letters
        // use, that spell no letter of it. Under a code page whose upper
        // half is that alphabet, three letters in a word spell a symbol by
        // chance (Ukrainian `ВіртАдр` holds IBM866's `тАд`, a one-dot
        // leader), while mojibake through it leaves none of the script's
        // letters as they were.
        let native = alphabetic(id)
            && original != 0
            && original & !outside == 0
            && decoded & original == 0
            && items[range.clone()]
                .iter()
                .all(|it| script_bit(it.class) != 0);
        if native {
            penalty += ALIEN;
        }
        let glued_letters = ((alien && (decoded != 0 || !letters))
            || (symbol && letters && decoded != 0))
            && decoded & !line == 0
            && (glued(range.start.checked_sub(1)) || glued(Some(range.end)));
        // One letter of a script the line's letters do not use and the
        // character after it, spelling a symbol: the code page's letter at
        // C2 or C3 before one of its upper half (windows-1251's `В°` for
        // `°`, `ВЅ` for `½`, `Г—` for `×`), standing apart or not.
        // Or spelling a Greek letter in a line of Latin ones, which is
        // science (`Оі-ray` for `γ-ray`, `ПЂ-bond` for `π-bond`).
        let symbol_of = |c: char| latin1_symbol(c) || !c.is_alphanumeric();
        let science = |c: char| score::script_id(score::class(c)) == GREEK && line == 1 << LATIN;
        let alien_symbol = alien
            && line != 0
            && group.len() == 1
            && range.len() == 2
            && script_bit(items[range.start].class) != 0
            && (symbol_of(seqs[group.start].repl) || science(seqs[group.start].repl));
        // What further layers make of the run is asked as if it had no
        // such evidence: the evidence is the run's, and a gain the further
        // layers show may be what the line needs as a whole.
        // Latin letters in a line whose other letters beyond ASCII are
        // all of one other script, spelling that script (`TRUEØŒ` in Arabic
        // is `TRUE،`, `Ð“l` in Chechen Cyrillic is `Гl`): the line says
        // what its writer wrote, ASCII words in it or not, and says it
        // louder than a letter glued to a word does. A word of them at
        // least: two or three may be another run's repair (the lookahead
        // judges a run beside one it has decoded). Not where the run ends
        // in a mark that closes a word, which text of its own writes there
        // (Icelandic `BRAUÐ™`, Spanish `«Ñ»`), nor where it decodes to a
        // rare letter.
        let closes_word = |c: char| {
            matches!(
                c,
                '’' | '”'
                    | '›'
                    | '»'
                    | '™'
                    | '®'
                    | '©'
                    | '°'
                    | '²'
                    | '³'
                    | '¹'
                    | '…'
                    | '´'
                    | '¨'
                    | '¸'
            )
        };
        let own_script = outside_letters >= OWN_SCRIPT_LETTERS
            && outside.count_ones() == 1
            && outside & (1 << LATIN) == 0
            && original == 1 << LATIN
            && decoded != 0
            && decoded & !outside == 0
            && !closes_word(items[range.end - 1].c)
            && seqs[group.clone()]
                .iter()
                .all(|s| !rare_letter(score::class(s.repl)));
        // Cyrillic letters of no one Slavic alphabet (Ukrainian `І`,
        // Belarusian `Ў` and Serbian `Ђ` in `ФІХЎЦЂЦ‡`, Armenian `Բարև`
        // read as windows-1251): text is written in one language, while
        // the code page's upper half spells UTF-8's continuation bytes as
        // the letters of several.
        let mixed_cyrillic =
            super::orthography::cyrillic_alphabet_fits(items[range.clone()].iter().map(|it| it.c))
                == Some(false)
                && super::orthography::cyrillic_alphabet_fits(
                    seqs[group.clone()].iter().map(|s| s.repl),
                ) != Some(false);
        let glued_evidence = if own_script {
            2 * ALIEN
        } else if mixed_cyrillic
            || glued_letters
            || alien_symbol
            || glued_mark(items, &range, &seqs[group.clone()])
        {
            ALIEN
        } else {
            0
        };
        penalty -= glued_evidence;
        // The ʻokina and the glottal stop are letters before a letter
        // (`Gʻarbiy`, `Israʼila`); after a word they are a capital and
        // a guillemet (`«VOCÊ»`).
        if seqs[group.clone()]
            .iter()
            .any(|s| matches!(s.repl, 'ʻ' | 'ʼ'))
            && !items.get(range.end).is_some_and(|it| is_alphabetic(it.c))
        {
            penalty += 2 * ALIEN;
        }
        // Under a code page whose upper half is an alphabet, any two
        // letters may spell a 2-byte sequence (Ukrainian `кБ` is the UTF-8
        // of an Arabic letter in ISO-8859-5): one sequence of two letters
        // alone (outside a line that decodes whole) is no evidence unless it spells the Latin or Cyrillic that
        // such garble comes from most (accented Latin read twice over,
        // Russian read as IBM866).
        // Letters alien to a line of Latin ones that spell a Greek letter
        // are science's, not two letters of the line's own alphabet.
        // (A lead byte that lost the rest spells nothing: the letters
        // before it may still be the one sequence.)
        let spelt = seqs[group.clone()]
            .iter()
            .filter(|s| s.flags & BLIND == 0)
            .count();
        let alone = if spelt == 1
            && !alien_symbol
            && decoded & !((1 << LATIN) | (1 << CYRILLIC)) != 0
            && alphabetic(id)
            && items[range.clone()]
                .iter()
                .filter(|it| !matches!(it.c, '\u{FFFD}' | '?'))
                .all(|it| script_bit(it.class) != 0)
        {
            ALIEN
        } else {
            0
        };
        let old_cost = chars.cost(&range);
        let mut new_cost =
            chars.cost_as(&range, seqs[group.clone()].iter().map(|s| settled(s.repl)));
        // A run of windows-1252's reading that gains enough alone is judged
        // by further layers too where another Latin code page reads its
        // characters otherwise (ISO-8859-15 has `€ŠšŽžŒœŸ` at other bytes;
        // Latin-1 has none of them) and its decoding is UTF-8 read as
        // windows-1252 or Latin-1 once more, as text garbled twice mostly
        // is: the other code page may decode it once to something plainer
        // than the first layer of the right one (`ÃŠÂ»` is `æ»` through
        // ISO-8859-15, `Ê»` and then `ʻ` through windows-1252).
        let gains = old_cost - new_cost - penalty - glued_evidence >= MARGIN;
        let contested = || {
            id == t::SLOPPY_WINDOWS_1252
                && items[range.clone()]
                    .iter()
                    .any(|it| elsewhere_in_8859_15(it.c))
        };
        if lookahead > 0 && range.len() <= LOOKAHEAD_RUN && (!gains || contested()) {
            let new_text: String = seqs[group.clone()].iter().map(|s| s.repl).collect();
            let twice = (1 << t::SLOPPY_WINDOWS_1252) | (1 << t::LATIN_1);
            let further_layer = |s: super::Suspicion| match gains {
                true => s.utf8_pairs & twice != 0,
                false => s.any(),
            };
            if !new_text.is_ascii() && further_layer(super::scan(&new_text)) {
                // Judge the run by what further layers make of it, in its
                // context: a few characters either side, which must come out
                // of the further repair unchanged (else they had mojibake of
                // their own, whose gain is not this run's), and if they do
                // not, alone.
                let further =
                    further_in_context(chars, &range, &new_text, lookahead).or_else(|| {
                        let (fixed, plan) =
                            repair::repair_with(&new_text, usize::from(lookahead), lookahead - 1);
                        (!plan.is_empty()).then(|| fixed.into_owned())
                    });
                if let Some(further) = further {
                    new_cost = new_cost.min(chars.cost_as(&range, further.chars().map(settled)));
                }
            }
        }
        let delta = old_cost - new_cost - penalty;
        runs.push(Run {
            range,
            flags,
            delta,
            alone,
            line: 0,
            all_lossy,
            all_blind,
            accept: false,
        });
    }

    // Which lines are consistent: nothing outside the runs breaks them.
    let mut line_ok: Vec<bool> = vec![true];
    let look = |items: &[super::Item], from: usize, line_ok: &mut Vec<bool>| {
        for (it, &b) in items.iter().zip(&enc[from..]) {
            if it.c == '\n' {
                line_ok.push(true);
            } else if breaks_line(it.c, b) {
                *line_ok.last_mut().expect("one line at least") = false;
            }
        }
    };
    let mut done = 0;
    for run in &mut runs {
        look(&items[done..run.range.start], done, &mut line_ok);
        run.line = line_ok.len() - 1;
        done = run.range.end;
    }
    look(&items[done..], done, &mut line_ok);

    // Per line: accept all of a wholly covered line's runs if the line
    // gains enough; otherwise accept the runs that gain enough alone.
    let mut consistent_lines = 0;
    let mut gain = 0;
    let mut start = 0;
    while start < runs.len() {
        let line = runs[start].line;
        let mut end = start;
        while end < runs.len() && runs[end].line == line {
            end += 1;
        }
        let group = &mut runs[start..end];
        // Runs carry the prior each; a whole line pays it once.
        // The weak single sequences pay in the line's total too, not in
        // each run's floor: a line of nothing else is no evidence, a line
        // with real runs carries them.
        let total: i32 = group
            .iter()
            .map(|r| r.delta + prior(id) - r.alone)
            .sum::<i32>()
            - prior(id);
        // Runs that only mark lost bytes cost more than they gain by the
        // model; in a line that decodes whole, the structure vouches for them.
        let worst = group
            .iter()
            .filter(|r| !r.all_lossy)
            .map(|r| r.delta + prior(id))
            .min()
            .unwrap_or(0);
        // A lead byte that lost two or three bytes in a row is evidence
        // of nothing: a decoder loses only the few bytes its code page
        // leaves undefined, seldom twice running, while text that lost a
        // character of its own (`Poké\u{FFFD}\u{FFFD}on`) keeps the letter
        // before it. A line of nothing else is left as it is.
        let evidence = group.iter().any(|r| !r.all_blind);
        let whole = evidence && line_ok[line] && total >= MARGIN_LINE && worst >= LINE_FLOOR;
        if whole {
            consistent_lines += 1;
            gain += total;
        }
        for run in group {
            // Lost bytes are weak evidence: alone they need the whole line.
            run.accept = whole || (run.delta - run.alone >= MARGIN && !run.all_lossy);
            if run.accept && !whole {
                gain += run.delta;
            }
        }
        start = end;
    }

    let mut ranges = Vec::new();
    let mut flags = 0;
    for run in runs.iter().filter(|r| r.accept) {
        ranges.push(run.range.clone());
        flags |= run.flags;
    }
    if ranges.is_empty() || gain <= 0 {
        return None;
    }
    let mut repairs = Vec::new();
    if flags & COMPLETE != 0 {
        repairs.push(ByteRepair::CompleteA0);
    }
    if flags & RESTORE != 0 {
        repairs.push(ByteRepair::RestoreA0);
    }
    if flags & DROPPED != 0 {
        repairs.push(ByteRepair::FillDropped);
    }
    if flags & LOSSY != 0 {
        // A strict decoder loses only the bytes its code page leaves
        // undefined (windows-1252's five, ISO-8859-7's three): the lost
        // byte may be told from the rest of its sequence.
        repairs.push(
            if !crate::layer::undefined_bytes(Codec::from_sb(id)).is_empty() {
                ByteRepair::FillUndefined
            } else {
                ByteRepair::MarkLost
            },
        );
    }
    // Between code pages that each repair the line, the one that leaves
    // it in one language's letters ranks higher.
    let fits = {
        // Only characters beyond ASCII matter; sequences start at one.
        let (mut k, mut r) = (0, 0);
        let letters = chars.wide.iter().filter_map(|&i| {
            while k < seqs.len() && seqs[k].range.end <= i {
                k += 1;
            }
            while r < ranges.len() && ranges[r].end <= i {
                r += 1;
            }
            let inside = ranges.get(r).is_some_and(|range| range.start <= i);
            match seqs.get(k) {
                Some(s) if inside && s.range.start == i => Some(s.repl),
                Some(_) if inside => None,
                _ => Some(items[i].c),
            }
        });
        super::orthography::latin_alphabet_fits(letters)
    };
    // German writes `ß` after a vowel only (`Straße`, `weiß`); after
    // anything else it is another letter through the wrong one of two
    // similar code pages (`fßr`: `für` read as windows-1250 where
    // ISO-8859-2 was meant).
    let misspelt = seqs
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.repl == 'ß'
                && ranges
                    .iter()
                    .any(|r| r.start <= s.range.start && s.range.end <= r.end)
        })
        .filter(|&(k, s)| {
            let prev = match k.checked_sub(1).map(|j| &seqs[j]) {
                Some(p) if p.range.end == s.range.start => Some(p.repl),
                _ => s.range.start.checked_sub(1).map(|i| items[i].c),
            };
            !prev.is_some_and(|c| "aeiouyäöüAEIOUYÄÖÜ".contains(c))
        })
        .count() as i32;
    Some(Candidate {
        encode: Codec::from_sb(id),
        repairs,
        decode: if flags & VARIANT != 0 {
            Codec::Utf8Variants
        } else {
            Codec::Utf8
        },
        ranges,
        rank: gain
            + CONSISTENT_LINE * consistent_lines
            + if fits == Some(true) { ALPHABET_FIT } else { 0 }
            - ALPHABET_FIT * misspelt,
    })
}

/// What a candidate that leaves its line in one language's letters gains
/// in rank (see `orthography::latin_alphabet_fits`).
const ALPHABET_FIT: i32 = 3;

/// Characters of context either side of a run for the lookahead.
const CONTEXT: usize = 8;

/// What further layers make of `new_text` standing in for the items
/// `range`, with [`CONTEXT`] characters either side, if they change it and
/// leave the context as it was.
fn further_in_context(
    chars: &Chars<'_>,
    range: &Range<usize>,
    new_text: &str,
    lookahead: u8,
) -> Option<String> {
    let items = &chars.items;
    let before: String = items[range.start.saturating_sub(CONTEXT)..range.start]
        .iter()
        .map(|i| i.c)
        .collect();
    let after: String = items[range.end..(range.end + CONTEXT).min(items.len())]
        .iter()
        .map(|i| i.c)
        .collect();
    let window = format!("{before}{new_text}{after}");
    let (fixed, plan) = repair::repair_with(&window, usize::from(lookahead), lookahead - 1);
    if plan.is_empty() {
        return None;
    }
    let middle = fixed
        .strip_prefix(before.as_str())?
        .strip_suffix(after.as_str())?;
    Some(middle.to_owned())
}

/// Appends the UTF-8 sequences in a text encoded as `enc` by code page
/// `id` to `seqs`.
pub(super) fn find_sequences(chars: &Chars<'_>, id: u8, enc: &[u16], seqs: &mut Vec<Seq>) {
    let start = seqs.len();
    let lossable = lossable(id);
    // A space stands for an A0 byte only where A0 was a no-break space,
    // which text turns into a space (cp437's and Mac Roman's are letters).
    let nbsp = crate::codec::single_byte::decode_byte(id, 0xA0) == Some('\u{A0}');
    let mut next = 0;
    // Only a lead byte (C0, C2-F4) can start a sequence, and only a wide
    // item encodes as one.
    for &i in &chars.wide {
        if i < next || !(0xC0..=0xF4).contains(&enc[i]) {
            continue;
        }
        if let Some(seq) = match_at(chars, enc, i, id, lossable, nbsp) {
            next = seq.range.end;
            seqs.push(seq);
        }
    }
    if dropping(id) {
        settle_dropped(chars, enc, seqs, start);
    }
}

/// Keeps the [`DROPPED`] sequences among `seqs[start..]` whose byte the
/// repair would put back, spelling the letter it restores, and drops the
/// rest: a capital of Latin-1 before a letter (`Århus`, `Österreich`) is
/// text far more often than a sequence that lost its byte, and only a
/// letter that fits the line (`Ł` among Polish letters) says otherwise.
/// The line is judged as the other sequences would leave it.
fn settle_dropped(chars: &Chars<'_>, enc: &[u16], seqs: &mut Vec<Seq>, start: usize) {
    if !seqs[start..].iter().any(|s| s.flags & DROPPED != 0) {
        return;
    }
    // The line as repaired, each dropped sequence a U+FFFD at `at`.
    let mut line = String::new();
    let mut at = Vec::new();
    let mut k = start;
    let mut i = 0;
    while i < chars.items.len() {
        match seqs.get(k) {
            Some(seq) if seq.range.start == i => {
                if seq.flags & DROPPED != 0 {
                    at.push((k, line.len()));
                }
                line.push(seq.repl);
                i = seq.range.end;
                k += 1;
            }
            _ => {
                line.push(chars.items[i].c);
                i += 1;
            }
        }
    }
    let mut keep = vec![true; seqs.len()];
    for (k, pos) in at {
        // What the lost byte was dropped from stands in text either side:
        // ASCII, a sequence whole, or letters a layer before this one
        // repaired (no code page's letters: `Ïε`). Leads one after
        // another are a CJK codec's bytes read as windows-1252 (`ÖÐÎÄ`),
        // and are not asked.
        let (start, end) = (seqs[k].range.start, seqs[k].range.end);
        let text = |it: &super::Item| {
            it.c.is_ascii() || (is_alphabetic(it.c) && script_bit(it.class) & (1 << LATIN) == 0)
        };
        let whole = |n: Option<&Seq>, at: usize, edge: fn(&Range<usize>) -> usize| {
            n.is_some_and(|n| edge(&n.range) == at && n.flags & DROPPED == 0)
        };
        let goes_on = (chars.items.get(end).is_none_or(text)
            || whole(seqs.get(k + 1), end, |r| r.start))
            && (start == 0
                || text(&chars.items[start - 1])
                || whole(k.checked_sub(1).and_then(|p| seqs.get(p)), start, |r| r.end));
        if !goes_on {
            keep[k] = false;
            continue;
        }
        let bytes: Vec<u8> = enc[seqs[k].range.clone()]
            .iter()
            .map(|&b| u8::try_from(b).unwrap_or(0))
            .collect();
        let after = &line[pos + '\u{FFFD}'.len_utf8()..];
        match crate::layer::restore_dropped(&line[..pos], &bytes, after) {
            Some(c) => seqs[k].repl = c,
            None => keep[k] = false,
        }
    }
    let mut k = 0;
    seqs.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// The continuation bytes (bit `b - 0x80`) that a decoder for code page
/// `id` may have lost inside a UTF-8 sequence: those the code page leaves
/// undefined. Windows code pages leave undefined what their WHATWG tables
/// (ours) fill with C1 controls, and Python's decoders write U+FFFD for;
/// Latin-1 defines every byte, but its C1 controls are what windows-1252
/// writes as `?` on the way back.
fn lossable(id: u8) -> u64 {
    let (strict, c1_lost) = match id {
        t::LATIN_1 => (t::WINDOWS_1252, true),
        // The sloppy forms come in the strict forms' order.
        t::SLOPPY_WINDOWS_1250..=t::SLOPPY_WINDOWS_874 => {
            (id - (t::SLOPPY_WINDOWS_1250 - t::WINDOWS_1250), true)
        }
        t::WINDOWS_1250..=t::WINDOWS_874 => (id, true),
        _ => (id, false),
    };
    (0x80..=0xBFu8)
        .filter(
            |&b| match crate::codec::single_byte::decode_byte(strict, b) {
                None => true,
                Some(c) => c1_lost && ('\u{80}'..='\u{9F}').contains(&c),
            },
        )
        .fold(0, |mask, b| mask | 1 << (b - 0x80))
}

/// The continuation bytes (bit `b - 0x80`) that may follow `lead` in
/// UTF-8. After C2 they would spell C1 controls, which are no text.
fn second_bytes(lead: u8) -> u64 {
    let range = |lo: u8, hi: u8| (u64::MAX >> (63 - (hi - lo))) << (lo - 0x80);
    match lead {
        0xC0..=0xC2 => 0,
        0xE0 => range(0xA0, 0xBF),
        0xED => range(0x80, 0x9F),
        0xF0 => range(0x90, 0xBF),
        0xF4 => range(0x80, 0x8F),
        _ => range(0x80, 0xBF),
    }
}

/// Whether a decoder for code page `id` may have dropped the bytes it
/// leaves undefined: windows-1252's, as CPython's does with
/// `errors="ignore"`.
fn dropping(id: u8) -> bool {
    matches!(id, t::WINDOWS_1252 | t::SLOPPY_WINDOWS_1252)
}

fn match_at(
    chars: &Chars<'_>,
    enc: &[u16],
    i: usize,
    id: u8,
    lossable: u64,
    nbsp: bool,
) -> Option<Seq> {
    let lead = u8::try_from(enc[i]).ok()?;
    let n = utf8_len(lead);
    // A sequence one byte short, whose last byte a windows-1252 decoder
    // may have dropped (CPython's `errors="ignore"`): settled by
    // `settle_dropped`.
    let short = |kept: usize| Seq {
        range: i..i + kept,
        repl: '\u{FFFD}',
        flags: LOSSY | DROPPED,
    };
    let cont = |k: usize| enc.get(k).is_some_and(|b| (0x80..=0xBF).contains(b));
    if dropping(id) && n >= 2 && i + n - 1 == enc.len() {
        match n {
            2 if lossable & second_bytes(lead) != 0 => return Some(short(1)),
            3 if cont(i + 1) => return Some(short(2)),
            _ => {}
        }
    }
    if n == 0 || i + n > enc.len() {
        return None;
    }
    let mut bytes = [0u8; 6];
    bytes[0] = lead;
    let mut flags = 0;
    let mut real_conts = 0;
    for k in 1..n {
        let b = enc[i + k];
        bytes[k] = match b {
            0x80..=0xBF => {
                real_conts += 1;
                b as u8
            }
            // `â€` before a space is `”` (E2 80 9D) that lost its last
            // byte; before anything else but a continuation byte or a
            // marked loss, any 3-byte sequence may have.
            _ if n == 3
                && k == 2
                && dropping(id)
                && !matches!(b, 0x3F | 0x1A)
                && (b != 0x20 || (lead == 0xE2 && bytes[1] == 0x80)) =>
            {
                return Some(short(2));
            }
            0x20 if nbsp => {
                // The space may have been an A0 byte; only an à followed by
                // a word keeps the space (its no-break space merged into
                // the space after it).
                if k + 1 == n && lead == 0xC3 && keeps_space(chars, i + 2) {
                    return Some(Seq {
                        range: i..i + 1,
                        repl: 'à',
                        flags: COMPLETE,
                    });
                }
                flags |= RESTORE;
                0xA0
            }
            0x3F | 0x1A => {
                // Only a byte that the code page leaves undefined can have
                // been lost, and only where UTF-8 allows it.
                let allowed = if k == 1 { second_bytes(lead) } else { u64::MAX };
                if lossable & allowed == 0 {
                    return None;
                }
                // Spanish ends a question before the next begins: a `?`
                // before `¿` or `¡` and a word is one (`¿Así?¿De verdad?`;
                // `å?¡` before more garble is `卡` that lost a byte).
                let item = |j: usize| chars.items.get(i + j).map(|it| it.c);
                if b == 0x3F
                    && item(k + 1).is_some_and(|c| matches!(c, '¿' | '¡'))
                    && item(k + 2).is_some_and(|c| c.is_ascii_alphabetic())
                {
                    return None;
                }
                flags |= LOSSY;
                LOST
            }
            // A 2-byte lead alone: its continuation byte may be one that
            // a windows-1252 decoder dropped (CPython's `errors="ignore"`).
            _ if n == 2 && dropping(id) && lossable & second_bytes(lead) != 0 => {
                return Some(short(1));
            }
            _ => return None,
        };
    }
    if flags & LOSSY != 0 {
        // Letters that go on from an ASCII one and end in a loss are a
        // word of text that lost a character of its own (`Dáž\u{FFFD}`,
        // Slovak `dážď`), not a sequence that lost its last byte; a
        // 2-byte sequence's lead is a letter whatever it spells, and
        // mojibake's continuation bytes are mostly symbols (`â€\u{FFFD}`).
        if n > 2
            && matches!(enc[i + n - 1], 0x3F | 0x1A)
            && i.checked_sub(1)
                .is_some_and(|p| chars.items[p].c.is_ascii_alphabetic())
            && chars.items[i..i + n - 1]
                .iter()
                .all(|it| is_alphabetic(it.c))
        {
            return None;
        }
        // A lead byte alone stands for a 3- or 4-byte sequence only if
        // U+FFFD (not `?`, which is also punctuation) marks every lost
        // byte, or the word goes on after the `?`s (`å??äº”` for `十五`,
        // where `é??` ends a question).
        if real_conts == 0
            && n > 2
            && enc[i + 1..i + n].contains(&0x3F)
            && !word_goes_on(chars, i + n)
        {
            return None;
        }
        // A `?` with a letter right after it is no question mark (`LijeÄ?nik`
        // for `Liječnik`): the loss is evidence, as a complete sequence is.
        if enc[i + n - 1] == 0x3F && word_goes_on(chars, i + n) {
            flags |= INSIDE_WORD;
        }
        if real_conts == 0 && n > 2 {
            flags |= BLIND;
        }
        return Some(Seq {
            range: i..i + n,
            repl: '\u{FFFD}',
            flags,
        });
    }
    if lead == 0xED && (0xA0..=0xAF).contains(&bytes[1]) {
        // CESU-8: a surrogate pair as two 3-byte sequences.
        if i + 6 > enc.len() || flags != 0 {
            return None;
        }
        for k in 3..6 {
            bytes[k] = u8::try_from(enc[i + k]).ok()?;
        }
        let (c, len) = utf8_variants::decode_one(&bytes)?;
        return (len == 6).then_some(Seq {
            range: i..i + 6,
            repl: c,
            flags: VARIANT,
        });
    }
    let (c, len) = utf8_variants::decode_one(&bytes[..n])?;
    // A control character is never what a repair should produce (Java's
    // `C0 80` for U+0000 included): the bytes spelled it by accident.
    if len != n || (c.is_control() && !('\u{80}'..'\u{A0}').contains(&c)) {
        return None;
    }
    if lead == 0xC0 {
        flags |= VARIANT;
    }
    Some(Seq {
        range: i..i + n,
        repl: c,
        flags,
    })
}

/// After `à` and a space, does the next word stand on its own? Portuguese
/// contracts `à` with `s`, `quele`, `quela`, `quilo` (`às`, `àquele`), where
/// the space was the A0 byte itself.
fn keeps_space(chars: &Chars<'_>, next: usize) -> bool {
    let rest: String = chars.items[next.min(chars.items.len())..]
        .iter()
        .take(7)
        .map(|it| it.c)
        .collect();
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if first.is_whitespace() {
        return false;
    }
    // The word ends there: not a letter, and not an apostrophe either,
    // which would make `s` the French elision `s'`.
    let word_end = |s: &str| {
        !s.chars()
            .next()
            .is_some_and(|c| is_alphabetic(c) || c == '\'' || c == '’')
    };
    for stem in ["s", "quele", "quela", "quilo"] {
        if let Some(after) = rest.strip_prefix(stem) {
            if word_end(after) || (stem != "s" && after.starts_with('s') && word_end(&after[1..])) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_8859_15_places_eight_of_windows_1252s_characters_elsewhere() {
        let moved: String = (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| super::elsewhere_in_8859_15(c))
            .collect();
        assert_eq!(moved, "ŒœŠšŸŽž€");
    }
}
