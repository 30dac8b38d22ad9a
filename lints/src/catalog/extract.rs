//! Reading a `#[derive(Classify)]` type into the catalog's model, with the derive's rules.
//!
//! This mirrors `macros/src/attr.rs` and `macros/src/valid.rs` without depending on the proc
//! macro crate; the rules both need (status names, default codes, default retryability) are
//! shared through [`crate::declaration`]. It is lenient where the derive is strict: a
//! mistake the derive reports (and which therefore does not compile) only drops the variant, so
//! the catalog of a half-edited file is still useful. `lints/tests/catalog.rs` compares the
//! result with the compiled answers of `examples/shop`, so the two stay in step.

use std::path::PathBuf;

use proc_macro2::Span;
use syn::{Attribute, LitBool, LitInt, LitStr, Token};

use super::{Answer, Class, Declaration, ErrorType, ErrorVariant, Public, Severity, TypeKind};
#[cfg(feature = "cli")]
use crate::declaration::status_name;
use crate::declaration::{default_code, status_by_name, status_is_retryable};
use crate::finding::SpanRange;

/// An extracted type with the spans the rules report at; the spans stay on the thread that
/// parsed the file, the [`ErrorType`] goes into the workspace index.
#[derive(Debug)]
pub(crate) struct Extracted {
    pub(crate) ty: ErrorType,
    /// One per entry of `ty.variants`: the variant's name (a struct's: the type's).
    pub(crate) variant_idents: Vec<Span>,
    /// One per entry of `ty.variants`: where its `code` is written, if it is.
    pub(crate) code_spans: Vec<Option<SpanRange>>,
    /// Every `runbook = "..."` written, once each (an enum default is listed once, not once per
    /// variant inheriting it).
    pub(crate) runbooks: Vec<(String, SpanRange)>,
}

/// The keys of every `#[onus(...)]` on one item. A key written twice or with a malformed value
/// makes the item `broken`: the derive rejects it.
#[derive(Default)]
struct Keys {
    class: Option<Class>,
    status: Option<u16>,
    severity: Option<Severity>,
    code: Option<(String, SpanRange)>,
    retryable: Option<bool>,
    retry_after: Option<u64>,
    public: Option<String>,
    runbook: Option<(String, SpanRange)>,
    sensitive: Option<bool>,
    transparent: bool,
    /// How many keys were written (for `transparent`, which takes no other).
    written: usize,
    broken: bool,
}

/// A `#[derive(Classify)]` enum, or `None` when it does not derive `Classify`.
pub(crate) fn extract_enum(item: &syn::ItemEnum) -> Option<Extracted> {
    if !derives_classify(&item.attrs) {
        return None;
    }
    let defaults = Keys::from_attrs(&item.attrs);
    let type_name = item.ident.to_string();
    let mut extracted = Extracted {
        ty: ErrorType {
            name: item.ident.to_string(),
            kind: TypeKind::Enum,
            doc: doc(&item.attrs),
            file: PathBuf::new(),
            line: item.ident.span().start().line,
            variants: Vec::new(),
        },
        variant_idents: Vec::new(),
        code_spans: Vec::new(),
        runbooks: Vec::new(),
    };
    extracted.runbooks.extend(defaults.runbook.clone());
    // The derive rejects these as enum defaults; its error means nothing here compiles.
    let defaults_broken = defaults.broken
        || defaults.code.is_some()
        || defaults.transparent
        || defaults.retry_after.is_some();
    for variant in &item.variants {
        let own = Keys::from_attrs(&variant.attrs);
        extracted.runbooks.extend(own.runbook.clone());
        if defaults_broken {
            continue;
        }
        let default_code = default_code(&type_name, Some(&variant.ident.to_string()));
        let display = error_template(&variant.attrs);
        let Some(answer) = answer(
            &own,
            Some(&defaults),
            default_code,
            display,
            &variant.fields,
        ) else {
            continue;
        };
        extracted.ty.variants.push(ErrorVariant {
            name: Some(variant.ident.to_string()),
            doc: doc(&variant.attrs),
            line: variant.ident.span().start().line,
            answer,
        });
        extracted.variant_idents.push(variant.ident.span());
        extracted.code_spans.push(own.code.map(|(_, span)| span));
    }
    Some(extracted)
}

