//! `POST /orders/{id}/payment`, through the fake payment provider.

use fake_payments::{
    CARD_DECLINED, CARD_FLAKY, CARD_GARBLED, CARD_OK, CARD_OUTAGE, CARD_SLOW, FLAKY_FAILURES,
};
use serde_json::json;
use shop::mail::MailJob;
use tracing::Level;

use crate::support::{Expected, Harness, Options, check_problem};

const UNAVAILABLE: &str = "payments are temporarily unavailable, please try again later";

async fn pay(shop: &Harness, order: u64, card: &str) -> crate::support::Answer {
    shop.post(&format!("/orders/{order}/payment"), &json!({"card": card}))
        .await
}

async fn ordered(shop: &Harness) -> u64 {
    shop.sign_up("ada@example.com").await;
    shop.order("ada@example.com").await
}

#[tokio::test(flavor = "current_thread")]
async fn a_payment_is_charged_recorded_and_confirmed_by_mail() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_OK).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let receipt = answer.json();
    assert_eq!(receipt["order_id"], order);
    assert_eq!(receipt["amount_cents"], 2400);
    let shown = shop.get(&format!("/orders/{order}")).await.json();
    assert_eq!(shown["charge_id"], receipt["charge_id"]);
    shop.wait_for_relay(|relay| {
        relay.delivered().contains(&MailJob::Receipt {
            to: "ada@example.com".to_owned(),
            order_id: order,
        })
    })
    .await;
    assert!(shop.take_reports().is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn paying_twice_is_a_conflict() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    assert_eq!(pay(&shop, order, CARD_OK).await.status, 200);
    let answer = pay(&shop, order, CARD_OK).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 409,
            code: "payment.already_paid",
            detail: &format!("order {order} is already paid"),
            level: Level::INFO,
        },
    );
    assert_eq!(shop.provider.charges_received(), 1, "not charged twice");
}

#[tokio::test(flavor = "current_thread")]
async fn paying_an_unknown_order_is_not_found() {
    let shop = Harness::start().await;
    let answer = pay(&shop, 99, CARD_OK).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 404,
            code: "payment.unknown_order",
            detail: "order 99 does not exist",
            level: Level::INFO,
        },
    );
    assert_eq!(shop.provider.charges_received(), 0);
}

#[tokio::test(flavor = "current_thread")]
async fn a_declined_card_is_the_customers_and_is_not_retried() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_DECLINED).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 402,
            code: "payment.declined",
            detail: "the card was declined",
            level: Level::INFO,
        },
    );
    assert_eq!(shop.provider.charges_received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn an_invalid_card_number_is_the_customers() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, "1234").await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 422,
            code: "payment.invalid_card",
            detail: "the card number is not valid",
            level: Level::INFO,
        },
    );
    assert_eq!(shop.provider.charges_received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_transient_provider_failure_is_retried_with_backoff_and_passes() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_FLAKY).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(shop.provider.charges_received(), FLAKY_FAILURES + 1);
    let events = shop.take_events();
    let retries: Vec<_> = events
        .iter()
        .filter(|event| event.get("message") == Some("charge failed, retrying"))
        .collect();
    assert_eq!(retries.len(), FLAKY_FAILURES as usize, "{events:#?}");
    assert!(
        retries.iter().all(
            |event| event.get("code") == Some("payment.provider_unavailable")
                && event.get("error").is_some()
        ),
        "each retry is logged with its error: {retries:#?}"
    );
    assert!(
        events.iter().all(|event| event.target != "onus::report"),
        "a retry that passes reports no error: {events:#?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_provider_outage_is_ours_after_the_retries_run_out() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_OUTAGE).await;
    let (_, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 503,
            code: "payment.provider_unavailable",
            detail: UNAVAILABLE,
            level: Level::ERROR,
        },
    );
    assert_eq!(
        shop.provider.charges_received(),
        1 + u32::try_from(onus::retry::MAX_RETRIES).unwrap()
    );
    assert_eq!(
        report.get("message"),
        Some("the payment provider answered 503")
    );
    // No `Retry-After`: the client backs off on its own (onus::client::Reaction).
    assert!(answer.headers.get("retry-after").is_none());
}

