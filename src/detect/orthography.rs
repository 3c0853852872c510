//! Spelling rules of the alphabets that legacy single-byte code pages
//! encode, as evidence between decodings of the same bytes.
//!
//! Bytes of one alphabet's code page read under another's decode to
//! letters just as well: Hebrew `שלום` is Cyrillic `щмен` in windows-1251,
//! and Greek `κάνεις` is Chinese under GBK. What tells them apart here is
//! mostly not letter frequency (no table of it comes with `encoding_rs` or
//! the Unicode data; only Cyrillic, whose two code pages shuffle one
//! alphabet into itself, gets a coarse rarity of its letters) but rules
//! every text of the script obeys, whatever its language: a combining mark
//! follows a letter of its own script; Hebrew and Greek have letters whose
//! form depends on the end of a word; a Thai leading vowel stands before a
//! consonant; Greek words end in a vowel or in `ν`, `ς`, `ρ`; Russian `ь`,
//! `ъ` and `ы` start no word.
//!
//! The result is a cost (positive for each rule broken) that may be
//! negative: a final form at the end of a word is evidence *for* the
//! decoding, which no other script's reading of the byte can offer.

use crate::score::is_alphabetic;

/// A combining mark with no letter of its script before it.
const ORPHAN_MARK: i32 = 4;
/// A final form inside a word, or a Thai leading vowel before no consonant.
const MISPLACED_FORM: i32 = 4;
/// A non-final form (or a letter no word ends with) at the end of a word.
const UNFINISHED_WORD: i32 = 3;
/// Russian `ь`, `ъ`, `ы` at the start of a word, or a sign after a vowel.
const BAD_SIGN: i32 = 3;
/// Letters that few words have: Greek vowels with both a diaeresis and a
/// stress mark, Thai letters and signs out of use.
const RARE_LETTER: i32 = 2;
/// Each vowel a text lacks (see [`vowel_deficit`]).
const VOWEL_DEFICIT: i32 = 2;
const VOWEL_SHARE: i32 = 35;
const VOWEL_TEXT: i32 = 6;
/// A word with no vowel (see [`vowelless_words`]).
const VOWELLESS: i32 = 3;
/// A Greek word of two syllables or more without its stress mark (see
/// [`unstressed_greek_words`]).
const UNSTRESSED: i32 = 3;
/// Russian `й` or `э` after a consonant.
const RARE_AFTER_CONSONANT: i32 = 2;
/// What a final form where it belongs (or a Greek stress mark, or a Thai
/// vowel sign or tone mark in its place) is worth: up to [`FINAL_CAP`] of
/// them count, so that a long line's evidence cannot outweigh everything.
const FINAL_FORM: i32 = 2;
const FINAL_CAP: i32 = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Hebrew,
    Arabic,
    Thai,
    Greek,
    Cyrillic,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{0591}'..='\u{05F4}' => Script::Hebrew,
        '\u{0600}'..='\u{06FF}' => Script::Arabic,
        '\u{0E00}'..='\u{0E7F}' => Script::Thai,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{0400}'..='\u{04FF}' => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// Combining marks (general category Mn) of the scripts above that
/// single-byte code pages encode: Hebrew points and cantillation, Arabic
/// harakat, Thai vowel signs above and below and tone marks.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// A letter (not a mark, digit or sign) of one of the scripts above.
fn is_letter(c: char) -> bool {
    match script(c) {
        Script::Hebrew => ('\u{05D0}'..='\u{05EA}').contains(&c),
        Script::Arabic => {
            matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FC}')
                && c != '\u{0640}'
        }
        Script::Thai => {
            matches!(c, '\u{0E01}'..='\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E40}'..='\u{0E46}')
        }
        Script::Greek => {
            matches!(c, '\u{0386}' | '\u{0388}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
        }
        Script::Cyrillic => matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}'),
        Script::Other => false,
    }
}

/// Greek's lowercase vowels with a stress mark (tonos), which monotonic
/// spelling puts on every word of two syllables or more.
const TONOS: [char; 7] = ['ά', 'έ', 'ή', 'ί', 'ό', 'ύ', 'ώ'];

/// A letter of a word, cheaply: ASCII and Latin-1/Extended letters and the
/// letters of the scripts above; ideographs and the rest count as
/// separators (the Unicode lookup for them is what this avoids).
fn wordish(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c != '×' && c != '÷')
        || is_letter(c)
}

/// Hebrew's final forms, and the letters they are the final forms of.
const HEBREW_FINAL: [char; 5] = ['ך', 'ם', 'ן', 'ף', 'ץ'];
const HEBREW_MEDIAL: [char; 5] = ['כ', 'מ', 'נ', 'פ', 'צ'];

/// How rare the Cyrillic letters of `text` are, summed, in half-bits:
/// twice the base-2 logarithm of how much rarer each letter is than `о`,
/// the most common, in running Russian prose, rounded (`е`, `а`, `и`, `н`
/// 1; `ф` 11), with the letters other languages use more (Bulgarian `ъ`,
/// Ukrainian `і`, Serbian `ј`) at what those languages give them, and
/// any other Cyrillic letter at 12. The figures are general knowledge of
/// the languages, rounded so that only their order of magnitude counts.
///
/// windows-1251 and KOI8-R read as each other swap the cases and shuffle
/// the letters, and both readings are Cyrillic with their cases swapped:
/// that the shuffle lands the common letters on rarer ones is the
/// evidence of which way the mistake went.
pub(super) fn cyrillic_rarity(text: impl Iterator<Item = char>) -> i32 {
    text.map(cyrillic_letter_rarity).sum()
}

/// [`cyrillic_rarity`] of one character (0 if it is not Cyrillic).
fn cyrillic_letter_rarity(c: char) -> i32 {
    match c.to_lowercase().next().unwrap_or(c) {
        'о' => 0,
        'е' | 'а' | 'и' | 'н' | 'і' => 1,
        'т' | 'с' | 'р' => 2,
        'в' | 'л' | 'к' => 3,
        'м' | 'д' | 'п' | 'у' | 'ј' => 4,
        'я' | 'ы' | 'ь' | 'г' | 'з' | 'б' => 5,
        'ч' | 'й' | 'ъ' | 'ї' | 'є' | 'њ' => 6,
        'х' | 'ж' | 'љ' | 'ћ' => 7,
        'ш' | 'ю' | 'ё' | 'ў' => 8,
        'ц' | 'ђ' => 9,
        'щ' | 'э' | 'ґ' | 'џ' => 10,
        'ф' => 11,
        '\u{0400}'..='\u{04FF}' => 12,
        _ => 0,
    }
}

