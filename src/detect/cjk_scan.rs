//! The scan's view of the CJK chains, in the same pass as the rest of it:
//! under which CJK codecs a run of characters spells UTF-8 (so that
//! UTF-8 read as that codec may be what happened), and how odd the
//! text's CJK characters are (so that one CJK codec's text read as
//! another's may be). Clean CJK text, Cyrillic and Greek (which the CJK
//! codecs also encode) fail both tests here, and so never reach the
//! detectors.

use super::legacy::{self, ODD_CJK, PLAIN, RESYNC};
use crate::score;

/// Runs of UTF-8 under each of the five CJK codecs of `cjk_shapes`, one
/// automaton each, fed one character's shapes at a time.
///
/// It accepts a superset of what `legacy::narrow` accepts (a test checks
/// that on random text): it follows the same walk over the bytes' UTF-8
/// roles, but counts every character since the walk last broke rather
/// than only those since a character that can start a run.
#[derive(Clone, Copy)]
pub(super) struct Runs {
    states: [u8; 5],
    /// Whether every state is 0, the walks' rest.
    at_rest: bool,
    /// Bit `k`: codec `k` has had a run long enough.
    pub(super) hits: u8,
}

impl Default for Runs {
    fn default() -> Self {
        Runs {
            states: [0; 5],
            at_rest: true,
            hits: 0,
        }
    }
}

impl Runs {
    /// A character no CJK codec encodes beyond ASCII: every walk breaks.
    #[inline]
    pub(super) fn reset(&mut self) {
        self.states = [0; 5];
        self.at_rest = true;
    }

    /// One character, given its shapes (see `legacy::shapes`).
    #[inline]
    pub(super) fn step(&mut self, shapes: u32) {
        // Most text beyond ASCII is in scripts no CJK codec has, or whose
        // bytes break every walk; once every codec has a run, the
        // detectors take it from here.
        if shapes == 0 {
            self.reset();
        } else if self.hits != ALL && !(self.at_rest && shapes & RESTING != 0) {
            self.walk(shapes);
        }
    }

    /// Whether every walk is at rest.
    #[inline]
    pub(super) fn at_rest(&self) -> bool {
        self.at_rest
    }

    /// Every walk, one step.
    fn walk(&mut self, shapes: u32) {
        let mut next = [0u8; 5];
        for (k, (state, next)) in self.states.iter().zip(&mut next).enumerate() {
            let shape = (shapes >> (6 * k)) & 0o77;
            // In bounds for any state byte: the table has a row for each
            // value of the low seven bits.
            *next = STEP[(usize::from(*state & STATE) << 6) | shape as usize];
        }
        let any = next.iter().fold(0, |a, n| a | n);
        // A run's end is rare: its codecs are found only when there is one.
        let mut hits = 0;
        if any & HIT != 0 {
            for (k, n) in next.iter().enumerate() {
                hits |= (n >> 7) << k;
            }
        }
        let mut busy = 0;
        for (state, n) in self.states.iter_mut().zip(next) {
            *state = n & STATE;
            busy |= *state;
        }
        self.at_rest = busy == 0;
        self.hits |= hits;
    }
}

/// Whether a character with these shapes leaves every walk at rest when
/// all are at rest: under each codec it is unencodable, or its bytes break
/// the walk at once (Cyrillic and Greek under all five: a continuation
/// byte first, or, in Big5, a lead byte and then an ASCII one).
const fn rests_all(shapes: u32) -> bool {
    let mut k = 0;
    while k < 5 {
        if RESTS >> ((shapes >> (6 * k)) & 0o77) & 1 == 0 {
            return false;
        }
        k += 1;
    }
    true
}

/// The bit of a character's shapes (above the five codecs' 30) that says
/// [`rests_all`] of them, so that the scan asks one bit per character.
pub(super) const RESTING: u32 = 1 << 31;

/// The generated shapes with [`RESTING`] set where it applies.
pub(super) const fn mark_resting<const N: usize>(blocks: &[[u32; 256]; N]) -> [[u32; 256]; N] {
    let mut out = *blocks;
    let mut b = 0;
    while b < N {
        let mut i = 0;
        while i < 256 {
            let shapes = out[b][i];
            if shapes != 0 && rests_all(shapes) {
                out[b][i] = shapes | RESTING;
            }
            i += 1;
        }
        b += 1;
    }
    out
}

const RESTS: u64 = {
    let mut mask = 0u64;
    let mut shape = 0;
    while shape < 64 {
        if STEP[shape] == 0 {
            mask |= 1 << shape;
        }
        shape += 1;
    }
    mask
};

