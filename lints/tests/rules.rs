//! Runs every rule on its fixtures: `tests/fixtures/<rule>/*.rs` mark each expected finding with
//! `//~ <rule>` on its primary line (`//~^ <rule>` for the line above). The set of (file, line,
//! rule) found must equal the set marked, so every unmarked line is a "do not flag" case.
//! Each directory is checked as one workspace, so declarations in one file inform the others.
//! `ONUS_RULE=<id>` runs one rule's fixtures only.
#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

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
    if rule == "untested_error" {
        config
            .levels
            .insert(rule.to_owned(), onus_lints::Level::Warn);
    }
    if rule == "missing_runbook" {
        config.require_runbook = Some(onus_lints::catalog::Severity::Error);
        config.runbook_root = Some(fixtures_dir().join(rule));
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
                test_code: false,
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

/// Every checked rule on `tests/fixtures/<id>/`, and the suppressions on `tests/fixtures/suppression/`:
/// a new rule is tested as soon as it is registered and has fixtures. Every rule is run, and all
/// that fail are named.
#[test]
fn every_rule_on_its_fixtures() {
    let dirs = onus_lints::rules::all()
        .iter()
        .filter(|rule| !rule.is_meta())
        .map(|rule| rule.id)
        .chain(["suppression"])
        .filter(|dir| std::env::var("ONUS_RULE").map_or(true, |only| only == *dir));
    let failed: Vec<&str> = dirs
        .filter(|dir| std::panic::catch_unwind(|| run(dir)).is_err())
        .collect();
    assert!(
        failed.is_empty(),
        "fixtures that failed (see above): {failed:?}"
    );
}

/// `#[onus::check]` skips an item in which no trigger of an enabled rule occurs
/// (`onus_lints::triggers`). Every marked finding of every fixture must therefore sit in an item
/// whose tokens hold a trigger of the finding's rule: the smallest item around it (a `fn`, an
/// `impl`, a type, an inline `mod` when nothing smaller holds it), so a rule whose triggers miss
/// one of its own positives fails here. Suppression comments are left out: their problems have
/// no token for the attribute to report at.
#[test]
fn every_marked_finding_is_in_an_item_where_its_rule_triggers() {
    use syn::spanned::Spanned as _;

    /// The smallest item among `items` (and inline modules' items) whose lines hold `line`.
    fn smallest(items: &[syn::Item], line: usize) -> Option<&syn::Item> {
        items
            .iter()
            .filter(|item| (item.span().start().line..=item.span().end().line).contains(&line))
            .map(|item| match item {
                syn::Item::Mod(module) => module
                    .content
                    .as_ref()
                    .and_then(|(_, inner)| smallest(inner, line))
                    .unwrap_or(item),
                _ => item,
            })
            .min_by_key(|item| item.span().end().line - item.span().start().line)
    }

    let dirs = onus_lints::rules::all()
        .iter()
        .filter(|rule| !rule.is_meta())
        .map(|rule| rule.id)
        .chain(["suppression"]);
    let mut checked = 0;
    let mut missed = Vec::new();
    for dir in dirs {
        let files = inputs(&fixtures_dir().join(dir));
        for (path, line, rule) in expected(&files) {
            let text = &files.iter().find(|(file, _)| *file == path).unwrap().1;
            if text
                .lines()
                .nth(line - 1)
                .unwrap()
                .trim_start()
                .starts_with("//")
            {
                continue;
            }
            let info = onus_lints::rules::find(&rule)
                .unwrap_or_else(|| panic!("{dir}/{}: unknown rule `{rule}`", path.display()));
            let file = syn::parse_file(text).unwrap();
            let item = smallest(&file.items, line).unwrap_or_else(|| {
                panic!("{dir}/{}:{line}: no item holds this line", path.display())
            });
            let tokens = quote::ToTokens::to_token_stream(item);
            checked += 1;
            if !onus_lints::triggers::occurs(&tokens, info.triggers) {
                missed.push(format!("{dir}/{}:{line}: `{rule}`", path.display()));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} marked findings were looked at"
    );
    assert!(
        missed.is_empty(),
        "#[onus::check] would skip these marked findings: their items hold none of the rule's \
         triggers (see the rule's `triggers`):\n{}",
        missed.join("\n")
    );
}

/// A checked rule without triggers would never run under `#[onus::check]`.
#[test]
fn every_checked_rule_declares_triggers() {
    for rule in onus_lints::rules::all() {
        assert_eq!(
            rule.triggers.is_empty(),
            rule.id == "parse_error",
            "`{}`: only `parse_error` (which the engine reports about a file) has no triggers",
            rule.id
        );
    }
}

#[test]
fn deep_nesting_does_not_crash() {
    let depth = 5000;
    let text = format!(
        "fn deep() -> u32 {{ {}1{} }}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let blocks = format!(
        "fn blocks() {{ {}{} }}\n",
        "{ ".repeat(depth),
        "} ".repeat(depth)
    );
    let report = check(
        vec![
            Input::Source {
                test_code: false,
                path: "deep.rs".into(),
                text,
            },
            Input::Source {
                test_code: false,
                path: "blocks.rs".into(),
                text: blocks,
            },
        ],
        &Config::default(),
    );
    assert_eq!(report.files_checked, 2);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|diagnostic| diagnostic.rule != "parse_error"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_parse_error_does_not_stop_the_other_files() {
    let report = check(
        vec![
            Input::Source {
                test_code: false,
                path: "bad.rs".into(),
                text: "fn ok() {}\nfn broken( {\n".into(),
            },
            Input::Source {
                test_code: false,
                path: "good.rs".into(),
                text: "fn f() { let _ = std::fs::create_dir(\"x\"); }\n".into(),
            },
            Input::Unreadable {
                path: "latin1.rs".into(),
                error: "stream did not contain valid UTF-8".into(),
            },
        ],
        &Config::default(),
    );
    let found: Vec<(&str, &str, usize)> = report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.file.to_str().unwrap(),
                diagnostic.rule,
                diagnostic.location.line_start,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("bad.rs", "parse_error", 2),
            ("good.rs", "ignored_result", 1),
            ("latin1.rs", "parse_error", 1)
        ]
    );
    assert!(report.has_denials());
}

#[test]
fn check_item_reports_with_spans_and_applies_attributes() {
    let item: syn::Item = syn::parse_quote! {
        fn save() -> std::io::Result<()> {
            let _ = std::fs::create_dir("lock");
            #[onus::allow(ignored_result, reason = "best effort")]
            let _ = std::fs::create_dir("other");
            let value = std::fs::read("value").unwrap();
            Ok(())
        }
    };
    let findings = onus_lints::check_item(&item, None, &Config::default());
    let rules: Vec<&str> = findings.iter().map(|finding| finding.rule).collect();
    assert_eq!(rules, ["ignored_result", "unwrap_in_fallible"]);
}

#[test]
fn levels_from_the_config_apply_and_allow_disables() {
    let text = "fn f() { let _ = std::fs::create_dir(\"x\"); }\n".to_owned();
    let mut config = Config::default();
    config
        .levels
        .insert("ignored_result".to_owned(), onus_lints::Level::Warn);
    let report = check(
        vec![Input::Source {
            test_code: false,
            path: "a.rs".into(),
            text: text.clone(),
        }],
        &config,
    );
    assert_eq!(report.diagnostics[0].level, onus_lints::Level::Warn);
    config
        .levels
        .insert("ignored_result".to_owned(), onus_lints::Level::Allow);
    let report = check(
        vec![Input::Source {
            test_code: false,
            path: "a.rs".into(),
            text,
        }],
        &config,
    );
    assert!(report.diagnostics.is_empty());
}

#[test]
fn cargo_script_front_matter_is_skipped_and_lines_keep_their_numbers() {
    let text = "#!/usr/bin/env cargo\n---cargo\n[dependencies]\nserde = \"1\"\n---\n\nfn main() {\n    let _ = std::fs::create_dir(\"lock\");\n}\n";
    let report = check(
        vec![Input::Source {
            test_code: false,
            path: "script.rs".into(),
            text: text.into(),
        }],
        &Config::default(),
    );
    let found: Vec<(&str, usize)> = report
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line_start))
        .collect();
    assert_eq!(found, [("ignored_result", 8)]);
    assert_eq!(
        report.diagnostics[0].snippet,
        "let _ = std::fs::create_dir(\"lock\");"
    );
}

