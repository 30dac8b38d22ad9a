//! Which item a path names: `crate::billing::Error` and `crate::ledger::Error` are two types, and
//! `save(..)` in `mod ledger` is `ledger::save` when the module declares or imports one.
//!
//! Files are checked one by one, so a file's module is known from where it lies in its crate
//! (`src/billing/mod.rs` is `crate::billing`), and each module's names from its own items and
//! `use` declarations (renames, groups, globs, `self::`, `super::`, `crate::`). A name the module
//! neither declares nor imports from the crate resolves to nothing, and the index then falls back
//! to knowing the item by its name, as it must for macros, prelude names and other crates.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path};

/// An item's path in its crate, as a fingerprint: a 64-bit hash of the crate (its root: the
/// directory its root file is in, or a single-file binary's path) and of each module, type and
/// item name along the path. Paths are only ever compared, never shown, so nothing is allocated
/// for them; two different paths of one workspace share a fingerprint with a probability of
/// about n²/2⁶⁵ (n paths: below 10⁻⁹ for a hundred thousand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ItemPath(u64);

impl ItemPath {
    /// The root module of the crate whose root is `root`.
    fn crate_root(root: &Path) -> Self {
        // `DefaultHasher::new()` has fixed keys: every thread fingerprints a path alike.
        let mut hasher = DefaultHasher::new();
        root.hash(&mut hasher);
        Self(hasher.finish())
    }

    /// The path of `name` inside this module or type.
    pub(crate) fn join(self, name: &str) -> Self {
        let mut hasher = DefaultHasher::new();
        (self.0, name).hash(&mut hasher);
        Self(hasher.finish())
    }

    /// The path of `rest` inside this module or type.
    pub(crate) fn extend(self, rest: &[String]) -> Self {
        rest.iter().fold(self, |path, name| path.join(name))
    }
}

/// A module: its crate's root and its names below it (`a::b`), from which its parents follow.
#[derive(Debug, Clone)]
pub(crate) struct Module {
    root: ItemPath,
    names: Vec<String>,
}

impl Module {
    /// The root module of the module's crate.
    pub(crate) fn crate_root(&self) -> ItemPath {
        self.root
    }

    /// The module's own path.
    pub(crate) fn path(&self) -> ItemPath {
        self.root.extend(&self.names)
    }

    fn child(&self, name: &str) -> Self {
        let mut names = self.names.clone();
        names.push(name.to_owned());
        Self {
            root: self.root,
            names,
        }
    }
}

/// The crate root of the binary whose entry file `file` is: `src/main.rs`, or one of
/// `src/bin/`. The fns of its crate reached only from its `main` run only at startup (see
/// [`crate::startup`]).
pub(crate) fn binary_root(file: &Path) -> Option<ItemPath> {
    let module = module_of_file(file)?;
    let components: Vec<Component<'_>> = file.components().collect();
    let in_src_bin = components
        .iter()
        .rposition(|component| component.as_os_str() == "src")
        .and_then(|src| components.get(src + 1))
        .is_some_and(|next| next.as_os_str() == "bin");
    let is_entry_file = module.names.is_empty()
        && (in_src_bin || file.file_name().is_some_and(|name| name == "main.rs"));
    is_entry_file.then_some(module.root)
}

/// The module a file is, from where it lies under its crate's `src/`: `src/lib.rs` and
/// `src/main.rs` are the root, `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`, and each binary of
/// `src/bin/` is a crate of its own. `None` for a file outside any `src/` (its module is unknown).
pub(crate) fn module_of_file(file: &Path) -> Option<Module> {
    let components: Vec<Component<'_>> = file.components().collect();
    let src = components
        .iter()
        .rposition(|component| component.as_os_str() == "src")?;
    let mut root = components[..=src].iter().collect::<std::path::PathBuf>();
    let mut names: Vec<String> = components[src + 1..]
        .iter()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    if names.first().is_some_and(|first| first == "bin") && names.len() >= 2 {
        // `src/bin/tool.rs` is a crate; so is `src/bin/tool/main.rs`, with its modules beside it.
        root.push(names.remove(0));
        root.push(names.remove(0));
    }
    let file_name = names.pop().unwrap_or_default();
    let stem = file_name.strip_suffix(".rs").unwrap_or(&file_name);
    if !matches!(stem, "lib" | "main" | "mod" | "") {
        names.push(stem.to_owned());
    }
    Some(Module {
        root: ItemPath::crate_root(&root),
        names,
    })
}

