// The character classes of the plausibility model and the reference
// classifier that defines them.
//
// This file is shared, via `#[path]`, by the crate and by the `xtask`
// generator: the generator runs `class_of` over every BMP code point to build
// the lookup table in `class_table.rs`, and the crate's tests run it again to
// check that table. Keeping the definition in one place is what makes the
// generated table reviewable.

/// ASCII space, tab, newline, carriage return, and the other Unicode spaces.
pub const SPACE: u8 = 0;
/// ASCII digits `0`–`9`.
pub const DIGIT: u8 = 1;
/// ASCII `a`–`z`.
pub const LOWER: u8 = 2;
/// ASCII `A`–`Z`.
pub const UPPER: u8 = 3;
/// ASCII punctuation that ends or separates words: `.,;:!?'"()[]{}-/_@#%&*\`.
pub const PUNCT: u8 = 4;
/// ASCII symbols `$+<=>^`|~`.
pub const SYMBOL: u8 = 5;
/// C0 controls other than tab, newline and carriage return, and DEL.
pub const CONTROL: u8 = 6;
/// C1 controls, U+0080–U+009F: almost always a windows-1252 byte decoded as Latin-1.
pub const C1: u8 = 7;
/// U+00A0 NO-BREAK SPACE.
pub const NBSP: u8 = 8;
/// Latin-1 symbols that real text uses: `¡¢£¥§©«°±²³µ¶·¹º»¼½¾¿×÷`.
pub const L1_SYMBOL: u8 = 9;
/// Latin-1 symbols that real text almost never uses: `¤¦¨ª¬­¯´¸`.
pub const L1_ODD: u8 = 10;
/// Lowercase Latin letters beyond ASCII that living languages use.
pub const LATIN_LOWER: u8 = 11;
/// Uppercase Latin letters beyond ASCII that living languages use.
pub const LATIN_UPPER: u8 = 12;
/// The Latin-1 capitals `Ã` and `Â`, the commonest UTF-8 lead bytes seen
/// through windows-1252; real but rare in text.
pub const LATIN_LEAD: u8 = 13;
/// Rare Latin letters: IPA, phonetic extensions, obsolete and
/// African-orthography letters.
pub const LATIN_RARE: u8 = 14;
/// Spacing modifier letters and accents (`ˆ˜ˇ˘˙˚˛˝ʼ`).
pub const MODIFIER: u8 = 15;
/// Combining marks.
pub const COMBINING: u8 = 16;
/// Greek capitals.
pub const GREEK_UPPER: u8 = 17;
/// Greek small letters.
pub const GREEK_LOWER: u8 = 18;
/// Cyrillic capitals of living languages.
pub const CYR_UPPER: u8 = 19;
/// Cyrillic small letters of living languages.
pub const CYR_LOWER: u8 = 20;
/// Archaic and extended Cyrillic letters.
pub const CYR_RARE: u8 = 21;
/// Armenian letters.
pub const ARMENIAN: u8 = 22;
/// Hebrew letters and points.
pub const HEBREW: u8 = 23;
/// Arabic letters, digits and marks (including Persian and Urdu forms).
pub const ARABIC: u8 = 24;
/// Devanagari; the other Indic scripts have a class each, as their letters
/// never share a word.
pub const INDIC: u8 = 25;
/// Thai and Lao.
pub const THAI: u8 = 26;
/// Georgian.
pub const GEORGIAN: u8 = 27;
/// Letters of other scripts (Syriac, Thaana, Ethiopic, Cherokee, …).
pub const OTHER_LETTER: u8 = 28;
/// CJK unified ideographs and compatibility ideographs.
pub const HAN: u8 = 29;
/// Hiragana.
pub const HIRAGANA: u8 = 30;
/// Full-width katakana.
pub const KATAKANA: u8 = 31;
/// Half-width katakana, U+FF61–U+FF9F.
pub const HALF_KANA: u8 = 32;
/// Hangul syllables and jamo.
pub const HANGUL: u8 = 33;
/// CJK symbols and punctuation, U+3000–U+303F, and Bopomofo.
pub const CJK_PUNCT: u8 = 34;
/// Full-width ASCII variants and full-width signs.
pub const FULLWIDTH: u8 = 35;
/// General punctuation: dashes, curly quotes, bullets, ellipsis, `‰`, `‹›`.
pub const GEN_PUNCT: u8 = 36;
/// Currency signs of U+20A0–U+20CF (`€₽₪`).
pub const CURRENCY: u8 = 37;
/// Letterlike symbols and number forms (`™№℃Ω⅓`), and `®`.
pub const LETTERLIKE: u8 = 38;
/// Arrows, mathematical operators, technical symbols.
pub const MATH: u8 = 39;
/// Box drawing, block elements (`─│┌╔░▓█`).
pub const BOX: u8 = 40;
/// Geometric shapes, miscellaneous symbols and dingbats (`■◊☺♫✔`).
pub const DINGBAT: u8 = 41;
/// Emoji and other supplementary-plane pictographs.
pub const EMOJI: u8 = 42;
/// Invisible format characters: zero-width joiners, bidi marks, variation selectors.
pub const FORMAT: u8 = 43;
/// Private use characters.
pub const PRIVATE: u8 = 44;
/// U+FFFD REPLACEMENT CHARACTER.
pub const REPLACEMENT: u8 = 45;
/// Noncharacters, surrogates' neighbours and specials that no text should hold.
pub const NONCHAR: u8 = 46;
/// Alphabetic presentation forms: Latin ligatures (`ﬁﬂ`), Hebrew and Arabic forms.
pub const PRESENTATION: u8 = 47;
/// Digits of other scripts and other numbers.
pub const OTHER_DIGIT: u8 = 48;
/// Anything else: other symbols and punctuation.
pub const OTHER: u8 = 49;