#[test]
fn one_finding_per_rule_per_span() {
    // Both of `catch_all`'s checks reach the `Err(e)` arm: it absorbs the enum's other variants,
    // and it answers every error with one 5xx (a defect where onus is used).
    let text = "use onus::Classified;\n\
                #[derive(Debug, thiserror::Error)]\n\
                pub enum DbError { #[error(\"a\")] Missing, #[error(\"b\")] Down }\n\
                pub fn handle(r: Result<u8, DbError>) -> Result<u8, StatusCode> {\n\
                    match r {\n\
                        Ok(v) => Ok(v),\n\
                        Err(DbError::Missing) => Err(StatusCode::NOT_FOUND),\n\
                        Err(e) => { tracing::warn!(\"{e}\"); Err(StatusCode::INTERNAL_SERVER_ERROR) }\n\
                    }\n\
                }\n";
    let report = check(
        vec![Input::Source {
            test_code: false,
            path: "a.rs".into(),
            text: text.into(),
        }],
        &Config::default(),
    );
    let catch_alls: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "catch_all")
        .map(|diagnostic| diagnostic.location.line_start)
        .collect();
    assert_eq!(catch_alls, [8], "{:#?}", report.diagnostics);
    let item: syn::Item = syn::parse_str(&format!("mod api {{\n{text}}}")).unwrap();
    let findings = onus_lints::check_item(&item, None, &Config::default());
    let catch_alls = findings
        .iter()
        .filter(|finding| finding.rule == "catch_all")
        .count();
    assert_eq!(catch_alls, 1, "{findings:#?}");
}

