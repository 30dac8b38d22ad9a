/// How a database error answers.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum DbFailure {
    /// No row matched.
    #[error("no such note")]
    #[onus(class = business, status = 404, severity = info, code = "db.not_found")]
    NotFound,
    /// The database did not answer.
    #[error("the database is unavailable")]
    #[onus(class = system, status = 503, severity = error, code = "db.unavailable")]
    Unavailable,
}

pub fn db_failure(error: &rusqlite::Error) -> DbFailure {
    match error {
        rusqlite::Error::QueryReturnedNoRows => DbFailure::NotFound,
        _ => DbFailure::Unavailable,
    }
}

/// Two functions of this name return different types: which one a `via` means is not known.
pub fn classify(_: &rusqlite::Error) -> DbFailure {
    DbFailure::Unavailable
}
