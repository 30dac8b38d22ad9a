//! What `#[onus::check]` learns from the package it is compiled in (`onus_lints::package`): the
//! declarations of every file under `src/`, read again when a file changes, with the annotated
//! item's own version of what it declares taking the place of the file's on disk.

#![allow(
    clippy::unwrap_used,
    reason = "a temporary package that cannot be written should fail the test loudly"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use onus_lints::engine::check_item_in;
use onus_lints::package::Package;
use onus_lints::{Config, Finding};

/// A package in a fresh directory with these files under `src/`.
struct TempPackage {
    dir: PathBuf,
}

impl TempPackage {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("onus-package-{name}-{}", std::process::id()));
        // onus: allow(ignored_result) — a directory left by an earlier run, if any, goes first
        let _ = std::fs::remove_dir_all(&dir);
        let package = Self { dir };
        for (path, text) in files {
            package.write(path, text);
        }
        package
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.join("src").join(file)
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for TempPackage {
    fn drop(&mut self) {
        // onus: allow(ignored_result) — a temporary directory that cannot be removed is harmless
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|finding| finding.rule).collect()
}

/// Checks `item` as the attribute does, with the package's declarations; `item_file` is the
/// file the compiler says the item is in.
fn check(
    item: &syn::Item,
    package: &mut Package,
    item_file: Option<&Path>,
    config: &Config,
) -> Vec<Finding> {
    check_item_in(
        item,
        item_file,
        || None::<&str>,
        || Some(package.declarations(config, item_file)),
        config,
    )
}

const DB: &str = "pub struct Db;\n\nimpl Db {\n    pub fn audit(&self, what: &str) -> Result<(), String> {\n        let _ = what;\n        Ok(())\n    }\n}\n";

const HANDLER: &str = "pub fn handle(db: &crate::db::Db) {\n    let _ = db.audit(\"signup\");\n}\n";

/// A package whose `handlers.rs` calls a method declared in `db.rs`, and its handler as an item.
fn db_and_handler(name: &str) -> (TempPackage, syn::Item) {
    let package = TempPackage::new(
        name,
        &[
            ("lib.rs", "mod db;\nmod handlers;\n"),
            ("db.rs", DB),
            ("handlers.rs", HANDLER),
        ],
    );
    (package, syn::parse_str(HANDLER).unwrap())
}

#[test]
fn a_call_to_a_method_declared_in_another_file_is_reported() {
    let (package, item) = db_and_handler("elsewhere");
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    let handlers = package.path("handlers.rs");
    let findings = check(&item, &mut reader, Some(&handlers), &config);
    assert_eq!(rules(&findings), ["ignored_result"], "{findings:#?}");
    assert!(findings[0].message.contains("audit"), "{findings:#?}");
    // The item alone cannot tell.
    assert!(onus_lints::check_item(&item, None, &config).is_empty());
}

