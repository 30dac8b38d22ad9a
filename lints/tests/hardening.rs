//! Hostile input, through the real `cargo-onus` binary: what the checker reads, how much it
//! prints, and that nothing stops it (issue 16). Each test names the item of the issue it holds.
//!
//! Every run is killed after a timeout, so a hang fails its test instead of stopping the suite.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use support::{BIN, Project, Run, TIMEOUT, run};

/// `cargo-onus ARGS` in `dir` with `env` set and the variables of `unset` removed.
fn run_with(dir: &Path, args: &[&str], env: &[(&str, &str)], unset: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(dir);
    for (name, value) in env {
        command.env(name, value);
    }
    for name in unset {
        command.env_remove(name);
    }
    run(command, TIMEOUT)
}

/// The messages of a `--format json` run that are of `rule`, as `(file, line, message)`.
fn findings_of(run: &Run, rule: &str) -> Vec<(String, usize, String)> {
    let code = format!("onus::{rule}");
    run.messages()
        .into_iter()
        .filter(|message| {
            message
                .message
                .code
                .as_ref()
                .is_some_and(|c| c.code == code)
        })
        .map(|message| {
            let span = &message.message.spans[0];
            (
                span.file_name.clone(),
                span.line_start,
                message.message.message.clone(),
            )
        })
        .collect()
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link)
        .unwrap_or_else(|error| panic!("cannot link {}: {error}", link.display()));
}

// --- 1. deep nesting -----------------------------------------------------------------------------

/// Item 1: a type 35,000 generics deep and 90,000 nested parentheses once aborted the whole run
/// (stack overflow, exit 134, no output). Each is now one `parse_error` at the place it gets too
/// deep, and the other files are still checked.
#[test]
fn a_file_nested_too_deeply_is_one_parse_error_and_the_others_are_still_checked() {
    let project = Project::copy("findings");
    let depth = 35_000;
    project.write(
        "src/types.rs",
        format!(
            "pub type T = {}u8{};\n",
            "Option<".repeat(depth),
            ">".repeat(depth)
        ),
    );
    let parens = 90_000;
    project.write(
        "src/parens.rs",
        format!(
            "// generated\npub fn f() -> i32 {{\n    {}1{}\n}}\n",
            "(".repeat(parens),
            ")".repeat(parens)
        ),
    );
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(1);
    let deep = findings_of(&run, "parse_error");
    assert_eq!(deep.len(), 2, "{deep:?}\n{}", run.stderr);
    for (file, line, message) in &deep {
        assert!(message.contains("nested too deeply to check"), "{message}");
        let expected = if file.ends_with("parens.rs") { 3 } else { 1 };
        assert_eq!(*line, expected, "{file}");
    }
    let others = findings_of(&run, "ignored_result");
    assert!(
        others.iter().any(|(file, ..)| file.ends_with("lib.rs")),
        "the other files were not checked: {others:?}"
    );

    let parse_only = project.run(&["check", "--parse-only", "."]);
    parse_only.assert_code(0);
    parse_only.assert_stderr_contains("2 could not be read or parsed");
}

// --- 2. bounded output ---------------------------------------------------------------------------

