//! How a client reacts to an error response: retry or not, what the user sees, who is alerted.
//!
//! [`Reaction::for_status`] follows the error-handling guideline's table (HTTP status → retry →
//! user feedback → developer alert level):
//!
//! | status                | retry                          | user sees                       | alert    |
//! |-----------------------|--------------------------------|---------------------------------|----------|
//! | no response (`0`)     | no                             | [`ErrorPage`](Show::ErrorPage)   | none     |
//! | 401                   | no                             | [`LoginPage`](Show::LoginPage)   | none     |
//! | 429 with `Retry-After`| after the given delay          | [`InlineMessage`](Show::InlineMessage) | none |
//! | other 4xx             | no                             | [`InlineMessage`](Show::InlineMessage) | none |
//! | 500                   | no                             | [`ErrorPage`](Show::ErrorPage)   | urgent   |
//! | 502, 503, 504         | yes: `Retry-After` or backoff  | [`ErrorPage`](Show::ErrorPage)   | watch    |
//! | other 5xx             | no                             | [`ErrorPage`](Show::ErrorPage)   | watch    |
//! | 1xx–3xx               | no                             | [`Nothing`](Show::Nothing)       | none     |
//!
//! Choices the table leaves open, and why:
//! - **No response** (network error, CORS, connection reset; browsers report status `0`) is not
//!   retried automatically: the request may have reached the server, and only the caller knows
//!   whether it is idempotent. The table sets no developer alert: it is almost always the user's
//!   network.
//! - **Other 4xx** are shown inline: a business error's `detail` tells the user what to fix.
//!   403 and 404 deserve an alert only when frequent, which one client cannot judge.
//! - **408** is not retried here although [`status_is_retryable`](crate::status_is_retryable)
//!   counts it for servers: the table retries only 502–504 and 429 with `Retry-After`.
//! - **Other 5xx** (501, 505, …) are "not normally used; check the implementation": not
//!   retried, and watched, because someone should look.
//!
//! ```
//! use onus::client::{Alert, Reaction, Retry, Show};
//! use std::time::Duration;
//!
//! let r = Reaction::for_status(503);
//! assert_eq!((r.retry, r.show, r.alert), (Retry::Backoff, Show::ErrorPage, Alert::Watch));
//! assert_eq!(Reaction::for_status(401).show, Show::LoginPage);
//! assert_eq!(Reaction::for_status(500).alert, Alert::Urgent);
//! assert_eq!(Reaction::for_status(0), Reaction::no_response());
//! assert_eq!(Reaction::for_status(429).retry, Retry::No);
//! assert_eq!(
//!     Reaction::for_response(429, Some(Duration::from_secs(2))).retry,
//!     Retry::After(Duration::from_secs(2)),
//! );
//! ```

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Whether and when to send the same request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Do not retry automatically.
    No,
    /// Retry with exponential backoff and jitter, e.g. [`retry::policy`](crate::retry::policy).
    Backoff,
    /// Retry once this delay has passed, as the server's `Retry-After` asked.
    After(Duration),
}

/// What the user is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Show {
    /// Nothing: the status is not an error.
    Nothing,
    /// A message next to what the user did (a dialog, a toast, a form error): the problem's
    /// `detail` says what to fix.
    InlineMessage,
    /// The login page: the credentials are missing or expired.
    LoginPage,
    /// An error page (or dialog): the user cannot fix this, but may try again later.
    ErrorPage,
}

/// How urgently developers or operators are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Alert {
    /// Not at all: normal traffic.
    None,
    /// Keep an eye on it: overload or an unusual status; act if it persists.
    Watch,
    /// Look now: the backend is broken.
    Urgent,
}

/// A client's reaction to the outcome of one request; see the [module docs](self) for the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reaction {
    /// Whether and when to retry.
    pub retry: Retry,
    /// What the user is shown.
    pub show: Show,
    /// How urgently developers are told.
    pub alert: Alert,
}

