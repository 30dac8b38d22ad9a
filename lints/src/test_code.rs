//! Which files are test code as a whole: a file that a `#[cfg(test)] mod name;` declaration
//! brings in (and every file below it), or a declaration of a module named for test helpers
//! (`pub mod test_utils;`, `pub mod tests;`) or test doubles (`pub mod mock_scheduler;`), a
//! file a test module brings in with `include!("..")`, a file whose inner attributes say
//! `#![cfg(test)]`, and a file in a directory below `src` named for tests
//! (`src/tests/suites/offsets.rs`).
//! Integration tests and benches are known to the caller, which says so in
//! [`Input::Source`](crate::Input::Source).
//!
//! The engine never touches the file system, so a declaration is resolved to paths the way rustc
//! would and matched against the paths of the other inputs.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use syn::ext::IdentExt as _;

use crate::syntax::attrs::is_test_attr;

/// An out-of-line `mod name;` declaration, resolved to the paths its file may have.
#[derive(Debug)]
pub(crate) struct ModDecl {
    /// Where rustc looks for the module's file (`name.rs`, `name/mod.rs`, or the `#[path]`).
    candidates: Vec<PathBuf>,
    /// Declared under `#[cfg(test)]`, or inside a module that is.
    test: bool,
}

/// What one file says about test code.
#[derive(Debug, Default)]
pub(crate) struct FileMods {
    /// The file's inner attributes make the whole file test-only (`#![cfg(test)]`).
    pub(crate) test_only: bool,
    decls: Vec<ModDecl>,
}

impl FileMods {
    /// Every path where a file the `mod name;` declarations bring in may be.
    pub(crate) fn declared_files(&self) -> impl Iterator<Item = &Path> {
        self.decls
            .iter()
            .flat_map(|decl| decl.candidates.iter().map(PathBuf::as_path))
    }
}

/// Scans a parsed file's items (and inline modules, recursively) for `mod name;` declarations.
/// Only items are looked at, never fn bodies, so this is cheap next to the rules' walk.
pub(crate) fn scan(path: &Path, file: &syn::File) -> FileMods {
    let test_only = file.attrs.iter().any(is_test_attr);
    let mut mods = FileMods {
        test_only,
        decls: Vec::new(),
    };
    let Some(dir) = path.parent() else {
        return mods;
    };
    let name = path.file_name().unwrap_or_default();
    let stem = path.file_stem().unwrap_or_default();
    let is_mod_rs = name == "mod.rs" || name == "lib.rs" || name == "main.rs";
    // A crate root not named `lib.rs`/`main.rs` (a binary in `src/bin/`, a test, bench or
    // example, `build.rs`) declares its modules beside itself, like a `mod.rs`; any other
    // `foo.rs` in a directory below `foo/`. Which one this file is cannot be told from its path
    // alone, so the crate-root places are tried too.
    let parent = dir.file_name();
    let maybe_root = name == "build.rs"
        || [
            Some(OsStr::new("bin")),
            Some(OsStr::new("tests")),
            Some(OsStr::new("benches")),
            Some(OsStr::new("examples")),
        ]
        .contains(&parent);
    let mut bases = Vec::new();
    if is_mod_rs || maybe_root {
        bases.push(dir.to_owned());
    }
    if !is_mod_rs {
        bases.push(dir.join(stem));
    }
    collect(&file.items, dir, dir, &bases, test_only, &mut mods.decls);
    mods
}

