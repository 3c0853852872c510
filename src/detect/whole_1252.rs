//! The fast path for the commonest mojibake: a segment of UTF-8 read whole
//! as windows-1252 (`cafÃ©`). Most garbled lines are one, and taking them
//! here spares the scan of the garble and every detector.

use crate::score::is_alphabetic;
use std::ops::Range;
use std::sync::OnceLock;

use super::{scan, Proposal, Suspicion};
use crate::codec::{sb_tables, single_byte, Codec};
use crate::plan::Step;
use crate::score;

/// Most mojibake is one segment of UTF-8 read whole as windows-1252: if
/// the segment encodes so and decodes as UTF-8 to text as plausible as
/// text gets (no pair of characters odder than real text has, at most
/// [`CLEAN_COST`] a character) and much more than the segment
/// ([`WHOLE_GAIN`], or [`EUROPEAN_GAIN`] for a reading in Latin letters
/// and windows-1252's signs), no other code page can do better and the
/// detectors need not be asked about this layer.
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
    if !first_run_reads(text) {
        return None;
    }
    let read = Reading::of(text)?;
    let gain = if read.european {
        EUROPEAN_GAIN
    } else {
        WHOLE_GAIN
    };
    if read.own > CLEAN_COST * read.chars
        || read.garble < read.own + gain
        || stray_glottal(&read.decoded)
    {
        return None;
    }
    debug_assert!(scan(text).utf8_pairs & (1 << sb_tables::SLOPPY_WINDOWS_1252) != 0);
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

/// Whether `text` has an ʻokina or a glottal stop that no letter follows:
/// from windows-1252, that was a capital and a guillemet after a word
/// (`VOCÊ»`), which the detectors weigh (see `utf8_as_sb`).
fn stray_glottal(text: &str) -> bool {
    // Both are CA BB and CA BC in UTF-8: most texts have no CA at all.
    if !text.as_bytes().contains(&0xCA) {
        return false;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, 'ʻ' | 'ʼ') && !chars.peek().is_some_and(|n| is_alphabetic(*n)) {
            return true;
        }
    }
    false
}

/// See [`whole_as_1252`]: at most this a character, no pair of characters
/// costing more than this (what `25°C`, `m²`, `¡Hola`, `l·l` cost: real
/// text, not the `Ã©` of mojibake), and a gain of at least this.
const CLEAN_COST: i32 = 1;
const CLEAN_PAIR: i32 = 3;
const WHOLE_GAIN: i32 = 8;

/// The gain a reading needs whose characters beyond ASCII are all
/// [`european`]: a word with one garbled letter gains little (`ÃŸ` for
/// `ß`, `Ã“` for `Ó`), and the detectors, asked instead, took that `ß`
/// for ISO-8859-15's `þ`. Of 350,000 random lines (Latin-1 soups, and
/// words with one such letter, garbled or not) the fast path with this
/// bound and the detectors answered alike but for 152 such `ß`; with it
/// for all readings, 5 soups more changed (`ã²¬` into `㲬`).
const EUROPEAN_GAIN: i32 = 4;

/// Letters and signs of the languages windows-1252 serves and its
/// neighbours: Latin-1's upper half and Latin Extended-A, and what
/// windows-1252 adds (quotes, dashes, `€`, `™`, `Œ`, `ƒ`).
fn european(d: char) -> bool {
    matches!(d, '\u{A0}'..='\u{17F}') || (d > '\u{17F}' && encode(d).is_some())
}

/// The byte that sloppy windows-1252 has for `c`, if any.
#[inline]
fn encode(c: char) -> Option<u8> {
    match c {
        // Latin-1's own half, where mojibake's `Ã` and `Â` are: no table.
        '\u{A0}'..='\u{FF}' => Some(c as u8),
        _ => single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c),
    }
}

/// Whether the first run beyond ASCII of `text` encodes as sloppy
/// windows-1252 to valid UTF-8. Clean text fails in its first word beyond
/// ASCII (`café` is `caf` and E9, a lead byte with nothing after it), so
/// this check, which writes and sums nothing, spares it [`Reading::of`].
fn first_run_reads(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(|&b| b >= 0x80) else {
        return false;
    };
    let mut sequence = Sequence::default();
    let mut complete = false;
    for c in text[start..].chars().take_while(|c| !c.is_ascii()) {
        match encode(c).and_then(|b| sequence.push(b)) {
            Some(point) => complete |= point.is_some(),
            None => return false,
        }
    }
    complete && sequence.want == 0
}

