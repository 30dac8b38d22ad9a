#![allow(dead_code)]
// `#[onus::allow(rule, reason = "...")]` inside the annotated item suppresses a finding, as it does
// for `cargo onus check`; a suppression without a reason, one that suppresses nothing and one
// naming an unknown rule are reported.

use std::fs;

#[onus::check(deny(swallowed_error))]
mod store {
    use super::fs;

    #[onus::allow(swallowed_error, reason = "a missing file is an empty store")]
    pub fn size(path: &str) -> u64 {
        match fs::metadata(path) {
            Ok(metadata) => metadata.len(),
            Err(_) => 0,
        }
    }

    #[onus::allow(swallowed_error)]
    pub fn size_without_reason(path: &str) -> u64 {
        match fs::metadata(path) {
            Ok(metadata) => metadata.len(),
            Err(_) => 0,
        }
    }

    #[onus::allow(catch_all, reason = "nothing here catches anything")]
    pub fn nothing_to_suppress() {}

    #[onus::allow(swalowed_error, reason = "a typo suppresses nothing")]
    pub fn size_with_typo(path: &str) -> u64 {
        match fs::metadata(path) {
            Ok(metadata) => metadata.len(),
            Err(_) => 0,
        }
    }
}

// On the annotated item itself, `#[onus::allow]` must come below `#[onus::check]`: an attribute
// macro sees only the attributes after it. Here it does...
#[onus::check(deny(swallowed_error))]
#[onus::allow(swallowed_error, reason = "a missing file is an empty store")]
fn size_allowed_below(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

// ...and here the allow has already been expanded away when the check runs.
#[onus::allow(swallowed_error, reason = "a missing file is an empty store")]
#[onus::check]
fn size_allowed_above(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

// The suppression checks are rules too: here they are errors.
#[onus::check(deny(suppression_without_reason, unused_suppression))]
mod strict {
    #[onus::allow(swallowed_error)]
    pub fn size(path: &str) -> u64 {
        match std::fs::metadata(path) {
            Ok(metadata) => metadata.len(),
            Err(_) => 0,
        }
    }

    #[onus::allow(lost_source, reason = "nothing here maps an error")]
    pub fn nothing_to_suppress() {}
}

fn main() {}
