//! `axum::response::IntoResponse` for every `Classify` type (feature `axum`).

use axum::http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use axum::response::{IntoResponse, Response};

use super::HttpAnswer;
use crate::{Classified, Problem, Reply};

/// The axum response for `error`: declared status, problem+json body, `Retry-After` where
/// declared; the error is reported once.
#[doc(hidden)]
pub fn axum_response<E: Classified + ?Sized>(error: &E) -> Response {
    let answer = HttpAnswer::report(error);
    let mut response = (answer.status, answer.body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(Problem::CONTENT_TYPE),
    );
    if let Some(seconds) = answer.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// The same answer as a derived type's, for any `Classified` type.
impl<E: Classified> IntoResponse for Reply<E> {
    fn into_response(self) -> Response {
        axum_response(&self.0)
    }
}

/// `IntoResponse` for a type deriving `Classify`.
#[doc(hidden)]
#[macro_export]
macro_rules! __onus_integrate_axum {
    (impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]) => {
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($predicates)*
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::__private::axum_response(&self)
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use axum::response::IntoResponse;

    use crate::test_support::{Generic, SECRET, Secretive, capture};
    use crate::{Problem, Reply};

    fn answer(error: impl IntoResponse) -> (axum::response::Response, serde_json::Value) {
        let response = error.into_response();
        let (parts, body) = response.into_parts();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(axum::body::to_bytes(body, 1 << 16))
            .unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(!text.contains(SECRET), "{text}");
        let json = serde_json::from_slice(&bytes).unwrap();
        (
            axum::response::Response::from_parts(parts, axum::body::Body::empty()),
            json,
        )
    }

    #[test]
    fn system_error_answers_with_problem_and_logged_id() {
        let mut out = None;
        let events = capture(|| out = Some(answer(Secretive::Broken)));
        let (response, json) = out.unwrap();
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers()["content-type"], Problem::CONTENT_TYPE);
        assert!(response.headers().get("retry-after").is_none());
        assert_eq!(json["detail"], "an internal error occurred");
        assert_eq!(json["code"], "secretive.broken");
        for (name, value) in response.headers() {
            assert!(!value.to_str().unwrap().contains(SECRET), "{name}");
        }
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].get("error_id"), json["error_id"].as_str());
        assert!(events[0].get("message").unwrap().contains(SECRET));
        assert!(events[0].get("source_chain").unwrap().contains(SECRET));
    }

    #[test]
    fn retryable_error_carries_retry_after_rounded_up() {
        let (response, json) = answer(Secretive::Busy);
        assert_eq!(response.status(), 503);
        assert_eq!(response.headers()["retry-after"], "2");
        assert!(json["error_id"].is_string());
    }

    #[test]
    fn business_error_shows_its_message_and_logged_id() {
        let mut out = None;
        let events = capture(|| out = Some(answer(Secretive::Taken)));
        let (response, json) = out.unwrap();
        assert_eq!(response.status(), 409);
        assert_eq!(json["detail"], "this name is taken");
        assert_eq!(json["title"], "Conflict");
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].level, tracing::Level::INFO);
        assert_eq!(events[0].get("error_id"), json["error_id"].as_str());
    }

    #[test]
    fn reply_answers_exactly_as_the_integration_does() {
        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            let mut out = None;
            let events = capture(|| {
                out = Some((answer(Reply(error)), answer(error)));
            });
            let ((reply, mut reply_json), (derived, mut derived_json)) = out.unwrap();
            assert_eq!(events.len(), 2, "one report per answer");
            assert_eq!(events[0].get("error_id"), reply_json["error_id"].as_str());
            assert_eq!(reply.status(), derived.status());
            assert_eq!(reply.headers(), derived.headers());
            // Equal but for the id of each answer's own report.
            reply_json["error_id"].take();
            derived_json["error_id"].take();
            assert_eq!(reply_json, derived_json);
        }
    }

    #[test]
    fn generic_types_are_integrated() {
        let (response, json) = answer(Generic(7_u8));
        assert_eq!(response.status(), 502);
        assert_eq!(json["code"], "generic");
    }
}
