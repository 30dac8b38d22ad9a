//! The OpenAPI document of a service whose handlers name their error types in
//! `#[utoipa::path(responses(...))]` (onus's feature `utoipa`): each path lists exactly the
//! statuses and codes its error type can answer, declared, wrapped `transparent` or classified
//! `via` a function, and the document is valid OpenAPI 3.1 by the specification's own JSON
//! Schema (`data/openapi-3.1/schema.json`).
//!
//! Run with `cargo test -p onus-tests --features openapi --test openapi`.
#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use utoipa::OpenApi;

/// The store's failures, wrapped by both handlers' errors.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, severity = error)]
pub enum StoreError {
    #[error("store at 10.0.0.3 unavailable")]
    #[onus(
        status = 503,
        code = "store.unavailable",
        public = "the store is busy, try again"
    )]
    Unavailable,
    #[error("store query failed: {0}")]
    #[onus(status = 500, code = "store.query")]
    Query(String),
}

/// Another crate's error, classified by a function.
#[derive(Debug, thiserror::Error)]
#[error("mail relay said {0}")]
pub struct RelayFault(u16);

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum MailFailure {
    #[error("this address bounces")]
    #[onus(class = business, status = 422, severity = info, code = "mail.bounces")]
    Bounces,
    #[error("the mail relay is down")]
    #[onus(class = system, status = 502, severity = warn, code = "mail.relay")]
    Relay,
}

fn mail_failure(fault: &RelayFault) -> MailFailure {
    if fault.0 == 550 {
        MailFailure::Bounces
    } else {
        MailFailure::Relay
    }
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum SignupError {
    #[error("email {0:?} is not a valid address")]
    #[onus(class = business, status = 400, severity = info, code = "signup.invalid_email")]
    InvalidEmail(String),
    #[error("this email is already registered")]
    #[onus(class = business, status = 409, severity = info, code = "signup.taken")]
    Taken,
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] Box<StoreError>),
    #[error("the welcome mail failed: {0}")]
    #[onus(via = mail_failure)]
    Mail(#[source] RelayFault),
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("order {0} not found")]
#[onus(class = business, status = 404, severity = info, code = "order.not_found")]
pub struct OrderNotFound(u64);

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OrderError {
    #[error(transparent)]
    #[onus(transparent)]
    NotFound(#[from] OrderNotFound),
    #[error("order {0} was already shipped")]
    #[onus(class = business, status = 409, severity = info, code = "order.shipped")]
    Shipped(u64),
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] StoreError),
}

/// Registers a user.
#[utoipa::path(
    post,
    path = "/signup",
    responses((status = 201, description = "Registered"), SignupError)
)]
#[allow(dead_code, reason = "documented, not served")]
async fn signup() -> Result<(), SignupError> {
    Ok(())
}

/// Cancels an order.
#[utoipa::path(
    delete,
    path = "/orders/{id}",
    params(("id" = u64, Path, description = "The order")),
    responses((status = 204, description = "Cancelled"), OrderError)
)]
#[allow(dead_code, reason = "documented, not served")]
async fn cancel_order() -> Result<(), OrderError> {
    Ok(())
}

#[derive(OpenApi)]
#[openapi(paths(signup, cancel_order), components(schemas(onus::Problem)))]
struct Api;

fn document() -> Value {
    serde_json::to_value(Api::openapi()).unwrap()
}

/// Each status of an operation's responses with its codes: the `code` enum of the body's
/// schema, and the names of its examples (one per code); an empty set for a success.
fn answers(operation: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let strings = |value: &Value| -> BTreeSet<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap().to_owned())
            .collect()
    };
    operation["responses"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(status, response)| {
            let Some(body) = response["content"].get("application/problem+json") else {
                return (status.clone(), BTreeSet::new());
            };
            let codes = strings(&body["schema"]["allOf"][1]["properties"]["code"]["enum"]);
            let examples: BTreeSet<String> = body["examples"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            assert_eq!(codes, examples, "{status}: one example per code");
            (status.clone(), codes)
        })
        .collect()
}

