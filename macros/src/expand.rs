//! Code generation: `impl Classified` as one plain `match` per method.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens as _, quote, quote_spanned};
use syn::{DeriveInput, Generics, WherePredicate};

use crate::ast::{Field, Input};
use crate::attr::{Class, Severity, Status};
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

/// How a method's body reaches the variants.
enum Shape<'a> {
    /// A struct: no `match`.
    Struct,
    /// An enum (its name and its variants): one arm per group of variants that answer the same.
    Enum(&'a Ident, Vec<&'a Ident>),
}

fn impl_classified(input: &Input, answers: &[Answer]) -> TokenStream {
    let (original, shape) = match input {
        Input::Enum(input) => (
            input.original,
            Shape::Enum(
                &input.original.ident,
                input.variants.iter().map(|v| &v.original.ident).collect(),
            ),
        ),
        Input::Struct(input) => (input.original, Shape::Struct),
    };
    let ident = &original.ident;
    let generics = with_field_bounds(&original.generics, answers);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();

    let methods = METHODS
        .iter()
        .filter(|method| !method.is_default_everywhere(answers))
        .map(|method| {
            let name = Ident::new(method.name, Span::call_site());
            let ret = (method.ret)();
            let body = method.body(&shape, answers);
            // `#[inline]`: the methods are tiny, and a crate that declares many errors should not
            // pay for machine code of methods only its dependents call.
            quote! {
                #[inline]
                fn #name(&self) -> #ret {
                    #body
                }
            }
        });

    // The `use` shortens every path in the bodies (`__onus::Class::System`) without putting a
    // name in the user's scope: it lives in an anonymous const.
    quote! {
        #[doc(hidden)]
        const _: () = {
            use ::onus::__private as __onus;

            #[automatically_derived]
            #[allow(unused_qualifications)]
            impl #impl_generics __onus::Classified for #ident #ty_generics #where_clause {
                #(#methods)*
            }
        };

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

