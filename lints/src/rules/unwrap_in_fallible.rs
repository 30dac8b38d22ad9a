//! # What it finds
//!
//! `.unwrap()`, `.expect(..)`, `panic!(..)`, `todo!()` and `unimplemented!()` directly in the body
//! of a function whose declared return type is a `Result` (or an alias of one).
//!
//! Not in closures or nested functions, not in `#[test]` functions or `#[cfg(test)]` modules;
//! `unreachable!`, `unwrap_or*`, and `.lock().unwrap()`/`.read().unwrap()`/`.write().unwrap()`
//! (lock poisoning, which should propagate the panic) are left alone.
//!
//! # Why is this bad
//!
//! The function already has a way to report failure, and its callers are written to handle it.
//! A panic skips all of that: no error is returned, no status is chosen, the request or task dies
//! and the incident starts with a backtrace instead of an error with its cause. "Errors as control
//! flow" is an anti-pattern, and so is its opposite: turning an ordinary, expected failure into a
//! crash.
//!
//! # Example
//!
//! ```text
//! fn load(path: &Path) -> Result<Config, ConfigError> {
//!     let text = fs::read_to_string(path).unwrap();
//!     let config = toml::from_str(&text).expect("valid config");
//!     Ok(config)
//! }
//! ```
//!
//! # Use instead
//!
//! ```text
//! fn load(path: &Path) -> Result<Config, ConfigError> {
//!     let text = fs::read_to_string(path).map_err(ConfigError::Read)?;
//!     let config = toml::from_str(&text).map_err(ConfigError::Parse)?;
//!     Ok(config)
//! }
//! ```

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::syntax::nodes::{macro_name, method_span, peel};
use crate::walk::{Cx, Hooks};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "unwrap_in_fallible";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a function that returns `Result` panics instead",
    docs_source: include_str!("unwrap_in_fallible.rs"),
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        mac: Some(check_mac),
        ..Hooks::NONE
    }),
};

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    let syn::Expr::MethodCall(call) = expr else {
        return;
    };
    let method = call.method.to_string();
    let arity_ok = match method.as_str() {
        "unwrap" => call.args.is_empty(),
        "expect" => call.args.len() == 1,
        _ => false,
    };
    if !arity_ok || is_lock(&call.receiver) {
        return;
    }
    report(cx, method_span(call), &format!("`.{method}()`"));
}

fn check_mac(cx: &mut Cx<'_>, mac: &syn::Macro) {
    let Some(name) = macro_name(mac) else {
        return;
    };
    if !matches!(name.as_str(), "panic" | "todo" | "unimplemented") {
        return;
    }
    report(cx, SpanRange::of(mac), &format!("`{name}!`"));
}

/// `.lock()`, `.read()`, `.write()`: a poisoned lock means another thread already panicked.
fn is_lock(receiver: &syn::Expr) -> bool {
    matches!(peel(receiver), syn::Expr::MethodCall(call)
        if call.args.is_empty() && matches!(call.method.to_string().as_str(), "lock" | "read" | "write"))
}

fn report(cx: &mut Cx<'_>, span: SpanRange, what: &str) {
    let Some(fn_cx) = cx.innermost() else {
        return;
    };
    if fn_cx.is_closure {
        return;
    }
    let Some(requires) = Cx::result_conds(&fn_cx.ret) else {
        return;
    };
    cx.report_if(
        Finding::new(
            ID,
            span,
            format!("{what} panics in a function that returns `Result`"),
            "return the error instead: `?`, `.map_err(MyError::from)?`, or `.ok_or(MyError::Missing)?`",
        ),
        requires,
        Vec::new(),
    );
}
