//! `unmojibake`: the command-line front end of the `unmojibake` library.
//! Repairs mojibake in files or standard input, line by line. See
//! [`args::USAGE`] for what it does.

#![forbid(unsafe_code)]

mod args;
mod output;
mod run;

use std::io::{self, Write};
use std::process::ExitCode;

use args::Command;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Help) => print(&format!("{}\n{}", version(), args::USAGE)),
        Ok(Command::Version) => print(&format!("{}\n", version())),
        Ok(Command::Run(options)) => {
            let outcome = run::run(&options);
            if outcome.failed || outcome.changed > 0 && options.mode == args::Mode::Check {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            let _ = writeln!(
                io::stderr(),
                "unmojibake: {error}\nTry 'unmojibake --help' for more information."
            );
            ExitCode::from(2)
        }
    }
}

fn version() -> String {
    format!("unmojibake {}", env!("CARGO_PKG_VERSION"))
}

/// Prints to standard output; a closed pipe (`unmojibake --help | head -1`)
/// is not an error.
fn print(text: &str) -> ExitCode {
    match io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "unmojibake: <stdout>: {e}");
            ExitCode::FAILURE
        }
    }
}
