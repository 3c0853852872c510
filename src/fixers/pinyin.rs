//! Pinyin that a simplified-to-traditional converter left in the text.
//!
//! Some converters annotate the characters whose simplified and traditional
//! forms differ with their reading, and some pages publish that output as
//! it is: `協(xié)同發(fā)展` for `協同發展`. The annotation is always one
//! Han character, an ASCII `(`, one lowercase pinyin syllable with its tone
//! mark and `)`, with nothing in between. Texts that gloss a reading on
//! purpose look different: a space before the parenthesis, a capital, a
//! whole word in one parenthesis, or a single gloss in a whole text.

use std::borrow::Cow;

use super::rewrite::rewrite;

/// Removes pinyin annotations after Han characters: `網(wǎng)` → `網`.
///
/// An annotation is a Han character immediately followed by `(`, one
/// lowercase pinyin syllable that carries exactly one tone mark, where
/// pinyin puts it, and `)`; the Han character stays and the rest goes.
/// Only ASCII parentheses are read: converters write those, while the
/// fullwidth `（ ）` are the ordinary parentheses of Chinese prose.
///
/// This removes every annotation, even a single deliberate one such as
/// `瑟(sè)`; ask [`has_pinyin_annotations`] first whether the text shows the
/// converter's pattern. Not part of ftfy.
///
/// ```
/// use unmojibake::fixers::remove_pinyin_annotations;
///
/// assert_eq!(remove_pinyin_annotations("推進協(xié)同發(fā)展"), "推進協同發展");
/// // A space, a capital or two syllables: a gloss someone meant.
/// assert_eq!(remove_pinyin_annotations("北京(Běijīng)"), "北京(Běijīng)");
/// assert_eq!(remove_pinyin_annotations("中国 (zhōng)"), "中国 (zhōng)");
/// ```
pub fn remove_pinyin_annotations(text: &str) -> Cow<'_, str> {
    rewrite(
        text,
        |b| b == b'(',
        |rest| {
            // `rest` is a suffix of `text`, so its start is known.
            let at = text.len() - rest.len();
            text[..at].chars().next_back().filter(|&c| is_han(c))?;
            annotation_len(rest).map(|len| (len, "".into()))
        },
    )
}

/// Whether `text` shows the pattern that [`remove_pinyin_annotations`]
/// undoes, repeated the way a converter repeats it.
///
/// The text must hold at least three annotations; some Han character must
/// carry the same annotation at least twice, since a converter annotates a
/// word wherever it occurs while a glossary or a footnote glosses each
/// character once; and at most half of the Han characters may be annotated,
/// since a text with a reading over every character is a primer, not a
/// converter's slip. Ask this of a whole document, not of each line: the
/// title of a converted page may hold a single annotation. A missed repair
/// is preferred to a false one, so a short converted text with three
/// different annotations is left alone.
///
/// ```
/// use unmojibake::fixers::has_pinyin_annotations;
///
/// assert!(has_pinyin_annotations("協(xié)同發(fā)展是大事，推進協(xié)同發(fā)展"));
/// assert!(!has_pinyin_annotations("錦瑟(sè)無端五十弦"));
/// ```
pub fn has_pinyin_annotations(text: &str) -> bool {
    const MIN_ANNOTATIONS: usize = 3;
    const MIN_REPEATS: usize = 2;

    // An annotation opens with `(` right after a Han character: most text
    // has few parentheses, found by a byte search.
    let mut annotations: Vec<(char, &str)> = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('(') {
        let at = from + i;
        let after_han = text[..at].chars().next_back().filter(|&c| is_han(c));
        if let (Some(h), Some(len)) = (after_han, annotation_len(&text[at..])) {
            annotations.push((h, &text[at..at + len]));
        }
        from = at + 1;
    }
    if annotations.len() < MIN_ANNOTATIONS {
        return false;
    }
    let han = text.chars().filter(|&c| is_han(c)).count();
    if annotations.len() * 2 > han {
        return false;
    }
    annotations.sort_unstable();
    annotations
        .chunk_by(|a, b| a == b)
        .any(|same| same.len() >= MIN_REPEATS)
}

