//! The HTTP statuses a declaration may name: their numbers, `http::StatusCode` constant names and
//! canonical reason phrases (one table, copied from http 1.x and checked against it code by code
//! in this module's tests), and which of them are retryable by default.
//!
//! The derive checks `status = CONFLICT` with it, the catalog writes `409 Conflict` with it, and
//! the runtime's `Problem` titles agree with it (`tests/tests/declare_agrees.rs`).

use crate::Class;

/// Every named constant of `http::StatusCode` (http 1.x): code, constant name, canonical reason
/// phrase. The derive accepts only the error statuses (400..=599) but names the others in its
/// messages.
// One status per line, as in http's own table.
#[rustfmt::skip]
const STATUSES: [(u16, &str, &str); 62] = [
    (100, "CONTINUE", "Continue"),
    (101, "SWITCHING_PROTOCOLS", "Switching Protocols"),
    (102, "PROCESSING", "Processing"),
    (103, "EARLY_HINTS", "Early Hints"),
    (200, "OK", "OK"),
    (201, "CREATED", "Created"),
    (202, "ACCEPTED", "Accepted"),
    (203, "NON_AUTHORITATIVE_INFORMATION", "Non Authoritative Information"),
    (204, "NO_CONTENT", "No Content"),
    (205, "RESET_CONTENT", "Reset Content"),
    (206, "PARTIAL_CONTENT", "Partial Content"),
    (207, "MULTI_STATUS", "Multi-Status"),
    (208, "ALREADY_REPORTED", "Already Reported"),
    (226, "IM_USED", "IM Used"),
    (300, "MULTIPLE_CHOICES", "Multiple Choices"),
    (301, "MOVED_PERMANENTLY", "Moved Permanently"),
    (302, "FOUND", "Found"),
    (303, "SEE_OTHER", "See Other"),
    (304, "NOT_MODIFIED", "Not Modified"),
    (305, "USE_PROXY", "Use Proxy"),
    (307, "TEMPORARY_REDIRECT", "Temporary Redirect"),
    (308, "PERMANENT_REDIRECT", "Permanent Redirect"),
    (400, "BAD_REQUEST", "Bad Request"),
    (401, "UNAUTHORIZED", "Unauthorized"),
    (402, "PAYMENT_REQUIRED", "Payment Required"),
    (403, "FORBIDDEN", "Forbidden"),
    (404, "NOT_FOUND", "Not Found"),
    (405, "METHOD_NOT_ALLOWED", "Method Not Allowed"),
    (406, "NOT_ACCEPTABLE", "Not Acceptable"),
    (407, "PROXY_AUTHENTICATION_REQUIRED", "Proxy Authentication Required"),
    (408, "REQUEST_TIMEOUT", "Request Timeout"),
    (409, "CONFLICT", "Conflict"),
    (410, "GONE", "Gone"),
    (411, "LENGTH_REQUIRED", "Length Required"),
    (412, "PRECONDITION_FAILED", "Precondition Failed"),
    (413, "PAYLOAD_TOO_LARGE", "Payload Too Large"),
    (414, "URI_TOO_LONG", "URI Too Long"),
    (415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"),
    (416, "RANGE_NOT_SATISFIABLE", "Range Not Satisfiable"),
    (417, "EXPECTATION_FAILED", "Expectation Failed"),
    (418, "IM_A_TEAPOT", "I'm a teapot"),
    (421, "MISDIRECTED_REQUEST", "Misdirected Request"),
    (422, "UNPROCESSABLE_ENTITY", "Unprocessable Entity"),
    (423, "LOCKED", "Locked"),
    (424, "FAILED_DEPENDENCY", "Failed Dependency"),
    (425, "TOO_EARLY", "Too Early"),
    (426, "UPGRADE_REQUIRED", "Upgrade Required"),
    (428, "PRECONDITION_REQUIRED", "Precondition Required"),
    (429, "TOO_MANY_REQUESTS", "Too Many Requests"),
    (431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "Request Header Fields Too Large"),
    (451, "UNAVAILABLE_FOR_LEGAL_REASONS", "Unavailable For Legal Reasons"),
    (500, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
    (501, "NOT_IMPLEMENTED", "Not Implemented"),
    (502, "BAD_GATEWAY", "Bad Gateway"),
    (503, "SERVICE_UNAVAILABLE", "Service Unavailable"),
    (504, "GATEWAY_TIMEOUT", "Gateway Timeout"),
    (505, "HTTP_VERSION_NOT_SUPPORTED", "HTTP Version Not Supported"),
    (506, "VARIANT_ALSO_NEGOTIATES", "Variant Also Negotiates"),
    (507, "INSUFFICIENT_STORAGE", "Insufficient Storage"),
    (508, "LOOP_DETECTED", "Loop Detected"),
    (510, "NOT_EXTENDED", "Not Extended"),
    (511, "NETWORK_AUTHENTICATION_REQUIRED", "Network Authentication Required"),
];

/// An error status, 400..=599, as `status = ...` declares it.
///
/// ```
/// use onus_declare::{Class, status::Status};
/// let conflict = Status::new(409).unwrap();
/// assert_eq!(conflict.class(), Class::Business);
/// assert!(!conflict.is_retryable());
/// assert!(Status::new(302).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Status(u16);

impl Status {
    /// The status `code`, if it is an error status (400..=599).
    #[must_use]
    pub const fn new(code: u16) -> Option<Self> {
        if 400 <= code && code <= 599 {
            Some(Self(code))
        } else {
            None
        }
    }

    /// The number, e.g. `409`.
    #[must_use]
    pub const fn code(self) -> u16 {
        self.0
    }

    /// The class the status implies: 4xx is business, 5xx is system.
    #[must_use]
    pub const fn class(self) -> Class {
        if self.0 < 500 {
            Class::Business
        } else {
            Class::System
        }
    }

    /// Whether the status is retryable when the declaration does not say (see [`is_retryable`]).
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        is_retryable(self.0)
    }
}

/// The `http::StatusCode` constant name of a status code, if http names it (`409` → `CONFLICT`).
///
/// ```
/// assert_eq!(onus_declare::status::name(409), Some("CONFLICT"));
/// assert_eq!(onus_declare::status::name(499), None);
/// ```
#[must_use]
pub fn name(code: u16) -> Option<&'static str> {
    row(code).map(|&(_, name, _)| name)
}

