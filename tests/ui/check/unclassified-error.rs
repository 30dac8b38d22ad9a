#![allow(dead_code)]
// unclassified_error: an error type in an annotated module that does not declare its class,
// status and severity. `deny` makes classification compulsory for the whole module.

#[onus::check]
mod store {
    #[derive(Debug, thiserror::Error)]
    pub enum StoreError {
        #[error("the store is down")]
        Down,
    }

    #[derive(Debug, thiserror::Error, onus::Classify)]
    #[onus(class = system, status = 503, severity = error)]
    #[error("the store is busy")]
    pub struct Busy;
}

#[onus::check(deny(unclassified_error))]
mod signup {
    #[derive(Debug, thiserror::Error)]
    pub enum SignupError {
        #[error("this email is already registered")]
        EmailTaken,
    }
}

fn main() {}
