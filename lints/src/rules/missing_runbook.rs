//! # What it finds
//!
//! With `require_runbook = "<severity>"` in the configuration: a `#[derive(Classify)]` system
//! error at or above that severity that declares no `runbook = "..."` (on the variant, or as the
//! enum's default). Always: a declared runbook path that does not exist, relative to the project
//! root (where `onus.toml`, or the workspace `Cargo.toml`, is) nor to the package that declares it
//! (a directory above the file with a `Cargo.toml` or `onus.toml`); an absolute path, or one whose
//! `..` climbs out of the project, is reported without looking at it. Links (`http://`, `https://`)
//! are not fetched. Types in integration tests, benches and examples (files under `tests/`,
//! `benches/`, `examples/` outside a `src/`) are left alone unless `check_tests` is on.
//!
//! # Why is this bad
//!
//! A system error is the operator's to fix, often at 3 a.m. and by someone who did not write the
//! code. The incident manual asks for a written procedure per alert: what the error means, how to
//! tell the impact, what to check, how to mitigate, whom to call. Without one, the person on call
//! starts from the stack trace. A runbook path that points nowhere is worse: it looks answered.
//!
//! # Example
//!
//! ```text
//! # onus.toml
//! require_runbook = "error"
//! ```
//!
//! ```text
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! pub enum StoreError {
//!     #[error("the database is unavailable")]
//!     #[onus(class = system, status = 503, severity = error)]
//!     Unavailable(#[source] sqlx::Error),
//!     #[error("the ledger is unavailable")]
//!     #[onus(class = system, status = 503, severity = error, runbook = "docs/runbooks/ledgr.md")]
//!     Ledger,
//! }
//! ```
//!
//! # Use instead
//!
//! ```text
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! pub enum StoreError {
//!     #[error("the database is unavailable")]
//!     #[onus(class = system, status = 503, severity = error,
//!            runbook = "docs/runbooks/store.unavailable.md")]
//!     Unavailable(#[source] sqlx::Error),
//!     #[error("the ledger is unavailable")]
//!     #[onus(class = system, status = 503, severity = error, runbook = "docs/runbooks/ledger.md")]
//!     Ledger,
//! }
//! ```
//!
//! `docs/runbooks/TEMPLATE.md` is a page to start from; `cargo onus catalog` lists every error
//! with its runbook.

use std::path::Path;

use crate::catalog::{self, Answer, Class, Extracted};
use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "missing_runbook";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a system error declares no runbook (with `require_runbook`), or its runbook file does not exist",
    docs_source: include_str!("missing_runbook.rs"),
    allowed_by: &[],
    // The `declared` hook sees `#[derive(Classify)]` types only.
    triggers: &[Trigger::Word("Classify")],
    kind: RuleKind::Checked(Hooks {
        declared: Some(check_declared),
        ..Hooks::NONE
    }),
};

fn check_declared(cx: &mut Cx<'_>, extracted: &Extracted) {
    if let Some(least) = cx.config.require_runbook {
        require_runbooks(cx, extracted, least);
    }
    if let Some(root) = cx.config.runbook_root.clone() {
        for (runbook, span) in &extracted.runbooks {
            if catalog::runbook_is_url(runbook) {
                continue;
            }
            // `page.md#section` names a file and a place in it.
            let page = runbook.split('#').next().unwrap_or(runbook);
            // Never a look outside the project: the answer would say whether that file exists.
            if leaves_the_project(page) {
                cx.report(Finding::new(
                    ID,
                    *span,
                    format!("runbook `{runbook}` points outside the project"),
                    "runbook paths are relative to the project root or to the declaring package, \
                     and stay inside it: move the page into the project, or link it (`https://..`)",
                ));
                continue;
            }
            if page_exists(&root, cx.path, page) {
                continue;
            }
            cx.report(Finding::new(
                ID,
                *span,
                format!("runbook `{runbook}` does not exist"),
                "runbook paths are relative to the project root (where `onus.toml`, or the \
                 workspace `Cargo.toml`, is) or to the declaring package: create the page, or fix \
                 the path",
            ));
        }
    }
}

/// Whether `page` exists relative to the project root, or to a package (a directory with a
/// `Cargo.toml` or an `onus.toml`) that holds the declaring file: a workspace checked from its
/// root holds services whose runbooks are written relative to their own directory.
fn page_exists(root: &Path, file: Option<&Path>, page: &str) -> bool {
    // A directory that cannot be resolved is compared as written
    let real = |dir: &Path| std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let root_dir = real(root);
    root.join(page).exists()
        || file
            .and_then(Path::parent)
            .into_iter()
            .flat_map(Path::ancestors)
            // Packages inside the project only: never the directories above its root.
            .take_while(|dir| real(dir).starts_with(&root_dir))
            .filter(|dir| dir.join("Cargo.toml").is_file() || dir.join("onus.toml").is_file())
            .any(|dir| dir.join(page).exists())
}

/// Whether a runbook path is absolute or climbs above where it starts (`../../etc/passwd`).
fn leaves_the_project(page: &str) -> bool {
    let path = Path::new(page);
    if path.has_root() || path.is_absolute() {
        return true;
    }
    let mut depth = 0usize;
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return true,
            },
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

fn require_runbooks(cx: &mut Cx<'_>, extracted: &Extracted, least: catalog::Severity) {
    let ty = &extracted.ty;
    for (variant, ident) in ty.variants.iter().zip(&extracted.variant_idents) {
        let Answer::Declared(declaration) = &variant.answer else {
            continue;
        };
        if declaration.class != Class::System
            || declaration.severity < least
            || declaration.runbook.is_some()
        {
            continue;
        }
        cx.report(Finding::new(
            ID,
            SpanRange::single(*ident),
            format!(
                "system error `{}` ({}) declares no runbook",
                variant.path(ty),
                declaration.severity
            ),
            format!(
                "say what to do when it fires: `runbook = \"docs/runbooks/{}.md\"` in its \
                 `#[onus(...)]` (or as a default on the enum), or a link; \
                 `require_runbook = \"{least}\"` asks one of every system error at `{least}` or above",
                declaration.code
            ),
        ));
    }
}
