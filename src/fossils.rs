//! Fossils: mojibake whose bytes are gone, so that it can be recognised and
//! reported but not repaired.
//!
//! A fossil is what a decoder made of bytes that never were text in the
//! intended encoding: the UTF-8 of U+FFFD, which a program wrote where it
//! had already lost a character (`锟斤拷` when read as GBK), or the fill
//! bytes of a debug build's uninitialised memory (`烫烫烫`). Decoding the
//! garbled text back to bytes yields U+FFFD or the fill again, never what
//! was meant, so [`fix_mojibake`](crate::fix_mojibake) leaves fossils as
//! they are. [`find_fossils`] reports them, and [`replace_fossils`], which
//! nothing runs unless asked, turns each into the U+FFFD it stands for.
//!
//! A UTF-8 byte order mark read as a double-byte code page is a fossil of
//! another kind: its last byte pairs with the first byte of the text, so
//! that `\u{FEFF}using` comes out as `锘縰sing`.
//!
//! ```
//! use unmojibake::fossils::{find_fossils, replace_fossils, FossilKind};
//!
//! let text = "文件名：锟斤拷锟斤拷.txt";
//! let fossils = find_fossils(text);
//! assert_eq!(fossils.len(), 1);
//! assert_eq!(fossils[0].kind, FossilKind::ReplacementAsGbk);
//! assert_eq!(&text[fossils[0].range.clone()], "锟斤拷锟斤拷");
//! assert_eq!(replace_fossils(text), "文件名：\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}.txt");
//! ```

use std::borrow::Cow;
use std::ops::Range;

use encoding_rs::{EncoderResult, Encoding, BIG5, EUC_KR, GBK};

/// What produced a fossil.
///
/// ```
/// use unmojibake::fossils::FossilKind;
///
/// let kind = FossilKind::StackFillAsGbk;
/// assert!(kind.description().contains("0xCC"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FossilKind {
    /// `锟斤拷`: two U+FFFD in UTF-8 (`EF BF BD EF BF BD`) read as GBK.
    ReplacementAsGbk,
    /// `嚙踝蕭`: two U+FFFD in UTF-8 read as Big5.
    ReplacementAsBig5,
    /// `占쏙옙`: two U+FFFD in UTF-8 read as EUC-KR (windows-949).
    ReplacementAsEucKr,
    /// `鐃緒申`: two U+FFFD in UTF-8 read as EUC-JP.
    ReplacementAsEucJp,
    /// `烫烫烫`: bytes 0xCC, which MSVC debug builds fill uninitialised
    /// stack memory with, read as GBK.
    StackFillAsGbk,
    /// `屯屯屯`: bytes 0xCD, which MSVC debug builds fill uninitialised heap
    /// memory with, read as GBK.
    HeapFillAsGbk,
    /// `锘` and the next character at the start of a line: a UTF-8 byte
    /// order mark read as GBK.
    BomAsGbk,
    /// `嚜` and the next character at the start of a line: a UTF-8 byte
    /// order mark read as Big5.
    BomAsBig5,
    /// `癤` and the next character at the start of a line: a UTF-8 byte
    /// order mark read as EUC-KR (windows-949).
    BomAsEucKr,
    /// `\u{FFFD}ｿ` at the start of a line: a UTF-8 byte order mark read as
    /// Shift_JIS.
    BomAsShiftJis,
}

