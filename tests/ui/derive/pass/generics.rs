// Generic types: bounds are carried over, and a transparent field of a parameter's type gets a
// `Classified` bound of its own.
use std::fmt::Debug;

use onus::{Classified, StatusCode};

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("inner")]
#[onus(class = system, status = 502, severity = warn)]
pub struct Upstream;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Wrapped<E, T: Debug>
where
    T: Clone,
{
    #[error("bad item {0:?}")]
    #[onus(class = business, status = 422, severity = info)]
    BadItem(T),
    #[error(transparent)]
    #[onus(transparent)]
    Inner(E),
    #[error("{inner}")]
    #[onus(transparent)]
    Again { inner: E },
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("limit {limit:?} reached for {key:?}")]
#[onus(class = business, status = TOO_MANY_REQUESTS, severity = info)]
pub struct Limited<'a, K: Debug, const N: usize> {
    pub key: &'a K,
    pub limit: [u8; N],
}

fn answers<E: Classified>(e: &E) -> (StatusCode, &'static str) {
    (e.status(), e.code())
}

fn main() {
    let e: Wrapped<Upstream, u8> = Wrapped::BadItem(7);
    assert_eq!(answers(&e), (StatusCode::UNPROCESSABLE_ENTITY, "wrapped.bad_item"));
    let e: Wrapped<Upstream, u8> = Wrapped::Inner(Upstream);
    assert_eq!(answers(&e), (StatusCode::BAD_GATEWAY, "upstream"));
    assert!(e.retryable());
    let e: Wrapped<Upstream, u8> = Wrapped::Again { inner: Upstream };
    assert!(e.is_system());
    let key = "k";
    let limited = Limited { key: &key, limit: [1, 2] };
    assert!(limited.retryable());
}
