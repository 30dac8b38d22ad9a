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

/// Whether the tokens plainly are an item the attribute may annotate, read without a parse: a
/// free `fn` whose signature names neither `self` nor `Self`, an `impl` block, a `trait` or an
/// inline `mod { .. }`. `false` when unsure: the item is then parsed and [`validate`]d, which
/// says what is wrong, if anything.
pub(crate) fn plainly_checkable(item: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::{Delimiter, TokenTree};

    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let is = |token: Option<&TokenTree>, word: &str| matches!(token, Some(TokenTree::Ident(ident)) if ident == word);
    let is_group = |token: Option<&TokenTree>, delimiter: Delimiter| matches!(token, Some(TokenTree::Group(group)) if group.delimiter() == delimiter);
    let mut at = 0;
    // Outer attributes, `pub`, `pub(crate)`, and the qualifiers of a fn, impl or trait.
    loop {
        let token = tokens.get(at);
        if matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == '#')
            && is_group(tokens.get(at + 1), Delimiter::Bracket)
        {
            at += 2;
        } else if is(token, "pub") {
            at += 1 + usize::from(is_group(tokens.get(at + 1), Delimiter::Parenthesis));
        } else if ["const", "async", "unsafe", "auto", "default"]
            .iter()
            .any(|qualifier| is(token, qualifier))
        {
            at += 1;
        } else if is(token, "extern") {
            at += 1 + usize::from(matches!(tokens.get(at + 1), Some(TokenTree::Literal(_))));
        } else {
            break;
        }
    }
    let rest = &tokens[at..];
    let ends_in_braces = is_group(rest.last(), Delimiter::Brace);
    match rest.first() {
        _ if !ends_in_braces => false,
        Some(TokenTree::Ident(keyword)) if keyword == "impl" || keyword == "trait" => true,
        Some(TokenTree::Ident(keyword)) if keyword == "mod" => {
            rest.len() == 3 && matches!(rest.get(1), Some(TokenTree::Ident(_)))
        }
        Some(TokenTree::Ident(keyword)) if keyword == "fn" => {
            let signature: proc_macro2::TokenStream =
                rest[..rest.len() - 1].iter().cloned().collect();
            !mentions(signature, &["self", "Self"])
        }
        _ => false,
    }
}

/// Whether one of `words` is an identifier anywhere in `tokens`; iterative, so a signature of
/// any depth is read without recursion.
fn mentions(tokens: proc_macro2::TokenStream, words: &[&str]) -> bool {
    let mut pending = vec![tokens];
    while let Some(stream) = pending.pop() {
        for token in stream {
            match token {
                proc_macro2::TokenTree::Ident(ident) if words.iter().any(|word| ident == word) => {
                    return true;
                }
                proc_macro2::TokenTree::Group(group) => pending.push(group.stream()),
                _ => {}
            }
        }
    }
    false
}

/// A `self` receiver, or `Self` in the signature: a method or associated function, which sits
/// in an `impl` or `trait` block where no `const _` can go beside it.
fn is_associated(sig: &syn::Signature) -> bool {
    sig.receiver().is_some() || mentions(sig.to_token_stream(), &["Self"])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plainly(text: &str) -> bool {
        plainly_checkable(&text.parse().unwrap())
    }

    #[test]
    fn the_tokens_show_plainly_checkable_items() {
        for item in [
            "fn f() {}",
            "#[inline] pub(crate) const unsafe extern \"C\" fn f(x: u8) -> u8 { x }",
            "pub async fn f<F: Fn(u8)>(f: F) {}",
            "impl Store { fn get(&self) {} }",
            "unsafe impl Send for Store {}",
            "pub unsafe trait Store { fn get(&self); }",
            "mod inner { fn f() {} }",
        ] {
            assert!(plainly(item), "{item}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_parse() {
        for item in [
            // Wrong targets: the parse says why.
            "mod elsewhere;",
            "struct Config;",
            "const LIMIT: u32 = 3;",
            "fn len(&self) -> usize { 0 }",
            "fn new() -> Self { Self }",
            "trait Alias = Iterator<Item = u8>;",
            "fn missing_body();",
            // A free fn that names a module through `self`: the parse tells it from a method.
            "fn f(x: self::Config) {}",
        ] {
            assert!(!plainly(item), "{item}");
        }
    }
}
