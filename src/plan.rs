//! Plans: the steps a repair took, in a form that can be printed, parsed
//! and replayed exactly.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::codec::Codec;
use crate::error::{Error, ErrorKind};
use crate::fixers::Fixer;
use crate::layer;

/// A repair of the bytes between re-encoding and decoding, for mojibake
/// that was damaged on its way.
///
/// ```
/// use unmojibake::ByteRepair;
///
/// assert_eq!(ByteRepair::RestoreA0.to_string(), "restore-a0");
/// assert_eq!("mark-lost".parse::<ByteRepair>().unwrap(), ByteRepair::MarkLost);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ByteRepair {
    /// A space (0x20) in the place of a UTF-8 continuation byte becomes
    /// 0xA0: the byte was decoded as a no-break space and then turned into
    /// a plain one.
    RestoreA0,
    /// A span that ends one byte short of a UTF-8 sequence gets 0xA0
    /// appended: its no-break space merged with the space after it.
    CompleteA0,
    /// A UTF-8 sequence with bytes lost to `?` or U+FFFD (encoded as 0x1A)
    /// becomes one U+FFFD.
    MarkLost,
    /// Bytes lost in unknown number, as a multi-byte codec loses them (its
    /// U+FFFD, encoded as 0x1A, stands for one byte or two): each UTF-8
    /// sequence that a loss cuts, or that starts inside one, becomes one
    /// U+FFFD, with the continuation bytes stranded after the loss. A `?`
    /// counts as a loss where it cuts a sequence or stands before a
    /// continuation byte.
    ResyncLost,
    /// Bytes that a windows-1252 decoder could not read (0x81, 0x8D, 0x8F,
    /// 0x90 and 0x9D, which it leaves undefined) and wrote U+FFFD for,
    /// encoded as 0x1A: each gets back the one of those five that makes
    /// the next decoding most plausible to the model, left to right
    /// (Shift_JIS text read so loses the lead byte of `、` and `。`), if
    /// one is clearly best. Where the layer encodes with another code page
    /// (in its sloppy form, or ISO-8859-7), the candidates are the bytes
    /// its table leaves undefined (ISO-8859-7 loses the second byte of
    /// Greek `ή`, its only candidate there). Where the layer repairs spans, a lost
    /// character of UTF-8 is judged with the text around its span as the
    /// layer leaves it, since its word and language go on beyond it. Decoding UTF-8, a byte that no candidate
    /// restores makes its character one U+FFFD, as
    /// [`ByteRepair::MarkLost`] does, and so does one that may have been
    /// a combining mark, a joiner or a direction mark in its place, which
    /// are never restored.
    ///
    /// ```
    /// use unmojibake::{apply_plan, Plan};
    ///
    /// // `”` is E2 80 9D; after E2 80 the other undefined bytes make an
    /// // em quad, a joiner, a direction mark and a hyphen.
    /// let plan: Plan = "encode windows-1252\ntranscode fill-undefined\ndecode utf-8\n"
    ///     .parse()
    ///     .unwrap();
    /// let garbled = "â€œQuotedâ€\u{FFFD}, said Ã\u{FFFD}lvaro";
    /// assert_eq!(apply_plan(garbled, &plan).unwrap(), "“Quoted”, said \u{FFFD}lvaro");
    /// ```
    FillUndefined,
    /// Bytes that a windows-1252 decoder dropped without a trace (CPython's
    /// `errors="ignore"`, `iconv -c`): each UTF-8 sequence one byte short
    /// (a 2-byte lead with no continuation byte after it, or a 3-byte lead
    /// with one) gets back, as its last byte, the one of the five
    /// undefined bytes that is clearly best, judged as
    /// [`ByteRepair::FillUndefined`] judges a lost byte (the text around
    /// it, its word, its language's alphabet and spelling), where that
    /// makes `”` or a letter of the text's script; otherwise its bytes stay
    /// the characters they were read as.
    ///
    /// ```
    /// use unmojibake::{apply_plan, Plan};
    ///
    /// // `Ł` is C5 81; the decoder dropped 81. Of `Ł`, `ō`, `ŏ`, `Ő`,
    /// // `ŝ`, only `Ł` keeps `ódź` in one alphabet.
    /// let plan: Plan = "encode windows-1252\ntranscode fill-dropped\ndecode utf-8\n"
    ///     .parse()
    ///     .unwrap();
    /// assert_eq!(apply_plan("ÅÃ³dÅº", &plan).unwrap(), "Łódź");
    /// // `Å` before `rhus` fits no alphabet as any of them: it stays.
    /// assert_eq!(apply_plan("Å\u{0072}hus", &plan).unwrap(), "Århus");
    /// ```
    FillDropped,
    /// Bytes lost to U+FFFD (encoded as 0x1A) one at a time, as CPython's
    /// CJK decoders lose them (one U+FFFD for each byte they cannot read),
    /// in UTF-8 read as a CJK codec: each lost byte gets back the one byte
    /// that makes its UTF-8 sequence valid and that the wrong decoder could
    /// not have read where it stood, if only one does and the character
    /// is of the CJK scripts or their punctuation; among several, where a
    /// byte follows the loss, the one that makes the character clearly
    /// the most plausible to the model (a frequent ideograph among rare
    /// ones); otherwise its character becomes one U+FFFD. Losses in a row
    /// are cut into sequences of three bytes where they can be (a CJK
    /// text's characters take three), each one U+FFFD. Where the losses do
    /// not fit UTF-8's structure one byte each (a decoder that lost two
    /// bytes at once), the piece is repaired as [`ByteRepair::ResyncLost`]
    /// repairs it.
    ///
    /// ```
    /// use unmojibake::{apply_plan, Plan};
    ///
    /// // 预 is E9 A2 84, read after 气 as E9 then A2 E5: GBK has no such
    /// // pair, so A2 was lost; of the ideographs it could restore, only
    /// // 预 is common in simplified Chinese, which the line is.
    /// let plan: Plan = "encode gbk\ntranscode restore-lost\ndecode utf-8\n".parse().unwrap();
    /// let garbled = "鏄庡ぉ鐨勫ぉ姘旈\u{FFFD}勬姤璇翠細涓嬮洦";
    /// assert_eq!(apply_plan(garbled, &plan).unwrap(), "明天的天气预报说会下雨");
    /// ```
    RestoreLost,
    /// Shift_JIS pairs at the IBM extensions (lead bytes FA-FC) go back to
    /// their NEC-selected twins (ED-EE), which Shift_JIS decodes to the
    /// same characters but its encoder never writes: where Shift_JIS read
    /// UTF-8, whose bytes are never FA-FC, the bytes were ED-EE (Hangul
    /// and private use begin with them).
    ///
    /// ```
    /// use unmojibake::{apply_plan, Plan};
    ///
    /// // `한국` is ED 95 9C EA B5 AD; Shift_JIS reads ED 95 as `﨑`,
    /// // which it writes at FA 9A.
    /// let garbled = "﨑懋ｵｭ";
    /// let plain: Plan = "encode shift_jis\ndecode utf-8\n".parse().unwrap();
    /// assert!(apply_plan(garbled, &plain).is_err());
    /// let plan: Plan = "encode shift_jis\ntranscode nec-selected\ndecode utf-8\n".parse().unwrap();
    /// assert_eq!(apply_plan(garbled, &plan).unwrap(), "한국");
    /// ```
    NecSelected,
    /// Big5 pairs go where CPython's Big5 codecs (`big5`, `cp950`) put
    /// them: 249 characters of rows C6 and C7 (kana, circled numbers,
    /// Cyrillic) that CPython lays out otherwise than the WHATWG index,
    /// which encodes here. GBK's text read by CPython's codecs has them
    /// for some of its commonest ideographs (`请` is C7 EB, which CPython
    /// reads as `③` and the WHATWG index writes at C6 A3).
    ///
    /// ```
    /// use unmojibake::{apply_plan, Plan};
    ///
    /// // `请勿吸烟` in GBK, read by CPython's big5 codec.
    /// let garbled = "③昦柲捈";
    /// let plain: Plan = "encode big5\ndecode gbk\n".parse().unwrap();
    /// assert_eq!(apply_plan(garbled, &plain).unwrap(), "疲勿吸烟");
    /// let plan: Plan = "encode big5\ntranscode cpython-big5\ndecode gbk\n".parse().unwrap();
    /// assert_eq!(apply_plan(garbled, &plan).unwrap(), "请勿吸烟");
    /// ```
    CpythonBig5,
}

