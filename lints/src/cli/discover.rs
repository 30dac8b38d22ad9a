//! Which files a run checks, and reading them.
//!
//! Without paths: every member of the current cargo workspace (its `src`, `tests`, `examples` and
//! `benches`, and any target source elsewhere such as `build.rs`), found through `cargo
//! metadata`. With paths: every `.rs` file under them. Both honour `.gitignore` (and `.ignore`),
//! skip cargo `target` directories, and apply the configured `exclude` globs; a file named
//! explicitly on the command line is always checked.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::config::PathGlobs;
use crate::engine::Input;
use crate::render::{PackageInfo, TargetInfo};

/// The members of a cargo workspace, as `cargo metadata` reports them.
#[derive(Debug)]
pub struct Workspace {
    /// The workspace root (absolute).
    pub root: PathBuf,
    /// The member packages.
    pub packages: Vec<PackageInfo>,
    /// The directories and files that hold each member's code.
    pub roots: Vec<PathBuf>,
    /// The crate roots of the members' `test` and `bench` targets (absolute): test code even
    /// where they are not under `tests/` or `benches/`.
    pub test_targets: Vec<PathBuf>,
    /// The directories of the members that use onus: they depend on `onus` (or are it).
    pub onus_packages: Vec<PathBuf>,
}

/// Why the files to check could not be found.
#[derive(Debug)]
pub enum DiscoverError {
    /// `cargo metadata` failed (no workspace here, or a broken manifest).
    Metadata(cargo_metadata::Error),
    /// A path on the command line does not exist.
    Missing(PathBuf),
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Metadata(error) => write!(f, "cannot read the cargo workspace: {error}"),
            Self::Missing(path) => write!(f, "`{}` does not exist", path.display()),
        }
    }
}

impl std::error::Error for DiscoverError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Metadata(error) => Some(error),
            Self::Missing(_) => None,
        }
    }
}

/// Asks cargo for the workspace that contains `cwd`.
///
/// # Errors
///
/// When `cargo metadata` fails.
pub fn workspace(cwd: &Path) -> Result<Workspace, DiscoverError> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .no_deps()
        .current_dir(cwd)
        .exec()
        .map_err(DiscoverError::Metadata)?;
    let mut packages = Vec::new();
    let mut roots = Vec::new();
    let mut test_targets = Vec::new();
    let mut onus_packages = Vec::new();
    for package in metadata.workspace_packages() {
        let manifest_path = package.manifest_path.clone().into_std_path_buf();
        let Some(dir) = manifest_path.parent() else {
            continue;
        };
        let code_dirs: Vec<PathBuf> = ["src", "tests", "examples", "benches"]
            .iter()
            .map(|name| dir.join(name))
            .filter(|sub| sub.is_dir())
            .collect();
        for target in &package.targets {
            let src = target.src_path.clone().into_std_path_buf();
            if target.is_test() || target.is_bench() {
                test_targets.push(src.clone());
            }
            if !code_dirs.iter().any(|sub| src.starts_with(sub)) {
                roots.push(src);
            }
        }
        roots.extend(code_dirs);
        if package.name.as_str() == "onus"
            || package
                .dependencies
                .iter()
                .any(|dependency| dependency.name == "onus")
        {
            onus_packages.push(dir.to_path_buf());
        }
        packages.push(PackageInfo {
            id: package.id.repr.clone(),
            name: package.name.to_string(),
            manifest_path,
            targets: package
                .targets
                .iter()
                .map(|target| TargetInfo {
                    name: target.name.clone(),
                    kind: target.kind.iter().map(ToString::to_string).collect(),
                    crate_types: target.crate_types.iter().map(ToString::to_string).collect(),
                    src_path: target.src_path.clone().into_std_path_buf(),
                })
                .collect(),
        });
    }
    Ok(Workspace {
        root: metadata.workspace_root.into_std_path_buf(),
        packages,
        roots,
        test_targets,
        onus_packages,
    })
}

/// The files a run checks.
#[derive(Debug, Default)]
pub struct Found {
    /// Every file to check, sorted and without duplicates, each shown relative to the current
    /// directory when it is inside it.
    pub files: Vec<PathBuf>,
    /// Directory entries that could not be listed (permissions, broken links, bad ignore files).
    pub unlisted: Vec<ignore::Error>,
}

