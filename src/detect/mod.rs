//! Detectors: each family proposes layers of repair for a text, scored by
//! the one plausibility model; the best proposal wins.
//!
//! A proposal is a set of *spans* of the text that one layer (encode with
//! codec W, repair bytes, decode with codec A) turns into something more
//! plausible. Spans are scored locally: the model's cost is a sum over
//! characters and adjacent pairs, so a span's gain is the change of cost
//! inside it and at its two edges.

mod c1;
#[rustfmt::skip]
mod cjk_flags;
mod cjk_scan;
mod cyrillic;
#[rustfmt::skip]
mod cjk_shapes;
mod legacy;
mod orthography;
mod quiet;
pub(crate) use orthography::{
    cyrillic_misplaced, greek_enclitic, greek_ending_misspelt, greek_stress_misspelt,
    latin_beyond_ascii, letter_rarity, rare_latin, vietnamese_misspelt, LatinLetters,
};
use quiet::decode;
pub(crate) use quiet::quiet;
#[rustfmt::skip]
mod sb_masks;
mod utf8_as_sb;
mod whole_1252;
pub(crate) use whole_1252::whole_as_1252;

use std::ops::Range;

use crate::codec::Codec;
use crate::layer;
use crate::plan::{ByteRepair, Step};
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
    /// Indices of the items that are not ASCII: every code page the
    /// detectors try maps ASCII to itself, so only these differ.
    pub(crate) wide: Vec<usize>,
    /// Costs of ranges already computed: every code page that finds the
    /// same runs asks for the same ones.
    costs: std::cell::RefCell<Vec<(Range<usize>, i32)>>,
}

impl<'a> Chars<'a> {
    /// The characters of `text`, in buffers taken from `spare`.
    fn reusing(text: &'a str, spare: &mut Spare) -> Self {
        let mut items = std::mem::take(&mut spare.items);
        let mut wide = std::mem::take(&mut spare.wide);
        let mut costs = std::mem::take(&mut spare.costs);
        items.clear();
        wide.clear();
        costs.clear();
        items.reserve(text.len());
        for (pos, c) in text.char_indices() {
            if !c.is_ascii() {
                wide.push(items.len());
            }
            items.push(Item {
                pos,
                c,
                class: score::class(c),
            });
        }
        Chars {
            text,
            items,
            wide,
            costs: std::cell::RefCell::new(costs),
        }
    }

    /// Gives the buffers back to `spare`.
    fn give_back(self, spare: &mut Spare) {
        spare.items = self.items;
        spare.wide = self.wide;
        spare.costs = self.costs.into_inner();
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
        if let Some(&(_, cost)) = self.costs.borrow().iter().find(|(r, _)| r == range) {
            return cost;
        }
        let cost = self.cost_as(range, self.items[range.clone()].iter().map(|i| i.c));
        let mut costs = self.costs.borrow_mut();
        // A few runs a line is the common case; a line of hundreds must
        // not make every lookup a long search.
        if costs.len() < COST_CACHE {
            costs.push((range.clone(), cost));
        }
        cost
    }

    /// Cost of `run` in the place of the items `range`, in their context:
    /// its characters, the pairs they form with each other and with the
    /// neighbours, and the capital-letter trigrams that touch the run.
    pub(crate) fn cost_as(&self, range: &Range<usize>, run: impl IntoIterator<Item = char>) -> i32 {
        let (prev, next) = self.neighbours(range);
        let prev2 = range.start.checked_sub(2).map(|i| self.items[i].class);
        let next2 = self.items.get(range.end + 1).map(|i| i.class);
        let mut cost = 0;
        // The last two classes seen, context included.
        let mut window = [prev2, prev];
        let mut any = false;
        for c in run {
            let k = score::class(c);
            cost += score::unary_cost(k);
            if let Some(p) = window[1] {
                cost += score::pair_cost(p, k);
            }
            if let [Some(a), Some(b)] = window {
                cost += score::caps_break(a, b, k);
            }
            window = [window[1], Some(k)];
            any = true;
        }
        if let (Some(n), Some(p)) = (next, window[1]) {
            cost += score::pair_cost(p, n);
            if let Some(a) = window[0] {
                cost += score::caps_break(a, p, n);
            }
            if let (true, Some(n2)) = (any, next2) {
                cost += score::caps_break(p, n, n2);
            }
        }
        cost
    }
}

/// Whether a UTF-8 repair has a run inside a word of ASCII letters, two
/// at least either side (`Dzi|Ä™|kuj`): there it spells a letter of the word, where a CJK
/// codec's reading of the same bytes would put an ideograph inside a
/// Latin word, which no text does. Such a line is the UTF-8 repair's,
/// however much of the rest a CJK codec reads (`rady â¤ï¸`, a sequence
/// that lost a byte its decoder dropped).
fn inside_words(chars: &Chars<'_>, candidate: &Candidate) -> bool {
    let letter = |i: usize| {
        chars
            .items
            .get(i)
            .is_some_and(|it| it.c.is_ascii_alphabetic())
    };
    // Two letters either side: a CJK codec's second bytes are ASCII
    // letters one at a time (`¦Ñ`), a word's are not.
    candidate.ranges.iter().any(|r| {
        r.start > 1
            && letter(r.start - 2)
            && letter(r.start - 1)
            && letter(r.end)
            && letter(r.end + 1)
    })
}

/// Characters beside the UTF-8 repair's runs that a legacy run may take
/// in without explaining more of the text.
const NEIGHBOUR: usize = 1;

/// Ranges whose cost [`Chars::cost`] remembers, at most.
const COST_CACHE: usize = 32;

/// What the fast scan found: which detectors have anything to look at.
#[derive(Clone, Copy, Default)]
pub(crate) struct Suspicion {
    /// Code pages under which some character that encodes as a UTF-8 lead
    /// byte is followed by one that encodes as a continuation byte (or by a
    /// space, `?` or U+FFFD, which damaged mojibake leaves there).
    pub(crate) utf8_pairs: u32,
    /// The text has C1 controls.
    pub(crate) c1: bool,
    /// The chains of `legacy` that have a run to look at: UTF-8 chains
    /// whose codec spells UTF-8 with a run of characters (`cjk_scan`),
    /// flags (see `cjk_flags`) that characters in a row call for (see
    /// `legacy::run_flags`), and a CJK codec read as another if the CJK
    /// characters are odd enough.
    pub(crate) legacy: u16,
}

