#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PaymentError {
    #[error("provider {0} is down")]
    #[onus(class = system, status = 503, severity = error, public = "provider {0} is down, try later")]
    ProviderDown(String),
    #[error("provider rejected the card: {reason}")]
    #[onus(class = system, status = 502, severity = error, public = "rejected: {reason:?}")]
    Rejected { reason: String },
}

fn main() {}
