//! Which files a run checks, and reading them.
//!
//! Without paths: every member of the current cargo workspace (its `src`, `tests`, `examples` and
//! `benches`, and any target source elsewhere such as `build.rs`), found through `cargo
//! metadata`. With paths: every `.rs` file under them. Both honour `.gitignore` and `.ignore`
//! files inside the project, skip hidden entries and cargo `target` directories, and apply the
//! configured `exclude` globs; a file named explicitly on the command line is always checked.
//!
//! Only regular files and directories are read, and symbolic links are followed by the one rule
//! of [`crate::files`]: inside the project only. What is skipped is reported as a note;
//! a directory that cannot be listed becomes a finding, like a file that cannot be read.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;

use super::config::PathGlobs;
use crate::engine::Input;
use crate::files::{self, NotReadable, ReadError};
use crate::render::{PackageInfo, TargetInfo, normalize};

/// The largest `.gitignore` or `.ignore` file read; a larger one is reported and not applied.
pub const IGNORE_FILE_LIMIT: u64 = 1 << 20;

/// The members of a cargo workspace, as `cargo metadata` reports them.
#[derive(Debug)]
pub struct Workspace {
    /// The workspace root (absolute).
    pub root: PathBuf,
    /// The member packages.
    pub packages: Vec<PackageInfo>,
    /// The directories and files that hold each member's code, all inside the root.
    pub roots: Vec<PathBuf>,
    /// The crate roots of the members' `test` and `bench` targets (absolute): test code even
    /// where they are not under `tests/` or `benches/`.
    pub test_targets: Vec<PathBuf>,
    /// The directories of the members that use onus: they depend on `onus` (or are it).
    pub onus_packages: Vec<PathBuf>,
    /// What was left out and why (a target outside the root, a member's own onus table).
    pub notes: Vec<String>,
}

/// Why the files to check could not be found.
#[derive(Debug)]
pub enum DiscoverError {
    /// No `Cargo.toml` in the current directory or above it.
    NoManifest(PathBuf),
    /// `cargo metadata` failed (a broken manifest, no toolchain).
    Metadata(cargo_metadata::Error),
    /// A path on the command line is not a file or directory that can be checked.
    NotCheckable {
        /// The path as given.
        path: PathBuf,
        /// What it is instead.
        what: String,
    },
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoManifest(cwd) => write!(
                f,
                "no `Cargo.toml` in `{}` or any directory above it",
                cwd.display()
            ),
            Self::Metadata(error) => write!(f, "cannot read the cargo workspace: {error}"),
            Self::NotCheckable { path, what } => write!(f, "`{}` {what}", path.display()),
        }
    }
}

impl std::error::Error for DiscoverError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Metadata(error) => Some(error),
            Self::NoManifest(_) | Self::NotCheckable { .. } => None,
        }
    }
}

/// Asks cargo for the workspace that contains `cwd`.
///
/// cargo runs from the root of the file system with `--manifest-path`, never from inside the
/// checked project: a `rust-toolchain.toml` or `.cargo/config.toml` of the project cannot choose
/// which program runs. Under `cargo onus`, the cargo that started the checker is run again (the
/// `CARGO` variable it sets); run directly, the `cargo` on `PATH` with the user's own toolchain.
/// `--no-deps --offline`: nothing is fetched, nothing is built.
///
/// # Errors
///
/// When there is no manifest, or `cargo metadata` fails.
pub fn workspace(cwd: &Path) -> Result<Workspace, DiscoverError> {
    let manifest = cwd
        .ancestors()
        .map(|dir| dir.join("Cargo.toml"))
        .find(|manifest| manifest.is_file())
        .ok_or_else(|| DiscoverError::NoManifest(cwd.to_path_buf()))?;
    let outside_the_project = cwd.ancestors().last().unwrap_or(cwd);
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(&manifest)
        .current_dir(outside_the_project)
        .no_deps()
        .other_options(vec!["--offline".to_owned()])
        .exec()
        .map_err(DiscoverError::Metadata)?;
    let root = metadata.workspace_root.clone().into_std_path_buf();
    let inside = [files::canonical(&root)];
    let shown_root = |path: &Path| crate::render::relative_path(path, &root);
    let mut packages = Vec::new();
    let mut roots = Vec::new();
    let mut test_targets = Vec::new();
    let mut onus_packages = Vec::new();
    let mut notes = Vec::new();
    for package in metadata.workspace_packages() {
        let manifest_path = package.manifest_path.clone().into_std_path_buf();
        let Some(dir) = manifest_path.parent() else {
            continue;
        };
        if package.metadata.get("onus").is_some() {
            notes.push(format!(
                "`[package.metadata.onus]` in `{}` is ignored: onus reads `[workspace.metadata.onus]` \
                 of the workspace root, or an `onus.toml` beside it",
                shown_root(&manifest_path)
            ));
        }
        let mut code_dirs = Vec::new();
        for name in ["src", "tests", "examples", "benches"] {
            let sub = dir.join(name);
            match files::resolve(&sub, Some(&inside)) {
                Ok(found) if found.is_dir() => code_dirs.push(sub),
                Ok(_) | Err(NotReadable::Missing) => {}
                Err(what) => notes.push(format!(
                    "`{}` {}: not checked",
                    shown_root(&sub),
                    what.describe()
                )),
            }
        }
        for target in &package.targets {
            let src = target.src_path.clone().into_std_path_buf();
            if target.is_test() || target.is_bench() {
                test_targets.push(src.clone());
            }
            if code_dirs.iter().any(|sub| src.starts_with(sub)) {
                continue;
            }
            // Never read, not even to report a syntax error: it could be any file at all.
            if !normalize(&src).starts_with(&root) || !files::is_inside(&src, &inside) {
                notes.push(format!(
                    "the source of target `{}` of `{}` is outside the workspace root: not checked",
                    target.name, package.name
                ));
                continue;
            }
            roots.push(src);
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
        root,
        packages,
        roots,
        test_targets,
        onus_packages,
        notes,
    })
}

