#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ProfileError {
    #[error("name too long")]
    #[onus(class = "business", status = 400, severity = info)]
    NameTooLong,
    #[error("avatar too large")]
    #[onus(class = customer, status = 413, severity = info)]
    AvatarTooLarge,
    #[error("bio rejected")]
    #[onus(class = business, status = 422, severity = warning)]
    BioRejected,
    #[error("profile store down")]
    #[onus(class = system, status = 503, severity = error, retryable = yes, code = "", public = 5)]
    StoreDown,
    #[error("profile store slow")]
    #[onus(class = system, status = 503, severity = error, retry_after = 0, transparent = true)]
    StoreSlow,
}

fn main() {}