/// Every codec's bit in [`Runs::hits`].
const ALL: u8 = 0x1F;

/// The bits of a state: how many continuation bytes are pending (0-3, or
/// `RESYNC` after a loss) times [`COUNTS`], plus how many characters the
/// walk has read (saturating); the high bit marks a state in which the
/// walk may end a run.
const STATE: u8 = 0x7F;
const HIT: u8 = 0x80;
const COUNTS: u8 = 4;
const STATES: usize = 5 * COUNTS as usize;

/// The transition of each state on each 6-bit shape (rows past
/// [`STATES`] are never reached; they spare the lookup a bounds check).
static STEP: [u8; 128 * 64] = step_table();

/// The walk of `legacy::each_utf8_run` over one character's two roles from
/// `pending`: the pending count after them, or `None` if the walk breaks.
/// A `?` counts as a loss wherever it stands (that walk asks what follows
/// it), which only widens what is accepted.
const fn walk(mut pending: u32, shape: u32) -> Option<u32> {
    let roles = [shape & 7, shape >> 3];
    let mut i = 0;
    while i < 2 {
        let role = roles[i];
        i += 1;
        pending = match (role, pending) {
            (0, p) => p,
            (legacy::ROLE_LOST | legacy::ROLE_MAYBE_LOST, _) => RESYNC,
            (legacy::ROLE_CONT, RESYNC) => RESYNC,
            (legacy::ROLE_CONT, 1..=3) => pending - 1,
            (2..=4, 0 | RESYNC) => role - 1,
            (legacy::ROLE_ASCII, 0 | RESYNC) => 0,
            _ => return None,
        };
    }
    Some(pending)
}

const fn step_table() -> [u8; 128 * 64] {
    let mut table = [0u8; 128 * 64];
    let mut state = 0;
    while state < STATES {
        let pending = state as u32 / COUNTS as u32;
        let pending = if pending == 4 { RESYNC } else { pending };
        let count = state as u8 % COUNTS;
        let mut shape = 0;
        while shape < 64 {
            // Where the walk stands after the character, and how many
            // characters it has read: a break starts it afresh at this
            // character, which counts if a run can start with it.
            let first = shape & 7;
            let starts = matches!(first, 2..=4 | legacy::ROLE_LOST | legacy::ROLE_MAYBE_LOST);
            let (pending, count) = if shape == 0 {
                (0, 0)
            } else if let Some(p) = walk(pending, shape) {
                (p, if count + 1 < COUNTS { count + 1 } else { count })
            } else if let Some(p) = walk(0, shape) {
                (p, if starts { 1 } else { 0 })
            } else {
                (0, 0)
            };
            let index = if pending == RESYNC { 4 } else { pending } as u8;
            let ends = (pending == 0 || pending == RESYNC) && count as usize >= legacy::UTF8_RUN;
            table[state * 64 + shape as usize] =
                (index * COUNTS + count) | if ends { HIT } else { 0 };
            shape += 1;
        }
        state += 1;
    }
    table
}

/// The oddness of the CJK characters of a text: what ideographs, kana,
/// full-width forms and private use (the characters at U+3000 and above
/// that a CJK codec encodes, and U+FFFD) cost the model beyond common
/// ones, alone and in pairs.
#[derive(Clone, Copy, Default)]
pub(super) struct Oddness {
    odd: i32,
    prev: Option<u8>,
    marks: HalfwidthMarks,
    /// Kanji in a row that Shift_JIS writes as EUC-JP's half-width
    /// katakana (see [`half_width_as_kanji`]).
    as_kana: u32,
    /// Ideographs outside GB2312's first level, Big5's frequent block and
    /// JIS X 0208's first level, and ideographs (see [`Oddness::is_odd`]).
    outside: [u32; 3],
    ideographs: u32,
    /// The current stretch has kana, and this many ideographs outside JIS
    /// X 0208's first level; and the sum of those counts over the earlier
    /// stretches with kana (see [`Oddness::is_odd`]).
    kana: bool,
    outside_jis: u32,
    outside_jis_by_kana: u32,
}

impl Oddness {
    /// A character that is not one of those: it ends a stretch of them.
    #[inline]
    pub(super) fn other(&mut self) {
        self.prev = None;
        self.marks = HalfwidthMarks::default();
        self.as_kana = 0;
        self.outside_jis_by_kana = self.outside_jis_by_kana.wrapping_add(self.by_kana());
        (self.kana, self.outside_jis) = (false, 0);
    }

    /// The current stretch's ideographs outside JIS X 0208's first level,
    /// if it has kana.
    #[inline]
    fn by_kana(&self) -> u32 {
        self.outside_jis * u32::from(self.kana)
    }

