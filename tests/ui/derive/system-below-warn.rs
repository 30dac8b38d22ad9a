#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum CacheError {
    #[error("cache node unreachable")]
    #[onus(class = system, status = 503, severity = info)]
    Unreachable,
}

fn main() {}
