//! The project's configuration (`onus.toml` or `[workspace.metadata.onus]`), read as
//! `cargo onus check` reads it: the project root is the nearest ancestor of the package's
//! directory (`CARGO_MANIFEST_DIR`) with an `onus.toml` or a workspace `Cargo.toml`
//! (`onus_lints::config_file::find_root`), and the one reader of the CLI reads it.
//!
//! Read once per compiler process and kept while every file the search looked at keeps its size
//! and modification time: a crate with many annotated items reads it once, and a long-lived
//! proc-macro server (rust-analyzer's) sees an edited configuration anew.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use onus_lints::Config;
use onus_lints::config_file::{self, CONFIG_FILE, ConfigError};

use super::stamp::{FRESH, Stamp, stamp};

/// The project's configuration as the attribute reads it.
#[derive(Debug)]
pub(crate) struct Project {
    /// What the configuration says, or why it could not be read: one message naming each
    /// mistake with its file, line and column.
    pub(crate) config: Result<Config, String>,
    /// The file the configuration is in (or that could not be read), if any: the compiler is
    /// told to rebuild the crate when it changes.
    pub(crate) file: Option<PathBuf>,
}

impl Default for Project {
    /// No configuration file: every setting at its default.
    fn default() -> Self {
        Self {
            config: Ok(Config::default()),
            file: None,
        }
    }
}

static READ: Mutex<Option<HashMap<PathBuf, Cached>>> = Mutex::new(None);

struct Cached {
    /// Every file the search for the root and the read looked at, with its stamp then.
    consulted: Vec<(PathBuf, Option<Stamp>)>,
    /// When those stamps were last found unchanged.
    checked: std::time::Instant,
    project: Arc<Project>,
}

/// The configuration of the project the package in `package_dir` belongs to.
pub(crate) fn of(package_dir: &Path) -> Arc<Project> {
    // A poisoned lock only means another expansion panicked mid-update; every entry is checked
    // against the stamps anyway.
    let mut cache = READ.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(cached) = cache.get_mut(package_dir) {
        if cached.checked.elapsed() < FRESH {
            return Arc::clone(&cached.project);
        }
        let unchanged = cached
            .consulted
            .iter()
            .all(|(path, then)| stamp(path) == *then && then.is_none_or(|then| then.1.is_some()));
        if unchanged {
            cached.checked = std::time::Instant::now();
            return Arc::clone(&cached.project);
        }
    }
    let root = config_file::find_root(package_dir);
    let consulted = package_dir
        .ancestors()
        .take_while(|dir| dir.starts_with(&root))
        .flat_map(|dir| [dir.join(CONFIG_FILE), dir.join("Cargo.toml")])
        .map(|path| {
            let then = stamp(&path);
            (path, then)
        })
        .collect();
    let project = Arc::new(read(&root));
    cache.insert(
        package_dir.to_path_buf(),
        Cached {
            consulted,
            checked: std::time::Instant::now(),
            project: Arc::clone(&project),
        },
    );
    project
}

fn read(root: &Path) -> Project {
    match config_file::read(root) {
        Ok(file) => Project {
            config: Ok(file.engine),
            file: file.source,
        },
        Err(errors) => Project {
            file: errors.first().map(|error| error.file.clone()),
            config: Err(describe(&errors)),
        },
    }
}

/// The mistakes as one message: `path:line:column: what is wrong`, one a line.
fn describe(errors: &[ConfigError]) -> String {
    let cwd = std::env::current_dir().ok();
    let mut text = String::from("cannot read the onus configuration");
    for error in errors {
        // Shown relative to where the compiler runs (the workspace root), as its own paths are.
        let file = cwd
            .as_deref()
            .and_then(|cwd| error.file.strip_prefix(cwd).ok())
            .unwrap_or(&error.file);
        text.push_str(&format!("\n{}", file.display()));
        if let Some((line, column)) = error.line_column() {
            text.push_str(&format!(":{line}:{column}"));
        }
        text.push_str(&format!(": {}", error.message));
    }
    text
}

#[cfg(test)]
mod tests {
    use onus_lints::Level;

    use super::*;

    fn project(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("onus-check-config-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("member/src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"member\"]\n\n[workspace.metadata.onus]\nextra_fallible = [\"send_email\"]\n\n[workspace.metadata.onus.rules]\ncatch_all = \"deny\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("member/Cargo.toml"),
            "[package]\nname = \"member\"\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn the_workspace_table_is_read_from_a_member_and_an_onus_toml_takes_precedence() {
        let dir = project("precedence");
        let project = of(&dir.join("member"));
        assert_eq!(
            project.file.as_deref(),
            Some(dir.join("Cargo.toml").as_path())
        );
        let config = project.config.as_ref().unwrap();
        assert_eq!(config.level_of("catch_all"), Some(Level::Deny));
        assert_eq!(config.extra_fallible, ["send_email"]);
        assert_eq!(config.runbook_root.as_deref(), Some(dir.as_path()));
        // A new file is seen once the cache is no longer fresh (its absence was part of what the
        // cache was kept for).
        std::thread::sleep(FRESH + std::time::Duration::from_millis(50));
        std::fs::write(
            dir.join(CONFIG_FILE),
            "ignorable = [\"purge\"]\n[rules]\ncatch_all = \"allow\"\n",
        )
        .unwrap();
        let project = of(&dir.join("member"));
        assert_eq!(
            project.file.as_deref(),
            Some(dir.join(CONFIG_FILE).as_path())
        );
        let config = project.config.as_ref().unwrap();
        assert_eq!(config.level_of("catch_all"), Some(Level::Allow));
        assert_eq!(config.ignorable, ["purge"]);
        assert!(config.extra_fallible.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_malformed_file_is_one_message_with_each_place() {
        let dir = project("malformed");
        std::fs::write(
            dir.join(CONFIG_FILE),
            "[rules]\ncatch_all = \"dney\"\nswallowed_eror = \"deny\"\n",
        )
        .unwrap();
        let project = of(&dir.join("member"));
        let message = project.config.as_ref().unwrap_err();
        let file = dir.join(CONFIG_FILE);
        assert!(
            message.starts_with("cannot read the onus configuration\n"),
            "{message}"
        );
        assert!(
            message.contains(&format!("{}:2:13: unknown level `dney`", file.display())),
            "{message}"
        );
        assert!(
            message.contains(&format!(
                "{}:3:1: unknown rule `swallowed_eror`",
                file.display()
            )),
            "{message}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