impl Suspicion {
    pub(crate) fn any(self) -> bool {
        self.utf8_pairs != 0 || self.c1 || self.legacy != 0
    }
}

/// One pass over the text with table lookups: is there anything to repair?
///
/// For all code pages at once (one bit each), a small automaton tracks how
/// many continuation bytes the last lead byte still wants, word by word. A
/// code page is flagged when a word (a run of characters it encodes as
/// bytes above 0x7F) holds a complete UTF-8 sequence and no broken one: no
/// lead byte cut short, no continuation byte that is a letter standing
/// alone. Clean text in a script that a code page covers (Russian under
/// IBM866, Thai under windows-874) spells valid sequences by chance, but
/// inside words whose other letters break the structure; real mojibake is
/// all structure. A `?` or U+FFFD may stand in for a continuation byte, and
/// so may a space after the lead bytes whose sequences most often end in
/// A0, as in damaged mojibake.
pub(crate) fn scan(text: &str) -> Suspicion {
    if quiet::quiet(text) {
        return Suspicion::default();
    }
    scan_all(text)
}

/// [`scan`] without the cheaper first pass.
pub(crate) fn scan_all(text: &str) -> Suspicion {
    let mut c1 = false;
    let mut words = Utf8Words::default();
    let mut a0_lead = 0u32;
    // Chain-family flags of the previous two characters, and those that
    // three characters in a row have called for (the UTF-8 chains' come
    // from `runs`).
    let (mut prev2_flags, mut prev_flags, mut legacy) = (0u8, 0u8, 0u8);
    let mut glued = false;
    let mut runs = cjk_scan::Runs::default();
    let mut odd = cjk_scan::Oddness::default();
    let mut cyrillic = cyrillic::Cyrillic::new();
    // Whether the line has a character cp437 has and windows-1252 lacks,
    // and whether three in a row have cp437's flag.
    let (mut cp437_only, mut cp437_three) = (false, 0u8);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let idle = words.idle();
        // Decode one char by hand: the text is valid UTF-8, and most of it
        // (ASCII, and everything from U+3000 to U+EFFF, which no single-byte
        // code page has) needs no table lookup when nothing is pending.
        let [m0, m1, m2, cont, aux]: [u32; 5] = if b < 0x80 {
            i += 1;
            // A `?` may stand for bytes a CJK decoder lost: it keeps the
            // UTF-8 chains' runs going, as U+FFFD does.
            if b == b'?' {
                runs.step(legacy::MAYBE_LOST_SHAPES);
            } else {
                runs.reset();
            }
            odd.other();
            (prev2_flags, prev_flags) = (0, 0);
            cyrillic.other();
            if idle {
                // Every state is now what any ASCII character but `?`
                // leaves, so the rest of such a run changes nothing.
                if b != b'?' {
                    i = skip_plain_ascii(bytes, i);
                }
                continue;
            }
            match b {
                b'?' => [0, 0, 0, words.pending(), 0],
                b' ' => [0, 0, 0, a0_lead & words.w[0], 0],
                _ => [0; 5],
            }
        } else if b < 0xE0 {
            let u = (u32::from(b & 0x1F) << 6)
                | u32::from(bytes.get(i + 1).copied().unwrap_or(0) & 0x3F);
            i += 2;
            c1 |= u < 0xA0;
            if (0x400..0x460).contains(&u) {
                cyrillic.letter(u);
            } else {
                cyrillic.other();
            }
            cp437_only |= legacy::cp437_only(u);
            // Below U+3000, so never one of `odd`'s characters.
            let c = char::from_u32(u).unwrap_or_default();
            if legacy::pair_lead_in_1252(c) && legacy::pairs_at(text, i - 2) {
                legacy |= legacy::AS_WINDOWS_1252;
            }
            runs.step(legacy::shapes(c));
            odd.other();
            let f = if u < legacy::FLAGGED_2_BYTE {
                legacy::flags(u) & !legacy::UTF8_FLAGS
            } else {
                0
            };
            legacy |= legacy::run_flags(prev2_flags, prev_flags, f);
            cp437_three |= prev2_flags & prev_flags & f;
            (prev2_flags, prev_flags) = (prev_flags, f);
            block_masks(u)
        } else if b < 0xF0 {
            let u = (u32::from(b & 0x0F) << 12)
                | (u32::from(bytes.get(i + 1).copied().unwrap_or(0) & 0x3F) << 6)
                | u32::from(bytes.get(i + 2).copied().unwrap_or(0) & 0x3F);
            i += 3;
            cyrillic.other();
            let c = char::from_u32(u).unwrap_or_default();
            if legacy::pair_lead_in_1252(c) && legacy::pairs_at(text, i - 3) {
                legacy |= legacy::AS_WINDOWS_1252;
            }
            let shapes = match c {
                '\u{FFFD}' => legacy::LOST_SHAPES,
                c => legacy::shapes(c),
            };
            glued |= shapes != 0
                && (bytes
                    .get(i.wrapping_sub(4))
                    .is_some_and(u8::is_ascii_alphabetic)
                    || bytes.get(i).is_some_and(u8::is_ascii_alphabetic))
                && legacy::glued_sequence_flags(shapes) != 0;
            runs.step(shapes);
            if u >= 0x3000 && shapes != 0 {
                odd.cjk(c);
            } else {
                odd.other();
            }
            // Nothing from U+3000 to U+EFFF has a flag beyond the UTF-8
            // chains'.
            let f = if (0x3000..=0xEFFF).contains(&u) {
                0
            } else {
                cp437_only |= legacy::cp437_only(u);
                legacy::flags(u) & !legacy::UTF8_FLAGS
            };
            legacy |= legacy::run_flags(prev2_flags, prev_flags, f);
            cp437_three |= prev2_flags & prev_flags & f;
            (prev2_flags, prev_flags) = (prev_flags, f);
            match u {
                0x3000..=0xEFFF if idle => continue,
                0x3000..=0xEFFF => [0; 5],
                0xFFFD => [0, 0, 0, words.pending(), 0],
                _ => block_masks(u),
            }
        } else {
            i += 4;
            runs.reset();
            odd.other();
            (prev2_flags, prev_flags) = (0, 0);
            cyrillic.other();
            if idle {
                continue;
            }
            [0; 5]
        };
        words.step([m0, m1, m2, cont, aux]);
        a0_lead = aux & m0;
    }
    let flagged = words.finish();
    if !cp437_only {
        legacy = (legacy & !legacy::CP437_RUN) | (cp437_three & legacy::CP437_RUN);
    }
    Suspicion {
        utf8_pairs: flagged & utf8_as_sb::WRONG_DECODER_MASK,
        c1,
        legacy: u16::from((legacy & legacy::FLAGS) | runs.hits)
            | if cyrillic.suspect() {
                legacy::KOI8_CASE
            } else {
                0
            }
            | if odd.is_odd() { legacy::CJK_AS_CJK } else { 0 }
            | if glued { legacy::GLUED_LETTERS } else { 0 },
    }
}