/// Curly quotes and apostrophes, U+2018–U+201F.
pub const QUOTE: u8 = 50;

/// Rare ideographs: CJK extensions A and beyond, compatibility ideographs,
/// radicals and kanbun marks.
pub const HAN_RARE: u8 = 51;
/// Code points that running text essentially never holds: phonetic
/// extensions and the like.
pub const EXOTIC: u8 = 52;
/// Latin letters of small orthographies (Latvian cedillas, Maltese dots,
/// Esperanto circumflexes, Sami, Greenlandic): real, but rarely seen.
pub const LATIN_MID: u8 = 53;

/// The right single quotation mark `’`, which is mostly an apostrophe.
pub const APOSTROPHE: u8 = 54;

/// The low-9 quotes `‚` and `„`, which only ever open a quotation.
pub const LOW_QUOTE: u8 = 55;

/// Unified ideographs outside the frequent sets of the national standards
/// (GB2312 level 1, Big5's frequent block, JIS X 0208 level 1): real, in
/// names and literary text, but a fraction of what running text uses.
/// Assigned by the generator, which knows those sets; `class_of` says `HAN`.
pub const HAN_MID: u8 = 56;
/// Hangul syllables outside KS X 1001's 2,350: the generator assigns this;
/// `class_of` says `HANGUL`.
pub const HANGUL_RARE: u8 = 57;

/// Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam
/// and Sinhala, in the order of their blocks after Devanagari's: UTF-8 read
/// as a single-byte code page spells letters of two of them side by side
/// (`஧ਢ`), which no word does.
pub const BENGALI: u8 = 58;
pub const GURMUKHI: u8 = 59;
pub const GUJARATI: u8 = 60;
pub const ORIYA: u8 = 61;
pub const TAMIL: u8 = 62;
pub const TELUGU: u8 = 63;
pub const KANNADA: u8 = 64;
pub const MALAYALAM: u8 = 65;
pub const SINHALA: u8 = 66;

/// Bopomofo (zhuyin): phonetic letters for teaching and annotating
/// Mandarin, seldom in running text, and what GBK's full-width punctuation
/// read as Big5 comes out as (`，` is `ㄛ`).
pub const BOPOMOFO: u8 = 67;

