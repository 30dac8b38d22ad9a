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

use std::collections::{HashMap, VecDeque};
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
        // A baseline holds only strings and numbers, which always serialize.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Compares the baseline with the findings of a run: which findings are new, and which
    /// entries accepted none.
    ///
    /// Each baseline entry accepts one finding, so a second copy of an accepted finding is new.
    /// Parse errors are always new. An entry is stale only when `checked(file)` says its file
    /// (relative, as in the entry) was read and parsed in this run: an entry of a file left out of
    /// the run, or that does not parse today, may still match once the file is checked again.
    #[must_use]
    pub fn compare(
        &self,
        diagnostics: &[Diagnostic],
        fingerprints: &[String],
        checked: impl Fn(&str) -> bool,
    ) -> Comparison {
        let mut unused: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (index, entry) in self.findings.iter().enumerate() {
            unused
                .entry(entry.fingerprint.as_str())
                .or_default()
                .push_back(index);
        }
        let is_new = diagnostics
            .iter()
            .zip(fingerprints)
            .map(|(diagnostic, fingerprint)| {
                diagnostic.rule == PARSE_ERROR
                    || unused
                        .get_mut(fingerprint.as_str())
                        .and_then(VecDeque::pop_front)
                        .is_none()
            })
            .collect();
        let mut stale: Vec<usize> = unused
            .into_values()
            .flatten()
            .filter(|&index| checked(&self.findings[index].file))
            .collect();
        stale.sort_unstable();
        Comparison { is_new, stale }
    }

    /// The baseline without the entries at `indices` (the [`Comparison::stale`] ones), in the
    /// same order and at the same version.
    #[must_use]
    pub fn without(&self, indices: &[usize]) -> Self {
        let findings = self
            .findings
            .iter()
            .enumerate()
            .filter(|(index, _)| indices.binary_search(index).is_err())
            .map(|(_, entry)| entry.clone())
            .collect();
        Self {
            version: self.version,
            findings,
        }
    }
}

/// How a baseline meets the findings of one run ([`Baseline::compare`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// `true` at index `i` when finding `i` is not accepted.
    pub is_new: Vec<bool>,
    /// The indices (into [`Baseline::findings`], ascending) of the entries that accepted no
    /// finding of a checked file: the finding was fixed, or its code changed (then it is new).
    pub stale: Vec<usize>,
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
        let comparison = baseline.compare(&now, &prints, |_| true);
        assert_eq!(comparison.is_new, [false, true, true]);
        assert!(comparison.stale.is_empty());
        let accept_parse = Baseline::from_findings(&now, &prints, root);
        assert_eq!(accept_parse.findings.len(), 2);
    }

    #[test]
    fn entries_that_accept_nothing_in_a_checked_file_are_stale_and_pruned_in_order() {
        let root = Path::new("/repo");
        let mut other_file = finding("catch_all", 4, "Err(_) => {}");
        other_file.file = PathBuf::from("/repo/src/other.rs");
        let old = [
            finding("ignored_result", 3, "x.ok();"),
            finding("swallowed_error", 7, "Err(_) => 0,"),
            finding("ignored_result", 9, "let _ = f();"),
            other_file,
        ];
        let baseline = Baseline::from_findings(&old, &fingerprints(&old, root), root);

        // The `let _` is fixed, the `Err(_)`'s code changed; `other.rs` was not checked.
        let now = [
            finding("ignored_result", 3, "x.ok();"),
            finding("swallowed_error", 7, "Err(_) => 1,"),
        ];
        let prints = fingerprints(&now, root);
        let comparison = baseline.compare(&now, &prints, |file| file == "src/lib.rs");
        assert_eq!(comparison.is_new, [false, true]);
        assert_eq!(comparison.stale, [1, 2]);

        let pruned = baseline.without(&comparison.stale);
        assert_eq!(pruned.version, VERSION);
        assert_eq!(
            pruned.findings,
            [baseline.findings[0].clone(), baseline.findings[3].clone()]
        );
        let again = pruned.compare(&now, &prints, |file| file == "src/lib.rs");
        assert!(again.stale.is_empty());
        assert_eq!(again.is_new, [false, true]);
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
