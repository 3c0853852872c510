//! Character encodings: the [`Codec`] type, with strict encoders and
//! decoders that fail at the first character or byte they cannot map.
//!
//! Multi-byte CJK codecs go through `encoding_rs`; single-byte code pages
//! use tables generated from `encoding_rs` (and, for the DOS code pages it
//! lacks, CPython's codecs) into `sb_tables.rs`; the UTF-8 variants decoder
//! (CESU-8, Java's modified UTF-8) is ours.

#[rustfmt::skip]
mod common_han;
mod hangul_fill;
#[rustfmt::skip]
mod big5_cpython;
#[rustfmt::skip]
mod frequent;
mod names;
#[rustfmt::skip]
pub(crate) mod sb_tables;
pub(crate) mod single_byte;
pub(crate) mod utf8_variants;

use std::fmt;

use crate::error::{Error, ErrorKind};

/// A character encoding that unmojibake can encode to and decode from.
///
/// Names follow the WHATWG Encoding Standard where it has one, and Python's
/// codec names otherwise; [`Codec::name`] gives the canonical name, and
/// [`str::parse`] accepts it together with common aliases (`latin-1`,
/// `cp1252`, `sjis`, …), ignoring case.
///
/// ```
/// use unmojibake::Codec;
///
/// let codec: Codec = "cp1252".parse().unwrap();
/// assert_eq!(codec, Codec::Windows1252);
/// assert_eq!(codec.to_string(), "windows-1252");
/// assert_eq!(codec.encode("café").unwrap(), b"caf\xe9");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Codec {
    /// UTF-8, strict.
    Utf8,
    /// UTF-8 that also accepts CESU-8 surrogate pairs and Java's `C0 80`
    /// for U+0000. Encodes as plain UTF-8.
    Utf8Variants,
    /// True ISO-8859-1: every byte is the code point of the same number.
    Latin1,
    /// windows-1250 (Central European).
    Windows1250,
    /// windows-1251 (Cyrillic).
    Windows1251,
    /// windows-1252 (Western), as the WHATWG defines it.
    Windows1252,
    /// windows-1253 (Greek), with its undefined bytes.
    Windows1253,
    /// windows-1254 (Turkish).
    Windows1254,
    /// windows-1255 (Hebrew), with its undefined bytes.
    Windows1255,
    /// windows-1256 (Arabic).
    Windows1256,
    /// windows-1257 (Baltic), with its undefined bytes.
    Windows1257,
    /// windows-1258 (Vietnamese).
    Windows1258,
    /// windows-874 (Thai), with its undefined bytes.
    Windows874,
    /// windows-1250 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1250,
    /// windows-1251 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1251,
    /// windows-1252 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1252,
    /// windows-1253 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1253,
    /// windows-1254 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1254,
    /// windows-1255 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1255,
    /// windows-1256 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1256,
    /// windows-1257 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1257,
    /// windows-1258 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows1258,
    /// windows-874 with undefined bytes mapped to the same-numbered code point.
    SloppyWindows874,
    /// ISO-8859-2 (Latin-2).
    Iso8859_2,
    /// ISO-8859-5 (Cyrillic).
    Iso8859_5,
    /// ISO-8859-7 (Greek).
    Iso8859_7,
    /// ISO-8859-15 (Latin-9).
    Iso8859_15,
    /// KOI8-R (Russian).
    Koi8R,
    /// KOI8-U (Ukrainian).
    Koi8U,
    /// IBM866 (DOS Cyrillic).
    Ibm866,
    /// Mac OS Roman (with `€` at 0xDB, as the WHATWG defines it).
    MacRoman,
    /// IBM code page 437 (DOS US).
    Cp437,
    /// IBM code page 850 (DOS Western Europe).
    Cp850,
    /// GBK (Simplified Chinese), as the WHATWG defines it.
    Gbk,
    /// GB18030 (Simplified Chinese, all of Unicode).
    Gb18030,
    /// Big5 (Traditional Chinese), with the HKSCS extensions on decode.
    Big5,
    /// Shift_JIS, in the windows-31J (cp932) form browsers use.
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// EUC-KR, in the windows-949 form browsers use; decoding also puts
    /// KS X 1001's eight-byte syllables back together (the Hangul filler
    /// and three jamo, as CPython's `euc_kr` writes a syllable outside
    /// the standard's 2,350: `똠`).
    EucKr,
}

/// What a [`Codec`] is made of, for dispatch.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Utf8,
    Utf8Variants,
    SingleByte(u8),
    Multi(&'static encoding_rs::Encoding),
}