/// The right double quotation mark `”`, which closes a quotation (and a
/// word goes on after it only as mojibake goes on: `Î”x` for `Δx`).
pub const CLOSE_QUOTE: u8 = 68;

/// Number of classes; the cost tables are indexed `0..COUNT`.
pub const COUNT: usize = 69;

/// The reference classifier. Slow (a cascade of range tests); the crate uses
/// the generated table and a test checks that both agree.
pub fn class_of(c: char) -> u8 {
    let u = c as u32;
    match u {
        0x09 | 0x0A | 0x0D | 0x20 => SPACE,
        0x00..=0x1F | 0x7F => CONTROL,
        0x30..=0x39 => DIGIT,
        0x61..=0x7A => LOWER,
        0x41..=0x5A => UPPER,
        0x24 | 0x2B | 0x3C..=0x3E | 0x5E | 0x60 | 0x7C | 0x7E => SYMBOL,
        0x21..=0x7E => PUNCT,
        0x80..=0x9F => C1,
        0xA0 => NBSP,
        0xA4 | 0xA6 | 0xA8 | 0xAA | 0xAC | 0xAD | 0xAF | 0xB4 | 0xB8 => L1_ODD,
        // `®` goes with `™`: marks that follow brand names.
        0xAE => LETTERLIKE,
        0xA1..=0xBF | 0xD7 | 0xF7 => L1_SYMBOL,
        0xC2 | 0xC3 => LATIN_LEAD,
        0xC0..=0xFF => latin_case(c),
        // Maltese ċ ġ ħ: real, but the likeliest wrong readings of `Ä`
        // before a no-break space and of `Ä¦`.
        0x10A | 0x10B | 0x120 | 0x121 | 0x126 | 0x127 => LATIN_RARE,
        // Letters out of use: the long s (`ſ`, gone from print for a
        // century and more, and what `┼┐` spells in cp437), Greenlandic
        // kra, the deprecated `ŉ`.
        0x138 | 0x149 | 0x17F => EXOTIC,
        // Latin Extended-A letters of small orthographies.
        0x108..=0x10B
        | 0x11C
        | 0x11D
        | 0x120..=0x127
        | 0x12C
        | 0x12D
        | 0x132..=0x138
        | 0x13B
        | 0x13C
        | 0x13F
        | 0x140
        | 0x145
        | 0x146
        | 0x156
        | 0x157
        | 0x15C
        | 0x15D
        | 0x166
        | 0x167
        | 0x16C
        | 0x16D => LATIN_MID,
        // The rest of Latin Extended-A: letters of major living languages.
        0x100..=0x17F => latin_case(c),
        // Latin Extended-B: the letters of living orthographies (Vietnamese
        // ơ ư, Romanian ș ț, pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, digraphs ǅ ǆ ǈ ǉ ǋ ǌ,
        // ǵ, ȁ…) count as ordinary letters; the rest are rare.
        0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1C4..=0x1DC | 0x1F4 | 0x1F5 | 0x218..=0x21B => {
            latin_case(c)
        }
        // The letters of African orthographies (Akan, Ewe, Lingala, Hausa,
        // Fula): ɛ ɔ ɖ ɣ ʋ ɓ ɗ ƙ ƴ ǝ and their capitals (`ƒ` stays rare: it
        // is Mac Roman's C4, `Veƒçer` for `Večer`; and `ɲ`, whose UTF-8 is
        // `É²`, a French capital before a footnote mark).
        0x181
        | 0x186
        | 0x189
        | 0x18A
        | 0x18E
        | 0x190
        | 0x194
        | 0x198
        | 0x199
        | 0x1B2..=0x1B4
        | 0x1DD
        | 0x253
        | 0x254
        | 0x256
        | 0x257
        | 0x25B
        | 0x263
        | 0x28B => latin_case(c),
        0x180..=0x24F => LATIN_RARE,
        0x250..=0x2AF => LATIN_RARE,
        // The ʻokina and the glottal stop that Hawaiian, Tongan, Uzbek and
        // Hausa write as letters.
        0x2BB | 0x2BC => APOSTROPHE,
        0x2B0..=0x2FF => MODIFIER,
        0x300..=0x36F => COMBINING,
        0x370..=0x3FF => greek(c),
        0x400..=0x45F => {
            if c.is_uppercase() {
                CYR_UPPER
            } else {
                CYR_LOWER
            }
        }
        // Ukrainian ґ Ґ.
        0x490 | 0x491 => {
            if c.is_uppercase() {
                CYR_UPPER
            } else {
                CYR_LOWER
            }
        }
        0x460..=0x52F => CYR_RARE,
        0x530..=0x58F => ARMENIAN,
        0x591..=0x5FF => HEBREW,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF => ARABIC,
        0x700..=0x74F | 0x780..=0x7BF | 0x7C0..=0x8FF => OTHER_LETTER,
        0x900..=0x97F => INDIC,
        0x980..=0xDFF => BENGALI + ((u - 0x980) / 0x80) as u8,
        0xE00..=0xE7F => THAI,
        // Lao: its own script, not Thai (Thai read as windows-874 spells its
        // vowel signs as UTF-8).
        0xE80..=0xEFF => OTHER_LETTER,
        0xF00..=0x10FF => OTHER_LETTER,
        0x1100..=0x11FF => HANGUL,
        0x1200..=0x1CFF => OTHER_LETTER,
        0x1D00..=0x1DBF => EXOTIC,
        0x1DC0..=0x1DFF => COMBINING,
        // Latin Extended Additional: Vietnamese, and the dotted and
        // underdotted letters of Welsh, Irish, Yoruba, Venda, Livonian
        // and transliteration, are ordinary letters; the rest of the
        // block is what three letters of a code page spell by chance
        // (Czech `ášť` is the UTF-8 of `ṻ` read as ISO-8859-2).
        0x1E02
        | 0x1E03
        | 0x1E0A..=0x1E13
        | 0x1E1E
        | 0x1E1F
        | 0x1E24
        | 0x1E25
        | 0x1E36
        | 0x1E37
        | 0x1E3C..=0x1E47
        | 0x1E4A
        | 0x1E4B
        | 0x1E56
        | 0x1E57
        | 0x1E5A
        | 0x1E5B
        | 0x1E60..=0x1E63
        | 0x1E6A..=0x1E6D
        | 0x1E70
        | 0x1E71
        | 0x1E80..=0x1E85
        | 0x1E92
        | 0x1E93
        | 0x1E9E
        | 0x1EA0..=0x1EFF => latin_case(c),
        0x1E00..=0x1E9F => LATIN_MID,
        0x1F00..=0x1FFF => greek(c),
        0x2000..=0x200A | 0x205F => SPACE,
        0x200B..=0x200F | 0x2028..=0x202F | 0x2060..=0x206F => FORMAT,
        0x2019 => APOSTROPHE,
        0x201A | 0x201E => LOW_QUOTE,
        0x201D => CLOSE_QUOTE,
        0x2018..=0x201F => QUOTE,
        0x2010..=0x2027 | 0x2030..=0x205E => GEN_PUNCT,
        0x2070..=0x209F => OTHER_DIGIT,
        0x20A0..=0x20CF => CURRENCY,
        0x20D0..=0x20FF => COMBINING,
        0x2100..=0x218F => LETTERLIKE,
        0x2190..=0x23FF => MATH,
        0x2400..=0x24FF => OTHER,
        0x2500..=0x259F => BOX,
        0x25A0..=0x27BF => DINGBAT,
        0x27C0..=0x27FF | 0x2900..=0x2AFF => MATH,
        // Braille patterns and the miscellaneous arrows: rare in text, and
        // what Cyrillic read as IBM866 or KOI8 spells as UTF-8 (`тоо` is
        // E2 AE AE under IBM866). Their few emoji are emoji.
        // The blank pattern pads posts as an invisible space.
        0x2800 => SPACE,
        0x2801..=0x28FF => EXOTIC,
        0x2B05..=0x2B07 | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 => EMOJI,
        0x2B00..=0x2BFF => EXOTIC,
        0x2C00..=0x2E7F => OTHER_LETTER,
        0x2E80..=0x2FDF => HAN_RARE,
        0x3000 => SPACE,
        0x3001..=0x303F => CJK_PUNCT,
        0x3100..=0x312F | 0x31A0..=0x31BF => BOPOMOFO,
        0x3040..=0x309F => HIRAGANA,
        0x30A0..=0x30FF | 0x31F0..=0x31FF => KATAKANA,
        // Compatibility jamo stand alone only in chat (ㅋㅋ) and in EUC-KR
        // decodings of other codecs' bytes (its row A4).
        0x3130..=0x318F => HANGUL_RARE,
        0x3190..=0x319F => HAN_RARE,
        0x31C0..=0x31EF => CJK_PUNCT,
        // Enclosed CJK letters and compatibility squares (㈱, ㎡): symbols,
        // and what clean Chinese read as UTF-8 by chance spells.
        0x3200..=0x33FF => LETTERLIKE,
        0x3400..=0x4DBF => HAN_RARE,
        0x4E00..=0x9FFF => HAN,
        0x4DC0..=0x4DFF => OTHER,
        0xA000..=0xABFF => OTHER_LETTER,
        0xAC00..=0xD7AF => HANGUL,
        0xD7B0..=0xD7FF => HANGUL,
        0xE000..=0xF8FF => PRIVATE,
        0xF900..=0xFAFF => HAN_RARE,
        0xFB00..=0xFDCF => PRESENTATION,
        0xFDD0..=0xFDEF => NONCHAR,
        0xFDF0..=0xFDFF => PRESENTATION,
        0xFE00..=0xFE0F => FORMAT,
        0xFE10..=0xFE6F => CJK_PUNCT,
        0xFE70..=0xFEFE => PRESENTATION,
        0xFEFF => FORMAT,
        0xFF01..=0xFF60 | 0xFFE0..=0xFFEE => FULLWIDTH,
        0xFF61..=0xFF64 => CJK_PUNCT,
        0xFF65..=0xFF9F => HALF_KANA,
        0xFFA0..=0xFFDC => HANGUL,
        0xFFFD => REPLACEMENT,
        0xFFF0..=0xFFFF => NONCHAR,
        // Historic scripts of the supplementary planes: no running text
        // holds them, while 4-byte mojibake decodes into them readily.
        0x10000..=0x1D3FF => EXOTIC,
        0x1D400..=0x1D7FF => OTHER_LETTER,
        0x1D800..=0x1EFFF => EXOTIC,
        0x1F000..=0x1FAFF => EMOJI,
        0x20000..=0x3FFFF => HAN_RARE,
        // Planes 4 to 13 hold no characters at all.
        0x40000..=0xDFFFF => NONCHAR,
        0xE0000..=0xE007F => FORMAT,
        0xE0100..=0xE01EF => FORMAT,
        0xF0000..=0x10FFFF => PRIVATE,
        _ if (u & 0xFFFE) == 0xFFFE => NONCHAR,
        _ => OTHER,
    }
}

fn latin_case(c: char) -> u8 {
    if c.is_uppercase() || (c as u32 >= 0x1C4 && c as u32 <= 0x1CC && !c.is_lowercase()) {
        LATIN_UPPER
    } else if c.is_alphabetic() {
        LATIN_LOWER
    } else {
        L1_SYMBOL
    }
}

fn greek(c: char) -> u8 {
    let u = c as u32;
    if !(0x386..=0x3CE).contains(&u) && !(0x1F00..=0x1FFF).contains(&u) {
        // Coptic, archaic letters, and Greek signs.
        return if c.is_alphabetic() {
            OTHER_LETTER
        } else {
            OTHER
        };
    }
    if c.is_uppercase() {
        GREEK_UPPER
    } else if c.is_alphabetic() {
        GREEK_LOWER
    } else {
        OTHER
    }
}
