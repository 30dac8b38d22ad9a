//! `GET /export`: every title as text, at most once a minute.
//!
//! Its error is classified by hand, as an error a service had before onus would be: no derive,
//! so it answers through `onus::Reply`.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse as _, Response};
use onus::{Class, Classified, PublicMessage, Reply, Severity, StatusCode};

use crate::AppState;
use crate::notes::NoteError;

/// An export was asked for again too soon.
#[derive(Debug)]
pub struct ExportLimited;

impl fmt::Display for ExportLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an export was made less than a minute ago; try again later")
    }
}

impl std::error::Error for ExportLimited {}

impl Classified for ExportLimited {
    fn class(&self) -> Class {
        Class::Business
    }

    fn status(&self) -> StatusCode {
        StatusCode::TOO_MANY_REQUESTS
    }

    fn severity(&self) -> Severity {
        Severity::Info
    }

    fn code(&self) -> &'static str {
        "export.limited"
    }

    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(60))
    }

    fn public_message(&self) -> PublicMessage<'_> {
        PublicMessage::display(self)
    }
}

/// Whether the one export of the current minute was made. (A real service would reset it
/// every minute; the example never does, which its tests rely on.)
#[derive(Debug, Clone, Default)]
pub struct ExportWindow(Arc<AtomicBool>);

/// The titles, one a line; `429` with `Retry-After: 60` when asked again.
///
/// Two kinds of error answer here, so the handler returns a `Response` and each error becomes
/// one: the hand-written `ExportLimited` through `Reply`, the database's through `NoteError`.
pub async fn export(State(state): State<AppState>) -> Result<String, Response> {
    if state.export_window.0.swap(true, Ordering::SeqCst) {
        return Err(Reply(ExportLimited).into_response());
    }
    let titles = state
        .db
        .titles()
        .map_err(|error| NoteError::from(error).into_response())?;
    Ok(titles.join("\n"))
}
