//! The rules: every variant declares class, status and severity, they agree with each other
//! (or a `reason` says why not), codes are unique within the type, and `transparent` and `via`
//! each wrap one field and declare nothing else.
//!
//! Checking also resolves the enum's defaults into one complete [`Decl`] per variant: the
//! derive expands it, the catalog lists it.

use std::collections::BTreeMap;

use proc_macro2::Ident;
use syn::Attribute;

use crate::ast::{Enum, Field, Input, Struct, Variant};
use crate::attr::{Attrs, FunctionPath, Key, Setting};
use crate::code::default_code;
use crate::ctxt::{Ctxt, Part, SpanRange};
use crate::display::shown_source;
use crate::status::Status;
use crate::{Class, Severity};

/// How a variant (or struct) answers every method of `Classified`.
#[derive(Debug)]
pub enum Answer<'a> {
    /// Its own declaration, defaults applied.
    Declared(Decl),
    /// `#[onus(transparent)]`: everything comes from this field.
    Transparent(&'a Field<'a>),
    /// `#[onus(via = path::to_fn)]`: everything comes from what the function returns for this
    /// field.
    Via(&'a Field<'a>, &'a FunctionPath),
}

/// A complete declaration, the enum's defaults applied.
#[derive(PartialEq, Eq, Debug, Clone)]
pub struct Decl {
    /// Whose onus.
    pub class: Class,
    /// The HTTP status.
    pub status: Status,
    /// How loudly it is logged.
    pub severity: Severity,
    /// The declared code, or the default one.
    pub code: String,
    /// Declared (here or as the enum's default), or the status's default.
    pub retryable: bool,
    /// `retry_after = N`, only on a retryable variant.
    pub retry_after: Option<u64>,
    /// The `public = "..."` text (a system variant also inherits the enum's); without one,
    /// `public_message()` is the class's default (a business error's own `Display`, a system
    /// error's generic text).
    pub public: Option<String>,
    /// The runbook, declared here or as the enum's default.
    pub runbook: Option<String>,
    /// Declared here or as the enum's default; `false` otherwise.
    pub sensitive: bool,
}

/// Checks the whole input and resolves one [`Answer`] per variant (one for a struct), in
/// declaration order. Every mistake is reported to `cx`, against the variant it is about; a
/// variant whose answer could not be resolved is `None` (and its mistake was reported).
///
/// An answer can be resolved although something about it was reported (a contradiction without
/// `reason`, a duplicate code): the derive rejects the type when [`Ctxt::check`] fails, and a
/// lenient reader keeps only the variants that [`Ctxt::into_faults`] calls sound.
#[must_use]
pub fn check<'a>(input: &'a Input<'a>, cx: &Ctxt) -> Vec<Option<Answer<'a>>> {
    match input {
        Input::Enum(input) => check_enum(input, cx),
        Input::Struct(input) => vec![check_struct(input, cx)],
    }
}

/// One place that declares: a variant (with the enum's defaults) or a struct.
struct Site<'s> {
    /// `SignupError::InvalidEmail`, or `StoreFailure` for a struct.
    display_name: String,
    default_code: String,
    ident: &'s Ident,
    own: &'s Attrs,
    defaults: Option<&'s Attrs>,
    fields: &'s [Field<'s>],
    /// The item's own attributes (thiserror's `#[error(...)]` among them), and the enum's.
    syn_attrs: &'s [Attribute],
    inherited_syn_attrs: &'s [Attribute],
}

fn check_enum<'a>(input: &'a Enum<'a>, cx: &Ctxt) -> Vec<Option<Answer<'a>>> {
    let type_ident = &input.original.ident;
    cx.within(Part::Container, || check_enum_defaults(input, cx));
    let type_name = type_ident.to_string();
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut answers = Vec::with_capacity(input.variants.len());
    for ((index, variant), repeated) in input.variants.iter().enumerate().zip(repeated_names(input))
    {
        let answer = cx.within(Part::Variant(index), || {
            check_variant(input, variant, &type_name, repeated, &mut codes, cx)
        });
        answers.push(answer);
    }
    answers
}