/// `file_dir`: the file's directory, where an `include!("..")` is relative to; `attr_dir`: where
/// a `#[path]` on a declaration directly in this file or block is relative to; `bases`: the
/// directories a plain `mod name;` here may be in.
fn collect(
    items: &[syn::Item],
    file_dir: &Path,
    attr_dir: &Path,
    bases: &[PathBuf],
    test: bool,
    out: &mut Vec<ModDecl>,
) {
    for item in items {
        // `mod provider_error_tests { include!("provider_error_tests.rs"); }` under
        // `#[cfg(test)]`: the included file is the module's code.
        if let syn::Item::Macro(mac) = item
            && mac.mac.path.is_ident("include")
            && let Ok(included) = mac.mac.parse_body::<syn::LitStr>()
        {
            out.push(ModDecl {
                candidates: vec![normalize(&file_dir.join(included.value()))],
                test,
            });
            continue;
        }
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let name = module.ident.unraw().to_string();
        let test = test || module.attrs.iter().any(is_test_attr) || is_test_support(&name);
        let path_attr = path_attr(&module.attrs);
        match &module.content {
            None => {
                let candidates = match path_attr {
                    Some(path) => vec![normalize(&attr_dir.join(path))],
                    None => bases
                        .iter()
                        .flat_map(|base| {
                            [
                                normalize(&base.join(format!("{name}.rs"))),
                                normalize(&base.join(&name).join("mod.rs")),
                            ]
                        })
                        .collect(),
                };
                out.push(ModDecl { candidates, test });
            }
            Some((_, items)) => {
                let component = path_attr.unwrap_or(name);
                let inner: Vec<PathBuf> = bases.iter().map(|base| base.join(&component)).collect();
                // rustc resolves a `#[path]` inside an inline module against the module's
                // directory, which is where its plain declarations go.
                let attr_dir = inner
                    .last()
                    .cloned()
                    .unwrap_or_else(|| attr_dir.join(&component));
                collect(items, file_dir, &attr_dir, &inner, test, out);
            }
        }
    }
}

/// A module named for what it holds, helpers for tests (`pub mod test_utils;`, `pub mod
/// tests;` shared with other crates' tests, `pub mod test;`, a harness that runs the code
/// under test: apollo-router's `pub mod test_harness;`, tremor's `pub mod harness;`, OpenTalk's
/// `pub mod module_tester;`) or test doubles (`pub mod mock_scheduler;`, `mod mocks;`): test
/// code, even where no `#[cfg(test)]` says so.
pub(crate) fn is_test_support(name: &str) -> bool {
    matches!(
        name,
        "tests"
            | "test"
            | "testing"
            | "test_utils"
            | "test_util"
            | "test_helpers"
            | "test_support"
            | "testutils"
            | "harness"
            | "test_harness"
            | "mock"
            | "mocks"
            | "tester"
    ) || name.starts_with("mock_")
        || name.ends_with("_mock")
        || name.ends_with("_tester")
}

/// A file in a directory named for test helpers below a crate's `src` (`src/tests/suites/
/// offsets.rs`), even where no declaration of it is seen: its module is named so (see
/// [`is_test_support`]), or, declared nowhere, it is not compiled at all. So is every file of a
/// package named for test helpers (tikv's `components/test_raftstore/src/cluster.rs`,
/// `test-utils/src/lib.rs`): other packages' tests depend on it, nothing else does.
fn in_a_test_directory(path: &Path) -> bool {
    let mut below_src = false;
    let mut in_tests = false;
    let mut package = None;
    let dirs = path.parent().into_iter().flat_map(Path::components);
    for component in dirs {
        let Component::Normal(name) = component else {
            continue;
        };
        if name == "src" {
            below_src = true;
            in_tests = package
                .and_then(OsStr::to_str)
                .is_some_and(names_a_test_package);
        } else if below_src && name.to_str().is_some_and(is_test_support) {
            in_tests = true;
        }
        package = Some(name);
    }
    in_tests
}

/// A package named for test helpers: `test_raftstore`, `test-utils`, `store_test_utils`,
/// `nym-testing`, `dozer-tests`, `tests-fuzz`, `k8s-test-framework`, `e2e_test`, or a name
/// [`is_test_support`] gives a module.
fn names_a_test_package(name: &str) -> bool {
    let name = name.replace('-', "_");
    is_test_support(&name)
        || name.starts_with("test_")
        // GreptimeDB's `tests-fuzz`, vector's `k8s-test-framework`.
        || name.starts_with("tests_")
        || name.contains("_test_")
        || name.ends_with("_test")
        || [
            "_test_utils",
            "_test_util",
            "_testutils",
            "_testutil",
            "_test_support",
            "_test_helpers",
            "_testing",
            "_tests",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// The value of `#[path = "..."]`, if the attributes have one.
fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("path") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(path),
                ..
            }) => Some(path.value()),
            _ => None,
        },
        _ => None,
    })
}

