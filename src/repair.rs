//! The layer loop: propose, accept, repeat on the result; one segment of
//! text at a time.

use std::borrow::Cow;
use std::ops::Range;

use crate::detect;
use crate::plan::{Plan, Step};

/// At most this many layers are peeled off one segment. Real mojibake
/// seldom has more than three.
pub(crate) const MAX_LAYERS: usize = 8;

/// How many further layers a detector may peel off a candidate repair to
/// see where it leads: an inner layer of mojibake often looks no better
/// than the outer one until the layer under it comes off too.
pub(crate) const LOOKAHEAD: u8 = 2;

/// Segments longer than this many bytes are cut after a whitespace
/// character, so that the work stays linear in the input on any input.
const MAX_SEGMENT: usize = 4096;

/// Repairs `text`, returning the result and the plan of what was done.
///
/// Each line (and each piece of an overlong line) is repaired on its own,
/// and only if the fast scan finds something in it; the plan's spans are
/// offsets into the text as it stands when each step runs.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Plan) {
    repair_noting(text, None, None)
}

/// What one call of [`repair_noting`] saw: its input, and which of its
/// segments (by index) it changed. A segment of a later input that is the
/// same as one it left unchanged at the same index needs no second look:
/// the repair of a segment depends on nothing else.
#[derive(Default)]
pub(crate) struct Seen {
    input: String,
    changed: Vec<usize>,
}

/// [`repair`], skipping the segments that `seen` (a note of an earlier
/// call) says come out unchanged, and noting what this call saw in `note`.
/// The pipeline repairs a text again after other fixers change it, and
/// most lines they leave alone.
pub(crate) fn repair_noting<'a>(
    text: &'a str,
    seen: Option<&Seen>,
    note: Option<&mut Seen>,
) -> (Cow<'a, str>, Plan) {
    let mut changed = Vec::new();
    // Only a caller that keeps a note needs the changed segments listed.
    let noting = note.is_some();
    let (fixed, plan) = if text.is_ascii() {
        (Cow::Borrowed(text), Plan::new())
    } else {
        repair_segments(text, seen, noting.then_some(&mut changed))
    };
    if let Some(note) = note {
        note.input.clear();
        note.input.push_str(text);
        note.changed = changed;
    }
    (fixed, plan)
}

fn repair_segments<'a>(
    text: &'a str,
    seen: Option<&Seen>,
    mut changed: Option<&mut Vec<usize>>,
) -> (Cow<'a, str>, Plan) {
    let mut out = String::new();
    let mut plan = Plan::new();
    let mut done = 0;
    // The earlier call's segments, and those it changed, in step with
    // this one's (both in order of index).
    let mut before = seen.map(|s| (pieces(&s.input), s.changed.iter().peekable(), s));
    for (index, (segment, ascii)) in pieces(text).enumerate() {
        let piece = &text[segment.clone()];
        let known = before.as_mut().is_some_and(|(pieces, changed, seen)| {
            let was_changed = changed.next_if_eq(&&index).is_some();
            pieces
                .next()
                .is_some_and(|(old, _)| !was_changed && seen.input[old] == *piece)
        });
        if known || ascii {
            continue;
        }
        let (fixed, steps) = repair_with(piece, MAX_LAYERS, LOOKAHEAD);
        if steps.is_empty() {
            continue;
        }
        if let Some(changed) = changed.as_deref_mut() {
            changed.push(index);
        }
        if segment == (0..text.len()) {
            // The whole text in one segment: its repair is the answer.
            return (Cow::Owned(fixed.into_owned()), steps);
        }
        // Everything before this segment is final, so shift its spans by
        // where the segment now starts.
        out.push_str(&text[done..segment.start]);
        let shift = out.len();
        plan.extend(
            steps
                .steps()
                .iter()
                .cloned()
                .map(|step| offset(step, shift)),
        );
        out.push_str(&fixed);
        done = segment.end;
    }
    if plan.is_empty() {
        return (Cow::Borrowed(text), plan);
    }
    out.push_str(&text[done..]);
    (Cow::Owned(out), plan)
}

