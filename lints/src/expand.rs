//! Fns a `macro_rules!` of the checked code declares, read at its invocations: aichat writes its
//! settings getters as `config_get_fn!(api_base, get_api_base);` in each client's `impl`, from
//!
//! ```text
//! macro_rules! config_get_fn {
//!     ($field_name:ident, $fn_name:ident) => {
//!         fn $fn_name(&self) -> anyhow::Result<String> { .. .ok_or_else(..) }
//!     };
//! }
//! ```
//!
//! Without them, a call of `get_api_base()` is to no fn the index knows. Only the simplest macros
//! are read, the ones that stamp out items: one rule, whose matcher is a list of `$name:fragment`
//! separated by commas, invoked in item position with as many single-token arguments. Anything
//! else (repetitions, several rules, token trees as arguments) is left unread, as before.

use std::collections::HashMap;

use proc_macro2::{Group, TokenStream, TokenTree};

use crate::paths::ItemPath;

/// A `macro_rules!` that may stamp out fns: its parameters, and its body as text (token streams
/// are not `Send`, and fragments are built on several threads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MacroDef {
    pub(crate) name: String,
    params: Vec<String>,
    body: String,
}

/// An invocation in item position, `name!(a, b);`, in an `impl` of `owner` or at module level.
#[derive(Debug, Clone)]
pub(crate) struct MacroCall {
    name: String,
    args: Vec<String>,
    owner: Option<String>,
    owner_path: Option<ItemPath>,
}

/// The definition `item` makes, if it is a `macro_rules!` of the one shape read here.
pub(crate) fn definition(item: &syn::ItemMacro) -> Option<MacroDef> {
    if !item.mac.path.is_ident("macro_rules") {
        return None;
    }
    let name = item.ident.as_ref()?.to_string();
    let tokens: Vec<TokenTree> = item.mac.tokens.clone().into_iter().collect();
    // `(matcher) => {body}` and an optional `;`: one rule.
    let (matcher, body) = match tokens.as_slice() {
        [
            TokenTree::Group(matcher),
            TokenTree::Punct(eq),
            TokenTree::Punct(gt),
            TokenTree::Group(body),
        ]
        | [
            TokenTree::Group(matcher),
            TokenTree::Punct(eq),
            TokenTree::Punct(gt),
            TokenTree::Group(body),
            TokenTree::Punct(_),
        ] if eq.as_char() == '=' && gt.as_char() == '>' => (matcher, body),
        _ => return None,
    };
    let params = parameters(matcher)?;
    let stamps_fns = body
        .stream()
        .into_iter()
        .any(|token| matches!(&token, TokenTree::Ident(ident) if ident == "fn"));
    stamps_fns.then(|| MacroDef {
        name,
        params,
        body: body.stream().to_string(),
    })
}

/// `$a:ident, $b:ty`: the parameters' names, if the matcher is only that.
fn parameters(matcher: &Group) -> Option<Vec<String>> {
    let tokens: Vec<TokenTree> = matcher.stream().into_iter().collect();
    let mut params = Vec::new();
    for chunk in tokens.split(|token| matches!(token, TokenTree::Punct(p) if p.as_char() == ',')) {
        match chunk {
            [] => {}
            [
                TokenTree::Punct(dollar),
                TokenTree::Ident(name),
                TokenTree::Punct(colon),
                TokenTree::Ident(_),
            ] if dollar.as_char() == '$' && colon.as_char() == ':' => {
                params.push(name.to_string());
            }
            _ => return None,
        }
    }
    (!params.is_empty()).then_some(params)
}

/// The invocation `mac` makes in item position, if its arguments are single tokens.
pub(crate) fn invocation(
    mac: &syn::Macro,
    owner: Option<String>,
    owner_path: Option<ItemPath>,
) -> Option<MacroCall> {
    let name = mac.path.segments.last()?.ident.to_string();
    let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
    let mut args = Vec::new();
    for chunk in tokens.split(|token| matches!(token, TokenTree::Punct(p) if p.as_char() == ',')) {
        match chunk {
            [] => {}
            [arg @ (TokenTree::Ident(_) | TokenTree::Literal(_))] => args.push(arg.to_string()),
            _ => return None,
        }
    }
    (!args.is_empty()).then_some(MacroCall {
        name,
        args,
        owner,
        owner_path,
    })
}

/// A fn an invocation stamps out: in an `impl` of `owner` (at `owner_path`), or at module level.
pub(crate) struct StampedFn {
    pub(crate) owner: Option<String>,
    pub(crate) owner_path: Option<ItemPath>,
    pub(crate) sig: syn::Signature,
    pub(crate) block: syn::Block,
}

/// The fns the invocations stamp out, from the definitions of the same name (one definition per
/// name: two different ones leave the name unread).
pub(crate) fn stamped_fns<'a>(
    defs: impl IntoIterator<Item = &'a MacroDef>,
    calls: impl IntoIterator<Item = &'a MacroCall>,
) -> Vec<StampedFn> {
    let mut by_name: HashMap<&str, Option<&MacroDef>> = HashMap::new();
    for def in defs {
        by_name
            .entry(def.name.as_str())
            .and_modify(|seen| {
                if seen.is_some_and(|seen| seen != def) {
                    *seen = None;
                }
            })
            .or_insert(Some(def));
    }
    let mut fns = Vec::new();
    for call in calls {
        let Some(Some(def)) = by_name.get(call.name.as_str()) else {
            continue;
        };
        if def.params.len() != call.args.len() {
            continue;
        }
        fns.extend(expand(def, call));
    }
    fns
}

