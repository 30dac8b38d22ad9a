//! The harness: starting the shop, calling it, capturing its log, checking its answers.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fake_payments::Provider;
use serde_json::Value;
use shop::mail::Relay;
use shop::store::Store;
use shop::{Config, Shop, app};
use tracing::field::{Field, Visit};
use tracing::subscriber::DefaultGuard;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

/// One captured log event.
#[derive(Debug, Clone)]
pub struct Event {
    pub level: tracing::Level,
    pub target: String,
    pub fields: BTreeMap<String, String>,
}

impl Event {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Event>>>);

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
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Event {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
}

/// How to start the shop for one test.
pub struct Options {
    /// Appended to the provider's URL: a wrong path makes the provider answer 404.
    pub payments_path: &'static str,
    /// Charge somewhere else than the fake provider.
    pub payments_url: Option<String>,
    pub payments_timeout: Duration,
    /// `false` leaves the mail worker stopped, so the queue is closed.
    pub mail_worker: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            payments_path: "",
            payments_url: None,
            // Under the slow card's delay (1 s), so that one times out; far above what a local
            // call takes even on a loaded 2-core CI machine, so no other test does.
            payments_timeout: Duration::from_millis(700),
            mail_worker: true,
        }
    }
}

/// A running shop and what a test needs to look at it.
pub struct Harness {
    pub base: String,
    pub client: reqwest::Client,
    pub provider: Provider,
    pub store: Arc<Store>,
    pub relay: Arc<Relay>,
    capture: Capture,
    server: tokio::task::JoinHandle<()>,
    _log: DefaultGuard,
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

/// Text that must never reach a client: the internals behind system errors.
pub const INTERNALS: &[&str] = &[
    "database",
    "connection",
    "127.0.0.1",
    "reqwest",
    "processing_error",
    "upstream proxy",
    "mail worker",
    "relay",
    "ch_",
];

impl Harness {
    pub async fn start() -> Self {
        Self::with(Options::default()).await
    }

    pub async fn with(options: Options) -> Self {
        let capture = Capture::default();
        let log = tracing::subscriber::set_default(Registry::default().with(capture.clone()));
        let provider = Provider::start().await.unwrap();
        let config = Config {
            payments_url: options
                .payments_url
                .unwrap_or_else(|| format!("{}{}", provider.url(), options.payments_path)),
            payments_timeout: options.payments_timeout,
            // The production policy, with delays short enough for a test.
            retry: onus::retry::policy()
                .with_min_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(5)),
        };
        let shop = Shop::new(&config).unwrap();
        if options.mail_worker {
            tokio::spawn(shop.mail_worker.run());
        }
        let store = Arc::clone(&shop.state.store);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = app(shop.state);
        let server = tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self {
            base,
            client,
            provider,
            store,
            relay: shop.relay,
            capture,
            server,
            _log: log,
        }
    }

    async fn answer(response: reqwest::Response) -> Answer {
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Self::answer(response).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_raw(path, "application/json", body.to_string())
            .await
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: String) -> Answer {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        Self::answer(response).await
    }

    /// The `onus::report` events written since the last call.
    pub fn take_reports(&self) -> Vec<Event> {
        let mut events = self.capture.0.lock().unwrap();
        let (reports, _others): (Vec<Event>, Vec<Event>) = events
            .drain(..)
            .partition(|event| event.target == "onus::report");
        reports
    }

    /// Every event of any target written since the last call to this or [`Self::take_reports`].
    pub fn take_events(&self) -> Vec<Event> {
        self.capture.0.lock().unwrap().drain(..).collect()
    }

    /// Signs `email` up; panics unless it succeeds.
    pub async fn sign_up(&self, email: &str) {
        let answer = self
            .post(
                "/signup",
                &serde_json::json!({"email": email, "password": "correct horse battery"}),
            )
            .await;
        assert_eq!(answer.status, 201, "{}", answer.body);
    }

    /// Places an order for `email` (who must be signed up); its number.
    pub async fn order(&self, email: &str) -> u64 {
        let answer = self
            .post(
                "/orders",
                &serde_json::json!({"email": email, "items": [{"sku": "mug", "quantity": 2}]}),
            )
            .await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        answer.json()["id"].as_u64().unwrap()
    }

    /// Waits until `done` holds for the relay, or fails after five seconds.
    pub async fn wait_for_relay(&self, done: impl Fn(&Relay) -> bool) {
        for _ in 0..500 {
            if done(&self.relay) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "the mail worker did not get there: delivered {:?}, dead letters {:?}",
            self.relay.delivered(),
            self.relay.dead_letters()
        );
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// What a failed request must look like.
pub struct Expected<'a> {
    pub status: u16,
    pub code: &'a str,
    /// `detail`: a business error's own message, a system error's public one.
    pub detail: &'a str,
    pub level: tracing::Level,
}

/// Checks a failed request's answer and its one report event; the problem body and the event.
pub fn check_problem(
    harness: &Harness,
    answer: &Answer,
    expected: &Expected<'_>,
) -> (Value, Event) {
    assert_eq!(answer.status, expected.status, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some(onus::Problem::CONTENT_TYPE),
        "{answer:?}"
    );
    let problem = answer.json();
    assert_eq!(problem["status"], expected.status, "{problem}");
    assert_eq!(problem["code"], expected.code, "{problem}");
    assert_eq!(problem["detail"], expected.detail, "{problem}");
    let title = reqwest::StatusCode::from_u16(expected.status)
        .unwrap()
        .canonical_reason()
        .unwrap();
    assert_eq!(problem["title"], title, "{problem}");

    let mut reports = harness.take_reports();
    assert_eq!(
        reports.len(),
        1,
        "one report per failed request: {reports:#?}"
    );
    let report = reports.remove(0);
    assert_eq!(report.get("code"), Some(expected.code), "{report:#?}");
    assert_eq!(report.level, expected.level, "{report:#?}");
    let system = expected.status >= 500;
    // The client's id leads to the log event, business or system.
    assert_eq!(
        problem["error_id"].as_str(),
        report.get("error_id"),
        "{problem}"
    );
    if system {
        assert_eq!(report.get("class"), Some("system"));
        // The log event has what the client must not see.
        let lowercase = answer.body.to_lowercase();
        for internal in INTERNALS {
            assert!(
                !lowercase.contains(internal),
                "{internal:?} leaked: {}",
                answer.body
            );
        }
        for (name, value) in &answer.headers {
            let value = value.to_str().unwrap_or_default().to_lowercase();
            for internal in INTERNALS {
                assert!(!value.contains(internal), "{internal:?} leaked in {name}");
            }
        }
    } else {
        assert_eq!(report.get("class"), Some("business"));
    }
    (problem, report)
}
