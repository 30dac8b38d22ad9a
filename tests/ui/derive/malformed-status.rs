#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OrderError {
    #[error("order already shipped")]
    #[onus(class = business, status = "409", severity = info)]
    AlreadyShipped,
    #[error("order not found")]
    #[onus(class = business, status = 404 + 1, severity = info)]
    NotFound,
    #[error("order too large")]
    #[onus(class = business, status = 70000, severity = info)]
    TooLarge,
    #[error("no status")]
    #[onus(class = business, status, severity = info)]
    NoStatus,
}

fn main() {}
