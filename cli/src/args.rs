//! Command-line parsing.
//!
//! Done by hand: the flag set is small, and the tool takes no dependency
//! beyond the library it fronts.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::PathBuf;

use unmojibake::fixers::Normalization;
use unmojibake::{Codec, Config, HtmlEntities};

/// The `--help` text.
pub const USAGE: &str = "\
Repairs mojibake: text that was encoded with one character encoding and
decoded with another (cafÃ© for café, Ð¿Ñ€Ð¸Ð²ÐµÑ‚ for привет).

Usage: unmojibake [OPTIONS] [FILE...]

Reads each FILE in turn, or standard input when there is none or a FILE is
'-', repairs it line by line and writes the result to standard output.
Line endings are kept exactly as they are. A line that is not valid UTF-8
(or not valid ENC, with --encoding) is passed through unchanged, with a
warning.

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
      --config NAME  what to repair:
                       mojibake      the encoding only (the default)
                       conservative  also HTML entities and terminal
                                     escapes, and normalize to NFC; correct
                                     text is left alone
                       ftfy          as Python ftfy's fix_text: also
                                     straightens curly quotes, replaces
                                     fullwidth forms and ligatures, removes
                                     control characters, and breaks a line
                                     at a lone CR or U+2028 (line endings
                                     stay as they are)
      --normalization FORM
                     end with Unicode normalization FORM: nfc, nfd, nfkc,
                     nfkd or none (with --config conservative or ftfy,
                     whose default is nfc)
      --preserve-entities
                     leave HTML character references (&amp;) as they are
                     (with --config conservative or ftfy)
      --encoding ENC the input is in ENC, not UTF-8: each line is decoded
                     from ENC, then repaired; ENC is a name such as cp1252,
                     latin-1, koi8-r, gbk, big5, shift_jis or euc-kr (an
                     unknown name lists them all)
      --guess        the input's encoding is unknown, or mixed: each input
                     is read whole, decoded (as UTF-16 if it has a BOM or
                     looks like it, else each line as UTF-8 or the most
                     plausible legacy encoding), then repaired; one line per
                     input on standard error says which encodings were used
                     and how many bytes could not be decoded (they become
                     U+FFFD). With --check, print each FILE that would
                     change; with --explain, also the decoded runs and the
                     repair plan
  -h, --help         print this help
  -V, --version      print the version
      --             treat every later argument as a FILE

With --encoding or --guess the output is UTF-8, with --in-place too: a
line (or, with --guess, a FILE) counts as changed when its UTF-8 output
differs from its bytes.

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
    /// The cleaning of each line: `None` (`--config mojibake`) for the
    /// encoding repair alone.
    pub config: Option<Config>,
    /// How the input bytes become text.
    pub decode: Decode,
}

/// How the input bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// Each line as UTF-8 (the default).
    Utf8,
    /// Each line strictly in this encoding (`--encoding`).
    Encoding(Codec),
    /// Each input whole, by [`unmojibake::fix_bytes`] (`--guess`).
    Guess,
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

/// The options that take a value, with how messages name the value.
const WITH_VALUE: &[(&str, &str)] = &[
    ("-o", "a FILE"),
    ("--output", "a FILE"),
    ("--config", "a NAME"),
    ("--normalization", "a FORM"),
    ("--encoding", "an ENC"),
];

/// The presets of `--config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preset {
    Mojibake,
    Conservative,
    Ftfy,
}

fn preset(value: &str) -> Result<Preset, UsageError> {
    match value.to_ascii_lowercase().as_str() {
        "mojibake" => Ok(Preset::Mojibake),
        "conservative" => Ok(Preset::Conservative),
        "ftfy" => Ok(Preset::Ftfy),
        _ => Err(usage(format!(
            "invalid value '{value}' for '--config': \
             expected mojibake, conservative or ftfy"
        ))),
    }
}

/// The value of `--normalization`; `None` for `none`.
fn normalization(value: &str) -> Result<Option<Normalization>, UsageError> {
    match value.to_ascii_lowercase().as_str() {
        "nfc" => Ok(Some(Normalization::Nfc)),
        "nfd" => Ok(Some(Normalization::Nfd)),
        "nfkc" => Ok(Some(Normalization::Nfkc)),
        "nfkd" => Ok(Some(Normalization::Nfkd)),
        "none" => Ok(None),
        _ => Err(usage(format!(
            "invalid value '{value}' for '--normalization': \
             expected nfc, nfd, nfkc, nfkd or none"
        ))),
    }
}

