//! Reading a `#[derive(Classify)]` type into the catalog's model.
//!
//! `onus_declare` parses, checks and resolves the declarations exactly as the derive does (enum
//! defaults, default codes, `retryable` from the status, which `public` text applies); this maps
//! its answers to an [`ErrorType`]. It is lenient where the derive is strict: a variant the
//! derive rejects (a mistake reported against it, or against the enum's defaults it inherits)
//! is only left out, so the catalog of a half-edited file is still useful.
//! `tests/tests/catalog_agrees.rs` compares the result with the compiled answers of the derive.

use std::path::PathBuf;

use onus_declare::ast::{Input, Variant};
use onus_declare::attr::Attrs;
use onus_declare::check::{self, Decl};
use onus_declare::ctxt::Ctxt;
use onus_declare::display::error_template;
use proc_macro2::Span;
use syn::Attribute;

use super::{Answer, Class, Declaration, ErrorType, ErrorVariant, Public, TypeKind, ViaFunction};
use crate::finding::SpanRange;
use crate::syntax::attrs::derives;
use crate::syntax::attrs::doc_lines;

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

/// A `#[derive(Classify)]` enum, or `None` when it does not derive `Classify`.
pub(crate) fn extract_enum(item: &syn::ItemEnum) -> Option<Extracted> {
    if !derives(&item.attrs).1 {
        return None;
    }
    Some(extract(&syn::DeriveInput::from(item.clone())))
}

/// A `#[derive(Classify)]` struct, or `None` when it does not derive `Classify`.
pub(crate) fn extract_struct(item: &syn::ItemStruct) -> Option<Extracted> {
    if !derives(&item.attrs).1 {
        return None;
    }
    Some(extract(&syn::DeriveInput::from(item.clone())))
}

/// The type's sound declarations: those against which (and against whose enum defaults) the
/// derive's checks reported nothing.
fn extract(input: &syn::DeriveInput) -> Extracted {
    let cx = Ctxt::new();
    let model = Input::from_syn(input, &cx);
    let answers = model
        .as_ref()
        .map(|model| check::check(model, &cx))
        .unwrap_or_default();
    let faults = cx.into_faults();
    let kind = match &model {
        Some(Input::Struct(_)) => TypeKind::Struct,
        // `extract_enum` and `extract_struct` are never given a union.
        Some(Input::Enum(_)) | None => TypeKind::Enum,
    };
    let doc = doc(&input.attrs);
    let line = input.ident.span().start().line;
    let mut extracted = Extracted {
        ty: ErrorType {
            name: input.ident.to_string(),
            kind,
            doc: doc.clone(),
            file: PathBuf::new(),
            line,
            variants: Vec::new(),
        },
        variant_idents: Vec::new(),
        code_spans: Vec::new(),
        runbooks: Vec::new(),
    };
    match &model {
        Some(Input::Enum(model)) => {
            extracted.runbooks.extend(runbook(&model.attrs));
            for (index, (variant, answer)) in model.variants.iter().zip(answers).enumerate() {
                extracted.runbooks.extend(runbook(&variant.attrs));
                if let Some(answer) = answer.filter(|_| faults.is_sound(index)) {
                    extracted.push(
                        entry(variant, answer),
                        variant.original.ident.span(),
                        &variant.attrs,
                    );
                }
            }
        }
        Some(Input::Struct(model)) => {
            extracted.runbooks.extend(runbook(&model.attrs));
            let answer = answers.into_iter().next().flatten();
            if let Some(answer) = answer.filter(|_| faults.is_sound(0)) {
                let display = error_template(&input.attrs);
                let variant = ErrorVariant {
                    name: None,
                    doc,
                    line,
                    answer: catalog_answer(answer, display),
                    tested: None,
                };
                extracted.push(variant, input.ident.span(), &model.attrs);
            }
        }
        None => {}
    }
    extracted
}

impl Extracted {
    /// Adds a sound declaration, declared at `ident` with the keys `attrs`.
    fn push(&mut self, variant: ErrorVariant, ident: Span, attrs: &Attrs) {
        self.ty.variants.push(variant);
        self.variant_idents.push(ident);
        self.code_spans
            .push(attrs.code.as_ref().map(|code| code.span));
    }
}

