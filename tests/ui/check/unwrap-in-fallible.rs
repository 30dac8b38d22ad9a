#![allow(dead_code)]
// unwrap_in_fallible: a function that can return an error panics on a failure instead.

#[onus::check]
fn port(text: &str) -> Result<u16, std::num::ParseIntError> {
    let port: u16 = text.trim().parse().unwrap();
    Ok(port)
}

#[onus::check(deny(unwrap_in_fallible))]
fn host(text: &str) -> std::io::Result<String> {
    let host = std::fs::read_to_string(text).expect("a host");
    if host.is_empty() {
        panic!("empty host");
    }
    Ok(host.to_owned())
}

fn main() {}
