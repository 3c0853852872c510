//! `fix_bytes` on byte files built at test time from the clean corpus
//! (`corpus/clean/*.txt`): no binary file is committed. Each "file" is 5 to
//! 30 consecutive lines of one language, encoded with `encoding_rs` (lines
//! a codec cannot encode are left out) in UTF-8, UTF-8 with a BOM, UTF-16
//! either way round with and without a BOM, a legacy code page, or UTF-8
//! lines interleaved with windows-1252 or GBK ones.
//!
//! Every file of 200 bytes or more must decode to exactly its text. Single
//! lines (5 to 199 bytes) carry less evidence: their exact-decode rate per
//! encoding is printed (`cargo test --test bytes -- --nocapture`) and must
//! stay above a floor a little under what was measured.

use std::path::Path;

use encoding_rs::{Encoding, BIG5, EUC_KR, GBK, SHIFT_JIS, WINDOWS_1251, WINDOWS_1252};
use unmojibake::fix_bytes;

/// How a file's lines are turned into bytes.
#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Utf8,
    Utf8Bom,
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
    Legacy(&'static Encoding),
    /// Each line at random in UTF-8 or in the legacy code page.
    Mixed(&'static Encoding),
}

struct Spec {
    name: &'static str,
    enc: Enc,
    languages: &'static [&'static str],
    /// The lowest exact-decode rate of single lines, in percent (`None`
    /// where single lines are not measured), a little under the rate
    /// measured when it was set. Lines that are pure ASCII do not count
    /// for a legacy code page (they are UTF-8 too).
    floor: Option<f64>,
}

const ALL: &[&str] = &[
    "ar",
    "bg",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "fa",
    "fi",
    "fr",
    "he",
    "hi",
    "hr",
    "hu",
    "hy",
    "is",
    "it",
    "ja",
    "ka",
    "ko",
    "lt",
    "lv",
    "negatives",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sr",
    "sv",
    "th",
    "tr",
    "uk",
    "vi",
    "zh-hans",
    "zh-hant",
];
const WESTERN: &[&str] = &["fr", "de", "es", "pt"];
const CYRILLIC: &[&str] = &["ru", "uk", "bg"];

const SPECS: &[Spec] = &[
    Spec {
        name: "utf-8",
        enc: Enc::Utf8,
        languages: ALL,
        floor: Some(100.0),
    },
    Spec {
        name: "utf-8 bom",
        enc: Enc::Utf8Bom,
        languages: ALL,
        floor: Some(100.0),
    },
    Spec {
        name: "utf-16le bom",
        enc: Enc::Utf16 {
            big_endian: false,
            bom: true,
        },
        languages: ALL,
        floor: Some(100.0),
    },
    Spec {
        name: "utf-16be bom",
        enc: Enc::Utf16 {
            big_endian: true,
            bom: true,
        },
        languages: ALL,
        floor: Some(100.0),
    },
    Spec {
        name: "utf-16le",
        enc: Enc::Utf16 {
            big_endian: false,
            bom: false,
        },
        languages: ALL,
        floor: Some(94.0), // measured 96.4%
    },
    Spec {
        name: "utf-16be",
        enc: Enc::Utf16 {
            big_endian: true,
            bom: false,
        },
        languages: ALL,
        floor: Some(94.0), // measured 96.3%
    },
    Spec {
        name: "windows-1252",
        enc: Enc::Legacy(WINDOWS_1252),
        languages: WESTERN,
        floor: Some(94.0), // measured 97.0%
    },
    Spec {
        name: "windows-1251",
        enc: Enc::Legacy(WINDOWS_1251),
        languages: CYRILLIC,
        floor: Some(96.0), // measured 98.6%
    },
    Spec {
        name: "gbk",
        enc: Enc::Legacy(GBK),
        languages: &["zh-hans"],
        floor: Some(95.0), // measured 97.5%
    },
    Spec {
        name: "big5",
        enc: Enc::Legacy(BIG5),
        languages: &["zh-hant"],
        floor: Some(96.0), // measured 98.4%
    },
    Spec {
        name: "shift_jis",
        enc: Enc::Legacy(SHIFT_JIS),
        languages: &["ja"],
        floor: Some(95.0), // measured 98.0%
    },
    Spec {
        name: "euc-kr",
        enc: Enc::Legacy(EUC_KR),
        languages: &["ko"],
        floor: Some(95.0), // measured 98.0%
    },
    Spec {
        name: "utf-8 + windows-1252",
        enc: Enc::Mixed(WINDOWS_1252),
        languages: WESTERN,
        floor: None,
    },
    Spec {
        name: "utf-8 + gbk",
        enc: Enc::Mixed(GBK),
        languages: &["zh-hans"],
        floor: None,
    },
];

/// Set `UNMOJIBAKE_BYTES_VERBOSE` to list the single lines not decoded
/// exactly.
fn verbose() -> bool {
    std::env::var_os("UNMOJIBAKE_BYTES_VERBOSE").is_some()
}

/// xorshift64*: a fixed sequence, so that every run builds the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() >> 33) as usize % (hi - lo + 1)
    }
}

