//! End to end over axum: a real server on 127.0.0.1:0, a real HTTP client, every variant of a
//! test enum; status, headers, body and the one log event each failed request writes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use http_support::{
    ApiError, CASES, check_case, check_declarations, error_for, start_logging, take_report_events,
};
use onus::client::{Reaction, Retry, retry_after};

async fn fail(Path(name): Path<String>) -> Result<String, ApiError> {
    Err(error_for(&name))
}

async fn succeed() -> Result<&'static str, ApiError> {
    Ok("fine")
}

#[test]
fn every_variant_answers_over_axum() {
    // The guard is held by this synchronous test, not across the runtime's await points.
    let _serial = start_logging();
    check_declarations();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let app = Router::new()
            .route("/case/{name}", get(fail))
            .route("/ok", get(succeed));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();

        let ok = client
            .get(format!("http://{address}/ok"))
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 200);
        assert_eq!(ok.text().await.unwrap(), "fine");
        assert!(take_report_events().is_empty(), "a success logs no error");

        for case in CASES {
            let response = client
                .get(format!("http://{address}/case/{}", case.name))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            // The client side reads the same answer: Retry-After makes the 503 wait 5 s.
            let reaction = Reaction::for_response(status, retry_after(response.headers()));
            let expected_retry = match case.name {
                "store" => Retry::After(Duration::from_secs(5)),
                "payment_gateway" => Retry::Backoff,
                _ => Retry::No,
            };
            assert_eq!(reaction.retry, expected_retry, "{}", case.name);
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.text().await.unwrap();
            check_case(case, status, &headers, &body, &take_report_events());
        }
        server.abort();
    });
}
