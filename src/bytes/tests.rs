use std::borrow::Cow;

use super::*;
use crate::codec::Codec;

/// The invariants of every result: the runs cover the input and the
/// decoded text without gaps, each undecodable run shows U+FFFD, and the
/// plan replays on the decoded text.
fn check(bytes: &[u8]) -> FixedBytes<'_> {
    let fixed = fix_bytes(bytes);
    let mut at = 0;
    let mut text_at = 0;
    for run in fixed.decodings() {
        assert_eq!(run.range().start, at, "gap in {:?}", fixed.decodings());
        assert_eq!(run.text_range().start, text_at);
        assert!(!run.range().is_empty());
        let text = &fixed.decoded()[run.text_range()];
        if run.undecodable() > 0 {
            assert!(text.contains('\u{FFFD}'), "{run:?} shows no U+FFFD");
        }
        at = run.range().end;
        text_at = run.text_range().end;
    }
    assert_eq!(at, bytes.len());
    assert_eq!(text_at, fixed.decoded().len());
    assert_eq!(
        crate::apply_plan(fixed.decoded(), fixed.plan()).as_deref(),
        Ok(fixed.text())
    );
    fixed
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn empty_input() {
    let fixed = check(b"");
    assert_eq!(fixed.text(), "");
    assert!(fixed.decodings().is_empty());
    assert!(fixed.plan().is_empty());
    assert!(matches!(fixed.into_text(), Cow::Borrowed("")));
}

#[test]
fn bom_only_input() {
    for (bom, decoding) in [
        (&b"\xef\xbb\xbf"[..], Decoding::Utf8Bom),
        (b"\xff\xfe", Decoding::Utf16LeBom),
        (b"\xfe\xff", Decoding::Utf16BeBom),
    ] {
        let fixed = check(bom);
        assert_eq!(fixed.text(), "");
        assert_eq!(fixed.decodings().len(), 1);
        assert_eq!(fixed.decodings()[0].decoding(), decoding);
        assert_eq!(fixed.decodings()[0].range(), 0..bom.len());
        assert_eq!(fixed.undecodable(), 0);
    }
}

#[test]
fn every_byte_value() {
    let all: Vec<u8> = (0..=255).collect();
    let fixed = check(&all);
    // Not UTF-16 (0xD8 0xD9 is a lone high surrogate either way round).
    assert!(fixed
        .decodings()
        .iter()
        .all(|d| !matches!(d.decoding(), Decoding::Utf16Le | Decoding::Utf16Be)));
    // Each byte value alone, and after every other.
    for b in 0..=255u8 {
        check(&[b]);
        check(&[b, b'\n', b]);
    }
    let reversed: Vec<u8> = (0..=255).rev().collect();
    check(&reversed);
}

#[test]
fn utf16_lone_surrogates_and_odd_length() {
    let fixed = check(b"\xff\xfe\x00\xd8A\x00");
    assert_eq!(fixed.text(), "\u{FFFD}A");
    assert_eq!(fixed.undecodable(), 2);
    let fixed = check(b"\xfe\xff\xdc\x00\x00A");
    assert_eq!(fixed.text(), "\u{FFFD}A");
    assert_eq!(fixed.undecodable(), 2);
    let fixed = check(b"\xff\xfeA\x00B");
    assert_eq!(fixed.text(), "A\u{FFFD}");
    assert_eq!(fixed.undecodable(), 1);
    let mut pair = vec![0xFF, 0xFE];
    pair.extend(utf16("😍", false));
    assert_eq!(check(&pair).text(), "😍");
    // Without a BOM, a lone surrogate rules UTF-16 out.
    let fixed = check(b"a\x00\x00\xd8b\x00");
    assert_ne!(fixed.decodings()[0].decoding(), Decoding::Utf16Le);
}

#[test]
fn utf16_without_bom() {
    for text in [
        "Hello, world!\n",
        "Grüße aus Köln\r\n",
        "你好，世界！\n谢谢。\n",
    ] {
        for big_endian in [false, true] {
            let bytes = utf16(text, big_endian);
            let fixed = check(&bytes);
            assert_eq!(fixed.text(), text, "big-endian: {big_endian}");
            let want = if big_endian {
                Decoding::Utf16Be
            } else {
                Decoding::Utf16Le
            };
            assert_eq!(fixed.decodings()[0].decoding(), want);
        }
    }
}

#[test]
fn utf8_with_a_stray_nul_stays_utf8() {
    let fixed = check(b"abc\x00de");
    assert_eq!(fixed.decoded(), "abc\u{0}de");
    assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf8);
}

