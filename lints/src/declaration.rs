//! The declaration rules that the derive (`onus-macros`) and the checker's catalog share, so the
//! two cannot disagree: `http::StatusCode`'s constant names, the default `code` of a variant and
//! the statuses retryable by default.
//!
//! Not meant for users: `#[derive(onus::Classify)]` documents the rules; this is the one place
//! they are written down in code.

/// Every named constant of `http::StatusCode` (http 1.x), by code. Stable across http 1.x; the
/// derive accepts only the error statuses (400..=599) but names the others in its messages.
const STATUS_NAMES: [(u16, &str); 62] = [
    (100, "CONTINUE"),
    (101, "SWITCHING_PROTOCOLS"),
    (102, "PROCESSING"),
    (103, "EARLY_HINTS"),
    (200, "OK"),
    (201, "CREATED"),
    (202, "ACCEPTED"),
    (203, "NON_AUTHORITATIVE_INFORMATION"),
    (204, "NO_CONTENT"),
    (205, "RESET_CONTENT"),
    (206, "PARTIAL_CONTENT"),
    (207, "MULTI_STATUS"),
    (208, "ALREADY_REPORTED"),
    (226, "IM_USED"),
    (300, "MULTIPLE_CHOICES"),
    (301, "MOVED_PERMANENTLY"),
    (302, "FOUND"),
    (303, "SEE_OTHER"),
    (304, "NOT_MODIFIED"),
    (305, "USE_PROXY"),
    (307, "TEMPORARY_REDIRECT"),
    (308, "PERMANENT_REDIRECT"),
    (400, "BAD_REQUEST"),
    (401, "UNAUTHORIZED"),
    (402, "PAYMENT_REQUIRED"),
    (403, "FORBIDDEN"),
    (404, "NOT_FOUND"),
    (405, "METHOD_NOT_ALLOWED"),
    (406, "NOT_ACCEPTABLE"),
    (407, "PROXY_AUTHENTICATION_REQUIRED"),
    (408, "REQUEST_TIMEOUT"),
    (409, "CONFLICT"),
    (410, "GONE"),
    (411, "LENGTH_REQUIRED"),
    (412, "PRECONDITION_FAILED"),
    (413, "PAYLOAD_TOO_LARGE"),
    (414, "URI_TOO_LONG"),
    (415, "UNSUPPORTED_MEDIA_TYPE"),
    (416, "RANGE_NOT_SATISFIABLE"),
    (417, "EXPECTATION_FAILED"),
    (418, "IM_A_TEAPOT"),
    (421, "MISDIRECTED_REQUEST"),
    (422, "UNPROCESSABLE_ENTITY"),
    (423, "LOCKED"),
    (424, "FAILED_DEPENDENCY"),
    (425, "TOO_EARLY"),
    (426, "UPGRADE_REQUIRED"),
    (428, "PRECONDITION_REQUIRED"),
    (429, "TOO_MANY_REQUESTS"),
    (431, "REQUEST_HEADER_FIELDS_TOO_LARGE"),
    (451, "UNAVAILABLE_FOR_LEGAL_REASONS"),
    (500, "INTERNAL_SERVER_ERROR"),
    (501, "NOT_IMPLEMENTED"),
    (502, "BAD_GATEWAY"),
    (503, "SERVICE_UNAVAILABLE"),
    (504, "GATEWAY_TIMEOUT"),
    (505, "HTTP_VERSION_NOT_SUPPORTED"),
    (506, "VARIANT_ALSO_NEGOTIATES"),
    (507, "INSUFFICIENT_STORAGE"),
    (508, "LOOP_DETECTED"),
    (510, "NOT_EXTENDED"),
    (511, "NETWORK_AUTHENTICATION_REQUIRED"),
];

/// The `http::StatusCode` constant name of a status code, if http names it (`409` → `CONFLICT`).
#[must_use]
pub fn status_name(code: u16) -> Option<&'static str> {
    STATUS_NAMES
        .iter()
        .find(|&&(known, _)| known == code)
        .map(|&(_, name)| name)
}

