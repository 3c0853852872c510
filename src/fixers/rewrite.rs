//! The scan-then-copy loop that the fixers share: find the first piece of
//! text to change without allocating, and only then start building a copy.

use std::borrow::Cow;

/// What a piece of text is replaced with.
pub(crate) enum Replacement {
    /// One character.
    Char(char),
    /// A string, possibly empty (the piece is removed).
    Str(&'static str),
}

impl From<char> for Replacement {
    fn from(c: char) -> Self {
        Replacement::Char(c)
    }
}

impl From<&'static str> for Replacement {
    fn from(s: &'static str) -> Self {
        Replacement::Str(s)
    }
}

/// Rewrites `text` piece by piece, borrowing it when nothing changes.
///
/// Only positions whose byte satisfies `starts` are tried. At each one,
/// `rewrite` gets the rest of the text and returns the length in bytes of
/// the piece to replace (non-zero, ending on a char boundary) with its
/// replacement, or `None` to leave it.
///
/// `starts` must be false for UTF-8 continuation bytes (0x80–0xBF), so that
/// every position tried is a char boundary. It is best written as
/// comparisons joined by `|` and `&`: a `matches!` over several values
/// compiles to a bit test that does not vectorise, which makes the scan of
/// clean text several times slower.
pub(crate) fn rewrite<'a>(
    text: &'a str,
    starts: impl Fn(u8) -> bool,
    mut rewrite: impl FnMut(&str) -> Option<(usize, Replacement)>,
) -> Cow<'a, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // `text[..copied]` is already in `out`.
    let mut copied = 0;
    let mut pos = 0;
    while let Some(at) = next_start(bytes, pos, &starts) {
        debug_assert!(
            !(0x80..0xC0).contains(&bytes[at]),
            "`starts` accepted a continuation byte"
        );
        let Some((len, replacement)) = rewrite(&text[at..]) else {
            pos = at + 1;
            continue;
        };
        debug_assert!(len > 0);
        // Most fixes shrink the text or keep its length, so this rarely grows.
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..at]);
        match replacement {
            Replacement::Char(c) => out.push(c),
            Replacement::Str(s) => out.push_str(s),
        }
        copied = at + len;
        pos = copied;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// [`rewrite`] one character at a time: `map` says what replaces a character.
pub(crate) fn map_chars<'a>(
    text: &'a str,
    starts: impl Fn(u8) -> bool,
    mut map: impl FnMut(char) -> Option<Replacement>,
) -> Cow<'a, str> {
    rewrite(text, starts, |rest| {
        let c = rest.chars().next()?;
        map(c).map(|r| (c.len_utf8(), r))
    })
}

/// The first index at or after `from` whose byte satisfies `starts`.
#[inline]
fn next_start(bytes: &[u8], from: usize, starts: &impl Fn(u8) -> bool) -> Option<usize> {
    let rest = &bytes[from..];
    // Clean text is the common case. Testing a block of bytes without a
    // branch per byte lets the compiler vectorise the predicate, and the
    // block that holds a hit is searched again byte by byte.
    let mut skipped = 0;
    for block in rest.chunks_exact(16) {
        if block.iter().fold(false, |any, &b| any | starts(b)) {
            break;
        }
        skipped += 16;
    }
    rest[skipped..]
        .iter()
        .position(|&b| starts(b))
        .map(|i| from + skipped + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn double_x(text: &str) -> Cow<'_, str> {
        map_chars(text, |b| b == b'x', |_| Some("xx".into()))
    }

    #[test]
    fn borrowed_without_a_hit() {
        assert!(matches!(
            double_x("abc".repeat(20).as_str()),
            Cow::Borrowed(_)
        ));
        assert!(matches!(double_x(""), Cow::Borrowed(_)));
    }

    #[test]
    fn hits_in_every_position_of_a_block() {
        for n in 0..40 {
            let text = format!("{}x{}", "a".repeat(n), "b".repeat(40 - n));
            let want = format!("{}xx{}", "a".repeat(n), "b".repeat(40 - n));
            assert_eq!(double_x(&text), want);
        }
        assert_eq!(double_x("xax"), "xxaxx");
    }

    #[test]
    fn removal_at_the_start_is_still_a_change() {
        let fixed = map_chars("-abc", |b| b == b'-', |_| Some("".into()));
        assert!(matches!(fixed, Cow::Owned(ref s) if s == "abc"));
    }
}