/// `files` (path, text) as checked sources.
fn sources(files: &[(&str, &str)]) -> Vec<Input> {
    files
        .iter()
        .map(|(path, text)| Input::Source {
            test_code: false,
            path: (*path).into(),
            text: (*text).into(),
        })
        .collect()
}

/// Every finding in the file `path` holding `text`: (rule, line) of each.
fn rules_and_lines(path: &str, text: &str, config: &Config) -> Vec<(&'static str, usize)> {
    check(sources(&[(path, text)]), config)
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line_start))
        .collect()
}

/// Where `rule` reports in `files`: (file, line) of each finding.
fn found_by(rule: &str, files: &[(&str, &str)], config: &Config) -> Vec<(String, usize)> {
    check(sources(files), config)
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| {
            (
                diagnostic.file.display().to_string(),
                diagnostic.location.line_start,
            )
        })
        .collect()
}

#[test]
fn unclassified_error_is_a_defect_only_where_onus_is_used() {
    let error = "#[derive(Debug, thiserror::Error)]\npub enum StoreError {\n    #[error(\"down\")]\n    Down,\n}\n";
    // No file uses onus: a migration list, not findings.
    assert_eq!(
        found_by(
            "unclassified_error",
            &[("store.rs", error)],
            &Config::default()
        ),
        []
    );
    // One file does: the package uses onus.
    let uses = "use onus::Classified;\n";
    assert_eq!(
        found_by(
            "unclassified_error",
            &[("store.rs", error), ("lib.rs", uses)],
            &Config::default()
        ),
        [("store.rs".to_owned(), 2)]
    );
    // Cargo says which packages depend on onus.
    let root = std::env::current_dir().unwrap();
    let config = |packages: Vec<PathBuf>| Config {
        onus_packages: Some(packages),
        ..Config::default()
    };
    let files = [("a/src/store.rs", error), ("b/src/store.rs", error)];
    assert_eq!(
        found_by("unclassified_error", &files, &config(vec![root.join("a")])),
        [("a/src/store.rs".to_owned(), 2)]
    );
    assert_eq!(
        found_by("unclassified_error", &files, &config(Vec::new())),
        []
    );
}

#[test]
fn a_type_is_an_error_by_its_own_impl_never_by_its_name() {
    let uses = "use onus::Classified;\n";
    // The crate's real `Error` enum, with its impl beside it...
    let real = "#[derive(Debug)]\npub enum Error {\n    Down,\n}\n\
                impl std::error::Error for Error {}\n";
    // ...and a response body named `Error` in another module, which is no error type.
    let body = "#[derive(serde::Serialize)]\npub struct Error {\n    pub message: String,\n}\n";
    assert_eq!(
        found_by(
            "unclassified_error",
            &[("api/body.rs", body), ("store.rs", real), ("lib.rs", uses)],
            &Config::default()
        ),
        [("store.rs".to_owned(), 2)]
    );
    // With the only declaration of its name, an impl elsewhere counts.
    let declared = "#[derive(Debug)]\npub enum StoreError {\n    Down,\n}\n";
    let implemented = "impl std::error::Error for StoreError {}\n";
    assert_eq!(
        found_by(
            "unclassified_error",
            &[
                ("store.rs", declared),
                ("errors.rs", implemented),
                ("lib.rs", uses)
            ],
            &Config::default()
        ),
        [("store.rs".to_owned(), 2)]
    );
}

