//! Retrying with [`backon`]: exponential backoff with jitter, a bounded number of attempts,
//! [`Classified::retryable`] as the predicate and `Retry-After` honoured.
//!
//! Jitter matters: when a dependency recovers, clients that all wait the same delay come back at
//! the same instant and knock it over again.
//!
//! A database call whose error declares which failures are worth another attempt:
//!
//! ```
//! use onus::backon::BlockingRetryable;
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use std::time::Duration;
//!
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! #[onus(class = system, severity = warn)]
//! enum DbError {
//!     #[error("connection pool exhausted")]
//!     #[onus(status = 503)] // retryable by default
//!     PoolExhausted,
//!     #[error("constraint violated")]
//!     #[onus(status = 500, severity = error)] // not retryable: the same query fails again
//!     Constraint,
//! }
//!
//! let calls = AtomicU32::new(0);
//! let load_user = || {
//!     // a real call would be `sqlx::query(...).fetch_one(&pool)`, mapped into `DbError`
//!     if calls.fetch_add(1, Ordering::Relaxed) < 2 { Err(DbError::PoolExhausted) } else { Ok("alice") }
//! };
//! let user = load_user
//!     .retry(onus::retry::policy().with_min_delay(Duration::from_millis(1)))
//!     .sleep(std::thread::sleep)
//!     .when(onus::retry::is_retryable)
//!     .call();
//! assert_eq!(user.unwrap(), "alice");
//! assert_eq!(calls.load(Ordering::Relaxed), 3);
//!
//! // A non-retryable error is returned at once.
//! calls.store(0, Ordering::Relaxed);
//! let failing = || { calls.fetch_add(1, Ordering::Relaxed); Err::<(), _>(DbError::Constraint) };
//! let result = failing.retry(onus::retry::policy()).when(onus::retry::is_retryable).call();
//! assert!(matches!(result, Err(DbError::Constraint)));
//! assert_eq!(calls.load(Ordering::Relaxed), 1);
//! ```
//!
//! backon's blocking retries cannot adjust a delay; to honour a declared
//! [`retry_after`](Classified::retry_after), retry asynchronously and add
//! [`honour_retry_after`]:
//!
//! ```
//! use onus::backon::Retryable;
//!
//! #[derive(Debug, thiserror::Error, onus::Classify)]
//! #[error("replica is catching up")]
//! #[onus(class = system, status = 503, severity = warn, retry_after = 1)]
//! struct ReplicaLagging;
//!
//! async fn count_orders() -> Result<u64, ReplicaLagging> {
//!     Ok(42) // e.g. `SELECT count(*) FROM orders` on a read replica
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let orders = count_orders
//!     .retry(onus::retry::policy())
//!     .when(onus::retry::is_retryable)
//!     .adjust(onus::retry::honour_retry_after)
//!     .await;
//! assert_eq!(orders.unwrap(), 42);
//! # }
//! ```
//!
//! An HTTP call with `reqwest`, reacting to the answer as [`client::Reaction`](crate::client::Reaction) says (retry only
//! 502–504, and 429 when `Retry-After` says when):
//!
//! ```no_run
//! use onus::backon::Retryable;
//! use onus::client::{Reaction, Retry};
//! use std::time::Duration;
//!
//! /// Why a call failed, and how the client should react.
//! #[derive(Debug)]
//! struct CallFailed(Reaction);
//!
//! async fn fetch(client: &reqwest::Client, url: &str) -> Result<String, CallFailed> {
//!     let response = client.get(url).send().await.map_err(|_| CallFailed(Reaction::no_response()))?;
//!     let status = response.status();
//!     if status.is_client_error() || status.is_server_error() {
//!         let retry_after = onus::client::retry_after(response.headers());
//!         return Err(CallFailed(Reaction::for_response(status.as_u16(), retry_after)));
//!     }
//!     response.text().await.map_err(|_| CallFailed(Reaction::no_response()))
//! }
//!
//! # async fn run() -> Result<(), CallFailed> {
//! let client = reqwest::Client::new();
//! let body = (|| fetch(&client, "http://127.0.0.1:8080/users/7"))
//!     .retry(onus::retry::policy())
//!     .when(|failed: &CallFailed| failed.0.should_retry())
//!     .adjust(|failed: &CallFailed, planned: Option<Duration>| match failed.0.retry {
//!         Retry::After(wait) => planned.map(|planned| planned.max(wait)),
//!         _ => planned,
//!     })
//!     .await?;
//! # Ok(()) }
//! ```

use std::time::Duration;

use backon::ExponentialBuilder;

use crate::Classified;

/// The first delay before jitter.
pub const MIN_DELAY: Duration = Duration::from_millis(200);
/// The longest single delay.
pub const MAX_DELAY: Duration = Duration::from_secs(10);
/// Retries after the first attempt, so at most `1 + MAX_RETRIES` attempts.
pub const MAX_RETRIES: usize = 3;
/// The most time spent waiting between attempts, all delays together.
pub const MAX_TOTAL_DELAY: Duration = Duration::from_secs(30);

