//! The error catalog: every classified error type of the checked code, read from source.
//!
//! The engine's first pass extracts each `#[derive(Classify)]` type into an [`ErrorType`] (see
//! [`Report::error_types`](crate::Report::error_types)), reading it with the derive's own parser
//! and rules (`onus_declare`): enum-level defaults, the default `code`
//! (`snake_case(Type).snake_case(Variant)`), `retryable` from the status, which `public` text a
//! variant answers with. Nothing is compiled, so the catalog of a workspace is as cheap as a
//! check of it.
//!
//! `cargo onus catalog` renders it as Markdown, JSON (schema in `docs/catalog.md`) or an OpenAPI
//! fragment, following transparent variants into the types they wrap ([`Delegations`]), and
//! `--check` compares it with a committed copy.

mod delegation;
mod extract;
#[cfg(feature = "cli")]
mod render;

use std::path::PathBuf;

pub use delegation::{Delegated, Delegations};
pub(crate) use extract::{Extracted, extract_enum, extract_struct};
#[cfg(feature = "cli")]
pub use render::{CatalogFormat, diff, render, same_declarations};

/// `class = ...`, `severity = ...` and the text a system error without `public` answers with:
/// the derive's own (`onus_declare`'s), so the catalog cannot disagree with it.
pub use onus_declare::{Class, GENERIC_SYSTEM_MESSAGE, Severity};

/// One classified error type: an enum (one entry per variant) or a struct (one entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorType {
    /// The type's name.
    pub name: String,
    /// Enum or struct.
    pub kind: TypeKind,
    /// The type's doc comment, lines joined with `\n`; empty when there is none.
    pub doc: String,
    /// The file declaring it, as the engine was given it (set by the engine, empty in a proc macro).
    pub file: PathBuf,
    /// The line of the type's name.
    pub line: usize,
    /// The variants in declaration order; a struct has one, without a name. A variant whose
    /// declaration the derive rejects (a missing or malformed key) is left out: that code does
    /// not compile.
    pub variants: Vec<ErrorVariant>,
}

/// Whether a classified type is an enum or a struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// An enum: each variant declares.
    Enum,
    /// A struct: the type declares.
    Struct,
}

impl TypeKind {
    /// `enum` or `struct`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enum => "enum",
            Self::Struct => "struct",
        }
    }
}

/// One variant (or the struct itself) and how it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The variant's name; `None` for a struct.
    pub name: Option<String>,
    /// The variant's doc comment (a struct's is the type's), lines joined with `\n`.
    pub doc: String,
    /// The line of the variant's name (a struct's: the type's).
    pub line: usize,
    /// What it declares.
    pub answer: Answer,
    /// Whether a test names it (`Type::Variant` or its code): `None` when test code was not read
    /// (the `untested_error` rule and `cargo onus catalog` read it).
    pub tested: Option<bool>,
}

/// How a variant answers every method of `Classified`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Its own declaration, with the enum's defaults applied.
    Declared(Declaration),
    /// `#[onus(transparent)]`: every answer comes from the wrapped error, of this type (the last
    /// segment of its path, or the type as written when it is not a plain path).
    Transparent(String),
    /// `#[onus(via = path::to_fn)]`: every answer comes from what the function returns for the
    /// wrapped error.
    Via(ViaFunction),
}

impl Answer {
    /// The classified type whose answers this variant gives: the type a transparent variant
    /// wraps, the type a `via` function returns (when it was found).
    #[must_use]
    pub fn answered_by(&self) -> Option<&str> {
        match self {
            Self::Transparent(inner) => Some(inner),
            Self::Via(via) => via.returns.as_deref(),
            Self::Declared(_) => None,
        }
    }
}

/// The function of `#[onus(via = path::to_fn)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViaFunction {
    /// Its path as written: `db_failure`, `crate::db::failure`, `DbFailure::of`.
    pub path: String,
    /// The type it returns (the last segment of its path), read from its signature among the
    /// checked files once they are all read; `None` when no function of that path was found,
    /// or those found return different types.
    pub returns: Option<String>,
}

impl ViaFunction {
    /// The path's segments: `["crate", "db", "failure"]`.
    #[must_use]
    pub fn segments(&self) -> Vec<String> {
        self.path
            .split("::")
            .map(|segment| segment.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// A complete declaration, as the derived `Classified` implementation answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// Whose onus.
    pub class: Class,
    /// The HTTP status, 400..=599.
    pub status: u16,
    /// How loudly it is logged.
    pub severity: Severity,
    /// The machine-readable code.
    pub code: String,
    /// Whether the same request may succeed later.
    pub retryable: bool,
    /// `retry_after = N`, in seconds.
    pub retry_after: Option<u64>,
    /// What the caller is told.
    pub public: Public,
    /// The runbook link or path, as declared (on the variant or as the enum's default).
    pub runbook: Option<String>,
    /// Whether the error's text may hold personal data and is kept out of logs.
    pub sensitive: bool,
}

/// What `public_message()` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Public {
    /// The error's own `Display` (a business error): the `#[error("...")]` template when the
    /// type has one.
    Display(Option<String>),
    /// `public = "..."`.
    Fixed(String),
    /// [`GENERIC_SYSTEM_MESSAGE`]: a system error's own text stays internal.
    Generic,
}

impl Public {
    /// The text shown in the catalog: the fixed text, or the `Display` template, or the
    /// generic message.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Display(template) => template.as_deref(),
            Self::Fixed(text) => Some(text),
            Self::Generic => Some(GENERIC_SYSTEM_MESSAGE),
        }
    }

    /// `display`, `fixed` or `generic`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Display(_) => "display",
            Self::Fixed(_) => "fixed",
            Self::Generic => "generic",
        }
    }
}

impl ErrorVariant {
    /// `Type::Variant`, or `Type` for a struct.
    #[must_use]
    pub fn path(&self, ty: &ErrorType) -> String {
        match &self.name {
            Some(name) => format!("{}::{name}", ty.name),
            None => ty.name.clone(),
        }
    }
}

/// Whether `path` is an integration test, bench or example of a package: a file under a `tests`,
/// `benches` or `examples` directory with no `src` directory below it. Error types declared
/// there are test fixtures or demonstrations, not part of the service's catalog (unless
/// `check_tests` is on).
///
/// ```
/// use std::path::Path;
/// use onus_lints::catalog::in_test_target;
/// assert!(in_test_target(Path::new("api/tests/http/support.rs")));
/// assert!(!in_test_target(Path::new("tests/src/lib.rs")));
/// assert!(!in_test_target(Path::new("examples/shop/src/orders.rs")));
/// assert!(!in_test_target(Path::new("src/lib.rs")));
/// ```
#[must_use]
pub fn in_test_target(path: &std::path::Path) -> bool {
    let mut in_target = false;
    let dirs = path
        .parent()
        .into_iter()
        .flat_map(std::path::Path::components);
    for part in dirs {
        let part = part.as_os_str();
        if part == "tests" || part == "benches" || part == "examples" {
            in_target = true;
        } else if part == "src" {
            in_target = false;
        }
    }
    in_target
}

/// Whether a runbook is a link (`http://`, `https://`) rather than a path in the project.
#[must_use]
pub fn runbook_is_url(runbook: &str) -> bool {
    runbook.starts_with("https://") || runbook.starts_with("http://")
}