/// The files a run checks.
#[derive(Debug, Default)]
pub struct Found {
    /// Every file to check, sorted and without duplicates, each shown relative to the current
    /// directory when it is inside it.
    pub files: Vec<PathBuf>,
    /// Directories that could not be listed, and why: their files could not be checked.
    pub unlisted: Vec<(PathBuf, String)>,
    /// What was skipped and why (special files, links out of the project, unreadable ignore
    /// files), for the user.
    pub notes: Vec<String>,
}

/// Every file to check under `roots`, in the project at `project_root`.
///
/// `named` says the roots were named on the command line: a named file is always checked, and a
/// named directory that the configuration excludes is checked whole (the user asked for it).
/// Otherwise (the workspace's own directories) excluded roots are skipped like everything else.
///
/// # Errors
///
/// When a named path is not a regular file or a directory.
pub fn files(
    roots: &[PathBuf],
    exclude: &PathGlobs,
    cwd: &Path,
    named: bool,
    project_root: &Path,
) -> Result<Found, DiscoverError> {
    let mut walk = Walk {
        found: Found::default(),
        inside: vec![files::canonical(project_root)],
        project_root: normalize(&cwd.join(project_root)),
        cwd: cwd.to_path_buf(),
        seen_dirs: HashSet::new(),
        followed_links: false,
    };
    let mut dirs = Vec::new();
    for root in roots {
        // A named path is followed wherever it leads; below it, links stay inside it or the
        // project.
        let checked = files::resolve(root, (!named).then_some(walk.inside.as_slice()));
        match checked {
            Err(what) if named => {
                return Err(DiscoverError::NotCheckable {
                    path: root.clone(),
                    what: what.describe(),
                });
            }
            Err(what) => walk.note(root, &what),
            Ok(metadata) if metadata.is_file() => {
                if named || !exclude.matches(root, false) {
                    walk.found.files.push(shown(root, cwd));
                }
            }
            Ok(_) => {
                let excluded = exclude.covers(root);
                if !named && excluded {
                    continue;
                }
                if named {
                    walk.inside.push(files::canonical(root));
                }
                dirs.push((root, (!excluded).then_some(exclude)));
            }
        }
    }
    for (dir, exclude) in dirs {
        walk.dir(dir, exclude);
    }
    let mut found = walk.finish();
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

/// The `.ignore` and `.gitignore` files of a directory and of the directories above it, innermost
/// first when matching.
#[derive(Debug)]
struct IgnoreLevel {
    /// `.ignore` before `.gitignore`: the first one that matches decides.
    matchers: Vec<Gitignore>,
    parent: Option<Rc<IgnoreLevel>>,
}

/// Whether `path` is ignored by the ignore files of `level` and above it.
fn is_ignored(mut level: Option<&Rc<IgnoreLevel>>, path: &Path, is_dir: bool) -> bool {
    while let Some(current) = level {
        for matcher in &current.matchers {
            match matcher.matched(path, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        level = current.parent.as_ref();
    }
    false
}

/// One run of [`files()`]: what it found so far and where links may lead.
struct Walk {
    found: Found,
    /// Where a symbolic link may lead (canonical): the project, and the directories named.
    inside: Vec<PathBuf>,
    /// The project root (absolute): ignore files from there down apply.
    project_root: PathBuf,
    cwd: PathBuf,
    /// Directories already walked, so a link back up is not walked forever.
    seen_dirs: HashSet<files::Identity>,
    /// A link was followed: the same file may have been found under two names.
    followed_links: bool,
}

impl Walk {
    fn note(&mut self, path: &Path, what: &NotReadable) {
        self.found.notes.push(format!(
            "`{}` {}: not checked",
            shown(path, &self.cwd).display(),
            what.describe()
        ));
    }

    /// The ignore files of the directories from the project root down to `dir`'s parent (none
    /// for a directory outside the project).
    fn parent_ignores(&mut self, dir: &Path) -> Option<Rc<IgnoreLevel>> {
        let dir = normalize(&self.cwd.join(dir));
        let parent = dir.parent()?;
        let relative = parent.strip_prefix(&self.project_root).ok()?;
        let mut level = None;
        let mut current = self.project_root.clone();
        level = self.ignore_level(&current, level, |_| true);
        for part in relative.components() {
            current.push(part);
            level = self.ignore_level(&current, level, |_| true);
        }
        level
    }

    /// `parent` with the ignore files of `dir` added, if it has any.
    /// `present` says whether `dir` has an entry of a name, so that a missing ignore file costs
    /// nothing.
    fn ignore_level(
        &mut self,
        dir: &Path,
        parent: Option<Rc<IgnoreLevel>>,
        present: impl Fn(&str) -> bool,
    ) -> Option<Rc<IgnoreLevel>> {
        let mut matchers = Vec::new();
        for name in [".ignore", ".gitignore"] {
            if !present(name) {
                continue;
            }
            let path = dir.join(name);
            let text = match files::read_small(&path, IGNORE_FILE_LIMIT, Some(&self.inside)) {
                Ok(text) => text,
                Err(ReadError::NotReadable(NotReadable::Missing)) => continue,
                Err(error) => {
                    self.found.notes.push(format!(
                        "`{}` is not applied: {error}",
                        shown(&path, &self.cwd).display()
                    ));
                    continue;
                }
            };
            // Anchored patterns (`/gen.rs`, `sub/x.rs`) are relative to the ignore file's
            // directory: an absolute root, as the paths matched are.
            let mut builder = GitignoreBuilder::new(normalize(&self.cwd.join(dir)));
            for (number, line) in text.lines().enumerate() {
                if let Err(error) = builder.add_line(Some(path.clone()), line) {
                    self.found.notes.push(format!(
                        "line {} of `{}` is not applied: {error}",
                        number + 1,
                        shown(&path, &self.cwd).display()
                    ));
                }
            }
            match builder.build() {
                Ok(matcher) => matchers.push(matcher),
                Err(error) => self.found.notes.push(format!(
                    "`{}` is not applied: {error}",
                    shown(&path, &self.cwd).display()
                )),
            }
        }
        if matchers.is_empty() {
            parent
        } else {
            Some(Rc::new(IgnoreLevel { matchers, parent }))
        }
    }

    /// Adds the `.rs` files under `root` to what was found, applying `exclude` (if any) below it.
    fn dir(&mut self, root: &Path, exclude: Option<&PathGlobs>) {
        let parents = self.parent_ignores(root);
        let mut stack = vec![(root.to_path_buf(), parents)];
        while let Some((dir, parents)) = stack.pop() {
            if let Some(identity) = files::identity(&dir)
                && !self.seen_dirs.insert(identity)
            {
                continue;
            }
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(error) => {
                    self.found
                        .unlisted
                        .push((shown(&dir, &self.cwd), error.to_string()));
                    continue;
                }
            };
            let mut listed = Vec::new();
            for entry in entries {
                match entry {
                    // The kind comes with the listing on most systems: no call per entry.
                    Ok(entry) => listed.push((entry.file_name(), entry.file_type().ok())),
                    Err(error) => {
                        self.found
                            .unlisted
                            .push((shown(&dir, &self.cwd), error.to_string()));
                    }
                }
            }
            listed.sort_by(|a, b| a.0.cmp(&b.0));
            let ignores = self.ignore_level(&dir, parents, |name| {
                listed.iter().any(|(listed, _)| listed == name)
            });
            // Walked in order: the stack takes them last to first.
            let mut subdirs = Vec::new();
            for (name, kind) in listed {
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let path = dir.join(&name);
                let is_rs = Path::new(&name).extension() == Some(OsStr::new("rs"));
                let is_dir = match kind {
                    Some(kind) if kind.is_dir() => true,
                    Some(kind) if kind.is_file() => false,
                    // A link, a special file, or a kind the listing did not tell.
                    _ => match files::resolve(&path, Some(&self.inside)) {
                        Ok(metadata) => {
                            self.followed_links |= kind.is_some_and(|kind| kind.is_symlink());
                            metadata.is_dir()
                        }
                        Err(what) => {
                            // Only what could have been checked is worth a note: a `.rs` file,
                            // or a directory.
                            let to_dir =
                                std::fs::metadata(&path).is_ok_and(|target| target.is_dir());
                            if is_rs || to_dir {
                                self.note(&path, &what);
                            }
                            continue;
                        }
                    },
                };
                if !is_dir && !is_rs {
                    continue;
                }
                let absolute = normalize(&self.cwd.join(&path));
                if is_ignored(ignores.as_ref(), &absolute, is_dir)
                    || exclude.is_some_and(|exclude| exclude.matches(&path, is_dir))
                {
                    continue;
                }
                if is_dir {
                    // A cargo `target` directory (or any other cache) is never source.
                    if !path.join("CACHEDIR.TAG").is_file() {
                        subdirs.push((path, ignores.clone()));
                    }
                } else {
                    self.found.files.push(shown(&path, &self.cwd));
                }
            }
            stack.extend(subdirs.into_iter().rev());
        }
    }

    /// What was found; a file reached through links under two names is checked once.
    fn finish(self) -> Found {
        let mut found = self.found;
        if self.followed_links {
            let mut seen = HashSet::new();
            found
                .files
                .retain(|file| seen.insert(files::canonical(&self.cwd.join(file))));
        }
        found
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