impl Reaction {
    /// The reaction to `status`, without a `Retry-After` header; `0` means no response.
    ///
    /// Numbers that are not HTTP statuses (below 100, above 999) are treated as an unexpected
    /// server error.
    #[must_use]
    pub fn for_status(status: u16) -> Self {
        Self::for_response(status, None)
    }

    /// The reaction to a response with `status` and the delay its `Retry-After` header asked
    /// for (see [`retry_after`]); `0` means no response.
    ///
    /// `Retry-After` makes a 429 retryable and replaces the backoff of a 502–504; other statuses
    /// are never retried, whatever the header says.
    #[must_use]
    pub fn for_response(status: u16, retry_after: Option<Duration>) -> Self {
        let (retry, show, alert) = match status {
            0 => return Self::no_response(),
            100..=399 => (Retry::No, Show::Nothing, Alert::None),
            401 => (Retry::No, Show::LoginPage, Alert::None),
            429 => match retry_after {
                Some(delay) => (Retry::After(delay), Show::InlineMessage, Alert::None),
                None => (Retry::No, Show::InlineMessage, Alert::None),
            },
            400..=499 => (Retry::No, Show::InlineMessage, Alert::None),
            500 => (Retry::No, Show::ErrorPage, Alert::Urgent),
            502..=504 => {
                let retry = retry_after.map_or(Retry::Backoff, Retry::After);
                (retry, Show::ErrorPage, Alert::Watch)
            }
            _ => (Retry::No, Show::ErrorPage, Alert::Watch),
        };
        Self { retry, show, alert }
    }

    /// The reaction to a gRPC error status: its HTTP status (the one an onus server declared,
    /// from `ErrorInfo`'s `http_status`, else the code's as
    /// [`grpc::status_for_code`](crate::grpc::status_for_code) maps it) and the delay of its
    /// `RetryInfo` detail, as [`for_response`](Self::for_response) reads a status and a
    /// `Retry-After` header.
    ///
    /// ```
    /// use onus::client::{Alert, Reaction, Retry};
    /// use std::time::Duration;
    /// use tonic_types::{ErrorDetails, StatusExt};
    ///
    /// let status = tonic::Status::with_error_details(
    ///     tonic::Code::Unavailable,
    ///     "an internal error occurred",
    ///     ErrorDetails::with_retry_info(Some(Duration::from_secs(2))),
    /// );
    /// let reaction = Reaction::for_grpc_status(&status);
    /// assert_eq!(reaction.retry, Retry::After(Duration::from_secs(2)));
    /// assert_eq!(reaction.alert, Alert::Watch);
    /// assert_eq!(Reaction::for_grpc_status(&tonic::Status::internal("")).alert, Alert::Urgent);
    /// ```
    #[cfg(feature = "tonic")]
    #[must_use]
    pub fn for_grpc_status(status: &tonic::Status) -> Self {
        use tonic_types::StatusExt;

        let details = status.get_error_details();
        let declared = details
            .error_info()
            .and_then(|info| info.metadata.get("http_status"))
            .and_then(|status| status.parse::<u16>().ok())
            .filter(|status| (400..=599).contains(status));
        let http = declared.unwrap_or_else(|| crate::grpc::status_for_code(status.code()).as_u16());
        let delay = details.retry_info().and_then(|retry| retry.retry_delay);
        Self::for_response(http, delay)
    }

    /// The reaction when no response arrived: a network error, a CORS rejection, a reset
    /// connection. Not retried automatically, an error page, no alert.
    #[must_use]
    pub const fn no_response() -> Self {
        Self {
            retry: Retry::No,
            show: Show::ErrorPage,
            alert: Alert::None,
        }
    }

    /// Whether the request may be sent again automatically.
    #[must_use]
    pub const fn should_retry(&self) -> bool {
        !matches!(self.retry, Retry::No)
    }
}