/// How rare a letter is, as [`cyrillic_rarity`] has it, for Cyrillic,
/// Greek and Hebrew letters (`None` for anything else). A Greek vowel
/// with a mark counts as rarer than its plain form: four times with a
/// stress mark (a word has one at most), sixteen with a diaeresis, more
/// with both.
pub(crate) fn letter_rarity(c: char) -> Option<i32> {
    match c {
        '\u{0400}'..='\u{04FF}' => Some(cyrillic_letter_rarity(c)),
        '\u{0370}'..='\u{03FF}' if is_alphabetic(c) => {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let marks = match lower {
                'ΐ' | 'ΰ' => 10,
                'ϊ' | 'ϋ' => 8,
                _ if TONOS.contains(&lower) => 4,
                _ => 0,
            };
            Some(greek_letter_rarity(c) + marks)
        }
        _ => hebrew_letter_rarity(c),
    }
}

/// Whether `c` is a Greek letter with a stress mark (tonos).
fn greek_stressed(c: char) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    TONOS.contains(&lower) || matches!(lower, 'ΐ' | 'ΰ')
}

/// Whether a whole Greek word breaks monotonic spelling's stress marks: a
/// word in lowercase (but its first letter) of two syllables or more takes
/// one, and a second only on its last syllable when an enclitic follows a
/// word stressed on its third syllable from the end (`άνθρωπός μου`).
///
/// With `whole` false, the word may go on beyond what is given, or have
/// letters unknown: only a second stress mark tells. With `enclitic`
/// false, no enclitic follows the word, and a second stress mark is
/// misspelt wherever it stands.
pub(crate) fn greek_stress_misspelt(word: &str, whole: bool, enclitic: bool) -> bool {
    if !word.chars().all(|c| script(c) == Script::Greek) {
        return false;
    }
    // Syllables: runs of vowels, a vowel after a stressed one starting a
    // new one (`αί` is one, `άι` two).
    let (mut groups, mut in_vowels, mut after_stress) = (0, false, false);
    let mut marks: [usize; 2] = [0; 2];
    let mut stresses = 0;
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let vowel = "αεηιουωάέήίόύώϊϋΐΰ".contains(lower);
        groups += usize::from(vowel && (!in_vowels || after_stress));
        in_vowels = vowel;
        after_stress = greek_stressed(c);
        if after_stress {
            if let Some(mark) = marks.get_mut(stresses) {
                *mark = groups;
            }
            stresses += 1;
        }
    }
    let lowercase = word.chars().skip(1).all(char::is_lowercase);
    let enclitic =
        enclitic && whole && stresses == 2 && marks[1] == groups && marks[0] + 2 == groups;
    (stresses >= 2 && !enclitic) || (whole && stresses == 0 && lowercase && groups >= 2)
}

/// Whether Cyrillic `c` misspells its word between `prev` and `next`:
/// `я` and `э` (and the accented `ѐ`, `ѝ`) end a syllable, so that a
/// vowel or a sign after them is a misspelling in all but a few verbs
/// (`сияет`), while consonants stand before vowels and signs in nearly
/// every word (`сам`, `весь`, `учится`); `а` beside `а`, `о`, `ы` or
/// `э`, or before `у`, is rare where a consonant in its place is common
/// (`НОВОСТИ`, not `АОВОСТИ`; `Наздраве`).
pub(crate) fn cyrillic_misplaced(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let vowel = |x: Option<char>| x.is_some_and(|x| "аеёиоуыэюя".contains(lower(x)));
    let sign = |x: Option<char>| x.is_some_and(|x| matches!(lower(x), 'ь' | 'ъ'));
    // Vowels that no `а` stands beside but in loanwords (`хаос`); the
    // iotated ones follow it in the commonest endings (`знает`, `новая`).
    let plain = |x: Option<char>| x.is_some_and(|x| "аоыэ".contains(lower(x)));
    match lower(c) {
        'я' | 'э' | 'ѐ' | 'ѝ' => vowel(next) || sign(next),
        'а' => plain(prev) || plain(next) || next.is_some_and(|n| lower(n) == 'у'),
        _ => false,
    }
}

/// Whether a whole Greek word ends as no Greek word does: in two
/// consonants (`πολρ`), or in a consonant other than `ν`, `ς` and `ρ`.
/// Loanwords do (`μπαρ`, `σνακ`), but few, and rarely in running text.
pub(crate) fn greek_ending_misspelt(word: &str) -> bool {
    let lower: Vec<char> = word
        .chars()
        .rev()
        .take(2)
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    if !word.chars().all(|c| script(c) == Script::Greek) {
        return false;
    }
    match lower.as_slice() {
        [last, before] if greek_consonant(*last) && greek_consonant(*before) => true,
        [last, ..] => greek_consonant(*last) && !matches!(last, 'ν' | 'ς' | 'ρ'),
        [] => false,
    }
}

