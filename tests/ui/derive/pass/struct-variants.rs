// Unit, tuple and struct variants, including a transparent named field.
use onus::{Classified, Severity};

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("inner")]
#[onus(class = system, status = 500, severity = fatal)]
pub struct Inner;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, status = 400, severity = info)]
pub enum FormError {
    #[error("field {name} is required")]
    Required { name: &'static str },
    #[error("field {0} is too long ({1} > {2})")]
    TooLong(&'static str, usize, usize),
    #[error("empty form")]
    Empty,
    #[error("{source}")]
    #[onus(transparent)]
    Internal { source: Inner },
}

fn main() {
    assert_eq!(FormError::Required { name: "email" }.code(), "form_error.required");
    assert_eq!(FormError::TooLong("bio", 300, 200).public_message().to_string(), "field bio is too long (300 > 200)");
    assert_eq!(FormError::Empty.severity(), Severity::Info);
    assert_eq!(FormError::Internal { source: Inner }.severity(), Severity::Fatal);
}
