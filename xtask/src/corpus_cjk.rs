//! Cases for the chains with a CJK codec or a legacy code page on either
//! side: UTF-8 read as GBK, Big5, Shift_JIS, EUC-JP, EUC-KR or GB18030;
//! GBK, Big5, Shift_JIS, EUC-JP, EUC-KR, windows-1251/1253/1255/1256/874
//! read as windows-1252 or Latin-1; windows-1251 and KOI8-R read as each
//! other; Shift_JIS and GBK read as cp437; Big5 and GBK, Shift_JIS and
//! GBK read as each other, EUC-JP read as Shift_JIS; and
//! UTF-8 read as GBK, then that read as windows-1252.
//!
//! Where the wrong decoder meets bytes it cannot decode, it writes U+FFFD
//! (or `?`); those cases go to `lossy-cjk-*` files, whose `fixed` text has
//! one U+FFFD for each character that lost a byte and which the corpus
//! test measures by character similarity rather than exact match.

use encoding_rs::Encoding;

use super::Case;

/// The encoding of `text`, if `encoding` can encode every character.
fn encode(encoding: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let mut out = Vec::with_capacity(text.len() * 2 + 8);
    let (result, _) = encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
    matches!(result, encoding_rs::EncoderResult::InputEmpty).then_some(out)
}

/// `bytes` decoded, with `lost` for each malformed sequence, and the byte
/// ranges that were malformed.
fn decode_lossy(
    encoding: &'static Encoding,
    bytes: &[u8],
    lost: char,
) -> (String, Vec<std::ops::Range<usize>>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 8);
    let mut bad = Vec::new();
    let mut done = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[done..], &mut out, true);
        done += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return (out, bad),
            encoding_rs::DecoderResult::Malformed(len, extra) => {
                let end = done - usize::from(extra);
                bad.push(end - usize::from(len)..end);
                out.push(lost);
            }
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() + 16),
        }
    }
}