/// Whether `c`, a Vietnamese letter with a tone mark (U+1EA0-U+1EF9),
/// misspells the syllable `left`, `c`, `right` (`whole` if that is all of
/// it): a syllable takes one tone mark; one that ends in `p`, `t`, `c` or
/// `ch` takes the acute or the dot below, no other; `ư` goes on as `ươ`,
/// never as `ưo`, `ưô` or `ưê`; `ê` takes no `i` after it; and `ơ` ends
/// no syllable in `ng`, `nh`, `c` or `ch` but after `ư` (`người`,
/// `trường`; not `trờng`).
pub(crate) fn vietnamese_misspelt(left: &str, c: char, right: &str, whole: bool) -> bool {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    if !('\u{1EA0}'..='\u{1EF9}').contains(&c) {
        return false;
    }
    let parts = |x: char| -> (char, Option<char>, bool, bool) {
        // Base letter, tone, circumflex, horn.
        let mut base = x;
        let (mut tone, mut hat, mut horn) = (None, false, false);
        for (i, d) in std::iter::once(x).nfd().enumerate() {
            match d {
                _ if i == 0 => base = d.to_lowercase().next().unwrap_or(d),
                '\u{302}' => hat = true,
                '\u{31B}' => horn = true,
                _ if TONES.contains(&d) => tone = Some(d),
                _ => {}
            }
        }
        (base, tone, hat, horn)
    };
    let (base, tone, hat, horn) = parts(c);
    let lower = |s: &str| s.to_lowercase();
    let (l, r) = (lower(left), lower(right));
    let other_tone = l.chars().chain(r.chars()).any(|x| parts(x).1.is_some());
    if tone.is_some() && other_tone {
        return true;
    }
    let prev = l.chars().next_back().map(parts);
    let next = r.chars().next().map(parts);
    let after_u_horn = prev.is_some_and(|(b, _, _, h)| b == 'u' && h);
    // `ươ` only: `ưo`, `ưô`, `ưê`.
    if after_u_horn && ((base == 'o' && !horn) || (base == 'e' && hat)) {
        return true;
    }
    // `êi`.
    if base == 'e' && hat && next.is_some_and(|(b, _, _, _)| b == 'i') {
        return true;
    }
    if !whole {
        return false;
    }
    // The rest of the syllable after `c`, its final consonants.
    let finals: String = r
        .chars()
        .skip_while(|x| "aeiouy".contains(parts(*x).0))
        .collect();
    let stop = matches!(finals.as_str(), "p" | "t" | "c" | "ch");
    if stop
        && r.chars().all(|x| x.is_alphabetic())
        && !matches!(tone, Some('\u{301}' | '\u{323}'))
        && !other_tone
    {
        return true;
    }
    base == 'o'
        && horn
        && !after_u_horn
        && r.starts_with(|x: char| x.is_alphabetic())
        && matches!(r.as_str(), "ng" | "nh" | "c" | "ch")
}

/// Whether `word` is one of Greek's enclitic pronouns, after which a
/// word stressed on its third syllable from the end takes a second stress
/// mark on its last (`το όνομά μου`).
pub(crate) fn greek_enclitic(word: &str) -> bool {
    matches!(
        word,
        "μου"
            | "σου"
            | "του"
            | "της"
            | "μας"
            | "σας"
            | "τους"
            | "τον"
            | "την"
            | "το"
            | "τα"
            | "τις"
    )
}

/// Letters that the languages whose alphabets have them write seldom
/// inside words: Czech and Slovak `ď` and `ť` (which they write as `d`
/// and `t` before `e` and `i`, and mostly at a word's end: `teď`,
/// `chuť`), and Esperanto's circumflexed consonants and `ŭ`. General
/// knowledge of the languages, as [`letter_rarity`] is for other
/// alphabets.
pub(crate) fn rare_latin(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'ď' | 'ť' | 'ĉ' | 'ĝ' | 'ĥ' | 'ĵ' | 'ŝ' | 'ŭ'
    )
}

/// How rare a Hebrew letter is, as [`cyrillic_rarity`] has it for
/// Cyrillic: twice the base-2 logarithm of how much rarer it is than `י`,
/// the most common letter of Modern Hebrew prose, rounded, a final form
/// counted with the letter it ends words of (where it stands is the
/// evidence of `cost`, not how often it is written). General knowledge
/// of the language; only the order of magnitude counts.
fn hebrew_letter_rarity(c: char) -> Option<i32> {
    Some(match c {
        'י' | 'ו' => 0,
        'ה' | 'ל' | 'מ' | 'ם' => 1,
        'א' | 'ר' | 'ב' | 'ת' | 'ש' | 'נ' | 'ן' => 2,
        'ד' | 'ע' | 'כ' | 'ך' | 'ח' => 4,
        'ק' | 'פ' | 'ף' => 5,
        'ס' | 'ג' | 'ט' | 'צ' | 'ץ' => 6,
        'ז' => 7,
        _ => return None,
    })
}

/// How rare a Greek letter is, as [`cyrillic_rarity`] has it: against
/// `α`, the commonest in Modern Greek prose, a stressed vowel counted with
/// its plain form (the stress mark is `cost`'s evidence), `ΐ` and `ΰ`,
/// which carry both marks in a few words (`Μαΐου`, `πρωτεΐνη`) and where
/// windows-1251 has `А` and `а`, at 8, and any other Greek letter
/// (archaic forms) at 12.
fn greek_letter_rarity(c: char) -> i32 {
    let plain = match c.to_lowercase().next().unwrap_or(c) {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        lower => lower,
    };
    match plain {
        'α' => 0,
        'ο' | 'ι' | 'ε' | 'τ' | 'σ' => 1,
        'ν' => 2,
        'η' | 'ρ' | 'κ' | 'π' | 'υ' => 3,
        'μ' | 'λ' => 4,
        'ω' | 'δ' | 'γ' => 5,
        'χ' | 'θ' => 7,
        'φ' | 'β' | 'ΐ' | 'ΰ' => 8,
        'ξ' => 9,
        'ζ' => 10,
        _ => 12,
    }
}

/// The letters beyond ASCII of the languages written in Latin script that
/// the code pages here serve, lowercase, from general knowledge of their
/// alphabets (loanword accents included where common: `é` in Danish,
/// `ü` in Spanish). Vietnamese, whose letters are many, is tested apart.
const LATIN_ALPHABETS: &[&str] = &[
    "æøåé",                   // Danish, Norwegian
    "åäöé",                   // Swedish
    "äöåšž",                  // Finnish
    "áðéíóúýþæö",             // Icelandic
    "äöüßé",                  // German
    "éëïóöüèàáí",             // Dutch
    "àâæçéèêëîïôœùûüÿ",       // French
    "áéíóúñü",                // Spanish
    "àçéèíïóòúü",             // Catalan
    "àèéìíîòóùú",             // Italian
    "áâãàçéêíóôõúü",          // Portuguese
    "ăâîșțşţ",                // Romanian
    "ąćęłńóśźż",              // Polish
    "áčďéěíňóřšťúůýž",        // Czech
    "áäčďéíĺľňóôŕšťúýž",      // Slovak
    "čćđšž",                  // Croatian, Bosnian, Serbian, Slovene
    "áéíóöőúüű",              // Hungarian
    "çğıöşüâîû",              // Turkish
    "ąčęėįšųūž",              // Lithuanian
    "āčēģīķļņšūž",            // Latvian
    "äöõüšž",                 // Estonian
    "âêîôûŵŷäëïöüáéíóúàèìòù", // Welsh
    "ċġħżàèìòù",              // Maltese
    "ĉĝĥĵŝŭ",                 // Esperanto
    "çë",                     // Albanian
];

