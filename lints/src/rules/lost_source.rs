//! # What it finds
//!
//! An error that is turned into another error (or a status) while the original is thrown away:
//!
//! - `.map_err(|_| EXPR)` and `.map_err(|_e| EXPR)`: the closure ignores the error it is given;
//! - an `Err(_)` arm whose body returns or evaluates to a new error
//!   (`Err(_) => return Err(AppError::Db)`, `Err(_) => Err(Error::Parse)`);
//! - `EXPR.ok().ok_or(E)` and `EXPR.ok().ok_or_else(..)` on a `Result`;
//! - `let Ok(x) = EXPR else { return Err(NEW) };` where the new error cannot carry the old one.
//!
//! Left alone: errors that carry no cause beyond their kind, so a new error loses nothing —
//! a state probe (`try_lock()`, `try_recv()`, ...), an integer conversion (`i64::try_from(id)`,
//! `.try_into()`), a timeout (`tokio::time::timeout(..)`, `.timeout(d)`, `.with_timeout(d)`), a
//! closed channel (`tx.send(msg)`, `rx.recv()`), a finished task (`spawn_blocking(..).await`,
//! `handle.join()`) — and conversions of input (`parse*`, `from_str*`, `from_utf8*`,
//! `try_from`, `parse_str`), whose error says "this input is not an X", which the new error says
//! as well.
//!
//! # Why is this bad
//!
//! The cause chain is how an incident is read backwards: "request failed" ← "database error" ←
//! "connection refused to 10.0.0.7:5432". Replace the error with a fresh one and the chain stops at
//! "database error"; the operator must reproduce the failure to learn what the code already knew.
//! A system error that loses its source also loses what distinguishes it from a business error, so
//! it can no longer be classified, alerted on or retried correctly.
//!
//! # Example
//!
//! ```text
//! let row = query(&pool, id).await.map_err(|_| AppError::Db)?;
//! let port: u16 = text.parse().ok().ok_or(ConfigError::Port)?;
//! ```
//!
//! # Use instead
//!
//! Keep the original as the new error's source:
//!
//! ```text
//! let row = query(&pool, id).await.map_err(AppError::Db)?;        // Db(#[source] sqlx::Error)
//! let port: u16 = text.parse().map_err(ConfigError::Port)?;       // Port(#[from] ParseIntError)
//! let row = query(&pool, id).await.context("loading the user")?;  // anyhow
//! ```

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::syntax::handlers::{
    Handling, block_handling, discards_error_in_closure, err_handlers,
};
use crate::syntax::nodes::{method_span, peel, stmt_span};
use crate::syntax::patterns::{ErrInner, let_ok_else_block};
use crate::walk::{Cx, Hooks};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "lost_source";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "an error is replaced by another and the original cause is thrown away",
    docs_source: include_str!("lost_source.rs"),
    kind: RuleKind::Checked(Hooks {
        stmt: Some(check_stmt),
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

const HELP: &str = "keep the original error as the source: `.map_err(AppError::Db)` with `Db(#[source] E)`, \
                    or `.map_err(|e| AppError::Db(e))`";

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    if let syn::Expr::MethodCall(call) = expr {
        check_method(cx, call);
        return;
    }
    for handler in err_handlers(expr) {
        if matches!(handler.pattern.inner, ErrInner::Specific)
            || handler.handling() != Handling::NewError
            || cx.operation_of(handler.scrutinee).error_carries_no_cause()
        {
            continue;
        }
        cx.report(Finding::new(
            ID,
            handler.pattern.span(),
            "the error is replaced by a new one and its source is lost",
            "bind it and keep it as the source: `Err(e) => return Err(AppError::Db(e))`",
        ));
    }
}

fn check_stmt(cx: &mut Cx<'_>, stmt: &syn::Stmt) {
    let Some(else_block) = let_ok_else_block(stmt) else {
        return;
    };
    if block_handling(else_block) != Handling::NewError
        || let_initializer(stmt).is_some_and(|init| cx.operation_of(init).error_carries_no_cause())
    {
        return;
    }
    cx.report(Finding::new(
        ID,
        stmt_span(stmt),
        "`let Ok(..) = .. else` returns a new error and loses the original",
        "propagate with the source: `let x = expr.map_err(AppError::Db)?;`",
    ));
}

fn check_method(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    let method = call.method.to_string();
    match method.as_str() {
        "map_err" => {
            if !discards_error_in_closure(call)
                || cx.operation_of(&call.receiver).error_carries_no_cause()
                || answers_no_new_error(call)
            {
                return;
            }
            cx.report(Finding::new(
                ID,
                method_span(call),
                "`map_err` throws the original error away",
                HELP,
            ));
        }
        "ok_or" | "ok_or_else" => {
            let syn::Expr::MethodCall(ok) = &*call.receiver else {
                return;
            };
            if ok.method != "ok"
                || !ok.args.is_empty()
                || cx.operation_of(&ok.receiver).error_carries_no_cause()
            {
                return;
            }
            cx.report(Finding::new(
                ID,
                SpanRange::new(ok.method.span(), call.paren_token.span.close()),
                format!("`.ok().{method}(..)` throws the original error away"),
                "convert the error instead of dropping it: `.map_err(ConfigError::Port)`",
            ));
        }
        _ => {}
    }
}

/// The initializer of `let PAT = EXPR ..;`.
fn let_initializer(stmt: &syn::Stmt) -> Option<&syn::Expr> {
    match stmt {
        syn::Stmt::Local(local) => local.init.as_ref().map(|init| &*init.expr),
        _ => None,
    }
}

/// `.map_err(|_| e)`: the closure hands on an error bound earlier (a first attempt's, kept on
/// purpose); `.map_err(|_| ())`: it turns the error into nothing, on the way to an `Option`. No
/// new error stands in for the old one.
fn answers_no_new_error(call: &syn::ExprMethodCall) -> bool {
    let Some(syn::Expr::Closure(closure)) = call.args.first() else {
        return false;
    };
    match peel(&closure.body) {
        syn::Expr::Tuple(unit) => unit.elems.is_empty(),
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| ident.to_string().starts_with(char::is_lowercase)),
        _ => false,
    }
}
