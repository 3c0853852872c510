//! The fast path for the commonest mojibake: a segment of UTF-8 read whole
//! as windows-1252 (`cafÃ©`). Most garbled lines are one, and taking them
//! here spares the scan and every detector.

use std::ops::Range;

use super::{scan, Proposal, Suspicion};
use crate::codec::{sb_tables, single_byte, Codec};
use crate::plan::Step;
use crate::score;

/// Most mojibake is one segment of UTF-8 read whole as windows-1252: if
/// the segment encodes so, decodes as UTF-8 to text in which the scan
/// finds nothing, and that text is as plausible as text gets (no pair of
/// characters odder than real text has, at most [`CLEAN_COST`] a
/// character) and much more than the segment ([`WHOLE_GAIN`]), no other
/// code page can do better and the detectors need not be asked.
///
/// C1 controls do not stop it: the only ones sloppy windows-1252 reads
/// UTF-8 into are its five undefined bytes (`Á` is C3 81), which the C1
/// detector, mapping C1 controls to windows-1252, cannot do anything with.
///
/// The answer comes with what the scan finds in the repaired text: a
/// reading this clean is the layer to peel whatever lies under it (a
/// further layer, or a word the scan cannot clear on its own), and the
/// detectors need only be asked about the layer under it.
pub(crate) fn whole_as_1252(text: &str) -> Option<(Proposal, Suspicion)> {
    let runs = utf8_under_1252(text)?;
    let read = Reading::of(text, runs)?;
    if read.own > CLEAN_COST * read.chars || read.garble < read.own + WHOLE_GAIN {
        return None;
    }
    let suspicion = scan(&read.decoded);
    let proposal = Proposal {
        steps: vec![
            Step::Encode {
                codec: Codec::SloppyWindows1252,
                spans: Some(read.spans),
            },
            Step::Decode(Codec::Utf8),
        ],
        text: read.decoded,
    };
    Some((proposal, suspicion))
}

/// See [`whole_as_1252`]: at most this a character, no pair of characters
/// costing more than this (what `25°C`, `m²`, `¡Hola`, `l·l` cost: real
/// text, not the `Ã©` of mojibake), and a gain of at least this.
const CLEAN_COST: i32 = 1;
const CLEAN_PAIR: i32 = 3;
const WHOLE_GAIN: i32 = 8;

/// The byte that sloppy windows-1252 has for `c`, if any.
#[inline]
fn encode(c: char) -> Option<u8> {
    match c {
        // Latin-1's own half, where mojibake's `Ã` and `Â` are: no table.
        '\u{A0}'..='\u{FF}' => Some(c as u8),
        _ => single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c),
    }
}

/// If `text` encodes as sloppy windows-1252 to valid UTF-8 with a
/// sequence beyond ASCII, how many runs beyond ASCII it has.
///
/// Clean text fails in its first word beyond ASCII (`café` is `caf` and
/// E9, a lead byte with nothing after it), so this pass writes nothing and
/// looks at ASCII only where a sequence is pending; [`Reading::of`] does
/// the work for the text that passes.
fn utf8_under_1252(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Continuation bytes the last lead byte still wants, and the range the
    // next one must be in (UTF-8's rules against overlong forms,
    // surrogates and code points past U+10FFFF narrow it after E0, ED, F0
    // and F4).
    let mut want = 0u8;
    let mut next = 0x80..=0xBF;
    let (mut sequences, mut runs) = (false, 0);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            if want != 0 {
                return None;
            }
            i = super::skip_plain_ascii(bytes, i + 1);
            continue;
        }
        runs += usize::from(i == 0 || bytes[i - 1] < 0x80);
        let c = text[i..].chars().next()?;
        let b = encode(c)?;
        if want == 0 {
            (want, next) = match b {
                0xC2..=0xDF => (1, 0x80..=0xBF),
                0xE0 => (2, 0xA0..=0xBF),
                0xED => (2, 0x80..=0x9F),
                0xE1..=0xEF => (2, 0x80..=0xBF),
                0xF0 => (3, 0x90..=0xBF),
                0xF4 => (3, 0x80..=0x8F),
                0xF1..=0xF3 => (3, 0x80..=0xBF),
                _ => return None,
            };
        } else if next.contains(&b) {
            want -= 1;
            next = 0x80..=0xBF;
            sequences = true;
        } else {
            return None;
        }
        i += c.len_utf8();
    }
    (want == 0 && sequences).then_some(runs)
}

