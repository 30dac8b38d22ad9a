//! The renderers on hand-made findings: snapshots of every format, the JSON read back with
//! `cargo_metadata`, and the SARIF validated against the OASIS schema.

use std::path::{Path, PathBuf};

use onus_lints::render::{Github, Human, Json, Render, Run, Sarif, Sources};
use onus_lints::{Diagnostic, Label, Level, Location, Suggestion};

const ROOT: &str = "/project";
const FILE: &str = "/project/src/lib.rs";
const SOURCE: &str = "\
fn load(repo: &Repo) -> Result<(), Error> {
    let _ = repo.save(&user);
    match fetch() {
        Ok(v) => v,
        Err(_) => 0,
    };
    Ok(())
}
";

/// The location of the `nth` occurrence of `needle` in `SOURCE` (single-line needles).
fn at(needle: &str, nth: usize) -> Location {
    let (byte_start, _) = SOURCE
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` is not in the fixture"));
    let byte_end = byte_start + needle.len();
    let before = &SOURCE[..byte_start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = SOURCE[line_start..byte_start].chars().count() + 1;
    Location {
        byte_start,
        byte_end,
        line_start: line,
        column_start: column,
        line_end: line,
        column_end: column + needle.chars().count(),
    }
}

fn findings() -> Vec<Diagnostic> {
    vec![
        Diagnostic {
            rule: "ignored_result",
            level: Level::Deny,
            file: PathBuf::from(FILE),
            location: at("let _ = repo.save(&user);", 0),
            message: "the `Result` of `save` is thrown away".to_owned(),
            help: Some("handle it with `?`, or match on it".to_owned()),
            labels: Vec::new(),
            suggestion: Some(Suggestion {
                location: at("let _ = repo.save(&user);", 0),
                replacement: "repo.save(&user)?;".to_owned(),
                message: "propagate the error".to_owned(),
            }),
            snippet: "let _ = repo.save(&user);".to_owned(),
        },
        Diagnostic {
            rule: "swallowed_error",
            level: Level::Warn,
            file: PathBuf::from(FILE),
            location: at("Err(_)", 0),
            message: "the error is caught and discarded".to_owned(),
            help: Some("return it, or report it with the error itself".to_owned()),
            labels: vec![Label {
                location: at("0", 0),
                message: "a fallback value replaces the error".to_owned(),
            }],
            suggestion: None,
            snippet: "Err(_)".to_owned(),
        },
    ]
}

/// Renders with `renderer` into a string.
fn render(renderer: &dyn Render, diagnostics: &[Diagnostic]) -> String {
    let mut sources = Sources::default();
    sources.insert(PathBuf::from(FILE), SOURCE.to_owned());
    let fingerprints = onus_lints::baseline::fingerprints(diagnostics, Path::new(ROOT));
    let run = Run {
        diagnostics,
        fingerprints: &fingerprints,
        sources: &sources,
        root: Path::new(ROOT),
        files_checked: 3,
        baseline: None,
    };
    let mut out = Vec::new();
    renderer
        .render(&run, &mut out)
        .unwrap_or_else(|error| panic!("rendering into memory failed: {error}"));
    String::from_utf8(out).unwrap_or_else(|error| panic!("output is not UTF-8: {error}"))
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&Human::new(false), &findings()));
}

#[test]
fn human_colored_has_ansi_codes_and_plain_has_none() {
    assert!(render(&Human::new(true), &findings()).contains("\u{1b}["));
    assert!(!render(&Human::new(false), &findings()).contains("\u{1b}["));
}

#[test]
fn human_without_source_still_shows_the_location() {
    let mut diagnostic = findings().remove(0);
    diagnostic.file = PathBuf::from("/project/src/gone.rs");
    diagnostic.suggestion = None;
    let text = render(&Human::new(false), &[diagnostic]);
    assert!(
        text.contains("--> /project/src/gone.rs:2:5"),
        "no location line in:\n{text}"
    );
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&Json::default(), &findings()));
}

#[test]
fn json_is_read_back_by_cargo_metadata_with_exact_spans() {
    use cargo_metadata::Message;

    let text = render(&Json::default(), &findings());
    let messages: Vec<Message> = Message::parse_stream(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|error| panic!("cannot read the stream: {error}"));
    assert_eq!(messages.len(), 3, "two findings and build-finished");

    let expected = findings();
    for (message, finding) in messages.iter().zip(&expected) {
        let Message::CompilerMessage(message) = message else {
            panic!("not a compiler message: {message:?}");
        };
        let diagnostic = &message.message;
        let code = diagnostic.code.as_ref().map(|code| code.code.as_str());
        assert_eq!(code, Some(finding.code().as_str()));
        assert_eq!(diagnostic.message, finding.message);
        let primary = diagnostic
            .spans
            .iter()
            .find(|span| span.is_primary)
            .unwrap_or_else(|| panic!("no primary span in {diagnostic:?}"));
        assert_eq!(primary.file_name, FILE);
        let at = finding.location;
        assert_eq!(
            (primary.byte_start as usize, primary.byte_end as usize),
            (at.byte_start, at.byte_end)
        );
        assert_eq!(
            (primary.line_start, primary.column_start),
            (at.line_start, at.column_start)
        );
        assert_eq!(
            (primary.line_end, primary.column_end),
            (at.line_end, at.column_end)
        );
        // The highlighted text is exactly the construct.
        let line = &primary.text[0];
        let highlighted: String = line
            .text
            .chars()
            .skip(line.highlight_start - 1)
            .take(line.highlight_end - line.highlight_start)
            .collect();
        assert_eq!(highlighted, finding.snippet);
        let rendered = diagnostic.rendered.as_deref().unwrap_or_default();
        assert!(rendered.contains(&format!("[{}]", finding.code())));
    }
    assert!(matches!(
        messages[2],
        Message::BuildFinished(ref finished) if !finished.success
    ));
}

#[test]
fn sarif_results() {
    let text = render(&Sarif, &findings());
    let mut log: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON: {error}"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"].clone();
    let results = log["runs"][0]["results"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("no results array"));
    for result in results.iter_mut() {
        // `ruleIndex` follows the registry's order, which grows; check it points at the rule,
        // and keep it out of the snapshot.
        let index = result["ruleIndex"]
            .as_u64()
            .unwrap_or_else(|| panic!("no ruleIndex in {result}"));
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        assert_eq!(rules[index]["id"], result["ruleId"]);
        if let Some(result) = result.as_object_mut() {
            result.remove("ruleIndex");
        }
    }
    // Only the results: the rule metadata grows with the registry and is checked below.
    insta::assert_json_snapshot!(log["runs"][0]["results"]);
}

#[test]
fn sarif_lists_every_registered_rule_with_its_docs() {
    let text = render(&Sarif, &findings());
    let log: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON: {error}"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no rules array"));
    assert_eq!(rules.len(), onus_lints::rules::all().len());
    for (rule, info) in rules.iter().zip(onus_lints::rules::all()) {
        assert_eq!(rule["id"], format!("onus::{}", info.id));
        assert_eq!(rule["shortDescription"]["text"], info.summary);
        assert_eq!(rule["help"]["markdown"], info.docs());
    }
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json");
    let schema_text = std::fs::read_to_string(&schema_path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", schema_path.display()));
    let schema: serde_json::Value =
        serde_json::from_str(&schema_text).unwrap_or_else(|error| panic!("bad schema: {error}"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|error| panic!("cannot compile the schema: {error}"));

    let mut with_unknown_rule = findings();
    with_unknown_rule[1].file = PathBuf::from("/elsewhere/a b.rs");
    for diagnostics in [findings(), with_unknown_rule, Vec::new()] {
        let text = render(&Sarif, &diagnostics);
        let log: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON: {error}"));
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    }
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&Github, &findings()));
}
