//! Generators for the tables that unmojibake commits.
//!
//! `cargo run -p xtask -- gen` rewrites every generated file (the tables
//! and the corpus's mojibake cases);
//! `cargo run -p xtask -- gen --check` fails if any committed file differs
//! from what the generator would write (CI runs this).
//!
//! Sources: the single-byte code pages come from `encoding_rs` (WHATWG
//! data), except true ISO-8859-1 (the identity) and the DOS code pages 437
//! and 850, which `encoding_rs` lacks and which are read from CPython's
//! standard codecs (themselves generated from the Unicode Consortium's
//! mapping files). Character classes come from `src/score/classes.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod corpus;
mod letters;

#[path = "../../src/score/classes.rs"]
#[allow(dead_code)]
mod classes;

/// How a single-byte code page's table is obtained.
enum Source {
    Identity,
    EncodingRs(&'static encoding_rs::Encoding),
    /// `encoding_rs`, with the bytes it leaves undefined mapped to the
    /// code point of the same number, as browsers' "sloppy" decoders do.
    Sloppy(&'static encoding_rs::Encoding),
    Python(&'static str),
}

/// The single-byte code pages, in the order of `SbId` (bit `i` of every
/// codec mask is entry `i`).
fn code_pages() -> Vec<(&'static str, &'static str, Source)> {
    use encoding_rs::*;
    vec![
        ("LATIN_1", "latin-1", Source::Identity),
        (
            "WINDOWS_1250",
            "windows-1250",
            Source::EncodingRs(WINDOWS_1250),
        ),
        (
            "WINDOWS_1251",
            "windows-1251",
            Source::EncodingRs(WINDOWS_1251),
        ),
        (
            "WINDOWS_1252",
            "windows-1252",
            Source::EncodingRs(WINDOWS_1252),
        ),
        (
            "WINDOWS_1253",
            "windows-1253",
            Source::EncodingRs(WINDOWS_1253),
        ),
        (
            "WINDOWS_1254",
            "windows-1254",
            Source::EncodingRs(WINDOWS_1254),
        ),
        (
            "WINDOWS_1255",
            "windows-1255",
            Source::EncodingRs(WINDOWS_1255),
        ),
        (
            "WINDOWS_1256",
            "windows-1256",
            Source::EncodingRs(WINDOWS_1256),
        ),
        (
            "WINDOWS_1257",
            "windows-1257",
            Source::EncodingRs(WINDOWS_1257),
        ),
        (
            "WINDOWS_1258",
            "windows-1258",
            Source::EncodingRs(WINDOWS_1258),
        ),
        (
            "WINDOWS_874",
            "windows-874",
            Source::EncodingRs(WINDOWS_874),
        ),
        (
            "SLOPPY_WINDOWS_1250",
            "sloppy-windows-1250",
            Source::Sloppy(WINDOWS_1250),
        ),
        (
            "SLOPPY_WINDOWS_1251",
            "sloppy-windows-1251",
            Source::Sloppy(WINDOWS_1251),
        ),
        (
            "SLOPPY_WINDOWS_1252",
            "sloppy-windows-1252",
            Source::Sloppy(WINDOWS_1252),
        ),
        (
            "SLOPPY_WINDOWS_1253",
            "sloppy-windows-1253",
            Source::Sloppy(WINDOWS_1253),
        ),
        (
            "SLOPPY_WINDOWS_1254",
            "sloppy-windows-1254",
            Source::Sloppy(WINDOWS_1254),
        ),
        (
            "SLOPPY_WINDOWS_1255",
            "sloppy-windows-1255",
            Source::Sloppy(WINDOWS_1255),
        ),
        (
            "SLOPPY_WINDOWS_1256",
            "sloppy-windows-1256",
            Source::Sloppy(WINDOWS_1256),
        ),
        (
            "SLOPPY_WINDOWS_1257",
            "sloppy-windows-1257",
            Source::Sloppy(WINDOWS_1257),
        ),
        (
            "SLOPPY_WINDOWS_1258",
            "sloppy-windows-1258",
            Source::Sloppy(WINDOWS_1258),
        ),
        (
            "SLOPPY_WINDOWS_874",
            "sloppy-windows-874",
            Source::Sloppy(WINDOWS_874),
        ),
        ("ISO_8859_2", "iso-8859-2", Source::EncodingRs(ISO_8859_2)),
        ("ISO_8859_5", "iso-8859-5", Source::EncodingRs(ISO_8859_5)),
        ("ISO_8859_7", "iso-8859-7", Source::EncodingRs(ISO_8859_7)),
        (
            "ISO_8859_15",
            "iso-8859-15",
            Source::EncodingRs(ISO_8859_15),
        ),
        ("KOI8_R", "koi8-r", Source::EncodingRs(KOI8_R)),
        ("KOI8_U", "koi8-u", Source::EncodingRs(KOI8_U)),
        ("IBM866", "ibm866", Source::EncodingRs(IBM866)),
        ("MAC_ROMAN", "macintosh", Source::EncodingRs(MACINTOSH)),
        ("CP437", "cp437", Source::Python("cp437")),
        ("CP850", "cp850", Source::Python("cp850")),
    ]
}

/// The upper half (bytes 0x80–0xFF) of a code page; 0 marks an undefined byte.
fn upper_half(source: &Source) -> Result<[u16; 128], String> {
    let mut out = [0u16; 128];
    match source {
        Source::Identity => {
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = 0x80 + i as u16;
            }
        }
        Source::EncodingRs(enc) | Source::Sloppy(enc) => {
            let sloppy = matches!(source, Source::Sloppy(_));
            for (i, slot) in out.iter_mut().enumerate() {
                let byte = [0x80 + i as u8];
                let (text, had_errors) = enc.decode_without_bom_handling(&byte);
                let c = text.chars().next().ok_or("empty decode")? as u32;
                *slot = if had_errors {
                    if sloppy {
                        0x80 + i as u16
                    } else {
                        0
                    }
                } else {
                    u16::try_from(c).map_err(|_| format!("{c:#x} is beyond the BMP"))?
                };
            }
        }
        Source::Python(name) => {
            let script = format!(
                "import sys; sys.stdout.write(','.join(str(ord(c)) for c in bytes(range(128,256)).decode('{name}')))"
            );
            let output = Command::new("python3")
                .args(["-c", &script])
                .output()
                .map_err(|e| format!("cannot run python3 for {name}: {e}"))?;
            if !output.status.success() {
                return Err(format!("python3 failed for {name}"));
            }
            let text = String::from_utf8(output.stdout).map_err(|e| e.to_string())?;
            for (slot, n) in out.iter_mut().zip(text.split(',')) {
                *slot = n.trim().parse().map_err(|e| format!("{name}: {e}"))?;
            }
        }
    }
    Ok(out)
}

const HEADER: &str =
    "// BEGIN GENERATED CODE. Do not edit by hand: `cargo run -p xtask -- gen` writes this file\n\
// from encoding_rs (WHATWG index data, BSD-3-Clause, see LICENSE-WHATWG), CPython's\n\
// cp437/cp850/cp950 codecs and src/score/classes.rs.\n";

fn gen_sb_tables(pages: &[(&str, &str, Source)], halves: &[[u16; 128]]) -> String {
    let mut s = String::from(HEADER);
    let n = pages.len();
    writeln!(
        s,
        "\n/// Number of single-byte code pages.\npub(crate) const SB_COUNT: usize = {n};\n"
    )
    .unwrap();
    writeln!(
        s,
        "/// Canonical names, indexed by `SbId`.\npub(crate) static SB_NAMES: [&str; SB_COUNT] = ["
    )
    .unwrap();
    for (_, name, _) in pages {
        writeln!(s, "    \"{name}\",").unwrap();
    }
    writeln!(s, "];\n").unwrap();
    for (i, (konst, _, _)) in pages.iter().enumerate() {
        writeln!(s, "pub(crate) const {konst}: u8 = {i};").unwrap();
    }
    writeln!(
        s,
        "\n/// Upper halves (bytes 0x80–0xFF) of the code pages; 0 marks an undefined byte.\n\
         pub(crate) static SB_DECODE: [[u16; 128]; SB_COUNT] = ["
    )
    .unwrap();
    for half in halves {
        write_row(&mut s, "[", half, 12, |s, v| {
            write!(s, "0x{v:04X}").unwrap()
        });
    }
    writeln!(s, "];\n").unwrap();
    // Encoders: one row per code point that any code page has above 0x7F,
    // with its byte under every code page, so that trying all code pages on
    // one character costs one row lookup.
    let mut repertoire: Vec<u16> = halves
        .iter()
        .flatten()
        .copied()
        .filter(|&v| v != 0)
        .collect();
    repertoire.sort_unstable();
    repertoire.dedup();
    let rows: Vec<Vec<u8>> = repertoire
        .iter()
        .map(|&cp| {
            halves
                .iter()
                .map(|half| {
                    // The lowest byte, where a code page repeats a character.
                    half.iter()
                        .position(|&v| v == cp)
                        .map_or(0, |j| 0x80 + j as u8)
                })
                .collect()
        })
        .collect();
    let (index, blocks) = two_level(|cp| {
        u16::try_from(cp)
            .ok()
            .and_then(|cp| repertoire.binary_search(&cp).ok())
            .map_or(0, |row| u16::try_from(row + 1).expect("rows fit u16"))
    });
    s.push_str("/// Block of each BMP code point's high byte in `SB_ROW_BLOCKS`.\n");
    write_index(&mut s, "SB_ROW_INDEX", &index);
    writeln!(
        s,
        "/// Row in `SB_ROWS` of each BMP code point, plus one (0: no code page has it).\n\
         pub(crate) static SB_ROW_BLOCKS: [[u16; 256]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        write_row(&mut s, "[", block, 16, |s, v| write!(s, "{v}").unwrap());
    }
    writeln!(s, "];\n").unwrap();
    writeln!(
        s,
        "/// The byte of each code point of the repertoire under each code page; 0 if it lacks it.\n\
         pub(crate) static SB_ROWS: [[u8; SB_COUNT]; {}] = [",
        rows.len()
    )
    .unwrap();
    for row in &rows {
        write_row(&mut s, "[", row, 16, |s, b| write!(s, "0x{b:02X}").unwrap());
    }
    writeln!(s, "];\n").unwrap();
    // Most mojibake is read as windows-1252, and most code pages agree with
    // it on most of the characters it produces: a mask per row says which
    // do not, so that one pass over a text tells which code pages would
    // encode it exactly as windows-1252 does.
    let base = pages
        .iter()
        .position(|(_, name, _)| *name == "sloppy-windows-1252")
        .expect("sloppy windows-1252 is a code page");
    writeln!(
        s,
        "/// Code pages (one bit each) whose byte for each row differs from sloppy windows-1252's.\n\
         pub(crate) static SB_DIFF_1252: [u32; {}] = [",
        rows.len()
    )
    .unwrap();
    let diffs: Vec<u32> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|&(_, &b)| b != row[base])
                .fold(0, |m, (i, _)| m | 1 << i)
        })
        .collect();
    for chunk in diffs.chunks(8) {
        s.push_str("    ");
        let line: Vec<String> = chunk.iter().map(|d| format!("0x{d:08X},")).collect();
        s.push_str(&line.join(" "));
        s.push('\n');
    }
    writeln!(s, "];").unwrap();
    s
}

