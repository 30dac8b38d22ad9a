//! Every error says whose *onus* it is.
//!
//! A **business** error is the caller's: bad input, no permission, already registered. It answers
//! with a 4xx status and a message that tells the caller what to fix. A **system** error is ours:
//! a database that is down, a bug, a failed upstream. It answers with a 5xx status and a generic
//! message, and it is logged loudly enough for an operator to act.
//!
//! `#[derive(Classify)]` makes every error declare its [`Class`], [`StatusCode`] and [`Severity`]
//! and refuses to compile when a declaration is missing or contradicts itself.

mod class;
mod classified;
mod error_id;
mod problem;
mod report;

pub use class::{Class, Severity};
pub use classified::{Classified, GENERIC_SYSTEM_MESSAGE, PublicMessage, status_is_retryable};
pub use error_id::{ErrorId, ParseErrorIdError};
pub use http::StatusCode;
pub use onus_macros::Classify;
pub use onus_macros::allow;
pub use problem::Problem;
pub use report::{REDACTED, report};

/// Not public API: what the macros' generated code refers to.
#[doc(hidden)]
pub mod __private {
    pub use crate::class::{Class, Severity};
    pub use crate::classified::{Classified, PublicMessage};
    pub use core::option::Option;
    pub use core::time::Duration;
    pub use http::StatusCode;

    /// Framework integrations for a type deriving `Classify`; the derive invokes this as
    /// `__integrate! { impl [IMPL_GENERICS] [TYPE] where [PREDICATES,] }` and its expansion
    /// depends on which of onus's features are enabled.
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate {
        (impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]) => {};
    }
    pub use crate::__onus_integrate as __integrate;
}
