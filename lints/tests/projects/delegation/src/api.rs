/// What the API answers.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ApiError {
    /// The request is malformed.
    #[error("bad input")]
    #[onus(class = business, status = 400, severity = info, code = "api.bad_input")]
    BadInput,
    /// Placing the order failed.
    #[error(transparent)]
    #[onus(transparent)]
    Orders(#[from] crate::orders::OrderError),
    /// A boxed error answers what the box holds.
    #[error(transparent)]
    #[onus(transparent)]
    Archived(Box<crate::orders::OrderError>),
    /// Two classified types are named `StoreError`: which one this is cannot be told by name.
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] crate::ledger::StoreError),
    /// Another crate's error, not a classified type of this project.
    #[error(transparent)]
    #[onus(transparent)]
    Upstream(#[from] upstream::UpstreamError),
}
