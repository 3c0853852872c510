use super::*;

fn reference(codec: Codec) -> Option<&'static encoding_rs::Encoding> {
    use encoding_rs::*;
    Some(match codec {
        Codec::Windows1250 | Codec::SloppyWindows1250 => WINDOWS_1250,
        Codec::Windows1251 | Codec::SloppyWindows1251 => WINDOWS_1251,
        Codec::Windows1252 | Codec::SloppyWindows1252 => WINDOWS_1252,
        Codec::Windows1253 | Codec::SloppyWindows1253 => WINDOWS_1253,
        Codec::Windows1254 | Codec::SloppyWindows1254 => WINDOWS_1254,
        Codec::Windows1255 | Codec::SloppyWindows1255 => WINDOWS_1255,
        Codec::Windows1256 | Codec::SloppyWindows1256 => WINDOWS_1256,
        Codec::Windows1257 | Codec::SloppyWindows1257 => WINDOWS_1257,
        Codec::Windows1258 | Codec::SloppyWindows1258 => WINDOWS_1258,
        Codec::Windows874 | Codec::SloppyWindows874 => WINDOWS_874,
        Codec::Iso8859_2 => ISO_8859_2,
        Codec::Iso8859_5 => ISO_8859_5,
        Codec::Iso8859_7 => ISO_8859_7,
        Codec::Iso8859_15 => ISO_8859_15,
        Codec::Koi8R => KOI8_R,
        Codec::Koi8U => KOI8_U,
        Codec::Ibm866 => IBM866,
        Codec::MacRoman => MACINTOSH,
        _ => return None,
    })
}

fn is_sloppy(codec: Codec) -> bool {
    codec.name().starts_with("sloppy-")
}