/// `a/./b/../c` → `a/c`, without asking the file system (the paths may not exist).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !matches!(
                    out.components().next_back(),
                    None | Some(Component::ParentDir)
                ) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Which of the files are test code: `test[i]` for `files[i]`, starting from what the caller
/// and the files' own attributes said, plus every file a test-only declaration brings in, and
/// every file below one of those.
pub(crate) fn resolve(files: &[(&Path, &FileMods)], mut test: Vec<bool>) -> Vec<bool> {
    let by_path: HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(at, (path, _))| (normalize(path), at))
        .collect();
    let mut stack: Vec<usize> = Vec::new();
    for (at, (path, mods)) in files.iter().enumerate() {
        if mods.test_only || in_a_test_directory(path) {
            test[at] = true;
        }
        if test[at] {
            stack.push(at);
        }
    }
    let mark = |decl: &ModDecl, test: &mut Vec<bool>, stack: &mut Vec<usize>| {
        for candidate in &decl.candidates {
            if let Some(&at) = by_path.get(candidate)
                && !test[at]
            {
                test[at] = true;
                stack.push(at);
            }
        }
    };
    for (_, mods) in files {
        for decl in mods.decls.iter().filter(|decl| decl.test) {
            mark(decl, &mut test, &mut stack);
        }
    }
    while let Some(at) = stack.pop() {
        for decl in &files[at].1.decls {
            mark(decl, &mut test, &mut stack);
        }
    }
    test
}

