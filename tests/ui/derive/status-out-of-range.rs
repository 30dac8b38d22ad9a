#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum RedirectError {
    #[error("moved")]
    #[onus(class = business, status = 302, severity = info)]
    Moved,
    #[error("fine")]
    #[onus(class = business, status = OK, severity = info)]
    Fine,
    #[error("beyond")]
    #[onus(class = system, status = 600, severity = error)]
    Beyond,
}

fn main() {}
