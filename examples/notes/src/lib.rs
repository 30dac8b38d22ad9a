//! Notes: a small axum + SQLite service that adopts onus from its documentation alone
//! (`docs/recipes/axum.md`), the service of issue 14.
//!
//! - `rusqlite::Error` answers through `#[onus(via = crate::db::db_failure)]`: no row is a 404,
//!   anything else a 503 ([`db`]);
//! - a hand-written `impl Classified` answers through `onus::Reply` ([`export`]);
//! - axum's `JsonRejection` and `PathRejection` are wrapped `#[onus(transparent)]`, so they keep
//!   axum's statuses (415, 400, 422) and answer problem+json ([`notes::NoteError`]);
//! - `onus::axum::problem_layer()` makes what no handler answers (an unknown route, a 405)
//!   problem+json too ([`app`]).
//!
//! Every error body carries the `error_id` of its one log event.

pub mod db;
pub mod export;
pub mod notes;

/// The axum recipes, compiled and run as doctests: this service is built from them.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/recipes/axum.md")]
pub struct AxumRecipes;

/// The recipes for foreign errors (`std::io`, reqwest, anyhow), compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/recipes/foreign-errors.md")]
pub struct ForeignErrorRecipes;

use axum::Router;
use axum::routing::{get, post};

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: db::Db,
    pub export_window: export::ExportWindow,
}

impl axum::extract::FromRef<AppState> for db::Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

/// The service: its routes, and the problem layer around all of them, added last.
pub fn app(db: db::Db) -> Router {
    let state = AppState {
        db,
        export_window: export::ExportWindow::default(),
    };
    Router::new()
        .route("/notes", post(notes::create))
        .route("/notes/{id}", get(notes::show))
        .route("/export", get(export::export))
        .with_state(state)
        .layer(onus::axum::problem_layer())
}
