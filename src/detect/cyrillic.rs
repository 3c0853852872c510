//! The scan's counts of a line's Cyrillic letters, which say whether
//! windows-1251 and KOI8-R may have read each other's bytes: their cases
//! (the two code pages put capitals where the other has small letters),
//! how rare the letters are against their reading under either chain,
//! how often letters pile up into strings no Slavic word has (four
//! consonants or three vowels in a row), against that reading too, and,
//! for a line in one case, how likely the Russian letter model finds its
//! letters' order against that reading's.

use super::legacy;
use crate::score::letter_model::LetterModel;

/// Counts of one line, fed one character at a time.
pub(super) struct Cyrillic {
    /// [`entries`], [`russian`] and [`symbols`], looked up once.
    entries: &'static [u64; 128],
    model: &'static LetterModel,
    symbols: &'static [[u8; 3]; 128],
    lower: bool,
    case_flip: bool,
    capitals: u32,
    smalls: u32,
    koi8_steps: u32,
    /// The last letters' sounds, for the line and its two readings (see
    /// [`sounds`]).
    window: u32,
    /// Letters that end a pile-up, in the line and in its two readings,
    /// in lanes of [`PILE_LANE`] bits (counted while the line is in one
    /// case).
    piles: u64,
    /// While the line is in one case: the Russian letter model's symbol
    /// of the last character, for the line and its two readings, and the
    /// sums of the model's costs of their pairs so far (see [`Letters`]).
    letters: Letters,
}

/// The Russian letter model's costs of a line in one case and of its two
/// readings: the readings of Russian read the wrong way between
/// windows-1251 and KOI8-R are Russian letters as common as the line's,
/// in an order no Russian writes (`б лняйбе` for `В МОСКВЕ`).
#[derive(Clone, Copy, Default)]
struct Letters {
    prev: [u8; 3],
    costs: [u32; 3],
    /// How many pairs the sums have (the same for all three).
    pairs: u32,
}

impl Cyrillic {
    pub(super) fn new() -> Self {
        Cyrillic {
            entries: entries(),
            model: russian(),
            symbols: symbols(),
            lower: false,
            case_flip: false,
            capitals: 0,
            smalls: 0,
            koi8_steps: 0,
            window: 0,
            piles: 0,
            letters: Letters::default(),
        }
    }

    /// A letter from U+0400 to U+045F.
    #[inline]
    pub(super) fn letter(&mut self, u: u32) {
        let capital = (0x400..0x430).contains(&u);
        self.case_flip |= self.lower && capital;
        self.lower = !capital;
        self.capitals += u32::from(capital);
        self.smalls += u32::from(!capital);
        let entry = self.entries[(u as usize) & 0x7F];
        self.koi8_steps = self.koi8_steps.wrapping_add(entry as u32);
        // Only a line in one case is asked about its pile-ups; most lines
        // have both by their second word.
        if self.capitals != 0 && self.smalls != 0 {
            return;
        }
        self.one_case_letter(u, entry);
    }

    /// The rest of [`Cyrillic::letter`], for a line in one case so far:
    /// out of line, as most lines have both cases by their second word.
    #[inline(never)]
    fn one_case_letter(&mut self, u: u32, entry: u64) {
        // Each byte of the window holds, for one text, whether each of its
        // last four letters was a consonant (bits 0-3, the newest in bit
        // 0) and whether each of its last three was a vowel (bits 4-6).
        self.window = ((self.window << 1) & KEEP) | (entry >> 32) as u32;
        let piled = (((self.window & CONSONANTS) + ONES) & (ONES << 4))
            | (((self.window & VOWELS) + (ONES << 4)) & (ONES << 7));
        // Bits 0, 8 and 16 to the piles' lanes, by one multiplication
        // whose other products land on bits of no lane.
        let piled = u64::from((piled >> 4 | piled >> 7) & ONES);
        self.piles = self.piles.wrapping_add((piled * SPREAD) & LANES);
        let model = self.model;
        let now = self.symbols[(u as usize) & 0x7F];
        let lanes = self
            .letters
            .costs
            .iter_mut()
            .zip(self.letters.prev)
            .zip(now);
        for ((cost, prev), now) in lanes {
            *cost = cost.wrapping_add(model.pair_of(usize::from(prev), usize::from(now)));
        }
        self.letters.prev = now;
        self.letters.pairs = self.letters.pairs.wrapping_add(1);
    }

    /// The pile-ups of the line and of its two readings.
    fn piles(&self) -> [u32; 3] {
        let lane = (1 << PILE_LANE) - 1;
        [0, 1, 2].map(|k| ((self.piles >> (k * PILE_LANE)) & lane) as u32)
    }

    /// Anything else: it ends a word.
    #[inline]
    pub(super) fn other(&mut self) {
        self.lower = false;
        self.window = 0;
        if self.letters.prev != [0; 3] {
            self.end_word();
        }
    }

    /// The end of a word of a line in one case so far (see [`Letters`]).
    #[inline(never)]
    fn end_word(&mut self) {
        self.letters.costs = self.closed();
        self.letters.prev = [0; 3];
        self.letters.pairs = self.letters.pairs.wrapping_add(1);
    }