/// Whether `c` is a Latin letter beyond ASCII (Latin-1 to Latin Extended-B,
/// and Latin Extended Additional): the letters an alphabet above lists.
pub(crate) fn latin_beyond_ascii(c: char) -> bool {
    // Every code point of these blocks is a letter but two signs (a test
    // holds this to Unicode's property): no search of its tables.
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && !matches!(c, '×' | '÷')
}

/// Whether the Latin letters beyond ASCII among `letters` are all of one
/// language's alphabet (`None` if there are none): text is written in a
/// language, while a decoding through the wrong one of two similar code
/// pages mixes them (`Hørte … füet`, `ø` and `ü`, where windows-1250 reads
/// UTF-8 that ISO-8859-2 reads as `fået`).
pub(crate) fn latin_alphabet_fits(letters: impl Iterator<Item = char>) -> Option<bool> {
    LatinLetters::of(letters).fits()
}

/// The distinct letters beyond ASCII of a Latin text, lowercase, for
/// [`latin_alphabet_fits`]; kept so that one text may be asked about
/// several letters added to it without reading it again.
#[derive(Clone, Copy)]
pub(crate) struct LatinLetters {
    // On the stack: a line with more than this many is no one language's
    // anyway.
    seen: [char; DISTINCT],
    n: usize,
    /// The alphabets that have every letter seen.
    alphabets: u32,
    too_many: bool,
}

impl LatinLetters {
    pub(crate) fn of(letters: impl Iterator<Item = char>) -> LatinLetters {
        let mut all = LatinLetters {
            seen: ['\0'; DISTINCT],
            n: 0,
            alphabets: u32::MAX,
            too_many: false,
        };
        for c in letters {
            all.add(c);
            if all.too_many {
                break;
            }
        }
        all
    }

    fn add(&mut self, c: char) {
        if !latin_beyond_ascii(c) {
            return;
        }
        // `İ` lowercases to ASCII `i` and a combining dot.
        let lower = c.to_lowercase().next().unwrap_or(c);
        if lower.is_ascii() || self.seen[..self.n].contains(&lower) {
            return;
        }
        if self.n == DISTINCT {
            self.too_many = true;
            return;
        }
        self.seen[self.n] = lower;
        self.n += 1;
        self.alphabets &= alphabets(lower);
    }

    /// Whether one alphabet has every letter (`None` if there are none).
    pub(crate) fn fits(&self) -> Option<bool> {
        if self.too_many {
            return Some(false);
        }
        (self.n > 0).then_some(self.alphabets != 0)
    }

    /// [`LatinLetters::fits`], with `c` among the letters.
    pub(crate) fn fits_with(&self, c: char) -> Option<bool> {
        let mut more = *self;
        more.add(c);
        more.fits()
    }
}

/// The letters of U+0400-U+045F that only some of the Slavic alphabets
/// written in Cyrillic have, lowercase, each with the alphabets (one bit
/// each, from the lowest: Russian, Ukrainian, Belarusian, Bulgarian,
/// Serbian, Macedonian) that have it; the other letters of the block
/// every one of them has, or are left out as letters with a grave accent
/// that two of them write on a few words only (`ѐ`, `ѝ`) or letters of
/// none.
const CYRILLIC_NATIONAL: &[(char, u8)] = &[
    ('ё', 0b000101),
    ('ъ', 0b001001),
    ('ы', 0b000101),
    ('э', 0b000101),
    ('щ', 0b001011),
    ('й', 0b001111),
    ('и', 0b111011),
    ('ь', 0b001111),
    ('ю', 0b001111),
    ('я', 0b001111),
    ('є', 0b000010),
    ('і', 0b000110),
    ('ї', 0b000010),
    ('ў', 0b000100),
    ('ђ', 0b010000),
    ('ј', 0b110000),
    ('љ', 0b110000),
    ('њ', 0b110000),
    ('ћ', 0b010000),
    ('џ', 0b110000),
    ('ѓ', 0b100000),
    ('ѕ', 0b100000),
    ('ќ', 0b100000),
];

