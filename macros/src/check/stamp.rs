//! What tells the attribute's caches that a file changed: its size and modification time, looked
//! at again once what was read is no longer [`FRESH`].

use std::path::Path;
use std::time::{Duration, SystemTime};

/// How long what the attribute read beside an item (the configuration, the package's
/// declarations) stays good for the next items without another look at the files. A compiler
/// expands a crate's items in one burst, and looking at every file again (its size and time)
/// for each item would cost more than checking most items; edits come far slower than this.
pub(crate) const FRESH: Duration = Duration::from_millis(250);

/// A file's size and modification time, when the file system has one.
pub(crate) type Stamp = (u64, Option<SystemTime>);

/// The stamp of the file at `path`; `None` when there is no such file.
pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()))
}
