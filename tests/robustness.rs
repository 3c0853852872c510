//! No panic, bounded work and the repair's invariants on hostile inputs:
//! fuzz regressions (replayed from `fuzz/regressions/`), long runs of one
//! mojibake character, alternating scripts, deep nesting, every byte value.
//! These check behaviour, not time: throughput lives in `benches/`.

use std::borrow::Cow;
use std::path::Path;

use unmojibake::{apply_plan, explain, fix_mojibake, Codec, Plan};

/// The properties the fuzz target checks, on one input.
fn check(input: &str) {
    let e = explain(input);
    let fixed = fix_mojibake(input);
    assert_eq!(
        e.text(),
        fixed,
        "explain and fix_mojibake disagree on {input:?}"
    );
    assert_eq!(
        apply_plan(input, e.plan()).as_deref(),
        Ok(e.text()),
        "the plan does not replay on {input:?}"
    );
    let parsed: Plan = e
        .plan()
        .to_string()
        .parse()
        .expect("the plan's text form parses");
    assert_eq!(&parsed, e.plan());
    assert_eq!(fix_mojibake(&fixed), fixed, "not idempotent on {input:?}");
    if input.is_ascii() {
        assert!(matches!(fixed, Cow::Borrowed(_)));
    }
}

#[test]
fn fuzz_regressions_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz/regressions") {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        check(&String::from_utf8_lossy(&bytes));
        count += 1;
    }
    assert!(count > 0);
}

#[test]
fn a_megabyte_of_one_mojibake_char() {
    let input = "Ã".repeat((1 << 20) / 2);
    check(&input);
    // Other repeated pieces, at 64 KiB: the work is linear, and this keeps
    // the unoptimised test build quick.
    for piece in ["Ã©", "â€", "\u{83}", "Ð", "\u{FFFD}", "Ã ", "Ã\u{83}"] {
        let input = piece.repeat((1 << 16) / piece.len());
        check(&input);
    }
}

#[test]
fn a_megabyte_of_alternating_scripts() {
    let unit = "aБγ中Ãאََ😀é€ 1?";
    let input = unit.repeat((1 << 20) / unit.len());
    check(&input);
    let garbled = Codec::SloppyWindows1252.decode(input.as_bytes()).unwrap();
    check(&garbled);
}

#[test]
fn deeply_nested_mojibake() {
    let mut text = String::from("Ça coûte 5 € — d’accord?");
    for depth in 1..=7 {
        text = Codec::SloppyWindows1252.decode(text.as_bytes()).unwrap();
        check(&text);
        if depth <= 3 {
            assert_eq!(
                fix_mojibake(&text),
                "Ça coûte 5 € — d’accord?",
                "depth {depth}"
            );
        }
    }
    // Alternating code pages, and Latin-1 (which yields C1 controls).
    let mut text = String::from("Привет, мир — «ёлка»");
    for codec in [
        Codec::SloppyWindows1251,
        Codec::Latin1,
        Codec::SloppyWindows1252,
        Codec::Latin1,
    ] {
        text = codec.decode(text.as_bytes()).unwrap();
        check(&text);
    }
}

#[test]
fn every_byte_value_through_every_codec() {
    let all: Vec<u8> = (0..=255).collect();
    for &codec in Codec::ALL {
        let text = match codec.decode(&all) {
            Ok(t) => t,
            Err(_) => String::from_utf8_lossy(&all).into_owned(),
        };
        check(&text);
        for chunk in all.chunks(3) {
            if let Ok(t) = codec.decode(chunk) {
                check(&t);
            }
        }
    }
}

mod random_plans {
    use proptest::prelude::*;
    use unmojibake::{apply_plan, fixers::Fixer, ByteRepair, Codec, Plan, Step};

    fn step() -> impl Strategy<Value = Step> {
        let codec = (0..Codec::ALL.len()).prop_map(|i| Codec::ALL[i]);
        let spans = proptest::option::of(proptest::collection::vec((0usize..40, 0usize..40), 0..4));
        prop_oneof![
            (codec.clone(), spans).prop_map(|(codec, spans)| Step::Encode {
                codec,
                spans: spans.map(|v| v.into_iter().map(|(a, b)| a..b).collect()),
            }),
            prop_oneof![
                Just(ByteRepair::RestoreA0),
                Just(ByteRepair::CompleteA0),
                Just(ByteRepair::MarkLost),
                Just(ByteRepair::ResyncLost),
                Just(ByteRepair::FillUndefined),
                Just(ByteRepair::RestoreLost)
            ]
            .prop_map(Step::Transcode),
            codec.prop_map(Step::Decode),
            prop_oneof![
                Just(Fixer::UnescapeHtmlAuto),
                Just(Fixer::UncurlQuotes),
                Just(Fixer::FixCharacterWidth),
                Just(Fixer::RemoveControlChars),
                Just(Fixer::ReplaceFossils),
            ]
            .prop_map(Step::Apply),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Any plan on any text gives a result or an error, never a panic;
        /// and its text form always parses back to the same plan.
        #[test]
        fn arbitrary_plans_never_panic(
            steps in proptest::collection::vec(step(), 0..6),
            text in "[a-zÃ©â€™Î”Ñ ?\u{FFFD}\u{83}Ð¿中😀]{0,12}",
        ) {
            let mut plan = Plan::new();
            for s in steps {
                plan.push(s);
            }
            let _ = apply_plan(&text, &plan);
            let parsed: Plan = plan.to_string().parse().expect("every plan's text form parses");
            prop_assert_eq!(parsed, plan);
        }
    }
}

/// Lossy CJK detection walks UTF-8 structure from every lead and every
/// U+FFFD: a long line of them, alone or among CJK text, must stay linear.
#[test]
fn long_runs_of_replacement_characters() {
    let long = format!("鍙戝睍{}", "\u{FFFD}".repeat(1300));
    for piece in [
        "\u{FFFD}",
        "\u{FFFD}鍙",
        "鍙\u{FFFD}?",
        "鏄\u{FFFD}纭",
        &long,
    ] {
        let text = piece.repeat(20_000 / piece.chars().count().min(20_000) + 1);
        let fixed = unmojibake::fix_mojibake(&text);
        assert_eq!(unmojibake::fix_mojibake(&fixed), fixed);
    }
}

/// The whole pipeline and the byte decoder on arbitrary input: no panic,
/// fix_text a fixed point whose plan replays, fix_bytes always text.
mod pipeline_and_bytes {
    use proptest::prelude::*;
    use unmojibake::{apply_plan, explain_text, fix_bytes, fix_text};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        #[test]
        fn fix_text_on_anything(
            text in "[a-zÃ©â€™ ?\u{FFFD}\u{83}Ð¿中鍙戝😀&;#<\r\n\u{1b}\\[ｶＡ“”ﬁ]{0,24}",
        ) {
            let e = explain_text(&text);
            let once = fix_text(&text).into_owned();
            prop_assert_eq!(e.text(), once.as_str());
            prop_assert_eq!(apply_plan(&text, e.plan()), Ok(once.clone()));
            prop_assert_eq!(fix_text(&once).into_owned(), once);
        }

        #[test]
        fn fix_bytes_on_anything(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let fixed = fix_bytes(&bytes);
            let again = fix_bytes(&bytes);
            // Text out, whatever came in; the same text twice.
            prop_assert_eq!(again.text(), fixed.text());
        }
    }
}
