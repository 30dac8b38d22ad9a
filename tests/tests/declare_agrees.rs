//! The runtime keeps its own `Class`, `Severity`, `GENERIC_SYSTEM_MESSAGE` and
//! `status_is_retryable` (a service's build must not pull syn through it), and its `Problem`
//! titles bodies with http's reason phrases; `onus-declare` holds the same facts for the derive
//! and the catalog. This test ties the two: same variants, names and order, same generic message,
//! same retryable statuses, same reason phrase for every error status.

use onus::{Classified, Problem, PublicMessage, StatusCode};

/// The declaration model's class for each runtime class; exhaustive, so a class added to one
/// side only fails to compile here.
fn declared_class(class: onus::Class) -> onus_declare::Class {
    match class {
        onus::Class::Business => onus_declare::Class::Business,
        onus::Class::System => onus_declare::Class::System,
    }
}

fn declared_severity(severity: onus::Severity) -> onus_declare::Severity {
    match severity {
        onus::Severity::Trace => onus_declare::Severity::Trace,
        onus::Severity::Debug => onus_declare::Severity::Debug,
        onus::Severity::Info => onus_declare::Severity::Info,
        onus::Severity::Warn => onus_declare::Severity::Warn,
        onus::Severity::Error => onus_declare::Severity::Error,
        onus::Severity::Fatal => onus_declare::Severity::Fatal,
    }
}

/// A runtime enum and the declaration model's agree: `declared` (an exhaustive `match`) maps the
/// runtime's variants, listed in order, onto all of the model's in the same order, and each pair
/// has one name: as text, as the runtime's JSON (`json`), and parsed back by the model.
fn assert_same<R, D>(
    runtime: &[R],
    model: &[D],
    declared: fn(R) -> D,
    json: fn(R) -> Option<serde_json::Value>,
    parse: fn(&str) -> Option<D>,
) where
    R: Copy + Ord + std::fmt::Display,
    D: Copy + Ord + std::fmt::Display + std::fmt::Debug,
{
    let mapped: Vec<D> = runtime.iter().copied().map(declared).collect();
    assert_eq!(mapped, model, "same variants, same order");
    for (&a, &b) in runtime.iter().zip(&mapped) {
        let name = b.to_string();
        assert_eq!(a.to_string(), name);
        assert_eq!(
            json(a),
            Some(serde_json::Value::from(name.as_str())),
            "the runtime's JSON name is the declared one"
        );
        assert_eq!(parse(&name), Some(b));
        for &c in runtime {
            assert_eq!(a.cmp(&c), b.cmp(&declared(c)), "{a} vs {c}");
        }
    }
}

#[test]
fn classes_are_the_same_in_the_same_order_with_the_same_names() {
    assert_same(
        &[onus::Class::Business, onus::Class::System],
        &onus_declare::Class::ALL,
        declared_class,
        |class| serde_json::to_value(class).ok(),
        onus_declare::Class::from_name,
    );
}

#[test]
fn severities_are_the_same_in_the_same_order_with_the_same_names() {
    assert_same(
        &[
            onus::Severity::Trace,
            onus::Severity::Debug,
            onus::Severity::Info,
            onus::Severity::Warn,
            onus::Severity::Error,
            onus::Severity::Fatal,
        ],
        &onus_declare::Severity::ALL,
        declared_severity,
        |severity| serde_json::to_value(severity).ok(),
        onus_declare::Severity::from_name,
    );
}

#[test]
fn the_generic_system_message_is_the_same() {
    assert_eq!(
        onus::GENERIC_SYSTEM_MESSAGE,
        onus_declare::GENERIC_SYSTEM_MESSAGE
    );
}

/// Every status code `http` accepts.
fn every_status() -> impl Iterator<Item = StatusCode> {
    (100..=999).filter_map(|code| StatusCode::from_u16(code).ok())
}

#[test]
fn the_same_statuses_are_retryable_by_default() {
    for status in every_status() {
        assert_eq!(
            onus::status_is_retryable(status),
            onus_declare::status::is_retryable(status.as_u16()),
            "{status}"
        );
    }
}

/// A hand-written `Classified` that answers with any status, to see how `Problem` titles it.
#[derive(Debug)]
struct AtStatus(StatusCode);

impl std::fmt::Display for AtStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "failed with {}", self.0)
    }
}

impl std::error::Error for AtStatus {}

impl Classified for AtStatus {
    fn class(&self) -> onus::Class {
        onus::Class::from_status(self.0).unwrap_or(onus::Class::System)
    }

    fn status(&self) -> StatusCode {
        self.0
    }

    fn severity(&self) -> onus::Severity {
        onus::Severity::Warn
    }

    fn code(&self) -> &'static str {
        "at_status"
    }

    fn public_message(&self) -> PublicMessage<'_> {
        PublicMessage::generic()
    }
}

#[test]
fn problem_titles_are_the_declared_reason_phrases_for_every_error_status() {
    let mut checked = 0;
    for status in every_status().filter(|s| s.is_client_error() || s.is_server_error()) {
        let problem = Problem::from_error(&AtStatus(status));
        assert_eq!(
            problem.title,
            onus_declare::status::reason_phrase(status.as_u16()),
            "{status}"
        );
        checked += 1;
    }
    assert_eq!(checked, 200);
    assert_eq!(
        Problem::from_error(&AtStatus(StatusCode::URI_TOO_LONG)).title,
        "URI Too Long"
    );
}
