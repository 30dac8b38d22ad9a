//! `GET /openapi.json`: the document utoipa builds from the handlers' `#[utoipa::path]` and
//! their error types, fetched over HTTP, lists for each route the statuses and codes that the
//! committed catalog (`CATALOG.md`, kept true by `cargo onus catalog --check`) declares for its
//! error types, transparent variants followed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::{Harness, INTERNALS};

/// Status and code of every answer a type of `CATALOG.md` lists, by type: its declared variants
/// and the `↳` rows of the types its transparent variants wrap.
fn catalog() -> BTreeMap<String, BTreeSet<(u16, String)>> {
    let mut types: BTreeMap<String, BTreeSet<(u16, String)>> = BTreeMap::new();
    let mut current = None;
    for line in include_str!("../../CATALOG.md").lines() {
        if let Some(heading) = line.strip_prefix("## `") {
            current = Some(heading.trim_end_matches('`').to_owned());
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // `| Variant | Code | Class | Status | ...`: a row that declares has a status.
        let (Some(ty), Some(code), Some(status)) = (&current, cells.get(2), cells.get(4)) else {
            continue;
        };
        let Ok(status) = status.parse::<u16>() else {
            continue;
        };
        let code = code.split('`').nth(1).unwrap().to_owned();
        types.entry(ty.clone()).or_default().insert((status, code));
    }
    types
}

/// Status and code of every error response of an operation of the document.
fn documented(operation: &Value) -> BTreeSet<(u16, String)> {
    let mut answers = BTreeSet::new();
    for (status, response) in operation["responses"].as_object().unwrap() {
        let Some(body) = response["content"].get("application/problem+json") else {
            continue;
        };
        let codes = &body["schema"]["allOf"][1]["properties"]["code"]["enum"];
        for code in codes.as_array().unwrap() {
            let code = code.as_str().unwrap().to_owned();
            assert!(
                body["examples"].get(&code).is_some(),
                "{status}: no example of {code}"
            );
            answers.insert((status.parse().unwrap(), code));
        }
    }
    answers
}

#[tokio::test(flavor = "current_thread")]
async fn the_served_document_lists_what_each_route_can_answer_as_the_catalog_says() {
    let shop = Harness::start().await;
    let answer = shop.get("/openapi.json").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let document = answer.json();
    assert_eq!(document["openapi"], "3.1.0");
    assert!(
        document["components"]["schemas"]["Problem"]["properties"]["code"].is_object(),
        "the Problem schema the responses refer to is a component"
    );

    let catalog = catalog();
    let routes = [
        ("/signup", "post", "201", "SignupError"),
        ("/orders", "post", "201", "OrderError"),
        ("/orders/{id}", "get", "200", "OrderError"),
        ("/orders/{id}/payment", "post", "200", "PaymentError"),
    ];
    for (path, method, success, error) in routes {
        let operation = &document["paths"][path][method];
        assert!(
            operation["responses"].get(success).is_some(),
            "{method} {path}: no {success}"
        );
        // Each route also answers the request extractors' errors.
        let expected: BTreeSet<(u16, String)> = catalog[error]
            .iter()
            .chain(&catalog["RequestError"])
            .cloned()
            .collect();
        assert_eq!(documented(operation), expected, "{method} {path}");
    }
    // Payments answer for the provider and the store they go through.
    let payment = documented(&document["paths"]["/orders/{id}/payment"]["post"]);
    assert!(payment.contains(&(503, "store.unavailable".to_owned())));
    assert!(payment.contains(&(402, "payment.declined".to_owned())));
    assert!(payment.contains(&(504, "payment.provider_timeout".to_owned())));

    // Nothing internal: the examples show public texts only.
    for internal in INTERNALS {
        assert!(
            !answer.body.contains(internal),
            "{internal:?} is in the document"
        );
    }
}