/// A `#[derive(Classify)]` struct, or `None` when it does not derive `Classify`.
pub(crate) fn extract_struct(item: &syn::ItemStruct) -> Option<Extracted> {
    if !derives_classify(&item.attrs) {
        return None;
    }
    let own = Keys::from_attrs(&item.attrs);
    let doc = doc(&item.attrs);
    let line = item.ident.span().start().line;
    let mut extracted = Extracted {
        ty: ErrorType {
            name: item.ident.to_string(),
            kind: TypeKind::Struct,
            doc: doc.clone(),
            file: PathBuf::new(),
            line,
            variants: Vec::new(),
        },
        variant_idents: Vec::new(),
        code_spans: Vec::new(),
        runbooks: own.runbook.clone().into_iter().collect(),
    };
    let default_code = default_code(&item.ident.to_string(), None);
    let display = error_template(&item.attrs);
    if let Some(answer) = answer(&own, None, default_code, display, &item.fields) {
        extracted.ty.variants.push(ErrorVariant {
            name: None,
            doc,
            line,
            answer,
        });
        extracted.variant_idents.push(item.ident.span());
        extracted.code_spans.push(own.code.map(|(_, span)| span));
    }
    Some(extracted)
}

/// The derive's resolution of one site: its own keys, else the enum's defaults.
fn answer(
    own: &Keys,
    defaults: Option<&Keys>,
    default_code: String,
    display: Option<String>,
    fields: &syn::Fields,
) -> Option<Answer> {
    if own.broken {
        return None;
    }
    if own.transparent {
        let [field] = fields.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        return (own.written == 1).then(|| Answer::Transparent(type_label(&field.ty)));
    }
    let class = inherited(own, defaults, |keys| keys.class)?;
    let status = inherited(own, defaults, |keys| keys.status)?;
    let severity = inherited(own, defaults, |keys| keys.severity)?;
    let retryable =
        inherited(own, defaults, |keys| keys.retryable).unwrap_or(status_is_retryable(status));
    if own.retry_after.is_some() && !retryable {
        return None;
    }
    let public = match (&own.public, class) {
        (Some(text), _) => Public::Fixed(text.clone()),
        // An enum-level `public` is for the system variants; a business variant's Display
        // already tells the caller what to fix.
        (None, Class::Business) => Public::Display(display),
        (None, Class::System) => match defaults.and_then(|keys| keys.public.as_ref()) {
            Some(text) => Public::Fixed(text.clone()),
            None => Public::Generic,
        },
    };
    let runbook = own
        .runbook
        .as_ref()
        .or_else(|| defaults.and_then(|keys| keys.runbook.as_ref()))
        .map(|(runbook, _)| runbook.clone());
    Some(Answer::Declared(Declaration {
        class,
        status,
        severity,
        code: own
            .code
            .as_ref()
            .map_or(default_code, |(code, _)| code.clone()),
        retryable,
        retry_after: own.retry_after,
        public,
        runbook,
        sensitive: inherited(own, defaults, |keys| keys.sensitive).unwrap_or(false),
    }))
}

/// A key of the site itself, else the enum's default.
fn inherited<T>(own: &Keys, defaults: Option<&Keys>, get: fn(&Keys) -> Option<T>) -> Option<T> {
    get(own).or_else(|| defaults.and_then(get))
}

