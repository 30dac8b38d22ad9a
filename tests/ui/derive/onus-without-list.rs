#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ParseError {
    #[error("bad line")]
    #[onus]
    BadLine,
    #[error("bad column")]
    #[onus = "business"]
    BadColumn,
}

fn main() {}
