//! Runtime behaviour of `#[derive(Classify)]`: what every generated method answers.

use std::time::Duration;

use onus::{Class, Classified, GENERIC_SYSTEM_MESSAGE, Severity, StatusCode};

#[derive(Debug, thiserror::Error)]
#[error("payment provider said no")]
pub struct PaymentError;

impl Classified for PaymentError {
    fn class(&self) -> Class {
        Class::Business
    }
    fn status(&self) -> StatusCode {
        StatusCode::PAYMENT_REQUIRED
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn code(&self) -> &'static str {
        "payment.declined"
    }
    fn public_message(&self) -> onus::PublicMessage<'_> {
        onus::PublicMessage::display(self)
    }
    fn runbook(&self) -> Option<&'static str> {
        Some("https://runbooks.example/payments")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("connection to users-db:5432 refused")]
pub struct StoreError;

/// The declaration from the issue, side by side with thiserror.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
pub enum SignupError {
    #[error("email {0:?} is not a valid address")]
    #[onus(class = business, status = 400, severity = info, code = "signup.invalid_email")]
    InvalidEmail(String),
    #[error("this email is already registered")]
    #[onus(class = business, status = CONFLICT, severity = info)]
    EmailTaken,
    #[error("user store unavailable")]
    #[onus(status = 503, retryable)]
    Store(#[source] StoreError),
    #[error(transparent)]
    #[onus(transparent)]
    Payment(#[from] PaymentError),
}

#[test]
fn issue_example_answers_as_declared() {
    let invalid = SignupError::InvalidEmail("a@".into());
    assert_eq!(invalid.class(), Class::Business);
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
    assert_eq!(invalid.severity(), Severity::Info);
    assert_eq!(invalid.code(), "signup.invalid_email");
    assert!(!invalid.retryable());
    assert_eq!(
        invalid.public_message().to_string(),
        "email \"a@\" is not a valid address"
    );

    let taken = SignupError::EmailTaken;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(taken.code(), "signup_error.email_taken");

    let store = SignupError::Store(StoreError);
    assert_eq!(store.class(), Class::System);
    assert_eq!(store.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(store.severity(), Severity::Error);
    assert!(store.retryable());
    assert_eq!(store.public_message().to_string(), GENERIC_SYSTEM_MESSAGE);
    assert_eq!(store.retry_after(), None::<Duration>);

    let payment = SignupError::Payment(PaymentError);
    assert_eq!(payment.class(), Class::Business);
    assert_eq!(payment.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(payment.code(), "payment.declined");
    assert_eq!(payment.runbook(), Some("https://runbooks.example/payments"));
}

/// Unit, tuple and struct variants, enum defaults, and the optional keys.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error, public = "orders are unavailable", runbook = "https://runbooks.example/orders")]
pub enum OrderError {
    #[error("order {id} not found")]
    #[onus(class = business, status = NOT_FOUND, severity = info)]
    NotFound { id: u64 },
    #[error("order {0} belongs to customer {1}")]
    #[onus(class = business, status = 403, severity = warn, sensitive, public = "not your order")]
    Forbidden(u64, String),
    #[error("inventory service at 10.1.2.3 timed out")]
    #[onus(status = GATEWAY_TIMEOUT, retry_after = 5)]
    InventoryTimeout,
    #[error("ledger invariant broken: balance {balance}")]
    #[onus(severity = fatal, code = "orders.ledger_corrupt", runbook = "https://runbooks.example/ledger")]
    LedgerCorrupt { balance: i64 },
    #[error("rate limited by payment gateway")]
    #[onus(status = 503, retryable = false)]
    GatewayThrottled,
}

#[test]
fn struct_variant_answers_from_its_own_declaration() {
    let e = OrderError::NotFound { id: 7 };
    assert_eq!(e.class(), Class::Business);
    assert!(e.is_business() && !e.is_system());
    assert_eq!(e.status(), StatusCode::NOT_FOUND);
    assert_eq!(e.severity(), Severity::Info);
    assert_eq!(e.code(), "order_error.not_found");
    assert!(!e.retryable());
    assert_eq!(e.retry_after(), None);
    // A business variant shows its own text; the enum's `public` is for system variants.
    assert_eq!(e.public_message().to_string(), "order 7 not found");
    assert_eq!(e.public_message().as_fixed(), None);
    assert_eq!(e.runbook(), Some("https://runbooks.example/orders"));
    assert!(!e.sensitive());
}

#[test]
fn tuple_variant_with_public_override_and_sensitive() {
    let e = OrderError::Forbidden(7, "alice@example.com".into());
    assert_eq!(e.severity(), Severity::Warn);
    assert!(e.sensitive());
    assert_eq!(e.public_message().to_string(), "not your order");
    assert!(!e.public_message().to_string().contains("alice"));
    assert_eq!(e.code(), "order_error.forbidden");
}

#[test]
fn unit_variant_inherits_the_enum_defaults() {
    let e = OrderError::InventoryTimeout;
    assert_eq!(e.class(), Class::System);
    assert_eq!(e.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(e.severity(), Severity::Error);
    assert!(e.retryable());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(e.public_message().to_string(), "orders are unavailable");
    assert_eq!(
        e.public_message().as_fixed(),
        Some("orders are unavailable")
    );
    assert_eq!(e.runbook(), Some("https://runbooks.example/orders"));
}

#[test]
fn variant_keys_override_the_enum_defaults() {
    let e = OrderError::LedgerCorrupt { balance: -3 };
    assert_eq!(e.severity(), Severity::Fatal);
    assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(e.code(), "orders.ledger_corrupt");
    assert_eq!(e.runbook(), Some("https://runbooks.example/ledger"));
    assert!(!OrderError::GatewayThrottled.retryable());
}

#[test]
fn system_text_never_reaches_the_public_message() {
    let cases: [&dyn Classified; 4] = [
        &OrderError::InventoryTimeout,
        &OrderError::LedgerCorrupt { balance: -3 },
        &SignupError::Store(StoreError),
        &Plain::Down("db-7.internal".into()),
    ];
    for e in cases {
        assert!(e.is_system());
        let public = e.public_message().to_string();
        let internal = e.to_string();
        assert_ne!(public, internal);
        assert!(!public.contains(&internal), "{public:?} leaks {internal:?}");
        assert!(
            public.as_str() == GENERIC_SYSTEM_MESSAGE || e.public_message().as_fixed().is_some()
        );
    }
}

/// An enum without defaults or optional keys: the trait's defaults answer what it leaves out.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Plain {
    #[error("host {0} is down")]
    #[onus(class = system, status = 502, severity = warn)]
    Down(String),
    #[error("too many requests")]
    #[onus(class = business, status = 429, severity = info)]
    Throttled,
}

#[test]
fn optional_methods_fall_back_to_the_trait_defaults() {
    let e = Plain::Down("db-7.internal".into());
    assert_eq!(e.public_message().to_string(), GENERIC_SYSTEM_MESSAGE);
    assert_eq!(e.runbook(), None);
    assert_eq!(e.retry_after(), None);
    assert!(!e.sensitive());
    assert_eq!(e.code(), "plain.down");
}

/// One variant per status class the default retry rule distinguishes.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, severity = info)]
pub enum Retry {
    #[error("408")]
    #[onus(status = 408)]
    Timeout,
    #[error("429")]
    #[onus(status = 429)]
    TooMany,
    #[error("400")]
    #[onus(status = 400)]
    Bad,
    #[error("409")]
    #[onus(status = 409)]
    Conflict,
    #[error("499")]
    #[onus(status = 499)]
    ClientClosed,
    #[error("404 retryable")]
    #[onus(status = 404, retryable)]
    NotYet,
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, severity = error)]
pub enum SystemRetry {
    #[error("500")]
    #[onus(status = 500)]
    Internal,
    #[error("501")]
    #[onus(status = 501)]
    NotImplemented,
    #[error("502")]
    #[onus(status = 502)]
    BadGateway,
    #[error("503")]
    #[onus(status = 503)]
    Unavailable,
    #[error("504")]
    #[onus(status = 504)]
    GatewayTimeout,
    #[error("599")]
    #[onus(status = 599)]
    Unnamed,
}

#[test]
fn retryable_follows_the_status_unless_declared() {
    let business: [(Retry, u16, bool); 6] = [
        (Retry::Timeout, 408, true),
        (Retry::TooMany, 429, true),
        (Retry::Bad, 400, false),
        (Retry::Conflict, 409, false),
        (Retry::ClientClosed, 499, false),
        (Retry::NotYet, 404, true),
    ];
    for (e, status, retryable) in business {
        assert_eq!(e.status().as_u16(), status);
        assert_eq!(e.retryable(), retryable, "{status}");
        assert_eq!(e.class(), Class::Business);
    }
    let system: [(SystemRetry, u16, bool); 6] = [
        (SystemRetry::Internal, 500, false),
        (SystemRetry::NotImplemented, 501, false),
        (SystemRetry::BadGateway, 502, true),
        (SystemRetry::Unavailable, 503, true),
        (SystemRetry::GatewayTimeout, 504, true),
        (SystemRetry::Unnamed, 599, false),
    ];
    for (e, status, retryable) in system {
        assert_eq!(e.status().as_u16(), status);
        assert_eq!(e.retryable(), retryable, "{status}");
        assert_eq!(e.retryable(), onus::status_is_retryable(e.status()));
    }
}

#[test]
fn default_codes_are_snake_case_type_dot_variant() {
    assert_eq!(Retry::TooMany.code(), "retry.too_many");
    assert_eq!(
        SystemRetry::GatewayTimeout.code(),
        "system_retry.gateway_timeout"
    );
    assert_eq!(HttpAPIError::code(&HttpAPIError), "http_api_error");
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("api down")]
#[onus(class = system, status = 503, severity = error, sensitive, runbook = "https://runbooks.example/api", retry_after = 10)]
pub struct HttpAPIError;

/// Transparent variants (tuple and named) delegate every method, optional ones included.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Outer {
    #[error(transparent)]
    #[onus(transparent)]
    Api(#[from] HttpAPIError),
    #[error("{inner}")]
    #[onus(transparent)]
    Order { inner: OrderError },
    #[error("local")]
    #[onus(class = business, status = 400, severity = info)]
    Local,
}

#[test]
fn transparent_variants_delegate_every_method() {
    let outer = Outer::Api(HttpAPIError);
    let inner = HttpAPIError;
    assert_eq!(outer.class(), inner.class());
    assert_eq!(outer.status(), inner.status());
    assert_eq!(outer.severity(), inner.severity());
    assert_eq!(outer.code(), "http_api_error");
    assert_eq!(outer.retryable(), inner.retryable());
    assert_eq!(outer.retry_after(), Some(Duration::from_secs(10)));
    assert_eq!(outer.public_message().to_string(), GENERIC_SYSTEM_MESSAGE);
    assert_eq!(outer.runbook(), Some("https://runbooks.example/api"));
    assert!(outer.sensitive());

    let outer = Outer::Order {
        inner: OrderError::NotFound { id: 1 },
    };
    assert_eq!(outer.status(), StatusCode::NOT_FOUND);
    assert_eq!(outer.code(), "order_error.not_found");
    assert_eq!(outer.public_message().to_string(), "order 1 not found");

    let local = Outer::Local;
    assert_eq!(local.code(), "outer.local");
    assert_eq!(local.runbook(), None);
    assert!(!local.sensitive());
}

/// Generic over the wrapped error and a payload; bounds are carried over.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Layered<E: std::error::Error, P>
where
    P: std::fmt::Debug,
{
    #[error("bad payload {0:?}")]
    #[onus(class = business, status = 422, severity = info)]
    Payload(P),
    #[error(transparent)]
    #[onus(transparent)]
    Inner(E),
}

fn describe<E: Classified>(e: &E) -> (Class, u16, &'static str) {
    (e.class(), e.status().as_u16(), e.code())
}

#[test]
fn generic_types_are_classified_when_their_fields_are() {
    let e: Layered<Plain, &str> = Layered::Payload("x");
    assert_eq!(describe(&e), (Class::Business, 422, "layered.payload"));
    let e: Layered<Plain, &str> = Layered::Inner(Plain::Throttled);
    assert_eq!(describe(&e), (Class::Business, 429, "plain.throttled"));
    assert!(e.retryable());
    let e: Layered<OrderError, ()> = Layered::Inner(OrderError::InventoryTimeout);
    assert_eq!(e.public_message().to_string(), "orders are unavailable");
}

#[test]
fn classified_is_object_safe_for_derived_types() {
    let errors: Vec<Box<dyn Classified>> = vec![Box::new(Plain::Throttled), Box::new(HttpAPIError)];
    let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(codes, ["plain.throttled", "http_api_error"]);
}
