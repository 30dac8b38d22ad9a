//! Shared by the end-to-end tests: an error enum whose internal texts carry a secret marker, the
//! cases to request, and a JSON log captured through `tracing-subscriber`'s fmt layer.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::Write;
use std::sync::{Mutex, MutexGuard, OnceLock};

use onus::Classified;

/// Must reach the log, never a client.
pub const SECRET: &str = "SECRET-d41f9";

/// A dependency's error; its text is internal.
#[derive(Debug, thiserror::Error)]
#[error("connect to postgres://app:{SECRET}@10.0.0.7 refused")]
pub struct StoreError;

/// A wrapped error with its own declarations, reached through a transparent variant.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PaymentError {
    #[error("the card was declined")]
    #[onus(class = business, status = 402, severity = info, code = "payment.declined")]
    Declined,
    #[error("gateway answered garbage for merchant {SECRET}")]
    #[onus(class = system, status = 502, severity = error, code = "payment.gateway")]
    Gateway,
}

/// Another crate's error, which cannot implement `Classified` here: `via` classifies it. Both
/// texts carry the secret, so neither may become a public message.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("no rows for key {SECRET}")]
    NoRows,
    #[error("connection to {SECRET} refused")]
    Refused,
}

/// How a [`DriverError`] answers.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum DbFailure {
    #[error("no such record")]
    #[onus(class = business, status = 404, severity = info, code = "db.not_found")]
    NotFound,
    #[error("database at {SECRET} unavailable")]
    #[onus(class = system, status = 503, severity = error, code = "db.unavailable")]
    Unavailable,
}

pub fn db_failure(error: &DriverError) -> DbFailure {
    match error {
        DriverError::NoRows => DbFailure::NotFound,
        DriverError::Refused => DbFailure::Unavailable,
    }
}

/// Every kind of variant an API error enum has.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
pub enum ApiError {
    #[error("email {0:?} is not a valid address")]
    #[onus(class = business, status = 400, severity = info, code = "signup.invalid_email")]
    InvalidEmail(String),
    /// Its field holds internal data that its message does not print.
    #[error("this email is already registered")]
    #[onus(class = business, status = CONFLICT, severity = info)]
    EmailTaken { owner_hint: String },
    #[error("user store unavailable at {SECRET}")]
    #[onus(status = 503, severity = warn, retryable, retry_after = 5)]
    Store(#[source] StoreError),
    #[error("invariant broken: {detail}")]
    Bug { detail: String },
    #[error("disk full writing {SECRET}")]
    #[onus(severity = fatal, public = "the service is down for maintenance")]
    DiskFull,
    #[error(transparent)]
    #[onus(transparent)]
    Payment(#[from] PaymentError),
    /// Answers as [`db_failure`] classifies the driver's error; its own text stays internal.
    #[error("the user database failed: {0}")]
    #[onus(via = db_failure)]
    Db(#[source] DriverError),
}

/// A hand-written `impl Classified`, as a service has from before onus: no derive, so it answers
/// only through `onus::Reply`.
#[derive(Debug)]
pub enum LegacyError {
    /// Business 423, its text shown to the caller.
    Locked(u64),
    /// System 503, retryable after 3 s, with a source; its texts carry the secret.
    Cache(StoreError),
}

impl std::fmt::Display for LegacyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Locked(id) => write!(f, "account {id} is locked"),
            Self::Cache(_) => write!(f, "cache at {SECRET} unreachable"),
        }
    }
}

impl std::error::Error for LegacyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Locked(_) => None,
            Self::Cache(source) => Some(source),
        }
    }
}

impl Classified for LegacyError {
    fn class(&self) -> onus::Class {
        match self {
            Self::Locked(_) => onus::Class::Business,
            Self::Cache(_) => onus::Class::System,
        }
    }
    fn status(&self) -> onus::StatusCode {
        match self {
            Self::Locked(_) => onus::StatusCode::LOCKED,
            Self::Cache(_) => onus::StatusCode::SERVICE_UNAVAILABLE,
        }
    }
    fn severity(&self) -> onus::Severity {
        match self {
            Self::Locked(_) => onus::Severity::Info,
            Self::Cache(_) => onus::Severity::Warn,
        }
    }
    fn code(&self) -> &'static str {
        match self {
            Self::Locked(_) => "legacy.locked",
            Self::Cache(_) => "legacy.cache",
        }
    }
    fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Self::Locked(_) => None,
            Self::Cache(_) => Some(std::time::Duration::from_secs(3)),
        }
    }
    fn public_message(&self) -> onus::PublicMessage<'_> {
        match self {
            Self::Locked(_) => onus::PublicMessage::display(self),
            Self::Cache(_) => onus::PublicMessage::generic(),
        }
    }
}

