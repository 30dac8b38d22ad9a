// The keys later parts of onus read: retry_after, runbook, sensitive, public.
use std::time::Duration;

use onus::Classified;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error, runbook = "https://runbooks.example/billing", public = "billing is unavailable")]
pub enum BillingError {
    #[error("invoice store down")]
    #[onus(status = 503, retry_after = 30)]
    StoreDown,
    #[error("card {0} rejected")]
    #[onus(class = business, status = 402, severity = info, sensitive, runbook = "https://runbooks.example/cards")]
    CardRejected(String),
    #[error("address {0} invalid")]
    #[onus(class = business, status = 400, severity = info, sensitive = true, public = "the address is invalid")]
    BadAddress(String),
    #[error("ledger mismatch")]
    Ledger,
}

fn main() {
    let e = BillingError::StoreDown;
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.runbook(), Some("https://runbooks.example/billing"));
    assert_eq!(e.public_message().to_string(), "billing is unavailable");
    let e = BillingError::CardRejected("4111".into());
    assert!(e.sensitive());
    assert_eq!(e.runbook(), Some("https://runbooks.example/cards"));
    assert_eq!(e.public_message().to_string(), "card 4111 rejected");
    assert_eq!(BillingError::BadAddress("x".into()).public_message().to_string(), "the address is invalid");
    assert!(!BillingError::Ledger.sensitive());
}