#[tokio::test(flavor = "current_thread")]
async fn a_slow_provider_is_a_gateway_timeout() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_SLOW).await;
    let (_, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 504,
            code: "payment.provider_timeout",
            detail: "the payment could not be confirmed in time; please check the order before paying again",
            level: Level::ERROR,
        },
    );
    assert!(
        report
            .get("source_chain")
            .is_some_and(|chain| !chain.is_empty()),
        "the log keeps the cause: {report:#?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreadable_provider_answer_is_a_bad_gateway_and_is_not_retried() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_GARBLED).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 502,
            code: "payment.provider_bad_response",
            detail: onus::GENERIC_SYSTEM_MESSAGE,
            level: Level::ERROR,
        },
    );
    assert_eq!(shop.provider.charges_received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_misconfigured_provider_url_is_a_bad_gateway_and_is_not_retried() {
    let shop = Harness::with(Options {
        payments_path: "/wrong",
        ..Options::default()
    })
    .await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_OK).await;
    let (_, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 502,
            code: "payment.provider_rejected",
            detail: onus::GENERIC_SYSTEM_MESSAGE,
            level: Level::ERROR,
        },
    );
    assert_eq!(
        report.get("message"),
        Some("the payment provider rejected the request with 404")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreachable_provider_is_ours() {
    // A port that is bound but never listened on: connecting to it is refused, and, unlike a
    // port bound then freed, no server of a test running alongside can be handed it meanwhile.
    let reserved = tokio::net::TcpSocket::new_v4().unwrap();
    reserved.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let address = reserved.local_addr().unwrap();
    let shop = Harness::with(Options {
        payments_url: Some(format!("http://{address}")),
        ..Options::default()
    })
    .await;
    let order = ordered(&shop).await;
    let answer = pay(&shop, order, CARD_OK).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 503,
            code: "payment.provider_unreachable",
            detail: UNAVAILABLE,
            level: Level::ERROR,
        },
    );
    drop(reserved);
}

#[tokio::test(flavor = "current_thread")]
async fn a_charge_that_cannot_be_recorded_says_so_and_is_fatal() {
    let shop = Harness::with(Options {
        payments_timeout: fake_payments::SLOW_DELAY * 5,
        ..Options::default()
    })
    .await;
    let order = ordered(&shop).await;
    // The slow card keeps the charge in flight; the database goes down once the provider has
    // the charge, so after the order was read and before the payment is recorded.
    let payment = pay(&shop, order, CARD_SLOW);
    let outage = async {
        while shop.provider.charges_received() == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        shop.store.set_down(true);
    };
    let (answer, ()) = tokio::join!(payment, outage);
    let (_, report) = check_problem(
        &shop,
        &answer,
        &Expected {
            status: 500,
            code: "payment.unrecorded_charge",
            detail: "your payment was received but could not be recorded yet; do not pay again, we will confirm it",
            level: Level::ERROR,
        },
    );
    assert_eq!(report.get("fatal"), Some("true"));
    assert_eq!(report.get("severity"), Some("fatal"));
    // The operator has what reconciling needs: the order and the charge.
    let message = report.get("message").unwrap();
    assert!(
        message.contains(&format!("order {order}")) && message.contains("ch_1"),
        "{message}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_outage_before_charging_charges_nothing() {
    let shop = Harness::start().await;
    let order = ordered(&shop).await;
    shop.store.set_down(true);
    let answer = pay(&shop, order, CARD_OK).await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 503,
            code: "store.unavailable",
            detail: "the shop is temporarily unavailable, please try again shortly",
            level: Level::ERROR,
        },
    );
    assert_eq!(shop.provider.charges_received(), 0);
}
