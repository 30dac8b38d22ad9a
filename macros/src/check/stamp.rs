//! What tells the attribute's caches that a file changed: its size and modification time.

use std::path::Path;
use std::time::SystemTime;

/// A file's size and modification time, when the file system has one.
pub(crate) type Stamp = (u64, Option<SystemTime>);

/// The stamp of the file at `path`; `None` when there is no such file.
pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()))
}
