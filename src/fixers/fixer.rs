//! The fixers by name, as a plan records them and replays them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{
    fix_c1_controls, fix_character_width, fix_latin_ligatures, fix_line_breaks, normalize,
    remove_control_chars, remove_pinyin_annotations, remove_terminal_escapes, uncurl_quotes,
    unescape_html, Normalization,
};
use crate::error::{Error, ErrorKind};
use crate::fossils::replace_fossils;

/// A text fixer of the [`fix_text`](crate::fix_text) pipeline, as a
/// [`Step::Apply`](crate::Step::Apply) of a plan names it.
///
/// Each applies to the whole text and is a pure function of it, so a plan
/// that records it replays to the same result.
///
/// ```
/// use unmojibake::fixers::Fixer;
///
/// assert_eq!(Fixer::UncurlQuotes.apply("“hi”"), "\"hi\"");
/// assert_eq!(Fixer::UncurlQuotes.to_string(), "uncurl-quotes");
/// assert_eq!("normalize-nfkc".parse::<Fixer>().unwrap(), Fixer::Normalize(unmojibake::fixers::Normalization::Nfkc));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fixer {
    /// [`unescape_html`](super::unescape_html) on every line.
    UnescapeHtml,
    /// [`unescape_html`](super::unescape_html) on the lines before the
    /// first one that contains `<` (ftfy's `unescape_html="auto"`: from
    /// there on the text is probably HTML source).
    UnescapeHtmlAuto,
    /// [`remove_terminal_escapes`](super::remove_terminal_escapes).
    RemoveTerminalEscapes,
    /// [`fix_c1_controls`](super::fix_c1_controls).
    FixC1Controls,
    /// [`fix_latin_ligatures`](super::fix_latin_ligatures).
    FixLatinLigatures,
    /// [`fix_character_width`](super::fix_character_width).
    FixCharacterWidth,
    /// [`uncurl_quotes`](super::uncurl_quotes).
    UncurlQuotes,
    /// [`fix_line_breaks`](super::fix_line_breaks).
    FixLineBreaks,
    /// [`remove_control_chars`](super::remove_control_chars).
    RemoveControlChars,
    /// [`normalize`](super::normalize) to the given form.
    Normalize(Normalization),
    /// [`remove_pinyin_annotations`](super::remove_pinyin_annotations).
    RemovePinyinAnnotations,
    /// [`replace_fossils`](crate::fossils::replace_fossils).
    ReplaceFossils,
}

impl Fixer {
    const SIMPLE: [Fixer; 11] = [
        Fixer::UnescapeHtml,
        Fixer::UnescapeHtmlAuto,
        Fixer::RemoveTerminalEscapes,
        Fixer::FixC1Controls,
        Fixer::FixLatinLigatures,
        Fixer::FixCharacterWidth,
        Fixer::UncurlQuotes,
        Fixer::FixLineBreaks,
        Fixer::RemoveControlChars,
        Fixer::RemovePinyinAnnotations,
        Fixer::ReplaceFossils,
    ];

    const FORMS: [Normalization; 4] = [
        Normalization::Nfc,
        Normalization::Nfd,
        Normalization::Nfkc,
        Normalization::Nfkd,
    ];

