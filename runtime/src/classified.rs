//! The [`Classified`] trait: what every onus error declares.

use std::fmt;
use std::time::Duration;

use crate::{Class, Severity, StatusCode};

/// The message a client may see for `public_message()` of a system error that declares none.
pub const GENERIC_SYSTEM_MESSAGE: &str = "an internal error occurred";

/// An error that declares whose onus it is, how it answers over HTTP and how loudly it is logged.
///
/// Implement it with `#[derive(onus::Classify)]`; the derive answers every method from one
/// `match` from the variant to its declaration, without allocating.
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
    /// (`#[onus(transparent)]`) delegates with one call. A derived type answers from its declarations; a
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
    /// Every answer of this value: its variant's [`Declaration`], or the wrapped error's.
    fn answers(&self) -> Answers<'_>;

    /// Writes the public message of what a `via` variant's function returns for this value's
    /// field. The derive implements it only for a type with a `via` variant, and only
    /// [`Via::answers`] asks for it, for such a variant.
    fn fmt_via_public_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        Ok(())
    }
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

/// Not public API: what a `#[onus(via = path::to_fn)]` function must return. A trait of its own
/// so that a function returning something else is reported as a mistake in the `via`, at its
/// path.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}`, which the `via` function returns, is not `onus::Classified`",
    label = "this function's value does not say how the variant answers",
    note = "`#[onus(via = f)]` answers with the class, status, code and public message of `f(&field)`: return a classified type, e.g. `#[derive(onus::Classify)] enum DbFailure {{ NotFound, Unavailable }}` with an `#[onus(...)]` on each variant"
)]
pub trait ViaAnswer: Classified {}

#[diagnostic::do_not_recommend]
impl<T: Classified> ViaAnswer for T {}

/// Not public API: a `via` variant's answers, `Via::new(self, path::to_fn).answers(field)`: the
/// error, and the function that classifies its field.
///
/// The bound on what the function returns is checked once, by [`Via::new`] (the methods have
/// none), so a function returning something else is one error at the `via` path.
#[doc(hidden)]
#[derive(Debug)]
pub struct Via<'a, F: ?Sized, T> {
    error: &'a dyn Declared,
    function: fn(&F) -> T,
    answers_of: for<'t> fn(&'t T) -> Answers<'t>,
}

