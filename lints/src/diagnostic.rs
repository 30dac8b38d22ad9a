//! The one neutral finding every rule produces and every renderer consumes.

use std::fmt;
use std::path::PathBuf;

/// How a rule's findings are treated: ignored, reported, or reported and failing the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported; the run still passes.
    Warn,
    /// Reported; the run fails (exit status 1, or a compile error in `#[onus::check]`).
    Deny,
}

impl Level {
    /// The name used in configuration and output: `allow`, `warn` or `deny`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Warn => "warn",
            Self::Deny => "deny",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a source file. Lines are 1-based; columns are 1-based and count characters (as
/// rustc's JSON does); byte offsets are 0-based and end-exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Location {
    /// First byte of the construct.
    pub byte_start: usize,
    /// One past the last byte of the construct.
    pub byte_end: usize,
    /// Line of the first character.
    pub line_start: usize,
    /// Column of the first character.
    pub column_start: usize,
    /// Line of the last character.
    pub line_end: usize,
    /// Column one past the last character.
    pub column_end: usize,
}

/// A secondary place that helps explain a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What to notice there.
    pub message: String,
}

/// A machine-applicable or illustrative replacement for a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The text to replace.
    pub location: Location,
    /// What to put there.
    pub replacement: String,
    /// What the replacement does.
    pub message: String,
}

/// One finding: the rule, where, what and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's snake_case id, e.g. `swallowed_error` (`parse_error` for unreadable files).
    pub rule: &'static str,
    /// The level the configuration gives the rule where the finding is.
    pub level: Level,
    /// The file, as it was given to the engine.
    pub file: PathBuf,
    /// The smallest construct that shows the problem.
    pub location: Location,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Secondary places.
    pub labels: Vec<Label>,
    /// A replacement, where one is known.
    pub suggestion: Option<Suggestion>,
    /// The construct's source with whitespace normalized: with the rule and file it makes the
    /// baseline fingerprint, which survives lines moving.
    pub snippet: String,
}

impl Diagnostic {
    /// The code shown in JSON and SARIF: `onus::<rule>`.
    #[must_use]
    pub fn code(&self) -> String {
        format!("onus::{}", self.rule)
    }
}
