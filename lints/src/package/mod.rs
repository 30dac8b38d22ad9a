//! The declarations of one cargo package, read from its files, so that `#[onus::check]` resolves
//! a call to a fn declared in another file as `cargo onus check` does.
//!
//! Only what the checker's workspace index resolves calls and types with is read: fn and
//! method signatures, `type` aliases, structs and enums, `impl Error` / `impl Classified`, and
//! classified types. Every fn body is cut out of a file's text before it is lexed and parsed,
//! and the shared walk runs with no rule hooks: no candidates, nothing below a signature.
//! Test code is skipped as by the CLI (`#[cfg(test)]` items, files brought in by
//! `#[cfg(test)] mod name;` or marked `#![cfg(test)]`), unless `check_tests` is on.
//!
//! A [`Package`] keeps each file's declarations, not its text or syntax tree, and reads a file
//! again only once its size or modification time changes: a long-lived proc-macro server
//! (rust-analyzer's) keeps one across edits.

extern crate proc_macro;

mod signatures;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::Config;
use crate::index::{Call, Cond, FnDecl, IndexFragment, RetKind, TypeDecl};
use crate::test_code::{self, FileMods};
use crate::walk::Walker;

/// The largest source file read; a larger one is left out (the CLI reports such files).
const FILE_LIMIT: u64 = 16 << 20;

/// Stack the parse of a file's declarations may take: signatures nest little, and a proc macro
/// may run with not much more than this left. A file whose declarations need more is left out.
const DECLARATIONS_STACK: usize = 1 << 20;

/// One cargo package's files, as far as their declarations go.
///
/// ```
/// use onus_lints::package::Package;
///
/// let dir = std::env::temp_dir().join(format!("onus-package-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("src")).unwrap();
/// std::fs::write(dir.join("src/db.rs"), "pub fn audit() -> Result<(), String> { Ok(()) }").unwrap();
/// let mut package = Package::new(&dir);
/// let declarations = package.declarations(&onus_lints::Config::default(), None);
/// assert_eq!(declarations.files().count(), 1);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Package {
    dir: PathBuf,
    /// The `check_tests` the files were read with: what counts as test code depends on it.
    check_tests: bool,
    files: HashMap<PathBuf, ReadFile>,
    /// The last declarations handed out, and the files they were made of: unchanged files give
    /// them again without another look at test code or another index by name.
    last: Option<(Vec<Arc<IndexFragment>>, Declarations)>,
}

/// What a file declared, when it had this stamp.
#[derive(Debug)]
struct ReadFile {
    stamp: Stamp,
    /// `None`: the file could not be read or parsed (the compiler says why, if it is compiled).
    declared: Option<Declared>,
}

#[derive(Debug, Clone)]
struct Declared {
    fragment: Arc<IndexFragment>,
    mods: Arc<FileMods>,
}

/// A file's size and modification time: a change of either means it is read again.
type Stamp = (u64, Option<SystemTime>);

/// The declarations of a package's files that are not test code, at one moment.
#[derive(Debug, Clone, Default)]
pub struct Declarations {
    snapshot: Arc<Snapshot>,
}

/// The files' fragments, their fns and types indexed by name: an item's index takes only those
/// its conditions ask about.
#[derive(Debug, Default)]
struct Snapshot {
    /// Each file's fragment without its fns and types.
    rest: Vec<IndexFragment>,
    /// Fn name → the files (by index) declaring a fn of that name, and the declaration.
    fns: HashMap<String, Vec<(usize, FnDecl)>>,
    /// Struct or enum name → the files declaring one, and the declaration.
    types: HashMap<String, Vec<(usize, TypeDecl)>>,
}

impl Package {
    /// The package whose manifest is in `dir` (absolute: `CARGO_MANIFEST_DIR`); nothing is read
    /// yet.
    #[must_use]
    pub fn new(dir: &Path) -> Self {
        Self {
            // Normalized as the item's file is, so that one file is never two paths.
            dir: test_code::normalize(dir),
            check_tests: false,
            files: HashMap::new(),
            last: None,
        }
    }

