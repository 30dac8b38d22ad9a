#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum LoginError {
    #[error("wrong password")]
    #[onus(class = business, status = 401, severity = error)]
    WrongPassword,
    #[error("account banned")]
    #[onus(class = business, status = 403, severity = fatal)]
    Banned,
}

fn main() {}