/// The scan's automaton for UTF-8 read as a single-byte code page, one
/// bit per code page (see [`scan`]).
#[derive(Clone, Copy, Default)]
struct Utf8Words {
    /// Code pages whose pending sequence wants 1, 2 or 3 more bytes.
    w: [u32; 3],
    /// Code pages whose current word has a complete sequence, or a broken
    /// one.
    done: u32,
    bad: u32,
    /// Code pages with a word that had a complete sequence and no broken
    /// one.
    flagged: u32,
}

impl Utf8Words {
    /// Whether every state is what plain ASCII leaves.
    #[inline]
    fn idle(&self) -> bool {
        (self.pending() | self.done | self.bad) == 0
    }

    #[inline]
    fn pending(&self) -> u32 {
        self.w[0] | self.w[1] | self.w[2]
    }

    /// One character, given its masks: lead byte of a 2-, 3- or 4-byte
    /// sequence, continuation byte, and punctuation (see `sb_masks`).
    #[inline]
    fn step(&mut self, [m0, m1, m2, cont, aux]: [u32; 5]) {
        let pending = self.pending();
        let lead = m0 | m1 | m2;
        // A stray continuation byte is an error unless it is punctuation,
        // which then only ends the word; a pending sequence that does not
        // get its continuation byte is an error.
        let stray = cont & !pending;
        self.bad |= (stray & !aux) | (pending & !cont);
        self.done |= self.w[0] & cont;
        let boundary = !(lead | cont) | (stray & aux);
        self.flagged |= self.done & !self.bad & boundary;
        self.done &= !boundary;
        self.bad &= !boundary;
        self.w = [(self.w[1] & cont) | m0, (self.w[2] & cont) | m1, m2];
    }

    /// The flagged code pages, the last word included.
    #[inline]
    fn finish(&self) -> u32 {
        self.flagged | (self.done & !self.bad & !self.pending())
    }
}

/// The index of the first byte from `i` on that is beyond ASCII or is
/// `?`: eight bytes at a time, since most of most lines is ASCII.
#[inline]
fn skip_plain_ascii(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        // Zero bytes of `q` are `?`s of `w`. The borrow trick may mark
        // bytes after the first zero byte, never one before it, so the
        // lowest mark is exact.
        let q = w ^ (ONES * u64::from(b'?'));
        let marks = (w | (q.wrapping_sub(ONES) & !q)) & HIGH;
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| b < 0x80 && b != b'?') {
        i += 1;
    }
    i
}

#[inline]
fn block_masks(u: u32) -> [u32; 5] {
    let block = sb_masks::MASK_INDEX[(u >> 8) as usize & 0xFF];
    sb_masks::MASK_BLOCKS[usize::from(block)][(u & 0xFF) as usize]
}

/// Whether a candidate that reads the text as cp437 or cp850 leaves box
/// drawing outside its ranges: the code page read the whole line, so box
/// drawing it did not produce from UTF-8 is the line's own, and the line
/// is line art (`├┤a┼┐a┼┐`), not `H├┤tel`.
fn leaves_box_drawing(chars: &Chars<'_>, candidate: &Candidate) -> bool {
    if !matches!(candidate.encode, Codec::Cp437 | Codec::Cp850) {
        return false;
    }
    let mut ranges = candidate.ranges.iter().peekable();
    chars.wide.iter().any(|&i| {
        while ranges.next_if(|r| r.end <= i).is_some() {}
        let inside = ranges.peek().is_some_and(|r| r.start <= i);
        !inside && ('\u{2500}'..='\u{259F}').contains(&chars.items[i].c)
    })
}

/// A layer of repair that a detector proposes.
pub(crate) struct Proposal {
    /// The layer's steps (encode, transcodes, decode).
    pub(crate) steps: Vec<Step>,
    /// The text after the layer.
    pub(crate) text: String,
}

/// A layer that a detector would apply: codecs, repairs and the accepted
/// item ranges. Only the winning candidate is built into a [`Proposal`].
pub(crate) struct Candidate {
    pub(crate) encode: Codec,
    pub(crate) repairs: Vec<ByteRepair>,
    pub(crate) decode: Codec,
    pub(crate) ranges: Vec<Range<usize>>,
    /// The gain plus the evidence of structure, to choose between candidates.
    pub(crate) rank: i32,
}

impl Candidate {
    /// How many characters beyond ASCII the candidate repairs: between
    /// detectors, the one that explains more of the text wins.
    fn covered(&self, chars: &Chars<'_>) -> usize {
        self.ranges
            .iter()
            .map(|r| {
                chars.items[r.clone()]
                    .iter()
                    .filter(|i| !i.c.is_ascii())
                    .count()
            })
            .sum()
    }
}

