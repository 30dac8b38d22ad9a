//! # What it finds
//!
//! An `// onus: allow(rule)` comment or an `#[onus::allow(rule)]` attribute that suppresses
//! nothing: no finding of that rule is on the line (or the line below), or inside the item. Also a
//! suppression naming a rule that does not exist.
//!
//! # Why is this bad
//!
//! Stale suppressions pile up after the code they excused is fixed or moved, and a later, real
//! finding in the same place would be silenced without anyone deciding so. A misspelled rule id
//! suppresses nothing while looking as if it did.
//!
//! # Example
//!
//! ```text
//! // onus: allow(ignored_reslt) — shutdown path
//! tx.send(event)?;
//! ```
//!
//! # Use instead
//!
//! Delete the suppression, or fix the rule id (`onus rules` lists them).

use crate::diagnostic::Level;
use crate::triggers::{Token, Trigger};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "unused_suppression";

/// The rule: its metadata, next to its documentation. The engine reports it itself (a meta
/// rule), so it has no checks here.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a suppression suppresses nothing, or names an unknown rule",
    docs_source: include_str!("unused_suppression.rs"),
    allowed_by: &[],
    // In an item, only an `#[onus::allow(..)]` attribute can suppress nothing (a comment's
    // problems have no token to be reported at).
    triggers: &[Trigger::Sequence(&[Token::Word("onus"), Token::Op("::"), Token::Word("allow")])],
    kind: RuleKind::Meta,
};
