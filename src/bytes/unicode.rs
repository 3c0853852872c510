//! The Unicode encoding forms: byte order marks, UTF-8 with a count of
//! the bytes it cannot decode, UTF-16 in either byte order, and the test
//! for UTF-16 that came without a BOM.

use std::borrow::Cow;

use super::Decoding;

/// The decoding a byte order mark at the start of `bytes` announces, and
/// the mark's length.
///
/// `FF FE 00 00` (UTF-32 LE) is taken for UTF-16 LE followed by U+0000:
/// the crate does not decode UTF-32, and the NUL stays visible.
pub(super) fn sniff_bom(bytes: &[u8]) -> Option<(Decoding, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((Decoding::Utf8Bom, 3)),
        [0xFF, 0xFE, ..] => Some((Decoding::Utf16LeBom, 2)),
        [0xFE, 0xFF, ..] => Some((Decoding::Utf16BeBom, 2)),
        _ => None,
    }
}

/// `bytes` as UTF-8, borrowed when valid; otherwise each maximal invalid
/// sequence becomes one U+FFFD (as [`String::from_utf8_lossy`] does), and
/// the second value counts the bytes so replaced.
pub(super) fn utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            bad += chunk.invalid().len();
        }
    }
    (Cow::Owned(out), bad)
}

/// `bytes` as UTF-16 (big-endian if `big_endian`), with a lone surrogate
/// or a final odd byte each becoming U+FFFD; the second value counts the
/// bytes so replaced.
pub(super) fn utf16(bytes: &[u8], big_endian: bool) -> (String, usize) {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut bad = 0;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => out.push(c),
            Err(_) => {
                out.push('\u{FFFD}');
                bad += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        out.push('\u{FFFD}');
        bad += 1;
    }
    (out, bad)
}

/// A BOM-less UTF-16 reading of some bytes (see [`utf16_without_bom`]).
pub(super) struct Utf16Reading {
    pub(super) decoding: Decoding,
    pub(super) text: String,
    /// Whether most code units are in the same 256-code-point block as the
    /// one before: text in one alphabet is (`नमस्ते` is 09xx throughout,
    /// `Привет` 04xx), while ASCII bytes paired up by a wrong reading are
    /// not.
    pub(super) coherent: bool,
}

/// The BOM-less UTF-16 readings of `bytes` worth comparing with the
/// others, in either byte order. Only input of even length with a byte
/// that text in UTF-8 or a legacy code page does not hold is tried (see
/// [`is_rare_control`]): UTF-16 has one in every character of ASCII
/// (`41 00`), Greek, Cyrillic, Hebrew, Arabic, Thai… (`1F 04` is `П`),
/// and in many others. A reading with a lone surrogate is not kept.
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Vec<Utf16Reading> {
    if bytes.len() % 2 == 1 || !bytes.iter().any(|&b| is_rare_control(b)) {
        return Vec::new();
    }
    [(Decoding::Utf16Le, false), (Decoding::Utf16Be, true)]
        .into_iter()
        .filter_map(|(decoding, big_endian)| {
            let (text, bad) = utf16(bytes, big_endian);
            if bad > 0 {
                return None;
            }
            let high = |pair: &[u8]| if big_endian { pair[0] } else { pair[1] };
            let units = bytes.len() / 2;
            let same = bytes
                .chunks_exact(2)
                .zip(bytes.chunks_exact(2).skip(1))
                .filter(|(a, b)| high(a) == high(b))
                .count();
            Some(Utf16Reading {
                decoding,
                text,
                coherent: units >= 2 && 2 * same >= units - 1,
            })
        })
        .collect()
}

/// A C0 control that text does not hold: not a tab, line break, vertical
/// tab, form feed, escape (of terminal colours) or 0x1A (the end of DOS
/// text files).
fn is_rare_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F)
}