/// Where the generated tables of `frequent.rs` keep the bit of `c`, a
/// unified ideograph of U+4E00-U+9FFF: its word and its bit in it.
#[inline]
fn ideograph_bit(c: char) -> Option<(usize, u32)> {
    let i = (c as usize)
        .checked_sub(0x4E00)
        .filter(|&i| i < 0xA000 - 0x4E00)?;
    Some((i / 64, (i % 64) as u32))
}

impl Codec {
    /// How far from common use among this CJK codec's users an ideograph
    /// of U+4E00-U+9FFF is: 0 if it is in common use, 1 if in general use,
    /// 2 otherwise, by the Chinese measure for GBK, GB18030 and Big5 (the
    /// thousand most frequent in Mandarin and the like, then China's 3,500
    /// characters for everyday use), the Japanese one for Shift_JIS and
    /// EUC-JP (the Jōyō kanji, then the kanji for names) and the Korean one
    /// for EUC-KR (the Hanja of Korean schools). A lookup in a table that
    /// `scripts/gen-common-han` writes from Unicode's Unihan database.
    /// `None` for any other character or codec.
    pub(crate) fn ideograph_use(self, c: char) -> Option<u8> {
        let rows = match self {
            Codec::Gbk | Codec::Gb18030 | Codec::Big5 => 0,
            Codec::ShiftJis | Codec::EucJp => 2,
            Codec::EucKr => 4,
            _ => return None,
        };
        let (word, bit) = ideograph_bit(c)?;
        let has = |row: usize| u8::from(common_han::COMMON_HAN[rows + row][word] >> bit & 1 != 0);
        Some(2 - has(0) - has(1))
    }
}

