//! Serves the shop on `PORT` (default 3000), charging cards through `PAYMENTS_URL`, or through a
//! fake payment provider started in-process when it is not set.

use std::sync::Arc;
use std::time::Duration;

use shop_before::mail::{self, Mailer};
use shop_before::payments::PaymentsClient;
use shop_before::store::Store;
use shop_before::{AppState, app};
use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().init();
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().unwrap_or(3000),
        Err(_) => 3000,
    };
    let provider;
    let payments_url = match std::env::var("PAYMENTS_URL") {
        Ok(url) => url,
        Err(_) => {
            provider = fake_payments::Provider::start().await.expect("a free port");
            provider.url()
        }
    };
    let payments =
        PaymentsClient::new(payments_url, Duration::from_secs(2)).expect("an HTTP client");
    let (mail, jobs) = mpsc::unbounded_channel();
    tokio::spawn(mail::run_worker(jobs, Mailer::default()));
    let state = AppState {
        store: Arc::new(Store::default()),
        payments,
        mail,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("a free port");
    tracing::info!(
        "listening on {}",
        listener.local_addr().expect("a bound socket")
    );
    axum::serve(listener, app(state))
        .await
        .expect("the server runs");
}
