//! Which call produces a value, and whether the workspace index must say it is a `Result`.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use crate::index::{Call, Cond};

use super::nodes::{macro_name, peel, peel_outcome, segment_names};
use super::visitors::{Descend, Node, Root, for_each_node};

/// The conditions under which `expr` produces a `Result`, if it might: `Some(vec![])` when it
/// certainly does (`x.map_err(..)`, `write!(..)`), `Some(conds)` when that depends on the index,
/// `None` when it does not (or the engine cannot tell). `self_type` is the enclosing impl's type,
/// for `Self::f(..)` and `self.f(..)`.
pub(crate) fn result_conds(self_type: Option<&str>, expr: &syn::Expr) -> Option<Vec<Cond>> {
    let (call, awaited) = result_call(self_type, expr, false)?;
    Some(
        call.map(|call| vec![Cond::ReturnsResult { call, awaited }])
            .unwrap_or_default(),
    )
}

/// The call that produces `expr`'s value, `Ok(None)`-like (`Some((None, _))`) when the value is
/// certainly a `Result` whatever the call.
fn result_call(
    self_type: Option<&str>,
    expr: &syn::Expr,
    awaited: bool,
) -> Option<(Option<Call>, bool)> {
    match peel(expr) {
        syn::Expr::Await(inner) => result_call(self_type, &inner.base, true),
        syn::Expr::Call(call) => {
            let call = path_call(self_type, call)?;
            let Call::Path(segments) = &call else {
                return None;
            };
            if matches!(
                segments.last().map(String::as_str),
                Some("Ok" | "Err" | "Some" | "drop")
            ) {
                return None;
            }
            Some((Some(call), awaited))
        }
        syn::Expr::MethodCall(call) => match call.method.to_string().as_str() {
            "map_err" | "context" | "with_context" | "ok_or" | "ok_or_else" => {
                Some((None, awaited))
            }
            "map" | "and_then" | "inspect" | "inspect_err" | "or_else" => {
                result_call(self_type, &call.receiver, awaited)
            }
            _ => Some((Some(method_call(self_type, call)), awaited)),
        },
        syn::Expr::Macro(mac) => {
            let name = macro_name(&mac.mac)?;
            Some((Some(Call::Macro(name)), awaited))
        }
        _ => None,
    }
}

/// The condition that the call producing `expr` is not one the configuration lists as
/// `ignorable`; none when no call can be named.
pub(crate) fn not_ignorable(self_type: Option<&str>, expr: &syn::Expr) -> Vec<Cond> {
    let call = match peel_outcome(expr) {
        syn::Expr::Call(call) => path_call(self_type, call),
        syn::Expr::MethodCall(call) => Some(method_call(self_type, call)),
        _ => None,
    };
    call.map(|call| vec![Cond::NotIgnorable(call)])
        .unwrap_or_default()
}

/// `f(..)`, `module::f(..)`, `Type::f(..)` as a [`Call::Path`], `Self` replaced by `self_type`
/// where known; `None` for a call of something other than a plain path.
fn path_call(self_type: Option<&str>, call: &syn::ExprCall) -> Option<Call> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let mut segments = segment_names(&path.path);
    if segments.first().is_some_and(|first| first == "Self")
        && let Some(self_type) = self_type
    {
        self_type.clone_into(&mut segments[0]);
    }
    Some(Call::Path(segments))
}

/// `receiver.name(..)` as a [`Call::Method`], with the receiver's type when it is `self`.
fn method_call(self_type: Option<&str>, call: &syn::ExprMethodCall) -> Call {
    let on_self =
        matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.is_ident("self"));
    Call::Method {
        name: call.method.to_string(),
        self_type: on_self.then(|| self_type.map(str::to_owned)).flatten(),
    }
}

/// The fn and method calls `root` makes itself (not in closures or nested items), each once.
///
/// Each once, because a caller keeps them: handlers nested `n` deep each keep the calls of all
/// the handlers inside them, which would be `n²` calls if repeats were kept.
pub(crate) fn calls_in<'ast>(root: &'ast impl Root<'ast>, self_type: Option<&str>) -> Vec<Call> {
    let mut calls = BTreeSet::new();
    for_each_node(root, Descend::Body, |node| {
        match node {
            Node::Expr(syn::Expr::Call(call)) => calls.extend(path_call(self_type, call)),
            Node::Expr(syn::Expr::MethodCall(call)) => {
                calls.insert(method_call(self_type, call));
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    calls.into_iter().collect()
}
