//! The plausibility model: one cost function for text in every script.
//!
//! Every code point has a class (`classes.rs`). The cost of a text is the
//! sum of a per-class cost for each character and a per-pair cost for each
//! two adjacent characters. Costs are roughly negative log-likelihoods in
//! arbitrary units: clean text in any language costs close to nothing per
//! character, while mojibake pays for its tell-tale shapes: a capital
//! accented letter glued to a lowercase word, a letter glued to a rare
//! symbol, a script change inside a word, C1 controls.
//!
//! Because the cost is a sum over characters and adjacent pairs, replacing
//! one run of characters changes it only inside that run and at its two
//! edges, so detectors score each candidate repair locally, in time
//! proportional to the run.

#[rustfmt::skip]
mod class_table;
#[allow(dead_code)]
pub(crate) mod classes;
mod costs;
pub(crate) mod letter_model;
#[rustfmt::skip]
mod letter_tables;

pub(crate) use costs::{caps_break, cjk_ascii_junction, pair_cost, script_id, unary_cost};

/// The class of a character (see `classes.rs`).
#[inline]
pub(crate) fn class(c: char) -> u8 {
    let u = c as u32;
    if u < 0x10000 {
        let block = class_table::CLASS_INDEX[(u >> 8) as usize];
        class_table::CLASS_BLOCKS[usize::from(block)][(u & 0xFF) as usize]
    } else {
        classes::class_of(c)
    }
}

/// `char::is_alphabetic`, answered without Unicode's tables for the
/// blocks that mojibake and its repairs are made of (Latin-1 and Latin
/// Extended, Greek, Cyrillic, Hebrew, Arabic and Thai letters, kana, the
/// unified ideographs and Hangul syllables, general punctuation, currency
/// signs and box drawing): the detectors ask it of every character they weigh,
/// and the standard library's lookup costs a binary search beyond ASCII.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
        0xC0..=0xFF => c != '×' && c != '÷',
        0x100..=0x24F
        | 0x400..=0x481
        | 0x48A..=0x52F
        | 0x5D0..=0x5EA
        | 0x3041..=0x3096
        | 0x30A1..=0x30FA
        | 0x388..=0x38A
        | 0x38E..=0x3A1
        | 0x3A3..=0x3CE
        | 0x620..=0x64A
        | 0xE01..=0xE30
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3 => true,
        0x2000..=0x2070 | 0x20A0..=0x20CF | 0x2500..=0x25FF => false,
        _ => c.is_alphabetic(),
    }
}

/// The classes of the first 256 code points, ASCII's among them: a pass
/// over ASCII bytes looks each up here without decoding a `char`.
#[inline]
pub(crate) fn ascii_classes() -> &'static [u8; 256] {
    &class_table::CLASS_BLOCKS[usize::from(class_table::CLASS_INDEX[0])]
}

/// Cost of the characters of `run` placed between `prev` and `next` (the
/// classes of the neighbouring characters, `None` at the ends of the text),
/// including the pairs they form with those neighbours.
pub(crate) fn run_cost(
    prev: Option<u8>,
    run: impl IntoIterator<Item = char>,
    next: Option<u8>,
) -> i32 {
    let mut cost = 0;
    let mut last = prev;
    for c in run {
        let k = class(c);
        cost += unary_cost(k);
        if let Some(p) = last {
            cost += pair_cost(p, k);
        }
        last = Some(k);
    }
    if let (Some(p), Some(n)) = (last, next) {
        cost += pair_cost(p, n);
    }
    cost
}

/// The cost of a whole text under the model. Lower is more plausible.
///
/// This is the number [`crate::Explained::cost_before`] and
/// [`crate::Explained::cost_after`] report.
pub(crate) fn text_cost(text: &str) -> i32 {
    run_cost(None, text.chars(), None)
}

#[cfg(test)]
mod tests;