/// Repairs one segment with at most `layers` layers, each chosen with
/// `lookahead`.
pub(crate) fn repair_with(text: &str, layers: usize, lookahead: u8) -> (Cow<'_, str>, Plan) {
    let mut plan = Plan::new();
    // Most text is clean, and the scan's cheaper first pass clears most
    // of it: then no layer (the fast path's neither, which only takes what
    // the scan flags) has anything to do.
    if text.is_ascii() || detect::quiet(text) {
        return (Cow::Borrowed(text), plan);
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    // After each layer: the plan's length, the text, and whether the layer
    // read the whole text (every character beyond ASCII).
    let mut peeled: Vec<(usize, String, bool)> = Vec::new();
    // What the scan found in `current`, once asked.
    let mut found: Option<detect::Suspicion> = None;
    for _ in 0..layers {
        if found.is_some_and(|s| !s.any()) {
            return consistent(text, current, plan, &peeled);
        }
        // The fast path first, at every layer as on a fresh call: a layer
        // that a repair of the result would take must be taken here, or
        // the repair is no fixed point. (The scan would flag any text the
        // fast path takes: its code page encodes it as valid UTF-8.)
        if let Some((p, after)) = detect::whole_as_1252(&current) {
            if plan.is_empty() && !after.any() {
                // The common case: one layer, and nothing under it.
                return (Cow::Owned(p.text), Plan::from_steps(p.steps));
            }
            plan.extend(p.steps);
            peeled.push((plan.steps().len(), p.text.clone(), true));
            current = Cow::Owned(p.text);
            found = Some(after);
            continue;
        }
        // The untouched text has failed the scan's cheaper first pass
        // already: the full scan need not run it again.
        let suspicion = found.unwrap_or_else(|| match plan.is_empty() {
            true => detect::scan_all(&current),
            false => detect::scan(&current),
        });
        if !suspicion.any() {
            return consistent(text, current, plan, &peeled);
        }
        match detect::propose(&current, suspicion, lookahead) {
            Some(p) if p.text != current => {
                let whole = reads_whole(&current, &p.steps);
                plan.extend(p.steps);
                peeled.push((plan.steps().len(), p.text.clone(), whole));
                current = Cow::Owned(p.text);
                found = None;
            }
            _ => return consistent(text, current, plan, &peeled),
        }
    }
    // Out of layers with repairs still on offer: the text is nested deeper
    // than real mojibake goes, or it is pathological. A partial repair
    // would not be a fixed point (repairing the result would change it
    // again), so give none.
    let more = detect::whole_as_1252(&current).is_some() || {
        let suspicion = found.unwrap_or_else(|| detect::scan(&current));
        suspicion.any()
            && detect::propose(&current, suspicion, lookahead).is_some_and(|p| p.text != current)
    };
    if more {
        return (Cow::Borrowed(text), Plan::new());
    }
    (current, plan)
}

/// Most different mistakes (a wrong decoder and the codec meant) one
/// repair may undo, counting a code page's strict and sloppy forms (and
/// Latin-1 with windows-1252) as one.
const MAX_DECODERS: usize = 2;

/// The repair, unless its layers undo more than [`MAX_DECODERS`] different
/// mistakes: text goes through one program's mistake, or two, again and
/// again; UTF-8 read as windows-1250, then -1256, then -1252, then Mac
/// Roman is each layer finding the likeliest reading of a garble too deep
/// to tell (ftfy's "absolutely hopeless garble"). The count starts under
/// any of the outer layers that read the whole text (a garble of a
/// two-layer garble is three layers, but two repairs); if it is still too
/// many, only those outer layers are kept (a garble of the hopeless
/// garble loses its outer layer), so that the result is a fixed point.
fn consistent<'a>(
    text: &'a str,
    current: Cow<'a, str>,
    plan: Plan,
    peeled: &[(usize, String, bool)],
) -> (Cow<'a, str>, Plan) {
    // Nothing peeled (most clean text): nothing to count.
    if plan.is_empty() {
        return (current, plan);
    }
    // A layer's mistake: the wrong decoder and the codec meant, each
    // counted with its strict or sloppy form (Latin-1 with windows-1252).
    let family = |codec: &crate::Codec| match codec.name().trim_start_matches("sloppy-") {
        "latin-1" => "windows-1252",
        name => name,
    };
    let mut families: Vec<(&str, &str)> = Vec::new();
    let mut wrong = "";
    for step in plan.steps() {
        match step {
            Step::Encode { codec, .. } => wrong = family(codec),
            Step::Decode(codec) => families.push((wrong, family(codec))),
            _ => {}
        }
    }
    let distinct = |layers: &[(&str, &str)]| {
        let mut seen: Vec<&(&str, &str)> = Vec::new();
        for f in layers {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
        seen.len()
    };
    // The outer layers that each read the whole text; under any of them,
    // the rest is a repair of its own, judged on its own mistakes.
    let whole = peeled.iter().take_while(|p| p.2).count();
    if (0..=whole.min(families.len())).any(|k| distinct(&families[k..]) <= MAX_DECODERS) {
        return (current, plan);
    }
    // Otherwise the whole outer layers stay, and what is under them, which
    // the next repair would give back as it is (its first layer reads
    // only parts, and its mistakes are still too many).
    let kept = whole;
    match kept.checked_sub(1).map(|last| &peeled[last]) {
        Some((len, after, _)) => {
            let mut outer = Plan::new();
            outer.extend(plan.steps()[..*len].iter().cloned());
            (Cow::Owned(after.clone()), outer)
        }
        None => (Cow::Borrowed(text), Plan::new()),
    }
}

/// Whether a layer's encode step reads every character of `text` beyond
/// ASCII.
fn reads_whole(text: &str, steps: &[Step]) -> bool {
    match steps.first() {
        Some(Step::Encode { spans: None, .. }) => true,
        Some(Step::Encode {
            spans: Some(spans), ..
        }) => text
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .all(|(i, _)| spans.iter().any(|s| s.contains(&i))),
        _ => false,
    }
}

fn offset(step: Step, by: usize) -> Step {
    match step {
        Step::Encode {
            codec,
            spans: Some(spans),
        } => Step::Encode {
            codec,
            spans: Some(
                spans
                    .into_iter()
                    .map(|s| s.start + by..s.end + by)
                    .collect(),
            ),
        },
        other => other,
    }
}

/// The segments of `text`: lines (with their line break), cut to at most
/// [`MAX_SEGMENT`] bytes after a whitespace character where a line is
/// longer.
fn pieces(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let (mut end, mut ascii) = line_end(text.as_bytes(), start);
        if end - start > MAX_SEGMENT {
            end = cut(text, start);
            ascii = text[start..end].is_ascii();
        }
        let segment = start..end;
        start = end;
        Some((segment, ascii))
    })
}

