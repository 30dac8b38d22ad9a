//! Code generation: `impl Declared` whose one method answers from a typed declaration per
//! variant (or, for a transparent variant, from the wrapped error); the runtime's blanket impl
//! of `Classified` reads every method's answer from it.
//!
//! The derive writes the declarations in a compact form, `V0 BusinessInfo _404 "signup.v0"
//! NONE;`, that the runtime's `__answers!` and `__declaration!` macros expand into the `match`
//! and its `(Kind, StatusCode, code, Extras)` tuples. The shape is chosen for the compiler's
//! cost, measured with `benches/derive-compile` (200 enums of 10 variants):
//!
//! - tokens written by a proc macro cost more than the same code expanded by a `macro_rules!`:
//!   the proc macro runs unoptimized and hands every token across the compiler's bridge, and
//!   every `TokenStream` spliced into another is a round trip (writing the compact form into
//!   flat token lists rather than a `quote!` per variant cut the derive's own instructions,
//!   counted under cachegrind, by an eighth);
//! - the generated code costs what its bodies and expressions cost: one body per type (not one
//!   per method); per variant, one tuple of four constants (class and severity are one `Kind`;
//!   a struct literal with named fields made the generated code cost about a seventh more, a
//!   struct update `Extras { ..NONE }` on every variant a quarter more); no nested macro call
//!   per variant.
//!
//! Rejected along the way: a `&'static` reference to each declaration (about 6% more compile
//! time), a per-type `static` table indexed by the `match` (8% more), a const-generic status
//! (`Status::<404>::CODE`, more than the constants of `status`), and one string literal per
//! variant decoded at run time (cheapest to compile, but stringly typed and ~30 ns per call).

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::{DeriveInput, Generics, WherePredicate};

use onus_declare::ast::{Enum, Field, Input};
use onus_declare::attr::FunctionPath;
use onus_declare::check::{self, Answer, Decl};
use onus_declare::ctxt::Ctxt;
use onus_declare::{Class, Severity};

use crate::fallback;

/// The whole derive: parse, check, then generate (or fall back to a placeholder impl next to the
/// errors, so one mistake does not cascade into "`Classified` is not implemented" elsewhere).
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = Input::from_syn(input, &cx);
    // The derive is all or nothing: one unresolved variant (already reported) and there is no impl.
    let answers = model.as_ref().and_then(|model| {
        check::check(model, &cx)
            .into_iter()
            .collect::<Option<Vec<_>>>()
    });
    let checked = cx.check();
    let repeats_a_name =
        matches!(&model, Some(Input::Enum(input)) if check::repeats_a_variant_name(input));
    match (checked, &model, answers) {
        (Err(errors), _, _) => fallback::expand(input, Some(errors)),
        // The compiler reports the repeated name (E0428); a `match` over the variants would only
        // add errors about the same mistake.
        (Ok(()), _, _) if repeats_a_name => fallback::expand(input, None),
        (Ok(()), Some(model), Some(answers)) => impl_classified(model, &answers),
        // Every path that yields no answer reports why; reaching this is a bug in the derive.
        (Ok(()), _, _) => fallback::expand(
            input,
            Some(syn::Error::new(
                Span::call_site(),
                "onus-macros: internal error, no declaration was resolved",
            )),
        ),
    }
}

