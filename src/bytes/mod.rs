//! [`fix_bytes`]: text whose encoding is unknown, or mixed, decoded and
//! then repaired.
//!
//! The decisions, in order:
//! 1. A byte order mark (UTF-8, UTF-16 LE, UTF-16 BE) decides the whole
//!    input; the mark is dropped from the text and kept in the record.
//! 2. Input with a zero byte or another C0 control that text does not hold
//!    may be BOM-less UTF-16 (which has one in every ASCII, Cyrillic, Greek
//!    … character): a reading in either byte order without lone surrogates
//!    is taken if the model finds it more plausible than the reading of
//!    steps 3 and 4 (see `UTF16_MARGIN`). This comes before step 3
//!    because UTF-16 of ASCII or Cyrillic text is valid UTF-8.
//! 3. Input that is valid UTF-8 is UTF-8 (and is borrowed, not copied).
//! 4. Otherwise each line (split after `\n`) is decoded on its own: valid
//!    UTF-8 as UTF-8, the rest with the most plausible legacy code page
//!    (see `lines.rs`), which mixed UTF-8 and legacy files need.
//!
//! The decoded text then goes through [`crate::explain`]'s repair.

mod fit;
mod lines;
mod record;
mod thai;
mod unicode;

use std::borrow::Cow;

use crate::plan::Plan;
use record::push_record;
pub use record::{Decoding, LineDecoding};

/// What [`fix_bytes`] made of its input: the text, how each piece of the
/// input was decoded, and the plan of the mojibake repair that followed.
///
/// ```
/// use unmojibake::{apply_plan, fix_bytes, Decoding};
///
/// // UTF-8 that was once read as windows-1252: decoded, then repaired.
/// let fixed = fix_bytes("cafÃ©".as_bytes());
/// assert_eq!(fixed.text(), "café");
/// assert_eq!(fixed.decoded(), "cafÃ©");
/// assert_eq!(apply_plan(fixed.decoded(), fixed.plan()).unwrap(), "café");
/// assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf8);
/// assert_eq!(fixed.undecodable(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct FixedBytes<'a> {
    decoded: Cow<'a, str>,
    repaired: Option<String>,
    decodings: Vec<LineDecoding>,
    plan: Plan,
}

impl<'a> FixedBytes<'a> {
    /// The decoded and repaired text.
    ///
    /// ```
    /// assert_eq!(unmojibake::fix_bytes(b"\xc9t\xe9").text(), "Été");
    /// ```
    pub fn text(&self) -> &str {
        self.repaired.as_deref().unwrap_or(&self.decoded)
    }

    /// The decoded and repaired text, borrowed from the input when it was
    /// valid UTF-8 (without a BOM, or after one) that needed no repair.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// let fixed = unmojibake::fix_bytes("déjà vu".as_bytes());
    /// assert!(matches!(fixed.into_text(), Cow::Borrowed("déjà vu")));
    /// ```
    pub fn into_text(self) -> Cow<'a, str> {
        match self.repaired {
            Some(text) => Cow::Owned(text),
            None => self.decoded,
        }
    }

    /// The text as decoded, before the mojibake repair: what
    /// [`plan`](Self::plan) applies to.
    ///
    /// ```
    /// let fixed = unmojibake::fix_bytes("Ã©tÃ©".as_bytes());
    /// assert_eq!((fixed.decoded(), fixed.text()), ("Ã©tÃ©", "été"));
    /// ```
    pub fn decoded(&self) -> &str {
        &self.decoded
    }

    /// How the input was decoded, run by run, in input order; the runs
    /// cover the input without gaps (empty input has none).
    ///
    /// ```
    /// use unmojibake::{fix_bytes, Codec, Decoding};
    ///
    /// let mut bytes = "naïve\n".as_bytes().to_vec();
    /// bytes.extend_from_slice(b"caf\xe9\ncaf\xe9\n");
    /// let fixed = fix_bytes(&bytes);
    /// let how: Vec<_> = fixed.decodings().iter().map(|d| d.decoding()).collect();
    /// assert_eq!(how, [Decoding::Utf8, Decoding::Codec(Codec::Windows1252)]);
    /// ```
    pub fn decodings(&self) -> &[LineDecoding] {
        &self.decodings
    }

    /// The steps of the mojibake repair applied to
    /// [`decoded`](Self::decoded), empty when it needed none.
    ///
    /// ```
    /// assert!(unmojibake::fix_bytes(b"fine").plan().is_empty());
    /// ```
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The number of input bytes that could not be decoded, over all runs.
    ///
    /// ```
    /// assert_eq!(unmojibake::fix_bytes(b"\xfe\xff\xd8\x00").undecodable(), 2);
    /// ```
    pub fn undecodable(&self) -> usize {
        self.decodings.iter().map(LineDecoding::undecodable).sum()
    }
}

