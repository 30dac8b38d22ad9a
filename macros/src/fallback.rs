//! The impl emitted next to the errors, so one mistake does not cascade.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `compile_error!`s plus an `impl Classified` whose bodies are never run (the crate does not
/// compile), so uses of the type elsewhere do not add "`Classified` is not implemented" errors.
pub(crate) fn expand(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();
    let errors = errors.to_compile_error();
    // The higher-ranked bound defers the `Error` supertrait check (trivial bounds are unstable),
    // so a type that also lacks `Error` gets no second error from this impl.
    let workaround = quote!(for<'onus_workaround> #ident #ty_generics: ::core::error::Error);
    quote! {
        #errors

        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::onus::__private::Classified for #ident #ty_generics
        where
            #(#predicates,)*
            #workaround
        {
            fn class(&self) -> ::onus::__private::Class {
                ::core::unreachable!()
            }
            fn status(&self) -> ::onus::__private::StatusCode {
                ::core::unreachable!()
            }
            fn severity(&self) -> ::onus::__private::Severity {
                ::core::unreachable!()
            }
            fn code(&self) -> &'static str {
                ::core::unreachable!()
            }
            fn public_message(&self) -> ::onus::__private::PublicMessage<'_> {
                ::core::unreachable!()
            }
        }

        ::onus::__private::__integrate! {
            impl [#impl_generics] [#ident #ty_generics] where [#(#predicates,)* #workaround,]
        }
    }
}
