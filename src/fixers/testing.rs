//! Test helpers shared by the fixers' unit tests.

use std::borrow::Cow;

/// Padding that no fixer acts on and that cannot extend an entity, an
/// escape sequence or a line break at either end of a test input.
fn padding(len: usize) -> String {
    ". ".chars().cycle().take(len).collect()
}

/// Asserts that `fix` turns `input` into `expected` behind 0, 1, 7, 16 and
/// 31 bytes of ASCII padding, followed by it, and both, and that it borrows
/// exactly when nothing changes.
pub(crate) fn check(fix: fn(&str) -> Cow<'_, str>, input: &str, expected: &str) {
    for len in [0, 1, 7, 16, 31] {
        let pad = padding(len);
        for (before, after) in [
            (pad.as_str(), ""),
            ("", pad.as_str()),
            (pad.as_str(), pad.as_str()),
        ] {
            let text = format!("{before}{input}{after}");
            let fixed = fix(&text);
            assert_eq!(
                fixed,
                format!("{before}{expected}{after}"),
                "input {text:?}"
            );
            assert_eq!(
                matches!(fixed, Cow::Borrowed(_)),
                input == expected,
                "borrowed exactly when unchanged, input {text:?}"
            );
        }
    }
}

/// Clean text in several scripts, with every ASCII character that some
/// fixer treats specially but leaves alone here.
pub(crate) const CLEAN: &str = "Crème brûlée, 5 € — naïve café; Привет, мир; 東京 and \
    ソウル 서울; 'straight' \"quotes\", tab\there, line\nbreak, a & b, x < y, 100%.";
