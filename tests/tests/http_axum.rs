//! End to end over axum: a real server on 127.0.0.1:0, a real HTTP client, every variant of a
//! test enum; status, headers, body and the one log event each failed request writes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod http_support;

use axum::Router;
use axum::extract::Path;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::routing::get as get_route;
use http_support::{
    ApiError, JsonRejections, LegacyError, Rewritten, SECRET, check_declarations,
    check_json_rejections, check_rewritten, error_for, get, header, legacy_call, legacy_error_for,
    request_every_case, request_every_reply, send, start_logging, take_report_events,
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

/// Serves `app` on 127.0.0.1:0 while `client` runs against its address.
fn serve<F: std::future::Future<Output = ()>>(
    app: Router,
    client: impl FnOnce(std::net::SocketAddr) -> F,
) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        client(address).await;
        server.abort();
    });
}

#[test]
fn every_variant_answers_over_axum() {
    // The guard is held by this synchronous test, not across the runtime's await points.
    let _serial = start_logging();
    check_declarations();
    let app = Router::new()
        .route("/case/{name}", get_route(fail))
        .route("/ok", get_route(succeed))
        .route("/reply/{name}", get_route(reply))
        .route("/reply-try/{name}", get_route(reply_try));
    serve(app, |address| async move {
        request_every_case(address).await;
        request_every_reply(address, &["reply", "reply-try"]).await;
    });
}

async fn item(Path(id): Path<u32>) -> String {
    format!("item {id}")
}

async fn create(axum::Json(fields): axum::Json<std::collections::HashMap<String, u32>>) -> String {
    format!("{} fields", fields.len())
}

async fn panics() -> &'static str {
    panic!("invariant broken for {SECRET}")
}

/// A 5xx written by hand, with internal text the layer must not pass through.
async fn plain_500() -> (axum::http::StatusCode, String) {
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        format!("db at {SECRET} refused"),
    )
}

/// A 4xx written by hand, with a header the layer keeps.
async fn teapot() -> impl axum::response::IntoResponse {
    (
        axum::http::StatusCode::IM_A_TEAPOT,
        [("x-kept", "yes")],
        "short and stout",
    )
}

#[test]
fn every_error_response_is_problem_json_over_axum() {
    let _serial = start_logging();
    let app = Router::new()
        .route("/ok", get_route(succeed))
        .route("/case/{name}", get_route(fail))
        .route("/reply/{name}", get_route(reply))
        .route("/items/{id}", get_route(item))
        .route("/items", axum::routing::post(create))
        .route("/panic", get_route(panics))
        .route("/plain-500", get_route(plain_500))
        .route("/teapot", get_route(teapot))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(onus::axum::problem_layer());
    serve(app, |address| async move {
        let ok = get(address, "/ok").await;
        assert_eq!((ok.0, ok.2.as_str()), (200, "fine"));
        assert!(take_report_events().is_empty(), "a success logs no error");

        let business = |status, detail| Rewritten {
            status,
            code: None,
            detail,
            system: false,
        };
        let system = Rewritten {
            status: 500,
            code: None,
            detail: None,
            system: true,
        };
        check_rewritten(
            "unknown route",
            business(404, Some("Not Found")),
            &get(address, "/nope").await,
            &take_report_events(),
        );
        let wrong_method = send(address, "DELETE", "/ok", None, "").await;
        check_rewritten(
            "405",
            business(405, Some("Method Not Allowed")),
            &wrong_method,
            &take_report_events(),
        );
        assert_eq!(header(&wrong_method.1, "allow"), Some("GET,HEAD"), "kept");
        let problem = check_rewritten(
            "path rejection",
            business(400, None),
            &get(address, "/items/abc").await,
            &take_report_events(),
        );
        assert!(
            problem["detail"].as_str().unwrap().contains("abc"),
            "axum's own text: {problem}"
        );
        check_rewritten(
            "json rejection without content type",
            business(
                415,
                Some("Expected request with `Content-Type: application/json`"),
            ),
            &send(address, "POST", "/items", None, "{}").await,
            &take_report_events(),
        );
        check_rewritten(
            "json rejection of bad fields",
            business(422, None),
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
        check_rewritten(
            "panic",
            system,
            &get(address, "/panic").await,
            &take_report_events(),
        );
        let plain = get(address, "/plain-500").await;
        let events = take_report_events();
        check_rewritten("hand-written 5xx", system, &plain, &events);
        assert!(events[0].to_string().contains(SECRET), "{:?}", events[0]);

        // What is already problem+json passes untouched: one report, not two.
        request_every_case(address).await;
        request_every_reply(address, &["reply"]).await;
    });
}

/// A service's request errors: axum's rejections, answered with axum's statuses and texts.
#[derive(Debug, thiserror::Error, onus::Classify)]
enum RequestError {
    #[error(transparent)]
    #[onus(transparent)]
    Json(#[from] JsonRejection),
    #[error(transparent)]
    #[onus(transparent)]
    Path(#[from] PathRejection),
}

async fn create_checked(
    payload: Result<axum::Json<std::collections::HashMap<String, u32>>, JsonRejection>,
) -> Result<String, RequestError> {
    let axum::Json(fields) = payload?;
    Ok(format!("{} fields", fields.len()))
}

async fn item_checked(id: Result<Path<u32>, PathRejection>) -> Result<String, RequestError> {
    let Path(id) = id?;
    Ok(format!("item {id}"))
}

#[test]
fn rejections_answer_with_axums_status_in_problem_json() {
    let _serial = start_logging();
    // No problem layer: the rejections are classified, not rewritten.
    let app = Router::new()
        .route("/items", axum::routing::post(create_checked))
        .route("/items/{id}", get_route(item_checked));
    serve(app, |address| async move {
        check_json_rejections(
            address,
            JsonRejections {
                no_content_type: (
                    415,
                    "Expected request with `Content-Type: application/json`",
                ),
                malformed: ("{", 400),
                wrong_fields: (
                    422,
                    "Failed to deserialize the JSON body into the target type: ",
                ),
            },
        )
        .await;
        let problem = check_rewritten(
            "path",
            Rewritten::rejection(400, "request.path", None),
            &get(address, "/items/abc").await,
            &take_report_events(),
        );
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("Invalid URL: "),
            "axum's text: {problem}"
        );
        let ok = send(address, "POST", "/items", Some("application/json"), "{}").await;
        assert_eq!((ok.0, ok.2.as_str()), (200, "0 fields"));
    });
}
