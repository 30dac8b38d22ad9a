//! # What it finds
//!
//! An error type that never declares its class, HTTP status and severity: an enum or struct that
//! derives `Error` (thiserror) or `Snafu`, or has `impl std::error::Error for T`, and has neither
//! `#[derive(Classify)]` nor `impl Classified for T`, in a package that uses onus.
//!
//! A type is an error by what it is, never by its name: an `impl Error for Error` in the same
//! file, or in another file when no other struct or enum shares the name (a response struct
//! named `Error` beside the crate's real `Error` enum is not one). In a package that does not
//! depend on `onus` (with a cargo workspace; without one, when no checked file uses `onus::`)
//! the rule is silent: there the list of unclassified errors is a migration plan, not a defect.
//!
//! # Why is this bad
//!
//! Whether an error is a business error (the caller can fix it: 4xx, no alert) or a system error
//! (an operator must fix it: 5xx, an alert, maybe a retry) is a property of the error, known where
//! it is defined. If the type does not say, every handler has to guess, and the guesses drift: one
//! handler answers 500 and pages someone for a validation failure, another answers 400 and hides an
//! outage. Declaring it once, on the type, makes the handlers, the logs and the alerts agree.
//!
//! # Example
//!
//! ```text
//! #[derive(Debug, thiserror::Error)]
//! pub enum OrderError {
//!     #[error("order {0} not found")]
//!     NotFound(OrderId),
//!     #[error("database unavailable")]
//!     Db(#[source] sqlx::Error),
//! }
//! ```
//!
//! # Use instead
//!
//! Derive `onus::Classify` and declare, per variant (or once on the enum, as defaults), the class
//! (`business` or `system`), the HTTP status and the severity (`trace`, `debug`, `info`, `warn`,
//! `error` or `fatal`):
//!
//! ```text
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! pub enum OrderError {
//!     #[error("order {0} not found")]
//!     #[onus(class = business, status = 404, severity = info)]
//!     NotFound(OrderId),
//!     #[error("database unavailable")]
//!     #[onus(class = system, status = 503, severity = error)]
//!     Db(#[source] sqlx::Error),
//! }
//! ```
//!
//! A struct takes the attribute on the type itself. Or implement `onus::Classified` by hand.

use std::path::Path;

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::syntax::attrs::{derives, item_attrs};
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "unclassified_error";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "an error type does not declare its class, status and severity",
    docs_source: include_str!("unclassified_error.rs"),
    allowed_by: &[],
    // A type declared in the item.
    triggers: &[Trigger::Word("struct"), Trigger::Word("enum")],
    kind: RuleKind::Checked(Hooks {
        item: Some(check_item),
        ..Hooks::NONE
    }),
};

fn check_item(cx: &mut Cx<'_>, item: &syn::Item) {
    let ident = match item {
        syn::Item::Struct(item) => &item.ident,
        syn::Item::Enum(item) => &item.ident,
        _ => return,
    };
    let (derives_error, derives_classify) = derives(item_attrs(item));
    if derives_classify {
        return;
    }
    let name = ident.to_string();
    let file = cx.path.map(Path::to_path_buf).unwrap_or_default();
    let path = cx.declared_path(&name);
    let mut requires = vec![
        Cond::UsesOnus(file.clone()),
        Cond::NotClassified {
            name: name.clone(),
            file: file.clone(),
            path,
        },
    ];
    if !derives_error {
        requires.push(Cond::ImplementsError {
            name: name.clone(),
            file,
            path,
        });
    }
    cx.report_if(
        Finding::new(
            ID,
            SpanRange::single(ident.span()),
            format!("error type `{name}` does not declare its class, status and severity"),
            "derive `onus::Classify` and declare each variant, e.g. \
             `#[onus(class = business, status = 404, severity = info)]` or \
             `#[onus(class = system, status = 503, severity = error)]`; or implement `onus::Classified`",
        ),
        requires,
        Vec::new(),
    );
}
