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