/// Writes one bracketed row of an array literal (`open` is `[` or `&[`):
/// the items, `per_line` to a line, each followed by a comma.
fn write_row<T>(
    s: &mut String,
    open: &str,
    items: &[T],
    per_line: usize,
    item: impl Fn(&mut String, &T),
) {
    write!(s, "    {open}").unwrap();
    for (j, v) in items.iter().enumerate() {
        if j % per_line == 0 {
            s.push_str("\n        ");
        } else {
            s.push(' ');
        }
        item(s, v);
        s.push(',');
    }
    s.push_str("\n    ],\n");
}

/// Two-level table over the BMP: `index[cp >> 8]` names a block of 256 values.
fn two_level<T: Copy + PartialEq>(value: impl Fn(u32) -> T) -> (Vec<u8>, Vec<Vec<T>>) {
    let mut blocks: Vec<Vec<T>> = Vec::new();
    let mut index = Vec::with_capacity(256);
    for hi in 0..256u32 {
        let block: Vec<T> = (0..256u32).map(|lo| value(hi << 8 | lo)).collect();
        let id = match blocks.iter().position(|b| *b == block) {
            Some(id) => id,
            None => {
                blocks.push(block);
                blocks.len() - 1
            }
        };
        index.push(u8::try_from(id).expect("more than 256 distinct blocks"));
    }
    (index, blocks)
}

