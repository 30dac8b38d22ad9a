/// How a file error answers.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("the attachment store failed")]
#[onus(class = system, status = 500, severity = error, code = "files.broken")]
pub struct FileFailure;

impl FileFailure {
    pub fn of(_: &std::io::Error) -> Self {
        FileFailure
    }
}

pub fn classify(_: &std::io::Error) -> FileFailure {
    FileFailure
}

/// Classifies its own failures with an associated function named through `Self`.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum UploadError {
    /// Writing the upload failed.
    #[error("writing the upload failed")]
    #[onus(via = Self::classify)]
    Write(#[source] std::io::Error),
}

impl UploadError {
    pub fn classify(_: &std::io::Error) -> FileFailure {
        FileFailure
    }
}
