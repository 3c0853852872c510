//! Reads a JSON array of strings from the file named on the command line
//! and prints a JSON array of `[fixed, plan]` pairs: what `fix_mojibake`
//! (or with `--text`, `fix_text`) makes of each string and the text form
//! of its plan, replayed through `apply_plan` as a check.
//! `scripts/ftfy-compat` drives it.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_mode = args.iter().any(|a| a == "--text");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: fix_json [--text] FILE.json");
        return ExitCode::from(2);
    };
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let inputs: Vec<String> = match serde_json::from_str(&data) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let explained = if text_mode {
            unmojibake::explain_text(input)
        } else {
            unmojibake::explain(input)
        };
        let replayed = unmojibake::apply_plan(input, explained.plan());
        if replayed.as_deref() != Ok(explained.text()) {
            eprintln!("plan does not replay for {input:?}: {replayed:?}");
            return ExitCode::FAILURE;
        }
        out.push((explained.text().to_owned(), explained.plan().to_string()));
    }
    println!(
        "{}",
        serde_json::to_string(&out).expect("strings serialize")
    );
    ExitCode::SUCCESS
}
