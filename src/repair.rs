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
    if text.is_ascii() {
        return (Cow::Borrowed(text), Plan::new());
    }
    let mut out = String::new();
    let mut plan = Plan::new();
    let mut done = 0;
    for (segment, suspicion) in segments(text) {
        let piece = &text[segment.clone()];
        let (fixed, steps) = repair_from(piece, suspicion, MAX_LAYERS, LOOKAHEAD);
        if steps.is_empty() {
            continue;
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
    if text.is_ascii() {
        return (Cow::Borrowed(text), Plan::new());
    }
    repair_from(text, detect::scan(text), layers, lookahead)
}

/// [`repair_with`], given the scan of `text`.
fn repair_from(
    text: &str,
    first: detect::Suspicion,
    layers: usize,
    lookahead: u8,
) -> (Cow<'_, str>, Plan) {
    let mut plan = Plan::new();
    if layers > 0 {
        if let Some(p) = detect::whole_as_1252(text, first) {
            plan.extend(p.steps);
            return (Cow::Owned(p.text), plan);
        }
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    let mut suspicion = first;
    // After each layer: the plan's length, the text, and whether the layer
    // read the whole text (every character beyond ASCII).
    let mut peeled: Vec<(usize, String, bool)> = Vec::new();
    for _ in 0..layers {
        if !suspicion.any() {
            return consistent(text, current, plan, &peeled);
        }
        match detect::propose(&current, suspicion, lookahead) {
            Some(p) if p.text != current => {
                let whole = reads_whole(&current, &p.steps);
                plan.extend(p.steps);
                peeled.push((plan.steps().len(), p.text.clone(), whole));
                current = Cow::Owned(p.text);
            }
            _ => return consistent(text, current, plan, &peeled),
        }
        suspicion = detect::scan(&current);
    }
    // Out of layers with repairs still on offer: the text is nested deeper
    // than real mojibake goes, or it is pathological. A partial repair
    // would not be a fixed point (repairing the result would change it
    // again), so give none.
    if suspicion.any()
        && detect::propose(&current, suspicion, lookahead).is_some_and(|p| p.text != current)
    {
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
    // A layer's mistake: the wrong decoder and the codec meant, each
    // counted with its strict or sloppy form (Latin-1 with windows-1252).
    let family = |codec: &crate::Codec| {
        codec
            .to_string()
            .trim_start_matches("sloppy-")
            .replace("latin-1", "windows-1252")
    };
    let mut families: Vec<String> = Vec::new();
    let mut wrong = String::new();
    for step in plan.steps() {
        match step {
            Step::Encode { codec, .. } => wrong = family(codec),
            Step::Decode(codec) => families.push(format!("{wrong}>{}", family(codec))),
            _ => {}
        }
    }
    let distinct = |layers: &[String]| {
        let mut seen: Vec<&String> = Vec::new();
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

/// The segments of `text` that are worth repairing, with what the scan
/// found in them: lines (with their line break) that hold anything
/// suspicious, cut to at most [`MAX_SEGMENT`] bytes after a whitespace
/// character where a line is longer.
fn segments(text: &str) -> impl Iterator<Item = (Range<usize>, detect::Suspicion)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < text.len() {
            let rest = &text[start..];
            let mut end = rest.find('\n').map_or(text.len(), |i| start + i + 1);
            if end - start > MAX_SEGMENT {
                end = cut(text, start);
            }
            let segment = start..end;
            start = end;
            let piece = &text[segment.clone()];
            if piece.is_ascii() {
                continue;
            }
            let suspicion = detect::scan(piece);
            if suspicion.any() {
                return Some((segment, suspicion));
            }
        }
        None
    })
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
