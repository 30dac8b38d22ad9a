#[derive(Debug, thiserror::Error, onus::Classify)]
#[error("db failure")]
#[onus(class = system, status = 503, severity = error)]
pub struct DbFailure;

pub fn db_failure(_: &std::io::Error) -> DbFailure {
    DbFailure
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    #[error("no field to classify")]
    #[onus(via = db_failure)]
    Nothing,
    #[error("two fields")]
    #[onus(via = db_failure)]
    Two(std::io::Error, u32),
}

fn main() {}
