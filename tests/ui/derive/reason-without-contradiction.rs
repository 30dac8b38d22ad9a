#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum FeedError {
    #[error("feed not found")]
    #[onus(class = business, status = 404, severity = info, reason = "legacy clients expect it")]
    NotFound,
}

fn main() {}
