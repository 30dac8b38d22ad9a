//! The [`Classified`] trait: what every onus error declares.

use std::fmt;
use std::time::Duration;

use crate::{Class, Severity, StatusCode};

/// The message a client may see for `public_message()` of a system error that declares none.
pub const GENERIC_SYSTEM_MESSAGE: &str = "an internal error occurred";

/// An error that declares whose onus it is, how it answers over HTTP and how loudly it is logged.
///
/// Implement it with `#[derive(onus::Classify)]`; the derive answers every method from one
/// `match` on the variant and a static table of declarations, without allocating.
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
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `onus::Classified`",
    label = "not a classified error",
    note = "derive it with `#[derive(onus::Classify)]` and its `#[onus(...)]` declarations, or implement `onus::Classified`"
)]
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

    /// Not public API: every answer at once, so that a derived type wrapping this one
    /// (`#[onus(transparent)]`) delegates with one call. A derived type answers from its table; a
    /// hand-written impl keeps this default, which asks the methods above.
    #[doc(hidden)]
    #[inline]
    fn __onus_answers(&self) -> Answers<'_> {
        Answers::of(self)
    }
}

/// Not public API: what `#[derive(Classify)]` implements; [`Classified`] follows from it by the
/// blanket impl below, whose methods each read one field of the answers.
///
/// Why not implement `Classified` directly: the compiler's cost of a derive is mostly the
/// function bodies it checks, per type. This way a type costs one method (one `match` from
/// variant to declaration), and the trait's ten methods are checked once, here.
#[doc(hidden)]
pub trait Declared: std::error::Error {
    /// Every answer of this value: a row of the type's static table, or the wrapped error's.
    fn answers(&self) -> Answers<'_>;
}

// `do_not_recommend`: a type that is not `Classified` is reported as such, not as missing the
// hidden `Declared`.
#[diagnostic::do_not_recommend]
impl<E: Declared + ?Sized> Classified for E {
    #[inline]
    fn class(&self) -> Class {
        self.answers().class
    }

    #[inline]
    fn status(&self) -> StatusCode {
        self.answers().status
    }

    #[inline]
    fn severity(&self) -> Severity {
        self.answers().severity
    }

    #[inline]
    fn code(&self) -> &'static str {
        self.answers().code
    }

    #[inline]
    fn retryable(&self) -> bool {
        self.answers().retryable
    }

    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        self.answers().retry_after
    }

    #[inline]
    fn public_message(&self) -> PublicMessage<'_> {
        self.answers().public_message
    }

    #[inline]
    fn runbook(&self) -> Option<&'static str> {
        self.answers().runbook
    }

    #[inline]
    fn sensitive(&self) -> bool {
        self.answers().sensitive
    }

    #[inline]
    fn __onus_answers(&self) -> Answers<'_> {
        self.answers()
    }
}

/// Not public API: the answers of every method of [`Classified`] for one error value.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Answers<'a> {
    /// [`Classified::class`].
    pub class: Class,
    /// [`Classified::status`].
    pub status: StatusCode,
    /// [`Classified::severity`].
    pub severity: Severity,
    /// [`Classified::code`].
    pub code: &'static str,
    /// [`Classified::retryable`].
    pub retryable: bool,
    /// [`Classified::retry_after`].
    pub retry_after: Option<Duration>,
    /// [`Classified::public_message`].
    pub public_message: PublicMessage<'a>,
    /// [`Classified::runbook`].
    pub runbook: Option<&'static str>,
    /// [`Classified::sensitive`].
    pub sensitive: bool,
}

impl<'a> Answers<'a> {
    /// The answers of an error's own methods (a hand-written impl's).
    #[inline]
    pub fn of<E: Classified + ?Sized>(error: &'a E) -> Self {
        Self {
            class: error.class(),
            status: error.status(),
            severity: error.severity(),
            code: error.code(),
            retryable: error.retryable(),
            retry_after: error.retry_after(),
            public_message: error.public_message(),
            runbook: error.runbook(),
            sensitive: error.sensitive(),
        }
    }
}

// The bits of a declaration row; see `answers`.
const STATUS_BITS: u64 = 0x3ff;
const SYSTEM: u64 = 1 << 10;
const SEVERITY_SHIFT: u64 = 11;
const RETRYABLE: u64 = 1 << 14;
const SENSITIVE: u64 = 1 << 15;
const GENERIC: u64 = 1 << 16;

