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
    // The one classified type: no test names the relay outage (the bounce has one).
    ("src/mail.rs", 10, "untested_error", "RelayDown,"),
    // The mail worker logs a failure without the error itself.
    (
        "src/mail.rs",
        58,
        "swallowed_error",
        "Err(_error) => tracing::error!",
    ),
    // A `PORT` that does not parse falls back to a default and says nothing. (An unset `PORT`
    // falling back, `Err(_) => 3000` on `env::var`, is an answer: "not set".)
    (
        "src/main.rs",
        17,
        "swallowed_error",
        "port.parse().unwrap_or(3000)",
    ),
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
    ("src/payments.rs", 41, "retry_without_backoff", "loop {"),
    ("src/payments.rs", 46, "catch_all", "Err(error) => {"),
    // The HTTP client's error flattened into a `String`: its type and source chain are gone.
    (
        "src/payments.rs",
        35,
        "lost_source",
        ".map_err(|error| format!(\"cannot build the HTTP client: {error}\"))?;",
    ),
    // `map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)`.
    (
        "src/payments.rs",
        96,
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
        108,
        "catch_all",
        "Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR)",
    ),
    (
        "src/payments.rs",
        108,
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
        110,
        "ignored_result",
        "state.store.mark_paid(id, &charge.id).ok();",
    ),
    // (`Err(_) => {}` on the receipt mail's channel `send` is not a finding: a closed channel's
    // error carries no cause, so nothing is swallowed; the code itself is fixed in `examples/shop`.)
    // The health check answers every store error with a 503 and the store's own error text.
    (
        "src/health.rs",
        14,
        "leaked_error_text",
        ".map_err(|error| (StatusCode::SERVICE_UNAVAILABLE, error.to_string()))?;",
    ),
    (
        "src/health.rs",
        14,
        "catch_all",
        ".map_err(|error| (StatusCode::SERVICE_UNAVAILABLE, error.to_string()))?;",
    ),
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
    // Every rule that fires here warns by default (on code nobody has read, many findings are
    // deliberate): the run reports them all and passes, until the team raises a rule to `deny`.
    assert_eq!(code, Some(0));
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
        "leaked_error_text",
        "unclassified_error",
        "unwrap_in_fallible",
        "retry_without_backoff",
        "untested_error",
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

/// Whether `#[onus::check]` leaves this finding to the CLI (docs/check.md, "What it sees"):
/// `untested_error` reads the tests, and problems with `// onus: allow(..)` comments have no token
/// to be reported at. (Codes duplicated between packages are the CLI's too; each example is one
/// package.)
fn cli_only(found: &Found) -> bool {
    found.rule == "untested_error"
        || (["unused_suppression", "suppression_without_reason"].contains(&found.rule.as_str())
            && found.text.starts_with("//"))
}