/// What a hand-written `impl Classified` answers through `onus::Reply`: the same as a derived
/// type, at `/{prefix}/{name}` for each of the test servers' `Reply` routes.
pub const REPLY_CASES: &[Case] = &[
    Case {
        name: "locked",
        status: 423,
        code: "legacy.locked",
        detail: "account 7 is locked",
        level: "INFO",
        severity: "info",
        system: false,
        retry_after: None,
    },
    Case {
        name: "cache",
        status: 503,
        code: "legacy.cache",
        detail: "an internal error occurred",
        level: "WARN",
        severity: "warn",
        system: true,
        retry_after: Some("3"),
    },
];

/// The hand-written error a test server answers `name` with.
pub fn legacy_error_for(name: &str) -> LegacyError {
    match name {
        "locked" => LegacyError::Locked(7),
        _ => LegacyError::Cache(StoreError),
    }
}

/// A call that fails with the hand-written error, for handlers that wrap it with `?`.
pub fn legacy_call(name: &str) -> Result<String, LegacyError> {
    Err(legacy_error_for(name))
}

/// One request the e2e tests make, and what the client must see.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The path segment the test servers route on.
    pub name: &'static str,
    pub status: u16,
    pub code: &'static str,
    pub detail: &'static str,
    /// The `tracing` level name the event is logged at.
    pub level: &'static str,
    /// The declared severity.
    pub severity: &'static str,
    pub system: bool,
    pub retry_after: Option<&'static str>,
}

pub const CASES: &[Case] = &[
    Case {
        name: "invalid_email",
        status: 400,
        code: "signup.invalid_email",
        detail: "email \"bob@\" is not a valid address",
        level: "INFO",
        severity: "info",
        system: false,
        retry_after: None,
    },
    Case {
        name: "email_taken",
        status: 409,
        code: "api_error.email_taken",
        detail: "this email is already registered",
        level: "INFO",
        severity: "info",
        system: false,
        retry_after: None,
    },
    Case {
        name: "store",
        status: 503,
        code: "api_error.store",
        detail: "an internal error occurred",
        level: "WARN",
        severity: "warn",
        system: true,
        retry_after: Some("5"),
    },
    Case {
        name: "bug",
        status: 500,
        code: "api_error.bug",
        detail: "an internal error occurred",
        level: "ERROR",
        severity: "error",
        system: true,
        retry_after: None,
    },
    Case {
        name: "disk_full",
        status: 500,
        code: "api_error.disk_full",
        detail: "the service is down for maintenance",
        level: "ERROR",
        severity: "fatal",
        system: true,
        retry_after: None,
    },
    Case {
        name: "payment_declined",
        status: 402,
        code: "payment.declined",
        detail: "the card was declined",
        level: "INFO",
        severity: "info",
        system: false,
        retry_after: None,
    },
    Case {
        name: "payment_gateway",
        status: 502,
        code: "payment.gateway",
        detail: "an internal error occurred",
        level: "ERROR",
        severity: "error",
        system: true,
        retry_after: None,
    },
    Case {
        name: "db_missing",
        status: 404,
        code: "db.not_found",
        detail: "no such record",
        level: "INFO",
        severity: "info",
        system: false,
        retry_after: None,
    },
    Case {
        name: "db_down",
        status: 503,
        code: "db.unavailable",
        detail: "an internal error occurred",
        level: "ERROR",
        severity: "error",
        system: true,
        retry_after: None,
    },
];

/// The error a test server answers `name` with.
pub fn error_for(name: &str) -> ApiError {
    match name {
        "invalid_email" => ApiError::InvalidEmail("bob@".to_owned()),
        "email_taken" => ApiError::EmailTaken {
            owner_hint: format!("owned by account {SECRET}"),
        },
        "store" => ApiError::Store(StoreError),
        "bug" => ApiError::Bug {
            detail: format!("balance below zero for {SECRET}"),
        },
        "disk_full" => ApiError::DiskFull,
        "payment_declined" => ApiError::Payment(PaymentError::Declined),
        "db_missing" => ApiError::Db(DriverError::NoRows),
        "db_down" => ApiError::Db(DriverError::Refused),
        _ => ApiError::Payment(PaymentError::Gateway),
    }
}

/// Everything the JSON log layer wrote, one event per line.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Serializes the tests of one binary: the log is process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        lock(&LOG).extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding the lock has already failed; the data is still usable.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs the JSON log writer as the global subscriber (servers log from their own threads),
/// and returns a guard that keeps other tests of this binary from interleaving their events.
pub fn start_logging() -> MutexGuard<'static, ()> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
            .with_writer(|| LogWriter)
            .init();
    });
    let guard = lock(&SERIAL);
    lock(&LOG).clear();
    guard
}

