//! The layer loop: propose, accept, repeat on the result.

use std::borrow::Cow;

use crate::detect;
use crate::plan::Plan;

/// At most this many layers are peeled off one text. Real mojibake seldom
/// has more than three; each layer must also lower the model's cost, so the
/// loop ends well before this on any input.
pub(crate) const MAX_LAYERS: usize = 8;

/// How many further layers a detector may peel off a candidate repair to
/// see where it leads: an inner layer of mojibake often looks no better
/// than the outer one until the layer under it comes off too.
pub(crate) const LOOKAHEAD: u8 = 2;

/// Repairs `text`, returning the result and the plan of what was done.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Plan) {
    repair_with(text, MAX_LAYERS, LOOKAHEAD)
}

/// Repairs with at most `layers` layers, each chosen with `lookahead`.
pub(crate) fn repair_with(text: &str, layers: usize, lookahead: u8) -> (Cow<'_, str>, Plan) {
    let mut plan = Plan::new();
    if text.is_ascii() {
        return (Cow::Borrowed(text), plan);
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    for _ in 0..layers {
        let suspicion = detect::scan(&current);
        if !suspicion.any() {
            break;
        }
        match detect::propose(&current, suspicion, lookahead) {
            Some(p) if p.text != current => {
                plan.extend(p.steps);
                current = Cow::Owned(p.text);
            }
            _ => break,
        }
    }
    (current, plan)
}
