//! # What it finds
//!
//! A file the checker could not read as Rust: it does not parse, is not UTF-8, or cannot be read
//! at all. The finding points at the first syntax error (or at the start of the file).
//!
//! # Why is this bad
//!
//! A file the checker cannot read is a file nobody checked. Reporting it, instead of silently
//! skipping it, is the checker following its own advice: an error that is swallowed cannot be
//! fixed.
//!
//! # Example
//!
//! ```text
//! fn main( {
//! ```
//!
//! # Use instead
//!
//! Fix the syntax error (`cargo check` shows the same one), or exclude generated files that are
//! not meant to be Rust with the `exclude` setting.

use crate::diagnostic::Level;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "parse_error";

/// The rule: its metadata, next to its documentation. The engine reports it itself (a meta
/// rule), so it has no checks here.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Deny,
    summary: "a file could not be read or parsed, so it was not checked",
    docs_source: include_str!("parse_error.rs"),
    allowed_by: &[],
    // Reported by the engine about a file, never found in an item's tokens.
    triggers: &[],
    kind: RuleKind::Meta,
};
