#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ParseError {
    #[error("bad line {0}")]
    #[onus(class = business, status = 400, severity = info)]
    BadLine(#[onus(sensitive)] u32),
}

fn main() {}
