//! Throughput of `fix_mojibake` on clean ASCII, clean multilingual, clean
//! CJK and garbled text (Latin and CJK), and of `fix_text` on clean and
//! garbled text, each next to a baseline measured in the same run:
//! `str::is_ascii` for ASCII, and a plain `chars()` loop with one table
//! lookup per char for the rest. Inputs are built from `corpus/clean`.
//!
//! `cargo bench --bench fix` (add `-- --quick` for a rough pass).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use unmojibake::{fix_mojibake, fix_text, Codec};

/// Clean lines of the corpus files whose names satisfy `keep`.
fn corpus_lines(keep: impl Fn(&str) -> bool) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/clean");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/clean")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| keep(&p.file_stem().unwrap_or_default().to_string_lossy()))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .expect("corpus file")
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Lines repeated until they hold at least `bytes` bytes, joined by newlines.
fn fill(lines: &[String], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    for line in lines.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The baseline: one pass over the chars with one table lookup each.
fn table_loop(text: &str, table: &[u8; 65536]) -> u32 {
    let mut acc = 0u32;
    for c in text.chars() {
        acc = acc.wrapping_add(u32::from(table[(c as usize) & 0xFFFF]));
    }
    acc
}

fn sizes(text_lines: &[String]) -> [(&'static str, String); 3] {
    [
        ("large", fill(text_lines, 1 << 20)),
        ("small", fill(text_lines, 1 << 10)),
        ("tiny", text_lines[0].clone()),
    ]
}

fn ascii(c: &mut Criterion) {
    let lines: Vec<String> = corpus_lines(|_| true)
        .into_iter()
        .filter(|l| l.is_ascii())
        .collect();
    let mut group = c.benchmark_group("ascii");
    for (size, text) in sizes(&lines) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{size}/fix_mojibake"), |b| {
            b.iter(|| fix_mojibake(black_box(&text)).len())
        });
        group.bench_function(format!("{size}/baseline_is_ascii"), |b| {
            b.iter(|| black_box(&text).is_ascii())
        });
    }
    group.finish();
}

fn whole_text(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    lines: &[String],
    table: &[u8; 65536],
) {
    for (size, text) in sizes(lines) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{size}/fix_mojibake"), |b| {
            b.iter(|| fix_mojibake(black_box(&text)).len())
        });
        group.bench_function(format!("{size}/baseline_table_loop"), |b| {
            b.iter(|| table_loop(black_box(&text), table))
        });
    }
}

fn line_by_line(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    lines: &[String],
    table: &[u8; 65536],
) {
    let large: Vec<&String> = lines.iter().cycle().take(lines.len().max(1) * 4).collect();
    let inputs: [(&str, Vec<&String>); 3] = [
        ("large", large),
        ("small", lines.iter().take(8).collect()),
        ("tiny", lines.iter().take(1).collect()),
    ];
    for (size, batch) in inputs {
        let bytes: usize = batch.iter().map(|l| l.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{size}/fix_mojibake_per_line"), |b| {
            b.iter(|| {
                batch
                    .iter()
                    .map(|l| fix_mojibake(black_box(l)).len())
                    .sum::<usize>()
            })
        });
        group.bench_function(format!("{size}/baseline_table_loop_per_line"), |b| {
            b.iter(|| {
                batch
                    .iter()
                    .map(|l| table_loop(black_box(l), table))
                    .fold(0, u32::wrapping_add)
            })
        });
    }
}

fn table() -> Box<[u8; 65536]> {
    let mut t = Box::new([0u8; 65536]);
    for (i, v) in t.iter_mut().enumerate() {
        *v = (i % 251) as u8;
    }
    t
}

fn clean_multilingual(c: &mut Criterion) {
    let table = table();
    let lines = corpus_lines(|name| name != "negatives");
    let mut group = c.benchmark_group("clean-multilingual");
    whole_text(&mut group, &lines, &table);
    group.finish();
}

/// Latin-script lines written as UTF-8 and read as windows-1252.
fn latin_mojibake(c: &mut Criterion) {
    let table = table();
    let latin = [
        "ca", "cs", "da", "de", "en", "es", "fi", "fr", "hr", "hu", "is", "it", "lt", "lv", "nl",
        "no", "pl", "pt", "ro", "sk", "sv", "tr", "vi",
    ];
    let lines: Vec<String> = corpus_lines(|name| latin.contains(&name))
        .iter()
        .filter(|l| !l.is_ascii())
        .map(|l| {
            Codec::SloppyWindows1252
                .decode(l.as_bytes())
                .expect("sloppy windows-1252 decodes all bytes")
        })
        .collect();
    let mut group = c.benchmark_group("latin-mojibake");
    line_by_line(&mut group, &lines, &table);
    group.finish();
}

const CJK: [&str; 4] = ["ja", "ko", "zh-hans", "zh-hant"];

fn clean_cjk(c: &mut Criterion) {
    let table = table();
    let lines = corpus_lines(|name| CJK.contains(&name));
    let mut group = c.benchmark_group("clean-cjk");
    whole_text(&mut group, &lines, &table);
    group.finish();
}

/// CJK lines written as UTF-8 and read as GBK (the lines that decode
/// whole), and written as GBK, Big5, Shift_JIS or EUC-KR and read as
/// windows-1252: each line on its own.
fn cjk_mojibake(c: &mut Criterion) {
    let table = table();
    let mut lines = Vec::new();
    for (lang, legacy) in [
        ("zh-hans", Codec::Gbk),
        ("zh-hant", Codec::Big5),
        ("ja", Codec::ShiftJis),
        ("ko", Codec::EucKr),
    ] {
        for line in corpus_lines(|name| name == lang) {
            if let Ok(g) = Codec::Gbk.decode(line.as_bytes()) {
                lines.push(g);
            }
            if let Ok(bytes) = legacy.encode(&line) {
                lines.push(
                    Codec::SloppyWindows1252
                        .decode(&bytes)
                        .expect("sloppy windows-1252 decodes all bytes"),
                );
            }
        }
    }
    let mut group = c.benchmark_group("cjk-mojibake");
    line_by_line(&mut group, &lines, &table);
    group.finish();
}

/// The whole `fix_text` pipeline (ftfy's defaults) on clean multilingual
/// text and on the Latin mojibake, line by line.
fn pipeline(c: &mut Criterion) {
    let clean = fill(&corpus_lines(|name| name != "negatives"), 1 << 20);
    let garbled: Vec<String> = corpus_lines(|name| name == "fr" || name == "de")
        .iter()
        .filter(|l| !l.is_ascii())
        .map(|l| {
            Codec::SloppyWindows1252
                .decode(l.as_bytes())
                .expect("decodes")
        })
        .collect();
    let mut group = c.benchmark_group("fix-text");
    group.throughput(Throughput::Bytes(clean.len() as u64));
    group.bench_function("clean-multilingual/large", |b| {
        b.iter(|| fix_text(black_box(&clean)).len())
    });
    let bytes: usize = garbled.iter().map(|l| l.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("latin-mojibake/per_line", |b| {
        b.iter(|| {
            garbled
                .iter()
                .map(|l| fix_text(black_box(l)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    ascii,
    clean_multilingual,
    latin_mojibake,
    clean_cjk,
    cjk_mojibake,
    pipeline
);
criterion_main!(benches);
