#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum CheckoutError {
    #[error("the basket is empty")]
    #[onus(class = business, status = 500, severity = info)]
    EmptyBasket,
}

fn main() {}
