//! Runs every rule on its fixtures: `tests/fixtures/<rule>/*.rs` mark each expected finding with
//! `//~ <rule>` on its primary line (`//~^ <rule>` for the line above). The set of (file, line,
//! rule) found must equal the set marked, so every unmarked line is a "do not flag" case.
//! Each directory is checked as one workspace, so declarations in one file inform the others.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use onus_lints::{Config, Diagnostic, Input, check};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn inputs(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = PathBuf::from(path.file_name().unwrap());
            (name, text)
        })
        .collect()
}

fn expected(files: &[(PathBuf, String)]) -> BTreeSet<(PathBuf, usize, String)> {
    let mut expected = BTreeSet::new();
    for (path, text) in files {
        for (index, line) in text.lines().enumerate() {
            let Some(at) = line.find("//~") else {
                continue;
            };
            let marker = &line[at + 3..];
            let (line_number, rules) = match marker.strip_prefix('^') {
                Some(rest) => (index, rest),
                None => (index + 1, marker),
            };
            for rule in rules.split_whitespace() {
                expected.insert((path.clone(), line_number, rule.to_owned()));
            }
        }
    }
    expected
}

fn config_for(rule: &str) -> Config {
    let mut config = Config::default();
    if rule == "catch_all" {
        config.panic_boundaries = vec!["serve".to_owned(), "Worker::run".to_owned()];
    }
    config
}

/// `file:line:col-line:col rule: message`, the help, and the spanned source.
fn render(diagnostics: &[Diagnostic], files: &[(PathBuf, String)]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let location = diagnostic.location;
        let text = files
            .iter()
            .find(|(path, _)| *path == diagnostic.file)
            .map_or("", |(_, text)| text);
        let spanned = text
            .get(location.byte_start..location.byte_end)
            .unwrap_or("<out of range>");
        writeln!(
            out,
            "{}:{}:{}-{}:{} {}: {}",
            diagnostic.file.display(),
            location.line_start,
            location.column_start,
            location.line_end,
            location.column_end,
            diagnostic.rule,
            diagnostic.message
        )
        .unwrap();
        if let Some(help) = &diagnostic.help {
            writeln!(out, "  help: {help}").unwrap();
        }
        writeln!(out, "  span: {spanned}").unwrap();
        if let Some(suggestion) = &diagnostic.suggestion {
            writeln!(
                out,
                "  suggestion: {} → {}",
                suggestion.message, suggestion.replacement
            )
            .unwrap();
        }
    }
    out
}

fn run(rule: &str) {
    let dir = fixtures_dir().join(rule);
    let files = inputs(&dir);
    let expected = expected(&files);
    let mut rules: BTreeSet<String> = expected.iter().map(|(_, _, rule)| rule.clone()).collect();
    rules.insert(rule.to_owned());
    let report = check(
        files
            .iter()
            .map(|(path, text)| Input::Source {
                path: path.clone(),
                text: text.clone(),
            })
            .collect(),
        &config_for(rule),
    );
    let diagnostics: Vec<Diagnostic> = report
        .diagnostics
        .into_iter()
        .filter(|diagnostic| rules.contains(diagnostic.rule))
        .collect();
    let found: BTreeSet<(PathBuf, usize, String)> = diagnostics
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.file.clone(),
                diagnostic.location.line_start,
                diagnostic.rule.to_owned(),
            )
        })
        .collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && unexpected.is_empty(),
        "fixtures of `{rule}`:\n  missed (marked, not found): {missed:#?}\n  unexpected (found, not marked): {unexpected:#?}\n{}",
        render(&diagnostics, &files)
    );
    insta::assert_snapshot!(rule, render(&diagnostics, &files));
}

#[test]
fn ignored_result() {
    run("ignored_result");
}

#[test]
fn swallowed_error() {
    run("swallowed_error");
}

#[test]
fn lost_source() {
    run("lost_source");
}

#[test]
fn catch_all() {
    run("catch_all");
}

#[test]
fn unclassified_error() {
    run("unclassified_error");
}

#[test]
fn unwrap_in_fallible() {
    run("unwrap_in_fallible");
}

#[test]
fn retry_without_backoff() {
    run("retry_without_backoff");
}

#[test]
fn suppression() {
    run("suppression");
}
