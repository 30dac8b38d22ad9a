//! Findings as compiler diagnostics, placed at the offending code.
//!
//! Stable Rust has no warning API for proc macros. A warning is a use of a `#[deprecated]` item
//! whose note is the finding: a `macro_rules!` macro named after the rule, invoked through a
//! module named `onus`, because rustc names a deprecated macro by the path the invocation wrote.
//! The invocation's path runs from the finding's first token to its last, so the warning reads
//!
//! ```text
//! warning: use of deprecated macro `onus::swallowed_error`: this `Err(_)` arm ...
//! ```
//!
//! and underlines exactly the offending code. A denied finding is a `compile_error!` spanned
//! the same way.

use onus_declare::ctxt::Ctxt;
use onus_lints::{Config, Finding, Level, SpanRange, rules};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Adds a warning to `out`, or an error to `cx`, for each finding at the level `config` gives
/// its rule.
pub(crate) fn findings(findings: &[Finding], config: &Config, out: &mut TokenStream, cx: &Ctxt) {
    for finding in findings {
        let level = rules::find(finding.rule).map_or(Level::Warn, |rule| rule.level(config));
        match level {
            Level::Allow => {}
            Level::Warn => out.extend(warning(finding)),
            Level::Deny => cx.push(finding.span.error(format_args!(
                "`onus::{}`: {}",
                finding.rule,
                details(finding)
            ))),
        }
    }
}

/// The warning that the item was not checked: it nests too deeply from `span` on. A warning
/// whatever the levels: the compiler accepts the code, and `cargo onus check` reports the file
/// as a `parse_error`.
pub(crate) fn too_deep(span: Span) -> TokenStream {
    warning(&Finding {
        rule: rules::PARSE_ERROR,
        span: SpanRange::single(span),
        message: onus_lints::parse::TOO_DEEP.to_owned(),
        help: Some(
            "split the nested code into smaller functions; `#[onus::check]` did not check this item"
                .to_owned(),
        ),
        labels: Vec::new(),
        suggestion: None,
    })
}

/// `const _: &[u8] = include_bytes!("<file>");`: the compiler then lists `file` among the
/// crate's sources, and cargo rebuilds the crate (rerunning the attribute) when the file changes.
/// A proc macro has no stable way to say it read a file; the bytes themselves are unused.
pub(crate) fn watch(file: &std::path::Path) -> TokenStream {
    // A path that is not UTF-8 cannot be written as a string literal: not watched.
    let Some(path) = file.to_str().filter(|_| file.is_file()) else {
        return TokenStream::new();
    };
    let path = syn::LitStr::new(path, Span::call_site());
    quote! {
        const _: &[u8] = ::core::include_bytes!(#path);
    }
}

/// The message, then a `help:` line and a `note:` line per label, as rustc lays out its own.
fn details(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\n\nhelp: ");
        text.push_str(help);
    }
    for (_, label) in &finding.labels {
        text.push_str("\nnote: ");
        text.push_str(label);
    }
    text
}

/// `const _: () = { mod onus { #[deprecated] macro_rules! rule .. } onus::rule!(); };`
fn warning(finding: &Finding) -> TokenStream {
    // The invocation takes the finding's own spans, hygiene included: with the attribute's
    // call-site hygiene, rustc would add "in this attribute macro expansion" to every warning.
    // Item paths ignore `macro_rules!` hygiene, so the path still finds the module beside it.
    let module = Ident::new("onus", finding.span.start);
    let rule_at_finding = Ident::new(finding.rule, finding.span.end);
    // The macro's own name takes the proc macro's edition: in an edition 2015 crate, a `use` of
    // a call-site name would be a path from the crate root.
    let rule = Ident::new(finding.rule, Span::mixed_site());
    let note = details(finding);
    quote! {
        const _: () = {
            mod onus {
                #[deprecated(note = #note)]
                macro_rules! #rule {
                    () => {};
                }
                // The re-export is not the finding; only the invocation below is.
                #[allow(deprecated)]
                pub(crate) use #rule;
            }
            #module::#rule_at_finding!();
        };
    }
}
