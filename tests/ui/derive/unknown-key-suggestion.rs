#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum LoginError {
    #[error("wrong password")]
    #[onus(class = business, status = 401, severty = info)]
    WrongPassword,
    #[error("account locked")]
    #[onus(class = business, status = 423, level = info)]
    Locked,
    #[error("too many attempts")]
    #[onus(class = business, status = 429, severity = info, colour = "red")]
    TooManyAttempts,
}

fn main() {}