    /// [`Letters::costs`] with the word in hand ended.
    fn closed(&self) -> [u32; 3] {
        let model = self.model;
        let mut costs = self.letters.costs;
        for (cost, &prev) in costs.iter_mut().zip(&self.letters.prev) {
            if prev != 0 {
                *cost = cost.wrapping_add(model.pair_of(usize::from(prev), 0));
            }
        }
        costs
    }

    /// How much likelier the Russian letter model finds the likelier of
    /// the line's two readings than the line, in half-bits, if that
    /// reading is likelier than letters drawn at random (see
    /// `letter_model::evidence`): a line of a language no model knows may
    /// be rarer still than its reading.
    fn letter_gain(&self) -> i64 {
        let [line, a, b] = self.closed().map(i64::from);
        let read = a.min(b);
        let pairs = i64::from(self.letters.pairs) + i64::from(self.letters.prev != [0; 3]);
        let random = i64::from(self.model.uniform()) * pairs;
        if read < random {
            line - read
        } else {
            0
        }
    }

    /// Whether the line's letters call for the chains between
    /// windows-1251 and KOI8-R: a capital right after a small letter
    /// (`пРИВЕТ`), capitals but for a few small letters, or, for a line in
    /// one case, letters rarer than the reading under one of the chains
    /// makes of them (`legacy::koi8_rarer`), or a little rarer and piled
    /// up [`PILES`] times more often than in that reading (`жемрпнаюмй
    /// янупюмхк` for `ЦЕНТРОБАНК СОХРАНИЛ`: capitals read so come out as
    /// small letters no rarer than Russian's, but unpronounceable), or in
    /// an order the Russian letter model finds far less likely than the
    /// reading's ([`LETTER_GAIN`]: `онцндю мю` for `ПОГОДА НА`).
    pub(super) fn suspect(&self) -> bool {
        let letters = self.capitals + self.smalls;
        let piles = self.piles();
        let one_case = self.capitals == 0 || self.smalls == 0;
        self.case_flip
            || swapped_cases(self.capitals, self.smalls)
            || (one_case && legacy::koi8_rarer(self.koi8_steps, letters, self.smalls == 0))
            || (one_case
                && letters >= legacy::RARER_LETTERS
                && self.letter_gain() >= LETTER_GAIN.max(LETTER_GAIN_EACH * i64::from(letters)))
            || (one_case
                && letters >= legacy::RARER_LETTERS
                && legacy::koi8_gains(self.koi8_steps, letters)
                    .iter()
                    .zip(&piles[1..])
                    .any(|(&gain, &read)| {
                        piles[0] >= read.saturating_add(PILES)
                            && gain >= PILED_GAIN
                            && 2 * gain >= letters as i32
                    }))
    }
}

/// Whether a line's Cyrillic letters are capitals but for a few small
/// ones, as windows-1251 and KOI8-R read as each other leave a sentence
/// whose words are too short for a small letter before a capital (`б
/// ЩРНЛ ЦНДС` for `В этом году`). A headline with a unit (`5 млн`) has
/// the shape too; the chains weigh its letters before they take it.
fn swapped_cases(capitals: u32, smalls: u32) -> bool {
    smalls > 0 && capitals >= SWAPPED_CAPITALS * smalls && capitals >= 6
}

/// See [`swapped_cases`]: capitals for each small letter, at least.
const SWAPPED_CAPITALS: u32 = 3;

/// See [`Cyrillic::suspect`]: pile-ups beyond the reading's, and the
/// rarity gain (in `cyrillic_rarity`'s half-bits) that must come with
/// them, at least half a bit a letter. On the 171,710 distinct lines of
/// five Cyrillic letters or more in the gettext catalogs of the
/// development machine (Russian, Ukrainian, Bulgarian, Serbian,
/// Belarusian, Macedonian, Kazakh and others), a sketch of the rule in
/// Python flagged one (`п’ю (м’янмська)`), and 13 of the 41 lines of the
/// corpus's two chains that the other rules miss.
const PILES: u32 = 2;
const PILED_GAIN: i32 = 6;

/// See [`Cyrillic::suspect`]: a line in one case whose reading the
/// Russian letter model finds likelier by this many half-bits, and this
/// many a letter. Of the 86,227 lines of five Cyrillic letters or more
/// and one case in the gettext catalogs of the development machine, all
/// but a few Mongolian ones (`X тэнхлэгээр зэрэгцүүлэх`, 8 a letter, and
/// `ү` makes its reading no likelier than random letters) gain less than
/// 5 a letter; of the corpus's lines of one case read the wrong way, nine
/// in ten gain 6 a letter or more. At 5, Chuvash language names in
/// Unicode's CLDR (`бемба чӗлхи`) went to the chains, and one came out
/// changed.
const LETTER_GAIN: i64 = 40;
const LETTER_GAIN_EACH: i64 = 6;

/// The Russian letter model.
fn russian() -> &'static LetterModel {
    static RUSSIAN: std::sync::OnceLock<&'static LetterModel> = std::sync::OnceLock::new();
    RUSSIAN.get_or_init(|| LetterModel::of("ru").expect("a Russian letter model"))
}

