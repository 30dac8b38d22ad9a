#![allow(dead_code)]
// retry_without_backoff: a retry loop that retries at once or at a fixed pace.

use std::time::Duration;

fn connect() -> std::io::Result<()> {
    Ok(())
}

#[onus::check]
fn connect_with_retry() {
    loop {
        match connect() {
            Ok(()) => break,
            Err(error) => eprintln!("retrying: {error}"),
        }
    }
}

#[onus::check(deny(retry_without_backoff))]
fn connect_fixed_pace() -> std::io::Result<()> {
    for _attempt in 0..5 {
        if connect().is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    connect()
}

fn main() {}
