use onus::{Class, Classified, Severity};

// Raw identifiers name the same words: `r#system` is `system`.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum StoreError {
    #[error("store unreachable")]
    #[onus(class = r#system, status = 503, severity = r#error)]
    Down,
    #[error("no such row")]
    #[onus(class = r#business, status = r#NOT_FOUND, severity = info)]
    Missing,
}

fn main() {
    assert_eq!(StoreError::Down.class(), Class::System);
    assert_eq!(StoreError::Down.severity(), Severity::Error);
    assert_eq!(StoreError::Missing.status(), 404);
}
