//! Baselines: accept today's findings, fail only on new ones.
//!
//! A finding is identified by a fingerprint of its rule, its file (relative to the project root,
//! `/`-separated) and the whitespace-normalized source of the construct it points at — never its
//! line number, so the fingerprint survives code moving up or down. When one file has several
//! findings with the same rule and the same source, an occurrence index (their order in the
//! file) tells them apart.
//!
//! `parse_error` findings are never baselined: a file that does not parse is not checked at all,
//! so accepting it would silently stop checking it.
//!
//! A baseline file is JSON: `{"version": 1, "findings": [...]}`. A version other than
//! [`VERSION`] is refused, never read as if it were one this checker knows; a byte order mark
//! (which some Windows editors add) is allowed before the JSON.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Diagnostic;
use crate::render::relative_path;

use crate::rules::PARSE_ERROR;

/// The fingerprint of each of `diagnostics` (sorted by file, then location, as the engine returns
/// them), in the same order.
#[must_use]
pub fn fingerprints(diagnostics: &[Diagnostic], root: &Path) -> Vec<String> {
    let mut occurrences: HashMap<(&str, String, String), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|diagnostic| {
            let path = relative_path(&diagnostic.file, root);
            let snippet = normalize_snippet(if diagnostic.snippet.is_empty() {
                &diagnostic.message
            } else {
                &diagnostic.snippet
            });
            let index = occurrences
                .entry((diagnostic.rule, path.clone(), snippet.clone()))
                .or_default();
            let fingerprint = fingerprint(diagnostic.rule, &path, &snippet, *index);
            *index += 1;
            fingerprint
        })
        .collect()
}

fn fingerprint(rule: &str, path: &str, snippet: &str, occurrence: usize) -> String {
    // FNV-1a: stable across Rust releases and platforms (std's `DefaultHasher` is not), and a
    // 64-bit collision between two findings of one project is not a practical concern.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let occurrence = occurrence.to_string();
    for part in [rule, path, snippet, occurrence.as_str()] {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Collapses every run of whitespace to one space, so re-indenting or re-wrapping a construct
/// keeps its fingerprint.
fn normalize_snippet(snippet: &str) -> String {
    snippet.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The version of the baseline format this checker reads and writes.
pub const VERSION: u64 = 1;

/// A baseline file: the accepted findings of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "an onus baseline: an object with `version` and `findings`")]
pub struct Baseline {
    /// The format version: [`VERSION`].
    pub version: u64,
    /// The accepted findings.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding. Only `fingerprint` is compared; the rest helps a reviewer read the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    expecting = "an accepted finding: an object with `fingerprint`, `rule`, `file`, `line` and `message`"
)]
pub struct BaselineEntry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The rule id.
    pub rule: String,
    /// The file, relative to the project root.
    pub file: String,
    /// The line when the baseline was written (informative only).
    pub line: usize,
    /// The message.
    pub message: String,
}

/// Why a baseline could not be read.
#[derive(Debug)]
pub enum BaselineError {
    /// The text is not a baseline.
    Format(serde_json::Error),
    /// The text is a baseline of a version this checker does not read.
    Version(serde_json::Value),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Format(source) => write!(f, "it is not an onus baseline: {source}"),
            Self::Version(serde_json::Value::Null) => {
                write!(
                    f,
                    "it has no `version` (this checker reads version {VERSION})"
                )
            }
            Self::Version(found) => write!(
                f,
                "it is a baseline of version {found}, and this checker reads version {VERSION} \
                 only"
            ),
        }
    }
}

impl std::error::Error for BaselineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Format(source) => Some(source),
            Self::Version(_) => None,
        }
    }
}

impl Baseline {
    /// The baseline that accepts every one of `diagnostics` except parse errors.
    #[must_use]
    pub fn from_findings(diagnostics: &[Diagnostic], fingerprints: &[String], root: &Path) -> Self {
        let findings = diagnostics
            .iter()
            .zip(fingerprints)
            .filter(|(diagnostic, _)| diagnostic.rule != PARSE_ERROR)
            .map(|(diagnostic, fingerprint)| BaselineEntry {
                fingerprint: fingerprint.clone(),
                rule: diagnostic.rule.to_owned(),
                file: relative_path(&diagnostic.file, root),
                line: diagnostic.location.line_start,
                message: diagnostic.message.clone(),
            })
            .collect();
        Self {
            version: VERSION,
            findings,
        }
    }

