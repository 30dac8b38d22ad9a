use onus::Classified;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    #[error("store unreachable")]
    #[onus(class = system, status = 503, severity = error)]
    Down,
    #[error("no such row")]
    #[onus(class = business, status = 404, severity = info)]
    Missing,
}

// A large error boxed to keep `Result` small still delegates to what it wraps.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ApiError {
    #[error(transparent)]
    #[onus(transparent)]
    Store(#[from] Box<StoreError>),
    #[error(transparent)]
    #[onus(transparent)]
    Qualified(std::boxed::Box<StoreError>),
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error(transparent)]
#[onus(transparent)]
pub struct Wrapper(Box<StoreError>);

fn main() {
    let down = ApiError::from(Box::new(StoreError::Down));
    assert_eq!(down.status(), 503);
    assert_eq!(down.code(), "store_error.down");
    let missing = ApiError::Qualified(Box::new(StoreError::Missing));
    assert_eq!(missing.status(), 404);
    assert!(missing.is_business());
    assert_eq!(Wrapper(Box::new(StoreError::Missing)).code(), "store_error.missing");
}
