//! [`Reply`]: answer a request with any [`Classified`] error, derived or written by hand.

use std::error::Error;
use std::fmt;
use std::time::Duration;

use crate::classified::Answers;
use crate::{Class, Classified, PublicMessage, Severity, StatusCode};

/// A [`Classified`] error as a framework's answer: the one way to answer with an error that does
/// not derive `Classify`, such as a hand-written `impl Classified`.
///
/// A type deriving `Classify` answers in every enabled framework by itself. Any other
/// `Classified` type answers through `Reply`, exactly as a derived one does: [`report`]ed once,
/// with its declared status, a [`Problem`] body (`application/problem+json`, carrying the
/// event's `error_id`, never a system error's own text) and `Retry-After` where declared. The
/// same function builds both answers, so they cannot drift apart.
///
/// | feature | what `Reply<E>` is                                                              |
/// |---------|---------------------------------------------------------------------------------|
/// | `axum`  | `axum::response::IntoResponse`                                                  |
/// | `actix` | `actix_web::ResponseError` and `actix_web::Responder`                           |
/// | `tonic` | `Into<tonic::Status>` (`From<Reply<E>> for tonic::Status`)                     |
///
/// `From<E>` lets `?` wrap the error in a handler that returns `Result<T, Reply<E>>`. A `Reply`
/// is the error it holds: its `Display`, `source()` and every [`Classified`] answer are the
/// wrapped error's, so it logs, chains and classifies as the error itself.
///
/// ```
/// use onus::{Class, Classified, PublicMessage, Reply, Severity, StatusCode};
///
/// /// An error from before onus, classified by hand.
/// #[derive(Debug)]
/// struct AccountLocked(u64);
///
/// impl std::fmt::Display for AccountLocked {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "account {} is locked", self.0)
///     }
/// }
///
/// impl std::error::Error for AccountLocked {}
///
/// impl Classified for AccountLocked {
///     fn class(&self) -> Class { Class::Business }
///     fn status(&self) -> StatusCode { StatusCode::LOCKED }
///     fn severity(&self) -> Severity { Severity::Info }
///     fn code(&self) -> &'static str { "account.locked" }
///     fn public_message(&self) -> PublicMessage<'_> { PublicMessage::display(self) }
/// }
///
/// fn find(id: u64) -> Result<String, AccountLocked> {
///     Err(AccountLocked(id))
/// }
///
/// // An axum or actix-web handler: `?` wraps the error, the framework answers 423 problem+json.
/// async fn show(id: u64) -> Result<String, Reply<AccountLocked>> {
///     Ok(find(id)?)
/// }
///
/// # #[cfg(feature = "axum")]
/// # {
/// use axum::response::IntoResponse;
/// let response = Reply(AccountLocked(7)).into_response();
/// assert_eq!(response.status(), 423);
/// assert_eq!(response.headers()["content-type"], onus::Problem::CONTENT_TYPE);
/// # }
/// # let _ = show(7);
/// ```
///
/// [`report`]: crate::report
/// [`Problem`]: crate::Problem
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reply<E>(pub E);

impl<E: Classified> From<E> for Reply<E> {
    fn from(error: E) -> Self {
        Self(error)
    }
}

impl<E: fmt::Display> fmt::Display for Reply<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: Error> Error for Reply<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.0.source()
    }
}

/// A `Reply` is the error it holds, so that it can be [`report`](crate::report)ed or wrapped
/// like it.
impl<E: Classified> Classified for Reply<E> {
    fn class(&self) -> Class {
        self.0.class()
    }

    fn status(&self) -> StatusCode {
        self.0.status()
    }

    fn severity(&self) -> Severity {
        self.0.severity()
    }

    fn code(&self) -> &'static str {
        self.0.code()
    }

    fn retryable(&self) -> bool {
        self.0.retryable()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after()
    }

    fn public_message(&self) -> PublicMessage<'_> {
        self.0.public_message()
    }

    fn runbook(&self) -> Option<&'static str> {
        self.0.runbook()
    }

    fn sensitive(&self) -> bool {
        self.0.sensitive()
    }

    fn __onus_answers(&self) -> Answers<'_> {
        self.0.__onus_answers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Secretive;

    #[test]
    fn a_reply_answers_as_the_error_it_holds() {
        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            let reply = Reply(error);
            assert_eq!(reply.class(), error.class());
            assert_eq!(reply.status(), error.status());
            assert_eq!(reply.severity(), error.severity());
            assert_eq!(reply.code(), error.code());
            assert_eq!(reply.retryable(), error.retryable());
            assert_eq!(reply.retry_after(), error.retry_after());
            assert_eq!(
                reply.public_message().to_string(),
                error.public_message().to_string()
            );
            assert_eq!(reply.to_string(), error.to_string());
            assert_eq!(
                reply.source().map(ToString::to_string),
                error.source().map(ToString::to_string)
            );
        }
    }
}