impl FossilKind {
    /// What produced this kind of fossil, in a sentence.
    ///
    /// ```
    /// use unmojibake::fossils::FossilKind;
    ///
    /// assert_eq!(
    ///     FossilKind::ReplacementAsGbk.description(),
    ///     "U+FFFD replacement characters in UTF-8 decoded as GBK"
    /// );
    /// ```
    pub fn description(self) -> &'static str {
        match self {
            Self::ReplacementAsGbk => "U+FFFD replacement characters in UTF-8 decoded as GBK",
            Self::ReplacementAsBig5 => "U+FFFD replacement characters in UTF-8 decoded as Big5",
            Self::ReplacementAsEucKr => "U+FFFD replacement characters in UTF-8 decoded as EUC-KR",
            Self::ReplacementAsEucJp => "U+FFFD replacement characters in UTF-8 decoded as EUC-JP",
            Self::StackFillAsGbk => {
                "uninitialised stack memory (MSVC debug fill byte 0xCC) decoded as GBK"
            }
            Self::HeapFillAsGbk => {
                "uninitialised heap memory (MSVC debug fill byte 0xCD) decoded as GBK"
            }
            Self::BomAsGbk => "a UTF-8 byte order mark decoded as GBK",
            Self::BomAsBig5 => "a UTF-8 byte order mark decoded as Big5",
            Self::BomAsEucKr => "a UTF-8 byte order mark decoded as EUC-KR",
            Self::BomAsShiftJis => "a UTF-8 byte order mark decoded as Shift_JIS",
        }
    }

    /// The double-byte code page whose decoder paired the byte order
    /// mark's last byte with the next one.
    fn bom_encoding(self) -> Option<&'static Encoding> {
        match self {
            Self::BomAsGbk => Some(GBK),
            Self::BomAsBig5 => Some(BIG5),
            Self::BomAsEucKr => Some(EUC_KR),
            _ => None,
        }
    }
}

/// A fossil found in a text.
///
/// ```
/// use unmojibake::fossils::{find_fossils, Fossil, FossilKind};
///
/// assert_eq!(
///     find_fossils("x烫烫烫"),
///     [Fossil { range: 1..10, kind: FossilKind::StackFillAsGbk }]
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fossil {
    /// Where it is, in bytes.
    pub range: Range<usize>,
    /// What produced it.
    pub kind: FossilKind,
}

/// A pattern that is a fossil when it repeats `min` times in a row; a run
/// of repeats is one fossil.
struct Run {
    unit: &'static str,
    min: usize,
    kind: FossilKind,
}

const RUNS: [Run; 6] = [
    Run {
        unit: "锟斤拷",
        min: 1,
        kind: FossilKind::ReplacementAsGbk,
    },
    Run {
        unit: "嚙踝蕭",
        min: 1,
        kind: FossilKind::ReplacementAsBig5,
    },
    Run {
        unit: "占쏙옙",
        min: 1,
        kind: FossilKind::ReplacementAsEucKr,
    },
    Run {
        unit: "鐃緒申",
        min: 1,
        kind: FossilKind::ReplacementAsEucJp,
    },
    // `烫` ("hot") and `屯` are words, and Chinese doubles adjectives
    // (`烫烫的`), so two in a row is still text; fill runs are long.
    Run {
        unit: "烫",
        min: 3,
        kind: FossilKind::StackFillAsGbk,
    },
    Run {
        unit: "屯",
        min: 3,
        kind: FossilKind::HeapFillAsGbk,
    },
];

/// What the first two bytes of a UTF-8 byte order mark, `EF BB`, decode to
/// in each double-byte code page.
const BOM_LEADS: [(char, FossilKind); 3] = [
    ('锘', FossilKind::BomAsGbk),
    ('嚜', FossilKind::BomAsBig5),
    ('癤', FossilKind::BomAsEucKr),
];

/// A UTF-8 byte order mark decoded as Shift_JIS: `EF BB` is an undefined
/// pair and `BF` a halfwidth katakana, so nothing of the text is taken.
const BOM_AS_SHIFT_JIS: &str = "\u{FFFD}ｿ";