impl ByteRepair {
    const ALL: [ByteRepair; 9] = [
        ByteRepair::RestoreA0,
        ByteRepair::CompleteA0,
        ByteRepair::MarkLost,
        ByteRepair::ResyncLost,
        ByteRepair::FillUndefined,
        ByteRepair::FillDropped,
        ByteRepair::RestoreLost,
        ByteRepair::NecSelected,
        ByteRepair::CpythonBig5,
    ];

    /// The name used in a plan's text form.
    ///
    /// ```
    /// assert_eq!(unmojibake::ByteRepair::CompleteA0.name(), "complete-a0");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ByteRepair::RestoreA0 => "restore-a0",
            ByteRepair::CompleteA0 => "complete-a0",
            ByteRepair::MarkLost => "mark-lost",
            ByteRepair::ResyncLost => "resync-lost",
            ByteRepair::FillUndefined => "fill-undefined",
            ByteRepair::FillDropped => "fill-dropped",
            ByteRepair::RestoreLost => "restore-lost",
            ByteRepair::NecSelected => "nec-selected",
            ByteRepair::CpythonBig5 => "cpython-big5",
        }
    }
}

impl fmt::Display for ByteRepair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ByteRepair {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        ByteRepair::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| syntax(0, format!("unknown byte repair {s:?}")))
    }
}

