//! Running a repair: streams in, repaired lines out.

use std::borrow::Cow;
use std::fmt::{self, Display};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use unmojibake::{Codec, Config, Decoding, FixedBytes, Plan};

use crate::args::{Decode, Input, Mode, Options};
use crate::output::AtomicFile;

/// Buffer size of readers and of the standard output writer.
const BUFFER: usize = 64 * 1024;

/// At most this many invalid-UTF-8 warnings per input; the rest are
/// counted, so that a file in a legacy encoding does not flood standard
/// error with one warning a line.
const MAX_WARNINGS: u64 = 10;

/// How a run ended, for the exit status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Lines changed (or, with `--check`, that would change).
    pub changed: u64,
    /// An error was reported.
    pub failed: bool,
}

/// Runs `options` and reports errors on standard error.
pub fn run(options: &Options) -> Outcome {
    let result = match &options.mode {
        Mode::Stdout => to_stdout(options),
        Mode::File(path) => to_file(options, path),
        Mode::InPlace => in_place(options),
        Mode::Check => check(options),
    };
    match result {
        Ok(outcome) => outcome,
        // Someone stopped reading (`unmojibake big.txt | head`): that is
        // how pipelines end, not an error worth a message. With --check
        // only changed lines are written, so one was found.
        Err(Failure::Write {
            ref name,
            ref error,
        }) if error.kind() == io::ErrorKind::BrokenPipe && name.is_stdout() => Outcome {
            changed: u64::from(options.mode == Mode::Check),
            failed: false,
        },
        Err(failure) => {
            failure.report();
            Outcome {
                changed: 0,
                failed: true,
            }
        }
    }
}

/// An input or output as named in messages.
#[derive(Debug, Clone, Copy)]
enum Name<'a> {
    Stdin,
    Stdout,
    Path(&'a Path),
}

impl Name<'_> {
    fn is_stdout(self) -> bool {
        matches!(self, Name::Stdout)
    }
}

impl Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Stdin => f.write_str("<stdin>"),
            Name::Stdout => f.write_str("<stdout>"),
            Name::Path(path) => path.display().fmt(f),
        }
    }
}

impl<'a> From<&'a Input> for Name<'a> {
    fn from(input: &'a Input) -> Self {
        match input {
            Input::Stdin => Name::Stdin,
            Input::Path(path) => Name::Path(path),
        }
    }
}

/// An error, with the name of the stream it happened on. Read and write
/// errors are told apart because they end a run differently: after a
/// read error the other inputs can still be processed, after a write
/// error nothing more can be written.
#[derive(Debug)]
enum Failure<'a> {
    Read { name: Name<'a>, error: io::Error },
    Write { name: Name<'a>, error: io::Error },
}

impl Failure<'_> {
    fn report(&self) {
        let (Failure::Read { name, error } | Failure::Write { name, error }) = self;
        message(format_args!("{name}: {error}"));
    }
}

/// Prints `unmojibake: <what>` to standard error. Errors writing it are
/// ignored: there is nowhere left to report them, and they must not
/// abort (as `eprintln!` would) a run that is writing good output.
fn message(what: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "unmojibake: {what}");
}

fn open(input: &Input) -> Result<BufReader<Box<dyn Read>>, Failure<'_>> {
    let reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::Path(path) => Box::new(File::open(path).map_err(|error| Failure::Read {
            name: Name::Path(path),
            error,
        })?),
    };
    Ok(BufReader::with_capacity(BUFFER, reader))
}

/// All inputs to standard output. A failed input is reported and skipped,
/// as `cat` does: the output is a stream, there is nothing to roll back.
fn to_stdout(options: &Options) -> Result<Outcome, Failure<'_>> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(BUFFER, stdout.lock());
    let outcome = each_input(options, |input, reader| {
        let mut fixer = Fixer::new(input.into(), options, None);
        fixer.stream(reader, &mut out, Name::Stdout, true)?;
        Ok(fixer.changed)
    })?;
    out.flush().map_err(|error| Failure::Write {
        name: Name::Stdout,
        error,
    })?;
    Ok(outcome)
}

/// Runs `each` on every input in turn, adding up the changed lines. A
/// read error is reported and the next input taken, as `cat` does; any
/// other error ends the run.
fn each_input<'a>(
    options: &'a Options,
    mut each: impl FnMut(&'a Input, &mut BufReader<Box<dyn Read>>) -> Result<u64, Failure<'a>>,
) -> Result<Outcome, Failure<'a>> {
    let mut outcome = Outcome::default();
    for input in &options.inputs {
        match open(input).and_then(|mut reader| each(input, &mut reader)) {
            Ok(changed) => outcome.changed += changed,
            Err(failure @ Failure::Read { .. }) => {
                failure.report();
                outcome.failed = true;
            }
            Err(failure) => return Err(failure),
        }
    }
    Ok(outcome)
}