/// Adds what test code names to `out`: each `Type::Variant` (the last two segments of a path, in
/// code and in macro arguments such as `assert!(matches!(..))`) and each string literal (an error
/// code asserted in a response).
pub(crate) fn mentions(
    tokens: proc_macro2::TokenStream,
    out: &mut std::collections::HashSet<String>,
) {
    use proc_macro2::TokenTree;

    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(owner) => {
                if let (
                    Some(TokenTree::Punct(first)),
                    Some(TokenTree::Punct(second)),
                    Some(TokenTree::Ident(name)),
                ) = (tokens.get(at + 1), tokens.get(at + 2), tokens.get(at + 3))
                    && first.as_char() == ':'
                    && second.as_char() == ':'
                {
                    out.insert(format!("{owner}::{name}"));
                }
            }
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                if let Some(value) = text
                    .strip_prefix('"')
                    .and_then(|rest| rest.strip_suffix('"'))
                {
                    out.insert(value.to_owned());
                }
            }
            TokenTree::Group(group) => mentions(group.stream(), out),
            TokenTree::Punct(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mods(path: &str, text: &str) -> FileMods {
        scan(Path::new(path), &syn::parse_file(text).unwrap())
    }

    fn candidates(path: &str, text: &str) -> Vec<Vec<String>> {
        mods(path, text)
            .decls
            .iter()
            .map(|decl| {
                decl.candidates
                    .iter()
                    .map(|path| path.display().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn resolves_like_rustc() {
        assert_eq!(
            candidates("src/lib.rs", "#[cfg(test)] mod support;"),
            [["src/support.rs", "src/support/mod.rs"]]
        );
        assert_eq!(
            candidates("src/db.rs", "mod pool;"),
            [["src/db/pool.rs", "src/db/pool/mod.rs"]]
        );
        assert_eq!(
            candidates("src/db/mod.rs", "mod a { mod b; }"),
            [["src/db/a/b.rs", "src/db/a/b/mod.rs"]]
        );
        assert_eq!(
            candidates("src/db.rs", "#[path = \"../fixtures/x.rs\"] mod x;"),
            [["fixtures/x.rs"]]
        );
        assert_eq!(
            candidates("src/bin/tool.rs", "mod cli;").concat(),
            [
                "src/bin/cli.rs",
                "src/bin/cli/mod.rs",
                "src/bin/tool/cli.rs",
                "src/bin/tool/cli/mod.rs"
            ]
        );
    }

    /// Which of `files` (path, text) are test code.
    fn test_files(files: &[(&str, &str)]) -> Vec<bool> {
        let scanned: Vec<FileMods> = files.iter().map(|(path, text)| mods(path, text)).collect();
        let paired: Vec<(&Path, &FileMods)> = files
            .iter()
            .zip(&scanned)
            .map(|((path, _), mods)| (Path::new(*path), mods))
            .collect();
        resolve(&paired, vec![false; paired.len()])
    }

    #[test]
    fn test_code_spreads_to_the_files_below() {
        let files = [
            ("src/lib.rs", "mod db; #[cfg(test)] mod support;"),
            ("src/db.rs", "mod pool;"),
            ("src/db/pool.rs", ""),
            ("src/support.rs", "mod fakes;"),
            ("src/support/fakes.rs", ""),
            ("src/inner.rs", "#![cfg(test)]"),
        ];
        assert_eq!(test_files(&files), [false, false, false, true, true, true]);
    }

    #[test]
    fn a_file_a_test_module_includes_is_test_code() {
        let files = [
            (
                "src/sdk/errors.rs",
                "#[cfg(test)] mod guard_tests { include!(\"guard_tests.rs\"); } \
                 mod generated { include!(\"generated.rs\"); }",
            ),
            ("src/sdk/guard_tests.rs", ""),
            ("src/sdk/generated.rs", ""),
        ];
        assert_eq!(test_files(&files), [false, true, false]);
    }

    #[test]
    fn a_module_named_for_test_helpers_is_test_code() {
        let files = [
            (
                "src/lib.rs",
                "pub mod test_utils; pub mod tests; pub mod testing_ab; pub mod mock_scheduler; \
                 pub mod mockingbird; pub mod test; pub mod test_harness; pub mod module_tester; \
                 pub mod protester;",
            ),
            ("src/test_utils.rs", ""),
            // rivet's workflow engine: `pub mod test;`, the context its tests build.
            ("src/test.rs", ""),
            ("src/tests/mod.rs", "pub mod util;"),
            ("src/tests/util.rs", ""),
            ("src/testing_ab.rs", ""),
            // nativelink's `MockActionScheduler`, shared with the service's tests.
            ("src/mock_scheduler.rs", ""),
            ("src/mockingbird.rs", ""),
            // apollo-router's harness that runs a router in its users' tests.
            ("src/test_harness.rs", ""),
            // OpenTalk's harness that runs a signaling module without a controller.
            ("src/module_tester.rs", ""),
            ("src/protester.rs", ""),
        ];
        assert_eq!(
            test_files(&files),
            [
                false, true, true, true, true, false, true, false, true, true, false
            ]
        );
    }

    #[test]
    fn a_file_in_a_test_directory_below_src_is_test_code() {
        // fluvio-spu: `src/tests/` is declared nowhere (its `mod tests;` is commented out).
        let files = [
            ("crates/spu/src/lib.rs", "mod core;"),
            ("crates/spu/src/core.rs", ""),
            ("crates/spu/src/tests/suites/test_offsets.rs", ""),
            ("crates/spu/src/test_utils/fixture.rs", ""),
            // Above `src`, a directory named `tests` says nothing of the code below it.
            ("tests/project/src/handlers.rs", ""),
            ("src/contests/entries.rs", ""),
        ];
        assert_eq!(test_files(&files), [false, false, true, true, false, false]);
    }

    #[test]
    fn a_package_named_for_test_helpers_is_test_code() {
        let files = [
            ("components/test_raftstore/src/cluster.rs", ""),
            ("crates/test-utils/src/lib.rs", ""),
            ("crates/store_test_utils/src/lib.rs", ""),
            ("common/nym-testing/src/lib.rs", ""),
            ("dozer-tests/src/sql_tests/helper/mapper.rs", ""),
            ("src/tests-fuzz/src/validator/row.rs", ""),
            ("lib/k8s-test-framework/src/framework.rs", ""),
            ("crates/e2e_test/src/lib.rs", ""),
            // Named for what they serve, not for tests.
            ("components/raftstore/src/store/snap.rs", ""),
            ("crates/contest/src/lib.rs", ""),
            ("crates/attestation/src/lib.rs", ""),
            ("crates/latest_version/src/lib.rs", ""),
        ];
        assert_eq!(
            test_files(&files),
            [
                true, true, true, true, true, true, true, true, false, false, false, false
            ]
        );
    }
}