/// One step of a [`Plan`].
///
/// A *layer* of repair is an [`Step::Encode`], any number of
/// [`Step::Transcode`]s, and a [`Step::Decode`]: the text (or the listed
/// spans of it) is encoded with the codec that wrongly decoded it, its
/// bytes are repaired, and they are decoded with the codec that was meant.
/// [`Step::Apply`] runs one of the text fixers of the `fix_text` pipeline.
///
/// ```
/// use unmojibake::{fixers::Fixer, Codec, Plan, Step};
///
/// let plan: Plan = "encode sloppy-windows-1252 at 0..4\ndecode utf-8\napply uncurl-quotes\n"
///     .parse()
///     .unwrap();
/// assert_eq!(plan.steps()[1], Step::Decode(Codec::Utf8));
/// assert_eq!(plan.steps()[2], Step::Apply(Fixer::UncurlQuotes));
/// assert_eq!(unmojibake::apply_plan("Ã©t’", &plan).unwrap(), "ét'");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Encode the text with `codec`: the whole text if `spans` is `None`,
    /// else only those byte ranges of it, each on its own, leaving the rest
    /// as it is. Within a layer, U+FFFD encodes as the byte 0x1A.
    Encode {
        /// The codec that had wrongly decoded the text.
        codec: Codec,
        /// Byte ranges of the current text, ascending and disjoint.
        spans: Option<Vec<Range<usize>>>,
    },
    /// Repair the encoded bytes.
    Transcode(ByteRepair),
    /// Decode the bytes with the codec that was meant.
    Decode(Codec),
    /// Apply a text fixer to the whole text (see [`Fixer`]).
    Apply(Fixer),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Encode { codec, spans: None } => write!(f, "encode {codec}"),
            Step::Encode {
                codec,
                spans: Some(spans),
            } => {
                write!(f, "encode {codec} at")?;
                for s in spans {
                    write!(f, " {}..{}", s.start, s.end)?;
                }
                Ok(())
            }
            Step::Transcode(r) => write!(f, "transcode {r}"),
            Step::Decode(codec) => write!(f, "decode {codec}"),
            Step::Apply(fixer) => write!(f, "apply {fixer}"),
        }
    }
}

