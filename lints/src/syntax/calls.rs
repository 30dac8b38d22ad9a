//! Which call produces a value, and whether the workspace index must say it is a `Result`.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use crate::index::{Call, Cond, FieldOf};
use crate::paths::ItemPath;

use super::nodes::{macro_name, peel, peel_outcome, segment_names};
use super::operations::{Operation, Operations, foreign_operation, keeps_the_error};
use super::visitors::{Descend, Node, Root, for_each_node};

/// What syntax shows of the types around a call, so that a method is known by its receiver's
/// type rather than by its name alone: the enclosing impl's type (`self`, `Self::f`), and the
/// declared type of a parameter or local (`store: &Store`, `let store = Store::new(..)`).
pub(crate) trait Types {
    /// The enclosing impl's type.
    fn self_type(&self) -> Option<&str>;
    /// The type a parameter or local was declared or built with, by its last path segment.
    fn type_of(&self, local: &syn::Ident) -> Option<&str>;
    /// The items of the checked crate a path written here may name (see
    /// [`crate::paths::ModuleScope::resolve`]; `Self::..` inside the impl's type); none where the
    /// module is not known.
    fn resolve(&self, segments: &[String]) -> Vec<ItemPath>;
    /// The path of the enclosing impl's type, where it resolves.
    fn self_path(&self) -> Option<&ItemPath>;
    /// Whether a path written here starts with another crate's name written in full (see
    /// [`crate::paths::ModuleScope::starts_with_a_crate_name`]); `false` where the module is not
    /// known.
    fn starts_with_a_crate_name(&self, segments: &[String]) -> bool;
    /// The call a local `Result` was bound from, whether it was awaited, and the operation known
    /// of it where it was bound (`let created = write_file(..);`); none for any other name.
    fn result_origin(&self, local: &syn::Ident) -> Option<(Call, bool, Operation)>;
}

/// The conditions under which `expr` produces a `Result`, if it might: `Some(vec![])` when it
/// certainly does (`x.map_err(..)`, `write!(..)`), `Some(conds)` when that depends on the index,
/// `None` when it does not (or the engine cannot tell). `types` names the receivers' types where
/// syntax shows them (`Self::f(..)`, `self.f(..)`, `store.f(..)` with `store: Store`).
pub(crate) fn result_conds(types: &dyn Types, expr: &syn::Expr) -> Option<Vec<Cond>> {
    let (call, awaited) = result_call(types, expr, false)?;
    Some(
        call.map(|call| vec![Cond::ReturnsResult { call, awaited }])
            .unwrap_or_default(),
    )
}

/// The call that produces `expr`'s value, `Ok(None)`-like (`Some((None, _))`) when the value is
/// certainly a `Result` whatever the call.
fn result_call(types: &dyn Types, expr: &syn::Expr, awaited: bool) -> Option<(Option<Call>, bool)> {
    match peel(expr) {
        syn::Expr::Await(inner) => result_call(types, &inner.base, true),
        syn::Expr::Call(call) => {
            let call = path_call(types, call)?;
            let Call::Path { segments, .. } = &call else {
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
            method if keeps_the_error(method) || matches!(method, "and_then" | "or_else") => {
                result_call(types, &call.receiver, awaited)
            }
            _ => Some((Some(method_call(types, call)), awaited)),
        },
        syn::Expr::Macro(mac) => {
            let name = macro_name(&mac.mac)?;
            Some((Some(Call::Macro(name)), awaited))
        }
        _ => None,
    }
}

/// The condition that the call producing the error of `operation` is not to a fn of the checked
/// code that hands on the error of one of the `kinds` of operation (see [`Cond::ErrorNotOf`]);
/// none when no call can be named or no kind is asked about.
pub(crate) fn error_not_of(
    types: &dyn Types,
    operation: &syn::Expr,
    kinds: Operations,
) -> Vec<Cond> {
    if kinds.is_empty() {
        return Vec::new();
    }
    // `let created = write_file(..); match created { .. }`: what the callee hands on.
    if let syn::Expr::Path(path) = peel(operation)
        && let Some((call, awaited, foreign)) = path
            .path
            .get_ident()
            .and_then(|local| types.result_origin(local))
    {
        return vec![Cond::ErrorNotOf {
            call,
            awaited,
            kinds,
            foreign,
        }];
    }
    match result_call(types, operation, false) {
        Some((Some(call), awaited)) => vec![Cond::ErrorNotOf {
            call,
            awaited,
            kinds,
            foreign: foreign_operation(operation),
        }],
        _ => Vec::new(),
    }
}

/// The condition that the call producing `expr` is not one the configuration lists as
/// `ignorable`; none when no call can be named.
pub(crate) fn not_ignorable(types: &dyn Types, expr: &syn::Expr) -> Vec<Cond> {
    call_of(types, peel_outcome(expr))
        .map(|call| vec![Cond::NotIgnorable(call)])
        .unwrap_or_default()
}

/// The fn or method `expr` calls, if it is a call of a plain path or a method call.
pub(crate) fn call_of(types: &dyn Types, expr: &syn::Expr) -> Option<Call> {
    match expr {
        syn::Expr::Call(call) => path_call(types, call),
        syn::Expr::MethodCall(call) => Some(method_call(types, call)),
        _ => None,
    }
}

/// `f(..)`, `module::f(..)`, `Type::f(..)` as a [`Call::Path`], `Self` replaced by the impl's
/// type where known; `None` for a call of something other than a plain path.
fn path_call(types: &dyn Types, call: &syn::ExprCall) -> Option<Call> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let mut segments = segment_names(&path.path);
    // `Ok(..)`, `Some(..)`, `Wrapper(..)`: a tuple struct or variant is built, no fn called.
    let builds = segments
        .last()
        .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_uppercase()));
    let resolved = if builds {
        Vec::new()
    } else {
        types.resolve(&segments)
    };
    let foreign = types.starts_with_a_crate_name(&segments);
    if segments.first().is_some_and(|first| first == "Self")
        && let Some(self_type) = types.self_type()
    {
        self_type.clone_into(&mut segments[0]);
    }
    Some(Call::Path {
        segments,
        resolved,
        foreign,
    })
}

