//! # What it finds
//!
//! An `// onus: allow(rule)` comment or an `#[onus::allow(rule)]` attribute that does not say why
//! the finding is deliberate.
//!
//! # Why is this bad
//!
//! A suppression is a decision that an error may be ignored here. The next reader has to know
//! whether that decision still holds; without the reason, they cannot tell a considered exception
//! from a silenced warning, and the incident review cannot either.
//!
//! # Example
//!
//! ```text
//! // onus: allow(ignored_result)
//! let _ = tx.send(event);
//! ```
//!
//! # Use instead
//!
//! ```text
//! // onus: allow(ignored_result) — the receiver is gone only during shutdown
//! let _ = tx.send(event);
//!
//! #[onus::allow(catch_all, reason = "the worker's panic boundary")]
//! fn run_job(job: Job) { /* ... */ }
//! ```

use crate::diagnostic::Level;
use crate::triggers::{Token, Trigger};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "suppression_without_reason";

/// The rule: its metadata, next to its documentation. The engine reports it itself (a meta
/// rule), so it has no checks here.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a suppression does not say why the finding is deliberate",
    docs_source: include_str!("suppression_without_reason.rs"),
    allowed_by: &[],
    // In an item, only an `#[onus::allow(..)]` attribute can lack a reason (a comment's problems
    // have no token to be reported at).
    triggers: &[Trigger::Sequence(&[Token::Word("onus"), Token::Op("::"), Token::Word("allow")])],
    kind: RuleKind::Meta,
};
