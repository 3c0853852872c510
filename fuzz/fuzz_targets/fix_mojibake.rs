//! Fuzzes `fix_mojibake`, `explain` and `apply_plan` on arbitrary text.
//!
//! Properties, beyond not panicking:
//! 1. idempotence: repaired text needs no further repair;
//! 2. a plan replays exactly: `apply_plan(input, plan)` gives the text
//!    `explain` returned with it;
//! 3. `fix_mojibake` and `explain` agree;
//! 4. ASCII input comes back borrowed (unchanged, no allocation).

#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use unmojibake::{apply_plan, explain, fix_mojibake};

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 still exercises the library, through the replacement
    // characters that lossy decoding leaves (which the repair treats as
    // lost bytes).
    let input = String::from_utf8_lossy(data);
    let input: &str = &input;

    let fixed = fix_mojibake(input);
    if input.is_ascii() {
        assert!(
            matches!(fixed, Cow::Borrowed(_)),
            "ASCII input was not returned borrowed: {input:?}"
        );
    }

    let again = fix_mojibake(&fixed);
    assert_eq!(
        again, fixed,
        "not idempotent: {input:?} -> {fixed:?} -> {again:?}"
    );

    let explained = explain(input);
    assert_eq!(
        explained.text(),
        fixed,
        "explain and fix_mojibake disagree on {input:?}"
    );
    let plan = explained.plan();
    match apply_plan(input, plan) {
        Ok(replayed) => assert_eq!(
            replayed,
            explained.text(),
            "plan does not replay on {input:?}; plan:\n{plan}"
        ),
        Err(e) => panic!("plan does not apply to {input:?}: {e}; plan:\n{plan}"),
    }

    // The text form of the plan must round-trip too, or a printed plan
    // (as `unmojibake --explain` shows) would not be the one applied.
    let reparsed: unmojibake::Plan = plan.to_string().parse().expect("plan text parses");
    assert_eq!(
        &reparsed, plan,
        "plan text does not round-trip for {input:?}"
    );
});
