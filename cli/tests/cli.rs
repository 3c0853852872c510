//! End-to-end tests of the `unmojibake` binary: each runs the built
//! executable on its own temporary files.

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_unmojibake");

/// "café" read as windows-1252, and the original.
const CAFE_BAD: &str = "caf\u{c3}\u{a9}";
const CAFE: &str = "café";
/// "привет" written as UTF-8 and read as windows-1252.
const PRIVET_BAD: &str =
    "\u{d0}\u{bf}\u{d1}\u{20ac}\u{d0}\u{b8}\u{d0}\u{b2}\u{d0}\u{b5}\u{d1}\u{201a}";
const PRIVET: &str = "привет";

/// A directory of its own for one test, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "unmojibake-cli-test-{}-{test}-{n}",
            std::process::id()
        ));
        // A leftover of a killed run with the same pid must not leak in.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, content).unwrap();
        path
    }

    /// The names in the directory, sorted: to see that no temporary file
    /// was left behind.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary with `args` and `stdin`.
fn run(args: &[&dyn AsRef<OsStr>], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // From another thread, so a large input cannot deadlock against a
    // full output pipe.
    let writer = thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

/// Runs on `stdin` with no arguments, expecting success and no warnings.
fn fix(stdin: &[u8]) -> Vec<u8> {
    let out = run(&[], stdin);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    out.stdout
}

#[test]
fn repairs_utf8_read_as_windows_1252() {
    assert_eq!(fix(format!("{CAFE_BAD}\n").as_bytes()), b"caf\xc3\xa9\n");
    assert_eq!(
        fix(format!("{PRIVET_BAD}, \u{d0}\u{bc}\u{d0}\u{b8}\u{d1}\u{20ac}\n").as_bytes()),
        "привет, мир\n".as_bytes()
    );
    assert_eq!(
        fix("\u{c3}\u{bc}ber \u{e2}\u{20ac}\u{153}quotes\u{e2}\u{20ac}\u{9d}\n".as_bytes()),
        "über “quotes”\n".as_bytes()
    );
}

#[test]
fn repairs_other_codecs_and_layers() {
    // Windows-1251 reading of UTF-8 "Привет".
    assert_eq!(fix("РџСЂРёРІРµС‚\n".as_bytes()), "Привет\n".as_bytes());
    // Doubly encoded apostrophe.
    assert_eq!(
        fix("doesn\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2}t\n".as_bytes()),
        "doesn’t\n".as_bytes()
    );
}

#[test]
fn clean_text_is_unchanged() {
    let clean =
        "plain ASCII\nCrème brûlée, 5 €\nΕλληνικά\nпривет, мир\n日本語のテキスト\nnaïve café\n";
    assert_eq!(fix(clean.as_bytes()), clean.as_bytes());
}

#[test]
fn line_endings_are_kept_byte_for_byte() {
    let input = format!("{CAFE_BAD}\r\nplain\r\n{PRIVET_BAD}\r\n\r\n");
    let want = format!("{CAFE}\r\nplain\r\n{PRIVET}\r\n\r\n");
    assert_eq!(fix(input.as_bytes()), want.as_bytes());

    // Mixed endings, and a last line without one stays without.
    let input = format!("a\r\nb\n{CAFE_BAD}");
    assert_eq!(fix(input.as_bytes()), format!("a\r\nb\n{CAFE}").as_bytes());

    // A lone CR is content, not an ending.
    let input = format!("{CAFE_BAD}\rx\n");
    assert_eq!(fix(input.as_bytes()), format!("{CAFE}\rx\n").as_bytes());

    assert_eq!(fix(b""), b"");
    assert_eq!(fix(b"\n\n"), b"\n\n");
}

#[test]
fn invalid_utf8_lines_pass_through_with_a_warning() {
    let mut input = format!("{CAFE_BAD}\n").into_bytes();
    input.extend_from_slice(b"caf\xe9 in latin-1 \xff\r\n");
    input.extend_from_slice(CAFE_BAD.as_bytes());
    let out = run(&[], &input);
    assert_eq!(out.status.code(), Some(0));
    let mut want = format!("{CAFE}\n").into_bytes();
    want.extend_from_slice(b"caf\xe9 in latin-1 \xff\r\n");
    want.extend_from_slice(CAFE.as_bytes());
    assert_eq!(out.stdout, want);
    assert_eq!(
        stderr(&out),
        "unmojibake: <stdin>:2: warning: line is not valid UTF-8; passed through unchanged\n"
    );

    // From a file, the warning names the file.
    let dir = TempDir::new("invalid");
    let path = dir.file("latin1.txt", b"ok\n\xe9t\xe9\n");
    let out = run(&[&path], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"ok\n\xe9t\xe9\n");
    assert!(
        stderr(&out).contains(&format!("{}:2: warning", path.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalid_utf8_warnings_are_capped() {
    let input = b"\xff\n".repeat(25);
    let out = run(&[], &input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, input);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 11, "{err}");
    assert!(
        err.ends_with(
            "<stdin>: warning: 15 more lines that are not valid UTF-8 passed through unchanged\n"
        ),
        "{err}"
    );
}

#[test]
fn files_and_stdin_are_read_in_order() {
    let dir = TempDir::new("order");
    let a = dir.file("a.txt", format!("{CAFE_BAD}\n"));
    let b = dir.file("b.txt", PRIVET_BAD);
    let out = run(&[&a, &"-", &b], b"stdin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{CAFE}\nstdin\n{PRIVET}"));

    // `--` makes a name that looks like a flag a file.
    let dash = dir.file("-x.txt", CAFE_BAD);
    let out = Command::new(BIN)
        .current_dir(&dir.0)
        .args(["--", "-x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), CAFE);
    assert!(dash.exists());
}

#[test]
fn missing_file_is_reported_and_the_rest_still_done() {
    let dir = TempDir::new("missing");
    let missing = dir.0.join("missing.txt");
    let good = dir.file("good.txt", format!("{CAFE_BAD}\n"));
    let out = run(&[&missing, &good], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{CAFE}\n"));
    assert!(
        stderr(&out).starts_with(&format!("unmojibake: {}: ", missing.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_prints_the_plan_and_costs() {
    let out = run(&[&"--explain"], format!("plain\n{CAFE_BAD}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("plain\n{CAFE}\n"));
    let err = stderr(&out);
    assert!(
        err.starts_with("<stdin>:2: encode sloppy-windows-1252 at 3..7 | decode utf-8 (cost "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // The costs: higher before than after.
    let costs = err.trim_end().rsplit_once("(cost ").unwrap().1;
    let (before, after) = costs.trim_end_matches(')').split_once(" -> ").unwrap();
    assert!(
        before.parse::<i32>().unwrap() > after.parse::<i32>().unwrap(),
        "{err}"
    );
}

#[test]
fn check_lists_changed_lines_and_sets_the_status() {
    let dir = TempDir::new("check");
    let content = format!("fine\n{CAFE_BAD}\nfine\r\n{PRIVET_BAD}");
    let bad = dir.file("bad.txt", &content);
    let good = dir.file("good.txt", "all fine\nΕλληνικά\n");

    let out = run(&[&"--check", &bad, &good], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{0}:2\n{0}:4\n", bad.display()));
    assert_eq!(stderr(&out), "");
    // Nothing was written.
    assert_eq!(fs::read_to_string(&bad).unwrap(), content);
    assert_eq!(dir.names(), ["bad.txt", "good.txt"]);

    let out = run(&[&"--check", &good], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");

    let out = run(&[&"--check"], format!("x\n{CAFE_BAD}\n").as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "<stdin>:2\n");
}

#[test]
fn output_file_is_written_and_replaced() {
    let dir = TempDir::new("output");
    let input = dir.file("in.txt", format!("{CAFE_BAD}\r\n{PRIVET_BAD}"));
    let target = dir.file("out.txt", "old content that is longer than the new one\n");

    let out = run(&[&"-o", &target, &input], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        format!("{CAFE}\r\n{PRIVET}")
    );
    assert_eq!(dir.names(), ["in.txt", "out.txt"]);

    // A new file, with the `--output=` form.
    let new = dir.0.join("new.txt");
    let out = run(
        &[&format!("--output={}", new.display())],
        CAFE_BAD.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&new).unwrap(), CAFE);
}

#[test]
fn output_file_may_be_an_input() {
    let dir = TempDir::new("output-same");
    let other = dir.file("other.txt", format!("{PRIVET_BAD}\n"));
    let path = dir.file("doc.txt", format!("{CAFE_BAD}\nplain\n"));
    let out = run(&[&"-o", &path, &path, &other], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{CAFE}\nplain\n{PRIVET}\n")
    );
    assert_eq!(dir.names(), ["doc.txt", "other.txt"]);
}

#[test]
fn failed_run_leaves_the_output_file_alone() {
    let dir = TempDir::new("output-fail");
    let good = dir.file("good.txt", format!("{CAFE_BAD}\n"));
    let target = dir.file("out.txt", "precious\n");
    let missing = dir.0.join("missing.txt");
    let out = run(&[&"-o", &target, &good, &missing], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{}: ", missing.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious\n");
    assert_eq!(dir.names(), ["good.txt", "out.txt"]);

    // A directory as the output is refused before anything is read.
    let out = run(&[&"-o", &dir.0, &good], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
    assert_eq!(dir.names(), ["good.txt", "out.txt"]);
}

#[test]
fn in_place_rewrites_each_file() {
    let dir = TempDir::new("in-place");
    let a = dir.file("a.txt", format!("{CAFE_BAD}\r\nsame\r\n"));
    let b = dir.file("b.txt", format!("x\n{PRIVET_BAD}"));
    let missing = dir.0.join("missing.txt");
    let out = run(&[&"-i", &a, &missing, &b], b"");
    // The missing file is an error, but does not stop the others.
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains(&format!("{}: ", missing.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&a).unwrap(),
        format!("{CAFE}\r\nsame\r\n")
    );
    assert_eq!(fs::read_to_string(&b).unwrap(), format!("x\n{PRIVET}"));
    assert_eq!(dir.names(), ["a.txt", "b.txt"]);
}

#[cfg(unix)]
#[test]
fn in_place_keeps_permissions_links_and_clean_files() {
    use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};

    let dir = TempDir::new("in-place-unix");
    let file = dir.file("file.txt", format!("{CAFE_BAD}\n"));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.0.join("link.txt");
    symlink("file.txt", &link).unwrap();
    let clean = dir.file("clean.txt", "nothing to do\n");
    let clean_inode = fs::metadata(&clean).unwrap().ino();

    let out = run(&[&"--in-place", &link, &clean], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The link still is one, and the file it points to was repaired.
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&file).unwrap(), format!("{CAFE}\n"));
    let mode = fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    // A file with nothing to repair is not replaced.
    assert_eq!(fs::metadata(&clean).unwrap().ino(), clean_inode);
    assert_eq!(dir.names(), ["clean.txt", "file.txt", "link.txt"]);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--frobnicate"][..],
        &["-x"],
        &["-o"],
        &["-i"],
        &["-i", "-"],
        &["--check", "-o", "x"],
        &["-i", "-o", "x", "y"],
    ] {
        let dyn_args: Vec<&dyn AsRef<OsStr>> =
            args.iter().map(|a| a as &dyn AsRef<OsStr>).collect();
        let out = run(&dyn_args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert!(err.starts_with("unmojibake: "), "{err}");
        assert!(err.contains("--help"), "{err}");
    }
    let out = run(&[&"--frobnicate"], b"");
    assert!(stderr(&out).contains("unknown option '--frobnicate'"));
}

#[test]
fn help_and_version() {
    for flag in ["-h", "--help"] {
        let out = run(&[&flag], b"");
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("Usage: unmojibake [OPTIONS] [FILE...]"));
    }
    for flag in ["-V", "--version"] {
        let out = run(&[&flag], b"");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            stdout(&out),
            format!("unmojibake {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

/// Output keeps up with input on a pipe: a line is written out before the
/// input ends. Fails (after a timeout) rather than hangs if it is not.
#[test]
fn streams_line_by_line() {
    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    let echo = thread::spawn(move || {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        tx.send(line).unwrap();
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        rest
    });
    stdin.write_all(format!("{CAFE_BAD}\n").as_bytes()).unwrap();
    stdin.flush().unwrap();
    let first = rx.recv_timeout(Duration::from_secs(30));
    // Closing stdin ends the child whatever happened, so no test hangs.
    stdin.write_all(b"last\n").unwrap();
    drop(stdin);
    let rest = echo.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        first.expect("no output before end of input"),
        format!("{CAFE}\n")
    );
    assert_eq!(rest, "last\n");
}

/// A large input goes through intact: several reader buffers' worth, with
/// lines that straddle buffer boundaries. Mostly ASCII, which the library
/// passes through at once, so the test stays fast in a debug build.
#[test]
fn large_input() {
    let filler = "plain ASCII text ".repeat(60);
    let block = format!("{CAFE_BAD} {PRIVET_BAD}\r\n{filler}\n");
    let input = block.repeat(300);
    let out = fix(input.as_bytes());
    assert!(input.len() > 4 * 64 * 1024);
    assert_eq!(
        out,
        format!("{CAFE} {PRIVET}\r\n{filler}\n")
            .repeat(300)
            .as_bytes()
    );
}

#[test]
fn bundled_example_is_repaired() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/examples/mixed.txt");
    let out = run(&[&"--check", &example], b"");
    // The example has mojibake to find.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // And the repaired text needs nothing more.
    let fixed = run(&[&example], b"");
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    let again = run(&[&"--check"], &fixed.stdout);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}