/// `text` with U+FFFD for each character that has a byte in `bad`.
fn with_losses(text: &str, bad: &[std::ops::Range<usize>]) -> String {
    text.char_indices()
        .map(|(i, c)| {
            let end = i + c.len_utf8();
            if bad.iter().any(|r| r.start < end && i < r.end) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

const UTF8_AS: &[(&str, &Encoding)] = &[
    ("gbk", encoding_rs::GBK),
    ("gb18030", encoding_rs::GB18030),
    ("big5", encoding_rs::BIG5),
    ("shift_jis", encoding_rs::SHIFT_JIS),
    ("euc-jp", encoding_rs::EUC_JP),
    ("euc-kr", encoding_rs::EUC_KR),
];

/// Languages whose lines go through the UTF-8-read-as-CJK chains.
const CJK_LANGUAGES: &[&str] = &["zh-hans", "zh-hant", "ja", "ko"];

/// Legacy codecs and the languages written in them.
const LEGACY: &[(&str, &Encoding, &[&str])] = &[
    ("gbk", encoding_rs::GBK, &["zh-hans"]),
    ("big5", encoding_rs::BIG5, &["zh-hant"]),
    ("shift_jis", encoding_rs::SHIFT_JIS, &["ja"]),
    ("euc-jp", encoding_rs::EUC_JP, &["ja"]),
    ("euc-kr", encoding_rs::EUC_KR, &["ko"]),
    (
        "windows-1251",
        encoding_rs::WINDOWS_1251,
        &["ru", "uk", "bg", "sr"],
    ),
    ("koi8-r", encoding_rs::KOI8_R, &["ru", "bg"]),
    ("windows-1253", encoding_rs::WINDOWS_1253, &["el"]),
    ("windows-1255", encoding_rs::WINDOWS_1255, &["he"]),
    ("windows-1256", encoding_rs::WINDOWS_1256, &["ar", "fa"]),
    ("windows-874", encoding_rs::WINDOWS_874, &["th"]),
];

/// Legacy codecs read as cp437 (file names in ZIP archives).
const AS_CP437: &[&str] = &["shift_jis", "gbk"];

/// CJK codecs read as each other: (codec written, codec read).
const CJK_AS_CJK: &[(&str, &str, &Encoding)] = &[
    ("big5", "gbk", encoding_rs::GBK),
    ("gbk", "big5", encoding_rs::BIG5),
    ("shift_jis", "gbk", encoding_rs::GBK),
    ("gbk", "shift_jis", encoding_rs::SHIFT_JIS),
    ("euc-jp", "shift_jis", encoding_rs::SHIFT_JIS),
];

/// Cases for one clean line: (file, case). `decode` reads bytes with a
/// single-byte code page by name.
pub(crate) fn cases(
    stem: &str,
    n: usize,
    text: &str,
    rotation: usize,
    decode: &dyn Fn(&str, &[u8]) -> Option<String>,
) -> Vec<(String, Case)> {
    let mut out = Vec::new();
    let lost = if rotation.is_multiple_of(2) {
        '\u{FFFD}'
    } else {
        '?'
    };
    if CJK_LANGUAGES.contains(&stem) {
        for (name, encoding) in UTF8_AS {
            let (garbled, bad) = decode_lossy(encoding, text.as_bytes(), lost);
            if bad.is_empty() {
                out.push((
                    format!("utf8-as-{name}"),
                    Case {
                        label: format!("{stem}:{n} utf-8 read as {name}"),
                        original: garbled,
                        fixed: text.to_owned(),
                        restored: None,
                    },
                ));
            } else {
                let how = if lost == '?' { "?" } else { "U+FFFD" };
                out.push((
                    format!("lossy-cjk-utf8-as-{name}"),
                    Case {
                        label: format!(
                            "{stem}:{n} utf-8 read as strict {name}, lost bytes as {how}"
                        ),
                        original: garbled,
                        fixed: with_losses(text, &bad),
                        restored: None,
                    },
                ));
            }
        }
        // Two layers: UTF-8 read as GBK, and that read as windows-1252.
        let (once, bad) = decode_lossy(encoding_rs::GBK, text.as_bytes(), '\u{FFFD}');
        if bad.is_empty() {
            if let Some(twice) = decode("sloppy-windows-1252", once.as_bytes()) {
                out.push((
                    "multi-layer-cjk".to_owned(),
                    Case {
                        label: format!("{stem}:{n} utf-8 read as gbk+sloppy-windows-1252"),
                        original: twice,
                        fixed: text.to_owned(),
                        restored: None,
                    },
                ));
            }
        }
    }
    for (name, encoding, languages) in LEGACY {
        if !languages.contains(&stem) {
            continue;
        }
        let Some(bytes) = encode(encoding, text) else {
            continue;
        };
        // What the bytes hold, which a repair can give back at best:
        // Shift_JIS and EUC-JP write `¥` as 0x5C, which reads back as `\`.
        let (held, _, _) = encoding.decode(&bytes);
        let text: &str = &held;
        // KOI8-R and windows-1251 are read as each other.
        let mut readers = match *name {
            "koi8-r" => vec!["sloppy-windows-1251"],
            "windows-1251" => vec!["sloppy-windows-1252", "koi8-r"],
            _ => vec!["sloppy-windows-1252"],
        };
        // Latin-1 readers leave C1 controls where windows-1252 has
        // letters; the CJK codecs' bytes meet them most.
        let cjk = matches!(*name, "gbk" | "big5" | "shift_jis" | "euc-jp" | "euc-kr");
        if rotation.is_multiple_of(3) && cjk {
            readers.push("latin-1");
        }
        if AS_CP437.contains(name) {
            readers.push("cp437");
        }
        for (_, reader, reading) in CJK_AS_CJK.iter().filter(|(w, _, _)| w == name) {
            // Only what the reader decodes whole: where it meets bytes it
            // cannot pair, the text is lost beyond telling.
            let (garbled, bad) = decode_lossy(reading, &bytes, '\u{FFFD}');
            if bad.is_empty() && garbled != text {
                out.push((
                    format!("legacy-{name}-as-{reader}"),
                    Case {
                        label: format!("{stem}:{n} {name} read as {reader}"),
                        original: garbled,
                        fixed: text.to_owned(),
                        restored: None,
                    },
                ));
            }
        }
        for reader in readers {
            if let Some(garbled) = decode(reader, &bytes) {
                out.push((
                    format!("legacy-{name}-as-{reader}"),
                    Case {
                        label: format!("{stem}:{n} {name} read as {reader}"),
                        original: garbled,
                        fixed: text.to_owned(),
                        restored: None,
                    },
                ));
            }
        }
    }
    out
}
