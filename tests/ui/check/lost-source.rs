#![allow(dead_code)]
// lost_source: an error replaced by another, the original cause thrown away.

#[derive(Debug)]
enum ConfigError {
    Unreadable,
    Invalid(std::num::ParseIntError),
}

#[onus::check]
fn port(path: &str) -> Result<u16, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|_| ConfigError::Unreadable)?;
    text.trim().parse().map_err(ConfigError::Invalid)
}

#[onus::check(deny(lost_source))]
fn port_denied(path: &str) -> Result<usize, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text.len()),
        Err(_) => Err(ConfigError::Unreadable),
    }
}

fn main() {}
