//! A cheaper first pass for [`super::scan`]. Most characters of clean text
//! matter to the scan only through the automaton for UTF-8 read as a
//! single-byte code page, and to that one only where a character that a
//! code page reads as a UTF-8 lead byte is followed by one it reads as a
//! continuation byte. This pass looks up one entry a character, follows
//! the other automata only for the characters they care about, runs the
//! UTF-8 automaton only on the words that have such a pair, and gives up
//! (leaving the answer to the full scan) on anything rarer: C1 controls,
//! U+FFFD, two flagged characters in a row. CJK characters take the CJK
//! walks and the oddness sum as in the full scan, without the rest of its
//! work. Before it, [`plain`] clears the lines that need none of that at
//! a lookup and a test a character.

use std::sync::OnceLock;

use super::cyrillic::Cyrillic;
use super::{
    block_masks, cjk_flags, cjk_scan, cjk_shapes, legacy, sb_masks, utf8_as_sb, Utf8Words,
};

/// Whether the full scan is sure to find nothing in `text`. `false` says
/// only that this pass could not tell.
pub(crate) fn quiet(text: &str) -> bool {
    if plain(text) {
        return true;
    }
    // Most lines have no CJK character: the pass for them leaves out the
    // oddness sum, and hands a line with one to the pass that keeps it.
    match pass::<false>(text) {
        Verdict::Cjk => pass::<true>(text) == Verdict::Quiet,
        verdict => verdict == Verdict::Quiet,
    }
}

/// Whether `text` has nothing for [`pass`] to follow: no character that
/// takes more than its entry (Cyrillic letters, CJK characters and the
/// rest of [`SLOW`]), no pair of a lead byte and a continuation byte of
/// one of the wrong decoders' code pages, nor of two characters sharing a
/// chain-family flag, no space after a lead byte that a space may end,
/// and no `?` beside a character beyond ASCII or another `?`. Most lines
/// of the scripts that are neither pass with one lookup and one test a
/// character, where the pass's state costs it three times that; any other
/// line gives up at its first such character.
fn plain(text: &str) -> bool {
    let table = table();
    let bytes = text.as_bytes();
    // The previous character's first entry.
    let mut prev = 0u32;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b == b'?' {
                // Beside a character beyond ASCII or another `?`, a `?`
                // may be a lost byte, which the pass walks.
                let near = |k: usize| bytes.get(k).is_some_and(|&n| n >= 0x80 || n == b'?');
                if near(i + 1) || i.checked_sub(1).is_some_and(near) {
                    return false;
                }
            } else if b == b' ' && prev & SPACE_ENDS != 0 {
                return false;
            }
            prev = 0;
            i = super::skip_plain_ascii(bytes, i + 1);
            continue;
        }
        if b >= 0xF0 {
            (prev, i) = (0, i + 4);
            continue;
        }
        let (u, len) = decode(bytes, i);
        i += len;
        if (0x3000..=0xEFFF).contains(&u) {
            return false;
        }
        let [lead, cont] = table.entry(u);
        if (cont & (SLOW | prev & utf8_as_sb::WRONG_DECODER_MASK)) | (prev & lead & FLAGS) != 0 {
            return false;
        }
        prev = lead;
    }
    true
}

/// What a pass found.
#[derive(PartialEq, Eq)]
enum Verdict {
    Quiet,
    Unsure,
    /// A CJK character, which the pass without the oddness sum cannot take.
    Cjk,
}