/// Whether two variants share a name. The compiler reports it (E0428); the derive then emits no
/// `match` over the variants, whose errors would only repeat it.
#[must_use]
pub fn repeats_a_variant_name(input: &Enum) -> bool {
    repeated_names(input).into_iter().any(|repeated| repeated)
}

/// For each variant, whether an earlier variant has its name.
fn repeated_names(input: &Enum) -> Vec<bool> {
    let mut names = std::collections::BTreeSet::new();
    input
        .variants
        .iter()
        .map(|variant| !names.insert(&variant.original.ident))
        .collect()
}

/// One variant: its declaration with the enum's defaults, and its code against the earlier
/// variants' codes (unless its name repeats an earlier variant's: the compiler's error says so).
fn check_variant<'a>(
    input: &'a Enum<'a>,
    variant: &'a Variant<'a>,
    type_name: &str,
    repeated: bool,
    codes: &mut BTreeMap<String, String>,
    cx: &Ctxt,
) -> Option<Answer<'a>> {
    let site = Site {
        display_name: format!("{}::{}", input.original.ident, variant.original.ident),
        default_code: default_code(type_name, Some(&variant.original.ident.to_string())),
        ident: &variant.original.ident,
        own: &variant.attrs,
        defaults: Some(&input.attrs),
        fields: &variant.fields,
        syn_attrs: &variant.original.attrs,
        inherited_syn_attrs: &input.original.attrs,
    };
    let answer = check_site(&site, cx);
    // Checked even when the rest of the declaration is broken, so one mistake does not hide
    // another; a transparent variant's code is its field's, a `via` variant's its function's.
    let delegates = variant.attrs.transparent.is_some() || variant.attrs.via.is_some();
    if !delegates && !variant.attrs.is_broken(Key::Code) && !repeated {
        let code = variant
            .attrs
            .code
            .as_ref()
            .map_or(&site.default_code, |code| &code.value);
        check_unique_code(variant, &site, code, codes, cx);
    }
    answer
}

fn check_struct<'a>(input: &'a Struct<'a>, cx: &Ctxt) -> Option<Answer<'a>> {
    let ident = &input.original.ident;
    let site = Site {
        display_name: ident.to_string(),
        default_code: default_code(&ident.to_string(), None),
        ident,
        own: &input.attrs,
        defaults: None,
        fields: &input.fields,
        syn_attrs: &input.original.attrs,
        inherited_syn_attrs: &[],
    };
    check_site(&site, cx)
}

/// The enum-level `#[onus(...)]` holds defaults: no per-variant keys, and no contradiction
/// among the defaults themselves (reported once here, not once per variant that inherits it).
fn check_enum_defaults(input: &Enum, cx: &Ctxt) {
    let attrs = &input.attrs;
    if let Some(code) = &attrs.code {
        cx.error(
            code.span,
            "`code` names one variant, so it cannot be a default on the enum",
            "move `code = \"...\"` to the variant it names; a variant without one gets `type_name.variant_name`",
        );
    }
    if let Some(transparent) = &attrs.transparent {
        cx.error(
            transparent.span,
            "`transparent` goes on a variant (or on a struct), not on an enum",
            "put `#[onus(transparent)]` on each single-field variant that wraps a `Classified` error",
        );
    }
    if let Some(via) = &attrs.via {
        cx.error(
            via.span,
            "`via` goes on a variant (or on a struct), not on an enum",
            "put `#[onus(via = ...)]` on each single-field variant whose field the function classifies",
        );
    }
    if let Some(retry_after) = &attrs.retry_after {
        cx.error(
            retry_after.span,
            "`retry_after` is declared per variant, not as a default on the enum",
            "move `retry_after = ...` to each retryable variant",
        );
    }
    let class = attrs.class.as_ref().map(Origin::Own);
    let status = attrs.status.as_ref().map(Origin::Own);
    let severity = attrs.severity.as_ref().map(Origin::Own);
    let name = format!("`{}` (the enum's defaults)", input.original.ident);
    let contradictions = contradictions(&name, class, status, severity);
    check_reason(attrs, &name, contradictions, cx);
}