/// The names one module can use: what it declares, and what its `use`s bring in.
#[derive(Debug, Clone)]
pub(crate) struct ModuleScope {
    module: Module,
    /// `module`'s path.
    path: ItemPath,
    declared: HashSet<String>,
    /// Local name → the item of this crate it names, or `None` for another crate's.
    imports: HashMap<String, Option<ItemPath>>,
    /// Local name → the path of another crate's item it names, as the `use` writes it.
    external: HashMap<String, Vec<String>>,
    /// The modules of this crate whose names `use ..::*` brings in.
    globs: Vec<ItemPath>,
}

impl ModuleScope {
    /// The scope of the module `module`, whose items are `items`.
    pub(crate) fn new(module: Module, items: &[syn::Item]) -> Self {
        let mut scope = Self {
            path: module.path(),
            module,
            declared: HashSet::new(),
            imports: HashMap::new(),
            external: HashMap::new(),
            globs: Vec::new(),
        };
        let mut written = Vec::new();
        let mut glob_paths = Vec::new();
        for item in items {
            let ident = match item {
                syn::Item::Fn(item) => &item.sig.ident,
                syn::Item::Struct(item) => &item.ident,
                syn::Item::Enum(item) => &item.ident,
                syn::Item::Union(item) => &item.ident,
                syn::Item::Trait(item) => &item.ident,
                syn::Item::Type(item) => &item.ident,
                syn::Item::Mod(item) => &item.ident,
                syn::Item::Const(item) => &item.ident,
                syn::Item::Static(item) => &item.ident,
                syn::Item::Use(item) => {
                    use_tree(&item.tree, &mut Vec::new(), &mut written, &mut glob_paths);
                    continue;
                }
                _ => continue,
            };
            scope.declared.insert(ident.to_string());
        }
        for (local, path) in written {
            let target = scope.absolute(&path);
            if target.is_none() {
                scope.external.insert(local.clone(), path);
            }
            scope.imports.insert(local, target);
        }
        scope.globs = glob_paths
            .iter()
            .filter_map(|path| scope.absolute(path))
            .collect();
        scope
    }

    /// The scope of the inline module `name` declared in this one.
    pub(crate) fn child(&self, name: &syn::Ident, items: &[syn::Item]) -> Self {
        Self::new(self.module.child(&name.to_string()), items)
    }

    /// The path of an item this module declares.
    pub(crate) fn item(&self, name: &str) -> ItemPath {
        self.path.join(name)
    }

    /// The items of this crate that `segments`, written in this module, may name, most likely
    /// first; several only through glob imports, none when the path leaves the crate or names
    /// nothing this module knows.
    pub(crate) fn resolve(&self, segments: &[String]) -> Vec<ItemPath> {
        let Some((first, rest)) = segments.split_first() else {
            return Vec::new();
        };
        if matches!(first.as_str(), "crate" | "self" | "super") {
            return self.absolute(segments).into_iter().collect();
        }
        if self.declared.contains(first) {
            return vec![self.path.extend(segments)];
        }
        match self.imports.get(first) {
            Some(Some(item)) => vec![item.extend(rest)],
            Some(None) => Vec::new(),
            None => self
                .globs
                .iter()
                .map(|glob| glob.extend(segments))
                .collect(),
        }
    }

    /// Whether `segments`, a path of two or more segments written in this module, names another
    /// crate's item: its first segment is imported from another crate (`use std::io;` then
    /// `io::ErrorKind`), or is a crate's name written in full (`rusqlite::Error`: neither declared
    /// here nor imported, and no glob of this crate may bring it in).
    pub(crate) fn names_another_crate(&self, segments: &[String]) -> bool {
        let [first, _, ..] = segments else {
            return false;
        };
        if matches!(first.as_str(), "crate" | "self" | "super" | "Self")
            || self.declared.contains(first)
        {
            return false;
        }
        match self.imports.get(first) {
            Some(target) => target.is_none(),
            None => self.globs.is_empty(),
        }
    }

