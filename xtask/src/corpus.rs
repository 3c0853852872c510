//! Generates the corpus's mojibake cases from its clean texts.
//!
//! Each clean line of `corpus/clean/*.txt` is garbled through chains of
//! layers (encode as UTF-8, decode with a wrong code page), and each result
//! is written as a case `{label, comment, original, fixed, expect}` to
//! `corpus/cases/*.jsonl`, one JSON object a line. Chains are chosen per
//! line by rotation, so every chain gets hundreds of lines of every script
//! without the files growing to tens of megabytes. Cases listed in
//! `corpus/known-failures.txt` (label, a tab, the reason) get
//! `expect: fail` and the reason as their comment.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "corpus_cjk.rs"]
mod cjk;

/// A single-byte code page: its name and the upper half of its table.
pub(crate) struct Page<'a> {
    pub(crate) name: &'a str,
    pub(crate) half: &'a [u16; 128],
}

impl Page<'_> {
    /// Decodes bytes, `None` if a byte is undefined.
    fn decode(&self, bytes: &[u8]) -> Option<String> {
        bytes
            .iter()
            .map(|&b| match b {
                0..=0x7F => Some(char::from(b)),
                _ => match self.half[usize::from(b - 0x80)] {
                    0 => None,
                    v => char::from_u32(u32::from(v)),
                },
            })
            .collect()
    }
}

/// Wrong decoders for one-layer cases; the first two are used on every line.
const SINGLE: &[&str] = &[
    "sloppy-windows-1252",
    "latin-1",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "iso-8859-2",
    "macintosh",
    "cp437",
    "sloppy-windows-1255",
    "sloppy-windows-1256",
    "sloppy-windows-1258",
    "sloppy-windows-874",
    "iso-8859-15",
    "iso-8859-5",
    "koi8-r",
    "koi8-u",
    "ibm866",
    "cp850",
];

/// Chains of two and three layers (applied first to last).
const MULTI: &[&[&str]] = &[
    &["sloppy-windows-1252", "sloppy-windows-1252"],
    &["sloppy-windows-1252", "latin-1"],
    &["latin-1", "sloppy-windows-1252"],
    &["sloppy-windows-1251", "sloppy-windows-1252"],
    &["sloppy-windows-1252", "sloppy-windows-1251"],
    &["sloppy-windows-1250", "sloppy-windows-1250"],
    &["macintosh", "macintosh"],
    &["cp437", "sloppy-windows-1252"],
    &[
        "sloppy-windows-1252",
        "sloppy-windows-1252",
        "sloppy-windows-1252",
    ],
    &["sloppy-windows-1252", "sloppy-windows-1252", "latin-1"],
    &["macintosh", "macintosh", "macintosh"],
];

/// How many rotating single-layer chains each line gets beyond the first two.
const SINGLE_PER_LINE: usize = 3;
/// How many multi-layer chains each line gets.
const MULTI_PER_LINE: usize = 2;

/// Bytes that windows-1252 leaves undefined in most decoders (not the
/// WHATWG one): a strict decoder turns them into U+FFFD or `?`.
const HOLES_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

pub(crate) struct Case {
    pub(crate) label: String,
    pub(crate) original: String,
    pub(crate) fixed: String,
    /// For bytes lost to U+FFFD where a strict windows-1252 decoder lost
    /// them: the text with every lost byte restored. A repair may restore
    /// a lost character (one of five bytes fits) instead of writing U+FFFD
    /// for it, and passes only if each it restores is the original one.
    pub(crate) restored: Option<String>,
}

fn page<'a>(pages: &'a [Page<'a>], name: &str) -> &'a Page<'a> {
    pages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no code page {name}"))
}