fn check_site<'a>(site: &Site<'a>, cx: &Ctxt) -> Option<Answer<'a>> {
    if let Some(transparent) = &site.own.transparent {
        return check_transparent(site, transparent, cx);
    }
    if let Some(via) = &site.own.via {
        return check_via(site, via, cx);
    }
    // A malformed `transparent` or `via` was reported; what the site meant to declare is
    // unknown, so nothing is reported as missing.
    if site.own.is_broken(Key::Transparent) || site.own.is_broken(Key::Via) {
        return None;
    }
    let class = Found::resolve(site, Key::Class, |attrs| attrs.class.as_ref());
    let status = Found::resolve(site, Key::Status, |attrs| attrs.status.as_ref());
    let severity = Found::resolve(site, Key::Severity, |attrs| attrs.severity.as_ref());
    let missing: Vec<Key> = [
        (Key::Class, class.is_missing()),
        (Key::Status, status.is_missing()),
        (Key::Severity, severity.is_missing()),
    ]
    .into_iter()
    .filter_map(|(key, missing)| missing.then_some(key))
    .collect();
    let unreadable = site.own.unreadable || site.defaults.is_some_and(|d| d.unreadable);
    if !missing.is_empty() && !unreadable {
        report_missing(site, &missing, class.value(), status.value(), cx);
    }

    let name = format!("`{}`", site.display_name);
    let mut contradictions =
        contradictions(&name, class.origin(), status.origin(), severity.origin());
    if class.value() == Some(&Class::Business) && site.own.public.is_none() {
        contradictions.extend(source_shown_to_the_caller(site, &name));
    }
    check_reason(site.own, &name, contradictions, cx);

    let (Found::Known(class), Found::Known(status), Found::Known(severity)) =
        (class, status, severity)
    else {
        return None;
    };
    let (class, status, severity) = (
        class.setting().value,
        status.setting().value,
        severity.setting().value,
    );

    let declared_retryable = site
        .own
        .retryable
        .as_ref()
        .or_else(|| site.defaults.and_then(|d| d.retryable.as_ref()));
    let retryable =
        declared_retryable.map_or_else(|| status.is_retryable(), |setting| setting.value);
    if let Some(retry_after) = &site.own.retry_after
        && !retryable
    {
        let why = match declared_retryable {
            Some(_) => {
                "it is declared `retryable = false`; remove `retry_after`, or `retryable = false`"
                    .to_owned()
            }
            None => format!(
                "status {} is not retryable by default; add `retryable` if the same request may succeed later, or remove `retry_after`",
                status.code()
            ),
        };
        cx.error(
            retry_after.span,
            format_args!(
                "`retry_after` on `{}`, which is not retryable",
                site.display_name
            ),
            why,
        );
        return None;
    }

    let public = match (&site.own.public, class) {
        (Some(public), _) => Some(public.value.clone()),
        // A default `public` text is meant for the system variants; a business variant's own
        // Display already tells the caller what to fix.
        (None, Class::Business) => None,
        (None, Class::System) => site
            .defaults
            .and_then(|d| d.public.as_ref())
            .map(|public| public.value.clone()),
    };
    let inherited = |get: fn(&Attrs) -> Option<&Setting<String>>| {
        get(site.own)
            .or_else(|| site.defaults.and_then(get))
            .map(|s| s.value.clone())
    };
    let sensitive = site
        .own
        .sensitive
        .as_ref()
        .or_else(|| site.defaults.and_then(|d| d.sensitive.as_ref()))
        .is_some_and(|s| s.value);
    Some(Answer::Declared(Decl {
        class,
        status,
        severity,
        code: site
            .own
            .code
            .as_ref()
            .map_or_else(|| site.default_code.clone(), |code| code.value.clone()),
        retryable,
        retry_after: site.own.retry_after.as_ref().map(|s| s.value),
        public,
        runbook: inherited(|attrs| attrs.runbook.as_ref()),
        sensitive,
    }))
}

