//! Runs the corpus: every clean text must come back unchanged and
//! borrowed; every generated mojibake case must come out as its `fixed`
//! text if it is marked `expect: pass`, and must not if marked
//! `expect: fail` (a known failure that starts passing fails the run, so
//! that it gets promoted).
//!
//! A case with a `restored` text (bytes a strict windows-1252 decoder lost
//! to U+FFFD) also passes if some of the U+FFFD of its `fixed` text come
//! out as the characters `restored` has there, and no others.
//!
//! Cases marked `expect: similar` (bytes lost in a CJK wrong decoder) are
//! measured instead: the mean character similarity of the output to the
//! `fixed` text must beat that of the input, file by file.
//!
//! Set `UNMOJIBAKE_CORPUS_VERBOSE=1` to print every failing case, and
//! `UNMOJIBAKE_CORPUS_FAILURES=FILE` to write every case that does not come
//! out as its `fixed` text there, as JSON lines for `scripts/known-failures`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unmojibake::{apply_plan, explain, fix_mojibake};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("corpus/{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

fn verbose() -> bool {
    std::env::var_os("UNMOJIBAKE_CORPUS_VERBOSE").is_some()
}

/// ASCII padding of `n` bytes that ends in a space, so the text after it
/// still starts a word.
fn padding(n: usize) -> String {
    let letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    match n {
        0 => String::new(),
        n => format!("{} ", &letters[..n - 1]),
    }
}

/// The clean texts, and those of `corpus/unchanged`: casual text (slang
/// that draws sounds out with small kana, screams, emoticons) that must
/// stay as it is but is not garbled into cases, so that the generated
/// cases of the clean texts keep their chains when it grows.
#[test]
fn clean_texts_come_back_unchanged_and_borrowed() {
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files("clean", "txt")
        .into_iter()
        .chain(files("unchanged", "txt"))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (n, line) in text.lines().enumerate() {
            count += 1;
            for pad in [0, 1, 7, 16, 31] {
                let input = format!("{}{line}", padding(pad));
                match fix_mojibake(&input) {
                    Cow::Borrowed(_) => {}
                    Cow::Owned(changed) => {
                        failures.push(format!("{name}:{} {line:?} -> {changed:?}", n + 1));
                        break;
                    }
                }
            }
        }
    }
    for f in failures
        .iter()
        .take(if verbose() { usize::MAX } else { 40 })
    {
        eprintln!("changed clean text: {f}");
    }
    eprintln!("clean texts: {count}, changed: {}", failures.len());
    assert!(count > 300, "the clean corpus is missing");
    assert!(
        failures.is_empty(),
        "{} clean texts were changed",
        failures.len()
    );
}

/// Character similarity of two texts: 1 minus their edit distance over the
/// longer length.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    1.0 - row[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// Per file: cases, passed, known failures, how many came out exact among
/// texts over 20 chars and among shorter ones; for measured files, summed
/// similarity before and after.
#[derive(Default)]
struct Tally {
    cases: usize,
    pass: usize,
    known: usize,
    short: usize,
    short_ok: usize,
    long_ok: usize,
    before: f64,
    after: f64,
}

/// Whether `got` is `fixed` with some of its U+FFFD (each a character that
/// lost a byte) restored as the character `restored` has in its place.
fn restores(got: &str, fixed: &str, restored: &str) -> bool {
    got.chars().count() == fixed.chars().count()
        && fixed.chars().count() == restored.chars().count()
        && got
            .chars()
            .zip(fixed.chars().zip(restored.chars()))
            .all(|(g, (f, r))| g == f || (f == '\u{FFFD}' && g == r))
}

