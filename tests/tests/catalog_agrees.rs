//! The catalog `cargo onus catalog` reads from source agrees with what the derive compiles: the
//! types below are both compiled (their `Classified` answers are asked at run time) and read as
//! text by the checker's engine, and every answer must match. It covers each rule the catalog
//! shares with the derive: enum defaults, default codes (acronyms too), status names, `retryable`
//! from the status or declared, `retry_after`, which `public` text applies, inherited runbooks and
//! `sensitive`, structs, transparent variants and `via` variants.
#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

use onus::Classified;
use onus_lints::catalog::{Answer, Declaration, ErrorType, Public};

/// Enum-level defaults, inherited by every variant that does not override them.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(
    class = system,
    severity = error,
    public = "please try again later",
    runbook = "https://runbooks.example/store",
    sensitive
)]
pub enum HTTPStoreError {
    /// Default code with an acronym in the type name; retryable from 503.
    #[error("the database is unavailable")]
    #[onus(status = SERVICE_UNAVAILABLE)]
    Unavailable,
    /// A status path, declared not retryable despite 503.
    #[error("the schema is wrong")]
    #[onus(status = http::StatusCode::SERVICE_UNAVAILABLE, retryable = false, code = "store.schema")]
    Schema,
    /// Retryable on 500 because it says so, with a delay.
    #[error("the lock is held")]
    #[onus(
        status = 500,
        retryable,
        retry_after = 7,
        runbook = "docs/runbooks/lock.md"
    )]
    Locked,
    /// A business variant: the default `public` is not for it, its message is.
    #[error("row {0} does not exist")]
    #[onus(class = business, status = 404, severity = info, sensitive = false)]
    Missing(u64),
    /// Its own public text, over the default.
    #[error("quota exceeded")]
    #[onus(class = business, status = TOO_MANY_REQUESTS, severity = warn, public = "slow down")]
    Quota,
}

/// No defaults: a system error without `public` answers with the generic text.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PaymentError {
    /// The provider timed out.
    #[error("provider timed out")]
    #[onus(class = system, status = 504, severity = fatal)]
    Timeout,
    /// Wraps the store's error, which answers.
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] HTTPStoreError),
    /// Answers as what `ledger_failure` makes of the ledger's fault.
    #[error("the ledger failed: {0}")]
    #[onus(via = ledger_failure)]
    Ledger(#[source] LedgerFault),
}

/// Another crate's error, which cannot implement `Classified` here.
#[derive(Debug, thiserror::Error)]
#[error("ledger fault {0}")]
pub struct LedgerFault(u8);

fn ledger_failure(fault: &LedgerFault) -> HTTPStoreError {
    match fault.0 {
        0 => HTTPStoreError::Missing(0),
        _ => HTTPStoreError::Quota,
    }
}

/// A struct declares once; its default code is its own name.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("mail relay down")]
#[onus(class = system, status = 502, severity = warn)]
pub struct MailRelayDown;

fn catalog() -> Vec<ErrorType> {
    let text = include_str!("catalog_agrees.rs");
    let report = onus_lints::check(
        vec![onus_lints::Input::Source {
            test_code: false,
            path: "catalog_agrees.rs".into(),
            text: text.to_owned(),
        }],
        &onus_lints::Config::default(),
    );
    report.error_types
}

/// The catalog's declaration for `Type::Variant` (or `Type`), following transparent variants to
/// the wrapped type's variant, as the runtime does.
fn declaration<'a>(
    catalog: &'a [ErrorType],
    ty: &str,
    variant: Option<&str>,
    wrapped: Option<&str>,
) -> &'a Declaration {
    let found = catalog
        .iter()
        .find(|t| t.name == ty)
        .unwrap_or_else(|| panic!("{ty} is not in the catalog"));
    let entry = found
        .variants
        .iter()
        .find(|v| v.name.as_deref() == variant)
        .unwrap_or_else(|| panic!("{ty}::{variant:?} is not in the catalog"));
    match &entry.answer {
        Answer::Declared(declaration) => declaration,
        Answer::Transparent(inner) => declaration(catalog, inner, wrapped, None),
        Answer::Via(via) => {
            let returns = via.returns.as_deref();
            declaration(catalog, returns.unwrap(), wrapped, None)
        }
    }
}

