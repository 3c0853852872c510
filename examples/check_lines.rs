//! Runs `fix_mojibake` over lines of `LANG<TAB>TEXT` (the file named on
//! the command line) and prints, per language, how many lines it changed,
//! then every change. `scripts/real-text-check` feeds it real translated
//! text to find false positives.

use std::collections::BTreeMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_lines FILE (lines of LANG<TAB>TEXT)");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut changes = Vec::new();
    for line in text.lines() {
        let (lang, t) = line.split_once('\t').unwrap_or(("?", line));
        let entry = per.entry(lang).or_default();
        entry.0 += 1;
        let fixed = unmojibake::fix_mojibake(t);
        if fixed != t {
            entry.1 += 1;
            changes.push(format!("{lang}\t{t}\t=>\t{fixed}"));
        }
    }
    for (lang, (n, changed)) in &per {
        if *changed > 0 {
            println!("{lang}: {changed} of {n} changed");
        }
    }
    let total: usize = per.values().map(|v| v.0).sum();
    println!("total: {} of {total} changed", changes.len());
    for c in changes {
        println!("{c}");
    }
    ExitCode::SUCCESS
}
