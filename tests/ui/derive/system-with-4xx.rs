#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, severity = error)]
pub enum ReportError {
    #[error("report template missing")]
    #[onus(status = 404)]
    TemplateMissing,
}

fn main() {}