fn check_transparent<'a>(
    site: &Site<'a>,
    transparent: &Setting<()>,
    cx: &Ctxt,
) -> Option<Answer<'a>> {
    let alone = check_alone(site, Key::Transparent, cx);
    let field = check_one_field(
        site,
        Key::Transparent,
        transparent.span,
        "`transparent` delegates to the one wrapped `Classified` error, as in `#[onus(transparent)] Payment(#[from] PaymentError)`; otherwise declare class, status and severity",
        cx,
    )?;
    alone.then_some(Answer::Transparent(field))
}

fn check_via<'a>(site: &Site<'a>, via: &'a Setting<FunctionPath>, cx: &Ctxt) -> Option<Answer<'a>> {
    let alone = check_alone(site, Key::Via, cx);
    let field = check_one_field(
        site,
        Key::Via,
        via.span,
        "`via` classifies the one wrapped error with a function of it, as in `#[onus(via = db_failure)] Db(#[from] rusqlite::Error)`; otherwise declare class, status and severity",
        cx,
    )?;
    alone.then_some(Answer::Via(field, &via.value))
}

/// Reports every other key written next to `delegation` (`transparent` or `via`), which takes
/// every answer from elsewhere; whether there was none.
fn check_alone(site: &Site, delegation: Key, cx: &Ctxt) -> bool {
    let mut alone = true;
    for &(key, span) in &site.own.written {
        if key == delegation {
            continue;
        }
        alone = false;
        let help = match (delegation, key) {
            (Key::Transparent, Key::Via) | (Key::Via, Key::Transparent) => {
                "`transparent` answers as the wrapped error, `via` as what a function of it returns; keep one".to_owned()
            }
            (Key::Via, _) => format!(
                "`via` takes every answer from what its function returns; remove `{key}` (declare it on the type the function returns), or remove `via` and declare class, status and severity"
            ),
            _ => format!(
                "`transparent` takes every answer from the wrapped error; remove `{key}`, or remove `transparent` and declare class, status and severity"
            ),
        };
        cx.error(
            span,
            format_args!("`{key}` cannot be combined with `{delegation}`"),
            help,
        );
    }
    alone
}

/// The one field that `delegation` (`transparent` or `via`, written at `at`) wraps; a site with
/// none or several is reported.
fn check_one_field<'a>(
    site: &Site<'a>,
    delegation: Key,
    at: SpanRange,
    help: &str,
    cx: &Ctxt,
) -> Option<&'a Field<'a>> {
    match site.fields {
        [field] => Some(field),
        fields => {
            cx.error(
                at,
                format_args!(
                    "`{delegation}` needs exactly one field, but `{}` has {}",
                    site.display_name,
                    fields.len()
                ),
                help,
            );
            None
        }
    }
}

/// Where a key's value came from.
enum Origin<'s, T> {
    /// Written on this variant (or struct).
    Own(&'s Setting<T>),
    /// Inherited from the enum's defaults.
    Default(&'s Setting<T>),
}

// Manual impls: a derive would require `T: Copy`, but only references are copied.
impl<T> Clone for Origin<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Origin<'_, T> {}

impl<'s, T> Origin<'s, T> {
    fn setting(self) -> &'s Setting<T> {
        match self {
            Origin::Own(setting) | Origin::Default(setting) => setting,
        }
    }
}

enum Found<'s, T> {
    Known(Origin<'s, T>),
    /// Written with a malformed value, already reported.
    Broken,
    Missing,
}

impl<'s, T> Found<'s, T> {
    fn resolve(
        site: &Site<'s>,
        key: Key,
        get: impl Fn(&'s Attrs) -> Option<&'s Setting<T>>,
    ) -> Self {
        if let Some(setting) = get(site.own) {
            return Found::Known(Origin::Own(setting));
        }
        if site.own.is_broken(key) {
            return Found::Broken;
        }
        match site.defaults {
            Some(defaults) if defaults.is_broken(key) => Found::Broken,
            Some(defaults) => get(defaults).map_or(Found::Missing, |setting| {
                Found::Known(Origin::Default(setting))
            }),
            None => Found::Missing,
        }
    }

    fn is_missing(&self) -> bool {
        matches!(self, Found::Missing)
    }

    fn origin(&self) -> Option<Origin<'s, T>> {
        match self {
            Found::Known(origin) => Some(*origin),
            Found::Broken | Found::Missing => None,
        }
    }

