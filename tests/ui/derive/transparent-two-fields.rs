#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("inner")]
#[onus(class = business, status = 400, severity = info)]
pub struct Inner;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OuterError {
    #[error("{0} at {1}")]
    #[onus(transparent)]
    Two(Inner, u32),
    #[error("nothing")]
    #[onus(transparent)]
    Nothing,
}

fn main() {}
