/// Why an order failed.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OrderError {
    /// No order has this number.
    #[error("no such order")]
    #[onus(class = business, status = 404, severity = info, code = "order.not_found")]
    NotFound,
    /// Paying for it failed.
    #[error(transparent)]
    #[onus(transparent)]
    Payment(#[from] PaymentError),
}

/// The payment provider is down.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("the payment provider is down")]
#[onus(class = system, status = 503, severity = error, code = "payment.down")]
pub struct PaymentError;
