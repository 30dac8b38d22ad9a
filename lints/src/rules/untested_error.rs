//! # What it finds
//!
//! A variant of a `#[derive(Classify)]` error type that no test names: neither `Type::Variant`
//! nor its error code string appears in test code (`#[cfg(test)]` modules, `#[test]` fns, and
//! the package's `tests/`). The finding points at the variant's name.
//!
//! Off by default (`allow`): a team turns it on (`untested_error = "deny"`) when it wants every
//! error path tested. It needs the whole workspace, so `#[onus::check]` does not report it.
//!
//! # Why is this bad
//!
//! "Test the error handling too" (エラー処理も必ずテストする): a handler that no test ever drives
//! fails exactly when it is needed — it answers the wrong status, leaks the text, or hides the
//! original error — and the incident is the first run it gets. An error variant nothing tests is
//! an answer the service has never been seen to give.
//!
//! # Example
//!
//! ```text
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! pub enum SignupError {
//!     #[error("this email is already registered")]
//!     #[onus(class = business, status = 409, severity = info)]
//!     EmailTaken, // no test makes the service answer it
//! }
//! ```
//!
//! # Use instead
//!
//! A test that drives the path and checks the answer:
//!
//! ```text
//! #[tokio::test]
//! async fn a_second_signup_with_the_same_email_is_a_conflict() {
//!     let response = signup(&app, "ada@example.com").await;
//!     assert_eq!(response.status(), 409);
//!     assert_eq!(problem(response).code, "signup_error.email_taken");
//! }
//! ```

use crate::catalog::{Answer, Extracted};
use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "untested_error";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Allow,
    summary: "an error variant that no test names, by its path or its code",
    docs_source: include_str!("untested_error.rs"),
    allowed_by: &[],
    // The `declared` hook sees `#[derive(Classify)]` types only.
    triggers: &[Trigger::Word("Classify")],
    kind: RuleKind::Checked(Hooks {
        declared: Some(check_declared),
        ..Hooks::NONE
    }),
};

fn check_declared(cx: &mut Cx<'_>, extracted: &Extracted) {
    // Without a file there is no workspace to find the tests in (a proc macro).
    if cx.path.is_none() {
        return;
    }
    let ty = &extracted.ty;
    for (variant, ident) in ty.variants.iter().zip(&extracted.variant_idents) {
        let Answer::Declared(declaration) = &variant.answer else {
            continue;
        };
        let path = variant.path(ty);
        cx.report_if(
            Finding::new(
                ID,
                SpanRange::single(*ident),
                format!("no test names `{path}` or its code `{}`", declaration.code),
                format!(
                    "add a test that makes the service answer it, and assert its code `{}`",
                    declaration.code
                ),
            ),
            vec![Cond::Untested {
                path,
                code: declaration.code.clone(),
            }],
            Vec::new(),
        );
    }
}