/// A text that [`utf8_under_1252`] accepts, decoded, with what the
/// fast path weighs, all found in one pass: the costs of the text and of
/// its reading, and the byte ranges of its runs beyond ASCII (the spans
/// its plan names; ASCII ends every UTF-8 sequence, so each run decodes
/// on its own).
struct Reading {
    decoded: String,
    spans: Vec<Range<usize>>,
    /// The model's cost of the decoded text, which has no pair costing
    /// more than [`CLEAN_PAIR`] and no break in a word of capitals.
    own: i32,
    /// The model's cost of the text itself.
    garble: i32,
    /// Characters of the decoded text.
    chars: i32,
}

impl Reading {
    /// `None` if the decoded text has a pair or a break that
    /// [`whole_as_1252`] refuses (or, which cannot happen after
    /// [`utf8_under_1252`], does not decode).
    fn of(text: &str, runs: usize) -> Option<Reading> {
        let bytes = text.as_bytes();
        let ascii = score::ascii_classes();
        let mut read = Reading {
            decoded: String::with_capacity(text.len()),
            spans: Vec::with_capacity(runs),
            own: 0,
            garble: 0,
            chars: 0,
        };
        // The last two classes of the decoded text, and the last of the
        // text itself.
        let mut window = [None, None];
        let mut last = None;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                let start = i;
                // The first two bytes of the run may pair with what came
                // before, or end a trigram of capitals with it.
                while i < start + 2 && bytes.get(i).is_some_and(|b| b.is_ascii()) {
                    let k = ascii[usize::from(bytes[i])];
                    read.own += clean_step(&mut window, k)?;
                    read.garble += garble_step(&mut last, k);
                    i += 1;
                }
                // Further in, both texts add the same: ASCII reads as
                // itself, and no trigram of ASCII breaks capitals.
                if let [Some(mut a), Some(mut p)] = window {
                    let mut shared = 0;
                    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii()) {
                        let k = ascii[usize::from(b)];
                        let pair = score::pair_cost(p, k);
                        if pair > CLEAN_PAIR {
                            return None;
                        }
                        shared += score::unary_cost(k) + pair;
                        (a, p) = (p, k);
                        i += 1;
                    }
                    (read.own, read.garble) = (read.own + shared, read.garble + shared);
                    (window, last) = ([Some(a), Some(p)], Some(p));
                }
                read.decoded.push_str(&text[start..i]);
                read.chars += (i - start) as i32;
                continue;
            }
            let start = i;
            // The sequence being read: its code point so far, and the
            // continuation bytes it still wants.
            let (mut point, mut want) = (0u32, 0u8);
            while let Some(&lead) = bytes.get(i).filter(|&&b| b >= 0x80) {
                // Characters beyond the BMP have no byte in any code page.
                if lead >= 0xF0 {
                    return None;
                }
                let (u, len) = super::decode(bytes, i);
                let c = char::from_u32(u)?;
                read.garble += garble_step(&mut last, score::class(c));
                let b = encode(c)?;
                (point, want) = match b {
                    0xC0..=0xDF => (u32::from(b & 0x1F), 1),
                    0xE0..=0xEF => (u32::from(b & 0x0F), 2),
                    0xF0..=0xF7 => (u32::from(b & 0x07), 3),
                    _ => (point << 6 | u32::from(b & 0x3F), want.checked_sub(1)?),
                };
                if want == 0 {
                    let d = char::from_u32(point)?;
                    read.decoded.push(d);
                    read.own += clean_step(&mut window, score::class(d))?;
                    read.chars += 1;
                }
                i += len;
            }
            read.spans.push(start..i);
        }
        Some(read)
    }
}

/// The cost a character of class `k` adds to clean text after the classes
/// of `window`, which it joins; `None` if it forms a pair costing more
/// than [`CLEAN_PAIR`] or breaks a word in capitals.
#[inline]
fn clean_step(window: &mut [Option<u8>; 2], k: u8) -> Option<i32> {
    let mut cost = score::unary_cost(k);
    if let Some(p) = window[1] {
        let pair = score::pair_cost(p, k);
        if pair > CLEAN_PAIR || window[0].is_some_and(|a| score::caps_break(a, p, k) != 0) {
            return None;
        }
        cost += pair;
    }
    *window = [window[1], Some(k)];
    Some(cost)
}

