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

// The type's own `#[onus::allow]` covers the finding at its name: neither reported nor unused.
#[onus::check(deny(unclassified_error, unused_suppression))]
mod cli {
    #[derive(Debug, thiserror::Error)]
    #[onus::allow(unclassified_error, reason = "a CLI error, mapped to an exit status")]
    pub enum CliError {
        #[error("usage")]
        Usage,
    }
}

fn main() {}
