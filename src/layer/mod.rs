//! One layer of repair: encode with the wrong codec, repair the bytes,
//! decode with the intended codec. Detectors build their output through
//! this module and `apply_plan` replays through it, so a plan replays to
//! exactly what the repair produced.

use std::ops::Range;

use crate::codec::{single_byte, Codec, Kind};
use crate::error::{Error, ErrorKind};
use crate::plan::ByteRepair;

mod fill;

use fill::{fill_dropped, fill_undefined, Around};
pub(crate) use fill::{restore_dropped, undefined_bytes};

/// The byte that stands for a lost byte (U+FFFD in the text) while a layer is in bytes.
pub(crate) const LOST: u8 = 0x1A;

/// A layer's codecs and repairs.
pub(crate) struct Spec<'a> {
    pub(crate) encode: Codec,
    pub(crate) repairs: &'a [ByteRepair],
    pub(crate) decode: Codec,
}

/// Applies a layer to `text`, or to the given byte spans of it.
pub(crate) fn apply(
    spec: &Spec<'_>,
    text: &str,
    spans: Option<&[Range<usize>]>,
) -> Result<String, String> {
    let Some(spans) = spans else {
        return convert(spec, text).map_err(|e| e.to_string());
    };
    let mut out = String::with_capacity(text.len());
    // Where each span's piece stands in `out`, and whether it lost bytes
    // that the text around may help fill.
    let mut placed: Vec<(Range<usize>, bool)> = Vec::with_capacity(spans.len());
    let mut done = 0;
    for span in spans {
        if span.start < done || span.end > text.len() || span.start >= span.end {
            return Err(format!(
                "span {}..{} is outside the text, empty, or out of order",
                span.start, span.end
            ));
        }
        let piece = text.get(span.clone()).ok_or_else(|| {
            format!(
                "span {}..{} does not fall on character boundaries",
                span.start, span.end
            )
        })?;
        out.push_str(&text[done..span.start]);
        let fixed = convert(spec, piece)
            .map_err(|e| format!("in span {}..{}: {e}", span.start, span.end))?;
        let start = out.len();
        out.push_str(&fixed);
        placed.push((start..out.len(), fills_in_context(spec, piece, &fixed)));
        done = span.end;
    }
    out.push_str(&text[done..]);
    if placed.iter().any(|(_, again)| *again) {
        out = refill(spec, text, spans, &out, &placed)?;
    }
    Ok(out)
}

/// Whether a span's piece, converted alone, may have filled a lost byte
/// that the text around it may decide otherwise: a lost character of a
/// UTF-8 decoding, whose word and language go on outside the span
/// (`Å\u{FFFD}` before `odzi`), whether the piece alone left it lost or
/// filled it (the Arabic around may write its vowel marks, which a lost
/// byte may be), or the first of a multi-byte codec's
/// piece, which may follow a digit (`20` before `％`).
fn fills_in_context(spec: &Spec<'_>, piece: &str, fixed: &str) -> bool {
    let fills = spec.repairs.contains(&ByteRepair::FillUndefined);
    match spec.decode.kind() {
        // A dropped byte left unfilled leaves no mark: its lead byte stays
        // what it was read as.
        _ if matches!(spec.decode, Codec::Utf8 | Codec::Utf8Variants) => {
            spec.repairs.contains(&ByteRepair::FillDropped)
                || (fills && (fixed.contains('\u{FFFD}') || piece.contains('\u{FFFD}')))
        }
        Kind::Multi(_) => fills && piece.contains('\u{FFFD}'),
        _ => false,
    }
}

/// The spans converted again where [`fills_in_context`] says, each with
/// the text around it as the first conversion left it (`draft`, laid out
/// as `placed` says): before it, what this pass has made so far.
fn refill(
    spec: &Spec<'_>,
    text: &str,
    spans: &[Range<usize>],
    draft: &str,
    placed: &[(Range<usize>, bool)],
) -> Result<String, String> {
    let mut out = String::with_capacity(draft.len());
    let mut done = 0;
    for (span, (at, again)) in spans.iter().zip(placed) {
        out.push_str(&text[done..span.start]);
        if *again {
            // The line only, its break included: the repair works on lines
            // (see `repair::pieces`), and the replay of a plan must see
            // what the repair saw. (A line over 4,096 bytes is repaired in
            // pieces cut at whitespace, and a fill near a cut may read
            // across it here where the repair could not.)
            let line_start = out.rfind('\n').map_or(0, |i| i + 1);
            let rest = &draft[at.end..];
            let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let around = Around {
                before: &out[line_start..],
                after: &rest[..line_end],
            };
            let fixed = convert_around(spec, &text[span.clone()], around)
                .map_err(|e| format!("in span {}..{}: {e}", span.start, span.end))?;
            out.push_str(&fixed);
        } else {
            out.push_str(&draft[at.clone()]);
        }
        done = span.end;
    }
    out.push_str(&text[done..]);
    Ok(out)
}

/// Converts one piece of text through the layer. The error is formatted
/// only where a replay fails, not where a detector tries a candidate.
pub(crate) fn convert(spec: &Spec<'_>, piece: &str) -> Result<String, Error> {
    convert_around(spec, piece, Around::default())
}

