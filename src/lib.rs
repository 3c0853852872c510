//! # unmojibake
//!
//! Repairs *mojibake*: text that was encoded with one character encoding
//! and decoded with another (`cafÃ©` for `café`, `â€™` for `’`,
//! `Ð¿Ñ€Ð¸Ð²ÐµÑ‚` for `привет`).
//!
//! ## Overview
//!
//! Garbled text `G` is `W.decode(A.encode(T))` for the true text `T`, the
//! intended codec `A` and a wrong codec `W`; the repair is
//! `A.decode(W.encode(G))`, one *layer* at a time. Detectors propose layers
//! for many `(W, A)` pairs, a single plausibility model (character classes,
//! per-character and per-pair costs) scores them, and the winning layer is
//! applied only to the spans of the text it improves, so clean parts of a
//! line are never touched. Every accepted layer is recorded in a [`Plan`]
//! that [`apply_plan`] replays exactly.
//!
//! ## Examples
//!
//! ```
//! use std::borrow::Cow;
//! use unmojibake::fix_mojibake;
//!
//! assert_eq!(fix_mojibake("cafÃ©"), "café");
//! assert_eq!(fix_mojibake("The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows."),
//!            "The Mona Lisa doesn’t have eyebrows.");
//! assert_eq!(fix_mojibake("Ð¿Ñ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€"), "привет, мир");
//! // Clean text comes back borrowed, untouched.
//! assert!(matches!(fix_mojibake("Crème brûlée, 5 €"), Cow::Borrowed(_)));
//! // CJK both ways: UTF-8 read as GBK, and GBK read as windows-1252.
//! assert_eq!(fix_mojibake("鍙戝睍"), "发展");
//! assert_eq!(fix_mojibake("ÖÐ»ªÈËÃñ¹²ºÍ¹ú"), "中华人民共和国");
//!
//! // The full cleaning pipeline (ftfy's fix_text), and a gentler preset.
//! assert_eq!(unmojibake::fix_text("“cafÃ©” &amp; ｔｅａ"), "\"café\" & tea");
//! assert_eq!(unmojibake::Config::conservative().fix("“cafÃ©” ｔｅａ"), "“café” ｔｅａ");
//! ```
//!
//! ## Supported chains
//!
//! UTF-8 (and its CESU-8 and Java variants) read as latin-1,
//! windows-1250 … 1258, windows-874, ISO-8859-2/5/7/15, KOI8-R/U, IBM866,
//! Mac Roman, cp437 or cp850, in any number of layers; the damaged forms of
//! these (a 0xA0 byte turned into a space, bytes lost to `?` or U+FFFD);
//! and C1 controls where windows-1252 was meant. UTF-8 read as GBK,
//! GB18030, Big5, Shift_JIS, EUC-JP or EUC-KR, whole or with bytes lost
//! (each lost character becomes one U+FFFD); GBK, Big5, Shift_JIS,
//! EUC-JP, EUC-KR, windows-1251, -1253, -1255, -1256 and -874 read as
//! windows-1252 or Latin-1; windows-1251 and KOI8-R read as each other;
//! Shift_JIS and GBK read as cp437. Bytes of
//! unknown or mixed encoding: [`fix_bytes`].
//!
//! ## What this crate will not do
//!
//! It never guesses when the evidence is thin: text that is plausible as
//! it stands comes back unchanged, and a missed repair is preferred to a
//! false one. Bytes that were lost stay lost (as U+FFFD).
//!
//! ## Performance
//!
//! Pure ASCII returns after one vectorised check. Other text gets one pass
//! of table lookups per line, which clears most clean lines without
//! allocating (all but 222 of the 3,205 non-ASCII lines of the clean
//! corpus); a line it flags is decoded and scored under the chains that
//! could apply, which allocates, and comes back borrowed if none wins.
//! See `benches/`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bytes;
mod codec;
mod detect;
mod error;
mod explain;
pub mod fixers;
pub mod fossils;
mod layer;
mod pipeline;
mod plan;
mod repair;
mod score;

pub use bytes::{fix_bytes, Decoding, FixedBytes, LineDecoding};
pub use codec::Codec;
pub use error::{Error, ErrorKind};
pub use explain::{apply_plan, explain, fix_mojibake, Explained};
pub use pipeline::{
    explain_text, fix_text, fix_text_with, Config, HtmlEntities, PinyinAnnotations,
};
pub use plan::{ByteRepair, Plan, Step};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
