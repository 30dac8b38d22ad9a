//! A member whose integration test does not parse.

/// Doubles a number.
pub fn double(x: u32) -> u32 {
    x * 2
}