#[test]
fn generated_cases_are_repaired() {
    let mut summary: BTreeMap<String, Tally> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut dump = String::new();
    for path in files("cases", "jsonl") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let entry = summary.entry(name.clone()).or_default();
        for (n, line) in text.lines().enumerate() {
            let case: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{name}.jsonl:{}: {e}", n + 1));
            let field = |k: &str| {
                case[k]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}.jsonl:{}: no {k}", n + 1))
            };
            let (label, original, fixed, expect) = (
                field("label"),
                field("original"),
                field("fixed"),
                field("expect"),
            );
            let passes = |got: &str| {
                got == fixed
                    || case["restored"]
                        .as_str()
                        .is_some_and(|r| restores(got, fixed, r))
            };
            let explained = explain(original);
            let got = explained.text();
            let replayed = apply_plan(original, explained.plan());
            assert_eq!(
                replayed.as_deref(),
                Ok(got),
                "{label}: the plan does not replay"
            );
            // A sample also runs behind ASCII padding.
            if n % 25 == 0 {
                for pad in [1, 8, 16, 32] {
                    let p = padding(pad);
                    let padded = fix_mojibake(&format!("{p}{original}")).into_owned();
                    let padded_ok = padded.strip_prefix(p.as_str()).is_some_and(passes);
                    if padded_ok != passes(got) {
                        problems.push(format!(
                            "{label}: padding {pad} changes the outcome: {padded:?}"
                        ));
                    }
                }
            }
            entry.cases += 1;
            let ok = passes(got);
            if expect == "similar" {
                entry.before += similarity(original, fixed);
                entry.after += similarity(got, fixed);
                continue;
            }
            if fixed.chars().count() <= 20 {
                entry.short += 1;
                entry.short_ok += usize::from(ok);
            } else {
                entry.long_ok += usize::from(ok);
            }
            if !ok {
                dump.push_str(
                    &serde_json::json!({
                        "label": label,
                        "original": original,
                        "fixed": fixed,
                        "got": got,
                        "plan": explained.plan().to_string(),
                    })
                    .to_string(),
                );
                dump.push('\n');
            }
            match (expect, ok) {
                ("pass", true) => entry.pass += 1,
                ("fail", false) => entry.known += 1,
                ("pass", false) => {
                    problems.push(format!(
                    "{label}: expected {fixed:?}\n      from {original:?}\n       got {got:?}\n      plan {}",
                    explained.plan().to_string().trim().replace('\n', " | ")
                    ))
                }
                ("fail", true) => problems.push(format!(
                    "{label}: marked as a known failure but now passes: promote it"
                )),
                (other, _) => panic!("{label}: bad expect {other:?}"),
            }
        }
    }
    if let Some(path) = std::env::var_os("UNMOJIBAKE_CORPUS_FAILURES") {
        std::fs::write(path, &dump).expect("write the failures file");
    }
    eprintln!(
        "{:<44} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "file", "cases", "pass", "known", "exact%", "short%"
    );
    let percent = |a: usize, b: usize| {
        if b == 0 {
            "-".to_owned()
        } else {
            format!("{:.1}", 100.0 * a as f64 / b as f64)
        }
    };
    for (name, t) in &summary {
        if t.before + t.after > 0.0 {
            let n = t.cases as f64;
            eprintln!(
                "{name:<44} {:>6} similarity {:.3} -> {:.3}",
                t.cases,
                t.before / n,
                t.after / n
            );
            if t.after <= t.before {
                problems.push(format!("{name}: the repair does not raise similarity"));
            }
            continue;
        }
        eprintln!(
            "{name:<44} {:>6} {:>6} {:>6} {:>7} {:>7}",
            t.cases,
            t.pass,
            t.known,
            percent(t.long_ok, t.cases - t.short),
            percent(t.short_ok, t.short)
        );
    }
    for p in problems
        .iter()
        .take(if verbose() { usize::MAX } else { 30 })
    {
        eprintln!("FAIL {p}");
    }
    assert!(
        summary.values().map(|s| s.cases).sum::<usize>() > 1000,
        "the generated cases are missing"
    );
    assert!(
        problems.is_empty(),
        "{} corpus cases failed",
        problems.len()
    );
}

#[test]
fn the_conservative_preset_changes_no_clean_text() {
    let config = unmojibake::Config::conservative();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files("clean", "txt") {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (n, line) in text.lines().enumerate() {
            count += 1;
            if let Cow::Owned(changed) = config.fix(line) {
                failures.push(format!("{name}:{} {line:?} -> {changed:?}", n + 1));
            }
        }
    }
    for f in failures.iter().take(40) {
        eprintln!("conservative preset changed: {f}");
    }
    eprintln!(
        "conservative preset: {count} clean texts, {} changed",
        failures.len()
    );
    assert!(failures.is_empty());
}

/// What the default (ftfy-compatible) preset rewrites in clean text, file
/// by file: it is meant to (curly quotes, fullwidth forms, halfwidth
/// katakana), and the README says so; this prints how much.
#[test]
fn the_ftfy_preset_rewrites_only_what_ftfy_does() {
    let mut total = (0, 0);
    for path in files("clean", "txt") {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (mut n, mut changed) = (0, 0);
        for line in text.lines() {
            n += 1;
            let fixed = unmojibake::fix_text(line);
            if fixed != line {
                changed += 1;
                // Every change is one of the rewrites ftfy makes, never an
                // encoding repair: the conservative preset leaves the line.
                assert_eq!(
                    unmojibake::Config::conservative().fix(line),
                    line,
                    "{name}: {line:?}"
                );
            }
            // The pipeline is idempotent.
            assert_eq!(unmojibake::fix_text(&fixed), fixed, "{name}: {line:?}");
        }
        if changed > 0 {
            eprintln!("ftfy preset rewrites {changed:>4} of {n:>4} clean lines of {name}");
        }
        total = (total.0 + n, total.1 + changed);
    }
    eprintln!(
        "ftfy preset: {} of {} clean lines rewritten",
        total.1, total.0
    );
}

/// The whole pipeline is a fixed point on its own output, for the garbled
/// cases too (a sample of every file, each fifth case).
#[test]
fn fix_text_is_idempotent_on_the_cases() {
    let mut checked = 0;
    for path in files("cases", "jsonl") {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().step_by(5) {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let original = case["original"].as_str().unwrap();
            let once = unmojibake::fix_text(original);
            let twice = unmojibake::fix_text(&once);
            assert_eq!(twice, once, "{}", case["label"]);
            checked += 1;
        }
    }
    eprintln!("fix_text idempotent on {checked} generated cases");
    assert!(checked > 1000);
}
