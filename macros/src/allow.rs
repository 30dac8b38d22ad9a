//! `#[onus::allow(rule, ..., reason = "...")]`: a marker the checker reads; the compiler only
//! checks its shape.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

/// The item unchanged, preceded by a `compile_error!` if the arguments are malformed.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    match parse_args.parse2(args) {
        Ok(()) => item,
        Err(error) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(item);
            tokens
        }
    }
}

const EXAMPLE: &str = "help: e.g. `#[onus::allow(swallowed_error, reason = \"the retry loop reports the last error\")]`";

fn parse_args(input: ParseStream) -> syn::Result<()> {
    if input.is_empty() {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format_args!("`#[onus::allow]` needs the rules to allow\n\n{EXAMPLE}"),
        ));
    }
    let mut rules = 0_usize;
    let mut reason: Option<LitStr> = None;
    loop {
        let ident: Ident = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                format_args!("expected a rule name or `reason = \"...\"` in `#[onus::allow(...)]`\n\n{EXAMPLE}"),
            )
        })?;
        if input.peek(Token![=]) {
            if ident != "reason" {
                return Err(syn::Error::new(
                    ident.span(),
                    format_args!(
                        "only `reason` takes a value in `#[onus::allow(...)]`, not `{ident}`\n\n{EXAMPLE}"
                    ),
                ));
            }
            input.parse::<Token![=]>()?;
            let text: LitStr = input.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    format_args!("`reason` takes a string literal\n\n{EXAMPLE}"),
                )
            })?;
            if reason.is_some() {
                return Err(syn::Error::new(
                    text.span(),
                    "duplicate `reason` in `#[onus::allow(...)]`\n\nhelp: give one reason",
                ));
            }
            if text.value().trim().is_empty() {
                return Err(syn::Error::new(
                    text.span(),
                    format_args!("`reason` must not be empty\n\n{EXAMPLE}"),
                ));
            }
            reason = Some(text);
        } else {
            rules += 1;
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>().map_err(|error| {
            syn::Error::new(
                error.span(),
                format_args!(
                    "expected `,` between the arguments of `#[onus::allow(...)]`\n\n{EXAMPLE}"
                ),
            )
        })?;
        if input.is_empty() {
            break;
        }
    }
    if rules == 0 {
        return Err(syn::Error::new(
            reason.map_or_else(proc_macro2::Span::call_site, |reason| reason.span()),
            format_args!("`#[onus::allow]` needs at least one rule to allow\n\n{EXAMPLE}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn accepts(args: TokenStream) -> bool {
        parse_args.parse2(args).is_ok()
    }

    #[test]
    fn accepts_rules_with_an_optional_reason() {
        assert!(accepts(quote!(swallowed_error)));
        assert!(accepts(quote!(swallowed_error, log_without_error,)));
        assert!(accepts(quote!(
            swallowed_error,
            reason = "the caller logs it"
        )));
        assert!(accepts(quote!(
            reason = "the caller logs it",
            swallowed_error
        )));
    }

    #[test]
    fn rejects_malformed_arguments() {
        assert!(!accepts(quote!()));
        assert!(!accepts(quote!(reason = "only a reason")));
        assert!(!accepts(quote!(swallowed_error, reason = "")));
        assert!(!accepts(quote!(swallowed_error, reason = 3)));
        assert!(!accepts(quote!(swallowed_error, level = "x")));
        assert!(!accepts(quote!("swallowed_error")));
        assert!(!accepts(quote!(a::b)));
        assert!(!accepts(quote!(a, reason = "x", reason = "y")));
    }
}