fn assert_agrees(catalog: &[ErrorType], error: &dyn Classified, declared: &Declaration) {
    let name = format!("{error:?}");
    assert_eq!(
        declared.class.as_str(),
        error.class().as_str(),
        "{name}: class"
    );
    assert_eq!(declared.status, error.status().as_u16(), "{name}: status");
    assert_eq!(
        declared.severity.as_str(),
        error.severity().as_str(),
        "{name}: severity"
    );
    assert_eq!(declared.code, error.code(), "{name}: code");
    assert_eq!(declared.retryable, error.retryable(), "{name}: retryable");
    assert_eq!(
        declared.retry_after,
        error.retry_after().map(|after| after.as_secs()),
        "{name}: retry_after"
    );
    assert_eq!(
        declared.runbook.as_deref(),
        error.runbook(),
        "{name}: runbook"
    );
    assert_eq!(declared.sensitive, error.sensitive(), "{name}: sensitive");
    let fixed = error.public_message().as_fixed();
    match &declared.public {
        Public::Display(_) => assert_eq!(fixed, None, "{name}: public"),
        Public::Fixed(text) => assert_eq!(fixed, Some(text.as_str()), "{name}: public"),
        Public::Generic => assert_eq!(fixed, Some(onus::GENERIC_SYSTEM_MESSAGE), "{name}: public"),
    }
    assert!(!catalog.is_empty());
}