/// Item 2: every finding on a long line once repeated the whole line (in the JSON span text, the
/// human snippet and suggestion): output grew with findings × line length. It is now cut around
/// each finding, rustc-style, with the columns still exact.
#[test]
fn output_grows_with_findings_not_with_the_length_of_their_line() {
    let project = Project::copy("clean");
    let findings = 300;
    let padding = "x".repeat(100_000);
    project.write(
        "src/lib.rs",
        format!(
            "fn f() -> Result<(), ()> {{ Ok(()) }}\npub fn g() {{ /* {padding} */ {} /* {padding} */ }}\n",
            "let _ = f(); ".repeat(findings)
        ),
    );
    let json = project.run(&["check", "--format", "json", "."]);
    json.assert_code(0);
    let per_finding = json.stdout_bytes / findings as u64;
    assert!(
        per_finding < 4_096,
        "{per_finding} bytes of JSON per finding"
    );
    let source = project.read("src/lib.rs");
    let messages = json.messages();
    assert_eq!(messages.len(), findings);
    for message in &messages {
        let span = &message.message.spans[0];
        let (start, end) = (span.byte_start as usize, span.byte_end as usize);
        assert_eq!(&source[start..end], "let _ = f();");
        let line = &span.text[0];
        let highlighted: String = line
            .text
            .chars()
            .skip(line.highlight_start - 1)
            .take(line.highlight_end - line.highlight_start)
            .collect();
        assert_eq!(highlighted, "let _ = f();");
        assert!(span.column_start > 100_000);
    }

    let human = project.run(&["check", "."]);
    human.assert_code(0);
    assert!(
        human.stderr_bytes / (findings as u64) < 2_048,
        "{} bytes of human output",
        human.stderr_bytes
    );
    human.assert_stderr_contains(&format!(
        "--> src/lib.rs:2:{}",
        messages[0].message.spans[0].column_start
    ));
}

// --- 3. reading outside the workspace ------------------------------------------------------------

/// Item 3: in workspace mode every target path of `cargo metadata` was read, a `[lib] path` of
/// `../../../etc/passwd` or `/proc/self/environ` included, and its first line printed in the
/// parse error. Such a target is now a note, and never read.
#[test]
fn target_paths_outside_the_workspace_are_noted_and_never_read() {
    let project = Project::copy("clean");
    let outside = project.dir.with_extension("outside");
    std::fs::create_dir_all(&outside).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(outside.join("secret.rs"), "SECRET_TOKEN=hunter2 not rust\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let relative = format!(
        "../{}/secret.rs",
        outside
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("")
    );
    let manifest = project.read("Cargo.toml");
    let mut paths = vec![relative.as_str()];
    if cfg!(target_os = "linux") {
        paths.push("/proc/self/environ");
    }
    for path in paths {
        project.write(
            "Cargo.toml",
            manifest.replace(
                "[workspace]",
                &format!("[lib]\npath = \"{path}\"\n\n[workspace]"),
            ),
        );
        for format in ["json", "human"] {
            let run = run_with(
                &project.dir,
                &["check", "--format", format],
                &[("ONUS_TEST_SECRET", "SECRET_TOKEN=hunter2")],
                &[],
            );
            assert!(
                !run.stdout.contains("SECRET_TOKEN"),
                "{path}: {}",
                run.stdout
            );
            assert!(
                !run.stderr.contains("SECRET_TOKEN"),
                "{path}: {}",
                run.stderr
            );
            run.assert_stderr_contains("is outside the workspace root: not checked");
            run.assert_code(0);
        }
    }
}

/// Item 3 and 11: a symbolic link out of the project (a `src/` or a `.rs` file) is a note, and
/// not followed; one that stays inside is followed.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_inside_the_project_only() {
    let project = Project::copy("clean");
    let outside = project.dir.with_extension("elsewhere");
    std::fs::create_dir_all(&outside).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(outside.join("lib.rs"), "SECRET_TOKEN not rust\n")
        .unwrap_or_else(|error| panic!("{error}"));
    project.write(
        "shared/inside.rs",
        "pub fn f() { let _ = std::fs::create_dir(\"x\"); }\n",
    );
    symlink(
        project.path("shared/inside.rs"),
        &project.path("src/inside.rs"),
    );
    symlink(outside.join("lib.rs"), &project.path("src/outside.rs"));
    symlink(
        project.path("src/gone.rs"),
        &project.path("src/dangling.rs"),
    );
    let run = project.run(&["check", "--format", "json", "src"]);
    assert!(!run.stdout.contains("SECRET_TOKEN"), "{}", run.stdout);
    run.assert_stderr_contains("`src/outside.rs` is a symbolic link to");
    run.assert_stderr_contains("outside the project: not checked");
    run.assert_stderr_contains("`src/dangling.rs` is a symbolic link to");
    run.assert_stderr_contains("which does not exist: not checked");
    let files: Vec<String> = findings_of(&run, "ignored_result")
        .into_iter()
        .map(|(file, ..)| file)
        .collect();
    assert_eq!(files, ["src/inside.rs"], "{}", run.stderr);

    // A whole `src/` out of the workspace, in workspace mode.
    std::fs::remove_dir_all(project.path("src")).unwrap_or_else(|error| panic!("{error}"));
    symlink(&outside, &project.path("src"));
    let run = project.run(&["check", "--format", "json"]);
    assert!(!run.stdout.contains("SECRET_TOKEN"), "{}", run.stdout);
    run.assert_stderr_contains("is a symbolic link to");
}

