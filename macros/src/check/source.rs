//! The text of the file an annotated item is in, for its `// onus: allow(rule) — reason` comments.
//!
//! Comments never reach a proc macro as tokens, so the macro reads the file the item's span points
//! at (`proc_macro::Span::local_file`, stable since Rust 1.88). When there is no such file (the
//! item comes from another macro's expansion, or a tool that runs proc macros without one) or it
//! cannot be read, the macro falls back to `#[onus::allow]` attributes only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::stamp::{Stamp, stamp};

/// Every file read in this process, kept while its size and modification time stay the same: a
/// crate with many annotated items reads each file once per build, not once per item, and a
/// long-lived proc-macro server (rust-analyzer's) sees an edited file anew.
static READ: Mutex<Option<HashMap<PathBuf, CachedFile>>> = Mutex::new(None);

struct CachedFile {
    stamp: Stamp,
    text: Arc<str>,
}

/// The file the token at `span` was written in, absolute, if the compiler knows it.
pub(crate) fn file_of(span: proc_macro::Span) -> Option<PathBuf> {
    let file = span.local_file()?;
    // A relative path is relative to where the compiler runs, which is where the macro runs.
    Some(match std::env::current_dir() {
        Ok(cwd) if file.is_relative() => cwd.join(file),
        _ => file,
    })
}

/// The text of the file at `path`, if it can be read.
pub(crate) fn read(path: &Path) -> Option<Arc<str>> {
    let stamp = stamp(path)?;
    // A poisoned lock only means another expansion panicked mid-update; the cache is re-checked
    // against the file's stamp anyway.
    let mut cache = READ.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(cached) = cache.get(path)
        && cached.stamp == stamp
        && stamp.1.is_some()
    {
        return Some(Arc::clone(&cached.text));
    }
    let text: Arc<str> = std::fs::read_to_string(path).ok()?.into();
    cache.insert(
        path.to_owned(),
        CachedFile {
            stamp,
            text: Arc::clone(&text),
        },
    );
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_again_once_it_changes() {
        let path =
            std::env::temp_dir().join(format!("onus-check-source-{}.rs", std::process::id()));
        std::fs::write(&path, "fn a() {}\n").unwrap();
        assert_eq!(read(&path).as_deref(), Some("fn a() {}\n"));
        assert_eq!(read(&path).as_deref(), Some("fn a() {}\n"));
        // A different length is a different stamp even where the clock is coarse.
        std::fs::write(&path, "fn b() {}\n// onus: allow(catch_all) — x\n").unwrap();
        assert!(read(&path).is_some_and(|text| text.starts_with("fn b")));
        std::fs::remove_file(&path).unwrap();
        assert!(read(&path).is_none());
        assert!(read(Path::new("")).is_none());
    }
}
