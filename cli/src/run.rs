//! Running a repair: streams in, repaired lines out.

use std::borrow::Cow;
use std::fmt::{self, Display};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use crate::args::{Input, Mode, Options};
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
        let mut fixer = Fixer::new(input.into(), options.explain, None);
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
        let mut fixer = Fixer::new(input.into(), options.explain, None);
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
            let mut fixer = Fixer::new(name, options.explain, None);
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
        let mut fixer = Fixer::new(input.into(), options.explain, Some(&mut listing));
        fixer.stream(reader, &mut io::sink(), Name::Stdout, false)?;
        Ok(fixer.changed)
    })?;
    listing.flush().map_err(|error| Failure::Write {
        name: Name::Stdout,
        error,
    })?;
    Ok(outcome)
}

/// Repairs one input, line by line.
struct Fixer<'a, 'l> {
    name: Name<'a>,
    explain: bool,
    /// With `--check`: where `name:line` of each changed line goes.
    listing: Option<&'l mut dyn Write>,
    changed: u64,
    invalid: u64,
}

impl<'a, 'l> Fixer<'a, 'l> {
    fn new(name: Name<'a>, explain: bool, listing: Option<&'l mut dyn Write>) -> Self {
        Fixer {
            name,
            explain,
            listing,
            changed: 0,
            invalid: 0,
        }
    }

    /// Copies `reader` to `out`, repairing each line. With
    /// `flush_when_idle`, `out` is flushed whenever the reader has no more
    /// input buffered, so that output keeps up with a slow pipe
    /// (`tail -f log | unmojibake`) instead of waiting for a full buffer.
    fn stream<R: Read>(
        &mut self,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        out_name: Name<'a>,
        flush_when_idle: bool,
    ) -> Result<(), Failure<'a>> {
        let name = self.name;
        let read_error = |error| Failure::Read { name, error };
        let write_error = |error| Failure::Write {
            name: out_name,
            error,
        };
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
            match std::str::from_utf8(body) {
                Ok(text) => {
                    let fixed = self.fix(text, number).map_err(write_error)?;
                    out.write_all(fixed.as_bytes()).map_err(write_error)?;
                    out.write_all(ending).map_err(write_error)?;
                }
                Err(_) => {
                    self.invalid += 1;
                    if self.invalid <= MAX_WARNINGS {
                        message(format_args!(
                            "{name}:{number}: warning: line is not valid UTF-8; \
                             passed through unchanged"
                        ));
                    }
                    out.write_all(&line).map_err(write_error)?;
                }
            }
        }
        if self.invalid > MAX_WARNINGS {
            message(format_args!(
                "{name}: warning: {} more lines that are not valid UTF-8 \
                 passed through unchanged",
                self.invalid - MAX_WARNINGS
            ));
        }
        Ok(())
    }

    /// Repairs one line (without its ending), and lists or explains it if
    /// it changed. Errors are those of writing the listing.
    fn fix<'t>(&mut self, text: &'t str, number: u64) -> io::Result<Cow<'t, str>> {
        let fixed = if self.explain {
            // `explain` does the repair too: one pass, not two.
            let explained = unmojibake::explain(text);
            if is_change(text, explained.text()) {
                let steps: Vec<String> = explained
                    .plan()
                    .steps()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                message_plain(format_args!(
                    "{}:{number}: {} (cost {} -> {})",
                    self.name,
                    steps.join(" | "),
                    explained.cost_before(),
                    explained.cost_after(),
                ));
            }
            explained.into_text()
        } else {
            unmojibake::fix_mojibake(text)
        };
        if is_change(text, &fixed) {
            self.changed += 1;
            if let Some(listing) = self.listing.as_mut() {
                writeln!(listing, "{}:{number}", self.name)?;
            }
        }
        Ok(fixed)
    }
}

fn is_change(before: &str, after: &str) -> bool {
    // Same pointer and length: the borrowed, unchanged text; no need to
    // compare the bytes.
    !(std::ptr::eq(before, after) || before == after)
}

/// Like [`message`] without the program name: `--explain` lines are
/// output, not diagnostics, and begin with the file name.
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
        let mut fixer = Fixer::new(Name::Stdin, false, None);
        fixer
            .stream(&mut reader, &mut out, Name::Stdout, true)
            .unwrap();
        assert_eq!(out, "café\r\nok\nété".as_bytes());
        assert_eq!(fixer.changed, 2);
    }
}
