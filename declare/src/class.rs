//! `class = ...` and `severity = ...`: whose onus an error is and how loudly it is logged.

use std::fmt;

/// Whose onus an error is: `class = business` (the caller's, 4xx) or `class = system` (ours,
/// 5xx).
///
/// ```
/// use onus_declare::Class;
/// assert_eq!(Class::from_name("business"), Some(Class::Business));
/// assert_eq!(Class::System.as_str(), "system");
/// assert_eq!(Class::from_name("Business"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// The caller's to fix (4xx).
    Business,
    /// Ours to fix (5xx).
    System,
}

impl Class {
    /// Every class, in the runtime's order.
    pub const ALL: [Self; 2] = [Self::Business, Self::System];

    /// The name written in `#[onus(class = ...)]`: `business` or `system`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::System => "system",
        }
    }

    /// The class of this name, if it is one (names are lowercase, as written in `#[onus(...)]`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|class| class.as_str() == name)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `severity = ...`, ordered from quietest to loudest like the runtime's `Severity`.
///
/// ```
/// use onus_declare::Severity;
/// assert_eq!(Severity::from_name("error"), Some(Severity::Error));
/// assert!(Severity::Fatal > Severity::Error);
/// assert_eq!(Severity::from_name("critical"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// `trace`.
    Trace,
    /// `debug`.
    Debug,
    /// `info`.
    Info,
    /// `warn`.
    Warn,
    /// `error`.
    Error,
    /// `fatal`.
    Fatal,
}

impl Severity {
    /// Every severity, quietest first.
    pub const ALL: [Self; 6] = [
        Self::Trace,
        Self::Debug,
        Self::Info,
        Self::Warn,
        Self::Error,
        Self::Fatal,
    ];

    /// The name written in `#[onus(severity = ...)]` and in configuration.
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

    /// The severity of this name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
