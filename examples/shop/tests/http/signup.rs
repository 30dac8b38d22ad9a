//! `POST /signup`, and the request errors every endpoint shares.

use serde_json::json;
use tracing::Level;

use crate::support::{Expected, Harness, Options, check_problem};

const STORE_DOWN: &str = "the shop is temporarily unavailable, please try again shortly";

#[tokio::test(flavor = "current_thread")]
async fn signup_creates_the_account_and_sends_the_welcome_mail() {
    let shop = Harness::start().await;
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada@example.com", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.json(), json!({"email": "ada@example.com"}));
    shop.wait_for_relay(|relay| !relay.delivered().is_empty())
        .await;
    assert!(shop.take_reports().is_empty(), "a success reports nothing");
}

#[tokio::test(flavor = "current_thread")]
async fn an_invalid_email_is_the_callers_and_stays_out_of_the_log() {
    let shop = Harness::start().await;
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada.example.com", "password": "correct horse battery"}),
        )
        .await;
    let (_, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 400,
            code: "signup.invalid_email",
            // The caller sees what they typed: it is theirs to fix.
            detail: "\"ada.example.com\" is not an email address",
            level: Level::INFO,
        },
    );
    // The log does not: an email address is personal data.
    assert_eq!(report.get("message"), Some(onus::REDACTED), "{report:#?}");
    assert_eq!(report.get("sensitive"), Some("true"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_weak_password_is_the_callers() {
    let shop = Harness::start().await;
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada@example.com", "password": "hunter2"}),
        )
        .await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 400,
            code: "signup.weak_password",
            detail: "the password must be at least 12 characters long",
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_taken_email_is_a_conflict() {
    let shop = Harness::start().await;
    shop.sign_up("ada@example.com").await;
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada@example.com", "password": "another long password"}),
        )
        .await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 409,
            code: "signup.email_taken",
            detail: "this email is already registered",
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_outage_is_ours_and_says_when_to_come_back() {
    let shop = Harness::start().await;
    shop.store.set_down(true);
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada@example.com", "password": "correct horse battery"}),
        )
        .await;
    let (problem, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 503,
            code: "store.unavailable",
            detail: STORE_DOWN,
            level: Level::ERROR,
        },
    );
    assert!(problem["error_id"].is_string());
    assert_eq!(answer.headers["retry-after"], "5");
    assert_eq!(
        report.get("runbook"),
        Some("docs/runbooks/store.unavailable.md")
    );
    assert_eq!(
        report.get("message"),
        Some("connection to the database refused")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_stopped_mail_worker_is_reported_but_does_not_undo_the_signup() {
    let shop = Harness::with(Options {
        mail_worker: false,
        ..Options::default()
    })
    .await;
    let answer = shop
        .post(
            "/signup",
            &json!({"email": "ada@example.com", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let reports = shop.take_reports();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].get("code"), Some("mail.queue_closed"));
    assert_eq!(reports[0].level, Level::ERROR);
    assert_eq!(
        reports[0].get("runbook"),
        Some("docs/runbooks/mail.queue_closed.md")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_body_that_is_not_json_is_the_callers() {
    let shop = Harness::start().await;
    let answer = shop
        .post_raw("/signup", "text/plain", "email=ada@example.com".to_owned())
        .await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 415,
            code: "request.not_json",
            detail: "the request body must be JSON, sent with `Content-Type: application/json`",
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn malformed_json_is_the_callers() {
    let shop = Harness::start().await;
    let answer = shop
        .post_raw("/signup", "application/json", "{\"email\": ".to_owned())
        .await;
    let problem = answer.json();
    let detail = problem["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.starts_with("the request body is not valid JSON: "),
        "{detail}"
    );
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 400,
            code: "request.malformed_json",
            detail: &detail,
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn json_of_the_wrong_shape_is_the_callers() {
    let shop = Harness::start().await;
    let answer = shop
        .post("/signup", &json!({"email": "ada@example.com"}))
        .await;
    let problem = answer.json();
    let detail = problem["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("missing field `password`"), "{detail}");
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 422,
            code: "request.invalid_body",
            detail: &detail,
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_route_answers_with_a_problem_too() {
    let shop = Harness::start().await;
    let answer = shop.get("/nothing/here").await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 404,
            code: "request.unknown_route",
            detail: "there is nothing at this path",
            level: Level::INFO,
        },
    );
}