fn write_index(s: &mut String, name: &str, index: &[u8]) {
    write!(s, "pub(crate) static {name}: [u8; 256] = [").unwrap();
    for (j, v) in index.iter().enumerate() {
        if j % 16 == 0 {
            s.push_str("\n    ");
        } else {
            s.push(' ');
        }
        write!(s, "{v},").unwrap();
    }
    s.push_str("\n];\n\n");
}

/// Every character that `encoding` decodes from the two-byte codes with a
/// lead byte in `leads` and a trail byte in `trails`.
fn decoded_set(
    encoding: &'static encoding_rs::Encoding,
    leads: std::ops::RangeInclusive<u8>,
    trails: std::ops::RangeInclusive<u8>,
) -> std::collections::BTreeSet<char> {
    let mut set = std::collections::BTreeSet::new();
    for lead in leads {
        for trail in trails.clone() {
            let code = [lead, trail];
            let (text, had_errors) = encoding.decode_without_bom_handling(&code);
            if !had_errors {
                set.extend(text.chars());
            }
        }
    }
    set
}

/// The frequent ideographs and Hangul syllables, from the structure of the
/// national standards: GB2312 level 1 (GBK lead bytes B0–D7), Big5's
/// frequently used block (A440–C67E), JIS X 0208 level 1 (Shift_JIS
/// 889F–9872) and KS X 1001's Hangul (EUC-KR B0A1–C8FE).
fn frequent_cjk() -> (
    std::collections::BTreeSet<char>,
    std::collections::BTreeSet<char>,
) {
    use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS};
    let mut han = decoded_set(GBK, 0xB0..=0xD7, 0xA1..=0xFE);
    han.extend(decoded_set(BIG5, 0xA4..=0xC6, 0x40..=0xFE));
    han.extend(decoded_set(SHIFT_JIS, 0x88..=0x98, 0x40..=0xFC));
    han.retain(|&c| classes::class_of(c) == classes::HAN);
    let mut hangul = decoded_set(EUC_KR, 0xB0..=0xC8, 0xA1..=0xFE);
    hangul.retain(|&c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    (han, hangul)
}