/// The cost a character of class `k` adds after the class `last`, which it
/// replaces (the model's cost, as `score::text_cost` sums it).
#[inline]
fn garble_step(last: &mut Option<u8>, k: u8) -> i32 {
    let cost = score::unary_cost(k) + last.map_or(0, |p| score::pair_cost(p, k));
    *last = Some(k);
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path's answer, found the slow way: encode, decode, and
    /// sum the costs of whole texts.
    fn naive(text: &str) -> Option<(String, Vec<Range<usize>>)> {
        let bytes = Codec::SloppyWindows1252.encode(text).ok()?;
        if bytes.is_ascii() {
            return None;
        }
        let decoded = String::from_utf8(bytes).ok()?;
        let classes: Vec<u8> = decoded.chars().map(score::class).collect();
        for (j, pair) in classes.windows(2).enumerate() {
            let broken = j > 0 && score::caps_break(classes[j - 1], pair[0], pair[1]) != 0;
            if score::pair_cost(pair[0], pair[1]) > CLEAN_PAIR || broken {
                return None;
            }
        }
        let own = score::text_cost(&decoded);
        let chars = decoded.chars().count() as i32;
        if own > CLEAN_COST * chars || score::text_cost(text) < own + WHOLE_GAIN {
            return None;
        }
        if scan(&decoded).any() {
            return None;
        }
        let mut spans = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let start = i;
            while text.as_bytes().get(i).is_some_and(|&b| b >= 0x80) {
                i += 1;
            }
            if i > start {
                spans.push(start..i);
            } else {
                i += 1;
            }
        }
        Some((decoded, spans))
    }

    fn fast(text: &str) -> Option<(String, Vec<Range<usize>>)> {
        let (p, suspicion) = whole_as_1252(text).filter(|(_, s)| !s.any())?;
        assert!(!suspicion.any());
        let Some(Step::Encode {
            spans: Some(spans), ..
        }) = p.steps.first()
        else {
            panic!("the fast path's plan names its spans: {text:?}");
        };
        Some((p.text, spans.clone()))
    }

    #[test]
    fn the_shortcut_encodes_as_the_table_does() {
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{10000}']) {
            let table = single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c);
            assert_eq!(encode(c), table, "{c:?}");
        }
    }

    #[test]
    fn agrees_with_the_slow_way() {
        let clean = [
            "Le café, l’hôtel et la forêt.",
            "Zażółć gęślą jaźń",
            "ÅRETS JULEMARKED ÅBNER PÅ TORVET",
            "Straße № 5 — 25 °C, m², ±3",
            "naïve coöperation · l·l",
            "Cześć! Как дела? 你好 😀",
            "É",
            "ÉCOLE",
            "x²",
            "\u{80}\u{9F}é",
        ];
        let mut texts: Vec<String> = Vec::new();
        for line in clean {
            texts.push(line.to_owned());
            let once = Codec::SloppyWindows1252.decode(line.as_bytes()).unwrap();
            let twice = Codec::SloppyWindows1252.decode(once.as_bytes()).unwrap();
            // Broken forms: a sequence cut short, ASCII inside one, and
            // bytes that UTF-8's finer rules refuse.
            let mut cut = once.clone();
            cut.pop();
            texts.extend([once.clone(), twice, cut, once.replace('©', "c")]);
        }
        for bytes in [
            &b"\xE0\x80\x80 x"[..],
            b"\xED\xA0\x80 x",
            b"\xF0\x80\x80\x80",
            b"\xF4\x90\x80\x80",
            b"\xC0\xAF",
            b"\xF5\x80\x80\x80",
            b"caf\xC3\xA9 \xE2\x82\xAC",
        ] {
            texts.push(Codec::SloppyWindows1252.decode(bytes).unwrap());
        }
        // Single letters and signs in contexts that put the reading's
        // cost near each of the fast path's bounds: one garbled letter
        // gains little, controls and capitals cost.
        let contexts = [
            "{}",
            "a{}",
            "{}s bru",
            "AB{}c",
            "x\u{1}{}",
            "{}\u{7}yz",
            "ab\u{1}cd {}",
            "{}ab\u{7}\u{7}",
            "ÉCOLE {}",
            "{} 12 $+<",
            "Ab{}Cd",
            "aBcDeF{}",
            "{}{}",
            "{} {} {}",
            "~~~~{}^^^^",
            "{} lorem ipsum dolor sit amet, consectetur adipiscing\tel\u{1}it",
            "{} lorem ipsum dolor sit amet, consectetur adipiscing\tel\u{1} it",
        ];
        for sign in [
            "é", "“", "Ó", "Ć", "©", "²", "·", "€", "ß", "Ω", "Ž", "→", "😀",
        ] {
            for context in contexts {
                let clean = context.replace("{}", sign);
                texts.push(Codec::SloppyWindows1252.decode(clean.as_bytes()).unwrap());
            }
        }
        let mut taken = 0;
        for text in &texts {
            let fast = fast(text);
            taken += usize::from(fast.is_some());
            assert_eq!(fast, naive(text), "{text:?}");
        }
        // Both answers are exercised, not only the refusals.
        assert!(
            taken >= 40 && taken * 2 < texts.len(),
            "{taken} of {}",
            texts.len()
        );
    }
}
