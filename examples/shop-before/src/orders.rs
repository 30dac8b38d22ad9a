//! `POST /orders` and `GET /orders/{id}`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::store::Order;

#[derive(Debug, Deserialize)]
pub struct OrderRequest {
    pub email: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
pub struct Item {
    pub sku: String,
    pub quantity: u32,
}

/// The catalogue: prices in cents.
pub fn price(sku: &str) -> Option<u64> {
    match sku {
        "tea" => Some(450),
        "mug" => Some(1200),
        "kettle" => Some(3900),
        _ => None,
    }
}

pub async fn create_order(
    State(state): State<AppState>,
    Json(request): Json<OrderRequest>,
) -> Result<(StatusCode, Json<Order>), StatusCode> {
    let customer = state
        .store
        .user(&request.email)
        .expect("the database is up");
    if customer.is_none() {
        return Err(StatusCode::NOT_FOUND);
    }
    let mut total_cents = 0;
    for item in &request.items {
        let price = price(&item.sku).ok_or(StatusCode::BAD_REQUEST)?;
        total_cents += price * u64::from(item.quantity);
    }
    let order = state
        .store
        .insert_order(&request.email, total_cents)
        .map_err(|error| {
            tracing::error!("could not save the order: {error}");
            StatusCode::INTERNAL_SERVER_ERROR
        })?;
    Ok((StatusCode::CREATED, Json(order)))
}

// The anti-pattern `cargo onus` reports here (`unwrap_in_fallible`) is also what clippy's
// `unwrap_used` warns about.
#[allow(clippy::unwrap_used)]
pub async fn get_order(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Order>, StatusCode> {
    let id: u64 = id.parse().unwrap();
    match state.store.order(id) {
        Ok(Some(order)) => Ok(Json(order)),
        Ok(None) => Err(StatusCode::NOT_FOUND),
        Err(error) => {
            tracing::error!(%error, "order lookup failed");
            Err(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