impl Codec {
    /// Whether `c` is in the frequent set of ideographs that this CJK
    /// codec's national standard defines: GB2312 level 1, Big5's
    /// frequently used block, JIS X 0208 level 1; for EUC-KR, any Hanja it
    /// has, and for other codecs any ideograph they encode (true for a
    /// character that is not a unified ideograph of U+4E00-U+9FFF). A
    /// lookup in a table that `cargo run -p xtask -- gen` writes from
    /// encoding_rs, for the CJK codecs.
    pub(crate) fn frequent_ideograph(self, c: char) -> bool {
        if !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return true;
        }
        let row = match self {
            Codec::Gbk => 0,
            Codec::Gb18030 => 1,
            Codec::Big5 => 2,
            Codec::ShiftJis => 3,
            Codec::EucJp => 4,
            Codec::EucKr => 5,
            _ => return self.frequent_ideograph_encoded(c),
        };
        ideograph_bit(c).is_some_and(|(word, bit)| frequent::FREQUENT[row][word] >> bit & 1 != 0)
    }

    /// Bits 1, 2 and 4: `c`, a unified ideograph of U+4E00-U+9FFF, is
    /// outside the frequent set of GB2312, Big5 and JIS X 0208 (see
    /// [`Codec::frequent_ideograph`]); 0 for any other character. One
    /// lookup for the three, as the scan asks it of every ideograph.
    pub(crate) fn outside_frequent_sets(c: char) -> u8 {
        let Some((word, bit)) = ideograph_bit(c) else {
            return 0;
        };
        let out = |row: usize| u8::from(frequent::FREQUENT[row][word] >> bit & 1 == 0);
        out(0) | out(2) << 1 | out(3) << 2
    }

    /// Whether Shift_JIS writes `c` as 8E and a byte from A1 to DF: the
    /// bytes EUC-JP writes a half-width katakana with (its SS2 prefix and
    /// the kana's byte). A lookup in a table that `cargo run -p xtask --
    /// gen` writes from encoding_rs.
    pub(crate) fn half_width_as_kanji(c: char) -> bool {
        ideograph_bit(c)
            .is_some_and(|(word, bit)| frequent::HALF_WIDTH_AS_KANJI[word] >> bit & 1 != 0)
    }

    /// [`Codec::frequent_ideograph`] found by encoding `c`: what the
    /// generated table holds for the CJK codecs (a test checks it), and
    /// the answer for the others (an ideograph they encode at all).
    fn frequent_ideograph_encoded(self, c: char) -> bool {
        let mut buf = [0u8; 4];
        self.encode(c.encode_utf8(&mut buf))
            .is_ok_and(|b| match (self, b.as_slice()) {
                (Codec::Gbk | Codec::Gb18030, &[lead, trail]) => {
                    (0xB0..=0xD7).contains(&lead) && trail >= 0xA1
                }
                (Codec::Big5, &[lead, _]) => (0xA4..=0xC6).contains(&lead),
                (Codec::ShiftJis, &[lead, trail]) => {
                    (0x88..=0x98).contains(&lead) && (lead, trail) >= (0x88, 0x9F)
                }
                (Codec::EucJp, &[lead, _]) => (0xB0..=0xCF).contains(&lead),
                _ => true,
            })
    }

    /// Every codec, in declaration order.
    pub const ALL: &'static [Codec] = &[
        Codec::Utf8,
        Codec::Utf8Variants,
        Codec::Latin1,
        Codec::Windows1250,
        Codec::Windows1251,
        Codec::Windows1252,
        Codec::Windows1253,
        Codec::Windows1254,
        Codec::Windows1255,
        Codec::Windows1256,
        Codec::Windows1257,
        Codec::Windows1258,
        Codec::Windows874,
        Codec::SloppyWindows1250,
        Codec::SloppyWindows1251,
        Codec::SloppyWindows1252,
        Codec::SloppyWindows1253,
        Codec::SloppyWindows1254,
        Codec::SloppyWindows1255,
        Codec::SloppyWindows1256,
        Codec::SloppyWindows1257,
        Codec::SloppyWindows1258,
        Codec::SloppyWindows874,
        Codec::Iso8859_2,
        Codec::Iso8859_5,
        Codec::Iso8859_7,
        Codec::Iso8859_15,
        Codec::Koi8R,
        Codec::Koi8U,
        Codec::Ibm866,
        Codec::MacRoman,
        Codec::Cp437,
        Codec::Cp850,
        Codec::Gbk,
        Codec::Gb18030,
        Codec::Big5,
        Codec::ShiftJis,
        Codec::EucJp,
        Codec::EucKr,
    ];

    pub(crate) fn kind(self) -> Kind {
        use sb_tables as t;
        match self {
            Codec::Utf8 => Kind::Utf8,
            Codec::Utf8Variants => Kind::Utf8Variants,
            Codec::Latin1 => Kind::SingleByte(t::LATIN_1),
            Codec::Windows1250 => Kind::SingleByte(t::WINDOWS_1250),
            Codec::Windows1251 => Kind::SingleByte(t::WINDOWS_1251),
            Codec::Windows1252 => Kind::SingleByte(t::WINDOWS_1252),
            Codec::Windows1253 => Kind::SingleByte(t::WINDOWS_1253),
            Codec::Windows1254 => Kind::SingleByte(t::WINDOWS_1254),
            Codec::Windows1255 => Kind::SingleByte(t::WINDOWS_1255),
            Codec::Windows1256 => Kind::SingleByte(t::WINDOWS_1256),
            Codec::Windows1257 => Kind::SingleByte(t::WINDOWS_1257),
            Codec::Windows1258 => Kind::SingleByte(t::WINDOWS_1258),
            Codec::Windows874 => Kind::SingleByte(t::WINDOWS_874),
            Codec::SloppyWindows1250 => Kind::SingleByte(t::SLOPPY_WINDOWS_1250),
            Codec::SloppyWindows1251 => Kind::SingleByte(t::SLOPPY_WINDOWS_1251),
            Codec::SloppyWindows1252 => Kind::SingleByte(t::SLOPPY_WINDOWS_1252),
            Codec::SloppyWindows1253 => Kind::SingleByte(t::SLOPPY_WINDOWS_1253),
            Codec::SloppyWindows1254 => Kind::SingleByte(t::SLOPPY_WINDOWS_1254),
            Codec::SloppyWindows1255 => Kind::SingleByte(t::SLOPPY_WINDOWS_1255),
            Codec::SloppyWindows1256 => Kind::SingleByte(t::SLOPPY_WINDOWS_1256),
            Codec::SloppyWindows1257 => Kind::SingleByte(t::SLOPPY_WINDOWS_1257),
            Codec::SloppyWindows1258 => Kind::SingleByte(t::SLOPPY_WINDOWS_1258),
            Codec::SloppyWindows874 => Kind::SingleByte(t::SLOPPY_WINDOWS_874),
            Codec::Iso8859_2 => Kind::SingleByte(t::ISO_8859_2),
            Codec::Iso8859_5 => Kind::SingleByte(t::ISO_8859_5),
            Codec::Iso8859_7 => Kind::SingleByte(t::ISO_8859_7),
            Codec::Iso8859_15 => Kind::SingleByte(t::ISO_8859_15),
            Codec::Koi8R => Kind::SingleByte(t::KOI8_R),
            Codec::Koi8U => Kind::SingleByte(t::KOI8_U),
            Codec::Ibm866 => Kind::SingleByte(t::IBM866),
            Codec::MacRoman => Kind::SingleByte(t::MAC_ROMAN),
            Codec::Cp437 => Kind::SingleByte(t::CP437),
            Codec::Cp850 => Kind::SingleByte(t::CP850),
            Codec::Gbk => Kind::Multi(encoding_rs::GBK),
            Codec::Gb18030 => Kind::Multi(encoding_rs::GB18030),
            Codec::Big5 => Kind::Multi(encoding_rs::BIG5),
            Codec::ShiftJis => Kind::Multi(encoding_rs::SHIFT_JIS),
            Codec::EucJp => Kind::Multi(encoding_rs::EUC_JP),
            Codec::EucKr => Kind::Multi(encoding_rs::EUC_KR),
        }
    }

    /// The single-byte table index, for single-byte codecs.
    pub(crate) fn sb(self) -> Option<u8> {
        match self.kind() {
            Kind::SingleByte(id) => Some(id),
            _ => None,
        }
    }

    /// The codec of a single-byte table index.
    pub(crate) fn from_sb(id: u8) -> Codec {
        Codec::ALL
            .iter()
            .copied()
            .find(|c| c.sb() == Some(id))
            .unwrap_or(Codec::Latin1)
    }

    /// The canonical name, as [`Display`](fmt::Display) prints it.
    ///
    /// ```
    /// assert_eq!(unmojibake::Codec::ShiftJis.name(), "shift_jis");
    /// ```
    pub fn name(self) -> &'static str {
        match self.kind() {
            Kind::SingleByte(id) => sb_tables::SB_NAMES[usize::from(id)],
            _ => match self {
                Codec::Utf8 => "utf-8",
                Codec::Utf8Variants => "utf-8-variants",
                Codec::Gbk => "gbk",
                Codec::Gb18030 => "gb18030",
                Codec::Big5 => "big5",
                Codec::ShiftJis => "shift_jis",
                Codec::EucJp => "euc-jp",
                _ => "euc-kr",
            },
        }
    }

    /// True for the codecs that map one byte to one character.
    ///
    /// ```
    /// assert!(unmojibake::Codec::Cp437.is_single_byte());
    /// assert!(!unmojibake::Codec::Gbk.is_single_byte());
    /// ```
    pub fn is_single_byte(self) -> bool {
        self.sb().is_some()
    }

    /// Encodes `text`, failing at the first character this codec cannot
    /// represent (the error gives its byte offset in `text`). Shift_JIS
    /// also encodes the private use characters its decoder reads from its
    /// user-defined area (lead bytes F0-F9), so that what it decoded
    /// encodes back, and U+F8F0 as the byte A0, which it leaves undefined
    /// and Windows' cp932 decodes so.
    ///
    /// ```
    /// use unmojibake::Codec;
    ///
    /// assert_eq!(Codec::Windows1251.encode("Привет").unwrap(), b"\xcf\xf0\xe8\xe2\xe5\xf2");
    /// let err = Codec::Latin1.encode("a€").unwrap_err();
    /// assert_eq!(err.position(), Some(1));
    /// let user = Codec::ShiftJis.decode(b"\xf3\xa4").unwrap();
    /// assert_eq!(user, "\u{E297}");
    /// assert_eq!(Codec::ShiftJis.encode(&user).unwrap(), b"\xf3\xa4");
    /// assert_eq!(Codec::ShiftJis.encode("\u{F8F0}").unwrap(), b"\xa0");
    /// ```
    pub fn encode(self, text: &str) -> Result<Vec<u8>, Error> {
        match self.kind() {
            Kind::Utf8 | Kind::Utf8Variants => Ok(text.as_bytes().to_vec()),
            Kind::SingleByte(id) => {
                let mut out = Vec::with_capacity(text.len());
                for (pos, c) in text.char_indices() {
                    match single_byte::encode_char(id, c) {
                        Some(b) => out.push(b),
                        None => return Err(unmappable(self, pos, c)),
                    }
                }
                Ok(out)
            }
            Kind::Multi(enc) => {
                let mut encoder = enc.new_encoder();
                let mut out = Vec::with_capacity(text.len() * 2 + 16);
                // Where the encoder resumes after a character it refused
                // that this codec has all the same (see `user_defined`).
                let mut done = 0;
                loop {
                    let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(
                        &text[done..],
                        &mut out,
                        true,
                    );
                    match result {
                        encoding_rs::EncoderResult::InputEmpty => return Ok(out),
                        encoding_rs::EncoderResult::Unmappable(c) => match self.user_defined(c) {
                            Some(bytes) => {
                                out.extend_from_slice(&bytes);
                                done += read;
                            }
                            None if self == Codec::ShiftJis && c == WINDOWS_A0 => {
                                out.push(0xA0);
                                done += read;
                            }
                            None => return Err(unmappable(self, done + read - c.len_utf8(), c)),
                        },
                        encoding_rs::EncoderResult::OutputFull => {
                            // Capacity was reserved above for the worst
                            // case (4 bytes per char); reaching this is a
                            // bug.
                            return Err(Error::new(ErrorKind::Encode {
                                codec: self,
                                position: done + read,
                                found: '\u{FFFD}',
                            }));
                        }
                    }
                }
            }
        }
    }

    /// Whether this codec can encode `c`, found without allocating.
    pub(crate) fn encodes_char(self, c: char) -> bool {
        match self.kind() {
            Kind::Utf8 | Kind::Utf8Variants => true,
            Kind::SingleByte(id) => single_byte::encode_char(id, c).is_some(),
            Kind::Multi(enc) => {
                let mut out = [0u8; 8];
                let (result, _, _) = enc.new_encoder().encode_from_utf8_without_replacement(
                    c.encode_utf8(&mut [0; 4]),
                    &mut out,
                    true,
                );
                result == encoding_rs::EncoderResult::InputEmpty
                    || self.user_defined(c).is_some()
                    || (self == Codec::ShiftJis && c == WINDOWS_A0)
            }
        }
    }

    /// The bytes of `c` in Shift_JIS's user-defined area (lead bytes F0 to
    /// F9), which the WHATWG decoder of `encoding_rs` reads as private use
    /// (U+E000 to U+E757) and its encoder refuses: with them, a text this
    /// codec decoded encodes back to its bytes, as EUC-JP's `ん` before
    /// another kana (`F3 A4`) needs when EUC-JP is read as Shift_JIS.
    fn user_defined(self, c: char) -> Option<[u8; 2]> {
        if self != Codec::ShiftJis {
            return None;
        }
        let pointer = (c as u32).checked_sub(0xE000).filter(|&p| p <= 0x757)? + 8836;
        let (lead, trail) = (pointer / 188, pointer % 188);
        let lead = lead + if lead < 0x1F { 0x81 } else { 0xC1 };
        let trail = trail + if trail < 0x3F { 0x40 } else { 0x41 };
        Some([u8::try_from(lead).ok()?, u8::try_from(trail).ok()?])
    }

    /// Decodes `bytes`, failing at the first byte sequence this codec does
    /// not define (the error gives its offset). A BOM is not stripped.
    ///
    /// ```
    /// use unmojibake::Codec;
    ///
    /// assert_eq!(Codec::Gbk.decode(b"\xd6\xd0\xce\xc4").unwrap(), "中文");
    /// assert_eq!(Codec::Utf8Variants.decode(b"\xed\xa0\xbd\xed\xb8\x8d").unwrap(), "😍");
    /// assert!(Codec::Utf8.decode(b"\xff").is_err());
    /// ```
    pub fn decode(self, bytes: &[u8]) -> Result<String, Error> {
        match self.kind() {
            Kind::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(e) => Err(malformed(self, e.valid_up_to())),
            },
            Kind::Utf8Variants => {
                utf8_variants::decode(bytes).map_err(|position| malformed(self, position))
            }
            Kind::SingleByte(id) => {
                let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
                for (pos, &b) in bytes.iter().enumerate() {
                    match single_byte::decode_byte(id, b) {
                        Some(c) => out.push(c),
                        None => return Err(malformed(self, pos)),
                    }
                }
                Ok(out)
            }
            Kind::Multi(enc) => {
                let mut decoder = enc.new_decoder_without_bom_handling();
                // Half-width katakana take one byte in Shift_JIS and three
                // in UTF-8: reserve what the decoder says it may need.
                let room = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len())
                    .unwrap_or(bytes.len().saturating_mul(3));
                let mut out = String::with_capacity(room);
                let (result, read) =
                    decoder.decode_to_string_without_replacement(bytes, &mut out, true);
                match result {
                    encoding_rs::DecoderResult::InputEmpty if self == Codec::EucKr => {
                        Ok(hangul_fill::compose(out))
                    }
                    encoding_rs::DecoderResult::InputEmpty => Ok(out),
                    encoding_rs::DecoderResult::Malformed(bad, extra) => {
                        let position = read.saturating_sub(usize::from(bad) + usize::from(extra));
                        Err(malformed(self, position))
                    }
                    encoding_rs::DecoderResult::OutputFull => Err(malformed(self, read)),
                }
            }
        }
    }
}

