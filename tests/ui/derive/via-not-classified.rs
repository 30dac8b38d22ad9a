#[derive(Debug, thiserror::Error)]
#[error("plain")]
pub struct Plain;

pub fn plain(_: &std::io::Error) -> Plain {
    Plain
}

pub fn status(_: &std::io::Error) -> u16 {
    503
}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoteError {
    #[error("io")]
    #[onus(via = plain)]
    Io(std::io::Error),
    #[error("status")]
    #[onus(via = status)]
    Status(std::io::Error),
}

fn main() {}
