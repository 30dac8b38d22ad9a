//! One good file next to a broken one.

/// Adds two numbers.
pub fn add(a: u32, b: u32) -> u32 {
    a + b
}
