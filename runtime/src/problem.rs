//! [`Problem`]: the RFC 9457 problem-details body a classified error answers with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Classified, ErrorId, StatusCode};

/// An RFC 9457 problem-details body (`application/problem+json`).
///
/// Built from a [`Classified`] error, it carries only what a client may see:
///
/// | member     | value                                                                  |
/// |------------|------------------------------------------------------------------------|
/// | `type`     | `"about:blank"` unless set with [`with_type`](Problem::with_type)     |
/// | `title`    | the status's reason phrase, e.g. `"Conflict"`                         |
/// | `status`   | the declared status                                                    |
/// | `detail`   | [`Classified::public_message`]: never a system error's own text       |
/// | `code`     | [`Classified::code`], the stable machine-readable identifier           |
/// | `error_id` | the [`ErrorId`] of the log event, when built by [`from_reported`](Problem::from_reported) |
///
/// `type` defaults to `about:blank` because RFC 9457 §4.2.1 gives it exactly the meaning onus
/// can vouch for: "no semantics beyond the status code", with `title` set to the status's reason
/// phrase. The finer identity of the problem is the `code` extension member, which clients
/// should match on. Services that publish a page per problem can set a dereferenceable URI with
/// [`with_type`](Problem::with_type).
///
/// Absent optional members are not serialized. Extension members the body does not know are kept
/// in [`extensions`](Problem::extensions), so a client can read problems from other services.
///
/// ```
/// use onus::{Classified, Problem, StatusCode};
///
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// enum OrderError {
///     #[error("order {0} was already shipped")]
///     #[onus(class = business, status = 409, severity = info, code = "order.shipped")]
///     Shipped(u64),
///     #[error("ledger at 10.0.0.3 rejected the write")]
///     #[onus(class = system, status = 500, severity = error)]
///     Ledger,
/// }
///
/// let problem = Problem::from_error(&OrderError::Shipped(7));
/// assert_eq!(
///     serde_json::to_value(&problem).unwrap(),
///     serde_json::json!({
///         "type": "about:blank",
///         "title": "Conflict",
///         "status": 409,
///         "detail": "order 7 was already shipped",
///         "code": "order.shipped",
///     })
/// );
///
/// // A system error: log it once, answer with the same id, never with its own text.
/// let error = OrderError::Ledger;
/// let id = onus::report(&error);
/// let problem = Problem::from_reported(&error, id);
/// assert_eq!(problem.detail, "an internal error occurred");
/// assert_eq!(problem.error_id, Some(id));
/// assert_eq!(problem.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
/// ```
///
/// # `error_id`
///
/// Every answered error, business or system, carries the id of the one log event
/// [`report`](crate::report) wrote for it, so a user's report of a 409 is matched to its log line
/// as surely as a 500's. The id says nothing about the error: it is 16 hexadecimal digits from a
/// process-wide random seed and a counter (see [`ErrorId`]). A body built by
/// [`from_error`](Problem::from_error), without a report, has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// A URI identifying the problem type; `"about:blank"` by default.
    #[serde(default = "about_blank")]
    pub r#type: String,
    /// A short summary of the problem type: the status's reason phrase.
    #[serde(default)]
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened, as the client may see it: [`Classified::public_message`].
    #[serde(default)]
    pub detail: String,
    /// The stable machine-readable error code, e.g. `"signup.invalid_email"`.
    #[serde(default)]
    pub code: String,
    /// The id of the log event [`report`](crate::report) wrote for this occurrence, business or
    /// system; absent when the problem was built without a report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_id: Option<ErrorId>,
    /// A URI reference identifying this occurrence (RFC 9457 §3.1.5), where one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Extension members this type does not model, kept when a problem is deserialized.
    #[serde(flatten, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

fn about_blank() -> String {
    Problem::ABOUT_BLANK.to_owned()
}

impl Problem {
    /// The media type of a problem-details body: `application/problem+json`.
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    /// The default `type`: "no semantics beyond the status code" (RFC 9457 §4.2.1).
    pub const ABOUT_BLANK: &'static str = "about:blank";