fn garble(pages: &[Page<'_>], text: &str, chain: &[&str]) -> Option<String> {
    let mut current = text.to_owned();
    for name in chain {
        current = page(pages, name).decode(current.as_bytes())?;
    }
    Some(current)
}

/// UTF-8 read by a strict windows-1252 decoder that writes `lost` for each
/// byte it does not define; the expected repair has U+FFFD for each
/// character that lost a byte.
fn garble_lossy(pages: &[Page<'_>], text: &str, lost: char) -> Option<(String, String)> {
    let cp1252 = page(pages, "sloppy-windows-1252");
    let mut garbled = String::new();
    let mut expected = String::new();
    let mut any = false;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let damaged = bytes.iter().any(|b| HOLES_1252.contains(b));
        for &b in bytes {
            if HOLES_1252.contains(&b) {
                garbled.push(lost);
            } else {
                garbled.push_str(&cp1252.decode(&[b])?);
            }
        }
        if damaged {
            any = true;
            expected.push('\u{FFFD}');
        } else {
            expected.push(c);
        }
    }
    any.then_some((garbled, expected))
}

fn chain_name(chain: &[&str]) -> String {
    chain.join("+")
}

fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (0x7F..0xA0).contains(&(c as u32)) => {
                write!(out, "\\u{:04x}", c as u32).unwrap();
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads the clean corpus: (file stem, line number, text).
pub(crate) fn clean_lines(root: &Path) -> Result<Vec<(String, usize, String)>, String> {
    let dir = root.join("corpus/clean");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            if !line.is_empty() {
                out.push((stem.clone(), n + 1, line.to_owned()));
            }
        }
    }
    Ok(out)
}

/// The generated files: name → contents.
pub(crate) fn generate(
    root: &Path,
    pages: &[Page<'_>],
) -> Result<BTreeMap<String, String>, String> {
    let lines = clean_lines(root)?;
    let known_path = root.join("corpus/known-failures.txt");
    let known_text = std::fs::read_to_string(&known_path).unwrap_or_default();
    let known: BTreeMap<&str, &str> = known_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();

    let mut files: BTreeMap<String, Vec<Case>> = BTreeMap::new();
    let mut rotation = 0usize;
    for (stem, n, text) in &lines {
        if text.is_ascii() {
            continue;
        }
        let mut singles: Vec<&str> = SINGLE[..2].to_vec();
        for k in 0..SINGLE_PER_LINE {
            singles.push(SINGLE[2 + (rotation * SINGLE_PER_LINE + k) % (SINGLE.len() - 2)]);
        }
        for codec in singles {
            if let Some(g) = garble(pages, text, &[codec]) {
                files
                    .entry(format!("utf8-as-{codec}"))
                    .or_default()
                    .push(Case {
                        label: format!("{stem}:{n} utf-8 read as {codec}"),
                        original: g,
                        fixed: text.clone(),
                        restored: None,
                    });
            }
        }
        for k in 0..MULTI_PER_LINE {
            let chain = MULTI[(rotation * MULTI_PER_LINE + k) % MULTI.len()];
            if let Some(g) = garble(pages, text, chain) {
                files.entry("multi-layer".into()).or_default().push(Case {
                    label: format!("{stem}:{n} utf-8 read as {}", chain_name(chain)),
                    original: g,
                    fixed: text.clone(),
                    restored: None,
                });
            }
        }
        let lost = if rotation.is_multiple_of(2) {
            '\u{FFFD}'
        } else {
            '?'
        };
        if let Some((g, expected)) = garble_lossy(pages, text, lost) {
            let how = if lost == '?' { "?" } else { "U+FFFD" };
            files.entry("lossy".into()).or_default().push(Case {
                label: format!("{stem}:{n} utf-8 read as strict windows-1252, lost bytes as {how}"),
                original: g,
                fixed: expected,
                restored: (lost == '\u{FFFD}').then(|| text.clone()),
            });
        }
        let decode = |name: &str, bytes: &[u8]| page(pages, name).decode(bytes);
        for (file, case) in cjk::cases(stem, *n, text, rotation, &decode) {
            files.entry(file).or_default().push(case);
        }
        rotation += 1;
    }

    let mut out = BTreeMap::new();
    for (name, cases) in files {
        let mut s = String::new();
        for case in cases {
            let reason = known.get(case.label.as_str());
            s.push_str("{\"label\": ");
            json_str(&case.label, &mut s);
            s.push_str(", \"comment\": ");
            json_str(reason.copied().unwrap_or(""), &mut s);
            s.push_str(", \"original\": ");
            json_str(&case.original, &mut s);
            s.push_str(", \"fixed\": ");
            json_str(&case.fixed, &mut s);
            if let Some(restored) = &case.restored {
                s.push_str(", \"restored\": ");
                json_str(restored, &mut s);
            }
            s.push_str(", \"expect\": ");
            // Lossy CJK cases are measured by similarity, not matched.
            s.push_str(if name.starts_with("lossy-cjk-") {
                "\"similar\""
            } else if reason.is_some() {
                "\"fail\""
            } else {
                "\"pass\""
            });
            s.push_str("}\n");
        }
        out.insert(format!("corpus/cases/{name}.jsonl"), s);
    }
    Ok(out)
}
