//! The onus rule engine: finds the places where code throws errors away.

pub mod diagnostic;

#[cfg(feature = "cli")]
pub mod cli;

pub use diagnostic::{Diagnostic, Label, Level, Location, Suggestion};