/// The fns `call` of `def` declares.
fn expand(def: &MacroDef, call: &MacroCall) -> Vec<StampedFn> {
    let (Ok(body), Ok(args)) = (
        def.body.parse::<TokenStream>(),
        call.args
            .iter()
            .map(|arg| arg.parse::<TokenStream>())
            .collect::<Result<Vec<_>, _>>(),
    ) else {
        return Vec::new();
    };
    let values: HashMap<&str, &TokenStream> = def
        .params
        .iter()
        .map(String::as_str)
        .zip(args.iter())
        .collect();
    let tokens = substitute(body, &values);
    let stamped = |sig: &syn::Signature, block: &syn::Block| StampedFn {
        owner: call.owner.clone(),
        owner_path: call.owner_path,
        sig: sig.clone(),
        block: block.clone(),
    };
    // A method stamped out in an `impl` parses as a fn item too (syn takes `&self` anywhere);
    // whose method it is, the invocation says.
    let Ok(file) = syn::parse2::<syn::File>(tokens) else {
        return Vec::new();
    };
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(function) => Some(stamped(&function.sig, &function.block)),
            _ => None,
        })
        .collect()
}

/// `tokens` with every `$name` of `values` replaced by its value.
fn substitute(tokens: TokenStream, values: &HashMap<&str, &TokenStream>) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(dollar) if dollar.as_char() == '$' => {
                let value = match tokens.peek() {
                    Some(TokenTree::Ident(name)) => values.get(name.to_string().as_str()).copied(),
                    _ => None,
                };
                match value {
                    Some(value) => {
                        tokens.next();
                        out.extend(value.clone());
                    }
                    None => out.push(TokenTree::Punct(dollar)),
                }
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), substitute(group.stream(), values));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs_and_calls(source: &str) -> (Vec<MacroDef>, Vec<MacroCall>) {
        let file: syn::File = syn::parse_str(source).expect("a file");
        let mut defs = Vec::new();
        let mut calls = Vec::new();
        for item in &file.items {
            match item {
                syn::Item::Macro(item) if item.ident.is_some() => defs.extend(definition(item)),
                syn::Item::Macro(item) => calls.extend(invocation(&item.mac, None, None)),
                syn::Item::Impl(item) => {
                    for impl_item in &item.items {
                        if let syn::ImplItem::Macro(mac) = impl_item {
                            calls.extend(invocation(&mac.mac, Some("Client".to_owned()), None));
                        }
                    }
                }
                _ => {}
            }
        }
        (defs, calls)
    }

    #[test]
    fn a_getter_stamped_out_in_an_impl_is_a_method_of_it() {
        let (defs, calls) = defs_and_calls(
            r#"
            macro_rules! config_get_fn {
                ($field_name:ident, $fn_name:ident) => {
                    fn $fn_name(&self) -> anyhow::Result<String> {
                        let value = self.config.$field_name.clone();
                        value
                            .or_else(|| std::env::var(stringify!($field_name)).ok())
                            .ok_or_else(|| anyhow::anyhow!("Miss '{}'", stringify!($field_name)))
                    }
                };
            }
            impl Client {
                config_get_fn!(api_base, get_api_base);
                config_get_fn!(api_key, get_api_key);
            }
            "#,
        );
        let fns = stamped_fns(&defs, &calls);
        let names: Vec<(String, Option<&str>)> = fns
            .iter()
            .map(|stamped| (stamped.sig.ident.to_string(), stamped.owner.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("get_api_base".to_owned(), Some("Client")),
                ("get_api_key".to_owned(), Some("Client"))
            ]
        );
        let body = quote::ToTokens::to_token_stream(&fns[0].block).to_string();
        assert!(
            body.contains("self . config . api_base . clone ()"),
            "{body}"
        );
        assert!(body.contains("stringify ! (api_base)"), "{body}");
    }

    #[test]
    fn a_free_fn_stamped_out_at_module_level() {
        let (defs, calls) = defs_and_calls(
            r#"
            macro_rules! reader { ($name:ident, $path:literal) => {
                fn $name() -> std::io::Result<String> { std::fs::read_to_string($path) }
            } }
            reader!(read_motd, "/etc/motd");
            "#,
        );
        let fns = stamped_fns(&defs, &calls);
        assert_eq!(fns.len(), 1);
        assert_eq!(fns[0].sig.ident, "read_motd");
        assert_eq!(fns[0].owner, None);
    }

    #[test]
    fn other_shapes_are_left_unread() {
        // Repetitions, several rules, a token tree as an argument, no fn in the body.
        let (defs, calls) = defs_and_calls(
            r#"
            macro_rules! many { ($($name:ident),*) => { $(fn $name() {})* } }
            macro_rules! two { ($a:ident) => { fn $a() {} }; () => {} }
            macro_rules! consts { ($a:ident) => { const $a: u8 = 1; } }
            macro_rules! one { ($a:ident) => { fn $a() -> Result<(), E> { Ok(()) } } }
            one!({ nested });
            "#,
        );
        assert_eq!(
            defs.iter().map(|def| def.name.as_str()).collect::<Vec<_>>(),
            ["one"]
        );
        assert!(calls.is_empty());
    }

    #[test]
    fn two_different_definitions_of_a_name_leave_it_unread() {
        let (mut defs, calls) = defs_and_calls(
            r#"
            macro_rules! getter { ($a:ident) => { fn $a() -> Result<u8, E> { Ok(1) } } }
            getter!(first);
            "#,
        );
        let (other, _) = defs_and_calls(
            r#"macro_rules! getter { ($a:ident) => { fn $a() -> Result<u8, E> { Ok(2) } } }"#,
        );
        defs.extend(other);
        assert!(stamped_fns(&defs, &calls).is_empty());
    }
}
