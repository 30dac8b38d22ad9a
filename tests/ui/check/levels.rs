#![allow(dead_code)]
// A bare `deny` makes every rule an error; single rules can be set back to `warn` or `allow`.

use std::fs;

#[onus::check(deny, warn(ignored_result), allow(unwrap_in_fallible))]
fn load(path: &str) -> std::io::Result<u64> {
    let _ = fs::create_dir("load.lock");
    let limit: u64 = fs::read_to_string(path)?.trim().parse().unwrap();
    match fs::metadata(path) {
        Ok(metadata) => Ok(metadata.len().min(limit)),
        Err(_) => Ok(0),
    }
}

fn main() {}
