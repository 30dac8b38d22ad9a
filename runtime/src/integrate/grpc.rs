//! `From<E> for tonic::Status` for every `Classify` type (feature `tonic`).
//!
//! The declared HTTP status maps to the canonical gRPC code the way googleapis'
//! `google/rpc/code.proto` documents each code's "HTTP Mapping"; see [`code_for_status`]. The
//! status message is [`Classified::public_message`] only. The error is [`report`]ed once, and
//! the response metadata carries `error-code` (the error's code) and `error-id` (the id of the
//! log event, for business and system errors alike, as in a [`Problem`](crate::Problem)).
//!
//! The status also carries gRPC's rich error details (`google.rpc.Status.details`, through
//! `tonic-types`), the standard way a gRPC client reads an error:
//!
//! | detail        | fields                                                                   |
//! |---------------|--------------------------------------------------------------------------|
//! | `ErrorInfo`   | `reason`: the error's code; `domain`: [`error_domain`]; `metadata`: `class` (`business`/`system`) and `http_status` (the declared status) |
//! | `RetryInfo`   | only when [`Classified::retryable`]; `retry_delay`: [`Classified::retry_after`], if declared |
//! | `RequestInfo` | `request_id`: the error id of the log event                              |
//!
//! None of them carries an error's text: a system error's internals stay in the log.
//! [`Reaction::for_grpc_status`](crate::client::Reaction::for_grpc_status) reads them back.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use tonic::metadata::{MetadataMap, MetadataValue};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::{Classified, Reply, StatusCode, report};

/// The `ErrorInfo.domain` of every status until [`set_error_domain`] is called.
pub const DEFAULT_ERROR_DOMAIN: &str = "onus";

static ERROR_DOMAIN: OnceLock<String> = OnceLock::new();

/// Sets the `ErrorInfo.domain` of every status this process answers with: the service's name,
/// as gRPC's `error_details.proto` asks (`"shop.example.com"`), so that a client can tell whose
/// codes these are. Call it once at startup, before the first error is answered.
///
/// # Errors
///
/// The domain was set already (or an error was answered with the default already): the first
/// domain stays, so that one process never answers with two.
///
/// ```standalone_crate
/// onus::grpc::set_error_domain("shop.example.com").unwrap();
/// assert_eq!(onus::grpc::error_domain(), "shop.example.com");
/// assert!(onus::grpc::set_error_domain("other.example.com").is_err());
/// ```
pub fn set_error_domain(domain: impl Into<String>) -> Result<(), DomainAlreadySet> {
    let domain = domain.into();
    let mut set = false;
    ERROR_DOMAIN.get_or_init(|| {
        set = true;
        domain
    });
    if set {
        Ok(())
    } else {
        Err(DomainAlreadySet {
            current: error_domain(),
        })
    }
}

/// The `ErrorInfo.domain` of the statuses this process answers with.
#[must_use]
pub fn error_domain() -> &'static str {
    ERROR_DOMAIN.get_or_init(|| DEFAULT_ERROR_DOMAIN.to_owned())
}

/// [`set_error_domain`] was called after the domain was fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainAlreadySet {
    /// The domain that stays.
    pub current: &'static str,
}

impl fmt::Display for DomainAlreadySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the gRPC error domain is `{}` already: set it once, at startup, before the first error is answered",
            self.current
        )
    }
}

impl std::error::Error for DomainAlreadySet {}

/// Setting the domain twice is a mistake in the service's startup: ours, and loud.
impl Classified for DomainAlreadySet {
    fn class(&self) -> crate::Class {
        crate::Class::System
    }

    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn severity(&self) -> crate::Severity {
        crate::Severity::Error
    }

    fn code(&self) -> &'static str {
        "onus.grpc_error_domain_already_set"
    }

    fn public_message(&self) -> crate::PublicMessage<'_> {
        crate::PublicMessage::generic()
    }
}

