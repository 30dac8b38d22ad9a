use std::io;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("store unreachable")]
#[onus(class = system, status = 503, severity = error)]
pub struct StoreDown;

#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, status = 400, severity = info)]
pub enum ImportError {
    // The caller would read the system error's text.
    #[error("invalid input: {0}")]
    WrapsSystem(#[source] StoreDown),
    #[error("cannot read the upload: {source}")]
    Upload {
        #[from]
        source: io::Error,
    },
    #[error(transparent)]
    Io(io::Error),
    #[error("line {line}: {}", .source)]
    Positional { line: usize, source: StoreDown },
    // Fine: the source is kept for the operator, not shown.
    #[error("the file is not valid CSV")]
    NotCsv(#[source] StoreDown),
    // Fine: a public text replaces the Display.
    #[error("invalid input: {0}")]
    #[onus(public = "the input could not be read")]
    Replaced(#[source] StoreDown),
    // Fine: a reason says why its text is the caller's.
    #[error("invalid JSON: {0}")]
    #[onus(reason = "serde_json's message points at the caller's own JSON")]
    Json(#[source] serde_json::Error),
}

fn main() {}