/// What one method answers for one declaration, compared cheaply so that variants answering
/// alike share an arm before any tokens are built.
#[derive(PartialEq)]
enum Value<'d> {
    Class(Class),
    Status(Status),
    Severity(Severity),
    Text(&'d str),
    Bool(bool),
    Seconds(Option<u64>),
    Public(&'d Public),
    OptionalText(Option<&'d str>),
}

impl Value<'_> {
    fn tokens(&self) -> TokenStream {
        match *self {
            Value::Class(Class::Business) => quote!(__onus::Class::Business),
            Value::Class(Class::System) => quote!(__onus::Class::System),
            Value::Status(status) => status_tokens(status),
            Value::Severity(severity) => severity_tokens(severity),
            Value::Text(text) => Literal::string(text).into_token_stream(),
            Value::Bool(true) => quote!(true),
            Value::Bool(false) => quote!(false),
            Value::Seconds(Some(seconds)) => {
                let seconds = Literal::u64_suffixed(seconds);
                quote!(__onus::Option::Some(__onus::Duration::from_secs(#seconds)))
            }
            Value::Seconds(None) | Value::OptionalText(None) => quote!(__onus::Option::None),
            Value::Public(Public::Display) => quote!(__onus::PublicMessage::display(self)),
            Value::Public(Public::Fixed(text)) => {
                let text = Literal::string(text);
                quote!(__onus::PublicMessage::fixed(#text))
            }
            Value::Public(Public::Generic) => quote!(__onus::PublicMessage::generic()),
            Value::OptionalText(Some(text)) => {
                let text = Literal::string(text);
                quote!(__onus::Option::Some(#text))
            }
        }
    }
}

/// One method of `Classified`, as data: its name, return type, the value a declaration gives,
/// and whether the trait's default already answers it.
struct Method {
    name: &'static str,
    ret: fn() -> TokenStream,
    value: for<'d> fn(&'d Decl) -> Value<'d>,
    /// For the methods the trait gives a default: whether `decl` answers that default, so a
    /// type whose every variant does can leave the method out.
    is_default: Option<fn(&Decl) -> bool>,
}

const METHODS: [Method; 9] = [
    Method {
        name: "class",
        ret: || quote!(__onus::Class),
        value: |decl| Value::Class(decl.class),
        is_default: None,
    },
    Method {
        name: "status",
        ret: || quote!(__onus::StatusCode),
        value: |decl| Value::Status(decl.status),
        is_default: None,
    },
    Method {
        name: "severity",
        ret: || quote!(__onus::Severity),
        value: |decl| Value::Severity(decl.severity),
        is_default: None,
    },
    Method {
        name: "code",
        ret: || quote!(&'static str),
        value: |decl| Value::Text(&decl.code),
        is_default: None,
    },
    Method {
        name: "retryable",
        ret: || quote!(bool),
        value: |decl| Value::Bool(decl.retryable),
        is_default: None,
    },
    Method {
        name: "retry_after",
        ret: || quote!(__onus::Option<__onus::Duration>),
        value: |decl| Value::Seconds(decl.retry_after),
        is_default: Some(|decl| decl.retry_after.is_none()),
    },
    Method {
        name: "public_message",
        ret: || quote!(__onus::PublicMessage<'_>),
        value: |decl| Value::Public(&decl.public),
        is_default: None,
    },
    Method {
        name: "runbook",
        ret: || quote!(__onus::Option<&'static str>),
        value: |decl| Value::OptionalText(decl.runbook.as_deref()),
        is_default: Some(|decl| decl.runbook.is_none()),
    },
    Method {
        name: "sensitive",
        ret: || quote!(bool),
        value: |decl| Value::Bool(decl.sensitive),
        is_default: Some(|decl| !decl.sensitive),
    },
];

impl Method {
    fn is_default_everywhere(&self, answers: &[Answer]) -> bool {
        let Some(is_default) = self.is_default else {
            return false;
        };
        answers.iter().all(|answer| match answer {
            Answer::Declared(decl) => is_default(decl),
            Answer::Transparent(_) => false,
        })
    }

    fn delegate(&self, field: &Field, receiver: TokenStream) -> TokenStream {
        // The qualified self type is the user's own tokens, so a field type that is not
        // `Classified` is reported at the field rather than at the derive.
        let span = field.ty_span();
        let ty = &field.original.ty;
        let name = Ident::new(self.name, span);
        quote_spanned! {span=>
            <#ty as __onus::Classified>::#name(#receiver)
        }
    }

    fn body(&self, shape: &Shape, answers: &[Answer]) -> TokenStream {
        let Shape::Enum(ty, variants) = shape else {
            return match answers.first() {
                Some(Answer::Declared(decl)) => (self.value)(decl).tokens(),
                Some(Answer::Transparent(field)) => {
                    let member = &field.member;
                    self.delegate(field, quote!(&self.#member))
                }
                None => quote!(::core::unreachable!()),
            };
        };
        if variants.is_empty() {
            return quote!(match *self {});
        }
        // Variants that answer alike share one arm (`Self::A { .. } | Self::B { .. } => ...`),
        // which keeps the generated code small for large enums.
        let mut groups: Vec<(Value, Vec<&Ident>)> = Vec::new();
        let mut arms = Vec::new();
        for (variant, answer) in variants.iter().zip(answers) {
            match answer {
                Answer::Declared(decl) => {
                    let value = (self.value)(decl);
                    match groups.iter_mut().find(|(v, _)| *v == value) {
                        Some((_, members)) => members.push(variant),
                        None => groups.push((value, vec![variant])),
                    }
                }
                Answer::Transparent(field) => {
                    let member = &field.member;
                    let call = self.delegate(field, quote!(__onus_field));
                    arms.push(quote!(#ty::#variant { #member: __onus_field } => #call,));
                }
            }
        }
        if arms.is_empty()
            && let [(value, _)] = groups.as_slice()
        {
            return value.tokens();
        }
        let grouped = groups.into_iter().map(|(value, members)| {
            let value = value.tokens();
            quote!(#(#ty::#members { .. })|* => #value,)
        });
        quote! {
            match self {
                #(#grouped)*
                #(#arms)*
            }
        }
    }
}

fn status_tokens(status: Status) -> TokenStream {
    if let Some(name) = status.name {
        let name = Ident::new(name, Span::call_site());
        return quote!(__onus::StatusCode::#name);
    }
    let code = Literal::u16_unsuffixed(status.code);
    // `attr` only accepts 400..=599, inside the 100..=999 that `from_u16` accepts, so the
    // `Err` arm is dead; it panics at compile time (in const evaluation) should that ever change.
    quote! {{
        const STATUS: __onus::StatusCode = match __onus::StatusCode::from_u16(#code) {
            ::core::result::Result::Ok(status) => status,
            ::core::result::Result::Err(_) => ::core::panic!("onus: invalid status code"),
        };
        STATUS
    }}
}

fn severity_tokens(severity: Severity) -> TokenStream {
    match severity {
        Severity::Trace => quote!(__onus::Severity::Trace),
        Severity::Debug => quote!(__onus::Severity::Debug),
        Severity::Info => quote!(__onus::Severity::Info),
        Severity::Warn => quote!(__onus::Severity::Warn),
        Severity::Error => quote!(__onus::Severity::Error),
        Severity::Fatal => quote!(__onus::Severity::Fatal),
    }
}
