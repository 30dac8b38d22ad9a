use crate::files::FileFailure;

/// Why a note could not be served.
#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    /// The title is empty.
    #[error("a note needs a title")]
    #[onus(class = business, status = 400, severity = info, code = "note.untitled")]
    Untitled,
    /// Reading the note failed.
    #[error("reading the note failed: {0}")]
    #[onus(via = crate::db::db_failure)]
    Db(#[from] rusqlite::Error),
    /// Reading its attachment failed.
    #[error("reading the attachment failed")]
    #[onus(via = FileFailure::of)]
    Attachment(#[source] std::io::Error),
    /// The function is another crate's: its return type is not in the checked code.
    #[error("the remote store failed")]
    #[onus(via = remote::classify)]
    Remote(#[source] remote::Error),
    /// Two functions are named `classify`.
    #[error("the cache failed")]
    #[onus(via = crate::db::classify)]
    Cache(#[source] rusqlite::Error),
}
