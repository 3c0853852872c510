//! Detectors: each family proposes layers of repair for a text, scored by
//! the one plausibility model; the best proposal wins.
//!
//! A proposal is a set of *spans* of the text that one layer (encode with
//! codec W, repair bytes, decode with codec A) turns into something more
//! plausible. Spans are scored locally: the model's cost is a sum over
//! characters and adjacent pairs, so a span's gain is the change of cost
//! inside it and at its two edges.

mod c1;
mod sb_masks;
mod utf8_as_sb;

use std::ops::Range;

use crate::layer;
use crate::plan::Step;
use crate::score;

/// A character of the text being examined.
#[derive(Clone, Copy)]
pub(crate) struct Item {
    /// Byte offset in the text.
    pub(crate) pos: usize,
    pub(crate) c: char,
    pub(crate) class: u8,
}

/// The characters of a text, with offsets and classes.
pub(crate) struct Chars<'a> {
    pub(crate) text: &'a str,
    pub(crate) items: Vec<Item>,
}

impl<'a> Chars<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let items = text
            .char_indices()
            .map(|(pos, c)| Item {
                pos,
                c,
                class: score::class(c),
            })
            .collect();
        Chars { text, items }
    }

    /// Byte range of the items `range`.
    pub(crate) fn byte_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.items[range.start].pos;
        let end = self
            .items
            .get(range.end)
            .map_or(self.text.len(), |item| item.pos);
        start..end
    }

    /// Classes of the neighbours of the items `range`.
    pub(crate) fn neighbours(&self, range: &Range<usize>) -> (Option<u8>, Option<u8>) {
        let prev = range.start.checked_sub(1).map(|i| self.items[i].class);
        let next = self.items.get(range.end).map(|item| item.class);
        (prev, next)
    }

    /// Cost of the items `range` in their context.
    pub(crate) fn cost(&self, range: &Range<usize>) -> i32 {
        self.cost_as(range, self.items[range.clone()].iter().map(|i| i.c))
    }

    /// Cost of `run` in the place of the items `range`, in their context.
    pub(crate) fn cost_as(&self, range: &Range<usize>, run: impl IntoIterator<Item = char>) -> i32 {
        let (prev, next) = self.neighbours(range);
        let run: Vec<char> = run.into_iter().collect();
        let mut cost = score::run_cost(prev, run.iter().copied(), next);
        // Capital-letter trigrams that touch the run, with up to two
        // characters of context on each side.
        let before = range.start.saturating_sub(2)..range.start;
        let after = range.end..(range.end + 2).min(self.items.len());
        let mut classes: Vec<u8> = Vec::with_capacity(run.len() + 4);
        classes.extend(self.items[before.clone()].iter().map(|i| i.class));
        classes.extend(run.iter().map(|&c| score::class(c)));
        classes.extend(self.items[after].iter().map(|i| i.class));
        let (first, end) = (before.len(), before.len() + run.len());
        for (j, w) in classes.windows(3).enumerate() {
            if j + 2 >= first && j < end {
                cost += score::caps_break(w[0], w[1], w[2]);
            }
        }
        cost
    }
}

/// What the fast scan found: which detectors have anything to look at.
#[derive(Clone, Copy, Default)]
pub(crate) struct Suspicion {
    /// Code pages under which some character that encodes as a UTF-8 lead
    /// byte is followed by one that encodes as a continuation byte (or by a
    /// space, `?` or U+FFFD, which damaged mojibake leaves there).
    pub(crate) utf8_pairs: u32,
    /// The text has C1 controls.
    pub(crate) c1: bool,
}

impl Suspicion {
    pub(crate) fn any(self) -> bool {
        self.utf8_pairs != 0 || self.c1
    }
}

/// One pass over the text with table lookups: is there anything to repair?
///
/// For all code pages at once (one bit each), a small automaton tracks how
/// many continuation bytes the last lead byte still wants; a code page is
/// flagged when some sequence completes. A space, `?` or U+FFFD may stand
/// in for a continuation byte, as in damaged mojibake.
pub(crate) fn scan(text: &str) -> Suspicion {
    let mut s = Suspicion::default();
    // want[k]: code pages whose last lead byte wants k + 1 more bytes.
    let mut want = [0u32; 3];
    for c in text.chars() {
        let u = c as u32;
        let m = if u < 0x80 {
            if c == ' ' || c == '?' {
                [0, 0, 0, u32::MAX]
            } else {
                [0; 4]
            }
        } else {
            s.c1 |= (0x80..0xA0).contains(&u);
            if c == '\u{FFFD}' {
                [0, 0, 0, u32::MAX]
            } else {
                masks(c)
            }
        };
        let cont = m[3];
        s.utf8_pairs |= want[0] & cont;
        want = [(want[1] & cont) | m[0], (want[2] & cont) | m[1], m[2]];
    }
    s
}

/// The code-page masks of a character: those that encode it as the lead
/// byte of a 2-, 3- and 4-byte UTF-8 sequence, and as a continuation byte.
#[inline]
pub(crate) fn masks(c: char) -> [u32; 4] {
    let u = c as u32;
    if u >= 0x10000 {
        return [0; 4];
    }
    let block = sb_masks::MASK_INDEX[(u >> 8) as usize];
    sb_masks::MASK_BLOCKS[usize::from(block)][(u & 0xFF) as usize]
}

/// A layer of repair that a detector proposes.
pub(crate) struct Proposal {
    /// The layer's steps (encode, transcodes, decode).
    pub(crate) steps: Vec<Step>,
    /// The text after the layer.
    pub(crate) text: String,
    /// The gain plus the evidence of structure (whole lines that decode),
    /// used to choose between proposals.
    pub(crate) rank: i32,
}

/// Builds a proposal from accepted item ranges, through the same layer code
/// that replays plans.
pub(crate) fn build(
    chars: &Chars<'_>,
    spec: &layer::Spec<'_>,
    ranges: &[Range<usize>],
    rank: i32,
) -> Option<Proposal> {
    let spans: Vec<Range<usize>> = ranges.iter().map(|r| chars.byte_range(r)).collect();
    let text = layer::apply(spec, chars.text, Some(&spans)).ok()?;
    let mut steps = vec![Step::Encode {
        codec: spec.encode,
        spans: Some(spans),
    }];
    steps.extend(spec.repairs.iter().map(|&r| Step::Transcode(r)));
    steps.push(Step::Decode(spec.decode));
    Some(Proposal { steps, text, rank })
}

/// The best layer of repair for `text`, if any improves it enough.
///
/// With `lookahead` above 0, detectors judge a candidate by the best that
/// up to that many further layers make of it.
pub(crate) fn propose(text: &str, suspicion: Suspicion, lookahead: u8) -> Option<Proposal> {
    let chars = Chars::new(text);
    let mut best: Option<Proposal> = None;
    if suspicion.utf8_pairs != 0 {
        for &id in utf8_as_sb::WRONG_DECODERS {
            if suspicion.utf8_pairs & (1 << id) != 0 {
                best = better(best, utf8_as_sb::propose(&chars, id, lookahead));
            }
        }
    }
    // C1 controls that are part of UTF-8 sequences belong to the layer above;
    // only when no such layer applies are they windows-1252 on their own.
    if best.is_none() && suspicion.c1 {
        best = c1::propose(&chars);
    }
    best
}

/// The proposal with the larger gain; the earlier one on a tie.
fn better(a: Option<Proposal>, b: Option<Proposal>) -> Option<Proposal> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.rank > a.rank { b } else { a }),
        (a, b) => a.or(b),
    }
}