fn clean_lines(language: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/clean")
        .join(format!("{language}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `text` in a legacy code page, or `None` if it has a character the code
/// page lacks or maps to a byte that decodes as another (Shift_JIS writes
/// `¥` as 0x5C, which is read back as `\\`).
fn legacy(encoding: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = encoding.encode(text);
    let (back, malformed) = encoding.decode_without_bom_handling(&bytes);
    (!unmappable && !malformed && back == text).then(|| bytes.into_owned())
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// The bytes and the text of a file of `lines` (each ending in `eol`),
/// leaving out lines that the encoding cannot represent.
fn build(enc: Enc, lines: &[String], eol: &str, rng: &mut Rng) -> (Vec<u8>, String) {
    let mut bytes = Vec::new();
    let mut text = String::new();
    match enc {
        Enc::Utf8Bom => bytes.extend_from_slice(b"\xEF\xBB\xBF"),
        Enc::Utf16 {
            big_endian,
            bom: true,
        } => bytes.extend(utf16("\u{FEFF}", big_endian)),
        _ => {}
    }
    for line in lines {
        let line = format!("{line}{eol}");
        let encoded = match enc {
            Enc::Utf8 | Enc::Utf8Bom => Some(line.as_bytes().to_vec()),
            Enc::Utf16 { big_endian, .. } => Some(utf16(&line, big_endian)),
            Enc::Legacy(encoding) => legacy(encoding, &line),
            Enc::Mixed(encoding) => {
                if rng.next() & 1 == 0 {
                    Some(line.as_bytes().to_vec())
                } else {
                    legacy(encoding, &line)
                }
            }
        };
        if let Some(encoded) = encoded {
            bytes.extend(encoded);
            text.push_str(&line);
        }
    }
    (bytes, text)
}

#[test]
fn files_decode_exactly_and_single_lines_mostly() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut failures = Vec::new();
    let mut low = Vec::new();
    eprintln!(
        "{:<22} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>7}",
        "encoding", "files", "long", "exact", "lines", "exact", "rate"
    );
    for spec in SPECS {
        let (mut files, mut long, mut long_exact) = (0, 0, 0);
        let (mut short, mut short_exact) = (0, 0);
        // A legacy code page has few languages, each of about fifty
        // lines: cut them into files several times over, at different
        // places.
        let passes = match spec.enc {
            Enc::Legacy(_) | Enc::Mixed(_) => 4,
            _ => 1,
        };
        for language in spec.languages {
            let lines = clean_lines(language);
            let mut at = 0;
            while at < lines.len() * passes {
                if at % lines.len() + 5 > lines.len() {
                    at += lines.len() - at % lines.len();
                    continue;
                }
                let start = at % lines.len();
                let n = rng.range(5, 30).min(lines.len() - start);
                let eol = if files % 3 == 2 { "\r\n" } else { "\n" };
                let (bytes, text) = build(spec.enc, &lines[start..start + n], eol, &mut rng);
                at += n;
                files += 1;
                if bytes.len() < 200 {
                    continue;
                }
                long += 1;
                let fixed = fix_bytes(&bytes);
                if fixed.decoded() == text && fixed.text() == text {
                    long_exact += 1;
                } else {
                    failures.push(format!(
                        "{} {language}: {:?}\n  decoded {:?}\n  fixed   {:?}\n  want    {text:?}",
                        spec.name,
                        fixed
                            .decodings()
                            .iter()
                            .map(|d| (d.range(), d.decoding().name()))
                            .collect::<Vec<_>>(),
                        fixed.decoded(),
                        fixed.text(),
                    ));
                }
            }
            if spec.floor.is_none() {
                continue;
            }
            for line in &lines {
                let (bytes, text) = build(spec.enc, std::slice::from_ref(line), "", &mut rng);
                let legacy = matches!(spec.enc, Enc::Legacy(_));
                if !(5..200).contains(&bytes.len())
                    || text.is_empty()
                    || (legacy && text.is_ascii())
                {
                    continue;
                }
                short += 1;
                let fixed = fix_bytes(&bytes);
                if fixed.decoded() == text {
                    short_exact += 1;
                } else if verbose() {
                    let how = fixed.decodings().first().map(|d| d.decoding().name());
                    eprintln!(
                        "  {}: {text:?} -> {:?} ({how:?})",
                        spec.name,
                        fixed.decoded()
                    );
                }
            }
        }
        let rate = 100.0 * short_exact as f64 / short.max(1) as f64;
        let rate_text = match spec.floor {
            Some(_) => format!("{short:>6} {short_exact:>6} {rate:>6.1}%"),
            None => format!("{:>6} {:>6} {:>7}", "-", "-", "-"),
        };
        eprintln!(
            "{:<22} {files:>6} {long:>6} {long_exact:>6}   {rate_text}",
            spec.name
        );
        if let Some(floor) = spec.floor {
            if rate < floor {
                low.push(format!("{}: {rate:.1}% < {floor}%", spec.name));
            }
        }
    }
    for f in failures.iter().take(20) {
        eprintln!("{f}");
    }
    assert!(failures.is_empty(), "{} long files differ", failures.len());
    assert!(low.is_empty(), "single lines below the floor: {low:?}");
}