/// All inputs to one file, replaced only if every input was read: a
/// partial result must not take the place of a good file.
fn to_file<'a>(options: &'a Options, path: &'a Path) -> Result<Outcome, Failure<'a>> {
    let name = Name::Path(path);
    let write_error = |error| Failure::Write { name, error };
    let mut out = AtomicFile::create(path).map_err(write_error)?;
    let mut outcome = Outcome::default();
    for input in &options.inputs {
        let mut reader = open(input)?;
        let mut fixer = Fixer::new(input.into(), options, None);
        fixer.stream(&mut reader, &mut out, name, false)?;
        outcome.changed += fixer.changed;
    }
    out.commit().map_err(write_error)?;
    Ok(outcome)
}

/// Each input rewritten through its own temporary file. A failure is
/// reported and leaves that file as it was; the others are still done.
fn in_place(options: &Options) -> Result<Outcome, Failure<'_>> {
    let mut outcome = Outcome::default();
    for input in &options.inputs {
        let Input::Path(path) = input else {
            unreachable!("the parser refuses standard input with --in-place");
        };
        let name = Name::Path(path);
        let result = open(input).and_then(|mut reader| {
            let write_error = |error| Failure::Write { name, error };
            let mut out = AtomicFile::create(path).map_err(write_error)?;
            let mut fixer = Fixer::new(name, options, None);
            fixer.stream(&mut reader, &mut out, name, false)?;
            // Dropping `out` discards it: a file with nothing to repair
            // keeps its inode, times and hard links.
            if fixer.changed > 0 {
                out.commit().map_err(write_error)?;
            }
            Ok(fixer.changed)
        });
        match result {
            Ok(changed) => outcome.changed += changed,
            Err(failure) => {
                failure.report();
                outcome.failed = true;
            }
        }
    }
    Ok(outcome)
}

/// Nothing written; each line that would change is listed on standard
/// output.
fn check(options: &Options) -> Result<Outcome, Failure<'_>> {
    let stdout = io::stdout();
    let mut listing = BufWriter::new(stdout.lock());
    let outcome = each_input(options, |input, reader| {
        let mut fixer = Fixer::new(input.into(), options, Some(&mut listing));
        fixer.stream(reader, &mut io::sink(), Name::Stdout, false)?;
        Ok(fixer.changed)
    })?;
    listing.flush().map_err(|error| Failure::Write {
        name: Name::Stdout,
        error,
    })?;
    Ok(outcome)
}

/// Repairs one input: line by line, or whole with `--guess`.
struct Fixer<'a, 'l> {
    name: Name<'a>,
    explain: bool,
    config: Option<Config>,
    decode: Decode,
    /// With `--check`: where `name:line` of each changed line goes (`name`
    /// of each changed input, with `--guess`).
    listing: Option<&'l mut dyn Write>,
    /// Lines changed (inputs, with `--guess`): whose output bytes differ
    /// from their input bytes.
    changed: u64,
    invalid: u64,
}

impl<'a, 'l> Fixer<'a, 'l> {
    fn new(name: Name<'a>, options: &Options, listing: Option<&'l mut dyn Write>) -> Self {
        Fixer {
            name,
            explain: options.explain,
            config: options.config,
            decode: options.decode,
            listing,
            changed: 0,
            invalid: 0,
        }
    }

