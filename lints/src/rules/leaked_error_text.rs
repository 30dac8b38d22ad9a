//! # What it finds
//!
//! An error's own text sent to a client in a 5xx answer: the text expression (`e.to_string()`,
//! `format!("..: {e}")`, `format!("{e:?}")`, `self.to_string()`, `json!({ "error": e.to_string() })`)
//! when it is the body or message of
//!
//! - an axum tuple with a 5xx status: `(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())`
//!   (`SERVICE_UNAVAILABLE`, `BAD_GATEWAY`, `GATEWAY_TIMEOUT`, a literal `500`..`599`);
//! - `Response::builder().status(5xx).body(..)`;
//! - actix-web's `HttpResponse::InternalServerError()` (`ServiceUnavailable()`, `BadGateway()`,
//!   `GatewayTimeout()`) `.body(..)` / `.json(..)`;
//! - tonic's `Status::internal(..)`, `Status::unknown(..)`, `Status::unavailable(..)`,
//!   `Status::new(Code::Internal | Code::Unknown | Code::Unavailable, ..)`.
//!
//! An error is a binding named `e`, `err`, `error` or `*_err`/`*_error`, or `self` in an
//! `into_response`/`error_response` impl.
//!
//! Left alone: 4xx answers carrying the text (a business error's message is meant for the
//! caller), a generic message, logs, and `onus::Problem`, which never carries a system error's
//! text.
//!
//! The same leak through a 4xx answer is the derive's to refuse: a business variant whose
//! `#[error(...)]` shows its `#[source]`/`#[from]` field (`#[error("invalid input: {0}")]
//! WrapsSystem(#[source] StoreDown)`) or is `#[error(transparent)]` would put the source's text
//! in `Problem.detail`, so `#[derive(onus::Classify)]` rejects it unless `public = "..."` replaces
//! the text or `reason = "..."` says why the source's text is the caller's.
//!
//! # Why is this bad
//!
//! A system error is ours, not the caller's: "its internals must never reach the client". Its
//! text names hosts and ports (`connection refused to 10.0.0.7:5432`), tables and constraints,
//! file paths, library versions and sometimes data — a map for an attacker (CWE-209) and nothing
//! the caller can act on. The operator needs that text; the client needs an apology and an id to
//! quote.
//!
//! # Example
//!
//! ```text
//! Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
//! ```
//!
//! # Use instead
//!
//! Log the error with an id and answer with a generic message that carries the id — what
//! `#[derive(onus::Classify)]` and `onus::Problem` do:
//!
//! ```text
//! Err(e) => AppError::Db(e).into_response(), // 503, "an internal error occurred", error_id
//! ```

use crate::diagnostic::Level;
use crate::finding::Finding;
use crate::syntax::http::{is_5xx_status, starts_5xx_response};
use crate::syntax::nodes::{last_ident, peel, segment_names};
use crate::syntax::text::error_text;
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "leaked_error_text";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Deny,
    summary: "an error's own text reaches a client in a 5xx answer",
    docs_source: include_str!("leaked_error_text.rs"),
    // The error's text: `.to_string()`, `format!(..)`, `json!(..)` (a 5xx status alone leaks
    // nothing).
    triggers: &[
        Trigger::Word("to_string"),
        Trigger::Word("format"),
        Trigger::Word("json"),
    ],
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    let bodies: Vec<&syn::Expr> = match expr {
        syn::Expr::Tuple(tuple) if tuple.elems.iter().any(is_5xx_status) => {
            tuple.elems.iter().collect()
        }
        syn::Expr::MethodCall(call)
            if matches!(
                call.method.to_string().as_str(),
                "body" | "json" | "set_body" | "message"
            ) && builds_5xx(&call.receiver) =>
        {
            call.args.iter().collect()
        }
        syn::Expr::Call(call) => tonic_5xx_message(call),
        _ => return,
    };
    let self_is_error = cx.enclosing_fn().is_some_and(|fn_cx| {
        matches!(
            fn_cx.name.as_deref(),
            Some("into_response" | "error_response" | "respond_to")
        )
    });
    let is_error = |name: &str| is_error_name(name, self_is_error);
    for body in bodies {
        if let Some(span) = error_text(body, &is_error) {
            cx.report(Finding::new(
                ID,
                span,
                "an error's own text is sent to the client in a 5xx answer",
                "log the error with an id and answer with a generic message: derive `onus::Classify` \
                 and return the error (its `Problem` never carries a system error's text)",
            ));
        }
    }
}

/// Whether a response builder chain has a 5xx status: `Response::builder().status(500)`,
/// `HttpResponse::InternalServerError()`.
fn builds_5xx(receiver: &syn::Expr) -> bool {
    match peel(receiver) {
        syn::Expr::MethodCall(call) => {
            (call.method == "status" && call.args.iter().any(is_5xx_status))
                || builds_5xx(&call.receiver)
        }
        expr => starts_5xx_response(expr),
    }
}

/// The message of tonic's `Status::internal(msg)`, `Status::unknown(msg)`,
/// `Status::unavailable(msg)`, `Status::new(Code::Internal, msg)`.
fn tonic_5xx_message(call: &syn::ExprCall) -> Vec<&syn::Expr> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return Vec::new();
    };
    let segments = segment_names(&path.path);
    let args: Vec<&syn::Expr> = call.args.iter().collect();
    match (&segments[..], &args[..]) {
        ([.., owner, method], [message])
            if owner == "Status" && matches!(method.as_str(), "internal" | "unknown" | "unavailable") =>
        {
            vec![message]
        }
        ([.., owner, method], [code, message]) if owner == "Status" && method == "new" => {
            let is_5xx_code = matches!(peel(code), syn::Expr::Path(code)
                if last_ident(&code.path).is_some_and(|name| {
                    matches!(name.to_string().as_str(), "Internal" | "Unknown" | "Unavailable")
                }));
            if is_5xx_code { vec![message] } else { Vec::new() }
        }
        _ => Vec::new(),
    }
}

fn is_error_name(name: &str, self_is_error: bool) -> bool {
    matches!(name, "e" | "err" | "error")
        || name.ends_with("_err")
        || name.ends_with("_error")
        || (self_is_error && name == "self")
}