    fn value(&self) -> Option<&'s T> {
        self.origin().map(|origin| &origin.setting().value)
    }
}

fn report_missing(
    site: &Site,
    missing: &[Key],
    class: Option<&Class>,
    status: Option<&Status>,
    cx: &Ctxt,
) {
    let names: Vec<String> = missing.iter().map(|key| format!("`{key}`")).collect();
    let list = match names.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => return,
    };
    let message = format!("`{}` does not declare its {list}", site.display_name);
    let class = class
        .copied()
        .or_else(|| status.map(|status| status.class()));
    let Some(class) = class else {
        let keys_of = |class: Class| {
            missing
                .iter()
                .map(|&key| example_value(key, class))
                .collect::<Vec<_>>()
                .join(", ")
        };
        cx.error(
            site.ident.span(),
            message,
            format_args!(
                "add `#[onus({})]` if the caller is at fault, or `#[onus({})]` if we are",
                keys_of(Class::Business),
                keys_of(Class::System)
            ),
        );
        return;
    };
    let keys: Vec<String> = missing
        .iter()
        .map(|&key| example_value(key, class))
        .collect();
    let keys = keys.join(", ");
    let enum_hint = if site.defaults.is_some() {
        ", or set it as a default in `#[onus(...)]` on the enum"
    } else {
        ""
    };
    let help = if site.own.written.is_empty() {
        format!("add `#[onus({keys})]`{enum_hint}")
    } else {
        format!("add `{keys}` to its `#[onus(...)]`{enum_hint}")
    };
    cx.error(site.ident.span(), message, help);
}

/// `class = system`, `status = 500`, `severity = error`: a typical value for `class`.
fn example_value(key: Key, class: Class) -> String {
    let value = match (key, class) {
        (Key::Class, class) => class.as_str(),
        (Key::Status, Class::Business) => "400",
        (Key::Status, Class::System) => "500",
        (Key::Severity, Class::Business) => "info",
        (Key::Severity, Class::System) => "error",
        (key, _) => return key.example().to_owned(),
    };
    format!("{key} = {value}")
}

/// A declaration that contradicts itself, unless `reason = "..."` explains it.
struct Contradiction {
    blame: SpanRange,
    message: String,
    help: &'static str,
}

const REASON_HELP: &str = "if this is a deliberate exception, explain it with `reason = \"...\"`";

/// The contradictions among class, status and severity. One that only involves inherited
/// defaults is the enum's to report, not each variant's.
fn contradictions(
    name: &str,
    class: Option<Origin<Class>>,
    status: Option<Origin<Status>>,
    severity: Option<Origin<Severity>>,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    let Some(class) = class else {
        return found;
    };
    // Blame the first of the settings written here: the one the user is looking at.
    let blame = |first: Option<SpanRange>, second: Option<SpanRange>| first.or(second);
    let own_span = |span: SpanRange, own: bool| own.then_some(span);
    let class_own = own_span(class.setting().span, matches!(class, Origin::Own(_)));
    if let Some(status) = status {
        let status_own = own_span(status.setting().span, matches!(status, Origin::Own(_)));
        let code = status.setting().value.code();
        let (contradicts, message, help) = match (
            class.setting().value,
            status.setting().value.class(),
        ) {
            (Class::Business, Class::System) => (
                true,
                format!("business error {name} answers with status {code}, a server error"),
                "a business error is the caller's fault and answers 4xx: use a 4xx status, or `class = system`",
            ),
            (Class::System, Class::Business) => (
                true,
                format!("system error {name} answers with status {code}, a client error"),
                "a system error is our fault and answers 5xx: use a 5xx status, or `class = business`",
            ),
            _ => (false, String::new(), ""),
        };
        if contradicts && let Some(blame) = blame(status_own, class_own) {
            found.push(Contradiction {
                blame,
                message,
                help,
            });
        }
    }
    if let Some(severity) = severity {
        let severity_own = own_span(severity.setting().span, matches!(severity, Origin::Own(_)));
        let level = severity.setting().value;
        let contradiction = match class.setting().value {
            Class::System if level < Severity::Warn => Some((
                format!(
                    "system error {name} is logged at `{}`, below `warn`",
                    level.as_str()
                ),
                "operators would never see it: use `severity = warn` or higher",
            )),
            Class::Business if level >= Severity::Error => Some((
                format!("business error {name} is logged at `{}`", level.as_str()),
                "a business error is normal traffic and would drown real alerts: use `severity = info` or `severity = warn`",
            )),
            _ => None,
        };
        if let Some((message, help)) = contradiction
            && let Some(blame) = blame(severity_own, class_own)
        {
            found.push(Contradiction {
                blame,
                message,
                help,
            });
        }
    }
    found
}

