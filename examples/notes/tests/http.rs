//! The notes service over HTTP: a real server on `127.0.0.1:0`, a real client, and every way a
//! request fails, each checked for its status, its `application/problem+json` body, the one log
//! event it writes (whose `error_id` the body carries), and that nothing internal reaches the
//! client.
//!
//! Every test runs on a current-thread runtime, so the server runs on the test's thread and the
//! test's own log capture sees exactly its events.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notes::db::Db;
use serde_json::{Value, json};
use tracing::field::{Field, Visit};
use tracing::subscriber::DefaultGuard;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

/// One captured `onus::report` event: its level and fields.
#[derive(Debug, Clone)]
struct Report {
    level: tracing::Level,
    fields: BTreeMap<String, String>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Report>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "onus::report" {
            return;
        }
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Report {
            level: *event.metadata().level(),
            fields,
        });
    }
}

/// A running service, its database and its log.
struct Service {
    base: String,
    client: reqwest::Client,
    db: Db,
    capture: Capture,
    server: tokio::task::JoinHandle<()>,
    _log: DefaultGuard,
}

/// An HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

impl Service {
    async fn start() -> Self {
        let capture = Capture::default();
        let log = tracing::subscriber::set_default(Registry::default().with(capture.clone()));
        let db = Db::open(":memory:").unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = notes::app(db.clone());
        let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self {
            base,
            client,
            db,
            capture,
            server,
            _log: log,
        }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(self.client.get(format!("{}{path}", self.base)))
            .await
    }

    async fn post(&self, path: &str, content_type: Option<&str>, body: &str) -> Answer {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .body(body.to_owned());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        self.send(request).await
    }

    fn take_reports(&self) -> Vec<Report> {
        std::mem::take(&mut *self.capture.0.lock().unwrap())
    }

    /// Checks a problem+json answer and its one log event; returns the body and the event.
    fn problem(&self, answer: &Answer, status: u16, code: &str) -> (Value, Report) {
        assert_eq!(answer.status, status, "{answer:?}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/problem+json"),
            "{answer:?}"
        );
        let problem = answer.json();
        assert_eq!(problem["status"], status, "{problem}");
        assert_eq!(problem["code"], code, "{problem}");
        let reports = self.take_reports();
        assert_eq!(
            reports.len(),
            1,
            "one log event per failed request: {reports:#?}"
        );
        let report = &reports[0];
        assert_eq!(report.fields.get("code").map(String::as_str), Some(code));
        // A user who quotes the body's id finds this event, for a 4xx as for a 5xx.
        let error_id = problem["error_id"].as_str().unwrap();
        assert_eq!(
            report.fields.get("error_id").map(String::as_str),
            Some(error_id)
        );
        let expected_level = if status >= 500 {
            tracing::Level::ERROR
        } else {
            tracing::Level::INFO
        };
        assert_eq!(report.level, expected_level, "{report:?}");
        (problem, reports[0].clone())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.server.abort();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_note_is_created_and_read_back_without_any_report() {
    let service = Service::start().await;
    let created = service
        .post(
            "/notes",
            Some("application/json"),
            r#"{"title":"milk","body":"2 l"}"#,
        )
        .await;
    assert_eq!(created.status, 201, "{created:?}");
    let id = created.json()["id"].as_i64().unwrap();
    let read = service.get(&format!("/notes/{id}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(
        read.json(),
        json!({ "id": id, "title": "milk", "body": "2 l" })
    );
    assert!(service.take_reports().is_empty(), "a success logs no error");
}

#[tokio::test(flavor = "current_thread")]
async fn a_missing_note_is_a_404_through_via() {
    let service = Service::start().await;
    let answer = service.get("/notes/41").await;
    let (problem, _) = service.problem(&answer, 404, "note.not_found");
    assert_eq!(problem["detail"], "no such note");
    // The variant's own text (SQLite's) is for the log, not the client.
    assert!(
        !answer.body.contains("Query returned no rows"),
        "{}",
        answer.body
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_broken_database_is_a_503_through_via_and_its_text_stays_in_the_log() {
    let service = Service::start().await;
    service.db.execute_batch("DROP TABLE notes").unwrap();
    let answer = service.get("/notes/1").await;
    assert_eq!(answer.header("retry-after"), Some("5"));
    let (problem, report) = service.problem(&answer, 503, "note.db_unavailable");
    assert_eq!(problem["detail"], onus::GENERIC_SYSTEM_MESSAGE);
    assert!(!answer.body.contains("no such table"), "{}", answer.body);
    // The log keeps what happened, and where to look.
    let message = &report.fields["message"];
    assert!(message.contains("no such table: notes"), "{message}");
    assert_eq!(
        report.fields.get("runbook").map(String::as_str),
        Some("docs/runbooks/note.db_unavailable.md")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_untitled_note_is_a_business_422_whose_id_is_in_the_log() {
    let service = Service::start().await;
    let answer = service
        .post("/notes", Some("application/json"), r#"{"title":"  "}"#)
        .await;
    let (problem, _) = service.problem(&answer, 422, "note.untitled");
    assert_eq!(problem["detail"], "a note needs a title");
}

#[tokio::test(flavor = "current_thread")]
async fn json_rejections_keep_axum_s_statuses_as_problem_json() {
    let service = Service::start().await;
    let no_content_type = service.post("/notes", None, r#"{"title":"milk"}"#).await;
    service.problem(&no_content_type, 415, "request.json_content_type");
    let syntax = service
        .post("/notes", Some("application/json"), r#"{"title":"#)
        .await;
    service.problem(&syntax, 400, "request.json_syntax");
    let missing_field = service
        .post("/notes", Some("application/json"), r#"{"body":"no title"}"#)
        .await;
    let (problem, _) = service.problem(&missing_field, 422, "request.json_data");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("missing field `title`"),
        "{problem}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_path_rejection_is_axum_s_400_as_problem_json() {
    let service = Service::start().await;
    let answer = service.get("/notes/first").await;
    let (problem, _) = service.problem(&answer, 400, "request.path");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Invalid URL"),
        "{problem}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_route_and_a_wrong_method_are_problem_json() {
    let service = Service::start().await;
    let unknown = service.get("/nowhere").await;
    service.problem(&unknown, 404, "http.404");
    let wrong_method = service
        .send(service.client.delete(format!("{}/notes", service.base)))
        .await;
    let (problem, _) = service.problem(&wrong_method, 405, "http.405");
    assert_eq!(problem["title"], "Method Not Allowed");
    assert!(
        wrong_method.header("allow").is_some(),
        "axum's Allow header is kept"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_hand_written_classified_answers_through_reply_with_its_retry_after() {
    let service = Service::start().await;
    service
        .post("/notes", Some("application/json"), r#"{"title":"milk"}"#)
        .await;
    let first = service.get("/export").await;
    assert_eq!((first.status, first.body.as_str()), (200, "milk"));
    let second = service.get("/export").await;
    assert_eq!(second.header("retry-after"), Some("60"));
    let (problem, _) = service.problem(&second, 429, "export.limited");
    assert_eq!(
        problem["detail"],
        "an export was made less than a minute ago; try again later"
    );
}