    /// The name used in a plan's text form.
    ///
    /// ```
    /// assert_eq!(unmojibake::fixers::Fixer::FixLineBreaks.name(), "fix-line-breaks");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Fixer::UnescapeHtml => "unescape-html",
            Fixer::UnescapeHtmlAuto => "unescape-html-auto",
            Fixer::RemoveTerminalEscapes => "remove-terminal-escapes",
            Fixer::FixC1Controls => "fix-c1-controls",
            Fixer::FixLatinLigatures => "fix-latin-ligatures",
            Fixer::FixCharacterWidth => "fix-character-width",
            Fixer::UncurlQuotes => "uncurl-quotes",
            Fixer::FixLineBreaks => "fix-line-breaks",
            Fixer::RemoveControlChars => "remove-control-chars",
            Fixer::Normalize(Normalization::Nfc) => "normalize-nfc",
            Fixer::Normalize(Normalization::Nfd) => "normalize-nfd",
            Fixer::Normalize(Normalization::Nfkc) => "normalize-nfkc",
            Fixer::Normalize(Normalization::Nfkd) => "normalize-nfkd",
            Fixer::RemovePinyinAnnotations => "remove-pinyin-annotations",
            Fixer::ReplaceFossils => "replace-fossils",
        }
    }

    /// Whether applying the fixer to its own output never changes it.
    /// Entities (`&amp;lt;`), terminal escapes and pinyin annotations can
    /// hide one another, and ftfy's loop peels them a layer a round.
    pub(crate) fn idempotent(self) -> bool {
        !matches!(
            self,
            Fixer::UnescapeHtml
                | Fixer::UnescapeHtmlAuto
                | Fixer::RemoveTerminalEscapes
                | Fixer::RemovePinyinAnnotations
        )
    }

    /// Applies the fixer; borrowed when it changes nothing.
    ///
    /// ```
    /// use unmojibake::fixers::Fixer;
    ///
    /// let html = "caf&eacute;\n<b>caf&eacute;</b>\ncaf&eacute;";
    /// assert_eq!(Fixer::UnescapeHtmlAuto.apply(html), "café\n<b>caf&eacute;</b>\ncaf&eacute;");
    /// ```
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            Fixer::UnescapeHtml => unescape_html(text),
            Fixer::UnescapeHtmlAuto => unescape_before_markup(text),
            Fixer::RemoveTerminalEscapes => remove_terminal_escapes(text),
            Fixer::FixC1Controls => fix_c1_controls(text),
            Fixer::FixLatinLigatures => fix_latin_ligatures(text),
            Fixer::FixCharacterWidth => fix_character_width(text),
            Fixer::UncurlQuotes => uncurl_quotes(text),
            Fixer::FixLineBreaks => fix_line_breaks(text),
            Fixer::RemoveControlChars => remove_control_chars(text),
            Fixer::Normalize(form) => normalize(text, form),
            Fixer::RemovePinyinAnnotations => remove_pinyin_annotations(text),
            Fixer::ReplaceFossils => replace_fossils(text),
        }
    }
}

/// Entities decoded on the lines before the first line with a `<`.
fn unescape_before_markup(text: &str) -> Cow<'_, str> {
    let end = match text.find('<') {
        None => return unescape_html(text),
        Some(at) => text[..at].rfind('\n').map_or(0, |nl| nl + 1),
    };
    match unescape_html(&text[..end]) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(head) => Cow::Owned(head + &text[end..]),
    }
}

impl fmt::Display for Fixer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Fixer {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Fixer::SIMPLE
            .into_iter()
            .chain(Fixer::FORMS.into_iter().map(Fixer::Normalize))
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                Error::new(ErrorKind::PlanSyntax {
                    line: 0,
                    reason: format!("unknown fixer {s:?}"),
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Fixer::SIMPLE
            .into_iter()
            .chain(Fixer::FORMS.into_iter().map(Fixer::Normalize))
        {
            assert_eq!(f.name().parse::<Fixer>().unwrap(), f);
        }
        assert!("uncurl".parse::<Fixer>().is_err());
    }

    #[test]
    fn entities_stop_at_the_first_line_with_markup() {
        let f = Fixer::UnescapeHtmlAuto;
        assert_eq!(f.apply("&lt;3"), "<3");
        assert_eq!(
            f.apply("a &amp; b\nc <i>&amp;</i>"),
            "a & b\nc <i>&amp;</i>"
        );
        assert!(matches!(f.apply("<p>&amp;</p>"), Cow::Borrowed(_)));
        assert!(matches!(f.apply("plain\n<p>&amp;</p>"), Cow::Borrowed(_)));
    }
}
