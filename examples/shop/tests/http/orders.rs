//! `POST /orders` and `GET /orders/{id}`.

use serde_json::json;
use tracing::Level;

use crate::support::{Expected, Harness, check_problem};

#[tokio::test(flavor = "current_thread")]
async fn an_order_is_placed_and_shown() {
    let shop = Harness::start().await;
    shop.sign_up("ada@example.com").await;
    let id = shop.order("ada@example.com").await;
    let answer = shop.get(&format!("/orders/{id}")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.json(),
        json!({"id": id, "email": "ada@example.com", "total_cents": 2400, "charge_id": null})
    );
    assert!(shop.take_reports().is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn the_callers_mistakes_are_named() {
    let shop = Harness::start().await;
    shop.sign_up("ada@example.com").await;
    let cases = [
        (
            json!({"email": "bob@example.com", "items": [{"sku": "tea", "quantity": 1}]}),
            422,
            "order.unknown_customer",
            "no customer is registered with this email",
        ),
        (
            json!({"email": "ada@example.com", "items": []}),
            422,
            "order.empty",
            "an order needs at least one item",
        ),
        (
            json!({"email": "ada@example.com", "items": [{"sku": "teapot", "quantity": 1}]}),
            422,
            "order.unknown_sku",
            "\"teapot\" is not in the catalogue",
        ),
    ];
    for (body, status, code, detail) in cases {
        let answer = shop.post("/orders", &body).await;
        check_problem(
            &shop,
            &answer,
            &Expected {
                status,
                code,
                detail,
                level: Level::INFO,
            },
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_order_is_not_found() {
    let shop = Harness::start().await;
    let answer = shop.get("/orders/41").await;
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 404,
            code: "order.not_found",
            detail: "order 41 does not exist",
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_order_number_that_is_not_a_number_is_the_callers() {
    let shop = Harness::start().await;
    let answer = shop.get("/orders/forty-one").await;
    let detail = answer.json()["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.starts_with("the path is not valid here: "),
        "{detail}"
    );
    check_problem(
        &shop,
        &answer,
        &Expected {
            status: 400,
            code: "request.invalid_path",
            detail: &detail,
            level: Level::INFO,
        },
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_outage_is_ours_for_orders_too() {
    let shop = Harness::start().await;
    shop.sign_up("ada@example.com").await;
    let id = shop.order("ada@example.com").await;
    shop.store.set_down(true);
    let expected = Expected {
        status: 503,
        code: "store.unavailable",
        detail: "the shop is temporarily unavailable, please try again shortly",
        level: Level::ERROR,
    };
    let placed = shop
        .post(
            "/orders",
            &json!({"email": "ada@example.com", "items": [{"sku": "tea", "quantity": 1}]}),
        )
        .await;
    check_problem(&shop, &placed, &expected);
    let shown = shop.get(&format!("/orders/{id}")).await;
    check_problem(&shop, &shown, &expected);
}