#[test]
fn a_uniform_5xx_is_a_defect_only_where_onus_is_used() {
    let handler = "fn load(service: &Service) -> Result<Vec<u8>, StatusCode> {\n    service.load().map_err(|e| {\n        log::error!(\"{e}\");\n        StatusCode::INTERNAL_SERVER_ERROR\n    })\n}\n";
    let found = |files: &[(&str, &str)]| found_by("catch_all", files, &Config::default()).len();
    assert_eq!(found(&[("api.rs", handler)]), 0);
    assert_eq!(
        found(&[("api.rs", handler), ("lib.rs", "use onus::Classified;\n")]),
        1
    );
    // The same for the rest of an error enum answered with one 5xx.
    let errors = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] Declined,\n    #[error(\"b\")] Down,\n}\n";
    for rest in [
        "_ => 500,",
        "e => { tracing::error!(\"{e}\"); error_response(StatusCode::INTERNAL_SERVER_ERROR) }",
        // Other protocols' "the fault is ours": Kafka's, JSON-RPC's, gRPC's.
        "other => { tracing::warn!(?other); self.answer(ErrorCode::UnknownServerError) }",
        "_ => ErrorObject::owned(INTERNAL_ERROR_CODE, \"internal\", None::<()>),",
        "_ => Status::new(Code::Internal, \"internal\"),",
        // WebSocket's close code 1011.
        "_ => CloseCode::Error,",
        // A protocol's own "internal error" status: NVMe's, in propolis.
        "_ => Completion::generic_err(STS_INTERNAL_ERR),",
    ] {
        let handler = format!(
            "fn status(error: &Error) -> Response {{\n    match error {{\n        Error::Declined => 402,\n        {rest}\n    }}\n}}\n"
        );
        let files = [("errors.rs", errors), ("api.rs", handler.as_str())];
        assert_eq!(found(&files), 0, "{rest}");
        let with_onus = [files[0], files[1], ("lib.rs", "use onus::Classified;\n")];
        assert_eq!(found(&with_onus), 1, "{rest}");
    }
}

#[test]
fn a_failure_exit_code_for_the_rest_is_a_defect_only_where_onus_is_used() {
    let errors = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] HookFailed(Child),\n    #[error(\"b\")] Down,\n}\n";
    let found = |files: &[(&str, &str)]| found_by("catch_all", files, &Config::default()).len();
    let uses = ("lib.rs", "use onus::Classified;\n");
    // habitat's CLI: a process's "the fault is ours", as `_ => 500` is a service's.
    for rest in [
        "_ => DEFAULT_ERROR_EXIT_CODE,",
        "_ => 1,",
        "_ => ExitCode::FAILURE,",
    ] {
        let exit_code = format!(
            "impl Error {{\n    fn exit_code(&self) -> i32 {{\n        match self {{\n            Error::HookFailed(child) => child.exit_code(),\n            {rest}\n        }}\n    }}\n}}\n"
        );
        let files = [("errors.rs", errors), ("exit.rs", exit_code.as_str())];
        assert_eq!(found(&files), 0, "{rest}");
        assert_eq!(found(&[files[0], files[1], uses]), 1, "{rest}");
    }
    // Another code for the rest is a classification wherever it is.
    let other = "impl Error {\n    fn exit_code(&self) -> i32 {\n        match self {\n            Error::HookFailed(child) => child.exit_code(),\n            _ => 75,\n        }\n    }\n}\n";
    assert_eq!(found(&[("errors.rs", errors), ("exit.rs", other)]), 1);
}