    /// Whether `segments`, written in this module, start with a crate's name written in full
    /// (`observer::end_context`: neither declared here nor imported, and no glob of this crate
    /// may bring it in). A name imported from another crate is not one: the package's binaries
    /// import its own library by the package's name (`use my_service::util;`), which is the
    /// checked code.
    pub(crate) fn starts_with_a_crate_name(&self, segments: &[String]) -> bool {
        self.names_another_crate(segments)
            && segments
                .first()
                .is_some_and(|first| !self.imports.contains_key(first))
    }

    /// `segments` with a first segment imported from another crate replaced by the path its
    /// `use` writes (`AeadError` for `use aead::Error as AeadError;` is `aead::Error`).
    pub(crate) fn in_full(&self, segments: &[String]) -> Vec<String> {
        if let Some((first, rest)) = segments.split_first()
            && let Some(path) = self.external.get(first)
        {
            let mut full = path.clone();
            full.extend_from_slice(rest);
            return full;
        }
        segments.to_vec()
    }

    /// The one item `segments` names, if resolution leaves no doubt.
    pub(crate) fn resolve_one(&self, segments: &[String]) -> Option<ItemPath> {
        match <[ItemPath; 1]>::try_from(self.resolve(segments)) {
            Ok([only]) => Some(only),
            Err(_) => None,
        }
    }

    /// A path as a `use` writes it, made absolute: `crate::`, `self::`, `super::` and the
    /// module's own items lead into this crate; anything else names another crate (`None`).
    fn absolute(&self, segments: &[String]) -> Option<ItemPath> {
        let (first, rest) = segments.split_first()?;
        let mut names: &[String] = match first.as_str() {
            "crate" => &[],
            "self" => &self.module.names,
            "super" => self.module.names.split_last()?.1,
            name if self.declared.contains(name) => return Some(self.path.extend(segments)),
            _ => return None,
        };
        let mut rest = rest;
        while let Some((next, tail)) = rest.split_first()
            && next == "super"
        {
            names = names.split_last()?.1;
            rest = tail;
        }
        Some(self.module.root.extend(names).extend(rest))
    }
}

