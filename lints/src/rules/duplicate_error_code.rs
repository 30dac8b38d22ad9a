//! # What it finds
//!
//! Two `#[derive(Classify)]` types anywhere in the checked code that answer with the same error
//! code: two variants of different enums with the same `code = "..."`, or two types of the same
//! name (in different modules or crates) whose variants get the same default code
//! (`type_name.variant_name`). The derive already rejects a duplicate within one type. Types in
//! test code (`#[cfg(test)]` modules; integration tests, benches and examples outside a `src/`) are
//! fixtures, not part of the service, and are left out unless `check_tests` is on.
//!
//! # Why is this bad
//!
//! The code is the error's identity outside the process: clients match on it, dashboards count it,
//! alerts and runbooks are keyed by it. Two errors sharing a code are one error to all of them: a
//! client retries the wrong thing, an alert fires for the wrong cause, and the runbook found by the
//! code describes the other error.
//!
//! # Example
//!
//! ```text
//! // src/orders.rs
//! #[onus(class = business, status = 404, severity = info, code = "not_found")]
//! OrderNotFound(OrderId),
//!
//! // src/customers.rs
//! #[onus(class = business, status = 404, severity = info, code = "not_found")]
//! CustomerNotFound(CustomerId),
//! ```
//!
//! # Use instead
//!
//! ```text
//! #[onus(class = business, status = 404, severity = info, code = "order.not_found")]
//! OrderNotFound(OrderId),
//!
//! #[onus(class = business, status = 404, severity = info, code = "customer.not_found")]
//! CustomerNotFound(CustomerId),
//! ```

use crate::catalog::{Answer, Extracted};
use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "duplicate_error_code";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Deny,
    summary: "two classified error types answer with the same error code",
    docs_source: include_str!("duplicate_error_code.rs"),
    allowed_by: &[],
    // The `declared` hook sees `#[derive(Classify)]` types only.
    triggers: &[Trigger::Word("Classify")],
    kind: RuleKind::Checked(Hooks {
        declared: Some(check_declared),
        ..Hooks::NONE
    }),
};

fn check_declared(cx: &mut Cx<'_>, extracted: &Extracted) {
    let file = cx.path.map(ToOwned::to_owned).unwrap_or_default();
    let ty = &extracted.ty;
    let sites = ty
        .variants
        .iter()
        .zip(&extracted.variant_idents)
        .zip(&extracted.code_spans);
    for ((variant, ident), code_span) in sites {
        let Answer::Declared(declaration) = &variant.answer else {
            continue;
        };
        let span = code_span.unwrap_or_else(|| SpanRange::single(*ident));
        cx.report_if(
            Finding::new(
                ID,
                span,
                format!(
                    "error code `{}` of `{}` is not unique",
                    declaration.code,
                    variant.path(ty)
                ),
                "clients, dashboards, alerts and runbooks tell errors apart by code: give each \
                 error its own `code = \"...\"`",
            ),
            vec![Cond::CodeCollides {
                code: declaration.code.clone(),
                file: file.clone(),
                type_line: ty.line,
            }],
            Vec::new(),
        );
    }
}