    /// The declarations of every `.rs` file under the package's `src/`, reading only the files
    /// that changed since the last call. When `item_file` (absolute), the file of the item being
    /// checked, is not among them (an integration test, an example, a generated crate's root),
    /// it and the files its `mod name;` declarations bring in are read too.
    pub fn declarations(&mut self, config: &Config, item_file: Option<&Path>) -> Declarations {
        if self.check_tests != config.check_tests {
            self.files.clear();
            self.check_tests = config.check_tests;
        }
        let mut paths = Vec::new();
        rust_files(&self.dir.join("src"), &mut paths, 0);
        paths.sort();
        let mut listed: HashSet<PathBuf> = paths.iter().cloned().collect();
        let mut pending: Vec<PathBuf> = item_file
            .map(test_code::normalize)
            .filter(|file| !listed.contains(file))
            .into_iter()
            .collect();
        let mut declared = Vec::new();
        for path in &paths {
            if let Some(file) = self.read(path, config) {
                declared.push((path.clone(), file));
            }
        }
        // The item's own module tree, when it is outside `src/`.
        while let Some(path) = pending.pop() {
            if !listed.insert(path.clone()) {
                continue;
            }
            let Some(file) = self.read(&path, config) else {
                continue;
            };
            pending.extend(
                file.mods
                    .declared_files()
                    .map(test_code::normalize)
                    .filter(|candidate| candidate.is_file()),
            );
            declared.push((path, file));
        }
        self.files.retain(|path, _| listed.contains(path));
        let is_test = if config.check_tests {
            vec![false; declared.len()]
        } else {
            let files: Vec<(&Path, &FileMods)> = declared
                .iter()
                .map(|(path, file)| (path.as_path(), &*file.mods))
                .collect();
            test_code::resolve(&files, vec![false; files.len()])
        };
        let fragments: Vec<Arc<IndexFragment>> = declared
            .into_iter()
            .zip(is_test)
            .filter(|(_, test)| !test)
            .map(|((_, file), _)| file.fragment)
            .collect();
        if let Some((made_of, declarations)) = &self.last
            && made_of.len() == fragments.len()
            && made_of
                .iter()
                .zip(&fragments)
                .all(|(a, b)| Arc::ptr_eq(a, b))
        {
            return declarations.clone();
        }
        let declarations = Declarations {
            snapshot: Arc::new(Snapshot::of(&fragments)),
        };
        self.last = Some((fragments, declarations.clone()));
        declarations
    }

    /// The declarations of the file at `path`, read again if its stamp changed.
    fn read(&mut self, path: &Path, config: &Config) -> Option<Declared> {
        let metadata = std::fs::metadata(path).ok()?;
        let stamp = (metadata.len(), metadata.modified().ok());
        if let Some(known) = self.files.get(path)
            && known.stamp == stamp
            && stamp.1.is_some()
        {
            return known.declared.clone();
        }
        let declared = (metadata.len() <= FILE_LIMIT)
            .then(|| std::fs::read_to_string(path).ok())
            .flatten()
            .and_then(|text| declared(path, &text, config));
        self.files.insert(
            path.to_path_buf(),
            ReadFile {
                stamp,
                declared: declared.clone(),
            },
        );
        declared
    }
}

impl Snapshot {
    fn of(fragments: &[Arc<IndexFragment>]) -> Self {
        let mut snapshot = Self::default();
        for (at, fragment) in fragments.iter().enumerate() {
            for decl in &fragment.fns {
                snapshot
                    .fns
                    .entry(decl.name.clone())
                    .or_default()
                    .push((at, decl.clone()));
            }
            for ty in &fragment.types {
                snapshot
                    .types
                    .entry(ty.name.clone())
                    .or_default()
                    .push((at, ty.clone()));
            }
            snapshot.rest.push(IndexFragment {
                fns: Vec::new(),
                types: Vec::new(),
                ..IndexFragment::clone(fragment)
            });
        }
        snapshot
    }
}

impl Declarations {
    /// The names the module of `file` can use, where its module is known.
    pub(crate) fn scope_of(&self, file: &Path) -> Option<crate::paths::ModuleScope> {
        let file = test_code::normalize(file);
        self.snapshot
            .rest
            .iter()
            .find(|fragment| fragment.file == file)
            .and_then(|fragment| fragment.scope.as_deref().cloned())
    }

