//! `POST /orders/{id}/payment`.

use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::mail::MailJob;
use crate::provider::ProviderError;
use crate::request::{Json, Path, RequestError};
use crate::store::StoreError;

/// Why an order could not be paid.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum PaymentError {
    /// No order has this number.
    #[error("order {0} does not exist")]
    #[onus(class = business, status = 404, severity = info, code = "payment.unknown_order")]
    UnknownOrder(u64),
    /// The order is already paid.
    #[error("order {0} is already paid")]
    #[onus(class = business, status = 409, severity = info, code = "payment.already_paid")]
    AlreadyPaid(u64),
    /// The card was charged but the payment could not be recorded: the customer paid for an
    /// order that still looks unpaid. Someone must reconcile it by hand.
    #[error("order {order_id} was charged ({charge_id}) but the payment was not recorded")]
    #[onus(
        class = system,
        status = 500,
        severity = fatal,
        retryable = false,
        code = "payment.unrecorded_charge",
        public = "your payment was received but could not be recorded yet; do not pay again, we will confirm it",
        runbook = "docs/runbooks/payment.unrecorded_charge.md"
    )]
    UnrecordedCharge {
        /// The order that was charged.
        order_id: u64,
        /// The provider's id of the charge, to reconcile with.
        charge_id: String,
        /// Why the write failed.
        #[source]
        source: StoreError,
    },
    /// Charging the card failed.
    #[error(transparent)]
    #[onus(transparent)]
    Provider(#[from] ProviderError),
    /// The database failed before anything was charged.
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] StoreError),
}

/// The body of `POST /orders/{id}/payment`.
#[derive(Debug, Deserialize)]
pub struct PaymentRequest {
    /// The card number.
    pub card: String,
}

/// A paid order.
#[derive(Debug, Serialize, Deserialize)]
pub struct Receipt {
    /// The order's number.
    pub order_id: u64,
    /// The payment provider's id of the charge.
    pub charge_id: String,
    /// What was charged, in cents.
    pub amount_cents: u64,
}

/// Pays an order.
///
/// # Errors
///
/// A [`PaymentError`]: its declaration is the answer.
#[utoipa::path(
    post,
    path = "/orders/{id}/payment",
    params(("id" = u64, Path, description = "The order's number")),
    responses(
        (status = 200, description = "The order is paid"),
        onus::openapi::OneOf<(PaymentError, RequestError)>,
    )
)]
#[onus::check(deny)]
pub async fn pay(
    State(state): State<AppState>,
    Path(id): Path<u64>,
    Json(request): Json<PaymentRequest>,
) -> Result<axum::Json<Receipt>, PaymentError> {
    let order = state
        .store
        .order(id)?
        .ok_or(PaymentError::UnknownOrder(id))?;
    if order.charge_id.is_some() {
        return Err(PaymentError::AlreadyPaid(id));
    }
    let charge = state
        .payments
        .charge(id, order.total_cents, &request.card)
        .await?;
    // From here on the customer has paid: a failure must say so, not look like an outage.
    state
        .store
        .mark_paid(&order, &charge.id)
        .map_err(|source| PaymentError::UnrecordedCharge {
            order_id: id,
            charge_id: charge.id.clone(),
            source,
        })?;
    if let Err(error) = state.mail.enqueue(MailJob::Receipt {
        to: order.email,
        order_id: id,
    }) {
        onus::report(&error);
    }
    Ok(axum::Json(Receipt {
        order_id: id,
        charge_id: charge.id,
        amount_cents: charge.amount_cents,
    }))
}
