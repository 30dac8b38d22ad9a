// `reason = "..."` is the one way to declare a deliberate exception to a contradiction rule.
use onus::{Class, Classified, Severity, StatusCode};

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum LegacyError {
    #[error("the partner API rejected our request")]
    #[onus(class = business, status = 502, severity = info, reason = "the partner reports the caller's bad input as 502")]
    PartnerRejected,
    #[error("feature disabled")]
    #[onus(class = system, status = 404, severity = warn, reason = "hide disabled features from scanners")]
    Disabled,
    #[error("health probe failed")]
    #[onus(class = system, status = 503, severity = debug, reason = "probes fail during every deploy")]
    ProbeFailed,
    #[error("account suspended for fraud")]
    #[onus(class = business, status = 403, severity = error, reason = "fraud team must be paged")]
    Fraud,
}

// At the type level, a reason excuses a contradiction among the defaults themselves.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("teapot")]
#[onus(class = system, status = IM_A_TEAPOT, severity = error, reason = "RFC 2324 compliance")]
pub struct Teapot;

fn main() {
    let e = LegacyError::PartnerRejected;
    assert_eq!((e.class(), e.status()), (Class::Business, StatusCode::BAD_GATEWAY));
    assert!(e.retryable());
    assert_eq!(LegacyError::ProbeFailed.severity(), Severity::Debug);
    assert_eq!(Teapot.status().as_u16(), 418);
}