    /// The files whose declarations these are.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.snapshot
            .rest
            .iter()
            .map(|fragment| fragment.file.as_path())
    }

    /// The package's fragments as the index of one item needs them: the fns and types `names`
    /// names (those the item's conditions ask about), the types their signatures return, and
    /// every alias, impl and classified type; an index of every declaration of a large package
    /// for each item would cost more than checking it.
    ///
    /// `item`'s own declarations take the place of what the file the item is in says on disk
    /// (an older version while it is edited): a fn declared in both is the item's, not two
    /// declarations that may disagree. The file is `item_file` when it is one of the package's,
    /// else the one declaring most of what the item declares.
    pub(crate) fn beside<'a>(
        &'a self,
        item: &IndexFragment,
        item_file: Option<&Path>,
        names: &HashSet<&str>,
    ) -> Vec<Cow<'a, IndexFragment>> {
        let snapshot = &*self.snapshot;
        let item_names = ItemNames::by(item);
        let at = self.item_file_at(&item_names, item_file);
        let declared_by_item = |file: usize, decl: &FnDecl| {
            Some(file) == at
                && item_names
                    .fns
                    .contains(&(decl.owner.as_deref(), decl.name.as_str()))
        };
        let mut wanted = IndexFragment::default();
        for name in names {
            for (file, decl) in snapshot.fns.get(*name).into_iter().flatten() {
                if !declared_by_item(*file, decl) {
                    wanted.fns.push(decl.clone());
                }
            }
        }
        // A kept fn's return type is answered by the types of that name.
        let returned: HashSet<&str> = wanted
            .fns
            .iter()
            .filter_map(|decl| match &decl.ret {
                RetKind::Named(name) => Some(name.as_str()),
                RetKind::Result | RetKind::NotResult => None,
            })
            .collect();
        let type_names: HashSet<&str> = names.iter().copied().chain(returned).collect();
        for name in type_names {
            for (file, ty) in snapshot.types.get(name).into_iter().flatten() {
                if Some(*file) != at || !item_names.types.contains(name) {
                    wanted.types.push(ty.clone());
                }
            }
        }
        let mut fragments: Vec<Cow<'a, IndexFragment>> = snapshot
            .rest
            .iter()
            .enumerate()
            .map(|(file, rest)| {
                if Some(file) == at {
                    Cow::Owned(without(rest, &item_names))
                } else {
                    Cow::Borrowed(rest)
                }
            })
            .collect();
        fragments.push(Cow::Owned(wanted));
        fragments
    }

    /// Which of the files the item is in: `item_file` when it is one of them, else the one
    /// declaring most of what the item declares.
    fn item_file_at(&self, item: &ItemNames<'_>, item_file: Option<&Path>) -> Option<usize> {
        let snapshot = &*self.snapshot;
        let item_file = item_file.map(test_code::normalize);
        if let Some(at) = item_file
            .as_ref()
            .and_then(|file| snapshot.rest.iter().position(|f| f.file == *file))
        {
            return Some(at);
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for (owner, name) in &item.fns {
            for (file, decl) in snapshot.fns.get(*name).into_iter().flatten() {
                if decl.owner.as_deref() == *owner {
                    *shared.entry(*file).or_default() += 1;
                }
            }
        }
        for name in &item.types {
            for (file, _) in snapshot.types.get(*name).into_iter().flatten() {
                *shared.entry(*file).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .max_by_key(|(file, shared)| (*shared, std::cmp::Reverse(*file)))
            .map(|(file, _)| file)
    }
}

/// The names `cond` asks the index about: called fns and their owners, types.
pub(crate) fn names_in<'a>(cond: &'a Cond, out: &mut HashSet<&'a str>) {
    let call = |call: &'a Call, out: &mut HashSet<&'a str>| match call {
        Call::Path { segments, .. } => out.extend(segments.iter().map(String::as_str)),
        Call::Method {
            name,
            self_type,
            field,
            ..
        } => {
            out.insert(name);
            out.extend(self_type.as_deref());
            // `self.field.name(..)`: the struct declaring the field says its type.
            out.extend(field.as_deref().map(|field| field.owner.as_str()));
        }
        Call::Macro(name) => {
            out.insert(name);
        }
    };
    match cond {
        Cond::ReturnsResult { call: called, .. }
        | Cond::NotIgnorable(called)
        | Cond::NotRedactedBy(called)
        | Cond::ErrorNotOf { call: called, .. } => call(called, out),
        Cond::NoCallDiverges(calls) => {
            for called in calls {
                call(called, out);
            }
        }
        Cond::NotIntoMemory(field) => {
            out.insert(&field.owner);
        }
        Cond::TypeIsResult(name)
        | Cond::ImplementsError { name, .. }
        | Cond::NotClassified { name, .. }
        | Cond::ErrorEnumNotCovered { name, .. }
        | Cond::IsSystemVariant { ty: name, .. } => {
            out.insert(name);
        }
        // Answered from every alias, impl and classified type, which are always kept.
        Cond::Untested { .. } | Cond::UsesOnus(_) | Cond::CodeCollides { .. } => {}
        // Only `cargo onus check` reads a binary's every file.
        Cond::NotRunOnlyAtStartup { .. } => {}
    }
}

/// What the file at `path` declares, or `None` if it is not Rust syn can read within
/// [`DECLARATIONS_STACK`].
fn declared(path: &Path, text: &str, config: &Config) -> Option<Declared> {
    let file =
        crate::parse::parse_file(&signatures::declarations_only(text), DECLARATIONS_STACK).ok()?;
    let mods = if config.check_tests {
        FileMods::default()
    } else {
        test_code::scan(path, &file)
    };
    let mut walker = Walker::new(config, Some(path), &[]);
    syn::visit::Visit::visit_file(&mut walker, &file);
    let mut fragment = walker.cx.fragment;
    fragment.file = path.to_path_buf();
    fragment.scope = crate::paths::module_of_file(path)
        .map(|module| Arc::new(crate::paths::ModuleScope::new(module, &file.items)));
    if proc_macro::is_available() {
        // Lexed by the compiler inside a proc macro, every token of the text has the
        // attribute's position: no line of this file is known.
        for ty in &mut fragment.error_types {
            ty.line = 0;
            for variant in &mut ty.variants {
                variant.line = 0;
            }
        }
    }
    Some(Declared {
        fragment: Arc::new(fragment),
        mods: Arc::new(mods),
    })
}

/// The names of what an item declares.
#[derive(Default)]
struct ItemNames<'a> {
    fns: HashSet<(Option<&'a str>, &'a str)>,
    types: HashSet<&'a str>,
    aliases: HashSet<&'a str>,
    error_impls: HashSet<&'a str>,
    classified_impls: HashSet<&'a str>,
    error_types: HashSet<&'a str>,
}

