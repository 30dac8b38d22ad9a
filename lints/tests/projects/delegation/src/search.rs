/// The search index's store failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    /// The search index is down.
    #[error("the search index is down")]
    #[onus(class = system, status = 503, severity = error, code = "search.down")]
    Down,
}
