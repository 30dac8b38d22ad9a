#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum CheckoutError {
    #[error("the basket is empty")]
    #[onus(class = business, status = 422)]
    EmptyBasket,
}

fn main() {}