/// A business error's public message is its `Display`: a source shown there hands the text of
/// another error, typically ours, to the caller.
fn source_shown_to_the_caller(site: &Site, name: &str) -> Option<Contradiction> {
    let shown = shown_source(site.syn_attrs, site.inherited_syn_attrs, site.fields)?;
    let ty = &shown.field.original.ty;
    Some(Contradiction {
        blame: shown.at,
        message: format!(
            "business error {name} shows the text of its source `{}` to the caller",
            quote::quote!(#ty).to_string().replace(' ', "")
        ),
        help: "a business error's public message is its `Display`, and a source's text is usually ours (a path, a query, an address): keep the source out of `#[error(...)]` (the log still shows it as the cause), set `public = \"...\"`, or use `#[onus(transparent)]` if the source answers for itself",
    })
}

/// Reports each contradiction unless the item's own `reason` explains it; reports a `reason`
/// that explains nothing, so a stale override does not linger.
fn check_reason(attrs: &Attrs, name: &str, contradictions: Vec<Contradiction>, cx: &Ctxt) {
    match &attrs.reason {
        Some(reason) if contradictions.is_empty() => cx.error(
            reason.span,
            format_args!("`reason` on {name} explains no exception"),
            "`reason` only overrides a contradiction (business with 5xx, system with 4xx, system below warn, business at error or fatal, business showing its source's text); remove it",
        ),
        Some(_) => {}
        None if attrs.is_broken(Key::Reason) => {}
        None => {
            for contradiction in contradictions {
                cx.error(contradiction.blame, contradiction.message, format_args!("{}; {REASON_HELP}", contradiction.help));
            }
        }
    }
}

fn check_unique_code(
    variant: &Variant,
    site: &Site,
    code: &str,
    codes: &mut BTreeMap<String, String>,
    cx: &Ctxt,
) {
    if let Some(first) = codes.get(code) {
        let whose = if variant.attrs.code.is_some() {
            ""
        } else {
            " (its default code)"
        };
        let at = variant.attrs.code.as_ref().map_or_else(
            || SpanRange::from(variant.original.ident.span()),
            |code| code.span,
        );
        cx.error(
            at,
            format_args!(
                "code `{code}` of `{}`{whose} is already used by {first}",
                site.display_name
            ),
            "a code identifies one case; give one of them its own `code = \"...\"`",
        );
    } else {
        let first = if variant.attrs.code.is_some() {
            format!("`{}`", site.display_name)
        } else {
            format!("`{}` (its default code)", site.display_name)
        };
        codes.insert(code.to_owned(), first);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctxt::Faults;

    /// The first line of every error `cx` collected (its message, without the help).
    fn first_lines(cx: Ctxt) -> Vec<String> {
        cx.check().err().map_or_else(Vec::new, |errors| {
            errors
                .into_iter()
                .map(|error| {
                    let text = error.to_string();
                    text.lines().next().unwrap_or_default().to_owned()
                })
                .collect()
        })
    }

    /// The checks' answers and which parts had errors, plus every message (one line each).
    fn checked(input: &syn::DeriveInput) -> (Vec<bool>, Faults, Vec<String>) {
        let cx = Ctxt::new();
        let model = Input::from_syn(input, &cx);
        let resolved = model
            .as_ref()
            .map(|model| check(model, &cx).iter().map(Option::is_some).collect())
            .unwrap_or_default();
        let faults = cx.into_faults();
        // A second pass, only for the messages: the first one's context is consumed.
        let cx = Ctxt::new();
        if let Some(model) = Input::from_syn(input, &cx) {
            let _ = check(&model, &cx);
        }
        let messages = first_lines(cx);
        (resolved, faults, messages)
    }

    #[test]
    fn each_mistake_is_recorded_against_its_variant() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = system, severity = error)]
            enum StoreError {
                #[onus(status = 503)]
                Down,
                #[onus(class = business, status = 500, severity = info)]
                Contradiction,
                #[onus(status = 500, code = "store_error.down")]
                SameCode,
                Unwrapped(#[onus(transparent)] Inner),
                #[onus(transparent)]
                Wrapped(Inner),
            }
        };
        let (resolved, faults, messages) = checked(&input);
        // A contradiction or a duplicate code still resolves: the derive rejects the type all
        // the same, and the faults say which variants a lenient reader should drop.
        assert_eq!(resolved, [true, true, true, false, true]);
        let sound: Vec<bool> = (0..5).map(|index| faults.is_sound(index)).collect();
        assert_eq!(sound, [true, false, false, false, true]);
        assert!(!faults.is_empty());
        assert_eq!(
            messages,
            [
                // Parsing comes first, then the checks.
                "#[onus(...)] goes on the type or on a variant, not on a field",
                "business error `StoreError::Contradiction` answers with status 500, a server error",
                "code `store_error.down` of `StoreError::SameCode` is already used by `StoreError::Down` (its default code)",
                "`StoreError::Unwrapped` does not declare its `status`",
            ]
        );
    }

    #[test]
    fn a_via_variant_names_its_function_and_answers_nothing_itself() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = system, severity = error)]
            enum NoteError {
                #[onus(via = crate::db::failure)]
                Db(rusqlite::Error),
                // Its default code would be `note_error.db`, which a `via` variant does not have.
                #[onus(status = 500, code = "note_error.db")]
                Other,
                #[onus(via = failure, status = 503)]
                Declared(rusqlite::Error),
            }
        };
        let cx = Ctxt::new();
        let model = Input::from_syn(&input, &cx).unwrap_or_else(|| panic!("an enum"));
        let answers = check(&model, &cx);
        let messages: Vec<String> = first_lines(cx);
        assert_eq!(messages, ["`status` cannot be combined with `via`"]);
        let Some(Answer::Via(field, function)) = &answers[0] else {
            panic!("{:?}", answers[0]);
        };
        assert!(field.member == syn::parse_quote!(0));
        let path = &function.0;
        assert_eq!(quote::quote!(#path).to_string(), "crate :: db :: failure");
        assert!(matches!(answers[1], Some(Answer::Declared(_))));
        assert!(answers[2].is_none());
    }

    #[test]
    fn a_mistake_in_the_enum_s_defaults_faults_every_variant() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = system, severity = error, code = "store")]
            enum StoreError {
                #[onus(status = 503)]
                Down,
            }
        };
        let (resolved, faults, _) = checked(&input);
        assert_eq!(resolved, [true]);
        assert!(!faults.is_sound(0));
    }

    #[test]
    fn a_struct_s_mistakes_are_the_container_s() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = system, status = 404, severity = error)]
            struct StoreDown;
        };
        let (resolved, faults, messages) = checked(&input);
        assert_eq!(resolved, [true]);
        assert!(!faults.is_sound(0));
        assert_eq!(
            messages,
            ["system error `StoreDown` answers with status 404, a client error"]
        );
    }

    #[test]
    fn a_sound_type_has_no_faults() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = business, status = 400, severity = info, reason = "unused")]
            struct BadInput;
        };
        let (_, faults, messages) = checked(&input);
        assert_eq!(messages, ["`reason` on `BadInput` explains no exception"]);
        assert!(!faults.is_empty());

        let input: syn::DeriveInput = syn::parse_quote! {
            #[onus(class = business, status = 400, severity = info)]
            struct BadInput;
        };
        let (resolved, faults, messages) = checked(&input);
        assert_eq!(resolved, [true]);
        assert!(faults.is_empty() && faults.is_sound(0));
        assert!(messages.is_empty());
    }
}
