//! End to end over actix-web: a real server on 127.0.0.1:0, a real HTTP client, every variant of
//! a test enum; status, headers, body and the one log event each failed request writes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use std::time::Duration;

use actix_web::{App, HttpServer, web};
use http_support::{
    ApiError, LegacyError, check_declarations, error_for, legacy_call, legacy_error_for,
    request_every_case, request_every_reply, start_logging,
};
use onus::Reply;

async fn fail(name: web::Path<String>) -> Result<String, ApiError> {
    Err(error_for(&name))
}

async fn succeed() -> Result<&'static str, ApiError> {
    Ok("fine")
}

/// A hand-written `impl Classified` answers in one line...
async fn reply(name: web::Path<String>) -> Result<String, Reply<LegacyError>> {
    Err(Reply(legacy_error_for(&name)))
}

/// ...or through `?`, with `Reply<E>` as the handler's error type...
async fn reply_try(name: web::Path<String>) -> Result<String, Reply<LegacyError>> {
    Ok(legacy_call(&name)?)
}

/// ...or as the handler's whole answer (`Responder`).
async fn reply_responder(name: web::Path<String>) -> Reply<LegacyError> {
    Reply(legacy_error_for(&name))
}

#[test]
fn every_variant_answers_over_actix() {
    let _serial = start_logging();
    check_declarations();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let (handle_tx, handle_rx) = std::sync::mpsc::channel();
    // actix-web runs on its own single-threaded system; the test drives the client on tokio.
    let server_thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .route("/case/{name}", web::get().to(fail))
                    .route("/ok", web::get().to(succeed))
                    .route("/reply/{name}", web::get().to(reply))
                    .route("/reply-try/{name}", web::get().to(reply_try))
                    .route("/reply-responder/{name}", web::get().to(reply_responder))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)?
            .run();
            let _ = handle_tx.send(server.handle());
            server.await
        })
    });
    let handle = handle_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the actix server starts");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        request_every_case(address).await;
        request_every_reply(address, &["reply", "reply-try", "reply-responder"]).await;
        handle.stop(true).await;
    });
    server_thread.join().unwrap().unwrap();
}
