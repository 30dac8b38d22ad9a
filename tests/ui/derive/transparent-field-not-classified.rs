#[derive(Debug, thiserror::Error)]
#[error("plain")]
pub struct Plain;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum WrapperError {
    #[error(transparent)]
    #[onus(transparent)]
    Plain(#[from] Plain),
}

fn main() {}
