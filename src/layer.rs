//! One layer of repair: encode with the wrong codec, repair the bytes,
//! decode with the intended codec. Detectors build their output through
//! this module and `apply_plan` replays through it, so a plan replays to
//! exactly what the repair produced.

use std::ops::Range;

use crate::codec::{single_byte, Codec, Kind};
use crate::error::{Error, ErrorKind};
use crate::plan::ByteRepair;

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
        placed.push((start..out.len(), fills_in_context(spec, &fixed)));
        done = span.end;
    }
    out.push_str(&text[done..]);
    if placed.iter().any(|(_, again)| *again) {
        out = refill(spec, text, spans, &out, &placed)?;
    }
    Ok(out)
}

/// Whether a span's piece, converted alone, may have kept a lost byte
/// that the text around it may decide: a lost character of a UTF-8
/// decoding, whose word and language go on outside the span
/// (`Å\u{FFFD}` before `odzi`).
fn fills_in_context(spec: &Spec<'_>, fixed: &str) -> bool {
    // A dropped byte left unfilled leaves no mark: its lead byte stays
    // what it was read as.
    matches!(spec.decode, Codec::Utf8 | Codec::Utf8Variants)
        && (spec.repairs.contains(&ByteRepair::FillDropped)
            || (spec.repairs.contains(&ByteRepair::FillUndefined) && fixed.contains('\u{FFFD}')))
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

/// The text either side of a piece being converted, as the repair leaves
/// it, for the fills that judge a lost character by its word and language.
#[derive(Clone, Copy, Default)]
pub(crate) struct Around<'a> {
    pub(crate) before: &'a str,
    pub(crate) after: &'a str,
}

impl<'a> Around<'a> {
    /// At most `width` bytes of the text before, cut at a character, and
    /// whether that is all of it.
    fn before(&self, width: usize) -> (&'a str, bool) {
        let mut at = self.before.len().saturating_sub(width);
        while !self.before.is_char_boundary(at) {
            at += 1;
        }
        (&self.before[at..], at == 0)
    }

