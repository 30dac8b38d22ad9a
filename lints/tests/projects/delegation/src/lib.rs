//! `cargo onus catalog` follows `#[onus(transparent)]` into the classified types it wraps:
//! nested (`ApiError::Orders` → `OrderError::Payment` → `PaymentError`), not into a name two
//! types share (`StoreError`) or a type it does not know (`UpstreamError`), and around a cycle
//! (`PingError` ↔ `PongError`) without going round it.

mod api;
mod cycle;
mod ledger;
mod orders;
mod search;