fn gen_class_table() -> String {
    let (han, hangul) = frequent_cjk();
    let (index, blocks) = two_level(|cp| match char::from_u32(cp) {
        Some(c) => match classes::class_of(c) {
            classes::HAN if (0x4E00..=0x9FFF).contains(&cp) && !han.contains(&c) => {
                classes::HAN_MID
            }
            classes::HANGUL if (0xAC00..=0xD7A3).contains(&cp) && !hangul.contains(&c) => {
                classes::HANGUL_RARE
            }
            k => k,
        },
        None => classes::NONCHAR,
    });
    let mut s = String::from(HEADER);
    s.push_str("\n/// Block of each BMP code point's high byte in `CLASS_BLOCKS`.\n");
    write_index(&mut s, "CLASS_INDEX", &index);
    writeln!(
        s,
        "/// Classes of the BMP code points, 256 to a block.\npub(crate) static CLASS_BLOCKS: [[u8; 256]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        write_row(&mut s, "[", block, 32, |s, v| write!(s, "{v}").unwrap());
    }
    s.push_str("];\n");
    s
}

/// For each BMP code point, the code pages that encode it as a UTF-8 lead
/// byte of a 2-, 3- and 4-byte sequence, those that encode it as a
/// continuation byte (0x80–0xBF), as bit masks; and a fifth mask that means,
/// for a lead byte, one of C2, C3, C5, whose sequences most often end in A0
/// (no-break space, `à`, `Š`), and for a continuation byte, one that is not
/// a letter.
fn gen_masks(pages: &[(&str, &str, Source)], halves: &[[u16; 128]]) -> String {
    // Code pages whose C2, C3, C5 are symbols, not letters of another script.
    let symbol_pages: Vec<bool> = pages
        .iter()
        .map(|(_, name, _)| matches!(*name, "macintosh" | "cp437" | "cp850"))
        .collect();
    let (index, blocks) = two_level(|cp| {
        let mut m = [0u32; 5];
        for (i, half) in halves.iter().enumerate() {
            for (j, &v) in half.iter().enumerate() {
                if v != 0 && u32::from(v) == cp {
                    let byte = 0x80 + j;
                    let slot = match byte {
                        0x80..=0xBF => 3,
                        0xC0 | 0xC2..=0xDF => 0,
                        0xE0..=0xEF => 1,
                        0xF0..=0xF4 => 2,
                        _ => continue,
                    };
                    m[slot] |= 1 << i;
                    // Only where those bytes are Latin letters or DOS and
                    // Mac symbols: elsewhere they are common letters (KOI8-R
                    // е, windows-1251 В) that often stand before a space.
                    let latin = cp < 0x250 || symbol_pages[i];
                    if matches!(byte, 0xC2 | 0xC3 | 0xC5) && latin {
                        m[4] |= 1 << i;
                    }
                    // A continuation byte that is punctuation or a symbol
                    // may stand alone beside mojibake (curly quotes, dashes).
                    let letter = char::from_u32(cp).is_some_and(char::is_alphabetic);
                    if slot == 3 && !letter {
                        m[4] |= 1 << i;
                    }
                }
            }
        }
        m
    });
    let mut s = String::from(HEADER);
    s.push_str("\n/// Block of each BMP code point's high byte in `MASK_BLOCKS`.\n");
    write_index(&mut s, "MASK_INDEX", &index);
    writeln!(
        s,
        "/// Code-page masks of the BMP code points, 256 to a block: those that\n\
         /// encode the code point as the lead byte of a 2-, 3- and 4-byte UTF-8\n\
         /// sequence, as a continuation byte, and (see the generator) the A0\n\
         /// leads and non-letter continuation bytes.\n\
         pub(crate) static MASK_BLOCKS: [[[u32; 5]; 256]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        write_row(&mut s, "[", block, 4, |s, m| {
            write!(
                s,
                "[0x{:X}, 0x{:X}, 0x{:X}, 0x{:X}, 0x{:X}]",
                m[0], m[1], m[2], m[3], m[4]
            )
            .unwrap()
        });
    }
    s.push_str("];\n");
    s
}

