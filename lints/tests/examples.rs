//! The real `cargo-onus` binary on the example services in `examples/`: every anti-pattern of
//! `shop-before` is found, exactly where it is, and `shop` passes with every rule at `deny`.
//!
//! Both examples are checked the way `docs/adopting-onus.md` shows it: from the example's own
//! directory, whose `onus.toml` is then the configuration (the repository's own configuration
//! excludes `shop-before`, which is wrong on purpose).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cargo_metadata::Message;

const BIN: &str = env!("CARGO_BIN_EXE_cargo-onus");

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name)
}

/// One finding: file, line, rule, and the text of the line it points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    file: String,
    line: usize,
    rule: String,
    text: String,
}

/// Runs `cargo-onus check . --format json` in `dir`; the exit code and every finding.
fn check(dir: &Path) -> (Option<i32>, Vec<Found>) {
    let output = Command::new(BIN)
        .args(["check", ".", "--format", "json"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run {BIN}: {error}"));
    let mut found = Vec::new();
    for message in Message::parse_stream(output.stdout.as_slice()) {
        let message = message.unwrap_or_else(|error| panic!("unreadable JSON line: {error}"));
        let Message::CompilerMessage(message) = message else {
            continue;
        };
        let diagnostic = message.message;
        let rule = diagnostic
            .code
            .as_ref()
            .and_then(|code| code.code.strip_prefix("onus::"))
            .unwrap_or_else(|| panic!("a finding without an onus code: {diagnostic:?}"))
            .to_owned();
        let span = diagnostic
            .spans
            .iter()
            .find(|span| span.is_primary)
            .unwrap_or_else(|| panic!("a finding without a primary span: {diagnostic:?}"));
        let text = span
            .text
            .first()
            .map(|line| line.text.trim().to_owned())
            .unwrap_or_default();
        found.push(Found {
            file: span.file_name.clone(),
            line: span.line_start,
            rule,
            text,
        });
    }
    (output.status.code(), found)
}

/// Every anti-pattern of `examples/shop-before`, by file and line, with a piece of the line's
/// text so that a reader (and a failure message) can see which construct it is.
const SHOP_BEFORE: &[(&str, usize, &str, &str)] = &[
    // Unclassified thiserror enums: nothing says whose fault each variant is.
    ("src/mail.rs", 6, "unclassified_error", "pub enum MailError"),
    (
        "src/payments.rs",
        15,
        "unclassified_error",
        "pub enum PaymentError",
    ),
    (
        "src/store.rs",
        10,
        "unclassified_error",
        "pub enum StoreError",
    ),
    // The mail worker logs a failure without the error itself.
    (
        "src/mail.rs",
        55,
        "swallowed_error",
        "Err(_error) => tracing::error!",
    ),
    // `PORT` falls back to a default twice, and says nothing either time.
    (
        "src/main.rs",
        17,
        "swallowed_error",
        "port.parse().unwrap_or(3000)",
    ),
    ("src/main.rs", 18, "swallowed_error", "Err(_) => 3000"),
    // Unwraps in handlers that return `Result`.
    (
        "src/orders.rs",
        40,
        "unwrap_in_fallible",
        ".expect(\"the database is up\")",
    ),
    (
        "src/orders.rs",
        66,
        "unwrap_in_fallible",
        "id.parse().unwrap()",
    ),
    // Every store error answers 500, whatever it is.
    ("src/orders.rs", 52, "catch_all", ".map_err(|error| {"),
    ("src/orders.rs", 70, "catch_all", "Err(error) => {"),
    // A retry loop with a fixed sleep, and a catch-all arm in it.
    ("src/payments.rs", 38, "retry_without_backoff", "loop {"),
    ("src/payments.rs", 43, "catch_all", "Err(error) => {"),
    // `map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)`.
    (
        "src/payments.rs",
        93,
        "lost_source",
        ".map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?",
    ),
    (
        "src/signup.rs",
        28,
        "lost_source",
        ".map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?",
    ),
    // `Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)` after a specific variant.
    (
        "src/payments.rs",
        105,
        "catch_all",
        "Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)",
    ),
    (
        "src/payments.rs",
        105,
        "lost_source",
        "Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)",
    ),
    (
        "src/signup.rs",
        39,
        "catch_all",
        "Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)",
    ),
    (
        "src/signup.rs",
        39,
        "lost_source",
        "Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)",
    ),
    // The payment is recorded with `.ok();`: if the write fails, the order stays unpaid.
    (
        "src/payments.rs",
        107,
        "ignored_result",
        "state.store.mark_paid(id, &charge.id).ok();",
    ),
    // `Err(_) => {}` on the receipt mail.
    ("src/payments.rs", 112, "swallowed_error", "Err(_) => {}"),
    // `let _ =` on a send.
    (
        "src/signup.rs",
        41,
        "ignored_result",
        "let _ = state.mail.send(",
    ),
];

#[test]
fn every_anti_pattern_of_shop_before_is_found() {
    let (code, found) = check(&example("shop-before"));
    let expected: BTreeSet<(String, usize, String)> = SHOP_BEFORE
        .iter()
        .map(|(file, line, rule, _)| ((*file).to_owned(), *line, (*rule).to_owned()))
        .collect();
    let actual: BTreeSet<(String, usize, String)> = found
        .iter()
        .map(|f| (f.file.clone(), f.line, f.rule.clone()))
        .collect();
    let missing: Vec<_> = expected.difference(&actual).collect();
    let unexpected: Vec<_> = found
        .iter()
        .filter(|f| !expected.contains(&(f.file.clone(), f.line, f.rule.clone())))
        .collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing (lost recall): {missing:#?}\nunexpected: {unexpected:#?}"
    );
    assert_eq!(
        found.len(),
        SHOP_BEFORE.len(),
        "one finding each: {found:#?}"
    );
    // The expected lines are the constructs the comments above describe, not whatever sits
    // on that line today.
    for (file, line, rule, text) in SHOP_BEFORE {
        let finding = found
            .iter()
            .find(|f| f.file == *file && f.line == *line && f.rule == *rule)
            .unwrap_or_else(|| panic!("{file}:{line} {rule} was checked above"));
        assert!(
            finding.text.contains(text),
            "{file}:{line} {rule}: expected the line to contain {text:?}, it is {:?}",
            finding.text
        );
    }
    // ignored_result and swallowed_error are `deny` by default: the run fails.
    assert_eq!(code, Some(1));
}

#[test]
fn shop_before_shows_every_error_handling_rule() {
    let (_, found) = check(&example("shop-before"));
    let rules: BTreeSet<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    for rule in [
        "ignored_result",
        "swallowed_error",
        "lost_source",
        "catch_all",
        "unclassified_error",
        "unwrap_in_fallible",
        "retry_without_backoff",
    ] {
        assert!(
            rules.contains(rule),
            "no `{rule}` in shop-before: {rules:?}"
        );
    }
}

#[test]
fn shop_passes_with_every_rule_at_deny() {
    let shop = example("shop");
    let config = std::fs::read_to_string(shop.join("onus.toml"))
        .unwrap_or_else(|error| panic!("examples/shop/onus.toml: {error}"));
    // The configuration the check runs under really does deny every rule.
    for rule in onus_lints::rules::all() {
        assert!(
            config.contains(&format!("{} = \"deny\"", rule.id)),
            "examples/shop/onus.toml does not deny `{}`",
            rule.id
        );
    }
    let (code, found) = check(&shop);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(code, Some(0));
}
