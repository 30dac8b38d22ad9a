use crate::ledger;

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum Error {
    #[error("database: {0}")]
    #[onus(class = system, status = 503, severity = error)]
    Db(String),
    #[error("card declined")]
    #[onus(class = business, status = 402, severity = info)]
    Declined,
    #[error("unknown plan")]
    #[onus(class = business, status = 404, severity = info)]
    UnknownPlan,
}

pub fn merge(a: &str, b: &str) -> Result<String, std::fmt::Error> {
    Ok(format!("{a}{b}"))
}

pub fn charge(path: &str) -> Result<(), Error> {
    // `Db` is declared `class = system` here: the cause is flattened away.
    let _text = std::fs::read_to_string(path).map_err(|e| Error::Db(e.to_string()))?;
    // `merge` of this module returns a `Result`.
    let _ = merge("a", "b");
    // `ledger::merge` returns nothing: nothing is thrown away.
    let _ = ledger::merge("a", "b");
    Ok(())
}

pub fn status(error: &Error) -> u16 {
    // Two `Error` enums name `Declined` and `UnknownPlan`: this one has `Db` too.
    match error {
        Error::Declined => 402,
        Error::UnknownPlan => 404,
        _ => 500,
    }
}
