//! The one parser of `#[onus(...)]`: the keys of every `#[onus(...)]` on one item into
//! [`Attrs`], reporting every malformed entry to the [`Ctxt`] and going on with the next.

use std::fmt;

use proc_macro2::{Span, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, LitBool, LitInt, LitStr, Token};

use crate::ctxt::{Ctxt, SpanRange};
use crate::status::{self, Status};
use crate::suggest::nearest;
use crate::{Class, Severity};

/// A key of `#[onus(...)]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    /// `class = business | system`.
    Class,
    /// `status = 409` or `status = CONFLICT`.
    Status,
    /// `severity = info`.
    Severity,
    /// `code = "..."`.
    Code,
    /// `retryable`, `retryable = false`.
    Retryable,
    /// `retry_after = 30`.
    RetryAfter,
    /// `public = "..."`.
    Public,
    /// `runbook = "..."`.
    Runbook,
    /// `sensitive`, `sensitive = false`.
    Sensitive,
    /// `reason = "..."`.
    Reason,
    /// `transparent`.
    Transparent,
    /// `via = path::to_fn`.
    Via,
}

impl Key {
    /// Every key, in the order the documentation lists them.
    pub const ALL: [Key; 12] = [
        Key::Class,
        Key::Status,
        Key::Severity,
        Key::Code,
        Key::Retryable,
        Key::RetryAfter,
        Key::Public,
        Key::Runbook,
        Key::Sensitive,
        Key::Reason,
        Key::Transparent,
        Key::Via,
    ];

