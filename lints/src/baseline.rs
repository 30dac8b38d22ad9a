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

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

/// A baseline file: the accepted findings of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The format version; only version 1 exists.
    pub version: u32,
    /// The accepted findings.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding. Only `fingerprint` is compared; the rest helps a reviewer read the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Why a baseline could not be read or written.
#[derive(Debug)]
pub enum BaselineError {
    /// The file could not be read or written.
    Io {
        /// The baseline file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a baseline.
    Format {
        /// The baseline file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { path, source } => {
                write!(f, "cannot access baseline `{}`: {source}", path.display())
            }
            Self::Format { path, source } => {
                write!(f, "`{}` is not an onus baseline: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for BaselineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Format { source, .. } => Some(source),
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
            version: 1,
            findings,
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is not a baseline.
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| BaselineError::Format {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Writes the baseline as pretty JSON (one finding per entry, so it diffs well in review).
    ///
    /// # Errors
    ///
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let io_error = |source| BaselineError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut text =
            serde_json::to_string_pretty(self).map_err(|source| BaselineError::Format {
                path: path.to_path_buf(),
                source,
            })?;
        text.push('\n');
        std::fs::write(path, text).map_err(io_error)
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
}