impl<'a, F: ?Sized, T> Via<'a, F, T> {
    /// The `via` function of `error`'s variant.
    #[inline]
    pub fn new(error: &'a dyn Declared, function: fn(&F) -> T) -> Self
    where
        T: ViaAnswer,
    {
        Self {
            error,
            function,
            answers_of: T::__onus_answers,
        }
    }

    /// The answers of what the function returns for `field`, except that the public message
    /// is written again from the field when it is shown: the returned value is gone by then.
    #[inline]
    pub fn answers(self, field: &'a F) -> Answers<'a> {
        let value = (self.function)(field);
        let answers = (self.answers_of)(&value);
        Answers {
            class: answers.class,
            status: answers.status,
            severity: answers.severity,
            code: answers.code,
            retryable: answers.retryable,
            retry_after: answers.retry_after,
            public_message: match answers.public_message.as_fixed() {
                Some(text) => PublicMessage::fixed(text),
                None => PublicMessage(PublicText::Via(self.error)),
            },
            runbook: answers.runbook,
            sensitive: answers.sensitive,
        }
    }

    /// Writes the public message of what the function returns for `field`: the body of a
    /// derived [`Declared::fmt_via_public_message`].
    pub fn fmt_public_message(self, field: &F, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = (self.function)(field);
        fmt::Display::fmt(&(self.answers_of)(&value).public_message, f)
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

/// Not public API: one variant's declaration as `#[derive(Classify)]` writes it, the type's
/// defaults applied: `(kind, status, code, extras)`.
///
/// The derive's `match` yields one per variant, a tuple of constants (paths to constants and a
/// literal), so answering a method is a few field copies. Four parts rather than one per
/// answer, in a tuple rather than a struct: every expression the derive writes costs compile
/// time in every variant of every derived type, so the answers that go together share one
/// (class and severity in [`Kind`]), the ones most variants leave at their defaults share
/// [`Extras::NONE`], and a tuple costs the type checker less than a struct literal with named
/// fields (about 7% of what the derive adds to a build, measured by `benches/derive-compile`).
///
/// - [`Kind`]: [`Classified::class`] and [`Classified::severity`];
/// - `StatusCode`: [`Classified::status`];
/// - `&'static str`: [`Classified::code`];
/// - [`Extras`]: the rest.
#[doc(hidden)]
pub type Declaration = (Kind, StatusCode, &'static str, Extras);

/// Not public API: a declaration's [`Class`] and [`Severity`] as one value.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kind {
    BusinessTrace,
    BusinessDebug,
    BusinessInfo,
    BusinessWarn,
    BusinessError,
    BusinessFatal,
    SystemTrace,
    SystemDebug,
    SystemInfo,
    SystemWarn,
    SystemError,
    SystemFatal,
}

impl Kind {
    /// The class.
    #[must_use]
    pub const fn class(self) -> Class {
        match self {
            Kind::BusinessTrace
            | Kind::BusinessDebug
            | Kind::BusinessInfo
            | Kind::BusinessWarn
            | Kind::BusinessError
            | Kind::BusinessFatal => Class::Business,
            Kind::SystemTrace
            | Kind::SystemDebug
            | Kind::SystemInfo
            | Kind::SystemWarn
            | Kind::SystemError
            | Kind::SystemFatal => Class::System,
        }
    }

    /// The severity.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Kind::BusinessTrace | Kind::SystemTrace => Severity::Trace,
            Kind::BusinessDebug | Kind::SystemDebug => Severity::Debug,
            Kind::BusinessInfo | Kind::SystemInfo => Severity::Info,
            Kind::BusinessWarn | Kind::SystemWarn => Severity::Warn,
            Kind::BusinessError | Kind::SystemError => Severity::Error,
            Kind::BusinessFatal | Kind::SystemFatal => Severity::Fatal,
        }
    }
}

/// Not public API: the answers of a [`Declaration`] that most variants leave at their
/// defaults, [`Extras::NONE`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extras {
    /// [`Classified::retryable`] (the derive resolves the status's default).
    pub retryable: bool,
    /// [`Classified::retry_after`], in whole seconds (a `Duration`'s constructors are calls).
    pub retry_after: Option<u64>,
    /// The declared `public = "..."` text of [`Classified::public_message`]; without one, a
    /// business error shows its own `Display` (its text is meant for the caller) and a system
    /// error [`GENERIC_SYSTEM_MESSAGE`] (its text stays internal).
    pub public: Option<&'static str>,
    /// [`Classified::runbook`].
    pub runbook: Option<&'static str>,
    /// [`Classified::sensitive`].
    pub sensitive: bool,
}

impl Extras {
    /// Not retryable, no `Retry-After`, the class's public message, no runbook, not sensitive.
    pub const NONE: Self = Self {
        retryable: false,
        retry_after: None,
        public: None,
        runbook: None,
        sensitive: false,
    };
}

impl<'a> Answers<'a> {
    /// The answers of `error`, a value of the variant that `declaration` declares.
    #[inline]
    #[must_use]
    pub fn declared(declaration: Declaration, error: &'a dyn fmt::Display) -> Self {
        let (kind, status, code, extras) = declaration;
        let class = kind.class();
        Self {
            class,
            status,
            severity: kind.severity(),
            code,
            retryable: extras.retryable,
            retry_after: extras.retry_after.map(Duration::from_secs),
            public_message: match (extras.public, class) {
                (Some(text), _) => PublicMessage::fixed(text),
                (None, Class::Business) => PublicMessage::display(error),
                (None, Class::System) => PublicMessage::generic(),
            },
            runbook: extras.runbook,
            sensitive: extras.sensitive,
        }
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
    /// A fixed prefix and a part's `Display`, for a text someone else composes on the fly
    /// (axum's path rejection says `Invalid URL: ` and its error kind).
    #[cfg(feature = "axum")]
    Prefixed(&'static str, &'a dyn fmt::Display),
    /// The public message of what a `via` variant's function returns for the error's field,
    /// written by the error (the returned value does not outlive the answers).
    Via(&'a dyn Declared),
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

    /// `prefix` followed by `part`'s `Display` text, without allocating.
    #[cfg(feature = "axum")]
    pub(crate) fn prefixed(prefix: &'static str, part: &'a dyn fmt::Display) -> Self {
        Self(PublicText::Prefixed(prefix, part))
    }

    /// The fixed text, if this message is not the error's own `Display`.
    #[must_use]
    pub fn as_fixed(&self) -> Option<&'static str> {
        match self.0 {
            PublicText::Fixed(text) => Some(text),
            PublicText::Display(_) => None,
            #[cfg(feature = "axum")]
            PublicText::Prefixed(..) => None,
            PublicText::Via(_) => None,
        }
    }
}

impl fmt::Display for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PublicText::Display(error) => error.fmt(f),
            PublicText::Fixed(text) => f.write_str(text),
            #[cfg(feature = "axum")]
            PublicText::Prefixed(prefix, part) => {
                f.write_str(prefix)?;
                part.fmt(f)
            }
            PublicText::Via(error) => error.fmt_via_public_message(f),
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