#[test]
fn a_grpc_status_with_an_errors_text_is_a_leak_only_where_onus_is_used() {
    let found =
        |files: &[(&str, &str)]| found_by("leaked_error_text", files, &Config::default()).len();
    let uses = ("lib.rs", "use onus::Classified;\n");
    // A gRPC status's message is for the caller's developers (restate's and chroma's calls
    // between their own services); with onus, the tonic integration answers instead.
    for answer in [
        "Status::internal(e.to_string())",
        "tonic::Status::unavailable(format!(\"flush: {e}\"))",
        "Status::new(Code::Internal, format!(\"store down: {e}\"))",
    ] {
        let service = format!(
            "async fn flush(store: &Store) -> Result<(), Status> {{\n    store.flush().await.map_err(|e| {answer})\n}}\n"
        );
        assert_eq!(found(&[("service.rs", service.as_str())]), 0, "{answer}");
        assert_eq!(
            found(&[("service.rs", service.as_str()), uses]),
            1,
            "{answer}"
        );
    }
    // An HTTP answer's body is read by whoever called, onus or not.
    let handler = "async fn load(store: &Store) -> Response {\n    match store.load().await {\n        Ok(v) => Json(v).into_response(),\n        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),\n    }\n}\n";
    assert_eq!(found(&[("api.rs", handler)]), 1);
}

#[test]
fn a_severity_for_the_rest_is_a_defect_only_where_onus_is_used() {
    let errors = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] Declined,\n    #[error(\"b\")] Down,\n    #[error(\"c\")] Corrupt,\n}\n";
    let found = |files: &[(&str, &str)]| found_by("catch_all", files, &Config::default()).len();
    // readur's `AppError` impls: where errors are not classified yet, a severity picks the log
    // level; with onus it is part of the classification, and a new variant takes it silently.
    let severity = "impl Error {\n    fn error_severity(&self) -> ErrorSeverity {\n        match self {\n            Error::Corrupt => ErrorSeverity::Critical,\n            _ => ErrorSeverity::Minor,\n        }\n    }\n}\n";
    assert_eq!(found(&[("errors.rs", errors), ("api.rs", severity)]), 0);
    let uses = ("lib.rs", "use onus::Classified;\n");
    assert_eq!(
        found(&[("errors.rs", errors), ("api.rs", severity), uses]),
        1
    );
    // The crate's own level (quadratic's `ErrorLevel`) is a severity too.
    let level = "impl From<&Error> for ErrorLevel {\n    fn from(error: &Error) -> Self {\n        match error {\n            Error::Corrupt => ErrorLevel::Error,\n            _ => ErrorLevel::Warning,\n        }\n    }\n}\n";
    assert_eq!(found(&[("errors.rs", errors), ("api.rs", level)]), 0);
    assert_eq!(found(&[("errors.rs", errors), ("api.rs", level), uses]), 1);
    // A category is a log field either way: it answers nobody.
    let category = "impl Error {\n    fn error_category(&self) -> ErrorCategory {\n        match self {\n            Error::Declined => ErrorCategory::Auth,\n            _ => ErrorCategory::Database,\n        }\n    }\n}\n";
    assert_eq!(
        found(&[("errors.rs", errors), ("api.rs", category), uses]),
        0
    );
    // Where one arm answers something else, the match classifies: it is reported.
    let mixed = "impl Error {\n    fn error_category(&self) -> ErrorCategory {\n        match self {\n            Error::Declined => ErrorCategory::Auth,\n            _ => Kind::Database,\n        }\n    }\n}\n";
    assert_eq!(found(&[("errors.rs", errors), ("api.rs", mixed)]), 1);
}

#[test]
fn a_variant_merely_named_error_is_no_server_code() {
    let errors = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] Declined,\n    #[error(\"b\")] Down,\n}\n";
    // Where onus is not used, `CloseCode::Error` is a migration step as `_ => 500` is; a
    // variant of the code's own that is merely named `Error` still absorbs new ones.
    let handler = "fn kind(error: &Error) -> Kind {\n    match error {\n        Error::Declined => Kind::Refused,\n        _ => Kind::Error,\n    }\n}\n";
    let found = found_by(
        "catch_all",
        &[("errors.rs", errors), ("api.rs", handler)],
        &Config::default(),
    );
    assert_eq!(found, [("api.rs".to_owned(), 4)]);
}

#[test]
fn catch_all_tells_two_error_enums_of_one_name_apart_by_their_variants() {
    let billing = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] Declined,\n    #[error(\"b\")] Expired,\n    #[error(\"c\")] Provider,\n}\n";
    let ledger = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] Locked,\n    #[error(\"b\")] Missing,\n}\n";
    // A 5xx for the rest is a defect where onus is used (see below).
    let handler = "use onus::Classified;\nfn status(error: &Error) -> u16 {\n    match error {\n        Error::Declined => 402,\n        _ => 500,\n    }\n}\n";
    let found = found_by(
        "catch_all",
        &[
            ("billing.rs", billing),
            ("ledger.rs", ledger),
            ("api.rs", handler),
        ],
        &Config::default(),
    );
    assert_eq!(found, [("api.rs".to_owned(), 5)]);
}