#[test]
fn single_byte_tables_match_encoding_rs_for_all_256_bytes() {
    let mut checked = 0;
    for &codec in Codec::ALL {
        let Some(reference) = reference(codec) else {
            continue;
        };
        for b in 0..=255u8 {
            let byte = [b];
            let (expected, had_errors) = reference.decode_without_bom_handling(&byte);
            let ours = codec.decode(&[b]);
            if had_errors {
                if is_sloppy(codec) {
                    assert_eq!(ours.unwrap(), char::from(b).to_string(), "{codec} {b:#x}");
                } else {
                    assert!(ours.is_err(), "{codec} {b:#x} should be undefined");
                }
            } else {
                assert_eq!(ours.unwrap(), expected, "{codec} {b:#x}");
                let back = codec.encode(&expected).unwrap();
                let (reenc, _, _) = reference.encode(&expected);
                // encoding_rs encodes a few characters that two bytes decode
                // to (none in these tables) the same way we do.
                assert_eq!(back, reenc.into_owned(), "{codec} {b:#x}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 256 * 18 + 256 * 10);
}

#[test]
fn latin1_is_the_identity() {
    let all: Vec<u8> = (0..=255).collect();
    let text = Codec::Latin1.decode(&all).unwrap();
    assert!(text.chars().enumerate().all(|(i, c)| c as usize == i));
    assert_eq!(Codec::Latin1.encode(&text).unwrap(), all);
}

#[test]
fn dos_code_pages_round_trip_and_spot_check() {
    for codec in [Codec::Cp437, Codec::Cp850] {
        let all: Vec<u8> = (0..=255).collect();
        let text = codec.decode(&all).unwrap();
        assert_eq!(text.chars().count(), 256);
        assert_eq!(codec.encode(&text).unwrap(), all);
    }
    // Values from the Unicode Consortium's CP437.TXT and CP850.TXT.
    assert_eq!(
        Codec::Cp437
            .decode(b"\x80\x9b\xb0\xc4\xdb\xe1\xfe")
            .unwrap(),
        "Ç¢░─█ß■"
    );
    assert_eq!(
        Codec::Cp850.decode(b"\x9b\x9d\x9e\xd0\xe7").unwrap(),
        "øØ×ðþ"
    );
}

#[test]
fn names_round_trip_and_aliases_parse() {
    for &codec in Codec::ALL {
        assert_eq!(codec.name().parse::<Codec>().unwrap(), codec);
        assert_eq!(
            codec.to_string().to_uppercase().parse::<Codec>().unwrap(),
            codec
        );
    }
    for (alias, codec) in [
        ("latin-1", Codec::Latin1),
        ("ISO-8859-1", Codec::Latin1),
        ("cp1252", Codec::Windows1252),
        ("sjis", Codec::ShiftJis),
        ("Shift_JIS", Codec::ShiftJis),
        ("mac_roman", Codec::MacRoman),
        ("cp949", Codec::EucKr),
    ] {
        assert_eq!(alias.parse::<Codec>().unwrap(), codec, "{alias}");
    }
    let err = "ebcdic-martian".parse::<Codec>().unwrap_err();
    assert_eq!(err.to_string(), "unknown codec name \"ebcdic-martian\"");
}

#[test]
fn strict_encode_fails_at_first_unmappable_char() {
    let err = Codec::Windows1252.encode("ok→no").unwrap_err();
    assert_eq!(err.position(), Some(2));
    let err = Codec::Gbk.encode("中文😀").unwrap_err();
    assert_eq!(err.position(), Some(6));
    assert_eq!(Codec::Gbk.encode("中文").unwrap(), b"\xd6\xd0\xce\xc4");
    assert_eq!(Codec::ShiftJis.encode("あ").unwrap(), b"\x82\xa0");
}

#[test]
fn strict_decode_reports_offsets() {
    assert_eq!(
        Codec::Utf8.decode(b"ok\xc3").unwrap_err().position(),
        Some(2)
    );
    assert_eq!(
        Codec::Windows1253.decode(b"a\xaa").unwrap_err().position(),
        Some(1)
    );
    assert!(Codec::ShiftJis.decode(b"\x82").is_err());
    assert_eq!(Codec::Big5.decode(b"\xa4\xa4\xa4\xe5").unwrap(), "中文");
}

#[test]
fn utf8_variants_accept_cesu_and_java_null() {
    assert_eq!(Codec::Utf8Variants.decode(b"a\xc0\x80b").unwrap(), "a\0b");
    assert_eq!(
        Codec::Utf8Variants
            .decode(b"\xed\xa0\xbd\xed\xb8\x8d!")
            .unwrap(),
        "😍!"
    );
    // A lone surrogate is still an error.
    assert!(Codec::Utf8Variants.decode(b"\xed\xa0\xbd").is_err());
    assert!(Codec::Utf8.decode(b"\xc0\x80").is_err());
    assert_eq!(Codec::Utf8Variants.encode("😍").unwrap(), "😍".as_bytes());
}

#[test]
fn long_runs_of_halfwidth_katakana_decode() {
    let text = "ｶﾀｶﾅ".repeat(40);
    let bytes = Codec::ShiftJis.encode(&text).unwrap();
    assert_eq!(bytes.len(), 160);
    assert_eq!(Codec::ShiftJis.decode(&bytes).unwrap(), text);
}

#[test]
fn the_frequent_ideograph_table_agrees_with_encoding() {
    for codec in [
        Codec::Gbk,
        Codec::Gb18030,
        Codec::Big5,
        Codec::ShiftJis,
        Codec::EucJp,
        Codec::EucKr,
    ] {
        let mut frequent = 0;
        for c in '\u{4E00}'..='\u{9FFF}' {
            let table = codec.frequent_ideograph(c);
            assert_eq!(table, codec.frequent_ideograph_encoded(c), "{codec} {c}");
            frequent += usize::from(table);
        }
        // GB2312 level 1 has 3,755 characters, Big5's frequent block
        // 5,401, JIS X 0208 level 1 2,965; EUC-KR has 4,888 Hanja (some
        // of them twice).
        assert!((2_900..5_500).contains(&frequent), "{codec}: {frequent}");
    }
    assert!(Codec::Gbk.frequent_ideograph('的'));
    assert!(!Codec::Gbk.frequent_ideograph('龘'));
    assert!(Codec::Gbk.frequent_ideograph('a'));
}

#[test]
fn encodes_char_agrees_with_encode() {
    for codec in [
        Codec::Big5,
        Codec::Gbk,
        Codec::ShiftJis,
        Codec::EucKr,
        Codec::Windows1251,
        Codec::Utf8,
    ] {
        for c in ['瞳', '翝', '利', 'ア', '한', 'Ж', 'é', '😀'] {
            assert_eq!(
                codec.encodes_char(c),
                codec.encode(c.encode_utf8(&mut [0; 4])).is_ok(),
                "{codec} {c}"
            );
        }
    }
    assert!(Codec::Big5.encodes_char('瞳'));
    assert!(!Codec::Big5.encodes_char('翝'));
}

/// Shift_JIS's user-defined area decodes to private use and encodes back
/// to the same bytes, for every lead and trail byte there.
#[test]
fn shift_jis_user_defined_area_round_trips() {
    let mut seen = 0;
    for lead in 0xF0..=0xF9u8 {
        for trail in (0x40..=0x7Eu8).chain(0x80..=0xFC) {
            let decoded = Codec::ShiftJis.decode(&[lead, trail]).unwrap();
            let c = decoded.chars().next().unwrap();
            assert!(
                ('\u{E000}'..='\u{E757}').contains(&c),
                "{lead:02X} {trail:02X}"
            );
            assert_eq!(Codec::ShiftJis.encode(&decoded).unwrap(), [lead, trail]);
            assert!(Codec::ShiftJis.encodes_char(c));
            seen += 1;
        }
    }
    assert_eq!(seen, 0x758);
    // Between other text, and beyond the area still refused.
    let text = "a\u{E000}ん\u{E757}b";
    let bytes = Codec::ShiftJis.encode(text).unwrap();
    assert_eq!(Codec::ShiftJis.decode(&bytes).unwrap(), text);
    let err = Codec::ShiftJis.encode("ab\u{E758}").unwrap_err();
    assert!(err.to_string().contains("at byte 2"), "{err}");
    assert!(Codec::EucJp.encode("\u{E000}").is_err());
}

/// The generated table of kanji Shift_JIS writes with 8E: what it reads
/// 8E A1 to 8E DF as, and nothing else.
#[test]
fn half_width_as_kanji_is_what_shift_jis_reads_8e_as() {
    let read: Vec<char> = (0xA1..=0xDFu8)
        .flat_map(|b| {
            Codec::ShiftJis
                .decode(&[0x8E, b])
                .unwrap()
                .chars()
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(read.len(), 63);
    let table: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
        .filter(|&c| Codec::half_width_as_kanji(c))
        .collect();
    let mut sorted = read.clone();
    sorted.sort_unstable();
    assert_eq!(table, sorted);
    assert!(Codec::half_width_as_kanji('室') && !Codec::half_width_as_kanji('会'));
}

/// The generated tiers of use: each language's everyday characters are
/// common in it, the forms of another's only in general use or not at
/// all, and the sets nest.
#[test]
fn ideograph_use_ranks_each_language_apart() {
    for c in ['的', '是', '人', '们', '說', '國'] {
        assert_eq!(Codec::Gbk.ideograph_use(c), Some(0), "{c}");
        assert_eq!(Codec::Big5.ideograph_use(c), Some(0), "{c}");
    }
    for c in ['県', '駅', '円', '京', '都'] {
        assert_eq!(Codec::EucJp.ideograph_use(c), Some(0), "{c}");
        assert_eq!(Codec::ShiftJis.ideograph_use(c), Some(0), "{c}");
    }
    // Rare in all three: a place name's character and an archaic one.
    for codec in [Codec::Gbk, Codec::EucJp, Codec::EucKr] {
        assert_eq!(codec.ideograph_use('邗'), Some(2), "{codec}");
    }
    // Simplified forms are not Japanese; shinjitai are not Chinese.
    assert!(Codec::EucJp.ideograph_use('们').unwrap() > 0);
    assert!(Codec::Gbk.ideograph_use('県').unwrap() > 0);
    assert_eq!(Codec::Gbk.ideograph_use('a'), None);
    assert_eq!(Codec::Windows1252.ideograph_use('的'), None);
    let count = |codec: Codec, most: u8| {
        ('\u{4E00}'..='\u{9FFF}')
            .filter(|&c| codec.ideograph_use(c).is_some_and(|t| t <= most))
            .count()
    };
    for codec in [Codec::Gbk, Codec::EucJp, Codec::EucKr] {
        assert!(count(codec, 0) > 1000 && count(codec, 0) < count(codec, 1));
        assert!(count(codec, 1) < 7000, "{codec}");
    }
}
