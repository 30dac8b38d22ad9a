//! The impl emitted next to the errors, so one mistake does not cascade.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `compile_error!`s plus an `impl Declared` (hence `Classified`) whose body is never run (the
/// crate does not compile), so uses of the type elsewhere do not add "`Classified` is not
/// implemented" errors.
///
/// `errors` is `None` only for a mistake the compiler itself reports in the same build (a
/// repeated variant name), which is what keeps the body from ever running.
pub(crate) fn expand(input: &DeriveInput, errors: Option<syn::Error>) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();
    let errors = errors.map(|errors| errors.to_compile_error());
    // The higher-ranked bound defers the `Error` supertrait check (trivial bounds are unstable),
    // so a type that also lacks `Error` gets no second error from this impl.
    let workaround = quote!(for<'onus_workaround> #ident #ty_generics: ::core::error::Error);
    // With the feature `utoipa`, the OpenAPI answers too, without any: the type's uses in
    // `#[utoipa::path]` add no error.
    let openapi = if cfg!(feature = "utoipa") {
        quote! {
            ::onus::__private::__integrate_utoipa! {
                impl [#impl_generics] [#ident #ty_generics] where [#(#predicates,)* #workaround,]
                {} {} {}
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #errors

        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::onus::__private::Declared for #ident #ty_generics
        where
            #(#predicates,)*
            #workaround
        {
            fn answers(&self) -> ::onus::__private::Answers<'_> {
                ::core::unreachable!()
            }
        }

        ::onus::__private::__integrate! {
            impl [#impl_generics] [#ident #ty_generics] where [#(#predicates,)* #workaround,]
        }

        #openapi
    }
}
