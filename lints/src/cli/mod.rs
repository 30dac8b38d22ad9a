//! The `cargo onus` command line: arguments, configuration, file discovery, exit codes.

/// Runs the command line and returns the process exit status.
#[must_use]
pub fn main() -> i32 {
    2
}