impl<'a> ItemNames<'a> {
    fn by(item: &'a IndexFragment) -> Self {
        Self {
            fns: item
                .fns
                .iter()
                .map(|decl| (decl.owner.as_deref(), decl.name.as_str()))
                .collect(),
            types: item.types.iter().map(|ty| ty.name.as_str()).collect(),
            aliases: item
                .aliases
                .iter()
                .map(|(name, _, _)| name.as_str())
                .collect(),
            error_impls: item
                .error_impls
                .iter()
                .map(|(name, _)| name.as_str())
                .collect(),
            classified_impls: item
                .classified_impls
                .iter()
                .map(|(name, _)| name.as_str())
                .collect(),
            error_types: item.error_types.iter().map(|ty| ty.name.as_str()).collect(),
        }
    }
}

/// `rest` (a file's fragment without fns and types) without the aliases, impls and classified
/// types the item declares too.
fn without(rest: &IndexFragment, item: &ItemNames<'_>) -> IndexFragment {
    IndexFragment {
        file: rest.file.clone(),
        aliases: rest
            .aliases
            .iter()
            .filter(|(name, _, _)| !item.aliases.contains(name.as_str()))
            .cloned()
            .collect(),
        error_impls: rest
            .error_impls
            .iter()
            .filter(|(name, _)| !item.error_impls.contains(name.as_str()))
            .cloned()
            .collect(),
        classified_impls: rest
            .classified_impls
            .iter()
            .filter(|(name, _)| !item.classified_impls.contains(name.as_str()))
            .cloned()
            .collect(),
        error_types: rest
            .error_types
            .iter()
            .filter(|ty| !item.error_types.contains(ty.name.as_str()))
            .cloned()
            .collect(),
        ..IndexFragment::default()
    }
}

/// Every `.rs` file below `dir`, into `out`. Symbolic links are not followed: a package's own
/// sources are its files.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    const MAX_DEPTH: usize = 32;
    // A directory that cannot be listed declares nothing; the compiler reports the modules it
    // cannot read.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        // An entry that cannot be looked at declares nothing, as above.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth < MAX_DEPTH {
            rust_files(&path, out, depth + 1);
        } else if kind.is_file() && path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}
