//! The declarations of the package being compiled (`onus_lints::package`), read once per
//! compiler process: each package's files are kept as their declarations, and a file is read
//! again only once it changes (rust-analyzer's proc-macro server keeps the macro loaded across
//! edits).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use onus_lints::Config;
use onus_lints::package::{Declarations, Package};

use super::stamp::FRESH;

static PACKAGES: OnceLock<Mutex<HashMap<PathBuf, Cached>>> = OnceLock::new();

struct Cached {
    package: Package,
    /// The last declarations handed out: for which item file and `check_tests`, and when.
    recent: Option<(Option<PathBuf>, bool, Instant, Declarations)>,
}

/// The declarations of the package in `dir` (absolute), `item_file` being the annotated item's
/// file when the compiler says.
pub(crate) fn declarations(dir: &Path, config: &Config, item_file: Option<&Path>) -> Declarations {
    // A poisoned lock only means another expansion panicked mid-update; each file is re-checked
    // against its stamp anyway.
    let mut packages = PACKAGES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let cached = packages.entry(dir.to_path_buf()).or_insert_with(|| Cached {
        package: Package::new(dir),
        recent: None,
    });
    if let Some((file, check_tests, when, declarations)) = &cached.recent
        && file.as_deref() == item_file
        && *check_tests == config.check_tests
        && when.elapsed() < FRESH
    {
        return declarations.clone();
    }
    let declarations = cached.package.declarations(config, item_file);
    cached.recent = Some((
        item_file.map(Path::to_path_buf),
        config.check_tests,
        Instant::now(),
        declarations.clone(),
    ));
    declarations
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_change_is_seen_once_the_declarations_are_no_longer_fresh() {
        let dir = std::env::temp_dir().join(format!("onus-check-fresh-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let write = |text: &str| std::fs::write(dir.join("src/db.rs"), text).unwrap();
        let declared = || declarations(&dir, &Config::default(), None).files().count();
        write("pub fn audit() -> Result<(), String> {\n    Ok(())\n}\n");
        assert_eq!(declared(), 1);
        std::fs::write(dir.join("src/more.rs"), "pub fn more() {}\n").unwrap();
        // Items expanded in one burst share what the first one saw.
        assert_eq!(declared(), 1);
        std::thread::sleep(FRESH + Duration::from_millis(50));
        assert_eq!(declared(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