    /// The key as written, e.g. `retry_after`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Key::Class => "class",
            Key::Status => "status",
            Key::Severity => "severity",
            Key::Code => "code",
            Key::Retryable => "retryable",
            Key::RetryAfter => "retry_after",
            Key::Public => "public",
            Key::Runbook => "runbook",
            Key::Sensitive => "sensitive",
            Key::Reason => "reason",
            Key::Transparent => "transparent",
            Key::Via => "via",
        }
    }

    /// The key of this name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.name() == name)
    }

    /// What the key looks like written out, for help lines.
    #[must_use]
    pub const fn example(self) -> &'static str {
        match self {
            Key::Class => "class = business",
            Key::Status => "status = 400",
            Key::Severity => "severity = info",
            Key::Code => "code = \"signup.invalid_email\"",
            Key::Retryable => "retryable",
            Key::RetryAfter => "retry_after = 30",
            Key::Public => "public = \"please try again later\"",
            Key::Runbook => "runbook = \"https://runbooks.example/store-down\"",
            Key::Sensitive => "sensitive",
            Key::Reason => "reason = \"...\"",
            Key::Transparent => "transparent",
            Key::Via => "via = db_failure",
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Words people reach for that mean one of our keys.
const KEY_ALIASES: [(&str, Key); 9] = [
    ("level", Key::Severity),
    ("log_level", Key::Severity),
    ("kind", Key::Class),
    ("category", Key::Class),
    ("status_code", Key::Status),
    ("http_status", Key::Status),
    ("retry", Key::Retryable),
    ("message", Key::Public),
    ("id", Key::Code),
];

/// One key as written: its value and the span of `key = value`.
#[derive(Debug)]
pub struct Setting<T> {
    /// The parsed value.
    pub value: T,
    /// From the key to the end of its value.
    pub span: SpanRange,
}

impl<T> Setting<T> {
    /// A setting whose `key = value` starts at `key_span` and ends with the last token parsed.
    fn ending_here(value: T, key_span: Span, input: ParseStream) -> Self {
        Setting {
            value,
            span: SpanRange::new(key_span, input.cursor().prev_span()),
        }
    }
}

/// The keys of every `#[onus(...)]` on one item (the type, or one variant). A key is `None`
/// when it is not written, or written with a malformed value (see [`Attrs::is_broken`]).
#[derive(Default, Debug)]
pub struct Attrs {
    /// `class = ...`.
    pub class: Option<Setting<Class>>,
    /// `status = ...`, an error status.
    pub status: Option<Setting<Status>>,
    /// `severity = ...`.
    pub severity: Option<Setting<Severity>>,
    /// `code = "..."`.
    pub code: Option<Setting<String>>,
    /// `retryable`, `retryable = true | false`.
    pub retryable: Option<Setting<bool>>,
    /// `retry_after = N`, whole seconds, at least 1.
    pub retry_after: Option<Setting<u64>>,
    /// `public = "..."`, not blank.
    pub public: Option<Setting<String>>,
    /// `runbook = "..."`, not blank.
    pub runbook: Option<Setting<String>>,
    /// `sensitive`, `sensitive = true | false`.
    pub sensitive: Option<Setting<bool>>,
    /// `reason = "..."`, not blank.
    pub reason: Option<Setting<String>>,
    /// `transparent`.
    pub transparent: Option<Setting<()>>,
    /// `via = path::to_fn`.
    pub via: Option<Setting<FunctionPath>>,
    /// Every key written, in order, including those whose value was malformed: a key with a
    /// malformed value counts as declared, so the mistake is reported once, not again as "missing".
    pub written: Vec<(Key, SpanRange)>,
    /// Keys that an unknown key was probably meant to be (`severty`): treated like a malformed
    /// value, so the typo is not reported again as a missing or contradicting key.
    suspected: Vec<Key>,
    /// Whether some `#[onus ...]` here could not be read at all (already reported); what it meant
    /// to declare is unknown, so nothing here is reported as missing.
    pub unreadable: bool,
}

impl Attrs {
    /// Whether the key was written here (even with a malformed value).
    #[must_use]
    pub fn has(&self, key: Key) -> bool {
        self.written.iter().any(|&(k, _)| k == key)
    }

    /// Whether the key was written here (or probably meant, by a misspelled key) but its value
    /// could not be used.
    #[must_use]
    pub fn is_broken(&self, key: Key) -> bool {
        (self.has(key) || self.suspected.contains(&key)) && !self.is_set(key)
    }

    fn is_set(&self, key: Key) -> bool {
        match key {
            Key::Class => self.class.is_some(),
            Key::Status => self.status.is_some(),
            Key::Severity => self.severity.is_some(),
            Key::Code => self.code.is_some(),
            Key::Retryable => self.retryable.is_some(),
            Key::RetryAfter => self.retry_after.is_some(),
            Key::Public => self.public.is_some(),
            Key::Runbook => self.runbook.is_some(),
            Key::Sensitive => self.sensitive.is_some(),
            Key::Reason => self.reason.is_some(),
            Key::Transparent => self.transparent.is_some(),
            Key::Via => self.via.is_some(),
        }
    }

    /// Parses every `#[onus(...)]` among `attrs`, reporting mistakes to `cx`.
    #[must_use]
    pub fn from_syn(attrs: &[Attribute], cx: &Ctxt) -> Attrs {
        let mut out = Attrs::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("onus")) {
            if attr.meta.require_list().is_err() {
                cx.error(
                    SpanRange::new(attr.pound_token.spans[0], attr.bracket_token.span.close()),
                    "expected `#[onus(...)]` with keys inside the parentheses",
                    "write the declaration as `#[onus(class = business, status = 400, severity = info)]`",
                );
                out.unreadable = true;
                continue;
            }
            let parsed = attr.parse_nested_meta(|meta| out.parse_entry(&meta, cx));
            if let Err(error) = parsed {
                out.unreadable = true;
                cx.push(error);
            }
        }
        out
    }

    /// Parses one `key = value`, reporting a mistake in it to `cx` and going on with the next
    /// key; an error returned here (the entry's tokens could not even be skipped) ends the
    /// attribute.
    fn parse_entry(&mut self, meta: &ParseNestedMeta, cx: &Ctxt) -> syn::Result<()> {
        let key_span = meta
            .path
            .segments
            .first()
            .map_or_else(Span::call_site, |s| s.ident.span());
        let name = meta.path.get_ident().map(Ident::to_string);
        let Some(key) = name.as_deref().and_then(Key::from_name) else {
            if let Some(meant) = report_unknown_key(meta, name.as_deref(), key_span, cx) {
                self.suspected.push(meant);
            }
            skip_value(meta.input)?;
            return Ok(());
        };
        if self.has(key) {
            let end = skip_value(meta.input)?.unwrap_or(key_span);
            cx.error(
                SpanRange::new(key_span, end),
                format_args!("duplicate `{key}` in `#[onus(...)]`"),
                format_args!(
                    "each key may be written once per item; remove this `{key}` or the earlier one"
                ),
            );
            return Ok(());
        }
        let parsed = self.parse_value(key, key_span, meta);
        let end = meta.input.cursor().prev_span();
        let span = SpanRange::new(key_span, end);
        self.written.push((key, span));
        match parsed {
            Ok(()) if at_entry_end(meta.input) => {}
            Ok(()) => {
                let start = meta.input.span();
                let end = skip_value(meta.input)?.unwrap_or(start);
                self.clear(key);
                cx.error(
                    SpanRange::new(start, end),
                    format_args!("unexpected tokens after the value of `{key}`"),
                    format_args!(
                        "separate keys with commas, e.g. `#[onus({})]`",
                        key.example()
                    ),
                );
            }
            Err(error) => {
                cx.push(error);
                skip_value(meta.input)?;
            }
        }
        Ok(())
    }

    /// Forgets a value found to be malformed after all; the key stays in `written`.
    fn clear(&mut self, key: Key) {
        match key {
            Key::Class => self.class = None,
            Key::Status => self.status = None,
            Key::Severity => self.severity = None,
            Key::Code => self.code = None,
            Key::Retryable => self.retryable = None,
            Key::RetryAfter => self.retry_after = None,
            Key::Public => self.public = None,
            Key::Runbook => self.runbook = None,
            Key::Sensitive => self.sensitive = None,
            Key::Reason => self.reason = None,
            Key::Transparent => self.transparent = None,
            Key::Via => self.via = None,
        }
    }

    fn parse_value(&mut self, key: Key, key_span: Span, meta: &ParseNestedMeta) -> syn::Result<()> {
        let input = meta.input;
        match key {
            Key::Class => {
                let value = parse_class(require_value(key, key_span, input)?)?;
                self.class = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Status => {
                let value = parse_status(require_value(key, key_span, input)?)?;
                self.status = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Severity => {
                let value = parse_severity(require_value(key, key_span, input)?)?;
                self.severity = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Code => {
                let value = parse_code(require_value(key, key_span, input)?)?;
                self.code = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Retryable => {
                let value = parse_flag(key, input)?;
                self.retryable = Some(Setting::ending_here(value, key_span, input));
            }
            Key::RetryAfter => {
                let value = parse_seconds(require_value(key, key_span, input)?)?;
                self.retry_after = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Public => {
                let value = parse_text(key, require_value(key, key_span, input)?)?;
                self.public = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Runbook => {
                let value = parse_text(key, require_value(key, key_span, input)?)?;
                self.runbook = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Sensitive => {
                let value = parse_flag(key, input)?;
                self.sensitive = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Reason => {
                let value = parse_text(key, require_value(key, key_span, input)?)?;
                self.reason = Some(Setting::ending_here(value, key_span, input));
            }
            Key::Transparent => {
                if input.peek(Token![=]) {
                    return Err(syn::Error::new(
                        input.span(),
                        "`transparent` takes no value\n\nhelp: write `#[onus(transparent)]`",
                    ));
                }
                self.transparent = Some(Setting::ending_here((), key_span, input));
            }
            Key::Via => {
                let value = parse_function(require_value(key, key_span, input)?)?;
                self.via = Some(Setting::ending_here(value, key_span, input));
            }
        }
        Ok(())
    }
}

/// The function of `via = path::to_fn`, as written.
#[derive(Clone)]
pub struct FunctionPath(pub syn::Path);

// syn's nodes are `Debug` only with its `extra-traits` feature, which the derive does not need.
impl fmt::Debug for FunctionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.0;
        write!(f, "FunctionPath({})", quote::quote!(#path))
    }
}

/// Reports an unknown key and returns the key it was probably meant to be.
fn report_unknown_key(
    meta: &ParseNestedMeta,
    name: Option<&str>,
    key_span: Span,
    cx: &Ctxt,
) -> Option<Key> {
    let end = meta
        .path
        .segments
        .last()
        .map_or(key_span, |s| s.ident.span());
    let at = SpanRange::new(key_span, end);
    let Some(name) = name else {
        cx.error(
            at,
            "expected a key of `#[onus(...)]`, found a path",
            valid_keys_help(),
        );
        return None;
    };
    let suggestion = nearest(name, Key::ALL.map(Key::name))
        .and_then(Key::from_name)
        .or_else(|| {
            KEY_ALIASES
                .iter()
                .find(|&&(alias, _)| alias == name)
                .map(|&(_, key)| key)
        });
    match suggestion {
        Some(key) => {
            // Show the fix with the user's own value: `severty = info` → `severity = info`.
            let value = peek_value(meta.input);
            let fixed = if value.is_empty() {
                key.name().to_owned()
            } else if let Some(rest) = value.strip_prefix('=') {
                format!("{key} ={rest}")
            } else {
                key.example().to_owned()
            };
            cx.error(
                at,
                format_args!("unknown key `{name}` in `#[onus(...)]`"),
                format_args!("did you mean `{fixed}`?"),
            );
        }
        None => cx.error(
            at,
            format_args!("unknown key `{name}` in `#[onus(...)]`"),
            valid_keys_help(),
        ),
    }
    suggestion
}

fn valid_keys_help() -> String {
    let keys: Vec<&str> = Key::ALL.iter().map(|key| key.name()).collect();
    format!("the keys are {}", keys.join(", "))
}

/// Consumes the rest of one entry (up to the next top-level comma) and returns the span of its
/// last token, so parsing can go on with the next key after a mistake.
fn skip_value(input: ParseStream) -> syn::Result<Option<Span>> {
    let mut last = None;
    while !at_entry_end(input) {
        last = Some(input.parse::<TokenTree>()?.span());
    }
    Ok(last)
}

/// The rest of the entry as written (up to the next top-level comma), without consuming it.
fn peek_value(input: ParseStream) -> String {
    let mut tokens = proc_macro2::TokenStream::new();
    let mut cursor = input.cursor();
    while let Some((token, next)) = cursor.token_tree() {
        if matches!(&token, TokenTree::Punct(punct) if punct.as_char() == ',') {
            break;
        }
        tokens.extend([token]);
        cursor = next;
    }
    tokens.to_string()
}

/// Whether a literal (possibly negative) comes next: a cheap test to make before syn's
/// `peek(LitStr)` and `peek(LitInt)`, which parse the token on a fork and build an error when it
/// is not one. In the unoptimized build a derive runs in, those failed peeks on every `class`,
/// `severity` and `status` value were a large part of the derive's own running time.
fn at_literal(input: ParseStream) -> bool {
    let cursor = match input.cursor().punct() {
        Some((punct, rest)) if punct.as_char() == '-' => rest,
        _ => input.cursor(),
    };
    cursor.literal().is_some()
}

fn at_entry_end(input: ParseStream) -> bool {
    input.is_empty() || input.peek(Token![,])
}

/// Consumes the `=` of `key = value`, with a message that shows the key's syntax if it is missing.
fn require_value<'a>(
    key: Key,
    key_span: Span,
    input: ParseStream<'a>,
) -> syn::Result<ParseStream<'a>> {
    if input.parse::<Token![=]>().is_err() {
        return Err(SpanRange::from(key_span).error(format_args!(
            "`{key}` needs a value\n\nhelp: write it as `{}`",
            key.example()
        )));
    }
    if at_entry_end(input) {
        return Err(SpanRange::from(key_span).error(format_args!(
            "`{key}` needs a value after `=`\n\nhelp: write it as `{}`",
            key.example()
        )));
    }
    Ok(input)
}

/// A bare word such as `business`; a quoted `"business"` gets a targeted message.
fn parse_word(input: ParseStream, key: Key, expected: &str) -> syn::Result<Ident> {
    if at_literal(input) && input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format_args!(
                "`{key}` takes a bare word, not a string\n\nhelp: write `{key} = {}` without quotes",
                lit.value()
            ),
        ));
    }
    // `r#system` is the word `system`.
    input
        .parse::<Ident>()
        .map(|ident| ident.unraw())
        .map_err(|error| {
            syn::Error::new(
                error.span(),
                format_args!(
                    "malformed `{key}`: expected {expected}\n\nhelp: e.g. `{}`",
                    key.example()
                ),
            )
        })
}

fn parse_class(input: ParseStream) -> syn::Result<Class> {
    let ident = parse_word(input, Key::Class, "`business` or `system`")?;
    let name = ident.to_string();
    Class::from_name(&name).ok_or_else(|| {
        syn::Error::new(
            ident.span(),
            format_args!(
                "unknown class `{name}`\n\nhelp: `class = business` (the caller's fault, 4xx) or `class = system` (ours, 5xx)"
            ),
        )
    })
}

fn parse_severity(input: ParseStream) -> syn::Result<Severity> {
    let ident = parse_word(input, Key::Severity, "a severity")?;
    let name = ident.to_string();
    if let Some(severity) = Severity::from_name(&name) {
        return Ok(severity);
    }
    let aliases = [
        ("warning", "warn"),
        ("err", "error"),
        ("critical", "fatal"),
        ("information", "info"),
    ];
    let suggestion = nearest(&name, Severity::ALL.map(Severity::as_str)).or_else(|| {
        aliases
            .iter()
            .find(|&&(alias, _)| alias == name)
            .map(|&(_, severity)| severity)
    });
    let help = match suggestion {
        Some(severity) => format!("did you mean `severity = {severity}`?"),
        None => "the severities are trace, debug, info, warn, error, fatal".to_owned(),
    };
    Err(syn::Error::new(
        ident.span(),
        format_args!("unknown severity `{name}`\n\nhelp: {help}"),
    ))
}

fn parse_status(input: ParseStream) -> syn::Result<Status> {
    if at_literal(input) && input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        // syn's own message is "number too large to fit in target type", at the same literal:
        // this one says more.
        let code = lit.base10_parse::<u16>().map_err(|_| {
            syn::Error::new(
                lit.span(),
                "malformed `status`: expected a three-digit HTTP status\n\nhelp: e.g. `status = 409` or `status = CONFLICT`",
            )
        })?;
        return checked_status(code, lit.span(), &lit.to_string());
    }
    if input.peek(Ident) {
        let path: syn::Path = input.parse()?;
        let Some(last) = path.segments.last() else {
            return Err(syn::Error::new(input.span(), "malformed `status`"));
        };
        let name = last.ident.unraw().to_string();
        let at = SpanRange::new(
            path.segments
                .first()
                .map_or(last.ident.span(), |s| s.ident.span()),
            last.ident.span(),
        );
        let Some(code) = status::code_of(&name) else {
            let help = match nearest(&name, status::error_names()) {
                Some(known) => format!("did you mean `status = {known}`?"),
                None => "use an `http::StatusCode` constant name such as `CONFLICT`, or a number such as `409`"
                    .to_owned(),
            };
            return Err(at.error(format_args!("unknown status name `{name}`\n\nhelp: {help}")));
        };
        return checked_status(code, at, &name);
    }
    let start = input.span();
    let end = skip_value(input)?.unwrap_or(start);
    Err(SpanRange::new(start, end).error(
        "malformed `status`: expected a number or an `http::StatusCode` constant name\n\nhelp: e.g. `status = 409` or `status = CONFLICT`",
    ))
}

fn checked_status(code: u16, at: impl Into<SpanRange>, written: &str) -> syn::Result<Status> {
    let Some(status) = Status::new(code) else {
        let shown = if written == code.to_string() {
            written.to_owned()
        } else {
            format!("{written} ({code})")
        };
        return Err(at.into().error(format_args!(
            "status {shown} is not an error status\n\nhelp: an error answers 4xx (the caller's fault) or 5xx (ours), e.g. `status = 400` or `status = 500`"
        )));
    };
    Ok(status)
}

fn parse_code(input: ParseStream) -> syn::Result<String> {
    let lit = parse_string(input, Key::Code)?;
    let value = lit.value();
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':' | '/'));
    if !valid {
        return Err(syn::Error::new(
            lit.span(),
            "malformed `code`: a code is a non-empty machine-readable name of ASCII letters, digits and `_` `.` `-` `:` `/`\n\nhelp: e.g. `code = \"signup.invalid_email\"`",
        ));
    }
    Ok(value)
}