/// Flattens a `use` tree into (local name, path as written) pairs and glob prefixes.
fn use_tree(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    names: &mut Vec<(String, Vec<String>)>,
    globs: &mut Vec<Vec<String>>,
) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            use_tree(&path.tree, prefix, names, globs);
            prefix.pop();
        }
        syn::UseTree::Name(name) if name.ident == "self" => {
            if let Some(last) = prefix.last() {
                names.push((last.clone(), prefix.clone()));
            }
        }
        syn::UseTree::Name(name) => {
            let mut path = prefix.clone();
            path.push(name.ident.to_string());
            names.push((name.ident.to_string(), path));
        }
        syn::UseTree::Rename(rename) => {
            let mut path = prefix.clone();
            if rename.ident != "self" {
                path.push(rename.ident.to_string());
            }
            if rename.rename != "_" {
                names.push((rename.rename.to_string(), path));
            }
        }
        syn::UseTree::Glob(_) => globs.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                use_tree(tree, prefix, names, globs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(path: &str) -> Vec<String> {
        path.split("::")
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn module(file: &str) -> Module {
        module_of_file(Path::new(file)).unwrap()
    }

    /// The path `names` (`a::b::Item`) in the crate whose root file is `root_file`.
    fn at(root_file: &str, names: &str) -> ItemPath {
        module(root_file).path().extend(&words(names))
    }

    #[test]
    fn a_binary_is_known_by_its_entry_file() {
        let binary = |file: &str| binary_root(Path::new(file));
        let root = |file: &str| Some(module(file).root);
        assert_eq!(binary("/p/src/main.rs"), root("/p/src/lib.rs"));
        assert_eq!(binary("/p/src/bin/tool.rs"), root("/p/src/bin/tool.rs"));
        assert_eq!(
            binary("/p/src/bin/tool/main.rs"),
            root("/p/src/bin/tool/db.rs")
        );
        // A library, a module, and a library that lies under some `bin` directory.
        assert_eq!(binary("/p/src/lib.rs"), None);
        assert_eq!(binary("/p/src/billing/main.rs"), None);
        assert_eq!(binary("/home/me/bin/p/src/lib.rs"), None);
    }

    #[test]
    fn a_file_s_module_comes_from_where_it_lies() {
        assert_eq!(module("/p/src/lib.rs").names, Vec::<String>::new());
        assert_eq!(module("/p/src/billing/mod.rs").names, words("billing"));
        assert_eq!(
            module("/p/src/billing/ledger.rs").names,
            words("billing::ledger")
        );
        assert_eq!(module("/p/src/bin/tool/db.rs").names, words("db"));
        assert!(module_of_file(Path::new("/p/build.rs")).is_none());
        // One crate per root: the library's, each binary's of `src/bin/`, another package's.
        let root = |file: &str| module(file).root;
        assert_eq!(root("/p/src/lib.rs"), root("/p/src/main.rs"));
        assert_eq!(root("/p/src/lib.rs"), root("/p/src/billing/ledger.rs"));
        assert_ne!(root("/p/src/lib.rs"), root("/p/src/bin/tool.rs"));
        assert_eq!(
            root("/p/src/bin/tool/main.rs"),
            root("/p/src/bin/tool/db.rs")
        );
        assert_ne!(root("/p/src/lib.rs"), root("/q/src/lib.rs"));
        assert_eq!(
            module("/p/src/billing/ledger.rs").path(),
            at("/p/src/lib.rs", "billing::ledger")
        );
    }

    #[test]
    fn uses_renames_groups_globs_and_relative_paths_resolve() {
        let file: syn::File = syn::parse_quote! {
            use crate::billing::{self, Error as BillingError, charge};
            use super::ledger::*;
            use self::inner::save;
            use sqlx::query;
            use store::Store;
            mod store {}
            mod inner {}
            fn local() {}
        };
        let scope = ModuleScope::new(module("/p/src/api/orders.rs"), &file.items);
        let one = |path: &str| scope.resolve_one(&words(path));
        let item = |names: &str| Some(at("/p/src/lib.rs", names));
        assert_eq!(one("BillingError"), item("billing::Error"));
        assert_eq!(one("charge"), item("billing::charge"));
        assert_eq!(one("billing::refund"), item("billing::refund"));
        assert_eq!(one("save"), item("api::orders::inner::save"));
        assert_eq!(one("Store::open"), item("api::orders::store::Store::open"));
        assert_eq!(one("local"), item("api::orders::local"));
        assert_eq!(one("crate::db::get"), item("db::get"));
        assert_eq!(one("super::super::db::get"), item("db::get"));
        assert_eq!(one("self::local"), item("api::orders::local"));
        // Another crate's item, and a name only a glob may bring.
        assert_eq!(one("query"), None);
        assert!(scope.resolve(&words("query")).is_empty());
        assert_eq!(scope.in_full(&words("query")), words("sqlx::query"));
        assert_eq!(scope.in_full(&words("Store::open")), words("Store::open"));
        assert_eq!(
            scope.resolve(&words("post")),
            [at("/p/src/lib.rs", "api::ledger::post")]
        );
        // `super` above the crate's root names nothing.
        assert_eq!(one("super::super::super::db::get"), None);
    }

    #[test]
    fn same_names_in_two_modules_are_two_items() {
        let file: syn::File = syn::parse_quote!(
            enum Error {}
        );
        let billing = ModuleScope::new(module("/p/src/billing.rs"), &file.items);
        let ledger = ModuleScope::new(module("/p/src/ledger.rs"), &file.items);
        let error = words("Error");
        assert_ne!(billing.resolve_one(&error), ledger.resolve_one(&error));
        assert_eq!(
            billing.resolve_one(&error),
            Some(at("/p/src/lib.rs", "billing::Error"))
        );
    }
}
