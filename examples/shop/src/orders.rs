//! `POST /orders` and `GET /orders/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::request::{Json, Path, RequestError};
use crate::store::{Order, StoreError};

/// Why an order could not be placed or found.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, severity = info)]
pub enum OrderError {
    /// No customer has this email.
    #[error("no customer is registered with this email")]
    #[onus(status = 422, code = "order.unknown_customer")]
    UnknownCustomer,
    /// The order lists no item.
    #[error("an order needs at least one item")]
    #[onus(status = 422, code = "order.empty")]
    Empty,
    /// An item is not in the catalogue.
    #[error("{0:?} is not in the catalogue")]
    #[onus(status = 422, code = "order.unknown_sku")]
    UnknownSku(String),
    /// No order has this number.
    #[error("order {0} does not exist")]
    #[onus(status = 404, code = "order.not_found")]
    NotFound(u64),
    /// The database failed.
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] StoreError),
}

/// The body of `POST /orders`.
#[derive(Debug, Deserialize)]
pub struct OrderRequest {
    /// Who orders.
    pub email: String,
    /// What they order.
    pub items: Vec<Item>,
}

/// One line of an order.
#[derive(Debug, Deserialize)]
pub struct Item {
    /// The catalogue's name of the product.
    pub sku: String,
    /// How many.
    pub quantity: u32,
}

/// The catalogue: prices in cents.
#[must_use]
pub fn price(sku: &str) -> Option<u64> {
    match sku {
        "tea" => Some(450),
        "mug" => Some(1200),
        "kettle" => Some(3900),
        _ => None,
    }
}

/// Places an order.
///
/// # Errors
///
/// An [`OrderError`]: its declaration is the answer.
#[utoipa::path(
    post,
    path = "/orders",
    responses(
        (status = 201, description = "The order is placed"),
        onus::openapi::OneOf<(OrderError, RequestError)>,
    )
)]
#[onus::check(deny)]
pub async fn create_order(
    State(state): State<AppState>,
    Json(request): Json<OrderRequest>,
) -> Result<(StatusCode, axum::Json<Order>), OrderError> {
    if state.store.user(&request.email)?.is_none() {
        return Err(OrderError::UnknownCustomer);
    }
    if request.items.is_empty() {
        return Err(OrderError::Empty);
    }
    let mut total_cents = 0;
    for item in &request.items {
        let price = price(&item.sku).ok_or_else(|| OrderError::UnknownSku(item.sku.clone()))?;
        total_cents += price * u64::from(item.quantity);
    }
    let order = state.store.insert_order(&request.email, total_cents)?;
    Ok((StatusCode::CREATED, axum::Json(order)))
}

/// Shows an order.
///
/// # Errors
///
/// An [`OrderError`]: its declaration is the answer.
#[utoipa::path(
    get,
    path = "/orders/{id}",
    params(("id" = u64, Path, description = "The order's number")),
    responses(
        (status = 200, description = "The order"),
        onus::openapi::OneOf<(OrderError, RequestError)>,
    )
)]
#[onus::check(deny)]
pub async fn get_order(
    State(state): State<AppState>,
    Path(id): Path<u64>,
) -> Result<axum::Json<Order>, OrderError> {
    let order = state.store.order(id)?.ok_or(OrderError::NotFound(id))?;
    Ok(axum::Json(order))
}
