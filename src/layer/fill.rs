//! Filling bytes that a strict windows-1252 decoder lost (to U+FFFD) or
//! dropped: of the five bytes the code page leaves undefined, the one the
//! model, the text around and its language's spelling find clearly best
//! ([`crate::ByteRepair::FillUndefined`], [`crate::ByteRepair::FillDropped`]);
//! and the same for the bytes another code page leaves undefined, where
//! its strict decoder lost them.

use super::{is_cont, mark_lost, utf8_len, LOST};
use crate::codec::{single_byte, Codec, Kind};
use crate::score::letter_model::{LetterModel, Neighbour};

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

/// The bytes windows-1252 leaves undefined, in the order that breaks ties:
/// 0x81 leads Shift_JIS's punctuation; 0x90, 0x8F and 0x8D lead rows of
/// its frequent kanji (`新人生世`, `出書上場`, `高国今合`), 0x90's the
/// most used; 0x9D, rare kanji.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x90, 0x8F, 0x8D, 0x9D];

/// The bytes that the strict form of the wrong decoder `encode` leaves
/// undefined, which a strict decoder wrote U+FFFD for: windows-1252's five
/// (CPython's, where the WHATWG tables read C1 controls) in the order that
/// breaks ties; for other code pages, the bytes their table leaves
/// undefined (ISO-8859-7's AE, D2 and FF: the second byte of Greek `ή`)
/// and, for the Windows code pages, the bytes the WHATWG tables read as
/// C1 controls, which CPython's leave undefined (windows-1251's 98:
/// `Р\u{FFFD}` is `И`; windows-1253's 81: `Ï\u{FFFD}` is `ρ` or `ύ`, which
/// the letter models and Greek spelling tell apart).
pub(crate) fn undefined_bytes(encode: Codec) -> Vec<u8> {
    if matches!(encode, Codec::Windows1252 | Codec::SloppyWindows1252) {
        return UNDEFINED_1252.to_vec();
    }
    // A sloppy code page's strict form, by name (`sloppy-windows-1253`).
    let strict = encode
        .name()
        .strip_prefix("sloppy-")
        .and_then(|name| name.parse().ok())
        .unwrap_or(encode);
    let Kind::SingleByte(id) = strict.kind() else {
        return Vec::new();
    };
    // The Windows code pages' C1 stand-ins are bytes CPython's codecs
    // leave undefined; ISO 8859's C1 controls are its own.
    let windows = strict.name().starts_with("windows-");
    (0x80..=0xFF)
        .filter(|&b| {
            let read = single_byte::decode_byte(id, b);
            read.is_none() || (windows && b < 0xA0 && read == Some(char::from(b)))
        })
        .collect()
}

/// Bytes of context before a filled byte.
const FILL_WINDOW: usize = 8;

