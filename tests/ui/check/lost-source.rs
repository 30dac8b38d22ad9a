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
fn port_denied(text: &str) -> Result<u16, ConfigError> {
    match text.trim().parse() {
        Ok(port) => Ok(port),
        Err(_) => Err(ConfigError::Unreadable),
    }
}

fn main() {}