// --- 4. ignore files -----------------------------------------------------------------------------

/// Item 4: a named pipe as `.gitignore` hung the run forever, and an `.ignore` linked to
/// `/dev/zero` grew memory without bound. Ignore files are read only when regular and small;
/// anything else is a note.
#[cfg(unix)]
#[test]
fn ignore_files_that_are_pipes_devices_or_huge_are_noted_and_not_read() {
    let project = Project::copy("findings");
    let _ = std::fs::remove_file(project.path(".gitignore"));
    if !mkfifo(&project.path(".gitignore")) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    symlink("/dev/zero", &project.path("src/.ignore"));
    project.write("src/sub/.gitignore", "x".repeat(2 << 20));
    project.write("src/sub/more.rs", "pub fn f() {}\n");
    assert!(mkfifo(&project.path("src/pipe.rs")));
    let run = project.run(&["check", "."]);
    run.assert_code(1);
    run.assert_stderr_contains("`.gitignore` is not applied: it is a named pipe (FIFO)");
    run.assert_stderr_contains("`src/.ignore` is not applied: it is a character device");
    run.assert_stderr_contains("`src/sub/.gitignore` is not applied: it is larger than 1 MiB");
    run.assert_stderr_contains("`src/pipe.rs` is a named pipe (FIFO), not a regular file");
    run.assert_stderr_contains("in 2 files");
}

// --- 5. baselines --------------------------------------------------------------------------------

/// Item 5 (and 11): a baseline of any version was accepted, its findings with it; a named pipe
/// as baseline hung. Now the version is checked, a byte order mark is allowed, and what cannot
/// be a baseline is a usage error (exit 2) that says why, in user terms.
#[test]
fn a_baseline_must_be_a_regular_file_of_a_known_version() {
    let project = Project::copy("findings");
    project
        .run(&["check", "--write-baseline", "baseline.json", "."])
        .assert_code(0);
    let written = project.read("baseline.json");
    assert!(written.contains("\"version\": 1"), "{written}");
    project.write("bom.json", format!("\u{feff}{written}"));
    project
        .run(&["check", "--baseline", "bom.json", "."])
        .assert_code(0);

    for (text, expected) in [
        (
            written.replace("\"version\": 1", "\"version\": 2"),
            "version 2, and this checker reads version 1 only",
        ),
        (
            written.replace("\"version\": 1,", ""),
            "it has no `version`",
        ),
        ("[]".to_owned(), "expected an onus baseline"),
    ] {
        project.write("other.json", &text);
        let run = project.run(&["check", "--baseline", "other.json", "."]);
        run.assert_code(2);
        run.assert_stderr_contains(expected);
        run.assert_stderr_contains("--write-baseline");
        assert!(!run.stderr.contains("struct"), "{}", run.stderr);
    }

    #[cfg(unix)]
    if mkfifo(&project.path("pipe.json")) {
        let run = project.run(&["check", "--baseline", "pipe.json", "."]);
        run.assert_code(2);
        run.assert_stderr_contains("it is a named pipe (FIFO)");
        // Writing over a pipe (or a link) replaces it rather than writing into it.
        project
            .run(&["check", "--write-baseline", "pipe.json", "."])
            .assert_code(0);
        assert!(project.read("pipe.json").contains("\"version\": 1"));
    }
}

