//! Code generation: a static table of the type's declarations and `impl Declared` with one
//! `match` from variant to row (or, for a transparent variant, to the wrapped error's answers);
//! the runtime's blanket impl of `Classified` reads every method's answer from it.
//!
//! The shape is chosen for the compiler's cost, measured with `benches/derive-compile`: that
//! cost is mostly the function bodies it checks per type (one here, not one per method) and the
//! expressions in them (a row is a call with literal arguments; an arm is an integer literal).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{DeriveInput, Generics, WherePredicate};

use crate::ast::{Field, Input};
use crate::attr::{Class, Severity};
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::valid::{self, Answer, Decl, Public};

/// The whole derive: parse, check, then generate (or fall back to a placeholder impl next to the
/// errors, so one mistake does not cascade into "`Classified` is not implemented" elsewhere).
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = Input::from_syn(input, &cx);
    let answers = model.as_ref().and_then(|model| valid::check(model, &cx));
    let checked = cx.check();
    match (checked, &model, answers) {
        (Ok(()), Some(model), Some(answers)) => impl_classified(model, &answers),
        (Err(errors), _, _) => fallback::expand(input, errors),
        // Every path that yields no answer reports why; reaching this is a bug in the derive.
        (Ok(()), _, _) => fallback::expand(
            input,
            syn::Error::new(
                Span::call_site(),
                "onus-macros: internal error, no declaration was resolved",
            ),
        ),
    }
}

fn impl_classified(input: &Input, answers: &[Answer]) -> TokenStream {
    let (original, variants) = match input {
        Input::Enum(input) => (
            input.original,
            Some(
                input
                    .variants
                    .iter()
                    .map(|v| &v.original.ident)
                    .collect::<Vec<_>>(),
            ),
        ),
        Input::Struct(input) => (input.original, None),
    };
    let ident = &original.ident;
    let generics = with_field_bounds(&original.generics, answers);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();

    // Variants that declare alike share a row, so the table holds each declaration once.
    let mut rows: Vec<&Decl> = Vec::new();
    let row_of: Vec<Option<usize>> = answers
        .iter()
        .map(|answer| match answer {
            Answer::Declared(decl) => Some(match rows.iter().position(|row| *row == decl) {
                Some(index) => index,
                None => {
                    rows.push(decl);
                    rows.len() - 1
                }
            }),
            Answer::Transparent(_) => None,
        })
        .collect();
    let table = (!rows.is_empty()).then(|| {
        let len = rows.len();
        let rows = rows.iter().map(|decl| row_tokens(decl));
        quote! {
            static DECLARED: [__onus::Declaration; #len] = [#(#rows),*];
        }
    });
    let body = match &variants {
        None => struct_body(answers),
        Some(variants) => enum_body(ident, variants, answers, &row_of),
    };
    // `Declared` rather than `Classified`: the runtime's blanket impl answers every method of
    // `Classified` from this one, so the type costs the compiler one body, not ten.
    //
    // The `use` shortens every path and the table is named `DECLARED` without putting a name in
    // the user's scope: both live in an anonymous const. `#[inline]`: a crate that declares many
    // errors should not pay for machine code only its dependents call.
    quote! {
        #[automatically_derived]
        impl #impl_generics ::onus::__private::Declared for #ident #ty_generics #where_clause {
            #[inline]
            fn answers(&self) -> ::onus::__private::Answers<'_> {
                use ::onus::__private as __onus;
                #table
                #body
            }
        }

        ::onus::__private::__integrate! {
            impl [#impl_generics] [#ident #ty_generics] where [#(#predicates,)*]
        }
    }
}