    /// One of those characters.
    #[inline]
    pub(super) fn cjk(&mut self, c: char) {
        use score::classes::{HALF_KANA, HIRAGANA};
        let k = score::class(c);
        self.odd += (score::unary_cost(k) - PLAIN).max(0);
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            let out = crate::codec::Codec::outside_frequent_sets(c);
            self.ideographs = self.ideographs.wrapping_add(1);
            for (n, bit) in self.outside.iter_mut().zip([1, 2, 4]) {
                *n = n.wrapping_add(u32::from(out & bit != 0));
            }
            self.outside_jis = self.outside_jis.wrapping_add(u32::from(out >> 2));
            // Asked only of ideographs: asking every CJK character (all
            // answer no but these) cost the clean multilingual MiB 1.9%.
            if half_width_as_kanji(c) {
                self.as_kana = self.as_kana.saturating_add(1);
                self.odd += kana_as_kanji_step(self.as_kana);
            } else {
                self.as_kana = 0;
            }
        } else {
            self.as_kana = 0;
            // Kana by class, marks of the syllabaries included (the
            // chains' evidence leaves those out).
            self.kana |= k.wrapping_sub(HIRAGANA) <= HALF_KANA - HIRAGANA;
        }
        if let Some(p) = self.prev {
            self.odd += score::pair_cost(p, k) + glued_bopomofo(p, k);
        }
        // Most CJK text has no half-width character to look at.
        if c >= '\u{FF61}' {
            self.odd += self.marks.step(c);
        } else {
            self.marks.rest();
        }
        self.prev = Some(k);
    }

    /// Whether the text looks like one CJK codec's text read as another's:
    /// its characters cost that much, or, for each standard, a quarter of
    /// its ideographs and two at least are outside that standard's
    /// frequent set. A text is written in one codec's world, and mostly
    /// within its frequent set (a name or two aside), while another
    /// codec's bytes read with it land anywhere in its repertoire: GBK's
    /// `北京市海淀区` read as Big5 is `控儔庈漆蛭Е`, each ideograph common
    /// in some standard, two of them in none of those that hold the rest.
    /// Or kana stand among ideographs outside JIS X 0208's first level,
    /// two at least: Japanese writes with that level but for a name or a
    /// rare word, while GBK and Big5 put kana on rows the other's text
    /// lands on, among ideographs of anywhere (`臺中市梧棲區` in Big5, read
    /// as GBK, is `籓いカ憋聪跋`). Of the distinct lines of this machine's
    /// gettext catalogs and the corpus, 7 of 37,884 Japanese ones have
    /// that (names: `髙橋さんと山﨑さん`), none of 72,598 Chinese and
    /// 33,575 Korean ones; 55 of the corpus's 184 Traditional Chinese
    /// lines that Big5 writes have it once read as GBK.
    pub(super) fn is_odd(self) -> bool {
        self.odd >= ODD_CJK
            || self
                .outside
                .iter()
                .all(|&n| n >= OUTSIDE_EVERY && OUTSIDE_SHARE * n >= self.ideographs)
            || self.outside_jis_by_kana.wrapping_add(self.by_kana()) >= OUTSIDE_JIS_BY_KANA
    }
}

/// See [`Oddness::is_odd`]: fewest ideographs outside JIS X 0208's first
/// level in stretches with kana.
const OUTSIDE_JIS_BY_KANA: u32 = 2;

// `Oddness::cjk` tells kana by one range of classes.
const _: () = {
    use score::classes::{HALF_KANA, HIRAGANA, KATAKANA};
    assert!(KATAKANA == HIRAGANA + 1 && HALF_KANA == HIRAGANA + 2);
};

/// See [`Oddness::is_odd`]: fewest ideographs outside each standard's
/// frequent set, and the share of them (one in this many).
const OUTSIDE_EVERY: u32 = 2;
const OUTSIDE_SHARE: u32 = 4;

/// Bopomofo right after an ideograph: GBK's full-width punctuation and
/// digits read as Big5 (`，` is `ㄛ`, `！` is `ㄐ`, `１` is `ㄠ`), which
/// Taiwanese text writes only as slang (`我ㄉ天`), odd enough to look at;
/// the chains judge it.
fn glued_bopomofo(prev: u8, k: u8) -> i32 {
    use score::classes::{BOPOMOFO, HAN, HAN_MID, HAN_RARE};
    if k == BOPOMOFO && matches!(prev, HAN | HAN_MID | HAN_RARE) {
        GLUED_BOPOMOFO
    } else {
        0
    }
}

