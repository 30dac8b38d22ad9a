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
