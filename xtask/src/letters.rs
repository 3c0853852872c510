//! The letter models: for each language with a text in `corpus/letters`
//! (prose written for the purpose by the project, not taken from
//! anywhere), how surprising each of its letters is after each other, in
//! half-bits. The fills that choose a lost letter ask them (`Ра?писание`
//! is `Расписание`, not `Раэписание` nor `Раяписание`), where a letter's
//! frequency alone cannot tell, and the legacy chains weigh a decoding's
//! letters with them.
//!
//! A model's symbols are 0, anything that is not a letter of the language
//! (a word's edge); 1, a letter of its script that the text has fewer
//! than [`MIN_COUNT`] times; and the letters it has more often, from 2 on
//! in code point order, capitals folded onto small letters. The cost of
//! `b` after `a` is `-2 log2 P(b | a)`, where `P(b | a)` is the count of
//! the pair smoothed towards `b`'s own frequency with the weight of
//! [`PRIOR`] pairs, rounded and capped at [`MAX_COST`]; the cost of `c`
//! after `a` and `b` is the same with the count of the triple smoothed
//! towards `P(c | b)`. On held-out sentences the triples restored 70% more
//! of the Russian letters a strict decoder lost than the pairs did, with
//! fewer wrong.

use std::fmt::Write as _;
use std::path::Path;

/// The languages, the code points their letters are taken from, and
/// which of those are letters.
const LANGUAGES: [(&str, u32, u32); 10] = [
    ("ar", 0x0620, 0x06FF),
    ("bg", 0x0400, 0x04FF),
    ("el", 0x0370, 0x03FF),
    ("fa", 0x0620, 0x06FF),
    ("he", 0x05D0, 0x05EA),
    ("mk", 0x0400, 0x04FF),
    ("ru", 0x0400, 0x04FF),
    ("sr", 0x0400, 0x04FF),
    ("th", 0x0E01, 0x0E4E),
    ("uk", 0x0400, 0x04FF),
];

/// Fewest times a letter is in a text to be a symbol of its own.
const MIN_COUNT: u32 = 3;
/// How many pairs' weight a letter's own frequency has in the smoothing.
const PRIOR: f64 = 4.0;
/// The highest cost, in half-bits.
const MAX_COST: u8 = 40;

/// Whether `c` (from the language's range) is one of its letters: for
/// the Arabic script, a letter rather than a mark or punctuation (the
/// vowel marks and the superscript alef are left out, as running text
/// leaves them out); for Thai, anything but the baht sign.
fn is_letter(language: &str, c: char) -> bool {
    match language {
        "ar" | "fa" => {
            c.is_alphabetic() && !('\u{064B}'..='\u{065F}').contains(&c) && c != '\u{0670}'
        }
        "th" => c != '\u{0E3F}',
        _ => c.is_alphabetic(),
    }
}

/// The small letter of `c`, if it has one that is a single character.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The model of one language from its text.
struct Model {
    language: &'static str,
    first: u32,
    /// Symbol of each code point from `first`.
    index: Vec<u8>,
    /// The letters with symbols of their own, from symbol 2.
    letters: Vec<char>,
    costs: Vec<u8>,
    /// The cost of `c` after `a` and `b`, at `(a * size + b) * size + c`.
    triples: Vec<u8>,
}