/// Builds the proposal of a candidate: from the sequences it decodes when
/// a UTF-8 detector found it, else through the layer code that replays
/// plans (the two agree; debug builds check it).
fn build(
    chars: &Chars<'_>,
    candidate: &Candidate,
    seqs: Option<&[utf8_as_sb::Seq]>,
) -> Option<Proposal> {
    let spans: Vec<Range<usize>> = candidate
        .ranges
        .iter()
        .map(|r| chars.byte_range(r))
        .collect();
    let spec = layer::Spec {
        encode: candidate.encode,
        repairs: &candidate.repairs,
        decode: candidate.decode,
    };
    // The sequences hold U+FFFD for every lost byte; filling some is the
    // layer code's work.
    let fills = candidate.repairs.contains(&ByteRepair::FillUndefined);
    let text = match seqs.filter(|_| !fills) {
        Some(seqs) => {
            let text = utf8_as_sb::render(chars, &candidate.ranges, seqs);
            debug_assert_eq!(
                layer::apply(&spec, chars.text, Some(&spans)).as_deref(),
                Ok(text.as_str())
            );
            text
        }
        None => layer::apply(&spec, chars.text, Some(&spans)).ok()?,
    };
    let mut steps = vec![Step::Encode {
        codec: candidate.encode,
        spans: Some(spans),
    }];
    steps.extend(candidate.repairs.iter().map(|&r| Step::Transcode(r)));
    steps.push(Step::Decode(candidate.decode));
    Some(Proposal { steps, text })
}

/// The best layer of repair for `text`, if any improves it enough.
///
/// With `lookahead` above 0, detectors judge a candidate by the best that
/// up to that many further layers make of it.
pub(crate) fn propose(text: &str, mut suspicion: Suspicion, lookahead: u8) -> Option<Proposal> {
    // Buffers of an earlier call; a nested call (the lookahead) finds none
    // and makes its own.
    let mut spare = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    legacy::shape_text(text, suspicion.legacy, &mut spare.shaped);
    suspicion.legacy = legacy::narrow(&spare.shaped, suspicion.legacy);
    let proposal = if suspicion.any() {
        let chars = Chars::reusing(text, &mut spare);
        let proposal = propose_in(&chars, suspicion, lookahead, &mut spare);
        chars.give_back(&mut spare);
        proposal
    } else {
        None
    };
    SPARE.with(|s| *s.borrow_mut() = spare);
    proposal
}

/// Buffers that one proposal lends to the next, so that repairing many
/// short lines does not allocate the same vectors for each.
#[derive(Default)]
struct Spare {
    items: Vec<Item>,
    wide: Vec<usize>,
    costs: Vec<(Range<usize>, i32)>,
    pool: Vec<utf8_as_sb::Seq>,
    tried: Vec<Range<usize>>,
    encoded: utf8_as_sb::Buffers,
    /// The CJK codecs' UTF-8 shapes of the text's characters.
    shaped: Vec<u32>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::default();
}

fn propose_in(
    chars: &Chars<'_>,
    suspicion: Suspicion,
    lookahead: u8,
    spare: &mut Spare,
) -> Option<Proposal> {
    // The best candidate, and where its sequences are in `pool`: the
    // sequences of every code page tried, one after another.
    let mut best: Option<(Candidate, Option<Range<usize>>)> = None;
    let pool = &mut spare.pool;
    let tried = &mut spare.tried;
    pool.clear();
    tried.clear();
    if suspicion.utf8_pairs != 0 && !chars.wide.is_empty() {
        let mut enc = utf8_as_sb::Encoded::new(chars, &mut spare.encoded);
        for &id in utf8_as_sb::WRONG_DECODERS {
            if suspicion.utf8_pairs & (1 << id) == 0 {
                continue;
            }
            // A code page that encodes the text as one already tried did
            // would find the same sequences with a prior no better; one that
            // finds the same sequences, decoding to the same characters,
            // would propose the same repair: skip scoring either.
            if !enc.encode(chars, id) {
                continue;
            }
            let start = pool.len();
            utf8_as_sb::find_sequences(chars, id, enc.bytes(), pool);
            let (before, seqs) = pool.split_at(start);
            if seqs.is_empty() || tried.iter().any(|r| before[r.clone()] == *seqs) {
                pool.truncate(start);
                continue;
            }
            let bound = || utf8_as_sb::rank_bound(chars, seqs);
            if best.as_ref().is_some_and(|(b, _)| bound() <= b.rank) {
                pool.truncate(start);
                continue;
            }
            let candidate = utf8_as_sb::propose(chars, id, enc.bytes(), seqs, lookahead)
                .filter(|c| !leaves_box_drawing(chars, c));
            let range = start..pool.len();
            if let Some(c) = candidate {
                if best.as_ref().is_none_or(|(b, _)| c.rank > b.rank) {
                    best = Some((c, Some(range.clone())));
                }
            }
            tried.push(range);
        }
    }
    // UTF-8's structure is strong evidence and a legacy codec's is weak
    // (GBK decodes almost any run of bytes above 0x7F): a legacy chain is
    // tried only where the UTF-8 repair leaves characters beyond ASCII
    // unexplained, and wins only if it ranks higher and explains more than
    // a neighbour of the UTF-8 runs (which a legacy run readily takes in).
    if suspicion.legacy != 0 {
        let explained = best.as_ref().map_or(0, |(b, _)| b.covered(chars));
        if explained < chars.wide.len() {
            if let Some(c) = legacy::propose(chars, suspicion.legacy, &spare.shaped) {
                let wins = best.as_ref().is_none_or(|(b, _)| {
                    c.covered(chars) > explained + NEIGHBOUR
                        && c.rank > b.rank
                        && (c.decode.is_single_byte() || !inside_words(chars, b))
                });
                if wins {
                    best = Some((c, None));
                }
            }
        }
    }
    // C1 controls that are part of UTF-8 sequences belong to the layer above;
    // only when no such layer applies are they windows-1252 on their own.
    if best.is_none() && suspicion.c1 {
        best = c1::propose(chars).map(|c| (c, None));
    }
    let (candidate, seqs) = best?;
    build(chars, &candidate, seqs.map(|r| &pool[r]))
}

