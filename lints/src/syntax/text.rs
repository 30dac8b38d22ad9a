//! An error turned into text: `e.to_string()`, `format!("..: {e}")`, `format!("{e:?}")`, and
//! the same inside `json!({..})` or a wrapper such as `Json(..)`. Which names are errors is the
//! caller's to say (a bound `Err(e)`, a closure's parameter, a name that reads as an error).

use proc_macro2::{TokenStream, TokenTree};

use crate::finding::SpanRange;

use super::nodes::{macro_name, peel};

/// The text `expr` writes: a string literal, or the template a `format!(..)` starts with
/// (`format!("/proc/{pid}/stat")`, `&format!("programmer error: {command}")`).
pub(crate) fn written_text(expr: &syn::Expr) -> Option<String> {
    match peel(expr) {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        syn::Expr::Macro(format) if macro_name(&format.mac).as_deref() == Some("format") => {
            template(&format.mac).map(|text| text.value())
        }
        _ => None,
    }
}

/// The format string a formatting macro (`format!`, `panic!`) starts with.
pub(crate) fn template(mac: &syn::Macro) -> Option<syn::LitStr> {
    let first = mac.tokens.clone().into_iter().next()?;
    syn::parse2(first.into()).ok()
}

/// Where `expr` is the text of an error (one of the names `is_error` accepts), if it is:
/// `e.to_string()`, `format!(.. e ..)`, `json!({ .. e.to_string() .. })`, through `.into()`,
/// `.to_owned()` and calls that wrap it (`Json(..)`, `Body::from(..)`).
pub(crate) fn error_text(expr: &syn::Expr, is_error: &dyn Fn(&str) -> bool) -> Option<SpanRange> {
    match peel(expr) {
        syn::Expr::MethodCall(call) if call.method == "to_string" && call.args.is_empty() => {
            names_an_error(&call.receiver, is_error).then(|| SpanRange::of(expr))
        }
        syn::Expr::MethodCall(call)
            if matches!(call.method.to_string().as_str(), "into" | "to_owned") =>
        {
            error_text(&call.receiver, is_error)
        }
        syn::Expr::Macro(mac) => {
            let leaks = match macro_name(&mac.mac)?.as_str() {
                "format" => format_names_an_error(&mac.mac.tokens, is_error),
                "json" => tokens_hold_error_text(&mac.mac.tokens, is_error),
                _ => false,
            };
            leaks.then(|| SpanRange::of(expr))
        }
        syn::Expr::Call(call) => call.args.iter().find_map(|arg| error_text(arg, is_error)),
        _ => None,
    }
}

/// Whether a binding's name reads as an error: `e`, `err`, `error`, `*_err`, `*_error`
/// (`db_err`, `second_error`).
pub(crate) fn reads_as_an_error(name: &str) -> bool {
    matches!(name, "e" | "err" | "error") || name.ends_with("_err") || name.ends_with("_error")
}

/// A path that is one of the error names.
fn names_an_error(expr: &syn::Expr, is_error: &dyn Fn(&str) -> bool) -> bool {
    matches!(peel(expr), syn::Expr::Path(path)
        if path.path.get_ident().is_some_and(|ident| is_error(&ident.to_string())))
}

/// Whether a literal token, as written, is a string: `"{e}"`, or raw, `r"{e}"`, `r#"{e:#}"#`
/// (a format string's inline arguments are read in either).
pub(crate) fn is_string_literal(token: &str) -> bool {
    token.starts_with('"')
        || token
            .strip_prefix('r')
            .is_some_and(|raw| raw.trim_start_matches('#').starts_with('"'))
}