/// The multi-byte codecs that UTF-8 is read as, in the bit order of
/// `src/detect/cjk_flags.rs`.
const CJK_WRONG_DECODERS: [&encoding_rs::Encoding; 5] = [
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
];

/// The NEC-selected twin (lead byte ED or EE) of a Shift_JIS IBM
/// extension pair (FA-FC), if it has one.
fn nec_twin(ibm: &[u8]) -> Option<[u8; 2]> {
    for lead in [0xEDu8, 0xEE] {
        for trail in (0x40..=0x7Eu8).chain(0x80..=0xFC) {
            let nec = [lead, trail];
            let (decoded, malformed) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&nec);
            if malformed {
                continue;
            }
            let (written, _, _) = encoding_rs::SHIFT_JIS.encode(&decoded);
            if written[..] == *ibm {
                return Some(nec);
            }
        }
    }
    None
}

/// The bytes `encoding` encodes `c` as, if it can. Shift_JIS has its
/// user-defined area too (lead bytes F0-F9), which the WHATWG decoder
/// reads as private use U+E000-U+E757 and the encoder refuses, but which
/// the crate's codec encodes back (the pointer arithmetic of the WHATWG
/// Shift_JIS decoder, inverted).
fn encode_one(encoding: &'static encoding_rs::Encoding, c: char) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let text = c.to_string();
    let mut out = Vec::with_capacity(8);
    let (result, _) = encoder.encode_from_utf8_to_vec_without_replacement(&text, &mut out, true);
    if matches!(result, encoding_rs::EncoderResult::InputEmpty) {
        // What Shift_JIS has twice, at the IBM extensions (FA-FC) where
        // the encoder writes it and at the NEC-selected ones (ED-EE): the
        // UTF-8 chains read the latter (the crate's `nec-selected`
        // repair), as UTF-8 is never FA-FC.
        if encoding == encoding_rs::SHIFT_JIS && out.first().is_some_and(|&b| b >= 0xFA) {
            if let Some(twin) = nec_twin(&out) {
                return Some(twin.to_vec());
            }
        }
        return Some(out);
    }
    if encoding != encoding_rs::SHIFT_JIS {
        return None;
    }
    // Windows' cp932 (and CPython's) decode the byte A0, which Shift_JIS
    // leaves undefined, to U+F8F0: UTF-8's continuation byte A0 read so.
    if c == '\u{F8F0}' {
        return Some(vec![0xA0]);
    }
    let pointer = (c as u32).checked_sub(0xE000).filter(|&p| p <= 0x757)? + 8836;
    let (lead, trail) = (pointer / 188, pointer % 188);
    let lead = lead + if lead < 0x1F { 0x81 } else { 0xC1 };
    let trail = trail + if trail < 0x3F { 0x40 } else { 0x41 };
    Some(vec![u8::try_from(lead).ok()?, u8::try_from(trail).ok()?])
}

