#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum UploadError {
    #[error("file too large")]
    #[onus(class = business, status = 413, severity = info, retry_after = 60)]
    TooLarge,
    #[error("scanner down")]
    #[onus(class = system, status = 503, severity = error, retryable = false, retry_after = 30)]
    ScannerDown,
}

fn main() {}