    /// Copies `reader` to `out`, repaired. With `flush_when_idle`, `out`
    /// is flushed whenever the reader has no more input buffered, so that
    /// output keeps up with a slow pipe (`tail -f log | unmojibake`)
    /// instead of waiting for a full buffer.
    fn stream<R: Read>(
        &mut self,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        out_name: Name<'a>,
        flush_when_idle: bool,
    ) -> Result<(), Failure<'a>> {
        match self.decode {
            Decode::Guess => self.whole(reader, out, out_name),
            Decode::Utf8 | Decode::Encoding(Codec::Utf8) => {
                self.lines(reader, out, out_name, flush_when_idle, None)
            }
            Decode::Encoding(codec) => {
                self.lines(reader, out, out_name, flush_when_idle, Some(codec))
            }
        }
    }

    /// [`stream`](Self::stream) line by line, each line decoded from
    /// `codec` (UTF-8 for `None`, without a copy).
    fn lines<R: Read>(
        &mut self,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        out_name: Name<'a>,
        flush_when_idle: bool,
        codec: Option<Codec>,
    ) -> Result<(), Failure<'a>> {
        let name = self.name;
        let read_error = |error| Failure::Read { name, error };
        let write_error = |error| Failure::Write {
            name: out_name,
            error,
        };
        let encoding = codec.map_or("UTF-8", Codec::name);
        let mut line = Vec::new();
        let mut number = 0u64;
        loop {
            if flush_when_idle && reader.buffer().is_empty() {
                out.flush().map_err(write_error)?;
            }
            line.clear();
            if reader.read_until(b'\n', &mut line).map_err(read_error)? == 0 {
                break;
            }
            number += 1;
            let (body, ending) = split_line_ending(&line);
            let decoded = match codec {
                None => std::str::from_utf8(body).ok().map(Cow::Borrowed),
                Some(codec) => codec.decode(body).ok().map(Cow::Owned),
            };
            let Some(text) = decoded else {
                self.invalid += 1;
                if self.invalid <= MAX_WARNINGS {
                    message(format_args!(
                        "{name}:{number}: warning: line is not valid {encoding}; \
                         passed through unchanged"
                    ));
                }
                out.write_all(&line).map_err(write_error)?;
                continue;
            };
            let fixed = self.fix_line(&text, number);
            if !same(body, fixed.as_bytes()) {
                self.changed += 1;
                if let Some(listing) = self.listing.as_mut() {
                    writeln!(listing, "{name}:{number}").map_err(write_error)?;
                }
            }
            out.write_all(fixed.as_bytes()).map_err(write_error)?;
            out.write_all(ending).map_err(write_error)?;
        }
        if self.invalid > MAX_WARNINGS {
            message(format_args!(
                "{name}: warning: {} more lines that are not valid {encoding} \
                 passed through unchanged",
                self.invalid - MAX_WARNINGS
            ));
        }
        Ok(())
    }

    /// [`stream`](Self::stream) with `--guess`: the input read whole,
    /// decoded and repaired by [`unmojibake::fix_bytes`], then cleaned
    /// line by line with the config, if any.
    fn whole<R: Read>(
        &mut self,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        out_name: Name<'a>,
    ) -> Result<(), Failure<'a>> {
        let name = self.name;
        let write_error = |error| Failure::Write {
            name: out_name,
            error,
        };
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::Read { name, error })?;
        let fixed = unmojibake::fix_bytes(&bytes);
        self.report(&fixed);
        let text = match self.config {
            // `fix_bytes` did the encoding repair already.
            None => Cow::Borrowed(fixed.text()),
            Some(_) => {
                let mut text = String::with_capacity(fixed.text().len());
                for (number, line) in (1..).zip(fixed.text().split_inclusive('\n')) {
                    let (body, _) = split_line_ending(line.as_bytes());
                    let (body, ending) = line.split_at(body.len());
                    text.push_str(&self.fix_line(body, number));
                    text.push_str(ending);
                }
                Cow::Owned(text)
            }
        };
        if !same(&bytes, text.as_bytes()) {
            self.changed += 1;
            if let Some(listing) = self.listing.as_mut() {
                writeln!(listing, "{name}").map_err(write_error)?;
            }
        }
        out.write_all(text.as_bytes()).map_err(write_error)
    }

    /// Says on standard error how [`fix_bytes`](unmojibake::fix_bytes)
    /// decoded the input: one line, with the lines each decoding took and
    /// the bytes that could not be decoded; with `--explain`, each run of
    /// lines and the repair plan too.
    fn report(&self, fixed: &FixedBytes<'_>) {
        let name = self.name;
        let decoded = fixed.decoded();
        // (decoding, first line, lines) of each run.
        let mut runs = Vec::new();
        let mut first = 1;
        for run in fixed.decodings() {
            let text = decoded.get(run.text_range()).unwrap_or_default();
            let lines = line_count(text);
            runs.push((run, first, lines));
            first += text.matches('\n').count();
        }
        // Lines per decoding, in the order of first use.
        let mut uses: Vec<(Decoding, usize)> = Vec::new();
        for &(run, _, lines) in &runs {
            match uses.iter_mut().find(|(d, _)| *d == run.decoding()) {
                Some((_, n)) => *n += lines,
                None => uses.push((run.decoding(), lines)),
            }
        }
        let mut summary = match uses.as_slice() {
            [] => "empty".to_owned(),
            [(decoding, _)] => format!("decoded as {decoding}"),
            _ => {
                let uses: Vec<String> = uses
                    .iter()
                    .map(|&(d, n)| format!("{d} ({n} line{})", plural(n)))
                    .collect();
                format!("decoded as {}", uses.join(", "))
            }
        };
        let bad = fixed.undecodable();
        if bad > 0 {
            summary += &format!("; {bad} byte{} could not be decoded", plural(bad));
        }
        message_plain(format_args!("{name}: {summary}"));
        if !self.explain {
            return;
        }
        for (run, first, lines) in runs {
            let location = if lines > 1 {
                format!("{first}-{}", first + lines - 1)
            } else {
                first.to_string()
            };
            let bad = match run.undecodable() {
                0 => String::new(),
                n => format!(" ({n} byte{} undecodable)", plural(n)),
            };
            message_plain(format_args!(
                "{name}:{location}: decoded as {}{bad}",
                run.decoding()
            ));
        }
        if !fixed.plan().is_empty() {
            message_plain(format_args!("{name}: {}", steps(fixed.plan())));
        }
    }

    /// Repairs one line (without its ending), and explains it if it
    /// changed.
    fn fix_line<'t>(&self, text: &'t str, number: u64) -> Cow<'t, str> {
        if !self.explain {
            return match &self.config {
                None => unmojibake::fix_mojibake(text),
                Some(config) => config.fix(text),
            };
        }
        // `explain` does the repair too: one pass, not two.
        let explained = match &self.config {
            None => unmojibake::explain(text),
            Some(config) => config.explain(text),
        };
        if is_change(text, explained.text()) {
            message_plain(format_args!(
                "{}:{number}: {} (cost {} -> {})",
                self.name,
                steps(explained.plan()),
                explained.cost_before(),
                explained.cost_after(),
            ));
        }
        explained.into_text()
    }
}

