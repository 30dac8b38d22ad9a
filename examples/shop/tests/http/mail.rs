//! The mail worker: retries what may pass, gives up on the rest with one report each.

use tracing::Level;

use crate::support::Harness;

#[tokio::test(flavor = "current_thread")]
async fn a_greylisted_mail_is_retried_and_delivered() {
    let shop = Harness::start().await;
    shop.sign_up("ada@greylist.example").await;
    shop.wait_for_relay(|relay| !relay.delivered().is_empty())
        .await;
    assert!(shop.relay.dead_letters().is_empty());
    let events = shop.take_events();
    assert!(
        events
            .iter()
            .any(|event| event.get("message") == Some("mail not delivered, retrying")),
        "{events:#?}"
    );
    assert!(events.iter().all(|event| event.target != "onus::report"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_bounced_mail_is_given_up_at_once_without_logging_the_address() {
    let shop = Harness::start().await;
    shop.sign_up("ada@bounce.example").await;
    shop.wait_for_relay(|relay| !relay.dead_letters().is_empty())
        .await;
    let dead = shop.relay.dead_letters();
    assert_eq!(dead[0].code, "mail.bounced");
    let reports = shop.take_reports();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let report = &reports[0];
    assert_eq!(
        report.level,
        Level::INFO,
        "the customer's typo pages nobody"
    );
    assert_eq!(report.get("message"), Some(onus::REDACTED));
    assert_eq!(
        report.get("error_id"),
        Some(dead[0].error_id.to_string().as_str())
    );
    assert!(
        !format!("{report:?}").contains("ada@bounce.example"),
        "{report:#?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_relay_outage_is_retried_then_reported_with_its_runbook() {
    let shop = Harness::start().await;
    shop.sign_up("ada@down.example").await;
    shop.wait_for_relay(|relay| !relay.dead_letters().is_empty())
        .await;
    let dead = shop.relay.dead_letters();
    assert_eq!(dead[0].code, "mail.relay_unavailable");
    let events = shop.take_events();
    let retries = events
        .iter()
        .filter(|event| event.get("message") == Some("mail not delivered, retrying"))
        .count();
    assert_eq!(retries, onus::retry::MAX_RETRIES);
    let reports: Vec<_> = events
        .iter()
        .filter(|event| event.target == "onus::report")
        .collect();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].level, Level::ERROR);
    assert_eq!(
        reports[0].get("runbook"),
        Some("docs/runbooks/mail.relay_unavailable.md")
    );
    assert_eq!(
        reports[0].get("error_id"),
        Some(dead[0].error_id.to_string().as_str())
    );
}