/// A UTF-8 sequence being read, a byte at a time, by UTF-8's rules (no
/// overlong form, surrogate or code point past U+10FFFF).
#[derive(Default)]
struct Sequence {
    point: u32,
    /// Continuation bytes it still wants.
    want: u8,
    /// The range the next continuation byte must be in (narrower after
    /// E0, ED, F0 and F4).
    next: (u8, u8),
}

impl Sequence {
    /// Reads byte `b`: `None` if the rules refuse it there, else the code
    /// point if `b` completes one.
    #[inline]
    fn push(&mut self, b: u8) -> Option<Option<u32>> {
        if self.want == 0 {
            let (want, low, high) = match b {
                0xC2..=0xDF => (1, 0x80, 0xBF),
                0xE0 => (2, 0xA0, 0xBF),
                0xED => (2, 0x80, 0x9F),
                0xE1..=0xEF => (2, 0x80, 0xBF),
                0xF0 => (3, 0x90, 0xBF),
                0xF4 => (3, 0x80, 0x8F),
                0xF1..=0xF3 => (3, 0x80, 0xBF),
                _ => return None,
            };
            // The lead's bits: below its first zero bit, after `want` + 1
            // ones.
            let point = u32::from(b & (0x7F >> (want + 1)));
            *self = Sequence {
                point,
                want,
                next: (low, high),
            };
            return Some(None);
        }
        if !(self.next.0..=self.next.1).contains(&b) {
            return None;
        }
        self.point = self.point << 6 | u32::from(b & 0x3F);
        self.want -= 1;
        self.next = (0x80, 0xBF);
        Some((self.want == 0).then_some(self.point))
    }
}

/// A text that encodes as sloppy windows-1252 to valid UTF-8 with a
/// sequence beyond ASCII, decoded, with what the fast path weighs, all
/// found in one pass: the costs of the text and of its reading, and the
/// byte ranges of its runs beyond ASCII (the spans its plan names; ASCII
/// ends every UTF-8 sequence, so each run decodes on its own).
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
    /// Whether every character of the decoded text beyond ASCII is
    /// [`european`].
    european: bool,
}

impl Reading {
    /// `None` if the text does not encode so, or if its reading has a
    /// pair or a break that [`whole_as_1252`] refuses.
    fn of(text: &str) -> Option<Reading> {
        let bytes = text.as_bytes();
        let ascii = score::ascii_classes();
        let mut read = Reading {
            decoded: String::with_capacity(text.len()),
            // Room for the runs of most lines, without counting them.
            spans: Vec::with_capacity(16),
            own: 0,
            garble: 0,
            chars: 0,
            european: true,
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
                if i == start + 2 {
                    let pairs = ascii_pairs();
                    let (mut shared, mut refused) = (0, 0);
                    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii()) {
                        let entry = pairs[usize::from(bytes[i - 1]) << 7 | usize::from(b)];
                        shared += i32::from(entry & COST);
                        refused |= entry;
                        i += 1;
                    }
                    if refused & REFUSED != 0 {
                        return None;
                    }
                    (read.own, read.garble) = (read.own + shared, read.garble + shared);
                    let [a, p] = [bytes[i - 2], bytes[i - 1]].map(|b| ascii[usize::from(b)]);
                    (window, last) = ([Some(a), Some(p)], Some(p));
                }
                read.decoded.push_str(&text[start..i]);
                read.chars += (i - start) as i32;
                continue;
            }
            let start = i;
            let mut sequence = Sequence::default();
            while let Some(&lead) = bytes.get(i).filter(|&&b| b >= 0x80) {
                // Characters beyond the BMP have no byte in any code page.
                if lead >= 0xF0 {
                    return None;
                }
                let (u, len) = super::decode(bytes, i);
                let c = char::from_u32(u)?;
                read.garble += garble_step(&mut last, score::class(c));
                if let Some(point) = sequence.push(encode(c)?)? {
                    let d = char::from_u32(point)?;
                    read.decoded.push(d);
                    read.own += clean_step(&mut window, score::class(d))?;
                    read.chars += 1;
                    read.european &= european(d);
                }
                i += len;
            }
            // ASCII ends a sequence: it must be complete.
            if sequence.want != 0 {
                return None;
            }
            read.spans.push(start..i);
        }
        // A reading with no sequence is the text.
        if read.chars as usize == read.decoded.len() {
            return None;
        }
        Some(read)
    }
}

