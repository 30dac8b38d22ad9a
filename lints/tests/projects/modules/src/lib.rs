//! Two modules declare an `Error` enum with a `Db` variant and a `merge` fn: the checker must
//! know each by its path, as the compiler does.

pub mod api;
pub mod billing;
mod classify;
pub mod ledger;
pub mod pidfile;