#[test]
fn mixed_utf8_and_legacy_lines() {
    let mut bytes = "Ça va très bien.\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Cr\xe8me br\xfbl\xe9e\n");
    bytes.extend_from_slice("Déjà vu.\n".as_bytes());
    let fixed = check(&bytes);
    assert_eq!(fixed.text(), "Ça va très bien.\nCrème brûlée\nDéjà vu.\n");
    let how: Vec<Decoding> = fixed.decodings().iter().map(|d| d.decoding()).collect();
    assert_eq!(
        how,
        [
            Decoding::Utf8,
            Decoding::Codec(Codec::Windows1252),
            Decoding::Utf8
        ]
    );
    assert_eq!(fixed.decodings()[1].range(), 19..32);
}

#[test]
fn a_damaged_utf8_line_is_counted() {
    let mut bytes = "Ελληνικά κείμενα\n".as_bytes().to_vec();
    bytes.remove(3); // the second byte of the first `λ`
    let fixed = check(&bytes);
    assert_eq!(fixed.text(), "Ε\u{FFFD}ληνικά κείμενα\n");
    assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf8);
    assert_eq!(fixed.undecodable(), 1);
}

#[test]
fn a_megabyte_of_random_bytes() {
    // xorshift64*: deterministic, no dependency.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..1 << 20)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect();
    let fixed = check(&bytes);
    assert!(!fixed.decodings().is_empty());
    // Without line breaks: one line of a megabyte.
    let no_breaks: Vec<u8> = bytes.iter().map(|&b| b | 0x80).collect();
    check(&no_breaks);
}

#[test]
fn cost_is_summed_in_pieces() {
    let long = "é".repeat(100_000);
    assert_eq!(cost(&long), cost(&long[..100_000]) + cost(&long[100_000..]));
}

#[test]
fn utf16_without_zero_bytes() {
    // Cyrillic in UTF-16 has no zero byte but a control byte in each
    // character (`П` is `1F 04`).
    let bytes = utf16("Привет", false);
    assert!(!bytes.contains(&0));
    let fixed = check(&bytes);
    assert_eq!(fixed.text(), "Привет");
    assert_eq!(fixed.decodings()[0].decoding(), Decoding::Utf16Le);
}

#[test]
fn the_prevailing_code_page_settles_short_lines() {
    let alone = check(b"\xc4\xe0.");
    assert_eq!(alone.text(), "Äà.");
    let mut bytes = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0!\n".to_vec();
    bytes.extend_from_slice(b"\xc4\xe0.\n");
    bytes.extend_from_slice(b"\xca\xe0\xea \xe4\xe5\xeb\xe0?\n");
    let fixed = check(&bytes);
    assert_eq!(fixed.text(), "Привет, мир!\nДа.\nКак дела?\n");
    assert_eq!(fixed.decodings().len(), 1);
    assert_eq!(
        fixed.decodings()[0].decoding(),
        Decoding::Codec(Codec::Windows1251)
    );
}

#[test]
fn legacy_cjk_lines() {
    for (text, codec) in [
        ("中文字符编码", Codec::Gbk),
        ("안녕하세요!", Codec::EucKr),
        ("日本語のテキスト", Codec::ShiftJis),
        ("繁體中文的測試", Codec::Big5),
    ] {
        let bytes = codec.encode(text).unwrap();
        let fixed = check(&bytes);
        assert_eq!(fixed.text(), text);
        assert_eq!(fixed.decodings()[0].decoding(), Decoding::Codec(codec));
    }
}

mod properties {
    use proptest::prelude::*;

    use super::{check, utf16};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn any_bytes_keep_the_invariants(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
            check(&bytes);
        }

        #[test]
        fn text_after_a_bom_comes_back(text in "\\PC{0,24}") {
            let mut utf8 = b"\xEF\xBB\xBF".to_vec();
            utf8.extend_from_slice(text.as_bytes());
            let fixed = check(&utf8);
            prop_assert_eq!(fixed.decoded(), text.as_str());
            for (bom, big_endian) in [(&b"\xFF\xFE"[..], false), (b"\xFE\xFF", true)] {
                let mut bytes = bom.to_vec();
                bytes.extend(utf16(&text, big_endian));
                let fixed = check(&bytes);
                prop_assert_eq!(fixed.decoded(), text.as_str());
            }
        }

        #[test]
        fn printable_utf8_stays_utf8(text in "[^\\x00-\\x08\\x0E-\\x19\\x1C-\\x1F]{0,32}") {
            // A leading U+FEFF is a byte order mark.
            prop_assume!(!text.starts_with('\u{FEFF}'));
            let fixed = check(text.as_bytes());
            prop_assert_eq!(fixed.decoded(), text.as_str());
        }
    }
}
