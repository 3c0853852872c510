//! Fuzzes the whole pipeline (`fix_text` with both presets, `explain_text`,
//! `apply_plan`) and the byte decoder (`fix_bytes`) on arbitrary input.
//!
//! Properties, beyond not panicking:
//! 1. `fix_text` is a fixed point of itself, with either preset;
//! 2. the plan of `explain_text` replays to the text it came with;
//! 3. `fix_bytes` gives the same text for the same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use unmojibake::{apply_plan, explain_text, fix_bytes, Config};

fuzz_target!(|data: &[u8]| {
    let decoded = fix_bytes(data);
    assert_eq!(fix_bytes(data).text(), decoded.text(), "fix_bytes is not deterministic");

    let input = String::from_utf8_lossy(data);
    let input: &str = &input;
    for config in [Config::ftfy(), Config::conservative()] {
        let once = config.fix(input).into_owned();
        let twice = config.fix(&once).into_owned();
        assert_eq!(twice, once, "not idempotent: {input:?} -> {once:?} -> {twice:?}");
    }
    let explained = explain_text(input);
    let replayed = apply_plan(input, explained.plan());
    assert_eq!(
        replayed.as_deref(),
        Ok(explained.text()),
        "the plan does not replay on {input:?}: {}",
        explained.plan()
    );
});
