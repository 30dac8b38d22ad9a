#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OrderError {
    #[error("order already shipped")]
    #[onus(class = business, status = 409, severity = info, status = 410)]
    AlreadyShipped,
    #[error("order not found")]
    #[onus(class = business, status = 404)]
    #[onus(severity = info, class = business)]
    NotFound,
}

fn main() {}
