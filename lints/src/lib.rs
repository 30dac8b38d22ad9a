//! The onus rule engine: finds the places where code throws errors away.

#![warn(missing_docs)]

pub mod catalog;
pub mod config;
#[cfg(feature = "config-file")]
pub mod config_file;
pub mod diagnostic;
pub mod engine;
mod expand;
#[cfg(feature = "config-file")]
mod files;
pub mod finding;
mod generated;
mod index;
mod known_fallible;
pub mod package;
pub mod parse;
mod paths;
mod resolve;
pub mod rules;
mod source;
mod startup;
mod suppress;
mod syntax;
mod test_code;
pub mod triggers;
mod walk;

// "Did you mean" for rule ids: the same suggestions as the derive's for `#[onus(...)]` keys.
use onus_declare::suggest;

#[cfg(feature = "cli")]
pub mod baseline;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod render;

pub use config::Config;
pub use diagnostic::{Diagnostic, Label, Level, Location, Suggestion};
pub use engine::{Input, Report, check, check_item};
pub use finding::{Finding, FindingSuggestion, SpanRange, SuggestionPart};
pub use rules::RuleInfo;