/// Whether a formatting macro's tokens format an error: as an argument (`"{}", e`) or inline
/// (`"{e}"`, `"{e:?}"`).
pub(crate) fn format_names_an_error(tokens: &TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => is_error(&ident.to_string()),
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            is_string_literal(&text)
                && text.match_indices('{').any(|(at, _)| {
                    let name: String = text[at + 1..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    !name.is_empty() && is_error(&name)
                })
        }
        TokenTree::Group(group) => format_names_an_error(&group.stream(), is_error),
        TokenTree::Punct(_) => false,
    })
}

/// Types that write an error with every cause below it (`InlineErrorChain::new(&e)`,
/// slog-error-chain's: "reading the key: permission denied"; display-error-chain's
/// `DisplayErrorChain`).
const CHAIN_WRITERS: &[&str] = &["InlineErrorChain", "DisplayErrorChain", "ErrorChain"];

/// Whether tokens write the error with its whole source chain (`format!("..: {}",
/// InlineErrorChain::new(&err))`): the text keeps every cause's message.
pub(crate) fn renders_its_chain(tokens: &TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(at, token)| match token {
        TokenTree::Ident(ident) if CHAIN_WRITERS.iter().any(|writer| ident == writer) => tokens
            [at + 1..]
            .iter()
            .take(4)
            .any(|token| matches!(token, TokenTree::Group(args) if format_names_an_error(&args.stream(), is_error))),
        TokenTree::Group(group) => renders_its_chain(&group.stream(), is_error),
        _ => false,
    })
}

/// Whether a formatting macro's tokens write the error only with `Debug` (`"..: {:?}", e`,
/// `"{e:?}"`, `"{err:#?}"`): a derived `Debug` nests each cause inside its variant, and anyhow's
/// and eyre's print the chain below their message, so the text keeps every cause. The error
/// written any other way as well (`{e}`, `e.to_string()`) writes only its own message.
pub(crate) fn writes_it_with_debug(tokens: &TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    writes_it_only_as(tokens, is_error, |spec| spec.contains('?'))
}

/// [`writes_it_with_debug`], or with the alternate `Display` (`"{e:#}"`), which for anyhow's and
/// eyre's reports writes each cause after the message: the text a report made of it keeps them.
pub(crate) fn writes_its_chain(tokens: &TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    writes_it_only_as(tokens, is_error, |spec| {
        spec.contains('?') || spec.contains('#')
    })
}

/// Whether a formatting macro's tokens write the error, and only with a spec `keeps` accepts.
fn writes_it_only_as(
    tokens: &TokenStream,
    is_error: &dyn Fn(&str) -> bool,
    keeps: fn(&str) -> bool,
) -> bool {
    let mut tokens = tokens.clone().into_iter();
    let Some(template) = tokens
        .next()
        .and_then(|first| syn::parse2::<syn::LitStr>(first.into()).ok())
    else {
        return false;
    };
    let arguments = format_arguments(tokens);
    let names_the_error = |argument: &[TokenTree]| match argument {
        [TokenTree::Ident(ident)] => is_error(&ident.to_string()),
        [TokenTree::Punct(amp), TokenTree::Ident(ident)] if amp.as_char() == '&' => {
            is_error(&ident.to_string())
        }
        _ => false,
    };
    // An argument that uses the error some other way (`e.to_string()`, `e.kind()`).
    if arguments.iter().any(|(_, value)| {
        !names_the_error(value) && format_names_an_error(&value.iter().cloned().collect(), is_error)
    }) {
        return false;
    }
    let positional: Vec<&[TokenTree]> = arguments
        .iter()
        .filter(|(name, _)| name.is_none())
        .map(|(_, value)| value.as_slice())
        .collect();
    let mut next_positional = 0;
    let mut writes_it = false;
    for (argument, spec) in placeholders(&template.value()) {
        let value = match argument.parse::<usize>() {
            _ if argument.is_empty() => {
                next_positional += 1;
                positional.get(next_positional - 1).copied()
            }
            Ok(index) => positional.get(index).copied(),
            Err(_) => arguments
                .iter()
                .find(|(name, _)| name.as_deref() == Some(argument.as_str()))
                .map(|(_, value)| value.as_slice()),
        };
        let is_the_error = match value {
            Some(value) => names_the_error(value),
            // Captured from the scope: `"{e:?}"`.
            None => is_error(&argument),
        };
        if is_the_error {
            if !keeps(&spec) {
                return false;
            }
            writes_it = true;
        }
    }
    writes_it
}

