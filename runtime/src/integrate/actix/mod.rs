//! actix-web (feature `actix`): every `Classify` type and every [`Reply`] is an
//! `actix_web::ResponseError` (and a `Reply` a `Responder`), actix's extractor errors are
//! [`Classified`] and answered through [`extractor_configs`], and [`problem_handlers`] turns
//! every other error response into problem+json.
//!
//! # Extractor errors
//!
//! With `App::configure(onus::actix::extractor_configs)`, a request that a `Json`, `Form`,
//! `Path` or `Query` extractor refuses is answered in problem+json, with the status actix's
//! error declares and its text, reported once:
//!
//! | error (`actix_web::error::`)                     | status | `code`                         |
//! |--------------------------------------------------|--------|--------------------------------|
//! | `JsonPayloadError::Deserialize`, a data error    | 400    | `request.json_data`            |
//! | `JsonPayloadError::Deserialize`, otherwise       | 400    | `request.json_syntax`          |
//! | `JsonPayloadError::ContentType`                  | 400    | `request.json_content_type`    |
//! | `UrlencodedError::ContentType`                   | 415    | `request.form_content_type`    |
//! | `UrlencodedError::{Parse, Encoding, Chunked}`    | 400    | `request.form`                 |
//! | `UrlencodedError::UnknownLength`                 | 411    | `request.body_length_required` |
//! | the `Overflow`s                                  | 413    | `request.body_too_large`       |
//! | the `Payload`s                                   | actix's | `request.body_unreadable`     |
//! | `PathError`                                      | 400    | `request.path`                 |
//! | `QueryPayloadError`                              | 400    | `request.query`                |
//!
//! A variant a later actix-web adds answers under `request.invalid`. A 4xx is business, severity
//! `info`, with actix's text as the detail; a 5xx is system, severity `error`, with the generic
//! message. (Without these configurations actix answers a `Path` error with 404; `PathError`
//! itself declares 400, which is what the request deserves.) The codes are axum's where the
//! failure is the same.

mod rejection;

pub use rejection::extractor_configs;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode as ActixStatus;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpRequest, HttpResponse, Responder, ResponseError};

use super::{BODY_TEXT_LIMIT, HttpAnswer, UnclassifiedAnswer, body_is_text, needs_problem};
use crate::{Classified, Problem, Reply, StatusCode};

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

/// The same answer as a derived type's, for any `Classified` type: as a handler's error
/// (`Result<T, Reply<E>>`)...
impl<E: Classified> ResponseError for Reply<E> {
    fn status_code(&self) -> ActixStatus {
        actix_status(&self.0)
    }

    fn error_response(&self) -> HttpResponse {
        actix_response(&self.0)
    }
}

/// ...and as a handler's whole answer (`-> Reply<E>`, or `Either`).
impl<E: Classified> Responder for Reply<E> {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        actix_response(&self.0)
    }
}

/// Middleware that answers every error response in problem+json: a 4xx or 5xx response that is
/// not already `application/problem+json` becomes a [`Problem`] with the same status and
/// headers, reported once like any classified error.
///
/// It is actix-web's `ErrorHandlers` with one default handler, and covers what no handler
/// returns: the default service's 404, a 405, an extractor's `text/plain` rejection (a `Json`
/// body that does not parse, a `Path` that does not match), a bare `HttpResponse` error.
/// Responses that are already problem+json (every `Classify` type, every [`Reply`]) pass
/// untouched, and so does every success.
///
/// | status | class    | severity | `code`          | `detail`                                              |
/// |--------|----------|----------|-----------------|-------------------------------------------------------|
/// | 4xx    | business | info     | `http.<status>` | the body's text when it is `text/plain` (actix's rejections), else the reason phrase |
/// | 5xx    | system   | error    | `http.<status>` | `"an internal error occurred"`: a 5xx body is never passed through |
///
/// The log event's message is the original body's text when it is `text/plain` and at most
/// 16 KiB (else the reason phrase); its `error_id` is the body's. Headers are kept, but `Content-Type` and
/// `Content-Length`, which describe the new body.
///
/// ```
/// use actix_web::{App, web};
///
/// let app = App::new()
///     .wrap(onus::actix::problem_handlers())
///     .route("/orders/{id}", web::get().to(|| async { "order" }));
/// ```
#[must_use]
pub fn problem_handlers<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(as_problem)
}

/// `response`, or the [`Problem`] it becomes when it is an error in another format.
fn as_problem<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    let status = from_actix(response.status());
    if !needs_problem(status, content_type) {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let read_text = body_is_text(content_type);
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        // A body that is not text, or too long, is dropped unread: only its status is answered.
        let text = if read_text {
            actix_web::body::to_bytes_limited(body, BODY_TEXT_LIMIT)
                .await
                .ok()
                .and_then(Result::ok)
        } else {
            None
        };
        let error = UnclassifiedAnswer::new(status, text.as_deref());
        let mut answer = actix_response(&error);
        let mut headers = head.headers().clone();
        headers.remove(CONTENT_LENGTH);
        for (name, value) in answer.headers() {
            headers.insert(name.clone(), value.clone());
        }
        *answer.headers_mut() = headers;
        Ok(ServiceResponse::new(request, answer).map_into_right_body())
    })))
}

/// actix's status in onus's `StatusCode` type (actix-web 4 uses `http` 0.2).
pub(crate) fn from_actix(status: ActixStatus) -> StatusCode {
    // Both types hold 100..=999; the fallback is unreachable but keeps this free of a panic.
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
    use actix_web::body::MessageBody;
    use actix_web::{Responder, ResponseError};

    use crate::test_support::{Generic, SECRET, Secretive, capture};
    use crate::{Problem, Reply};

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
    fn reply_answers_exactly_as_the_integration_does() {
        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            assert_eq!(Reply(error).status_code(), error.status_code());
            let mut out = None;
            let events = capture(|| {
                let request = actix_web::test::TestRequest::default().to_http_request();
                let responded = Reply(error).respond_to(&request);
                out = Some((answer(&Reply(error)), answer(&error), responded));
            });
            let ((reply, mut reply_json), (derived, mut derived_json), responded) = out.unwrap();
            assert_eq!(events.len(), 3, "one report per answer");
            // `respond_to` reported first, then `error_response`.
            assert_eq!(events[1].get("error_id"), reply_json["error_id"].as_str());
            assert_eq!(reply.status(), derived.status());
            assert_eq!(responded.status(), derived.status());
            for (name, value) in derived.headers() {
                assert_eq!(reply.headers().get(name), Some(value), "{name}");
                assert_eq!(responded.headers().get(name), Some(value), "{name}");
            }
            reply_json["error_id"].take();
            derived_json["error_id"].take();
            assert_eq!(reply_json, derived_json);
        }
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