/// The code of an `http::StatusCode` constant name (`CONFLICT` → `409`), any status class.
///
/// ```
/// assert_eq!(onus_declare::status::code_of("CONFLICT"), Some(409));
/// assert_eq!(onus_declare::status::code_of("Conflict"), None);
/// ```
#[must_use]
pub fn code_of(name: &str) -> Option<u16> {
    STATUSES
        .iter()
        .find(|&&(_, known, _)| known == name)
        .map(|&(code, _, _)| code)
}

/// The constant names of the error statuses (4xx and 5xx), e.g. for "did you mean" suggestions.
pub fn error_names() -> impl Iterator<Item = &'static str> {
    STATUSES
        .iter()
        .filter(|&&(code, _, _)| (400..=599).contains(&code))
        .map(|&(_, name, _)| name)
}

/// The canonical reason phrase of a status code, as `http::StatusCode::canonical_reason` gives
/// it (`414` → `URI Too Long`), if the code has one.
///
/// ```
/// assert_eq!(onus_declare::status::canonical_reason(414), Some("URI Too Long"));
/// assert_eq!(onus_declare::status::canonical_reason(499), None);
/// ```
#[must_use]
pub fn canonical_reason(code: u16) -> Option<&'static str> {
    row(code).map(|&(_, _, reason)| reason)
}

/// The table's row of a status code.
fn row(code: u16) -> Option<&'static (u16, &'static str, &'static str)> {
    STATUSES.iter().find(|&&(known, _, _)| known == code)
}

/// The reason phrase a problem-details body is titled with: the canonical one, or `Client
/// Error` / `Server Error` for an error status that has none (e.g. 499), `Error` otherwise. The
/// runtime's `Problem` titles its bodies the same way.
///
/// ```
/// assert_eq!(onus_declare::status::reason_phrase(409), "Conflict");
/// assert_eq!(onus_declare::status::reason_phrase(499), "Client Error");
/// ```
#[must_use]
pub fn reason_phrase(code: u16) -> &'static str {
    match canonical_reason(code) {
        Some(reason) => reason,
        None if (400..=499).contains(&code) => "Client Error",
        None if (500..=599).contains(&code) => "Server Error",
        None => "Error",
    }
}

