//! The `code` of a declaration that writes none: `snake_case(Type).snake_case(Variant)`.

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
