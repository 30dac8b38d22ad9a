//! Whose onus an error is ([`Class`]) and how loudly it is logged ([`Severity`]).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Whose onus an error is: the caller's or ours.
///
/// A [`Business`](Class::Business) error is part of normal traffic: bad input, a missing
/// permission, a conflict. The caller can fix it, so it answers with a 4xx status and a message
/// that says what to fix. A [`System`](Class::System) error is ours to fix: a database that is
/// down, a bug, a failed upstream. It answers with a 5xx status and a generic message, and it is
/// logged loudly enough for an operator to see.
///
/// ```
/// use onus::Class;
/// assert_eq!(Class::from_status(onus::StatusCode::CONFLICT), Some(Class::Business));
/// assert_eq!(serde_json::to_string(&Class::System).unwrap(), r#""system""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The caller's onus: 4xx, normal traffic, the message tells the caller what to fix.
    Business,
    /// Our onus: 5xx, an operator must look, the message stays internal.
    System,
}

impl Class {
    /// The class an HTTP error status implies: 4xx is [`Business`](Class::Business), 5xx is
    /// [`System`](Class::System), anything else is not an error status.
    #[must_use]
    pub fn from_status(status: http::StatusCode) -> Option<Self> {
        if status.is_client_error() {
            Some(Self::Business)
        } else if status.is_server_error() {
            Some(Self::System)
        } else {
            None
        }
    }

    /// The lowercase name used in attributes, logs and JSON: `"business"` or `"system"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::System => "system",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How loudly an error is logged, from [`Trace`](Severity::Trace) to [`Fatal`](Severity::Fatal).
///
/// Ordered: `Severity::Warn < Severity::Error`. `tracing` has no fatal level, so
/// [`onus::report`](crate::report) logs [`Fatal`](Severity::Fatal) at `ERROR` with a
/// `fatal = true` field.
///
/// ```
/// use onus::Severity;
/// assert!(Severity::Info < Severity::Warn);
/// assert_eq!(serde_json::to_string(&Severity::Fatal).unwrap(), r#""fatal""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Finest detail; never shown in production.
    Trace,
    /// Diagnostic detail for developers.
    Debug,
    /// Normal events, such as a business error answered with a 4xx.
    Info,
    /// Something an operator should notice; the lowest severity a system error may have.
    Warn,
    /// Something an operator must act on.
    Error,
    /// The service cannot go on.
    Fatal,
}

impl Severity {
    /// The lowercase name used in attributes, logs and JSON, e.g. `"warn"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Trace => "trace",
            Self::Debug => "debug",
            Self::Info => "info",
            Self::Warn => "warn",
            Self::Error => "error",
            Self::Fatal => "fatal",
        }
    }

    /// The `tracing` level events of this severity are emitted at (`Fatal` maps to `ERROR`).
    #[must_use]
    pub const fn tracing_level(self) -> tracing::Level {
        match self {
            Self::Trace => tracing::Level::TRACE,
            Self::Debug => tracing::Level::DEBUG,
            Self::Info => tracing::Level::INFO,
            Self::Warn => tracing::Level::WARN,
            Self::Error | Self::Fatal => tracing::Level::ERROR,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