fn model(language: &'static str, first: u32, last: u32, text: &str) -> Result<Model, String> {
    let in_range = |c: char| (first..=last).contains(&(c as u32)) && is_letter(language, c);
    let mut counts = std::collections::BTreeMap::<char, u32>::new();
    for c in text.chars().filter(|&c| in_range(c)) {
        *counts.entry(fold(c)).or_default() += 1;
    }
    let letters: Vec<char> = counts
        .iter()
        .filter(|&(_, &n)| n >= MIN_COUNT)
        .map(|(&c, _)| c)
        .collect();
    let size = letters.len() + 2;
    if size > 255 {
        return Err(format!("{language}: too many letters"));
    }
    let symbol = |c: char| -> usize {
        if !in_range(c) {
            return 0;
        }
        letters.binary_search(&fold(c)).map_or(1, |k| k + 2)
    };
    let index: Vec<u8> = (first..=last)
        .map(|u| char::from_u32(u).map_or(0, |c| symbol(c) as u8))
        .collect();
    // Pairs and triples of symbols in a row, an edge between words
    // counted once; a line starts after two edges.
    let mut pairs = vec![0u32; size * size];
    let mut triples = vec![0u32; size * size * size];
    let mut singles = vec![0u32; size];
    for line in text.lines() {
        let (mut prev2, mut prev) = (0, 0);
        for c in line.chars().chain(['\n']) {
            let now = symbol(c);
            if now == 0 && prev == 0 {
                continue;
            }
            pairs[prev * size + now] += 1;
            triples[(prev2 * size + prev) * size + now] += 1;
            singles[now] += 1;
            (prev2, prev) = (prev, now);
        }
    }
    let total: u32 = singles.iter().sum();
    if total == 0 {
        return Err(format!("{language}: no letters"));
    }
    let half_bits = |p: f64| (-2.0 * p.log2()).round().clamp(0.0, f64::from(MAX_COST)) as u8;
    let own = |b: usize| (f64::from(singles[b]) + 0.5) / (f64::from(total) + 0.5 * size as f64);
    // P(b | a), smoothed towards b's own frequency.
    let after = |a: usize, b: usize| {
        let row: u32 = pairs[a * size..(a + 1) * size].iter().sum();
        (f64::from(pairs[a * size + b]) + PRIOR * own(b)) / (f64::from(row) + PRIOR)
    };
    let mut costs = vec![0u8; size * size];
    let mut triple_costs = vec![0u8; size * size * size];
    for a in 0..size {
        for b in 0..size {
            costs[a * size + b] = half_bits(after(a, b));
            // P(c | a b), smoothed towards P(c | b).
            let at = (a * size + b) * size;
            let row: u32 = triples[at..at + size].iter().sum();
            for c in 0..size {
                let p =
                    (f64::from(triples[at + c]) + PRIOR * after(b, c)) / (f64::from(row) + PRIOR);
                triple_costs[at + c] = half_bits(p);
            }
        }
    }
    Ok(Model {
        language,
        first,
        index,
        letters,
        costs,
        triples: triple_costs,
    })
}

/// `src/score/letter_tables.rs` from the texts under `root/corpus/letters`,
/// and the bytes of `src/score/letter_triples.bin`, the costs of triples
/// of every model one after another (too many for a table in the source).
pub fn generate(root: &Path) -> Result<(String, Vec<u8>), String> {
    let mut models = Vec::new();
    for (language, first, last) in LANGUAGES {
        let path = root.join("corpus/letters").join(format!("{language}.txt"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        models.push(model(language, first, last, &text)?);
    }
    let mut s = String::from(
        "// BEGIN GENERATED CODE. Do not edit by hand: `cargo run -p xtask -- gen` writes this file\n\
         // from the texts of corpus/letters (see xtask/src/letters.rs).\n\n\
         use super::letter_model::LetterModel;\n\n\
         /// The costs of triples of letters of every model, one model after\n\
         /// another (see `LetterModel::triples`).\n\
         pub(crate) static TRIPLES: &[u8] = include_bytes!(\"letter_triples.bin\");\n\n",
    );
    let mut bin = Vec::new();
    writeln!(
        s,
        "/// One model per language, by ISO 639-1 code.\n\
         pub(crate) static MODELS: [(&str, LetterModel); {}] = [",
        models.len()
    )
    .unwrap();
    for m in &models {
        let size = m.letters.len() + 2;
        let letters: String = m.letters.iter().collect();
        writeln!(s, "    // {}: {letters}", m.language).unwrap();
        writeln!(
            s,
            "    (\"{}\", LetterModel {{\n        first: 0x{:04X},\n        size: {size},\n        triples: {},",
            m.language,
            m.first,
            bin.len()
        )
        .unwrap();
        bin.extend_from_slice(&m.triples);
        s.push_str("        index: &[");
        write_bytes_list(&mut s, [m.index.as_slice()]);
        s.push_str("\n        ],\n        costs: &[");
        write_bytes_list(&mut s, m.costs.chunks(size));
        s.push_str("\n        ],\n    }),\n");
    }
    s.push_str("];\n");
    Ok((s, bin))
}

/// The bytes of `rows`, each row on lines of its own, 24 to a line.
fn write_bytes_list<'a>(s: &mut String, rows: impl IntoIterator<Item = &'a [u8]>) {
    for row in rows {
        for (j, v) in row.iter().enumerate() {
            s.push_str(if j % 24 == 0 { "\n            " } else { " " });
            write!(s, "{v},").unwrap();
        }
    }
}