/// See [`crate::ByteRepair::FillUndefined`]. Each candidate is judged on the
/// decoding of the bytes from [`FILL_WINDOW`] before it to the byte after
/// it (the decoder keeps a character cut at the end for later, so a
/// candidate that ends a character and one that starts one are judged
/// alike; where the window starts mid-character, it does so for every
/// candidate alike, and the work stays linear). A byte is filled only when
/// one candidate beats all others by [`FILL_MARGIN`]; otherwise it stays
/// lost, and [`super::decode_with_losses`] writes U+FFFD for its character.
pub(super) fn fill_undefined(
    bytes: &mut Vec<u8>,
    encode: Codec,
    decode: Codec,
    around: Around<'_>,
) {
    let Kind::Multi(encoding) = decode.kind() else {
        if matches!(decode, Codec::Utf8 | Codec::Utf8Variants) {
            fill_undefined_utf8(bytes, encode, &undefined_bytes(encode), around);
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
            // The character before the piece, where the window starts it.
            let prev = (start == 0)
                .then(|| around.before.chars().next_back())
                .flatten();
            let cost = fill_cost(decode, prev, &text);
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
fn fill_undefined_utf8(bytes: &mut [u8], encode: Codec, undefined: &[u8], around: Around<'_>) {
    // A second pass judges the bytes left lost by what the first restored
    // after them (`ρ` before the `ΐ` that is the word's stress mark).
    if fill_pass_utf8(bytes, encode, undefined, around) {
        fill_pass_utf8(bytes, encode, undefined, around);
    }
}

/// One pass of [`fill_undefined_utf8`]: whether it restored a byte and
/// left one lost.
fn fill_pass_utf8(bytes: &mut [u8], encode: Codec, undefined: &[u8], around: Around<'_>) -> bool {
    let (mut restored, mut left) = (false, false);
    for p in 0..bytes.len() {
        if bytes[p] != LOST {
            continue;
        }
        let Some(byte) = fill_at(bytes, p, Some(encode), undefined, around) else {
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
/// `encode`, the code page that read the bytes, if known, lets a layer of
/// mojibake under this one choose (see [`layer_under`]).
fn fill_at(
    bytes: &mut [u8],
    p: usize,
    encode: Option<Codec>,
    undefined: &[u8],
    around: Around<'_>,
) -> Option<u8> {
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
    let mut candidates: Vec<(i32, u8, char)> = Vec::with_capacity(undefined.len());
    let mut invisible = false;
    // The candidates that are accents of living orthographies.
    let mut accents: Vec<u8> = Vec::new();
    let was = bytes[p];
    // `”` is the usual mark only where it is the one quotation mark a
    // lost byte may be (windows-1252's 9D); windows-1253 leaves `“`, `‘`
    // and `„` undefined too.
    let spelt = |bytes: &mut [u8], candidate: u8| {
        bytes[p] = candidate;
        let c = std::str::from_utf8(&bytes[q..end])
            .ok()
            .and_then(|s| s.chars().next());
        bytes[p] = was;
        c
    };
    let quotes = undefined
        .iter()
        .filter(|&&b| spelt(bytes, b).is_some_and(quotation_mark))
        .count();
    for &candidate in undefined {
        bytes[p] = candidate;
        let Some(c) = std::str::from_utf8(&bytes[q..end])
            .ok()
            .and_then(|s| s.chars().next())
        else {
            continue;
        };
        if common_accent(c) {
            accents.push(candidate);
        }
        let presentation = emoji_presentation(c, prev) || emoji_joiner(c, prev, next);
        if !restorable(c) && !presentation {
            invisible |= may_be_lost(c, prev, next)
                && !unmarked(c, prev, || {
                    let (before, after, _, _) = context(bytes, q, end, WORD_WINDOW, around);
                    before + &after
                });
            continue;
        }
        // Between emoji the joiner is the usual one, not `”`.
        let quote = c == '\u{201D}' && quotes == 1 && !emoji_joiner('\u{200D}', prev, next);
        let usual = quote || presentation || emoji_before_presentation(c, next);
        let cost = crate::score::text_cost(&format!("{before}{c}{after}"))
            - if usual { USUAL_MARK } else { 0 };
        candidates.push((cost, candidate, c));
    }
    bytes[p] = was;
    // An accent after a letter, in decomposed text (as macOS writes file
    // names): where one candidate is an accent that living orthographies
    // use and the others are marks they do not (`\u{301}` among
    // U+030D, U+030F, U+0310 and U+031D, for CC and a lost byte), it was
    // the one.
    if let ([accent], true) = (&accents[..], candidates.is_empty()) {
        if prev.is_some_and(char::is_alphabetic) {
            return Some(*accent);
        }
    }
    // A layer of mojibake under this one may tell even an invisible
    // character apart.
    if let Some(byte) =
        encode.and_then(|encode| layer_under(bytes, q, end, encode, &candidates, around))
    {
        return Some(byte);
    }
    if invisible {
        return Some(LOST);
    }
    Some(choose_fill(&mut candidates, || Word::around(bytes, q, end, around)).unwrap_or(LOST))
}

/// Among the candidates for a lost byte (cost, byte, character), the one
/// that a layer of mojibake under this one needs. Text garbled twice
/// through a strict windows-1252 loses the second byte of `Ð` (C3 90),
/// and `Ã\u{FFFD}` stands for any of `ÁÍÏÐÝ`: in Russian garbled so, `Ð`
/// and the character after it spell `П` (D0 9F) in the layer under,
/// where the others spell nothing or `͟`, `ϟ`, `ݟ`; and the last byte of
/// `”` (E2 80 9D), whose `â€\u{FFFD}` after `Î` is Greek `Δ` (CE 94)
/// under. The one candidate that, with the characters beside it, spells
/// under `encode` a UTF-8 sequence of a letter in the one script that the
/// line's other such sequences (two at least, within [`WORD_WINDOW`])
/// spell is chosen.
fn layer_under(
    bytes: &[u8],
    q: usize,
    end: usize,
    encode: Codec,
    candidates: &[(i32, u8, char)],
    around: Around<'_>,
) -> Option<u8> {
    use crate::score::{class, script_id};
    let Kind::SingleByte(id) = encode.kind() else {
        return None;
    };
    if candidates.len() < 2 {
        return None;
    }
    let byte = |c: char| single_byte::encode_char(id, c);
    // The letter of the UTF-8 sequence under that starts at `seq[at]`, if
    // one does, and its length.
    let letter_at = |seq: &[u8], at: usize| -> Option<(char, usize)> {
        let n = utf8_len(*seq.get(at)?);
        let c = std::str::from_utf8(seq.get(at..at + n)?)
            .ok()?
            .chars()
            .next()?;
        (n > 1 && c.is_alphabetic() && restorable(c)).then_some((c, n))
    };
    let (before, after, _, _) = context(bytes, q, end, WORD_WINDOW, around);
    let mut script = None;
    let mut seen = 0;
    for side in [&before, &after] {
        // A character the code page lacks (a lost one) breaks a sequence.
        let seq: Vec<u8> = side.chars().map(|c| byte(c).unwrap_or(0)).collect();
        let mut i = 0;
        while i < seq.len() {
            let Some((c, n)) = letter_at(&seq, i) else {
                i += 1;
                continue;
            };
            let s = script_id(class(c));
            if script.is_some_and(|x| x != s) {
                return None;
            }
            script = Some(s);
            seen += 1;
            i += n;
        }
    }
    let script = script.filter(|_| seen >= 2)?;
    // The bytes under of three characters either side of the candidate.
    let mut near: Vec<u8> = before
        .chars()
        .rev()
        .take(3)
        .map(|c| byte(c).unwrap_or(0))
        .collect();
    near.reverse();
    let at = near.len();
    near.push(0);
    near.extend(after.chars().take(3).map(|c| byte(c).unwrap_or(0)));
    let mut fits = candidates.iter().filter(|&&(_, _, c)| {
        let Some(b) = byte(c) else {
            return false;
        };
        near[at] = b;
        (at.saturating_sub(3)..=at).any(|k| {
            letter_at(&near, k).is_some_and(|(u, n)| k + n > at && script_id(class(u)) == script)
        })
    });
    match (fits.next(), fits.next()) {
        (Some(&(_, byte, _)), None) => Some(byte),
        _ => None,
    }
}

/// The character [`crate::ByteRepair::FillDropped`] would restore from `seq`, a
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

/// The byte [`crate::ByteRepair::FillDropped`] puts back at `p`, the last byte
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
    let byte = fill_at(bytes, p, None, &UNDEFINED_1252, around).filter(|&b| b != LOST)?;
    spelt(bytes, byte).is_some_and(viable).then_some(byte)
}

/// Where `bytes[i]` starts a UTF-8 sequence one byte short, as a decoder
/// that dropped its last byte leaves it: a 2-byte lead alone, or a 3-byte
/// lead with one continuation byte, before anything but a continuation
/// byte. How many bytes it kept.
fn short_sequence(bytes: &[u8], i: usize) -> Option<usize> {
    let n = utf8_len(bytes[i]);
    let cont = |k: usize| bytes.get(k).is_some_and(|&b| is_cont(b));
    match n {
        2 if bytes[i] >= 0xC2 && !cont(i + 1) => Some(1),
        3 if cont(i + 1) && !cont(i + 2) => Some(2),
        _ => None,
    }
}

/// See [`crate::ByteRepair::FillDropped`]: each sequence one byte short (see
/// [`short_sequence`]) gets back the last byte that [`dropped_byte`]
/// finds; where none is, its bytes go back to the characters the wrong
/// decoder read them as (`wrong`), in UTF-8.
pub(super) fn fill_dropped(bytes: &[u8], wrong: Codec, around: Around<'_>) -> Vec<u8> {
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
    /// The two characters before it and after it for a letter model,
    /// the nearer one next to it; the edge of the text is known.
    before: [Neighbour; 2],
    after: [Neighbour; 2],
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
            before: {
                let mut back = before.chars().rev();
                let (prev, prev2) = (back.next(), back.next());
                [neighbour(prev2), neighbour(prev)]
            },
            after: {
                let mut on = after.chars();
                [neighbour(on.next()), neighbour(on.next())]
            },
            context: context.collect(),
        }
    }
}

/// A character beside a lost one, for a letter model.
fn neighbour(c: Option<char>) -> Neighbour {
    match c {
        Some(c) if lost_char(c) => Neighbour::Unknown,
        c => Neighbour::Known(c),
    }
}

/// The letter models for choosing among `contenders` in `context`: of
/// the models whose script the contenders' letters are letters of (the
/// rest, digits and marks, count as a word's edge), and whose language
/// writes every letter of `context`, the one the letters of `context` are
/// likeliest in (Russian, Ukrainian, Bulgarian, Serbian or Macedonian for
/// Cyrillic; Arabic or
/// Persian), and any other [`LANGUAGE_DOUBT`] as likely: a few letters
/// around (`Ро?си?`) tell Russian from Ukrainian no better than chance.
/// None where `context` has no letter, or one the language seldom writes
/// (Serbian `ј`, `љ` in the text around rule out Russian, Ukrainian and
/// Bulgarian; Kazakh `қ` rules out all the Cyrillic models).
/// `None` where the context reads as no text of the language at all
/// ([`SOUP`]: the middle layer of text garbled twice is a
/// soup of its letters), and no letter should be chosen.
fn letter_models(contenders: &[char], context: &str) -> Option<Vec<&'static LetterModel>> {
    let Some(first) = contenders.iter().copied().find(|c| c.is_alphabetic()) else {
        return Some(Vec::new());
    };
    let mut fitting: Vec<(i32, &'static LetterModel)> = LetterModel::for_letter(first)
        .filter(|m| {
            contenders
                .iter()
                .all(|&c| m.symbol_of(c) != 0 || !c.is_alphabetic())
                && !context.chars().any(|c| m.symbol_of(c) == 1)
        })
        .filter_map(|m| {
            let (cost, letters) = m.text(context);
            // Per letter, in hundredths of a half-bit, against what random
            // letters of the alphabet cost.
            (letters > 0).then(|| (cost * 100 / letters as i32 - m.uniform() * 100, m))
        })
        .collect();
    let best = fitting.iter().map(|&(cost, _)| cost).min().unwrap_or(0);
    if best > SOUP {
        return None;
    }
    fitting.retain(|&(cost, _)| cost - best <= LANGUAGE_DOUBT);
    Some(fitting.into_iter().map(|(_, m)| m).collect())
}

/// See [`letter_models`]: half a half-bit a letter, in hundredths.
const LANGUAGE_DOUBT: i32 = 50;
/// See [`letter_models`]: how much more than random letters of the
/// alphabet the pairs of the text around may cost a letter, in
/// hundredths of a half-bit. Text of the language costs 2 or 3 half-bits
/// a letter less, but with its lost letters left out up to 2.5 more
/// (`ЗПСОЙ` for `ЗАПАСНОЙ`); Greek garbled once more as windows-1253
/// (`Ξ¤ΞΏ Ξ±ΟΟ‡ΞµΞ―ΞΏ`) 15 more.
const SOUP: i32 = 600;

/// The byte [`fill_undefined_utf8`] restores among `candidates` (cost,
/// byte, character), if one is clearly best: the only one, or one the
/// model prefers by [`FILL_MARGIN`]; among Latin letters the model weighs
/// alike, the only one that keeps the text around in one language's
/// alphabet, in the case of the letters beside it and, in Vietnamese,
/// within its syllable's rules of tone and rhyme; among letters of a
/// script with letter models (Cyrillic, Greek, Hebrew, Arabic, Thai), one
/// that the two letters either side make [`MODEL_MARGIN`] half-bits
/// likelier than each other under every model of a language the text
/// around may be in (`с` in `Ра?писание`, `ก` in `?รุงเทพ`), once Greek
/// spelling has ruled out what it rules out (`ρ` over `ύ` where the word
/// has its stress mark elsewhere, `ύ` over `ρ` in `σ?στημα`); in a word
/// of one letter (`я`, `с`), or where no model knows the text around
/// (Kazakh), one whose language writes it [`RARITY_MARGIN`] half-bits
/// more often than each other.
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
            .filter(|&c| !(inside && crate::detect::rare_latin(c)))
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
    let misspelt = |c: char| {
        let spelt = format!("{}{c}{}", word.left, word.right);
        let misspelt = crate::detect::greek_stress_misspelt(&spelt, word.whole, word.enclitic)
            || (word.whole && crate::detect::greek_ending_misspelt(&spelt))
            || crate::detect::cyrillic_misplaced(c, word.prev, word.next);
        if misspelt {
            MISSPELT
        } else {
            0
        }
    };
    // The letters beside it choose, where a letter model knows them (`с`
    // in `Мо?ква`); else each letter's frequency.
    // Beside its letters, digits and punctuation count as a word's edge;
    // a mark or a code point no one assigned is no contender.
    // A word of one letter has nothing for the model to go by (`я` and
    // `с` are both words); a lost neighbour leaves it half its evidence.
    let alone = word.before[1].is_edge() && word.after[0].is_edge();
    // Letters in a soup of the script's letters (the middle layer of
    // text garbled twice) are no one's to choose.
    let models = letter_models(&contenders, &word.context)?;
    let models = if alone { Vec::new() } else { models };
    if !models.is_empty() {
        let lost_beside = [word.before[1], word.after[0]]
            .iter()
            .any(|n| matches!(n, Neighbour::Unknown));
        // More rivals, more chances for one to look best by chance.
        let rivals = contenders.len() as i32;
        let margin = MODEL_MARGIN
            + if lost_beside { LOST_BESIDE_MARGIN } else { 0 }
            + (rivals - MODEL_RIVALS).max(0) / 3;
        // Each model's choice and its lead: the language's doubt must not
        // reach the letter.
        let mut choice = None;
        for model in models {
            let mut ranked: Vec<(i32, char)> = contenders
                .iter()
                .filter(|&&c| model.symbol_of(c) != 0 || c.is_numeric() || punctuation(c))
                .map(|&c| (model.between(word.before, c, word.after) + misspelt(c), c))
                .collect();
            ranked.sort_unstable();
            let (first, c) = *ranked.first()?;
            let lead = ranked
                .get(1)
                .map_or(i32::MAX, |&(second, _)| second - first);
            if lead < margin || choice.is_some_and(|chosen| chosen != c) {
                return None;
            }
            choice = Some(c);
        }
        return choice.and_then(|c| candidates.iter().find(|t| t.2 == c).map(|t| t.1));
    }
    let ranked: Option<Vec<(i32, char)>> = contenders
        .iter()
        .map(|&c| crate::detect::letter_rarity(c).map(|r| (r + misspelt(c), c)))
        .collect();
    let mut ranked = ranked?;
    ranked.sort_unstable();
    let (first, c) = ranked[0];
    (ranked[1].0 - first >= RARITY_MARGIN)
        .then(|| candidates.iter().find(|t| t.2 == c).map(|t| t.1))
        .flatten()
}

/// See [`choose_fill`]: eight times as common.
const RARITY_MARGIN: i32 = 6;
/// See [`choose_fill`]: thirty-two times as likely beside its letters.
/// At eight times, one Russian or Greek letter in fourteen that the
/// letter models restored from CPython's strict decoders was wrong
/// (`Курс` as `Куря`); at thirty-two, one in fifty (held-out sentences,
/// `scripts/python-codec-check`).
const MODEL_MARGIN: i32 = 10;
/// The most contenders that [`MODEL_MARGIN`] is for; it grows by one
/// half-bit for every three more (CPython's cp874 leaves 23 bytes
/// undefined, and a Russian letter read by it has 15 rivals).
const MODEL_RIVALS: i32 = 5;
/// What [`MODEL_MARGIN`] grows by where a letter beside the lost one is
/// lost too: `ЦЕНТРОБ??К` has `А` and `Н` either way round.
const LOST_BESIDE_MARGIN: i32 = 6;
/// See [`choose_fill`]: a letter that misspells its word counts as this
/// much rarer.
const MISSPELT: i32 = 12;

/// What `”` gains in [`fill_undefined_utf8`] for being a mark that running
/// text uses: of all the characters a lost byte can stand for, it is the
/// only one (the others are letters, which the model weighs, and C1
/// controls, spaces and format characters).
const USUAL_MARK: i32 = 4;

/// Whether `c`, a combining mark after `prev`, is one of the points of
/// a script that a letter model knows and that the text around (`text`)
/// writes without them: Hebrew and Arabic text is mostly unpointed, and
/// a lost byte after `ש` is a letter (`ל`, `מ`), not the shin dot that
/// the same byte also makes.
fn unmarked(c: char, prev: Option<char>, text: impl FnOnce() -> String) -> bool {
    let block = |x: char| x as u32 >> 8;
    unicode_normalization::char::is_combining_mark(c)
        && prev.is_some_and(|p| block(p) == block(c) && LetterModel::for_letter(p).next().is_some())
        && !text()
            .chars()
            .any(|x| block(x) == block(c) && unicode_normalization::char::is_combining_mark(x))
}

/// The punctuation of the scripts with letter models and of General
/// Punctuation that a lost byte may stand for beside their letters:
/// Arabic `،` `؛` `؟`, Hebrew `־` `׳` `״`, Greek `·` `;`, Thai `๏` `๚` `๛`.
fn punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{060C}'
            | '\u{061B}'
            | '\u{061F}'
            | '\u{06D4}'
            | '\u{05BE}'
            | '\u{05C0}'
            | '\u{05C3}'
            | '\u{05C6}'
            | '\u{05F3}'
            | '\u{05F4}'
            | '\u{0387}'
            | '\u{037E}'
            | '\u{0E4F}'
            | '\u{0E5A}'
            | '\u{0E5B}'
            | '\u{2010}'..='\u{205E}'
    )
}