/// `receiver.name(..)` as a [`Call::Method`], with the receiver's type where syntax shows it:
/// `self`, or a parameter or local whose type was declared or built.
/// `owner.field` (`self.buf`, `state.db`), where the owner's type is known.
/// So is `owner.accessor()`, a method called without arguments (see [`FieldOf`]).
pub(crate) fn field_of(types: &dyn Types, expr: &syn::Expr) -> Option<FieldOf> {
    let (base, field) = match peel(expr) {
        syn::Expr::Field(syn::ExprField {
            base,
            member: syn::Member::Named(name),
            ..
        }) => (base, name.to_string()),
        syn::Expr::MethodCall(call) if call.args.is_empty() && call.turbofish.is_none() => {
            (&call.receiver, format!("{}()", call.method))
        }
        _ => return None,
    };
    let (owner, owner_paths) = value_type(types, base)?;
    Some(FieldOf {
        owner: owner.to_owned(),
        owner_paths,
        field,
    })
}

fn method_call(types: &dyn Types, call: &syn::ExprMethodCall) -> Call {
    let (receiver_type, owner) = value_type(types, &call.receiver).unzip();
    let field = field_of(types, &call.receiver).map(Box::new);
    Call::Method {
        name: call.method.to_string(),
        args: call.args.len(),
        self_type: receiver_type.map(str::to_owned),
        owner: owner.unwrap_or_default(),
        field,
    }
}

/// The type of `self` or of a parameter or local, by name and by the paths it may have.
fn value_type<'a>(types: &'a dyn Types, value: &syn::Expr) -> Option<(&'a str, Vec<ItemPath>)> {
    match peel(value) {
        syn::Expr::Path(path) if path.path.is_ident("self") => Some((
            types.self_type()?,
            types.self_path().cloned().into_iter().collect(),
        )),
        syn::Expr::Path(path) if path.qself.is_none() => {
            let ty = types.type_of(path.path.get_ident()?)?;
            Some((ty, types.resolve(&[ty.to_owned()])))
        }
        _ => None,
    }
}

/// The fn and method calls `root` makes itself (not in closures or nested items), each once.
///
/// Each once, because a caller keeps them: handlers nested `n` deep each keep the calls of all
/// the handlers inside them, which would be `n²` calls if repeats were kept.
pub(crate) fn calls_in<'ast>(root: &'ast impl Root<'ast>, types: &dyn Types) -> Vec<Call> {
    let mut calls = BTreeSet::new();
    for_each_node(root, Descend::Body, |node| {
        match node {
            Node::Expr(syn::Expr::Call(call)) => calls.extend(path_call(types, call)),
            Node::Expr(syn::Expr::MethodCall(call)) => {
                calls.insert(method_call(types, call));
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    calls.into_iter().collect()
}
