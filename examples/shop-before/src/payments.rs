//! `POST /orders/{id}/payment`, and the client of the card-payment provider.

use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fake_payments::{Charge, ChargeRequest};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::mail::MailJob;

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("card declined")]
    Declined,
    #[error("payment provider answered {0}")]
    Provider(reqwest::StatusCode),
    #[error("payment provider unreachable: {0}")]
    Http(#[from] reqwest::Error),
}

#[derive(Debug, Clone)]
pub struct PaymentsClient {
    http: reqwest::Client,
    base_url: String,
}

impl PaymentsClient {
    pub fn new(base_url: String, timeout: Duration) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
        Ok(Self { http, base_url })
    }

    pub async fn charge(&self, amount_cents: u64, card: &str) -> Result<Charge, PaymentError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_charge(amount_cents, card).await {
                Ok(charge) => return Ok(charge),
                Err(PaymentError::Declined) => return Err(PaymentError::Declined),
                Err(error) => {
                    if attempt == 5 {
                        return Err(error);
                    }
                    tracing::warn!("charge failed, retrying: {error}");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
    }

    async fn try_charge(&self, amount_cents: u64, card: &str) -> Result<Charge, PaymentError> {
        let request = ChargeRequest {
            amount_cents,
            card: card.to_owned(),
        };
        let response = self
            .http
            .post(format!("{}/v1/charges", self.base_url))
            .json(&request)
            .send()
            .await?;
        match response.status() {
            status if status.is_success() => Ok(response.json().await?),
            reqwest::StatusCode::PAYMENT_REQUIRED => Err(PaymentError::Declined),
            status => Err(PaymentError::Provider(status)),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PaymentRequest {
    pub card: String,
}

#[derive(Debug, Serialize)]
pub struct Receipt {
    pub order_id: u64,
    pub charge_id: String,
    pub amount_cents: u64,
}

pub async fn pay(
    State(state): State<AppState>,
    Path(id): Path<u64>,
    Json(request): Json<PaymentRequest>,
) -> Result<Json<Receipt>, StatusCode> {
    let order = state
        .store
        .order(id)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
        .ok_or(StatusCode::NOT_FOUND)?;
    if order.charge_id.is_some() {
        return Err(StatusCode::CONFLICT);
    }
    let charge = match state
        .payments
        .charge(order.total_cents, &request.card)
        .await
    {
        Ok(charge) => charge,
        Err(PaymentError::Declined) => return Err(StatusCode::PAYMENT_REQUIRED),
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),
    };
    state.store.mark_paid(id, &charge.id).ok();
    match state.mail.send(MailJob::Receipt {
        to: order.email,
        order_id: id,
    }) {
        Err(_) => {}
        Ok(()) => tracing::info!(order_id = id, "receipt queued"),
    }
    Ok(Json(Receipt {
        order_id: id,
        charge_id: charge.id,
        amount_cents: charge.amount_cents,
    }))
}
