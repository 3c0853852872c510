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
        for option in [
            "--config NAME",
            "--normalization FORM",
            "--preserve-entities",
            "--encoding ENC",
            "--guess",
        ] {
            assert!(stdout(&out).contains(option), "{option}");
        }
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

/// Runs with `args` on `stdin`, expecting success; the output as UTF-8.
fn ok(args: &[&dyn AsRef<OsStr>], stdin: &[u8]) -> Output {
    let out = run(args, stdin);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

/// Expects `args` to be a usage error whose message contains `message`.
fn usage_error(args: &[&str], message: &str) {
    let dyn_args: Vec<&dyn AsRef<OsStr>> = args.iter().map(|a| a as &dyn AsRef<OsStr>).collect();
    let out = run(&dyn_args, b"");
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert_eq!(stdout(&out), "", "{args:?}");
    let err = stderr(&out);
    assert!(err.starts_with("unmojibake: "), "{err}");
    assert!(err.contains(message), "{args:?}: {err}");
    assert!(err.contains("--help"), "{err}");
}

#[test]
fn config_ftfy_uncurls_quotes_and_more() {
    let input = format!("“{CAFE_BAD}” ＡＢＣ &amp; ﬁne\r\n‘x’\n");
    let out = ok(&[&"--config", &"ftfy"], input.as_bytes());
    // Line endings are still kept byte for byte.
    assert_eq!(stdout(&out), "\"café\" ABC & fine\r\n'x'\n");
    assert_eq!(stderr(&out), "");
    // The default repairs the encoding only.
    let out = ok(&[], input.as_bytes());
    assert_eq!(stdout(&out), "“café” ＡＢＣ &amp; ﬁne\r\n‘x’\n");
    let out = ok(&[&"--config=mojibake"], input.as_bytes());
    assert_eq!(stdout(&out), "“café” ＡＢＣ &amp; ﬁne\r\n‘x’\n");
}

#[test]
fn config_conservative_leaves_correct_text_alone() {
    let clean = "“quotes” ＡＢＣ ｶﾀｶﾅ，ﬁne\n‘x’\r\n";
    let out = run(
        &[&"--config", &"conservative", &"--check"],
        clean.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = ok(&[&"--config", &"conservative"], clean.as_bytes());
    assert_eq!(stdout(&out), clean);
    // What is broken is still repaired, HTML entities included.
    let out = ok(
        &[&"--config", &"conservative"],
        format!("“{CAFE_BAD}” &lt;ＡＢＣ&gt;\n").as_bytes(),
    );
    assert_eq!(stdout(&out), "“café” <ＡＢＣ>\n");
}

#[test]
fn config_explain_prints_every_step() {
    let out = ok(
        &[&"--config", &"ftfy", &"--explain"],
        format!("plain\n“{CAFE_BAD}”\n").as_bytes(),
    );
    assert_eq!(stdout(&out), "plain\n\"café\"\n");
    let err = stderr(&out);
    assert!(
        err.starts_with("<stdin>:2: encode sloppy-windows-1252 at ")
            && err.contains(" | decode utf-8 | apply uncurl-quotes (cost "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn preserve_entities() {
    let input = format!("{CAFE_BAD} &amp; &eacute; “x”\n");
    let out = ok(&[&"--config", &"ftfy"], input.as_bytes());
    assert_eq!(stdout(&out), "café & é \"x\"\n");
    let out = ok(
        &[&"--config", &"ftfy", &"--preserve-entities"],
        input.as_bytes(),
    );
    assert_eq!(stdout(&out), "café &amp; &eacute; \"x\"\n");
    let out = ok(
        &[&"--preserve-entities", &"--config", &"conservative"],
        input.as_bytes(),
    );
    assert_eq!(stdout(&out), "café &amp; &eacute; “x”\n");
}

#[test]
fn normalization_forms() {
    let input = "x² ＡＢＣ e\u{301}\n";
    let conservative = |form: &str| {
        stdout(&ok(
            &[&"--config", &"conservative", &"--normalization", &form],
            input.as_bytes(),
        ))
        .to_owned()
    };
    assert_eq!(conservative("nfkc"), "x2 ABC é\n");
    assert_eq!(conservative("nfc"), "x² ＡＢＣ é\n");
    assert_eq!(conservative("none"), input);
    assert_eq!(conservative("nfd"), "x² ＡＢＣ e\u{301}\n");
    assert_eq!(conservative("nfkd"), "x2 ABC e\u{301}\n");
    // The default of both configs is NFC.
    let out = ok(&[&"--config", &"conservative"], input.as_bytes());
    assert_eq!(stdout(&out), "x² ＡＢＣ é\n");
    let out = ok(
        &[&"--config=ftfy", &"--normalization=nfkc"],
        "x² “q”\n".as_bytes(),
    );
    assert_eq!(stdout(&out), "x2 \"q\"\n");
}

#[test]
fn encoding_windows_1252_file() {
    let dir = TempDir::new("enc-1252");
    // "café “quoted”", then UTF-8 "été" that was once read as
    // windows-1252 and saved as windows-1252 ("Ã©tÃ©"), then ASCII.
    let content = b"caf\xe9 \x93quoted\x94\r\n\xc3\xa9t\xc3\xa9\nplain";
    let path = dir.file("w.txt", content);
    let want = "café “quoted”\r\nété\nplain";

    let out = ok(&[&"--encoding", &"cp1252", &path], b"");
    assert_eq!(stdout(&out), want);
    assert_eq!(stderr(&out), "");

    // Without --encoding, line 1 is not UTF-8 (and line 2 is clean UTF-8).
    let out = ok(&[&path], b"");
    assert_eq!(out.stdout, content);
    assert!(
        stderr(&out)
            .ends_with("w.txt:1: warning: line is not valid UTF-8; passed through unchanged\n"),
        "{}",
        stderr(&out)
    );

    // --check lists the lines whose UTF-8 output differs from their
    // bytes: line 1 only changes encoding; line 2, repaired, is its own
    // bytes again.
    let out = run(&[&"--encoding=windows-1252", &"--check", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{}:1\n", path.display()));

    // --explain explains the repair, not the decoding.
    let out = ok(&[&"--encoding", &"cp1252", &"--explain", &path], b"");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:2: encode ", path.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // In place: rewritten as UTF-8; an ASCII file is left untouched.
    let ascii = dir.file("ascii.txt", "only ascii\n");
    let out = ok(&[&"-i", &"--encoding", &"cp1252", &path, &ascii], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(fs::read_to_string(&path).unwrap(), want);
    assert_eq!(dir.names(), ["ascii.txt", "w.txt"]);
}

#[test]
fn encoding_other_codecs_and_undecodable_lines() {
    // Shift_JIS "日本語", Latin-1 "é", KOI8-R "привет".
    let out = ok(
        &[&"--encoding", &"shift_jis"],
        b"\x93\xfa\x96\x7b\x8c\xea\n",
    );
    assert_eq!(stdout(&out), "日本語\n");
    let out = ok(&[&"--encoding", &"latin-1"], b"\xe9\n");
    assert_eq!(stdout(&out), "é\n");
    let out = ok(&[&"--encoding", &"KOI8-R"], b"\xd0\xd2\xc9\xd7\xc5\xd4");
    assert_eq!(stdout(&out), PRIVET);
    // UTF-8 named explicitly is the default.
    let out = ok(
        &[&"--encoding", &"utf8"],
        format!("{CAFE_BAD}\n").as_bytes(),
    );
    assert_eq!(stdout(&out), format!("{CAFE}\n"));

    // A line that is not valid GBK passes through unchanged, with a
    // warning naming the encoding; the others are decoded.
    let input = b"\xd6\xd0\xce\xc4\n\x81\x30 bad\r\nok\n";
    let out = ok(&[&"--encoding", &"gbk"], input);
    let mut want = "中文\n".as_bytes().to_vec();
    want.extend_from_slice(b"\x81\x30 bad\r\nok\n");
    assert_eq!(out.stdout, want);
    assert_eq!(
        stderr(&out),
        "unmojibake: <stdin>:2: warning: line is not valid gbk; passed through unchanged\n"
    );
}

#[test]
fn guess_gbk_file() {
    let dir = TempDir::new("guess-gbk");
    // "中文测试，你好世界" and "这是一个文件" in GBK.
    let gbk: &[u8] =
        b"\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4\xa3\xac\xc4\xe3\xba\xc3\xca\xc0\xbd\xe7\r\n\
                      \xd5\xe2\xca\xc7\xd2\xbb\xb8\xf6\xce\xc4\xbc\xfe\n";
    let path = dir.file("gbk.txt", gbk);
    let out = ok(&[&"--guess", &path], b"");
    assert_eq!(stdout(&out), "中文测试，你好世界\r\n这是一个文件\n");
    assert_eq!(
        stderr(&out),
        format!("{}: decoded as gbk\n", path.display())
    );

    let out = ok(&[&"--guess", &"--explain", &path], b"");
    assert_eq!(
        stderr(&out),
        format!(
            "{0}: decoded as gbk\n{0}:1-2: decoded as gbk\n",
            path.display()
        )
    );

    // --check names the input, which would change (to UTF-8).
    let out = run(&[&"--guess", &"--check", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
}

#[test]
fn guess_mixed_utf8_and_windows_1252() {
    let mut input = "naïve café\n".as_bytes().to_vec();
    input.extend_from_slice(b"caf\xe9 cr\xe8me\r\n");
    input.extend_from_slice(format!("{CAFE_BAD}\n").as_bytes());
    let out = ok(&[&"--guess"], &input);
    assert_eq!(stdout(&out), "naïve café\ncafé crème\r\ncafé\n");
    assert_eq!(
        stderr(&out),
        "<stdin>: decoded as utf-8 (2 lines), windows-1252 (1 line)\n"
    );

    // --explain: each run, then the plan of the mojibake repair.
    let out = ok(&[&"--guess", &"--explain"], &input);
    assert_eq!(
        stderr(&out),
        "<stdin>: decoded as utf-8 (2 lines), windows-1252 (1 line)\n\
         <stdin>:1: decoded as utf-8\n\
         <stdin>:2: decoded as windows-1252\n\
         <stdin>:3: decoded as utf-8\n\
         <stdin>: encode sloppy-windows-1252 at 30..34 | decode utf-8\n"
    );

    // With a config, its fix follows.
    let out = ok(
        &[&"--guess", &"--config", &"ftfy"],
        b"\x93caf\xe9\x94\n\xe2\x80\x9cok\xe2\x80\x9d\n",
    );
    assert_eq!(stdout(&out), "\"café\"\n\"ok\"\n");
    let out = ok(
        &[&"--guess"],
        b"\x93caf\xe9\x94\n\xe2\x80\x9cok\xe2\x80\x9d\n",
    );
    assert_eq!(stdout(&out), "“café”\n“ok”\n");
}

#[test]
fn guess_reports_undecodable_bytes_and_checks_inputs() {
    let dir = TempDir::new("guess-check");
    // A UTF-8 BOM decides the encoding; the 0xFF byte cannot be decoded.
    let bad = dir.file("bad.txt", b"\xef\xbb\xbfok \xff\n");
    let clean = dir.file("clean.txt", "déjà vu\n");
    let out = ok(&[&"--guess", &bad, &clean], b"");
    assert_eq!(stdout(&out), "ok \u{fffd}\ndéjà vu\n");
    assert_eq!(
        stderr(&out),
        format!(
            "{}: decoded as utf-8 with bom; 1 byte could not be decoded\n\
             {}: decoded as utf-8\n",
            bad.display(),
            clean.display()
        )
    );
    let out = run(&[&"--guess", &"--check", &bad, &clean], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{}\n", bad.display()));
    let out = run(&[&"--guess", &"--check", &clean], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(dir.names(), ["bad.txt", "clean.txt"]);
}

#[test]
fn guess_to_output_file() {
    let dir = TempDir::new("guess-output");
    let a = dir.file("a.txt", b"caf\xe9\n");
    // "中文测试，你好世界" in GBK.
    let b = dir.file(
        "b.txt",
        b"\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4\xa3\xac\xc4\xe3\xba\xc3\xca\xc0\xbd\xe7\n",
    );
    let target = dir.file("out.txt", "precious\n");
    let missing = dir.0.join("missing.txt");
    // An input that cannot be read: the output file stays as it was.
    let out = run(&[&"--guess", &"-o", &target, &a, &missing], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious\n");
    assert_eq!(dir.names(), ["a.txt", "b.txt", "out.txt"]);

    let out = ok(&[&"--guess", &"-o", &target, &a, &b], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "café\n中文测试，你好世界\n"
    );
    assert_eq!(dir.names(), ["a.txt", "b.txt", "out.txt"]);
}

#[cfg(unix)]
#[test]
fn guess_in_place_is_atomic_and_safe() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let dir = TempDir::new("guess-in-place");
    let file = dir.file("w.txt", b"caf\xe9 cr\xe8me\r\n");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let inode = fs::metadata(&file).unwrap().ino();
    let clean = dir.file("clean.txt", "déjà vu\n");
    let clean_inode = fs::metadata(&clean).unwrap().ino();
    let unreadable = dir.0.join("sub");
    fs::create_dir(&unreadable).unwrap();

    // A directory cannot be read: reported, the other files still done.
    let out = run(&[&"-i", &"--guess", &unreadable, &file, &clean], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("unmojibake: {}: ", unreadable.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "café crème\r\n");
    // Replaced by a rename, not rewritten: a new inode, the old mode.
    assert_ne!(fs::metadata(&file).unwrap().ino(), inode);
    let mode = fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    // A file that would not change is not replaced.
    assert_eq!(fs::metadata(&clean).unwrap().ino(), clean_inode);
    assert_eq!(dir.names(), ["clean.txt", "sub", "w.txt"]);

    // A file that cannot be read is left as it was (root reads anything,
    // so this part only runs when the permission takes effect).
    let locked = dir.file("locked.txt", b"caf\xe9\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let out = run(&[&"-i", &"--guess", &locked], b"");
        assert_eq!(out.status.code(), Some(1));
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(fs::read(&locked).unwrap(), b"caf\xe9\n");
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(dir.names(), ["clean.txt", "locked.txt", "sub", "w.txt"]);
}

#[test]
fn new_usage_errors_exit_2() {
    usage_error(
        &["--config", "strict"],
        "invalid value 'strict' for '--config': expected mojibake, conservative or ftfy",
    );
    usage_error(&["--config"], "option '--config' needs a NAME argument");
    usage_error(
        &["--config", "ftfy", "--normalization", "nfx"],
        "expected nfc, nfd, nfkc, nfkd or none",
    );
    usage_error(
        &["--normalization", "nfkc"],
        "needs --config conservative or --config ftfy",
    );
    usage_error(
        &["--config", "mojibake", "--normalization", "nfc"],
        "needs --config conservative or --config ftfy",
    );
    usage_error(
        &["--preserve-entities"],
        "needs --config conservative or --config ftfy",
    );
    usage_error(&["--encoding", "klingon"], "unknown encoding 'klingon'");
    usage_error(&["--encoding", "klingon"], "windows-1252, ");
    usage_error(&["--encoding"], "needs an ENC argument");
    usage_error(&["--guess", "--encoding", "gbk"], "cannot be used together");
    usage_error(&["--guess", "--config", "x"], "'--config'");
}
