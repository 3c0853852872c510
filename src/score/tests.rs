use super::*;

#[test]
fn generated_class_table_matches_the_reference_classifier() {
    for u in 0..0x10000u32 {
        if let Some(c) = char::from_u32(u) {
            // The generator refines two classes by frequency tier.
            let expected = match (class(c), classes::class_of(c)) {
                (classes::HAN_MID, classes::HAN) => classes::HAN,
                (classes::HANGUL_RARE, classes::HANGUL) => classes::HANGUL,
                (k, _) => k,
            };
            assert_eq!(expected, classes::class_of(c), "U+{u:04X}");
        }
    }
    // The tiers themselves: common characters in, rare ones out.
    for c in ['中', '国', '發', '展', '日', '本'] {
        assert_eq!(class(c), classes::HAN, "{c}");
    }
    for c in ['䶮', '翀', '堃'] {
        assert_ne!(class(c), classes::HAN, "{c}");
    }
    assert_eq!(class('한'), classes::HANGUL);
    assert_eq!(class('똠'), classes::HANGUL_RARE);
}

#[test]
fn mojibake_costs_more_than_its_repair() {
    for (bad, good) in [
        ("cafÃ©", "café"),
        ("doesnâ€™t", "doesn’t"),
        ("Ã¼ber", "über"),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
        ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"),
        ("æ—¥æœ¬èªž", "日本語"),
        ("a\u{93}b\u{94}", "a“b”"),
    ] {
        assert!(
            text_cost(bad) > text_cost(good) + 4,
            "{bad}: {} vs {}",
            text_cost(bad),
            text_cost(good)
        );
    }
}

#[test]
fn clean_text_is_cheap() {
    for text in [
        "Hello, world!",
        "Привет, мир!",
        "Ελληνικά",
        "Zażółć gęślą jaźń",
    ] {
        let per_char = text_cost(text) as f64 / text.chars().count() as f64;
        assert!(per_char <= 1.0, "{text}: {per_char}");
    }
    // An ideograph or a Hangul syllable costs what two letters do.
    for text in ["日本語のテキスト", "中华人民共和国", "안녕하세요"] {
        let per_char = text_cost(text) as f64 / text.chars().count() as f64;
        assert!(per_char <= 2.0, "{text}: {per_char}");
    }
}

#[test]
fn script_numbers_of_latin_and_greek() {
    // The detectors name these two scripts by number.
    assert_eq!(super::script_id(super::classes::LOWER), 1);
    assert_eq!(super::script_id(super::classes::GREEK_LOWER), 2);
    assert_eq!(super::script_id(super::classes::DIGIT), 0);
}

#[test]
fn script_number_of_cyrillic() {
    assert_eq!(super::script_id(super::classes::CYR_LOWER), 3);
}

/// Every cost is at least 0: a run's cost only grows as it gets longer.
#[test]
fn costs_are_never_negative() {
    for a in 0..super::classes::COUNT as u8 {
        assert!(super::unary_cost(a) >= 0, "class {a}");
        for b in 0..super::classes::COUNT as u8 {
            assert!(super::pair_cost(a, b) >= 0, "classes {a}, {b}");
        }
    }
}

/// Latin Extended Additional: Vietnamese and the dotted letters that
/// living orthographies and transliteration use are ordinary; the rest of
/// the block is rare (three Czech letters spell `ṻ` under ISO-8859-2).
#[test]
fn extended_additional_letters_by_use() {
    for c in ['ệ', 'ữ', 'ḍ', 'ṭ', 'ṣ', 'ẅ', 'ḃ', 'ẞ'] {
        assert!(
            matches!(class(c), classes::LATIN_LOWER | classes::LATIN_UPPER),
            "{c}"
        );
    }
    for c in ['ṻ', 'ḉ', 'ṹ'] {
        assert_eq!(class(c), classes::LATIN_MID, "{c}");
    }
    assert_eq!(
        crate::fix_mojibake("kód zvlášť vyhrazený pro testovací účely"),
        "kód zvlášť vyhrazený pro testovací účely"
    );
}

/// Letters of living orthographies outside the common Latin blocks: the
/// African ones (Akan, Ewe, Lingala, Hausa) and the ʻokina and glottal
/// stop (Hawaiian, Tongan, Uzbek, Hausa).
#[test]
fn letters_of_african_and_pacific_orthographies() {
    for c in ['ɛ', 'ɔ', 'ɖ', 'ɣ', 'ŋ', 'ƙ'] {
        assert_eq!(class(c), classes::LATIN_LOWER, "{c}");
    }
    for c in ['Ɛ', 'Ɔ', 'Ŋ'] {
        assert_eq!(class(c), classes::LATIN_UPPER, "{c}");
    }
    for (garbled, fixed) in [
        ("makandikÉ›", "makandikɛ"),
        ("MÉ”lidova", "Mɔlidova"),
        (
            "GÊ»arbiy Argentina yozgi vaqti",
            "Gʻarbiy Argentina yozgi vaqti",
        ),
        ("Tsayayyen lokacin IsraÊ¼ila", "Tsayayyen lokacin Israʼila"),
    ] {
        assert_eq!(crate::fix_mojibake(garbled), fixed);
    }
    // A capital and a guillemet after a word stay.
    for clean in ["«VOCÊ»", "VOCÊ» disse", "RÉSUMÉ² (voir note)"] {
        assert_eq!(crate::fix_mojibake(clean), clean);
    }
}

#[test]
fn alphabetic_agrees_with_the_standard_library() {
    for u in 0..0x30000u32 {
        if let Some(c) = char::from_u32(u) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
        }
    }
}