#[test]
fn a_changed_file_is_read_again() {
    let (package, item) = db_and_handler("changed");
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    assert_eq!(
        rules(&check(&item, &mut reader, None, &config)),
        ["ignored_result"]
    );
    // The same length, so only the modification time tells the change.
    let edited = DB.replace("Result<(), String>", "Option<(), String>");
    assert_eq!(edited.len(), DB.len());
    package.write("db.rs", &edited);
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(package.path("db.rs"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert!(check(&item, &mut reader, None, &config).is_empty());
    // A file that goes away takes its declarations with it; a new one brings its own.
    std::fs::remove_file(package.path("db.rs")).unwrap();
    package.write("store/db.rs", DB);
    assert_eq!(
        rules(&check(&item, &mut reader, None, &config)),
        ["ignored_result"]
    );
}

#[test]
fn the_item_s_own_version_of_a_declaration_wins_over_the_file_s() {
    // On disk `load` still returns a number; the item being edited now returns a `Result`. Two
    // declarations that disagree would make every call to `load` unresolvable.
    let on_disk = "mod inner {\n    fn load() -> u8 {\n        1\n    }\n\n    pub fn run() {\n        load();\n    }\n}\n";
    let edited = "mod inner {\n    fn load() -> Result<u8, String> {\n        Ok(1)\n    }\n\n    pub fn run() {\n        let _ = load();\n    }\n}\n";
    let package = TempPackage::new("own", &[("lib.rs", on_disk)]);
    let item: syn::Item = syn::parse_str(edited).unwrap();
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    let lib = package.path("lib.rs");
    // The compiler may spell the file's path otherwise than the package's listing does.
    let spelled_otherwise = package.dir.join("src/../src/./lib.rs");
    for item_file in [Some(lib.as_path()), Some(spelled_otherwise.as_path()), None] {
        let findings = check(&item, &mut reader, item_file, &config);
        assert_eq!(rules(&findings), ["ignored_result"], "{item_file:?}");
    }
}

#[test]
fn an_error_type_on_disk_and_in_the_item_is_one_declaration() {
    let errors = "#[onus::check]\nmod errors {\n    #[derive(Debug, thiserror::Error, onus::Classify)]\n    pub enum SignupError {\n        #[error(\"taken\")]\n        #[onus(class = business, status = 409, severity = info, code = \"signup.taken\")]\n        Taken,\n    }\n}\n";
    let package = TempPackage::new("error-type", &[("lib.rs", errors)]);
    let item: syn::Item = syn::parse_str(errors).unwrap();
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    let lib = package.path("lib.rs");
    for item_file in [Some(lib.as_path()), None] {
        let findings = check(&item, &mut reader, item_file, &config);
        assert!(
            !rules(&findings).contains(&"duplicate_error_code"),
            "{findings:#?}"
        );
    }
    // Another type of the package answering with the same code is a collision.
    package.write(
        "other.rs",
        &errors
            .replace("SignupError", "LoginError")
            .replace("mod errors", "mod other"),
    );
    let findings = check(&item, &mut reader, Some(&lib), &config);
    assert_eq!(rules(&findings), ["duplicate_error_code"], "{findings:#?}");
    assert!(
        findings[0].message.contains("LoginError::Taken"),
        "{findings:#?}"
    );
}

#[test]
fn test_code_declares_nothing_unless_tests_are_checked() {
    let package = TempPackage::new(
        "tests",
        &[
            ("lib.rs", "mod handlers;\n#[cfg(test)]\nmod support;\n"),
            (
                "support.rs",
                "pub fn audit() -> Result<(), String> {\n    Ok(())\n}\n",
            ),
            (
                "handlers.rs",
                "pub fn handle() {\n    let _ = audit();\n}\n",
            ),
        ],
    );
    let item: syn::Item = syn::parse_str("pub fn handle() {\n    let _ = audit();\n}\n").unwrap();
    let mut reader = Package::new(&package.dir);
    assert!(check(&item, &mut reader, None, &Config::default()).is_empty());
    let config = Config {
        check_tests: true,
        ..Config::default()
    };
    assert_eq!(
        rules(&check(&item, &mut reader, None, &config)),
        ["ignored_result"]
    );
}

#[test]
fn a_clean_item_never_reads_the_package() {
    let item: syn::Item = syn::parse_str("fn clean() -> u8 {\n    1\n}\n").unwrap();
    let findings = check_item_in(
        &item,
        None,
        || None::<&str>,
        || -> Option<onus_lints::package::Declarations> {
            panic!("the package was read for an item with nothing to resolve")
        },
        &Config::default(),
    );
    assert!(findings.is_empty());
}

#[test]
fn an_item_outside_src_reads_its_own_module_tree() {
    // A trybuild case, an example or an integration test: its file is the crate's root, and
    // `src/` is not its crate.
    let package = TempPackage::new(
        "outside",
        &[("lib.rs", "pub fn audit() -> u8 {\n    1\n}\n")],
    );
    let case = package.dir.join("cases/case.rs");
    std::fs::create_dir_all(case.parent().unwrap().join("case")).unwrap();
    std::fs::write(
        &case,
        "#[path = \"case/db.rs\"]\nmod db;\n\nfn main() {\n    let _ = db::audit();\n}\n",
    )
    .unwrap();
    std::fs::write(
        package.dir.join("cases/case/db.rs"),
        "pub fn audit() -> Result<(), String> {\n    Ok(())\n}\n",
    )
    .unwrap();
    let item: syn::Item = syn::parse_str("fn main() {\n    let _ = db::audit();\n}\n").unwrap();
    let mut reader = Package::new(&package.dir);
    let declarations = reader.declarations(&Config::default(), Some(&case));
    assert_eq!(declarations.files().count(), 3);
    // `src/lib.rs` declares an `audit` too, so which one is called cannot be told.
    assert!(check(&item, &mut reader, Some(&case), &Config::default()).is_empty());
    std::fs::remove_file(package.path("lib.rs")).unwrap();
    assert_eq!(
        rules(&check(&item, &mut reader, Some(&case), &Config::default())),
        ["ignored_result"]
    );
}

#[test]
fn a_method_on_a_field_is_known_by_the_field_s_type_declared_in_another_file() {
    // Two `audit`s: only the type of `self.db`, declared in `state.rs`, tells which one is meant.
    let handler = "impl State {\n    pub fn handle(&self) {\n        let _ = self.db.audit(\"signup\");\n    }\n}\n";
    let package = TempPackage::new(
        "field",
        &[
            ("lib.rs", "mod db;\nmod cache;\nmod state;\nmod handlers;\n"),
            ("db.rs", DB),
            (
                "cache.rs",
                "pub struct Cache;\n\nimpl Cache {\n    pub fn audit(&self, what: &str) -> usize {\n        what.len()\n    }\n}\n",
            ),
            (
                "state.rs",
                "pub struct State {\n    pub db: crate::db::Db,\n}\n",
            ),
            ("handlers.rs", handler),
        ],
    );
    let item: syn::Item = syn::parse_str(handler).unwrap();
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    let handlers = package.path("handlers.rs");
    let findings = check(&item, &mut reader, Some(&handlers), &config);
    assert_eq!(rules(&findings), ["ignored_result"], "{findings:#?}");
}

/// Two modules declare a `merge`, one returning a `Result` and one nothing: by name the call is
/// ambiguous; in the item's own module, as `cargo onus check` resolves it, it is the first.
#[test]
fn an_item_s_calls_resolve_in_its_own_module() {
    let billing = "use crate::ledger;\n\npub fn merge(a: &str) -> Result<String, String> {\n    Ok(a.to_owned())\n}\n\npub fn charge() {\n    let _ = merge(\"a\");\n    let _ = ledger::merge(\"b\");\n}\n";
    let package = TempPackage::new(
        "modules",
        &[
            ("lib.rs", "pub mod billing;\npub mod ledger;\n"),
            ("billing.rs", billing),
            ("ledger.rs", "pub fn merge(_: &str) {}\n"),
        ],
    );
    let item: syn::Item = syn::parse_quote! {
        pub fn charge() {
            let _ = merge("a");
            let _ = ledger::merge("b");
        }
    };
    let config = Config::default();
    let mut reader = Package::new(&package.dir);
    let file = package.path("billing.rs");
    let found = check(&item, &mut reader, Some(&file), &config);
    assert_eq!(rules(&found), ["ignored_result"], "{found:#?}");
    assert!(
        found[0].message.contains("`merge`"),
        "the one of this module, not `ledger::merge`: {found:#?}"
    );
    // Without its file, the item's calls are known by name only: `merge` is declared both ways.
    let mut reader = Package::new(&package.dir);
    assert_eq!(
        rules(&check(&item, &mut reader, None, &config)),
        Vec::<&str>::new()
    );
}
