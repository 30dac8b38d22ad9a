//! Handles every error it meets.

use std::io;

/// Reads the configuration, or says why it could not.
pub fn read_config(path: &str) -> io::Result<String> {
    std::fs::read_to_string(path)
}

/// Removes a file, reporting the failure to the caller.
pub fn remove(path: &str) -> io::Result<()> {
    std::fs::remove_file(path)?;
    Ok(())
}
