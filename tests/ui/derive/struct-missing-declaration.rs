#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("quota exceeded")]
pub struct QuotaExceeded {
    pub limit: u32,
}

fn main() {}