/// Whether the Cyrillic letters among `letters` fit one Slavic alphabet
/// (`None` if none of them is a letter only some alphabets have): text is
/// written in one language, while UTF-8 read as windows-1251 spells its
/// continuation bytes as the letters of several (`ФІХЎЦЂЦ‡`, Armenian
/// `Բարև`, has Ukrainian and Belarusian `І`, Belarusian `Ў` and Serbian
/// `Ђ`).
pub(crate) fn cyrillic_alphabet_fits(letters: impl Iterator<Item = char>) -> Option<bool> {
    let mut alphabets = u8::MAX;
    let mut any = false;
    for c in letters {
        if !('\u{400}'..='\u{45F}').contains(&c) {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        if let Some(&(_, bits)) = CYRILLIC_NATIONAL.iter().find(|(l, _)| *l == lower) {
            alphabets &= bits;
            any = true;
        }
    }
    any.then_some(alphabets != 0)
}

/// Vietnamese's letters of Latin-1 and Latin Extended-A; those of Latin
/// Extended Additional (U+1EA0 to U+1EF9) are all its own.
const VIETNAMESE: &str = "àáâãèéêìíòóôõùúýăđĩũơư";

/// The alphabets that have `c` (lowercase), one bit each: those of
/// [`LATIN_ALPHABETS`] in order, then Vietnamese.
fn alphabets(c: char) -> u32 {
    match c {
        '\u{00C0}'..='\u{024F}' => ALPHABETS_OF[c as usize - 0xC0],
        '\u{1EA0}'..='\u{1EF9}' => 1 << LATIN_ALPHABETS.len(),
        _ => 0,
    }
}

/// [`alphabets`] of U+00C0 to U+024F, made from the alphabets' strings
/// when the crate is compiled: testing each letter against each string
/// made the test the slowest part of the UTF-8 detector.
static ALPHABETS_OF: [u32; 0x190] = alphabet_bits();

const fn alphabet_bits() -> [u32; 0x190] {
    assert!(LATIN_ALPHABETS.len() < 32, "one bit each, and Vietnamese's");
    let mut bits = [0u32; 0x190];
    let mut a = 0;
    while a <= LATIN_ALPHABETS.len() {
        let letters = if a < LATIN_ALPHABETS.len() {
            LATIN_ALPHABETS[a].as_bytes()
        } else {
            VIETNAMESE.as_bytes()
        };
        let mut i = 0;
        while i < letters.len() {
            // Every letter is from U+00C0 to U+024F: two bytes of UTF-8.
            assert!(letters[i] >= 0xC3 && letters[i] <= 0xC9 && i + 1 < letters.len());
            let u = ((letters[i] as usize & 0x1F) << 6) | (letters[i + 1] as usize & 0x3F);
            bits[u - 0xC0] |= 1 << a;
            i += 2;
        }
        a += 1;
    }
    bits
}

/// See [`latin_alphabet_fits`]: more distinct letters than any alphabet
/// above has (Vietnamese, whose tones make many, is cut short too).
const DISTINCT: usize = 24;

/// The mean rarity of a letter in running text, in hundredths of a
/// half-bit: the rarities above weighed by the same general knowledge of
/// how often each letter is written (Russian for Cyrillic).
const CYRILLIC_MEAN: i32 = 254;
const HEBREW_MEAN: i32 = 187;
const GREEK_MEAN: i32 = 213;

/// How much rarer than running text of their alphabets the Cyrillic,
/// Greek and Hebrew letters of `text` are, summed, in hundredths of a half-bit
/// (negative when they are commoner).
///
/// Hebrew bytes read as windows-1251 decode to Cyrillic as plain as
/// Russian to the rest of the model (`бечш иеб` for `בוקר טוב`), and
/// Russian bytes read as windows-1255 to Hebrew, but the shuffle puts the
/// common letters of one alphabet on rare ones of the other (`י`, the
/// commonest Hebrew letter, on `й`; `о` on `ן`): between two readings of
/// the same bytes, the one whose letters are nearer the usual mix is the
/// text. `None` if the text has no letter of these alphabets: other
/// scripts have no rarity here to weigh against.
pub(super) fn rarity_excess(text: &str) -> Option<i32> {
    let mut any = false;
    let excess = text
        .chars()
        .map(|c| match c {
            '\u{0400}'..='\u{04FF}' => {
                any = true;
                100 * cyrillic_letter_rarity(c) - CYRILLIC_MEAN
            }
            '\u{0386}' | '\u{0388}'..='\u{03CE}' => {
                any = true;
                100 * greek_letter_rarity(c) - GREEK_MEAN
            }
            _ => hebrew_letter_rarity(c).map_or(0, |r| {
                any = true;
                100 * r - HEBREW_MEAN
            }),
        })
        .sum();
    any.then_some(excess)
}

/// The cost of `text`, a single-byte code page's decoding, under the
/// rules above; negative when the text carries more evidence than faults.
pub(super) fn cost(text: &str) -> i32 {
    let chars: Vec<char> = text.chars().collect();
    let mixed = mixed_words(&chars);
    let mut cost = 0;
    let mut finals = 0;
    for (i, &c) in chars.iter().enumerate() {
        // Evidence counts in words of one script only: `abcdυδφό` is no
        // Greek word, whatever its last letter.
        let evidence = i32::from(!mixed[i]);
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let s = script(c);
        if s == Script::Other {
            continue;
        }
        let same =
            |o: Option<char>| o.is_some_and(|o| script(o) == s && (is_letter(o) || is_mark(o)));
        // Within a word of this script: a letter (or mark) of it before and
        // after.
        let word_before = same(prev);
        let word_after = same(next);
        if is_mark(c) {
            if !word_before {
                cost += ORPHAN_MARK;
            } else if s == Script::Hebrew && hebrew_vowel(c) && prev.is_some_and(hebrew_vowel) {
                // A letter takes one vowel point (with a dagesh or a shin
                // dot beside it at most): Arabic bytes read as Hebrew
                // stack them (`דַָֽׁ` for `مرحبا`).
                cost += MISPLACED_FORM;
            } else if s == Script::Thai {
                // A mark in its place is evidence, as a final form is:
                // other bytes read as Thai put them anywhere.
                // Mai han-akat shortens the vowel before a final consonant.
                let closed = c != '\u{0E31}'
                    || next.is_some_and(|n| {
                        ('ก'..='ฮ').contains(&n) || ('\u{0E48}'..='\u{0E4B}').contains(&n)
                    });
                if thai_mark_fits(prev, c) && closed {
                    finals += evidence;
                } else {
                    cost += MISPLACED_FORM;
                }
            }
            continue;
        }
        match s {
            Script::Hebrew if HEBREW_FINAL.contains(&c) => {
                if word_after {
                    cost += MISPLACED_FORM;
                } else if word_before {
                    finals += evidence;
                }
            }
            Script::Hebrew if HEBREW_MEDIAL.contains(&c) && word_before && !word_after => {
                cost += UNFINISHED_WORD;
            }
            // Geresh and gershayim mark abbreviations and loan sounds after
            // a letter.
            Script::Hebrew if matches!(c, '׳' | '״') && !word_before => {
                cost += MISPLACED_FORM;
            }
            Script::Greek => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                if TONOS.contains(&c) && (word_before || word_after) {
                    // The stress mark of a word, which no other script's
                    // reading of these bytes has: Cyrillic reads them as
                    // `Ь`, `Э`, `Ю`, `Я`, `ь`, `э`, `ю`.
                    finals += evidence;
                }
                cost += match c {
                    'ΰ' | 'ΐ' => RARE_LETTER,
                    'ϊ' | 'ϋ' => RARE_LETTER / 2,
                    _ => 0,
                };
                if c == 'ς' {
                    if word_after {
                        cost += MISPLACED_FORM;
                    } else if word_before {
                        finals += evidence;
                    }
                } else if word_before
                    && !word_after
                    && c.is_lowercase()
                    && greek_consonant(lower)
                    && !"νρσ".contains(lower)
                {
                    // `σ` at the end is the wrong sigma; `ν` and `ρ` end
                    // words, and so do loanwords, which are rare.
                    cost += UNFINISHED_WORD;
                } else if c == 'σ' && word_before && !word_after {
                    cost += UNFINISHED_WORD;
                }
            }
            // Obsolete letters, and signs that mark paragraphs and
            // chapters in old manuscripts.
            Script::Thai if matches!(c, 'ฃ' | 'ฅ' | 'ๅ' | 'ฦ') => {
                cost += RARE_LETTER;
            }
            Script::Thai
                if matches!(c, '๏' | '๚' | '๛') || (c == '฿' && (word_before || word_after)) =>
            {
                cost += MISPLACED_FORM;
            }
            // Thai digits stand apart from words.
            Script::Thai if ('๐'..='๙').contains(&c) => {
                let letter = |o: Option<char>| o.is_some_and(|o| is_letter(o) || is_mark(o));
                if letter(prev) || letter(next) {
                    cost += MISPLACED_FORM;
                }
            }
            Script::Thai if ('\u{0E40}'..='\u{0E44}').contains(&c) => {
                if next.is_some_and(|n| ('\u{0E01}'..='\u{0E2E}').contains(&n)) {
                    finals += evidence;
                } else {
                    cost += MISPLACED_FORM;
                }
            }
            Script::Cyrillic => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                let after_vowel = prev.is_some_and(|p| {
                    "аеёиоуыэюяіїєьъ".contains(p.to_lowercase().next().unwrap_or(p))
                });
                if matches!(lower, 'ь' | 'ъ' | 'ы') && (!word_before || after_vowel) {
                    cost += BAD_SIGN;
                } else if matches!(lower, 'й' | 'э') && word_before && !after_vowel {
                    // Both follow vowels (or start words) but in a few
                    // loanwords: `мэр`, and no word spells `мй`.
                    cost += RARE_AFTER_CONSONANT;
                }
            }
            _ => {}
        }
    }
    cost + VOWELLESS * vowelless_words(text)
        + VOWEL_DEFICIT * vowel_deficit(text)
        + thai_rarity_excess(text)
        + UNSTRESSED * unstressed_greek_words(text)
        + misformed_greek_words(text)
        - FINAL_FORM * finals.min(FINAL_CAP)
}

