//! The real `cargo-onus` binary on small projects: exit codes, formats, configuration,
//! suppressions, baselines, and this repository itself.
//!
//! Every test copies its project from `tests/projects/` into a fresh directory, so tests that
//! edit files do not interfere with each other or with the repository.

mod support;

use std::path::Path;
use std::process::Command;

use support::{BIN, Project, Run, run_in};

// --- commands ---------------------------------------------------------------------------------

#[test]
fn explain_prints_the_rule_documentation_with_or_without_the_leading_onus() {
    let project = Project::copy("clean");
    for args in [
        &["explain", "parse_error"][..],
        &["onus", "explain", "parse_error"][..],
        &["explain", "onus::parse_error"][..],
    ] {
        let run = project.run(args);
        run.assert_code(0);
        assert!(run.stdout.contains("# What it finds"), "{}", run.stdout);
        assert!(
            run.stdout.starts_with("onus::parse_error: "),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn explain_of_an_unknown_rule_suggests_the_nearest_one() {
    let run = Project::copy("clean").run(&["explain", "parse_eror"]);
    run.assert_code(2);
    run.assert_stderr_contains("unknown rule `parse_eror`");
    run.assert_stderr_contains("did you mean `parse_error`?");
}

#[test]
fn rules_lists_every_rule_with_its_configured_level() {
    let project = Project::copy("clean");
    project.write("onus.toml", "[rules]\nunused_suppression = \"deny\"\n");
    let run = project.run(&["rules"]);
    run.assert_code(0);
    for rule in onus_lints::rules::all() {
        assert!(
            run.stdout.contains(rule.id),
            "{} missing in\n{}",
            rule.id,
            run.stdout
        );
    }
    let line = run
        .stdout
        .lines()
        .find(|line| line.starts_with("unused_suppression "))
        .unwrap_or_else(|| panic!("no unused_suppression line in\n{}", run.stdout));
    let columns: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(columns[1..3], ["deny", "warn"], "{line}");
}

// --- exit codes -------------------------------------------------------------------------------

#[test]
fn a_clean_project_exits_0() {
    let run = Project::copy("clean").run(&["check", "."]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("onus check passed: no findings in 1 file"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let project = Project::copy("clean");
    project.run(&["check", "--format", "xml"]).assert_code(2);
    project.run(&["frobnicate"]).assert_code(2);
    let missing = project.run(&["check", "no/such/dir"]);
    missing.assert_code(2);
    missing.assert_stderr_contains("`no/such/dir` does not exist");
    project.run(&["--help"]).assert_code(0);
}

#[test]
fn a_file_that_does_not_parse_is_reported_at_its_location_and_the_others_are_still_checked() {
    let project = Project::copy("broken");
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    let messages = run.messages();
    assert_eq!(messages.len(), 1, "{}", run.stdout);
    let diagnostic = &messages[0].message;
    assert_eq!(
        diagnostic.code.as_ref().map(|code| code.code.as_str()),
        Some("onus::parse_error")
    );
    let span = &diagnostic.spans[0];
    assert_eq!(span.file_name, "src/bad.rs");
    // `let y = x /` ends at the `}` on line 4: that is where syn gives up.
    assert_eq!(
        (span.line_start, span.column_start),
        (4, 1),
        "{diagnostic:?}"
    );

    let human = project.run(&["check", "."]);
    human.assert_code(1);
    assert!(human.stderr.contains("in 2 files"), "{}", human.stderr);
}

#[test]
fn a_file_that_is_not_utf8_is_a_parse_error_not_a_crash() {
    let project = Project::copy("clean");
    project.write("src/latin1.rs", b"// caf\xe9\nfn f() {}\n");
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    let messages = run.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].message.message.contains("not valid UTF-8"),
        "{}",
        messages[0].message.message
    );
    assert_eq!(messages[0].message.spans[0].line_start, 1);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let project = Project::copy("clean");
    let depth = 5_000;
    let body = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    project.write(
        "src/deep.rs",
        format!("pub fn deep() -> i32 {{ {body} }}\n"),
    );
    let run = project.run(&["check", "--format", "json", "."]);
    assert!(
        run.code == Some(0) || run.code == Some(1),
        "crashed: {}",
        run.stderr
    );
}

// --- discovery --------------------------------------------------------------------------------

#[test]
fn without_paths_every_workspace_member_target_dir_is_checked() {
    let project = Project::copy("workspace");
    let run = project.run(&["check", "--format", "json"]);
    run.assert_code(1);
    let files: Vec<String> = run
        .messages()
        .iter()
        .map(|message| message.message.spans[0].file_name.clone())
        .collect();
    // `tests/it.rs` is a member's test; `scripts/` is no target directory of the member.
    assert_eq!(files, ["tests/it.rs"], "{}", run.stdout);
}

/// Code a tool wrote is its generator's to answer for: a file marked `@generated` in its first
/// lines (prost-build, diesel), and the client and server modules tonic-build writes. Its
/// declarations are still known: a `Result` of a generated fn thrown away is reported.
#[test]
fn generated_code_is_not_checked() {
    let project = Project::copy("clean");
    let finding = "pub fn f() { let _ = std::fs::create_dir(\"x\"); }\n";
    project.write(
        "src/lib.rs",
        format!(
            "mod proto;\nmod late;\n{finding}\
             pub fn g() {{ let _ = proto::index_client::save(); }}\n"
        ),
    );
    project.write(
        "src/proto.rs",
        format!(
            "// This file is @generated by prost-build.\n{finding}\
             /// Generated client implementations.\npub mod index_client {{ {finding}\
             pub fn save() -> Result<(), std::io::Error> {{ Ok(()) }} }}\n"
        ),
    );
    // A marker below the first lines is no marker; a module documented otherwise is checked.
    project.write(
        "src/late.rs",
        format!(
            "{}// @generated\n{finding}/// Generated client implementations.\n\
             pub mod index_client {{ {finding} }}\n/// Client implementations.\n\
             pub mod client {{ {finding} }}\n",
            "\n".repeat(5)
        ),
    );
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(0);
    let mut found: Vec<(String, usize)> = run
        .messages()
        .iter()
        .map(|message| {
            let span = &message.message.spans[0];
            (span.file_name.clone(), span.line_start)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("src/late.rs".to_owned(), 7),
            ("src/late.rs".to_owned(), 12),
            ("src/lib.rs".to_owned(), 3),
            ("src/lib.rs".to_owned(), 4)
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn test_code_in_other_files_is_skipped_unless_tests_are_checked() {
    let project = Project::copy("workspace");
    let finding = "pub fn f() { let _ = std::fs::create_dir(\"x\"); }\n";
    project.write("tests/it.rs", finding);
    project.write("tests/common/mod.rs", finding);
    project.write("benches/speed.rs", finding);
    project.write(
        "src/lib.rs",
        "mod db;\n#[cfg(test)]\nmod support;\n#[cfg(all(test, unix))]\n#[path = \"../fixtures/data.rs\"]\nmod data;\n",
    );
    project.write("src/db.rs", format!("#[cfg(test)]\nmod fakes;\n{finding}"));
    project.write("src/db/fakes.rs", finding);
    project.write("src/support.rs", format!("mod more;\n{finding}"));
    project.write("src/support/more.rs", finding);
    project.write("src/only_tests.rs", format!("#![cfg(test)]\n{finding}"));
    project.write("fixtures/data.rs", finding);
    // A test target outside `tests/`: cargo metadata says what it is.
    let manifest = project.read("Cargo.toml");
    project.write(
        "Cargo.toml",
        format!("{manifest}\n[[test]]\nname = \"custom\"\npath = \"checks/custom.rs\"\n"),
    );
    project.write("checks/custom.rs", finding);
    let flagged = |run: &Run| {
        let mut files: Vec<String> = run
            .messages()
            .iter()
            .map(|message| message.message.spans[0].file_name.clone())
            .collect();
        files.sort();
        files
    };
    // Through cargo metadata and through a path, only `src/db.rs` itself is not test code
    // (`scripts/` is outside the member's target directories, so only the path run sees it;
    // a path run cannot know that `checks/custom.rs` is a test).
    let run = project.run(&["check", "--format", "json"]);
    run.assert_code(0);
    assert_eq!(flagged(&run), ["src/db.rs"], "{}", run.stdout);
    // The path run reads `scripts/not_a_target.rs`, which does not parse: a `parse_error`.
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    assert_eq!(
        flagged(&run),
        ["checks/custom.rs", "scripts/not_a_target.rs", "src/db.rs"],
        "{}",
        run.stdout
    );

    project.write("onus.toml", "check_tests = true\n");
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    assert_eq!(
        flagged(&run),
        [
            "benches/speed.rs",
            "checks/custom.rs",
            "fixtures/data.rs",
            "scripts/not_a_target.rs",
            "src/db.rs",
            "src/db/fakes.rs",
            "src/only_tests.rs",
            "src/support.rs",
            "src/support/more.rs",
            "tests/common/mod.rs",
            "tests/it.rs"
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn gitignore_and_config_excludes_are_honoured() {
    let project = Project::copy("ignoring");
    project.write(".gitignore", "vendored/\n");
    project.write("vendored/dep.rs", "fn ignored_by_gitignore( {\n");
    let run = project.run(&["check", "."]);
    run.assert_code(0);
    run.assert_stderr_contains("no findings in 1 file");

    // A file or directory named on the command line is checked even when excluded.
    project.run(&["check", "src/generated"]).assert_code(1);
    project
        .run(&["check", "src/generated/out.rs"])
        .assert_code(1);
}

#[test]
fn the_configuration_is_found_from_a_subdirectory_and_its_globs_stay_relative_to_the_root() {
    let project = Project::copy("ignoring");
    for path in [".", "../src"] {
        let run = run_in(&project.path("src"), &["check", path]);
        run.assert_code(0);
        run.assert_stderr_contains("no findings in 1 file");
    }
}

// --- configuration ----------------------------------------------------------------------------

#[test]
fn opaque_errors_are_read_from_the_configuration() {
    let project = Project::copy("clean");
    project.write(
        "src/lib.rs",
        "pub fn open(data: &[u8]) -> Result<Vec<u8>, aead::Error> {\n    unseal(data)\n}\n\n\
         pub fn token(data: &[u8]) -> Result<Vec<u8>, AppError> {\n    \
         open(data).map_err(|_| AppError::BadToken)\n}\n",
    );
    project.write("onus.toml", "[rules]\nlost_source = \"deny\"\n");
    project.run(&["check", "."]).assert_code(1);
    project.write(
        "onus.toml",
        "opaque_errors = [\"aead::Error\"]\n[rules]\nlost_source = \"deny\"\n",
    );
    project.run(&["check", "."]).assert_code(0);
    project.write("onus.toml", "opaque_errors = \"aead::Error\"\n");
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("opaque_errors");
}

#[test]
fn panic_boundary_file_patterns_use_the_exclude_glob_dialect() {
    let project = Project::copy("clean");
    project.write(
        "onus.toml",
        "panic_boundaries = [\"serve\", \"src/boundary/*.rs\"]\n",
    );
    let catch = "pub fn run(job: fn()) -> bool {\n    std::panic::catch_unwind(job).is_ok()\n}\n";
    project.write("src/boundary/pool.rs", catch);
    project.write("src/other.rs", catch);
    project.write("src/nested/boundary/pool.rs", catch);
    project.write(
        "src/serve.rs",
        "pub fn serve(job: fn()) -> bool {\n    std::panic::catch_unwind(job).is_ok()\n}\n",
    );
    let run = project.run(&["check", "--format", "json", "."]);
    let files: Vec<String> = run
        .messages()
        .iter()
        .filter(|message| {
            message
                .message
                .code
                .as_ref()
                .is_some_and(|code| code.code == "onus::catch_all")
        })
        .filter_map(|message| {
            message
                .message
                .spans
                .first()
                .map(|span| span.file_name.clone())
        })
        .collect();
    // `src/boundary/*.rs` is anchored at the project root, as in `exclude` and .gitignore.
    assert_eq!(
        files,
        ["src/nested/boundary/pool.rs", "src/other.rs"],
        "{}",
        run.stdout
    );

    project.write("onus.toml", "panic_boundaries = [\"src/[z-a].rs\"]\n");
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("invalid panic_boundaries glob");
}

#[test]
fn a_rule_level_from_the_configuration_decides_the_exit_status() {
    let project = Project::copy("broken");
    project.write(
        "Cargo.toml",
        format!(
            "{}\n[workspace.metadata.onus.rules]\nparse_error = \"warn\"\n",
            project.read("Cargo.toml")
        ),
    );
    let run = project.run(&["check", "."]);
    run.assert_code(0);
    run.assert_stderr_contains("warning[onus::parse_error]");
    run.assert_stderr_contains("passed with 1 warning");
}

#[test]
fn onus_toml_takes_precedence_over_workspace_metadata() {
    let project = Project::copy("broken");
    project.write(
        "Cargo.toml",
        format!(
            "{}\n[workspace.metadata.onus.rules]\nparse_error = \"warn\"\n",
            project.read("Cargo.toml")
        ),
    );
    project.write("onus.toml", "[rules]\nparse_error = \"deny\"\n");
    let run = project.run(&["check", "."]);
    run.assert_code(1);
    assert!(run.stderr.contains("takes precedence"), "{}", run.stderr);
}

#[test]
fn an_unknown_rule_in_the_configuration_exits_2_pointing_at_it() {
    let project = Project::copy("clean");
    project.write(
        "onus.toml",
        "exclude = []\n\n[rules]\nparse_eror = \"deny\"\nunused_suppression = \"loud\"\n",
    );
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn invalid_toml_and_unknown_keys_exit_2_with_file_and_line() {
    let project = Project::copy("clean");
    project.write("onus.toml", "[rules\nparse_error = \"deny\"\n");
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("--> onus.toml:1:"), "{}", run.stderr);

    project.write("onus.toml", "check_test = true\n");
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("unknown field `check_test`");
    assert!(run.stderr.contains("--> onus.toml:1:1"), "{}", run.stderr);

    project.write("onus.toml", "exclude = [\"src/[z-a]\"]\n");
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("invalid exclude glob");
}

// --- paths ------------------------------------------------------------------------------------

/// `tests/projects/modules`: two modules declare an `Error` enum with a `Db` variant and a
/// `merge` fn, one returning a `Result` and one nothing. Each use resolves through `mod`, `use`
/// (a rename, a group with `self`, a glob, `super::super::`, `crate::`) to the item the compiler
/// would pick; the same names elsewhere neither add findings nor switch any off, and a path into
/// another crate (`payments::charge`) is none of them. A fn imported from another crate is known
/// by the path its `use` writes (`read_to_string` of `use std::fs::read_to_string;`).
#[test]
fn items_are_known_by_their_path_not_their_name() {
    let run = Project::copy("modules").run(&["check", "--format", "json", "."]);
    run.assert_code(0);
    let mut found: Vec<(String, String, usize)> = run
        .messages()
        .into_iter()
        .map(|message| {
            let diagnostic = message.message;
            let primary = diagnostic
                .spans
                .iter()
                .find(|span| span.is_primary)
                .unwrap_or_else(|| panic!("no primary span: {diagnostic:?}"));
            let code = diagnostic.code.map(|code| code.code).unwrap_or_default();
            (code, primary.file_name.clone(), primary.line_start)
        })
        .collect();
    found.sort();
    let expected = [
        // `routes::Error` is unclassified; `ledger::Error` is classified by hand in another file,
        // by its path, although other types are named `Error`.
        ("onus::unclassified_error", "src/api/routes.rs", 7),
        // `join` is `billing::merge` renamed; the glob's `merge` is `ledger::merge`, returning ().
        ("onus::ignored_result", "src/api/routes.rs", 14),
        ("onus::ignored_result", "src/api/routes.rs", 17),
        // `billing::Error::Db` is `class = system`; `ledger::Error::Db` is not classified.
        ("onus::lost_source", "src/billing.rs", 22),
        ("onus::ignored_result", "src/billing.rs", 24),
        // `billing::Error` has a variant the match leaves to `_`; `ledger::Error` shares the
        // listed ones, which no longer switches the check off.
        ("onus::catch_all", "src/billing.rs", 35),
        ("onus::ignored_result", "src/ledger.rs", 23),
    ]
    .map(|(code, file, line)| (code.to_owned(), file.to_owned(), line));
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(found, expected, "{}", run.stdout);
}

// --- formats ----------------------------------------------------------------------------------

#[test]
fn json_lines_are_cargo_messages_with_exact_primary_spans() {
    let project = Project::copy("findings");
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    let messages = run.messages();
    assert!(!messages.is_empty(), "{}", run.stdout);
    let source = project.read("src/lib.rs");
    for message in &messages {
        let diagnostic = &message.message;
        let primary = diagnostic
            .spans
            .iter()
            .find(|span| span.is_primary)
            .unwrap_or_else(|| panic!("no primary span: {diagnostic:?}"));
        assert_eq!(primary.file_name, "src/lib.rs");
        let bytes = primary.byte_start as usize..primary.byte_end as usize;
        assert_eq!(
            &source[bytes], "let _ = std::fs::create_dir(path);",
            "{diagnostic:?}"
        );
        assert_eq!((primary.line_start, primary.column_start), (5, 5));
        assert!(
            diagnostic
                .rendered
                .as_deref()
                .is_some_and(|text| text.contains("-->"))
        );
    }
}

#[test]
fn json_names_the_real_target_of_each_finding() {
    let project = Project::copy("clean");
    std::fs::remove_file(project.path("src/lib.rs")).unwrap_or_else(|error| panic!("{error}"));
    let finding = "fn main() {\n    let _ = std::fs::create_dir(\"lock\");\n}\n";
    project.write("src/main.rs", finding);
    project.write("src/bin/tool.rs", finding);
    let run = project.run(&["check", "--format", "json"]);
    run.assert_code(0);
    let mut targets: Vec<(String, Vec<String>, String)> = run
        .messages()
        .into_iter()
        .map(|message| {
            let kind = message
                .target
                .kind
                .iter()
                .map(ToString::to_string)
                .collect();
            let file = message.message.spans[0].file_name.clone();
            (message.target.name, kind, file)
        })
        .collect();
    targets.sort();
    let bin = vec!["bin".to_owned()];
    assert_eq!(
        targets,
        [
            ("clean".to_owned(), bin.clone(), "src/main.rs".to_owned()),
            ("tool".to_owned(), bin, "src/bin/tool.rs".to_owned()),
        ]
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly_with_its_exit_code() {
    let project = Project::copy("findings");
    let mut child = Command::new(BIN)
        .args(["check", "--format", "json", "."])
        .current_dir(&project.dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run {BIN}: {error}"));
    // `| head -0`: the reading end is closed before anything is written.
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("{error}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let run = Project::copy("findings").run(&["check", "--format", "sarif", "."]);
    run.assert_code(1);
    let log: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("not JSON: {error}"));
    assert_valid_sarif(&log);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .is_some_and(|uri| uri.starts_with("https://")),
        "{driver}"
    );
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "onus::ignored_result");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/lib.rs"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert!(result["partialFingerprints"]["onusFingerprint/v1"].is_string());
}

fn assert_valid_sarif(log: &serde_json::Value) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_path)
            .unwrap_or_else(|error| panic!("{}: {error}", schema_path.display())),
    )
    .unwrap_or_else(|error| panic!("bad schema: {error}"));
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|error| panic!("cannot compile the schema: {error}"));
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn github_format_prints_one_annotation_per_finding() {
    let run = Project::copy("findings").run(&["check", "--format", "github", "."]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=src/lib.rs,line=5,col=5,endLine=5,endColumn=39,\
             title=onus%3A%3Aignored_result::"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn human_output_goes_to_stderr_and_color_follows_the_flag() {
    let project = Project::copy("broken");
    let plain = project.run(&["check", "--color", "never", "."]);
    plain.assert_code(1);
    assert!(plain.stdout.is_empty(), "{}", plain.stdout);
    plain.assert_stderr_contains("error[onus::parse_error]");
    assert!(!plain.stderr.contains('\u{1b}'), "{}", plain.stderr);

    let colored = project.run(&["check", "--color", "always", "."]);
    colored.assert_code(1);
    assert!(colored.stderr.contains('\u{1b}'), "{}", colored.stderr);
}

// --- suppressions -----------------------------------------------------------------------------

#[test]
fn a_suppression_with_a_reason_silences_the_finding_and_one_without_is_reported() {
    let project = Project::copy("findings");
    let source = project.read("src/lib.rs");
    let line = "    let _ = std::fs::create_dir(path);";
    let allow = "// onus: allow(ignored_result)";
    project.write(
        "src/lib.rs",
        source.replace(
            line,
            &format!("    {allow} — the file may already be gone\n{line}"),
        ),
    );
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(0);
    assert_eq!(run.codes(), Vec::<String>::new());

    project.write(
        "src/lib.rs",
        source.replace(line, &format!("    {allow}\n{line}")),
    );
    let run = project.run(&["check", "--format", "json", "."]);
    assert_eq!(
        run.codes(),
        ["onus::suppression_without_reason"],
        "{}",
        run.stdout
    );
}

// --- baseline ---------------------------------------------------------------------------------

#[test]
fn a_suppression_comment_covers_the_statement_rustfmt_spread_over_lines() {
    let project = Project::copy("clean");
    project.write(
        "src/lib.rs",
        "pub fn init(port: &str) -> u16 {\n\
         \x20   // onus: allow(swallowed_error) — RUST_LOG unset means the default filter\n\
         \x20   let level = std::fs::read_to_string(\"log.level\")\n\
         \x20       .map(|text| text.len())\n\
         \x20       .unwrap_or(0);\n\
         \x20   // onus: allow(swallowed_error) — stale: the finding moved below\n\
         \x20   let unused = 1;\n\
         \x20   let fallback = std::fs::read(\"x\").unwrap_or_default();\n\
         \x20   level as u16 + unused + fallback.len() as u16 + port.len() as u16\n\
         }\n",
    );
    let run = project.run(&["check", "."]);
    run.assert_stderr_contains(
        "this suppression of `swallowed_error` suppresses nothing: there is no `swallowed_error` finding on lines 6–7",
    );
    run.assert_stderr_contains("the nearest `swallowed_error` finding is on line 8");
    assert!(
        !run.stderr.contains("src/lib.rs:5:"),
        "the first comment covers the whole `let`:\n{}",
        run.stderr
    );
}

#[test]
fn a_baseline_accepts_todays_findings_survives_moved_lines_and_fails_on_new_ones() {
    let project = Project::copy("findings");
    project.run(&["check", "."]).assert_code(1);

    let written = project.run(&["check", "--write-baseline", "baseline.json", "."]);
    written.assert_code(0);
    let baseline: serde_json::Value = serde_json::from_str(&project.read("baseline.json"))
        .unwrap_or_else(|error| panic!("baseline is not JSON: {error}"));
    assert_eq!(baseline["findings"].as_array().map(Vec::len), Some(1));
    assert_eq!(baseline["findings"][0]["file"], "src/lib.rs");

    project
        .run(&["check", "--baseline", "baseline.json", "."])
        .assert_code(0);

    // Lines inserted above, and the statement re-indented: still the same finding.
    let source = project.read("src/lib.rs");
    let moved = source
        .replace(
            "/// Cleans up after a run.",
            "/// Unrelated.\npub fn unrelated() {}\n\n/// Cleans up after a run.",
        )
        .replace("    let _ = std", "        let _ = std");
    project.write("src/lib.rs", &moved);
    let run = project.run(&["check", "--baseline", "baseline.json", "."]);
    run.assert_code(0);
    run.assert_stderr_contains("1 finding accepted by the baseline");

    // A new finding fails the run, and only it is reported.
    project.write(
        "src/lib.rs",
        format!("{moved}\n/// New.\npub fn also(path: &str) {{\n    let _ = std::fs::create_dir(path);\n}}\n"),
    );
    let run = project.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        ".",
    ]);
    run.assert_code(1);
    let messages = run.messages();
    assert_eq!(messages.len(), 1, "{}", run.stdout);
    assert!(
        messages[0].message.spans[0].text[0]
            .text
            .contains("create_dir(path)")
    );
}

#[test]
fn stale_baseline_entries_are_reported_in_every_format_and_pruned_in_place() {
    let project = Project::copy("findings");
    project.write(
        "src/other.rs",
        "pub fn other(path: &str) {\n    let _ = std::fs::create_dir(path);\n}\n",
    );
    project
        .run(&["check", "--write-baseline", "baseline.json", "."])
        .assert_code(0);
    let written = project.read("baseline.json");

    // The accepted `create_dir` changes its code: a new finding, and its entry accepts nothing.
    let lib = project.read("src/lib.rs");
    project.write(
        "src/lib.rs",
        lib.replace("create_dir(path)", "create_dir(format!(\"{path}.lock\"))"),
    );

    let human = project.run(&["check", "--baseline", "baseline.json", "."]);
    human.assert_code(1);
    human.assert_stderr_contains("create_dir(format!");
    human.assert_stderr_contains(
        "note: 1 baseline entry matched no finding: src/lib.rs:5 (ignored_result)",
    );
    human.assert_stderr_contains("--prune-baseline baseline.json");
    human.assert_stderr_contains("1 finding accepted by the baseline");

    let json = project.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        ".",
    ]);
    json.assert_code(1);
    assert_eq!(json.codes(), ["onus::ignored_result"]);
    let finished: serde_json::Value = json
        .stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|line| line["reason"] == "build-finished")
        .unwrap_or_else(|| panic!("no build-finished line in\n{}", json.stdout));
    let stale = &finished["stale_baseline_entries"];
    assert_eq!(stale.as_array().map(Vec::len), Some(1), "{finished}");
    assert_eq!(stale[0]["file"], "src/lib.rs");
    assert_eq!(stale[0]["rule"], "ignored_result");
    assert_eq!(stale[0]["line"], 5);

    let sarif = project.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "sarif",
        ".",
    ]);
    let log: serde_json::Value =
        serde_json::from_str(&sarif.stdout).unwrap_or_else(|error| panic!("not JSON: {error}"));
    assert_valid_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = &invocation["toolConfigurationNotifications"];
    assert_eq!(notes.as_array().map(Vec::len), Some(1), "{invocation}");
    assert_eq!(notes[0]["descriptor"]["id"], "onus/stale-baseline-entry");
    assert_eq!(notes[0]["associatedRule"]["id"], "onus::ignored_result");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "baseline.json"
    );
    let github = project.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--format",
        "github",
        ".",
    ]);
    let notice = github
        .stdout
        .lines()
        .find(|line| line.starts_with("::notice "))
        .unwrap_or_else(|| panic!("no notice in\n{}", github.stdout));
    assert!(
        notice.starts_with("::notice file=baseline.json,title=onus baseline::1 baseline entry matched no finding:%0Asrc/lib.rs:5 (ignored_result)"),
        "{notice}"
    );
    assert_eq!(
        project.read("baseline.json"),
        written,
        "reporting never writes"
    );

    // A run on one file leaves the other file's entries alone: it did not look at them.
    let partial = project.run(&["check", "--prune-baseline", "baseline.json", "src/other.rs"]);
    partial.assert_code(0);
    assert!(
        !partial.stderr.contains("matched no finding"),
        "{}",
        partial.stderr
    );
    assert_eq!(project.read("baseline.json"), written);

    let pruned = project.run(&["check", "--prune-baseline", "baseline.json", "."]);
    pruned.assert_code(1);
    pruned.assert_stderr_contains(
        "removed 1 baseline entry that matched no finding from `baseline.json`",
    );
    let before: serde_json::Value = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("baseline is not JSON: {error}"));
    let after: serde_json::Value = serde_json::from_str(&project.read("baseline.json"))
        .unwrap_or_else(|error| panic!("pruned baseline is not JSON: {error}"));
    assert_eq!(after["version"], before["version"]);
    let kept: Vec<&serde_json::Value> = before["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["file"] != "src/lib.rs")
        .collect();
    assert_eq!(
        after["findings"]
            .as_array()
            .map(|entries| entries.iter().collect()),
        Some(kept)
    );
    assert!(
        project.read("baseline.json").ends_with("}\n"),
        "same layout as when written"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&project.dir)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The pruned baseline is true: nothing stale, and the changed finding is still new.
    let again = project.run(&["check", "--baseline", "baseline.json", "."]);
    again.assert_code(1);
    assert!(
        !again.stderr.contains("matched no finding"),
        "{}",
        again.stderr
    );
    again.assert_stderr_contains("1 finding accepted by the baseline");
}

