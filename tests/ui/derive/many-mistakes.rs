// One build reports every mistake of the type, each at its own variant or key.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, severity = error)]
pub enum PaymentError {
    #[error("card declined")]
    #[onus(class = business, status = 402, severty = info)]
    Declined,
    #[error("gateway down")]
    #[onus(status = 200)]
    GatewayDown,
    #[error("fraud suspected")]
    #[onus(class = business, status = 403, severity = fatal)]
    Fraud,
    #[error("ledger unavailable")]
    #[onus(status = 503, severity = debug)]
    Ledger,
    #[error("currency unsupported")]
    #[onus(class = business, status = 422, severity = info, code = "payment_error.declined")]
    Currency,
    #[error("no status at all")]
    NoStatus,
}

// The type is still `Classified`: no cascade of "trait not implemented" errors here.
fn needs_classified(_: &impl onus::Classified) {}

fn main() {
    needs_classified(&PaymentError::NoStatus);
}