/// The pass, with the oddness sum of CJK characters or (`!CJK`) without.
fn pass<const CJK: bool>(text: &str) -> Verdict {
    let table = table();
    let bytes = text.as_bytes();
    // The previous character's first entry (its lead bytes, its flags,
    // and whether a space after it may end a sequence).
    let mut prev = 0u32;
    // Where the current word of characters beyond ASCII starts, and
    // whether it has a lead byte followed by a continuation byte under
    // some code page.
    let (mut word, mut paired) = (0, false);
    let mut runs = cjk_scan::Runs::default();
    let mut odd = cjk_scan::Oddness::default();
    let mut cyrillic = Cyrillic::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'?' {
            // A `?` may stand for a lost byte, as the scan takes it: a
            // continuation byte of a pending sequence (so it stays in the
            // word, which needs the automaton if anything is pending),
            // and a loss in the CJK walks.
            paired |= prev & utf8_as_sb::WRONG_DECODER_MASK != 0;
            prev = 0;
            runs.step(legacy::MAYBE_LOST_SHAPES);
            if runs.hits != 0 {
                return Verdict::Unsure;
            }
            if CJK {
                odd.other();
            }
            cyrillic.other();
            i += 1;
            continue;
        }
        if !(0x80..0xF0).contains(&b) {
            if paired && utf8_flags(&bytes[word..i]) != 0 {
                return Verdict::Unsure;
            }
            paired = false;
            if b >= 0xF0 {
                (prev, i) = (0, i + 4);
                runs.reset();
                if CJK {
                    odd.other();
                }
                cyrillic.other();
                word = i;
                continue;
            }
            if b == b' ' && prev & SPACE_ENDS != 0 {
                return Verdict::Unsure;
            }
            prev = 0;
            runs.reset();
            if CJK {
                odd.other();
            }
            cyrillic.other();
            i = super::skip_plain_ascii(bytes, i + 1);
            word = i;
            continue;
        }
        let (u, len) = decode(bytes, i);
        i += len;
        let c = char::from_u32(u).unwrap_or_default();
        if (0x3000..=0xEFFF).contains(&u) {
            // Beyond every single-byte code page and every flag: only the
            // CJK automata look at these.
            let shapes = legacy::shapes(c);
            if shapes == 0 {
                runs.reset();
                if CJK {
                    odd.other();
                }
            } else if !CJK {
                return Verdict::Cjk;
            } else {
                if glued(bytes, i - len, i, shapes) {
                    return Verdict::Unsure;
                }
                runs.step(shapes);
                if runs.hits != 0 {
                    return Verdict::Unsure;
                }
                odd.cjk(c);
            }
            prev = 0;
            cyrillic.other();
            continue;
        }
        let [lead, cont] = table.entry(u);
        if cont & HARD != 0 || (cont & PAIR_LEAD != 0 && legacy::pairs_at(text, i - len)) {
            return Verdict::Unsure;
        }
        paired |= cont & prev & utf8_as_sb::WRONG_DECODER_MASK != 0;
        if (prev & lead) & FLAGS != 0 {
            return Verdict::Unsure;
        }
        prev = lead;
        if cont & GLUE != 0 && touches_ascii_letter(bytes, i - len, i) {
            return Verdict::Unsure;
        }
        if cont & WALK != 0 || !runs.at_rest() {
            runs.step(legacy::shapes(c));
            if runs.hits != 0 {
                return Verdict::Unsure;
            }
        }
        if cont & ODD != 0 {
            if !CJK {
                return Verdict::Cjk;
            }
            odd.cjk(c);
        } else if CJK {
            odd.other();
        }
        if cont & CYRILLIC != 0 {
            cyrillic.letter(u);
        } else {
            cyrillic.other();
        }
    }
    if cyrillic.suspect() || odd.is_odd() || paired && utf8_flags(&bytes[word..]) != 0 {
        Verdict::Unsure
    } else {
        Verdict::Quiet
    }
}

/// Whether the character from `at` to `next`, with `shapes`, touches an
/// ASCII letter and may be one whole 2-byte UTF-8 sequence (see
/// `legacy::glued_sequence_flags`).
#[inline]
fn glued(bytes: &[u8], at: usize, next: usize, shapes: u32) -> bool {
    touches_ascii_letter(bytes, at, next) && legacy::glued_sequence_flags(shapes) != 0
}

/// Whether the character from `at` to `next` has an ASCII letter either
/// side.
#[inline]
fn touches_ascii_letter(bytes: &[u8], at: usize, next: usize) -> bool {
    at.checked_sub(1)
        .is_some_and(|p| bytes[p].is_ascii_alphabetic())
        || bytes.get(next).is_some_and(u8::is_ascii_alphabetic)
}

/// The code pages under which a word of characters beyond ASCII (and
/// `?`) holds a complete UTF-8 sequence and no broken one: the scan's
/// automaton for a word that starts and ends beside plain ASCII.
fn utf8_flags(word: &[u8]) -> u32 {
    let mut words = Utf8Words::default();
    let mut i = 0;
    while i < word.len() {
        if word[i] == b'?' {
            words.step([0, 0, 0, words.pending(), 0]);
            i += 1;
            continue;
        }
        let (u, len) = decode(word, i);
        i += len;
        words.step(if (0x3000..=0xEFFF).contains(&u) {
            [0; 5]
        } else {
            block_masks(u)
        });
    }
    words.finish() & utf8_as_sb::WRONG_DECODER_MASK
}

