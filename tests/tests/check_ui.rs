//! Compile-time behaviour of `#[onus::check]`: each case in `ui/check/*.rs` fails to build with
//! the diagnostics in its `.stderr` — the warnings of every rule (shown because a denied finding
//! fails the case), the errors under `deny`, suppressions, malformed arguments and wrong targets.
//! `ui/check/pass/*.rs` compile and run. Regenerate with `TRYBUILD=overwrite`, then read every
//! `.stderr`.

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn check_ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/check/*.rs");
    cases.pass("ui/check/pass/*.rs");
}

/// trybuild shows warnings only of cases that fail; this builds a crate with a plain `cargo build`
/// and checks that the finding is a warning at the offending code and the build succeeds.
#[test]
fn a_plain_build_warns_and_succeeds() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir
        .parent()
        .expect("the tests crate is in the workspace");
    let project = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-build");
    fs::create_dir_all(project.join("src")).unwrap();
    let runtime = workspace.join("runtime");
    fs::write(
        project.join("Cargo.toml"),
        format!(
            "[package]\nname = \"check-build\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nonus = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same dependency versions, so the build needs no network.
    fs::copy(workspace.join("Cargo.lock"), project.join("Cargo.lock")).unwrap();
    fs::copy(
        manifest_dir.join("ui/check/build/lib.rs"),
        project.join("src/lib.rs"),
    )
    .unwrap();
    // Touch nothing else: a rebuild of the crate itself is what prints its warnings again.
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "--offline",
            "--message-format=json",
            "--manifest-path",
        ])
        .arg(project.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", project.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the build failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let warnings: Vec<serde_json::Value> = stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        // onus's own crates are path dependencies, whose warnings cargo shows too.
        .filter(|message| {
            message["reason"] == "compiler-message" && message["target"]["name"] == "check_build"
        })
        .map(|message| message["message"].clone())
        .filter(|message| message["level"] == "warning" && !message["spans"][0].is_null())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    let message = warning["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("use of deprecated macro `onus::swallowed_error`: the error is discarded"),
        "{message}"
    );
    assert!(message.contains("\n\nhelp: "), "{message}");
    assert_eq!(warning["code"]["code"], "deprecated");
    let span = &warning["spans"][0];
    assert_eq!(span["file_name"], "src/lib.rs");
    assert_eq!(
        (&span["line_start"], &span["column_start"]),
        (&11.into(), &9.into())
    );
    assert_eq!(
        (&span["line_end"], &span["column_end"]),
        (&11.into(), &15.into())
    );
    assert_eq!(span["text"][0]["text"], "        Err(_) => 0,");
}