/// The type's generics plus `FieldTy: Classified` for each transparent field whose type mentions
/// a type parameter (a concrete type's missing impl is reported at the field instead).
fn with_field_bounds(generics: &Generics, answers: &[Answer]) -> Generics {
    let mut generics = generics.clone();
    let mut seen = BTreeSet::new();
    for answer in answers {
        let Answer::Transparent(field) = answer else {
            continue;
        };
        if !field.contains_generic {
            continue;
        }
        let ty = &field.original.ty;
        let predicate: WherePredicate = syn::parse_quote_spanned! {field.ty_span()=>
            #ty: ::onus::__private::Classified
        };
        if seen.insert(quote!(#predicate).to_string()) {
            generics.make_where_clause().predicates.push(predicate);
        }
    }
    generics
}

/// A struct's answers: its one row, or its field's.
fn struct_body(answers: &[Answer]) -> TokenStream {
    match answers.first() {
        Some(Answer::Declared(_)) => quote!(__onus::answers(&DECLARED[0], self)),
        Some(Answer::Transparent(field)) => {
            let member = &field.member;
            delegate(field, quote!(&self.#member))
        }
        None => quote!(::core::unreachable!()),
    }
}

/// An enum's answers: one arm per row (`Self::A { .. } | Self::B { .. } => DECLARED[0]...`),
/// one per transparent variant.
fn enum_body(
    ty: &Ident,
    variants: &[&Ident],
    answers: &[Answer],
    row_of: &[Option<usize>],
) -> TokenStream {
    if variants.is_empty() {
        return quote!(match *self {});
    }
    let mut groups: Vec<(usize, Vec<&Ident>)> = Vec::new();
    let mut arms = Vec::new();
    for ((variant, answer), row) in variants.iter().zip(answers).zip(row_of) {
        match (answer, row) {
            (Answer::Transparent(field), _) => {
                let member = &field.member;
                let call = delegate(field, quote!(__onus_field));
                arms.push((quote!(#ty::#variant { #member: __onus_field }), call));
            }
            (Answer::Declared(_), Some(row)) => {
                match groups.iter_mut().find(|(index, _)| index == row) {
                    Some((_, members)) => members.push(variant),
                    None => groups.push((*row, vec![variant])),
                }
            }
            // `row_of` gives every declared variant a row.
            (Answer::Declared(_), None) => {}
        }
    }
    if groups.is_empty() {
        let (patterns, calls): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
        return quote!(match self { #(#patterns => #calls,)* });
    }
    if arms.is_empty()
        && let [(row, _)] = groups.as_slice()
    {
        return quote!(__onus::answers(&DECLARED[#row], self));
    }
    let (patterns, calls): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
    // The arms only pick a row (an integer literal is the cheapest arm to check); a
    // transparent arm returns its field's answers directly.
    let grouped = groups
        .into_iter()
        .map(|(row, members)| quote!(#(#ty::#members { .. })|* => #row,));
    quote! {
        let row = match self {
            #(#grouped)*
            #(#patterns => return #calls,)*
        };
        __onus::answers(&DECLARED[row], self)
    }
}

/// The runtime's number of a severity, [`Severity::Trace`] = 0 to [`Severity::Fatal`] = 5.
fn severity_index(severity: Severity) -> u32 {
    match severity {
        Severity::Trace => 0,
        Severity::Debug => 1,
        Severity::Info => 2,
        Severity::Warn => 3,
        Severity::Error => 4,
        Severity::Fatal => 5,
    }
}

/// The wrapped error's answers. The qualified self type is the user's own tokens, so a field
/// type that is not `Classified` is reported at the field rather than at the derive.
fn delegate(field: &Field, receiver: TokenStream) -> TokenStream {
    let span = field.ty_span();
    let ty = &field.original.ty;
    quote_spanned! {span=>
        <#ty as __onus::Classified>::__onus_answers(#receiver)
    }
}

/// One row of the table: a tuple of literals, the cheapest form for the compiler to check (the
/// runtime's `Declaration` documents the layout, which the bits below follow).
fn row_tokens(decl: &Decl) -> TokenStream {
    // `attr` accepts 400..=599 only: ten bits.
    let mut bits = u32::from(decl.status.code);
    if decl.class == Class::System {
        bits |= 1 << 10;
    }
    bits |= severity_index(decl.severity) << 11;
    if decl.retryable {
        bits |= 1 << 14;
    }
    if decl.sensitive {
        bits |= 1 << 15;
    }
    let public = match &decl.public {
        Public::Display => "",
        Public::Fixed(text) => text,
        Public::Generic => {
            bits |= 1 << 16;
            ""
        }
    };
    let bits = Literal::u32_suffixed(bits);
    let code = Literal::string(&decl.code);
    // `attr` rejects `retry_after = 0`, so 0 can stand for none.
    let retry_after = Literal::u64_suffixed(decl.retry_after.unwrap_or(0));
    let public = Literal::string(public);
    let runbook = Literal::string(decl.runbook.as_deref().unwrap_or(""));
    quote!((#bits, #code, #retry_after, #public, #runbook))
}
