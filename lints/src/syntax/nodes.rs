//! Plain readings of single nodes, and the spans findings point at.

use crate::finding::SpanRange;

/// The last segment of a path, as a string comparison target.
pub(crate) fn last_ident(path: &syn::Path) -> Option<&syn::Ident> {
    path.segments.last().map(|segment| &segment.ident)
}

/// Whether a name is a constant's, by Rust's convention: `MAX_RETRIES`, `NAME`, `V2`.
pub(crate) fn names_a_constant(ident: &syn::Ident) -> bool {
    let name = ident.to_string();
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Removes parentheses, invisible groups, `&` and an `unsafe` block around one value.
pub(crate) fn peel(mut expr: &syn::Expr) -> &syn::Expr {
    loop {
        expr = match expr {
            syn::Expr::Paren(inner) => &inner.expr,
            syn::Expr::Group(inner) => &inner.expr,
            syn::Expr::Reference(inner) => &inner.expr,
            // `unsafe { self.inner.grow(ptr, old, new) }`: the call's value, unsafe to make.
            syn::Expr::Unsafe(inner) => match &inner.block.stmts[..] {
                [syn::Stmt::Expr(value, None)] => value,
                _ => return expr,
            },
            _ => return expr,
        };
    }
}

/// A block's value: its last statement, when it is an expression without `;`.
pub(crate) fn block_value(block: &syn::Block) -> Option<&syn::Expr> {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(tail, None)) => Some(tail),
        _ => None,
    }
}

/// A path's last segment and the one before it, its owner: `Delay::new` → (`new`, `Delay`),
/// `sleep` → (`sleep`, none).
pub(crate) fn name_and_owner(path: &syn::Path) -> (Option<&syn::Ident>, Option<&syn::Ident>) {
    let mut names = path.segments.iter().rev().map(|segment| &segment.ident);
    (names.next(), names.next())
}

/// Whether both branches of an `if` have a value and `holds` of each: `if cond { Err(A) } else
/// { Err(B) }` evaluates to an error either way.
pub(crate) fn both_branches(branches: &syn::ExprIf, holds: impl Fn(&syn::Expr) -> bool) -> bool {
    block_value(&branches.then_branch).is_some_and(&holds)
        && branches
            .else_branch
            .as_ref()
            .is_some_and(|(_, otherwise)| holds(otherwise))
}

/// Whether one of the words of a snake-case name is among `words` (`is_sentry_event` has
/// `sentry`; `catalog` has no `log`).
pub(crate) fn has_a_word(name: &str, words: &[&str]) -> bool {
    name.split('_').any(|word| words.contains(&word))
}

/// Whether one of the words of `name` is among `words` (written in lower case), with the words
/// of a type's name split where a capital starts one (`ApiErrorCategory`: `api`, `error`,
/// `category`) and those of a fn's at underscores.
pub(crate) fn has_a_camel_word(name: &str, words: &[&str]) -> bool {
    let mut start = 0;
    let bytes = name.as_bytes();
    for at in 1..=bytes.len() {
        let ends = at == bytes.len()
            || bytes[at] == b'_'
            || (bytes[at].is_ascii_uppercase() && !bytes[at - 1].is_ascii_uppercase());
        if ends {
            let word = name[start..at].trim_matches('_');
            if words.iter().any(|wanted| wanted.eq_ignore_ascii_case(word)) {
                return true;
            }
            start = at;
        }
    }
    false
}

/// The macro's name: `log::error!` → `error`.
pub(crate) fn macro_name(mac: &syn::Macro) -> Option<String> {
    last_ident(&mac.path).map(ToString::to_string)
}

/// The span from a method call's name through its closing parenthesis: `map_err(|_| ..)`.
pub(crate) fn method_span(call: &syn::ExprMethodCall) -> SpanRange {
    SpanRange::new(call.method.span(), call.paren_token.span.close())
}

/// The span of a whole statement, through its semicolon.
pub(crate) fn stmt_span(stmt: &syn::Stmt) -> SpanRange {
    SpanRange::of(stmt)
}

