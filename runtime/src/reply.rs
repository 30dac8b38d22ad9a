//! [`Reply`]: answer a request with any [`Classified`] error, derived or written by hand.

use std::fmt;

use crate::Classified;

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
/// `From<E>` lets `?` wrap the error in a handler that returns `Result<T, Reply<E>>`. `Display` is
/// the wrapped error's (actix-web asks for it). A `Reply` is an answer, not an error type of its
/// own: it is neither `std::error::Error` nor `Classified`, so that nothing wraps or classifies
/// it in place of the error it holds; take the error out with `.0`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Secretive;

    #[test]
    fn a_reply_reads_as_the_error_it_holds() {
        for error in [Secretive::Taken, Secretive::Broken, Secretive::Busy] {
            assert_eq!(Reply(error).to_string(), error.to_string());
            assert_eq!(Reply::from(error).0.code(), error.code());
        }
    }
}