// --- 7. programs of the repository ---------------------------------------------------------------

/// Item 7: run directly (not as `cargo onus`), the checker ran `cargo metadata` in the checked
/// project, where the rustup proxy obeyed its `rust-toolchain.toml` and ran the project's own
/// `bin/cargo`. cargo now runs from outside the project.
#[cfg(unix)]
#[test]
fn cargo_metadata_never_runs_a_program_the_repository_chose() {
    use std::os::unix::fs::PermissionsExt as _;

    let rustup = Command::new("rustup")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !rustup {
        eprintln!("skipped: no rustup, no toolchain file is obeyed");
        return;
    }
    let project = Project::copy("clean");
    let marker = project.path("ran");
    project.write(
        "evil/bin/cargo",
        format!("#!/bin/sh\ntouch '{}'\nexit 1\n", marker.display()),
    );
    for tool in ["rustc", "cargo"] {
        let path = project.path(&format!("evil/bin/{tool}"));
        if tool == "rustc" {
            std::fs::copy(project.path("evil/bin/cargo"), &path)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|error| panic!("{error}"));
    }
    project.write(
        "rust-toolchain.toml",
        format!(
            "[toolchain]\npath = \"{}\"\n",
            project.path("evil").display()
        ),
    );
    // As a user runs it from a shell: not under cargo, no toolchain chosen by the environment.
    let run = run_with(
        &project.dir,
        &["check"],
        &[],
        &["CARGO", "RUSTUP_TOOLCHAIN", "RUSTC", "RUSTC_WRAPPER"],
    );
    assert!(
        !marker.exists(),
        "the project's own cargo ran\n{}",
        run.stderr
    );
    run.assert_code(0);
}

// --- 8. long lines -------------------------------------------------------------------------------

/// Item 8: each finding on a long line cost time proportional to the line (its column was found
/// by walking the line from its start): 80,000 findings on one line of 1 MB took over a minute.
/// Findings on one long line now cost what the same findings on as many short lines do.
#[test]
fn findings_on_one_long_line_cost_what_they_cost_on_many_short_lines() {
    let findings = 20_000;
    let header = "fn f() -> Result<(), ()> { Ok(()) }\n";
    let timed = |body: String| {
        let project = Project::copy("clean");
        project.write("src/lib.rs", format!("{header}pub fn g() {{\n{body}}}\n"));
        // GitHub annotations print no source: this is the cost of finding the columns.
        let run = project.run(&["check", "--format", "github", "."]);
        run.assert_code(0);
        assert_eq!(run.stdout.lines().count(), findings);
        run.elapsed
    };
    let short_lines = timed("é; let _ = f();\n".repeat(findings));
    let one_line = timed(format!("{}\n", "é; let _ = f(); ".repeat(findings)));
    assert!(
        one_line < short_lines * 3 + Duration::from_secs(2),
        "one line: {one_line:?}, short lines: {short_lines:?}"
    );
}

// --- 9. unlistable directories -------------------------------------------------------------------