/// How rare a Thai letter or sign is, in about half-bits as
/// [`cyrillic_letter_rarity`] has it: from `า`, `น`, `ร`, `อ`, `ก` (the
/// commonest in running Thai) to the consonants of Pali and Sanskrit
/// loanwords, and the obsolete letters and signs at 12. `None` for a
/// character that is not a Thai letter or sign (digits included).
fn thai_letter_rarity(c: char) -> Option<i32> {
    if !('\u{0E01}'..='\u{0E5B}').contains(&c) || ('๐'..='๙').contains(&c) {
        return None;
    }
    const TIERS: [&str; 8] = [
        "านรอก",
        "เงมยลว\u{0E48}\u{0E49}\u{0E31}\u{0E35}\u{0E34}",
        "ทดตสบหปคใแไ\u{0E38}",
        "ขจพชะำ\u{0E37}\u{0E39}\u{0E47}\u{0E4C}\u{0E36}",
        "โผถธศภณซษฟ",
        "ฉญฝฐๆฯ\u{0E4A}",
        "ฏฎฤฬฮฑ\u{0E4B}",
        "ฆฒฌ",
    ];
    Some(
        TIERS
            .iter()
            .position(|tier| tier.contains(c))
            .map_or(12, |k| k as i32),
    )
}

/// What a Thai reading pays for letters rarer than Thai text has them:
/// the excess of their rarity over [`THAI_LINE_RARITY`] each, in units of
/// [`THAI_RARITY_UNIT`]. A line of Thai averages 1.3 (of 12), hardly ever
/// over 2; other bytes read as windows-874 land on its letters at random,
/// at 3.5 to 6 (`ฐฃตยรษถู` for GBK's `埃德蒙顿`).
fn thai_rarity_excess(text: &str) -> i32 {
    let excess: i32 = text
        .chars()
        .filter_map(thai_letter_rarity)
        .map(|r| r - THAI_LINE_RARITY)
        .sum();
    excess.max(0) / THAI_RARITY_UNIT
}

const THAI_LINE_RARITY: i32 = 2;
const THAI_RARITY_UNIT: i32 = 4;

/// Vowels short of [`VOWEL_SHARE`] percent of the Cyrillic and Greek
/// letters of a text of [`VOWEL_TEXT`] letters or more: Slavic languages
/// and Greek spell about two letters in five as vowels, while a permutation
/// of their letters (one code page's text read as another's, twice) turns
/// most of them into consonants (`о` into `р`).
fn vowel_deficit(text: &str) -> i32 {
    let (mut letters, mut vowels) = (0i32, 0i32);
    for c in text.chars() {
        if matches!(script(c), Script::Cyrillic | Script::Greek) && is_letter(c) {
            letters += 1;
            let lower = c.to_lowercase().next().unwrap_or(c);
            vowels += i32::from(VOWELS.contains(lower));
        }
    }
    if letters < VOWEL_TEXT {
        return 0;
    }
    (VOWEL_SHARE * letters / 100 - vowels).max(0)
}

const VOWELS: &str = "аеёиоуыэюяіїєъўαεηιουωάέήίόύώϊϋΐΰ";

/// For each character, whether its word has letters of two scripts.
fn mixed_words(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        let in_word = |c: char| wordish(c) || is_mark(c);
        if !in_word(chars[start]) {
            start += 1;
            continue;
        }
        let end = (start..chars.len())
            .find(|&j| !in_word(chars[j]))
            .unwrap_or(chars.len());
        let first = script(chars[start]);
        let mixed = chars[start..end].iter().any(|&c| script(c) != first);
        out[start..end].fill(mixed);
        start = end;
    }
    out
}

/// Greek words in lowercase (but their first letter) of two syllables or
/// more (two runs of vowel letters: `ου`, `αι`, `ει` are one sound) with
/// no stress mark: modern Greek marks the stress of every such word, so
/// only another code page's letters read as Greek (`Οπθβες` for `Привет`,
/// whose final `т` is `ς`) spell them.
fn unstressed_greek_words(text: &str) -> i32 {
    let mut count = 0;
    for word in text.split(|c: char| !wordish(c)) {
        let (mut letters, mut groups, mut in_vowels) = (0, 0, false);
        let (mut eligible, mut stressed) = (true, false);
        for (i, c) in word.chars().enumerate() {
            letters += 1;
            let lower = c.to_lowercase().next().unwrap_or(c);
            eligible &= script(c) == Script::Greek && (i == 0 || c.is_lowercase());
            stressed |= TONOS.contains(&lower) || matches!(lower, 'ΐ' | 'ΰ');
            let vowel = "αεηιουωάέήίόύώϊϋΐΰ".contains(lower);
            groups += usize::from(vowel && !in_vowels);
            in_vowels = vowel;
        }
        if eligible && letters >= 3 && groups >= 2 && !stressed {
            count += 1;
        }
    }
    count
}

