//! What `#[onus::check]` may annotate: a free `fn`, an `impl` block, a `trait`, or an inline
//! `mod { ... }` — an item whose whole code the macro receives and beside which it can put items.

use onus_declare::ctxt::{Ctxt, SpanRange};
use quote::ToTokens;
use syn::Item;

/// Whether `item` can be checked; if not, says why into `cx`.
pub(crate) fn validate(item: &Item, cx: &Ctxt) -> bool {
    match item {
        Item::Impl(_) | Item::Trait(_) => true,
        Item::Mod(module) if module.content.is_some() => true,
        Item::Mod(module) => {
            cx.error(
                SpanRange::new(module.mod_token.span, module.ident.span()),
                format_args!(
                    "`#[onus::check]` cannot see into `mod {};`: its items are in another file",
                    module.ident
                ),
                "put `#[onus::check]` on the items of that file, or run `cargo onus check` on it",
            );
            false
        }
        Item::Fn(function) if is_associated(&function.sig) => {
            cx.error(
                SpanRange::new(function.sig.fn_token.span, function.sig.ident.span()),
                "`#[onus::check]` on an associated function cannot put its diagnostics beside it",
                "put `#[onus::check]` on the `impl` or `trait` block: it checks every function in it",
            );
            false
        }
        Item::Fn(_) => true,
        Item::Struct(syn::ItemStruct {
            struct_token: syn::token::Struct { span: keyword },
            ident,
            ..
        })
        | Item::Enum(syn::ItemEnum {
            enum_token: syn::token::Enum { span: keyword },
            ident,
            ..
        }) => {
            cx.error(
                SpanRange::new(*keyword, ident.span()),
                "`#[onus::check]` goes on a `fn`, an `impl` block, a `trait` or an inline `mod`",
                "to check that error types are classified, put `#[onus::check]` on an inline `mod` that defines them",
            );
            false
        }
        _ => {
            cx.error(
                first_token(item),
                "`#[onus::check]` goes on a `fn`, an `impl` block, a `trait` or an inline `mod`",
                "put it on the function, `impl`, `trait` or inline `mod` that holds this code",
            );
            false
        }
    }
}

/// A `self` receiver, or `Self` in the signature: a method or associated function, which sits
/// in an `impl` or `trait` block where no `const _` can go beside it.
fn is_associated(sig: &syn::Signature) -> bool {
    sig.receiver().is_some() || mentions_self_type(sig.to_token_stream())
}

fn mentions_self_type(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => ident == "Self",
        proc_macro2::TokenTree::Group(group) => mentions_self_type(group.stream()),
        _ => false,
    })
}

fn first_token(item: &Item) -> proc_macro2::Span {
    item.to_token_stream()
        .into_iter()
        .find_map(|token| match &token {
            // Skip the item's own attributes: point at the item itself.
            proc_macro2::TokenTree::Punct(punct) if punct.as_char() == '#' => None,
            proc_macro2::TokenTree::Group(_) => None,
            other => Some(other.span()),
        })
        .unwrap_or_else(proc_macro2::Span::call_site)
}