/// Shift_JIS has most of its NEC-selected IBM extensions (lead bytes
/// ED-EE) twice, as IBM extensions (FA-FC) too; its decoder reads both as
/// the same character and its encoder writes the FA-FC pair. These are
/// the pairs, by IBM pair, and the characters, built once.
struct Twins {
    /// (FA-FC pair, its ED-EE twin), sorted.
    pairs: Vec<([u8; 2], [u8; 2])>,
    /// The characters they decode to, sorted.
    chars: Vec<char>,
}

fn twins() -> &'static Twins {
    static TWINS: std::sync::OnceLock<Twins> = std::sync::OnceLock::new();
    TWINS.get_or_init(|| {
        let (mut pairs, mut chars) = (Vec::new(), Vec::new());
        for lead in [0xEDu8, 0xEE] {
            for trail in (0x40..=0x7Eu8).chain(0x80..=0xFC) {
                let nec = [lead, trail];
                let (decoded, malformed) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&nec);
                if malformed {
                    continue;
                }
                let (ibm, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&decoded);
                if let (false, &[a, b]) = (unmappable, &ibm[..]) {
                    if a >= 0xFA {
                        pairs.push(([a, b], nec));
                        chars.extend(decoded.chars());
                    }
                }
            }
        }
        pairs.sort_unstable();
        chars.sort_unstable();
        Twins { pairs, chars }
    })
}

