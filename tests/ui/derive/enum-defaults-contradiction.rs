#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, status = 503, severity = error)]
pub enum SearchError {
    #[error("index rebuilding")]
    Rebuilding,
    #[error("index corrupt")]
    Corrupt,
}

fn main() {}