/// The steps a repair took, in order.
///
/// Its text form has one step a line and parses back with
/// [`str::parse`]; [`crate::apply_plan`] replays it.
///
/// ```
/// use unmojibake::{apply_plan, explain, Plan};
///
/// let explained = explain("cafÃ©");
/// let text = explained.plan().to_string();
/// assert_eq!(text, "encode sloppy-windows-1252 at 3..7\ndecode utf-8\n");
/// let plan: Plan = text.parse().unwrap();
/// assert_eq!(apply_plan("cafÃ©", &plan).unwrap(), "café");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Plan {
    steps: Vec<Step>,
}

impl Plan {
    /// An empty plan, which changes nothing.
    pub fn new() -> Self {
        Plan::default()
    }

    /// The steps, in order.
    ///
    /// ```
    /// let explained = unmojibake::explain("plain text");
    /// assert!(explained.plan().steps().is_empty());
    /// ```
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// True when the plan has no steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Appends a step.
    ///
    /// ```
    /// use unmojibake::{apply_plan, Codec, Plan, Step};
    ///
    /// let mut plan = Plan::new();
    /// plan.push(Step::Encode { codec: Codec::Latin1, spans: None });
    /// plan.push(Step::Decode(Codec::Windows1252));
    /// assert_eq!(apply_plan("\u{93}hi\u{94}", &plan).unwrap(), "“hi”");
    /// ```
    pub fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    pub(crate) fn extend(&mut self, steps: impl IntoIterator<Item = Step>) {
        self.steps.extend(steps);
    }

    /// A plan of these steps, taking their vector as it is.
    pub(crate) fn from_steps(steps: Vec<Step>) -> Self {
        Plan { steps }
    }

    /// Replays the plan on `text`. See [`crate::apply_plan`].
    pub(crate) fn apply(&self, text: &str) -> Result<String, Error> {
        let mut current = text.to_owned();
        let mut i = 0;
        while i < self.steps.len() {
            let (codec, spans) = match &self.steps[i] {
                Step::Apply(fixer) => {
                    if let Cow::Owned(fixed) = fixer.apply(&current) {
                        current = fixed;
                    }
                    i += 1;
                    continue;
                }
                Step::Encode { codec, spans } => (*codec, spans.as_deref()),
                other => {
                    return Err(replay(
                        i,
                        other,
                        "expected an encode step to start a layer".into(),
                    ))
                }
            };
            let start = i;
            let mut repairs = Vec::new();
            i += 1;
            while let Some(Step::Transcode(r)) = self.steps.get(i) {
                repairs.push(*r);
                i += 1;
            }
            let decode = match self.steps.get(i) {
                Some(Step::Decode(c)) => *c,
                Some(other) => {
                    return Err(replay(
                        i,
                        other,
                        "expected a decode step to end the layer".into(),
                    ))
                }
                None => {
                    return Err(replay(
                        start,
                        &self.steps[start],
                        "the layer has no decode step".into(),
                    ))
                }
            };
            let spec = layer::Spec {
                encode: codec,
                repairs: &repairs,
                decode,
            };
            current = layer::apply(&spec, &current, spans)
                .map_err(|reason| replay(start, &self.steps[start], reason))?;
            i += 1;
        }
        Ok(current)
    }
}

fn replay(step: usize, what: &Step, reason: String) -> Error {
    Error::new(ErrorKind::PlanReplay {
        step,
        what: what.to_string(),
        reason,
    })
}

fn syntax(line: usize, reason: String) -> Error {
    Error::new(ErrorKind::PlanSyntax { line, reason })
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            writeln!(f, "{step}")?;
        }
        Ok(())
    }
}

impl FromStr for Plan {
    type Err = Error;

