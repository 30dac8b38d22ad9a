//! What the framework integrations share: one report, one body, the same headers everywhere.
//!
//! The derive invokes [`__onus_integrate!`](crate::__onus_integrate) for every type; each
//! feature-gated submodule defines the `macro_rules!` that writes its framework's trait impl as a
//! one-line call into a plain generic function here, so the code generated per type stays small.

#[cfg(feature = "actix")]
pub(crate) mod actix;
#[cfg(feature = "axum")]
pub(crate) mod axum;
#[cfg(feature = "tonic")]
pub mod grpc;

#[cfg(any(feature = "axum", feature = "actix"))]
use crate::{Classified, Problem, StatusCode, report};

/// An HTTP error response, framework-neutral: built after reporting the error exactly once.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) struct HttpAnswer {
    pub(crate) status: StatusCode,
    /// `application/problem+json` bytes of the [`Problem`].
    pub(crate) body: Vec<u8>,
    /// Whole seconds for `Retry-After`, for retryable errors that declare a delay.
    pub(crate) retry_after: Option<u64>,
}

#[cfg(any(feature = "axum", feature = "actix"))]
impl HttpAnswer {
    /// Reports `error` (one log event) and builds the response that carries the same error id.
    pub(crate) fn report<E: Classified + ?Sized>(error: &E) -> Self {
        let id = report(error);
        let problem = Problem::from_reported(error, id);
        let retry_after = if error.retryable() {
            // `Retry-After` counts whole seconds; rounding down could bring a client back early.
            error
                .retry_after()
                .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
        } else {
            None
        };
        Self {
            status: error.status(),
            body: problem.to_json_bytes(),
            retry_after,
        }
    }
}