    /// Reads a baseline from the text of its file.
    ///
    /// ```
    /// use onus_lints::baseline::Baseline;
    ///
    /// let empty = Baseline::parse(r#"{"version": 1, "findings": []}"#).unwrap();
    /// assert!(empty.findings.is_empty());
    /// assert!(Baseline::parse(r#"{"version": 2, "findings": []}"#).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not JSON, not a baseline, or a baseline of another version.
    pub fn parse(text: &str) -> Result<Self, BaselineError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The version first: a future format may differ in anything but where it says so.
        #[derive(Deserialize)]
        struct Versioned {
            version: Option<serde_json::Value>,
        }
        let versioned = serde_json::from_str::<Versioned>(text)
            .or_else(|_| serde_json::from_str::<Self>(text).map(|_| Versioned { version: None }))
            .map_err(BaselineError::Format)?;
        match versioned.version {
            Some(serde_json::Value::Number(number)) if number.as_u64() == Some(VERSION) => {}
            found => return Err(BaselineError::Version(found.unwrap_or_default())),
        }
        serde_json::from_str(text).map_err(BaselineError::Format)
    }

    /// The baseline as pretty JSON (one finding per entry, so it diffs well in review).
    #[must_use]
    pub fn to_json(&self) -> String {
        // onus: allow(swallowed_error) — a baseline holds only strings and numbers, which always serialize
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Which of the findings are new: `true` at index `i` when `fingerprints[i]` is not accepted.
    ///
    /// Each baseline entry accepts one finding, so a second copy of an accepted finding is new.
    /// Parse errors are always new.
    #[must_use]
    pub fn new_findings(&self, diagnostics: &[Diagnostic], fingerprints: &[String]) -> Vec<bool> {
        let mut accepted: HashMap<&str, usize> = HashMap::new();
        for entry in &self.findings {
            *accepted.entry(entry.fingerprint.as_str()).or_default() += 1;
        }
        diagnostics
            .iter()
            .zip(fingerprints)
            .map(|(diagnostic, fingerprint)| {
                if diagnostic.rule == PARSE_ERROR {
                    return true;
                }
                match accepted.get_mut(fingerprint.as_str()) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::{Level, Location};

    fn finding(rule: &'static str, line: usize, snippet: &str) -> Diagnostic {
        Diagnostic {
            rule,
            level: Level::Warn,
            file: PathBuf::from("/repo/src/lib.rs"),
            location: Location {
                line_start: line,
                line_end: line,
                column_start: 1,
                column_end: 2,
                ..Location::default()
            },
            message: "m".to_owned(),
            help: None,
            labels: Vec::new(),
            suggestion: None,
            snippet: snippet.to_owned(),
        }
    }

    #[test]
    fn fingerprints_ignore_lines_and_whitespace_but_not_rule_or_file() {
        let root = Path::new("/repo");
        let a = fingerprints(&[finding("ignored_result", 3, "let _ = f();")], root);
        let moved = fingerprints(&[finding("ignored_result", 30, "let _ =\n    f();")], root);
        let other_rule = fingerprints(&[finding("catch_all", 3, "let _ = f();")], root);
        assert_eq!(a, moved);
        assert_ne!(a, other_rule);
        let mut elsewhere = finding("ignored_result", 3, "let _ = f();");
        elsewhere.file = PathBuf::from("/repo/src/main.rs");
        assert_ne!(a, fingerprints(&[elsewhere], root));
    }

    #[test]
    fn identical_snippets_get_distinct_fingerprints() {
        let root = Path::new("/repo");
        let twice = [
            finding("ignored_result", 3, "x.ok();"),
            finding("ignored_result", 9, "x.ok();"),
        ];
        let prints = fingerprints(&twice, root);
        assert_ne!(prints[0], prints[1]);
    }

    #[test]
    fn each_entry_accepts_one_finding_and_parse_errors_are_always_new() {
        let root = Path::new("/repo");
        let old = [finding("ignored_result", 3, "x.ok();")];
        let baseline = Baseline::from_findings(&old, &fingerprints(&old, root), root);
        assert_eq!(baseline.findings[0].file, "src/lib.rs");

        let now = [
            finding("ignored_result", 5, "x.ok();"),
            finding("ignored_result", 9, "x.ok();"),
            finding("parse_error", 1, ""),
        ];
        let prints = fingerprints(&now, root);
        assert_eq!(baseline.new_findings(&now, &prints), [false, true, true]);
        let accept_parse = Baseline::from_findings(&now, &prints, root);
        assert_eq!(accept_parse.findings.len(), 2);
    }

    #[test]
    fn a_baseline_is_read_back_with_or_without_a_byte_order_mark_and_only_at_its_version() {
        let root = Path::new("/repo");
        let old = [finding("ignored_result", 3, "x.ok();")];
        let written = Baseline::from_findings(&old, &fingerprints(&old, root), root);
        let json = written.to_json();
        assert_eq!(Baseline::parse(&json).ok(), Some(written.clone()));
        assert_eq!(
            Baseline::parse(&format!("\u{feff}{json}")).ok(),
            Some(written)
        );

        for (text, expected) in [
            (r#"{"version": 2, "findings": []}"#, "version 2"),
            (r#"{"version": "1", "findings": []}"#, "version \"1\""),
            (r#"{"findings": []}"#, "has no `version`"),
            (r#"[]"#, "expected an onus baseline"),
            (
                r#"{"version": 1, "findings": [3]}"#,
                "expected an accepted finding",
            ),
            ("<html>", "expected value at line 1 column 1"),
        ] {
            let error = Baseline::parse(text).map(|_| ()).unwrap_err().to_string();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(!error.contains("struct"), "{text}: {error}");
        }
    }
}
