//! `cargo onus catalog` on `examples/shop` with the real binary: the three formats (snapshots),
//! the committed `CATALOG.md` kept true by `--check`, a drifted copy failing with a diff, and the
//! runbook and collision rules on a small project of their own.
#![allow(
    clippy::unwrap_used,
    reason = "a broken test setup should fail the test loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_cargo-onus");

fn shop() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/shop")
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TERM_COLOR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run {BIN}: {error}"));
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A fresh directory under cargo's scratch space for tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("catalog-{name}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The shop's sources, configuration and committed catalog, without its manifest (so that the
/// copy is a plain directory, not a package outside the workspace).
fn shop_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&shop().join("src"), &dir.join("src"));
    copy_dir(&shop().join("docs"), &dir.join("docs"));
    // The tests say which variants are tested; the manifest says they are the package's tests.
    copy_dir(&shop().join("tests"), &dir.join("tests"));
    for file in ["onus.toml", "CATALOG.md", "Cargo.toml"] {
        std::fs::copy(shop().join(file), dir.join(file)).unwrap();
    }
    dir
}

/// The catalog of the project in `dir`, in `format`; the run must be clean.
fn catalog_of(dir: &Path, format: &str) -> String {
    let run = run_in(dir, &["catalog", ".", "--format", format]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    run.stdout
}

fn catalog(format: &str) -> String {
    catalog_of(&shop(), format)
}

#[test]
fn markdown() {
    insta::assert_snapshot!(catalog("markdown"));
}

#[test]
fn json() {
    let text = catalog("json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    insta::assert_snapshot!(text);
}

#[test]
fn openapi() {
    let text = catalog("openapi");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let responses = value["components"]["responses"].as_object().unwrap();
    let codes = value["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap();
    assert_eq!(responses.len(), codes.len(), "one response per code");
    insta::assert_snapshot!(text);
}

#[test]
fn every_error_of_the_shop_is_in_the_catalog_with_its_transparent_wrappers() {
    let value: serde_json::Value = serde_json::from_str(&catalog("json")).unwrap();
    let types = value["types"].as_array().unwrap();
    let names: Vec<&str> = types
        .iter()
        .map(|ty| ty["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "types are sorted by name");
    let variant = |ty: &str, name: &str| -> serde_json::Value {
        types
            .iter()
            .find(|t| t["name"] == ty)
            .and_then(|t| {
                t["variants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["name"] == name)
                    .cloned()
            })
            .unwrap_or_else(|| panic!("{ty}::{name} is not in the catalog"))
    };
    assert_eq!(
        variant("PaymentError", "Provider")["transparent"],
        "ProviderError"
    );
    let unrecorded = variant("PaymentError", "UnrecordedCharge");
    assert_eq!(unrecorded["severity"], "fatal");
    assert_eq!(
        unrecorded["runbook"],
        "docs/runbooks/payment.unrecorded_charge.md"
    );
    assert_eq!(unrecorded["retryable"], false);
    assert_eq!(variant("ProviderError", "Timeout")["retryable"], true);
}

#[test]
fn the_committed_catalog_matches_the_code() {
    let run = run_in(&shop(), &["catalog", ".", "--check", "CATALOG.md"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains("matches the code"), "{run:?}");
}

#[test]
fn the_catalog_check_ignores_moved_lines_and_how_the_path_was_written() {
    let dir = shop_copy("moved");
    let orders = dir.join("src/orders.rs");
    let text = std::fs::read_to_string(&orders).unwrap();
    // A comment above every type moves every line, and changes no declaration.
    std::fs::write(
        &orders,
        format!("// A comment that moves every line below.\n{text}"),
    )
    .unwrap();
    let run = run_in(&dir, &["catalog", ".", "--check", "CATALOG.md"]);
    assert_eq!(run.code, Some(0), "{run:?}");

    // Run from elsewhere with absolute paths: the paths it prints are still the project's.
    let elsewhere = std::env::temp_dir();
    let absolute = dir.canonicalize().unwrap();
    let run = run_in(
        &elsewhere,
        &[
            "catalog",
            absolute.to_str().unwrap(),
            "--check",
            absolute.join("CATALOG.md").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
}

#[test]
fn a_catalog_out_of_date_fails_with_a_diff() {
    let dir = shop_copy("drift");
    let orders = dir.join("src/orders.rs");
    let text = std::fs::read_to_string(&orders).unwrap();
    let changed = text.replace(
        "#[onus(status = 404, code = \"order.not_found\")]",
        "#[onus(status = 410, code = \"order.gone\")]",
    );
    assert_ne!(
        text, changed,
        "the declaration to change is in src/orders.rs"
    );
    std::fs::write(&orders, changed).unwrap();

    let run = run_in(&dir, &["catalog", ".", "--check", "CATALOG.md"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .contains("error: the catalog `CATALOG.md` does not match the code"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains(
            "help: regenerate it with `cargo onus catalog --format markdown --output CATALOG.md`"
        ),
        "{run:?}"
    );
    let diff = &run.stderr[run.stderr.find("--- CATALOG.md").unwrap()..];
    insta::assert_snapshot!(diff);

    // Regenerated, it matches again.
    let run = run_in(&dir, &["catalog", ".", "--output", "CATALOG.md"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let run = run_in(&dir, &["catalog", ".", "--check", "CATALOG.md"]);
    assert_eq!(run.code, Some(0), "{run:?}");
}

#[test]
fn a_missing_catalog_exits_2_with_a_hint() {
    let dir = shop_copy("missing");
    let run = run_in(
        &dir,
        &[
            "catalog",
            ".",
            "--format",
            "json",
            "--check",
            "catalog.json",
        ],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr
            .contains("cannot read the catalog `catalog.json`"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains(
            "help: generate it with `cargo onus catalog --format json --output catalog.json`"
        ),
        "{run:?}"
    );
}

const STORE: &str = r#"
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    #[error("the database is unavailable")]
    #[onus(class = system, status = 503, severity = error, runbook = "docs/runbooks/store.md")]
    Unavailable,
    #[error("the ledger is down")]
    #[onus(class = system, status = 503, severity = fatal)]
    Ledger,
    #[error("the cache missed")]
    #[onus(class = system, status = 503, severity = warn)]
    CacheMiss,
    #[error("no such order")]
    #[onus(class = business, status = 404, severity = info, code = "not_found")]
    NotFound,
}
"#;

const CUSTOMERS: &str = r#"
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum CustomerError {
    #[error("no such customer")]
    #[onus(class = business, status = 404, severity = info, code = "not_found")]
    NotFound,
}
"#;

/// (line, rule, message) of every finding, from `check --format json`.
fn findings(run: &Run) -> Vec<(String, u64, String, String)> {
    run.stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-message")
        .map(|message| {
            let diagnostic = &message["message"];
            let span = &diagnostic["spans"][0];
            (
                span["file_name"].as_str().unwrap().to_owned(),
                span["line_start"].as_u64().unwrap(),
                diagnostic["code"]["code"].as_str().unwrap().to_owned(),
                diagnostic["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn require_runbook_reports_system_errors_without_one_and_missing_pages() {
    let dir = scratch("runbooks");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/store.rs"), STORE).unwrap();
    std::fs::write(dir.join("onus.toml"), "require_runbook = \"error\"\n").unwrap();

    let run = run_in(&dir, &["check", ".", "--format", "json"]);
    // `missing_runbook` warns by default: the run passes.
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        findings(&run),
        [
            (
                "src/store.rs".to_owned(),
                5,
                "onus::missing_runbook".to_owned(),
                "runbook `docs/runbooks/store.md` does not exist".to_owned()
            ),
            (
                "src/store.rs".to_owned(),
                9,
                "onus::missing_runbook".to_owned(),
                "system error `StoreError::Ledger` (fatal) declares no runbook".to_owned()
            ),
        ]
    );

    // With the page written, only the variant without a runbook is left; at `deny`, it fails.
    std::fs::create_dir_all(dir.join("docs/runbooks")).unwrap();
    std::fs::write(dir.join("docs/runbooks/store.md"), "# store\n").unwrap();
    std::fs::write(
        dir.join("onus.toml"),
        "require_runbook = \"error\"\n[rules]\nmissing_runbook = \"deny\"\n",
    )
    .unwrap();
    let run = run_in(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let lines: Vec<u64> = findings(&run).iter().map(|found| found.1).collect();
    assert_eq!(lines, [9]);

    // Below `fatal` nothing is required any more.
    std::fs::write(dir.join("onus.toml"), "require_runbook = \"fatal\"\n").unwrap();
    let run = run_in(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(findings(&run).len(), 1, "{run:?}");
    std::fs::write(dir.join("onus.toml"), "").unwrap();
    let run = run_in(&dir, &["check", ".", "--format", "json"]);
    assert!(findings(&run).is_empty(), "{run:?}");
}

#[test]
fn an_unknown_require_runbook_severity_is_a_configuration_error() {
    let dir = scratch("bad-severity");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/store.rs"), STORE).unwrap();
    std::fs::write(dir.join("onus.toml"), "require_runbook = \"critical\"\n").unwrap();
    let run = run_in(&dir, &["check", "."]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("unknown severity `critical`"),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("trace, debug, info, warn, error, fatal"),
        "{run:?}"
    );
}

#[test]
fn colliding_codes_fail_the_check_and_name_each_other() {
    let dir = scratch("collisions");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/store.rs"), STORE).unwrap();
    std::fs::write(dir.join("src/customers.rs"), CUSTOMERS).unwrap();
    std::fs::write(dir.join("onus.toml"), "").unwrap();
    let run = run_in(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let found: Vec<_> = findings(&run)
        .into_iter()
        .filter(|found| found.2 == "onus::duplicate_error_code")
        .map(|found| (found.0, found.1, found.3))
        .collect();
    assert_eq!(
        found,
        [
            (
                "src/customers.rs".to_owned(),
                5,
                "error code `not_found` of `CustomerError::NotFound` is not unique: also \
                 declared by `StoreError::NotFound` (src/store.rs:15)"
                    .to_owned()
            ),
            (
                "src/store.rs".to_owned(),
                14,
                "error code `not_found` of `StoreError::NotFound` is not unique: also declared \
                 by `CustomerError::NotFound` (src/customers.rs:6)"
                    .to_owned()
            ),
        ]
    );
    // The catalog still lists both: it describes the code as it is.
    let run = run_in(&dir, &["catalog", ".", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout.matches("\"code\": \"not_found\"").count(), 2);
}

/// One struct per error status, 400..=599, each named after its status (`E414`).
fn every_status_source() -> String {
    (400..=599)
        .map(|status: u16| {
            let (class, severity) = if status < 500 {
                ("business", "info")
            } else {
                ("system", "error")
            };
            format!(
                "#[derive(Debug, thiserror::Error, onus::Classify)]\n\
                 #[error(\"failed\")]\n\
                 #[onus(class = {class}, status = {status}, severity = {severity})]\n\
                 pub struct E{status};\n\n"
            )
        })
        .collect()
}

#[test]
fn openapi_titles_are_the_runtime_s_reason_phrases_for_every_error_status() {
    let dir = scratch("reason-phrases");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), every_status_source()).unwrap();
    std::fs::write(dir.join("onus.toml"), "").unwrap();
    let run = run_in(&dir, &["catalog", ".", "--format", "openapi"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let responses = value["components"]["responses"].as_object().unwrap();
    assert_eq!(responses.len(), 200);
    for status in 400..=599_u16 {
        let response = &responses[&format!("e{status}")];
        // The phrase `onus::Problem` titles its bodies with (`tests/tests/declare_agrees.rs`).
        let phrase = onus_declare::status::reason_phrase(status);
        let example = &response["content"]["application/problem+json"]["example"];
        assert_eq!(example["title"], phrase, "{status}");
        let description = response["description"].as_str().unwrap();
        assert!(
            description.starts_with(&format!("{status} {phrase}: `E{status}`")),
            "{description}"
        );
    }
    // http's canonical phrases, not ones made up from the constant names.
    let title = |status: u16| {
        responses[&format!("e{status}")]["content"]["application/problem+json"]["example"]["title"]
            .clone()
    };
    assert_eq!(title(414), "URI Too Long");
    assert_eq!(title(418), "I'm a teapot");
    assert_eq!(title(505), "HTTP Version Not Supported");
    assert_eq!(title(499), "Client Error");
}

/// `tests/projects/delegation`: transparent variants, nested, ambiguous, unknown and in a cycle.
fn delegation(format: &str) -> String {
    catalog_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects/delegation"),
        format,
    )
}

#[test]
fn a_transparent_variant_lists_the_answers_of_the_type_it_wraps() {
    insta::assert_snapshot!(delegation("markdown"));
}

#[test]
fn json_lists_the_answers_of_a_transparent_variant_or_null_when_it_cannot_follow_it() {
    let value: serde_json::Value = serde_json::from_str(&delegation("json")).unwrap();
    assert_eq!(value["version"], 1, "an added field keeps the version");
    let variant = |ty: &str, name: &str| -> serde_json::Value {
        value["types"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["name"] == ty)
            .flat_map(|t| t["variants"].as_array().unwrap().clone())
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("{ty}::{name} is not in the catalog"))
    };
    let summary = |answers: &serde_json::Value| -> Vec<(String, String, String)> {
        answers
            .as_array()
            .unwrap()
            .iter()
            .map(|answer| {
                let via: Vec<&str> = answer["via"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|via| via.as_str().unwrap())
                    .collect();
                let answer_text = answer["code"].as_str().map_or_else(
                    || format!("transparent {}", answer["transparent"]),
                    ToOwned::to_owned,
                );
                (
                    via.join(" > "),
                    answer["path"].as_str().unwrap().to_owned(),
                    answer_text,
                )
            })
            .collect()
    };
    let own =
        |via: &str, path: &str, answer: &str| (via.to_owned(), path.to_owned(), answer.to_owned());

    // Followed, nested transparent variants in place.
    let orders = variant("ApiError", "Orders");
    assert_eq!(orders["transparent"], "OrderError");
    assert_eq!(
        summary(&orders["answers"]),
        [
            own("", "OrderError::NotFound", "order.not_found"),
            own("OrderError::Payment", "PaymentError", "payment.down"),
        ]
    );
    // A `Box<OrderError>` is followed to `OrderError`.
    let archived = variant("ApiError", "Archived");
    assert_eq!(archived["transparent"], "OrderError");
    assert_eq!(archived["answers"], orders["answers"]);
    let payment = &orders["answers"][1];
    assert_eq!(
        (
            payment["file"].as_str(),
            payment["line"].as_u64(),
            payment["status"].as_u64()
        ),
        (Some("src/orders.rs"), Some(18), Some(503))
    );
    // Two `StoreError`s, and a type the catalog does not know: as written, `answers` null.
    for name in ["Store", "Upstream"] {
        let unfollowed = variant("ApiError", name);
        assert!(unfollowed["transparent"].is_string(), "{unfollowed}");
        assert!(unfollowed["answers"].is_null(), "{unfollowed}");
    }
    // A cycle is followed once round, and its way back is shown as written.
    assert_eq!(
        summary(&variant("PingError", "Pong")["answers"]),
        [
            own("", "PongError::Lost", "pong.lost"),
            own("", "PongError::Ping", "transparent \"PingError\""),
        ]
    );
    assert_eq!(
        summary(&variant("PongError", "Ping")["answers"]),
        [
            own("", "PingError::Timeout", "ping.timeout"),
            own("", "PingError::Pong", "transparent \"PongError\""),
        ]
    );
    // A declared variant has no `answers`.
    assert!(variant("ApiError", "BadInput").get("answers").is_none());
}

#[test]
fn openapi_names_the_transparent_variants_that_answer_with_each_code() {
    let value: serde_json::Value = serde_json::from_str(&delegation("openapi")).unwrap();
    let codes: Vec<&str> = value["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "api.bad_input",
            "ledger.down",
            "order.not_found",
            "payment.down",
            "ping.timeout",
            "pong.lost",
            "search.down"
        ]
    );
    let description = |code: &str| {
        value["components"]["responses"][code]["description"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        description("payment.down"),
        "503 Service Unavailable: `PaymentError` (system, error). The payment provider is down. \
         The same request may succeed later. Also answered by `ApiError::Archived`, \
         `ApiError::Orders`, `OrderError::Payment` (transparent)."
    );
    assert!(
        description("order.not_found")
            .ends_with("Also answered by `ApiError::Archived`, `ApiError::Orders` (transparent).")
    );
    assert!(
        description("ping.timeout").ends_with("Also answered by `PongError::Ping` (transparent).")
    );
    // Not followed: two types share the name `StoreError`.
    assert!(!description("ledger.down").contains("Also answered"));
    assert!(!description("search.down").contains("Also answered"));
}

/// `tests/projects/via`: `via` functions found by path, by `Type::fn` returning `Self`, not
/// found, and ambiguous.
fn via(format: &str) -> String {
    catalog_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects/via"),
        format,
    )
}

#[test]
fn a_via_variant_lists_the_answers_of_the_type_its_function_returns() {
    insta::assert_snapshot!(via("markdown"));
}

#[test]
fn json_names_a_via_function_its_return_type_and_the_answers_it_gives() {
    let value: serde_json::Value = serde_json::from_str(&via("json")).unwrap();
    let variant = |name: &str| -> serde_json::Value {
        value["types"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["name"] == "NoteError")
            .flat_map(|t| t["variants"].as_array().unwrap().clone())
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("NoteError::{name} is not in the catalog"))
    };
    let db = variant("Db");
    assert_eq!(
        db["via_function"],
        serde_json::json!({ "path": "crate::db::db_failure", "returns": "DbFailure" })
    );
    assert!(db["transparent"].is_null());
    let codes: Vec<(&str, &str, u64)> = db["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|answer| {
            (
                answer["path"].as_str().unwrap(),
                answer["code"].as_str().unwrap(),
                answer["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("DbFailure::NotFound", "db.not_found", 404),
            ("DbFailure::Unavailable", "db.unavailable", 503)
        ]
    );
    let attachment = variant("Attachment");
    assert_eq!(attachment["via_function"]["returns"], "FileFailure");
    assert_eq!(attachment["answers"][0]["code"], "files.broken");
    // `Self::classify` is the classified type's own associated function.
    let upload = value["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "UploadError")
        .unwrap();
    assert_eq!(
        upload["variants"][0]["via_function"],
        serde_json::json!({ "path": "Self::classify", "returns": "FileFailure" })
    );
    // Not found, and ambiguous: the function as written, no return type, no answers.
    for (name, path) in [
        ("Remote", "remote::classify"),
        ("Cache", "crate::db::classify"),
    ] {
        let unfollowed = variant(name);
        assert_eq!(unfollowed["via_function"]["path"], path, "{unfollowed}");
        assert!(
            unfollowed["via_function"]["returns"].is_null(),
            "{unfollowed}"
        );
        assert!(unfollowed["answers"].is_null(), "{unfollowed}");
    }
    // A declared variant names no function.
    assert!(variant("Untitled")["via_function"].is_null());
}

#[test]
fn openapi_names_the_via_variants_that_answer_with_each_code() {
    let value: serde_json::Value = serde_json::from_str(&via("openapi")).unwrap();
    let description = |code: &str| {
        value["components"]["responses"][code]["description"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        description("db.not_found")
            .ends_with("Also answered by `NoteError::Db` (via `crate::db::db_failure`)."),
        "{}",
        description("db.not_found")
    );
    assert!(
        description("files.broken").ends_with(
            "Also answered by `NoteError::Attachment` (via `FileFailure::of`); \
             `UploadError::Write` (via `Self::classify`)."
        ),
        "{}",
        description("files.broken")
    );
}
