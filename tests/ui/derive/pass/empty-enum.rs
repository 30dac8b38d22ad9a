// An enum without variants (an error that cannot happen) still implements `Classified`.
#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
pub enum Never {}

#[derive(Debug, thiserror::Error, onus::Classify)]
pub enum NoDefaults {}

fn classified(_: &impl onus::Classified) {}

fn main() {
    let never: Option<Never> = None;
    if let Some(never) = &never {
        classified(never);
    }
    let none: Option<NoDefaults> = None;
    if let Some(none) = &none {
        classified(none);
    }
}
