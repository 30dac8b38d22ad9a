//! `From<E> for tonic::Status` for every `Classify` type (feature `tonic`).
//!
//! The declared HTTP status maps to the canonical gRPC code the way googleapis'
//! `google/rpc/code.proto` documents each code's "HTTP Mapping"; see [`code_for_status`]. The
//! status message is [`Classified::public_message`] only. The error is [`report`]ed once, and
//! the response metadata carries `error-code` (the error's code) and `error-id` (the id of the
//! log event, for business and system errors alike, as in a [`Problem`](crate::Problem)).

use tonic::metadata::MetadataValue;
use tonic::{Code, Status};

use crate::{Classified, Reply, StatusCode, report};

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
    let id = report(error);
    let mut status = Status::new(
        code_for_status(error.status()),
        error.public_message().to_string(),
    );
    let metadata = status.metadata_mut();
    // Codes and ids are ASCII by construction; a code that is not valid metadata is left out
    // rather than failing the response.
    if let Ok(code) = MetadataValue::try_from(error.code()) {
        metadata.insert("error-code", code);
    }
    if let Ok(id) = MetadataValue::try_from(id.to_string()) {
        metadata.insert("error-id", id);
    }
    status
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
