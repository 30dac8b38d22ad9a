#[derive(Debug)]
pub enum Error {
    /// The caller's entry names an account we do not know: their message, not a cause.
    Db(String),
    Declined,
    UnknownPlan,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ledger error")
    }
}

impl std::error::Error for Error {}

pub fn merge(_a: &str, _b: &str) {}

pub fn post(entry: &str) -> Result<u64, Error> {
    // `Db` of this `Error` is not a classified system variant: no flattened source.
    let text = std::fs::read_to_string(entry).map_err(|e| Error::Db(e.to_string()))?;
    let amount = text.len() as u64;
    let _ = crate::billing::merge("a", "b");
    // `payments` is another crate (neither declared nor imported here): its `charge` is not
    // `billing::charge`, whatever its name.
    let _ = payments::charge(entry);
    Ok(amount)
}