/// An error value, and where the catalog declares it: type, variant (`None` for a struct), and
/// the wrapped (or returned) type's variant when the variant is transparent (or `via`).
type Case = (
    Box<dyn Classified>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn the_catalog_agrees_with_the_compiled_declarations() {
    let catalog = catalog();
    let names: Vec<&str> = catalog.iter().map(|ty| ty.name.as_str()).collect();
    assert_eq!(names, ["HTTPStoreError", "MailRelayDown", "PaymentError"]);
    let cases: Vec<Case> = vec![
        (
            Box::new(HTTPStoreError::Unavailable),
            "HTTPStoreError",
            Some("Unavailable"),
            None,
        ),
        (
            Box::new(HTTPStoreError::Schema),
            "HTTPStoreError",
            Some("Schema"),
            None,
        ),
        (
            Box::new(HTTPStoreError::Locked),
            "HTTPStoreError",
            Some("Locked"),
            None,
        ),
        (
            Box::new(HTTPStoreError::Missing(3)),
            "HTTPStoreError",
            Some("Missing"),
            None,
        ),
        (
            Box::new(HTTPStoreError::Quota),
            "HTTPStoreError",
            Some("Quota"),
            None,
        ),
        (
            Box::new(PaymentError::Timeout),
            "PaymentError",
            Some("Timeout"),
            None,
        ),
        (
            Box::new(PaymentError::Store(HTTPStoreError::Locked)),
            "PaymentError",
            Some("Store"),
            Some("Locked"),
        ),
        (
            Box::new(PaymentError::Ledger(LedgerFault(0))),
            "PaymentError",
            Some("Ledger"),
            Some("Missing"),
        ),
        (
            Box::new(PaymentError::Ledger(LedgerFault(1))),
            "PaymentError",
            Some("Ledger"),
            Some("Quota"),
        ),
        (Box::new(MailRelayDown), "MailRelayDown", None, None),
    ];
    let declared_variants: usize = catalog.iter().map(|ty| ty.variants.len()).sum();
    let covered: std::collections::BTreeSet<(&str, Option<&str>)> = cases
        .iter()
        .map(|(_, ty, variant, _)| (*ty, *variant))
        .collect();
    assert_eq!(covered.len(), declared_variants, "every variant has a case");
    for (error, ty, variant, wrapped) in &cases {
        let declared = declaration(&catalog, ty, *variant, *wrapped);
        assert_agrees(&catalog, error.as_ref(), declared);
    }
    // The default code keeps an acronym together, as the derive does.
    assert_eq!(
        HTTPStoreError::Unavailable.code(),
        "http_store_error.unavailable"
    );
}

/// With onus's feature `utoipa`, each type's OpenAPI responses (`utoipa::IntoResponses`) list
/// the statuses and codes the catalog lists for it, its transparent and `via` variants followed,
/// with the examples and the `Problem` schema of `cargo onus catalog --format openapi`.
#[cfg(feature = "openapi")]
#[test]
fn the_utoipa_responses_agree_with_the_catalog() {
    use std::collections::BTreeSet;

    use onus_lints::catalog::{CatalogFormat, Delegations, render};
    use serde_json::Value;
    use utoipa::{IntoResponses, PartialSchema};

    fn responses<T: IntoResponses>() -> Value {
        serde_json::to_value(T::responses()).unwrap()
    }

    /// Each (status, code) of a type's responses, from the `code` enum of each status's body.
    fn answers_of(responses: &Value) -> BTreeSet<(u16, String)> {
        let mut answers = BTreeSet::new();
        for (status, response) in responses.as_object().unwrap() {
            let body = &response["content"]["application/problem+json"];
            for code in body["schema"]["allOf"][1]["properties"]["code"]["enum"]
                .as_array()
                .unwrap()
            {
                answers.insert((status.parse().unwrap(), code.as_str().unwrap().to_owned()));
            }
        }
        answers
    }

    let catalog = catalog();
    let delegations = Delegations::new(&catalog);
    let listed = |name: &str| -> BTreeSet<(u16, String)> {
        let ty = catalog.iter().find(|ty| ty.name == name).unwrap();
        let mut answers = BTreeSet::new();
        for variant in &ty.variants {
            let declaring: Vec<&Answer> = match delegations.of(ty, variant) {
                Some(through) => through
                    .iter()
                    .map(|answer| &answer.variant.answer)
                    .collect(),
                None => vec![&variant.answer],
            };
            for answer in declaring {
                let Answer::Declared(declared) = answer else {
                    panic!("{name}: {answer:?} is not followed");
                };
                answers.insert((declared.status, declared.code.clone()));
            }
        }
        answers
    };
    let rendered: Value = serde_json::from_str(&render(&catalog, CatalogFormat::Openapi)).unwrap();
    let types = [
        ("HTTPStoreError", responses::<HTTPStoreError>()),
        ("MailRelayDown", responses::<MailRelayDown>()),
        ("PaymentError", responses::<PaymentError>()),
    ];
    assert_eq!(types.len(), catalog.len(), "every type of the catalog");
    for (name, responses) in &types {
        let answers = answers_of(responses);
        assert_eq!(answers, listed(name), "{name}: statuses and codes");
        for (status, code) in &answers {
            let documented = &responses[status.to_string()]["content"]["application/problem+json"]
                ["examples"][code]["value"];
            let cataloged = &rendered["components"]["responses"][code]["content"]["application/problem+json"]
                ["example"];
            assert_eq!(documented, cataloged, "{name}: the example of {code}");
        }
    }
    // The catalog's `Problem` lists every code of the catalog; utoipa's, none (each response
    // restricts `code` to its own).
    let mut cataloged = rendered["components"]["schemas"]["Problem"].clone();
    cataloged["properties"]["code"]
        .as_object_mut()
        .unwrap()
        .remove("enum");
    let documented = serde_json::to_value(onus::Problem::schema()).unwrap();
    assert_eq!(documented, cataloged, "the Problem schema");
}