    /// Parses the text form: one step a line; blank lines and lines that
    /// start with `#` are skipped.
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut plan = Plan::new();
        for (n, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            plan.push(parse_step(line).map_err(|reason| syntax(n + 1, reason))?);
        }
        Ok(plan)
    }
}

fn parse_step(line: &str) -> Result<Step, String> {
    let mut words = line.split_whitespace();
    let verb = words.next().unwrap_or_default();
    let arg = words
        .next()
        .ok_or_else(|| format!("{verb:?} needs an argument"))?;
    let codec = || arg.parse::<Codec>().map_err(|e| e.to_string());
    let step = match verb {
        "encode" => {
            let spans = match words.next() {
                None => None,
                Some("at") => Some(
                    words
                        .by_ref()
                        .map(parse_span)
                        .collect::<Result<Vec<_>, _>>()?,
                ),
                Some(other) => return Err(format!("expected \"at\", found {other:?}")),
            };
            return Ok(Step::Encode {
                codec: codec()?,
                spans,
            });
        }
        "transcode" => Step::Transcode(
            arg.parse()
                .map_err(|_| format!("unknown byte repair {arg:?}"))?,
        ),
        "decode" => Step::Decode(codec()?),
        "apply" => Step::Apply(arg.parse().map_err(|_| format!("unknown fixer {arg:?}"))?),
        other => return Err(format!("unknown step {other:?}")),
    };
    match words.next() {
        None => Ok(step),
        Some(extra) => Err(format!("unexpected {extra:?}")),
    }
}

/// Parses `START..END`. Whether the span fits the text is for the replay
/// to say, so that every plan's text form parses back to the same plan.
fn parse_span(s: &str) -> Result<Range<usize>, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("span {s:?} is not START..END"))?;
    let start = a.parse().map_err(|_| format!("bad span start in {s:?}"))?;
    let end = b.parse().map_err(|_| format!("bad span end in {s:?}"))?;
    Ok(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        let text = "encode sloppy-windows-1252 at 0..2 5..9\ntranscode restore-a0\ntranscode mark-lost\ndecode utf-8-variants\nencode latin-1\ndecode windows-1252\n";
        let plan: Plan = text.parse().unwrap();
        assert_eq!(plan.steps().len(), 6);
        assert_eq!(plan.to_string(), text);
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = "encode latin-1\nfrobnicate x\n"
            .parse::<Plan>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot parse plan line 2: unknown step \"frobnicate\""
        );
        let err = "encode latin-1 at 5..x".parse::<Plan>().unwrap_err();
        assert!(err.to_string().contains("bad span end"), "{err}");
        // A reversed span parses (the text form round-trips) but does not replay.
        let plan: Plan = "encode latin-1 at 5..3\ndecode windows-1252\n"
            .parse()
            .unwrap();
        assert!(plan.apply("0123456789").is_err());
        assert!("decode klingon".parse::<Plan>().is_err());
        assert!("transcode nothing".parse::<Plan>().is_err());
    }

    #[test]
    fn replay_errors_name_the_step_and_position() {
        let plan: Plan = "encode latin-1\ndecode utf-8\n".parse().unwrap();
        let err = plan.apply("€").unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan step 0 (encode latin-1) does not apply: latin-1 cannot encode '€' at byte 0"
        );
        let err = plan.apply("Ã(").unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot decode the bytes at offset 0"),
            "{err}"
        );
        let plan: Plan = "encode latin-1 at 0..9\ndecode utf-8\n".parse().unwrap();
        assert!(plan
            .apply("short")
            .unwrap_err()
            .to_string()
            .contains("outside"));
        let plan: Plan = "encode latin-1\n".parse().unwrap();
        assert!(plan
            .apply("x")
            .unwrap_err()
            .to_string()
            .contains("no decode step"));
        let plan: Plan = "decode utf-8\n".parse().unwrap();
        assert!(plan.apply("x").is_err());
    }
}
