//! `actix_web::ResponseError` for every `Classify` type (feature `actix`).

use actix_web::HttpResponse;
use actix_web::http::StatusCode as ActixStatus;
use actix_web::http::header::{CONTENT_TYPE, RETRY_AFTER};

use super::HttpAnswer;
use crate::{Classified, Problem, StatusCode};

/// The declared status in actix's own `StatusCode` type (actix-web 4 uses `http` 0.2).
#[doc(hidden)]
pub fn actix_status<E: Classified + ?Sized>(error: &E) -> ActixStatus {
    to_actix(error.status())
}

fn to_actix(status: StatusCode) -> ActixStatus {
    // A `StatusCode` always holds 100..=999, which both `http` versions accept; the fallback is
    // unreachable but keeps this free of a panic.
    ActixStatus::from_u16(status.as_u16()).unwrap_or(ActixStatus::INTERNAL_SERVER_ERROR)
}

/// The actix response for `error`: declared status, problem+json body, `Retry-After` where
/// declared; the error is reported once per call.
///
/// actix-web calls `error_response` once when it turns a handler's error into the response, so
/// each failed request logs one event. Middleware that calls it again builds a second response
/// and logs a second event, with a second id.
#[doc(hidden)]
pub fn actix_response<E: Classified + ?Sized>(error: &E) -> HttpResponse {
    let answer = HttpAnswer::report(error);
    let mut builder = HttpResponse::build(to_actix(answer.status));
    builder.insert_header((CONTENT_TYPE, Problem::CONTENT_TYPE));
    if let Some(seconds) = answer.retry_after {
        builder.insert_header((RETRY_AFTER, seconds));
    }
    builder.body(answer.body)
}

/// `ResponseError` for a type deriving `Classify`.
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_integrate_actix {
    (impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]) => {
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($predicates)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status(self)
            }

            fn error_response(
                &self,
            ) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_response(self)
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use actix_web::ResponseError;
    use actix_web::body::MessageBody;

    use crate::Problem;
    use crate::test_support::{Generic, SECRET, Secretive, capture};

    fn answer(error: &dyn ResponseError) -> (actix_web::HttpResponse<()>, serde_json::Value) {
        let (response, body) = error.error_response().into_parts();
        let bytes = body.try_into_bytes().ok().unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(!text.contains(SECRET), "{text}");
        (response, serde_json::from_slice(&bytes).unwrap())
    }

    #[test]
    fn system_error_answers_with_problem_and_logged_id() {
        let mut out = None;
        let events = capture(|| out = Some(answer(&Secretive::Broken)));
        let (response, json) = out.unwrap();
        assert_eq!(response.status().as_u16(), 500);
        assert_eq!(
            response.headers().get("content-type").unwrap(),
            Problem::CONTENT_TYPE
        );
        assert_eq!(json["detail"], "an internal error occurred");
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].get("error_id"), json["error_id"].as_str());
        assert!(events[0].get("message").unwrap().contains(SECRET));
    }

    #[test]
    fn status_code_does_not_log() {
        let events = capture(|| {
            assert_eq!(Secretive::Busy.status_code().as_u16(), 503);
            assert_eq!(Generic(1).status_code().as_u16(), 502);
        });
        assert!(events.is_empty());
    }

    #[test]
    fn retryable_error_carries_retry_after() {
        let (response, json) = answer(&Secretive::Busy);
        assert_eq!(response.headers().get("retry-after").unwrap(), "2");
        assert_eq!(json["status"], 503);
        let (response, json) = answer(&Secretive::Taken);
        assert!(response.headers().get("retry-after").is_none());
        assert_eq!(json["detail"], "this name is taken");
    }

    #[test]
    fn business_error_carries_logged_id() {
        let mut out = None;
        let events = capture(|| out = Some(answer(&Secretive::Taken)));
        let (response, json) = out.unwrap();
        assert_eq!(response.status().as_u16(), 409);
        assert_eq!(events.len(), 1);
        assert!(json["error_id"].is_string());
        assert_eq!(events[0].get("error_id"), json["error_id"].as_str());
    }
}
