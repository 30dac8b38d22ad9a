//! Shared helpers for the onus integration tests.

/// The root README's Rust examples, compiled and run as doctests so the tour stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