fn parse_text(key: Key, input: ParseStream) -> syn::Result<String> {
    let lit = parse_string(input, key)?;
    let value = lit.value();
    if value.trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            format_args!(
                "`{key}` must not be empty\n\nhelp: e.g. `{}`",
                key.example()
            ),
        ));
    }
    if key == Key::Public
        && let Some(placeholder) = format_placeholder(&value)
    {
        return Err(syn::Error::new(
            lit.span(),
            format_args!(
                "`public` is sent as written, so `{placeholder}` would reach the client as is\n\nhelp: `public` cannot show fields: write the whole sentence the client may read (e.g. `{}`); a business error without `public` answers with its `Display`, fields included",
                key.example()
            ),
        ));
    }
    Ok(value)
}

/// The first `{..}` in `text` that reads like a `format!` placeholder (`{}`, `{0}`, `{name:?}`),
/// not like braces in prose or JSON.
fn format_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = after[..close].split(':').next().unwrap_or_default();
        if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(&rest[open..open + close + 2]);
        }
        rest = after;
    }
    None
}

fn parse_string(input: ParseStream, key: Key) -> syn::Result<LitStr> {
    if at_literal(input) && input.peek(LitStr) {
        return input.parse();
    }
    let start = input.span();
    let end = skip_value(input)?.unwrap_or(start);
    Err(SpanRange::new(start, end).error(format_args!(
        "malformed `{key}`: expected a string literal\n\nhelp: e.g. `{}`",
        key.example()
    )))
}

