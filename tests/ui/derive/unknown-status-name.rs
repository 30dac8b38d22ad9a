#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum SignupError {
    #[error("this email is already registered")]
    #[onus(class = business, status = CONFLCT, severity = info)]
    EmailTaken,
    #[error("try later")]
    #[onus(class = system, status = StatusCode::SERVICE_UNAVAILBLE, severity = warn)]
    Busy,
    #[error("whatever")]
    #[onus(class = system, status = Kaput, severity = warn)]
    Kaput,
}

fn main() {}
