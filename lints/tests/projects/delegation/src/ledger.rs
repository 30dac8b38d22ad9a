/// The ledger's store failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    /// The ledger database is down.
    #[error("the ledger is down")]
    #[onus(class = system, status = 503, severity = error, code = "ledger.down")]
    Down,
}
