use super::*;

#[test]
fn generated_class_table_matches_the_reference_classifier() {
    for u in 0..0x10000u32 {
        if let Some(c) = char::from_u32(u) {
            assert_eq!(class(c), classes::class_of(c), "U+{u:04X}");
        }
    }
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
        "日本語のテキスト",
        "Zażółć gęślą jaźń",
    ] {
        let per_char = text_cost(text) as f64 / text.chars().count() as f64;
        assert!(per_char <= 1.0, "{text}: {per_char}");
    }
}
