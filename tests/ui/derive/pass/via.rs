// `via`: a variant (or struct) answers as what a function of its field returns, keeping its own
// `Display` and `source()`.
use std::error::Error as _;

use onus::{Class, Classified, Severity, StatusCode};

/// Stands in for a foreign error such as `rusqlite::Error`: onus cannot be implemented for it.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("query returned no rows")]
    NoRows,
    #[error("connection to 10.0.0.7 refused")]
    Refused,
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum DbFailure {
    #[error("no such note")]
    #[onus(class = business, status = 404, severity = info, code = "db.not_found")]
    NotFound,
    #[error("database unavailable")]
    #[onus(class = system, status = 503, severity = error, retry_after = 5, public = "try again shortly")]
    Unavailable,
    #[error("database broken")]
    #[onus(class = system, status = 500, severity = error)]
    Broken,
}

pub fn db_failure(error: &DriverError) -> DbFailure {
    match error {
        DriverError::NoRows => DbFailure::NotFound,
        DriverError::Refused => DbFailure::Unavailable,
    }
}

mod classify {
    pub fn broken(_: &std::io::Error) -> super::DbFailure {
        super::DbFailure::Broken
    }
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    #[error("the notes database failed: {0}")]
    #[onus(via = db_failure)]
    Db(#[from] DriverError),
    #[error("reading the note failed")]
    #[onus(via = crate::classify::broken)]
    Io {
        #[source]
        source: std::io::Error,
    },
    #[error("title is empty")]
    #[onus(class = business, status = 400, severity = info)]
    EmptyTitle,
}

#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("store: {0}")]
#[onus(via = db_failure)]
pub struct StoreError(#[source] DriverError);

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum OnlyVia {
    #[error("db: {0}")]
    #[onus(via = db_failure)]
    Db(DriverError),
}

/// The classifying function may be the type's own.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum SelfVia {
    #[error("driver: {0}")]
    #[onus(via = Self::classify)]
    Driver(DriverError),
}

impl SelfVia {
    fn classify(error: &DriverError) -> DbFailure {
        db_failure(error)
    }
}

fn main() {
    let missing = NoteError::from(DriverError::NoRows);
    assert_eq!(missing.class(), Class::Business);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.severity(), Severity::Info);
    assert_eq!(missing.code(), "db.not_found");
    assert!(!missing.retryable());
    // The public message is the returned value's, the Display and source the variant's own.
    assert_eq!(missing.public_message().to_string(), "no such note");
    assert_eq!(missing.to_string(), "the notes database failed: query returned no rows");
    assert!(missing.source().is_some());

    let down = NoteError::Db(DriverError::Refused);
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.is_system() && down.retryable());
    assert_eq!(down.retry_after(), Some(std::time::Duration::from_secs(5)));
    assert_eq!(down.public_message().to_string(), "try again shortly");

    let io = NoteError::Io { source: std::io::Error::other("disk on fire") };
    assert_eq!(io.code(), "db_failure.broken");
    assert_eq!(io.public_message().to_string(), onus::GENERIC_SYSTEM_MESSAGE);

    assert_eq!(NoteError::EmptyTitle.public_message().to_string(), "title is empty");

    let store = StoreError(DriverError::NoRows);
    assert_eq!(store.status(), StatusCode::NOT_FOUND);
    assert_eq!(store.public_message().to_string(), "no such note");

    assert_eq!(SelfVia::Driver(DriverError::Refused).code(), "db_failure.unavailable");

    let only = OnlyVia::Db(DriverError::NoRows);
    assert_eq!(only.code(), "db.not_found");
    assert_eq!(only.public_message().to_string(), "no such note");
}
