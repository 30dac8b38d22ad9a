//! The rule registry: one module per rule, one line per rule in [`all`].
//!
//! A rule module is self-contained, as a clippy lint or a ruff rule is: its `//!` module doc is
//! the rule's documentation (`cargo onus explain` prints it), its `RULE` constant declares the
//! id, default level, summary and kind, and below them are the hooks the shared traversal calls
//! and every helper only that rule needs. Adding a rule touches a new file and one line of the
//! `registry!` below (see CONTRIBUTING.md); a test fails when a rule module is missing from it.

use crate::diagnostic::Level;
use crate::triggers::{self, Trigger};
use crate::walk::Hooks;

/// Declares each rule's module and lists its `RULE` in `ALL`, in the order `cargo onus rules`
/// shows them: one line per rule.
macro_rules! registry {
    ($($rule:ident,)*) => {
        $(mod $rule;)*

        /// Every rule: the error-handling rules, then the meta rules.
        static ALL: &[RuleInfo] = &[$($rule::RULE),*];
    };
}

registry! {
    ignored_result,
    swallowed_error,
    lost_source,
    catch_all,
    leaked_error_text,
    unclassified_error,
    unwrap_in_fallible,
    retry_without_backoff,
    missing_runbook,
    duplicate_error_code,
    untested_error,
    parse_error,
    suppression_without_reason,
    unused_suppression,
}

/// A rule's metadata: id, default level, one-line summary and documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// The snake_case id, as written in configuration and suppressions.
    pub id: &'static str,
    /// The level the rule has unless the configuration says otherwise.
    pub default_level: Level,
    /// One line saying what the rule finds.
    pub summary: &'static str,
    /// The rule module's source, whose `//!` doc is the rule's documentation.
    docs_source: &'static str,
    /// The tokens without which the rule cannot report anything in an item: `#[onus::check]`
    /// skips an item in which no enabled rule's trigger occurs (see [`crate::triggers`]). Empty
    /// for a rule nothing in an item's tokens can lead to (`parse_error`).
    pub triggers: &'static [Trigger],
    /// The lints of rustc and clippy that report what this rule does (`clippy::unwrap_used`):
    /// an `#[expect]` of one of them, which rustc checks still fires, is the team's decision
    /// there, which the rule honours as it would an `#[onus::allow]` with a reason.
    allowed_by: &'static [&'static str],
    /// How its findings come about.
    kind: RuleKind,
}

/// How a rule's findings come about.
#[derive(Debug, Clone, Copy)]
enum RuleKind {
    /// The traversal calls these hooks on the code it checks.
    Checked(Hooks),
    /// The engine reports it itself, about the run rather than the code (a file it could not
    /// parse, a suppression without a reason or suppressing nothing): no code can hold such a
    /// finding back, so a suppression of it is never reported as unused.
    Meta,
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

    /// Whether the engine reports this rule itself, about the run, instead of the traversal
    /// finding it in code.
    #[must_use]
    pub fn is_meta(&self) -> bool {
        matches!(self.kind, RuleKind::Meta)
    }

    /// The traversal hooks of a checked rule; `None` for a meta rule.
    pub(crate) fn hooks(&self) -> Option<&Hooks> {
        match &self.kind {
            RuleKind::Checked(hooks) => Some(hooks),
            RuleKind::Meta => None,
        }
    }

    /// The level this rule has under `config`: the configured override if there is one, else
    /// the rule's default.
    ///
    /// ```
    /// use onus_lints::{Config, Level, rules};
    ///
    /// let mut config = Config::default();
    /// config.levels.insert("catch_all".to_owned(), Level::Deny);
    /// assert_eq!(rules::find("catch_all").unwrap().level(&config), Level::Deny);
    /// ```
    #[must_use]
    pub fn level(&self, config: &crate::Config) -> Level {
        config.level_of(self.id).unwrap_or(self.default_level)
    }

    /// Whether this rule runs at all under `config`.
    pub(crate) fn enabled(&self, config: &crate::Config) -> bool {
        self.level(config) != Level::Allow
    }

    /// The JSON and SARIF code of the rule: `onus::<id>`.
    #[must_use]
    pub fn code(&self) -> String {
        format!("onus::{}", self.id)
    }
}

/// The id of the meta rule for files that cannot be read or parsed.
pub const PARSE_ERROR: &str = parse_error::ID;
/// The id of the meta rule for suppressions that give no reason.
pub const SUPPRESSION_WITHOUT_REASON: &str = suppression_without_reason::ID;
/// The id of the meta rule for suppressions that suppress nothing.
pub const UNUSED_SUPPRESSION: &str = unused_suppression::ID;

/// The rules about letting an error go (ignoring it, swallowing it, panicking on it) whose
/// findings a comment that explains the choice holds back (see `suppress::scan_explanations`).
pub(crate) const EXPLAINED_BY_COMMENTS: [&str; 3] = [
    ignored_result::ID,
    swallowed_error::ID,
    unwrap_in_fallible::ID,
];

/// The rule whose `catch_unwind` finding a comment about panics above it holds back: the author
/// says why panics are caught there (see `suppress::scan_explanations`).
pub(crate) const EXPLAINED_AS_A_PANIC_BOUNDARY: &str = catch_all::ID;

/// The rule whose finding on a handler any comment there holds back, in whatever words: first in
/// the handler's block, or above its `Err(..) =>` arm, it says what is done with the error
/// (see `suppress::scan_explanations`).
pub(crate) const EXPLAINED_AT_THE_HANDLER: &str = swallowed_error::ID;

/// The rule whose `panic!` finding any comment right above the panic holds back, in whatever
/// words: it says why the code stops there (see `suppress::scan_explanations`).
pub(crate) const EXPLAINED_ABOVE_A_PANIC: &str = unwrap_in_fallible::ID;

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

/// The hooks of every checked rule the configuration enables, for the traversal.
pub(crate) fn enabled_hooks(config: &crate::Config) -> Vec<Hooks> {
    ALL.iter()
        .filter(|rule| rule.enabled(config))
        .filter_map(|rule| {
            rule.hooks().map(|hooks| Hooks {
                allowed_by: (rule.id, rule.allowed_by),
                explained_by_comments: EXPLAINED_BY_COMMENTS.contains(&rule.id),
                ..*hooks
            })
        })
        .collect()
}

/// Whether a rule enabled by `config` could report anything in `tokens` (an item): whether one
/// of its triggers occurs there. `#[onus::check]` parses and checks only the items for which
/// this holds.
///
/// ```
/// use onus_lints::{Config, Level, rules};
///
/// let item: proc_macro2::TokenStream = "fn f(path: &str) { let _ = std::fs::remove_file(path); }".parse().unwrap();
/// let mut config = Config::default();
/// assert!(rules::could_report(&item, &config));
/// config.levels.insert("ignored_result".to_owned(), Level::Allow);
/// assert!(!rules::could_report(&item, &config));
/// let pure: proc_macro2::TokenStream = "fn area(w: u32, h: u32) -> u32 { w * h }".parse().unwrap();
/// assert!(!rules::could_report(&pure, &Config::default()));
/// ```
#[must_use]
pub fn could_report(tokens: &proc_macro2::TokenStream, config: &crate::Config) -> bool {
    let enabled: Vec<Trigger> = ALL
        .iter()
        .filter(|rule| rule.enabled(config))
        .flat_map(|rule| rule.triggers.iter().copied())
        .collect();
    triggers::occurs(tokens, &enabled)
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
