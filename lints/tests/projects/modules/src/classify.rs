use onus::{Class, Classified, Severity};

// Classified by hand, in another file than its declaration and under a name other types share:
// the path says which `Error` this is.
impl Classified for crate::ledger::Error {
    fn class(&self) -> Class {
        Class::Business
    }

    fn status(&self) -> http::StatusCode {
        http::StatusCode::BAD_REQUEST
    }

    fn severity(&self) -> Severity {
        Severity::Info
    }

    fn code(&self) -> &'static str {
        "ledger"
    }
}
