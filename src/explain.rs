//! The public entry points of the encoding repair.

use std::borrow::Cow;

use crate::error::Error;
use crate::plan::Plan;
use crate::repair::repair;
use crate::score;

/// Repairs mojibake in `text`: encoding repair only.
///
/// Returns `Cow::Borrowed` when nothing needed repair.
///
/// ```
/// use unmojibake::fix_mojibake;
///
/// assert_eq!(fix_mojibake("HÃ´tel de Police"), "Hôtel de Police");
/// assert_eq!(fix_mojibake("Ã¼ber â€œquotesâ€\u{9d}"), "über “quotes”");
/// assert_eq!(fix_mojibake("naïve café"), "naïve café");
/// ```
pub fn fix_mojibake(text: &str) -> Cow<'_, str> {
    repair(text).0
}

/// A repaired text together with the [`Plan`] that produced it and the
/// model's cost of the text before and after.
///
/// ```
/// let e = unmojibake::explain("Ã©tÃ©");
/// assert_eq!(e.text(), "été");
/// assert!(e.cost_after() < e.cost_before());
/// assert_eq!(e.plan().steps().len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Explained<'a> {
    text: Cow<'a, str>,
    plan: Plan,
    cost_before: i32,
    cost_after: i32,
}

impl<'a> Explained<'a> {
    pub(crate) fn new(text: Cow<'a, str>, plan: Plan, cost_before: i32, cost_after: i32) -> Self {
        Explained {
            text,
            plan,
            cost_before,
            cost_after,
        }
    }
}

impl<'a> Explained<'a> {
    /// The repaired text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The repaired text, borrowed from the input when unchanged.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// let e = unmojibake::explain("plain");
    /// assert!(matches!(e.into_text(), Cow::Borrowed("plain")));
    /// ```
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// The steps taken, empty when nothing changed.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plausibility model's cost of the input (lower is more plausible;
    /// clean text costs about 0 to 1 per character).
    pub fn cost_before(&self) -> i32 {
        self.cost_before
    }

    /// The model's cost of the repaired text.
    pub fn cost_after(&self) -> i32 {
        self.cost_after
    }
}

/// Repairs `text` like [`fix_mojibake`] and says how.
///
/// ```
/// use unmojibake::{apply_plan, explain};
///
/// let input = "SÃ£o Paulo";
/// let e = explain(input);
/// assert_eq!(e.text(), "São Paulo");
/// assert_eq!(apply_plan(input, e.plan()).unwrap(), "São Paulo");
/// ```
pub fn explain(text: &str) -> Explained<'_> {
    let cost_before = score::text_cost(text);
    let (fixed, plan) = repair(text);
    let cost_after = if plan.is_empty() {
        cost_before
    } else {
        score::text_cost(&fixed)
    };
    Explained {
        text: fixed,
        plan,
        cost_before,
        cost_after,
    }
}

/// Replays `plan` on `text`, exactly as [`explain`] produced it.
///
/// Fails, naming the step and the position, when a step does not apply:
/// a span outside the text, a character its codec cannot encode, bytes
/// that do not decode.
///
/// ```
/// use unmojibake::{apply_plan, Plan};
///
/// let plan: Plan = "encode windows-1251\ndecode utf-8\n".parse().unwrap();
/// assert_eq!(apply_plan("РџСЂРёРІРµС‚", &plan).unwrap(), "Привет");
/// let err = apply_plan("日本", &plan).unwrap_err();
/// assert!(err.to_string().starts_with("plan step 0 (encode windows-1251) does not apply"));
/// ```
pub fn apply_plan(text: &str, plan: &Plan) -> Result<String, Error> {
    plan.apply(text)
}
