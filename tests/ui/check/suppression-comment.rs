#![allow(dead_code)]
// `// onus: allow(rule) — reason` comments suppress a finding on their line and the next, as they
// do for `cargo onus check`: the macro reads them from the item's source file.

use std::fs;

#[onus::check(deny)]
fn size(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        // onus: allow(swallowed_error) — a missing file is an empty store
        Err(_) => 0,
    }
}

#[onus::check(deny)]
fn size_same_line(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0, // onus: allow(swallowed_error) — a missing file is an empty store
    }
}

#[onus::check(deny)]
fn size_other_rule(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        // onus: allow(catch_all) — names another rule, so the finding stands
        Err(_) => 0,
    }
}

fn main() {}