/// Finds the fossils in `text`, in order and without overlaps.
///
/// Runs of U+FFFD read as a double-byte code page (`锟斤拷`, `嚙踝蕭`,
/// `占쏙옙`, `鐃緒申`) count from one unit; runs of fill bytes (`烫`, `屯`)
/// from three. A byte order mark read as a double-byte code page counts
/// only at the start of a line, with the character that its last byte
/// formed with the next: U+FFFD when that byte could not pair, or a
/// character made with an ASCII byte (`縰` is `BF 75`, the `u` of
/// `using`). When the next byte is not ASCII, the whole line went through
/// the wrong decoder and is for the encoding repair to undo.
///
/// ```
/// use unmojibake::fossils::{find_fossils, FossilKind};
///
/// let kinds: Vec<_> = find_fossils("锘縰sing A;\n// 屯屯屯屯\n")
///     .into_iter()
///     .map(|f| f.kind)
///     .collect();
/// assert_eq!(kinds, [FossilKind::BomAsGbk, FossilKind::HeapFillAsGbk]);
/// // Real words: "the soup is hot", "nobelium is an element".
/// assert!(find_fossils("汤很烫。\n锘是一种元素。").is_empty());
/// ```
pub fn find_fossils(text: &str) -> Vec<Fossil> {
    let bytes = text.as_bytes();
    let mut fossils = Vec::new();
    let mut pos = 0;
    // Every fossil starts with a character whose UTF-8 starts with one of
    // these bytes, which skips ASCII and most other text at once.
    while let Some(skip) = bytes[pos..]
        .iter()
        .position(|&b| (0xE5..=0xE9).contains(&b) | (b == 0xEF))
    {
        let at = pos + skip;
        let rest = &text[at..];
        let line_start = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
        let found = if line_start { bom(rest) } else { None };
        match found.or_else(|| run(rest)) {
            Some((len, kind)) => {
                fossils.push(Fossil {
                    range: at..at + len,
                    kind,
                });
                pos = at + len;
            }
            None => pos = at + 1,
        }
    }
    fossils
}