/// Not public API: the answers of `error`, a value of the variant that `row` declares.
///
/// `row` is the declaration as the derive writes it, one string literal per variant (the enum's
/// defaults applied): a header of fixed-width lowercase hex numbers, then the texts.
///
/// - 5 digits, bits: 0..=9 the status (400..=599), 10 the class is system, 11..=13 the severity
///   (trace = 0 to fatal = 5), 14 retryable, 15 sensitive, 16 the public message is
///   [`GENERIC_SYSTEM_MESSAGE`];
/// - 16 digits, `retry_after` in whole seconds, 0 for none;
/// - 8 digits, the length in bytes of the code; 8 digits, that of the public text (0 for none);
/// - then the code, the public text and the runbook (the rest; empty for none; a declared text
///   is never empty).
///
/// Why a string: the derive's cost is mostly what the compiler checks per type, and one literal
/// per variant, picked by a `match`, is the cheapest declaration to check: measured with
/// `benches/derive-compile`, a static table of tuples cost the compiler a tenth more time. The
/// fixed-width header keeps decoding to a few byte operations.
///
/// The derive writes every row, so none of the fallbacks below is ever taken; they keep this
/// path free of panics.
#[doc(hidden)]
#[inline]
#[must_use]
pub fn answers<'a>(row: &'static str, error: &'a dyn fmt::Display) -> Answers<'a> {
    let bits = hex(row, 0..5);
    let retry_after = hex(row, 5..21);
    let code_len = usize::try_from(hex(row, 21..29)).unwrap_or(usize::MAX);
    let public_len = usize::try_from(hex(row, 29..37)).unwrap_or(usize::MAX);
    let texts = row.get(HEADER..).unwrap_or_default();
    let (code, texts) = texts.split_at_checked(code_len).unwrap_or((texts, ""));
    let (public, runbook) = texts.split_at_checked(public_len).unwrap_or((texts, ""));
    let status = u16::try_from(bits & STATUS_BITS)
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let severity = match (bits >> SEVERITY_SHIFT) & 0b111 {
        0 => Severity::Trace,
        1 => Severity::Debug,
        2 => Severity::Info,
        3 => Severity::Warn,
        4 => Severity::Error,
        _ => Severity::Fatal,
    };
    Answers {
        class: if bits & SYSTEM == 0 {
            Class::Business
        } else {
            Class::System
        },
        status,
        severity,
        code,
        retryable: bits & RETRYABLE != 0,
        retry_after: (retry_after != 0).then(|| Duration::from_secs(retry_after)),
        public_message: if !public.is_empty() {
            PublicMessage::fixed(public)
        } else if bits & GENERIC != 0 {
            PublicMessage::generic()
        } else {
            PublicMessage::display(error)
        },
        runbook: (!runbook.is_empty()).then_some(runbook),
        sensitive: bits & SENSITIVE != 0,
    }
}

/// The length of a row's header of hex numbers.
const HEADER: usize = 37;

/// The value of the lowercase hex digits at `range` of `row` (the derive writes nothing else).
#[inline]
fn hex(row: &str, range: std::ops::Range<usize>) -> u64 {
    row.as_bytes().get(range).map_or(0, |digits| {
        digits.iter().fold(0, |value, &digit| {
            let nibble = match digit {
                b'a'..=b'f' => digit - b'a' + 10,
                _ => digit.wrapping_sub(b'0') & 0xf,
            };
            (value << 4) | u64::from(nibble)
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    struct Shown;

    impl fmt::Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("shown text")
        }
    }

    #[test]
    fn a_row_decodes_every_answer() {
        let bits = 503 | SYSTEM | (5 << SEVERITY_SHIFT) | RETRYABLE | SENSITIVE | GENERIC;
        let row: &'static str = concat!(
            "1edf7",
            "000000000000001e",
            "0000000a",
            "00000000",
            "store.down",
            "https://runbooks.example/store"
        );
        assert_eq!(format!("{bits:05x}"), "1edf7");
        let answers = answers(row, &Shown);
        assert_eq!(answers.class, Class::System);
        assert_eq!(answers.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answers.severity, Severity::Fatal);
        assert_eq!(answers.code, "store.down");
        assert!(answers.retryable);
        assert_eq!(answers.retry_after, Some(Duration::from_secs(30)));
        assert_eq!(
            answers.public_message.as_fixed(),
            Some(GENERIC_SYSTEM_MESSAGE)
        );
        assert_eq!(answers.runbook, Some("https://runbooks.example/store"));
        assert!(answers.sensitive);
    }

    #[test]
    fn empty_fields_and_clear_bits_are_the_defaults() {
        // 409, business, info
        let answers = answers(
            concat!(
                "01199",
                "0000000000000000",
                "0000000c",
                "00000000",
                "signup.taken"
            ),
            &Shown,
        );
        assert_eq!(answers.class, Class::Business);
        assert_eq!(answers.status, StatusCode::CONFLICT);
        assert_eq!(answers.severity, Severity::Info);
        assert_eq!(answers.code, "signup.taken");
        assert!(!answers.retryable);
        assert_eq!(answers.retry_after, None);
        assert_eq!(answers.public_message.to_string(), "shown text");
        assert_eq!(answers.runbook, None);
        assert!(!answers.sensitive);
    }

    #[test]
    fn texts_may_hold_spaces_and_any_characters() {
        // 500, system, error; a public text of 27 bytes, then a runbook
        let public = "réessayez plus tard, merci";
        let row: &'static str = concat!(
            "025f4",
            "0000000000000000",
            "00000001",
            "0000001b",
            "x",
            "réessayez plus tard, merci",
            "urn:runbook 7"
        );
        assert_eq!(public.len(), 27);
        let answers = answers(row, &Shown);
        assert_eq!(answers.public_message.as_fixed(), Some(public));
        assert_eq!(answers.runbook, Some("urn:runbook 7"));
        assert_eq!(answers.severity, Severity::Error);
    }
}
