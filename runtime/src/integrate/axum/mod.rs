//! axum (feature `axum`): every `Classify` type and every [`Reply`] is an
//! `axum::response::IntoResponse`, axum's extractor rejections are [`Classified`], and
//! [`problem_layer`] turns every other error response into problem+json.
//!
//! # Rejections
//!
//! The rejections of axum's `Json`, `Form`, `Query` and `Path` extractors, and the body
//! rejections they wrap, are [`Classified`]: a handler that takes `Result<Json<T>, JsonRejection>`
//! and wraps the rejection in its own error (`#[onus(transparent)] Json(#[from] JsonRejection)`)
//! answers as axum would, with axum's status and text, but in problem+json and reported once.
//!
//! | rejection (`axum::extract::rejection::`) | status | `code`                      |
//! |------------------------------------------|--------|-----------------------------|
//! | `JsonDataError`                          | 422    | `request.json_data`         |
//! | `JsonSyntaxError`                        | 400    | `request.json_syntax`       |
//! | `MissingJsonContentType`                 | 415    | `request.json_content_type` |
//! | `InvalidFormContentType`                 | 415    | `request.form_content_type` |
//! | `FailedToDeserializeForm`                | 400    | `request.form`              |
//! | `FailedToDeserializeFormBody`            | 422    | `request.form_body`         |
//! | `FailedToDeserializeQueryString`         | 400    | `request.query`             |
//! | `FailedToDeserializePathParams`          | 400, or 500 when the route and the `Path` type disagree | `request.path` |
//! | `MissingPathParams`                      | 500    | `request.path_missing`      |
//! | `LengthLimitError`                       | 413    | `request.body_too_large`    |
//! | `UnknownBodyError`                       | 400    | `request.body_unreadable`   |
//!
//! `JsonRejection`, `FormRejection`, `QueryRejection`, `PathRejection`, `BytesRejection` and
//! `FailedToBufferBody` answer as the rejection they hold (`request.invalid` for a variant a
//! later axum adds). The status is always axum's own. A 4xx is the caller's: business, severity
//! `info`, detail = axum's body text (`Failed to deserialize the JSON body into the target type:
//! age: invalid type: string "x", expected u32 at line 1 column 10`). A 5xx is a mistake in the
//! service (a route whose parameters do not fit its `Path` type): system, severity `error`, the
//! generic message, axum's text in the log only.

mod rejection;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use axum::response::{IntoResponse, Response};

use super::{BODY_TEXT_LIMIT, HttpAnswer, UnclassifiedAnswer, body_is_text, needs_problem};
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

/// A tower layer that answers every error response in problem+json: a 4xx or 5xx response
/// that is not already `application/problem+json` becomes a [`Problem`] with the same status
/// and headers, reported once like any classified error.
///
/// This covers what no handler returns: an unknown route's empty 404, a 405, a rejection a
/// handler did not wrap (`text/plain`), a panic that `tower_http`'s `CatchPanicLayer` turned
/// into a 500. Responses that are already problem+json (every `Classify` type, every
/// [`Reply`]) pass untouched, and so does every success.
///
/// | status | class    | severity | `code`          | `detail`                                              |
/// |--------|----------|----------|-----------------|-------------------------------------------------------|
/// | 4xx    | business | info     | `http.<status>` | the body's text when it is `text/plain` (axum's rejections), else the reason phrase |
/// | 5xx    | system   | error    | `http.<status>` | `"an internal error occurred"`: a 5xx body is never passed through |
///
/// The log event's message is the original body's text when it is `text/plain` and at most
/// 16 KiB (else the reason phrase), so an operator reads what the client no longer sees; its
/// `error_id` is the body's. Headers are kept, but `Content-Type` and `Content-Length`, which describe the new
/// body.
///
/// Add it last, so that it wraps every route, the fallback and the other layers:
///
/// ```
/// use axum::{Router, routing::get};
///
/// let app: Router = Router::new()
///     .route("/orders/{id}", get(|| async { "order" }))
///     .layer(onus::axum::problem_layer());
/// ```
#[must_use]
pub fn problem_layer() -> ProblemLayer {
    ProblemLayer { _private: () }
}

/// The layer [`problem_layer`] returns.
#[derive(Debug, Clone, Copy)]
pub struct ProblemLayer {
    _private: (),
}

impl<S> tower_layer::Layer<S> for ProblemLayer {
    type Service = ProblemService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ProblemService { inner }
    }
}

/// The service [`ProblemLayer`] wraps around an inner service.
#[derive(Debug, Clone)]
pub struct ProblemService<S> {
    inner: S,
}

impl<S, Request> tower_service::Service<Request> for ProblemService<S>
where
    S: tower_service::Service<Request>,
    S::Response: IntoResponse,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = answer.await?.into_response();
            Ok(as_problem(response).await)
        })
    }
}

/// `response`, or the [`Problem`] it becomes when it is an error in another format.
async fn as_problem(response: Response) -> Response {
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    if !needs_problem(response.status(), content_type) {
        return response;
    }
    let read_text = body_is_text(content_type);
    let (mut parts, body) = response.into_parts();
    // A body that is not text, or too long, is dropped unread: only its status is answered.
    let text = if read_text {
        axum::body::to_bytes(body, BODY_TEXT_LIMIT).await.ok()
    } else {
        None
    };
    let error = UnclassifiedAnswer::new(parts.status, text.as_deref());
    let (answer, body) = axum_response(&error).into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    for (name, value) in &answer.headers {
        parts.headers.insert(name, value.clone());
    }
    Response::from_parts(parts, body)
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
