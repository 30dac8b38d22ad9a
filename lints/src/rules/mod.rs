//! The rule registry: one module per rule, one line per rule in [`all`].
//!
//! A rule module holds the rule's documentation (its `//!` module doc, which `cargo onus explain`
//! prints), and the hooks the shared traversal calls for the syntax it looks at.

use crate::diagnostic::Level;
use crate::walk::Hooks;

mod catch_all;
mod duplicate_error_code;
mod ignored_result;
mod lost_source;
mod missing_runbook;
mod parse_error;
mod retry_without_backoff;
mod suppression_without_reason;
mod swallowed_error;
pub(crate) mod syntax;
mod unclassified_error;
mod unused_suppression;
mod unwrap_in_fallible;

/// A rule's metadata: id, default level, one-line summary and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// The snake_case id, as written in configuration and suppressions.
    pub id: &'static str,
    /// The level the rule has unless the configuration says otherwise.
    pub default_level: Level,
    /// One line saying what the rule finds.
    pub summary: &'static str,
    /// The rule module's source, whose `//!` doc is the rule's documentation.
    docs_source: &'static str,
    /// What the traversal calls; empty for the meta rules, which the engine reports itself.
    pub(crate) hooks: Hooks,
}

impl RuleInfo {
    /// The rule's documentation: its module doc, as Markdown.
    ///
    /// ```
    /// let docs = onus_lints::rules::find("parse_error").unwrap().docs();
    /// assert!(docs.starts_with("# What it finds"));
    /// ```
    #[must_use]
    pub fn docs(&self) -> String {
        let mut docs = String::new();
        for line in self.docs_source.lines() {
            let Some(doc) = line.strip_prefix("//!") else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            docs.push_str(doc.strip_prefix(' ').unwrap_or(doc));
            docs.push('\n');
        }
        docs
    }

    /// Whether the engine reports this rule itself instead of through traversal hooks.
    pub(crate) fn hooks_are_empty(&self) -> bool {
        let hooks = &self.hooks;
        hooks.stmt.is_none() && hooks.expr.is_none() && hooks.mac.is_none() && hooks.item.is_none()
    }

    /// The JSON and SARIF code of the rule: `onus::<id>`.
    #[must_use]
    pub fn code(&self) -> String {
        format!("onus::{}", self.id)
    }
}

/// The id of the meta rule for files that cannot be read or parsed.
pub const PARSE_ERROR: &str = "parse_error";
/// The id of the meta rule for suppressions that give no reason.
pub const SUPPRESSION_WITHOUT_REASON: &str = "suppression_without_reason";
/// The id of the meta rule for suppressions that suppress nothing.
pub const UNUSED_SUPPRESSION: &str = "unused_suppression";

static ALL: &[RuleInfo] = &[
    RuleInfo {
        id: ignored_result::ID,
        default_level: Level::Deny,
        summary: "a `Result` is produced and thrown away without being looked at",
        docs_source: include_str!("ignored_result.rs"),
        hooks: Hooks {
            stmt: Some(ignored_result::check_stmt),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: swallowed_error::ID,
        default_level: Level::Deny,
        summary: "an error is caught and discarded: nothing records, returns or uses it",
        docs_source: include_str!("swallowed_error.rs"),
        hooks: Hooks {
            stmt: Some(swallowed_error::check_stmt),
            expr: Some(swallowed_error::check_expr),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: lost_source::ID,
        default_level: Level::Warn,
        summary: "an error is replaced by another and the original cause is thrown away",
        docs_source: include_str!("lost_source.rs"),
        hooks: Hooks {
            stmt: Some(lost_source::check_stmt),
            expr: Some(lost_source::check_expr),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: catch_all::ID,
        default_level: Level::Warn,
        summary: "one wildcard handler treats business and system errors alike",
        docs_source: include_str!("catch_all.rs"),
        hooks: Hooks {
            expr: Some(catch_all::check_expr),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: unclassified_error::ID,
        default_level: Level::Warn,
        summary: "an error type does not declare its class, status and severity",
        docs_source: include_str!("unclassified_error.rs"),
        hooks: Hooks {
            item: Some(unclassified_error::check_item),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: unwrap_in_fallible::ID,
        default_level: Level::Warn,
        summary: "a function that returns `Result` panics instead",
        docs_source: include_str!("unwrap_in_fallible.rs"),
        hooks: Hooks {
            expr: Some(unwrap_in_fallible::check_expr),
            mac: Some(unwrap_in_fallible::check_mac),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: retry_without_backoff::ID,
        default_level: Level::Warn,
        summary: "a retry loop retries at once or at a fixed pace, with no exponential backoff or jitter",
        docs_source: include_str!("retry_without_backoff.rs"),
        hooks: Hooks {
            expr: Some(retry_without_backoff::check_expr),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: missing_runbook::ID,
        default_level: Level::Warn,
        summary: "a system error declares no runbook (with `require_runbook`), or its runbook file does not exist",
        docs_source: include_str!("missing_runbook.rs"),
        hooks: Hooks {
            declared: Some(missing_runbook::check_declared),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: duplicate_error_code::ID,
        default_level: Level::Deny,
        summary: "two classified error types answer with the same error code",
        docs_source: include_str!("duplicate_error_code.rs"),
        hooks: Hooks {
            declared: Some(duplicate_error_code::check_declared),
            ..Hooks::NONE
        },
    },
    RuleInfo {
        id: PARSE_ERROR,
        default_level: Level::Deny,
        summary: "a file could not be read or parsed, so it was not checked",
        docs_source: include_str!("parse_error.rs"),
        hooks: Hooks::NONE,
    },
    RuleInfo {
        id: SUPPRESSION_WITHOUT_REASON,
        default_level: Level::Warn,
        summary: "a suppression does not say why the finding is deliberate",
        docs_source: include_str!("suppression_without_reason.rs"),
        hooks: Hooks::NONE,
    },
    RuleInfo {
        id: UNUSED_SUPPRESSION,
        default_level: Level::Warn,
        summary: "a suppression suppresses nothing, or names an unknown rule",
        docs_source: include_str!("unused_suppression.rs"),
        hooks: Hooks::NONE,
    },
];

/// Every rule the engine knows: the nine error-handling rules and the meta rules
/// (`parse_error`, `suppression_without_reason`, `unused_suppression`).
#[must_use]
pub fn all() -> &'static [RuleInfo] {
    ALL
}

/// The rule with this id, if there is one.
#[must_use]
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    ALL.iter().find(|rule| rule.id == id)
}

/// The known rule id closest to `id`, for "did you mean" in messages.
pub(crate) fn closest(id: &str) -> Option<&'static str> {
    ALL.iter()
        .map(|rule| (crate::suggest::edit_distance(id, rule.id), rule.id))
        .filter(|(distance, candidate)| *distance <= 3.max(candidate.len() / 3))
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_misses_only() {
        assert_eq!(closest("parse_eror"), Some(PARSE_ERROR));
        assert_eq!(closest("something_else_entirely"), None);
    }
}
