//! Attributes: which mark test code, which traits an item derives.

use syn::punctuated::Punctuated;

/// The outer attributes of an item (`#[..]` written on it).
pub(crate) fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[cfg(all(test, ..))]`.
pub(crate) fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path
        .segments
        .last()
        .is_some_and(|last| last.ident == "test")
    {
        return true;
    }
    if !path.is_ident("cfg") {
        return false;
    }
    let syn::Meta::List(list) = &attr.meta else {
        return false;
    };
    let mut tokens = list.tokens.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "test" => true,
        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "all" => match tokens.next() {
            Some(proc_macro2::TokenTree::Group(group)) => group.stream().into_iter().any(
                |token| matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == "test"),
            ),
            _ => false,
        },
        _ => false,
    }
}

/// Whether the attributes derive an error trait (`Error`, `Snafu`) and `Classify`.
pub(crate) fn derives(attrs: &[syn::Attribute]) -> (bool, bool) {
    let mut error = false;
    let mut classify = false;
    for attr in attrs {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) =
            attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        for path in &paths {
            let Some(last) = path.segments.last() else {
                continue;
            };
            if last.ident == "Error" || last.ident == "Snafu" {
                error = true;
            } else if last.ident == "Classify" {
                classify = true;
            }
        }
    }
    (error, classify)
}