/// A plan on one line, its steps separated by ` | `.
fn steps(plan: &Plan) -> String {
    let steps: Vec<String> = plan.steps().iter().map(ToString::to_string).collect();
    steps.join(" | ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The lines of `text`, the last one counted whether or not it ends in
/// `\n`.
fn line_count(text: &str) -> usize {
    text.matches('\n').count() + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

fn is_change(before: &str, after: &str) -> bool {
    !same(before.as_bytes(), after.as_bytes())
}

fn same(before: &[u8], after: &[u8]) -> bool {
    // Same pointer and length: the borrowed, unchanged text; no need to
    // compare the bytes.
    std::ptr::eq(before, after) || before == after
}

/// Like [`message`] without the program name: `--explain` and `--guess`
/// reports are output, not diagnostics, and begin with the file name.
fn message_plain(what: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{what}");
}

/// Splits a line as read into its content and its ending (`\r\n`, `\n` or
/// nothing, for a last line without one), so that the ending is written
/// back byte for byte and never seen by the repair.
fn split_line_ending(line: &[u8]) -> (&[u8], &[u8]) {
    let body_len = match line {
        [.., b'\r', b'\n'] => line.len() - 2,
        [.., b'\n'] => line.len() - 1,
        _ => line.len(),
    };
    line.split_at(body_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_split_off() {
        assert_eq!(split_line_ending(b"ab\r\n"), (&b"ab"[..], &b"\r\n"[..]));
        assert_eq!(split_line_ending(b"ab\n"), (&b"ab"[..], &b"\n"[..]));
        assert_eq!(split_line_ending(b"ab"), (&b"ab"[..], &b""[..]));
        assert_eq!(split_line_ending(b"ab\r"), (&b"ab\r"[..], &b""[..]));
        assert_eq!(split_line_ending(b"\r\n"), (&b""[..], &b"\r\n"[..]));
    }

    #[test]
    fn stream_repairs_lines_and_keeps_endings() {
        let input = "caf\u{c3}\u{a9}\r\nok\n\u{c3}\u{a9}t\u{c3}\u{a9}";
        let mut reader = BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        let mut fixer = Fixer::new(Name::Stdin, &options(Decode::Utf8), None);
        fixer
            .stream(&mut reader, &mut out, Name::Stdout, true)
            .unwrap();
        assert_eq!(out, "café\r\nok\nété".as_bytes());
        assert_eq!(fixer.changed, 2);
    }

    fn options(decode: Decode) -> Options {
        Options {
            inputs: vec![Input::Stdin],
            mode: Mode::Stdout,
            explain: false,
            config: None,
            decode,
        }
    }

    #[test]
    fn stream_decodes_an_encoding_and_counts_transcoded_lines() {
        let input = b"caf\xe9\r\nplain\n\xc3\xa9t\xc3\xa9";
        let mut reader = BufReader::new(&input[..]);
        let mut out = Vec::new();
        let codec = Decode::Encoding(Codec::Windows1252);
        let mut fixer = Fixer::new(Name::Stdin, &options(codec), None);
        fixer
            .stream(&mut reader, &mut out, Name::Stdout, false)
            .unwrap();
        // The last line is windows-1252 mojibake of UTF-8 "été": repaired,
        // it is its own bytes again, so it does not count as changed.
        assert_eq!(out, "café\r\nplain\nété".as_bytes());
        assert_eq!(fixer.changed, 1);
    }

    #[test]
    fn lines_are_counted() {
        assert_eq!(line_count(""), 0);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 1);
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("\n\n"), 2);
    }
}