/// For each character of U+0400-U+045F, at its low seven bits: the
/// Russian letter model's symbols of it and of its readings under the two
/// chains between windows-1251 and KOI8-R.
fn symbols() -> &'static [[u8; 3]; 128] {
    static SYMBOLS: std::sync::OnceLock<[[u8; 3]; 128]> = std::sync::OnceLock::new();
    SYMBOLS.get_or_init(|| {
        let model = russian();
        let mut symbols = [[0; 3]; 128];
        for (k, slot) in symbols.iter_mut().enumerate() {
            let c = char::from_u32(0x400 + k as u32).unwrap_or_default();
            let [a, b] = legacy::koi8_readings(c);
            *slot = [c, a, b].map(|x| u8::try_from(model.symbol_of(x)).unwrap_or(0));
        }
        symbols
    })
}

/// Per lane (one byte per text): the consonant bits and vowel bits kept
/// when the window moves on, and each kind's bits.
const ONES: u32 = 0x01_01_01;
const KEEP: u32 = 0x6E_6E_6E;
const CONSONANTS: u32 = 0x0F_0F_0F;
const VOWELS: u32 = 0x70_70_70;

/// Bits of a lane of [`Cyrillic::piles`]: a line of two million letters
/// or more may carry from one into the next.
const PILE_LANE: usize = 21;
const SPREAD: u64 = 1 | 1 << (PILE_LANE - 8) | 1 << (2 * PILE_LANE - 16);
const LANES: u64 = 1 | 1 << PILE_LANE | 1 << (2 * PILE_LANE);

/// For each character of U+0400-U+045F, at its low seven bits: its
/// `legacy::koi8_rarity_steps` in the low half, and in the high half
/// whether it is a consonant (bit 0) or a vowel (bit 4) in the first
/// byte, and the same for its reading under the two chains between
/// windows-1251 and KOI8-R (in the order of `koi8_rarity_steps`) in the
/// second and third.
fn entries() -> &'static [u64; 128] {
    static ENTRIES: std::sync::OnceLock<[u64; 128]> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| {
        let steps = legacy::koi8_rarity_steps();
        let mut entries = [0; 128];
        for (k, &step) in steps.iter().enumerate() {
            let c = char::from_u32(0x400 + k as u32).unwrap_or_default();
            let [a, b] = legacy::koi8_readings(c);
            let sounds: u32 = [c, a, b]
                .iter()
                .zip([0, 8, 16])
                .map(|(&c, lane)| sound(c) << lane)
                .sum();
            entries[(0x400 + k) & 0x7F] = u64::from(step) | u64::from(sounds) << 32;
        }
        entries
    })
}

/// 1 for a Cyrillic consonant, 0x10 for a vowel, 0 for anything else (see
/// `legacy::consonant_excess`, which sorts them the same way).
fn sound(c: char) -> u32 {
    match legacy::cyrillic_sound(c) {
        Some(true) => 1,
        Some(false) => 0x10,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{legacy, Cyrillic};

    /// Letters ending a pile-up (four consonants or three vowels in a
    /// row), counted one letter at a time.
    fn naive_piles(text: impl Iterator<Item = char>) -> u32 {
        let (mut consonants, mut vowels, mut piles) = (0, 0, 0);
        for c in text {
            let sound = legacy::cyrillic_sound(c);
            consonants = if sound == Some(true) {
                consonants + 1
            } else {
                0
            };
            vowels = if sound == Some(false) { vowels + 1 } else { 0 };
            piles += u32::from(consonants > 3 || vowels > 2);
        }
        piles
    }

    const PALETTE: &[char] = &[
        'а', 'о', 'е', 'и', 'ъ', 'ь', 'ю', 'я', 'с', 'т', 'р', 'в', 'ш', 'щ', 'А', 'О', 'Р', 'С',
        'Ъ', 'Ь', 'ё', 'Ё', 'і', 'ї', 'ќ', 'ѓ', 'Ђ', ' ', '-',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The window counts the pile-ups of the line and of its two
        /// readings as a pass over each would.
        #[test]
        fn window_counts_piles(
            picks in proptest::collection::vec(0..PALETTE.len(), 0..40),
            capitals: bool,
        ) {
            // In one case: the counts are kept for such lines only.
            let text: Vec<char> = picks
                .iter()
                .flat_map(|&k| match capitals {
                    true => PALETTE[k].to_uppercase().next(),
                    false => PALETTE[k].to_lowercase().next(),
                })
                .collect();
            let mut counts = Cyrillic::new();
            for &c in &text {
                match c as u32 {
                    u @ 0x400..=0x45F => counts.letter(u),
                    _ => counts.other(),
                }
            }
            let piles = counts.piles();
            prop_assert_eq!(piles[0], naive_piles(text.iter().copied()));
            for k in 0..2 {
                let read = text.iter().map(|&c| legacy::koi8_readings(c)[k]);
                prop_assert_eq!(piles[k + 1], naive_piles(read));
            }
        }
    }
}
