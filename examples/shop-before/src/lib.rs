//! A small shop service, written the way services often are: it works on the happy path and
//! handles errors by habit. `docs/adopting-onus.md` walks from here to `examples/shop`.
//!
//! Do not copy this code: every error-handling pattern in it is one that `cargo onus check`
//! reports (the repository's own check excludes this directory for that reason).

pub mod health;
pub mod mail;
pub mod orders;
pub mod payments;
pub mod signup;
pub mod store;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tokio::sync::mpsc;

use crate::mail::MailJob;
use crate::payments::PaymentsClient;
use crate::store::Store;

/// What every handler gets.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub store: Arc<Store>,
    /// The card-payment provider.
    pub payments: PaymentsClient,
    /// The queue of the mail worker.
    pub mail: mpsc::UnboundedSender<MailJob>,
}

/// The shop's routes.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/signup", post(signup::signup))
        .route("/orders", post(orders::create_order))
        .route("/orders/{id}", get(orders::get_order))
        .route("/orders/{id}/payment", post(payments::pay))
        .with_state(state)
}
