//! Checked.

/// Checked.
pub fn checked() {}
