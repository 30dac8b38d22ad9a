// Valid error statuses that `http` has no constant for (499, 599) still work.
use onus::Classified;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Unnamed {
    #[error("client closed request")]
    #[onus(class = business, status = 499, severity = info)]
    ClientClosed,
    #[error("network connect timeout")]
    #[onus(class = system, status = 599, severity = warn)]
    ConnectTimeout,
}

fn main() {
    assert_eq!(Unnamed::ClientClosed.status().as_u16(), 499);
    assert_eq!(Unnamed::ConnectTimeout.status().as_u16(), 599);
    assert!(!Unnamed::ConnectTimeout.retryable());
}
