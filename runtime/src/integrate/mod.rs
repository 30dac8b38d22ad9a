//! What the framework integrations share: one report, one body, the same headers everywhere.
//!
//! The derive invokes [`__onus_integrate!`](crate::__onus_integrate) for every type; each
//! feature-gated submodule defines the `macro_rules!` that writes its framework's trait impl as a
//! one-line call into a plain generic function here, so the code generated per type stays small.

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "tonic")]
pub mod grpc;

#[cfg(any(feature = "axum", feature = "actix"))]
use std::fmt;

#[cfg(any(feature = "axum", feature = "actix"))]
use crate::{Class, Classified, Problem, PublicMessage, Severity, StatusCode, report};

/// An HTTP error response, framework-neutral: built after reporting the error exactly once.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) struct HttpAnswer {
    pub(crate) status: StatusCode,
    /// `application/problem+json` bytes of the [`Problem`].
    pub(crate) body: Vec<u8>,
    /// Whole seconds for `Retry-After`, for retryable errors that declare a delay.
    pub(crate) retry_after: Option<u64>,
}

#[cfg(any(feature = "axum", feature = "actix"))]
impl HttpAnswer {
    /// Reports `error` (one log event) and builds the response that carries the same error id.
    pub(crate) fn report<E: Classified + ?Sized>(error: &E) -> Self {
        let id = report(error);
        let problem = Problem::from_reported(error, id);
        let retry_after = if error.retryable() {
            // `Retry-After` counts whole seconds; rounding down could bring a client back early.
            error
                .retry_after()
                .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
        } else {
            None
        };
        Self {
            status: error.status(),
            body: problem.to_json_bytes(),
            retry_after,
        }
    }
}

/// The most of an error response's body the problem layers read, for its text.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) const BODY_TEXT_LIMIT: usize = 16 * 1024;

/// Whether a response with `status` and `content_type` is an error answered in another format
/// than problem+json, which the problem layers rewrite.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn needs_problem(status: StatusCode, content_type: Option<&[u8]>) -> bool {
    (status.is_client_error() || status.is_server_error())
        && !content_type.is_some_and(|value| media_type_is(value, Problem::CONTENT_TYPE))
}

/// Whether a body of `content_type` is text worth reading: `text/plain`, as axum's and
/// actix-web's own error bodies are, or no content type at all.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn body_is_text(content_type: Option<&[u8]>) -> bool {
    content_type.is_none_or(|value| media_type_is(value, "text/plain"))
}

/// `value` names `media_type`, whatever its case and parameters (`; charset=utf-8`).
#[cfg(any(feature = "axum", feature = "actix"))]
fn media_type_is(value: &[u8], media_type: &str) -> bool {
    let essence = value.split(|&b| b == b';').next().unwrap_or_default();
    essence
        .trim_ascii()
        .eq_ignore_ascii_case(media_type.as_bytes())
}

/// An error response the application wrote in another format than problem+json (an unknown
/// route's empty 404, a framework's `text/plain` rejection, a panic's 500), classified by its
/// status alone so that a problem layer answers it as any other error: reported once, with the
/// same status, as a [`Problem`].
///
/// | status | class    | severity | code         | detail (public)                              |
/// |--------|----------|----------|--------------|----------------------------------------------|
/// | 4xx    | business | info     | `http.<status>` | the body's text, else the reason phrase   |
/// | 5xx    | system   | error    | `http.<status>` | [`GENERIC_SYSTEM_MESSAGE`](crate::GENERIC_SYSTEM_MESSAGE), never the body |
///
/// The log event's message is the body's text (or the reason phrase): for a 5xx it is what an
/// operator needs and what the client must not see.
#[cfg(any(feature = "axum", feature = "actix"))]
#[derive(Debug)]
pub(crate) struct UnclassifiedAnswer {
    status: StatusCode,
    /// The original body's text, trimmed; empty when there was none or it was not text.
    text: String,
}

#[cfg(any(feature = "axum", feature = "actix"))]
impl UnclassifiedAnswer {
    /// The answer with `status` and the original body, when it was read as text.
    pub(crate) fn new(status: StatusCode, body: Option<&[u8]>) -> Self {
        let text = body
            .map(|bytes| String::from_utf8_lossy(bytes).trim().to_owned())
            .unwrap_or_default();
        Self { status, text }
    }
}

#[cfg(any(feature = "axum", feature = "actix"))]
impl fmt::Display for UnclassifiedAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.is_empty() {
            f.write_str(crate::problem::reason_phrase(self.status))
        } else {
            f.write_str(&self.text)
        }
    }
}

#[cfg(any(feature = "axum", feature = "actix"))]
impl std::error::Error for UnclassifiedAnswer {}

#[cfg(any(feature = "axum", feature = "actix"))]
impl Classified for UnclassifiedAnswer {
    fn class(&self) -> Class {
        if self.status.is_server_error() {
            Class::System
        } else {
            Class::Business
        }
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn severity(&self) -> Severity {
        match self.class() {
            Class::Business => Severity::Info,
            Class::System => Severity::Error,
        }
    }

    fn code(&self) -> &'static str {
        crate::declare::status::http_code(self.status)
    }

    fn public_message(&self) -> PublicMessage<'_> {
        match self.class() {
            Class::Business => PublicMessage::display(self),
            Class::System => PublicMessage::generic(),
        }
    }
}

#[cfg(all(test, any(feature = "axum", feature = "actix")))]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn only_error_statuses_in_another_format_need_a_problem() {
        let not_found = StatusCode::NOT_FOUND;
        assert!(needs_problem(not_found, None));
        assert!(needs_problem(not_found, Some(b"text/plain; charset=utf-8")));
        assert!(needs_problem(
            StatusCode::BAD_GATEWAY,
            Some(b"application/json")
        ));
        assert!(!needs_problem(not_found, Some(b"application/problem+json")));
        assert!(!needs_problem(
            not_found,
            Some(b" Application/Problem+JSON ; q=1")
        ));
        assert!(!needs_problem(StatusCode::OK, None));
        assert!(!needs_problem(StatusCode::FOUND, Some(b"text/html")));
    }

    #[test]
    fn only_plain_text_bodies_are_read() {
        assert!(body_is_text(None));
        assert!(body_is_text(Some(b"text/plain; charset=utf-8")));
        assert!(!body_is_text(Some(b"text/html")));
        assert!(!body_is_text(Some(b"application/json")));
    }

    #[test]
    fn a_client_error_shows_its_text_and_a_server_error_never_does() {
        let rejection = UnclassifiedAnswer::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some(b"Expected request with `Content-Type: application/json`\n"),
        );
        assert!(rejection.is_business());
        assert_eq!(rejection.severity(), Severity::Info);
        assert_eq!(rejection.code(), "http.415");
        assert_eq!(
            rejection.public_message().to_string(),
            "Expected request with `Content-Type: application/json`"
        );

        let empty = UnclassifiedAnswer::new(StatusCode::NOT_FOUND, Some(b""));
        assert_eq!(empty.public_message().to_string(), "Not Found");

        let panic = UnclassifiedAnswer::new(StatusCode::INTERNAL_SERVER_ERROR, Some(b"boom 42"));
        assert!(panic.is_system());
        assert_eq!(panic.severity(), Severity::Error);
        assert_eq!(panic.code(), "http.500");
        assert_eq!(panic.to_string(), "boom 42");
        assert_eq!(
            panic.public_message().to_string(),
            crate::GENERIC_SYSTEM_MESSAGE
        );
    }
}
