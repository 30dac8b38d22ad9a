//! [`report`]: one structured log event per error occurrence, at the declared severity.

use std::error::Error;
use std::fmt;

use crate::{Classified, ErrorId, Severity};

/// What the log carries instead of a [`sensitive`](Classified::sensitive) error's text.
pub const REDACTED: &str = "[redacted: sensitive]";

/// Logs `error` once, at its declared severity, and returns the [`ErrorId`] of that event.
///
/// Exactly one `tracing` event is emitted, with target `onus::report` and:
///
/// | field          | value                                                                   |
/// |----------------|-------------------------------------------------------------------------|
/// | message        | the error's `Display` text, or [`REDACTED`] when it is sensitive       |
/// | `class`        | `"business"` or `"system"`                                              |
/// | `code`         | [`Classified::code`]                                                    |
/// | `status`       | the HTTP status as a number                                             |
/// | `severity`     | the declared [`Severity`], e.g. `"fatal"`                               |
/// | `fatal`        | `true` for [`Severity::Fatal`], which `tracing` logs at `ERROR`         |
/// | `error_id`     | the returned id, the one a client sees in [`Problem`](crate::Problem)  |
/// | `retryable`    | [`Classified::retryable`]                                               |
/// | `runbook`      | [`Classified::runbook`], only when declared                             |
/// | `source_chain` | the `source()`s below the error, `": "`-separated, each cause once (below) |
/// | `sensitive`    | `true`, only when the error is sensitive                                |
/// | `error.type`   | [`Classified::code`] again, under OpenTelemetry's name for it           |
/// | `http.response.status_code` | the status again, under OpenTelemetry's name              |
///
/// `error.type` and `http.response.status_code` are the names of OpenTelemetry's semantic
/// conventions: with `tracing-opentelemetry`, the event becomes an OTel event whose attributes
/// a backend already understands (`error.type` is meant to be a stable, low-cardinality value,
/// which a code is and a message is not). See `docs/observability.md`.
///
/// With the `metrics` feature, each report also increments the counter
/// `onus_errors_total{code, class, status}` through the [`metrics`](https://docs.rs/metrics)
/// facade, so the alert table of the incident manual is a query: system 500s page someone,
/// 502–504 are watched.
///
/// `source_chain` is absent when the error has no source, or when every source's text is already
/// said. A source is left out of it when the error above it already ends with its text, as
/// thiserror's `#[error("cannot read config: {0}")]` does: the event says `EOF while parsing` once,
/// in the message, rather than again in `source_chain`. Its own sources are still walked, each
/// compared with the one directly above it.
///
/// Call it once per occurrence, where the error stops travelling (the framework integrations
/// do it for you when they answer a request); logging at every layer an error passes through
/// writes one incident many times.
///
/// ```
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// #[error("payment gateway timed out")]
/// #[onus(class = system, status = 504, severity = warn)]
/// struct GatewayTimeout;
///
/// let id = onus::report(&GatewayTimeout);
/// let problem = onus::Problem::from_reported(&GatewayTimeout, id);
/// assert_eq!(problem.error_id, Some(id));
/// ```
///
/// # Keeping secrets out of logs and responses
///
/// A response never carries a system error's text: [`Problem`](crate::Problem) uses
/// [`Classified::public_message`], which is a fixed text for system errors. A business error's
/// `Display` text *is* shown to the caller, so write it for the caller: name what to fix, not the
/// internal state behind it.
///
/// Logs do carry the text, because operators need it. Keep secrets out of it where it is made,
/// in the `Display` implementation: print an id, a length or a field name rather than a
/// password, a token or a full request (`#[error("invalid token for user {user_id}")]`, not
/// `#[error("invalid token {token}")]`), and print a secret-bearing field through a wrapper whose
/// `Display` masks it. Keep the raw data somewhere access-controlled and log a pointer to it.
///
/// When a variant's text unavoidably holds personal data (an email address the user typed, a
/// name), declare it `#[onus(sensitive)]`. [`report`] then logs [`REDACTED`] instead of its
/// `Display` text and of its source chain (a wrapper's text usually repeats its source's), and
/// sets `sensitive = true`; class, code, status and id still identify the event.
pub fn report<E: Classified + ?Sized>(error: &E) -> ErrorId {
    let id = ErrorId::new();
    emit(error, id);
    id
}