/// The ED-EE twin of a Shift_JIS FA-FC `pair` (see [`Twins`]).
pub(crate) fn shift_jis_nec_twin(pair: [u8; 2]) -> Option<[u8; 2]> {
    if pair[0] < 0xFA {
        return None;
    }
    let pairs = &twins().pairs;
    pairs
        .binary_search_by_key(&pair, |&(ibm, _)| ibm)
        .ok()
        .map(|at| pairs[at].1)
}

/// Where CPython's Big5 codecs (`big5`, `cp950`) write the character
/// that encoding_rs's Big5 writes as `pair`, if elsewhere (see
/// [`crate::ByteRepair::CpythonBig5`]).
pub(crate) fn big5_cpython_twin(pair: [u8; 2]) -> Option<[u8; 2]> {
    let table = &big5_cpython::BIG5_CPYTHON;
    table
        .binary_search_by_key(&pair, |&(ours, _)| ours)
        .ok()
        .map(|at| table[at].1)
}

/// Whether encoding_rs's Big5 writes `c` where CPython's Big5 codecs do
/// not (see [`big5_cpython_twin`]): kana, circled numbers, Cyrillic and a
/// few marks, 249 characters.
pub(crate) fn big5_has_cpython_twin(c: char) -> bool {
    static CHARS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let chars = CHARS.get_or_init(|| {
        let mut chars: Vec<char> = big5_cpython::BIG5_CPYTHON
            .iter()
            .filter_map(|(ours, _)| Codec::Big5.decode(ours).ok())
            .filter_map(|s| s.chars().next())
            .collect();
        chars.sort_unstable();
        chars
    });
    !c.is_ascii() && chars.binary_search(&c).is_ok()
}

/// Whether Shift_JIS has `c` twice (see [`Twins`]).
pub(crate) fn shift_jis_has_twin(c: char) -> bool {
    twins().chars.binary_search(&c).is_ok()
}

fn unmappable(codec: Codec, position: usize, found: char) -> Error {
    Error::new(ErrorKind::Encode {
        codec,
        position,
        found,
    })
}

fn malformed(codec: Codec, position: usize) -> Error {
    Error::new(ErrorKind::Decode { codec, position })
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Codec {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        names::lookup(s).ok_or_else(|| Error::new(ErrorKind::UnknownCodec(s.to_owned())))
    }
}

#[cfg(test)]
mod tests;

/// What Windows' cp932 (and CPython's) decode the byte A0 to, which
/// Shift_JIS leaves undefined: UTF-8 read so has it for the continuation
/// byte A0 (`加` is E5 8A A0).
const WINDOWS_A0: char = '\u{F8F0}';