    const STORE_DOWN_EXTRAS: Extras = Extras {
        retryable: true,
        retry_after: Some(30),
        public: None,
        runbook: Some("https://runbooks.example/store"),
        sensitive: true,
    };

    const STORE_DOWN: Declaration = (
        Kind::SystemFatal,
        StatusCode::SERVICE_UNAVAILABLE,
        "store.down",
        STORE_DOWN_EXTRAS,
    );

    #[test]
    fn a_declaration_answers_every_method() {
        let answers = Answers::declared(STORE_DOWN, &Shown);
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
    fn extras_none_answers_the_defaults() {
        let taken = (
            Kind::BusinessInfo,
            StatusCode::CONFLICT,
            "signup.taken",
            Extras::NONE,
        );
        let answers = Answers::declared(taken, &Shown);
        assert_eq!(answers.class, Class::Business);
        assert_eq!(answers.severity, Severity::Info);
        assert!(!answers.retryable);
        assert_eq!(answers.retry_after, None);
        assert_eq!(answers.runbook, None);
        assert!(!answers.sensitive);
    }

    #[test]
    fn the_public_message_is_the_class_default_or_a_fixed_text() {
        let business = (
            Kind::BusinessWarn,
            StatusCode::CONFLICT,
            "signup.taken",
            STORE_DOWN_EXTRAS,
        );
        let answers = Answers::declared(business, &Shown);
        assert_eq!(answers.public_message.to_string(), "shown text");
        assert_eq!(answers.public_message.as_fixed(), None);

        let fixed = (
            Kind::BusinessWarn,
            StatusCode::CONFLICT,
            "signup.taken",
            Extras {
                public: Some("réessayez plus tard"),
                ..STORE_DOWN_EXTRAS
            },
        );
        let answers = Answers::declared(fixed, &Shown);
        assert_eq!(
            answers.public_message.as_fixed(),
            Some("réessayez plus tard")
        );
    }

    #[test]
    fn a_kind_is_a_class_and_a_severity() {
        assert_eq!(Kind::BusinessInfo.class(), Class::Business);
        assert_eq!(Kind::BusinessInfo.severity(), Severity::Info);
        assert_eq!(Kind::SystemFatal.class(), Class::System);
        assert_eq!(Kind::SystemFatal.severity(), Severity::Fatal);
        assert_eq!(Kind::BusinessError.severity(), Severity::Error);
        assert_eq!(Kind::SystemTrace.severity(), Severity::Trace);
    }
}