fn emit<E: Classified + ?Sized>(error: &E, id: ErrorId) {
    let sensitive = error.sensitive();
    let severity = error.severity();
    let message = Message { error, sensitive };
    let source_chain = if sensitive {
        error.source().map(|_| REDACTED.to_owned())
    } else {
        source_chain(error)
    };

    // `tracing` fixes an event's level in its static callsite, so each level needs its own
    // `event!`; the field list is written once here and repeated by the macro.
    macro_rules! event_at_severity {
        ($($fields:tt)*) => {
            match severity {
                Severity::Trace => tracing::event!(tracing::Level::TRACE, $($fields)*),
                Severity::Debug => tracing::event!(tracing::Level::DEBUG, $($fields)*),
                Severity::Info => tracing::event!(tracing::Level::INFO, $($fields)*),
                Severity::Warn => tracing::event!(tracing::Level::WARN, $($fields)*),
                Severity::Error | Severity::Fatal => {
                    tracing::event!(tracing::Level::ERROR, $($fields)*)
                }
            }
        };
    }

    event_at_severity!(
        class = error.class().as_str(),
        code = error.code(),
        status = error.status().as_u16(),
        severity = severity.as_str(),
        fatal = severity == Severity::Fatal,
        error_id = %id,
        retryable = error.retryable(),
        runbook = error.runbook(),
        source_chain = source_chain.as_deref(),
        sensitive = sensitive.then_some(true),
        error.type = error.code(),
        http.response.status_code = error.status().as_u16(),
        "{message}"
    );
    #[cfg(feature = "metrics")]
    count(error);
}

/// `onus_errors_total{code, class, status}`, one per report.
#[cfg(feature = "metrics")]
fn count<E: Classified + ?Sized>(error: &E) {
    metrics::counter!(
        ERRORS_TOTAL,
        "code" => error.code(),
        "class" => error.class().as_str(),
        "status" => error.status().as_u16().to_string(),
    )
    .increment(1);
}

/// The counter [`report`] increments with the `metrics` feature.
#[cfg(feature = "metrics")]
pub const ERRORS_TOTAL: &str = "onus_errors_total";

/// The error's `Display` text, or [`REDACTED`].
struct Message<'a, E: ?Sized> {
    error: &'a E,
    sensitive: bool,
}

impl<E: fmt::Display + ?Sized> fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sensitive {
            f.write_str(REDACTED)
        } else {
            self.error.fmt(f)
        }
    }
}

