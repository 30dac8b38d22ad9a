#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("db failure")]
#[onus(class = system, status = 503, severity = error)]
pub struct DbFailure;

pub fn db_failure(_: &std::io::Error) -> DbFailure {
    DbFailure
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    #[error("declared twice")]
    #[onus(via = db_failure, class = system, status = 503, severity = error, code = "note.db")]
    Db(std::io::Error),
    #[error("delegated twice")]
    #[onus(transparent, via = db_failure)]
    Both(std::io::Error),
}

fn main() {}