/// What the Greek words of `text` pay for being spelt as no Greek word
/// is: two stress marks where monotonic spelling allows one (see
/// [`greek_stress_misspelt`]: `θώλό`, `έλό`), a misplaced form each; two
/// consonants at the start that Greek never begins a word with (`κσ` is
/// written `ξ`, `πσ` is `ψ`: `Κσβεις`), a rare letter each, as names from
/// other languages begin so (`Τλίνγκιτ`). Cyrillic bytes of windows-1251
/// read as windows-1253 spell both.
fn misformed_greek_words(text: &str) -> i32 {
    text.split(|c: char| !wordish(c))
        .filter(|word| word.chars().all(|c| script(c) == Script::Greek))
        .map(|word| {
            let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
            let stresses = lower
                .iter()
                .filter(|c| TONOS.contains(c) || matches!(c, 'ΐ' | 'ΰ'))
                .count();
            let onset = match lower.as_slice() {
                [a, b, ..] if greek_consonant(*a) && greek_consonant(*b) => {
                    !GREEK_ONSETS.contains(&[*a, *b])
                }
                _ => false,
            };
            let overstressed = stresses >= 2 && greek_stress_misspelt(word, true, true);
            RARE_LETTER * i32::from(onset) + MISPLACED_FORM * i32::from(overstressed)
        })
        .sum()
}

/// The pairs of consonants that begin Greek words (`βλέπω`, `γκρεμός`,
/// `σφουγγάρι`, `τζάμι`, `χτες`).
#[rustfmt::skip]
const GREEK_ONSETS: &[[char; 2]] = &[
    ['β', 'γ'], ['β', 'δ'], ['β', 'λ'], ['β', 'ρ'], ['γ', 'δ'], ['γ', 'κ'],
    ['γ', 'λ'], ['γ', 'ν'], ['γ', 'ρ'], ['δ', 'ρ'], ['θ', 'λ'], ['θ', 'ν'],
    ['θ', 'ρ'], ['κ', 'λ'], ['κ', 'ν'], ['κ', 'ρ'], ['κ', 'τ'], ['μ', 'ν'],
    ['μ', 'π'], ['ν', 'τ'], ['π', 'λ'], ['π', 'ν'], ['π', 'ρ'], ['π', 'τ'],
    ['σ', 'β'], ['σ', 'γ'], ['σ', 'θ'], ['σ', 'κ'], ['σ', 'λ'], ['σ', 'μ'],
    ['σ', 'ν'], ['σ', 'π'], ['σ', 'τ'], ['σ', 'φ'], ['σ', 'χ'], ['τ', 'ζ'],
    ['τ', 'μ'], ['τ', 'ρ'], ['τ', 'σ'], ['φ', 'θ'], ['φ', 'λ'], ['φ', 'ρ'],
    ['φ', 'τ'], ['χ', 'θ'], ['χ', 'λ'], ['χ', 'ν'], ['χ', 'ρ'], ['χ', 'τ'],
];

/// Hebrew's vowel points: sheva to qubuts, holam haser for vav, and qamats
/// qatan.
fn hebrew_vowel(c: char) -> bool {
    matches!(c, '\u{05B0}'..='\u{05BB}' | '\u{05C7}')
}

/// Lowercase Cyrillic and Greek words of three letters or more without a
/// vowel: Hebrew, written without its vowels, reads so in windows-1251
/// (`тшб` for `ערב`). Uppercase ones are abbreviations.
fn vowelless_words(text: &str) -> i32 {
    let mut count = 0;
    for word in text.split(|c: char| !wordish(c)) {
        let mut letters = 0;
        let mut vowel = false;
        let mut eligible = true;
        for c in word.chars() {
            letters += 1;
            eligible &= c.is_lowercase() && matches!(script(c), Script::Cyrillic | Script::Greek);
            vowel |= VOWELS.contains(c);
        }
        if eligible && letters >= 3 && !vowel {
            count += 1;
        }
    }
    count
}

/// Whether a Thai mark may follow `prev`: a vowel sign above or below, or
/// the mark that shortens a vowel, sits on a consonant; a tone mark or
/// another sign above sits on a consonant or on a vowel sign above or
/// below it.
fn thai_mark_fits(prev: Option<char>, mark: char) -> bool {
    let Some(p) = prev else { return false };
    let consonant = ('ก'..='ฮ').contains(&p);
    match mark {
        '\u{0E48}'..='\u{0E4E}' => consonant || matches!(p, '\u{0E31}' | '\u{0E34}'..='\u{0E39}'),
        _ => consonant,
    }
}

fn greek_consonant(lower: char) -> bool {
    matches!(
        lower,
        'β' | 'γ'
            | 'δ'
            | 'ζ'
            | 'θ'
            | 'κ'
            | 'λ'
            | 'μ'
            | 'ν'
            | 'ξ'
            | 'π'
            | 'ρ'
            | 'σ'
            | 'τ'
            | 'φ'
            | 'χ'
            | 'ψ'
    )
}

#[cfg(test)]
mod tests {
    use super::{
        alphabets, cost, cyrillic_alphabet_fits, latin_alphabet_fits, latin_beyond_ascii,
        misformed_greek_words, thai_rarity_excess, LATIN_ALPHABETS,
    };

    /// Greek begins words with a few pairs of consonants and stresses a
    /// word once; windows-1251's Cyrillic read as windows-1253 does
    /// neither (`Κσβεις` for `Кувейт`, `θώλό` for `июль`).
    #[test]
    fn greek_words_are_spelt_as_greek() {
        for text in [
            "Καλημέρα σας",
            "ψωμί και κρασί",
            "ο στρατός στη γέφυρα",
            "γκρεμός, μπροστά, ντροπή, τζάμι, χτες",
            "ο άνθρωπός μου",
        ] {
            assert_eq!(misformed_greek_words(text), 0, "{text}");
        }
        for text in ["Κσβεις", "θώλό", "έλό-ΐών"] {
            assert!(misformed_greek_words(text) > 0, "{text}");
        }
    }