/// The character at `i` of valid UTF-8 that starts with a byte from 0xC0
/// to 0xEF, and its length.
#[inline]
pub(super) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let at = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0) & 0x3F);
    let b = bytes[i];
    if b < 0xE0 {
        ((u32::from(b & 0x1F) << 6) | at(1), 2)
    } else {
        ((u32::from(b & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
    }
}

// Bits of the entries beside the code pages' (which are 0 and 11 to 30).
/// First entry: a space after the character may end a sequence.
const SPACE_ENDS: u32 = 1 << 31;
/// First entry: the character's chain-family flags, shifted by one.
const FLAGS: u32 = 0xFF << 1;
/// Second entry: the pass gives up.
const HARD: u32 = 1 << 31;
/// Second entry: a Cyrillic letter the scan counts.
const CYRILLIC: u32 = 1 << 1;
/// Second entry: a character the CJK automata step on from rest.
const WALK: u32 = 1 << 2;
/// Second entry: a CJK character whose oddness the scan sums.
const ODD: u32 = 1 << 3;
/// Second entry: a character that may be part of one whole 2-byte UTF-8
/// sequence read as a CJK codec (see `legacy::glued_sequence_flags`).
const GLUE: u32 = 1 << 5;
/// Second entry: windows-1252's reading of a lead byte of Shift_JIS or
/// Big5, which the scan looks past (see `legacy::pairs_at`).
const PAIR_LEAD: u32 = 1 << 4;

/// Second entry: the bits [`plain`] leaves to the pass.
const SLOW: u32 = HARD | CYRILLIC | WALK | ODD | GLUE | PAIR_LEAD;

/// The entries of every BMP character, 256 at a time.
struct Table {
    index: [u8; 256],
    blocks: Vec<[[u32; 2]; 256]>,
}

impl Table {
    #[inline]
    fn entry(&self, u: u32) -> [u32; 2] {
        let block = self.index[(u >> 8) as usize & 0xFF];
        self.blocks[usize::from(block)][(u & 0xFF) as usize]
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        assert_eq!(
            utf8_as_sb::WRONG_DECODER_MASK
                & (SPACE_ENDS | FLAGS | HARD | CYRILLIC | WALK | ODD | PAIR_LEAD | GLUE),
            0,
            "the code pages' bits are free for the pass's own"
        );
        // A block of 256 characters is made from the blocks of the tables
        // it is built from, and from where it stands among the ranges the
        // scan treats apart: the same sources make the same block, so most
        // blocks are built once.
        let mut index = [0u8; 256];
        let mut made: Vec<([u8; 4], u8)> = Vec::new();
        let mut blocks: Vec<[[u32; 2]; 256]> = Vec::new();
        for high in 0..256u32 {
            let range = match high {
                0x00..=0x07 => high as u8,
                0x08..=0x2F => 8,
                0xD8..=0xDF => 9,
                0x30..=0xEF => 10,
                0xF0..=0xFE => 11,
                _ => 12,
            };
            let key = match range {
                10 => [0, 0, 0, range],
                _ => [
                    sb_masks::MASK_INDEX[high as usize],
                    cjk_shapes::SHAPE_INDEX[high as usize],
                    cjk_flags::FLAG_INDEX[high as usize],
                    range,
                ],
            };
            index[high as usize] = match made.iter().find(|(k, _)| *k == key) {
                Some(&(_, at)) => at,
                None => {
                    // `quiet` looks these up elsewhere.
                    let looked_up = key[3] != 10;
                    blocks.push(std::array::from_fn(|low| match looked_up {
                        true => entries((high << 8) | low as u32),
                        false => [0, HARD],
                    }));
                    let at = u8::try_from(blocks.len() - 1).expect("at most 256 blocks");
                    made.push((key, at));
                    at
                }
            };
        }
        Table { index, blocks }
    })
}

/// The two entries of `u` (see the bits above).
fn entries(u: u32) -> [u32; 2] {
    let Some(c) = char::from_u32(u) else {
        return [0, HARD];
    };
    let [m0, m1, m2, cont, aux] = if (0x3000..=0xEFFF).contains(&u) || u < 0x80 {
        [0; 5]
    } else {
        block_masks(u)
    };
    let mask = utf8_as_sb::WRONG_DECODER_MASK;
    let shapes = legacy::shapes(c);
    let hard = u < 0xA0 || c == '\u{FFFD}';
    let walk = shapes != 0 && shapes & cjk_scan::RESTING == 0;
    let mut first = (m0 | m1 | m2) & mask | (u32::from(flags(u)) << 1);
    if aux & m0 & mask != 0 {
        first |= SPACE_ENDS;
    }
    let mut second = cont & mask;
    if hard {
        second |= HARD;
    }
    if (0x400..0x460).contains(&u) {
        second |= CYRILLIC;
    }
    if walk {
        second |= WALK;
    }
    if u >= 0x3000 && shapes != 0 {
        second |= ODD;
    }
    if legacy::glued_sequence_flags(shapes) != 0 {
        second |= GLUE;
    }
    if legacy::pair_lead_in_1252(c) {
        second |= PAIR_LEAD;
    }
    [first, second]
}

/// The chain-family flags the scan gives `u`.
fn flags(u: u32) -> u8 {
    let looked_up = if u < 0x800 {
        u < legacy::FLAGGED_2_BYTE
    } else {
        !(0x3000..=0xEFFF).contains(&u)
    };
    if looked_up {
        legacy::flags(u) & !legacy::UTF8_FLAGS
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::quiet;
    use crate::codec::Codec;
    use proptest::prelude::*;

    /// `quiet` may only clear a text the full scan finds nothing in.
    fn check(text: &str) -> bool {
        let cleared = quiet(text);
        assert!(
            !cleared || !super::super::scan_all(text).any(),
            "cleared a text the scan flags: {text:?}"
        );
        cleared
    }

    fn corpus_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = Vec::new();
        for dir in ["clean", "cases", "examples"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("corpus directory")
                .map(|e| e.expect("entry").path())
                .collect();
            paths.sort();
            for path in paths {
                let content = std::fs::read_to_string(&path).expect("corpus file");
                for line in content.lines() {
                    if dir == "cases" {
                        let case: serde_json::Value = serde_json::from_str(line).expect("JSON");
                        for field in ["original", "fixed"] {
                            if let Some(t) = case[field].as_str() {
                                texts.push(t.to_owned());
                            }
                        }
                    } else {
                        texts.push(line.to_owned());
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn clears_only_what_the_scan_would() {
        let texts = corpus_texts();
        let (mut cleared, mut clean_cleared, mut garbled) = (0, 0, 0);
        for text in &texts {
            cleared += usize::from(check(text));
            // The same text read under every single-byte code page, and
            // each of its lines cut after every space.
            for codec in Codec::ALL.iter().filter(|c| c.is_single_byte()) {
                if let Ok(read) = codec.decode(text.as_bytes()) {
                    garbled += 1;
                    check(&read);
                }
            }
            for (at, _) in text.match_indices(' ') {
                check(&text[at..]);
                check(&text[..at]);
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/clean/el.txt");
        for line in std::fs::read_to_string(root).expect("Greek").lines() {
            clean_cleared += usize::from(check(line));
        }
        // The pass must be worth its keep: most clean Greek lines.
        assert!(clean_cleared > 90, "{clean_cleared} Greek lines cleared");
        assert!(cleared > 1000 && garbled > 10000, "{cleared} {garbled}");
    }

    const PALETTE: &[char] = &[
        'a', ' ', '?', '.', 'é', 'Ã', '©', 'Â', '\u{A0}', 'Ð', '°', 'Ñ', 'Ÿ', '€', 'â', 'œ', 'ž',
        'Ξ', 'Ό', 'α', 'Ά', 'π', 'µ', 'Р', 'а', 'ѕ', 'П', 'р', 'я', 'ё', 'ء', '،', 'ק', 'ั', 'ต',
        '’', '–', '„', '·', 'ø', 'ı', '│', '┬', '╨', 'ƒ', '¬', '\u{FFFD}', '中', 'こ', 'ｶ', '이',
        '😀', '\u{85}', 'Æ', '¾', 'È', '³', 'ç', 'Ç', 'Ï', '¼', '¿', 'ä',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn random_texts(picks in proptest::collection::vec(0..PALETTE.len(), 0..24)) {
            let text: String = picks.iter().map(|&k| PALETTE[k]).collect();
            check(&text);
        }
    }
}