#[test]
fn catch_all_leaves_another_crate_s_enum_alone() {
    // The checked code's `Error` has the variant the match names, as rusqlite's does.
    let errors = "#[derive(Debug, thiserror::Error)]\npub enum Error {\n    #[error(\"a\")] QueryReturnedNoRows,\n    #[error(\"b\")] Busy,\n}\n";
    let from = |path: &str| {
        format!(
            "impl From<{path}> for StoreError {{\n    fn from(error: {path}) -> Self {{\n        match error {{\n            {path}::QueryReturnedNoRows => StoreError::Missing,\n            _ => StoreError::Broken,\n        }}\n    }}\n}}\n"
        )
    };
    let found = |path: &str| {
        let store = from(path);
        found_by(
            "catch_all",
            &[("src/error.rs", errors), ("src/store.rs", store.as_str())],
            &Config::default(),
        )
    };
    assert_eq!(found("rusqlite::Error"), []);
    assert_eq!(
        found("crate::error::Error"),
        [("src/store.rs".to_owned(), 5)]
    );
}

#[test]
fn ignorable_calls_from_the_config_are_neither_ignored_nor_swallowed() {
    let text = "fn f(tx: Sender<u8>, cache: &Cache) {\n\
                    let _ = tx.send(1);\n\
                    let _ = std::fs::create_dir(\"lock\");\n\
                    if let Err(_) = purge_image(\"a\") {}\n\
                    match cache.invalidate(2) { Ok(()) => {}, Err(_) => {} }\n\
                }\n\
                fn purge_image(_: &str) -> Result<(), E> { Ok(()) }\n\
                impl Cache { fn invalidate(&self, _: u8) -> Result<(), E> { Ok(()) } }\n";
    let rules = |config: &Config| rules_and_lines("a.rs", text, config);
    assert_eq!(
        rules(&Config::default()),
        [
            ("ignored_result", 2),
            ("ignored_result", 3),
            ("swallowed_error", 4),
            ("swallowed_error", 5)
        ]
    );
    let config = Config {
        ignorable: vec![
            "mpsc::Sender::send".into(),
            "purge_image".into(),
            "Cache::invalidate".into(),
        ],
        ..Config::default()
    };
    assert_eq!(rules(&config), [("ignored_result", 3)]);
}

