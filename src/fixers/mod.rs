//! The text fixers of the `fix_text` pipeline that are not about encodings.
//!
//! Each fixer takes a `&str` and returns a `Cow<str>` that borrows the
//! input when nothing changes, without allocating. Each behaves like the
//! function of the same name in ftfy 6.3.1 (its documentation says where a
//! detail matters), so that text cleaned here matches text cleaned by ftfy.
//!
//! * [`unescape_html`] decodes HTML character references that end in `;`
//!   (`&eacute;`, `&EACUTE;`, `&#233;`); [`unescape_html_auto`] does so only
//!   where the text has no `<`.
//! * [`remove_terminal_escapes`] removes ANSI escape sequences (`\x1b[1m`).
//! * [`fix_c1_controls`] reads C1 controls as windows-1252 (`\u{93}` → `“`).
//! * [`fix_latin_ligatures`] takes apart Latin ligatures (`ﬁ` → `fi`).
//! * [`fix_character_width`] replaces halfwidth and fullwidth forms
//!   (`ＬＯＵＤ` → `LOUD`, `ﾀ` → `タ`).
//! * [`uncurl_quotes`] straightens curly quotes (`“’”` → `"'"`).
//! * [`fix_line_breaks`] turns CRLF, CR, U+2028, U+2029 and U+0085 into `\n`.
//! * [`remove_control_chars`] removes unwanted control and format
//!   characters (NUL, ESC, DEL, BOM, …).
//! * [`normalize`] applies a Unicode [`Normalization`] form.
//! * [`remove_pinyin_annotations`] removes the pinyin that a Chinese
//!   converter left after Han characters (`網(wǎng)` → `網`), for text where
//!   [`has_pinyin_annotations`] sees the pattern repeated; it has no ftfy
//!   counterpart and is not one of the steps below.
//!
//! # Order
//!
//! ftfy's `fix_text` cuts the text after each `\n` and fixes each piece by
//! running these steps in this order, over and over until a round changes
//! nothing (`fix_text` should do the same, for the same results):
//!
//! 1. [`unescape_html`], in its "auto" form: skipped for a piece that has a
//!    `<`, and, as ftfy does, for every piece after it;
//! 2. the encoding repair ([`fix_mojibake`](crate::fix_mojibake));
//! 3. [`fix_c1_controls`];
//! 4. [`fix_latin_ligatures`];
//! 5. [`fix_character_width`];
//! 6. [`uncurl_quotes`];
//! 7. [`fix_line_breaks`];
//! 8. ftfy's `fix_surrogates`, which has nothing to do on a `str`;
//! 9. [`remove_terminal_escapes`];
//! 10. [`remove_control_chars`];
//! 11. [`normalize`], NFC by default.
//!
//! The order matters: C1 controls are read as windows-1252 before
//! [`fix_line_breaks`] could take U+0085 for a line break, and terminal
//! escapes go before [`remove_control_chars`] removes their ESC alone.
//!
//! ```
//! use unmojibake::fixers::{fix_character_width, uncurl_quotes, unescape_html};
//!
//! let text = unescape_html("&ldquo;ＦＵＬＬ&rdquo; width");
//! let text = fix_character_width(&text);
//! assert_eq!(uncurl_quotes(&text), "\"FULL\" width");
//! ```

mod c1;
mod controls;
mod fixer;
mod html;
mod ligatures;
mod line_breaks;
mod normalize;
mod pinyin;
mod quotes;
mod rewrite;
#[rustfmt::skip]
mod tables;
mod terminal;
#[cfg(test)]
pub(crate) mod testing;
mod width;

pub use c1::fix_c1_controls;
pub use controls::remove_control_chars;
pub use fixer::Fixer;
pub use html::{unescape_html, unescape_html_auto};
pub use ligatures::fix_latin_ligatures;
pub use line_breaks::fix_line_breaks;
pub use normalize::{normalize, Normalization};
pub use pinyin::{has_pinyin_annotations, remove_pinyin_annotations};
pub use quotes::uncurl_quotes;
pub use terminal::remove_terminal_escapes;
pub use width::fix_character_width;
