//! `GET /health`: whether the store answers.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// Answers `ok`, or the store's own error text with a 503: the load balancer's health check
/// reads it, and so does anyone on the internet.
pub async fn health(State(state): State<AppState>) -> Result<&'static str, (StatusCode, String)> {
    state
        .store
        .user("health@probe")
        .map_err(|error| (StatusCode::SERVICE_UNAVAILABLE, error.to_string()))?;
    Ok("ok")
}
