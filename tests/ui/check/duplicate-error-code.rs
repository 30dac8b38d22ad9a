#![allow(dead_code)]
// duplicate_error_code: two error types of one annotated module answer with the same code.

#[onus::check]
mod orders {
    #[derive(Debug, thiserror::Error, onus::Classify)]
    pub enum OrderError {
        #[error("no such order")]
        #[onus(class = business, status = 404, severity = info, code = "not_found")]
        Missing,
    }

    #[derive(Debug, thiserror::Error, onus::Classify)]
    pub enum CustomerError {
        #[error("no such customer")]
        #[onus(class = business, status = 404, severity = info, code = "not_found")]
        Missing,
    }
}

#[onus::check(deny(duplicate_error_code))]
mod billing {
    #[derive(Debug, thiserror::Error, onus::Classify)]
    pub enum InvoiceError {
        #[error("no such invoice")]
        #[onus(class = business, status = 404, severity = info, code = "billing.missing")]
        Missing,
    }

    #[derive(Debug, thiserror::Error, onus::Classify)]
    pub enum PaymentError {
        #[error("no such payment")]
        #[onus(class = business, status = 404, severity = info, code = "billing.missing")]
        Missing,
    }
}

fn main() {}