/// Whether a status is retryable when the declaration does not say: 408, 429, 502, 503 and 504
/// (the runtime's `onus::status_is_retryable`).
///
/// ```
/// assert!(onus_declare::status::is_retryable(503));
/// assert!(!onus_declare::status::is_retryable(500));
/// ```
#[must_use]
pub const fn is_retryable(code: u16) -> bool {
    matches!(code, 408 | 429 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each constant of `http::StatusCode` with its name: a misspelt or renamed constant does
    /// not compile.
    macro_rules! http_constants {
        ($($name:ident)*) => {
            [$((http::StatusCode::$name, stringify!($name))),*]
        };
    }

    #[test]
    fn the_table_is_http_s_constants_names_and_reason_phrases() {
        let constants = http_constants! {
            CONTINUE SWITCHING_PROTOCOLS PROCESSING EARLY_HINTS OK CREATED ACCEPTED
            NON_AUTHORITATIVE_INFORMATION NO_CONTENT RESET_CONTENT PARTIAL_CONTENT MULTI_STATUS
            ALREADY_REPORTED IM_USED MULTIPLE_CHOICES MOVED_PERMANENTLY FOUND SEE_OTHER
            NOT_MODIFIED USE_PROXY TEMPORARY_REDIRECT PERMANENT_REDIRECT BAD_REQUEST UNAUTHORIZED
            PAYMENT_REQUIRED FORBIDDEN NOT_FOUND METHOD_NOT_ALLOWED NOT_ACCEPTABLE
            PROXY_AUTHENTICATION_REQUIRED REQUEST_TIMEOUT CONFLICT GONE LENGTH_REQUIRED
            PRECONDITION_FAILED PAYLOAD_TOO_LARGE URI_TOO_LONG UNSUPPORTED_MEDIA_TYPE
            RANGE_NOT_SATISFIABLE EXPECTATION_FAILED IM_A_TEAPOT MISDIRECTED_REQUEST
            UNPROCESSABLE_ENTITY LOCKED FAILED_DEPENDENCY TOO_EARLY UPGRADE_REQUIRED
            PRECONDITION_REQUIRED TOO_MANY_REQUESTS REQUEST_HEADER_FIELDS_TOO_LARGE
            UNAVAILABLE_FOR_LEGAL_REASONS INTERNAL_SERVER_ERROR NOT_IMPLEMENTED BAD_GATEWAY
            SERVICE_UNAVAILABLE GATEWAY_TIMEOUT HTTP_VERSION_NOT_SUPPORTED VARIANT_ALSO_NEGOTIATES
            INSUFFICIENT_STORAGE LOOP_DETECTED NOT_EXTENDED NETWORK_AUTHENTICATION_REQUIRED
        };
        assert_eq!(constants.len(), STATUSES.len());
        for (constant, constant_name) in constants {
            let code = constant.as_u16();
            assert_eq!(name(code), Some(constant_name), "{code}");
            assert_eq!(code_of(constant_name), Some(code), "{constant_name}");
        }
    }

    #[test]
    fn every_reason_phrase_is_http_s_canonical_one() {
        for code in 100..=999 {
            let Ok(status) = http::StatusCode::from_u16(code) else {
                panic!("{code} is a valid status code");
            };
            assert_eq!(canonical_reason(code), status.canonical_reason(), "{code}");
        }
        assert_eq!(canonical_reason(414), Some("URI Too Long"));
        assert_eq!(canonical_reason(418), Some("I'm a teapot"));
        assert_eq!(canonical_reason(505), Some("HTTP Version Not Supported"));
    }

    #[test]
    fn reason_phrases_fall_back_by_class() {
        assert_eq!(reason_phrase(404), "Not Found");
        assert_eq!(reason_phrase(499), "Client Error");
        assert_eq!(reason_phrase(599), "Server Error");
        assert_eq!(reason_phrase(299), "Error");
    }

    #[test]
    fn error_names_are_the_4xx_and_5xx_ones() {
        let names: Vec<_> = error_names().collect();
        assert!(names.contains(&"BAD_REQUEST"));
        assert!(names.contains(&"NETWORK_AUTHENTICATION_REQUIRED"));
        assert!(!names.contains(&"OK"));
        assert_eq!(names.len(), 40);
    }

    #[test]
    fn retryable_by_default() {
        let retryable: Vec<u16> = (400..=599).filter(|&code| is_retryable(code)).collect();
        assert_eq!(retryable, [408, 429, 502, 503, 504]);
    }

    #[test]
    fn an_error_status_is_4xx_or_5xx() {
        assert_eq!(Status::new(400).map(Status::class), Some(Class::Business));
        assert_eq!(Status::new(599).map(Status::class), Some(Class::System));
        assert_eq!(Status::new(399), None);
        assert_eq!(Status::new(600), None);
        assert!(Status::new(429).is_some_and(Status::is_retryable));
    }
}
