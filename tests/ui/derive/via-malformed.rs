#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(via = db_failure)]
pub enum NoteError {
    #[error("quoted")]
    #[onus(via = "db_failure")]
    Quoted(std::io::Error),
    #[error("called")]
    #[onus(via = db_failure(0))]
    Called(std::io::Error),
    #[error("missing")]
    #[onus(via)]
    Missing(std::io::Error),
}

fn main() {}