/// The `onus::report` events logged since the last call, parsed from the JSON lines.
pub fn take_report_events() -> Vec<serde_json::Value> {
    let bytes = std::mem::take(&mut *lock(&LOG));
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|event| event["target"] == "onus::report")
        .collect()
}

/// Checks one answered case: the body and headers a client got, and the one event logged.
pub fn check_case(
    case: &Case,
    status: u16,
    headers: &[(String, String)],
    body: &str,
    events: &[serde_json::Value],
) {
    let name = case.name;
    assert_eq!(status, case.status, "{name}: status");
    assert!(!body.contains(SECRET), "{name}: secret in body {body}");
    for (header, value) in headers {
        assert!(!value.contains(SECRET), "{name}: secret in header {header}");
    }
    let header = |wanted: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(wanted))
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        header("content-type"),
        Some("application/problem+json"),
        "{name}"
    );
    assert_eq!(
        header("retry-after"),
        case.retry_after,
        "{name}: retry-after"
    );

    let problem: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}: {body}"));
    assert_eq!(problem["status"], case.status, "{name}");
    assert_eq!(problem["code"], case.code, "{name}");
    assert_eq!(problem["detail"], case.detail, "{name}");
    assert_eq!(problem["type"], "about:blank", "{name}");
    assert!(problem["title"].is_string(), "{name}");

    assert_eq!(
        events.len(),
        1,
        "{name}: exactly one event per failed request: {events:#?}"
    );
    let event = &events[0];
    let fields = &event["fields"];
    assert_eq!(event["level"], case.level, "{name}: level");
    assert_eq!(fields["code"], case.code, "{name}");
    assert_eq!(fields["status"], case.status, "{name}");
    assert_eq!(
        fields["class"],
        if case.system { "system" } else { "business" },
        "{name}"
    );
    assert_eq!(fields["severity"], case.severity, "{name}");
    assert_eq!(fields["fatal"], case.severity == "fatal", "{name}");
    assert!(fields["error_id"].is_string(), "{name}");
    // Business and system alike: a user's report of a 409 leads to its log line as a 500's does.
    assert_eq!(
        problem["error_id"], fields["error_id"],
        "{name}: the client's id is the log's"
    );
    if case.system {
        let logged = event.to_string();
        assert!(
            logged.contains(SECRET),
            "{name}: the log must carry the internal text: {logged}"
        );
    }
}

/// The derive gives what the cases above expect; checked without any server.
pub fn check_declarations() {
    for case in CASES {
        let error = error_for(case.name);
        assert_eq!(error.status().as_u16(), case.status, "{}", case.name);
        assert_eq!(error.code(), case.code, "{}", case.name);
        assert_eq!(error.is_system(), case.system, "{}", case.name);
    }
}

/// The client side of an end-to-end test, the same for every framework: `/ok` answers 200 and
/// logs nothing, and each of [`CASES`] at `/case/{name}` answers as [`check_case`] expects, with
/// a `Retry-After` the client's retry policy reads.
pub async fn request_every_case(address: std::net::SocketAddr) {
    use onus::client::{Reaction, Retry, retry_after};
    use std::time::Duration;

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
            "payment_gateway" | "db_down" => Retry::Backoff,
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
}

/// GETs `path` and returns its status, headers and body text.
pub async fn get(
    address: std::net::SocketAddr,
    path: &str,
) -> (u16, Vec<(String, String)>, String) {
    send(address, "GET", path, None, "").await
}

/// Each of [`REPLY_CASES`] under each of `prefixes` (`/{prefix}/{name}`) answers as a derived
/// type would: [`check_case`] on every answer, the no-leak checks included.
pub async fn request_every_reply(address: std::net::SocketAddr, prefixes: &[&str]) {
    take_report_events();
    for prefix in prefixes {
        for case in REPLY_CASES {
            let (status, headers, body) = get(address, &format!("/{prefix}/{}", case.name)).await;
            check_case(case, status, &headers, &body, &take_report_events());
        }
    }
}

/// What a client must get for an error response the application did not answer as a Problem
/// (an unknown route, a rejection, a panic) once a problem layer rewrote it, or for a
/// classified rejection.
#[derive(Debug, Clone, Copy)]
pub struct Rewritten {
    pub status: u16,
    /// `None`: `http.<status>`, the code of an answer known only by its status.
    pub code: Option<&'static str>,
    /// `None`: the framework's own text, which only has to be there.
    pub detail: Option<&'static str>,
    pub system: bool,
}

