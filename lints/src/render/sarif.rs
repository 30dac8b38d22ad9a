//! SARIF 2.1.0, the format GitHub code scanning (and most SARIF viewers) import.
//!
//! Rule metadata comes from the registry, so a viewer shows each rule's summary and its full
//! documentation next to the finding. Each result carries the baseline fingerprint as a partial
//! fingerprint, so code scanning tracks a finding across commits the same way `--baseline` does.

use std::io;
use std::path::Path;

use serde_json::{Value, json};

use super::{BaselineUse, Render, Run, StaleEntry, relative_path};
use crate::rules::{self, RuleInfo};
use crate::{Diagnostic, Level, Location};

/// The key of the fingerprint in `partialFingerprints`; versioned so a future change of the hash
/// does not silently re-open every accepted finding.
pub const FINGERPRINT_KEY: &str = "onusFingerprint/v1";

/// SARIF 2.1.0 as one JSON document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

impl Sarif {
    /// The SARIF log of `run` as a JSON value.
    #[must_use]
    pub fn log(run: &Run<'_>) -> Value {
        let registry = rules::all();
        let rules: Vec<Value> = registry.iter().map(rule_metadata).collect();
        let results: Vec<Value> = run
            .diagnostics
            .iter()
            .zip(run.fingerprints)
            .map(|(diagnostic, fingerprint)| {
                let mut result = json!({
                    "ruleId": diagnostic.code(),
                    "level": sarif_level(diagnostic.level),
                    "message": { "text": message_text(diagnostic) },
                    "locations": [location(run, diagnostic, &diagnostic.location, None)],
                    "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
                });
                if let Some(index) = registry.iter().position(|rule| rule.id == diagnostic.rule) {
                    result["ruleIndex"] = json!(index);
                }
                if !diagnostic.labels.is_empty() {
                    result["relatedLocations"] = diagnostic
                        .labels
                        .iter()
                        .enumerate()
                        .map(|(id, label)| {
                            let mut related =
                                location(run, diagnostic, &label.location, Some(&label.message));
                            related["id"] = json!(id);
                            related
                        })
                        .collect();
                }
                if let Some(suggestion) = &diagnostic.suggestion {
                    result["fixes"] = json!([{
                        "description": { "text": suggestion.message },
                        "artifactChanges": [{
                            "artifactLocation": artifact(run, &diagnostic.file),
                            "replacements": [{
                                "deletedRegion": region(&suggestion.location),
                                "insertedContent": { "text": suggestion.replacement },
                            }],
                        }],
                    }]);
                }
                result
            })
            .collect();

        let mut log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "onus",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "informationUri": env!("CARGO_PKG_REPOSITORY"),
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": { "uri": directory_uri(run.root) }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }]
        });
        if let Some(baseline) = &run.baseline {
            log["runs"][0]["invocations"] = json!([{
                "executionSuccessful": true,
                "toolConfigurationNotifications": baseline
                    .stale
                    .iter()
                    .map(|entry| stale_entry_notification(run, baseline, entry, registry))
                    .collect::<Vec<_>>(),
            }]);
        }
        log
    }
}

impl Render for Sarif {
    fn render(&self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &Self::log(run))?;
        writeln!(out)
    }
}

/// The id of the notification that a baseline entry matched no finding.
pub const STALE_BASELINE_ENTRY: &str = "onus/stale-baseline-entry";

/// A baseline entry that matched no finding, as a notification about the tool's configuration
/// (the baseline is an input that decides what is reported, not a result): a note at the
/// baseline file, with the entry's rule as its associated rule and its fields as properties.
/// It is not a result with `baselineState: "absent"`, which code scanning would show as an
/// alert at a place where nothing is wrong any more.
fn stale_entry_notification(
    run: &Run<'_>,
    baseline: &BaselineUse<'_>,
    entry: &StaleEntry,
    registry: &[RuleInfo],
) -> Value {
    let mut notification = json!({
        "descriptor": { "id": STALE_BASELINE_ENTRY },
        "level": "note",
        "message": {
            "text": format!(
                "the baseline entry for `onus::{}` at {}:{} matched no finding: it was fixed, or \
                 its code changed and it is reported as new{}",
                entry.rule,
                entry.file,
                entry.line,
                if baseline.pruned { "; it was removed from the baseline" } else { "" }
            ),
        },
        "locations": [{
            "physicalLocation": { "artifactLocation": artifact(run, baseline.path) }
        }],
        "properties": entry,
    });
    if let Some(index) = registry.iter().position(|rule| rule.id == entry.rule) {
        notification["associatedRule"] =
            json!({ "id": format!("onus::{}", entry.rule), "index": index });
    }
    notification
}

fn rule_metadata(rule: &RuleInfo) -> Value {
    let docs = rule.docs();
    json!({
        "id": format!("onus::{}", rule.id),
        "name": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": first_paragraph(&docs).unwrap_or(rule.summary) },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": { "level": sarif_level(rule.default_level) },
    })
}

/// The first paragraph of prose in a rule's docs (headings skipped), for `fullDescription`.
fn first_paragraph(docs: &str) -> Option<&str> {
    docs.split("\n\n")
        .map(|paragraph| {
            let mut rest = paragraph.trim();
            while rest.starts_with('#') {
                rest = rest.split_once('\n').map_or("", |(_, after)| after).trim();
            }
            rest
        })
        .find(|paragraph| !paragraph.is_empty())
}

fn message_text(diagnostic: &Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

const fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "none",
    }
}

fn location(run: &Run<'_>, diagnostic: &Diagnostic, at: &Location, message: Option<&str>) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": artifact(run, &diagnostic.file),
            "region": region(at),
        }
    });
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    location
}

fn artifact(run: &Run<'_>, file: &Path) -> Value {
    let relative = relative_path(file, run.root);
    if relative.starts_with('/') {
        // Outside the project: only an absolute URI identifies it.
        json!({ "uri": format!("file://{}", encode_uri_path(&relative)) })
    } else {
        json!({ "uri": encode_uri_path(&relative), "uriBaseId": "%SRCROOT%" })
    }
}

fn region(at: &Location) -> Value {
    // SARIF lines and columns are 1-based and `endColumn` is exclusive, exactly like `Location`;
    // a zero (an unknown position) is not allowed, so it becomes the start of the file.
    json!({
        "startLine": at.line_start.max(1),
        "startColumn": at.column_start.max(1),
        "endLine": at.line_end.max(at.line_start).max(1),
        "endColumn": at.column_end.max(1),
        "byteOffset": at.byte_start,
        "byteLength": at.byte_end.saturating_sub(at.byte_start),
    })
}

fn directory_uri(root: &Path) -> String {
    let path = relative_path(root, Path::new(""));
    let path = encode_uri_path(&path);
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    if path.ends_with('/') {
        format!("file://{path}")
    } else {
        format!("file://{path}/")
    }
}

/// Percent-encodes everything in a `/`-separated path that may not appear in a URI path.
fn encode_uri_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(encode_uri_path("src/a b%.rs"), "src/a%20b%25.rs");
        assert_eq!(encode_uri_path("src/ü.rs"), "src/%C3%BC.rs");
    }

    #[test]
    fn directory_uris_end_with_a_slash() {
        assert_eq!(directory_uri(Path::new("/work/repo")), "file:///work/repo/");
    }

    #[test]
    fn full_description_skips_headings() {
        assert_eq!(
            first_paragraph("# Title\n\nWhat it finds.\n\nMore."),
            Some("What it finds.")
        );
        assert_eq!(
            first_paragraph("### What it finds\nAn error.\n\nMore."),
            Some("An error.")
        );
    }
}