/// The delay a `Retry-After` header asks for, from the response's headers.
///
/// Both forms of RFC 9110 §10.2.3 are read: delay-seconds (`120`) and an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, measured against the system clock; a past date means no
/// delay). A missing or malformed header gives `None`.
///
/// ```
/// use onus::client::retry_after;
/// use std::time::Duration;
///
/// let mut headers = http::HeaderMap::new();
/// assert_eq!(retry_after(&headers), None);
/// headers.insert(http::header::RETRY_AFTER, "5".parse().unwrap());
/// assert_eq!(retry_after(&headers), Some(Duration::from_secs(5)));
/// headers.insert(http::header::RETRY_AFTER, "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap());
/// assert_eq!(retry_after(&headers), Some(Duration::ZERO));
/// ```
#[must_use]
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok().map(Duration::from_secs);
    }
    let at = UNIX_EPOCH + Duration::from_secs(parse_imf_fixdate(value)?);
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Seconds since the Unix epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`, the
/// HTTP-date form servers must send (RFC 9110 §5.6.7).
fn parse_imf_fixdate(text: &str) -> Option<u64> {
    let mut parts = text.split(' ');
    let (_weekday, day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() || zone != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = u64::try_from(MONTHS.iter().position(|m| *m == month)?).ok()? + 1;
    let day: u64 = day.parse().ok()?;
    let year: u64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|part| part.parse::<u64>().ok());
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day)?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`),
/// `None` before 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let year = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn follows_the_guideline_table() {
        let cases = [
            (400, Retry::No, Show::InlineMessage, Alert::None),
            (401, Retry::No, Show::LoginPage, Alert::None),
            (403, Retry::No, Show::InlineMessage, Alert::None),
            (404, Retry::No, Show::InlineMessage, Alert::None),
            (408, Retry::No, Show::InlineMessage, Alert::None),
            (409, Retry::No, Show::InlineMessage, Alert::None),
            (429, Retry::No, Show::InlineMessage, Alert::None),
            (499, Retry::No, Show::InlineMessage, Alert::None),
            (500, Retry::No, Show::ErrorPage, Alert::Urgent),
            (501, Retry::No, Show::ErrorPage, Alert::Watch),
            (502, Retry::Backoff, Show::ErrorPage, Alert::Watch),
            (503, Retry::Backoff, Show::ErrorPage, Alert::Watch),
            (504, Retry::Backoff, Show::ErrorPage, Alert::Watch),
            (505, Retry::No, Show::ErrorPage, Alert::Watch),
            (0, Retry::No, Show::ErrorPage, Alert::None),
            (200, Retry::No, Show::Nothing, Alert::None),
            (304, Retry::No, Show::Nothing, Alert::None),
            (42, Retry::No, Show::ErrorPage, Alert::Watch),
            (1000, Retry::No, Show::ErrorPage, Alert::Watch),
        ];
        for (status, retry, show, alert) in cases {
            assert_eq!(
                Reaction::for_status(status),
                Reaction { retry, show, alert },
                "status {status}"
            );
        }
    }

    #[test]
    fn retry_after_only_changes_retryable_statuses() {
        let wait = Some(Duration::from_secs(7));
        let after = Retry::After(Duration::from_secs(7));
        assert_eq!(Reaction::for_response(429, wait).retry, after);
        assert_eq!(Reaction::for_response(503, wait).retry, after);
        assert_eq!(Reaction::for_response(502, wait).retry, after);
        assert_eq!(Reaction::for_response(500, wait).retry, Retry::No);
        assert_eq!(Reaction::for_response(400, wait).retry, Retry::No);
        assert_eq!(Reaction::for_response(0, wait).retry, Retry::No);
        assert!(Reaction::for_response(429, wait).should_retry());
        assert!(!Reaction::for_status(429).should_retry());
    }

    #[test]
    fn parses_http_dates() {
        assert_eq!(parse_imf_fixdate("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_imf_fixdate("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
        ] {
            assert_eq!(parse_imf_fixdate(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_future_dates() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, " 120 ".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(120)));
        headers.insert(http::header::RETRY_AFTER, "-1".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
        headers.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
        headers.insert(
            http::header::RETRY_AFTER,
            "Fri, 01 Jan 9999 00:00:00 GMT".parse().unwrap(),
        );
        assert!(retry_after(&headers).unwrap() > Duration::from_secs(86_400 * 365));
    }
}
