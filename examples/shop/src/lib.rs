//! The shop of `examples/shop-before`, after adopting onus (`docs/adopting-onus.md`).
//!
//! - Every error type derives [`onus::Classify`]: whose onus it is (business or system), the
//!   status it answers with, how loudly it is logged, and for system errors, the runbook an
//!   operator follows (`docs/runbooks/`).
//! - Handlers return those errors; onus's `axum` feature turns each into its declared status and
//!   an `application/problem+json` body, and reports it once through [`onus::report`]. A system
//!   error's own text never reaches the client: the client gets its `error_id`, the log has the
//!   rest.
//! - Calls that may pass on a second try (the payment provider, the mail relay) are retried with
//!   [`onus::retry::policy`] (exponential backoff with jitter), and only when the error says it
//!   is [`retryable`](onus::Classified::retryable).
//! - `GET /openapi.json` is the OpenAPI document of the routes ([`ApiDoc`]): each lists the
//!   statuses and codes its error types declare, so the document cannot drift from the code.
//! - `cargo onus check .` in this directory passes with every rule at `deny` (`onus.toml`).

pub mod mail;
pub mod orders;
pub mod payments;
pub mod provider;
pub mod request;
pub mod signup;
pub mod store;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use onus::backon::ExponentialBuilder;

use crate::mail::{MailQueue, MailWorker, Relay};
use crate::provider::{PaymentsClient, ProviderError};
use crate::store::Store;

/// What every handler gets.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub store: Arc<Store>,
    /// The card-payment provider.
    pub payments: PaymentsClient,
    /// The queue of the mail worker.
    pub mail: MailQueue,
}

/// How the shop reaches its dependencies.
#[derive(Debug, Clone)]
pub struct Config {
    /// The payment provider's base URL.
    pub payments_url: String,
    /// How long one charge attempt may take.
    pub payments_timeout: Duration,
    /// How calls to the payment provider and the mail relay are retried.
    pub retry: ExponentialBuilder,
}

impl Config {
    /// The production settings for a provider at `payments_url`: 5 s per attempt, and
    /// [`onus::retry::policy`].
    #[must_use]
    pub fn new(payments_url: String) -> Self {
        Self {
            payments_url,
            payments_timeout: Duration::from_secs(5),
            retry: onus::retry::policy(),
        }
    }
}

/// The shop's parts, before they run: the state the routes share, the mail worker to spawn and
/// the relay it delivers through.
#[derive(Debug)]
pub struct Shop {
    /// What the handlers share.
    pub state: AppState,
    /// The mail worker; spawn [`MailWorker::run`].
    pub mail_worker: MailWorker,
    /// The mail relay, to see what was delivered and what was given up on.
    pub relay: Arc<Relay>,
}

impl Shop {
    /// Builds the shop's parts from `config`.
    ///
    /// # Errors
    ///
    /// When the payment provider's HTTP client cannot be built.
    pub fn new(config: &Config) -> Result<Self, ProviderError> {
        let payments = PaymentsClient::new(
            config.payments_url.clone(),
            config.payments_timeout,
            config.retry,
        )?;
        let relay = Arc::new(Relay::default());
        let (mail, mail_worker) = mail::queue(Arc::clone(&relay), config.retry);
        let state = AppState {
            store: Arc::new(Store::default()),
            payments,
            mail,
        };
        Ok(Self {
            state,
            mail_worker,
            relay,
        })
    }
}

/// The shop's OpenAPI document: each route with the statuses and codes it can answer, read from
/// its error types' declarations (onus's feature `utoipa`), served at `GET /openapi.json`.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(
    info(title = "shop", description = "The shop of examples/shop."),
    paths(signup::signup, orders::create_order, orders::get_order, payments::pay),
    components(schemas(onus::Problem))
)]
pub struct ApiDoc;

/// `GET /openapi.json`.
async fn openapi() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(<ApiDoc as utoipa::OpenApi>::openapi())
}

/// The shop's routes.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/signup", post(signup::signup))
        .route("/orders", post(orders::create_order))
        .route("/orders/{id}", get(orders::get_order))
        .route("/orders/{id}/payment", post(payments::pay))
        .fallback(request::unknown_route)
        .with_state(state)
}