#[cfg(test)]
mod naive;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::sb_tables as t;

    fn flags(text: &str, id: u8) -> bool {
        scan(text).utf8_pairs & (1 << id) != 0
    }

    #[test]
    fn scan_flags_mojibake_words() {
        assert!(flags("cafÃ©", t::SLOPPY_WINDOWS_1252));
        assert!(flags("doesnâ€™t", t::SLOPPY_WINDOWS_1252));
        assert!(flags("РџСЂРёРІРµС‚", t::SLOPPY_WINDOWS_1251));
        assert!(flags("voilÃ le travail", t::SLOPPY_WINDOWS_1252));
        assert!(flags("SlovenÄ\u{FFFD}ina", t::SLOPPY_WINDOWS_1252));
        assert!(scan("\u{93}quoted\u{94}").c1);
    }

    /// A line whose decoder dropped windows-1252's undefined bytes gets
    /// them back where the line's language says which; text that reads
    /// as another chain does is left to that chain.
    #[test]
    fn bytes_dropped_by_a_strict_windows_1252_decoder() {
        assert_eq!(
            crate::fix_mojibake("Å»aneta przyjechaÅ‚a z Åodzi pociÄ…giem"),
            "Żaneta przyjechała z Łodzi pociągiem"
        );
        // GBK read as windows-1252 (`牛顿`): `Ù` at the end is no
        // sequence that lost a byte.
        assert_eq!(crate::fix_mojibake("Å£¶Ù"), "牛顿");
        // A sequence that lost a byte stays as read, and the letters
        // inside words keep the line from GBK, which reads it all.
        assert_eq!(
            crate::fix_mojibake("DziÄ™kujÄ™ za pomoc! Bez Ciebie nie daÅ‚abym rady â¤ï¸"),
            "Dziękuję za pomoc! Bez Ciebie nie dałabym rady â¤ï¸"
        );
        // `”` is E2 80 9D: `â€` is what is left of it.
        assert_eq!(
            crate::fix_mojibake("â€œHello,â€ he said."),
            "“Hello,” he said."
        );
        for clean in [
            "Århus og Ålborg",
            "Österreich und Ärger",
            "«Le café» est là.",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// Text garbled twice through windows-1252 whose first layer another
    /// Latin code page reads otherwise: ISO-8859-15 reads `Š` and `©` as
    /// other bytes, and decodes `ÃŠÂ»` once to a plain-looking `æ»` where
    /// windows-1252 makes `Ê»` of it, and then the ʻokina.
    #[test]
    fn twice_garbled_against_another_latin_code_page() {
        for (garbled, fixed) in [
            ("Aktivlashtirib boÃŠÂ»ladigan", "Aktivlashtirib boʻladigan"),
            ("ÃŠÂ»Otumotu ÃŠÂ»Alani", "ʻOtumotu ʻAlani"),
            (
                "Use a 10 kÃŽÂ© pull-up resistor.",
                "Use a 10 kΩ pull-up resistor.",
            ),
        ] {
            assert_eq!(crate::fix_mojibake(garbled), fixed);
        }
    }

    /// Text garbled twice through a strict windows-1252 (CPython's, with
    /// `errors="replace"`) loses the second byte of `Ð` and `Ï`, which
    /// the layer under chooses among `ÁÍÏÐÝ`, and the last of `”`, which
    /// spells Greek `Δ` under `Î`.
    #[test]
    fn twice_garbled_through_a_strict_code_page() {
        let lost = |s: &str| s.replace('~', "\u{FFFD}");
        for (garbled, fixed) in [
            (
                "ÃŽâ€~ÃŽÂµÃŽÂ½ ÃŽÂ¾ÃŽÂ\u{AD}Ã~â€¡ÃŽÂ±Ã~Æ’ÃŽÂ± Ã~â€žÃŽÂ¯Ã~â‚¬ÃŽÂ¿Ã~â€žÃŽÂ±.",
                "Δεν ξέχασα τίποτα.",
            ),
            ("Ã~â€œÃ~Â´Ã~Âµ Ã~Â±Ã~Â¸Ã~Â»Ã~ÂµÃ‘â€šÃ‘â€¹?", "Где билеты?"),
        ] {
            assert_eq!(crate::fix_mojibake(&lost(garbled)), fixed);
        }
        // Garbled once, the lost bytes have no layer under to ask, and
        // `Í”` is no Cyrillic `Д`.
        let once = lost("Ã‰l dijo: â€œSÃ~â€~, y Ã~ngel tambiÃ©n.");
        let once = crate::fix_mojibake(&once);
        assert!(once.starts_with("Él dijo: “S") && once.ends_with("ngel también."));
        assert!(
            !once.chars().any(|c| ('\u{370}'..'\u{800}').contains(&c)),
            "{once}"
        );
    }

    /// UTF-8 read by a strict windows-1252 (CPython's, `errors="replace"`)
    /// loses the second byte of Russian `с`, `я`, `А`, `Н`, Greek `ρ`, Thai
    /// `ก`; the letter models restore the one that its neighbours make far
    /// likelier than the rest, and leave the others lost (`с` or `я` in
    /// `изменит??`, where both are; the one-letter word `с`).
    #[test]
    fn lost_letters_chosen_by_their_neighbours() {
        let lost = |s: &str| s.replace('~', "\u{FFFD}");
        for (garbled, fixed) in [
            (
                "Ð\u{A0}Ð°Ñ~Ð¿Ð¸Ñ~Ð°Ð½Ð¸Ðµ Ð°Ð²Ñ‚Ð¾Ð±ÑƒÑ~Ð¾Ð² Ð¸Ð·Ð¼ÐµÐ½Ð¸Ñ‚Ñ~Ñ~ Ñ~ Ð¿Ð¾Ð½ÐµÐ´ÐµÐ»ÑŒÐ½Ð¸ÐºÐ°.",
                "Расписание автобусов изменит\u{FFFD}\u{FFFD} \u{FFFD} понедельника.",
            ),
            (
                "Ð’Ð~Ð˜ÐœÐ~Ð~Ð˜Ð•: Ð—Ð~ÐŸÐ~Ð¡Ð~ÐžÐ™ Ð’Ð«Ð¥ÐžÐ”",
                "ВНИМАНИЕ: ЗАПАСНОЙ ВЫХОД",
            ),
            (
                "ÎŸ ÎºÎ±Î¹Ï~ÏŒÏ‚ Î±Ï~Ï~Î¹Î¿ Î¸Î± ÎµÎ¯Î½Î±Î¹ ÎºÎ±Î»ÏŒÏ‚.",
                "Ο καιρός αύριο θα είναι καλός.",
            ),
            (
                "à¸~à¸£à¸¸à¸‡à¹€à¸—à¸žà¸¡à¸«à¸²à¸™à¸„à¸£",
                "กรุงเทพมหานคร",
            ),
            // Serbian: its `ј` and `ћ` call for the Serbian model.
            (
                "ÐŠÐ¸Ñ…Ð¾Ð²Ð° ÐºÑƒÑ›Ð° Ñ˜Ðµ Ð±Ð»Ð¸Ð·Ñƒ Ñ~Ñ‚Ð°Ð½Ð¸Ñ†Ðµ.",
                "Њихова кућа је близу станице.",
            ),
        ] {
            assert_eq!(crate::fix_mojibake(&lost(garbled)), fixed);
        }
    }

    /// A letter quoted as such (`«Ð»`, the Icelandic eth) is text, though
    /// windows-1252's UTF-8 spells `л` as `Ð»`; text garbled whole garbles
    /// the opening mark too, and comes back.
    #[test]
    fn a_quoted_letter_is_no_sequence() {
        for clean in [
            "The Icelandic letter «Ð» is eth.",
            "Исландская буква «Ð» похожа на D.",
            "la letra «Ñ»ЦІНИ НА ПАЛЬНЕ",
            "Letter “Ð” and ‘Ð’",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
        assert_eq!(
            crate::fix_mojibake("Ð‘ÑƒÐºÐ²Ð° Â«Ð»Â» Ð¸ Â«Ð”Â»"),
            "Буква «л» и «Д»"
        );
    }

    /// Where a lost byte may be punctuation or a digit as well as a
    /// letter, the letter must win on more than a word's edge: Arabic
    /// `،` read by CPython's cp1253 stays lost (not `ت`), as do quotation
    /// marks where several are undefined, and Thai `๐` between digits;
    /// `ก` before its tone mark comes back.
    #[test]
    fn lost_punctuation_is_no_letter() {
        let lost = |s: &str| s.replace('~', "\u{FFFD}");
        for (garbled, fixed) in [
            ("Ω†ΨΉΩ…Ψ~ Ψ΄ΩƒΨ±Ψ§", "نعم~ شكرا"),
            ("Ξ•Ξ―Ο€Ξµ β€~Ξ½Ξ±ΞΉβ€~", "Είπε ~ναι~"),
            ("à¹‘à¹~à¹~ à¸šà¸²à¸—", "๑~~ บาท"),
            ("à¸~à¹ˆà¸\u{AD}à¸™", "ก่อน"),
        ] {
            assert_eq!(crate::fix_mojibake(&lost(garbled)), lost(fixed));
        }
    }

    /// Short Hebrew lines in windows-1255 read as windows-1252 decode as
    /// windows-1251 too (`îæì` is `ожм`): the letter models find the
    /// Hebrew likelier, and a word of Russian capitals stays itself.
    #[test]
    fn short_hebrew_in_windows_1255() {
        for (garbled, fixed) in [
            ("áå÷ø èåá", "בוקר טוב"),
            ("úåãä øáä!", "תודה רבה!"),
            ("ùáú ùìåí", "שבת שלום"),
        ] {
            assert_eq!(crate::fix_mojibake(garbled), fixed);
        }
        for clean in ["дюйм", "ДЮЙМ", "Χεβρώνα"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// A headline in capitals, in windows-1251 read as KOI8-R or back,
    /// comes out in small letters as common as Russian's but in an order
    /// no Russian writes; the Russian letter model tells. Lowercase text
    /// of one case stays, Chuvash (`ӗ`) and Russian alike.
    #[test]
    fn one_case_lines_between_windows_1251_and_koi8_r() {
        for (garbled, fixed) in [
            ("онцндю мю бшундмше", "ПОГОДА НА ВЫХОДНЫЕ"),
            ("рпзпдб об чщипдоще", "ПОГОДА НА ВЫХОДНЫЕ"),
            (
                "жемш мю аемгхм ямнбю бшпнякх",
                "ЦЕНЫ НА БЕНЗИН СНОВА ВЫРОСЛИ",
            ),
        ] {
            assert_eq!(crate::fix_mojibake(garbled), fixed);
        }
        for clean in [
            "кхмер чӗлхи",
            "хауса чӗлхи",
            "привет всем",
            "погода на выходные",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// UTF-8 read as windows-1251 spells continuation bytes as letters of
    /// several Slavic alphabets (`ФјХЎХЈХёХЅ`: Serbian `ј`, Belarusian `Ў`):
    /// a short word of them comes back; Serbian text stays.
    #[test]
    fn cyrillic_of_no_one_alphabet() {
        assert_eq!(crate::fix_mojibake("ФјХЎХЈХёХЅ"), "Լագոս");
        assert_eq!(crate::fix_mojibake("ГЋВЁ-function"), "Ψ-function");
        for clean in ["ЂОРЂЕ ЈЕ ДОШАО", "Љубав и пријатељство"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// Latin-1's letters in a line of another script, spelling that
    /// script, are its own text garbled, ASCII words around or not; a
    /// mark that closes a word after them (`Ð™`, `Ñ»`) is Latin text of
    /// its own, as is a Latin line, or a line of a few letters.
    #[test]
    fn a_lines_own_script_spelt_in_latin_1() {
        for (garbled, fixed) in [
            (
                "سرایند PATHØŒ INTERFACE یا MEMBER ناموجود",
                "سرایند PATH، INTERFACE یا MEMBER ناموجود",
            ),
            ("متن برچسب XMLÛŒ دارد.", "متن برچسب XMLی دارد."),
            ("Комора Ð“lайреш", "Комора Гlайреш"),
        ] {
            assert_eq!(crate::fix_mojibake(garbled), fixed);
        }
        for clean in [
            "Исландский хлеб BRAUÐ™ в магазине",
            "Статья о букве «Ñ» в испанском языке",
            "A PATHØŒ in a Latin line",
            "Гl ØŒ",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// UTF-8 read as windows-1251: one sequence, a Cyrillic capital and a
    /// dash or a dagger glued to a Latin word, is `Ö` or `Ć`; Cyrillic
    /// standing apart in Latin text is left alone.
    #[test]
    fn alien_letters_glued_to_a_latin_word() {
        assert_eq!(crate::fix_mojibake("Г–l und Gas"), "Öl und Gas");
        assert_eq!(crate::fix_mojibake("Д†evapi"), "Ćevapi");
        for clean in ["тип: %s", "»З« und »Ж« vertauscht"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
        // Mac Roman's `√` (C3) before a letter glued to a word; `√2` and
        // `©` after a word are text.
        assert_eq!(
            crate::fix_mojibake("√úbung macht den Meister"),
            "Übung macht den Meister"
        );
        assert_eq!(crate::fix_mojibake("√âlan vital"), "Élan vital");
        // Mac Roman's `¬` (C2) glued to a number before a symbol, and `ƒ`
        // (C4) glued to a word; logic's `¬`, an emoticon, a function.
        assert_eq!(crate::fix_mojibake("¬£4.99 per kilo"), "£4.99 per kilo");
        assert_eq!(crate::fix_mojibake("Stan ima 65 m¬≤"), "Stan ima 65 m²");
        assert_eq!(crate::fix_mojibake("Veƒçer u Zagrebu"), "Večer u Zagrebu");
        // Mac Roman's `‚Ä` (E2 80) and a third that ends a dash or a quote;
        // a German single quote before `Äpfel` stays.
        assert_eq!(crate::fix_mojibake("won 3‚Äì2 tonight"), "won 3–2 tonight");
        assert_eq!(crate::fix_mojibake("the ‚Äô90s"), "the ’90s");
        assert_eq!(
            crate::fix_mojibake("Er sagte ‚Äpfel‘."),
            "Er sagte ‚Äpfel‘."
        );
        // cp437's `┬` (C2) likewise; box drawing of a tree stays.
        assert_eq!(crate::fix_mojibake("25 ┬░C and sunny"), "25 °C and sunny");
        assert_eq!(
            crate::fix_mojibake(
                "├── src
│   └── main.rs"
            ),
            "├── src
│   └── main.rs"
        );
        for clean in ["¬p ∧ q", "OK :( `¬´ ):", "ƒ(x) = x²", "ƒ/2.8"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
        // Thai from windows-874 glued to a unit: UTF-8's `°`.
        assert_eq!(
            crate::fix_mojibake("Preheat the oven to 200 ยฐC."),
            "Preheat the oven to 200 °C."
        );
        assert_eq!(crate::fix_mojibake("วกApple"), "วกApple");
        // cp437's and cp850's `├` (C3), box drawing.
        assert_eq!(
            crate::fix_mojibake("├£bung macht den Meister"),
            "Übung macht den Meister"
        );
        assert_eq!(crate::fix_mojibake("├årlig talt"), "Ærlig talt");
        for clean in ["√2 ≈ 1.414", "Coleção BEBÊ© 2023", "KOM SÅ…", "├── src"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// UTF-8 read as ISO-8859-2, which windows-1250 reads too, to other
    /// letters: `ü` is C3 BC, ISO-8859-2's `Ăź` and windows-1250's `Ăß`
    /// (German `ß` after a consonant is no German).
    #[test]
    fn sharp_s_follows_a_vowel() {
        assert_eq!(
            crate::fix_mojibake("MĂ¤dchen fĂźr alles"),
            "Mädchen für alles"
        );
        assert_eq!(crate::fix_mojibake("StraĂźe"), "Straße");
        assert_eq!(crate::fix_mojibake("StraÃŸe und weiÃŸ"), "Straße und weiß");
    }

    /// UTF-8's Latin-1 symbols read as windows-1251 in a line of Latin
    /// letters: a Cyrillic capital before a symbol, standing apart.
    #[test]
    fn alien_letters_that_spell_a_symbol() {
        assert_eq!(
            crate::fix_mojibake("В¶ New paragraph starts here."),
            "¶ New paragraph starts here."
        );
        assert_eq!(
            crate::fix_mojibake("Mix Вј cup of sugar with Вѕ cup of flour"),
            "Mix ¼ cup of sugar with ¾ cup of flour"
        );
        // Greek letters in a line of Latin ones are science: `π` is CF 80,
        // windows-1251's `ПЂ`.
        assert_eq!(
            crate::fix_mojibake("Each ПЂ-bond forms"),
            "Each π-bond forms"
        );
        // Cyrillic the line writes elsewhere, and no letters to judge by.
        for clean in [
            "Вот В¶ и всё",
            "Б° и Г×",
            "»Ж« und »З« vertauscht",
            "HIV is ВІЛ in Ukrainian",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// A closing quote with a word going on after it, and `Â` ending a
    /// word before a symbol: marks that text does not glue so.
    #[test]
    fn marks_glued_to_a_word() {
        assert_eq!(
            crate::fix_mojibake("BRANDÂ® is a registered trademark"),
            "BRAND® is a registered trademark"
        );
        assert_eq!(crate::fix_mojibake("Î”xâ†’0"), "Δx→0");
        // `ú` (C3 BA) read as windows-1257: `Ć` and `ŗ` in one word are no
        // one language's; a word of one language's letters stays.
        assert_eq!(crate::fix_mojibake("TĆŗnel tancat"), "Túnel tancat");
        assert_eq!(
            crate::fix_mojibake("Èši-e dor de mine?"),
            "Ți-e dor de mine?"
        );
        assert_eq!(crate::fix_mojibake("Žluťoučký kůň"), "Žluťoučký kůň");
        // `Î”` is `Δ` (CE 94): a closing quote does not run into a word.
        assert_eq!(
            crate::fix_mojibake("The change Î”x was smaller than expected"),
            "The change Δx was smaller than expected"
        );
        // A quote inside a word, letters either side: UTF-8's `ô` read as
        // windows-1251 and that as windows-1252.
        assert_eq!(crate::fix_mojibake("HÐ“Ò‘tel-Dieu"), "Hôtel-Dieu");
        for clean in [
            "Ä–Ö",
            "Il a crié “CAFÉ” et puis rien",
            "“ÎLE” est écrit en capitales",
            "ROMÂNIA",
            "Coleção BEBÊ© 2023",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// A strict windows-1252 decoder that writes `?` for the bytes it
    /// leaves undefined (č is C4 8D, 十 is E5 8D 81).
    #[test]
    fn question_marks_inside_words_are_lost_bytes() {
        for (garbled, fixed) in [
            ("Ä?urÄ‘evdan je sutra.", "\u{FFFD}urđevdan je sutra."),
            (
                "ä»Šå¤©ä¸‹å?ˆä¸‰ç‚¹å??äº”åˆ†å¼€ä¼šã€‚",
                "今天下\u{FFFD}三点\u{FFFD}五分开会。",
            ),
        ] {
            assert_eq!(crate::fix_mojibake(garbled), fixed);
        }
        // Question marks (Spanish ends one before the next begins), and
        // a word that lost a letter of its own.
        for clean in [
            "Was ist mit DÄ?",
            "Qué??",
            "Dáž\u{FFFD} a vietor",
            "¿Así?¿De verdad?",
            "¿Qué?¡No!",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
        assert_eq!(
            crate::fix_mojibake("DÃ¡Å¾Ä? a vietor"),
            "Dáž\u{FFFD} a vietor"
        );
    }

    /// A decoder loses only the bytes its code page leaves undefined, so a
    /// letter before U+FFFD is a lead byte that lost the rest only where
    /// those bytes could follow it, and only one of them (`Ä` and one
    /// U+FFFD is how windows-1252 leaves `č`). Text that lost characters
    /// of its own keeps the letters before them.
    #[test]
    fn losses_must_fit_the_code_page() {
        assert_eq!(
            crate::fix_mojibake("PlitviÄ\u{FFFD}ka jezera"),
            "Plitvi\u{FFFD}ka jezera"
        );
        assert_eq!(crate::fix_mojibake("â€œQuotedâ€\u{FFFD}"), "“Quoted”");
        for clean in [
            // Lead bytes of 3- and 4-byte sequences that lost all the rest.
            "Poké\u{FFFD}\u{FFFD}on cards",
            "Hyvä\u{FFFD}\u{FFFD} joulua!",
            "Canció\u{FFFD}\u{FFFD}\u{FFFD}de cuna",
            // Windows-1252 has no undefined byte after E0 or C0.
            "jalapeÀ\u{FFFD}os",
            "Obrigadà\u{FFFD} a todos",
            // IBM866 defines every byte: Russian that lost a letter.
            "после се\u{FFFD}рии буллитов.",
            "Так, дякую, я с\u{FFFD}\u{FFFD}тий.",
            // Two Cyrillic letters spelling a Hebrew point, and a lead
            // byte that lost the rest.
            "Цін\u{FFFD}\u{FFFD}: 120 грн",
        ] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// A space stands for a lost A0 byte only under code pages where A0
    /// is a no-break space: cp437 and Mac Roman have letters there, which
    /// text does not turn into spaces.
    #[test]
    fn spaces_are_a0_only_where_a0_is_a_space() {
        assert_eq!(crate::fix_mojibake("voilÃ tout"), "voilà tout");
        assert_eq!(crate::fix_mojibake("voil├á tout"), "voilà tout");
        assert_eq!(crate::fix_mojibake("voil√† tout"), "voilà tout");
        for clean in ["en├ un derbi", "news√ here", "├ src"] {
            assert_eq!(crate::fix_mojibake(clean), clean);
        }
    }

    /// Three letters of a Ukrainian word spell a one-dot leader under
    /// IBM866 (`тАд` is E2 80 A4); the line's other letters are the same
    /// script, which IBM866's garble never leaves.
    #[test]
    fn letters_of_the_lines_own_script_spell_no_symbol() {
        let clean = "Тип            Зміщен   ВіртАдр    ФізАдр     РозмФайл РозмПам  Пра Вирів";
        assert_eq!(crate::fix_mojibake(clean), clean);
    }

    #[test]
    fn scan_passes_over_clean_words() {
        for clean in [
            "Привет, как дела?",
            "Ελληνικά",
            "naïve café",
            "日本語のテキスト",
            "ภาษาไทย",
            "Zażółć",
        ] {
            assert_eq!(scan(clean).utf8_pairs, 0, "{clean}");
        }
        // A complete sequence inside a word that breaks elsewhere does not count.
        assert_eq!(scan("Ãƒ×Ã").utf8_pairs & (1 << t::SLOPPY_WINDOWS_1252), 0);
    }

    #[test]
    fn skipping_ascii_stops_where_a_byte_at_a_time_would() {
        // Every position of a `?` and of a byte beyond ASCII in and around
        // an eight-byte chunk, from every start.
        for len in 0..20 {
            for stop in 0..=len {
                for stopper in [b'?', 0xC3, 0x80, 0xFF] {
                    let mut bytes = vec![b'a'; len];
                    if stop < len {
                        bytes[stop] = stopper;
                    }
                    bytes.extend_from_slice(b">@~\x7F");
                    for start in 0..=len {
                        let naive = (start..bytes.len())
                            .find(|&i| bytes[i] >= 0x80 || bytes[i] == b'?')
                            .unwrap_or(bytes.len());
                        assert_eq!(skip_plain_ascii(&bytes, start), naive);
                    }
                }
            }
        }
    }
}
