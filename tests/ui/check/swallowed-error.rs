#![allow(dead_code)]
// swallowed_error: an error caught and discarded.

use std::fs;

#[onus::check]
fn size(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

#[onus::check]
fn first_line(path: &str) -> Option<String> {
    let Ok(text) = fs::read_to_string(path) else {
        return None;
    };
    text.lines().next().map(str::to_owned)
}

#[onus::check(deny(swallowed_error))]
fn size_denied(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(error) => {
            eprintln!("metadata failed");
            0
        }
    }
}

fn main() {}