/// What an ASCII byte adds to the cost of a text after another ASCII byte
/// (neither the first of the text), indexed by the two bytes: its own
/// cost and the pair's ([`COST`]), and [`REFUSED`] if the pair costs more
/// than [`CLEAN_PAIR`]. One lookup a byte where the run was three.
fn ascii_pairs() -> &'static [u8; 128 * 128] {
    static PAIRS: OnceLock<Box<[u8; 128 * 128]>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let class = score::ascii_classes();
        let mut pairs = Box::new([0u8; 128 * 128]);
        for (index, entry) in pairs.iter_mut().enumerate() {
            let (a, b) = (class[index >> 7], class[index & 0x7F]);
            let pair = score::pair_cost(a, b);
            let cost = score::unary_cost(b) + pair;
            // Costs are a few units: the byte holds any with room for the
            // flag (a test checks the whole table against the model).
            *entry = u8::try_from(cost).map_or(COST, |c| c.min(COST))
                | if pair > CLEAN_PAIR { REFUSED } else { 0 };
        }
        pairs
    })
}

/// See [`ascii_pairs`].
const COST: u8 = 0x7F;
const REFUSED: u8 = 0x80;

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
    fn naive(text: &str) -> Option<(String, Vec<Range<usize>>, bool)> {
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
        let european = decoded.chars().filter(|c| !c.is_ascii()).all(|c| {
            ('\u{A0}'..='\u{17F}').contains(&c)
                || (c > '\u{17F}' && Codec::SloppyWindows1252.encode(&c.to_string()).is_ok())
        });
        let gain = if european { EUROPEAN_GAIN } else { WHOLE_GAIN };
        if own > CLEAN_COST * chars || score::text_cost(text) < own + gain {
            return None;
        }
        let flagged = scan(&decoded).any();
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
        Some((decoded, spans, flagged))
    }

    fn fast(text: &str) -> Option<(String, Vec<Range<usize>>, bool)> {
        let (p, suspicion) = whole_as_1252(text)?;
        let Some(Step::Encode {
            spans: Some(spans), ..
        }) = p.steps.first()
        else {
            panic!("the fast path's plan names its spans: {text:?}");
        };
        Some((p.text, spans.clone(), suspicion.any()))
    }

    #[test]
    fn the_shortcut_encodes_as_the_table_does() {
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{10000}']) {
            let table = single_byte::encode_char(sb_tables::SLOPPY_WINDOWS_1252, c);
            assert_eq!(encode(c), table, "{c:?}");
        }
    }

    #[test]
    fn the_pair_table_is_the_model_s() {
        let pairs = ascii_pairs();
        for a in 0..128u8 {
            for b in 0..128u8 {
                let entry = pairs[usize::from(a) << 7 | usize::from(b)];
                let (ka, kb) = (score::class(char::from(a)), score::class(char::from(b)));
                let pair = score::pair_cost(ka, kb);
                assert_eq!(i32::from(entry & COST), score::unary_cost(kb) + pair);
                assert_eq!(entry & REFUSED != 0, pair > CLEAN_PAIR, "{a} {b}");
            }
        }
    }

    #[test]
    fn agrees_with_the_slow_way() {
        let clean = [
            "Le café, l’hôtel et la forêt.",
            // Apostrophes before accented letters spell UTF-8 in Mac Roman
            // (`’é` is D5 8E): the scan flags the reading.
            "Il m’a dit qu’Élodie viendra l’été prochain.",
            "Dell’Ètna all’Úmbria, c’è l’àncora d’òro.",
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
            // The same, after a first run that reads.
            b"caf\xC3\xA9 \xE0\x80\x80 x",
            b"caf\xC3\xA9 \xED\xA0\x80 x",
            b"caf\xC3\xA9 \xF0\x80\x80\x80",
            b"caf\xC3\xA9 \xF4\x90\x80\x80",
            b"caf\xC3\xA9 \xC0\xAF",
            b"caf\xC3\xA9 \xC3",
            b"caf\xC3\xA9 \xC3\xA9\xA9",
            // Overlong forms of `é` (three and four bytes), which cost
            // nothing once read.
            b"caf\xC3\xA9 et caf\xE0\x83\xA9, lorem ipsum dolor sit amet",
            b"caf\xC3\xA9 et caf\xF0\x80\x83\xA9, lorem ipsum dolor sit amet",
            b"caf\xC3\xA9 et caf\xC3\xA9, lorem ipsum dolor sit amet",
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
        let (mut taken, mut flagged) = (0, 0);
        for text in &texts {
            let fast = fast(text);
            taken += usize::from(fast.is_some());
            flagged += usize::from(fast.as_ref().is_some_and(|f| f.2));
            assert_eq!(fast, naive(text), "{text:?}");
        }
        // Layers with something under them (the scan flags the reading)
        // are taken too.
        assert!(flagged >= 4, "{flagged}");
        // Both answers are exercised, not only the refusals.
        assert!(
            taken >= 40 && taken * 2 < texts.len(),
            "{taken} of {}",
            texts.len()
        );
    }
}
