//! Extractors whose rejections are classified errors, so that a malformed request gets the same
//! `application/problem+json` answer as every other error of the shop.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The request itself is wrong: the caller's to fix.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, severity = info)]
pub enum RequestError {
    /// The body is not labelled `Content-Type: application/json`.
    #[error("the request body must be JSON, sent with `Content-Type: application/json`")]
    #[onus(status = 415, code = "request.not_json")]
    NotJson,
    /// The body is not valid JSON.
    #[error("the request body is not valid JSON: {0}")]
    #[onus(status = 400, code = "request.malformed_json")]
    MalformedJson(String),
    /// The body is JSON, but not what this endpoint takes.
    #[error("the request body does not match what this endpoint takes: {0}")]
    #[onus(status = 422, code = "request.invalid_body")]
    InvalidBody(String),
    /// A path segment is not what the route takes, e.g. `/orders/abc`.
    #[error("the path is not valid here: {0}")]
    #[onus(status = 400, code = "request.invalid_path")]
    InvalidPath(String),
    /// No route has this path.
    #[error("there is nothing at this path")]
    #[onus(status = 404, code = "request.unknown_route")]
    UnknownRoute,
}

#[onus::check(deny)]
impl From<JsonRejection> for RequestError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::NotJson,
            JsonRejection::JsonSyntaxError(error) => Self::MalformedJson(error.body_text()),
            JsonRejection::JsonDataError(error) => Self::InvalidBody(error.body_text()),
            // `JsonRejection` is non-exhaustive: a failure to read the body, or one axum adds
            // later. Its own status is kept in its text, which is about the caller's request.
            other => Self::MalformedJson(other.body_text()),
        }
    }
}

/// `axum::Json`, rejecting with a [`RequestError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

#[onus::check(deny)]
impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = RequestError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<T>::from_request(request, state).await?;
        Ok(Self(value))
    }
}

/// `axum::extract::Path`, rejecting with a [`RequestError`].
#[derive(Debug, Clone, Copy)]
pub struct Path<T>(pub T);

#[onus::check(deny)]
impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(value) = axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(|rejection: PathRejection| RequestError::InvalidPath(rejection.body_text()))?;
        Ok(Self(value))
    }
}

/// The answer to a path no route has.
pub async fn unknown_route() -> RequestError {
    RequestError::UnknownRoute
}