/// Runs the attribute's pipeline on every item of `dir`'s package that `annotated` picks, as the
/// attribute runs it in a build (the configuration file's levels, the package's declarations,
/// the file's text for comments), and returns its findings and the lines each item spans.
fn attribute_findings(
    dir: &Path,
    annotated: impl Fn(&syn::Item) -> Option<syn::Item>,
) -> (Vec<Found>, Vec<(String, usize, usize)>) {
    use onus_lints::config_file;

    let root = config_file::find_root(dir);
    let file_config = config_file::read(&root)
        .unwrap_or_else(|errors| panic!("{}: {errors:?}", root.display()))
        .engine;
    // The levels of a bare `#[onus::check]` or `#[onus::check(deny)]`: what the file turns off
    // stays off, every other rule reports.
    let mut config = file_config.clone();
    for rule in onus_lints::rules::all() {
        if file_config.level_of(rule.id) != Some(onus_lints::Level::Allow) {
            config
                .levels
                .insert(rule.id.to_owned(), onus_lints::Level::Warn);
        }
    }
    let mut package = onus_lints::package::Package::new(dir);
    let mut files = Vec::new();
    rust_files(&dir.join("src"), &mut files);
    let (mut found, mut spans) = (Vec::new(), Vec::new());
    for path in files {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let shown = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let file =
            syn::parse_file(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for item in file.items.iter() {
            let Some(checked) = annotated(item) else {
                continue;
            };
            let span = syn::spanned::Spanned::span(item);
            spans.push((shown.clone(), span.start().line, span.end().line));
            let findings = onus_lints::engine::check_item_in(
                &checked,
                Some(&path),
                || Some(text.as_str()),
                || Some(package.declarations(&config, Some(&path))),
                &config,
            );
            found.extend(findings.into_iter().map(|finding| {
                Found {
                    file: shown.clone(),
                    line: finding.span.start.start().line,
                    rule: finding.rule.to_owned(),
                    text: text
                        .lines()
                        .nth(finding.span.start.start().line - 1)
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                }
            }));
        }
    }
    found.sort();
    (found, spans)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The CLI's findings on `dir` within the lines of `spans`, but for the rules it alone reports.
fn cli_findings_in(dir: &Path, spans: &[(String, usize, usize)]) -> Vec<Found> {
    let (_, found) = check(dir);
    let mut found: Vec<Found> = found
        .into_iter()
        .filter(|found| {
            spans.iter().any(|(file, start, end)| {
                *file == found.file && (*start..=*end).contains(&found.line)
            })
        })
        .filter(|found| !cli_only(found))
        .collect();
    found.sort();
    found
}

/// The item as `#[onus::check]` receives it, if it carries the attribute: without it.
fn under_the_attribute(item: &syn::Item) -> Option<syn::Item> {
    let mut item = item.clone();
    let attrs = match &mut item {
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        _ => return None,
    };
    let is_check = |attr: &syn::Attribute| {
        let path: Vec<String> = attr
            .path()
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        path == ["onus", "check"]
    };
    let at = attrs.iter().position(is_check)?;
    let attr = attrs.remove(at);
    // Only the levels of a bare attribute or `deny` are modelled in `attribute_findings`.
    let args = match &attr.meta {
        syn::Meta::Path(_) => String::new(),
        syn::Meta::List(list) => list.tokens.to_string(),
        syn::Meta::NameValue(_) => panic!("`#[onus::check = ..]` does not compile"),
    };
    assert!(
        args.is_empty() || args == "deny",
        "`#[onus::check({args})]`: teach `attribute_findings` these levels"
    );
    Some(item)
}

#[test]
fn the_attribute_agrees_with_the_cli_on_every_annotated_item_of_shop() {
    let shop = example("shop");
    let (found, spans) = attribute_findings(&shop, under_the_attribute);
    assert!(spans.len() >= 15, "annotated items: {spans:?}");
    assert_eq!(found, cli_findings_in(&shop, &spans));
    // Its annotated items call fns declared in other files (`store.rs`, `provider.rs`): the
    // package's declarations were read, and every such call resolved without a finding.
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_attribute_agrees_with_the_cli_on_every_item_of_shop_before() {
    // shop-before has no annotations: every item the attribute may go on is checked as if it
    // had one, so that the findings (many, of every rule) are compared.
    let shop_before = example("shop-before");
    let (found, spans) = attribute_findings(&shop_before, |item| match item {
        syn::Item::Fn(_) | syn::Item::Impl(_) | syn::Item::Trait(_) => Some(item.clone()),
        syn::Item::Mod(module) if module.content.is_some() => Some(item.clone()),
        _ => None,
    });
    let cli = cli_findings_in(&shop_before, &spans);
    assert!(cli.len() >= 10, "{cli:#?}");
    assert_eq!(found, cli);
}

/// The documents whose `cargo onus` commands are run by [`documented_commands_run`].
const DOCUMENTS: &[&str] = &[
    "docs/adopting-onus.md",
    "docs/ci.md",
    "docs/editors.md",
    "docs/github-actions/onus.yml",
    "docs/pre-commit-hooks.yaml",
];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `cargo onus ...` command written in [`DOCUMENTS`], as its argument list.
fn documented_commands() -> BTreeSet<Vec<String>> {
    let mut commands = BTreeSet::new();
    for document in DOCUMENTS {
        let path = repository().join(document);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for line in text.lines() {
            // `cargo-onus` is the same binary, run directly.
            let line = line.replace("cargo-onus ", "cargo onus ");
            for occurrence in line.split("cargo onus ").skip(1) {
                // A command ends where the shell, the quoting or the prose around it starts.
                let end = occurrence
                    .find(['"', '\'', '`', '>', ';', '|', ')', ','])
                    .unwrap_or(occurrence.len());
                let args: Vec<String> = occurrence[..end]
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect();
                if !args.is_empty() {
                    commands.insert(args);
                }
            }
        }
    }
    commands
}

#[test]
fn documented_commands_run() {
    let commands = documented_commands();
    assert!(commands.len() >= 8, "{commands:#?}");
    let shop = example("shop");
    // Baselines go to a scratch file, never into the example.
    let baseline = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("examples-baseline-{}.json", std::process::id()));
    let baseline = baseline.to_string_lossy().into_owned();
    let status = Command::new(BIN)
        .args(["check", ".", "--write-baseline", &baseline])
        .current_dir(&shop)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {BIN}: {error}"))
        .status;
    assert_eq!(status.code(), Some(0));
    for args in &commands {
        let args: Vec<&str> = args
            .iter()
            .map(|arg| {
                if arg == "onus-baseline.json" {
                    baseline.as_str()
                } else {
                    arg.as_str()
                }
            })
            .collect();
        let output = Command::new(BIN)
            .args(&args)
            .current_dir(&shop)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|error| panic!("cannot run {BIN}: {error}"));
        // 0: passed, 1: findings (a command without a path checks the whole repository, whose
        // fixtures are wrong on purpose); 2 would be a usage or configuration error.
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "`cargo onus {}` as documented fails to run: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    std::fs::remove_file(&baseline).unwrap_or_else(|error| panic!("{baseline}: {error}"));
}

/// The workflow installs the toolchain and the checker before the pull request's code is on the
/// disk, and runs the binary directly: a checked-out `rust-toolchain.toml` would otherwise choose
/// the `cargo` that installs or runs it (docs/security.md).
#[test]
fn the_workflow_installs_before_it_checks_out() {
    let path = repository().join("docs/github-actions/onus.yml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let position = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in the workflow"))
    };
    let checkout = position("actions/checkout@");
    assert!(position("dtolnay/rust-toolchain@") < checkout);
    assert!(position("cargo install --locked onus-lints") < checkout);
    let runs: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("run: "))
        .collect();
    assert!(runs.len() >= 3, "{runs:?}");
    for run in &runs[1..] {
        assert!(
            run.starts_with("cargo-onus "),
            "after the checkout, `{run}` goes through the rustup proxy"
        );
    }
}

#[test]
fn documented_editor_settings_parse() {
    let path = repository().join("docs/editors.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut blocks = 0;
    for (language, block) in fenced_blocks(&text) {
        let parsed = match language {
            "json" => serde_json::from_str::<serde_json::Value>(block).map_err(|e| e.to_string()),
            "toml" => toml::from_str::<toml::Table>(block)
                .map(|_| serde_json::Value::Null)
                .map_err(|e| e.to_string()),
            _ => continue,
        };
        if let Err(error) = parsed {
            panic!("a {language} block of docs/editors.md does not parse: {error}\n{block}");
        }
        assert!(block.contains("cargo onus check --format json"), "{block}");
        blocks += 1;
    }
    assert_eq!(blocks, 2, "the VS Code and Helix settings");
}

/// The fenced code blocks of a Markdown text: (language, contents).
fn fenced_blocks(text: &str) -> Vec<(&str, &str)> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let Some(newline) = after.find('\n') else {
            break;
        };
        let language = after[..newline].trim();
        let body = &after[newline + 1..];
        let Some(end) = body.find("```") else {
            break;
        };
        blocks.push((language, &body[..end]));
        rest = &body[end + 3..];
    }
    blocks
}