#[test]
fn entries_of_a_file_that_does_not_parse_today_are_not_stale() {
    let project = Project::copy("findings");
    project
        .run(&["check", "--write-baseline", "baseline.json", "."])
        .assert_code(0);
    let written = project.read("baseline.json");
    let lib = project.read("src/lib.rs");
    project.write("src/lib.rs", format!("{lib}\npub fn broken( {{\n"));
    let run = project.run(&["check", "--prune-baseline", "baseline.json", "."]);
    run.assert_code(1);
    run.assert_stderr_contains("parse_error");
    assert!(!run.stderr.contains("matched no finding"), "{}", run.stderr);
    assert_eq!(project.read("baseline.json"), written);
}

#[test]
fn an_unreadable_baseline_exits_2() {
    let project = Project::copy("findings");
    project.write("baseline.json", "not json");
    let run = project.run(&["check", "--baseline", "baseline.json", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("is not an onus baseline");
    project
        .run(&["check", "--baseline", "missing.json", "."])
        .assert_code(2);
}

// --- dogfooding -------------------------------------------------------------------------------

#[test]
fn this_repository_passes_its_own_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| panic!("lints/ has a parent"));
    for args in [&["check"][..], &["check", "."][..]] {
        let run = run_in(root, args);
        run.assert_code(0);
    }
}
