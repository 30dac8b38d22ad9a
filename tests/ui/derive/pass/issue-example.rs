// The declaration from issue 2, side by side with thiserror's attributes.
use onus::{Class, Classified, Severity, StatusCode};

#[derive(Debug, thiserror::Error)]
#[error("connection refused")]
pub struct StoreError;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("card declined")]
#[onus(class = business, status = PAYMENT_REQUIRED, severity = info)]
pub struct PaymentError;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]      // optional defaults for every variant
pub enum SignupError {
    #[error("email {0:?} is not a valid address")]
    #[onus(class = business, status = 400, severity = info, code = "signup.invalid_email")]
    InvalidEmail(String),
    #[error("this email is already registered")]
    #[onus(class = business, status = CONFLICT, severity = info)]
    EmailTaken,
    #[error("user store unavailable")]
    #[onus(status = 503, retryable)]                             // class, severity from the defaults
    Store(#[source] StoreError),
    #[error(transparent)]
    #[onus(transparent)]                                         // delegate to the wrapped error
    Payment(#[from] PaymentError),
}

fn main() {
    let e = SignupError::EmailTaken;
    assert_eq!((e.class(), e.status(), e.severity()), (Class::Business, StatusCode::CONFLICT, Severity::Info));
    let e = SignupError::Store(StoreError);
    assert!(e.is_system() && e.retryable());
    assert_eq!(SignupError::from(PaymentError).code(), "payment_error");
}