/// [`convert`], with the text around the piece for its fills to weigh.
fn convert_around(spec: &Spec<'_>, piece: &str, around: Around<'_>) -> Result<String, Error> {
    let mut bytes = encode(spec.encode, piece)?;
    for repair in spec.repairs {
        match repair {
            ByteRepair::RestoreA0 => restore_a0(&mut bytes),
            ByteRepair::CompleteA0 => complete_a0(&mut bytes),
            ByteRepair::MarkLost => bytes = mark_lost(&bytes),
            ByteRepair::ResyncLost => bytes = resync_lost(&bytes),
            ByteRepair::FillUndefined => {
                fill_undefined(&mut bytes, spec.encode, spec.decode, around)
            }
            ByteRepair::FillDropped => bytes = fill_dropped(&bytes, spec.encode, around),
            ByteRepair::RestoreLost => {
                bytes = restore_lost(&bytes, spec.encode).unwrap_or_else(|| resync_lost(&bytes))
            }
            ByteRepair::NecSelected => nec_selected(&mut bytes, spec.encode),
            ByteRepair::CpythonBig5 => cpython_big5(&mut bytes, spec.encode),
        }
    }
    if spec.repairs.contains(&ByteRepair::FillUndefined) && bytes.contains(&LOST) {
        return decode_with_losses(spec.decode, &bytes);
    }
    spec.decode.decode(&bytes)
}

/// Whether the losses of `piece` under a layer with
/// [`ByteRepair::RestoreLost`] are one byte each in valid UTF-8, so that
/// the repair restores them rather than falling back to
/// [`ByteRepair::ResyncLost`].
pub(crate) fn losses_one_by_one(spec: &Spec<'_>, piece: &str) -> bool {
    let Ok(mut bytes) = encode(spec.encode, piece) else {
        return false;
    };
    if spec.repairs.contains(&ByteRepair::NecSelected) {
        nec_selected(&mut bytes, spec.encode);
    }
    lost_sequences(&bytes, spec.encode).is_some()
}