impl Rewritten {
    /// A framework's rejection of the request: the caller's, with its own code.
    pub const fn rejection(status: u16, code: &'static str, detail: Option<&'static str>) -> Self {
        Self {
            status,
            code: Some(code),
            detail,
            system: false,
        }
    }
}

/// How a framework rejects a JSON body on `POST /items`, as its integration answers it.
pub struct JsonRejections {
    /// No `Content-Type`: the status and the framework's text.
    pub no_content_type: (u16, &'static str),
    /// A body that is not JSON, and the status it gets.
    pub malformed: (&'static str, u16),
    /// Well-formed JSON of the wrong shape: the status, and how the framework's text starts.
    pub wrong_fields: (u16, &'static str),
}

/// Sends the three JSON rejections to `POST /items` and checks each answer with
/// [`check_rewritten`]; the wrong-fields one also logs serde's message once, in the message,
/// not again in the source chain.
pub async fn check_json_rejections(address: std::net::SocketAddr, expected: JsonRejections) {
    let (status, text) = expected.no_content_type;
    check_rewritten(
        "no content type",
        Rewritten::rejection(status, "request.json_content_type", Some(text)),
        &send(address, "POST", "/items", None, "{}").await,
        &take_report_events(),
    );
    let (body, status) = expected.malformed;
    check_rewritten(
        "bad json",
        Rewritten::rejection(status, "request.json_syntax", None),
        &send(address, "POST", "/items", Some("application/json"), body).await,
        &take_report_events(),
    );
    let answer = send(
        address,
        "POST",
        "/items",
        Some("application/json"),
        r#"{"a": "x"}"#,
    )
    .await;
    let events = take_report_events();
    let (status, prefix) = expected.wrong_fields;
    let problem = check_rewritten(
        "bad fields",
        Rewritten::rejection(status, "request.json_data", None),
        &answer,
        &events,
    );
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.starts_with(prefix), "the framework's text: {detail}");
    assert_eq!(events[0]["fields"]["message"], detail);
    assert!(
        events[0]["fields"].get("source_chain").is_none(),
        "{events:?}"
    );
}

/// Checks one rewritten (or rejection) answer: problem+json with the expected status and code,
/// a system error's body never passed through, and one report whose id the body carries.
pub fn check_rewritten(
    what: &str,
    expected: Rewritten,
    (status, headers, body): &(u16, Vec<(String, String)>, String),
    events: &[serde_json::Value],
) -> serde_json::Value {
    assert_eq!(*status, expected.status, "{what}: status ({body})");
    assert!(!body.contains(SECRET), "{what}: secret in body {body}");
    for (header, value) in headers {
        assert!(!value.contains(SECRET), "{what}: secret in header {header}");
    }
    let content_types: Vec<&str> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(content_types, ["application/problem+json"], "{what}");
    let problem: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: {e}: {body}"));
    assert_eq!(problem["status"], expected.status, "{what}");
    let code = expected
        .code
        .map_or_else(|| format!("http.{}", expected.status), str::to_owned);
    assert_eq!(problem["code"], code, "{what}");
    assert_eq!(fields_code(events), Some(code.as_str()), "{what}");
    let detail = problem["detail"].as_str().unwrap_or_default();
    match (expected.system, expected.detail) {
        (true, _) => assert_eq!(detail, "an internal error occurred", "{what}"),
        (false, Some(wanted)) => assert_eq!(detail, wanted, "{what}"),
        (false, None) => assert!(!detail.is_empty(), "{what}: {problem}"),
    }

    assert_eq!(events.len(), 1, "{what}: one report: {events:#?}");
    let fields = &events[0]["fields"];
    assert_eq!(
        fields["class"],
        if expected.system {
            "system"
        } else {
            "business"
        },
        "{what}"
    );
    assert_eq!(
        events[0]["level"],
        if expected.system { "ERROR" } else { "INFO" },
        "{what}"
    );
    assert_eq!(problem["error_id"], fields["error_id"], "{what}");
    problem
}

/// A request with a method, an optional content type and a body.
pub async fn send(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &'static str,
) -> (u16, Vec<(String, String)>, String) {
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client
        .request(method, format!("http://{address}{path}"))
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    (status, headers, response.text().await.unwrap())
}

/// The value of header `name` in `headers`.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The `code` field of the only event in `events`.
fn fields_code(events: &[serde_json::Value]) -> Option<&str> {
    match events {
        [event] => event["fields"]["code"].as_str(),
        _ => None,
    }
}
