//! The record of how each piece of the input was decoded.

use std::fmt;
use std::ops::Range;

use crate::codec::Codec;

/// How a piece of the input was decoded.
///
/// ```
/// use unmojibake::{fix_bytes, Codec, Decoding};
///
/// let fixed = fix_bytes(b"\xef\xbb\xbfhello");
/// assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf8Bom);
/// assert_eq!(Decoding::Utf8Bom.bom_len(), 3);
/// assert_eq!(Decoding::Codec(Codec::Gbk).to_string(), "gbk");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Decoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 after the byte order mark `EF BB BF`.
    Utf8Bom,
    /// UTF-16 little-endian without a byte order mark.
    Utf16Le,
    /// UTF-16 little-endian after the byte order mark `FF FE`.
    Utf16LeBom,
    /// UTF-16 big-endian without a byte order mark.
    Utf16Be,
    /// UTF-16 big-endian after the byte order mark `FE FF`.
    Utf16BeBom,
    /// A legacy code page.
    Codec(Codec),
}

impl Decoding {
    /// The length of the byte order mark this decoding starts with (0 for
    /// none).
    ///
    /// ```
    /// use unmojibake::Decoding;
    /// assert_eq!(Decoding::Utf16BeBom.bom_len(), 2);
    /// assert_eq!(Decoding::Utf8.bom_len(), 0);
    /// ```
    pub fn bom_len(self) -> usize {
        match self {
            Decoding::Utf8Bom => 3,
            Decoding::Utf16LeBom | Decoding::Utf16BeBom => 2,
            _ => 0,
        }
    }

    /// A short name: `utf-8`, `utf-8 with bom`, `utf-16le`, …, or the
    /// codec's canonical name.
    ///
    /// ```
    /// use unmojibake::{Codec, Decoding};
    /// assert_eq!(Decoding::Utf16LeBom.name(), "utf-16le with bom");
    /// assert_eq!(Decoding::Codec(Codec::Windows1251).name(), "windows-1251");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Decoding::Utf8 => "utf-8",
            Decoding::Utf8Bom => "utf-8 with bom",
            Decoding::Utf16Le => "utf-16le",
            Decoding::Utf16LeBom => "utf-16le with bom",
            Decoding::Utf16Be => "utf-16be",
            Decoding::Utf16BeBom => "utf-16be with bom",
            Decoding::Codec(codec) => codec.name(),
        }
    }
}

impl fmt::Display for Decoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A run of the input decoded one way: the whole input for a BOM, UTF-16
/// or UTF-8, or consecutive lines that chose the same decoding.
///
/// ```
/// use unmojibake::{fix_bytes, Codec, Decoding};
///
/// let fixed = fix_bytes(b"caf\xe9\nna\xefve\n");
/// let run = &fixed.decodings()[0];
/// assert_eq!(run.decoding(), Decoding::Codec(Codec::Windows1252));
/// assert_eq!(run.range(), 0..11);
/// assert_eq!(run.text_range(), 0..13); // `é` and `ï` take two bytes each
/// assert_eq!(run.undecodable(), 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LineDecoding {
    range: Range<usize>,
    text_range: Range<usize>,
    decoding: Decoding,
    undecodable: usize,
}

impl LineDecoding {
    /// The bytes of the input this run covers (a BOM included).
    ///
    /// ```
    /// let fixed = unmojibake::fix_bytes(b"\xff\xfeh\x00i\x00");
    /// assert_eq!(fixed.decodings()[0].range(), 0..6);
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Where the run's text lies in [`FixedBytes::decoded`](crate::FixedBytes::decoded).
    ///
    /// ```
    /// let fixed = unmojibake::fix_bytes(b"\xff\xfeh\x00i\x00");
    /// assert_eq!(fixed.decodings()[0].text_range(), 0..2);
    /// ```
    pub fn text_range(&self) -> Range<usize> {
        self.text_range.clone()
    }

    /// How the run was decoded.
    ///
    /// ```
    /// use unmojibake::{fix_bytes, Decoding};
    /// assert_eq!(fix_bytes(b"plain").decodings()[0].decoding(), Decoding::Utf8);
    /// ```
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// How many bytes of the run could not be decoded and became U+FFFD
    /// (one U+FFFD per undecodable sequence).
    ///
    /// ```
    /// let fixed = unmojibake::fix_bytes(b"\xef\xbb\xbfok\xff");
    /// assert_eq!(fixed.decodings()[0].undecodable(), 1);
    /// assert_eq!(fixed.text(), "ok\u{FFFD}");
    /// ```
    pub fn undecodable(&self) -> usize {
        self.undecodable
    }
}

/// Appends a run to `record`, merging it into the last one when that one
/// ends where it starts and was decoded the same way.
pub(super) fn push_record(
    record: &mut Vec<LineDecoding>,
    range: Range<usize>,
    text_range: Range<usize>,
    decoding: Decoding,
    undecodable: usize,
) {
    if range.is_empty() {
        return;
    }
    if let Some(last) = record.last_mut() {
        if last.decoding == decoding && last.range.end == range.start {
            last.range.end = range.end;
            last.text_range.end = text_range.end;
            last.undecodable += undecodable;
            return;
        }
    }
    record.push(LineDecoding {
        range,
        text_range,
        decoding,
        undecodable,
    });
}
