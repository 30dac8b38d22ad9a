//! The engine's configuration: plain data, so the proc macro and the CLI can both build it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::catalog::Severity;
use crate::diagnostic::Level;

/// What the engine checks and how loudly it reports each rule.
///
/// The CLI fills this from `[workspace.metadata.onus]` or `onus.toml`; the engine never reads files
/// itself, so it stays free of `toml` and `serde`.
///
/// ```
/// use onus_lints::{Config, Level};
///
/// let mut config = Config::default();
/// config.levels.insert("catch_all".to_owned(), Level::Deny);
/// assert_eq!(config.level_of("catch_all"), Some(Level::Deny));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Rule id → level, overriding the rule's default level.
    pub levels: BTreeMap<String, Level>,
    /// Extra APIs known to return a `Result`, on top of the built-in table: a path
    /// (`reqwest::get`), a `Type::method` (`Client::send`, which also matches `.send()` calls),
    /// or a bare function name (`send_email`).
    pub extra_fallible: Vec<String>,
    /// Calls whose errors the team decided may be ignored (`oneshot::Sender::send`,
    /// `Cache::invalidate`, `purge_image`), in the same forms as `extra_fallible`:
    /// `ignored_result` and `swallowed_error` leave them alone. Nothing is ignorable by default.
    pub ignorable: Vec<String>,
    /// Error types that carry nothing beyond their kind (`aead::Error`, whose only message is
    /// "aead::Error", on purpose), as paths matched by their last segments: a handler that drops
    /// one loses no cause, for `swallowed_error` and `lost_source`, as for the built-in ones
    /// (timeouts, closed channels, integer conversions). Known where the code names the type: a
    /// `Result<_, E>` parameter, local or closure parameter, or a fn of the checked code
    /// declared to return `Result<_, E>`.
    pub opaque_errors: Vec<String>,
    /// Functions (`serve`, `Worker::run`) where `catch_unwind` is a deliberate panic boundary and
    /// not a catch-all.
    pub panic_boundaries: Vec<String>,
    /// Files (as their [`Input`](crate::Input) paths are written) that are panic boundaries as a
    /// whole. The CLI fills it from the file patterns of `panic_boundaries`
    /// (`src/boundary/*.rs`), matched like `exclude`.
    pub panic_boundary_files: BTreeSet<PathBuf>,
    /// The directories (absolute) of the packages that depend on `onus`, when the caller knows
    /// them (the CLI, from `cargo metadata`). `None`: a package uses onus when any checked file
    /// uses `onus::`. Declaring each error's class is a defect only where onus is used.
    pub onus_packages: Option<Vec<PathBuf>>,
    /// Whether test code is read for what it names (each variant's `tested` in the catalog), as
    /// it is anyway when `untested_error` runs.
    pub read_tests: bool,
    /// Whether `#[test]` functions and `#[cfg(test)]` modules are checked too.
    pub check_tests: bool,
    /// `require_runbook`: every system error at or above this severity must declare a runbook
    /// (the `missing_runbook` rule).
    pub require_runbook: Option<Severity>,
    /// The directory runbook paths are relative to (the project root, where the configuration
    /// is). `None` (a proc macro) skips the check that declared runbook files exist.
    pub runbook_root: Option<PathBuf>,
}

impl Config {
    /// The level configured for the rule `id`, if the configuration overrides its default
    /// (see [`RuleInfo::level`](crate::RuleInfo::level)).
    #[must_use]
    pub fn level_of(&self, id: &str) -> Option<Level> {
        self.levels.get(id).copied()
    }
}