/// A sound enum variant's entry.
fn entry(variant: &Variant, answer: check::Answer) -> ErrorVariant {
    ErrorVariant {
        name: Some(variant.original.ident.to_string()),
        doc: doc(&variant.original.attrs),
        line: variant.original.ident.span().start().line,
        answer: catalog_answer(answer, error_template(&variant.original.attrs)),
        tested: None,
    }
}

/// The catalog's form of a resolved answer; `display` is the `#[error("...")]` template that a
/// business error without `public` answers with.
fn catalog_answer(answer: check::Answer, display: Option<String>) -> Answer {
    match answer {
        check::Answer::Transparent(field) => Answer::Transparent(type_label(field.delegate_ty())),
        // The returned type is read from the function's signature once every file is indexed.
        check::Answer::Via(_, function) => Answer::Via(ViaFunction {
            path: path_label(&function.0),
            returns: None,
        }),
        check::Answer::Declared(Decl {
            class,
            status,
            severity,
            code,
            retryable,
            retry_after,
            public,
            runbook,
            sensitive,
        }) => Answer::Declared(Declaration {
            class,
            status: status.code(),
            severity,
            code,
            retryable,
            retry_after,
            public: match (public, class) {
                (Some(text), _) => Public::Fixed(text),
                (None, Class::Business) => Public::Display(display),
                (None, Class::System) => Public::Generic,
            },
            runbook,
            sensitive,
        }),
    }
}

/// The `runbook = "..."` written on one item, with where it is written.
fn runbook(attrs: &Attrs) -> Option<(String, SpanRange)> {
    attrs
        .runbook
        .as_ref()
        .map(|runbook| (runbook.value.clone(), runbook.span))
}

/// The doc comment: each `///` line without its first space, joined, trimmed.
fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for (_, text) in doc_lines(attrs) {
        for line in text.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            lines.push(line.trim_end().to_owned());
        }
    }
    lines.join("\n").trim().to_owned()
}

/// `crate::provider::ProviderError` → `ProviderError`; other types as written.
fn type_label(ty: &syn::Type) -> String {
    crate::syntax::nodes::type_name(ty).unwrap_or_else(|| {
        let written = quote::ToTokens::to_token_stream(ty).to_string();
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// `crate::db::failure`, as written (a `via` path has no generics, so no spaces).
fn path_label(path: &syn::Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let leading = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{leading}{}", segments.join("::"))
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
            Answer::Transparent(_) | Answer::Via(_) => panic!("delegated"),
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
    fn a_variant_the_derive_rejects_is_left_out_and_the_others_stay() {
        let extracted = one_enum(
            r#"
            #[derive(onus::Classify)]
            #[onus(class = business, severity = info)]
            enum LedgerError {
                #[onus(status = 409, code = "ledger.conflict")]
                Conflict,
                #[onus(status = 503)]
                BusinessOutage,
                #[onus(status = 410, code = "ledger.conflict")]
                Gone,
                #[onus(status = 404, reason = "nothing to excuse")]
                Missing,
                #[onus(status = 422)]
                Invalid,
            }
            "#,
        );
        let names: Vec<_> = extracted
            .ty
            .variants
            .iter()
            .map(|v| v.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["Conflict", "Invalid"]);
        assert_eq!(extracted.variant_idents.len(), 2);
        assert_eq!(extracted.code_spans.len(), 2);
    }

    #[test]
    fn a_mistake_in_the_enum_s_defaults_leaves_out_every_variant_but_not_its_runbooks() {
        let extracted = one_enum(
            r#"
            #[derive(onus::Classify)]
            #[onus(class = system, severity = error, retry_after = 3, runbook = "docs/a.md")]
            enum StoreError {
                #[onus(status = 503, runbook = "docs/b.md")]
                Down,
            }
            "#,
        );
        assert!(extracted.ty.variants.is_empty());
        let runbooks: Vec<_> = extracted.runbooks.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(runbooks, ["docs/a.md", "docs/b.md"]);
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
}
