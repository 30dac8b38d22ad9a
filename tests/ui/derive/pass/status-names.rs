// A status may be an integer, a `StatusCode` constant name, or a path ending in one.
use onus::{Classified, StatusCode};

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, severity = info)]
pub enum Statuses {
    #[error("a")]
    #[onus(status = 409)]
    Number,
    #[error("b")]
    #[onus(status = CONFLICT)]
    Name,
    #[error("c")]
    #[onus(status = StatusCode::GONE)]
    TypePath,
    #[error("d")]
    #[onus(status = http::StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS)]
    FullPath,
    #[error("e")]
    #[onus(status = 408)]
    Timeout,
    #[error("f")]
    #[onus(status = 429, retryable = false)]
    NotRetried,
}

fn main() {
    assert_eq!(Statuses::Number.status(), StatusCode::CONFLICT);
    assert_eq!(Statuses::Name.status(), StatusCode::CONFLICT);
    assert_eq!(Statuses::TypePath.status(), StatusCode::GONE);
    assert_eq!(Statuses::FullPath.status().as_u16(), 451);
    assert!(Statuses::Timeout.retryable());
    assert!(!Statuses::NotRetried.retryable());
}