const GLUED_BOPOMOFO: i32 = 4;

/// Half-width `｡`, `､` and `･` every other character: EUC-JP's kana and
/// punctuation read as Shift_JIS, whose half-width forms are the bytes of
/// EUC-JP's rows A1 (punctuation), A4 (hiragana) and A5 (katakana), so
/// that `こんにちは` becomes `､ｳ､ﾋ､ﾁ､ﾏ`. Half-width text puts a comma
/// after a word, not after every letter. Each mark that comes two
/// half-width characters after another costs [`GLUED_MARK`].
///
/// And half-width katakana spelt as no Japanese word is: GBK's and other
/// codecs' bytes from A1 to DF are Shift_JIS's half-width forms, so their
/// text read as Shift_JIS is a row of kana in random order (`｡ｾﾖﾘﾒｪﾍｨﾖｪ｡ｿ`
/// for `【重要通知】`). Each kana that breaks the syllabary's rules (see
/// [`misspelt_kana`]) costs [`MISSPELT_KANA`].
#[derive(Clone, Copy, Default)]
struct HalfwidthMarks {
    /// 1 right after a mark, 2 one half-width character later, else 0.
    at: u8,
    /// The previous character's offset from U+FF00 if it was half-width
    /// (U+FF61-U+FF9F), else 0; and whether it began a row of them.
    prev: u8,
    initial: bool,
}

impl HalfwidthMarks {
    #[inline]
    fn step(&mut self, c: char) -> i32 {
        let mark = matches!(c, '\u{FF61}' | '\u{FF64}' | '\u{FF65}');
        let (at, mut cost) = match self.at {
            1 if ('\u{FF61}'..='\u{FF9F}').contains(&c) => (2, 0),
            2 if mark => (1, GLUED_MARK),
            _ if mark => (1, 0),
            _ => (0, 0),
        };
        self.at = at;
        let now = (c as u32).wrapping_sub(0xFF00);
        if (0x61..=0x9F).contains(&now) {
            let now = now as u8;
            if misspelt_kana(self.prev, self.initial, now) {
                cost += MISSPELT_KANA;
            }
            (self.initial, self.prev) = (self.prev == 0, now);
        } else {
            self.prev = 0;
        }
        cost
    }

    /// A character beyond the half-width forms.
    #[inline]
    fn rest(&mut self) {
        self.at = 0;
        self.prev = 0;
    }
}

/// Whether half-width katakana `now` after `prev` (offsets from U+FF00; 0
/// for none) breaks rules that Japanese words keep, chat's included: the
/// voicing marks `ﾞ` and `ﾟ` only after a kana that takes them (`ｶﾞ`,
/// `ﾊﾟ`; chat voices vowels too, `ｱﾞｱﾞ`), small `ｬｭｮ` only after a kana
/// of the i-row (`ｷｬ`, and `ﾃｭ`, `ﾌｭ` of loanwords), small `ｧ`-`ｫ` only
/// after the kana of loanwords' syllables (`ﾌｧ`, `ｳｨ`) or of the same
/// vowel (a drawl: `ﾈｪ`, `ｷｬｧｧｧ`), no small kana right after half-width
/// punctuation, and no row of half-width kana that begins with `ｰ` or a
/// small kana other than `ｯ` and goes on with a kana (`ｯｽ` is chat for
/// `です`). The voicing marks count only after a kana: faces drawn with
/// them (`(ﾟ∀ﾟ)`, `(ﾟﾛﾟ)`, `(ｰ_ｰ)`) count once at most.
#[inline]
fn misspelt_kana(prev: u8, initial: bool, now: u8) -> bool {
    // The letters: `ｦ`, the small kana and `ｯ`, `ｱ` to `ﾝ`.
    let letter = |k: u8| matches!(k, 0x66..=0x6F | 0x71..=0x9D);
    let small = |k: u8| (0x67..=0x6F).contains(&k);
    if initial && letter(now) && matches!(prev, 0x67..=0x6E | 0x70) {
        return true;
    }
    // A small kana right after punctuation (`｣ｬ`, GBK's full-width comma
    // read so).
    if matches!(prev, 0x61..=0x65) && small(now) {
        return true;
    }
    // The rest follow a kana; a drawl repeats a small kana (`ｳﾜｧｧｧﾝ`).
    if !letter(prev) || (small(now) && now == prev) {
        return false;
    }
    match now {
        // `ﾞ`: after `ｳ`, `ｶ`-`ﾄ`, `ﾊ`-`ﾎ`, and `ﾜ`, `ｦ` of old spellings;
        // chat puts it on vowels and `ﾝ` for a strained voice (`ｱﾞｱﾞ`).
        0x9E => !matches!(prev, 0x71..=0x84 | 0x8A..=0x8E | 0x9C | 0x9D | 0x66),
        // `ﾟ`: after `ﾊ`-`ﾎ`.
        0x9F => !(0x8A..=0x8E).contains(&prev),
        // `ｬｭｮ`: after `ｷ`, `ｼ`, `ﾁ`, `ﾃ`, `ﾆ`, `ﾋ`, `ﾌ`, `ﾐ`, `ﾘ`.
        0x6C..=0x6E => !matches!(
            prev,
            0x77 | 0x7C | 0x81 | 0x83 | 0x86 | 0x8B | 0x8C | 0x90 | 0x98
        ),
        // `ｧ`-`ｫ`: after the kana of the loanwords' syllables (`ｳｨ`,
        // `ﾌｧ`, `ﾃｨ`, `ﾁｪ`, `ｸｫ`), or after one of the same vowel, as a
        // drawl (`ﾈｪ`).
        0x67..=0x6B => {
            !matches!(
                prev,
                0x72 | 0x73 | 0x77 | 0x78 | 0x7C | 0x7D | 0x81
                    ..=0x84 | 0x86 | 0x8B | 0x8C | 0x90 | 0x98
            ) && vowel(prev) != Some(now - 0x67)
        }
        _ => false,
    }
}

