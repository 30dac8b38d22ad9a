//! End to end over actix-web: a real server on 127.0.0.1:0, a real HTTP client, every variant of
//! a test enum; status, headers, body and the one log event each failed request writes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use std::time::Duration;

use actix_web::{App, HttpServer, web};
use http_support::{
    ApiError, JsonRejections, LegacyError, Rewritten, SECRET, check_declarations,
    check_json_rejections, check_rewritten, error_for, get, header, legacy_call, legacy_error_for,
    request_every_case, request_every_reply, send, start_logging, take_report_events,
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

/// Starts the app `$app` builds on its own actix system on 127.0.0.1:0, runs the async block
/// `$client` against its address on tokio, and stops the server. A macro: `HttpServer::new`'s
/// bounds on the app factory are not worth spelling out.
macro_rules! serve {
    ($app:expr, |$address:ident| $client:expr) => {{
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let $address = listener.local_addr().unwrap();
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        // actix-web runs on its own single-threaded system; the test drives the client on tokio.
        let server_thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new($app)
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
            $client.await;
            handle.stop(true).await;
        });
        server_thread.join().unwrap().unwrap();
    }};
}

#[test]
fn every_variant_answers_over_actix() {
    let _serial = start_logging();
    check_declarations();
    serve!(
        || {
            App::new()
                .route("/case/{name}", web::get().to(fail))
                .route("/ok", web::get().to(succeed))
                .route("/reply/{name}", web::get().to(reply))
                .route("/reply-try/{name}", web::get().to(reply_try))
                .route("/reply-responder/{name}", web::get().to(reply_responder))
        },
        |address| async {
            request_every_case(address).await;
            request_every_reply(address, &["reply", "reply-try", "reply-responder"]).await;
        }
    );
}

async fn item(id: web::Path<u32>) -> String {
    format!("item {id}")
}

async fn create(fields: web::Json<std::collections::HashMap<String, u32>>) -> String {
    format!("{} fields", fields.len())
}

/// A 5xx written by hand, with internal text the middleware must not pass through.
async fn plain_500() -> actix_web::HttpResponse {
    actix_web::HttpResponse::InternalServerError().body(format!("db at {SECRET} refused"))
}

/// A 4xx written by hand, with a header the middleware keeps.
async fn teapot() -> actix_web::HttpResponse {
    actix_web::HttpResponse::ImATeapot()
        .insert_header(("x-kept", "yes"))
        .body("short and stout")
}

#[test]
fn every_error_response_is_problem_json_over_actix() {
    let _serial = start_logging();
    serve!(
        || {
            App::new()
                .wrap(onus::actix::problem_handlers())
                .route("/ok", web::get().to(succeed))
                .route("/case/{name}", web::get().to(fail))
                .route("/reply/{name}", web::get().to(reply))
                .route("/items/{id}", web::get().to(item))
                .route("/items", web::post().to(create))
                .route("/plain-500", web::get().to(plain_500))
                .route("/teapot", web::get().to(teapot))
                // A resource with its own routes answers another method with a 405.
                .service(web::resource("/only-get").route(web::get().to(succeed)))
        },
        |address| async {
            let ok = get(address, "/ok").await;
            assert_eq!((ok.0, ok.2.as_str()), (200, "fine"));
            assert!(take_report_events().is_empty(), "a success logs no error");

            let business = |status, detail| Rewritten {
                status,
                code: None,
                detail,
                system: false,
            };
            check_rewritten(
                "unknown route",
                business(404, Some("Not Found")),
                &get(address, "/nope").await,
                &take_report_events(),
            );
            // actix-web answers a method no route takes like an unknown route: 404.
            check_rewritten(
                "wrong method",
                business(404, Some("Not Found")),
                &send(address, "DELETE", "/ok", None, "").await,
                &take_report_events(),
            );
            let not_allowed = send(address, "DELETE", "/only-get", None, "").await;
            check_rewritten(
                "method not allowed",
                business(405, Some("Method Not Allowed")),
                &not_allowed,
                &take_report_events(),
            );
            // actix-web's `Path` rejection is a 404 with its own text.
            let problem = check_rewritten(
                "path rejection",
                business(404, None),
                &get(address, "/items/abc").await,
                &take_report_events(),
            );
            assert_ne!(
                problem["detail"], "Not Found",
                "actix's own text: {problem}"
            );
            check_rewritten(
                "json rejection without content type",
                business(400, None),
                &send(address, "POST", "/items", None, "{}").await,
                &take_report_events(),
            );
            check_rewritten(
                "json rejection of bad fields",
                business(400, None),
                &send(
                    address,
                    "POST",
                    "/items",
                    Some("application/json"),
                    r#"{"a": "x"}"#,
                )
                .await,
                &take_report_events(),
            );
            let teapot = get(address, "/teapot").await;
            check_rewritten(
                "hand-written 4xx",
                business(418, Some("short and stout")),
                &teapot,
                &take_report_events(),
            );
            assert_eq!(header(&teapot.1, "x-kept"), Some("yes"), "headers are kept");

            // A 5xx body never reaches the client; the log keeps it.
            let plain = get(address, "/plain-500").await;
            let events = take_report_events();
            check_rewritten(
                "hand-written 5xx",
                Rewritten {
                    status: 500,
                    code: None,
                    detail: None,
                    system: true,
                },
                &plain,
                &events,
            );
            assert!(events[0].to_string().contains(SECRET), "{:?}", events[0]);

            // What is already problem+json passes untouched: one report, not two.
            request_every_case(address).await;
            request_every_reply(address, &["reply"]).await;
        }
    );
}

async fn search(query: web::Query<std::collections::HashMap<String, u32>>) -> String {
    format!("{} terms", query.len())
}

#[test]
fn extractor_errors_answer_in_problem_json_over_actix() {
    let _serial = start_logging();
    serve!(
        || {
            // No problem middleware: the extractor errors are classified, not rewritten.
            App::new()
                .configure(onus::actix::extractor_configs)
                .route("/items/{id}", web::get().to(item))
                .route("/items", web::post().to(create))
                .route("/search", web::get().to(search))
        },
        |address| async {
            check_json_rejections(
                address,
                JsonRejections {
                    no_content_type: (400, "Content type error"),
                    malformed: ("x", 400),
                    wrong_fields: (400, "Json deserialize error: "),
                },
            )
            .await;
            check_rewritten(
                "path",
                Rewritten::rejection(400, "request.path", None),
                &get(address, "/items/abc").await,
                &take_report_events(),
            );
            check_rewritten(
                "query",
                Rewritten::rejection(400, "request.query", None),
                &get(address, "/search?n=x").await,
                &take_report_events(),
            );
            let ok = get(address, "/search?n=1").await;
            assert_eq!((ok.0, ok.2.as_str()), (200, "1 terms"));
            assert!(take_report_events().is_empty());
        }
    );
}