/// Every file to check under `roots`.
///
/// `named` says the roots were named on the command line: a named file is always checked, and a
/// named directory that the configuration excludes is checked whole (the user asked for it).
/// Otherwise (the workspace's own directories) excluded roots are skipped like everything else.
///
/// # Errors
///
/// When one of `roots` does not exist.
pub fn files(
    roots: &[PathBuf],
    exclude: &PathGlobs,
    cwd: &Path,
    named: bool,
) -> Result<Found, DiscoverError> {
    let mut found = Found::default();
    for root in roots {
        if root.is_file() {
            if named || !exclude.matches(root, false) {
                found.files.push(shown(root, cwd));
            }
        } else if root.is_dir() {
            let excluded = exclude.covers(root);
            if !named && excluded {
                continue;
            }
            walk(root, (!excluded).then_some(exclude), cwd, &mut found);
        } else {
            return Err(DiscoverError::Missing(root.clone()));
        }
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

/// Adds the `.rs` files under `dir` to `found`, applying `exclude` (if any) below `dir`.
fn walk(dir: &Path, exclude: Option<&PathGlobs>, cwd: &Path, found: &mut Found) {
    let mut walker = WalkBuilder::new(dir);
    // A project checked outside of git (a fresh download, a CI artifact) still means its
    // `.gitignore`.
    walker.require_git(false);
    let exclude = exclude.cloned();
    walker.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
        // The root itself was asked for; only what is found under it is filtered.
        entry.depth() == 0
            || !(exclude
                .as_ref()
                .is_some_and(|exclude| exclude.matches(entry.path(), is_dir))
                || (is_dir && entry.path().join("CACHEDIR.TAG").is_file()))
    });
    for entry in walker.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                if is_file && entry.path().extension() == Some(OsStr::new("rs")) {
                    found.files.push(shown(entry.path(), cwd));
                }
            }
            // The files that can be listed are still checked, as `rg` does; the user hears
            // what could not be.
            Err(error) => found.unlisted.push(error),
        }
    }
}

/// `path` relative to `cwd` when it is inside it (how rustc and cargo show paths), without `./`.
pub(crate) fn shown(path: &Path, cwd: &Path) -> PathBuf {
    let relative = path.strip_prefix(cwd).unwrap_or(path);
    relative
        .components()
        .filter(|part| !matches!(part, Component::CurDir))
        .collect()
}

/// Whether a file is an integration test or bench of a cargo package: under the `tests/` or
/// `benches/` directory of the package it belongs to (the nearest `Cargo.toml` above it), or
/// one of `test_targets` (crate roots cargo metadata lists as `test`/`bench` targets, shown
/// relative to the current directory as the files are).
///
/// The nearest manifest decides, so `tests/src/lib.rs` of a package named `tests` is not test
/// code while `tests/tests/it.rs` is.
#[must_use]
pub fn is_test_code(path: &Path, test_targets: &[PathBuf]) -> bool {
    if test_targets.iter().any(|target| target == path) {
        return true;
    }
    let mut below: Option<&OsStr> = None;
    for dir in path.ancestors().skip(1) {
        let manifest = if dir.as_os_str().is_empty() {
            PathBuf::from("Cargo.toml")
        } else {
            dir.join("Cargo.toml")
        };
        if manifest.is_file() {
            return below.is_some_and(|name| name == "tests" || name == "benches");
        }
        below = dir.file_name();
    }
    false
}

/// Reads every file in parallel; a file that cannot be read or is not UTF-8 becomes an
/// [`Input::Unreadable`], which the engine reports as a `parse_error`. `test_targets` as in
/// [`is_test_code`].
#[must_use]
pub fn read(files: Vec<PathBuf>, test_targets: &[PathBuf]) -> Vec<Input> {
    files
        .into_par_iter()
        .map(|path| match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Input::Source {
                    test_code: is_test_code(&path, test_targets),
                    path,
                    text,
                },
                Err(error) => Input::Unreadable {
                    error: format!("file is not valid UTF-8: {}", error.utf8_error()),
                    path,
                },
            },
            Err(error) => Input::Unreadable {
                error: format!("cannot read file: {error}"),
                path,
            },
        })
        .collect()
}