fn encoding(value: &str) -> Result<Codec, UsageError> {
    value.parse().map_err(|_| {
        let names: Vec<&str> = Codec::ALL.iter().map(|c| c.name()).collect();
        usage(format!(
            "unknown encoding '{value}' for '--encoding'; the known encodings are \
             {} (and aliases such as cp1252, latin1, sjis)",
            names.join(", ")
        ))
    })
}

/// Sets an option that may be given once.
fn once<T>(slot: &mut Option<T>, value: T, flag: &str) -> Result<(), UsageError> {
    if slot.is_some() {
        return Err(usage(format!("option '{flag}' given more than once")));
    }
    *slot = Some(value);
    Ok(())
}

/// Parses the arguments after the program name.
///
/// Arguments are `OsString`s so that file names need not be UTF-8; only
/// flags, and values other than file names, must be.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let mut inputs = Vec::new();
    // `Some(None)` is `-o -`: standard output, asked for explicitly.
    let mut output: Option<Option<PathBuf>> = None;
    let mut in_place = false;
    let mut check = false;
    let mut explain = false;
    let mut only_files = false;
    let mut preset_given = None;
    let mut normalization_given = None;
    let mut preserve_entities = false;
    let mut encoding_given = None;
    let mut guess = false;

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
        match flag {
            "--" => only_files = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--explain" => explain = true,
            "--check" => check = true,
            "-i" | "--in-place" => in_place = true,
            "--preserve-entities" => preserve_entities = true,
            "--guess" => guess = true,
            _ => {
                // An attached value (`--output=F`, `-oF`) as getopt allows;
                // it has to be UTF-8 here, the separate form takes any file
                // name.
                let (name, attached) = match flag.split_once('=') {
                    Some((name, value)) if name.starts_with("--") => (name, Some(value)),
                    _ => match flag.strip_prefix("-o") {
                        Some(value) if !value.is_empty() && !flag.starts_with("--") => {
                            ("-o", Some(value))
                        }
                        _ => (flag, None),
                    },
                };
                let Some(&(name, what)) = WITH_VALUE.iter().find(|(n, _)| *n == name) else {
                    return Err(usage(format!("unknown option '{flag}'")));
                };
                let value = match attached {
                    Some(value) => OsString::from(value),
                    None => args
                        .next()
                        .ok_or_else(|| usage(format!("option '{name}' needs {what} argument")))?,
                };
                if matches!(name, "-o" | "--output") {
                    once(&mut output, output_target(&value)?, "--output")?;
                    continue;
                }
                let Some(value) = value.to_str() else {
                    return Err(usage(format!(
                        "invalid value '{}' for '{name}'",
                        value.to_string_lossy()
                    )));
                };
                match name {
                    "--config" => once(&mut preset_given, preset(value)?, name)?,
                    "--normalization" => {
                        once(&mut normalization_given, normalization(value)?, name)?
                    }
                    _ => once(&mut encoding_given, encoding(value)?, name)?,
                }
            }
        }
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

    let config = match preset_given.unwrap_or(Preset::Mojibake) {
        Preset::Mojibake => {
            for (given, flag) in [
                (normalization_given.is_some(), "--normalization"),
                (preserve_entities, "--preserve-entities"),
            ] {
                if given {
                    return Err(usage(format!(
                        "{flag} needs --config conservative or --config ftfy \
                         (--config mojibake, the default, repairs encodings only)"
                    )));
                }
            }
            None
        }
        preset => {
            let mut config = if preset == Preset::Ftfy {
                Config::ftfy()
            } else {
                Config::conservative()
            };
            if let Some(form) = normalization_given {
                config = config.normalization(form);
            }
            if preserve_entities {
                config = config.html(HtmlEntities::Never);
            }
            Some(config)
        }
    };

    let decode = match (guess, encoding_given) {
        (true, Some(_)) => return Err(usage("--guess and --encoding cannot be used together")),
        (true, None) => Decode::Guess,
        (false, Some(codec)) => Decode::Encoding(codec),
        (false, None) => Decode::Utf8,
    };

    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Ok(Command::Run(Options {
        inputs,
        mode,
        explain,
        config,
        decode,
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
            config: None,
            decode: Decode::Utf8,
        }))
    }

    /// The options of a successful parse.
    fn options(args: &[&str]) -> Options {
        match parse_strs(args) {
            Ok(Command::Run(options)) => options,
            other => panic!("{args:?}: {other:?}"),
        }
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
    fn config_presets_and_their_options() {
        assert_eq!(options(&["--config", "mojibake"]).config, None);
        assert_eq!(options(&["--config=ftfy"]).config, Some(Config::ftfy()));
        assert_eq!(
            options(&["--config", "Conservative"]).config,
            Some(Config::conservative())
        );
        // In either order.
        let want = Some(
            Config::ftfy()
                .normalization(Some(Normalization::Nfkc))
                .html(HtmlEntities::Never),
        );
        assert_eq!(
            options(&[
                "--normalization",
                "nfkc",
                "--preserve-entities",
                "--config",
                "ftfy"
            ])
            .config,
            want
        );
        assert_eq!(
            options(&[
                "--config",
                "ftfy",
                "--normalization=NFKC",
                "--preserve-entities"
            ])
            .config,
            want
        );
        assert_eq!(
            options(&["--config", "conservative", "--normalization", "none"]).config,
            Some(Config::conservative().normalization(None))
        );
        for (form, want) in [
            ("nfc", Normalization::Nfc),
            ("nfd", Normalization::Nfd),
            ("nfkd", Normalization::Nfkd),
        ] {
            assert_eq!(
                options(&["--config", "ftfy", "--normalization", form]).config,
                Some(Config::ftfy().normalization(Some(want)))
            );
        }
    }

    #[test]
    fn encoding_and_guess() {
        assert_eq!(options(&[]).decode, Decode::Utf8);
        assert_eq!(
            options(&["--encoding", "cp1252"]).decode,
            Decode::Encoding(Codec::Windows1252)
        );
        assert_eq!(
            options(&["--encoding=Shift_JIS", "f"]).decode,
            Decode::Encoding(Codec::ShiftJis)
        );
        assert_eq!(
            options(&["--encoding", "latin-1"]).decode,
            Decode::Encoding(Codec::Latin1)
        );
        let guess = options(&["--guess", "-i", "f", "--config", "ftfy"]);
        assert_eq!(guess.decode, Decode::Guess);
        assert_eq!(guess.mode, Mode::InPlace);
        assert_eq!(guess.config, Some(Config::ftfy()));
    }

    #[test]
    fn usage_errors() {
        let error = |args: &[&str]| parse_strs(args).unwrap_err().to_string();
        assert_eq!(error(&["--frobnicate"]), "unknown option '--frobnicate'");
        assert_eq!(error(&["-x"]), "unknown option '-x'");
        assert_eq!(error(&["--explain=yes"]), "unknown option '--explain=yes'");
        assert_eq!(error(&["-o"]), "option '-o' needs a FILE argument");
        assert!(error(&["-o", "a", "-o", "b"]).contains("more than once"));
        assert!(error(&["--output="]).contains("non-empty"));
        assert!(error(&["--check", "-o", "x"]).contains("--check"));
        assert!(error(&["--check", "-i", "x"]).contains("--check"));
        assert!(error(&["-i", "-o", "x", "y"]).contains("together"));
        assert!(error(&["-i"]).contains("at least one FILE"));
        assert!(error(&["-i", "a", "-"]).contains("standard input"));

        assert_eq!(
            error(&["--config", "strict"]),
            "invalid value 'strict' for '--config': expected mojibake, conservative or ftfy"
        );
        assert_eq!(
            error(&["--config"]),
            "option '--config' needs a NAME argument"
        );
        assert!(error(&["--config", "ftfy", "--config", "ftfy"]).contains("more than once"));
        assert!(error(&["--config", "ftfy", "--normalization", "nfx"])
            .contains("expected nfc, nfd, nfkc, nfkd or none"));
        for args in [
            &["--normalization", "nfkc"][..],
            &["--preserve-entities"],
            &["--config", "mojibake", "--normalization", "nfc"],
            &["--preserve-entities", "--config", "mojibake"],
        ] {
            assert!(
                error(args).contains("needs --config conservative or --config ftfy"),
                "{args:?}"
            );
        }
        let unknown = error(&["--encoding", "klingon"]);
        assert!(
            unknown.starts_with("unknown encoding 'klingon'"),
            "{unknown}"
        );
        assert!(unknown.contains("windows-1252, "), "{unknown}");
        assert!(unknown.contains("shift_jis, "), "{unknown}");
        assert_eq!(
            error(&["--encoding"]),
            "option '--encoding' needs an ENC argument"
        );
        assert!(error(&["--guess", "--encoding", "gbk"]).contains("cannot be used together"));
    }
}
