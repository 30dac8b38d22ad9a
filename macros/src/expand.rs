//! Code generation: `impl Declared` with one `match` from variant to its declaration, a typed
//! `Declaration` struct literal of constants (or, for a transparent variant, to the wrapped
//! error's answers); the runtime's blanket impl of `Classified` reads every method's answer
//! from it.
//!
//! The shape is chosen for the compiler's cost, measured with `benches/derive-compile`: that
//! cost is mostly the function bodies it checks per type (one here, not one per method) and the
//! expressions in them. A declaration built by value in its arm was the cheapest typed form
//! measured: a `&'static` reference to the same literal (promoted to a constant per arm) cost
//! about 6% more compile time, a per-type `static` table indexed by the `match` about 8% more.

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

/// A struct's answers: its declaration, or its field's.
fn struct_body(answers: &[Answer]) -> TokenStream {
    match answers.first() {
        Some(Answer::Declared(decl)) => {
            let declaration = declaration(decl);
            quote!(::onus::__private::Answers::declared(#declaration, self))
        }
        Some(Answer::Transparent(field)) => {
            let member = &field.member;
            delegate(field, quote!(&self.#member))
        }
        None => quote!(::core::unreachable!()),
    }
}

/// An enum's answers: a `match` whose arms yield the declaration of their variants (variants
/// declared alike share an arm: `Type::A { .. } | Type::B { .. } => Declaration { .. }`), or
/// return the wrapped error's answers for a transparent variant.
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
        let declaration = declaration(decl);
        return quote!(::onus::__private::Answers::declared(#declaration, self));
    }
    let grouped = groups.into_iter().map(|(decl, members)| {
        let declaration = declaration(decl);
        quote!(#(#ty::#members { .. })|* => #declaration,)
    });
    quote! {
        let declaration = match self {
            #(#grouped)*
            #(#patterns => return #calls,)*
        };
        ::onus::__private::Answers::declared(declaration, self)
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

/// A declaration as a struct literal of constants. Keys left at their defaults (most variants'
/// `retryable`, `retry_after`, `runbook` and `sensitive`) come from `Extras::NONE` rather than
/// being spelled out: each field expression costs the compiler time in every derived type.
fn declaration(decl: &Decl) -> TokenStream {
    let class = match decl.class {
        Class::Business => quote!(Business),
        Class::System => quote!(System),
    };
    let status = match decl.status.name {
        Some(name) => {
            let name = Ident::new(name, Span::call_site());
            quote!(::onus::__private::StatusCode::#name)
        }
        // No constant to name (499, say): evaluated at compile time all the same.
        None => {
            let code = Literal::u16_unsuffixed(decl.status.code);
            quote!(const { ::onus::__private::unnamed_status(#code) })
        }
    };
    let severity = Ident::new(
        match decl.severity {
            Severity::Trace => "Trace",
            Severity::Debug => "Debug",
            Severity::Info => "Info",
            Severity::Warn => "Warn",
            Severity::Error => "Error",
            Severity::Fatal => "Fatal",
        },
        Span::call_site(),
    );
    let code = &decl.code;
    let public = match &decl.public {
        Public::Display => quote!(Display),
        Public::Fixed(text) => quote!(Fixed(#text)),
        Public::Generic => quote!(Generic),
    };
    let extras = extras(decl);
    quote! {
        ::onus::__private::Declaration {
            class: ::onus::__private::Class::#class,
            status: #status,
            severity: ::onus::__private::Severity::#severity,
            code: #code,
            public: ::onus::__private::Public::#public,
            extras: #extras,
        }
    }
}

/// The declaration's `Extras`: only the keys that differ from `Extras::NONE`.
fn extras(decl: &Decl) -> TokenStream {
    const EXTRAS: usize = 4;
    let mut fields = TokenStream::new();
    let mut written = 0;
    if decl.retryable {
        fields.extend(quote!(retryable: true,));
        written += 1;
    }
    if let Some(seconds) = decl.retry_after {
        let seconds = Literal::u64_unsuffixed(seconds);
        fields.extend(quote!(retry_after: ::onus::__private::Option::Some(#seconds),));
        written += 1;
    }
    if let Some(runbook) = &decl.runbook {
        fields.extend(quote!(runbook: ::onus::__private::Option::Some(#runbook),));
        written += 1;
    }
    if decl.sensitive {
        fields.extend(quote!(sensitive: true,));
        written += 1;
    }
    match written {
        0 => quote!(::onus::__private::Extras::NONE),
        // Every field written: a `..NONE` would be a no-op update that clippy reports in the
        // user's crate (`needless_update`).
        EXTRAS => quote!(::onus::__private::Extras { #fields }),
        _ => quote!(::onus::__private::Extras { #fields ..::onus::__private::Extras::NONE }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attr::Status;

    fn store_down() -> Decl {
        Decl {
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
            sensitive: true,
        }
    }

    #[test]
    fn a_declaration_spells_out_every_key_that_differs_from_the_defaults() {
        let expected = quote! {
            ::onus::__private::Declaration {
                class: ::onus::__private::Class::System,
                status: ::onus::__private::StatusCode::SERVICE_UNAVAILABLE,
                severity: ::onus::__private::Severity::Error,
                code: "store.down",
                public: ::onus::__private::Public::Fixed("try again later"),
                extras: ::onus::__private::Extras {
                    retryable: true,
                    retry_after: ::onus::__private::Option::Some(30),
                    runbook: ::onus::__private::Option::Some("https://runbooks.example/store"),
                    sensitive: true,
                },
            }
        };
        assert_eq!(declaration(&store_down()).to_string(), expected.to_string());
    }

    #[test]
    fn defaults_come_from_extras_none() {
        let decl = Decl {
            class: Class::Business,
            status: Status {
                code: 409,
                name: Some("CONFLICT"),
            },
            severity: Severity::Info,
            code: "signup.taken".to_owned(),
            retryable: false,
            retry_after: None,
            public: Public::Display,
            runbook: None,
            sensitive: false,
        };
        let expected = quote! {
            ::onus::__private::Declaration {
                class: ::onus::__private::Class::Business,
                status: ::onus::__private::StatusCode::CONFLICT,
                severity: ::onus::__private::Severity::Info,
                code: "signup.taken",
                public: ::onus::__private::Public::Display,
                extras: ::onus::__private::Extras::NONE,
            }
        };
        assert_eq!(declaration(&decl).to_string(), expected.to_string());
    }

    #[test]
    fn a_status_without_a_constant_is_computed_at_compile_time() {
        let decl = Decl {
            status: Status {
                code: 599,
                name: None,
            },
            public: Public::Generic,
            ..store_down()
        };
        let tokens = declaration(&decl).to_string();
        let status = quote!(status: const { ::onus::__private::unnamed_status(599) },);
        assert!(tokens.contains(&status.to_string()), "{tokens}");
        let public = quote!(public: ::onus::__private::Public::Generic,);
        assert!(tokens.contains(&public.to_string()), "{tokens}");
    }
}