/// The end of the line that starts at `start` (after its `\n`, or the end
/// of the text), and whether the line is ASCII: one pass, eight bytes at
/// a time, where finding the newline and then checking the line took two
/// (and a call's setup each, which short lines felt).
fn line_end(bytes: &[u8], start: usize) -> (usize, bool) {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let mut high = 0u64;
    let mut i = start;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        // Zero bytes of `nl` are newlines of `w`; the borrow trick marks
        // the first exactly (a byte above 0x7F is never marked).
        let nl = w ^ (ONES * u64::from(b'\n'));
        let found = nl.wrapping_sub(ONES) & !nl & HIGH;
        if found != 0 {
            let k = found.trailing_zeros() as usize / 8;
            let upto = u64::MAX >> (8 * (7 - k));
            return (i + k + 1, (high | (w & upto)) & HIGH == 0);
        }
        high |= w;
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        high |= u64::from(b);
        i += 1;
        if b == b'\n' {
            break;
        }
    }
    (i, high & HIGH == 0)
}

/// Where to end an overlong segment that starts at `start`: after the last
/// whitespace character within [`MAX_SEGMENT`] bytes, or at the last char
/// boundary there if it has none.
fn cut(text: &str, start: usize) -> usize {
    let mut limit = start + MAX_SEGMENT;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[start..limit].rfind(char::is_whitespace) {
        Some(i) if i > 0 => {
            let ws = text[start + i..].chars().next().map_or(1, char::len_utf8);
            start + i + ws
        }
        _ => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Codec;

    #[test]
    fn line_ends_as_a_byte_at_a_time_finds_them() {
        // Every position of a newline and a byte beyond ASCII in and
        // around an eight-byte chunk, from every start.
        for len in 0..20 {
            for nl in 0..=len {
                for wide in 0..=len {
                    let mut bytes = vec![b'a'; len];
                    if wide < len {
                        bytes[wide] = 0xC3;
                    }
                    if nl < len {
                        bytes[nl] = b'\n';
                    }
                    for start in 0..len {
                        let end = (start..len)
                            .find(|&i| bytes[i] == b'\n')
                            .map_or(len, |i| i + 1);
                        assert_eq!(
                            line_end(&bytes, start),
                            (end, bytes[start..end].is_ascii()),
                            "{bytes:?} from {start}"
                        );
                    }
                }
            }
        }
    }

    mod noting {
        use proptest::prelude::*;

        use super::super::{repair, repair_noting, Seen};

        /// Lines clean and garbled, with and without their line break.
        const LINES: &[&str] = &[
            "plain\n",
            "café crème\n",
            "cafÃ© crÃ¨me\n",
            "Привет, мир\n",
            "ÐŸÑ€Ð¸Ð²ÐµÑ‚\n",
            "鍙戝睍\n",
            "发展\n",
            "\n",
            "donâ€™t",
            "“quoted”\r\n",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// With the note of a call on another text, the repair of a text
            /// is what it is without one.
            #[test]
            fn a_note_changes_nothing_but_the_work(
                old in proptest::collection::vec(0..LINES.len(), 0..8),
                new in proptest::collection::vec(0..LINES.len(), 0..8),
            ) {
                let old: String = old.iter().map(|&i| LINES[i]).collect();
                let new: String = new.iter().map(|&i| LINES[i]).collect();
                let mut seen = Seen::default();
                let first = repair_noting(&old, None, Some(&mut seen));
                prop_assert_eq!(&first, &repair(&old));
                prop_assert_eq!(repair_noting(&new, Some(&seen), None), repair(&new));
                // And on the repaired text, which is what the pipeline gives it.
                let again = first.0.into_owned();
                prop_assert_eq!(repair_noting(&again, Some(&seen), None), repair(&again));
            }
        }

        #[test]
        fn a_line_noted_as_unchanged_is_not_looked_at_again() {
            let mut seen = Seen::default();
            let _ = repair_noting("cafÃ©\nplain\n", None, Some(&mut seen));
            assert_eq!(seen.changed, [0]);
            // A note that (falsely) says the garbled line came out unchanged
            // keeps it from being looked at.
            let false_note = Seen {
                input: "cafÃ©\n".to_owned(),
                changed: Vec::new(),
            };
            let (fixed, plan) = repair_noting("cafÃ©\n", Some(&false_note), None);
            assert_eq!((fixed.as_ref(), plan.is_empty()), ("cafÃ©\n", true));
        }
    }

    /// One span, `start..end`.
    fn spans(start: usize, end: usize) -> Vec<Range<usize>> {
        std::iter::once(start..end).collect()
    }

    /// A layer encoding with `wrong` (over `spans`, or all) and decoding
    /// with `meant`.
    fn layer(wrong: Codec, spans: Option<Vec<Range<usize>>>, meant: Codec) -> [Step; 2] {
        [
            Step::Encode {
                codec: wrong,
                spans,
            },
            Step::Decode(meant),
        ]
    }

    #[test]
    fn three_different_mistakes_are_too_many() {
        let mut plan = Plan::new();
        plan.extend(layer(Codec::SloppyWindows1252, None, Codec::Utf8));
        plan.extend(layer(Codec::Latin1, Some(spans(0, 4)), Codec::Utf8));
        // Two mistakes (windows-1252 and Latin-1 count as one): kept.
        let peeled = [(2, "b".to_owned(), true), (4, "c".to_owned(), false)];
        let (got, kept) = consistent("a", Cow::Borrowed("c"), plan.clone(), &peeled);
        assert_eq!((got.as_ref(), kept.steps().len()), ("c", 4));
        // A third and a fourth: too many even under the outer layer that
        // read the whole text, which alone stays.
        plan.extend(layer(Codec::Windows1250, Some(spans(0, 2)), Codec::Utf8));
        plan.extend(layer(Codec::MacRoman, Some(spans(0, 2)), Codec::Utf8));
        let peeled = [
            (2, "b".to_owned(), true),
            (4, "c".to_owned(), false),
            (6, "d".to_owned(), false),
            (8, "e".to_owned(), false),
        ];
        let (got, kept) = consistent("a", Cow::Borrowed("e"), plan.clone(), &peeled);
        assert_eq!((got.as_ref(), kept.steps().len()), ("b", 2));
        // If the first layer read only parts, nothing stays.
        let mut partial = peeled.clone();
        partial[0].2 = false;
        let (got, kept) = consistent("a", Cow::Borrowed("e"), plan, &partial);
        assert_eq!((got.as_ref(), kept.steps().len()), ("a", 0));
    }

    #[test]
    fn lines_are_repaired_on_their_own_and_the_plan_replays() {
        let text = "clean line\ncafÃ©\nplain\nÐ¿Ñ€Ð¸Ð²ÐµÑ‚ Ã©tÃ©\n";
        let (fixed, plan) = repair(text);
        assert_eq!(fixed, "clean line\ncafé\nplain\nпривет été\n");
        assert_eq!(plan.apply(text).unwrap(), fixed);
    }

    #[test]
    fn overlong_lines_are_cut_at_whitespace() {
        let word = "mot ";
        let long = word.repeat(3000);
        let cuts: Vec<_> = {
            let mut v = Vec::new();
            let mut s = 0;
            while s < long.len() {
                let e = if long.len() - s > MAX_SEGMENT {
                    cut(&long, s)
                } else {
                    long.len()
                };
                v.push(s..e);
                s = e;
            }
            v
        };
        assert!(cuts
            .iter()
            .all(|r| r.len() <= MAX_SEGMENT && long[r.clone()].ends_with(' ')));
        let noisy = format!("{}cafÃ©", "é".repeat(5000));
        assert!(noisy.is_char_boundary(cut(&noisy, 0)), "cut inside a char");
        assert_eq!(repair(&noisy).0, format!("{}café", "é".repeat(5000)));
    }
}