fn impl_classified(input: &Input, answers: &[Answer]) -> TokenStream {
    let (original, body) = match input {
        Input::Enum(input) => (input.original, enum_body(input, answers)),
        Input::Struct(input) => (input.original, struct_body(answers)),
    };
    let via_public_message = via_public_message(input, answers);
    let ident = &original.ident;
    let generics = with_field_bounds(&original.generics, answers);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();

    #[cfg(feature = "utoipa")]
    let openapi = crate::openapi::integrate(
        input,
        answers,
        &impl_generics.to_token_stream(),
        &quote!(#ident #ty_generics),
        &predicates
            .iter()
            .map(ToTokens::to_token_stream)
            .collect::<Vec<_>>(),
    );
    #[cfg(not(feature = "utoipa"))]
    let openapi = TokenStream::new();

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
            #via_public_message
        }

        ::onus::__private::__integrate! {
            impl [#impl_generics] [#ident #ty_generics] where [#(#predicates,)*]
        }

        #openapi
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
        let ty = field.delegate_ty();
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
            let mut declaration = Vec::new();
            write_declaration(decl, &mut declaration);
            let declaration = TokenStream::from_iter(declaration);
            quote! {
                ::onus::__private::Answers::declared(
                    ::onus::__private::__declaration!(#declaration),
                    self,
                )
            }
        }
        Some(Answer::Transparent(field)) => {
            let member = &field.member;
            let answers = answers_fn(field);
            quote!(#answers(&self.#member))
        }
        Some(Answer::Via(field, function)) => {
            let member = &field.member;
            let answers = via_answers_fn(field, function);
            quote!(#answers(&self.#member))
        }
        None => quote!(::core::unreachable!()),
    }
}

/// An enum's answers: `__answers!` with each declared variant's declaration, then each
/// transparent variant's field and the function that answers for it.
///
/// The tokens go into two flat lists rather than a `quote!` per variant: in the compiler's
/// bridge, every `TokenStream` spliced into another costs a round trip, which made up most of
/// the derive's own running time.
fn enum_body(input: &Enum, answers: &[Answer]) -> TokenStream {
    if input.variants.is_empty() {
        return quote!(match *self {});
    }
    let mut declared = Vec::new();
    let mut transparent = Vec::new();
    for (variant, answer) in input.variants.iter().zip(answers) {
        let variant = TokenTree::Ident(variant.original.ident.clone());
        match answer {
            Answer::Declared(decl) => {
                declared.push(variant);
                write_declaration(decl, &mut declared);
                declared.push(TokenTree::Punct(Punct::new(';', Spacing::Alone)));
            }
            Answer::Transparent(field) => {
                transparent.push(variant);
                transparent.extend(field.member.to_token_stream());
                transparent.push(group(Delimiter::Parenthesis, answers_fn(field)));
            }
            // Answered like a transparent variant, by a function of the field.
            Answer::Via(field, function) => {
                transparent.push(variant);
                transparent.extend(field.member.to_token_stream());
                transparent.push(group(
                    Delimiter::Parenthesis,
                    via_answers_fn(field, function),
                ));
            }
        }
    }
    let declared = group(Delimiter::Brace, TokenStream::from_iter(declared));
    let transparent = group(Delimiter::Brace, TokenStream::from_iter(transparent));
    quote!(::onus::__private::__answers!(self => #declared #transparent))
}

/// The function that answers for a transparent field's type. Its tokens carry the field type's
/// span, so a type that is not `Classified` is reported at the field rather than at the derive.
fn answers_fn(field: &Field) -> TokenStream {
    let span = field.ty_span();
    let ty = field.delegate_ty();
    quote_spanned! {span=>
        <#ty as ::onus::__private::Classified>::__onus_answers
    }
}

/// The function that answers for a `via` variant's field: `Via::<Field, _>::new(self,
/// path).answers`. Its tokens carry the path's span, and the field's type is written out, so a
/// function that does not return a `Classified` value, or does not take the field, is reported
/// at the path.
fn via_answers_fn(field: &Field, function: &FunctionPath) -> TokenStream {
    let via = via(field, function);
    quote_spanned!(span_of(function)=> #via.answers)
}

/// `Via::<Field, _>::new(self, path)`.
fn via(field: &Field, function: &FunctionPath) -> TokenStream {
    let path = &function.0;
    let ty = &field.original.ty;
    quote_spanned! {span_of(function)=>
        ::onus::__private::Via::<#ty, _>::new(self, #path)
    }
}

/// `Declared::fmt_via_public_message` for a type with `via` variants (nothing for the others):
/// the public message of what the function returns, computed again from the field because the
/// answers cannot keep the returned value.
fn via_public_message(input: &Input, answers: &[Answer]) -> TokenStream {
    let fmt = |field: &Field, function: &FunctionPath, value: TokenStream| {
        let via = via(field, function);
        quote_spanned! {span_of(function)=>
            #via.fmt_public_message(#value, __onus_formatter)
        }
    };
    let body = match input {
        Input::Struct(_) => match answers.first() {
            Some(Answer::Via(field, function)) => {
                let member = &field.member;
                fmt(field, function, quote!(&self.#member))
            }
            _ => return TokenStream::new(),
        },
        Input::Enum(input) => {
            let mut arms = TokenStream::new();
            let mut all = true;
            for (variant, answer) in input.variants.iter().zip(answers) {
                let Answer::Via(field, function) = answer else {
                    all = false;
                    continue;
                };
                let ident = &variant.original.ident;
                let member = &field.member;
                let write = fmt(field, function, quote!(__onus_field));
                arms.extend(quote!(Self::#ident { #member: __onus_field } => #write,));
            }
            if arms.is_empty() {
                return TokenStream::new();
            }
            if !all {
                arms.extend(quote!(_ => ::core::result::Result::Ok(()),));
            }
            quote!(match self { #arms })
        }
    };
    quote! {
        fn fmt_via_public_message(
            &self,
            __onus_formatter: &mut ::core::fmt::Formatter<'_>,
        ) -> ::core::fmt::Result {
            #body
        }
    }
}

fn span_of(function: &FunctionPath) -> Span {
    syn::spanned::Spanned::span(&function.0)
}

/// Writes a declaration in the compact form of the runtime's `__declaration!`: `KIND STATUS
/// "CODE" EXTRAS`.
fn write_declaration(decl: &Decl, out: &mut Vec<TokenTree>) {
    // The runtime's `Kind`: `BusinessInfo`, `SystemError`, ...
    let class = match decl.class {
        Class::Business => "Business",
        Class::System => "System",
    };
    let severity = match decl.severity {
        Severity::Trace => "Trace",
        Severity::Debug => "Debug",
        Severity::Info => "Info",
        Severity::Warn => "Warn",
        Severity::Error => "Error",
        Severity::Fatal => "Fatal",
    };
    out.push(ident(&format!("{class}{severity}")));
    // The runtime's `status::_404`: one name for every status, with a `StatusCode` constant or not.
    out.push(ident(&format!("_{}", decl.status.code())));
    out.push(TokenTree::Literal(Literal::string(&decl.code)));
    out.push(extras(decl));
}

/// The declaration's `Extras`: `NONE`, or the fields that differ from it in braces.
fn extras(decl: &Decl) -> TokenTree {
    const EXTRAS: usize = 5;
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
    if let Some(text) = &decl.public {
        fields.extend(quote!(public: ::onus::__private::Option::Some(#text),));
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
        0 => ident("NONE"),
        // Every field written: a `..NONE` would be a no-op update that clippy reports in the
        // user's crate (`needless_update`).
        EXTRAS => group(Delimiter::Brace, fields),
        _ => group(
            Delimiter::Brace,
            quote!(#fields ..::onus::__private::Extras::NONE),
        ),
    }
}

fn ident(name: &str) -> TokenTree {
    TokenTree::Ident(Ident::new(name, Span::call_site()))
}

fn group(delimiter: Delimiter, tokens: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(delimiter, tokens))
}

#[cfg(test)]
mod tests {
    use onus_declare::status::Status;

    use super::*;

    fn declaration(decl: &Decl) -> TokenStream {
        let mut out = Vec::new();
        write_declaration(decl, &mut out);
        TokenStream::from_iter(out)
    }

    fn store_down() -> Decl {
        Decl {
            class: Class::System,
            status: Status::new(503).unwrap(),
            severity: Severity::Error,
            code: "store.down".to_owned(),
            retryable: true,
            retry_after: Some(30),
            public: Some("try again later".to_owned()),
            runbook: Some("https://runbooks.example/store".to_owned()),
            sensitive: true,
        }
    }

    #[test]
    fn a_declaration_spells_out_every_key_that_differs_from_the_defaults() {
        let expected = quote! {
            SystemError _503 "store.down" {
                retryable: true,
                retry_after: ::onus::__private::Option::Some(30),
                public: ::onus::__private::Option::Some("try again later"),
                runbook: ::onus::__private::Option::Some("https://runbooks.example/store"),
                sensitive: true,
            }
        };
        assert_eq!(declaration(&store_down()).to_string(), expected.to_string());
    }

    #[test]
    fn keys_at_their_defaults_are_left_to_extras_none() {
        let decl = Decl {
            class: Class::Business,
            status: Status::new(409).unwrap(),
            severity: Severity::Info,
            code: "signup.taken".to_owned(),
            retryable: false,
            retry_after: None,
            public: None,
            runbook: None,
            sensitive: false,
        };
        let expected = quote!(BusinessInfo _409 "signup.taken" NONE);
        assert_eq!(declaration(&decl).to_string(), expected.to_string());
    }

    #[test]
    fn a_status_without_a_statuscode_constant_is_named_alike() {
        let decl = Decl {
            status: Status::new(599).unwrap(),
            public: None,
            ..store_down()
        };
        let tokens = declaration(&decl).to_string();
        assert!(
            tokens.starts_with(r#"SystemError _599 "store.down" {"#),
            "{tokens}"
        );
    }
}
