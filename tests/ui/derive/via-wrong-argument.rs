#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("db failure")]
#[onus(class = system, status = 503, severity = error)]
pub struct DbFailure;

pub fn db_failure(_: &std::fmt::Error) -> DbFailure {
    DbFailure
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    #[error("io")]
    #[onus(via = db_failure)]
    Io(std::io::Error),
}

fn main() {}
