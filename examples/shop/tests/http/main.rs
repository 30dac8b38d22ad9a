//! The shop over HTTP: a real server on `127.0.0.1:0`, a real fake payment provider, a real
//! client, and every error path, each checked for its status, its `application/problem+json`
//! body, the one log event it writes, and that nothing internal reaches the client.
//!
//! Every test runs on a current-thread runtime, so the server, the provider and the mail worker
//! all run on the test's thread, and the test's own log capture sees exactly their events.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod mail;
mod openapi;
mod orders;
mod payments;
mod signup;
mod support;