/// The sources below `error`, `": "`-separated, leaving out each source whose text the error
/// directly above it already ends with; `None` when nothing is left.
///
/// This allocates the text of each error in the chain: it runs once per reported error, on the
/// error path, and the comparison needs both texts.
fn source_chain<E: Error + ?Sized>(error: &E) -> Option<String> {
    let mut chain = String::new();
    let mut above = error.to_string();
    let mut next = error.source();
    while let Some(source) = next {
        let text = source.to_string();
        if !above.ends_with(&text) {
            if !chain.is_empty() {
                chain.push_str(": ");
            }
            chain.push_str(&text);
        }
        above = text;
        next = source.source();
    }
    (!chain.is_empty()).then_some(chain)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use tracing::Level;

    use super::*;
    use crate::test_support::capture;
    use crate::{Class, PublicMessage, StatusCode};

    const SECRET: &str = "SECRET-91c2";

    #[derive(Debug)]
    struct Leaf;
    impl fmt::Display for Leaf {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "connection refused ({SECRET})")
        }
    }
    impl Error for Leaf {}

    #[derive(Debug)]
    struct Middle(Leaf);
    impl fmt::Display for Middle {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("pool exhausted")
        }
    }
    impl Error for Middle {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    /// A hand-written `Classified` whose every declaration is a field, to test each severity.
    #[derive(Debug)]
    struct Fixture {
        class: Class,
        status: u16,
        severity: Severity,
        sensitive: bool,
        runbook: Option<&'static str>,
        source: Option<Middle>,
    }

    impl Fixture {
        fn system(severity: Severity) -> Self {
            Self {
                class: Class::System,
                status: 503,
                severity,
                sensitive: false,
                runbook: None,
                source: Some(Middle(Leaf)),
            }
        }
    }

    impl fmt::Display for Fixture {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "store unavailable for alice@example.com ({SECRET})")
        }
    }

    impl Error for Fixture {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            self.source.as_ref().map(|s| s as &(dyn Error + 'static))
        }
    }

    impl Classified for Fixture {
        fn class(&self) -> Class {
            self.class
        }
        fn status(&self) -> StatusCode {
            StatusCode::from_u16(self.status).unwrap()
        }
        fn severity(&self) -> Severity {
            self.severity
        }
        fn code(&self) -> &'static str {
            "fixture.store"
        }
        fn public_message(&self) -> PublicMessage<'_> {
            PublicMessage::generic()
        }
        fn runbook(&self) -> Option<&'static str> {
            self.runbook
        }
        fn sensitive(&self) -> bool {
            self.sensitive
        }
    }

    #[test]
    fn emits_exactly_one_event_with_every_field() {
        let error = Fixture {
            runbook: Some("https://runbooks.example.com/store"),
            ..Fixture::system(Severity::Error)
        };
        let mut id = None;
        let events = capture(|| id = Some(report(&error)));
        assert_eq!(events.len(), 1, "{events:#?}");
        let event = &events[0];
        assert_eq!(event.level, Level::ERROR);
        assert_eq!(event.target, "onus::report");
        assert_eq!(event.get("class"), Some("system"));
        assert_eq!(event.get("code"), Some("fixture.store"));
        assert_eq!(event.get("status"), Some("503"));
        assert_eq!(event.get("severity"), Some("error"));
        assert_eq!(event.get("fatal"), Some("false"));
        assert_eq!(
            event.get("error_id"),
            Some(id.unwrap().to_string().as_str())
        );
        assert_eq!(event.get("retryable"), Some("true"));
        assert_eq!(
            event.get("runbook"),
            Some("https://runbooks.example.com/store")
        );
        assert_eq!(
            event.get("message"),
            Some(format!("store unavailable for alice@example.com ({SECRET})").as_str())
        );
        assert_eq!(
            event.get("source_chain"),
            Some(format!("pool exhausted: connection refused ({SECRET})").as_str())
        );
        assert_eq!(event.get("sensitive"), None);
        // OpenTelemetry's names for the code and the status, as tracing-opentelemetry exports
        // them (the field names become the attribute keys as they are).
        assert_eq!(event.get("error.type"), Some("fixture.store"));
        assert_eq!(event.get("http.response.status_code"), Some("503"));
    }

    /// `onus_errors_total{code, class, status}` counts every report, read back through the
    /// `metrics` facade's debugging recorder.
    #[cfg(feature = "metrics")]
    #[test]
    fn each_report_counts_once_by_code_class_and_status() {
        use metrics_util::debugging::{DebugValue, DebuggingRecorder};

        let recorder = DebuggingRecorder::new();
        let snapshotter = recorder.snapshotter();
        let business = Fixture {
            class: Class::Business,
            status: 409,
            ..Fixture::system(Severity::Info)
        };
        metrics::with_local_recorder(&recorder, || {
            capture(|| {
                report(&Fixture::system(Severity::Error));
                report(&Fixture::system(Severity::Error));
                report(&business);
            });
        });
        type Labels = Vec<(String, String)>;
        let mut counted: Vec<(String, Labels, u64)> = snapshotter
            .snapshot()
            .into_vec()
            .into_iter()
            .map(|(key, _, _, value)| {
                let DebugValue::Counter(count) = value else {
                    panic!("{key:?} is not a counter");
                };
                let labels = key
                    .key()
                    .labels()
                    .map(|label| (label.key().to_owned(), label.value().to_owned()))
                    .collect();
                (key.key().name().to_owned(), labels, count)
            })
            .collect();
        counted.sort();
        let labels = |class: &str, status: &str| {
            vec![
                ("code".to_owned(), "fixture.store".to_owned()),
                ("class".to_owned(), class.to_owned()),
                ("status".to_owned(), status.to_owned()),
            ]
        };
        assert_eq!(
            counted,
            [
                (ERRORS_TOTAL.to_owned(), labels("business", "409"), 1),
                (ERRORS_TOTAL.to_owned(), labels("system", "503"), 2),
            ]
        );
    }

    /// An error whose `Display` is `"{context}: {source}"`, thiserror's `"...: {0}"` pattern.
    #[derive(Debug)]
    struct Context {
        context: &'static str,
        source: Box<dyn Error + 'static>,
    }
    impl fmt::Display for Context {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}: {}", self.context, self.source)
        }
    }
    impl Error for Context {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(self.source.as_ref())
        }
    }

    /// A system error around `source`, classified like [`Fixture::system`].
    #[derive(Debug)]
    struct Outer(Box<dyn Error + 'static>, &'static str);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)?;
            if self.1.ends_with(": ") {
                write!(f, "{}", self.0)?;
            }
            Ok(())
        }
    }
    impl Error for Outer {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(self.0.as_ref())
        }
    }
    impl Classified for Outer {
        fn class(&self) -> Class {
            Class::System
        }
        fn status(&self) -> StatusCode {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        fn severity(&self) -> Severity {
            Severity::Error
        }
        fn code(&self) -> &'static str {
            "outer"
        }
        fn public_message(&self) -> PublicMessage<'_> {
            PublicMessage::generic()
        }
    }

    fn logged_chain(error: &Outer) -> (Option<String>, Option<String>) {
        let events = capture(|| {
            report(error);
        });
        assert_eq!(events.len(), 1);
        let field = |name| events[0].get(name).map(str::to_owned);
        (field("message"), field("source_chain"))
    }

    #[test]
    fn a_cause_the_message_already_ends_with_is_not_repeated() {
        // thiserror's `#[error("cannot read config: {0}")] Config(#[from] serde_json::Error)`.
        let error = Outer(Box::new(Leaf), "cannot read config: ");
        let (message, chain) = logged_chain(&error);
        assert_eq!(
            message.as_deref(),
            Some(format!("cannot read config: connection refused ({SECRET})").as_str())
        );
        assert_eq!(chain, None);
    }

    #[test]
    fn each_source_is_compared_with_the_one_directly_above_it() {
        // outer ends with middle, middle ends with leaf: both are said once, in the message.
        let middle = Context {
            context: "pool exhausted",
            source: Box::new(Leaf),
        };
        let error = Outer(Box::new(middle), "store down: ");
        let (message, chain) = logged_chain(&error);
        assert_eq!(
            message.as_deref(),
            Some(format!("store down: pool exhausted: connection refused ({SECRET})").as_str())
        );
        assert_eq!(chain, None);

        // outer says nothing of its source, which repeats its own: the source once, no repeat.
        let middle = Context {
            context: "pool exhausted",
            source: Box::new(Leaf),
        };
        let error = Outer(Box::new(middle), "store down");
        let (_, chain) = logged_chain(&error);
        assert_eq!(
            chain.as_deref(),
            Some(format!("pool exhausted: connection refused ({SECRET})").as_str())
        );

        // outer repeats its source, which does not repeat its own: only the leaf is listed.
        let error = Outer(Box::new(Middle(Leaf)), "store down: ");
        let (_, chain) = logged_chain(&error);
        assert_eq!(
            chain.as_deref(),
            Some(format!("connection refused ({SECRET})").as_str())
        );
    }

    #[test]
    fn a_cause_mentioned_elsewhere_in_the_message_is_still_listed() {
        // Only a suffix counts as "already said": a text in the middle may be a coincidence.
        let error = Outer(Box::new(Middle(Leaf)), "pool exhausted, giving up");
        let (_, chain) = logged_chain(&error);
        assert_eq!(
            chain.as_deref(),
            Some(format!("pool exhausted: connection refused ({SECRET})").as_str())
        );
    }

    #[test]
    fn each_severity_maps_to_its_level() {
        let cases = [
            (Severity::Trace, Level::TRACE),
            (Severity::Debug, Level::DEBUG),
            (Severity::Info, Level::INFO),
            (Severity::Warn, Level::WARN),
            (Severity::Error, Level::ERROR),
            (Severity::Fatal, Level::ERROR),
        ];
        for (severity, level) in cases {
            let events = capture(|| {
                report(&Fixture::system(severity));
            });
            assert_eq!(events.len(), 1);
            assert_eq!(events[0].level, level, "{severity}");
            assert_eq!(events[0].get("severity"), Some(severity.as_str()));
            let fatal = if severity == Severity::Fatal {
                "true"
            } else {
                "false"
            };
            assert_eq!(events[0].get("fatal"), Some(fatal), "{severity}");
        }
    }

    #[test]
    fn absent_runbook_and_sources_are_not_fields() {
        let error = Fixture {
            class: Class::Business,
            status: 404,
            severity: Severity::Info,
            sensitive: false,
            runbook: None,
            source: None,
        };
        let events = capture(|| {
            report(&error);
        });
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].get("runbook"), None);
        assert_eq!(events[0].get("source_chain"), None);
        assert_eq!(events[0].get("class"), Some("business"));
        assert_eq!(events[0].get("retryable"), Some("false"));
    }

    #[test]
    fn sensitive_errors_are_redacted_but_still_identified() {
        let error = Fixture {
            sensitive: true,
            ..Fixture::system(Severity::Warn)
        };
        let events = capture(|| {
            report(&error);
        });
        assert_eq!(events.len(), 1);
        let event = &events[0];
        for (name, value) in &event.fields {
            assert!(!value.contains(SECRET), "{name} = {value}");
            assert!(!value.contains("alice@"), "{name} = {value}");
        }
        assert_eq!(event.get("message"), Some(REDACTED));
        assert_eq!(event.get("source_chain"), Some(REDACTED));
        assert_eq!(event.get("sensitive"), Some("true"));
        assert_eq!(event.get("code"), Some("fixture.store"));
    }

    #[test]
    fn works_through_a_trait_object() {
        let error: Box<dyn Classified> = Box::new(Fixture::system(Severity::Warn));
        let events = capture(|| {
            report(error.as_ref());
        });
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].level, Level::WARN);
    }

    #[test]
    fn every_report_has_a_new_id() {
        let error = Fixture::system(Severity::Warn);
        let events = capture(|| {
            assert_ne!(report(&error), report(&error));
        });
        assert_eq!(events.len(), 2);
        assert_ne!(events[0].get("error_id"), events[1].get("error_id"));
    }
}
