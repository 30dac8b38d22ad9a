#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("inner")]
#[onus(class = business, status = 400, severity = info)]
pub struct Inner;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
pub enum OuterError {
    #[error(transparent)]
    #[onus(transparent, class = system, status = 502)]
    Upstream(Inner),
}

fn main() {}
