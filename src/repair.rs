//! The layer loop: propose, accept, repeat on the result.

use std::borrow::Cow;

use crate::detect;
use crate::plan::Plan;

/// At most this many layers are peeled off one text. Real mojibake seldom
/// has more than three; each layer must also lower the model's cost, so the
/// loop ends well before this on any input.
pub(crate) const MAX_LAYERS: usize = 8;

/// Repairs `text`, returning the result and the plan of what was done.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Plan) {
    let mut plan = Plan::new();
    if text.is_ascii() {
        return (Cow::Borrowed(text), plan);
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    for _ in 0..MAX_LAYERS {
        let suspicion = detect::scan(&current);
        if !suspicion.any() {
            break;
        }
        match detect::propose(&current, suspicion) {
            Some(p) if p.text != current => {
                plan.extend(p.steps);
                current = Cow::Owned(p.text);
            }
            _ => break,
        }
    }
    (current, plan)
}
