//! [`ErrorId`]: the id that ties a client's error response to the log event that explains it.

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The id of one reported error occurrence, shared by its log event and its response body.
///
/// A user who sees "an internal error occurred" can quote the id; an operator finds the event with
/// `grep 3f9a1c0e7b2d4a61`. It prints as 16 lowercase hexadecimal digits, and serializes as that
/// string.
///
/// Every call to [`ErrorId::new`] (and so every [`onus::report`](crate::report)) yields a
/// different id within a process. Ids are generated with the standard library only: a process-wide
/// seed drawn from the OS randomness behind [`RandomState`], plus a counter, mixed by a bijective
/// 64-bit finalizer (SplitMix64). The bijection guarantees uniqueness within a process; the random
/// seed makes a collision between processes improbable (about `P² · N / 2⁶⁴` for `P` processes
/// issuing `N` ids each). Ids are not secrets and not ordered.
///
/// ```
/// use onus::ErrorId;
/// let a = ErrorId::new();
/// let b = ErrorId::new();
/// assert_ne!(a, b);
/// assert_eq!(a.to_string().len(), 16);
/// assert_eq!(a.to_string().parse::<ErrorId>().unwrap(), a);
/// assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{a}\""));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorId(u64);

/// Added to the seed once per id: the golden-ratio increment of SplitMix64, odd, so successive
/// values visit all 2⁶⁴ states before repeating.
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

impl ErrorId {
    /// A fresh id, different from every other id this process has generated.
    #[must_use]
    #[allow(clippy::new_without_default)] // a `Default` that is different every time would surprise
    pub fn new() -> Self {
        static SEED: OnceLock<u64> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let seed = *SEED.get_or_init(|| RandomState::new().hash_one(std::process::id()));
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        Self(mix(seed.wrapping_add(n.wrapping_mul(GAMMA))))
    }

    /// The id as a number, e.g. to store it in a column.
    #[must_use]
    pub const fn as_u64(self) -> u64 {
        self.0
    }

    /// The id with the given number, e.g. read back from storage.
    #[must_use]
    pub const fn from_u64(value: u64) -> Self {
        Self(value)
    }
}

/// SplitMix64's finalizer: a bijection on `u64` that spreads every input bit over the output, so
/// consecutive counters give unrelated-looking ids.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl fmt::Display for ErrorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::Debug for ErrorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorId({self})")
    }
}

/// The text was not 16 hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseErrorIdError {
    _private: (),
}

impl fmt::Display for ParseErrorIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error id is 16 hexadecimal digits")
    }
}

impl std::error::Error for ParseErrorIdError {}

/// An error id that does not parse came from the caller (a support tool, a pasted link): the
/// caller's onus, answered with 400 and logged quietly.
impl crate::Classified for ParseErrorIdError {
    fn class(&self) -> crate::Class {
        crate::Class::Business
    }

    fn status(&self) -> crate::StatusCode {
        crate::StatusCode::BAD_REQUEST
    }

    fn severity(&self) -> crate::Severity {
        crate::Severity::Info
    }

    fn code(&self) -> &'static str {
        "onus.invalid_error_id"
    }

    fn public_message(&self) -> crate::PublicMessage<'_> {
        crate::PublicMessage::display(self)
    }
}

impl FromStr for ErrorId {
    type Err = ParseErrorIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Exactly 16 digits: `from_str_radix` would also accept a sign and shorter strings.
        if s.len() != 16 {
            return Err(ParseErrorIdError { _private: () });
        }
        let mut value = 0_u64;
        for c in s.chars() {
            let Some(digit) = c.to_digit(16) else {
                return Err(ParseErrorIdError { _private: () });
            };
            value = value << 4 | u64::from(digit);
        }
        Ok(Self(value))
    }
}

impl Serialize for ErrorId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ErrorId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_unique_across_threads() {
        let handles: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(|| (0..10_000).map(|_| ErrorId::new()).collect::<Vec<_>>()))
            .collect();
        let mut seen = HashSet::new();
        for handle in handles {
            for id in handle.join().unwrap() {
                assert!(seen.insert(id), "duplicate id {id}");
            }
        }
        assert_eq!(seen.len(), 40_000);
    }

    #[test]
    fn display_is_16_lowercase_hex_digits_and_round_trips() {
        let id = ErrorId::from_u64(0x00ab_cdef_0123_4567);
        assert_eq!(id.to_string(), "00abcdef01234567");
        assert_eq!("00abcdef01234567".parse::<ErrorId>(), Ok(id));
        assert_eq!("00ABCDEF01234567".parse::<ErrorId>(), Ok(id));
        assert_eq!(format!("{id:?}"), "ErrorId(00abcdef01234567)");
    }

    #[test]
    fn parse_rejects_malformed_text() {
        for bad in [
            "",
            "abc",
            "+0abcdef01234567",
            "00abcdef0123456g",
            "00abcdef012345678",
            "00abcdef012345é",
        ] {
            assert!(bad.parse::<ErrorId>().is_err(), "{bad:?} parsed");
        }
        assert_eq!(
            "x".parse::<ErrorId>().unwrap_err().to_string(),
            "an error id is 16 hexadecimal digits"
        );
    }

    #[test]
    fn a_malformed_id_is_the_callers_onus() {
        use crate::Classified;
        let error = "x".parse::<ErrorId>().unwrap_err();
        assert!(error.is_business());
        assert_eq!(error.status(), crate::StatusCode::BAD_REQUEST);
        assert_eq!(error.code(), "onus.invalid_error_id");
        assert_eq!(
            error.public_message().to_string(),
            "an error id is 16 hexadecimal digits"
        );
    }

    #[test]
    fn serde_uses_the_display_string() {
        let id = ErrorId::from_u64(42);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, r#""000000000000002a""#);
        assert_eq!(serde_json::from_str::<ErrorId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ErrorId>(r#""nope""#).is_err());
    }

    #[test]
    fn mix_is_not_the_identity() {
        assert_ne!(mix(1), 1);
        assert_ne!(mix(1), mix(2));
    }
}