/// The vowel (0 to 4: a, i, u, e, o) a half-width kana ends in, by its
/// offset from U+FF00, in the syllabary's order.
fn vowel(k: u8) -> Option<u8> {
    match k {
        0x67..=0x6B => Some(k - 0x67),
        0x6C => Some(0),
        0x6D => Some(2),
        0x6E => Some(4),
        0x71..=0x93 => Some((k - 0x71) % 5),
        0x94 => Some(0),
        0x95 => Some(2),
        0x96 => Some(4),
        0x97..=0x9B => Some(k - 0x97),
        0x9C => Some(0),
        _ => None,
    }
}

/// See [`HalfwidthMarks`].
const MISSPELT_KANA: i32 = 3;

const GLUED_MARK: i32 = 2;

/// Whether Shift_JIS writes `c` as 8E and a byte from A1 to DF: how
/// EUC-JP writes a half-width katakana (its SS2 prefix and the kana's
/// Shift_JIS byte), which Shift_JIS reads as one kanji, all from the one
/// row of kanji read `shi`, `sha` and `shu` (`ｺｰﾋｰ` is `室鴫射鴫`). Japanese
/// puts two of them in a row at most (`自治`, `表示式` in Chinese): of
/// 137,717 lines of Japanese and Chinese text (the gettext catalogs of
/// the development machine and the corpus), none has three.
pub(super) fn half_width_as_kanji(c: char) -> bool {
    crate::codec::Codec::half_width_as_kanji(c)
}

/// What the `run`-th kanji in a row of [`half_width_as_kanji`] adds: a
/// run of [`KANA_AS_KANJI_RUN`] is EUC-JP's half-width text, and each of
/// its kanji costs [`KANA_AS_KANJI`] from there on.
fn kana_as_kanji_step(run: u32) -> i32 {
    match run {
        KANA_AS_KANJI_RUN => KANA_AS_KANJI * KANA_AS_KANJI_RUN as i32,
        r if r > KANA_AS_KANJI_RUN => KANA_AS_KANJI,
        _ => 0,
    }
}

const KANA_AS_KANJI_RUN: u32 = 3;
const KANA_AS_KANJI: i32 = 3;

/// What the runs of [`half_width_as_kanji`] in `text` cost, as evidence
/// that Shift_JIS read EUC-JP's bytes.
pub(super) fn kana_as_kanji(text: impl Iterator<Item = char>) -> i32 {
    let mut run = 0;
    let mut cost = 0;
    for c in text {
        run = if half_width_as_kanji(c) { run + 1 } else { 0 };
        cost += kana_as_kanji_step(run);
    }
    cost
}

