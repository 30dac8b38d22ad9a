//! End to end over axum: a real server on 127.0.0.1:0, a real HTTP client, every variant of a
//! test enum; status, headers, body and the one log event each failed request writes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use http_support::{
    ApiError, LegacyError, check_declarations, error_for, legacy_call, legacy_error_for,
    request_every_case, request_every_reply, start_logging,
};
use onus::Reply;

async fn fail(Path(name): Path<String>) -> Result<String, ApiError> {
    Err(error_for(&name))
}

async fn succeed() -> Result<&'static str, ApiError> {
    Ok("fine")
}

/// A hand-written `impl Classified` answers in one line.
async fn reply(Path(name): Path<String>) -> Result<String, Reply<LegacyError>> {
    Err(Reply(legacy_error_for(&name)))
}

/// ...or through `?`, with `Reply<E>` as the handler's error type.
async fn reply_try(Path(name): Path<String>) -> Result<String, Reply<LegacyError>> {
    Ok(legacy_call(&name)?)
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
            .route("/ok", get(succeed))
            .route("/reply/{name}", get(reply))
            .route("/reply-try/{name}", get(reply_try));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        request_every_case(address).await;
        request_every_reply(address, &["reply", "reply-try"]).await;
        server.abort();
    });
}
