use super::super::billing::{self, merge as join};
use crate::ledger::*;

/// Neither classified nor deriving `Classify`: reported, although an `Error` of another module is
/// classified by hand.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bad request")]
    BadRequest,
}

pub fn handle(entry: &str) -> Result<u64, crate::ledger::Error> {
    // `join` is `billing::merge`, renamed: a `Result`.
    let _ = join("a", "b");
    // `merge` comes through the glob from `ledger`: it returns nothing.
    let _ = merge("a", "b");
    let _ = billing::charge(entry);
    post(entry)
}