    /// The problem a client may see for `error`, without an [`error_id`](Problem::error_id).
    ///
    /// This does not log. To answer a system error, [`report`](crate::report) it and build the
    /// body with [`from_reported`](Problem::from_reported), so that the client's id leads to the
    /// log event.
    #[must_use]
    pub fn from_error<E: Classified + ?Sized>(error: &E) -> Self {
        let status = error.status();
        Self {
            r#type: about_blank(),
            title: reason_phrase(status).to_owned(),
            status: status.as_u16(),
            detail: error.public_message().to_string(),
            code: error.code().to_owned(),
            error_id: None,
            instance: None,
            extensions: BTreeMap::new(),
        }
    }

    /// The problem for an `error` already logged under `id` by [`report`](crate::report).
    ///
    /// Every error, business or system, carries `id` as `error_id`, so a user's report, of a 409
    /// as of a 500, can be found in the logs.
    #[must_use]
    pub fn from_reported<E: Classified + ?Sized>(error: &E, id: ErrorId) -> Self {
        let mut problem = Self::from_error(error);
        problem.error_id = Some(id);
        problem
    }

    /// This problem with `type` set to `uri`, e.g. a page that documents the `code`.
    #[must_use]
    pub fn with_type(mut self, uri: impl Into<String>) -> Self {
        self.r#type = uri.into();
        self
    }

    /// This problem with `instance` set to `uri`, e.g. the request path.
    #[must_use]
    pub fn with_instance(mut self, uri: impl Into<String>) -> Self {
        self.instance = Some(uri.into());
        self
    }

    /// The `status` member as a [`StatusCode`]; `500` if it is not a valid status code.
    #[must_use]
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The body as JSON bytes, ready to send with [`CONTENT_TYPE`](Problem::CONTENT_TYPE).
    #[must_use]
    pub fn to_json_bytes(&self) -> Vec<u8> {
        // Invariant: serializing a Problem cannot fail. Every member is a string, a number, an
        // ErrorId (written with `collect_str`) or a `serde_json::Value`, and every map key is a
        // string, so serde_json has no error to return.
        #[allow(clippy::expect_used)]
        serde_json::to_vec(self).expect("a Problem always serializes to JSON")
    }
}