/// The code of an `http::StatusCode` constant name (`CONFLICT` → `409`), any status class.
#[must_use]
pub fn status_by_name(name: &str) -> Option<u16> {
    STATUS_NAMES
        .iter()
        .find(|&&(_, known)| known == name)
        .map(|&(code, _)| code)
}

/// The constant names of the error statuses (4xx and 5xx), e.g. for "did you mean" suggestions.
pub fn error_status_names() -> impl Iterator<Item = &'static str> {
    STATUS_NAMES
        .iter()
        .filter(|&&(code, _)| (400..=599).contains(&code))
        .map(|&(_, name)| name)
}

/// Whether a status is retryable when the declaration does not say: 408, 429, 502, 503 and 504
/// (the runtime's `onus::status_is_retryable`).
#[must_use]
pub fn status_is_retryable(code: u16) -> bool {
    matches!(code, 408 | 429 | 502 | 503 | 504)
}

/// The `code` of a declaration that writes none: `signup_error` for a struct `SignupError`,
/// `signup_error.invalid_email` for its variant `InvalidEmail`.
#[must_use]
pub fn default_code(type_name: &str, variant: Option<&str>) -> String {
    let type_code = snake_case(type_name);
    match variant {
        Some(variant) => format!("{type_code}.{}", snake_case(variant)),
        None => type_code,
    }
}

/// `SignupError` → `signup_error`, `HTTPError` → `http_error`, `r#Type` → `type`.
///
/// A word boundary falls before an uppercase letter that follows a lowercase letter or digit,
/// and before the last uppercase letter of an acronym that is followed by a lowercase one
/// (`HTTPError` is `HTTP` + `Error`).
#[must_use]
pub fn snake_case(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p).copied());
            let next = chars.get(i + 1).copied();
            let after_lower = prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
            let ends_acronym =
                prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_lowercase);
            if (after_lower || ends_acronym) && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        assert_eq!(status_by_name("CONFLICT"), Some(409));
        assert_eq!(status_name(503), Some("SERVICE_UNAVAILABLE"));
        assert_eq!(status_name(499), None);
        assert_eq!(status_by_name("CONFLCT"), None);
        for &(code, name) in &STATUS_NAMES {
            assert_eq!(status_by_name(name), Some(code));
            assert_eq!(status_name(code), Some(name));
        }
    }

    #[test]
    fn error_status_names_are_the_4xx_and_5xx_ones() {
        let names: Vec<_> = error_status_names().collect();
        assert!(names.contains(&"BAD_REQUEST"));
        assert!(names.contains(&"NETWORK_AUTHENTICATION_REQUIRED"));
        assert!(!names.contains(&"OK"));
        assert_eq!(names.len(), 40);
    }

    #[test]
    fn retryable_by_default() {
        let retryable: Vec<u16> = (400..=599)
            .filter(|&code| status_is_retryable(code))
            .collect();
        assert_eq!(retryable, [408, 429, 502, 503, 504]);
    }

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        assert_eq!(snake_case("SignupError"), "signup_error");
        assert_eq!(snake_case("InvalidEmail"), "invalid_email");
        assert_eq!(snake_case("HTTPError"), "http_error");
        assert_eq!(snake_case("IoError"), "io_error");
        assert_eq!(snake_case("Oauth2Failed"), "oauth2_failed");
        assert_eq!(snake_case("Store"), "store");
        assert_eq!(snake_case("A"), "a");
        assert_eq!(snake_case("r#Type"), "type");
        assert_eq!(snake_case("already_snake"), "already_snake");
        assert_eq!(snake_case("Mixed_Case"), "mixed_case");
    }

    #[test]
    fn default_codes_join_type_and_variant() {
        assert_eq!(
            default_code("SignupError", Some("InvalidEmail")),
            "signup_error.invalid_email"
        );
        assert_eq!(default_code("HTTPError", None), "http_error");
    }
}
