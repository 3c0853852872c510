//! Input in no single Unicode encoding form, decoded line by line: valid
//! UTF-8 lines as UTF-8, the others with whichever legacy code page reads
//! them most plausibly, leaning towards the code page that won the file's
//! other lines.

use std::ops::Range;

use super::fit::fit_cost;
use super::{cost, unicode, Decoding, LineDecoding};
use crate::codec::{single_byte, Codec, Kind};

/// The legacy code pages tried on a line that is not UTF-8, in the order
/// that breaks ties between equally plausible decodings:
/// - Western first (the commonest legacy text), then the other code pages
///   of cased scripts, whose readings of foreign bytes pay for case flips.
/// - EUC-KR before GBK and Big5: Korean read as either is made of common
///   ideographs (Hangul syllables sit where GB2312 and Big5 keep their
///   most frequent characters), while Chinese read as EUC-KR mixes Hangul
///   and Hanja, which the model penalises.
/// - GBK before EUC-JP: Chinese read as EUC-JP is kanji without kana, and
///   Japanese read as GBK has kana, which `fit.rs` penalises.
/// - Hebrew, Arabic and Thai last: uncased scripts in which nearly every
///   byte above 0x80 is a letter, so that they read any bytes plausibly.
pub(super) const CANDIDATES: [Codec; 16] = [
    Codec::Windows1252,
    Codec::Windows1251,
    Codec::Windows1250,
    Codec::Iso8859_2,
    Codec::Windows1254,
    Codec::Koi8R,
    Codec::Windows1253,
    Codec::EucKr,
    Codec::Gbk,
    Codec::Gb18030,
    Codec::Big5,
    Codec::ShiftJis,
    Codec::EucJp,
    Codec::Windows1255,
    Codec::Windows1256,
    Codec::Windows874,
];

/// What a lossy decoding pays for each byte it could not decode, on top
/// of the model's cost of the U+FFFD. Set so that a line in a legacy code
/// page is not taken for damaged UTF-8: its reading as UTF-8 loses every
/// byte beyond ASCII.
const LOSSY_BYTE: i32 = 6;
/// How much costlier than the line's own best decoding the file's
/// prevailing code page may be and still be chosen: a base, plus this much
/// for each byte beyond ASCII in the line (the costs of two readings of
/// the same bytes differ in proportion to those bytes). A file is almost
/// always in one legacy code page, and a short line alone is weak evidence
/// (`Äà` is as plausible as `Да`), while a line in another code page
/// read with the prevailing one typically costs 3 or more per byte extra
/// (`Ïðèâåò` for `Привет`).
const MAJORITY_BASE: i64 = 6;
const MAJORITY_PER_BYTE: i64 = 2;

/// One decoding of a line under comparison.
#[derive(Clone, Copy)]
struct Scored {
    decoding: Decoding,
    cost: i64,
    undecodable: usize,
}

/// A line that is not UTF-8, with its candidates and the best of them.
struct Legacy {
    candidates: Vec<Scored>,
    best: usize,
}

/// Each line of the input in order: valid UTF-8 (`None`) or not.
type Lines = Vec<(Range<usize>, Option<Legacy>)>;

/// Decodes `bytes` line by line, appending the text to `out` and a record
/// of each line's decoding to `record`.
pub(super) fn decode(bytes: &[u8], out: &mut String, record: &mut Vec<LineDecoding>) {
    let lines = score_lines(bytes);
    let wins = tally(&lines);
    for (range, legacy) in lines {
        let line = &bytes[range.clone()];
        let start = out.len();
        let (decoding, undecodable) = match legacy {
            None => {
                // Valid UTF-8, checked when the lines were scored.
                let (text, _) = unicode::utf8_lossy(line);
                out.push_str(&text);
                (Decoding::Utf8, 0)
            }
            Some(legacy) => {
                let chosen = choose(&legacy, &wins, line);
                let undecodable = decode_into(line, chosen.decoding, out);
                (chosen.decoding, undecodable)
            }
        };
        super::push_record(record, range, start..out.len(), decoding, undecodable);
    }
}

/// The lines of `bytes` (each with its `\n`), each line that is not UTF-8
/// scored under every candidate.
fn score_lines(bytes: &[u8]) -> Lines {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let range = start..start + line.len();
        start = range.end;
        let legacy = match std::str::from_utf8(line) {
            Ok(_) => None,
            Err(_) => Some(score_line(line)),
        };
        lines.push((range, legacy));
    }
    lines
}

/// Scores every decoding of one line that is not UTF-8: the candidates
/// that decode it strictly, or, when none does, all of them lossily; and
/// UTF-8 itself, lossily, for a UTF-8 line with a damaged byte.
///
/// A strict decoding is a lossy one that lost nothing, so each candidate
/// decodes the line once.
fn score_line(line: &[u8]) -> Legacy {
    let mut text = String::with_capacity(line.len() * 3);
    let mut candidates: Vec<Scored> = Vec::with_capacity(CANDIDATES.len() + 1);
    for pass in 0..2 {
        for &codec in &CANDIDATES {
            text.clear();
            let bad = decode_lossy(line, codec, &mut text);
            if bad == 0 || pass == 1 {
                candidates.push(scored(Decoding::Codec(codec), &text, Some(codec), bad));
            }
        }
        if !candidates.is_empty() {
            break;
        }
    }
    let (utf8, bad) = unicode::utf8_lossy(line);
    candidates.push(scored(Decoding::Utf8, &utf8, None, bad));
    let best = best_of(&candidates);
    Legacy { candidates, best }
}