/// For each BMP code point, one bit per chain family that the character
/// could be a piece of: bits 0-4, UTF-8 read as GBK, Big5, Shift_JIS,
/// EUC-JP, EUC-KR (the codec encodes it as bytes that are all UTF-8 lead
/// or continuation bytes); bit 5, a legacy encoding read as
/// windows-1252 or Latin-1, for the characters of U+00A0-U+00FF; bit 6,
/// the same for cp437, for the characters it has above 0x7F that are not
/// Greek letters (its Greek is too common in Greek text); bit 7, any character windows-1252 or Latin-1
/// encodes above 0x7F (bit 5's and the punctuation of 0x80-0x9F, which a
/// run needs one of bit 5's beside: `……` is Chinese punctuation).
fn gen_cjk_flags(pages: &[(&str, &str, Source)], halves: &[[u16; 128]]) -> String {
    let half = |name: &str| {
        let i = pages
            .iter()
            .position(|(_, n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is a code page"));
        halves[i]
    };
    let single = [
        (7, vec![half("sloppy-windows-1252"), half("latin-1")]),
        (6, vec![half("cp437")]),
    ];
    let (index, blocks) = two_level(|cp| {
        let Some(c) = char::from_u32(cp).filter(|c| !c.is_ascii()) else {
            return 0u8;
        };
        let mut flags = 0u8;
        for (bit, encoding) in CJK_WRONG_DECODERS.iter().enumerate() {
            if let Some(bytes) = encode_one(encoding, c) {
                if bytes.iter().all(|b| matches!(b, 0x80..=0xBF | 0xC2..=0xF4)) {
                    flags |= 1 << bit;
                }
            }
        }
        for (bit, tables) in &single {
            if tables
                .iter()
                .any(|t| t.contains(&(cp as u16)) && cp <= 0xFFFF)
            {
                flags |= 1 << bit;
            }
        }
        if (0xA0..=0xFF).contains(&cp) {
            flags |= 1 << 5;
        }
        if (0x370..=0x3FF).contains(&cp) {
            flags &= !(1 << 6);
        }
        flags
    });
    let mut s = String::from(HEADER);
    s.push_str("\n/// Block of each BMP code point's high byte in `FLAG_BLOCKS`.\n");
    write_index(&mut s, "FLAG_INDEX", &index);
    writeln!(
        s,
        "/// Chain-family flags of the BMP code points, 256 to a block (see the generator).\n\
         pub(crate) static FLAG_BLOCKS: [[u8; 256]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        write_row(&mut s, "[", block, 32, |s, v| write!(s, "{v}").unwrap());
    }
    s.push_str("];\n");
    s
}

/// The UTF-8 role of a byte, in 3 bits: 0 none (F5-FF, C0, C1), 1 a
/// continuation byte, 2-4 the lead of a 2-, 3-, 4-byte sequence, 5 ASCII.
fn utf8_role(b: u8) -> u32 {
    match b {
        0x00..=0x7F => 5,
        0x80..=0xBF => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// The CJK codecs whose frequent ideographs `src/codec/frequent.rs`
/// lists, in its row order.
const FREQUENT_CODECS: [&encoding_rs::Encoding; 6] = [
    encoding_rs::GBK,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
];

/// Whether `encoding` has `c` (U+4E00-U+9FFF) among the ideographs its
/// standard uses most: GB2312 level 1 for GBK and GB18030 (rows B0-D7),
/// Big5's frequently used block (A440-C67E), JIS X 0208 level 1 for
/// Shift_JIS (889F-9872) and EUC-JP (rows B0-CF); for EUC-KR, any Hanja
/// it has. A character encoded in more than two bytes counts as frequent
/// (GB18030's four-byte forms), one not encoded at all does not.
fn frequent(encoding: &'static encoding_rs::Encoding, c: char) -> bool {
    let Some(bytes) = encode_one(encoding, c) else {
        return false;
    };
    let name = encoding.name();
    match (name, bytes.as_slice()) {
        ("GBK" | "gb18030", &[lead, trail]) => (0xB0..=0xD7).contains(&lead) && trail >= 0xA1,
        ("Big5", &[lead, _]) => (0xA4..=0xC6).contains(&lead),
        ("Shift_JIS", &[lead, trail]) => {
            (0x88..=0x98).contains(&lead) && (lead, trail) >= (0x88, 0x9F)
        }
        ("EUC-JP", &[lead, _]) => (0xB0..=0xCF).contains(&lead),
        _ => true,
    }
}

/// For each codec of [`FREQUENT_CODECS`], a bit per ideograph of
/// U+4E00-U+9FFF: whether it is one of the codec's frequent ones.
fn gen_frequent() -> String {
    let count = 0x9FFF - 0x4E00 + 1;
    let words = count / 64;
    let mut s = String::from(HEADER);
    writeln!(
        s,
        "\n/// One row per codec (GBK, GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR), one\n\
         /// bit per ideograph from U+4E00 (bit `i % 64` of word `i / 64`): the\n\
         /// ideographs its standard uses most (see the generator).\n\
         pub(crate) static FREQUENT: [[u64; {words}]; {}] = [",
        FREQUENT_CODECS.len()
    )
    .unwrap();
    for encoding in FREQUENT_CODECS {
        let mut row = vec![0u64; words];
        for i in 0..count {
            let c = char::from_u32(0x4E00 + i as u32).expect("ideographs are chars");
            if frequent(encoding, c) {
                row[i / 64] |= 1 << (i % 64);
            }
        }
        write_row(&mut s, "[", &row, 4, |s, v| {
            write!(s, "0x{v:016X}").unwrap()
        });
    }
    s.push_str("];\n");
    // The ideographs Shift_JIS writes as 8E and a byte from A1 to DF.
    let mut row = vec![0u64; words];
    for i in 0..count {
        let c = char::from_u32(0x4E00 + i as u32).expect("ideographs are chars");
        if let Some(&[0x8E, 0xA1..=0xDF]) = encode_one(encoding_rs::SHIFT_JIS, c).as_deref() {
            row[i / 64] |= 1 << (i % 64);
        }
    }
    writeln!(
        s,
        "\n/// One bit per ideograph from U+4E00, as above: Shift_JIS writes it as 8E\n\
         /// and a byte from A1 to DF, which is how EUC-JP writes a half-width\n\
         /// katakana.\n\
         pub(crate) static HALF_WIDTH_AS_KANJI: [u64; {words}] = ["
    )
    .unwrap();
    for line in row.chunks(4) {
        let words: Vec<String> = line.iter().map(|v| format!("0x{v:016X},")).collect();
        writeln!(s, "    {}", words.join(" ")).unwrap();
    }
    s.push_str("];\n");
    s
}

/// For each BMP code point, 6 bits per codec of `CJK_WRONG_DECODERS`: the
/// UTF-8 roles of the first byte (bits 0-2) and of the second byte (bits
/// 3-5, 0 for a one-byte code) that the codec encodes it as; 0 if it
/// cannot, if the first byte is ASCII, or if either byte is one UTF-8
/// never has. Bit 30 ([`ENCODED`]) if some codec encodes it in two bytes
/// (whatever they are) or has a shape for it. With it, the detector checks
/// that a run of characters spells valid UTF-8 under a codec without
/// encoding it.
/// See [`gen_cjk_shapes`].
const ENCODED: u32 = 1 << 30;

fn gen_cjk_shapes() -> String {
    let (index, blocks) = two_level(|cp| {
        let Some(c) = char::from_u32(cp).filter(|c| !c.is_ascii()) else {
            return 0u32;
        };
        let mut shapes = 0u32;
        for (k, encoding) in CJK_WRONG_DECODERS.iter().enumerate() {
            let Some(bytes) = encode_one(encoding, c) else {
                continue;
            };
            let shape = match bytes[..] {
                [a] if a >= 0x80 => utf8_role(a),
                [a, b] if a >= 0x80 => {
                    shapes |= ENCODED;
                    // A byte that UTF-8 never has (C0, C1, F5-FF) ends any
                    // run where it stands: role 0 of a second byte means
                    // no byte, which a walk steps over.
                    if utf8_role(a) == 0 || utf8_role(b) == 0 {
                        continue;
                    }
                    utf8_role(a) | utf8_role(b) << 3
                }
                _ => 0,
            };
            if shape != 0 {
                shapes |= ENCODED | shape << (6 * k);
            }
        }
        shapes
    });
    let mut s = String::from(HEADER);
    s.push_str("\n/// Block of each BMP code point's high byte in `SHAPE_BLOCKS`.\n");
    write_index(&mut s, "SHAPE_INDEX", &index);
    writeln!(
        s,
        "/// UTF-8 shapes of the BMP code points under GBK, Big5, Shift_JIS, EUC-JP and\n\
         /// EUC-KR, 6 bits each (see the generator), 256 to a block.\n\
         pub(crate) static SHAPE_BLOCKS: [[u32; 256]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        write_row(&mut s, "[", block, 8, |s, v| {
            write!(s, "0x{v:08X}").unwrap()
        });
    }
    s.push_str("];\n");
    s
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes `outputs` (paths relative to the repository root), or with
/// `check` only reports which differ. Returns whether all were up to date.
fn write_all(
    outputs: impl IntoIterator<Item = (String, String)>,
    check: bool,
) -> Result<bool, String> {
    let mut clean = true;
    for (rel, text) in outputs {
        let path = root().join(&rel);
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old == text {
            continue;
        }
        if check {
            eprintln!("{rel} is out of date: run `cargo run -p xtask -- gen`");
            clean = false;
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{rel}: {e}"))?;
            eprintln!("wrote {rel}");
        }
    }
    Ok(clean)
}

/// [`write_all`] for one file of bytes.
fn write_bytes(rel: &str, bytes: &[u8], check: bool) -> Result<bool, String> {
    let path = root().join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(true);
    }
    if check {
        eprintln!("{rel} is out of date: run `cargo run -p xtask -- gen`");
        return Ok(false);
    }
    std::fs::write(&path, bytes).map_err(|e| format!("{rel}: {e}"))?;
    eprintln!("wrote {rel}");
    Ok(true)
}

/// Where CPython's Big5 codecs (big5 and cp950 agree there) put a
/// character of rows C6-C8 that the WHATWG index, encoding_rs's, puts
/// elsewhere: (encoding_rs's pair, cp950's pair),
/// sorted. Asked of CPython's cp950 pair by pair over those rows.
fn gen_big5_cpython() -> Result<String, String> {
    let script = r#"
import sys
out = []
for lead in range(0xC6, 0xC9):
    for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        try:
            c = bytes([lead, trail]).decode('cp950')
        except UnicodeDecodeError:
            continue
        out.append('%02X%02X:%d' % (lead, trail, ord(c)))
sys.stdout.write(','.join(out))
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .output()
        .map_err(|e| format!("cannot run python3 for cp950: {e}"))?;
    if !output.status.success() {
        return Err("python3 failed for cp950".to_owned());
    }
    let text = String::from_utf8(output.stdout).map_err(|e| e.to_string())?;
    let mut pairs: Vec<([u8; 2], [u8; 2])> = Vec::new();
    for item in text.split(',') {
        let (hex, code) = item.split_once(':').ok_or("cp950: malformed output")?;
        let at = u16::from_str_radix(hex, 16)
            .map_err(|e| e.to_string())?
            .to_be_bytes();
        let code: u32 = code.parse().map_err(|e| format!("cp950: {e}"))?;
        let c = char::from_u32(code).ok_or("cp950: not a char")?;
        let (decoded, _, had_errors) = encoding_rs::BIG5.decode(&at);
        if !had_errors && decoded.chars().eq([c]) {
            continue;
        }
        let ours = encode_one(encoding_rs::BIG5, c)
            .ok_or_else(|| format!("encoding_rs's Big5 cannot write {c:?}"))?;
        let ours: [u8; 2] = ours
            .try_into()
            .map_err(|_| format!("{c:?} is no pair in encoding_rs's Big5"))?;
        pairs.push((ours, at));
    }
    pairs.sort();
    if pairs.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err("cp950 has a character twice in rows C6-C8".to_owned());
    }
    let mut s = String::from(HEADER);
    writeln!(
        s,
        "\n/// Where CPython's Big5 codecs (big5, cp950) put characters of rows\n\
         /// C6-C8 (kana, circled numbers, Cyrillic) that the WHATWG index puts\n\
         /// elsewhere: (encoding_rs's pair, CPython's), sorted.\n\
         pub(crate) static BIG5_CPYTHON: [([u8; 2], [u8; 2]); {}] = [",
        pairs.len()
    )
    .unwrap();
    for (ours, theirs) in &pairs {
        writeln!(
            s,
            "    ([0x{:02X}, 0x{:02X}], [0x{:02X}, 0x{:02X}]),",
            ours[0], ours[1], theirs[0], theirs[1]
        )
        .unwrap();
    }
    s.push_str("];\n");
    Ok(s)
}

/// Where the letter models' costs of triples go (see `letters.rs`).
const LETTER_TRIPLES: &str = "src/score/letter_triples.bin";

fn run(check: bool) -> Result<bool, String> {
    let (letter_tables, triples) = letters::generate(&root())?;
    let pages = code_pages();
    let halves = pages
        .iter()
        .map(|(_, _, src)| upper_half(src))
        .collect::<Result<Vec<_>, _>>()?;
    let tables = vec![
        (
            "src/codec/sb_tables.rs".to_owned(),
            gen_sb_tables(&pages, &halves),
        ),
        ("src/score/class_table.rs".to_owned(), gen_class_table()),
        (
            "src/detect/sb_masks.rs".to_owned(),
            gen_masks(&pages, &halves),
        ),
        (
            "src/detect/cjk_flags.rs".to_owned(),
            gen_cjk_flags(&pages, &halves),
        ),
        ("src/detect/cjk_shapes.rs".to_owned(), gen_cjk_shapes()),
        ("src/codec/frequent.rs".to_owned(), gen_frequent()),
        ("src/codec/big5_cpython.rs".to_owned(), gen_big5_cpython()?),
        ("src/score/letter_tables.rs".to_owned(), letter_tables),
    ];
    let tables_ok = write_all(tables, check)? & write_bytes(LETTER_TRIPLES, &triples, check)?;
    let named: Vec<corpus::Page<'_>> = pages
        .iter()
        .zip(&halves)
        .map(|((_, name, _), half)| corpus::Page { name, half })
        .collect();
    let corpus_ok = write_all(corpus::generate(&root(), &named)?, check)?;
    Ok(tables_ok && corpus_ok)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    match args.first().map(String::as_str) {
        Some("gen") => match run(check) {
            Ok(true) => {
                if check {
                    eprintln!("generated files are up to date");
                }
                ExitCode::SUCCESS
            }
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p xtask -- gen [--check]");
            ExitCode::from(2)
        }
    }
}
