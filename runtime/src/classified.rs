//! The [`Classified`] trait: what every onus error declares.

use std::fmt;
use std::time::Duration;

use crate::{Class, Severity, StatusCode};

/// The message a client may see for `public_message()` of a system error that declares none.
pub const GENERIC_SYSTEM_MESSAGE: &str = "an internal error occurred";

/// An error that declares whose onus it is, how it answers over HTTP and how loudly it is logged.
///
/// Implement it with `#[derive(onus::Classify)]`; the derive answers every method with a plain
/// `match` on the variant, without allocating.
///
/// ```
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// pub enum LoginError {
///     #[error("wrong password")]
///     #[onus(class = business, status = 401, severity = info)]
///     WrongPassword,
///     #[error("session store unreachable: {0}")]
///     #[onus(class = system, status = 503, severity = error)]
///     Store(String),
/// }
///
/// use onus::Classified;
/// let e = LoginError::Store("10.0.0.7:6379 refused".into());
/// assert!(e.is_system());
/// assert!(e.retryable()); // 503 is retryable by default
/// assert_eq!(e.code(), "login_error.store");
/// // the internal text never reaches the client
/// assert_eq!(e.public_message().to_string(), "an internal error occurred");
/// assert_eq!(LoginError::WrongPassword.public_message().to_string(), "wrong password");
/// ```
pub trait Classified: std::error::Error {
    /// Whose onus the error is.
    fn class(&self) -> Class;

    /// The HTTP status the error answers with (always 4xx or 5xx).
    fn status(&self) -> StatusCode;

    /// How loudly the error is logged.
    fn severity(&self) -> Severity;

    /// A stable, machine-readable code such as `"signup.invalid_email"`.
    fn code(&self) -> &'static str;

    /// Whether the same request may succeed if tried again. Defaults to the status: 408, 429,
    /// 502, 503 and 504 are retryable.
    fn retryable(&self) -> bool {
        status_is_retryable(self.status())
    }

    /// How long a client should wait before retrying (`Retry-After`), where declared.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// The message a client may see: a business error's `Display`, a system error's declared
    /// `public` text or [`GENERIC_SYSTEM_MESSAGE`].
    fn public_message(&self) -> PublicMessage<'_>;

    /// A link to the runbook an operator follows when this error is logged, where declared.
    fn runbook(&self) -> Option<&'static str> {
        None
    }

    /// Whether the error's `Display` text may hold personal or secret data, so that logs must not
    /// carry it verbatim (declared with `#[onus(sensitive)]`).
    fn sensitive(&self) -> bool {
        false
    }

    /// `true` for the caller's errors (4xx).
    fn is_business(&self) -> bool {
        self.class() == Class::Business
    }

    /// `true` for our errors (5xx).
    fn is_system(&self) -> bool {
        self.class() == Class::System
    }
}

/// The statuses whose requests may succeed when tried again: 408, 429, 502, 503 and 504.
#[must_use]
pub fn status_is_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// The text a client may see for an error, without allocating: the error's own `Display` for a
/// business error, a fixed text for a system error.
#[derive(Clone, Copy)]
pub struct PublicMessage<'a>(PublicText<'a>);

#[derive(Clone, Copy)]
enum PublicText<'a> {
    Display(&'a dyn fmt::Display),
    Fixed(&'static str),
}

impl<'a> PublicMessage<'a> {
    /// The error's own `Display` text: only for errors whose text is meant for the caller.
    #[must_use]
    pub fn display(error: &'a dyn fmt::Display) -> Self {
        Self(PublicText::Display(error))
    }

    /// A fixed text.
    #[must_use]
    pub const fn fixed(text: &'static str) -> Self {
        Self(PublicText::Fixed(text))
    }

    /// [`GENERIC_SYSTEM_MESSAGE`].
    #[must_use]
    pub const fn generic() -> Self {
        Self::fixed(GENERIC_SYSTEM_MESSAGE)
    }

    /// The fixed text, if this message is not the error's own `Display`.
    #[must_use]
    pub fn as_fixed(&self) -> Option<&'static str> {
        match self.0 {
            PublicText::Fixed(text) => Some(text),
            PublicText::Display(_) => None,
        }
    }
}

impl fmt::Display for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PublicText::Display(error) => error.fmt(f),
            PublicText::Fixed(text) => f.write_str(text),
        }
    }
}

impl fmt::Debug for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}