fn scored(decoding: Decoding, text: &str, codec: Option<Codec>, bad: usize) -> Scored {
    let bad_cost = i64::try_from(bad)
        .unwrap_or(i64::MAX)
        .saturating_mul(i64::from(LOSSY_BYTE));
    Scored {
        decoding,
        cost: cost(text)
            .saturating_add(i64::from(fit_cost(text, codec)))
            .saturating_add(bad_cost),
        undecodable: bad,
    }
}

/// The index of the cheapest candidate; the first of equals.
fn best_of(candidates: &[Scored]) -> usize {
    let mut best = 0;
    for (i, c) in candidates.iter().enumerate() {
        if c.cost < candidates[best].cost {
            best = i;
        }
    }
    best
}

/// How many lines each candidate code page won outright, by index into
/// [`CANDIDATES`]. Only clean wins count: a lossy decoding says little
/// about the file's code page.
fn tally(lines: &Lines) -> [usize; CANDIDATES.len()] {
    let mut wins = [0; CANDIDATES.len()];
    for legacy in lines.iter().filter_map(|(_, l)| l.as_ref()) {
        let best = legacy.candidates[legacy.best];
        if let (Decoding::Codec(codec), 0) = (best.decoding, best.undecodable) {
            if let Some(i) = CANDIDATES.iter().position(|&c| c == codec) {
                wins[i] += 1;
            }
        }
    }
    wins
}

/// The decoding of a line: its own best, unless the code page that won
/// most of the file's other lines reads it strictly and nearly as well.
fn choose(legacy: &Legacy, wins: &[usize; CANDIDATES.len()], line: &[u8]) -> Scored {
    let best = legacy.candidates[legacy.best];
    let own = CANDIDATES
        .iter()
        .position(|&c| Decoding::Codec(c) == best.decoding && best.undecodable == 0);
    // The prevailing code page among the *other* lines: the earliest of
    // equals, and only if it won more of them than the line's own choice.
    let others = |i: usize| wins[i] - usize::from(own == Some(i));
    let mut prevailing: Option<(usize, usize)> = None;
    for i in 0..CANDIDATES.len() {
        let count = others(i);
        if count > 0 && prevailing.is_none_or(|(_, most)| count > most) {
            prevailing = Some((i, count));
        }
    }
    let Some((i, count)) = prevailing else {
        return best;
    };
    if own.is_some_and(|own| others(own) >= count) {
        return best;
    }
    let beyond_ascii = line.iter().filter(|b| !b.is_ascii()).count();
    let margin = i64::try_from(beyond_ascii)
        .unwrap_or(i64::MAX)
        .saturating_mul(MAJORITY_PER_BYTE)
        .saturating_add(MAJORITY_BASE);
    legacy
        .candidates
        .iter()
        .find(|c| c.decoding == Decoding::Codec(CANDIDATES[i]) && c.undecodable == 0)
        .filter(|c| c.cost <= best.cost.saturating_add(margin))
        .copied()
        .unwrap_or(best)
}

/// Appends the decoding of `line` to `out`, returning the number of bytes
/// that became U+FFFD.
fn decode_into(line: &[u8], decoding: Decoding, out: &mut String) -> usize {
    match decoding {
        Decoding::Codec(codec) => decode_lossy(line, codec, out),
        _ => {
            let (text, bad) = unicode::utf8_lossy(line);
            out.push_str(&text);
            bad
        }
    }
}

/// Appends `bytes` decoded with `codec` to `out`, each byte sequence it
/// does not define becoming U+FFFD (as the WHATWG decoders do); returns
/// the number of bytes so replaced.
pub(super) fn decode_lossy(bytes: &[u8], codec: Codec, out: &mut String) -> usize {
    match codec.kind() {
        Kind::SingleByte(id) => {
            let mut bad = 0;
            out.extend(bytes.iter().map(|&b| {
                single_byte::decode_byte(id, b).unwrap_or_else(|| {
                    bad += 1;
                    '\u{FFFD}'
                })
            }));
            bad
        }
        Kind::Multi(encoding) => {
            // Through a small buffer: each call into `encoding_rs` costs
            // in proportion to the buffer's size, and malformed input
            // makes one call per malformed sequence.
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let mut buffer = "\0".repeat(1024);
            let chunk = buffer.as_mut_str();
            let mut rest = bytes;
            let mut bad = 0;
            loop {
                let (result, read, written) =
                    decoder.decode_to_str_without_replacement(rest, chunk, true);
                out.push_str(chunk.get(..written).unwrap_or_default());
                rest = rest.get(read..).unwrap_or_default();
                match result {
                    encoding_rs::DecoderResult::InputEmpty => return bad,
                    encoding_rs::DecoderResult::Malformed(len, _) => {
                        bad += usize::from(len);
                        out.push('\u{FFFD}');
                    }
                    encoding_rs::DecoderResult::OutputFull => {}
                }
            }
        }
        Kind::Utf8 | Kind::Utf8Variants => {
            let (text, bad) = unicode::utf8_lossy(bytes);
            out.push_str(&text);
            bad
        }
    }
}