    /// Thai text spends its letters as Thai does; other bytes read as
    /// windows-874 land on the rare ones (GBK's `埃德蒙顿`, `乌兰巴托`).
    #[test]
    fn thai_letters_rarer_than_thai_are_another_codec_s() {
        for text in [
            "สวัสดีครับ ยินดีที่ได้รู้จัก",
            "วันนี้ฝนตกหนักมาก",
            "ร้านกาแฟเปิดแปดโมงเช้า",
            "ขอบคุณมากครับ",
        ] {
            assert_eq!(thai_rarity_excess(text), 0, "{text}");
        }
        for text in ["ฐฃตยรษถู", "ฮฺภผฐออะ"] {
            assert!(thai_rarity_excess(text) > 0, "{text}");
        }
    }

    #[test]
    fn latin_letters_beyond_ascii_are_unicode_s_alphabetic() {
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{10000}']) {
            let naive =
                matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic();
            assert_eq!(latin_beyond_ascii(c), naive, "{c:?}");
        }
    }

    #[test]
    fn cyrillic_letters_of_one_alphabet() {
        // Russian, Ukrainian, Serbian and Macedonian words fit theirs.
        for word in ["съёмка", "їжак", "ђурђевак", "ѕвезда", "щастя", "ўсё"]
        {
            assert_eq!(cyrillic_alphabet_fits(word.chars()), Some(true), "{word}");
        }
        // Basic letters alone say nothing; windows-1251's spelling of
        // UTF-8 mixes alphabets.
        assert_eq!(cyrillic_alphabet_fits("страна".chars()), None);
        assert_eq!(cyrillic_alphabet_fits("Армения".chars()), Some(true));
        assert_eq!(cyrillic_alphabet_fits("ФІХЎЦЂЦ".chars()), Some(false));
        assert_eq!(cyrillic_alphabet_fits("ФјХЎХЈХё".chars()), Some(false));
    }

    #[test]
    fn alphabet_bits_are_the_alphabets_letters() {
        let vietnamese = |c: char| {
            "àáâãèéêìíòóôõùúýăđĩũơư".contains(c) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        };
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{10000}']) {
            let mut naive = 0u32;
            for (k, alphabet) in LATIN_ALPHABETS.iter().enumerate() {
                naive |= u32::from(alphabet.contains(c)) << k;
            }
            naive |= u32::from(vietnamese(c)) << LATIN_ALPHABETS.len();
            assert_eq!(alphabets(c), naive, "{c:?}");
        }
    }

    #[test]
    fn one_language_s_letters() {
        let fits = |t: &str| latin_alphabet_fits(t.chars());
        assert_eq!(fits("Vi så en bjørn på fjellet"), Some(true));
        assert_eq!(fits("Hørte du, at Østerbro har füet"), Some(false));
        assert_eq!(fits("plain ASCII"), None);
        assert_eq!(fits("Xin chào! Tôi muốn đặt bàn"), Some(true));
        assert_eq!(fits("Zażółć gęślą jaźń"), Some(true));
        assert_eq!(fits("naïve café"), Some(true));
        assert_eq!(fits("İstanbul'da güzel bir gün"), Some(true));
        // A UTF-8 repair under ISO-8859-2, not windows-1250, is the one
        // in Norwegian letters (`å` where windows-1250 reads `ü`).
        assert_eq!(
            crate::fix_mojibake("Vi sĂĽ en bjĂ¸rn pĂĽ fjellet"),
            "Vi så en bjørn på fjellet"
        );
    }

    #[test]
    fn clean_text_of_each_script_has_no_faults() {
        for clean in [
            "Τι κάνεις σήμερα;",
            "Καλημέρα σε όλους",
            "ΑΘΗΝΑ",
            "שלום עולם",
            "מה שלומך?",
            "صباح الخير",
            "مَرْحَبًا",
            "สวัสดีครับ",
            "เมืองไทย",
            "Привет, как дела?",
            "объявление",
        ] {
            assert!(cost(clean) <= 0, "{clean}: {}", cost(clean));
        }
    }

    #[test]
    fn other_scripts_readings_break_rules() {
        // Arabic bytes as Hebrew: points with no letter.
        assert!(cost("ױַָֽ ַב־םׁ") > 0);
        // Hebrew bytes as Greek: a word ending in `δ`.
        assert!(cost("ϊεγδ ψαδ") > 0);
        // Hebrew bytes as Cyrillic: a word starting with `ъ`.
        assert!(cost("ъегд") > 0);
        // Hebrew bytes as Cyrillic: a word with no vowel.
        assert!(cost("тшб иеб") > 0);
        // Russian read twice through the wrong code page: few vowels.
        assert!(cost("Тфкжрп, окф!") > 0);
        assert_eq!(cost("Привет, мир! Температура"), 0);
        assert_eq!(cost("ТШБ иеб"), 0);
        // Thai leading vowels with no consonant after them.
        assert!(cost("๚ๅใไ") > 0);
        // Thai digits glued to letters.
        assert!(cost("ฐบค๘") > 0);
        assert!(cost("ราคา ๕๙ บาท") <= 0);
        // A tone mark after a vowel that stands beside a consonant.
        assert!(cost("กา่") > 0);
        assert!(cost("อฮยฮัาศ") > 0);
        assert!(cost("น้ำพริก ผู้ใหญ่ ที่นี่") < 0);
    }

    #[test]
    fn greek_words_carry_their_stress_and_hebrew_letters_one_vowel() {
        // Russian `Привет` read as Greek: two syllables, no stress mark.
        assert!(cost("Οπθβες") > 0);
        // One syllable (`εια`, `ου` are one sound), capitals, or a stress
        // mark: clean.
        assert!(cost("Γεια σου") <= 0);
        assert!(cost("ΚΑΛΗΜΕΡΑ ΕΛΛΑΔΑ") <= 0);
        assert!(cost("Έκπτωση στα βιβλία") <= 0);
        // Arabic `مرحبا` read as Hebrew: four vowel points on one letter.
        assert!(cost("דַָֽׁ") > 0);
        assert!(cost("שָׁלוֹם") <= 0);
    }

    #[test]
    fn final_forms_are_evidence() {
        assert!(cost("שלום עולם") < 0);
        assert!(cost("κάνεις") < 0);
        assert_eq!(cost("щмен темн"), 0);
        // A final form inside a word, a medial one at the end.
        assert!(cost("שםלו") > 0);
        assert!(cost("שלומ") > 0);
        assert!(cost("κάςνει") > 0);
        // No evidence from a word that mixes scripts.
        assert_eq!(cost("abcdυδφό"), 0);
    }
}