/// Decodes `bytes`, whose encoding is unknown or mixed, and repairs the
/// mojibake in the result as [`explain`](crate::explain) does.
///
/// A byte order mark decides the encoding; otherwise UTF-16 is recognised
/// by its zero and control bytes, valid UTF-8 is UTF-8, and the rest is decoded
/// line by line, each line with UTF-8 or the legacy code page that reads it
/// most plausibly (windows-125x, windows-874, ISO-8859-2, KOI8-R, GBK,
/// GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR), leaning towards the code
/// page that won the file's other lines. Never panics; bytes that no
/// chosen decoding defines become U+FFFD and are counted in
/// [`FixedBytes::decodings`].
///
/// ```
/// use unmojibake::{fix_bytes, Codec, Decoding};
///
/// let fixed = fix_bytes(b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0!");
/// assert_eq!(fixed.text(), "Привет, мир!");
/// assert_eq!(fixed.decodings()[0].decoding(), Decoding::Codec(Codec::Windows1251));
///
/// let utf16: Vec<u8> = "Grüße\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// let fixed = fix_bytes(&utf16);
/// assert_eq!(fixed.text(), "Grüße\n");
/// assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf16Le);
/// ```
pub fn fix_bytes(bytes: &[u8]) -> FixedBytes<'_> {
    let (decoded, decodings) = decode(bytes);
    let explained = crate::explain(&decoded);
    let plan = explained.plan().clone();
    let repaired = if plan.is_empty() {
        None
    } else {
        Some(explained.into_text().into_owned())
    };
    FixedBytes {
        decoded,
        repaired,
        decodings,
        plan,
    }
}

/// How much more plausible than the plain reading (steps 3 and 4) a
/// BOM-less UTF-16 reading must be when its code units wander from block
/// to block, as CJK text does and as ASCII bytes paired up by a wrong
/// reading do: it must cost at most half as much, less this. A NUL among
/// ASCII letters costs 10 to 18 and a pair of ASCII letters read as UTF-16
/// is an ideograph costing 4 or 5, so UTF-8 with a stray NUL stays UTF-8,
/// while real UTF-16 read plainly is full of NULs and controls. A reading
/// that stays in one block (an alphabet, or ASCII) needs only to be more
/// plausible than the plain one.
const UTF16_MARGIN: i64 = 4;

/// The decoding half of [`fix_bytes`].
fn decode(bytes: &[u8]) -> (Cow<'_, str>, Vec<LineDecoding>) {
    let mut record = Vec::new();
    if let Some((decoding, bom)) = unicode::sniff_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        let (text, bad) = match decoding {
            Decoding::Utf8Bom => unicode::utf8_lossy(body),
            _ => {
                let (text, bad) = unicode::utf16(body, decoding == Decoding::Utf16BeBom);
                (Cow::Owned(text), bad)
            }
        };
        push_record(&mut record, 0..bytes.len(), 0..text.len(), decoding, bad);
        return (text, record);
    }
    let plain = decode_plain(bytes);
    let utf16 = unicode::utf16_without_bom(bytes);
    if utf16.is_empty() {
        return plain;
    }
    // Compare the UTF-16 readings with the plain one. Every reading decodes
    // the same bytes, so whole costs compare as costs per byte would. A
    // byte order that keeps code units in one block beats one that does
    // not, whatever the model says: Armenian costs more than the
    // ideographs its bytes make the other way round.
    let plain_cost = cost(&plain.0);
    let best = utf16
        .into_iter()
        .map(|reading| (cost(&reading.text), reading))
        .filter(|(c, reading)| {
            if reading.coherent {
                *c < plain_cost
            } else {
                c.saturating_mul(2).saturating_add(UTF16_MARGIN) <= plain_cost
            }
        })
        .min_by_key(|(c, reading)| (!reading.coherent, *c));
    match best {
        Some((_, reading)) => {
            let (decoding, text) = (reading.decoding, reading.text);
            push_record(&mut record, 0..bytes.len(), 0..text.len(), decoding, 0);
            (Cow::Owned(text), record)
        }
        None => plain,
    }
}

/// Steps 3 and 4 of the module docs: UTF-8, or line by line.
fn decode_plain(bytes: &[u8]) -> (Cow<'_, str>, Vec<LineDecoding>) {
    let mut record = Vec::new();
    if let Ok(text) = std::str::from_utf8(bytes) {
        push_record(
            &mut record,
            0..bytes.len(),
            0..text.len(),
            Decoding::Utf8,
            0,
        );
        return (Cow::Borrowed(text), record);
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    lines::decode(bytes, &mut out, &mut record);
    (Cow::Owned(out), record)
}

/// The model's cost of `text` (see [`crate::score::text_cost`]), summed
/// over pieces so that no input can overflow it.
fn cost(text: &str) -> i64 {
    const PIECE: usize = 1 << 16;
    let mut total = 0i64;
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        total = total.saturating_add(i64::from(crate::score::text_cost(&rest[..end])));
        rest = &rest[end..];
    }
    total
}

#[cfg(test)]
mod tests;