    /// At most `width` bytes of the text after, cut at a character, and
    /// whether that is all of it.
    fn after(&self, width: usize) -> (&'a str, bool) {
        let mut at = self.after.len().min(width);
        while !self.after.is_char_boundary(at) {
            at -= 1;
        }
        (&self.after[..at], at == self.after.len())
    }
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
            ByteRepair::FillUndefined => fill_undefined(&mut bytes, spec.decode, around),
            ByteRepair::FillDropped => bytes = fill_dropped(&bytes, spec.encode, around),
            ByteRepair::RestoreLost => {
                bytes = restore_lost(&bytes, spec.encode).unwrap_or_else(|| resync_lost(&bytes))
            }
            ByteRepair::NecSelected => nec_selected(&mut bytes, spec.encode),
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

/// The bytes windows-1252 leaves undefined, in the order that breaks ties:
/// 0x81 leads Shift_JIS's punctuation; 0x90, 0x8F and 0x8D lead rows of
/// its frequent kanji (`新人生世`, `出書上場`, `高国今合`), 0x90's the
/// most used; 0x9D, rare kanji.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x90, 0x8F, 0x8D, 0x9D];
/// Bytes of context before a filled byte.
const FILL_WINDOW: usize = 8;

/// See [`ByteRepair::FillUndefined`]. Each candidate is judged on the
/// decoding of the bytes from [`FILL_WINDOW`] before it to the byte after
/// it (the decoder keeps a character cut at the end for later, so a
/// candidate that ends a character and one that starts one are judged
/// alike; where the window starts mid-character, it does so for every
/// candidate alike, and the work stays linear). A byte is filled only when
/// one candidate beats all others by [`FILL_MARGIN`]; otherwise it stays
/// lost, and [`decode_with_losses`] writes U+FFFD for its character.
fn fill_undefined(bytes: &mut Vec<u8>, decode: Codec, around: Around<'_>) {
    let Kind::Multi(encoding) = decode.kind() else {
        if matches!(decode, Codec::Utf8 | Codec::Utf8Variants) {
            fill_undefined_utf8(bytes, around);
            *bytes = mark_lost(bytes);
        }
        return;
    };
    // Where the window may start: after the last byte left lost and the
    // byte after it, which may be the rest of its character.
    let mut floor = 0;
    for p in 0..bytes.len() {
        if bytes[p] != LOST {
            continue;
        }
        let start = p.saturating_sub(FILL_WINDOW).max(floor).min(p);
        let end = (p + 2).min(bytes.len());
        let (mut best, mut second) = ((i32::MAX, LOST), i32::MAX);
        for candidate in UNDEFINED_1252 {
            bytes[p] = candidate;
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let mut text = String::with_capacity((end - start) * 3 + 4);
            let (_, _, _) = decoder.decode_to_string(&bytes[start..end], &mut text, false);
            let cost = fill_cost(decode, &text);
            if cost < best.0 {
                second = best.0;
                best = (cost, candidate);
            } else if cost < second {
                second = cost;
            }
        }
        bytes[p] = if second.saturating_sub(best.0) >= FILL_MARGIN
            && !misplaced_mark(encoding, bytes, p, best.1)
        {
            best.1
        } else {
            floor = p + 2;
            LOST
        };
    }
}

/// Whether `lead` at `p` makes a punctuation mark (see
/// [`is_cjk_punctuation`]) that stands where no text puts one, which
/// [`fill_cost`]'s preference for marks must not restore: a mark right
/// after `、` or `。` (`、！値`), a mark before the particle `を`, which
/// follows a word (`と：を`), and `ー` after `を` or a mark. Kanji are
/// what the other lead bytes make there. (Brackets would want their
/// partners, but a piece the detectors weigh is often one run of a line,
/// with the partner in the next.)
fn misplaced_mark(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    p: usize,
    lead: u8,
) -> bool {
    let decode = |piece: &[u8]| encoding.decode_without_bom_handling(piece).0.into_owned();
    let pair = [lead, bytes.get(p + 1).copied().unwrap_or(0)];
    let Some(mark) = decode(&pair)
        .chars()
        .next()
        .filter(|&c| is_cjk_punctuation(c))
    else {
        return false;
    };
    let prev = decode(&bytes[p.saturating_sub(FILL_WINDOW)..p])
        .chars()
        .next_back();
    let next = bytes
        .get(p + 2..(p + 4).min(bytes.len()))
        .and_then(|rest| decode(rest).chars().next());
    let ender = |c: Option<char>| matches!(c, Some('、' | '。' | '，' | '．'));
    match mark {
        'ー' => prev == Some('を') || prev.is_some_and(is_cjk_punctuation),
        '・' | '…' | '（' | '）' | '「' | '」' | '『' | '』' => false,
        _ => ender(prev) || next == Some('を'),
    }
}

/// [`fill_undefined`] for UTF-8 read as windows-1252: a lost byte that
/// stands where its sequence wants a continuation byte gets back the one of
/// the undefined bytes that completes the sequence, if only one does, or
/// the one [`choose_fill`] finds clearly best, judged by the model on the
/// [`FILL_WINDOW`] bytes either side (`â€\u{FFFD}` is `”`, not a
/// zero-width joiner nor an em quad) and by the word and the text around
/// it. Otherwise (`Ã\u{FFFD}` is any of `ÁÍÏÐÝ`) the byte stays lost.
fn fill_undefined_utf8(bytes: &mut [u8], around: Around<'_>) {
    // A second pass judges the bytes left lost by what the first restored
    // after them (`ρ` before the `ΐ` that is the word's stress mark).
    if fill_pass_utf8(bytes, around) {
        fill_pass_utf8(bytes, around);
    }
}

/// One pass of [`fill_undefined_utf8`]: whether it restored a byte and
/// left one lost.
fn fill_pass_utf8(bytes: &mut [u8], around: Around<'_>) -> bool {
    let (mut restored, mut left) = (false, false);
    for p in 0..bytes.len() {
        if bytes[p] != LOST {
            continue;
        }
        let Some(byte) = fill_at(bytes, p, around) else {
            continue;
        };
        bytes[p] = byte;
        restored |= byte != LOST;
        left |= byte == LOST;
    }
    restored && left
}

/// The byte that [`fill_undefined_utf8`] puts at `p`, a lost byte: one of
/// the undefined bytes, or [`LOST`] where none is clearly best; `None`
/// where `p` continues no UTF-8 sequence. `bytes[p]` is left as it was.
fn fill_at(bytes: &mut [u8], p: usize, around: Around<'_>) -> Option<u8> {
    // The lead byte of the sequence the lost byte continues.
    let q = (p.saturating_sub(3)..p)
        .rev()
        .find(|&q| !is_cont(bytes[q]))
        .filter(|&q| utf8_len(bytes[q]) > p - q)?;
    let end = q + utf8_len(bytes[q]);
    if end > bytes.len() || (q + 1..end).any(|k| k != p && !is_cont(bytes[k])) {
        return None;
    }
    let (before, after, _, _) = context(bytes, q, end, FILL_WINDOW, around);
    let (prev, next) = (before.chars().next_back(), after.chars().next());
    let mut candidates: Vec<(i32, u8, char)> = Vec::with_capacity(5);
    let mut invisible = false;
    let was = bytes[p];
    for candidate in UNDEFINED_1252 {
        bytes[p] = candidate;
        let Some(c) = std::str::from_utf8(&bytes[q..end])
            .ok()
            .and_then(|s| s.chars().next())
        else {
            continue;
        };
        let presentation = emoji_presentation(c, prev) || emoji_joiner(c, prev, next);
        if !restorable(c) && !presentation {
            invisible |= may_be_lost(c, prev, next);
            continue;
        }
        // Between emoji the joiner is the usual one, not `”`.
        let quote = c == '\u{201D}' && !emoji_joiner('\u{200D}', prev, next);
        let usual = quote || presentation || emoji_before_presentation(c, next);
        let cost = crate::score::text_cost(&format!("{before}{c}{after}"))
            - if usual { USUAL_MARK } else { 0 };
        candidates.push((cost, candidate, c));
    }
    bytes[p] = was;
    Some(if invisible {
        LOST
    } else {
        choose_fill(&mut candidates, || Word::around(bytes, q, end, around)).unwrap_or(LOST)
    })
}

/// The character [`ByteRepair::FillDropped`] would restore from `seq`, a
/// UTF-8 sequence one byte short (a 2-byte lead alone, or a 3-byte lead
/// with one continuation byte), between the text `before` and `after`
/// (as the repair would leave them), if one is clearly best.
pub(crate) fn restore_dropped(before: &str, seq: &[u8], after: &str) -> Option<char> {
    let mut bytes = [0u8; 4];
    let n = seq.len();
    bytes[..n].copy_from_slice(seq);
    bytes[n] = LOST;
    let byte = dropped_byte(&mut bytes[..=n], n, Around { before, after })?;
    bytes[n] = byte;
    std::str::from_utf8(&bytes[..=n]).ok()?.chars().next()
}

/// The byte [`ByteRepair::FillDropped`] puts back at `p`, the last byte
/// of a sequence: what [`fill_at`] chooses, if it makes `”` (the one mark
/// of running text a dropped byte ends: E2 80 9D) or a letter of a script
/// that the text around writes in too, and, for a Latin one, keeps it in
/// one language's alphabet. Nothing marks a dropped byte as lost, so a
/// single candidate is no evidence on its own (`Ù` at a line's end is not
/// Arabic `ف`, whatever else D9 can begin).
fn dropped_byte(bytes: &mut [u8], p: usize, around: Around<'_>) -> Option<u8> {
    use crate::score::{class, classes, script_id};
    let q = (p.saturating_sub(3)..p)
        .rev()
        .find(|&q| !is_cont(bytes[q]))?;
    let (before, after, _, _) = context(bytes, q, p + 1, WORD_WINDOW, around);
    let others = || {
        before
            .chars()
            .chain(after.chars())
            .filter(|&x| !x.is_ascii() && !lost_char(x))
    };
    let letters = crate::detect::LatinLetters::of(others());
    let latin = script_id(classes::LOWER);
    let viable = |c: char| {
        let script = script_id(class(c));
        c == '\u{201D}'
            || (c.is_alphabetic()
                && others().any(|x| script_id(class(x)) == script)
                && (script != latin || letters.fits_with(c) == Some(true)))
    };
    // Asked of every lone lead of a line (a CJK codec's text read as
    // windows-1252 is full of them): the model is asked only where some
    // candidate could be kept.
    let was = bytes[p];
    let spelt = |bytes: &mut [u8], byte: u8| {
        bytes[p] = byte;
        let c = std::str::from_utf8(&bytes[q..=p])
            .ok()
            .and_then(|s| s.chars().next());
        bytes[p] = was;
        c
    };
    if !UNDEFINED_1252
        .iter()
        .any(|&b| spelt(bytes, b).is_some_and(viable))
    {
        return None;
    }
    let byte = fill_at(bytes, p, around).filter(|&b| b != LOST)?;
    spelt(bytes, byte).is_some_and(viable).then_some(byte)
}

/// Where `bytes[i]` starts a UTF-8 sequence one byte short, as a decoder
/// that dropped its last byte leaves it: a 2-byte lead alone, or a 3-byte
/// lead with one continuation byte, before anything but a continuation
/// byte. How many bytes it kept.
pub(crate) fn short_sequence(bytes: &[u8], i: usize) -> Option<usize> {
    let n = utf8_len(bytes[i]);
    let cont = |k: usize| bytes.get(k).is_some_and(|&b| is_cont(b));
    match n {
        2 if bytes[i] >= 0xC2 && !cont(i + 1) => Some(1),
        3 if cont(i + 1) && !cont(i + 2) => Some(2),
        _ => None,
    }
}

/// See [`ByteRepair::FillDropped`]: each sequence one byte short (see
/// [`short_sequence`]) gets back the last byte that [`dropped_byte`]
/// finds; where none is, its bytes go back to the characters the wrong
/// decoder read them as (`wrong`), in UTF-8.
fn fill_dropped(bytes: &[u8], wrong: Codec, around: Around<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    // Where each inserted byte is in `out`, and how many bytes before it
    // are its sequence's.
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(kept) = short_sequence(bytes, i) {
            out.extend_from_slice(&bytes[i..i + kept]);
            dropped.push((out.len(), kept));
            out.push(LOST);
            i += kept;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let mut unfilled = Vec::new();
    for &(p, kept) in &dropped {
        match dropped_byte(&mut out, p, around) {
            Some(byte) => out[p] = byte,
            None => unfilled.push((p, kept)),
        }
    }
    if unfilled.is_empty() {
        return out;
    }
    let mut done = Vec::with_capacity(out.len() + 4 * unfilled.len());
    let mut from = 0;
    for (p, kept) in unfilled {
        done.extend_from_slice(&out[from..p - kept]);
        for &b in &out[p - kept..p] {
            let read = wrong
                .sb()
                .and_then(|id| single_byte::decode_byte(id, b))
                .unwrap_or('\u{FFFD}');
            done.extend_from_slice(read.encode_utf8(&mut [0; 4]).as_bytes());
        }
        from = p + 1;
    }
    done.extend_from_slice(&out[from..]);
    done
}

/// The bytes from `width` before `q` to `width` after `end`, cut at
/// character boundaries (or at the ends of `bytes`).
fn window(bytes: &[u8], q: usize, end: usize, width: usize) -> (usize, usize) {
    let start = (q.saturating_sub(width)..q)
        .find(|&k| !is_cont(bytes[k]))
        .unwrap_or(q);
    let stop = if end + width >= bytes.len() {
        bytes.len()
    } else {
        (end..=end + width)
            .rev()
            .find(|&k| !is_cont(bytes[k]))
            .unwrap_or(end)
    };
    (start, stop)
}

/// The text from `width` bytes before `q` to `width` bytes after `end`
/// (see [`window`]), going on into the text around the piece where the
/// window reaches its ends, and whether each side reaches the end of the
/// whole text.
fn context(
    bytes: &[u8],
    q: usize,
    end: usize,
    width: usize,
    around: Around<'_>,
) -> (String, String, bool, bool) {
    let (start, stop) = window(bytes, q, end, width);
    let mut before = String::new();
    let mut first = start == 0;
    if start == 0 {
        let (outside, all) = around.before(width);
        before.push_str(outside);
        first = all;
    }
    before.push_str(&String::from_utf8_lossy(&bytes[start..q]));
    let mut after = String::from_utf8_lossy(&bytes[end..stop]).into_owned();
    let mut last = stop == bytes.len();
    if stop == bytes.len() {
        let (outside, all) = around.after(width);
        after.push_str(outside);
        last = all;
    }
    (before, after, first, last)
}

/// Whether `c`, decoded from bytes being filled, stands for a lost
/// character: the byte that marks a loss, or U+FFFD.
fn lost_char(c: char) -> bool {
    c == char::from(LOST) || c == '\u{FFFD}'
}

/// Bytes of context either side of a lost character for the word it
/// stands in and the alphabet of the text around: a line's language
/// shows in letters a few words away (`KOŃCOWE … WYNIOSŁA`).
const WORD_WINDOW: usize = 120;

/// The letters either side of a lost character, and whether they are its
/// whole word: bounded by something other than a letter, or by the ends of
/// the bytes, and with no other character lost among them.
struct Word {
    left: String,
    right: String,
    whole: bool,
    /// Whether the word after it is an enclitic pronoun (see
    /// `greek_stress_misspelt`).
    enclitic: bool,
    /// The characters before and after it, unless lost too.
    prev: Option<char>,
    next: Option<char>,
    /// Every character around it that is known, for its alphabet.
    context: String,
}

impl Word {
    fn around(bytes: &[u8], q: usize, end: usize, around: Around<'_>) -> Word {
        let (before, after, first, last) = context(bytes, q, end, WORD_WINDOW, around);
        // A lost character is a letter unknown: the word goes on over it,
        // and it may be the stressed one.
        let unknown = lost_char;
        let in_word = |c: &char| c.is_alphabetic() || unknown(*c);
        let mut left: Vec<char> = before.chars().rev().take_while(in_word).collect();
        left.reverse();
        let right: Vec<char> = after.chars().take_while(in_word).collect();
        let whole = (first || left.len() < before.chars().count())
            && (last || right.len() < after.chars().count())
            && !left.iter().chain(&right).any(|&c| unknown(c));
        let known = |s: &[char]| s.iter().filter(|&&c| !unknown(c)).collect::<String>();
        let context = before.chars().chain(after.chars()).filter(|&c| !unknown(c));
        Word {
            left: known(&left),
            right: known(&right),
            whole,
            enclitic: {
                let rest = after.chars().skip(right.len());
                let next_word: String = rest
                    .skip_while(|&c| c == ' ')
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                crate::detect::greek_enclitic(&next_word)
            },
            prev: before.chars().next_back().filter(|&c| !unknown(c)),
            next: after.chars().next().filter(|&c| !unknown(c)),
            context: context.collect(),
        }
    }
}

/// The byte [`fill_undefined_utf8`] restores among `candidates` (cost,
/// byte, character), if one is clearly best: the only one, or one the
/// model prefers by [`FILL_MARGIN`]; among Latin letters the model weighs
/// alike, the only one that keeps the text around in one language's
/// alphabet, in the case of the letters beside it and, in Vietnamese,
/// within its syllable's rules of tone and rhyme; among Cyrillic, Greek or Hebrew ones, one whose language
/// writes it [`RARITY_MARGIN`] half-bits more often than each other, once
/// Greek spelling has ruled out what it rules out (`ρ` over `ύ` where the
/// word has its stress mark elsewhere, `ύ` over `ρ` in `σ?στημα`; not
/// Russian `с` over `я`, which is only three times as common).
fn choose_fill(candidates: &mut [(i32, u8, char)], word: impl FnOnce() -> Word) -> Option<u8> {
    candidates.sort_by_key(|&(cost, byte, _)| (cost, byte));
    let (&(best, byte, c), rest) = candidates.split_first()?;
    // The model's tiers of ideographs and syllables are no language
    // model: `栏` is commoner than `栁` in Chinese, not in a Japanese name.
    if syllabic(c) && rest.iter().any(|t| syllabic(t.2)) {
        return None;
    }
    let contenders: Vec<char> = candidates
        .iter()
        .take_while(|&&(cost, _, _)| cost - best < FILL_MARGIN)
        .map(|&(_, _, c)| c)
        .collect();
    if rest.is_empty() || contenders.len() == 1 {
        return Some(byte);
    }
    let word = word();
    // Latin letters: the one that keeps the text around in one language's
    // alphabet, if only one does (`Ł` among `ódź`, not `Ő`).
    if contenders
        .iter()
        .all(|&c| crate::detect::latin_beyond_ascii(c))
    {
        // A capital after a lowercase letter or inside a word before one,
        // or a lowercase letter between capitals, is no word's (`HỐc`,
        // `SốNG`).
        let cased = |c: char| {
            let lower = |x: Option<char>| x.is_some_and(char::is_lowercase);
            let upper = |x: Option<char>| x.is_some_and(char::is_uppercase);
            let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
            !(c.is_uppercase() && (lower(word.prev) || letter(word.prev) && lower(word.next))
                || c.is_lowercase() && upper(word.prev) && upper(word.next))
        };
        let context = crate::detect::LatinLetters::of(word.context.chars());
        let fitting: Vec<char> = contenders
            .iter()
            .copied()
            .filter(|&c| {
                context.fits_with(c) == Some(true)
                    && cased(c)
                    && !crate::detect::vietnamese_misspelt(&word.left, c, &word.right, word.whole)
            })
            .collect();
        // Between letters of one alphabet, one its language writes seldom
        // inside a word gives way (`č` over `ď` in Czech, which writes
        // `ď` mostly at a word's end: `teď`, `dážď`, where both stay).
        let inside = word.next.is_some_and(char::is_alphabetic);
        let common: Vec<char> = fitting
            .iter()
            .copied()
            .filter(|&c| !(inside && rare_latin(c)))
            .collect();
        let chosen = match (fitting.as_slice(), common.as_slice()) {
            ([c], _) | (_, [c]) => *c,
            _ => return None,
        };
        return candidates.iter().find(|t| t.2 == chosen).map(|t| t.1);
    }
    // Where Greek spelling rules a letter out (a second stress mark in its
    // word, or none in a whole word that needs one; an ending no Greek
    // word has), or Russian spelling does (`я` before a vowel), it counts
    // as rare.
    let ranked: Option<Vec<(i32, char)>> = contenders
        .iter()
        .map(|&c| {
            let spelt = format!("{}{c}{}", word.left, word.right);
            let misspelt = crate::detect::greek_stress_misspelt(&spelt, word.whole, word.enclitic)
                || (word.whole && crate::detect::greek_ending_misspelt(&spelt))
                || crate::detect::cyrillic_misplaced(c, word.prev, word.next);
            crate::detect::letter_rarity(c).map(|r| (r + if misspelt { MISSPELT } else { 0 }, c))
        })
        .collect();
    let mut ranked = ranked?;
    ranked.sort_unstable();
    let (first, c) = ranked[0];
    (ranked[1].0 - first >= RARITY_MARGIN)
        .then(|| candidates.iter().find(|t| t.2 == c).map(|t| t.1))
        .flatten()
}

/// Letters that the languages whose alphabets have them write seldom
/// inside words: Czech and Slovak `ď` and `ť` (which they write as `d`
/// and `t` before `e` and `i`, and mostly at a word's end: `teď`,
/// `chuť`), and Esperanto's circumflexed consonants and `ŭ`. General knowledge of
/// the languages, as [`crate::detect::letter_rarity`] is for other
/// alphabets.
fn rare_latin(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'ď' | 'ť' | 'ĉ' | 'ĝ' | 'ĥ' | 'ĵ' | 'ŝ' | 'ŭ'
    )
}

/// See [`choose_fill`]: eight times as common.
const RARITY_MARGIN: i32 = 6;
/// See [`choose_fill`]: a letter that misspells its word counts as this
/// much rarer.
const MISSPELT: i32 = 12;

/// What `”` gains in [`fill_undefined_utf8`] for being a mark that running
/// text uses: of all the characters a lost byte can stand for, it is the
/// only one (the others are letters, which the model weighs, and C1
/// controls, spaces and format characters).
const USUAL_MARK: i32 = 4;

/// Whether `c` is U+FE0F, the selector that asks for a symbol's emoji
/// form, after a symbol that may take it (or a character lost too): of
/// the characters EF B8's undefined bytes make, it is the one text uses
/// (`❤️`, `✔️`, `☀️`); the other selectors and `︐` are rare.
fn emoji_presentation(c: char, before: Option<char>) -> bool {
    use crate::score::classes::{DINGBAT, EMOJI, MATH};
    c == '\u{FE0F}'
        && before.is_some_and(|b| {
            lost_char(b) || [DINGBAT, EMOJI, MATH].contains(&crate::score::class(b))
        })
}

/// Whether `c` is the zero-width joiner between two emoji (or lost
/// characters, or the emoji selector): the one thing text puts there
/// (`👩‍🚀`, `❤️‍🔥`), where the other bytes after E2 80 make an em quad, a
/// direction mark, a hyphen or `”`.
fn emoji_joiner(c: char, before: Option<char>, after: Option<char>) -> bool {
    use crate::score::classes::{DINGBAT, EMOJI};
    let pictograph = |x: Option<char>| {
        x.is_some_and(|x| {
            lost_char(x) || x == '\u{FE0F}' || [DINGBAT, EMOJI].contains(&crate::score::class(x))
        })
    };
    c == '\u{200D}' && pictograph(before) && pictograph(after)
}

/// Whether `c`, before U+FE0F, is a symbol of the blocks that emoji come
/// from (`❤` among `⍤`, `⏤`, the APL and technical symbols E2 8D A4 and
/// E2 8F A4 make).
fn emoji_before_presentation(c: char, after: Option<char>) -> bool {
    use crate::score::classes::{DINGBAT, EMOJI};
    after == Some('\u{FE0F}') && [DINGBAT, EMOJI].contains(&crate::score::class(c))
}

/// Whether `c`, a character that is never restored, may be what was lost
/// between `before` and `after`, so that no other may be restored in its
/// place: a combining mark after a letter (Arabic `\u{64F}`); a joiner
/// between two characters beyond ASCII that are not punctuation
/// (`👨\u{200D}👩`, `क्\u{200D}ष`); a right-to-left mark beside Hebrew or
/// Arabic letters. A character that was itself lost may be any of these.
fn may_be_lost(c: char, before: Option<char>, after: Option<char>) -> bool {
    use crate::score::classes::{
        ARABIC, CJK_PUNCT, FORMAT, GEN_PUNCT, HEBREW, L1_SYMBOL, NBSP, SPACE,
    };
    let class = crate::score::class;
    let lost = lost_char;
    // Variation selectors other than the emoji one (see
    // `emoji_presentation`) select forms few texts ask for.
    if ('\u{FE00}'..='\u{FE0F}').contains(&c) {
        return false;
    }
    if unicode_normalization::char::is_combining_mark(c) {
        return before.is_some_and(|x| x.is_alphabetic() || lost(x));
    }
    if class(c) != FORMAT {
        return false;
    }
    let joinable = |x: Option<char>| {
        x.is_some_and(|x| {
            lost(x)
                || (!x.is_ascii()
                    && ![SPACE, NBSP, L1_SYMBOL, GEN_PUNCT, CJK_PUNCT].contains(&class(x)))
        })
    };
    let rtl = |x: Option<char>| x.is_some_and(|x| lost(x) || [HEBREW, ARABIC].contains(&class(x)));
    // Joiners join, direction marks stand beside right-to-left letters;
    // the invisible operators of mathematics (U+2061-U+2064) are no
    // text's.
    match c {
        '\u{200C}' | '\u{200D}' => joinable(before) && joinable(after),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => rtl(before) || rtl(after),
        '\u{2061}'..='\u{2064}' => false,
        _ => (joinable(before) && joinable(after)) || rtl(before) || rtl(after),
    }
}

/// Whether a lost byte may be restored as `c`: not as a space, a control
/// or format character, a combining mark, or a code point text does not
/// use, which no model can tell apart from the next.
fn restorable(c: char) -> bool {
    use crate::score::classes::*;
    !unicode_normalization::char::is_combining_mark(c)
        && ![
            SPACE,
            CONTROL,
            C1,
            NBSP,
            COMBINING,
            FORMAT,
            PRIVATE,
            REPLACEMENT,
            NONCHAR,
            OTHER,
        ]
        .contains(&crate::score::class(c))
}

/// Ideographs and Hangul syllables, among which the model's tiers do not
/// choose a lost character.
fn syllabic(c: char) -> bool {
    use crate::score::classes::{HAN, HANGUL, HANGUL_RARE, HAN_MID, HAN_RARE};
    [HAN, HAN_MID, HAN_RARE, HANGUL, HANGUL_RARE].contains(&crate::score::class(c))
}

/// How much better than every other candidate a filled byte must make the
/// decoding: `、` over the ideographs its second byte would make (a
/// punctuation mark against a common ideograph) is enough; one common
/// ideograph over another is not.
const FILL_MARGIN: i32 = 2;

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

/// What [`fill_undefined`] minimizes: the model's cost, less what the
/// codec's standard says of the character: an ideograph of its frequent
/// set is what its users wrote (`世` over `△`, `新` over `〃`), and a mark
/// that running text punctuates sentences with more so than any one
/// ideograph (`、` over `港`, `！` over `巧`), but for the long-vowel mark
/// `ー`, which lengthens the kana before it and follows nothing else
/// (`深海` is not `ー海`).
fn fill_cost(decode: Codec, text: &str) -> i32 {
    let kana = |c: char| ('\u{3041}'..='\u{30FF}').contains(&c);
    let mut prev = None;
    let common = text
        .chars()
        .map(|c| {
            let bonus = match c {
                '\u{4E00}'..='\u{9FFF}' if decode.frequent_ideograph(c) => 2,
                'ー' if !prev.is_some_and(kana) => 0,
                c if is_cjk_punctuation(c) => 4,
                _ => 0,
            };
            prev = Some(c);
            bonus
        })
        .sum::<i32>();
    crate::score::text_cost(text) - common
}

/// Marks that running CJK text punctuates sentences with.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '「'
            | '」'
            | '『'
            | '』'
            | '・'
            | 'ー'
            | '…'
            | '，'
            | '．'
            | '！'
            | '？'
            | '（'
            | '）'
            | '：'
            | '；'
    )
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
                match candidates[..] {
                    [only] if cjk(only) => {
                        out.extend_from_slice(only.encode_utf8(&mut [0; 4]).as_bytes())
                    }
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
            let Some(standard) = standard else { break };
            let mut frequent = candidates
                .into_iter()
                .filter(|&c| standard.frequent_ideograph(c));
            if let (Some(c), None) = (frequent.next(), frequent.next()) {
                // An ideograph of U+4E00-U+9FFF takes three bytes, as the
                // U+FFFD in its place does.
                c.encode_utf8(&mut out[at..at + 3]);
            }
        }
    }
    Some(out)
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
