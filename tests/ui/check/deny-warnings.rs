// With `#![deny(warnings)]` (or `RUSTFLAGS=-Dwarnings` in CI) every finding fails the build:
// the warnings are `deprecated` lint warnings.
#![deny(warnings)]

#[onus::check]
fn size(path: &str) -> u64 {
    match std::fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

fn main() {}