/// Ideographs that Shift_JIS cannot write, in runs of kana and ideographs
/// that have kana: evidence that the run is no Japanese. GBK and Big5 put
/// kana on rows that the other's text lands on (`臺中市梧棲區` in Big5,
/// read as GBK, is `籓いカ憋聪跋`), among ideographs Japanese does not
/// use (`聪`, where Japanese writes `聡`). Real Japanese has them only in
/// names written with JIS X 0213's variants (`髙橋さん`): 7 of the 37,884
/// distinct Japanese lines of this machine's gettext catalogs and the
/// corpus, one each; none of 72,598 Chinese and 33,575 Korean lines has
/// kana beside an ideograph at all.
pub(super) fn foreign_kanji_by_kana(text: impl Iterator<Item = char>) -> i32 {
    let (mut sum, mut kana) = (0, false);
    // The stretch's ideographs outside JIS X 0208's first level: only
    // these may be foreign, and only beside kana are they asked.
    let mut rare = Vec::new();
    for c in text.chain(['\n']) {
        if is_kana(c) {
            kana = true;
        } else if legacy::ideograph(c) {
            if crate::Codec::outside_frequent_sets(c) & 4 != 0 {
                rare.push(c);
            }
        } else {
            if kana {
                let sjis = |c: &char| crate::Codec::ShiftJis.encode(c.encode_utf8(&mut [0; 4]));
                sum += rare.iter().filter(|c| sjis(c).is_err()).count() as i32;
            }
            rare.clear();
            kana = false;
        }
    }
    sum
}

/// Hiragana and katakana, full and half width, without the full-width
/// middle dot and prolonged sound mark, which Chinese text uses too.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{FF66}'..='\u{FF9D}')
}

/// What [`HalfwidthMarks`] charges `text`, as evidence that Shift_JIS was
/// the wrong decoder.
pub(super) fn glued_marks(text: impl Iterator<Item = char>) -> i32 {
    let mut marks = HalfwidthMarks::default();
    text.map(|c| marks.step(c)).sum()
}

