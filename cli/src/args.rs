//! Command-line parsing.
//!
//! Done by hand: the flag set is small, and the tool takes no dependency
//! beyond the library it fronts.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::PathBuf;

/// The `--help` text.
pub const USAGE: &str = "\
Repairs mojibake: text that was encoded with one character encoding and
decoded with another (cafÃ© for café, Ð¿Ñ€Ð¸Ð²ÐµÑ‚ for привет).

Usage: unmojibake [OPTIONS] [FILE...]

Reads each FILE in turn, or standard input when there is none or a FILE is
'-', repairs it line by line and writes the result to standard output.
Line endings are kept exactly as they are. A line that is not valid UTF-8
is passed through unchanged, with a warning.

Options:
  -o, --output FILE  write to FILE instead of standard output; FILE is
                     replaced in one step once all input is read, and may
                     be one of the inputs
  -i, --in-place     rewrite each FILE in place (a FILE with nothing to
                     repair is left untouched)
      --check        write nothing; print FILE:LINE for each line that
                     would change, and exit with status 1 if there is one
      --explain      print the repair plan of each changed line, with the
                     plausibility cost before and after, to standard error
  -h, --help         print this help
  -V, --version      print the version
      --             treat every later argument as a FILE

Exit status: 0 on success, 1 on an error or when --check finds a line to
change, 2 on a usage error.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print [`USAGE`].
    Help,
    /// Print the version.
    Version,
    /// Repair the inputs.
    Run(Options),
}

/// Options of a repair run.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The inputs in the order given; never empty (standard input when no
    /// FILE was given).
    pub inputs: Vec<Input>,
    /// Where the repaired text goes.
    pub mode: Mode,
    /// Print each changed line's plan to standard error.
    pub explain: bool,
}

/// One input stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input (no FILE, or `-`).
    Stdin,
    /// A file.
    Path(PathBuf),
}

/// Where output goes. One variant per mode because the modes exclude one
/// another, which the parser checks once here.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// All inputs, repaired, to standard output.
    Stdout,
    /// All inputs, repaired, to this file, replaced atomically.
    File(PathBuf),
    /// Each input rewritten in place.
    InPlace,
    /// Nothing written: changed lines are listed.
    Check,
}

/// A command line that cannot be run; exit status 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn usage(message: impl Into<String>) -> UsageError {
    UsageError(message.into())
}

/// The value of `--output`: `-` is standard output, as for the inputs.
fn output_target(value: &OsStr) -> Result<Option<PathBuf>, UsageError> {
    if value.is_empty() {
        Err(usage("option '--output' needs a non-empty FILE"))
    } else if value == "-" {
        Ok(None)
    } else {
        Ok(Some(PathBuf::from(value)))
    }
}

