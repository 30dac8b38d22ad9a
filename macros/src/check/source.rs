//! The text of the file an annotated item is in, for its `// onus: allow(rule) — reason` comments.
//!
//! Comments never reach a proc macro as tokens, so the macro reads the file the item's span points
//! at (`proc_macro::Span::local_file`, stable since Rust 1.88). When there is no such file (the
//! item comes from another macro's expansion, or a tool that runs proc macros without one) or it
//! cannot be read, the macro falls back to `#[onus::allow]` attributes only.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// The last file read, kept while its size and modification time stay the same: a crate with
/// many annotated items in one file reads it once per build, not once per item.
static LAST_READ: Mutex<Option<CachedFile>> = Mutex::new(None);

struct CachedFile {
    path: PathBuf,
    stamp: (u64, Option<SystemTime>),
    text: Arc<str>,
}

/// The text of the file `item` was written in, if the compiler knows it and it can be read.
pub(crate) fn of(item: &proc_macro::TokenStream) -> Option<Arc<str>> {
    let span = item.clone().into_iter().next()?.span();
    read(&span.local_file()?)
}

fn read(path: &Path) -> Option<Arc<str>> {
    let metadata = std::fs::metadata(path).ok()?;
    let stamp = (metadata.len(), metadata.modified().ok());
    // A poisoned lock only means another expansion panicked mid-update; the cache is re-checked
    // against the file's stamp anyway.
    let mut cache = LAST_READ.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(cached) = cache.as_ref()
        && cached.path == path
        && cached.stamp == stamp
        && stamp.1.is_some()
    {
        return Some(Arc::clone(&cached.text));
    }
    let text: Arc<str> = std::fs::read_to_string(path).ok()?.into();
    *cache = Some(CachedFile {
        path: path.to_owned(),
        stamp,
        text: Arc::clone(&text),
    });
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