/// Quotation marks of General Punctuation (`“”‘’‚„‹›`).
fn quotation_mark(c: char) -> bool {
    matches!(c, '\u{2018}'..='\u{201F}' | '\u{2039}' | '\u{203A}')
}

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

/// Whether `c` is a combining accent that the letters of living
/// orthographies decompose into (grave, acute, circumflex, tilde, macron,
/// breve, dot above, diaeresis, hook above, ring, double acute, caron,
/// horn, dot below, comma below, cedilla, ogonek), as decomposed text
/// writes them after their letters.
fn common_accent(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{304}'
            | '\u{306}'..='\u{30C}'
            | '\u{31B}'
            | '\u{323}'
            | '\u{326}'..='\u{328}'
    )
}

/// Whether a lost byte may be restored as `c`: not as a space, a control
/// or format character, a combining mark, or a code point text does not
/// use, which no model can tell apart from the next.
fn restorable(c: char) -> bool {
    use crate::score::classes::*;
    // The Greek block's archaic letters and Coptic (`Ϙ`, `Ϫ`), which
    // windows-1253's lost bytes spell beside the modern letters, and `Ϊ`,
    // which only text in capitals has, where its rivals are capitals too.
    !('\u{03CF}'..='\u{03FF}').contains(&c)
        && c != 'Ϊ'
        // Nor the ideographs of planes 2 and 3, rare in text, which a lost
        // second byte of an emoji spells as well (`𪙂` for `🙂`).
        && !('\u{20000}'..='\u{3FFFF}').contains(&c)
        // Thai writes its vowels and tones as marks, which its letter
        // model weighs like its letters.
        && (!unicode_normalization::char::is_combining_mark(c) || crate::score::class(c) == THAI)
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

/// What [`fill_undefined`] minimizes: the model's cost, less what the
/// codec's standard says of the character: an ideograph of its frequent
/// set is what its users wrote (`世` over `△`, `新` over `〃`), one in
/// common use in its language more so (`丈` over `堺` and `蝉`, all three
/// in JIS X 0208's first level, only `丈` a Jōyō kanji), and a mark that
/// running text punctuates sentences with more so than any one ideograph
/// (`、` over `港`, `！` over `巧`), as is a percent sign after a digit
/// (`20％` over `20酷`), but for the long-vowel mark `ー`, which
/// lengthens the kana before it and follows nothing else (`深海` is not
/// `ー海`).
fn fill_cost(decode: Codec, mut prev: Option<char>, text: &str) -> i32 {
    let kana = |c: char| ('\u{3041}'..='\u{30FF}').contains(&c);
    let common = text
        .chars()
        .map(|c| {
            let bonus = match c {
                '\u{4E00}'..='\u{9FFF}' if decode.frequent_ideograph(c) => {
                    2 + 2 * i32::from(decode.ideograph_use(c) == Some(0))
                }
                'ー' if !prev.is_some_and(kana) => 0,
                '％' if prev
                    .is_some_and(|p: char| p.is_ascii_digit() || ('０'..='９').contains(&p)) =>
                {
                    6
                }
                c if is_cjk_punctuation(c) => 6,
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