/// Parses the arguments after the program name.
///
/// Arguments are `OsString`s so that file names need not be UTF-8; only
/// flags must be.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let mut inputs = Vec::new();
    // `Some(None)` is `-o -`: standard output, asked for explicitly.
    let mut output: Option<Option<PathBuf>> = None;
    let mut in_place = false;
    let mut check = false;
    let mut explain = false;
    let mut only_files = false;

    while let Some(arg) = args.next() {
        if only_files || arg == "-" || !arg.as_encoded_bytes().starts_with(b"-") {
            inputs.push(if arg == "-" {
                Input::Stdin
            } else {
                Input::Path(arg.into())
            });
            continue;
        }
        let Some(flag) = arg.to_str() else {
            return Err(usage(format!("unknown option '{}'", arg.to_string_lossy())));
        };
        // An attached value (`--output=F`, `-oF`) as getopt allows; it has
        // to be UTF-8 here, the separate form takes any file name.
        let attached = flag
            .strip_prefix("--output=")
            .or_else(|| flag.strip_prefix("-o").filter(|v| !v.is_empty()));
        let value = match flag {
            "--" => {
                only_files = true;
                continue;
            }
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--explain" => {
                explain = true;
                continue;
            }
            "--check" => {
                check = true;
                continue;
            }
            "-i" | "--in-place" => {
                in_place = true;
                continue;
            }
            "-o" | "--output" => args
                .next()
                .ok_or_else(|| usage(format!("option '{flag}' needs a FILE argument")))?,
            _ => match attached {
                Some(value) => value.into(),
                None => return Err(usage(format!("unknown option '{flag}'"))),
            },
        };
        if output.is_some() {
            return Err(usage("option '--output' given more than once"));
        }
        output = Some(output_target(&value)?);
    }

    let mode = match (output, in_place, check) {
        (Some(_), _, true) | (None, true, true) => {
            return Err(usage(
                "--check writes nothing; it cannot be combined with --output or --in-place",
            ))
        }
        (Some(_), true, false) => {
            return Err(usage("--in-place and --output cannot be used together"))
        }
        (None, true, false) => {
            if inputs.is_empty() {
                return Err(usage("--in-place needs at least one FILE"));
            }
            if inputs.contains(&Input::Stdin) {
                return Err(usage("--in-place cannot rewrite standard input ('-')"));
            }
            Mode::InPlace
        }
        (None, false, true) => Mode::Check,
        (Some(Some(path)), false, false) => Mode::File(path),
        (Some(None), false, false) | (None, false, false) => Mode::Stdout,
    };
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Ok(Command::Run(Options {
        inputs,
        mode,
        explain,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    fn run(inputs: Vec<Input>, mode: Mode, explain: bool) -> Result<Command, UsageError> {
        Ok(Command::Run(Options {
            inputs,
            mode,
            explain,
        }))
    }

    fn path(p: &str) -> Input {
        Input::Path(p.into())
    }

    #[test]
    fn no_arguments_read_stdin_to_stdout() {
        assert_eq!(
            parse_strs(&[]),
            run(vec![Input::Stdin], Mode::Stdout, false)
        );
    }

    #[test]
    fn files_dash_and_double_dash() {
        assert_eq!(
            parse_strs(&["a", "-", "--explain", "--", "-b", "--check"]),
            run(
                vec![path("a"), Input::Stdin, path("-b"), path("--check")],
                Mode::Stdout,
                true
            )
        );
    }

    #[test]
    fn output_forms() {
        let want = run(vec![path("in")], Mode::File("out".into()), false);
        assert_eq!(parse_strs(&["-o", "out", "in"]), want);
        assert_eq!(parse_strs(&["in", "--output", "out"]), want);
        assert_eq!(parse_strs(&["--output=out", "in"]), want);
        assert_eq!(parse_strs(&["-oout", "in"]), want);
        assert_eq!(
            parse_strs(&["-o", "-"]),
            run(vec![Input::Stdin], Mode::Stdout, false)
        );
        // A value that looks like a flag is still the value, as with getopt.
        assert_eq!(
            parse_strs(&["-o", "--check"]),
            run(vec![Input::Stdin], Mode::File("--check".into()), false)
        );
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_strs(&["x", "-h"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["-V"]), Ok(Command::Version));
        assert_eq!(parse_strs(&["--version", "--bogus"]), Ok(Command::Version));
    }

    #[test]
    fn in_place_and_check() {
        assert_eq!(
            parse_strs(&["-i", "a", "b"]),
            run(vec![path("a"), path("b")], Mode::InPlace, false)
        );
        assert_eq!(
            parse_strs(&["--check", "--explain"]),
            run(vec![Input::Stdin], Mode::Check, true)
        );
    }

    #[test]
    fn usage_errors() {
        let error = |args: &[&str]| parse_strs(args).unwrap_err().to_string();
        assert_eq!(error(&["--frobnicate"]), "unknown option '--frobnicate'");
        assert_eq!(error(&["-x"]), "unknown option '-x'");
        assert_eq!(error(&["-o"]), "option '-o' needs a FILE argument");
        assert!(error(&["-o", "a", "-o", "b"]).contains("more than once"));
        assert!(error(&["--output="]).contains("non-empty"));
        assert!(error(&["--check", "-o", "x"]).contains("--check"));
        assert!(error(&["--check", "-i", "x"]).contains("--check"));
        assert!(error(&["-i", "-o", "x", "y"]).contains("together"));
        assert!(error(&["-i"]).contains("at least one FILE"));
        assert!(error(&["-i", "a", "-"]).contains("standard input"));
    }
}