impl Keys {
    fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut keys = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("onus")) {
            let parsed = attr.parse_nested_meta(|meta| {
                let Some(name) = meta.path.get_ident().map(ToString::to_string) else {
                    return Err(meta.error("not a key"));
                };
                let key_span = meta.path.segments[0].ident.span();
                keys.written += 1;
                let fresh = match name.as_str() {
                    "class" => {
                        let word: syn::Ident = meta.value()?.parse()?;
                        let class = match word.to_string().as_str() {
                            "business" => Class::Business,
                            "system" => Class::System,
                            _ => return Err(meta.error("unknown class")),
                        };
                        keys.class.replace(class).is_none()
                    }
                    "status" => {
                        let status = parse_status(meta.value()?)?;
                        keys.status.replace(status).is_none()
                    }
                    "severity" => {
                        let word: syn::Ident = meta.value()?.parse()?;
                        let severity = Severity::from_name(&word.to_string())
                            .ok_or_else(|| meta.error("unknown severity"))?;
                        keys.severity.replace(severity).is_none()
                    }
                    "code" => {
                        let lit: LitStr = meta.value()?.parse()?;
                        let span = SpanRange::new(key_span, lit.span());
                        keys.code.replace((lit.value(), span)).is_none()
                    }
                    "retryable" => keys.retryable.replace(parse_flag(&meta)?).is_none(),
                    "sensitive" => keys.sensitive.replace(parse_flag(&meta)?).is_none(),
                    "retry_after" => {
                        let lit: LitInt = meta.value()?.parse()?;
                        keys.retry_after.replace(lit.base10_parse()?).is_none()
                    }
                    "public" => {
                        let lit: LitStr = meta.value()?.parse()?;
                        keys.public.replace(lit.value()).is_none()
                    }
                    "runbook" => {
                        let lit: LitStr = meta.value()?.parse()?;
                        let span = SpanRange::new(key_span, lit.span());
                        keys.runbook.replace((lit.value(), span)).is_none()
                    }
                    "reason" => {
                        let _: LitStr = meta.value()?.parse()?;
                        true
                    }
                    "transparent" => !std::mem::replace(&mut keys.transparent, true),
                    _ => false,
                };
                if fresh {
                    Ok(())
                } else {
                    Err(meta.error("duplicate or unknown key"))
                }
            });
            // The derive reports what is wrong; here it only means the declaration is unusable.
            if parsed.is_err() {
                keys.broken = true;
            }
        }
        keys
    }
}

/// `status = 404` or `status = NOT_FOUND` (any path ending in an `http::StatusCode` name).
fn parse_status(input: syn::parse::ParseStream) -> syn::Result<u16> {
    let code = if input.peek(LitInt) {
        input.parse::<LitInt>()?.base10_parse::<u16>()?
    } else {
        let path: syn::Path = input.parse()?;
        path.segments
            .last()
            .and_then(|last| status_by_name(&last.ident.to_string()))
            .ok_or_else(|| syn::Error::new(Span::call_site(), "unknown status name"))?
    };
    if (400..=599).contains(&code) {
        Ok(code)
    } else {
        Err(syn::Error::new(Span::call_site(), "not an error status"))
    }
}

/// `retryable`, `retryable = true`, `retryable = false`.
fn parse_flag(meta: &syn::meta::ParseNestedMeta) -> syn::Result<bool> {
    if !meta.input.peek(Token![=]) {
        return Ok(true);
    }
    Ok(meta.value()?.parse::<LitBool>()?.value)
}

/// Whether the attributes derive `Classify` (by any path ending in it).
fn derives_classify(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .filter_map(|attr| {
            attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, Token![,]>::parse_terminated,
            )
            .ok()
        })
        .flatten()
        .any(|path| {
            path.segments
                .last()
                .is_some_and(|last| last.ident == "Classify")
        })
}

/// The doc comment: each `///` line without its first space, joined, trimmed.
fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if let syn::Meta::NameValue(pair) = &attr.meta
            && pair.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &pair.value
        {
            let text = text.value();
            for line in text.lines() {
                let line = line.strip_prefix(' ').unwrap_or(line);
                lines.push(line.trim_end().to_owned());
            }
        }
    }
    lines.join("\n").trim().to_owned()
}

/// The format string of `#[error("...")]` (thiserror's `Display`), if there is one.
fn error_template(attrs: &[Attribute]) -> Option<String> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("error"))
        .find_map(|attr| {
            let syn::Meta::List(list) = &attr.meta else {
                return None;
            };
            let mut tokens = list.tokens.clone().into_iter();
            match tokens.next()? {
                proc_macro2::TokenTree::Literal(literal) => {
                    syn::parse_str::<LitStr>(&literal.to_string())
                        .ok()
                        .map(|lit| lit.value())
                }
                _ => None,
            }
        })
}