/// The length in bytes of the `(syllable)` that `rest` starts with, if it
/// is a pinyin annotation.
fn annotation_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('(')?;
    // The longest syllables (`zhuang`) have six letters of at most two
    // bytes; looking no further keeps a text full of `(` linear.
    let close = inner.bytes().take(13).position(|b| b == b')')?;
    is_toned_syllable(&inner[..close]).then_some(close + 2)
}

/// Whether `s` is one lowercase pinyin syllable with one tone mark on the
/// vowel that pinyin's rules put it on.
fn is_toned_syllable(s: &str) -> bool {
    // The letters without tone marks, `ü` written `v` as pinyin keyboards
    // do, so that the syllable is ASCII and can be matched as a `&str`.
    let mut letters = [0u8; 6];
    let mut len = 0;
    let mut toned = None;
    for c in s.chars() {
        let (letter, tone) = match c {
            'a'..='z' if c != 'v' => (c as u8, false),
            'ü' => (b'v', false),
            'ā' | 'á' | 'ǎ' | 'à' => (b'a', true),
            'ē' | 'é' | 'ě' | 'è' => (b'e', true),
            'ī' | 'í' | 'ǐ' | 'ì' => (b'i', true),
            'ō' | 'ó' | 'ǒ' | 'ò' => (b'o', true),
            'ū' | 'ú' | 'ǔ' | 'ù' => (b'u', true),
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => (b'v', true),
            _ => return false,
        };
        if len == letters.len() || (tone && toned.is_some()) {
            return false;
        }
        if tone {
            toned = Some(len);
        }
        letters[len] = letter;
        len += 1;
    }
    let letters = &letters[..len];
    toned == Some(tone_position(letters)) && is_syllable(letters)
}

/// Where pinyin puts the tone mark: on `a` or `e` if there is one, on the
/// `o` of `ou`, and otherwise on the last vowel (`guī`, `liù`).
fn tone_position(letters: &[u8]) -> usize {
    let find = |v: u8| letters.iter().position(|&b| b == v);
    find(b'a')
        .or_else(|| find(b'e'))
        .or_else(|| letters.windows(2).position(|w| w == b"ou"))
        .or_else(|| letters.iter().rposition(|b| b"iouv".contains(b)))
        .unwrap_or(usize::MAX)
}

/// Whether `letters` (toneless, `ü` as `v`) is an initial followed by a
/// final that pinyin allows after it.
fn is_syllable(letters: &[u8]) -> bool {
    // The finals each group of initials combines with; `ü` is written `u`
    // after j, q, x and y, and `v` here only after n and l.
    const NONE: &[&[u8]] = &[
        b"a", b"o", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"er",
    ];
    const LABIAL: &[&[u8]] = &[
        b"a", b"o", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"i", b"ie",
        b"iao", b"iu", b"ian", b"in", b"ing", b"u",
    ];
    const ALVEOLAR: &[&[u8]] = &[
        b"a", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"ong", b"i", b"ia",
        b"ie", b"iao", b"iu", b"ian", b"in", b"iang", b"ing", b"u", b"uo", b"ui", b"uan", b"un",
        b"v", b"ve",
    ];
    const VELAR: &[&[u8]] = &[
        b"a", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"ong", b"u", b"ua",
        b"uo", b"uai", b"ui", b"uan", b"un", b"uang",
    ];
    const PALATAL: &[&[u8]] = &[
        b"i", b"ia", b"ie", b"iao", b"iu", b"ian", b"in", b"iang", b"ing", b"iong", b"u", b"ue",
        b"uan", b"un",
    ];
    const RETROFLEX: &[&[u8]] = &[
        b"a", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"ong", b"i", b"u",
        b"ua", b"uo", b"uai", b"ui", b"uan", b"un", b"uang",
    ];
    const DENTAL: &[&[u8]] = &[
        b"a", b"e", b"ai", b"ei", b"ao", b"ou", b"an", b"en", b"ang", b"eng", b"ong", b"i", b"u",
        b"uo", b"ui", b"uan", b"un",
    ];
    const Y: &[&[u8]] = &[
        b"a", b"e", b"ao", b"ou", b"an", b"ang", b"i", b"in", b"ing", b"ong", b"u", b"ue", b"uan",
        b"un",
    ];
    const W: &[&[u8]] = &[b"a", b"o", b"ai", b"ei", b"an", b"en", b"ang", b"eng", b"u"];

    let (initial, finals) = match letters {
        [b'z' | b'c' | b's', b'h', ..] => (2, RETROFLEX),
        [b'b' | b'p' | b'm' | b'f', ..] => (1, LABIAL),
        [b'd' | b't' | b'n' | b'l', ..] => (1, ALVEOLAR),
        [b'g' | b'k' | b'h', ..] => (1, VELAR),
        [b'j' | b'q' | b'x', ..] => (1, PALATAL),
        [b'r', ..] => (1, RETROFLEX),
        [b'z' | b'c' | b's', ..] => (1, DENTAL),
        [b'y', ..] => (1, Y),
        [b'w', ..] => (1, W),
        _ => (0, NONE),
    };
    finals.contains(&&letters[initial..])
}