/// Whether generics bound the services they name to fail with nothing (`S: Service<Request,
/// Error = Infallible>`, axum's requirement of a route): every `Error = ..` they bind is
/// `Infallible`, and there is one.
pub(crate) fn binds_errors_to_infallible(generics: &syn::Generics) -> bool {
    struct ErrorBindings {
        infallible: usize,
        other: usize,
    }
    impl<'ast> syn::visit::Visit<'ast> for ErrorBindings {
        fn visit_assoc_type(&mut self, assoc: &'ast syn::AssocType) {
            if assoc.ident == "Error" {
                if type_name(&assoc.ty).is_some_and(|name| name == "Infallible") {
                    self.infallible += 1;
                } else {
                    self.other += 1;
                }
            }
            syn::visit::visit_assoc_type(self, assoc);
        }
    }
    let mut bindings = ErrorBindings {
        infallible: 0,
        other: 0,
    };
    syn::visit::Visit::visit_generics(&mut bindings, generics);
    bindings.infallible > 0 && bindings.other == 0
}

/// The primitive integer types.
pub(crate) const INTEGERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

/// The last identifier of a plain path type (`crate::db::Repo<T>` → `Repo`).
pub(crate) fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().map(|s| s.ident.to_string())
        }
        syn::Type::Group(group) => type_name(&group.elem),
        syn::Type::Paren(paren) => type_name(&paren.elem),
        _ => None,
    }
}

/// The identifiers of a path's segments: `crate::db::save` → `["crate", "db", "save"]`.
pub(crate) fn segment_names(path: &syn::Path) -> Vec<String> {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect()
}

/// Removes parentheses, references, `.await` and `?`: the expression whose outcome a handler
/// sees (`match call().await? { .. }` handles `call()`'s inner result).
pub(crate) fn peel_outcome(mut expr: &syn::Expr) -> &syn::Expr {
    loop {
        expr = match peel(expr) {
            syn::Expr::Await(inner) => &inner.base,
            syn::Expr::Try(inner) => &inner.expr,
            other => return other,
        };
    }
}

/// `String`, `std::string::String`.
pub(crate) fn is_string_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| last.ident == "String" && last.arguments.is_none()))
}

/// `E` of `Result<T, E>` (through `&`).
pub(crate) fn result_error_type(ty: &syn::Type) -> Option<&syn::Type> {
    let ty = match ty {
        syn::Type::Reference(reference) => &*reference.elem,
        ty => ty,
    };
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let types: Vec<&syn::Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            syn::GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types[..] {
        [_, error] if last.ident == "Result" => Some(error),
        _ => None,
    }
}

/// `Ok`, `Err` (or `Result::Ok`, ..) as the function of a call.
pub(crate) fn is_variant(func: &syn::Expr, variant: &str) -> bool {
    matches!(peel(func), syn::Expr::Path(path)
        if path.path.segments.last().is_some_and(|last| last.ident == variant))
}

/// The values a block ends with: its tail expression, through `if`, `match` and blocks.
pub(crate) fn tail_values_of_block(block: &syn::Block) -> Vec<&syn::Expr> {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(tail, None)) => tail_values(tail),
        _ => Vec::new(),
    }
}

/// The values `expr` may end with: its arms' and branches' values, or itself.
pub(crate) fn tail_values(expr: &syn::Expr) -> Vec<&syn::Expr> {
    match peel(expr) {
        syn::Expr::If(if_expr) => {
            let mut values = tail_values_of_block(&if_expr.then_branch);
            if let Some((_, otherwise)) = &if_expr.else_branch {
                values.extend(tail_values(otherwise));
            }
            values
        }
        syn::Expr::Match(matched) => matched
            .arms
            .iter()
            .flat_map(|arm| tail_values(&arm.body))
            .collect(),
        syn::Expr::Block(block) => tail_values_of_block(&block.block),
        // `return` is seen by the visitor; a value that never comes is no value.
        syn::Expr::Return(_) | syn::Expr::Continue(_) | syn::Expr::Break(_) => Vec::new(),
        other => vec![other],
    }
}
