//! `cargo onus catalog` follows `#[onus(via = ...)]` into the classified type its function
//! returns, read from the function's signature: a free function named by its path
//! (`crate::db::db_failure`), an associated one (`FileFailure::of`, returning `Self`), the
//! classified type's own (`Self::classify`); not a
//! function it cannot find (`remote::classify`) or one whose name two functions returning
//! different types share (`classify`).

mod db;
mod files;
mod notes;
