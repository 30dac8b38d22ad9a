// Structs: the type-level `#[onus(...)]` is the declaration; `transparent` delegates.
use onus::{Classified, StatusCode};

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("quota of {limit} exceeded")]
#[onus(class = business, status = 429, severity = info, code = "quota.exceeded", retry_after = 60)]
pub struct QuotaExceeded {
    pub limit: u32,
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("database down")]
#[onus(class = system, status = 503, severity = error, public = "please try again in a minute")]
pub struct DatabaseDown;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error(transparent)]
#[onus(transparent)]
pub struct Opaque(#[from] DatabaseDown);

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("{source}")]
#[onus(transparent)]
pub struct Named {
    source: QuotaExceeded,
}

fn main() {
    let quota = QuotaExceeded { limit: 10 };
    assert_eq!(quota.code(), "quota.exceeded");
    assert_eq!(quota.retry_after(), Some(std::time::Duration::from_secs(60)));
    assert_eq!(DatabaseDown.code(), "database_down");
    let opaque = Opaque(DatabaseDown);
    assert_eq!(opaque.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(opaque.public_message().to_string(), "please try again in a minute");
    let named = Named { source: QuotaExceeded { limit: 1 } };
    assert_eq!(named.public_message().to_string(), "quota of 1 exceeded");
}