fn parse_flag(key: Key, input: ParseStream) -> syn::Result<bool> {
    if !input.peek(Token![=]) {
        return Ok(true);
    }
    input.parse::<Token![=]>()?;
    if input.peek(LitBool) {
        return Ok(input.parse::<LitBool>()?.value);
    }
    let start = input.span();
    let end = skip_value(input)?.unwrap_or(start);
    Err(SpanRange::new(start, end).error(format_args!(
        "malformed `{key}`: expected `true` or `false`\n\nhelp: write `{key}` or `{key} = false`"
    )))
}

/// A path to a function (`db_failure`, `crate::db::failure`, `DbFailure::of`); a string gets a
/// targeted message, a call (`db_failure(..)`) or a closure a general one.
fn parse_function(input: ParseStream) -> syn::Result<FunctionPath> {
    if at_literal(input) && input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format_args!(
                "`via` takes a path to a function, not a string\n\nhelp: write `via = {}` without quotes",
                lit.value()
            ),
        ));
    }
    let start = input.span();
    let path = input
        .call(syn::Path::parse_mod_style)
        .ok()
        .filter(|_| at_entry_end(input));
    match path {
        Some(path) => Ok(FunctionPath(path)),
        None => {
            let end = skip_value(input)?.unwrap_or(start);
            Err(SpanRange::new(start, end).error(
                "malformed `via`: expected the path of a function `fn(&Field) -> T` where `T: onus::Classified`\n\nhelp: name the function without calling it, e.g. `via = db_failure` or `via = crate::db::failure`",
            ))
        }
    }
}

fn parse_seconds(input: ParseStream) -> syn::Result<u64> {
    let malformed = |span: SpanRange| {
        span.error(
            "malformed `retry_after`: expected a whole number of seconds, at least 1\n\nhelp: e.g. `retry_after = 30`",
        )
    };
    if !(at_literal(input) && input.peek(LitInt)) {
        let start = input.span();
        let end = skip_value(input)?.unwrap_or(start);
        return Err(malformed(SpanRange::new(start, end)));
    }
    let lit: LitInt = input.parse()?;
    match lit.base10_parse::<u64>() {
        Ok(seconds) if seconds > 0 => Ok(seconds),
        _ => Err(malformed(lit.span().into())),
    }
}