/// Item 9: a directory that could not be listed was a warning, then "passed: no findings in 0
/// files" and exit 0. It is now a `parse_error`, like an unreadable file (deny: exit 1).
#[cfg(unix)]
#[test]
fn a_directory_that_cannot_be_listed_is_a_deny_level_finding() {
    use std::os::unix::fs::PermissionsExt as _;

    let project = Project::copy("clean");
    std::fs::remove_file(project.path("src/lib.rs")).unwrap_or_else(|error| panic!("{error}"));
    project.write("src/locked/inner.rs", "pub fn f() {}\n");
    let locked = project.path("src/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|error| panic!("{error}"));
    let can_list = std::fs::read_dir(&locked).is_ok();
    let run = project.run(&["check", "--format", "json", "src"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|error| panic!("{error}"));
    if can_list {
        eprintln!("skipped: permissions do not stop this user (root) from listing");
        return;
    }
    run.assert_code(1);
    let errors = findings_of(&run, "parse_error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].0.ends_with("src/locked"), "{errors:?}");
    assert!(
        errors[0].2.contains("cannot list this directory"),
        "{errors:?}"
    );
}

/// Item 9, in the engine: an unlistable directory is a `parse_error` whatever user runs it.
#[test]
fn the_engine_reports_an_unlisted_directory_as_a_parse_error() {
    let report = onus_lints::check(
        vec![onus_lints::Input::Unlisted {
            path: "src/locked".into(),
            error: "permission denied".to_owned(),
        }],
        &onus_lints::Config::default(),
    );
    assert!(report.has_denials());
    assert_eq!(report.diagnostics[0].rule, "parse_error");
    assert!(
        report.diagnostics[0]
            .message
            .contains("cannot list this directory: permission denied")
    );
}

// --- 10. terminal injection ----------------------------------------------------------------------

/// Item 10: paths, messages and the source itself were printed raw in human output: escape
/// sequences, carriage returns, bidi overrides, and a newline that starts a line with `::error`
/// (a workflow command to a CI runner reading the log). All are escaped now; `--format github`
/// escapes as it did.
#[cfg(unix)]
#[test]
fn human_output_escapes_control_and_bidi_characters_everywhere() {
    let project = Project::copy("clean");
    let hostile = "src/a\u{1b}[31mred\r\n::error file=x::forged\u{202e}.rs";
    project.write(
        hostile,
        "pub fn f() { let _ = std::fs::create_dir(\"x\"); } // \u{1b}]0;title\u{7} \u{9b}2J \u{2067}\n",
    );
    // A string of the checked code that a message quotes: a runbook path that does not exist.
    project.write(
        "src/codes.rs",
        "#[derive(Debug, thiserror::Error, onus::Classify)]\n\
         pub enum A {\n\
             #[error(\"a\")]\n\
             #[onus(class = system, status = 503, severity = error, runbook = \"x\\n::error::forged\\u{1b}[2J.md\")]\n\
             One,\n\
         }\n",
    );
    let run = project.run(&["check", "."]);
    run.assert_code(0);
    run.assert_stderr_contains("runbook `x\\n::error::forged\\u{1b}[2J.md` does not exist");
    for line in run.stderr.lines() {
        assert!(
            !line.starts_with("::"),
            "a line starts a workflow command: {line:?}"
        );
    }
    for forbidden in ['\u{1b}', '\r', '\u{7}', '\u{9b}', '\u{202e}', '\u{2067}'] {
        assert!(
            !run.stderr.contains(forbidden),
            "{forbidden:?} printed raw:\n{}",
            run.stderr
        );
    }
    run.assert_stderr_contains("a\\u{1b}[31mred\\r\\n::error file=x::forged\\u{202e}.rs");

    let github = project.run(&["check", "--format", "github", "."]);
    for line in github.stdout.lines() {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line:?}"
        );
    }
}

// --- 11. messages --------------------------------------------------------------------------------

/// Item 11: configuration mistakes said "expected struct FileConfig", "ManifestMetadata" (for
/// `[workspace] metadata = 5`, which cargo accepts) or "error building NFA" without a place;
/// `[package.metadata.onus]` was silently ignored. Now: user terms, a place, and a warning.
#[test]
fn configuration_mistakes_say_where_and_why_in_user_terms() {
    let project = Project::copy("clean");
    let manifest = project.read("Cargo.toml");

    project.write(
        "Cargo.toml",
        manifest.replace("[workspace]", "[workspace]\nmetadata = 5"),
    );
    let run = project.run(&["check", "."]);
    run.assert_code(0);
    assert!(!run.stderr.contains("Manifest"), "{}", run.stderr);

    project.write(
        "Cargo.toml",
        format!("{manifest}\n[workspace.metadata]\nonus = 5\n"),
    );
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("expected a table of onus settings");
    run.assert_stderr_contains("Cargo.toml:");
    assert!(!run.stderr.contains("FileConfig"), "{}", run.stderr);

    project.write(
        "Cargo.toml",
        format!("{manifest}\n[package.metadata.onus]\ncheck_tests = true\n"),
    );
    let run = project.run(&["check", "."]);
    run.assert_code(0);
    run.assert_stderr_contains("`[package.metadata.onus]` in");
    run.assert_stderr_contains("is ignored");

    // Too many alternatives for the matcher's size limit.
    let alternatives: Vec<String> = (0..200_000).map(|n| format!("x{n}")).collect();
    let huge = format!("{{{}}}", alternatives.join(","));
    project.write(
        "onus.toml",
        format!("exclude = [\"src/ok/**\", \"{huge}\"]\n"),
    );
    let run = project.run(&["check", "."]);
    run.assert_code(2);
    run.assert_stderr_contains("this exclude glob is too large to compile");
    run.assert_stderr_contains("onus.toml:1:");
}

/// Item 11: a named pipe, a device or a dangling link named on the command line was "does not
/// exist". Each is now said for what it is (a usage error, exit 2), and nothing hangs.
#[cfg(unix)]
#[test]
fn special_files_named_on_the_command_line_are_said_for_what_they_are() {
    let project = Project::copy("clean");
    symlink(project.path("nowhere.rs"), &project.path("dangling.rs"));
    let mut cases = vec![
        (
            "/dev/null",
            "is a character device, not a regular file or directory",
        ),
        ("dangling.rs", "is a symbolic link to"),
        ("missing.rs", "does not exist"),
    ];
    if mkfifo(&project.path("pipe.rs")) {
        cases.push(("pipe.rs", "is a named pipe (FIFO)"));
    }
    for (path, expected) in cases {
        let run = project.run(&["check", path]);
        run.assert_code(2);
        run.assert_stderr_contains(expected);
    }
    // A configuration that is not a regular file is an error, not a hang.
    if mkfifo(&project.path("onus.toml")) {
        let run = project.run(&["check", "src"]);
        run.assert_code(2);
        run.assert_stderr_contains("cannot read the configuration: it is a named pipe");
    }
}

/// Item 4: the ignore files, now read by the checker itself, keep git's meaning: anchored
/// patterns are relative to their own directory, a deeper file overrides a shallower one, `!`
/// re-includes, `.ignore` beats `.gitignore`.
#[test]
fn ignore_files_keep_their_meaning() {
    let project = Project::copy("clean");
    let finding = "pub fn f() { let _ = std::fs::create_dir(\"x\"); }\n";
    for file in [
        "src/gen.rs",
        "src/deep/gen.rs",
        "src/deep/x.rs",
        "src/deep/keep.rs",
        "src/other/keep.rs",
        "src/other/drop.rs",
    ] {
        project.write(file, finding);
    }
    project.write(".gitignore", "*.rs\n!src/\n!src/**/\n!*.rs\nkeep.rs\n");
    project.write("src/.gitignore", "/gen.rs\ndeep/x.rs\n");
    project.write("src/deep/.gitignore", "!keep.rs\n");
    project.write("src/other/.ignore", "drop.rs\n");
    project.write("src/other/.gitignore", "!drop.rs\n");
    let run = project.run(&["check", "--format", "json", "."]);
    let mut files: Vec<String> = findings_of(&run, "ignored_result")
        .into_iter()
        .map(|(file, ..)| file)
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["src/deep/gen.rs", "src/deep/keep.rs"],
        "{}",
        run.stderr
    );
}