/// The retry policy: exponential backoff (×2 from [`MIN_DELAY`], capped at [`MAX_DELAY`]) with
/// jitter, at most [`MAX_RETRIES`] retries and [`MAX_TOTAL_DELAY`] of waiting.
///
/// It is a plain [`ExponentialBuilder`], so any bound can be tightened per call, e.g.
/// `policy().with_max_times(1)`. Pair it with [`is_retryable`] and [`honour_retry_after`]; see
/// the [module docs](self).
///
/// ```
/// use onus::backon::BackoffBuilder;
/// let delays: Vec<_> = onus::retry::policy().build().collect();
/// assert_eq!(delays.len(), onus::retry::MAX_RETRIES);
/// ```
#[must_use]
pub fn policy() -> ExponentialBuilder {
    ExponentialBuilder::new()
        .with_jitter()
        .with_factor(2.0)
        .with_min_delay(MIN_DELAY)
        .with_max_delay(MAX_DELAY)
        .with_max_times(MAX_RETRIES)
        .with_total_delay(Some(MAX_TOTAL_DELAY))
}

/// The retry predicate: [`Classified::retryable`], for backon's `.when(...)`.
#[must_use]
pub fn is_retryable<E: Classified + ?Sized>(error: &E) -> bool {
    error.retryable()
}

/// Honours the error's [`Classified::retry_after`], for backon's `.adjust(...)`.
///
/// The next delay becomes the longer of the backoff's and the declared one. When the backoff
/// has given up (`planned` is `None`), it stays given up: `Retry-After` says when to come back,
/// not that there are attempts left.
#[must_use]
pub fn honour_retry_after<E: Classified + ?Sized>(
    error: &E,
    planned: Option<Duration>,
) -> Option<Duration> {
    let planned = planned?;
    Some(
        error
            .retry_after()
            .map_or(planned, |wait| planned.max(wait)),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use std::fmt;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use backon::{BackoffBuilder, Retryable};

    use super::*;
    use crate::{Class, PublicMessage, Severity, StatusCode};

    #[derive(Debug)]
    struct Unavailable {
        retry_after: Option<Duration>,
        status: u16,
    }

    impl fmt::Display for Unavailable {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("unavailable")
        }
    }

    impl std::error::Error for Unavailable {}

    impl Classified for Unavailable {
        fn class(&self) -> Class {
            Class::System
        }
        fn status(&self) -> StatusCode {
            StatusCode::from_u16(self.status).unwrap()
        }
        fn severity(&self) -> Severity {
            Severity::Warn
        }
        fn code(&self) -> &'static str {
            "test.unavailable"
        }
        fn public_message(&self) -> PublicMessage<'_> {
            PublicMessage::generic()
        }
        fn retry_after(&self) -> Option<Duration> {
            self.retry_after
        }
    }

    #[test]
    fn policy_is_bounded_and_jittered() {
        let runs: Vec<Vec<Duration>> = (0..8).map(|_| policy().build().collect()).collect();
        for delays in &runs {
            assert_eq!(delays.len(), MAX_RETRIES);
            assert!(delays.iter().all(|d| *d <= MAX_DELAY * 2), "{delays:?}");
            assert!(delays.iter().sum::<Duration>() <= MAX_TOTAL_DELAY);
            assert!(delays[0] >= MIN_DELAY, "{delays:?}");
        }
        // Jitter: eight runs drawing the same delays would mean there is none.
        assert!(runs.iter().any(|delays| *delays != runs[0]), "{runs:?}");
    }

    #[test]
    fn predicate_follows_the_declaration() {
        assert!(is_retryable(&Unavailable {
            retry_after: None,
            status: 503
        }));
        assert!(!is_retryable(&Unavailable {
            retry_after: None,
            status: 500
        }));
    }

    #[test]
    fn retry_after_lengthens_but_never_revives() {
        let wait = Unavailable {
            retry_after: Some(Duration::from_secs(5)),
            status: 503,
        };
        let short = Some(Duration::from_millis(200));
        assert_eq!(
            honour_retry_after(&wait, short),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            honour_retry_after(&wait, Some(Duration::from_secs(9))),
            Some(Duration::from_secs(9))
        );
        assert_eq!(honour_retry_after(&wait, None), None);
        let plain = Unavailable {
            retry_after: None,
            status: 503,
        };
        assert_eq!(honour_retry_after(&plain, short), short);
    }

    #[test]
    fn gives_up_after_the_bound() {
        let attempts = AtomicUsize::new(0);
        // backon wants a `'static` sleeper: record the delays instead of sleeping.
        let slept = Arc::new(Mutex::new(Vec::new()));
        let recorder = Arc::clone(&slept);
        let call = || async {
            attempts.fetch_add(1, Ordering::Relaxed);
            Err::<(), _>(Unavailable {
                retry_after: Some(Duration::from_millis(3)),
                status: 503,
            })
        };
        let retried = call
            .retry(policy().with_min_delay(Duration::from_millis(1)))
            .sleep(move |d| {
                recorder.lock().unwrap().push(d);
                std::future::ready(())
            })
            .when(is_retryable)
            .adjust(honour_retry_after);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert!(runtime.block_on(retried).is_err());
        assert_eq!(attempts.load(Ordering::Relaxed), 1 + MAX_RETRIES);
        let slept = slept.lock().unwrap();
        assert_eq!(slept.len(), MAX_RETRIES);
        assert!(
            slept.iter().all(|d| *d >= Duration::from_millis(3)),
            "{slept:?}"
        );
    }
}
