#![allow(dead_code)]
// catch_all: one wildcard handler for business and system errors alike. The error enum must be
// declared inside the annotated item for the macro to know its variants.

#[onus::check]
mod billing {
    #[derive(Debug, thiserror::Error, onus::Classify)]
    #[onus(class = business, status = 402, severity = info)]
    pub enum BillingError {
        #[error("the card was declined")]
        CardDeclined,
        #[error("the card has expired")]
        Expired,
        #[error("the payment provider is down")]
        #[onus(class = system, status = 503, severity = error)]
        ProviderDown,
    }

    pub fn status(error: &BillingError) -> u16 {
        match error {
            BillingError::CardDeclined => 402,
            _ => 500,
        }
    }
}

#[onus::check(deny(catch_all))]
fn run_job(job: fn()) -> bool {
    std::panic::catch_unwind(job).is_ok()
}

fn main() {}
