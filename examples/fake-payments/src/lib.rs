//! A fake card-payment provider: the upstream that both shop examples charge cards through.
//!
//! It speaks a small JSON API, `POST /v1/charges` with `{"amount_cents": 1200, "card": "4242..."}`,
//! and answers like a real processor does, including the ways real processors fail. Which way is
//! chosen by the card number, as with the test cards of real providers:
//!
//! | card                  | answer                                                          |
//! |-----------------------|-----------------------------------------------------------------|
//! | [`CARD_OK`]           | `200 {"id": "ch_1", "amount_cents": ..}`                        |
//! | [`CARD_DECLINED`]     | `402 {"error": "card_declined"}`: the customer's problem        |
//! | [`CARD_FLAKY`]        | `503` for the first [`FLAKY_FAILURES`] charges, then `200`      |
//! | [`CARD_OUTAGE`]       | `503 {"error": "processing_error"}`, always                     |
//! | [`CARD_SLOW`]         | `200`, but only after [`SLOW_DELAY`]                            |
//! | [`CARD_GARBLED`]      | `200` with a body that is not JSON                              |
//!
//! Anything else is `400 {"error": "invalid_card"}`.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

/// A card that is charged.
pub const CARD_OK: &str = "4242424242424242";
/// A card that is declined (`402`).
pub const CARD_DECLINED: &str = "4000000000000002";
/// A card whose first [`FLAKY_FAILURES`] charges meet a transient `503`.
pub const CARD_FLAKY: &str = "4000000000000119";
/// A card whose charges always meet a `503`: the provider is down for it.
pub const CARD_OUTAGE: &str = "4000000000000341";
/// A card whose charge is answered after [`SLOW_DELAY`].
pub const CARD_SLOW: &str = "4000000000000077";
/// A card whose charge is answered with a body that is not JSON.
pub const CARD_GARBLED: &str = "4000000000009995";

/// How many charges of [`CARD_FLAKY`] fail before one succeeds.
pub const FLAKY_FAILURES: u32 = 2;
/// How long a charge of [`CARD_SLOW`] takes.
pub const SLOW_DELAY: Duration = Duration::from_secs(1);

/// The body of `POST /v1/charges`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChargeRequest {
    /// The amount to charge, in cents.
    pub amount_cents: u64,
    /// The card number.
    pub card: String,
}

/// A successful charge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Charge {
    /// The provider's id of the charge.
    pub id: String,
    /// The amount charged, in cents.
    pub amount_cents: u64,
}

/// A failed charge, as the provider explains it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChargeFailure {
    /// `card_declined`, `processing_error` or `invalid_card`.
    pub error: String,
}

#[derive(Debug, Default)]
struct Counters {
    charges: AtomicU32,
    flaky_failures: AtomicU32,
}

/// The provider's routes, for serving them elsewhere.
pub fn router() -> Router {
    routes(Arc::new(Counters::default()))
}

fn routes(counters: Arc<Counters>) -> Router {
    Router::new()
        .route("/v1/charges", post(charge))
        .with_state(counters)
}

/// A provider serving on a local port.
#[derive(Debug)]
pub struct Provider {
    address: SocketAddr,
    counters: Arc<Counters>,
    server: tokio::task::JoinHandle<()>,
}

impl Provider {
    /// Starts the provider on `127.0.0.1` on a free port, on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// When no local port can be bound.
    pub async fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let app = routes(Arc::clone(&counters));
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the fake payment provider stopped");
            }
        });
        Ok(Self {
            address,
            counters,
            server,
        })
    }

    /// The base URL to charge through, e.g. `http://127.0.0.1:40123`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// How many charge requests the provider has received, retries included.
    #[must_use]
    pub fn charges_received(&self) -> u32 {
        self.counters.charges.load(Ordering::Relaxed)
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn charge(
    State(counters): State<Arc<Counters>>,
    Json(request): Json<ChargeRequest>,
) -> Response {
    let number = counters.charges.fetch_add(1, Ordering::Relaxed) + 1;
    let charged = || {
        let charge = Charge {
            id: format!("ch_{number}"),
            amount_cents: request.amount_cents,
        };
        (StatusCode::OK, Json(charge)).into_response()
    };
    let failure = |status: StatusCode, error: &str| {
        (
            status,
            Json(ChargeFailure {
                error: error.to_owned(),
            }),
        )
            .into_response()
    };
    match request.card.as_str() {
        CARD_OK => charged(),
        CARD_DECLINED => failure(StatusCode::PAYMENT_REQUIRED, "card_declined"),
        CARD_FLAKY => {
            let failed_before = counters.flaky_failures.fetch_add(1, Ordering::Relaxed);
            if failed_before < FLAKY_FAILURES {
                failure(StatusCode::SERVICE_UNAVAILABLE, "processing_error")
            } else {
                charged()
            }
        }
        CARD_OUTAGE => failure(StatusCode::SERVICE_UNAVAILABLE, "processing_error"),
        CARD_SLOW => {
            tokio::time::sleep(SLOW_DELAY).await;
            charged()
        }
        CARD_GARBLED => (StatusCode::OK, "<html>upstream proxy error</html>").into_response(),
        _ => failure(StatusCode::BAD_REQUEST, "invalid_card"),
    }
}