/// The gRPC code for an HTTP error status.
///
/// | HTTP        | gRPC                  | note                                                  |
/// |-------------|-----------------------|-------------------------------------------------------|
/// | 400         | `INVALID_ARGUMENT`    | code.proto also maps `FAILED_PRECONDITION` and `OUT_OF_RANGE` to 400; a 400 names bad input |
/// | 401         | `UNAUTHENTICATED`     |                                                       |
/// | 403         | `PERMISSION_DENIED`   |                                                       |
/// | 404, 410    | `NOT_FOUND`           |                                                       |
/// | 408         | `DEADLINE_EXCEEDED`   | not in code.proto; the request ran out of time        |
/// | 409         | `ALREADY_EXISTS`      | code.proto maps `ABORTED` to 409 as well; `ABORTED` tells clients to retry a read-modify-write, which is wrong for "already registered", while `ALREADY_EXISTS` is never wrongly retried |
/// | 412         | `FAILED_PRECONDITION` |                                                       |
/// | 416         | `OUT_OF_RANGE`        |                                                       |
/// | 429         | `RESOURCE_EXHAUSTED`  |                                                       |
/// | 499         | `CANCELLED`           |                                                       |
/// | other 4xx   | `FAILED_PRECONDITION` | the caller must change something, not retry           |
/// | 500         | `INTERNAL`            | `UNKNOWN` and `DATA_LOSS` also map to 500; onus knows the error, so not `UNKNOWN` |
/// | 501         | `UNIMPLEMENTED`       |                                                       |
/// | 502, 503    | `UNAVAILABLE`         | 502 is not in code.proto; a bad upstream is transient, as gRPC's HTTP-to-gRPC mapping says |
/// | 504         | `DEADLINE_EXCEEDED`   |                                                       |
/// | other 5xx   | `INTERNAL`            |                                                       |
/// | otherwise   | `UNKNOWN`             | not an error status                                   |
///
/// ```
/// use onus::StatusCode;
/// use onus::grpc::code_for_status;
/// assert_eq!(code_for_status(StatusCode::CONFLICT), tonic::Code::AlreadyExists);
/// assert_eq!(code_for_status(StatusCode::GATEWAY_TIMEOUT), tonic::Code::DeadlineExceeded);
/// ```
#[must_use]
pub fn code_for_status(status: StatusCode) -> Code {
    match status.as_u16() {
        400 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 | 410 => Code::NotFound,
        408 | 504 => Code::DeadlineExceeded,
        409 => Code::AlreadyExists,
        412 => Code::FailedPrecondition,
        416 => Code::OutOfRange,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        _ if status.is_client_error() => Code::FailedPrecondition,
        501 => Code::Unimplemented,
        502 | 503 => Code::Unavailable,
        _ if status.is_server_error() => Code::Internal,
        _ => Code::Unknown,
    }
}

/// The `tonic::Status` for `error`, after reporting it once.
///
/// This is what `From<E> for tonic::Status` calls for every `Classify` type; call it directly
/// for a `&dyn Classified`.
#[must_use]
pub fn status_for<E: Classified + ?Sized>(error: &E) -> Status {
    let id = report(error).to_string();
    let mut metadata = MetadataMap::new();
    // Codes and ids are ASCII by construction; a code that is not valid metadata is left out
    // rather than failing the response.
    if let Ok(code) = MetadataValue::try_from(error.code()) {
        metadata.insert("error-code", code);
    }
    if let Ok(id) = MetadataValue::try_from(id.as_str()) {
        metadata.insert("error-id", id);
    }
    let mut details = ErrorDetails::new();
    details.set_error_info(
        error.code(),
        error_domain(),
        HashMap::from([
            ("class".to_owned(), error.class().as_str().to_owned()),
            (
                "http_status".to_owned(),
                error.status().as_u16().to_string(),
            ),
        ]),
    );
    if error.retryable() {
        details.set_retry_info(error.retry_after());
    }
    details.set_request_info(id, "");
    Status::with_error_details_and_metadata(
        code_for_status(error.status()),
        error.public_message().to_string(),
        details,
        metadata,
    )
}

