//! The notes API: what can go wrong, and the handlers.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::db::{Db, Note};

/// Why a request about notes failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    /// The note to create has an empty title.
    #[error("a note needs a title")]
    #[onus(class = business, status = UNPROCESSABLE_ENTITY, severity = info, code = "note.untitled")]
    Untitled,
    /// The database failed: a missing note (404) or an outage (503), as `db_failure` says; the
    /// message keeps SQLite's own text for the log.
    #[error("the notes database failed: {0}")]
    #[onus(via = crate::db::db_failure)]
    Db(#[from] rusqlite::Error),
    /// The body is not a note: axum's own status (415 without a JSON content type, 400 for bad
    /// syntax, 422 for a missing or mistyped field), as problem+json.
    #[error(transparent)]
    #[onus(transparent)]
    Body(#[from] JsonRejection),
    /// The id in the path is not a number: axum's 400, as problem+json.
    #[error(transparent)]
    #[onus(transparent)]
    Id(#[from] PathRejection),
}

/// What `POST /notes` takes.
#[derive(Debug, Deserialize)]
pub struct NewNote {
    pub title: String,
    #[serde(default)]
    pub body: String,
}

/// `POST /notes`: `201 Created` with the note.
pub async fn create(
    State(db): State<Db>,
    note: Result<Json<NewNote>, JsonRejection>,
) -> Result<(StatusCode, Json<Note>), NoteError> {
    let Json(note) = note?;
    if note.title.trim().is_empty() {
        return Err(NoteError::Untitled);
    }
    let created = db.insert(&note.title, &note.body)?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /notes/{id}`.
pub async fn show(
    State(db): State<Db>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Note>, NoteError> {
    let Path(id) = id?;
    Ok(Json(db.get(id)?))
}
