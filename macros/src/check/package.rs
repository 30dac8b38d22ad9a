//! The declarations of the package being compiled (`onus_lints::package`), read once per
//! compiler process: each package's files are kept as their declarations, and a file is read
//! again only once it changes (rust-analyzer's proc-macro server keeps the macro loaded across
//! edits).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use onus_lints::Config;
use onus_lints::package::{Declarations, Package};

static PACKAGES: OnceLock<Mutex<HashMap<PathBuf, Package>>> = OnceLock::new();

/// The declarations of the package in `dir` (absolute), `item_file` being the annotated item's
/// file when the compiler says.
pub(crate) fn declarations(dir: &Path, config: &Config, item_file: Option<&Path>) -> Declarations {
    // A poisoned lock only means another expansion panicked mid-update; each file is re-checked
    // against its stamp anyway.
    let mut packages = PACKAGES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    packages
        .entry(dir.to_path_buf())
        .or_insert_with(|| Package::new(dir))
        .declarations(config, item_file)
}