/// `crate::provider::ProviderError` → `ProviderError`; other types as written.
fn type_label(ty: &syn::Type) -> String {
    crate::syntax::nodes::type_name(ty).unwrap_or_else(|| {
        let written = quote::ToTokens::to_token_stream(ty).to_string();
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

#[cfg(feature = "cli")]
/// The reason phrase of an error status (`NOT_FOUND` → `Not Found`), for the OpenAPI
/// descriptions.
pub(crate) fn status_reason(code: u16) -> Option<String> {
    let name = status_name(code)?;
    let words: Vec<String> = name
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect();
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_enum(source: &str) -> Extracted {
        let item: syn::ItemEnum = syn::parse_str(source).unwrap_or_else(|e| panic!("{e}"));
        extract_enum(&item).unwrap_or_else(|| panic!("not classified"))
    }

    fn declared(variant: &ErrorVariant) -> &Declaration {
        match &variant.answer {
            Answer::Declared(declaration) => declaration,
            Answer::Transparent(_) => panic!("transparent"),
        }
    }

    #[test]
    fn enum_defaults_codes_and_retryable_follow_the_derive() {
        let extracted = one_enum(
            r#"
            /// Why a signup failed.
            #[derive(Debug, thiserror::Error, onus::Classify)]
            #[onus(class = system, severity = error, public = "try later", runbook = "https://r.example/db")]
            enum HTTPSignupError {
                /// Taken.
                #[error("email {0} taken")]
                #[onus(class = business, status = CONFLICT, severity = info)]
                EmailTaken(String),
                #[onus(status = http::StatusCode::SERVICE_UNAVAILABLE, retry_after = 5)]
                Db,
                #[onus(status = 500, retryable, code = "db.other", sensitive)]
                Other,
                #[onus(transparent)]
                Inner(crate::store::StoreError),
                #[onus(status = 500, severty = error)]
                Typo,
            }
            "#,
        );
        let ty = &extracted.ty;
        assert_eq!(ty.name, "HTTPSignupError");
        assert_eq!(ty.doc, "Why a signup failed.");
        let names: Vec<_> = ty
            .variants
            .iter()
            .map(|v| v.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["EmailTaken", "Db", "Other", "Inner"]);
        let taken = declared(&ty.variants[0]);
        assert_eq!(taken.code, "http_signup_error.email_taken");
        assert_eq!(taken.status, 409);
        assert_eq!(
            taken.public,
            Public::Display(Some("email {0} taken".to_owned()))
        );
        assert_eq!(taken.runbook.as_deref(), Some("https://r.example/db"));
        assert!(!taken.retryable);
        let db = declared(&ty.variants[1]);
        assert!(db.retryable);
        assert_eq!(db.retry_after, Some(5));
        assert_eq!(db.public, Public::Fixed("try later".to_owned()));
        let other = declared(&ty.variants[2]);
        assert_eq!(
            (other.code.as_str(), other.retryable, other.sensitive),
            ("db.other", true, true)
        );
        assert_eq!(
            ty.variants[3].answer,
            Answer::Transparent("StoreError".to_owned())
        );
        assert_eq!(
            extracted.runbooks.len(),
            1,
            "the default runbook is listed once"
        );
    }

    #[test]
    fn a_struct_declares_once_and_a_system_error_without_public_is_generic() {
        let item: syn::ItemStruct = syn::parse_str(
            "#[derive(Classify)] #[onus(class = system, status = 503, severity = warn)] struct StoreDown;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let extracted = extract_struct(&item).unwrap_or_else(|| panic!("not classified"));
        let declaration = declared(&extracted.ty.variants[0]);
        assert_eq!(declaration.code, "store_down");
        assert_eq!(declaration.public, Public::Generic);
        assert!(declaration.retryable);
    }

    #[test]
    #[cfg(feature = "cli")]
    fn reason_phrases() {
        assert_eq!(status_reason(404).as_deref(), Some("Not Found"));
        assert_eq!(status_reason(503).as_deref(), Some("Service Unavailable"));
        assert_eq!(status_reason(499), None);
    }
}
