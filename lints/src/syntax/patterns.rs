//! `Err(..)` and `Ok(..)` patterns, in every form the rules recognize, and the parameter of a
//! closure that handles an error.

use crate::finding::SpanRange;

use super::visitors::mentions;

/// The inside of an `Err(..)` pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ErrInner<'a> {
    /// `Err(_)`, `Err(..)`, `Err(_e)`: the error is not bound.
    Ignored,
    /// `Err(e)`, `Err(ref e)`, `Err(mut e)`.
    Bound(&'a syn::Ident),
    /// `Err(Error::NotFound)`, `Err(e @ ..)`, ...: a deliberate, specific case.
    Specific,
}

/// An `Err(..)` pattern, with its guard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrPattern<'a> {
    /// The `Err(..)` pattern itself, without the guard.
    pub(crate) pat: &'a syn::PatTupleStruct,
    pub(crate) inner: ErrInner<'a>,
    pub(crate) guard: Option<&'a syn::Expr>,
}

impl ErrPattern<'_> {
    /// The span findings point at: `Err(..)`.
    pub(crate) fn span(&self) -> SpanRange {
        SpanRange::of(self.pat)
    }
}

/// `Err(..)` in any of its forms, possibly guarded; `None` for other patterns.
pub(crate) fn err_pattern(pat: &syn::Pat) -> Option<ErrPattern<'_>> {
    match pat {
        syn::Pat::Guard(guarded) => {
            let mut inner = err_pattern(&guarded.pat)?;
            inner.guard = Some(&guarded.guard);
            Some(inner)
        }
        syn::Pat::Paren(paren) => err_pattern(&paren.pat),
        syn::Pat::TupleStruct(tuple)
            if tuple.qself.is_none() && is_result_variant(&tuple.path, "Err") =>
        {
            let inner = match tuple.elems.iter().collect::<Vec<_>>().as_slice() {
                [] | [syn::Pat::Wild(_) | syn::Pat::Rest(_)] => ErrInner::Ignored,
                // `Err(WouldBlock)`: an imported unit variant or constant, a specific case.
                [syn::Pat::Ident(ident)]
                    if ident.subpat.is_none()
                        && ident.ident.to_string().starts_with(char::is_uppercase) =>
                {
                    ErrInner::Specific
                }
                [syn::Pat::Ident(ident)] if ident.subpat.is_none() => {
                    if ident.ident.to_string().starts_with('_') {
                        ErrInner::Ignored
                    } else {
                        ErrInner::Bound(&ident.ident)
                    }
                }
                _ => ErrInner::Specific,
            };
            Some(ErrPattern {
                pat: tuple,
                inner,
                guard: None,
            })
        }
        _ => None,
    }
}

/// Whether a path names `Result`'s variant `variant`: `Ok`, `Result::Ok`,
/// `std::result::Result::Ok`, not the `Ok` of an enum of the checked code
/// (`ShutdownResult::Ok(value)` beside `ShutdownResult::Shutdown(())`).
pub(crate) fn is_result_variant(path: &syn::Path, variant: &str) -> bool {
    let mut segments = path.segments.iter().rev();
    segments.next().is_some_and(|last| last.ident == variant)
        && segments.next().is_none_or(|owner| owner.ident == "Result")
}

/// The `else` block of `let Ok(..) = EXPR else { .. };`, where the statement is one.
pub(crate) fn let_ok_else_block(stmt: &syn::Stmt) -> Option<&syn::Block> {
    let syn::Stmt::Local(local) = stmt else {
        return None;
    };
    let (_, diverge) = local.init.as_ref()?.diverge.as_ref()?;
    if !is_ok_pattern(&local.pat) {
        return None;
    }
    match &**diverge {
        syn::Expr::Block(block) => Some(&block.block),
        _ => None,
    }
}

/// `Ok(..)`, possibly guarded or parenthesized.
pub(crate) fn is_ok_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Guard(guarded) => is_ok_pattern(&guarded.pat),
        syn::Pat::Paren(paren) => is_ok_pattern(&paren.pat),
        syn::Pat::TupleStruct(tuple) => is_result_variant(&tuple.path, "Ok"),
        _ => false,
    }
}

/// `Ok(x)`, `Ok(mut x)`, `Ok(_)`: the whole success value, so whatever does not match is an
/// error. `Ok(Some(x))`, `Ok((200, body))` also send a success that does not fit elsewhere.
pub(crate) fn is_plain_ok_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Paren(paren) => is_plain_ok_pattern(&paren.pat),
        syn::Pat::TupleStruct(tuple) => {
            // `Ok(None)` reads as a binding to the parser; a name that starts in uppercase is a
            // constant or a unit variant, one value among the successes.
            is_result_variant(&tuple.path, "Ok")
                && matches!(
                    tuple.elems.iter().collect::<Vec<_>>()[..],
                    [syn::Pat::Wild(_)] | [syn::Pat::Ident(syn::PatIdent { subpat: None, .. })]
                )
                && tuple.elems.iter().all(is_catch_all_binding)
        }
        _ => false,
    }
}

/// `_e` in `Err(_e)`: a binding the author marked unused, which a log may use all the same.
pub(crate) fn underscore_binding(pat: &syn::PatTupleStruct) -> Option<&syn::Ident> {
    match pat.elems.iter().collect::<Vec<_>>()[..] {
        [syn::Pat::Ident(ident)] if ident.subpat.is_none() && ident.ident != "_" => {
            Some(&ident.ident)
        }
        _ => None,
    }
}

/// `_`, or a lowercase binding (`other`, `e`), not a guarded arm: a pattern that takes every
/// value the arms before it did not.
pub(crate) fn is_catch_all_binding(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(ident) => {
            ident.subpat.is_none()
                && ident
                    .ident
                    .to_string()
                    .starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        }
        _ => false,
    }
}

/// Whether a closure's only argument is ignored: `|_|`, `|_e|`, or `|e|` with `e` unused.
pub(crate) fn closure_ignores_argument(closure: &syn::ExprClosure) -> bool {
    let [arg] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    match arg {
        syn::Pat::Wild(_) => true,
        // `|BadRangeError|` names a unit error type, which carries nothing beyond its name
        // (a binding is snake_case).
        syn::Pat::Ident(ident) if ident.ident.to_string().starts_with(char::is_uppercase) => false,
        syn::Pat::Ident(ident) if ident.subpat.is_none() => {
            ident.ident.to_string().starts_with('_') || !mentions(&*closure.body, &ident.ident)
        }
        syn::Pat::Type(typed) => matches!(&*typed.pat, syn::Pat::Wild(_)),
        _ => false,
    }
}
