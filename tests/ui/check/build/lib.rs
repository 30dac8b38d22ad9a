//! Built by `tests/check_ui.rs` with a plain `cargo build`: the finding is a warning, and the build
//! succeeds.

use std::fs;

/// Reads a file's size; a missing file counts as empty, which the checker flags.
#[onus::check]
pub fn size(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

/// The same, with the decision written down: no warning.
#[onus::check]
pub fn size_on_purpose(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        // onus: allow(swallowed_error) — a missing file is an empty store
        Err(_) => 0,
    }
}