#[test]
fn a_binary_s_fns_that_run_only_at_startup_may_panic_across_its_files() {
    // river's `main` calls `from_basic_conf` in another module, which calls
    // `Modifiers::from_conf`: a panic there ends the process at start, as the error would.
    let main = "fn main() {\n    let conf = config::from_basic_conf(\"river.toml\").unwrap();\n    run(conf);\n}\n";
    let config = "pub fn from_basic_conf(path: &str) -> Result<Config, ConfigError> {\n    let text = std::fs::read_to_string(path).unwrap();\n    from_conf(&text)\n}\n\nfn from_conf(text: &str) -> Result<Config, ConfigError> {\n    let conf = toml::from_str(text).expect(\"valid config\");\n    Ok(conf)\n}\n";
    let handler = "pub fn reload(path: &str) -> Result<(), ConfigError> {\n    let conf = config::from_conf(&std::fs::read_to_string(path)?)?;\n    apply(conf);\n    Ok(())\n}\n";
    assert_eq!(
        found_by(
            "unwrap_in_fallible",
            &[("src/main.rs", main), ("src/config.rs", config)],
            &Config::default()
        ),
        []
    );
    // Also called by a handler: it runs whenever a request comes.
    assert_eq!(
        found_by(
            "unwrap_in_fallible",
            &[
                ("src/main.rs", main),
                ("src/config.rs", config),
                ("src/admin.rs", handler)
            ],
            &Config::default()
        ),
        [("src/config.rs".to_owned(), 7)]
    );
    // Without the binary's entry file, nothing is known to run only at startup.
    assert_eq!(
        found_by(
            "unwrap_in_fallible",
            &[("src/config.rs", config)],
            &Config::default()
        ),
        [
            ("src/config.rs".to_owned(), 2),
            ("src/config.rs".to_owned(), 7)
        ]
    );
    // A method is known by its type where the call names it: another type's `new`, called by
    // a handler, is not `Config::new` (gemserv's `Config::new`, read at start).
    let gem_main =
        "fn main() {\n    let conf = Config::new(\"gemserv.toml\").unwrap();\n    run(conf);\n}\n";
    let gem_config = "impl Config {\n    pub fn new(path: &str) -> Result<Config, ConfigError> {\n        let text = std::fs::read_to_string(path).unwrap();\n        Ok(toml::from_str(&text)?)\n    }\n}\n";
    let store = "impl Store {\n    pub fn new(path: &str) -> Result<Store, StoreError> {\n        Ok(Store(path.to_owned()))\n    }\n}\npub fn open(path: &str) -> Result<Store, StoreError> {\n    Store::new(path)\n}\n";
    let found = |files: &[(&str, &str)]| found_by("unwrap_in_fallible", files, &Config::default());
    assert_eq!(
        found(&[
            ("src/main.rs", gem_main),
            ("src/config.rs", gem_config),
            ("src/store.rs", store)
        ]),
        []
    );
    // Called by a handler too, by its type: it runs whenever a request comes.
    let reload = "pub fn reload() -> Result<(), ConfigError> {\n    apply(Config::new(\"gemserv.toml\")?);\n    Ok(())\n}\n";
    assert_eq!(
        found(&[
            ("src/main.rs", gem_main),
            ("src/config.rs", gem_config),
            ("src/admin.rs", reload)
        ]),
        [("src/config.rs".to_owned(), 3)]
    );
    // Called as a method on a value of no known type: any `new` may be it.
    let by_name = "pub fn reload(c: &Config) -> Result<(), ConfigError> {\n    apply(c.new(\"gemserv.toml\")?);\n    Ok(())\n}\n";
    assert_eq!(
        found(&[
            ("src/main.rs", gem_main),
            ("src/config.rs", gem_config),
            ("src/admin.rs", by_name)
        ]),
        [("src/config.rs".to_owned(), 3)]
    );
    // A free fn is not called by a method call of its name (zkstack's subcommand `run`, beside
    // xshell's `cmd!(..).run()`): `setup_keys::run` still runs only at startup.
    let cli_main = "fn main() {\n    setup_keys::run(\"keys.json\").unwrap();\n}\n";
    let setup_keys = "pub fn run(path: &str) -> Result<(), KeyError> {\n    let keys = std::fs::read_to_string(path).expect(\"keys\");\n    install(&keys)\n}\n";
    let shell = "pub fn install(keys: &str) -> Result<(), KeyError> {\n    Ok(())\n}\n\npub fn deploy(target: &str) -> Result<(), KeyError> {\n    Command::new(target).run()?;\n    Ok(())\n}\n";
    assert_eq!(
        found(&[
            ("src/main.rs", cli_main),
            ("src/setup_keys.rs", setup_keys),
            ("src/shell.rs", shell)
        ]),
        []
    );
}

#[test]
fn crypto_crates_errors_carry_no_cause() {
    // ring's and aws-lc-rs's `Unspecified` is "an error with absolutely no details", on purpose:
    // known through a `use` of the type or of the fn called.
    let text = "use aws_lc_rs::aead::{AES_256_GCM, UnboundKey};\n\
                use aws_lc_rs::error::Unspecified;\n\
                use keystore::StoredKey;\n\
                fn seal(data: &mut [u8]) -> Result<(), Unspecified> { KEY.seal_in_place(data) }\n\
                fn open(key: &[u8], data: &mut [u8]) -> Result<(), AppError> {\n\
                    let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| AppError::BadKey)?;\n\
                    seal(data).map_err(|_| AppError::Seal)?;\n\
                    let stored = StoredKey::new(b\"k\").map_err(|_| AppError::BadKey)?;\n\
                    Ok(())\n\
                }\n";
    assert_eq!(
        rules_and_lines("src/a.rs", text, &Config::default()),
        [("lost_source", 8)]
    );
}

