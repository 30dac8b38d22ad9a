//! Shared helpers for the onus integration tests.
