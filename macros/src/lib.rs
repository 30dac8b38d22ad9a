//! Procedural macros for [onus](https://docs.rs/onus). Use them through the `onus` crate, which
//! re-exports them; generated code refers only to `::onus::__private`.

#![warn(missing_docs)]

// The derive is a pipeline: `onus_declare` parses `#[onus(...)]` into its model, checks the rules
// and resolves the defaults (the checker's catalog reads declarations with the same crate), then
// `expand` generates the impl, and `fallback` stands in for it when there were errors. (A plain
// comment: rustdoc cannot link the private modules.)

mod allow;
mod check;
mod expand;
mod fallback;
#[cfg(feature = "utoipa")]
mod openapi;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `onus::Classified`: every error declares whose onus it is, how it answers over HTTP
/// and how loudly it is logged.
///
/// ```ignore
/// #[derive(Debug, thiserror::Error, onus::Classify)]
/// #[onus(class = system, status = 500, severity = error)]      // defaults for every variant
/// pub enum SignupError {
///     #[error("email {0:?} is not a valid address")]
///     #[onus(class = business, status = 400, severity = info, code = "signup.invalid_email")]
///     InvalidEmail(String),
///     #[error("this email is already registered")]
///     #[onus(class = business, status = CONFLICT, severity = info)]
///     EmailTaken,
///     #[error("user store unavailable")]
///     #[onus(status = 503, retryable)]                             // class, severity from the defaults
///     Store(#[source] StoreError),
///     #[error(transparent)]
///     #[onus(transparent)]                                         // delegate to the wrapped error
///     Payment(#[from] PaymentError),
///     #[error("user database failed: {0}")]
///     #[onus(via = db_failure)]                                    // answer as `db_failure(&field)` does
///     Db(#[from] rusqlite::Error),
/// }
/// ```
///
/// # Keys
///
/// | key | value | |
/// |---|---|---|
/// | `class` | `business` \| `system` | required (or an enum default) |
/// | `status` | `400`..=`599`, or an `http::StatusCode` constant name such as `CONFLICT` | required (or an enum default) |
/// | `severity` | `trace` \| `debug` \| `info` \| `warn` \| `error` \| `fatal` | required (or an enum default) |
/// | `code` | `"signup.invalid_email"` | per variant; defaults to `snake_type.snake_variant` (a struct: `snake_type`) |
/// | `retryable` | flag, or `= false` | defaults to the status: 408, 429, 502, 503, 504 |
/// | `retry_after` | whole seconds | per variant, only on a retryable one |
/// | `public` | `"..."` | the client's text, sent as written (no `{placeholders}`); an enum default applies to system variants only |
/// | `runbook` | `"https://..."` | where an operator looks when this is logged |
/// | `sensitive` | flag, or `= false` | the `Display` text holds personal data; logs must not carry it verbatim |
/// | `reason` | `"..."` | explains a deliberate exception to a rule below (and nothing else) |
/// | `transparent` | flag | one-field variant (or struct): every answer comes from the field (from `E` for a `Box<E>` field) |
/// | `via` | a path to a `fn(&Field) -> T`, `T: Classified` | one-field variant (or struct): every answer comes from what the function returns for the field; the variant's own `Display` and `source()` stay |
///
/// On an enum, `#[onus(...)]` on the type gives defaults for every variant (except the
/// `transparent` and `via` ones); `code`, `retry_after`, `transparent` and `via` are per variant.
/// On a struct it is the declaration.
///
/// `via` is for a foreign error that cannot implement `Classified` (the orphan rule) and answers
/// differently by case: `rusqlite::Error::QueryReturnedNoRows` is a 404, every other database
/// error a 503. The function is a cheap `match` returning a small classified type
/// (`DbFailure { NotFound, Unavailable }`); it is called each time an answer is asked for.
///
/// # Rules
///
/// Each is a compile error pointing at the variant or key, and all of them are reported at once:
/// a variant lacking `class`, `status` or `severity`; an unknown, duplicate or malformed key; a
/// status outside 400..=599 or an unknown status name; `business` with a 5xx status, `system`
/// with a 4xx status, `system` below `warn`, `business` at `error` or `fatal` (each allowed with
/// `reason = "..."` on the same item; a `reason` that excuses nothing is an error too); a
/// `business` variant without `public` whose `#[error(...)]` shows its `#[source]`/`#[from]`
/// field or is `#[error(transparent)]` (its public message would be the source's text, usually
/// ours; also allowed with `reason`); a `public` text with a `{placeholder}`;
/// `transparent` or `via` without exactly one field or next to other keys; a `via` function that
/// does not take the field or does not return a `Classified` value; two variants with one code;
/// `retry_after` on a variant that is not retryable; the derive on a union.
#[proc_macro_derive(Classify, attributes(onus))]
pub fn derive_classify(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// `#[onus::allow(rule, ..., reason = "...")]`: silences the named rules of the onus checker on
/// the item, with an optional reason. The compiler leaves the item unchanged; only the shape of
/// the arguments is checked (rule names, then at most one `reason = "..."`).
///
/// ```ignore
/// #[onus::allow(swallowed_error, reason = "the retry loop reports the last error")]
/// fn poll() {}
/// ```
#[proc_macro_attribute]
pub fn allow(args: TokenStream, item: TokenStream) -> TokenStream {
    allow::expand(args.into(), item.into()).into()
}

/// `#[onus::check]`: runs the rules of `cargo onus check` on a `fn`, an `impl` block, a `trait` or
/// an inline `mod` as it compiles, and reports each finding at the offending code: a warning by
/// default, an error with `deny`. The item itself is left exactly as written.
///
/// ```ignore
/// #[onus::check(deny(swallowed_error), allow(unwrap_in_fallible))]
/// fn load(path: &str) -> std::io::Result<Config> { /* ... */ }
/// ```
///
/// Arguments go on top of the project's configuration (`onus.toml` or
/// `[workspace.metadata.onus]`, read as the CLI reads it): a bare `deny` or `warn` sets the level
/// of every rule the configuration does not turn off (default: the configuration's level, else
/// `warn`); `deny(rule, ..)`, `warn(rule, ..)` and `allow(rule, ..)` set single rules. Findings
/// are suppressed as for the CLI, with `#[onus::allow(rule, reason = "...")]` inside the item and,
/// when the compiler can name the item's source file, `// onus: allow(rule) — reason` comments.
///
/// Calls and types are resolved with the item's own declarations, those of the package it is
/// compiled in (every `.rs` file under `src/`, read when a finding depends on them, once per
/// compiler process) and the built-in table of fallible APIs. `cargo onus check` also sees the
/// other packages of the workspace and their tests.
#[proc_macro_attribute]
pub fn check(args: TokenStream, item: TokenStream) -> TokenStream {
    check::entry(args, item).into()
}