#[test]
fn opaque_errors_from_the_config_carry_no_cause() {
    // `aead::Error` says only "this does not decrypt", on purpose: mapping it to a new error or
    // answering a fallback loses nothing. Known where the code names the type: a fn's declared
    // return type (also through a renaming `use`), a parameter's or a local's type.
    let text = "use aead::Error as AeadError;\n\
                fn open(data: &[u8]) -> Result<Vec<u8>, AeadError> { unseal(data) }\n\
                fn read(sealed: Result<Vec<u8>, aead::Error>) -> Result<Vec<u8>, AppError> {\n\
                    let token = open(b\"x\").map_err(|_| AppError::BadToken)?;\n\
                    let fallback = match open(b\"y\") { Ok(v) => v, Err(_) => Vec::new() };\n\
                    let kept: Result<Vec<u8>, aead::Error> = open(b\"z\");\n\
                    let _k = kept.map_err(|_| AppError::BadToken)?;\n\
                    sealed.map_err(|_| AppError::BadToken)\n\
                }\n\
                fn load(path: &str) -> Result<String, AppError> {\n\
                    std::fs::read_to_string(path).map_err(|_| AppError::Io)\n\
                }\n";
    let rules = |config: &Config| rules_and_lines("src/a.rs", text, config);
    assert_eq!(
        rules(&Config::default()),
        [
            ("lost_source", 4),
            ("swallowed_error", 5),
            ("lost_source", 7),
            ("lost_source", 8),
            ("lost_source", 11)
        ]
    );
    let config = Config {
        opaque_errors: vec!["aead::Error".into()],
        ..Config::default()
    };
    // A file-system error is not opaque: its finding stays.
    assert_eq!(rules(&config), [("lost_source", 11)]);
}

#[test]
fn extra_fallible_apis_from_the_config() {
    let text = "fn f(c: Client) { let _ = reqwest::get(\"u\"); let _ = send_email(); let _ = c.deliver(); }\n";
    let config = Config {
        extra_fallible: vec![
            "reqwest::get".into(),
            "send_email".into(),
            "Client::deliver".into(),
        ],
        ..Config::default()
    };
    let report = check(sources(&[("a.rs", text)]), &config);
    assert_eq!(report.diagnostics.len(), 3, "{:#?}", report.diagnostics);
}

/// The precision pass: `ONUS_CORPUS=dir1:dir2 cargo test -p onus-lints --test rules -- --ignored
/// corpus --nocapture` checks every `.rs` file under the directories and prints counts per rule
/// and every finding, to be read and judged.
#[test]
#[ignore = "reads real crates named by ONUS_CORPUS"]
fn corpus() {
    let Ok(dirs) = std::env::var("ONUS_CORPUS") else {
        return;
    };
    let mut inputs = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.split(':').map(PathBuf::from).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                match std::fs::read_to_string(&path) {
                    Ok(text) => inputs.push(Input::Source {
                        path,
                        text,
                        test_code: false,
                    }),
                    Err(error) => inputs.push(Input::Unreadable {
                        path,
                        error: error.to_string(),
                    }),
                }
            }
        }
    }
    let lines: usize = inputs
        .iter()
        .map(|input| {
            if let Input::Source { text, .. } = input {
                text.lines().count()
            } else {
                0
            }
        })
        .sum();
    let texts: Vec<String> = inputs
        .iter()
        .filter_map(|input| {
            if let Input::Source { text, .. } = input {
                Some(text.clone())
            } else {
                None
            }
        })
        .collect();
    let parse_only = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let started = std::time::Instant::now();
            let parsed = texts
                .iter()
                .filter(|text| syn::parse_file(text).is_ok())
                .count();
            (started.elapsed(), parsed)
        })
        .unwrap()
        .join()
        .unwrap();
    println!(
        "parse-only, one thread: {:?} ({} files parsed)",
        parse_only.0, parse_only.1
    );
    let started = std::time::Instant::now();
    let report = check(inputs, &Config::default());
    let elapsed = started.elapsed();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for diagnostic in &report.diagnostics {
        *counts.entry(diagnostic.rule).or_default() += 1;
        println!(
            "{}:{}:{} {}: {} | {}",
            diagnostic.file.display(),
            diagnostic.location.line_start,
            diagnostic.location.column_start,
            diagnostic.rule,
            diagnostic.message,
            diagnostic.snippet.chars().take(160).collect::<String>()
        );
    }
    println!(
        "files: {}, lines: {lines}, time: {elapsed:?}",
        report.files_checked
    );
    for (rule, count) in counts {
        println!("COUNT {rule}: {count}");
    }
}