/// The arguments after a format string, split at the top-level commas: `name = value` answers
/// its name.
fn format_arguments(
    tokens: impl Iterator<Item = TokenTree>,
) -> Vec<(Option<String>, Vec<TokenTree>)> {
    let tokens: Vec<TokenTree> = tokens.collect();
    tokens
        .split(|token| matches!(token, TokenTree::Punct(comma) if comma.as_char() == ','))
        .filter(|argument| !argument.is_empty())
        .map(|argument| match argument {
            [TokenTree::Ident(name), TokenTree::Punct(equals), value @ ..]
                if equals.as_char() == '=' && equals.spacing() == proc_macro2::Spacing::Alone =>
            {
                (Some(name.to_string()), value.to_vec())
            }
            _ => (None, argument.to_vec()),
        })
        .collect()
}

/// The placeholders of a format string, each as what it writes (a name, an index, or empty for
/// the next argument) and its format spec: `"{} {e:?} {0:>8}"` → `("", "")`, `("e", "?")`,
/// `("0", ">8")`. `{{` is a brace, not a placeholder.
fn placeholders(template: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let inside = &rest[..close];
        let (argument, spec) = inside.split_once(':').unwrap_or((inside, ""));
        found.push((argument.trim().to_owned(), spec.to_owned()));
        rest = &rest[close + 1..];
    }
    found
}

/// Whether tokens hold an error's text: `e.to_string()`, or a nested `format!` of one.
fn tokens_hold_error_text(tokens: &TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(at, token)| match token {
        TokenTree::Ident(ident) if is_error(&ident.to_string()) => {
            matches!(tokens.get(at + 1), Some(TokenTree::Punct(dot)) if dot.as_char() == '.')
                && matches!(tokens.get(at + 2), Some(TokenTree::Ident(method)) if method == "to_string")
        }
        TokenTree::Ident(ident) if ident == "format" => {
            matches!(tokens.get(at + 2), Some(TokenTree::Group(group))
                if format_names_an_error(&group.stream(), is_error))
        }
        TokenTree::Group(group) => tokens_hold_error_text(&group.stream(), is_error),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debug_only(tokens: &str) -> bool {
        let tokens: TokenStream = tokens.parse().expect("the test's tokens parse");
        writes_it_with_debug(&tokens, &|name| name == "e")
    }

    #[test]
    fn the_error_written_only_with_debug() {
        for tokens in [
            r#""balance: {:?}", e"#,
            r#""tx({}) {:?}", name, e"#,
            r#""{e:?}""#,
            r#""{e:#?} at {{x}}""#,
            r#""{1:?} {0}", name, &e"#,
            r#""{err:?}", err = e"#,
        ] {
            assert!(debug_only(tokens), "{tokens}");
        }
        for tokens in [
            r#""balance: {}", e"#,
            r#""{e}""#,
            r#""{e:?} {e}""#,
            r#""{:?}", e.to_string()"#,
            r#""{:?} {}", e, e.kind()"#,
            r#""no error here""#,
            r#""{{e:?}}""#,
        ] {
            assert!(!debug_only(tokens), "{tokens}");
        }
    }

    #[test]
    fn string_literals_plain_and_raw() {
        for text in [r#""{e}""#, r#"r"{e}""#, r##"r#"{e:#}"#"##] {
            assert!(is_string_literal(text), "{text}");
        }
        for text in ["b\"{e}\"", "'e'", "42", "r"] {
            assert!(!is_string_literal(text), "{text}");
        }
    }
}
