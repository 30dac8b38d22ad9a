//! Every error says whose *onus* it is.
//!
//! A **business** error is the caller's: bad input, no permission, already registered. It answers
//! with a 4xx status and a message that tells the caller what to fix. A **system** error is ours:
//! a database that is down, a bug, a failed upstream. It answers with a 5xx status and a generic
//! message, and it is logged loudly enough for an operator to act.
//!
//! `#[derive(Classify)]` makes every error declare its [`Class`], [`StatusCode`] and [`Severity`]
//! and refuses to compile when a declaration is missing or contradicts itself.
//!
//! The declarations then drive behaviour:
//! - [`report`] logs an error once, at its declared severity, with its [`ErrorId`];
//! - [`Problem`] is the RFC 9457 body a client receives: a system error's own text never reaches
//!   it (see [`report`] for keeping secrets out of logs, and `#[onus(sensitive)]`);
//! - [`client::Reaction`] says how a client reacts to a status, and [`retry`] retries with
//!   exponential backoff and jitter, using [`Classified::retryable`].
//!
//! # Features
//!
//! None is on by default; each makes every type deriving `Classify` answer in one framework,
//! reporting the error once and sending the [`Problem`] with the same error id:
//! - `axum`: `axum::response::IntoResponse` (status, `application/problem+json`, `Retry-After`);
//! - `actix`: `actix_web::ResponseError`, with the same response;
//! - `tonic`: `From<E> for tonic::Status`, with the code `grpc::code_for_status` maps to and
//!   gRPC's rich error details (`ErrorInfo`, `RetryInfo`, `RequestInfo`; see [`grpc`]), which
//!   `client::Reaction::for_grpc_status` reads back;
//! - `metrics`: [`report`] increments `onus_errors_total{code, class, status}`;
//! - `utoipa`: `utoipa::IntoResponses` (one response per status a type can answer, see
//!   [`openapi`]) and `utoipa::ToSchema` for [`Problem`].
//!
//! A `Classified` type that does not derive `Classify` (a hand-written impl) answers the same way
//! through [`Reply`]: `Err(Reply(error))`, or `Result<T, Reply<MyError>>` as a handler's type.
//!
//! The frameworks' own extractor rejections are `Classified` too (axum's `JsonRejection`,
//! `PathRejection`, ...; actix's through `onus::actix::extractor_configs`), with the framework's
//! status and a `request.<kind>` code. What no handler answers (an unknown route, a 405, a
//! rejection nobody wrapped, a panic's 500) is made problem+json by `onus::axum::problem_layer()`
//! and `onus::actix::problem_handlers()`.

#![warn(missing_docs)]

mod class;
mod classified;
pub mod client;
mod declare;
mod error_id;
mod integrate;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod problem;
mod reply;
mod report;
pub mod retry;
#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod test_support;

/// The retry library [`retry`] builds on, so a service follows onus's retry examples with `onus`
/// as its only dependency (`use onus::backon::Retryable;`). The framework features turn on its
/// tokio sleeper.
pub use backon;
pub use class::{Class, Severity};
pub use classified::{Classified, GENERIC_SYSTEM_MESSAGE, PublicMessage, status_is_retryable};
pub use error_id::{ErrorId, ParseErrorIdError};
pub use http::StatusCode;
pub use onus_macros::Classify;
pub use onus_macros::allow;
pub use onus_macros::check;
pub use problem::Problem;
pub use reply::Reply;
#[cfg(feature = "metrics")]
pub use report::ERRORS_TOTAL;
pub use report::{REDACTED, report};

/// The actix-web recipes (`docs/recipes/actix.md`), compiled and run as doctests.
#[cfg(all(doctest, feature = "actix"))]
#[doc = include_str!("../../docs/recipes/actix.md")]
pub struct ActixRecipes;

/// The tonic recipes (`docs/recipes/tonic.md`), compiled and run as doctests.
#[cfg(all(doctest, feature = "tonic"))]
#[doc = include_str!("../../docs/recipes/tonic.md")]
pub struct TonicRecipes;