/// See [`ByteRepair::NecSelected`]: Shift_JIS's bytes walked pair by
/// pair, and only those.
fn nec_selected(bytes: &mut [u8], encode: Codec) {
    if encode != Codec::ShiftJis {
        return;
    }
    let mut i = 0;
    while i + 1 < bytes.len() {
        if matches!(bytes[i], 0x81..=0x9F | 0xE0..=0xFC) {
            if let Some(twin) = crate::codec::shift_jis_nec_twin([bytes[i], bytes[i + 1]]) {
                bytes[i..i + 2].copy_from_slice(&twin);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// See [`ByteRepair::CpythonBig5`]: Big5's bytes walked pair by pair (a lead
/// byte and the byte after it), and only those.
fn cpython_big5(bytes: &mut [u8], encode: Codec) {
    if encode != Codec::Big5 {
        return;
    }
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] >= 0x81 {
            if let Some(twin) = crate::codec::big5_cpython_twin([bytes[i], bytes[i + 1]]) {
                bytes[i..i + 2].copy_from_slice(&twin);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Encodes with U+FFFD as [`LOST`], failing at the first unmappable char.
fn encode(codec: Codec, piece: &str) -> Result<Vec<u8>, Error> {
    if let Kind::SingleByte(id) = codec.kind() {
        let mut out = Vec::with_capacity(piece.len());
        for (pos, c) in piece.char_indices() {
            match c {
                '\u{FFFD}' => out.push(LOST),
                _ => out.push(single_byte::encode_char(id, c).ok_or_else(|| {
                    Error::new(ErrorKind::Encode {
                        codec,
                        position: pos,
                        found: c,
                    })
                })?),
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(piece.len() * 2);
    for (i, part) in piece.split('\u{FFFD}').enumerate() {
        if i > 0 {
            out.push(LOST);
        }
        out.extend(codec.encode(part)?);
    }
    Ok(out)
}

/// Decodes `bytes` in which [`LOST`] stands for a byte that could not be
/// restored: each becomes one U+FFFD, and in a multi-byte codec takes the
/// rest of its character with it (the byte after it, if the bytes before
/// it decode whole and it was a first byte; the one before it, if that
/// was a first byte left waiting).
fn decode_with_losses(codec: Codec, bytes: &[u8]) -> Result<String, Error> {
    let multi = matches!(codec.kind(), Kind::Multi(_));
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut start = 0;
    while let Some(at) = bytes[start..].iter().position(|&b| b == LOST) {
        let p = start + at;
        let mut next = p + 1;
        let piece = match codec.decode(&bytes[start..p]) {
            Ok(piece) => {
                if multi && bytes.get(p + 1).is_some_and(|&b| b >= 0x40 && b != LOST) {
                    next = p + 2;
                }
                piece
            }
            Err(_) if multi && p > start => codec.decode(&bytes[start..p - 1])?,
            Err(e) => return Err(e),
        };
        out.push_str(&piece);
        out.push('\u{FFFD}');
        start = next.min(bytes.len());
    }
    out.push_str(&codec.decode(&bytes[start..])?);
    Ok(out)
}

/// Length of the UTF-8 sequence a lead byte starts (0 if it is not a lead).
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0 | 0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

fn is_cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

fn restore_a0(bytes: &mut [u8]) {
    for i in 0..bytes.len() {
        let n = utf8_len(bytes[i]);
        for k in i + 1..(i + n).min(bytes.len()) {
            match bytes[k] {
                0x20 => bytes[k] = 0xA0,
                // A lost byte (or its `?`) holds a place in the sequence as
                // a continuation byte does: the detectors read one sequence
                // that way, with a space after the loss.
                b if is_cont(b) || b == LOST || b == b'?' => {}
                _ => break,
            }
        }
    }
}

fn complete_a0(bytes: &mut Vec<u8>) {
    if let Some(i) = bytes.iter().rposition(|&b| b >= 0xC0) {
        let n = utf8_len(bytes[i]);
        if n > 1 && bytes.len() - i == n - 1 && bytes[i + 1..].iter().all(|&b| is_cont(b)) {
            bytes.push(0xA0);
        }
    }
}

fn mark_lost(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == LOST {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += 1;
            continue;
        }
        let n = utf8_len(b);
        if n > 1 && i + n <= bytes.len() {
            let tail = &bytes[i + 1..i + n];
            let lost = |b: u8| b == LOST || b == b'?';
            if tail.iter().all(|&t| is_cont(t) || lost(t)) && tail.iter().any(|&t| lost(t)) {
                out.extend_from_slice("\u{FFFD}".as_bytes());
                i += n;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// See [`ByteRepair::RestoreLost`]: the bytes with each loss restored or
/// its sequence made one U+FFFD, or `None` if the losses cannot be one byte
/// each in valid UTF-8. `wrong` is the codec that lost them.
fn restore_lost(bytes: &[u8], wrong: Codec) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    // Losses whose choice waits for the text around them: where their
    // U+FFFD stands in `out`, and the ideographs their byte may restore.
    let mut open: Vec<(usize, Vec<char>)> = Vec::new();
    for (start, len) in lost_sequences(bytes, wrong)? {
        let seq = &bytes[start..start + len];
        if len == 1 {
            out.push(seq[0]);
            continue;
        }
        let mut lost = (0..len).filter(|&k| seq[k] == LOST);
        match (lost.next(), lost.next()) {
            (None, _) => out.extend_from_slice(seq),
            (Some(k), None) => {
                let candidates = restorations(bytes, start, len, k, wrong);
                // A byte after the loss is what narrows its candidates: at
                // the end, or before another loss, any byte fits, and the
                // frequent one is a guess.
                let bounded = bytes.get(start + k + 1).is_some_and(|&b| b != LOST);
                let hangul = match bounded && wrong == Codec::EucKr {
                    true => one_common_hangul(&candidates),
                    false => None,
                };
                match (&candidates[..], hangul) {
                    (&[only], _) if cjk(only) => {
                        out.extend_from_slice(only.encode_utf8(&mut [0; 4]).as_bytes())
                    }
                    (_, Some(c)) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    _ => {
                        if bounded && candidates.iter().all(|&c| ideograph(c)) {
                            open.push((out.len(), candidates));
                        }
                        out.extend_from_slice(REPLACEMENT);
                    }
                }
            }
            // Two losses in one character: it is gone.
            (Some(_), Some(_)) => out.extend_from_slice(REPLACEMENT),
        }
    }
    if !open.is_empty() {
        let standard = standard_of(std::str::from_utf8(&out).ok()?);
        for (at, candidates) in open {
            if let Some(c) = clearly_best(standard, &candidates) {
                // An ideograph of U+4E00-U+9FFF takes three bytes, as the
                // U+FFFD in its place does.
                c.encode_utf8(&mut out[at..at + 3]);
            }
        }
    }
    Some(out)
}

/// The one ideograph of `candidates` that a writer is clearly likelier to
/// have used than the others, if there is one: the only one in the
/// frequent set of the national standard the text was written to, or
/// else (also where the text does not say which standard) the only one
/// in common use in its language (the thousand most frequent in Mandarin
/// and the like, for Chinese; see [`Codec::ideograph_use`]). Common
/// characters make up most of any text, so the lost one is mostly the
/// common one; where two are common, or none, the loss stays U+FFFD.
fn clearly_best(standard: Option<Codec>, candidates: &[char]) -> Option<char> {
    let of = || candidates.iter().copied();
    standard
        .and_then(|s| only_one(of().filter(|&c| s.frequent_ideograph(c))))
        .or_else(|| {
            // Without kana, the Chinese measure: Chinese text has no other
            // mark.
            let language = standard.unwrap_or(Codec::Gbk);
            only_one(of().filter(|&c| language.ideograph_use(c) == Some(0)))
        })
}

/// The item of `items` if there is exactly one.
fn only_one<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    match (items.next(), items.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}

/// The characters that the sequence `bytes[start..start + len]`, whose
/// byte `k` alone is lost, may have been: those whose byte there the
/// wrong decoder could not have read.
fn restorations(bytes: &[u8], start: usize, len: usize, k: usize, wrong: Codec) -> Vec<char> {
    let after = bytes.get(start + k + 1).copied();
    let mut trial = bytes[start..start + len].to_vec();
    (0x80..=0xFF)
        .filter_map(|x| {
            trial[k] = x;
            let c = std::str::from_utf8(&trial).ok()?.chars().next()?;
            unreadable(wrong, x, after).then_some(c)
        })
        .collect()
}

/// The bytes cut into ASCII bytes and UTF-8 sequences, each loss one byte
/// of a sequence, as (start, length); `None` if they cannot be. Where runs
/// of losses leave the cut open (six losses before a lead byte are two
/// lost characters of three bytes, or three of two), the cut with the
/// fewest sequences of other lengths than three is taken: a CJK codec's
/// reader loses whole characters where the text is CJK, whose characters
/// take three.
fn lost_sequences(bytes: &[u8], wrong: Codec) -> Option<Vec<(usize, usize)>> {
    let n = bytes.len();
    // For each prefix: the fewest sequences of other lengths in a cut of
    // it, and the length of its last piece.
    let mut best: Vec<Option<(u32, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((cost, _)) = best[i] else { continue };
        let b = bytes[i];
        if b < 0x80 && b != LOST {
            relax(&mut best[i + 1], cost, 1);
            continue;
        }
        for len in 2..=4 {
            let Some(seq) = bytes.get(i..i + len) else {
                break;
            };
            if b != LOST && utf8_len(b) != len {
                continue;
            }
            if !seq[1..].iter().all(|&c| is_cont(c) || c == LOST) {
                break;
            }
            let losses: Vec<usize> = (0..len).filter(|&k| seq[k] == LOST).collect();
            let fits = match losses[..] {
                [] => std::str::from_utf8(seq).is_ok(),
                [k] => !restorations(bytes, i, len, k, wrong).is_empty(),
                _ => true,
            };
            if fits {
                relax(&mut best[i + len], cost + u32::from(len != 3), len);
            }
        }
    }
    let mut cut = Vec::new();
    let mut at = n;
    while at > 0 {
        let (_, len) = best[at]?;
        at -= len;
        cut.push((at, len));
    }
    cut.reverse();
    Some(cut)
}

/// Keeps the cheaper of a prefix's cuts (the first found, on a tie).
fn relax(slot: &mut Option<(u32, usize)>, cost: u32, len: usize) {
    if slot.is_none_or(|(c, _)| cost < c) {
        *slot = Some((cost, len));
    }
}

/// The one Hangul syllable among `candidates` that KS X 1001 has (the
/// 2,350 the model's class table counts as common, which Korean text
/// mostly keeps to), if there is exactly one: where a Korean codec lost
/// the lead byte of a syllable, the bytes that survive fit one syllable
/// of each lead, four thousand code points apart, and most often one of
/// them is common.
fn one_common_hangul(candidates: &[char]) -> Option<char> {
    only_one(
        candidates
            .iter()
            .copied()
            .filter(|&c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
            .filter(|&c| crate::score::class(c) == crate::score::classes::HANGUL),
    )
}

fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A character of the CJK scripts and their punctuation, which UTF-8 read
/// as a CJK codec mostly is: a restoration to anything else (`ɨ二` for
/// `在二`, where a decoder lost two bytes at once and a byte stood in) is
/// a coincidence of the bytes.
fn cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// The national standard whose frequent ideographs the writer of `text`
/// used, if the text says: JIS X 0208's if it has kana; Big5's if it has
/// ideographs that only Big5 of the two Chinese standards has (traditional
/// forms, `們`) and none that only GB2312 has (simplified ones, `们`);
/// GB2312's the other way round.
fn standard_of(text: &str) -> Option<Codec> {
    // A character of the standard's ideograph rows; GB2312's second bytes
    // are A1-FE (GBK puts traditional forms in those rows too, with second
    // bytes 40-A0).
    let has = |codec: Codec, c: char, rows: std::ops::RangeInclusive<u8>, trail: u8| {
        codec
            .encode(c.encode_utf8(&mut [0; 4]))
            .is_ok_and(|b| b.len() == 2 && rows.contains(&b[0]) && b[1] >= trail)
    };
    let (mut traditional, mut simplified) = (false, false);
    for c in text.chars() {
        if ('\u{3041}'..='\u{30FF}').contains(&c) {
            return Some(Codec::ShiftJis);
        }
        if ideograph(c) {
            let gb2312 = has(Codec::Gbk, c, 0xB0..=0xF7, 0xA1);
            let big5 = has(Codec::Big5, c, 0xA4..=0xF9, 0x40);
            traditional |= big5 && !gb2312;
            simplified |= gb2312 && !big5;
        }
    }
    match (traditional, simplified) {
        (true, false) => Some(Codec::Big5),
        (false, true) => Some(Codec::Gbk),
        _ => None,
    }
}

/// Whether the wrong decoder, at a character boundary, could not have read
/// byte `x` followed by `after` (`None` at the end, or if that byte is lost
/// too): it reads `x` as a character of its standard's own set, alone or
/// with the byte after it, only as given below; anything else (a byte no
/// character starts with, a pair its table lacks or maps to private use,
/// a vendor extension that CPython's codecs lack) it may have lost.
fn unreadable(wrong: Codec, x: u8, after: Option<u8>) -> bool {
    // Half-width katakana are single bytes that every Shift_JIS decoder
    // reads.
    if wrong == Codec::ShiftJis && (0xA1..=0xDF).contains(&x) {
        return false;
    }
    let Some(n) = after.filter(|&n| n != LOST) else {
        return true;
    };
    let in_ranges = match wrong {
        // Not the symbol rows (A1-A9) nor the last row (FE), where
        // GB18030, GBK and GB2312 fill different places, nor row A2's
        // unassigned places (A2E3 is `€` in GB18030 only).
        Codec::Gbk | Codec::Gb18030 => {
            matches!(x, 0x81..=0xA0 | 0xAA..=0xFD) && matches!(n, 0x40..=0x7E | 0x80..=0xFE)
        }
        Codec::Big5 => (0xA1..=0xF9).contains(&x) && matches!(n, 0x40..=0x7E | 0xA1..=0xFE),
        // JIS X 0208's rows, without NEC's row 13 (lead 87).
        Codec::ShiftJis => {
            matches!(x, 0x81..=0x86 | 0x88..=0x9F | 0xE0..=0xEA)
                && matches!(n, 0x40..=0x7E | 0x80..=0xFC)
        }
        Codec::EucJp => {
            ((0xA1..=0xFE).contains(&x) && (0xA1..=0xFE).contains(&n))
                || (x == 0x8E && (0xA1..=0xDF).contains(&n))
        }
        Codec::EucKr => (0xA1..=0xFE).contains(&x) && (0xA1..=0xFE).contains(&n),
        _ => return true,
    };
    let read = in_ranges
        && wrong.decode(&[x, n]).is_ok_and(|s| {
            let mut chars = s.chars();
            matches!((chars.next(), chars.next()), (Some(c), None)
                if c != '\u{FFFD}' && !('\u{E000}'..='\u{F8FF}').contains(&c))
        });
    !read
}

/// See [`ByteRepair::ResyncLost`]. Bytes that are neither lost nor cut by a
/// loss are left as they are, so that the strict decoder after this still
/// rejects what is not UTF-8.
fn resync_lost(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    let lost = |b: u8| b == LOST;
    // The continuation bytes a loss strands: three at most (the rest of a
    // 4-byte sequence); any more are left for the strict decoder to reject.
    let conts_from = |mut j: usize| {
        let start = j;
        while j < bytes.len() && j - start < 3 && is_cont(bytes[j]) {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A `?` before a continuation byte or another loss is a loss too
        // (a decoder's mark for bytes it could not read), not a question
        // mark: no UTF-8 text has a continuation byte after one.
        let marked = b == b'?'
            && bytes
                .get(i + 1)
                .is_some_and(|&n| is_cont(n) || lost(n) || n == b'?');
        if lost(b) || marked {
            // A loss at a character boundary: the lost bytes began a
            // character, whose stranded continuation bytes follow.
            let mut j = i + 1;
            while j < bytes.len() && (lost(bytes[j]) || (marked && bytes[j] == b'?')) {
                j += 1;
            }
            out.extend_from_slice(REPLACEMENT);
            i = conts_from(j);
            continue;
        }
        let n = utf8_len(b);
        if n < 2 {
            out.push(b);
            i += 1;
            continue;
        }
        let have_end = conts_from(i + 1).min(i + n);
        if have_end == i + n {
            out.extend_from_slice(&bytes[i..i + n]);
            i += n;
            continue;
        }
        match bytes.get(have_end) {
            Some(&c) if lost(c) || c == b'?' => {
                // Cut by a loss: this character is gone. Continuation bytes
                // after the loss finish it if it still wanted more of them;
                // as many as it wanted or more mean the loss also took the
                // lead of the next character.
                let missing = i + n - have_end;
                let mut j = have_end + 1;
                while j < bytes.len() && lost(bytes[j]) {
                    j += 1;
                }
                let end = conts_from(j);
                out.extend_from_slice(REPLACEMENT);
                if end - j >= missing {
                    out.extend_from_slice(REPLACEMENT);
                }
                i = end;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// UTF-8 Greek read by a strict ISO-8859-7 decoder, which leaves
    /// 0xAE undefined: the second byte of `ή` is its only candidate.
    #[test]
    fn fill_undefined_knows_its_code_page() {
        let garbled = "\u{39E}\u{97} \u{39E}\u{386}\u{39F}\u{89}\u{39E}\u{FFFD}";
        assert_eq!(crate::fix_mojibake(garbled), "Η ζωή");
        assert_eq!(
            super::undefined_bytes(Codec::Iso8859_7),
            vec![0xAE, 0xD2, 0xFF]
        );
        assert!(super::undefined_bytes(Codec::Latin1).is_empty());
        // CPython's cp1253 leaves its C1 stand-ins undefined too.
        assert_eq!(
            super::undefined_bytes(Codec::SloppyWindows1253),
            vec![
                0x81, 0x88, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x98, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F,
                0xAA, 0xD2, 0xFF
            ]
        );
        // Windows-1251 defines every byte but 98, which the WHATWG table
        // reads as its C1 control: each loss is that byte.
        assert_eq!(super::undefined_bytes(Codec::SloppyWindows1251), vec![0x98]);
        assert_eq!(
            crate::fix_mojibake("Р\u{FFFD}РІР°РЅРѕРІ РџС‘С‚СЂ"),
            "Иванов Пётр"
        );
        // Windows-1250 has five, among which a language's alphabet may
        // choose (`Á` in Hungarian), or not (`Ř`, `Ł`, `Ń` in Czech and
        // Polish stay lost).
        assert_eq!(
            super::undefined_bytes(Codec::SloppyWindows1250),
            vec![0x81, 0x83, 0x88, 0x90, 0x98]
        );
        assert_eq!(
            crate::fix_mojibake("Ă\u{FFFD}rvĂ\u{AD}ztĹ±rĹ‘ tĂĽkĂ¶rfĂşrĂłgĂ©p"),
            "Árvíztűrő tükörfúrógép"
        );
        assert_eq!(
            crate::fix_mojibake("Ĺ\u{FFFD}ekl, Ĺľe pĹ™ijde zĂ\u{AD}tra."),
            "\u{FFFD}ekl, že přijde zítra."
        );
    }

    use super::*;

    fn spec(repairs: &[ByteRepair]) -> Spec<'_> {
        Spec {
            encode: Codec::SloppyWindows1252,
            repairs,
            decode: Codec::Utf8,
        }
    }

    #[test]
    fn whole_text_and_spans() {
        assert_eq!(apply(&spec(&[]), "cafÃ©", None).unwrap(), "café");
        assert_eq!(
            apply(&spec(&[]), "Ã© Ã©", Some(std::slice::from_ref(&(0..4)))).unwrap(),
            "é Ã©"
        );
        assert!(apply(&spec(&[]), "Ã©", Some(std::slice::from_ref(&(1..3)))).is_err());
        assert!(apply(&spec(&[]), "Ã©", Some(std::slice::from_ref(&(0..9)))).is_err());
    }

    #[test]
    fn byte_repairs() {
        assert_eq!(convert(&spec(&[ByteRepair::RestoreA0]), "Ã ").unwrap(), "à");
        assert_eq!(convert(&spec(&[ByteRepair::CompleteA0]), "Ã").unwrap(), "à");
        assert_eq!(
            convert(&spec(&[ByteRepair::MarkLost]), "Ä\u{FFFD}").unwrap(),
            "\u{FFFD}"
        );
        assert_eq!(
            convert(&spec(&[ByteRepair::MarkLost]), "â€?").unwrap(),
            "\u{FFFD}"
        );
        assert_eq!(convert(&spec(&[ByteRepair::MarkLost]), "a?").unwrap(), "a?");
    }

    #[test]
    fn losses_of_unknown_length() {
        let gbk = |repairs| Spec {
            encode: Codec::Gbk,
            repairs,
            decode: Codec::Utf8,
        };
        let resync: &[ByteRepair] = &[ByteRepair::ResyncLost];
        // 发展 as GBK is 鍙戝睍; with its last byte lost before a space:
        assert_eq!(
            convert(&gbk(resync), "鍙戝\u{FFFD} is").unwrap(),
            "发\u{FFFD} is"
        );
        // A `?` decoder: the `?` cuts the sequence; a real `?` stays.
        assert_eq!(convert(&gbk(resync), "鍙戝?").unwrap(), "发\u{FFFD}");
        assert_eq!(
            resync_lost(&[0xE5, 0x8F, 0x91, b'?']),
            [0xE5, 0x8F, 0x91, b'?']
        );
        // A loss that takes a sequence's last byte and the next one's lead
        // leaves that one's continuation bytes stranded: two characters.
        assert_eq!(
            resync_lost(&[0xE5, 0x8F, LOST, 0xB1, 0x95, b'a']),
            "\u{FFFD}\u{FFFD}a".as_bytes()
        );
        // A loss at a boundary takes a lead: one character.
        assert_eq!(
            resync_lost(&[LOST, 0x8F, 0x91, b'a']),
            "\u{FFFD}a".as_bytes()
        );
        // A `?` at a boundary before continuation bytes is a loss; before
        // ASCII, a question mark.
        assert_eq!(
            resync_lost(&[b'?', 0x8F, 0x91, b'a', b'?', b' ']),
            "\u{FFFD}a? ".as_bytes()
        );
        assert_eq!(
            resync_lost(&[b'?', b'?', 0x91, 0xE6, 0x97, 0xA5]),
            "\u{FFFD}日".as_bytes()
        );
        // Nothing lost: bytes pass through for the strict decoder to judge.
        assert_eq!(resync_lost(&[0xE5, 0x8F]), [0xE5, 0x8F]);
    }

    #[test]
    fn undefined_bytes_are_filled_by_the_next_decoding() {
        let sjis = Spec {
            encode: Codec::SloppyWindows1252,
            repairs: &[ByteRepair::FillUndefined],
            decode: Codec::ShiftJis,
        };
        // `、` (81 41) and `！` (81 49) lost their lead bytes to U+FFFD.
        assert_eq!(
            convert(
                &sjis,
                "\u{201A}\u{00B1}\u{201A}\u{00F1}\u{FFFD}A\u{201A}\u{00CD}\u{FFFD}I"
            )
            .unwrap(),
            "こん、は！"
        );
        // No mark right after `、`, nor before the particle `を`, however
        // the model likes marks: `終` (8F 49) and `色` (90 46) were meant.
        assert_eq!(
            convert(&sjis, "\u{201A}\u{00B1}\u{FFFD}A\u{FFFD}I").unwrap(),
            "こ、\u{FFFD}"
        );
        assert_eq!(
            convert(&sjis, "\u{201A}\u{00C6}\u{FFFD}F\u{201A}\u{00F0}").unwrap(),
            "と\u{FFFD}を"
        );
        // A lead byte that two common ideographs share stays lost, with its
        // second byte: `世` (90 A2) and `困` (8D A2).
        assert_eq!(
            convert(&sjis, "\u{201A}\u{00B1}\u{FFFD}\u{00A2}\u{0160}E").unwrap(),
            "こ\u{FFFD}界"
        );
        // Of `丈` (8F E4), `堺` (8D E4) and `蝉` (90 E4), all in JIS X
        // 0208's first level, only `丈` is a Jōyō kanji.
        assert_eq!(
            convert(&sjis, "\u{2018}\u{00E5}\u{FFFD}\u{00E4}\u{2022}v").unwrap(),
            "大丈夫"
        );
        // `％` (81 93) after a digit, also one before the piece, which a
        // plan's replay sees as the repair did; `酷` (8D 93) elsewhere.
        let percent = "\u{FFFD}\u{201C}\u{0192}I\u{0192}t";
        assert_eq!(convert(&sjis, percent).unwrap(), "酷オフ");
        let line = format!("20{percent}");
        let spans: Vec<Range<usize>> = std::iter::once(2..line.len()).collect();
        assert_eq!(apply(&sjis, &line, Some(&spans)).unwrap(), "20％オフ");
        // `ー` (81 5B) lengthens kana only: at the start of `深海` (90 5B
        // 8A 43), the lost lead is not its.
        assert_ne!(convert(&sjis, "\u{FFFD}[\u{0160}C").unwrap(), "ー海");
        assert_eq!(
            convert(&sjis, "\u{0192}R\u{FFFD}[\u{0192}q").unwrap(),
            "コーヒ"
        );
        // Without a multi-byte decoding to judge by, each loss is U+FFFD.
        let latin = Spec {
            decode: Codec::Windows1251,
            ..sjis
        };
        assert_eq!(convert(&latin, "a\u{FFFD}b").unwrap(), "a\u{FFFD}b");
    }

    /// `s` in UTF-8 read by a strict windows-1252 decoder, which writes
    /// `lost` for each byte it leaves undefined (CPython's cp1252 with
    /// `errors="replace"`), or drops it (`errors="ignore"`).
    fn read_by_strict_1252(s: &str, lost: Option<char>) -> String {
        let mut out = String::new();
        for &b in s.as_bytes() {
            match b {
                0x81 | 0x8D | 0x8F | 0x90 | 0x9D => out.extend(lost),
                _ => out.push_str(&Codec::Windows1252.decode(&[b]).unwrap()),
            }
        }
        out
    }

    /// UTF-8 read by a strict windows-1252 decoder (CPython's cp1252 with
    /// `errors="replace"`), each lost byte one U+FFFD.
    #[test]
    fn undefined_bytes_in_utf8_come_back_when_one_is_clearly_best() {
        let fill = spec(&[ByteRepair::FillUndefined]);
        let lossy = |s: &str| read_by_strict_1252(s, Some('\u{FFFD}'));
        let repair = |s: &str| convert(&fill, &lossy(s)).unwrap();
        // `”` (E2 80 9D) over a hyphen, an em quad, a joiner and a mark.
        assert_eq!(repair("“Oui”, dit-il."), "“Oui”, dit-il.");
        // `ρ` (CF 81) over `ύ` (CF 8D): the word has its stress mark.
        assert_eq!(repair("Καλημέρα"), "Καλημέρα");
        // A lowercase letter inside a word over capitals: `ΐ` (CE 90).
        assert_eq!(repair("πρωτεΐνη"), "πρωτεΐνη");
        // Russian `с` is only three times as common as `я` (D1 8F), but
        // `я` stands before no vowel: the second `с` comes back; the first
        // stands before it, and the last ends the word.
        assert_eq!(repair("Россия"), "Ро\u{FFFD}си\u{FFFD}");
        // `Н` (D0 9D) over `А` (D0 90) before `О`; `с` over `я` before `ь`.
        assert_eq!(repair("НОВОСТИ"), "НОВОСТИ");
        assert_eq!(repair("весь"), "весь");
        // Greek words end in a vowel, `ν`, `ς` or `ρ`, never in `λρ`; and
        // a word takes a second stress mark only before an enclitic.
        assert_eq!(repair("πολύ"), "πολύ");
        assert_eq!(repair("Ευχαριστώ"), "Ευχαριστώ");
        // Vietnamese `ề`, `ọ`, `ỏ`, `Ố`, `ờ` (E1 BB 81 …): a syllable that
        // ends in `c` takes the acute or the dot below, in lowercase after
        // `H`; `ư` goes on as `ươ`; `về`, `vọ`, `vỏ`, `vờ` are all words.
        assert_eq!(repair("Học sinh"), "Học sinh");
        assert_eq!(repair("người"), "người");
        assert_eq!(repair("về"), "v\u{FFFD}");
        // Decomposed text: the acute (CC 81) is the accent that living
        // orthographies use, of the five marks CC and a lost byte spell;
        // a mark after no letter stays lost.
        assert_eq!(repair("cafe\u{301}"), "cafe\u{301}");
        assert_eq!(repair("Mbɔ\u{301}tɛ"), "Mbɔ\u{301}tɛ");
        assert_eq!(repair("5 \u{301}"), "5 \u{FFFD}");
        // `ύ` (CF 8D) over `ρ` where the word needs a stress mark it has
        // nowhere else; `ρ` where the stress is elsewhere, however far.
        assert_eq!(repair("το σύστημα"), "το σύστημα");
        assert_eq!(repair("θερμοκρασία"), "θερμοκρασία");
        // Of `Ł`, `ō`, `ŏ`, `Ő`, `ŝ` (C5 81 …), only `Ł` keeps `ódź` in one
        // alphabet; of `ā`, `č`, `ď`, `Đ`, `ĝ` (C4 81 …), only `Đ` keeps
        // Vietnamese in one; `č` and `ď` both keep `ř` in Czech's, which
        // writes `ď` seldom.
        assert_eq!(repair("Łódź"), "Łódź");
        assert_eq!(repair("Đà Nẵng đẹp"), "Đà Nẵng đẹp");
        assert_eq!(repair("čtyři"), "čtyři");
        // `Á`, `Í`, `Ï`, `Ð`, `Ý` (C3 81 …) are all capitals.
        assert_eq!(repair("ÁRBOL"), "\u{FFFD}RBOL");
        // A joiner between emoji is what was lost there; a mark after a
        // letter and a direction mark beside Hebrew may be: nothing else
        // is restored in their place.
        assert_eq!(repair("👩\u{200D}🚀"), "👩\u{200D}🚀");
        assert_eq!(repair("❤\u{FE0F}\u{200D}🔥"), "❤\u{FE0F}\u{200D}🔥");
        assert_eq!(repair("شُكرًا"), "ش\u{FFFD}كرًا");
        assert_eq!(repair("\u{200F}בית"), "\u{FFFD}בית");
        // Ideographs of different tiers: no guess (`栁田` is a name).
        assert_eq!(repair("栁田"), "\u{FFFD}田");
        // U+FE0F (EF B8 8F) after a symbol or a lost character; then `❤`
        // (E2 9D A4) before it, over the APL and technical symbols the
        // other bytes make. Which emoji lost a byte of its own is no
        // model's guess (`👍`, F0 9F 91 8D, is one of five hands and eyes).
        assert_eq!(repair("Hecho ✔️"), "Hecho ✔️");
        assert_eq!(repair("Te quiero ❤️"), "Te quiero ❤️");
        assert_eq!(repair("Gracias 👍"), "Gracias \u{FFFD}");
    }

    /// A repair of spans fills a lost byte by the text around the span as
    /// well: `Å\u{FFFD}` alone may be any of five letters, but before
    /// `odzi`, after Polish `ż`, `ł`, `ą`, only `Ł` fits.
    #[test]
    fn a_span_s_lost_byte_is_judged_by_the_text_around_it() {
        let fill = spec(&[ByteRepair::FillUndefined]);
        let garbled = "Å»aneta przyjechaÅ‚a z Å\u{FFFD}odzi pociÄ…giem";
        let spans: Vec<Range<usize>> = ["Å»", "Å‚", "Å\u{FFFD}", "Ä…"]
            .iter()
            .map(|run| {
                let at = garbled.find(run).unwrap();
                at..at + run.len()
            })
            .collect();
        assert_eq!(
            apply(&fill, garbled, Some(&spans)).unwrap(),
            "Żaneta przyjechała z Łodzi pociągiem"
        );
        // Alone, the span keeps its loss.
        assert_eq!(convert(&fill, "Å\u{FFFD}").unwrap(), "\u{FFFD}");
    }

    /// UTF-8 read by a windows-1252 decoder that dropped the bytes it
    /// leaves undefined (CPython's `errors="ignore"`): a lead byte alone
    /// gets its byte back where one letter fits the text around, and
    /// stays what it was read as where none does.
    #[test]
    fn dropped_bytes_come_back_where_a_letter_fits() {
        let fill = spec(&[ByteRepair::FillDropped, ByteRepair::FillUndefined]);
        let dropped = |s: &str| read_by_strict_1252(s, None);
        let repair = |s: &str| convert(&fill, &dropped(s)).unwrap();
        assert_eq!(repair("Łódź"), "Łódź");
        assert_eq!(repair("Łąka pełna"), "Łąka pełna");
        // `č` and `ď` both keep Czech in its alphabet, and `č` is the
        // common one; `Ã` is `Á`, `Í` or `Ý` in Czech alike, and stays.
        assert_eq!(repair("Hořčice"), "Hořčice");
        // At a word's end, where Czech and Slovak write `ď`, both stay.
        assert_eq!(repair("Dážď a vietor"), "DážÄ a vietor");
        assert_eq!(repair("ŘÍJEN"), "ŘÃJEN");
        // `Ù` is D9: of what D9 begins, only Arabic `ف` is a letter, and
        // nothing around is Arabic.
        assert_eq!(convert(&fill, "Ù").unwrap(), "Ù");
        // Latin-1 capitals of clean text stay.
        assert_eq!(convert(&fill, "Århus").unwrap(), "Århus");
        // `”` (E2 80 9D) lost its last byte; `ā` … (C4 81 …) fits nothing.
        assert_eq!(repair("“Oui”, dit-il."), "“Oui”, dit-il.");
        // A 3-byte sequence that nothing fills goes back as it was read.
        assert_eq!(convert(&fill, "é»,").unwrap(), "é»,");
    }

    /// UTF-8 read by CPython's GBK decoder, which writes one U+FFFD for
    /// each byte it cannot read (sentences garbled with CPython 3.11).
    #[test]
    fn lost_bytes_come_back_where_the_survivors_allow() {
        let gbk = Spec {
            encode: Codec::Gbk,
            repairs: &[ByteRepair::RestoreLost],
            decode: Codec::Utf8,
        };
        // 预 is E9 A2 84: GBK reads no pair A2 E5 (`勬` follows), so A2
        // was lost, and of the ideographs E9 xx 84 whose xx GBK could
        // not have read before E5, only 预 is in GB2312's first level;
        // the text is simplified Chinese (`说`).
        assert_eq!(
            convert(&gbk, "鏄庡ぉ鐨勫ぉ姘旈\u{FFFD}勬姤璇翠細涓嬮洦").unwrap(),
            "明天的天气预报说会下雨"
        );
        assert_eq!(
            convert(&gbk, "绉嬮\u{FFFD}庡惞杩囩敯閲\u{FFFD}").unwrap(),
            "秋风吹过田\u{FFFD}"
        );
        // 老 (E8 80 81) and 袁, 裁, 要, 见 (E8 A2-A7 81) are all frequent:
        // the loss stays one U+FFFD.
        assert_eq!(convert(&gbk, "鏉庤\u{FFFD}佸笀").unwrap(), "李\u{FFFD}师");
        // Symbols are not chosen among (`”` or `…` at the end).
        assert_eq!(
            convert(&gbk, "濂戒箙鍚楋紵鈥\u{FFFD}").unwrap(),
            "好久吗？\u{FFFD}"
        );
        // Two losses in a row before a whole character are one character
        // of two bytes, lost whole: the same as `resync-lost` makes of it.
        let resync = Spec {
            repairs: &[ByteRepair::ResyncLost],
            ..gbk
        };
        let two = "\u{FFFD}\u{FFFD}鍙戝睍";
        assert_eq!(convert(&gbk, two).unwrap(), "\u{FFFD}发展");
        assert_eq!(convert(&resync, two).unwrap(), "\u{FFFD}发展");
        // 我们今天 is E6 88 91 E4 BB AC E4 BB 8A E5 A4 A9. CPython's Big5
        // decoder loses E6, 88 and 91 one by one, reads E4 BB and AC E4,
        // loses BB and 8A, reads E5 A4 and loses A9: three losses in a row
        // are one character of three bytes, and the rest falls in place
        // (`resync-lost` would drop the stranded bytes and shift the rest).
        let big5 = Spec {
            encode: Codec::Big5,
            ..gbk
        };
        let garbled = "\u{FFFD}\u{FFFD}\u{FFFD}隞砌\u{FFFD}\u{FFFD}憭\u{FFFD}";
        assert_eq!(
            convert(&big5, garbled).unwrap(),
            "\u{FFFD}们\u{FFFD}\u{FFFD}"
        );
        // 当に鬼 with the last byte lost at the end: any byte fits there,
        // and that `鬼` is the one frequent kanji of E9 AC xx is no
        // evidence; it stays lost.
        assert_eq!(convert(&gbk, "褰撱伀楝\u{FFFD}").unwrap(), "当に\u{FFFD}");
        let euc_kr = Spec {
            encode: Codec::EucKr,
            ..gbk
        };
        // 在二〇二四年三月一日 read by a decoder that lost pairs at once:
        // taken one byte each, the first loss would be the lead byte of
        // `ɨ`, a letter no CJK text has there; it stays lost.
        let pairs = "\u{FFFD}ⓧ틠\u{FFFD}뉏틠\u{FFFD}쎾뭅訝됪쐢訝\u{FFFD}\u{FFFD}\u{FFFD}";
        assert_eq!(
            convert(&euc_kr, pairs).unwrap(),
            "\u{FFFD}二\u{FFFD}二\u{FFFD}年三月\u{FFFD}\u{FFFD}"
        );
    }
}
