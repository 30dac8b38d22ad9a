//! Code generation for onus's feature `utoipa`: the declared answers as an API document shows
//! them, for the runtime's `__integrate_utoipa!` (which writes `utoipa::IntoResponses`).
//!
//! Written only with this crate's feature `utoipa` (which onus's turns on), so a build without
//! it pays nothing: the derive's output is the same as without the feature.

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::{Attribute, Ident, Type};

use onus_declare::Class;
use onus_declare::ast::Input;
use onus_declare::check::{Answer, Decl};
use onus_declare::display::{error_template, example_detail};

/// `__integrate_utoipa! { impl [..] [..] where [..] { declared } { transparent } { via } }`.
pub(crate) fn integrate(
    input: &Input,
    answers: &[Answer],
    impl_generics: &TokenStream,
    ty: &TokenStream,
    predicates: &[TokenStream],
) -> TokenStream {
    let mut declared = TokenStream::new();
    let mut wrapped = TokenStream::new();
    let mut via = TokenStream::new();
    let mut bounds = Vec::new();
    let ident = match input {
        Input::Enum(input) => &input.original.ident,
        Input::Struct(input) => &input.original.ident,
    };
    let attrs: Vec<&[Attribute]> = match input {
        Input::Enum(input) => input
            .variants
            .iter()
            .map(|variant| variant.original.attrs.as_slice())
            .collect(),
        Input::Struct(input) => vec![input.original.attrs.as_slice()],
    };
    for (answer, attrs) in answers.iter().zip(attrs) {
        match answer {
            Answer::Declared(decl) => declared.extend(declaration(decl, attrs)),
            Answer::Transparent(field) => {
                let ty = field.delegate_ty();
                let span = field.ty_span();
                // A bound rather than a requirement of the body: a wrapped type that is not
                // documented (a hand-written `Classified`, or no `Classified` at all, which the
                // derive's other impl reports) leaves the type without OpenAPI answers, an error
                // only where a document asks for them. The higher-ranked form defers the check
                // of a bound on a concrete type (trivial bounds are unstable). Not for the type
                // itself (`Nested(Box<Self>)`): the impl being written is that bound, which the
                // compiler could not prove without it (E0275).
                if !names_the_type(ty, ident) {
                    bounds.push(quote_spanned! {span=>
                        for<'onus_documented> #ty: ::onus::__private::Documented
                    });
                }
                wrapped.extend(parenthesized(quote_spanned!(span=> #ty)));
            }
            Answer::Via(field, function) => {
                via.extend(parenthesized(field.original.ty.to_token_stream()));
                via.extend(parenthesized(function.0.to_token_stream()));
            }
        }
    }
    quote! {
        ::onus::__private::__integrate_utoipa! {
            impl [#impl_generics] [#ty] where [#(#predicates,)* #(#bounds,)*]
            { #declared } { #wrapped } { #via }
        }
    }
}

/// `Business _409 "signup.taken" "this email is taken";`, without the detail when no text is
/// the same for every value.
fn declaration(decl: &Decl, attrs: &[Attribute]) -> TokenStream {
    let class = match decl.class {
        Class::Business => quote!(Business),
        Class::System => quote!(System),
    };
    let status = quote::format_ident!("_{}", decl.status.code());
    let code = &decl.code;
    let template = error_template(attrs);
    let detail = example_detail(decl.class, decl.public.as_deref(), template.as_deref());
    quote!(#class #status #code #detail;)
}

/// Whether `ty` is `Self` or a path to the type named `ident` (`ChainError`, `crate::ChainError`).
fn names_the_type(ty: &Type, ident: &Ident) -> bool {
    let Type::Path(path) = ty else {
        return false;
    };
    path.qself.is_none()
        && path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Self" || last.ident == *ident)
}

fn parenthesized(tokens: TokenStream) -> TokenStream {
    Group::new(Delimiter::Parenthesis, tokens).into_token_stream()
}
