//! Code generation: `impl Declared` with one `match` from variant to its declaration, a string
//! literal the runtime decodes (or, for a transparent variant, to the wrapped error's answers);
//! the runtime's blanket impl of `Classified` reads every method's answer from it.
//!
//! The shape is chosen for the compiler's cost, measured with `benches/derive-compile`: that
//! cost is mostly the function bodies it checks per type (one here, not one per method) and the
//! expressions in them (one literal per arm; a table of typed rows cost a tenth more).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{DeriveInput, Generics, WherePredicate};

use crate::ast::{Enum, Field, Input};
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
    let (original, body) = match input {
        Input::Enum(input) => (input.original, enum_body(input, answers)),
        Input::Struct(input) => (input.original, struct_body(answers)),
    };
    let ident = &original.ident;
    let generics = with_field_bounds(&original.generics, answers);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();

    // `Declared` rather than `Classified`: the runtime's blanket impl answers every method of
    // `Classified` from this one, so the type costs the compiler one body, not ten.
    // `#[inline]`: a crate that declares many errors should not pay for machine code only its
    // dependents call.
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::onus::__private::Declared for #ident #ty_generics #where_clause {
            #[inline]
            fn answers(&self) -> ::onus::__private::Answers<'_> {
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

/// A struct's answers: its row, or its field's.
fn struct_body(answers: &[Answer]) -> TokenStream {
    match answers.first() {
        Some(Answer::Declared(decl)) => {
            let row = row(decl);
            quote!(::onus::__private::answers(#row, self))
        }
        Some(Answer::Transparent(field)) => {
            let member = &field.member;
            delegate(field, quote!(&self.#member))
        }
        None => quote!(::core::unreachable!()),
    }
}

/// An enum's answers: a `match` whose arms pick the row of their variants (variants declared
/// alike share an arm: `Type::A { .. } | Type::B { .. } => "..."`), or return the wrapped
/// error's answers for a transparent variant.
fn enum_body(input: &Enum, answers: &[Answer]) -> TokenStream {
    let ty = &input.original.ident;
    if input.variants.is_empty() {
        return quote!(match *self {});
    }
    let mut groups: Vec<(&Decl, Vec<&Ident>)> = Vec::new();
    let mut arms = Vec::new();
    for (variant, answer) in input.variants.iter().zip(answers) {
        let variant = &variant.original.ident;
        match answer {
            Answer::Transparent(field) => {
                let member = &field.member;
                let call = delegate(field, quote!(__onus_field));
                arms.push((quote!(#ty::#variant { #member: __onus_field }), call));
            }
            Answer::Declared(decl) => match groups.iter_mut().find(|(d, _)| *d == decl) {
                Some((_, members)) => members.push(variant),
                None => groups.push((decl, vec![variant])),
            },
        }
    }
    let (patterns, calls): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
    if groups.is_empty() {
        return quote!(match self { #(#patterns => #calls,)* });
    }
    if patterns.is_empty()
        && let [(decl, _)] = groups.as_slice()
    {
        let row = row(decl);
        return quote!(::onus::__private::answers(#row, self));
    }
    let grouped = groups.into_iter().map(|(decl, members)| {
        let row = row(decl);
        quote!(#(#ty::#members { .. })|* => #row,)
    });
    quote! {
        let row = match self {
            #(#grouped)*
            #(#patterns => return #calls,)*
        };
        ::onus::__private::answers(row, self)
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
        <#ty as ::onus::__private::Classified>::__onus_answers(#receiver)
    }
}

/// A declaration as the string literal the runtime's `answers` decodes (its docs give the
/// layout, which the bits below follow): one literal per variant is the cheapest declaration
/// for the compiler to check.
fn row(decl: &Decl) -> Literal {
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
    // `attr` rejects `retry_after = 0`, so 0 can stand for none. Texts of 4 GiB, which would not
    // fit the 8 hex digits of their lengths, do not fit in a source file either.
    let retry_after = decl.retry_after.unwrap_or(0);
    let runbook = decl.runbook.as_deref().unwrap_or("");
    let code = &decl.code;
    Literal::string(&format!(
        "{bits:05x}{retry_after:016x}{:08x}{:08x}{code}{public}{runbook}",
        code.len(),
        public.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attr::Status;

    #[test]
    fn a_row_has_the_layout_the_runtime_decodes() {
        let decl = Decl {
            class: Class::System,
            status: Status {
                code: 503,
                name: Some("SERVICE_UNAVAILABLE"),
            },
            severity: Severity::Error,
            code: "store.down".to_owned(),
            retryable: true,
            retry_after: Some(30),
            public: Public::Fixed("try again later".to_owned()),
            runbook: Some("https://runbooks.example/store".to_owned()),
            sensitive: false,
        };
        // bits: 503 | system | error << 11 | retryable; then 30 s, 10-byte code, 15-byte text
        let expected = concat!(
            "065f7",
            "000000000000001e",
            "0000000a",
            "0000000f",
            "store.down",
            "try again later",
            "https://runbooks.example/store",
        );
        assert_eq!(row(&decl).to_string(), format!("{expected:?}"));

        let generic = Decl {
            public: Public::Generic,
            retry_after: None,
            runbook: None,
            ..decl
        };
        assert!(
            row(&generic)
                .to_string()
                .starts_with("\"165f70000000000000000")
        );
    }
}