#[cfg(feature = "actix")]
pub use integrate::actix;
#[cfg(feature = "axum")]
pub use integrate::axum;
#[cfg(feature = "tonic")]
pub use integrate::grpc;

/// Not public API: what the macros' generated code refers to.
#[doc(hidden)]
pub mod __private {
    pub use crate::class::{Class, Severity};
    pub use crate::classified::{
        Answers, Classified, Declaration, Declared, Extras, Kind, PublicMessage, Via, ViaAnswer,
    };
    pub use crate::declare::status;
    pub use crate::{__onus_answers as __answers, __onus_declaration as __declaration};
    pub use core::option::Option;
    pub use core::time::Duration;
    pub use http::StatusCode;

    #[cfg(feature = "utoipa")]
    pub use crate::__onus_integrate_utoipa as __integrate_utoipa;
    #[cfg(feature = "actix")]
    pub use crate::integrate::actix::{actix_response, actix_status};
    #[cfg(feature = "axum")]
    pub use crate::integrate::axum::axum_response;
    #[cfg(feature = "utoipa")]
    pub use crate::openapi::{
        Documentation, Documented, DocumentedAnswer, document_via, responses as openapi_responses,
    };
    #[cfg(feature = "actix")]
    pub use actix_web;
    #[cfg(feature = "axum")]
    pub use axum;
    #[cfg(feature = "utoipa")]
    pub use std::{collections::BTreeMap, string::String, vec::Vec};
    #[cfg(feature = "tonic")]
    pub use tonic;
    #[cfg(feature = "utoipa")]
    pub use utoipa;

    /// Framework integrations for a type deriving `Classify`; the derive invokes this as
    /// `__integrate! { impl [IMPL_GENERICS] [TYPE] where [PREDICATES,] }` and its expansion
    /// depends on which of onus's features are enabled: each `__onus_integrate_*` macro is the
    /// trait impl when its feature is on and expands to nothing when it is off.
    #[cfg(any(feature = "axum", feature = "actix", feature = "tonic"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate {
        (impl [$($generics:tt)*] [$($ty:tt)*] where [$($predicates:tt)*]) => {
            $crate::__private::__integrate_axum! {
                impl [$($generics)*] [$($ty)*] where [$($predicates)*]
            }
            $crate::__private::__integrate_actix! {
                impl [$($generics)*] [$($ty)*] where [$($predicates)*]
            }
            $crate::__private::__integrate_tonic! {
                impl [$($generics)*] [$($ty)*] where [$($predicates)*]
            }
        };
    }
    pub use crate::__onus_integrate as __integrate;

    /// Expands to nothing: no framework feature is on. One expansion per derived type instead
    /// of four (this and the three below), which the compiler does for every error type.
    #[cfg(not(any(feature = "axum", feature = "actix", feature = "tonic")))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate {
        ($($tokens:tt)*) => {};
    }

    /// Expands to nothing: feature `axum` is off.
    #[cfg(not(feature = "axum"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate_axum {
        ($($tokens:tt)*) => {};
    }
    pub use crate::__onus_integrate_axum as __integrate_axum;

    /// Expands to nothing: feature `actix` is off.
    #[cfg(not(feature = "actix"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate_actix {
        ($($tokens:tt)*) => {};
    }
    pub use crate::__onus_integrate_actix as __integrate_actix;

    /// Expands to nothing: feature `tonic` is off.
    #[cfg(not(feature = "tonic"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate_tonic {
        ($($tokens:tt)*) => {};
    }
    pub use crate::__onus_integrate_tonic as __integrate_tonic;

    /// Expands to nothing: feature `utoipa` is off. The derive writes the call only when
    /// `onus-macros`' feature `utoipa` is on, which onus's turns on; another crate may turn on
    /// the macros' alone.
    #[cfg(not(feature = "utoipa"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __onus_integrate_utoipa {
        ($($tokens:tt)*) => {};
    }
    #[cfg(not(feature = "utoipa"))]
    pub use crate::__onus_integrate_utoipa as __integrate_utoipa;
}