/// The status's reason phrase, or a generic one for codes without a registered phrase (e.g. 499).
pub(crate) fn reason_phrase(status: StatusCode) -> &'static str {
    match status.canonical_reason() {
        Some(reason) => reason,
        None if status.is_client_error() => "Client Error",
        None if status.is_server_error() => "Server Error",
        None => "Error",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use std::error::Error;
    use std::fmt;

    use super::*;
    use crate::{Class, PublicMessage, Severity};

    /// A hand-written `Classified`, as a user without the derive would write it.
    #[derive(Debug)]
    enum Fixture {
        Business,
        System,
        SystemWithPublic,
        Unregistered,
    }

    const SECRET: &str = "SECRET-7f3a";

    #[derive(Debug)]
    struct Inner;

    impl fmt::Display for Inner {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "password={SECRET} rejected by db")
        }
    }

    impl Error for Inner {}

    impl fmt::Display for Fixture {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Self::Business => f.write_str("name must not be empty"),
                Self::System | Self::SystemWithPublic => write!(f, "query failed with {SECRET}"),
                Self::Unregistered => f.write_str("client went away"),
            }
        }
    }

    impl Error for Fixture {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            match self {
                Self::System | Self::SystemWithPublic => Some(&Inner),
                _ => None,
            }
        }
    }

    impl Classified for Fixture {
        fn class(&self) -> Class {
            match self {
                Self::Business | Self::Unregistered => Class::Business,
                Self::System | Self::SystemWithPublic => Class::System,
            }
        }
        fn status(&self) -> StatusCode {
            match self {
                Self::Business => StatusCode::BAD_REQUEST,
                Self::System | Self::SystemWithPublic => StatusCode::SERVICE_UNAVAILABLE,
                Self::Unregistered => StatusCode::from_u16(499).unwrap(),
            }
        }
        fn severity(&self) -> Severity {
            match self {
                Self::Business | Self::Unregistered => Severity::Info,
                Self::System | Self::SystemWithPublic => Severity::Error,
            }
        }
        fn code(&self) -> &'static str {
            match self {
                Self::Business => "fixture.business",
                Self::System => "fixture.system",
                Self::SystemWithPublic => "fixture.system_with_public",
                Self::Unregistered => "fixture.unregistered",
            }
        }
        fn public_message(&self) -> PublicMessage<'_> {
            match self {
                Self::Business | Self::Unregistered => PublicMessage::display(self),
                Self::System => PublicMessage::generic(),
                Self::SystemWithPublic => PublicMessage::fixed("try again in a minute"),
            }
        }
    }

    #[test]
    fn business_problem_shows_display_and_its_error_id() {
        let id = ErrorId::new();
        let problem = Problem::from_reported(&Fixture::Business, id);
        assert_eq!(problem.r#type, "about:blank");
        assert_eq!(problem.title, "Bad Request");
        assert_eq!(problem.status, 400);
        assert_eq!(problem.detail, "name must not be empty");
        assert_eq!(problem.code, "fixture.business");
        assert_eq!(problem.error_id, Some(id));
        assert_eq!(Problem::from_error(&Fixture::Business).error_id, None);
    }

    #[test]
    fn system_problem_never_carries_internal_text() {
        for error in [Fixture::System, Fixture::SystemWithPublic] {
            // The marker is in the error's Display and in its source: prove the test could fail.
            assert!(error.to_string().contains(SECRET));
            assert!(error.source().unwrap().to_string().contains(SECRET));

            let id = ErrorId::new();
            let problem = Problem::from_reported(&error, id);
            let json = String::from_utf8(problem.to_json_bytes()).unwrap();
            assert!(!json.contains(SECRET), "{json}");
            assert!(!format!("{problem:?}").contains(SECRET));
            assert_eq!(problem.error_id, Some(id));
            assert!(json.contains(&format!(r#""error_id":"{id}""#)), "{json}");
        }
        assert_eq!(
            Problem::from_error(&Fixture::System).detail,
            "an internal error occurred"
        );
        assert_eq!(
            Problem::from_error(&Fixture::SystemWithPublic).detail,
            "try again in a minute"
        );
    }

    #[test]
    fn from_error_has_no_error_id() {
        assert_eq!(Problem::from_error(&Fixture::System).error_id, None);
        let json = serde_json::to_value(Problem::from_error(&Fixture::System)).unwrap();
        assert!(json.get("error_id").is_none());
        assert!(json.get("instance").is_none());
    }

    #[test]
    fn unregistered_status_gets_a_generic_title() {
        let problem = Problem::from_error(&Fixture::Unregistered);
        assert_eq!(problem.status, 499);
        assert_eq!(problem.title, "Client Error");
        assert_eq!(
            reason_phrase(StatusCode::from_u16(599).unwrap()),
            "Server Error"
        );
    }

    #[test]
    fn builders_set_type_and_instance() {
        let problem = Problem::from_error(&Fixture::Business)
            .with_type("https://errors.example.com/fixture.business")
            .with_instance("/users/7");
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "https://errors.example.com/fixture.business");
        assert_eq!(json["instance"], "/users/7");
    }

    #[test]
    fn deserializes_foreign_problems_and_keeps_extensions() {
        let problem: Problem = serde_json::from_str(
            r#"{"status": 403, "title": "Forbidden", "balance": 30, "accounts": ["/a/1"]}"#,
        )
        .unwrap();
        assert_eq!(problem.r#type, "about:blank");
        assert_eq!(problem.status_code(), StatusCode::FORBIDDEN);
        assert_eq!(problem.detail, "");
        assert_eq!(problem.extensions["balance"], 30);
        let round_trip = serde_json::to_value(&problem).unwrap();
        assert_eq!(round_trip["accounts"][0], "/a/1");
    }

    #[test]
    fn round_trips_through_json() {
        let problem = Problem::from_reported(&Fixture::System, ErrorId::from_u64(7));
        let back: Problem = serde_json::from_slice(&problem.to_json_bytes()).unwrap();
        assert_eq!(back, problem);
    }

    #[test]
    fn invalid_status_reads_as_500() {
        let mut problem = Problem::from_error(&Fixture::Business);
        problem.status = 42;
        assert_eq!(problem.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