/// The HTTP status a gRPC code stands for, as googleapis' `google/rpc/code.proto` maps each code
/// ("HTTP Mapping"); the reverse of [`code_for_status`] where that is one-to-one. A status from
/// onus says its exact HTTP status in `ErrorInfo`'s `http_status`, which
/// [`Reaction::for_grpc_status`](crate::client::Reaction::for_grpc_status) prefers.
///
/// ```
/// use onus::grpc::status_for_code;
/// assert_eq!(status_for_code(tonic::Code::Unavailable), onus::StatusCode::SERVICE_UNAVAILABLE);
/// assert_eq!(status_for_code(tonic::Code::Ok), onus::StatusCode::OK);
/// ```
#[must_use]
pub fn status_for_code(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The same status as a derived type's, for any `Classified` type.
impl<E: Classified> From<Reply<E>> for Status {
    fn from(reply: Reply<E>) -> Self {
        status_for(&reply.0)
    }
}

/// `From<E> for tonic::Status` for a type deriving `Classify`.
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_integrate_tonic {
    (impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]) => {
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($predicates)*
        {
            fn from(error: $($ty)*) -> Self {
                $crate::grpc::status_for(&error)
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use tonic::{Code, Status};

    use super::*;
    use crate::Reply;
    use crate::test_support::{Generic, SECRET, Secretive, capture};

    #[test]
    fn maps_the_documented_statuses() {
        let cases = [
            (400, Code::InvalidArgument),
            (401, Code::Unauthenticated),
            (403, Code::PermissionDenied),
            (404, Code::NotFound),
            (408, Code::DeadlineExceeded),
            (409, Code::AlreadyExists),
            (410, Code::NotFound),
            (412, Code::FailedPrecondition),
            (416, Code::OutOfRange),
            (422, Code::FailedPrecondition),
            (429, Code::ResourceExhausted),
            (499, Code::Cancelled),
            (500, Code::Internal),
            (501, Code::Unimplemented),
            (502, Code::Unavailable),
            (503, Code::Unavailable),
            (504, Code::DeadlineExceeded),
            (507, Code::Internal),
            (200, Code::Unknown),
        ];
        for (http, grpc) in cases {
            let status = StatusCode::from_u16(http).unwrap();
            assert_eq!(code_for_status(status), grpc, "{http}");
        }
    }

    #[test]
    fn status_carries_public_message_code_and_logged_id() {
        let mut status = None;
        let events = capture(|| status = Some(Status::from(Secretive::Broken)));
        let status = status.unwrap();
        assert_eq!(status.code(), Code::Internal);
        assert_eq!(status.message(), "an internal error occurred");
        assert!(!format!("{status:?}").contains(SECRET));
        assert_eq!(
            status.metadata().get("error-code").unwrap(),
            "secretive.broken"
        );
        assert_eq!(events.len(), 1);
        let id = status.metadata().get("error-id").unwrap().to_str().unwrap();
        assert_eq!(events[0].get("error_id"), Some(id));
    }

    #[test]
    fn reply_answers_exactly_as_the_integration_does() {
        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            let mut out = None;
            let events = capture(|| out = Some((Status::from(Reply(error)), Status::from(error))));
            let (reply, derived) = out.unwrap();
            assert_eq!(events.len(), 2, "one report per answer");
            assert_eq!(reply.code(), derived.code());
            assert_eq!(reply.message(), derived.message());
            assert_eq!(
                reply.metadata().get("error-code"),
                derived.metadata().get("error-code")
            );
            let id = reply.metadata().get("error-id").unwrap().to_str().unwrap();
            assert_eq!(events[0].get("error_id"), Some(id));
        }
    }

    #[test]
    fn status_carries_rich_details_without_any_error_text() {
        use tonic_types::StatusExt;

        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            let mut status = None;
            capture(|| status = Some(Status::from(error)));
            let status = status.unwrap();
            let details = status.get_error_details();
            let info = details.error_info().unwrap();
            assert_eq!(info.reason, error.code());
            assert_eq!(info.domain, error_domain());
            assert_eq!(info.metadata["class"], error.class().as_str());
            assert_eq!(
                info.metadata["http_status"],
                error.status().as_u16().to_string()
            );
            let id = status.metadata().get("error-id").unwrap().to_str().unwrap();
            assert_eq!(details.request_info().unwrap().request_id, id);
            assert_eq!(
                details.retry_info().map(|retry| retry.retry_delay),
                error.retryable().then(|| error.retry_after()),
                "{error:?}"
            );
            assert!(!format!("{details:?}").contains(SECRET), "{error:?}");
            assert!(
                !String::from_utf8_lossy(status.details()).contains(SECRET),
                "{error:?}"
            );
        }
    }

    #[test]
    fn a_client_reacts_to_what_the_server_declared() {
        use crate::client::{Alert, Reaction, Retry, Show};

        let reaction = |error: Secretive| {
            let mut status = None;
            capture(|| status = Some(Status::from(error)));
            Reaction::for_grpc_status(&status.unwrap())
        };
        // 503, retryable after 1.5 s: the server's delay, not a blind backoff.
        assert_eq!(
            reaction(Secretive::Busy).retry,
            Retry::After(std::time::Duration::from_millis(1500))
        );
        assert_eq!(reaction(Secretive::Busy).alert, Alert::Watch);
        // 500: a bug of ours, never retried, urgent.
        assert_eq!(reaction(Secretive::Broken).retry, Retry::No);
        assert_eq!(reaction(Secretive::Broken).alert, Alert::Urgent);
        // 409: the caller's; the declared HTTP status, not ALREADY_EXISTS's mapping, decides.
        assert_eq!(reaction(Secretive::Taken).show, Show::InlineMessage);
        // A status from another server, without details: its code's HTTP status.
        assert_eq!(
            Reaction::for_grpc_status(&Status::unavailable("down")).retry,
            Retry::Backoff
        );
        assert_eq!(
            Reaction::for_grpc_status(&Status::permission_denied("no")),
            Reaction::for_status(403)
        );
    }

    #[test]
    fn maps_codes_back_to_the_statuses_they_stand_for() {
        for http in [400, 401, 403, 404, 409, 429, 500, 501, 503, 504] {
            let status = StatusCode::from_u16(http).unwrap();
            assert_eq!(status_for_code(code_for_status(status)), status, "{http}");
        }
    }

    #[test]
    fn business_status_has_its_message_and_logged_id() {
        let mut status = None;
        let events = capture(|| status = Some(Status::from(Secretive::Taken)));
        let status = status.unwrap();
        assert_eq!(status.code(), Code::AlreadyExists);
        assert_eq!(status.message(), "this name is taken");
        let id = status.metadata().get("error-id").unwrap().to_str().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].get("error_id"), Some(id));
        assert_eq!(Status::from(Secretive::Busy).code(), Code::Unavailable);
        assert_eq!(Status::from(Generic("x")).code(), Code::Unavailable);
    }
}
