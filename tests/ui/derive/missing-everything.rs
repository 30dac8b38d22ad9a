#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum ImportError {
    #[error("the file is not UTF-8")]
    NotUtf8,
    #[error("disk full")]
    #[onus(status = 507)]
    DiskFull,
}

fn main() {}
