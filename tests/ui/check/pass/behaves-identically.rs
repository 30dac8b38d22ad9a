// Annotated code with findings compiles (with warnings) and behaves exactly as without the
// attribute: the item is emitted unchanged, the warnings are items beside it.

use std::fs;

#[onus::check]
fn size(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

fn size_plain(path: &str) -> u64 {
    match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

#[onus::check]
trait Parse {
    fn parse_port(&self) -> Result<u16, std::num::ParseIntError>;

    fn port_or_default(&self) -> u16 {
        self.parse_port().unwrap_or_default()
    }
}

#[onus::check]
impl Parse for str {
    fn parse_port(&self) -> Result<u16, std::num::ParseIntError> {
        let port = self.trim().parse::<u16>().unwrap();
        Ok(port)
    }
}

#[onus::check(warn)]
mod config {
    #[derive(Debug, thiserror::Error)]
    #[error("bad config")]
    pub struct ConfigError;

    pub fn retries() -> u32 {
        let mut tries = 0;
        loop {
            tries += 1;
            match std::env::var("ONUS_NEVER_SET_IN_TESTS") {
                Ok(_) => break,
                Err(_) if tries < 3 => continue,
                Err(_) => break,
            }
        }
        tries
    }
}

fn main() {
    assert_eq!(size("/definitely/not/here"), size_plain("/definitely/not/here"));
    assert_eq!(size(file!()), size_plain(file!()));
    assert_eq!(" 8080 ".parse_port(), Ok(8080));
    assert_eq!("9".port_or_default(), 9);
    assert_eq!(config::retries(), 3);
    assert_eq!(config::ConfigError.to_string(), "bad config");
}
