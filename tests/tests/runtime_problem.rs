//! The runtime with the derive: a system error's internal text (in its message, its source and
//! its fields) never appears in its `Problem`, while a business error's message does.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::error::Error;

use onus::{ErrorId, Problem};

const SECRET: &str = "SECRET-a93c";

#[derive(Debug, thiserror::Error)]
#[error("tls handshake with {SECRET} failed")]
struct Transport;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
enum AccountError {
    #[error("account {0} is locked")]
    #[onus(class = business, status = 423, severity = info)]
    Locked(u32),
    #[error("ledger {ledger} unreachable")]
    Ledger {
        ledger: String,
        #[source]
        source: Transport,
    },
    #[error("audit write failed for {SECRET}")]
    #[onus(status = 503, severity = warn, public = "audit is catching up, try again soon")]
    Audit,
}

#[test]
fn system_problem_holds_no_internal_text() {
    let errors = [
        AccountError::Ledger {
            ledger: format!("ledger-{SECRET}"),
            source: Transport,
        },
        AccountError::Audit,
    ];
    for error in &errors {
        // The marker is in the text the problem must not show, so the test can fail.
        assert!(error.to_string().contains(SECRET));
        let id = ErrorId::new();
        let problem = Problem::from_reported(error, id);
        let json = String::from_utf8(problem.to_json_bytes()).unwrap();
        assert!(!json.contains(SECRET), "{json}");
        assert!(!format!("{problem:?}").contains(SECRET));
        assert_eq!(problem.error_id, Some(id));
    }
    assert!(errors[0].source().unwrap().to_string().contains(SECRET));
    let ledger = Problem::from_error(&errors[0]);
    assert_eq!(ledger.detail, "an internal error occurred");
    assert_eq!(ledger.title, "Internal Server Error");
    assert_eq!(ledger.code, "account_error.ledger");
    assert_eq!(
        Problem::from_error(&errors[1]).detail,
        "audit is catching up, try again soon"
    );
}

#[test]
fn business_problem_tells_the_caller_what_happened() {
    let id = ErrorId::new();
    let problem = Problem::from_reported(&AccountError::Locked(7), id);
    let json = serde_json::to_value(&problem).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "about:blank",
            "title": "Locked",
            "status": 423,
            "detail": "account 7 is locked",
            "code": "account_error.locked",
            // A business error's report is found in the log by its id too.
            "error_id": id.to_string(),
        })
    );
}