/// What [`glued_bopomofo`] charges `text`, as evidence between two CJK
/// codecs' readings of the same bytes.
pub(super) fn glued_bopomofos(text: impl Iterator<Item = char>) -> i32 {
    let mut prev = None;
    let mut sum = 0;
    for c in text {
        let k = score::class(c);
        if let Some(p) = prev {
            sum += glued_bopomofo(p, k);
        }
        prev = Some(k);
    }
    sum
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{legacy, scan};
    use crate::codec::Codec;
    use crate::score;

    /// The oddness weighed one character at a time, in a pass of its own.
    fn naive_odd(text: &str) -> bool {
        let mut prev: Option<u8> = None;
        // Ideographs outside each standard's frequent set, by encoding.
        let outside = [Codec::Gbk, Codec::Big5, Codec::ShiftJis].map(|codec| {
            text.chars()
                .filter(|&c| {
                    ('\u{4E00}'..='\u{9FFF}').contains(&c) && !frequent_by_encoding(codec, c)
                })
                .count()
        });
        let ideographs = text
            .chars()
            .filter(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            .count();
        if outside.iter().all(|&n| n >= 2 && 4 * n >= ideographs) {
            return true;
        }
        // Ideographs outside JIS X 0208's first level, in the stretches of
        // CJK characters that have kana.
        let mut by_kana = 0;
        let mut stretch: Vec<char> = Vec::new();
        for c in text.chars().chain(['\n']) {
            let shape = if c == '\u{FFFD}' {
                legacy::LOST_SHAPES
            } else {
                legacy::shapes(c)
            };
            if shape != 0 && c >= '\u{3000}' {
                stretch.push(c);
                continue;
            }
            let kana = stretch.iter().any(|&c| {
                use score::classes::{HALF_KANA, HIRAGANA, KATAKANA};
                matches!(score::class(c), HIRAGANA | KATAKANA | HALF_KANA)
            });
            if kana {
                by_kana += stretch
                    .iter()
                    .filter(|&&c| {
                        ('\u{4E00}'..='\u{9FFF}').contains(&c)
                            && !frequent_by_encoding(Codec::ShiftJis, c)
                    })
                    .count();
            }
            stretch.clear();
        }
        if by_kana >= 2 {
            return true;
        }
        // Half-width marks and misspelt kana, stretch by stretch.
        let mut odd: i32 = text
            .split(|c: char| {
                let shape = if c == '\u{FFFD}' {
                    legacy::LOST_SHAPES
                } else {
                    legacy::shapes(c)
                };
                shape == 0 || c < '\u{3000}'
            })
            .map(|stretch| super::glued_marks(stretch.chars()))
            .sum();
        let ss2: Vec<char> = (0xA1..=0xDFu8)
            .filter_map(|b| Codec::ShiftJis.decode(&[0x8E, b]).ok())
            .flat_map(|s| s.chars().collect::<Vec<_>>())
            .collect();
        let mut as_kana = 0;
        for c in text.chars() {
            let cjk = c >= '\u{3000}' && !matches!(c, '\u{FFFD}' | '?') && legacy::shapes(c) != 0;
            as_kana = if cjk && ss2.contains(&c) {
                as_kana + 1
            } else {
                0
            };
            odd += match as_kana {
                3 => 9,
                4.. => 3,
                _ => 0,
            };
            let shape = match c {
                '\u{FFFD}' => legacy::LOST_SHAPES,
                '?' => legacy::MAYBE_LOST_SHAPES,
                c => legacy::shapes(c),
            };
            if shape != 0 && c >= '\u{3000}' {
                let k = score::class(c);
                odd += (score::unary_cost(k) - legacy::PLAIN).max(0);
                odd += prev.map_or(0, |p| score::pair_cost(p, k) + super::glued_bopomofo(p, k));
                prev = Some(k);
            } else {
                prev = None;
            }
        }
        odd >= legacy::ODD_CJK
    }

    /// Whether `codec` writes `c` in its standard's frequent rows (GB2312
    /// level 1, Big5's A4-C6, JIS X 0208 level 1), found by encoding it.
    fn frequent_by_encoding(codec: Codec, c: char) -> bool {
        let Ok(bytes) = codec.encode(c.encode_utf8(&mut [0; 4])) else {
            return false;
        };
        match (codec, bytes.as_slice()) {
            (Codec::Gbk, &[lead, trail]) => (0xB0..=0xD7).contains(&lead) && trail >= 0xA1,
            (Codec::Big5, &[lead, _]) => (0xA4..=0xC6).contains(&lead),
            (Codec::ShiftJis, &[lead, trail]) => {
                (0x889F..=0x9872).contains(&(u16::from(lead) << 8 | u16::from(trail)))
            }
            _ => false,
        }
    }

    /// Pieces of clean CJK, Cyrillic, Greek and Latin text, of UTF-8 read
    /// as each CJK codec (发展, 日本語, 한국어, 中文 garbled), and of losses.
    const PIECES: &[&str] = &[
        "中",
        "文",
        "的",
        "發",
        "展",
        "日本",
        "語",
        "の",
        "カタ",
        "ｶﾀｶﾅ",
        "한국어",
        "漢",
        "鬱",
        "A",
        " ",
        "?",
        "\u{FFFD}",
        "é",
        "ü",
        "ä",
        "Привет",
        "я",
        "Ωμέγα",
        "鍙戝睍",
        "鏃ユ湰",
        "鐧",
        "ュ",
        "縺",
        "ゅ",
        "譌･譛ｬ",
        "隱",
        "乱",
        "嶄",
        "恅",
        "旬",
        "桑",
        "뎠",
        "諛",
        "茄",
        "彊",
        "ﾃ",
        "ｽ",
        "ｬ",
        "ﾞ",
        "ｰ",
        "｡",
        "ｯ",
        "ｻｬ",
        "｣ｬ",
        "ﾍｨ",
        "Ｔ",
        "１",
        "\u{E000}",
        "锟斤拷",
        "烫",
        "儔",
        "庈",
        "室",
        "鴫",
        "射",
        "社",
        "者",
        "璟",
        "貓",
        "峠",
        "，",
        "。",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The scan flags every UTF-8 chain that `legacy::narrow` finds a run
        /// for, and weighs the CJK characters as a pass of their own does.
        #[test]
        fn scan_covers_the_runs_and_weighs_as_a_pass_would(
            picks in proptest::collection::vec(0..PIECES.len(), 0..16),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let found = scan(&text).legacy;
            let all = u16::from(legacy::UTF8_FLAGS);
            let mut shaped = Vec::new();
            legacy::shape_text(&text, all, &mut shaped);
            let runs = legacy::narrow(&shaped, all);
            prop_assert_eq!(runs & !found, 0, "text {:?}", text);
            prop_assert_eq!(found & legacy::CJK_AS_CJK != 0, naive_odd(&text), "text {:?}", text);
        }
    }

    /// `rests_all` says a character leaves every walk at rest, with no
    /// hit, exactly when stepping every walk from rest does; Cyrillic is
    /// among those it passes over.
    #[test]
    fn rests_all_agrees_with_stepping() {
        let mut seen = 0;
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| legacy::shapes(*c) != 0) {
            let shapes = legacy::shapes(c);
            let mut runs = super::Runs::default();
            let stepped = (0..5).all(|k| super::STEP[((shapes >> (6 * k)) & 0o77) as usize] == 0);
            runs.step(shapes);
            assert_eq!(super::rests_all(shapes), stepped, "{c:?}");
            assert_eq!(shapes & super::RESTING != 0, stepped, "{c:?}");
            assert_eq!(stepped, runs.at_rest && runs.hits == 0, "{c:?}");
            seen += usize::from(stepped);
        }
        assert!(seen > 1000, "{seen}");
        let lower = ('а'..='я')
            .filter(|&c| super::rests_all(legacy::shapes(c)))
            .count();
        assert_eq!(lower, 32, "Russian lowercase letters that rest");
    }

    /// Half-width katakana as Japanese spells it, chat and faces included,
    /// breaks none of the rules; GBK's text read as Shift_JIS breaks them
    /// often enough for the scan to weigh it as another codec's text.
    #[test]
    fn misspelt_kana() {
        for clean in [
            "ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ",
            "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ ｼﾃﾝ",
            "ﾃﾞｰﾀｶﾞ ﾐﾂｶﾘﾏｾﾝ｡ｺｰﾄﾞｦ ｶｸﾆﾝｼﾃｸﾀﾞｻｲ｡",
            "ｷﾀ━━━(ﾟ∀ﾟ)━━━!! (´･ω･`)ｼｮﾎﾞｰﾝ (ｰ_ｰ)",
            "ﾌｧｲﾙｦ ｳｨﾝﾄﾞｳﾃﾞ ﾋﾗｸ ﾃﾞｨｽｸﾉ ｼｪｱｦ ﾁｪｯｸ",
            "ｸｫｰﾂ ﾌｫﾙﾀﾞ ｳﾞｧｲｵﾘﾝ ﾃｨｰﾀｲﾑ ﾃﾞｭｴｯﾄ ｼﾞｪｯﾄ",
            "ﾋﾟｯﾁｬｰ ｷｬｯｼｭ ﾐｭｰｼﾞｯｸ ﾆｭｰｽ ﾘｭｯｸ ﾌｭｰｼﾞｮﾝ",
            "ﾈｪﾈｪ ﾁｮｯﾄ ｷｲﾃﾖｫ ｳﾜｧｧｧﾝ ｱﾞｱﾞｱﾞ ｱｯｱｯｱｯ ｽｺﾞｰｲ!!",
            "ｿｳｯｽ ｷｬｧｧｧ ﾆｬｧ ｷｮｫ ｯｽ",
        ] {
            let misspelt = clean
                .split(|c: char| !('\u{FF61}'..='\u{FF9F}').contains(&c))
                .map(|word| super::glued_marks(word.chars()))
                .sum::<i32>();
            assert_eq!(misspelt, 0, "{clean}");
            assert_eq!(scan(clean).legacy & legacy::CJK_AS_CJK, 0, "{clean}");
        }
        // Faces put `ﾟ` for eyes after any kana: once is not enough.
        for face in ["Σ(ﾟﾛﾟ)", "(ﾉﾟ∀ﾟ)ﾉ", "ﾍ(ﾟ∀ﾟﾍ)ｱﾋｬ"] {
            assert_eq!(scan(face).legacy & legacy::CJK_AS_CJK, 0, "{face}");
        }
        for clean in [
            "【重要通知】",
            "《春江花月夜》",
            "把 CPU 温度控制在 80°C 以下比较安全。",
        ] {
            let bytes = Codec::Gbk.encode(clean).expect("GBK has it");
            let garbled = Codec::ShiftJis.decode(&bytes).expect("Shift_JIS reads it");
            assert!(
                super::glued_marks(garbled.chars()) >= 2 * super::MISSPELT_KANA,
                "{garbled}"
            );
            assert_ne!(scan(&garbled).legacy & legacy::CJK_AS_CJK, 0, "{garbled}");
        }
    }

    #[test]
    fn clean_cjk_cyrillic_and_greek_have_no_utf8_run() {
        let utf8 = u16::from(legacy::UTF8_FLAGS);
        for clean in [
            "我们今天下午三点在图书馆门口见面。",
            "東京の桜は三月の終わりに咲き始めます。",
            "오늘 저녁에 친구들과 영화를 보러 갑니다.",
            "Сегодня вечером мы идём в театр.",
            "Η θάλασσα ήταν ήρεμη όλο το πρωί.",
            // `世` is CA C0 in GBK, and C0 is no UTF-8 byte: it ends the
            // walk that `你` started (it once stepped over it).
            "你好，世界！",
        ] {
            assert_eq!(scan(clean).legacy & utf8, 0, "{clean}");
        }
        // Still a CJK codec's character, which the oddness sum weighs.
        assert_ne!(legacy::shapes('世'), 0);
        for garbled in ["鍙戝睍鐨勬柟鍚", "譌･譛ｬ縺ｮ譯懊"] {
            assert_ne!(scan(garbled).legacy & utf8, 0, "{garbled}");
        }
    }
}
