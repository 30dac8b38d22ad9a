//! A fuzz test on stable, bounded in time: the repository's own rule fixtures and examples,
//! mutated (truncated, tokens inserted, nested deeply, bytes broken, lines repeated), are checked
//! by the engine in this process and by the real binary in batches. Nothing may panic or abort,
//! every exit code is 0, 1 or 2, and the output stays proportionate to the findings.
//!
//! The mutations come from a seeded generator: `ONUS_FUZZ_SEED=n` replays a run (the seed of a
//! failing run is in its message), `ONUS_FUZZ_SECONDS=n` runs longer than the default 15 seconds (plus the batch under way).

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{Project, Run};

/// xorshift64*: small, seeded, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % bound.max(1) as u64).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The `.rs` files under the rule fixtures and the examples.
fn corpus() -> Vec<Vec<u8>> {
    let lints = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![lints.join("tests/fixtures"), lints.join("../examples")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && let Ok(bytes) = std::fs::read(&path)
            {
                files.push(bytes);
            }
        }
    }
    files.sort();
    assert!(files.len() > 20, "the corpus is missing: {}", files.len());
    files
}

/// Tokens worth inserting: brackets left open, attributes, strings and comments left open,
/// lifetimes, findings, and characters a terminal would obey.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "->",
    "=>",
    "#[",
    "#![",
    "'a",
    "\"",
    "r#\"",
    "/*",
    "*/",
    "//",
    "?",
    "::",
    "let _ = f();",
    ".unwrap()",
    "Err(_) => {}",
    "match x {",
    "fn",
    "impl",
    "|x| ",
    "&&",
    "..",
    "\\",
    "\u{1b}[2J",
    "\u{202e}",
    "\r",
    "\n::error::x\n",
    "\u{0}",
    "---\n",
    "#!/bin/sh\n",
    "\u{feff}",
];

/// Wrappers that nest: (opening, closing).
const NESTS: &[(&str, &str)] = &[
    ("(", ")"),
    ("{", "}"),
    ("[", "]"),
    ("Option<", ">"),
    ("& ", ""),
    ("- ", ""),
    ("|| ", ""),
    ("if let Err(_) = f() { ", " }"),
    ("Box<dyn Fn() -> ", ">"),
];

/// One mutation of `source`.
fn mutate(rng: &mut Rng, source: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = source.to_vec();
    let at = |rng: &mut Rng, bytes: &[u8]| rng.below(bytes.len() + 1);
    for _ in 0..=rng.below(3) {
        match rng.below(7) {
            0 => bytes.truncate(at(rng, &bytes)),
            1 => {
                let token = rng.pick(TOKENS).as_bytes();
                let here = at(rng, &bytes);
                bytes.splice(here..here, token.iter().copied());
            }
            2 => {
                let (open, close) = *rng.pick(NESTS);
                let depth = [10, 1_000, 8_000, 60_000][rng.below(4)];
                let here = at(rng, &bytes);
                let there = here + rng.below(bytes.len() - here + 1).min(200);
                let mut nested = open.repeat(depth).into_bytes();
                nested.extend_from_slice(&bytes[here..there]);
                nested.extend(close.repeat(depth).into_bytes());
                bytes.splice(here..there, nested);
            }
            3 => {
                for _ in 0..=rng.below(8) {
                    if !bytes.is_empty() {
                        let here = rng.below(bytes.len());
                        bytes[here] = [0xff, 0x00, 0xc3, 0x80, b'\n', b'"'][rng.below(6)];
                    }
                }
            }
            4 => {
                // A line repeated on itself: long lines with many findings.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let lines: Vec<&str> = text.lines().collect();
                if let Some(line) = lines.get(rng.below(lines.len())) {
                    let repeated = line.trim().repeat(1 + rng.below(2_000));
                    let here = at(rng, &bytes);
                    bytes.splice(here..here, repeated.into_bytes());
                }
            }
            5 => {
                // Half of another file spliced in.
                let other = rng.pick(corpus);
                let from = rng.below(other.len() + 1);
                let here = at(rng, &bytes);
                bytes.splice(here..here, other[from..].iter().copied());
            }
            _ => {
                let from = at(rng, &bytes);
                let to = from + rng.below(bytes.len() - from + 1);
                bytes.drain(from..to);
            }
        }
    }
    bytes
}

/// What a run may print: a bounded amount per finding and per file, never per byte of input.
fn assert_proportionate(run: &Run, files: usize, context: &str) {
    let findings = run
        .stdout
        .lines()
        .filter(|line| line.contains("compiler-message"))
        .count();
    let bound = 64 * 1024 + (findings + files) as u64 * 16 * 1024;
    assert!(
        run.stdout_bytes + run.stderr_bytes <= bound,
        "{context}: {} bytes of output for {findings} findings in {files} files",
        run.stdout_bytes + run.stderr_bytes
    );
}

#[test]
fn mutated_sources_never_crash_hang_or_flood() {
    let seed = std::env::var("ONUS_FUZZ_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0x6f6e_7573_u64);
    let seconds = std::env::var("ONUS_FUZZ_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(15);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let corpus = corpus();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let project = Project::copy("clean");
    let mut batches = 0;
    let mut mutants = 0;
    while Instant::now() < deadline || batches < 2 {
        let batch_seed = rng.next() | 1;
        let mut batch = Rng(batch_seed);
        let context = format!("ONUS_FUZZ_SEED={seed}, batch {batches} (batch seed {batch_seed})");
        let src = project.path("src");
        let _ = std::fs::remove_dir_all(&src);
        let mut inputs = Vec::new();
        let files = 8;
        for index in 0..files {
            let source = batch.pick(&corpus).clone();
            let mutated = mutate(&mut batch, &source, &corpus);
            let path: PathBuf = src.join(format!("m{index}.rs"));
            project.write(&format!("src/m{index}.rs"), &mutated);
            inputs.push(match String::from_utf8(mutated) {
                Ok(text) => onus_lints::Input::Source {
                    path,
                    text,
                    test_code: false,
                },
                Err(_) => onus_lints::Input::Unreadable {
                    path,
                    error: "not UTF-8".to_owned(),
                },
            });
        }
        mutants += files;

        // The engine in this process: a panic or a stack overflow fails the test here.
        let report = onus_lints::check(inputs, &onus_lints::Config::default());
        assert_eq!(report.files_checked, files, "{context}");

        let format = ["json", "human", "sarif", "github"][batches % 4];
        let run = project.run(&["check", "--format", format, "src"]);
        assert!(
            matches!(run.code, Some(0..=2)),
            "{context}: exit {:?} with --format {format}\n{}",
            run.code,
            run.stderr
        );
        // A panic's message, not the word: a snippet of a mutated fixture may quote source
        // that says "panicked" (`tracing::warn!("the job panicked")`).
        assert!(
            !run.stderr.contains("' panicked at "),
            "{context}: {}",
            run.stderr
        );
        if format == "json" {
            assert_proportionate(&run, files, &context);
            let _ = run.messages();
        } else {
            assert!(
                run.stdout_bytes + run.stderr_bytes
                    <= 64 * 1024 + (report.diagnostics.len() + files) as u64 * 16 * 1024,
                "{context}: {} bytes of {format} output",
                run.stdout_bytes + run.stderr_bytes
            );
        }
        batches += 1;
    }
    eprintln!("fuzz: {mutants} mutants in {batches} batches, seed {seed}");
}