fn expected(answers: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
    answers
        .iter()
        .map(|(status, codes)| {
            let codes = codes.iter().map(|code| (*code).to_owned()).collect();
            ((*status).to_owned(), codes)
        })
        .collect()
}

#[test]
fn each_path_lists_exactly_what_its_error_type_answers() {
    let document = document();
    assert_eq!(
        answers(&document["paths"]["/signup"]["post"]),
        expected(&[
            ("201", &[]),
            ("400", &["signup.invalid_email"]),
            ("409", &["signup.taken"]),
            // `via = mail_failure`: what `MailFailure` answers.
            ("422", &["mail.bounces"]),
            // `transparent`, through a `Box<StoreError>`.
            ("500", &["store.query"]),
            ("502", &["mail.relay"]),
            ("503", &["store.unavailable"]),
        ])
    );
    assert_eq!(
        answers(&document["paths"]["/orders/{id}"]["delete"]),
        expected(&[
            ("204", &[]),
            ("404", &["order.not_found"]),
            ("409", &["order.shipped"]),
            ("500", &["store.query"]),
            ("503", &["store.unavailable"]),
        ])
    );
}

#[test]
fn the_examples_show_what_a_client_may_see() {
    let document = document();
    let example = |path: &str, method: &str, status: &str, code: &str| {
        document["paths"][path][method]["responses"][status]["content"]["application/problem+json"]
            ["examples"][code]["value"]
            .clone()
    };
    assert_eq!(
        example("/signup", "post", "409", "signup.taken"),
        serde_json::json!({
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "this email is already registered",
            "code": "signup.taken",
        })
    );
    // A placeholder's text differs for every value: no detail.
    let invalid = example("/signup", "post", "400", "signup.invalid_email");
    assert_eq!(invalid["code"], "signup.invalid_email");
    assert!(invalid.get("detail").is_none(), "{invalid}");
    // A system error shows its `public` text or the generic message, never its own text.
    assert_eq!(
        example("/signup", "post", "503", "store.unavailable")["detail"],
        "the store is busy, try again"
    );
    assert_eq!(
        example("/orders/{id}", "delete", "500", "store.query")["detail"],
        onus::GENERIC_SYSTEM_MESSAGE
    );
    let text = document.to_string();
    assert!(!text.contains("10.0.0.3"), "a system error's text leaked");
    assert!(
        !text.contains("store query failed"),
        "a system error's text leaked"
    );
}

#[test]
fn each_error_response_refers_to_the_problem_schema_of_the_components() {
    let document = document();
    let problem = &document["components"]["schemas"]["Problem"];
    assert_eq!(problem["properties"]["code"]["type"], "string");
    let responses = document["paths"]["/signup"]["post"]["responses"]
        .as_object()
        .unwrap();
    for (status, response) in responses
        .iter()
        .filter(|(status, _)| status.starts_with(['4', '5']))
    {
        let schema = &response["content"]["application/problem+json"]["schema"];
        assert_eq!(
            schema["allOf"][0]["$ref"], "#/components/schemas/Problem",
            "{status}"
        );
        assert_eq!(
            schema["allOf"][1]["properties"]["status"]["enum"][0],
            status.parse::<u16>().unwrap(),
        );
    }
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let schema: Value =
        serde_json::from_str(include_str!("../data/openapi-3.1/schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{document:#}");

    // The validator does reject a broken document, so the check above means something.
    let mut broken = document;
    broken["paths"]["/signup"]["post"]["responses"]["409"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    assert!(!validator.is_valid(&broken));
}

/// An error that wraps itself, as a context chain does.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ChainError {
    #[error("the step failed")]
    #[onus(class = business, status = 400, severity = info, code = "chain.step")]
    Step,
    #[error(transparent)]
    #[onus(transparent)]
    Nested(Box<ChainError>),
}

#[test]
fn a_type_that_wraps_itself_lists_its_answers_once() {
    use utoipa::IntoResponses;

    let responses = serde_json::to_value(ChainError::responses()).unwrap();
    assert_eq!(
        responses.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["400"]
    );
    assert_eq!(
        responses["400"]["content"]["application/problem+json"]["schema"]["allOf"][1]["properties"]
            ["code"]["enum"],
        serde_json::json!(["chain.step"])
    );
}