/// Replaces each fossil with what is known of the text it hides.
///
/// Each unit of U+FFFD read as a double-byte code page becomes two U+FFFD:
/// `锟斤拷` is `锟` `EF BF`, `斤` `BD EF` and `拷` `BF BD`, the six bytes of
/// two U+FFFD, so `锟斤拷锟斤拷` stood for four lost characters. A run of fill
/// bytes becomes one U+FFFD, since how many characters the memory should
/// have held is unknown. A byte order mark becomes U+FEFF again, followed by
/// the ASCII character its last byte had taken, if any
/// ([`remove_control_chars`](crate::fixers::remove_control_chars) removes
/// the U+FEFF).
///
/// This is not part of any repair by default: it makes the loss visible
/// and uniform, but what it replaces was already lost. Run it after the
/// encoding repair, which undoes a whole line that went through a wrong
/// decoder, byte order mark and all. Text without fossils comes back
/// borrowed.
///
/// ```
/// use std::borrow::Cow;
/// use unmojibake::fossils::replace_fossils;
///
/// assert_eq!(replace_fossils("价格：锟斤拷元"), "价格：\u{FFFD}\u{FFFD}元");
/// assert_eq!(replace_fossils("buf = 烫烫烫烫烫烫"), "buf = \u{FFFD}");
/// assert_eq!(replace_fossils("锘縰sing System;"), "\u{FEFF}using System;");
/// assert!(matches!(replace_fossils("小心烫手"), Cow::Borrowed(_)));
/// ```
pub fn replace_fossils(text: &str) -> Cow<'_, str> {
    let fossils = find_fossils(text);
    if fossils.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for Fossil { range, kind } in fossils {
        out.push_str(&text[copied..range.start]);
        let fossil = &text[range.clone()];
        match kind {
            FossilKind::ReplacementAsGbk
            | FossilKind::ReplacementAsBig5
            | FossilKind::ReplacementAsEucKr
            | FossilKind::ReplacementAsEucJp => {
                // Three characters hold the six bytes of two U+FFFD.
                let lost = fossil.chars().count() / 3 * 2;
                out.extend(std::iter::repeat_n('\u{FFFD}', lost));
            }
            FossilKind::StackFillAsGbk | FossilKind::HeapFillAsGbk => out.push('\u{FFFD}'),
            FossilKind::BomAsGbk
            | FossilKind::BomAsBig5
            | FossilKind::BomAsEucKr
            | FossilKind::BomAsShiftJis => {
                out.push('\u{FEFF}');
                let taken = kind
                    .bom_encoding()
                    .zip(fossil.chars().nth(1))
                    .and_then(|(encoding, c)| bom_trail(encoding, c));
                if let Some(byte) = taken {
                    out.push(char::from(byte));
                }
            }
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The length and kind of the byte order mark fossil that `rest` starts
/// with, if any.
fn bom(rest: &str) -> Option<(usize, FossilKind)> {
    if rest.starts_with(BOM_AS_SHIFT_JIS) {
        return Some((BOM_AS_SHIFT_JIS.len(), FossilKind::BomAsShiftJis));
    }
    let mut chars = rest.chars();
    let lead = chars.next()?;
    let (_, kind) = BOM_LEADS.iter().find(|&&(c, _)| c == lead)?;
    let next = chars.next()?;
    // When the byte after the mark could not pair with its `BF`, the
    // decoder gave U+FFFD for the `BF` alone and read that byte again.
    let pairs = next == '\u{FFFD}' || bom_trail(kind.bom_encoding()?, next).is_some();
    pairs.then(|| (lead.len_utf8() + next.len_utf8(), *kind))
}

/// The ASCII byte that a byte order mark's last byte, `BF`, formed `c`
/// with in `encoding`, if it did.
fn bom_trail(encoding: &'static Encoding, c: char) -> Option<u8> {
    let mut utf8 = [0; 4];
    let mut out = [0; 8];
    let (result, _, written) = encoding.new_encoder().encode_from_utf8_without_replacement(
        c.encode_utf8(&mut utf8),
        &mut out,
        true,
    );
    match (result, &out[..written]) {
        (EncoderResult::InputEmpty, &[0xBF, byte]) if byte.is_ascii() => Some(byte),
        _ => None,
    }
}

/// Finds the run of a repeated fossil that `rest` starts with.
fn run(rest: &str) -> Option<(usize, FossilKind)> {
    RUNS.iter().find_map(|run| {
        let repeats = rest
            .as_bytes()
            .chunks_exact(run.unit.len())
            .take_while(|&chunk| chunk == run.unit.as_bytes())
            .count();
        (repeats >= run.min).then_some((repeats * run.unit.len(), run.kind))
    })
}

#[cfg(test)]
mod tests {
    use encoding_rs::{EUC_JP, GB18030, SHIFT_JIS};

    use super::*;
    use crate::fixers::testing::{check, CLEAN};

    fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }

    const TWO_FFFD: &[u8] = b"\xEF\xBF\xBD\xEF\xBF\xBD";
    const BOM: &[u8] = b"\xEF\xBB\xBF";

    #[test]
    fn patterns_are_what_the_decoders_make() {
        let units = [
            (GBK, FossilKind::ReplacementAsGbk),
            (GB18030, FossilKind::ReplacementAsGbk),
            (BIG5, FossilKind::ReplacementAsBig5),
            (EUC_KR, FossilKind::ReplacementAsEucKr),
            (EUC_JP, FossilKind::ReplacementAsEucJp),
        ];
        for (encoding, kind) in units {
            let run = RUNS.iter().find(|r| r.kind == kind).unwrap();
            assert_eq!(decode(encoding, TWO_FFFD), run.unit, "{}", encoding.name());
        }
        for (byte, kind) in [
            (0xCC, FossilKind::StackFillAsGbk),
            (0xCD, FossilKind::HeapFillAsGbk),
        ] {
            let run = RUNS.iter().find(|r| r.kind == kind).unwrap();
            assert_eq!(decode(GBK, &[byte, byte]), run.unit);
        }
        for (lead, kind) in BOM_LEADS {
            let encoding = kind.bom_encoding().unwrap();
            assert_eq!(decode(encoding, b"\xEF\xBB").chars().next(), Some(lead));
        }
        assert_eq!(decode(SHIFT_JIS, BOM), BOM_AS_SHIFT_JIS);
    }

    #[test]
    fn clean_text_has_no_fossils() {
        for text in [
            CLEAN,
            "",
            "这碗汤太烫了，小心烫嘴。",
            "刚出锅的包子烫烫的，真香。",
            "锘是一种人工合成的放射性元素。",
            "锘可以由锔和碳离子合成。",
            "屯田戍边，屯屯相望。",
            "占领高地，占卜吉凶。",
            "锟铻之剑。",
            "one of many halfwidth forms: \u{FFFD}ｿ, in the middle of a line",
            "a 锘縰 in the middle of a line",
        ] {
            assert!(find_fossils(text).is_empty(), "{text:?}");
            check(replace_fossils, text, text);
        }
    }

    #[test]
    fn replacement_characters() {
        let units = [GBK, BIG5, EUC_KR, EUC_JP];
        for encoding in units {
            for n in 1..5 {
                let text = decode(encoding, &TWO_FFFD.repeat(n));
                let lost = "\u{FFFD}".repeat(2 * n);
                check(replace_fossils, &text, &lost);
                check(
                    replace_fossils,
                    &format!("名字：{text}。"),
                    &format!("名字：{lost}。"),
                );
                assert_eq!(find_fossils(&text).len(), 1);
            }
        }
    }

    #[test]
    fn fill_bytes() {
        for byte in [0xCC, 0xCD] {
            let two = decode(GBK, &[byte; 4]);
            check(replace_fossils, &two, &two);
            for n in 3..9 {
                let text = decode(GBK, &vec![byte; 2 * n]);
                check(replace_fossils, &text, "\u{FFFD}");
                check(replace_fossils, &format!("值为{text}，"), "值为\u{FFFD}，");
            }
        }
    }

    #[test]
    fn byte_order_marks() {
        for encoding in [GBK, BIG5, EUC_KR, SHIFT_JIS] {
            for byte in 0..0x80 {
                let bytes = [BOM, &[byte], b"ok"].concat();
                let text = decode(encoding, &bytes);
                let expected = format!("\u{FEFF}{}ok", char::from(byte));
                let name = encoding.name();
                assert_eq!(replace_fossils(&text), expected, "{name} {byte:#x}");
                // After a line break, so that padding does not move it.
                check(
                    replace_fossils,
                    &format!("\n{text}"),
                    &format!("\n{expected}"),
                );
            }
        }
        check(replace_fossils, "x\r锘縰sing", "x\r\u{FEFF}using");
        check(replace_fossils, "x\n\u{FFFD}ｿ<?xml", "x\n\u{FEFF}<?xml");
        // A byte that is not ASCII after the mark: the whole line is
        // mojibake, which is the encoding repair's to undo.
        let line = decode(GBK, &[BOM, "中文".as_bytes()].concat());
        assert!(find_fossils(&line).is_empty(), "{line:?}");
    }

    #[test]
    fn fossils_in_order() {
        let text = "锘縰 锟斤拷锟斤拷烫烫烫屯屯屯嚙踝蕭\n\u{FFFD}ｿ占쏙옙";
        let found: Vec<_> = find_fossils(text)
            .into_iter()
            .map(|f| (&text[f.range], f.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("锘縰", FossilKind::BomAsGbk),
                ("锟斤拷锟斤拷", FossilKind::ReplacementAsGbk),
                ("烫烫烫", FossilKind::StackFillAsGbk),
                ("屯屯屯", FossilKind::HeapFillAsGbk),
                ("嚙踝蕭", FossilKind::ReplacementAsBig5),
                ("\u{FFFD}ｿ", FossilKind::BomAsShiftJis),
                ("占쏙옙", FossilKind::ReplacementAsEucKr),
            ]
        );
        assert_eq!(
            replace_fossils(text),
            "\u{FEFF}u \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\n\
             \u{FEFF}\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn descriptions_differ() {
        let kinds = [
            FossilKind::ReplacementAsGbk,
            FossilKind::ReplacementAsBig5,
            FossilKind::ReplacementAsEucKr,
            FossilKind::ReplacementAsEucJp,
            FossilKind::StackFillAsGbk,
            FossilKind::HeapFillAsGbk,
            FossilKind::BomAsGbk,
            FossilKind::BomAsBig5,
            FossilKind::BomAsEucKr,
            FossilKind::BomAsShiftJis,
        ];
        for (i, a) in kinds.iter().enumerate() {
            for b in &kinds[i + 1..] {
                assert_ne!(a.description(), b.description());
            }
        }
    }
}