/// Whether `c` is a CJK unified or compatibility ideograph.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, CLEAN};
    use super::*;
    use proptest::prelude::*;

    /// The detection as first written, one pass over every character.
    fn naive(text: &str) -> bool {
        let mut han = 0;
        let mut annotations: Vec<(char, &str)> = Vec::new();
        let mut previous_han = None;
        for (at, c) in text.char_indices() {
            if let Some(h) = previous_han.take() {
                if let Some(len) = annotation_len(&text[at..]) {
                    annotations.push((h, &text[at..at + len]));
                }
            }
            if is_han(c) {
                han += 1;
                previous_han = Some(c);
            }
        }
        if annotations.len() < 3 || annotations.len() * 2 > han {
            return false;
        }
        annotations.sort_unstable();
        annotations
            .chunk_by(|a, b| a == b)
            .any(|same| same.len() >= 2)
    }

    const PIECES: &[&str] = &[
        "網",
        "發",
        "展",
        "(wǎng)",
        "(fā)",
        "(zhǎn)",
        "(",
        ")",
        "(ab)",
        " ",
        "a",
        "，",
        "(sè)",
        "《",
        "中国 (Zhōngguó)",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn searching_the_parentheses_agrees_with_a_pass_over_all(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            prop_assert_eq!(has_pinyin_annotations(&text), naive(&text), "{:?}", text);
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        check(remove_pinyin_annotations, CLEAN, CLEAN);
        check(remove_pinyin_annotations, "", "");
        assert!(!has_pinyin_annotations(CLEAN));
    }

    #[test]
    fn removes_annotations() {
        check(remove_pinyin_annotations, "網(wǎng)", "網");
        check(
            remove_pinyin_annotations,
            "這個網(wǎng)站的產(chǎn)品質量很好。",
            "這個網站的產品質量很好。",
        );
        check(
            remove_pinyin_annotations,
            "區(qū)域綠(lǜ)化，女(nǚ)兒",
            "區域綠化，女兒",
        );
        check(
            remove_pinyin_annotations,
            "a (b) 廠(chǎng)(x)",
            "a (b) 廠(x)",
        );
        // Ideographs outside the basic block are Han characters too.
        check(remove_pinyin_annotations, "𠀀(qiū)豈(qǐ)", "𠀀豈");
    }

    #[test]
    fn leaves_glosses_and_other_parentheses() {
        for text in [
            "中国 (Zhōngguó) is a country.",
            "北京(Běijīng)是首都。",
            "北京(běijīng)是首都。",
            "他說嗎(ma)？",
            "要點(a)、(b)和(c)。",
            "函數f(x)在x(à)處",
            "瑟(sè",
            "瑟（sè）",
            "這裡(Fā)",
            "錯(fà )",
            "錯( fà)",
            "錯(fàà)",
            "錯(fāà)",
            "錯(fai)",
            "錯(fài2)",
            "錯(bùa)",
            "錯(jàn)",
            "錯(gí)",
            "錯(xǜ)",
            "錯(hǜ)",
            "錯(zhǐong)",
            "錯(zhuangg)",
            "錯(gúi)",
            "錯(lìu)",
        ] {
            check(remove_pinyin_annotations, text, text);
        }
        check(remove_pinyin_annotations, "對(guì)錯(gúi)", "對錯(gúi)");
    }

    #[test]
    fn many_open_parentheses() {
        let text = "中(".repeat(100_000);
        check(remove_pinyin_annotations, &text, &text);
        assert!(!has_pinyin_annotations(&text));
        let text = "發(fā)".repeat(10_000);
        assert_eq!(remove_pinyin_annotations(&text), "發".repeat(10_000));
    }

    #[test]
    fn syllables() {
        for s in [
            "ā", "ó", "ě", "ài", "ēi", "ào", "ōu", "àn", "ēn", "áng", "ěr", "bō", "mè", "fēng",
            "miù", "piāo", "diǎ", "liǎng", "nǚ", "lüè", "nóng", "guāng", "kuài", "huǐ", "jiǒng",
            "qù", "xuè", "jūn", "zhī", "chuáng", "shuǎ", "rùn", "zì", "cuò", "sōng", "yī", "yǔ",
            "yuè", "yōng", "wǒ", "wēng", "wǔ", "quán", "xiū", "nüè", "huái", "guí", "liú",
            "shuǎng",
        ] {
            assert!(is_toned_syllable(s), "{s}");
        }
        for s in [
            "", "a", "ma", "lü", "bǔa", "jǎn", "gí", "xǚ", "hǚ", "zhǐong", "zuǎ", "sāng2", "wī",
            "yǐa", "fǒng", "ǒng", "ān ", "gúi", "líu", "shùang", "Mā", "mǎm", "zhuàngg", "māā",
        ] {
            assert!(!is_toned_syllable(s), "{s}");
        }
    }

    #[test]
    fn repetition_rule() {
        // One gloss, three different ones (a glossary), every character
        // glossed (a primer): all meant.
        assert!(!has_pinyin_annotations(
            "錦瑟(sè)無端五十弦，一弦一柱思華年。"
        ));
        assert!(!has_pinyin_annotations(
            "生字：醍(tí)、醐(hú)、灌(guàn)，請朗讀三遍。"
        ));
        assert!(!has_pinyin_annotations(
            "我(wǒ)愛(ài)我(wǒ)家(jiā)，我(wǒ)愛(ài)媽(mā)媽"
        ));
        assert!(!has_pinyin_annotations(
            "北京(Běijīng)、北京(Běijīng)、北京(Běijīng)"
        ));
        // Two annotations, even repeated, are not yet a pattern.
        assert!(!has_pinyin_annotations("發(fā)展很快，發(fā)展很好。"));
        assert!(has_pinyin_annotations(
            "本網(wǎng)訊：新區發(fā)展迅速，產(chǎn)業發(fā)展加快，\
             全區經濟發(fā)展勢頭良好。"
        ));
    }

    /// The Traditional Chinese news page in which a converter left 213
    /// annotations, when the shared seed corpus is checked out beside the
    /// repository.
    #[test]
    fn seed_document() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seed/000_d2ed7689422571ad.txt");
        let Ok(seed) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is not there", path.display());
            return;
        };
        let (expected, count) = naive_removal(&seed);
        assert_eq!(count, 213);
        assert!(has_pinyin_annotations(&seed));
        let fixed = remove_pinyin_annotations(&seed);
        assert_eq!(fixed, expected);
        assert_eq!(naive_removal(&fixed).1, 0);
        assert_eq!(remove_pinyin_annotations(&fixed), fixed);
        assert!(!has_pinyin_annotations(&fixed));
        // The one parenthesis of the page that is prose stays.
        assert!(fixed.contains("。(河北日報記者四建磊、尹翠莉)"));
    }

    /// Removes every `(…)` after a Han character whose content is lowercase
    /// letters with at least one tone mark, without looking at the syllable,
    /// and counts them.
    fn naive_removal(text: &str) -> (String, usize) {
        const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut count = 0;
        let mut i = 0;
        while i < chars.len() {
            if i > 0 && chars[i] == '(' && is_han(chars[i - 1]) {
                if let Some(close) = chars[i + 1..].iter().position(|&c| c == ')') {
                    let inner = &chars[i + 1..i + 1 + close];
                    let letters = inner
                        .iter()
                        .all(|&c| c.is_ascii_lowercase() || c == 'ü' || TONED.contains(c));
                    if letters && inner.iter().any(|&c| TONED.contains(c)) {
                        count += 1;
                        i += close + 2;
                        continue;
                    }
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        (out, count)
    }
}
